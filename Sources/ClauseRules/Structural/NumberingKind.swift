import ClauseModel

/// `kind: numbering` — gaps, duplicates, out-of-order numbers and mixed schemes in one level
/// of the clause tree, reported on the clause where the sequence breaks.
enum NumberingKind {
    static let entry = RuleKindEntry(
        name: "numbering",
        summary: "Reports breaks in clause numbering: gaps (3.1, 3.2, 3.4), duplicates (two 5.), out-of-order numbers, mixed schemes at one level.",
        parameters: [
            ("check", "One of `gap`, `duplicate`, `out-of-order`, `mixed-scheme`."),
            ("message", "Message template; `{number}` is the number, `{previous}` the number before it, `{expected}` what was expected."),
        ],
        compile: { rules, _ in
            [NumberingCheck(rules: try rules.map { rule in
                let name = try structuralCheckName(rule, allowed: NumberingIssue.Kind.allCases.map(\.rawValue))
                return (rule, NumberingIssue.Kind(rawValue: name)!, try rule.parameter("message").map { MessageTemplate(try $0.string("message")) })
            })]
        }
    )
}

struct NumberingCheck: RuleCheck {
    let rules: [(rule: Rule, kind: NumberingIssue.Kind, message: MessageTemplate?)]

    func findings(in context: RuleContext) -> [Finding] {
        let issues = context.numberingIssues ?? NumberingAnalyzer().issues(in: context.document)
        var findings: [Finding] = []
        for (rule, kind, message) in rules {
            for issue in issues where issue.kind == kind {
                let fallback: String
                switch kind {
                case .gap: fallback = "'\(issue.number)' follows '\(issue.previousNumber)': \(issue.expected ?? "a number") is missing"
                case .duplicate: fallback = "'\(issue.number)' is numbered the same as an earlier clause"
                case .outOfOrder: fallback = "'\(issue.number)' comes after '\(issue.previousNumber)': numbers go backwards"
                case .mixedScheme: fallback = "'\(issue.number)' breaks the numbering of this level, which starts '\(issue.previousNumber)' (\(issue.expected ?? ""))"
                }
                let text = message?.render(["number": issue.number, "previous": issue.previousNumber, "expected": issue.expected ?? ""]) ?? fallback
                findings.append(context.finding(rule: rule, range: issue.range, message: text,
                                                related: [(issue.previousRange, "the number before: '\(issue.previousNumber)'")]))
            }
        }
        return findings
    }
}
