//! `unknown-matrix`: "… of the X Matrix" naming no registered matrix.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a cross-reference into another matrix (`cell C2 of the
    /// Alcohol Treatment Matrix`) whose matrix name is not in the registry,
    /// by full name or short name, and a file whose own `matrix:` is not a
    /// registered id.
    ///
    /// ## Why is this bad?
    /// The reference cannot be resolved, and readers are sent to a matrix
    /// that does not exist.
    ///
    /// ## Example
    /// ```yaml
    /// text: "more in cell C2 of the Alcohol Treatment Matrics."
    /// ```
    /// Use instead:
    /// ```yaml
    /// text: "more in cell C2 of the Alcohol Treatment Matrix."
    /// ```
    name: "unknown-matrix", code: "ML302", severity: Error, fixable: false,
    summary: "A cross-reference naming a matrix that is not in the registry.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    check_own_matrix(cx, out);
    let mut seen = Vec::new();
    for found in cx.xrefs() {
        let Some((name, range)) = &found.xref.matrix else { continue };
        if cx.matrix_named(name).is_some() {
            continue;
        }
        let span = cx.span_in(&found.prose, range.clone());
        if seen.contains(&span) {
            continue; // "cells A3 and A4 of the X Matrix": one finding.
        }
        seen.push(span);
        // Listed only for a finding: with hundreds of matrices, not for every file.
        let names: Vec<String> = cx.settings.registry.matrices.iter().map(|m| m.name.clone()).collect();
        let help = match crate::suggest::closest(name, &names) {
            Some(best) => format!("did you mean the {best}? Write one of: {}", names.join(", ")),
            None => format!(
                "write the name of a registered matrix ({}), or register it under `registry` in matrixlint.yaml",
                names.join(", ")
            ),
        };
        out.push(
            cx.report(&INFO, span, format!("no matrix is called `{name}`"))
                .with_label("unknown matrix")
                .with_help(help),
        );
    }
}

/// The file's own `matrix` must be a registered id.
fn check_own_matrix(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(node) = cx.cell.field("matrix") else { return };
    let Some(id) = node.as_str() else { return };
    if cx.settings.registry.get(id).is_some() {
        return;
    }
    let ids: Vec<String> = cx.settings.registry.ids().into_iter().map(str::to_owned).collect();
    let help = match crate::suggest::closest(id, &ids) {
        Some(best) => format!("did you mean `{best}`? Write one of the registered ids: {}", ids.join(", ")),
        None => {
            format!("write a registered id ({}), or add the matrix under `registry` in matrixlint.yaml", ids.join(", "))
        }
    };
    out.push(
        cx.report(&INFO, node.span, format!("no matrix has the id `{id}`"))
            .with_label("unknown matrix")
            .with_help(help),
    );
}
