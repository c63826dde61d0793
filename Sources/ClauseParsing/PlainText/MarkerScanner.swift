/// A numbering or structural scheme a clause marker can belong to. Siblings share a scheme; the
/// outline builder nests a new scheme under the current clause.
enum MarkerScheme: Hashable {
    case article            // ARTICLE IV, Article 4
    case romanDot           // I. II. at line start
    case letterDotUpper     // A. B. at line start
    case decimal(Int)       // 1. / 1.1 / 1.1.1 (depth = number of components); Section 2.3, § 4, Clause 5
    case parenDigit         // (1) 1)
    case parenUpper         // (A)
    case parenUpperRoman    // (I)
    case parenLower         // (a) a) a.
    case parenLowerRoman    // (i) i)
    case recitals           // RECITALS / WHEREAS: heading, or the container opened by the first WHEREAS
    case recital            // one WHEREAS paragraph
    case schedule           // SCHEDULE A, Exhibit B, Annex 1
    case signatures         // IN WITNESS WHEREOF
    case heading            // an ALL-CAPS heading line (documents without numbering)
    case definition         // "Term" means … at a line start
    case tableOfContents

    /// Outer schemes have lower ranks: a scheme only nests under a scheme of lower rank (the
    /// paren schemes nest under each other freely, e.g. (a) › (i) › (A)).
    var rank: Int {
        switch self {
        case .recitals, .schedule, .signatures, .heading, .tableOfContents: return -1
        case .article: return 0
        case .romanDot: return 1
        case .letterDotUpper: return 2
        case .decimal(let depth): return 2 + depth
        case .parenDigit, .parenUpper, .parenUpperRoman, .parenLower, .parenLowerRoman: return 20
        case .recital, .definition: return 30
        }
    }

    var isParen: Bool { rank == 20 }
    /// Containers hold whatever follows them until the next container (recitals, schedules…).
    var isContainer: Bool { rank == -1 }
}

/// One reading of a marker: `(i)` is both the 9th letter and roman one.
struct MarkerReading: Hashable {
    var scheme: MarkerScheme
    var ordinal: Int
    /// Decimal numbers only: every component (`12.3.1` → [12, 3, 1]).
    var components: [Int] = []
}

/// How strongly the text before an inline marker says "a new clause starts here".
enum MarkerBoundary: Int, Comparable {
    case none = 0
    /// After a capitalised word: "12. Indemnity 12.1 Each Party …".
    case capitalized = 1
    /// After `.`, `:`, `;`, "; and", a gap of two or more spaces, or at a line start.
    case strong = 2
    static func < (lhs: MarkerBoundary, rhs: MarkerBoundary) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A place in the text where a clause could start, with its possible readings. The outline
/// builder decides which candidates become clauses (sequence plausibility).
struct MarkerCandidate {
    enum Form: Equatable {
        case decimal(keyword: Bool)   // keyword: Section/Clause/§ prefix
        case article
        case paren
        case letterDot
        case whereas
        case recitalsHeading
        case signatures
        case schedule(keywordEnd: Int)
        case definition(term: Range<Int>)
        case capsHeading
    }

    var start: Int
    /// `start..<numberEnd` is the number as written (`Section 2.3`, `(b)`, `ARTICLE IV`).
    var numberEnd: Int
    /// First byte after the marker and the blanks after it (may be the line end).
    var contentStart: Int
    var lineIndex: Int
    var atLineStart: Bool
    /// Inline candidates: what precedes them (line starts count as `.strong`).
    var boundary: MarkerBoundary = .strong
    /// The text after the number starts in lower case ("1.1 iBio hereby grants"): only an exact
    /// continuation of an open sequence makes such a candidate a clause.
    var weak = false
    var form: Form
    var readings: [MarkerReading]
    /// The label used in ids (`IV`, `A`, `b`, `12.3`).
    var label: Range<Int>
}

/// Finds clause-marker candidates line by line: at each line's first character and, for PDF
/// run-on text, after blanks inside a line ("12. Indemnity 12.1 Each Party … 12.2 …"), including
/// numbers glued to their title ("4.3Records").
struct MarkerScanner {
    let bytes: [UInt8]
    let lines: TextLines

    /// Bytes that can start a marker (digits, `(`, `§`, quotes and the first letters of keywords).
    private static let markerStartBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in UInt8(0x30)...UInt8(0x39) { table[Int(byte)] = true }
        for byte in Array("(SCAWIRB".utf8) { table[Int(byte)] = true }
        table[0xC2] = true  // §
        return table
    }()

    func candidates(includeCapsHeadings: Bool) -> [MarkerCandidate] {
        var result: [MarkerCandidate] = []
        result.reserveCapacity(bytes.count / 300 + 8)
        var proseStarted = false
        let startTable = Self.markerStartBytes
        for (lineIndex, line) in lines.lines.enumerated() {
            if line.isBlank || line.isArtifact { continue }
            let end = line.contentEnd
            var position = line.contentStart
            if let candidate = lineStartCandidate(line: line, lineIndex: lineIndex, includeCapsHeadings: includeCapsHeadings && proseStarted) {
                result.append(candidate)
                position = max(candidate.numberEnd, position + 1)
            } else {
                position += 1
            }
            if !proseStarted && end - line.contentStart >= 80 { proseStarted = true }
            // Inline candidates (run-on text): only after a blank. The hot loop of the parser:
            // one table lookup per byte, no bounds checks.
            while position < end {
                let found: Int? = bytes.withUnsafeBufferPointer { buffer in
                    var index = position
                    while index < end {
                        if startTable[Int(buffer[index])] && (buffer[index - 1] == 0x20 || buffer[index - 1] == 0x09) { return index }
                        index += 1
                    }
                    return nil
                }
                guard let found else { break }
                if let candidate = inlineCandidate(at: found, line: line, lineIndex: lineIndex) {
                    result.append(candidate)
                    position = max(candidate.numberEnd, found + 1)
                } else {
                    position = found + 1
                }
            }
        }
        return result
    }

    // MARK: - Line starts

    private func lineStartCandidate(line: TextLines.Line, lineIndex: Int, includeCapsHeadings: Bool) -> MarkerCandidate? {
        let start = line.contentStart
        let end = line.contentEnd
        let byte = bytes[start]
        if ByteText.isDigit(byte) {
            if let candidate = decimal(at: start, end: end, lineIndex: lineIndex, atLineStart: true, keywordStart: start) { return candidate }
            return digitParen(at: start, end: end, lineIndex: lineIndex)
        }
        if byte == 0x28 { return paren(at: start, end: end, lineIndex: lineIndex, atLineStart: true) }
        if let candidate = keywordCandidate(at: start, end: end, lineIndex: lineIndex, atLineStart: true, boundary: .strong) { return candidate }
        if !line.isRepeated, let candidate = schedule(at: start, end: end, lineIndex: lineIndex) { return candidate }
        if let candidate = letterDot(at: start, end: end, lineIndex: lineIndex) { return candidate }
        if let candidate = definition(at: start, end: end, lineIndex: lineIndex) { return candidate }
        if includeCapsHeadings && !line.isRepeated, let candidate = capsHeading(line: line, lineIndex: lineIndex) { return candidate }
        return nil
    }

    // MARK: - Inside a line

    /// A cheap look at the bytes before the boundary check: most capitals and digits after a
    /// blank start ordinary words and amounts.
    @inline(__always) private func mightStartInlineMarker(at position: Int, end: Int) -> Bool {
        let byte = bytes[position]
        if ByteText.isDigit(byte) {
            // "12.", "4.3", "1.0": a dot within the first four bytes.
            var index = position + 1
            while index < end && index < position + 4 && ByteText.isDigit(bytes[index]) { index += 1 }
            return index < end && bytes[index] == 0x2E
        }
        if byte == 0x28 {
            var index = position + 1
            while index < end && index < position + 8 && ByteText.isAlphanumeric(bytes[index]) { index += 1 }
            return index < end && bytes[index] == 0x29
        }
        if byte == 0xC2 { return position + 1 < end && bytes[position + 1] == 0xA7 }
        // Keywords: Section, SECTION, Clause, Article, WHEREAS, RECITALS, BACKGROUND, IN WITNESS…
        guard position + 2 < end else { return false }
        let second = bytes[position + 1]
        switch byte {
        case 0x53: return second == 0x65 || second == 0x45                      // Se, SE
        case 0x43: return second == 0x6C || second == 0x4C                      // Cl, CL
        case 0x41: return second == 0x72 || second == 0x52                      // Ar, AR
        case 0x57: return second == 0x68 || second == 0x48 || second == 0x49 || second == 0x20  // Wh, WH, WI, W I
        case 0x52: return second == 0x65 || second == 0x45                      // Re, RE
        case 0x42: return second == 0x61 || second == 0x41                      // Ba, BA
        case 0x49: return second == 0x6E || second == 0x4E                      // In, IN
        default: return false
        }
    }

    private func inlineCandidate(at position: Int, line: TextLines.Line, lineIndex: Int) -> MarkerCandidate? {
        let end = line.contentEnd
        let byte = bytes[position]
        guard mightStartInlineMarker(at: position, end: end) else { return nil }
        let boundary = boundaryBefore(position, lineStart: line.contentStart)
        if boundary == .none { return nil }
        var candidate: MarkerCandidate?
        if ByteText.isDigit(byte) {
            candidate = decimal(at: position, end: end, lineIndex: lineIndex, atLineStart: false, keywordStart: position)
        } else if byte == 0x28 {
            candidate = boundary == .strong ? paren(at: position, end: end, lineIndex: lineIndex, atLineStart: false) : nil
        } else {
            candidate = keywordCandidate(at: position, end: end, lineIndex: lineIndex, atLineStart: false, boundary: boundary)
        }
        candidate?.boundary = boundary
        return candidate
    }

    /// What precedes an inline position (which follows a blank).
    func boundaryBefore(_ position: Int, lineStart: Int) -> MarkerBoundary {
        var index = position - 1
        var blanks = 0
        while index >= lineStart && ByteText.isSpace(bytes[index]) { blanks += 1; index -= 1 }
        if index < lineStart || blanks >= 2 { return .strong }
        let previous = bytes[index]
        if previous == 0x2E || previous == 0x3A || previous == 0x3B { return .strong }
        // A sentence that ends inside quotes or parentheses: `the "Parties." 1. Purpose`.
        var closer = index
        if previous == 0x9D && closer >= lineStart + 2 && bytes[closer - 1] == 0x80 && bytes[closer - 2] == 0xE2 { closer -= 2 }
        if (previous == 0x22 || previous == 0x29 || previous == 0x9D) && closer > lineStart {
            let beforeCloser = bytes[closer - 1]
            if beforeCloser == 0x2E || beforeCloser == 0x3A || beforeCloser == 0x3B { return .strong }
        }
        // The previous word.
        let wordEnd = index + 1
        while index >= lineStart && !ByteText.isSpace(bytes[index]) { index -= 1 }
        let wordStart = index + 1
        let length = wordEnd - wordStart
        if (length == 3 && ByteText.hasPrefix(bytes, wordStart, wordEnd, "and")) || (length == 2 && ByteText.hasPrefix(bytes, wordStart, wordEnd, "or")) {
            var before = wordStart - 1
            while before >= lineStart && ByteText.isSpace(bytes[before]) { before -= 1 }
            // "Sections 2.4.1, 2.4.2, and 2.5.": a list of numbers, not "(a) …; and (b) …".
            if before >= lineStart && bytes[before] == 0x2C, before > lineStart, ByteText.isDigit(bytes[before - 1]) { return .none }
            if before >= lineStart && (bytes[before] == 0x3B || bytes[before] == 0x2C || bytes[before] == 0x3A) { return .strong }
            return .none
        }
        // A page number in a run-on table of contents: "Definitions 1 Section 2. Appointment".
        if bytes[wordStart..<wordEnd].allSatisfy(ByteText.isDigit) && length <= 3 { return .capitalized }
        guard ByteText.isUpper(bytes[wordStart]) else { return .none }
        if previous == 0x2C { return .none }
        // A reference word before a number is a cross-reference, not a heading: "Section 4 2.1".
        if ByteText.hasPrefix(bytes, wordStart, wordEnd, "Section") || ByteText.hasPrefix(bytes, wordStart, wordEnd, "Article")
            || ByteText.hasPrefix(bytes, wordStart, wordEnd, "Clause") || ByteText.hasPrefix(bytes, wordStart, wordEnd, "Exhibit")
            || ByteText.hasPrefix(bytes, wordStart, wordEnd, "Schedule") || ByteText.hasPrefix(bytes, wordStart, wordEnd, "Paragraph")
            || ByteText.hasPrefix(bytes, wordStart, wordEnd, "No") || ByteText.hasPrefix(bytes, wordStart, wordEnd, "SECTION")
            || ByteText.hasPrefix(bytes, wordStart, wordEnd, "ARTICLE") || ByteText.hasPrefix(bytes, wordStart, wordEnd, "Annex") {
            return .none
        }
        return .capitalized
    }

    // MARK: - Marker forms

    /// `1.`, `1.1`, `12.3.4.`, glued `4.3Records`; after a keyword (`Section `, `§ `) when
    /// `keywordStart < start`.
    private func decimal(at start: Int, end: Int, lineIndex: Int, atLineStart: Bool, keywordStart: Int) -> MarkerCandidate? {
        if keywordStart == start, let spaced = spacedDecimal(at: start, end: end, lineIndex: lineIndex, atLineStart: atLineStart) { return spaced }
        var components: [Int] = []
        var index = start
        var trailingDot = false
        while true {
            var value = 0
            var digits = 0
            while index < end && ByteText.isDigit(bytes[index]) && digits < 4 {
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            guard digits > 0, digits <= 3, value > 0 || !components.isEmpty, value <= 300 else { return nil }
            if index < end && ByteText.isDigit(bytes[index]) { return nil }
            components.append(value)
            if components.count > 6 { return nil }
            if index < end && bytes[index] == 0x2E {
                if index + 1 < end && ByteText.isDigit(bytes[index + 1]) { index += 1; continue }
                trailingDot = true
                index += 1
            }
            break
        }
        // "1.0 Limited Technology License": a top-level number written with a zero.
        let zeroForm = components.count == 2 && components[1] == 0
        if zeroForm { components.removeLast() }
        if components.contains(0) { return nil }
        let numberEnd = index
        let isKeyword = keywordStart < start
        let bare = components.count == 1 && !trailingDot && !zeroForm
        if bare && !atLineStart && !isKeyword { return nil }
        var content = index
        var weak = false
        if index < end {
            let next = bytes[index]
            if ByteText.isSpace(next) {
                while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
            } else if ByteText.isUpper(next) && index + 1 < end && ByteText.isLetter(bytes[index + 1]) && !bare {
                // glued: "4.3Records", "2.Sufficient"
            } else if isKeyword && (next == 0x3A || next == 0x2D) {
                content = index + 1
                while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
            } else {
                return nil
            }
        } else if bare && !isKeyword {
            return nil  // a number alone on a line is a page number
        }
        if isKeyword || atLineStart {
            // "Section 1 — Definitions", "3. - Term"
            var dash = content
            if dash < end && bytes[dash] == 0x2D { dash += 1 }
            else if dash + 2 < end && bytes[dash] == 0xE2 && bytes[dash + 1] == 0x80 && (bytes[dash + 2] == 0x93 || bytes[dash + 2] == 0x94) { dash += 3 }
            if dash > content && dash < end && ByteText.isSpace(bytes[dash]) {
                content = dash
                while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
            }
        }
        if content < end {
            let first = bytes[content]
            let quote = ByteText.openingQuoteLength(bytes, content, end) > 0
            let allowed = ByteText.isUpper(first) || quote || first == 0x28 || first == 0x5B
                || (ByteText.isLower(first) && atLineStart && trailingDot && components.count == 1 && !isKeyword)
            if !allowed {
                // Lower case after "1.1 " may still be a clause ("1.1 iBio hereby grants"), but
                // only as the exact next number; never "1.5 million".
                guard ByteText.isLower(first), components.count >= 2, !isKeyword, content > index else { return nil }
                weak = true
            }
            if bare && !isKeyword {
                // "1 Definitions": a bare number needs a word after it, not "30 Days" in prose;
                // after a single space ("1 July 2025 by …") it may only continue a sequence.
                let wideGap = content - numberEnd >= 2 || bytes[numberEnd] == 0x09
                // "2    PROVIDER'S REPRESENTATIONS": a caps title after a wide gap also counts.
                guard ByteText.isUpper(first), content + 1 < end,
                      ByteText.isLower(bytes[content + 1]) || (wideGap && ByteText.isUpper(bytes[content + 1]))
                else { return nil }
                if !wideGap { weak = true }
            }
        }
        return MarkerCandidate(
            start: keywordStart, numberEnd: numberEnd, contentStart: content, lineIndex: lineIndex,
            atLineStart: atLineStart, weak: weak, form: .decimal(keyword: isKeyword),
            readings: [MarkerReading(scheme: .decimal(components.count), ordinal: components.last ?? 0, components: components)],
            label: start..<(trailingDot ? numberEnd - 1 : numberEnd)
        )
    }

    /// "2. 3. 1.     text": numbers typeset with a space after each dot (some PDF exports). Only
    /// when every component ends with a dot and a wide gap follows, so "2. 3 days" is not one.
    private func spacedDecimal(at start: Int, end: Int, lineIndex: Int, atLineStart: Bool) -> MarkerCandidate? {
        var components: [Int] = []
        var index = start
        while index < end && ByteText.isDigit(bytes[index]) {
            var value = 0
            let digitsStart = index
            while index < end && ByteText.isDigit(bytes[index]) && index - digitsStart < 3 { value = value * 10 + Int(bytes[index] - 0x30); index += 1 }
            guard value > 0, index < end, bytes[index] == 0x2E else { return nil }
            components.append(value)
            index += 1
            guard index < end, bytes[index] == 0x20 else { return nil }
            if index + 1 < end && ByteText.isDigit(bytes[index + 1]) && components.count < 6 { index += 1; continue }
            break
        }
        guard components.count >= 2 else { return nil }
        let numberEnd = index
        var content = index
        while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
        guard content - numberEnd >= 2 || content == end else { return nil }
        if content < end {
            let first = bytes[content]
            guard ByteText.isUpper(first) || ByteText.isLower(first) || ByteText.openingQuoteLength(bytes, content, end) > 0 || first == 0x28 else { return nil }
        }
        return MarkerCandidate(
            start: start, numberEnd: numberEnd, contentStart: content, lineIndex: lineIndex, atLineStart: atLineStart,
            form: .decimal(keyword: false),
            readings: [MarkerReading(scheme: .decimal(components.count), ordinal: components[components.count - 1], components: components)],
            label: start..<(numberEnd - 1)
        )
    }

    /// `1)` at a line start.
    private func digitParen(at start: Int, end: Int, lineIndex: Int) -> MarkerCandidate? {
        var index = start
        var value = 0
        while index < end && ByteText.isDigit(bytes[index]) && index - start < 3 { value = value * 10 + Int(bytes[index] - 0x30); index += 1 }
        guard index < end, bytes[index] == 0x29, value > 0, index + 1 < end, ByteText.isSpace(bytes[index + 1]) else { return nil }
        var content = index + 1
        while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
        return MarkerCandidate(start: start, numberEnd: index + 1, contentStart: content, lineIndex: lineIndex, atLineStart: true,
                               form: .paren, readings: [MarkerReading(scheme: .parenDigit, ordinal: value)], label: start..<index)
    }

    /// `(a)`, `(iv)`, `(B)`, `(12)`.
    private func paren(at start: Int, end: Int, lineIndex: Int, atLineStart: Bool) -> MarkerCandidate? {
        var index = start + 1
        while index < end && ByteText.isAlphanumeric(bytes[index]) && index - start <= 6 { index += 1 }
        guard index < end, bytes[index] == 0x29, index > start + 1 else { return nil }
        let inner = (start + 1)..<index
        let close = index + 1
        guard close == end || ByteText.isSpace(bytes[close]) else { return nil }
        guard let readings = parenReadings(inner), !readings.isEmpty else { return nil }
        var content = close
        while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
        return MarkerCandidate(start: start, numberEnd: close, contentStart: content, lineIndex: lineIndex, atLineStart: atLineStart,
                               form: .paren, readings: readings, label: inner)
    }

    private func parenReadings(_ inner: Range<Int>) -> [MarkerReading]? {
        let first = bytes[inner.lowerBound]
        if ByteText.isDigit(first) {
            var value = 0
            for index in inner {
                guard ByteText.isDigit(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            guard inner.count <= 3, value > 0, value <= 200 else { return nil }
            return [MarkerReading(scheme: .parenDigit, ordinal: value)]
        }
        let upper = ByteText.isUpper(first)
        for index in inner where ByteText.isUpper(bytes[index]) != upper || !ByteText.isLetter(bytes[index]) { return nil }
        var readings: [MarkerReading] = []
        if let letter = ByteText.letterOrdinal(bytes, inner) {
            readings.append(MarkerReading(scheme: upper ? .parenUpper : .parenLower, ordinal: letter))
        }
        if let roman = ByteText.romanValue(bytes, inner) {
            readings.append(MarkerReading(scheme: upper ? .parenUpperRoman : .parenLowerRoman, ordinal: roman))
        }
        return readings
    }

    /// `A. Definitions`, `IV. TERM`, `a. the Company…`, `b) …` at a line start.
    private func letterDot(at start: Int, end: Int, lineIndex: Int) -> MarkerCandidate? {
        var index = start
        while index < end && ByteText.isLetter(bytes[index]) && index - start < 5 { index += 1 }
        guard index > start, index < end, bytes[index] == 0x2E || bytes[index] == 0x29 else { return nil }
        let inner = start..<index
        let close = index + 1
        guard close < end, ByteText.isSpace(bytes[close]) else { return nil }
        var content = close
        while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
        guard content < end else { return nil }
        let upper = ByteText.isUpper(bytes[start])
        for position in inner where ByteText.isUpper(bytes[position]) != upper { return nil }
        var readings: [MarkerReading] = []
        if upper {
            // Upper-case letters need a capitalised title after them ("A. Smith" is not ruled out,
            // but plausibility of the sequence is).
            guard ByteText.isUpper(bytes[content]) || ByteText.openingQuoteLength(bytes, content, end) > 0 else { return nil }
            if inner.count == 1, let letter = ByteText.letterOrdinal(bytes, inner) { readings.append(MarkerReading(scheme: .letterDotUpper, ordinal: letter)) }
            if let roman = ByteText.romanValue(bytes, inner) { readings.append(MarkerReading(scheme: .romanDot, ordinal: roman)) }
        } else {
            if let letter = ByteText.letterOrdinal(bytes, inner) { readings.append(MarkerReading(scheme: .parenLower, ordinal: letter)) }
            if let roman = ByteText.romanValue(bytes, inner) { readings.append(MarkerReading(scheme: .parenLowerRoman, ordinal: roman)) }
        }
        guard !readings.isEmpty else { return nil }
        return MarkerCandidate(start: start, numberEnd: close, contentStart: content, lineIndex: lineIndex, atLineStart: true,
                               form: .letterDot, readings: readings, label: inner)
    }

    /// Section/Clause/§/Article numbers, WHEREAS, recital headings, IN WITNESS WHEREOF.
    private func keywordCandidate(at start: Int, end: Int, lineIndex: Int, atLineStart: Bool, boundary: MarkerBoundary) -> MarkerCandidate? {
        let byte = bytes[start]
        switch byte {
        case 0x53, 0x43:  // S, C
            let length = ByteText.hasKeyword(bytes, start, end, title: "Section", caps: "SECTION")
                ?? ByteText.hasKeyword(bytes, start, end, title: "Clause", caps: "CLAUSE")
            guard let length else { return nil }
            var index = start + length
            guard index < end, bytes[index] == 0x20 || bytes[index] == 0x09 else { return nil }
            while index < end && bytes[index] == 0x20 && index - start - length < 3 { index += 1 }
            guard index < end, ByteText.isDigit(bytes[index]) else { return nil }
            return decimal(at: index, end: end, lineIndex: lineIndex, atLineStart: atLineStart, keywordStart: start)
        case 0xC2:  // §
            guard start + 1 < end, bytes[start + 1] == 0xA7 else { return nil }
            var index = start + 2
            while index < end && bytes[index] == 0x20 && index - start < 5 { index += 1 }
            guard index < end, ByteText.isDigit(bytes[index]) else { return nil }
            return decimal(at: index, end: end, lineIndex: lineIndex, atLineStart: atLineStart, keywordStart: start)
        case 0x41:  // A
            return article(at: start, end: end, lineIndex: lineIndex, atLineStart: atLineStart)
        case 0x57:  // W
            guard boundary == .strong else { return nil }
            if let length = ByteText.hasKeyword(bytes, start, end, title: "Whereas", caps: "WHEREAS") {
                let after = start + length
                guard after == end || ByteText.isSpace(bytes[after]) || bytes[after] == 0x2C || bytes[after] == 0x3A else { return nil }
                var rest = after
                while rest < end && (ByteText.isSpace(bytes[rest]) || bytes[rest] == 0x3A || bytes[rest] == 0x2C) { rest += 1 }
                let headingOnly = rest == end
                return MarkerCandidate(start: start, numberEnd: after, contentStart: rest, lineIndex: lineIndex, atLineStart: atLineStart,
                                       form: headingOnly ? .recitalsHeading : .whereas,
                                       readings: [MarkerReading(scheme: headingOnly ? .recitals : .recital, ordinal: 1)], label: start..<after)
            }
            if let length = ByteText.hasKeyword(bytes, start, end, title: "Witnesseth", caps: "WITNESSETH") {
                return recitalsHeading(at: start, length: length, end: end, lineIndex: lineIndex, atLineStart: atLineStart)
            }
            if ByteText.hasPrefix(bytes, start, end, "W I T N E S S E T H") {
                return recitalsHeading(at: start, length: 19, end: end, lineIndex: lineIndex, atLineStart: atLineStart)
            }
            return nil
        case 0x52:  // R
            guard boundary == .strong, let length = ByteText.hasKeyword(bytes, start, end, title: "Recitals", caps: "RECITALS") else { return nil }
            return recitalsHeading(at: start, length: length, end: end, lineIndex: lineIndex, atLineStart: atLineStart)
        case 0x42:  // B
            guard boundary == .strong, let length = ByteText.hasKeyword(bytes, start, end, title: "Background", caps: "BACKGROUND") else { return nil }
            return recitalsHeading(at: start, length: length, end: end, lineIndex: lineIndex, atLineStart: atLineStart)
        case 0x49:  // I
            guard boundary == .strong,
                  ByteText.hasPrefixIgnoringCase(bytes, start, end, "in witness whereof") || ByteText.hasPrefixIgnoringCase(bytes, start, end, "in witness thereof")
            else { return nil }
            return MarkerCandidate(start: start, numberEnd: start + 18, contentStart: start + 18, lineIndex: lineIndex, atLineStart: atLineStart,
                                   form: .signatures, readings: [MarkerReading(scheme: .signatures, ordinal: 1)], label: start..<(start + 18))
        default:
            return nil
        }
    }

    /// `RECITALS`, `BACKGROUND`, `WITNESSETH` as a heading: alone on its line, or followed by a gap.
    private func recitalsHeading(at start: Int, length: Int, end: Int, lineIndex: Int, atLineStart: Bool) -> MarkerCandidate? {
        var after = start + length
        while after < end && (bytes[after] == 0x3A || bytes[after] == 0x2E || bytes[after] == 0x2C) { after += 1 }
        var content = after
        while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
        guard content == end || content - after >= 2 || (atLineStart && content - after >= 1 && ByteText.isUpper(bytes[content])) else { return nil }
        return MarkerCandidate(start: start, numberEnd: after, contentStart: content, lineIndex: lineIndex, atLineStart: atLineStart,
                               form: .recitalsHeading, readings: [MarkerReading(scheme: .recitals, ordinal: 1)], label: start..<(start + length))
    }

    /// `ARTICLE IV`, `Article 4`, `ARTICLE I - DEFINITIONS`.
    private func article(at start: Int, end: Int, lineIndex: Int, atLineStart: Bool) -> MarkerCandidate? {
        guard let length = ByteText.hasKeyword(bytes, start, end, title: "Article", caps: "ARTICLE") else { return nil }
        var index = start + length
        guard index < end, bytes[index] == 0x20 else { return nil }
        while index < end && bytes[index] == 0x20 && index - start - length < 3 { index += 1 }
        let labelStart = index
        var ordinal: Int?
        if index < end && ByteText.isDigit(bytes[index]) {
            var value = 0
            while index < end && ByteText.isDigit(bytes[index]) && index - labelStart < 3 { value = value * 10 + Int(bytes[index] - 0x30); index += 1 }
            ordinal = value > 0 ? value : nil
        } else {
            while index < end && ByteText.isLetter(bytes[index]) && index - labelStart < 7 { index += 1 }
            ordinal = ByteText.romanValue(bytes, labelStart..<index)
        }
        guard let ordinal else { return nil }
        let labelEnd = index
        if index < end && (bytes[index] == 0x2E || bytes[index] == 0x3A) { index += 1 }
        let numberEnd = index
        guard index == end || ByteText.isSpace(bytes[index]) else { return nil }
        var content = index
        while content < end && (ByteText.isSpace(bytes[content]) || bytes[content] == 0x2D || bytes[content] == 0x3A) { content += 1 }
        if content + 2 < end && bytes[content] == 0xE2 && bytes[content + 1] == 0x80 && (bytes[content + 2] == 0x93 || bytes[content + 2] == 0x94) {
            content += 3
            while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
        }
        if content < end {
            let first = bytes[content]
            guard ByteText.isUpper(first) || ByteText.openingQuoteLength(bytes, content, end) > 0 else { return nil }
        }
        return MarkerCandidate(start: start, numberEnd: numberEnd, contentStart: content, lineIndex: lineIndex, atLineStart: atLineStart,
                               form: .article, readings: [MarkerReading(scheme: .article, ordinal: ordinal)], label: labelStart..<labelEnd)
    }

    /// `SCHEDULE A`, `Exhibit B – Form of Notice`, `ANNEX 1`, `Appendix C:` as a short line.
    /// A longer line (run-on PDF text: "SCHEDULE A  (Attached to …) 1. …") only in capitals, and
    /// marked `weak`: it ends a signature block, nothing else.
    private func schedule(at start: Int, end: Int, lineIndex: Int) -> MarkerCandidate? {
        let runOn = end - start > 100
        guard !runOn || (start + 1 < end && ByteText.isUpper(bytes[start + 1])) else { return nil }
        let length = ByteText.hasKeyword(bytes, start, end, title: "Schedule", caps: "SCHEDULE")
            ?? ByteText.hasKeyword(bytes, start, end, title: "Exhibit", caps: "EXHIBIT")
            ?? ByteText.hasKeyword(bytes, start, end, title: "Annexure", caps: "ANNEXURE")
            ?? ByteText.hasKeyword(bytes, start, end, title: "Annex", caps: "ANNEX")
            ?? ByteText.hasKeyword(bytes, start, end, title: "Appendix", caps: "APPENDIX")
            ?? ByteText.hasKeyword(bytes, start, end, title: "Attachment", caps: "ATTACHMENT")
        guard let length else { return nil }
        var index = start + length
        guard index < end, bytes[index] == 0x20 else { return nil }
        while index < end && bytes[index] == 0x20 { index += 1 }
        let labelStart = index
        guard index < end, ByteText.isAlphanumeric(bytes[index]) else { return nil }
        while index < end && (ByteText.isAlphanumeric(bytes[index]) || bytes[index] == 0x2D || bytes[index] == 0x2E) && index - labelStart < 8 { index += 1 }
        var labelEnd = index
        while labelEnd > labelStart && (bytes[labelEnd - 1] == 0x2E || bytes[labelEnd - 1] == 0x2D) { labelEnd -= 1 }
        // A label is short: "A", "1", "B-2", "IV"; not a word ("Agreement").
        let label = labelStart..<labelEnd
        guard !label.isEmpty, label.count <= 4 || bytes[labelStart..<labelEnd].contains(0x2D) else { return nil }
        if label.count > 1 && ByteText.isLower(bytes[labelStart + 1]) { return nil }
        guard index == end || ByteText.isSpace(bytes[index]) || bytes[index] == 0x3A else { return nil }
        var content = index
        while content < end && (ByteText.isSpace(bytes[content]) || bytes[content] == 0x3A || bytes[content] == 0x2D) { content += 1 }
        if content + 2 < end && bytes[content] == 0xE2 && bytes[content + 1] == 0x80 && (bytes[content + 2] == 0x93 || bytes[content + 2] == 0x94) {
            content += 3
            while content < end && ByteText.isSpace(bytes[content]) { content += 1 }
        }
        if content < end {
            let first = bytes[content]
            guard ByteText.isUpper(first) || first == 0x28 || ByteText.openingQuoteLength(bytes, content, end) > 0 else { return nil }
        }
        return MarkerCandidate(start: start, numberEnd: labelEnd, contentStart: content, lineIndex: lineIndex, atLineStart: true, weak: runOn,
                               form: .schedule(keywordEnd: start + length), readings: [MarkerReading(scheme: .schedule, ordinal: 1)], label: label)
    }

    /// `"Affiliate" means …`, `“Services” shall have the meaning …` at a line start.
    func definition(at start: Int, end: Int, lineIndex: Int) -> MarkerCandidate? {
        let open = ByteText.openingQuoteLength(bytes, start, end)
        guard open > 0 else { return nil }
        var index = start + open
        let termStart = index
        var termEnd = -1
        while index < end && index - termStart <= 80 {
            if bytes[index] == 0x22 { termEnd = index; index += 1; break }
            if index + 2 < end && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x9D { termEnd = index; index += 3; break }
            index += 1
        }
        guard termEnd > termStart else { return nil }
        // "means", "shall mean", "has the meaning", "refers to", "shall include" within a few words.
        let limit = min(end, index + 50)
        var position = index
        while position < limit {
            if (position == index || ByteText.isSpace(bytes[position - 1])) {
                if ByteText.hasPrefix(bytes, position, end, "mean") || ByteText.hasPrefix(bytes, position, end, "has the meaning")
                    || ByteText.hasPrefix(bytes, position, end, "have the meaning") || ByteText.hasPrefix(bytes, position, end, "refers to")
                    || ByteText.hasPrefix(bytes, position, end, "shall include") || ByteText.hasPrefix(bytes, position, end, "includes") {
                    return MarkerCandidate(start: start, numberEnd: start, contentStart: start, lineIndex: lineIndex, atLineStart: true,
                                           form: .definition(term: termStart..<termEnd),
                                           readings: [MarkerReading(scheme: .definition, ordinal: 1)], label: termStart..<termEnd)
                }
            }
            position += 1
        }
        return nil
    }

    /// A short ALL-CAPS line ("CONFIDENTIALITY", "GOVERNING LAW") used as a heading.
    private func capsHeading(line: TextLines.Line, lineIndex: Int) -> MarkerCandidate? {
        let start = line.contentStart
        let end = line.contentEnd
        guard end - start >= 4, end - start <= 80, ByteText.isUpper(bytes[start]) else { return nil }
        var letters = 0
        for index in start..<end {
            let byte = bytes[index]
            if ByteText.isLower(byte) || byte >= 0x80 && byte < 0xC0 && false { return nil }
            if ByteText.isUpper(byte) { letters += 1 }
        }
        guard letters >= 4, letters * 10 >= (end - start) * 6, bytes[end - 1] != 0x2C else { return nil }
        return MarkerCandidate(start: start, numberEnd: start, contentStart: start, lineIndex: lineIndex, atLineStart: true,
                               form: .capsHeading, readings: [MarkerReading(scheme: .heading, ordinal: 1)], label: start..<end)
    }
}
