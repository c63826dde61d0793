import ArgumentParser

/// Measurements over the real corpora in ../shared/corpora. Run with a release build:
/// `swift run -c release clauselint-bench <subcommand>`.

struct ClauseLintBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clauselint-bench",
        abstract: "Benchmarks and quality evaluations of clauselint on ../shared/corpora.",
        subcommands: [
            CategoryEvaluation.self,
            LocateEvaluation.self,
            LintBenchmark.self,
            ParseBenchmark.self,
            OutlineBenchmark.self,
            StructureEvaluation.self,
        ]
    )
}
/// Calls the async entry point (top-level `await X.main()` resolves to the synchronous one).
func runAsyncRoot<Root: AsyncParsableCommand>(_ root: Root.Type) async { await root.main(nil) }
await runAsyncRoot(ClauseLintBench.self)
