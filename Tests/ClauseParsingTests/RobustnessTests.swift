import ClauseModel
import Foundation
import Testing
@testable import ClauseParsing

/// Broken input never crashes a parser and never breaks the tree invariants: every fixture,
/// cut at many points, read as every format; and pseudo-random bytes.
@Suite struct RobustnessTests {
    static let fixtures: [String] = ["markdown", "xml", "html"].flatMap { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: FormatTestSupport.fixture(folder))) ?? []).sorted().map { "\(folder)/\($0)" }
    }

    @Test(arguments: fixtures)
    func truncatedFixturesInEveryFormat(_ fixture: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FormatTestSupport.fixture(fixture))))
        let cuts = stride(from: 0, through: bytes.count, by: max(1, bytes.count / 40)).map { $0 } + [bytes.count]
        for cut in cuts {
            for format in DocumentFormat.allCases where format != .plainText {
                switch DocumentLoader().parse(bytes: Array(bytes[..<cut]), path: fixture, format: format) {
                case .success(let document):
                    #expect(ClauseTreeInvariants.violations(in: document) == [], "\(fixture) cut at \(cut) as \(format)")
                case .failure(let diagnostic):
                    #expect(diagnostic.line >= 1 && diagnostic.column >= 1)
                    #expect(format == .xml, "only XML may be rejected: \(diagnostic)")
                }
            }
        }
    }

    @Test func pseudoRandomMarkupNeverCrashes() {
        #expect(Self.fixtures.count >= 12)
        var generator = SplitMix(seed: 42)
        let alphabet = Array("<>/!?-[]()*#&;:.\"'= \n\tab1(i)§“”éArticle Section ".utf8)
        for round in 0..<300 {
            let length = Int(generator.next() % 400)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            for format in DocumentFormat.allCases where format != .plainText {
                if case .success(let document) = DocumentLoader().parse(bytes: bytes, path: "r\(round)", format: format) {
                    #expect(ClauseTreeInvariants.violations(in: document) == [], "round \(round) \(format): \(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
