import ClauseModel
import Foundation

/// Several problems found while loading rule files; each names its file, line and column.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Every rule, category and contract type from one or more rule folders, validated and
/// compiled, ready for `Linter`.
///
/// A folder holds `categories.yml`, `contract-types.yml` and any number of rule files
/// (`*.yml`/`*.yaml`, in sub-folders too). A rule file holds one rule (a mapping with `id`) or a
/// small family (`rules:` followed by a list of rules).
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public var categories: CategoryCatalog
    public var contractTypes: ContractTypeCatalog
    /// The compiled checks, one or more per rule kind in use.
    public var checks: [any RuleCheck]
    /// The categories' and checks' phrase patterns in one automaton (see `Linter`).
    let sharedScan: SharedScan

    public var descriptors: [RuleDescriptor] { rules.map(\.descriptor) }

    /// The smallest `definedTermsMinimumUses` of the checks, or nil when none reads defined terms.
    var definedTermsMinimumUses: Int? { checks.compactMap(\.definedTermsMinimumUses).min() }

    public func rule(withID id: String) -> Rule? { rules.first { $0.id == id } }

    /// The file names that are catalogs rather than rules.
    public static let categoriesFileName = "categories.yml"
    public static let contractTypesFileName = "contract-types.yml"

    /// Loads and compiles every rule file in `directories` (later folders add rules; a rule id
    /// defined twice is an error). Throws `Diagnostics` listing every problem found, each at
    /// file:line:column.
    public static func load(directories: [String], kinds: [RuleKindEntry] = RuleKindRegistry.builtIn) throws -> RuleSet {
        var problems: [Diagnostic] = []
        var categories: [(ClauseCategory, path: String)] = []
        var types: [ContractType] = []
        var rules: [Rule] = []
        var seenIDs: [String: String] = [:]

        for directory in directories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                problems.append(Diagnostic(path: directory, message: "rule folder not found"))
                continue
            }
            for path in yamlFiles(in: directory) {
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    problems.append(Diagnostic(path: path, message: "cannot read the file as UTF-8"))
                    continue
                }
                let name = (path as NSString).lastPathComponent
                do {
                    if name == categoriesFileName {
                        categories += try CategoryCatalog.load(path: path, text: text).map { ($0, path) }
                    } else if name == contractTypesFileName {
                        types += try ContractTypeCatalog.load(path: path, text: text)
                    } else {
                        for rule in try loadRules(path: path, text: text, kinds: kinds) {
                            if let other = seenIDs[rule.id] {
                                problems.append(Diagnostic(path: path, line: rule.line, column: 1, message: "rule id '\(rule.id)' is already defined in \(other)"))
                                continue
                            }
                            seenIDs[rule.id] = "\(path):\(rule.line)"
                            rules.append(rule)
                        }
                    }
                } catch let diagnostic as Diagnostic {
                    problems.append(diagnostic)
                } catch let many as Diagnostics {
                    problems += many.diagnostics
                }
            }
        }

        var catalog = CategoryCatalog.empty
        var typeCatalog = ContractTypeCatalog.empty
        do {
            try CategoryCatalog.validate(categories)
            catalog = try CategoryCatalog(loadedCategories: categories.map(\.0))
            typeCatalog = try ContractTypeCatalog(types: types)
        } catch let diagnostic as Diagnostic {
            problems.append(diagnostic)
        } catch {
            problems.append(Diagnostic(path: directories.first ?? ".", message: "\(error)"))
        }

        // Compile each kind's rules together.
        let catalogs = RuleCatalogs(categories: catalog, contractTypes: typeCatalog)
        var checks: [any RuleCheck] = []
        for entry in kinds {
            let ofKind = rules.filter { $0.kind == entry.name }
            if ofKind.isEmpty { continue }
            do {
                checks += try entry.compile(ofKind, catalogs)
            } catch let diagnostic as Diagnostic {
                problems.append(diagnostic)
            } catch let many as Diagnostics {
                problems += many.diagnostics
            }
        }
        for rule in rules {
            for type in rule.contractTypes where typeCatalog.type(withID: type) == nil {
                let value = rule.parameter("contract_types")
                problems.append(Diagnostic(path: rule.path, line: value?.line ?? rule.line, column: value?.column ?? 1, message: "rule '\(rule.id)' names an unknown contract type '\(type)' (known: \(typeCatalog.types.map(\.id).joined(separator: ", ")))"))
            }
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        let sharedScan: SharedScan
        do {
            sharedScan = try SharedScan(categories: catalog, checks: checks)
        } catch {
            throw Diagnostics([Diagnostic(path: directories.first ?? ".", message: "cannot combine the rules' phrase patterns: \(error)")])
        }
        return RuleSet(rules: rules, categories: catalog, contractTypes: typeCatalog, checks: checks, sharedScan: sharedScan)
    }

    /// The rule set a configuration asks for: the default folder, the configuration's
    /// `rule_folders` and any `--rules` folders, in that order; then the configuration is
    /// checked against it (unknown rule ids and contract types are errors at their line).
    public static func load(defaultDirectory: String, configuration: LintConfiguration, extraDirectories: [String] = []) throws -> RuleSet {
        let ruleSet = try load(directories: [defaultDirectory] + configuration.ruleFolders + extraDirectories)
        try configuration.validate(against: ruleSet)
        return ruleSet
    }

    /// Parses one rule file (without compiling): checks the common keys and that the kind
    /// exists and every key is known to it.
    static func loadRules(path: String, text: String, kinds: [RuleKindEntry]) throws -> [Rule] {
        let root = try YAMLValue.parse(text, path: path)
        let map = try root.mapping("a rule file")
        var ruleMaps: [YAMLMapping] = []
        if map["rules"] != nil && map["id"] == nil {
            try map.rejectUnknownKeys(allowed: ["rules"], in: "a rule family file")
            for item in try map.required("rules", in: "a rule family file").list("rules") {
                ruleMaps.append(try item.mapping("a rule"))
            }
        } else {
            ruleMaps = [map]
        }
        var result: [Rule] = []
        for ruleMap in ruleMaps {
            let rule = try Rule(mapping: ruleMap)
            guard let entry = kinds.first(where: { $0.name == rule.kind }) else {
                let value = ruleMap["kind"]!
                throw value.error("unknown rule kind '\(rule.kind)' (known kinds: \(kinds.map(\.name).joined(separator: ", ")))")
            }
            try ruleMap.rejectUnknownKeys(allowed: Rule.commonKeys.union(entry.parameterKeys), in: "rule '\(rule.id)' of kind \(rule.kind)")
            result.append(rule)
        }
        return result
    }

    /// `*.yml` and `*.yaml` files under `directory`, sorted so loading is deterministic.
    static func yamlFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") {
                files.append((directory as NSString).appendingPathComponent(relative))
            }
        }
        return files.sorted()
    }
}
