import ClauseModel
import ClauseRules
import Foundation

/// A place in one contract linked to one dispute.
public struct DisputeLink: Sendable, Hashable {
    public var disputeID: String
    public var path: String
    /// The clause the place lies in.
    public var clause: Clause
    /// The linked text: the clause named by an explicit reference, or the ranked unit.
    public var range: Range<Int>
    public var span: SourceSpan
    public var score: Double
    public var reasons: [String]
}

/// What linking one linted document produced.
public struct LinkedDocument: Sendable {
    /// The lint result with `Finding.disputeIDs` set and `contested-section` findings added
    /// (sorted by position like the linter's own).
    public var result: LintResult
    public var links: [DisputeLink]
    /// Warnings about this document ("clause reference 'Section 14' not found in …").
    public var warnings: [(disputeID: String, message: String)]
}

/// Links a dispute register to linted contracts, for `lint --disputes FILE`.
///
/// Per document (safe to call in parallel: a value type with immutable state): every dispute
/// in scope that applies to the document is linked to clauses — the clauses its explicit
/// references name, else its top ranked places (at most `linkTop`, each scoring at least
/// `linkShareOfBest` of the best) — findings lying in a linked clause get the dispute's id, and the
/// `contested-section` rule flags each linked clause. After all documents, `summaries` builds
/// the reporters' "Open disputes" part, with warnings for contracts that were not among the
/// inputs.
public struct DisputeLinker: Sendable {
    public var register: DisputeRegister
    public var locator: ClauseLocator
    public var includeClosed: Bool
    public var linkTop: Int
    /// The categories' heading matcher, compiled once for every document linked.
    let preparation: LocateIndex.Preparation

    /// A ranked place is linked only when it scores at least this share of the dispute's best
    /// place in the document: a review should show the clauses fought over, not their neighbours.
    public static let linkShareOfBest = 0.75

    /// The rule id of the contested-section rule (`Rules/contested-section.yml`).
    public static let contestedSectionRuleID = "contested-section"

    public init(register: DisputeRegister, catalog: CategoryCatalog, includeClosed: Bool = false, linkTop: Int = 3) {
        self.register = register
        self.locator = ClauseLocator(catalog: catalog)
        self.preparation = LocateIndex.Preparation(catalog: catalog)
        self.includeClosed = includeClosed
        self.linkTop = linkTop
    }

    /// The disputes taken into account: open ones, and resolved/closed ones with `includeClosed`.
    public var disputes: [Dispute] { register.disputes.filter { includeClosed || $0.isOpen } }

    /// Whether a dispute is about the contract at `path`: no `contract` means every contract;
    /// otherwise the same path, a path ending in it, a glob matching the path or its file name,
    /// or the file name with or without its extension (case-insensitive).
    public static func applies(_ dispute: Dispute, to path: String) -> Bool {
        guard let contract = dispute.contract else { return true }
        return matches(contract: contract, path: path)
    }

    public static func matches(contract: String, path: String) -> Bool {
        let cleanPath = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        let cleanContract = contract.hasPrefix("./") ? String(contract.dropFirst(2)) : contract
        let name = (cleanPath as NSString).lastPathComponent
        if cleanContract.contains(where: { "*?[".contains($0) }) {
            return fnmatch(cleanContract, cleanPath, 0) == 0 || fnmatch(cleanContract, name, 0) == 0
                || fnmatch("*/" + cleanContract, cleanPath, 0) == 0
        }
        if cleanPath == cleanContract || cleanPath.hasSuffix("/" + cleanContract) { return true }
        let lowerName = name.lowercased()
        let lowerContract = cleanContract.lowercased()
        return lowerName == lowerContract || (lowerName as NSString).deletingPathExtension == lowerContract
    }

    /// Links one linted document. `linter` gives the contested-section rule, whether it is
    /// enabled and at which severity, and the rule catalogs.
    public func link(_ result: LintResult, linter: Linter) -> LinkedDocument {
        let document = result.document
        let applicable = disputes.filter { Self.applies($0, to: document.path) }
        var output = result
        guard !applicable.isEmpty else { return LinkedDocument(result: output, links: [], warnings: []) }
        let index = LocateIndex(document: document, prepared: preparation)
        var links: [DisputeLink] = []
        var warnings: [(String, String)] = []
        for dispute in applicable {
            let found = self.links(for: dispute, in: index)
            links += found.links
            warnings += found.warnings.map { (dispute.id, $0) }
        }

        // Findings in a linked place carry the dispute ids.
        for position in output.findings.indices {
            let finding = output.findings[position]
            var ids: [String] = finding.disputeIDs
            for link in links where Self.finding(finding, liesIn: link) && !ids.contains(link.disputeID) { ids.append(link.disputeID) }
            output.findings[position].disputeIDs = ids
        }

        // The contested-section rule: one finding per linked place.
        if let rule = linter.ruleSet.rule(withID: Self.contestedSectionRuleID), linter.configuration.isEnabled(rule) {
            let suppressions = InlineSuppressions(document: document)
            var byPlace: [Range<Int>: [DisputeLink]] = [:]
            for link in links { byPlace[link.range, default: []].append(link) }
            let bytes = document.bytes
            for (range, placeLinks) in byPlace.sorted(by: { $0.key.lowerBound < $1.key.lowerBound }) {
                let clause = placeLinks[0].clause
                let ids = placeLinks.map(\.disputeID)
                let titles = placeLinks.compactMap { link in register.disputes.first { $0.id == link.disputeID } }.map { dispute in
                    dispute.title.isEmpty ? dispute.id : "\(dispute.id) (\(dispute.title))"
                }
                let message = "\(ClauseLocator.label(clause)) is linked to \(ids.count == 1 ? "an open dispute" : "\(ids.count) open disputes"): \(titles.joined(separator: ", "))"
                // Point at the first line of the linked text (a clause's number and heading).
                var end = range.lowerBound
                while end < range.upperBound, bytes[end] != 0x0A { end += 1 }
                while end > range.lowerBound, bytes[end - 1] == 0x20 { end -= 1 }
                var finding = Finding(
                    ruleID: rule.id,
                    severity: rule.severity,
                    message: message,
                    path: document.path,
                    span: document.lines.span(range.lowerBound..<end),
                    clause: ClauseSummary(clause),
                    matchedText: document.lines.text(range.lowerBound..<end),
                    suggestion: rule.suggestion
                )
                finding.severity = linter.configuration.severity(for: rule)
                finding.disputeIDs = ids
                finding.suppression = suppressions.markers.isEmpty ? nil : suppressions.suppression(for: finding)
                output.findings.append(finding)
            }
            output.findings.sort { ($0.span.startOffset, $0.span.endOffset, $0.ruleID) < ($1.span.startOffset, $1.span.endOffset, $1.ruleID) }
        }
        return LinkedDocument(result: output, links: links, warnings: warnings)
    }

    /// Whether a finding lies in a linked place: same clause for a whole-clause link, or inside
    /// the linked text.
    static func finding(_ finding: Finding, liesIn link: DisputeLink) -> Bool {
        if finding.isDocumentLevel { return false }
        if link.range == link.clause.span.byteRange, finding.clause?.id == link.clause.id { return true }
        return link.range.contains(finding.span.startOffset)
    }

    /// The places one dispute is linked to in one document.
    public func links(for dispute: Dispute, in index: LocateIndex) -> (links: [DisputeLink], warnings: [String]) {
        let document = index.document
        var warnings: [String] = []
        var links: [DisputeLink] = []
        // Explicit references: link the named clauses themselves.
        var explicit: [(clause: Clause, written: String)] = []
        for written in dispute.clauses {
            let references = ReferenceScanner.scan(written, includeBare: true)
            let keys = references.isEmpty ? [ReferenceScanner.normalise(written)] : references.map(\.key)
            for key in keys {
                switch index.resolver.resolve(key) {
                case .exact(let id):
                    if let clause = index.clause(withID: id), !explicit.contains(where: { $0.clause.id == id }) { explicit.append((clause, written)) }
                case .containing(let id):
                    if let clause = index.clause(withID: id) {
                        warnings.append("clause reference '\(written)' not found in \(document.path); linked to \(ClauseLocator.label(clause)), which contains it")
                        if !explicit.contains(where: { $0.clause.id == id }) { explicit.append((clause, written)) }
                    }
                case .notFound:
                    warnings.append("clause reference '\(written)' not found in \(document.path)")
                }
            }
        }
        for (clause, written) in explicit {
            links.append(DisputeLink(disputeID: dispute.id, path: document.path, clause: clause, range: clause.span.byteRange, span: clause.span, score: 100, reasons: ["explicit reference: \(written)"]))
        }
        if !explicit.isEmpty || dispute.description.isEmpty && dispute.title.isEmpty { return (links, warnings) }

        let outcome = locator.locate(LocateQuery(text: dispute.query.text), in: index, top: linkTop)
        warnings += outcome.warnings
        let best = outcome.matches.first?.score ?? 0
        for match in outcome.matches where match.score >= best * Self.linkShareOfBest {
            guard let clause = match.clause else { continue }
            let range = match.unit.part == .clause ? clause.span.byteRange : match.unit.range
            links.append(DisputeLink(disputeID: dispute.id, path: document.path, clause: clause, range: range, span: document.lines.span(range), score: match.score, reasons: match.reasons))
        }
        if links.isEmpty { warnings.append("no clause of \(document.path) matches the dispute") }
        return (links, warnings)
    }

    /// The "Open disputes" part: each dispute in scope with its linked clauses and the
    /// fingerprints of the findings on them, in register order. `inputPaths` are every
    /// contract linted, to warn about disputes naming a contract that was not among them.
    public func summaries(_ documents: [LinkedDocument], inputPaths: [String]) -> [DisputeSummary] {
        var result: [DisputeSummary] = []
        for dispute in disputes {
            var summary = DisputeSummary(id: dispute.id, title: dispute.title, status: dispute.status.rawValue, customer: dispute.customer, opened: dispute.opened, url: dispute.url, extra: dispute.extra)
            if let contract = dispute.contract, !inputPaths.contains(where: { Self.matches(contract: contract, path: $0) }) {
                summary.warnings.append("contract '\(contract)' is not among the inputs")
            }
            for document in documents {
                for warning in document.warnings where warning.disputeID == dispute.id { summary.warnings.append(warning.message) }
                for link in document.links where link.disputeID == dispute.id {
                    var clause = ClauseSummary(link.clause)
                    clause.span = link.span
                    let fingerprints = document.result.findings
                        .filter { $0.disputeIDs.contains(dispute.id) && $0.ruleID != Self.contestedSectionRuleID && Self.finding($0, liesIn: link) }
                        .map(\.fingerprint)
                    summary.clauses.append(DisputeSummary.LinkedClause(path: link.path, clause: clause, score: link.score, reasons: link.reasons, findingFingerprints: fingerprints))
                }
            }
            result.append(summary)
        }
        return result
    }
}
