import ArgumentParser
import ClauseModel
import ClauseRules
import Foundation

/// `clauselint explain RULE`: what the rule does, why it matters, how to fix, its examples.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one rule: what it checks, the dispute it prevents, how to fix it, examples."
    )

    @Argument(help: "The rule id, e.g. vague-timing.")
    var ruleID: String

    @OptionGroup var folders: RuleFolderOptions

    func run() throws {
        let ruleSet = try folders.loadRuleSet()
        guard let rule = ruleSet.rule(withID: ruleID) else {
            let known = ruleSet.rules.map(\.id).sorted()
            let close = known.filter { $0.contains(ruleID) || ruleID.contains($0) }
            let hint = close.isEmpty ? "`clauselint rules` lists them" : "did you mean \(close.joined(separator: ", "))?"
            FileHandle.standardError.write(Data("error: unknown rule '\(ruleID)' (\(hint))\n".utf8))
            throw ExitCode(2)
        }
        print(RuleDocumentation.explain(rule))
    }
}
