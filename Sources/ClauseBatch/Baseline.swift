import ClauseModel
import Foundation

/// The findings a collection already had when clauselint was adopted, so a run can report only
/// new ones (`lint --baseline FILE`; recorded with `--write-baseline FILE`).
///
/// A finding is known by its file and `Finding.fingerprint` (rule, clause id, matched text):
/// no line numbers, so edits that only move text up or down do not bring old findings back.
/// Matching counts: a file with two identical findings and a baseline of one reports one.
///
/// The file is JSON, one entry per file and fingerprint, sorted, so it diffs well in review:
/// `{"version": 1, "tool": "clauselint", "findings": [{"path", "fingerprint", "count", "rule", "clause", "text"}]}`.
/// `rule`, `clause` and `text` are there for people reading the file; matching uses
/// `path` + `fingerprint`. Paths are relative to the baseline file's folder, so a baseline
/// committed at the repository root works from any working directory.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Codable, Sendable, Hashable {
        public var path: String
        public var fingerprint: String
        public var count: Int
        public var rule: String
        public var clause: String?
        public var text: String

        public init(path: String, fingerprint: String, count: Int, rule: String, clause: String?, text: String) {
            self.path = path
            self.fingerprint = fingerprint
            self.count = count
            self.rule = rule
            self.clause = clause
            self.text = text
        }
    }

    private struct FileFormat: Codable {
        var version: Int
        var tool: String
        var findings: [Entry]
    }

    public static let formatVersion = 1

    /// The folder paths in the baseline are relative to (absolute).
    public var baseDirectory: String
    /// Counts by baseline-relative path, then fingerprint.
    public private(set) var counts: [String: [String: Int]]
    private var entries: [String: Entry]

    public init(baseDirectory: String) {
        self.baseDirectory = PathKey.absolute(baseDirectory)
        self.counts = [:]
        self.entries = [:]
    }

    /// Reads a baseline file; a missing or malformed file is a `Diagnostic` (a usage error:
    /// silently reporting everything as new would flood the run).
    public static func load(path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(path: path, message: "cannot read the baseline file (record one with --write-baseline)")
        }
        let file: FileFormat
        do {
            file = try JSONDecoder().decode(FileFormat.self, from: data)
        } catch {
            throw Diagnostic(path: path, message: "not a clauselint baseline: \(Self.describe(error))")
        }
        guard file.version == formatVersion else {
            throw Diagnostic(path: path, message: "baseline version \(file.version) is not supported (expected \(formatVersion))")
        }
        var baseline = Baseline(baseDirectory: PathKey.folder(of: path))
        for entry in file.findings {
            guard entry.count > 0 else {
                throw Diagnostic(path: path, message: "entry for \(entry.path) (\(entry.rule)) has count \(entry.count); counts must be positive")
            }
            baseline.add(entry)
        }
        return baseline
    }

    /// Records one finding of the file at `path` (a path as reports show it).
    public mutating func record(_ finding: Finding, path: String) {
        add(Entry(path: PathKey.relative(path, to: baseDirectory), fingerprint: finding.fingerprint, count: 1, rule: finding.ruleID, clause: finding.clause?.id, text: finding.isDocumentLevel ? finding.message : finding.matchedText))
    }

    private mutating func add(_ entry: Entry) {
        counts[entry.path, default: [:]][entry.fingerprint, default: 0] += entry.count
        let key = entry.path + "\u{1F}" + entry.fingerprint
        if var existing = entries[key] {
            existing.count += entry.count
            entries[key] = existing
        } else {
            entries[key] = entry
        }
    }

    public var totalCount: Int { entries.values.reduce(0) { $0 + $1.count } }

    /// Splits one file's findings into new ones and ones the baseline already has (count-aware:
    /// each baseline occurrence absorbs one finding, earliest first). Suppressed findings are
    /// passed through untouched.
    public func partition(_ findings: [Finding], path: String) -> (new: [Finding], known: Int) {
        guard var remaining = counts[PathKey.relative(path, to: baseDirectory)] else { return (findings, 0) }
        var fresh: [Finding] = []
        var known = 0
        for finding in findings {
            if finding.suppression == nil, let left = remaining[finding.fingerprint], left > 0 {
                remaining[finding.fingerprint] = left - 1
                known += 1
            } else {
                fresh.append(finding)
            }
        }
        return (fresh, known)
    }

    /// The file's bytes: sorted entries, pretty JSON.
    public func encoded() throws -> Data {
        let sorted = entries.values.sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(FileFormat(version: Self.formatVersion, tool: "clauselint", findings: sorted))
        data.append(0x0A)
        return data
    }

    public static func == (lhs: Baseline, rhs: Baseline) -> Bool { lhs.counts == rhs.counts }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.debugDescription) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context):
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        default:
            return "\(error)"
        }
    }
}

/// Path arithmetic for keys that must not depend on the working directory.
enum PathKey {
    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    static func folder(of file: String) -> String {
        (absolute(file) as NSString).deletingLastPathComponent
    }

    /// `path` relative to `base` when it lies below it, else absolute.
    static func relative(_ path: String, to base: String) -> String {
        let full = absolute(path)
        if base == "/" { return String(full.dropFirst()) }
        if full.hasPrefix(base + "/") { return String(full.dropFirst(base.count + 1)) }
        // Outside the base: walk up with `..` so moving the whole tree keeps keys stable.
        let fullParts = full.split(separator: "/")
        let baseParts = base.split(separator: "/")
        var common = 0
        while common < min(fullParts.count, baseParts.count), fullParts[common] == baseParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: baseParts.count - common)
        return (ups + fullParts[common...].map(String.init)).joined(separator: "/")
    }
}
