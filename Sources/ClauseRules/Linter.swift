import ClauseModel

/// What linting one document produced.
public struct LintResult: Sendable {
    /// The document with every clause's categories set.
    public var document: Document
    /// Findings sorted by position (then rule id); suppressed ones are kept with
    /// `Finding.suppression` set, so reporters can show them (SARIF `inSource`).
    public var findings: [Finding]
    /// The contract type used for contract-type-specific rules (configuration, else detected).
    public var contractType: String?
    /// Problems with the document's own markers (a suppression naming an unknown rule).
    public var warnings: [Diagnostic]

    /// The findings not suppressed.
    public var activeFindings: [Finding] { findings.filter { $0.suppression == nil } }
}

/// What `Linter.prepare` works out for a document without the rules.
public struct LintPreparation: Sendable {
    let definedTerms: DefinedTermScan
    let numberingIssues: [NumberingIssue]
    /// Built here even for a document without references (a lint builds it only at the first
    /// one): almost every contract has one.
    let clauseNumbers: ClauseNumberIndex
}

/// Runs a rule set over documents: categorise, run every check, apply the configuration
/// (enabled rules, severities, contract type) and inline suppressions.
///
/// A value type holding only immutable compiled rules, so one `Linter` can lint many documents
/// in parallel.
public struct Linter: Sendable {
    public let ruleSet: RuleSet
    public let configuration: LintConfiguration
    private let rulesByID: [String: Rule]

    public init(ruleSet: RuleSet, configuration: LintConfiguration = .default) {
        self.ruleSet = ruleSet
        self.configuration = configuration
        var index: [String: Rule] = [:]
        for rule in ruleSet.rules { index[rule.id] = rule }
        self.rulesByID = index
    }

    /// The rules that run under the configuration.
    public var enabledRules: [Rule] { ruleSet.rules.filter(configuration.isEnabled) }

    /// The part of linting that needs no rules, done for `lint(_:prepared:)` (a batch run does it
    /// while the rules compile).
    public static func prepare(_ document: Document) -> LintPreparation {
        LintPreparation(definedTerms: DefinedTermAnalyzer.scan(document), numberingIssues: NumberingAnalyzer().issues(in: document),
                        clauseNumbers: ClauseNumberIndex(document: document))
    }

    /// `lint(_:)` of a document whose rule-independent part `prepare` has done already.
    /// `prepared` must come from `prepare(document)` (same document, before categorising).
    public func lint(_ document: Document, prepared: LintPreparation? = nil) -> LintResult {
        let scan = ruleSet.sharedScan.run(document)
        let categorised = ruleSet.categories.categorize(document, bodyScan: scan.categories)
        let contractType = configuration.contractType ?? ruleSet.contractTypes.detect(categorised)
        // Defined terms feed several checks (defined-terms, party-names): analysed once here.
        // The analysis reads no categories, so a scan of the uncategorised document serves.
        let definedTerms = ruleSet.definedTermsMinimumUses.map { minimum in
            let analyzer = DefinedTermAnalyzer(minimumUndefinedUses: minimum)
            return analyzer.finish(prepared?.definedTerms ?? DefinedTermAnalyzer.scan(categorised), document: categorised)
        }
        let context = RuleContext(
            document: categorised,
            contractType: contractType,
            catalogs: RuleCatalogs(categories: ruleSet.categories, contractTypes: ruleSet.contractTypes),
            definedTerms: definedTerms,
            numberingIssues: prepared?.numberingIssues,
            clauseNumbers: prepared?.clauseNumbers
        )
        var findings: [Finding] = []
        for (index, check) in ruleSet.checks.enumerated() {
            let found = check.scanPatterns.isEmpty ? check.findings(in: context) : check.findings(in: context, scan: scan.checks[index])
            for var finding in found {
                guard let rule = rulesByID[finding.ruleID], configuration.isEnabled(rule) else { continue }
                if !rule.contractTypes.isEmpty {
                    guard let contractType, rule.contractTypes.contains(contractType) else { continue }
                }
                finding.severity = configuration.severity(for: rule)
                findings.append(finding)
            }
        }

        let suppressions = InlineSuppressions(document: categorised)
        var warnings: [Diagnostic] = []
        for marker in suppressions.markers {
            for id in marker.ruleIDs where rulesByID[id] == nil {
                warnings.append(Diagnostic(path: document.path, line: marker.line, column: marker.column, severity: .warning, message: "suppression names an unknown rule '\(id)'"))
            }
        }
        if !suppressions.markers.isEmpty {
            for index in findings.indices { findings[index].suppression = suppressions.suppression(for: findings[index]) }
        }

        findings.sort {
            ($0.span.startOffset, $0.span.endOffset, $0.ruleID) < ($1.span.startOffset, $1.span.endOffset, $1.ruleID)
        }
        // The same rule at the same place once.
        var unique: [Finding] = []
        for finding in findings {
            if let last = unique.last, last.ruleID == finding.ruleID, last.span == finding.span, last.message == finding.message { continue }
            unique.append(finding)
        }
        return LintResult(document: categorised, findings: unique, contractType: contractType, warnings: warnings)
    }
}
