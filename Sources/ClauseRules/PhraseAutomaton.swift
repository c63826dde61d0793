/// Finds many phrases at once in UTF-8 bytes: whole-word, ASCII case-insensitive, any run of
/// whitespace (spaces, tabs, line breaks from PDF extraction) matching one space.
///
/// Hand-written (an Aho-Corasick automaton over a small byte-class alphabet, compiled to a
/// dense DFA for its shallow states and kept as children plus failure links for the deep ones)
/// because this is the hot path: every lexicon rule and every category pattern of every
/// document is found in a single pass over the bytes, nearly always one table lookup per byte,
/// with no String bridging or regular expressions.
public struct PhraseAutomaton: Sendable {
    /// One phrase to find. A trailing `*` makes it a word prefix (`assign*` finds "assigns",
    /// "assignment").
    public struct Phrase: Sendable {
        public var text: String
        public var id: Int
        public init(_ text: String, id: Int) {
            self.text = text
            self.id = id
        }
    }

    /// A phrase found: its id and byte range in the original text.
    public struct Match: Sendable, Hashable {
        public var id: Int
        public var range: Range<Int>
    }

    private let classOf: [UInt8]            // byte → class (0 = not in any phrase)
    private let classCount: Int
    /// The dense states' rows: row (state * classCount) + class → the target's code (see
    /// `init`), bit-inverted if the target ends a phrase.
    private let transitions: [Int32]
    /// The states numbered below this have a dense row; `denseLimit` is their table size.
    private let denseCount: Int
    private let denseLimit: Int
    /// The other states (by state - `denseCount`): their children (class and code, in
    /// `sparseChildStart[i]..<sparseChildStart[i + 1]`) and their failure state's code.
    private let sparseChildStart: [Int32]
    private let sparseChildClass: [UInt8]
    private let sparseChildCode: [Int32]
    private let sparseFail: [Int32]
    private let outputStart: [Int32]        // node → first index in outputs
    private let outputs: [Int32]            // indices into phraseInfo
    /// What `reportOutputs` needs of a phrase, in one record: it runs for every phrase end found
    /// (most of them then fail a word boundary), and one array per field cost a cache miss each.
    private struct PhraseInfo {
        var id: Int
        var length: Int32                   // normalised length in bytes
        var start: Int32                    // its bytes in `phraseBytes`
        var needsLeftBoundary: Bool
        var needsRightBoundary: Bool
        /// Prefix phrases (`assign*`) report the whole word they begin.
        var extendsToWordEnd: Bool
        /// Phrases with a byte of the shared class, whose bytes `reportOutputs` compares.
        var needsByteCheck: Bool
    }
    private let phraseInfo: [PhraseInfo]
    /// Every phrase's normalised bytes, one after another (`PhraseInfo.start` on).
    private let phraseBytes: [UInt8]
    /// The longest phrase (normalised bytes): the automaton's state depends on no more.
    private let maxPhraseLength: Int
    public let isEmpty: Bool

    /// Lower-cases ASCII and turns every whitespace byte into a space.
    @inline(__always) static func normalise(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x41...0x5A: return byte | 0x20
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return 0x20
        default: return byte
        }
    }

    /// Bytes with a class of their own: the space, letters, digits and the punctuation common
    /// in prose. Other phrase bytes (rarer symbols, UTF-8) share one class, so that runs of
    /// digits or full stops do not keep reaching states of phrases like `___`.
    static func hasOwnClass(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x61...0x7A, 0x30...0x39: return true
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"),
             UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: ";"), UInt8(ascii: ":"): return true
        default: return false
        }
    }

    @inline(__always) public static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Normalises a phrase as the scanner normalises text: lower-case, single spaces, trimmed.
    static func normalisedBytes(_ text: String) -> [UInt8] { normalisedBytes(text.utf8) }

    static func normalisedBytes<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var result: [UInt8] = []
        for byte in bytes {
            let normal = normalise(byte)
            if normal == 0x20 && (result.isEmpty || result.last == 0x20) { continue }
            result.append(normal)
        }
        while result.last == 0x20 { result.removeLast() }
        return result
    }

    public init(phrases: [Phrase]) {
        self.init(normalisedPhrases: phrases.map { (Self.normalisedBytes($0.text), $0.id) })
    }

    /// Phrases already in `normalisedBytes` form (as `PhrasePatternSet` keeps them).
    init(normalisedPhrases phrases: [(bytes: [UInt8], id: Int)]) {
        var prepared: [(bytes: [UInt8], prefix: Bool, id: Int)] = []
        for phrase in phrases {
            var bytes = phrase.bytes
            var prefix = false
            if bytes.last == UInt8(ascii: "*"), bytes.count > 1 {
                bytes.removeLast()
                prefix = true
            }
            if bytes.isEmpty { continue }
            prepared.append((bytes, prefix, phrase.id))
        }
        isEmpty = prepared.isEmpty

        // Byte classes: one per byte of `hasOwnClass` used in a phrase, and one shared by every
        // other byte used in a phrase (rarer symbols, UTF-8 bytes). Sharing a class makes the table
        // (classes × states) much smaller, so scanning waits less on memory and building is
        // quicker; the automaton then finds phrases up to that class, and `reportOutputs`
        // compares the bytes of the phrases that contain a shared-class byte.
        var classOf = [UInt8](repeating: 0, count: 256)
        var nextClass = 1
        var sharedClass: UInt8 = 0
        for entry in prepared {
            for byte in entry.bytes where classOf[Int(byte)] == 0 {
                if Self.hasOwnClass(byte) {
                    classOf[Int(byte)] = UInt8(nextClass)
                    nextClass += 1
                } else {
                    if sharedClass == 0 {
                        sharedClass = UInt8(nextClass)
                        nextClass += 1
                    }
                    classOf[Int(byte)] = sharedClass
                }
            }
        }
        let classCount = nextClass
        // Upper-case letters and whitespace share their normalised byte's class.
        for byte in 0..<256 {
            let normal = Self.normalise(UInt8(byte))
            if normal != UInt8(byte) { classOf[byte] = classOf[Int(normal)] }
        }

        // Trie, its children as linked lists (`firstChild`, `nextSibling`; the root's in a
        // direct table): a dense row for every node was most of start-up's time and memory,
        // and only the shallow states get one below.
        var firstChild: [Int32] = [-1]
        var nextSibling: [Int32] = [-1]
        var nodeClass: [UInt8] = [0]   // the class of the byte that leads into each node
        var terminal: [[Int32]] = [[]]
        var rootChild = [Int32](repeating: -1, count: classCount)
        let maxNodes = prepared.reduce(1) { $0 + $1.bytes.count }
        firstChild.reserveCapacity(maxNodes)
        nextSibling.reserveCapacity(maxNodes)
        nodeClass.reserveCapacity(maxNodes)
        terminal.reserveCapacity(maxNodes)
        @inline(__always) func child(of node: Int32, _ cls: UInt8) -> Int32 {
            if node == 0 { return rootChild[Int(cls)] }
            var child = firstChild[Int(node)]
            while child >= 0 && nodeClass[Int(child)] != cls { child = nextSibling[Int(child)] }
            return child
        }
        for (index, entry) in prepared.enumerated() {
            var node: Int32 = 0
            for byte in entry.bytes {
                let cls = classOf[Int(byte)]
                var next = child(of: node, cls)
                if next < 0 {
                    next = Int32(terminal.count)
                    firstChild.append(-1)
                    nodeClass.append(cls)
                    terminal.append([])
                    if node == 0 {
                        nextSibling.append(-1)
                        rootChild[Int(cls)] = next
                    } else {
                        nextSibling.append(firstChild[Int(node)])
                        firstChild[Int(node)] = next
                    }
                }
                node = next
            }
            terminal[Int(node)].append(Int32(index))
        }

        // Breadth-first failure links and outputs. `order` is the breadth-first order, which
        // numbers the states: scanning prose spends nearly all its time in the root and the
        // states a word or two deep, and this puts them first. A node's failure node is
        // shallower, so it comes earlier in `order`.
        let nodeCount = terminal.count
        var fail = [Int32](repeating: 0, count: nodeCount)
        var outputsPerNode = terminal
        var order: [Int32] = [0]
        order.reserveCapacity(nodeCount)
        for cls in 1..<max(classCount, 1) where rootChild[cls] >= 0 { order.append(rootChild[cls]) }
        var head = 1
        while head < order.count {
            let node = Int(order[head])
            head += 1
            let failNode = Int(fail[node])
            if !outputsPerNode[failNode].isEmpty {
                outputsPerNode[node] += outputsPerNode[failNode].filter { !outputsPerNode[node].contains($0) }
            }
            var next = firstChild[node]
            while next >= 0 {
                // The failure node: the deepest state reached by the child's byte from the
                // node's failure chain.
                let cls = nodeClass[Int(next)]
                var state = Int32(failNode)
                var target: Int32 = 0
                while true {
                    let found = child(of: state, cls)
                    if found >= 0 { target = found; break }
                    if state == 0 { break }
                    state = fail[Int(state)]
                }
                fail[Int(next)] = target
                order.append(next)
                next = nextSibling[Int(next)]
            }
        }
        var newNumber = [Int32](repeating: 0, count: nodeCount)
        for (position, node) in order.enumerated() { newNumber[Int(node)] = Int32(position) }

        // Dense rows (the full DFA) for the first `denseCount` states, sparse ones for the
        // rest. A deep state is rarely visited and has one or two children, so a row of every
        // class for it was a table of many megabytes that scanning kept missing in the cache.
        let denseCount = min(nodeCount, Self.denseStates)
        let spaceClass = Int(classOf[0x20])
        // State numbers first; encoded below.
        var table = [Int32](repeating: 0, count: denseCount * classCount)
        for cls in 1..<max(classCount, 1) where rootChild[cls] >= 0 { table[cls] = newNumber[Int(rootChild[cls])] }
        // Unsafe buffer: this loop writes every entry of the dense table.
        table.withUnsafeMutableBufferPointer { table in
            for position in 1..<max(denseCount, 1) {
                let node = Int(order[position])
                let row = position * classCount
                let failRow = Int(newNumber[Int(fail[node])]) * classCount
                // A row is the failure node's row (complete: it is earlier) with the node's
                // own children put in.
                for cls in 0..<classCount { table[row + cls] = table[failRow + cls] }
                var next = firstChild[node]
                while next >= 0 {
                    table[row + Int(nodeClass[Int(next)])] = newNumber[Int(next)]
                    next = nextSibling[Int(next)]
                }
            }
        }

        let outputsByState = order.map { outputsPerNode[Int($0)] }
        var outputStart = [Int32](repeating: 0, count: nodeCount + 1)
        var outputs: [Int32] = []
        for state in 0..<nodeCount {
            outputStart[state] = Int32(outputs.count)
            outputs += outputsByState[state]
        }
        outputStart[nodeCount] = Int32(outputs.count)

        // Whitespace runs: a node entered by a space stays put on further whitespace, so a run
        // of spaces, tabs and line breaks reads as one space without a branch per byte. (No
        // phrase ends with a space, so such nodes report nothing.) Set after the rows are
        // complete: the failure links see the automaton without these loops.
        if spaceClass != 0 {
            for position in 1..<max(denseCount, 1) where nodeClass[Int(order[position])] == UInt8(spaceClass) {
                table[position * classCount + spaceClass] = Int32(position)
            }
        }

        // A state's code: its row offset when dense (no multiply per byte), `denseLimit` plus
        // its sparse index when sparse; bit-inverted (negative) when the state ends a phrase
        // (one test per byte instead of two loads).
        let denseLimit = denseCount * classCount
        @inline(__always) func code(_ state: Int) -> Int32 {
            Int32(state < denseCount ? state * classCount : denseLimit + state - denseCount)
        }
        @inline(__always) func flagged(_ state: Int) -> Int32 {
            outputStart[state] < outputStart[state + 1] ? ~code(state) : code(state)
        }
        for index in table.indices { table[index] = flagged(Int(table[index])) }

        var sparseChildStart: [Int32] = [0]
        var sparseChildClass: [UInt8] = []
        var sparseChildCode: [Int32] = []
        var sparseFail: [Int32] = []
        sparseChildStart.reserveCapacity(nodeCount - denseCount + 1)
        sparseFail.reserveCapacity(nodeCount - denseCount)
        for position in denseCount..<nodeCount {
            let node = Int(order[position])
            var next = firstChild[node]
            while next >= 0 {
                sparseChildClass.append(nodeClass[Int(next)])
                sparseChildCode.append(flagged(Int(newNumber[Int(next)])))
                next = nextSibling[Int(next)]
            }
            if spaceClass != 0 && nodeClass[node] == UInt8(spaceClass) {
                sparseChildClass.append(UInt8(spaceClass))
                sparseChildCode.append(flagged(position))
            }
            sparseChildStart.append(Int32(sparseChildClass.count))
            sparseFail.append(code(Int(newNumber[Int(fail[node])])))
        }

        self.classOf = classOf
        self.classCount = classCount
        self.transitions = table
        self.denseCount = denseCount
        self.denseLimit = denseLimit
        self.sparseChildStart = sparseChildStart
        self.sparseChildClass = sparseChildClass
        self.sparseChildCode = sparseChildCode
        self.sparseFail = sparseFail
        self.outputStart = outputStart
        self.outputs = outputs
        var phraseInfo: [PhraseInfo] = []
        phraseInfo.reserveCapacity(prepared.count)
        var phraseStart: Int32 = 0
        for entry in prepared {
            phraseInfo.append(PhraseInfo(
                id: entry.id,
                length: Int32(entry.bytes.count),
                start: phraseStart,
                needsLeftBoundary: Self.isWordByte(entry.bytes.first!),
                needsRightBoundary: !entry.prefix && Self.isWordByte(entry.bytes.last!),
                extendsToWordEnd: entry.prefix,
                needsByteCheck: entry.bytes.contains { !Self.hasOwnClass($0) }
            ))
            phraseStart += Int32(entry.bytes.count)
        }
        self.phraseInfo = phraseInfo
        self.phraseBytes = prepared.flatMap(\.bytes)
        self.maxPhraseLength = prepared.map(\.bytes.count).max() ?? 0
    }

    /// Calls `report` for every whole-word occurrence of every phrase in `bytes[range]`,
    /// in order of end offset. Overlapping occurrences are all reported.
    public func scan(_ bytes: [UInt8], in range: Range<Int>? = nil, _ report: (Match) -> Void) {
        if isEmpty { return }
        let range = range ?? 0..<bytes.count
        bytes.withUnsafeBufferPointer { text in
            if range.count < Self.interleavedMinimum {
                var row = 0
                scanLane(text, row: &row, from: range.lowerBound, to: range.upperBound, reportFrom: range.lowerBound, lowerLimit: range.lowerBound, report)
            } else {
                scanInterleaved(text, range: range, report)
            }
        }
    }

    /// States with a dense row (the rest are sparse): 8192 rows of the ~45 classes are 1.5 MB,
    /// within the 2 MB level-2 cache of the development machine.
    /// (Measured on the CUAD corpus: 4096 to 32768 scan about alike, 1 or 200 are slower.)
    static let denseStates = 8192

    /// Below this many bytes a range is scanned in one lane.
    static let interleavedMinimum = 16_384

    /// One lane: runs the automaton from state `row` over `text[from..<to]`, reporting the
    /// phrases that end at or after `reportFrom`.
    @inline(__always)
    private func scanLane(_ text: UnsafeBufferPointer<UInt8>, row: inout Int, from: Int, to end: Int, reportFrom: Int, lowerLimit: Int, _ report: (Match) -> Void) {
        let denseLimit = self.denseLimit
        classOf.withUnsafeBufferPointer { classOf in
            transitions.withUnsafeBufferPointer { table in
                var index = from
                while index < end {
                    let cls = Int(classOf[Int(text[index])])
                    let next = row < denseLimit ? Int(table[row &+ cls]) : sparseTransition(row, cls)
                    if next >= 0 {
                        row = next
                    } else {
                        row = ~next
                        if index >= reportFrom { reportOutputs(state: state(row), index: index, text: text, lowerLimit: lowerLimit, report) }
                    }
                    index &+= 1
                }
            }
        }
    }

    /// The state of a code (a dense row offset, or `denseLimit` plus a sparse index).
    @inline(__always)
    private func state(_ row: Int) -> Int {
        row < denseLimit ? row / classCount : denseCount + row - denseLimit
    }

    /// The transition from a sparse state: its child of that class if it has one, else the
    /// failure state's transition (walking the failure chain to a dense state).
    @inline(never)
    private func sparseTransition(_ row: Int, _ cls: Int) -> Int {
        if cls == 0 { return 0 }
        var row = row
        while row >= denseLimit {
            let sparse = row - denseLimit
            for child in Int(sparseChildStart[sparse])..<Int(sparseChildStart[sparse + 1]) where Int(sparseChildClass[child]) == cls {
                return Int(sparseChildCode[child])
            }
            row = Int(sparseFail[sparse])
        }
        return Int(transitions[row + cls])
    }

    /// The scan of a long text as four lanes stepped in turn over four quarters of it.
    ///
    /// With thousands of phrases the table is megabytes and every byte's lookup depends on the
    /// previous one, so a single lane waits on memory most of the time; four independent lanes
    /// keep four lookups in flight. A lane starts from the root far enough before its quarter
    /// (`warmUpStart`) to be in the very state a single pass would have there, and reports only
    /// from its quarter on; lanes after the first keep their matches until the lanes before
    /// them are reported, so the order is the single pass's.
    private func scanInterleaved(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, _ report: (Match) -> Void) {
        let quarter = range.count / 4
        let bounds = [range.lowerBound, range.lowerBound + quarter, range.lowerBound + 2 * quarter, range.lowerBound + 3 * quarter, range.upperBound]
        var starts = bounds
        for lane in 1..<4 { starts[lane] = warmUpStart(text, before: bounds[lane], lowerLimit: range.lowerBound) }
        var held: [[Match]] = [[], [], [], []]
        var rows = (0, 0, 0, 0)
        var positions = (starts[0], starts[1], starts[2], starts[3])
        let ends = (bounds[1], bounds[2], bounds[3], bounds[4])
        let lowerLimit = range.lowerBound
        let denseLimit = self.denseLimit
        classOf.withUnsafeBufferPointer { classOf in
            transitions.withUnsafeBufferPointer { table in
                @inline(__always) func step(_ row: inout Int, _ index: Int, lane: Int, reportFrom: Int) {
                    let cls = Int(classOf[Int(text[index])])
                    let next = row < denseLimit ? Int(table[row &+ cls]) : sparseTransition(row, cls)
                    if next >= 0 {
                        row = next
                    } else {
                        row = ~next
                        if index >= reportFrom {
                            if lane == 0 {
                                reportOutputs(state: state(row), index: index, text: text, lowerLimit: lowerLimit, report)
                            } else {
                                reportOutputs(state: state(row), index: index, text: text, lowerLimit: lowerLimit) { held[lane].append($0) }
                            }
                        }
                    }
                }
                while positions.0 < ends.0, positions.1 < ends.1, positions.2 < ends.2, positions.3 < ends.3 {
                    step(&rows.0, positions.0, lane: 0, reportFrom: bounds[0])
                    step(&rows.1, positions.1, lane: 1, reportFrom: bounds[1])
                    step(&rows.2, positions.2, lane: 2, reportFrom: bounds[2])
                    step(&rows.3, positions.3, lane: 3, reportFrom: bounds[3])
                    positions.0 &+= 1
                    positions.1 &+= 1
                    positions.2 &+= 1
                    positions.3 &+= 1
                }
            }
        }
        // The lanes' remainders, one at a time.
        scanLane(text, row: &rows.0, from: positions.0, to: ends.0, reportFrom: bounds[0], lowerLimit: lowerLimit, report)
        scanLane(text, row: &rows.1, from: positions.1, to: ends.1, reportFrom: bounds[1], lowerLimit: lowerLimit) { held[1].append($0) }
        scanLane(text, row: &rows.2, from: positions.2, to: ends.2, reportFrom: bounds[2], lowerLimit: lowerLimit) { held[2].append($0) }
        scanLane(text, row: &rows.3, from: positions.3, to: ends.3, reportFrom: bounds[3], lowerLimit: lowerLimit) { held[3].append($0) }
        for lane in 1..<4 { for match in held[lane] { report(match) } }
    }

    /// Where a lane must start so that it is in the single pass's state at `position`: the
    /// automaton reads whitespace runs as one space, and its state depends only on the last
    /// `maxPhraseLength` bytes read that way, so that many (whitespace runs counted once)
    /// before `position` is enough.
    private func warmUpStart(_ text: UnsafeBufferPointer<UInt8>, before position: Int, lowerLimit: Int) -> Int {
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        var start = position
        var read = 0
        while start > lowerLimit, read < maxPhraseLength {
            start -= 1
            if isSpace(text[start]) {
                while start > lowerLimit, isSpace(text[start - 1]) { start -= 1 }
            }
            read += 1
        }
        return start
    }

    /// The rare path: the state ends one or more phrases; find where each starts (walking back
    /// over the original bytes, a whitespace run counting as one space), check word boundaries
    /// and report.
    @inline(never)
    private func reportOutputs(state: Int, index: Int, text: UnsafeBufferPointer<UInt8>, lowerLimit: Int, _ report: (Match) -> Void) {
        // The right boundary is the same test for every phrase ending here: made first, it
        // spares the walk back for the phrases ending inside a word (`term` in "terminate").
        let wordFollows = index + 1 < text.count && Self.isWordByte(text[index + 1])
        for outputIndex in Int(outputStart[state])..<Int(outputStart[state + 1]) {
            let info = phraseInfo[Int(outputs[outputIndex])]
            if wordFollows && info.needsRightBoundary { continue }
            var remaining = Int(info.length) - 1
            var start = index
            // The automaton told apart the bytes of the shared class only by class: compare
            // them (a byte loop, walking back in step with the start search below).
            let check = info.needsByteCheck
            let base = Int(info.start)
            if check && Self.normalise(text[index]) != phraseBytes[base + remaining] { continue }
            var same = true
            while remaining > 0 && start > lowerLimit {
                start -= 1
                let byte = text[start]
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    while start > lowerLimit, text[start - 1] == 0x20 || (text[start - 1] >= 0x09 && text[start - 1] <= 0x0D) { start -= 1 }
                }
                remaining -= 1
                if check && Self.normalise(byte) != phraseBytes[base + remaining] {
                    same = false
                    break
                }
            }
            if !same { continue }
            if info.needsLeftBoundary, start > 0, Self.isWordByte(text[start - 1]) { continue }
            var end = index + 1
            if info.extendsToWordEnd { while end < text.count && Self.isWordByte(text[end]) { end += 1 } }
            report(Match(id: info.id, range: start..<end))
        }
    }

    /// All matches, collected.
    public func matches(in bytes: [UInt8], range: Range<Int>? = nil) -> [Match] {
        var result: [Match] = []
        scan(bytes, in: range) { result.append($0) }
        return result
    }
}
