import ClauseModel
import ClauseRules
import Foundation
import SwiftCSV

/// Where a dispute stands. Only open disputes are linked unless closed ones are asked for.
public enum DisputeStatus: String, Sendable, Codable, CaseIterable {
    case open
    case resolved
    case closed
}

/// One dispute from a register (a helpdesk or spreadsheet export).
public struct Dispute: Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String
    public var status: DisputeStatus
    /// A path, a glob (`contracts/*.md`) or a contract name (file name without extension);
    /// nil means every contract given.
    public var contract: String?
    /// Explicit clause references (`7.2`, `Section 12(b)`, `§4`).
    public var clauses: [String]
    public var customer: String?
    public var opened: String?
    public var url: String?
    /// Fields this tool does not know, passed through to the output untouched.
    public var extra: [String: String]
    /// Where the dispute is written in the register (1-based line).
    public var line: Int

    public init(id: String, title: String = "", description: String = "", status: DisputeStatus = .open, contract: String? = nil, clauses: [String] = [], customer: String? = nil, opened: String? = nil, url: String? = nil, extra: [String: String] = [:], line: Int = 1) {
        self.id = id
        self.title = title
        self.description = description
        self.status = status
        self.contract = contract
        self.clauses = clauses
        self.customer = customer
        self.opened = opened
        self.url = url
        self.extra = extra
        self.line = line
    }

    /// What locating searches for: the title and the description, and the explicit references.
    public var query: LocateQuery {
        LocateQuery(text: [title, description].filter { !$0.isEmpty }.joined(separator: ". "), clauseReferences: clauses)
    }

    public var isOpen: Bool { status == .open }
}

/// A dispute register: the disputes that could be read, and the problems with the others.
///
/// A malformed file throws a `Diagnostic` at its line (`file:line:column: error: …`); a
/// dispute that is readable but unusable (no description and no clause references, a bad
/// status) is left out with an error `Diagnostic` of its own, so the other disputes still count.
public struct DisputeRegister: Sendable {
    public var path: String
    public var disputes: [Dispute]
    /// Problems with single disputes (each names the dispute's line).
    public var problems: [Diagnostic]

    public init(path: String, disputes: [Dispute], problems: [Diagnostic] = []) {
        self.path = path
        self.disputes = disputes
        self.problems = problems
    }

    /// The field names the register knows; others go to `extra`.
    public static let knownFields: Set<String> = ["id", "title", "description", "status", "contract", "clauses", "customer", "opened", "url"]

    /// Reads a register; the format comes from the extension (`.yml`/`.yaml`, `.json`, `.csv`).
    public static func load(path: String) throws -> DisputeRegister {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(path: path, message: "cannot read the dispute register")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(path: path, message: "the dispute register is not UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        return try parse(text, path: path)
    }

    public enum Format: String, Sendable { case yaml, json, csv }

    public static func format(ofPath path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "yml", "yaml": .yaml
        case "json": .json
        case "csv": .csv
        default: nil
        }
    }

    public static func parse(_ text: String, path: String, format: Format? = nil) throws -> DisputeRegister {
        guard let format = format ?? Self.format(ofPath: path) else {
            throw Diagnostic(path: path, message: "unknown dispute register format '\((path as NSString).pathExtension)' (use .yml, .yaml, .json or .csv)")
        }
        switch format {
        case .yaml, .json: return try parseStructured(text, path: path)
        case .csv: return try parseCSV(text, path: path)
        }
    }

    // MARK: YAML and JSON (JSON is YAML; Yams keeps the line of every value)

    static func parseStructured(_ text: String, path: String) throws -> DisputeRegister {
        let root = try YAMLValue.parse(text, path: path)
        var items: [YAMLValue]
        switch root.content {
        case .sequence(let list):
            items = list
        case .mapping:
            let map = try root.mapping("a dispute register")
            guard let list = map["disputes"] else {
                throw root.error("a dispute register must be a list of disputes or a mapping with 'disputes:'")
            }
            items = try list.list("disputes")
        case .null:
            items = []
        case .scalar:
            throw root.error("a dispute register must be a list of disputes or a mapping with 'disputes:'")
        }
        var register = DisputeRegister(path: path, disputes: [])
        for item in items {
            let map = try item.mapping("a dispute")
            var fields: [String: (value: String, line: Int)] = [:]
            var clauses: [String] = []
            for entry in map.entries {
                switch entry.value.content {
                case .scalar(let value):
                    if entry.key == "clauses" { clauses = splitReferences(value) } else { fields[entry.key] = (value, entry.value.line) }
                case .sequence(let values):
                    let strings = try values.map { try $0.string("each entry of \(entry.key)") }
                    if entry.key == "clauses" { clauses = strings } else { fields[entry.key] = (strings.joined(separator: ", "), entry.value.line) }
                case .null:
                    continue
                case .mapping:
                    throw Diagnostic(path: path, line: entry.keyLine, column: entry.keyColumn, message: "dispute field '\(entry.key)' must be a string or a list, not a mapping")
                }
            }
            register.add(fields: fields, clauses: clauses, line: item.line, column: item.column)
        }
        return register
    }

    // MARK: CSV (SwiftCSV), with line numbers counted from the fields' line breaks

    static func parseCSV(_ text: String, path: String) throws -> DisputeRegister {
        let rows: [[String]]
        let header: [String]
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
            header = csv.header
            rows = csv.rows
        } catch {
            throw Diagnostic(path: path, line: csvErrorLine(text), message: "malformed CSV: \(csvMessage(error))")
        }
        if text.reduce(0, { $0 + ($1 == "\"" ? 1 : 0) }) % 2 == 1 {
            throw Diagnostic(path: path, line: csvErrorLine(text), message: "malformed CSV: a quoted field is never closed")
        }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard columns.contains("id") else {
            throw Diagnostic(path: path, line: 1, message: "the CSV header has no 'id' column (columns: \(header.joined(separator: ", ")))")
        }
        var line = 1 + header.reduce(0) { $0 + $1.filter { $0 == "\n" }.count } + 1
        var register = DisputeRegister(path: path, disputes: [])
        for row in rows {
            defer { line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count } }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let filled = row.enumerated().filter { !$0.element.isEmpty }.map(\.offset).max() ?? 0
            if filled >= columns.count {
                throw Diagnostic(path: path, line: line, message: "row has \(filled + 1) fields but the header has \(columns.count)")
            }
            var fields: [String: (value: String, line: Int)] = [:]
            for (index, name) in columns.enumerated() where index < row.count && !name.isEmpty {
                let value = row[index]
                if !value.isEmpty { fields[name] = (value, line) }
            }
            let clauses = fields.removeValue(forKey: "clauses").map { splitReferences($0.value) } ?? []
            register.add(fields: fields, clauses: clauses, line: line, column: 1)
        }
        return register
    }

    /// The line where parsing fails: the start of the row SwiftCSV stops at, found by parsing
    /// ever longer prefixes (SwiftCSV reports no positions).
    static func csvErrorLine(_ text: String) -> Int {
        var good = 0   // a row limit that parses
        var bad = Int.max   // the smallest known row limit that fails: row `bad` is broken
        // Find the smallest row limit that fails.
        var limit = 1
        while limit < 1_000_000 {
            if (try? EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: limit)) == nil { bad = limit; break }
            good = limit
            limit *= 2
        }
        if bad == Int.max {
            // Unclosed quote: the row that opens it runs to the end; report its start.
            guard let csv = try? EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false) else { return 1 }
            var line = 2 + csv.header.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            for row in csv.rows.dropLast() { line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count } }
            return line
        }
        while bad - good > 1 {
            let middle = (good + bad) / 2
            if (try? EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: middle)) == nil { bad = middle } else { good = middle }
        }
        guard let csv = try? EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: good) else { return 1 }
        var line = 2 + csv.header.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        for row in csv.rows.prefix(good) { line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count } }
        return line
    }

    static func csvMessage(_ error: Error) -> String {
        switch error {
        case CSVParseError.quotation(let message): return "bad quoting (\(message))"
        case CSVParseError.generic(let message): return message
        default: return "\(error)"
        }
    }

    /// `7.2; Section 12(b), §4` → three references (a list written in one cell).
    static func splitReferences(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" || $0 == "|" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Checks one dispute's fields and adds it, or records why it cannot be used.
    mutating func add(fields: [String: (value: String, line: Int)], clauses: [String], line: Int, column: Int) {
        func value(_ key: String) -> String? {
            guard let raw = fields[key]?.value.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
            return raw
        }
        guard let id = value("id") else {
            problems.append(Diagnostic(path: path, line: line, column: column, message: "dispute without an 'id'; it is left out"))
            return
        }
        if disputes.contains(where: { $0.id == id }) {
            problems.append(Diagnostic(path: path, line: line, column: column, message: "dispute id '\(id)' is used twice; the second one is left out"))
            return
        }
        var status = DisputeStatus.open
        if let written = value("status") {
            guard let parsed = DisputeStatus(rawValue: written.lowercased()) else {
                problems.append(Diagnostic(path: path, line: fields["status"]?.line ?? line, column: column, message: "dispute \(id): status '\(written)' is not open, resolved or closed; the dispute is left out"))
                return
            }
            status = parsed
        }
        let description = value("description") ?? ""
        if description.isEmpty, clauses.isEmpty {
            problems.append(Diagnostic(path: path, line: line, column: column, message: "dispute \(id) has an empty description and no clause references: nothing to locate; it is left out"))
            return
        }
        var extra: [String: String] = [:]
        for (key, entry) in fields where !Self.knownFields.contains(key) { extra[key] = entry.value }
        disputes.append(Dispute(
            id: id,
            title: value("title") ?? "",
            description: description,
            status: status,
            contract: value("contract"),
            clauses: clauses,
            customer: value("customer"),
            opened: value("opened"),
            url: value("url"),
            extra: extra,
            line: line
        ))
    }
}
