/// A JSON value with keys kept in the order they were written, and its serializer.
///
/// Hand-written rather than `JSONEncoder` because the output is a documented, stable format:
/// we need control over key order (sorted, except where streaming fixes the top level), over
/// layout (two-space pretty printing, or one line for jsonl) and over escaping, identically on
/// every platform; and because the json/sarif writers stream one document at a time, which a
/// Codable tree of the whole run cannot do. It writes straight into UTF-8 bytes.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// Numbers, strings, booleans and null: pretty printing keeps arrays and objects made only of
    /// them on one line (`"span": {"endColumn": 9, …}`), which keeps reports a third of the size.
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// `.string` or `.null`.
    static func optional(_ string: String?) -> JSONValue {
        string.map(JSONValue.string) ?? .null
    }

    static func strings(_ strings: [String]) -> JSONValue {
        .array(strings.map(JSONValue.string))
    }

    /// Serialized text. `indent` is the nesting level the value starts at when `pretty`.
    public func serialized(pretty: Bool, sortedKeys: Bool = true, indent: Int = 0) -> String {
        var writer = JSONByteWriter(pretty: pretty, sortedKeys: sortedKeys)
        writer.write(self, level: indent)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

struct JSONByteWriter {
    let pretty: Bool
    let sortedKeys: Bool
    var bytes: [UInt8] = []

    init(pretty: Bool, sortedKeys: Bool) {
        self.pretty = pretty
        self.sortedKeys = sortedKeys
        bytes.reserveCapacity(1024)
    }

    mutating func write(_ value: JSONValue, level: Int) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): writeInt(number)
        case .double(let number):
            if number.isFinite {
                // Integral doubles print without a fraction so `1.0` and `1` do not differ by platform.
                if number == number.rounded(), abs(number) < 1e15 { append(String(Int(number))) } else { append(String(number)) }
            } else {
                append("null")
            }
        case .string(let string): writeString(string)
        case .array(let items):
            if items.isEmpty { append("[]"); return }
            let inline = pretty && items.allSatisfy(\.isScalar)
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if inline {
                    if index > 0 { bytes.append(0x20) }
                    write(item, level: level + 1)
                    continue
                }
                newline(level + 1)
                write(item, level: level + 1)
            }
            if !inline { newline(level) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { append("{}"); return }
            // Model objects are built with their keys already in order; sort only when they are not.
            let ordered = sortedKeys && !Self.keysAreSorted(members) ? members.sorted { Self.precedes($0.0, $1.0) } : members
            let inline = pretty && members.allSatisfy { $0.1.isScalar }
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in ordered.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if inline {
                    if index > 0 { bytes.append(0x20) }
                } else {
                    newline(level + 1)
                }
                writeString(member.0)
                bytes.append(UInt8(ascii: ":"))
                if pretty { bytes.append(UInt8(ascii: " ")) }
                write(member.1, level: level + 1)
            }
            if !inline { newline(level) }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Key order: String's `<` (code point order of the NFC form; byte order for ASCII keys),
    /// fast for the short ASCII keys of the model.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a < b
    }

    static func keysAreSorted(_ members: [(String, JSONValue)]) -> Bool {
        var index = 1
        while index < members.count {
            if !precedes(members[index - 1].0, members[index].0) { return false }
            index += 1
        }
        return true
    }

    private mutating func writeInt(_ number: Int) {
        if number < 0 {
            guard number != Int.min else { append(String(number)); return }
            bytes.append(UInt8(ascii: "-"))
            writeInt(-number)
            return
        }
        if number < 10 { bytes.append(UInt8(ascii: "0") + UInt8(number)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    private mutating func newline(_ level: Int) {
        guard pretty else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: level * 2))
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var copy = string
        copy.withUTF8 { utf8 in
            // Copy runs of bytes that need no escaping in one go.
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x08: append("\\b")
                case 0x0C: append("\\f")
                default:
                    append("\\u00")
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
