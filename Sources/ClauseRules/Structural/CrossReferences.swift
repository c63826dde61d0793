import ClauseModel

/// A reference from the contract's text to another part of it: `Section 4.2(b)`,
/// `Sections 3 through 5`, `Article III`, `§ 12`, `Schedule B`, `paragraph (c) above`.
public struct CrossReference: Hashable, Sendable {
    public enum Target: String, Hashable, Sendable {
        case section, clause, article, paragraph
        /// Schedules, exhibits, annexes, appendices, attachments, addenda.
        case attachment
    }

    /// The whole reference as written (`Sections 3 and 4`).
    public var text: String
    public var range: Range<Int>
    public var target: Target
    /// The keyword as written, lower-cased and singular (`section`, `exhibit`).
    public var keyword: String
    /// Each label the reference names (`4.2(b)`, `III`, `B`), with whether it resolved.
    public var labels: [Label]
    /// Ids of the clauses the labels resolve to.
    public var targetIDs: [String]
    /// The clause the reference is written in.
    public var clauseID: String?

    public struct Label: Hashable, Sendable {
        public var text: String
        public var resolved: Bool
    }

    public var isResolved: Bool { labels.allSatisfy(\.resolved) }
    public var unresolvedLabels: [String] { labels.filter { !$0.resolved }.map(\.text) }
}

/// Finds cross-references and resolves them against the clause tree (numbers and ids,
/// relative references within the current clause's ancestors), falling back to numbers written
/// at the start of lines where the tree is coarse (PDF-extracted text). References to other
/// documents ("Section 12 of the Credit Agreement", "Section 1031 of the Code") are skipped.
public struct CrossReferenceResolver: Sendable {
    public init() {}

    /// The document with every clause's `references` set to the references in its own text.
    /// The dispute linking follows `ClauseReference.targetIDs`.
    public static func annotate(_ document: Document) -> Document {
        let references = CrossReferenceResolver().references(in: document)
        var byClause: [String: [ClauseReference]] = [:]
        for reference in references {
            guard let id = reference.clauseID else { continue }
            byClause[id, default: []].append(ClauseReference(text: reference.text, span: document.lines.span(reference.range), targetIDs: reference.targetIDs))
        }
        return document.mapClauses { clause in
            var copy = clause
            copy.references = byClause[clause.id] ?? []
            return copy
        }
    }

    static let keywords: [(word: String, target: CrossReference.Target, singular: String)] = {
        let table: [(String, CrossReference.Target, String)] = [
        ("sections", .section, "section"), ("section", .section, "section"), ("subsections", .section, "section"), ("subsection", .section, "section"),
        ("sub-section", .section, "section"), ("clauses", .clause, "clause"), ("clause", .clause, "clause"), ("subclause", .clause, "clause"),
        ("sub-clause", .clause, "clause"), ("articles", .article, "article"), ("article", .article, "article"),
        ("paragraphs", .paragraph, "paragraph"), ("paragraph", .paragraph, "paragraph"), ("subparagraphs", .paragraph, "paragraph"),
        ("subparagraph", .paragraph, "paragraph"), ("sub-paragraph", .paragraph, "paragraph"),
        ("schedules", .attachment, "schedule"), ("schedule", .attachment, "schedule"), ("exhibits", .attachment, "exhibit"),
        ("exhibit", .attachment, "exhibit"), ("annexes", .attachment, "annex"), ("annex", .attachment, "annex"),
        ("appendices", .attachment, "appendix"), ("appendix", .attachment, "appendix"), ("attachments", .attachment, "attachment"),
        ("attachment", .attachment, "attachment"), ("addendum", .attachment, "addendum"),
        ]
        return table.map { (word: $0.0, target: $0.1, singular: $0.2) }
    }()
    static let keywordBytes: [[UInt8]] = keywords.map { Array($0.word.utf8) }
    /// For each (lower-cased) first byte, the keywords beginning with it, in `keywords` order.
    static let keywordsByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (number, word) in keywordBytes.enumerated() { table[Int(word[0])].append(number) }
        return table
    }()
    /// 1 for the bytes a keyword can start with (`s c a p e`, either case), 2 for
    /// 0xC2 (the lead byte of `§`, which needs no word start), 0 for the rest.
    static let keywordStartByte: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in [0x73, 0x63, 0x61, 0x70, 0x65] { table[byte] = 1; table[byte & 0xDF] = 1 }
        table[0xC2] = 2
        return table
    }()

    /// Words before `Section` that make it a statute's section (`Code Section 409A`).
    static let statutePrefixes: Set<String> = ["code", "irc", "erisa", "act", "regulation", "regulations", "rule", "rules", "treasury", "u.s.c.", "usc", "c.f.r.", "cfr", "statute", "form", "item", "bankruptcy", "law", "laws", "exchange", "article", "title", "chapter", "ucc", "u.c.c."]

    public func references(in document: Document) -> [CrossReference] {
        references(in: document, keywordStarts: nil)
    }

    /// `keywordStarts`: sorted offsets that include every place a keyword (or `§`) starts, as
    /// the shared phrase scan finds them; each is checked here as the byte scan would check
    /// it. Nil: scan the bytes.
    /// `index`: the document's clause-number index when it is built already (`Linter.prepare`).
    func references(in document: Document, keywordStarts: [Int]?, index prebuiltIndex: ClauseNumberIndex? = nil) -> [CrossReference] {
        let bytes = document.bytes
        var nextStart = 0
        // No lower-cased copy of the whole text: the scan below folds case byte by byte and
        // the checks around a reference lower the few bytes they read (a copy was a full pass
        // and an allocation the size of the document).
        // Built at the first reference that needs resolving: a document without one never
        // pays for indexing its clause numbers and the numbers at its line starts.
        var builtIndex = prebuiltIndex
        var externalAttachments = Set<String>()
        // An amendment's section references point into the agreement it amends.
        let isAmendment = StructuralText.isAmendment(bytes)
        var result: [CrossReference] = []
        let count = bytes.count
        var position = 0
        let nonProse = document.nonProseRanges.sorted { $0.lowerBound < $1.lowerBound }
        let keywordsByFirstByte = Self.keywordsByFirstByte
        let keywordBytes = Self.keywordBytes
        let keywordStart = Self.keywordStartByte
        while position < count {
            // Skip to the next byte that can begin a keyword (`s c a p e`, either case, or the
            // lead byte of `§`): a table lookup per byte over the unsafe buffer, where the
            // per-byte keyword loop with an optional tuple of Strings cost a retain/release
            // per candidate.
            if let keywordStarts {
                while nextStart < keywordStarts.count, keywordStarts[nextStart] < position { nextStart += 1 }
                position = nextStart < keywordStarts.count ? keywordStarts[nextStart] : count
            } else {
                position = bytes.withUnsafeBufferPointer { text in
                    var index = position
                    while index < count {
                        let kind = keywordStart[Int(text[index])]
                        // 1: a keyword's first letter, which must begin a word (an ASCII letter or
                        // digit before it rules that out here; other bytes go to `isWordByte` below).
                        if kind == 0 || (kind == 1 && index > 0 && StructuralText.isAlnum(text[index - 1])) { index &+= 1; continue }
                        break
                    }
                    return index
                }
            }
            guard position < count else { break }
            let byte = StructuralText.lower(bytes[position])
            var keyword: (word: String, target: CrossReference.Target, singular: String)?
            var keywordEnd = position
            if byte == 0xC2 {
                if position + 1 < count, bytes[position + 1] == 0xA7 {   // §, §§
                    keyword = ("§", .section, "section")
                    keywordEnd = position + 2
                    if keywordEnd + 1 < count, bytes[keywordEnd] == 0xC2, bytes[keywordEnd + 1] == 0xA7 { keywordEnd += 2 }
                }
            } else if position == 0 || !StructuralText.isWordByte(bytes, position - 1) {
                for number in keywordsByFirstByte[Int(byte)] where Self.hasWordIgnoringCase(keywordBytes[number], at: position, in: bytes) {
                    keyword = Self.keywords[number]
                    keywordEnd = position + keywordBytes[number].count
                    break
                }
            }
            guard let keyword else { position += 1; continue }
            // Mixed case such as "sECTION" is not a reference; "Section", "section", "SECTION" are.
            guard let parsed = parseLabels(bytes: bytes, from: keywordEnd, target: keyword.target) else { position = keywordEnd; continue }
            let range = position..<parsed.end
            position = parsed.end
            if StructuralText.isInside(range.lowerBound, nonProse) { continue }
            if isExternal(bytes: bytes, referenceStart: range.lowerBound, referenceEnd: parsed.end, keyword: keyword.singular) {
                // `Exhibit 21 to the Registration Statement`: later mentions of `Exhibit 21` are that document's too.
                if keyword.target == .attachment, Self.namesAnotherDocument(bytes, after: parsed.end) {
                    for label in parsed.labels { externalAttachments.insert(keyword.singular + ":" + label.lowercased()) }
                }
                continue
            }
            if keyword.target != .attachment, sentenceNamesAnotherAgreement(bytes: bytes, from: parsed.end) { continue }
            if isHeadingLabel(bytes: bytes, range: range) { continue }
            // `Schedule A, section (9), subparagraph (B)`: a section of the attachment just named.
            if keyword.target != .attachment, Self.followsAttachmentName(bytes: bytes, before: range.lowerBound) { continue }

            let clause = document.deepestClause(containing: range.lowerBound)
            // A clause boundary inside the reference is a segmentation slip; a reference must lie in its clause.
            if let clause, range.upperBound > clause.span.endOffset { continue }
            var labels: [CrossReference.Label] = []
            var targets: [String] = []
            if builtIndex == nil { builtIndex = ClauseNumberIndex(document: document) }
            let index = builtIndex!
            for label in parsed.labels {
                let resolution = index.resolve(label: label, target: keyword.target, keyword: keyword.singular, at: range, in: document)
                // An amendment's references point into the agreement it amends, its exhibits too
                // ("Exhibits A and C are amended to …").
                if !resolution.resolved, (keyword.target != .attachment && Self.looksLikeStatute(label)) || isAmendment { continue }
                // `statements on Schedule 13G`: a securities form, not an attachment.
                if !resolution.resolved, keyword.target == .attachment, keyword.singular == "schedule", Self.securitiesForms.contains(label.uppercased()) { continue }
                // An attachment named earlier as another document's, and `Appendix A-x` (`where x is
                // the number of the added statement of work`): a placeholder, not an attachment.
                if !resolution.resolved, keyword.target == .attachment,
                   externalAttachments.contains(keyword.singular + ":" + label.lowercased()) || Self.isPlaceholderLabel(label) { continue }
                // "article 58 of the petroleum code" in a contract without articles.
                if !resolution.resolved, keyword.target == .article, !index.hasArticles { continue }
                labels.append(CrossReference.Label(text: label, resolved: resolution.resolved))
                for id in resolution.ids where !targets.contains(id) { targets.append(id) }
            }
            guard !labels.isEmpty else { continue }
            result.append(CrossReference(text: document.lines.text(range), range: range, target: keyword.target, keyword: keyword.singular,
                                         labels: labels, targetIDs: targets, clauseID: clause?.id))
        }
        // A text with (almost) no dotted clause number of its own — at most two, and fewer than
        // half the labels below — that refers to three or more different dotted sections
        // (`Section 8.1`, `8.4`, `13.2`) it does not have: the sub-clause numbers were lost (a PDF whose headings kept only their titles), so these references
        // cannot be checked. One or two such labels are still reported (a template's leftover).
        if let index = builtIndex, index.ownDottedNumbers < 3 {
            func isDotted(_ label: CrossReference.Label) -> Bool {
                !label.resolved && label.text.first?.isNumber == true && label.text.contains(".")
            }
            let lost = Set(result.flatMap { $0.labels.filter(isDotted).map(\.text) })
            if lost.count >= 3, lost.count > 2 * index.ownDottedNumbers {
                for number in result.indices { result[number].labels.removeAll(where: isDotted) }
                result.removeAll { $0.labels.isEmpty }
            }
        }
        return result
    }

    /// True when the reference at `start` follows an attachment's name and a comma, directly or
    /// after one more reference: `Schedule A, section (9)`, `Exhibit B, Section 2, paragraph (c)`.
    static func followsAttachmentName(bytes: [UInt8], before start: Int) -> Bool {
        @inline(__always) func skipBack(_ index: inout Int) {
            while index > 0, bytes[index - 1] == 0x20 { index -= 1 }
        }
        // Back over `<keyword> <label>,` once or twice: returns the keyword's start, or nil.
        func previousReference(endingBefore end: Int) -> (keyword: String, start: Int)? {
            var index = end
            skipBack(&index)
            guard index > 0, bytes[index - 1] == 0x2C else { return nil }
            index -= 1
            skipBack(&index)
            let labelEnd = index
            while index > 0, StructuralText.isAlnum(bytes[index - 1]) || bytes[index - 1] == 0x28 || bytes[index - 1] == 0x29 || bytes[index - 1] == 0x2E || bytes[index - 1] == 0x2D, labelEnd - index < 16 { index -= 1 }
            guard index < labelEnd, index > 0, bytes[index - 1] == 0x20 else { return nil }
            index -= 1
            let wordEnd = index
            while index > 0, StructuralText.isLetter(bytes[index - 1]), wordEnd - index < 14 { index -= 1 }
            guard index < wordEnd else { return nil }
            return (String(decoding: bytes[index..<wordEnd].map(StructuralText.lower), as: UTF8.self), index)
        }
        guard let previous = previousReference(endingBefore: start) else { return false }
        if attachmentNames.contains(previous.keyword) { return true }
        guard sectionNames.contains(previous.keyword),
              let first = previousReference(endingBefore: previous.start) else { return false }
        return attachmentNames.contains(first.keyword)
    }

    static let attachmentNames: Set<String> = ["schedule", "exhibit", "annex", "appendix", "attachment", "addendum"]
    static let sectionNames: Set<String> = ["section", "paragraph", "subparagraph", "clause", "article"]

    /// `StructuralText.hasWord` against the text's bytes lower-cased on the fly (`needle` is
    /// lower-case): the same answer as on a lower-cased copy, without making one.
    static func hasWordIgnoringCase(_ needle: [UInt8], at index: Int, in bytes: [UInt8]) -> Bool {
        guard index >= 0, index + needle.count <= bytes.count else { return false }
        for offset in 0..<needle.count where StructuralText.lower(bytes[index + offset]) != needle[offset] { return false }
        if index > 0, StructuralText.isAlnum(bytes[index - 1]) { return false }
        if index + needle.count < bytes.count, StructuralText.isAlnum(bytes[index + needle.count]) { return false }
        return true
    }

    /// SEC forms named "Schedule …" (beneficial ownership, proxy and tender offer statements).
    static let securitiesForms: Set<String> = ["13D", "13G", "13E-3", "13E-4", "14A", "14C", "14D-1", "14D-9", "TO"]

    /// Capital words that follow an attachment keyword in all-caps text (`THIS EXHIBIT OR THE
    /// TRADEMARKS`) but are no labels.
    static let capitalWords: Set<String> = ["OR", "AND", "TO", "OF", "IN", "AS", "AT", "BY", "IS", "IT", "ON", "IF", "BE", "NO", "SO", "WE", "AN", "A"]

    /// `Section 409A`, `Section 1031`: a statute's section, not this contract's.
    static func looksLikeStatute(_ label: String) -> Bool {
        let head = label.prefix { $0 != "(" && $0 != "." }
        guard let number = Int(head.filter(\.isNumber)), !head.isEmpty else { return false }
        if head.last?.isLetter == true, head.first?.isNumber == true { return true }
        return number >= 100
    }

    /// Labels after a keyword: `4.2(b)`, `III`, `B`, `(c)`, and lists (`3 and 4`, `3, 4 and 5`,
    /// `3 through 5`, `3.1(a) and (b)`).
    func parseLabels(bytes: [UInt8], from start: Int, target: CrossReference.Target) -> (labels: [String], end: Int)? {
        var position = start
        // At least one space (or a no-break space) between the keyword and its first label; `§12` is fine too.
        while position < bytes.count, bytes[position] == 0x20 || (bytes[position] == 0xC2 && position + 1 < bytes.count && bytes[position + 1] == 0xA0) {
            position += bytes[position] == 0x20 ? 1 : 2
        }
        if position == start, bytes[max(0, start - 1)] != 0xA7 { return nil }
        // `Transportation Schedules     8.2.1 Nominations`: a heading's word, then a section number
        // set off by layout spaces.
        if target == .attachment, position - start > 3 { return nil }
        guard let (first, firstEnd) = parseLabel(bytes: bytes, from: position, target: target) else { return nil }
        var labels = [first]
        var base = first.hasPrefix("(") ? "" : String(first.prefix { $0 != "(" })
        var end = firstEnd
        let connectors = Self.connectors
        outer: while true {
            for (number, connector) in connectors.enumerated() where end + connector.count <= bytes.count && bytes[end..<(end + connector.count)].elementsEqual(connector) {
                let next = end + connector.count
                // Schedules are not given as ranges ("Schedule F - R" is two things).
                if target == .attachment, number >= 7 { continue }
                guard let (label, labelEnd) = parseLabel(bytes: bytes, from: next, target: target) else { continue }
                // "Section 3.2, (b) the names": a list of the sentence, not a sub-item; "7(a) and (b)" is.
                if label.hasPrefix("("), number == 0 || number == 1 || number == 6 || target == .attachment { continue }
                // `Sections 3-5` yes; `Exhibit A-1` was already read as one label.
                var text = label
                if label.hasPrefix("("), !base.isEmpty { text = base + label }
                labels.append(text)
                if !label.hasPrefix("(") { base = String(label.prefix { $0 != "(" }) }
                end = labelEnd
                continue outer
            }
            break
        }
        return (labels, end)
    }

    static let connectors = [", and ", ", or ", " and ", " or ", " through ", " to ", ", ", " - ", " – ", "-", "–"].map { Array($0.utf8) }

    /// One label at `start`.
    func parseLabel(bytes: [UInt8], from start: Int, target: CrossReference.Target) -> (String, Int)? {
        var position = start
        guard position < bytes.count else { return nil }
        let first = bytes[position]
        if StructuralText.isDigit(first) {
            // 4, 4.2, 4.2.1, 12A, then (b)(ii)
            while position < bytes.count, StructuralText.isDigit(bytes[position]) || (bytes[position] == 0x2E && position + 1 < bytes.count && StructuralText.isDigit(bytes[position + 1])) { position += 1 }
            if position < bytes.count, StructuralText.isUpper(bytes[position]), !StructuralText.isWordByte(bytes, position + 1) { position += 1 }
            if target == .attachment {
                while position + 1 < bytes.count, bytes[position] == 0x2D, StructuralText.isAlnum(bytes[position + 1]) {
                    position += 1
                    while position < bytes.count, StructuralText.isAlnum(bytes[position]) { position += 1 }
                }
            }
        } else if first == 0x28 {
            // (c), (ii); never a schedule's whole label ("SCHEDULE (USD)").
            if target == .attachment { return nil }
        } else if StructuralText.isUpper(first) {
            // Article III, Exhibit A, Schedule B-1, Section A.1
            while position < bytes.count, StructuralText.isUpper(bytes[position]), position - start < 6 { position += 1 }
            let letters = String(decoding: bytes[start..<position], as: UTF8.self)
            switch target {
            case .article:
                guard StructuralText.romanValue(letters) != nil || letters.count == 1 else { return nil }
            case .attachment:
                guard letters.count <= 2 || StructuralText.romanValue(letters) != nil else { return nil }
                // `EXHIBIT OR THE …`: a word of all-caps text ("A" stays a label unless a word follows).
                if Self.capitalWords.contains(letters), letters != "A" || (position + 1 < bytes.count && bytes[position] == 0x20 && StructuralText.isUpper(bytes[position + 1]) && position + 2 < bytes.count && StructuralText.isUpper(bytes[position + 2])) { return nil }
                // `Schedule FT-A`, `Exhibit A-1`: one label.
                while position + 1 < bytes.count, bytes[position] == 0x2D, StructuralText.isAlnum(bytes[position + 1]) {
                    position += 1
                    while position < bytes.count, StructuralText.isAlnum(bytes[position]) { position += 1 }
                }
            case .section, .clause, .paragraph:
                guard letters.count == 1 || StructuralText.romanValue(letters) != nil else { return nil }
                // "Section A" alone is rare: require a dotted number after a single letter (Section D.4), or a roman numeral.
                if letters.count == 1, !(position + 1 < bytes.count && bytes[position] == 0x2E && StructuralText.isDigit(bytes[position + 1])) { return nil }
            }
            while position + 1 < bytes.count, (bytes[position] == 0x2E || bytes[position] == 0x2D), StructuralText.isDigit(bytes[position + 1]) {
                position += 1
                while position < bytes.count, StructuralText.isDigit(bytes[position]) { position += 1 }
            }
        } else {
            return nil
        }
        // Parenthesised parts: (b)(ii)(A)
        while position < bytes.count, bytes[position] == 0x28 {
            var close = position + 1
            while close < bytes.count, StructuralText.isAlnum(bytes[close]), close - position <= 5 { close += 1 }
            guard close < bytes.count, bytes[close] == 0x29, close > position + 1 else { break }
            position = close + 1
        }
        guard position > start, !StructuralText.isWordByte(bytes, position) else { return nil }
        // `Section 5%` or `Exhibit 10.7` with trailing dot of a sentence: the dot is not part of it.
        return (String(decoding: bytes[start..<position], as: UTF8.self), position)
    }

    /// ` to the Registration Statement`, ` of the Credit Agreement`: `to`/`of` and a capitalised
    /// name (not `Agreement`, this agreement) right after a reference.
    static func namesAnotherDocument(_ bytes: [UInt8], after end: Int) -> Bool {
        var words: [ArraySlice<UInt8>] = []
        var index = end
        while words.count < 3, index < min(bytes.count, end + 60) {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
            let start = index
            while index < bytes.count, StructuralText.isLetter(bytes[index]) { index += 1 }
            guard index > start else { break }
            words.append(bytes[start..<index])
        }
        guard words.count >= 2, words[0].elementsEqual("to".utf8) || words[0].elementsEqual("of".utf8) else { return false }
        var name = 1
        if words[1].elementsEqual("the".utf8), words.count == 3 { name = 2 }
        guard let first = words[name].first, StructuralText.isUpper(first) else { return false }
        return !words[name].elementsEqual("Agreement".utf8) && !words[name].elementsEqual("This".utf8)
    }

    /// `A-x`, `B-n`: a label whose last part is a letter standing for a number.
    static func isPlaceholderLabel(_ label: String) -> Bool {
        let utf8 = Array(label.utf8)
        guard utf8.count >= 3, utf8[utf8.count - 2] == 0x2D else { return false }
        return utf8[utf8.count - 1] == 0x78 || utf8[utf8.count - 1] == 0x6E
    }

    /// Later in the same sentence, "… of the Separation Agreement" (after titles in parentheses
    /// and further references) makes the whole list another document's.
    func sentenceNamesAnotherAgreement(bytes: [UInt8], from end: Int) -> Bool {
        @inline(__always) func lowered(_ index: Int) -> UInt8 { StructuralText.lower(bytes[index]) }
        let limit = min(bytes.count, end + 260)
        var index = end
        while index + 8 < limit {
            let byte = lowered(index)
            if byte == 0x2E, index + 1 < limit, bytes[index + 1] == 0x20 || bytes[index + 1] == 0x0A { return false }
            if byte == 0x3B { return false }
            if (byte == 0x6F && lowered(index + 1) == 0x66) || (byte == 0x69 && lowered(index + 1) == 0x6E), lowered(index + 2) == 0x20, index > 0, lowered(index - 1) == 0x20 {   // "of ", "in "
                var word = index + 3
                if bytes[word..<min(limit, word + 3)].lazy.map(StructuralText.lower).elementsEqual(Array("the".utf8)), word + 3 < limit, StructuralText.isSpace(bytes[word + 3]) { word += 4 }
                // `of the⏎⏎Insurance Law`: a page break between.
                while word < limit, StructuralText.isSpace(bytes[word]) { word += 1 }
                if bytes[word..<min(limit, word + 5)].lazy.map(StructuralText.lower).elementsEqual(Array("this ".utf8)) { return false }
                // Capitalised words ending in "Agreement": another agreement.
                var position = word
                var sawName = false
                while position < limit, StructuralText.isUpper(bytes[position]) {
                    var wordEnd = position
                    while wordEnd < limit, StructuralText.isLetter(bytes[wordEnd]) || bytes[wordEnd] == 0x2D { wordEnd += 1 }
                    let text = String(decoding: bytes[position..<wordEnd], as: UTF8.self)
                    if text == "Agreement" || text == "Plan" || text == "Code" || text == "Act" || text == "Law" { return sawName }
                    sawName = true
                    // `the Company's Participation Agreement(s)`: a possessive before the name.
                    if wordEnd + 2 < limit, bytes[wordEnd] == 0x27, bytes[wordEnd + 1] == 0x73 { wordEnd += 2 }
                    position = wordEnd + 1
                }
                if sawName { return false }
            }
            index += 1
        }
        return false
    }

    /// "Section 12 of the Credit Agreement", "Section 1031 of the Code", "Code Section 409A",
    /// "Section 2 of Exhibit B": another document's sections, not resolvable here.
    func isExternal(bytes: [UInt8], referenceStart: Int, referenceEnd: Int, keyword: String) -> Bool {
        // Word before the keyword.
        var before = referenceStart
        while before > 0, bytes[before - 1] == 0x20 { before -= 1 }
        let previousEnd = before
        while before > 0, !StructuralText.isSpace(bytes[before - 1]), bytes[before - 1] != 0x28 { before -= 1 }
        if previousEnd > before {
            let previous = String(decoding: bytes[before..<previousEnd].map(StructuralText.lower), as: UTF8.self).trimmingCharacters(",")
            if Self.statutePrefixes.contains(previous) { return true }
        }
        // Words after the reference.
        var words: [String] = []
        var rawWords: [ArraySlice<UInt8>] = []
        var position = referenceEnd
        // `paragraph I.1. of Exhibit D`: a stray period before `of`.
        if position + 4 < bytes.count, bytes[position] == 0x2E, bytes[position + 1] == 0x20, bytes[position + 2] == 0x6F, bytes[position + 3] == 0x66, bytes[position + 4] == 0x20 { position += 1 }
        while words.count < 5, position < bytes.count {
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x2C || bytes[position] == 0x0A { position += 1 }
            let start = position
            while position < bytes.count, StructuralText.isAlnum(bytes[position]) || bytes[position] == 0x2D || bytes[position] == 0x2E || bytes[position] == 0x27 { position += 1 }
            guard position > start else { break }
            var end = position
            while end > start, bytes[end - 1] == 0x2E { end -= 1 }
            words.append(String(decoding: bytes[start..<end].map(StructuralText.lower), as: UTF8.self))
            rawWords.append(bytes[start..<end])
        }
        // `terminated by LEO pursuant to Article 15.2 thereof`: the other agreement just named.
        if words.first == "thereof" || words.first == "thereto" { return true }
        // `Section 42 U.S.C. 262`: a citation of the United States Code or Federal Regulations.
        if let first = words.first, ["u.s.c", "usc", "c.f.r", "cfr"].contains(first) { return true }
        guard let first = words.first, ["of", "under", "in", "to", "within"].contains(first), words.count >= 2 else { return false }
        let second = words[1]
        if ["this", "hereof", "herein", "hereto", "hereunder", "these", "which", "such", "each", "any", "respect", "accordance", "order", "connection", "addition", "writing", "effect", "case", "full", "part", "no"].contains(second) {
            // "of such Agreement" is ambiguous; "of such Section" internal.
            return second == "such" && words.count >= 3 && words[2] != "section" && words[2] != "agreement" && rawWords[2].first.map(StructuralText.isUpper) == true
        }
        var nounIndex = 1
        if ["the", "that", "said", "its", "their"].contains(second) { nounIndex = 2 }
        guard nounIndex < words.count, rawWords[nounIndex].first != nil else { return false }
        let noun = words[nounIndex]
        // "of the agreement" is this one; "of the petroleum code", "of the lease" are not.
        if ["agreement", "contract", "terms", "hereof", "amendment"].contains(noun) && nounIndex == 2 && words.count > 3 && rawWords[3].first.map(StructuralText.isUpper) != true { return false }
        if noun == "agreement" {
            // "of the Agreement" is this agreement; "of the Agreement and Plan of Merger" is not worth guessing.
            return false
        }
        if ["section", "sections", "article", "clause", "paragraph"].contains(noun) { return false }
        if keyword != "section", keyword != "article", keyword != "clause", keyword != "paragraph", ["exhibit", "schedule", "annex", "appendix"].contains(noun) { return false }
        return true
    }

    /// A reference that opens a line (or a sentence) and is followed by a heading-like stop
    /// (`EXHIBIT A`, `Section 5. Payment`) is a heading or a label, not a reference.
    func isHeadingLabel(bytes: [UInt8], range: Range<Int>) -> Bool {
        var before = range.lowerBound
        while before > 0, bytes[before - 1] == 0x20 || bytes[before - 1] == 0x2A || bytes[before - 1] == 0x23 || bytes[before - 1] == 0x09 || bytes[before - 1] == 0x3E || bytes[before - 1] == 0x5F { before -= 1 }
        let atLineStart = before == 0 || bytes[before - 1] == 0x0A
        let atSentenceStart = atLineStart || (before >= 2 && bytes[before - 1] == 0x20 && bytes[before - 2] == 0x2E) || (before >= 1 && bytes[before - 1] == 0x2E)
        var after = range.upperBound
        // A layout label: after a run of spaces, alone at the end of its line ("…   EXHIBIT 10.17").
        if !atSentenceStart {
            var endOfLine = range.upperBound
            while endOfLine < bytes.count, bytes[endOfLine] == 0x20 { endOfLine += 1 }
            return range.lowerBound - before >= 2 && (endOfLine >= bytes.count || bytes[endOfLine] == 0x0A)
        }
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x2A || bytes[after] == 0x5F { after += 1 }
        if after >= bytes.count || bytes[after] == 0x0A { return true }
        if bytes[after] == 0x2E || bytes[after] == 0x3A || bytes[after] == 0x2D || bytes[after] == 0x29 || bytes[after] == 0xE2 { return true }
        // `ARTICLE 5 TERM`, `Section 5 Payment Terms` at the start of a line.
        if atLineStart, StructuralText.isUpper(bytes[after]) { return true }
        return false
    }
}

extension String {
    func trimmingCharacters(_ characters: String) -> String {
        var result = Substring(self)
        while let last = result.last, characters.contains(last) { result = result.dropLast() }
        while let first = result.first, characters.contains(first) { result = result.dropFirst() }
        return String(result)
    }
}

/// The numbers a document's clauses carry, as lookup keys: `4.2`, `4.2(b)`, `article:3`,
/// `exhibit:a`; plus numbers written at line starts that the clause tree missed.
struct ClauseNumberIndex {
    /// Key → clause ids.
    var keys: [String: [String]] = [:]
    var hasArticles = false
    /// Own number key of each clause (`(c)` for a `(c)` clause), by id, for relative references.
    var ownKeys: [String: String] = [:]

    init(document: Document) {
        func visit(_ clause: Clause, parentKey: String?) {
            var fullKey = parentKey
            if let number = clause.number, let parsed = Self.parse(number) {
                ownKeys[clause.id] = parsed.key
                switch parsed.kind {
                case .article:
                    hasArticles = true
                    add("article:\(parsed.key)", clause.id)
                    fullKey = parsed.key
                case .attachment(let word):
                    add("\(word):\(parsed.key.lowercased())", clause.id)
                    add("attachment:\(parsed.key.lowercased())", clause.id)
                    fullKey = nil
                case .number:
                    if parsed.key.hasPrefix("(") {
                        if let parentKey { add(parentKey + parsed.key, clause.id) }
                        add(parsed.key, clause.id)
                        fullKey = (parentKey ?? "") + parsed.key
                    } else {
                        add(parsed.key, clause.id)
                        if parsed.key.utf8.contains(0x2E) { ownDottedNumbers += 1 }
                        if parsed.key.allSatisfy({ "IVXLC".contains($0) }), let value = StructuralText.romanValue(parsed.key) { add("roman:\(value)", clause.id) }
                        if let parentKey, !parsed.key.hasPrefix(parentKey + "."), !parentKey.utf8.contains(0x28) { add(parentKey + "." + parsed.key, clause.id) }
                        fullKey = parsed.key
                    }
                }
            }
            // The schedule's own kind counts even when the number was not parsed; a schedule
            // numbered "A" without its word (XML `<schedule number="A">`) answers to every word.
            if clause.kind == .schedule {
                if let heading = clause.heading { addAttachmentHeading(heading, clause.id) }
                if let number = clause.number, let parsed = Self.parse(number), parsed.kind == .number {
                    for word in ["schedule", "exhibit", "annex", "appendix", "attachment", "addendum"] { add("\(word):\(parsed.key.lowercased())", clause.id) }
                }
            }
            for child in clause.children { visit(child, parentKey: fullKey) }
        }
        for clause in document.clauses { visit(clause, parentKey: nil) }
        addLineStartNumbers(document)
    }

    /// First components of every dotted number (`5` for `5.1`): an "Article 5" whose sections
    /// are numbered 5.1, 5.2 exists even when its heading was lost.
    var decimalHeads = Set<String>()
    var hasRoman = false
    /// A dotted number (`4.2`) on a clause of the tree or at a line start: numbered sub-clauses
    /// (dotted numbers mid-line may be the references themselves).
    var ownDottedNumbers = 0

    mutating func add(_ key: String, _ id: String) {
        if key.hasPrefix("roman:") { hasRoman = true }
        if let dot = key.firstIndex(of: "."), key.first?.isNumber == true { decimalHeads.insert(String(key[..<dot])) }
        if keys[key]?.contains(id) != true { keys[key, default: []].append(id) }
    }

    mutating func addAttachmentHeading(_ heading: String, _ id: String) {
        if let parsed = Self.parse(heading), case .attachment(let word) = parsed.kind {
            add("\(word):\(parsed.key.lowercased())", id)
            add("attachment:\(parsed.key.lowercased())", id)
        }
    }

    enum NumberKind: Equatable { case number, article, attachment(String) }

    /// The keywords `parse` recognises, in the order it tries them (built once, not per call).
    static let numberKeywords: [(String, NumberKind)] = [("article", NumberKind.article), ("section", .number), ("clause", .number), ("paragraph", .number), ("§", .number),
                                                         ("schedule", .attachment("schedule")), ("exhibit", .attachment("exhibit")), ("annex", .attachment("annex")),
                                                         ("appendix", .attachment("appendix")), ("attachment", .attachment("attachment")), ("addendum", .attachment("addendum")),
                                                         ("part", .article), ("chapter", .article)]

    /// `4.02.` → ("4.2", number); `ARTICLE IV` → ("4", article); `Exhibit A-1` → ("a-1", attachment
    /// exhibit); `(b)` → ("(b)", number); `Section 7` → ("7", number).
    static func parse(_ written: String) -> (key: String, kind: NumberKind)? {
        if let fast = parseASCIINumber(written) { return fast.map { (key: $0, kind: NumberKind.number) } }
        var text = written.trimmingCharacters(in: " \t:.-–—")
        var kind = NumberKind.number
        let lower = text.lowercased()
        for (word, wordKind) in numberKeywords where lower.hasPrefix(word) {
            let rest = text.dropFirst(word.count)
            guard rest.first == " " || rest.first == "\u{A0}" || word == "§" else { continue }
            text = String(rest).trimmingCharacters(in: " \u{A0}§:.")
            kind = wordKind
            break
        }
        text = String(text.prefix { $0 != " " })
        if text.hasSuffix(".") || text.hasSuffix(")") && !text.hasPrefix("(") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        switch kind {
        case .attachment:
            return (text, kind)
        case .article:
            if let value = Int(text) { return (String(value), kind) }
            if let value = StructuralText.romanValue(text) { return (String(value), kind) }
            return (text.lowercased(), kind)
        case .number:
            return (normaliseNumber(text), kind)
        }
    }

    /// `parse` for the common case, on bytes: an ASCII number starting with a digit or `(`
    /// (`4.02.`, `(b)`, `12`), which no keyword can begin. `.some(key)` is `parse`'s answer
    /// (`.some(nil)` for its nil); nil when the text is not of that shape and `parse` must
    /// do the general work. Bytes rather than `trimmingCharacters`/`prefix`/`split` on
    /// Characters, because every clause of every document comes through here.
    static func parseASCIINumber(_ written: String) -> String??  {
        let all = Array(written.utf8)
        guard all.allSatisfy({ $0 < 0x80 }) else { return nil }
        @inline(__always) func trimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x3A || byte == 0x2E || byte == 0x2D }
        var end = all.count
        while end > 0, trimmed(all[end - 1]) { end -= 1 }
        var start = 0
        while start < end, trimmed(all[start]) { start += 1 }
        var bytes = Array(all[start..<end])
        guard let first = bytes.first, StructuralText.isDigit(first) || first == 0x28 else { return nil }
        if let space = bytes.firstIndex(of: 0x20) { bytes.removeSubrange(space...) }
        if bytes.last == 0x2E || (bytes.last == 0x29 && bytes.first != 0x28) { bytes.removeLast() }
        guard !bytes.isEmpty else { return .some(nil) }
        return .some(normaliseNumber(bytes: bytes) ?? normaliseNumber(String(decoding: bytes, as: UTF8.self)))
    }

    /// `normaliseNumber` on ASCII bytes whose head (before any `(`) is only digits and dots, with
    /// no component too long for `Int`; nil otherwise (the String version handles the rest).
    static func normaliseNumber(bytes: [UInt8]) -> String? {
        let headEnd = bytes.firstIndex(of: 0x28) ?? bytes.count
        guard headEnd > 0 else { return String(decoding: bytes, as: UTF8.self) }
        var components: [ArraySlice<UInt8>] = []
        var componentStart = 0
        for index in 0...headEnd {
            if index == headEnd || bytes[index] == 0x2E {
                var component = bytes[componentStart..<index]
                guard component.count <= 18 else { return nil }
                // `Int(component)` then `String(value)`: leading zeros dropped, "" stays "".
                while component.count > 1, component.first == 0x30 { component = component.dropFirst() }
                components.append(component)
                componentStart = index + 1
            } else if !StructuralText.isDigit(bytes[index]) {
                return nil
            }
        }
        while components.count > 1, components.last!.elementsEqual([0x30]) || components.last!.isEmpty { components.removeLast() }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (number, component) in components.enumerated() {
            if number > 0 { result.append(0x2E) }
            result += component
        }
        result += bytes[headEnd...]
        return String(decoding: result, as: UTF8.self)
    }

    /// `4.02(b)` → `4.2(b)`; `IV` stays.
    static func normaliseNumber(_ text: String) -> String {
        let head = text.prefix { $0 != "(" }
        let tail = text.dropFirst(head.count)
        guard !head.isEmpty else { return String(tail) }
        var components = head.split(separator: ".", omittingEmptySubsequences: false).map { component -> String in
            if let value = Int(component) { return String(value) }
            return String(component)
        }
        // "10.0 REPRESENTATIONS" is section 10.
        while components.count > 1, components.last == "0" || components.last == "" { components.removeLast() }
        return components.joined(separator: ".") + tail
    }

    /// Numbers at line starts (`4.3 Records`, `4.3Records`, `Section 4.3`, `ARTICLE IV`,
    /// `EXHIBIT A`) and after a sentence end mid-line (`… Territory. 2.2 Exclusivity.`), where
    /// PDF extraction left the clause tree coarse. They make a reference resolvable but never
    /// produce a finding themselves.
    mutating func addLineStartNumbers(_ document: Document) {
        let bytes = document.bytes
        let count = bytes.count
        var position = 0
        while position < count {
            // Only line starts and spaces can begin a candidate: skip the other bytes in a tight
            // loop over the buffer (no bounds checks), not through the branch chain below.
            if position > 0 {
                position = bytes.withUnsafeBufferPointer { text in
                    var index = position
                    while index < count {
                        let previous = text[index - 1]
                        if previous == 0x0A { break }
                        if text[index] != 0x20 { index &+= 1; continue }
                        // A space between words (or after a comma) before no digit starts nothing below.
                        if StructuralText.isAlnum(previous) || previous == 0x2C, index + 1 >= count || !StructuralText.isDigit(text[index + 1]) { index &+= 1; continue }
                        break
                    }
                    return index
                }
                guard position < count else { break }
            }
            // Candidate starts: the start of a line, or after ". " / ".  ".
            var start = -1
            var midLine = false
            if position == 0 || bytes[position - 1] == 0x0A {
                start = position
                while start < count, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x23 || bytes[start] == 0x2A || bytes[start] == 0x3E { start += 1 }
            } else if bytes[position] == 0x20, position >= 1, bytes[position - 1] == 0x2E || bytes[position - 1] == 0x3A || bytes[position - 1] == 0x29 || bytes[position - 1] == 0x5D
                        || (position + 1 < count && bytes[position - 1] == 0x20 && StructuralText.isUpper(bytes[position + 1]))
                        || (position + 2 < count && StructuralText.isDigit(bytes[position + 1]) && Self.isCapsHeadingAfterNumber(bytes, position + 1)) {
                start = position
                while start < count, bytes[start] == 0x20 { start += 1 }
            } else if bytes[position] == 0x20, position + 3 < count, StructuralText.isDigit(bytes[position + 1]) {
                // Mid-line `… CONFIDENTIAL 7.5.2 If the …`: only dotted numbers (checked below).
                var end = position + 1
                while end < count, StructuralText.isDigit(bytes[end]) { end += 1 }
                if end + 1 < count, bytes[end] == 0x2E, StructuralText.isDigit(bytes[end + 1]) { start = position + 1; midLine = true }
            }
            if start >= 0, start < count, let (key, length) = Self.marker(bytes, at: start) {
                let id = document.deepestClauseID(containing: start) ?? "document"
                add(key, id)
                if key.hasPrefix("article:") { hasArticles = true }
                if !midLine, StructuralText.isDigit(bytes[start]), key.utf8.contains(0x2E) { ownDottedNumbers += 1 }
                position = start + length
                continue
            }
            // `… information;   5.1.15 not become a Competitor …`: a list item in a run-on
            // paragraph, a dotted number after a semicolon, its text starting in lower case.
            if midLine, let (key, length) = Self.listItemAfterSemicolon(bytes, at: start) {
                add(key, document.deepestClauseID(containing: start) ?? "document")
                position = start + length
                continue
            }
            position += 1
        }
    }

    /// `;   5.1.15 not become`, `Act; 12.1.5 there is`: a dotted number (two dots or more) right
    /// after a semicolon and spaces, followed by a lower-case word.
    static func listItemAfterSemicolon(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
        var before = start
        while before > 0, bytes[before - 1] == 0x20 { before -= 1 }
        guard before < start, before > 0, bytes[before - 1] == 0x3B else { return nil }
        var end = start
        var dots = 0
        while end < bytes.count, StructuralText.isDigit(bytes[end]) || (bytes[end] == 0x2E && end + 1 < bytes.count && StructuralText.isDigit(bytes[end + 1])) {
            if bytes[end] == 0x2E { dots += 1 }
            end += 1
        }
        guard dots >= 2, end - start <= 12, end + 1 < bytes.count, bytes[end] == 0x20, StructuralText.isLower(bytes[end + 1]) else { return nil }
        return (normaliseNumber(bytes: Array(bytes[start..<end])) ?? normaliseNumber(String(decoding: bytes[start..<end], as: UTF8.self)), end - start)
    }

    /// `1.5.` followed by a space or a line end: a bare clause number with its period.
    static func isPeriodNumber(_ bytes: [UInt8], _ start: Int) -> Bool {
        var index = start
        while index < bytes.count, StructuralText.isDigit(bytes[index]) || (bytes[index] == 0x2E && index + 1 < bytes.count && StructuralText.isDigit(bytes[index + 1])) { index += 1 }
        guard index > start, index < bytes.count, bytes[index] == 0x2E else { return false }
        return index + 1 >= bytes.count || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x0A
    }

    /// `5. TRADEMARKS` mid-line: a one-part number, a period and an all-capitals word.
    static func isCapsHeadingAfterNumber(_ bytes: [UInt8], _ start: Int) -> Bool {
        var index = start
        while index < bytes.count, StructuralText.isDigit(bytes[index]), index - start < 3 { index += 1 }
        guard index + 4 < bytes.count, bytes[index] == 0x2E, bytes[index + 1] == 0x20 else { return false }
        var letters = index + 2
        while letters < bytes.count, StructuralText.isUpper(bytes[letters]) { letters += 1 }
        return letters - (index + 2) >= 3
    }

    /// The keywords of keyword markers (a constant, not an array literal built per line).
    static let markerKeywords: Set<String> = ["section", "article", "clause", "schedule", "exhibit", "annex", "appendix", "attachment", "addendum", "part", "§"]

    /// A number marker at `start`: (key, length) or nil.
    static func marker(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
        let count = bytes.count
        let first = bytes[start]
        if StructuralText.isDigit(first) {
            var end = start
            while end < count, StructuralText.isDigit(bytes[end]) || (bytes[end] == 0x2E && end + 1 < count && StructuralText.isDigit(bytes[end + 1])) { end += 1 }
            guard end - start <= 12 else { return nil }
            let number = String(decoding: bytes[start..<end], as: UTF8.self)
            var after = end
            if after < count, bytes[after] == 0x2E || bytes[after] == 0x29 { after += 1 }
            // `4.3 Records`, `4.3Records`, `4. Term`, `4.3 (a)`: a heading or a capital follows.
            while after < count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
            // `1.4. 1.5. 1.6.`, `8.` alone: a column of clause numbers that PDF extraction put apart
            // from their text.
            if end < count, bytes[end] == 0x2E, after >= count || bytes[after] == 0x0A || Self.isPeriodNumber(bytes, after) { return (normaliseNumber(number), end - start) }
            guard after < count, StructuralText.isUpper(bytes[after]) || bytes[after] == 0x28 || bytes[after] == 0x22 || bytes[after] == 0xE2 || bytes[after] == 0x5B else { return nil }
            if !number.utf8.contains(0x2E), after == end { return nil }   // bytes: String.contains(String) is Foundation's range(of:)
            return (normaliseNumber(bytes: Array(bytes[start..<end])) ?? normaliseNumber(number), end - start)
        }
        if first == 0x28 { return nil }
        // Roman section numbers: `VI. ACKNOWLEDGEMENT`, `IX. EXCEPT …`.
        if StructuralText.isUpper(first) {
            var end = start
            while end < count, "IVXLC".utf8.contains(bytes[end]), end - start < 6 { end += 1 }
            let dotted = end + 2 < count && bytes[end] == 0x2E && bytes[end + 1] == 0x20 && (StructuralText.isUpper(bytes[end + 2]) || bytes[end + 2] == 0x20)
            let dashed = end + 3 < count && bytes[end] == 0x20 && bytes[end + 1] == 0x2D && bytes[end + 2] == 0x20 && StructuralText.isUpper(bytes[end + 3])   // "IV - INDEMNIFICATION"
            if end > start, dotted || dashed, let value = StructuralText.romanValue(String(decoding: bytes[start..<end], as: UTF8.self)) {
                return ("roman:\(value)", end - start)
            }
        }
        // Keyword markers (`ARTICLE - 16` too): a capitalised keyword below, so the first byte is
        // one of `S A C E P` or the lead byte of `§`; other lines need no word built.
        guard first == 0x53 || first == 0x41 || first == 0x43 || first == 0x45 || first == 0x50 || first == 0xC2 else { return nil }
        var end = start
        while end < count, StructuralText.isLetter(bytes[end]) || bytes[end] == 0xC2 || bytes[end] == 0xA7 { end += 1 }
        guard end > start, end - start <= 10, end < count, bytes[end] == 0x20 else { return nil }
        let word = String(decoding: bytes[start..<end].map(StructuralText.lower), as: UTF8.self)
        guard markerKeywords.contains(word) else { return nil }
        // Title-case or upper-case keyword only.
        guard StructuralText.isUpper(bytes[start]) || first == 0xC2 else { return nil }
        var tokenStart = end + 1
        if tokenStart + 2 < count, bytes[tokenStart] == 0x2D, bytes[tokenStart + 1] == 0x20 { tokenStart += 2 }
        var tokenEnd = tokenStart
        while tokenEnd < count, StructuralText.isAlnum(bytes[tokenEnd]) || ((bytes[tokenEnd] == 0x2E || bytes[tokenEnd] == 0x2D) && tokenEnd + 1 < count && StructuralText.isAlnum(bytes[tokenEnd + 1])) { tokenEnd += 1 }
        guard tokenEnd > tokenStart, tokenEnd - tokenStart <= 8 else { return nil }
        let written = String(decoding: bytes[start..<end], as: UTF8.self) + " " + String(decoding: bytes[tokenStart..<tokenEnd], as: UTF8.self)
        guard let parsed = parse(written) else { return nil }
        // A heading, not a reference: followed by end of line, a period, a colon, a dash or a capital.
        var after = tokenEnd
        if after < count, bytes[after] == 0x2E || bytes[after] == 0x3A { after += 1 }
        while after < count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        let headingLike = after >= count || bytes[after] == 0x0A || StructuralText.isUpper(bytes[after]) || bytes[after] == 0x2D || bytes[after] == 0xE2 || bytes[after] == 0x28 || bytes[after] == 0x22 || after > tokenEnd
        guard headingLike else { return nil }
        switch parsed.kind {
        case .article: return ("article:\(parsed.key)", tokenEnd - start)
        case .attachment(let word): return ("\(word):\(parsed.key.lowercased())", tokenEnd - start)
        case .number: return (parsed.key, tokenEnd - start)
        }
    }

    /// Resolves one label; relative labels (`(c)`) are looked up among the descendants of the
    /// clauses around the reference, then in the text of its top-level clause.
    func resolve(label: String, target: CrossReference.Target, keyword: String, at range: Range<Int>, in document: Document) -> (resolved: Bool, ids: [String]) {
        switch target {
        case .attachment:
            let key = label.lowercased()
            if let ids = keys["\(keyword):\(key)"] { return (true, ids) }
            // "Schedule A" written where the heading says "Exhibit A" is still a broken reference; only same-word matches count.
            return (false, [])
        case .article:
            let head = String(label.prefix { $0 != "(" })
            // "Article 7.2(a)": articles numbered like sections.
            if head.contains(".") { return resolve(label: label, target: .section, keyword: "section", at: range, in: document) }
            let value = Int(head).map(String.init) ?? StructuralText.romanValue(head).map(String.init) ?? head.lowercased()
            if let ids = keys["article:\(value)"] { return (true, ids) }
            if let ids = keys[value] { return (true, ids) }
            if let ids = keys["roman:\(value)"] { return (true, ids) }
            if decimalHeads.contains(value) { return (true, []) }
            return (false, [])
        case .section, .clause, .paragraph:
            if label.hasPrefix("(") {
                // "Section (3)(a)" is too odd to judge.
                if label.dropFirst().contains("(") { return (true, []) }
                // `Section (11)`: section 11 written in parentheses.
                let inner = label.dropFirst().dropLast()
                if label.hasSuffix(")"), !inner.isEmpty, inner.allSatisfy(\.isNumber), let ids = keys[String(inner)] { return (true, ids) }
                return resolveRelative(label, at: range, in: document)
            }
            let normalised = Self.normaliseNumber(label)
            if let ids = keys[normalised] { return (true, ids) }
            // Roman labels ("Section VI", "Paragraph IV"): against roman headings only; none at all
            // means a term of art or another document ("Paragraph IV certification").
            let head = String(label.prefix { $0 != "(" })
            if let value = StructuralText.romanValue(head), head.allSatisfy({ "IVXLC".contains($0) }) {
                if let ids = keys["roman:\(value)"] ?? keys["article:\(value)"] { return (true, ids) }
                // "Paragraph IV" is a term of art (a patent certification), not a paragraph.
                return (!hasRoman || keyword == "paragraph", [])
            }
            // Drop parenthesised parts one by one: `4.2(b)` resolves if 4.2 exists and its text has "(b)".
            var base = normalised
            var parts: [String] = []
            while let open = base.lastIndex(of: "(") {
                parts.insert(String(base[open...]), at: 0)
                base = String(base[..<open])
                // Inline items ((b), (iii)) are rarely all clauses of the tree, and PDF text
                // writes them as "b)" or "(B)": the section existing is enough.
                if let ids = keys[base] { return (true, ids) }
            }
            // "Section 5" in a contract whose top-level parts are articles.
            if !base.contains("."), let ids = keys["article:\(base)"] { return (true, ids) }
            // `section 14` where only its sub-clauses `14.1`, `14.2` carry numbers (the heading lost its number).
            if !base.contains("."), decimalHeads.contains(base) { return (true, []) }
            // `Section D.4` in a contract with lettered sections and numbered sub-sections.
            return (false, [])
        }
    }

    func resolveRelative(_ label: String, at range: Range<Int>, in document: Document) -> (resolved: Bool, ids: [String]) {
        let path = document.clausePath(containing: range.lowerBound)
        for clause in path.reversed() {
            var found: [String] = []
            func search(_ node: Clause) {
                if let own = ownKeys[node.id], own == label { found.append(node.id) }
                node.children.forEach(search)
            }
            clause.children.forEach(search)
            if let own = ownKeys[clause.id], own == label { found.append(clause.id) }
            if !found.isEmpty { return (true, found) }
        }
        // Inline enumerations: "(c)" written anywhere else in the contract (the tree rarely has
        // every inline item, and "paragraph (c) above" may point into another clause).
        let bytes = document.bytes
        let scope = 0..<bytes.count
        let needle = Array(label.utf8.dropFirst())   // "j)" also matches "(j)"
        var position = scope.lowerBound
        while position + needle.count <= scope.upperBound {
            if bytes[position] == needle[0], bytes[position..<(position + needle.count)].elementsEqual(needle), !range.contains(position),
               position == 0 || !StructuralText.isAlnum(bytes[position - 1]) {
                return (true, path.last.map { [$0.id] } ?? [])
            }
            position += 1
        }
        return (false, [])
    }

    static func text(of clause: Clause, in document: Document) -> String {
        document.lines.text(clause.span.startOffset..<min(clause.span.endOffset, clause.span.startOffset + 50_000))
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        return String(result)
    }
}
