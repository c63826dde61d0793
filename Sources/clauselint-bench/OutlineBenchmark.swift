import ArgumentParser
import ClauseModel
import ClauseParsing
import Foundation

/// `clauselint-bench outline [PATH]`: plain-text outline throughput and structure quality on
/// CUAD. Files are read and decoded first (UTF-8, lossy), so the timing is the parser alone,
/// single-threaded. Prints files, MB, seconds, MB/s, clauses, the share of contracts with at
/// least 5 top-level clauses, and the contracts with the fewest top-level clauses.
struct OutlineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outline",
        abstract: "Plain-text parser throughput (MB/s) and the share of contracts with ≥5 top-level clauses."
    )

    @Argument(help: "A folder of .txt contracts (default: ../shared/corpora/cuad-dev/contracts, looked for from the current folder upwards).")
    var path: String?

    @Option(help: "Times to repeat the timing run (the fastest is reported).")
    var repeats: Int = 3

    @Option(help: "How many of the worst contracts to list.")
    var worst: Int = 15

    @Flag(help: "Check the clause-tree invariants on every document too.")
    var checkInvariants = false

    @Option(help: "Print the outline of the contracts whose file name contains this text.")
    var show: String?

    func run() throws {
        let path = try path ?? ((CategoryEvaluation.findCorpus() as NSString).appendingPathComponent("contracts"))
        let folder = URL(fileURLWithPath: path)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.lowercased().hasSuffix(".txt") }
            .sorted()
        guard !names.isEmpty else { throw ValidationError("no .txt files in \(path)") }
        var texts: [(name: String, text: String)] = []
        var byteCount = 0
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            var text = String(decoding: data, as: UTF8.self)
            if text.utf8.contains(0x0D) { text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
            byteCount += text.utf8.count
            texts.append((name, text))
        }
        let parser = PlainTextParser()
        var best = Double.infinity
        var documents: [Document] = []
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            let parsed = texts.map { parser.parse(path: $0.name, text: $0.text) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
            documents = parsed
        }
        // The segmentation alone (no Document, spans or line index), to see where time goes.
        let buffers = texts.map { Array($0.text.utf8) }
        var bestSegment = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            var drafts = 0
            for buffer in buffers { drafts += parser.segment(buffer).count }
            bestSegment = min(bestSegment, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            precondition(drafts > 0)
        }
        let megabytes = Double(byteCount) / 1_000_000
        let clauseCount = documents.reduce(0) { $0 + $1.allClauses.count }
        func topLevelNumbered(_ document: Document) -> Int {
            document.clauses.filter { $0.number != nil && $0.kind != .schedule }.count
        }
        let structured = documents.filter { topLevelNumbered($0) >= 5 }.count
        print("files: \(documents.count)")
        print("MB: \(String(format: "%.2f", megabytes))")
        print("seconds: \(String(format: "%.3f", best)) (fastest of \(max(1, repeats)), one thread)")
        print("MB/s: \(String(format: "%.1f", megabytes / best))")
        print("segmentation only: \(String(format: "%.3f", bestSegment)) s, \(String(format: "%.1f", megabytes / bestSegment)) MB/s")
        print("clauses: \(clauseCount)")
        print("contracts with ≥5 top-level numbered clauses: \(structured)/\(documents.count) (\(String(format: "%.1f", 100 * Double(structured) / Double(documents.count)))%)")
        if checkInvariants {
            var broken = 0
            for document in documents {
                let problems = ClauseTreeInvariants.violations(in: document)
                if !problems.isEmpty {
                    broken += 1
                    print("invariants: \(document.path): \(problems.prefix(3).joined(separator: "; "))")
                }
            }
            print("documents breaking invariants: \(broken)")
        }
        if let show {
            for document in documents where document.path.contains(show) {
                print("== \(document.path)")
                for clause in document.allClauses {
                    let indent = String(repeating: "  ", count: clause.level - 1)
                    print("\(indent)\(clause.id) [\(clause.kind.rawValue)] \(clause.number ?? "-") | \(clause.heading ?? "") @\(clause.span.startLine)-\(clause.span.endLine)")
                }
            }
        }
        print("worst (fewest top-level numbered clauses):")
        let ranked = documents.sorted { (topLevelNumbered($0), $0.path) < (topLevelNumbered($1), $1.path) }
        for document in ranked.prefix(worst) {
            print("  \(topLevelNumbered(document)) top-level, \(document.allClauses.count) clauses: \(document.path)")
        }
    }
}
