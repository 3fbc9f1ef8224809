//! `textDocument/didOpen`: the buffer stands for its file from now on.

use lsp_types::DidOpenTextDocumentParams;

use crate::session::Session;

pub(crate) fn run(session: &mut Session, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    session.open(doc.uri, doc.text, doc.version);
}
