import ClauseModel
import ClauseParsing
import Foundation
import Testing
@testable import ClauseRules

/// False alarms of the structural checks found by reading samples of CUAD findings
/// (`clauselint-bench structure --sample`), one test per pattern, on passages written in the
/// same shape. Each test also keeps a true finding next to the look-alike where one fits, so a
/// fix that silences the whole check fails.
@Suite struct StructuralFalseAlarmTests {
    func findings(_ rule: String, _ text: String) -> [String] {
        lint(text).findings.filter { $0.ruleID == rule && $0.suppression == nil }.map(\.message)
    }

    func mentions(_ messages: [String], _ term: String) -> Bool {
        messages.contains { $0.contains("'\(term)'") }
    }

    // MARK: used-before-definition

    @Test func headingsAndContentsEntriesAreNotUses() {
        let text = """
        TABLE OF CONTENTS
        4.1 General Manager 9   4.2 Training 10
        6.7 Relocation Fee     15

        Index of defined terms: Infringement Actions 11.4(a) Audited Site 4.6(d)(ii)

        This Franchise Agreement (the "Agreement") is made between Joint Corp., a Delaware corporation ("Company"), and Kim Lee ("Franchisee").

        1. Opening. The Franchisee opens the clinic. It may use the Clinic Mark on signs.

        9. Confidential Information. Each party keeps secret all non-public information it receives ("Confidential Information").

        10. Staff. The Franchisee may hire a general manager ("General Manager"). A move costs a fee (the "Relocation Fee"). Claims against the Franchisee (collectively, "Infringement Actions") are notified. Each site audited is an "Audited Site".

        11. Marks. The Company licenses its logo (the "Clinic Mark").
        """
        let messages = findings("used-before-definition", text)
        for term in ["General Manager", "Relocation Fee", "Infringement Actions", "Audited Site", "Confidential Information"] {
            #expect(!mentions(messages, term), "\(term): a heading or contents entry")
        }
        #expect(mentions(messages, "Clinic Mark"), "a real use in clause 1 before clause 11")
    }

    @Test func contentsBeforeThePreambleAndUnnumberedHeadingsAreNotUses() {
        let text = """
        Article XI Miscellaneous 23
        11.2 Limitations on Parties' Authority 23

        THIS JOINT VENTURE AGREEMENT ("Agreement") is made as of May 23, 2017 by and among Aizu Limited ("AFSL") and Transphorm, Inc. ("TPH") (collectively the "Parties").

        1 Supply of Ingredients
        1.1 Supplier provides the materials listed in the orders ("Ingredients"). Subject to this Agreement, AFSL buys them.

        Capital Contributions 15. Each Member contributed the amounts below (the "Capital Contributions").

        2. Definitions. "Agreement" means this joint venture agreement with its attachments.
        """
        let messages = findings("used-before-definition", text)
        for term in ["Parties", "Ingredients", "Capital Contributions", "Agreement"] {
            #expect(!mentions(messages, term), "\(term)")
        }
    }

    @Test func usesInsideADefinitionsListAreNotUsesBefore() {
        let text = """
        This Agreement (the "Agreement") is made between Stamps Inc., a Delaware corporation ("Client"), and Intuit Inc., a Delaware corporation ("Intuit").

        1. Definitions.
        1.1 "Net Revenues" means fees received by Client during the Term from New Customers, less refunds.
        1.2 "New Customer" means a person who first buys through the Site.

        12. Term. This Agreement lasts two years (the "Term").
        """
        #expect(!mentions(findings("used-before-definition", text), "Term"))
    }

    @Test func aDefinitionInAnAttachedFormIsThatFormsOwn() {
        let text = """
        This Franchise Agreement (the "Agreement") is made between bw-3 Franchise Systems, Inc., a Minnesota corporation ("Franchisor"), and Dale Roe ("Franchisee").

        1. Renewal. The Franchisee signs the then-current form of Franchise Agreement on renewal.

        IN WITNESS WHEREOF, the parties have signed this Agreement.

        By: ______________

        EXHIBIT C                 ADDENDUM TO LEASE

        Lessee operates a restaurant pursuant to a franchise agreement (the "Franchise Agreement") with Franchisor.
        """
        #expect(!mentions(findings("used-before-definition", text), "Franchise Agreement"))
    }

    @Test func announcedAndUnquotedDefinitionsAreNotUsesBefore() {
        let text = """
        This Agreement (the "Agreement") is made between Jasper Foods, Inc., a Delaware corporation ("Jasper"), and Premier Nutrition, Inc., a Delaware corporation ("Premier").

        1. Invoices. Jasper invoices Premier when it issues a Certificate of Analysis (COA). Uptime is measured against the SLA Target (as such terms are defined below). Fees follow the Closing Date (as  hereinafter  defined), and the Closing Date is in May.

        ARTICLE I  [Term]

        2. Storage. Storage is charged after the COA is delivered ("COA"). "SLA Target" means 99.5%. The Shares are sold on June 1 (the "Closing Date").

        3. Term. This Agreement lasts one year (the "Term").
        """
        let messages = findings("used-before-definition", text)
        for term in ["COA", "SLA Target", "Closing Date", "Term"] {
            #expect(!mentions(messages, term), "\(term)")
        }
    }

    @Test func runInHeadingsLabelsAndFullNamesAreNotUses() {
        let text = """
        Reseller: Bravatek Solutions, Inc.
        Territory: US Federal agencies

        This Agreement (the "Agreement") is made between Bluerock Inc., a Maryland corporation ("Company"), and Bravatek Solutions, Inc., a Delaware corporation ("Reseller").

        1. Scope. The Reseller sells the products. Claims are handled promptly. Confidential Information. Each party keeps secret what it learns. (x) Investment Company Act. The Company is not subject to the Investment Company Act of 1940, as amended.

        2. Other terms. Territory means the United States (the "Territory"). Information that is not public is "Confidential Information". The Investment Company Act of 1940, as amended (the "Investment Company Act"), applies.
        """
        let messages = findings("used-before-definition", text)
        for term in ["Territory", "Confidential Information", "Investment Company Act"] {
            #expect(!mentions(messages, term), "\(term)")
        }
    }

    // MARK: undefined-term

    @Test func paddedSpacesAndJoinedTermsAreDefined() {
        let text = """
        The Company filed a registration statement (the "Registration   Statement"). The prospectus included in the Registration   Statement is final. Later the Registration   Statement was amended.

        "Software" means the firmware. The Distributor pays for the warranty of the Equipment and Software and insures the Equipment and Software.
        """
        let messages = findings("undefined-term", text)
        #expect(!mentions(messages, "Registration Statement") && !mentions(messages, "Registration   Statement"))
        #expect(!mentions(messages, "Equipment and Software"))
    }

    @Test func unquotedDefinitionsSignaturesAndNamedDocumentsAreNotUndefined() {
        let text = """
        1. Definitions. (a) Documentation means the manuals for the Software. (b) Software means the licensed programs listed in Schedule B.

        2. Use. The Licensee may copy the Software. This Agreement is an appendix to the Cooperation agreement, which governs; the Cooperation agreement prevails.

        3. Goods. The U.N. Convention on Contracts for the International Sale of Goods does not apply; the International Sale of Goods convention is excluded. Notices go to 1345 Avenue of the Americas, and copies to the Americas office.

        4. Marks. As set out in the Trademark, Trade Name and Domain License Agreement, the Trademark, Trade Name and Domain License Agreement governs the marks.

        5. Closing. Delivery happens on the Closing Date (as hereinafter  defined); the Closing Date is set by the Agent.

        6. Rules. The Anti-Kickback Statute applies. Each Item of the tariff is cumulative and each Item applies. The headings of the Paragraphs are for convenience and the Paragraphs govern. Disputes go to the Presidents; the Presidents meet monthly.

        VÄRDE INVESTMENT PARTNERS, L.P.
        By: Värde Partners, L.P., its General Partner
        By: Värde Partners, Inc., its General Partner
        """
        let messages = findings("undefined-term", text)
        for term in ["Software", "Cooperation", "International Sale of Goods", "Americas", "Trademark", "Closing Date", "Anti-Kickback Statute", "Item", "Paragraphs", "Presidents", "General Partner"] {
            #expect(!mentions(messages, term), "\(term)")
        }
    }

    @Test func glossaryEntriesBrandsAndPlacesAreNotUndefined() {
        let text = """
        Closing: The sale of the loans.
        Closing Date: The date of the Closing.
        Collection Period: The period beginning on the Closing Date and ending on the last day of the month in which the Closing Date falls.

        1. Lines. The Company owns the PokerOne™ Shuffler and the Random Plus™ Shuffler; the Random Plus™ line is sold worldwide except in the Caribbean, and the Caribbean ports are excluded.
        """
        let messages = findings("undefined-term", text)
        for term in ["Closing Date", "Random Plus", "Caribbean"] {
            #expect(!mentions(messages, term), "\(term)")
        }
    }

    @Test func anAmendmentUsesTheAmendedAgreementsTerms() {
        let amendment = """
        FIRST AMENDMENT TO MANUFACTURING AGREEMENT

        1. Section 2(c) is replaced: During the Term of this Agreement, Premier buys the Minimum Order. During the Term the prices are fixed.
        """
        #expect(findings("undefined-term", amendment).isEmpty)
        let agreement = """
        MANUFACTURING AGREEMENT

        1. Orders. During the Term of this Agreement, Premier buys products. During the Term the prices are fixed.
        """
        #expect(mentions(findings("undefined-term", agreement), "Term"), "the same text outside an amendment is still reported")
    }

    // MARK: duplicate-definition

    @Test func pointersVerbFormsAndPartyScopedTermsAreNoDuplicates() {
        let text = """
        1. Definitions.
        1.20 "Development" or "Develop" means clinical drug development activities. When used as a verb, "Develop" means to engage in Development.
        1.87 "Joint Governance Committee" or "JGC" has the meaning set forth in Section 2.1.
        1.88 "Subscribers" means end users who registered. "Subscribers" includes "Recurring Subscribers".

        2. Governance. The Parties establish a joint governance committee (the "Joint Governance Committee" or "JGC").

        3. Disputes. As used herein, Sutro's "Senior Management" means its CEO, and SutroVax's "Senior Management" means its CEO.

        4. Orders. All references to "this Agreement" or any "Facility Addendum" shall include amendments. "Facility Addendum" means a document for one site.

        5. Fees. "Fees" means the amounts in Exhibit A. "Fees" means the amounts in Exhibit B.
        """
        let messages = findings("duplicate-definition", text)
        for term in ["Develop", "Joint Governance Committee", "JGC", "Subscribers", "Senior Management", "Facility Addendum"] {
            #expect(!mentions(messages, term), "\(term)")
        }
        #expect(mentions(messages, "Fees"), "two different meanings are still reported")
    }

    @Test func attachmentTitlesContentsLinesAndRestatementsAreNoDuplicates() {
        let text = """
        PROMOTION AGREEMENT (the "Agreement")

        This agreement (the "Agreement") is made on May 1 by Charity Tunes and Ubroadcast.

        SECTION 24.0 INFORMATION TECHNOLOGIES SERVICES ("I/T") SYSTEMS ........ Page 37

        1. Definitions. "Agreement" means this agreement, including its Exhibits.

        2. Stock. Parts are leased under Exhibits 8 ("Lease of the Stock"), 9 ("Exchange Service") and 11 ("Main Elements Services"). Parts are returned under Exhibits 8 ("Lease of the Stock") and 11 ("Main Elements Services").

        3. Stores. Work for the Retail Store Solutions ("RS") is priced in Attachment A. The Securities Exchange Commission (the "SEC") may review it; filings go to the Securities and Exchange Commission (the "SEC").

        SECTION 24.0 INFORMATION TECHNOLOGIES SERVICES ("I/T") SYSTEMS

        4. Scope. Later work for the Retail Store Solutions ("RS") is priced in Attachment B.

        IN WITNESS WHEREOF the parties sign.

        POLSKA SP ZO.O (the "Franchisee")
        By: /s/ M. Rubinson
        """
        let messages = findings("duplicate-definition", text)
        for term in ["Agreement", "I/T", "Lease of the Stock", "Main Elements Services", "RS", "SEC"] {
            #expect(!mentions(messages, term), "\(term)")
        }
    }

    @Test func aListEntryRestatingARecitalOrAPartyIsNoDuplicate() {
        let text = """
        SPONSORSHIP AGREEMENT

        HEALTHCARE CAPITAL CORP., a British Columbia company
        (the "Issuer");

        AND:

        C.M. OLIVER & COMPANY LIMITED, an investment dealer
        (the "Sponsor").

        A. FibroGen develops inhibitors which stabilize hypoxia inducible factor ("HIF"), and markets its product known as MOXATAG® ("MOXATAG").

        1. Definitions.
        (d) "Issuer" means HEALTHCARE CAPITAL CORP.;
        (e) "HIF" shall mean hypoxia inducible factor.
        (f) "MOXATAG" means the prescription drug known as MOXATAG® tablets.
        (g) "Sponsor" means the lead underwriter of the offering.
        """
        let messages = findings("duplicate-definition", text)
        for term in ["Issuer", "HIF", "MOXATAG"] {
            #expect(!mentions(messages, term), "\(term)")
        }
        #expect(mentions(messages, "Sponsor"), "a different meaning is still reported")
    }

    @Test func aDefinitionRestatedInTheSameBreathIsNoDuplicate() {
        let text = """
        This Franchise Agreement (the "Agreement") is made between Joint Corp. ("Company") and Kim Lee ("Franchisee").

        1. Staff. The Company may agree for the Franchisee to employ a general manager to operate the clinic ("General Manager"). The term "General Manager" means the individual with day-to-day responsibility for the clinic. The General Manager completes training.

        2. Taxes. "Transfer Taxes" means all transfer, stamp or similar taxes ("Transfer Taxes") arising out of this Agreement. The Franchisee pays the Transfer Taxes.

        3. Fees. "Fee" means the monthly fee in Schedule A. The Franchisee pays the Fee monthly.

        4. Late payment. The Franchisee pays interest on any late amount. For this Section 4, "Fee" means the monthly fee together with any interest accrued on it.
        """
        let messages = findings("duplicate-definition", text)
        for term in ["General Manager", "Transfer Taxes"] {
            #expect(!mentions(messages, term), "\(term)")
        }
        #expect(mentions(messages, "Fee"), "a term defined again in another clause is still reported")
    }

    @Test func eachAttachedFormMayDefineItsOwnTerms() {
        let text = """
        This Remarketing Agreement (the "Agreement") is made between Nuveen Fund, a Massachusetts trust (the "Fund"), and Citigroup Inc., a Delaware corporation (the "Agent").

        IN WITNESS WHEREOF the parties sign.

        Exhibit A - Form of Tender Notice
        Series A preferred shares in the variable rate mode ("VRRM SHARES") of the Fund.

        Exhibit B - Form of Remarketing Notice
        Series A preferred shares in the variable rate remarketed mode ("VRRM SHARES") of the Fund.
        """
        #expect(!mentions(findings("duplicate-definition", text), "VRRM SHARES"))
    }

    // MARK: cross-references

    @Test func securitiesFormsCapitalWordsAndAmendedExhibitsAreNotMissingAttachments() {
        let text = """
        1. Filings. Each holder files statements on Schedule 13G with respect to the shares. Transportation Schedules     8.2.1 Nominations are accepted daily.

        2. Liability. THE SUPPLIER IS NOT LIABLE UNDER THIS EXHIBIT OR THE TRADEMARKS.

        3. Prices. The prices are set out in Exhibit C.
        """
        let messages = findings("missing-attachment", text)
        #expect(messages.count == 1 && messages.first?.contains("Exhibit C") == true, "\(messages)")
        let amendment = """
        FIRST AMENDMENT TO LICENSE AGREEMENT

        1. Exhibits A and C of the Agreement are amended to replace the film title.
        """
        #expect(findings("missing-attachment", amendment).isEmpty)
    }

    @Test func anArticleOfTheAgreementJustNamedIsExternal() {
        let text = """
        1. Option. The option lapses if the Dovonex Agreement is terminated by LEO pursuant to Sections 15.4 or 15.8 thereof, or under Section 9 of this Agreement.

        2. Term. This Agreement lasts one year.
        """
        let messages = findings("broken-cross-reference", text)
        #expect(!messages.contains { $0.contains("15.") })
        #expect(messages.contains { $0.contains("Section 9") || $0.contains("section 9") }, "\(messages)")
    }

    // MARK: inconsistent-party-name

    @Test func roleWordsOfThirdPartiesAreNotPartyNames() {
        let text = """
        This Agreement (the "Agreement") is made between Armstrong Flooring, Inc. ("Licensor") and AHF, LLC ("Licensee").

        1. Enforcement. Licensee seeks the cooperation of the Seller of the Trademark Purchase Agreement in such proceeding, and the Seller of the Trademark Purchase Agreement assists.

        2. Refunds. If the Licensee refunds a Sublicensed Customer, then such Customer's fee is credited.

        3. Reports. Royalties are based on the Subscriber information in the report. Questions go to the Vendor & Distributor Hotline.

        4. Supply. The Vendor is liable for late delivery.
        """
        let messages = findings("inconsistent-party-name", text)
        for role in ["Seller", "Customer", "Subscriber"] {
            #expect(!mentions(messages, role), "\(role)")
        }
        #expect(mentions(messages, "Vendor"), "a role word used alone for a party is still reported")
    }

    @Test func rolesDefinedInAnotherDocumentAreNotReported() {
        let text = """
        This Servicing Agreement (the "Agreement") is made between Curo Receivables, LLC (the "Owner") and Curo Management, LLC, as servicer (the "Servicer").

        Capitalized terms used but not defined herein have the meanings set forth in Annex A.

        1. Assets. "Serviced Asset" means each receivable owned by the Borrower, and each participation owned by the Borrower.
        """
        #expect(findings("inconsistent-party-name", text).isEmpty)
    }

    // MARK: CUAD review 4 (issue 4)

    @Test func pdfRepeatsIndefiniteLabelsAndNarrowingsAreNoDuplicates() {
        let text = """
        This Hosting Agreement is made between Quantum Inc. and Delta Hosting Corp. as of May 1, 2009.

        1. Definitions.
        1.1 "Credit Note"   "Credit Note" Means the credit note issued by the Repairer under Clause 11.
        1.2 "Direct Access Storage" or "DAS" means data storage devices attached directly to a server.

        Page 1 of 36

        "Direct Access Storage" or "DAS" means data storage devices attached directly to a server. "Hosting Environment" means the servers run by the Provider.
        1.3 "Collaboration Product" means any compound selected under Section 4.1.
        "Collaboration Product" shall also include any formulation of that compound.
        1.4 "Confidential Information" means information a party marks as confidential.
        "Confidential Information" does not include information in the public domain.

        2. Indemnity. Supplier (an "Indemnifier") indemnifies Customer (each, an "Indemnified Party") against third-party claims. Customer (an "Indemnifier") indemnifies Supplier (each, an "Indemnified Party") against claims arising from its materials.

        3. Improvements. The Supplier notifies changes of the Products ("New Products") and new models of Products (collectively with "New Products", "Improved Products").

        4. Claims. Each claim by a customer (the "Claim") is notified within ten days. Each claim by a regulator (the "Claim") is notified at once.
        """
        let messages = findings("duplicate-definition", text)
        for term in ["Credit Note", "Direct Access Storage", "DAS", "Collaboration Product", "Confidential Information", "Indemnifier", "Indemnified Party", "New Products"] {
            #expect(!mentions(messages, term), "\(term)")
        }
        #expect(mentions(messages, "Claim"), "a term defined twice with the definite article is still reported")
    }

    @Test func sectionTitlesAgreementRestatedAndAmendedWordingAreNoDuplicates() {
        let text = """
        JOINT CONTENT LICENSE AGREEMENT (the "Agreement")

        1. Scope. Delete paragraph 2, Section 24.0 Information Technology Services ("I/T Services"), of Supplement 1 and replace it with the text below.

        2. Scope again. Delete Scope of Services b), Section 24.0 Information Technology Services ("I/T Services"), of Supplement 1 in its entirety.

        3. Definitions. "Agreement" means the Basic Provisions, these Additional Provisions and the Exhibits.
        """
        let messages = findings("duplicate-definition", text)
        for term in ["I/T Services", "Agreement"] {
            #expect(!mentions(messages, term), "\(term)")
        }
        let amendment = """
        AMENDMENT NO. 2 TO MANUFACTURING AGREEMENT

        This Amendment No. 2 is made by Heritage Foods, LLC and Premier Nutrition Corporation.

        h. Section 2(o)(i) of the Agreement is amended so that the first sentence that previously read:

        "All Products made under this Agreement shall conform to the specifications listed on Schedule A, which Schedule may be modified by Premier in writing (the "Specifications"), and to the samples."

        now reads:

        "All Products made under this Agreement shall conform to the specifications listed on Schedule A and Schedule A-1, which Schedules may be modified by Premier in writing (the "Specifications"), and to the samples."
        """
        #expect(!mentions(findings("duplicate-definition", amendment), "Specifications"))
    }

    @Test func formsAndLettersRunIntoTheirHeadingsAreAttachedDocuments() {
        let text = """
        This Marketing Agreement (the "Agreement") is made between Loop Industries, Inc. ("Loop") and Indorama Ventures ("Indorama").

        1. Safety. The Parties shall enter into a pharmacovigilance agreement setting out safety data sharing (the "Pharmacovigilance Agreement").

        2. Reports. Loop reports on the Notes and on the Units monthly.

        3. Records. Loop keeps its records for three years after each report, in the form the parties agree, and gives Indorama access to them on request.

        IN WITNESS WHEREOF, the Parties have signed this Agreement.

        By: ______________

        EXHIBIT C FORM OF NOTE PURCHASE AGREEMENT This Note Purchase Agreement is made by Loop in connection with its renewable subordinated notes (the "Notes") and the investors who buy them.

        Exhibit D    Media Services     The following describes the services provided to Twin Cities Power in connection with its membership units (the "Units").

        Re: Amendment to Marketing Agreement

        1. Section 1 is replaced: "The Parties shall enter into a pharmacovigilance agreement setting out safety data sharing (the "Pharmacovigilance Agreement")."
        """
        #expect(!mentions(findings("duplicate-definition", text), "Pharmacovigilance Agreement"))
        let messages = findings("used-before-definition", text)
        for term in ["Notes", "Units"] {
            #expect(!mentions(messages, term), "\(term)")
        }
    }

    @Test func scopedPluralAndIndexedDefinitionsAreNotUsesBefore() {
        let text = """
        This Alliance Agreement (the "Agreement") is made between Phreesia Inc., a Delaware corporation ("Company"), and Array Partners LLC, a Delaware limited liability company ("Partner").

        Quality Agreement   Royalty Payments   Third Party Claim
        9.4(b) 6.3 16.1

        1. Customers. Orders are placed through the Portal. Each proposed customer must complete an application and be Pre-approved by the Company. "Pre-approved" shall mean that the Company accepted the application.

        2. Sites. The Partner operates restaurants at locations designated in separate Franchise Agreement(s) (the "Franchise Agreements"). The Partner may obtain a Franchise Agreement ("Franchise Agreement") for any other site.

        5.4 Disclosure. If a party is requested in any Litigation to disclose Confidential Information, it shall notify the other party.

        In this Clause 5.4, "Litigation" means any action, claim, subpoena or investigation.

        9. Claims. The Company defends any claim brought by a third party (a "Third Party Claim").

        10. Portal. The Partner may use the web portal of the Company (the "Portal").
        """
        let messages = findings("used-before-definition", text)
        for term in ["Franchise Agreement", "Litigation", "Third Party Claim"] {
            #expect(!mentions(messages, term), "\(term)")
        }
        #expect(mentions(messages, "Portal"), "a use in another clause before the definition is still reported")
        #expect(mentions(messages, "Pre-approved"), "a use in the sentence before the definition is still reported")
        let list = """
        WHEREAS the Parties wish to form a joint venture; and WHEREAS the Board has approved it.

        The parties agree as follows. "Board" shall mean the board of directors of the joint venture company. "Parties" shall mean IMPCO and MINDA together. "RBI" means the Reserve Bank of India.
        """
        let listMessages = findings("used-before-definition", list)
        for term in ["Board", "Parties"] {
            #expect(!mentions(listMessages, term), "\(term): a list of definitions without a heading")
        }
    }

    @Test func brandsPluralMarkersPaddedParentheticalsAndGlossariesAreNotUndefined() {
        let text = """
        Incorporated Documents. All documents incorporated by reference in the registration statement.
        Indenture. The indenture between the Company and the Trustee.

        1. Cards. Schoolpop may sell the Encompass(R) Select Card, and the Encompass(R) Select Card is sold online.

        2. Merchants. The Processor provides services to merchants ("Merchant(s)"). The Processor transfers all Merchants to the new processor, and all Merchants keep their terms. The Bank audits each Merchant, and each Merchant pays the Bank.

        3. Renewal. This Agreement renews for six months (the Renewal  Period). During the Renewal Period the prices are fixed.

        4. Scope. The Contractor carries out the tasks in the Addenda to this Agreement; the Addenda are signed by both parties. Nothing may violate the Constitution or laws, and the Constitution prevails.

        5. Prospectus. The Prospectus includes the Incorporated Documents, and the Incorporated Documents are filed.

        6. Background. In accordance with the "Agreement Between Phoenix TV and Phoenix Media Regarding Cooperation in the Fields of Content, Branding and Technology" dated May 1, 2009, and the "Memorandum on Cooperation in the Fields of Content, Branding and Promotion" dated June 1, 2009, the parties cooperate.

        7. Support. The Vendor fixes any Error reported by the Customer, and each Error is logged.
        """
        let messages = findings("undefined-term", text)
        for term in ["Encompass", "Merchants", "Merchant", "Renewal Period", "Addenda", "Constitution", "Incorporated Documents", "Fields of Content"] {
            #expect(!mentions(messages, term), "\(term)")
        }
        #expect(mentions(messages, "Error"), "an undefined term is still reported")
    }

    @Test func rolesInFormsAfterTheSignaturesAreNotPartyNames() {
        let text = """
        THIS AGREEMENT is made by and between Keystone Bank (hereinafter referred to as the "Employer") and Jane Roe (hereinafter referred to as the "Employee").

        1. Premiums. The Employer pays all premiums on the Policy when due. The Employer keeps the Policy with the Insurer.

        2. Loans. The Lender may not borrow against the Policy.

        3. Notices. Notices are given in writing to the address above. The Employee may name a beneficiary in writing.

        4. Entire agreement. This Agreement is the whole agreement of the parties and replaces all earlier agreements between them.

        IN WITNESS WHEREOF, the parties have signed this Agreement.

        By: ______________

        Split Dollar Policy Endorsement Beneficiary Designation

        Upon the death of the Employee, proceeds are paid to the Owner, its successors or assigns, to the extent of its interest. The undersigned for the Owner signs in a representative capacity.
        """
        let messages = findings("inconsistent-party-name", text)
        #expect(!mentions(messages, "Owner"))
        #expect(mentions(messages, "Lender"), "a role word in the agreement itself is still reported")
    }

    @Test func numberColumnsStatuteCitationsAndOtherAgreementsAreNotBrokenReferences() {
        let text = """
        WIDGET RESELLER AGREEMENT This Widget Reseller Agreement ("Agreement") is made between Vayar Ltd. ("Supplier") and Indeliving Inc. ("Reseller").
        1. 1.1.
        1.2.
        2. 2.1. 2.2.
        3.
        Appointment. The Supplier appoints the Reseller. Orders. Orders follow Section 2.2 and Section 1.2, and survive under Section 3. Price. Prices are fixed, except as Section 7 provides.

        Generics. A product approved under Section 42 U.S.C. 262 is a generic. Units have the rights designated in Section 4.04 and elsewhere in the OP Agreement.
        """
        let messages = findings("broken-cross-reference", text)
        for label in ["2.2", "1.2", "section 3", "42", "4.04"] {
            #expect(!messages.contains { $0.lowercased().contains(label) }, "\(label): \(messages)")
        }
        #expect(messages.contains { $0.contains("7") }, "a reference to a missing section is still reported: \(messages)")
    }

    @Test func listsAfterATableAndFlattenedLevelsAreNotNumberingErrors() {
        let text = """
        SUPPLY AGREEMENT

        1. Scope. The Supplier supplies the goods listed in the order.

        2. Price. The price is fixed for the first year.

        3. Delivery. Delivery is free within the Territory.

        4. Term. The term is one year.

        Table of charges

        2. Storage is charged monthly.

        3. Handling is charged per pallet.

        6. Services

        6.1 Scope. The Supplier provides the services.

        6.2 Staff. The Supplier provides qualified staff.

        6.3 Tools. The Supplier provides the tools.

        6.5 Change control. Changes are agreed in writing.

        6.4 Ownership. Deliverables belong to the Customer.

        6.6 Records. Records are kept for three years.
        """
        let backwards = findings("numbering-out-of-order", text)
        #expect(backwards.count == 1 && backwards.first?.contains("'6.4'") == true, "only the swapped pair is out of order: \(backwards)")
        let outline = """
        BACKGROUND

        A. The Company owns software.

        1. The software runs on servers.

        2. The servers are hosted.

        B. The Partner wishes to host the software.

        7. Warranties

        (a) The Supplier warrants title.

        (b) The Supplier warrants quality.

        c. The Supplier warrants delivery.
        """
        let mixed = findings("numbering-mixed-scheme", outline)
        #expect(!mixed.contains { $0.contains("'2.'") || $0.contains("'B.'") }, "\(mixed)")
    }

    // MARK: CUAD review 5

    @Test func companyVenueAndDocumentNamesAreNotUndefined() {
        let text = """
        SPONSORSHIP AGREEMENT

        This Sponsorship Agreement (the "Agreement") is made between Ring Events LLC ("Promoter") and Orbit Telecom Inc. ("Sponsor").

        1. Event. The Promoter stages a boxing event at the Harbour Bay Stadium in Lisbon, and the Harbour Bay Stadium provides the ring.

        2. Testing. Signal quality is measured by the Nordlicht Research lab, a unit of Nordlicht Research, Inc.; the Nordlicht Research reports are final.

        3. Fees. All amounts owed under this Project Memorandum are paid by June 1. Any change to this Project Memorandum is made in writing.

        4. Support. The fees for the Maintenance and Support      contract are listed above, and the Maintenance and Support      contract renews yearly.

        5. Scope. The Promoter delivers the Services on time, and the Services include lighting.

        6. Placement. Banners appear in the Fitness & Sports department of the portal, and the Fitness & Sports department links to the Sponsor. Both parties comply with the Convention on Biological Diversity, and the Convention binds them.

        7. Reports. The parties report on the success of this Sponsorship Event often, as this Sponsorship Event is new.

        8. Platform. The Sponsor funds the tools (the "Fan-Engagement Platform"). The Promoter hosts the Fan- Engagement Platform, and the Fan- Engagement Platform is free. Should this Annexure conflict with the Agreement, this Annexure prevails. Upon receipt of such Non-[***] Notice, or any other Non-[***] Notice, the parties meet. The Sponsor negotiates the Supply Contract with the caterer, and the Supply Contract binds the caterer.
        """
        let messages = findings("undefined-term", text.replacingOccurrences(of: "SPONSORSHIP AGREEMENT", with: "SPONSORSHIP EVENT AGREEMENT"))
        for term in ["Harbour Bay Stadium", "Nordlicht Research", "Project Memorandum", "Maintenance and Support", "Fitness", "Convention", "Sponsorship Event", "Fan- Engagement Platform", "Annexure", "Non-", "Supply Contract"] {
            #expect(!mentions(messages, term), "\(term): \(messages)")
        }
        #expect(mentions(messages, "Services"), "a term used as defined but never defined is still reported: \(messages)")
    }

    @Test func attachmentSectionsParenthesisedNumbersAndOtherAgreementsAreNotBrokenReferences() {
        let text = """
        AGENCY AGREEMENT This Agency Agreement ("Agreement") is made between Kestrel Inc. ("Company") and Lumen Ltd. ("Agent").

        1. Appointment. The Company appoints the Agent. Prices are set out in Schedule A, section (9), subparagraph (B).

        2. Reports. The Agent reports monthly, as required by paragraph I.1. of Exhibit D. For purposes of Section 4.2 of each of the Company's Participation Agreement(s) with the Funds, the Agent is the designee. No dividend may trigger Section 18 (S) 5005 (B) of the

        Insurance Law of the State.

        3. Conduct. Nothing in this Section (3) restricts a Party, and Section 9 applies. Either party may give notice of expiry in accordance with section 14.

        Termination
        14.1 Termination for cause. Either party may terminate for a material breach.

        SCHEDULE A

        Prices.
        """
        let messages = findings("broken-cross-reference", text)
        for label in ["(9)", "(b)", "i.1", "4.2", "18", "(3)", "14"] {
            #expect(!messages.contains { $0.lowercased().contains("section \(label)") || $0.lowercased().contains("paragraph \(label)") }, "\(label): \(messages)")
        }
        #expect(messages.contains { $0.contains("section 9") }, "a reference to a missing section is still reported: \(messages)")
    }

    @Test func sectionReferencesInATextThatLostItsSubsectionNumbersAreNotBroken() {
        let lost = """
        HOSTING AGREEMENT This Hosting Agreement ("Agreement") is made between Vendor Corp. ("Vendor") and Client Inc. ("Client").

        Warranties
        The Vendor warrants the Services. Indemnification payments are due as provided in Section 8.1.

        Limitation of Liability
        The Vendor is liable only as set out in Section 8.4 and as changed under Section 13.2.

        Termination
        Sections 4.4 and 12.3 survive termination.
        """
        #expect(findings("broken-cross-reference", lost).isEmpty, "\(findings("broken-cross-reference", lost))")
        let leftover = """
        SERVICES AGREEMENT This Services Agreement ("Agreement") is made between Vendor Corp. ("Vendor") and Client Inc. ("Client").

        1. Services. The Vendor provides the Services.

        2. Fees. Fees are due as provided in Section 8.1 of this Agreement.
        """
        #expect(findings("broken-cross-reference", leftover).contains { $0.contains("8.1") }, "one leftover dotted reference is still reported")
    }

    // MARK: CUAD review 6

    @Test func aListRestartedInTheTextIsNotOutOfOrderOrDuplicate() {
        // Lists under headings the parser does not number (`Item Six`), and an exhibit's own list
        // whose `1.` is run into the text after a layout gap.
        let items = """
        COOPERATION AGREEMENT

        This Cooperation Agreement is made between Alder Energy Co., Ltd. ("Party A") and Birch Gas Co., Ltd. ("Party B").

        5. Payment method: Wire transfer to the account named by Party A.

        6. The policy rebate is shared by both Parties equally.

        Item Six Raw Materials   1. Water and power are settled at the local price.   2. Party B lays the pipeline.   3. Party A connects it.   4. Party A pays monthly.

        5. If the plant cannot run because of errors of Party A, Party A compensates the loss of Party B.
        """
        #expect(findings("numbering-out-of-order", items).isEmpty, "\(findings("numbering-out-of-order", items))")
        let exhibit = """
        MAINTENANCE AGREEMENT

        1. SUBJECT-MATTER. The Repairer repairs the parts listed in Exhibit 6.

        2. DEFINITIONS. Capitalised words have the meanings set out in the glossary.

        EXHIBIT 6

        The following Exhibit is composed of eight pages, into which are listed the part numbers.     1. List A

        Valves, exchangers and control panels.

        2. List B

        Generators, starters and actuators.
        """
        let exhibitFindings = findings("numbering-duplicate", exhibit) + findings("numbering-out-of-order", exhibit)
        #expect(exhibitFindings.isEmpty, "\(exhibitFindings)")
        let real = """
        SUPPLY AGREEMENT

        1. Scope. The Supplier supplies the goods.

        2. Price. The price is fixed for one year.

        2. Delivery. Delivery is free within the Territory.

        4. Term. The term is one year.

        3. Law. The law of New York applies.
        """
        #expect(findings("numbering-duplicate", real).count == 1, "a second 2. with no new list between")
        #expect(findings("numbering-out-of-order", real).count == 1, "3. after 4.")
    }

    @Test func tableRowsAreNotOutOfOrder() {
        // A work plan table whose cells PDF extraction ran together and reordered.
        let text = """
        RESEARCH AGREEMENT

        1. Supply seed of the best lines to the partners.

        2. Supply plants for observation trials.

        3. Score the trials in autumn.

        4. Send samples of the best selections to the partners.

        6. Develop knowledge of the crop in a wide range of soils

        5. Create new lines   All year and ongoing   Table shows the number of lines attempted.
        """
        #expect(findings("numbering-out-of-order", text).isEmpty, "\(findings("numbering-out-of-order", text))")
    }

    @Test func anAttachedAgreementNamesItsOwnLawAndCourts() {
        let embedded = """
        LICENSE AND HOSTING AGREEMENT

        This License and Hosting Agreement (the "Agreement") is made between Changer Ltd. ("Licensor") and Cloudco Inc. ("Host").

        1. Law. This Agreement shall be governed by the laws of the State of California.

        2. Venue. The parties submit to the exclusive jurisdiction of the courts of San Francisco, California for any dispute under this Agreement.

        3. Term. This Agreement runs for three years.

        IN WITNESS WHEREOF, the parties have executed this Agreement as of the Effective Date.

        By: /s/ Ann Smith

        EXHIBIT G

        LICENSE AND MAINTENANCE AGREEMENT

        1. Law. This Agreement shall be governed by the laws of the State of New York.

        2. Venue. Customer submits to the non-exclusive jurisdiction of the courts of the State of New York for any action under this Agreement.
        """
        #expect(findings("conflicting-governing-law", embedded).isEmpty, "\(findings("conflicting-governing-law", embedded))")
        #expect(findings("conflicting-venue", embedded).isEmpty, "\(findings("conflicting-venue", embedded))")
        // Without "IN WITNESS WHEREOF": attachments after the signature lines (`BY: …`).
        let terms = """
        GLOBAL SUPPLY AGREEMENT

        This Global Supply Agreement (the "Agreement") is made between Polymer Chemical Company ("Seller") and Vial Services Inc. ("Buyer").

        1. Sales. Sales to Buyer affiliates in the Americas are subject to Attachment A, and sales in Europe to Attachment H.

        2. Governing law. This Agreement shall be governed by the law set forth in the Seller's general terms and conditions, as applicable.

        3. Term. This Agreement runs from 2019 to 2023.

        /s/ Eric Green   /s/ Kurt Adams   BY: Eric Green   BY: Kurt Adams

        ATTACHMENT A

        1. GOVERNING LAW. The parties' rights under this Agreement shall be construed under the laws of the State of Texas.

        ATTACHMENT H General Terms of Sale for Europe

        22. This Agreement between the Seller and Buyer shall be governed by the laws of Belgium.
        """
        #expect(findings("conflicting-governing-law", terms).isEmpty, "\(findings("conflicting-governing-law", terms))")
        let real = """
        SERVICES AGREEMENT

        This Services Agreement (the "Agreement") is made between Able Ltd. ("Supplier") and Baker Inc. ("Customer").

        1. Law. This Agreement shall be governed by the laws of the State of Delaware.

        2. Services. The Supplier provides the services.

        9. Miscellaneous. This Agreement shall be governed by the laws of the State of New York.

        IN WITNESS WHEREOF, the parties have executed this Agreement.

        EXHIBIT A

        1. Law. The services in this exhibit are governed by this Agreement and the laws of England.
        """
        let laws = findings("conflicting-governing-law", real)
        #expect(laws.count == 1 && laws.first?.contains("New York") == true, "two laws in the agreement itself: \(laws)")
        // Periods are compared across attachments: a statement of work paid sooner than the
        // agreement says is worth a look.
        let sow = """
        HOSTING AGREEMENT

        This Hosting Agreement (the "Agreement") is made between Vote Cast Inc. ("Host") and Vital Brands Inc. ("Licensee").

        4. Payment. All fees are due and payable within thirty (30) days of the applicable invoice.

        IN WITNESS WHEREOF, the parties have executed this Agreement.

        EXHIBIT A

        Statement of Work. Payment for the services fee is due and payable within fifteen (15) days of the applicable invoice.
        """
        #expect(findings("conflicting-payment-period", sow).count == 1, "\(findings("conflicting-payment-period", sow))")
    }

    /// Findings on a text read by the plain-text parser, as CUAD's contracts are.
    func plainFindings(_ rule: String, _ text: String) -> [String] {
        guard case .success(let document) = DocumentLoader().parse(bytes: Array(text.utf8), path: "test.txt", format: .plainText) else { return ["does not parse"] }
        return Linter(ruleSet: defaultRuleSet, configuration: .default).lint(document).findings.filter { $0.ruleID == rule && $0.suppression == nil }.map(\.message)
    }

    @Test func aReservedArticleInCapitalsAndTableCellsAreNotGaps() {
        let reserved = """
        AGENCY AGREEMENT

        This Agency Agreement (the "Agreement") is made between Farm Co. ("Monsanto") and Garden Ltd. ("Agent") for the sale of lawn products.

        ARTICLE 1 - DEFINITIONS

        Section 1.1 General. The Agent and Farm Co. perform their duties under this Article 1 in good faith and in writing, at their own cost.

        ARTICLE 2 - APPOINTMENT

        Section 2.1 General. The Agent and Farm Co. perform their duties under this Article 2 in good faith and in writing, at their own cost.

        ARTICLE 3 - PRICES

        Section 3.1 General. The Agent and Farm Co. perform their duties under this Article 3 in good faith and in writing, at their own cost.

        ARTICLE 4 - ORDERS

        Section 4.1 General. The Agent and Farm Co. perform their duties under this Article 4 in good faith and in writing, at their own cost.

        ARTICLE 5 - DELIVERY

        Section 5.1 General. The Agent and Farm Co. perform their duties under this Article 5 in good faith and in writing, at their own cost.

        ARTICLE 6 - REPORTS AND ADDITIONAL OBLIGATIONS OF THE PARTIES

        Section 6.1 General. The Agent and Farm Co. perform their duties under this Article 6 in good faith and in writing, at their own cost.

        ARTICLE 7 - [RESERVED]

        ARTICLE 8 - REPRESENTATIONS, WARRANTIES, AND COVENANTS

        Section 8.1 The Agent's Representations and Warranties. The Agent warrants that it holds every licence needed for the sale of the products.
        """
        #expect(plainFindings("numbering-gap", reserved).isEmpty, "\(plainFindings("numbering-gap", reserved))")
        let withoutIt = reserved.replacingOccurrences(of: "ARTICLE 7 - [RESERVED]", with: "")
        #expect(plainFindings("numbering-gap", withoutIt).count == 1, "a real missing article is still reported")
        let table = """
        SERVICES AGREEMENT

        This Services Agreement (the "Agreement") is made between Kronos Systems Inc. ("Supplier") and Fidelity Bank Inc. ("Customer") for the systems listed below.

        1. Licenses. The Supplier grants the licenses listed in the table below for the term of this Agreement.

        Kronos                (1) Workforce Central v4                Kronos                (2) WFC Administration and Support                Kronos                (4) WFC Implementation Workshop                Kronos                (6) Kronos Virtual Classroom Module

        2. Fees. The Customer pays the fees for the licenses within thirty days after each invoice.
        """
        #expect(plainFindings("numbering-gap", table).isEmpty, "quantities in a table: \(plainFindings("numbering-gap", table))")
    }

    @Test func verbFormsCapitalCompanyNamesAndCapitalPluralsAreNotUndefined() {
        let text = """
        COLLABORATION AGREEMENT

        This Collaboration Agreement (the "Agreement") is made between SABCO RACING, INC. ("Team Owner") and Prolong Lubricants Inc. ("Sponsor").

        1. Definitions. The term "Handle" shall mean all activities for the prosecution of a patent. "UPDATE(S)" means any error corrections to the Software. "UPGRADE(S)" means a new release of the Software.

        2. Patents. The Sponsor shall Handle all patents and consult with the Team Owner as to the Handling of such patents. The Team Owner cooperates with the Handling of the patents.

        3. Racing. The Sponsor uses its sponsorship of the Sabco entries for advertising, and the Sabco entries carry its logo.

        4. Software. The Team Owner provides all such Updates and Upgrades free of charge, and the Updates and Upgrades are installed by the Sponsor.

        5. Records. The Sponsor keeps the Racing Logbook, and the Racing Logbook is kept for three years.

        Page 2. Confidential Treatment Requested and the Redacted Material has been filed separately with the Commission.

        6. Notices. Notices are given in writing.

        Page 3. Confidential Treatment Requested and the Redacted Material has been filed separately with the Commission.

        7. Costs. Each party bears its own costs.

        Page 4. Confidential Treatment Requested and the Redacted Material has been filed separately with the Commission.
        """
        let messages = findings("undefined-term", text)
        for term in ["Handling", "Sabco", "Updates and Upgrades", "Redacted Material"] {
            #expect(!mentions(messages, term), "\(term): \(messages)")
        }
        #expect(mentions(messages, "Racing Logbook"), "a real undefined term: \(messages)")
        #expect(!findings("unused-definition", text).contains { $0.contains("UPDATE") || $0.contains("UPGRADE") }, "`\"UPDATE(S)\"` is a definition, used as `Updates`")
    }

    @Test func aPairedNameOrACapitalTwinIsNotUnused() {
        let text = """
        HOSTING AGREEMENT

        This Hosting Agreement (the "Agreement") is made between Quantum Hosting Inc. ("Host") and Harbor Bank Inc. ("Customer").

        1. Definitions. "Direct Access Storage" or "DAS" means data storage devices attached directly to a server. "Marketing Approval" (or "MA") means an approval to sell. Background IP or "Background Technology" means know-how existing before this Agreement. "CONFIDENTIAL INFORMATION" means all non-public information of either party. "Backup Window" means the hours in which backups run.

        2. Storage. The Host provides Direct Access Storage for the servers of the Customer once each Marketing Approval is granted, and keeps its Background IP.

        3. Secrecy. Each party keeps the other's information secret (the "Confidential Information"). Confidential Information is returned at the end of this Agreement.

        4. Other forms. "EBIX CONTENT" means the content of the ebix site. The Host shows ebix Content. The Host may hire agents or affiliates ("Third Parties"); each Third Party is bound by this Agreement. Each party names a chair (the "JDRC Chairpersons"), and the JDRC Chairperson of the Host calls the meetings. "B" shall mean the salary rate, and the fee is A times B. "Host Name and Host Marks" means the names and logos of the Host; the Customer uses no Host Name or Host Mark. The shares are registered under the Securities Act of 1933 (the "1933 Act"), and no filing under the 1933 Act is late.

        SCHEDULE

        "The Location": means the data centre of the Host. The servers stay at the Location.
        """
        let messages = findings("unused-definition", text)
        for term in ["DAS", "MA", "Background Technology"] {
            #expect(!mentions(messages, term), "\(term): the first name of the pair is used: \(messages)")
        }
        #expect(!mentions(messages, "CONFIDENTIAL INFORMATION"), "used in title case: \(messages)")
        for term in ["EBIX CONTENT", "Third Parties", "JDRC Chairpersons", "B", "Host Name and Host Marks", "The Location", "1933 Act"] {
            #expect(!mentions(messages, term), "\(term): used in another form: \(messages)")
        }
        #expect(mentions(messages, "Backup Window"), "really unused: \(messages)")
    }

    @Test func singleQuotesPluralsInIesAndNounsOfDefinedVerbsAreNotUndefined() {
        let text = """
        LICENSE AGREEMENT

        This License Agreement (the "Agreement") is made between Converge Media Inc. ("Licensor") and Fulu Productions Ltd. ("Licensee").

        1. Actions. Each demand, suit or other action ('Claim') is notified at once. The Licensor defends any Claim, and each Claim is settled in writing.

        2. Entities. The Licensee and its affiliates (the "Transaction Entities") sign the deed; each Transaction Entity is bound, and every Transaction Entity pays its share.

        3. Grant. "Distribute" means to broadcast or stream the program. The Licensor controls the Distribution of the program and pays for the Distribution of the program.

        4. Program. The Licensee agrees to perform the activities defined in Annex I which shall be referred to hereinafter as the "Program." With reasonable notice the Licensor may change the activities to be performed in the Program, and the Program runs for two years.

        5. Records. The Licensee keeps the Viewing Logbook, and the Viewing Logbook is kept for three years.
        """
        let messages = findings("undefined-term", text)
        for term in ["Claim", "Transaction Entity", "Distribution"] {
            #expect(!mentions(messages, term), "\(term): \(messages)")
        }
        #expect(mentions(messages, "Viewing Logbook"), "a real undefined term: \(messages)")
    }

    @Test func aDefinitionWithItsCommaInsideTheQuotesAndTheContractItselfAreNotUndefined() {
        let text = """
        SUPPLY CONTRACT

        The buyer: Shenzhen Supply Chain Co., Ltd. The seller: Harbor Trading Ltd. The Contract is concluded and signed by the Buyer and Seller in Hong Kong.

        1. Quality. The seller warrants that the goods comply with the quality stipulated in this Contract, and the buyer inspects them as provided in this Contract.

        2. Offering. "Registration Statement," as used herein, means the registration statement of the seller. The seller files the Registration Statement, and the Registration Statement is amended from time to time.

        3. Records. The seller keeps the Shipping Logbook, and the Shipping Logbook is kept for three years.
        """
        let messages = findings("undefined-term", text)
        for term in ["Contract", "Registration Statement"] {
            #expect(!mentions(messages, term), "\(term): \(messages)")
        }
        #expect(mentions(messages, "Shipping Logbook"), "a real undefined term: \(messages)")
    }

    // MARK: CUAD review 7

    @Test func institutionsLetterCodesOrdinalsSlashNamesAndPaddedJoinersAreNotUndefined() {
        let text = """
        ENDORSEMENT AGREEMENT

        This Endorsement Agreement (the "Agreement") is made between Fairway Clubs Inc. ("Company") and Dana Reyes ("Player").

        2. Bonus. The Player earns a bonus for a win on the Veteran's Tour, and the Veteran's Tour sets the money list. The Player was a member of the Coastal Rugby League, and the Coastal Rugby League names her an ambassador.

        3. Breaches. In the event of any Class A breach, the Company may terminate; any Class B breach is cured in ten days. Periods include the Nth working day and the Nth day.

        4. Groups. The Steering Group acts by its Terms of  Reference contained in Annex 1, and the Steering Group may amend its Terms of  Reference  contained  in Annex 1. The Company registers the joint company with the Registrar of Companies, Delhi, and notifies the Registrar of Companies of any change.

        7. Claims. The Company indemnifies the Player against all costs (collectively, "Losses"); a notice states the nature of such Loss and the amount of the Loss.

        8. Schedules. The Company pays the fee in Part 3 of Exhibit A on the dates in such Part, at the rates in such Part, and the Player follows the Equipment Specifications, identified in Schedule A; the Equipment Specifications may change. The Player renews the Media/Services Schedule, and the Media/Services Schedule lists the services. Oil flows through the pipeline of the Caspian Pipeline Consortium, and the Caspian Pipeline Consortium operates it.

        6. Records. The Player keeps the Travel Logbook, and the Travel Logbook is kept for three years.

        9. Glossary. 9.1. Fan Community shall mean a group of users. 9.2. Banner shall mean a graphic. The Company links each of the Fan Communities, and each of the Fan Communities carries the Banners and Newsletter Ads; all Banners and Newsletter Ads are priced monthly.
        """
        let messages = findings("undefined-term", text)
        for term in ["Fan Communities", "Banners and Newsletter Ads", "Veteran", "Coastal Rugby League", "Class", "Nth", "Terms", "Terms of Reference", "Registrar of Companies", "Loss", "Part", "Equipment Specifications", "Media", "Caspian Pipeline Consortium"] {
            #expect(!mentions(messages, term), "\(term): \(messages)")
        }
        #expect(mentions(messages, "Travel Logbook"), "a real undefined term: \(messages)")
    }

    @Test func anAnnouncedUseAfterACapitalAndARunInHeadingWithAColonAreNotUsesBefore() {
        let text = """
        DEVELOPMENT AGREEMENT

        This Development Agreement (the "Agreement") is made between Alloy Works Inc. ("Company") and Brightline Ltd. ("Developer").

        1. Field. The Field excludes: a. Any Wearable Devices (as defined below) or any parts for use with any Wearable Devices. For this purpose, "Wearable Devices" means watches and bands.

        2. Remedies. On a default the Company may act as follows:   b) Return of the Tools: the Developer shall return all tools at once. In any case under this Clause 2 b) ("Return of the Tools"), the Company pays the freight.

        3. Reports. The Developer reports on each Milestone Review. A meeting held at each stage (a "Milestone Review") closes the stage.
        """
        let messages = findings("used-before-definition", text)
        for term in ["Wearable Devices", "Return of the Tools"] {
            #expect(!mentions(messages, term), "\(term): \(messages)")
        }
        #expect(mentions(messages, "Milestone Review"), "a real use before the definition: \(messages)")
    }

    @Test func aListItemAfterASemicolonIsASection() {
        let text = """
        FRANCHISE AGREEMENT This Franchise Agreement ("Agreement") is made between Harbor Hotels Inc. ("Franchisor") and Bay Lodging LLC ("Franchisee").

        5. Obligations.

        5.1 Covenants. The Franchisee shall:   5.1.1 operate the hotel;   5.1.2 keep the standards;   5.1.3 not become a competitor.

        14. Default. The Franchisor may terminate if the Franchisee breaches Subsection 5.1.3 or Subsection 5.1.2, or fails to pay under Section 9.
        """
        let messages = findings("broken-cross-reference", text)
        #expect(!messages.contains { $0.contains("5.1.3") || $0.contains("5.1.2") }, "\(messages)")
        #expect(messages.contains { $0.contains("section 9") }, "a reference to a missing section is still reported: \(messages)")
    }

    @Test func anotherDocumentsAttachmentAndAPlaceholderAreNotMissing() {
        let text = """
        AGENCY AGREEMENT This Agency Agreement ("Agreement") is made between Kestrel Inc. ("Company") and Lumen Ltd. ("Agent").

        1. Subsidiaries. The subsidiaries are those listed in Exhibit 21 to the Registration Statement, and the subsidiaries not listed on Exhibit 21 but listed on Schedule A hereto.

        2. Holders. The holders are the trusts listed on Schedule A thereto and the holders listed on Schedule B thereto.

        3. Work. This Agreement, Schedule A and the statements of work added as Appendix A-x (where x is the number of the statement) are the whole agreement. Prices are set out in Exhibit C.

        SCHEDULE A

        Subsidiaries.
        """
        let messages = findings("missing-attachment", text)
        for label in ["Exhibit 21", "Schedule B", "Appendix A-x"] {
            #expect(!messages.contains { $0.contains("'\(label)'") }, "\(label): \(messages)")
        }
        #expect(messages.contains { $0.contains("'Exhibit C'") }, "a missing attachment is still reported: \(messages)")
    }

    @Test func anInlineEnumerationIsNotAMixedScheme() {
        let text = """
        SUPPLY AGREEMENT

        This Supply Agreement (the "Agreement") is made between Vayar Ltd. ("Supplier") and Indeliving Inc. ("Buyer").

        1. DEFINITIONS

        a) "Affiliate" means an entity that (a) owns half of the shares of a Party; (b) controls a Party; or (c) is under common control with a Party.

        b) "Products" means the goods in the order. Each Affiliate may buy Products.

        2. WARRANTIES

        (a) The Supplier warrants title to the Products.

        (b) The Supplier warrants quality.

        c) The Supplier warrants delivery.
        """
        let mixed = plainFindings("numbering-mixed-scheme", text)
        #expect(!mixed.contains { $0.contains("'(b)'") }, "\(mixed)")
        #expect(mixed.contains { $0.contains("'c)'") }, "a real switch of scheme is still reported: \(mixed)")
    }

    // MARK: CUAD review 8

    @Test func charterDocumentsAndTermsLocatedInAnAttachmentAreNotUndefined() {
        let text = """
        SERVICES AGREEMENT

        This Services Agreement (the "Agreement") is made between Harbor Cloud Ltd. ("Provider") and Lantern Foods Inc. ("Client").

        1. Governance. The Client amends its Bylaws only after notice, and the Bylaws bind the Client. The Provider delivers its Franchise Disclosure Document, and the Franchise Disclosure Document is updated yearly. The budget goes to the General Meeting, and the General Meeting meets once a year.

        2. Assets. The Provider updates the Asset Ledger monthly. The Provider keeps all the servers as listed in the Asset Ledger and contained in Schedule A.

        4. Parties. The Provider notifies each Backup Host, and the Provider may appoint any Backup Host (as defined in the Hosting Addendum). The Provider runs the Data Bridge daily. The Provider builds a gateway (hereafter the        Data Bridge); the Data Bridge carries the traffic.

        3. Records. The Provider keeps the Travel Logbook, and the Travel Logbook is kept for three years. The Provider keeps the Pickup Roster, and the Pickup Roster is kept for a year.

        Schedule A:

        Hardware List   Rack 1   Rack 2

        Schedule B Sample Pickup Roster Forms
        """
        let messages = findings("undefined-term", text)
        for term in ["Bylaws", "Franchise Disclosure Document", "General Meeting", "Asset Ledger", "Backup Host", "Data Bridge"] {
            #expect(!mentions(messages, term), "\(term): \(messages)")
        }
        #expect(mentions(messages, "Travel Logbook"), "a real undefined term: \(messages)")
        #expect(mentions(messages, "Pickup Roster"), "an attachment title that names something else: \(messages)")
    }

    @Test func aTermInAnAttachmentTitleCountsAsPlacedThere() {
        let text = """
        SUPPLY AGREEMENT

        This Supply Agreement (the "Agreement") is made between Harbor Cloud Ltd. ("Supplier") and Lantern Foods Inc. ("Buyer").

        1. Parts. The Supplier ships each part on the Parts Catalogue, and the Parts Catalogue may change each quarter.

        EXHIBIT C - Parts Catalogue

        Bolt   Nut   Washer
        """
        let messages = findings("undefined-term", text)
        #expect(!mentions(messages, "Parts Catalogue"), "\(messages)")
    }

    /// Looking for another form of an unused term reads the whole text, so it is bounded per
    /// document (`DefinedTermsCheck.maximumOtherFormSearches`): within the bound a plural
    /// definition used in the singular is not reported; past it the definition is reported.
    @Test func otherFormsOfUnusedTermsAreLookedForWithinABound() {
        let bound = DefinedTermsCheck.maximumOtherFormSearches
        let definitions = (0..<(bound + 5)).map { number in
            let name = "Widget" + String(UnicodeScalar(UInt8(65 + number / 26 % 26))) + String(UnicodeScalar(UInt8(65 + number % 26))) + "x\(number / 676)"
            return "(\(number)) \"\(name)s\" means the widgets of kind \(number). Each \(name) is delivered."
        }
        let text = "SUPPLY AGREEMENT between A and B.\n1. Definitions.\n" + definitions.joined(separator: "\n") + "\n2. Law. The laws of Delaware govern.\n"
        let messages = findings("unused-definition", text)
        #expect(messages.count == 5, "only the definitions past the bound: \(messages.count)")
    }
}
