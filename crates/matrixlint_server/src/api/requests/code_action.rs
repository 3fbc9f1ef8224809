//! `textDocument/codeAction`: each fix the engine offers for a finding in
//! the range; "Suppress `rule` on this line" for each finding (the cursor
//! then placed where the reason goes, when the client can be asked to);
//! and `source.fixAll.matrixlint`, every certain fix in the file at once.

use std::collections::{HashMap, HashSet};

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, Command, TextEdit, Uri,
    WorkspaceEdit,
};

use crate::capabilities::{FIX_ALL, PLACE_CURSOR};
use crate::convert::{self, Text};
use crate::lint;
use crate::position::Positions as _;
use crate::session::Snapshot;
use crate::source::LineIndex;
use crate::suppress;

pub(crate) fn actions(snapshot: &Snapshot, params: CodeActionParams) -> Option<CodeActionResponse> {
    let view = snapshot.corpus.as_ref()?;
    let loaded = snapshot.load()?;
    let text = Text::of(&loaded.file, snapshot.encoding);
    let wanted = text.span(params.range);
    let only = params.context.only.unwrap_or_default();
    let wants = |kind: &str| {
        only.is_empty() || only.iter().any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str())))
    };
    let (corpus, _) = lint::own_corpus(&view.corpus, &loaded);
    let found = view.engine.linter.lint(&loaded, &corpus);
    let uri = &snapshot.uri;
    let mut out = Vec::new();
    let mut suppressed = HashSet::new();
    for d in found.iter().filter(|d| d.primary.span.start <= wanted.end && wanted.start <= d.primary.span.end) {
        if !wants(CodeActionKind::QUICKFIX.as_str()) {
            break;
        }
        let diagnostic = text.diagnostic(d, uri);
        if let Some(fix) = &d.fix {
            out.push(action(
                fix.title.clone(),
                CodeActionKind::QUICKFIX,
                uri,
                fix.edits.iter().map(|e| text.edit(e)).collect(),
                &diagnostic,
                true,
            ));
        }
        let s = suppress::suppression(&loaded, d);
        if !suppressed.insert((d.rule.name, s.edit.span.start)) {
            continue;
        }
        let mut a =
            action(s.title.clone(), CodeActionKind::QUICKFIX, uri, vec![text.edit(&s.edit)], &diagnostic, false);
        if snapshot.flags.show_document {
            let (after, _) = matrixlint_engine::lint::apply(
                &loaded.file.text,
                vec![&crate::diagnostic::Fix { title: s.title, edits: vec![s.edit] }],
            );
            let at = LineIndex::new(&after).position(&after, s.cursor, snapshot.encoding);
            a.command = Some(Command {
                title: "Place the cursor where the reason goes".to_owned(),
                command: PLACE_CURSOR.to_owned(),
                arguments: Some(vec![serde_json::json!(uri), serde_json::json!(at)]),
            });
        }
        out.push(a);
    }
    if wants(FIX_ALL) && found.iter().any(|d| d.fix.is_some()) {
        let fixed = view.engine.linter.fix(loaded.clone(), &corpus);
        if fixed.fixes > 0 && fixed.loaded.file.text != loaded.file.text {
            let edit = convert::whole_edit(&loaded.file.text, &fixed.loaded.file.text);
            let title = format!(
                "Fix all matrixlint problems ({} fix{})",
                fixed.fixes,
                if fixed.fixes == 1 { "" } else { "es" }
            );
            let mut a =
                action(title, CodeActionKind::new(FIX_ALL), uri, vec![text.edit(&edit)], &Default::default(), false);
            a.diagnostics = None;
            out.push(a);
        }
    }
    Some(out.into_iter().map(CodeActionOrCommand::CodeAction).collect())
}

fn action(
    title: String,
    kind: CodeActionKind,
    uri: &Uri,
    edits: Vec<TextEdit>,
    diagnostic: &lsp_types::Diagnostic,
    preferred: bool,
) -> CodeAction {
    CodeAction {
        title,
        kind: Some(kind),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    }
}
