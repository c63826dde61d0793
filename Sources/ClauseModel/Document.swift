/// The input formats clauselint understands.
public enum DocumentFormat: String, Codable, Sendable, CaseIterable {
    case plainText = "text"
    case markdown
    case xml
    case html
}

/// A parsed contract: its decoded text and its clause tree.
public struct Document: Sendable {
    /// The path as given on the command line (or found by walking a folder).
    public var path: String
    public var format: DocumentFormat
    /// The decoded text (UTF-8, line endings normalised to `\n`). Every span points into it.
    public var text: String
    public let lines: LineIndex
    /// Top-level clauses in document order; a `preamble` clause, if any, comes first.
    public var clauses: [Clause]
    /// Byte ranges that are markup rather than prose (XML tags, Markdown code blocks, HTML
    /// comments, front matter): rules never report matches inside them.
    public var nonProseRanges: [Range<Int>]
    /// Problems found while reading the document that did not stop it (e.g. a Windows-1252
    /// fallback); reported alongside findings.
    public var warnings: [Diagnostic]

    public init(
        path: String,
        format: DocumentFormat,
        text: String,
        lines: LineIndex? = nil,
        clauses: [Clause] = [],
        nonProseRanges: [Range<Int>] = [],
        warnings: [Diagnostic] = []
    ) {
        self.path = path
        self.format = format
        self.text = text
        self.lines = lines ?? LineIndex(text: text)
        self.clauses = clauses
        self.nonProseRanges = nonProseRanges
        self.warnings = warnings
    }

    public var bytes: [UInt8] { lines.bytes }

    /// The text a span covers.
    public func text(of span: SourceSpan) -> String { lines.text(span.byteRange) }

    public func text(of clause: Clause) -> String { lines.text(clause.span.byteRange) }

    /// Every clause, depth first, parents before children.
    public var allClauses: [Clause] {
        var result: [Clause] = []
        func visit(_ clause: Clause) {
            result.append(clause)
            clause.children.forEach(visit)
        }
        clauses.forEach(visit)
        return result
    }

    /// The clause with this id, searched depth first.
    public func clause(withID id: String) -> Clause? {
        func find(in clauses: [Clause]) -> Clause? {
            for clause in clauses {
                if clause.id == id { return clause }
                if let found = find(in: clause.children) { return found }
            }
            return nil
        }
        return find(in: clauses)
    }

    /// The chain of clauses from the top level down to the deepest clause containing `offset`.
    public func clausePath(containing offset: Int) -> [Clause] {
        var path: [Clause] = []
        var level = clauses
        while let next = Self.find(offset, in: level) {
            path.append(next)
            level = next.children
        }
        return path
    }

    /// `clausePath(containing:).last` without building the path array: linting asks this for
    /// every finding and many candidate offsets.
    public func deepestClause(containing offset: Int) -> Clause? {
        var found: Clause?
        var level = clauses
        while let next = Self.find(offset, in: level) {
            level = next.children
            found = next
        }
        return found
    }

    /// The id of `deepestClause(containing:)`: categorising asks it once per phrase match and
    /// the cross-reference index once per line-start number.
    public func deepestClauseID(containing offset: Int) -> String? {
        var found: String?
        var level = clauses
        while let next = Self.find(offset, in: level) {
            level = next.children
            found = next.id
        }
        return found
    }

    /// Applies `transform` to every clause, depth first, keeping the tree's shape.
    public func mapClauses(_ transform: (Clause) -> Clause) -> Document {
        func map(_ clause: Clause) -> Clause {
            var copy = transform(clause)
            copy.children = copy.children.map(map)
            return copy
        }
        var copy = self
        copy.clauses = clauses.map(map)
        return copy
    }

    private static func find(_ offset: Int, in clauses: [Clause]) -> Clause? {
        var low = 0
        var high = clauses.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let span = clauses[mid].span
            if offset < span.startOffset { high = mid - 1 } else if offset >= span.endOffset { low = mid + 1 } else { return clauses[mid] }
        }
        return nil
    }
}
