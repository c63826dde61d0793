import ClauseModel

/// `kind: required-clause` — the contract must have a clause of a category (or of one of its
/// alternatives); optionally only for some contract types (`contract_types:`).
///
/// The finding is document-level: it points at where such a clause usually goes (after the
/// last clause of a `place_after` category, else before the signatures, else at the end).
enum RequiredClauseKind {
    static let entry = RuleKindEntry(
        name: "required-clause",
        summary: "Reports a contract that has no clause of a category (optionally only for some contract types).",
        parameters: [
            ("category", "The category id that must be present."),
            ("alternatives", "Other category ids that satisfy the rule as well."),
            ("place_after", "Category ids after whose clause the missing clause usually goes (for the finding's position)."),
            ("message", "The message (default: `No <category name> clause`)."),
        ],
        compile: { rules, catalogs in try rules.map { try RequiredClauseCheck(rule: $0, catalogs: catalogs) } }
    )

    /// Reads a list of category ids and checks each exists.
    static func categoryList(_ value: YAMLValue?, _ what: String, rule: Rule, catalogs: RuleCatalogs) throws -> [String] {
        guard let value else { return [] }
        let ids = try value.stringList(what)
        for id in ids where catalogs.categories.category(withID: id) == nil {
            throw value.error("rule '\(rule.id)' names an unknown category '\(id)' in \(what)")
        }
        return ids
    }
}

struct RequiredClauseCheck: RuleCheck {
    let rule: Rule
    let categories: [String]
    let placeAfter: [String]
    let message: String

    init(rule: Rule, catalogs: RuleCatalogs) throws {
        self.rule = rule
        let main = try RequiredClauseKind.categoryList(try rule.requiredParameter("category"), "category", rule: rule, catalogs: catalogs)
        categories = main + (try RequiredClauseKind.categoryList(rule.parameter("alternatives"), "alternatives", rule: rule, catalogs: catalogs))
        placeAfter = try RequiredClauseKind.categoryList(rule.parameter("place_after"), "place_after", rule: rule, catalogs: catalogs)
        let name = catalogs.categories.category(withID: main[0])?.name.lowercased() ?? main[0]
        message = try rule.parameter("message")?.string("message") ?? "No \(name) clause"
    }

    func findings(in context: RuleContext) -> [Finding] {
        if categories.contains(where: { context.clausesByCategory[$0]?.isEmpty == false }) { return [] }
        return [context.documentFinding(rule: rule, message: message, afterCategories: placeAfter)]
    }
}
