import ClauseModel

/// `kind: party-names` — a role name used for a party (`the Vendor`) where the preamble
/// defines the parties by other names (`Supplier`, `Customer`).
enum PartyNamesKind {
    static let entry = RuleKindEntry(
        name: "party-names",
        summary: "Reports another name used for a party (`Vendor` where the preamble defines only `Supplier` and `Customer`).",
        parameters: [
            ("role_words", "Role names that name a party (`Supplier`, `Vendor`, `Licensee`, …); default: a built-in list of 44."),
            ("message", "Message template; `{name}` is the other name, `{parties}` the defined short names, `{count}` its uses."),
        ],
        compile: { rules, _ in
            try rules.map { rule in
                let roles = try rule.parameter("role_words")?.stringList("role_words") ?? PartyAnalyzer.defaultRoleWords
                return PartyNamesCheck(rule: rule, analyzer: PartyAnalyzer(roleWords: roles), message: try rule.parameter("message").map { MessageTemplate(try $0.string("message")) })
            }
        }
    )
}

struct PartyNamesCheck: RuleCheck {
    let rule: Rule
    let analyzer: PartyAnalyzer
    let message: MessageTemplate?

    /// Only definitions and quoted phrases are read, never undefined phrases: any minimum will do.
    var definedTermsMinimumUses: Int? { Int.max }

    func findings(in context: RuleContext) -> [Finding] {
        let terms = context.definedTerms ?? DefinedTermAnalyzer().definitionsOnly(context.document)
        let parties = analyzer.parties(in: context.document, terms: terms)
        let names = parties.map { "'\($0.shortName)'" }.joined(separator: ", ")
        return analyzer.mismatches(in: context.document, terms: terms, parties: parties).map { mismatch in
            let fallback = "'\(mismatch.name)' is used for a party (\(mismatch.count) time\(mismatch.count == 1 ? "" : "s")), but the preamble names the parties \(names)"
            let text = message?.render(["name": mismatch.name, "parties": names, "count": String(mismatch.count)]) ?? fallback
            return context.finding(rule: rule, range: mismatch.range, message: text,
                                   related: parties.map { ($0.range, "party defined as '\($0.shortName)'") })
        }
    }
}
