import ClauseModel
import Foundation
import Testing
@testable import ClauseDisputes

/// Dispute registers in YAML, JSON and CSV: fields, unknown fields, per-dispute errors and
/// malformed files at their exact line.
@Suite struct RegisterTests {
    static func load(_ name: String) throws -> DisputeRegister {
        try DisputeRegister.load(path: repositoryPath("Fixtures/disputes/\(name)"))
    }

    @Test func yamlRegisterReadsEveryField() throws {
        let register = try Self.load("register.yml")
        #expect(register.disputes.map(\.id) == ["D-101", "D-102", "D-103", "D-104", "D-105", "D-106", "D-108"])
        let first = register.disputes[0]
        #expect(first.title == "Charged again after cancelling")
        #expect(first.description == "Customer cancelled the subscription in March from the settings page but was charged again in April and wants the money back.")
        #expect(first.status == .open)
        #expect(first.contract == "cloud-services-agreement")
        #expect(first.customer == "Tailspin Toys")
        #expect(first.opened == "2026-04-03")
        #expect(first.url == "https://helpdesk.example/tickets/101")
        #expect(first.extra == ["priority": "high", "channel": "email"])
        #expect(first.line == 3)
        #expect(register.disputes[1].clauses == ["4.2"])
        #expect(register.disputes[2].status == .resolved)
        #expect(register.disputes[5].clauses == ["Section 14", "10.1"])
    }

    @Test func emptyDescriptionWithoutReferencesIsAnErrorForThatDisputeOnly() throws {
        let register = try Self.load("register.yml")
        #expect(register.problems.map(\.description) == [
            "\(repositoryPath("Fixtures/disputes/register.yml")):51:5: error: dispute D-107 has an empty description and no clause references: nothing to locate; it is left out",
        ])
        let csv = try Self.load("register.csv")
        #expect(csv.problems.map(\.line) == [10])
        #expect(csv.problems.first?.message.contains("D-107") == true)
    }

    @Test func csvAndJsonRegistersSayTheSameAsYaml() throws {
        let yaml = try Self.load("register.yml")
        for name in ["register.csv", "register.json"] {
            let other = try Self.load(name)
            #expect(other.disputes.count == yaml.disputes.count, "\(name)")
            for (left, right) in zip(yaml.disputes, other.disputes) {
                var right = right
                right.line = left.line
                // YAML folds the description's line break; CSV keeps it.
                right.description = right.description.replacingOccurrences(of: "\n", with: " ")
                #expect(left == right, "\(name): \(left.id)")
            }
            #expect(other.problems.count == 1, "\(name)")
        }
        // CSV lines count the line break inside the quoted description of D-101.
        let csv = try Self.load("register.csv")
        #expect(csv.disputes.map(\.line) == [2, 4, 5, 6, 7, 8, 9])
    }

    @Test func malformedYamlIsAnErrorAtItsLine() throws {
        let path = try temporaryFile("disputes:\n  - id: D-1\n    description: fine\n  - id: D-2\n   description: [unclosed\n", extension: "yml")
        #expect {
            try DisputeRegister.load(path: path)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.path == path && diagnostic.line == 5 && diagnostic.severity == .error && diagnostic.description.hasPrefix("\(path):5:")
        }
    }

    @Test func malformedJsonIsAnErrorAtItsLine() throws {
        let path = try temporaryFile("{\"disputes\": [\n  {\"id\": \"D-1\", \"description\": \"a\"},\n  {\"id\": \"D-2\" \"description\": \"b\"}\n]}\n", extension: "json")
        #expect {
            try DisputeRegister.load(path: path)
        } throws: { error in
            (error as? Diagnostic)?.line == 3
        }
    }

    @Test func malformedCsvIsAnErrorAtItsLine() throws {
        // A stray character after a closing quote, on the third line.
        let stray = try temporaryFile("id,title,description\nD-1,One,\"fine\"\nD-2,Two,\"bad\"x\nD-3,Three,ok\n", extension: "csv")
        #expect {
            try DisputeRegister.load(path: stray)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.line == 3 && diagnostic.message.hasPrefix("malformed CSV")
        }
        // A quote that is never closed, opened on line 3.
        let unclosed = try temporaryFile("id,title,description\nD-1,One,fine\nD-2,Two,\"never closed\nD-3,Three,ok\n", extension: "csv")
        #expect {
            try DisputeRegister.load(path: unclosed)
        } throws: { error in
            (error as? Diagnostic)?.line == 3
        }
        // Too many fields on line 4 (the quoted line break on line 2 counts).
        let wide = try temporaryFile("id,title,description\nD-1,One,\"two\nlines\"\nD-2,Two,b,extra\n", extension: "csv")
        #expect {
            try DisputeRegister.load(path: wide)
        } throws: { error in
            (error as? Diagnostic)?.line == 4
        }
        // No id column.
        let noID = try temporaryFile("title,description\nOne,fine\n", extension: "csv")
        #expect(throws: Diagnostic.self) { try DisputeRegister.load(path: noID) }
    }

    @Test func badStatusAndDuplicateIDsAreErrorsForThoseDisputes() throws {
        let path = try temporaryFile("""
        - id: D-1
          description: first
          status: pending
        - id: D-2
          description: second
        - id: D-2
          description: again
        - description: no id
        """, extension: "yaml")
        let register = try DisputeRegister.load(path: path)
        #expect(register.disputes.map(\.id) == ["D-2"])
        #expect(register.problems.map(\.line) == [3, 6, 8])
        #expect(register.problems[0].message == "dispute D-1: status 'pending' is not open, resolved or closed; the dispute is left out")
    }

    @Test func unknownFormatAndMissingFileAreErrors() throws {
        #expect(throws: Diagnostic.self) { try DisputeRegister.load(path: "/nonexistent/disputes.yml") }
        let path = try temporaryFile("id\n", extension: "xlsx")
        #expect(throws: Diagnostic.self) { try DisputeRegister.load(path: path) }
    }
}
