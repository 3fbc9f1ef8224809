//! `textDocument/didClose`: the file on disk stands for the cell again.

use lsp_types::DidCloseTextDocumentParams;

use crate::session::Session;

pub(crate) fn run(session: &mut Session, params: DidCloseTextDocumentParams) {
    session.close(&params.text_document.uri);
}
