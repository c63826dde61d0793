import ClauseModel

/// One kind of term whose value should be the same everywhere in a contract: the governing
/// law, the courts, the payment period, the notice period for one act.
public struct TermTopic: Sendable, Hashable {
    public enum ValueKind: String, Sendable, Hashable {
        /// A place named after one of `valueAfter` (`laws of the State of New York`).
        case place
        /// A period: `thirty (30) days`, `45 days`, `two (2) months`, `net 30`.
        case period
    }

    /// Shown in messages (`governing law`).
    public var name: String
    public var value: ValueKind
    /// A sentence is about the topic when it contains one of these (lower case, substring).
    public var cues: [String]
    /// …and, if given, one of these too.
    public var requires: [String]
    /// …and none of these.
    public var excludes: [String]
    /// For places: the phrases the place follows (`laws of`, `courts of`).
    public var valueAfter: [String]
    /// For periods: phrases of which one must follow the period within 60 bytes (`notice`,
    /// `invoice`), tying the period to the act rather than to anything else in the sentence.
    public var nearValue: [String]
    /// For periods: phrases of which one must come just before the period (`within`).
    public var beforeValue: [String]

    public init(name: String, value: ValueKind, cues: [String], requires: [String] = [], excludes: [String] = [], valueAfter: [String] = [],
                nearValue: [String] = [], beforeValue: [String] = []) {
        self.nearValue = nearValue.map { $0.lowercased() }
        self.beforeValue = beforeValue.map { $0.lowercased() }
        self.name = name
        self.value = value
        self.cues = cues.map { $0.lowercased() }
        self.requires = requires.map { $0.lowercased() }
        self.excludes = excludes.map { $0.lowercased() }
        self.valueAfter = valueAfter.map { $0.lowercased() }
    }
}

/// A value of a topic found in a sentence.
public struct TermValue: Hashable, Sendable {
    /// Normalised (`new york`, `30 days`).
    public var value: String
    /// The value as written.
    public var text: String
    public var range: Range<Int>
    public var clauseID: String?
}

/// Two different values of one topic in different places.
public struct TermConflict: Hashable, Sendable {
    public var topic: String
    public var first: TermValue
    public var second: TermValue
}

/// Finds sentences about each topic, reads the value each gives, and reports a value that
/// disagrees with the first one given.
public struct ConflictingTermsAnalyzer: Sendable {
    public init() {}

    public func values(of topic: TermTopic, in document: Document, lowered: [UInt8]? = nil) -> [TermValue] {
        let lowered = lowered ?? StructuralText.lowercased(document.bytes)
        return values(of: topic, in: document, lowered: lowered, cueHits: Self.cueHits([topic], in: lowered)[0])
    }

    /// Conflicts for several topics with one pass over the text for all their cues.
    public func conflicts(of topics: [TermTopic], in document: Document) -> [[TermConflict]] {
        conflicts(of: topics, in: document, cueStarts: nil)
    }

    /// `cueStarts`: sorted offsets that include every word start where a cue occurs (the shared
    /// phrase scan's matches of `scanPattern`s); each is checked as the full pass checks every
    /// word start. Nil: the full pass.
    func conflicts(of topics: [TermTopic], in document: Document, cueStarts: [Int]?) -> [[TermConflict]] {
        let lowered = StructuralText.lowercased(document.bytes)
        let hits = Self.cueHits(topics, in: lowered, at: cueStarts)
        let found = topics.indices.map { values(of: topics[$0], in: document, lowered: lowered, cueHits: hits[$0]) }
        // Attached documents (only looked for when a place topic has two values): an attached
        // agreement or set of terms chooses its own law and courts. Periods are still compared
        // across the whole text: a statement of work's payment period that differs from the
        // agreement's is worth a look.
        let starts = topics.indices.contains { topics[$0].value == .place && found[$0].count >= 2 }
            ? StructuralText.attachmentStarts(lowered, bytes: document.bytes, orAfterSignature: true) : []
        return topics.indices.map { conflicts(found[$0], kind: topics[$0].value, topic: topics[$0].name, attachmentStarts: topics[$0].value == .place ? starts : []) }
    }

    /// A cue as a phrase pattern whose matches include every place `cueHits` finds it: the cue
    /// with its last word as a prefix (`cueHits` wants no word end after a cue). Nil for a cue
    /// with bytes the pattern syntax or the scanner's case and space folding would read
    /// differently (anything but ASCII letters, digits, `-`, `'` and single inner spaces).
    static func scanPattern(_ cue: String) -> String? {
        let bytes = Array(cue.utf8)
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return nil }
        var previous: UInt8 = 0
        for byte in bytes {
            guard StructuralText.isAlnum(byte) || byte == 0x2D || byte == 0x27 || (byte == 0x20 && previous != 0x20) else { return nil }
            previous = byte
        }
        return cue + "*"
    }

    /// Offsets where each topic's cues occur (at word starts), found in one pass.
    static func cueHits(_ topics: [TermTopic], in lowered: [UInt8]) -> [[Int]] {
        cueHits(topics, in: lowered, at: nil)
    }

    /// `candidates`: sorted offsets to check instead of every byte (see `conflicts(of:in:cueStarts:)`).
    static func cueHits(_ topics: [TermTopic], in lowered: [UInt8], at candidates: [Int]?) -> [[Int]] {
        var table = [[(cue: [UInt8], topic: Int)]](repeating: [], count: 256)
        for (number, topic) in topics.enumerated() {
            for cue in topic.cues { let bytes = Array(cue.utf8); if let first = bytes.first { table[Int(first)].append((bytes, number)) } }
        }
        var hits = [[Int]](repeating: [], count: topics.count)
        let count = lowered.count
        func isWordStart(_ index: Int) -> Bool {
            StructuralText.isAlnum(lowered[index]) && (index == 0 || !StructuralText.isAlnum(lowered[index - 1]))
        }
        /// The cues at word start `index`.
        func check(_ index: Int) {
            for candidate in table[Int(lowered[index])] where index + candidate.cue.count <= count {
                var matched = true
                for offset in 1..<candidate.cue.count where lowered[index + offset] != candidate.cue[offset] { matched = false; break }
                if matched { hits[candidate.topic].append(index) }
            }
        }
        if let candidates {
            // The shared scan's matches can repeat a start (one per cue matched there).
            var previous = -1
            for index in candidates where index != previous && index < count {
                previous = index
                if isWordStart(index) { check(index) }
            }
        } else {
            for index in 0..<count where isWordStart(index) { check(index) }
        }
        return hits
    }

    func values(of topic: TermTopic, in document: Document, lowered: [UInt8], cueHits: [Int]) -> [TermValue] {
        let bytes = document.bytes
        var sentenceStarts = Set<Int>()
        var sentences: [Range<Int>] = []
        for offset in cueHits {
            let start = StructuralText.sentenceStart(bytes, before: offset)
            guard sentenceStarts.insert(start).inserted else { continue }
            sentences.append(start..<StructuralText.sentenceEnd(bytes, after: offset))
        }
        sentences.sort { $0.lowerBound < $1.lowerBound }
        let nonProse = document.nonProseRanges.sorted { $0.lowerBound < $1.lowerBound }
        var result: [TermValue] = []
        var lastEnd = -1
        for sentence in sentences where sentence.lowerBound >= lastEnd {
            lastEnd = sentence.upperBound
            let text = lowered[sentence]
            if !topic.requires.isEmpty, !topic.requires.contains(where: { Self.contains(text, $0) }) { continue }
            if topic.excludes.contains(where: { Self.contains(text, $0) }) { continue }
            let found: (String, Range<Int>)?
            switch topic.value {
            case .place: found = place(in: sentence, bytes: bytes, lowered: lowered, after: topic.valueAfter)
            case .period: found = period(in: sentence, bytes: bytes, lowered: lowered, near: topic.nearValue, before: topic.beforeValue)
            }
            guard let (value, range) = found, !StructuralText.isInside(range.lowerBound, nonProse) else { continue }
            result.append(TermValue(value: value, text: document.lines.text(range), range: range, clauseID: document.deepestClause(containing: range.lowerBound)?.id))
        }
        return result
    }

    /// Conflicts: each value that disagrees with the first value of the topic, once per value.
    public func conflicts(of topic: TermTopic, in document: Document) -> [TermConflict] {
        conflicts(of: [topic], in: document)[0]
    }

    /// `attachmentStarts`: where attached documents begin (see `StructuralText.attachmentStarts`).
    /// A value is compared with the first value of its own part only: an agreement, form or set
    /// of terms attached after the signatures (a customer licence under Exhibit G, the seller's
    /// terms for Europe under Attachment H) names its own law and courts.
    func conflicts(_ values: [TermValue], kind: TermTopic.ValueKind, topic: String, attachmentStarts: [Int] = []) -> [TermConflict] {
        var firsts: [Int: TermValue] = [:]
        var reported: [Int: [String]] = [:]
        var result: [TermConflict] = []
        for value in values {
            let part = StructuralText.part(of: value.range.lowerBound, attachmentStarts)
            guard let first = firsts[part] else { firsts[part] = value; continue }
            if Self.agree(first.value, value.value, kind: kind) { continue }
            if reported[part, default: []].contains(where: { Self.agree($0, value.value, kind: kind) }) { continue }
            reported[part, default: []].append(value.value)
            result.append(TermConflict(topic: topic, first: first, second: value))
        }
        return result
    }

    static func agree(_ a: String, _ b: String, kind: TermTopic.ValueKind) -> Bool {
        if a == b { return true }
        let aliases: [String: String] = ["prc": "china", "people's republic of china": "china", "usa": "united states", "u.s.a": "united states", "u.s": "united states", "uk": "england", "united kingdom": "england"]
        if let x = aliases[a] ?? Optional(a), let y = aliases[b] ?? Optional(b), x == y || x.contains(y) || y.contains(x) { return true }
        guard kind == .place else { return false }
        let stop: Set<Substring> = ["of", "the", "and", "state", "county", "city", "district", "courts", "court", "commonwealth", "province", "federal", "united", "states", "southern", "northern", "eastern", "western", "central", "borough", "republic"]
        let wordsA = Set(a.split(separator: " ")).subtracting(stop)
        let wordsB = Set(b.split(separator: " ")).subtracting(stop)
        if wordsA.isEmpty || wordsB.isEmpty { return true }
        return !wordsA.isDisjoint(with: wordsB)
    }

    static func contains(_ text: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let needleBytes = Array(needle.utf8)
        guard let first = needleBytes.first, text.count >= needleBytes.count else { return false }
        var index = text.startIndex
        let last = text.endIndex - needleBytes.count
        while index <= last {
            if text[index] == first, text[index..<(index + needleBytes.count)].elementsEqual(needleBytes) { return true }
            index += 1
        }
        return false
    }

    /// The first place named after one of `after` in the sentence: capitalised words (with
    /// `of`/`and` between them, `Wilmington, Delaware`), without a leading `the State of`.
    func place(in sentence: Range<Int>, bytes: [UInt8], lowered: [UInt8], after: [String]) -> (String, Range<Int>)? {
        var best: (String, Range<Int>)?
        for phrase in after {
            let needle = Array(phrase.utf8)
            var index = sentence.lowerBound
            while index + needle.count <= sentence.upperBound {
                defer { index += 1 }
                guard lowered[index] == needle[0], lowered[index..<(index + needle.count)].elementsEqual(needle), !StructuralText.isWordByte(bytes, index - 1) else { continue }
                var position = index + needle.count
                while position < sentence.upperBound, bytes[position] == 0x20 { position += 1 }
                let valueStart = position
                // Skip "the", "State of", "Commonwealth of", "Province of", "Republic of".
                for skip in ["the ", "state of ", "commonwealth of ", "province of ", "republic of ", "country of "] {
                    let skipBytes = Array(skip.utf8)
                    if position + skipBytes.count <= sentence.upperBound, lowered[position..<(position + skipBytes.count)].elementsEqual(skipBytes) { position += skipBytes.count }
                }
                var words: [String] = []
                var end = position
                while position < sentence.upperBound, words.count < 6 {
                    guard StructuralText.isUpper(bytes[position]) else { break }
                    var wordEnd = position
                    while wordEnd < sentence.upperBound, StructuralText.isLetter(bytes[wordEnd]) || bytes[wordEnd] == 0x27 || bytes[wordEnd] == 0x2E || bytes[wordEnd] == 0x2D { wordEnd += 1 }
                    var word = String(decoding: lowered[position..<wordEnd], as: UTF8.self)
                    var trimmedEnd = wordEnd
                    while word.hasSuffix(".") && !word.dropLast().contains(".") { word.removeLast(); trimmedEnd -= 1 }
                    words.append(word)
                    end = trimmedEnd
                    // Continue over " of ", " and ", ", " to another capitalised word.
                    var next = wordEnd
                    for joiner in [" of ", " and ", ", ", " "] {
                        let joinerBytes = Array(joiner.utf8)
                        if next + joinerBytes.count < sentence.upperBound, lowered[next..<(next + joinerBytes.count)].elementsEqual(joinerBytes), StructuralText.isUpper(bytes[next + joinerBytes.count]) {
                            if joiner != ", " && joiner != " " { words.append(joiner.trimmingCharacters(in: " ")) }
                            next += joinerBytes.count
                            break
                        }
                    }
                    if next == wordEnd { break }
                    position = next
                }
                guard !words.isEmpty else { continue }
                // Words that make the "place" something else ("laws of the Licensed Territory").
                if words.contains(where: { ["territory", "jurisdiction", "country", "party", "licensor", "licensee", "company", "seller", "buyer", "supplier", "customer", "distributor", "agreement", "such"].contains($0) }) { continue }
                let value = words.joined(separator: " ")
                if best == nil || valueStart < best!.1.lowerBound { best = (value, valueStart..<end) }
                break
            }
        }
        return best
    }

    static let units: [(String, [UInt8])] = ["days", "day", "business days", "calendar days", "months", "month", "weeks"].map { ($0, Array($0.utf8)) }

    /// The one period the sentence gives (`thirty (30) days`, `45 days`, `net 30`); nil when it
    /// gives none or several different ones.
    func period(in sentence: Range<Int>, bytes: [UInt8], lowered: [UInt8], near: [String] = [], before: [String] = []) -> (String, Range<Int>)? {
        var found: [(String, Range<Int>)] = []
        var index = sentence.lowerBound
        while index < sentence.upperBound {
            // Units: "days", "business days", "months".
            guard StructuralText.isLower(lowered[index]), !StructuralText.isWordByte(bytes, index - 1) else { index += 1; continue }
            var unit: String?
            var unitEnd = index
            for (candidate, candidateBytes) in Self.units {
                if index + candidateBytes.count <= sentence.upperBound, lowered[index..<(index + candidateBytes.count)].elementsEqual(candidateBytes),
                   !StructuralText.isWordByte(bytes, index + candidateBytes.count) {
                    unit = candidate.hasSuffix("s") ? candidate : candidate + "s"
                    unitEnd = index + candidateBytes.count
                    break
                }
            }
            guard var unitName = unit else {
                // "net 30"
                if lowered[index] == 0x6E, index + 4 < sentence.upperBound, lowered[index..<(index + 4)].elementsEqual(Array("net ".utf8)) {
                    var digitsEnd = index + 4
                    while digitsEnd < sentence.upperBound, StructuralText.isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
                    if digitsEnd > index + 4, !StructuralText.isWordByte(bytes, digitsEnd), let value = Int(String(decoding: bytes[(index + 4)..<digitsEnd], as: UTF8.self)) {
                        found.append(("\(value) days", index..<digitsEnd))
                    }
                }
                index += 1
                continue
            }
            if unitName == "calendar days" { unitName = "days" }
            // The number before the unit: "30", "thirty (30)", "thirty", "(30)".
            var position = index
            while position > sentence.lowerBound, bytes[position - 1] == 0x20 || bytes[position - 1] == 0x2D { position -= 1 }
            var value: Int?
            var start = position
            if position > sentence.lowerBound, bytes[position - 1] == 0x29 {
                var open = position - 1
                while open > sentence.lowerBound, bytes[open - 1] != 0x28, position - open < 8 { open -= 1 }
                if open > sentence.lowerBound { value = Int(String(decoding: bytes[open..<(position - 1)], as: UTF8.self)); start = open - 1 }
                // The words before the parenthesis belong to the number too.
                var wordsStart = start
                while wordsStart > sentence.lowerBound, bytes[wordsStart - 1] == 0x20 { wordsStart -= 1 }
                var scan = wordsStart
                while scan > sentence.lowerBound, StructuralText.isLetter(bytes[scan - 1]) || bytes[scan - 1] == 0x2D { scan -= 1 }
                if scan < wordsStart, StructuralText.numberWordValue(String(decoding: lowered[scan..<wordsStart], as: UTF8.self)) != nil { start = scan }
            } else {
                var digits = position
                while digits > sentence.lowerBound, StructuralText.isDigit(bytes[digits - 1]) { digits -= 1 }
                if digits < position, !StructuralText.isWordByte(bytes, digits - 1) {
                    value = Int(String(decoding: bytes[digits..<position], as: UTF8.self))
                    start = digits
                } else {
                    var scan = position
                    while scan > sentence.lowerBound, StructuralText.isLetter(bytes[scan - 1]) || bytes[scan - 1] == 0x2D { scan -= 1 }
                    if scan < position { value = StructuralText.numberWordValue(String(decoding: lowered[scan..<position], as: UTF8.self)); start = scan }
                }
            }
            if let value, value > 0 { found.append(("\(value) \(unitName)", start..<unitEnd)) }
            index = unitEnd
        }
        if !near.isEmpty || !before.isEmpty {
            found = found.filter { candidate in
                let after = lowered[candidate.1.upperBound..<min(sentence.upperBound, candidate.1.upperBound + 60)]
                let ahead = lowered[max(sentence.lowerBound, candidate.1.lowerBound - 16)..<candidate.1.lowerBound]
                return (near.isEmpty || near.contains { Self.contains(after, $0) }) && (before.isEmpty || before.contains { Self.contains(ahead, $0) })
                    || String(decoding: lowered[candidate.1], as: UTF8.self).hasPrefix("net ")
            }
        }
        guard let first = found.first else { return nil }
        // Several different periods in one sentence: it is not clear which one is the topic's.
        if found.contains(where: { $0.0 != first.0 }) { return nil }
        return first
    }
}
