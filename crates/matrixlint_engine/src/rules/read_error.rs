//! `read-error`: a file that could not be read.

declare_rule! {
    /// ## What it does
    /// Reports a cell source that could not be read at all: a missing or
    /// unreadable path, a directory where a file was expected, or a file
    /// larger than the size limit (4 MiB; real cells are under 100 KB).
    ///
    /// ## Why is this bad?
    /// Nothing in the file can be checked, and its cell is missing from the
    /// corpus, so references to it may be reported as missing too.
    ///
    /// ## Example
    /// ```text
    /// cells/drug/B2.yaml: permission denied
    /// ```
    /// Fix the file's permissions, or split an oversized file.
    name: "read-error", code: "ML100", severity: Error, fixable: false,
    summary: "A source file that could not be read.",
    check: None,
}
