import ClauseModel
@testable import ClauseParsing
import Testing

/// Focused cases for the plain-text parser: each hard case of real contracts on its own.
@Suite struct PlainTextParserTests {
    private func parse(_ text: String) -> Document {
        let document = PlainTextTestSupport.parse(text)
        let problems = ClauseTreeInvariants.violations(in: document)
        #expect(problems == [], "invariants: \(problems)")
        return document
    }

    private func clause(_ document: Document, _ id: String) -> Clause? { document.clause(withID: id) }

    @Test func sentencesThatStartWithANumberAreNotClauses() {
        let document = parse("""
        1. Payment

        1.1 Invoices are payable monthly.
        30 days after an invoice falls due, the Supplier may suspend delivery.
        2,000 units shall be delivered in the first month.
        1 July 2025 is the first delivery date.

        1.2 Prices are fixed.

        2. Delivery

        2.1 Delivery is DDP.
        """)
        #expect(PlainTextTestSupport.allIDs(document) == ["1", "1.1", "1.2", "2", "2.1"])
        // The number-led lines stay inside 1.1.
        #expect(clause(document, "1.1")?.span.endLine == 6)
    }

    @Test func crossReferencesAreNotClauses() {
        let document = parse("""
        1. Term. This Agreement runs for two years as set out in
        Section 2.1 hereof and subject to clause 3. 2. Fees. The fees are
        set out in Schedule A attached hereto and are payable under Section 2.2 The Supplier's invoice.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["1", "2"])
        #expect(clause(document, "2")?.heading == "Fees")
    }

    @Test func sentencesEndingInsideQuotesEndBeforeAnInlineClause() {
        let document = parse("""
        This Agreement is between A and B (each a "Party") and together the "Parties." 1. Purpose: The purpose is sponsorship. 2. Scope: The scope is national.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "1", "2"])
        #expect(clause(document, "1")?.heading == "Purpose")
    }

    @Test func tableOfContentsWithDotLeadersIsNotTheBody() {
        let document = parse("""
        SUPPLY AGREEMENT

        TABLE OF CONTENTS
        1. Definitions ............................ 1
        2. Supply ................................. 2
        3. Price .................................. 3

        This Supply Agreement is made between A Ltd and B Ltd.

        1. Definitions
        Terms have the meanings given below.

        2. Supply
        A Ltd shall supply the goods.

        3. Price
        The price is fixed.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["title", "table-of-contents", "preamble", "1", "2", "3"])
        #expect(clause(document, "table-of-contents")?.span.startLine == 3)
        #expect(clause(document, "table-of-contents")?.span.endLine == 6)
        #expect(clause(document, "1")?.span.startLine == 10)
        #expect(clause(document, "3")?.heading == "Price")
    }

    @Test func runOnTableOfContentsIsFoundByTheRestartedNumbering() {
        let document = parse("""
        LICENSE AGREEMENT
        Page 1. Definitions 1 1.1 Licensed Patents 2 1.2 Effective Date 2 2. Grant 3 3. Fees 4 4. Term 5

        LICENSE AGREEMENT This agreement is made by X and Y.
        1. Definitions. 1.1 Licensed Patents. The patents listed in Schedule A. 1.2 Effective Date. The date above.
        2. Grant. X grants Y a license.
        3. Fees. Y pays X.
        4. Term. Five years.
        """)
        #expect(PlainTextTestSupport.allIDs(document) == ["title", "table-of-contents", "preamble", "1", "1.1", "1.2", "2", "3", "4"])
        #expect(clause(document, "1.1")?.heading == "Licensed Patents")
    }

    @Test func pageArtifactsAndRunningHeadersAreNotClauses() {
        let document = parse("""
        ACME SERVICES AGREEMENT - CONFIDENTIAL

        1. Services
        Acme shall provide the services.

        Page 3 of 10

        ACME SERVICES AGREEMENT - CONFIDENTIAL
        \u{0C}
        - 4 -
        12
        ii
        Source: ACME CORP, 10-K, 3/1/2020
        2. Fees
        The fees are due monthly.

        ACME SERVICES AGREEMENT - CONFIDENTIAL

        3. Term
        One year.
        """)
        #expect(PlainTextTestSupport.allIDs(document) == ["preamble", "1", "2", "3"])
        // Clause 1 runs over the page break (artifacts included) up to the line before "2. Fees".
        #expect(clause(document, "1")?.span.endLine == 13)
        #expect(clause(document, "2")?.span.startLine == 14)
    }

    @Test func runOnSectionYieldsInlineClauses() {
        var text = ""
        for number in 1...11 { text += "\(number). Clause Number \(number). The parties agree to term \(number).\n\n" }
        text += "12. Indemnity 12.1 Each Party shall indemnify the other against third-party claims. 12.2 The indemnified Party shall give prompt notice. 12.3 Neither Party shall settle without consent.\n\n13. Notices. Notices shall be in writing.\n"
        let document = parse(text)
        let indemnity = clause(document, "12")
        #expect(indemnity?.heading == "Indemnity")
        #expect(indemnity?.children.map(\.id) == ["12.1", "12.2", "12.3"])
        let line = indemnity?.span.startLine
        #expect(indemnity?.children.allSatisfy { $0.span.startLine == line && $0.span.endLine == line } == true)
        #expect(indemnity?.children.first?.span.startColumn == 15)
        #expect(clause(document, "13")?.heading == "Notices")
    }

    @Test func gluedNumberAndTitleAreSplit() {
        let document = parse("""
        1. Licence. The licence is granted.
        2. Records 2.1 Licensee shall keep records. 2.2 Licensor may audit them. 2.3Records. Records are kept for two years. 2.4Taxes Licensee pays all taxes.
        """)
        #expect(clause(document, "2")?.children.map(\.id) == ["2.1", "2.2", "2.3", "2.4"])
        #expect(clause(document, "2.3")?.heading == "Records")
        #expect(clause(document, "2.3")?.number == "2.3")
        #expect(clause(document, "2.4")?.heading == "Taxes")
    }

    @Test func numbersTypesetWithSpacesAfterTheDots() {
        let document = parse("""
        1.     RECORDAL   It is recorded that:   1. 1.     SAP wishes to grant a licence.   1. 2.     The software is defined in clause 2. 3. 1 below.
        2.     DEFINITIONS   2. 1.     "Affiliate" means a subsidiary;   2. 1. 1.      as amended.   2. 2.     "Site" means the site.
        """)
        #expect(PlainTextTestSupport.allIDs(document) == ["1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.2"])
        #expect(clause(document, "1")?.heading == "RECORDAL")
        #expect(clause(document, "2.1.1")?.number == "2. 1. 1.")
        #expect(clause(document, "2.1")?.kind == .definition)
    }

    @Test func romanOrLetterIsDecidedByContext() {
        let letters = parse("""
        1. Definitions
        (a) "A" means a.
        (b) "B" means b.
        (c) "C" means c.
        (d) "D" means d.
        (e) "E" means e.
        (f) "F" means f.
        (g) "G" means g.
        (h) "H" means h.
        (i) "I" means i.
        (j) "J" means j.
        """)
        #expect(clause(letters, "1")?.children.map(\.id) == ["1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "1(g)", "1(h)", "1(i)", "1(j)"])

        let romans = parse("""
        1. Termination
        (a) Either party may terminate if the other:
        (i) becomes insolvent;
        (ii) ceases business;
        (iii) breaches this Agreement; or
        (iv) assigns in breach; or
        (v) is dissolved.
        (b) Termination does not affect accrued rights.
        """)
        #expect(clause(romans, "1(a)")?.children.map(\.id) == ["1(a)(i)", "1(a)(ii)", "1(a)(iii)", "1(a)(iv)", "1(a)(v)"])
        #expect(clause(romans, "1")?.children.map(\.id) == ["1(a)", "1(b)"])

        // Inline: "(g) … means: (i) x; or (ii) y. (h) …" — (i) under (g) is roman.
        let inline = parse("""
        1. Definitions. (a) "A" means a. (b) "B" means b. (c) "C" means c. (d) "D" means d. (e) "E" means e. (f) "F" means f. (g) "Change" means: (i) a sale; or (ii) a merger. (h) "H" means h. (i) "I" means i.
        """)
        #expect(clause(inline, "1(g)")?.children.map(\.id) == ["1(g)(i)", "1(g)(ii)"])
        #expect(clause(inline, "1")?.children.map(\.id).suffix(3) == ["1(g)", "1(h)", "1(i)"])
    }

    @Test func articlesSectionsAndSectionSigns() {
        let document = parse("""
        ARTICLE I
        DEFINITIONS
        Section 1.1 Terms. Terms are defined here.
        ARTICLE II - GRANT
        § 2.1 License. A license is granted.
        § 2.2 Restrictions. No sublicensing.
        ARTICLE 3 TERM
        Section 3.1 Duration. Two years.
        """)
        #expect(PlainTextTestSupport.allIDs(document) == ["article-I", "1.1", "article-II", "2.1", "2.2", "article-3", "3.1"])
        #expect(clause(document, "article-I")?.heading == "DEFINITIONS")
        #expect(clause(document, "article-II")?.heading == "GRANT")
        #expect(clause(document, "article-3")?.kind == .article)
        #expect(clause(document, "2.1")?.number == "§ 2.1")
        #expect(clause(document, "3.1")?.kind == .section)
    }

    @Test func recitalsSignaturesAndSchedules() {
        let document = parse("""
        AGENCY AGREEMENT between A and B.
        WHEREAS, A makes widgets;
        WHEREAS, B sells widgets;
        NOW, THEREFORE, the parties agree:
        1. Appointment. A appoints B.
        2. Term. One year.
        IN WITNESS WHEREOF the parties have signed.
        By: A
        SCHEDULE A
        Territories
        SCHEDULE A
        Prices
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "recitals", "1", "2", "signatures", "schedule-A", "schedule-A-2"])
        #expect(clause(document, "recitals")?.children.map(\.kind) == [.recital, .recital])
        #expect(clause(document, "recitals")?.span.endLine == 4)
        #expect(clause(document, "signatures")?.kind == .signatureBlock)
        #expect(clause(document, "schedule-A")?.kind == .schedule)
    }

    @Test func termsAttachedAfterTheSignaturesAreClauses() {
        let document = parse("""
        SUPPLY AGREEMENT between A and B.
        1. Supply. A supplies widgets to B.
        2. Price. B pays the list price.
        IN WITNESS WHEREOF the parties have signed this Agreement.
        By: A                      By: B
        STANDARD TERMS These terms form part of the Agreement. 1. Definitions. Words have their usual meaning.
        2. Delivery. A delivers within ten days.
        3. Warranty. Widgets are free of defects for one year.
        4. Liability. Neither party is liable for indirect loss.
        5. Law. The laws of Delaware govern.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "1", "2", "signatures", "1-2", "2-2", "3", "4", "5"])
        #expect(clause(document, "signatures")?.span.endLine == 6)
        #expect(clause(document, "4")?.heading == "Liability")
    }

    /// The look ahead that ends a signature block is bounded (untrusted input: thousands of "1."
    /// lines after the signatures must not each scan the rest of the document), so the "2." that
    /// continues a "1." must come within `OutlineBuilder.sequenceLookAhead` markers.
    @Test func theLookAheadAfterTheSignaturesIsBounded() {
        func terms(itemsBetween: Int) -> String {
            let items = (0..<itemsBetween).map { _ in "(a) A listed item." }.joined(separator: "\n")
            return """
            SUPPLY AGREEMENT between A and B.
            1. Supply. A supplies widgets to B.
            2. Price. B pays the list price.
            IN WITNESS WHEREOF the parties have signed this Agreement.
            By: A                      By: B
            1. Definitions. Words have their usual meaning.
            \(items)
            2. Delivery. A delivers within ten days.
            3. Warranty. Widgets are free of defects for one year.
            4. Liability. Neither party is liable for indirect loss.
            """
        }
        let near = parse(terms(itemsBetween: 5))
        #expect(PlainTextTestSupport.topIDs(near) == ["preamble", "1", "2", "signatures", "1-2", "2-2", "3", "4"])
        let far = parse(terms(itemsBetween: OutlineBuilder.sequenceLookAhead + 10))
        #expect(PlainTextTestSupport.topIDs(far) == ["preamble", "1", "2", "signatures"])
    }

    @Test func aCoverPageSignedInItsTextDoesNotSwallowTheBody() {
        let document = parse("""
        RESELLER AGREEMENT between A and B, subject to the Terms and Conditions below. IN WITNESS WHEREOF, the parties have signed. By: A By: B

        TERMS AND CONDITIONS 1. APPOINTMENT A appoints B as a reseller.
        2. FEES B pays A the fees in the Exhibit.
        3. TERM This Agreement lasts one year.
        4. TERMINATION Either party may terminate on notice.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "signatures", "1", "2", "3", "4"])
        #expect(clause(document, "signatures")?.span.endLine == 3)
        #expect(clause(document, "4")?.kind == .section)
    }

    @Test func aScheduleRunOnWithItsTextEndsTheSignatureBlock() {
        let document = parse("""
        ENDORSEMENT AGREEMENT between A and B.
        1. Services. B endorses the products of A.
        2. Fees. A pays B monthly.
        3. Term. One year.
        IN WITNESS WHEREOF the parties have signed.
        By: A                      By: B
        SCHEDULE A  (Attached to and made part of the Endorsement Agreement between A and B)  The appearances are two a year.
        Schedule A (attached to this agreement and made part of it by reference) lists the appearances for the year.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "1", "2", "3", "signatures", "schedule-A"])
        #expect(clause(document, "signatures")?.span.endLine == 6)
        #expect(clause(document, "schedule-A")?.span.endLine == 8)
    }

    @Test func aCapsLineStartingWithScheduleInTheBodyIsNoSchedule() {
        let document = parse("""
        SUPPLY AGREEMENT between A and B.
        1. Supply. A supplies the goods.
        SCHEDULE A (PRICES) IS ATTACHED TO THIS AGREEMENT AND SETS OUT THE PRICES THAT B PAYS FOR EVERY DELIVERY OF GOODS.
        2. Term. One year.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "1", "2"])
    }

    @Test func aRunOnExhibitNumberOnTheFirstLineIsNoClause() {
        let document = parse("""
        EXHIBIT 10.1 RESELLER AGREEMENT This Reseller Agreement is made between A and B for the resale of the products listed below.
        1. Definitions. Words have their usual meaning.
        2. Scope. B resells the products.
        3. Term. One year.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "1", "2", "3"])
    }

    @Test func aShortNumberedListAfterTheSignaturesStaysInTheBlock() {
        let document = parse("""
        SERVICES AGREEMENT between A and B.
        1. Services. A provides the services.
        2. Fees. B pays monthly.
        3. Term. One year.
        IN WITNESS WHEREOF the parties have signed.
        By: A                      By: B
        Notice addresses: 1. A: 1 Main Street.
        2. B: 2 High Street.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "1", "2", "3", "signatures"])
    }

    @Test func letteredRecitalsDoNotSwallowTheNumberedBody() {
        let document = parse("""
        HOSTING AGREEMENT between Tadeo and DynCorp.
        A. Tadeo operates an online hosting service for retailers.
        B. DynCorp wishes to use that service for its stores.
        Section 1. SERVICES. Tadeo shall host the stores.
        Section 2. COMPENSATION. DynCorp shall pay monthly.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "A", "B", "1", "2"])
        #expect(clause(document, "A")?.kind == .recital)
        #expect(clause(document, "1")?.heading == "SERVICES")

        // Lettered parts with titles do hold numbered clauses.
        let parts = parse("""
        A. DEFINITIONS
        1. Terms. Terms are defined here.
        2. Usage. Usage is explained here.
        B. GENERAL PROVISIONS
        1. Notices. In writing.
        """)
        #expect(PlainTextTestSupport.allIDs(parts) == ["A", "A.1", "A.2", "B", "B.1"])
        #expect(clause(parts, "A")?.kind == .section)
    }

    @Test func unnumberedDocumentsUseAllCapsHeadings() {
        let document = parse("""
        Premium Hosting Agreement
        This is a hosting agreement between Example Hosting Ltd and Example Shop Ltd for twelve months.

        SERVICES
        Management of the web servers and databases.

        FEES
        Hosting fees are $175 per month.

        TERMINATION
        Either party may end the agreement on 30 days notice.
        """)
        #expect(PlainTextTestSupport.topIDs(document) == ["preamble", "services", "fees", "termination"])
        #expect(clause(document, "fees")?.kind == .heading)
        #expect(clause(document, "fees")?.heading == "FEES")
    }

    @Test func headingsStopAtTheSentence() {
        let document = parse("""
        1. Appointment. Client appoints Agent as its transfer agent.
        2. Term of Agreement. The appointment lasts three years.
        3. The Agent shall keep records.
        4. INTERPRETATION AND DEFINITIONS   In this Agreement:
        5. Representations, Warranties and Covenants of Client. Client represents that:
        """)
        #expect(document.clauses.map(\.heading) == ["Appointment", "Term of Agreement", nil, "INTERPRETATION AND DEFINITIONS", "Representations, Warranties and Covenants of Client"])
    }

    @Test func bareNumbersWithWideGapsAndCapsTitles() {
        let document = parse("""
        1    TERM
        This agreement runs for five years.
        2    PROVIDER'S  REPRESENTATIONS
        The provider represents that it is licensed.
        3 Customer shall pay the fees.
        """)
        #expect(PlainTextTestSupport.allIDs(document) == ["1", "2", "3"])
        #expect(clause(document, "2")?.heading == "PROVIDER'S  REPRESENTATIONS")
        // After a single space a bare number only continues the sequence ("3 Customer …" does);
        // it never starts one.
        #expect(PlainTextTestSupport.allIDs(parse("Intro.\n1 Customer shall pay.\n")) == ["preamble"])
    }

    @Test func closingParenNumbersCanNumberAContract() {
        let document = parse("""
        SPONSORSHIP AGREEMENT between ACM and the Sponsor.
        1)      The Sponsor wishes to sponsor the Event.
        2)      The Sponsor receives these components:
        (a) two floor cards; and
        (b) two drapes.
        3)      The Sponsor pays US$400,000.
        """)
        #expect(PlainTextTestSupport.allIDs(document) == ["preamble", "(1)", "(2)", "(2)(a)", "(2)(b)", "(3)"])
        #expect(clause(document, "(2)")?.kind == .section)
        // "(1)" with both parentheses stays a list inside the preamble.
        #expect(PlainTextTestSupport.topIDs(parse("Between:\n(1) Acme Ltd; and\n(2) Beta Ltd.\n")) == ["preamble"])
    }

    @Test func segmentReturnsByteRangesIntoTheBuffer() {
        let prose = "Intro text.\n1. First. Alpha.\n2. Second. Beta.\n"
        let drafts = PlainTextParser().segment(Array(prose.utf8))
        #expect(drafts.map(\.id) == ["preamble", "1", "2"])
        let bytes = Array(prose.utf8)
        #expect(String(decoding: bytes[drafts[1].range], as: UTF8.self) == "1. First. Alpha.")
        #expect(String(decoding: bytes[drafts[2].range], as: UTF8.self) == "2. Second. Beta.")
    }

    @Test func emptyAndBlankTextsHaveNoClauses() {
        #expect(parse("").clauses.isEmpty)
        #expect(parse("\n\n   \n").clauses.isEmpty)
        #expect(PlainTextTestSupport.topIDs(parse("Just one line of text.")) == ["preamble"])
    }
}
