import ClauseModel

/// A term the contract defines: `"Services" means …`, `(the "Agreement")`,
/// `(hereinafter "Supplier")`, a quoted or bold term opening a sub-clause of a definitions
/// clause, `**Fees** means …` in Markdown.
public struct DefinedTerm: Hashable, Sendable {
    /// How the definition is written.
    public enum Form: String, Hashable, Sendable, Codable {
        /// `"Term" means …` / `shall have the meaning …` / `includes …`.
        case means
        /// `(the "Term")`, `(each a "Party")`.
        case parenthetical
        /// `hereinafter "Term"`, `referred to as "Term"` without parentheses.
        case hereinafter
        /// A quoted or bold term opening a sub-clause of a definitions clause.
        case definitionsClause = "definitions-clause"
    }

    public var term: String
    /// The term itself (inside its quotes or bold markers).
    public var range: Range<Int>
    public var form: Form
    /// The clause holding the definition.
    public var clauseID: String?
    /// True when the definition sits in a definitions clause (heading "Definitions").
    public var inDefinitionsClause: Bool
    /// True for an index entry that points elsewhere (`"Term" has the meaning given in
    /// Section 9.1`): the real definition is the one it points to, so the pair is no duplicate.
    public var isPointer: Bool = false
    /// True when the definition lies in a schedule or exhibit (often a separate document).
    public var inSchedule: Bool = false
    /// What the definition says, normalised (lower case, single spaces, at most 200 bytes), to
    /// tell a repeated definition from a different one.
    public var meaning: String
    /// Which document of the file holds the definition: 0 for the agreement, n for the n-th
    /// attachment after the signature block (see `StructuralText.attachmentStarts`).
    public var part: Int = 0
    /// What the definition says (`means …` up to the sentence end); uses of other terms inside
    /// it are not "used before definition" (a definitions list names terms defined later).
    public var meaningRange: Range<Int> = 0..<0
    /// True for `"Storage Area Network" or "SAN" means …`: the text may use either name, so
    /// the first is not "unused" when only the other appears.
    public var hasAlternateNames: Bool = false
}

/// A capitalised phrase used like a defined term (`the Deliverables`) that nothing defines.
public struct UndefinedTermUse: Hashable, Sendable {
    public var term: String
    /// The first use.
    public var range: Range<Int>
    public var count: Int
}

/// Every definition of a document and how often each term is used.
public struct DefinedTermIndex: Sendable {
    /// Definitions in document order (a term defined twice appears twice).
    public var definitions: [DefinedTerm]
    /// Uses per term outside its definitions (plural and possessive forms count).
    public var useCounts: [String: Int]
    /// The first use of each term, wherever it is (before or after its definition).
    public var firstUse: [String: Range<Int>]
    /// Capitalised phrases used as defined terms that nothing defines, most used first.
    public var undefined: [UndefinedTermUse]
    /// Every quoted capitalised phrase, defining or not (a phrase its author put in quotes is
    /// treated as defined by the other checks).
    public var quotedPhrases: Set<String>
    /// Where attached documents begin (see `StructuralText.attachmentStarts`).
    public var attachmentStarts: [Int] = []

    /// The first definition of each term, in document order.
    public var uniqueDefinitions: [DefinedTerm] {
        var seen = Set<String>()
        return definitions.filter { seen.insert($0.term).inserted }
    }
}

/// `DefinedTermAnalyzer.scan`'s result: the index without its undefined terms, and the
/// candidates for them.
public struct DefinedTermScan: Sendable {
    var index: DefinedTermIndex
    var candidates: [String: (range: Range<Int>, count: Int)]
    var termSet: Set<String>
}

/// Finds definitions and uses of defined terms in one pass over the bytes (plus one for
/// definitions), so it can run on every contract of a corpus.
///
/// Hand-written scanning rather than regular expressions: the forms lawyers write overlap
/// (quotes inside parentheses inside Markdown bold), and precision on uses depends on word
/// context (a determiner before, a heading around) that a pattern cannot see cheaply.
public struct DefinedTermAnalyzer: Sendable {
    /// Minimum number of uses before an undefined capitalised phrase is reported.
    public var minimumUndefinedUses: Int
    /// Names (party short names) that count as defined even where no definition was found.
    public var knownNames: Set<String>

    public init(minimumUndefinedUses: Int = 2, knownNames: Set<String> = []) {
        self.minimumUndefinedUses = minimumUndefinedUses
        self.knownNames = knownNames
    }

    public func analyze(_ document: Document) -> DefinedTermIndex {
        finish(Self.scan(document), document: document)
    }

    /// `analyze` in two steps: `scan` needs only the parsed document (not its categories, not
    /// the analyzer's settings), so a batch run does it while the rules are still compiling;
    /// `finish` filters the undefined-term candidates with `minimumUndefinedUses` and `knownNames`.
    public static func scan(_ document: Document) -> DefinedTermScan {
        let bytes = document.bytes
        let definitionsClauses = Self.definitionsClauseRanges(document)
        let nonProse = document.nonProseRanges.sorted { $0.lowerBound < $1.lowerBound }
        var (definitions, quoted, attachmentStarts) = Self.findDefinitions(document, bytes: bytes, definitionsClauses: definitionsClauses, nonProse: nonProse)
        let headings = document.headingRanges()
        // Titles and headings name things; a term there is not yet "used" (for used-before-definition).
        var titleAndHeadings = headings + document.clauses.filter { $0.kind == .title || $0.kind == .preamble }.map(\.span.byteRange)
        titleAndHeadings.sort { $0.lowerBound < $1.lowerBound }
        titleAndHeadings = titleAndHeadings.reduce(into: [Range<Int>]()) { merged, range in
            if let last = merged.last, range.lowerBound < last.upperBound { merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound) } else { merged.append(range) }
        }

        // Terms by their first four bytes, longest first, so "Confidential Information" wins over "Confidential".
        var termsByKey: [UInt32: [[UInt8]]] = [:]
        var termSet = Set<String>()
        for definition in definitions where definition.term.utf8.count >= 2 && termSet.insert(definition.term).inserted {
            let termBytes = Array(definition.term.utf8)
            termsByKey[Self.key(termBytes, 0, termBytes.count), default: []].append(termBytes)
        }
        
        let definitionRanges = definitions.map(\.range).sorted { $0.lowerBound < $1.lowerBound }
        // The text of `"X" means …` definitions: a definitions list uses terms defined further on.
        let meaningRanges = definitions.map(\.meaningRange).filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
            .reduce(into: [Range<Int>]()) { merged, range in
                if let last = merged.last, range.lowerBound < last.upperBound { merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound) } else { merged.append(range) }
            }
        // All-caps definitions ("CONTENT") are also used in title case ("Content").
        var capsAliases: [[UInt8]: [UInt8]] = [:]
        for term in termSet.sorted() where term.utf8.allSatisfy({ !StructuralText.isLower($0) }) && term.utf8.contains(where: StructuralText.isUpper) && term.utf8.count > 3 {
            let title = Self.titleCased(Array(term.utf8))
            if !termSet.contains(String(decoding: title, as: UTF8.self)) {
                termsByKey[Self.key(title, 0, title.count), default: []].append(title)
                capsAliases[title] = Array(term.utf8)
            }
        }

        // Longest first; equal lengths in byte order, so the result never depends on hashing.
        for key in termsByKey.keys { termsByKey[key]!.sort { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) } }
        var useCounts: [String: Int] = [:]
        var firstUse: [String: Range<Int>] = [:]
        // Terms the text announces before their definition (`the Closing Date (as defined below)`).
        var announced = Set<String>()
        var candidates: [String: (range: Range<Int>, count: Int)] = [:]
        let count = bytes.count
        var index = 0
        var previousWordStart = -1
        var previousWordEnd = -1
        while index < count {
            let byte = bytes[index]
            guard StructuralText.isAlnum(byte), index == 0 || !StructuralText.isWordByte(bytes, index - 1) else {
                index += 1
                continue
            }
            var wordEnd = index
            while wordEnd < count, StructuralText.isAlnum(bytes[wordEnd]) || bytes[wordEnd] == 0x2D { wordEnd += 1 }
            let wordStart = index
            defer { previousWordStart = wordStart; previousWordEnd = wordEnd }
            guard StructuralText.isUpper(byte) else { index = wordEnd; continue }

            // A defined term here?
            var matched: (term: [UInt8], end: Int)?
            if let terms = termsByKey[Self.key(bytes, index, count)] {
                for term in terms {
                    if let end = Self.match(term, at: index, in: bytes) { matched = (term, end); break }
                }
            }
            if let (term, end) = matched {
                if !StructuralText.isInside(index, definitionRanges), !StructuralText.isInside(index, nonProse) {
                    let name = String(decoding: capsAliases[term] ?? term, as: UTF8.self)
                    useCounts[name, default: 0] += 1
                    // Part of a longer name ("Cloud Services Agreement") is not yet a use of "Services".
                    let partOfName = (previousWordEnd + 1 == index && previousWordStart >= 0 && StructuralText.isUpper(bytes[previousWordStart]))
                        || (end + 1 < count && bytes[end] == 0x20 && StructuralText.isUpper(bytes[end + 1]))
                    // `Any Consumer Electronic Products (as defined below)`: announced even after a
                    // capital (not `the Closing Date (as hereinafter defined)` for `Closing`: the
                    // parenthesis must follow the term).
                    // Only a parenthesis right after is looked at, so names in running text cost a byte test.
                    if partOfName, end + 2 < count, bytes[end] == 0x20, bytes[end + 1] == 0x28, firstUse[name] == nil,
                       !StructuralText.isInside(index, titleAndHeadings), Self.isForwardReference(end, in: bytes) { announced.insert(name) }
                    if firstUse[name] == nil, !partOfName, !StructuralText.isInside(index, titleAndHeadings) {
                        if Self.isForwardReference(end, in: bytes) {
                            announced.insert(name)
                        } else if !announced.contains(name), !Self.isQuotedOrForwardReference(index, end, in: bytes), !StructuralText.isInside(index, meaningRanges),
                                  !Self.isNumberedHeading(index, in: bytes), !Self.isRunInHeading(index, end, in: bytes), !Self.isIndexEntry(end, in: bytes),
                                  !Self.isLineLabel(index, end, in: bytes), !Self.isTitleLine(index, in: bytes), !Self.isInReferencedTitle(index, in: bytes) {
                            firstUse[name] = index..<end
                        }
                    }
                }
                index = end
                continue
            }

            // A capitalised phrase after a lower-case determiner: used like a defined term.
            if previousWordEnd >= 0, previousWordEnd + 1 == index, bytes[previousWordEnd] == 0x20,
               Self.isDeterminer(bytes[previousWordStart..<previousWordEnd]),
               !StructuralText.isInside(index, headings), !StructuralText.isInside(index, nonProse), !StructuralText.isInside(index, definitionRanges) {
                let end = Self.titleCaseRun(from: index, in: bytes)
                if end > index {
                    let phrase = StructuralText.collapsingSpaces(bytes[index..<end])
                    // `By: Värde Partners, L.P., its General Partner`: a signature block's title.
                    if bytes[previousWordStart] == 0x69, Self.isSignatureTitle(previousWordStart, end, in: bytes) { index = end; continue }
                    if let existing = candidates[phrase] { candidates[phrase] = (existing.range, existing.count + 1) } else { candidates[phrase] = (index..<end, 1) }
                    index = end
                    continue
                }
            }
            index = wordEnd
        }

        definitions.sort { $0.range.lowerBound < $1.range.lowerBound }
        return DefinedTermScan(index: DefinedTermIndex(definitions: definitions, useCounts: useCounts, firstUse: firstUse, undefined: [], quotedPhrases: quoted, attachmentStarts: attachmentStarts),
                               candidates: candidates, termSet: termSet)
    }

    /// The second step of `analyze`: the undefined terms of a `scan` of `document`.
    public func finish(_ scan: DefinedTermScan, document: Document) -> DefinedTermIndex {
        var index = scan.index
        index.undefined = Self.filterUndefined(scan.candidates, document: document, bytes: document.bytes, defined: scan.termSet, quoted: index.quotedPhrases, knownNames: knownNames, minimumUses: minimumUndefinedUses)
        return index
    }

    /// The first two bytes at `index` packed into one integer: the lookup
    /// key of terms by their start, without allocating per word.
    @inline(__always) static func key(_ bytes: [UInt8], _ index: Int, _ limit: Int) -> UInt32 {
        // Two bytes: every term has at least two (one-letter terms are not looked up).
        guard index + 1 < limit else { return UInt32(bytes[index]) << 8 }
        return UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
    }

    /// Definitions and quoted phrases only, without counting uses (for the party check).
    public func definitionsOnly(_ document: Document) -> DefinedTermIndex {
        let nonProse = document.nonProseRanges.sorted { $0.lowerBound < $1.lowerBound }
        let (definitions, quoted, attachmentStarts) = Self.findDefinitions(document, bytes: document.bytes, definitionsClauses: Self.definitionsClauseRanges(document), nonProse: nonProse, withUses: false)
        return DefinedTermIndex(definitions: definitions.sorted { $0.range.lowerBound < $1.range.lowerBound }, useCounts: [:], firstUse: [:], undefined: [], quotedPhrases: quoted,
                                attachmentStarts: attachmentStarts)
    }

    // MARK: Definitions

    /// Byte ranges of clauses headed "Definitions" (or of kind definition), and their sub-clauses.
    static func definitionsClauseRanges(_ document: Document) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for clause in document.allClauses {
            let heading = (clause.heading ?? "").lowercased()
            if clause.kind == .definition || heading.containsBytes("definition") || heading.containsBytes("defined terms") || heading.containsBytes("interpretation") {
                ranges.append(clause.span.byteRange)
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        // Merge nested ranges so binary search works.
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound < last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else { merged.append(range) }
        }
        return merged
    }

    /// Finds definitions; also returns every quoted capitalised phrase (definition or not),
    /// because a phrase that appears in quotes somewhere is treated as defined by its author.
    /// Without `withUses`, the parts that only the use checks need (attachment parts, the text
    /// each definition covers) are left out: the party check reads definitions only.
    static func findDefinitions(_ document: Document, bytes: [UInt8], definitionsClauses: [Range<Int>], nonProse: [Range<Int>], withUses: Bool = true) -> ([DefinedTerm], Set<String>, [Int]) {
        var definitions: [DefinedTerm] = []
        var quoted = Set<String>()
        let lowered = StructuralText.lowercased(bytes)
        let attachmentStarts = withUses ? StructuralText.attachmentStarts(lowered, bytes: bytes) : []
        // The last paragraph end found: definitions lists often sit on one long line, which is
        // then scanned once rather than once per definition.
        var lastParagraph = 0..<0
        let markdown = document.format == .markdown
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            var openLength = 0
            var isBold = false
            if byte == 0x22 || byte == 0xE2 {
                openLength = StructuralText.openQuoteLength(bytes, index)
            } else if markdown, byte == 0x2A || byte == 0x5F, index + 1 < count, bytes[index + 1] == byte,
                      index + 2 < count, StructuralText.isUpper(bytes[index + 2]), index == 0 || bytes[index - 1] != byte {
                openLength = 2
                isBold = true
            }
            if byte == 0x28, let name = unquotedParenthetical(at: index, in: bytes) {
                quoted.insert(name)   // `(collectively, the Deliverables)`: defined without quotes
            }
            guard openLength > 0 else { index += 1; continue }
            var termStart = index + openLength
            // ("the Redundancy Cap"): the article is not part of the term.
            if termStart + 5 < count, bytes[termStart] == 0x74, bytes[termStart + 1] == 0x68, bytes[termStart + 2] == 0x65, bytes[termStart + 3] == 0x20, StructuralText.isUpper(bytes[termStart + 4]) { termStart += 4 }
            guard let termEnd = termEnd(from: termStart, in: bytes, bold: isBold ? byte : nil) else { index += openLength; continue }
            var closeLength = isBold ? 2 : StructuralText.closeQuoteLength(bytes, termEnd)
            if closeLength == 0, !isBold, bytes[termEnd] == 0x2C { closeLength = 1 + StructuralText.closeQuoteLength(bytes, termEnd + 1) }
            var term = StructuralText.collapsingSpaces(bytes[termStart..<termEnd])
            // "90", "3": numbers in quotes are not terms.
            guard bytes[termStart..<termEnd].contains(where: StructuralText.isLetter) else { index = termEnd; continue }
            // `"Permitted Free Writing Prospectus."`: the sentence's period is not part of the term;
            // `("Merchant(s)")`: the singular and the plural are both defined; uses match the singular.
            // (also one word: `hereafter as the "Program."`; not an abbreviation such as `"Inc."`).
            if term.hasSuffix("."), term.contains(" ") || (term.utf8.count >= 5 && term.utf8.filter({ $0 == 0x2E }).count == 1
                && !StructuralText.abbreviations.contains(String(term.dropLast()).lowercased())) { term.removeLast() }
            // `"UPGRADE(S)"` in capitals likewise.
            if term.hasSuffix("(s)") { term = String(term.dropLast(3)); quoted.insert(term + "s") }
            else if term.hasSuffix("(S)") { term = String(term.dropLast(3)); quoted.insert(term + "S") }
            quoted.insert(term)
            let afterClose = termEnd + closeLength
            if StructuralText.isInside(index, nonProse) { index = afterClose; continue }

            var form: DefinedTerm.Form?
            var meaningStart = afterClose
            // "Term" means … (possibly `"Term" shall mean`, `**"Term"** means`, `"Term": `).
            var after = afterClose
            while after < count, bytes[after] == 0x2A || bytes[after] == 0x5F || bytes[after] == 0x20 || bytes[after] == 0x2C || (bytes[after] == 0x22 && isBold) { after += 1 }
            var isPointer = false
            // `"Joint Governance Committee" or "JGC" has the meaning …`: an alternate name between.
            let beforeAlternates = after
            after = Self.skippingAlternateNames(from: after, in: bytes, lowered: lowered)
            let hasAlternateNames = after != beforeAlternates
            for verb in meansVerbs where StructuralText.hasWord(verb, at: after, in: lowered) {
                form = .means
                meaningStart = after + verb.count
                let verbText = String(decoding: verb, as: UTF8.self)
                isPointer = verbText.containsBytes("meaning") || verbText.containsBytes("defined")
                break
            }
            // `All references to "this Agreement" or any "Facility Addendum" shall include …`: an
            // interpretation rule quoting terms, not a definition.
            if form == .means, String(decoding: lowered[max(0, index - 40)..<index], as: UTF8.self).containsBytes("references to") { form = nil; isPointer = false }
            let inDefinitions = StructuralText.isInside(index, definitionsClauses)
            if form == nil, inDefinitions, isAtClauseStart(index, in: bytes) {
                form = .definitionsClause
                if after < count, bytes[after] == 0x3A || bytes[after] == 0x2E { meaningStart = after + 1 }
            }
            if form == nil, !isBold {
                form = parentheticalForm(openQuote: index, afterClose: afterClose, bytes: bytes, lowered: lowered)
                if form != nil { meaningStart = StructuralText.sentenceStart(bytes, before: index, limit: 200) }
            }
            func paragraphEnd(_ start: Int) -> Int {
                if !lastParagraph.contains(start) { lastParagraph = start..<Self.paragraphEnd(bytes, after: start) }
                return lastParagraph.upperBound
            }
            if let form {
                let meaningEnd: Int
                if form == .parenthetical || form == .hereinafter {
                    meaningEnd = index
                } else {
                    meaningEnd = StructuralText.sentenceEnd(bytes, after: meaningStart, limit: 400)
                }
                let path = document.clausePath(containing: index)
                let meaning = normalisedMeaning(lowered, meaningStart..<max(meaningStart, meaningEnd))
                if meaning.hasPrefix("as defined") || meaning.hasPrefix("as set forth") { isPointer = true }
                definitions.append(DefinedTerm(term: term, range: termStart..<termEnd, form: form, clauseID: path.last?.id,
                                               inDefinitionsClause: inDefinitions, isPointer: isPointer,
                                               inSchedule: path.contains { $0.kind == .schedule }, meaning: meaning,
                                               part: StructuralText.part(of: index, attachmentStarts),
                                               meaningRange: withUses && (form == .means || form == .definitionsClause) ? meaningStart..<max(meaningStart, paragraphEnd(meaningStart)) : 0..<0,
                                               hasAlternateNames: hasAlternateNames && form == .means))
            }
            index = afterClose
        }
        return (definitions, quoted, attachmentStarts)
    }

    /// A term with no uses as written that the text still uses: a single letter of a formula
    /// (`"B" shall mean …`; letters are not counted), a term opening with a digit (`"1933 Act"`), a plural definition used in the singular
    /// (`"Third Parties"` … `a Third Party`, `"JDRC Chairpersons"` … `the JDRC Chairperson`), an
    /// all-capitals definition used in another case (`"EBIX CONTENT"` … `ebix Content`), a term
    /// quoted with its article (`"The Location":` … `the Location`), and a joined pair whose
    /// parts are used (`"SpinCo Name and SpinCo Marks"` … `any SpinCo Name or SpinCo Mark`).
    /// `lowered`: the text in lower case, made on first need.
    static func isUsedInAnotherForm(_ term: String, useCounts: [String: Int], bytes: [UInt8], lowered: inout [UInt8]?) -> Bool {
        let termBytes = Array(term.utf8)
        if termBytes.count == 1 { return true }
        /// Used beyond the definition: counted as a defined term, or written at least `times` times.
        func occurs(_ form: String, _ times: Int) -> Bool {
            useCounts[form, default: 0] > 0 || wordCount(Array(form.utf8), in: bytes) >= times
        }
        /// Occurrences as whole words.
        func wordCount(_ needle: [UInt8], in text: [UInt8]) -> Int {
            ByteSearch.occurrences(of: needle, in: text).reduce(0) { count, found in
                let end = found + needle.count
                return count + ((found == 0 || !StructuralText.isAlnum(text[found - 1])) && (end >= text.count || !StructuralText.isAlnum(text[end])) ? 1 : 0)
            }
        }
        func singularUsed(_ form: String) -> Bool {
            if form.hasSuffix("ies") { return occurs(String(form.dropLast(3)) + "y", 1) }
            if form.hasSuffix("s"), !form.hasSuffix("ss"), form.utf8.count > 3 { return occurs(String(form.dropLast()), 1) }
            return false
        }
        if singularUsed(term) { return true }
        // `"1933 Act"`, `"270 transaction"`: uses are counted from capitalised words only.
        if let first = termBytes.first, !StructuralText.isUpper(first), occurs(term, 2) { return true }
        if term.hasPrefix("The "), term.utf8.count > 6, occurs(String(term.dropFirst(4)), 2) { return true }
        if term.contains(" and ") {
            let parts = term.components(separatedBy: " and ")
            if parts.allSatisfy({ !$0.isEmpty && (occurs($0, 2) || singularUsed($0)) }) { return true }
        }
        if termBytes.contains(where: StructuralText.isUpper), !termBytes.contains(where: StructuralText.isLower), termBytes.count > 3 {
            if lowered == nil { lowered = StructuralText.lowercased(bytes) }
            if wordCount(StructuralText.lowercased(termBytes), in: lowered!) >= 2 { return true }
        }
        return false
    }

    /// `"Direct Access Storage" or "DAS"`: for the term whose quotes open at or just before
    /// `start`, the quoted name right before it and `or`, else nil.
    static func pairedName(before start: Int, in bytes: [UInt8]) -> String? {
        var index = start
        // Back over the term's opening quote and spaces.
        if index >= 1, bytes[index - 1] == 0x22 { index -= 1 } else if index >= 3, bytes[index - 3] == 0xE2, bytes[index - 2] == 0x80, bytes[index - 1] == 0x9C { index -= 3 } else { return nil }
        while index > 0, bytes[index - 1] == 0x20 { index -= 1 }
        guard index >= 3, bytes[index - 1] == 0x72, bytes[index - 2] == 0x6F, bytes[index - 3] == 0x20 || bytes[index - 3] == 0x22 || bytes[index - 3] == 0x9D || bytes[index - 3] == 0x28 else { return nil }
        index -= 2
        // `"Marketing Approval" (or "MA")`.
        while index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x2C || bytes[index - 1] == 0x28 { index -= 1 }
        // The closing quote of the first name, then its text back to the opening quote.
        let end: Int
        if index >= 1, bytes[index - 1] == 0x22 { end = index - 1 } else if index >= 3, bytes[index - 3] == 0xE2, bytes[index - 2] == 0x80, bytes[index - 1] == 0x9D { end = index - 3 } else {
            // `Background IP or "Background Technology"`: an unquoted first name, its capitalised words.
            var start = index
            var words = 0
            while words < 5 {
                var wordStart = start
                while wordStart > 0, StructuralText.isAlnum(bytes[wordStart - 1]) || bytes[wordStart - 1] == 0x2D { wordStart -= 1 }
                guard wordStart < start, StructuralText.isUpper(bytes[wordStart]) else { break }
                start = wordStart
                words += 1
                guard start >= 2, bytes[start - 1] == 0x20, StructuralText.isUpper(bytes[start - 2]) || StructuralText.isAlnum(bytes[start - 2]) else { break }
                start -= 1
            }
            while start < index, bytes[start] == 0x20 { start += 1 }
            // Only at the start of a definitions entry (`DEFINITIONS: Background IP or "…" means`),
            // not `… by the Licensor or "Affiliate"` in running text.
            var before = start
            while before > 0, bytes[before - 1] == 0x20 { before -= 1 }
            guard words > 0, before == 0 || bytes[before - 1] == 0x0A || bytes[before - 1] == 0x3A || bytes[before - 1] == 0x2E || bytes[before - 1] == 0x3B else { return nil }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var open = end
        while open > 0, end - open < 80 {
            if bytes[open - 1] == 0x22 || (open >= 3 && bytes[open - 3] == 0xE2 && bytes[open - 2] == 0x80 && bytes[open - 1] == 0x9C) { break }
            if bytes[open - 1] == 0x0A { return nil }
            open -= 1
        }
        guard open < end, end - open < 80 else { return nil }
        return StructuralText.collapsingSpaces(bytes[open..<end])
    }

    /// After a quoted term, `or "JGC"` / `and "Develop"` (each alternate quoted, at most two):
    /// the offset after them (and the spaces and commas that follow), else `start`.
    static func skippingAlternateNames(from start: Int, in bytes: [UInt8], lowered: [UInt8]) -> Int {
        var position = start
        for _ in 0..<2 {
            var word = position
            if StructuralText.hasWord(orBytes, at: word, in: lowered) { word += 2 } else if StructuralText.hasWord(andBytes, at: word, in: lowered) { word += 3 } else { return position }
            while word < bytes.count, bytes[word] == 0x20 { word += 1 }
            guard word < bytes.count else { return position }
            let open = StructuralText.openQuoteLength(bytes, word)
            guard open > 0 else { return position }
            var close = word + open
            while close < min(bytes.count, word + 80), StructuralText.closeQuoteLength(bytes, close) == 0, bytes[close] != 0x0A { close += 1 }
            guard close < bytes.count, StructuralText.closeQuoteLength(bytes, close) > 0 else { return position }
            position = close + StructuralText.closeQuoteLength(bytes, close)
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x2C || bytes[position] == 0x2A { position += 1 }
        }
        return position
    }

    /// `(the Services)`, `(collectively, the Deliverables)`: a definition written without quotes.
    static func unquotedParenthetical(at open: Int, in bytes: [UInt8]) -> String? {
        var index = open + 1
        let limit = min(bytes.count, open + 70)
        var close = index
        while close < limit, bytes[close] != 0x29, bytes[close] != 0x0A, bytes[close] != 0x22 { close += 1 }
        guard close < limit, bytes[close] == 0x29 else { return nil }
        for leadBytes in parentheticalLeads {
            if index + leadBytes.count < close, bytes[index..<(index + leadBytes.count)].elementsEqual(leadBytes) { index += leadBytes.count; break }
        }
        guard index > open + 1, index < close, StructuralText.isUpper(bytes[index]) else { return nil }
        let end = titleCaseRun(from: index, in: bytes)
        guard end == close else { return nil }
        // `(the Renewal  Period)`: PDF padding, matched single-spaced like the uses.
        return StructuralText.collapsingSpaces(bytes[index..<end])
    }

    /// Words that open an unquoted parenthetical definition (`(collectively, the Deliverables)`,
    /// `(a Change Order)`), longest first.
    static let parentheticalLeads: [[UInt8]] = ["collectively, the ", "collectively the ", "each, a ", "each a ", "together, the ", "the ", "each, an ", "each an ", "a ", "an "]
        .map { Array($0.utf8) }

    static let meansVerbs: [[UInt8]] = [
        "means", "mean", "shall mean", "shall have the meaning", "has the meaning", "have the meaning", "shall have the meanings",
        "is defined", "shall be defined", "refers to", "shall refer to", "includes", "shall include", "is used", "has the meanings",
    ].map { Array($0.utf8) }

    /// The end of a term that starts at `start`: a capitalised phrase of at most eight words and
    /// 80 bytes, closed by a quote (or by the bold marker `bold`).
    static func termEnd(from start: Int, in bytes: [UInt8], bold: UInt8?) -> Int? {
        guard start < bytes.count, StructuralText.isUpper(bytes[start]) || StructuralText.isDigit(bytes[start]) else { return nil }
        var index = start
        var words = 1
        let limit = min(bytes.count, start + 80)
        while index < limit {
            let byte = bytes[index]
            if let bold {
                if byte == bold, index + 1 < bytes.count, bytes[index + 1] == bold { break }
            } else if StructuralText.closeQuoteLength(bytes, index) > 0 {
                break
            }
            // `"Registration Statement," as used herein, means`: the comma is not part of the term.
            if byte == 0x2C, bold == nil, index + 1 < bytes.count, StructuralText.closeQuoteLength(bytes, index + 1) > 0 { break }
            // `"Merchant(s)"`, `"UPDATE(S)"`: singular and plural in one term.
            if byte == 0x28, index + 2 < limit, bytes[index + 1] == 0x73 || bytes[index + 1] == 0x53, bytes[index + 2] == 0x29 { index += 3; continue }
            if byte == 0x20 {
                // PDF text pads words (`Registration   Statement`): a run of spaces is one gap.
                if bytes[index - 1] != 0x20 { words += 1 }
                if words > 8 { return nil }
            } else if !(StructuralText.isAlnum(byte) || byte == 0x2D || byte == 0x27 || byte == 0x26 || byte == 0x2E || byte == 0x2F || byte >= 0x80) {
                return nil
            }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C { return nil }   // another opening quote
            index += 1
        }
        guard index < limit, index > start, bytes[index - 1] != 0x20 else { return nil }
        // `QuickBooks ------------------------- Site`: a form's rule line, not a term.
        if bytes[start..<index].contains(0x2D), (start..<(index - 1)).contains(where: { bytes[$0] == 0x2D && bytes[$0 + 1] == 0x2D }) { return nil }
        // A sentence in quotes ("Yes. No.") is not a term; `referred to as a "Permitted Free Writing
        // Prospectus."` is one, with the sentence's period inside the quotes.
        if bytes[index - 1] == 0x2E, words > 1, bytes[start..<(index - 1)].contains(0x2E) || !StructuralText.isLetter(bytes[index - 2]) { return nil }
        return index
    }

    /// True when only a clause number (and spaces, bold markers) precede `offset` on its line.
    static func isAtClauseStart(_ offset: Int, in bytes: [UInt8]) -> Bool {
        var index = offset
        while index > 0, bytes[index - 1] != 0x0A {
            index -= 1
            let byte = bytes[index]
            if !(byte == 0x20 || byte == 0x09 || byte == 0x2A || byte == 0x5F || byte == 0x28 || byte == 0x29 || byte == 0x2E || byte == 0x2D || byte == 0x23 || byte == 0x3E || StructuralText.isDigit(byte) || (StructuralText.isLower(byte) && offset - index < 8)) {
                return false
            }
        }
        return true
    }

    /// `(the "Term")`, `(each, a "Party")`, `("Seller" or "Company")`, `hereinafter "Term"`,
    /// `referred to as "Term"`: a definition by a parenthetical or by `hereinafter`.
    static func parentheticalForm(openQuote: Int, afterClose: Int, bytes: [UInt8], lowered: [UInt8]) -> DefinedTerm.Form? {
        var index = openQuote
        let floor = max(0, openQuote - 90)
        var sawParenthesis = false
        while index > floor {
            let byte = bytes[index - 1]
            if byte == 0x28 { sawParenthesis = true; break }
            if StructuralText.isLower(byte) || byte == 0x20 || byte == 0x2C || byte == 0x3B || byte == 0x3A || byte == 0x2A || byte == 0x5F || byte == 0x0A {
                index -= 1
                continue
            }
            // Another quoted term of the same parenthetical: `("Seller" or "Company")`.
            if byte == 0x22 || (byte == 0x9D && index >= 3 && bytes[index - 3] == 0xE2) {
                var back = index - (byte == 0x22 ? 1 : 3)
                while back > floor, bytes[back - 1] != 0x22, bytes[back - 1] != 0x9C, bytes[back - 1] != 0x28, bytes[back - 1] != 0x0A { back -= 1 }
                guard back > floor, bytes[back - 1] == 0x22 || bytes[back - 1] == 0x9C else { break }
                index = back - (bytes[back - 1] == 0x22 ? 1 : 3)
                continue
            }
            break
        }
        let lead = String(decoding: lowered[index..<openQuote], as: UTF8.self)
        let words = lead.split { $0 == " " || $0 == "," || $0 == ";" || $0 == ":" || $0 == "*" || $0 == "_" || $0 == "\n" || $0 == "\"" }
        if sawParenthesis {
            // `(collectively with "New Products", "Improved Products")`: the term after `with` is
            // one already defined, named again.
            if words.last == "with" { return nil }
            // `Clause 12 ("Invoicing and payment terms")`: a clause's title, not a definition.
            var before = index - 1
            while before > 0, bytes[before - 1] == 0x20 { before -= 1 }
            // `Section 24.0 Information Technology Services ("I/T Services")`: the heading of a
            // numbered section quoted with the abbreviation its heading carries.
            if isAfterSectionTitle(before, in: bytes, lowered: lowered) { return nil }
            let window = String(decoding: lowered[max(0, before - 22)..<before], as: UTF8.self)
            if ["clause ", "section ", "exhibit ", "article ", "schedule ", "annex ", "appendix "].contains(where: { window.containsBytes($0) }),
               before > 0, StructuralText.isAlnum(bytes[before - 1]) {
                return nil
            }
            // `Exhibits 8 ("Lease of the Stock"), 9 ("…") and 11 ("Main Elements Services")`: titles
            // of a list of numbered attachments, however far the keyword is.
            if before > 0, StructuralText.isDigit(bytes[before - 1]) {
                let list = String(decoding: lowered[max(0, before - 160)..<before], as: UTF8.self)
                if ["exhibits ", "schedules ", "annexes ", "appendices ", "attachments ", "sections ", "clauses ", "articles "].contains(where: { list.containsBytes($0) }) { return nil }
            }
            // After the term: `)`, or another term of the parenthetical, or a comma.
            var after = afterClose
            while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x2A || bytes[after] == 0x5F { after += 1 }
            guard after < bytes.count else { return nil }
            let next = bytes[after]
            let closes = next == 0x29 || next == 0x2C || next == 0x3B
                || StructuralText.hasWord(Array("or".utf8), at: after, in: lowered) || StructuralText.hasWord(Array("and".utf8), at: after, in: lowered)
            guard closes else { return nil }
            // Only the words lawyers put there: not `(see "Payment Terms")`.
            let allowed: Set<Substring> = ["the", "a", "an", "each", "hereinafter", "herein", "referred", "to", "as", "collectively", "together", "individually", "or", "and", "with", "its", "successors", "permitted", "assigns", "both", "all", "jointly", "called", "hereafter", "respectively", "also", "any", "such", "in", "this", "agreement", "said", "known", "sometimes", "being", "one", "other", "either", "party", "parties", "further", "below", "above"]
            return words.allSatisfy { allowed.contains($0) } ? .parenthetical : nil
        }
        let joined = words.suffix(4).joined(separator: " ")
        for ending in ["hereinafter", "referred to as", "hereinafter referred to as", "hereinafter called", "called", "hereafter", "defined as"] where joined.hasSuffix(ending) {
            return .hereinafter
        }
        return nil
    }

    /// True when `end` closes `Section 24.0 Information Technology Services`: a section,
    /// clause or article keyword, a number, then title-case words (at most eight).
    static func isAfterSectionTitle(_ end: Int, in bytes: [UInt8], lowered: [UInt8]) -> Bool {
        var index = end
        var words = 0
        while words < 8, index > 0 {
            var start = index
            while start > 0, StructuralText.isLetter(bytes[start - 1]) || bytes[start - 1] == 0x2F || bytes[start - 1] == 0x2D || bytes[start - 1] == 0x26 { start -= 1 }
            guard start < index else { break }
            let isJoiner = ["of", "and", "the", "for", "to", "&"].contains(String(decoding: lowered[start..<index], as: UTF8.self))
            guard StructuralText.isUpper(bytes[start]) || isJoiner else { break }
            words += 1
            index = start
            while index > 0, bytes[index - 1] == 0x20 { index -= 1 }
        }
        guard words > 0, index > 0, StructuralText.isDigit(bytes[index - 1]) else { return false }
        while index > 0, StructuralText.isDigit(bytes[index - 1]) || bytes[index - 1] == 0x2E { index -= 1 }
        while index > 0, bytes[index - 1] == 0x20 { index -= 1 }
        let window = String(decoding: lowered[max(0, index - 8)..<index], as: UTF8.self)
        return ["section", "clause", "article", "paragraph"].contains { window.hasSuffix($0) }
    }

    /// The end of the line (paragraph) from `offset`, at most 3 000 bytes on: a definition's
    /// sub-items (`(iv) Intellectual Property of …`) are part of it.
    static func paragraphEnd(_ bytes: [UInt8], after offset: Int) -> Int {
        var end = offset
        let limit = min(bytes.count, offset + 3000)
        while end < limit, bytes[end] != 0x0A { end += 1 }
        return end
    }

    static func normalisedMeaning(_ lowered: [UInt8], _ range: Range<Int>) -> String {
        var result: [UInt8] = []
        var space = false
        for byte in lowered[range] {
            if StructuralText.isSpace(byte) || byte == 0x2A || byte == 0x5F { space = !result.isEmpty; continue }
            // `… a server. "e-business Hosting" means …`: the next definition of a list begins.
            if space, byte == 0x22 || byte == 0xE2, result.last == 0x2E { break }
            if space { result.append(0x20); space = false }
            result.append(byte)
            if result.count >= 200 { break }
        }
        while let last = result.last, last == 0x2E || last == 0x3B || last == 0x2C { result.removeLast() }
        return String(decoding: result, as: UTF8.self)
    }

    // MARK: Uses

    /// A use that is not yet a use for used-before-definition: inside quotes, followed by
    /// "(as defined below)", or a table-of-contents entry ("2.3 Trademarks   12").
    static func isQuotedOrForwardReference(_ start: Int, _ end: Int, in bytes: [UInt8]) -> Bool {
        if start > 0, bytes[start - 1] == 0x22 || bytes[start - 1] == 0x9C { return true }
        // `Certificate of Analysis (COA)`: defined without quotes; `ARTICLE I [Term]`: a heading.
        if start > 0, end < bytes.count, (bytes[start - 1] == 0x28 && bytes[end] == 0x29) || (bytes[start - 1] == 0x5B && bytes[end] == 0x5D) { return true }
        return isForwardReference(end, in: bytes)
    }

    /// `(as defined below)`, `(as such terms are defined below)`, `(as hereinafter defined)`
    /// after a use: the author points at a definition further on.
    static func isForwardReference(_ end: Int, in bytes: [UInt8]) -> Bool {
        // The common case, ASCII without carriage returns, on the bytes: each byte is then one
        // Character, so the String tests below (a lower-cased String, `drop`, `hasPrefix`,
        // Character counts) come to byte tests, without building Strings for every use of a term.
        let windowEnd = min(bytes.count, end + 45)
        if bytes[end..<windowEnd].allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            @inline(__always) func contains(_ needle: [UInt8]) -> Bool { StructuralText.loweredContains(needle, in: bytes, end..<windowEnd) }
            if contains(ForwardWords.definedBelow) || contains(ForwardWords.asDefined) || contains(ForwardWords.hereinafterDefined) || contains(ForwardWords.definedIn) { return true }
            if isPluralAnnouncement(end, in: bytes) { return true }
            var start = end
            while start < windowEnd, bytes[start] == 0x20 { start += 1 }
            @inline(__always) func hasPrefix(_ prefix: [UInt8]) -> Bool {
                guard start + prefix.count <= windowEnd else { return false }
                for offset in 0..<prefix.count where StructuralText.lower(bytes[start + offset]) != prefix[offset] { return false }
                return true
            }
            if hasPrefix(ForwardWords.openAs), contains(ForwardWords.defined) || contains(ForwardWords.detined) { return true }
            for verb in ForwardWords.unquotedDefinitionVerbs where hasPrefix(verb) { return true }
            if hasPrefix(ForwardWords.of), windowEnd - start >= 7, (start + 3..<start + 7).allSatisfy({ StructuralText.isDigit(bytes[$0]) }) { return true }
            return false
        }
        let window = String(decoding: bytes[end..<min(bytes.count, end + 45)].map(StructuralText.lower), as: UTF8.self)
        if window.containsBytes("defined below") || window.containsBytes("as defined") || window.containsBytes("hereinafter defined") || window.containsBytes("defined in") { return true }
        // `(as such terms are defined below)`, `(as hereinafter  defined)`, `(as detined herein)`.
        // `for Qualifying Servers based on the SLA Target Percentage (as such terms are defined
        // below)`: a plural announcement covers the terms before it in the sentence.
        if isPluralAnnouncement(end, in: bytes) { return true }
        let trimmed = window.drop { $0 == " " }
        if trimmed.hasPrefix("(as "), window.containsBytes("defined") || window.containsBytes("detined") { return true }
        // `(b) Confidential Information has the meaning specified in Section 14`: an unquoted
        // definition or index entry, not a use.
        for verb in unquotedDefinitionVerbs where trimmed.hasPrefix(verb) { return true }
        // `the Investment Advisers Act of 1940`: the full name the term abbreviates.
        if trimmed.hasPrefix("of "), trimmed.dropFirst(3).prefix(4).allSatisfy(\.isNumber), trimmed.count >= 7 { return true }
        return false
    }

    static let definedBytes = Array("defined".utf8)

    /// `(as such terms are defined below)` within the sentence after `end` (part of
    /// `isForwardReference`).
    static func isPluralAnnouncement(_ end: Int, in bytes: [UInt8]) -> Bool {
        if end + 45 < bytes.count {
            var stop = end
            var sawDefined = false
            while stop < min(bytes.count, end + 140), !(bytes[stop] == 0x2E && stop + 1 < bytes.count && bytes[stop + 1] == 0x20) {
                if bytes[stop] == 0x64, stop + 7 <= bytes.count, bytes[stop..<(stop + 7)].elementsEqual(definedBytes) { sawDefined = true }
                stop += 1
            }
            if sawDefined {
                let wide = String(decoding: bytes[end..<stop].map(StructuralText.lower), as: UTF8.self)
                if wide.containsBytes("such terms are defined") || wide.containsBytes("each as defined") { return true }
            }
        }
        return false
    }

    /// The words `isForwardReference` looks for, as bytes (built once).
    enum ForwardWords {
        static let definedBelow = Array("defined below".utf8)
        static let asDefined = Array("as defined".utf8)
        static let hereinafterDefined = Array("hereinafter defined".utf8)
        static let definedIn = Array("defined in".utf8)
        static let openAs = Array("(as ".utf8)
        static let defined = Array("defined".utf8)
        static let detined = Array("detined".utf8)
        static let of = Array("of ".utf8)
        static let unquotedDefinitionVerbs = DefinedTermAnalyzer.unquotedDefinitionVerbs.map { Array($0.utf8) }
    }

    static let unquotedDefinitionVerbs = ["has the meaning", "shall have the meaning", "means ", "shall mean "]

    /// `Term` alone on its line (a centred heading) or `Territory: …` opening a line (a form's
    /// field label).
    static func isLineLabel(_ start: Int, _ end: Int, in bytes: [UInt8]) -> Bool {
        var before = start
        while before > 0, bytes[before - 1] == 0x20 || bytes[before - 1] == 0x09 { before -= 1 }
        guard before == 0 || bytes[before - 1] == 0x0A else { return false }
        var after = end
        while after < bytes.count, bytes[after] == 0x20 { after += 1 }
        return after >= bytes.count || bytes[after] == 0x0A || bytes[after] == 0x3A
    }

    /// The line holding `offset` has no lower-case word but joiners (`of`, `and`, `the`, …):
    /// `Quality Agreement Royalty Payments Royalty Report Rules`, a line of an index of defined
    /// terms whose section numbers follow on the next line, or a title; not prose.
    static func isTitleLine(_ offset: Int, in bytes: [UInt8]) -> Bool {
        var start = offset
        while start > 0, bytes[start - 1] != 0x0A { start -= 1; if offset - start > 400 { return false } }
        var end = offset
        while end < bytes.count, bytes[end] != 0x0A { end += 1; if end - offset > 400 { return false } }
        var index = start
        var words = 0
        while index < end {
            guard StructuralText.isLetter(bytes[index]), index == start || !StructuralText.isWordByte(bytes, index - 1) else { index += 1; continue }
            var wordEnd = index
            while wordEnd < end, StructuralText.isLetter(bytes[wordEnd]) { wordEnd += 1 }
            // `11.3(a)(i)`: a list label in parentheses, not a word.
            let isLabel = index > start && bytes[index - 1] == 0x28 && wordEnd < end && bytes[wordEnd] == 0x29 && wordEnd - index <= 4
            if StructuralText.isLower(bytes[index]), !isLabel, !titleJoiners.contains(String(decoding: bytes[index..<wordEnd], as: UTF8.self)) { return false }
            words += 1
            index = wordEnd
        }
        return words >= 3
    }

    /// `Section 12 (Confidentiality and User Data)`: inside the parenthesised title of a
    /// referenced clause, which names the term without using it.
    static func isInReferencedTitle(_ offset: Int, in bytes: [UInt8]) -> Bool {
        var open = offset
        while open > 0, offset - open < 80 {
            let byte = bytes[open - 1]
            if byte == 0x29 || byte == 0x0A || byte == 0x2E { return false }
            if byte == 0x28 { break }
            open -= 1
        }
        guard open > 0, bytes[open - 1] == 0x28 else { return false }
        var index = open - 1
        while index > 0, bytes[index - 1] == 0x20 { index -= 1 }
        let numberEnd = index
        while index > 0, StructuralText.isDigit(bytes[index - 1]) || bytes[index - 1] == 0x2E { index -= 1 }
        guard index < numberEnd, StructuralText.isDigit(bytes[index]) else { return false }
        while index > 0, bytes[index - 1] == 0x20 { index -= 1 }
        let window = String(decoding: bytes[max(0, index - 10)..<index].map(StructuralText.lower), as: UTF8.self)
        return ["section", "clause", "article", "paragraph"].contains { window.hasSuffix($0) }
    }

    static let titleJoiners: Set<String> = ["of", "and", "or", "the", "to", "for", "in", "on", "by", "with", "a", "an", "as", "at"]

    /// A table-of-contents entry: the term followed by dots or spaces and a page number.
    static func isTableOfContentsEntry(_ end: Int, in bytes: [UInt8]) -> Bool {
        var next = end
        while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x2E { next += 1 }
        if next > end + 1, next < bytes.count, StructuralText.isDigit(bytes[next]) { return true }
        return false
    }

    /// `… any such claim. Confidential Information. Each Party agrees …`: a clause heading run
    /// into the text (PDF extraction), at a sentence start and closed by a period.
    static func isRunInHeading(_ start: Int, _ end: Int, in bytes: [UInt8]) -> Bool {
        guard end + 2 < bytes.count, bytes[end] == 0x2E || bytes[end] == 0x3A, bytes[end + 1] == 0x20 || bytes[end + 1] == 0x0A else { return false }
        var before = start
        while before > 0, bytes[before - 1] == 0x20 { before -= 1 }
        // `b) Return of the Items: the Repairer shall …`: a colon after a list label.
        if bytes[end] == 0x3A { return before < start && before > 0 && bytes[before - 1] == 0x29 }
        // After a line break, a sentence's period, or a list label (`(xxxviii) Investment Company Act.`).
        return before == 0 || bytes[before - 1] == 0x0A || (before < start && (bytes[before - 1] == 0x2E || bytes[before - 1] == 0x29))
    }

    /// `4.1 General Manager`, `9. Confidential Information`, `1.41 PHL GIE Persons.`: only a
    /// clause number (with a dot) before the word on its line, or after a sentence: a heading or
    /// a table-of-contents entry, which names the term before the text defines it.
    static func isNumberedHeading(_ start: Int, in bytes: [UInt8]) -> Bool {
        var index = start
        while index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { index -= 1 }
        guard index < start else { return false }
        let numberEnd = index
        var sawDot = false
        while index > 0, StructuralText.isDigit(bytes[index - 1]) || bytes[index - 1] == 0x2E {
            if bytes[index - 1] == 0x2E { sawDot = true }
            index -= 1
        }
        guard index < numberEnd, StructuralText.isDigit(bytes[index]) else { return false }
        // `1 Supply of Ingredients`: a number without a dot counts only alone at a line start.
        if !sawDot { return numberEnd - index <= 2 && numberEnd + 1 == start && (index == 0 || bytes[index - 1] == 0x0A) }
        return index == 0 || StructuralText.isSpace(bytes[index - 1])
    }

    /// `Relocation Fee 15   6.8 …`, `Infringement Actions 11.4(a)`: a term followed by a page or
    /// section number, as in a table of contents or an index of defined terms.
    static func isIndexEntry(_ end: Int, in bytes: [UInt8]) -> Bool {
        if isTableOfContentsEntry(end, in: bytes) { return true }
        guard end + 1 < bytes.count, bytes[end] == 0x20, StructuralText.isDigit(bytes[end + 1]) else { return false }
        var index = end + 1
        while index < bytes.count, StructuralText.isDigit(bytes[index]) { index += 1 }
        guard index < bytes.count else { return true }
        // A section number (`11.4`, `4.6(d)`), or a page number followed by the next entry.
        if (bytes[index] == 0x2E && index + 1 < bytes.count && StructuralText.isDigit(bytes[index + 1])) || bytes[index] == 0x28 { return true }
        // `Capital Contributions 15. Each of the Members …`: a heading before its clause number.
        if index + 2 < bytes.count, bytes[index] == 0x2E, bytes[index + 1] == 0x20, StructuralText.isUpper(bytes[index + 2]) { return true }
        // `Thousand Oaks, CA 91320`: a postal code.
        if index - end > 5 { return true }
        var next = index
        while next < bytes.count, bytes[next] == 0x20 { next += 1 }
        return next >= bytes.count || bytes[next] == 0x0A || (next > index && StructuralText.isDigit(bytes[next]))
    }

    /// `…, its General Partner` at the end of a line that begins `By:`: a signatory's capacity.
    static func isSignatureTitle(_ determinerStart: Int, _ end: Int, in bytes: [UInt8]) -> Bool {
        guard determinerStart + 3 <= bytes.count, bytes[determinerStart + 1] == 0x74, bytes[determinerStart + 2] == 0x73 else { return false }   // "its"
        var lineStart = determinerStart
        while lineStart > 0, bytes[lineStart - 1] != 0x0A, determinerStart - lineStart < 200 { lineStart -= 1 }
        while lineStart < determinerStart, bytes[lineStart] == 0x20 { lineStart += 1 }
        return lineStart + 2 < determinerStart && bytes[lineStart] == 0x42 && bytes[lineStart + 1] == 0x79 && (bytes[lineStart + 2] == 0x3A || bytes[lineStart + 2] == 0x20)
    }

    /// The end of a use of `term` at `index` (also `Terms`, `Term's`, `Parties` for `Party`), or nil.
    static func match(_ term: [UInt8], at index: Int, in bytes: [UInt8]) -> Int? {
        let count = bytes.count
        var position = index
        var termIndex = 0
        while termIndex < term.count {
            guard position < count else { return nil }
            let expected = term[termIndex]
            let actual = bytes[position]
            if expected == 0x20 {
                // Any run of spaces or a line break matches a space.
                guard StructuralText.isSpace(actual) else { return nil }
                while position < count, StructuralText.isSpace(bytes[position]) { position += 1 }
                termIndex += 1
                continue
            }
            if actual != expected {
                // `Party` → `Parties`.
                if expected == 0x79, termIndex == term.count - 1, position + 2 < count, bytes[position] == 0x69, bytes[position + 1] == 0x65, bytes[position + 2] == 0x73,
                   !StructuralText.isWordByte(bytes, position + 3) {
                    return position + 3
                }
                return nil
            }
            position += 1
            termIndex += 1
        }
        if !StructuralText.isWordByte(bytes, position) && !(position < count && bytes[position] == 0x2D && StructuralText.isWordByte(bytes, position + 1)) { return position }
        // Plural and possessive forms.
        if position < count, bytes[position] == 0x73, !StructuralText.isWordByte(bytes, position + 1) { return position + 1 }
        if position + 1 < count, bytes[position] == 0x65, bytes[position + 1] == 0x73, !StructuralText.isWordByte(bytes, position + 2) { return position + 2 }
        return nil
    }

    static func titleCased(_ term: [UInt8]) -> [UInt8] {
        var result = term
        var wordStart = true
        for index in result.indices {
            if StructuralText.isLetter(result[index]) {
                if !wordStart { result[index] = StructuralText.lower(result[index]) }
                wordStart = false
            } else { wordStart = true }
        }
        return result
    }

    static let determiners: Set<String> = ["the", "such", "any", "each", "this", "said", "all", "every", "no", "either", "its", "their"]

    static func isDeterminer(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count <= 5, let first = word.first, StructuralText.isLower(first) else { return false }
        return determiners.contains(String(decoding: word, as: UTF8.self))
    }

    /// The end of a run of title-case words (`Statement`, `Work Product`) from `start`, at most
    /// five words; a word needs an upper-case first letter and a lower-case letter after it.
    static func titleCaseRun(from start: Int, in bytes: [UInt8]) -> Int {
        var index = start
        var end = start
        var words = 0
        while index < bytes.count, StructuralText.isUpper(bytes[index]), words < 5 {
            var wordEnd = index + 1
            var sawLower = false
            while wordEnd < bytes.count, StructuralText.isLetter(bytes[wordEnd]) || bytes[wordEnd] == 0x2D {
                if StructuralText.isLower(bytes[wordEnd]) { sawLower = true } else if StructuralText.isUpper(bytes[wordEnd]), bytes[wordEnd - 1] != 0x2D { sawLower = false; break }
                wordEnd += 1
            }
            guard sawLower, wordEnd - index >= 2, !StructuralText.isWordByte(bytes, wordEnd) || bytes[wordEnd] == 0xE2 || (bytes[wordEnd] == 0x27) else { break }
            if wordEnd < bytes.count, bytes[wordEnd] == 0x27 { end = wordEnd; words += 1; break }   // possessive ends the phrase
            end = wordEnd
            words += 1
            guard wordEnd + 1 < bytes.count, bytes[wordEnd] == 0x20 else { break }
            var next = wordEnd
            while next < bytes.count, bytes[next] == 0x20, next - wordEnd < 12 { next += 1 }
            // "Power of Attorney", "Terms and Conditions": one name.
            for joiner in ["of ", "and ", "for "] {
                let joinerBytes = Array(joiner.utf8)
                guard next + joinerBytes.count < bytes.count, bytes[next..<(next + joinerBytes.count)].elementsEqual(joinerBytes) else { continue }
                // Layout may pad the joiner (`Terms of  Reference`).
                var after = next + joinerBytes.count
                while after < bytes.count, bytes[after] == 0x20, after - next < 12 { after += 1 }
                if after < bytes.count, StructuralText.isUpper(bytes[after]) { next = after }
                break
            }
            index = next
        }
        return end
    }

    // MARK: Undefined terms

    /// Capitalised words that are names, titles or institutions rather than defined terms.
    static let properNounWords: Set<String> = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "United", "States", "State", "Kingdom", "Commonwealth", "Republic", "People", "Province", "County", "City", "District", "Territory of", "Federation", "Borough",
        "Internet", "Web", "World", "Wide", "Board", "Directors", "Commission", "Securities", "Exchange", "Nasdaq", "Court", "Courts", "Government",
        "Department", "Office", "Federal", "Bankruptcy", "Code", "Act", "Acts", "Rules", "Regulation", "Regulations", "Agreement", "Agreements",
        "Amendment", "Inc", "Corporation", "Company", "Bank", "University", "Association", "Institute", "Foundation", "Trust", "Fund",
        "Administration", "Agency", "Bureau", "Council", "Authority", "Organization", "Organisation", "Group", "Partners",
        "Chairman", "President", "Officer", "Chief", "Executive", "Secretary", "Treasurer", "Director", "Manager", "Vice",
        "English", "French", "German", "Spanish", "Chinese", "Japanese", "European", "American", "Canadian", "British",
        "Dollars", "Dollar", "Euro", "Euros", "Pounds", "Sterling", "Street", "Avenue", "Road", "Suite", "Floor", "Building",
        "Party", "Parties", "Exhibit", "Exhibits", "Schedule", "Schedules", "Section", "Sections", "Article", "Articles", "Annex", "Appendix",
        "Attachment", "Addendum", "Clause", "Clauses", "Paragraph", "Recitals", "Preamble", "Table", "Contents",
        "Lord", "God", "Christmas", "Day", "Eve", "Year", "New", "Good", "Memorial", "Labor", "Independence", "Thanksgiving",
        "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Pacific", "Atlantic", "Standard", "Time",
        "Mr", "Mrs", "Ms", "Dr", "Esq", "Attn", "Attention", "Facsimile", "Fax", "Email", "Telephone", "Tel", "Phone",
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia", "Hawaii",
        "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
        "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "Hampshire", "Jersey", "Mexico", "York", "Carolina",
        "Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
        "Washington", "Wisconsin", "Wyoming", "Columbia", "China", "Japan", "India", "Canada", "England", "Wales", "Scotland", "Ireland",
        "Germany", "France", "Israel", "Korea", "Singapore", "Hong", "Kong", "Taiwan", "Europe", "Asia", "America", "Africa", "Australia",
        "Book", "Chamber", "Commerce", "Arbitration", "Conditions", "Attorney", "Lease", "Manual", "Guide", "Policy", "Handbook",
        "Tariff", "Channel", "Site", "Website", "Network", "Institute", "Center", "Centre", "Hospital", "Clinic", "School", "College",
        // Statutes, and structural words like Section (`ITEM 100` of a tariff, `Paragraphs`).
        "Statute", "Statutes", "Item", "Items", "Paragraphs", "Subsection", "Subsections", "Exhibits", "Attachments", "Annexes", "Appendices",
        // More structural words, and names that read like terms.
        "Subparagraph", "Subparagraphs", "Crown", "Caribbean", "Trustees", "Addenda", "Constitution",
        // Job titles.
        "Engineer", "Engineers", "Technician", "Technicians", "Counsel", "Supervisor", "Supervisors", "Presidents", "Officers", "Managers", "Chairmen",
        // Venues and places, named like institutions (`the Tian He Stadium`), and a document's
        // own kind like `Agreement` (`this Project Memorandum`).
        "Stadium", "Arena", "Hotel", "Airport", "Museum", "Theatre", "Theater", "Plaza", "Island", "Islands", "River", "Lake", "Memorandum",
        // Treaties, named like statutes (`the Convention on Biological Diversity`).
        "Convention", "Treaty", "Annexure", "Annexures",
        // Sports and other bodies named like institutions (`the National Football League`, `the
        // Champion's Tour`).
        "League", "Leagues", "Tour", "Tours", "Club", "Clubs", "Society", "Federations", "Union",
        // Public registries (`the Registrar of Companies, Delhi and Haryana`).
        "Registrar", "Registry", "Consortium",
        // `such Part` of `Part 3 of Exhibit "A"`: a part of a document, like a Section.
        "Part",
        // Documents of a company's charter (`the Bylaws`, `the By-Laws`).
        "Bylaws", "By-Laws", "By-laws", "Incorporation",
    ]

    /// Documents and bodies set by law or by a company's charter (`the Franchise Disclosure
    /// Document`, `the General Meeting`): names a reviewer does not ask to be defined. Lower case.
    static let charterPhrases = ["disclosure document", "general meeting", "annual meeting", "shareholders meeting", "shareholders' meeting",
                                 "stockholders meeting", "stockholders' meeting", "memorandum of association"]

    /// Capitalised phrases right before `means` / `shall mean` (`(b) Software means …`): terms
    /// some definitions lists define without quotes.
    static let meanBytes = Array("mean".utf8)
    static let colonSpace = Array(": ".utf8)
    static let shallBytes = Array(" shall".utf8)
    static let orBytes = Array("or".utf8)
    static let andBytes = Array("and".utf8)

    static func unquotedDefinitions(in bytes: [UInt8]) -> Set<String> {
        var result = Set<String>()
        // Searched from "mean" (a space would stop the byte search at every word).
        for found in ByteSearch.occurrences(of: meanBytes, in: bytes) where found > 0 && bytes[found - 1] == 0x20 {
            var end = found - 1
            let shall = shallBytes
            if end >= shall.count, bytes[(end - shall.count)..<end].elementsEqual(shall) { end -= shall.count }
            // Capitalised words back from `end`, at most six.
            var start = end
            var words = 0
            while words < 6, start > 0 {
                var wordStart = start
                while wordStart > 0, bytes[wordStart - 1] == 0x20 { wordStart -= 1 }
                let wordEnd = wordStart
                while wordStart > 0, StructuralText.isLetter(bytes[wordStart - 1]) || bytes[wordStart - 1] == 0x2D { wordStart -= 1 }
                guard wordStart < wordEnd, StructuralText.isUpper(bytes[wordStart]) else { break }
                start = wordStart
                words += 1
            }
            if start < end { result.insert(StructuralText.collapsingSpaces(bytes[start..<end])) }
        }
        // `Closing Date: The date of the Closing.` at a line start: a glossary entry.
        for colon in ByteSearch.occurrences(of: colonSpace, in: bytes) {
            var start = colon
            while start > 0, bytes[start - 1] != 0x0A, colon - start < 60 { start -= 1 }
            guard start == 0 || bytes[start - 1] == 0x0A else { continue }
            while start < colon, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            guard start < colon, StructuralText.isUpper(bytes[start]), colon + 2 < bytes.count, StructuralText.isUpper(bytes[colon + 2]) else { continue }
            result.insert(StructuralText.collapsingSpaces(bytes[start..<colon]))
        }
        return result
    }

    /// `Incorporated Documents. All documents that …` opening a line or set off by layout spaces:
    /// an entry of a glossary that defines terms without quotes.
    static func isGlossaryEntry(_ term: String, in bytes: [UInt8]) -> Bool {
        let needle = Array((term + ". ").utf8)
        for found in ByteSearch.occurrences(of: needle, in: bytes) {
            let next = found + needle.count
            guard next < bytes.count, StructuralText.isUpper(bytes[next]) else { continue }
            var before = found
            while before > 0, bytes[before - 1] == 0x20 || bytes[before - 1] == 0x09 { before -= 1 }
            if found - before >= 3 || before == 0 { return true }
            // At a line start after a blank line or a finished sentence (not a sentence the PDF
            // text broke in two: `… until the⏎Annual Meeting. Therefore, …`).
            guard bytes[before - 1] == 0x0A else { continue }
            var previous = before - 1
            while previous > 0, StructuralText.isSpace(bytes[previous - 1]), bytes[previous - 1] != 0x0A { previous -= 1 }
            if previous == 0 || bytes[previous - 1] == 0x0A || bytes[previous - 1] == 0x2E || bytes[previous - 1] == 0x3A || bytes[previous - 1] == 0x3B { return true }
        }
        return false
    }

    static let unitNouns: Set<String> = ["department", "departments", "division", "divisions", "channel", "channels"]

    /// After a phrase: more capitalised names joined by `&`, `,`, `and`, `or`, then a noun for a
    /// unit of an organisation or a website (`department`, `division`, `channel`).
    static func namesAUnit(_ end: Int, in bytes: [UInt8]) -> Bool {
        var index = end
        var words = 0
        while index < min(bytes.count, end + 120), words < 8 {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x2C || bytes[index] == 0x26 || bytes[index] == 0x0A { index += 1 }
            let start = index
            while index < bytes.count, StructuralText.isLetter(bytes[index]) { index += 1 }
            guard index > start else { return false }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            if unitNouns.contains(word) { return true }
            guard StructuralText.isUpper(bytes[start]) || word == "and" || word == "or" else { return false }
            words += 1
        }
        return false
    }

    /// Words that end a company's name (`Acme Research, Inc.`, `Acme Research Co., Ltd.`).
    static let companySuffixes: [[UInt8]] = ["Inc", "Incorporated", "LLC", "L.L.C", "Ltd", "Limited", "Corporation", "Corp", "Co.",
                                             "L.P", "LP", "LLP", "GmbH", "AG", "S.A", "SA", "S.p.A", "plc", "PLC", "B.V", "N.V", "Pty",
                                             "INC", "INCORPORATED", "CORPORATION", "CORP", "LTD"].map { Array($0.utf8) }

    /// `the Acme Research` where the text also writes `Acme Research, Inc.` (or `Co., Ltd.`,
    /// `GmbH`, …): a company's short name, not a defined term. Company names are written without
    /// a definition when the parties mention a third party in passing.
    /// Also `the Sabco` where the text writes `SABCO RACING, INC.`: the term, in capitals or as
    /// written, opening a name of at most two more capitalised words before the suffix.
    static func isCompanyName(_ term: String, in bytes: [UInt8]) -> Bool {
        let needle = Array(term.utf8)
        let upper = Array(term.uppercased().utf8)
        for written in needle == upper ? [needle] : [needle, upper] {
            if isCompanyName(written, in: bytes) { return true }
        }
        return false
    }

    static func isCompanyName(_ needle: [UInt8], in bytes: [UInt8]) -> Bool {
        for found in ByteSearch.occurrences(of: needle, in: bytes) {
            if found > 0, StructuralText.isLetter(bytes[found - 1]) { continue }
            if found + needle.count < bytes.count, StructuralText.isLetter(bytes[found + needle.count]) { continue }
            if isCompanySuffix(after: found + needle.count, in: bytes) { return true }
            // The name goes on: the term must open it (no capitalised word right before it).
            var back = found
            while back > 0, bytes[back - 1] == 0x20 { back -= 1 }
            var wordStart = back
            while wordStart > 0, StructuralText.isLetter(bytes[wordStart - 1]) { wordStart -= 1 }
            if back < found, wordStart < back, StructuralText.isUpper(bytes[wordStart]) { continue }
            var next = found + needle.count
            for _ in 0..<2 {
                guard next + 1 < bytes.count, bytes[next] == 0x20, StructuralText.isUpper(bytes[next + 1]) else { break }
                next += 1
                while next < bytes.count, StructuralText.isLetter(bytes[next]) || bytes[next] == 0x26 { next += 1 }
                if isCompanySuffix(after: next, in: bytes) { return true }
            }
        }
        return false
    }

    /// `Confidential Treatment Requested and the Redacted Material has been filed …` on every
    /// page: a phrase whose first use, with up to 40 bytes of its line before and 24 after, is
    /// printed at least three times, and whose uses nearly all (four in five) follow the same 40
    /// bytes, is part of a legend or page header, not a term of the contract. (A sentence
    /// pattern repeated with a different ending, `… or any Open Source Software and does not …`,
    /// `… or any Open Source Software infringes …`, or a list repeated in a few of many uses,
    /// `the Registration Statement, any Preliminary Prospectus, the Prospectus or …`, is not.)
    static func isRepeatedLegend(_ use: UndefinedTermUse, in bytes: [UInt8]) -> Bool {
        guard use.count >= 3 else { return false }
        var start = use.range.lowerBound
        while start > 0, use.range.lowerBound - start < 40, bytes[start - 1] != 0x0A { start -= 1 }
        var end = use.range.upperBound
        while end < bytes.count, end - use.range.upperBound < 24, bytes[end] != 0x0A { end += 1 }
        guard use.range.lowerBound - start >= 16, end - use.range.upperBound >= 16 else { return false }
        // Nearly every use after the same lead, and the first use's line printed three times.
        return ByteSearch.occurrences(of: Array(bytes[start..<use.range.upperBound]), in: bytes).count * 5 >= use.count * 4
            && ByteSearch.occurrences(of: Array(bytes[start..<end]), in: bytes).count >= 3
    }

    /// `('Claim')`, `‘Claim’`: a term defined in single quotes somewhere in the text.
    static func isSingleQuoted(_ term: String, in bytes: [UInt8]) -> Bool {
        let needle = Array(term.utf8)
        for found in ByteSearch.occurrences(of: needle, in: bytes) where found > 0 {
            let end = found + needle.count
            if bytes[found - 1] == 0x27, end < bytes.count, bytes[end] == 0x27 { return true }
            if found >= 3, bytes[found - 3] == 0xE2, bytes[found - 2] == 0x80, bytes[found - 1] == 0x98,
               end + 2 < bytes.count, bytes[end] == 0xE2, bytes[end + 1] == 0x80, bytes[end + 2] == 0x99 { return true }
        }
        return false
    }

    /// `, Inc.`, ` LLC`, `, INC.`: a company suffix right after `end`.
    static func isCompanySuffix(after end: Int, in bytes: [UInt8]) -> Bool {
        var next = end
        if next < bytes.count, bytes[next] == 0x2C { next += 1 }
        let spaces = next
        while next < bytes.count, bytes[next] == 0x20, next - spaces < 3 { next += 1 }
        guard next > end else { return false }
        for suffix in companySuffixes where next + suffix.count <= bytes.count && bytes[next..<(next + suffix.count)].elementsEqual(suffix) {
            let suffixEnd = next + suffix.count
            if suffixEnd >= bytes.count || !StructuralText.isLetter(bytes[suffixEnd]) { return true }
        }
        return false
    }

    /// True when an odd number of straight quotes (or more curly opening than closing quotes)
    /// lie between the start of the line and `offset`: the text there is quoted.
    static func isInsideQuotation(_ offset: Int, in bytes: [UInt8]) -> Bool {
        var start = offset
        while start > 0, bytes[start - 1] != 0x0A { start -= 1; if offset - start > 2000 { return false } }
        var straight = 0
        var curly = 0
        var index = start
        while index < offset {
            if bytes[index] == 0x22 { straight += 1 } else if bytes[index] == 0xE2, index + 2 < offset, bytes[index + 1] == 0x80 {
                if bytes[index + 2] == 0x9C { curly += 1 } else if bytes[index + 2] == 0x9D { curly -= 1 }
            }
            index += 1
        }
        guard straight % 2 == 1 || curly > 0 else { return false }
        // The quotation closes soon after (a stray quote earlier on the line opens nothing).
        var after = offset
        while after < min(bytes.count, offset + 200), bytes[after] != 0x0A {
            if bytes[after] == 0x22 || (bytes[after] == 0xE2 && after + 2 < bytes.count && bytes[after + 1] == 0x80 && bytes[after + 2] == 0x9D) { return true }
            after += 1
        }
        return false
    }

    static let attachmentLeads = ["contained in ", "set forth in ", "set forth on ", "set out in ", "set out on ", "attached as ", "attached hereto as ", "described in ",
                                  "listed in ", "listed on ", "as listed in ", "identified in ", "identified on ", "in ", "on ", "("]
    static let attachmentWords = ["annex", "exhibit", "schedule", "appendix", "attachment", "addendum"]

    /// After a phrase (lower-cased text): `contained in Annex 1`, `set out in Schedule B`, `(Exhibit
    /// C)`: the attachment that holds the named document or list, layout spaces ignored.
    static func isIdentifiedByAttachment(_ end: Int, in lowered: [UInt8]) -> Bool {
        var text: [UInt8] = []
        var index = end
        while index < lowered.count, index - end < 80, text.count < 40 {
            let byte = lowered[index] == 0x0A ? 0x20 : lowered[index]
            if !(byte == 0x20 && (text.isEmpty || text.last == 0x20)) { text.append(byte) }
            index += 1
        }
        var rest = Substring(String(decoding: text, as: UTF8.self))
        // `the Product Specifications, identified in Schedule A`.
        if rest.hasPrefix(", ") { rest = rest.dropFirst(2) }
        for lead in attachmentLeads where rest.hasPrefix(lead) {
            let tail = rest.dropFirst(lead.count)
            if attachmentWords.contains(where: { tail.hasPrefix($0) }) { return true }
        }
        return false
    }

    /// Any use of the phrase (not only the first) announced as defined elsewhere (`(as defined in
    /// …)`), defined in an unquoted parenthesis (`(hereafter the Water Meter)`), or identified by its attachment (`the Asset Register
    /// (Schedule A)`, `listed in the Asset Register and contained in Schedule A`), or the phrase in
    /// the title of an attachment (`Schedule A:⏎⏎Equipment List — Asset Register`).
    static func isPlacedOrDefinedElsewhere(_ term: String, in bytes: [UInt8], lowered: [UInt8]) -> Bool {
        let needle = Array(term.utf8)
        let andBytes = Array(" and ".utf8)
        for found in ByteSearch.occurrences(of: needle, in: bytes) {
            let end = found + needle.count
            guard end >= bytes.count || !StructuralText.isLetter(bytes[end]) else { continue }
            if isIdentifiedByAttachment(end, in: lowered) { return true }
            // The rest only for the whole phrase, not the end of a longer name (`Associated
            // Allscripts Software (as defined in …)`, `the Astellas Territory (as defined below)`).
            var before = found
            while before > 0, bytes[before - 1] == 0x20, found - before < 4 { before -= 1 }
            if before > 0, StructuralText.isLetter(bytes[before - 1]) {
                var wordStart = before - 1
                while wordStart > 0, StructuralText.isLetter(bytes[wordStart - 1]) { wordStart -= 1 }
                if StructuralText.isUpper(bytes[wordStart]) { continue }
            }
            // `a Standby Issuer (as defined in the Acknowledgement Agreement)` at another use: the
            // definition is in another document (not `(as defined below)`, which may promise
            // nothing).
            var next = end
            while next < lowered.count, lowered[next] == 0x20, next - end < 4 { next += 1 }
            if next + asDefined.count <= lowered.count, lowered[next..<(next + asDefined.count)].elementsEqual(asDefined) { return true }
            // `(hereafter the Water Meter)`, `(Developer )`: a definition in a parenthesis, unquoted.
            if next < bytes.count, bytes[next] == 0x29, isParenthesisOpening(found, in: lowered) { return true }
            if end + andBytes.count < lowered.count, lowered[end..<(end + andBytes.count)].elementsEqual(andBytes),
               isIdentifiedByAttachment(end + andBytes.count, in: lowered) { return true }
            // The title ends with the phrase: a line end or layout spaces follow (`Exhibit A
            // Product's Description`, `Exhibit B Example Pharmacy Management …` name other things).
            let endsTitle = end >= bytes.count || bytes[end] == 0x0A || (end + 1 < bytes.count && bytes[end] == 0x20 && bytes[end + 1] == 0x20)
            if endsTitle, isInAttachmentTitle(found, in: bytes, lowered: lowered) { return true }
        }
        return false
    }

    static let asDefined = Array("(as defined in the ".utf8)
    static let parenthesisLeads = ["(hereafter the", "(hereinafter the", "(hereafter", "(hereinafter", "("]

    /// `(hereafter the ` or `(` right before `start` (lower-cased text), layout spaces ignored
    /// (`(hereafter the            Water Meter)`).
    static func isParenthesisOpening(_ start: Int, in lowered: [UInt8]) -> Bool {
        var text: [UInt8] = []
        var index = start
        while index > 0, start - index < 60, text.count < 20 {
            let byte = lowered[index - 1] == 0x0A ? 0x20 : lowered[index - 1]
            if !(byte == 0x20 && (text.isEmpty || text.last == 0x20)) { text.append(byte) }
            index -= 1
        }
        if text.first == 0x20 { text.removeFirst() }
        let before = String(decoding: text.reversed(), as: UTF8.self)
        return parenthesisLeads.contains { before.hasSuffix($0) }
    }

    /// Back from `start` (at most 80 bytes, three lines): only a label and at most three capitalised
    /// words, dashes, colons and layout, up to an attachment word opening a line (`Schedule A:`,
    /// `EXHIBIT B -`).
    static func isInAttachmentTitle(_ start: Int, in bytes: [UInt8], lowered: [UInt8]) -> Bool {
        var index = start
        var lines = 0
        var words = 0
        while index > 0, start - index < 80 {
            let byte = bytes[index - 1]
            if byte == 0x0A {
                lines += 1
                if lines > 3 { return false }
                index -= 1
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x3A || byte == 0x2D || byte == 0x2E || byte >= 0x80 { index -= 1; continue }
            guard StructuralText.isLetter(byte) || StructuralText.isDigit(byte) else { return false }
            var wordStart = index - 1
            while wordStart > 0, StructuralText.isLetter(bytes[wordStart - 1]) || StructuralText.isDigit(bytes[wordStart - 1]) { wordStart -= 1 }
            let word = String(decoding: lowered[wordStart..<index], as: UTF8.self)
            if attachmentWords.contains(word) {
                var lineStart = wordStart
                while lineStart > 0, bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
                return lineStart == 0 || bytes[lineStart - 1] == 0x0A
            }
            // A label (`A`, `1`, `IV`) or a capitalised title word.
            guard StructuralText.isUpper(bytes[wordStart]) || StructuralText.isDigit(bytes[wordStart]) else { return false }
            words += 1
            if words > 4 { return false }
            index = wordStart
        }
        return false
    }

    /// After a phrase: capitalised words, commas and `and` up to `Agreement` (a document's title).
    static func continuesIntoTitle(_ end: Int, in bytes: [UInt8]) -> Bool {
        guard end < bytes.count, bytes[end] == 0x2C || bytes[end] == 0x20 else { return false }
        var index = end
        var words = 0
        while index < min(bytes.count, end + 120), words < 10 {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x2C { index += 1 }
            let start = index
            while index < bytes.count, StructuralText.isLetter(bytes[index]) || bytes[index] == 0x26 { index += 1 }
            guard index > start else { return false }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            if word == "Agreement" { return true }
            guard StructuralText.isUpper(bytes[start]) || word == "and" || word == "&" else { return false }
            words += 1
        }
        return false
    }

    /// `Avenue of the Americas`: `of the` / `for the` right before the phrase, after a capitalised word.
    static func endsLongerName(_ start: Int, in bytes: [UInt8]) -> Bool {
        guard start >= 8 else { return false }
        let lead = String(decoding: bytes[max(0, start - 30)..<start], as: UTF8.self)
        for joiner in [" of the ", " for the ", " on the "] where lead.hasSuffix(joiner) {
            var index = start - joiner.utf8.count
            let wordEnd = index
            while index > 0, StructuralText.isLetter(bytes[index - 1]) { index -= 1 }
            return wordEnd > index && StructuralText.isUpper(bytes[index])
        }
        return false
    }

    static func filterUndefined(_ candidates: [String: (range: Range<Int>, count: Int)], document: Document, bytes: [UInt8],
                                defined: Set<String>, quoted: Set<String>, knownNames: Set<String>, minimumUses: Int) -> [UndefinedTermUse] {
        guard candidates.contains(where: { $0.value.count >= minimumUses }) else { return [] }
        let lowered = StructuralText.lowercased(bytes)
        var headings = Set<String>()
        for clause in document.allClauses { if let heading = clause.heading { headings.insert(heading.lowercased().trimmingSuffix(".")) } }
        let titleLower = String(decoding: lowered.prefix(400), as: UTF8.self)
        let definedLower = Set(defined.map { $0.lowercased() } + quoted.map { $0.lowercased() } + knownNames.map { $0.lowercased() })

        func variants(_ phrase: String) -> [String] {
            var result = [phrase]
            if phrase.hasSuffix("ies") { result.append(String(phrase.dropLast(3)) + "y") }
            if phrase.hasSuffix("es") { result.append(String(phrase.dropLast(2))) }
            if phrase.hasSuffix("s") { result.append(String(phrase.dropLast())) } else { result.append(phrase + "s") }
            // `such Loss` of `"Losses"`, `the Business` of `"Businesses"`.
            if phrase.hasSuffix("ss") { result.append(phrase + "es") }
            // `each Transaction Entity` of `"Transaction Entities"`.
            if phrase.hasSuffix("y") { result.append(String(phrase.dropLast()) + "ies") }
            // `the Handling` of a defined verb `"Handle" shall mean …`, `the Distribution` of `"Distribute"`.
            if phrase.hasSuffix("ing"), phrase.count > 6 { let stem = String(phrase.dropLast(3)); result += [stem, stem + "e"] }
            if phrase.hasSuffix("ion"), phrase.count > 6 { result.append(String(phrase.dropLast(3)) + "e") }
            return result
        }
        var result: [UndefinedTermUse] = []
        for (phrase, value) in candidates where value.count >= minimumUses {
            var lower = phrase.lowercased()
            // `the Non-[***] Notice`: a word cut by a redaction, not a name.
            if lower.hasSuffix("-") { continue }
            // `the Immuno- Biomarker Discovery Platform`: a hyphenated name with a stray space.
            if lower.contains("- ") { lower = lower.components(separatedBy: "- ").joined(separator: "-") }
            if variants(lower).contains(where: { definedLower.contains($0) || headings.contains($0) }) { continue }
            // A prefix of a defined term ("Statement" of "Statement of Work"), or a defined term plus a word.
            if definedLower.contains(where: { $0.hasPrefix(lower + " ") || lower.hasPrefix($0 + " ") }) { continue }
            // `the Nth working day`: an ordinal of a letter, not a name.
            if let first = phrase.utf8.first, phrase.utf8.count == 3, StructuralText.isUpper(first), ["th", "st", "nd", "rd"].contains(String(phrase.dropFirst())) { continue }
            let words = phrase.split(separator: " ")
            if words.contains(where: { properNounWords.contains(String($0)) }) { continue }
            // `the Franchise Disclosure Document`, `the General Meeting`: set by law or charter.
            if charterPhrases.contains(where: { lower.contains($0) }) { continue }
            // `this Contract` in a text titled `SUPPLY CONTRACT`: the contract itself.
            if lower == "contract", titleLower.containsBytes("contract") { continue }
            // `the Supply Contract`: a named contract, like `… Agreement` (a lone `Contract` may be a term).
            if words.count >= 2, words.last == "Contract" || words.last == "Contracts" { continue }
            // `the Equipment and Software`: two defined terms joined, not a third term.
            if words.contains("and") || words.contains("or") {
                let parts = phrase.components(separatedBy: " and ").flatMap { $0.components(separatedBy: " or ") }.map { $0.lowercased() }
                if parts.contains(where: { part in variants(part).contains(where: { definedLower.contains($0) }) || definedLower.contains(where: { $0.hasPrefix(part + " ") }) }) { continue }
            }
            // Followed by a code or number ("Minimum BCF", "Digital 1:1"): part of a longer name.
            var next = value.range.upperBound
            while next < bytes.count, bytes[next] == 0x20 { next += 1 }
            if next + 1 < bytes.count, next > value.range.upperBound, StructuralText.isUpper(bytes[next]) && StructuralText.isUpper(bytes[next + 1]) || StructuralText.isDigit(bytes[next]) { continue }
            // `any Class A breach`: a one-letter code after the phrase names a class or grade.
            if next + 1 < bytes.count, next > value.range.upperBound, StructuralText.isUpper(bytes[next]), bytes[next + 1] == 0x20,
               next + 2 < bytes.count, StructuralText.isLower(bytes[next + 2]) { continue }
            // Defined in another document: `the Purchase Price (as defined in the Merger Agreement)`.
            let after = value.range.upperBound
            let window = String(decoding: lowered[after..<min(lowered.count, after + 40)], as: UTF8.self)
            if window.containsBytes("as defined") || window.containsBytes("as such term") { continue }
            // `the Random Plus™ Shuffler`, `the Encompass(R) Select Card`: a brand.
            if after + 1 < bytes.count, (bytes[after] == 0xE2 && bytes[after + 1] == 0x84) || (bytes[after] == 0xC2 && bytes[after + 1] == 0xAE) { continue }
            if window.hasPrefix("(r)") || window.hasPrefix("(tm)") || window.hasPrefix("(sm)") { continue }
            // `the "Agreement Between … Regarding Cooperation in the Fields of Content, …" dated …`:
            // inside the quoted title of another document.
            if Self.isInsideQuotation(value.range.lowerBound, in: bytes) { continue }
            // `Point(s) of Delivery`: an irregular form of a longer name.
            if window.hasPrefix("(s)") { continue }
            // `the Workers' Compensation policy`, `the Sabco No. 40`: part of a longer name.
            if window.hasPrefix("' "), after + 2 < bytes.count, StructuralText.isUpper(bytes[after + 2]) { continue }
            // `the License/Services Schedule`: the first word of a name joined by a slash.
            if window.hasPrefix("/"), after + 1 < bytes.count, StructuralText.isUpper(bytes[after + 1]) { continue }
            // `the Champion's Tour`: a possessive opening an institution's name.
            if window.hasPrefix("'s ") {
                var wordEnd = after + 3
                while wordEnd < bytes.count, StructuralText.isLetter(bytes[wordEnd]) { wordEnd += 1 }
                if properNounWords.contains(String(decoding: bytes[(after + 3)..<wordEnd], as: UTF8.self)) { continue }
            }
            // `its Terms of Reference contained in Annex 1`, `the Specifications set out in
            // Schedule B`: a document identified by the attachment that holds it.
            if Self.isIdentifiedByAttachment(after, in: lowered) { continue }
            if phrase.hasSuffix(" No"), window.hasPrefix(".") { continue }
            // `the Trademark, Trade Name, Domain and Related Rights License Agreement`: part of a title.
            if Self.continuesIntoTitle(after, in: bytes) { continue }
            // `Avenue of the Americas`, `Convention on Contracts for the International Sale of Goods`.
            if Self.endsLongerName(value.range.lowerBound, in: bytes) { continue }
            // `(as hereinafter  defined)`: the author says a definition exists.
            if window.hasPrefix(" (as") || window.hasPrefix("(as"), String(window.prefix(40)).containsBytes("defined") { continue }
            // `the Cooperation agreement`: the name of another document.
            // Layout spaces may come between (`the Maintenance and Support      contract`).
            let nextWord = window.drop { $0 == " " }
            if nextWord.count < window.count, nextWord.hasPrefix("agreement") || nextWord.hasPrefix("contract") { continue }
            // `the Nutrition & Vitamins department`, `the Auctions, Books or Gourmet & Groceries
            // departments`: names of a website's or a company's units.
            if Self.namesAUnit(after, in: bytes) { continue }
            // `this Strategic Alliance` under the title `Strategic Alliance Agreement`: the
            // contract's own name (two words or more, first used after `this`; a lone `License`,
            // or `the Intellectual Property` of an Intellectual Property Agreement, may be a term).
            if words.count >= 2, value.range.lowerBound >= 5, lowered[(value.range.lowerBound - 5)..<value.range.lowerBound].elementsEqual("this ".utf8),
               titleLower.containsBytes(lower + " agreement") { continue }
            result.append(UndefinedTermUse(term: phrase, range: value.range, count: value.count))
        }
        // "Capitalised terms used but not defined herein have the meanings given in …": the
        // definitions live in another document; so do an amendment's.
        if !result.isEmpty {
            if StructuralText.isAmendment(lowered) { return [] }
            for phrase in ["capitalized terms", "capitalised terms", "not otherwise defined", "not defined herein", "not defined in this"] where !ByteSearch.occurrences(of: Array(phrase.utf8), in: lowered).isEmpty {
                return []
            }
            // `(c) Documentation means …`: defined without quotes. One scan, only when needed.
            let unquoted = unquotedDefinitions(in: bytes)
            // `Online Communities` of `1.16. Online Community shall mean`, `Banners and Newsletter
            // Ads` of `Banner shall mean` and `Newsletter Ads shall mean`: the singular or plural,
            // or a part of a joined pair.
            let unquotedLower = Set(unquoted.map { $0.lowercased() })
            func unquotedDefinition(_ term: String) -> Bool {
                let parts = term.components(separatedBy: " and ").flatMap { $0.components(separatedBy: " or ") }
                return parts.contains { variants($0.lowercased()).contains(where: unquotedLower.contains) }
            }
            result.removeAll { unquotedDefinition($0.term) || isGlossaryEntry($0.term, in: bytes) || isCompanyName($0.term, in: bytes) || isRepeatedLegend($0, in: bytes)
                || isSingleQuoted($0.term, in: bytes) || isPlacedOrDefinedElsewhere($0.term, in: bytes, lowered: lowered) }
        }
        result.sort { ($0.range.lowerBound) < ($1.range.lowerBound) }
        return result
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
