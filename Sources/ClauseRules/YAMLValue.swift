import ClauseModel
import Yams

/// A YAML value with the place it was written, so every complaint about a rule, category or
/// configuration file can name `file:line:column` (Yams' `Node` carries marks; this keeps them
/// in a small Sendable tree that the loaders walk).
public struct YAMLValue: Sendable {
    public enum Content: Sendable {
        case scalar(String)
        case sequence([YAMLValue])
        /// Keys in file order (order matters for readable errors and generated docs).
        case mapping([(key: String, keyLine: Int, keyColumn: Int, value: YAMLValue)])
        case null
    }

    public var content: Content
    public var path: String
    public var line: Int
    public var column: Int

    /// Parses YAML text; a syntax error becomes a `Diagnostic` at the place libyaml reports.
    public static func parse(_ text: String, path: String) throws -> YAMLValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.diagnostic(for: error, path: path)
        }
        guard let node else { return YAMLValue(content: .null, path: path, line: 1, column: 1) }
        return try convert(node, path: path)
    }

    private static func convert(_ node: Node, path: String) throws -> YAMLValue {
        let line = node.mark?.line ?? 1
        let column = node.mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            // A plain `~`, `null` or empty scalar is YAML's null; quoted ones are strings.
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return YAMLValue(content: .null, path: path, line: line, column: column)
            }
            return YAMLValue(content: .scalar(scalar.string), path: path, line: line, column: column)
        case .sequence(let sequence):
            return YAMLValue(content: .sequence(try sequence.map { try convert($0, path: path) }), path: path, line: line, column: column)
        case .mapping(let mapping):
            var entries: [(key: String, keyLine: Int, keyColumn: Int, value: YAMLValue)] = []
            var seen = Set<String>()
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Diagnostic(path: path, line: key.mark?.line ?? line, column: key.mark?.column ?? column, message: "mapping keys must be plain strings")
                }
                if !seen.insert(keyScalar.string).inserted {
                    throw Diagnostic(path: path, line: key.mark?.line ?? line, column: key.mark?.column ?? column, message: "duplicate key '\(keyScalar.string)'")
                }
                entries.append((keyScalar.string, key.mark?.line ?? line, key.mark?.column ?? column, try convert(value, path: path)))
            }
            return YAMLValue(content: .mapping(entries), path: path, line: line, column: column)
        case .alias:
            throw Diagnostic(path: path, line: line, column: column, message: "YAML aliases are not supported here; write the value out")
        }
    }

    static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line)): " } ?? ""
            return Diagnostic(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(path: path, line: context.mark.line, column: context.mark.column, message: "duplicate key(s) \(duplicates.joined(separator: ", "))")
        default:
            return Diagnostic(path: path, message: "invalid YAML: \(error)")
        }
    }

    // MARK: Typed access; every failure names the place.

    public func error(_ message: String) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, message: message)
    }

    public var isNull: Bool { if case .null = content { return true } else { return false } }

    public func string(_ what: String) throws -> String {
        if case .scalar(let value) = content { return value }
        throw error("\(what) must be a string")
    }

    public func stringList(_ what: String) throws -> [String] {
        switch content {
        case .scalar(let value): return [value]
        case .sequence(let items): return try items.map { try $0.string("each entry of \(what)") }
        case .null: return []
        case .mapping: throw error("\(what) must be a list of strings")
        }
    }

    public func list(_ what: String) throws -> [YAMLValue] {
        switch content {
        case .sequence(let items): return items
        case .null: return []
        default: throw error("\(what) must be a list")
        }
    }

    public func int(_ what: String) throws -> Int {
        if case .scalar(let value) = content, let number = Int(value) { return number }
        throw error("\(what) must be a whole number")
    }

    public func double(_ what: String) throws -> Double {
        if case .scalar(let value) = content, let number = Double(value) { return number }
        throw error("\(what) must be a number")
    }

    public func bool(_ what: String) throws -> Bool {
        if case .scalar(let value) = content {
            switch value.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw error("\(what) must be true or false")
    }

    /// A mapping's entries; fails with the place when the value is not a mapping.
    public func mapping(_ what: String) throws -> YAMLMapping {
        if case .mapping(let entries) = content { return YAMLMapping(value: self, entries: entries) }
        if case .null = content { return YAMLMapping(value: self, entries: []) }
        throw error("\(what) must be a mapping (key: value)")
    }
}

/// A YAML mapping with the lookups loaders need, including the check that catches typos:
/// `rejectUnknownKeys` turns `severty:` into an error at its line instead of silently ignoring it.
public struct YAMLMapping: Sendable {
    public var value: YAMLValue
    public var entries: [(key: String, keyLine: Int, keyColumn: Int, value: YAMLValue)]

    public subscript(key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    public var keys: [String] { entries.map(\.key) }

    public func required(_ key: String, in what: String) throws -> YAMLValue {
        guard let found = self[key], !found.isNull else {
            throw value.error("\(what) is missing the required key '\(key)'")
        }
        return found
    }

    public func rejectUnknownKeys(allowed: Set<String>, in what: String) throws {
        for entry in entries where !allowed.contains(entry.key) {
            let known = allowed.sorted().joined(separator: ", ")
            throw Diagnostic(path: value.path, line: entry.keyLine, column: entry.keyColumn, message: "unknown key '\(entry.key)' in \(what) (known keys: \(known))")
        }
    }
}
