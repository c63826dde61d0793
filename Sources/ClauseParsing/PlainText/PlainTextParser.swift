import ClauseModel

/// Turns a plain-text contract (SEC EDGAR exhibit, Word or PDF export) into a clause tree.
///
/// Works on UTF-8 bytes in three passes: line facts (page artifacts, running headers), marker
/// candidates (line starts and, for PDF run-on text, inside lines), and an outline builder that
/// keeps only candidates that continue a numbering sequence or plausibly open a new level.
/// Documents with almost no numbering are read a second time with ALL-CAPS heading lines as the
/// top level.
public struct PlainTextParser: Sendable {
    public init() {}

    /// Parses a decoded contract. `text` must already have its line endings normalised to `\n`.
    public func parse(path: String, text: String) -> Document {
        let bytes = Array(text.utf8)
        let lines = LineIndex(bytes: bytes)
        let drafts = segment(bytes)
        return Document(
            path: path,
            format: .plainText,
            text: text,
            lines: lines,
            clauses: drafts.map { $0.clause(level: 1, lines: lines) }
        )
    }

    /// Parses a decoded contract whose line index is already built (the document loader has one),
    /// so the bytes are not copied again.
    public func parse(path: String, lines: LineIndex, warnings: [Diagnostic] = []) -> Document {
        let drafts = segment(lines.bytes)
        return Document(
            path: path,
            format: .plainText,
            text: String(decoding: lines.bytes, as: UTF8.self),
            lines: lines,
            clauses: drafts.map { $0.clause(level: 1, lines: lines) },
            warnings: warnings
        )
    }

    /// Segments a UTF-8 prose buffer into nested clause drafts with byte ranges into `bytes`.
    ///
    /// The top-level drafts cover every non-blank line: a `preamble` draft (kind `.preamble`)
    /// holds what comes before the first clause, and a `table-of-contents` draft (kind
    /// `.heading`) holds a detected table of contents. Used by `parse` and by parsers of other
    /// formats that extract prose (HTML).
    public func segment(_ bytes: [UInt8]) -> [ClauseDraft] {
        let lines = TextLines(bytes)
        let scanner = MarkerScanner(bytes: bytes, lines: lines)
        let tocHeading = Self.tableOfContentsHeading(bytes, lines)
        var builder = OutlineBuilder(bytes: bytes, lines: lines)
        builder.tableOfContentsHeading = tocHeading
        let numbered = scanner.candidates(includeCapsHeadings: false)
        for index in numbered.indices { builder.add(numbered[index], followedBy: numbered[(index + 1)...]) }
        if builder.topLevelNumberedCount < 3 {
            // Little or no numbering: let ALL-CAPS heading lines structure the document.
            var withHeadings = OutlineBuilder(bytes: bytes, lines: lines)
            withHeadings.tableOfContentsHeading = tocHeading
            let candidates = scanner.candidates(includeCapsHeadings: true)
            if candidates.contains(where: { $0.form == .capsHeading }) {
                for index in candidates.indices { withHeadings.add(candidates[index], followedBy: candidates[(index + 1)...]) }
                if withHeadings.nodes.count > builder.nodes.count { builder = withHeadings }
            }
        }
        builder.closeSpans()
        return DraftAssembler(bytes: bytes, lines: lines, scanner: scanner, nodes: builder.nodes).drafts()
    }

    /// Offset of the first line reading "TABLE OF CONTENTS" / "Contents" / "INDEX", if any.
    static func tableOfContentsHeading(_ bytes: [UInt8], _ lines: TextLines) -> Int? {
        for line in lines.lines where !line.isBlank && line.contentEnd - line.contentStart <= 40 {
            var index = line.contentStart
            while index + 8 <= line.contentEnd {
                if ByteText.hasPrefixIgnoringCase(bytes, index, line.contentEnd, "contents") {
                    return line.contentStart
                }
                index += 1
            }
            if ByteText.hasPrefix(bytes, line.contentStart, line.contentEnd, "INDEX") && line.contentEnd - line.contentStart <= 6 {
                return line.contentStart
            }
        }
        return nil
    }
}

/// Turns the builder's flat node list into drafts: ids, numbers, headings, kinds, nesting, and
/// the preamble.
struct DraftAssembler {
    let bytes: [UInt8]
    let lines: TextLines
    let scanner: MarkerScanner
    let nodes: [OutlineBuilder.Node]

    func drafts() -> [ClauseDraft] {
        var usedIDs = Set<String>()
        var ids: [String] = []
        ids.reserveCapacity(nodes.count)
        var recitalCount = 0
        var flat: [ClauseDraft] = []
        flat.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() {
            let parentID = node.parent.map { ids[$0] }
            var id = baseID(node, index: index, parentID: parentID, ids: ids, recitalCount: &recitalCount)
            if usedIDs.contains(id) {
                var suffix = 2
                while usedIDs.contains("\(id)-\(suffix)") { suffix += 1 }
                id = "\(id)-\(suffix)"
            }
            usedIDs.insert(id)
            ids.append(id)
            let nextStart = index + 1 < nodes.count ? nodes[index + 1].candidate.start : bytes.count
            flat.append(ClauseDraft(
                id: id,
                number: number(node),
                heading: heading(node, nextStart: nextStart),
                kind: kind(node),
                range: node.candidate.start..<max(node.candidate.start, node.end)
            ))
        }
        // Nest: nodes are in document order, parents before children.
        var children = [[Int]](repeating: [], count: nodes.count)
        var roots: [Int] = []
        for (index, node) in nodes.enumerated() {
            if let parent = node.parent { children[parent].append(index) } else { roots.append(index) }
        }
        func build(_ index: Int) -> ClauseDraft {
            var draft = flat[index]
            draft.children = children[index].map(build)
            return draft
        }
        var result = roots.map(build)
        // The preamble: everything before the first clause. With a table of contents first, the
        // cover page before it is the title and the text between it and the body the preamble.
        var introduction: ClauseDraft?
        if let tocIndex = result.firstIndex(where: { $0.id == Clause.tableOfContentsID }) {
            let gapStart = result[tocIndex].range.upperBound
            let gapEnd = tocIndex + 1 < result.count ? result[tocIndex + 1].range.lowerBound : bytes.count
            if let range = trimmed(gapStart..<gapEnd) {
                introduction = ClauseDraft(id: usedIDs.contains("preamble") ? "preamble-2" : "preamble", kind: .preamble, range: range)
                result.insert(introduction!, at: tocIndex + 1)
            }
        }
        if let range = trimmed(0..<(nodes.first?.candidate.start ?? bytes.count)) {
            let isTitle = introduction != nil
            let id = isTitle ? "title" : "preamble"
            result.insert(ClauseDraft(id: usedIDs.contains(id) ? "\(id)-2" : id, kind: isTitle ? .title : .preamble, range: range), at: 0)
        }
        return result
    }

    /// The range without leading and trailing whitespace; nil when nothing is left.
    private func trimmed(_ range: Range<Int>) -> Range<Int>? {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && (ByteText.isSpace(bytes[start]) || bytes[start] == 0x0A) { start += 1 }
        while end > start && (ByteText.isSpace(bytes[end - 1]) || bytes[end - 1] == 0x0A) { end -= 1 }
        return start < end ? start..<end : nil
    }

    // MARK: - Ids

    private func baseID(_ node: OutlineBuilder.Node, index: Int, parentID: String?, ids: [String], recitalCount: inout Int) -> String {
        let candidate = node.candidate
        let label = ByteText.string(bytes, candidate.label)
        switch node.reading.scheme {
        case .decimal(let length):
            let joined = node.reading.components.map(String.init).joined(separator: ".")
            if length == 1, let parentID { return "\(parentID).\(joined)" }
            if let schedule = enclosingScheduleID(node, ids: ids) { return "\(schedule).\(joined)" }
            return joined
        case .parenDigit, .parenLower, .parenLowerRoman, .parenUpper, .parenUpperRoman:
            return "\(parentID ?? "")(\(label))"
        case .letterDotUpper, .romanDot:
            if let parentID { return "\(parentID).\(label)" }
            return label
        case .article:
            return "article-\(label)"
        case .schedule:
            if case .schedule(let keywordEnd) = candidate.form {
                return "\(ByteText.string(bytes, candidate.start..<keywordEnd).lowercased())-\(label)"
            }
            return "schedule-\(label)"
        case .recitals:
            return "recitals"
        case .recital:
            recitalCount += 1
            return "recital-\(recitalCount)"
        case .signatures:
            return "signatures"
        case .tableOfContents:
            return Clause.tableOfContentsID
        case .heading:
            let slug = ByteText.slug(bytes, candidate.label)
            return slug.isEmpty ? "heading" : slug
        case .definition:
            let slug = ByteText.slug(bytes, candidate.label)
            return "definition-\(slug.isEmpty ? "term" : slug)"
        }
    }

    private func enclosingScheduleID(_ node: OutlineBuilder.Node, ids: [String]) -> String? {
        var parent = node.parent
        while let index = parent {
            if nodes[index].reading.scheme == .schedule { return ids[index] }
            parent = nodes[index].parent
        }
        return nil
    }

    // MARK: - Numbers, kinds

    private func number(_ node: OutlineBuilder.Node) -> String? {
        let candidate = node.candidate
        switch candidate.form {
        case .decimal, .article, .paren, .letterDot:
            return ByteText.string(bytes, candidate.start..<candidate.numberEnd)
        case .schedule:
            return ByteText.string(bytes, candidate.start..<candidate.label.upperBound)
        default:
            return nil
        }
    }

    private func kind(_ node: OutlineBuilder.Node) -> ClauseKind {
        let candidate = node.candidate
        switch node.reading.scheme {
        case .article: return .article
        case .recitals, .recital: return .recital
        case .schedule: return .schedule
        case .signatures: return .signatureBlock
        case .heading, .tableOfContents: return .heading
        case .definition: return .definition
        default: break
        }
        let line = lines.lines[candidate.lineIndex]
        if scanner.definition(at: candidate.contentStart, end: line.contentEnd, lineIndex: candidate.lineIndex) != nil {
            return .definition
        }
        if let parent = node.parent, nodes[parent].reading.scheme == .recitals { return .recital }
        // "A. Tadeo operates an online service …" before the numbered body: a recital.
        if node.level == 1, node.childCount == 0, node.reading.scheme == .letterDotUpper || node.reading.scheme == .romanDot,
           !OutlineBuilder.startsWithTitle(candidate, bytes: bytes, lines: lines),
           nodes.contains(where: { $0.level == 1 && $0.candidate.start > candidate.start && { if case .decimal = $0.reading.scheme { return true } else { return false } }($0) }) {
            return .recital
        }
        if case .decimal(true) = candidate.form, bytes[candidate.start] != 0x43 { return .section }  // Section, §; not Clause
        switch node.reading.scheme {
        case .decimal, .letterDotUpper, .romanDot:
            return node.level == 1 || (node.parent.map { nodes[$0].reading.scheme.isContainer } ?? false) ? .section : .clause
        default:
            return node.level == 1 ? .section : .subClause
        }
    }

    // MARK: - Headings

    private func heading(_ node: OutlineBuilder.Node, nextStart: Int) -> String? {
        let candidate = node.candidate
        switch candidate.form {
        case .definition(let term):
            return ByteText.string(bytes, term)
        case .capsHeading:
            return node.reading.scheme == .tableOfContents ? nil : ByteText.string(bytes, candidate.label)
        case .recitalsHeading:
            return candidate.numberEnd > candidate.start ? ByteText.string(bytes, candidate.label) : nil
        case .whereas, .signatures:
            return nil
        case .decimal, .article, .paren, .letterDot, .schedule:
            let line = lines.lines[candidate.lineIndex]
            let limit = min(line.contentEnd, nextStart)
            if candidate.contentStart < limit {
                if let heading = runInHeading(from: candidate.contentStart, limit: limit, limitIsLineEnd: limit == line.contentEnd, lineIndex: candidate.lineIndex) {
                    return heading
                }
                if candidate.contentStart == candidate.numberEnd {
                    // Glued "2.4Taxes Licensee pays …": the glued word is the title.
                    var end = candidate.contentStart
                    while end < limit && ByteText.isLetter(bytes[end]) { end += 1 }
                    return ByteText.string(bytes, candidate.contentStart..<end)
                }
                return nil
            }
            if limit == line.contentEnd {
                switch candidate.form {
                case .paren, .letterDot: return nil
                default: return headingOnNextLine(after: candidate.lineIndex, before: nextStart)
                }
            }
            return nil
        }
    }

    /// "ARTICLE IV\nINDEMNIFICATION": a short title line right after a marker alone on its line.
    private func headingOnNextLine(after lineIndex: Int, before nextStart: Int) -> String? {
        var index = lineIndex + 1
        while index < lines.lines.count && lines.lines[index].isBlank { index += 1 }
        guard index < lines.lines.count else { return nil }
        let line = lines.lines[index]
        guard !line.isArtifact, line.contentEnd <= nextStart, line.contentEnd - line.contentStart <= 80 else { return nil }
        return runInHeading(from: line.contentStart, limit: line.contentEnd, limitIsLineEnd: true, lineIndex: index, requireEnd: true)
    }

    private static let connectors: Set<String> = [
        "a", "an", "and", "of", "the", "to", "for", "in", "on", "or", "by", "with", "upon", "under", "from", "at",
        "its", "as", "not", "into", "vs", "de", "per", "and/or", "&", "-", "–", "—", "/",
    ]
    private static let abbreviations: Set<String> = ["Inc", "Co", "Corp", "Ltd", "No", "Nos", "Mr", "Ms", "Dr", "St", "Jr", "Sr", "Bros"]

    private func isAllCaps(_ range: Range<Int>) -> Bool {
        var letters = 0
        for index in range {
            if ByteText.isLower(bytes[index]) { return false }
            if ByteText.isUpper(bytes[index]) { letters += 1 }
        }
        return letters >= 2
    }

    /// The title after a number: capitalised words up to a period, colon, wide gap, line end or
    /// the next clause ("12. Indemnity. Each Party …" → "Indemnity"). A lower-case word before
    /// any such end means the clause starts with a sentence: no heading.
    private func runInHeading(from start: Int, limit: Int, limitIsLineEnd: Bool, lineIndex: Int, requireEnd: Bool = false) -> String? {
        var index = start
        var words = 0
        var capitalised = 0
        var lastWordWasConnector = false
        var headingEnd = -1
        var endedAtLimit = false
        while index < limit {
            let wordStart = index
            while index < limit && !ByteText.isSpace(bytes[index]) { index += 1 }
            let wordEnd = index
            let first = bytes[wordStart]
            let last = bytes[wordEnd - 1]
            var core = wordEnd
            while core > wordStart && (bytes[core - 1] == 0x2E || bytes[core - 1] == 0x3A || bytes[core - 1] == 0x2C || bytes[core - 1] == 0x3B) { core -= 1 }
            let word = ByteText.string(bytes, wordStart..<core)
            let isConnector = Self.connectors.contains(word)
            if ByteText.isUpper(first) {
                capitalised += 1
            } else if !(isConnector || (ByteText.isDigit(first) && words > 0) || first == 0x26 || first == 0x2D || first == 0xE2) {
                return nil
            }
            if last == 0x2C && !requireEnd { /* a comma inside a title: "Representations, Warranties" */ }
            words += 1
            lastWordWasConnector = isConnector
            if words > 12 || index - start > 100 { return nil }
            if last == 0x2E {
                let internalPeriod = bytes[wordStart..<(wordEnd - 1)].contains(0x2E)
                if !(Self.abbreviations.contains(word) || internalPeriod || core - wordStart == 1) || requireEnd {
                    headingEnd = core
                    break
                }
            }
            if last == 0x3A { headingEnd = core; break }
            let gapStart = index
            while index < limit && ByteText.isSpace(bytes[index]) { index += 1 }
            if index >= limit { headingEnd = core; endedAtLimit = true; break }
            // A wide gap ends a run-in title ("RECORDAL   It is recorded"), unless the title
            // is visibly unfinished ("Obligation to  Maintain").
            if index - gapStart >= 2 && !isConnector && last != 0x2C && last != 0x3B
                && !(isAllCaps(wordStart..<core) && index + 1 < limit && ByteText.isUpper(bytes[index]) && ByteText.isUpper(bytes[index + 1])) {
                // (A caps title goes on across a gap: "PROVIDER'S  REPRESENTATIONS".)
                headingEnd = core
                break
            }
        }
        guard headingEnd > start, capitalised > 0, !lastWordWasConnector else { return nil }
        if endedAtLimit && limitIsLineEnd {
            // A hard-wrapped sentence continues in lower case on the next line.
            var next = lineIndex + 1
            while next < lines.lines.count && lines.lines[next].isArtifact { next += 1 }
            if next < lines.lines.count, !lines.lines[next].isBlank, ByteText.isLower(bytes[lines.lines[next].contentStart]) { return nil }
        }
        var end = headingEnd
        while end > start && (ByteText.isSpace(bytes[end - 1]) || bytes[end - 1] == 0x2C || bytes[end - 1] == 0x2D) { end -= 1 }
        guard end > start else { return nil }
        return ByteText.string(bytes, start..<end)
    }
}
