//! `textDocument/didSave`: a saved configuration file is read again (for
//! clients that do not watch files); a saved cell changes nothing, since
//! its buffer already stands for it.

use lsp_types::DidSaveTextDocumentParams;

use crate::convert;
use crate::session::Session;

pub(crate) fn run(session: &mut Session, params: DidSaveTextDocumentParams) {
    let Some(path) = convert::path_of(&params.text_document.uri) else { return };
    super::watched_files::config_changed(session, &path);
}
