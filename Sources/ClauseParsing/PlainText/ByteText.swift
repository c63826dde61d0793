/// Byte classes and small matchers over UTF-8 bytes, shared by the plain-text scanner.
///
/// Hand-written on purpose: the parser looks at every byte of every contract, and per-byte
/// `Character`/`Regex` work would cost an order of magnitude in throughput.
enum ByteText {
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0D || byte == 0x0B
    }
    @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    @inline(__always) static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }

    /// Whether `bytes[at...]` starts with `word` (ASCII, exact case), within `end`.
    @inline(__always) static func hasPrefix(_ bytes: [UInt8], _ at: Int, _ end: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= end else { return false }
        let pointer = word.utf8Start
        for index in 0..<count where bytes[at + index] != pointer[index] { return false }
        return true
    }

    /// Like `hasPrefix` but ASCII case-insensitive (`word` must be lowercase).
    @inline(__always) static func hasPrefixIgnoringCase(_ bytes: [UInt8], _ at: Int, _ end: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= end else { return false }
        let pointer = word.utf8Start
        for index in 0..<count where lowercased(bytes[at + index]) != pointer[index] { return false }
        return true
    }

    /// A keyword in one of its two usual spellings: `Section` or `SECTION`.
    @inline(__always) static func hasKeyword(_ bytes: [UInt8], _ at: Int, _ end: Int, title: StaticString, caps: StaticString) -> Int? {
        if hasPrefix(bytes, at, end, title) { return title.utf8CodeUnitCount }
        if hasPrefix(bytes, at, end, caps) { return caps.utf8CodeUnitCount }
        return nil
    }

    /// Opening double quote (`"` or `“`): its length in bytes, or 0.
    @inline(__always) static func openingQuoteLength(_ bytes: [UInt8], _ at: Int, _ end: Int) -> Int {
        guard at < end else { return 0 }
        if bytes[at] == 0x22 { return 1 }
        if at + 2 < end && bytes[at] == 0xE2 && bytes[at + 1] == 0x80 && (bytes[at + 2] == 0x9C || bytes[at + 2] == 0x9D) { return 3 }
        return 0
    }

    /// The value of a roman numeral written in one case (`iv`, `XII`), if it is canonical.
    static func romanValue(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 7 else { return nil }
        var total = 0
        var previous = 0
        for index in range.reversed() {
            let value: Int
            switch lowercased(bytes[index]) {
            case 0x69: value = 1    // i
            case 0x76: value = 5    // v
            case 0x78: value = 10   // x
            case 0x6C: value = 50   // l
            case 0x63: value = 100  // c
            default: return nil
            }
            if value < previous { total -= value } else { total += value; previous = value }
        }
        guard total > 0, total < 200 else { return nil }
        // Canonical form only ("iiii", "vx" are not numerals): re-encode and compare.
        let canonical = romanDigits(total)
        guard canonical.count == range.count else { return nil }
        for (offset, index) in range.enumerated() where lowercased(bytes[index]) != canonical[offset] { return nil }
        return total
    }

    private static func romanDigits(_ value: Int) -> [UInt8] {
        let table: [(Int, [UInt8])] = [
            (100, [0x63]), (90, [0x78, 0x63]), (50, [0x6C]), (40, [0x78, 0x6C]),
            (10, [0x78]), (9, [0x69, 0x78]), (5, [0x76]), (4, [0x69, 0x76]), (1, [0x69]),
        ]
        var remaining = value
        var result: [UInt8] = []
        for (amount, digits) in table {
            while remaining >= amount { result += digits; remaining -= amount }
        }
        return result
    }

    /// `aa` → 27, `b` → 2: a letter ordinal, including doubled letters used after `(z)`.
    static func letterOrdinal(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard let first = range.first else { return nil }
        let letter = lowercased(bytes[first])
        guard isLower(letter) else { return nil }
        for index in range where lowercased(bytes[index]) != letter { return nil }
        guard range.count <= 3 else { return nil }
        return Int(letter - 0x60) + 26 * (range.count - 1)
    }

    /// A lowercase slug for ids: letters and digits, runs of anything else become one `-`.
    static func slug(_ bytes: [UInt8], _ range: Range<Int>, limit: Int = 40) -> String {
        var result: [UInt8] = []
        var pendingDash = false
        for index in range {
            let byte = bytes[index]
            if isAlphanumeric(byte) {
                if pendingDash && !result.isEmpty { result.append(0x2D) }
                pendingDash = false
                result.append(lowercased(byte))
                if result.count >= limit { break }
            } else if byte < 0x80 || byte >= 0xC0 {
                pendingDash = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
