//! `free-source-available`: An open copy of a work whose entry has no free source (from `matrixlint evidence`).

declare_rule! {
    /// ## What it does
    /// Reported by `matrixlint evidence` as information: an entry without
    /// `free_source` whose work has an open copy (Unpaywall's best open
    /// location), naming the copy and where it is held.
    ///
    /// ## Why is this bad?
    /// Readers without a subscription could read the work; the site shows
    /// the free-source badge only from the field.
    ///
    /// ## Example
    /// ```yaml
    /// doi: "10.5555/open"   # an accepted manuscript in a repository
    /// ```
    /// Use instead, after checking the copy:
    /// ```yaml
    /// doi: "10.5555/open"
    /// free_source: "https://repository.example/open.pdf"
    /// ```
    name: "free-source-available", code: "ML507", severity: Info, fixable: false,
    summary: "An open copy of a work whose entry has no free source (from `matrixlint evidence`).",
    check: None,
}
