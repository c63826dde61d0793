import ClauseModel
import Testing
@testable import ClauseRules

/// Every rule's documentation is also its test: each flagged example must produce exactly the
/// marked findings (position, not just presence), each clean example none.
@Suite struct RuleExampleTests {
    /// Kinds whose findings a later stage makes (contested-section needs a dispute register)
    /// have their examples checked by that stage's tests.
    static let rules = defaultRuleSet.rules.filter { RuleKindRegistry.entry(named: $0.kind)?.findingsMadeOutsideLinter != true }

    @Test(arguments: rules.map(\.id))
    func flaggedExamplesFireAtTheMarkedPlace(ruleID: String) throws {
        let rule = try #require(defaultRuleSet.rule(withID: ruleID))
        for example in rule.flaggedExamples {
            let findings = lint(example.text).findings.filter { $0.ruleID == rule.id }
            let where_ = "\(rule.path):\(example.line)"
            #expect(findings.count == example.markedSpans.count + example.markedStarts.count,
                    "\(where_): expected \(example.markedSpans.count + example.markedStarts.count) finding(s), got \(findings.map { "\($0.span.startOffset)..<\($0.span.endOffset) '\($0.matchedText)'" })")
            for span in example.markedSpans {
                #expect(findings.contains { $0.span.startOffset == span.lowerBound && $0.span.endOffset == span.upperBound },
                        "\(where_): no finding covers exactly the marked '\(String(decoding: Array(example.text.utf8)[span], as: UTF8.self))'; got \(findings.map { "'\($0.matchedText)'@\($0.span.startOffset)" })")
            }
            for start in example.markedStarts {
                #expect(findings.contains { $0.span.startOffset == start },
                        "\(where_): no finding starts at the ↓ (offset \(start)); got \(findings.map { "\($0.span.startOffset): \($0.message)" })")
            }
        }
    }

    @Test(arguments: rules.map(\.id))
    func cleanExamplesStayClean(ruleID: String) throws {
        let rule = try #require(defaultRuleSet.rule(withID: ruleID))
        for example in rule.cleanExamples {
            let findings = lint(example.text).findings.filter { $0.ruleID == rule.id }
            #expect(findings.isEmpty, "\(rule.path):\(example.line): clean example flagged: \(findings.map { "'\($0.matchedText)': \($0.message)" })")
        }
    }

    @Test func everyRuleIsDocumentedWithExamples() {
        for rule in Self.rules {
            #expect(!rule.flaggedExamples.isEmpty, "\(rule.path):\(rule.line): rule '\(rule.id)' has no flagged example")
            #expect(!rule.cleanExamples.isEmpty, "\(rule.path):\(rule.line): rule '\(rule.id)' has no clean example")
            #expect(rule.explanation.count >= 80, "\(rule.path):\(rule.line): rule '\(rule.id)' needs an explanation of the dispute it invites")
            #expect(rule.suggestion.count >= 20, "\(rule.path):\(rule.line): rule '\(rule.id)' needs a suggestion")
            #expect(!rule.summary.isEmpty)
            for example in rule.flaggedExamples {
                #expect(!example.markedSpans.isEmpty || !example.markedStarts.isEmpty, "\(rule.path):\(example.line): flagged example without a [[…]] or ↓ marker")
            }
        }
    }

    /// Each vague term, and each of its alternatives, fires on its own in a sentence, with its
    /// own suggestion; so a term added to a list cannot be silently dead.
    @Test func everyLexiconTermFiresWithItsSuggestion() throws {
        for rule in Self.rules where rule.kind == "lexicon" {
            for item in try rule.requiredParameter("terms").list("terms") {
                var term: String
                var suggestion: String? = nil
                if case .mapping = item.content {
                    let map = try item.mapping("term")
                    term = try map.required("term", in: "term").string("term")
                    suggestion = try map["suggestion"]?.string("suggestion")
                } else {
                    term = try item.string("term")
                }
                for alternative in try PhrasePatternSet.expand(term) {
                    var phrase = alternative
                    if phrase.hasSuffix("*") { phrase = String(phrase.dropLast()) + "0" }
                    let text = "The Supplier shall act \(phrase) under this Agreement."
                    let findings = lint(text).findings.filter { $0.ruleID == rule.id }
                    #expect(findings.count == 1, "\(rule.path):\(item.line): term '\(alternative)' of \(rule.id) did not fire once in '\(text)': \(findings.map(\.matchedText))")
                    if let suggestion { #expect(findings.first?.suggestion == suggestion) }
                }
            }
        }
    }

    @Test func defaultRulesCoverWhatAReviewerChecksFirst() throws {
        let ids = Set(Self.rules.map(\.id))
        for required in ["missing-dispute-resolution", "missing-governing-law", "dispute-resolution-forum", "dispute-escalation-timeline",
                         "missing-refund-clause", "missing-cancellation-clause", "breach-without-cure-period", "unfilled-placeholder",
                         "placeholder-tbd", "number-mismatch", "vague-timing", "vague-effort", "vague-standard", "and-or",
                         "commission-calculation", "commission-payment-timing", "amendment-not-in-writing"] {
            #expect(ids.contains(required), "missing default rule \(required)")
        }
        var termCount = 0
        for rule in Self.rules where rule.kind == "lexicon" {
            termCount += try rule.requiredParameter("terms").list("terms").count
        }
        #expect(termCount >= 40, "only \(termCount) vague terms")
    }
}
