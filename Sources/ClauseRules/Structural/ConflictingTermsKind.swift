import ClauseModel

/// `kind: conflicting-terms` — one kind of term (governing law, courts, payment period,
/// notice period for one act) given different values in different places; one finding with
/// both locations.
enum ConflictingTermsKind {
    static let entry = RuleKindEntry(
        name: "conflicting-terms",
        summary: "Reports a term given different values in different places (two governing laws, two payment periods), with both locations.",
        parameters: [
            ("topic", "What the value is, for messages (`governing law`)."),
            ("value", "`place` (a jurisdiction or court location after one of `value_after`) or `period` (`30 days`, `thirty (30) days`, `net 30`)."),
            ("cues", "Phrases (case-insensitive) that make a sentence about the topic."),
            ("requires", "Phrases of which the sentence must also contain one (optional)."),
            ("excludes", "Phrases that take a sentence out of the topic (optional)."),
            ("value_after", "For `place`: the phrases the place follows (`laws of`, `courts of`)."),
            ("near_value", "For `period`: phrases of which one must follow the period within 60 bytes (`notice`, `invoice`)."),
            ("before_value", "For `period`: phrases of which one must come just before the period (`within`)."),
            ("message", "Message template; `{topic}`, `{value}`, `{other}` (the first value) and `{line}` (where it is)."),
        ],
        compile: { rules, _ in
            [ConflictingTermsCheck(rules: try rules.map { rule in
                let valueParameter = try rule.requiredParameter("value")
                guard let value = TermTopic.ValueKind(rawValue: try valueParameter.string("value")) else {
                    throw valueParameter.error("value must be place or period")
                }
                let after = try rule.parameter("value_after")?.stringList("value_after") ?? []
                if value == .place && after.isEmpty { throw valueParameter.error("rule '\(rule.id)': a place value needs value_after phrases") }
                let cues = try rule.requiredParameter("cues").stringList("cues")
                let topic = TermTopic(name: try rule.requiredParameter("topic").string("topic"), value: value, cues: cues,
                                      requires: try rule.parameter("requires")?.stringList("requires") ?? [],
                                      excludes: try rule.parameter("excludes")?.stringList("excludes") ?? [], valueAfter: after,
                                      nearValue: try rule.parameter("near_value")?.stringList("near_value") ?? [],
                                      beforeValue: try rule.parameter("before_value")?.stringList("before_value") ?? [])
                return (rule, topic, try rule.parameter("message").map { MessageTemplate(try $0.string("message")) })
            })]
        }
    )
}

/// All rules of the kind in one check, so the text is scanned once for every topic's cues.
struct ConflictingTermsCheck: RuleCheck {
    let rules: [(rule: Rule, topic: TermTopic, message: MessageTemplate?)]
    /// Every cue as a phrase pattern, for the linter's shared scan: cue hits are then looked
    /// for only where it found a cue, not at every word start of the text. Empty (the analyzer
    /// scans the text itself) when some cue cannot be written as such a pattern.
    let scanPatterns: [(text: String, owner: Int)]
    /// Cues are looked for in non-prose text too.
    var scanIncludesNonProse: Bool { true }

    init(rules: [(rule: Rule, topic: TermTopic, message: MessageTemplate?)]) {
        self.rules = rules
        let patterns = rules.flatMap { $0.topic.cues.map(ConflictingTermsAnalyzer.scanPattern) }
        self.scanPatterns = patterns.contains(where: { $0 == nil }) ? [] : patterns.map { ($0!, 0) }
    }

    func findings(in context: RuleContext, scan: [PhrasePatternSet.Match]) -> [Finding] {
        findings(in: context, conflicts: ConflictingTermsAnalyzer().conflicts(of: rules.map(\.topic), in: context.document, cueStarts: scan.map(\.range.lowerBound)))
    }

    func findings(in context: RuleContext) -> [Finding] {
        findings(in: context, conflicts: ConflictingTermsAnalyzer().conflicts(of: rules.map(\.topic), in: context.document))
    }

    func findings(in context: RuleContext, conflicts: [[TermConflict]]) -> [Finding] {
        var findings: [Finding] = []
        for (number, (rule, topic, message)) in rules.enumerated() {
            for conflict in conflicts[number] {
                let line = context.lineColumn(conflict.first.range.lowerBound)
                let fallback = "The \(topic.name) here is '\(conflict.second.text)', but '\(conflict.first.text)' at \(line)"
                let text = message?.render(["topic": topic.name, "value": conflict.second.text, "other": conflict.first.text, "line": line]) ?? fallback
                findings.append(context.finding(rule: rule, range: conflict.second.range, message: text,
                                                related: [(conflict.first.range, "the other \(topic.name): '\(conflict.first.text)'")]))
            }
        }
        return findings
    }
}
