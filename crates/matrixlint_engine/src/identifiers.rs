//! Scholarly identifiers: DOIs written on an entry (cleaned and checked)
//! and DOIs, PMIDs and PMCIDs read from the addresses an entry links to.
//!
//! A DOI is `10.` + 4–9 digits + `/` + a suffix. Editors paste them as
//! links (`https://doi.org/10.…`) or with the sentence's full stop; those
//! are fixable, anything else is not a DOI.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

/// What is wrong with a written DOI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DoiProblem {
    /// A resolver link or `doi:` prefix, or trailing punctuation: the DOI is the rest.
    Fixable {
        /// The DOI as it should be written.
        clean: String,
        /// What was removed, in words.
        what: &'static str,
    },
    /// Not a DOI at all.
    Invalid,
}

static DOI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^10\.[0-9]{4,9}/\S+$").expect("valid regex"));
static DOI_IN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"10\.[0-9]{4,9}/[^\s?#&]+").expect("valid regex"));
static PMCID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bPMC([0-9]{1,9})\b").expect("valid regex"));

/// Prefixes an editor may paste before a DOI.
const PREFIXES: [&str; 7] = [
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "https://www.doi.org/",
    "doi:",
    "doi.org/",
];

/// Path segments publishers put after a DOI in their addresses.
const VIEW_SUFFIXES: [&str; 8] = ["/full", "/abstract", "/pdf", "/epdf", "/fulltext", "/html", "/summary", "/epub"];

/// Checks a DOI as written on an entry.
///
/// # Errors
/// A DOI with a prefix or trailing punctuation (with the clean form), or none at all.
pub fn check_doi(written: &str) -> Result<(), DoiProblem> {
    let trimmed = written.trim();
    let mut rest = trimmed;
    let mut what = None;
    for prefix in PREFIXES {
        if rest.len() >= prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix) {
            rest = rest[prefix.len()..].trim_start();
            what = Some("the resolver address before it");
            break;
        }
    }
    let stripped = strip_trailing(rest);
    if stripped.len() != rest.len() {
        what =
            Some(if what.is_some() { "the resolver address and trailing punctuation" } else { "trailing punctuation" });
    }
    if !DOI.is_match(stripped) {
        return Err(DoiProblem::Invalid);
    }
    match what {
        None if trimmed.len() == written.len() => Ok(()),
        None => Err(DoiProblem::Fixable { clean: stripped.to_owned(), what: "white space around it" }),
        Some(what) => Err(DoiProblem::Fixable { clean: stripped.to_owned(), what }),
    }
}

/// `s` without the punctuation a sentence leaves after a DOI: `.`, `,`,
/// `;`, `:`, quotes, and a `)` or `]` that closes nothing in the DOI.
#[must_use]
pub(crate) fn strip_trailing(s: &str) -> &str {
    let mut s = s;
    loop {
        let Some(last) = s.chars().last() else { return s };
        let unbalanced = |open: char, close: char| {
            last == close && s.chars().filter(|c| *c == close).count() > s.chars().filter(|c| *c == open).count()
        };
        if matches!(last, '.' | ',' | ';' | ':' | '"' | '\'') || unbalanced('(', ')') || unbalanced('[', ']') {
            s = &s[..s.len() - last.len_utf8()];
        } else {
            return s;
        }
    }
}

/// An identifier read from an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FromUrl {
    /// A DOI (resolver links, publisher addresses that embed one).
    Doi(String),
    /// A PubMed id.
    Pmid(String),
    /// A PubMed Central id, `PMC` and digits.
    Pmcid(String),
}

/// The identifier an address names, if any: a resolver link's DOI, a
/// PubMed or PubMed Central article, or a DOI embedded in a publisher's
/// address (percent-decoded, without view suffixes such as `/full`).
#[must_use]
pub fn from_url(written: &str) -> Option<FromUrl> {
    let url = Url::parse(written.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    let path = percent_decode(url.path());
    if matches!(host.as_str(), "doi.org" | "dx.doi.org" | "www.doi.org") {
        let doi = strip_trailing(path.trim_start_matches('/'));
        return DOI.is_match(doi).then(|| FromUrl::Doi(doi.to_owned()));
    }
    if host == "pubmed.ncbi.nlm.nih.gov" || host.ends_with("ncbi.nlm.nih.gov") && path.starts_with("/pubmed/") {
        let digits = path.trim_start_matches("/pubmed").trim_matches('/');
        return (!digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| FromUrl::Pmid(digits.to_owned()));
    }
    if (host.ends_with("ncbi.nlm.nih.gov") || host.ends_with("europepmc.org"))
        && let Some(m) = PMCID.captures(&path)
    {
        return Some(FromUrl::Pmcid(format!("PMC{}", &m[1])));
    }
    let query = url.query().map(percent_decode).unwrap_or_default();
    for text in [path.as_str(), query.as_str()] {
        if let Some(found) = DOI_IN.find(text) {
            let mut doi = found.as_str();
            for suffix in VIEW_SUFFIXES {
                if doi.len() > suffix.len() && doi[doi.len() - suffix.len()..].eq_ignore_ascii_case(suffix) {
                    doi = &doi[..doi.len() - suffix.len()];
                }
            }
            let doi = strip_trailing(doi);
            if DOI.is_match(doi) {
                return Some(FromUrl::Doi(doi.to_owned()));
            }
        }
    }
    None
}

/// The Cochrane review number and version of a Cochrane DOI
/// (`10.1002/14651858.CD008540.pub2` → (`10.1002/14651858.CD008540`, 2);
/// the first version has no suffix and is version 1).
#[must_use]
pub fn cochrane(doi: &str) -> Option<(String, u32)> {
    let lower = doi.to_ascii_lowercase();
    let rest = lower.strip_prefix("10.1002/14651858.cd")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let base = &doi[..doi.len() - (rest.len() - digits.len())];
    match &rest[digits.len()..] {
        "" => Some((base.to_owned(), 1)),
        suffix => suffix.strip_prefix(".pub")?.parse().ok().filter(|n| *n >= 2).map(|n| (base.to_owned(), n)),
    }
}

/// The DOI of version `n` of the Cochrane review `base`.
#[must_use]
pub fn cochrane_version(base: &str, n: u32) -> String {
    if n <= 1 { base.to_owned() } else { format!("{base}.pub{n}") }
}

/// `s` with its `%XX` escapes decoded, and `+` read as a space (no DOI has
/// one); bytes that are not UTF-8 become U+FFFD.
#[must_use]
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;
