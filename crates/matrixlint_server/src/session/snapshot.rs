//! What a worker needs to answer a request about one document, taken on the
//! main loop when the request arrives: later edits do not change it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::Uri;

use super::{Engine, Place, Session};
use crate::capabilities::ClientFlags;
use crate::convert;
use crate::index::Corpus;
use crate::position::Encoding;
use matrixlint_engine::lint::Loaded;
use matrixlint_workspace::load_buffer;

/// One document as a request sees it.
pub(crate) struct Snapshot {
    pub encoding: Encoding,
    pub flags: ClientFlags,
    pub uri: Uri,
    /// The editor's text, when the document is open.
    pub text: Option<Arc<str>>,
    /// The corpus, when the document is one of its cells.
    pub corpus: Option<CorpusView>,
}

/// A corpus as one request sees it.
pub(crate) struct CorpusView {
    /// The corpus root.
    pub root: PathBuf,
    /// The document's name under the root.
    pub name: String,
    /// The engine.
    pub engine: Arc<Engine>,
    /// The index, open buffers standing for their files.
    pub corpus: Arc<Corpus>,
    /// Open cells' texts by name (a file on disk may be older).
    pub open: HashMap<String, Arc<str>>,
}

impl Session {
    /// A snapshot of the document `uri` (open, or read from disk when a
    /// client asks about a file it has not opened).
    pub(crate) fn snapshot(&mut self, uri: &Uri) -> Snapshot {
        let (text, place) = match self.docs.get(uri) {
            Some(doc) => (Some(Arc::clone(&doc.text)), doc.place.clone()),
            None => {
                let path = convert::path_of(uri);
                (None, self.place_of(path.as_deref()))
            }
        };
        let corpus = match place {
            Place::Cell { root, name } => self.roots.get(&root).and_then(|r| {
                Some(CorpusView {
                    engine: Arc::clone(r.engine.as_ref()?),
                    corpus: Arc::clone(&r.corpus),
                    open: self.open_texts(&root),
                    root,
                    name,
                })
            }),
            _ => None,
        };
        Snapshot { encoding: self.encoding, flags: self.flags, uri: uri.clone(), text, corpus }
    }
}

impl Snapshot {
    /// The document, parsed: the editor's text, or the file on disk.
    pub(crate) fn load(&self) -> Option<Loaded> {
        let view = self.corpus.as_ref()?;
        Some(match &self.text {
            Some(text) => load_buffer(&view.root.join(&view.name), &view.name, text),
            None => view.load(&view.name),
        })
    }
}

impl CorpusView {
    /// The cell called `name`: its open buffer, else its file.
    pub(crate) fn load(&self, name: &str) -> Loaded {
        let path = self.root.join(name);
        match self.open.get(name) {
            Some(text) => load_buffer(&path, name, text),
            None => matrixlint_workspace::load_path(&self.root, &path, name),
        }
    }

    /// The URI of the file called `name`.
    pub(crate) fn uri(&self, name: &str) -> Option<Uri> {
        convert::uri_of(&self.root.join(name))
    }
}
