//! Files whose links were not audited because they could not be read or
//! parsed: the same `read-error` and `yaml-syntax` findings `check` makes,
//! at the same file, line and column, in each format of `links` (a file
//! with one unclosed quote must not silently take its links out of the audit).

use std::fmt::Write as _;

use crate::diagnostic::Diagnostic;
use crate::report::visible::one_line;
use crate::report::{Names, concise, json, repo_path};

/// What follows each finding: why it matters to the audit.
const NOT_AUDITED: &str = "the links of this file were not audited";

/// `check --format concise`'s lines, each saying that the file's links were not audited.
#[must_use]
pub fn lines(problems: &[Diagnostic], names: &Names) -> String {
    let mut out = String::new();
    for d in problems {
        let _ = writeln!(out, "{} ({NOT_AUDITED})", concise::line(d, names).replace('\n', "\u{2424}"));
    }
    out
}

/// The findings as `check --format json` writes them.
#[must_use]
pub fn json(problems: &[Diagnostic]) -> serde_json::Value {
    serde_json::to_value(problems.iter().map(json::item).collect::<Vec<_>>()).unwrap_or_default()
}

/// A Markdown section listing the findings (nothing when there are none).
#[must_use]
pub fn markdown(problems: &[Diagnostic], base: &str) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "## Files not audited ({})\n\nThese files could not be read or parsed, so their links were not audited.\n\n",
        problems.len()
    );
    for d in problems {
        let at = d.start();
        let place = one_line(&repo_path(base, &d.file.name)).replace('`', "'");
        let message = one_line(&d.message).replace('|', "\\|");
        let _ = writeln!(
            out,
            "- `{place}:{}:{}` {}[{}/{}] {message}",
            at.line, at.column, d.severity, d.rule.code, d.rule.name
        );
    }
    out.push('\n');
    out
}

/// An HTML section listing the findings (nothing when there are none);
/// `esc` escapes text for HTML.
#[must_use]
pub fn html(problems: &[Diagnostic], base: &str, esc: impl Fn(&str) -> String) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section id=\"not-audited\">\n<h2>Files not audited</h2>\n");
    out.push_str(
        "<p class=\"note\">These files could not be read or parsed, so their links were not audited.</p>\n<ul>\n",
    );
    for d in problems {
        let at = d.start();
        let place = format!("{}:{}:{}", repo_path(base, &d.file.name), at.line, at.column);
        let finding = format!("{}[{}/{}] {}", d.severity, d.rule.code, d.rule.name, d.message);
        let _ = writeln!(out, "<li><code>{}</code> {}</li>", esc(&one_line(&place)), esc(&one_line(&finding)));
    }
    out.push_str("</ul>\n</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Loaded;

    #[test]
    fn a_hostile_file_name_stays_on_its_line_in_every_format() {
        let name = "cells/a\n::error title=forged::x.yaml";
        let problems =
            Loaded::unreadable(name.as_ref(), name, "cannot read file\n::warning ::y".into(), "help").problems;
        let rendered = [
            lines(&problems, &Names::default()),
            markdown(&problems, ""),
            html(&problems, "", |s| s.to_owned()),
            serde_json::to_string_pretty(&json(&problems)).unwrap(),
        ];
        for out in rendered {
            assert!(out.contains("forged"), "{out}");
            assert!(out.lines().all(|l| !l.trim_start().starts_with("::")), "{out}");
        }
    }
}
