//! The framing reader on exact cases and on random byte streams (property
//! tests standing for a fuzz target): never a panic, never more held than
//! the limits allow, and after garbage either the next well-formed message
//! is read or the reader reports that it cannot go on.

use lsp_server::Notification;
use proptest::prelude::*;
use serde_json::json;

use super::*;

/// An input that hands out its bytes in pieces of the given sizes, in turn.
struct Trickle {
    data: Vec<u8>,
    at: usize,
    sizes: Vec<usize>,
    turn: usize,
}

impl Trickle {
    fn new(data: Vec<u8>, sizes: Vec<usize>) -> Self {
        Self { data, at: 0, sizes, turn: 0 }
    }
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let size = self.sizes.get(self.turn % self.sizes.len().max(1)).copied().unwrap_or(usize::MAX).max(1);
        self.turn += 1;
        let n = size.min(buf.len()).min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Small limits, so that every path (over the cap, a long header block,
/// reads cut anywhere) is met by short inputs.
const SMALL: Limits = Limits { message: 256, header: 64, chunk: 16 };

/// What a reader may hold at most under `limits`.
fn bound(limits: Limits) -> usize {
    limits.message + limits.header + 2 * limits.chunk
}

fn notification(method: &str, text: &str) -> Message {
    Message::Notification(Notification::new(method.to_owned(), json!({ "text": text })))
}

fn framed(message: &Message) -> Vec<u8> {
    let mut out = Vec::new();
    message.clone().write(&mut out).unwrap();
    out
}

fn same(a: &Message, b: &Message) -> bool {
    serde_json::to_value(a).unwrap() == serde_json::to_value(b).unwrap()
}

/// Everything read from `input` to its end: the frames, then the fatal
/// error if there was one.
fn read_all<R: Read>(reader: &mut FrameReader<R>, most: usize) -> (Vec<Frame>, Option<Fatal>) {
    let mut frames = Vec::new();
    for _ in 0..most {
        match reader.next_frame() {
            Ok(Some(frame)) => frames.push(frame),
            Ok(None) => return (frames, None),
            Err(fatal) => return (frames, Some(fatal)),
        }
    }
    panic!("no end after {most} frames: {frames:?}");
}

fn messages(frames: &[Frame]) -> Vec<&Message> {
    frames.iter().filter_map(|f| if let Frame::Message(m) = f { Some(m) } else { None }).collect()
}

fn problems(frames: &[Frame]) -> Vec<String> {
    frames
        .iter()
        .filter_map(|f| match f {
            Frame::BadHeader(p) => Some(p.to_string()),
            Frame::BadBody(why) => Some(format!("body: {why}")),
            _ => None,
        })
        .collect()
}

#[test]
fn each_bad_header_is_named_and_the_next_message_read() {
    let good = notification("good", "");
    let cases: [(&[u8], &str); 9] = [
        (b"Content-Length: -1\r\n\r\n{}", "Content-Length is not a length: `-1`"),
        (b"Content-Length: \r\n\r\n", "Content-Length is not a length: ``"),
        (b"Content-Length: 0x10\r\n\r\n", "Content-Length is not a length: `0x10`"),
        (b"Content-Type: text/plain\r\n\r\n{}", "a header block without Content-Length"),
        (b"\r\n{}", "an empty header block"),
        (b"Content Length: 3\r\n\r\n{}", "a malformed header line `Content Length: 3`"),
        (b"X-Why: \x1b[2J\r\n\r\n", "a malformed header line `X-Why: \\x1b[2J`"),
        (b"Content-Length: 2\r\ncontent-length: 3\r\n\r\n{}", "two different Content-Length headers"),
        (b"Content-Length: 300\r\n\r\n{}", "Content-Length 300 is over the 256-byte limit for a message"),
    ];
    for (bad, named) in cases {
        let mut input = bad.to_vec();
        input.extend(framed(&good));
        let (frames, fatal) = read_all(&mut FrameReader::with_limits(input.as_slice(), SMALL), 20);
        assert!(fatal.is_none(), "{fatal:?}");
        assert_eq!(problems(&frames), [named], "{}", bad.escape_ascii());
        assert!(matches!(messages(&frames)[..], [m] if same(m, &good)), "{frames:?}");
    }
}

#[test]
fn a_long_header_block_is_refused_without_waiting_for_its_end() {
    let mut input = format!("X-Padding: {}\r\n", "p".repeat(100)).into_bytes();
    input.extend(framed(&notification("good", "")));
    let (frames, fatal) = read_all(&mut FrameReader::with_limits(input.as_slice(), SMALL), 20);
    assert!(fatal.is_none(), "{fatal:?}");
    assert_eq!(problems(&frames), ["a header block longer than 64 bytes"]);
    assert_eq!(messages(&frames).len(), 1);
}

#[test]
fn huge_lengths_allocate_nothing_and_the_stream_goes_on() {
    let good = notification("good", "");
    for length in [(1_u64 << 31).to_string(), (1_u64 << 62).to_string(), u64::MAX.to_string(), "9".repeat(100)] {
        let mut input = format!("Content-Length: {length}\r\n\r\n{{\"jsonrpc\":\"2.0\"}}").into_bytes();
        input.extend(framed(&good));
        let mut reader = FrameReader::new(input.as_slice());
        let (frames, fatal) = read_all(&mut reader, 20);
        assert!(fatal.is_none(), "{fatal:?}");
        assert!(problems(&frames)[0].ends_with("is over the 64 MiB limit for a message"), "{frames:?}");
        assert_eq!(messages(&frames).len(), 1);
        assert!(reader.peak() <= 128 << 10, "{length}: held {} bytes", reader.peak());
    }
}

#[test]
fn a_body_is_allocated_as_it_arrives() {
    // 60 MiB announced (under the cap), 10 bytes sent.
    let input = format!("Content-Length: {}\r\n\r\n{{\"jsonrpc\"", 60 << 20);
    let mut reader = FrameReader::new(input.as_bytes());
    let (frames, fatal) = read_all(&mut reader, 5);
    assert!(frames.is_empty());
    assert_eq!(fatal.unwrap().to_string(), "the input ended inside a message (in its body)");
    assert!(reader.peak() <= 128 << 10, "held {} bytes", reader.peak());
}

#[test]
fn messages_swallowed_by_a_length_too_long_are_found_in_the_body() {
    let (a, b) = (notification("a", "first"), notification("b", "second"));
    let mut input = b"Content-Length: 100\r\n\r\n{\"short\":1}".to_vec();
    input.extend(framed(&a));
    input.extend(framed(&b));
    assert!(input.len() > 100 + 23, "the announced body takes in part of `b`");
    let (frames, fatal) = read_all(&mut FrameReader::new(input.as_slice()), 20);
    assert!(fatal.is_none(), "{fatal:?}");
    let read = messages(&frames);
    assert!(read.len() == 2 && same(read[0], &a) && same(read[1], &b), "{frames:?}");
}

#[test]
fn the_end_of_input_between_messages_is_not_an_error_but_inside_one_is() {
    let good = framed(&notification("good", ""));
    let (frames, fatal) = read_all(&mut FrameReader::new(good.as_slice()), 5);
    assert!(fatal.is_none() && frames.len() == 1);
    for (cut, where_) in [(5, "in its header"), (good.len() - 1, "in its body")] {
        let (_, fatal) = read_all(&mut FrameReader::new(&good[..cut]), 5);
        assert_eq!(fatal.unwrap().to_string(), format!("the input ended inside a message ({where_})"));
    }
}

/// Pieces of garbage: random bytes, and fragments of headers and bodies
/// that make the reader take every path.
fn garbage() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..24),
        Just(b"Content-Length: ".to_vec()),
        Just(b"cOnTeNt-LeNgTh:".to_vec()),
        (0_u64..400).prop_map(|n| n.to_string().into_bytes()),
        Just(b"18446744073709551616".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r\n\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"Content-Type: application/vscode-jsonrpc\r\n".to_vec()),
        Just(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".to_vec()),
        "[a-z]{0,8}".prop_map(|m| framed(&notification(&m, "garbage"))),
    ];
    proptest::collection::vec(fragment, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn after_garbage_the_next_message_is_read_or_the_reader_stops(
        junk in garbage(),
        sizes in proptest::collection::vec(1_usize..40, 1..6),
        text in "\\PC{0,40}",
    ) {
        let good = notification("good", &text);
        let mut input = junk.clone();
        input.extend(framed(&good));
        let mut reader = FrameReader::with_limits(Trickle::new(input.clone(), sizes), SMALL);
        let (frames, fatal) = read_all(&mut reader, 4 * input.len() + 10);
        prop_assert!(reader.peak() <= bound(SMALL), "held {} bytes", reader.peak());
        let last = messages(&frames).last().copied();
        prop_assert!(
            fatal.is_some() || last.is_some_and(|m| same(m, &good)),
            "after {:?}: {frames:?}",
            junk.escape_ascii().to_string()
        );
    }

    #[test]
    fn after_garbage_without_line_ends_the_next_message_is_always_read(
        junk in garbage().prop_map(|mut junk| { junk.retain(|&b| b != b'\r'); junk }),
        sizes in proptest::collection::vec(1_usize..40, 1..6),
    ) {
        // Without a CR, the garbage cannot end a header line: whatever it
        // announces, the next message's own header is found.
        let good = notification("good", "");
        let mut input = junk.clone();
        input.extend(framed(&good));
        let mut reader = FrameReader::with_limits(Trickle::new(input.clone(), sizes), SMALL);
        let (frames, fatal) = read_all(&mut reader, 4 * input.len() + 10);
        prop_assert!(fatal.is_none(), "after {:?}: {fatal:?} {frames:?}", junk.escape_ascii().to_string());
        let last = messages(&frames).last().copied();
        prop_assert!(last.is_some_and(|m| same(m, &good)), "after {:?}: {frames:?}", junk.escape_ascii().to_string());
    }

    #[test]
    fn random_bytes_never_panic_nor_hold_more_than_the_limits(
        bytes in proptest::collection::vec(any::<u8>(), 0..2000),
        sizes in proptest::collection::vec(1_usize..64, 1..4),
    ) {
        let mut reader = FrameReader::with_limits(Trickle::new(bytes.clone(), sizes), SMALL);
        read_all(&mut reader, 4 * bytes.len() + 10);
        prop_assert!(reader.peak() <= bound(SMALL));
    }

    #[test]
    fn well_formed_messages_in_any_pieces_are_read_in_order(
        texts in proptest::collection::vec("(\\PC|Content-Length: 5\r\n\r\n){0,30}", 1..8),
        sizes in proptest::collection::vec(1_usize..100, 1..6),
    ) {
        let sent: Vec<Message> = texts.iter().map(|t| notification("m", t)).collect();
        let input: Vec<u8> = sent.iter().flat_map(framed).collect();
        let limits = Limits { message: 4096, ..SMALL };
        let (frames, fatal) = read_all(&mut FrameReader::with_limits(Trickle::new(input, sizes), limits), 100);
        prop_assert!(fatal.is_none(), "{fatal:?}");
        prop_assert_eq!(frames.len(), sent.len(), "{:?}", frames);
        for (read, sent) in messages(&frames).into_iter().zip(&sent) {
            prop_assert!(same(read, sent));
        }
    }
}
