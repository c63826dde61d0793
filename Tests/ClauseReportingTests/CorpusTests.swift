import ClauseModel
@testable import ClauseReporting
import Foundation
import Testing

/// The reporters on real contracts (../shared/corpora/cuad-dev: PDF-extracted text with very
/// long lines, odd characters and redaction marks). The clause tree here is one clause per
/// non-blank line and the findings come from a plain search for vague terms: the point is the
/// reporters' behaviour and speed on real text, not the rules.
@Suite struct CorpusTests {
    static let terms = ["reasonable", "promptly", "material", "from time to time", "best efforts", "as soon as practicable"]

    struct Corpus {
        var results: [DocumentResult]
        var bytes: Int
    }

    static func loadCUAD(limit: Int? = nil) -> Corpus? {
        guard let folder = sharedFile("corpora/cuad-dev/contracts") else { return nil }
        guard var names = try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".txt") }).sorted() else { return nil }
        if let limit { names = Array(names.prefix(limit)) }
        var results: [DocumentResult] = []
        var total = 0
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            total += data.count
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            results.append(result(path: "cuad-dev/contracts/" + name, text: text))
        }
        return Corpus(results: results, bytes: total)
    }

    static func result(path: String, text: String) -> DocumentResult {
        let lines = LineIndex(text: text)
        var clauses: [Clause] = []
        for line in 1...lines.lineCount {
            let range = lines.lineRange(line)
            guard !range.isEmpty else { continue }
            clauses.append(Clause(id: "p\(line)", kind: .paragraph, level: 1, span: lines.span(range)))
        }
        let data = Data(lines.bytes)
        var findings: [Finding] = []
        for term in terms {
            let needle = Data(term.utf8)
            var start = data.startIndex
            while let found = data.range(of: needle, in: start..<data.endIndex) {
                start = found.upperBound
                let range = found.lowerBound..<found.upperBound
                let line = lines.line(at: range.lowerBound)
                let clause = clauses.first { $0.id == "p\(line)" }.map(ClauseSummary.init)
                findings.append(Finding(
                    ruleID: "vague-" + term.replacingOccurrences(of: " ", with: "-"), severity: term == "material" ? .info : .warning,
                    message: "\"\(term)\" is vague", path: path, span: lines.span(range), clause: clause,
                    matchedText: lines.text(range), suggestion: "Replace \"\(term)\" with a measurable term."
                ))
            }
        }
        return DocumentResult(path: path, format: .plainText, clauseCount: clauses.count, findings: findings, lines: lines)
    }

    static var rules: [RuleDescriptor] {
        terms.map { term in
            RuleDescriptor(id: "vague-" + term.replacingOccurrences(of: " ", with: "-"), kind: "lexicon", severity: term == "material" ? .info : .warning,
                           summary: "Vague: \"\(term)\"", explanation: "Vague terms invite disputes.", suggestion: "Use a measurable term.")
        }
    }

    static func context() -> RunContext {
        RunContext(rules: rules, toolVersion: "0.1.0", workingDirectory: "/corpora", repositoryRoot: "/corpora")
    }

    @Test func realContractsGiveValidJSONAndSchemaValidSARIF() throws {
        guard let corpus = Self.loadCUAD(limit: 12) else {
            print("skipped: ../shared/corpora/cuad-dev is not available")
            return
        }
        #expect(corpus.results.count == 12)
        let findings = corpus.results.reduce(0) { $0 + $1.findings.count }
        #expect(findings > 50)

        var json = JSONReporter()
        let jsonText = json.render(Self.context(), corpus.results)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(jsonText.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Any])?["findings"] as? Int == findings)

        var lines = JSONLinesReporter()
        let jsonl = lines.render(Self.context(), corpus.results)
        #expect(jsonl.split(separator: "\n").count == findings)

        // Every text excerpt stays within the window, however long the contract's lines are.
        var text = TextReporter()
        let textOutput = text.render(Self.context(), corpus.results)
        for line in textOutput.split(separator: "\n") where line.hasPrefix(" ") && line.contains(" | ") {
            #expect(line.unicodeScalars.count < 120, "excerpt too wide: \(line.prefix(60))…")
        }

        var sarif = SARIFReporter()
        let sarifText = sarif.render(Self.context(), corpus.results)
        guard let validation = try validateSARIF(sarifText) else {
            print("skipped SARIF validation: ../shared/schemas, python3 or jsonschema is not available")
            return
        }
        #expect(validation.status == 0, "\(validation.output.prefix(2000))")
    }

    /// Reporter throughput on the whole CUAD dev corpus (prints MB/s per format). Run in
    /// release for real numbers: `swift test -c release --filter CorpusTests`.
    @Test func throughputOnTheWholeCorpus() throws {
        guard let corpus = Self.loadCUAD() else {
            print("skipped: ../shared/corpora/cuad-dev is not available")
            return
        }
        let findings = corpus.results.reduce(0) { $0 + $1.findings.count }
        let megabytes = Double(corpus.bytes) / 1_000_000
        for format in ReportFormat.allCases {
            let clock = ContinuousClock()
            var reporter = format.makeReporter()
            var outputBytes = 0
            var summary = RunSummary()
            let elapsed = clock.measure {
                outputBytes += reporter.begin(Self.context()).utf8.count
                for result in corpus.results {
                    outputBytes += reporter.document(result).utf8.count
                    summary.add(result)
                }
                outputBytes += reporter.finish(summary).utf8.count
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("reporting \(format.rawValue): \(corpus.results.count) files, \(String(format: "%.1f", megabytes)) MB input, \(findings) findings, output \(outputBytes / 1000) kB in \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", megabytes / seconds)) MB/s of input, \(String(format: "%.0f", Double(findings) / seconds)) findings/s)")
            #expect(outputBytes > 0)
        }
    }
}
