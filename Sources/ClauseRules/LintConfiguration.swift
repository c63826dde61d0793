import ClauseModel
import Foundation

/// Settings from a `.clauselint.yml`:
///
/// ```yaml
/// rules:
///   disable: [vague-quantity]          # rule ids to turn off
///   enable: [some-opt-in-rule]         # opt-in rules (enabled: false in their file) to turn on
///   severity: {vague-effort: error}    # severity overrides
/// rule_folders: [company-rules]        # more rule folders, relative to this file
/// contract_type: customer              # when the title does not say
/// exclude: ["drafts/**", "**/*.bak.md"]  # globs, relative to this file
/// ```
///
/// Unknown keys are errors at their line; unknown rule ids are errors once the rule set is
/// known (`validate(against:)`), because a silently ignored setting is a setting that lies.
public struct LintConfiguration: Sendable {
    /// The file it came from; nil for the built-in defaults.
    public var path: String?
    /// The folder relative paths are resolved against.
    public var baseDirectory: String
    public var enabledRules: Set<String>
    public var disabledRules: Set<String>
    public var severityOverrides: [String: Severity]
    /// Absolute paths of extra rule folders.
    public var ruleFolders: [String]
    public var contractType: String?
    public var exclude: [String]
    /// Where each rule id is named, for errors about unknown ids.
    public var ruleReferences: [(id: String, line: Int, column: Int)]

    public init(
        path: String? = nil,
        baseDirectory: String = FileManager.default.currentDirectoryPath,
        enabledRules: Set<String> = [],
        disabledRules: Set<String> = [],
        severityOverrides: [String: Severity] = [:],
        ruleFolders: [String] = [],
        contractType: String? = nil,
        exclude: [String] = []
    ) {
        self.path = path
        self.baseDirectory = baseDirectory
        self.enabledRules = enabledRules
        self.disabledRules = disabledRules
        self.severityOverrides = severityOverrides
        self.ruleFolders = ruleFolders
        self.contractType = contractType
        self.exclude = exclude
        self.ruleReferences = []
    }

    /// No file: every default rule on, at its own severity.
    public static let `default` = LintConfiguration()

    public static let fileName = ".clauselint.yml"

    public static func load(path: String) throws -> LintConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(path: path, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(path: path, message: "the configuration file is not UTF-8")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> LintConfiguration {
        let base = (path as NSString).deletingLastPathComponent
        var configuration = LintConfiguration(path: path, baseDirectory: base.isEmpty ? "." : base)
        let root = try YAMLValue.parse(text, path: path).mapping("the configuration")
        try root.rejectUnknownKeys(allowed: ["rules", "rule_folders", "contract_type", "exclude"], in: "\(fileName)")
        if let rules = root["rules"] {
            let map = try rules.mapping("rules")
            try map.rejectUnknownKeys(allowed: ["enable", "disable", "severity"], in: "rules")
            for (key, keyPath) in [("enable", \LintConfiguration.enabledRules), ("disable", \.disabledRules)] {
                for item in try map[key]?.list("rules.\(key)") ?? [] {
                    let id = try item.string("a rule id")
                    configuration[keyPath: keyPath].insert(id)
                    configuration.ruleReferences.append((id, item.line, item.column))
                }
            }
            if let severity = map["severity"] {
                for entry in try severity.mapping("rules.severity").entries {
                    guard let level = Severity(rawValue: try entry.value.string("a severity")) else {
                        throw entry.value.error("severity for '\(entry.key)' must be error, warning or info")
                    }
                    configuration.severityOverrides[entry.key] = level
                    configuration.ruleReferences.append((entry.key, entry.keyLine, entry.keyColumn))
                }
            }
            for id in configuration.enabledRules.intersection(configuration.disabledRules) {
                let place = configuration.ruleReferences.last { $0.id == id }!
                throw Diagnostic(path: path, line: place.line, column: place.column, message: "rule '\(id)' is both enabled and disabled")
            }
        }
        for folder in try root["rule_folders"]?.list("rule_folders") ?? [] {
            let relative = try folder.string("a rule folder")
            configuration.ruleFolders.append(Self.absolute(relative, base: configuration.baseDirectory))
        }
        configuration.contractType = try root["contract_type"]?.string("contract_type")
        configuration.exclude = try root["exclude"]?.stringList("exclude") ?? []
        return configuration
    }

    static func absolute(_ path: String, base: String) -> String {
        if path.hasPrefix("/") { return path }
        return ((base as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    /// Errors for rule ids and a contract type the rule set does not know, at their lines.
    public func validate(against ruleSet: RuleSet) throws {
        var problems: [Diagnostic] = []
        let known = Set(ruleSet.rules.map(\.id))
        for reference in ruleReferences where !known.contains(reference.id) {
            let suggestion = Self.closest(reference.id, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            problems.append(Diagnostic(path: path ?? Self.fileName, line: reference.line, column: reference.column, message: "unknown rule id '\(reference.id)'\(suggestion)"))
        }
        if let contractType, ruleSet.contractTypes.type(withID: contractType) == nil {
            problems.append(Diagnostic(path: path ?? Self.fileName, message: "unknown contract_type '\(contractType)' (known: \(ruleSet.contractTypes.types.map(\.id).joined(separator: ", ")))"))
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
    }

    /// Whether a rule runs under this configuration.
    public func isEnabled(_ rule: Rule) -> Bool {
        if disabledRules.contains(rule.id) { return false }
        return rule.enabledByDefault || enabledRules.contains(rule.id)
    }

    public func severity(for rule: Rule) -> Severity { severityOverrides[rule.id] ?? rule.severity }

    /// True when `path` matches one of the `exclude` globs (relative to the configuration's
    /// folder; `*` stays within a folder, `**` crosses folders).
    public func isExcluded(_ path: String) -> Bool {
        if exclude.isEmpty { return false }
        let absolute = Self.absolute(path, base: FileManager.default.currentDirectoryPath)
        var relative = absolute
        let base = Self.absolute(baseDirectory, base: FileManager.default.currentDirectoryPath)
        if absolute.hasPrefix(base + "/") { relative = String(absolute.dropFirst(base.count + 1)) }
        return exclude.contains { Glob.matches($0, relative) || Glob.matches($0, (relative as NSString).lastPathComponent) }
    }

    static func closest(_ id: String, in known: Set<String>) -> String? {
        known.map { ($0, Self.editDistance($0, id)) }.filter { $0.1 <= max(2, id.count / 4) }.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Finds the configuration for each file: `--config` if given, else the nearest
/// `.clauselint.yml` in the file's folder or above it, else the defaults.
public struct ConfigurationResolver: Sendable {
    public var explicitPath: String?

    public init(explicitPath: String? = nil) {
        self.explicitPath = explicitPath
    }

    /// The configuration file that applies to `file`, if any.
    public func configurationPath(for file: String) -> String? {
        if let explicitPath { return explicitPath }
        var directory = LintConfiguration.absolute((file as NSString).deletingLastPathComponent, base: FileManager.default.currentDirectoryPath)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            directory = LintConfiguration.absolute(file, base: FileManager.default.currentDirectoryPath)
        }
        while true {
            let candidate = (directory as NSString).appendingPathComponent(LintConfiguration.fileName)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { return nil }
            directory = parent
        }
    }

    /// The configuration for `file` (callers linting many files should cache by
    /// `configurationPath(for:)`).
    public func resolve(for file: String) throws -> LintConfiguration {
        guard let path = configurationPath(for: file) else { return .default }
        return try LintConfiguration.load(path: path)
    }
}

/// Minimal glob matching for `exclude`: `*` (within a path segment), `**` (any folders), `?`.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.utf8)[...], Array(path.utf8)[...])
    }

    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        let slash = UInt8(ascii: "/")
        if first == UInt8(ascii: "*") {
            if pattern.dropFirst().first == UInt8(ascii: "*") {
                var rest = pattern.dropFirst(2)
                if rest.first == slash { rest = rest.dropFirst() }
                var index = text.startIndex
                while true {
                    if match(rest, text[index...]) { return true }
                    if index == text.endIndex { return false }
                    index += 1
                }
            }
            var index = text.startIndex
            while true {
                if match(pattern.dropFirst(), text[index...]) { return true }
                if index == text.endIndex || text[index] == slash { return false }
                index += 1
            }
        }
        guard let character = text.first else { return false }
        if first == UInt8(ascii: "?") ? character != slash : first == character {
            return match(pattern.dropFirst(), text.dropFirst())
        }
        return false
    }
}
