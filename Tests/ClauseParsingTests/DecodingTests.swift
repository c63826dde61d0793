import ClauseModel
import Foundation
import Testing
@testable import ClauseParsing

@Suite struct DecodingTests {
    func decode(_ bytes: [UInt8]) throws -> DecodedText {
        try TextDecoding.decode(bytes, path: "contract.txt").get()
    }

    @Test func plainUTF8IsKeptAsIs() throws {
        let decoded = try decode(Array("1. Fees – “Net 30”\n".utf8))
        #expect(decoded.text == "1. Fees – “Net 30”\n")
        #expect(decoded.encoding == .utf8)
        #expect(decoded.warnings.isEmpty)
    }

    @Test func utf8ByteOrderMarkIsDropped() throws {
        let decoded = try decode([0xEF, 0xBB, 0xBF] + Array("§ 1 Term\n".utf8))
        #expect(decoded.text == "§ 1 Term\n")
        #expect(decoded.encoding == .utf8WithBOM)
    }

    @Test func utf16LittleAndBigEndianWithBOM() throws {
        let text = "1. Refunds “in full”\r\n2. Fees €5 𝄞\r\n"
        let units = Array(text.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let expected = "1. Refunds “in full”\n2. Fees €5 𝄞\n"
        #expect(try decode(little).text == expected)
        #expect(try decode(little).encoding == .utf16LittleEndian)
        #expect(try decode(big).text == expected)
        #expect(try decode(big).encoding == .utf16BigEndian)
    }

    @Test func crlfAndLoneCRBecomeLineFeeds() throws {
        #expect(try decode(Array("a\r\nb\rc\n\r\nd".utf8)).text == "a\nb\nc\n\nd")
    }

    @Test func windows1252FallsBackWithWarningAtFirstBadByte() throws {
        // “Refund” and an en dash in Windows-1252, on the second line after a UTF-8-looking first line.
        let bytes: [UInt8] = Array("1. Fees\n2. The ".utf8) + [0x93] + Array("Refund".utf8) + [0x94] + Array(" policy ".utf8) + [0x96] + Array(" 30 days\r\n".utf8)
        let decoded = try decode(bytes)
        #expect(decoded.text == "1. Fees\n2. The “Refund” policy – 30 days\n")
        #expect(decoded.encoding == .windows1252)
        #expect(decoded.warnings.count == 1)
        let warning = try #require(decoded.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.description == "contract.txt:2:8: warning: not valid UTF-8 (byte 0x93); decoded as Windows-1252")
    }

    @Test func binaryContentIsAnError() {
        let pdfLike: [UInt8] = Array("%PDF-1.7\n".utf8) + [0x00, 0x01, 0x02, 0xFF]
        guard case .failure(let diagnostic) = TextDecoding.decode(pdfLike, path: "scan.txt") else {
            Issue.record("binary accepted"); return
        }
        #expect(diagnostic.description == "scan.txt:1:1: error: binary content (NUL byte at offset 9); clauselint reads text, Markdown, XML and HTML contracts")
        let controls = [UInt8](repeating: 0x01, count: 100) + Array("text".utf8)
        guard case .failure(let second) = TextDecoding.decode(controls, path: "x.txt") else {
            Issue.record("control bytes accepted"); return
        }
        #expect(second.message.hasPrefix("binary content (96% control bytes"))
    }

    @Test func emptyFileIsAnEmptyDocument() throws {
        let decoded = try decode([])
        #expect(decoded.text == "")
        let document = try DocumentLoader().parse(bytes: [], path: "empty.md", format: .markdown).get()
        #expect(document.clauses.isEmpty)
        #expect(ClauseTreeInvariants.violations(in: document).isEmpty)
        for format in DocumentFormat.allCases where format != .xml {
            let parsed = try DocumentLoader().parse(bytes: [], path: "empty", format: format).get()
            #expect(parsed.clauses.isEmpty)
        }
    }

    @Test func loaderKeepsWarningsAndNormalisedText() throws {
        let bytes: [UInt8] = Array("## 1. Fees\r\n\r\nThe ".utf8) + [0x93] + Array("Fee".utf8) + [0x94] + Array(" is due.\r\n".utf8)
        let document = try DocumentLoader().parse(bytes: bytes, path: "fees.md", format: .markdown).get()
        #expect(document.text == "## 1. Fees\n\nThe “Fee” is due.\n")
        #expect(document.warnings.map(\.description) == ["fees.md:3:5: warning: not valid UTF-8 (byte 0x93); decoded as Windows-1252"])
        #expect(document.clauses.map(\.id) == ["1"])
    }
}

@Suite struct LoaderPlainTextTests {
    @Test func plainTextGoesThroughThePlainTextParserWithDecodingWarnings() throws {
        // UTF-16 LE with CRLF and a Windows-1252-free body; then a Windows-1252 file.
        let text = "SERVICES AGREEMENT\r\n\r\n1. Services. Provider shall provide the Services.\r\n\r\n2. Fees. Customer shall pay the Fees.\r\n\r\n3. Term. One year.\r\n"
        let utf16: [UInt8] = [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let document = try DocumentLoader().parse(bytes: utf16, path: "a.txt", format: .plainText).get()
        #expect(document.format == .plainText)
        #expect(!document.text.contains("\r"))
        #expect(document.clauses.filter { $0.number != nil }.map(\.id) == ["1", "2", "3"])
        #expect(ClauseTreeInvariants.violations(in: document) == [])

        let latin: [UInt8] = Array("1. Fees. The ".utf8) + [0x93] + Array("Fee".utf8) + [0x94] + Array(" is due.\n2. Term. One year.\n3. Law. English law.\n".utf8)
        let second = try DocumentLoader().parse(bytes: latin, path: "b.txt", format: .plainText).get()
        #expect(second.warnings.map(\.description) == ["b.txt:1:14: warning: not valid UTF-8 (byte 0x93); decoded as Windows-1252"])
        #expect(second.text.hasPrefix("1. Fees. The “Fee” is due."))
    }
}
