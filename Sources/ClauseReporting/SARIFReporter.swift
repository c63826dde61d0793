import ClauseModel

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (mapping in docs/output.md).
///
/// Written incrementally: the log's opening with `tool.driver.rules` (from `RunContext.rules`),
/// each document's results as it finishes, then the invocation (input errors as
/// `toolExecutionNotifications`) and the run's `properties.openDisputes`. Only the input
/// diagnostics and the disputed findings are kept until the end.
public struct SARIFReporter: Reporter {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The `originalUriBaseIds` key artifact URIs are relative to (the repository root).
    public static let sourceRoot = "%SRCROOT%"

    private var paths = SARIFPaths(workingDirectory: "/", repositoryRoot: "/")
    private var ruleIndex: [String: Int] = [:]
    private var disputeURLs: [String: String] = [:]
    private var diagnostics: [Diagnostic] = []
    private var resultCount = 0
    private var disputes = OpenDisputeCollector()
    /// The current document's artifact location (computed once per document, not per result).
    private var artifactCache: (path: String, value: JSONValue)?

    public init() {}

    public mutating func begin(_ context: RunContext) -> String {
        paths = SARIFPaths(workingDirectory: context.workingDirectory, repositoryRoot: context.repositoryRoot)
        ruleIndex = [:]
        for (index, rule) in context.rules.enumerated() where ruleIndex[rule.id] == nil { ruleIndex[rule.id] = index }
        disputeURLs = [:]
        for dispute in context.disputes { if let url = dispute.url, !url.isEmpty { disputeURLs[dispute.id] = url } }
        disputes = OpenDisputeCollector(knownDisputes: context.disputes)
        diagnostics = []
        resultCount = 0

        var driver: [(String, JSONValue)] = [
            ("name", .string(context.toolName)),
            ("version", .string(context.toolVersion)),
        ]
        if Self.isSemanticVersion(context.toolVersion) { driver.append(("semanticVersion", .string(context.toolVersion))) }
        if let information = context.informationURI { driver.append(("informationUri", .string(information))) }
        driver.append(("rules", .array(context.rules.map { Self.rule($0, informationURI: context.informationURI) })))
        let tool = JSONValue.object([("driver", .object(driver))])
        let bases = JSONValue.object([(Self.sourceRoot, .object([("uri", .string(paths.rootURI))]))])

        return "{\n  \"$schema\": \"\(Self.schemaURI)\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
            + "      \"tool\": " + tool.serialized(pretty: true, sortedKeys: false, indent: 3) + ",\n"
            + "      \"originalUriBaseIds\": " + bases.serialized(pretty: true, sortedKeys: false, indent: 3) + ",\n"
            + "      \"columnKind\": \"unicodeCodePoints\",\n"
            + "      \"results\": ["
    }

    public mutating func document(_ result: DocumentResult) -> String {
        disputes.observe(result)
        diagnostics.append(contentsOf: result.sortedDiagnostics)
        artifactCache = (result.path, Self.artifactLocation(paths.location(of: result.path)))
        var occurrences: [String: Int] = [:]
        var output = ""
        for finding in result.sortedFindings {
            occurrences[finding.fingerprint, default: 0] += 1
            let value = sarifResult(finding, occurrence: occurrences[finding.fingerprint]!, lines: result.lines)
            output += (resultCount == 0 ? "\n        " : ",\n        ") + value.serialized(pretty: true, sortedKeys: false, indent: 4)
            resultCount += 1
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        let notifications = diagnostics.map { diagnostic -> JSONValue in
            .object([
                ("level", .string(Self.level(diagnostic.severity))),
                ("message", .object([("text", .string(diagnostic.message))])),
                ("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", artifactLocation(diagnostic.path)),
                    ("region", .object([("startLine", .int(max(1, diagnostic.line))), ("startColumn", .int(max(1, diagnostic.column)))])),
                ]))])])),
            ])
        }
        let invocation = JSONValue.object([
            ("executionSuccessful", .bool(summary.inputErrors == 0)),
            ("toolExecutionNotifications", .array(notifications)),
        ])
        let open = disputes.resolve(summary.disputes, includeSuppressed: true).map(ModelJSON.dispute)
        let properties = JSONValue.object([
            ("openDisputes", .array(open)),
            ("summary", ModelJSON.summary(summary)),
        ])
        return (resultCount == 0 ? "]" : "\n      ]")
            + ",\n      \"invocations\": [\n        " + invocation.serialized(pretty: true, sortedKeys: false, indent: 4) + "\n      ]"
            + ",\n      \"properties\": " + properties.serialized(pretty: true, indent: 3)
            + "\n    }\n  ]\n}\n"
    }

    // MARK: - Pieces

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// `1.2.3` or `1.2.3-beta.1`: what SARIF's `semanticVersion` accepts (checked loosely).
    static func isSemanticVersion(_ version: String) -> Bool {
        let core = version.split(separator: "-", maxSplits: 1).first ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// `vague-reasonable` → `VagueReasonable` (SARIF `name`: a readable identifier).
    static func ruleName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func helpURI(_ rule: RuleDescriptor, informationURI: String?) -> String? {
        guard let help = rule.helpURI, !help.isEmpty else { return nil }
        if help.contains("://") { return help }
        guard let base = informationURI else { return nil }
        let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmedBase + "/" + (help.hasPrefix("/") ? String(help.dropFirst()) : help)
    }

    static func rule(_ rule: RuleDescriptor, informationURI: String?) -> JSONValue {
        var helpText = rule.explanation
        var helpMarkdown = "**\(rule.summary)**\n\n\(rule.explanation)"
        if !rule.suggestion.isEmpty {
            helpText += "\n\nHow to fix: " + rule.suggestion
            helpMarkdown += "\n\n**How to fix:** " + rule.suggestion
        }
        let uri = helpURI(rule, informationURI: informationURI)
        if let uri { helpMarkdown += "\n\n[Documentation](\(uri))" }
        var members: [(String, JSONValue)] = [
            ("id", .string(rule.id)),
            ("name", .string(ruleName(rule.id))),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.explanation.isEmpty ? rule.summary : rule.explanation))])),
            ("help", .object([("text", .string(helpText)), ("markdown", .string(helpMarkdown))])),
        ]
        if let uri { members.append(("helpUri", .string(uri))) }
        members.append(("defaultConfiguration", .object([("level", .string(level(rule.severity)))])))
        members.append(("properties", .object([("tags", .strings(["contract", rule.kind]))])))
        return .object(members)
    }

    private func artifactLocation(_ path: String) -> JSONValue {
        if let cached = artifactCache, cached.path == path { return cached.value }
        return Self.artifactLocation(paths.location(of: path))
    }

    static func artifactLocation(_ location: (uri: String, uriBaseID: String?)) -> JSONValue {
        if let base = location.uriBaseID {
            return .object([("uri", .string(location.uri)), ("uriBaseId", .string(base))])
        }
        return .object([("uri", .string(location.uri))])
    }

    private func region(_ span: SourceSpan, lines: LineIndex?, fallbackText: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("startLine", .int(span.startLine)),
            ("startColumn", .int(span.startColumn)),
            ("endLine", .int(span.endLine)),
            ("endColumn", .int(span.endColumn)),
        ]
        let snippet = lines.map { $0.text(span.byteRange) } ?? fallbackText
        if span.length > 0, !snippet.isEmpty {
            members.append(("snippet", .object([("text", .string(snippet))])))
        }
        return .object(members)
    }

    private func physicalLocation(_ path: String, _ span: SourceSpan, lines: LineIndex?, fallbackText: String) -> JSONValue {
        .object([("physicalLocation", .object([
            ("artifactLocation", artifactLocation(path)),
            ("region", region(span, lines: lines, fallbackText: fallbackText)),
        ]))])
    }

    private func sarifResult(_ finding: Finding, occurrence: Int, lines: LineIndex?) -> JSONValue {
        var text = finding.message
        if let suggestion = finding.suggestion, !suggestion.isEmpty { text = appendSentence(text, "Suggestion: " + suggestion) }
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.ruleID))]
        if let index = ruleIndex[finding.ruleID] { members.append(("ruleIndex", .int(index))) }
        members.append(("level", .string(Self.level(finding.severity))))
        members.append(("message", .object([("text", .string(text))])))
        members.append(("locations", .array([physicalLocation(finding.path, finding.span, lines: lines, fallbackText: finding.matchedText)])))
        members.append(("partialFingerprints", .object([("primaryLocationLineHash", .string("\(finding.fingerprint):\(occurrence)"))])))
        if !finding.relatedLocations.isEmpty {
            let related = finding.relatedLocations.enumerated().map { index, location -> JSONValue in
                // Related locations in the same file can quote their text; others only point.
                let sameFile = location.path == finding.path
                guard case .object(var fields) = physicalLocation(location.path, location.span, lines: sameFile ? lines : nil, fallbackText: "") else { return .null }
                fields.insert(("id", .int(index + 1)), at: 0)
                fields.append(("message", .object([("text", .string(location.message))])))
                return .object(fields)
            }
            members.append(("relatedLocations", .array(related)))
        }
        let workItems = finding.disputeIDs.compactMap { disputeURLs[$0] }
        if !workItems.isEmpty { members.append(("workItemUris", .strings(workItems))) }
        if let suppression = finding.suppression {
            var fields: [(String, JSONValue)] = [("kind", .string(suppression.kind == "external" ? "external" : "inSource"))]
            if let justification = suppression.justification, !justification.isEmpty { fields.append(("justification", .string(justification))) }
            members.append(("suppressions", .array([.object(fields)])))
        }
        members.append(("properties", .object([
            ("clause", finding.clause.map(ModelJSON.clause) ?? .null),
            ("disputeIds", .strings(finding.disputeIDs)),
            ("documentLevel", .bool(finding.isDocumentLevel)),
            ("fingerprint", .string(finding.fingerprint)),
            ("matchedText", .string(finding.matchedText)),
            ("suggestion", .optional(finding.suggestion)),
        ])))
        return .object(members)
    }
}

/// Turns the paths documents were given by (relative to the working directory, or absolute) into
/// SARIF artifact URIs: relative to the repository root with `uriBaseId` `%SRCROOT%` when inside
/// it, absolute `file://` URIs otherwise. Percent-encodes what a URI may not contain.
struct SARIFPaths: Sendable {
    let workingDirectory: String
    let repositoryRoot: String

    init(workingDirectory: String, repositoryRoot: String) {
        self.workingDirectory = Self.normalize(workingDirectory)
        self.repositoryRoot = Self.normalize(Self.absolute(repositoryRoot, base: self.workingDirectory))
    }

    var rootURI: String {
        "file://" + Self.percentEncode(repositoryRoot.hasSuffix("/") ? repositoryRoot : repositoryRoot + "/")
    }

    func location(of path: String) -> (uri: String, uriBaseID: String?) {
        let absolute = Self.normalize(Self.absolute(path, base: workingDirectory))
        let prefix = repositoryRoot.hasSuffix("/") ? repositoryRoot : repositoryRoot + "/"
        if absolute.hasPrefix(prefix), absolute.count > prefix.count {
            return (Self.percentEncode(String(absolute.dropFirst(prefix.count))), SARIFReporter.sourceRoot)
        }
        return ("file://" + Self.percentEncode(absolute), nil)
    }

    /// The path relative to the repository root when inside it, else as given.
    func relativePath(_ path: String) -> String {
        let absolute = Self.normalize(Self.absolute(path, base: workingDirectory))
        let prefix = repositoryRoot.hasSuffix("/") ? repositoryRoot : repositoryRoot + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
    }

    static func absolute(_ path: String, base: String) -> String {
        path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base : base + "/") + path
    }

    /// Removes `.` and empty segments and resolves `..`, lexically.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func percentEncode(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            let allowed = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~/!$&'()*+,;=:@".unicodeScalars.contains(scalar)
            if allowed {
                output.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return output
    }
}
