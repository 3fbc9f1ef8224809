//! Renders a cell source as a published page in the site's text layout (the
//! seed's), for round-trip and command-line tests of `matrixlint import`.

use std::fmt::Write as _;

use matrixlint_engine::registry::Registry;
use serde_json::Value;

/// The site's furniture above the heading, as on the seed page.
const TOP: &str = "\n\nSend email for updates\n\n [About updates](#)\n\n▶ Title and link for copying ▶ Comment/query to editor ▶ Drug Matrix ▶ Alcohol Matrix ▶ Tweet\n\nS Seminal studies **K** Key studies **R** Reviews **G** Guidance **MORE** Search for more studies\n Links to other documents. **Hover over** for notes. **Click to highlight** passage referred to. **Unfold extra text**\n\nDOWNLOAD PDF\nfor saving to your computer\n\n";

/// The bite's furniture.
const BITE_TOP: &str = " **Close Matrix Bite** \n\n[Links to other documents](#). [Hover over](#) for notes. [Click to highlight passage referred to](#). [Unfold extra text](#) \n\n";

/// `cell` (a cell source as JSON) as a page.
pub(crate) fn render(cell: &Value, registry: &Registry) -> String {
    let text = |v: &Value| v.as_str().unwrap_or("").to_owned();
    let matrix = registry.get(cell["matrix"].as_str().unwrap_or("")).expect("a known matrix");
    let mut page = String::from(TOP);
    let _ = writeln!(page, "{} cell {}: {}\n", matrix.name, text(&cell["cell"]), text(&cell["title"]));
    for p in paragraphs(&cell["summary"]) {
        let _ = writeln!(page, "{p}\n");
    }
    for entry in cell["entries"].as_array().into_iter().flatten() {
        let _ = writeln!(page, "{}\n", render_entry(entry, cell, registry));
    }
    let bite = &cell["bite"];
    if bite.is_object() {
        page.push_str(BITE_TOP);
        for (key, heading) in [
            ("about", "What is this cell about?"),
            ("start", "Where should I start?"),
            ("highlighted", "Highlighted study"),
        ] {
            section(&mut page, heading, &bite[key]);
        }
        if let Some(issues) = bite["issues"].as_array() {
            page.push_str("Issues to consider and discuss\n\n");
            for issue in issues {
                section(&mut page, &format!("► **{}**", text(&issue["title"])), &issue["text"]);
            }
        }
        page.push_str(" [Close Matrix Bite](#) ");
    }
    page
}

fn render_entry(entry: &Value, cell: &Value, registry: &Registry) -> String {
    let labels: Vec<String> = match &entry["tier"] {
        Value::Array(tiers) => tiers.iter().map(label).collect(),
        one => vec![label(one)],
    };
    let mut line = labels.join(" ");
    if let Some(title) = entry["title"].as_str() {
        match entry["url"].as_str() {
            Some(url) => {
                let _ = write!(line, " [{title}]({url})");
            }
            None => {
                let _ = write!(line, " **{title}**");
            }
        }
        let years: Vec<String> = match &entry["year"] {
            Value::Array(ys) => ys.iter().map(ToString::to_string).collect(),
            y => vec![y.to_string()],
        };
        let issuer = entry["issuer"].as_str().map(|i| format!("{i}, ")).unwrap_or_default();
        let _ = write!(line, " ({issuer}{}).", years.join(" and "));
    }
    match entry["free_source"].as_str() {
        Some("") => line.push_str(" **Free source** at time of writing."),
        Some(url) => {
            let _ = write!(line, " [Free source]({url}) at time of writing.");
        }
        None => {}
    }
    if let Some(text) = entry["text"].as_str() {
        let _ = write!(line, " {text}");
    }
    let targets: Vec<String> = entry["discussion"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|d| discussion_target(d, cell, registry))
        .collect();
    match targets.as_slice() {
        [] => {}
        [one] => {
            let _ = write!(line, " For discussion [click here]({one}) and scroll down to highlighted heading.");
        }
        [first, rest @ ..] => {
            let more: Vec<String> = rest.iter().map(|t| format!("[here]({t})")).collect();
            let _ = write!(
                line,
                " For discussions [click here]({first}) and {} and scroll down to highlighted headings.",
                more.join(" and ")
            );
        }
    }
    line
}

/// A tier label as printed: `more` in capitals, as on the seed.
fn label(tier: &Value) -> String {
    match tier.as_str().unwrap_or("") {
        "more" => "MORE".to_owned(),
        other => other.to_owned(),
    }
}

/// A `discussion` item as the link the page would carry: an anchor in this
/// bite, or another cell page's address with the heading as its fragment.
fn discussion_target(item: &str, cell: &Value, registry: &Registry) -> String {
    let (place, id) = item.split_once('#').map_or((item, None), |(p, i)| (p, Some(i)));
    let (matrix, other) = match place.split_once('/') {
        Some((m, c)) => (m, Some(c)),
        None if place.len() == 2 && place.starts_with(|c: char| c.is_ascii_uppercase()) => {
            (cell["matrix"].as_str().unwrap_or(""), Some(place))
        }
        None => return format!("#{place}"),
    };
    let site = registry.get(matrix).and_then(|m| m.site_path.clone()).unwrap_or_default();
    let fragment = id.map(|i| format!("#{i}")).unwrap_or_default();
    format!("https://findings.org.uk/PHP/dl.php?file={site}/{}.htm{fragment}", other.unwrap_or(""))
}

/// A bite section: the heading runs into its first paragraph; pull quotes
/// (`> …`) are printed as plain short paragraphs, as the site shows them.
fn section(page: &mut String, heading: &str, text: &Value) {
    let paras = paragraphs(text);
    if paras.is_empty() {
        return;
    }
    for (i, p) in paras.iter().enumerate() {
        let p = p.strip_prefix("> ").unwrap_or(p);
        if i == 0 {
            let _ = writeln!(page, "{heading} {p}\n");
        } else {
            let _ = writeln!(page, "{p}\n");
        }
    }
}

fn paragraphs(text: &Value) -> Vec<String> {
    text.as_str().map(|t| t.split("\n\n").map(str::to_owned).collect()).unwrap_or_default()
}

/// `matrixlint` without colour, for the import commands' tests.
pub(crate) fn matrixlint() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("matrixlint").expect("binary builds");
    cmd.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    cmd
}

/// A page of `fixtures/import/`.
pub(crate) fn page(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import").join(name)
}
