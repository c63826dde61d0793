import ArgumentParser
import ClauseModel
import ClauseParsing
import ClauseRules
import Foundation

/// `clauselint-bench categories`: how well clause categories find the clauses CUAD's lawyers
/// marked. A contract "has" a CUAD category when its label list is non-empty; clauselint "has"
/// it when any clause of the contract gets the mapped category. Prints precision, recall and F1
/// per category and the macro F1, then the time to categorise and lint the whole corpus.
struct CategoryEvaluation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categories",
        abstract: "Precision/recall of clause categories against CUAD labels, and lint timing."
    )

    @Option(help: "The CUAD corpus folder (contracts/ and labels.csv); default: ../shared/corpora/cuad-dev, looked for from the current folder upwards.")
    var corpus: String?

    @Option(help: "The rules folder (default: the repository's Rules/).")
    var rulesRoot: String?

    @Option(help: "Print the contracts a category gets wrong (a CUAD name or clauselint id).")
    var showErrors: String?

    @Option(help: "Times to repeat the timing run (the fastest is reported).")
    var repeats: Int = 3

    @Flag(help: "Also time each compiled check (rule kind) on its own.")
    var perCheck = false

    @Flag(help: "Split contracts into blank-line paragraphs instead of using the plain-text parser.")
    var paragraphs = false

    @Option(help: "Write every finding (path:line:column rule matched-text) to this file, to compare runs.")
    var dumpFindings: String?

    /// CUAD category → clauselint category id.
    static let mapping: [(cuad: String, id: String)] = [
        ("Governing Law", "governing-law"),
        ("Cap On Liability", "cap-on-liability"),
        ("Termination For Convenience", "termination-for-convenience"),
        ("Anti-Assignment", "assignment"),
        ("Insurance", "insurance"),
        ("Audit Rights", "audit-rights"),
        ("Warranty Duration", "warranty-duration"),
        ("Non-Compete", "non-compete"),
        ("Exclusivity", "exclusivity"),
        ("Change Of Control", "change-of-control"),
    ]

    /// CPU time of the calling thread: unlike wall time it does not grow when other processes
    /// share the machine's two cores.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func findCorpus() throws -> String {
        var directory = FileManager.default.currentDirectoryPath
        while true {
            let candidate = (directory as NSString).appendingPathComponent("../shared/corpora/cuad-dev")
            if FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent("labels.csv")) {
                return (candidate as NSString).standardizingPath
            }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { throw ValidationError("no ../shared/corpora/cuad-dev found; pass --corpus") }
            directory = parent
        }
    }

    func run() throws {
        guard let rulesFolder = RuleSet.defaultRulesDirectory(explicit: rulesRoot) else {
            throw ValidationError("no Rules/ folder found; pass --rules-root")
        }
        let ruleSet = try RuleSet.load(directories: [rulesFolder])
        let corpus = try corpus ?? Self.findCorpus()
        let labelsPath = (corpus as NSString).appendingPathComponent("labels.csv")
        guard let data = FileManager.default.contents(atPath: labelsPath) else {
            throw ValidationError("cannot read \(labelsPath)")
        }
        let rows = CSVTable.parse(Array(data))
        guard let header = rows.first else { throw ValidationError("\(labelsPath) is empty") }
        let columns = try Self.mapping.map { entry -> Int in
            guard let column = header.firstIndex(of: entry.cuad) else { throw ValidationError("labels.csv has no column \(entry.cuad)") }
            return column
        }

        // Load every contract once (loading is timed separately: it is the parser's cost).
        let loadStart = DispatchTime.now().uptimeNanoseconds
        var documents: [(name: String, document: Document, labels: [Bool])] = []
        var bytes = 0
        for row in rows.dropFirst() where !row.isEmpty && !row[0].isEmpty {
            let path = (corpus as NSString).appendingPathComponent("contracts/\(row[0])")
            guard let document = BenchDocuments.load(path: path, paragraphs: paragraphs) else {
                print("warning: cannot load \(path)")
                continue
            }
            bytes += document.bytes.count
            let labels = columns.map { column in
                column < row.count && !CSVTable.isEmptyList(row[column])
            }
            documents.append((row[0], document, labels))
        }

        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
        var table: [(cuad: String, id: String, tp: Int, fp: Int, fn: Int)] = Self.mapping.map { ($0.cuad, $0.id, 0, 0, 0) }
        var errors: [String] = []
        for (name, document, labels) in documents {
            let categorised = ruleSet.categories.categorize(document)
            var found = Set<String>()
            for clause in categorised.allClauses { found.formUnion(clause.categories) }
            for index in table.indices {
                let predicted = found.contains(table[index].id)
                let actual = labels[index]
                switch (predicted, actual) {
                case (true, true): table[index].tp += 1
                case (true, false): table[index].fp += 1
                case (false, true): table[index].fn += 1
                default: break
                }
                if let showErrors, showErrors == table[index].cuad || showErrors == table[index].id, predicted != actual {
                    var line = "\(predicted ? "FP" : "FN") \(name)"
                    if predicted {
                        let ranges = ruleSet.categories.evidence(in: document).filter { $0.categoryID == table[index].id }.prefix(2)
                        for range in ranges.map(\.range) {
                            let context = max(0, range.lowerBound - 60)..<min(document.bytes.count, range.upperBound + 60)
                            line += "\n    … " + document.lines.text(context).replacingOccurrences(of: "\n", with: " ") + " …"
                        }
                    }
                    errors.append(line)
                }
            }
        }

        print("Categories against CUAD labels (\(documents.count) contracts, \(String(format: "%.1f", Double(bytes) / 1_000_000)) MB, \(paragraphs ? "blank-line paragraphs" : "DocumentLoader (plain-text parser)"))")
        print("")
        print("| CUAD category | clauselint id | contracts | TP | FP | FN | precision | recall | F1 |")
        print("|---|---|---|---|---|---|---|---|---|")
        var f1Sum = 0.0
        for row in table {
            let precision = row.tp + row.fp == 0 ? 0 : Double(row.tp) / Double(row.tp + row.fp)
            let recall = row.tp + row.fn == 0 ? 0 : Double(row.tp) / Double(row.tp + row.fn)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            f1Sum += f1
            print("| \(row.cuad) | \(row.id) | \(row.tp + row.fn) | \(row.tp) | \(row.fp) | \(row.fn) | \(String(format: "%.3f", precision)) | \(String(format: "%.3f", recall)) | \(String(format: "%.3f", f1)) |")
        }
        print("")
        print("macro F1: \(String(format: "%.3f", f1Sum / Double(table.count)))")
        for line in errors { print(line) }

        // Timing: categorise + every default rule, one core, documents already in memory.
        let linter = Linter(ruleSet: ruleSet, configuration: .default)
        var best = (categorise: Double.infinity, lint: Double.infinity)
        var findingCount = 0
        for _ in 0..<max(1, repeats) {
            let start = Self.threadCPUSeconds()
            for entry in documents { _ = ruleSet.categories.categorize(entry.document) }
            let middle = Self.threadCPUSeconds()
            findingCount = 0
            for entry in documents { findingCount += linter.lint(entry.document).findings.count }
            let end = Self.threadCPUSeconds()
            best.categorise = min(best.categorise, middle - start)
            best.lint = min(best.lint, end - middle)
        }
        let megabytes = Double(bytes) / 1_000_000
        if let dumpFindings {
            var lines: [String] = []
            for entry in documents {
                for finding in linter.lint(entry.document).findings {
                    lines.append("\((entry.name as NSString).lastPathComponent):\(finding.span.startLine):\(finding.span.startColumn) \(finding.ruleID) \(finding.matchedText.replacingOccurrences(of: "\n", with: " "))")
                }
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: dumpFindings, atomically: true, encoding: .utf8)
        }
        if perCheck {
            let catalogs = RuleCatalogs(categories: ruleSet.categories, contractTypes: ruleSet.contractTypes)
            let contexts = documents.map { entry -> RuleContext in
                let categorised = ruleSet.categories.categorize(entry.document)
                return RuleContext(document: categorised, contractType: ruleSet.contractTypes.detect(categorised), catalogs: catalogs)
            }
            print("")
            for check in ruleSet.checks {
                let start = DispatchTime.now().uptimeNanoseconds
                var count = 0
                for context in contexts { count += check.findings(in: context).count }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                print("check \(type(of: check)): \(String(format: "%.3f", seconds)) s, \(count) findings")
            }
            var start = DispatchTime.now().uptimeNanoseconds
            for entry in documents { _ = InlineSuppressions(document: entry.document) }
            print("inline suppressions: \(String(format: "%.3f", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) s")
            start = DispatchTime.now().uptimeNanoseconds
            for entry in documents { _ = ruleSet.contractTypes.detect(entry.document) }
            print("contract types: \(String(format: "%.3f", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) s")
        }
        print("")
        print("loading and parsing (not part of the rules stage): \(String(format: "%.3f", loadSeconds)) s")
        print("timing (CPU time of one thread, best of \(max(1, repeats))): categorise \(String(format: "%.3f", best.categorise)) s (\(String(format: "%.0f", megabytes / best.categorise)) MB/s); categorise + all \(ruleSet.rules.count) rules \(String(format: "%.3f", best.lint)) s (\(String(format: "%.0f", megabytes / best.lint)) MB/s), \(findingCount) findings")
    }
}

/// How the benchmark turns a contract file into a Document: the product's own loader (the
/// plain-text parser for CUAD's .txt files), or blank-line paragraphs with `--paragraphs`.
enum BenchDocuments {
    static func load(path: String, paragraphs: Bool) -> Document? {
        if paragraphs {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            return ParagraphDocument.make(text: text, path: path)
        }
        switch DocumentLoader().load(path: path) {
        case .success(let document): return document
        case .failure(let diagnostic):
            print("warning: \(diagnostic)")
            return nil
        }
    }
}

/// RFC 4180 CSV (quoted fields with doubled quotes and line breaks), as CUAD's labels.csv is.
/// Hand-written: twenty lines, and the benchmark needs no other dependency.
enum CSVTable {
    static func parse(_ bytes: [UInt8]) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 { field.append(0x22); index += 1 } else { quoted = false }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x22 {
                quoted = true
            } else if byte == 0x2C {
                row.append(String(decoding: field, as: UTF8.self)); field = []
            } else if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                row.append(String(decoding: field, as: UTF8.self)); field = []
                rows.append(row); row = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(String(decoding: field, as: UTF8.self)); rows.append(row) }
        return rows
    }

    /// CUAD writes an empty label list as `[]`.
    static func isEmptyList(_ field: String) -> Bool {
        field.filter { !$0.isWhitespace } == "[]" || field.allSatisfy(\.isWhitespace)
    }
}
