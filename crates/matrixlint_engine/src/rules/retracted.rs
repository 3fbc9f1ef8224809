//! `retracted`: A cited work that was retracted, withdrawn or removed (from `matrixlint evidence`).

declare_rule! {
    /// ## What it does
    /// Reported by `matrixlint evidence`, not by `check` (unless
    /// `evidence.in-check` is on, which shows the last audit's answers): a
    /// work whose registry record says it was retracted, withdrawn or
    /// removed. Crossref's `updated-by` (where Retraction Watch's records
    /// are merged) and `update-to`, and PubMed's `RetractionIn` and the
    /// "Retracted Publication" type, are all read; the finding names the
    /// notice, its DOI or PMID, its date and who reported it. An entry whose
    /// DOI is itself a retraction notice is reported too.
    ///
    /// ## Why is this bad?
    /// A retracted trial's page still loads, and a link checker calls it
    /// fine; readers of the matrix take it for evidence.
    ///
    /// ## Example
    /// ```yaml
    /// doi: "10.5555/retracted-trial"   # retracted in 2020
    /// ```
    /// Remove the entry or say in its annotation that it was retracted, then
    /// suppress the finding with the reason:
    /// `# matrixlint: ignore[retracted] kept to explain the retraction`.
    name: "retracted", code: "ML501", severity: Error, fixable: false,
    summary: "A cited work that was retracted, withdrawn or removed (from `matrixlint evidence`).",
    check: None,
}
