import ClauseModel

/// A summary fit for a pull-request comment (GitHub-flavoured Markdown): the totals, a counts
/// table, findings by rule, the open disputes, input errors, and per file a collapsible table of
/// findings with links `path#Lline`.
///
/// A comment puts the totals first, but they are known only at the end, so this reporter keeps
/// its rendered file sections until `finish`. They are capped (`characterBudget`, GitHub refuses
/// comments over 65,536 characters), which also bounds memory; the rest is counted, not shown.
public struct MarkdownReporter: Reporter {
    /// Characters of file sections kept before the rest is only counted.
    public var characterBudget: Int
    /// Rows per file table before the rest is only counted.
    public var rowsPerFile: Int

    private var sections: [String] = []
    private var sectionCharacters = 0
    private var omittedFiles = 0
    private var inputErrorLines: [String] = []
    private var paths = SARIFPaths(workingDirectory: "/", repositoryRoot: "/")
    private var linkBase = ""
    private var toolName = "clauselint"
    private var ruleSeverities: [String: Severity] = [:]
    private var disputes = OpenDisputeCollector()

    public init(characterBudget: Int = 50_000, rowsPerFile: Int = 50) {
        self.characterBudget = characterBudget
        self.rowsPerFile = rowsPerFile
    }

    public mutating func begin(_ context: RunContext) -> String {
        paths = SARIFPaths(workingDirectory: context.workingDirectory, repositoryRoot: context.repositoryRoot)
        linkBase = context.linkBase ?? ""
        toolName = context.toolName
        ruleSeverities = Dictionary(context.rules.map { ($0.id, $0.severity) }, uniquingKeysWith: { first, _ in first })
        disputes = OpenDisputeCollector(knownDisputes: context.disputes)
        sections = []
        sectionCharacters = 0
        omittedFiles = 0
        inputErrorLines = []
        return ""
    }

    public mutating func document(_ result: DocumentResult) -> String {
        disputes.observe(result)
        for diagnostic in result.sortedDiagnostics {
            inputErrorLines.append("- \(Self.icon(diagnostic.severity)) `\(Self.codeSpan("\(diagnostic.path):\(diagnostic.line):\(diagnostic.column)"))`: \(Self.escape(diagnostic.message))")
        }
        let findings = result.sortedFindings.filter { $0.suppression == nil }
        guard !findings.isEmpty else { return "" }
        if sectionCharacters >= characterBudget {
            omittedFiles += 1
            return ""
        }
        let section = fileSection(result.path, findings)
        sections.append(section)
        sectionCharacters += section.count
        return ""
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        var output = "## \(toolName) report\n\n**\(summary.line)**\n\n"
        output += "| Severity | Findings |\n| --- | ---: |\n"
        for severity in Severity.allCases.reversed() {
            output += "| \(Self.icon(severity)) \(severity.rawValue) | \(summary.count(severity)) |\n"
        }
        output += "| suppressed | \(summary.suppressed) |\n"
        output += "| input errors | \(summary.inputErrors) |\n\n"
        output += "Files: \(summary.files) · clauses: \(summary.clauses)\n\n"

        let rules = summary.rulesByCount
        if !rules.isEmpty {
            output += "<details>\n<summary>Findings by rule</summary>\n\n| Rule | Severity | Findings |\n| --- | --- | ---: |\n"
            for row in rules {
                output += "| `\(Self.codeSpan(row.rule))` | \(ruleSeverities[row.rule]?.rawValue ?? "") | \(row.count) |\n"
            }
            output += "\n</details>\n\n"
        }

        let entries = disputes.resolve(summary.disputes, includeSuppressed: false)
        if !entries.isEmpty {
            output += "### Open disputes\n\n"
            for entry in entries { output += disputeSection(entry) }
            output += "\n"
        }

        if !inputErrorLines.isEmpty {
            output += "### Input errors\n\n" + inputErrorLines.joined(separator: "\n") + "\n\n"
        }

        if !sections.isEmpty {
            output += "### Findings by file\n\n" + sections.joined()
            if omittedFiles > 0 {
                output += "\(plural(omittedFiles, "more file")) with findings not shown here (the comment would be too long); see the full report.\n\n"
            }
        }
        return output
    }

    // MARK: - Pieces

    private func link(_ path: String, line: Int) -> String {
        linkBase + SARIFPaths.percentEncode(paths.relativePath(path)) + "#L\(line)"
    }

    private func fileSection(_ path: String, _ findings: [Finding]) -> String {
        var counts: [Severity: Int] = [:]
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        let tally = Severity.allCases.reversed().compactMap { severity in
            counts[severity].map { severity == .info ? "\($0) info" : plural($0, severity.rawValue) }
        }.joined(separator: ", ")
        var section = "<details>\n<summary><code>\(Self.html(path))</code>: \(tally)</summary>\n\n"
        section += "| Line | Severity | Rule | Clause | Finding |\n| ---: | --- | --- | --- | --- |\n"
        for finding in findings.prefix(rowsPerFile) {
            var text = Self.escape(finding.message)
            if let suggestion = finding.suggestion, !suggestion.isEmpty { text += "<br>*Suggestion:* " + Self.escape(suggestion) }
            if !finding.disputeIDs.isEmpty { text += "<br>*Disputes:* " + finding.disputeIDs.map(Self.escape).joined(separator: ", ") }
            let clause = finding.clause.map { Self.escape($0.shortLabel) } ?? (finding.isDocumentLevel ? "whole document" : "")
            section += "| [\(finding.span.startLine)](\(link(path, line: finding.span.startLine))) | \(Self.icon(finding.severity)) \(finding.severity.rawValue) | `\(Self.codeSpan(finding.ruleID))` | \(clause) | \(text) |\n"
        }
        if findings.count > rowsPerFile {
            section += "\n\(plural(findings.count - rowsPerFile, "more finding")) in this file not shown.\n"
        }
        return section + "\n</details>\n\n"
    }

    private func disputeSection(_ entry: OpenDispute) -> String {
        let dispute = entry.dispute
        var output = "- **\(Self.escape(dispute.id))**: \(Self.escape(dispute.title)) (\(Self.escape(dispute.facts)))"
        if let url = dispute.url, !url.isEmpty { output += " · [ticket](<\(url)>)" }
        output += "\n"
        for warning in dispute.warnings { output += "  - :warning: \(Self.escape(warning))\n" }
        if entry.clauses.isEmpty { output += "  - no linked clauses\n" }
        for linked in entry.clauses {
            let clause = linked.link.clause
            output += "  - [`\(Self.codeSpan(linked.link.path))` \(Self.escape(clause.label))](\(link(linked.link.path, line: clause.span.startLine))) · score \(formatScore(linked.link.score))"
            if !linked.link.reasons.isEmpty { output += ": " + Self.escape(linked.link.reasons.joined(separator: "; ")) }
            output += "\n"
            if linked.findings.isEmpty { output += "    - no findings\n" }
            for finding in linked.findings { output += "    - " + findingItem(finding) + "\n" }
        }
        for finding in entry.otherFindings { output += "  - " + findingItem(finding) + "\n" }
        return output
    }

    private func findingItem(_ finding: Finding) -> String {
        "\(Self.icon(finding.severity)) \(finding.severity.rawValue) `\(Self.codeSpan(finding.ruleID))` [line \(finding.span.startLine)](\(link(finding.path, line: finding.span.startLine))): \(Self.escape(finding.message))"
    }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .error: ":x:"
        case .warning: ":warning:"
        case .info: ":information_source:"
        }
    }

    /// Contract text inside Markdown (tables included): no formatting, links or HTML from it.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": output += "\\" + String(character)
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\n", "\r\n", "\r": output += "<br>"
            default: output.append(character)
            }
        }
        return output
    }

    /// Text inside a single-backtick code span in a table: backticks and pipes cannot appear.
    static func codeSpan(_ text: String) -> String {
        String(text.map { $0 == "`" ? "'" : $0 == "|" ? "¦" : $0 == "\n" ? " " : $0 })
    }

    static func html(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            default: output.append(character)
            }
        }
        return output
    }
}
