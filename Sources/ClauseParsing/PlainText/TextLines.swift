/// The lines of a prose buffer with what the parser needs to know about each: where its content
/// starts and ends, and whether it is a page artifact (page number, `Page 3 of 10`, `- 3 -`,
/// CUAD's `Source: …` footer) or a line repeated on many pages (a running header or footer).
/// Such lines never start clauses, and never serve as headings.
struct TextLines {
    struct Line {
        /// First byte of the line.
        var start: Int
        /// One past the last byte before the newline.
        var end: Int
        /// First and one-past-last non-blank bytes (equal when the line is blank).
        var contentStart: Int
        var contentEnd: Int
        var isArtifact: Bool
        var isRepeated: Bool
        var isBlank: Bool { contentStart == contentEnd }
    }

    var lines: [Line] = []

    init(_ bytes: [UInt8]) {
        lines.reserveCapacity(bytes.count / 50 + 1)
        var hashes: [UInt64] = []
        hashes.reserveCapacity(bytes.count / 50 + 1)
        var counts: [UInt64: Int] = [:]
        var lineStart = 0
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            while lineStart <= count {
                var end = lineStart
                while end < count && buffer[end] != 0x0A { end += 1 }
                var contentStart = lineStart
                while contentStart < end && ByteText.isSpace(buffer[contentStart]) { contentStart += 1 }
                var contentEnd = end
                while contentEnd > contentStart && ByteText.isSpace(buffer[contentEnd - 1]) { contentEnd -= 1 }
                let length = contentEnd - contentStart
                var hash: UInt64 = 0
                if length >= 3 && length <= 120 {
                    hash = 0xcbf2_9ce4_8422_2325
                    for index in contentStart..<contentEnd {
                        hash = (hash ^ UInt64(buffer[index])) &* 0x100_0000_01b3
                    }
                    counts[hash, default: 0] += 1
                }
                hashes.append(hash)
                lines.append(Line(
                    start: lineStart, end: end, contentStart: contentStart, contentEnd: contentEnd,
                    isArtifact: length > 0 && Self.isPageArtifact(buffer, contentStart, contentEnd),
                    isRepeated: false
                ))
                if end >= count { break }
                lineStart = end + 1
            }
        }
        for index in lines.indices where hashes[index] != 0 && counts[hashes[index], default: 0] >= 3 {
            lines[index].isRepeated = true
        }
    }

    /// Page numbers and page furniture left by PDF/Word export.
    static func isPageArtifact(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        // "12", "ii", "- 3 -", "-3-", "— 3 —"
        if length <= 12 {
            var digits = 0, romans = 0, others = 0, dashes = 0
            for index in start..<end {
                let byte = bytes[index]
                if ByteText.isDigit(byte) { digits += 1 }
                else if byte == 0x69 || byte == 0x76 || byte == 0x78 { romans += 1 }
                else if byte == 0x2D || byte == 0xE2 || byte == 0x80 || byte == 0x93 || byte == 0x94 { dashes += 1 }
                else if byte != 0x20 { others += 1 }
            }
            if others == 0 {
                if digits > 0 && digits <= 4 && romans == 0 { return true }
                if digits == 0 && romans > 0 && romans <= 5 { return true }
            }
        }
        // Rules and underlines: "--------", "________", "=====".
        if length >= 3 {
            var onlyRules = true
            for index in start..<end where !(bytes[index] == 0x2D || bytes[index] == 0x5F || bytes[index] == 0x3D || bytes[index] == 0x2A || bytes[index] == 0x20) {
                onlyRules = false
                break
            }
            if onlyRules { return true }
        }
        // "Page 3", "Page 3 of 10", "PAGE 3"
        if length <= 24 && length > 5 && ByteText.lowercased(bytes[start]) == 0x70 && ByteText.lowercased(bytes[start + 1]) == 0x61
            && ByteText.lowercased(bytes[start + 2]) == 0x67 && ByteText.lowercased(bytes[start + 3]) == 0x65 && bytes[start + 4] == 0x20 {
            var index = start + 5
            while index < end && bytes[index] == 0x20 { index += 1 }
            if index < end && ByteText.isDigit(bytes[index]) { return true }
        }
        // CUAD's per-page footer: "Source: COMPANY, 10-K, 3/1/2020"
        if length >= 7 && bytes[start] == 0x53 && bytes[start + 1] == 0x6F && bytes[start + 2] == 0x75
            && bytes[start + 3] == 0x72 && bytes[start + 4] == 0x63 && bytes[start + 5] == 0x65 && bytes[start + 6] == 0x3A {
            return true
        }
        return false
    }

    /// Index of the line holding `offset` (binary search).
    func lineIndex(at offset: Int) -> Int {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
