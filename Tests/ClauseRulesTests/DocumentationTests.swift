import ClauseModel
import Foundation
import Testing
@testable import ClauseRules

@Suite struct DocumentationTests {
    /// docs/rules.md is generated from Rules/; this fails when someone edits a rule and forgets
    /// to regenerate it (or edits the generated file by hand).
    @Test func rulesReferenceMatchesRulesFolder() throws {
        let path = repositoryRoot.appendingPathComponent("docs/rules.md").path
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        let generated = RuleDocumentation.markdown(defaultRuleSet)
        #expect(onDisk == generated, "docs/rules.md is out of date: run `swift run clauselint rules --format markdown > docs/rules.md`")
    }

    @Test func referenceDocumentsEveryRuleKindCategoryAndRule() {
        let markdown = RuleDocumentation.markdown(defaultRuleSet)
        for kind in RuleKindRegistry.builtIn { #expect(markdown.contains("### `\(kind.name)`")) }
        for category in defaultRuleSet.categories.categories { #expect(markdown.contains("| `\(category.id)` |")) }
        for rule in defaultRuleSet.rules { #expect(markdown.contains("### \(rule.id)\n")) }
    }

    @Test func explainShowsWhyHowAndExamples() throws {
        let rule = try #require(defaultRuleSet.rule(withID: "number-mismatch"))
        let text = RuleDocumentation.explain(rule)
        #expect(text.hasPrefix("number-mismatch (number-consistency, error)"))
        #expect(text.contains("Why it matters:"))
        #expect(text.contains("How to fix:"))
        #expect(text.contains("[[thirty (45)]]"))
        #expect(text.contains("Customer may terminate on thirty (30) days' written notice."))
    }

    @Test func configurationGuideNamesEveryKeyAndMarker() throws {
        let guide = try String(contentsOfFile: repositoryRoot.appendingPathComponent("docs/configuration.md").path, encoding: .utf8)
        for key in ["rules:", "enable:", "disable:", "severity:", "rule_folders:", "contract_type:", "exclude:",
                    "clauselint-disable-next-line", "clauselint-disable-line", "clauselint-disable ", "clauselint-enable", "clauselint-disable-file"] {
            #expect(guide.contains(key), "docs/configuration.md does not mention \(key)")
        }
        for type in defaultRuleSet.contractTypes.types { #expect(guide.contains("`\(type.id)`"), "docs/configuration.md does not list contract type \(type.id)") }
    }
}
