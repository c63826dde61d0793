import ClauseModel
import Foundation
import Testing
@testable import ClauseParsing

@Suite struct BadInputTests {
    func diagnostic(_ name: String) -> String {
        let path = FormatTestSupport.fixture("bad/\(name)")
        switch DocumentLoader().load(path: path) {
        case .success: return "parsed"
        case .failure(let diagnostic): return diagnostic.description.replacingOccurrences(of: FormatTestSupport.fixture("bad") + "/", with: "")
        }
    }

    @Test func malformedXMLNamesLineAndColumn() {
        #expect(diagnostic("malformed.xml") == "malformed.xml:6:15: error: malformed XML: Opening and ending tag mismatch: section line 3 and agreement")
    }

    @Test func entityBombIsRefusedQuickly() {
        let started = Date()
        #expect(diagnostic("entity-bomb.xml") == "entity-bomb.xml:17:40: error: entity expansion refused (detected an entity reference loop): the document's entities expand without bound")
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func externalEntitiesAreRefused() {
        #expect(diagnostic("xxe-file.xml") == "xxe-file.xml:3:3: error: external entity 'secret' refused: clauselint never reads files or URLs named by a document")
        #expect(diagnostic("xxe-http.xml") == "xxe-http.xml:3:3: error: external entity 'terms' refused: clauselint never reads files or URLs named by a document")
    }

    @Test func binaryTextFile() {
        #expect(diagnostic("binary.txt") == "binary.txt:1:1: error: binary content (NUL byte at offset 5); clauselint reads text, Markdown, XML and HTML contracts")
    }

    @Test func unsupportedExtension() {
        #expect(diagnostic("agreement.docx") == "agreement.docx:1:1: error: unsupported extension; clauselint reads .txt, .text, .md, .markdown, .xml, .akn, .htm, .html, .xhtml")
    }

    @Test func missingFileAndFolder() {
        #expect(DocumentLoader().load(path: "/nonexistent/contract.md").failureDescription == "/nonexistent/contract.md:1:1: error: no such file or directory")
        #expect(DocumentLoader().load(path: FormatTestSupport.fixture("bad") + "/").failureDescription?.hasSuffix("error: unsupported extension; clauselint reads .txt, .text, .md, .markdown, .xml, .akn, .htm, .html, .xhtml") == true)
    }

    @Test func entityBombInlineDoesNotExpandUnusedEntities() throws {
        // Declared but unused internal entities are harmless and parse.
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY co \"Acme\">]>\n<contract><section num=\"1\"><title>Parties</title><p>&co; and Beta.</p></section></contract>\n"
        let document = try FormatTestSupport.parse(xml, format: .xml, path: "inline.xml")
        #expect(document.clauses.map(\.id) == ["1"])
        #expect(ClauseTreeInvariants.violations(in: document).isEmpty)
    }

    @Test func collectWalksFoldersSortedAndReportsProblems() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("clauselint-files-\(UUID().uuidString)")
        let files = ["b/terms.md", "a/nda.txt", "a/deep/annex.akn", "a/notes.docx", "c.HTML", ".hidden/x.md", "a/.secret.md"]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("1. Term.\n".utf8).write(to: url)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let explicit = root.appendingPathComponent("a/notes.docx").path
        let (found, diagnostics) = ContractFiles.collect([root.path, explicit, root.appendingPathComponent("missing.md").path])
        #expect(found.map { String($0.dropFirst(root.path.count + 1)) } == ["a/deep/annex.akn", "a/nda.txt", "b/terms.md", "c.HTML"])
        #expect(diagnostics.map { $0.description.replacingOccurrences(of: root.path + "/", with: "") } == [
            "a/notes.docx:1:1: error: unsupported extension; clauselint reads .txt, .text, .md, .markdown, .xml, .akn, .htm, .html, .xhtml",
            "missing.md:1:1: error: no such file or directory",
        ])
    }
}

extension Result where Failure == Diagnostic {
    var failureDescription: String? {
        if case .failure(let diagnostic) = self { return diagnostic.description }
        return nil
    }
}
