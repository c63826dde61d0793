/// Finds many phrases at once in UTF-8 bytes: whole-word, ASCII case-insensitive, any run of
/// whitespace (spaces, tabs, line breaks from PDF extraction) matching one space.
///
/// Hand-written (an Aho-Corasick automaton compiled to a dense DFA over a small byte-class
/// alphabet) because this is the hot path: every lexicon rule and every category pattern of
/// every document is found in a single pass over the bytes, one table lookup per byte, with no
/// String bridging or regular expressions.
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
    private let transitions: [Int32]        // row (node * classCount) + class → target row, ~row if the target ends a phrase
    private let outputStart: [Int32]        // node → first index in outputs
    private let outputs: [Int32]            // indices into phraseInfo
    private let phraseLength: [Int32]       // normalised length in bytes
    private let phraseID: [Int]
    private let needsLeftBoundary: [Bool]
    private let needsRightBoundary: [Bool]
    /// Prefix phrases (`assign*`) report the whole word they begin.
    private let extendsToWordEnd: [Bool]
    /// Phrases with a byte of the shared class, whose bytes `reportOutputs` compares.
    private let needsByteCheck: [Bool]
    /// Every phrase's normalised bytes, one after another (`phraseStart[phrase]` on).
    private let phraseBytes: [UInt8]
    private let phraseStart: [Int32]
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

        // Trie, in one flat table (row `node * classCount`; -1 = no child) that the failure
        // links below then complete into the DFA in place: one allocation, not one per node.
        var table = [Int32](repeating: -1, count: classCount)
        var terminal: [[Int32]] = [[]]
        var lastClass: [Int] = [0]   // the class of the byte that leads into each node
        // At most one node per phrase byte: reserving that (untouched pages cost no memory)
        // spares the table a dozen copies as it doubles through many megabytes.
        let maxNodes = prepared.reduce(1) { $0 + $1.bytes.count }
        table.reserveCapacity(maxNodes * classCount)
        terminal.reserveCapacity(maxNodes)
        lastClass.reserveCapacity(maxNodes)
        for (index, entry) in prepared.enumerated() {
            var node = 0
            for byte in entry.bytes {
                let cls = Int(classOf[Int(byte)])
                if table[node * classCount + cls] < 0 {
                    table[node * classCount + cls] = Int32(terminal.count)
                    table.append(contentsOf: repeatElement(-1, count: classCount))
                    terminal.append([])
                    lastClass.append(cls)
                }
                node = Int(table[node * classCount + cls])
            }
            terminal[node].append(Int32(index))
        }

        // Breadth-first failure links, turning the trie into a full DFA. A node's row is
        // completed when it leaves the queue; its failure node is shallower, so its row is
        // already complete. Class 0 (bytes in no phrase) always leads back to the root.
        let nodeCount = terminal.count
        var fail = [Int32](repeating: 0, count: nodeCount)
        var outputsPerNode = terminal
        var queue: [Int] = []
        queue.reserveCapacity(nodeCount)
        for node in 0..<nodeCount { table[node * classCount] = 0 }
        for cls in 1..<max(classCount, 1) {
            let child = table[cls]
            if child >= 0 {
                fail[Int(child)] = 0
                queue.append(Int(child))
            } else {
                table[cls] = 0
            }
        }
        var head = 0
        // Unsafe buffers: this loop visits every entry of a table of many megabytes, and the
        // array subscripts' bounds and uniqueness checks were most of its time.
        table.withUnsafeMutableBufferPointer { table in
            fail.withUnsafeMutableBufferPointer { fail in
                while head < queue.count {
                    let node = queue[head]
                    head += 1
                    let failNode = Int(fail[node])
                    let failRow = failNode * classCount
                    if !outputsPerNode[failNode].isEmpty {
                        outputsPerNode[node] += outputsPerNode[failNode].filter { !outputsPerNode[node].contains($0) }
                    }
                    let row = node * classCount
                    for cls in 1..<classCount {
                        let child = table[row + cls]
                        if child >= 0 {
                            fail[Int(child)] = table[failRow + cls]
                            queue.append(Int(child))
                        } else {
                            table[row + cls] = table[failRow + cls]
                        }
                    }
                }
            }
        }

        // Renumber the states breadth-first: scanning prose spends nearly all its time in the
        // root and the states a word or two deep, and this puts their rows together at the
        // start of the table (cache lines that stay loaded) instead of scattered through a
        // table of many megabytes in the order the phrases were added.
        let order = [0] + queue
        var newNumber = [Int32](repeating: 0, count: nodeCount)
        for (position, node) in order.enumerated() { newNumber[node] = Int32(position) }
        // Unsafe buffers: this pass and the encoding below touch every entry of the table.
        let renumbered = [Int32](unsafeUninitializedCapacity: table.count) { target, initialised in
            table.withUnsafeBufferPointer { source in
                newNumber.withUnsafeBufferPointer { newNumber in
                    for (position, node) in order.enumerated() {
                        let from = node * classCount, to = position * classCount
                        for cls in 0..<classCount { target[to + cls] = newNumber[Int(source[from + cls])] }
                    }
                }
            }
            initialised = table.count
        }
        table = renumbered
        outputsPerNode = order.map { outputsPerNode[$0] }
        lastClass = order.map { lastClass[$0] }

        var outputStart = [Int32](repeating: 0, count: nodeCount + 1)
        var outputs: [Int32] = []
        for node in 0..<nodeCount {
            outputStart[node] = Int32(outputs.count)
            outputs += outputsPerNode[node]
        }
        outputStart[nodeCount] = Int32(outputs.count)


        self.classOf = classOf
        self.classCount = classCount
        // Whitespace runs: a node entered by a space stays put on further whitespace, so a run
        // of spaces, tabs and line breaks reads as one space without a branch per byte. (No
        // phrase ends with a space, so such nodes report nothing.)
        let spaceClass = Int(classOf[0x20])
        if spaceClass != 0 {
            for node in 1..<nodeCount where lastClass[node] == spaceClass {
                table[node * classCount + spaceClass] = Int32(node)
            }
        }

        // Encode each target as its row offset (no multiply per byte), bit-inverted (negative)
        // when the target state ends a phrase (one test per byte instead of two loads).
        table.withUnsafeMutableBufferPointer { table in
            outputStart.withUnsafeBufferPointer { outputStart in
                for index in table.indices {
                    let target = Int(table[index])
                    let row = Int32(target * classCount)
                    table[index] = outputStart[target] < outputStart[target + 1] ? ~row : row
                }
            }
        }
        self.transitions = table
        self.outputStart = outputStart
        self.outputs = outputs
        self.phraseLength = prepared.map { Int32($0.bytes.count) }
        self.phraseID = prepared.map(\.id)
        self.needsLeftBoundary = prepared.map { Self.isWordByte($0.bytes.first!) }
        self.needsRightBoundary = prepared.map { !$0.prefix && Self.isWordByte($0.bytes.last!) }
        self.extendsToWordEnd = prepared.map(\.prefix)
        self.needsByteCheck = prepared.map { $0.bytes.contains { !Self.hasOwnClass($0) } }
        self.phraseStart = prepared.reduce(into: [Int32(0)]) { $0.append($0.last! + Int32($1.bytes.count)) }
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

    /// Below this many bytes a range is scanned in one lane.
    static let interleavedMinimum = 16_384

    /// One lane: runs the automaton from state `row` over `text[from..<to]`, reporting the
    /// phrases that end at or after `reportFrom`.
    @inline(__always)
    private func scanLane(_ text: UnsafeBufferPointer<UInt8>, row: inout Int, from: Int, to end: Int, reportFrom: Int, lowerLimit: Int, _ report: (Match) -> Void) {
        classOf.withUnsafeBufferPointer { classOf in
            transitions.withUnsafeBufferPointer { table in
                var index = from
                while index < end {
                    let next = Int(table[row &+ Int(classOf[Int(text[index])])])
                    if next >= 0 {
                        row = next
                    } else {
                        row = ~next
                        if index >= reportFrom { reportOutputs(state: row / classCount, index: index, text: text, lowerLimit: lowerLimit, report) }
                    }
                    index &+= 1
                }
            }
        }
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
        let classCount = self.classCount
        let lowerLimit = range.lowerBound
        classOf.withUnsafeBufferPointer { classOf in
            transitions.withUnsafeBufferPointer { table in
                @inline(__always) func step(_ row: inout Int, _ index: Int, lane: Int, reportFrom: Int) {
                    let next = Int(table[row &+ Int(classOf[Int(text[index])])])
                    if next >= 0 {
                        row = next
                    } else {
                        row = ~next
                        if index >= reportFrom {
                            if lane == 0 {
                                reportOutputs(state: row / classCount, index: index, text: text, lowerLimit: lowerLimit, report)
                            } else {
                                reportOutputs(state: row / classCount, index: index, text: text, lowerLimit: lowerLimit) { held[lane].append($0) }
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
        for outputIndex in Int(outputStart[state])..<Int(outputStart[state + 1]) {
            let phrase = Int(outputs[outputIndex])
            var remaining = Int(phraseLength[phrase]) - 1
            var start = index
            // The automaton told apart the bytes of the shared class only by class: compare
            // them (a byte loop, walking back in step with the start search below).
            let check = needsByteCheck[phrase]
            let base = Int(phraseStart[phrase])
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
            if needsLeftBoundary[phrase], start > 0, Self.isWordByte(text[start - 1]) { continue }
            if needsRightBoundary[phrase], index + 1 < text.count, Self.isWordByte(text[index + 1]) { continue }
            var end = index + 1
            if extendsToWordEnd[phrase] { while end < text.count && Self.isWordByte(text[end]) { end += 1 } }
            report(Match(id: phraseID[phrase], range: start..<end))
        }
    }

    /// All matches, collected.
    public func matches(in bytes: [UInt8], range: Range<Int>? = nil) -> [Match] {
        var result: [Match] = []
        scan(bytes, in: range) { result.append($0) }
        return result
    }
}
