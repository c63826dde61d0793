import ClauseModel

/// `kind: lexicon` — words and phrases (whole-word, case-insensitive) with exception phrases
/// and a suggestion per term: the vague-term lists.
///
/// All lexicon rules are compiled into one `PhrasePatternSet`, so a document is scanned once
/// for every term of every lexicon rule. A match inside an exception phrase ("material breach"
/// for `material`) is dropped; a match inside a longer match ("reasonable" inside
/// "commercially reasonable efforts") is dropped in favour of the longer one.
enum LexiconKind {
    static let entry = RuleKindEntry(
        name: "lexicon",
        summary: "Flags words and phrases (whole-word, case-insensitive), each with its own suggestion; exception phrases keep idioms and terms of art clean.",
        parameters: [
            ("terms", "List of terms: a string, or a mapping with `term`, optional `suggestion`, `message` and `exceptions`. A term may offer alternatives: `as soon as (practicable|possible)`."),
            ("exceptions", "Phrases in which a term is not flagged, for every term of the rule (e.g. `material breach`)."),
            ("message", "Message template; `{term}` is the matched text. Default: `Vague term '{term}'`."),
            ("skip_defined_terms", "When true, a term the contract defines (it appears in quotes, as in `\"Commercially Reasonable Efforts\" means …`) is not flagged: the definition is the fix."),
        ],
        compile: { rules, _ in [try LexiconCheck(rules: rules)] }
    )
}

struct LexiconCheck: RuleCheck {
    struct Term: Sendable {
        var ruleIndex: Int
        var suggestion: String?
        var message: MessageTemplate?
    }

    struct Exception: Sendable {
        var ruleIndex: Int
        /// nil: applies to every term of the rule.
        var termIndex: Int?
    }

    let rules: [Rule]
    let skipDefinedTerms: [Bool]
    let messages: [MessageTemplate]
    let terms: [Term]
    let exceptions: [Exception]
    let matcher: PhrasePatternSet
    /// Terms (owner = term index) then exceptions (owner = term count + exception index).
    let patterns: [(text: String, owner: Int)]

    init(rules: [Rule]) throws {
        var terms: [Term] = []
        var exceptions: [Exception] = []
        var termPatterns: [(String, Int)] = []
        var exceptionPatterns: [String] = []
        var messages: [MessageTemplate] = []

        func checkPattern(_ text: String, _ value: YAMLValue, rule: Rule) throws {
            if text.contains("...") { throw value.error("lexicon terms of rule '\(rule.id)' cannot use '...' gaps (use kind: pattern)") }
            do { _ = try PhrasePatternSet.expand(text) } catch { throw value.error("bad term in rule '\(rule.id)': \(error.description)") }
        }

        for (ruleIndex, rule) in rules.enumerated() {
            messages.append(MessageTemplate(try rule.parameter("message")?.string("message") ?? "Vague term '{term}'"))
            let termList = try rule.requiredParameter("terms").list("terms")
            if termList.isEmpty { throw rule.parameters.value.error("rule '\(rule.id)' has no terms") }
            for value in termList {
                let termIndex = terms.count
                if case .mapping = value.content {
                    let map = try value.mapping("a term")
                    try map.rejectUnknownKeys(allowed: ["term", "suggestion", "message", "exceptions"], in: "a term of rule '\(rule.id)'")
                    let termValue = try map.required("term", in: "a term of rule '\(rule.id)'")
                    let text = try termValue.string("term")
                    try checkPattern(text, termValue, rule: rule)
                    terms.append(Term(ruleIndex: ruleIndex, suggestion: try map["suggestion"]?.string("suggestion"), message: (try map["message"]?.string("message")).map { MessageTemplate($0) }))
                    termPatterns.append((text, termIndex))
                    for exception in try map["exceptions"]?.list("exceptions") ?? [] {
                        let phrase = try exception.string("an exception")
                        try checkPattern(phrase, exception, rule: rule)
                        exceptions.append(Exception(ruleIndex: ruleIndex, termIndex: termIndex))
                        exceptionPatterns.append(phrase)
                    }
                } else {
                    let text = try value.string("a term")
                    try checkPattern(text, value, rule: rule)
                    terms.append(Term(ruleIndex: ruleIndex))
                    termPatterns.append((text, termIndex))
                }
            }
            for exception in try rule.parameter("exceptions")?.list("exceptions") ?? [] {
                let phrase = try exception.string("an exception")
                try checkPattern(phrase, exception, rule: rule)
                exceptions.append(Exception(ruleIndex: ruleIndex, termIndex: nil))
                exceptionPatterns.append(phrase)
            }
        }
        // Owners: terms first, then exceptions (offset by the number of terms).
        let all = termPatterns + exceptionPatterns.enumerated().map { ($0.element, terms.count + $0.offset) }
        self.patterns = all.map { (text: $0.0, owner: $0.1) }
        self.matcher = try PhrasePatternSet(patterns: self.patterns, maxGap: 0)
        self.rules = rules
        self.skipDefinedTerms = try rules.map { try $0.parameter("skip_defined_terms")?.bool("skip_defined_terms") ?? false }
        self.messages = messages
        self.terms = terms
        self.exceptions = exceptions
    }

    /// Exception phrases longer than this (bytes, as written in the text) are not looked back for.
    static let longestException = 400

    var scanPatterns: [(text: String, owner: Int)] { patterns }

    func findings(in context: RuleContext) -> [Finding] {
        findings(in: context, scan: matcher.matches(in: context.bytes, skipping: context.document.nonProseRanges))
    }

    func findings(in context: RuleContext, scan matches: [PhrasePatternSet.Match]) -> [Finding] {
        var termMatches: [PhrasePatternSet.Match] = []
        var exceptionMatches: [(Exception, Range<Int>)] = []
        for match in matches {
            if match.owner < terms.count {
                termMatches.append(match)
            } else {
                exceptionMatches.append((exceptions[match.owner - terms.count], match.range))
            }
        }
        // Longest first, so contained shorter matches can be dropped.
        termMatches.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
        var findings: [Finding] = []
        var coveredUntil = -1
        var definedPhrases: Set<String>? = nil   // computed only when a rule needs it
        for match in termMatches {
            if match.range.upperBound <= coveredUntil { continue }   // inside a longer match
            let term = terms[match.owner]
            // Exceptions are sorted by start: only those starting at or before the match can cover it,
            // and an exception phrase is short, so look back over a bounded stretch.
            var excused = false
            var low = 0, high = exceptionMatches.count
            while low < high {
                let mid = (low + high) / 2
                if exceptionMatches[mid].1.lowerBound <= match.range.lowerBound { low = mid + 1 } else { high = mid }
            }
            var candidate = low - 1
            while candidate >= 0, match.range.lowerBound - exceptionMatches[candidate].1.lowerBound <= Self.longestException {
                let (exception, range) = exceptionMatches[candidate]
                if exception.ruleIndex == term.ruleIndex && (exception.termIndex == nil || exception.termIndex == match.owner)
                    && match.range.upperBound <= range.upperBound {
                    excused = true
                    break
                }
                candidate -= 1
            }
            if excused { continue }
            let matched = context.document.lines.text(match.range)
            coveredUntil = max(coveredUntil, match.range.upperBound)   // a defined term also covers the words inside it
            if skipDefinedTerms[term.ruleIndex] {
                if definedPhrases == nil { definedPhrases = Self.quotedPhrases(context.bytes) }
                if definedPhrases!.contains(Self.normalised(matched)) { continue }
            }
            let rule = rules[term.ruleIndex]
            let template = term.message ?? messages[term.ruleIndex]
            let message = template.render(["term": matched])
            findings.append(context.finding(rule: rule, range: match.range, message: message, suggestion: term.suggestion ?? rule.suggestion))
        }
        return findings
    }

    /// Phrases the contract puts in quotes (straight or curly), lower-cased with single spaces:
    /// how contracts define terms ("Commercially Reasonable Efforts" means …; the "Territory").
    static func quotedPhrases(_ bytes: [UInt8]) -> Set<String> {
        var phrases = Set<String>()
        var index = 0
        while index < bytes.count {
            var openLength = 0
            if bytes[index] == 0x22 { openLength = 1 } else if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C { openLength = 3 }
            guard openLength > 0 else { index += 1; continue }
            let start = index + openLength
            var end = start
            while end < bytes.count, end - start <= 80, bytes[end] != 0x22, bytes[end] != 0x0A || (end + 1 < bytes.count && bytes[end + 1] != 0x0A) {
                if bytes[end] == 0xE2, end + 2 < bytes.count, bytes[end + 1] == 0x80, bytes[end + 2] == 0x9D { break }
                end += 1
            }
            if end < bytes.count, end - start <= 80, end > start {
                phrases.insert(normalised(String(decoding: bytes[start..<end], as: UTF8.self)))
                index = end + 1
            } else {
                index = start
            }
        }
        return phrases
    }

    static func normalised(_ text: String) -> String {
        String(decoding: PhraseAutomaton.normalisedBytes(text), as: UTF8.self)
    }
}
