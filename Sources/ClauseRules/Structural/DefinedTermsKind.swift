import ClauseModel

/// `kind: defined-terms` — definitions and their uses: a capitalised term used as a defined
/// term but never defined, a term defined but never used, defined twice, used before its
/// definition. All rules of the kind share one analysis per document.
enum DefinedTermsKind {
    static let checks = ["undefined", "unused", "duplicate", "used-before-definition"]

    static let entry = RuleKindEntry(
        name: "defined-terms",
        summary: "Checks defined terms: used but never defined, defined but never used, defined twice (with both places), used before the definition.",
        parameters: [
            ("check", "One of `undefined`, `unused`, `duplicate`, `used-before-definition`."),
            ("min_uses", "For `undefined`: how often a capitalised phrase must be used like a defined term (after `the`, `such`, `any`, …) before it is reported (default 2)."),
            ("message", "Message template; `{term}` is the term, `{count}` its uses, `{line}` the line of the other definition."),
        ],
        compile: { rules, _ in [try DefinedTermsCheck(rules: rules)] }
    )
}

struct DefinedTermsCheck: RuleCheck {
    struct Compiled {
        var rule: Rule
        var check: String
        var message: MessageTemplate?
    }

    let rules: [Compiled]
    let minimumUses: Int

    init(rules: [Rule]) throws {
        var compiled: [Compiled] = []
        var minimum = 2
        for rule in rules {
            let check = try structuralCheckName(rule, allowed: DefinedTermsKind.checks)
            if let value = rule.parameter("min_uses") {
                minimum = try value.int("min_uses")
                guard minimum >= 1 else { throw value.error("min_uses must be at least 1") }
            }
            compiled.append(Compiled(rule: rule, check: check, message: try rule.parameter("message").map { MessageTemplate(try $0.string("message")) }))
        }
        self.rules = compiled
        minimumUses = minimum
    }

    var definedTermsMinimumUses: Int? { minimumUses }

    /// A definition in a sentence that names parties or another agreement ("… between X ("Kallo")
    /// and …", "… dated May 5, 1998 ("Agreement")").
    static func isPreambleStyle(_ offset: Int, _ bytes: [UInt8]) -> Bool {
        let start = StructuralText.sentenceStart(bytes, before: offset, limit: 240)
        let window = String(decoding: bytes[start..<offset].map(StructuralText.lower), as: UTF8.self)
        return window.containsBytes(" between ") || window.containsBytes("entered into") || window.containsBytes("by and among") || window.containsBytes(" dated ") || window.containsBytes(" corporation")
            || window.containsBytes(" inc.") || window.containsBytes(" llc") || window.containsBytes(" ltd")
    }

    func findings(in context: RuleContext) -> [Finding] {
        let document = context.document
        var index = context.definedTerms ?? DefinedTermAnalyzer(minimumUndefinedUses: minimumUses).analyze(document)
        // The shared analysis may have used a smaller minimum (another check's).
        index.undefined.removeAll { $0.count < minimumUses }
        // Party role words are the party check's business; keep them out of "undefined".
        if !index.undefined.isEmpty, PartyAnalyzer().parties(in: document, terms: index).count >= 2 {
            let roles = Set(PartyAnalyzer.defaultRoleWords.flatMap { [$0, $0 + "s"] })
            index.undefined.removeAll { roles.contains($0.term) }
        }
        var findings: [Finding] = []
        for compiled in rules {
            let rule = compiled.rule
            func text(_ fallback: String, _ values: KeyValuePairs<String, String>) -> String {
                compiled.message?.render(values) ?? fallback
            }
            switch compiled.check {
            case "undefined":
                for use in index.undefined {
                    findings.append(context.finding(rule: rule, range: use.range,
                                                    message: text("'\(use.term)' is used as a defined term (\(use.count) times) but never defined", ["term": use.term, "count": String(use.count)])))
                }
            case "unused":
                for definition in index.uniqueDefinitions where index.useCounts[definition.term, default: 0] == 0 {
                    findings.append(context.finding(rule: rule, range: definition.range,
                                                    message: text("'\(definition.term)' is defined but never used", ["term": definition.term, "count": "0"])))
                }
            case "duplicate":
                var first: [String: DefinedTerm] = [:]
                for definition in index.definitions where !definition.isPointer {
                    guard let earlier = first[definition.term] else { first[definition.term] = definition; continue }
                    // An attached document (exhibit, press release, the amended agreement) defines its
                    // own terms, restating the parties in its own preamble.
                    if earlier.inSchedule != definition.inSchedule { continue }
                    if Self.isPreambleStyle(definition.range.lowerBound, context.bytes) || Self.isPreambleStyle(earlier.range.lowerBound, context.bytes) { continue }
                    let differently = earlier.meaning != definition.meaning
                    let line = context.lineColumn(earlier.range.lowerBound)
                    let message = text("'\(definition.term)' is defined again\(differently ? ", differently" : ""); first defined at \(line)",
                                       ["term": definition.term, "line": line])
                    findings.append(context.finding(rule: rule, range: definition.range, message: message,
                                                    related: [(earlier.range, "first definition of '\(definition.term)'")]))
                }
            default:   // used-before-definition
                for definition in index.uniqueDefinitions where !definition.inDefinitionsClause {
                    // Before the sentence that defines it: "This Services Agreement (the "Agreement")" is not a use before.
                    guard let use = index.firstUse[definition.term],
                          use.lowerBound < StructuralText.sentenceStart(context.bytes, before: definition.range.lowerBound) else { continue }
                    let line = context.lineColumn(definition.range.lowerBound)
                    findings.append(context.finding(rule: rule, range: use, message: text("'\(definition.term)' is used before its definition at \(line)", ["term": definition.term, "line": line]),
                                                    related: [(definition.range, "definition of '\(definition.term)'")]))
                }
            }
        }
        return findings
    }
}
