import ClauseModel
@testable import ClauseReporting
import Foundation
import Testing

/// Golden tests: every format rendered from the same synthetic run, compared byte for byte
/// with Tests/ClauseReportingTests/Golden/ (regenerate with UPDATE_GOLDEN=1 and review the diff).
@Suite struct ReporterGoldenTests {
    let run = SyntheticRun()

    @Test func syntheticDocumentsAreValidClauseTrees() {
        #expect(ClauseTreeInvariants.violations(in: run.services) == [])
        #expect(ClauseTreeInvariants.violations(in: run.orderForm) == [])
    }

    @Test(arguments: ReportFormat.allCases)
    func goldenOutput(_ format: ReportFormat) {
        let output = run.render(format)
        let name = "run." + (format == .text ? "txt" : format == .markdown ? "md" : format.rawValue)
        let mismatch = goldenMismatch(output, name)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func goldenColouredText() {
        let output = run.render(.text, useColor: true)
        #expect(output.contains("\u{1B}[1;33mwarning:\u{1B}[0m"))
        let mismatch = goldenMismatch(output, "run.color.txt")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    /// Streaming must not change the output: begin + each document + finish equals the whole,
    /// and each document's part mentions only that document.
    @Test(arguments: ReportFormat.allCases)
    func streamedPartsBelongToTheirDocument(_ format: ReportFormat) {
        var reporter = format.makeReporter()
        var summary = RunSummary()
        var output = reporter.begin(run.context())
        for result in run.results {
            let part = reporter.document(result)
            summary.add(result)
            for other in run.results where other.path != result.path {
                #expect(!part.contains(other.path), "\(format): part for \(result.path) mentions \(other.path)")
            }
            output += part
        }
        summary.disputes = run.disputes
        output += reporter.finish(summary)
        #expect(output == run.render(format))
    }

    @Test func outlineGoldens() throws {
        let text = OutlineRenderer.text([run.services, run.orderForm])
        #expect(goldenMismatch(text, "outline.txt") == nil, "\(goldenMismatch(text, "outline.txt") ?? "")")
        let json = OutlineRenderer.json([run.services, run.orderForm])
        #expect(goldenMismatch(json, "outline.json") == nil, "\(goldenMismatch(json, "outline.json") ?? "")")
    }
}
