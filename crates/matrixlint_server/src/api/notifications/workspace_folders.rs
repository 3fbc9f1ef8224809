//! `workspace/didChangeWorkspaceFolders`: corpora of removed folders are
//! dropped unless an open document still uses them; added folders' corpora
//! are loaded.

use lsp_types::DidChangeWorkspaceFoldersParams;

use crate::convert;
use crate::session::Session;

pub(crate) fn run(session: &mut Session, params: DidChangeWorkspaceFoldersParams) {
    let removed: Vec<_> = params.event.removed.iter().filter_map(|f| convert::path_of(&f.uri)).collect();
    session.folders.retain(|f| !removed.contains(f));
    let in_use: Vec<_> = session.docs.values().filter_map(|d| d.place.root().cloned()).collect();
    let gone: Vec<_> = session
        .roots
        .keys()
        .filter(|root| !in_use.contains(root) && removed.iter().any(|r| root.starts_with(r)))
        .cloned()
        .collect();
    for root in &gone {
        session.roots.remove(root);
        session.loads.cancel(root);
    }
    for folder in params.event.added.iter().filter_map(|f| convert::path_of(&f.uri)) {
        if folder.join(crate::config::FILE_NAME).symlink_metadata().is_ok()
            && let Ok(root) = folder.canonicalize()
        {
            session.ensure_root(&root);
        }
        session.folders.push(folder);
    }
}
