import Foundation
import Testing
@testable import ClauseRules

/// `clauselint rules` and `clauselint explain`, run as a person would (the binary SwiftPM
/// builds next to the test bundle).
@Suite struct CommandTests {
    static var binary: String? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("clauselint").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let debug = repositoryRoot.appendingPathComponent(".build/debug/clauselint").path
        return FileManager.default.isExecutableFile(atPath: debug) ? debug : nil
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary, "clauselint is not built"))
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil, "clauselint binary not built")) func rulesListsEveryRuleAndWritesTheReference() throws {
        let listed = try run(["rules"])
        #expect(listed.status == 0)
        for rule in defaultRuleSet.rules { #expect(listed.out.contains(rule.id)) }
        let markdown = try run(["rules", "--format", "markdown"])
        #expect(markdown.out == RuleDocumentation.markdown(defaultRuleSet))
    }

    @Test(.enabled(if: binary != nil, "clauselint binary not built")) func explainPrintsOneRuleAndRejectsUnknownIDs() throws {
        let explained = try run(["explain", "vague-effort"])
        #expect(explained.status == 0)
        #expect(explained.out.contains("Why it matters:") && explained.out.contains("[[best efforts]]"))
        let unknown = try run(["explain", "vague"])
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("unknown rule 'vague'") && unknown.err.contains("vague-effort"))
    }

    @Test(.enabled(if: binary != nil, "clauselint binary not built")) func badRuleFolderExitsWithTwoAndNamesThePlace() throws {
        let folder = try temporaryFolder([
            "categories.yml": "categories: []\n",
            "broken.yml": "id: broken\nkind: pattern\nseverity: high\nsummary: s\nexplanation: e\nsuggestion: s\npattern: x\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(["rules", "--rules-root", folder])
        #expect(result.status == 2)
        #expect(result.err.contains("broken.yml:3:11: error: severity must be error, warning or info"))
        let fromEnvironment = try run(["rules"], environment: ["CLAUSELINT_RULES": folder])
        #expect(fromEnvironment.status == 2)
    }
}
