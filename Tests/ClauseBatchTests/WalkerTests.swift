import ClauseModel
import Foundation
import Testing
@testable import ClauseBatch

@Suite("Walking folders")
struct WalkerTests {
    let walker = ContractWalker(options: WalkOptions(supportedExtensions: ["txt", "md", "xml", "html"]))

    func walker(include: [String] = [], exclude: [String] = []) -> ContractWalker {
        ContractWalker(options: WalkOptions(supportedExtensions: ["txt", "md", "xml", "html"], include: include, exclude: exclude))
    }

    @Test("recursive, sorted, hidden folders and .git skipped, unsupported and empty files reported")
    func walksAndClassifies() throws {
        let folder = try temporaryFolder([
            "b/services.txt": text("1. Services. The Supplier shall provide the services."),
            "a.md": text("# Agreement\n\n1. Term. One year."),
            "a/z.xml": text("<agreement/>"),
            ".git/config.txt": text("not a contract"),
            ".drafts/old.txt": text("hidden draft"),
            ".hidden.txt": text("hidden file"),
            "scan.pdf": [0x25, 0x50, 0x44, 0x46],
            "empty.txt": [],
        ])
        let items = walker.walk([folder])
        let relative = items.map(\.relativePath)
        #expect(relative == ["a.md", "a/z.xml", "b/services.txt", "empty.txt", "scan.pdf"])
        #expect(items.map(\.path) == relative.map { folder + "/" + $0 })
        #expect(items[0].kind == .contract && items[0].size == "# Agreement\n\n1. Term. One year.".utf8.count)
        guard case .skipped(let empty) = items[3].kind, case .skipped(let pdf) = items[4].kind else {
            Issue.record("empty and pdf files should be skipped items")
            return
        }
        #expect(empty.severity == .warning && empty.message == "skipped: empty file")
        #expect(pdf.severity == .warning && pdf.message.hasPrefix("skipped: unsupported file type ('.pdf')"))
    }

    @Test("--include and --exclude globs, against the path below the folder and the file name")
    func includeExclude() throws {
        let folder = try temporaryFolder([
            "msa/acme.txt": text("x"), "msa/globex.md": text("x"),
            "nda/acme.txt": text("x"), "drafts/acme.txt": text("x"), "drafts/deep/beta.txt": text("x"),
            "notes.pdf": text("x"),
        ])
        let onlyText = walker(include: ["*.txt"]).walk([folder]).map(\.relativePath)
        #expect(onlyText == ["drafts/acme.txt", "drafts/deep/beta.txt", "msa/acme.txt", "nda/acme.txt"])
        let noDrafts = walker(exclude: ["drafts/**"]).walk([folder]).map(\.relativePath)
        #expect(noDrafts == ["msa/acme.txt", "msa/globex.md", "nda/acme.txt", "notes.pdf"])
        let noDraftFolder = walker(exclude: ["drafts", "*.pdf"]).walk([folder]).map(\.relativePath)
        #expect(noDraftFolder == ["msa/acme.txt", "msa/globex.md", "nda/acme.txt"])
        let both = walker(include: ["msa/**", "**/acme.txt"], exclude: ["nda/*"]).walk([folder]).map(\.relativePath)
        #expect(both == ["drafts/acme.txt", "msa/acme.txt", "msa/globex.md"])
    }

    @Test("a symbolic-link loop is reported once and not followed; files are still found")
    func symlinkLoop() throws {
        let folder = try temporaryFolder(["contracts/a.txt": text("1. Term. One year."), "contracts/sub/b.txt": text("1. Fees. 10 USD.")])
        // contracts/sub/back -> contracts (a loop), contracts/zz-again -> contracts/sub (a second way in,
        // walked after sub/ because names are walked in order).
        try FileManager.default.createSymbolicLink(atPath: folder + "/contracts/sub/back", withDestinationPath: folder + "/contracts")
        try FileManager.default.createSymbolicLink(atPath: folder + "/contracts/zz-again", withDestinationPath: "sub")
        let items = walker.walk([folder + "/contracts"])
        let contracts = items.filter { $0.kind == .contract }.map(\.relativePath)
        #expect(contracts == ["a.txt", "sub/b.txt"])
        let skipped = items.compactMap { item -> (String, String)? in
            if case .skipped(let diagnostic) = item.kind { return (item.relativePath, diagnostic.message) }
            return nil
        }
        #expect(skipped.count == 2)
        #expect(skipped.contains { $0.0 == "sub/back" && $0.1.hasPrefix("skipped: symbolic link loop") })
        #expect(skipped.contains { $0.0 == "zz-again" && $0.1.hasPrefix("skipped: same folder as") })
    }

    @Test("named files: unsupported is an input error, missing paths are errors, duplicates once")
    func namedFiles() throws {
        let folder = try temporaryFolder(["a.txt": text("x"), "b.docx": text("x")])
        let items = walker.walk([folder + "/b.docx", folder + "/a.txt", folder + "/missing.txt", "./" + folder + "/a.txt", folder + "/a.txt"])
        #expect(items.map { ($0.path as NSString).lastPathComponent } == ["a.txt", "b.docx", "missing.txt"])
        guard case .skipped(let docx) = items[1].kind, case .skipped(let missing) = items[2].kind else {
            Issue.record("expected skipped items")
            return
        }
        #expect(docx.severity == .error && docx.message.contains("unsupported file type ('.docx')"))
        #expect(missing.severity == .error && missing.message == "cannot read: no such file or directory")
    }
}
