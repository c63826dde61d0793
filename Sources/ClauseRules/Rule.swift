import ClauseModel

/// One example of a rule, from its `examples:` list. In flagged examples the place a finding
/// must appear is marked with `[[…]]` (the exact matched span) or `↓` (where a finding starts,
/// e.g. where a missing clause should go); the markers are removed from `text`.
public struct RuleExample: Sendable, Hashable {
    public var text: String
    /// Byte ranges (in `text`) marked with `[[…]]`: a finding must cover exactly each.
    public var markedSpans: [Range<Int>]
    /// Byte offsets (in `text`) marked with `↓`: a finding must start at each.
    public var markedStarts: [Int]
    /// Where the example is written in the rule file.
    public var line: Int

    /// Parses the markers out of an example as written in YAML.
    public static func parse(_ raw: String, line: Int) -> RuleExample {
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
        var starts: [Int] = []
        var open: [Int] = []
        let source = Array(raw.utf8)
        let arrow: [UInt8] = Array("↓".utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "["), index + 1 < source.count, source[index + 1] == UInt8(ascii: "[") {
                open.append(bytes.count)
                index += 2
            } else if source[index] == UInt8(ascii: "]"), index + 1 < source.count, source[index + 1] == UInt8(ascii: "]"),
                      index + 2 >= source.count || source[index + 2] != UInt8(ascii: "]"), let start = open.popLast() {
                // `]]]` closes after a literal `]` (a marked `[●]` is written `[[[●]]]`).
                spans.append(start..<bytes.count)
                index += 2
            } else if index + arrow.count <= source.count, Array(source[index..<(index + arrow.count)]) == arrow {
                starts.append(bytes.count)
                index += arrow.count
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return RuleExample(text: String(decoding: bytes, as: UTF8.self), markedSpans: spans, markedStarts: starts, line: line)
    }
}

/// A rule as written in a `Rules/*.yml` file: the common fields every rule has, plus its
/// kind's own parameters (checked by the kind when the rule set is compiled).
public struct Rule: Sendable {
    public var id: String
    public var kind: String
    public var severity: Severity
    public var summary: String
    public var explanation: String
    public var suggestion: String
    /// Contract types the rule applies to (`customer`, `nda`, …); empty means every contract.
    public var contractTypes: [String]
    /// Opt-in rules are off until `.clauselint.yml` enables them.
    public var enabledByDefault: Bool
    public var flaggedExamples: [RuleExample]
    public var cleanExamples: [RuleExample]
    /// The whole rule mapping, so kinds can read their parameters with file:line:column errors.
    public var parameters: YAMLMapping
    /// The rule file, and where the rule starts in it.
    public var path: String
    public var line: Int

    /// Keys every rule may have; a kind adds its own.
    public static let commonKeys: Set<String> = [
        "id", "kind", "severity", "summary", "explanation", "suggestion", "examples", "contract_types", "enabled",
    ]

    public var descriptor: RuleDescriptor {
        RuleDescriptor(id: id, kind: kind, severity: severity, summary: summary, explanation: explanation, suggestion: suggestion, helpURI: RuleDocumentation.helpURI(for: id))
    }

    /// Reads the common fields. Kind parameters are validated later by the kind itself.
    public init(mapping: YAMLMapping) throws {
        let what = "rule"
        let idValue = try mapping.required("id", in: what)
        id = try idValue.string("id")
        guard Rule.isValidID(id) else {
            throw idValue.error("rule id '\(id)' must be lower-case words joined by '-' (e.g. vague-term)")
        }
        kind = try mapping.required("kind", in: "rule '\(id)'").string("kind")
        let severityValue = try mapping.required("severity", in: "rule '\(id)'")
        guard let severity = Severity(rawValue: try severityValue.string("severity")) else {
            throw severityValue.error("severity must be error, warning or info")
        }
        self.severity = severity
        summary = try mapping.required("summary", in: "rule '\(id)'").string("summary")
        explanation = try mapping.required("explanation", in: "rule '\(id)'").string("explanation")
        suggestion = try mapping.required("suggestion", in: "rule '\(id)'").string("suggestion")
        contractTypes = try mapping["contract_types"]?.stringList("contract_types") ?? []
        enabledByDefault = try mapping["enabled"]?.bool("enabled") ?? true
        var flagged: [RuleExample] = []
        var clean: [RuleExample] = []
        if let examples = mapping["examples"] {
            let examplesMap = try examples.mapping("examples")
            try examplesMap.rejectUnknownKeys(allowed: ["flagged", "clean"], in: "examples of rule '\(id)'")
            for item in try examplesMap["flagged"]?.list("examples.flagged") ?? [] {
                flagged.append(RuleExample.parse(try item.string("an example"), line: item.line))
            }
            for item in try examplesMap["clean"]?.list("examples.clean") ?? [] {
                clean.append(RuleExample.parse(try item.string("an example"), line: item.line))
            }
        }
        flaggedExamples = flagged
        cleanExamples = clean
        parameters = mapping
        path = mapping.value.path
        line = mapping.value.line
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && id.first != "-" && id.last != "-"
    }

    /// A parameter of this rule's kind; nil when absent.
    public func parameter(_ key: String) -> YAMLValue? { parameters[key] }

    public func requiredParameter(_ key: String) throws -> YAMLValue {
        try parameters.required(key, in: "rule '\(id)' (kind \(kind))")
    }
}
