//! Messages over standard input and output, framed as the protocol says
//! (`Content-Length` headers), on two threads. Reading is [`framing`]'s:
//! a payload that is not JSON-RPC is reported and skipped, a header that
//! cannot be trusted is reported and the next message looked for, so that a
//! client's one bad message never ends the session nor makes the server
//! deaf. Only an input that ends inside a message (or cannot be read) stops
//! the reader, and the server then exits with an error, so that the editor
//! starts it again.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::Message;

use super::Stdio;
use super::framing::{Frame, FrameReader};
use super::log::{LogSink, Logger};

/// The two directions of the connection.
pub(crate) struct Connection {
    /// Messages to the client.
    pub sender: Sender<Message>,
    /// Messages from the client; disconnected when standard input ends.
    pub receiver: Receiver<Message>,
    /// Set (before `receiver` disconnects) when the input broke off inside
    /// a message or could not be read.
    pub broken: Arc<AtomicBool>,
    /// Where the log goes besides the client.
    pub log: LogSink,
}

impl Connection {
    /// Whether the input broke off inside a message.
    pub(crate) fn is_broken(&self) -> bool {
        self.broken.load(Ordering::Acquire)
    }
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

/// Starts the reader and writer threads on the binary's standard input and output.
pub(crate) fn stdio(stdio: Stdio) -> (Connection, Threads) {
    let Stdio { input, output, log } = stdio;
    let (to_client, outgoing) = crossbeam_channel::unbounded::<Message>();
    let writer = std::thread::Builder::new()
        .name("matrixlint-writer".to_owned())
        .spawn(move || {
            let mut output = output;
            outgoing.into_iter().try_for_each(|message| message.write(&mut output))
        })
        .expect("the writer thread starts");
    let (incoming, from_client) = crossbeam_channel::unbounded::<Message>();
    let logger = Logger::new(to_client.clone(), Arc::clone(&log));
    let broken = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&broken);
    let reader = std::thread::Builder::new()
        .name("matrixlint-reader".to_owned())
        .spawn(move || {
            let ended = read_loop(&mut FrameReader::new(input), &incoming, &logger);
            flag.store(!ended, Ordering::Release);
        })
        .expect("the reader thread starts");
    (Connection { sender: to_client, receiver: from_client, broken, log }, Threads { reader, writer })
}

/// Reads messages until `exit`, the end of input or a broken stream;
/// whether it ended well (`exit`, or the input's end between messages).
pub(crate) fn read_loop(input: &mut FrameReader<impl io::Read>, incoming: &Sender<Message>, logger: &Logger) -> bool {
    loop {
        match input.next_frame() {
            Ok(Some(Frame::Message(message))) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    return true;
                }
            }
            Ok(Some(Frame::BadBody(why))) => logger.error(format!("skipped a message that is not JSON-RPC: {why}")),
            Ok(Some(Frame::BadHeader(problem))) => {
                logger.error(format!("ignored a bad header ({problem}); looking for the next message"));
            }
            Ok(Some(Frame::Resynchronised { skipped })) => {
                logger.info(format!("found the next message after skipping {skipped} bytes"));
            }
            Ok(None) => return true,
            Err(fatal) => {
                logger.error(format!("{fatal}: the server stops, so that the editor can start it again"));
                return false;
            }
        }
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
        assert!(read_loop(&mut FrameReader::new(input.as_bytes()), &sender, &Logger::quiet(log_sender)));
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
    fn a_bad_header_is_reported_and_an_input_cut_short_is_an_error() {
        let input = format!("Content-Length: -1\r\n\r\n{}Content-Length: 20\r\n\r\n{{\"jsonrpc\"", framed("{}"));
        let (sender, receiver) = crossbeam_channel::unbounded();
        let (log_sender, logged) = crossbeam_channel::unbounded();
        assert!(!read_loop(&mut FrameReader::new(input.as_bytes()), &sender, &Logger::quiet(log_sender)));
        assert_eq!(receiver.try_iter().count(), 0, "`{{}}` is JSON but not JSON-RPC");
        let lines: Vec<String> = logged
            .try_iter()
            .map(|m| match m {
                Message::Notification(n) => n.params["message"].as_str().unwrap().to_owned(),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(
            lines,
            [
                "ignored a bad header (Content-Length is not a length: `-1`); looking for the next message",
                "found the next message after skipping 22 bytes",
                "skipped a message that is not JSON-RPC: 2 bytes: data did not match any variant of untagged enum Message",
                "the input ended inside a message (in its body): the server stops, so that the editor can start it again",
            ]
        );
    }
}
