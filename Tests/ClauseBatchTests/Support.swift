import ClauseModel
import Foundation
import ClauseRules

/// The repository root, found from this file's path (the folder holding Package.swift).
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url = url.deletingLastPathComponent()
    }
    return url
}()

let lintFixtures = repositoryRoot.appendingPathComponent("Fixtures/lint").path

/// The default rule set, loaded once per test process.
let defaultRuleSet: RuleSet = {
    do {
        return try RuleSet.load(directories: [repositoryRoot.appendingPathComponent("Rules").path])
    } catch {
        fatalError("Rules/ does not load:\n\(error)")
    }
}()

/// A fresh temporary folder holding `files` (relative path → bytes).
func temporaryFolder(_ files: [String: [UInt8]] = [:]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clauselint-batch-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (name, bytes) in files {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }
    return folder
}

func text(_ string: String) -> [UInt8] { Array(string.utf8) }

/// A fixture contract's bytes.
func lintFixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: lintFixtures + "/" + name)))
}

/// The CUAD dev corpus's contracts folder, or nil (tests then say they skipped it).
let cuadContracts: String? = {
    let path = repositoryRoot.appendingPathComponent("../shared/corpora/cuad-dev/contracts").standardizedFileURL.path
    if FileManager.default.fileExists(atPath: path) { return path }
    // A git worktree lives one folder deeper than the repository.
    let deeper = repositoryRoot.appendingPathComponent("../../shared/corpora/cuad-dev/contracts").standardizedFileURL.path
    return FileManager.default.fileExists(atPath: deeper) ? deeper : nil
}()
