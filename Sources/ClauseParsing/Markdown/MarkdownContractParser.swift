import CCmarkGFM
import ClauseModel

/// Parses a Markdown contract with cmark-gfm into a clause tree.
///
/// - Headings open sections; their numbers are parsed (`## 3. Payment`, `## A. Definitions`,
///   `## Section 4 – Fees`). A lone unnumbered top heading (`# Terms of Service`) is the title.
/// - Ordered lists become sub-clauses numbered from their markers; bullet lists stay in their
///   clause's text (they are enumerations inside a clause, not clauses a reviewer cites).
/// - A paragraph led by a bold number or title (`**3.1 Refunds.** …`, `**Cancellation.** …`)
///   or by a number (`(a) …`) is a clause; a bold quoted term (`**“Fees”** means …`) is a definition.
/// - Tables, block quotes and bullet lists stay in their clause's text; front matter, HTML
///   comments and code blocks are non-prose.
struct MarkdownContractParser {
    /// cmark-gfm keeps a process-wide extension registry; register it once, thread-safely.
    static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    func parse(path: String, lines: LineIndex, warnings: [Diagnostic]) -> Document {
        _ = Self.extensionsRegistered
        var source = lines.bytes
        var nonProse: [Range<Int>] = []
        if let frontMatter = Self.frontMatterRange(source) {
            nonProse.append(frontMatter)
            // cmark does not know front matter (`---` would become a rule and a setext heading):
            // blank it out for cmark, keeping the newlines so positions stay the same.
            for index in frontMatter where source[index] != 0x0A { source[index] = 0x20 }
        }
        guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS) else {
            return MarkupTree().document(path: path, format: .markdown, lines: lines, nonProseRanges: nonProse, warnings: warnings)
        }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            return MarkupTree().document(path: path, format: .markdown, lines: lines, nonProseRanges: nonProse, warnings: warnings)
        }
        defer { cmark_node_free(root) }

        var walker = Walker(lines: lines)
        walker.nonProse = nonProse
        walker.walkDocument(root)
        return walker.tree.document(path: path, format: .markdown, lines: lines, nonProseRanges: walker.nonProse.sorted { $0.lowerBound < $1.lowerBound }, warnings: warnings)
    }

    /// YAML front matter: `---` on the first line up to the next `---` or `...` line.
    static func frontMatterRange(_ bytes: [UInt8]) -> Range<Int>? {
        guard bytes.starts(with: Array("---\n".utf8)) else { return nil }
        var lineStart = 4
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var trimmedEnd = lineEnd
            while trimmedEnd > lineStart && (bytes[trimmedEnd - 1] == 0x20 || bytes[trimmedEnd - 1] == 0x09) { trimmedEnd -= 1 }
            let line = bytes[lineStart..<trimmedEnd]
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) { return 0..<lineEnd }
            lineStart = lineEnd + 1
        }
        return nil
    }
}

extension MarkdownContractParser {
    struct Walker {
        let lines: LineIndex
        var tree = MarkupTree()
        var nonProse: [Range<Int>] = []
        /// Depth of each tree node (1 = top level), for kinds.
        var depths: [Int: Int] = [:]
        var headingStack: [(level: Int, node: Int)] = []
        var inTableOfContents = false

        init(lines: LineIndex) { self.lines = lines }

        // MARK: positions

        /// Byte offset of a cmark line and 1-based byte column.
        func offset(line: Int, byteColumn: Int) -> Int {
            guard line >= 1 else { return 0 }
            guard line <= lines.lineCount else { return lines.bytes.count }
            let range = lines.lineRange(line)
            return min(range.lowerBound + max(byteColumn - 1, 0), range.upperBound)
        }

        /// The block's byte range (cmark end columns are inclusive).
        func range(of node: OpaquePointer) -> Range<Int>? {
            let startLine = Int(cmark_node_get_start_line(node))
            guard startLine > 0 else { return nil }
            let start = offset(line: startLine, byteColumn: Int(cmark_node_get_start_column(node)))
            let endLine = max(Int(cmark_node_get_end_line(node)), startLine)
            var end = offset(line: endLine, byteColumn: Int(cmark_node_get_end_column(node)) + 1)
            end = max(end, start)
            return start..<end
        }

        /// Whole lines from the block's first to its last line (for non-prose ranges).
        func wholeLines(of node: OpaquePointer) -> Range<Int>? {
            let startLine = Int(cmark_node_get_start_line(node))
            guard startLine > 0 else { return nil }
            let endLine = min(max(Int(cmark_node_get_end_line(node)), startLine), lines.lineCount)
            return lines.lineRange(startLine).lowerBound..<lines.lineRange(endLine).upperBound
        }

        // MARK: text

        static func inlineText(_ node: OpaquePointer) -> String {
            var text = ""
            func collect(_ node: OpaquePointer) {
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                    if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
                    return
                }
                if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { text += " "; return }
                var child = cmark_node_first_child(node)
                while let current = child {
                    collect(current)
                    child = cmark_node_next(current)
                }
            }
            collect(node)
            return text
        }

        /// A heading's words without surrounding spaces and trailing `.`/`:`; nil when empty.
        static func cleanHeading<S: StringProtocol>(_ text: S) -> String? {
            var scalars = Substring(text).unicodeScalars[...]
            while let first = scalars.first, first == " " || first == "\t" || first == "\u{A0}" { scalars = scalars.dropFirst() }
            while let last = scalars.last, last == " " || last == "\t" || last == "." || last == ":" || last == "\u{A0}" || last == "—" || last == "–" { scalars = scalars.dropLast() }
            let result = String(String.UnicodeScalarView(scalars))
            return result.isEmpty ? nil : result
        }

        /// Splits `3.1 Refunds.` into its number and heading.
        static func numberAndHeading(_ text: String, lenient: Bool) -> (MarkupNumber?, String?) {
            let bytes = Array(text.utf8)
            if let number = MarkupNumber.parse(bytes[...], lenient: lenient) {
                let rest = String(decoding: bytes[min(number.length, bytes.count)...], as: UTF8.self)
                return (number, cleanHeading(rest))
            }
            return (nil, cleanHeading(text))
        }

        // MARK: walking

        mutating func walkDocument(_ root: OpaquePointer) {
            let titleHeading = findTitle(root)
            var stack = NumberingStack()
            var container: Int?
            var block = cmark_node_first_child(root)
            while let node = block {
                block = cmark_node_next(node)
                if cmark_node_get_type(node) == CMARK_NODE_HEADING, let range = range(of: node) {
                    let text = Self.inlineText(node)
                    stack.reset()
                    if node == titleHeading {
                        closeHeadings(atOrAbove: 1, at: range.lowerBound)
                        let index = tree.add(.init(number: nil, idPart: nil, heading: Self.cleanHeading(text), kind: .title, start: range.lowerBound, end: range.upperBound), parent: nil)
                        depths[index] = 1
                        container = nil
                        inTableOfContents = false
                        continue
                    }
                    let level = Int(cmark_node_get_heading_level(node))
                    closeHeadings(atOrAbove: level, at: range.lowerBound)
                    let parent = headingStack.last?.node
                    let depth = parent.map { depths[$0]! + 1 } ?? 1
                    let (number, heading) = Self.numberAndHeading(text, lenient: true)
                    var kind = ClauseKindGuess.kind(number: number, heading: heading, depth: depth)
                    inTableOfContents = heading.map(ClauseKindGuess.isTableOfContents) ?? false
                    if inTableOfContents { kind = .heading }
                    let index = tree.add(.init(number: number?.written, idPart: number?.idPart, heading: heading, kind: kind,
                                               start: range.lowerBound, end: lines.bytes.count), parent: parent)
                    depths[index] = depth
                    headingStack.append((level, index))
                    container = index
                    continue
                }
                walkBlock(node, container: container, stack: &stack)
            }
            closeHeadings(atOrAbove: 0, at: lines.bytes.count)
            // Top-level clauses reach to the next one, so text after a list or a title belongs to it.
            let roots = tree.roots
            for (position, index) in roots.enumerated() {
                let next = position + 1 < roots.count ? tree[roots[position + 1]].start : lines.bytes.count
                tree[index].end = max(tree[index].end, next)
            }
        }

        /// Closes open heading sections of `level` or deeper: they end where the new heading starts.
        mutating func closeHeadings(atOrAbove level: Int, at offset: Int) {
            while let last = headingStack.last, last.level >= level {
                tree[last.node].end = offset
                headingStack.removeLast()
            }
        }

        /// The title: the first heading, unnumbered, and the only one at the shallowest level used.
        func findTitle(_ root: OpaquePointer) -> OpaquePointer? {
            var headings: [(OpaquePointer, Int)] = []
            var block = cmark_node_first_child(root)
            while let node = block {
                if cmark_node_get_type(node) == CMARK_NODE_HEADING { headings.append((node, Int(cmark_node_get_heading_level(node)))) }
                block = cmark_node_next(node)
            }
            guard let (first, level) = headings.first else { return nil }
            let shallowest = headings.map(\.1).min()!
            guard level == shallowest, headings.filter({ $0.1 == shallowest }).count == 1 else { return nil }
            let (number, _) = Self.numberAndHeading(Self.inlineText(first), lenient: true)
            return number == nil ? first : nil
        }

        /// One block inside a container (a heading section, a list item, or the top level).
        mutating func walkBlock(_ node: OpaquePointer, container: Int?, stack: inout NumberingStack, skipRunIn: Bool = false) {
            guard let range = range(of: node) else { return }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_PARAGRAPH, !inTableOfContents, !skipRunIn, let (number, heading, kind) = runIn(node) {
                var key = number ?? MarkupNumber(written: "", idPart: "", style: .runIn, token: "", kindHint: nil, length: 0)
                let parent = stack.parent(for: &key) ?? container
                let depth = parent.map { depths[$0]! + 1 } ?? 1
                let index = tree.add(.init(number: number?.written, idPart: number?.idPart, heading: heading,
                                           kind: kind ?? ClauseKindGuess.kind(number: number, heading: heading, depth: depth),
                                           start: range.lowerBound, end: range.upperBound), parent: parent)
                depths[index] = depth
                stack.push(key, node: index)
                return
            }
            if type == CMARK_NODE_LIST, !inTableOfContents, cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, !isLinkList(node) {
                walkOrderedList(node, parent: stack.entries.last?.node ?? container)
                return
            }
            if type == CMARK_NODE_CODE_BLOCK, let whole = wholeLines(of: node) { nonProse.append(whole) }
            if type == CMARK_NODE_HTML_BLOCK, let literal = cmark_node_get_literal(node), String(cString: literal).hasPrefix("<!--"),
               let whole = wholeLines(of: node) {
                nonProse.append(whole)
            }
            // Plain blocks belong to the open numbered clauses before them.
            for entry in stack.entries { tree[entry.node].end = max(tree[entry.node].end, range.upperBound) }
        }

        mutating func walkOrderedList(_ list: OpaquePointer, parent: Int?) {
            let depth = parent.map { depths[$0]! + 1 } ?? 1
            var item = cmark_node_first_child(list)
            var rendered = Int(cmark_node_get_list_start(list))
            while let current = item {
                item = cmark_node_next(current)
                defer { rendered += 1 }
                guard let range = range(of: current) else { continue }
                let lineEnd = lines.lineRange(lines.line(at: range.lowerBound)).upperBound
                var marker = MarkupNumber.parse(lines.bytes[range.lowerBound..<lineEnd], lenient: true)
                // Lazy numbering (`1.` on every item) renders as 1, 2, 3: number items as readers see them.
                if var number = marker, number.idPart != String(rendered) {
                    number.written = String(rendered) + (number.written.last.map(String.init) ?? ".")
                    number.idPart = String(rendered)
                    marker = number
                }
                var heading: String?
                var headingIsRunIn = false
                let firstBlock = cmark_node_first_child(current)
                if let firstBlock, cmark_node_get_type(firstBlock) == CMARK_NODE_PARAGRAPH, let (_, runInHeading, _) = runIn(firstBlock, boldOnly: true) {
                    heading = runInHeading
                    headingIsRunIn = true
                }
                let index = tree.add(.init(number: marker?.written, idPart: marker?.idPart, heading: heading,
                                           kind: ClauseKindGuess.kind(number: marker, heading: heading, depth: depth),
                                           start: range.lowerBound, end: range.upperBound), parent: parent)
                depths[index] = depth
                var stack = NumberingStack()
                var child = firstBlock
                var first = true
                while let block = child {
                    child = cmark_node_next(block)
                    walkBlock(block, container: index, stack: &stack, skipRunIn: first && headingIsRunIn)
                    first = false
                }
            }
        }

        /// An ordered list whose items are only links is a table of contents, not clauses.
        func isLinkList(_ list: OpaquePointer) -> Bool {
            var item = cmark_node_first_child(list)
            var sawItem = false
            while let current = item {
                sawItem = true
                guard let paragraph = cmark_node_first_child(current), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                      let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_LINK else { return false }
                item = cmark_node_next(current)
            }
            return sawItem
        }

        /// A paragraph that opens a clause: a bold lead (`**3.1 Refunds.**`, `**Cancellation.**`,
        /// `**“Fees”** means`) or a leading number (`(a) …`, `3.1 …`).
        func runIn(_ paragraph: OpaquePointer, boldOnly: Bool = false) -> (MarkupNumber?, String?, ClauseKind?)? {
            guard let first = cmark_node_first_child(paragraph) else { return nil }
            let type = cmark_node_get_type(first)
            if type == CMARK_NODE_STRONG {
                let strong = Self.inlineText(first).markupTrimmed
                guard !strong.isEmpty, strong.utf8.count <= 160 else { return nil }
                if let quote = strong.unicodeScalars.first, "\"“‘'".unicodeScalars.contains(quote) {
                    let term = strong.unicodeScalars.filter { !"\"“”‘’'".unicodeScalars.contains($0) }
                    return (nil, Self.cleanHeading(String(String.UnicodeScalarView(term))), .definition)
                }
                let (number, heading) = Self.numberAndHeading(strong, lenient: true)
                if number != nil { return (number, heading, nil) }
                // A bold run-in title is short: a few words, not a bold sentence.
                let words = strong.split(whereSeparator: { $0 == " " }).count
                guard words <= 10, strong.utf8.count <= 90 else { return nil }
                return (nil, heading, nil)
            }
            if boldOnly { return nil }
            if type == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(first) {
                let bytes = Array(String(cString: literal).utf8.prefix(64))
                if let number = MarkupNumber.parse(bytes[...], lenient: false) { return (number, nil, nil) }
            }
            return nil
        }
    }
}

extension String {
    var markupTrimmed: String {
        var scalars = unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\u{A0}" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\u{A0}" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
