import ClauseModel
import ClauseRules
import Foundation
import Testing
@testable import ClauseDisputes

/// Golden outputs of `clauselint locate` on the fixture contracts, as the command builds them.
@Suite struct LocateGoldenTests {
    static func report(register path: String, top: Int = 3) throws -> LocateReport {
        let register = try DisputeRegister.load(path: repositoryPath(path))
        let linter = Linter(ruleSet: defaultRuleSet)
        let inputs = try fixtureContracts.map { relative -> LocateReport.Input in
            let result = linter.lint(try fixtureDocument(relative))
            return LocateReport.Input(document: result.document, findings: result.activeFindings)
        }
        var relativeRegister = register
        relativeRegister.problems = register.problems.map { var problem = $0; problem.path = path; return problem }
        return LocateReport.build(disputes: register.disputes, problems: relativeRegister.problems, inputs: inputs, catalog: defaultRuleSet.categories, top: top)
    }

    @Test func locateTextGolden() throws {
        try expectGolden(try Self.report(register: "Fixtures/disputes/register.yml").text(), "Fixtures/disputes/golden/locate.out")
    }

    @Test func locateJSONGolden() throws {
        try expectGolden(try Self.report(register: "Fixtures/disputes/register.yml").json(), "Fixtures/disputes/golden/locate.json")
    }

    @Test func csvRegisterLocatesTheSameAsYaml() throws {
        let yaml = try Self.report(register: "Fixtures/disputes/register.yml")
        let csv = try Self.report(register: "Fixtures/disputes/register.csv")
        #expect(yaml.entries.map { $0.matches.map(\.unit) } == csv.entries.map { $0.matches.map(\.unit) })
        #expect(yaml.entries.map(\.warnings) == csv.entries.map(\.warnings))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let json = try Self.report(register: "Fixtures/disputes/register.yml").json()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let disputes = try #require(root["disputes"] as? [[String: Any]])
        #expect(disputes.count == 7)
        let first = disputes[0]
        for key in ["id", "title", "status", "contract", "clauses", "customer", "opened", "url", "extra", "matches", "warnings"] {
            #expect(first.keys.contains(key), "dispute lacks \(key)")
        }
        #expect((first["extra"] as? [String: String]) == ["priority": "high", "channel": "email"])
        let match = try #require((first["matches"] as? [[String: Any]])?.first)
        for key in ["rank", "score", "reasons", "path", "clause", "findings"] { #expect(match.keys.contains(key), "match lacks \(key)") }
        let clause = try #require(match["clause"] as? [String: Any])
        for key in ["id", "number", "heading", "kind", "categories", "part", "text", "span", "clauseSpan"] { #expect(clause.keys.contains(key), "clause lacks \(key)") }
        let span = try #require(clause["span"] as? [String: Int])
        #expect(Set(span.keys) == ["startLine", "startColumn", "endLine", "endColumn", "startOffset", "endOffset"])
        let errors = try #require(root["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect((errors[0]["line"] as? Int) == 51)
    }

    @Test func findingsOnTheLocatedClauseAreShown() throws {
        let report = try Self.report(register: "Fixtures/disputes/register.yml")
        let data = try #require(report.entries.first { $0.dispute.id == "D-106" })
        let withFindings = data.matches.filter { !$0.findings.isEmpty }
        #expect(withFindings.contains { $0.clause?.id == "10.2" && $0.findings.contains { $0.ruleID == "vague-timing" } })
    }
}
