//! `check` against bare YAML parsing, on generated corpora of seed-sized cells.
//!
//! Each cell is the bundled transcription of the seed (Drug B2, 32 KB), given
//! its own matrix and cell id; extra matrices are registered in the corpus
//! configuration so that 1,000 cells are distinct. Run with
//! `cargo bench --bench check`.

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use matrixlint::app::{Project, check::check_files};
use saphyr::LoadableYamlNode as _;

const ROWS: [&str; 5] = [
    "Reducing harm",
    "Generic and cross-cutting issues",
    "Medical treatment",
    "Psychosocial therapies",
    "Safeguarding the community",
];
const COLUMNS: [&str; 5] =
    ["Interventions", "Practitioners", "Management/supervision", "Organisational functioning", "Treatment systems"];

/// Writes `n` cells under a fresh root; returns it with the cells' texts.
fn corpus(n: usize) -> (tempfile::TempDir, Vec<String>) {
    let seed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus/cells/drug/B2.yaml"))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let matrices = n.div_ceil(25);
    let mut config = String::from("registry:\n  matrices:\n");
    for m in 0..matrices {
        config.push_str(&format!(
            "    - {{ id: m{m}, name: Bench {m} Treatment Matrix, short_name: Bench {m} Matrix, columns: {COLUMNS:?}, rows: {ROWS:?} }}\n"
        ));
    }
    std::fs::write(dir.path().join("matrixlint.yaml"), config).unwrap();
    let mut texts = Vec::with_capacity(n);
    for i in 0..n {
        let (m, k) = (i / 25, i % 25);
        let id = format!("{}{}", char::from(b'A' + u8::try_from(k / 5).unwrap()), k % 5 + 1);
        let text =
            seed.replacen("matrix: drug", &format!("matrix: m{m}"), 1).replacen("cell: B2", &format!("cell: {id}"), 1);
        let path: PathBuf = dir.path().join(format!("cells/m{m}/{id}.yaml"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        texts.push(text);
    }
    (dir, texts)
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 15)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    for n in [50, 1000] {
        let (dir, texts) = corpus(n);
        let root = dir.path();
        group.bench_with_input(BenchmarkId::new("check", n), &n, |b, _| {
            b.iter(|| {
                let project = Project::open(root, Some(root), today()).unwrap();
                check_files(&project, &project.files).unwrap()
            });
        });
        group.bench_with_input(BenchmarkId::new("parse_saphyr_marked", n), &n, |b, _| {
            b.iter(|| texts.iter().map(|t| saphyr::MarkedYaml::load_from_str(t).unwrap().len()).sum::<usize>());
        });
        group.bench_with_input(BenchmarkId::new("parse_matrixlint_loader", n), &n, |b, _| {
            b.iter(|| texts.iter().filter(|t| matrixlint_engine::source::yaml::load(t).is_ok()).count());
        });
        if n == 50 {
            group.bench_function("open_only_50", |b| {
                b.iter(|| Project::open(root, Some(root), today()).unwrap().files.len())
            });
            // Pre-commit: one named file, the whole corpus indexed for cross-references.
            group.bench_function("check_one_file_of_50", |b| {
                b.iter(|| {
                    let project = Project::open(root, Some(root), today()).unwrap();
                    let one = vec![project.files[7].clone()];
                    check_files(&project, &one).unwrap()
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
