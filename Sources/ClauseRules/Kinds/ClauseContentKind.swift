import ClauseModel

/// `kind: clause-content` — a clause of a category must mention something: a dispute-resolution
/// clause names a venue, a termination-for-breach clause gives a cure period, an amendment
/// clause requires writing.
///
/// With `scope: clause` every outermost clause of the category (optionally only those matching
/// `when`) must match one of `must_mention`, in its whole text including sub-clauses. With
/// `scope: category` it is enough that any clause of the category does (a governing-law
/// section and a separate arbitration section together make one dispute-resolution scheme).
enum ClauseContentKind {
    static let entry = RuleKindEntry(
        name: "clause-content",
        summary: "Reports a clause of a category that does not mention something it needs (phrase patterns).",
        parameters: [
            ("category", "The category id whose clauses are checked."),
            ("when", "Phrase patterns: only clauses mentioning one of them are checked (e.g. `breach`)."),
            ("must_mention", "Phrase patterns (see docs/rules.md): the clause must match at least one."),
            ("scope", "`clause` (default): each clause on its own; `category`: all clauses of the category together."),
            ("message", "The message; `{clause}` is the clause's number and heading."),
        ],
        compile: { rules, catalogs in [try ClauseContentChecks(rules: try rules.map { try ClauseContentCheck(rule: $0, catalogs: catalogs) })] }
    )
}

/// All clause-content rules together: every `when` and `must_mention` pattern of every rule is
/// found in one pass over the document, then each rule looks up the hits inside its clauses.
struct ClauseContentChecks: RuleCheck {
    let checks: [ClauseContentCheck]
    let matcher: PhrasePatternSet
    /// Owner of a pattern: rule index × 2, + 1 for `must_mention`.
    let scanPatterns: [(text: String, owner: Int)]

    init(rules: [ClauseContentCheck]) throws {
        checks = rules
        var patterns: [(text: String, owner: Int)] = []
        for (index, check) in rules.enumerated() {
            patterns += check.whenPatterns.map { ($0, index * 2) }
            patterns += check.requiredPatterns.map { ($0, index * 2 + 1) }
        }
        scanPatterns = patterns
        matcher = try PhrasePatternSet(patterns: patterns)
    }

    /// On its own (without the linter's shared scan): scan only the clauses the rules look at.
    func findings(in context: RuleContext) -> [Finding] {
        guard checks.contains(where: { context.clausesByCategory[$0.category]?.isEmpty == false }) else { return [] }
        var spans: [Range<Int>] = []
        for check in checks { spans += context.outermostClauses(of: check.category).map(\.span.byteRange) }
        spans.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for span in spans {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        var scan: [PhrasePatternSet.Match] = []
        for span in merged { scan += matcher.matches(in: context.bytes, range: span, skipping: context.document.nonProseRanges) }
        return findings(in: context, scan: scan)
    }

    func findings(in context: RuleContext, scan: [PhrasePatternSet.Match]) -> [Finding] {
        guard checks.contains(where: { context.clausesByCategory[$0.category]?.isEmpty == false }) else { return [] }
        var ranges = [[Range<Int>]](repeating: [], count: checks.count * 2)
        for match in scan { ranges[match.owner].append(match.range) }
        for index in ranges.indices { ranges[index].sort { $0.lowerBound < $1.lowerBound } }
        var findings: [Finding] = []
        for (index, check) in checks.enumerated() {
            findings += check.findings(in: context, when: ranges[index * 2], required: ranges[index * 2 + 1])
        }
        return findings
    }
}

struct ClauseContentCheck: Sendable {
    let rule: Rule
    let category: String
    let whenPatterns: [String]
    let requiredPatterns: [String]
    let wholeCategory: Bool
    let message: MessageTemplate

    init(rule: Rule, catalogs: RuleCatalogs) throws {
        self.rule = rule
        category = try RequiredClauseKind.categoryList(try rule.requiredParameter("category"), "category", rule: rule, catalogs: catalogs)[0]
        func patterns(_ key: String) throws -> [String] {
            guard let value = rule.parameter(key) else { return [] }
            var list: [String] = []
            for entry in try value.list(key) {
                let text = try entry.string("a pattern")
                do { try PhrasePatternSet.validate(text) } catch { throw entry.error("bad pattern in \(key) of rule '\(rule.id)': \(error.description)") }
                list.append(text)
            }
            if list.isEmpty { throw value.error("\(key) of rule '\(rule.id)' is empty") }
            return list
        }
        whenPatterns = try patterns("when")
        requiredPatterns = try patterns("must_mention")
        if requiredPatterns.isEmpty {
            throw rule.parameters.value.error("rule '\(rule.id)' (kind clause-content) is missing the required key 'must_mention'")
        }
        let scopeValue = rule.parameter("scope")
        switch try scopeValue?.string("scope") ?? "clause" {
        case "clause": wholeCategory = false
        case "category": wholeCategory = true
        default: throw scopeValue!.error("scope must be 'clause' or 'category'")
        }
        message = MessageTemplate(try rule.parameter("message")?.string("message") ?? "{clause} does not say what it needs to")
    }

    /// True when one of the matches (sorted by start) lies wholly in the clause (sub-clauses
    /// included).
    static func mentions(_ matches: [Range<Int>], in clause: Clause) -> Bool {
        var low = 0, high = matches.count
        while low < high {
            let mid = (low + high) / 2
            if matches[mid].lowerBound < clause.span.startOffset { low = mid + 1 } else { high = mid }
        }
        while low < matches.count && matches[low].lowerBound < clause.span.endOffset {
            if matches[low].upperBound <= clause.span.endOffset { return true }
            low += 1
        }
        return false
    }

    func findings(in context: RuleContext, when: [Range<Int>], required: [Range<Int>]) -> [Finding] {
        var clauses = context.outermostClauses(of: category)
        if !whenPatterns.isEmpty { clauses = clauses.filter { Self.mentions(when, in: $0) } }
        if clauses.isEmpty { return [] }
        if wholeCategory {
            if clauses.contains(where: { Self.mentions(required, in: $0) }) { return [] }
            return [context.finding(rule: rule, clause: clauses[0], message: message.render(["clause": describe(clauses[0])]))]
        }
        return clauses.filter { !Self.mentions(required, in: $0) }.map {
            context.finding(rule: rule, clause: $0, message: message.render(["clause": describe($0)]))
        }
    }

    func describe(_ clause: Clause) -> String {
        switch (clause.number.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }, clause.heading) {
        case let (number?, heading?): "Clause \(number) (\(heading))"
        case let (number?, nil): "Clause \(number)"
        case let (nil, heading?): "The \(heading) clause"
        default: "This clause"
        }
    }
}
