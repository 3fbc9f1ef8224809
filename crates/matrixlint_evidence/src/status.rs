//! What the registries say about one work, merged: notices (retraction,
//! concern, correction), newer versions, registry dates, open access, and
//! what could not be learnt.

use serde::{Deserialize, Serialize};

/// The kind of a notice about a work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// Retraction, partial retraction, withdrawal or removal.
    Retraction,
    /// An expression of concern.
    ExpressionOfConcern,
    /// An erratum or correction.
    Correction,
}

impl NoticeKind {
    /// Words for messages.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Self::Retraction => "retracted",
            Self::ExpressionOfConcern => "the subject of an expression of concern",
            Self::Correction => "corrected",
        }
    }
}

/// One notice about the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// What it is.
    pub kind: NoticeKind,
    /// The registry's own word (`retraction`, `withdrawal`, `ErratumIn`…).
    pub label: String,
    /// The notice's DOI, when known.
    pub doi: Option<String>,
    /// The notice's PMID, when known.
    pub pmid: Option<String>,
    /// Its date (`2020-01-02`), when known.
    pub date: Option<String>,
    /// Who reported it: `publisher`, `retraction-watch`, `pubmed`.
    pub source: String,
    /// True when the cited identifier is itself the notice (Crossref
    /// `update-to`, PubMed `RetractionOf`): `doi` is then the work it updates.
    pub is_the_notice: bool,
}

/// A newer version of the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// Its DOI, when known.
    pub doi: Option<String>,
    /// Its PMID, when known.
    pub pmid: Option<String>,
    /// Its year, when known.
    pub year: Option<i64>,
    /// Where the newer version was learnt: `cochrane`, `crossref`, `pubmed`.
    pub via: String,
}

/// A date a registry holds for the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryDate {
    /// `issued`, `published online`, `published in print`, `PubMed`.
    pub what: String,
    /// The year.
    pub year: i64,
    /// The date as the registry gives it (`2010-05-03`, `2010-09`).
    pub date: String,
}

/// Open access, from Unpaywall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenAccess {
    /// `gold`, `green`, `hybrid`, `bronze` or `closed`.
    pub status: String,
    /// The best open copy: its address and where it is (`repository`, `publisher`).
    pub best: Option<(String, String)>,
}

/// Everything learnt about one work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// Notices.
    pub notices: Vec<Notice>,
    /// The newest version, when newer than the one cited.
    pub newer: Option<Version>,
    /// Registry dates.
    pub dates: Vec<RegistryDate>,
    /// Open access, when asked.
    pub open: Option<OpenAccess>,
    /// What could not be learnt, each naming the service and why.
    pub unknown: Vec<String>,
}

impl Status {
    /// Adds a notice unless the same one (kind and DOI or PMID) is known.
    pub fn add_notice(&mut self, notice: Notice) {
        let same = |n: &Notice| {
            n.kind == notice.kind
                && n.is_the_notice == notice.is_the_notice
                && ((n.doi.is_some()
                    && n.doi.as_deref().map(str::to_ascii_lowercase)
                        == notice.doi.as_deref().map(str::to_ascii_lowercase))
                    || (n.pmid.is_some() && n.pmid == notice.pmid))
        };
        if let Some(existing) = self.notices.iter_mut().find(|n| same(n)) {
            if existing.date.is_none() {
                existing.date.clone_from(&notice.date);
            }
            if existing.doi.is_none() {
                existing.doi.clone_from(&notice.doi);
            }
            return;
        }
        self.notices.push(notice);
    }

    /// Keeps the newer of the known version and `v` (by DOI version or year).
    pub fn add_version(&mut self, v: Version) {
        let rank = |v: &Version| {
            let pub_n = v.doi.as_deref().and_then(super::identifiers::cochrane).map_or(0, |(_, n)| n);
            (pub_n, v.year.unwrap_or(0))
        };
        if self.newer.as_ref().is_none_or(|old| rank(&v) > rank(old)) {
            self.newer = Some(v);
        }
    }
}

/// A Crossref date-parts value (`[[2010, 5, 3]]`) as (year, `2010-05-03`).
#[must_use]
pub fn date_parts(value: &serde_json::Value) -> Option<(i64, String)> {
    let parts = value.get("date-parts")?.get(0)?.as_array()?;
    let year = parts.first()?.as_i64()?;
    let rest: Vec<String> =
        parts.iter().skip(1).filter_map(serde_json::Value::as_i64).map(|n| format!("{n:02}")).collect();
    let mut date = year.to_string();
    for r in rest {
        date.push('-');
        date.push_str(&r);
    }
    Some((year, date))
}
