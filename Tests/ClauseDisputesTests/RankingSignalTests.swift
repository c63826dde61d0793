import ClauseModel
import ClauseParsing
import ClauseRules
import Testing
@testable import ClauseDisputes

/// Each ranking signal on its own, on small realistic contracts.
@Suite struct RankingSignalTests {
    static let services = """
    Services Agreement

    3. Fees. Customer shall pay the monthly fees stated in the order form within thirty (30) days of the invoice date.

    4. Confidentiality. Each party shall keep the other party's confidential information secret and use it only to perform this Agreement.

    7. Refunds. Fees paid for a month in which the service was unavailable for more than a day are reimbursed within fourteen (14) days.

    7.2 Exceptions. No reimbursement is due for unavailability caused by scheduled maintenance announced seven (7) days in advance.

    9. Limitation of Liability. The total liability of either party shall not exceed the fees paid in the twelve (12) months before the claim.

    12. Governing Law. This Agreement is governed by the laws of the State of Ohio.
    """

    static func index(_ text: String, catalog: CategoryCatalog = defaultRuleSet.categories) -> LocateIndex {
        let document = catalog.categorize(ParagraphDocument.make(text: text, path: "services.txt"))
        return LocateIndex(document: document, catalog: catalog)
    }

    @Test func explicitReferenceAloneRanksTheNamedClauseFirst() {
        // Wording that points elsewhere (fees, invoice), but the dispute names Section 7.2.
        let locator = ClauseLocator(catalog: defaultRuleSet.categories)
        let outcome = locator.locate(LocateQuery(text: "Question about the invoice and the monthly fees", clauseReferences: ["Section 7.2"]), in: Self.index(Self.services))
        #expect(outcome.matches.first?.clause?.id == "7.2")
        #expect(outcome.matches.first?.reasons.first == "explicit reference: Section 7.2")
        #expect(outcome.matches.first.map { $0.score >= 200 } == true)
        #expect(outcome.warnings.isEmpty)

        // Written in the text: "§4", "clause 9", a bare "7.2".
        for (text, id) in [("the customer quotes §4 at us", "4"), ("see clause 9 please", "9"), ("they point to 7.2 of the contract", "7.2"), ("Section 12 applies", "12")] {
            let found = locator.locate(LocateQuery(text: text), in: Self.index(Self.services))
            #expect(found.matches.first?.clause?.id == id, "\(text)")
            #expect(found.matches.first?.reasons.first?.hasPrefix("explicit reference") == true, "\(text)")
        }
    }

    @Test func missingReferenceIsAWarningNotADrop() {
        let locator = ClauseLocator(catalog: defaultRuleSet.categories)
        let outcome = locator.locate(LocateQuery(text: "refund", clauseReferences: ["Section 14", "7.2(b)"]), in: Self.index(Self.services))
        #expect(outcome.warnings.contains("clause reference 'Section 14' not found in services.txt"))
        #expect(outcome.warnings.contains { $0.hasPrefix("clause reference '7.2(b)' not found in services.txt; using Section 7.2") })
        #expect(outcome.matches.first?.clause?.id == "7.2")
    }

    @Test func categoryAloneFindsAClauseWithNoWordInCommon() {
        // "money back" shares no word with clause 7 ("reimbursed"); the refund category, from
        // `dispute_terms`, is the only link. Clause 7 has it through its heading "Refunds".
        let locator = ClauseLocator(catalog: defaultRuleSet.categories, weights: { var w = ClauseLocator.Weights(); w.expansion = 0; return w }())
        let outcome = locator.locate(LocateQuery(text: "I want my money back"), in: Self.index(Self.services))
        let first = try? #require(outcome.matches.first)
        #expect(first?.clause?.id == "7")
        #expect(first?.reasons.contains { $0.hasPrefix("categories: refund") } == true)
        #expect(first?.reasons.contains { $0.hasPrefix("matched terms") } == false)
    }

    @Test func lexicalAloneRanksByTheDisputesWords() {
        // No categories at all: BM25 over the clauses.
        let locator = ClauseLocator(catalog: .empty)
        let outcome = locator.locate(LocateQuery(text: "scheduled maintenance was not announced in advance"), in: Self.index(Self.services, catalog: .empty))
        #expect(outcome.matches.first?.clause?.id == "7.2")
        #expect(outcome.matches.first?.reasons == ["matched terms: advance, announced, maintenance, scheduled"])
    }

    @Test func aShortUnitRepeatingOneWordDoesNotOutrankOneHoldingMoreOfTheDispute() {
        // Clause 3 says "pallets" four times in a few words; clause 4, longer, says what the
        // warehouse does with returned pallets. With k1 1.2 and b 0.75, clause 3 won.
        let filler = "The warehouse keeps a daily log of arrivals and departures and sends the log to the customer each week by email."
        let text = """
        Warehouse Agreement

        3. Pallets. Pallets are wooden; pallets are stacked three pallets high.

        4. Returns. \(filler) Pallets returned by buyers are counted and the warehouse stores the pallets.

        5. Inspection. Goods are inspected within ten days of arrival at the warehouse.

        6. Hours. The warehouse is open from eight to six on working days.
        """
        let outcome = ClauseLocator(catalog: .empty).locate(LocateQuery(text: "What does the warehouse do with our pallets?"), in: Self.index(text, catalog: .empty))
        #expect(outcome.matches.first?.clause?.id == "4")
    }

    @Test func headingWordsWeighMoreThanBodyWords() {
        let text = """
        Agreement

        5. Audit. Each party keeps accurate records of its performance under this Agreement.

        6. Records. The supplier keeps invoices for seven years and may audit the carrier's delivery notes once a year.
        """
        let locator = ClauseLocator(catalog: .empty)
        let outcome = locator.locate(LocateQuery(text: "audit"), in: Self.index(text, catalog: .empty))
        #expect(outcome.matches.map { $0.clause?.id } == ["5", "6"])
    }

    @Test func crossReferencePullsInTheReferredClause() {
        let text = """
        Agreement

        6. Refunds. Subject to Section 9, a customer who cancels within thirty days receives a full refund.

        8. Support. Support requests are answered within one business day.

        9. Caps. The aggregate amount payable under this Agreement shall not exceed the fees received.
        """
        let locator = ClauseLocator(catalog: .empty)
        let outcome = locator.locate(LocateQuery(text: "customer cancels and wants a refund"), in: Self.index(text, catalog: .empty))
        #expect(outcome.matches.map { $0.clause?.id } == ["6", "9"])
        #expect(outcome.matches.last?.reasons == ["pulled in via Section 9 (referred to by Section 6 (Refunds))"])
    }

    @Test func aLongClauseIsAnsweredWithAPassageNotTheWholeClause() {
        var sentences: [String] = []
        for index in 1...30 { sentences.append("The supplier shall deliver batch number \(index) of the components to the warehouse on the agreed day.") }
        sentences.insert("Either party may terminate this Agreement for convenience on ninety days' written notice.", at: 17)
        let text = "Agreement\n\n1. Operations. " + sentences.joined(separator: " ") + "\n"
        let index = Self.index(text)
        let outcome = ClauseLocator(catalog: defaultRuleSet.categories).locate(LocateQuery(text: "Can we end the deal early for convenience?"), in: index)
        let first = try? #require(outcome.matches.first)
        #expect(first?.unit.part == .passage)
        #expect(first?.text.contains("terminate this Agreement for convenience") == true)
        #expect((first?.text.utf8.count ?? .max) <= 1_100)
        #expect(first?.clause?.id == "1")
    }

    @Test func subClausesAreAnsweredRatherThanTheirParent() {
        let text = "Agreement\n\n9. Liability.\n(a) Neither party is liable for indirect damages.\n(b) The total liability of each party is capped at the fees paid.\n"
        let lines = LineIndex(text: text)
        let parentStart = text.utf8.count - "9. Liability.\n(a) Neither party is liable for indirect damages.\n(b) The total liability of each party is capped at the fees paid.\n".utf8.count
        let aStart = parentStart + "9. Liability.\n".utf8.count
        let bStart = aStart + "(a) Neither party is liable for indirect damages.\n".utf8.count
        let a = Clause(id: "9(a)", number: "(a)", kind: .subClause, level: 2, span: lines.span(aStart..<bStart))
        let b = Clause(id: "9(b)", number: "(b)", kind: .subClause, level: 2, span: lines.span(bStart..<text.utf8.count))
        let parent = Clause(id: "9", number: "9.", heading: "Liability", kind: .section, level: 1, span: lines.span(parentStart..<text.utf8.count), children: [a, b])
        let title = Clause(id: "title", kind: .title, level: 1, span: lines.span(0..<9))
        let document = defaultRuleSet.categories.categorize(Document(path: "t.txt", format: .plainText, text: text, lines: lines, clauses: [title, parent]))
        let outcome = ClauseLocator(catalog: defaultRuleSet.categories).locate(LocateQuery(text: "their liability is capped at what we paid"), in: LocateIndex(document: document, catalog: defaultRuleSet.categories))
        #expect(outcome.matches.first?.clause?.id == "9(b)")
        #expect(outcome.matches.allSatisfy { $0.clause?.id != "9" })
        // "Section 9(b)" resolves through the number path 9 → (b).
        let explicit = ClauseLocator(catalog: .empty).locate(LocateQuery(text: "see Section 9(b)"), in: LocateIndex(document: document, catalog: .empty))
        #expect(explicit.matches.first?.clause?.id == "9(b)")
    }

    @Test func referenceScannerReadsTheUsualForms() {
        let found = ReferenceScanner.scan("Under Sections 4.1 and 4.2, §7, clause 9(b), Article IV and Schedule B; pay $7.50 by 2.5 days", includeBare: true)
        // "$7.50" is money; "2.5" is a bare number, kept as a candidate only used if it resolves.
        #expect(found.map(\.key) == ["4.1", "4.2", "7", "9(b)", "iv", "schedule-b", "2.5"])
        #expect(found.map(\.text) == ["Sections 4.1", "4.2", "§7", "clause 9(b)", "Article IV", "Schedule B", "2.5"])
        #expect(found.map(\.isBare) == [false, false, false, false, false, false, true])
        #expect(ReferenceScanner.scan("the section headings are for convenience").isEmpty)
    }

    /// Builds a document with one section "7" and sub-clauses (a) and (b) under it, from the
    /// section's own text and the two items.
    static func sectionWithItems(own: String, heading: String?, items: [String]) -> Document {
        let head = "Agreement\n\n"
        let body = own + "\n" + items.map { $0 + "\n" }.joined()
        let text = head + body
        let lines = LineIndex(text: text)
        let start = head.utf8.count
        var offset = start + own.utf8.count + 1
        var children: [Clause] = []
        for (index, item) in items.enumerated() {
            let number = index == 0 ? "(a)" : "(b)"
            children.append(Clause(id: "7\(number)", number: number, kind: .subClause, level: 2, span: lines.span(offset..<(offset + item.utf8.count + 1))))
            offset += item.utf8.count + 1
        }
        let parent = Clause(id: "7", number: "7.", heading: heading, kind: .section, level: 1, span: lines.span(start..<text.utf8.count), children: children)
        let title = Clause(id: "title", kind: .title, level: 1, span: lines.span(0..<9))
        return defaultRuleSet.categories.categorize(Document(path: "t.txt", format: .plainText, text: text, lines: lines, clauses: [title, parent]))
    }

    @Test func aHeadingWithNoTextOfItsOwnIsNotAnAnswer() {
        // "7. Effect of Termination or Expiration." has six words and the heading's category, but
        // nothing to answer with: its sub-clauses are the answers.
        let document = Self.sectionWithItems(own: "7. Effect of Termination or Expiration.", heading: "Effect of Termination or Expiration", items: [
            "(a) Upon termination the Supplier shall continue to provide transition services for ninety days.",
            "(b) Each party shall return the other party's materials within thirty days.",
        ])
        let index = LocateIndex(document: document, catalog: defaultRuleSet.categories)
        #expect(!index.units.contains { $0.clauseID == "7" })
        let outcome = ClauseLocator(catalog: defaultRuleSet.categories).locate(LocateQuery(text: "Now that the contract is over, do they still have to support us through the transition?"), in: index)
        #expect(outcome.matches.first?.clause?.id == "7(a)")
        // A short title-case line is no answer either, whatever the parser made of it.
        #expect(Sentences.isTitleLike(Array("(e) No Minimum Purchase Obligation; Minimum Order Quantities.".utf8), range: 0..<61))
        #expect(!Sentences.isTitleLike(Array("The customer shall pay the fees within thirty days.".utf8), range: 0..<51))
    }

    @Test func aTableOfContentsIsNotAnAnswer() throws {
        // Its entry "3. Exclusivity ........ 4" shares the dispute's words; clause 3 decides it.
        let text = """
        DISTRIBUTION AGREEMENT

        TABLE OF CONTENTS

        1. Appointment ........ 2
        2. Fees ........ 3
        3. Exclusivity; Other Distributors ........ 4

        1. Appointment. Supplier appoints Distributor to resell the Products in the Territory.

        2. Fees. Distributor pays the prices in Schedule A within thirty days of each invoice.

        3. Exclusivity. Supplier shall not appoint any other distributor in the Territory during the Term.
        """
        let document = defaultRuleSet.categories.categorize(PlainTextParser().parse(path: "toc.txt", text: text))
        #expect(document.clauses.contains { $0.isTableOfContents }, "the parser should find the table of contents")
        let index = LocateIndex(document: document, catalog: defaultRuleSet.categories)
        #expect(!index.units.contains { $0.clauseID == Clause.tableOfContentsID })
        let outcome = ClauseLocator(catalog: defaultRuleSet.categories).locate(LocateQuery(text: "They signed up other distributors in our territory even though we are exclusive"), in: index)
        #expect(outcome.matches.first?.clause?.id == "3")
    }

    @Test func aLeadInEndingInAColonIsAnsweredWithItsItems() {
        // The lead-in alone is half a sentence; the answer is the lead-in with its items.
        let own = "7. Penalties. If this Agreement is terminated early, the following payment penalties shall apply:"
        let document = Self.sectionWithItems(own: own, heading: "Penalties", items: [
            "(a) in the first year, fifty thousand dollars; and",
            "(b) thereafter, twenty thousand dollars.",
        ])
        let index = LocateIndex(document: document, catalog: defaultRuleSet.categories)
        let whole = try? #require(index.units.first { $0.clauseID == "7" })
        #expect(whole?.part == .clause)
        #expect(whole.map { index.text(of: $0).hasSuffix("twenty thousand dollars.") } == true)
        #expect(index.units.contains { $0.clauseID == "7(a)" })
        let outcome = ClauseLocator(catalog: defaultRuleSet.categories).locate(LocateQuery(text: "They are charging us a fixed penalty because we ended the contract early"), in: index)
        #expect(outcome.matches.first?.clause?.id == "7")
        // A lead-in that is a sentence of its own stays its own unit.
        let plain = Self.sectionWithItems(own: "7. Fees. The Customer pays the fees set out below in each month of the term.", heading: "Fees", items: ["(a) Setup fee of one thousand dollars.", "(b) Monthly fee of one hundred dollars."])
        #expect(LocateIndex(document: plain, catalog: defaultRuleSet.categories).units.first { $0.clauseID == "7" }?.part == .ownText)
    }

    @Test func negatedWordsGiveNoCategory() {
        // "no breach at all" is not about breach and cure; "no breach" as a whole still says
        // the contract was ended for convenience.
        let text = "They ended the agreement out of the blue with a notice letter, no breach at all."
        let catalog = defaultRuleSet.categories
        #expect(catalog.categories(forText: text).contains { $0.id == "breach-cure" })
        let kept = catalog.categories(forText: text, skipping: ClauseLocator.negatedRanges(Array(text.utf8))).map(\.id)
        #expect(!kept.contains("breach-cure"))
        #expect(kept.first == "termination-for-convenience")
    }

    @Test func negatedWordsAreNotSearchedFor() {
        let locator = ClauseLocator(catalog: .empty)
        let text = "Agreement\n\n3. Breach. A party in breach has thirty days to cure.\n\n4. Ending. Either party may end this agreement on notice at will.\n"
        let outcome = locator.locate(LocateQuery(text: "They sent a notice to end it, no breach at all"), in: Self.index(text, catalog: .empty))
        #expect(outcome.matches.map { $0.clause?.id } == ["4"])
    }

    @Test func theDisputesMainCategoryOutweighsOneMatchedInPassing() {
        // Penalty, fixed sum, "instead of proving": liquidated damages, strongly. "damages"
        // alone also points to limitation of liability, and the liability clause says
        // "damages" three times and "late" besides (clause 8 wins with strengths
        // shared in proportion); the fixed sum for each week of delay is the answer.
        let text = """
        Supply Agreement

        8. Liability. Neither party is liable for indirect damages, for damages beyond the direct damages proven or for late fees.

        9. Delay. For each week of delay the Supplier shall pay a fixed sum of one percent of the price of the goods concerned.
        """
        let locator = ClauseLocator(catalog: defaultRuleSet.categories)
        let dispute = "They are charging us a fixed penalty for being late instead of proving their actual damages."
        let outcome = locator.locate(LocateQuery(text: dispute), in: Self.index(text))
        #expect(outcome.matches.first?.clause?.id == "9")
        #expect(outcome.matches.first?.reasons.first?.contains("liquidated-damages") == true)
    }

    @Test func theDisputesMainCategoryOutweighsTwoMinorOnes() {
        // Liquidated damages (strong), limitation of liability and performance (one word each):
        // clause 8 has both minor categories (its heading names delivery and liability) and
        // says "damages" three times, but the fixed sum for each week of delay is the answer.
        // With strengths raised to 1.5 and lexical scores scaled to half the ideal, 8 won.
        let text = """
        Supply Agreement

        8. Delivery and Liability. The Supplier delivers on the dates in the order. Neither party is liable for indirect damages or for damages beyond the direct damages proven.

        9. Delay. For each week of delay the Supplier shall pay a fixed sum of one percent of the price of the goods concerned.
        """
        let locator = ClauseLocator(catalog: defaultRuleSet.categories)
        let dispute = "They are charging us a fixed penalty for being late instead of proving their actual damages."
        let outcome = locator.locate(LocateQuery(text: dispute), in: Self.index(text))
        #expect(outcome.matches.map { $0.clause?.id } == ["9", "8"])
    }

    @Test func aClauseWithTheNarrowerCategoryHasTheBroaderOneAsWell() {
        // The dispute is about warranty duration and, more loosely, warranty. Clause 6 is headed
        // "Warranties" and says "warrants" twice, but says nothing about how long; clause 7's
        // twelve months for defects is about warranty duration, and so about warranty as much.
        let text = """
        Supply Agreement

        6. Warranties. Seller warrants that the products are new and warrants that they conform to the specifications.

        7. Defects. Any defect reported within twelve months of delivery is repaired free of charge.
        """
        let locator = ClauseLocator(catalog: defaultRuleSet.categories)
        let dispute = "The product broke after eight months. Is it still covered by the warranty period?"
        let outcome = locator.locate(LocateQuery(text: dispute), in: Self.index(text))
        #expect(outcome.matches.first?.clause?.id == "7")
        #expect(outcome.matches.first?.reasons.first == "categories: warranty-duration, warranty")
    }

    @Test func relationWordsOfADisputeAreNotSearchedFor() {
        // "split between us": "between" is how every preamble starts ("by and between"), not a
        // clue to the clause; the split of the income is.
        let locator = ClauseLocator(catalog: .empty)
        let text = """
        Agreement

        1. Parties. This agreement is made by and between Northwind Foods and Harbor Retail.

        5. Proceeds. Net income from the joint stores is divided equally, half to each party, every quarter.
        """
        let outcome = locator.locate(LocateQuery(text: "How is the income split between us?"), in: Self.index(text, catalog: .empty))
        #expect(outcome.matches.map { $0.clause?.id } == ["5"])
    }

    /// A document whose first clause is followed by what the parser took for a signature block.
    static func misreadSignatureBlock(_ signatureText: String, kind: ClauseKind = .signatureBlock) -> LocateIndex {
        let first = "1. Appointment. The supplier appoints the reseller to market its services in the territory.\n\n"
        let text = first + signatureText
        let lines = LineIndex(text: text)
        let clauses = [
            Clause(id: "1", number: "1.", heading: "Appointment", kind: .clause, level: 1, span: lines.span(0..<(first.utf8.count - 2))),
            Clause(id: "signatures", kind: kind, level: 1, span: lines.span(first.utf8.count..<text.utf8.count)),
        ]
        let catalog = defaultRuleSet.categories
        let document = catalog.categorize(Document(path: "reseller.txt", format: .plainText, text: text, lines: lines, clauses: clauses))
        return LocateIndex(document: document, catalog: catalog)
    }

    @Test func textTheParserTookForASignatureBlockIsStillSearched() {
        // Plain text whose numbering the parser missed runs on from "IN WITNESS WHEREOF": the
        // governing-law sentence in it must be found, as a sentence window, not the whole block.
        let block = """
        IN WITNESS WHEREOF the parties have signed this Agreement on the date above.

        Each party shall keep the other party's confidential information secret during the term. The laws of the State of Ohio shall govern the construction and enforceability of this Agreement. The reseller may not assign this Agreement without the prior written consent of the supplier.

        By: ____________ Name: ____________ Title: ____________
        """
        let locator = ClauseLocator(catalog: defaultRuleSet.categories)
        let outcome = locator.locate(LocateQuery(text: "Which state's laws apply to this contract?"), in: Self.misreadSignatureBlock(block))
        let first = try? #require(outcome.matches.first)
        #expect(first?.clause?.id == "signatures")
        #expect(first?.unit.part == .passage)
        #expect(first?.text.contains("State of Ohio") == true)
        #expect(first.map { !$0.text.contains("By:") } == true)
    }

    @Test func anItemOfASmallListIsAnsweredWithItsLeadIn() {
        // "(b)" alone does not say what happens when the volume is missed; the list clause
        // (lead-in and items, one sentence) is the answer, and once, not beside its item.
        let document = Self.sectionWithItems(own: "7. Remedies. The supplier may end this Agreement by notice in the event that:", heading: "Remedies", items: [
            "(a) the distributor fails to pay an invoice when due; or",
            "(b) the distributor fails to purchase the agreed minimum volume of products in any year.",
        ])
        let locator = ClauseLocator(catalog: .empty)
        let index = LocateIndex(document: document, catalog: .empty)
        #expect(index.units.contains { $0.clauseID == "7(b)" })
        let outcome = locator.locate(LocateQuery(text: "We failed to purchase the minimum volume"), in: index)
        #expect(outcome.matches.first?.clause?.id == "7")
        #expect(outcome.matches.first?.unit.part == .clause)
        #expect(outcome.matches.first?.reasons.contains { $0.contains("minimum") } == true)
        #expect(!outcome.matches.contains { $0.clause?.id == "7(b)" })
        // Named explicitly, the item itself is the answer.
        let named = locator.locate(LocateQuery(text: "minimum volume", clauseReferences: ["7(b)"]), in: index)
        #expect(named.matches.first?.clause?.id == "7(b)")
    }

    @Test func aLeadInStoppingMidSentenceIntroducesItsItems() {
        // No colon, but "except" does not end a sentence: the items finish it.
        let document = Self.sectionWithItems(own: "7. Assignment. This Agreement may not be assigned by either party, except", heading: "Assignment", items: [
            "(a) to the buyer of substantially all of the business of that party; or",
            "(b) to an affiliate, with the prior written consent of the other party.",
        ])
        let index = LocateIndex(document: document, catalog: .empty)
        #expect(index.units.first { $0.clauseID == "7" }?.part == .clause)
        let outcome = ClauseLocator(catalog: .empty).locate(LocateQuery(text: "Can they hand the contract to their affiliate without our consent?"), in: index)
        #expect(outcome.matches.first?.clause?.id == "7")
        // A title-like own text ("7. Effect of termination") is no lead-in.
        #expect(!LocateIndex.introducesList(Array("7. Effect of termination".utf8), 0..<24))
        #expect(LocateIndex.introducesList(Array("In the event that".utf8), 0..<17))
    }
}

@Suite struct TextAnalysisTests {
    @Test func wordFamiliesMeetAfterStemming() {
        let families = [
            ["terminate", "terminated", "termination", "terminating", "terminates"],
            ["cancel", "cancelled", "canceled", "cancellation", "cancels"],
            ["renew", "renewal", "renewed", "renews", "renewals"],
            ["warranty", "warranties"],
            ["assign", "assignment", "assigned", "assigns"],
            ["refund", "refunds", "refunded"],
            ["compete", "competing", "competitive", "competitor", "competition"],
            ["exclusive", "exclusively", "exclusivity"],
        ]
        for family in families {
            let stems = Set(family.map(TextAnalysis.stem))
            #expect(stems.count == 1, "\(family) → \(stems)")
        }
        #expect(TextAnalysis.term(of: "the") == nil && TextAnalysis.term(of: "should") == nil)
        #expect(TextAnalysis.terms(of: "The customer's REFUND, refunds!") == [TextAnalysis.term(of: "customer")!, TextAnalysis.term(of: "refund")!, TextAnalysis.term(of: "refund")!])
    }
}
