import ClauseModel
import Foundation

/// `kind: pattern` — a regular expression, compiled once per rule.
///
/// Regular expressions are slow next to the byte scanners, so a rule names `prefilter`
/// phrases (case-insensitive, whole-word where they begin or end with a letter) of which every
/// match contains one; the expression then runs only around those phrases (up to 200 bytes
/// either side, within the line), so a match must lie within that window. The prefilters
/// of all pattern rules are found in a single pass. Without a prefilter a rule's expression
/// runs once over the whole text.
enum PatternKind {
    static let entry = RuleKindEntry(
        name: "pattern",
        summary: "Flags text matching a regular expression (ICU syntax), compiled once and run only near its prefilter phrases.",
        parameters: [
            ("pattern", "The regular expression. A bad expression is reported at its line."),
            ("case_sensitive", "Match case exactly (default false)."),
            ("prefilter", "Phrases (case-insensitive) of which every match contains one; the expression runs only within 200 bytes of them, on their line."),
            ("message", "Message template; `{match}` is the matched text."),
        ],
        compile: { rules, _ in [try PatternChecks(rules: rules.map { try PatternCheck(rule: $0) })] }
    )
}

/// NSRegularExpression is immutable and documented as safe to share between threads.
struct SharedRegex: @unchecked Sendable {
    let regex: NSRegularExpression
}

/// All pattern rules: one pass finds every rule's prefilter phrases, then each rule's
/// expression runs on its candidate lines.
struct PatternChecks: RuleCheck {
    let checks: [PatternCheck]
    let prefilter: PhrasePatternSet
    let scanPatterns: [(text: String, owner: Int)]

    init(rules: [PatternCheck]) throws {
        checks = rules
        var patterns: [(text: String, owner: Int)] = []
        for (index, check) in rules.enumerated() {
            for literal in check.prefilters { patterns.append((literal, index)) }
        }
        scanPatterns = patterns
        prefilter = try PhrasePatternSet(patterns: patterns, maxGap: 0)
    }

    /// How far around a prefilter hit the expression looks (bytes, within the hit's line).
    static let window = 200

    func findings(in context: RuleContext) -> [Finding] {
        findings(in: context, scan: prefilter.matches(in: context.bytes))
    }

    func findings(in context: RuleContext, scan: [PhrasePatternSet.Match]) -> [Finding] {
        var windowsPerRule = [[Range<Int>]](repeating: [], count: checks.count)
        let lines = context.document.lines
        let window = Self.window
        for match in scan {
            let lineRange = lines.lineRange(lines.line(at: match.range.lowerBound))
            let region = max(lineRange.lowerBound, match.range.lowerBound - window)..<max(match.range.upperBound, min(lineRange.upperBound, match.range.upperBound + window))
            if let last = windowsPerRule[match.owner].last, last.upperBound >= region.lowerBound {
                windowsPerRule[match.owner][windowsPerRule[match.owner].count - 1] = last.lowerBound..<max(last.upperBound, region.upperBound)
            } else {
                windowsPerRule[match.owner].append(region)
            }
        }
        var findings: [Finding] = []
        for (index, check) in checks.enumerated() {
            let regions = check.prefilters.isEmpty ? [0..<context.bytes.count] : windowsPerRule[index]
            findings += check.findings(in: context, regions: regions)
        }
        // Overlapping windows can find a match twice.
        var seen = Set<String>()
        return findings.filter { seen.insert("\($0.ruleID)\u{1F}\($0.span.startOffset)\u{1F}\($0.span.endOffset)").inserted }
    }
}

struct PatternCheck: Sendable {
    let rule: Rule
    let regex: SharedRegex
    let prefilters: [String]
    let message: MessageTemplate

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
        prefilters = try rule.parameter("prefilter")?.stringList("prefilter") ?? []
        for literal in prefilters {
            do { try PhrasePatternSet.validate(literal) } catch {
                throw (rule.parameter("prefilter") ?? patternValue).error("bad prefilter '\(literal)' in rule '\(rule.id)': \(error.description)")
            }
        }
        message = MessageTemplate(try rule.parameter("message")?.string("message") ?? rule.summary)
    }

    func findings(in context: RuleContext, regions: [Range<Int>]) -> [Finding] {
        let bytes = context.bytes
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
                findings.append(context.finding(rule: rule, range: start..<end, message: message.render(["match": matched])))
            }
        }
        return findings
    }
}

enum ByteSearch {
    /// Every (case-sensitive) occurrence of `needle`: `memchr` (vectorised in the C library)
    /// finds candidates for the first byte, which are then compared.
    static func occurrences(of needle: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard let first = needle.first, bytes.count >= needle.count else { return [] }
        var result: [Int] = []
        bytes.withUnsafeBufferPointer { haystack in
            guard let base = haystack.baseAddress else { return }
            var offset = 0
            let last = haystack.count - needle.count
            while offset <= last, let found = memchr(base + offset, Int32(first), last - offset + 1) {
                let position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                var matched = true
                for index in 1..<needle.count where haystack[position + index] != needle[index] {
                    matched = false
                    break
                }
                if matched { result.append(position) }
                offset = position + 1
            }
        }
        return result
    }
}
