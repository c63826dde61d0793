import ClauseDisputes
import ClauseModel
import ClauseRules

/// `lint --disputes FILE`: links each linted document to the register's disputes (in the
/// workers); the run keeps, per document, only what the "Open disputes" part needs (`trimmed`:
/// the links, the warnings and the findings that carry a dispute id), never the document itself,
/// so memory stays bounded on large collections.
public struct DisputeLinking: Sendable {
    public let register: DisputeRegister
    public let linker: DisputeLinker

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

    /// What the summaries need from one document's links; nil when it has none.
    public static func trimmed(_ linked: LinkedDocument?) -> LinkedDocument? {
        guard var linked, !linked.links.isEmpty || !linked.warnings.isEmpty else { return nil }
        let document = linked.result.document
        linked.result.document = Document(path: document.path, format: document.format, text: "")
        linked.result.findings = linked.result.findings.filter { !$0.disputeIDs.isEmpty }
        return linked
    }

    /// The "Open disputes" part, once every document is linted, from the `trimmed` documents
    /// in path order.
    public func summaries(_ kept: [LinkedDocument], inputPaths: [String]) -> [DisputeSummary] {
        linker.summaries(kept, inputPaths: inputPaths)
    }
}
