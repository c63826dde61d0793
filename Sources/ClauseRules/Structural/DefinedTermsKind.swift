import ClauseModel

/// `kind: defined-terms` — definitions and their uses: a capitalised term used as a defined
/// term but never defined, a term defined but never used, defined twice, used before its
/// definition. All rules of the kind share one analysis per document.
enum DefinedTermsKind {
    static let checks = ["undefined", "unused", "duplicate", "used-before-definition"]

    static let entry = RuleKindEntry(
        name: "defined-terms",
        summary: "Checks defined terms: used but never defined, defined but never used, defined twice (with both places), used before the definition.",
        parameters: [
            ("check", "One of `undefined`, `unused`, `duplicate`, `used-before-definition`."),
            ("min_uses", "For `undefined`: how often a capitalised phrase must be used like a defined term (after `the`, `such`, `any`, …) before it is reported (default 2)."),
            ("message", "Message template; `{term}` is the term, `{count}` its uses, `{line}` the line of the other definition."),
        ],
        compile: { rules, _ in [try DefinedTermsCheck(rules: rules)] }
    )
}

struct DefinedTermsCheck: RuleCheck {
    struct Compiled {
        var rule: Rule
        var check: String
        var message: MessageTemplate?
    }

    let rules: [Compiled]
    let minimumUses: Int
    /// Unused definitions per document whose other forms (singular, other case, paired name) are
    /// looked for in the whole text; CUAD's contracts have far fewer unused definitions.
    static let maximumOtherFormSearches = 300

    init(rules: [Rule]) throws {
        var compiled: [Compiled] = []
        var minimum = 2
        for rule in rules {
            let check = try structuralCheckName(rule, allowed: DefinedTermsKind.checks)
            if let value = rule.parameter("min_uses") {
                minimum = try value.int("min_uses")
                guard minimum >= 1 else { throw value.error("min_uses must be at least 1") }
            }
            compiled.append(Compiled(rule: rule, check: check, message: try rule.parameter("message").map { MessageTemplate(try $0.string("message")) }))
        }
        self.rules = compiled
        minimumUses = minimum
    }

    var definedTermsMinimumUses: Int? { minimumUses }

    /// A definition in a sentence that names parties or another agreement ("… between X ("Kallo")
    /// and …", "… dated May 5, 1998 ("Agreement")").
    static func isPreambleStyle(_ offset: Int, _ bytes: [UInt8]) -> Bool {
        let start = StructuralText.sentenceStart(bytes, before: offset, limit: 240)
        let window = String(decoding: bytes[start..<offset].map(StructuralText.lower), as: UTF8.self)
        return window.containsBytes(" between ") || window.containsBytes("entered into") || window.containsBytes("by and among") || window.containsBytes(" dated ") || window.containsBytes(" corporation")
            || window.containsBytes(" inc.") || window.containsBytes(" llc") || window.containsBytes(" ltd")
    }

    /// The sentence around `offset` (also after it: `THIS AGREEMENT ("Agreement") is made … by
    /// and among …`) names parties.
    static func namesParties(_ offset: Int, _ bytes: [UInt8]) -> Bool {
        if isPreambleStyle(offset, bytes) { return true }
        let window = String(decoding: bytes[offset..<min(bytes.count, offset + 300)].map(StructuralText.lower), as: UTF8.self)
        return window.containsBytes(" between ") || window.containsBytes("by and among") || window.containsBytes("entered into") || window.containsBytes("made as of")
    }

    /// Three "means" definitions within this many bytes either side make a definitions list.
    static let definitionsListSpan = 1500

    /// How far before a clause-scoped definition (`In this Clause 5.4, …`) a use may lie when the
    /// clause tree does not tell which clause holds both (plain text from PDF).
    static let maximumScopedDistance = 3000

    /// The clause a scoped definition covers: the parent of the clause holding it (`Article 5`
    /// for a definition in 5(e)), or that clause itself at the top level.
    static func scopeClause(of offset: Int, in document: Document) -> Range<Int>? {
        let path = document.clausePath(containing: offset)
        guard let innermost = path.last else { return nil }
        let scope = (path.count >= 2 ? path[path.count - 2] : innermost).span.byteRange
        // A clause of a coarse tree (PDF text) can hold half the contract: no scope then.
        return scope.count <= 4 * maximumScopedDistance ? scope : nil
    }

    /// `For purposes of this Section`, `In this Clause 5.4,`, `As used in this Article` shortly
    /// before a definition: the term is defined for that clause only.
    static func isScopedDefinition(_ offset: Int, _ bytes: [UInt8]) -> Bool {
        let window = String(decoding: bytes[max(0, offset - 160)..<offset].map(StructuralText.lower), as: UTF8.self)
        guard window.containsBytes(" this ") else { return false }
        return scopePhrases.contains { window.containsBytes($0) }
    }

    static let scopePhrases = ["purposes of this ", "purpose of this ", "used in this ", "in this clause", "in this section", "in this article", "in this paragraph",
                               "in this exhibit", "in this schedule", "in this item", "in this annex", "in this appendix"]

    /// The most bytes between two definitions of a term that still read as one definition
    /// restated (about two lines of text).
    static let maximumRestatementGap = 200

    /// A second definition that does not compete with the first: a verb or noun form
    /// (`When used as a verb, "Develop" means …`), a party's own term (`SutroVax's "Senior
    /// Management"`), a table-of-contents line (`SECTION 24.0 … ("I/T") …… Page 37`), the title
    /// line and the preamble both naming the agreement, one definition said twice in one breath,
    /// or an abbreviation spelled out the same way again (`Retail Store Solutions ("RS")`).
    static func isRestatement(_ earlier: DefinedTerm, _ later: DefinedTerm, _ bytes: [UInt8]) -> Bool {
        for definition in [earlier, later] {
            let start = StructuralText.sentenceStart(bytes, before: definition.range.lowerBound, limit: 200)
            let lead = String(decoding: bytes[start..<definition.range.lowerBound].map(StructuralText.lower), as: UTF8.self)
            if lead.containsBytes("as a verb") || lead.containsBytes("as a noun") { return true }
            var quote = definition.range.lowerBound - 1
            while quote > 0, bytes[quote] != 0x20, definition.range.lowerBound - quote < 5 { quote -= 1 }
            if quote >= 2, bytes[quote] == 0x20, bytes[quote - 1] == 0x73, bytes[quote - 2] == 0x27 || bytes[quote - 2] == 0x99 { return true }   // 's or ’s
            if isTableOfContentsLine(definition.range.lowerBound, bytes) { return true }
            // `"Subscribers" includes "Recurring Subscribers"`: widens the definition, does not replace it.
            if extendsDefinition(definition, bytes) { return true }
            // `POLSKA SP ZO.O (the "Franchisee")` above `By: …`: a signature block naming the party again.
            if isInSignatureBlock(definition.range.upperBound, bytes) { return true }
            // `"Agreement" means this Supply Agreement …`, `"Agreement" means the Basic Provisions, these
            // Additional Provisions and the Exhibits`: the preamble's "Agreement" restated.
            if ["Agreement", "Contract"].contains(definition.term), definition.form == .means { return true }
        }
        // `"Credit Note"   "Credit Note" Means …`: a table cell printed twice by PDF extraction.
        if later.range.lowerBound >= earlier.range.upperBound, later.range.lowerBound - earlier.range.upperBound <= 12,
           bytes[earlier.range.upperBound..<later.range.lowerBound].allSatisfy({ $0 == 0x20 || $0 == 0x22 || $0 == 0x2A || $0 >= 0x80 }) { return true }
        // The same "means" definition word for word a few lines on: a page printed twice (with its
        // page header between), not a second definition.
        if earlier.form == .means, later.form == .means, earlier.meaning == later.meaning, !earlier.meaning.isEmpty,
           later.range.lowerBound - earlier.range.upperBound <= 3 * maximumRestatementGap { return true }
        // `Supplier (an "Indemnifier") indemnifies …` and `Customer (an "Indemnifier") shall …`: with
        // an indefinite article each parenthetical names one more member of a class, it does not
        // redefine the term.
        if earlier.form == .parenthetical, later.form == .parenthetical, isIndefiniteLabel(earlier, bytes), isIndefiniteLabel(later, bytes) { return true }
        // `… a general manager ("General Manager"). The term "General Manager" means …`, `"Transfer
        // Taxes" means all … taxes ("Transfer Taxes")`: one definition said twice in one breath.
        // (Two "means" side by side are two meanings, and stay reported.)
        if later.range.lowerBound - earlier.range.upperBound <= maximumRestatementGap,
           Set([earlier.form, later.form]) == [.parenthetical, .means] { return true }
        if earlier.range.lowerBound < 4000, later.range.lowerBound < 4000, earlier.form == .parenthetical, later.form == .parenthetical,
           ["Agreement", "Contract", "Amendment"].contains(earlier.term) { return true }
        if earlier.form == .parenthetical, later.form == .parenthetical, earlier.term.utf8.allSatisfy({ !StructuralText.isLower($0) }),
           let first = spelledOut(earlier, bytes), first == spelledOut(later, bytes) { return true }
        // A recital's `hypoxia inducible factor ("HIF")` and the list's `"HIF" shall mean hypoxia
        // inducible factor`; a preamble's party and `"Issuer" means HealthCare Capital Corp.`.
        for (parenthetical, means) in [(earlier, later), (later, earlier)] where parenthetical.form == .parenthetical && means.form == .means {
            if parenthetical.term.utf8.allSatisfy({ !StructuralText.isLower($0) }), let word = spelledOut(parenthetical, bytes), word.utf8.count >= 3,
               means.meaning.containsBytes(word) { return true }
            let entity = String(means.meaning.prefix { $0 != ";" && $0 != "\"" }).trimmingCharacters(" .;,")
            if entity.utf8.count < 80, [" corp", " inc", " limited", " llc", " ltd", " company", " l.p"].contains(where: { entity.hasSuffix($0) || entity.hasSuffix($0 + ".") }) { return true }
        }
        return false
    }

    /// `"Term" includes …` / `shall include …` / `shall also include …` / `does not include …`
    /// right after the term: a definition widened or narrowed, not replaced.
    static func extendsDefinition(_ definition: DefinedTerm, _ bytes: [UInt8]) -> Bool {
        var after = definition.range.upperBound
        while after < bytes.count, bytes[after] == 0x22 || bytes[after] == 0x20 || bytes[after] >= 0x80 || bytes[after] == 0x2A { after += 1 }
        let window = String(decoding: bytes[after..<min(bytes.count, after + 24)].map(StructuralText.lower), as: UTF8.self)
        return ["includes", "shall include", "include ", "shall also include", "also includes", "does not include", "shall not include", "excludes", "shall exclude"]
            .contains { window.hasPrefix($0) }
    }

    /// `(an "Indemnifier")`, `(each, an "Indemnified Party")`, `(each a "Purchase Order")`: a
    /// parenthetical that labels one instance of a class with an indefinite article.
    static func isIndefiniteLabel(_ definition: DefinedTerm, _ bytes: [UInt8]) -> Bool {
        var index = definition.range.lowerBound
        let floor = max(0, index - 24)
        while index > floor, bytes[index - 1] != 0x28 { index -= 1 }
        guard index > floor, bytes[index - 1] == 0x28 else { return false }
        let lead = String(decoding: bytes[index..<definition.range.lowerBound].map(StructuralText.lower), as: UTF8.self)
        let words = lead.split { $0 == " " || $0 == "," || $0 == "\"" || !$0.isASCII }
        return !words.isEmpty && words.allSatisfy { $0 == "each" || $0 == "a" || $0 == "an" } && words.contains { $0 == "a" || $0 == "an" }
    }

    /// A line beginning `By:` within a few lines after `offset`.
    static func isInSignatureBlock(_ offset: Int, _ bytes: [UInt8]) -> Bool {
        var index = offset
        let limit = min(bytes.count, offset + 250)
        while index + 3 < limit {
            if bytes[index] == 0x0A {
                var start = index + 1
                while start < limit, bytes[start] == 0x20 { start += 1 }
                if start + 3 < bytes.count, bytes[start] == 0x42, bytes[start + 1] == 0x79, bytes[start + 2] == 0x3A { return true }
            }
            index += 1
        }
        return false
    }

    /// A line with a dot leader (`…… Page 37`): a table-of-contents entry.
    static func isTableOfContentsLine(_ offset: Int, _ bytes: [UInt8]) -> Bool {
        var end = offset
        var dots = 0
        while end < bytes.count, bytes[end] != 0x0A, end - offset < 300 {
            dots = bytes[end] == 0x2E ? dots + 1 : 0
            if dots >= 5 { return true }
            end += 1
        }
        return false
    }

    /// The word before an abbreviation's parenthesis (`Solutions` of `Retail Store Solutions
    /// ("RS")`), lower-cased: the same last word spells out the same thing (`Securities Exchange
    /// Commission` and `Securities and Exchange Commission` are one "SEC").
    static func spelledOut(_ definition: DefinedTerm, _ bytes: [UInt8]) -> String? {
        var open = definition.range.lowerBound
        while open > 0, bytes[open] != 0x28, definition.range.lowerBound - open < 12 { open -= 1 }
        guard bytes[open] == 0x28 else { return nil }
        let start = max(0, open - 120)
        let words = StructuralText.collapsingSpaces(bytes[start..<open]).lowercased().split(separator: " ")
        guard let last = words.last, last.utf8.contains(where: StructuralText.isLetter) else { return nil }
        return String(last).trimmingCharacters(",;:")
    }

    func findings(in context: RuleContext) -> [Finding] {
        let document = context.document
        var index = context.definedTerms ?? DefinedTermAnalyzer(minimumUndefinedUses: minimumUses).analyze(document)
        // The shared analysis may have used a smaller minimum (another check's).
        index.undefined.removeAll { $0.count < minimumUses }
        // Party role words are the party check's business; keep them out of "undefined".
        if !index.undefined.isEmpty, PartyAnalyzer().parties(in: document, terms: index).count >= 2 {
            let roles = Set(PartyAnalyzer.defaultRoleWords.flatMap { [$0, $0 + "s"] })
            index.undefined.removeAll { roles.contains($0.term) }
        }
        var findings: [Finding] = []
        for compiled in rules {
            let rule = compiled.rule
            func text(_ fallback: String, _ values: KeyValuePairs<String, String>) -> String {
                compiled.message?.render(values) ?? fallback
            }
            switch compiled.check {
            case "undefined":
                for use in index.undefined {
                    findings.append(context.finding(rule: rule, range: use.range,
                                                    message: text("'\(use.term)' is used as a defined term (\(use.count) times) but never defined", ["term": use.term, "count": String(use.count)])))
                }
            case "unused":
                var lowered: [UInt8]? = nil
                // Each look for another form of a term reads the whole text: bounded per document
                // (contracts are untrusted input; a real contract has far fewer unused definitions),
                // past the bound the remaining ones are reported as found.
                var otherFormSearches = 0
                for definition in index.uniqueDefinitions where index.useCounts[definition.term, default: 0] == 0 && !definition.hasAlternateNames {
                    // `"CONFIDENTIAL INFORMATION" means …` where `"Confidential Information"` is
                    // defined too: the title-case uses are its uses.
                    let term = Array(definition.term.utf8)
                    if term.contains(where: StructuralText.isUpper), !term.contains(where: StructuralText.isLower),
                       index.useCounts[String(decoding: DefinedTermAnalyzer.titleCased(term), as: UTF8.self), default: 0] > 0 { continue }
                    // `"Direct Access Storage" or "DAS" means …`: the text may use either name.
                    otherFormSearches += 1
                    if otherFormSearches <= Self.maximumOtherFormSearches {
                        if DefinedTermAnalyzer.isUsedInAnotherForm(definition.term, useCounts: index.useCounts, bytes: context.bytes, lowered: &lowered) { continue }
                        // (An unquoted first name is no defined term: its uses are its other occurrences.)
                        if let first = DefinedTermAnalyzer.pairedName(before: definition.range.lowerBound, in: context.bytes),
                           index.useCounts[first, default: 0] > 0 || ByteSearch.occurrences(of: Array(first.utf8), in: context.bytes).count >= 2 { continue }
                    }
                    findings.append(context.finding(rule: rule, range: definition.range,
                                                    message: text("'\(definition.term)' is defined but never used", ["term": definition.term, "count": "0"])))
                }
            case "duplicate":
                var first: [String: DefinedTerm] = [:]
                var isAmendment: Bool?
                for definition in index.definitions where !definition.isPointer {
                    guard let earlier = first[definition.term] else { first[definition.term] = definition; continue }
                    // An attached document (exhibit, press release, the amended agreement) defines its
                    // own terms, restating the parties in its own preamble.
                    if earlier.inSchedule != definition.inSchedule || earlier.part != definition.part { continue }
                    // An amendment quotes a clause as it "previously read" and as it "now reads": both
                    // wordings define the amended agreement's terms.
                    if isAmendment == nil { isAmendment = StructuralText.isAmendment(context.bytes) }
                    if isAmendment == true { continue }
                    if Self.isRestatement(earlier, definition, context.bytes) { continue }
                    if Self.isPreambleStyle(definition.range.lowerBound, context.bytes) || Self.isPreambleStyle(earlier.range.lowerBound, context.bytes) { continue }
                    let differently = earlier.meaning != definition.meaning
                    let line = context.lineColumn(earlier.range.lowerBound)
                    let message = text("'\(definition.term)' is defined again\(differently ? ", differently" : ""); first defined at \(line)",
                                       ["term": definition.term, "line": line])
                    findings.append(context.finding(rule: rule, range: definition.range, message: message,
                                                    related: [(earlier.range, "first definition of '\(definition.term)'")]))
                }
            default:   // used-before-definition
                // The preamble: the sentence of the first parenthetical definition, when it names the
                // parties and lies in the first fifth of the text (after a cover page and contents).
                let firstPreambleSentence = index.definitions.first { $0.form == .parenthetical || $0.form == .hereinafter }
                    .flatMap { $0.range.lowerBound < max(30_000, context.bytes.count / 5) && Self.namesParties($0.range.lowerBound, context.bytes)
                        ? StructuralText.sentenceStart(context.bytes, before: $0.range.lowerBound, limit: 2000) : nil } ?? 0
                // The first definition of each term: `Franchise Agreement(s) (the "Franchise Agreements")`
                // defines the singular too.
                var firstDefinition: [String: Int] = [:]
                for definition in index.uniqueDefinitions { firstDefinition[definition.term] = definition.range.lowerBound }
                // "this Agreement" needs no definition before it.
                for definition in index.uniqueDefinitions where !definition.inDefinitionsClause && definition.term != "Agreement" && definition.term != "Contract" {
                    // Before the sentence that defines it: "This Services Agreement (the "Agreement")" is not a use before.
                    guard let use = index.firstUse[definition.term],
                          use.lowerBound < StructuralText.sentenceStart(context.bytes, before: definition.range.lowerBound) else { continue }
                    let variants = definition.term.hasSuffix("s") ? [String(definition.term.dropLast())] : [definition.term + "s"]
                    if variants.contains(where: { (firstDefinition[$0] ?? Int.max) <= use.lowerBound + 200 }) { continue }
                    // `"Board" shall mean …  "Parties" shall mean …  "RBI" means …`: a list of definitions
                    // without a "Definitions" heading is still a definitions clause.
                    if definition.form == .means, index.definitions.filter({ $0.form == .means && abs($0.range.lowerBound - definition.range.lowerBound) <= Self.definitionsListSpan }).count >= 3 { continue }
                    // `In this Clause 5.4, "Litigation" means …`, `For purposes of this Exhibit, "Business
                    // Day" shall mean …`: a definition for the whole clause, which the use lies in.
                    if Self.isScopedDefinition(definition.range.lowerBound, context.bytes),
                       definition.range.lowerBound - use.lowerBound <= Self.maximumScopedDistance
                        || Self.scopeClause(of: definition.range.lowerBound, in: context.document)?.contains(use.lowerBound) == true { continue }
                    // Defined in an attached form, lease rider or notice: that document's own term.
                    if definition.part != StructuralText.part(of: use.lowerBound, index.attachmentStarts) { continue }
                    if definition.inSchedule, !context.document.clausePath(containing: use.lowerBound).contains(where: { $0.kind == .schedule }) { continue }
                    // A table of contents before the preamble names terms the preamble defines.
                    if use.lowerBound < firstPreambleSentence { continue }
                    let line = context.lineColumn(definition.range.lowerBound)
                    findings.append(context.finding(rule: rule, range: use, message: text("'\(definition.term)' is used before its definition at \(line)", ["term": definition.term, "line": line]),
                                                    related: [(definition.range, "definition of '\(definition.term)'")]))
                }
            }
        }
        return findings
    }
}
