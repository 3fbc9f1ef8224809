//! `workspace/didChangeConfiguration`: matrixlint takes no settings from the
//! editor (each corpus has its `matrixlint.yaml`), so a change of settings is
//! taken as a request to read every corpus's configuration again (in the
//! background: the documents are linted again when it is read).

use lsp_types::DidChangeConfigurationParams;

use crate::session::Session;

pub(crate) fn run(session: &mut Session, _params: DidChangeConfigurationParams) {
    // In the background: edits meanwhile are linted under the old configuration.
    let roots: Vec<_> = session.roots.keys().cloned().collect();
    for root in roots {
        session.reload_root(&root);
    }
}
