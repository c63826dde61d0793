import ClauseModel

/// The format for people reading a terminal or a CI log:
///
///     contracts/services.md:14:38: warning: "reasonable" leaves the time open [vague-reasonable]
///       in 12.3 "Refunds" [refund, payment]
///      14 | Provider shall issue refunds within a reasonable time.
///         |                                      ^~~~~~~~~~
///       suggestion: Name a number of days.
///
/// Input errors print as `path:line:column: error: message`. Suppressed findings are not shown
/// (the summary line counts them).
public struct TextReporter: Reporter {
    private var style = TextStyle(enabled: false)
    private var disputes = OpenDisputeCollector()

    public init() {}

    public mutating func begin(_ context: RunContext) -> String {
        style = TextStyle(enabled: context.useColor)
        disputes = OpenDisputeCollector(knownDisputes: context.disputes)
        return ""
    }

    public mutating func document(_ result: DocumentResult) -> String {
        disputes.observe(result)
        var output = ""
        for diagnostic in result.sortedDiagnostics {
            output += style.apply(.bold, "\(diagnostic.path):\(diagnostic.line):\(diagnostic.column):") + " " + style.severity(diagnostic.severity) + " " + diagnostic.message + "\n"
        }
        if !result.diagnostics.isEmpty { output += "\n" }
        for finding in result.sortedFindings where finding.suppression == nil {
            output += render(finding, lines: result.lines)
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        var output = ""
        let entries = disputes.resolve(summary.disputes, includeSuppressed: false)
        if !entries.isEmpty {
            output += style.apply(.bold, "Open disputes:") + "\n"
            for entry in entries { output += render(entry) }
            output += "\n"
        }
        output += style.apply(.bold, summary.line) + "\n"
        return output
    }

    private func location(_ path: String, _ span: SourceSpan) -> String {
        "\(path):\(span.startLine):\(span.startColumn):"
    }

    private func headline(_ finding: Finding) -> String {
        style.apply(.bold, location(finding.path, finding.span)) + " " + style.severity(finding.severity) + " " + finding.message + " " + style.apply(.dim, "[\(finding.ruleID)]")
    }

    private func render(_ finding: Finding, lines: LineIndex?) -> String {
        var output = headline(finding) + "\n"
        if let clause = finding.clause {
            output += "  in " + clause.label + "\n"
        } else if finding.isDocumentLevel {
            output += "  in the whole document\n"
        }
        if let lines, !finding.isDocumentLevel || finding.span.length > 0 {
            for line in SourceExcerpt.render(lines: lines, span: finding.span, style: style) {
                output += line + "\n"
            }
        }
        if let suggestion = finding.suggestion, !suggestion.isEmpty {
            output += "  " + style.apply(.bold, "suggestion:") + " " + suggestion + "\n"
        }
        for related in finding.relatedLocations {
            output += "  note: " + location(related.path, related.span) + " " + related.message + "\n"
        }
        if !finding.disputeIDs.isEmpty {
            output += "  disputes: " + finding.disputeIDs.joined(separator: ", ") + "\n"
        }
        return output + "\n"
    }

    private func render(_ entry: OpenDispute) -> String {
        let dispute = entry.dispute
        var output = "  " + style.apply(.bold, dispute.id) + " \"\(dispute.title)\" (\(dispute.facts))"
        if let url = dispute.url, !url.isEmpty { output += " " + url }
        output += "\n"
        for warning in dispute.warnings {
            output += "    " + style.severity(.warning) + " " + warning + "\n"
        }
        if entry.clauses.isEmpty {
            output += "    no linked clauses\n"
        }
        for linked in entry.clauses {
            var line = "    " + location(linked.link.path, linked.link.clause.span) + " " + linked.link.clause.label + " (score " + formatScore(linked.link.score)
            if !linked.link.reasons.isEmpty { line += ": " + linked.link.reasons.joined(separator: "; ") }
            output += line + ")\n"
            if linked.findings.isEmpty { output += "      no findings\n" }
            for finding in linked.findings { output += "      " + headline(finding) + "\n" }
        }
        for finding in entry.otherFindings { output += "    " + headline(finding) + "\n" }
        return output
    }
}

/// Scores with two decimals (`0.92`), without Foundation's `String(format:)`.
func formatScore(_ score: Double) -> String {
    guard score.isFinite else { return "0.00" }
    let hundredths = Int((abs(score) * 100).rounded())
    let fraction = hundredths % 100
    return (score < 0 ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}
