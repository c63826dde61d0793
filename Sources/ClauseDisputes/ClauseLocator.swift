import ClauseModel
import Foundation
import ClauseRules

/// What to look for: a dispute's words and the clause references it names.
public struct LocateQuery: Sendable, Hashable {
    /// Free text: the dispute's title and description.
    public var text: String
    /// Explicit references from the register's `clauses` field (`7.2`, `Section 12(b)`, `§4`).
    public var clauseReferences: [String]

    public init(text: String, clauseReferences: [String] = []) {
        self.text = text
        self.clauseReferences = clauseReferences
    }
}

/// One ranked place in one contract.
public struct LocateMatch: Sendable, Hashable {
    public var rank: Int
    /// Explicit references add 100 (200 for the best unit of each reference); the rest is in 0…1.
    public var score: Double
    /// Why it ranks: explicit reference, categories, matched terms, pulled in via Section X.
    public var reasons: [String]
    public var path: String
    public var unit: LocateUnit
    /// The deepest clause holding the unit (with its categories); nil when the document has no
    /// clauses.
    public var clause: Clause?
    /// The span of the unit (the whole clause when `unit.part` is `clause`).
    public var span: SourceSpan
    public var text: String
    /// Findings on the clause, when the caller linted the document.
    public var findings: [Finding]
}

/// The ranked places for one query in one contract, and what could not be resolved.
public struct LocateOutcome: Sendable {
    public var matches: [LocateMatch]
    /// Clause references that point nowhere ("clause reference 'Section 14' not found in …").
    public var warnings: [String]
}

/// Ranks the clauses behind a dispute.
///
/// Signals, strongest first: explicit references (`7.2`, `Section 12(b)`, `§4`, `clause 9`)
/// put the units of the named clause first; the categories the dispute's wording points to
/// (through `dispute_terms` in `Rules/categories.yml`) boost units of those categories; BM25
/// over units (heading words weighted) ranks the wording itself; and a clause that a top
/// match refers to ("subject to Section 9") is pulled in. Units never overlap in one answer,
/// and BM25's length normalisation prefers the smallest unit that holds the words.
public struct ClauseLocator: Sendable {
    public var catalog: CategoryCatalog
    public var weights: Weights

    public struct Weights: Sendable {
        /// Share of the lexical score (BM25 over the document's units, scaled to its best unit).
        public var lexical = 0.3
        /// Share of the category score (query categories the unit has, weighted by strength and
        /// by the unit's graded credit for each).
        public var category = 0.7
        /// The dispute's category strengths are raised to this power before each unit's share of
        /// them is taken: 1 shares in proportion to strength; above 1 the strongest category
        /// weighs more than the ones matched by a single word in passing.
        public var categorySharpness = 2.0
        /// Query expansion: words of the heading keywords of the dispute's categories, at this
        /// weight times the category's strength.
        public var expansion = 0.5
        /// Lexical scores are divided by the best unit's BM25, or by this share of the BM25 a unit
        /// holding every query word once would get, whichever is larger.
        public var lexicalFloor = 0.8
        /// A clause referred to by one of the top matches gets this share of its score.
        public var pullIn = 0.6
        /// How many of the top units have their references followed.
        public var pullInFrom = 3
        public init() {}
    }

    public init(catalog: CategoryCatalog, weights: Weights = Weights()) {
        self.catalog = catalog
        self.weights = weights
    }

    /// The explicit references of a query: the register's `clauses` entries, and references
    /// written in the text (keyword references always; bare numbers like `7.2` when they
    /// resolve exactly).
    func explicitReferences(_ query: LocateQuery) -> [(reference: WrittenReference, fromRegister: Bool)] {
        var result: [(WrittenReference, Bool)] = []
        for written in query.clauseReferences {
            let found = ReferenceScanner.scan(written, includeBare: true)
            if found.isEmpty {
                let key = ReferenceScanner.normalise(written)
                if !key.isEmpty { result.append((WrittenReference(text: written, key: key, range: 0..<0, isBare: false), true)) }
            } else {
                result += found.map { ($0, true) }
            }
        }
        for found in ReferenceScanner.scan(query.text, includeBare: true) where !result.contains(where: { $0.0.key == found.key }) {
            result.append((found, false))
        }
        return result
    }

    public func locate(_ query: LocateQuery, in index: LocateIndex, top: Int = 3, findings: [Finding] = []) -> LocateOutcome {
        let units = index.units
        var warnings: [String] = []
        guard !units.isEmpty else { return LocateOutcome(matches: [], warnings: warnings) }
        var score = [Double](repeating: 0, count: units.count)
        var reasons = [[String]](repeating: [], count: units.count)

        // 1. Explicit references.
        for (reference, fromRegister) in explicitReferences(query) {
            let resolution = index.resolver.resolve(reference)
            var clauseID: String
            var note = ""
            switch resolution {
            case .exact(let id):
                clauseID = id
            case .containing(let id):
                if reference.isBare && !fromRegister { continue }
                clauseID = id
                note = " (only \(index.clause(withID: id).map(Self.label) ?? id) exists)"
                warnings.append("clause reference '\(reference.text)' not found in \(index.document.path); using \(index.clause(withID: id).map(Self.label) ?? id), which contains it")
            case .notFound:
                if reference.isBare && !fromRegister { continue }
                warnings.append("clause reference '\(reference.text)' not found in \(index.document.path)")
                continue
            }
            guard let clause = index.clause(withID: clauseID) else { continue }
            let inside = index.units(inside: clause.span.byteRange)
            for unit in inside {
                score[unit] += 100
                reasons[unit].append("explicit reference: \(reference.text)\(note)")
            }
            _ = clauseID
        }
        let explicitUnits = Set(score.indices.filter { score[$0] >= 100 })

        // 2. Categories from the wording.
        let queryBytes = Array(query.text.utf8)
        let negated = Self.negatedRanges(queryBytes)
        // The dispute's main category counts more than one matched in passing ("charged a fixed
        // penalty … instead of proving their damages" is about liquidated damages, not about
        // limitation of liability): strengths are raised to `categorySharpness` before sharing.
        let queryCategories = catalog.categories(forText: query.text, skipping: negated).map { (id: $0.id, score: Self.power($0.score, weights.categorySharpness)) }
        let categoryMass = queryCategories.reduce(0) { $0 + $1.score }
        var categoryScore = [Double](repeating: 0, count: units.count)
        if categoryMass > 0 {
            for unit in units.indices {
                var total = 0.0
                var named: [String] = []
                for (id, strength) in queryCategories {
                    if let credit = index.unitCategories[unit][id] {
                        total += strength * credit
                        named.append(id)
                    }
                }
                if total > 0 {
                    categoryScore[unit] = total / categoryMass
                    reasons[unit].append("categories: \(named.joined(separator: ", "))")
                }
            }
        }

        // 3. Lexical: BM25 over the units, heading words weighted, with the categories'
        // heading keywords as a light expansion.
        var queryTerms: [TextAnalysis.Term: Float] = [:]
        var wordsByTerm: [TextAnalysis.Term: String] = [:]
        TextAnalysis.forEachTerm(in: queryBytes, range: 0..<queryBytes.count) { term, range in
            if TextAnalysis.disputeOnlyStopWords.contains(term) { return }
            // "no breach at all", "without a reason": the negated word is what did not happen.
            if negated.contains(where: { $0.contains(range.lowerBound) }) { return }
            queryTerms[term, default: 0] += 1
            if wordsByTerm[term] == nil { wordsByTerm[term] = String(decoding: queryBytes[range], as: UTF8.self).lowercased() }
        }
        for term in queryTerms.keys { queryTerms[term] = min(queryTerms[term]!, 2) }
        for (id, strength) in queryCategories {
            guard let category = catalog.category(withID: id) else { continue }
            for keyword in category.headingKeywords {
                for word in keyword.split(separator: " ") where !word.contains("*") && !word.contains("(") {
                    guard let term = TextAnalysis.term(of: String(word)) else { continue }
                    queryTerms[term] = max(queryTerms[term] ?? 0, Float(weights.expansion * strength))
                }
            }
        }
        let weightedQuery = queryTerms.map { ($0.key, $0.value) }
        let lexical = index.bm25(weightedQuery)
        let best = max(lexical.values.max() ?? 0, Float(weights.lexicalFloor) * index.idealBM25(weightedQuery))
        if best > 0 {
            for (unit, value) in lexical {
                let unitIndex = Int(unit)
                let matched = wordsByTerm.filter { index.containsTerm(unitIndex, $0.key) }.values.sorted()
                if !matched.isEmpty { reasons[unitIndex].append("matched terms: \(matched.joined(separator: ", "))") }
                score[unitIndex] += weights.lexical * Double(value / best)
            }
        }
        for unit in units.indices {
            score[unit] += weights.category * categoryScore[unit]
            if index.unitIsDefinition[unit], !explicitUnits.contains(unit) { score[unit] *= 0.5 }
        }

        // An item of a small list clause ("may terminate … in the event that: (A) … (B) …")
        // is a fragment of the list's sentence: its score goes to the list clause, which is
        // answered instead (unless the dispute names the item itself).
        for unit in units.indices where index.listParent[unit] >= 0 && score[unit] > 0 && !explicitUnits.contains(unit) {
            let list = index.listParent[unit]
            if score[unit] > score[list] { score[list] = score[unit] }
            reasons[list] += reasons[unit]
            score[unit] = 0
        }

        // Best unit of each explicit reference first.
        if !explicitUnits.isEmpty {
            var bestInClause: [String: Int] = [:]
            for unit in explicitUnits {
                let id = units[unit].clauseID
                if let current = bestInClause[id], score[current] >= score[unit] { continue }
                bestInClause[id] = unit
            }
            for unit in bestInClause.values { score[unit] += 100 }
        }

        // 4. Cross-reference pull-in from the top units.
        let preliminary = Self.select(score: score, units: units, limit: weights.pullInFrom)
        for referrer in preliminary where score[referrer] > 0 {
            let unit = units[referrer]
            var targets: [(text: String, clauseID: String)] = []
            for reference in ReferenceScanner.scan(index.document.bytes, range: unit.range) {
                if case .exact(let id) = index.resolver.resolve(reference) { targets.append((reference.text, id)) }
            }
            if let clause = index.clause(withID: unit.clauseID) {
                for reference in clause.references where reference.span.startOffset >= unit.range.lowerBound && reference.span.endOffset <= unit.range.upperBound {
                    for id in reference.targetIDs where !targets.contains(where: { $0.clauseID == id }) { targets.append((reference.text, id)) }
                }
            }
            for (written, targetID) in targets {
                guard let target = index.clause(withID: targetID) else { continue }
                // A reference to the clause itself or to one holding it pulls nothing in.
                if target.span.contains(SourceSpan(start: index.document.lines.position(at: unit.range.lowerBound), end: index.document.lines.position(at: unit.range.upperBound))) { continue }
                let inside = index.units(inside: target.span.byteRange)
                guard let pulled = inside.max(by: { (score[$0], -$0) < (score[$1], -$1) }) else { continue }
                let pulledScore = weights.pullIn * (score[referrer] >= 100 ? score[referrer].truncatingRemainder(dividingBy: 100) + 1 : score[referrer])
                let from = index.clause(withID: unit.clauseID).map(Self.label) ?? "the top match"
                reasons[pulled].append("pulled in via \(written) (referred to by \(from))")
                if pulledScore > score[pulled] { score[pulled] = pulledScore }
            }
        }

        let chosen = Self.select(score: score, units: units, limit: top)
        var matches: [LocateMatch] = []
        for (rank, unitIndex) in chosen.enumerated() where score[unitIndex] > 0 {
            let unit = units[unitIndex]
            let clause = index.clause(withID: unit.clauseID)
            let onClause = findings.filter { finding in
                if let id = finding.clause?.id, id == unit.clauseID { return true }
                return unit.range.contains(finding.span.startOffset)
            }
            matches.append(LocateMatch(
                rank: rank + 1,
                score: (score[unitIndex] * 1000).rounded() / 1000,
                reasons: Self.ordered(reasons[unitIndex]),
                path: index.document.path,
                unit: unit,
                clause: clause,
                span: index.document.lines.span(unit.range),
                text: index.text(of: unit),
                findings: onClause
            ))
        }
        return LocateOutcome(matches: matches, warnings: warnings)
    }

    /// The one or two words after a negation ("no", "not", "never", "without", "nothing"),
    /// so "no breach at all" does not search for breach clauses.
    static func negatedRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        let negations: Set<String> = ["no", "not", "never", "without", "nothing", "didn't", "don't", "doesn't", "wasn't", "isn't", "hasn't", "haven't", "n't"]
        var words: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            while index < bytes.count, !(TextAnalysis.isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: "'")) { index += 1 }
            let start = index
            while index < bytes.count, TextAnalysis.isWordByte(bytes[index]) || bytes[index] == UInt8(ascii: "'") { index += 1 }
            if index > start { words.append(start..<index) }
        }
        var result: [Range<Int>] = []
        let articles: Set<String> = ["a", "an", "the", "any", "real", "good"]
        for (position, range) in words.enumerated() {
            let word = String(decoding: bytes[range].map(TextAnalysis.lower), as: UTF8.self)
            guard negations.contains(word) || word.hasSuffix("n't") else { continue }
            var next = position + 1
            if next < words.count, articles.contains(String(decoding: bytes[words[next]].map(TextAnalysis.lower), as: UTF8.self)) { next += 1 }
            // Auxiliaries after "didn't"/"don't" ("didn't want to renew") are not the negated thing.
            if word.hasSuffix("n't") || word == "not" { continue }
            if next < words.count { result.append(words[next]) }
        }
        return result
    }

    /// Explicit references, then pull-ins, categories and terms.
    static func ordered(_ reasons: [String]) -> [String] {
        func order(_ reason: String) -> Int {
            if reason.hasPrefix("explicit") { return 0 }
            if reason.hasPrefix("pulled") { return 1 }
            if reason.hasPrefix("categories") { return 2 }
            return 3
        }
        var seen = Set<String>()
        return reasons.filter { seen.insert($0).inserted }.enumerated().sorted { (order($0.element), $0.offset) < (order($1.element), $1.offset) }.map(\.element)
    }

    /// The best units, highest score first (ties: the smaller, then the earlier), never two
    /// that overlap.
    static func select(score: [Double], units: [LocateUnit], limit: Int) -> [Int] {
        let order = units.indices.filter { score[$0] > 0 }.sorted {
            if score[$0] != score[$1] { return score[$0] > score[$1] }
            if units[$0].range.count != units[$1].range.count { return units[$0].range.count < units[$1].range.count }
            return units[$0].range.lowerBound < units[$1].range.lowerBound
        }
        var chosen: [Int] = []
        for candidate in order {
            if chosen.count >= limit { break }
            let range = units[candidate].range
            if chosen.contains(where: { units[$0].range.overlaps(range) }) { continue }
            chosen.append(candidate)
        }
        return chosen
    }

    /// `value` to the power `exponent`.
    static func power(_ value: Double, _ exponent: Double) -> Double {
        if exponent == 1 { return value }
        return Foundation.pow(value, exponent)
    }

    /// "Section 7.2 (Refunds)" style label for messages.
    static func label(_ clause: Clause) -> String {
        var text = clause.number.map { "Section \(ReferenceScanner.normalise($0))" } ?? clause.id
        if let heading = clause.heading, !heading.isEmpty { text += " (\(heading))" }
        return text
    }
}
