import ClauseModel

/// `kind: cross-reference` — references to sections, clauses, articles, paragraphs (and, in
/// a separate rule, schedules and exhibits) that resolve to nothing in the clause tree.
enum CrossReferenceKind {
    static let entry = RuleKindEntry(
        name: "cross-reference",
        summary: "Reports references (`Section 4.2`, `Article III`, `§ 12`, `paragraph (c) above`, `Schedule B`) that point to nothing in the contract.",
        parameters: [
            ("targets", "`sections` (sections, clauses, articles, paragraphs) or `attachments` (schedules, exhibits, annexes, appendices)."),
            ("message", "Message template; `{reference}` is the reference as written, `{label}` the label that resolves to nothing, `{count}` how often it is referred to."),
        ],
        compile: { rules, _ in
            [CrossReferenceCheck(rules: try rules.map { rule in
                let value = try rule.requiredParameter("targets")
                let targets = try value.string("targets")
                guard targets == "sections" || targets == "attachments" else { throw value.error("targets must be sections or attachments, not '\(targets)'") }
                return (rule, targets == "attachments", try rule.parameter("message").map { MessageTemplate(try $0.string("message")) })
            })]
        }
    )
}

struct CrossReferenceCheck: RuleCheck {
    let rules: [(rule: Rule, attachments: Bool, message: MessageTemplate?)]

    /// The reference keywords (and `§`), found by the linter's shared scan: their starts are
    /// where the resolver looks, instead of a pass of its own over every byte. Inside
    /// non-prose too, so the resolver sees every keyword it would have found itself.
    var scanPatterns: [(text: String, owner: Int)] { Self.keywordPatterns }
    static let keywordPatterns: [(text: String, owner: Int)] = CrossReferenceResolver.keywords.map { ($0.word, 0) } + [("§", 0)]
    var scanIncludesNonProse: Bool { true }

    func findings(in context: RuleContext, scan: [PhrasePatternSet.Match]) -> [Finding] {
        findings(in: context, references: CrossReferenceResolver().references(in: context.document, keywordStarts: scan.map(\.range.lowerBound), index: context.clauseNumbers))
    }

    func findings(in context: RuleContext) -> [Finding] {
        findings(in: context, references: CrossReferenceResolver().references(in: context.document))
    }

    func findings(in context: RuleContext, references: [CrossReference]) -> [Finding] {
        var findings: [Finding] = []
        for (rule, attachments, message) in rules {
            // One finding per label (at its first reference), saying how often it is referred to.
            var firstByLabel: [String: (reference: CrossReference, count: Int)] = [:]
            var order: [String] = []
            for reference in references where (reference.target == .attachment) == attachments {
                for label in reference.unresolvedLabels {
                    let key = attachments ? "\(reference.keyword) \(label)" : label
                    if let existing = firstByLabel[key] { firstByLabel[key] = (existing.reference, existing.count + 1) } else { firstByLabel[key] = (reference, 1); order.append(key) }
                }
            }
            for key in order {
                let (reference, count) = firstByLabel[key]!
                let label = attachments ? key.prefix(1).uppercased() + key.dropFirst() : key
                let times = count > 1 ? " (referred to \(count) times)" : ""
                let fallback = attachments
                    ? "'\(reference.text)' refers to \(label), which is not in the contract\(times)"
                    : "'\(reference.text)' refers to \(reference.keyword) \(label), which does not exist\(times)"
                let text = message?.render(["reference": reference.text, "label": String(label), "count": String(count)]) ?? fallback
                findings.append(context.finding(rule: rule, range: reference.range, message: text))
            }
        }
        return findings
    }
}
