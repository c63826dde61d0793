import ClauseModel
import ClauseParsing
import Testing

/// Random texts built from the pieces that drive the parser (markers, keywords, quotes, page
/// furniture, blanks, multi-byte characters): the parser never traps and the tree invariants
/// hold. Deterministic (a fixed linear congruential generator), so a failure reproduces.
@Suite struct PlainTextFuzzTests {
    static let pieces = [
        "1.", "1.1", "2.", "2.1", "2.1.1", "3.0", "4.3Records", "12.", "(a)", "(b)", "(i)", "(ii)", "(h)", "(A)", "(1)",
        "a.", "A.", "I.", "II.", "Section 1.1", "SECTION 2", "§ 3", "ARTICLE I", "Article 2", "ARTICLE IV",
        "WHEREAS", "Whereas,", "RECITALS", "IN WITNESS WHEREOF", "SCHEDULE A", "Exhibit B", "TABLE OF CONTENTS",
        "\"Term\" means", "“Term” shall mean", "Page 3 of 10", "- 3 -", "Source: X, 10-K", "\u{0C}", "12", "ii",
        "Definitions", "INDEMNITY", "the", "shall", "pay", "30 days", "2,000 units", "Each Party", ".", ":", ";",
        "  ", "   ", " ", " ", " ", "\n", "\n", "\n\n", "\t", "—", "é", "(", ")", "\"", "1 July", "------",
    ]

    @Test func randomTextsKeepTheInvariants() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let parser = PlainTextParser()
        for round in 0..<400 {
            var text = ""
            for _ in 0..<(1 + next(300)) { text += Self.pieces[next(Self.pieces.count)] }
            let document = parser.parse(path: "fuzz-\(round).txt", text: text)
            let problems = ClauseTreeInvariants.violations(in: document)
            #expect(problems == [], "round \(round): \(problems.prefix(3))\n\(text.debugDescription)")
            if !problems.isEmpty { return }
        }
    }
}
