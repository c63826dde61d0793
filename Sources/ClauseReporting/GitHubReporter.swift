import ClauseModel

/// GitHub Actions workflow commands: each finding and input problem becomes an annotation on
/// the file in the pull request (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`).
/// Open disputes become `::notice` annotations on their linked clauses; the summary is a plain
/// log line. Suppressed findings are not annotated.
public struct GitHubReporter: Reporter {
    private var paths = SARIFPaths(workingDirectory: "/", repositoryRoot: "/")
    private var toolName = "clauselint"
    private var disputes = OpenDisputeCollector()
    /// The current document's path relative to the repository root (computed once per document).
    private var currentFile: (path: String, relative: String)?
    /// Annotations written, by command (`error`, `warning`, `notice`).
    private var written: [String: Int] = [:]

    /// GitHub shows at most this many annotations of each kind per step (and 50 per job); the
    /// rest stay in the log only, so the reporter says so at the end.
    public static let annotationsShownPerKind = 10

    public init() {}

    public mutating func begin(_ context: RunContext) -> String {
        paths = SARIFPaths(workingDirectory: context.workingDirectory, repositoryRoot: context.repositoryRoot)
        toolName = context.toolName
        disputes = OpenDisputeCollector(knownDisputes: context.disputes)
        written = [:]
        return ""
    }

    public mutating func document(_ result: DocumentResult) -> String {
        disputes.observe(result)
        currentFile = (result.path, paths.relativePath(result.path))
        var output = ""
        for diagnostic in result.sortedDiagnostics {
            written[Self.command(for: diagnostic.severity), default: 0] += 1
            output += Self.command(
                Self.command(for: diagnostic.severity),
                properties: [
                    ("file", diagnostic.path == result.path ? currentFile!.relative : paths.relativePath(diagnostic.path)),
                    ("line", String(diagnostic.line)),
                    ("col", String(diagnostic.column)),
                    ("title", "\(toolName): input \(diagnostic.severity.rawValue)"),
                ],
                message: diagnostic.message
            )
        }
        for finding in result.sortedFindings where finding.suppression == nil {
            var message = finding.message
            if let clause = finding.clause { message += "\nClause: " + clause.label }
            if let suggestion = finding.suggestion, !suggestion.isEmpty { message += "\nSuggestion: " + suggestion }
            if !finding.disputeIDs.isEmpty { message += "\nOpen disputes: " + finding.disputeIDs.joined(separator: ", ") }
            written[Self.command(for: finding.severity), default: 0] += 1
            output += Self.command(
                Self.command(for: finding.severity),
                properties: location(finding.path, finding.span) + [("title", "\(toolName) [\(finding.ruleID)]")],
                message: message
            )
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        var output = ""
        for entry in disputes.resolve(summary.disputes, includeSuppressed: false) {
            let dispute = entry.dispute
            for linked in entry.clauses {
                var message = "Clause \(linked.link.clause.label) is linked to dispute \(dispute.id) \"\(dispute.title)\" (\(dispute.facts))"
                if let url = dispute.url, !url.isEmpty { message += " " + url }
                if !linked.link.reasons.isEmpty { message += "\nWhy: " + linked.link.reasons.joined(separator: "; ") }
                if linked.findings.isEmpty {
                    message += "\nNo findings on this clause."
                } else {
                    for finding in linked.findings {
                        message += "\n\(finding.span.startLine):\(finding.span.startColumn) \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]"
                    }
                }
                output += Self.command(
                    "notice",
                    properties: location(linked.link.path, linked.link.clause.span, columns: false) + [("title", "Open dispute \(dispute.id): \(dispute.title)")],
                    message: message
                )
            }
            if entry.clauses.isEmpty {
                output += Self.command("notice", properties: [("title", "Open dispute \(dispute.id): \(dispute.title)")], message: "No clause linked to dispute \(dispute.id) (\(dispute.facts)).")
            }
        }
        let hidden = written.filter { $0.value > Self.annotationsShownPerKind }.sorted { $0.key < $1.key }
        if !hidden.isEmpty {
            let counts = hidden.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            output += Self.command("notice", properties: [("title", "\(toolName): more findings than annotations")],
                                   message: "This step wrote \(counts) annotations; GitHub shows at most \(Self.annotationsShownPerKind) of each kind per step. All of them are in this log; upload the SARIF report (--format sarif) to see every finding in code scanning.")
        }
        output += "\(toolName): \(summary.line)\n"
        return output
    }

    private func location(_ path: String, _ span: SourceSpan, columns: Bool = true) -> [(String, String)] {
        let file = currentFile?.path == path ? currentFile!.relative : paths.relativePath(path)
        var properties = [("file", file), ("line", String(span.startLine))]
        if columns { properties.append(("col", String(span.startColumn))) }
        properties.append(("endLine", String(columns ? span.endLine : span.lastTextLine)))
        if columns { properties.append(("endColumn", String(span.endColumn))) }
        return properties
    }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// `::name key=value,…::message` plus a newline, escaped as the runner expects.
    static func command(_ name: String, properties: [(String, String)], message: String) -> String {
        var output = "::" + name
        if !properties.isEmpty {
            output += " " + properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        }
        return output + "::" + escapeData(message) + "\n"
    }

    /// Message text: `%`, CR and LF are percent-encoded (the runner decodes them; a raw newline
    /// would end the command).
    static func escapeData(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Property values additionally encode `:` and `,`, which separate properties.
    static func escapeProperty(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            case ":": output += "%3A"
            case ",": output += "%2C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
