import Testing
@testable import ClauseModel

@Suite struct LineIndexTests {
    @Test func positionsCountCodePointsAndLines() {
        let index = LineIndex(text: "§ 1. Fees\n“Fee” means\n")
        #expect(index.lineCount == 3)
        let fee = index.position(at: Array("§ 1. Fees\n“".utf8).count)
        #expect(fee.line == 2)
        #expect(fee.column == 2)
        #expect(index.offset(line: 2, column: 2) == fee.offset)
        #expect(index.text(index.lineRange(1)) == "§ 1. Fees")
    }

    @Test func spanEndIsOnePastLastCharacter() {
        let index = LineIndex(text: "abc\ndef")
        let span = index.span(4..<7)
        #expect(span.startLine == 2 && span.startColumn == 1)
        #expect(span.endLine == 2 && span.endColumn == 4)
    }

    @Test func invariantsReportOverlapsAndUncoveredLines() {
        let text = "Preamble\n1. One\n2. Two\n"
        let lines = LineIndex(text: text)
        let one = Clause(id: "1", number: "1.", kind: .section, level: 1, span: lines.span(9..<20))
        let two = Clause(id: "2", number: "2.", kind: .section, level: 1, span: lines.span(16..<22))
        let document = Document(path: "t.txt", format: .plainText, text: text, clauses: [one, two])
        let problems = ClauseTreeInvariants.violations(in: document)
        #expect(problems.contains { $0.contains("overlaps") })
        #expect(problems.contains { $0.contains("outside every clause: 1") })
    }

    @Test func fingerprintIgnoresPosition() {
        let lines = LineIndex(text: "x reasonable y\n\nx reasonable y")
        let a = Finding(ruleID: "vague", severity: .warning, message: "m", path: "p", span: lines.span(2..<12), matchedText: "reasonable")
        var b = a
        b.span = lines.span(18..<28)
        #expect(a.fingerprint == b.fingerprint)
    }
}
