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
/// Parses and runs the command. Written out rather than `await X.main()` (which resolves to the
/// synchronous entry point) so that argument errors exit with our documented usage code 2,
/// not ArgumentParser's 64 (EX_USAGE): scripts and CI read one set of exit codes.
func runAsyncRoot<Root: AsyncParsableCommand>(_ root: Root.Type) async {
    do {
        var command = try root.parseAsRoot(nil)
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch {
        if root.exitCode(for: error) == .validationFailure {
            StandardError().write(root.fullMessage(for: error) + "\n")
            root.exit(withError: ExitCode(2))
        }
        root.exit(withError: error)
    }
}

await runAsyncRoot(ClauseLint.self)
