import Testing
import Foundation
import ClauseModel
@testable import ClauseParsing

@Suite struct ScratchDump {
    @Test func dump() throws {
        guard let list = ProcessInfo.processInfo.environment["DUMP"] else { return }
        for path in list.split(separator: ",") {
            let started = Date()
            switch DocumentLoader().load(path: String(path)) {
            case .failure(let diagnostic): print("DIAG \(diagnostic) (\(Date().timeIntervalSince(started))s)")
            case .success(let document):
                print("== \(path) warnings: \(document.warnings)")
                print(FormatTestSupport.outline(document))
                print("violations: \(ClauseTreeInvariants.violations(in: document))")
            }
        }
    }
}
