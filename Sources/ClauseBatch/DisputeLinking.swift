import ClauseDisputes
import ClauseModel
import ClauseRules

/// `lint --disputes FILE`: links each linted document to the register's disputes (in the
/// workers) and keeps, per document, only what the "Open disputes" part needs (the links, the
/// warnings and the findings that carry a dispute id), never the document itself, so memory stays
/// bounded on large collections.
public struct DisputeLinking: Sendable {
    public let register: DisputeRegister
    public let linker: DisputeLinker
    private var kept: [LinkedDocument] = []

    /// Loads the register. A malformed file throws its `Diagnostic` (exit 2); disputes that
    /// cannot be used are in `problems` (input errors, printed by the caller).
    public init(registerPath: String, catalog: LinterCatalog, includeClosed: Bool) throws {
        register = try DisputeRegister.load(path: registerPath)
        linker = DisputeLinker(register: register, catalog: catalog.defaultLinter.ruleSet.categories, includeClosed: includeClosed)
    }

    /// Per-dispute problems of the register (a dispute with neither description nor clauses, …).
    public var problems: [Diagnostic] { register.problems }

    /// The disputes in scope, before linking (ids, titles, urls) for `RunContext.disputes`.
    public var knownDisputes: [DisputeSummary] { linker.summaries([], inputPaths: []).map { summary in
        var copy = summary
        copy.warnings = []
        return copy
    } }

    /// Links one document (run in the workers).
    public func link(_ result: LintResult, linter: Linter) -> LinkedDocument {
        linker.link(result, linter: linter)
    }

    /// Keeps what the summaries need from one document's links (called in path order).
    public mutating func keep(_ linked: LinkedDocument?) {
        guard var linked, !linked.links.isEmpty || !linked.warnings.isEmpty else { return }
        let document = linked.result.document
        linked.result.document = Document(path: document.path, format: document.format, text: "")
        linked.result.findings = linked.result.findings.filter { !$0.disputeIDs.isEmpty }
        kept.append(linked)
    }

    /// The "Open disputes" part, once every document is linted.
    public func summaries(inputPaths: [String]) -> [DisputeSummary] {
        linker.summaries(kept, inputPaths: inputPaths)
    }
}
