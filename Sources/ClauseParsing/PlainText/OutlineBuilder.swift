import ClauseModel

/// Decides which marker candidates are clauses and how they nest.
///
/// A stack of open clauses, one per level, each with the scheme and last number of its level.
/// A candidate becomes a clause when it continues the sequence of an open level (`(h)` → `(i)`
/// as a letter, `(i)` → `(ii)` as a roman), or starts a plausible new level below the current
/// clause (`(a)`, `(i)`, `1.1` under `1.`). Anything else — "30 days after …", a cross-reference
/// "Section 4.2", a stray "(c)" — stays text. A restart of the top-level sequence is a table of
/// contents when the clauses before it were short (TOC entries), or the end of numbered recitals.
struct OutlineBuilder {
    struct Node {
        var candidate: MarkerCandidate
        var reading: MarkerReading
        var level: Int
        var parent: Int?
        var childCount = 0
        var end = 0
        /// Set for a table of contents: it ends with its last entry's line, not at the body.
        var fixedEnd: Int?
    }

    private struct Open {
        var node: Int
        var reading: MarkerReading
    }

    let bytes: [UInt8]
    let lines: TextLines
    private(set) var nodes: [Node] = []
    private var stack: [Open] = []
    private var levelOneSchemes = Set<MarkerScheme>()
    private var runStart: Int?
    private var tableOfContentsDone = false
    private var sawSignatures = false
    /// The candidates after the one being added, for a look ahead.
    private var following: ArraySlice<MarkerCandidate> = []
    /// Offset of a "TABLE OF CONTENTS" line, if one was seen before the body.
    var tableOfContentsHeading: Int?

    init(bytes: [UInt8], lines: TextLines) {
        self.bytes = bytes
        self.lines = lines
    }

    /// Level-1 numbered clauses (not containers, recitals or definitions).
    var topLevelNumberedCount: Int {
        nodes.reduce(0) { $0 + ($1.level == 1 && $1.reading.scheme.rank >= 0 && $1.reading.scheme.rank < 30 ? 1 : 0) }
    }

    /// Adds `candidate`; `following` are the candidates after it (looked at, not added).
    mutating func add(_ candidate: MarkerCandidate, followedBy following: ArraySlice<MarkerCandidate>) {
        self.following = following
        add(candidate)
        self.following = []
    }

    mutating func add(_ candidate: MarkerCandidate) {
        if candidate.form == .recitalsHeading || candidate.form == .whereas { convertTableOfContentsBeforeRecitals(candidate) }
        let bottom = stack.first?.reading.scheme
        switch candidate.form {
        case .signatures:
            if bottom == .signatures { return }
            sawSignatures = true
            pushTop(candidate, candidate.readings[0])
        case .schedule:
            guard !levelOneSchemes.isEmpty || sawSignatures else { return }
            // A schedule heading run on with its text only ends a signature block.
            if candidate.weak && bottom != .signatures { return }
            pushTop(candidate, candidate.readings[0])
        case .capsHeading:
            if bottom == .signatures { return }
            if bottom == .schedule {
                // A title inside a schedule ("EXHIBIT 1" / "PRESCRIBER DATA") stays in it.
                stack.removeSubrange(1...)
                push(candidate, candidate.readings[0])
                return
            }
            pushTop(candidate, candidate.readings[0])
        case .recitalsHeading:
            guard levelOneSchemes.isEmpty, bottom == nil || bottom == .recitals || bottom == .heading else { return }
            if bottom == .recitals, let open = stack.first, nodes[open.node].childCount == 0 { return }
            pushTop(candidate, candidate.readings[0])
        case .whereas:
            guard levelOneSchemes.isEmpty, bottom == nil || bottom == .recitals || bottom == .heading else { return }
            if bottom != .recitals {
                var container = candidate
                container.form = .recitalsHeading
                container.numberEnd = candidate.start  // no heading of its own
                pushTop(container, MarkerReading(scheme: .recitals, ordinal: 1))
            }
            stack.removeSubrange(1...)
            push(candidate, candidate.readings[0])
        case .definition:
            if bottom == .signatures { return }
            if let index = stack.lastIndex(where: { $0.reading.scheme == .definition }) { stack.removeSubrange(index...) }
            push(candidate, candidate.readings[0])
        case .decimal, .article, .paren, .letterDot:
            if bottom == .signatures {
                // A signature page before any numbered clause is a cover page: a "1." after it
                // starts the body. Anywhere else, a "1." that a numbered sequence follows
                // ("1. Definitions", "2.", "3." … in terms attached after the signatures, or a
                // body after a cover page signed inside its text) ends the signature block too.
                guard !candidate.weak, candidate.boundary != .none,
                      let reading = candidate.readings.first(where: { !$0.scheme.isParen && $0.ordinal == 1 && $0.components.allSatisfy { $0 <= 1 } })
                else { return }
                let coverPage = levelOneSchemes.isEmpty && candidate.boundary == .strong
                guard coverPage || sequenceFollows(reading) else { return }
                stack.removeAll()
                push(candidate, reading)
                return
            }
            addNumbered(candidate)
        }
    }

    /// How many numbers must follow a "1." in sequence ("2.", "3.", "4.") for it to end a
    /// signature block that is not a cover page.
    static let sequenceAfterSignatures = 3

    /// How many candidates the look ahead reads at most. Contracts are untrusted input: a signature
    /// block followed by thousands of "1." lines and no "2." must not cost a scan of the rest of
    /// the document for each of them. Real numbered terms reach "4." within a few dozen markers.
    static let sequenceLookAhead = 400

    /// Whether the next candidates, before another signature block or schedule, continue the
    /// sequence `reading` starts (its scheme, numbers 2, 3, … in order; sub-clauses between).
    private func sequenceFollows(_ reading: MarkerReading) -> Bool {
        var expected = 2
        for next in following.prefix(Self.sequenceLookAhead) {
            switch next.form {
            case .signatures, .schedule: return false
            default: break
            }
            guard !next.weak, next.boundary != .none else { continue }
            let continues = next.readings.contains { other in
                guard other.scheme == reading.scheme else { return false }
                if case .decimal = other.scheme {
                    return other.components.last == expected && other.components.dropLast().allSatisfy { $0 <= 1 }
                        && other.components.count == reading.components.count
                }
                return other.ordinal == expected
            }
            guard continues else { continue }
            if expected > Self.sequenceAfterSignatures { return true }
            expected += 1
        }
        return false
    }

    // MARK: - Numbered markers

    private mutating func addNumbered(_ candidate: MarkerCandidate) {
        // Gaps in a sequence happen (a number lost in extraction), but only where a new clause
        // is likely anyway: at a line start or after a sentence.
        let maxGap = candidate.weak ? 1 : candidate.atLineStart ? 3 : candidate.boundary == .strong ? 2 : 1
        // 1. Continues an open level with the next number (deepest first; never across a container).
        if continueOpenLevel(candidate, maxGap: 1) { return }
        // "2." after "I." › "1.1", "1.2": the roman "I." stood for 1, so "2." is its sibling.
        if let reading = candidate.readings.first, case .decimal(1) = reading.scheme,
           let index = stack.lastIndex(where: { if case .decimal = $0.reading.scheme { return true } else { return false } }),
           case .decimal(2) = stack[index].reading.scheme,
           index == 0 || stack[index - 1].reading.scheme == .romanDot || stack[index - 1].reading.scheme == .letterDotUpper,
           stack[index].reading.components[0] + 1 == reading.components[0],
           !stack[..<index].contains(where: { if case .decimal = $0.reading.scheme { return true } else { return false } }) {
            // Also "5." after a top-level "4.1" … "4.6" whose "4." heading was missing.
            stack.removeSubrange(max(0, index - 1)...)
            push(candidate, reading)
            return
        }
        if candidate.weak {
            // Only "3.1 lower-case text" right under an open "3".
            guard let reading = candidate.readings.first, case .decimal(let length) = reading.scheme, length >= 2,
                  reading.components[length - 1] == 1, let top = stack.last, case .decimal(length - 1) = top.reading.scheme,
                  top.reading.components == Array(reading.components.dropLast()) else { return }
            push(candidate, reading)
            return
        }
        let containerIndex = stack.lastIndex(where: { $0.reading.scheme.isContainer })
        let bottom = stack.first?.reading.scheme
        for reading in candidate.readings {
            let scheme = reading.scheme
            let isFirst = reading.ordinal == 1 && reading.components.dropLast().allSatisfy { $0 <= 1 }
            // 2. Numbered clauses after recitals (WHEREAS paragraphs, or recitals numbered on
            //    their own): the body begins at level 1.
            if bottom == .recitals && isFirst && !scheme.isParen, let container = stack.first, nodes[container.node].childCount > 0 {
                stack.removeAll()
                push(candidate, reading)
                return
            }
            // 3. A restart of the top-level sequence.
            if isFirst && !scheme.isParen && levelOneSchemes.contains(scheme) {
                if !tableOfContentsDone, looksLikeTableOfContents(before: candidate.start) {
                    convertToTableOfContents(endingAt: candidate.start)
                    push(candidate, reading)
                    return
                }
                // Schedules and headed parts restart their own numbering below them.
                if bottom != .schedule && bottom != .heading { continue }
            }
            // 4. Starts a new level.
            guard startsLevel(reading, above: containerIndex) else { continue }
            // Parenthesised lists live inside clauses; only "1)" at a line start, before any
            // numbered clause, may number a whole contract ("1)  The Sponsor wishes …").
            if stack.isEmpty && scheme.isParen && !(scheme == .parenDigit && candidate.atLineStart && levelOneSchemes.isEmpty
                && bytes[candidate.start] != 0x28) { continue }
            if bottom == .recitals && !scheme.isParen && stack.count == 1 && !recitalsListCanStart(candidate, reading) {
                // Recitals written as prose under a heading: the body begins here.
                stack.removeAll()
                push(candidate, reading)
                return
            }
            // Lettered recitals without a heading ("A. Tadeo operates …", "B. …") then "1.": the
            // numbered body does not belong to the last recital.
            if case .decimal = scheme, stack.count == 1, let top = stack.last,
               top.reading.scheme == .letterDotUpper || top.reading.scheme == .romanDot,
               nodes[top.node].childCount == 0, !Self.startsWithTitle(nodes[top.node].candidate, bytes: bytes, lines: lines) {
                stack.removeAll()
                push(candidate, reading)
                return
            }
            while let top = stack.last, !top.reading.scheme.isContainer,
                  !(scheme.isParen && (top.reading.scheme.isParen || top.reading.scheme.rank == 30)),
                  top.reading.scheme.rank >= scheme.rank {
                stack.removeLast()
            }
            if stack.isEmpty && scheme.isParen && !(scheme == .parenDigit && bytes[candidate.start] != 0x28) { return }
            push(candidate, reading)
            return
        }
        // 5. Continues an open level after a gap (a number lost in extraction) — only when no
        //    reading fits better: "(g) … (i) the sale" is a roman (i) under (g), not letter (i).
        if maxGap > 1 && continueOpenLevel(candidate, maxGap: maxGap) { return }
        // 6. "4.1" after "3." › "3.3" when the "4." heading itself is missing: "4.1" takes the
        //    place of "4." rather than the rest of the document staying inside clause 3.
        if candidate.boundary == .strong, let reading = candidate.readings.first, case .decimal(let length) = reading.scheme,
           length >= 2, reading.components[length - 1] == 1 {
            var parent = Array(reading.components.dropLast())
            parent[length - 2] -= 1
            if let index = stack.lastIndex(where: { $0.reading.scheme == .decimal(length - 1) && $0.reading.components == parent }) {
                stack.removeSubrange(index...)
                push(candidate, reading)
            }
        }
    }

    private mutating func continueOpenLevel(_ candidate: MarkerCandidate, maxGap: Int) -> Bool {
        for depth in stack.indices.reversed() {
            let open = stack[depth]
            if open.reading.scheme.isContainer { break }
            for reading in candidate.readings where continues(open, reading, depth: depth, maxGap: maxGap) {
                stack.removeSubrange(depth...)
                push(candidate, reading)
                return true
            }
        }
        return false
    }

    /// A childless recitals heading takes a numbered list ("WHEREAS\n1. Party A is …") only when
    /// the list starts right after the heading; articles and sections never belong to it.
    private func recitalsListCanStart(_ candidate: MarkerCandidate, _ reading: MarkerReading) -> Bool {
        guard let container = stack.first else { return false }
        if reading.scheme == .article { return false }
        if case .decimal(let length) = reading.scheme, length > 1 { return false }
        if case .decimal(true) = candidate.form { return false }
        // Nothing but blanks and page artifacts between the heading and the list.
        let heading = nodes[container.node].candidate
        var index = heading.numberEnd
        var lineIndex = heading.lineIndex
        while index < candidate.start {
            let line = lines.lines[lineIndex]
            if line.isArtifact || index >= line.contentEnd {
                lineIndex += 1
                guard lineIndex < lines.lines.count else { return false }
                index = max(index, lines.lines[lineIndex].start)
                continue
            }
            let byte = bytes[index]
            // Blanks, punctuation and underlines ("RECITALS  --------") are not prose.
            if !(ByteText.isSpace(byte) || byte == 0x3A || byte == 0x2C || byte == 0x2E || byte == 0x2D || byte == 0x5F || byte == 0x3D) { return false }
            index += 1
        }
        return true
    }

    /// Whether the text after a marker reads as a title ("DEFINITIONS", "Scope of Work.") rather
    /// than a sentence ("Tadeo operates an online service …").
    static func startsWithTitle(_ candidate: MarkerCandidate, bytes: [UInt8], lines: TextLines) -> Bool {
        let end = min(lines.lines[candidate.lineIndex].contentEnd, candidate.contentStart + 120)
        var index = candidate.contentStart
        if index >= end { return true }  // marker alone on its line: a title follows
        var words = 0
        while index < end {
            let wordStart = index
            while index < end && !ByteText.isSpace(bytes[index]) { index += 1 }
            words += 1
            // A lower-case word of five letters or more is prose, not a title.
            if ByteText.isLower(bytes[wordStart]) && index - wordStart >= 5 { return false }
            if bytes[index - 1] == 0x2E || bytes[index - 1] == 0x3A { return words <= 10 }
            while index < end && ByteText.isSpace(bytes[index]) { index += 1 }
        }
        return words <= 10
    }

    private func continues(_ open: Open, _ reading: MarkerReading, depth: Int, maxGap: Int) -> Bool {
        guard open.reading.scheme == reading.scheme else { return false }
        guard case .decimal(let length) = reading.scheme else {
            return reading.ordinal > open.reading.ordinal && reading.ordinal <= open.reading.ordinal + maxGap
        }
        let previous = open.reading.components
        let current = reading.components
        if length == 1 {
            return current[0] > previous[0] && current[0] <= previous[0] + maxGap
        }
        if current.dropLast() == previous.dropLast() {
            return current[length - 1] > previous[length - 1] && current[length - 1] <= previous[length - 1] + maxGap
        }
        // "2.1" after "1.7" when "2." itself is not a clause (implicit parent).
        guard current[length - 1] == 1 else { return false }
        if depth > 0, case .decimal(length - 1) = stack[depth - 1].reading.scheme { return false }
        var expectedParent = Array(previous.dropLast())
        expectedParent[length - 2] += 1
        return Array(current.dropLast()) == expectedParent
    }

    /// Whether `reading` can open a new level below the current clause.
    private func startsLevel(_ reading: MarkerReading, above containerIndex: Int?) -> Bool {
        let open = stack[((containerIndex ?? -1) + 1)...]
        if open.contains(where: { $0.reading.scheme == reading.scheme }) { return false }
        guard case .decimal(let length) = reading.scheme else { return reading.ordinal == 1 }
        guard reading.components[length - 1] == 1 else { return false }
        let innermostDecimal = open.last(where: { if case .decimal = $0.reading.scheme { return true } else { return false } })
        guard let innermostDecimal, case .decimal(let openLength) = innermostDecimal.reading.scheme else {
            return length == 1 || reading.components.count >= 2
        }
        // Deeper than the innermost decimal level by one, under the same number: 3.2 → 3.2.1.
        return openLength == length - 1 && innermostDecimal.reading.components == Array(reading.components.dropLast())
    }

    /// Recitals after a run of short numbered entries: the entries were a table of contents.
    private mutating func convertTableOfContentsBeforeRecitals(_ candidate: MarkerCandidate) {
        guard !levelOneSchemes.isEmpty, !tableOfContentsDone, stack.first?.reading.scheme != .recitals,
              looksLikeTableOfContents(before: candidate.start) else { return }
        convertToTableOfContents(endingAt: candidate.start)
    }

    private func looksLikeTableOfContents(before offset: Int) -> Bool {
        guard let runStart, nodes.count - runStart >= 3 else { return false }
        let span = offset - nodes[runStart].candidate.start
        let perEntry = span / (nodes.count - runStart)
        return perEntry <= (tableOfContentsHeading != nil ? 250 : 120)
    }

    private mutating func convertToTableOfContents(endingAt offset: Int) {
        guard let runStart else { return }
        var start = nodes[runStart].candidate.start
        let lastEntry = nodes[nodes.count - 1].candidate
        let tocEnd = lines.lines[lastEntry.lineIndex].contentEnd
        let previousStart = runStart > 0 ? nodes[runStart - 1].candidate.start : -1
        if let heading = tableOfContentsHeading, heading < start, heading > previousStart { start = heading }
        // Keep the clauses before the TOC run; if one of them is still open, the TOC goes under it.
        nodes.removeSubrange(runStart...)
        stack.removeAll()
        levelOneSchemes.removeAll()
        self.runStart = nil
        tableOfContentsDone = true
        var toc = MarkerCandidate(start: start, numberEnd: start, contentStart: start, lineIndex: lines.lineIndex(at: start),
                                  atLineStart: true, form: .capsHeading, readings: [], label: start..<start)
        toc.readings = [MarkerReading(scheme: .tableOfContents, ordinal: 1)]
        pushTop(toc, toc.readings[0])
        nodes[nodes.count - 1].fixedEnd = min(tocEnd, offset)
        stack.removeAll()
        _ = offset
    }

    // MARK: - Stack

    private mutating func pushTop(_ candidate: MarkerCandidate, _ reading: MarkerReading) {
        stack.removeAll()
        push(candidate, reading)
    }

    private mutating func push(_ candidate: MarkerCandidate, _ reading: MarkerReading) {
        let parent = stack.last?.node
        let level = stack.count + 1
        if let parent { nodes[parent].childCount += 1 }
        if level == 1 && reading.scheme.rank >= 0 && reading.scheme.rank < 30 && !reading.scheme.isParen {
            levelOneSchemes.insert(reading.scheme)
            if runStart == nil { runStart = nodes.count }
        }
        nodes.append(Node(candidate: candidate, reading: reading, level: level, parent: parent))
        stack.append(Open(node: nodes.count - 1, reading: reading))
    }

    // MARK: - Spans

    /// Sets each node's end: before the next node at the same or an outer level, trailing
    /// whitespace excluded.
    mutating func closeSpans() {
        var open: [Int] = []
        for index in nodes.indices {
            let level = nodes[index].level
            while let last = open.last, nodes[last].level >= level {
                nodes[last].end = trimmedEnd(min(nodes[index].candidate.start, nodes[last].fixedEnd ?? Int.max), notBefore: nodes[last].candidate.start)
                open.removeLast()
            }
            open.append(index)
        }
        for index in open { nodes[index].end = trimmedEnd(bytes.count, notBefore: nodes[index].candidate.start) }
    }

    func trimmedEnd(_ end: Int, notBefore start: Int) -> Int {
        var index = end
        while index > start && (ByteText.isSpace(bytes[index - 1]) || bytes[index - 1] == 0x0A) { index -= 1 }
        return index
    }
}
