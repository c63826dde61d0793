import ClauseModel
import ClauseParsing
import Foundation
import Testing
@testable import ClauseRules

/// The structural rules end to end (loader → linter with the default Rules/) on fixtures in
/// all three formats: a flawed contract that triggers every check, and a clean one where none
/// fires. Then the checks over the real CUAD contracts: no crash, every finding inside its text.
@Suite struct StructuralFixtureTests {
    static let formats = ["txt", "md", "xml"]
    static let structuralKinds: Set<String> = ["defined-terms", "cross-reference", "numbering", "party-names", "conflicting-terms"]
    static var structuralRuleIDs: Set<String> { Set(defaultRuleSet.rules.filter { structuralKinds.contains($0.kind) }.map(\.id)) }

    func lintFixture(_ name: String) throws -> LintResult {
        let path = repositoryRoot.appendingPathComponent("Fixtures/structure/\(name)").path
        let document = try DocumentLoader().load(path: path).get()
        return Linter(ruleSet: defaultRuleSet).lint(document)
    }

    /// rule id → the matched texts it must report (at least these).
    static let expectedInFlawed: [String: [String]] = [
        "undefined-term": ["Service Levels"],
        "unused-definition": ["Business Day"],
        "duplicate-definition": ["Fees"],
        "used-before-definition": ["Customer Materials"],
        "broken-cross-reference": ["Section 7.4", "paragraph (f)"],
        "missing-attachment": ["Exhibit C"],
        "numbering-gap": ["3.4"],
        "numbering-duplicate": ["2.3"],
        "numbering-out-of-order": ["6.1"],
        "inconsistent-party-name": ["Vendor"],
        "conflicting-governing-law": ["England and Wales"],
        "conflicting-venue": ["London, England"],
        "conflicting-payment-period": ["forty-five (45) days"],
        "conflicting-termination-notice": ["ninety (90) days"],
        "conflicting-renewal-notice": ["thirty (30) days"],
    ]

    @Test(arguments: formats)
    func flawedContractTriggersEveryCheck(format: String) throws {
        let result = try lintFixture("flawed-services-agreement.\(format)")
        for (ruleID, texts) in Self.expectedInFlawed {
            let found = result.findings.filter { $0.ruleID == ruleID }
            for text in texts {
                #expect(found.contains { $0.matchedText.hasPrefix(text) }, "\(format): \(ruleID) did not report '\(text)'; got \(found.map(\.matchedText))")
            }
        }
        // No structural false alarms beyond what the fixture plants.
        let unexpected = result.findings.filter { Self.structuralRuleIDs.contains($0.ruleID) && $0.ruleID != "numbering-mixed-scheme" }
            .filter { finding in !(Self.expectedInFlawed[finding.ruleID] ?? []).contains { finding.matchedText.hasPrefix($0) } }
        #expect(unexpected.isEmpty, "\(format): unexpected \(unexpected.map { "\($0.ruleID) '\($0.matchedText)': \($0.message)" })")
    }

    @Test(arguments: formats)
    func findingsWithTwoPlacesCarryRelatedLocations(format: String) throws {
        let result = try lintFixture("flawed-services-agreement.\(format)")
        let duplicate = try #require(result.findings.first { $0.ruleID == "duplicate-definition" })
        #expect(duplicate.message.contains("differently"))
        #expect(duplicate.relatedLocations.count == 1)
        #expect(duplicate.relatedLocations.first.map { result.document.text(of: $0.span) } == "Fees")
        #expect(duplicate.relatedLocations[0].span.startLine < duplicate.span.startLine)
        let law = try #require(result.findings.first { $0.ruleID == "conflicting-governing-law" })
        #expect(law.relatedLocations.map { result.document.text(of: $0.span) } == ["the State of New York"])
        let gap = try #require(result.findings.first { $0.ruleID == "numbering-gap" })
        #expect(gap.message.contains("3.3"))
    }

    @Test(arguments: formats)
    func cleanContractHasNoStructuralFindings(format: String) throws {
        let result = try lintFixture("clean-services-agreement.\(format)")
        let structural = result.findings.filter { Self.structuralRuleIDs.contains($0.ruleID) }
        #expect(structural.isEmpty, "\(format): \(structural.map { "\($0.ruleID) '\($0.matchedText)': \($0.message)" })")
    }

    @Test func structuralFindingsCanBeSuppressedInline() throws {
        let text = "1. Fees. The fees are fixed.\n\n2. Payment. Fees are due in 30 days.\n<!-- clauselint-disable-next-line broken-cross-reference -->\nSubject to Section 14.2, invoices are due in 30 days."
        let result = lint(text)
        let broken = result.findings.filter { $0.ruleID == "broken-cross-reference" }
        #expect(broken.count == 1)
        #expect(broken.first?.suppression != nil)
        #expect(result.activeFindings.allSatisfy { $0.ruleID != "broken-cross-reference" })
    }

    @Test func structuralRulesAreDescribedForExplainAndSARIF() throws {
        for id in Self.structuralRuleIDs {
            let rule = try #require(defaultRuleSet.rule(withID: id))
            let text = RuleDocumentation.explain(rule)
            #expect(text.contains(rule.summary))
            #expect(rule.descriptor.kind == rule.kind)
        }
        #expect(Self.structuralRuleIDs.count >= 15)
    }

    @Test func cuadCorpusRunsCleanlyThroughTheStructuralChecks() throws {
        let folder = repositoryRoot.appendingPathComponent("../shared/corpora/cuad-dev/contracts").standardizedFileURL.path
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            print("skipping: \(folder) not found")
            return
        }
        let linter = Linter(ruleSet: defaultRuleSet)
        var structuralFindings = 0
        var references = 0
        for file in files.sorted().prefix(60) where file.hasSuffix(".txt") {
            guard case .success(let document) = DocumentLoader().load(path: (folder as NSString).appendingPathComponent(file)) else { continue }
            let result = linter.lint(document)
            for finding in result.findings where Self.structuralRuleIDs.contains(finding.ruleID) {
                structuralFindings += 1
                #expect(finding.span.endOffset <= document.bytes.count)
                #expect(document.text(of: finding.span) == finding.matchedText)
                for related in finding.relatedLocations { #expect(related.span.endOffset <= document.bytes.count) }
            }
            let annotated = CrossReferenceResolver.annotate(document)
            for clause in annotated.allClauses {
                for reference in clause.references {
                    references += 1
                    #expect(clause.span.contains(reference.span))
                    for id in reference.targetIDs where id != "document" { #expect(annotated.clause(withID: id) != nil, "\(file): \(reference.text) → unknown id \(id)") }
                }
            }
        }
        #expect(references > 500)
        #expect(structuralFindings > 0)
    }
}
