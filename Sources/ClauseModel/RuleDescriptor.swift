/// What reporters need to know about a rule (SARIF `reportingDescriptor`, `explain`, the
/// markdown summary). Built by the rules stage from the rule's YAML.
public struct RuleDescriptor: Hashable, Codable, Sendable {
    public var id: String
    public var kind: String
    public var severity: Severity
    public var summary: String
    public var explanation: String
    public var suggestion: String
    /// A link to the rule's documentation (docs/rules.md anchor).
    public var helpURI: String?

    public init(id: String, kind: String, severity: Severity, summary: String, explanation: String, suggestion: String, helpURI: String? = nil) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        self.suggestion = suggestion
        self.helpURI = helpURI
    }
}

/// An open dispute as reporters show it: the dispute and the clauses it was linked to.
/// Built by the disputes stage; reporters render the "Open disputes" part from it.
public struct DisputeSummary: Hashable, Codable, Sendable {
    public struct LinkedClause: Hashable, Codable, Sendable {
        public var path: String
        public var clause: ClauseSummary
        public var score: Double
        public var reasons: [String]
        /// Fingerprints of the findings on this clause (see `Finding.fingerprint`).
        public var findingFingerprints: [String]

        public init(path: String, clause: ClauseSummary, score: Double, reasons: [String], findingFingerprints: [String]) {
            self.path = path
            self.clause = clause
            self.score = score
            self.reasons = reasons
            self.findingFingerprints = findingFingerprints
        }
    }

    public var id: String
    public var title: String
    public var status: String
    public var customer: String?
    public var opened: String?
    public var url: String?
    /// Fields of the register this tool does not know, passed through untouched.
    public var extra: [String: String]
    public var clauses: [LinkedClause]
    public var warnings: [String]

    public init(id: String, title: String, status: String, customer: String? = nil, opened: String? = nil, url: String? = nil, extra: [String: String] = [:], clauses: [LinkedClause] = [], warnings: [String] = []) {
        self.id = id
        self.title = title
        self.status = status
        self.customer = customer
        self.opened = opened
        self.url = url
        self.extra = extra
        self.clauses = clauses
        self.warnings = warnings
    }
}
