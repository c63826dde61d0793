import ClauseModel
import ClauseRules
import Foundation

/// The repository root, found from this file's path (the folder holding Package.swift).
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url = url.deletingLastPathComponent()
    }
    return url
}()

func repositoryPath(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

/// The default rule set, loaded once per test process.
let defaultRuleSet: RuleSet = {
    do {
        return try RuleSet.load(directories: [repositoryPath("Rules")])
    } catch {
        fatalError("Rules/ does not load:\n\(error)")
    }
}()
