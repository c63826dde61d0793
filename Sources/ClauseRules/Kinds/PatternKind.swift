import ClauseModel
import Foundation

/// `kind: pattern` — a regular expression, compiled once per rule.
///
/// Regular expressions are slow next to the byte scanners, so a rule names `prefilter`
/// literals (case-insensitive) that every match contains; the expression then runs only on the
/// lines holding one of them. Without a prefilter it runs once over the whole text.
enum PatternKind {
    static let entry = RuleKindEntry(
        name: "pattern",
        summary: "Flags text matching a regular expression (ICU syntax), run only on lines holding one of its prefilter literals.",
        parameters: [
            ("pattern", "The regular expression. A bad expression is reported at its line."),
            ("case_sensitive", "Match case exactly (default false)."),
            ("prefilter", "Literal strings (case-insensitive), one of which every match contains; lines without one are skipped."),
            ("message", "Message template; `{match}` is the matched text."),
        ],
        compile: { rules, _ in try rules.map { try PatternCheck(rule: $0) } }
    )
}

/// NSRegularExpression is immutable and documented as safe to share between threads.
struct SharedRegex: @unchecked Sendable {
    let regex: NSRegularExpression
}

struct PatternCheck: RuleCheck {
    let rule: Rule
    let regex: SharedRegex
    let prefilters: [[UInt8]]
    let message: String

    init(rule: Rule) throws {
        self.rule = rule
        let patternValue = try rule.requiredParameter("pattern")
        let pattern = try patternValue.string("pattern")
        let caseSensitive = try rule.parameter("case_sensitive")?.bool("case_sensitive") ?? false
        do {
            regex = SharedRegex(regex: try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive]))
        } catch {
            throw patternValue.error("invalid regular expression in rule '\(rule.id)': \(pattern)")
        }
        prefilters = try (rule.parameter("prefilter")?.stringList("prefilter") ?? []).map { Array($0.lowercased().utf8) }
        message = try rule.parameter("message")?.string("message") ?? rule.summary
    }

    func findings(in context: RuleContext) -> [Finding] {
        let bytes = context.bytes
        var regions: [Range<Int>] = []
        if prefilters.isEmpty {
            regions = [0..<bytes.count]
        } else {
            var lines = Set<Int>()
            for literal in prefilters {
                for offset in Self.occurrences(of: literal, in: bytes) { lines.insert(context.document.lines.line(at: offset)) }
            }
            regions = lines.sorted().map { context.document.lines.lineRange($0) }
        }
        var findings: [Finding] = []
        for region in regions where !region.isEmpty {
            let text = String(decoding: bytes[region], as: UTF8.self)
            let nsText = text as NSString
            for result in regex.regex.matches(in: text, range: NSRange(location: 0, length: nsText.length)) where result.range.length > 0 {
                guard let range = Range(result.range, in: text) else { continue }
                let start = region.lowerBound + text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                let end = region.lowerBound + text.utf8.distance(from: text.startIndex, to: range.upperBound)
                if context.isNonProse(start) { continue }
                let matched = String(text[range])
                findings.append(context.finding(rule: rule, range: start..<end, message: message.replacing("{match}", with: matched)))
            }
        }
        return findings
    }

    /// Case-insensitive (ASCII) occurrences of a lower-cased literal.
    static func occurrences(of literal: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard let first = literal.first else { return [] }
        var result: [Int] = []
        let count = bytes.count - literal.count
        if count < 0 { return [] }
        bytes.withUnsafeBufferPointer { text in
            var index = 0
            while index <= count {
                if PhraseAutomaton.normalise(text[index]) == first {
                    var matched = true
                    var offset = 1
                    while offset < literal.count {
                        if PhraseAutomaton.normalise(text[index + offset]) != literal[offset] { matched = false; break }
                        offset += 1
                    }
                    if matched { result.append(index) }
                }
                index += 1
            }
        }
        return result
    }
}
