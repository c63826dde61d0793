import ClauseModel

/// A clause tree under construction, shared by the Markdown, XML and HTML parsers.
///
/// Parsers add nodes with byte ranges; `document(...)` then trims, clamps children into their
/// parents and siblings apart, fills prose outside every clause with a preamble (or text)
/// clause, assigns ids from the numbering path and levels from depth, and makes every span
/// through `LineIndex` — so the tree invariants hold by construction for every format.
struct MarkupTree {
    struct Node {
        var number: String?
        /// Id fragment from the number (`3`, `(a)`, `article-II`); nil for unnumbered clauses.
        var idPart: String?
        var heading: String?
        var kind: ClauseKind
        var start: Int
        var end: Int
        var children: [Int] = []
    }

    private(set) var nodes: [Node] = []
    private(set) var roots: [Int] = []

    /// Adds a node as the last child of `parent` (or as a top-level clause).
    @discardableResult
    mutating func add(_ node: Node, parent: Int?) -> Int {
        let index = nodes.count
        nodes.append(node)
        if let parent { nodes[parent].children.append(index) } else { roots.append(index) }
        return index
    }

    subscript(index: Int) -> Node {
        get { nodes[index] }
        set { nodes[index] = newValue }
    }

    /// The finished document.
    /// `trimMarkup`: clause ends also step back over trailing markup (HTML tags, Markdown
    /// comments); XML keeps them, as its clauses end at `>` of the end tag.
    func document(path: String, format: DocumentFormat, lines: LineIndex, nonProseRanges: [Range<Int>], warnings: [Diagnostic], trimMarkup: Bool = true) -> Document {
        var nodes = self.nodes
        let bytes = lines.bytes

        func trimmedEnd(_ end: Int, floor: Int) -> Int {
            var end = min(end, bytes.count)
            if trimMarkup { return Self.proseEnd(before: end, floor: floor, nonProse: nonProseRanges, bytes: bytes) }
            while end > floor, Self.isWhitespace(bytes[end - 1]) { end -= 1 }
            return end
        }
        // Bottom-up: a parent reaches at least to its last child's end.
        func grow(_ index: Int) -> Int {
            var end = nodes[index].end
            for child in nodes[index].children { end = max(end, grow(child)) }
            nodes[index].end = end
            return end
        }
        // Top-down: children inside parents, siblings apart, ends trimmed of whitespace.
        func clamp(_ siblings: [Int], lower: Int, upper: Int) {
            var previousEnd = lower
            for (position, index) in siblings.enumerated() {
                var node = nodes[index]
                node.start = min(max(node.start, previousEnd), upper)
                var limit = upper
                if position + 1 < siblings.count { limit = min(limit, max(node.start, nodes[siblings[position + 1]].start)) }
                node.end = trimmedEnd(min(max(node.end, node.start), limit), floor: node.start)
                nodes[index] = node
                clamp(node.children, lower: node.start, upper: node.end)
                previousEnd = node.end
            }
        }
        for root in roots { _ = grow(root) }
        clamp(roots, lower: 0, upper: bytes.count)

        var roots = self.roots.filter { nodes[$0].end > nodes[$0].start || !nodes[$0].children.isEmpty }
        // Prose outside every top-level clause becomes a preamble (before the first) or a text clause.
        for gap in Self.uncoveredProse(roots: roots.map { nodes[$0].start..<nodes[$0].end }, lines: lines, nonProse: nonProseRanges) {
            let isPreamble = roots.isEmpty || gap.upperBound <= nodes[roots[0]].start
            let node = Node(number: nil, idPart: isPreamble ? "preamble" : nil, heading: nil, kind: isPreamble ? .preamble : .paragraph, start: gap.lowerBound, end: gap.upperBound)
            nodes.append(node)
            let insertAt = roots.firstIndex { nodes[$0].start >= gap.upperBound } ?? roots.count
            roots.insert(nodes.count - 1, at: insertAt)
        }

        var usedIDs = Set<String>()
        var nextSuffix: [String: Int] = [:]
        var textClauseCount = 0
        // Ids follow the plain-text parser's conventions, so a clause has the same id in every
        // format: a multi-level number is its own id (`2.1`, also under `ARTICLE II`; inside a
        // schedule `schedule-1.2.1`), `(a)` and single numbers extend their parent's id
        // (`2.1(a)`, `A.1`), definitions are `definition-<term>`, signatures `signatures`.
        func makeClause(_ index: Int, parentID: String?, parentPart: String?, scheduleID: String?, level: Int) -> Clause {
            let node = nodes[index]
            var base: String
            if let part = node.idPart {
                let isMultiLevel = part.contains(".") && part.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
                if let parentID {
                    if part.hasPrefix("(") { base = parentID + part }
                    else if isMultiLevel { base = scheduleID.map { $0 + "." + part } ?? part }
                    else { base = parentID + "." + part }
                } else { base = part }
            } else if node.kind == .definition, let heading = node.heading, !Self.slug(heading).isEmpty {
                base = "definition-" + Self.slug(heading)
            } else if let heading = node.heading, !Self.slug(heading).isEmpty {
                base = (parentID.map { $0 + "." } ?? "") + Self.slug(heading)
            } else if node.kind == .paragraph && parentID == nil {
                textClauseCount += 1
                base = "text-\(textClauseCount)"
            } else {
                let name = node.kind == .signatureBlock ? "signatures" : node.kind == .recital ? "recital" : node.kind.rawValue
                base = (parentID.map { $0 + "." } ?? "") + name
            }
            var id = base
            if !usedIDs.insert(id).inserted {
                // Repeated numbering (a second `1.` list): `1-2`, `1-3`, … remembering the last
                // suffix per base, so many repeats stay linear.
                var suffix = nextSuffix[base] ?? 2
                repeat {
                    id = "\(base)-\(suffix)"
                    suffix += 1
                } while !usedIDs.insert(id).inserted
                nextSuffix[base] = suffix
            }
            let innerSchedule = node.kind == .schedule ? id : scheduleID
            let children = node.children.map { makeClause($0, parentID: id, parentPart: node.idPart, scheduleID: innerSchedule, level: level + 1) }
            return Clause(id: id, number: node.number, heading: node.heading, kind: node.kind, level: level,
                          span: lines.span(node.start..<node.end), children: children)
        }
        let clauses = roots.map { makeClause($0, parentID: nil, parentPart: nil, scheduleID: nil, level: 1) }
        return Document(path: path, format: format, text: String(decoding: bytes, as: UTF8.self), lines: lines,
                        clauses: clauses, nonProseRanges: nonProseRanges, warnings: warnings)
    }

    /// Sorted, non-overlapping ranges; ranges touching or separated only by whitespace merge
    /// (so a line of markup is one range, as the coverage invariant needs).
    static func merged(_ ranges: [Range<Int>], bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = result.last,
               range.lowerBound <= last.upperBound || bytes[last.upperBound..<range.lowerBound].allSatisfy(isWhitespace) {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The end of the last prose byte before `offset`: steps back over whitespace and markup.
    static func proseEnd(before offset: Int, floor: Int, nonProse: [Range<Int>], bytes: [UInt8]) -> Int {
        var end = offset
        var low = 0
        var high = nonProse.count
        while low < high {
            let mid = (low + high) / 2
            if nonProse[mid].lowerBound < end { low = mid + 1 } else { high = mid }
        }
        var index = low - 1
        while end > floor {
            if isWhitespace(bytes[end - 1]) { end -= 1; continue }
            while index >= 0 && nonProse[index].lowerBound >= end { index -= 1 }
            if index >= 0, nonProse[index].upperBound >= end, nonProse[index].lowerBound < end {
                end = max(floor, nonProse[index].lowerBound)
                index -= 1
                continue
            }
            break
        }
        return end
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// Byte ranges of prose lines that no top-level range touches (the way the coverage
    /// invariant counts lines), grouped between the ranges.
    static func uncoveredProse(roots: [Range<Int>], lines: LineIndex, nonProse: [Range<Int>]) -> [Range<Int>] {
        let bytes = lines.bytes
        var covered = [Bool](repeating: false, count: lines.lineCount + 2)
        for range in roots where !range.isEmpty {
            let first = lines.line(at: range.lowerBound)
            var last = lines.line(at: range.upperBound)
            if range.upperBound == lines.lineStarts[last - 1] && last > first { last -= 1 }
            for line in first...last { covered[line] = true }
        }
        let sortedNonProse = nonProse.sorted { $0.lowerBound < $1.lowerBound }
        // Non-prose ranges do not overlap: the candidate is the last one starting at or before the line.
        func isMarkup(_ range: Range<Int>) -> Bool {
            var low = 0
            var high = sortedNonProse.count - 1
            var candidate = -1
            while low <= high {
                let mid = (low + high) / 2
                if sortedNonProse[mid].lowerBound <= range.lowerBound { candidate = mid; low = mid + 1 } else { high = mid - 1 }
            }
            return candidate >= 0 && sortedNonProse[candidate].upperBound >= range.upperBound
        }
        var gaps: [Range<Int>] = []
        var current: Range<Int>?
        var rootCursor = 0
        let sortedRoots = roots.sorted { $0.lowerBound < $1.lowerBound }
        for line in 1...lines.lineCount {
            let range = lines.lineRange(line)
            // A root starting before this line closes the open gap.
            var crossedRoot = false
            while rootCursor < sortedRoots.count && sortedRoots[rootCursor].lowerBound < range.lowerBound {
                rootCursor += 1
                crossedRoot = true
            }
            if crossedRoot, let open = current { gaps.append(open); current = nil }
            if covered[line] { continue }
            guard let first = range.first(where: { !isWhitespace(bytes[$0]) }) else { continue }
            if isMarkup(range) { continue }
            var last = range.upperBound
            while last > first && isWhitespace(bytes[last - 1]) { last -= 1 }
            if let open = current { current = open.lowerBound..<last } else { current = first..<last }
        }
        if let open = current { gaps.append(open) }
        // Trim each gap to the part outside markup at its edges, and keep it clear of the roots.
        return gaps.map { gap in
            var lower = gap.lowerBound
            var upper = gap.upperBound
            for root in sortedRoots {
                if root.upperBound > lower && root.lowerBound < gap.upperBound && root.lowerBound <= lower { lower = root.upperBound }
                if root.lowerBound < upper && root.lowerBound > lower { upper = min(upper, root.lowerBound) }
            }
            while upper > lower && isWhitespace(bytes[upper - 1]) { upper -= 1 }
            return lower..<max(lower, upper)
        }.filter { !$0.isEmpty }
    }

    /// A readable id fragment from a heading: lower-case ASCII letters and digits joined by `-`.
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingDash && !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(Character(Unicode.Scalar(lower)))
                if result.utf8.count >= 40 { break }
            } else if byte < 0x80 || byte >= 0xC0 {
                pendingDash = true
            }
        }
        return result
    }
}
