import ClauseModel

/// What a compiled rule kind does for one document.
public protocol RuleCheck: Sendable {
    /// Findings for the document in `context` (already categorised). Findings carry the rule's
    /// default severity; the linter applies configuration and suppressions afterwards.
    func findings(in context: RuleContext) -> [Finding]

    /// Phrase patterns (see `PhrasePatternSet`; owners are the check's own numbers) the check
    /// wants found. The linter finds the patterns of all checks and of the categories in one
    /// pass over the document and calls `findings(in:scan:)`. Empty by default.
    var scanPatterns: [(text: String, owner: Int)] { get }

    /// Findings from the matches of `scanPatterns` (owners as given, sorted by start). The
    /// default ignores them and calls `findings(in:)`.
    func findings(in context: RuleContext, scan: [PhrasePatternSet.Match]) -> [Finding]

    /// True when the check wants its `scanPatterns` found inside non-prose ranges too (the
    /// shared scan leaves those out by default). False by default.
    var scanIncludesNonProse: Bool { get }

    /// Nil (the default) when the check does not read `RuleContext.definedTerms`; otherwise the
    /// fewest uses of an undefined capitalised phrase it reports. The linter analyses defined
    /// terms once per document, with the smallest of these, for every check that reads them.
    var definedTermsMinimumUses: Int? { get }
}

extension RuleCheck {
    public var scanPatterns: [(text: String, owner: Int)] { [] }
    public func findings(in context: RuleContext, scan: [PhrasePatternSet.Match]) -> [Finding] { findings(in: context) }
    public var scanIncludesNonProse: Bool { false }
    public var definedTermsMinimumUses: Int? { nil }
}

/// A rule kind: the engine code behind every rule whose YAML says `kind: <name>`.
///
/// Adding a kind is one Swift file that defines a `RuleKindEntry` plus one line in
/// `RuleKindRegistry.builtIn`. `compile` receives every rule of the kind at once, so a kind can
/// share work between its rules (all `lexicon` rules become one automaton).
public struct RuleKindEntry: Sendable {
    /// The `kind:` value in rule files.
    public var name: String
    /// One line for `docs/rules.md`.
    public var summary: String
    /// The kind's own parameter keys, with a line of documentation each.
    public var parameters: [(key: String, help: String)]
    /// Validates the rules' parameters (throwing `Diagnostic`s at file:line:column) and builds
    /// the checks.
    public var compile: @Sendable (_ rules: [Rule], _ catalog: RuleCatalogs) throws -> [any RuleCheck]
    /// True for kinds whose findings a later stage makes (e.g. `contested-section`, which needs
    /// a dispute register): the generic example test then leaves their flagged examples to that
    /// stage's tests.
    public var findingsMadeOutsideLinter: Bool

    public init(
        name: String,
        summary: String,
        parameters: [(key: String, help: String)],
        findingsMadeOutsideLinter: Bool = false,
        compile: @escaping @Sendable (_ rules: [Rule], _ catalog: RuleCatalogs) throws -> [any RuleCheck]
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.findingsMadeOutsideLinter = findingsMadeOutsideLinter
        self.compile = compile
    }

    public var parameterKeys: Set<String> { Set(parameters.map(\.key)) }
}

/// The catalogs rule kinds may consult while compiling (to reject an unknown category id).
public struct RuleCatalogs: Sendable {
    public var categories: CategoryCatalog
    public var contractTypes: ContractTypeCatalog

    public init(categories: CategoryCatalog, contractTypes: ContractTypeCatalog) {
        self.categories = categories
        self.contractTypes = contractTypes
    }
}

/// Every rule kind clauselint knows. One entry per kind; keep the list sorted by name within
/// each group.
public enum RuleKindRegistry {
    public static let builtIn: [RuleKindEntry] = [
        LexiconKind.entry,
        PatternKind.entry,
        RequiredClauseKind.entry,
        ClauseContentKind.entry,
        NumberConsistencyKind.entry,
        ContestedSectionKind.entry,
        // Structural kinds (Sources/ClauseRules/Structural/) are listed in `structural`.
    ] + structural

    public static func entry(named name: String) -> RuleKindEntry? {
        builtIn.first { $0.name == name }
    }
}
