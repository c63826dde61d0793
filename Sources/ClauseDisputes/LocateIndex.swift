import ClauseModel
import ClauseRules
import Foundation

/// A piece of a contract that locating can return: a whole small clause, the own text of a
/// clause with sub-clauses (its lead-in), or a window of a few sentences of a long clause.
///
/// Locating works on these rather than on whole clauses so that an answer is never bigger
/// than it needs to be: a clause with twenty sub-clauses is never returned whole (its
/// sub-clauses are units of their own), and a run-on clause of several pages (common in text
/// extracted from PDF) is cut into sentence windows.
public struct LocateUnit: Sendable, Hashable {
    public enum Part: String, Sendable, Codable {
        /// The whole clause (it has no sub-clauses and is small).
        case clause
        /// The clause's own text before its first sub-clause.
        case ownText = "own-text"
        /// A window of consecutive sentences of a long clause.
        case passage
    }

    /// The clause the unit lies in (the deepest one); empty when the document has no clauses.
    public var clauseID: String
    public var range: Range<Int>
    public var part: Part
}

/// Per-document index for locating: the units, their terms (BM25 postings, with heading
/// words weighted) and their categories. Built once per document and reused for every dispute.
public struct LocateIndex: Sendable {
    public let document: Document
    public let units: [LocateUnit]
    /// Per unit: category ids found in its own text or its headings, with a credit in 0..<1
    /// graded by the amount of evidence (see `evidenceHalfMass`); parent categories at the same credit.
    let unitCategories: [[String: Double]]
    let postings: [TextAnalysis.Term: [(unit: Int32, weight: Float)]]
    let unitLength: [Float]
    /// Per unit: it defines a term (`"Territory" means …`); definitions are rarely what a
    /// dispute is about, so the locator halves their score.
    let unitIsDefinition: [Bool]
    /// Per unit: the unit of the small list clause it is an item of ("… in the event that:
    /// (A) … (B) …", lead-in and items together up to `wholeClauseBytes`), or -1. An item is a
    /// fragment of its lead-in's sentence, so the locator answers with the whole list clause.
    let listParent: [Int]
    let averageLength: Float
    let clausesByID: [String: Clause]
    /// Unit indices per clause id (the units inside that clause's span).
    let resolver: ClauseResolver

    /// Tunables of the unit builder.
    public struct Granularity: Sendable {
        /// A clause's own text up to this many bytes is one unit.
        public var wholeClauseBytes = 1_500
        /// Sentence windows of a longer clause hold at most this many bytes (one sentence
        /// always fits, however long).
        public var windowBytes = 1_100
        /// And at most this many sentences.
        public var windowSentences = 3
        public init() {}
    }

    /// A "title" longer than this is text the parser did not structure, not a title.
    static let longTitleBytes = 2_000

    /// Fewer words than this is a heading, not an answer.
    static let minimumUnitWords = 6

    /// Weight of a heading word against a word of the text.
    static let headingWeight: Float = 2.5
    static let ancestorHeadingWeight: Float = 1.0

    /// What building an index needs from the categories, compiled once and shared by every
    /// document (the heading-keyword matcher is a DFA: compiling it per document would cost
    /// more than indexing).
    public struct Preparation: Sendable {
        public let catalog: CategoryCatalog
        let headingMatcher: PhrasePatternSet
        public init(catalog: CategoryCatalog) {
            self.catalog = catalog
            self.headingMatcher = LocateIndex.headingMatcher(catalog)
        }
    }

    public init(document: Document, catalog: CategoryCatalog, granularity: Granularity = Granularity()) {
        self.init(document: document, prepared: Preparation(catalog: catalog), granularity: granularity)
    }

    public init(document: Document, prepared: Preparation, granularity: Granularity = Granularity()) {
        let catalog = prepared.catalog
        self.document = document
        let bytes = document.bytes
        var units: [LocateUnit] = []
        var unitTerms: [[TextAnalysis.Term]] = []
        /// Heading contexts, each computed once: weighted terms and categories with credit.
        var headingInfos: [(terms: [(TextAnalysis.Term, Float)], categories: [(String, Double)])] = []
        var unitHeadings: [[Int]] = []
        var clausesByID: [String: Clause] = [:]
        /// Units that are a whole small clause introducing a list (lead-in and items).
        var listUnits: [Int] = []

        func headingInfo(_ headingBytes: [UInt8], weight: Float) -> Int {
            var terms: [(TextAnalysis.Term, Float)] = []
            TextAnalysis.forEachTerm(in: headingBytes, range: 0..<headingBytes.count) { term, _ in terms.append((term, weight)) }
            let credit = weight >= Self.headingWeight ? 1.0 : 0.5
            var categories: [(String, Double)] = []
            for match in prepared.headingMatcher.matches(in: headingBytes) {
                categories.append((catalog.categories[match.owner].id, credit))
            }
            headingInfos.append((terms, categories))
            return headingInfos.count - 1
        }

        func terms(_ range: Range<Int>) -> [TextAnalysis.Term] {
            var result: [TextAnalysis.Term] = []
            TextAnalysis.forEachTerm(in: bytes, range: range) { term, _ in result.append(term) }
            return result
        }

        func trim(_ range: Range<Int>) -> Range<Int> {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, bytes[lower] <= 0x20 { lower += 1 }
            while upper > lower, bytes[upper - 1] <= 0x20 { upper -= 1 }
            return lower..<upper
        }

        func wordCount(_ range: Range<Int>) -> Int { Self.wordCount(bytes[range]) }

        func addRegion(_ region: Range<Int>, clauseID: String, part: LocateUnit.Part, headings: [Int], clause: Clause? = nil, forcePassages: Bool = false) {
            let region = trim(region)
            // A heading on its own ("10. Data Protection") answers nothing; its words reach the
            // sub-clauses as heading context.
            guard region.count >= 3, region.count > 120 || wordCount(region) >= Self.minimumUnitWords else { return }
            // Nor does a longer one ("7.8 Effect of Termination or Expiration.", "(e) No Minimum
            // Purchase Obligation; Minimum Order Quantities."): a clause whose own text is its
            // number and heading, or a short title-case line, has no text of its own to answer with.
            if region.count <= 160 {
                if let clause, let heading = clause.heading, !heading.isEmpty {
                    let ownWords = wordCount(region) - Self.wordCount(heading.utf8) - Self.wordCount((clause.number ?? "").utf8)
                    if ownWords < 2 { return }
                }
                if Sentences.isTitleLike(bytes, range: region) { return }
            }
            // An upper-case title line ("3. DEVELOPMENT AND OPERATION; EXCLUSIVITY") neither.
            if region.count <= 150 {
                var lower = 0
                var upper = 0
                for offset in region {
                    let byte = bytes[offset]
                    if byte >= 0x61 && byte <= 0x7A { lower += 1 } else if byte >= 0x41 && byte <= 0x5A { upper += 1 }
                }
                if lower * 4 < upper { return }
            }
            if region.count <= granularity.wholeClauseBytes, !forcePassages {
                units.append(LocateUnit(clauseID: clauseID, range: region, part: part))
                unitTerms.append(terms(region))
                unitHeadings.append(headings)
                return
            }
            let pieces = Sentences.split(bytes, range: region)
            let pieceTerms = pieces.map { terms($0.range) }
            var currentHeading: Int? = nil
            var index = 0
            while index < pieces.count {
                let piece = pieces[index]
                if pieces[index].isHeading, index + 1 < pieces.count {
                    currentHeading = headingInfo(Array(bytes[piece.range]), weight: Self.headingWeight)
                    index += 1
                    continue
                }
                // A window may start with the heading right before it.
                let startsWithHeading = index > 0 && pieces[index - 1].isHeading
                let start = startsWithHeading ? pieces[index - 1].range.lowerBound : piece.range.lowerBound
                var context = headings
                if let currentHeading { context.append(currentHeading) }
                var windowTerms = startsWithHeading ? pieceTerms[index - 1] : []
                var last = index
                while last < pieces.count, last - index < granularity.windowSentences {
                    if last > index, pieces[last].isHeading { break }
                    let range = start..<pieces[last].range.upperBound
                    if last > index, range.count > granularity.windowBytes { break }
                    windowTerms += pieceTerms[last]
                    units.append(LocateUnit(clauseID: clauseID, range: range, part: .passage))
                    unitTerms.append(windowTerms)
                    unitHeadings.append(context)
                    last += 1
                }
                index += 1
            }
        }

        func visit(_ clause: Clause, ancestors: [Int], ancestorHeadings: [String]) {
            clausesByID[clause.id] = clause
            var headings = ancestors
            if let heading = clause.heading, !heading.isEmpty { headings.append(headingInfo(Array(heading.utf8), weight: Self.headingWeight)) }
            // A signature block, the title and a table of contents ("9.2 Exclusivity .... 31")
            // name things without deciding any of them.
            // But what the parser took for a signature block or a title can hold clauses it did
            // not recognise (plain text whose numbering it missed runs on from "IN WITNESS
            // WHEREOF"-like words, or from the title, to the end): such text is cut into sentence
            // windows like any long clause, whose signature lines ("By: ___ Name: Title:") rarely
            // match a dispute's words.
            let misread = clause.children.isEmpty && (clause.kind == .signatureBlock || (clause.kind == .title && clause.span.byteRange.count > Self.longTitleBytes))
            let answersNothing = clause.kind == .signatureBlock || clause.kind == .title || clause.isTableOfContents
            if misread {
                addRegion(clause.span.byteRange, clauseID: clause.id, part: .passage, headings: headings, clause: clause, forcePassages: true)
            } else if !answersNothing {
                if clause.children.isEmpty {
                    addRegion(clause.span.byteRange, clauseID: clause.id, part: .clause, headings: headings, clause: clause)
                } else if Self.introducesList(bytes, clause.ownRange), clause.span.byteRange.count <= granularity.wholeClauseBytes {
                    // "… the following penalties shall apply: (i) … (ii) …": the lead-in and its
                    // items are one sentence, so the small clause is one unit (its items are
                    // units of their own as well).
                    let before = units.count
                    addRegion(clause.span.byteRange, clauseID: clause.id, part: .clause, headings: headings, clause: clause)
                    if units.count == before + 1 { listUnits.append(before) }
                } else {
                    addRegion(clause.ownRange, clauseID: clause.id, part: .ownText, headings: headings, clause: clause)
                }
            }
            guard !clause.children.isEmpty else { return }
            var childAncestors = ancestors
            if let heading = clause.heading, !heading.isEmpty { childAncestors.append(headingInfo(Array(heading.utf8), weight: Self.ancestorHeadingWeight)) }
            for child in clause.children { visit(child, ancestors: childAncestors, ancestorHeadings: []) }
        }
        if document.clauses.isEmpty {
            addRegion(0..<bytes.count, clauseID: "", part: .passage, headings: [])
        } else {
            for clause in document.clauses { visit(clause, ancestors: [], ancestorHeadings: []) }
        }

        // Terms and lengths.
        var postings: [TextAnalysis.Term: [(unit: Int32, weight: Float)]] = [:]
        var lengths: [Float] = []
        lengths.reserveCapacity(units.count)
        var counts: [TextAnalysis.Term: Float] = [:]
        for unitIndex in units.indices {
            counts.removeAll(keepingCapacity: true)
            for term in unitTerms[unitIndex] { counts[term, default: 0] += 1 }
            for heading in unitHeadings[unitIndex] {
                for (term, weight) in headingInfos[heading].terms { counts[term, default: 0] += weight }
            }
            for (term, weight) in counts { postings[term, default: []].append((Int32(unitIndex), weight)) }
            lengths.append(Float(max(unitTerms[unitIndex].count, 1)))
        }

        // Categories: body-pattern evidence inside the unit, heading keywords of its headings.
        var unitCategories = [[String: Double]](repeating: [:], count: units.count)
        let evidence = catalog.evidence(in: document).sorted { $0.range.lowerBound < $1.range.lowerBound }
        let starts = evidence.map(\.range.lowerBound)
        for (unitIndex, unit) in units.enumerated() {
            var found: [String: Double] = [:]
            var low = Self.lowerBound(starts, unit.range.lowerBound)
            while low < evidence.count, evidence[low].range.lowerBound < unit.range.upperBound {
                found[evidence[low].categoryID, default: 0] += 1
                low += 1
            }
            var headingCredit: [String: Double] = [:]
            for heading in unitHeadings[unitIndex] {
                for (id, credit) in headingInfos[heading].categories { headingCredit[id] = max(headingCredit[id] ?? 0, credit) }
            }
            for (id, credit) in headingCredit { found[id, default: 0] += credit }
            for (id, mass) in found { found[id] = mass / (mass + Self.evidenceHalfMass) }
            // Ancestors at the same credit: a clause about warranty duration is about warranty as
            // much as one headed "Warranties" ("cap-on-liability" is also about
            // "limitation-of-liability"), so it is not outranked by a clause that has only the
            // broader category when a dispute names both.
            var withAncestors = found
            for (id, credit) in found {
                for ancestor in catalog.lineage(of: id).dropFirst() { withAncestors[ancestor] = max(withAncestors[ancestor] ?? 0, credit) }
            }
            unitCategories[unitIndex] = withAncestors
        }

        var definitions: [Bool] = []
        definitions.reserveCapacity(units.count)
        let markers: [[UInt8]] = ["\" means", "\u{201D} means", "\" shall mean", "\u{201D} shall mean", "\" has the meaning", "\u{201D} has the meaning"].map { Array($0.utf8) }
        for unit in units {
            if clausesByID[unit.clauseID]?.kind == .definition { definitions.append(true); continue }
            let head = unit.range.lowerBound..<min(unit.range.upperBound, unit.range.lowerBound + 160)
            var found = false
            for marker in markers where !found {
                var offset = head.lowerBound
                while offset + marker.count <= head.upperBound {
                    if bytes[offset] == marker[0], Array(bytes[offset..<(offset + marker.count)]) == marker { found = true; break }
                    offset += 1
                }
            }
            definitions.append(found)
        }
        self.unitIsDefinition = definitions
        // Each unit inside a list clause's unit: the outermost such (list units come before
        // their items, parents before children, so the first one that holds it is outermost).
        var listParent = [Int](repeating: -1, count: units.count)
        for list in listUnits {
            let range = units[list].range
            var item = list + 1
            while item < units.count, units[item].range.lowerBound < range.upperBound {
                if listParent[item] < 0, range.lowerBound <= units[item].range.lowerBound, units[item].range.upperBound <= range.upperBound { listParent[item] = list }
                item += 1
            }
        }
        self.listParent = listParent
        self.units = units
        self.unitCategories = unitCategories
        self.postings = postings
        self.unitLength = lengths
        self.averageLength = lengths.isEmpty ? 1 : lengths.reduce(0, +) / Float(lengths.count)
        self.clausesByID = clausesByID
        self.resolver = ClauseResolver(document: document)
    }

    /// Whether a clause's own text ends in a colon (or a dash), or stops mid-sentence: it
    /// introduces its sub-clauses and is not a sentence without them.
    static func introducesList(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var upper = range.upperBound
        while upper > range.lowerBound, bytes[upper - 1] <= 0x20 { upper -= 1 }
        guard upper > range.lowerBound else { return false }
        let last = bytes[upper - 1]
        if last == UInt8(ascii: ":") || last == UInt8(ascii: "-") || (upper - range.lowerBound >= 3 && bytes[upper - 3] == 0xE2 && bytes[upper - 2] == 0x80 && bytes[upper - 1] == 0x94) { return true }
        // Or it stops mid-sentence ("This Agreement may not be assigned by either party,
        // except", "In the event that"): a lower-case word or a comma, in text that is not a
        // title ("7.8 Effect of termination").
        guard (last >= 0x61 && last <= 0x7A) || last == UInt8(ascii: ",") else { return false }
        return wordCount(bytes[range.lowerBound..<upper]) >= 3 && !Sentences.isTitleLike(bytes, range: range.lowerBound..<upper)
    }

    /// Category credit of a unit is graded by how much evidence it holds: each body-pattern
    /// match counts 1, its clause's heading keyword 1 (an ancestor's 0.5), and the credit is
    /// `mass / (mass + evidenceHalfMass)` — one match 0.67, a match under a matching heading
    /// 0.8, three matches 0.86. A clause *about* minimum purchases says so more than once; one
    /// that mentions them in passing, once.
    static let evidenceHalfMass = 0.5

    /// Words (runs of letters and digits) in `bytes`.
    static func wordCount<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
        var count = 0
        var inWord = false
        for byte in bytes {
            let isWord = TextAnalysis.isWordByte(byte)
            if isWord, !inWord { count += 1 }
            inWord = isWord
        }
        return count
    }

    static func headingMatcher(_ catalog: CategoryCatalog) -> PhrasePatternSet {
        let patterns = catalog.categories.enumerated().flatMap { index, category in category.headingKeywords.map { ($0, index) } }
        return (try? PhrasePatternSet(patterns: patterns)) ?? (try! PhrasePatternSet(patterns: []))
    }

    static func lowerBound(_ values: [Int], _ target: Int) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    public func clause(withID id: String) -> Clause? { clausesByID[id] }

    /// The text a unit covers.
    public func text(of unit: LocateUnit) -> String { document.lines.text(unit.range) }

    /// Indices of the units lying inside `span`.
    func units(inside range: Range<Int>) -> [Int] {
        units.indices.filter { range.lowerBound <= units[$0].range.lowerBound && units[$0].range.upperBound <= range.upperBound }
    }

    /// BM25 term saturation: lower, a word said again adds less ("pallets … pallets … three
    /// pallets high" is not three times about pallets).
    static let bm25K1: Float = 0.8
    /// BM25 length normalisation (0 none, 1 full): moderate, because units are already cut to
    /// at most a clause or a few sentences, and a longer one often holds more of the dispute.
    static let bm25B: Float = 0.5

    /// BM25 (k1 `bm25K1`, b `bm25B`) of every unit for weighted query terms; units without any query
    /// term are absent.
    func bm25(_ query: [(term: TextAnalysis.Term, weight: Float)]) -> [Int32: Float] {
        let k1 = Self.bm25K1
        let b = Self.bm25B
        let total = Float(units.count)
        var scores: [Int32: Float] = [:]
        for (term, weight) in query {
            guard let list = postings[term] else { continue }
            let df = Float(list.count)
            let idf = log(1 + (total - df + 0.5) / (df + 0.5))
            for (unit, tf) in list {
                let norm = tf * (k1 + 1) / (tf + k1 * (1 - b + b * unitLength[Int(unit)] / averageLength))
                scores[unit, default: 0] += weight * idf * norm
            }
        }
        return scores
    }

    /// The BM25 of a unit of average length holding each query term once: what a unit that
    /// matches the whole dispute would score. Lexical scores are scaled to at least a share of
    /// it, so a unit matching one common word is not "the best lexical match" at full weight.
    func idealBM25(_ query: [(term: TextAnalysis.Term, weight: Float)]) -> Float {
        let total = Float(units.count)
        var sum: Float = 0
        for (term, weight) in query {
            guard let list = postings[term] else { continue }
            let df = Float(list.count)
            sum += weight * log(1 + (total - df + 0.5) / (df + 0.5))
        }
        return sum
    }

    func containsTerm(_ unit: Int, _ term: TextAnalysis.Term) -> Bool {
        postings[term]?.contains { $0.unit == Int32(unit) } ?? false
    }
}

/// Sentence-like pieces of a long clause: split after `.`, `;` or `:` when what follows starts
/// like a new sentence or item (capital, digit, `(`), and at blank lines; short title-like
/// pieces ("12. Governing Law.") are marked as headings.
enum Sentences {
    struct Piece {
        var range: Range<Int>
        var isHeading: Bool
    }

    /// Whether `;` and `:` end a piece. Off: enumerations inside a sentence ("…: (i) …; (ii) …")
    /// stay one piece, because the answer to a dispute is usually the whole sentence.
    static let splitsAtSemicolons = false

    static let abbreviations: Set<String> = ["inc", "co", "corp", "ltd", "no", "nos", "sec", "art", "para", "mr", "mrs", "ms", "dr", "st", "u.s", "e.g", "i.e", "etc", "vs", "v", "l.p", "n.a", "s.a", "jr", "sr", "llc"]

    static func split(_ bytes: [UInt8], range: Range<Int>) -> [Piece] {
        var pieces: [Piece] = []
        var start = range.lowerBound
        var index = range.lowerBound
        let end = range.upperBound
        func emit(_ upper: Int) {
            var lower = start
            var top = upper
            while lower < top, bytes[lower] <= 0x20 { lower += 1 }
            while top > lower, bytes[top - 1] <= 0x20 { top -= 1 }
            if top > lower { pieces.append(Piece(range: lower..<top, isHeading: false)) }
            start = upper
        }
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A, index + 1 < end {
                // Blank line: always a boundary.
                var next = index + 1
                while next < end, bytes[next] == 0x20 || bytes[next] == 0x09 || bytes[next] == 0x0D { next += 1 }
                if next < end, bytes[next] == 0x0A {
                    emit(index)
                    index = next
                    continue
                }
            }
            if byte == UInt8(ascii: ".") || (Self.splitsAtSemicolons && (byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":"))) {
                var next = index + 1
                // Closing quotes or brackets stay with the sentence.
                while next < end, bytes[next] == UInt8(ascii: "\"") || bytes[next] == UInt8(ascii: ")") || bytes[next] == UInt8(ascii: "'") { next += 1 }
                if next + 3 <= end, bytes[next] == 0xE2, bytes[next + 1] == 0x80, bytes[next + 2] == 0x9D { next += 3 }   // ”
                var after = next
                while after < end, bytes[after] == 0x20 || bytes[after] == 0x0A || bytes[after] == 0x09 || bytes[after] == 0x0D { after += 1 }
                if after > next, after < end, startsSentence(bytes[after]) || (after + 2 < end && bytes[after] == 0xE2 && bytes[after + 1] == 0x80 && bytes[after + 2] == 0x9C),
                   byte != UInt8(ascii: ".") || !isAbbreviationOrNumber(bytes, periodAt: index, lowerLimit: start) {
                    emit(next)
                    index = after
                    continue
                }
            }
            index += 1
        }
        emit(end)
        // Headings: short, few words, and something follows.
        for position in pieces.indices where position + 1 < pieces.count {
            if pieces[position].range.count <= 80, isTitleLike(bytes, range: pieces[position].range) { pieces[position].isHeading = true }
        }
        return pieces
    }

    /// Title case or upper case, few words: at most a couple of lower-case words ("of", "and")
    /// among at most nine ("12. Governing Law.", "(e) Minimum Order Quantities.").
    static func isTitleLike(_ bytes: [UInt8], range: Range<Int>) -> Bool {
        var words = 0
        var inWord = false
        var lowerStarts = 0
        for offset in range {
            let isWord = TextAnalysis.isWordByte(bytes[offset])
            if isWord, !inWord {
                words += 1
                if bytes[offset] >= 0x61 && bytes[offset] <= 0x7A { lowerStarts += 1 }
            }
            inWord = isWord
        }
        return words <= 9 && lowerStarts <= 2 && words - lowerStarts >= 1
    }

    @inline(__always) static func startsSentence(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "[")
    }

    /// "Inc." "No." "U.S." and section numbers ("1." in "1. Services") do not end a sentence.
    static func isAbbreviationOrNumber(_ bytes: [UInt8], periodAt index: Int, lowerLimit: Int) -> Bool {
        var wordStart = index
        while wordStart > lowerLimit, bytes[wordStart - 1] != 0x20, bytes[wordStart - 1] != 0x0A, bytes[wordStart - 1] != 0x09, bytes[wordStart - 1] != UInt8(ascii: "(") { wordStart -= 1 }
        if wordStart == index { return false }
        let word = bytes[wordStart..<index]
        if word.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }) { return true }
        if word.count == 1, word.first.map({ $0 >= 0x41 && $0 <= 0x5A }) == true { return true }   // initials, "Article I."
        if word.count > 5 { return false }
        let lowered = String(decoding: word.map(TextAnalysis.lower), as: UTF8.self)
        return abbreviations.contains(lowered)
    }
}
