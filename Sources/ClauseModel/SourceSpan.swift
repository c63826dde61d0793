/// A position in a decoded document.
///
/// Lines and columns are 1-based; columns count Unicode code points (SARIF `columnKind`
/// `unicodeCodePoints`), because contracts are full of “ ” § — and editors and SARIF viewers
/// do not count UTF-8 bytes. `offset` is the 0-based UTF-8 byte offset into `Document.text`,
/// which is what the parsers and rules work with.
public struct SourcePosition: Hashable, Codable, Sendable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }
}

/// A half-open range of the decoded text: `startOffset ..< endOffset` in UTF-8 bytes.
///
/// `endLine`/`endColumn` name the position one past the last character (as SARIF's
/// `endColumn` does), so an empty span has equal start and end.
public struct SourceSpan: Hashable, Codable, Sendable {
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int
    public var startOffset: Int
    public var endOffset: Int

    public init(start: SourcePosition, end: SourcePosition) {
        startLine = start.line
        startColumn = start.column
        endLine = end.line
        endColumn = end.column
        startOffset = start.offset
        endOffset = end.offset
    }

    public var start: SourcePosition { SourcePosition(line: startLine, column: startColumn, offset: startOffset) }
    public var end: SourcePosition { SourcePosition(line: endLine, column: endColumn, offset: endOffset) }
    public var byteRange: Range<Int> { startOffset..<endOffset }
    public var length: Int { endOffset - startOffset }

    public func contains(_ other: SourceSpan) -> Bool {
        startOffset <= other.startOffset && other.endOffset <= endOffset
    }

    public func contains(offset: Int) -> Bool { startOffset <= offset && offset < endOffset }

    public func overlaps(_ other: SourceSpan) -> Bool {
        startOffset < other.endOffset && other.startOffset < endOffset
    }
}
