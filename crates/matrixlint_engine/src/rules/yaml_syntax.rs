//! `yaml-syntax`: text that is not one plain YAML 1.2 document.

declare_rule! {
    /// ## What it does
    /// Reports text that is not a single plain-data YAML 1.2 document:
    /// unparsable YAML, duplicate keys, anchors (`&name`) and aliases
    /// (`*name`), several documents in one file, tabs in indentation, control
    /// characters (YAML allows only printable text, tabs and line breaks),
    /// and bytes that are not UTF-8.
    ///
    /// The common slips of hand editing are named in plain words at the line
    /// of the mistake, with the parser's own words as a note where it stopped:
    /// an unquoted value holding `: ` ("put the value in quotes"), a key or
    /// list item indented unlike the lines around it (naming the column it
    /// belongs at), a line of a multi-line text indented too little, a tab
    /// for indentation or after a colon, a key's colon without the space
    /// after it (`cell:B4`), a quote or bracket never closed (pointing where
    /// it opened).
    ///
    /// ## Why is this bad?
    /// A file that does not parse cannot be checked at all. Duplicate keys are
    /// silently resolved by many YAML tools (the last one wins), so an edit can
    /// vanish. Aliases make a cell's content depend on text elsewhere, and can
    /// be abused to make a small file expand enormously.
    ///
    /// ## Example
    /// ```yaml
    /// entries:
    ///   - tier: K
    ///     year: 2008
    ///     year: 2009      # duplicate key
    /// ```
    /// Use instead:
    /// ```yaml
    /// entries:
    ///   - tier: K
    ///     year: 2008
    /// ```
    name: "yaml-syntax", code: "ML101", severity: Error, fixable: false,
    summary: "Unparsable YAML, duplicate keys, anchors or aliases, several documents, tabs in indentation, control characters, non-UTF-8 text.",
    check: None,
}
