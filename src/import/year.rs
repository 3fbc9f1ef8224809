//! The year group that ends a headline: `(1985)`, `(NHS Health Scotland, 2011)`,
//! `(1997 and 2000)`, `(2012; free source at time of writing)`.

use std::sync::LazyLock;

use regex::Regex;

/// A year group's parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct YearGroup {
    /// The issuing body before the year, if any.
    pub issuer: Option<String>,
    /// One year, or several for a document published in parts.
    pub years: Vec<i64>,
    /// "free source at (the) time of writing" inside the group.
    pub free: bool,
    /// `;`-separated parts that are neither years nor the free-source flag.
    pub extra: Vec<String>,
}

/// `[issuer, ]year[ and year…]`. The issuer is matched lazily, so it keeps
/// its own commas (`Department of Health, Scottish Government, 2017`) while
/// a year list after a comma stays a year list.
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<issuer>.+?),\s*)?(?P<years>[0-9]{4}(?:\s*(?:,|and|&)\s*[0-9]{4})*)$")
        .expect("valid years regex")
});

static FREE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:alternative\s+)?free\s+source(?:\s+at\s+(?:the\s+)?time\s+of\s+writing)?$")
        .expect("valid free-source regex")
});

static FOUR_DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9]{4}").expect("valid year regex"));

/// Reads the inside of a parenthesis as a year group; `None` when its first
/// part does not end in a year.
pub(crate) fn parse(inner: &str) -> Option<YearGroup> {
    let mut parts = inner.split(';').map(str::trim);
    let first = parts.next()?;
    let caps = YEARS.captures(first)?;
    let years: Vec<i64> =
        FOUR_DIGITS.find_iter(caps.name("years")?.as_str()).filter_map(|m| m.as_str().parse().ok()).collect();
    let issuer = caps.name("issuer").map(|m| m.as_str().trim().to_owned()).filter(|s| !s.is_empty());
    let mut group = YearGroup { issuer, years, ..YearGroup::default() };
    for part in parts.filter(|p| !p.is_empty()) {
        if FREE.is_match(part) {
            group.free = true;
        } else {
            group.extra.push(part.to_owned());
        }
    }
    Some(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(issuer: Option<&str>, years: &[i64], free: bool) -> Option<YearGroup> {
        Some(YearGroup { issuer: issuer.map(Into::into), years: years.to_vec(), free, extra: Vec::new() })
    }

    #[test]
    fn every_published_form() {
        assert_eq!(parse("1985"), group(None, &[1985], false));
        assert_eq!(
            parse("American Psychological Association, 2011"),
            group(Some("American Psychological Association"), &[2011], false)
        );
        assert_eq!(parse("[UK] Ministry of Justice, 2009"), group(Some("[UK] Ministry of Justice"), &[2009], false));
        assert_eq!(parse("1997 and 2000"), group(None, &[1997, 2000], false));
        assert_eq!(
            parse("Project MATCH Research Group, 1997 and 1998"),
            group(Some("Project MATCH Research Group"), &[1997, 1998], false)
        );
        assert_eq!(parse("2012; free source at time of writing"), group(None, &[2012], true));
        assert_eq!(parse("2012; Free source at the time of writing"), group(None, &[2012], true));
        assert_eq!(parse("2012; alternative free source at time of writing"), group(None, &[2012], true));
        assert_eq!(
            parse("Department of Health, Scottish Government, 2017"),
            group(Some("Department of Health, Scottish Government"), &[2017], false)
        );
    }

    #[test]
    fn other_parentheses_are_not_year_groups() {
        for s in ["more", "until 1989", "2003–2004", "1985 onwards", "", "85", "APA"] {
            assert_eq!(parse(s), None, "{s}");
        }
        let odd = parse("2012; updated 2014").unwrap();
        assert_eq!(odd.extra, vec!["updated 2014".to_owned()]);
    }
}
