import ClauseModel

/// A clause found in a prose buffer, before it is placed in a `Document`.
///
/// Drafts carry byte ranges into the buffer that was segmented rather than `SourceSpan`s, so a
/// caller that segments extracted prose (the HTML parser segments the text of a page) can map
/// them back to offsets in its own source. The level of a draft is its depth in the draft tree
/// (top-level drafts are level 1).
public struct ClauseDraft: Hashable, Sendable {
    /// Stable id from the numbering path (`12.3(b)`, `article-IV`, `schedule-A`) or a slug for
    /// unnumbered parts (`preamble`, `recitals`, `signatures`, `definition-affiliate`); unique
    /// among all drafts of one `segment` call.
    public var id: String
    /// The number as written (`12.3`, `(b)`, `ARTICLE IV`, `Section 2.3`, `Exhibit B`).
    public var number: String?
    public var heading: String?
    public var kind: ClauseKind
    /// From the clause's first byte (its number or heading) to the end of its last content,
    /// trailing whitespace excluded; children lie inside it, siblings do not overlap.
    public var range: Range<Int>
    public var children: [ClauseDraft]

    public init(id: String, number: String? = nil, heading: String? = nil, kind: ClauseKind, range: Range<Int>, children: [ClauseDraft] = []) {
        self.id = id
        self.number = number
        self.heading = heading
        self.kind = kind
        self.range = range
        self.children = children
    }

    /// Converts the draft tree into model clauses, with spans through `lines` (offsets are
    /// shifted by `offset` first, for drafts of a buffer that starts inside a larger text).
    public func clause(level: Int, lines: LineIndex, offset: Int = 0) -> Clause {
        Clause(
            id: id,
            number: number,
            heading: heading,
            kind: kind,
            level: level,
            span: lines.span((range.lowerBound + offset)..<(range.upperBound + offset)),
            children: children.map { $0.clause(level: level + 1, lines: lines, offset: offset) }
        )
    }
}
