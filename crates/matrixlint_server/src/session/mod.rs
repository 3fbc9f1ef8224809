//! The server's state, owned by the main loop: open documents and the corpus
//! roots they belong to, each root with its own configuration.

mod document;
mod install;
mod load;
mod root;
mod snapshot;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use document::{Document, LintState, Place};
pub(crate) use load::{Loaded, Loads};
use lsp_types::Uri;
pub(crate) use root::{ConfigProblem, Engine, Root};
pub(crate) use snapshot::{CorpusView, Snapshot};

use super::capabilities::ClientFlags;
use super::client::Client;
use super::convert;
use super::log::Logger;
use super::position::Encoding;
use crate::index::CellRecord;

/// Everything the main loop knows.
pub(crate) struct Session {
    pub encoding: Encoding,
    pub flags: ClientFlags,
    pub docs: HashMap<Uri, Document>,
    pub roots: BTreeMap<PathBuf, Root>,
    /// The workspace folders (their corpus roots are loaded when the client is ready).
    pub folders: Vec<PathBuf>,
    /// Configuration files that were given diagnostics, by root.
    published_config: HashMap<PathBuf, Vec<Uri>>,
    pub client: Client,
    pub logger: Logger,
    /// The roots loading in the background.
    pub loads: Loads,
}

impl Session {
    pub(super) fn new(encoding: Encoding, flags: ClientFlags, client: Client, logger: Logger, loads: Loads) -> Self {
        Self {
            encoding,
            flags,
            docs: HashMap::new(),
            roots: BTreeMap::new(),
            folders: Vec::new(),
            published_config: HashMap::new(),
            client,
            logger,
            loads,
        }
    }

    /// The corpus root of `path`: the nearest folder upwards holding `matrixlint.yaml`.
    pub(super) fn root_dir_for(path: &Path) -> Option<PathBuf> {
        let dir = path.parent()?;
        // The deepest folder that exists, resolved, so that a new file's root is found too.
        let real = dir.ancestors().find_map(|d| d.canonicalize().ok())?;
        real.ancestors().find(|d| d.join(crate::config::FILE_NAME).symlink_metadata().is_ok()).map(Path::to_owned)
    }

    /// Starts loading the root at `dir` unless it is loaded or loading.
    pub(crate) fn ensure_root(&mut self, dir: &Path) {
        if !self.roots.contains_key(dir) && !self.loads.is_loading(dir) {
            self.loads.request(dir);
        }
    }

    /// Reloads the root at `dir` in the background: until the new one is
    /// ready, its files are linted under the old one.
    pub(crate) fn reload_root(&mut self, dir: &Path) {
        self.loads.request(dir);
    }

    /// Publishes the configuration's problems on the files they are in, and
    /// clears the files that had problems before and have none now.
    pub(super) fn publish_config(&mut self, dir: &Path) {
        let Some(root) = self.roots.get(dir) else { return };
        let mut by_file: BTreeMap<&Path, Vec<&ConfigProblem>> = BTreeMap::new();
        for problem in &root.problems {
            by_file.entry(&problem.path).or_default().push(problem);
        }
        let mut now = Vec::new();
        for (path, problems) in by_file {
            let Some(uri) = convert::uri_of(path) else { continue };
            let diagnostics = problems.iter().map(|p| convert::config_problem(p, self.encoding)).collect();
            self.client.publish(uri.clone(), None, diagnostics);
            now.push(uri);
        }
        for stale in self.published_config.remove(dir).unwrap_or_default() {
            if !now.contains(&stale) {
                self.client.publish(stale, None, Vec::new());
            }
        }
        self.published_config.insert(dir.to_owned(), now);
    }

    /// Forgets the root at `dir` (its configuration is gone) and clears the
    /// diagnostics shown on its configuration files.
    pub(super) fn drop_root(&mut self, dir: &Path) {
        self.roots.remove(dir);
        self.loads.cancel(dir);
        for stale in self.published_config.remove(dir).unwrap_or_default() {
            self.client.publish(stale, None, Vec::new());
        }
    }

    /// Where the file at `path` belongs.
    pub(super) fn place_of(&mut self, path: Option<&Path>) -> Place {
        let Some(path) = path else { return Place::Outside };
        let Some(dir) = Self::root_dir_for(path) else { return Place::Outside };
        let Some(root) = self.roots.get(&dir) else {
            // Placed again when its root is loaded.
            self.ensure_root(&dir);
            return Place::InRoot { root: dir };
        };
        let name = matrixlint_workspace::name_within(&root.path, &root.path, path);
        match (&root.engine, name) {
            (Some(engine), Some(name)) if engine.is_cell(&name) => Place::Cell { root: dir, name },
            _ => Place::InRoot { root: dir },
        }
    }

    /// Opens a document.
    pub(super) fn open(&mut self, uri: Uri, text: String, version: i32) {
        let path = convert::path_of(&uri);
        let place = self.place_of(path.as_deref());
        let mut doc =
            Document { uri: uri.clone(), path, text: text.into(), version, place, lint: LintState::default() };
        doc.lint.touch();
        self.docs.insert(uri, doc);
    }

    /// Closes a document: its file's record is read from disk again, and
    /// its diagnostics are cleared.
    pub(super) fn close(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.remove(uri) else { return };
        if doc.lint.published.is_some() {
            self.client.publish(uri.clone(), None, Vec::new());
        }
        if let (Place::Cell { root, name }, Some(path)) = (&doc.place, &doc.path) {
            let record = matrixlint_workspace::load_path(root, path, name).record();
            self.set_record(root, name, record);
        }
    }

    /// Replaces the index record of `name` under `root`; when it changed,
    /// every other open cell of that root is linted again (its
    /// cross-references may resolve differently now).
    pub(super) fn set_record(&mut self, root: &Path, name: &str, record: Option<CellRecord>) {
        let Some(r) = self.roots.get_mut(root) else { return };
        if r.corpus.record(name) == record.as_ref() {
            return;
        }
        Arc::make_mut(&mut r.corpus).update(name, record);
        for doc in self.docs.values_mut() {
            if matches!(&doc.place, Place::Cell { root: r, name: n } if r == root && n != name) {
                doc.lint.touch();
            }
        }
    }

    /// Places every open document again (a root appeared, went or changed
    /// its `cells`), linting each once more and clearing the diagnostics of
    /// documents that are no longer cells; only those under `only` when given.
    pub(super) fn replace_documents(&mut self, only: Option<&Path>) {
        let under = |d: &Document| only.is_none_or(|dir| d.place.root().is_some_and(|r| r == dir));
        let uris: Vec<Uri> = self.docs.values().filter(|d| under(d)).map(|d| d.uri.clone()).collect();
        for uri in uris {
            let path = self.docs[&uri].path.clone();
            let place = self.place_of(path.as_deref());
            let doc = self.docs.get_mut(&uri).expect("listed above");
            doc.place = place;
            doc.lint.touch();
            if !matches!(doc.place, Place::Cell { .. }) && doc.lint.published.take().is_some() {
                self.client.publish(uri.clone(), Some(doc.version), Vec::new());
            }
        }
    }

    /// The texts of the open cells of `root`, by name.
    pub(super) fn open_texts(&self, root: &Path) -> HashMap<String, Arc<str>> {
        self.docs
            .values()
            .filter_map(|d| match &d.place {
                Place::Cell { root: r, name } if r == root => Some((name.clone(), Arc::clone(&d.text))),
                _ => None,
            })
            .collect()
    }
}
