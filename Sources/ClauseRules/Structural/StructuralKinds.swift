extension RuleKindRegistry {
    /// Structural rule kinds (defined terms, cross-references, numbering, …), one file each in
    /// this folder; add one line per kind here.
    static let structural: [RuleKindEntry] = [
        ConflictingTermsKind.entry,
        CrossReferenceKind.entry,
        DefinedTermsKind.entry,
        NumberingKind.entry,
        PartyNamesKind.entry,
    ]
}
