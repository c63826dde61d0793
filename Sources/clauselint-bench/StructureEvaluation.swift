import ArgumentParser
import ClauseModel
import ClauseParsing
import ClauseRules
import Foundation

/// `clauselint-bench structure`: runs the structural checks (defined terms, cross-references,
/// numbering, parties, conflicting terms) over the CUAD contracts and prints the findings per
/// rule and the time they take; `--sample N --check RULE` prints N findings of one rule, chosen
/// at random with a fixed seed, with their context, for reading and estimating false alarms.
struct StructureEvaluation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "structure",
        abstract: "Structural checks on the CUAD corpus: findings per check, timing, and seeded samples for review."
    )

    @Option(help: "A folder of contracts (default: ../shared/corpora/cuad-dev/contracts, looked for from the current folder upwards).")
    var corpus: String?

    @Option(help: "The rules folder (default: the repository's Rules/).")
    var rulesRoot: String?

    @Option(help: "Print this many findings of --check, chosen at random (seeded).")
    var sample: Int?

    @Option(help: "The rule id to sample.")
    var check: String?

    @Option(help: "Seed for --sample.")
    var seed: UInt64 = 42

    @Option(help: "Bytes of context either side of a sampled finding.")
    var context: Int = 160

    @Option(help: "Times to repeat the timing run (the fastest is reported).")
    var repeats: Int = 3

    static let structuralKinds = ["defined-terms", "cross-reference", "numbering", "party-names", "conflicting-terms"]

    func run() throws {
        guard let rulesFolder = RuleSet.defaultRulesDirectory(explicit: rulesRoot) else { throw ValidationError("no Rules/ folder found; pass --rules-root") }
        let ruleSet = try RuleSet.load(directories: [rulesFolder])
        let catalogs = RuleCatalogs(categories: ruleSet.categories, contractTypes: ruleSet.contractTypes)
        var checks: [any RuleCheck] = []
        var structuralRules: [Rule] = []
        for kind in Self.structuralKinds {
            guard let entry = RuleKindRegistry.entry(named: kind) else { continue }
            let rules = ruleSet.rules.filter { $0.kind == kind }
            structuralRules += rules
            checks += try entry.compile(rules, catalogs)
        }
        let folder = try corpus ?? (CategoryEvaluation.findCorpus() as NSString).appendingPathComponent("contracts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") || $0.hasSuffix(".xml") }.sorted()
        var documents: [Document] = []
        var bytes = 0
        for file in files {
            if case .success(let document) = DocumentLoader().load(path: (folder as NSString).appendingPathComponent(file)) {
                documents.append(document)
                bytes += document.bytes.count
            }
        }

        var best = Double.infinity
        var findings: [Finding] = []
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            var run: [Finding] = []
            for document in documents {
                let context = RuleContext(document: document, contractType: nil, catalogs: catalogs)
                for check in checks { run += check.findings(in: context) }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            findings = run
        }

        // Time per check (kind), to find the slow one.
        var perCheck: [(String, Double)] = []
        for (number, check) in checks.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            var produced = 0
            for document in documents {
                let context = RuleContext(document: document, contractType: nil, catalogs: catalogs)
                produced += check.findings(in: context).count
            }
            perCheck.append(("check \(number) (\(type(of: check)), \(produced) findings)", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }

        if let sample {
            guard let check else { throw ValidationError("--sample needs --check RULE") }
            printSample(findings.filter { $0.ruleID == check }, count: sample, documents: documents)
            return
        }
        print("Structural checks on \(documents.count) contracts (\(String(format: "%.1f", Double(bytes) / 1e6)) MB) in \(folder)")
        print("")
        print("| rule | findings | contracts |")
        print("|---|---:|---:|")
        for rule in structuralRules {
            let ofRule = findings.filter { $0.ruleID == rule.id }
            print("| \(rule.id) | \(ofRule.count) | \(Set(ofRule.map(\.path)).count) |")
        }
        print("")
        for (name, seconds) in perCheck { print(String(format: "  %@: %.3f s", name, seconds)) }
        print(String(format: "time for all structural checks (fastest of %d, one core): %.3f s (%.0f MB/s)", max(1, repeats), best, Double(bytes) / 1e6 / best))
    }

    func printSample(_ findings: [Finding], count: Int, documents: [Document]) {
        var generator = SeededGenerator(seed: seed)
        var pool = findings
        pool.shuffle(using: &generator)
        let byPath = Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        print("\(findings.count) findings of \(check ?? ""); \(min(count, pool.count)) sampled with seed \(seed)")
        for (number, finding) in pool.prefix(count).enumerated() {
            print("")
            print("#\(number + 1) \((finding.path as NSString).lastPathComponent):\(finding.span.startLine):\(finding.span.startColumn): \(finding.message)")
            if let document = byPath[finding.path] {
                print("    …\(excerpt(document, finding.span.byteRange))…")
                for related in finding.relatedLocations.prefix(2) {
                    print("  related \(related.span.startLine): \(related.message)")
                    print("    …\(excerpt(document, related.span.byteRange))…")
                }
            }
        }
    }

    /// The text around a range on one line, the range itself in ⟦ ⟧.
    func excerpt(_ document: Document, _ range: Range<Int>) -> String {
        let bytes = document.bytes
        var start = max(0, range.lowerBound - context)
        var end = min(bytes.count, range.upperBound + context)
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = document.lines.text(start..<range.lowerBound) + "⟦" + document.lines.text(range) + "⟧" + document.lines.text(range.upperBound..<end)
        return text.replacingOccurrences(of: "\n", with: " ⏎ ")
    }
}

/// SplitMix64: a small seeded generator so samples are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
