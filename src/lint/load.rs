//! From bytes to a parsed cell source: UTF-8, YAML with a span on every
//! node, and every failure turned into a diagnostic at its place.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::index::CellRecord;
use crate::rules::{read_error, yaml_syntax};
use crate::source::{Mistake, Node, SourceFile, Span, YamlErrorKind};

/// A file of the corpus after loading.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The file (empty text when unreadable).
    pub file: Arc<SourceFile>,
    /// The YAML tree, when the file loaded cleanly.
    pub root: Option<Node>,
    /// Reading and YAML problems.
    pub problems: Vec<Diagnostic>,
}

impl Loaded {
    /// Loads the bytes of the file at `path`, shown as `name`.
    #[must_use]
    pub fn from_bytes(path: &Path, name: &str, bytes: Vec<u8>) -> Self {
        load_bytes(path, name, bytes)
    }

    /// Loads a text (an editor's buffer), shown as `name`.
    #[must_use]
    pub fn from_text(path: &Path, name: &str, text: String) -> Self {
        load_bytes(path, name, text.into_bytes())
    }

    /// A file that could not be read: one `read-error` finding.
    #[must_use]
    pub fn unreadable(path: &Path, name: &str, message: String, help: &str) -> Self {
        let file = Arc::new(SourceFile::new(path, name, ""));
        let problem = Diagnostic::new(&read_error::INFO, &file, Span::point(0), message).with_help(help);
        Self { file, root: None, problems: vec![problem] }
    }

    /// What the corpus index needs of this file, if it declares a cell: by
    /// its fields, or, when its text cannot be parsed or lacks them, by its
    /// path (`cells/<matrix>/<CELL>.yaml`), so that its one problem is not
    /// reported again in every file referring to it. A file with no text (gone,
    /// unreadable, empty) declares nothing.
    #[must_use]
    pub fn record(&self) -> Option<CellRecord> {
        self.root
            .as_ref()
            .and_then(|root| CellRecord::from_root(&self.file.name, root))
            .or_else(|| CellRecord::from_path(&self.file.name).filter(|_| !self.file.text.trim().is_empty()))
    }
}

fn load_bytes(path: &Path, rel: &str, bytes: Vec<u8>) -> Loaded {
    let (text, bad_utf8) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[at];
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some((at, byte)))
        }
    };
    let file = Arc::new(SourceFile::new(path, rel, text));
    if let Some((at, byte)) = bad_utf8 {
        let problem = Diagnostic::new(
            &yaml_syntax::INFO,
            &file,
            Span::new(at, at + char::REPLACEMENT_CHARACTER.len_utf8()),
            format!("file is not valid UTF-8: byte 0x{byte:02x}"),
        )
        .with_label("not UTF-8")
        .with_help("save the file as UTF-8 (it may be Latin-1 or Windows-1252)");
        return Loaded { file, root: None, problems: vec![problem] };
    }
    match crate::source::yaml::load(&file.text) {
        Ok(root) => Loaded { file, root: Some(root), problems: Vec::new() },
        Err(errors) => {
            let problems = errors.into_iter().map(|e| yaml_problem(&file, e.kind, e.span)).collect();
            Loaded { file, root: None, problems }
        }
    }
}

fn yaml_problem(file: &Arc<SourceFile>, kind: YamlErrorKind, span: Span) -> Diagnostic {
    let d = Diagnostic::new(&yaml_syntax::INFO, file, span, kind.to_string()).with_help(kind.help());
    match kind {
        YamlErrorKind::DuplicateKey { key, first } => {
            d.with_label("repeated here").with_secondary(first, format!("`{key}` first set here"))
        }
        YamlErrorKind::Syntax { mistake, parser } => {
            let d = match mistake {
                Mistake::UnclosedQuote(_) | Mistake::UnclosedBracket(_) => d.with_label("opened here"),
                Mistake::ColonInValue { .. } => d.with_label("quote this value"),
                _ => d,
            };
            match parser {
                Some((words, at)) => d.with_secondary(at, format!("the YAML parser stopped here: {words}")),
                None => d,
            }
        }
        _ => d,
    }
}
