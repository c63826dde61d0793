import ClauseModel

/// One pass over a document for everything phrase-based: the categories' body patterns and
/// the `scanPatterns` of every rule check (lexicon terms, pattern prefilters, clause-content
/// patterns) share one automaton, so linting reads the bytes once instead of once per kind.
struct SharedScan: Sendable {
    let matcher: PhrasePatternSet
    /// Owners below this are the categories' body patterns and exclusions.
    let categoryOwners: Int
    /// For each combined owner past the categories: the check it belongs to and its own owner.
    let ownerCheck: [Int32]
    let ownerLocal: [Int32]
    let checkCount: Int
    /// By combined owner: found inside non-prose ranges too (`RuleCheck.scanIncludesNonProse`);
    /// nil when no check asks for that.
    let keepsNonProse: [Bool]?

    init(categories: CategoryCatalog, checks: [any RuleCheck]) throws {
        var patterns = categories.bodyPatterns
        let categoryOwners = (patterns.map(\.owner).max() ?? -1) + 1
        var ownerCheck: [Int32] = []
        var ownerLocal: [Int32] = []
        var nextOwner = categoryOwners
        var keeps = [Bool](repeating: false, count: categoryOwners)
        for (checkIndex, check) in checks.enumerated() {
            let own = check.scanPatterns
            guard let maxOwner = own.map(\.owner).max() else { continue }
            for local in 0...maxOwner {
                ownerCheck.append(Int32(checkIndex))
                ownerLocal.append(Int32(local))
                keeps.append(check.scanIncludesNonProse)
            }
            patterns += own.map { ($0.text, nextOwner + $0.owner) }
            nextOwner += maxOwner + 1
        }
        self.matcher = try PhrasePatternSet(patterns: patterns)
        matcher.prepare()
        self.categoryOwners = categoryOwners
        self.ownerCheck = ownerCheck
        self.ownerLocal = ownerLocal
        self.checkCount = checks.count
        self.keepsNonProse = keeps.contains(true) ? keeps : nil
    }

    /// Category matches, and each check's matches with its own owners; all sorted by start.
    func run(_ document: Document) -> (categories: [PhrasePatternSet.Match], checks: [[PhrasePatternSet.Match]]) {
        var categoryMatches: [PhrasePatternSet.Match] = []
        var perCheck = [[PhrasePatternSet.Match]](repeating: [], count: checkCount)
        for var match in matcher.matches(in: document.bytes, skipping: document.nonProseRanges, keepingInside: keepsNonProse) {
            if match.owner < categoryOwners {
                categoryMatches.append(match)
            } else {
                let index = match.owner - categoryOwners
                match.owner = Int(ownerLocal[index])
                perCheck[Int(ownerCheck[index])].append(match)
            }
        }
        return (categoryMatches, perCheck)
    }
}
