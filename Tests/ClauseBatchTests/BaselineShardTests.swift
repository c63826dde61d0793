import ClauseModel
import ClauseRules
import Foundation
import Testing
@testable import ClauseBatch

@Suite("Baselines")
struct BaselineTests {
    func finding(_ rule: String, clause: String, text: String, line: Int, path: String = "a.txt") -> Finding {
        let span = SourceSpan(start: SourcePosition(line: line, column: 1, offset: line * 100), end: SourcePosition(line: line, column: 1 + text.count, offset: line * 100 + text.count))
        let summary = ClauseSummary(id: clause, number: clause, heading: nil, kind: .section, categories: [], span: span)
        return Finding(ruleID: rule, severity: .warning, message: "m", path: path, span: span, clause: summary, matchedText: text)
    }

    @Test("count-aware: two identical findings against a baseline of one leave one new")
    func countAware() throws {
        let folder = try temporaryFolder()
        var baseline = Baseline(baseDirectory: folder)
        baseline.record(finding("vague-timing", clause: "4.2", text: "promptly", line: 10), path: folder + "/a.txt")
        let today = [
            finding("vague-timing", clause: "4.2", text: "promptly", line: 12),
            finding("vague-timing", clause: "4.2", text: "Promptly", line: 14),
            finding("vague-timing", clause: "5", text: "promptly", line: 20),
        ]
        let (fresh, known) = baseline.partition(today, path: folder + "/a.txt")
        #expect(known == 1)
        #expect(fresh.map(\.span.startLine) == [14, 20])
        // Another file with the same finding is not covered.
        #expect(baseline.partition(today, path: folder + "/b.txt").known == 0)
    }

    @Test("written and read back: same counts; paths relative to the baseline's folder")
    func roundTrip() throws {
        let folder = try temporaryFolder()
        var baseline = Baseline(baseDirectory: folder)
        for line in [3, 7] { baseline.record(finding("and-or", clause: "2", text: "and/or", line: line), path: folder + "/sub/c.txt") }
        baseline.record(finding("etc-in-list", clause: "9", text: "etc", line: 1), path: folder + "/d.md")
        let file = folder + "/baseline.json"
        try writeAtomically(try baseline.encoded(), to: file)
        let loaded = try Baseline.load(path: file)
        #expect(loaded == baseline)
        #expect(loaded.counts["sub/c.txt"]?.values.first == 2)
        #expect(loaded.totalCount == 3)
        let json = try String(contentsOfFile: file, encoding: .utf8)
        #expect(json.contains("\"path\" : \"sub/c.txt\""))
    }

    @Test("a malformed or missing baseline is an error naming the file")
    func badBaseline() throws {
        let folder = try temporaryFolder(["bad.json": text("{\"version\": 1, \"findings\": [{\"path\": 3}]}"), "old.json": text("{\"version\": 9, \"tool\": \"clauselint\", \"findings\": []}")])
        #expect(throws: Diagnostic.self) { try Baseline.load(path: folder + "/missing.json") }
        do {
            _ = try Baseline.load(path: folder + "/bad.json")
            Issue.record("bad.json should not load")
        } catch let problem as Diagnostic {
            #expect(problem.path == folder + "/bad.json" && problem.message.hasPrefix("not a clauselint baseline"))
        }
        #expect(throws: Diagnostic.self) { try Baseline.load(path: folder + "/old.json") }
    }

    @Test("a real contract: findings survive shifted lines, and one new vague term shows as exactly one new finding")
    func shiftedLines() async throws {
        let original = try lintFixture("cloudbox-subscription-agreement.txt")
        let folder = try temporaryFolder(["cloudbox.txt": original])
        let path = folder + "/cloudbox.txt"
        let linter = Linter(ruleSet: defaultRuleSet)
        func lint() async throws -> [Finding] {
            let pipeline = FilePipeline(parse: FilePipeline.standardParse, linters: { _ in linter }, recordsBaseline: true)
            return try await pipeline.process(BatchItem(path: path, relativePath: "cloudbox.txt", size: 1, kind: .contract)).recordable
        }
        let before = try await lint()
        #expect(before.count >= 3, "the fixture has findings to baseline")
        var baseline = Baseline(baseDirectory: folder)
        for finding in before { baseline.record(finding, path: path) }

        // Blank lines at the top shift every finding down.
        FileManager.default.createFile(atPath: path, contents: Data(text("\n\n\n") + original))
        let shifted = try await lint()
        #expect(shifted.map(\.span.startLine) == before.map { $0.span.startLine + 3 })
        #expect(baseline.partition(shifted, path: path).new.isEmpty)

        // The same vague sentence appended to the last clause once more: one new finding.
        let vague = try #require(before.first { !$0.isDocumentLevel && $0.ruleID.hasPrefix("vague") })
        FileManager.default.createFile(atPath: path, contents: Data(text("\n\n\n") + original + text(" The parties shall act \(vague.matchedText).\n")))
        let grown = try await lint()
        let (fresh, _) = baseline.partition(grown, path: path)
        #expect(fresh.count == 1)
        #expect(fresh.first?.matchedText.lowercased() == vague.matchedText.lowercased())
    }
}

@Suite("Shards")
struct ShardTests {
    @Test("I/N parsing and errors")
    func parsing() throws {
        let shard = try Shard(parsing: "2/8")
        #expect(shard.index == 2 && shard.count == 8 && shard.description == "2/8")
        for bad in ["0/4", "5/4", "1/0", "a/b", "3", "1/2/3"] {
            #expect(throws: ShardError.self) { try Shard(parsing: bad) }
        }
    }

    @Test("the shards of a collection are disjoint, cover it, and are roughly even")
    func partition() throws {
        let paths = (0..<2000).map { "client-\($0 % 37)/agreement-\($0).txt" }
        let count = 4
        var sizes = [Int](repeating: 0, count: count)
        for path in paths {
            let owners = (1...count).filter { try! Shard(index: $0, count: count).contains(relativePath: path) }
            #expect(owners.count == 1)
            sizes[owners[0] - 1] += 1
        }
        #expect(sizes.allSatisfy { $0 > 400 && $0 < 600 }, "\(sizes)")
        // Stable across processes and machines: FNV-1a of the relative path.
        #expect(Shard.shard(of: "msa/acme.txt", count: 1000) == Int(UInt64(StableHash.hex("msa/acme.txt"), radix: 16)! % 1000) + 1)
    }
}

@Suite("Atomic output")
struct AtomicOutputTests {
    @Test("the report appears only on commit; a discarded run leaves the old file and no temporary file")
    func atomic() throws {
        let folder = try temporaryFolder(["report.json": text("old report\n")])
        let target = folder + "/report.json"
        let output = try ReportOutput(.file(target))
        let temporary = try #require(output.temporaryPath)
        #expect((temporary as NSString).deletingLastPathComponent == folder)
        try output.write(String(repeating: "{\"finding\": 1}\n", count: 10_000))  // past the buffer: really on disk
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old report\n")
        output.discard()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.json"])

        let second = try ReportOutput(.file(target))
        try second.write("new report\n")
        try second.commit()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.json"])
    }

    @Test("an output folder that does not exist fails before anything is written")
    func missingFolder() throws {
        let folder = try temporaryFolder()
        #expect(throws: Diagnostic.self) { try ReportOutput(.file(folder + "/no/such/report.json")) }
    }
}
