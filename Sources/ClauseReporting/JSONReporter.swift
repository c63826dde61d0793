import ClauseModel

/// The stable JSON format (schema in docs/output.md), written incrementally: the opening, one
/// pretty-printed object per document as it finishes, then disputes, summary and the closing
/// brace. Top-level keys are in a fixed order (`version`, `tool`, `documents`, `disputes`,
/// `summary`) because documents stream before the totals exist; every nested object has its
/// keys sorted. All findings are included; suppressed ones carry `"suppressed": true`.
public struct JSONReporter: Reporter {
    /// Bumped only for incompatible changes to the schema; fields may be added within a version.
    public static let schemaVersion = 1

    private var documentCount = 0
    private var disputes = OpenDisputeCollector()

    public init() {}

    public mutating func begin(_ context: RunContext) -> String {
        disputes = OpenDisputeCollector(knownDisputes: context.disputes)
        documentCount = 0
        let tool = JSONValue.object([("name", .string(context.toolName)), ("version", .string(context.toolVersion))])
        return "{\n  \"version\": \(Self.schemaVersion),\n  \"tool\": \(tool.serialized(pretty: true, indent: 1)),\n  \"documents\": ["
    }

    public mutating func document(_ result: DocumentResult) -> String {
        disputes.observe(result)
        let separator = documentCount == 0 ? "\n    " : ",\n    "
        documentCount += 1
        return separator + Self.documentJSON(result).serialized(pretty: true, indent: 2)
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        let entries = disputes.resolve(summary.disputes, includeSuppressed: true)
        let disputesJSON = JSONValue.array(entries.map(ModelJSON.dispute))
        return (documentCount == 0 ? "]" : "\n  ]")
            + ",\n  \"disputes\": " + disputesJSON.serialized(pretty: true, indent: 1)
            + ",\n  \"summary\": " + ModelJSON.summary(summary).serialized(pretty: true, indent: 1)
            + "\n}\n"
    }

    static func documentJSON(_ result: DocumentResult) -> JSONValue {
        let diagnostics = result.sortedDiagnostics
        return .object([
            ("path", .string(result.path)),
            ("format", .optional(result.format?.rawValue)),
            ("clauseCount", .int(result.clauseCount)),
            ("findings", .array(result.sortedFindings.map(ModelJSON.finding))),
            ("errors", .array(diagnostics.filter { $0.severity == .error }.map(ModelJSON.diagnostic))),
            ("warnings", .array(diagnostics.filter { $0.severity != .error }.map(ModelJSON.diagnostic))),
        ])
    }
}

/// JSON Lines: one compact object per line, written as each document finishes, so a pipeline
/// can consume findings while the run goes on. Lines carry a `type` (the first key):
/// `finding` (the finding object of the json format) and `diagnostic` (an input error or
/// warning), and at the end one `dispute` line per open dispute. There is no summary line, so the
/// outputs of `--shard I/N` runs concatenate to the output of one full run (disputes aside).
public struct JSONLinesReporter: Reporter {
    private var disputes = OpenDisputeCollector()

    public init() {}

    public mutating func begin(_ context: RunContext) -> String {
        disputes = OpenDisputeCollector(knownDisputes: context.disputes)
        return ""
    }

    public mutating func document(_ result: DocumentResult) -> String {
        disputes.observe(result)
        var output = ""
        for diagnostic in result.sortedDiagnostics {
            output += Self.line(type: "diagnostic", ModelJSON.diagnosticMembers(diagnostic))
        }
        for finding in result.sortedFindings {
            output += Self.line(type: "finding", ModelJSON.findingMembers(finding))
        }
        return output
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        var output = ""
        for entry in disputes.resolve(summary.disputes, includeSuppressed: true) {
            output += Self.line(type: "dispute", ModelJSON.disputeMembers(entry))
        }
        return output
    }

    /// `{"type":"finding",…}`: `type` first (so `grep '^{"type":"finding"'` works), the other
    /// keys sorted, one line.
    static func line(type: String, _ members: [(String, JSONValue)]) -> String {
        let rest = JSONValue.object(members).serialized(pretty: false)
        return "{\"type\":\"\(type)\"," + rest.dropFirst() + "\n"
    }
}
