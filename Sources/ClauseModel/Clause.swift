/// What a clause is in the contract's structure. Rules and reporters use it to tell a
/// definition from an operative clause, or a signature block from the body.
public enum ClauseKind: String, Codable, Sendable, CaseIterable {
    case title
    case preamble
    case recital
    case article
    case section
    case clause
    case subClause = "sub-clause"
    case definition
    case schedule
    case signatureBlock = "signature-block"
    case heading
    case paragraph
}

/// A reference from a clause's text to another part of the contract ("Section 4.2",
/// "Schedule B"), resolved against the clause tree by the structural checks so that
/// dispute linking can follow it.
public struct ClauseReference: Hashable, Codable, Sendable {
    /// The reference as written, e.g. `Section 4.2(b)`.
    public var text: String
    /// Where it is written.
    public var span: SourceSpan
    /// Ids of the clauses it resolves to; empty when it points nowhere.
    public var targetIDs: [String]

    public init(text: String, span: SourceSpan, targetIDs: [String]) {
        self.text = text
        self.span = span
        self.targetIDs = targetIDs
    }
}

/// One node of a contract's clause tree.
///
/// A value type: parsers build the tree, later stages return annotated copies (categories,
/// references) rather than mutating shared state.
public struct Clause: Hashable, Codable, Sendable {
    /// Stable id from the numbering path (`12.3(b)`, `article-II`, `schedule-A`), or a slug of
    /// the heading for unnumbered clauses; unique within a document.
    public var id: String
    /// The number exactly as written (`12.3`, `(b)`, `ARTICLE IV`), if any.
    public var number: String?
    public var heading: String?
    public var kind: ClauseKind
    /// Depth in the tree: top-level clauses have level 1.
    public var level: Int
    /// From the first character of the clause (its number or heading) to the end of its last
    /// child; children lie inside it.
    public var span: SourceSpan
    /// Clause categories (`dispute-resolution`, `refund`, …) assigned by the rules stage.
    public var categories: [String]
    /// Cross-references found in this clause's own text, resolved by the structural checks.
    public var references: [ClauseReference]
    public var children: [Clause]

    public init(
        id: String,
        number: String? = nil,
        heading: String? = nil,
        kind: ClauseKind,
        level: Int,
        span: SourceSpan,
        categories: [String] = [],
        references: [ClauseReference] = [],
        children: [Clause] = []
    ) {
        self.id = id
        self.number = number
        self.heading = heading
        self.kind = kind
        self.level = level
        self.span = span
        self.categories = categories
        self.references = references
        self.children = children
    }

    /// True for a contract's table of contents (the id parsers give it): its entries name
    /// clauses ("9.2 Exclusivity .... 31"), so it has no categories of its own and is never the
    /// clause behind a dispute.
    public var isTableOfContents: Bool { id == Clause.tableOfContentsID }

    /// The id of a table of contents.
    public static let tableOfContentsID = "table-of-contents"

    /// The part of the clause before its first child: its number, heading and lead-in text.
    /// Rules attribute a match to the deepest clause whose own text holds it.
    public var ownRange: Range<Int> {
        span.startOffset..<(children.first?.span.startOffset ?? span.endOffset)
    }
}
