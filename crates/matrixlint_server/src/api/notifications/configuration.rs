//! `workspace/didChangeConfiguration`: matrixlint takes no settings from the
//! editor (each corpus has its `matrixlint.yaml`), so a change of settings is
//! taken as a request to read every corpus's configuration again.

use lsp_types::DidChangeConfigurationParams;

use crate::session::Session;

pub(crate) fn run(session: &mut Session, _params: DidChangeConfigurationParams) {
    let roots: Vec<_> = session.roots.keys().cloned().collect();
    for root in roots {
        session.load_root(&root);
    }
    session.replace_documents();
}
