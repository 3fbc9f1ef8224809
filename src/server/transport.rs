//! Messages over standard input and output, framed as the protocol says
//! (`Content-Length` headers), on two threads. Unlike `lsp_server`'s own
//! stdio transport, a payload that is not a JSON-RPC message is reported and
//! skipped instead of closing the connection: a client's one bad message
//! must not end the session.

use std::io::{self, BufReader};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::Message;

use super::log::Logger;

/// The two directions of the connection.
pub(crate) struct Connection {
    /// Messages to the client.
    pub sender: Sender<Message>,
    /// Messages from the client; disconnected when standard input ends.
    pub receiver: Receiver<Message>,
}

/// The reader and writer threads.
pub(crate) struct Threads {
    reader: JoinHandle<()>,
    writer: JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for both threads: the writer ends once every sender is gone.
    ///
    /// # Errors
    /// When standard output could not be written.
    pub(super) fn join(self) -> io::Result<()> {
        // A panic on one of these threads is a bug in framing, already
        // printed by the panic hook; the server's work is done either way.
        let _ = self.reader.join();
        self.writer.join().unwrap_or(Ok(()))
    }
}

/// Starts the reader and writer threads on standard input and output.
pub(crate) fn stdio() -> (Connection, Threads) {
    let (to_client, outgoing) = crossbeam_channel::unbounded::<Message>();
    let writer = std::thread::Builder::new()
        .name("matrixlint-writer".to_owned())
        .spawn(move || {
            let mut stdout = io::stdout().lock();
            outgoing.into_iter().try_for_each(|message| message.write(&mut stdout))
        })
        .expect("the writer thread starts");
    let (incoming, from_client) = crossbeam_channel::unbounded::<Message>();
    let logger = Logger::new(to_client.clone());
    let reader = std::thread::Builder::new()
        .name("matrixlint-reader".to_owned())
        .spawn(move || read_loop(&mut BufReader::new(io::stdin().lock()), &incoming, &logger))
        .expect("the reader thread starts");
    (Connection { sender: to_client, receiver: from_client }, Threads { reader, writer })
}

/// Reads messages until `exit`, the end of input or a broken stream.
pub(crate) fn read_loop(input: &mut impl io::BufRead, incoming: &Sender<Message>, logger: &Logger) {
    loop {
        match Message::read(input) {
            Ok(Some(message)) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    return;
                }
            }
            Ok(None) => return,
            // The whole payload was read: the next message starts after it.
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                logger.error(format!("skipped a message that is not JSON-RPC: {}", shorten(&e.to_string())));
            }
            Err(e) => {
                logger.error(format!("reading from the client failed: {e}"));
                return;
            }
        }
    }
}

/// At most 300 characters of a message about a payload (which may be huge).
fn shorten(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_bad_payload_is_skipped_and_the_next_message_read() {
        let input = format!(
            "{}{}{}",
            framed("{not json"),
            framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
            framed(r#"{"jsonrpc":"2.0","method":"exit"}"#)
        );
        let (sender, receiver) = crossbeam_channel::unbounded();
        let (log_sender, logged) = crossbeam_channel::unbounded();
        read_loop(&mut input.as_bytes(), &sender, &Logger::quiet(log_sender));
        let methods: Vec<String> = receiver
            .try_iter()
            .map(|m| match m {
                Message::Notification(n) => n.method,
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(methods, ["initialized", "exit"]);
        assert_eq!(logged.try_iter().count(), 1, "the bad payload is reported once");
    }

    #[test]
    fn long_messages_are_shortened() {
        assert_eq!(shorten("abc"), "abc");
        assert_eq!(shorten(&"é".repeat(400)).chars().count(), 301);
    }
}
