import Foundation
import Testing

@Suite("clauselint outline")
struct OutlineCommandTests {
    /// The outline is where a reader checks what clauselint understood, so it must carry the
    /// resolved cross-references of the clause model, not an empty list.
    @Test("outline JSON carries each clause's resolved and unresolved cross-references")
    func outlineCarriesReferences() throws {
        let run = try clauselint(["outline", "Fixtures/structure/flawed-services-agreement.txt", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var references: [(clause: String, text: String, targets: [String])] = []
        func walk(_ clause: [String: Any]) {
            for reference in clause["references"] as? [[String: Any]] ?? [] {
                references.append((clause["id"] as? String ?? "", reference["text"] as? String ?? "", reference["targetIDs"] as? [String] ?? []))
            }
            for child in clause["children"] as? [[String: Any]] ?? [] { walk(child) }
        }
        let documents = json["documents"] as? [[String: Any]] ?? [json]
        for document in documents { for clause in document["clauses"] as? [[String: Any]] ?? [] { walk(clause) } }
        #expect(references.contains { $0.clause == "1.1" && $0.text == "Schedule A" && $0.targets == ["schedule-A"] })
        // The fixture's deliberately broken reference stays in the model, resolving to nothing.
        #expect(references.contains { $0.text == "Section 7.4" && $0.targets.isEmpty })
    }
}
