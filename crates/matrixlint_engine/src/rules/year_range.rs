//! `year-range`: a year before the minimum, in the future, or a list out of order.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Reports an entry year before the configured minimum (default 1900) or
    /// after the current year, and a list of years that is not strictly
    /// ascending (`[2000, 1997]`, `[2000, 2000]`). A year without four digits
    /// (`20011`) is reported as such, with the years it may have been; a
    /// future year whose neighbouring digits swapped give a past one
    /// (`2102`) suggests that year. The end of a span of years
    /// (`year: 1985` with `year_end: 1990`, published as "1985–1990") is held
    /// to the same bounds and must come after the year it ends.
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
        if let Some(end_node) = entry.get("year_end")
            && let Some(end) = end_node.as_int()
        {
            check_bounds(cx, end_node, end, out);
            if let Some((last, last_node)) = previous
                && end <= last
            {
                out.push(
                    cx.report(&INFO, end_node.span, format!("the span ends in {end}, which is not after its first year, {last}"))
                        .with_secondary(last_node.span, "where it starts")
                        .with_help(format!("write the last year of the span after {last}, or remove `year_end` if the document is of one year")),
                );
            }
        }
    }
}

fn check_bounds(cx: &Context<'_>, node: &Node, y: i64, out: &mut Vec<Diagnostic>) {
    let min = cx.settings.year_min;
    let max = cx.settings.year_max;
    let now = cx.settings.current_year;
    let digits = y.unsigned_abs().to_string();
    if digits.len() != 4 && (y < min || y > max) {
        let meant = one_digit_less(&digits, min, max);
        let help = if meant.is_empty() {
            "write the year in full, with four digits, such as `year: 1999`".to_owned()
        } else {
            format!("did you mean {}? A year has four digits", meant.join(" or "))
        };
        out.push(
            cx.report(&INFO, node.span, format!("year {y} does not have four digits"))
                .with_label("not a year")
                .with_help(help),
        );
    } else if y < min {
        out.push(
            cx.report(&INFO, node.span, format!("year {y} is before {min}, the earliest year allowed"))
                .with_help(format!("check the year; if it is right, lower `years.min` in matrixlint.yaml (now {min})")),
        );
    } else if y > max && max == now {
        out.push(
            cx.report(&INFO, node.span, format!("year {y} is in the future (the current year is {now})"))
                .with_label("after the current year")
                .with_help(future_year_help(&digits, min, now)),
        );
    } else if y > max {
        out.push(
            cx.report(&INFO, node.span, format!("year {y} is after {max}, the latest year allowed"))
                .with_help(format!("check the year; if it is right, raise `years.max` in matrixlint.yaml (now {max})")),
        );
    }
}

/// What to do about a future year written as `digits`: the past year that
/// swapping two neighbouring digits gives, when there is exactly one.
#[must_use]
pub(crate) fn future_year_help(digits: &str, min: i64, now: i64) -> String {
    match swapped(digits, min, now).as_slice() {
        [only] => format!("did you mean {only}? Two digits may be swapped"),
        _ => format!(
            "check the year against the document; a year after {now} is only right for a document not yet published"
        ),
    }
}

/// The years in range that `digits` gives with one digit left out (`20011` → 2001, 2011).
fn one_digit_less(digits: &str, min: i64, max: i64) -> Vec<String> {
    let mut years: Vec<String> = (0..digits.len())
        .map(|i| format!("{}{}", &digits[..i], &digits[i + 1..]))
        .filter(|d| d.len() == 4 && !d.starts_with('0'))
        .filter(|d| d.parse::<i64>().is_ok_and(|y| (min..=max).contains(&y)))
        .collect();
    years.sort();
    years.dedup();
    years
}

/// The years in range that `digits` gives with two neighbouring digits swapped (`2102` → 2012).
fn swapped(digits: &str, min: i64, max: i64) -> Vec<String> {
    let bytes = digits.as_bytes();
    let mut years: Vec<String> = (0..bytes.len().saturating_sub(1))
        .filter(|&i| bytes[i] != bytes[i + 1])
        .map(|i| {
            let mut b = bytes.to_vec();
            b.swap(i, i + 1);
            String::from_utf8(b).unwrap_or_default()
        })
        .filter(|d| !d.starts_with('0') && d.parse::<i64>().is_ok_and(|y| (min..=max).contains(&y)))
        .collect();
    years.sort();
    years.dedup();
    years
}

#[cfg(test)]
mod tests {
    use super::{one_digit_less, swapped};

    #[test]
    fn what_a_mistyped_year_may_have_been() {
        assert_eq!(one_digit_less("20011", 1900, 2026), ["2001", "2011"]);
        assert_eq!(one_digit_less("99999", 1900, 2026), Vec::<String>::new());
        assert_eq!(swapped("2102", 1900, 2026), ["2012"]);
        assert_eq!(swapped("2031", 1900, 2026), ["2013"]);
        assert_eq!(swapped("2099", 1900, 2026), Vec::<String>::new());
    }
}
