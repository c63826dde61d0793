import ArgumentParser
import ClauseModel
import ClauseRules
import Foundation

/// Options every rules-aware command shares: where the rules are.
struct RuleFolderOptions: ParsableArguments {
    @Option(name: .customLong("rules-root"), help: "The default rules folder (default: $CLAUSELINT_RULES, else the repository's Rules/).")
    var rulesRoot: String?

    @Option(name: .customLong("rules"), help: "An extra rules folder (repeatable).")
    var extraRuleFolders: [String] = []

    /// Loads the rule set, or prints every problem (file:line:column) and exits with 2.
    func loadRuleSet() throws -> RuleSet {
        guard let root = RuleSet.defaultRulesDirectory(explicit: rulesRoot) else {
            FileHandle.standardError.write(Data("error: no rules folder found; pass --rules-root or set CLAUSELINT_RULES\n".utf8))
            throw ExitCode(2)
        }
        do {
            return try RuleSet.load(directories: [root] + extraRuleFolders)
        } catch let problems as Diagnostics {
            FileHandle.standardError.write(Data((problems.description + "\n").utf8))
            throw ExitCode(2)
        } catch let problem as Diagnostic {
            FileHandle.standardError.write(Data((problem.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// `clauselint rules`: lists the rules, or writes docs/rules.md (`--format markdown`).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules (text), or print their reference documentation (markdown) or descriptors (json).",
        discussion: "docs/rules.md is generated with: swift run clauselint rules --format markdown > docs/rules.md"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }

    @Option(help: "text, markdown or json.")
    var format: Format = .text

    @OptionGroup var folders: RuleFolderOptions

    func run() throws {
        let ruleSet = try folders.loadRuleSet()
        switch format {
        case .text:
            print(RuleDocumentation.table(ruleSet.rules))
            print("")
            print("\(ruleSet.rules.count) rules, \(ruleSet.categories.categories.count) clause categories. `clauselint explain RULE` shows one rule with its examples.")
        case .markdown:
            print(RuleDocumentation.markdown(ruleSet), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(ruleSet.descriptors.sorted { $0.id < $1.id }), as: UTF8.self))
        }
    }
}
