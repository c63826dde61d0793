import ClauseModel
import Foundation
import Testing
@testable import ClauseParsing

@Suite struct FormatBehaviourTests {
    @Test func markdownPositionsCountBytesFromCmarkCorrectly() throws {
        // Multi-byte characters before a clause on the same line and on earlier lines.
        let text = "# Vertrag “Größe”\n\n## § 3 Zahlung – Gebühren\n\n**3.1 Fälligkeit.** Zahlbar in 30 Tagen.\n"
        let document = try FormatTestSupport.parse(text, format: .markdown, path: "v.md")
        #expect(ClauseTreeInvariants.violations(in: document) == [])
        let section = try #require(document.clause(withID: "3"))
        #expect(section.number == "§ 3")
        #expect(section.heading == "Zahlung – Gebühren")
        #expect(document.text(of: section).hasPrefix("## § 3"))
        let due = try #require(document.clause(withID: "3.1"))
        #expect(due.heading == "Fälligkeit")
        #expect(due.span.startLine == 5 && due.span.startColumn == 1)
        #expect(document.text(of: due) == "**3.1 Fälligkeit.** Zahlbar in 30 Tagen.")
    }

    @Test func markdownHeadingNumberForms() throws {
        let text = "## Section 4 – Fees\n\nText.\n\n## A. Definitions\n\nMore.\n\n### 1. Scope\n\nScope text.\n\n## Article IV Term\n\nTerm text.\n"
        let document = try FormatTestSupport.parse(text, format: .markdown)
        #expect(document.allClauses.map { "\($0.id)|\($0.number ?? "")|\($0.heading ?? "")|\($0.kind.rawValue)" } == [
            "4|Section 4|Fees|section", "A|A.|Definitions|section", "A.1|1.|Scope|clause", "article-IV|Article IV|Term|article",
        ])
    }

    @Test func compoundLabelsNeedFewLetters() {
        #expect(MarkupNumber.parse(Array("A1-2. Scope".utf8)[...], lenient: true)?.idPart == "A1-2")
        #expect(MarkupNumber.parse(Array("2-3. Fees".utf8)[...], lenient: true)?.idPart == "2-3")
        #expect(MarkupNumber.parse(Array("COVID-19. Measures".utf8)[...], lenient: true) == nil)
        #expect(MarkupNumber.parse(Array("A1-2. Scope".utf8)[...], lenient: false) == nil)
    }

    @Test func markdownNonProseRanges() throws {
        let text = "---\ntitle: x\n---\n<!-- note -->\n\n## 1. Fees\n\n```\ncode 2. not a clause\n```\n\n    indented code\n"
        let document = try FormatTestSupport.parse(text, format: .markdown)
        let nonProse = document.nonProseRanges.map { document.lines.text($0) }
        #expect(nonProse == ["---\ntitle: x\n---", "<!-- note -->", "```\ncode 2. not a clause\n```", "    indented code"])
        #expect(document.allClauses.map(\.id) == ["1"])
    }

    @Test func xmlClauseSpansRunFromStartTagToEndTag() throws {
        let document = try FormatTestSupport.load(FormatTestSupport.fixture("xml/akn-customer-services-agreement.xml"))
        for clause in document.allClauses where clause.kind != .preamble {
            let text = document.text(of: clause)
            #expect(text.hasPrefix("<") && text.hasSuffix(">"), "\(clause.id)")
        }
        let refunds = try #require(document.clause(withID: "2.2"))
        #expect(document.text(of: refunds).hasPrefix("<paragraph eId=\"art_2__para_2\">"))
        #expect(document.text(of: refunds).hasSuffix("</paragraph>"))
        // Markup is non-prose: no clause text outside tags is hidden, every tag is.
        let tagsOnly = document.nonProseRanges.allSatisfy { range in
            let text = document.lines.text(range).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.hasPrefix("<") && text.hasSuffix(">")
        }
        #expect(tagsOnly)
    }

    @Test func xmlEncodingDeclarationDoesNotChangeDecodedText() throws {
        // Bytes are Windows-1252 and the declaration says so; we decode once, libxml2 must not re-decode.
        let bytes: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<contract><section num=\"1\"><title>".utf8) + [0x93] + Array("Fees".utf8) + [0x94] + Array("</title></section></contract>\n".utf8)
        let document = try DocumentLoader().parse(bytes: bytes, path: "w.xml", format: .xml).get()
        #expect(document.clause(withID: "1")?.heading == "“Fees”")
        #expect(document.warnings.count == 1)
    }

    @Test func xmlUndefinedEntityIsAnErrorWithPosition() {
        let result = DocumentLoader().parse(bytes: Array("<contract>\n  <p>&undefined;</p>\n</contract>\n".utf8), path: "u.xml", format: .xml)
        #expect(result.failureDescription == "u.xml:2:17: error: malformed XML: Entity 'undefined' not defined")
    }

    @Test func htmlDecodesEntitiesForNumbersButKeepsSourceOffsets() throws {
        let html = "<p>&nbsp;<b>7.&nbsp;&nbsp;Refunds.</b> We refund within 14 days.</p>\n<p>(a)&#160;Credits are not refunded.</p>\n"
        let document = try FormatTestSupport.parse(html, format: .html)
        #expect(ClauseTreeInvariants.violations(in: document) == [])
        let refunds = try #require(document.clause(withID: "7"))
        #expect(refunds.heading == "Refunds")
        #expect(document.text(of: refunds).hasPrefix("7.&nbsp;&nbsp;Refunds.</b>"))
        #expect(document.clause(withID: "7(a)") != nil)
        #expect(document.text(of: try #require(document.clause(withID: "7(a)"))) == "(a)&#160;Credits are not refunded.")
    }

    @Test func htmlScriptStyleAndCommentsAreNonProse() throws {
        let document = try FormatTestSupport.load(FormatTestSupport.fixture("html/edgar-customer-services-agreement.htm"))
        let nonProse = document.nonProseRanges.map { document.lines.text($0) }.joined(separator: "\n")
        #expect(nonProse.contains("var tracking"))
        #expect(nonProse.contains("4. Commented-out clause"))
        #expect(nonProse.contains("p { margin: 0 }"))
        #expect(document.allClauses.contains { $0.id == "4" } == false)
    }

    @Test func unclosedHTMLStillParses() throws {
        let document = try FormatTestSupport.parse("<html><body><p>1. Term. One year.<p>2. Fees. <b>Monthly", format: .html)
        #expect(document.clauses.map(\.id) == ["1", "2"])
        #expect(ClauseTreeInvariants.violations(in: document) == [])
    }
}

@Suite struct HTMLTableClauseTests {
    @Test func hangingIndentTablesAreClausesButContentsTablesAreNot() throws {
        let html = """
        <p>CONTENTS</p>
        <table><tr><td>1.</td><td>Services</td><td>2</td></tr><tr><td>2.</td><td>Fees</td><td>3</td></tr></table>
        <p>1. Services. Provider shall provide the Services described in the order form.</p>
        <table><tr><td style="width:5%">(a)</td><td>Provider shall staff the help desk from 08:00 to 20:00 on business days.</td></tr>
        <tr><td>(b)</td><td>Provider shall answer e-mails within four business hours of their receipt.</td></tr></table>
        <p>2. Fees. Customer pays monthly.</p>
        """
        let document = try FormatTestSupport.parse(html, format: .html)
        #expect(document.allClauses.map(\.id) == ["contents", "1", "1(a)", "1(b)", "2"])
        #expect(ClauseTreeInvariants.violations(in: document) == [])
        let a = try #require(document.clause(withID: "1(a)"))
        #expect(document.text(of: a).hasPrefix("(a)</td><td>Provider shall staff"))
        #expect(document.text(of: a).hasSuffix("on business days."))
    }
}

@Suite struct HTMLOrderedListTests {
    @Test func orderedListItemsAreNumberedAsRendered() throws {
        let html = """
        <h2>4. Payment</h2>
        <ol>
          <li>Invoices. Provider invoices monthly in advance.
            <ol type="a">
              <li>Invoices are sent by e-mail.</li>
              <li>Disputed amounts may be withheld.</li>
            </ol>
          </li>
          <li>Late Payment. Interest accrues at 1% per month.</li>
        </ol>
        <ol start="3"><li>Taxes are extra.</li></ol>
        <ul><li>Bullet items stay text.</li></ul>
        """
        let document = try FormatTestSupport.parse(html, format: .html)
        #expect(document.allClauses.map { "\($0.id)|\($0.number ?? "")|\($0.heading ?? "")" } == [
            "4|4.|Payment", "4.1|1.|Invoices", "4.1.a|a.|", "4.1.b|b.|", "4.2|2.|Late Payment", "4.3|3.|",
        ])
        #expect(ClauseTreeInvariants.violations(in: document) == [])
        #expect(document.text(of: try #require(document.clause(withID: "4.1.b"))) == "Disputed amounts may be withheld.")
    }
}

@Suite struct MultiLineTagTests {
    @Test func multiLineStartTagsKeepTheirClauses() throws {
        let xml = "<contract>\n  <section\n     num=\"1\"\n     id=\"s1\">\n    <title>Term</title>\n  </section>\n  <section num=\"2\"><title>Fees</title></section>\n</contract>\n"
        let document = try FormatTestSupport.parse(xml, format: .xml)
        #expect(document.clauses.map { "\($0.id) L\($0.span.startLine)-\($0.span.endLine)" } == ["1 L2-6", "2 L7-7"])
        let html = "<p\n  class=\"x\">1. Term. One year.</p>\n<p\n  style=\"y\">2. Fees. Monthly.</p>\n"
        let page = try FormatTestSupport.parse(html, format: .html)
        #expect(page.clauses.map(\.id) == ["1", "2"])
    }
}

@Suite struct HTMLDefinitionTests {
    @Test func numberedDefinitionsWithWindows1252CharacterReferences() throws {
        let html = "<p>1.1 &#147;Affiliate&#148; means any entity controlling a party.</p>\n<p>1.2 &ldquo;Fees&rdquo; shall mean the amounts in Exhibit A.</p>\n<p>1.3 Payment is due in 30 days.</p>\n"
        let document = try FormatTestSupport.parse(html, format: .html)
        #expect(document.clauses.map { "\($0.id)|\($0.kind.rawValue)|\($0.heading ?? "")" } == [
            "1.1|definition|Affiliate", "1.2|definition|Fees", "1.3|section|",
        ])
    }
}
