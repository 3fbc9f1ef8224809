//! The HTML format: both matrices drawn as grids (inline SVG), each cell
//! coloured by its worst open problem and linking to its section; then the
//! problems cell by cell with the evidence, the notices and the suggested
//! updates; then what stayed unknown. Self-contained, no script.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::View;
use crate::diagnostic::Diagnostic;
use crate::evidence::audit::Checked;
use crate::links::guard::Guard;
use crate::registry::{CellId, Registry};
use crate::report::links::html::esc;
use crate::report::repo_path;

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}\
main{max-width:1100px;margin:0 auto;padding:24px}h2{margin-top:32px;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%;background:#fff}\
th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}th{background:#f0f0f0}a{color:#0b57d0;word-break:break-all}";

/// The grids' and the legend's styles (the link report adds them when it shows the grids).
pub(crate) const GRID_STYLE: &str = ".grids{display:flex;flex-wrap:wrap;gap:32px}.grids svg text{font-size:12px}\
.legend span{display:inline-block;margin-right:14px}.sw{display:inline-block;width:.9em;height:.9em;margin-right:4px;border-radius:2px;vertical-align:-1px}";

/// Findings by (matrix, cell) as written; every cell with an entry is present.
pub(crate) type Cells<'a> = BTreeMap<(String, String), Vec<&'a Diagnostic>>;

/// Where a page puts the grids' targets: `prefix` before every id (the
/// link report's section uses `evidence-`), `heading` for each cell's title.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Anchors<'a> {
    pub prefix: &'a str,
    pub heading: &'a str,
}

/// The evidence report's own page.
const PAGE: Anchors<'static> = Anchors { prefix: "", heading: "h2" };

/// Problems, worst first, with their colour and words.
const KINDS: [(&str, &str, &str); 8] = [
    ("retracted", "#c62828", "retracted"),
    ("dead-link", "#6a1b9a", "dead link"),
    ("superseded", "#ef6c00", "superseded"),
    ("free-source-closed", "#f9a825", "free source closed"),
    ("expression-of-concern", "#fdd835", "expression of concern"),
    ("year-mismatch", "#90caf9", "year mismatch"),
    ("corrected", "#b3e5fc", "corrected / open copy"),
    ("free-source-available", "#b3e5fc", "corrected / open copy"),
];
const CLEAN: &str = "#a5d6a7";
/// A cell whose entries were not all checked: never shown as clean.
const UNKNOWN: &str = "#9e9e9e";
const EMPTY: &str = "#eeeeee";

fn rank(rule: &str) -> usize {
    KINDS.iter().position(|k| k.0 == rule).unwrap_or(KINDS.len())
}

/// Renders the page.
#[must_use]
pub fn render(view: &View<'_>, base: &str) -> String {
    let registry = Registry::default();
    let when = view.audit.now.strftime("%Y-%m-%d %H:%M UTC").to_string();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Evidence audit {w}</title>\n<style>{STYLE}{GRID_STYLE}</style>\n</head>\n<body>\n<main>\n<h1>Evidence audit</h1>\n<p>{} entries in {} files, {} with an identifier; audited {w}.</p>\n",
        view.audit.entries.len(),
        view.files,
        view.identified(),
        w = esc(&when)
    );
    let cells = by_cell(&view.audit.entries, view.diagnostics);
    let unknown_cells = view.unknown().map(cell_of).collect();
    legend(&mut out);
    out.push_str("<div class=\"grids\">\n");
    for m in &registry.matrices {
        grid(&mut out, m, &cells, &unknown_cells, PAGE);
    }
    out.push_str("</div>\n");
    problems(&mut out, &cells, base, PAGE);
    unknown(&mut out, view.unknown().map(|c| (c.entry.place(), c.status.unknown.join("; "))), PAGE);
    for w in &view.audit.warnings {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(w));
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The (matrix, cell) an audited entry belongs to, as written.
pub(crate) fn cell_of(c: &Checked) -> (String, String) {
    (c.entry.cell.0.clone().unwrap_or_default(), c.entry.cell.1.clone().unwrap_or_default())
}

/// `diagnostics` by the cell of their file (files without an entry left out).
pub(crate) fn by_cell<'a>(entries: &[Checked], diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Cells<'a> {
    let mut cells = Cells::new();
    let mut file_cell: BTreeMap<&str, (String, String)> = BTreeMap::new();
    for c in entries {
        file_cell.insert(c.entry.file.name.as_str(), cell_of(c));
        cells.entry(cell_of(c)).or_default();
    }
    for d in diagnostics {
        if let Some(key) = file_cell.get(d.file.name.as_str()) {
            cells.entry(key.clone()).or_default().push(d);
        }
    }
    cells
}

/// The colours' meanings.
pub(crate) fn legend(out: &mut String) {
    out.push_str("<div class=\"legend\">");
    let mut shown = Vec::new();
    for (_, colour, words) in KINDS {
        if !shown.contains(&words) {
            shown.push(words);
            let _ = write!(out, "<span><i class=\"sw\" style=\"background:{colour}\"></i>{words}</span>");
        }
    }
    let _ = writeln!(
        out,
        "<span><i class=\"sw\" style=\"background:{CLEAN}\"></i>no problem</span><span><i class=\"sw\" style=\"background:{EMPTY}\"></i>no cell</span></div>"
    );
}

/// The problems cell by cell, worst first, each cell under its heading.
pub(crate) fn problems(out: &mut String, cells: &Cells<'_>, base: &str, at: Anchors<'_>) {
    for ((matrix, cell), found) in cells.iter().filter(|(_, f)| !f.is_empty()) {
        let h = at.heading;
        let _ = writeln!(out, "<{h} id=\"{}{}\">{} {}</{h}>", at.prefix, anchor(matrix, cell), esc(matrix), esc(cell));
        out.push_str("<table><tr><th>Place</th><th>Problem</th><th>Evidence</th><th>Suggested update</th></tr>\n");
        let mut found = found.clone();
        found.sort_by_key(|d| (rank(d.rule.name), d.primary.span.start));
        for d in found {
            let line = d.start().line;
            let fix = d.fix.as_ref().map(|f| esc(&f.title)).unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr><td><a href=\"{}#L{line}\">{}:{line}</a></td><td>{}</td><td>{}</td><td>{fix}</td></tr>",
                esc(&repo_path(base, &d.file.name)),
                esc(&d.file.name),
                esc(d.rule.name),
                linkify(&d.message)
            );
        }
        out.push_str("</table>\n");
    }
}

/// The entries not fully checked (`place`, why), the grey squares' target.
pub(crate) fn unknown(out: &mut String, rows: impl IntoIterator<Item = (String, String)>, at: Anchors<'_>) {
    let mut rows = rows.into_iter().peekable();
    if rows.peek().is_none() {
        return;
    }
    let h = at.heading;
    let _ = writeln!(
        out,
        "<{h} id=\"{}unknown\">Not fully checked</{h}>\n<table><tr><th>Entry</th><th>Why</th></tr>",
        at.prefix
    );
    for (place, why) in rows {
        let _ = writeln!(out, "<tr><td>{}</td><td>{}</td></tr>", esc(&place), esc(&why));
    }
    out.push_str("</table>\n");
}

fn anchor(matrix: &str, cell: &str) -> String {
    let clean = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>();
    format!("cell-{}-{}", clean(matrix), clean(cell))
}

/// DOIs in a message become links to the resolver (escaped first).
fn linkify(message: &str) -> String {
    message
        .split(' ')
        .map(|w| {
            let bare = w.trim_end_matches([',', ';', ')']);
            if bare.starts_with("10.") && bare.contains('/') {
                format!("<a href=\"https://doi.org/{}\">{}</a>{}", esc(bare), esc(bare), esc(&w[bare.len()..]))
            } else if bare.starts_with("https://") && Guard::new(false).linkable(bare).is_ok() {
                // An address from a service is linked only if an audit would fetch it.
                format!("<a href=\"{}\">{}</a>{}", esc(bare), esc(bare), esc(&w[bare.len()..]))
            } else {
                esc(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One matrix as a grid of squares, each coloured by its cell's worst
/// problem and linking to the cell's heading (grey ones to what stayed unknown).
pub(crate) fn grid(
    out: &mut String,
    m: &crate::registry::Matrix,
    cells: &Cells<'_>,
    unknown: &BTreeSet<(String, String)>,
    at: Anchors<'_>,
) {
    let (w, h, left, top) = (90, 44, 28, 22);
    let width = left + w * m.columns.len();
    let height = top + h * m.rows.len();
    let _ = writeln!(
        out,
        "<figure><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(&m.name),
        esc(&m.name)
    );
    for (c, _) in m.columns.iter().enumerate() {
        let letter = char::from(b'A' + u8::try_from(c).unwrap_or(0));
        let _ = write!(out, "<text x=\"{}\" y=\"15\" text-anchor=\"middle\">{letter}</text>", left + w * c + w / 2);
    }
    for r in 0..m.rows.len() {
        let _ = write!(out, "<text x=\"10\" y=\"{}\">{}</text>", top + h * r + h / 2 + 4, r + 1);
        for c in 0..m.columns.len() {
            let id = CellId {
                column: char::from(b'A' + u8::try_from(c).unwrap_or(0)),
                row: u8::try_from(r + 1).unwrap_or(0),
            };
            let name = format!("{}{}", id.column, id.row);
            let key = (m.id.clone(), name.clone());
            let found = cells.get(&key);
            let worst = found.and_then(|f| f.iter().map(|d| rank(d.rule.name)).min()).filter(|k| *k < KINDS.len());
            let (colour, title, target) = match (found, worst) {
                (None, _) => (EMPTY, format!("{name}: no cell"), None),
                (Some(_), Some(k)) => (
                    KINDS[k].1,
                    format!("{name}: {}", KINDS[k].2),
                    Some(format!("{}{}", at.prefix, anchor(&m.id, &name))),
                ),
                (Some(_), None) if unknown.contains(&key) => {
                    (UNKNOWN, format!("{name}: not fully checked"), Some(format!("{}unknown", at.prefix)))
                }
                (Some(_), None) => (CLEAN, format!("{name}: no problem"), None),
            };
            let rect = format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"2\"><title>{}</title></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{name}</text>",
                left + w * c,
                top + h * r,
                w,
                h,
                esc(&title),
                left + w * c + w / 2,
                top + h * r + h / 2 + 4
            );
            if let Some(target) = target {
                let _ = write!(out, "<a href=\"#{target}\">{rect}</a>");
            } else {
                out.push_str(&rect);
            }
        }
    }
    out.push_str("</svg></figure>\n");
}
