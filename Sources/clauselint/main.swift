import ArgumentParser

/// The `clauselint` command line: thin commands over the pipeline modules.

struct ClauseLint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clauselint",
        abstract: "Review contracts clause by clause: structure, vague terms, missing protections, disputes.",
        version: ClauseLintVersion.current,
        subcommands: [
        ]
    )
}

enum ClauseLintVersion {
    static let current = "0.1.0"
}
await ClauseLint.main()
