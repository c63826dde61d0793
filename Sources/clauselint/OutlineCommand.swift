import ArgumentParser
import ClauseModel
import ClauseParsing
import ClauseReporting
import ClauseRules
import Foundation

/// `clauselint outline PATH...`: the clause tree of each contract, the foundation every other
/// command builds on, so a user can check how clauselint read a contract before trusting a finding.
struct OutlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outline",
        abstract: "Print the clause tree of each contract (ids, headings, kinds, line ranges, categories).",
        discussion: """
        Folders are walked recursively for .txt, .md, .xml and .htm/.html files. The JSON schema is \
        documented in docs/outline-json.md. Exit status: 0 on success, 2 on a usage or rules error, \
        3 when a file could not be read or parsed (the other files are still printed).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Contract files or folders.")
    var paths: [String]

    @Option(help: "text or json.")
    var format: Format = .text

    @Flag(name: .customLong("no-categories"), help: "Do not assign clause categories (faster; no rules folder needed).")
    var noCategories = false

    @OptionGroup var folders: RuleFolderOptions

    func run() throws {
        let catalog = noCategories ? nil : try folders.loadRuleSet().categories
        let (files, walkProblems) = ContractFiles.collect(paths)
        var problems = walkProblems
        let loader = DocumentLoader()
        let useColor = format == .text && ColorPolicy.shouldColor(environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) != 0)
        var jsonWriter = OutlineJSONWriter()
        let output = FileHandle.standardOutput
        if format == .json { output.write(Data(jsonWriter.begin().utf8)) }

        var printedAny = false
        for path in files {
            switch loader.load(path: path) {
            case .failure(let diagnostic):
                problems.append(diagnostic)
            case .success(let parsed):
                let document = CrossReferenceResolver.annotate(catalog?.categorize(parsed) ?? parsed)
                for warning in document.warnings {
                    FileHandle.standardError.write(Data((warning.description + "\n").utf8))
                }
                switch format {
                case .text:
                    output.write(Data(((printedAny ? "\n" : "") + OutlineRenderer.text(document, useColor: useColor)).utf8))
                    printedAny = true
                case .json: output.write(Data(jsonWriter.document(document).utf8))
                }
            }
        }
        if format == .json { output.write(Data(jsonWriter.finish().utf8)) }
        for problem in problems {
            FileHandle.standardError.write(Data((problem.description + "\n").utf8))
        }
        if !problems.isEmpty { throw ExitCode(3) }
    }
}
