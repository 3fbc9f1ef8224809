//! `workspace/didChangeWatchedFiles`: cells created, changed, deleted or
//! renamed on disk (a rename is a deletion and a creation) update the index
//! unless the editor has them open; a change to a configuration file (the
//! root's `matrixlint.yaml` or a file it extends) reloads that corpus; a
//! `matrixlint.yaml` appearing or going moves documents between corpora.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use lsp_types::request::RegisterCapability;
use lsp_types::{
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions, FileChangeType, FileSystemWatcher,
    GlobPattern, Registration, RegistrationParams,
};

use crate::config::FILE_NAME;
use crate::convert;
use crate::session::Session;

/// Asks the client to report changes to YAML files (cells and configuration).
pub(crate) fn register(session: &mut Session) {
    if !session.flags.watch_files {
        session.logger.info(
            "the client does not watch files for servers: changes made outside the editor are seen when a file is opened or saved",
        );
        return;
    }
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String("**/*.{yaml,yml}".to_owned()),
            kind: None,
        }],
    };
    session.client.request::<RegisterCapability>(RegistrationParams {
        registrations: vec![Registration {
            id: "matrixlint-watch-yaml".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        }],
    });
}

pub(crate) fn run(session: &mut Session, params: DidChangeWatchedFilesParams) {
    let mut reload = BTreeSet::new();
    let mut replace = false;
    for change in params.changes {
        let Some(path) = convert::path_of(&change.uri) else { continue };
        let configs = config_roots(session, &path);
        if path.file_name().is_some_and(|n| n == FILE_NAME) && configs.is_empty() {
            // A corpus appeared, or one not loaded went: documents may move.
            replace = true;
        }
        if !configs.is_empty() {
            reload.extend(configs);
            continue;
        }
        cell_changed(session, &path, change.typ == FileChangeType::DELETED);
    }
    let mut gone = false;
    for dir in &reload {
        if dir.join(FILE_NAME).symlink_metadata().is_ok() {
            // In the background; its documents are placed again when it is read.
            session.reload_root(dir);
        } else {
            session.logger.info(format!("corpus {}: its {FILE_NAME} is gone", dir.display()));
            session.drop_root(dir);
            gone = true;
        }
    }
    if replace || gone {
        session.replace_documents(None);
    }
}

/// Reloads (in the background) the corpora that read the configuration file
/// at `path`; whether any did.
pub(crate) fn config_changed(session: &mut Session, path: &Path) -> bool {
    let roots = config_roots(session, path);
    for dir in &roots {
        session.reload_root(dir);
    }
    !roots.is_empty()
}

/// The corpora whose configuration includes the file at `path`: loaded ones,
/// and loading ones whose `matrixlint.yaml` it is (their load may have read it before).
fn config_roots(session: &Session, path: &Path) -> Vec<PathBuf> {
    let loaded = session.roots.iter().filter(|(_, root)| root.is_config(path)).map(|(dir, _)| dir.clone());
    let loading = path
        .parent()
        .and_then(|dir| dir.canonicalize().ok())
        .filter(|dir| path.file_name().is_some_and(|n| n == FILE_NAME) && session.loads.is_loading(dir));
    let mut roots: Vec<PathBuf> = loaded.chain(loading).collect();
    roots.sort();
    roots.dedup();
    roots
}

/// A cell file changed on disk: its record is read again, unless the
/// editor has it open (the buffer stands for it).
fn cell_changed(session: &mut Session, path: &Path, deleted: bool) {
    if session.docs.values().any(|d| d.path.as_deref() == Some(path)) {
        return;
    }
    let Some(dir) = Session::root_dir_for(path) else { return };
    let Some(name) = matrixlint_workspace::name_within(&dir, &dir, path) else { return };
    // A load running may have read the file before this change: it reads it again when done.
    session.loads.note_change(&dir, &name);
    let Some(root) = session.roots.get(&dir) else { return };
    let Some(engine) = &root.engine else { return };
    if !engine.is_cell(&name) {
        return;
    }
    let record = if deleted { None } else { matrixlint_workspace::load_path(&root.path, path, &name).record() };
    session.set_record(&dir, &name, record);
}
