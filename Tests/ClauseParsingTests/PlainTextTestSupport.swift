import ClauseModel
import ClauseParsing
import Foundation

/// Shared helpers for the plain-text parser tests.
enum PlainTextTestSupport {
    /// The repository root: the folder holding Package.swift, found from this file's path.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        return url
    }()

    /// `../shared/corpora/<name>` beside the repository (or beside a folder above it, for git
    /// worktrees), if present.
    static func corpus(_ name: String) -> URL? {
        var url = repositoryRoot
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("shared/corpora").appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static func parse(_ text: String, path: String = "test.txt") -> Document {
        PlainTextParser().parse(path: path, text: text)
    }

    /// One line per clause, depth first: `id | kind | level | number | heading | startLine-endLine`,
    /// indented two spaces per level. The golden outlines in Fixtures/text use this format.
    static func dump(_ document: Document) -> String {
        var lines: [String] = []
        for clause in document.allClauses {
            let indent = String(repeating: "  ", count: clause.level - 1)
            lines.append("\(indent)\(clause.id) | \(clause.kind.rawValue) | \(clause.level) | \(clause.number ?? "-") | \(clause.heading ?? "-") | \(clause.span.startLine)-\(clause.span.endLine)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Top-level clause ids.
    static func topIDs(_ document: Document) -> [String] { document.clauses.map(\.id) }

    static func allIDs(_ document: Document) -> [String] { document.allClauses.map(\.id) }
}
