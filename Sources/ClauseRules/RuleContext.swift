import ClauseModel

/// Everything a rule check needs about one document, computed once per document and shared by
/// all checks: the categorised document, its bytes, its contract type and the clauses of each
/// category.
public struct RuleContext: Sendable {
    public let document: Document
    public let bytes: [UInt8]
    /// The contract type (from configuration, else detected from the title), if known.
    public let contractType: String?
    public let catalogs: RuleCatalogs
    /// Clause ids per category id (a clause with `governing-law` is also listed under its
    /// parent `dispute-resolution`), in document order.
    public let clausesByCategory: [String: [Clause]]
    /// The document's defined terms, analysed once by the linter when a check needs them
    /// (`RuleCheck.definedTermsMinimumUses`); nil otherwise, and checks then analyse themselves.
    public let definedTerms: DefinedTermIndex?
    /// The numbering analysis (it reads no categories), when `Linter.prepare` did it already.
    let numberingIssues: [NumberingIssue]?
    /// The clause-number index for resolving references, when `Linter.prepare` built it already.
    let clauseNumbers: ClauseNumberIndex?
    /// Per line (1-based, index 0 unused): true when the line is plain ASCII, so a column is
    /// its byte distance from the line start. CUAD-style texts have lines of many kilobytes,
    /// where counting code points from the line start for every finding dominated linting.
    private let asciiLines: [Bool]

    public init(document: Document, contractType: String?, catalogs: RuleCatalogs, definedTerms: DefinedTermIndex? = nil) {
        self.init(document: document, contractType: contractType, catalogs: catalogs, definedTerms: definedTerms, numberingIssues: nil, clauseNumbers: nil)
    }

    init(document: Document, contractType: String?, catalogs: RuleCatalogs, definedTerms: DefinedTermIndex?, numberingIssues: [NumberingIssue]?, clauseNumbers: ClauseNumberIndex?) {
        self.document = document
        self.definedTerms = definedTerms
        self.numberingIssues = numberingIssues
        self.clauseNumbers = clauseNumbers
        self.bytes = document.bytes
        self.contractType = contractType
        self.catalogs = catalogs
        var index: [String: [Clause]] = [:]
        for clause in document.allClauses {
            for category in clause.categories { index[category, default: []].append(clause) }
        }
        self.clausesByCategory = index
        self.asciiLines = Self.asciiLineFlags(document.lines)
    }

    static func asciiLineFlags(_ lines: LineIndex) -> [Bool] {
        var flags = [Bool](repeating: true, count: lines.lineCount + 1)
        lines.bytes.withUnsafeBufferPointer { bytes in
            var line = 1
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == 0x0A { line += 1 } else if byte >= 0x80 { flags[line] = false }
            }
        }
        return flags
    }

    /// `LineIndex.span`, with a shortcut for ASCII lines (same result).
    public func span(_ range: Range<Int>) -> SourceSpan {
        SourceSpan(start: position(range.lowerBound), end: position(range.upperBound))
    }

    func position(_ offset: Int) -> SourcePosition {
        let lines = document.lines
        let line = lines.line(at: offset)
        if line < asciiLines.count, asciiLines[line], offset <= bytes.count {
            return SourcePosition(line: line, column: offset - lines.lineStarts[line - 1] + 1, offset: offset)
        }
        return lines.position(at: offset)
    }

    /// True when the byte offset lies in markup (code blocks, tags, comments).
    public func isNonProse(_ offset: Int) -> Bool {
        PhrasePatternSet.isInside(offset, document.nonProseRanges)
    }

    /// The outermost clauses of a category: a clause is skipped when an ancestor already has
    /// the category, so a finding about "the dispute-resolution clause" is made once.
    public func outermostClauses(of category: String) -> [Clause] {
        let clauses = clausesByCategory[category] ?? []
        var result: [Clause] = []
        for clause in clauses {
            if let last = result.last, last.span.contains(clause.span) { continue }
            result.append(clause)
        }
        return result
    }

    /// A finding about a passage: attributed to the deepest clause whose text holds it.
    public func finding(rule: Rule, range: Range<Int>, message: String, suggestion: String? = nil) -> Finding {
        let clause = document.deepestClause(containing: range.lowerBound)
        return Finding(
            ruleID: rule.id,
            severity: rule.severity,
            message: message,
            path: document.path,
            span: span(range),
            clause: clause.map(ClauseSummary.init),
            matchedText: document.lines.text(range),
            suggestion: suggestion ?? rule.suggestion
        )
    }

    /// A finding about a clause as a whole. It points at the clause's number and heading
    /// (where readers look), or at its first line when it has no heading.
    public func finding(rule: Rule, clause: Clause, message: String, suggestion: String? = nil) -> Finding {
        let headEnd = headingEnd(of: clause) ?? firstLineEnd(from: clause.span.startOffset, limit: clause.ownRange.upperBound)
        return Finding(
            ruleID: rule.id,
            severity: rule.severity,
            message: message,
            path: document.path,
            span: span(clause.span.startOffset..<headEnd),
            clause: ClauseSummary(clause),
            matchedText: document.lines.text(clause.span.startOffset..<headEnd),
            suggestion: suggestion ?? rule.suggestion
        )
    }

    /// A document-level finding (a missing clause). It points at where such a clause usually
    /// goes: after the last clause of one of `afterCategories` if the contract has one, else
    /// before the signature block, else at the end of the last clause; the message says so.
    public func documentFinding(rule: Rule, message: String, afterCategories: [String], suggestion: String? = nil) -> Finding {
        let (offset, place) = placement(afterCategories: afterCategories)
        return Finding(
            ruleID: rule.id,
            severity: rule.severity,
            message: "\(message); such a clause usually goes \(place)",
            path: document.path,
            span: span(offset..<offset),
            clause: nil,
            matchedText: "",
            suggestion: suggestion ?? rule.suggestion,
            isDocumentLevel: true
        )
    }

    func placement(afterCategories: [String]) -> (offset: Int, description: String) {
        for category in afterCategories {
            if let clause = outermostClauses(of: category).last {
                let topLevel = document.clausePath(containing: clause.span.startOffset).first ?? clause
                let name = catalogs.categories.category(withID: category)?.name.lowercased() ?? category
                return (topLevel.span.endOffset, "after the \(name) clause (\(Self.label(topLevel)))")
            }
        }
        if let signature = document.allClauses.first(where: { $0.kind == .signatureBlock }) {
            return (signature.span.startOffset, "before the signature block")
        }
        // The end of the body: schedules and exhibits follow the operative clauses, they do not close them.
        let body = document.clauses.filter { $0.kind != .schedule && $0.kind != .signatureBlock && $0.kind != .title }
        if let last = body.last ?? document.clauses.last {
            return (last.span.endOffset, "at the end of the contract, after \(Self.label(last))")
        }
        return (bytes.count, "at the end of the contract")
    }

    /// "7.2 Refunds" (a number as written may end in a period: "7.2." reads as "7.2").
    static func label(_ clause: Clause) -> String {
        let number = clause.number.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        // "Schedule A (Products and Prices)": a bare letter alone would read as a word.
        if clause.kind == .schedule, let number, let heading = clause.heading, !number.contains(" ") {
            return "Schedule \(number) (\(heading))"
        }
        if let number, let heading = clause.heading { return "\(number) \(heading)" }
        return number ?? clause.heading ?? clause.id
    }

    /// The end of the clause's heading text, if the heading is written near its start.
    func headingEnd(of clause: Clause) -> Int? {
        guard let heading = clause.heading, !heading.isEmpty else { return nil }
        let needle = Array(heading.utf8)
        let start = clause.span.startOffset
        let limit = min(clause.ownRange.upperBound, start + 200, bytes.count) - needle.count
        guard limit >= start else { return nil }
        for offset in start...limit where bytes[offset] == needle[0] && Array(bytes[offset..<(offset + needle.count)]) == needle {
            return offset + needle.count
        }
        return nil
    }

    func firstLineEnd(from start: Int, limit: Int) -> Int {
        var index = start
        let end = min(limit, bytes.count)
        while index < end && bytes[index] != 0x0A { index += 1 }
        // Keep long PDF lines readable: at most 120 bytes, cut at a character boundary.
        if index - start > 120 {
            index = start + 120
            while index > start && bytes[index] & 0xC0 == 0x80 { index -= 1 }
        }
        return max(index, start)
    }
}
