import Foundation
import Testing

@Suite("clauselint lint, end to end")
struct LintCommandTests {
    @Test("findings at or above --fail-on exit 1; below it 0; the text report ends with the summary")
    func exitCodesForFindings() throws {
        let folder = try contractFolder()
        let run = try clauselint(["lint", "contracts", "--no-progress"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("contracts/cloudbox-subscription-agreement.txt:"))
        #expect(run.stdout.contains("Summary\n  files:     5 linted"))
        #expect(!run.stderr.contains("\r"), "no progress bar when stderr is not a terminal")
        // A contract with warnings and info only passes --fail-on error but not --fail-on info.
        let quiet = try clauselint(["lint", "contracts/harbor-services-agreement.txt", "--no-progress", "--format", "json"], in: folder)
        let findings = ((try json(quiet.stdout)["documents"] as! [[String: Any]])[0]["findings"] as! [[String: Any]])
        let severities = Set(findings.map { $0["severity"] as! String })
        if !severities.contains("error") {
            #expect(quiet.status == 0)
            let strict = try clauselint(["lint", "contracts/harbor-services-agreement.txt", "--no-progress", "--fail-on", "info"], in: folder)
            #expect(strict.status == (findings.isEmpty ? 0 : 1))
        }
    }

    @Test("a malformed file mid-folder: exit 3, path:line:column on stderr, an error entry in json, the rest linted")
    func inputErrors() throws {
        let folder = try contractFolder(extra: ["contracts/k-broken.xml": Array("<agreement>\n<section>\n<p>Fees are due promptly.</p>\n</agreement>\n".utf8)])
        let run = try clauselint(["lint", "contracts", "--format", "json", "--no-progress"], in: folder)
        #expect(run.status == 3)
        let errorLines = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errorLines.count == 1)
        #expect(errorLines.first?.hasPrefix("contracts/k-broken.xml:4:") == true)
        let documents = try json(run.stdout)["documents"] as! [[String: Any]]
        #expect(documents.count == 6)
        let broken = documents.first { $0["path"] as? String == "contracts/k-broken.xml" }
        #expect((broken?["errors"] as? [Any])?.count == 1)
        #expect(documents.filter { !($0["findings"] as! [Any]).isEmpty }.count >= 2)
        // Every format carries the error.
        for format in ["text", "jsonl", "sarif", "markdown", "github"] {
            let other = try clauselint(["lint", "contracts", "--format", format, "--no-progress"], in: folder)
            #expect(other.status == 3, "\(format)")
            #expect(other.stdout.contains("k-broken.xml"), "\(format) names the broken file")
        }
    }

    @Test("usage and configuration errors exit 2 and lint nothing")
    func usageErrors() throws {
        let folder = try contractFolder(extra: [".clauselint.yml": Array("rules:\n  disable: [no-such-rule]\n".utf8)])
        let badConfig = try clauselint(["lint", "contracts", "--no-progress"], in: folder)
        #expect(badConfig.status == 2)
        #expect(badConfig.stderr.contains(".clauselint.yml:2:"))
        #expect(badConfig.stdout.isEmpty)
        let clean = try contractFolder(extra: ["not-a-baseline.json": Array("[1, 2]".utf8)])
        for arguments in [["--shard", "5/4"], ["--shard", "x"], ["--baseline", "missing.json"], ["--baseline", "not-a-baseline.json"], ["--output", "no/such/folder/report.json"], ["--config", "missing.yml"], ["--jobs", "0"], ["--include-closed"]] {
            let run = try clauselint(["lint", "contracts", "--no-progress"] + arguments, in: clean)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
            #expect(!run.stderr.isEmpty, "\(arguments)")
        }
        // ArgumentParser's own errors (unknown option, bad enum value, unknown command) exit 2 too, not 64.
        for arguments in [["lint", "contracts", "--format", "bogus"], ["lint", "contracts", "--no-such-flag"], ["no-such-command"], ["lint", "--jobs", "many", "contracts"]] {
            let run = try clauselint(arguments, in: clean)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
            #expect(run.stderr.contains("Usage") || run.stderr.contains("Error"), "\(arguments)")
        }
        #expect(try clauselint(["--help"], in: clean).status == 0)
        #expect(try clauselint(["lint", "contracts", "--no-progress"], in: clean).status == 1)
        let shard = try clauselint(["lint", folder + "/contracts", "--shard", "0/4"], in: repositoryRoot.path)
        #expect(shard.status == 2)
        #expect(shard.stderr.contains("numbered from 1"))
    }

    @Test("same output across runs and with --jobs 1 and --jobs 2")
    func stableOrder() throws {
        let folder = try contractFolder(extra: ["contracts/sub/a.md": Array("# Supply Agreement\n\n## 1. Delivery\n\nThe Supplier shall deliver promptly and/or as soon as practicable.\n".utf8)])
        let one = try clauselint(["lint", "contracts", "--format", "sarif", "--jobs", "1", "--no-progress"], in: folder)
        let two = try clauselint(["lint", "contracts", "--format", "sarif", "--jobs", "2", "--no-progress"], in: folder)
        let again = try clauselint(["lint", "contracts", "--format", "sarif", "--jobs", "2", "--no-progress"], in: folder)
        #expect(one.status == 1)
        #expect(one.stdout == two.stdout)
        #expect(two.stdout == again.stdout)
    }

    @Test("--output appears atomically: a failing run leaves the previous report untouched and no temporary file")
    func atomicOutput() throws {
        let folder = try contractFolder()
        let good = try clauselint(["lint", "contracts", "--format", "json", "--output", "out/report.json", "--no-progress"], in: folder)
        #expect(good.status == 2, "out/ does not exist yet")
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        let written = try clauselint(["lint", "contracts", "--format", "json", "--output", "out/report.json", "--no-progress"], in: folder)
        #expect(written.status == 1)
        #expect(written.stdout.isEmpty)
        let report = try String(contentsOfFile: folder + "/out/report.json", encoding: .utf8)
        #expect((try json(report)["documents"] as! [Any]).count == 5)
        // A run that fails on configuration writes nothing over it.
        FileManager.default.createFile(atPath: folder + "/bad.yml", contents: Data("rules: [".utf8))
        let failed = try clauselint(["lint", "contracts", "--format", "json", "--output", "out/report.json", "--config", "bad.yml", "--no-progress"], in: folder)
        #expect(failed.status == 2)
        #expect(try String(contentsOfFile: folder + "/out/report.json", encoding: .utf8) == report)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["report.json"])
    }

    @Test("an interrupted run (SIGTERM) leaves no report and no temporary file")
    func interrupted() throws {
        guard let cuad = cuadContracts() else {
            print("../shared/corpora/cuad-dev is absent: interruption test skipped")
            return
        }
        let folder = try contractFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: clauselintBinary)
        process.arguments = ["lint", cuad, "--format", "json", "--output", folder + "/report.json", "--no-progress", "--jobs", "1"]
        var environment = ProcessInfo.processInfo.environment
        environment["CLAUSELINT_RULES"] = repositoryRoot.appendingPathComponent("Rules").path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the temporary file exists, then interrupt.
        var waited = 0
        while waited < 2000, !(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".report.json.tmp-") }) {
            usleep(5000)
            waited += 5
        }
        usleep(100_000)
        process.terminate()
        process.waitUntilExit()
        print("interrupted run exited with \(process.terminationStatus)")
        if process.terminationStatus == 130 {
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["contracts"])
        } else {
            // The run finished before the signal: then the report is complete.
            #expect(FileManager.default.fileExists(atPath: folder + "/report.json"))
        }
    }

    @Test("baseline round trip: record, shift lines, nothing new; one added vague term is the one new finding")
    func baseline() throws {
        let folder = try contractFolder()
        let record = try clauselint(["lint", "contracts", "--write-baseline", "baseline.json", "--no-progress", "--format", "json"], in: folder)
        #expect(record.status == 0, "recording a baseline accepts today's findings")
        #expect(record.stderr.contains("baseline: recorded"))
        let path = folder + "/contracts/cloudbox-subscription-agreement.txt"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try ("\n\n\n\n" + original).write(toFile: path, atomically: true, encoding: .utf8)
        let shifted = try clauselint(["lint", "contracts", "--baseline", "baseline.json", "--no-progress", "--format", "jsonl"], in: folder)
        #expect(shifted.status == 0)
        #expect(shifted.stdout.isEmpty)
        #expect(shifted.stderr.contains("in the baseline, not shown"))
        // From another working directory, with the same baseline: paths are relative to the baseline.
        let elsewhere = try clauselint(["lint", folder + "/contracts", "--baseline", folder + "/baseline.json", "--no-progress", "--format", "jsonl"], in: "/")
        #expect(elsewhere.stdout.isEmpty)
        try ("\n\n\n\n" + original + "\nThe Provider shall respond promptly.\n").write(toFile: path, atomically: true, encoding: .utf8)
        let grown = try clauselint(["lint", "contracts", "--baseline", "baseline.json", "--no-progress", "--format", "jsonl", "--fail-on", "info"], in: folder)
        let lines = grown.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("\"matchedText\":\"promptly\"") == true)
        #expect(grown.status == 1)
    }

    @Test("the union of N shards' jsonl equals one full run")
    func shards() throws {
        let folder: String
        let target: String
        if let cuad = cuadContracts() {
            folder = repositoryRoot.path
            target = cuad
        } else {
            print("../shared/corpora/cuad-dev is absent: shards checked on Fixtures/lint only")
            folder = try contractFolder()
            target = "contracts"
        }
        let full = try clauselint(["lint", target, "--format", "jsonl", "--no-progress"], in: folder)
        let fullLines = full.stdout.split(separator: "\n").map(String.init)
        #expect(!fullLines.isEmpty)
        var union: [String] = []
        for index in 1...3 {
            let shard = try clauselint(["lint", target, "--format", "jsonl", "--shard", "\(index)/3", "--no-progress"], in: folder)
            #expect(shard.status == full.status)
            union += shard.stdout.split(separator: "\n").map(String.init)
        }
        #expect(union.count == fullLines.count)
        #expect(union.sorted() == fullLines.sorted())
    }

    @Test("--statistics prints the per-rule table; --include/--exclude select files")
    func statisticsAndGlobs() throws {
        let folder = try contractFolder(extra: ["contracts/drafts/old.txt": Array("1. Payment. Fees are payable promptly.\n".utf8)])
        let run = try clauselint(["lint", "contracts", "--statistics", "--format", "json", "--exclude", "drafts/**", "--no-progress"], in: folder)
        #expect(run.stderr.contains("Findings per rule\ncount  severity  rule\n"))
        let paths = (try json(run.stdout)["documents"] as! [[String: Any]]).map { $0["path"] as! String }
        #expect(!paths.contains("contracts/drafts/old.txt"))
        let only = try clauselint(["lint", "contracts", "--include", "drafts/*.txt", "--format", "json", "--no-progress"], in: folder)
        #expect((try json(only.stdout)["documents"] as! [[String: Any]]).map { $0["path"] as! String } == ["contracts/drafts/old.txt"])
    }
}

func cuadContracts() -> String? {
    for relative in ["../shared/corpora/cuad-dev/contracts", "../../shared/corpora/cuad-dev/contracts"] {
        let path = repositoryRoot.appendingPathComponent(relative).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: path) { return path }
    }
    return nil
}

@Suite("clauselint lint --disputes")
struct LintDisputesTests {
    func disputes(_ run: RunResult) throws -> (ids: [String], linkedFindings: [[String: Any]]) {
        let report = try json(run.stdout)
        let ids = (report["disputes"] as! [[String: Any]]).map { $0["id"] as! String }
        let findings = (report["documents"] as! [[String: Any]]).flatMap { $0["findings"] as! [[String: Any]] }
        return (ids, findings.filter { !($0["disputeIds"] as? [String] ?? []).isEmpty })
    }

    @Test("open disputes are linked; findings carry their ids; contested-section flags the clauses; an unusable dispute is an input error")
    func linksOpenDisputes() throws {
        let run = try clauselint(["lint", "Fixtures/disputes/contracts", "--disputes", "Fixtures/disputes/register.yml", "--format", "json", "--no-progress"])
        #expect(run.status == 3, "D-107 has neither description nor clauses")
        #expect(run.stderr.contains("Fixtures/disputes/register.yml:51:5: error: dispute D-107"))
        let (ids, linked) = try disputes(run)
        #expect(ids == ["D-101", "D-102", "D-104", "D-105", "D-106", "D-108"])
        let contested = linked.filter { $0["ruleId"] as? String == "contested-section" }
        #expect(contested.count >= 5)
        #expect(contested.contains { ($0["disputeIds"] as? [String]) == ["D-102"] && ($0["clause"] as? [String: Any])?["id"] as? String == "4.2" })
        #expect(linked.contains { $0["ruleId"] as? String == "vague-timing" && ($0["disputeIds"] as? [String]) == ["D-105"] })
    }

    @Test("--include-closed links resolved disputes too; a malformed register is exit 2")
    func includeClosedAndBadRegister() throws {
        let run = try clauselint(["lint", "Fixtures/disputes/contracts", "--disputes", "Fixtures/disputes/register.yml", "--include-closed", "--format", "json", "--no-progress"])
        #expect(try disputes(run).ids.contains("D-103"))
        let folder = try contractFolder(extra: ["register.yml": Array("disputes:\n  - id: [unclosed\n".utf8)])
        let bad = try clauselint(["lint", "contracts", "--disputes", "register.yml", "--no-progress"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("register.yml:"))
        #expect(bad.stdout.isEmpty)
    }
}
