//! Which bite heading discusses an entry, when the page's links do not say.
//!
//! The bite refers back to the studies it discusses in its own words ("this
//! careful analysis, which found…", "a small British study…"), so the heading
//! whose text best matches the entry wins. Each bite paragraph is scored
//! against the entry with BM25 (k1 = 1.2, b = 0.75), words of the headline,
//! issuer and year counting three times those of the annotation. The bite is
//! stemmed and indexed once per page ([`Index`]). A heading scores
//! as its best paragraph, so that a long issue does not win on length alone.
//! Words are compared lower-cased, without apostrophes and stop-words, cut to
//! their first six letters: a crude stem under which "hedonists" meets
//! "hedonism" and "directive" meets "directiveness".

use std::collections::{HashMap, HashSet};

use crate::markdown;

/// A bite heading with its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// The `discussion` id: `about`, `start`, `highlighted` or an issue id.
    pub id: String,
    /// Whether this is one of the issues.
    pub issue: bool,
    /// Its paragraphs (for an issue, the title first).
    pub paragraphs: Vec<String>,
}

impl Section {
    /// Whether this is one of the issues.
    pub(crate) fn is_issue(&self) -> bool {
        self.issue
    }
}

/// What an entry says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    /// Headline, issuer and year: the words most likely to be echoed.
    pub headline: String,
    /// The annotation.
    pub body: String,
}

const K1: f64 = 1.2;
const B: f64 = 0.75;
const HEADLINE_WEIGHT: f64 = 3.0;
const STEM: usize = 6;
/// Words in more paragraphs than this are not scored (see [`rank`]).
const COMMON: usize = 256;

/// Words too common in any bite to tell headings apart, including the
/// vocabulary of the discussion sentence itself.
const STOP: &[&str] = &[
    "about",
    "after",
    "all",
    "also",
    "and",
    "any",
    "are",
    "been",
    "being",
    "between",
    "both",
    "but",
    "can",
    "click",
    "could",
    "did",
    "discussion",
    "does",
    "down",
    "for",
    "found",
    "from",
    "had",
    "has",
    "have",
    "heading",
    "here",
    "highlighted",
    "how",
    "into",
    "its",
    "just",
    "may",
    "might",
    "more",
    "most",
    "not",
    "one",
    "only",
    "other",
    "our",
    "over",
    "scroll",
    "should",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "under",
    "very",
    "was",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
];

/// The bite's paragraphs stemmed and counted once, so that ranking an entry
/// costs the entry's words times the paragraphs that hold them, not a fresh
/// pass over the whole bite (which made an import quadratic in page size).
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    /// For each stem, the paragraphs holding it: (paragraph, occurrences).
    postings: HashMap<String, Vec<(usize, usize)>>,
    /// For each paragraph: its section and its length in stems.
    paragraphs: Vec<(usize, usize)>,
    /// How many sections there are.
    sections: usize,
    /// Which sections are issues.
    issues: Vec<bool>,
    /// The average paragraph length (at least 1).
    average: f64,
}

impl Index {
    /// Stems and counts every paragraph of `sections`.
    pub(crate) fn new(sections: &[Section]) -> Self {
        let mut index = Self { sections: sections.len(), ..Self::default() };
        index.issues = sections.iter().map(Section::is_issue).collect();
        for (i, section) in sections.iter().enumerate() {
            for p in &section.paragraphs {
                let words = stems(p);
                let at = index.paragraphs.len();
                index.paragraphs.push((i, words.len()));
                let mut tf: HashMap<String, usize> = HashMap::new();
                for w in words {
                    *tf.entry(w).or_default() += 1;
                }
                for (w, f) in tf {
                    index.postings.entry(w).or_default().push((at, f));
                }
            }
        }
        let total: usize = index.paragraphs.iter().map(|p| p.1).sum();
        index.average = (total as f64 / index.paragraphs.len().max(1) as f64).max(1.0);
        index
    }
}

/// Indices of the sections that share words with the entry and pass
/// `allowed` (told whether a section is an issue), best first (ties in bite order).
pub(crate) fn rank(query: &Query, index: &Index, allowed: impl Fn(bool) -> bool) -> Vec<usize> {
    if index.paragraphs.is_empty() {
        return Vec::new();
    }
    let n = index.paragraphs.len() as f64;
    let headline: HashSet<String> = stems(&query.headline).into_iter().collect();
    let mut terms: Vec<String> = headline.iter().cloned().chain(stems(&query.body)).collect();
    terms.sort_unstable();
    terms.dedup();
    // Scores per paragraph, only for paragraphs that share a word.
    let mut scores: HashMap<usize, f64> = HashMap::new();
    for term in &terms {
        // A word in more than `COMMON` paragraphs tells little (its idf is
        // low) and, scored for every entry, would make a long page quadratic;
        // real bites have far fewer paragraphs, so they are ranked as before.
        let Some(posting) = index.postings.get(term).filter(|p| p.len() <= COMMON) else { continue };
        let d = posting.len() as f64;
        let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
        let weight = if headline.contains(term) { HEADLINE_WEIGHT } else { 1.0 };
        for &(para, f) in posting {
            let len = index.paragraphs.get(para).map_or(0, |p| p.1) as f64;
            let f = f as f64;
            *scores.entry(para).or_default() +=
                weight * idf * f * (K1 + 1.0) / (f + K1 * (1.0 - B + B * len / index.average));
        }
    }
    let mut best = vec![0.0f64; index.sections];
    for (para, score) in scores {
        if let Some(b) = index.paragraphs.get(para).and_then(|p| best.get_mut(p.0)) {
            *b = b.max(score);
        }
    }
    let mut order: Vec<usize> = (0..index.sections)
        .filter(|&i| best[i] > 0.0 && index.issues.get(i).is_some_and(|&issue| allowed(issue)))
        .collect();
    order.sort_by(|&a, &b| best[b].total_cmp(&best[a]).then(a.cmp(&b)));
    order
}

/// The comparable words of `text`: link targets and emphasis dropped.
fn stems(text: &str) -> Vec<String> {
    let plain = markdown::plain(text).0.to_lowercase().replace(['’', '\''], "");
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !STOP.contains(w))
        .map(|w| w.chars().take(STEM).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: &str, issue: bool, paragraphs: &[&str]) -> Section {
        Section { id: id.into(), issue, paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect() }
    }

    #[test]
    fn the_heading_that_echoes_the_entry_wins() {
        let sections = [
            section("about", false, &["Relationships with staff matter to treatment."]),
            section("highlighted", false, &["We select a [small British study](#) of workers who prize hedonism."]),
            section("busk-it", true, &["Should manuals rule?", "Manuals and relationships with staff."]),
        ];
        let query = Query {
            headline: "Best drug workers are non-conformist hedonists".into(),
            body: "A small study in an English drug service.".into(),
        };
        let index = Index::new(&sections);
        assert_eq!(rank(&query, &index, |_| true).first(), Some(&1));
        assert_eq!(rank(&query, &index, |issue| issue), Vec::<usize>::new());
    }

    #[test]
    fn a_year_named_in_the_bite_points_at_its_study() {
        let sections = [
            section("start", false, &["Published in 2000, the reviewers’ conclusions remain broadly supported."]),
            section("other", true, &["Later reviews remain supported too."]),
        ];
        let query = Query { headline: "Track records 2000".into(), body: "Reviews.".into() };
        assert_eq!(rank(&query, &Index::new(&sections), |_| true), vec![0, 1]);
    }

    #[test]
    fn no_shared_words_ranks_nothing() {
        let sections = [section("about", false, &["Alpha beta gamma."])];
        let query = Query { headline: "Delta".into(), body: "Epsilon.".into() };
        assert!(rank(&query, &Index::new(&sections), |_| true).is_empty());
        assert!(rank(&query, &Index::new(&[]), |_| true).is_empty());
    }

    #[test]
    fn stems_drop_apostrophes_stop_words_and_link_targets() {
        assert_eq!(stems("You’re [the client’s](https://x.org/therapy) hedonists"), vec!["youre", "client", "hedoni"]);
    }
}
