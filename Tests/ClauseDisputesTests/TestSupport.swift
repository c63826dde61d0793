import ClauseModel
import ClauseParsing
import ClauseRules
import Foundation
import Testing

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

/// Loads a fixture contract as the CLI does, with its path relative to the repository root
/// (so golden outputs do not depend on where the repository is).
func fixtureDocument(_ relative: String) throws -> Document {
    var document = try DocumentLoader().load(path: repositoryPath(relative)).get()
    document.path = relative
    return document
}

let fixtureContracts = [
    "Fixtures/disputes/contracts/cloud-services-agreement.txt",
    "Fixtures/disputes/contracts/supply-agreement.txt",
]

/// Writes `text` to a temporary file with the given extension and returns its path.
func temporaryFile(_ text: String, extension ext: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("clauselint-disputes-\(UUID().uuidString).\(ext)")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// Compares with a golden file; `CLAUSELINT_UPDATE_GOLDEN=1 swift test` rewrites it.
func expectGolden(_ actual: String, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = repositoryPath(relative)
    if ProcessInfo.processInfo.environment["CLAUSELINT_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try actual.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    #expect(actual == expected, "\(relative) differs; rerun with CLAUSELINT_UPDATE_GOLDEN=1 and review the diff", sourceLocation: sourceLocation)
}
