//! Import time against page size (issue 16, item 13): it must grow linearly.
//!
//! A synthetic page of about 75 KB, 600 KB and 1.5 MB: half entries each
//! asking for a discussion ("For discussion click here and scroll down to
//! highlighted heading."), half Matrix Bite issues to match them against.
//! Before the bite was indexed once per page, every entry re-stemmed the
//! whole bite, and the import was quadratic (600 KB took minutes). Compare
//! the medians: 600 KB should cost about eight times 75 KB, not sixty-four.
//!
//! Run with `cargo bench --bench import`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use matrixlint_engine::registry::Registry;
use matrixlint_import::import_page;

const WORDS: [&str; 15] = [
    "therapist",
    "alliance",
    "empathy",
    "methadone",
    "counsellor",
    "retention",
    "outcome",
    "clinic",
    "relapse",
    "recovery",
    "commissioning",
    "workforce",
    "supervision",
    "training",
    "motivation",
];

/// `k` words drawn from a fixed sequence starting at `seed`.
fn words(seed: usize, k: usize) -> String {
    (0..k).map(|i| WORDS[(seed * 7 + i * 11 + i * i) % WORDS.len()]).collect::<Vec<_>>().join(" ")
}

/// A page of about `bytes` bytes.
fn page(bytes: usize) -> String {
    let mut page = String::from("Drug Treatment Matrix cell B2: Practitioners; Generic and cross-cutting issues\n\n");
    let mut i = 0;
    while page.len() < bytes / 2 {
        page.push_str(&format!(
            "K **{} {i}** ({}). {}. For discussion click here and scroll down to highlighted heading.\n\n",
            words(i, 8),
            1990 + i % 30,
            words(i + 1, 40)
        ));
        i += 1;
    }
    page.push_str("What is this cell about? An invented bite.\n\nIssues to consider and discuss\n\n");
    let mut j = 0;
    while page.len() < bytes {
        page.push_str(&format!("► **Issue {j} {}** {}.\n\n", words(j + 3, 5), words(j + 5, 60)));
        for k in 0..3 {
            page.push_str(&format!("{}.\n\n", words(j * 3 + k, 60)));
        }
        j += 1;
    }
    page
}

fn import(c: &mut Criterion) {
    let registry = Registry::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for size in [75_000, 600_000, 1_500_000] {
        let text = page(size);
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| import_page(text, &registry).expect("the page imports"));
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
