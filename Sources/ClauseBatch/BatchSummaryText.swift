import ClauseModel
import ClauseReporting
import Foundation

/// The end-of-run summary for people: files, clauses, findings by severity and by rule, the
/// contracts with the most findings, skipped files by reason, baseline and speed; and the
/// `--statistics` per-rule table.
public enum BatchSummaryText {
    /// How many rules the summary names (the statistics table names all).
    static let ruleLimit = 10

    public static func render(_ totals: BatchTotals, rules: [RuleDescriptor], statistics: Bool, timing: Bool = true) -> String {
        let summary = totals.summary
        var text = "Summary\n"
        text += "  files:     \(summary.files) linted"
        if totals.failedFiles > 0 { text += ", \(totals.failedFiles) with input errors" }
        if totals.skippedFiles > 0 { text += ", \(totals.skippedFiles) skipped" }
        text += "\n"
        text += "  clauses:   \(summary.clauses)\n"
        text += "  findings:  \(summary.totalFindings) (\(summary.count(.error)) error, \(summary.count(.warning)) warning, \(summary.count(.info)) info)"
        var extras: [String] = []
        if summary.suppressed > 0 { extras.append("\(summary.suppressed) suppressed inline") }
        if totals.baselined > 0 { extras.append("\(totals.baselined) in the baseline, not shown") }
        if !extras.isEmpty { text += "; " + extras.joined(separator: ", ") }
        text += "\n"
        if totals.skippedFiles > 0 {
            let reasons = totals.skippedByReason.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            text += "  skipped:   " + reasons.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
        }
        let byRule = summary.rulesByCount
        if !byRule.isEmpty && !statistics {
            let shown = byRule.prefix(ruleLimit).map { "\($0.rule) \($0.count)" }.joined(separator: ", ")
            text += "  by rule:   " + shown + (byRule.count > ruleLimit ? ", … (\(byRule.count - ruleLimit) more rules; --statistics lists all)" : "") + "\n"
        }
        if !summary.topFiles.isEmpty {
            text += "  most findings:\n"
            let width = String(summary.topFiles.first?.findings ?? 0).count
            for file in summary.topFiles.prefix(5) {
                text += "    " + String(repeating: " ", count: max(0, width - String(file.findings).count)) + "\(file.findings)  \(file.path)\n"
            }
        }
        if timing {
            text += "  time:      " + String(format: "%.2f s, %.1f MB/s", totals.elapsed, totals.megabytesPerSecond) + "\n"
        }
        if statistics {
            text += "\nFindings per rule\n"
            text += summary.statisticsTable(rules: rules)
        }
        return text
    }
}
