import ClauseModel
import Foundation

/// Picks a clause kind from what a structured format tells us: a keyword in the number
/// (`Article`, `Schedule`), the heading's wording (recitals, signatures, schedules), else the depth.
enum ClauseKindGuess {
    static func kind(number: MarkupNumber?, heading: String?, depth: Int) -> ClauseKind {
        if let hint = number?.kindHint { return hint }
        if let heading {
            let lower = heading.lowercased()
            for prefix in ["schedule", "exhibit", "annex", "appendix", "addendum", "attachment"] where lower.hasPrefix(prefix) {
                return .schedule
            }
            if lower.hasPrefix("recital") || lower == "background" || lower.hasPrefix("whereas") { return .recital }
            if lower.hasPrefix("signature") || lower.hasPrefix("in witness whereof") || lower == "execution" { return .signatureBlock }
        }
        switch depth {
        case ...1: return .section
        case 2: return .clause
        default: return .subClause
        }
    }

    /// Headings that introduce a table of contents, whose entries must not become clauses.
    static func isTableOfContents(_ heading: String) -> Bool {
        let lower = heading.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        return lower == "contents" || lower == "table of contents" || lower == "index"
    }
}
