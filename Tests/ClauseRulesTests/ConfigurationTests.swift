import ClauseModel
import Foundation
import Testing
@testable import ClauseRules

@Suite struct ConfigurationTests {
    let contract = """
    Services Agreement

    1. Services. Supplier shall use best efforts to host the Customer's website.

    2. Fees. Customer shall pay approximately $500 per month.
    """

    @Test func disableEnableAndSeverityOverridesApply() throws {
        let configuration = try LintConfiguration.parse("""
        rules:
          disable: [vague-quantity]
          severity:
            vague-effort: error
        """, path: "/tmp/x/.clauselint.yml")
        try configuration.validate(against: defaultRuleSet)
        let findings = lint(contract, configuration: configuration).findings
        #expect(!findings.contains { $0.ruleID == "vague-quantity" })
        let effort = try #require(findings.first { $0.ruleID == "vague-effort" })
        #expect(effort.severity == .error)
        #expect(lint(contract).findings.contains { $0.ruleID == "vague-quantity" })
    }

    @Test func unknownRuleIDIsAnErrorAtItsLine() throws {
        let configuration = try LintConfiguration.parse("""
        rules:
          disable:
            - vague-timing
            - vague-timng
        """, path: "cfg/.clauselint.yml")
        #expect {
            try configuration.validate(against: defaultRuleSet)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cfg/.clauselint.yml:4:7: error: unknown rule id 'vague-timng'") && text.contains("did you mean 'vague-timing'")
        }
    }

    @Test func unknownKeysAndBadSeveritiesAreErrorsAtTheirPlace() {
        #expect { try LintConfiguration.parse("rules:\n  disabel: [and-or]\n", path: "c.yml") } throws: { "\($0)".hasPrefix("c.yml:2:3: error: unknown key 'disabel'") }
        #expect { try LintConfiguration.parse("rules:\n  severity:\n    and-or: fatal\n", path: "c.yml") } throws: { "\($0)".hasPrefix("c.yml:3:13: error: severity for 'and-or'") }
        #expect { try LintConfiguration.parse("rules: [\n", path: "c.yml") } throws: { "\($0)".hasPrefix("c.yml:2:1: error: invalid YAML") }
    }

    @Test func contractTypeFromConfigurationTurnsOnCustomerRules() throws {
        let text = "Master Agreement\n\n1. Fees. Customer pays $10 per month.\n"
        #expect(!lint(text).findings.contains { $0.ruleID == "missing-refund-clause" })
        var configuration = LintConfiguration.default
        configuration.contractType = "customer"
        let findings = lint(text, configuration: configuration).findings
        let refund = try #require(findings.first { $0.ruleID == "missing-refund-clause" })
        #expect(refund.isDocumentLevel)
        #expect(refund.message.contains("after the payment clause (1 Fees)"))
    }

    @Test func resolverFindsNearestFileWalkingUpAndExcludesGlobs() throws {
        let root = try temporaryFolder([
            ".clauselint.yml": "contract_type: nda\nexclude: [\"drafts/**\"]\n",
            "team/.clauselint.yml": "contract_type: customer\n",
            "team/deep/contract.txt": "x",
            "other/contract.txt": "x",
            "drafts/old/a.txt": "x",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let resolver = ConfigurationResolver()
        #expect(try resolver.resolve(for: "\(root)/team/deep/contract.txt").contractType == "customer")
        let top = try resolver.resolve(for: "\(root)/other/contract.txt")
        #expect(top.contractType == "nda")
        #expect(top.isExcluded("\(root)/drafts/old/a.txt"))
        #expect(!top.isExcluded("\(root)/other/contract.txt"))
        #expect(ConfigurationResolver(explicitPath: "\(root)/team/.clauselint.yml").configurationPath(for: "\(root)/other/contract.txt") == "\(root)/team/.clauselint.yml")
    }

    @Test func extraRuleFoldersAddRulesAndBadRuleFilesNameTheirPlace() throws {
        let extra = try temporaryFolder([
            "house.yml": """
            id: house-no-shall
            kind: lexicon
            severity: info
            summary: House style avoids "hereinafter".
            explanation: Plain-language policy of the legal team; archaic words confuse customers and invite misreading.
            suggestion: Define the term once in the definitions clause.
            terms: [hereinafter]
            examples:
              flagged: ["ABC Ltd ([[hereinafter]] the Supplier)"]
              clean: ["ABC Ltd (the Supplier)"]
            """,
        ])
        defer { try? FileManager.default.removeItem(atPath: extra) }
        let configuration = try LintConfiguration.parse("rule_folders: [\"\(extra)\"]\nrules:\n  severity: {house-no-shall: error}\n", path: "/tmp/.clauselint.yml")
        let ruleSet = try RuleSet.load(defaultDirectory: rulesDirectory, configuration: configuration)
        #expect(ruleSet.rule(withID: "house-no-shall") != nil)
        #expect(throws: Diagnostics.self) { try RuleSet.load(defaultDirectory: rulesDirectory, configuration: try LintConfiguration.parse("rules:\n  severity: {house-no-shall: error}\n", path: "/tmp/.clauselint.yml")) }
        #expect(lint("ABC Ltd (hereinafter the Supplier) agrees.", ruleSet: ruleSet).findings.contains { $0.ruleID == "house-no-shall" })

        let broken = try temporaryFolder([
            "categories.yml": "categories:\n  - id: payment\n    name: Payment\n    patterns: [\"pay\"]\n",
            "bad-regex.yml": "id: bad-regex\nkind: pattern\nseverity: error\nsummary: s\nexplanation: e\nsuggestion: s\npattern: '([a-z'\n",
            "bad-kind.yml": "id: bad-kind\nkind: lexikon\nseverity: error\nsummary: s\nexplanation: e\nsuggestion: s\n",
            "bad-key.yml": "id: bad-key\nkind: lexicon\nseverity: error\nsummary: s\nexplanation: e\nsuggestion: s\nterms: [x]\nterm: [y]\n",
            "bad-yaml.yml": "id: [unclosed\n",
            "bad-category.yml": "id: bad-category\nkind: required-clause\nseverity: error\nsummary: s\nexplanation: e\nsuggestion: s\ncategory: refnd\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: broken) }
        #expect {
            try RuleSet.load(directories: [broken])
        } throws: { error in
            let text = "\(error)"
            return text.contains("bad-regex.yml:7:10: error: invalid regular expression")
                && text.contains("bad-kind.yml:2:7: error: unknown rule kind 'lexikon'")
                && text.contains("bad-key.yml:8:1: error: unknown key 'term'")
                && text.contains("bad-yaml.yml:2:1: error: invalid YAML")
                && text.contains("bad-category.yml:7:11: error: rule 'bad-category' names an unknown category 'refnd'")
        }
    }
}

@Suite struct SuppressionTests {
    @Test func plainTextMarkersSilenceNextLineRegionAndFile() throws {
        let text = """
        Services Agreement

        // clauselint-disable-next-line vague-effort -- agreed with Legal
        1. Services. Supplier shall use best efforts to host the website.

        2. Support. Supplier shall use best efforts to answer tickets.

        # clauselint-disable vague-timing
        3. Fixes. Supplier shall promptly fix defects.
        # clauselint-enable vague-timing

        4. Reports. Supplier shall promptly send reports.

        [ ] clauselint-disable-file missing-dispute-resolution
        """
        let result = lint(text)
        let effort = result.findings.filter { $0.ruleID == "vague-effort" }
        #expect(effort.count == 2)
        #expect(effort[0].suppression == Suppression(kind: "inSource", justification: "agreed with Legal"))
        #expect(effort[1].suppression == nil)
        let timing = result.findings.filter { $0.ruleID == "vague-timing" }
        #expect(timing.map { $0.suppression != nil } == [true, false])
        let missing = try #require(result.findings.first { $0.ruleID == "missing-dispute-resolution" })
        #expect(missing.suppression != nil)
        #expect(result.findings.first { $0.ruleID == "missing-governing-law" }?.suppression == nil)
        #expect(result.activeFindings.count == result.findings.count - 3)
    }

    @Test func markdownAndXMLCommentMarkersAndUnknownRuleWarning() {
        let text = """
        <!-- clauselint-disable-next-line and-or -->
        Licensee may use servers and/or workstations.

        Notes go to the Supplier and/or its agent. <!-- clauselint-disable-line and-or -->

        <!-- clauselint-disable-next-line and-ore -->
        Payment is due and/or payable.
        """
        let result = lint(text)
        let andOr = result.findings.filter { $0.ruleID == "and-or" }
        #expect(andOr.map { $0.suppression != nil } == [true, true, false])
        #expect(result.warnings.map(\.description) == ["<example>:6:6: warning: suppression names an unknown rule 'and-ore'"])
    }

    @Test func markerInsideProseIsNotASuppression() {
        let text = "The parties agree that clauselint-disable-next-line and-or is not a term.\nUse A and/or B.\n"
        #expect(lint(text).findings.filter { $0.ruleID == "and-or" }.allSatisfy { $0.suppression == nil })
    }
}
