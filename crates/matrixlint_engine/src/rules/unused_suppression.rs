//! `unused-suppression`: a `# matrixlint: ignore[…]` comment that suppresses nothing.

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment that names an unknown rule, gives no
    /// reason, or suppresses nothing on its line (or the next line, for a
    /// comment on a line of its own; or in the whole file, for `ignore-file`).
    ///
    /// ## Why is this bad?
    /// Stale suppressions hide future problems and mislead readers about why
    /// content is the way it is.
    ///
    /// ## Example
    /// ```yaml
    /// year: 1985  # matrixlint: ignore[year-range] checked with the author
    /// ```
    /// 1985 is in range, so the comment suppresses nothing: remove it.
    name: "unused-suppression", code: "ML900", severity: Warning, fixable: false,
    summary: "A suppression comment that is unknown, has no reason, or suppresses nothing.",
    check: None,
}
