import ClauseModel
import ClauseReporting
import ClauseRules
import Foundation
import Testing
@testable import ClauseDisputes

/// `lint --disputes`: linking findings to open disputes, the contested-section rule, warnings,
/// and the golden outputs of the run through the reporters.
@Suite struct LinkerTests {
    /// The pipeline `lint --disputes FILE [--include-closed]` runs: lint each contract, link it,
    /// then build the summaries for the "Open disputes" part.
    static func run(register: DisputeRegister, paths: [String] = fixtureContracts, includeClosed: Bool = false, configuration: LintConfiguration = .default) throws -> (documents: [LinkedDocument], summaries: [DisputeSummary]) {
        let linter = Linter(ruleSet: defaultRuleSet, configuration: configuration)
        let linker = DisputeLinker(register: register, catalog: defaultRuleSet.categories, includeClosed: includeClosed)
        var documents: [LinkedDocument] = []
        for path in paths {
            documents.append(linker.link(linter.lint(try fixtureDocument(path)), linter: linter))
        }
        return (documents, linker.summaries(documents, inputPaths: paths))
    }

    static var register: DisputeRegister { get throws { try DisputeRegister.load(path: repositoryPath("Fixtures/disputes/register.yml")) } }

    @Test func openDisputesAreLinkedAndClosedOnesLeftOut() throws {
        let (_, summaries) = try Self.run(register: try Self.register)
        #expect(summaries.map(\.id) == ["D-101", "D-102", "D-104", "D-105", "D-106", "D-108"])
        let withClosed = try Self.run(register: try Self.register, includeClosed: true).summaries
        #expect(withClosed.map(\.id) == ["D-101", "D-102", "D-103", "D-104", "D-105", "D-106", "D-108"])
        #expect(withClosed.first { $0.id == "D-103" }?.clauses.map(\.clause.id) == ["2.3"])
    }

    @Test func explicitReferencesLinkExactlyTheNamedClauses() throws {
        let summaries = try Self.run(register: try Self.register).summaries
        let renewal = try #require(summaries.first { $0.id == "D-102" })
        #expect(renewal.clauses.map(\.clause.id) == ["4.2"])
        #expect(renewal.clauses.map(\.path) == ["Fixtures/disputes/contracts/cloud-services-agreement.txt"])
        #expect(renewal.clauses.first?.reasons == ["explicit reference: 4.2"])
        let data = try #require(summaries.first { $0.id == "D-106" })
        #expect(data.clauses.map(\.clause.id) == ["10.1"])
    }

    @Test func unknownContractAndMissingClauseAreWarnings() throws {
        let summaries = try Self.run(register: try Self.register).summaries
        #expect(summaries.first { $0.id == "D-108" }?.warnings == ["contract 'master-services.txt' is not among the inputs"])
        #expect(summaries.first { $0.id == "D-108" }?.clauses.isEmpty == true)
        #expect(summaries.first { $0.id == "D-106" }?.warnings == ["clause reference 'Section 14' not found in Fixtures/disputes/contracts/cloud-services-agreement.txt"])
    }

    @Test func findingsInLinkedClausesCarryTheDisputeIDs() throws {
        let (documents, summaries) = try Self.run(register: try Self.register)
        let cloud = documents[0].result.findings
        // 10.2's "without undue delay" is not in a linked clause; 7.1's "reasonable efforts" is not either.
        let linked = cloud.filter { !$0.disputeIDs.isEmpty && $0.ruleID != DisputeLinker.contestedSectionRuleID }
        for finding in linked {
            let summary = try #require(summaries.first { $0.id == finding.disputeIDs[0] })
            #expect(summary.clauses.contains { $0.findingFingerprints.contains(finding.fingerprint) })
        }
        #expect(cloud.filter { $0.disputeIDs.isEmpty }.allSatisfy { $0.ruleID != DisputeLinker.contestedSectionRuleID })
        // The outage dispute links 7.2 (service credits), where "promptly" is a vague time limit;
        // 7.1's "reasonable efforts" lies in no linked clause.
        let promptly = try #require(cloud.first { $0.ruleID == "vague-timing" && $0.matchedText == "promptly" })
        #expect(promptly.disputeIDs == ["D-105"])
        #expect(summaries.first { $0.id == "D-105" }?.clauses.contains { $0.findingFingerprints == [promptly.fingerprint] } == true)
        #expect(cloud.first { $0.ruleID == "vague-effort" }?.disputeIDs == [])
    }

    @Test func contestedSectionFlagsEveryLinkedClauseAtItsConfiguredSeverity() throws {
        let (documents, _) = try Self.run(register: try Self.register)
        let contested = documents.flatMap(\.result.findings).filter { $0.ruleID == "contested-section" }
        #expect(contested.contains { $0.clause?.id == "4.2" && $0.disputeIDs == ["D-102"] && $0.severity == .warning })
        #expect(contested.contains { $0.clause?.id == "10.1" && $0.disputeIDs == ["D-106"] })
        #expect(contested.allSatisfy { $0.message.contains("is linked to") })

        var configuration = LintConfiguration()
        configuration.severityOverrides = ["contested-section": .error]
        let strict = try Self.run(register: try Self.register, configuration: configuration).documents.flatMap(\.result.findings).filter { $0.ruleID == "contested-section" }
        #expect(!strict.isEmpty && strict.allSatisfy { $0.severity == .error })

        var off = LintConfiguration()
        off.disabledRules = ["contested-section"]
        let none = try Self.run(register: try Self.register, configuration: off).documents.flatMap(\.result.findings).filter { $0.ruleID == "contested-section" }
        #expect(none.isEmpty)
    }

    /// The rule's own examples (Rules/contested-section.yml) against the register its comment
    /// names: the flagged example is flagged exactly at the marked span, the clean one not at all.
    @Test func contestedSectionRuleExamples() throws {
        let rule = try #require(defaultRuleSet.rule(withID: "contested-section"))
        #expect(!rule.flaggedExamples.isEmpty && !rule.cleanExamples.isEmpty)
        let register = DisputeRegister(path: "examples", disputes: [
            Dispute(id: "D-1", title: "Charged again after cancelling", description: "We cancelled our subscription but were charged again and want our money back."),
        ])
        let linter = Linter(ruleSet: defaultRuleSet)
        let linker = DisputeLinker(register: register, catalog: defaultRuleSet.categories)
        for example in rule.flaggedExamples {
            let findings = linker.link(linter.lint(ParagraphDocument.make(text: example.text)), linter: linter).result.findings.filter { $0.ruleID == rule.id }
            #expect(findings.map { $0.span.byteRange } == example.markedSpans, "\(rule.path):\(example.line)")
        }
        for example in rule.cleanExamples {
            let findings = linker.link(linter.lint(ParagraphDocument.make(text: example.text)), linter: linter).result.findings.filter { $0.ruleID == rule.id }
            #expect(findings.isEmpty, "\(rule.path):\(example.line)")
        }
    }

    @Test func contractsAreMatchedByPathGlobAndName() {
        let path = "Fixtures/disputes/contracts/supply-agreement.txt"
        for contract in [path, "contracts/supply-agreement.txt", "supply-agreement.txt", "supply-agreement", "SUPPLY-AGREEMENT", "*/supply-*.txt", "supply-*", "Fixtures/**/supply-agreement.txt"] {
            #expect(DisputeLinker.matches(contract: contract, path: path), "\(contract)")
        }
        for contract in ["supply", "agreement.txt", "*/cloud-*.txt", "other/supply-agreement.txt"] {
            #expect(!DisputeLinker.matches(contract: contract, path: path), "\(contract)")
        }
    }

    // MARK: Golden outputs of `lint --disputes` (text and JSON reporters)

    static func lintReport(_ format: ReportFormat, includeClosed: Bool = false) throws -> String {
        let (documents, summaries) = try run(register: try register, includeClosed: includeClosed)
        let results = documents.map { DocumentResult(document: $0.result.document, findings: $0.result.findings) }
        let context = RunContext(rules: defaultRuleSet.descriptors, toolVersion: "0.1.0", workingDirectory: repositoryRoot.path, repositoryRoot: repositoryRoot.path, useColor: false, disputes: summaries)
        var reporter = format.makeReporter()
        return reporter.render(context, results, disputes: summaries)
    }

    @Test func lintWithDisputesTextGolden() throws {
        try expectGolden(try Self.lintReport(.text), "Fixtures/disputes/golden/lint-disputes.out")
    }

    @Test func lintWithDisputesJSONGolden() throws {
        try expectGolden(try Self.lintReport(.json), "Fixtures/disputes/golden/lint-disputes.json")
    }
}
