import ClauseModel
import ClauseReporting
import ClauseRules
import Foundation

/// What a finished batch run adds up to, beyond the reporters' `RunSummary`.
public struct BatchTotals: Sendable {
    public var summary: RunSummary
    /// Files found but not linted, by reason (`empty file`, `unsupported file type ('.pdf')`, …).
    public var skippedByReason: [String: Int] = [:]
    /// Files that could not be read or parsed (input errors).
    public var failedFiles = 0
    /// Findings left out because the baseline has them.
    public var baselined = 0
    /// Bytes of contract text read.
    public var bytes = 0
    public var elapsed: TimeInterval = 0
    /// The baseline recorded during the run (with `recordsBaseline`).
    public var recordedBaseline: Baseline?

    public var skippedFiles: Int { skippedByReason.values.reduce(0, +) }
    public var megabytesPerSecond: Double { elapsed > 0 ? Double(bytes) / 1_000_000 / elapsed : 0 }

    public init(summary: RunSummary = RunSummary()) {
        self.summary = summary
    }

    /// Adds one file's outcome.
    public mutating func add(_ outcome: FileOutcome) {
        summary.add(outcome.result)
        bytes += outcome.bytes
        baselined += outcome.baselined
        if !outcome.linted {
            if outcome.result.diagnostics.contains(where: { $0.severity == .error }) {
                failedFiles += 1
            } else if let warning = outcome.result.diagnostics.first {
                skippedByReason[Self.reason(warning.message), default: 0] += 1
            }
        }
    }

    /// The reason without the file-specific detail: `binary file (NUL byte at offset 12)` →
    /// `binary file`, `unsupported file type ('.pdf'); …` → `unsupported file type ('.pdf')`.
    static func reason(_ message: String) -> String {
        var text = message.hasPrefix("skipped: ") ? String(message.dropFirst(9)) : message
        if let semicolon = text.firstIndex(of: ";") { text = String(text[..<semicolon]) }
        if text.hasPrefix("binary file") { return "binary file" }
        if text.hasPrefix("symbolic link loop") { return "symbolic link loop" }
        if text.hasPrefix("same folder as") { return "folder reached twice through a symbolic link" }
        return text
    }
}

/// Runs a whole batch: every item through the pipeline on `jobs` workers, results to the
/// reporter in path order as soon as they are ready, output streamed to `output`.
///
/// Only the reorder window's results are in memory at once (see `OrderedParallelRunner`); the
/// totals keep counts and the top files, and a baseline being recorded keeps one small entry
/// per finding.
public struct BatchRun: Sendable {
    public var pipeline: FilePipeline
    public var jobs: Int
    public var showsProgress: Bool
    /// How many files may be read, parsed and prepared (`FilePipeline.preparesLint`) while the
    /// rules are still compiling: 64 hides most of the one-core start-up on two cores for
    /// CUAD-sized contracts (≈ 1 ms of preparing each) and holds ≈ 10 MB more at the peak.
    static let startupWindow = 64

    public init(pipeline: FilePipeline, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, showsProgress: Bool = false) {
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
        self.showsProgress = showsProgress
    }

    /// Lints `items` and writes the report's beginning and every document's part to `output`.
    /// `context` is asked for once, just before the first write (it may wait for the rules,
    /// which load while the first files are parsed); if it throws, nothing is written.
    /// The caller writes the reporter's `finish` (it may need the totals first, e.g. for
    /// disputes) and commits the output. `observe` sees every outcome in order (dispute
    /// linking keeps what it needs from it).
    public func run(
        _ items: [BatchItem],
        reporter: inout any Reporter,
        context: () async throws -> RunContext,
        output: ReportOutput,
        baselineDirectory: String? = nil,
        observe: (FileOutcome) -> Void = { _ in }
    ) async throws -> BatchTotals {
        let started = Date()
        var totals = BatchTotals()
        if pipeline.recordsBaseline { totals.recordedBaseline = Baseline(baseDirectory: baselineDirectory ?? FileManager.default.currentDirectoryPath) }
        var progress = ProgressBar(totalFiles: items.count, totalBytes: items.reduce(0) { $0 + $1.size }, enabled: showsProgress)
        var doneFiles = 0
        var doneBytes = 0
        var begun = false
        let pipeline = self.pipeline
        defer { progress.clear() }
        try await OrderedParallelRunner(jobs: jobs, startupWindow: Self.startupWindow).run(items, work: { item in try await pipeline.process(item) }) { index, outcome in
            if !begun {
                try output.write(reporter.begin(try await context()))
                begun = true
            }
            totals.add(outcome)
            if totals.recordedBaseline != nil {
                for finding in outcome.recordable { totals.recordedBaseline!.record(finding, path: outcome.result.path) }
            }
            observe(outcome)
            try output.write(reporter.document(outcome.result))
            doneFiles += 1
            doneBytes += items[index].size
            progress.update(doneFiles: doneFiles, doneBytes: doneBytes)
        }
        if !begun { try output.write(reporter.begin(try await context())) }
        totals.elapsed = Date().timeIntervalSince(started)
        return totals
    }
}
