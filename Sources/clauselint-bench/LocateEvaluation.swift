import ArgumentParser
import ClauseDisputes
import ClauseModel
import ClauseRules
import Foundation

/// `clauselint-bench locate-eval`: how well `locate` finds the clauses CUAD's lawyers marked,
/// from dispute descriptions written the way a customer or account manager would word them.
///
/// For each contract and CUAD category with labels, each description of the category is
/// located and its ranked units judged. A ranked unit **hits** when
/// 1. it covers at least 80% of the bytes of one of the category's labelled texts in that
///    contract (the labelled text, or its main part), located in the document by a search with
///    whitespace and ASCII case normalised, and
/// 2. it is no bigger than needed: its length is at most max(3 × label length, label length +
///    1500 bytes).
/// hit@k: one of the top k units hits. Coverage: the share of the document's bytes covered by
/// the top 1 and the top 3 units. Labels that cannot be found in the text are left out (counted).
/// The baseline is plain BM25 over paragraphs split at blank lines and numbered headings, with
/// the same descriptions and tokenizer, no categories, headings or references.
struct LocateEvaluation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate-eval",
        abstract: "hit@1/hit@3 and coverage of `locate` against CUAD labels, beside a BM25 paragraph baseline."
    )

    @Option(help: "The CUAD corpus folder (contracts/ and labels.csv); default: ../shared/corpora/cuad-dev, looked for from the current folder upwards.")
    var corpus: String?

    @Option(help: "The rules folder (default: the repository's Rules/).")
    var rulesRoot: String?

    @Flag(help: "Segment plain text with the blank-line paragraph splitter (ParagraphDocument) instead of the ClauseParsing loader.")
    var paragraphs = false

    @Option(help: "Only this many contracts (0: all).")
    var limit: Int = 0

    @Option(help: "Locator weight of the category signal (default: the locator's).")
    var categoryWeight: Double?

    @Option(help: "Locator weight of the lexical signal (default: the locator's).")
    var lexicalWeight: Double?

    @Option(help: "Locator weight of the category-keyword query expansion (default: the locator's).")
    var expansionWeight: Double?

    @Option(help: "Locator category sharpness: the power the dispute's category strengths are raised to (default: the locator's).")
    var categorySharpness: Double?

    @Option(help: "Locator lexical floor (default: the locator's).")
    var lexicalFloor: Double?

    @Option(help: "Locator share of a referrer's score a referred clause gets (default: the locator's).")
    var pullIn: Double?

    @Option(help: "Print the misses of this CUAD category.")
    var showMisses: String?

    @Option(help: "With --show-misses or --diagnose: print queries without a hit in the top this many (1 or 3; default 3).")
    var missAt: Int = 3

    @Option(help: "Only contracts of this parity of their row in labels.csv (even, odd; default: all). Tune on one half, check on the other; the report always ends with the macro of each half.")
    var docs: String?

    @Flag(help: "Print the categories each dispute description is read as (before the table).")
    var queryCategories = false

    @Flag(help: "Print every miss (top-3 without a hit) of every category, or of --show-misses's: the labelled text, what ranked instead and why, and where the first unit that would have hit ranked, with its score and reasons.")
    var diagnose = false

    /// Dispute descriptions per CUAD category, in a customer's or account manager's words. Kept
    /// generic: none names a party, product or number from a particular contract.
    static let descriptions: [(category: String, texts: [String])] = [
        ("Governing Law", [
            "Which state's laws apply to this contract if we end up in a fight with them?",
            "Their lawyer says the contract is under another country's law, not ours. Who is right?",
            "We want to sue them at home but they say a different jurisdiction's law governs the deal.",
        ]),
        ("Termination For Convenience", [
            "Can we just walk away from this contract early even though they did nothing wrong?",
            "They ended the agreement out of the blue with a notice letter, no breach at all. Can they do that?",
            "We want to cancel the deal for no particular reason. How much notice do we have to give?",
        ]),
        ("Cap On Liability", [
            "They caused us huge losses but claim they only owe a small amount because their liability is capped.",
            "Is there a limit on how much money we can recover from them for damages?",
            "They refuse to pay for our lost profits and say indirect or consequential damages are excluded.",
        ]),
        ("Anti-Assignment", [
            "They handed our contract over to another company without asking us. Are they allowed to?",
            "We want to transfer this agreement to our new subsidiary. Do we need their consent?",
        ]),
        ("Insurance", [
            "After the accident we found out they had no insurance coverage. Weren't they required to carry it?",
            "What insurance policies and coverage amounts must the supplier keep, and do we have to be named as insured?",
        ]),
        ("Audit Rights", [
            "We think their reports and payments are wrong and want to check their books and records.",
            "They showed up wanting to inspect our accounts. Do they have a right to audit us?",
        ]),
        ("Warranty Duration", [
            "The product broke after eight months. Is it still covered by the warranty period?",
            "How long is the warranty on what they delivered? They say it already ran out.",
        ]),
        ("Non-Compete", [
            "Our partner launched a competing product right after we signed. Aren't they barred from competing with us?",
            "They say we can't sell similar products or run a competing business for years. Is there a non-compete?",
        ]),
        ("Exclusivity", [
            "They are also selling through another distributor in our territory even though we were supposed to be the only one.",
            "Are we obliged to buy only from them, or can we use other suppliers too?",
        ]),
        ("Change Of Control", [
            "The company was acquired by our competitor. Can we get out of the contract because of the merger?",
            "After the buyout the new owners say the agreement just carries on. What happens on a change in ownership?",
        ]),
        ("Renewal Term", [
            "The contract renewed automatically for another year and we never agreed to that.",
            "How long does the agreement run after the first term ends, and does it keep renewing?",
        ]),
        ("Notice Period To Terminate Renewal", [
            "We told them we didn't want to renew but they say our notice came too late and it auto-renewed.",
            "How many days before the end of the term do we have to tell them we won't renew?",
        ]),
        ("Revenue/Profit Sharing", [
            "They haven't paid us our share of the revenue from sales. What percentage are we owed?",
            "How are the profits supposed to be split between us? They keep the whole margin.",
        ]),
        ("Minimum Commitment", [
            "They say we failed to buy the minimum quantity this year and want us to pay the shortfall.",
            "Is there a minimum amount we have to order or pay for every year?",
        ]),
        ("Post-Termination Services", [
            "Now that the contract is over, do they still have to support us through the transition?",
            "After termination they stopped everything at once. Weren't they supposed to keep helping us for a while afterwards?",
        ]),
        ("Uncapped Liability", [
            "They say the liability limit doesn't apply to a breach of confidentiality or to their indemnity. Is their liability unlimited then?",
            "Are there cases where the damages cap does not apply, like gross negligence or willful misconduct?",
        ]),
        ("Liquidated Damages", [
            "They are charging us a fixed penalty for being late instead of proving their actual damages.",
            "Is there a set amount we owe if we break the contract early, like a termination fee?",
        ]),
        ("License Grant", [
            "Are we allowed to use their software and trademarks, and what rights did they actually license to us?",
            "They claim our use of their technology goes beyond what the license lets us do.",
        ]),
    ]

    struct Tally {
        var queries = 0
        var hit1 = 0
        var hit3 = 0
        var coverage1 = 0.0
        var coverage3 = 0.0
        mutating func add(hit1: Bool, hit3: Bool, coverage1: Double, coverage3: Double) {
            queries += 1
            if hit1 { self.hit1 += 1 }
            if hit3 { self.hit3 += 1 }
            self.coverage1 += coverage1
            self.coverage3 += coverage3
        }
        var h1: Double { queries == 0 ? 0 : Double(hit1) / Double(queries) }
        var h3: Double { queries == 0 ? 0 : Double(hit3) / Double(queries) }
        var c1: Double { queries == 0 ? 0 : coverage1 / Double(queries) }
        var c3: Double { queries == 0 ? 0 : coverage3 / Double(queries) }
    }

    func run() throws {
        guard let rulesFolder = RuleSet.defaultRulesDirectory(explicit: rulesRoot) else {
            throw ValidationError("no Rules/ folder found; pass --rules-root")
        }
        let ruleSet = try RuleSet.load(directories: [rulesFolder], kinds: RuleKindRegistry.builtIn)
        let corpus = try corpus ?? CategoryEvaluation.findCorpus()
        let labelsPath = (corpus as NSString).appendingPathComponent("labels.csv")
        guard let data = FileManager.default.contents(atPath: labelsPath) else { throw ValidationError("cannot read \(labelsPath)") }
        let rows = CSVTable.parse(Array(data))
        guard let header = rows.first else { throw ValidationError("\(labelsPath) is empty") }
        let columns = try Self.descriptions.map { entry -> Int in
            guard let column = header.firstIndex(of: entry.category) else { throw ValidationError("labels.csv has no column \(entry.category)") }
            return column
        }

        var weights = ClauseLocator.Weights()
        if let categoryWeight { weights.category = categoryWeight }
        if let lexicalWeight { weights.lexical = lexicalWeight }
        if let expansionWeight { weights.expansion = expansionWeight }
        if let lexicalFloor { weights.lexicalFloor = lexicalFloor }
        if let pullIn { weights.pullIn = pullIn }
        if let categorySharpness { weights.categorySharpness = categorySharpness }
        let locator = ClauseLocator(catalog: ruleSet.categories, weights: weights)
        if queryCategories {
            for entry in Self.descriptions {
                for text in entry.texts {
                    let found = ruleSet.categories.categories(forText: text).map { "\($0.id) \(String(format: "%.2f", $0.score))" }
                    print("[\(entry.category)] \(text)\n    → \(found.joined(separator: ", "))")
                }
            }
        }
        let preparation = LocateIndex.Preparation(catalog: ruleSet.categories)
        var ours = [Tally](repeating: Tally(), count: Self.descriptions.count)
        // Per half of the contracts (row parity in labels.csv), to see whether tuning generalises.
        var halves = [[Tally]](repeating: [Tally](repeating: Tally(), count: Self.descriptions.count), count: 2)
        if let docs, docs != "even", docs != "odd" { throw ValidationError("--docs takes even or odd") }
        var baseline = [Tally](repeating: Tally(), count: Self.descriptions.count)
        var unlocated = 0
        var oracle = [Tally](repeating: Tally(), count: Self.descriptions.count)
        var located = 0
        var nearMisses: [String: Int] = [:]
        var contracts = 0
        var bytesTotal = 0
        var indexTime = 0.0
        var categoriseTime = 0.0
        var queryTime = 0.0
        var queryCount = 0
        for (rowIndex, row) in rows.dropFirst().enumerated() where !row.isEmpty && !row[0].isEmpty {
            if limit > 0, contracts >= limit { break }
            let half = rowIndex % 2
            if let docs, (docs == "even") != (half == 0) { continue }
            let path = (corpus as NSString).appendingPathComponent("contracts/\(row[0])")
            guard let loaded = BenchDocuments.load(path: path, paragraphs: paragraphs) else { continue }
            contracts += 1
            bytesTotal += loaded.bytes.count
            let normalised = NormalisedText(loaded.bytes)
            var labelsByCategory: [[Range<Int>]] = []
            for column in columns {
                var ranges: [Range<Int>] = []
                for label in PythonList.parse(column < row.count ? row[column] : "[]") {
                    if let range = normalised.find(label) { ranges.append(range); located += 1 } else { unlocated += 1 }
                }
                labelsByCategory.append(ranges)
            }
            if labelsByCategory.allSatisfy(\.isEmpty) { continue }

            let start = DispatchTime.now().uptimeNanoseconds
            let document = ruleSet.categories.categorize(loaded)
            let categorised = DispatchTime.now().uptimeNanoseconds
            categoriseTime += Double(categorised - start) / 1e9
            let index = LocateIndex(document: document, prepared: preparation)
            indexTime += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let baselineIndex = BaselineIndex(bytes: loaded.bytes)
            let documentBytes = Double(max(1, loaded.bytes.count))

            for (categoryIndex, labels) in labelsByCategory.enumerated() where !labels.isEmpty {
                oracle[categoryIndex].queries += 1
                if index.units.contains(where: { Self.judge([$0.range], labels: labels, documentBytes: documentBytes).hit1 }) { oracle[categoryIndex].hit1 += 1 }
                for text in Self.descriptions[categoryIndex].texts {
                    let queryStart = DispatchTime.now().uptimeNanoseconds
                    let outcome = locator.locate(LocateQuery(text: text), in: index, top: diagnose ? 40 : 3)
                    queryTime += Double(DispatchTime.now().uptimeNanoseconds - queryStart) / 1e9
                    queryCount += 1
                    let ranges = outcome.matches.prefix(3).map(\.unit.range)
                    let judged = Self.judge(ranges, labels: labels, documentBytes: documentBytes)
                    ours[categoryIndex].add(hit1: judged.hit1, hit3: judged.hit3, coverage1: judged.coverage1, coverage3: judged.coverage3)
                    halves[half][categoryIndex].add(hit1: judged.hit1, hit3: judged.hit3, coverage1: judged.coverage1, coverage3: judged.coverage3)
                    let category = Self.descriptions[categoryIndex].category
                    if !judged.hit3 {
                        // Near misses: a top-3 unit over most of a label but too big, or over part of it.
                        var kind = "elsewhere"
                        for range in ranges {
                            for label in labels {
                                let overlap = max(0, min(range.upperBound, label.upperBound) - max(range.lowerBound, label.lowerBound))
                                if Double(overlap) >= 0.8 * Double(label.count) { kind = "too big"; break }
                                if overlap > 0, kind == "elsewhere" { kind = "part of the label" }
                            }
                            if kind == "too big" { break }
                        }
                        nearMisses[kind, default: 0] += 1
                    }
                    if !(missAt == 1 ? judged.hit1 : judged.hit3), showMisses == category || (diagnose && showMisses == nil) {
                        print("MISS [\(category)] \(row[0]) — \(text)")
                        for label in labels.prefix(2) { print("   label (\(label.count)B): \(loaded.lines.text(label).prefix(200).replacingOccurrences(of: "\n", with: " "))") }
                        func show(_ match: LocateMatch) {
                            print("   #\(match.rank) \(match.score) [\(match.unit.part.rawValue) \(match.clause?.id ?? "-") \(match.unit.range.count)B] \(match.reasons.joined(separator: "; "))")
                            print("      \(match.text.prefix(160).replacingOccurrences(of: "\n", with: " "))")
                        }
                        outcome.matches.prefix(3).forEach(show)
                        if diagnose {
                            // The first ranked unit that would hit, or why none could.
                            if let hitting = outcome.matches.dropFirst(missAt == 1 ? 1 : 3).first(where: { Self.judge([$0.unit.range], labels: labels, documentBytes: documentBytes).hit1 }) {
                                print("   would hit:"); show(hitting)
                            } else if let unit = index.units.first(where: { Self.judge([$0.range], labels: labels, documentBytes: documentBytes).hit1 }) {
                                print("   would hit (not in the top 40): [\(unit.part.rawValue) \(unit.clauseID) \(unit.range.count)B] \(index.text(of: unit).prefix(120).replacingOccurrences(of: "\n", with: " "))")
                            } else {
                                let holding = index.units.filter { $0.range.overlaps(labels[0]) }.map { "\($0.part.rawValue) \($0.clauseID) \($0.range.count)B" }
                                let where_ = labels.map { label -> String in
                                    guard let clause = index.document.deepestClause(containing: label.lowerBound) else { return "outside clauses" }
                                    return "\(clause.id) (\(clause.kind), \(clause.span.byteRange.count)B)"
                                }
                                print("   no unit can hit; units over the label: \(holding.prefix(4).joined(separator: ", ")); labels in: \(where_.prefix(3).joined(separator: ", "))")
                            }
                        }
                    }
                    let baseRanges = baselineIndex.rank(text, top: 3)
                    let baseJudged = Self.judge(baseRanges, labels: labels, documentBytes: documentBytes)
                    baseline[categoryIndex].add(hit1: baseJudged.hit1, hit3: baseJudged.hit3, coverage1: baseJudged.coverage1, coverage3: baseJudged.coverage3)
                }
            }
        }

        print("locate against CUAD labels: \(contracts) contracts (\(String(format: "%.1f", Double(bytesTotal) / 1e6)) MB, \(paragraphs ? "ParagraphDocument segmentation" : "ClauseParsing DocumentLoader")); \(located) labels located in the text, \(unlocated) not found and left out")
        print("hit = a ranked unit covering ≥ 80% of a labelled text and no longer than max(3 × label, label + 1500 bytes); cov = share of the document's bytes in the top 1 / top 3")
        print("")
        print("| CUAD category | queries | hit@1 | hit@3 | cov@1 | cov@3 | baseline hit@1 | baseline hit@3 | baseline cov@3 |")
        print("|---|---|---|---|---|---|---|---|---|")
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        func p(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        var macro = (h1: 0.0, h3: 0.0, c1: 0.0, c3: 0.0, b1: 0.0, b3: 0.0, bc3: 0.0)
        var counted = 0
        for (index, entry) in Self.descriptions.enumerated() where ours[index].queries > 0 {
            let o = ours[index]
            let b = baseline[index]
            print("| \(entry.category) | \(o.queries) | \(f(o.h1)) | \(f(o.h3)) | \(p(o.c1)) | \(p(o.c3)) | \(f(b.h1)) | \(f(b.h3)) | \(p(b.c3)) |")
            macro.h1 += o.h1; macro.h3 += o.h3; macro.c1 += o.c1; macro.c3 += o.c3
            macro.b1 += b.h1; macro.b3 += b.h3; macro.bc3 += b.c3
            counted += 1
        }
        let n = Double(max(1, counted))
        print("| oracle (some unit hits) | \(oracle.map { String(format: "%.2f", $0.h1) }.joined(separator: " ")) |")
        print("| **macro** | \(ours.reduce(0) { $0 + $1.queries }) | **\(f(macro.h1 / n))** | **\(f(macro.h3 / n))** | \(p(macro.c1 / n)) | \(p(macro.c3 / n)) | \(f(macro.b1 / n)) | \(f(macro.b3 / n)) | \(p(macro.bc3 / n)) |")
        for (half, name) in ["even", "odd"].enumerated() {
            let tallies = halves[half].filter { $0.queries > 0 }
            guard !tallies.isEmpty else { continue }
            let m = Double(tallies.count)
            print("| macro, \(name) contracts | \(tallies.reduce(0) { $0 + $1.queries }) | \(f(tallies.reduce(0) { $0 + $1.h1 } / m)) | \(f(tallies.reduce(0) { $0 + $1.h3 } / m)) | \(p(tallies.reduce(0) { $0 + $1.c1 } / m)) | \(p(tallies.reduce(0) { $0 + $1.c3 } / m)) | | | |")
        }
        print("")
        if diagnose { print("top-3 misses by where the top 3 lie: \(nearMisses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))") }
        print("time: indexing \(String(format: "%.3f", indexTime)) s (categorise \(String(format: "%.3f", categoriseTime)) s + units, terms, postings, categories; one core), \(queryCount) queries \(String(format: "%.3f", queryTime)) s (\(String(format: "%.2f", queryTime / Double(max(1, queryCount)) * 1000)) ms each)")
    }

    static func judge(_ ranges: [Range<Int>], labels: [Range<Int>], documentBytes: Double) -> (hit1: Bool, hit3: Bool, coverage1: Double, coverage3: Double) {
        func hits(_ range: Range<Int>) -> Bool {
            labels.contains { label in
                let overlap = max(0, min(range.upperBound, label.upperBound) - max(range.lowerBound, label.lowerBound))
                let small = range.count <= max(3 * label.count, label.count + 1500)
                return Double(overlap) >= 0.8 * Double(label.count) && small
            }
        }
        let hit1 = ranges.first.map(hits) ?? false
        let hit3 = ranges.prefix(3).contains(where: hits)
        let coverage1 = Double(ranges.first?.count ?? 0) / documentBytes
        let coverage3 = Double(ranges.prefix(3).reduce(0) { $0 + $1.count }) / documentBytes
        return (hit1, hit3, coverage1, coverage3)
    }
}

/// The document's bytes with whitespace runs collapsed and ASCII lower-cased, mapped back to
/// offsets, so labels (whose line breaks differ from the text's) can be found.
struct NormalisedText {
    var bytes: [UInt8] = []
    var offsets: [Int] = []

    init(_ source: [UInt8]) {
        bytes.reserveCapacity(source.count)
        offsets.reserveCapacity(source.count)
        var lastSpace = true
        for (offset, byte) in source.enumerated() {
            if byte <= 0x20 {
                if !lastSpace { bytes.append(0x20); offsets.append(offset); lastSpace = true }
                continue
            }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            offsets.append(offset)
            lastSpace = false
        }
    }

    static func normalise(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        var lastSpace = true
        for byte in text.utf8 {
            if byte <= 0x20 {
                if !lastSpace { result.append(0x20); lastSpace = true }
                continue
            }
            result.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            lastSpace = false
        }
        while result.last == 0x20 { result.removeLast() }
        return result
    }

    /// The byte range of the text in the original document, or nil.
    func find(_ text: String) -> Range<Int>? {
        let needle = Self.normalise(text)
        guard needle.count >= 8, needle.count <= bytes.count else { return nil }
        let first = needle[0]
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] { matched = false; break }
                if matched { return offsets[index]..<(offsets[index + needle.count - 1] + 1) }
            }
            index += 1
        }
        return nil
    }
}

/// CUAD's label cells: Python-list-like strings (`['one', "two"]`, `[]`).
enum PythonList {
    static func parse(_ cell: String) -> [String] {
        var result: [String] = []
        var characters = Array(cell.unicodeScalars)
        if characters.first == "[" { characters.removeFirst() }
        var index = 0
        while index < characters.count {
            let quote = characters[index]
            guard quote == "'" || quote == "\"" else { index += 1; continue }
            var value = String.UnicodeScalarView()
            index += 1
            while index < characters.count, characters[index] != quote {
                if characters[index] == "\\", index + 1 < characters.count {
                    let next = characters[index + 1]
                    switch next {
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    default: value.append(next)
                    }
                    index += 2
                    continue
                }
                value.append(characters[index])
                index += 1
            }
            result.append(String(value))
            index += 1
        }
        return result
    }
}

/// The baseline: paragraphs split at blank lines and at numbered headings (`12.`, `4.2`,
/// `Section 7`, `ARTICLE`), ranked by plain BM25 with the same tokenizer.
struct BaselineIndex {
    var paragraphs: [Range<Int>] = []
    var terms: [[TextAnalysis.Term: Float]] = []
    var lengths: [Float] = []
    var documentFrequency: [TextAnalysis.Term: Float] = [:]

    init(bytes: [UInt8]) {
        var starts: [Int] = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let atLineStart = index == 0 || bytes[index - 1] == 0x0A
            let afterSentence = index >= 2 && bytes[index - 1] == 0x20 && (bytes[index - 2] == UInt8(ascii: ".") || bytes[index - 2] == UInt8(ascii: ":"))
            if byte == 0x0A, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                starts.append(index + 1)
            } else if atLineStart || afterSentence {
                if Self.numberedHeading(bytes, at: index) { starts.append(index) }
            }
            index += 1
        }
        starts.append(bytes.count)
        for (lower, upper) in zip(starts, starts.dropFirst()) where upper > lower {
            let range = lower..<upper
            if !bytes[range].contains(where: { $0 > 0x20 }) { continue }
            var counts: [TextAnalysis.Term: Float] = [:]
            var length: Float = 0
            TextAnalysis.forEachTerm(in: bytes, range: range) { term, _ in counts[term, default: 0] += 1; length += 1 }
            paragraphs.append(range)
            terms.append(counts)
            lengths.append(max(1, length))
            for term in counts.keys { documentFrequency[term, default: 0] += 1 }
        }
    }

    static func numberedHeading(_ bytes: [UInt8], at index: Int) -> Bool {
        var cursor = index
        let digitsStart = cursor
        while cursor < bytes.count, (bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39) || bytes[cursor] == UInt8(ascii: ".") { cursor += 1 }
        if cursor > digitsStart, bytes[digitsStart] != UInt8(ascii: "."), cursor < bytes.count, bytes[cursor] == 0x20, cursor + 1 < bytes.count, bytes[cursor + 1] >= 0x41, bytes[cursor + 1] <= 0x5A { return true }
        for word in ["Section ", "SECTION ", "ARTICLE ", "Article "] {
            let wordBytes = Array(word.utf8)
            if index + wordBytes.count < bytes.count, Array(bytes[index..<(index + wordBytes.count)]) == wordBytes { return true }
        }
        return false
    }

    func rank(_ text: String, top: Int) -> [Range<Int>] {
        let average = lengths.reduce(0, +) / Float(max(1, lengths.count))
        let total = Float(paragraphs.count)
        let query = Set(TextAnalysis.terms(of: text))
        var scored: [(Int, Float)] = []
        for (index, counts) in terms.enumerated() {
            var score: Float = 0
            for term in query {
                guard let tf = counts[term], let df = documentFrequency[term] else { continue }
                let idf = Float(Foundation.log(Double(1 + (total - df + 0.5) / (df + 0.5))))
                score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[index] / average))
            }
            if score > 0 { scored.append((index, score)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return scored.prefix(top).map { paragraphs[$0.0] }
    }
}
