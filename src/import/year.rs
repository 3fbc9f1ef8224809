//! The year group that ends a headline: `(1985)`, `(NHS Health Scotland, 2011)`,
//! `(1997 and 2000)`, `(2012; free source at time of writing)`, a span of years
//! `(1985–1990)`, an edition `(2nd ed., 2011)`.

use std::sync::LazyLock;

use regex::Regex;

/// A year group's parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct YearGroup {
    /// The issuing body before the year, if any.
    pub issuer: Option<String>,
    /// One year, or several for a document published in parts.
    pub years: Vec<i64>,
    /// The last year of a span (`1985–1990` gives years `[1985]`, end 1990).
    pub end: Option<i64>,
    /// The edition printed before the year (`2nd ed.`): not an issuer.
    pub edition: Option<String>,
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

/// `1985–1990`, `1985-90`: a span of years (en dash, hyphen or "to").
static SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<issuer>.+?),\s*)?(?P<from>[0-9]{4})\s*(?:–|—|-|to)\s*(?P<to>[0-9]{2}|[0-9]{4})$")
        .expect("valid span regex")
});

/// An edition: `2nd ed.`, `3rd edn`, `revised edition`.
static EDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[0-9]+(?:st|nd|rd|th)|first|second|third|fourth|fifth|new|revised|updated)\s+(?:ed\.?|edn\.?|edition)$")
        .expect("valid edition regex")
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
    let mut group = if let Some(caps) = YEARS.captures(first) {
        let years: Vec<i64> =
            FOUR_DIGITS.find_iter(caps.name("years")?.as_str()).filter_map(|m| m.as_str().parse().ok()).collect();
        let issuer = caps.name("issuer").map(|m| m.as_str().trim().to_owned()).filter(|s| !s.is_empty());
        YearGroup { issuer, years, ..YearGroup::default() }
    } else {
        let caps = SPAN.captures(first)?;
        let from: i64 = caps.name("from")?.as_str().parse().ok()?;
        let to_text = caps.name("to")?.as_str();
        let to: i64 = to_text.parse().ok()?;
        // `1985-90`: the century of the first year.
        let to = if to_text.len() == 2 { from - from % 100 + to } else { to };
        if to <= from {
            return None;
        }
        let issuer = caps.name("issuer").map(|m| m.as_str().trim().to_owned()).filter(|s| !s.is_empty());
        YearGroup { issuer, years: vec![from], end: Some(to), ..YearGroup::default() }
    };
    if let Some(issuer) = group.issuer.take() {
        // `2nd ed., 2011`: the part before the year is an edition, or ends with one
        // (`APA, 2nd ed., 2011`).
        match issuer.rsplit_once(',') {
            _ if EDITION.is_match(issuer.trim()) => group.edition = Some(issuer.trim().to_owned()),
            Some((body, ed)) if EDITION.is_match(ed.trim()) => {
                group.edition = Some(ed.trim().to_owned());
                group.issuer = Some(body.trim().to_owned()).filter(|s| !s.is_empty());
            }
            _ => group.issuer = Some(issuer),
        }
    }
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
        Some(YearGroup { issuer: issuer.map(Into::into), years: years.to_vec(), free, ..YearGroup::default() })
    }

    #[test]
    fn spans_and_editions() {
        let span = |issuer: Option<&str>, from, to| {
            Some(YearGroup { issuer: issuer.map(Into::into), years: vec![from], end: Some(to), ..YearGroup::default() })
        };
        assert_eq!(parse("1985–1990"), span(None, 1985, 1990));
        assert_eq!(parse("1985-90"), span(None, 1985, 1990));
        assert_eq!(parse("Home Office, 1998 to 2001"), span(Some("Home Office"), 1998, 2001));
        assert_eq!(parse("1990–1985"), None, "a span runs forwards");
        let edition = parse("2nd ed., 2011").unwrap();
        assert_eq!((edition.issuer, edition.edition, edition.years), (None, Some("2nd ed.".into()), vec![2011]));
        let both = parse("American Psychological Association, 2nd ed., 2011").unwrap();
        assert_eq!(both.issuer.as_deref(), Some("American Psychological Association"));
        assert_eq!(both.edition.as_deref(), Some("2nd ed."));
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
        for s in ["more", "until 1989", "1985 onwards", "", "85", "APA"] {
            assert_eq!(parse(s), None, "{s}");
        }
        let odd = parse("2012; updated 2014").unwrap();
        assert_eq!(odd.extra, vec!["updated 2014".to_owned()]);
    }
}
