import ClauseModel

/// The JSON shapes of the model, shared by the json, jsonl and sarif formats (docs/output.md).
/// Every documented key is always present (`null` when absent), so consumers never probe.
enum ModelJSON {
    static func span(_ span: SourceSpan) -> JSONValue {
        .object([
            ("startLine", .int(span.startLine)),
            ("startColumn", .int(span.startColumn)),
            ("endLine", .int(span.endLine)),
            ("endColumn", .int(span.endColumn)),
            ("startOffset", .int(span.startOffset)),
            ("endOffset", .int(span.endOffset)),
        ])
    }

    static func clause(_ clause: ClauseSummary) -> JSONValue {
        .object([
            ("id", .string(clause.id)),
            ("number", .optional(clause.number)),
            ("heading", .optional(clause.heading)),
            ("kind", .string(clause.kind.rawValue)),
            ("categories", .strings(clause.categories)),
            ("span", span(clause.span)),
        ])
    }

    static func finding(_ finding: Finding) -> JSONValue {
        .object(findingMembers(finding))
    }

    static func findingMembers(_ finding: Finding) -> [(String, JSONValue)] {
        [
            ("ruleId", .string(finding.ruleID)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("path", .string(finding.path)),
            ("span", span(finding.span)),
            ("clause", finding.clause.map(clause) ?? .null),
            ("documentLevel", .bool(finding.isDocumentLevel)),
            ("matchedText", .string(finding.matchedText)),
            ("suggestion", .optional(finding.suggestion)),
            ("relatedLocations", .array(finding.relatedLocations.map(related))),
            ("disputeIds", .strings(finding.disputeIDs)),
            ("fingerprint", .string(finding.fingerprint)),
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
