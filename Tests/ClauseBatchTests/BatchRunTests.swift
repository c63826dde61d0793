import ClauseModel
import ClauseParsing
import ClauseReporting
import ClauseRules
import Foundation
import Testing
@testable import ClauseBatch

@Suite("Batch runs")
struct BatchRunTests {
    let walker = ContractWalker(options: WalkOptions(supportedExtensions: Set(DocumentFormat.supportedExtensions)))
    let linter = Linter(ruleSet: defaultRuleSet)

    /// Runs the whole batch into a JSON report file; returns the report and the totals.
    func run(_ folder: String, jobs: Int, format: ReportFormat = .json, baseline: Baseline? = nil) async throws -> (report: String, totals: BatchTotals) {
        let items = walker.walk([folder])
        let linter = self.linter
        let pipeline = FilePipeline(parse: FilePipeline.standardParse, linters: { _ in linter }, baseline: baseline)
        let target = try temporaryFolder() + "/report.out"
        let output = try ReportOutput(.file(target))
        var reporter = format.makeReporter()
        let context = RunContext(rules: defaultRuleSet.descriptors, toolVersion: "test", workingDirectory: folder)
        let totals = try await BatchRun(pipeline: pipeline, jobs: jobs).run(items, reporter: &reporter, context: { context }, output: output)
        try output.write(reporter.finish(totals.summary))
        try output.commit()
        return (try String(contentsOfFile: target, encoding: .utf8), totals)
    }

    func contractFolder(extra: [String: [UInt8]] = [:]) throws -> String {
        var files: [String: [UInt8]] = extra
        for name in try FileManager.default.contentsOfDirectory(atPath: lintFixtures) {
            files["contracts/" + name] = try lintFixture(name)
        }
        return try temporaryFolder(files) + "/contracts"
    }

    @Test("a malformed file in the middle of a folder: an error entry, and every other file still linted and reported")
    func malformedInTheMiddle() async throws {
        let folder = try contractFolder(extra: [
            "contracts/m-broken.xml": text("<agreement>\n  <section>\n    <p>The Supplier shall deliver promptly.</p>\n</agreement>\n"),
            "contracts/n-empty.txt": [],
            "contracts/o-scan.txt": [0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02],
            "contracts/p-blank.md": text("\n   \n"),
        ])
        let (report, totals) = try await run(folder, jobs: 2)
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        let documents = json["documents"] as! [[String: Any]]
        let paths = documents.map { ($0["path"] as! String).replacingOccurrences(of: folder + "/", with: "") }
        #expect(paths == ["cloudbox-subscription-agreement.txt", "harbor-services-agreement.txt", "m-broken.xml", "meridian-sales-representative-agreement.txt", "n-empty.txt", "northwind-mutual-nda.txt", "o-scan.txt", "p-blank.md", "quickprint-terms-of-service.txt"])
        let broken = documents[2]
        let errors = broken["errors"] as! [[String: Any]]
        #expect(errors.count == 1)
        #expect((errors.first?["message"] as? String)?.hasPrefix("malformed XML") == true)
        #expect(errors.first?["line"] as? Int == 4)
        // Files after the broken one were linted: they have findings.
        for index in [3, 5, 8] {
            #expect(documents[index]["format"] as? String == "text", "\(paths[index])")
            #expect((documents[index]["clauseCount"] as? Int ?? 0) > 0, "\(paths[index])")
        }
        #expect(!(documents[8]["findings"] as! [Any]).isEmpty, "quickprint, after the broken file, has findings")
        #expect(totals.failedFiles == 1)
        #expect(totals.summary.files == 5)
        #expect(totals.skippedByReason == ["empty file": 1, "binary file": 1, "empty file (only white space)": 1])
        #expect(totals.summary.inputErrors == 1)
    }

    @Test("the same report across runs and with 1 or 2 jobs (CUAD corpus when present, else fixtures)")
    func stableOrder() async throws {
        let folder: String
        if let cuadContracts {
            folder = cuadContracts
        } else {
            print("../shared/corpora/cuad-dev is absent: checking order on Fixtures/lint only")
            folder = try contractFolder()
        }
        let one = try await run(folder, jobs: 1).report
        let two = try await run(folder, jobs: 2).report
        let again = try await run(folder, jobs: 2).report
        #expect(one == two)
        #expect(two == again)
        let documents = (try JSONSerialization.jsonObject(with: Data(one.utf8)) as! [String: Any])["documents"] as! [[String: Any]]
        let paths = documents.map { $0["path"] as! String }
        #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(documents.count >= 5)
    }

    @Test("union of N shards' findings equals one full run")
    func shardsUnion() async throws {
        let folder = try contractFolder()
        let items = walker.walk([folder])
        let linter = self.linter
        let pipeline = FilePipeline(parse: FilePipeline.standardParse, linters: { _ in linter })
        func fingerprints(_ items: [BatchItem]) async throws -> [String] {
            var lines: [String] = []
            try await OrderedParallelRunner(jobs: 2).run(items, work: { try await pipeline.process($0) }) { _, outcome in
                lines += outcome.result.findings.map { "\($0.path):\($0.span.startOffset):\($0.ruleID):\($0.fingerprint)" }
            }
            return lines
        }
        let full = try await fingerprints(items)
        for count in [2, 3, 7] {
            var union: [String] = []
            var files = 0
            for index in 1...count {
                let shard = try Shard(index: index, count: count)
                let share = items.filter { shard.contains(relativePath: $0.relativePath) }
                files += share.count
                union += try await fingerprints(share)
            }
            #expect(files == items.count)
            #expect(union.sorted() == full.sorted(), "\(count) shards")
        }
    }

    @Test("a baseline hides known findings in the run and they are counted")
    func baselineInRun() async throws {
        let folder = try contractFolder()
        let first = try await run(folder, jobs: 2)
        #expect(first.totals.summary.totalFindings > 10)
        var baseline = Baseline(baseDirectory: folder)
        let linter = self.linter
        let recorder = FilePipeline(parse: FilePipeline.standardParse, linters: { _ in linter }, recordsBaseline: true)
        for item in walker.walk([folder]) {
            let outcome = try await recorder.process(item)
            for finding in outcome.recordable { baseline.record(finding, path: item.path) }
        }
        let second = try await run(folder, jobs: 2, baseline: baseline)
        #expect(second.totals.summary.totalFindings == 0)
        #expect(second.totals.baselined == first.totals.summary.totalFindings)
    }

    @Test("jsonl streams one line per finding, each a JSON object")
    func jsonLines() async throws {
        let folder = try contractFolder()
        let (report, totals) = try await run(folder, jobs: 2, format: .jsonl)
        let lines = report.split(separator: "\n")
        #expect(lines.count == totals.summary.totalFindings)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] as? String == "finding")
        }
    }

    @Test("the summary names files, clauses, severities, rules, the top contracts and skip reasons")
    func summaryText() async throws {
        let folder = try contractFolder(extra: ["contracts/zz.txt": []])
        let (_, totals) = try await run(folder, jobs: 2)
        let text = BatchSummaryText.render(totals, rules: defaultRuleSet.descriptors, statistics: true, timing: false)
        #expect(text.contains("files:     5 linted, 1 skipped"))
        #expect(text.contains("skipped:   1 empty file"))
        #expect(text.contains("most findings:"))
        #expect(text.contains("cloudbox-subscription-agreement.txt"))
        #expect(text.contains("Findings per rule"))
        let top = try #require(totals.summary.rulesByCount.first)
        #expect(text.contains(top.rule))
    }
}

@Suite("Rules loading while files are parsed")
struct DeferredRulesTests {
    struct RulesFailed: Error {}

    @Test("files are parsed before the rules are ready; a rules failure stops the run with nothing written")
    func deferredRules() async throws {
        let folder = try temporaryFolder(["a.txt": text("1. Payment. Fees are payable promptly.\n"), "b.txt": text("1. Term. One year.\n")])
        let items = ContractWalker(options: WalkOptions(supportedExtensions: ["txt"])).walk([folder])
        let linter = Linter(ruleSet: defaultRuleSet)
        let slowRules = Task { () -> LintRules in
            try await Task.sleep(nanoseconds: 50_000_000)
            return LintRules(linters: { _ in linter })
        }
        let good = FilePipeline(parse: FilePipeline.standardParse, rules: { try await slowRules.value })
        var outcomes: [FileOutcome] = []
        try await OrderedParallelRunner(jobs: 2).run(items, work: { try await good.process($0) }) { _, outcome in outcomes.append(outcome) }
        // Linted with the rules once they came: the vague term in a.txt is found.
        #expect(outcomes.map { $0.result.findings.filter { !$0.isDocumentLevel }.map(\.matchedText) } == [["promptly"], []])

        let failing = FilePipeline(parse: FilePipeline.standardParse, rules: { throw RulesFailed() })
        let target = folder + "/report.json"
        let output = try ReportOutput(.file(target))
        var reporter: any Reporter = ReportFormat.json.makeReporter()
        await #expect(throws: RulesFailed.self) {
            _ = try await BatchRun(pipeline: failing, jobs: 2).run(items, reporter: &reporter, context: { throw RulesFailed() }, output: output)
        }
        output.discard()
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(output.bytesWritten == 0)
    }
}
