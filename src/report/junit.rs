//! The JUnit format: one `<testsuite>` with one `<testcase>` per checked file,
//! for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).
//!
//! A test case fails exactly when its findings would fail the run: each error
//! (and each warning under `--deny-warnings`) is a `<failure>`; findings that
//! do not fail the run (warnings, notes) are listed in the case's
//! `<system-out>`, so a green report never hides them but never turns red for
//! them either. Clean files are passing cases, so the report shows what was
//! checked, not only what was wrong.

use std::collections::BTreeMap;
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::concise;
use super::{repo_path, visible};
use crate::diagnostic::{Diagnostic, Severity};

/// What the JUnit report needs besides the diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The corpus root relative to the working directory, prefixed to file names.
    pub base: &'a str,
    /// Warnings fail the run, so they are failures here too.
    pub deny_warnings: bool,
}

/// The XML document, with a final newline. `files` are every file checked
/// (names relative to the corpus root), whether or not it has findings.
#[must_use]
pub fn render(files: &[String], diagnostics: &[Diagnostic], options: Options<'_>) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = files.iter().map(|f| (f.as_str(), Vec::new())).collect();
    for d in diagnostics {
        by_file.entry(d.file.name.as_str()).or_default().push(d);
    }
    let fails =
        |d: &Diagnostic| d.severity == Severity::Error || (options.deny_warnings && d.severity == Severity::Warning);
    let failing = by_file.values().filter(|ds| ds.iter().any(|d| fails(d))).count();
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = write(&mut writer, &by_file, failing, options.base, &fails);
    let mut out =
        if written.is_ok() { String::from_utf8(writer.into_inner()).unwrap_or_default() } else { String::new() };
    out.push('\n');
    out
}

fn write(
    w: &mut Writer<Vec<u8>>,
    by_file: &BTreeMap<&str, Vec<&Diagnostic>>,
    failing: usize,
    base: &str,
    fails: &dyn Fn(&Diagnostic) -> bool,
) -> io::Result<()> {
    let (tests, failures) = (by_file.len().to_string(), failing.to_string());
    let counts = [("tests", tests.as_str()), ("failures", failures.as_str()), ("errors", "0")];
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("testsuites").with_attribute(("name", "matrixlint")).with_attributes(counts).write_inner_content(
        |w| {
            w.create_element("testsuite")
                .with_attribute(("name", "matrixlint"))
                .with_attributes(counts)
                .with_attribute(("skipped", "0"))
                .write_inner_content(|w| {
                    for (file, diagnostics) in by_file {
                        write_case(w, &visible::one_line(&repo_path(base, file)), diagnostics, fails)?;
                    }
                    Ok(())
                })?;
            Ok(())
        },
    )?;
    Ok(())
}

fn write_case(
    w: &mut Writer<Vec<u8>>,
    path: &str,
    diagnostics: &[&Diagnostic],
    fails: &dyn Fn(&Diagnostic) -> bool,
) -> io::Result<()> {
    let case =
        w.create_element("testcase").with_attributes([("name", path), ("classname", "matrixlint"), ("file", path)]);
    if diagnostics.is_empty() {
        case.write_empty()?;
        return Ok(());
    }
    case.write_inner_content(|w| {
        let mut quiet = String::new();
        for d in diagnostics {
            let detail = xml_text(&detail(path, d));
            if fails(d) {
                let message = xml_text(&visible::one_line(&d.message));
                let kind = format!("{} ({})", d.rule.code, d.rule.name);
                w.create_element("failure")
                    .with_attributes([("message", message.as_str()), ("type", kind.as_str())])
                    .write_text_content(BytesText::new(&detail))?;
            } else {
                quiet.push_str(&detail);
                quiet.push('\n');
            }
        }
        if !quiet.is_empty() {
            w.create_element("system-out").write_text_content(BytesText::new(&quiet))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The concise line for `d` (with the path as shown here) and its help.
fn detail(path: &str, d: &Diagnostic) -> String {
    let line = concise::line(d, &super::Names::default());
    let mut s = match line.strip_prefix(&*visible::one_line(&d.file.name)) {
        Some(rest) => format!("{path}{rest}"),
        None => line,
    };
    if let Some(help) = &d.help {
        s.push_str("\nhelp: ");
        s.push_str(&visible::one_line(help));
    }
    s
}

/// `s` with the characters XML 1.0 cannot carry (most C0 controls, lone
/// surrogates cannot occur in `str`, U+FFFE and U+FFFF) replaced by U+FFFD.
/// Escaping of `<`, `&` and quotes is quick-xml's.
#[must_use]
pub fn xml_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_replacement_characters() {
        assert_eq!(xml_text("a\u{1}b\tc\n\u{ffff}"), "a\u{fffd}b\tc\n\u{fffd}");
    }
}
