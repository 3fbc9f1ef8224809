//! `corrected`: A cited work with an erratum or correction (from `matrixlint evidence`).

declare_rule! {
    /// ## What it does
    /// Reported by `matrixlint evidence` as information: a work with an
    /// erratum or correction (Crossref `correction`/`erratum`, PubMed
    /// `ErratumIn`), naming the notice.
    ///
    /// ## Why is this bad?
    /// Usually nothing is wrong, but a correction can change a figure the
    /// annotation quotes.
    ///
    /// ## Example
    /// ```yaml
    /// doi: "10.5555/erratum"   # an erratum in 2013
    /// ```
    /// Check the quoted figures against the correction.
    name: "corrected", code: "ML503", severity: Info, fixable: false,
    summary: "A cited work with an erratum or correction (from `matrixlint evidence`).",
    check: None,
}
