import ClauseModel
import Foundation
import Testing
@testable import ClauseParsing

/// Every fixture's exact outline (id, kind, [number], "heading", line range), read and checked
/// by hand before it was frozen here. A change in a parser shows up as a diff of this dump.
@Suite struct FixtureOutlineTests {
    static let expected: [String: String] = [
        "html/consulting-agreement-nested.html": """
        consulting-agreement title "Consulting Agreement" L5-6
        1 section [1.] "Engagement" L7-13
          1.1 clause [1.1] L8-12
            1.1(a) sub-clause [(a)] L9-11
              1.1(a)(i) sub-clause [(i)] L10-10
              1.1(a)(ii) sub-clause [(ii)] L11-11
            1.1(b) sub-clause [(b)] L12-12
          1.2 clause [1.2] L13-13
        2 section [2.] "Confidentiality" L14-17
          2.1 clause [2.1] "Exceptions" L16-17
        3 section [3.] "Governing Law" L18-19
        """,
        "html/edgar-customer-services-agreement.htm": """
        customer-services-agreement title "CUSTOMER SERVICES AGREEMENT" L8-13
        1 section [1.] "Services" L15-17
          1(a) clause [(a)] L16-16
          1(b) clause [(b)] L17-17
        2 section [2.] "Fees and Refunds" L18-21
          2.1 clause [2.1] L19-19
          2.2 clause [2.2] "Refunds" L20-21
        3 section [3.] "Dispute Resolution" L23-24
        signatures signature-block L26-27
        schedule-A schedule [SCHEDULE A] L28-29
        """,
        "html/edgar-license-agreement.htm": """
        software-license-agreement title "SOFTWARE LICENSE AGREEMENT" L3-4
        recitals recital L5-7
        article-I article [ARTICLE I] "DEFINITIONS" L8-10
          1.1 definition [Section 1.1] "Software" L9-9
          1.2 definition [Section 1.2] "Territory" L10-10
        article-II article [ARTICLE II] "LICENSE" L11-14
          2.1 section [Section 2.1] "Grant" L12-12
          2.2 section [Section 2.2] "Restrictions" L13-14
        article-III article [ARTICLE III] "TERM" L15-16
          3.1 section [Section 3.1] L16-16
        exhibit-A schedule [EXHIBIT A] L17-18
        """,
        "html/refund-policy.xhtml": """
        1 section [1.] "Cancellation" L7-10
          1.1 clause [1.1] L9-9
          1.2 clause [1.2] L10-10
        2 section [2.] "Refunds" L12-16
          2.1 clause [2.1] L13-16
        3 section [3.] "Complaints" L18-19
        """,
        "markdown/customer-services-agreement.md": """
        customer-services-agreement title "Customer Services Agreement" L7-10
        1 section [1.] "Services" L12-19
        2 section [2.] "Fees" L21-31
          2.1 clause [2.1] "Invoices" L23-23
          2.2 clause [2.2] "Refunds" L25-29
            2.2(a) sub-clause [(a)] L27-27
            2.2(b) sub-clause [(b)] L29-29
          2.3 clause [2.3] "Taxes" L31-31
        3 section [3.] "Term and Termination" L33-36
          3.1 clause [1.] L35-35
          3.2 clause [2.] L36-36
        4 section [4.] "Dispute Resolution" L38-42
          4.negotiation clause "Negotiation" L40-40
          4.arbitration clause "Arbitration" L42-42
        signatures signature-block "Signatures" L48-50
        """,
        "markdown/mutual-nda.md": """
        mutual-non-disclosure-agreement title "Mutual Non-Disclosure Agreement" L1-3
        1 section [1.] "Definitions" L5-5
        2 section [2.] "Use and Protection" L7-10
          2.1 clause [1.] L9-9
          2.2 clause [2.] L10-10
        3 section [3.] "Term" L12-12
        4 section [4.] "Governing Law" L14-16
        """,
        "markdown/supply-agreement-nested.md": """
        supply-agreement title "Supply Agreement" L1-1
        article-I article [Article I] "Delivery" L3-21
          1.1 section [Section 1.1] "Delivery Dates" L5-17
            1.1(a) sub-clause [(a)] L7-15
              1.1(a)(i) sub-clause [(i)] L9-9
              1.1(a)(ii) sub-clause [(ii)] L11-15
                1.1(a)(ii)(A) sub-clause [(A)] L13-13
                1.1(a)(ii)(B) sub-clause [(B)] L15-15
            1.1(b) sub-clause [(b)] L17-17
          1.2 section [Section 1.2] "Risk" L19-21
        article-II article [Article II] "Warranty" L23-25
        schedule-A schedule [Schedule A] "Products" L29-33
        """,
        "markdown/terms-with-contents.md": """
        cloudbox-terms-of-service title "Cloudbox Terms of Service" L1-1
        contents heading "Contents" L3-7
        A section [A.] "Definitions" L9-13
          definition-account definition "Account" L11-11
          definition-service definition "Service" L13-13
        B section [B.] "Account Terms" L15-26
          B.1 clause [1.] "Account Controls" L17-22
          B.2 clause [2.] "Account Requirements" L24-26
        C section [C.] "Payment" L28-36
          C.1 clause [1.] "Fees" L30-32
          C.2 clause [2.] "No Refunds" L34-36
        """,
        "xml/akn-customer-services-agreement.xml": """
        preamble preamble L12-16
        recitals recital L17-28
          recitals.A recital [A.] L19-22
          recitals.B recital [B.] L23-26
        article-1 article [Article 1] "Services" L30-41
          1.1 clause [1.1] L33-36
          1.2 clause [1.2] L37-40
        article-2 article [Article 2] "Fees and Refunds" L42-64
          2.1 clause [2.1] L45-48
          2.2 clause [2.2] "Refunds" L49-63
            2.2(a) sub-clause [(a)] L54-57
            2.2(b) sub-clause [(b)] L58-61
        article-3 article [Article 3] "Term and Termination" L65-72
          3.1 clause [3.1] L68-71
        article-4 article [Article 4] "Dispute Resolution" L73-84
          4.1 clause [4.1] L76-79
          4.2 clause [4.2] L80-83
        signatures signature-block L86-89
        schedule-1 schedule [Schedule 1] "Service Levels" L95-102
          schedule-1.1 clause [1.] L98-101
        """,
        "xml/docbook-mutual-nda.xml": """
        preamble preamble L5-7
        1 section [1] "Definitions" L8-11
        2 section [2] "Obligations" L12-22
          2.1 clause [2.1] "Use" L14-17
          2.2 clause [2.2] "Care" L18-21
        3 section [3] "Term" L23-26
        4 section [4] "Governing Law" L27-30
        """,
        "xml/generic-refund-policy.xml": """
        preamble preamble L4-4
        recitals recital L5-7
          recitals.recital recital L6-6
        1 section [1.] "Cancellation" L8-12
          1.1 clause [1.1] L10-10
          1.2 clause [1.2] L11-11
        2 section [2.] "Refunds" L13-17
          2.1 clause [2.1] L15-15
        3 section [3.] "Complaints and Disputes" L18-22
          3.1 clause [3.1] L20-20
          3.2 clause [3.2] L21-21
        signatures signature-block L23-25
        """,
        "xml/generic-supply-agreement.xml": """
        preamble preamble L3-4
        1 section [1] "Delivery" L5-21
          1.1 clause [1.1] "Delivery Dates" L8-20
            1.1(a) sub-clause [(a)] L10-18
              1.1(a)(i) sub-clause [(i)] L12-12
              1.1(a)(ii) sub-clause [(ii)] L13-17
                1.1(a)(ii)(A) sub-clause [(A)] L15-15
                1.1(a)(ii)(B) sub-clause [(B)] L16-16
            1.1(b) sub-clause [(b)] L19-19
        2 section [2] "Warranty" L22-25
        A schedule [A] "Products and Prices" L26-29
        """,
    ]

    @Test(arguments: expected.keys.sorted())
    func outlineMatches(_ fixture: String) throws {
        let document = try FormatTestSupport.load(FormatTestSupport.fixture(fixture))
        #expect(FormatTestSupport.outline(document) == Self.expected[fixture])
        #expect(ClauseTreeInvariants.violations(in: document) == [])
        #expect(document.warnings.isEmpty)
    }

    @Test func everyFixtureHasAnExpectedOutline() throws {
        var found: [String] = []
        for folder in ["markdown", "xml", "html"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: FormatTestSupport.fixture(folder))
            found += names.map { "\(folder)/\($0)" }
            #expect(names.count >= 4, "at least four \(folder) fixtures")
        }
        #expect(found.sorted() == Self.expected.keys.sorted())
    }
}
