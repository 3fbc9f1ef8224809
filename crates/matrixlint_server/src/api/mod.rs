//! Requests and notifications, one file per kind: requests about a document
//! run on a worker with a snapshot; notifications change the session on the
//! main loop. A handler that panics is caught: the request gets an error,
//! the server goes on.

mod notifications;
mod requests;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use crossbeam_channel::Sender;
use lsp_server::{ErrorCode, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as n, Notification as _};
use lsp_types::request::{self as r, Request as _};
use lsp_types::{InitializeParams, Uri};

use super::main_loop::Event;
use super::schedule::Pool;
use super::session::{Session, Snapshot};

/// Where requests run and answer.
pub(crate) struct Workers<'a> {
    pub pool: &'a Pool,
    pub events: &'a Sender<Event>,
}

/// Parameters that name one document.
trait DocumentParams {
    fn uri(&self) -> &Uri;
}

macro_rules! document_params {
    ($($params:ty => $($field:ident).+;)*) => {
        $(impl DocumentParams for $params {
            fn uri(&self) -> &Uri {
                &self.$($field).+
            }
        })*
    };
}

document_params! {
    lsp_types::HoverParams => text_document_position_params.text_document.uri;
    lsp_types::GotoDefinitionParams => text_document_position_params.text_document.uri;
    lsp_types::ReferenceParams => text_document_position.text_document.uri;
    lsp_types::CompletionParams => text_document_position.text_document.uri;
    lsp_types::DocumentLinkParams => text_document.uri;
    lsp_types::DocumentSymbolParams => text_document.uri;
    lsp_types::CodeActionParams => text_document.uri;
}

/// Starts answering `req`.
pub(crate) fn request(session: &mut Session, workers: &Workers<'_>, req: Request) {
    let Request { id, method, params } = req;
    match method.as_str() {
        r::HoverRequest::METHOD => on::<r::HoverRequest>(session, workers, id, params, requests::hover::hover),
        r::GotoDefinition::METHOD => {
            on::<r::GotoDefinition>(session, workers, id, params, requests::definition::definition);
        }
        r::References::METHOD => on::<r::References>(session, workers, id, params, requests::references::references),
        r::DocumentLinkRequest::METHOD => {
            on::<r::DocumentLinkRequest>(session, workers, id, params, requests::document_link::links);
        }
        r::DocumentSymbolRequest::METHOD => {
            on::<r::DocumentSymbolRequest>(session, workers, id, params, requests::document_symbol::symbols);
        }
        r::Completion::METHOD => on::<r::Completion>(session, workers, id, params, requests::completion::complete),
        r::CodeActionRequest::METHOD => {
            on::<r::CodeActionRequest>(session, workers, id, params, requests::code_action::actions);
        }
        r::ExecuteCommand::METHOD => {
            let response = match serde_json::from_value(params) {
                Ok(params) => match requests::execute_command::run(session, params) {
                    Ok(()) => Response::new_ok(id, serde_json::Value::Null),
                    Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
                },
                Err(e) => invalid(id, &method, &e),
            };
            let _ = workers.events.send(Event::Respond(response));
        }
        _ => {
            let message = format!("matrixlint does not handle `{method}`");
            let _ =
                workers.events.send(Event::Respond(Response::new_err(id, ErrorCode::MethodNotFound as i32, message)));
        }
    }
}

fn invalid(id: RequestId, method: &str, e: &serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, format!("invalid parameters for {method}: {e}"))
}

/// Runs `handler` for a request about one document on a worker.
fn on<R>(
    session: &mut Session,
    workers: &Workers<'_>,
    id: RequestId,
    params: serde_json::Value,
    handler: fn(&Snapshot, R::Params) -> R::Result,
) where
    R: r::Request,
    R::Params: DocumentParams + Send + 'static,
    R::Result: Send,
{
    let params: R::Params = match serde_json::from_value(params) {
        Ok(params) => params,
        Err(e) => {
            let _ = workers.events.send(Event::Respond(invalid(id, R::METHOD, &e)));
            return;
        }
    };
    let snapshot = session.snapshot(params.uri());
    let events = workers.events.clone();
    let logger = session.logger.clone();
    workers.pool.spawn(R::METHOD, move || {
        let response = match catch_unwind(AssertUnwindSafe(|| handler(&snapshot, params))) {
            Ok(result) => Response::new_ok(id, result),
            Err(_) => {
                logger.error(format!("internal error while answering {}: please report this bug", R::METHOD));
                Response::new_err(id, ErrorCode::InternalError as i32, format!("internal error in {}", R::METHOD))
            }
        };
        let _ = events.send(Event::Respond(response));
    });
}

/// Handles a notification on the main loop.
pub(crate) fn notification(session: &mut Session, note: Notification) {
    match note.method.as_str() {
        n::DidOpenTextDocument::METHOD => with::<n::DidOpenTextDocument>(session, note, notifications::did_open::run),
        n::DidChangeTextDocument::METHOD => {
            with::<n::DidChangeTextDocument>(session, note, notifications::did_change::run);
        }
        n::DidCloseTextDocument::METHOD => {
            with::<n::DidCloseTextDocument>(session, note, notifications::did_close::run)
        }
        n::DidSaveTextDocument::METHOD => with::<n::DidSaveTextDocument>(session, note, notifications::did_save::run),
        n::DidChangeWatchedFiles::METHOD => {
            with::<n::DidChangeWatchedFiles>(session, note, notifications::watched_files::run);
        }
        n::DidChangeConfiguration::METHOD => {
            with::<n::DidChangeConfiguration>(session, note, notifications::configuration::run);
        }
        n::DidChangeWorkspaceFolders::METHOD => {
            with::<n::DidChangeWorkspaceFolders>(session, note, notifications::workspace_folders::run);
        }
        // `$/setTrace`, `$/progress` and the like need nothing.
        _ => {}
    }
}

fn with<N: n::Notification>(session: &mut Session, note: Notification, handler: fn(&mut Session, N::Params)) {
    match serde_json::from_value::<N::Params>(note.params) {
        Ok(params) => {
            if catch_unwind(AssertUnwindSafe(|| handler(session, params))).is_err() {
                session.logger.error(format!("internal error while handling {}: please report this bug", N::METHOD));
            }
        }
        Err(e) => session.logger.warn(format!("ignored {} with invalid parameters: {e}", N::METHOD)),
    }
}

/// The client is ready: watch the corpus files, load the folders' corpora.
pub(crate) fn initialized(session: &mut Session) {
    notifications::watched_files::register(session);
    for folder in session.folders.clone() {
        if folder.join(crate::config::FILE_NAME).symlink_metadata().is_ok()
            && let Ok(root) = folder.canonicalize()
        {
            session.ensure_root(&root);
        }
    }
}

/// Whether `req` is about a document whose corpus is not loaded yet (its
/// load is started): it is answered once the corpus is there.
pub(crate) fn waits_for_corpus(session: &mut Session, req: &Request) -> bool {
    let uri = req.params.get("textDocument").and_then(|d| d.get("uri")).and_then(|u| u.as_str());
    let Some(path) = uri.and_then(|u| u.parse::<Uri>().ok()).and_then(|u| super::convert::path_of(&u)) else {
        return false;
    };
    let Some(dir) = Session::root_dir_for(&path) else { return false };
    if session.roots.contains_key(&dir) {
        return false;
    }
    session.ensure_root(&dir);
    true
}

/// The workspace folders the client names (or its root, for old clients).
pub(crate) fn folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        params.workspace_folders.iter().flatten().filter_map(|f| super::convert::path_of(&f.uri)).collect();
    #[allow(deprecated)]
    if out.is_empty()
        && let Some(root) = params.root_uri.as_ref().and_then(super::convert::path_of)
    {
        out.push(root);
    }
    out
}
