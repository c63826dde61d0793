import ClauseModel
import ClauseRules
import Foundation

/// The answer of `clauselint locate`: for each dispute, the ranked places across the contracts
/// it applies to, with warnings. Renders as text (for people) or JSON (docs/disputes.md).
public struct LocateReport: Sendable {
    public struct Entry: Sendable {
        public var dispute: Dispute
        public var matches: [LocateMatch]
        public var warnings: [String]
    }

    public var entries: [Entry]
    /// Disputes that could not be used (empty description and no references, bad status…).
    public var problems: [Diagnostic]

    /// One contract as `locate` sees it: the categorised document and the linter's findings.
    public struct Input: Sendable {
        public var document: Document
        public var findings: [Finding]
        public init(document: Document, findings: [Finding] = []) {
            self.document = document
            self.findings = findings
        }
    }

    /// Ranks the places behind every dispute in every contract it applies to; the best `top`
    /// across contracts are kept (ranks renumbered), each contract's units never overlapping.
    public static func build(disputes: [Dispute], problems: [Diagnostic] = [], inputs: [Input], catalog: CategoryCatalog, top: Int = 3) -> LocateReport {
        let locator = ClauseLocator(catalog: catalog)
        let preparation = LocateIndex.Preparation(catalog: catalog)
        let indexes = inputs.map { LocateIndex(document: $0.document, prepared: preparation) }
        var entries: [Entry] = []
        for dispute in disputes {
            var warnings: [String] = []
            var matches: [LocateMatch] = []
            let applicable = inputs.indices.filter { DisputeLinker.applies(dispute, to: inputs[$0].document.path) }
            if let contract = dispute.contract, applicable.isEmpty {
                warnings.append("contract '\(contract)' is not among the inputs")
            }
            for position in applicable {
                let outcome = locator.locate(dispute.query, in: indexes[position], top: top, findings: inputs[position].findings)
                matches += outcome.matches
                warnings += outcome.warnings
            }
            matches.sort { ($0.score, -$0.rank) > ($1.score, -$1.rank) }
            matches = Array(matches.prefix(top))
            for position in matches.indices { matches[position].rank = position + 1 }
            if matches.isEmpty, !applicable.isEmpty { warnings.append("no clause matches the dispute") }
            entries.append(Entry(dispute: dispute, matches: matches, warnings: warnings))
        }
        return LocateReport(entries: entries, problems: problems)
    }

    // MARK: JSON

    struct JSONSpan: Encodable {
        var startLine, startColumn, endLine, endColumn, startOffset, endOffset: Int
        init(_ span: SourceSpan) {
            startLine = span.startLine; startColumn = span.startColumn; endLine = span.endLine
            endColumn = span.endColumn; startOffset = span.startOffset; endOffset = span.endOffset
        }
    }

    struct JSONClause: Encodable {
        var id: String?
        var number: String?
        var heading: String?
        var kind: String?
        var categories: [String]
        /// `clause`, `own-text` or `passage`: how much of the clause the match is.
        var part: String
        var text: String
        var span: JSONSpan
        var clauseSpan: JSONSpan?

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(number, forKey: .number)
            try container.encode(heading, forKey: .heading)
            try container.encode(kind, forKey: .kind)
            try container.encode(categories, forKey: .categories)
            try container.encode(part, forKey: .part)
            try container.encode(text, forKey: .text)
            try container.encode(span, forKey: .span)
            try container.encode(clauseSpan, forKey: .clauseSpan)
        }
        enum CodingKeys: String, CodingKey { case id, number, heading, kind, categories, part, text, span, clauseSpan }
    }

    struct JSONFinding: Encodable {
        var ruleId: String
        var severity: String
        var message: String
        var path: String
        var span: JSONSpan
        var clauseId: String?
        var matchedText: String
        var suggestion: String?
        var disputeIds: [String]
        var fingerprint: String
        var suppressed: Bool

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ruleId, forKey: .ruleId)
            try container.encode(severity, forKey: .severity)
            try container.encode(message, forKey: .message)
            try container.encode(path, forKey: .path)
            try container.encode(span, forKey: .span)
            try container.encode(clauseId, forKey: .clauseId)
            try container.encode(matchedText, forKey: .matchedText)
            try container.encode(suggestion, forKey: .suggestion)
            try container.encode(disputeIds, forKey: .disputeIds)
            try container.encode(fingerprint, forKey: .fingerprint)
            try container.encode(suppressed, forKey: .suppressed)
        }
        enum CodingKeys: String, CodingKey { case ruleId, severity, message, path, span, clauseId, matchedText, suggestion, disputeIds, fingerprint, suppressed }
    }

    struct JSONMatch: Encodable {
        var rank: Int
        var score: Double
        var reasons: [String]
        var path: String
        var clause: JSONClause
        var findings: [JSONFinding]
    }

    struct JSONDispute: Encodable {
        var id: String
        var title: String
        var status: String
        var contract: String?
        var clauses: [String]
        var customer: String?
        var opened: String?
        var url: String?
        var extra: [String: String]
        var matches: [JSONMatch]
        var warnings: [String]

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(status, forKey: .status)
            try container.encode(contract, forKey: .contract)
            try container.encode(clauses, forKey: .clauses)
            try container.encode(customer, forKey: .customer)
            try container.encode(opened, forKey: .opened)
            try container.encode(url, forKey: .url)
            try container.encode(extra, forKey: .extra)
            try container.encode(matches, forKey: .matches)
            try container.encode(warnings, forKey: .warnings)
        }
        enum CodingKeys: String, CodingKey { case id, title, status, contract, clauses, customer, opened, url, extra, matches, warnings }
    }

    struct JSONProblem: Encodable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
    }

    struct JSONRoot: Encodable {
        var disputes: [JSONDispute]
        var errors: [JSONProblem]
    }

    /// The documented JSON (docs/disputes.md), keys sorted, two-space indentation.
    public func json() -> String {
        let root = JSONRoot(
            disputes: entries.map { entry in
                JSONDispute(
                    id: entry.dispute.id,
                    title: entry.dispute.title,
                    status: entry.dispute.status.rawValue,
                    contract: entry.dispute.contract,
                    clauses: entry.dispute.clauses,
                    customer: entry.dispute.customer,
                    opened: entry.dispute.opened,
                    url: entry.dispute.url,
                    extra: entry.dispute.extra,
                    matches: entry.matches.map { match in
                        JSONMatch(
                            rank: match.rank,
                            score: match.score,
                            reasons: match.reasons,
                            path: match.path,
                            clause: JSONClause(
                                id: match.clause?.id,
                                number: match.clause?.number,
                                heading: match.clause?.heading,
                                kind: match.clause?.kind.rawValue,
                                categories: match.clause?.categories ?? [],
                                part: match.unit.part.rawValue,
                                text: match.text,
                                span: JSONSpan(match.span),
                                clauseSpan: match.clause.map { JSONSpan($0.span) }
                            ),
                            findings: match.findings.map { finding in
                                JSONFinding(ruleId: finding.ruleID, severity: finding.severity.rawValue, message: finding.message, path: finding.path, span: JSONSpan(finding.span), clauseId: finding.clause?.id, matchedText: finding.matchedText, suggestion: finding.suggestion, disputeIds: finding.disputeIDs, fingerprint: finding.fingerprint, suppressed: finding.suppression != nil)
                            }
                        )
                    },
                    warnings: entry.warnings
                )
            },
            errors: problems.map { JSONProblem(path: $0.path, line: $0.line, column: $0.column, severity: $0.severity.rawValue, message: $0.message) }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(root)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Text

    /// For people: each dispute, then its matches with place, score, reasons, an excerpt and
    /// the findings on the clause.
    public func text(excerptLength: Int = 240) -> String {
        var out = ""
        for problem in problems { out += "\(problem)\n" }
        if !problems.isEmpty { out += "\n" }
        for (position, entry) in entries.enumerated() {
            if position > 0 { out += "\n" }
            let dispute = entry.dispute
            out += "\(dispute.id)\(dispute.title.isEmpty ? "" : ": \(dispute.title)") [\(dispute.status.rawValue)]\n"
            for warning in entry.warnings { out += "  warning: \(warning)\n" }
            if entry.matches.isEmpty { out += "  no matching clause\n" }
            for match in entry.matches {
                var place = "\(match.path):\(match.span.startLine):\(match.span.startColumn)"
                if let clause = match.clause { place += " \(ClauseLocator.label(clause))" }
                if match.unit.part == .passage { place += ", passage" }
                if match.unit.part == .ownText { place += ", own text" }
                out += "  \(match.rank). \(place)  score \(Self.format(match.score))\n"
                for reason in match.reasons { out += "     - \(reason)\n" }
                out += "     \"\(Self.excerpt(match.text, limit: excerptLength))\"\n"
                for finding in match.findings {
                    out += "     \(finding.severity.rawValue) [\(finding.ruleID)] \(finding.span.startLine):\(finding.span.startColumn) \(finding.message)\n"
                }
            }
        }
        return out
    }

    static func format(_ score: Double) -> String {
        String(format: "%.3f", score)
    }

    /// One line: whitespace runs collapsed, cut at a word boundary with "…".
    static func excerpt(_ text: String, limit: Int) -> String {
        var collapsed = ""
        var lastSpace = false
        for character in text {
            if character.isWhitespace {
                if !lastSpace, !collapsed.isEmpty { collapsed.append(" ") }
                lastSpace = true
            } else {
                collapsed.append(character)
                lastSpace = false
            }
        }
        if collapsed.count <= limit { return collapsed.trimmingCharacters(in: .whitespaces) }
        var cut = String(collapsed.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut + "…"
    }
}
