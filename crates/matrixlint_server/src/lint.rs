//! Diagnostics as the text is typed: which open cells to lint and when, the
//! lint itself on a worker, and what its result changes.
//!
//! Debouncing: a cell is linted as soon as it changes when it has not been
//! linted within the debounce interval; changes within the interval, or
//! while a lint of that cell runs, are linted together once it ends. A
//! single edit is answered at once; a burst of edits costs one lint per
//! interval, and its last edit is always linted.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::Sender;
use lsp_types::Uri;

use super::convert::Text;
use super::main_loop::Event;
use super::schedule::Pool;
use super::session::{Engine, Place, Session};
use crate::diagnostic::Diagnostic;
use crate::index::{CellRecord, Corpus};
use matrixlint_engine::lint::Loaded;
use matrixlint_workspace::load_buffer;

/// The shortest time between two lints of one cell.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(20);

/// A lint's result, back on the main loop.
#[derive(Debug)]
pub(crate) struct Linted {
    uri: Uri,
    generation: u64,
    version: i32,
    diagnostics: Vec<lsp_types::Diagnostic>,
    /// The text's index record, when the text parsed.
    record: Option<Option<CellRecord>>,
    took: Duration,
}

/// The corpus with `loaded`'s own index record standing for the indexed one
/// (an open buffer's `cell:` may differ from its file's), and that record
/// when the text parsed. Text that does not parse keeps the record it had:
/// a cell being typed does not vanish from the corpus at every unclosed quote.
pub(crate) fn own_corpus<'c>(corpus: &'c Corpus, loaded: &Loaded) -> (Cow<'c, Corpus>, Option<Option<CellRecord>>) {
    let record = loaded.root.is_some().then(|| loaded.record());
    let name = &loaded.file.name;
    match &record {
        Some(own) if corpus.record(name) != own.as_ref() => {
            let mut corpus = corpus.clone();
            corpus.update(name, own.clone());
            (Cow::Owned(corpus), record)
        }
        _ => (Cow::Borrowed(corpus), record),
    }
}

/// Lints `loaded` against the corpus holding its own record; returns the
/// findings and, when the text parsed, that record.
pub(crate) fn lint(engine: &Engine, corpus: &Corpus, loaded: &Loaded) -> (Vec<Diagnostic>, Option<Option<CellRecord>>) {
    let (corpus, record) = own_corpus(corpus, loaded);
    let mut found = engine.linter.lint(loaded, &corpus);
    if let Some((days, now)) = engine.evidence {
        // `evidence.in-check`: the last evidence audit's findings, from its cache (no request).
        let cached =
            crate::evidence::findings::cached(&engine.linter, &engine.history, days, std::slice::from_ref(loaded), now);
        found.extend(cached);
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    (found, record)
}

/// What a lint gives back: its diagnostics and, when the text parsed, its record.
type Outcome = (Vec<lsp_types::Diagnostic>, Option<Option<CellRecord>>);

/// Runs a lint; a lint that panics gives one diagnostic saying so at the
/// start of the file, and no record. Its result still goes back to the main
/// loop, so the document is not left "being linted" for ever: its next
/// change is linted, and `matrixlint/sync` is answered.
fn guarded(lint: impl FnOnce() -> Outcome) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(lint)).unwrap_or_else(|_| {
        let at = lsp_types::Position::new(0, 0);
        let internal = lsp_types::Diagnostic {
            range: lsp_types::Range::new(at, at),
            severity: Some(lsp_types::DiagnosticSeverity::ERROR),
            source: Some("matrixlint".to_owned()),
            message:
                "internal error while linting this file: please report this bug (the server's log has the details)"
                    .to_owned(),
            ..lsp_types::Diagnostic::default()
        };
        (vec![internal], None)
    })
}

/// Starts the lints that are due; returns when the next one will be.
pub(crate) fn start_due(session: &mut Session, pool: &Pool, events: &Sender<Event>) -> Option<Instant> {
    let now = Instant::now();
    let mut next: Option<Instant> = None;
    let encoding = session.encoding;
    for doc in session.docs.values_mut() {
        let Place::Cell { root, name } = &doc.place else { continue };
        let state = &mut doc.lint;
        if !state.dirty || state.in_flight.is_some() {
            continue;
        }
        if let Some(due) = state.last_start.map(|t| t + DEBOUNCE).filter(|due| *due > now) {
            next = Some(next.map_or(due, |n| n.min(due)));
            continue;
        }
        let Some(r) = session.roots.get(root) else { continue };
        let Some(engine) = r.engine.clone() else { continue };
        let corpus = Arc::clone(&r.corpus);
        state.dirty = false;
        state.in_flight = Some(state.generation);
        state.last_start = Some(now);
        let (uri, generation, version) = (doc.uri.clone(), state.generation, doc.version);
        let (text, name, path): (Arc<str>, String, PathBuf) = (Arc::clone(&doc.text), name.clone(), root.join(name));
        let events = events.clone();
        pool.spawn("a lint", move || {
            let started = Instant::now();
            let (diagnostics, record) = guarded(|| {
                let loaded = load_buffer(&path, &name, &text);
                let (found, record) = lint(&engine, &corpus, &loaded);
                // The loaded text: the buffer's, or none for a buffer over the
                // size limit (whose one finding is at its start), never indexed.
                let view = Text::of(&loaded.file, encoding);
                (found.iter().map(|d| view.diagnostic(d, &uri)).collect(), record)
            });
            let took = started.elapsed();
            let _ = events.send(Event::Linted(Linted { uri, generation, version, diagnostics, record, took }));
        });
    }
    next
}

/// Publishes a lint's result unless the document changed meanwhile, and
/// puts the text's record in the index (which may call for linting the
/// cells that refer to it).
pub(crate) fn finish(session: &mut Session, linted: Linted) {
    let Some(doc) = session.docs.get_mut(&linted.uri) else { return };
    if doc.lint.in_flight == Some(linted.generation) {
        doc.lint.in_flight = None;
    }
    if doc.lint.generation != linted.generation {
        return;
    }
    let Place::Cell { root, name } = doc.place.clone() else { return };
    session.logger.debug(format!("linted {name} (version {}) in {:.1?}", linted.version, linted.took));
    let unchanged = doc.lint.published.as_ref().is_some_and(|(v, d)| *v == linted.version && *d == linted.diagnostics);
    if !unchanged {
        session.client.publish(linted.uri.clone(), Some(linted.version), linted.diagnostics.clone());
        doc.lint.published = Some((linted.version, linted.diagnostics));
    }
    if let Some(record) = linted.record {
        session.set_record(&root, &name, record);
    }
}

#[cfg(test)]
mod tests {
    use super::guarded;

    #[test]
    fn a_lint_that_panics_gives_back_one_internal_error_and_no_record() {
        let (diagnostics, record) = guarded(|| panic!("a rule's bug"));
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.starts_with("internal error while linting this file"));
        assert_eq!(diagnostics[0].severity, Some(lsp_types::DiagnosticSeverity::ERROR));
        assert!(record.is_none(), "nothing is indexed from a lint that failed");
    }

    #[test]
    fn a_lint_that_ends_gives_back_what_it_found() {
        let (diagnostics, record) = guarded(|| (Vec::new(), Some(None)));
        assert!(diagnostics.is_empty());
        assert_eq!(record, Some(None));
    }
}
