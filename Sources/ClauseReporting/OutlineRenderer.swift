import ClauseModel

/// Renders clause trees for `clauselint outline`: a text tree for people and a JSON form
/// (schema in docs/outline-json.md) for tools and golden tests.
public enum OutlineRenderer {
    /// The clause tree of one document:
    ///
    ///     Fixtures/services.md (markdown, 14 clauses)
    ///     ├── preamble (preamble, lines 1–3)
    ///     ├── 1 "Definitions" (section, lines 4–10) [definitions]
    ///     │   └── 1.1 "Services" (section, lines 5–7)
    ///     └── 12 "Refunds" (section, lines 40–52) [refund, payment]
    public static func text(_ document: Document, useColor: Bool = false) -> String {
        let style = TextStyle(enabled: useColor)
        let count = document.allClauses.count
        var output = style.apply(.bold, document.path) + " (\(document.format.rawValue), \(plural(count, "clause")))\n"
        func visit(_ clauses: [Clause], prefix: String) {
            for (index, clause) in clauses.enumerated() {
                let last = index == clauses.count - 1
                output += prefix + (last ? "└── " : "├── ") + line(clause, style: style) + "\n"
                visit(clause.children, prefix: prefix + (last ? "    " : "│   "))
            }
        }
        visit(document.clauses, prefix: "")
        return output
    }

    /// Text trees of several documents, separated by blank lines.
    public static func text(_ documents: [Document], useColor: Bool = false) -> String {
        documents.map { text($0, useColor: useColor) }.joined(separator: "\n")
    }

    /// `{"documents":[…]}` for these documents, pretty-printed with sorted keys.
    public static func json(_ documents: [Document]) -> String {
        var writer = OutlineJSONWriter()
        var output = writer.begin()
        for document in documents { output += writer.document(document) }
        return output + writer.finish()
    }

    /// One document's JSON object: `{"path","format","clauses":[…]}`.
    public static func documentJSON(_ document: Document) -> JSONValue {
        .object([
            ("path", .string(document.path)),
            ("format", .string(document.format.rawValue)),
            ("clauses", .array(document.clauses.map(clauseJSON))),
        ])
    }

    /// A clause and its subtree, with the field names of `ClauseModel.Clause`.
    public static func clauseJSON(_ clause: Clause) -> JSONValue {
        .object([
            ("id", .string(clause.id)),
            ("number", .optional(clause.number)),
            ("heading", .optional(clause.heading)),
            ("kind", .string(clause.kind.rawValue)),
            ("level", .int(clause.level)),
            ("categories", .strings(clause.categories)),
            ("span", ModelJSON.span(clause.span)),
            ("references", .array(clause.references.map { reference in
                .object([
                    ("text", .string(reference.text)),
                    ("span", ModelJSON.span(reference.span)),
                    ("targetIDs", .strings(reference.targetIDs)),
                ])
            })),
            ("children", .array(clause.children.map(clauseJSON))),
        ])
    }

    static func line(_ clause: Clause, style: TextStyle) -> String {
        let summary = ClauseSummary(clause)
        var text = summary.displayNumber
        if let heading = clause.heading, !heading.isEmpty { text += (text.isEmpty ? "" : " ") + "\"\(heading)\"" }
        if text.isEmpty { text = clause.id }
        let span = clause.span
        let lastLine = span.lastTextLine
        let lines = lastLine == span.startLine ? "line \(span.startLine)" : "lines \(span.startLine)–\(lastLine)"
        text = style.apply(.bold, text) + style.apply(.dim, " (\(clause.kind.rawValue), \(lines))")
        if !clause.categories.isEmpty { text += " " + style.apply(.cyan, "[" + clause.categories.joined(separator: ", ") + "]") }
        return text
    }
}

/// Streams the outline JSON one document at a time (for folders: memory bounded by one tree).
public struct OutlineJSONWriter: Sendable {
    private var count = 0

    public init() {}

    public mutating func begin() -> String {
        count = 0
        return "{\n  \"documents\": ["
    }

    public mutating func document(_ document: Document) -> String {
        defer { count += 1 }
        return (count == 0 ? "\n    " : ",\n    ") + OutlineRenderer.documentJSON(document).serialized(pretty: true, indent: 2)
    }

    public func finish() -> String {
        (count == 0 ? "]" : "\n  ]") + "\n}\n"
    }
}
