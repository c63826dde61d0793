import ClauseModel

/// ANSI styling for the text format.
///
/// Hand-rolled rather than Rainbow: we need five SGR codes, and Rainbow decides whether to emit
/// them from process-wide mutable state (`Rainbow.enabled`, its own terminal/env detection),
/// while clauselint lets the CLI decide once (`ColorPolicy`) and passes the decision down as a
/// value, so tests and `--output` files can never pick up escape codes by accident.
struct TextStyle: Sendable {
    let enabled: Bool

    enum Code: String {
        case bold = "1"
        case dim = "2"
        case red = "1;31"
        case green = "1;32"
        case yellow = "1;33"
        case cyan = "1;36"
    }

    func apply(_ code: Code, _ text: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(code.rawValue)m\(text)\u{1B}[0m"
    }

    func severity(_ severity: Severity) -> String {
        let code: Code = switch severity {
        case .error: .red
        case .warning: .yellow
        case .info: .cyan
        }
        return apply(code, severity.rawValue + ":")
    }
}

/// The source line of a span with the span underlined (`^~~~`), for the text format.
///
/// Columns in the model count Unicode code points; a terminal counts cells. So each code point
/// is given its display width (East Asian wide and emoji: 2, combining marks and format
/// characters: 0, tab: a fixed four spaces, other controls: one replacement mark) and the
/// underline is placed by cells. Long lines (contracts often have a whole paragraph on one line)
/// are cut to a window of `maxWidth` cells around the match, marked with `…`.
enum SourceExcerpt {
    static let tabWidth = 4

    /// Two lines: ` 14 | source` and `    |    ^~~~`, without trailing newlines; empty when the
    /// line does not exist.
    static func render(lines: LineIndex, span: SourceSpan, maxWidth: Int = 100, style: TextStyle) -> [String] {
        guard span.startLine >= 1, span.startLine <= lines.lineCount else { return [] }
        let bytes = lines.bytes
        let lineRange = lines.lineRange(span.startLine)
        let startByte = min(max(span.startOffset, lineRange.lowerBound), lineRange.upperBound)
        let endByte = span.endLine == span.startLine ? min(max(span.endOffset, startByte), lineRange.upperBound) : lineRange.upperBound

        // A window shows at most `maxWidth` code points on either side of the match start, and a
        // code point is at most 4 bytes: on a very long line decode only that slice.
        var lower = lineRange.lowerBound
        var upper = lineRange.upperBound
        let reach = 4 * maxWidth
        if lineRange.count > 2 * reach {
            lower = max(lineRange.lowerBound, startByte - reach)
            while lower > lineRange.lowerBound, bytes[lower] & 0xC0 == 0x80 { lower -= 1 }
            upper = min(lineRange.upperBound, startByte + reach)
            while upper < lineRange.upperBound, bytes[upper] & 0xC0 == 0x80 { upper += 1 }
        }
        let cutLeft = lower > lineRange.lowerBound
        let cutRight = upper < lineRange.upperBound
        let scalars = Array(lines.text(lower..<upper).unicodeScalars)
        // Widths for the whole slice (cheap: ASCII takes a fast path); text only for the window.
        let widths = scalars.map(displayWidth)

        func codePoints(_ range: Range<Int>) -> Int {
            var count = 0
            for index in range where bytes[index] & 0xC0 != 0x80 { count += 1 }
            return count
        }
        let matchStart = min(codePoints(lower..<startByte), scalars.count)
        let matchEnd = min(matchStart + codePoints(startByte..<min(endByte, upper)), scalars.count)

        // Choose the window [first, last) of code points to show.
        var first = 0
        var last = scalars.count
        let totalWidth = widths.reduce(0, +)
        if totalWidth > maxWidth || cutLeft || cutRight {
            let lead = maxWidth / 3
            var width = 0
            first = matchStart
            while first > 0, width + widths[first - 1] <= lead {
                first -= 1
                width += widths[first]
            }
            // Do not start a window on a combining mark.
            while first > 0, first < widths.count, widths[first] == 0 { first -= 1 }
            width = 0
            last = first
            let budget = maxWidth - (first > 0 || cutLeft ? 1 : 0) - 1
            while last < scalars.count, width + widths[last] <= budget {
                width += widths[last]
                last += 1
            }
            if last == scalars.count, !cutRight, first > 0 {
                // The window reaches the end of the line: use the spare room on the left.
                var spare = budget + 1 - width
                while first > 0, widths[first - 1] <= spare {
                    first -= 1
                    spare -= widths[first]
                }
            }
        }
        let ellipsisLeft = first > 0 || cutLeft
        let ellipsisRight = last < scalars.count || cutRight

        var source = ellipsisLeft ? "…" : ""
        var underline = ellipsisLeft ? " " : ""
        var marked = 0
        for index in first..<last {
            let cell = displayCell(scalars[index])
            source += cell.text
            if index < matchStart {
                underline += String(repeating: " ", count: cell.width)
            } else if index < matchEnd, cell.width > 0 {
                let mark = marked == 0 ? "^" + String(repeating: "~", count: max(0, cell.width - 1)) : String(repeating: "~", count: cell.width)
                underline += mark
                marked += mark.count
            }
        }
        if ellipsisRight { source += "…" }
        if marked == 0 { underline += "^" }

        let number = String(span.startLine)
        let gutter = String(repeating: " ", count: number.count)
        return [
            style.apply(.dim, " \(number) |") + " " + source,
            style.apply(.dim, " \(gutter) |") + " " + style.apply(.green, underline),
        ]
    }

    struct Cell {
        var text: String
        var width: Int
    }

    static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        return displayCell(scalar).width
    }

    static func displayCell(_ scalar: Unicode.Scalar) -> Cell {
        let value = scalar.value
        if value == 0x09 { return Cell(text: String(repeating: " ", count: tabWidth), width: tabWidth) }
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return Cell(text: "\u{FFFD}", width: 1) }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return Cell(text: String(scalar), width: 0)
        default:
            break
        }
        return Cell(text: String(scalar), width: isWide(scalar) ? 2 : 1)
    }

    /// East Asian Wide/Fullwidth blocks and emoji shown as pictures: two terminal cells.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        let wideRanges: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wideRanges.contains { $0.contains(value) }
    }
}
