import ClauseModel

/// Text about rules, shared by `clauselint rules`, `clauselint explain` and `docs/rules.md`,
/// so the documentation is generated from `Rules/` and cannot drift from it.
public enum RuleDocumentation {
    public static func helpURI(for id: String) -> String { "docs/rules.md#\(id)" }

    /// One rule as `clauselint explain` prints it: what it does, why, how to fix, examples.
    public static func explain(_ rule: Rule) -> String {
        var lines: [String] = []
        lines.append("\(rule.id) (\(rule.kind), \(rule.severity.rawValue)\(rule.enabledByDefault ? "" : ", opt-in"))")
        lines.append("")
        lines.append("What it does: \(rule.summary)")
        if !rule.contractTypes.isEmpty { lines.append("Applies to: \(rule.contractTypes.joined(separator: ", ")) contracts") }
        lines.append("")
        lines.append("Why it matters:")
        lines.append(rule.explanation.trimmed(" \n"))
        lines.append("")
        lines.append("How to fix:")
        lines.append(rule.suggestion.trimmed(" \n"))
        if !rule.flaggedExamples.isEmpty {
            lines.append("")
            lines.append("Flagged (the finding is marked [[...]] or ↓):")
            for example in rule.flaggedExamples { lines.append(indent(markedText(example))) }
        }
        if !rule.cleanExamples.isEmpty {
            lines.append("")
            lines.append("Clean:")
            for example in rule.cleanExamples { lines.append(indent(example.text)) }
        }
        lines.append("")
        lines.append("Defined in \(rule.path):\(rule.line)")
        return lines.joined(separator: "\n")
    }

    /// The example text with its markers put back.
    public static func markedText(_ example: RuleExample) -> String {
        var inserts: [(Int, String)] = []
        for span in example.markedSpans { inserts.append((span.lowerBound, "[[")); inserts.append((span.upperBound, "]]")) }
        for start in example.markedStarts { inserts.append((start, "↓")) }
        var bytes = Array(example.text.utf8)
        for (offset, marker) in inserts.sorted(by: { $0.0 > $1.0 }) { bytes.insert(contentsOf: Array(marker.utf8), at: offset) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func indent(_ text: String) -> String {
        text.trimmed("\n").split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    /// A table of rules, as `clauselint rules` prints it.
    public static func table(_ rules: [Rule]) -> String {
        let idWidth = max(2, rules.map(\.id.count).max() ?? 0)
        let kindWidth = max(4, rules.map(\.kind.count).max() ?? 0)
        var lines = ["\("ID".padded(idWidth))  \("KIND".padded(kindWidth))  SEVERITY  SUMMARY"]
        for rule in rules.sorted(by: { $0.id < $1.id }) {
            lines.append("\(rule.id.padded(idWidth))  \(rule.kind.padded(kindWidth))  \(rule.severity.rawValue.padded(8))  \(rule.summary)")
        }
        return lines.joined(separator: "\n")
    }

    /// `docs/rules.md`: the rule-file format, the kinds, the categories and every rule.
    public static func markdown(_ ruleSet: RuleSet, kinds: [RuleKindEntry] = RuleKindRegistry.builtIn) -> String {
        var out: [String] = []
        out.append("# clauselint rules")
        out.append("")
        out.append("<!-- Generated from Rules/ by `swift run clauselint rules --format markdown > docs/rules.md`; a test fails when it drifts. Do not edit by hand. -->")
        out.append("")
        out.append("Every rule is a YAML file under `Rules/` (one rule, or a small family under `rules:`). Common keys:")
        out.append("")
        out.append("| key | meaning |")
        out.append("|---|---|")
        out.append("| `id` | stable id, lower-case words joined by `-` |")
        out.append("| `kind` | the engine that runs it (below) |")
        out.append("| `severity` | `error` (a dispute waiting to happen), `warning` (likely to be argued over), `info` (worth a look) |")
        out.append("| `summary` | one line |")
        out.append("| `explanation` | why it matters: the dispute it invites |")
        out.append("| `suggestion` | how to fix it |")
        out.append("| `contract_types` | only for these contract types (`Rules/contract-types.yml`); absent: every contract |")
        out.append("| `enabled` | `false` makes the rule opt-in (`.clauselint.yml` `rules: enable:`) |")
        out.append("| `examples` | `flagged:` texts, with the finding marked `[[like this]]` (exact span) or `↓` (where it starts), and `clean:` texts; a test runs every example |")
        out.append("")
        out.append("Phrase patterns (categories, `clause-content`, lexicon terms): whole words, case-insensitive, any whitespace matches a space; `(a|b)` alternatives, `(a )?` optional; `...` skips up to 80 bytes within one sentence; a trailing `*` makes a word a prefix (`terminat*`).")
        out.append("")
        out.append("## Using the engine from Swift")
        out.append("")
        out.append("```swift")
        out.append("let rules = try RuleSet.load(directories: [RuleSet.defaultRulesDirectory()!])   // throws Diagnostics (file:line:column)")
        out.append("let configuration = try ConfigurationResolver().resolve(for: path)              // nearest .clauselint.yml, or defaults")
        out.append("try configuration.validate(against: rules)                                      // unknown rule ids → errors at their line")
        out.append("let result = Linter(ruleSet: rules, configuration: configuration).lint(document)")
        out.append("result.document        // every clause with Clause.categories set")
        out.append("result.findings        // sorted by offset; suppressed ones carry Finding.suppression")
        out.append("rules.categories.categories(forText: \"charged again after I cancelled\")  // [(id, score)] for dispute wording")
        out.append("```")
        out.append("")
        out.append("`RuleSet.defaultRulesDirectory` takes `--rules-root`, else `$CLAUSELINT_RULES`, else the `Rules/` folder of the repository the executable was built in (or above the current folder).")
        out.append("")
        out.append("Adding a rule of an existing kind touches only `Rules/`. Adding a kind is one Swift file defining a `RuleKindEntry` (name, documented parameters, and a `compile` closure that validates the rules' parameters and returns `RuleCheck`s) plus one line in `RuleKindRegistry` (`Sources/ClauseRules/RuleKind.swift`, or `Structural/StructuralKinds.swift` for structural kinds). A check that looks for phrases declares them as `scanPatterns`: the linter then finds them in the same single pass over the document as the categories and the other kinds, and hands the matches to `findings(in:scan:)`.")
        out.append("")
        out.append("## Rule kinds")
        out.append("")
        for kind in kinds {
            out.append("### `\(kind.name)`")
            out.append("")
            out.append(kind.summary)
            out.append("")
            if !kind.parameters.isEmpty {
                out.append("| parameter | meaning |")
                out.append("|---|---|")
                for parameter in kind.parameters { out.append("| `\(parameter.key)` | \(parameter.help.replacing("|", with: "\\|")) |") }
                out.append("")
            }
        }
        out.append("## Clause categories")
        out.append("")
        out.append("From `Rules/categories.yml`. A clause gets a category when its heading holds a heading keyword or its own text (before its first sub-clause) matches a pattern, in either case not overlapped by an `exclude` pattern of the category (an `exclude_sentence` pattern cancels every match in its sentence: a condition such as \"if sales fall below …\" can stand far before the right it conditions); it also gets the category's parents. Accuracy against CUAD's expert labels: `swift run -c release clauselint-bench categories`.")
        out.append("")
        out.append("| id | name | parent | heading keywords |")
        out.append("|---|---|---|---|")
        for category in ruleSet.categories.categories {
            out.append("| `\(category.id)` | \(category.name) | \(category.parent.map { "`\($0)`" } ?? "") | \(category.headingKeywords.joined(separator: ", ").replacing("|", with: "\\|")) |")
        }
        out.append("")
        out.append("## Contract types")
        out.append("")
        out.append("From `Rules/contract-types.yml`, detected from the title (or set with `contract_type:` in `.clauselint.yml`).")
        out.append("")
        for type in ruleSet.contractTypes.types {
            out.append("- `\(type.id)`: \(type.name)")
        }
        out.append("")
        out.append("## Rules")
        out.append("")
        out.append("| rule | kind | severity | summary |")
        out.append("|---|---|---|---|")
        let sorted = ruleSet.rules.sorted { $0.id < $1.id }
        for rule in sorted {
            out.append("| [`\(rule.id)`](#\(rule.id)) | \(rule.kind) | \(rule.severity.rawValue) | \(rule.summary.replacing("|", with: "\\|")) |")
        }
        for rule in sorted {
            out.append("")
            out.append("### \(rule.id)")
            out.append("")
            out.append("*\(rule.kind), \(rule.severity.rawValue)\(rule.enabledByDefault ? "" : ", opt-in")\(rule.contractTypes.isEmpty ? "" : ", for \(rule.contractTypes.joined(separator: ", ")) contracts")* — \(rule.summary)")
            out.append("")
            out.append("**Why:** \(rule.explanation.trimmed(" \n"))")
            out.append("")
            out.append("**Fix:** \(rule.suggestion.trimmed(" \n"))")
            if let terms = rule.parameter("terms"), case .sequence(let items) = terms.content {
                out.append("")
                out.append("Terms:")
                out.append("")
                for item in items {
                    if case .mapping = item.content, let map = try? item.mapping("term"), let term = try? map["term"]?.string("term") {
                        let suggestion = (try? map["suggestion"]?.string("suggestion")) ?? nil
                        out.append("- `\(term)`\(suggestion.map { ": \($0)" } ?? "")")
                    } else if let term = try? item.string("term") {
                        out.append("- `\(term)`")
                    }
                }
            }
            if !rule.flaggedExamples.isEmpty {
                out.append("")
                out.append("Flagged:")
                out.append("")
                for example in rule.flaggedExamples {
                    out.append("```text")
                    out.append(markedText(example).trimmed("\n"))
                    out.append("```")
                }
            }
            if !rule.cleanExamples.isEmpty {
                out.append("")
                out.append("Clean:")
                out.append("")
                for example in rule.cleanExamples {
                    out.append("```text")
                    out.append(example.text.trimmed("\n"))
                    out.append("```")
                }
            }
        }
        out.append("")
        return out.joined(separator: "\n")
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
