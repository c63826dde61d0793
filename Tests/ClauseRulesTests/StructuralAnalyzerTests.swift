import ClauseModel
import ClauseParsing
import Foundation
import Testing
@testable import ClauseRules

/// The structural analyzers on small, realistic passages: each form lawyers write, and the
/// look-alikes that must stay quiet.
@Suite struct StructuralAnalyzerTests {
    func document(_ text: String, format: DocumentFormat = .plainText) -> Document {
        switch format {
        case .plainText: return ParagraphDocument.make(text: text)
        default:
            let path = format == .markdown ? "test.md" : "test.xml"
            guard case .success(let document) = DocumentLoader().parse(bytes: Array(text.utf8), path: path, format: format) else {
                Issue.record("does not parse")
                return ParagraphDocument.make(text: text)
            }
            return document
        }
    }

    func terms(_ text: String, format: DocumentFormat = .plainText) -> DefinedTermIndex {
        DefinedTermAnalyzer().analyze(document(text, format: format))
    }

    // MARK: Defined terms

    @Test func findsDefinitionsInEveryUsualForm() {
        let text = """
        This Supply Agreement (the “Agreement”) is made between Kestrel Ltd (hereinafter "Supplier") and Orbit SA (each a "Party" and together the "Parties").

        "Products" means the drones listed in Schedule 1. "Delivery Date" shall have the meaning given in Clause 4.

        Orbit SA, referred to as "Buyer", orders Products. Data it provides (the "Buyer Data") stays its own.
        """
        let index = terms(text)
        let byTerm = Dictionary(index.definitions.map { ($0.term, $0.form) }, uniquingKeysWith: { first, _ in first })
        #expect(byTerm["Agreement"] == .parenthetical)
        #expect(byTerm["Supplier"] == .parenthetical)
        #expect(byTerm["Party"] == .parenthetical)
        #expect(byTerm["Parties"] == .parenthetical)
        #expect(byTerm["Products"] == .means)
        #expect(byTerm["Delivery Date"] == .means)
        #expect(byTerm["Buyer"] == .hereinafter)
        #expect(byTerm["Buyer Data"] == .parenthetical)
        #expect(index.definitions.count == 8)
    }

    @Test func quotedTextThatIsNotADefinitionIsIgnored() {
        let text = """
        The goods are sold "AS IS". A notice marked "Urgent. Read now." is sent by courier. The parties agreed (see "Payment Terms") on prices.
        """
        #expect(terms(text).definitions.isEmpty)
    }

    @Test func definitionsClauseWithOneTermPerSubClauseAndMarkdownBold() {
        let markdown = """
        # Services Agreement

        ## 1. Definitions

        1.1 **Fees** means the charges in the Order Form.

        1.2 "Order Form": the ordering document signed by both parties.

        ## 2. Payment

        Customer pays the Fees for each Order Form.
        """
        let index = terms(markdown, format: .markdown)
        #expect(index.definitions.map(\.term) == ["Fees", "Order Form"])
        #expect(index.definitions.allSatisfy { $0.inDefinitionsClause })
        #expect(index.useCounts["Fees"] == 1)
        #expect(index.useCounts["Order Form"] == 2)
    }

    @Test func countsPluralAndPossessiveUsesButNotTheDefinitionItself() {
        let text = "\"Party\" means a signatory. Each Party's rights bind the Parties and each Party. \"Deliverable\" means a report; Deliverables are due monthly."
        let index = terms(text)
        #expect(index.useCounts["Party"] == 3)
        #expect(index.useCounts["Deliverable"] == 1)
    }

    @Test func undefinedTermsNeedAUseLikeADefinedTermAndSkipNamesMonthsAndCapitals() {
        let text = """
        The Supplier delivers the Deliverables in March. The Board of Directors of the United States company approved the Deliverables.

        THE SUPPLIER DISCLAIMS ALL WARRANTIES FOR THE DELIVERABLES. Services are provided in May and June.

        Payment. The fee for the Hosting is due once; the Hosting starts in April.
        """
        let index = terms(text)
        #expect(index.undefined.map(\.term) == ["Deliverables", "Hosting"])
        #expect(index.undefined.first?.count == 2)
    }

    @Test func undefinedTermsAreOffWhenDefinitionsLiveInAnotherDocument() {
        let text = "Capitalized terms used but not defined herein have the meanings given in the Credit Agreement. The Borrower repays the Loans; the Loans bear interest."
        #expect(terms(text).undefined.isEmpty)
    }

    // MARK: Cross-references

    func references(_ text: String, format: DocumentFormat = .plainText) -> [CrossReference] {
        CrossReferenceResolver().references(in: document(text, format: format))
    }

    @Test func resolvesReferencesInTheFormsLawyersWrite() throws {
        let text = """
        # Agreement

        ## Article I Definitions

        ### 1.1 Terms

        Terms are defined here.

        ## Article II Services

        ### 2.1 Scope

        The scope includes (a) hosting and (b) support.

        ### 2.2 Levels

        Service levels under Section 2.1(b), Sections 1.1 through 2.1, Sections 1.1 and 2.2, Article I, § 2.1, Clause 2.1 and paragraph (a) above apply, as does Schedule B.

        ## Schedule B Prices

        Prices.
        """
        let found = references(text, format: .markdown)
        #expect(found.map(\.text) == ["Section 2.1(b)", "Sections 1.1 through 2.1", "Sections 1.1 and 2.2", "Article I", "§ 2.1", "Clause 2.1", "paragraph (a)", "Schedule B"])
        for reference in found {
            #expect(reference.isResolved, "\(reference.text) did not resolve")
            #expect(!reference.targetIDs.isEmpty, "\(reference.text) has no target")
        }
    }

    @Test func reportsReferencesThatPointNowhereAndSkipsOtherDocuments() {
        let text = """
        1. Payment. Subject to Section 14.2, fees are due monthly. Section 12 of the Credit Agreement and Section 1031 of the Code are not affected, nor is Code Section 409A. Section 2 of Exhibit C governs credits.

        2. Fees. Under paragraph (f) above, the fees are in Exhibit D.
        """
        let found = references(text)
        let unresolved = found.filter { !$0.isResolved }.map(\.text)
        #expect(unresolved == ["Section 14.2", "Exhibit C", "paragraph (f)", "Exhibit D"])
        #expect(!found.contains { $0.text.contains("12") || $0.text.contains("1031") || $0.text.contains("409A") })
    }

    @Test func annotateStoresResolvedReferencesInTheClauseModel() throws {
        let text = "1. Fees. The fees are fixed.\n\n2. Payment. Fees under Section 1 are due in 30 days; see also Section 9."
        let annotated = CrossReferenceResolver.annotate(document(text))
        let payment = try #require(annotated.clause(withID: "2"))
        #expect(payment.references.map(\.text) == ["Section 1", "Section 9"])
        #expect(payment.references.map(\.targetIDs) == [["1"], []])
        #expect(annotated.clause(withID: "1")?.references.isEmpty == true)
    }

    // MARK: Numbering

    @Test func numberingGapsDuplicatesOrderAndMixedSchemes() {
        let text = """
        # Agreement

        ## 1. Fees

        1.1 Fees are fixed.

        1.2 Fees exclude tax.

        1.4 Fees are paid monthly.

        ## 2. Term

        ## 2. Renewal

        ## 4. Termination

        ## 3. Law

        ## (f) Notices
        """
        let issues = NumberingAnalyzer().issues(in: document(text, format: .markdown))
        let summary = issues.map { "\($0.kind.rawValue) \($0.number)" }
        #expect(summary.contains("gap 1.4"))
        #expect(summary.contains("duplicate 2."))
        #expect(summary.contains("gap 4."))
        #expect(summary.contains("out-of-order 3."))
        #expect(summary.contains("mixed-scheme (f)"))
        #expect(issues.count == 5, "\(summary)")
        let gap = issues.first { $0.number == "1.4" }
        #expect(gap?.expected == "1.3")
        #expect(gap?.previousNumber == "1.2")
    }

    @Test func lettersThatLookRomanContinueALetterSequence() {
        let text = "# A\n\n## 1. Scope\n\n(g) one;\n\n(h) two;\n\n(i) three;\n\n(j) four.\n\n## 2. Roman\n\n(i) one;\n\n(ii) two;\n\n(iii) three;\n\n(iv) four;\n\n(v) five."
        #expect(NumberingAnalyzer().issues(in: document(text, format: .markdown)).isEmpty)
    }

    // MARK: Parties

    @Test func readsPartiesFromThePreambleAndFlagsOtherNames() {
        let text = """
        This Agreement (the "Agreement") is made between Acme Ltd ("Supplier") and Blue Co ("Customer").

        1. Delivery. The Supplier delivers. The Vendor is liable for delays and the Vendor pays the costs. The Seller warrants title.
        """
        let doc = document(text)
        let index = DefinedTermAnalyzer().analyze(doc)
        let analyzer = PartyAnalyzer()
        let parties = analyzer.parties(in: doc, terms: index)
        #expect(parties.map(\.shortName) == ["Supplier", "Customer"])
        let mismatches = analyzer.mismatches(in: doc, terms: index, parties: parties)
        #expect(mismatches.map(\.name) == ["Vendor", "Seller"])
        #expect(mismatches.first?.count == 2)
    }

    // MARK: Conflicting terms

    @Test func conflictingPlacesAndPeriods() {
        let law = TermTopic(name: "governing law", value: .place, cues: ["governed by"], valueAfter: ["laws of"])
        let text = """
        1. Law. This Agreement is governed by the laws of the State of New York.

        2. Other. The Agreement is governed by the laws of New York, and the Escrow is governed by the laws of England and Wales.

        3. Payment. Customer shall pay each invoice within thirty (30) days. Invoices are due within 45 days of receipt. Invoices are due net 30.
        """
        let doc = document(text)
        let conflicts = ConflictingTermsAnalyzer().conflicts(of: law, in: doc)
        #expect(conflicts.count == 0, "one sentence names New York first; its second value is not compared")
        let payment = TermTopic(name: "payment period", value: .period, cues: ["invoice"])
        let values = ConflictingTermsAnalyzer().values(of: payment, in: doc)
        #expect(values.map(\.value) == ["30 days", "45 days", "30 days"])
        #expect(values.map(\.text) == ["thirty (30) days", "45 days", "net 30"])
        let paymentConflicts = ConflictingTermsAnalyzer().conflicts(of: payment, in: doc)
        #expect(paymentConflicts.count == 1)
        #expect(paymentConflicts.first?.second.text == "45 days")
    }

    @Test func placesAgreeWhenOneNamesAPartOfTheOther() {
        #expect(ConflictingTermsAnalyzer.agree("wilmington delaware", "delaware", kind: .place))
        #expect(ConflictingTermsAnalyzer.agree("new york", "new york county", kind: .place))
        #expect(!ConflictingTermsAnalyzer.agree("new york", "delaware", kind: .place))
        #expect(!ConflictingTermsAnalyzer.agree("30 days", "45 days", kind: .period))
    }
}
