import ClauseModel
import Foundation
@testable import ClauseRules

/// The repository root, found from this file's path (the folder holding Package.swift).
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url = url.deletingLastPathComponent()
    }
    return url
}()

let rulesDirectory = repositoryRoot.appendingPathComponent("Rules").path

/// The default rule set, loaded once per test process.
let defaultRuleSet: RuleSet = {
    do {
        return try RuleSet.load(directories: [rulesDirectory])
    } catch {
        fatalError("Rules/ does not load:\n\(error)")
    }
}()

/// A temporary folder with the given files (relative path → content).
func temporaryFolder(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clauselint-rules-\(UUID().uuidString)")
    for (name, content) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url, atomically: true, encoding: .utf8)
    }
    return folder.path
}

func lint(_ text: String, ruleSet: RuleSet = defaultRuleSet, configuration: LintConfiguration = .default) -> LintResult {
    Linter(ruleSet: ruleSet, configuration: configuration).lint(ParagraphDocument.make(text: text))
}
