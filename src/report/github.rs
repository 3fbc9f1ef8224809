//! The GitHub format: one workflow command per diagnostic, which GitHub Actions
//! turns into an annotation on the pull request.
//!
//! ```text
//! ::error file=cells/drug/B2.yaml,line=5,col=11,endLine=5,endColumn=14,title=ML201 (unknown-tier)::unknown tier `Key`
//! ```
//!
//! Escaping follows the Actions toolkit (`@actions/core` `command.ts`): in the
//! message `%`, `\r` and `\n` are percent-encoded; in property values `:` and
//! `,` are too.

use std::fmt::Write as _;

use super::{repo_path, visible};
use crate::diagnostic::{Diagnostic, Severity};

/// Renders one annotation per diagnostic. `base` is the corpus root relative
/// to the repository (working directory), prefixed to every file name so that
/// GitHub finds the file; empty when they are the same.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], base: &str) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (start, end) = (d.start(), d.end());
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = visible::one_line(&d.message).into_owned();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(&visible::one_line(help));
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&visible::one_line(&repo_path(base, &d.file.name))),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} ({})", d.rule.code, d.rule.name)),
            escape_data(&message),
        );
    }
    out
}

/// Escapes a command's message (`escapeData` in the toolkit).
#[must_use]
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property's value (`escapeProperty` in the toolkit).
#[must_use]
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_first_and_line_breaks() {
        assert_eq!(escape_data("100%"), "100%25");
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_data("a\r\nb\nc"), "a%0D%0Ab%0Ac");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("ML201 (unknown-tier)"), "ML201 (unknown-tier)");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_property("50%,\n:"), "50%25%2C%0A%3A");
    }

    #[test]
    fn escaping_round_trips_through_the_runner_decoding() {
        // The runner decodes %25 last, so every encoded sequence is unambiguous.
        let decode = |s: &str| {
            s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
        };
        for s in ["plain", "50% off, 10:30\r\nnext", "%0A%3A%2C%25", ""] {
            assert_eq!(decode(&escape_property(s)), s);
        }
    }
}
