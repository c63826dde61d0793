import ClauseModel

/// Suppression markers written in the contract itself, in any format:
///
/// - `clauselint-disable-next-line RULE[, RULE…]` — the next non-blank line;
/// - `clauselint-disable-line RULE` — the line it is on (at the end of a line of text);
/// - `clauselint-disable RULE` … `clauselint-enable RULE` — a region (to the end if not closed);
/// - `clauselint-disable-file RULE` — the whole document, including missing-clause findings.
///
/// Without a rule id a marker applies to every rule. A reason may follow ` -- `. Apart from
/// `disable-line`, a marker stands on its own line behind any comment-like prefix (`//`, `#`,
/// `%`, `[ ]`, `<!--` … `-->` in Markdown, HTML and XML).
public struct InlineSuppressions: Sendable {
    public struct Marker: Sendable, Hashable {
        public enum Action: String, Sendable { case nextLine = "disable-next-line", line = "disable-line", disable, enable, file = "disable-file" }
        public var action: Action
        /// Empty: every rule.
        public var ruleIDs: [String]
        public var reason: String?
        public var line: Int
        public var column: Int
    }

    struct Scope: Sendable {
        var ruleIDs: Set<String>   // empty = all
        var lines: ClosedRange<Int>
        var reason: String?
    }

    public private(set) var markers: [Marker] = []
    private var scopes: [Scope] = []

    static let prefix = Array("clauselint-".utf8)

    public init(document: Document) {
        let bytes = document.bytes
        let occurrences = ByteSearch.occurrences(of: Self.prefix, in: bytes)
        if occurrences.isEmpty { return }
        var open: [String: (line: Int, reason: String?)] = [:]   // "" = all rules
        for offset in occurrences {
            let line = document.lines.line(at: offset)
            let lineRange = document.lines.lineRange(line)
            guard let marker = Self.parse(bytes, offset: offset, lineRange: lineRange, line: line, column: document.lines.position(at: offset).column) else { continue }
            markers.append(marker)
            let ids = Set(marker.ruleIDs)
            switch marker.action {
            case .line:
                scopes.append(Scope(ruleIDs: ids, lines: line...line, reason: marker.reason))
            case .nextLine:
                var target = line + 1
                while target <= document.lines.lineCount, document.lines.lineRange(target).allSatisfy({ bytes[$0] == 0x20 || bytes[$0] == 0x09 }) { target += 1 }
                scopes.append(Scope(ruleIDs: ids, lines: line...max(line, target), reason: marker.reason))
            case .file:
                scopes.append(Scope(ruleIDs: ids, lines: 0...Int.max, reason: marker.reason))
            case .disable:
                for id in marker.ruleIDs.isEmpty ? [""] : marker.ruleIDs where open[id] == nil { open[id] = (line, marker.reason) }
            case .enable:
                for id in marker.ruleIDs.isEmpty ? Array(open.keys) : marker.ruleIDs {
                    if let start = open.removeValue(forKey: id) {
                        scopes.append(Scope(ruleIDs: id.isEmpty ? [] : [id], lines: start.line...line, reason: start.reason))
                    }
                }
            }
        }
        for (id, start) in open {
            scopes.append(Scope(ruleIDs: id.isEmpty ? [] : [id], lines: start.line...Int.max, reason: start.reason))
        }
    }

    static func parse(_ bytes: [UInt8], offset: Int, lineRange: Range<Int>, line: Int, column: Int) -> Marker? {
        var index = offset + prefix.count
        var word: [UInt8] = []
        while index < lineRange.upperBound, bytes[index] != 0x20, bytes[index] != 0x09 { word.append(bytes[index]); index += 1 }
        guard let action = Marker.Action(rawValue: String(decoding: word, as: UTF8.self)) else { return nil }
        // Own line: nothing but comment punctuation before the marker.
        if action != .line {
            let before = bytes[lineRange.lowerBound..<offset]
            if before.contains(where: { PhraseAutomaton.isWordByte($0) }) { return nil }
        }
        var rest = String(decoding: bytes[index..<lineRange.upperBound], as: UTF8.self)
        for closing in ["-->", "*/"] {
            if let range = rest.firstRange(of: closing) { rest = String(rest[..<range.lowerBound]) }
        }
        var reason: String?
        if let range = rest.firstRange(of: " -- ") {
            reason = String(rest[range.upperBound...]).trimmed(" \t")
            rest = String(rest[..<range.lowerBound])
        }
        let ids = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "]" }).map(String.init).filter { !$0.isEmpty }
        return Marker(action: action, ruleIDs: ids, reason: reason?.isEmpty == true ? nil : reason, line: line, column: column)
    }

    /// The suppression covering a finding, if any.
    public func suppression(for finding: Finding) -> Suppression? {
        let line = finding.span.startLine
        for scope in scopes where scope.lines.contains(line) && (scope.ruleIDs.isEmpty || scope.ruleIDs.contains(finding.ruleID)) {
            if finding.isDocumentLevel && scope.lines.lowerBound != 0 { continue }   // only disable-file
            return Suppression(kind: "inSource", justification: scope.reason)
        }
        return nil
    }
}
