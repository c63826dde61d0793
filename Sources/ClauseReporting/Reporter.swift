import ClauseModel

/// The output formats of `clauselint lint --format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// For people: `path:line:col: severity: message [rule-id]`, the clause, an underlined excerpt.
    case text
    /// One JSON value with a documented, stable schema (docs/output.md).
    case json
    /// One JSON object per line per finding and per input error, streamed as files finish.
    case jsonl
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
    case sarif
    /// A summary fit for a pull-request comment.
    case markdown
    /// GitHub Actions workflow commands (`::error file=…::message`) that become annotations.
    case github

    /// A fresh reporter for one run in this format.
    public func makeReporter() -> any Reporter {
        switch self {
        case .text: TextReporter()
        case .json: JSONReporter()
        case .jsonl: JSONLinesReporter()
        case .sarif: SARIFReporter()
        case .markdown: MarkdownReporter()
        case .github: GitHubReporter()
        }
    }
}

/// Renders a lint run as it happens, so the caller can write output while files are still being
/// linted and keep memory bounded by the largest file rather than by the whole run.
///
/// Call `begin` once, `document` once per file in the order the output should have (path order),
/// then `finish` once; write each returned string immediately. Formats that must be one JSON value
/// (json, sarif) return their opening, each document's part and their closing; the markdown
/// reporter keeps its rendered rows until `finish` because a PR comment puts the totals first.
/// Every reporter also keeps the (few) findings linked to disputes, for the "Open disputes" part.
public protocol Reporter: Sendable {
    /// Text to write before any document (may be empty).
    mutating func begin(_ context: RunContext) -> String
    /// Text to write for one finished document (may be empty).
    mutating func document(_ result: DocumentResult) -> String
    /// Text to write at the end: the "Open disputes" part, the summary, closing brackets.
    mutating func finish(_ summary: RunSummary) -> String
}

extension Reporter {
    /// The whole report for results already in memory (tests, `explain`, small runs).
    public mutating func render(_ context: RunContext, _ results: [DocumentResult], disputes: [DisputeSummary] = []) -> String {
        var output = begin(context)
        var summary = RunSummary()
        for result in results {
            output += document(result)
            summary.add(result)
        }
        summary.disputes = disputes
        output += finish(summary)
        return output
    }
}

/// What every reporter needs to know about the run before the first document.
public struct RunContext: Sendable {
    /// Every rule that can produce a finding in this run (SARIF writes them before the results,
    /// and a result's `ruleIndex` points into this list).
    public var rules: [RuleDescriptor]
    public var toolName: String
    public var toolVersion: String
    /// Where the tool's documentation lives (SARIF `tool.driver.informationUri`; also the base of
    /// relative rule help links). Omitted from the output when nil.
    public var informationURI: String?
    /// Absolute directory that relative document paths are relative to (the process's cwd).
    public var workingDirectory: String
    /// Absolute directory SARIF and markdown links are relative to (`%SRCROOT%`, usually the
    /// repository root); defaults to `workingDirectory`.
    public var repositoryRoot: String
    /// ANSI colour in the text format; decide it with `ColorPolicy.shouldColor`.
    public var useColor: Bool
    /// Disputes known before linting (from the register; their `clauses` may still be empty).
    /// SARIF needs them while results stream, to write a dispute's url as `workItemUris`; the
    /// linked disputes for the "Open disputes" part come in `RunSummary.disputes`.
    public var disputes: [DisputeSummary]
    /// Prefix for links to files in the markdown format, e.g.
    /// `https://github.com/OWNER/REPO/blob/SHA/`; nil links relative to the repository root.
    public var linkBase: String?

    public init(
        rules: [RuleDescriptor] = [],
        toolName: String = "clauselint",
        toolVersion: String,
        informationURI: String? = nil,
        workingDirectory: String,
        repositoryRoot: String? = nil,
        useColor: Bool = false,
        disputes: [DisputeSummary] = [],
        linkBase: String? = nil
    ) {
        self.rules = rules
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.informationURI = informationURI
        self.workingDirectory = workingDirectory
        self.repositoryRoot = repositoryRoot ?? workingDirectory
        self.useColor = useColor
        self.disputes = disputes
        self.linkBase = linkBase
    }
}

/// One linted file as reporters see it: its findings and its input problems.
public struct DocumentResult: Sendable {
    public var path: String
    /// Nil when the file could not be read or parsed (then `diagnostics` says why).
    public var format: DocumentFormat?
    public var clauseCount: Int
    public var findings: [Finding]
    /// Input errors and warnings for this file (unreadable, malformed, skipped, decoding fallback).
    public var diagnostics: [Diagnostic]
    /// The document's text index, for source excerpts (text format, SARIF context snippets);
    /// nil shows no excerpt.
    public var lines: LineIndex?

    public init(path: String, format: DocumentFormat?, clauseCount: Int, findings: [Finding] = [], diagnostics: [Diagnostic] = [], lines: LineIndex? = nil) {
        self.path = path
        self.format = format
        self.clauseCount = clauseCount
        self.findings = findings
        self.diagnostics = diagnostics
        self.lines = lines
    }

    /// A result for a parsed document: counts its clauses and carries its warnings and text index.
    public init(document: Document, findings: [Finding], diagnostics: [Diagnostic] = []) {
        self.init(
            path: document.path,
            format: document.format,
            clauseCount: document.allClauses.count,
            findings: findings,
            diagnostics: document.warnings + diagnostics,
            lines: document.lines
        )
    }

    /// A result for a file that could not be linted.
    public init(path: String, failure: Diagnostic) {
        self.init(path: path, format: nil, clauseCount: 0, diagnostics: [failure])
    }

    /// Findings in reading order (offset, then rule id, then message): the order every reporter
    /// uses, so output does not depend on the order rules ran in.
    public var sortedFindings: [Finding] {
        // Rules usually emit findings in order already; checking is cheaper than sorting copies
        // of a large struct.
        var index = 1
        while index < findings.count, !Finding.readingOrder(findings[index], findings[index - 1]) { index += 1 }
        return index >= findings.count ? findings : findings.sorted(by: Finding.readingOrder)
    }

    public var sortedDiagnostics: [Diagnostic] {
        diagnostics.sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) }
    }
}

extension Finding {
    static func readingOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.span.startOffset != b.span.startOffset { return a.span.startOffset < b.span.startOffset }
        if a.span.endOffset != b.span.endOffset { return a.span.endOffset < b.span.endOffset }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

/// Totals of a run, accumulated document by document with `add(_:)` (memory stays bounded:
/// only counts and the top files are kept).
public struct RunSummary: Sendable {
    public struct FileCount: Hashable, Sendable {
        public var path: String
        public var findings: Int
        public init(path: String, findings: Int) {
            self.path = path
            self.findings = findings
        }
    }

    /// Documents that were read and linted.
    public var files = 0
    /// Files that could not be linted (unreadable, malformed, skipped): results with no format.
    public var failedFiles = 0
    public var clauses = 0
    /// Unsuppressed findings by severity.
    public var findingsBySeverity: [Severity: Int] = [:]
    /// Unsuppressed findings by rule id.
    public var findingsByRule: [String: Int] = [:]
    /// Findings silenced by an inline suppression (counted, but not shown by the text, markdown
    /// and github formats).
    public var suppressed = 0
    public var inputErrors = 0
    public var inputWarnings = 0
    /// The files with the most unsuppressed findings, most first (ties in path order).
    public var topFiles: [FileCount] = []
    /// How many `topFiles` to keep.
    public var topFileLimit: Int
    /// Disputes linked to this run's clauses, for the "Open disputes" part (the disputes stage
    /// leaves closed ones out unless asked to include them).
    public var disputes: [DisputeSummary] = []

    public init(topFileLimit: Int = 10) {
        self.topFileLimit = topFileLimit
    }

    public var totalFindings: Int { findingsBySeverity.values.reduce(0, +) }

    public func count(_ severity: Severity) -> Int { findingsBySeverity[severity, default: 0] }

    public mutating func add(_ result: DocumentResult) {
        if result.format == nil { failedFiles += 1 } else { files += 1 }
        clauses += result.clauseCount
        var shown = 0
        for finding in result.findings {
            if finding.suppression != nil {
                suppressed += 1
                continue
            }
            shown += 1
            findingsBySeverity[finding.severity, default: 0] += 1
            findingsByRule[finding.ruleID, default: 0] += 1
        }
        for diagnostic in result.diagnostics {
            if diagnostic.severity == .error { inputErrors += 1 } else { inputWarnings += 1 }
        }
        guard shown > 0, topFileLimit > 0 else { return }
        let entry = FileCount(path: result.path, findings: shown)
        let index = topFiles.firstIndex { $0.findings < shown || ($0.findings == shown && $0.path > result.path) } ?? topFiles.count
        if index < topFileLimit {
            topFiles.insert(entry, at: index)
            if topFiles.count > topFileLimit { topFiles.removeLast() }
        }
    }

    /// `3 errors, 5 warnings, 1 info in 4 files`, plus suppressed findings and input problems
    /// when there are any.
    public var line: String {
        var text = "\(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(count(.info)) info in \(plural(files, "file"))"
        var extras: [String] = []
        if suppressed > 0 { extras.append("\(suppressed) suppressed") }
        if failedFiles > 0 { extras.append("\(plural(failedFiles, "file")) not linted") }
        if inputErrors > 0 { extras.append(plural(inputErrors, "input error")) }
        if inputWarnings > 0 { extras.append(plural(inputWarnings, "input warning")) }
        if !extras.isEmpty { text += " (" + extras.joined(separator: ", ") + ")" }
        return text
    }

    /// Rules by how often they fired, most first (ties by id).
    public var rulesByCount: [(rule: String, count: Int)] {
        findingsByRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The per-rule table for `--statistics`: count, severity and rule id, most frequent first.
    public func statisticsTable(rules: [RuleDescriptor]) -> String {
        let severities = Dictionary(rules.map { ($0.id, $0.severity) }, uniquingKeysWith: { first, _ in first })
        let rows = rulesByCount
        let width = max(5, String(rows.first?.count ?? 0).count)
        var text = leftPad("count", width) + "  severity  rule\n"
        for row in rows {
            let severity = severities[row.rule]?.rawValue ?? "-"
            text += leftPad(String(row.count), width) + "  " + severity + String(repeating: " ", count: max(1, 10 - severity.count)) + row.rule + "\n"
        }
        return text
    }
}

func leftPad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// Whether to colour text output: only on a terminal, and never when `NO_COLOR` is set to a
/// non-empty value (https://no-color.org) or the terminal is `dumb`. The CLI decides; reporters
/// only follow `RunContext.useColor`, so files and pipes never get escape codes by accident.
public enum ColorPolicy {
    public static func shouldColor(environment: [String: String], isTerminal: Bool) -> Bool {
        guard isTerminal else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }
}
