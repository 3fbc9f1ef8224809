//! `year-range`: a year before the minimum, in the future, or a list out of order.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports an entry year before the configured minimum (default 1900) or
    /// after the current year, and a list of years that is not strictly
    /// ascending (`[2000, 1997]`, `[2000, 2000]`).
    ///
    /// ## Why is this bad?
    /// A year out of range is a typo (`2102` for `2012`); a list out of order
    /// renders as "2000 and 1997".
    ///
    /// ## Example
    /// ```yaml
    /// year: 2102
    /// ```
    /// Use instead:
    /// ```yaml
    /// year: 2012
    /// ```
    /// The minimum is set by `years: { min: … }` in `matrixlint.yaml`.
    name: "year-range", code: "ML205", severity: Error, fixable: false,
    summary: "A year before the minimum or after the current year; a year list not ascending.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for entry in cx.cell.entries() {
        let Some(year) = entry.get("year") else { continue };
        let years: Vec<&Node> = match year.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![year],
        };
        let mut previous: Option<(i64, &Node)> = None;
        for node in years {
            let Some(y) = node.as_int() else { continue };
            check_bounds(cx, node, y, out);
            if let Some((p, p_node)) = previous
                && y <= p
            {
                out.push(
                    cx.report(&INFO, node.span, format!("years must be strictly ascending: {y} follows {p}"))
                        .with_secondary(p_node.span, "the year before")
                        .with_help("list the years of a document in parts in ascending order, each once"),
                );
            }
            previous = Some((y, node));
        }
    }
}

fn check_bounds(cx: &Context<'_>, node: &Node, y: i64, out: &mut Vec<Diagnostic>) {
    let min = cx.settings.year_min;
    let max = cx.settings.year_max;
    let now = cx.settings.current_year;
    if y < min {
        out.push(
            cx.report(&INFO, node.span, format!("year {y} is before {min}, the earliest year allowed"))
                .with_help(format!("check the year; if it is right, lower `years.min` in matrixlint.yaml (now {min})")),
        );
    } else if y > max && max == now {
        out.push(
            cx.report(&INFO, node.span, format!("year {y} is in the future (the current year is {now})"))
                .with_label("after the current year")
                .with_help("check the year for a typo such as swapped digits"),
        );
    } else if y > max {
        out.push(
            cx.report(&INFO, node.span, format!("year {y} is after {max}, the latest year allowed"))
                .with_help(format!("check the year; if it is right, raise `years.max` in matrixlint.yaml (now {max})")),
        );
    }
}
