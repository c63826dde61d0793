import ClauseModel

/// One dispute of the "Open disputes" part: the dispute → its linked clauses → their findings.
public struct OpenDispute: Sendable {
    public struct LinkedClauseFindings: Sendable {
        public var link: DisputeSummary.LinkedClause
        /// Unsuppressed and suppressed findings on that clause, in reading order.
        public var findings: [Finding]
    }

    public var dispute: DisputeSummary
    public var clauses: [LinkedClauseFindings]
    /// Findings that name this dispute in `disputeIDs` but lie in none of its linked clauses.
    public var otherFindings: [Finding]
}

/// Keeps, while documents stream past, the few findings an "Open disputes" part can need, and
/// matches them to the disputes at the end.
///
/// A finding belongs to a dispute's linked clause when it is in the same file and either its
/// fingerprint is one of the clause's `findingFingerprints`, or it names the dispute in
/// `disputeIDs` and lies inside the clause (same clause id or inside its span). Only findings
/// that name a dispute, or whose fingerprint a dispute known at `begin` lists, are kept, so
/// memory stays proportional to the disputed findings, not to the run.
public struct OpenDisputeCollector: Sendable {
    private var knownFingerprints: Set<String> = []
    private var kept: [Finding] = []

    public init(knownDisputes: [DisputeSummary] = []) {
        for dispute in knownDisputes {
            for linked in dispute.clauses { knownFingerprints.formUnion(linked.findingFingerprints) }
        }
    }

    public mutating func observe(_ result: DocumentResult) {
        for finding in result.findings where !finding.disputeIDs.isEmpty || (!knownFingerprints.isEmpty && knownFingerprints.contains(finding.fingerprint)) {
            kept.append(finding)
        }
    }

    /// The disputes with their clauses' findings. `includeSuppressed: false` drops suppressed
    /// findings (the formats for people do not show them).
    public func resolve(_ disputes: [DisputeSummary], includeSuppressed: Bool) -> [OpenDispute] {
        let findings = (includeSuppressed ? kept : kept.filter { $0.suppression == nil }).sorted(by: Finding.readingOrder)
        return disputes.map { dispute in
            var used = Set<Int>()
            let clauses = dispute.clauses.map { link in
                let fingerprints = Set(link.findingFingerprints)
                var matched: [Finding] = []
                for (index, finding) in findings.enumerated() where finding.path == link.path {
                    let named = finding.disputeIDs.contains(dispute.id)
                        && (finding.clause?.id == link.clause.id || (!finding.isDocumentLevel && link.clause.span.contains(finding.span)))
                    if named || fingerprints.contains(finding.fingerprint) {
                        matched.append(finding)
                        used.insert(index)
                    }
                }
                return OpenDispute.LinkedClauseFindings(link: link, findings: matched)
            }
            let others = findings.enumerated().filter { !used.contains($0.offset) && $0.element.disputeIDs.contains(dispute.id) }.map(\.element)
            return OpenDispute(dispute: dispute, clauses: clauses, otherFindings: others)
        }
    }
}

extension ClauseSummary {
    /// `12.3 "Refunds" [refund, payment]`: the clause as people read it.
    var label: String {
        var text = displayNumber
        if let heading, !heading.isEmpty { text += (text.isEmpty ? "" : " ") + "\"\(heading)\"" }
        if text.isEmpty { text = id }
        if !categories.isEmpty { text += " [" + categories.joined(separator: ", ") + "]" }
        return text
    }

    /// `12.3 Refunds` without quotes or categories (tables, titles).
    var shortLabel: String {
        var text = displayNumber
        if let heading, !heading.isEmpty { text += (text.isEmpty ? "" : " ") + heading }
        return text.isEmpty ? id : text
    }

    /// The clause's full numbering path when the id spells it (`12.3(b)` for a clause numbered
    /// `(b)`), else the number as written (`ARTICLE IV`); empty for unnumbered clauses.
    var displayNumber: String {
        guard let number else { return "" }
        var trimmed = Substring(number)
        while let last = trimmed.last, last == "." || last == " " { trimmed = trimmed.dropLast() }
        if !trimmed.isEmpty, id.hasSuffix(trimmed) { return id }
        return String(trimmed.isEmpty ? Substring(number) : trimmed)
    }
}

extension DisputeSummary {
    /// `open; customer Acme Ltd; opened 2026-10-01`.
    var facts: String {
        var parts = [status]
        if let customer, !customer.isEmpty { parts.append("customer \(customer)") }
        if let opened, !opened.isEmpty { parts.append("opened \(opened)") }
        return parts.joined(separator: "; ")
    }
}

extension SourceSpan {
    /// The last line the span has text on: a clause that ends at the start of the next line
    /// (`endColumn` 1) ends on the line before.
    var lastTextLine: Int {
        endColumn == 1 && endLine > startLine ? endLine - 1 : endLine
    }
}

/// `message` with `addition` appended as a new sentence.
func appendSentence(_ message: String, _ addition: String) -> String {
    guard let last = message.last else { return addition }
    return message + (".!?:".contains(last) ? " " : ". ") + addition
}
