import ArgumentParser
import ClauseModel
import ClauseParsing
import ClauseRules
import Foundation

/// `clauselint terms FILE...`: the defined terms of each contract, where each is defined, how
/// it is defined and how often it is used; plus capitalised phrases used like defined terms that
/// nothing defines. A reviewer's index of the vocabulary the contract relies on.
struct TermsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "List the defined terms of contracts with their locations and use counts.",
        discussion: """
        Definitions found: "Term" means …, (the "Term"), (hereinafter "Term"), quoted or bold terms \
        opening the sub-clauses of a definitions clause, **Term** means … in Markdown. Uses count \
        plural and possessive forms, outside the definition itself. Exit status: 0 on success, 3 when \
        a file could not be read or parsed (the other files are still listed).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Contract files or folders.")
    var paths: [String]

    @Option(help: "text or json.")
    var format: Format = .text

    struct TermEntry: Encodable {
        var term: String
        var form: String
        var line: Int
        var column: Int
        var clause: String?
        var uses: Int
        var firstUseLine: Int?
        /// Other places the same term is defined (lines).
        var redefinedAt: [Int]
    }

    struct UndefinedEntry: Encodable {
        var term: String
        var line: Int
        var column: Int
        var uses: Int
    }

    struct DocumentEntry: Encodable {
        var path: String
        var definitions: [TermEntry]
        var undefined: [UndefinedEntry]
    }

    static func entry(for document: Document) -> DocumentEntry {
        let index = DefinedTermAnalyzer().analyze(document)
        var redefinitions: [String: [Int]] = [:]
        var seen = Set<String>()
        for definition in index.definitions where !seen.insert(definition.term).inserted {
            redefinitions[definition.term, default: []].append(document.lines.line(at: definition.range.lowerBound))
        }
        let definitions = index.uniqueDefinitions.map { definition -> TermEntry in
            let position = document.lines.position(at: definition.range.lowerBound)
            return TermEntry(term: definition.term, form: definition.form.rawValue, line: position.line, column: position.column, clause: definition.clauseID,
                             uses: index.useCounts[definition.term, default: 0],
                             firstUseLine: index.firstUse[definition.term].map { document.lines.line(at: $0.lowerBound) },
                             redefinedAt: redefinitions[definition.term] ?? [])
        }
        let undefined = index.undefined.map { use -> UndefinedEntry in
            let position = document.lines.position(at: use.range.lowerBound)
            return UndefinedEntry(term: use.term, line: position.line, column: position.column, uses: use.count)
        }
        return DocumentEntry(path: document.path, definitions: definitions, undefined: undefined)
    }

    static func text(_ entry: DocumentEntry) -> String {
        var lines: [String] = ["\(entry.path): \(entry.definitions.count) defined term\(entry.definitions.count == 1 ? "" : "s")"]
        let width = min(40, entry.definitions.map { $0.term.count + 2 }.max() ?? 0)
        for term in entry.definitions {
            let quoted = "\"\(term.term)\""
            let padded = quoted.count < width ? quoted + String(repeating: " ", count: width - quoted.count) : quoted
            var line = "  \(padded)  \(entry.path):\(term.line):\(term.column)  \(term.form)"
            if let clause = term.clause { line += "  in \(clause)" }
            line += "  uses: \(term.uses)"
            if term.uses == 0 { line += " (never used)" }
            if !term.redefinedAt.isEmpty { line += "  defined again at line \(term.redefinedAt.map(String.init).joined(separator: ", "))" }
            lines.append(line)
        }
        if !entry.undefined.isEmpty {
            lines.append("  used as defined terms but never defined:")
            for use in entry.undefined {
                lines.append("  \"\(use.term)\"  \(entry.path):\(use.line):\(use.column)  uses: \(use.uses)")
            }
        }
        return lines.joined(separator: "\n")
    }

    func run() throws {
        let (files, walkProblems) = ContractFiles.collect(paths)
        var problems = walkProblems
        var entries: [DocumentEntry] = []
        let output = FileHandle.standardOutput
        var first = true
        for path in files {
            switch DocumentLoader().load(path: path) {
            case .failure(let diagnostic): problems.append(diagnostic)
            case .success(let document):
                let entry = Self.entry(for: document)
                switch format {
                case .text:
                    output.write(Data(((first ? "" : "\n") + Self.text(entry) + "\n").utf8))
                    first = false
                case .json: entries.append(entry)
                }
            }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            output.write(try encoder.encode(entries))
            output.write(Data("\n".utf8))
        }
        for problem in problems {
            FileHandle.standardError.write(Data((problem.description + "\n").utf8))
        }
        if !problems.isEmpty { throw ExitCode(3) }
    }
}
