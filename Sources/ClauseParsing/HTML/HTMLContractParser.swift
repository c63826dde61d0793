import CLibXML2
import ClauseModel

/// Parses an HTML contract (typically an SEC EDGAR `.htm` exhibit) into a clause tree.
///
/// libxml2's HTML parser (no network, recovering from broken markup) gives the blocks
/// (`p`, `div`, `li`, `h1`…`h6`, table cells …) and their decoded text (`&nbsp;`, `&#8220;`);
/// `MarkupScanner` gives each block's exact source offsets, matched by element name and line.
/// A block whose text starts with a number (`1.`, `2.3`, `(a)`, `ARTICLE IV`, `Section 5`)
/// opens a clause; `h1`–`h6` open sections; other blocks belong to the clause before them.
/// Numbers inside tables are a table of contents or a price list, never clauses.
/// Tags, comments, `script` and `style` are non-prose.
struct HTMLContractParser {
    static let blockElements: Set<String> = [
        "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre", "center",
        "dt", "dd", "section", "article", "body", "caption", "title", "address",
    ]

    struct Block {
        var name: String
        var text: String
        var start: Int
        var end: Int
        var inTable: Bool
        /// The table row the block is in (cells of one row share it).
        var row: Int?
        /// For an `<li>` of an `<ol>`: its number as a browser renders it, and the list depth.
        var listLabel: String?
        var listDepth = 0
    }

    func parse(path: String, lines: LineIndex, warnings: [Diagnostic]) -> Document {
        _ = XMLContractParser.parserInitialised
        let bytes = lines.bytes
        let scanner = MarkupScanner(bytes, html: true)
        var blocks: [Block] = []
        if let context = htmlNewParserCtxt() {
            defer { htmlFreeParserCtxt(context) }
            // Recovering parser: errors are expected in real EDGAR files; keep them off stderr.
            context.pointee.sax.pointee.serror = { _, _ in }
            let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                                | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)
            let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    htmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), path, "UTF-8", options)
                }
            }
            if let document {
                defer { xmlFreeDoc(document) }
                if let root = xmlDocGetRootElement(document) {
                    var collector = BlockCollector(scanner: scanner, lines: lines)
                    collector.visit(root, inTable: false, row: nil)
                    blocks = collector.blocks
                }
            }
        }
        var tree = buildTree(blocks, bytes: bytes)
        // The <head> (title, meta) is metadata, not contract prose.
        var nonProse = scanner.markup
        if let head = scanner.elements.first(where: { $0.localName == "head" }) { nonProse.append(head.start..<head.end) }
        nonProse = MarkupTree.merged(nonProse, bytes: bytes)
        // Top-level clauses reach to the next one (text between belongs to the clause before),
        // stopping before the markup that opens the next clause.
        let roots = tree.roots
        for (position, index) in roots.enumerated() {
            let next = position + 1 < roots.count ? tree[roots[position + 1]].start : bytes.count
            tree[index].end = max(tree[index].end, MarkupTree.proseEnd(before: next, floor: tree[index].start, nonProse: nonProse, bytes: bytes))
        }
        return tree.document(path: path, format: .html, lines: lines, nonProseRanges: nonProse, warnings: warnings)
    }

    /// Turns blocks into clauses: numbered blocks nest by their numbering, headings by rank.
    func buildTree(_ blocks: [Block], bytes: [UInt8]) -> MarkupTree {
        var tree = MarkupTree()
        var depths: [Int: Int] = [:]
        var headings: [(rank: Int, node: Int)] = []
        var stack = NumberingStack()
        var sawClause = false
        var skipNext = false
        for (position, original) in blocks.enumerated() where !original.text.isEmpty {
            if skipNext { skipNext = false; continue }
            var block = original
            // EDGAR hanging indents: a row whose first cell is only a number and whose next cell
            // is clause text (`<td>(a)</td><td>Supplier shall …</td>`) is a clause. Short next
            // cells (a table of contents, a price list) are not.
            if block.inTable, let row = block.row, position + 1 < blocks.count, blocks[position + 1].row == row,
               blocks[position + 1].text.utf8.count >= 60, case let cell = Array(block.text.utf8),
               let number = MarkupNumber.parse(cell[...], lenient: true), number.length >= cell.count {
                block.text += " " + blocks[position + 1].text
                block.end = blocks[position + 1].end
                block.inTable = false
                skipNext = true
            }
            let textBytes = Array(block.text.utf8)
            let headingRank = block.name.count == 2 && block.name.hasPrefix("h") ? Int(String(block.name.last!)) : nil
            if !sawClause, tree.nodes.isEmpty, block.text.utf8.count <= 120, headingRank == 1 || (headingRank == nil && !block.text.contains(where: \.isLowercase) && block.text.contains(where: \.isLetter)),
               MarkupNumber.parse(textBytes[...], lenient: false) == nil {
                let index = tree.add(.init(number: nil, idPart: nil, heading: block.text, kind: .title, start: block.start, end: block.end), parent: nil)
                depths[index] = 1
                continue
            }
            if let rank = headingRank {
                while let last = headings.last, last.rank >= rank { tree[last.node].end = block.start; headings.removeLast() }
                let parent = headings.last?.node
                let depth = parent.map { depths[$0]! + 1 } ?? 1
                let number = MarkupNumber.parse(textBytes[...], lenient: true)
                let heading = MarkdownContractParser.Walker.cleanHeading(number.map { String(decoding: textBytes[min($0.length, textBytes.count)...], as: UTF8.self) } ?? block.text)
                let index = tree.add(.init(number: number?.written, idPart: number?.idPart, heading: heading,
                                           kind: ClauseKindGuess.kind(number: number, heading: heading, depth: depth),
                                           start: block.start, end: bytes.count), parent: parent)
                depths[index] = depth
                headings.append((rank, index))
                stack.reset()
                sawClause = true
                continue
            }
            if !block.inTable, let label = block.listLabel {
                // An ordered-list item: numbered as rendered; each list depth is its own level.
                var number = MarkupNumber(written: label + ".", idPart: label, style: .decimal(components: 100 + block.listDepth), token: label, kindHint: nil, length: 0)
                let parent = stack.parent(for: &number) ?? headings.last?.node
                let depth = parent.map { depths[$0]! + 1 } ?? 1
                let heading = Self.runInHeading(textBytes, after: 0)
                let index = tree.add(.init(number: number.written, idPart: label, heading: heading,
                                           kind: ClauseKindGuess.kind(number: nil, heading: heading, depth: depth),
                                           start: block.start, end: block.end), parent: parent)
                depths[index] = depth
                stack.push(number, node: index)
                sawClause = true
                continue
            }
            if !block.inTable, var number = MarkupNumber.parse(textBytes[...], lenient: false) {
                let written = number
                let container = headings.last?.node
                let parent = stack.parent(for: &number) ?? container
                let depth = parent.map { depths[$0]! + 1 } ?? 1
                let term = Self.definedTerm(textBytes, after: number.length)
                let heading = term ?? Self.runInHeading(textBytes, after: number.length)
                let index = tree.add(.init(number: written.written, idPart: written.idPart, heading: heading,
                                           kind: term != nil && (written.kindHint == nil || written.kindHint == .section) ? .definition : ClauseKindGuess.kind(number: number, heading: heading, depth: depth),
                                           start: block.start, end: block.end), parent: parent)
                depths[index] = depth
                stack.push(number, node: index)
                sawClause = true
                continue
            }
            let upper = block.text.uppercased()
            if !block.inTable, headings.isEmpty, upper.hasPrefix("IN WITNESS WHEREOF") || upper == "RECITALS" || upper.hasPrefix("WITNESSETH") || upper == "BACKGROUND" {
                let kind: ClauseKind = upper.hasPrefix("IN WITNESS") ? .signatureBlock : .recital
                stack.reset()
                let index = tree.add(.init(number: nil, idPart: kind == .signatureBlock ? "signatures" : "recitals", heading: nil, kind: kind,
                                           start: block.start, end: block.end), parent: nil)
                depths[index] = 1
                stack.push(MarkupNumber(written: "", idPart: "", style: .runIn, token: "", kindHint: nil, length: 0), node: index)
                continue
            }
            for entry in stack.entries { tree[entry.node].end = max(tree[entry.node].end, block.end) }
        }
        return tree
    }

    /// `1.1 “Software” means …` → `Software`: a quoted term followed by a defining verb.
    static func definedTerm(_ text: [UInt8], after offset: Int) -> String? {
        guard offset < text.count else { return nil }
        let rest = String(decoding: text[offset...].prefix(200), as: UTF8.self)
        guard let open = rest.unicodeScalars.first, open == "“" || open == "\"" else { return nil }
        let body = rest.unicodeScalars.dropFirst()
        guard let close = body.firstIndex(where: { $0 == "”" || $0 == "\"" }) else { return nil }
        let term = String(String.UnicodeScalarView(body[..<close]))
        let after = String(String.UnicodeScalarView(body[body.index(after: close)...])).lowercased()
        guard !term.isEmpty, term.count <= 60 else { return nil }
        for verb in [" means", " shall mean", " has the meaning", " refers to", " includes", " is defined"] where after.hasPrefix(verb) {
            return term
        }
        return nil
    }

    /// `1. Definitions. In this Agreement …` → `Definitions`: a short capitalised phrase ending in a period.
    static func runInHeading(_ text: [UInt8], after offset: Int) -> String? {
        guard offset < text.count else { return nil }
        let rest = text[offset...]
        guard let first = rest.first, first >= 0x41 && first <= 0x5A else { return nil }
        var end = rest.startIndex
        var words = 1
        while end < rest.endIndex {
            let byte = rest[end]
            if byte == 0x2E || byte == 0x3A { break }
            if byte == 0x20 { words += 1 }
            end += 1
        }
        if end == rest.endIndex {
            // The whole block is a heading (`ARTICLE I DEFINITIONS`).
            return words <= 10 ? MarkdownContractParser.Walker.cleanHeading(String(decoding: rest, as: UTF8.self)) : nil
        }
        guard words <= 6, end - rest.startIndex <= 60 else { return nil }
        let phrase = String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
        // A title is Title Case: every word capitalised except short connectives ("Fees and Refunds").
        let connectives: Set<Substring> = ["and", "or", "of", "the", "to", "for", "in", "on", "with", "a", "an", "by"]
        for word in phrase.split(separator: " ") where !connectives.contains(word) {
            guard let first = word.unicodeScalars.first, !(first >= "a" && first <= "z") else { return nil }
        }
        return MarkdownContractParser.Walker.cleanHeading(phrase)
    }

    /// Walks libxml2's HTML tree and collects text-bearing blocks with their source offsets.
    struct BlockCollector {
        let scanner: MarkupScanner
        let lines: LineIndex
        var blocks: [Block] = []
        var cursor = 0
        var lineCursor = LineCursor()

        init(scanner: MarkupScanner, lines: LineIndex) {
            self.scanner = scanner
            self.lines = lines
        }

        /// The source element with this name on this line, searched forward from the cursor
        /// (implied elements libxml2 adds have no source element and get nil).
        mutating func sourceElement(name: String, line: Int) -> MarkupScanner.Element? {
            var probe = cursor
            let limit = min(scanner.elements.count, cursor + 400)
            while probe < limit {
                let element = scanner.elements[probe]
                if element.localName == name {
                    // libxml2 may report the line of the start tag's `>` (multi-line tags), and
                    // caps element lines at 65535: accept any line the start tag spans.
                    let firstLine = lineCursor.line(at: element.start, in: lines)
                    let lastLine = lineCursor.line(at: max(element.start, element.startTagEnd - 1), in: lines)
                    if line <= 0 || (firstLine <= line && line <= lastLine) || (line >= 65535 && lastLine >= 65535) {
                        cursor = probe + 1
                        return element
                    }
                    if firstLine > line { return nil }
                }
                probe += 1
            }
            return nil
        }

        var rowCount = 0

        /// Items seen so far per `<ol>` (keyed by the list node).
        var listCounters: [UnsafeMutableRawPointer: Int] = [:]

        /// `<ol type="a" start="3">` item number `n` as a browser shows it.
        static func listLabel(_ list: xmlNodePtr, index: Int) -> String {
            var start = 1
            var type = "1"
            var attribute = list.pointee.properties
            while let current = attribute {
                let name = MarkupScanner.asciiLowercased(current.pointee.name)
                if let value = current.pointee.children?.pointee.content {
                    let text = String(cString: value).markupTrimmed
                    if name == "start", let number = Int(text) { start = number }
                    if name == "type" { type = text }
                }
                attribute = current.pointee.next
            }
            let value = start + index
            switch type {
            case "a", "A":
                guard value >= 1 && value <= 26 else { return String(value) }
                let letter = String(UnicodeScalar(UInt8(type == "a" ? 96 : 64) + UInt8(value)))
                return letter
            case "i", "I":
                let roman = romanNumeral(value)
                return type == "i" ? roman.lowercased() : roman
            default:
                return String(value)
            }
        }

        static func romanNumeral(_ value: Int) -> String {
            guard value > 0 && value < 4000 else { return String(value) }
            let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
            var rest = value
            var result = ""
            for (amount, letters) in table { while rest >= amount { result += letters; rest -= amount } }
            return result
        }

        mutating func visit(_ node: xmlNodePtr, inTable: Bool, row: Int?, listDepth: Int = 0) {
            let name = MarkupScanner.asciiLowercased(node.pointee.name)
            let source = sourceElement(name: name, line: Int(xmlGetLineNo(node)))
            let isBlock = HTMLContractParser.blockElements.contains(name)
            let nowInTable = inTable || name == "table"
            let listDepth = name == "ol" ? listDepth + 1 : listDepth
            var listLabel: String?
            if name == "li", let list = node.pointee.parent, MarkupScanner.asciiLowercased(list.pointee.name) == "ol" {
                let key = UnsafeMutableRawPointer(list)
                let index = listCounters[key, default: 0]
                listCounters[key] = index + 1
                listLabel = Self.listLabel(list, index: index)
            }
            var row = row
            if name == "tr" { rowCount += 1; row = rowCount }
            if name == "script" || name == "style" || name == "head" { return }
            if isBlock {
                var text: [UInt8] = []
                var childBlocks: [xmlNodePtr] = []
                collectInline(node, into: &text, childBlocks: &childBlocks)
                let collapsed = Self.collapse(text)
                if !collapsed.isEmpty, let source {
                    let start = firstProse(from: source.startTagEnd, limit: source.end) ?? source.start
                    blocks.append(Block(name: name, text: collapsed, start: start, end: source.end, inTable: nowInTable, row: row,
                                        listLabel: listLabel, listDepth: listDepth))
                }
                for child in childBlocks { visit(child, inTable: nowInTable, row: row, listDepth: listDepth) }
                return
            }
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { visit(current, inTable: nowInTable, row: row, listDepth: listDepth) }
                child = current.pointee.next
            }
        }

        /// Text of a block up to its nested blocks (which become blocks of their own).
        func collectInline(_ node: xmlNodePtr, into text: inout [UInt8], childBlocks: inout [xmlNodePtr]) {
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content {
                        var pointer = content
                        while pointer.pointee != 0 { text.append(pointer.pointee); pointer += 1 }
                    }
                case XML_ELEMENT_NODE:
                    let name = MarkupScanner.asciiLowercased(current.pointee.name)
                    if name == "script" || name == "style" {
                        break
                    } else if HTMLContractParser.blockElements.contains(name) || name == "table" || name == "ul" || name == "ol" || name == "tr" || name == "tbody" {
                        childBlocks.append(current)
                    } else {
                        if name == "br" { text.append(0x20) }
                        collectInline(current, into: &text, childBlocks: &childBlocks)
                    }
                default: break
                }
                child = current.pointee.next
            }
        }

        /// Whitespace runs (including no-break spaces) become one space; ends trimmed.
        static func collapse(_ bytes: [UInt8]) -> String {
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    pendingSpace = true; index += 1; continue
                }
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                    pendingSpace = true; index += 2; continue
                }
                if pendingSpace && !output.isEmpty { output.append(0x20) }
                // `&#147;` and friends: libxml2 yields C1 controls; browsers (HTML5) read them as
                // Windows-1252, which is what EDGAR filers meant (“ ” ’ –).
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9F {
                    let scalar = Unicode.Scalar(TextDecoding.windows1252High[Int(bytes[index + 1] - 0x80)])!
                    output.append(contentsOf: UTF8.encode(scalar)!)
                    pendingSpace = false
                    index += 2
                    continue
                }
                pendingSpace = false
                output.append(byte)
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }

        /// The first byte of prose at or after `offset`: skips tags, whitespace and `&nbsp;`.
        func firstProse(from offset: Int, limit: Int) -> Int? {
            let bytes = lines.bytes
            let markup = scanner.markup
            var position = offset
            var low = 0
            var high = markup.count
            while low < high {
                let mid = (low + high) / 2
                if markup[mid].upperBound <= position { low = mid + 1 } else { high = mid }
            }
            var markupIndex = low
            let nbsp = Array("&nbsp;".utf8)
            let nbspNumeric = Array("&#160;".utf8)
            while position < limit {
                if markupIndex < markup.count, markup[markupIndex].lowerBound <= position {
                    position = max(position, markup[markupIndex].upperBound)
                    markupIndex += 1
                    continue
                }
                let byte = bytes[position]
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { position += 1; continue }
                if byte == 0x26, bytes[position...].starts(with: nbsp) || bytes[position...].starts(with: nbspNumeric) { position += 6; continue }
                if byte == 0xC2, position + 1 < bytes.count, bytes[position + 1] == 0xA0 { position += 2; continue }
                return position
            }
            return nil
        }
    }
}
