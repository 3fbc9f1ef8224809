//! Reading one file and loading its YAML, turning every failure into a diagnostic.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::files::{self, ReadError};
use crate::rules::{read_error, yaml_syntax};
use crate::source::{Mistake, Node, SourceFile, Span, YamlErrorKind};

/// Files larger than this are not read (real cells are under 100 KB).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A file of the corpus after loading.
#[derive(Debug)]
pub struct Loaded {
    /// The file (empty text when unreadable).
    pub file: Arc<SourceFile>,
    /// The YAML tree, when the file loaded cleanly.
    pub root: Option<Node>,
    /// Reading and YAML problems.
    pub problems: Vec<Diagnostic>,
}

/// Reads and loads `root/rel` (`root` canonical).
#[must_use]
pub fn load_file(root: &Path, rel: &str) -> Loaded {
    load_path(root, &root.join(rel), rel)
}

/// Reads and loads the cell source at `path`, shown as `name`. Only a
/// regular file whose real path lies under `root` (canonical) is read.
#[must_use]
pub fn load_path(root: &Path, path: &Path, name: &str) -> Loaded {
    match read(root, path) {
        Err((message, help)) => {
            let file = Arc::new(SourceFile::new(path, name, ""));
            let problem = Diagnostic::new(&read_error::INFO, &file, Span::point(0), message).with_help(help);
            Loaded { file, root: None, problems: vec![problem] }
        }
        Ok(bytes) => load_bytes(path, name, bytes),
    }
}

fn read(root: &Path, path: &Path) -> Result<Vec<u8>, (String, &'static str)> {
    const HELP: &str = "check that the file exists, is readable and is a cell source";
    let real = std::fs::canonicalize(path).map_err(|e| (format!("cannot read file: {e}"), HELP))?;
    if !real.starts_with(root) {
        // Not read at all: a link to /etc/passwd must not end up quoted in a report.
        return Err((
            "the file resolves outside the corpus root, so it was not read".to_owned(),
            "keep cell sources inside the corpus: copy the file in instead of linking to it",
        ));
    }
    files::read_regular(&real, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { .. } => (format!("{e} for a cell source"), HELP),
        e => (e.to_string(), HELP),
    })
}

/// Loads already-read bytes (also used by tests).
#[must_use]
pub fn load_bytes(path: &Path, rel: &str, bytes: Vec<u8>) -> Loaded {
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
