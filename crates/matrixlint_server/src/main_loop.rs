//! The main loop: reads the client's messages, keeps the session, starts
//! lints and requests on the workers and sends their answers.
//!
//! The protocol's life cycle is kept here, whatever order the client sends
//! things in: requests before `initialize` are refused with
//! `ServerNotInitialized`, requests after `shutdown` with `InvalidRequest`,
//! and only `exit` (or the end of the input) ends the loop.

use std::collections::HashSet;

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::{InitializeParams, InitializeResult, ServerInfo};

use super::LoadHook;
use super::api;
use super::capabilities::{self, ClientFlags};
use super::client::Client;
use super::lint::{self, Linted};
use super::log::Logger;
use super::position::Encoding;
use super::schedule::Pool;
use super::session::{Loaded, Loads, Session};
use super::sync;
use super::transport::Connection;

/// What workers send back to the main loop.
#[derive(Debug)]
pub(crate) enum Event {
    /// The answer to a request.
    Respond(Response),
    /// A lint's result.
    Linted(Linted),
    /// A corpus root loaded (or part of the way).
    Loaded(Box<Loaded>),
}

/// The server: connection, session and workers.
pub(crate) struct Server {
    connection: Connection,
    events: Sender<Event>,
    events_in: Receiver<Event>,
    today: jiff::civil::Date,
    /// `None` until `initialize`.
    session: Option<Session>,
    pool: Pool,
    logger: Logger,
    /// Requests not answered yet (a cancelled one is answered at once).
    pending: HashSet<RequestId>,
    /// Requests about documents whose corpus is still loading, answered once it is.
    waiting: Vec<Request>,
    /// `matrixlint/sync` requests, answered once no lint or load is pending.
    syncs: sync::Held,
    hook: Option<LoadHook>,
    shutdown: bool,
}

impl Server {
    pub(super) fn new(connection: Connection, today: jiff::civil::Date, hook: Option<LoadHook>) -> Self {
        let logger = Logger::new(connection.sender.clone(), std::sync::Arc::clone(&connection.log));
        let (events, events_in) = crossbeam_channel::unbounded();
        let pool = Pool::new(&logger);
        Self {
            connection,
            events,
            events_in,
            today,
            session: None,
            pool,
            logger,
            pending: HashSet::new(),
            waiting: Vec::new(),
            syncs: sync::Held::default(),
            hook,
            shutdown: false,
        }
    }

    /// Runs until `exit` or the end of the input; returns the exit code.
    pub(super) fn run(mut self) -> u8 {
        loop {
            let due = self.session.as_mut().and_then(|s| lint::start_due(s, &self.pool, &self.events));
            let timer = due.map_or_else(crossbeam_channel::never, crossbeam_channel::at);
            self.answer_syncs();
            select! {
                recv(self.connection.receiver) -> message => match message {
                    Ok(message) => {
                        if let Some(code) = self.handle(message) {
                            return code;
                        }
                    }
                    Err(_) => {
                        if self.connection.is_broken() {
                            return 1;
                        }
                        self.logger.info("the client closed the connection");
                        return if self.shutdown { 0 } else { 1 };
                    }
                },
                recv(self.events_in) -> event => {
                    if let Ok(event) = event {
                        self.event(event);
                    }
                },
                recv(timer) -> _ => {},
            }
            // Messages already waiting are read before any lint starts, so
            // that a burst of changes is linted once.
            while let Ok(message) = self.connection.receiver.try_recv() {
                if let Some(code) = self.handle(message) {
                    return code;
                }
            }
        }
    }

    /// Handles one message; `Some(code)` ends the loop.
    fn handle(&mut self, message: Message) -> Option<u8> {
        match message {
            Message::Request(req) => self.request(req),
            Message::Notification(n) if n.method == lsp_types::notification::Exit::METHOD => {
                return Some(if self.shutdown { 0 } else { 1 });
            }
            Message::Notification(n) => self.notification(n),
            Message::Response(r) => {
                if let Err(error) = r.response_result {
                    self.logger.warn(format!("the client refused request {}: {}", r.id, error.message));
                }
            }
        }
        None
    }

    fn request(&mut self, req: Request) {
        let refuse =
            |code: ErrorCode, message: &str| Response::new_err(req.id.clone(), code as i32, message.to_owned());
        let refusal = match (&self.session, req.method.as_str()) {
            (None, "initialize") => return self.initialize(req),
            (None, _) => Some(refuse(ErrorCode::ServerNotInitialized, "the server is not initialized yet")),
            (Some(_), "initialize") => Some(refuse(ErrorCode::InvalidRequest, "the server is already initialized")),
            _ if self.shutdown => Some(refuse(ErrorCode::InvalidRequest, "the server is shutting down")),
            (Some(_), "shutdown") => {
                self.shutdown = true;
                Some(Response::new_ok(req.id.clone(), ()))
            }
            _ => None,
        };
        if let Some(response) = refusal {
            self.connection.sender.send(Message::Response(response)).ok();
            return;
        }
        if self.session.is_none() {
            return;
        }
        self.pending.insert(req.id.clone());
        if req.method == sync::METHOD {
            return self.syncs.hold(req.id);
        }
        self.dispatch(req);
    }

    /// Answers the held `sync` requests once nothing is pending (after the
    /// lints due have started: a change just read counts as pending).
    fn answer_syncs(&mut self) {
        let Some(session) = &self.session else { return };
        for id in self.syncs.release(session) {
            if self.pending.remove(&id) {
                self.connection.sender.send(Message::Response(Response::new_ok(id, ()))).ok();
            }
        }
    }

    /// Starts answering a request, or keeps it until its document's corpus
    /// is loaded (an answer before would miss what the corpus knows).
    fn dispatch(&mut self, req: Request) {
        let Some(session) = self.session.as_mut() else { return };
        if !self.pending.contains(&req.id) {
            return; // cancelled while waiting
        }
        if api::waits_for_corpus(session, &req) {
            self.waiting.push(req);
            return;
        }
        api::request(session, &api::Workers { pool: &self.pool, events: &self.events }, req);
    }

    fn notification(&mut self, n: Notification) {
        if n.method == lsp_types::notification::Cancel::METHOD {
            return self.cancel(n);
        }
        let Some(session) = self.session.as_mut() else { return };
        if n.method == lsp_types::notification::Initialized::METHOD {
            return api::initialized(session);
        }
        api::notification(session, n);
    }

    /// Answers a cancelled request at once; its late answer is dropped.
    fn cancel(&mut self, n: Notification) {
        let Ok(params) = serde_json::from_value::<lsp_types::CancelParams>(n.params) else { return };
        let id = match params.id {
            lsp_types::NumberOrString::Number(n) => RequestId::from(n),
            lsp_types::NumberOrString::String(s) => RequestId::from(s),
        };
        if self.pending.remove(&id) {
            let response = Response::new_err(id, ErrorCode::RequestCanceled as i32, "cancelled".to_owned());
            self.connection.sender.send(Message::Response(response)).ok();
        }
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Respond(response) => {
                if self.pending.remove(&response.id) {
                    self.connection.sender.send(Message::Response(response)).ok();
                }
            }
            Event::Linted(linted) => {
                if let Some(session) = self.session.as_mut() {
                    lint::finish(session, linted);
                }
            }
            Event::Loaded(loaded) => {
                if let Some(session) = self.session.as_mut() {
                    session.loaded(loaded);
                }
                for req in std::mem::take(&mut self.waiting) {
                    self.dispatch(req);
                }
            }
        }
    }

    fn initialize(&mut self, req: Request) {
        let params: InitializeParams = match serde_json::from_value(req.params) {
            Ok(params) => params,
            Err(e) => {
                let message = format!("invalid initialize parameters: {e}");
                let response = Response::new_err(req.id, ErrorCode::InvalidParams as i32, message);
                self.connection.sender.send(Message::Response(response)).ok();
                return;
            }
        };
        let caps = &params.capabilities;
        let offered = caps.general.as_ref().and_then(|g| g.position_encodings.as_deref());
        let encoding = Encoding::negotiate(offered);
        let flags = ClientFlags::of(caps);
        let client = Client::new(self.connection.sender.clone());
        let loads = Loads::new(self.events.clone(), self.today, self.hook.clone());
        let mut session = Session::new(encoding, flags, client, self.logger.clone(), loads);
        session.folders = api::folders(&params);
        let result = InitializeResult {
            capabilities: capabilities::server(encoding),
            server_info: Some(ServerInfo {
                name: "matrixlint".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        };
        self.connection.sender.send(Message::Response(Response::new_ok(req.id, result))).ok();
        self.logger.info(format!(
            "matrixlint {} started: positions in {encoding:?}, today is {}",
            env!("CARGO_PKG_VERSION"),
            self.today
        ));
        self.session = Some(session);
    }
}
