//! `superseded`: A newer version of the cited work exists (from `matrixlint evidence`).

declare_rule! {
    /// ## What it does
    /// Reported by `matrixlint evidence`: a newer version of the work
    /// exists. Cochrane reviews keep their number and change the DOI's
    /// suffix (`CD008540`, `.pub2`, `.pub3`): the DOI handle API is asked
    /// for each next suffix until one is not registered. PubMed's `UpdateIn`
    /// and Crossref's `new_version` say the same for other publishers. The
    /// finding names the newest version, its DOI and year; where the DOI is
    /// written on the entry (`doi:` or a `doi.org` link) `--fix` with
    /// `matrixlint evidence` updates it and the year, never without `--fix`.
    ///
    /// ## Why is this bad?
    /// The old version stays online and answers 200, but its conclusions
    /// may have been overturned by the update.
    ///
    /// ## Example
    /// ```yaml
    /// year: 2012
    /// doi: "10.1002/14651858.CD008540.pub2"   # .pub3 exists (2021)
    /// ```
    /// Use instead, after reading the update:
    /// ```yaml
    /// year: 2021
    /// doi: "10.1002/14651858.CD008540.pub3"
    /// ```
    name: "superseded", code: "ML504", severity: Warning, fixable: true,
    summary: "A newer version of the cited work exists (from `matrixlint evidence`).",
    check: None,
}
