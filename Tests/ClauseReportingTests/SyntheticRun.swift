import ClauseModel
import ClauseReporting
import Foundation

/// A realistic lint run built directly from the model: a services agreement with findings of
/// every shape (multibyte and tab lines, a suppressed finding, a document-level finding, a
/// finding with a related location, findings on disputed clauses), an order form with a
/// decoding warning, an XML file that failed to parse, and two open disputes.
struct SyntheticRun {
    static let servicesPath = "contracts/services-agreement.md"
    static let orderFormPath = "contracts/order-form.txt"
    static let ndaPath = "contracts/nda.xml"

    static let servicesText = """
    # Master Services Agreement

    This Master Services Agreement is made between Northwind Analytics GmbH (“Provider”) and Contoso Retail Ltd (“Customer”).

    ## 1. Services

    1.1 Provider shall perform the Services promptly and in a professional manner.

    1.2 Provider may, from time to time, update the Service Levels.

    ## 2. Fees and Payment

    2.1 Customer shall pay each invoice within thirty (45) days of receipt.

    2.2 Fees are stated in euro (€) — “Fees” exclude VAT; the affiliate 東京支店 pays reasonable travel costs.

    \t2.3 Late payments bear interest at [●] per cent per annum.

    ## 12. Refunds

    12.3 Refunds. Provider will issue refunds within a reasonable time after a valid claim.

    <!-- clauselint-disable-next-line vague-material: agreed with Contoso's counsel -->
    12.4 A material failure of the Services entitles Customer to a refund.

    ## 13. Signatures

    Signed for Provider: ____________

    """

    static let orderFormText = """
    ORDER FORM

    1. Term. This Order Form renews automatically for successive one-year terms.

    2. Cancellation. Customer may cancel by giving notice as soon as practicable.

    """

    let services: Document
    let orderForm: Document
    let results: [DocumentResult]
    let disputes: [DisputeSummary]
    let rules: [RuleDescriptor]

    init() {
        services = Self.makeServices()
        orderForm = Self.makeOrderForm()
        let s = services
        let o = orderForm

        func clause(_ document: Document, _ id: String) -> ClauseSummary {
            ClauseSummary(document.clause(withID: id)!)
        }

        let promptly = Finding(
            ruleID: "vague-promptly", severity: .warning,
            message: "\"promptly\" sets no deadline: the parties will disagree on what was prompt",
            path: Self.servicesPath, span: Self.span(s, "promptly"), clause: clause(s, "1.1"), matchedText: "promptly",
            suggestion: "State a period, e.g. \"within 5 Business Days\"."
        )
        let fromTimeToTime = Finding(
            ruleID: "vague-from-time-to-time", severity: .info,
            message: "\"from time to time\" lets one party change terms at any moment",
            path: Self.servicesPath, span: Self.span(s, "from time to time"), clause: clause(s, "1.2"), matchedText: "from time to time",
            suggestion: "Say how often and with how much notice, e.g. \"at most once per quarter on 30 days' written notice\"."
        )
        let mismatch = Finding(
            ruleID: "number-words-digits", severity: .error,
            message: "Number in words and digits disagree: \"thirty\" is 30, the digits say 45",
            path: Self.servicesPath, span: Self.span(s, "thirty (45)"), clause: clause(s, "2.1"), matchedText: "thirty (45)",
            suggestion: "Make words and digits agree, e.g. \"thirty (30) days\"."
        )
        let reasonableFees = Finding(
            ruleID: "vague-reasonable", severity: .warning,
            message: "\"reasonable\" is for a court to decide after the dispute",
            path: Self.servicesPath, span: Self.span(s, "reasonable"), clause: clause(s, "2.2"), matchedText: "reasonable",
            suggestion: "Cap the amount or name the standard, e.g. \"travel costs approved in writing in advance\"."
        )
        let placeholder = Finding(
            ruleID: "unfilled-placeholder", severity: .error,
            message: "Unfilled placeholder \"[●]\": the interest rate was never agreed",
            path: Self.servicesPath, span: Self.span(s, "[●]"), clause: clause(s, "2.3"), matchedText: "[●]",
            suggestion: "Fill in the rate before signing."
        )
        let contested = Finding(
            ruleID: "contested-section", severity: .warning,
            message: "Clause 12.3 is linked to open dispute D-2041: review it before renewal",
            path: Self.servicesPath, span: Self.span(s, "12.3 Refunds."), clause: clause(s, "12.3"), matchedText: "12.3 Refunds.",
            suggestion: "Resolve the dispute or clarify the clause.", disputeIDs: ["D-2041"]
        )
        let reasonableRefunds = Finding(
            ruleID: "vague-reasonable", severity: .warning,
            message: "\"reasonable\" is for a court to decide after the dispute",
            path: Self.servicesPath, span: Self.span(s, "reasonable", occurrence: 2), clause: clause(s, "12.3"), matchedText: "reasonable",
            suggestion: "Name a number of days, e.g. \"within 14 days after a valid claim\".",
            relatedLocations: [RelatedLocation(path: Self.servicesPath, span: Self.span(s, "reasonable"), message: "\"reasonable\" is also used here", clauseID: "2.2")],
            disputeIDs: ["D-2041"]
        )
        let material = Finding(
            ruleID: "vague-material", severity: .warning,
            message: "\"material\" is undefined: which failures count?",
            path: Self.servicesPath, span: Self.span(s, "material"), clause: clause(s, "12.4"), matchedText: "material",
            suggestion: "Define material failure (e.g. availability below 99.5% in a month).",
            suppression: Suppression(kind: "inSource", justification: "agreed with Contoso's counsel")
        )
        let signatures = s.clause(withID: "13")!.span.startOffset
        let missingDisputes = Finding(
            ruleID: "missing-dispute-resolution", severity: .error,
            message: "No dispute-resolution clause: add one (governing law, venue, escalation) before the signatures",
            path: Self.servicesPath, span: s.lines.span(signatures..<signatures),
            suggestion: "Add a clause naming the governing law, the courts or arbitral forum, and an escalation period.",
            isDocumentLevel: true
        )
        let practicable = Finding(
            ruleID: "vague-as-soon-as-practicable", severity: .warning,
            message: "\"as soon as practicable\" leaves the notice period open",
            path: Self.orderFormPath, span: Self.span(o, "as soon as practicable"), clause: clause(o, "2"), matchedText: "as soon as practicable",
            suggestion: "Give a notice period, e.g. \"at least 30 days before the renewal date\"."
        )

        results = [
            DocumentResult(
                document: services,
                findings: [missingDisputes, material, reasonableRefunds, contested, placeholder, reasonableFees, mismatch, fromTimeToTime, promptly]
            ),
            DocumentResult(
                document: orderForm,
                findings: [practicable],
                diagnostics: [Diagnostic(path: Self.orderFormPath, line: 3, column: 62, severity: .warning, message: "invalid UTF-8 byte 0x96; decoded the file as Windows-1252")]
            ),
            DocumentResult(
                path: Self.ndaPath,
                failure: Diagnostic(path: Self.ndaPath, line: 7, column: 3, message: "malformed XML: opening and ending tag mismatch: clause line 5 and section")
            ),
        ]

        disputes = [
            DisputeSummary(
                id: "D-2041", title: "Refund for late delivery never paid", status: "open",
                customer: "Contoso Retail Ltd", opened: "2026-10-02", url: "https://helpdesk.example.com/tickets/2041",
                extra: ["priority": "high", "channel": "email"],
                clauses: [
                    .init(path: Self.servicesPath, clause: clause(s, "12.3"), score: 0.934, reasons: ["explicit reference \"Section 12.3\"", "categories: refund"], findingFingerprints: [contested.fingerprint, reasonableRefunds.fingerprint]),
                    .init(path: Self.servicesPath, clause: clause(s, "12.4"), score: 0.412, reasons: ["categories: refund", "terms: refund"], findingFingerprints: [material.fingerprint]),
                ]
            ),
            DisputeSummary(
                id: "D-2077", title: "Charged again after cancelling", status: "open", customer: "Fabrikam Stores", opened: "2026-11-14",
                clauses: [
                    .init(path: Self.orderFormPath, clause: clause(o, "2"), score: 0.71, reasons: ["categories: cancellation", "terms: cancel, notice"], findingFingerprints: [practicable.fingerprint]),
                    .init(path: Self.orderFormPath, clause: clause(o, "1"), score: 0.5, reasons: ["categories: term-and-renewal", "terms: renews, automatically"], findingFingerprints: []),
                ],
                warnings: ["clause reference \"Section 9\" does not exist in contracts/order-form.txt"]
            ),
        ]

        func rule(_ id: String, _ kind: String, _ severity: Severity, _ summary: String, _ explanation: String, _ suggestion: String) -> RuleDescriptor {
            RuleDescriptor(id: id, kind: kind, severity: severity, summary: summary, explanation: explanation, suggestion: suggestion, helpURI: "docs/rules.md#\(id)")
        }
        rules = [
            rule("contested-section", "dispute", .warning, "Clause linked to an open dispute", "A clause that was fought over will be fought over again at renewal.", "Clarify the clause or settle the dispute first."),
            rule("missing-dispute-resolution", "required-clause", .error, "No dispute-resolution clause", "Without governing law, venue and an escalation path, every disagreement starts with a fight about where to fight.", "Add a dispute-resolution clause."),
            rule("number-words-digits", "pattern", .error, "Number in words and digits disagree", "When \"thirty (45)\" disagree, each side reads the number that suits it.", "Make the words and the digits agree."),
            rule("unfilled-placeholder", "pattern", .error, "Unfilled placeholder", "A blank in a signed contract is a term nobody agreed.", "Fill in or delete the placeholder."),
            rule("vague-as-soon-as-practicable", "lexicon", .warning, "Vague: \"as soon as practicable\"", "It sets no deadline anyone can check.", "Give a period in days."),
            rule("vague-from-time-to-time", "lexicon", .info, "Vague: \"from time to time\"", "It lets a party act whenever it likes.", "Say how often and with what notice."),
            rule("vague-material", "lexicon", .warning, "Vague: \"material\"", "What is material is decided in the dispute, not before it.", "Define the threshold."),
            rule("vague-promptly", "lexicon", .warning, "Vague: \"promptly\"", "Prompt to one party is late to the other.", "State a period."),
            rule("vague-reasonable", "lexicon", .warning, "Vague: \"reasonable\"", "\"Reasonable\" is decided by a court after the fact.", "Replace with a number or an objective standard."),
        ]
    }

    func context(useColor: Bool = false, knownDisputes: Bool = true) -> RunContext {
        RunContext(
            rules: rules, toolVersion: "0.1.0", informationURI: "https://clauselint.example.org",
            workingDirectory: "/work/repo", repositoryRoot: "/work/repo", useColor: useColor,
            disputes: knownDisputes ? disputes : []
        )
    }

    func render(_ format: ReportFormat, useColor: Bool = false) -> String {
        var reporter = format.makeReporter()
        return reporter.render(context(useColor: useColor), results, disputes: disputes)
    }

    // MARK: - Building the documents

    /// The span of the `occurrence`-th match of `needle` (UTF-8 byte search).
    static func span(_ document: Document, _ needle: String, occurrence: Int = 1) -> SourceSpan {
        let range = byteRange(of: needle, in: document.bytes, occurrence: occurrence)!
        return document.lines.span(range)
    }

    static func byteRange(of needle: String, in bytes: [UInt8], occurrence: Int = 1, from start: Int = 0) -> Range<Int>? {
        let pattern = Array(needle.utf8)
        var seen = 0
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                seen += 1
                if seen == occurrence { return index..<(index + pattern.count) }
            }
            index += 1
        }
        return nil
    }

    /// A clause from `start` (a marker in the text) to the start of `end` (or the end of text).
    static func makeClause(_ lines: LineIndex, id: String, number: String?, heading: String?, kind: ClauseKind, level: Int, start: String, end: String?, categories: [String] = [], children: [Clause] = []) -> Clause {
        let lower = byteRange(of: start, in: lines.bytes)!.lowerBound
        let upper = end.flatMap { byteRange(of: $0, in: lines.bytes, from: lower + 1)?.lowerBound } ?? lines.bytes.count
        return Clause(id: id, number: number, heading: heading, kind: kind, level: level, span: lines.span(lower..<upper), categories: categories, children: children)
    }

    static func makeServices() -> Document {
        let lines = LineIndex(text: servicesText)
        func c(_ id: String, _ number: String?, _ heading: String?, _ kind: ClauseKind, _ level: Int, _ start: String, _ end: String?, _ categories: [String] = [], _ children: [Clause] = []) -> Clause {
            makeClause(lines, id: id, number: number, heading: heading, kind: kind, level: level, start: start, end: end, categories: categories, children: children)
        }
        var refunds = c("12.3", "12.3", "Refunds", .clause, 2, "12.3 Refunds", "<!--", ["refund"])
        refunds.references = []
        let clauses = [
            c("preamble", nil, "Master Services Agreement", .preamble, 1, "# Master", "## 1."),
            c("1", "1.", "Services", .section, 1, "## 1.", "## 2.", ["delivery-performance"], [
                c("1.1", "1.1", nil, .clause, 2, "1.1 Provider", "1.2 Provider", ["delivery-performance"]),
                c("1.2", "1.2", nil, .clause, 2, "1.2 Provider", "## 2."),
            ]),
            c("2", "2.", "Fees and Payment", .section, 1, "## 2.", "## 12.", ["payment"], [
                c("2.1", "2.1", nil, .clause, 2, "2.1 Customer", "2.2 Fees", ["payment"]),
                c("2.2", "2.2", nil, .clause, 2, "2.2 Fees", "\t2.3", ["payment"]),
                c("2.3", "2.3", nil, .clause, 2, "2.3 Late", "## 12.", ["payment"]),
            ]),
            c("12", "12.", "Refunds", .section, 1, "## 12.", "## 13.", ["refund", "payment"], [
                refunds,
                c("12.4", "12.4", nil, .clause, 2, "12.4 A material", "## 13.", ["refund"]),
            ]),
            c("13", "13.", "Signatures", .signatureBlock, 1, "## 13.", nil),
        ]
        let comment = byteRange(of: "<!--", in: lines.bytes)!.lowerBound
        let commentEnd = byteRange(of: "-->", in: lines.bytes)!.upperBound
        return Document(path: servicesPath, format: .markdown, text: servicesText, lines: lines, clauses: clauses, nonProseRanges: [comment..<commentEnd])
    }

    static func makeOrderForm() -> Document {
        let lines = LineIndex(text: orderFormText)
        let clauses = [
            makeClause(lines, id: "title", number: nil, heading: "ORDER FORM", kind: .title, level: 1, start: "ORDER FORM", end: "1. Term"),
            makeClause(lines, id: "1", number: "1.", heading: "Term", kind: .section, level: 1, start: "1. Term", end: "2. Cancellation", categories: ["term-and-renewal"]),
            makeClause(lines, id: "2", number: "2.", heading: "Cancellation", kind: .section, level: 1, start: "2. Cancellation", end: nil, categories: ["cancellation"]),
        ]
        return Document(path: orderFormPath, format: .plainText, text: orderFormText, lines: lines, clauses: clauses)
    }
}

/// The repository root, found from this file's path (the folder holding Package.swift).
func repositoryRoot(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}

/// A file under `../shared` (the corpora and schemas beside the repository), looked up from the
/// repository root upwards so it is also found from a git worktree; nil when absent.
func sharedFile(_ relativePath: String) -> URL? {
    var url = repositoryRoot()
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("shared").appendingPathComponent(relativePath)
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
    }
    return nil
}

/// Validates a SARIF log with Tests/ClauseReportingTests/validate_sarif.py against the official
/// schema in ../shared/schemas. Nil (the caller skips, with a message) when the schema, python3
/// or its jsonschema module is missing; else the exit status (0 valid, 1 invalid) and the
/// violations.
func validateSARIF(_ sarif: String) throws -> (status: Int32, output: String)? {
    guard let schema = sharedFile("schemas/sarif-schema-2.1.0.json") else { return nil }
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("clauselint-\(UUID().uuidString).sarif")
    try sarif.write(to: log, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: log) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", repositoryRoot().appendingPathComponent("Tests/ClauseReportingTests/validate_sarif.py").path, schema.path, log.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if process.terminationStatus == 3 || process.terminationStatus == 127 { return nil }
    return (process.terminationStatus, output)
}

/// Compares `actual` with the golden file `name` under Tests/ClauseReportingTests/Golden/.
/// With `UPDATE_GOLDEN=1` in the environment it (re)writes the file instead. Returns a
/// description of the first difference, or nil when equal.
func goldenMismatch(_ actual: String, _ name: String) -> String? {
    let url = repositoryRoot().appendingPathComponent("Tests/ClauseReportingTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return nil
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        return "golden file \(url.path) is missing (run with UPDATE_GOLDEN=1 to create it)"
    }
    if expected == actual { return nil }
    let expectedLines = expected.components(separatedBy: "\n")
    let actualLines = actual.components(separatedBy: "\n")
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let e = index < expectedLines.count ? expectedLines[index] : "<end of file>"
        let a = index < actualLines.count ? actualLines[index] : "<end of output>"
        if e != a { return "\(name) line \(index + 1):\n  expected: \(e)\n  actual:   \(a)" }
    }
    return "\(name) differs"
}
