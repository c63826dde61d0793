import ClauseModel
import Foundation
import Testing
@testable import ClauseParsing

/// The 13 real Markdown terms in ../shared/corpora/markdown: none fails, invariants hold,
/// and the outlines are what a reviewer expects.
@Suite struct MarkdownCorpusTests {
    static let folder = FormatTestSupport.corpus("markdown")

    @Test func everyFileParsesWithInvariants() throws {
        guard let folder = Self.folder else {
            print("skipped: ../shared/corpora/markdown is absent")
            return
        }
        let (files, diagnostics) = ContractFiles.collect([folder])
        #expect(files.count == 13)
        #expect(diagnostics.isEmpty)
        for file in files {
            let document = try FormatTestSupport.load(file)
            #expect(ClauseTreeInvariants.violations(in: document) == [], "\(file)")
            #expect(document.clauses.count >= 2, "\(file) has a structure")
            #expect(document.warnings.isEmpty)
            // Front matter is markup, never a clause.
            if document.text.hasPrefix("---\n") {
                #expect(document.nonProseRanges.first?.lowerBound == 0, "\(file)")
                #expect(document.clauses.allSatisfy { $0.span.startOffset >= document.nonProseRanges[0].upperBound }, "\(file)")
            }
        }
    }

    @Test func githubCorporateTermsHaveLetteredSectionsWithNumberedSubsections() throws {
        guard let folder = Self.folder else { return }
        let document = try FormatTestSupport.load(folder + "/github-corporate-terms-of-service.md")
        let letters = document.clauses.filter { $0.number?.count == 2 }.map(\.id)
        #expect(letters == ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"])
        let definitions = try #require(document.clause(withID: "A"))
        #expect(definitions.heading == "Definitions")
        #expect(definitions.children.count == 32)
        #expect(definitions.children.allSatisfy { $0.kind == .definition })
        #expect(definitions.children.first?.heading == "Affiliate")
        let account = try #require(document.clause(withID: "B"))
        #expect(account.children.map(\.id) == ["B.1", "B.2", "B.3", "B.4", "B.5", "B.6"])
        #expect(account.children.first?.heading == "Account Controls")
        #expect(account.children.first?.span.startLine == 92)
        let termination = try #require(document.clause(withID: "K.2"))
        #expect(termination.heading == "Termination for Convenience; Account Cancellation")
        #expect(document.text(of: termination).hasPrefix("### 2. Termination for Convenience"))
    }

    @Test func commonPaperNDAIsAnOrderedListWithRunInTitles() throws {
        guard let folder = Self.folder else { return }
        let document = try FormatTestSupport.load(folder + "/commonpaper-mutual-nda.md")
        #expect(document.clauses.first?.kind == .title)
        let sections = document.clauses.dropFirst()
        #expect(sections.map(\.id) == (1...11).map(String.init))
        #expect(sections.first?.heading == "Introduction")
        #expect(sections.last?.heading == "General")
        #expect(document.clause(withID: "9")?.heading == "Governing Law and Jurisdiction")
    }

    @Test func addendumWithCompoundLabels() throws {
        guard let folder = Self.folder else { return }
        let document = try FormatTestSupport.load(folder + "/github-marketplace-developer-agreement.md")
        let addendum = try #require(document.clause(withID: "addendum-1"))
        #expect(addendum.kind == .schedule)
        #expect(addendum.heading == "Data Protection Addendum")
        #expect(addendum.children.map(\.number) == (1...8).map { "A1-\($0)." })
        #expect(addendum.children.first?.heading == "Purpose and Scope")
        #expect(document.clauses.filter { $0.number != nil }.map(\.id) == (1...19).map(String.init) + ["addendum-1"])
    }

    @Test func lazyNumberedListsAreNumberedAsRendered() throws {
        guard let folder = Self.folder else { return }
        let document = try FormatTestSupport.load(folder + "/github-registered-developer-agreement.md")
        let numbered = document.clauses.filter { $0.number != nil }
        #expect(numbered.map(\.id) == (1...22).map(String.init))
        #expect(numbered[1].heading == "Program Terms")
    }
}
