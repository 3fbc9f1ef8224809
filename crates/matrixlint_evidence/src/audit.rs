//! The evidence audit, phase by phase: PMCIDs to DOIs and PMIDs; then
//! Crossref, PubMed, Unpaywall and the Cochrane probes; then the years of
//! newer versions; then the free sources of closed works. Each phase reads
//! the cache first and asks only for what is missing; what it fetched is
//! returned for the caller to store once it knows the network was there.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use jiff::Timestamp;

use super::cache::Cache;
use super::fetch::{self, Fetched};
use super::idconv::Ids;
use super::identifiers::{cochrane, cochrane_version};
use super::service::{Requests, Service, Services};
use super::status::{OpenAccess, Status, Version};
use super::{EvidenceEntry, Ident, Source};

/// Where the services are and who is asking.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The contact address (`mailto`, `email`); Unpaywall is not asked without it.
    pub email: Option<String>,
    /// Crossref's base address.
    pub crossref: String,
    /// The PMC ID converter's address.
    pub pmc_idconv: String,
    /// E-utilities' base address.
    pub pubmed: String,
    /// Unpaywall's base address.
    pub unpaywall: String,
    /// The DOI resolver (handle API).
    pub resolver: String,
}

/// What a free source answered when its work is closed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FreeCheck {
    /// The answer is the document (not a login, paywall or error page).
    pub document: bool,
    /// What it answered, in words.
    pub detail: String,
}

/// One entry with what was learnt.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The entry (identifiers from the ID converter filled in).
    pub entry: EvidenceEntry,
    /// What the registries say.
    pub status: Status,
    /// The free source, checked when the work is closed.
    pub free: Option<FreeCheck>,
    /// When the oldest answer used was fetched (`None`: nothing was asked).
    pub answered: Option<Timestamp>,
}

/// A whole audit.
#[derive(Debug, Clone)]
pub struct EvidenceAudit {
    /// Every entry, in corpus order.
    pub entries: Vec<Checked>,
    /// Requests and cache hits per service.
    pub requests: Requests,
    /// What the reader should know (a service not asked, a cache not usable).
    pub warnings: Vec<String>,
    /// When it ran.
    pub now: Timestamp,
}

/// Answers from the cache or the network, per service and key.
#[derive(Default)]
pub(crate) struct Known {
    pub idconv: HashMap<String, (Timestamp, Result<Option<Ids>, String>)>,
    pub crossref: HashMap<String, (Timestamp, Result<Option<Status>, String>)>,
    pub pubmed: HashMap<String, (Timestamp, Result<Option<Status>, String>)>,
    pub unpaywall: HashMap<String, (Timestamp, Result<Option<OpenAccess>, String>)>,
    pub cochrane: HashMap<String, (Timestamp, Result<u32, String>)>,
    pub free: HashMap<String, (Timestamp, Result<FreeCheck, String>)>,
}

/// Runs the audit over `entries`. Without `net` nothing is asked: only
/// cached answers are used (what `check` shows). Returns the audit and the
/// answers fetched, for [`Fetched::store`].
pub fn run(
    mut entries: Vec<EvidenceEntry>,
    net: Option<(&tokio::runtime::Runtime, &Arc<Services>)>,
    cache: Option<&Cache>,
    settings: &Settings,
    now: Timestamp,
) -> (EvidenceAudit, Fetched) {
    let mut warnings = Vec::new();
    let mut fetched = Fetched::default();
    let mut known = Known::default();
    let mut cached = HashMap::new();
    let shared = Arc::new(settings.clone());
    // One phase: every service's cached answers, then the rest asked of all
    // the phase's services at once (each within its own gate).
    let mut phase = |wanted: Vec<(Service, BTreeSet<String>)>,
                     known: &mut Known,
                     fetched: &mut Fetched,
                     warnings: &mut Vec<String>| {
        let mut asks = Vec::new();
        for (service, keys) in wanted {
            let keys: Vec<String> = keys.into_iter().collect();
            let hits = fetch::from_cache(cache, service, &keys, now, known, warnings);
            *cached.entry(service).or_insert(0) += hits;
            let missing = fetch::missing(service, &keys, known);
            if !missing.is_empty() {
                asks.push((service, missing));
            }
        }
        let Some((rt, services)) = net else { return };
        let got = rt.block_on(async {
            let mut set = tokio::task::JoinSet::new();
            for (service, keys) in asks {
                set.spawn(fetch::ask(Arc::clone(services), service, keys, Arc::clone(&shared)));
            }
            let mut got = Vec::new();
            while let Some(joined) = set.join_next().await {
                got.extend(joined.ok());
            }
            got
        });
        for g in got {
            fetch::absorb(g, now, known, fetched);
        }
    };
    let pmcids = entries
        .iter()
        .filter(|e| e.doi.is_none() || e.pmid.is_none())
        .filter_map(|e| e.pmcid.as_ref())
        .map(|i| i.value.clone())
        .collect();
    phase(vec![(Service::PmcIdconv, pmcids)], &mut known, &mut fetched, &mut warnings);
    for e in &mut entries {
        let Some(pmcid) = e.pmcid.clone() else { continue };
        if let Some((_, Ok(Some(ids)))) = known.idconv.get(&pmcid.value) {
            let from = |value: &String| Some(Ident { value: value.clone(), source: Source::IdConv, span: pmcid.span });
            if e.doi.is_none() {
                e.doi = ids.doi.as_ref().and_then(from);
            }
            if e.pmid.is_none() {
                e.pmid = ids.pmid.as_ref().and_then(from);
            }
        }
    }
    let dois: BTreeSet<String> = entries.iter().filter_map(|e| e.doi.as_ref()).map(|d| d.value.clone()).collect();
    let pmids = entries.iter().filter_map(|e| e.pmid.as_ref()).map(|d| d.value.clone()).collect();
    let mut second = vec![
        (Service::Crossref, dois.clone()),
        (Service::Pubmed, pmids),
        (Service::Handle, dois.iter().filter(|d| cochrane(d).is_some()).cloned().collect()),
    ];
    // Reading the cache needs no contact address: `check`, hovers and the link
    // report show Unpaywall's cached answers too.
    if settings.email.is_some() || net.is_none() {
        second.push((Service::Unpaywall, dois.clone()));
    }
    phase(second, &mut known, &mut fetched, &mut warnings);
    if settings.email.is_none() && net.is_some() && !dois.is_empty() {
        warnings.push("Unpaywall was not asked (it needs a contact address: set `evidence.email`), so open copies and closed free sources are unknown".to_owned());
    }
    // The years of newer Cochrane versions, from Crossref.
    let newest: BTreeSet<String> = dois
        .iter()
        .filter_map(|d| Some((cochrane(d)?, known.cochrane.get(d)?.1.clone().ok()?)))
        .filter(|((_, cited), newest)| newest > cited)
        .map(|((base, _), newest)| cochrane_version(&base, newest))
        .filter(|d| !known.crossref.contains_key(d))
        .collect();
    phase(vec![(Service::Crossref, newest)], &mut known, &mut fetched, &mut warnings);
    let closed: BTreeSet<String> = entries
        .iter()
        .filter(|e| {
            e.doi
                .as_ref()
                .and_then(|d| known.unpaywall.get(&d.value))
                .is_some_and(|(_, a)| matches!(a, Ok(Some(o)) if o.status == "closed"))
        })
        .filter_map(|e| e.free_source.as_ref().map(|f| f.text.trim().to_owned()))
        .collect();
    phase(vec![(Service::FreeSource, closed)], &mut known, &mut fetched, &mut warnings);
    let entries = entries.into_iter().map(|e| super::merge::checked(e, &known)).collect();
    let mut requests = net.map(|(_, s)| s.requests()).unwrap_or_default();
    for service in Service::ALL {
        requests.cached.insert(service.as_str(), cached.get(&service).copied().unwrap_or(0));
    }
    (EvidenceAudit { entries, requests, warnings, now }, fetched)
}

/// The cited Cochrane version and the newest registered one, as a version.
pub(crate) fn cochrane_newer(doi: &str, newest: u32, known: &Known) -> Option<Version> {
    let (base, cited) = cochrane(doi)?;
    if newest <= cited {
        return None;
    }
    let newest_doi = cochrane_version(&base, newest);
    let year = known
        .crossref
        .get(&newest_doi)
        .and_then(|(_, a)| a.as_ref().ok()?.as_ref()?.dates.iter().find(|d| d.what == "issued").map(|d| d.year));
    Some(Version { doi: Some(newest_doi), pmid: None, year, via: "cochrane".into() })
}
