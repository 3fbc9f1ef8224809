//! `expression-of-concern`: A cited work under an expression of concern (from `matrixlint evidence`).

declare_rule! {
    /// ## What it does
    /// Reported by `matrixlint evidence`: a work that its publisher or
    /// PubMed records as the subject of an expression of concern (Crossref
    /// `expression_of_concern`, PubMed `ExpressionOfConcernIn`), with the
    /// notice and its date.
    ///
    /// ## Why is this bad?
    /// An expression of concern warns that the findings may not be
    /// reliable; the entry's annotation should not present them as settled.
    ///
    /// ## Example
    /// ```yaml
    /// doi: "10.5555/concern"   # an expression of concern in 2021
    /// ```
    /// Read the notice, then revise the annotation or remove the entry.
    name: "expression-of-concern", code: "ML502", severity: Warning, fixable: false,
    summary: "A cited work under an expression of concern (from `matrixlint evidence`).",
    check: None,
}
