import ClauseModel
import ClauseRules
@testable import ClauseReporting
import Foundation
import Testing

/// The reporters fed by the real rule engine: the default rules from Rules/ (their real
/// descriptors: summaries, explanations, help links) over the real Markdown terms in
/// ../shared/corpora/markdown, split into paragraphs. Checks the seams, not the rules.
@Suite struct RealRulesTests {
    @Test func defaultRulesOnRealTermsGiveSchemaValidSARIFAndConsistentFormats() throws {
        guard let folder = sharedFile("corpora/markdown") else {
            print("skipped: ../shared/corpora/markdown is not available")
            return
        }
        let ruleSet = try RuleSet.load(directories: [repositoryRoot().appendingPathComponent("Rules").path])
        let linter = Linter(ruleSet: ruleSet)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count >= 5)
        var results: [DocumentResult] = []
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let document = ParagraphDocument.make(text: text, path: "corpora/markdown/" + name)
            let lint = linter.lint(document)
            results.append(DocumentResult(document: lint.document, findings: lint.findings, diagnostics: lint.warnings))
        }
        let findings = results.reduce(0) { $0 + $1.findings.count }
        #expect(findings > 20, "the default rules should find vague terms in real terms of service")

        let context = RunContext(rules: ruleSet.descriptors, toolVersion: "0.1.0", informationURI: "https://clauselint.example.org",
                                 workingDirectory: "/repo", repositoryRoot: "/repo")

        // Every finding's rule is described, so every SARIF result has a ruleIndex.
        let described = Set(ruleSet.descriptors.map(\.id))
        for result in results { for finding in result.findings { #expect(described.contains(finding.ruleID), "\(finding.ruleID) has no descriptor") } }

        // json, jsonl and sarif agree on the number of findings; text shows the unsuppressed ones.
        var json = JSONReporter()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.render(context, results).utf8)) as? [String: Any])
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect(documents.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) } == findings)
        var lines = JSONLinesReporter()
        let jsonl = lines.render(context, results)
        #expect(jsonl.split(separator: "\n").filter { $0.hasPrefix("{\"type\":\"finding\"") }.count == findings)
        var sarif = SARIFReporter()
        let sarifText = sarif.render(context, results)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarifText.utf8)) as? [String: Any])
        let sarifResults = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(sarifResults.count == findings)
        #expect(sarifResults.allSatisfy { $0["ruleIndex"] is Int })
        var text = TextReporter()
        let unsuppressed = results.reduce(0) { $0 + $1.findings.filter { $0.suppression == nil }.count }
        let headlines = text.render(context, results).split(separator: "\n").filter { $0.hasPrefix("corpora/markdown/") && $0.hasSuffix("]") }
        #expect(headlines.count == unsuppressed)

        guard let validation = try validateSARIF(sarifText) else {
            print("skipped SARIF validation: ../shared/schemas, python3 or jsonschema is not available")
            return
        }
        #expect(validation.status == 0, "\(validation.output.prefix(2000))")
    }
}
