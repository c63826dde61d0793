import ArgumentParser
import ClauseBatch
import ClauseDisputes
import ClauseModel
import ClauseParsing
import ClauseReporting
import ClauseRules
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ReportFormat: ExpressibleByArgument {}

extension Severity: ExpressibleByArgument {}

/// `clauselint lint PATH...`: lint contracts and folders of contracts, in parallel, with output
/// in path order. Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage or
/// configuration error (nothing linted), 3 input errors (takes precedence over 1).
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint contracts: vague terms, missing clauses, placeholders, inconsistent numbers.",
        discussion: """
        Folders are walked recursively for .txt, .md, .xml/.akn and .html files; hidden folders
        are skipped. Exit codes: 0 no findings at or above --fail-on; 1 findings at or above
        --fail-on; 2 usage or configuration error; 3 input errors (a file could not be read or
        parsed; the others were linted). See docs/batch.md.
        """
    )

    @Argument(help: "Contract files and folders.")
    var paths: [String]

    @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(help: "Write the report to FILE (atomically: it appears only when complete).")
    var output: String?

    @Option(help: "Use this configuration file for every file instead of the nearest .clauselint.yml.")
    var config: String?

    @OptionGroup var folders: RuleFolderOptions

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1: error, warning or info.")
    var failOn: Severity = .error

    @Option(help: "Only lint files matching this glob (repeatable; * within a folder, ** across folders).")
    var include: [String] = []

    @Option(help: "Leave out files and folders matching this glob (repeatable).")
    var exclude: [String] = []

    @Option(help: "Report only findings not in this baseline file.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record every finding of this run in FILE (exit code then ignores findings).")
    var writeBaseline: String?

    @Option(help: "Lint only shard I of N (1-based), e.g. 2/8: a deterministic share of the files by path.")
    var shard: String?

    @Flag(help: "Print the number of findings per rule.")
    var statistics = false

    @Option(help: "A dispute register (YAML, JSON or CSV): link findings to open disputes.")
    var disputes: String?

    @Flag(name: .customLong("include-closed"), help: "With --disputes, also link resolved and closed disputes.")
    var includeClosed = false

    @Option(help: "Files linted at once (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .customLong("no-progress"), help: "No progress bar (it only appears when stderr is a terminal).")
    var noProgress = false

    func run() async throws {
        let standardError = StandardError()
        func usageError(_ message: String) -> ExitCode {
            standardError.write("error: \(message)\n")
            return ExitCode(2)
        }

        // Checked here rather than in `validate()`, so these usage errors exit with 2 like the others.
        if let jobs, jobs < 1 { throw usageError("--jobs must be at least 1") }
        if includeClosed && disputes == nil { throw usageError("--include-closed needs --disputes FILE") }
        let shardSpec: Shard?
        do { shardSpec = try shard.map(Shard.init(parsing:)) } catch { throw usageError("--shard: \(error)") }

        // Configuration and rules first: a problem there means nothing is linted (exit 2).
        guard let rulesRoot = RuleSet.defaultRulesDirectory(explicit: folders.rulesRoot) else {
            throw usageError("no rules folder found; pass --rules-root or set CLAUSELINT_RULES")
        }
        if let config, !FileManager.default.fileExists(atPath: config) {
            throw usageError("\(config): configuration file not found")
        }
        let walker = ContractWalker(options: WalkOptions(supportedExtensions: Set(DocumentFormat.supportedExtensions), include: include, exclude: exclude))
        var items = walker.walk(paths)
        let resolver = ConfigurationResolver(explicitPath: config)
        let excluded = LinterCatalog.excludedByConfiguration(items.map(\.path), resolver: resolver)
        items.removeAll { excluded.contains($0.path) }
        if items.isEmpty { standardError.write("warning: no contract files found in \(paths.joined(separator: ", "))\n") }
        if let shardSpec { items.removeAll { !shardSpec.contains(relativePath: $0.relativePath) } }

        var knownBaseline: Baseline?
        if let baseline {
            do { knownBaseline = try Baseline.load(path: baseline) } catch let problem as Diagnostic {
                standardError.write(problem.description + "\n")
                throw ExitCode(2)
            }
        }

        let report: ReportOutput
        do { report = try ReportOutput(output.map { .file($0) } ?? .standardOutput) } catch let problem as Diagnostic {
            throw usageError(problem.description)
        }
        let interruption = InterruptionGuard(temporaryPath: report.temporaryPath)

        // Compiling the rules takes a while: it runs while the workers read, parse and prepare
        // the first files (`BatchRun.startupWindow` of them). A problem with rules,
        // configuration or the dispute register stops the run (exit 2) before anything is written.
        let itemPaths = items.map(\.path)
        let ruleDirectories = [rulesRoot] + folders.extraRuleFolders
        let disputes = self.disputes
        let includeClosed = self.includeClosed
        let rulesTask = Task.detached { () throws -> (catalog: LinterCatalog, linking: DisputeLinking?) in
            let catalog = try LinterCatalog(paths: itemPaths, ruleDirectories: ruleDirectories, resolver: resolver)
            let linking = try disputes.map { try DisputeLinking(registerPath: $0, catalog: catalog, includeClosed: includeClosed) }
            return (catalog, linking)
        }
        var pipeline = FilePipeline(
            parse: FilePipeline.standardParse,
            rules: {
                let (catalog, linking) = try await rulesTask.value
                return LintRules(linters: { catalog.linter(for: $0) }, disputes: linking)
            },
            baseline: knownBaseline,
            recordsBaseline: writeBaseline != nil
        )
        // Defined terms, numbering and the clause-number index need no rules: analysed while
        // the rules compile (`Linter.prepare`).
        pipeline.preparesLint = true
        let environment = ProcessInfo.processInfo.environment
        let useColor = output == nil && format == .text && ColorPolicy.shouldColor(environment: environment, isTerminal: isatty(STDOUT_FILENO) != 0)
        var reporter = format.makeReporter()
        let run = BatchRun(pipeline: pipeline, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, showsProgress: !noProgress && isatty(STDERR_FILENO) != 0)
        var totals: BatchTotals
        var registerErrors = false
        do {
            var keptLinks: [LinkedDocument] = []
            let baselineDirectory = writeBaseline.map { ($0 as NSString).deletingLastPathComponent }.map { $0.isEmpty ? "." : $0 }
            totals = try await run.run(items, reporter: &reporter, context: {
                let (catalog, linking) = try await rulesTask.value
                return RunContext(
                    rules: catalog.descriptors,
                    toolVersion: ClauseLintVersion.current,
                    workingDirectory: FileManager.default.currentDirectoryPath,
                    useColor: useColor,
                    disputes: linking?.knownDisputes ?? []
                )
            }, output: report, baselineDirectory: baselineDirectory) { outcome in
                for diagnostic in outcome.result.diagnostics where diagnostic.severity == .error {
                    standardError.write(diagnostic.description + "\n")
                }
                if let kept = DisputeLinking.trimmed(outcome.linkedDocument) { keptLinks.append(kept) }
            }
            let (catalog, linking) = try await rulesTask.value
            for problem in linking?.problems ?? [] { standardError.write(problem.description + "\n") }
            registerErrors = linking?.problems.contains { $0.severity == .error } ?? false
            totals.summary.disputes = linking?.summaries(keptLinks, inputPaths: itemPaths) ?? []
            try report.write(reporter.finish(totals.summary))
            let summaryText = BatchSummaryText.render(totals, rules: catalog.descriptors, statistics: statistics)
            if format == .text {
                try report.write("\n" + summaryText)
            } else {
                standardError.write(summaryText)
            }
            try report.commit()
        } catch {
            report.discard()
            switch error {
            case let problems as Diagnostics: standardError.write(problems.description + "\n")
            case let problem as Diagnostic: standardError.write(problem.description + "\n")
            default: standardError.write("error: \(error)\n")
            }
            throw ExitCode(2)
        }
        interruption.disarm()

        if let writeBaseline, let recorded = totals.recordedBaseline {
            do {
                try writeAtomically(recorded.encoded(), to: writeBaseline)
                standardError.write("baseline: recorded \(recorded.totalCount) findings in \(writeBaseline)\n")
            } catch {
                throw usageError("\(writeBaseline): cannot write the baseline: \(error)")
            }
        }

        if totals.summary.inputErrors > 0 || registerErrors { throw ExitCode(3) }
        if writeBaseline != nil { return }
        let failing = totals.summary.findingsBySeverity.contains { $0.key >= failOn && $0.value > 0 }
        if failing { throw ExitCode(1) }
    }
}

/// Unbuffered writes to stderr (diagnostics must not wait for the report).
struct StandardError: Sendable {
    func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// On Ctrl-C or SIGTERM while a report is being written to a temporary file, removes that file
/// and exits with 130 (interrupted), so neither the target nor a stray temporary file is left.
/// Dispatch signal sources rather than a C signal handler: the handler runs as ordinary code.
final class InterruptionGuard: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(temporaryPath: String?) {
        guard let temporaryPath else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                unlink(temporaryPath)
                FileHandle.standardError.write(Data("\ninterrupted; no report written\n".utf8))
                exit(130)
            }
            source.resume()
            sources.append(source)
        }
    }

    func disarm() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
