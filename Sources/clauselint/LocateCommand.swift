import ArgumentParser
import ClauseDisputes
import ClauseModel
import ClauseParsing
import ClauseRules
import Foundation

/// `clauselint locate`: the clauses most likely behind a dispute, ranked, with reasons and the
/// findings on them.
///
///     clauselint locate contract.md --dispute "we were promised a refund for the late delivery"
///     clauselint locate contracts/ --disputes disputes.yml --format json
struct LocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locate",
        abstract: "Find the clauses behind a dispute: ranked, with reasons, spans and findings.",
        discussion: """
        Give one dispute in words (--dispute, with optional --clause references) or a dispute \
        register (--disputes FILE: YAML, JSON or CSV, see docs/disputes.md). Exit codes: 0 \
        success; 2 bad arguments, rules or a malformed register; 3 a contract could not be \
        read or a dispute of the register could not be used (the others are still located).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Contract files or folders.")
    var paths: [String]

    @Option(help: "The dispute in free text (a customer's or account manager's words).")
    var dispute: String?

    @Option(name: .customLong("clause"), help: "An explicit clause reference for --dispute (repeatable): 7.2, 'Section 12(b)', §4.")
    var clauses: [String] = []

    @Option(help: "A dispute register (YAML, JSON or CSV).")
    var disputes: String?

    @Option(help: "How many places to show per dispute.")
    var top: Int = 3

    @Option(help: "text or json.")
    var format: Format = .text

    @OptionGroup var folders: RuleFolderOptions

    func validate() throws {
        if (dispute == nil) == (disputes == nil) { throw ValidationError("give exactly one of --dispute TEXT or --disputes FILE") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if disputes != nil, !clauses.isEmpty { throw ValidationError("--clause goes with --dispute; a register names clauses in its 'clauses' field") }
    }

    func run() throws {
        let ruleSet = try folders.loadRuleSet()
        let linter = Linter(ruleSet: ruleSet)

        var register: DisputeRegister
        if let disputes {
            do {
                register = try DisputeRegister.load(path: disputes)
            } catch let problem as Diagnostic {
                FileHandle.standardError.write(Data("\(problem)\n".utf8))
                throw ExitCode(2)
            }
        } else {
            let text = dispute ?? ""
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, clauses.isEmpty {
                FileHandle.standardError.write(Data("error: the dispute is empty and names no clause: nothing to locate\n".utf8))
                throw ExitCode(2)
            }
            register = DisputeRegister(path: "<command line>", disputes: [Dispute(id: "dispute", description: text, clauses: clauses)])
        }

        var inputs: [LocateReport.Input] = []
        var inputErrors: [Diagnostic] = []
        for path in ContractInputs.files(paths, errors: &inputErrors) {
            switch ContractInputs.load(path: path) {
            case .success(let document):
                let result = linter.lint(document)
                // Resolved cross-references let the ranking follow "subject to Section 9" across the whole tree.
                inputs.append(LocateReport.Input(document: CrossReferenceResolver.annotate(result.document), findings: result.activeFindings))
            case .failure(let problem):
                inputErrors.append(problem)
            }
        }
        for problem in inputErrors { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }

        let report = LocateReport.build(disputes: register.disputes, problems: register.problems, inputs: inputs, catalog: ruleSet.categories, top: top)
        switch format {
        case .text: print(report.text(), terminator: "")
        case .json: print(report.json(), terminator: "")
        }
        if !inputErrors.isEmpty || !register.problems.isEmpty { throw ExitCode(3) }
    }
}

/// Turning the command line's paths into documents.
enum ContractInputs {
    /// Files as given, and the contract files inside folders (sorted, recursively).
    static func files(_ paths: [String], errors: inout [Diagnostic]) -> [String] {
        let collected = ContractFiles.collect(paths)
        errors += collected.diagnostics
        return collected.files
    }

    /// Reads and parses one contract with the format-aware loader.
    static func load(path: String) -> Result<Document, Diagnostic> {
        DocumentLoader().load(path: path)
    }
}
