/// The clause a finding is about, as reporters show it.
public struct ClauseSummary: Hashable, Codable, Sendable {
    public var id: String
    public var number: String?
    public var heading: String?
    public var kind: ClauseKind
    public var categories: [String]
    public var span: SourceSpan

    public init(id: String, number: String?, heading: String?, kind: ClauseKind, categories: [String], span: SourceSpan) {
        self.id = id
        self.number = number
        self.heading = heading
        self.kind = kind
        self.categories = categories
        self.span = span
    }

    public init(_ clause: Clause) {
        self.init(id: clause.id, number: clause.number, heading: clause.heading, kind: clause.kind, categories: clause.categories, span: clause.span)
    }
}

/// Another place that explains a finding (the other side of a conflict, the first definition
/// of a term defined twice). Becomes a SARIF related location.
public struct RelatedLocation: Hashable, Codable, Sendable {
    public var path: String
    public var span: SourceSpan
    public var message: String
    public var clauseID: String?

    public init(path: String, span: SourceSpan, message: String, clauseID: String? = nil) {
        self.path = path
        self.span = span
        self.message = message
        self.clauseID = clauseID
    }
}

/// A suppression that silenced a finding (kept, so reporters can show it as SARIF does).
public struct Suppression: Hashable, Codable, Sendable {
    public var kind: String
    public var justification: String?

    public init(kind: String = "inSource", justification: String? = nil) {
        self.kind = kind
        self.justification = justification
    }
}

/// One thing a rule found in one contract.
public struct Finding: Hashable, Codable, Sendable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var path: String
    /// Where the finding points. For a document-level finding (a missing clause) this is the
    /// place such a clause usually goes (e.g. after the last clause, before the signatures).
    public var span: SourceSpan
    /// The clause the match lies in; nil for document-level findings.
    public var clause: ClauseSummary?
    /// The text that triggered the finding (empty for a missing clause).
    public var matchedText: String
    public var suggestion: String?
    public var relatedLocations: [RelatedLocation]
    /// Ids of open disputes whose clauses this finding lies in.
    public var disputeIDs: [String]
    public var suppression: Suppression?
    /// True for findings about the whole document rather than a passage.
    public var isDocumentLevel: Bool

    public init(
        ruleID: String,
        severity: Severity,
        message: String,
        path: String,
        span: SourceSpan,
        clause: ClauseSummary? = nil,
        matchedText: String = "",
        suggestion: String? = nil,
        relatedLocations: [RelatedLocation] = [],
        disputeIDs: [String] = [],
        suppression: Suppression? = nil,
        isDocumentLevel: Bool = false
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.path = path
        self.span = span
        self.clause = clause
        self.matchedText = matchedText
        self.suggestion = suggestion
        self.relatedLocations = relatedLocations
        self.disputeIDs = disputeIDs
        self.suppression = suppression
        self.isDocumentLevel = isDocumentLevel
    }

    /// Identity that survives edits which only shift lines: rule, clause id and matched text
    /// (used by baselines and by SARIF `partialFingerprints`).
    public var fingerprint: String {
        let key = [ruleID, clause?.id ?? "", matchedText.lowercased(), isDocumentLevel ? message : ""].joined(separator: "\u{1F}")
        return StableHash.hex(key)
    }
}

/// FNV-1a 64-bit: a stable hash across runs and machines (Swift's `Hasher` is seeded per
/// process, so it cannot be used for fingerprints that are written to disk).
public enum StableHash {
    public static func hex(_ string: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in string.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
