import ClauseModel
import ClauseRules
import Foundation

/// The `Linter` for every file of a run: each file follows its nearest `.clauselint.yml` (or
/// `--config`), and a configuration's `rule_folders` add rules, so files under different
/// configurations may have different rule sets.
///
/// Built once before linting, so every configuration and rule problem is reported (exit 2)
/// before any file is read, and the parallel workers only look linters up.
public struct LinterCatalog: Sendable {
    /// The default rules folder and `--rules` folders.
    public let ruleDirectories: [String]
    /// The linter for files without a configuration file.
    public let defaultLinter: Linter
    private var configurationByFolder: [String: String] = [:]
    private var linterByConfiguration: [String: Linter] = [:]

    /// Loads the rule set(s) and every configuration the `paths` need. Throws `Diagnostics`
    /// listing every problem (bad YAML, unknown rule ids, missing rule folders).
    public init(paths: [String], ruleDirectories: [String], resolver: ConfigurationResolver) throws {
        self.ruleDirectories = ruleDirectories
        var problems: [Diagnostic] = []
        var ruleSets: [[String]: RuleSet] = [:]

        func ruleSet(_ directories: [String]) throws -> RuleSet {
            if let known = ruleSets[directories] { return known }
            let loaded = try RuleSet.load(directories: directories)
            ruleSets[directories] = loaded
            return loaded
        }

        func collect(_ error: Error) {
            switch error {
            case let many as Diagnostics: problems += many.diagnostics
            case let one as Diagnostic: problems.append(one)
            default: problems.append(Diagnostic(path: ruleDirectories.first ?? ".", message: "\(error)"))
            }
        }

        var base: RuleSet?
        do { base = try ruleSet(ruleDirectories) } catch { collect(error) }

        var folders: [String: String] = [:]
        var linters: [String: Linter] = [:]
        var failedConfigurations: Set<String> = []
        for path in paths {
            let folder = (path as NSString).deletingLastPathComponent
            if folders[folder] != nil { continue }
            guard let configurationPath = resolver.configurationPath(for: path) else {
                folders[folder] = ""
                continue
            }
            folders[folder] = configurationPath
            if linters[configurationPath] != nil || failedConfigurations.contains(configurationPath) { continue }
            do {
                let configuration = try LintConfiguration.load(path: configurationPath)
                let set = try ruleSet(ruleDirectories + configuration.ruleFolders)
                try configuration.validate(against: set)
                linters[configurationPath] = Linter(ruleSet: set, configuration: configuration)
            } catch {
                failedConfigurations.insert(configurationPath)
                collect(error)
            }
        }
        if let explicit = resolver.explicitPath, linters[explicit] == nil, !failedConfigurations.contains(explicit) {
            // `--config` with no files to lint: still check it.
            do {
                let configuration = try LintConfiguration.load(path: explicit)
                if let base { try configuration.validate(against: base) }
            } catch { collect(error) }
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        self.defaultLinter = Linter(ruleSet: base!, configuration: .default)
        self.configurationByFolder = folders
        self.linterByConfiguration = linters
    }

    /// The linter for a file the catalog was built with (others get the default linter).
    public func linter(for path: String) -> Linter {
        let folder = (path as NSString).deletingLastPathComponent
        guard let configuration = configurationByFolder[folder], !configuration.isEmpty else { return defaultLinter }
        return linterByConfiguration[configuration] ?? defaultLinter
    }

    /// Whether the file's configuration `exclude`s it.
    public func isExcluded(_ path: String) -> Bool {
        let linter = linter(for: path)
        return linter.configuration.isExcluded(path)
    }

    /// Every rule any file of the run can be reported under (for SARIF's rule list), by id.
    public var descriptors: [RuleDescriptor] {
        var seen: [String: RuleDescriptor] = [:]
        for linter in [defaultLinter] + linterByConfiguration.keys.sorted().map({ linterByConfiguration[$0]! }) {
            for rule in linter.enabledRules where seen[rule.id] == nil {
                var descriptor = rule.descriptor
                descriptor.severity = linter.configuration.severity(for: rule)
                seen[rule.id] = descriptor
            }
        }
        return seen.values.sorted { $0.id < $1.id }
    }

    /// The configuration files in use, sorted.
    public var configurationPaths: [String] { linterByConfiguration.keys.sorted() }
}

extension LinterCatalog {
    /// The paths their configuration's `exclude` leaves out, found without loading any rules
    /// (only the `.clauselint.yml` files), so a run can drop them before the rules are ready.
    /// A configuration that does not load excludes nothing here; `init` reports it.
    public static func excludedByConfiguration(_ paths: [String], resolver: ConfigurationResolver) -> Set<String> {
        var configurationByFolder: [String: LintConfiguration?] = [:]
        var loaded: [String: LintConfiguration?] = [:]
        var excluded: Set<String> = []
        for path in paths {
            let folder = (path as NSString).deletingLastPathComponent
            if configurationByFolder[folder] == nil {
                var configuration: LintConfiguration?
                if let configurationPath = resolver.configurationPath(for: path) {
                    if let known = loaded[configurationPath] {
                        configuration = known
                    } else {
                        configuration = try? LintConfiguration.load(path: configurationPath)
                        loaded[configurationPath] = .some(configuration)
                    }
                }
                configurationByFolder[folder] = .some(configuration)
            }
            if let configuration = configurationByFolder[folder] ?? nil, configuration.isExcluded(path) { excluded.insert(path) }
        }
        return excluded
    }
}
