//! Growth that must stay linear (issue 8, items 11 and 12).
//!
//! `positions`: findings on one long line cost what the same findings cost
//! spread over many lines (position conversion is linear overall).
//! A cell whose summary holds `n` future years (`prose-year` findings), each
//! padded to about 150 bytes of curly-quoted prose, once as a single line
//! (3 MB for 20,000 findings) and once as one line per finding. Each run
//! checks the file and renders the JSON report (which computes every line and
//! column). Compare the two medians at each size.
//!
//! `duplicates`: `n` files declaring one cell; the check and its JSON report
//! grow linearly with `n` (each duplicate is reported once, naming only the
//! first declaration). Compare 300 with 3,000.
//!
//! Run with `cargo bench --bench growth`.

use std::path::Path;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use matrixlint::app::{Project, check::check_files};
use matrixlint::report::{Summary, json};

const FILLER: &str = "the review’s “conclusion” – that relationship-building qualities matter most – was (2099)";

fn cell(n: usize, one_line: bool) -> String {
    let mut text = String::from("matrix: drug\ncell: B2\nsummary: ");
    if one_line {
        text.push('"');
        for _ in 0..n {
            text.push_str(FILLER);
            text.push_str(", and ");
        }
        text.push_str("so on.\"\n");
    } else {
        text.push_str("|-\n");
        for _ in 0..n {
            text.push_str("  ");
            text.push_str(FILLER);
            text.push_str(", and\n");
        }
        text.push_str("  so on.\n");
    }
    text
}

fn corpus<'a>(files: impl IntoIterator<Item = (String, &'a str)>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "rules: { missing-cell: off }\n").unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("cells/drug").join(name), text).unwrap();
    }
    dir
}

fn check_and_render(root: &Path) -> usize {
    let project = Project::open(root, Some(root), jiff::civil::date(2026, 6, 15)).unwrap();
    let diagnostics = check_files(&project, &project.files).unwrap();
    json::render(&diagnostics, Summary::new(1, &diagnostics)).len()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("positions");
    group.sample_size(10);
    for n in [2_000, 20_000] {
        for (layout, one_line) in [("one_line", true), ("spread", false)] {
            let text = cell(n, one_line);
            let dir = corpus([("B2.yaml".to_owned(), text.as_str())]);
            group.bench_with_input(BenchmarkId::new(layout, n), &n, |b, _| b.iter(|| check_and_render(dir.path())));
        }
    }
    group.finish();
    let mut group = c.benchmark_group("duplicates");
    group.sample_size(10);
    let text = "matrix: drug\ncell: B2\n";
    for n in [300, 3_000] {
        let dir = corpus((0..n).map(|i| (format!("B2-{i:05}.yaml"), text)));
        group.bench_with_input(BenchmarkId::new("files", n), &n, |b, _| b.iter(|| check_and_render(dir.path())));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
