//! `free-source-closed`: A free source that no longer gives the document, for a closed work (from `matrixlint evidence`).

declare_rule! {
    /// ## What it does
    /// Reported by `matrixlint evidence`: an entry with a `free_source`
    /// whose work Unpaywall calls `closed`, and whose free source no longer
    /// answers with the document: an error, a login page or a paywall page
    /// is not the document, even when it answers 200. Needs
    /// `evidence.email` (Unpaywall is not asked without one).
    ///
    /// ## Why is this bad?
    /// "Free source at time of writing" that went behind a paywall still
    /// loads a page, so the link audit calls it fine; readers meet a login.
    ///
    /// ## Example
    /// ```yaml
    /// free_source: "https://publisher.example/article/123"   # now a login page
    /// ```
    /// Remove `free_source`, or point it at a copy that is still free.
    name: "free-source-closed", code: "ML506", severity: Warning, fixable: false,
    summary: "A free source that no longer gives the document, for a closed work (from `matrixlint evidence`).",
    check: None,
}
