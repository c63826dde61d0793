import ClauseModel
import ClauseRules

/// TEMPORARY until ClauseDisputes lands.
public struct DisputeLinking: Sendable {
    public init(registerPath: String, catalog: LinterCatalog, includeClosed: Bool) throws {
        throw Diagnostic(path: registerPath, message: "dispute linking is not available in this build")
    }
    public var knownDisputes: [DisputeSummary] { [] }
    public var postprocess: (@Sendable (LintResult, Linter) -> LintResult)? { nil }
    public mutating func observe(_ outcome: FileOutcome) {}
    public func summaries(inputPaths: [String]) -> [DisputeSummary] { [] }
}
