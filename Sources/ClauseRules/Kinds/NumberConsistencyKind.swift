import ClauseModel

/// `kind: number-consistency` — a number written in words and in digits that disagree:
/// "thirty (45) days", "Five Thousand Dollars ($50,000)", "30 (thirty-five) days".
///
/// Engine code rather than a regular expression because it has to evaluate English number
/// words. It scans the bytes for `(`, reads the digits inside and the number words before it
/// (skipping a unit such as "dollars" or "percent"), or the words inside and the digits before.
enum NumberConsistencyKind {
    static let entry = RuleKindEntry(
        name: "number-consistency",
        summary: "Flags numbers whose words and digits disagree, e.g. \"thirty (45) days\".",
        parameters: [
            ("message", "Message template; `{words}`, `{digits}` are the two forms."),
        ],
        compile: { rules, _ in try rules.map { try NumberConsistencyCheck(rule: $0) } }
    )
}

struct NumberConsistencyCheck: RuleCheck {
    let rule: Rule
    let message: MessageTemplate

    init(rule: Rule) throws {
        self.rule = rule
        message = MessageTemplate(try rule.parameter("message")?.string("message") ?? "'{words}' and '{digits}' disagree")
    }

    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scales: [String: Int] = ["hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000]
    /// Unit words allowed between the number words and the parenthesis.
    static let unitWords: Set<String> = ["dollars", "dollar", "percent", "euros", "euro", "pounds", "us", "u.s."]

    /// A word of the text: its lower-cased ASCII letters and byte range.
    struct Word {
        var text: String
        var range: Range<Int>
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }

    /// Words ending before `end` (going backwards), stopping at anything but letters, spaces and hyphens.
    static func wordsBefore(_ end: Int, in bytes: [UInt8], limit: Int = 120) -> [Word] {
        var words: [Word] = []
        var index = end
        let stop = max(0, end - limit)
        while index > stop {
            while index > stop && (bytes[index - 1] == 0x20 || bytes[index - 1] == 0x2D || bytes[index - 1] == 0x0A) { index -= 1 }
            let wordEnd = index
            while index > stop && isLetter(bytes[index - 1]) { index -= 1 }
            if index == wordEnd { break }
            words.append(Word(text: String(decoding: bytes[index..<wordEnd].map { $0 | 0x20 }, as: UTF8.self), range: index..<wordEnd))
            if words.count > 12 { break }
        }
        return words.reversed()
    }

    /// The value of a run of number words (the longest suffix of `words` that reads as a number).
    static func value(ofTrailing words: [Word]) -> (value: Int, start: Int)? {
        var start = words.count
        while start > 0 {
            let word = words[start - 1].text
            if units[word] != nil || scales[word] != nil || (word == "and" && start < words.count && start > 1) {
                start -= 1
            } else {
                break
            }
        }
        while start < words.count && (words[start].text == "and" || scales[words[start].text] != nil) { start += 1 }
        guard start < words.count else { return nil }
        var total = 0
        var current = 0
        for word in words[start...] {
            if let unit = units[word.text] {
                current += unit
            } else if let scale = scales[word.text] {
                if scale == 100 { current = max(current, 1) * 100 } else { total += max(current, 1) * scale; current = 0 }
            }
        }
        return (total + current, words[start].range.lowerBound)
    }

    /// Digits like `45`, `$50,000`, `10%`, `1,000.00` (cents must be zero); nil otherwise.
    static func digitValue(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        var sawDigit = false
        var index = bytes.startIndex
        while index < bytes.endIndex, bytes[index] == 0x24 || bytes[index] == 0x20 { index += 1 }   // $
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                value = value &* 10 &+ Int(byte - 0x30)
                sawDigit = true
                if value > 1_000_000_000_000 { return nil }
            } else if byte == 0x2C {
                // thousands separator
            } else if byte == 0x2E {
                let cents = bytes[(index + 1)...]
                guard cents.allSatisfy({ $0 == 0x30 || $0 == 0x25 || $0 == 0x20 }) else { return nil }
                break
            } else if byte == 0x25 || byte == 0x20 {
                break
            } else {
                return nil
            }
            index += 1
        }
        return sawDigit ? value : nil
    }

    func findings(in context: RuleContext) -> [Finding] {
        let bytes = context.bytes
        var findings: [Finding] = []
        var skipUntil = 0
        for index in ByteSearch.occurrences(of: [0x28], in: bytes) where index >= skipUntil {   // each `(`
            var close = index + 1
            while close < bytes.count && close - index < 40 && bytes[close] != 0x29 && bytes[close] != 0x0A { close += 1 }
            guard close < bytes.count, bytes[close] == 0x29 else { continue }
            let inside = bytes[(index + 1)..<close]
            if let digits = Self.digitValue(inside) {
                // words (digits)
                var words = Self.wordsBefore(index, in: bytes)
                while let last = words.last, Self.unitWords.contains(last.text) { words.removeLast() }
                if let (value, start) = Self.value(ofTrailing: words), value != digits, !context.isNonProse(start) {
                    let range = start..<(close + 1)
                    findings.append(finding(context, range: range, words: context.document.lines.text(start..<(words.last!.range.upperBound)), digits: String(decoding: inside, as: UTF8.self)))
                }
            } else if inside.allSatisfy({ Self.isLetter($0) || $0 == 0x20 || $0 == 0x2D }) {
                // digits (words)
                var digitStart = index
                while digitStart > 0 && bytes[digitStart - 1] == 0x20 { digitStart -= 1 }
                let digitEnd = digitStart
                while digitStart > 0 && ((bytes[digitStart - 1] >= 0x30 && bytes[digitStart - 1] <= 0x39) || bytes[digitStart - 1] == 0x2C) { digitStart -= 1 }
                if digitEnd > digitStart, digitStart == 0 || !PhraseAutomaton.isWordByte(bytes[digitStart - 1]) && bytes[digitStart - 1] != 0x2E,
                   let digits = Self.digitValue(bytes[digitStart..<digitEnd]) {
                    let words = Self.wordsBefore(close, in: bytes, limit: close - index - 1)
                    if !words.isEmpty, words.first!.range.lowerBound == index + 1 || bytes[index + 1] == 0x20,
                       let (value, start) = Self.value(ofTrailing: words), start == words.first!.range.lowerBound, value != digits,
                       !context.isNonProse(digitStart) {
                        findings.append(finding(context, range: digitStart..<(close + 1), words: String(decoding: inside, as: UTF8.self), digits: String(decoding: bytes[digitStart..<digitEnd], as: UTF8.self)))
                    }
                }
            }
            skipUntil = close + 1
        }
        return findings
    }

    func finding(_ context: RuleContext, range: Range<Int>, words: String, digits: String) -> Finding {
        let text = message.render(["words": words, "digits": digits])
        return context.finding(rule: rule, range: range, message: text)
    }
}
