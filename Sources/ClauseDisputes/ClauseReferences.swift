import ClauseModel

/// A reference to a part of a contract as people write it: `Section 12(b)`, `§4`, `clause 9`,
/// `Article IV`, `Schedule B`, or a bare `7.2`.
public struct WrittenReference: Hashable, Sendable {
    /// As written, e.g. `Section 12(b)`.
    public var text: String
    /// Normalised lookup key: lower-case, no spaces, no trailing period (`12(b)`, `schedule-b`).
    public var key: String
    /// Where it is in the text it was found in (UTF-8 bytes).
    public var range: Range<Int>
    /// True for a bare number with no keyword (`7.2`): only trusted when it resolves.
    public var isBare: Bool
}

/// Finds written references in text. Byte-level, so it can run over every clause of a contract
/// (cross-reference pull-in) as cheaply as over a dispute description.
public enum ReferenceScanner {
    private static let keywords: [(word: String, prefix: String)] = [
        ("sections", ""), ("section", ""), ("sec", ""), ("clauses", ""), ("clause", ""),
        ("articles", ""), ("article", ""), ("paragraphs", ""), ("paragraph", ""), ("para", ""),
        ("subsections", ""), ("subsection", ""), ("items", ""), ("item", ""),
        ("schedules", "schedule-"), ("schedule", "schedule-"), ("exhibits", "exhibit-"), ("exhibit", "exhibit-"),
        ("annexes", "annex-"), ("annex", "annex-"), ("appendices", "appendix-"), ("appendix", "appendix-"),
    ]

    /// References in `text`. With `includeBare`, dotted numbers without a keyword (`7.2`,
    /// `12.3(b)`) are returned too, marked `isBare`.
    public static func scan(_ text: String, includeBare: Bool = false) -> [WrittenReference] {
        let bytes = Array(text.utf8)
        return scan(bytes, range: 0..<bytes.count, includeBare: includeBare)
    }

    public static func scan(_ bytes: [UInt8], range: Range<Int>, includeBare: Bool = false) -> [WrittenReference] {
        var result: [WrittenReference] = []
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            // "§" is C2 A7 in UTF-8; "§§" lists several.
            if byte == 0xC2, index + 1 < end, bytes[index + 1] == 0xA7 {
                var cursor = index + 2
                while cursor + 1 < end, bytes[cursor] == 0xC2, bytes[cursor + 1] == 0xA7 { cursor += 2 }
                let found = list(bytes, from: cursor, end: end, start: index, prefix: "")
                result += found.references
                index = max(found.end, index + 2)
                continue
            }
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            if isLetter, index == range.lowerBound || !TextAnalysis.isWordByte(bytes[index - 1]) {
                var wordEnd = index
                while wordEnd < end, TextAnalysis.isWordByte(bytes[wordEnd]) { wordEnd += 1 }
                let word = String(decoding: bytes[index..<wordEnd].map(TextAnalysis.lower), as: UTF8.self)
                if let keyword = keywords.first(where: { $0.word == word }) {
                    var cursor = wordEnd
                    if cursor < end, bytes[cursor] == UInt8(ascii: ".") { cursor += 1 }   // "Sec. 4"
                    let found = list(bytes, from: cursor, end: end, start: index, prefix: keyword.prefix)
                    if !found.references.isEmpty {
                        result += found.references
                        index = found.end
                        continue
                    }
                }
                index = wordEnd
                continue
            }
            if includeBare, byte >= 0x30, byte <= 0x39, index == range.lowerBound || !(TextAnalysis.isWordByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "$") || bytes[index - 1] == UInt8(ascii: ".") || bytes[index - 1] == UInt8(ascii: ",")) {
                if let token = number(bytes, from: index, end: end), token.hasDot || token.hasParenthesis,
                   token.end >= end || !(bytes[token.end] == UInt8(ascii: "%") || TextAnalysis.isWordByte(bytes[token.end])) {
                    let written = String(decoding: bytes[index..<token.end], as: UTF8.self)
                    result.append(WrittenReference(text: written, key: normalise(written), range: index..<token.end, isBare: true))
                    index = token.end
                    continue
                }
            }
            index += 1
        }
        return result
    }

    /// `12(b)`, `4.2 and 4.3`, `IV` after a keyword: one or more numbers joined by `,`, `and`,
    /// `or`, `&`, `through`, `to`.
    private static func list(_ bytes: [UInt8], from: Int, end: Int, start: Int, prefix: String) -> (references: [WrittenReference], end: Int) {
        var result: [WrittenReference] = []
        var cursor = from
        var keywordStart: Int? = start
        while true {
            var numberStart = cursor
            while numberStart < end, bytes[numberStart] == 0x20 || bytes[numberStart] == 0x0A || bytes[numberStart] == 0x09 { numberStart += 1 }
            guard numberStart > cursor || keywordStart == nil || bytes[cursor - 1] == 0xA7, let token = number(bytes, from: numberStart, end: end) else { break }
            // A lone word after "section" is no reference ("section headings"): the token must
            // hold a digit, be a roman numeral, or be one letter (Schedule B, Exhibit A).
            let raw = String(decoding: bytes[numberStart..<token.end], as: UTF8.self)
            let trimmed = raw.hasSuffix(".") ? String(raw.dropLast()) : raw
            guard token.hasDigit || isRoman(trimmed) || trimmed.count == 1 else { break }
            if trimmed.count == 1, !token.hasDigit, prefix.isEmpty, !isRoman(trimmed) { break }
            let written = String(decoding: bytes[(keywordStart ?? numberStart)..<token.end], as: UTF8.self)
            result.append(WrittenReference(text: trimmedWritten(written), key: prefix + normalise(trimmed), range: (keywordStart ?? numberStart)..<token.end, isBare: false))
            keywordStart = nil
            cursor = token.end
            // A joining word, then another number.
            var next = cursor
            while next < end, bytes[next] == 0x20 || bytes[next] == 0x2C || bytes[next] == 0x0A { next += 1 }
            var joined = false
            for joiner in ["and ", "or ", "& ", "through ", "to "] {
                let joinerBytes = Array(joiner.utf8)
                if next + joinerBytes.count <= end, Array(bytes[next..<(next + joinerBytes.count)].map(TextAnalysis.lower)) == joinerBytes {
                    next += joinerBytes.count
                    joined = true
                    break
                }
            }
            if !joined, next > cursor, cursor < end, bytes[cursor] == 0x2C { joined = true }
            guard joined, next < end, bytes[next] >= 0x30 && bytes[next] <= 0x39 || bytes[next] == UInt8(ascii: "(") else { break }
            cursor = next
            keywordStart = nil
        }
        return (result, cursor)
    }

    private static func trimmedWritten(_ text: String) -> String {
        var result = text
        while let last = result.last, last == "." || last == "," || last == " " { result.removeLast() }
        return result
    }

    /// A clause number: alphanumerics joined by dots, then `(x)` groups (`12.3(b)(ii)`).
    private static func number(_ bytes: [UInt8], from: Int, end: Int) -> (end: Int, hasDot: Bool, hasParenthesis: Bool, hasDigit: Bool)? {
        var cursor = from
        var hasDot = false
        var hasParenthesis = false
        var hasDigit = false
        func alnum(_ byte: UInt8) -> Bool { byte < 0x80 && TextAnalysis.isWordByte(byte) }
        guard cursor < end, alnum(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "(") else { return nil }
        while cursor < end, alnum(bytes[cursor]) {
            if bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39 { hasDigit = true }
            cursor += 1
            if cursor + 1 < end, bytes[cursor] == UInt8(ascii: "."), alnum(bytes[cursor + 1]), bytes[cursor + 1] >= 0x30 && bytes[cursor + 1] <= 0x39 {
                hasDot = true
                cursor += 1
            }
        }
        while cursor < end, bytes[cursor] == UInt8(ascii: "(") {
            var close = cursor + 1
            while close < end, close - cursor <= 5, alnum(bytes[close]) { close += 1 }
            guard close < end, bytes[close] == UInt8(ascii: ")"), close > cursor + 1 else { break }
            hasParenthesis = true
            if bytes[(cursor + 1)..<close].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { hasDigit = true }
            cursor = close + 1
        }
        guard cursor > from else { return nil }
        // Too long to be a clause number ("Agreement").
        if !hasDigit, cursor - from > 5 { return nil }
        return (cursor, hasDot, hasParenthesis, hasDigit)
    }

    /// Lower-case, no spaces or `§`, no trailing period: `12.3(B).` → `12.3(b)`.
    public static func normalise(_ number: String) -> String {
        var result = ""
        for character in number.lowercased() where character != " " && character != "§" && character != "\n" { result.append(character) }
        for prefix in ["section", "sec.", "article", "clause", "paragraph"] where result.hasPrefix(prefix) && result.count > prefix.count {
            result.removeFirst(prefix.count)
        }
        while result.hasSuffix(".") || result.hasSuffix(":") { result.removeLast() }
        return result
    }

    static func isRoman(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 6 && text.uppercased().allSatisfy { "IVXLC".contains($0) } && romanValue(text) != nil
    }

    static func romanValue(_ text: String) -> Int? {
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50, "c": 100]
        var total = 0
        var previous = 0
        for character in text.lowercased().reversed() {
            guard let value = values[character] else { return nil }
            if value < previous { total -= value } else { total += value; previous = value }
        }
        return total > 0 ? total : nil
    }
}

/// Resolves written references against one document's clause tree: by clause id, by number
/// as written, and by the number path (`12` → `(b)` answers `12(b)`); articles also answer to
/// their arabic number (`Article IV` = `Article 4`).
public struct ClauseResolver: Sendable {
    /// How a reference resolved.
    public enum Resolution: Hashable, Sendable {
        case exact(clauseID: String)
        /// Only a containing clause exists (`12(b)` → `12`).
        case containing(clauseID: String)
        case notFound
    }

    private var byKey: [String: String] = [:]

    public init(document: Document) {
        func add(_ key: String, _ id: String) {
            guard !key.isEmpty, byKey[key] == nil else { return }
            byKey[key] = id
        }
        func visit(_ clause: Clause, parentPath: String?) {
            let id = clause.id.lowercased()
            add(id, clause.id)
            var path = parentPath ?? ""
            if let number = clause.number {
                let normal = ReferenceScanner.normalise(number)
                if normal.hasPrefix("(") {
                    path = (parentPath ?? "") + normal
                } else if normal.contains(".") || parentPath == nil || parentPath!.isEmpty {
                    path = normal
                } else {
                    path = (parentPath ?? "") + "." + normal
                }
                add(path, clause.id)
                add(normal, clause.id)
                if ReferenceScanner.isRoman(normal), let value = ReferenceScanner.romanValue(normal) { add(String(value), clause.id) }
            }
            if let heading = clause.heading?.lowercased() {
                // "Schedule B – Pricing", "Exhibit A"
                for word in ["schedule", "exhibit", "annex", "appendix"] where heading.hasPrefix(word + " ") {
                    let rest = heading.dropFirst(word.count + 1).prefix { $0.isLetter || $0.isNumber }
                    if !rest.isEmpty { add("\(word)-\(rest)", clause.id) }
                }
            }
            for child in clause.children { visit(child, parentPath: path) }
        }
        for clause in document.clauses { visit(clause, parentPath: nil) }
    }

    public func resolve(_ key: String) -> Resolution {
        if let id = byKey[key] { return .exact(clauseID: id) }
        var shorter = key
        while true {
            if shorter.hasSuffix(")"), let open = shorter.lastIndex(of: "(") {
                shorter = String(shorter[..<open])
            } else if let dot = shorter.lastIndex(of: ".") {
                shorter = String(shorter[..<dot])
            } else {
                return .notFound
            }
            if let id = byKey[shorter] { return .containing(clauseID: id) }
        }
    }

    public func resolve(_ reference: WrittenReference) -> Resolution { resolve(reference.key) }
}
