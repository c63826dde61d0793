import ClauseModel

/// The JSON shapes of the model, shared by the json, jsonl and sarif formats (docs/output.md).
/// Every documented key is always present (`null` when absent), so consumers never probe.
enum ModelJSON {
    static func span(_ span: SourceSpan) -> JSONValue {
        // Members are listed in sorted key order so the writer need not sort them.
        .object([
            ("endColumn", .int(span.endColumn)),
            ("endLine", .int(span.endLine)),
            ("endOffset", .int(span.endOffset)),
            ("startColumn", .int(span.startColumn)),
            ("startLine", .int(span.startLine)),
            ("startOffset", .int(span.startOffset)),
        ])
    }

    static func clause(_ clause: ClauseSummary) -> JSONValue {
        .object([
            ("categories", .strings(clause.categories)),
            ("heading", .optional(clause.heading)),
            ("id", .string(clause.id)),
            ("kind", .string(clause.kind.rawValue)),
            ("number", .optional(clause.number)),
            ("span", span(clause.span)),
        ])
    }

    static func finding(_ finding: Finding) -> JSONValue {
        .object(findingMembers(finding))
    }

    static func findingMembers(_ finding: Finding) -> [(String, JSONValue)] {
        [
            ("clause", finding.clause.map(clause) ?? .null),
            ("disputeIds", .strings(finding.disputeIDs)),
            ("documentLevel", .bool(finding.isDocumentLevel)),
            ("fingerprint", .string(finding.fingerprint)),
            ("matchedText", .string(finding.matchedText)),
            ("message", .string(finding.message)),
            ("path", .string(finding.path)),
            ("relatedLocations", .array(finding.relatedLocations.map(related))),
            ("ruleId", .string(finding.ruleID)),
            ("severity", .string(finding.severity.rawValue)),
            ("span", span(finding.span)),
            ("suggestion", .optional(finding.suggestion)),
            ("suppressed", .bool(finding.suppression != nil)),
            ("suppression", finding.suppression.map(suppression) ?? .null),
        ]
    }

    static func related(_ location: RelatedLocation) -> JSONValue {
        .object([
            ("path", .string(location.path)),
            ("span", span(location.span)),
            ("message", .string(location.message)),
            ("clauseId", .optional(location.clauseID)),
        ])
    }

    static func suppression(_ suppression: Suppression) -> JSONValue {
        .object([("kind", .string(suppression.kind)), ("justification", .optional(suppression.justification))])
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object(diagnosticMembers(diagnostic))
    }

    static func diagnosticMembers(_ diagnostic: Diagnostic) -> [(String, JSONValue)] {
        [
            ("path", .string(diagnostic.path)),
            ("line", .int(diagnostic.line)),
            ("column", .int(diagnostic.column)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
        ]
    }

    static func dispute(_ entry: OpenDispute) -> JSONValue {
        .object(disputeMembers(entry))
    }

    static func disputeMembers(_ entry: OpenDispute) -> [(String, JSONValue)] {
        let dispute = entry.dispute
        return [
            ("id", .string(dispute.id)),
            ("title", .string(dispute.title)),
            ("status", .string(dispute.status)),
            ("customer", .optional(dispute.customer)),
            ("opened", .optional(dispute.opened)),
            ("url", .optional(dispute.url)),
            ("extra", .object(dispute.extra.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("warnings", .strings(dispute.warnings)),
            ("clauses", .array(entry.clauses.map { linked in
                .object([
                    ("path", .string(linked.link.path)),
                    ("clause", clause(linked.link.clause)),
                    ("score", .double(linked.link.score)),
                    ("reasons", .strings(linked.link.reasons)),
                    ("findings", .array(linked.findings.map(finding))),
                ])
            })),
            ("otherFindings", .array(entry.otherFindings.map(finding))),
        ]
    }

    static func summary(_ summary: RunSummary) -> JSONValue {
        .object([
            ("files", .int(summary.files)),
            ("failedFiles", .int(summary.failedFiles)),
            ("clauses", .int(summary.clauses)),
            ("findings", .int(summary.totalFindings)),
            ("bySeverity", .object(Severity.allCases.map { ($0.rawValue, .int(summary.count($0))) })),
            ("byRule", .object(summary.findingsByRule.map { ($0.key, .int($0.value)) })),
            ("suppressed", .int(summary.suppressed)),
            ("inputErrors", .int(summary.inputErrors)),
            ("inputWarnings", .int(summary.inputWarnings)),
            ("topFiles", .array(summary.topFiles.map { .object([("path", .string($0.path)), ("findings", .int($0.findings))]) })),
        ])
    }
}
