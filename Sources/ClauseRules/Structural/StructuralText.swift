import ClauseModel

/// Byte-level helpers shared by the structural analyzers. They run over whole documents (the
/// CUAD corpus is 17.7 MB), so they look at `[UInt8]` directly rather than `String`/`Regex`.
enum StructuralText {
    @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    @inline(__always) static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    @inline(__always) static func isAlnum(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }

    /// A byte of a word for boundary tests: ASCII letters and digits, and any non-ASCII byte
    /// (accented letters), but not the bytes of curly quotes or dashes.
    static func isWordByte(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard index >= 0, index < bytes.count else { return false }
        let byte = bytes[index]
        if isAlnum(byte) { return true }
        if byte < 0x80 { return false }
        // Walk back to the lead byte of this character.
        var lead = index
        while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        if bytes[lead] == 0xE2 { return false }   // punctuation block: “ ” ‘ ’ – — …
        if bytes[lead] == 0xC2 { return false }   // § no-break space « »
        return true
    }

    /// The length of an opening double quote at `index` (`"` or `“`), else 0.
    @inline(__always) static func openQuoteLength(_ bytes: [UInt8], _ index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x22 { return 1 }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C { return 3 }
        return 0
    }

    /// The length of a closing double quote at `index` (`"` or `”`), else 0.
    @inline(__always) static func closeQuoteLength(_ bytes: [UInt8], _ index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x22 { return 1 }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9D { return 3 }
        return 0
    }

    /// A lower-cased copy (ASCII only), so case-insensitive phrase search is plain byte search.
    static func lowercased(_ bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        copy.withUnsafeMutableBufferPointer { buffer in
            // Branch-free (the compiler vectorises it): `byte - 0x41 < 26` is `A`...`Z`.
            for index in 0..<buffer.count {
                let byte = buffer[index]
                buffer[index] = byte | (byte &- 0x41 < 26 ? 0x20 : 0)
            }
        }
        return copy
    }

    /// True when `needle` (lower-case) occurs in `bytes[range]` read lower-cased (ASCII).
    static func loweredContains(_ needle: [UInt8], in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard let first = needle.first else { return true }
        guard range.count >= needle.count else { return false }
        var start = range.lowerBound
        let last = range.upperBound - needle.count
        search: while start <= last {
            if lower(bytes[start]) == first {
                for offset in 1..<needle.count where lower(bytes[start + offset]) != needle[offset] {
                    start += 1
                    continue search
                }
                return true
            }
            start += 1
        }
        return false
    }

    /// True when `needle` (already lower-case) is at `index` of `lowered` as whole words.
    static func hasWord(_ needle: [UInt8], at index: Int, in lowered: [UInt8]) -> Bool {
        guard index >= 0, index + needle.count <= lowered.count else { return false }
        for offset in 0..<needle.count where lowered[index + offset] != needle[offset] { return false }
        if index > 0, isAlnum(lowered[index - 1]) { return false }
        if index + needle.count < lowered.count, isAlnum(lowered[index + needle.count]) { return false }
        return true
    }

    /// The start of the sentence holding `offset`: after the previous `. `/`; `… ` ending a
    /// sentence, a blank line, or `limit` bytes back.
    static func sentenceStart(_ bytes: [UInt8], before offset: Int, limit: Int = 600) -> Int {
        var index = min(offset, bytes.count)
        let floor = max(0, offset - limit)
        while index > floor {
            let byte = bytes[index - 1]
            if byte == 0x0A, index >= 2, bytes[index - 2] == 0x0A { return index }
            if byte == 0x3E { return index }   // the end of a markup tag
            if (byte == 0x20 || byte == 0x0A), index >= 2, bytes[index - 2] == 0x2E || bytes[index - 2] == 0x3F || bytes[index - 2] == 0x21,
               index < bytes.count, isUpper(bytes[index]) || bytes[index] == 0x28 || isDigit(bytes[index]) || bytes[index] == 0x22,
               !isAbbreviation(bytes, endingAt: index - 2) {
                return index
            }
            index -= 1
        }
        return floor
    }

    /// The end of the sentence holding `offset` (one past its final period), or a blank line,
    /// or `limit` bytes on.
    static func sentenceEnd(_ bytes: [UInt8], after offset: Int, limit: Int = 600) -> Int {
        var index = max(0, offset)
        let ceiling = min(bytes.count, offset + limit)
        while index < ceiling {
            let byte = bytes[index]
            if byte == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return index }
            if byte == 0x3C { return index }   // the start of a markup tag
            if byte == 0x2E || byte == 0x3F || byte == 0x21, index + 2 < bytes.count, bytes[index + 1] == 0x20 || bytes[index + 1] == 0x0A,
               isUpper(bytes[index + 2]) || bytes[index + 2] == 0x28 || isDigit(bytes[index + 2]),
               !isAbbreviation(bytes, endingAt: index) {
                return index + 1
            }
            index += 1
        }
        return ceiling
    }

    /// `Inc.`, `No.`, `U.S.`, `i.e.`, single letters: a period that does not end a sentence.
    static func isAbbreviation(_ bytes: [UInt8], endingAt period: Int) -> Bool {
        var start = period
        while start > 0, isLetter(bytes[start - 1]) || bytes[start - 1] == 0x2E { start -= 1 }
        let length = period - start
        if length <= 1 { return length == 1 }
        if length > 4 { return false }
        let word = String(decoding: bytes[start..<period].map(lower), as: UTF8.self)
        return abbreviations.contains(word) || word.utf8.contains(0x2E)
    }

    static let abbreviations: Set<String> = [
        "inc", "co", "corp", "ltd", "no", "nos", "mr", "mrs", "ms", "dr", "st", "sec", "art", "vs", "jr", "sr", "llc", "plc", "ave", "bldg", "e.g", "i.e", "etc", "u.s", "para", "cf", "ref", "fig", "approx",
    ]

    /// The value of an English number word (`thirty` → 30, `one hundred twenty` is not handled
    /// here: only a single word or a hyphenated `forty-five`).
    static func numberWordValue(_ word: String) -> Int? {
        if let value = numberWords[word] { return value }
        if let dash = word.firstIndex(of: "-"), let tens = numberWords[String(word[..<dash])], let units = numberWords[String(word[word.index(after: dash)...])], tens >= 20, units < 10 {
            return tens + units
        }
        return nil
    }

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100,
    ]

    /// Roman numeral value (`IV` → 4), nil when not a well-formed numeral.
    static func romanValue(_ text: String) -> Int? {
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000]
        var total = 0
        var previous = 0
        for character in text.lowercased().reversed() {
            guard let value = values[character] else { return nil }
            if value < previous { total -= value } else { total += value; previous = value }
        }
        return total > 0 ? total : nil
    }

    /// Offsets where attached documents begin: lines that are only an attachment heading
    /// (`EXHIBIT A`, `Schedule 2 - Form of Notice`) after the signature block ("IN WITNESS
    /// WHEREOF"). CUAD's plain text rarely marks these as schedules in the clause tree, yet each
    /// attached form, lease rider or notice restates its own definitions.
    ///
    /// `orAfterSignature`: in a text without "IN WITNESS WHEREOF", look after the first
    /// signature line (`By: /s/ …`, `BY: Eric Green`) past the first quarter of the text instead.
    static func attachmentStarts(_ lowered: [UInt8], bytes: [UInt8], orAfterSignature: Bool = false) -> [Int] {
        // Searched from "witness" ("w" is rarer than "i", so the byte search stops less often).
        let anchor = ByteSearch.occurrences(of: witnessWhereof, in: lowered).first ?? (orAfterSignature ? signatureLine(lowered, bytes: bytes) : nil)
        guard let witness = anchor else { return [] }
        var starts: [Int] = []
        var line = witness
        while line < lowered.count, lowered[line] != 0x0A { line += 1 }
        while line < lowered.count {
            let lineStart = line + 1
            var end = lineStart
            while end < lowered.count, lowered[end] != 0x0A { end += 1 }
            var word = lineStart
            while word < end, lowered[word] == 0x20 || lowered[word] == 0x09 || lowered[word] == 0x2A || lowered[word] == 0x23 { word += 1 }
            if word + 3 < end, lowered[word] == 0x72, lowered[word + 1] == 0x65, lowered[word + 2] == 0x3A {
                // `Re: Amendment to …`: the subject line of a letter appended after the signatures.
                starts.append(lineStart)
            } else if isDocumentTitle(bytes, lowered, word, end) {
                // `FORM OF NOTICE OF RELEASE AND CONSENT TO ASSIGNMENT`: the title of an attached form.
                starts.append(lineStart)
            } else if word < end, lowered[word] == 0x65 || lowered[word] == 0x73 || lowered[word] == 0x61 || lowered[word] == 0x72 {   // e s a r
                for keyword in attachmentKeywords where hasWord(keyword, at: word, in: lowered) {
                    let after = word + keyword.count
                    // A short heading line, or (PDF text runs the heading into the attached text)
                    // `EXHIBIT C FORM OF ASSIGNMENT … This Assignment …` (the keyword and its label in
                    // capitals) or `Exhibit A    Media Services    The following …` (the label set off
                    // by layout spaces) at the line start.
                    if after < end, lowered[after] == 0x20 || lowered[after] == 0x2D,
                       end - word <= 90 || (isCapitalHeading(bytes, word, after) && after + 1 < end && (isUpper(bytes[after + 1]) || isDigit(bytes[after + 1])))
                        || isLabelThenLayoutGap(lowered, after, end) {
                        starts.append(lineStart)
                    }
                    break
                }
            }
            line = end
        }
        return starts
    }

    static let witnessWhereof = Array("witness whereof".utf8)

    /// The first `By:` followed by a name, a `/s/` or a blank line for one (`BY: Eric Green`,
    /// `By: ______`) past the first quarter of the text: a signature block.
    static func signatureLine(_ lowered: [UInt8], bytes: [UInt8]) -> Int? {
        for found in ByteSearch.occurrences(of: byColon, in: lowered) where found >= lowered.count / 4 {
            guard found == 0 || !isAlnum(lowered[found - 1]) else { continue }
            var next = found + byColon.count
            while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
            if next < bytes.count, isUpper(bytes[next]) || bytes[next] == 0x2F || bytes[next] == 0x5F { return found }
        }
        return nil
    }

    static let byColon = Array("by:".utf8)

    /// ` A    Media Services`: after an attachment keyword, one short label (`A`, `B-1`, `3`)
    /// followed by a run of at least three spaces (a heading set off by layout, not prose).
    static func isLabelThenLayoutGap(_ lowered: [UInt8], _ after: Int, _ end: Int) -> Bool {
        guard after < end, lowered[after] == 0x20 else { return false }
        var index = after + 1
        let labelStart = index
        while index < end, isAlnum(lowered[index]) || lowered[index] == 0x2D || lowered[index] == 0x2E { index += 1 }
        guard index > labelStart, index - labelStart <= 5, index + 3 <= end else { return false }
        return lowered[index] == 0x20 && lowered[index + 1] == 0x20 && lowered[index + 2] == 0x20
    }

    /// A line in capitals of at least three words, at most 160 bytes, naming a kind of document
    /// (`… ASSIGNMENT`, `… NOTICE …`, `FORM OF …`): the title of an attached document.
    static func isDocumentTitle(_ bytes: [UInt8], _ lowered: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard start < end, end - start <= 160, isUpper(bytes[start]) else { return false }
        var words = 0
        var index = start
        while index < end {
            let byte = bytes[index]
            if isLower(byte) || isDigit(byte) { return false }
            if isUpper(byte), index == start || !isLetter(bytes[index - 1]) { words += 1 }
            index += 1
        }
        guard words >= 3 else { return false }
        let line = String(decoding: lowered[start..<end], as: UTF8.self)
        return documentNouns.contains { line.containsBytes($0) }
    }

    static let documentNouns = ["agreement", "assignment", "notice", "amendment", "letter", "certificate", "consent", "guaranty", "guarantee", "form of ", "release", "waiver", "power of attorney"]

    /// `EXHIBIT`, not `Exhibit`: every letter of `bytes[start..<end]` is a capital.
    static func isCapitalHeading(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        bytes[start..<end].allSatisfy { !isLower($0) }
    }

    /// The document calls itself an amendment in its first 800 bytes (and is not an agreement
    /// that merely mentions amendments): its terms and references belong to the agreement it
    /// amends. `bytes`: the document's text, in any case.
    static func isAmendment(_ bytes: [UInt8]) -> Bool {
        let opening = String(decoding: bytes.prefix(800).map(lower), as: UTF8.self)
        return opening.containsBytes("amendment") && !opening.containsBytes("amendments")
    }

    static let attachmentKeywords: [[UInt8]] = ["exhibit", "schedule", "annex", "appendix", "attachment", "addendum", "rider", "amendment"].map { Array($0.utf8) }

    /// Which attached document `offset` lies in: 0 for the agreement itself, n for the n-th
    /// attachment (see `attachmentStarts`).
    static func part(of offset: Int, _ starts: [Int]) -> Int {
        var part = 0
        while part < starts.count, starts[part] <= offset { part += 1 }
        return part
    }

    /// `Program   Content` → `Program Content`: PDF text pads words with runs of spaces.
    static func collapsingSpaces(_ bytes: ArraySlice<UInt8>) -> String {
        var padded = false
        var previous: UInt8 = 0
        for byte in bytes {
            if isSpace(byte), byte != 0x20 || previous == 0x20 { padded = true; break }
            previous = byte
        }
        guard padded else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            if isSpace(byte) {
                if result.last != 0x20 { result.append(0x20) }
            } else { result.append(byte) }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Sorted ranges → is `offset` inside one of them (binary search).
    static func isInside(_ offset: Int, _ ranges: [Range<Int>]) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if offset < ranges[mid].lowerBound { high = mid - 1 } else if offset >= ranges[mid].upperBound { low = mid + 1 } else { return true }
        }
        return false
    }
}

extension Document {
    /// Byte ranges of clause headings (number and heading text), sorted: capitalised words
    /// there are titles, not uses of defined terms.
    func headingRanges() -> [Range<Int>] {
        let bytes = self.bytes
        var ranges: [Range<Int>] = []
        for clause in allClauses {
            let start = clause.span.startOffset
            var end = start
            if let heading = clause.heading, !heading.isEmpty {
                let needle = Array(heading.utf8)
                let limit = min(clause.ownRange.upperBound, start + 300, bytes.count) - needle.count
                if limit >= start {
                    for offset in start...limit where bytes[offset] == needle[0] && bytes[offset..<(offset + needle.count)].elementsEqual(needle) {
                        end = offset + needle.count
                        break
                    }
                }
            }
            if end > start { ranges.append(start..<end) }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }
}

extension String {
    /// True when `needle` occurs in the string, compared as UTF-8 bytes. With Foundation in the
    /// module, `contains(_: String)` resolves to NSString's search, which made short window
    /// tests in the party and defined-term checks a tenth of linting.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard text.count >= pattern.count else { return false }
                var start = 0
                let last = text.count - pattern.count
                while start <= last {
                    if text[start] == first {
                        var offset = 1
                        while offset < pattern.count && text[start + offset] == pattern[offset] { offset += 1 }
                        if offset == pattern.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
