//! `prose-year`: a parenthesised year in prose after the current year.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a four-digit year inside parentheses in any prose field that
    /// is after the current year: `(2031)`, `(2003 and 2031)`, `(NHS Health
    /// Scotland, 2031)`. Bare years, decades and years up to now are left
    /// alone.
    ///
    /// ## Why is this bad?
    /// Link texts such as "a US study (1974)" give the year of a secondary
    /// document; one in the future is a typo.
    ///
    /// ## Example
    /// ```yaml
    /// text: "similar to those from a US study (1794)…"   # fine: not in the future
    /// text: "similar to those from a US study (2074)…"   # reported
    /// ```
    name: "prose-year", code: "ML403", severity: Warning, fixable: false,
    summary: "A parenthesised four-digit year in prose after the current year.",
    check: Some(check),
}

static GROUP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("valid group regex"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[12][0-9]{3}(?-u:\b)").expect("valid year regex"));

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let now = cx.settings.current_year;
    for prose in cx.prose() {
        for group in GROUP.find_iter(prose.text) {
            for year in YEAR.find_iter(group.as_str()) {
                let Ok(y) = year.as_str().parse::<i64>() else { continue };
                if y <= now {
                    continue;
                }
                let start = group.start() + year.start();
                out.push(
                    cx.report(
                        &INFO,
                        cx.span_in(prose, start..start + year.len()),
                        format!("year {y} is in the future (the current year is {now})"),
                    )
                    .with_label("after the current year")
                    .with_help(crate::rules::year_range::future_year_help(
                        year.as_str(),
                        cx.settings.year_min,
                        now,
                    )),
                );
            }
        }
    }
}
