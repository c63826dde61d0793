import ClauseModel
@testable import ClauseReporting
import Foundation
import Testing

@Suite struct SourceExcerptTests {
    /// Display width of a rendered line (what a terminal would show), using the same cell rules.
    func cells(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { $0 + SourceExcerpt.displayCell($1).width }
    }

    func excerpt(_ line: String, _ needle: String, maxWidth: Int = 100) -> (source: String, underline: String) {
        let lines = LineIndex(text: "heading\n" + line + "\n")
        let range = SyntheticRun.byteRange(of: needle, in: lines.bytes)!
        let rendered = SourceExcerpt.render(lines: lines, span: lines.span(range), maxWidth: maxWidth, style: TextStyle(enabled: false))
        return (String(rendered[0].dropFirst(5)), String(rendered[1].dropFirst(5)))
    }

    func caret(_ width: Int) -> String { "^" + String(repeating: "~", count: width - 1) }

    /// The caret sits under the first cell of the match and the underline is as wide as it.
    func expectAligned(_ source: String, _ underline: String, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let caret = underline.firstIndex(of: "^")!
        let width = underline[caret...].count
        let expanded = needle.replacingOccurrences(of: "\t", with: "    ")
        let start = source.range(of: expanded)!.lowerBound
        #expect(cells(source[..<start]) == underline.distance(from: underline.startIndex, to: caret), sourceLocation: sourceLocation)
        #expect(width == cells(Substring(expanded)), sourceLocation: sourceLocation)
    }

    @Test func underlineCountsWideAndMultibyteCharacters() {
        let line = "Fees in euro (€) — “Fees” — paid by 東京支店 at a reasonable rate."
        let (source, underline) = excerpt(line, "reasonable")
        #expect(source == line)
        #expect(underline == String(repeating: " ", count: 50) + caret(10))
        expectAligned(source, underline, "reasonable")
    }

    @Test func underlineCoversAWideMatch() {
        let (source, underline) = excerpt("甲方应在合理期限内付款。", "合理期限")
        #expect(underline == String(repeating: " ", count: 8) + caret(8))
        expectAligned(source, underline, "合理期限")
    }

    @Test func tabsBecomeFourSpacesInBothLines() {
        let (source, underline) = excerpt("\t\t(b)\tpayable promptly", "promptly")
        #expect(source == "        (b)    payable promptly")
        #expect(underline == String(repeating: " ", count: 23) + caret(8))
    }

    @Test func combiningMarksTakeNoCell() {
        // "Cafe\u{301}" is written with a combining acute accent: five code points, four cells.
        let (source, underline) = excerpt("Cafe\u{301} shall pay promptly", "promptly")
        #expect(underline == String(repeating: " ", count: 15) + caret(8))
        expectAligned(source, underline, "promptly")
    }

    @Test func longLinesAreWindowedAroundTheMatch() {
        let line = String(repeating: "The Supplier shall deliver the Goods. ", count: 20) + "Payment is due within a reasonable time " + String(repeating: "after delivery of the invoice. ", count: 20)
        let (source, underline) = excerpt(line, "reasonable", maxWidth: 80)
        #expect(source.hasPrefix("…") && source.hasSuffix("…"))
        #expect(cells(Substring(source)) <= 80)
        #expect(source.contains("reasonable"))
        expectAligned(source, underline, "reasonable")
    }

    @Test func matchAtTheEndOfAVeryLongLine() {
        let line = String(repeating: "Licensee shall pay all royalties “as invoiced” — ", count: 60) + "promptly"
        let (source, underline) = excerpt(line, "promptly", maxWidth: 60)
        #expect(source.hasPrefix("…") && source.hasSuffix("promptly"))
        #expect(cells(Substring(source)) <= 60)
        expectAligned(source, underline, "promptly")
        // An empty span after the last character still gets a caret.
        let lines = LineIndex(text: line)
        let end = lines.bytes.count
        let rendered = SourceExcerpt.render(lines: lines, span: lines.span(end..<end), maxWidth: 60, style: TextStyle(enabled: false))
        #expect(rendered[1].hasSuffix("^"))
        #expect(cells(Substring(rendered[1])) == cells(Substring(rendered[0])) + 1)
    }

    @Test func emptySpanGetsOneCaret() {
        let lines = LineIndex(text: "abc\ndef\n")
        let rendered = SourceExcerpt.render(lines: lines, span: lines.span(5..<5), style: TextStyle(enabled: false))
        #expect(rendered[1] == "   |  ^")
    }
}

@Suite struct ColourTests {
    @Test func noColorDisablesColourOnATerminal() {
        #expect(ColorPolicy.shouldColor(environment: [:], isTerminal: true))
        #expect(!ColorPolicy.shouldColor(environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(!ColorPolicy.shouldColor(environment: [:], isTerminal: false))
        #expect(!ColorPolicy.shouldColor(environment: ["TERM": "dumb"], isTerminal: true))
        // no-color.org: an empty NO_COLOR does not count.
        #expect(ColorPolicy.shouldColor(environment: ["NO_COLOR": ""], isTerminal: true))
    }

    @Test func textHasEscapeCodesOnlyWhenTheContextSaysSo() {
        let run = SyntheticRun()
        let plain = run.render(.text, useColor: false)
        let coloured = run.render(.text, useColor: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        // Stripping the escapes gives the plain output back.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == plain)
        // Other formats never colour.
        for format in ReportFormat.allCases where format != .text {
            #expect(!run.render(format, useColor: true).contains("\u{1B}"))
        }
    }
}

@Suite struct TextReporterTests {
    let run = SyntheticRun()

    @Test func findingLinesHaveTheDocumentedShape() {
        let output = run.render(.text)
        #expect(output.contains("contracts/services-agreement.md:13:44: error: Number in words and digits disagree: \"thirty\" is 30, the digits say 45 [number-words-digits]\n  in 2.1 [payment]\n"))
        #expect(output.contains("  in 12.3 \"Refunds\" [refund]\n"))
        #expect(output.contains("contracts/nda.xml:7:3: error: malformed XML"))
        #expect(output.hasSuffix("3 errors, 5 warnings, 1 info in 2 files (1 suppressed, 1 file not linted, 1 input error, 1 input warning)\n"))
    }

    @Test func suppressedFindingsAreCountedButNotShown() {
        let output = run.render(.text)
        #expect(!output.contains("[vague-material]"))
        #expect(output.contains("1 suppressed"))
        // The machine formats keep them, marked.
        #expect(run.render(.json).contains("\"justification\": \"agreed with Contoso's counsel\""))
    }

    @Test func summaryLineAndTopFiles() {
        var summary = RunSummary(topFileLimit: 2)
        let span = LineIndex(text: "x").span(0..<1)
        func result(_ path: String, _ count: Int) -> DocumentResult {
            DocumentResult(path: path, format: .plainText, clauseCount: 3, findings: (0..<count).map { _ in Finding(ruleID: "r", severity: .error, message: "m", path: path, span: span) })
        }
        summary.add(result("a.txt", 1))
        summary.add(result("b.txt", 3))
        summary.add(result("c.txt", 0))
        summary.add(result("d.txt", 3))
        #expect(summary.topFiles == [.init(path: "b.txt", findings: 3), .init(path: "d.txt", findings: 3)])
        #expect(summary.line == "7 errors, 0 warnings, 0 info in 4 files")
        #expect(summary.clauses == 12)
        #expect(summary.statisticsTable(rules: []).contains("    7  -         r"))
    }
}

@Suite struct JSONFormatTests {
    let run = SyntheticRun()

    func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    @Test func jsonIsOneValueWithTheDocumentedTopLevel() throws {
        let object = try #require(try parse(run.render(.json)) as? [String: Any])
        #expect(Set(object.keys) == ["version", "tool", "documents", "disputes", "summary"])
        #expect(object["version"] as? Int == 1)
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect(documents.map { $0["path"] as? String } == [SyntheticRun.servicesPath, SyntheticRun.orderFormPath, SyntheticRun.ndaPath])
        #expect(documents[2]["format"] is NSNull)
        #expect((documents[2]["errors"] as? [[String: Any]])?.first?["line"] as? Int == 7)
        let findings = try #require(documents[0]["findings"] as? [[String: Any]])
        #expect(findings.count == 9)
        let keys: Set<String> = ["ruleId", "severity", "message", "path", "span", "clause", "documentLevel", "matchedText", "suggestion", "relatedLocations", "disputeIds", "fingerprint", "suppressed", "suppression"]
        for finding in findings { #expect(Set(finding.keys) == keys) }
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["bySeverity"] as? [String: Int]) == ["error": 3, "warning": 5, "info": 1])
    }

    @Test func emptyRunIsValidJSON() throws {
        var reporter = JSONReporter()
        let text = reporter.render(RunContext(toolVersion: "0.1.0", workingDirectory: "/"), [])
        let object = try #require(try parse(text) as? [String: Any])
        #expect((object["documents"] as? [Any])?.isEmpty == true)
    }

    @Test func stringsAreEscaped() throws {
        let value = JSONValue.object([("b", .string("quote \" backslash \\ newline \n tab \t bell \u{07} “curly” §")), ("a", .double(0.5))])
        let text = value.serialized(pretty: false)
        #expect(text == "{\"a\":0.5,\"b\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 “curly” §\"}")
        let parsed = try #require(try parse(text) as? [String: Any])
        #expect(parsed["b"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{07} “curly” §")
    }

    @Test func jsonlHasOneLinePerFindingAndInputProblem() throws {
        var reporter = JSONLinesReporter()
        _ = reporter.begin(run.context())
        for result in run.results {
            let part = reporter.document(result)
            let lines = part.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.last == "", "each part ends with a newline")
            let objects = try lines.dropLast().map { try #require(try parse(String($0)) as? [String: Any]) }
            #expect(objects.count == result.findings.count + result.diagnostics.count)
            #expect(objects.filter { $0["type"] as? String == "finding" }.count == result.findings.count)
            #expect(objects.filter { $0["type"] as? String == "diagnostic" }.count == result.diagnostics.count)
            for line in lines.dropLast() { #expect(line.hasPrefix("{\"type\":\"")) }
            for object in objects { #expect(object["path"] as? String == result.path) }
        }
        var summary = RunSummary()
        summary.disputes = run.disputes
        let tail = reporter.finish(summary)
        let disputeLines = tail.split(separator: "\n")
        #expect(disputeLines.count == 2)
        for line in disputeLines { #expect(line.hasPrefix("{\"type\":\"dispute\",")) }
    }
}

@Suite struct SARIFTests {
    let run = SyntheticRun()

    func validate(_ sarif: String) throws -> (status: Int32, output: String)? {
        try validateSARIF(sarif)
    }

    @Test func validatesAgainstTheOfficialSchema() throws {
        guard let result = try validate(run.render(.sarif)) else {
            print("skipped: python3 with jsonschema, or ../shared/schemas, is not available")
            return
        }
        #expect(result.status == 0, "SARIF schema violations:\n\(result.output)")
    }

    @Test func theValidatorRejectsInvalidSARIF() throws {
        // A wrong SARIF version breaks the schema: the check must be able to fail.
        let broken = run.render(.sarif).replacingOccurrences(of: "\"version\": \"2.1.0\"", with: "\"version\": \"2.0.0\"")
        guard let result = try validate(broken) else { return }
        #expect(result.status == 1)
        #expect(result.output.contains("version"))
    }

    @Test func hasWhatGitHubCodeScanningNeeds() throws {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.render(.sarif).utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        let sarifRun = runs[0]
        #expect(sarifRun["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        for rule in rules {
            for key in ["id", "name", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration", "properties"] {
                #expect(rule[key] != nil, "rule lacks \(key)")
            }
            let help = try #require(rule["help"] as? [String: String])
            #expect(help["text"]?.isEmpty == false && help["markdown"]?.isEmpty == false)
        }
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        #expect(results.count == 10)
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == ruleID)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: Any])
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            #expect((artifact["uri"] as? String)?.hasPrefix("contracts/") == true)
            let region = try #require(location["region"] as? [String: Any])
            for key in ["startLine", "startColumn", "endLine", "endColumn"] { #expect(region[key] is Int) }
            #expect((result["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"] != nil)
        }
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        #expect(suppressed.first?["ruleId"] as? String == "vague-material")
        let disputed = results.filter { ($0["workItemUris"] as? [String]) == ["https://helpdesk.example.com/tickets/2041"] }
        #expect(disputed.count == 2)
        // Columns are code points: "reasonable" on the line with € “ ” and 東京支店 starts at 79.
        let multibyte = try #require(results.first { ($0["message"] as? [String: String])?["text"]?.contains("travel costs") == true })
        let region = ((multibyte["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startColumn"] as? Int == 79)
        #expect((region?["snippet"] as? [String: String])?["text"] == "reasonable")
        let invocation = try #require((sarifRun["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect((invocation["toolExecutionNotifications"] as? [Any])?.count == 2)
        let open = try #require((sarifRun["properties"] as? [String: Any])?["openDisputes"] as? [[String: Any]])
        #expect(open.map { $0["id"] as? String } == ["D-2041", "D-2077"])
    }

    @Test func repeatedFindingsGetDistinctFingerprints() {
        let lines = LineIndex(text: "reasonable and reasonable\n")
        let clause = ClauseSummary(id: "1", number: "1.", heading: nil, kind: .section, categories: [], span: lines.span(0..<26))
        let findings = [0..<10, 15..<25].map { Finding(ruleID: "vague-reasonable", severity: .warning, message: "m", path: "a.txt", span: lines.span($0), clause: clause, matchedText: "reasonable") }
        var reporter = SARIFReporter()
        let output = reporter.render(RunContext(toolVersion: "1", workingDirectory: "/repo"), [DocumentResult(path: "a.txt", format: .plainText, clauseCount: 1, findings: findings, lines: lines)])
        #expect(output.contains("\(findings[0].fingerprint):1\""))
        #expect(output.contains("\(findings[0].fingerprint):2\""))
        // A rule missing from the context keeps its ruleId but gets no ruleIndex.
        #expect(!output.contains("\"ruleIndex\""))
    }

    @Test func artifactURIsAreRelativeToTheRepositoryRoot() {
        let paths = SARIFPaths(workingDirectory: "/repo/sub", repositoryRoot: "/repo")
        #expect(paths.location(of: "contracts/a b#1.md") == ("sub/contracts/a%20b%231.md", "%SRCROOT%"))
        #expect(paths.location(of: "../other/./x.txt") == ("other/x.txt", "%SRCROOT%"))
        #expect(paths.location(of: "/elsewhere/ü.txt") == ("file:///elsewhere/%C3%BC.txt", nil))
        #expect(paths.rootURI == "file:///repo/")
    }
}

@Suite struct GitHubAndMarkdownTests {
    @Test func workflowCommandEscaping() {
        #expect(GitHubReporter.escapeData("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext: a, b")
        #expect(GitHubReporter.escapeProperty("dir,1/file:2.md%\n") == "dir%2C1/file%3A2.md%25%0A")
        let line = GitHubReporter.command("error", properties: [("file", "a,b.md"), ("title", "x: y")], message: "line one\nline two 100%")
        #expect(line == "::error file=a%2Cb.md,title=x%3A y::line one%0Aline two 100%25\n")
    }

    @Test func findingsBecomeAnnotationsWithFullRegions() {
        let run = SyntheticRun()
        let output = run.render(.github)
        #expect(output.contains("::error file=contracts/services-agreement.md,line=13,col=44,endLine=13,endColumn=55,title=clauselint [number-words-digits]::Number in words and digits disagree"))
        #expect(output.contains("::notice file=contracts/services-agreement.md,line=9,col=19,"))
        #expect(output.contains("::error file=contracts/nda.xml,line=7,col=3,title=clauselint%3A input error::malformed XML"))
        #expect(!output.contains("vague-material"))
        // Every line is one command or the final summary: no raw newline inside a message.
        let lines = output.split(separator: "\n")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("::") })
        #expect(lines.last?.hasPrefix("clauselint: 3 errors") == true)
        #expect(output.contains("::notice file=contracts/services-agreement.md,line=21,endLine=22,title=Open dispute D-2041%3A Refund for late delivery never paid::"))
    }

    @Test func saysWhenGitHubWillHideAnnotations() {
        let lines = LineIndex(text: String(repeating: "The fee is reasonable.\n", count: 12))
        let findings = (0..<12).map { index in
            Finding(ruleID: "vague-reasonable", severity: .warning, message: "vague", path: "a.txt", span: lines.span((index * 23 + 11)..<(index * 23 + 21)), matchedText: "reasonable")
        }
        var reporter = GitHubReporter()
        let output = reporter.render(RunContext(toolVersion: "1", workingDirectory: "/repo"), [DocumentResult(path: "a.txt", format: .plainText, clauseCount: 1, findings: findings, lines: lines)])
        #expect(output.split(separator: "\n").filter { $0.hasPrefix("::warning ") }.count == 12)
        #expect(output.contains("::notice title=clauselint%3A more findings than annotations::This step wrote 12 warning annotations; GitHub shows at most 10"))
        #expect(!SyntheticRun().render(.github).contains("more findings than annotations"))
    }

    @Test func markdownEscapesContractText() {
        #expect(MarkdownReporter.escape("a|b *c* [d](e) <script> & `x`\nnext") == "a\\|b \\*c\\* \\[d\\](e) &lt;script&gt; &amp; \\`x\\`<br>next")
    }

    @Test func markdownLinksUseTheLinkBase() {
        let run = SyntheticRun()
        var context = run.context()
        context.linkBase = "https://github.com/acme/contracts/blob/0123abc/"
        var reporter = MarkdownReporter()
        let output = reporter.render(context, run.results, disputes: run.disputes)
        #expect(output.contains("[13](https://github.com/acme/contracts/blob/0123abc/contracts/services-agreement.md#L13)"))
    }

    @Test func markdownStaysWithinItsBudget() {
        let run = SyntheticRun()
        var reporter = MarkdownReporter(characterBudget: 500, rowsPerFile: 2)
        let output = reporter.render(run.context(), run.results, disputes: run.disputes)
        #expect(output.contains("6 more findings in this file not shown."))
        #expect(output.contains("1 more file with findings not shown here"))
    }
}

@Suite struct OpenDisputeTests {
    let run = SyntheticRun()

    @Test func findingsAttachByDisputeIDOrFingerprint() {
        // Known up front: fingerprints match even findings that do not name the dispute.
        var known = OpenDisputeCollector(knownDisputes: run.disputes)
        run.results.forEach { known.observe($0) }
        let resolved = known.resolve(run.disputes, includeSuppressed: true)
        #expect(resolved[0].clauses[0].findings.map(\.ruleID) == ["contested-section", "vague-reasonable"])
        #expect(resolved[0].clauses[1].findings.map(\.ruleID) == ["vague-material"])
        #expect(resolved[1].clauses[0].findings.map(\.ruleID) == ["vague-as-soon-as-practicable"])
        #expect(resolved[1].clauses[1].findings.isEmpty)
        #expect(known.resolve(run.disputes, includeSuppressed: false)[0].clauses[1].findings.isEmpty)

        // Linked only at the end (the usual batch flow): findings that name the dispute still attach.
        var streaming = OpenDisputeCollector()
        run.results.forEach { streaming.observe($0) }
        let late = streaming.resolve(run.disputes, includeSuppressed: true)
        #expect(late[0].clauses[0].findings.map(\.ruleID) == ["contested-section", "vague-reasonable"])
        #expect(late[1].clauses[0].findings.isEmpty)
    }

    @Test func findingsNamingADisputeOutsideItsClausesAreKept() {
        let lines = LineIndex(text: "a reasonable b\n")
        let finding = Finding(ruleID: "vague-reasonable", severity: .warning, message: "m", path: "x.txt", span: lines.span(2..<12), matchedText: "reasonable", disputeIDs: ["D-1"])
        var collector = OpenDisputeCollector()
        collector.observe(DocumentResult(path: "x.txt", format: .plainText, clauseCount: 0, findings: [finding]))
        let resolved = collector.resolve([DisputeSummary(id: "D-1", title: "t", status: "open")], includeSuppressed: false)
        #expect(resolved[0].otherFindings == [finding])
        #expect(resolved[0].clauses.isEmpty)
    }
}

@Suite struct OutlineTests {
    @Test func outlineJSONDecodesBackIntoTheClauseTree() throws {
        let run = SyntheticRun()
        var services = run.services
        services = services.mapClauses { clause in
            var copy = clause
            if clause.id == "12.3" {
                copy.references = [ClauseReference(text: "Section 2.1", span: services.lines.span(617..<621), targetIDs: ["2.1"])]
            }
            return copy
        }
        let text = OutlineRenderer.json([services])
        struct Outline: Decodable {
            struct Entry: Decodable { var path: String; var format: DocumentFormat; var clauses: [Clause] }
            var documents: [Entry]
        }
        let outline = try JSONDecoder().decode(Outline.self, from: Data(text.utf8))
        #expect(outline.documents.count == 1)
        #expect(outline.documents[0].clauses == services.clauses)
        #expect(outline.documents[0].format == .markdown)
    }

    @Test func textTreeShowsNumbersHeadingsAndCategories() {
        let text = OutlineRenderer.text(SyntheticRun().services)
        #expect(text.hasPrefix("contracts/services-agreement.md (markdown, 12 clauses)\n"))
        #expect(text.contains("├── 12 \"Refunds\" (section, lines 19–25) [refund, payment]\n│   ├── 12.3 \"Refunds\" (clause, lines 21–22) [refund]\n"))
        #expect(text.hasSuffix("└── 13 \"Signatures\" (signature-block, lines 26–28)\n"))
    }
}
