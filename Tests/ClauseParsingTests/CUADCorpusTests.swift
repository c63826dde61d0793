import ClauseModel
import ClauseParsing
import Foundation
import Testing

/// Every CUAD dev contract (../shared/corpora/cuad-dev/contracts, real SEC exhibits extracted
/// from PDF) through the plain-text parser: no crash, the tree invariants hold on every one,
/// and most yield a numbered structure. Skipped with a message when the corpus is absent.
@Suite struct CUADCorpusTests {
    /// Measured 86.1% (286/332) with `clauselint-bench outline`; the floor leaves a small margin.
    static let minimumStructuredShare = 0.82

    private static func loadContracts() throws -> [(name: String, text: String)]? {
        guard let folder = PlainTextTestSupport.corpus("cuad-dev/contracts") else { return nil }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            let text = String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            return (name, text)
        }
    }

    @Test func everyContractParsesWithValidTreesAndMostAreNumbered() throws {
        guard let contracts = try Self.loadContracts() else {
            print("CUADCorpusTests skipped: ../shared/corpora/cuad-dev/contracts is absent")
            return
        }
        #expect(contracts.count > 300)
        let parser = PlainTextParser()
        var structured = 0
        var broken: [String] = []
        for contract in contracts {
            let document = parser.parse(path: contract.name, text: contract.text)
            let problems = ClauseTreeInvariants.violations(in: document)
            if !problems.isEmpty { broken.append("\(contract.name): \(problems.prefix(3).joined(separator: "; "))") }
            let numberedTopLevel = document.clauses.filter { $0.number != nil && $0.kind != .schedule }.count
            if numberedTopLevel >= 5 { structured += 1 }
        }
        #expect(broken == [])
        let share = Double(structured) / Double(contracts.count)
        print("CUAD: \(structured)/\(contracts.count) contracts (\(String(format: "%.1f", share * 100))%) have ≥5 top-level numbered clauses")
        #expect(share >= Self.minimumStructuredShare)
    }

    /// Known structure of one real contract (ids, headings, a run-on TOC) so regressions show up
    /// as specific differences, not only as a share.
    @Test func knownContractOutline() throws {
        guard let folder = PlainTextTestSupport.corpus("cuad-dev/contracts") else {
            print("CUADCorpusTests skipped: corpus absent")
            return
        }
        let name = "GSITECHNOLOGYINC_11_16_2009-EX-10.2-INTELLECTUAL PROPERTY AGREEMENT between SONY ELECTRONICS INC. and GSI TECHNOLOGY, INC..txt"
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return }
        let document = PlainTextParser().parse(path: name, text: String(decoding: data, as: UTF8.self))
        let top = document.clauses.map(\.id)
        #expect(Array(top.prefix(4)) == ["title", "table-of-contents", "preamble", "recitals"])
        #expect(top.contains("9"))
        #expect(document.clause(withID: "3")?.heading == "Licenses")
        #expect(document.clause(withID: "3")?.children.map(\.id).prefix(4) == ["3.1", "3.2", "3.3", "3.4"])
        #expect(!top.contains { $0.hasSuffix("-2") })
    }

    /// Not this parser's format, but it must never crash or break invariants on any prose.
    @Test func markdownCorpusFilesParseWithoutCrashing() throws {
        guard let folder = PlainTextTestSupport.corpus("markdown") else {
            print("markdown corpus absent: skipped")
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        #expect(!names.isEmpty)
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            let document = PlainTextParser().parse(path: name, text: String(decoding: data, as: UTF8.self))
            #expect(ClauseTreeInvariants.violations(in: document) == [], "\(name)")
        }
    }
}
