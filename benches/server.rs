//! `matrixlint server` as an editor drives it: a scripted client over stdio
//! on a corpus of 50 seed-sized cells (the bundled transcription of the seed,
//! Drug B2, 32 KB, written as every cell of both matrices).
//!
//! - start-up: from starting the process to the first diagnostics of the
//!   first cell opened (initialize, the corpus loaded and indexed, one lint);
//! - typing: from each `didChange` (one character inserted or deleted in a
//!   paragraph, one keystroke every 100 ms) to the `publishDiagnostics` of
//!   that version;
//! - a burst: ten changes sent at once, from the last to its diagnostics;
//! - memory: the server's peak resident set (`VmHWM`) after all of it.
//!
//! Run with `cargo bench --bench server` (optionally `-- ROUNDS`, default 200).

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

/// Writes every cell of both matrices under a fresh root.
fn corpus() -> (tempfile::TempDir, std::path::PathBuf) {
    let seed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus/cells/drug/B2.yaml"))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("matrixlint.yaml"), "cells: [\"cells/**/*.yaml\"]\n").unwrap();
    for matrix in ["drug", "alcohol"] {
        std::fs::create_dir_all(root.join("cells").join(matrix)).unwrap();
        for column in 'A'..='E' {
            for row in 1..=5 {
                let text = seed.replacen("matrix: drug", &format!("matrix: {matrix}"), 1).replacen(
                    "cell: B2",
                    &format!("cell: {column}{row}"),
                    1,
                );
                std::fs::write(root.join(format!("cells/{matrix}/{column}{row}.yaml")), text).unwrap();
            }
        }
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

/// Peak resident memory of a process, from `/proc` (Linux).
fn peak_memory(pid: u32) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.1} MB", kb / 1024.0))
}

fn start(root: &Path) -> (Server, Instant) {
    let started = Instant::now();
    let mut server = Server::spawn_logging(root, "warn");
    server.initialize(root, capabilities(&["utf-16"]));
    (server, started)
}

#[allow(clippy::print_stdout)]
fn main() {
    let rounds: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(200);
    let (_dir, root) = corpus();
    let cell = root.join("cells/drug/C3.yaml");
    let text = std::fs::read_to_string(&cell).unwrap();

    let mut startups = Vec::new();
    for _ in 0..10 {
        let (mut server, started) = start(&root);
        let uri = server.open(&cell, &text);
        server.diagnostics_of(&uri, 1);
        startups.push(started.elapsed());
        server.stop();
    }
    startups.sort();

    let (mut server, _) = start(&root);
    let uri = server.open(&cell, &text);
    server.diagnostics_of(&uri, 1);
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
    typing.sort();

    let mut bursts = Vec::new();
    let mut version = rounds as i64 + 2;
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(100));
        for i in 0..10 {
            let change = json!({ "range": { "start": at, "end": at }, "text": if i % 2 == 0 { "y" } else { "" } });
            server.change(&uri, version, json!([change]));
            version += 1;
        }
        let sent = Instant::now();
        server.change(&uri, version, json!([{ "text": text }]));
        server.diagnostics_of(&uri, version);
        bursts.push(sent.elapsed());
        version += 1;
    }
    bursts.sort();
    let memory = peak_memory(server.pid()).unwrap_or_else(|| "unknown".to_owned());
    server.stop();

    println!("matrixlint server on 50 seed-sized cells ({} bytes each)", text.len());
    println!(
        "start-up to first diagnostics (10 starts): median {}, max {}",
        ms(percentile(&startups, 0.5)),
        ms(startups[startups.len() - 1])
    );
    println!(
        "didChange to publishDiagnostics, typing ({rounds} keystrokes, 100 ms apart): median {}, p95 {}, max {}",
        ms(percentile(&typing, 0.5)),
        ms(percentile(&typing, 0.95)),
        ms(typing[typing.len() - 1])
    );
    println!(
        "a burst of 11 changes, last change to its diagnostics (20 bursts): median {}, p95 {}",
        ms(percentile(&bursts, 0.5)),
        ms(percentile(&bursts, 0.95))
    );
    println!("peak memory of the server: {memory}");
}
