//! `textDocument/didChange`: full or incremental changes to an open buffer.

use lsp_types::DidChangeTextDocumentParams;

use crate::session::Session;

pub(crate) fn run(session: &mut Session, params: DidChangeTextDocumentParams) {
    let encoding = session.encoding;
    let id = params.text_document;
    match session.docs.get_mut(&id.uri) {
        Some(doc) => doc.apply(params.content_changes, id.version, encoding),
        None => session.logger.warn(format!("ignored a change to {}, which is not open", id.uri.as_str())),
    }
}
