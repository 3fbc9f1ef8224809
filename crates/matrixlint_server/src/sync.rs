//! `matrixlint/sync`: a request answered only once the server is quiet, for
//! tests and scripted clients that must know every publication is out.
//!
//! A lint runs on a worker after a debounce, and a corpus loads on a thread
//! of its own; a plain round trip (any request) overtakes both. A `sync` is
//! held until no open cell has a lint waiting out its debounce or running,
//! and no corpus load runs (a load's end lints the open files again). Its
//! empty answer then follows, on the same output, every publication of the
//! work scheduled before it: whatever the client receives after the answer
//! was caused by something sent after the request. Editors never send it.

use lsp_server::RequestId;

use super::session::{Place, Session};

/// The method's name.
pub(crate) const METHOD: &str = "matrixlint/sync";

/// Whether any lint or corpus load is still to finish.
pub(crate) fn busy(session: &Session) -> bool {
    session.loads.any_running()
        || session.docs.values().any(|doc| {
            let Place::Cell { root, .. } = &doc.place else { return false };
            // A dirty cell whose root cannot lint (no engine: a broken
            // configuration) is never started; waiting for it would hang.
            let startable = || session.roots.get(root).is_some_and(|r| r.engine.is_some());
            doc.lint.in_flight.is_some() || (doc.lint.dirty && startable())
        })
}

/// The `sync` requests not answered yet, in the order they came.
#[derive(Debug, Default)]
pub(crate) struct Held(Vec<RequestId>);

impl Held {
    /// Holds the request `id` until the server is quiet.
    pub(crate) fn hold(&mut self, id: RequestId) {
        self.0.push(id);
    }

    /// The held requests to answer now: all of them once `session` is quiet, else none.
    pub(crate) fn release(&mut self, session: &Session) -> Vec<RequestId> {
        if self.0.is_empty() || busy(session) {
            return Vec::new();
        }
        std::mem::take(&mut self.0)
    }
}
