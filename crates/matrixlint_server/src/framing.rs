//! The protocol's framing, read without trusting it: a header block
//! (`Content-Length: N`, each line ending in CRLF, then an empty line), then
//! N bytes of JSON-RPC.
//!
//! A bad header and a bad body are told apart. A body of the announced
//! length that is not a JSON-RPC message is skipped: the next message starts
//! after it. A header that cannot be trusted (no length, a length that is not
//! a number or is over the cap, a malformed line, an empty block) leaves the
//! body's end unknown, so the reader looks for the next `Content-Length:` and
//! goes on from there. A valid JSON body may hold those words in a string,
//! but never followed by a raw line break (JSON escapes it), so no header
//! read there is complete: the search passes over it and finds the next real
//! message, even after a huge body announced with a length over the cap.
//! Only the end of the input inside a message, or a failing read, stops the
//! reader.
//!
//! Memory: a body is read as it arrives (never allocated at the announced
//! size up front), a header block is at most [`Limits::header`] bytes, and
//! nothing over [`MAX_MESSAGE_BYTES`] is ever held.

use std::io::{self, Read};
use std::sync::LazyLock;

use lsp_server::Message;

/// The largest message the server reads: 64 MiB. A cell source is at most
/// 4 MiB, and escaping it as a JSON string at most doubles it (more for
/// control characters, which cells do not hold).
pub(crate) const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// How much the reader holds at most.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The largest body.
    pub message: usize,
    /// The longest header block (clients send one or two short lines).
    pub header: usize,
    /// How much is read from the input at a time.
    pub chunk: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { message: MAX_MESSAGE_BYTES, header: 8 << 10, chunk: 64 << 10 }
    }
}

/// What is wrong with a header block.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum HeaderProblem {
    #[error("an empty header block")]
    Empty,
    #[error("a header block without Content-Length")]
    NoLength,
    #[error("Content-Length is not a length: `{0}`")]
    NotALength(String),
    #[error("Content-Length {0} is over the {1} limit for a message")]
    TooLarge(String, String),
    #[error("two different Content-Length headers")]
    TwoLengths,
    #[error("a malformed header line `{0}`")]
    MalformedLine(String),
    #[error("a header block longer than {0} bytes")]
    TooLong(usize),
}

/// What the reader found next.
#[derive(Debug)]
pub(crate) enum Frame {
    /// A message.
    Message(Message),
    /// A body of the announced length that is not a JSON-RPC message
    /// (why, on one line); it was skipped.
    BadBody(String),
    /// A header that cannot be trusted; the next call looks for the next
    /// message.
    BadHeader(HeaderProblem),
    /// The next message was found after a bad header, `skipped` bytes on.
    Resynchronised { skipped: u64 },
}

/// Why reading cannot go on.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Fatal {
    /// The input ended in the middle of a message (where, in words).
    #[error("the input ended inside a message ({0})")]
    Truncated(&'static str),
    /// Reading failed.
    #[error("reading from the client failed: {0}")]
    Io(#[from] io::Error),
}

/// What a header block says.
enum Header {
    /// The input ended before it (between two messages).
    End,
    /// Its body's length.
    Length(usize),
    /// What is wrong with it, and where (from its start) to look for the next one.
    Bad(HeaderProblem, usize),
}

/// Where a header starts: the token looked for after a bad header.
static HEADER_START: LazyLock<regex::bytes::Regex> =
    LazyLock::new(|| regex::bytes::Regex::new("(?i-u)content-length:").expect("a valid pattern"));

/// The length of [`HEADER_START`]'s token: a shorter tail may be its start.
const TOKEN_LEN: usize = "content-length:".len();

/// Reads frames from `input`.
pub(crate) struct FrameReader<R> {
    input: R,
    limits: Limits,
    /// Bytes read and not used yet, from `start` on.
    pending: Vec<u8>,
    start: usize,
    /// After a bad header: where to look for the next one (from `start`).
    resync_from: Option<usize>,
    /// The most bytes held at once (buffers' capacities), for tests.
    peak: usize,
}

impl<R: Read> FrameReader<R> {
    pub(crate) fn new(input: R) -> Self {
        Self::with_limits(input, Limits::default())
    }

    pub(crate) fn with_limits(input: R, limits: Limits) -> Self {
        Self { input, limits, pending: Vec::new(), start: 0, resync_from: None, peak: 0 }
    }

    /// The most bytes the reader's buffers held at once.
    #[cfg(test)]
    pub(crate) fn peak(&self) -> usize {
        self.peak
    }

    /// The next frame; `Ok(None)` when the input ends between two messages.
    ///
    /// # Errors
    /// When the input ends inside a message or cannot be read: the stream
    /// cannot be followed any further.
    pub(crate) fn next_frame(&mut self) -> Result<Option<Frame>, Fatal> {
        if let Some(from) = self.resync_from.take() {
            let skipped = self.resynchronise(from)?;
            return Ok(Some(Frame::Resynchronised { skipped }));
        }
        match self.header()? {
            Header::End => Ok(None),
            Header::Length(length) => self.body(length).map(Some),
            Header::Bad(problem, resume) => {
                self.resync_from = Some(resume);
                Ok(Some(Frame::BadHeader(problem)))
            }
        }
    }

    /// Reads a header block.
    fn header(&mut self) -> Result<Header, Fatal> {
        let end = loop {
            let held = &self.pending[self.start..];
            let searched = &held[..held.len().min(self.limits.header)];
            if let Some(end) = block_end(searched) {
                break end;
            }
            if held.len() >= self.limits.header {
                return Ok(Header::Bad(HeaderProblem::TooLong(self.limits.header), 1));
            }
            let nothing_held = held.is_empty();
            if self.fill()? == 0 {
                return if nothing_held { Ok(Header::End) } else { Err(Fatal::Truncated("in its header")) };
            }
        };
        Ok(match parse_header(&self.pending[self.start..self.start + end], self.limits.message) {
            Ok(length) => {
                self.consume(end);
                Header::Length(length)
            }
            Err((problem, resume)) => Header::Bad(problem, resume),
        })
    }

    /// Reads a body of `length` bytes as it arrives and parses it.
    fn body(&mut self, length: usize) -> Result<Frame, Fatal> {
        if self.pending.len() - self.start >= length {
            let (frame, rescan) = judge(&self.pending[self.start..self.start + length]);
            self.consume(rescan.unwrap_or(length));
            return Ok(frame);
        }
        // The bytes in hand become the body's start, without a copy.
        let mut body = std::mem::take(&mut self.pending);
        body.drain(..self.start);
        self.start = 0;
        while body.len() < length {
            let want = (length - body.len()).min(body.len().max(self.limits.chunk));
            let got = read_more(&mut self.input, &mut body, want)?;
            self.peak = self.peak.max(body.capacity());
            if got == 0 {
                return Err(Fatal::Truncated("in its body"));
            }
        }
        let (frame, rescan) = judge(&body);
        if let Some(at) = rescan {
            // What may be the next header goes back in front of the input.
            body.drain(..at);
            self.pending = body;
        }
        Ok(frame)
    }

    /// Skips to the next `Content-Length:` at or after `from`; returns how
    /// many bytes were skipped.
    fn resynchronise(&mut self, mut from: usize) -> Result<u64, Fatal> {
        let mut skipped = 0;
        loop {
            let held = &self.pending[self.start..];
            let from_here = from.min(held.len());
            if let Some(found) = HEADER_START.find(&held[from_here..]) {
                let at = from_here + found.start();
                self.consume(at);
                return Ok(skipped + at as u64);
            }
            // Keep a tail that may be the start of the token, cut by a read.
            let keep = (held.len() - from_here).min(TOKEN_LEN - 1);
            let dropped = held.len() - keep;
            self.consume(dropped);
            skipped += dropped as u64;
            from = 0;
            if self.fill()? == 0 {
                return Err(Fatal::Truncated("while looking for the next message after a bad header"));
            }
        }
    }

    /// Marks `n` bytes as used.
    fn consume(&mut self, n: usize) {
        self.start += n;
        if self.start == self.pending.len() {
            self.start = 0;
            self.pending.clear();
            if self.pending.capacity() > 4 * self.limits.chunk {
                // A large body pushed back once is not kept for ever.
                self.pending = Vec::new();
            }
        }
    }

    /// Reads once more from the input; the number of bytes read (0 at the end).
    fn fill(&mut self) -> io::Result<usize> {
        // Only bytes not used yet move: at most a header's worth.
        self.pending.drain(..self.start);
        self.start = 0;
        let got = read_more(&mut self.input, &mut self.pending, self.limits.chunk)?;
        self.peak = self.peak.max(self.pending.capacity());
        Ok(got)
    }
}

/// Appends at most `want` bytes from `input` to `buffer`, growing it by no
/// more than that; the number of bytes read (0 at the end of input).
fn read_more(input: &mut impl Read, buffer: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    let old = buffer.len();
    buffer.reserve_exact(want);
    buffer.resize(old + want, 0);
    let got = loop {
        match input.read(&mut buffer[old..]) {
            Ok(got) => break got,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                buffer.truncate(old);
                return Err(e);
            }
        }
    };
    buffer.truncate(old + got);
    Ok(got)
}

/// The length of the header block at the start of `bytes` (up to and with
/// its empty line), if it is all there.
fn block_end(bytes: &[u8]) -> Option<usize> {
    if bytes.starts_with(b"\r\n") {
        return Some(2);
    }
    bytes.windows(4).position(|w| w == b"\r\n\r\n").map(|at| at + 4)
}

/// The body's length a header block announces, or what is wrong and where
/// (from the block's start) to look for the next header.
fn parse_header(block: &[u8], max: usize) -> Result<usize, (HeaderProblem, usize)> {
    if block == b"\r\n" {
        return Err((HeaderProblem::Empty, 2));
    }
    let mut length = None;
    let mut at = 0;
    // The block ends with the line end of its last line and the empty line.
    let lines_end = block.len() - 2;
    while at < lines_end {
        let end = at + block[at..].windows(2).position(|w| w == b"\r\n").expect("the block ends with CRLF");
        let line = &block[at..end];
        let bad_line = || (HeaderProblem::MalformedLine(shown(line)), at + 1);
        let colon = line.iter().position(|&b| b == b':').ok_or_else(bad_line)?;
        let (name, value) = (&line[..colon], trim(&line[colon + 1..]));
        if name.is_empty() || !name.iter().all(|&b| is_token_byte(b)) {
            return Err(bad_line());
        }
        if name.eq_ignore_ascii_case(b"content-length") {
            let this = parse_length(value, max).map_err(|p| (p, at + 1))?;
            if length.is_some_and(|earlier| earlier != this) {
                return Err((HeaderProblem::TwoLengths, at + 1));
            }
            length = Some(this);
        } else if value.iter().any(|&b| b.is_ascii_control() && b != b'\t') {
            return Err(bad_line());
        }
        at = end + 2;
    }
    // The next header may hide in a line that looked like a header (after
    // a cut message, `X: Content-Length: 52`): look from the block's start.
    length.ok_or((HeaderProblem::NoLength, 1))
}

/// A `Content-Length` value: decimal digits, at most `max`.
fn parse_length(value: &[u8], max: usize) -> Result<usize, HeaderProblem> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(HeaderProblem::NotALength(shown(value)));
    }
    let too_large = || HeaderProblem::TooLarge(shown(value), size_words(max));
    let mut n: usize = 0;
    for &digit in value {
        n = n.checked_mul(10).and_then(|n| n.checked_add(usize::from(digit - b'0'))).ok_or_else(too_large)?;
    }
    if n > max { Err(too_large()) } else { Ok(n) }
}

/// Whether `b` may appear in a header's name (an HTTP token).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn trim(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// Header text for the log: on one line, control and non-ASCII bytes
/// escaped, at most 60 bytes.
fn shown(bytes: &[u8]) -> String {
    const MAX: usize = 60;
    let mut out = bytes[..bytes.len().min(MAX)].escape_ascii().to_string();
    if bytes.len() > MAX {
        out.push('…');
    }
    out
}

fn size_words(bytes: usize) -> String {
    if bytes.is_multiple_of(1 << 20) { format!("{} MiB", bytes >> 20) } else { format!("{bytes}-byte") }
}

/// A body as a frame and, when it is not even JSON, where in it the next
/// header may start (the announced length was wrong, and the messages that
/// followed may be inside it).
fn judge(body: &[u8]) -> (Frame, Option<usize>) {
    match serde_json::from_slice::<Message>(body) {
        Ok(message) => (Frame::Message(message), None),
        Err(e) => {
            let is_json = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
            let rescan = if is_json { None } else { HEADER_START.find(body).map(|m| m.start()) };
            let why = one_line(&e.to_string());
            (Frame::BadBody(format!("{} bytes: {why}", body.len())), rescan)
        }
    }
}

/// `text` with its control characters escaped.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests;
