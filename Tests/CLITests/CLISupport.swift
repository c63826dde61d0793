import Foundation

/// The repository root, found from this file's path (the folder holding Package.swift).
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url = url.deletingLastPathComponent()
    }
    return url
}()

/// The `clauselint` built with the tests: in the build products folder, next to the test bundle.
let clauselintBinary: String = {
    var candidates: [String] = []
    for start in [Bundle.main.bundlePath, Bundle.main.executablePath ?? "", CommandLine.arguments.first ?? ""] where !start.isEmpty {
        var folder = (start as NSString).deletingLastPathComponent
        for _ in 0..<3 {
            candidates.append((folder as NSString).appendingPathComponent("clauselint"))
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug/clauselint").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
}()

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `clauselint` with `arguments` in `directory` (default: the repository root).
func clauselint(_ arguments: [String], in directory: String? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: clauselintBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? repositoryRoot.path)
    var environment = ProcessInfo.processInfo.environment
    environment["CLAUSELINT_RULES"] = repositoryRoot.appendingPathComponent("Rules").path
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes while the process runs (a full pipe would block it).
    nonisolated(unsafe) var errorData = Data()
    let reader = Thread { errorData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self), stderr: String(decoding: errorData, as: UTF8.self))
}

/// A temporary folder holding copies of the Fixtures/lint contracts under `contracts/`, plus `extra` files.
func contractFolder(extra: [String: [UInt8]] = [:]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clauselint-cli-\(UUID().uuidString)").path
    let fixtures = repositoryRoot.appendingPathComponent("Fixtures/lint").path
    try FileManager.default.createDirectory(atPath: folder + "/contracts", withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: fixtures) {
        try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: folder + "/contracts/" + name)
    }
    for (name, bytes) in extra {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }
    return folder
}

func json(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
}
