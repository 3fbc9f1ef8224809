//! An open document: the editor's text, its version, and where it belongs.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use crate::position::{Encoding, Positions as _};
use crate::source::LineIndex;

/// Where a document belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// A cell source of the corpus at `root`, called `name` there.
    Cell { root: PathBuf, name: String },
    /// Under the corpus at `root`, but not one of its cell sources (or the
    /// corpus cannot say which files are: its configuration is broken).
    InRoot { root: PathBuf },
    /// Outside every corpus root, or not a file.
    Outside,
}

impl Place {
    /// The corpus root the document is under.
    pub(crate) fn root(&self) -> Option<&PathBuf> {
        match self {
            Self::Cell { root, .. } | Self::InRoot { root } => Some(root),
            Self::Outside => None,
        }
    }
}

/// Where a document's diagnostics stand.
#[derive(Debug, Default)]
pub(crate) struct LintState {
    /// Bumped by every change that calls for a new lint (an edit, a change
    /// elsewhere in the corpus); a result of an older generation is stale.
    pub generation: u64,
    /// The generation being linted on a worker.
    pub in_flight: Option<u64>,
    /// Whether a lint of the current generation is still to start.
    pub dirty: bool,
    /// When the latest lint started (changes within the debounce wait).
    pub last_start: Option<Instant>,
    /// What was last published, and for which version.
    pub published: Option<(i32, Vec<lsp_types::Diagnostic>)>,
}

impl LintState {
    /// Asks for a new lint.
    pub(crate) fn touch(&mut self) {
        self.generation += 1;
        self.dirty = true;
    }
}

/// A document the client has open.
#[derive(Debug)]
pub(crate) struct Document {
    /// As the client names it.
    pub uri: Uri,
    /// Its file, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// The editor's text.
    pub text: Arc<str>,
    /// The client's version of it.
    pub version: i32,
    /// Where it belongs.
    pub place: Place,
    /// Its diagnostics.
    pub lint: LintState,
}

impl Document {
    /// Applies the changes of one `didChange`, in order: a change without a
    /// range replaces the whole text (full sync), one with a range replaces
    /// those characters (incremental sync).
    pub(crate) fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, version: i32, encoding: Encoding) {
        // The old text is copied only for a ranged change: a whole new text
        // replaces it as it is (a large buffer costs no extra copy).
        let mut edited: Option<String> = None;
        for change in changes {
            match change.range {
                None => edited = Some(change.text),
                Some(range) => {
                    let text = edited.get_or_insert_with(|| String::from(&*self.text));
                    let span = LineIndex::new(text).span(text, range, encoding);
                    text.replace_range(span.start..span.end, &change.text);
                }
            }
        }
        if let Some(text) = edited {
            self.text = text.into();
        }
        self.version = version;
        self.lint.touch();
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, Range};

    use super::*;

    fn change(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((a, b), (c, d))| Range {
                start: Position { line: a, character: b },
                end: Position { line: c, character: d },
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn incremental_and_full_changes_apply_in_order() {
        let mut doc = Document {
            uri: "file:///c/B2.yaml".parse().unwrap(),
            path: None,
            text: "tier: “😀” Key\nnext\n".into(),
            version: 1,
            place: Place::Outside,
            lint: LintState::default(),
        };
        // `Key` starts after 11 UTF-16 units: the emoji is two.
        doc.apply(
            vec![change(Some(((0, 11), (0, 14))), "K"), change(Some(((1, 0), (1, 4))), "done")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(&*doc.text, "tier: “😀” K\ndone\n");
        assert_eq!((doc.version, doc.lint.generation, doc.lint.dirty), (2, 1, true));
        doc.apply(vec![change(None, "whole")], 3, Encoding::Utf8);
        assert_eq!(&*doc.text, "whole");
        // A range past the end appends, never panics.
        doc.apply(vec![change(Some(((7, 3), (9, 0))), "!")], 4, Encoding::Utf8);
        assert_eq!(&*doc.text, "whole!");
    }
}
