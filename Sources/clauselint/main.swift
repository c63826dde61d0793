import ArgumentParser

/// The `clauselint` command line: thin commands over the pipeline modules.

struct ClauseLint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clauselint",
        abstract: "Review contracts clause by clause: structure, vague terms, missing protections, disputes.",
        version: ClauseLintVersion.current,
        subcommands: [
            OutlineCommand.self,
            RulesCommand.self,
            ExplainCommand.self,
            LocateCommand.self,
            LintCommand.self,
            TermsCommand.self,
        ]
    )
}

enum ClauseLintVersion {
    static let current = "0.1.0"
}
/// Calls the async entry point (top-level `await X.main()` resolves to the synchronous one).
func runAsyncRoot<Root: AsyncParsableCommand>(_ root: Root.Type) async { await root.main(nil) }
await runAsyncRoot(ClauseLint.self)
