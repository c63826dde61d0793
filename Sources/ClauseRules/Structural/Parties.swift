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
        "Developer", "Publisher", "Sponsor", "Producer", "Marketer", "Recipient", "Discloser", "Disclosing Party",
        "Receiving Party", "Subscriber", "Owner", "Operator", "Partner", "Company", "Host", "Affiliate Partner",
    ]

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
        let partyNames = Set(parties.map(\.shortName))
        var defined = terms.quotedPhrases
        for definition in terms.definitions { defined.insert(definition.term) }
        let bytes = document.bytes
        let nonProse = document.nonProseRanges.sorted { $0.lowerBound < $1.lowerBound }
        let headings = document.headingRanges()
        var result: [PartyNameMismatch] = []
        for role in roleWords {
            if partyNames.contains(role) || defined.contains(role) || defined.contains(role + "s") { continue }
            // A party's short name that contains the role ("Service Provider" and "Provider").
            if partyNames.contains(where: { $0.hasSuffix(" " + role) || $0.hasPrefix(role + " ") || role.hasSuffix(" " + $0) }) { continue }
            let needle = Array(role.utf8)
            var first: Range<Int>?
            var count = 0
            for offset in ByteSearch.occurrences(of: needle, in: bytes) {
                let end = offset + needle.count
                guard !StructuralText.isWordByte(bytes, offset - 1), !StructuralText.isWordByte(bytes, end) || (end < bytes.count && bytes[end] == 0x73 && !StructuralText.isWordByte(bytes, end + 1)) else { continue }
                // Used as a party: after "the"/"such"/"said"/"each" in lower case, before a verb or possessive.
                guard offset >= 4 else { continue }
                var wordStart = offset - 1
                guard bytes[wordStart] == 0x20 else { continue }
                while wordStart > 0, StructuralText.isLetter(bytes[wordStart - 1]) { wordStart -= 1 }
                let previous = String(decoding: bytes[wordStart..<(offset - 1)], as: UTF8.self)
                guard ["the", "such", "said", "either", "each", "The", "Such", "Said", "Each"].contains(previous) else { continue }
                // "the Customer Data", "the Distributor Agreement": a compound, not the party.
                if end + 1 < bytes.count, bytes[end] == 0x20, StructuralText.isUpper(bytes[end + 1]) { continue }
                if StructuralText.isInside(offset, nonProse) || StructuralText.isInside(offset, headings) { continue }
                count += 1
                if first == nil { first = offset..<end }
            }
            if let first { result.append(PartyNameMismatch(name: role, range: first, count: count)) }
        }
        return result.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
