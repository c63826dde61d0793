import CLibXML2
import ClauseModel

/// Parses an XML contract with libxml2 into a clause tree.
///
/// Schemas: Akoma Ntoso / LegalDocML (`article`, `section`, `paragraph`, `point` … with `num`,
/// `heading`, `content`), DocBook-like (`section`/`sect1` with `title`, `para`), and a generic
/// mapping for other vocabularies (article, section, clause, item, paragraph, schedule, annex,
/// recital … with num/number/title/heading children or attributes). Namespaces are ignored:
/// elements are matched by local name.
///
/// Safety: no network (`XML_PARSE_NONET`), no DTD loading, no entity substitution, a fresh
/// parser context per document, and external entity declarations are refused before libxml2
/// sees the document. libxml2's own amplification check stops entity bombs.
struct XMLContractParser {
    static let parserInitialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Elements that are always clauses, with the kind they imply (nil: guess from number/depth).
    static let structuralElements: [String: ClauseKind?] = [
        "article": .article, "chapter": .article, "part": .article, "book": .article, "title": nil,
        "section": nil, "subsection": nil, "sect1": nil, "sect2": nil, "sect3": nil, "sect4": nil, "sect5": nil,
        "simplesect": nil, "clause": nil, "subclause": nil, "division": nil, "subdivision": nil, "hcontainer": nil,
        "level": nil, "tblock": nil, "rule": nil,
        "schedule": .schedule, "annex": .schedule, "appendix": .schedule, "exhibit": .schedule,
        "recitals": .recital, "recital": .recital, "preface": .preamble, "preamble": .recital,
        "definition": .definition, "conclusions": .signatureBlock, "signatures": .signatureBlock,
        "signatureblock": .signatureBlock, "testimonium": .signatureBlock,
    ]
    /// Elements that are clauses only when numbered or titled (otherwise they are text).
    static let conditionalElements: Set<String> = ["paragraph", "subparagraph", "point", "item", "alinea", "indent", "listitem", "para", "provision"]
    static let numberElements: Set<String> = ["num", "number", "label", "no"]
    static let headingElements: Set<String> = ["heading", "title", "caption", "subject"]

    func parse(path: String, lines: LineIndex, warnings: [Diagnostic]) -> Result<Document, Diagnostic> {
        _ = Self.parserInitialised
        let bytes = lines.bytes
        let scanner = MarkupScanner(bytes, html: false)
        if let entity = scanner.externalEntities.first {
            let position = lines.position(at: entity.offset)
            return .failure(Diagnostic(path: path, line: position.line, column: position.column,
                                       message: "external entity '\(entity.name)' refused: clauselint never reads files or URLs named by a document"))
        }

        guard let context = xmlNewParserCtxt() else {
            return .failure(Diagnostic(path: path, message: "cannot create an XML parser (out of memory)"))
        }
        defer { xmlFreeParserCtxt(context) }
        let errors = ErrorCollector()
        let retained = Unmanaged.passRetained(errors)
        defer { retained.release() }
        context.pointee._private = retained.toOpaque()
        errors.mainContext = context
        // Per-context structured error handler: errors go to our collector, never to stderr.
        context.pointee.sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let box = context.pointee._private else { return }
            // Inside an entity's replacement text libxml2 counts lines of the entity, not of the
            // document: report the position in the document (the main input) instead.
            let collector = Unmanaged<ErrorCollector>.fromOpaque(box).takeUnretainedValue()
            var position: (Int, Int)?
            let main = collector.mainContext ?? context
            if main != context || main.pointee.inputNr > 1, let input = main.pointee.inputTab?[0] {
                position = (Int(input.pointee.line), Int(input.pointee.col))
            }
            collector.record(error.pointee, documentPosition: position)
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), path, "UTF-8", options)
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        if let error = errors.first {
            return .failure(Diagnostic(path: path, line: max(error.line, 1), column: max(error.column, 1), message: error.message))
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            return .failure(Diagnostic(path: path, message: "malformed XML: no root element"))
        }

        var builder = Builder(scanner: scanner, lines: lines)
        builder.visit(root, name: Builder.localName(root), parent: nil, depth: 1)
        return .success(builder.tree.document(path: path, format: .xml, lines: lines, nonProseRanges: scanner.markup, warnings: warnings, trimMarkup: false))
    }

    /// Collects the first error libxml2 reports (the one that explains the failure).
    final class ErrorCollector {
        struct Entry { var line: Int; var column: Int; var message: String }
        var first: Entry?
        /// The document's own parser context (entity contents are parsed in sub-contexts).
        var mainContext: xmlParserCtxtPtr?

        func record(_ error: xmlError, documentPosition: (Int, Int)?) {
            guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            var message = error.message.map { String(cString: $0) } ?? "unknown error"
            while message.last == "\n" || message.last == " " { message.removeLast() }
            if error.code == Int32(XML_ERR_ENTITY_LOOP.rawValue) {
                message = "entity expansion refused (\(message.lowercased())): the document's entities expand without bound"
            } else {
                message = "malformed XML: \(message)"
            }
            let (line, column) = documentPosition ?? (Int(error.line), Int(error.int2))
            first = Entry(line: line, column: column, message: message)
        }
    }

    /// Walks libxml2's element tree and maps each element to its source offsets from the scanner.
    struct Builder {
        let scanner: MarkupScanner
        let lines: LineIndex
        var tree = MarkupTree()
        /// Next scanner element to match (elements appear in the same pre-order in both).
        var cursor = 0
        var lineCursor = LineCursor()

        init(scanner: MarkupScanner, lines: LineIndex) {
            self.scanner = scanner
            self.lines = lines
        }

        static func localName(_ node: xmlNodePtr) -> String {
            MarkupScanner.asciiLowercased(node.pointee.name)
        }

        typealias Child = (node: xmlNodePtr, name: String)

        /// Element children with their lower-cased local names (computed once per element).
        static func elementChildren(_ node: xmlNodePtr) -> [Child] {
            var result: [Child] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { result.append((current, localName(current))) }
                child = current.pointee.next
            }
            return result
        }

        /// The element's text with whitespace collapsed (entity references kept as written).
        static func text(_ node: xmlNodePtr) -> String {
            var bytes: [UInt8] = []
            func collect(_ node: xmlNodePtr) {
                var child = node.pointee.children
                while let current = child {
                    switch current.pointee.type {
                    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                        if let content = current.pointee.content {
                            var pointer = content
                            while pointer.pointee != 0 { bytes.append(pointer.pointee); pointer += 1 }
                        }
                    case XML_ENTITY_REF_NODE:
                        if let name = current.pointee.name { bytes.append(0x26); bytes.append(contentsOf: Array(String(cString: name).utf8)); bytes.append(0x3B) }
                    case XML_ELEMENT_NODE:
                        collect(current)
                    default: break
                    }
                    child = current.pointee.next
                }
            }
            collect(node)
            return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        }

        static func attribute(_ node: xmlNodePtr, _ names: [String]) -> String? {
            var attribute = node.pointee.properties
            while let current = attribute {
                if let name = current.pointee.name, names.contains(String(cString: name).lowercased()),
                   let value = current.pointee.children?.pointee.content {
                    let text = String(cString: value).markupTrimmed
                    if !text.isEmpty { return text }
                }
                attribute = current.pointee.next
            }
            return nil
        }

        /// The scanner element for this libxml2 element: the next one in order with the same name.
        /// libxml2's line number (`xmlGetLineNo`) confirms the match; elements that exist only
        /// in libxml2's tree (none without entity expansion, but be safe) get nil.
        mutating func sourceElement(for name: String, line: Int) -> MarkupScanner.Element? {
            var probe = cursor
            while probe < scanner.elements.count {
                let element = scanner.elements[probe]
                if element.localName == name {
                    // libxml2 may report the line of the start tag's `>` (multi-line tags), and
                    // caps element lines at 65535: accept any line the start tag spans.
                    let firstLine = lineCursor.line(at: element.start, in: lines)
                    let lastLine = lineCursor.line(at: max(element.start, element.startTagEnd - 1), in: lines)
                    if line <= 0 || line >= 65535 || (firstLine <= line && line <= lastLine) {
                        cursor = probe + 1
                        return element
                    }
                    if firstLine > line { return nil }
                }
                probe += 1
            }
            return nil
        }

        mutating func visit(_ node: xmlNodePtr, name: String, parent: Int?, depth: Int, parentName: String? = nil) {
            let source = sourceElement(for: name, line: Int(xmlGetLineNo(node)))
            let children = Self.elementChildren(node)
            var index: Int?
            // The root is the document (DocBook's <article>, a <contract>), not a clause, unless
            // numbered; AKN's <recitals> inside <preamble> is the same container twice.
            let transparent = (parentName == nil && !children.contains { XMLContractParser.numberElements.contains($0.name) })
                || (name == "recitals" && parentName == "preamble")
            if let source, !transparent {
                index = clause(for: node, name: name, children: children, source: source, parent: parent, depth: depth)
            }
            for child in children {
                visit(child.node, name: child.name, parent: index ?? parent, depth: index == nil ? depth : depth + 1, parentName: name)
            }
        }

        static func isClause(_ name: String, children: [Child], node: xmlNodePtr) -> Bool {
            if let kind = structuralElements[name] {
                // DocBook/AKN `title` is a heading, except AKN's numbered hierarchy level.
                if name == "title" && kind == nil { return children.contains { numberElements.contains($0.name) } }
                return true
            }
            if conditionalElements.contains(name) {
                return children.contains { numberElements.contains($0.name) || headingElements.contains($0.name) }
                    || attribute(node, ["num", "number", "label"]) != nil
            }
            return false
        }

        /// Adds a clause for `node` when it is one; returns its tree index.
        mutating func clause(for node: xmlNodePtr, name: String, children: [Child], source: MarkupScanner.Element, parent: Int?, depth: Int) -> Int? {
            guard Self.isClause(name, children: children, node: node) else { return nil }
            let numberText = children.first { numberElements.contains($0.name) }.map { Self.text($0.node) }
                ?? Self.attribute(node, ["num", "number", "label"])
            let headingText = children.first { headingElements.contains($0.name) }.map { Self.text($0.node) }
            var number: MarkupNumber?
            if let numberText, !numberText.isEmpty {
                let bytes = Array(numberText.utf8)
                number = MarkupNumber.parse(bytes[...], lenient: true)
                if number == nil || number!.length < bytes.count - 1 {
                    // Unusual numbering (`A1-1`): keep it as written, id from its letters and digits.
                    let idPart = numberText.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
                    number = MarkupNumber(written: numberText, idPart: idPart.isEmpty ? MarkupTree.slug(numberText) : idPart,
                                          style: .runIn, token: "", kindHint: number?.kindHint, length: bytes.count)
                } else {
                    number!.written = numberText
                }
            }
            let heading = headingText.flatMap { $0.isEmpty ? nil : $0 }
            let kind = XMLContractParser.structuralElements[name].flatMap { $0 } ?? ClauseKindGuess.kind(number: number, heading: heading, depth: depth)
            return tree.add(.init(number: number?.written, idPart: number?.idPart ?? (kind == .preamble ? "preamble" : (name == "preamble" || name == "recitals") ? "recitals" : nil),
                                  heading: heading, kind: kind, start: source.start, end: source.end), parent: parent)
        }
    }
}
