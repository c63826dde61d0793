/// Turning contract and dispute text into index terms, on UTF-8 bytes.
///
/// Hand-written rather than Foundation's linguistic tagger or a regular expression: locating
/// indexes every sentence window of every contract it is given, and the benchmark does that
/// for the whole CUAD corpus, so tokenising must be one pass over the bytes with no String
/// bridging per word. Terms are 64-bit FNV-1a hashes of the stemmed, lower-cased word.
public enum TextAnalysis {
    /// A term id: the stable hash of a stemmed word.
    public typealias Term = UInt64

    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// Calls `body` with every index term in `range` of `bytes` (stop words skipped, stemmed)
    /// and the byte range of the word it came from.
    public static func forEachTerm(in bytes: [UInt8], range: Range<Int>, _ body: (Term, Range<Int>) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            while index < end && !isWordByte(bytes[index]) { index += 1 }
            let start = index
            word.removeAll(keepingCapacity: true)
            while index < end && isWordByte(bytes[index]) {
                word.append(lower(bytes[index]))
                index += 1
            }
            // Keep an apostrophe's "s" out of the word ("customer's" → "customer").
            if word.isEmpty { continue }
            if let term = term(forLowercased: &word) { body(term, start..<index) }
        }
    }

    /// Index terms of a text, in order (repeats kept).
    public static func terms(of text: String) -> [Term] {
        let bytes = Array(text.utf8)
        var result: [Term] = []
        forEachTerm(in: bytes, range: 0..<bytes.count) { term, _ in result.append(term) }
        return result
    }

    /// The term of one word, or nil for a stop word or a lone character.
    public static func term(of word: String) -> Term? {
        var bytes = word.utf8.map(lower)
        return term(forLowercased: &bytes)
    }

    /// The stemmed form of a word as text (for reasons: "matched terms").
    public static func stem(_ word: String) -> String {
        var bytes = word.utf8.map(lower)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func term(forLowercased word: inout [UInt8]) -> Term? {
        if word.count < 2 { return nil }
        if stopWords.contains(hash(word)) { return nil }
        // Digits-only words ("30", "2019") are kept: "30 days" is worth matching.
        stem(&word)
        return hash(word)
    }

    @inline(__always) static func hash(_ word: [UInt8]) -> Term {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return value
    }

    @inline(__always) static func ends(_ word: [UInt8], _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard word.count >= count else { return false }
        let pointer = suffix.utf8Start
        let offset = word.count - count
        for index in 0..<count where word[offset + index] != pointer[index] { return false }
        return true
    }

    /// A light suffix stripper (a small subset of Porter's steps): plural, -ing, -ed, -ation,
    /// -ition, -itive, -itor, -ivity, -ment, -al, -ly, a final -e or -ate, so "terminate",
    /// "terminated", "termination" and "terminating" meet, "cancelled" meets "cancellation",
    /// "renewal", "renewed", "renews" meet "renew", and "compete", "competing", "competitive",
    /// "competitor" and "competition" meet.
    static func stem(_ word: inout [UInt8]) {
        guard word.count > 3, word.allSatisfy({ $0 < 0x80 }) else { return }
        if ends(word, "ies"), word.count > 4 {
            word.removeLast(3); word.append(UInt8(ascii: "y"))
        } else if ends(word, "sses") {
            word.removeLast(2)
        } else if word.last == UInt8(ascii: "s"), !ends(word, "ss"), !ends(word, "us"), !ends(word, "is") {
            word.removeLast()
        }
        if ends(word, "ing"), word.count > 5 {
            word.removeLast(3)
        } else if ends(word, "ed"), word.count > 4 {
            word.removeLast(2)
        }
        if ends(word, "ation"), word.count > 7 {
            word.removeLast(5)  // termination → termin, cancellation → cancell
        } else if ends(word, "ition"), word.count > 7 {
            word.removeLast(5)  // competition → compet, definition → defin
        } else if ends(word, "itive"), word.count > 7 {
            word.removeLast(5)  // competitive → compet
        } else if ends(word, "itor"), word.count > 7 {
            word.removeLast(4)  // competitor → compet
        } else if ends(word, "ivity"), word.count > 7 {
            word.removeLast(3)  // exclusivity → exclusiv
        }
        if ends(word, "ment"), word.count > 7 { word.removeLast(4) }   // assignment → assign
        if ends(word, "al"), word.count > 6 { word.removeLast(2) }     // renewal → renew
        if ends(word, "ly"), word.count > 5 { word.removeLast(2) }
        if word.last == UInt8(ascii: "e"), word.count > 4 { word.removeLast() }
        if ends(word, "at"), word.count > 6 { word.removeLast(2) }     // terminat(e) → termin
        if ends(word, "ll"), word.count > 5 { word.removeLast() }      // cancell → cancel
        if word.last == UInt8(ascii: "y"), word.count > 4 {
            word.removeLast(); word.append(UInt8(ascii: "i"))   // warranty, warranties → warranti
        }
    }

    /// Words that say nothing about *which* clause a complaint is about, in the way people
    /// word disputes: skipped in dispute text only (contracts keep them).
    public static let disputeOnlyStopWords: Set<Term> = {
        let words = """
        contract contracts agreement agreements deal deals lawyer lawyers company companies someone something thing things \
        even though just like still already now really actually supposed right who whether because since while let lets \
        them they've we've we're they're don't doesn't didn't can't won't isn't aren't wasn't weren't out us \\
        nothing anything everything particular give given much many how done wrong find found think thought know ask asked \\
        tell told keep kept please help need needs whole sure case \\
        customer customers client clients one ones through also too obliged \\
        between among
        """
        var set = Set<Term>()
        for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            var bytes = Array(word.utf8)
            stem(&bytes)
            set.insert(hash(bytes))
        }
        return set
    }()

    /// Function words and pronouns: they carry no clue about which clause a dispute is about.
    static let stopWords: Set<Term> = {
        let words = """
        a an the of to and or in on for by with at from as is are was were be been being it its this that these those \
        we our us ours you your i me my he she his her they them their there here what which who whom whose \
        have has had do does did done will would can could should may might must shall not no nor but if then than \
        so such any all some each into out up about over also just very too only own same other again once when \
        where why how said says say told tell want wants got get gets am very ok yes hi per via upon re
        """
        var set = Set<Term>()
        for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            set.insert(hash(Array(word.utf8)))
        }
        return set
    }()
}
