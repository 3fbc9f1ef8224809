//! Messages the server sends on its own: notifications, and requests whose
//! answers it does not wait for.

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification, Request, RequestId};
use lsp_types::{PublishDiagnosticsParams, Uri};

/// The way to the client.
#[derive(Debug)]
pub(crate) struct Client {
    sender: Sender<Message>,
    next_id: i32,
}

impl Client {
    pub(super) fn new(sender: Sender<Message>) -> Self {
        Self { sender, next_id: 0 }
    }

    /// Sends a notification.
    pub(super) fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(N::METHOD.to_owned(), params)));
    }

    /// Sends a request; its answer is read and dropped by the main loop.
    pub(super) fn request<R: lsp_types::request::Request>(&mut self, params: R::Params) {
        self.next_id += 1;
        let id = RequestId::from(format!("matrixlint-{}", self.next_id));
        self.send(Message::Request(Request::new(id, R::METHOD.to_owned(), params)));
    }

    /// Publishes a document's diagnostics.
    pub(super) fn publish(&self, uri: Uri, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        self.notify::<lsp_types::notification::PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    fn send(&self, message: Message) {
        // Once the writer is gone the client has left; the main loop sees
        // its input end and stops.
        let _ = self.sender.send(message);
    }
}
