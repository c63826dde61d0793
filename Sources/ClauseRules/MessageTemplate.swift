/// A message with `{name}` placeholders, split once when the rule is compiled so that filling
/// it per finding is plain concatenation (StringProcessing's `replacing` showed up in profiles).
public struct MessageTemplate: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        case placeholder(String)
    }

    private let parts: [Part]

    public init(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty && name.allSatisfy({ $0.isLetter }) {
                if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
                parts.append(.placeholder(String(name)))
            } else {
                parts.append(.text(String(rest[...close])))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The message with each placeholder replaced by its value (unknown ones are kept as written).
    public func render(_ values: KeyValuePairs<String, String>) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .placeholder(let name):
                if let value = values.first(where: { $0.key == name })?.value { result += value } else { result += "{\(name)}" }
            }
        }
        return result
    }
}
