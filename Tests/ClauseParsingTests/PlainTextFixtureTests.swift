import ClauseModel
import ClauseParsing
import Foundation
import Testing

/// Each plain-text fixture contract against its golden outline (`Fixtures/text/<name>.outline`).
/// To regenerate after an intended change: `CLAUSELINT_UPDATE_GOLDEN=1 swift test --filter
/// PlainTextFixtureTests`, then read every changed line before committing.
@Suite struct PlainTextFixtureTests {
    static let fixtures = [
        "customer-services-agreement",
        "equipment-lease-no-disputes",
        "master-supply-deep-nesting",
        "software-license-pdf-export",
    ]

    @Test(arguments: fixtures)
    func outlineMatchesGolden(_ name: String) throws {
        let folder = PlainTextTestSupport.repositoryRoot.appendingPathComponent("Fixtures/text")
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).txt"), encoding: .utf8)
        let document = PlainTextTestSupport.parse(text, path: "Fixtures/text/\(name).txt")
        #expect(ClauseTreeInvariants.violations(in: document) == [])
        let dump = PlainTextTestSupport.dump(document)
        let goldenURL = folder.appendingPathComponent("\(name).outline")
        if ProcessInfo.processInfo.environment["CLAUSELINT_UPDATE_GOLDEN"] == "1" {
            try dump.write(to: goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(dump == golden, "outline of \(name) differs from \(goldenURL.path)")
    }
}
