//! What a configuration error may quote.
//!
//! `extend:` may name any YAML file, relative to the file that extends it
//! (as ESLint and ruff resolve it): a shared base beside the corpus, or one
//! in another checkout. But a pull request can write `extend:
//! /home/runner/.config/gh/hosts.yml`, and an error that quotes that file's
//! lines copies its secrets into a public CI log. So the text of a file is
//! quoted only when it lies inside the corpus root or the git repository
//! holding it (the nearest ancestor of the root with a `.git`): text anyone
//! can read there anyway. Problems in any other file name the file, the line,
//! the column and what is wrong, with every quoted part of the message
//! removed and the lines shown blank.
//!
//! Whatever the file, every message and help is on one line (keys and
//! values can hold line breaks, and an error goes to the CI log).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::ConfigProblem;
use crate::report::visible::one_line;
use crate::source::{SourceFile, Span};

/// The folder whose files may be quoted, for a corpus at `root`.
pub(super) fn area(root: &Path) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let repository = root.ancestors().find(|dir| dir.join(".git").symlink_metadata().is_ok());
    repository.map_or_else(|| root.clone(), Path::to_owned)
}

/// Whether the file at `path` (canonical when it exists) lies in `area`.
pub(super) fn quotable(path: &Path, area: &Path) -> bool {
    path.canonicalize().is_ok_and(|p| p.starts_with(area))
}

/// The problems as they may be shown: on one line, and without the text of
/// the files at `sealed` (paths as read).
pub(super) fn shown(problems: Vec<ConfigProblem>, sealed: &[PathBuf]) -> Vec<ConfigProblem> {
    let mut blanks: HashMap<PathBuf, Arc<SourceFile>> = HashMap::new();
    problems
        .into_iter()
        .map(|p| {
            if !sealed.contains(&p.file.path) {
                return ConfigProblem {
                    message: one_line(&p.message).into_owned(),
                    help: p.help.map(|h| one_line(&h).into_owned()),
                    ..p
                };
            }
            let blank = blanks.entry(p.file.path.clone()).or_insert_with(|| Arc::new(blank(&p.file)));
            let at = |offset: usize| p.file.text.get(..offset).map_or(0, |before| before.chars().count());
            ConfigProblem {
                span: Span::new(at(p.span.start), at(p.span.end)),
                file: Arc::clone(blank),
                message: format!(
                    "{} (not quoted: the file is outside the corpus and its repository)",
                    one_line(&redact(&p.message))
                ),
                help: Some("open the file at this line and column to see what is written there".to_owned()),
            }
        })
        .collect()
}

/// `file` with every character but the line feeds made a space: lines and
/// columns stay where they were (spans are then counted in characters).
fn blank(file: &SourceFile) -> SourceFile {
    let text: String = file.text.chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
    SourceFile::new(&file.path, one_line(&file.name).into_owned(), text)
}

/// `message` with every quoted part (in backticks, double quotes, or single
/// quotes that are not apostrophes) replaced by `…`: what a message quotes is
/// the file's text. An unclosed quote hides the rest.
pub(super) fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut closing: Option<char> = None;
    let mut previous = ' ';
    for c in message.chars() {
        match closing {
            Some(q) if c == q => {
                out.push(q);
                closing = None;
            }
            Some(_) => {}
            None if c == '`' || c == '"' || (c == '\'' && !previous.is_alphanumeric()) => {
                out.push(c);
                out.push('…');
                closing = Some(c);
            }
            None => out.push(c),
        }
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_parts_are_removed() {
        assert_eq!(
            redact("unknown field `oauth_token`; did you mean `links`?"),
            "unknown field `…`; did you mean `…`?"
        );
        assert_eq!(redact("invalid type: string \"secret\", expected u32"), "invalid type: string \"…\", expected u32");
        assert_eq!(redact("'secret' is not of type 'integer'"), "'…' is not of type '…'");
        assert_eq!(redact("the registry's title `x`"), "the registry's title `…`");
        assert_eq!(redact("a value `unclosed secret"), "a value `…");
    }

    #[test]
    fn a_blank_file_keeps_lines_and_columns() {
        let file = SourceFile::new("/x/hosts.yml", "/x/hosts.yml", "a: “é”\noauth_token: secret\n");
        let problem = ConfigProblem {
            file: Arc::new(file),
            span: Span::new(12, 23),
            message: "unknown field `oauth_token`".to_owned(),
            help: Some("remove `oauth_token: secret`".to_owned()),
        };
        let before = problem.file.line_col(problem.span.start);
        let shown = shown(vec![problem], &[PathBuf::from("/x/hosts.yml")]).remove(0);
        assert_eq!(shown.file.line_col(shown.span.start), before);
        assert_eq!(before.line, 2);
        assert!(!shown.file.text.contains("secret") && !shown.message.contains("oauth"), "{shown:?}");
        assert!(!shown.help.unwrap().contains("secret"));
    }
}
