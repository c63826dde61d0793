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
        compile: { rules, catalogs in try rules.map { try ClauseContentCheck(rule: $0, catalogs: catalogs) } }
    )
}

struct ClauseContentCheck: RuleCheck {
    let rule: Rule
    let category: String
    let when: PhrasePatternSet?
    let required: PhrasePatternSet
    let wholeCategory: Bool
    let message: MessageTemplate

    init(rule: Rule, catalogs: RuleCatalogs) throws {
        self.rule = rule
        category = try RequiredClauseKind.categoryList(try rule.requiredParameter("category"), "category", rule: rule, catalogs: catalogs)[0]
        func patterns(_ key: String) throws -> PhrasePatternSet? {
            guard let value = rule.parameter(key) else { return nil }
            var list: [(text: String, owner: Int)] = []
            for entry in try value.list(key) {
                let text = try entry.string("a pattern")
                do { _ = try PhrasePatternSet(patterns: [(text, 0)]) } catch { throw entry.error("bad pattern in \(key) of rule '\(rule.id)': \(error.description)") }
                list.append((text, list.count))
            }
            if list.isEmpty { throw value.error("\(key) of rule '\(rule.id)' is empty") }
            return try PhrasePatternSet(patterns: list)
        }
        when = try patterns("when")
        guard let required = try patterns("must_mention") else {
            throw rule.parameters.value.error("rule '\(rule.id)' (kind clause-content) is missing the required key 'must_mention'")
        }
        self.required = required
        let scopeValue = rule.parameter("scope")
        switch try scopeValue?.string("scope") ?? "clause" {
        case "clause": wholeCategory = false
        case "category": wholeCategory = true
        default: throw scopeValue!.error("scope must be 'clause' or 'category'")
        }
        message = MessageTemplate(try rule.parameter("message")?.string("message") ?? "{clause} does not say what it needs to")
    }

    func mentions(_ set: PhrasePatternSet, in clause: Clause, _ context: RuleContext) -> Bool {
        !set.matches(in: context.bytes, range: clause.span.byteRange, skipping: context.document.nonProseRanges).isEmpty
    }

    func findings(in context: RuleContext) -> [Finding] {
        var clauses = context.outermostClauses(of: category)
        if let when { clauses = clauses.filter { mentions(when, in: $0, context) } }
        if clauses.isEmpty { return [] }
        if wholeCategory {
            if clauses.contains(where: { mentions(required, in: $0, context) }) { return [] }
            return [context.finding(rule: rule, clause: clauses[0], message: message.render(["clause": describe(clauses[0])]))]
        }
        return clauses.filter { !mentions(required, in: $0, context) }.map {
            context.finding(rule: rule, clause: $0, message: message.render(["clause": describe($0)]))
        }
    }

    func describe(_ clause: Clause) -> String {
        switch (clause.number, clause.heading) {
        case let (number?, heading?): "Clause \(number) (\(heading))"
        case let (number?, nil): "Clause \(number)"
        case let (nil, heading?): "The \(heading) clause"
        default: "This clause"
        }
    }
}
