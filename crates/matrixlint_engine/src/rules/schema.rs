//! `schema`: a violation of `schemas/cell.schema.json`.

declare_rule! {
    /// ## What it does
    /// Checks every cell source against the cell schema
    /// (`matrixlint schema cell`): required fields, field types, unknown
    /// fields (naming the closest known one), id patterns. For fields that can
    /// take several forms (`year: 1985` or `year: [1997, 2000]`) it reports the
    /// form the author most likely meant. Each help line says what to write.
    ///
    /// One mistake is one finding: a misspelt key (`tittle:`) is reported as
    /// an unknown field naming the one meant, not also as that field missing
    /// (nor as `missing-year` for `yaer:`), and `--fix` renames it when that
    /// is certain (the field is not set already, and no other key is as
    /// close). Problems that a more specific rule reports (an unknown tier
    /// label, for instance) are reported once, by that rule.
    ///
    /// ## Why is this bad?
    /// The site generator and every other rule rely on the shape of the data.
    ///
    /// ## Example
    /// ```yaml
    /// entries:
    ///   - tier: K
    ///     title: "Client-receptive treatment"
    ///     yaer: 1999          # unknown field `yaer`; did you mean `year`?
    /// ```
    /// Use instead:
    /// ```yaml
    /// entries:
    ///   - tier: K
    ///     title: "Client-receptive treatment"
    ///     year: 1999
    /// ```
    name: "schema", code: "ML102", severity: Error, fixable: true,
    summary: "A field missing, of the wrong type, or unknown to the cell schema.",
    check: None,
}
