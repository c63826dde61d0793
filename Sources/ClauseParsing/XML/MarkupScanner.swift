#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ClauseModel

/// A small tag scanner over XML or HTML source bytes: where each element starts and ends,
/// and which bytes are markup (tags, comments, processing instructions, declarations).
///
/// libxml2 gives us the tree, names and line numbers but not byte offsets, and clause spans
/// must be exact (`<` of the start tag to `>` of the end tag), so we find them ourselves.
/// Hand-written: one linear pass over the bytes, no allocation per byte.
struct MarkupScanner {
    struct Element {
        /// Lower-cased local name (after any `prefix:`).
        var localName: String
        /// Offset of `<` of the start tag.
        var start: Int
        /// Offset just past `>` of the start tag.
        var startTagEnd: Int
        /// Offset just past `>` of the end tag (or of the start tag when empty or never closed).
        var end: Int
    }

    /// Elements in start-tag (document) order.
    private(set) var elements: [Element] = []
    /// Markup byte ranges, merged across whitespace between them, sorted.
    private(set) var markup: [Range<Int>] = []
    /// `<!ENTITY name SYSTEM|PUBLIC …>` declarations: name and offset of `<`.
    private(set) var externalEntities: [(name: String, offset: Int)] = []

    /// `html`: tag names are case-insensitive, void elements have no end tag, and the contents
    /// of `script`/`style` are markup too.
    init(_ bytes: [UInt8], html: Bool) {
        scan(bytes, html: html)
    }

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]

    private mutating func addMarkup(_ range: Range<Int>, _ bytes: [UInt8]) {
        guard !range.isEmpty else { return }
        if let last = markup.last, last.upperBound <= range.lowerBound,
           bytes[last.upperBound..<range.lowerBound].allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
            markup[markup.count - 1] = last.lowerBound..<range.upperBound
        } else {
            markup.append(range)
        }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = from
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] { matched = false; break }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        !(byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x3E || byte == 0x2F || byte == 0x3D)
    }

    private static func localName(_ bytes: ArraySlice<UInt8>) -> String {
        let name = bytes.lastIndex(of: 0x3A).map { bytes[($0 + 1)...] } ?? bytes
        return asciiLowercased(name)
    }

    /// ASCII lower-casing (tag names are ASCII in practice); much cheaper than `lowercased()`.
    static func asciiLowercased<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            for byte in bytes {
                buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                count += 1
            }
            return count
        }
    }

    /// The lower-cased name of a libxml2 node (without its namespace prefix, which libxml2 keeps apart).
    static func asciiLowercased(_ name: UnsafePointer<UInt8>?) -> String {
        guard let name else { return "" }
        return asciiLowercased(UnsafeBufferPointer(start: name, count: strlen(name)))
    }

    private mutating func scan(_ bytes: [UInt8], html: Bool) {
        let count = bytes.count
        var open: [Int] = []  // indices into `elements`
        var index = 0
        while index < count {
            guard let lt = bytes[index...].firstIndex(of: 0x3C) else { break }
            index = lt
            guard index + 1 < count else { break }
            let next = bytes[index + 1]
            if next == 0x21 { // <!
                if bytes[index...].starts(with: [0x3C, 0x21, 0x2D, 0x2D]) {
                    let close = Self.find([0x2D, 0x2D, 0x3E], in: bytes, from: index + 4).map { $0 + 3 } ?? count
                    addMarkup(index..<close, bytes)
                    index = close
                } else if bytes[index...].starts(with: Array("<![CDATA[".utf8)) {
                    addMarkup(index..<(index + 9), bytes)
                    let close = Self.find([0x5D, 0x5D, 0x3E], in: bytes, from: index + 9) ?? count
                    addMarkup(close..<min(close + 3, count), bytes)
                    index = min(close + 3, count)
                } else {
                    // A declaration (DOCTYPE with its internal subset): brackets and quotes nest.
                    var depth = 0
                    var quote: UInt8 = 0
                    var position = index + 2
                    while position < count {
                        let byte = bytes[position]
                        if quote != 0 { if byte == quote { quote = 0 } }
                        else if byte == 0x22 || byte == 0x27 { quote = byte }
                        else if byte == 0x5B { depth += 1 }
                        else if byte == 0x5D { depth -= 1 }
                        else if byte == 0x3C, bytes[position...].starts(with: Array("<!ENTITY".utf8)) { recordEntity(bytes, at: position) }
                        else if byte == 0x3E && depth <= 0 { break }
                        position += 1
                    }
                    let close = min(position + 1, count)
                    addMarkup(index..<close, bytes)
                    index = close
                }
                continue
            }
            if next == 0x3F { // <? … ?>
                let close = Self.find([0x3F, 0x3E], in: bytes, from: index + 2).map { $0 + 2 } ?? count
                addMarkup(index..<close, bytes)
                index = close
                continue
            }
            if next == 0x2F { // </name>
                var position = index + 2
                let nameStart = position
                while position < count, Self.isNameByte(bytes[position]) { position += 1 }
                let name = Self.localName(bytes[nameStart..<position])
                while position < count, bytes[position] != 0x3E { position += 1 }
                let close = min(position + 1, count)
                addMarkup(index..<close, bytes)
                if let match = open.lastIndex(where: { elements[$0].localName == name }) {
                    // Elements left open inside it (HTML's unclosed <p>, <li>) end where it ends.
                    for unclosed in open[(match + 1)...] { elements[unclosed].end = max(elements[unclosed].end, index) }
                    elements[open[match]].end = close
                    open.removeSubrange(match...)
                }
                index = close
                continue
            }
            guard Self.isNameByte(next), next != 0x3C else { index += 1; continue }
            // <name attr="…" …> or <name …/>
            var position = index + 1
            let nameStart = position
            while position < count, Self.isNameByte(bytes[position]), bytes[position] != 0x3C { position += 1 }
            let name = Self.localName(bytes[nameStart..<position])
            var quote: UInt8 = 0
            while position < count {
                let byte = bytes[position]
                if quote != 0 { if byte == quote { quote = 0 } }
                else if byte == 0x22 || byte == 0x27 { quote = byte }
                else if byte == 0x3E { break }
                position += 1
            }
            let close = min(position + 1, count)
            let selfClosing = position > 0 && position < count && bytes[position - 1] == 0x2F
            addMarkup(index..<close, bytes)
            elements.append(Element(localName: name, start: index, startTagEnd: close, end: close))
            if html && (name == "script" || name == "style") {
                let endTag = Array("</\(name)".utf8)
                var search = close
                var found: Int?
                while let candidate = Self.find([0x3C, 0x2F], in: bytes, from: search) {
                    if bytes[candidate...].prefix(endTag.count).map({ $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }).elementsEqual(endTag) { found = candidate; break }
                    search = candidate + 2
                }
                let contentEnd = found ?? count
                addMarkup(close..<contentEnd, bytes)
                open.append(elements.count - 1)
                index = contentEnd
                continue
            }
            if !selfClosing && !(html && Self.voidElements.contains(name)) {
                open.append(elements.count - 1)
            }
            index = close
        }
        for unclosed in open { elements[unclosed].end = max(elements[unclosed].end, count) }
    }

    private mutating func recordEntity(_ bytes: [UInt8], at offset: Int) {
        var position = offset + 8
        let end = min(bytes.count, offset + 2048)
        func skipSpace() { while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0A { position += 1 } }
        skipSpace()
        if position < end, bytes[position] == 0x25 { position += 1; skipSpace() } // parameter entity
        let nameStart = position
        while position < end, Self.isNameByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        skipSpace()
        if bytes[position..<end].starts(with: Array("SYSTEM".utf8)) || bytes[position..<end].starts(with: Array("PUBLIC".utf8)) {
            externalEntities.append((name, offset))
        }
    }
}

/// Line lookups for offsets that mostly increase (elements in document order): walks forward
/// from the last answer instead of a binary search per lookup.
struct LineCursor {
    private var line = 1

    mutating func line(at offset: Int, in lines: LineIndex) -> Int {
        let starts = lines.lineStarts
        if offset < starts[line - 1] {
            line = lines.line(at: offset)
            return line
        }
        while line < starts.count && starts[line] <= offset { line += 1 }
        return line
    }
}
