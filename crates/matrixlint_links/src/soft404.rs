//! Soft 404s: sites that answer a missing page with 200 (a "page not
//! found" page, a download script that serves nothing, a redirect to the
//! home page).
//!
//! For each host and path pattern (URLs that differ only in their last
//! path segment, or only in the value of one query parameter, such as
//! `dl.php?file=…`), the audit sends one probe per audit to an address that
//! cannot exist. When the probe is answered with 200, the pattern
//! soft-404s, and a URL on it whose answer matches the probe's (the same
//! final address after redirects, or a near-identical body once the
//! requested name is taken out) is `broken`.
//!
//! "Near-identical" is measured on the first 64 KiB of each body: the text
//! with the requested name (and the probe's name) removed is cut into words
//! (runs of letters and digits, lowercased; words holding a digit become one
//! placeholder, since dates, counters and tokens change on every answer),
//! and the two bags of words may differ by at most 2% of their words and at
//! most 16 words. Two real documents sharing a site's template differ in
//! their own text; two not-found pages differ only in the name they echo.

use matrixlint_engine::identifiers::percent_decode;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, RandomState};

use rayon::prelude::*;
use reqwest::Url;

use super::politeness::host_key;
use crate::config::links::{LinksConfig, Soft404};

/// How much of each body is compared.
pub const BODY: usize = 64 * 1024;

/// A host and path pattern: what one probe stands for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternKey {
    /// `host:port`.
    pub host: String,
    /// The scheme.
    pub scheme: String,
    /// The path without its last segment (`/docs/`), or the whole path when the query varies.
    pub path: String,
    /// The query's parameter names, sorted, when the URL has a query.
    pub params: Option<Vec<String>>,
}

/// A pattern with the URLs on it and what its probe changes.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern.
    pub key: PatternKey,
    /// The query parameter whose value varies (the last one when nothing varies), for query patterns.
    pub varying: Option<String>,
    /// One URL on the pattern (the probe is made from it).
    pub example: Url,
}

/// The pattern of `url`.
#[must_use]
pub fn key(url: &Url) -> PatternKey {
    let params = url.query().filter(|q| !q.is_empty()).map(|_| {
        let mut names: Vec<String> = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
        names.sort();
        names.dedup();
        names
    });
    let path = url.path();
    let path = if params.is_some() { path.to_owned() } else { path[..=path.rfind('/').unwrap_or(0)].to_owned() };
    PatternKey { host: host_key(url), scheme: url.scheme().to_owned(), path, params }
}

/// Whether soft-404 detection applies to `url`'s host.
#[must_use]
pub fn enabled(url: &Url, config: &LinksConfig) -> bool {
    let host = url.host_str().unwrap_or("");
    config.host(host).and_then(|h| h.soft_404).unwrap_or(config.soft_404) == Soft404::Auto
}

/// The patterns of `urls` (those on hosts where detection is on, not DOIs), by key.
#[must_use]
pub fn patterns<'a>(urls: impl IntoIterator<Item = &'a str>, config: &LinksConfig) -> BTreeMap<PatternKey, Pattern> {
    group(urls.into_iter().map(Some), config).patterns.into_iter().map(|p| (p.key.clone(), p)).collect()
}

/// URLs grouped by pattern, each URL parsed once.
#[derive(Debug, Clone, Default)]
pub struct Grouped {
    /// The patterns, in the order their first URL came.
    pub patterns: Vec<Pattern>,
    /// For each URL given, in order, the index of its pattern (`None`: not probed).
    pub of: Vec<Option<usize>>,
}

/// Groups `urls` by pattern; a `None` (a URL the caller leaves out) and a
/// URL that is not probed (not http(s), a DOI, a host with detection off)
/// have no pattern.
#[must_use]
pub fn group<'a>(urls: impl IntoIterator<Item = Option<&'a str>>, config: &LinksConfig) -> Grouped {
    // Parsing and keying are most of the work, and each URL's own: done in
    // parallel (3,000 URLs: 2.2 ms on one core), the grouping in order.
    let urls: Vec<Option<&str>> = urls.into_iter().collect();
    let keyed: Vec<Option<(Url, PatternKey)>> = urls
        .par_iter()
        .map(|url| {
            let url = url.and_then(|u| Url::parse(u).ok()).filter(|u| {
                matches!(u.scheme(), "http" | "https") && super::doi::doi_of(u).is_none() && enabled(u, config)
            })?;
            let key = key(&url);
            Some((url, key))
        })
        .collect();
    let mut index: HashMap<PatternKey, usize> = HashMap::new();
    let mut members: Vec<(PatternKey, Vec<Url>)> = Vec::new();
    let mut of = Vec::with_capacity(keyed.len());
    for probed in keyed {
        let Some((url, key)) = probed else {
            of.push(None);
            continue;
        };
        let i = if let Some(&i) = index.get(&key) {
            i
        } else {
            index.insert(key.clone(), members.len());
            members.push((key, Vec::new()));
            members.len() - 1
        };
        members[i].1.push(url);
        of.push(Some(i));
    }
    let patterns = members
        .into_iter()
        .map(|(key, urls)| {
            let varying = key.params.as_ref().map(|names| varying_param(names, &urls));
            Pattern { varying, example: urls[0].clone(), key }
        })
        .collect();
    Grouped { patterns, of }
}

/// The first parameter whose value differs between `urls`, or the last parameter.
fn varying_param(names: &[String], urls: &[Url]) -> String {
    let value = |u: &Url, name: &str| u.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    names
        .iter()
        .find(|n| urls.iter().any(|u| value(u, n) != value(&urls[0], n)))
        .or_else(|| urls[0].query_pairs().last().and_then(|(k, _)| names.iter().find(|n| **n == k)))
        .cloned()
        .unwrap_or_default()
}

/// A name no site has: `matrixlint-probe-` and 16 random hex digits.
#[must_use]
pub fn random_name() -> String {
    let bits = RandomState::new().hash_one(std::time::SystemTime::now());
    format!("matrixlint-probe-{bits:016x}")
}

/// The probe for `pattern`: its example with the last segment (keeping the
/// extension) or the varying parameter's value replaced by `name`.
#[must_use]
pub fn probe_url(pattern: &Pattern, name: &str) -> Url {
    let mut url = pattern.example.clone();
    url.set_fragment(None);
    if let Some(varying) = &pattern.varying {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| (k.to_string(), if k == varying.as_str() { name.to_owned() } else { v.into_owned() }))
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    } else {
        let last = url.path_segments().and_then(|mut s| s.next_back()).unwrap_or("").to_owned();
        let ext = last
            .rsplit_once('.')
            .map(|(_, e)| e)
            .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()));
        let file = ext.map_or_else(|| name.to_owned(), |e| format!("{name}.{e}"));
        let dir = &url.path()[..=url.path().rfind('/').unwrap_or(0)];
        let path = format!("{dir}{file}");
        url.set_path(&path);
        url.set_query(None);
    }
    url
}

/// The name `url` asks for on its pattern: its last path segment, or the
/// varying parameter's value (both as written and decoded).
#[must_use]
pub fn requested_names(url: &Url, varying: Option<&str>) -> Vec<String> {
    let raw = match varying {
        Some(param) => url.query_pairs().find(|(k, _)| k == param).map(|(_, v)| v.into_owned()).unwrap_or_default(),
        None => url.path_segments().and_then(|mut s| s.next_back()).unwrap_or("").to_owned(),
    };
    let decoded = percent_decode(&raw);
    let mut names = vec![raw.clone(), decoded.clone()];
    if let Some((stem, _)) = decoded.rsplit_once('.') {
        names.push(stem.to_owned());
    }
    names.retain(|n| n.len() >= 3);
    // Longest first, so that a name is removed before its stem.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// The words of `body` with every one of `names` taken out.
fn words(body: &[u8], names: &[String]) -> HashMap<String, i64> {
    let mut text = String::from_utf8_lossy(&body[..body.len().min(BODY)]).to_lowercase();
    for name in names {
        text = text.replace(&name.to_lowercase(), " ");
    }
    let mut bag = HashMap::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = if word.chars().any(|c| c.is_ascii_digit()) { "#".to_owned() } else { word.to_owned() };
        *bag.entry(word).or_insert(0) += 1;
    }
    bag
}

/// Whether two bodies are the same page but for the names asked for (see the module docs).
#[must_use]
pub fn near_identical(a: &[u8], a_names: &[String], b: &[u8], b_names: &[String]) -> bool {
    let (a, b) = (words(a, a_names), words(b, b_names));
    let total: i64 = a.values().sum::<i64>() + b.values().sum::<i64>();
    let mut diff = HashMap::new();
    for (w, n) in a {
        *diff.entry(w).or_insert(0) += n;
    }
    for (w, n) in b {
        *diff.entry(w).or_insert(0) -= n;
    }
    let differing: i64 = diff.values().map(|n| n.abs()).sum();
    differing <= 16 && differing * 50 <= total
}

/// Whether `url` is a site's home page: the path `/` or `/index.*`, without a query.
#[must_use]
pub fn is_home(url: &Url) -> bool {
    let path = url.path();
    url.query().is_none_or(str::is_empty)
        && (path == "/" || path.strip_prefix("/index.").is_some_and(|ext| !ext.is_empty() && !ext.contains('/')))
}

#[cfg(test)]
mod tests;
