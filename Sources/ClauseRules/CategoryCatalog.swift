import ClauseModel

/// A clause type a contract reviewer cares about (`governing-law`, `refund`, …), from
/// `Rules/categories.yml`.
public struct ClauseCategory: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The broader category (`governing-law` → `dispute-resolution`); a clause with a category
    /// also gets its ancestors.
    public var parent: String?
    public var summary: String
    /// Words in a clause heading that give the category (`governing law`, `choice of law`).
    public var headingKeywords: [String]
    /// Phrase patterns (see `PhrasePatternSet`) in the clause's own text that give the category.
    public var bodyPatterns: [String]
    /// Phrase patterns that cancel a body match they overlap (`non-solicit` is not a non-compete).
    public var excludePatterns: [String]
    /// Phrase patterns that cancel every body match in their sentence: a condition ("if sales
    /// fall below …") can stand far before the right it conditions ("either party may
    /// terminate"), beyond the reach of an overlapping exclusion.
    public var sentenceExcludePatterns: [String]
    /// How customers describe a dispute about this kind of clause ("money back", "charged
    /// again"); used by dispute linking through `categories(forText:)`.
    public var disputeTerms: [String]

    public init(id: String, name: String, parent: String? = nil, summary: String = "", headingKeywords: [String] = [], bodyPatterns: [String] = [], excludePatterns: [String] = [], sentenceExcludePatterns: [String] = [], disputeTerms: [String] = []) {
        self.id = id
        self.name = name
        self.parent = parent
        self.summary = summary
        self.headingKeywords = headingKeywords
        self.bodyPatterns = bodyPatterns
        self.excludePatterns = excludePatterns
        self.sentenceExcludePatterns = sentenceExcludePatterns
        self.disputeTerms = disputeTerms
    }
}

/// The clause categories and the compiled matchers that assign them.
///
/// Matching is byte-level: heading keywords and body patterns (with exclusions) are each one
/// `PhrasePatternSet`, so categorising a document is one pass over its bytes plus one small
/// pass per heading.
public struct CategoryCatalog: Sendable {
    /// Editing the list recompiles the matchers; a list with an invalid pattern keeps the
    /// previous matchers (build catalogs with `init(categories:)` to get the error).
    public var categories: [ClauseCategory] {
        didSet { compiled = (try? Compiled(categories)) ?? compiled }
    }
    private var compiled: Compiled

    private struct Compiled: Sendable {
        var headings: PhrasePatternSet
        /// Built on first use: linting finds these patterns with its shared scan instead.
        var bodies: LazyPatternSet
        var disputeTerms: PhrasePatternSet
        /// The overlap exclusions alone (owners as in `bodies`), for headings: a heading is a
        /// few words, and scanning it with `bodies` would build that large automaton again
        /// although linting finds body patterns with its shared scan.
        var headingExclusions: PhrasePatternSet
        var ancestors: [[Int]]   // per category: itself and its ancestors, indices

        static func bodyPatterns(_ categories: [ClauseCategory]) -> [(text: String, owner: Int)] {
            categories.enumerated().flatMap { index, category in
                category.bodyPatterns.map { ($0, index) }
                    + category.excludePatterns.map { ($0, categories.count + index) }
                    + category.sentenceExcludePatterns.map { ($0, 2 * categories.count + index) }
            }
        }
        var indexByID: [String: Int]

        /// `patternsValidated`: every body, exclusion and sentence-exclusion pattern has been
        /// through `PhrasePatternSet.validate` already (as `CategoryCatalog.load` does).
        init(_ categories: [ClauseCategory], patternsValidated: Bool = false) throws(PhrasePatternSet.PatternError) {
            var indexByID: [String: Int] = [:]
            for (index, category) in categories.enumerated() { indexByID[category.id] = index }
            headings = try PhrasePatternSet(patterns: categories.enumerated().flatMap { index, category in category.headingKeywords.map { ($0, index) } })
            // Body patterns and exclusions share one automaton (one pass): exclusions are owned
            // by `categories.count + index`, sentence exclusions by `2 * categories.count + index`.
            bodies = try LazyPatternSet(patterns: Self.bodyPatterns(categories), validated: patternsValidated)
            disputeTerms = try PhrasePatternSet(patterns: categories.enumerated().flatMap { index, category in category.disputeTerms.map { ($0, index) } })
            headingExclusions = try PhrasePatternSet(patterns: categories.enumerated().flatMap { index, category in category.excludePatterns.map { ($0, categories.count + index) } })
            ancestors = categories.map { category in
                var chain: [Int] = []
                var current: ClauseCategory? = category
                while let node = current, let index = indexByID[node.id], !chain.contains(index) {
                    chain.append(index)
                    current = node.parent.flatMap { indexByID[$0] }.map { categories[$0] }
                }
                return chain
            }
            self.indexByID = indexByID
        }
    }

    public init(categories: [ClauseCategory]) throws(PhrasePatternSet.PatternError) {
        self.compiled = try Compiled(categories)
        self.categories = categories
    }

    /// For categories from `load`, whose patterns it validated: not validated a second time.
    init(loadedCategories categories: [ClauseCategory]) throws(PhrasePatternSet.PatternError) {
        self.compiled = try Compiled(categories, patternsValidated: true)
        self.categories = categories
    }

    public static let empty = try! CategoryCatalog(categories: [])

    public func category(withID id: String) -> ClauseCategory? {
        compiled.indexByID[id].map { categories[$0] }
    }

    /// The category and its ancestors' ids, nearest first.
    public func lineage(of id: String) -> [String] {
        guard let index = compiled.indexByID[id] else { return [] }
        return compiled.ancestors[index].map { categories[$0].id }
    }

    /// Returns the document with `Clause.categories` set on every clause (multi-label, in
    /// catalog order, ancestors included). A clause gets a category when its heading holds one
    /// of the category's heading keywords or its own text (before its first child) matches one
    /// of its body patterns, in either case not overlapped by one of its exclusions.
    public func categorize(_ document: Document) -> Document {
        categorize(document, bodyScan: compiled.bodies.matches(in: document.bytes, skipping: document.nonProseRanges))
    }

    /// The body patterns and exclusions, with the owners `categorize(_:bodyScan:)` expects
    /// (category index; exclusions `categories.count + index`; sentence exclusions
    /// `2 * categories.count + index`), for a scan shared with rules.
    var bodyPatterns: [(text: String, owner: Int)] { Compiled.bodyPatterns(categories) }

    /// `categorize` from matches of `bodyPatterns` found by a shared scan.
    func categorize(_ document: Document, bodyScan: [PhrasePatternSet.Match]) -> Document {
        if categories.isEmpty { return document }
        var byClause: [String: Set<Int>] = [:]

        for match in applyExclusions(bodyScan, in: document.bytes) {
            guard let id = document.deepestClauseID(containing: match.range.lowerBound) else { continue }
            byClause[id, default: []].insert(match.owner)
        }

        return document.mapClauses { clause in
            if clause.isTableOfContents {
                var copy = clause
                copy.categories = []
                return copy
            }
            var found = byClause[clause.id] ?? []
            if let heading = clause.heading, !heading.isEmpty {
                let bytes = Array(heading.utf8)
                let headingMatches = compiled.headings.matches(in: bytes)
                if !headingMatches.isEmpty {
                    // A category's exclusions cancel its heading keywords too ("Life Insurance Company").
                    let exclusions = compiled.headingExclusions.matches(in: bytes)
                    for match in headingMatches where !exclusions.contains(where: { $0.owner - categories.count == match.owner && $0.range.overlaps(match.range) }) {
                        found.insert(match.owner)
                    }
                }
            }
            var copy = clause
            if found.isEmpty {
                copy.categories = []
                return copy
            }
            var withAncestors = Set<Int>()
            for index in found { withAncestors.formUnion(compiled.ancestors[index]) }
            copy.categories = withAncestors.sorted().map { categories[$0].id }
            return copy
        }
    }

    /// Body-pattern matches that give a category (exclusions applied): the evidence behind
    /// `categorize`, for tuning and for explaining why a clause got a category.
    public func evidence(in document: Document) -> [(categoryID: String, range: Range<Int>)] {
        applyExclusions(compiled.bodies.matches(in: document.bytes, skipping: document.nonProseRanges), in: document.bytes).map { (categories[$0.owner].id, $0.range) }
    }

    /// Drops body matches overlapped by an exclusion of the same category, or standing in the
    /// sentence of one of its sentence exclusions (and the exclusions themselves).
    private func applyExclusions(_ all: [PhrasePatternSet.Match], in bytes: [UInt8]) -> [PhrasePatternSet.Match] {
        let count = categories.count
        var excludedByCategory: [Int: [Range<Int>]] = [:]
        for match in all where match.owner >= count {
            if match.owner < 2 * count {
                excludedByCategory[match.owner - count, default: []].append(match.range)
            } else {
                excludedByCategory[match.owner - 2 * count, default: []].append(Self.sentence(around: match.range, in: bytes))
            }
        }
        return all.filter { match in
            guard match.owner < count else { return false }
            guard let excluded = excludedByCategory[match.owner] else { return true }
            return !excluded.contains { $0.overlaps(match.range) }
        }
    }

    /// The sentence holding `range`: from just after the previous sentence end (as a pattern's
    /// `...` sees one, or a blank line) to the next one, at most `reach` bytes each way (run-on
    /// text extracted from PDFs can lack sentence ends for pages).
    static func sentence(around range: Range<Int>, in bytes: [UInt8], reach: Int = 600) -> Range<Int> {
        func endsSentence(_ index: Int) -> Bool {
            guard index + 1 < bytes.count else { return true }
            if PhrasePatternSet.endsSentence(bytes, at: index) { return true }
            let next = bytes[index + 1]
            return bytes[index] == 0x0A && (next == 0x0A || (next == 0x0D && index + 2 < bytes.count && bytes[index + 2] == 0x0A))
        }
        var start = range.lowerBound
        let lowest = max(0, range.lowerBound - reach)
        while start > lowest, !endsSentence(start - 1) { start -= 1 }
        var end = range.upperBound
        let highest = min(bytes.count, range.upperBound + reach)
        while end < highest, !endsSentence(end - 1) { end += 1 }
        return start..<max(end, range.upperBound)
    }

    /// Categories that free text (a customer's complaint, a dispute title) is about, strongest
    /// first. Each dispute term or body pattern found counts 1, each heading keyword 0.5; the
    /// score is `sum / (sum + 1)`, in 0..<1 — a ranking signal, not a probability.
    ///
    /// Matches starting in one of `skipping` (UTF-8 byte ranges of `text`) do not count: the
    /// locator passes the words after a negation, so "no breach at all" is not about breach
    /// (while a term that holds the negation itself, "no breach", still counts).
    public func categories(forText text: String, skipping: [Range<Int>] = []) -> [(id: String, score: Double)] {
        let bytes = Array(text.utf8)
        var totals: [Int: Double] = [:]
        var seen = Set<PhrasePatternSet.Match>()
        func skipped(_ match: PhrasePatternSet.Match) -> Bool { skipping.contains { $0.contains(match.range.lowerBound) } }
        for match in compiled.disputeTerms.matches(in: bytes) where !skipped(match) && seen.insert(match).inserted { totals[match.owner, default: 0] += 1 }
        for match in compiled.bodies.matches(in: bytes) where match.owner < categories.count && !skipped(match) { totals[match.owner, default: 0] += 1 }
        for match in compiled.headings.matches(in: bytes) where !skipped(match) { totals[match.owner, default: 0] += 0.5 }
        return totals
            .map { (id: categories[$0.key].id, score: $0.value / ($0.value + 1)) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    }

    /// Reads `categories.yml`: `categories:` is a list of mappings with `id`, `name`, optional
    /// `parent`, `summary`, `headings`, `patterns`, `exclude`, `exclude_sentence`, `dispute_terms`.
    public static func load(path: String, text: String) throws -> [ClauseCategory] {
        let root = try YAMLValue.parse(text, path: path).mapping("a categories file")
        try root.rejectUnknownKeys(allowed: ["categories"], in: "a categories file")
        var result: [ClauseCategory] = []
        for item in try root.required("categories", in: "a categories file").list("categories") {
            let map = try item.mapping("a category")
            try map.rejectUnknownKeys(allowed: ["id", "name", "parent", "summary", "headings", "patterns", "exclude", "exclude_sentence", "dispute_terms"], in: "a category")
            let idValue = try map.required("id", in: "a category")
            let id = try idValue.string("id")
            guard Rule.isValidID(id) else { throw idValue.error("category id '\(id)' must be lower-case words joined by '-'") }
            var category = ClauseCategory(
                id: id,
                name: try map.required("name", in: "category '\(id)'").string("name"),
                parent: try map["parent"]?.string("parent"),
                summary: try map["summary"]?.string("summary") ?? ""
            )
            for (key, keyPath) in [("headings", \ClauseCategory.headingKeywords), ("patterns", \.bodyPatterns), ("exclude", \.excludePatterns), ("exclude_sentence", \.sentenceExcludePatterns), ("dispute_terms", \.disputeTerms)] {
                guard let value = map[key] else { continue }
                for entry in try value.list(key) {
                    let pattern = try entry.string("each entry of \(key)")
                    do {
                        try PhrasePatternSet.validate(pattern)
                    } catch {
                        throw entry.error("bad pattern in \(key) of category '\(id)': \(error.description)")
                    }
                    category[keyPath: keyPath].append(pattern)
                }
            }
            result.append(category)
        }
        return result
    }

    /// Checks ids are unique and parents exist, pointing at the offending entry.
    static func validate(_ categories: [(ClauseCategory, path: String)]) throws {
        var ids: [String: String] = [:]
        for (category, path) in categories {
            if let other = ids[category.id] { throw Diagnostic(path: path, message: "category '\(category.id)' is defined twice (also in \(other))") }
            ids[category.id] = path
        }
        for (category, path) in categories {
            if let parent = category.parent, ids[parent] == nil {
                throw Diagnostic(path: path, message: "category '\(category.id)' names an unknown parent '\(parent)'")
            }
        }
    }
}

/// Kinds of contract (`customer`, `nda`, …) from `Rules/contract-types.yml`; rules can apply
/// only to some of them (refund and cancellation clauses matter in a customer agreement, not an
/// NDA).
public struct ContractType: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Phrase patterns found in the title or the opening words (`non-disclosure agreement`).
    public var titlePatterns: [String]
}

public struct ContractTypeCatalog: Sendable {
    public var types: [ContractType]
    private let matcher: PhrasePatternSet

    /// How far into the document the title and preamble are looked for (bytes).
    public static let titleWindow = 1_500

    public init(types: [ContractType]) throws(PhrasePatternSet.PatternError) {
        self.types = types
        self.matcher = try PhrasePatternSet(patterns: types.enumerated().flatMap { index, type in type.titlePatterns.map { ($0, index) } })
    }

    public static let empty = try! ContractTypeCatalog(types: [])

    public func type(withID id: String) -> ContractType? { types.first { $0.id == id } }

    /// The contract type named by the title (a `title` clause's text, else the first
    /// `titleWindow` bytes): the earliest phrase found wins, so "Mutual Non-Disclosure
    /// Agreement" is an NDA even if its preamble mentions services.
    public func detect(_ document: Document) -> String? {
        let bytes = document.bytes
        var range = 0..<min(bytes.count, Self.titleWindow)
        if let title = document.clauses.first(where: { $0.kind == .title }) {
            range = title.span.startOffset..<min(title.span.endOffset, title.span.startOffset + Self.titleWindow)
            if let found = detect(bytes, range: range) { return found }
            range = 0..<min(bytes.count, Self.titleWindow)
        }
        return detect(bytes, range: range)
    }

    func detect(_ bytes: [UInt8], range: Range<Int>) -> String? {
        let matches = matcher.matches(in: bytes, range: range)
        guard let first = matches.min(by: { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) }) else { return nil }
        return types[first.owner].id
    }

    static func load(path: String, text: String) throws -> [ContractType] {
        let root = try YAMLValue.parse(text, path: path).mapping("a contract-types file")
        try root.rejectUnknownKeys(allowed: ["contract_types"], in: "a contract-types file")
        var result: [ContractType] = []
        for item in try root.required("contract_types", in: "a contract-types file").list("contract_types") {
            let map = try item.mapping("a contract type")
            try map.rejectUnknownKeys(allowed: ["id", "name", "title_patterns"], in: "a contract type")
            let id = try map.required("id", in: "a contract type").string("id")
            let patterns = try map.required("title_patterns", in: "contract type '\(id)'")
            for entry in try patterns.list("title_patterns") {
                do { _ = try PhrasePatternSet(patterns: [(try entry.string("a title pattern"), 0)]) } catch let error as PhrasePatternSet.PatternError {
                    throw entry.error("bad title pattern: \(error.description)")
                }
            }
            result.append(ContractType(id: id, name: try map.required("name", in: "contract type '\(id)'").string("name"), titlePatterns: try patterns.stringList("title_patterns")))
        }
        return result
    }
}
