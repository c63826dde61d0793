import ClauseModel
import ClauseParsing
import Foundation
import Testing
@testable import ClauseRules

/// Whole contracts in Fixtures/lint: each default rule fires where the contract has the
/// problem and stays quiet where it does not.
@Suite struct FixtureTests {
    /// The fixture as the product reads it (DocumentLoader → plain-text parser), linted.
    static func lintFixture(_ name: String) throws -> LintResult {
        let path = repositoryRoot.appendingPathComponent("Fixtures/lint/\(name)").path
        let document = try DocumentLoader().load(path: path).get()
        #expect(ClauseTreeInvariants.violations(in: document).isEmpty)
        return Linter(ruleSet: defaultRuleSet).lint(document)
    }

    /// fixture → (rule id → the matched texts it must report, in order); rules not listed must
    /// not fire at all.
    static let expected: [String: [String: [String]]] = [
        "cloudbox-subscription-agreement.txt": [
            "unfilled-placeholder": ["[●]", "[Customer Name]", "__________"],
            "vague-timing": ["from time to time", "promptly", "as soon as practicable"],
            "number-mismatch": ["Twelve Thousand Dollars ($21,000)"],
            "vague-standard": ["reasonable"],
            "vague-effort": ["commercially reasonable efforts"],
            "and-or": ["and/or"],
            "placeholder-tbd": ["TBD"],
            "breach-without-cure-period": ["5. Termination"],
            "amendment-not-in-writing": ["6. Amendments"],
            "missing-refund-clause": [""],
            "missing-cancellation-clause": [""],
            "dispute-resolution-forum": ["7. Governing Law"],
            "dispute-escalation-timeline": ["7. Governing Law"],
        ],
        "harbor-services-agreement.txt": ["missing-attachment": ["Schedule A"]],
        "quickprint-terms-of-service.txt": [
            "vague-quantity": ["approximately"],
            "open-ended-discretion": ["sole discretion"],
            "etc-in-list": ["etc"],
            "missing-dispute-resolution": [""],
            "missing-governing-law": [""],
        ],
        "northwind-mutual-nda.txt": [:],
        "meridian-sales-representative-agreement.txt": [
            "commission-calculation": ["2. Commission"],
            "commission-payment-timing": ["2. Commission", "3. Bonus"],
        ],
    ]

    @Test(arguments: expected.keys.sorted())
    func fixtureHasExactlyTheExpectedFindings(name: String) throws {
        let result = try Self.lintFixture(name)
        var actual: [String: [String]] = [:]
        for finding in result.findings { actual[finding.ruleID, default: []].append(finding.matchedText) }
        let expected = Self.expected[name]!
        for ruleID in Set(actual.keys).union(expected.keys).sorted() {
            #expect(actual[ruleID] ?? [] == expected[ruleID] ?? [], "\(name): \(ruleID)")
        }
    }

    @Test func everyDefaultRuleFiresInSomeFixtureAndIsQuietInAnother() {
        // Kinds whose findings a later stage makes (contested-section) are tested there.
        for rule in defaultRuleSet.rules where RuleKindRegistry.entry(named: rule.kind)?.findingsMadeOutsideLinter != true
            && !rule.path.contains("/Rules/structure/") {   // structural rules: StructuralFixtureTests on Fixtures/structure
            let firing = Self.expected.filter { $0.value[rule.id] != nil }
            #expect(!firing.isEmpty, "no fixture where \(rule.id) fires")
            #expect(firing.count < Self.expected.count, "no fixture where \(rule.id) stays quiet")
        }
    }

    @Test func missingClauseFindingsSayWhereTheClauseGoes() throws {
        let result = try Self.lintFixture("cloudbox-subscription-agreement.txt")
        let refund = try #require(result.findings.first { $0.ruleID == "missing-refund-clause" })
        #expect(refund.isDocumentLevel && refund.clause == nil)
        #expect(refund.message == "No refund or return clause; such a clause usually goes after the payment clause (2 Fees)")
        #expect(refund.span.startLine == 7)
        #expect(result.contractType == "subscription")
        let effort = try #require(result.findings.first { $0.ruleID == "vague-effort" })
        #expect(effort.clause?.id == "3")
        #expect(effort.clause?.categories.contains("performance") == true)
        #expect(effort.span.startLine == 9 && effort.span.startColumn == 39)
        #expect(result.findings.map(\.span.startOffset) == result.findings.map(\.span.startOffset).sorted())
    }

    /// A schedule after the last clause is an attachment, not the end of the contract's body:
    /// a missing governing-law clause belongs after the last operative clause.
    @Test func missingClauseGoesBeforeTheSchedules() throws {
        let path = repositoryRoot.appendingPathComponent("Fixtures/xml/generic-supply-agreement.xml").path
        let result = Linter(ruleSet: defaultRuleSet).lint(try DocumentLoader().load(path: path).get())
        let law = try #require(result.findings.first { $0.ruleID == "missing-governing-law" })
        #expect(law.message == "No governing-law clause; such a clause usually goes at the end of the contract, after 2 Warranty")
        let schedule = try #require(result.document.clauses.last)
        #expect(schedule.kind == .schedule && law.span.startOffset < schedule.span.startOffset)
        let refund = try #require(result.findings.first { $0.ruleID == "missing-refund-clause" })
        #expect(refund.message.hasSuffix("(Schedule A (Products and Prices))"))
    }

    /// Linting with the rule-independent part done beforehand (as a batch run does while the
    /// rules compile) gives the same result as linting in one go.
    @Test(arguments: expected.keys.sorted())
    func preparedLintAgrees(name: String) throws {
        let document = try DocumentLoader().load(path: repositoryRoot.appendingPathComponent("Fixtures/lint/\(name)").path).get()
        let linter = Linter(ruleSet: defaultRuleSet)
        let direct = linter.lint(document)
        let prepared = linter.lint(document, prepared: Linter.prepare(document))
        #expect(prepared.findings == direct.findings)
        #expect(prepared.document.allClauses.map(\.categories) == direct.document.allClauses.map(\.categories))
        #expect(prepared.warnings == direct.warnings)
    }

    /// The linter's single shared scan gives the same findings as each check scanning on its own.
    @Test(arguments: expected.keys.sorted())
    func sharedScanAgreesWithStandaloneChecks(name: String) throws {
        let result = try Self.lintFixture(name)
        let context = RuleContext(document: result.document, contractType: result.contractType, catalogs: RuleCatalogs(categories: defaultRuleSet.categories, contractTypes: defaultRuleSet.contractTypes))
        var standalone: [String] = []
        for check in defaultRuleSet.checks {
            for finding in check.findings(in: context) {
                guard let rule = defaultRuleSet.rule(withID: finding.ruleID) else { continue }
                if !rule.contractTypes.isEmpty && !(result.contractType.map(rule.contractTypes.contains) ?? false) { continue }
                standalone.append("\(finding.ruleID)@\(finding.span.startOffset)-\(finding.span.endOffset)")
            }
        }
        let shared = result.findings.map { "\($0.ruleID)@\($0.span.startOffset)-\($0.span.endOffset)" }
        #expect(shared.sorted() == standalone.sorted())
        let document = try DocumentLoader().load(path: repositoryRoot.appendingPathComponent("Fixtures/lint/\(name)").path).get()
        #expect(defaultRuleSet.categories.categorize(document).allClauses.map(\.categories) == result.document.allClauses.map(\.categories))
    }
}
