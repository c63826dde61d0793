import ClauseModel
import Foundation
@testable import ClauseParsing

/// Shared helpers for the format tests (namespaced so other test files can define their own).
enum FormatTestSupport {
    /// The repository root: the folder holding Package.swift, found from this file's path.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    static func fixture(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    /// `../shared/corpora/NAME` beside the repository, or nil when absent.
    /// (A git worktree under `wt/` sits one level deeper, so its parents are searched too.)
    static func corpus(_ name: String) -> String? {
        var folder = repositoryRoot.deletingLastPathComponent()
        for _ in 0..<3 {
            let path = folder.appendingPathComponent("shared/corpora").appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { return path }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func load(_ path: String) throws -> Document {
        try DocumentLoader().load(path: path).get()
    }

    static func parse(_ text: String, format: DocumentFormat, path: String = "test") throws -> Document {
        try DocumentLoader().parse(bytes: Array(text.utf8), path: path, format: format).get()
    }

    /// One line per clause: indentation by level, id, kind, number, heading, line range.
    static func outline(_ document: Document) -> String {
        document.allClauses.map { clause in
            let indent = String(repeating: "  ", count: clause.level - 1)
            let number = clause.number.map { " [\($0)]" } ?? ""
            let heading = clause.heading.map { " \"\($0)\"" } ?? ""
            return "\(indent)\(clause.id) \(clause.kind.rawValue)\(number)\(heading) L\(clause.span.startLine)-\(clause.span.endLine)"
        }.joined(separator: "\n")
    }
}
