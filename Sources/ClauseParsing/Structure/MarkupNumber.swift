import ClauseModel

/// A clause number found at the start of a heading, paragraph or list item in a structured
/// format (Markdown, XML `num`, HTML paragraphs): `3.`, `3.1`, `(a)`, `(iv)`, `A.`,
/// `Article II`, `Section 4`, `§ 4`, `Schedule B`.
///
/// Hand-written byte matching (no regular expressions) because it runs on every block of every
/// document; the plain-text parser has its own, richer recogniser for unstructured text.
struct MarkupNumber: Equatable, Sendable {
    enum Style: Equatable, Sendable {
        /// `3`, `3.1`, `3.1.2`: the number of components decides nesting.
        case decimal(components: Int)
        case upperLetter, lowerLetter, upperRoman, lowerRoman
        case parenLower, parenUpper, parenLowerRoman, parenUpperRoman, parenDecimal
        case article, section, schedule, part
        /// A bold run-in title or defined term without a number.
        case runIn
        /// A compound label such as `A1-1.` or `2-3.` (addenda, annex numbering).
        case compound
    }

    /// The number as written, trimmed (`3.`, `(a)`, `Article II`).
    var written: String
    /// The id fragment (`3`, `(a)`, `article-II`, `schedule-B`).
    var idPart: String
    var style: Style
    /// For letters and roman numerals: the letters, so `(i)` after `(h)` can be read as a letter.
    var token: String
    /// The kind the keyword implies (`Article` → article, `Schedule` → schedule), if any.
    var kindHint: ClauseKind?
    /// Bytes consumed from the start of the input, including the spaces and punctuation after it.
    var length: Int

    /// Keywords that introduce a number, with the style and kind they imply.
    static let keywordKinds: [String: (Style, ClauseKind?)] = [
        "article": (.article, .article), "section": (.section, .section), "clause": (.section, .clause),
        "schedule": (.schedule, .schedule), "exhibit": (.schedule, .schedule), "annex": (.schedule, .schedule),
        "appendix": (.schedule, .schedule), "addendum": (.schedule, .schedule), "attachment": (.schedule, .schedule),
        "part": (.part, .article), "chapter": (.part, .article),
    ]

    /// Parses a number at the start of `bytes` (after leading spaces).
    /// `lenient` (headings, `num` elements) also accepts a bare `3 Payment` without a dot.
    static func parse(_ bytes: ArraySlice<UInt8>, lenient: Bool) -> MarkupNumber? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        let begin = index
        guard index < end else { return nil }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        func isAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || isUpper(byte) || isLower(byte) }
        func string(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }
        /// After the number: skip spaces, en/em dashes, colons; report where the rest starts.
        func afterSeparators(_ position: Int) -> Int {
            var position = position
            while position < end {
                let byte = bytes[position]
                if byte == 0x20 || byte == 0x09 || byte == 0x3A || byte == 0x2D { position += 1; continue }
                // U+2013 / U+2014 dashes and U+00A0 no-break space.
                if byte == 0xE2, position + 2 < end, bytes[position + 1] == 0x80, bytes[position + 2] == 0x93 || bytes[position + 2] == 0x94 { position += 3; continue }
                if byte == 0xC2, position + 1 < end, bytes[position + 1] == 0xA0 { position += 2; continue }
                break
            }
            return position
        }
        func boundaryOK(_ position: Int) -> Bool {
            position >= end || !isAlnum(bytes[position])
        }

        // Keyword forms: Article, Section, §, Schedule/Exhibit/Annex/Appendix/Addendum/Attachment, Part/Chapter.
        var wordEnd = index
        while wordEnd < end, isUpper(bytes[wordEnd]) || isLower(bytes[wordEnd]) { wordEnd += 1 }
        let word = string(index, wordEnd).lowercased()
        var keywordStyle: (Style, ClauseKind?)? = wordEnd - index >= 4 ? Self.keywordKinds[word] : nil
        var tokenStart = wordEnd
        if keywordStyle == nil, index + 1 < end, bytes[index] == 0xC2, bytes[index + 1] == 0xA7 { // §
            keywordStyle = (.section, .section)
            tokenStart = index + 2
            if tokenStart + 1 < end, bytes[tokenStart] == 0xC2, bytes[tokenStart + 1] == 0xA7 { tokenStart += 2 }
        }
        if let (style, kind) = keywordStyle {
            var position = tokenStart
            while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            guard position > tokenStart || word.isEmpty, position < end, isAlnum(bytes[position]) else { return nil }
            let token = position
            while position < end, isAlnum(bytes[position]) || (bytes[position] == 0x2E && position + 1 < end && isDigit(bytes[position + 1])) { position += 1 }
            let tokenText = string(token, position)
            guard tokenText.count <= 8 else { return nil }
            // "Section 4" needs a number, "Schedule A" a short label: never a plain word ("Section headings").
            let hasDigit = tokenText.utf8.contains(where: isDigit)
            guard hasDigit || isRoman(tokenText) || tokenText.count <= 2 else { return nil }
            if position < end, bytes[position] == 0x2E || bytes[position] == 0x29 { position += 1 }
            guard boundaryOK(position) else { return nil }
            let written = string(begin, position)
            let idPart: String
            switch style {
            case .section: idPart = tokenText
            default: idPart = "\(word.isEmpty ? "section" : word)-\(tokenText)"
            }
            return MarkupNumber(written: written, idPart: idPart, style: style, token: tokenText, kindHint: kind, length: afterSeparators(position) - bytes.startIndex)
        }

        // Parenthesised: (a) (iv) (A) (12)
        if bytes[index] == 0x28 {
            var position = index + 1
            let token = position
            while position < end, isAlnum(bytes[position]), position - token < 5 { position += 1 }
            guard position > token, position < end, bytes[position] == 0x29 else { return nil }
            let tokenText = string(token, position)
            position += 1
            let style: Style
            if tokenText.utf8.allSatisfy(isDigit) { style = .parenDecimal }
            else if tokenText.utf8.allSatisfy(isLower) { style = tokenText.count > 1 && isRoman(tokenText) ? .parenLowerRoman : .parenLower }
            else if tokenText.utf8.allSatisfy(isUpper) { style = tokenText.count > 1 && isRoman(tokenText) ? .parenUpperRoman : .parenUpper }
            else { return nil }
            if style == .parenLower || style == .parenUpper, tokenText.count > 2 { return nil }
            return MarkupNumber(written: string(begin, position), idPart: "(\(tokenText))", style: style, token: tokenText, kindHint: nil, length: afterSeparators(position) - bytes.startIndex)
        }

        // Compound labels in headings: A1-1.  2-3.
        if lenient, isUpper(bytes[index]) || isDigit(bytes[index]) {
            var position = index
            var sawHyphen = false
            var sawDigit = false
            var letters = 0
            while position < end, position - index < 10 {
                let byte = bytes[position]
                if isDigit(byte) { sawDigit = true } else if byte == 0x2D { sawHyphen = true } else if isUpper(byte) { letters += 1 } else { break }
                position += 1
            }
            // At most two letters, so words such as `COVID-19.` are not labels.
            if sawHyphen, sawDigit, letters <= 2, position < end, bytes[position] == 0x2E, position > index, bytes[position - 1] != 0x2D,
               position + 1 >= end || bytes[position + 1] == 0x20 {
                let label = string(index, position)
                return MarkupNumber(written: string(begin, position + 1), idPart: label, style: .compound, token: label, kindHint: nil,
                                    length: afterSeparators(position + 1) - bytes.startIndex)
            }
        }

        // Decimal: 3  3.  3.1  3.1.2  3)
        if isDigit(bytes[index]) {
            var position = index
            var components = 0
            while true {
                let digits = position
                while position < end, isDigit(bytes[position]), position - digits < 4 { position += 1 }
                guard position > digits else { break }
                components += 1
                if position + 1 < end, bytes[position] == 0x2E, isDigit(bytes[position + 1]) { position += 1; continue }
                break
            }
            guard components > 0 else { return nil }
            let numberEnd = position
            var closed = false
            if position < end, bytes[position] == 0x2E || bytes[position] == 0x29 { position += 1; closed = true }
            // "30 days": a bare number needs a dot, more components, or a heading context.
            guard closed || components > 1 || lenient else { return nil }
            guard position >= end || !isDigit(bytes[position]) else { return nil }
            if !closed, position < end, isLower(bytes[position]) { return nil }
            let numberText = string(index, numberEnd)
            return MarkupNumber(written: string(begin, position), idPart: numberText, style: .decimal(components: components), token: numberText, kindHint: nil, length: afterSeparators(position) - bytes.startIndex)
        }

        // Letters and roman numerals: A.  b)  IV.
        if isUpper(bytes[index]) || isLower(bytes[index]) {
            var position = index
            while position < end, isUpper(bytes[position]) || isLower(bytes[position]), position - index < 6 { position += 1 }
            guard position < end, bytes[position] == 0x2E || bytes[position] == 0x29 else { return nil }
            let tokenText = string(index, position)
            position += 1
            // Needs a space (or end) after it, so "e.g." and "U.S." are not numbers.
            guard position >= end || bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0xC2 else { return nil }
            let allUpper = tokenText.utf8.allSatisfy(isUpper)
            let allLower = tokenText.utf8.allSatisfy(isLower)
            let style: Style
            if tokenText.count == 1 { style = allUpper ? .upperLetter : .lowerLetter }
            else if isRoman(tokenText) && (allUpper || allLower) { style = allUpper ? .upperRoman : .lowerRoman }
            else { return nil }
            return MarkupNumber(written: string(begin, position), idPart: tokenText, style: style, token: tokenText, kindHint: nil, length: afterSeparators(position) - bytes.startIndex)
        }
        return nil
    }

    static func isRoman(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { "ivxlcdmIVXLCDM".utf8.contains($0) } && text.count <= 7
    }
}

/// Decides where a numbered block nests among the numbered blocks before it in the same
/// container: `(a)` under `3.1`, `(i)` under `(a)`, `3.2` a sibling of `3.1`, `(i)` after `(h)`
/// a letter, not a roman numeral.
struct NumberingStack {
    struct Entry {
        var style: MarkupNumber.Style
        var token: String
        var node: Int
    }
    private(set) var entries: [Entry] = []

    /// The node the next number should be a child of (nil: the container itself), after
    /// popping what it closes. Call `push` with the new node afterwards.
    mutating func parent(for number: inout MarkupNumber) -> Int? {
        resolveRomanAmbiguity(&number)
        if let match = entries.lastIndex(where: { Self.sameLevel($0.style, number.style) }) {
            entries.removeSubrange(match...)
        } else if number.style == .schedule || number.style == .article || number.style == .part {
            // Articles, parts and schedules are top-level: they close everything open.
            entries.removeAll()
        } else if case .decimal(let count) = number.style,
                  let deeper = entries.firstIndex(where: { if case .decimal(let other) = $0.style { return other >= count } else { return false } }) {
            entries.removeSubrange(deeper...)
        }
        return entries.last?.node
    }

    mutating func push(_ number: MarkupNumber, node: Int) {
        entries.append(Entry(style: number.style, token: number.token, node: node))
    }

    mutating func reset() { entries.removeAll() }

    private static func sameLevel(_ a: MarkupNumber.Style, _ b: MarkupNumber.Style) -> Bool {
        switch (a, b) {
        case (.decimal(let x), .decimal(let y)): return x == y
        default: return a == b
        }
    }

    /// `(i)`, `(v)`, `(x)`, `I.`: a letter when it continues a letter sequence, else a roman numeral.
    private func resolveRomanAmbiguity(_ number: inout MarkupNumber) {
        let token = number.token
        guard token.count == 1, MarkupNumber.isRoman(token) else {
            return
        }
        let letterStyle: MarkupNumber.Style
        let romanStyle: MarkupNumber.Style
        switch number.style {
        case .parenLower, .parenLowerRoman: letterStyle = .parenLower; romanStyle = .parenLowerRoman
        case .parenUpper, .parenUpperRoman: letterStyle = .parenUpper; romanStyle = .parenUpperRoman
        case .lowerLetter, .lowerRoman: letterStyle = .lowerLetter; romanStyle = .lowerRoman
        case .upperLetter, .upperRoman: letterStyle = .upperLetter; romanStyle = .upperRoman
        default: return
        }
        let scalar = token.unicodeScalars.first!.value
        if let letters = entries.last(where: { $0.style == letterStyle }),
           let previous = letters.token.unicodeScalars.first?.value, letters.token.count == 1, previous + 1 == scalar {
            number.style = letterStyle
            return
        }
        if entries.contains(where: { $0.style == romanStyle }) || entries.contains(where: { $0.style == letterStyle }) {
            number.style = romanStyle
            return
        }
        // A fresh `(i)` starts a roman list; a fresh `(v)`/`(x)`/`I.` with nothing before: a letter
        // only for (a)-style lists is unusual, so `i`/`I` are roman, the rest letters.
        number.style = (token == "i" || token == "I") ? romanStyle : letterStyle
    }
}
