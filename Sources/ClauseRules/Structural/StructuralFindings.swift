import ClauseModel

extension RuleContext {
    /// A finding about a passage with other places that explain it (the first definition of
    /// a term defined twice, the other side of a conflict): SARIF related locations.
    func finding(rule: Rule, range: Range<Int>, message: String, related: [(range: Range<Int>, message: String)]) -> Finding {
        var finding = finding(rule: rule, range: range, message: message)
        finding.relatedLocations = related.map { item in
            RelatedLocation(path: document.path, span: span(item.range), message: item.message,
                            clauseID: document.deepestClause(containing: item.range.lowerBound)?.id)
        }
        return finding
    }

    /// The line and column of an offset, for messages ("defined at line 12").
    func lineColumn(_ offset: Int) -> String {
        let position = position(offset)
        return "line \(position.line)"
    }
}

/// Reads a `check:` parameter that must be one of `allowed`.
func structuralCheckName(_ rule: Rule, allowed: [String]) throws -> String {
    let value = try rule.requiredParameter("check")
    let name = try value.string("check")
    guard allowed.contains(name) else {
        throw value.error("rule '\(rule.id)': check must be one of \(allowed.joined(separator: ", ")), not '\(name)'")
    }
    return name
}
