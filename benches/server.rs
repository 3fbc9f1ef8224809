//! `matrixlint server` as an editor drives it: a scripted client over stdio
//! on a corpus of `CELLS` seed-sized cells (default 50: the bundled
//! transcription of the seed, Drug B2, 32 KB, written as every cell of both
//! matrices; more are spread over registered bench matrices of 25 cells, as
//! in `benches/check.rs`).
//!
//! - start-up: from starting the process to the first diagnostics of the
//!   first cell opened, and to the log line saying the index is complete;
//!   the server's resident memory then (`VmRSS`);
//! - typing: from each `didChange` (one character inserted or deleted in a
//!   paragraph, one keystroke every 100 ms) to the `publishDiagnostics` of
//!   that version;
//! - an index-record edit: the same, renaming one of the cell's bite issues
//!   (its index record changes, and with it the corpus the server keeps);
//! - a burst: ten changes sent at once, from the last to its diagnostics;
//! - a settings change: `workspace/didChangeConfiguration`, then at once an
//!   edit: from the edit to its diagnostics (the corpus reloads meanwhile);
//! - memory: the server's peak resident set (`VmHWM`) after all of it.
//!
//! Run with `CELLS=10000 cargo bench --bench server` (optionally `-- ROUNDS`,
//! default 200).

// The integration tests' scripted client (it uses their `common` helpers); the
// bench uses part of it.
#[allow(dead_code)]
#[path = "../tests/it/common.rs"]
mod common;
#[allow(dead_code)]
#[path = "../tests/it/server_support.rs"]
mod server_support;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;
use server_support::{Server, capabilities, find};

/// Writes `n` cells under a fresh root: every cell of both matrices for 50,
/// else `n` cells of registered bench matrices.
fn corpus(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let seed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus/cells/drug/B2.yaml"))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let real = n == 50;
    let mut config = String::from("cells: [\"cells/**/*.yaml\"]\n");
    let matrices: Vec<String> = if real {
        vec!["drug".to_owned(), "alcohol".to_owned()]
    } else {
        let axis = "[One, Two, Three, Four, Five]";
        config.push_str("registry:\n  matrices:\n");
        (0..n.div_ceil(25))
            .map(|m| {
                config.push_str(&format!(
                    "    - {{ id: m{m}, name: Bench {m} Treatment Matrix, short_name: Bench {m} Matrix, columns: {axis}, rows: {axis} }}\n"
                ));
                format!("m{m}")
            })
            .collect()
    };
    std::fs::write(root.join("matrixlint.yaml"), config).unwrap();
    for i in 0..n {
        let (matrix, k) = (&matrices[i / 25], i % 25);
        let id = format!("{}{}", char::from(b'A' + u8::try_from(k / 5).unwrap()), k % 5 + 1);
        let text = seed.replacen("matrix: drug", &format!("matrix: {matrix}"), 1).replacen(
            "cell: B2",
            &format!("cell: {id}"),
            1,
        );
        let path = root.join(format!("cells/{matrix}/{id}.yaml"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    (dir, root)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// A figure of a process's memory from `/proc` (Linux): `VmHWM` (peak) or `VmRSS` (now).
fn memory(pid: u32, field: &str) -> String {
    let read = || {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(format!("{:.1} MB", kb / 1024.0))
    };
    read().unwrap_or_else(|| "unknown".to_owned())
}

/// Waits for the log line saying a corpus is indexed.
fn indexed(server: &mut Server) {
    server.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"].as_str().is_some_and(|t| t.contains("cells indexed"))
    });
}

/// One edit replacing the whole text; the time to its diagnostics.
fn edit(server: &mut Server, uri: &str, version: i64, text: &str) -> Duration {
    let sent = Instant::now();
    server.change(uri, version, json!([{ "text": text }]));
    server.diagnostics_of(uri, version);
    sent.elapsed()
}

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "median {}, p95 {}, max {}",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(times[times.len() - 1])
    )
}

fn start(root: &Path) -> (Server, Instant) {
    let started = Instant::now();
    let mut server = Server::spawn_logging(root, "info");
    server.initialize(root, capabilities(&["utf-16"]));
    (server, started)
}

#[allow(clippy::print_stdout)]
fn main() {
    let rounds: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(200);
    let cells: usize = std::env::var("CELLS").ok().and_then(|c| c.parse().ok()).unwrap_or(50);
    let (_dir, root) = corpus(cells);
    let cell = root.join(if cells == 50 { "cells/drug/C3.yaml" } else { "cells/m0/C3.yaml" });
    let text = std::fs::read_to_string(&cell).unwrap();

    let (mut startups, mut complete) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let (mut server, started) = start(&root);
        let uri = server.open(&cell, &text);
        server.diagnostics_of(&uri, 1);
        startups.push(started.elapsed());
        indexed(&mut server);
        complete.push(started.elapsed());
        server.stop();
    }

    let (mut server, _) = start(&root);
    let uri = server.open(&cell, &text);
    server.diagnostics_of(&uri, 1);
    indexed(&mut server);
    let loaded_memory = memory(server.pid(), "VmRSS:");
    let (line, column) = find(&text, "the therapist", 0);
    let at = json!({ "line": line, "character": column });
    let mut typing = Vec::with_capacity(rounds);
    for version in 2..rounds as i64 + 2 {
        // Insert a letter, then delete it: the text stays seed-sized.
        let change = if version % 2 == 0 {
            json!({ "range": { "start": at, "end": at }, "text": "x" })
        } else {
            json!({ "range": { "start": at, "end": { "line": line, "character": column + 1 } }, "text": "" })
        };
        std::thread::sleep(Duration::from_millis(100));
        let sent = Instant::now();
        server.change(&uri, version, json!([change]));
        server.diagnostics_of(&uri, version);
        typing.push(sent.elapsed());
    }

    let mut version = rounds as i64 + 2;
    // An issue renamed and back: the cell's index record changes at every edit.
    let renamed = text.replacen("- id: is-it-best-to-busk-it", "- id: is-it-best-to-busk-it-or-not", 1);
    assert_ne!(renamed, text, "the seed has the issue renamed here");
    let mut record_edits = Vec::new();
    for i in 0..rounds.min(60) {
        std::thread::sleep(Duration::from_millis(100));
        record_edits.push(edit(&mut server, &uri, version, if i % 2 == 0 { &renamed } else { &text }));
        version += 1;
    }

    let mut bursts = Vec::new();
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(100));
        for i in 0..10 {
            let change = json!({ "range": { "start": at, "end": at }, "text": if i % 2 == 0 { "y" } else { "" } });
            server.change(&uri, version, json!([change]));
            version += 1;
        }
        bursts.push(edit(&mut server, &uri, version, &text));
        version += 1;
    }

    let mut after_settings = Vec::new();
    for i in 0..5 {
        server.notify("workspace/didChangeConfiguration", json!({ "settings": {} }));
        after_settings.push(edit(&mut server, &uri, version, if i % 2 == 0 { &renamed } else { &text }));
        version += 1;
        indexed(&mut server);
    }
    let peak = memory(server.pid(), "VmHWM:");
    server.stop();

    println!("matrixlint server on {cells} seed-sized cells ({} bytes each)", text.len());
    println!("start-up to first diagnostics (10 starts): {}", summary(startups));
    println!("start-up to the complete index (10 starts): {}", summary(complete));
    println!("resident memory once the corpus is indexed: {loaded_memory}");
    println!("didChange to publishDiagnostics, typing ({rounds} keystrokes, 100 ms apart): {}", summary(typing));
    println!("an index-record edit (an issue renamed, {} edits): {}", record_edits.len(), summary(record_edits));
    println!("a burst of 11 changes, last change to its diagnostics (20 bursts): {}", summary(bursts));
    println!("an edit right after didChangeConfiguration (5 changes): {}", summary(after_settings));
    println!("peak memory of the server: {peak}");
}
