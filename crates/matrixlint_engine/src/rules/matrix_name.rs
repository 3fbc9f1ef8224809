//! `matrix-name`: a short matrix name where house style wants the full one.

use crate::diagnostic::{Diagnostic, Edit};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a matrix's short name (`Alcohol Matrix`, `Drug Matrix`) in
    /// prose. House style in cell text is the full name (`Alcohol Treatment
    /// Matrix`); `--fix` writes it.
    ///
    /// ## Why is this bad?
    /// The short names belong to navigation; in prose they read as a
    /// different thing, and readers searching for the full name miss them.
    ///
    /// ## Example
    /// ```yaml
    /// text: "more in cell C2 of the Alcohol Matrix."
    /// ```
    /// Use instead:
    /// ```yaml
    /// text: "more in cell C2 of the Alcohol Treatment Matrix."
    /// ```
    name: "matrix-name", code: "ML305", severity: Warning, fixable: true,
    summary: "A short matrix name (\"Alcohol Matrix\") where house style wants the full one.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(pattern) = cx.settings.short_names() else { return };
    for prose in cx.prose() {
        for found in pattern.find_iter(prose.text) {
            let (at, found) = (found.start(), found.as_str());
            let Some(matrix) = cx.settings.registry.by_short_name(found) else { continue };
            let before = prose.text[..at].chars().next_back();
            let after = prose.text[at + found.len()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let span = cx.span_in(prose, at..at + found.len());
            let mut d = cx
                .report(&INFO, span, format!("short matrix name `{}` in prose", matrix.short_name))
                .with_label(format!("write `{}`", matrix.name))
                .with_help(format!("write the full name, `{}`, as house style has it", matrix.name));
            // Certain when the source holds the phrase itself, or (folded or plain
            // text) the phrase broken across lines, where a line break reads as a space.
            let source = &cx.file.text[span.start..span.end];
            let literal =
                matches!(prose.node.value, crate::source::Scalar::Str(_, saphyr_parser::ScalarStyle::Literal));
            if source.split_whitespace().collect::<Vec<_>>().join(" ") == found && (!literal || !source.contains('\n'))
            {
                d = d.with_fix(
                    format!("write `{}`", matrix.name),
                    vec![Edit { span, replacement: matrix.name.clone() }],
                );
            }
            out.push(d);
        }
    }
}
