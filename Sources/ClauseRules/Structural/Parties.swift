import ClauseModel

/// A party as the preamble names it: its short name (`Supplier`) and where that is defined.
public struct PartyName: Hashable, Sendable {
    public var shortName: String
    public var range: Range<Int>
}

/// A later use of another name for a party (`the Vendor` where only `Supplier` is defined).
public struct PartyNameMismatch: Hashable, Sendable {
    public var name: String
    /// The first use.
    public var range: Range<Int>
    public var count: Int
}

/// Reads the parties from the preamble and finds other role names used for them later.
public struct PartyAnalyzer: Sendable {
    /// Words that name a contracting party by its role (`Supplier`, `Licensee`, …).
    public var roleWords: [String]

    public init(roleWords: [String] = PartyAnalyzer.defaultRoleWords) {
        self.roleWords = roleWords
    }

    public static let defaultRoleWords = [
        "Supplier", "Vendor", "Customer", "Client", "Buyer", "Seller", "Purchaser", "Licensor", "Licensee", "Distributor",
        "Reseller", "Manufacturer", "Contractor", "Consultant", "Provider", "Service Provider", "Franchisor", "Franchisee",
        "Lessor", "Lessee", "Landlord", "Tenant", "Lender", "Borrower", "Employer", "Employee", "Agent", "Principal",
        "Developer", "Publisher", "Sponsor", "Producer", "Marketer", "Subscriber", "Owner", "Operator", "Partner", "Company", "Host", "Affiliate Partner",
    ]

    static func titleCase(_ name: String) -> String {
        name.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    static let partyDeterminers: Set<String> = ["the", "such", "said", "either", "each", "The", "Such", "Said", "Each"]

    /// Terms defined in the preamble that name something other than a party.
    static let nonPartyWords: [String] = ["agreement", "date", "contract", "amendment", "term", "party", "parties", "plan", "act", "effective", "schedule", "exhibit", "order", "program", "products", "services", "territory", "business", "transaction", "closing", "merger", "assets", "shares", "stock", "notes", "loan", "facility", "property", "premises", "project", "software", "license", "patents", "technology", "trademarks", "marks", "the"]

    /// The preamble: text before the first numbered clause, the recitals or "NOW, THEREFORE",
    /// at most 4 000 bytes.
    public static func preambleRange(_ document: Document) -> Range<Int> {
        let bytes = document.bytes
        var end = min(bytes.count, 4000)
        if let firstNumbered = document.allClauses.first(where: { $0.number != nil && $0.kind != .title && $0.kind != .preamble }) {
            end = min(end, firstNumbered.span.startOffset)
        }
        let lowered = StructuralText.lowercased(Array(bytes[0..<end]))
        for stop in ["whereas", "recitals", "now, therefore", "background", "witnesseth"] {
            if let found = ByteSearch.occurrences(of: Array(stop.utf8), in: lowered).first(where: { $0 > 80 }) { end = min(end, found) }
        }
        return 0..<end
    }

    /// True when `role` is the last word of a capitalised name somewhere (`Sublicensed Customer`,
    /// `End User Customer`), not at a sentence start.
    static func endsLongerName(_ role: String, in bytes: [UInt8]) -> Bool {
        let needle = Array((" " + role).utf8)
        for offset in ByteSearch.occurrences(of: needle, in: bytes) where offset > 2 && !StructuralText.isWordByte(bytes, offset + needle.count) {
            var start = offset
            while start > 0, StructuralText.isLetter(bytes[start - 1]) { start -= 1 }
            guard start < offset, StructuralText.isUpper(bytes[start]), offset - start >= 3 else { continue }
            // A lower-case letter after the first (`Sublicensed`, not `THE` or an acronym).
            guard bytes[(start + 1)..<offset].contains(where: StructuralText.isLower) else { continue }
            let word = String(decoding: bytes[start..<offset], as: UTF8.self)
            if partyDeterminers.contains(word) || nameOpeners.contains(word) { continue }
            // Not the first word of a sentence.
            var before = start
            while before > 0, bytes[before - 1] == 0x20 { before -= 1 }
            if before == 0 || bytes[before - 1] == 0x2E || bytes[before - 1] == 0x0A || bytes[before - 1] == 0x3A || bytes[before - 1] == 0x29 || bytes[before - 1] == 0x22 { continue }
            return true
        }
        return false
    }

    /// Capitalised words before a role that do not make it a longer name (`Any Customer`).
    static let nameOpeners: Set<String> = ["Any", "No", "Every", "A", "An", "If", "Where", "When", "Neither", "Both", "Either", "Its", "Their", "Other", "Such", "Nor", "And", "Or", "The", "Which", "Whereas"]

    /// Nouns after a role word that make it a modifier (`the Subscriber information`).
    static let roleModifiedNouns = [" information", " data", " list", " lists", " base", " accounts", " account", " records", " content", " site", " support"]

    /// After a role word at `end`: `& Distributor Hotline` (a compound name), `information` /
    /// `data` (the role as a modifier), or `of the Trademark License Agreement` (the role in
    /// another agreement).
    static func isCompoundOrOtherDocument(_ end: Int, in bytes: [UInt8]) -> Bool {
        let window = String(decoding: bytes[end..<min(bytes.count, end + 80)], as: UTF8.self)
        // `the Subscriber information`, `the Customer data`: the role word as a modifier.
        for noun in roleModifiedNouns where window.hasPrefix(noun) {
            let next = window.utf8.dropFirst(noun.utf8.count).first
            if next == nil || !StructuralText.isLetter(next!) { return true }
        }
        if window.hasPrefix(" & "), window.utf8.count > 3, StructuralText.isUpper(window.utf8[window.utf8.index(window.utf8.startIndex, offsetBy: 3)]) { return true }
        for lead in [" of the ", " under the ", " of such ", " party to the "] where window.hasPrefix(lead) {
            for word in window.dropFirst(lead.count).split(separator: " ").prefix(6) {
                guard let first = word.utf8.first, StructuralText.isUpper(first) else { break }
                let bare = String(word).trimmingCharacters(",.;)")
                if bare == "Agreement" || bare == "Lease" || bare == "Contract" || bare == "Plan" || bare == "Indenture" { return true }
            }
        }
        return false
    }

    public func parties(in document: Document, terms: DefinedTermIndex) -> [PartyName] {
        let preamble = Self.preambleRange(document)
        var result: [PartyName] = []
        for definition in terms.definitions where preamble.contains(definition.range.lowerBound) && (definition.form == .parenthetical || definition.form == .hereinafter) {
            let lower = definition.term.lowercased()
            let words = lower.split(separator: " ").map(String.init)
            if words.contains(where: { Self.nonPartyWords.contains($0) }) && !roleWords.contains(definition.term) { continue }
            if result.contains(where: { $0.shortName == definition.term }) { continue }
            result.append(PartyName(shortName: definition.term, range: definition.range))
        }
        return result
    }

    /// Role words used for a party (`the Vendor`) that are neither a party's short name nor
    /// defined anywhere. Needs at least two parties with short names, else nothing is reported.
    public func mismatches(in document: Document, terms: DefinedTermIndex, parties: [PartyName]) -> [PartyNameMismatch] {
        guard parties.count >= 2 else { return [] }
        // Only where the parties are named by role ("Supplier"): a contract between "SIGA" and
        // "MMT" uses role words for others (an issuer's "Company", a third-party "Buyer").
        let roleSet = Set(roleWords.map { $0.lowercased() })
        guard parties.contains(where: { roleSet.contains($0.shortName.lowercased()) }) else { return [] }
        let partyNames = Set(parties.map(\.shortName)).union(parties.map { PartyAnalyzer.titleCase($0.shortName) })
        let preamble = String(decoding: document.bytes[Self.preambleRange(document)], as: UTF8.self)
        var defined = terms.quotedPhrases
        for definition in terms.definitions { defined.insert(definition.term) }
        let bytes = document.bytes
        let nonProse = document.nonProseRanges.sorted { $0.lowerBound < $1.lowerBound }
        let headings = document.headingRanges()
        // Role words not already a party's name or defined, by their first word.
        var candidates: [String: [String]] = [:]
        for role in roleWords {
            if partyNames.contains(role) || defined.contains(role) || defined.contains(role + "s") || defined.contains(role.uppercased()) { continue }
            // Named in the preamble ("and Distributor, as set forth below"): a party designation.
            if preamble.containsBytes(role) { continue }
            // A party's short name that contains the role ("Service Provider" and "Provider").
            if partyNames.contains(where: { $0.hasSuffix(" " + role) || $0.hasPrefix(role + " ") || role.hasSuffix(" " + $0) }) { continue }
            candidates[String(role.prefix { $0 != " " }), default: []].append(role)
        }
        guard !candidates.isEmpty else { return [] }
        var found: [String: (range: Range<Int>, count: Int)] = [:]
        // One pass over the words: a role word after "the"/"such"/"said"/"each"/"either".
        let count = bytes.count
        var index = 0
        var previousStart = 0
        var previousEnd = -2
        while index < count {
            guard StructuralText.isLetter(bytes[index]), index == 0 || !StructuralText.isWordByte(bytes, index - 1) else { index += 1; continue }
            var wordEnd = index
            while wordEnd < count, StructuralText.isLetter(bytes[wordEnd]) { wordEnd += 1 }
            defer { previousStart = index; previousEnd = wordEnd; index = wordEnd }
            guard StructuralText.isUpper(bytes[index]), previousEnd + 1 == index, bytes[previousEnd] == 0x20, previousEnd - previousStart <= 6,
                  Self.partyDeterminers.contains(String(decoding: bytes[previousStart..<previousEnd], as: UTF8.self)),
                  let roles = candidates[String(decoding: bytes[index..<wordEnd], as: UTF8.self)] ?? (wordEnd - index > 1 && bytes[wordEnd - 1] == 0x73 ? candidates[String(decoding: bytes[index..<(wordEnd - 1)], as: UTF8.self)] : nil)
            else { continue }
            for role in roles {
                let needle = Array(role.utf8)
                let end = index + needle.count
                guard end <= count, bytes[index..<end].elementsEqual(needle) else { continue }
                guard !StructuralText.isWordByte(bytes, end) || (end < count && bytes[end] == 0x73 && !StructuralText.isWordByte(bytes, end + 1)) else { continue }
                // "the Customer Data", "the Distributor Agreement": a compound, not the party.
                if end + 1 < count, bytes[end] == 0x20, StructuralText.isUpper(bytes[end + 1]) { continue }
                // "the Vendor & Distributor Hotline", "the Licensor of the Trademark License Agreement".
                if Self.isCompoundOrOtherDocument(end, in: bytes) { continue }
                if StructuralText.isInside(index, nonProse) || StructuralText.isInside(index, headings) { continue }
                if let existing = found[role] { found[role] = (existing.range, existing.count + 1) } else { found[role] = (index..<end, 1) }
                break
            }
        }
        guard !found.isEmpty else { return [] }
        // "Capitalized terms used but not defined herein have the meanings given in Annex A":
        // the roles of others (the Borrower of a servicing agreement) are defined elsewhere.
        let lowered = StructuralText.lowercased(bytes)
        for phrase in ["capitalized terms", "capitalised terms"] where !ByteSearch.occurrences(of: Array(phrase.utf8), in: lowered).isEmpty { return [] }
        // After the signature block ("IN WITNESS WHEREOF", past the first quarter of the text, so
        // not a cover page's) come attached forms, endorsements and schedules with parties of
        // their own (a policy's "Owner"): the preamble's names govern the agreement only.
        let bodyFloor = max(Self.preambleRange(document).upperBound, count / 4)
        if let witness = ByteSearch.occurrences(of: StructuralText.witnessWhereof, in: lowered).first(where: { $0 >= bodyFloor }) {
            for (role, use) in found where use.range.lowerBound > witness { found[role] = nil }
        }
        // A role that ends a longer name somewhere (`Sublicensed Customer`) names a class of third
        // parties; `such Customer` then means one of them.
        for role in Array(found.keys) where Self.endsLongerName(role, in: bytes) { found[role] = nil }
        let result = found.map { PartyNameMismatch(name: $0.key, range: $0.value.range, count: $0.value.count) }
        return result.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
