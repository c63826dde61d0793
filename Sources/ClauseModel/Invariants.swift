/// Checks the promises the clause tree makes to every later stage. Tests run it on every
/// document (fixtures and real corpora); it returns readable violations rather than trapping.
public enum ClauseTreeInvariants {
    public static func violations(in document: Document) -> [String] {
        var problems: [String] = []
        let length = document.bytes.count
        var ids = Set<String>()

        func check(_ clauses: [Clause], parent: Clause?, expectedLevel: Int) {
            var previousEnd = parent?.span.startOffset ?? 0
            for clause in clauses {
                let span = clause.span
                if span.startOffset < 0 || span.endOffset > length || span.startOffset > span.endOffset {
                    problems.append("\(clause.id): span \(span.startOffset)..<\(span.endOffset) is outside the text (length \(length))")
                }
                if let parent, !parent.span.contains(span) {
                    problems.append("\(clause.id): not inside its parent \(parent.id)")
                }
                if span.startOffset < previousEnd {
                    problems.append("\(clause.id): overlaps or precedes its previous sibling")
                }
                if clause.level != expectedLevel {
                    problems.append("\(clause.id): level \(clause.level), expected \(expectedLevel)")
                }
                if !ids.insert(clause.id).inserted {
                    problems.append("\(clause.id): duplicate id")
                }
                let recomputed = document.lines.span(span.byteRange)
                if recomputed != span {
                    problems.append("\(clause.id): line/column do not match its offsets")
                }
                previousEnd = span.endOffset
                check(clause.children, parent: clause, expectedLevel: expectedLevel + 1)
            }
        }
        check(document.clauses, parent: nil, expectedLevel: 1)

        // Preamble plus clauses cover every non-blank line (of prose: markup lines are exempt).
        let bytes = document.bytes
        var covered = [Bool](repeating: false, count: document.lines.lineCount + 1)
        for clause in document.clauses where clause.span.length > 0 {
            let first = clause.span.startLine
            var last = clause.span.endLine
            if clause.span.endColumn == 1 && last > first { last -= 1 }
            for line in first...max(first, last) where line < covered.count { covered[line] = true }
        }
        var uncovered: [Int] = []
        for line in 1...document.lines.lineCount where !covered[line] {
            let range = document.lines.lineRange(line)
            let blank = range.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 || bytes[$0] == 0x0D || bytes[$0] == 0x0C }
            if blank { continue }
            if document.nonProseRanges.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) { continue }
            uncovered.append(line)
        }
        if !uncovered.isEmpty {
            problems.append("non-blank lines outside every clause: \(uncovered.prefix(10).map(String.init).joined(separator: ", "))\(uncovered.count > 10 ? ", …" : "")")
        }
        return problems
    }
}
