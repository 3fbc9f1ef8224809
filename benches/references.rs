//! Lists the cross-references matrixlint reads in text files, one per line,
//! to count them against a hand count (issue 17's measurements on published
//! pages, which stay outside the repository):
//!
//! ```sh
//! cargo bench --profile dev --bench references -- DIR
//! ```
//!
//! Each `*.txt` file under DIR is read as Markdown (paragraphs end at blank
//! lines); each reference prints as `file: target [phrase]`, the matrix named
//! in the phrase after it.

use matrixlint_engine::index::xref::{self, Target};

// A measuring tool: its output is the point.
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --profile dev --bench references -- DIR");
        std::process::exit(2);
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut total = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for x in xref::scan(&text) {
            let target = match &x.target {
                Target::Cell(id) => format!("cell {id}"),
                Target::Row(n) => format!("row {n}"),
                Target::Column(c) => format!("column {c}"),
            };
            let implied = if x.implied { " (implied)" } else { "" };
            let matrix = x.matrix.map(|m| format!(" → {}", m.0)).unwrap_or_default();
            let phrase = text[x.phrase].replace('\n', " ");
            println!("{name}: {target}{implied}{matrix} [{phrase}]");
            total += 1;
        }
    }
    println!("{total} references");
}
