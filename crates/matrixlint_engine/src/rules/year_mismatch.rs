//! `year-mismatch`: An entry's year more than one year from the registry's dates (from `matrixlint evidence`).

declare_rule! {
    /// ## What it does
    /// Reported by `matrixlint evidence`: the entry's year differs by more
    /// than one from every date the registries hold for the work (Crossref's
    /// issued, online and print dates, PubMed's publication year). A year
    /// off by one is left alone: online-first and print years differ by
    /// one. The finding says which dates were compared.
    ///
    /// ## Why is this bad?
    /// A wrong year makes the entry hard to find and may mean the identifier
    /// points at another work.
    ///
    /// ## Example
    /// ```yaml
    /// year: 2014
    /// doi: "10.5555/issued-2012"
    /// ```
    /// Use instead the year of publication, or the right DOI.
    name: "year-mismatch", code: "ML505", severity: Warning, fixable: false,
    summary: "An entry's year more than one year from the registry's dates (from `matrixlint evidence`).",
    check: None,
}
