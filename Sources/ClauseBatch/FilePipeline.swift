import ClauseDisputes
import ClauseModel
import ClauseParsing
import ClauseReporting
import ClauseRules
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one file of a batch run produced, ready for the reporters.
public struct FileOutcome: Sendable {
    public var result: DocumentResult
    /// Bytes read (for throughput and the progress bar).
    public var bytes: Int
    /// Findings left out because the baseline already has them.
    public var baselined: Int
    /// Fingerprints of the findings to record when writing a baseline (unsuppressed, before
    /// the baseline filter); empty when no baseline is being written.
    public var recordable: [Finding]
    /// With `--disputes`: this document's links (to keep for the "Open disputes" part).
    public var linkedDocument: LinkedDocument?
    /// Whether the file was linted (false for skipped and failed files).
    public var linted: Bool { result.format != nil }

    public init(result: DocumentResult, bytes: Int, baselined: Int = 0, recordable: [Finding] = []) {
        self.result = result
        self.bytes = bytes
        self.baselined = baselined
        self.recordable = recordable
    }
}

/// The rules a file is linted with: its linter (by path, following its configuration) and the
/// dispute register's linker. Loading them takes a while (compiling every rule's patterns), so
/// the CLI loads them while the first files are read and parsed.
public struct LintRules: Sendable {
    public var linters: @Sendable (_ path: String) -> Linter
    /// Links lint results to a dispute register (`--disputes`).
    public var disputes: DisputeLinking?

    public init(linters: @escaping @Sendable (_ path: String) -> Linter, disputes: DisputeLinking? = nil) {
        self.linters = linters
        self.disputes = disputes
    }
}

/// read → skip checks → parse → lint → (link disputes) → baseline, for one file. A value type
/// with immutable parts, so workers share one copy.
public struct FilePipeline: Sendable {
    /// Parses a file's bytes (ClauseParsing's `DocumentLoader` in the CLI; simpler parsers in tests).
    public var parse: @Sendable (_ bytes: [UInt8], _ path: String) -> Result<Document, Diagnostic>
    /// The rules, awaited only once a file is parsed (an error here, such as a bad rule file,
    /// stops the run).
    public var rules: @Sendable () async throws -> LintRules
    public var baseline: Baseline?
    /// Keep unsuppressed findings so the run can record a new baseline.
    public var recordsBaseline: Bool
    /// Do `Linter.prepare` (the rule-independent part of linting) before waiting for the rules.
    public var preparesLint = false

    public init(
        parse: @escaping @Sendable (_ bytes: [UInt8], _ path: String) -> Result<Document, Diagnostic>,
        rules: @escaping @Sendable () async throws -> LintRules,
        baseline: Baseline? = nil,
        recordsBaseline: Bool = false
    ) {
        self.parse = parse
        self.rules = rules
        self.baseline = baseline
        self.recordsBaseline = recordsBaseline
    }

    /// With rules already loaded.
    public init(
        parse: @escaping @Sendable (_ bytes: [UInt8], _ path: String) -> Result<Document, Diagnostic>,
        linters: @escaping @Sendable (_ path: String) -> Linter,
        disputes: DisputeLinking? = nil,
        baseline: Baseline? = nil,
        recordsBaseline: Bool = false
    ) {
        let rules = LintRules(linters: linters, disputes: disputes)
        self.init(parse: parse, rules: { rules }, baseline: baseline, recordsBaseline: recordsBaseline)
    }

    public func process(_ item: BatchItem) async throws -> FileOutcome {
        switch item.kind {
        case .skipped(let diagnostic):
            return FileOutcome(result: DocumentResult(path: item.path, failure: diagnostic), bytes: item.size)
        case .contract:
            break
        }
        let bytes: [UInt8]
        switch FileReading.read(item.path) {
        case .failure(let diagnostic):
            return FileOutcome(result: DocumentResult(path: item.path, failure: diagnostic), bytes: 0)
        case .success(let read):
            bytes = read
        }
        if let reason = FileReading.skipReason(bytes) {
            return FileOutcome(result: DocumentResult(path: item.path, failure: Diagnostic(path: item.path, severity: .warning, message: "skipped: \(reason)")), bytes: bytes.count)
        }
        let document: Document
        switch parse(bytes, item.path) {
        case .failure(let diagnostic):
            return FileOutcome(result: DocumentResult(path: item.path, failure: diagnostic), bytes: bytes.count)
        case .success(let parsed):
            document = parsed
        }
        let prepared = preparesLint ? Linter.prepare(document) : nil
        let rules = try await self.rules()
        let linter = rules.linters(item.path)
        var linted = linter.lint(document, prepared: prepared)
        var linkedDocument: LinkedDocument?
        if let disputes = rules.disputes {
            // Only the dispute linking follows references, so only it pays for resolving them.
            linted.document = CrossReferenceResolver.annotate(linted.document)
            let linked = disputes.link(linted, linter: linter)
            linted = linked.result
            linkedDocument = linked
        }
        var findings = linted.findings
        let recordable = recordsBaseline ? findings.filter { $0.suppression == nil } : []
        var baselined = 0
        if let baseline {
            (findings, baselined) = baseline.partition(findings, path: item.path)
        }
        let result = DocumentResult(document: linted.document, findings: findings, diagnostics: linted.warnings)
        var outcome = FileOutcome(result: result, bytes: bytes.count, baselined: baselined, recordable: recordable)
        outcome.linkedDocument = linkedDocument
        return outcome
    }
}

/// Reading files for the pipeline, and the checks that skip a file before parsing.
public enum FileReading {
    /// How many leading bytes the binary check looks at.
    static let binaryProbe = 8192

    /// The whole file, straight into `[UInt8]` with POSIX calls.
    public static func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(Diagnostic(path: path, message: "cannot read: \(ContractWalker.errnoText(errno))")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(Diagnostic(path: path, message: "cannot read: \(ContractWalker.errnoText(errno))")) }
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let got = bytes.withUnsafeMutableBytes { raw in POSIXCalls.read(descriptor, raw.baseAddress! + count, raw.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(Diagnostic(path: path, message: "cannot read: \(ContractWalker.errnoText(errno))"))
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// Why a file is skipped rather than parsed: empty (or only white space), or binary (a NUL
    /// byte early on, which text never has unless it is UTF-16 with a byte-order mark, which the
    /// parser decodes). Nil for files to parse.
    public static func skipReason(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !utf16 {
            let end = min(bytes.count, binaryProbe)
            if start < end, let nul = bytes[start..<end].firstIndex(of: 0) {
                return "binary file (NUL byte at offset \(nul))"
            }
        }
        let content = bytes[(utf16 ? 2 : start)...]
        let blank = content.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C || $0 == 0x00 }
        if blank { return content.isEmpty ? "empty file" : "empty file (only white space)" }
        return nil
    }
}

extension FilePipeline {
    /// ClauseParsing's loader, with the format taken from the file's extension.
    public static let standardParse: @Sendable (_ bytes: [UInt8], _ path: String) -> Result<Document, Diagnostic> = { bytes, path in
        guard let format = DocumentFormat(path: path) else {
            return .failure(Diagnostic(path: path, message: "unsupported file type; clauselint reads \(DocumentFormat.supportedExtensions.map { "." + $0 }.joined(separator: ", "))"))
        }
        return DocumentLoader().parse(bytes: bytes, path: path, format: format)
    }
}
