import ClauseModel

/// The encoding a file's bytes were read as.
public enum SourceEncoding: String, Sendable, Codable {
    case utf8 = "utf-8"
    case utf8WithBOM = "utf-8-bom"
    case utf16LittleEndian = "utf-16le"
    case utf16BigEndian = "utf-16be"
    case windows1252 = "windows-1252"
}

/// Decoded text ready for a parser: UTF-8 bytes with line endings normalised to `\n`.
public struct DecodedText: Sendable {
    /// The decoded text as UTF-8 bytes (what `LineIndex` and the parsers work on).
    public var bytes: [UInt8]
    public var encoding: SourceEncoding
    /// Problems that did not stop decoding (the Windows-1252 fallback, unpaired UTF-16 surrogates).
    public var warnings: [Diagnostic]

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Turns a file's raw bytes into normalised UTF-8 text, or explains why it cannot.
///
/// Contracts arrive from Word, PDF extractors and mail systems: UTF-8 with or without a BOM,
/// UTF-16 with a BOM, CRLF or old Mac CR line endings, and Windows-1252 bytes that are not UTF-8.
/// Hand-written rather than Foundation's `String(data:encoding:)` because we need the first bad
/// byte's position for the warning, one validation pass on the fast path, and no guessing.
public enum TextDecoding {
    /// How many leading bytes the binary check looks at.
    static let binaryProbeLength = 8192

    public static func decode(_ raw: [UInt8], path: String) -> Result<DecodedText, Diagnostic> {
        if raw.starts(with: [0xFF, 0xFE]) {
            if raw.count >= 4 && raw[2] == 0 && raw[3] == 0 {
                return .failure(Diagnostic(path: path, message: "binary content: UTF-32 is not supported; save the contract as UTF-8"))
            }
            return decodeUTF16(raw, from: 2, littleEndian: true, path: path)
        }
        if raw.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(raw, from: 2, littleEndian: false, path: path)
        }
        let hasBOM = raw.starts(with: [0xEF, 0xBB, 0xBF])
        let start = hasBOM ? 3 : 0
        if let reason = binaryReason(raw, from: start) {
            return .failure(Diagnostic(path: path, message: "binary content (\(reason)); clauselint reads text, Markdown, XML and HTML contracts"))
        }
        if let firstBad = firstInvalidUTF8(raw, from: start) {
            return .success(decodeWindows1252(raw, from: start, firstBad: firstBad, path: path))
        }
        return .success(DecodedText(bytes: normalisingLineEndings(raw, from: start), encoding: hasBOM ? .utf8WithBOM : .utf8, warnings: []))
    }

    /// Why the bytes look like a binary file rather than text, or nil.
    static func binaryReason(_ raw: [UInt8], from start: Int) -> String? {
        let end = min(raw.count, start + binaryProbeLength)
        guard start < end else { return nil }
        var controls = 0
        for index in start..<end {
            let byte = raw[index]
            if byte == 0 { return "NUL byte at offset \(index)" }
            // Control bytes other than tab, line feed, form feed, carriage return and escape.
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D && byte != 0x1B { controls += 1 }
        }
        let share = Double(controls) / Double(end - start)
        if controls >= 8 && share > 0.05 {
            return "\(Int((share * 100).rounded()))% control bytes in the first \(end - start) bytes"
        }
        return nil
    }

    /// Index of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let count = buffer.count
            var index = start
            let raw = UnsafeRawBufferPointer(buffer)
            while index < count {
                // ASCII fast path: eight bytes at a time while none has its high bit set.
                while index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < count else { break }
                let lead = buffer[index]
                if lead < 0x80 { index += 1; continue }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return index
                }
                if index + length > count { return index }
                let second = buffer[index + 1]
                if second < lower || second > upper { return index }
                var offset = 2
                while offset < length {
                    if buffer[index + offset] & 0xC0 != 0x80 { return index }
                    offset += 1
                }
                index += length
            }
            return nil
        }
    }

    /// Copies `bytes[start...]`, turning CRLF and lone CR into LF. Returns the bytes untouched
    /// (no copy beyond dropping a BOM) when there is no CR.
    static func normalisingLineEndings(_ bytes: [UInt8], from start: Int) -> [UInt8] {
        guard let firstCR = bytes[start...].firstIndex(of: 0x0D) else {
            return start == 0 ? bytes : Array(bytes[start...])
        }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count - start)
        output.append(contentsOf: bytes[start..<firstCR])
        var index = firstCR
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0D {
                output.append(0x0A)
                if index + 1 < count && bytes[index + 1] == 0x0A { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    static func decodeUTF16(_ raw: [UInt8], from start: Int, littleEndian: Bool, path: String) -> Result<DecodedText, Diagnostic> {
        var units = [UInt16]()
        units.reserveCapacity((raw.count - start) / 2)
        var index = start
        while index + 1 < raw.count {
            let first = UInt16(raw[index])
            let second = UInt16(raw[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var warnings: [Diagnostic] = []
        var output = [UInt8]()
        output.reserveCapacity(units.count)
        var sawCR = false
        var badUnitOffset: Int?
        var unitIndex = 0
        func appendScalar(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            if value == 0x0D { output.append(0x0A); sawCR = true; return }
            if value == 0x0A && sawCR { sawCR = false; return }
            sawCR = false
            output.append(contentsOf: UTF8.encode(scalar)!)
        }
        while unitIndex < units.count {
            let unit = units[unitIndex]
            if UTF16.isLeadSurrogate(unit), unitIndex + 1 < units.count, UTF16.isTrailSurrogate(units[unitIndex + 1]) {
                let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[unitIndex + 1]) - 0xDC00)
                appendScalar(Unicode.Scalar(value)!)
                unitIndex += 2
                continue
            }
            if let scalar = Unicode.Scalar(unit) {
                if scalar.value == 0 {
                    return .failure(Diagnostic(path: path, message: "binary content (NUL character in UTF-16 text at offset \(start + unitIndex * 2))"))
                }
                appendScalar(scalar)
            } else {
                if badUnitOffset == nil { badUnitOffset = output.count }
                appendScalar("\u{FFFD}")
            }
            unitIndex += 1
        }
        if let badUnitOffset {
            let position = LineIndex(bytes: output).position(at: badUnitOffset)
            warnings.append(Diagnostic(path: path, line: position.line, column: position.column, severity: .warning,
                                       message: "unpaired UTF-16 surrogate replaced by U+FFFD"))
        }
        if (raw.count - start) % 2 == 1 {
            let position = LineIndex(bytes: output).position(at: output.count)
            warnings.append(Diagnostic(path: path, line: position.line, column: position.column, severity: .warning,
                                       message: "UTF-16 text has an odd number of bytes; the last byte was ignored"))
        }
        return .success(DecodedText(bytes: output, encoding: littleEndian ? .utf16LittleEndian : .utf16BigEndian, warnings: warnings))
    }

    /// Windows-1252 code points for bytes 0x80–0x9F (the five unassigned bytes map to the C1
    /// controls, as the WHATWG encoding standard does).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ raw: [UInt8], from start: Int, firstBad: Int, path: String) -> DecodedText {
        var output = [UInt8]()
        output.reserveCapacity((raw.count - start) + (raw.count - start) / 8)
        var badOutputOffset = 0
        var index = start
        let count = raw.count
        while index < count {
            if index == firstBad { badOutputOffset = output.count }
            let byte = raw[index]
            if byte < 0x80 {
                if byte == 0x0D {
                    output.append(0x0A)
                    if index + 1 < count && raw[index + 1] == 0x0A { index += 1 }
                } else {
                    output.append(byte)
                }
            } else {
                let value = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
                output.append(contentsOf: UTF8.encode(Unicode.Scalar(value)!)!)
            }
            index += 1
        }
        let position = LineIndex(bytes: output).position(at: badOutputOffset)
        let hex = String(raw[firstBad], radix: 16, uppercase: true)
        let warning = Diagnostic(path: path, line: position.line, column: position.column, severity: .warning,
                                 message: "not valid UTF-8 (byte 0x\(hex)); decoded as Windows-1252")
        return DecodedText(bytes: output, encoding: .windows1252, warnings: [warning])
    }
}
