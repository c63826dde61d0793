/// `kind: contested-section` — flags clauses linked to an open dispute (`lint --disputes FILE`).
///
/// Declared here so every rule folder loads (and `explain`, configuration and severity
/// overrides work) without a register; the findings need the dispute register, which the rules
/// stage does not have, so they are made by `ClauseDisputes.DisputeLinker` after linting. Its
/// rule examples are checked against a register by the disputes tests.
enum ContestedSectionKind {
    static let entry = RuleKindEntry(
        name: "contested-section",
        summary: "Flags every clause linked to an open dispute of the register given with `lint --disputes FILE` (findings made by the disputes stage).",
        parameters: [],
        findingsMadeOutsideLinter: true,
        compile: { _, _ in [] }
    )
}
