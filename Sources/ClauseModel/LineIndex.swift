/// Maps UTF-8 byte offsets of a decoded text to 1-based lines and code-point columns.
///
/// Built once per document (one pass over the bytes); every span in the model is made
/// through it, so positions are computed the same way by every parser.
public struct LineIndex: Sendable {
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// The decoded text as UTF-8 bytes (shared storage, not a copy per lookup).
    public let bytes: [UInt8]

    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// The 1-based line holding `offset` (an offset equal to the text length is on the last line).
    public func line(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    public func position(at offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(at: clamped)
        let lineStart = lineStarts[line - 1]
        // Count code points: every byte that is not a UTF-8 continuation byte starts one. A
        // branch-free loop over the raw buffer (vectorised): lines of PDF-extracted text run to
        // thousands of bytes, and parsing asks for the position of every clause boundary.
        let codePoints = bytes.withUnsafeBufferPointer { buffer in
            let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<max(lineStart, clamped)])
            var continuations = 0
            // 0x80...0xBF are exactly the signed bytes below -64.
            for byte in line { continuations &+= Int8(bitPattern: byte) < -64 ? 1 : 0 }
            return line.count - continuations
        }
        return SourcePosition(line: line, column: 1 + codePoints, offset: clamped)
    }

    public func span(_ range: Range<Int>) -> SourceSpan {
        SourceSpan(start: position(at: range.lowerBound), end: position(at: range.upperBound))
    }

    /// Byte range of a 1-based line, without its terminating newline.
    public func lineRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end < start { end = start }
        return start..<end
    }

    /// Byte offset of a 1-based line and code-point column (used by parsers whose C library
    /// reports line/column rather than offsets).
    public func offset(line: Int, column: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineStarts.count else { return bytes.count }
        let range = lineRange(line)
        var index = range.lowerBound
        var remaining = column - 1
        while remaining > 0 && index < range.upperBound {
            index += 1
            while index < range.upperBound && bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    public func text(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}
