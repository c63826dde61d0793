import ClauseModel
import ClauseParsing
import Testing
@testable import ClauseRules

@Suite struct PhraseMatchingTests {
    func found(_ patterns: [String], in text: String) throws -> [String] {
        let set = try PhrasePatternSet(patterns: patterns.enumerated().map { ($0.element, $0.offset) })
        let bytes = Array(text.utf8)
        return set.matches(in: bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    @Test func wholeWordsCaseInsensitiveAndAnyWhitespace() throws {
        #expect(try found(["best efforts"], in: "Use BEST\n   efforts; best effortsless; rebest efforts") == ["BEST\n   efforts"])
        #expect(try found(["material"], in: "materials, immaterial, Material.") == ["Material"])
        #expect(try found(["and/or"], in: "A and/or B") == ["and/or"])
    }

    @Test func prefixAlternativesOptionalGroupsAndGaps() throws {
        let prefix = try found(["terminat*"], in: "terminates; determination")
        #expect(prefix == ["terminates"], "\(prefix)")
        #expect(try found(["as soon as (practicable|possible)"], in: "as soon as possible, as soon as practicable") == ["as soon as possible", "as soon as practicable"])
        #expect(try found(["(sole )?discretion"], in: "in its sole discretion") == ["sole discretion", "discretion"])
        #expect(try found(["governed ... laws of"], in: "shall be governed by and construed under the laws of Ohio") == ["governed by and construed under the laws of"])
        // Gaps stay within one sentence and within 80 bytes.
        #expect(try found(["governed ... laws of"], in: "It is governed. The laws of Ohio apply.").isEmpty)
        #expect(try found(["governed ... laws of"], in: "governed " + String(repeating: "x ", count: 50) + "laws of").isEmpty)
    }

    @Test func prefixWordsInsideAPhraseJoinTheNextWordsAcrossWhitespaceOnly() throws {
        #expect(try found(["submit* to the jurisdiction"], in: "Each party submits to the jurisdiction of Ohio") == ["submits to the jurisdiction"])
        #expect(try found(["submit* to the jurisdiction"], in: "submitted\n    to the   jurisdiction") == ["submitted\n    to the   jurisdiction"])
        #expect(try found(["(cooperat*|collaborat*) with (any|a) competitor"], in: "it cooperates with any competitor") == ["cooperates with any competitor"])
        // Adjacent means adjacent: other words or punctuation in between break the phrase.
        #expect(try found(["submit* to the jurisdiction"], in: "submits documents to the jurisdiction").isEmpty)
        #expect(try found(["submit* to the jurisdiction"], in: "submits, to the jurisdiction").isEmpty)
        #expect(try found(["royalt* ... percent"], in: "royalties equal to five percent") == ["royalties equal to five percent"])
    }

    @Test func badPatternsAreRejectedWithAReason() {
        #expect(throws: PhrasePatternSet.PatternError.self) { try PhrasePatternSet(patterns: [("(a|b", 0)]) }
        #expect(throws: PhrasePatternSet.PatternError.self) { try PhrasePatternSet(patterns: [("a)", 0)]) }
        #expect(throws: PhrasePatternSet.PatternError.self) { try PhrasePatternSet(patterns: [("(a||b)", 0)]) }
        #expect(throws: PhrasePatternSet.PatternError.self) { try PhrasePatternSet(patterns: [("... a", 0)]) }
    }

    @Test func automatonReportsOverlappingPhrasesWithOriginalOffsets() {
        let automaton = PhraseAutomaton(phrases: [.init("reasonable", id: 0), .init("commercially reasonable efforts", id: 1), .init("[●", id: 2)])
        let text = Array("use commercially  reasonable\tefforts and [●]".utf8)
        let matches = automaton.matches(in: text)
        #expect(matches.map(\.id) == [0, 1, 2])
        #expect(matches[1].range == 4..<36)
        #expect(matches[0].range == 18..<28)
        #expect(matches[2].range == 41..<(41 + "[●".utf8.count))
    }
}

@Suite struct NumberConsistencyTests {
    func mismatches(_ text: String) -> [String] {
        lint(text).findings.filter { $0.ruleID == "number-mismatch" }.map(\.matchedText)
    }

    @Test func wordsAndDigitsDisagreeing() {
        #expect(mismatches("within thirty (45) days") == ["thirty (45)"])
        #expect(mismatches("a fee of One Hundred Thousand Dollars ($10,000)") == ["One Hundred Thousand Dollars ($10,000)"])
        #expect(mismatches("on 30 (thirty-five) days' notice") == ["30 (thirty-five)"])
        #expect(mismatches("ten percent (11%) of Net Sales") == ["ten percent (11%)"])
    }

    @Test func agreeingOrNonNumericParenthesesStayClean() {
        #expect(mismatches("within thirty (30) days, two hundred and fifty (250) units, $1,000.00 (one thousand) and twenty-one (21) days").isEmpty)
        #expect(mismatches("one-half (1/2) of the Fee; Section (2); the Parties (each a Party); 30 (Thirty) days").isEmpty)
    }
}

@Suite struct CatalogTests {
    @Test func contractTypeComesFromTheTitle() {
        let types = defaultRuleSet.contractTypes
        #expect(types.detect(ParagraphDocument.make(text: "MUTUAL NON-DISCLOSURE AGREEMENT\n\nThe parties will exchange services information.")) == "nda")
        #expect(types.detect(ParagraphDocument.make(text: "Terms of Service\n\n1. Use.")) == "customer")
        #expect(types.detect(ParagraphDocument.make(text: "Master Services Agreement\n\n1. Scope.")) == "service")
        #expect(types.detect(ParagraphDocument.make(text: "Memorandum\n\nNotes.")) == nil)
    }

    @Test func categoriesAreMultiLabelWithParents() throws {
        let document = defaultRuleSet.categories.categorize(ParagraphDocument.make(text: """
        Agreement

        14. Governing Law and Arbitration. This Agreement is governed by the laws of the State of New York. Any dispute arising out of this Agreement shall be settled by binding arbitration.
        """))
        let clause = try #require(document.clause(withID: "14"))
        for id in ["governing-law", "arbitration", "dispute-resolution"] { #expect(clause.categories.contains(id), "missing \(id)") }
        #expect(!clause.categories.contains("insurance"))
        #expect(defaultRuleSet.categories.lineage(of: "cap-on-liability") == ["cap-on-liability", "limitation-of-liability"])
    }

    /// A table of contents names clauses ("9.2 Exclusivity"); it is not one of them.
    @Test func aTableOfContentsHasNoCategories() throws {
        let text = """
        DISTRIBUTION AGREEMENT

        TABLE OF CONTENTS

        1. Appointment; Exclusivity ........ 2
        2. Insurance ........ 3
        3. Governing Law ........ 4

        1. Appointment; Exclusivity. Supplier appoints Distributor as its distributor in the Territory.

        2. Insurance. Distributor shall maintain general liability insurance of $1,000,000.

        3. Governing Law. This Agreement is governed by the laws of the State of Ohio.
        """
        let document = defaultRuleSet.categories.categorize(PlainTextParser().parse(path: "toc.txt", text: text))
        let contents = try #require(document.clauses.first { $0.isTableOfContents }, "the parser should find the table of contents")
        #expect(contents.categories.isEmpty, "\(contents.categories)")
        #expect(try #require(document.clause(withID: "1")).categories.contains("exclusivity"))
        #expect(try #require(document.clause(withID: "2")).categories.contains("insurance"))
    }

    /// An overlapping exclusion only reaches its own words; a sentence exclusion cancels a
    /// match anywhere in its sentence, and no further.
    @Test func sentenceExclusionsCancelMatchesInTheirSentenceOnly() throws {
        let category = ClauseCategory(
            id: "termination-for-convenience", name: "Termination for convenience",
            bodyPatterns: ["may terminate this agreement"],
            excludePatterns: ["may terminate this agreement for cause"],
            sentenceExcludePatterns: ["if (net sales|sales) ... (less than|below)"])
        let catalog = try CategoryCatalog(categories: [category])
        func categories(_ body: String) throws -> [String] {
            let document = catalog.categorize(ParagraphDocument.make(text: "Agreement\n\n1. Term. \(body)"))
            return try #require(document.clause(withID: "1")).categories
        }
        // The condition stands more than 80 bytes before the right it conditions.
        let conditional = "If Net Sales for any two consecutive Calendar Quarters during the second Contract Year are less than the amounts in Schedule B, either party may terminate this Agreement on 120 days' notice."
        #expect(try categories(conditional).isEmpty)
        #expect(try categories("Either party may terminate this Agreement for cause.").isEmpty)
        // The next sentence is not conditioned.
        #expect(try categories("If Net Sales are less than the target, the parties shall meet. Either party may terminate this Agreement on 30 days' notice.") == ["termination-for-convenience"])
        #expect(try categories("Either party may terminate this Agreement on 30 days' notice.") == ["termination-for-convenience"])
        // A blank line ends a sentence too (a heading without a full stop).
        let bytes = Array("If sales fall\n\nEither party may terminate".utf8)
        #expect(CategoryCatalog.sentence(around: 16..<20, in: bytes) == 14..<bytes.count)
    }

    @Test func freeTextDisputeWordingMapsToCategories() throws {
        let ranked = defaultRuleSet.categories.categories(forText: "I cancelled in March but was charged again and want my money back")
        let ids = ranked.map(\.id)
        #expect(ids.prefix(3).contains("refund"))
        #expect(ids.contains("cancellation"))
        #expect(ranked.allSatisfy { $0.score > 0 && $0.score < 1 })
        #expect(ranked.map(\.score) == ranked.map(\.score).sorted(by: >))
        #expect(defaultRuleSet.categories.categories(forText: "The weather is nice today").isEmpty)
    }

    @Test func everyCategoryTheIssueNamesExists() {
        for id in ["dispute-resolution", "governing-law", "venue", "negotiation", "mediation", "arbitration", "refund", "cancellation",
                   "termination", "breach-cure", "payment", "performance", "warranty", "limitation-of-liability", "indemnification",
                   "confidentiality", "force-majeure", "notices", "amendment", "assignment", "change-of-control", "term-renewal",
                   "termination-for-convenience", "insurance", "audit-rights", "non-compete", "exclusivity", "intellectual-property", "commission"] {
            #expect(defaultRuleSet.categories.category(withID: id) != nil, "missing category \(id)")
        }
    }

    @Test func findingsSkipNonProseRanges() {
        let text = "Supplier shall act promptly.\n```\npromptly\n```\n"
        let start = text.utf8.count - "```\npromptly\n```\n".utf8.count
        let document = Document(path: "x.md", format: .markdown, text: text, clauses: ParagraphDocument.make(text: text).clauses, nonProseRanges: [start..<text.utf8.count])
        let findings = Linter(ruleSet: defaultRuleSet).lint(document).findings.filter { $0.ruleID == "vague-timing" }
        #expect(findings.count == 1)
        #expect(findings.first?.span.startLine == 1)
    }
}
