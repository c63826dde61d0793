import ClauseModel

/// A flat clause tree for short texts: every blank-line-separated block is one clause, a
/// leading number (`12.`, `4.2`, `Section 7`) becomes its number and a short text up to the
/// first period (or the end of a first short line) its heading; a first short line without a final
/// period is the title.
///
/// Rule examples (`examples:` in `Rules/*.yml`) and `clauselint explain` run on it, so a
/// rule's documentation can be checked without the full plain-text parser, and its findings
/// do not depend on that parser's heuristics.
public enum ParagraphDocument {
    public static func make(text: String, path: String = "<example>") -> Document {
        let lines = LineIndex(text: text)
        let bytes = lines.bytes
        var clauses: [Clause] = []
        var blockStart: Int? = nil
        var lastContentEnd = 0
        var used = Set<String>()

        func close(at end: Int) {
            guard let start = blockStart else { return }
            blockStart = nil
            let block = String(decoding: bytes[start..<end], as: UTF8.self)
            let (number, heading) = Self.numberAndHeading(block)
            var kind: ClauseKind = number == nil ? .paragraph : .section
            if clauses.isEmpty, number == nil, !block.contains("\n"), block.count < 90, !block.hasSuffix(".") { kind = .title }
            if block.lowercased().hasPrefix("signed") || block.lowercased().hasPrefix("in witness whereof") || block.hasPrefix("By:") { kind = .signatureBlock }
            var id = number ?? "p\(clauses.count + 1)"
            if kind == .title { id = "title" }
            if kind == .signatureBlock { id = "signatures" }
            while used.contains(id) { id += "'" }
            used.insert(id)
            clauses.append(Clause(id: id, number: number, heading: heading, kind: kind, level: 1, span: lines.span(start..<end)))
        }

        for line in 1...lines.lineCount {
            let range = lines.lineRange(line)
            let blank = range.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 }
            if blank {
                close(at: lastContentEnd)
            } else {
                if blockStart == nil { blockStart = range.lowerBound }
                lastContentEnd = range.upperBound
            }
        }
        close(at: lastContentEnd)
        return Document(path: path, format: .plainText, text: text, lines: lines, clauses: clauses)
    }

    /// `12.3 Governing Law. This Agreement…` → ("12.3", "Governing Law").
    static func numberAndHeading(_ block: String) -> (String?, String?) {
        var rest = Substring(block)
        var number: String?
        if rest.lowercased().hasPrefix("section ") || rest.lowercased().hasPrefix("article ") {
            let afterWord = rest.drop { $0 != " " }.dropFirst()
            let token = afterWord.prefix { !$0.isWhitespace }
            if !token.isEmpty { number = String(token).trimmed(".:"); rest = afterWord.dropFirst(token.count) }
        } else {
            let token = rest.prefix { $0.isNumber || $0 == "." }
            if !token.isEmpty, token.first!.isNumber { number = String(token).trimmed("."); rest = rest.dropFirst(token.count) }
        }
        guard number != nil else { return (nil, nil) }
        rest = rest.drop { $0 == " " }
        let firstLine = rest.prefix { $0 != "\n" }
        if let period = firstLine.firstIndex(where: { $0 == "." || $0 == ":" }), firstLine.distance(from: firstLine.startIndex, to: period) <= 60 {
            let heading = String(firstLine[..<period]).trimmed(" ")
            return (number, heading.isEmpty ? nil : heading)
        }
        if firstLine.count <= 60, !firstLine.isEmpty, rest.contains("\n") { return (number, String(firstLine).trimmed(" ")) }
        return (number, nil)
    }
}
