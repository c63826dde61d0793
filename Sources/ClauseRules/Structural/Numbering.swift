import ClauseModel

/// A break in a clause-numbering sequence, on the clause where the sequence breaks.
public struct NumberingIssue: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// `3.1, 3.2, 3.4`: 3.3 is missing.
        case gap
        /// Two `5.`.
        case duplicate
        /// `4, 3`.
        case outOfOrder = "out-of-order"
        /// `(a), (b), 3.` or `(a), (ii)` at one level.
        case mixedScheme = "mixed-scheme"
    }

    public var kind: Kind
    /// The clause where the sequence breaks.
    public var clauseID: String
    /// The number as written there, and its byte range.
    public var number: String
    public var range: Range<Int>
    /// The sibling it is compared with (the previous number of the same scheme, or the first of the level).
    public var previousClauseID: String
    public var previousNumber: String
    public var previousRange: Range<Int>
    /// What was expected (`3.3`), for gaps and out-of-order numbers.
    public var expected: String?
}

/// Checks the numbering of each level of the clause tree: every list of siblings should count
/// up by one in a single scheme.
public struct NumberingAnalyzer: Sendable {
    public init() {}

    /// How a number is written: the scheme decides which siblings are compared.
    enum Scheme: Hashable {
        case decimal(prefix: String, components: Int)
        case keywordDecimal(String)
        case keywordRoman(String)
        case parenLower, parenUpper, parenLowerRoman, parenUpperRoman, parenDecimal
        case lowerLetter, upperLetter, lowerRoman, upperRoman

        var description: String {
            switch self {
            case .decimal(_, let components): return components == 1 ? "1., 2., 3." : "1.1, 1.2, 1.3"
            case .keywordDecimal(let word): return "\(word) 1, 2, 3"
            case .keywordRoman(let word): return "\(word) I, II, III"
            case .parenLower: return "(a), (b), (c)"
            case .parenUpper: return "(A), (B), (C)"
            case .parenLowerRoman: return "(i), (ii), (iii)"
            case .parenUpperRoman: return "(I), (II), (III)"
            case .parenDecimal: return "(1), (2), (3)"
            case .lowerLetter: return "a., b., c."
            case .upperLetter: return "A., B., C."
            case .lowerRoman: return "i., ii., iii."
            case .upperRoman: return "I., II., III."
            }
        }

        /// Schemes that count as one for mixed-scheme: `1`, `1.1`, `2` in one list is a flat
        /// outline (nesting the parser did not see), not two schemes.
        var mixFamily: String {
            switch self {
            case .decimal, .keywordDecimal: return "decimal"
            default: return family
            }
        }

        /// Schemes whose lists are compared as one family (a decimal list whose prefix changes
        /// is a parser's flattening, not a mixed scheme).
        var family: String {
            switch self {
            case .decimal(_, let components): return "decimal-\(components)"
            case .keywordDecimal(let word), .keywordRoman(let word): return "keyword-\(word)"
            default: return description
            }
        }
    }

    struct Parsed {
        var scheme: Scheme
        var value: Int
        var token: String
        /// For a single ambiguous letter (i, v, x, …): the letter scheme it would have.
        var letterAlternative: (Scheme, Int)?
    }

    /// `parse` remembered per document: most clause numbers recur (`(a)`, `(b)`, `1.`) and a
    /// dictionary lookup costs a fraction of parsing with Character-level trimming and splitting.
    final class ParseMemo {
        private var known: [String: Parsed?] = [:]
        func parse(_ written: String) -> Parsed? {
            if let parsed = known[written] { return parsed }
            let parsed = NumberingAnalyzer.parse(written)
            known[written] = parsed
            return parsed
        }
    }

    public func issues(in document: Document) -> [NumberingIssue] {
        var result: [NumberingIssue] = []
        let bytes = document.bytes
        let scanText = document.format == .plainText
        let memo = ParseMemo()
        func visit(_ siblings: [Clause], parent: Clause?) {
            var items = siblings
            // Plain text: numbers at line starts that the parser folded into a clause's text
            // (a second "2.3", a "6.2" before "6.1") take part in the sequence too.
            if scanText {
                var hosts = siblings.filter { $0.number != nil && $0.kind != .preamble && $0.kind != .title }
                if let parent, parent.number != nil { hosts.append(parent) }
                let family = siblings.lazy.compactMap { $0.number.flatMap(memo.parse) }.first?.scheme.family
                for host in hosts {
                    for marker in Self.lineStartNumbers(in: host, bytes: bytes) where memo.parse(marker.number)?.scheme.family == family {
                        items.append(Clause(id: host.id, number: marker.number, kind: host.kind, level: host.level, span: document.lines.span(marker.range.lowerBound..<host.ownRange.upperBound)))
                    }
                }
                items.sort { $0.span.startOffset < $1.span.startOffset }
            }
            check(items, bytes: bytes, memo: memo, into: &result)
            for clause in siblings { visit(clause.children, parent: clause) }
        }
        visit(document.clauses, parent: nil)
        return result
    }

    func check(_ siblings: [Clause], bytes: [UInt8], memo: ParseMemo = ParseMemo(), into result: inout [NumberingIssue]) {
        var last: [String: (clause: Clause, parsed: Parsed)] = [:]
        var firstFamily: (family: String, clause: Clause, parsed: Parsed)?   // by mixFamily
        var reportedMixed = false
        var previous: Parsed?
        for clause in siblings {
            guard clause.kind != .schedule, let written = clause.number, var parsed = memo.parse(written) else { continue }
            // `(i)` after `(h)` is a letter; `(v)` after `(iv)` a roman numeral.
            if let (letterScheme, letterValue) = parsed.letterAlternative {
                if let before = previous, before.scheme == letterScheme, before.value + 1 == letterValue {
                    parsed.scheme = letterScheme
                    parsed.value = letterValue
                } else if let before = previous, before.scheme == parsed.scheme {
                    // stays roman
                } else if parsed.token.count == 1, parsed.token.lowercased() != "i" {
                    parsed.scheme = letterScheme
                    parsed.value = letterValue
                }
            }
            previous = parsed
            let family = parsed.scheme.family
            let range = numberRange(of: clause, written: written, bytes: bytes)
            if let first = firstFamily {
                // A different scheme that takes the next place of the list ((a), (b), 3. or
                // (iii)); a sub-list that starts at 1 is nesting the parser flattened.
                let continues = last.values.contains { $0.parsed.scheme.mixFamily == first.family && $0.parsed.value + 1 == parsed.value }
                // An odd scheme seen before in the list (`A.`, `1.`, `2.`, `B.`) is the parser's
                // flattening of two levels, not a switch of scheme.
                if first.family != parsed.scheme.mixFamily, !reportedMixed, continues, parsed.value > 1, last[family] == nil,
                   !Self.predecessorIsWritten(written, parsed, between: first.clause.span.startOffset, and: range.lowerBound, in: bytes) {
                    reportedMixed = true
                    result.append(NumberingIssue(kind: .mixedScheme, clauseID: clause.id, number: written, range: range, previousClauseID: first.clause.id,
                                                 previousNumber: first.clause.number ?? "", previousRange: numberRange(of: first.clause, written: first.clause.number ?? "", bytes: bytes),
                                                 expected: first.parsed.scheme.description))
                }
            } else {
                firstFamily = (parsed.scheme.mixFamily, clause, parsed)
            }
            if let before = last[family] {
                var sameParent = true
                if case .decimal(let prefix, _) = parsed.scheme, case .decimal(let beforePrefix, _) = before.parsed.scheme, prefix != beforePrefix { sameParent = false }
                if sameParent {
                    let kind: NumberingIssue.Kind?
                    if parsed.value == before.parsed.value { kind = .duplicate }
                    else if parsed.value > before.parsed.value + 1 { kind = .gap }
                    else if parsed.value < before.parsed.value { kind = .outOfOrder }
                    else { kind = nil }
                    // A restart at 1 begins a new list (an exhibit, a table); a missing number
                    // written in the text between is an item the parser did not make a clause.
                    var report = kind != nil && parsed.value != 1
                    // Two numbers swapped (`6.5` then `6.4`) go back one step; a longer jump back
                    // (`9.` then `2.`, `22.` then `4.`) is the next list of a table or schedule.
                    if kind == .outOfOrder, parsed.value != before.parsed.value - 1 { report = false }
                    let between = before.clause.span.startOffset..<min(clause.span.startOffset, bytes.count)
                    if kind == .gap, report {
                        let missing = Array(Self.render(before.parsed, value: before.parsed.value + 1).utf8)
                        if Self.contains(missing, in: bytes, range: between) { report = false }
                        // `ARTICLE 7 - [RESERVED]` for `Article 7`: keywords in any case.
                        if report, missing.contains(0x20), Self.contains(Array(StructuralText.lowercased(missing)), in: StructuralText.lowercased(Array(bytes[between])), range: 0..<between.count) { report = false }
                        // `Kronos    (4) WFC Workshop    (6) Kronos Classroom`: quantities in the
                        // cells of a table, not a list.
                        if report, Self.isTableCell(clause.span.startOffset, in: bytes) || Self.isTableCell(before.clause.span.startOffset, in: bytes) { report = false }
                    }
                    if kind == .duplicate || kind == .outOfOrder, report {
                        // `6.` … `Item Six   1. All raw materials …` … `5.`: a new list began in
                        // text the parser did not split (its `1.` written at a line start or after
                        // a layout gap); the number belongs to that list, not to this one.
                        let restart = Array(Self.render(parsed, value: 1).utf8)
                        if Self.containsMarker(restart, in: bytes, range: between) { report = false }
                    }
                    if kind == .outOfOrder, report,
                       Self.isTableRow(clause.span.startOffset, in: bytes) || Self.isTableRow(before.clause.span.startOffset, in: bytes) {
                        // A row of a table (layout gaps between cells): PDF extraction reads a
                        // table's cells out of order, so its numbers say nothing about the list.
                        report = false
                    }
                    if let kind, report {
                        result.append(NumberingIssue(kind: kind, clauseID: clause.id, number: written, range: range, previousClauseID: before.clause.id,
                                                     previousNumber: before.clause.number ?? "", previousRange: numberRange(of: before.clause, written: before.clause.number ?? "", bytes: bytes),
                                                     expected: kind == .duplicate ? nil : Self.render(before.parsed, value: before.parsed.value + 1)))
                    }
                }
            }
            last[family] = (clause, parsed)
        }
    }

    /// Decimal numbers (`2.3`, `6.`) opening a line of a clause's own text, after its first line,
    /// followed by a capitalised word: clause numbers the plain-text parser did not accept.
    static func lineStartNumbers(in clause: Clause, bytes: [UInt8]) -> [(number: String, range: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        let range = clause.ownRange
        var index = range.lowerBound
        while index < range.upperBound, bytes[index] != 0x0A { index += 1 }
        while index < range.upperBound {
            guard bytes[index] == 0x0A else { index += 1; continue }
            var start = index + 1
            while start < range.upperBound, bytes[start] == 0x20 { start += 1 }
            var end = start
            while end < range.upperBound, StructuralText.isDigit(bytes[end]) || (bytes[end] == 0x2E && end + 1 < range.upperBound && StructuralText.isDigit(bytes[end + 1])) { end += 1 }
            index = max(end, index + 1)
            guard end > start, end - start <= 8 else { continue }
            var after = end
            if after < range.upperBound, bytes[after] == 0x2E { after += 1 }
            let dotted = bytes[start..<end].contains(0x2E)
            guard dotted || after > end, after + 1 < range.upperBound, bytes[after] == 0x20, StructuralText.isUpper(bytes[after + 1]) else { continue }
            result.append((String(decoding: bytes[start..<after], as: UTF8.self), start..<after))
        }
        return result
    }

    /// `needle` (a list number such as `1.` or `(a)`) written as a list marker in `range`: at a
    /// line start (after indentation) or after a layout gap of three spaces, followed by a space
    /// (after an optional `.` or `)`) and, for numbers and letters without parentheses, a capital.
    static func containsMarker(_ needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Bool {
        var needle = needle
        if needle.last == 0x2E { needle.removeLast() }
        guard let first = needle.first, range.count >= needle.count else { return false }
        var index = range.lowerBound
        while index + needle.count < range.upperBound {
            defer { index += 1 }
            guard bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) else { continue }
            // Before: a line start (after indentation) or three spaces.
            var back = index
            while back > 0, bytes[back - 1] == 0x20 || bytes[back - 1] == 0x09 { back -= 1 }
            guard back == 0 || bytes[back - 1] == 0x0A || index - back >= 3 else { continue }
            // After: `.`/`)` unless the needle ends with `)`, a space, then a capital.
            var after = index + needle.count
            if first != 0x28, after < range.upperBound, bytes[after] == 0x2E || bytes[after] == 0x29 { after += 1 }
            guard after + 1 < range.upperBound, bytes[after] == 0x20 else { continue }
            if first == 0x28 || StructuralText.isUpper(bytes[after + 1]) { return true }
        }
        return false
    }

    /// The line holding `offset` has two or more layout gaps (runs of three spaces) after its
    /// indentation: a row of a table whose cells PDF extraction ran together.
    static func isTableRow(_ offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset < bytes.count else { return false }
        return lineHasTwoGaps(around: offset, in: bytes, gap: 3, scanLimit: 400)
    }

    /// A number written mid-line after a gap of ten spaces or more, on a line with at least two
    /// such gaps: a cell of a table (a quantity, a contents entry), not a clause of a list.
    static func isTableCell(_ offset: Int, in bytes: [UInt8]) -> Bool {
        guard offset < bytes.count else { return false }
        var before = offset
        while before > 0, bytes[before - 1] == 0x20 { before -= 1 }
        guard offset - before >= 10, before > 0, bytes[before - 1] != 0x0A else { return false }
        return lineHasTwoGaps(around: before, in: bytes, gap: 10, scanLimit: 2000)
    }

    /// Whether the line holding `offset` has, after its indentation and within `scanLimit` bytes,
    /// two runs of at least `gap` spaces each followed by text (the layout gaps of a table row).
    private static func lineHasTwoGaps(around offset: Int, in bytes: [UInt8], gap: Int, scanLimit: Int) -> Bool {
        var start = offset
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        var gaps = 0
        var run = 0
        var index = start
        while index < bytes.count, bytes[index] != 0x0A, index - start < scanLimit {
            if bytes[index] == 0x20 {
                run += 1
            } else {
                if run >= gap { gaps += 1; if gaps >= 2 { return true } }
                run = 0
            }
            index += 1
        }
        return false
    }

    static func contains(_ needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Bool {
        var needle = needle
        if needle.last == 0x2E { needle.removeLast() }
        guard let first = needle.first, range.count >= needle.count else { return false }
        var index = range.lowerBound
        while index + needle.count <= range.upperBound {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle),
               index == 0 || !StructuralText.isAlnum(bytes[index - 1]) || first == 0x28,
               index + needle.count >= bytes.count || !StructuralText.isDigit(bytes[index + needle.count]) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Where the number is written at the start of the clause (else the clause's first bytes).
    func numberRange(of clause: Clause, written: String, bytes: [UInt8]) -> Range<Int> {
        let needle = Array(written.utf8)
        let start = clause.span.startOffset
        let limit = min(clause.span.endOffset, start + 120, bytes.count)
        if let first = needle.first, limit - needle.count >= start {
            for offset in start...(limit - needle.count) where bytes[offset] == first && bytes[offset..<(offset + needle.count)].elementsEqual(needle) {
                var end = offset + needle.count
                if end < limit, bytes[end] == 0x2E || bytes[end] == 0x29, !written.hasSuffix(".") && !written.hasSuffix(")") { end += 1 }
                return offset..<end
            }
        }
        return start..<min(start + max(1, needle.count), clause.span.endOffset)
    }

    static func render(_ parsed: Parsed, value: Int) -> String {
        switch parsed.scheme {
        case .decimal(let prefix, _): return prefix.isEmpty ? "\(value)" : "\(prefix).\(value)"
        case .keywordDecimal(let word): return "\(word) \(value)"
        case .keywordRoman(let word): return "\(word) \(roman(value).uppercased())"
        case .parenLower: return "(\(letter(value)))"
        case .parenUpper: return "(\(letter(value).uppercased()))"
        case .parenLowerRoman: return "(\(roman(value)))"
        case .parenUpperRoman: return "(\(roman(value).uppercased()))"
        case .parenDecimal: return "(\(value))"
        case .lowerLetter: return "\(letter(value))."
        case .upperLetter: return "\(letter(value).uppercased())."
        case .lowerRoman: return "\(roman(value))."
        case .upperRoman: return "\(roman(value).uppercased())."
        }
    }

    /// `i. Profits means …: (i) … ; (ii) …` or `(a) when …; (b) when …`: the number before
    /// `written` in its own scheme (`(i)` for `(ii)`) is written in the text between the first
    /// number of the level and this one, so `written` continues its own list (an inline or
    /// nested enumeration the parser put on this level), not the level's list in another scheme.
    static func predecessorIsWritten(_ written: String, _ parsed: Parsed, between start: Int, and end: Int, in bytes: [UInt8]) -> Bool {
        guard parsed.value > 1, start < end, end <= bytes.count else { return false }
        let utf8 = Array(written.utf8)
        guard let coreStart = utf8.firstIndex(where: StructuralText.isAlnum) else { return false }
        var coreEnd = coreStart
        while coreEnd < utf8.count, StructuralText.isAlnum(utf8[coreEnd]) { coreEnd += 1 }
        let core = utf8[coreStart..<coreEnd]
        let upper = core.contains(where: StructuralText.isUpper)
        var before: String
        switch parsed.scheme {
        case .parenDecimal, .decimal(_, 1): before = String(parsed.value - 1)
        case .lowerRoman, .upperRoman, .parenLowerRoman, .parenUpperRoman: before = roman(parsed.value - 1)
        case .lowerLetter, .upperLetter, .parenLower, .parenUpper: before = letter(parsed.value - 1)
        default: return false
        }
        if upper { before = before.uppercased() }
        let needle = Array(utf8[..<coreStart]) + Array(before.utf8) + Array(utf8[coreEnd...])
        guard needle.count >= 2 else { return false }
        for found in ByteSearch.occurrences(of: needle, in: Array(bytes[start..<end])) {
            let at = start + found
            let after = at + needle.count
            guard after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x0A else { continue }
            // `b)` is not written inside `(b)`.
            if at > 0, StructuralText.isAlnum(bytes[at - 1]) || bytes[at - 1] == 0x2E || (needle[0] != 0x28 && bytes[at - 1] == 0x28) { continue }
            return true
        }
        return false
    }

    /// `a` … `z`, then `aa` … `zz`, `aaa` … (doubled letters continue a letter list).
    static func letter(_ value: Int) -> String {
        guard value >= 1 && value <= 78 else { return "?" }
        return String(repeating: String(UnicodeScalar(UInt8(0x60 + (value - 1) % 26 + 1))), count: (value - 1) / 26 + 1)
    }

    static func roman(_ value: Int) -> String {
        let table: [(Int, String)] = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var remaining = value
        var result = ""
        for (number, symbol) in table { while remaining >= number { result += symbol; remaining -= number } }
        return result
    }

    /// Reads a clause number as written. Schedules and exhibits are not numbered sequences.
    static func parse(_ written: String) -> Parsed? {
        if let decimal = parseASCIIDecimal(written) { return decimal }
        var text = written.trimmingCharacters(in: " \t:–—-")
        let lower = text.lowercased()
        for word in ["article", "section", "clause", "part", "chapter", "§"] where lower.hasPrefix(word) {
            var rest = String(text.dropFirst(word.count)).trimmingCharacters(in: " \u{A0}.:")
            rest = String(rest.prefix { $0 != " " })
            let name = word == "§" ? "§" : word.prefix(1).uppercased() + word.dropFirst()
            if let value = Int(rest) { return Parsed(scheme: .keywordDecimal(name), value: value, token: rest) }
            if rest.utf8.contains(0x2E), let last = rest.split(separator: ".").last, let value = Int(last) {
                let prefix = rest.split(separator: ".").dropLast().joined(separator: ".")
                return Parsed(scheme: .decimal(prefix: prefix, components: rest.split(separator: ".").count), value: value, token: rest)
            }
            if let value = StructuralText.romanValue(rest) { return Parsed(scheme: .keywordRoman(name), value: value, token: rest) }
            return nil
        }
        for word in ["schedule", "exhibit", "annex", "appendix", "attachment", "addendum"] where lower.hasPrefix(word) { return nil }
        if text.hasPrefix("("), text.hasSuffix(")") {
            let token = String(text.dropFirst().dropLast())
            guard !token.isEmpty, token.count <= 6 else { return nil }
            if let value = Int(token) { return Parsed(scheme: .parenDecimal, value: value, token: token) }
            return letterOrRoman(token, letter: (.parenLower, .parenUpper), roman: (.parenLowerRoman, .parenUpperRoman))
        }
        if text.hasSuffix(".") || text.hasSuffix(")") { text.removeLast() }
        guard !text.isEmpty else { return nil }
        if text.first!.isNumber {
            let components = text.split(separator: ".", omittingEmptySubsequences: false)
            guard components.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }), let value = Int(components.last!) else { return nil }
            let prefix = components.dropLast().map { String(Int($0) ?? 0) }.joined(separator: ".")
            return Parsed(scheme: .decimal(prefix: prefix, components: components.count), value: value, token: text)
        }
        return letterOrRoman(text, letter: (.lowerLetter, .upperLetter), roman: (.lowerRoman, .upperRoman))
    }

    /// `parse` for plain decimal numbers (`3.`, `4.2`, `10.1.3`), on bytes: nil when `written`
    /// is not ASCII digits and dots starting with a digit (after the trimming `parse` does), so
    /// `parse` goes on to the general, Character-based reading.
    static func parseASCIIDecimal(_ written: String) -> Parsed? {
        let all = Array(written.utf8)
        @inline(__always) func trimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x3A || byte == 0x2D }
        var end = all.count
        while end > 0, trimmed(all[end - 1]) { end -= 1 }
        var start = 0
        while start < end, trimmed(all[start]) { start += 1 }
        guard start < end, StructuralText.isDigit(all[start]) else { return nil }
        for byte in all[start..<end] where !(StructuralText.isDigit(byte) || byte == 0x2E) { return nil }
        if all[end - 1] == 0x2E { end -= 1 }
        // Components: digits between dots, none empty and none too long for `Int`.
        var components: [Int] = []
        var componentStart = start
        for index in start...end where index == end || all[index] == 0x2E {
            guard index > componentStart, index - componentStart <= 18 else { return nil }
            var value = 0
            for byte in all[componentStart..<index] { value = value * 10 + Int(byte - 0x30) }
            components.append(value)
            componentStart = index + 1
        }
        let prefix = components.dropLast().map(String.init).joined(separator: ".")
        return Parsed(scheme: .decimal(prefix: prefix, components: components.count), value: components.last!, token: String(decoding: all[start..<end], as: UTF8.self))
    }

    static func letterOrRoman(_ token: String, letter: (Scheme, Scheme), roman: (Scheme, Scheme)) -> Parsed? {
        guard token.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        let isLower = token.allSatisfy(\.isLowercase)
        let isUpper = token.allSatisfy(\.isUppercase)
        guard isLower || isUpper else { return nil }
        let letterScheme = isLower ? letter.0 : letter.1
        let romanScheme = isLower ? roman.0 : roman.1
        var letterValue = token.count == 1 ? Int(token.lowercased().unicodeScalars.first!.value) - 0x60 : nil
        // (aa), (bb), (cc) after (z): doubled letters continue a letter list.
        if token.count == 2 || token.count == 3, Set(token).count == 1 {
            letterValue = 26 * (token.count - 1) + Int(token.lowercased().unicodeScalars.first!.value) - 0x60
        }
        if let romanValue = StructuralText.romanValue(token), token.allSatisfy({ "ivxlcdmIVXLCDM".contains($0) }) {
            if let letterValue {
                return Parsed(scheme: romanScheme, value: romanValue, token: token, letterAlternative: (letterScheme, letterValue))
            }
            return Parsed(scheme: romanScheme, value: romanValue, token: token)
        }
        if let letterValue { return Parsed(scheme: letterScheme, value: letterValue, token: token) }
        return nil
    }
}
