import Foundation

/// Phrase patterns: the small, fast pattern language of categories (`Rules/categories.yml`)
/// and of `clause-content` rules.
///
/// - words match whole words, case-insensitively; any whitespace run matches a space;
/// - `(a|b|c)` offers alternatives (groups may nest); `(a )?` is optional;
/// - `...` skips up to `maxGap` bytes (default 80: about a dozen words) between two parts,
///   within one sentence (the gap holds no `.`, `;`, `!` or `?` followed by a space);
/// - a trailing `*` on a word makes it a prefix (`terminat*`), also inside a phrase
///   (`submit* to the jurisdiction`: the words after it follow across whitespace only).
///
/// Every part of every pattern goes into one `PhraseAutomaton`, so a document is scanned once
/// however many patterns there are; the parts are then chained by offset.
public struct PhrasePatternSet: Sendable {
    /// A pattern occurrence: which pattern owner and where (first part to last part).
    public struct Match: Sendable, Hashable {
        public var owner: Int
        public var range: Range<Int>
    }

    private struct Expanded: Sendable {
        var owner: Int
        var pieces: [Int]   // piece ids, in order
        /// `adjacent[i]`: piece `i + 1` follows piece `i` across whitespace only (a phrase cut
        /// after a prefix word), not across a `...` gap.
        var adjacent: [Bool]
    }

    private let automaton: LazyAutomaton
    private let pieceCount: Int
    /// The patterns grouped by first piece (`byFirstPiece[firstPieceStart[piece]..<
    /// firstPieceStart[piece + 1]]`, indices into the patterns' alternatives, in order), and by pattern
    /// its owner and its pieces (`pieces[pieceStart[p]..<pieceStart[p + 1]]`, with
    /// `adjacent[i]`: piece `i` follows the one before it across whitespace only). Flat arrays:
    /// the match loop reads them for thousands of patterns per document, and chasing each
    /// pattern's own `pieces` array to another cache line was most of its time.
    private let firstPieceStart: [Int32]
    private let byFirstPiece: [Int32]
    private let patternOwner: [Int]
    private let pieceStart: [Int32]
    private let pieces: [Int32]
    private let adjacent: [Bool]
    public let maxGap: Int

    /// Expands alternatives of one pattern into plain alternatives (`a (b|c)` → `a b`, `a c`).
    /// Throws a readable reason for unbalanced parentheses or empty alternatives.
    public static func expand(_ pattern: String) throws(PatternError) -> [String] {
        try expandBytes(pattern).map { String(decoding: $0, as: UTF8.self) }
    }

    public struct PatternError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `expand` on UTF-8 bytes: rule loading expands thousands of patterns at start-up, and the
    /// syntax (`(`, `)`, `|`, `?`, spaces, `...`) is all ASCII, so no `Character` work is needed.
    static func expandBytes(_ pattern: String) throws(PatternError) -> [[UInt8]] {
        let bytes = Array(pattern.utf8)
        var index = 0
        let result = try expandSequence(bytes, &index, topLevel: true, pattern: pattern)
        // Single spaces, none at either end.
        return result.map { alternative in
            var collapsed: [UInt8] = []
            collapsed.reserveCapacity(alternative.count)
            for byte in alternative where byte != 0x20 || (collapsed.last != nil && collapsed.last != 0x20) { collapsed.append(byte) }
            if collapsed.last == 0x20 { collapsed.removeLast() }
            return collapsed
        }
    }

    private static func expandSequence(_ text: [UInt8], _ index: inout Int, topLevel: Bool, pattern: String) throws(PatternError) -> [[UInt8]] {
        var alternatives: [[[UInt8]]] = [[[]]]   // alternatives of the current group, each a list of partial strings
        var current: [[UInt8]] = [[]]
        while index < text.count {
            let byte = text[index]
            if byte == 0x28 {   // (
                index += 1
                let inner = try expandSequence(text, &index, topLevel: false, pattern: pattern)
                guard index < text.count, text[index] == 0x29 else { throw PatternError(description: "unbalanced '(' in pattern '\(pattern)'") }
                index += 1
                var options = inner
                if index < text.count, text[index] == 0x3F {   // `(x)?`: optional group
                    options.append([])
                    index += 1
                }
                current = current.flatMap { prefix in options.map { prefix + $0 } }
                if current.count > 4096 { throw PatternError(description: "pattern '\(pattern)' expands to more than 4096 alternatives") }
            } else if byte == 0x29 {   // )
                if topLevel { throw PatternError(description: "unbalanced ')' in pattern '\(pattern)'") }
                break
            } else if byte == 0x7C {   // |
                alternatives.append(current)
                current = [[]]
                index += 1
            } else {
                // A run of plain bytes is appended at once, not one at a time.
                var end = index + 1
                while end < text.count, text[end] != 0x28, text[end] != 0x29, text[end] != 0x7C { end += 1 }
                let literal = text[index..<end]
                current = current.map { $0 + literal }
                index = end
            }
        }
        alternatives.append(current)
        let all = alternatives.dropFirst().flatMap { $0 }
        for alternative in all where alternative.allSatisfy({ $0 == 0x20 }) {
            throw PatternError(description: "empty alternative in pattern '\(pattern)'")
        }
        return Array(all)
    }

    /// Throws exactly what `init(patterns:)` would throw for this one pattern (bad syntax, or a
    /// `...` not between two words), without normalising, cutting and numbering its pieces:
    /// start-up checks every category pattern this way, and building a whole set per pattern
    /// only to throw it away was a good part of loading the rules.
    static func validate(_ pattern: String) throws(PatternError) {
        for alternative in try expandBytes(pattern) where gapParts(alternative).contains(where: { $0.isEmpty }) {
            throw PatternError(description: "'...' must stand between two words in pattern '\(pattern)'")
        }
    }

    /// Splits an expanded alternative on the `...` gap marker and trims the parts' spaces.
    static func gapParts(_ alternative: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var partStart = 0
        var dots = 0
        for (index, byte) in alternative.enumerated() {
            if byte == 0x2E {
                dots += 1
                if dots == 3 {
                    parts.append(alternative[partStart..<(index - 2)])
                    partStart = index + 1
                    dots = 0
                }
            } else {
                dots = 0
            }
        }
        parts.append(alternative[partStart...])
        return parts.map { part in
            var part = part
            while part.first == 0x20 { part.removeFirst() }
            while part.last == 0x20 { part.removeLast() }
            return part
        }
    }

    /// - Parameter patterns: pattern text and an owner id reported with its matches.
    public init(patterns: [(text: String, owner: Int)], maxGap: Int = 80) throws(PatternError) {
        var pieceIDs: [PieceKey: Int] = [:]
        pieceIDs.reserveCapacity(patterns.count)
        var phrases: [[UInt8]] = []
        var expanded: [Expanded] = []
        expanded.reserveCapacity(patterns.count)
        for (text, owner) in patterns {
            for alternative in try Self.expandBytes(text) {
                let parts = Self.gapParts(alternative)
                if parts.contains(where: \.isEmpty) { throw PatternError(description: "'...' must stand between two words in pattern '\(text)'") }
                var pieces: [Int] = []
                var adjacent: [Bool] = []
                for part in parts {
                    // The automaton knows prefixes only at a phrase's end, so a phrase is cut
                    // after each inner prefix word and the cuts are chained as adjacent pieces.
                    for (cutIndex, cut) in Self.cutAfterPrefixWords(part).enumerated() {
                        if !pieces.isEmpty { adjacent.append(cutIndex > 0) }
                        let key = PhraseAutomaton.normalisedBytes(cut)
                        if let id = pieceIDs[PieceKey(bytes: key)] {
                            pieces.append(id)
                        } else {
                            let id = pieceIDs.count
                            pieceIDs[PieceKey(bytes: key)] = id
                            phrases.append(key)
                            pieces.append(id)
                        }
                    }
                }
                expanded.append(Expanded(owner: owner, pieces: pieces, adjacent: adjacent))
            }
        }
        self.automaton = LazyAutomaton(phrases: phrases)
        self.pieceCount = pieceIDs.count
        var firstPieceStart = [Int32](repeating: 0, count: pieceIDs.count + 1)
        for pattern in expanded { firstPieceStart[pattern.pieces[0] + 1] += 1 }
        for piece in 0..<pieceIDs.count { firstPieceStart[piece + 1] += firstPieceStart[piece] }
        var fill = firstPieceStart
        var byFirstPiece = [Int32](repeating: 0, count: expanded.count)
        for (index, pattern) in expanded.enumerated() {
            byFirstPiece[Int(fill[pattern.pieces[0]])] = Int32(index)
            fill[pattern.pieces[0]] += 1
        }
        self.firstPieceStart = firstPieceStart
        self.byFirstPiece = byFirstPiece
        self.patternOwner = expanded.map(\.owner)
        var pieceStart: [Int32] = [0]
        var flatPieces: [Int32] = []
        var flatAdjacent: [Bool] = []
        for pattern in expanded {
            flatPieces += pattern.pieces.map { Int32($0) }
            flatAdjacent.append(false)
            flatAdjacent += pattern.adjacent
            pieceStart.append(Int32(flatPieces.count))
        }
        self.pieceStart = pieceStart
        self.pieces = flatPieces
        self.adjacent = flatAdjacent
        self.maxGap = maxGap
    }

    public var isEmpty: Bool { patternOwner.isEmpty }

    /// A piece's bytes as a dictionary key hashed in one call: `[UInt8]`'s own hashing feeds
    /// the hasher a byte at a time, which was a good part of compiling the rules at start-up.
    private struct PieceKey: Hashable {
        var bytes: [UInt8]
        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// `"submit* to the jurisdiction"` → `["submit*", "to the jurisdiction"]`.
    static func cutAfterPrefixWords(_ part: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var cuts: [ArraySlice<UInt8>] = []
        var cutStart = part.startIndex
        var wordStart = part.startIndex
        for index in part.indices {
            if part[index] == 0x20 {
                wordStart = index + 1
            } else if part[index] == 0x2A, index > wordStart, index + 1 < part.endIndex, part[index + 1] == 0x20 {
                // A prefix word (`submit*`) with more words after it: cut here.
                cuts.append(part[cutStart...index])
                cutStart = index + 2
            }
        }
        if cutStart < part.endIndex { cuts.append(part[cutStart...]) }
        return cuts
    }

    /// Builds the automaton now rather than on the first scan (for a set that will scan: rule
    /// loading overlaps with reading the first files, the first scan does not).
    func prepare() { _ = automaton.automaton }

    /// Every occurrence of every pattern in `bytes[range]` that does not start inside a
    /// non-prose range, sorted by start. One occurrence per (pattern alternative, first part).
    public func matches(in bytes: [UInt8], range: Range<Int>? = nil, skipping nonProse: [Range<Int>] = []) -> [Match] {
        matches(in: bytes, range: range, skipping: nonProse, keepingInside: nil)
    }

    /// `matches`, except that the owners flagged in `keepingInside` (indexed by owner) are
    /// reported inside `nonProse` too.
    func matches(in bytes: [UInt8], range: Range<Int>? = nil, skipping nonProse: [Range<Int>], keepingInside keep: [Bool]?) -> [Match] {
        if patternOwner.isEmpty { return [] }
        // All part hits in one flat array (cheap appends), then bucketed by part with a
        // counting sort; within a part, hits stay in text order.
        var flat: [(piece: Int32, start: Int32, end: Int32)] = []
        automaton.automaton.scan(bytes, in: range) { match in
            flat.append((Int32(match.id), Int32(match.range.lowerBound), Int32(match.range.upperBound)))
        }
        if flat.isEmpty { return [] }
        var offsets = [Int32](repeating: 0, count: pieceCount + 1)
        for hit in flat { offsets[Int(hit.piece) + 1] += 1 }
        for index in 0..<pieceCount { offsets[index + 1] += offsets[index] }
        var fill = offsets
        var starts = [Int32](repeating: 0, count: flat.count)
        var ends = [Int32](repeating: 0, count: flat.count)
        for hit in flat {
            let slot = Int(fill[Int(hit.piece)])
            starts[slot] = hit.start
            ends[slot] = hit.end
            fill[Int(hit.piece)] += 1
        }

        var result: [Match] = []
        // Only the parts that were hit can start a pattern (the final sort fixes the order).
        for piece in 0..<pieceCount where offsets[piece] != offsets[piece + 1] {
            let patternLow = Int(firstPieceStart[piece]), patternHigh = Int(firstPieceStart[piece + 1])
            if patternLow == patternHigh { continue }
            let firstLow = Int(offsets[piece]), firstHigh = Int(offsets[piece + 1])
            for slot in patternLow..<patternHigh {
                let patternIndex = Int(byFirstPiece[slot])
                let owner = patternOwner[patternIndex]
                let keeps = keep.map { owner < $0.count && $0[owner] } ?? false
                let piecesLow = Int(pieceStart[patternIndex]), piecesHigh = Int(pieceStart[patternIndex + 1])
                if piecesHigh - piecesLow == 1 {
                    // One piece (most lexicon terms): every hit is a match; no chaining to try.
                    for first in firstLow..<firstHigh {
                        let start = Int(starts[first])
                        if keeps || !Self.isInside(start, nonProse) { result.append(Match(owner: owner, range: start..<Int(ends[first]))) }
                    }
                    continue
                }
                var possible = true
                for slot in (piecesLow + 1)..<piecesHigh where offsets[Int(pieces[slot])] == offsets[Int(pieces[slot]) + 1] {
                    possible = false
                    break
                }
                if !possible { continue }
                for first in firstLow..<firstHigh {
                    var end = Int(ends[first])
                    var found = true
                    for slot in (piecesLow + 1)..<piecesHigh {
                        let next = Int(pieces[slot])
                        // First hit of the next part starting at or after `end`.
                        var low = Int(offsets[next]), high = Int(offsets[next + 1])
                        let limit = high
                        while low < high {
                            let mid = (low + high) / 2
                            if Int(starts[mid]) < end { low = mid + 1 } else { high = mid }
                        }
                        let joins: Bool
                        if low == limit {
                            joins = false
                        } else if adjacent[slot] {
                            joins = Int(starts[low]) - end <= Self.maxWhitespaceRun && Self.isWhitespaceRun(bytes, end..<Int(starts[low]))
                        } else {
                            joins = Int(starts[low]) - end <= maxGap
                                && (end == Int(starts[low]) || !Self.crossesSentence(bytes, end..<Int(starts[low])))
                        }
                        if joins {
                            end = Int(ends[low])
                        } else {
                            found = false
                            break
                        }
                    }
                    let start = Int(starts[first])
                    if found && (keeps || !Self.isInside(start, nonProse)) {
                        result.append(Match(owner: owner, range: start..<end))
                    }
                }
            }
        }
        result.sort { ($0.range.lowerBound, $0.owner) < ($1.range.lowerBound, $1.owner) }
        return result
    }

    /// True when the gap holds a sentence end (`.`, `;`, `!` or `?` followed by whitespace):
    /// the parts of a pattern must stand in one sentence.
    @inline(__always)
    static func crossesSentence(_ bytes: [UInt8], _ gap: Range<Int>) -> Bool {
        var index = gap.lowerBound
        let end = min(gap.upperBound, bytes.count - 1)
        while index < end {
            if endsSentence(bytes, at: index) { return true }
            index += 1
        }
        return false
    }

    /// True when `bytes[index]` is `.`, `;`, `!` or `?` and whitespace follows: the end of a
    /// sentence as patterns see it (`index + 1` must be in `bytes`).
    @inline(__always)
    static func endsSentence(_ bytes: [UInt8], at index: Int) -> Bool {
        let byte = bytes[index]
        guard byte == 0x2E || byte == 0x3B || byte == 0x21 || byte == 0x3F else { return false }
        let next = bytes[index + 1]
        return next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D
    }

    /// The longest whitespace run between the words of one phrase (text extracted from PDFs
    /// pads words with long runs of spaces).
    static let maxWhitespaceRun = 256

    /// True when `gap` is non-empty and holds whitespace only: the join inside a phrase cut
    /// after a prefix word.
    @inline(__always)
    static func isWhitespaceRun(_ bytes: [UInt8], _ gap: Range<Int>) -> Bool {
        if gap.isEmpty { return false }
        for index in gap {
            let byte = bytes[index]
            if byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D { return false }
        }
        return true
    }

    /// True when `offset` lies in one of the sorted, non-overlapping `ranges`.
    static func isInside(_ offset: Int, _ ranges: [Range<Int>]) -> Bool {
        if ranges.isEmpty { return false }
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if offset < ranges[mid].lowerBound { high = mid - 1 } else if offset >= ranges[mid].upperBound { low = mid + 1 } else { return true }
        }
        return false
    }
}

extension String {
    func trimmed(_ characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

/// A set's automaton, built on first use. Rule loading creates many sets that never scan: each
/// pattern is compiled alone to validate it, and the kinds' own matchers are only fall-backs
/// for the linter's shared scan (`SharedScan`); building their tables eagerly was most of the
/// start-up time.
final class LazyAutomaton: @unchecked Sendable {   // mutable state only under `lock`
    private let lock = NSLock()
    private var phrases: [[UInt8]]
    private var built: PhraseAutomaton?

    init(phrases: [[UInt8]]) { self.phrases = phrases }

    var automaton: PhraseAutomaton {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let automaton = PhraseAutomaton(normalisedPhrases: phrases.enumerated().map { ($0.element, $0.offset) })
        built = automaton
        phrases = []
        return automaton
    }
}

/// A pattern set compiled on first use, for a catalog's matcher that linting never scans (the
/// shared scan finds the same patterns); `init` still validates every pattern, so a bad one
/// throws where it did when the set was built eagerly.
final class LazyPatternSet: @unchecked Sendable {   // mutable state only under `lock`
    private let lock = NSLock()
    private var patterns: [(text: String, owner: Int)]
    private var built: PhrasePatternSet?

    init(patterns: [(text: String, owner: Int)], validated: Bool = false) throws(PhrasePatternSet.PatternError) {
        if !validated { for pattern in patterns { try PhrasePatternSet.validate(pattern.text) } }
        self.patterns = patterns
    }

    var set: PhrasePatternSet {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        // Validated in `init`, so this cannot throw.
        let set = try! PhrasePatternSet(patterns: patterns)
        built = set
        patterns = []
        return set
    }

    func matches(in bytes: [UInt8], range: Range<Int>? = nil, skipping nonProse: [Range<Int>] = []) -> [PhrasePatternSet.Match] {
        set.matches(in: bytes, range: range, skipping: nonProse)
    }
}
