//! Asking one service for many keys: from the cache first, then the
//! network (batched where the API allows, concurrently within the
//! service's gate). Only answers that read are kept for the cache: a
//! failure is asked again next time.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use reqwest::Url;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::audit::{FreeCheck, Known, Settings};
use super::cache::Cache;
use super::idconv::Ids;
use super::service::{Service, Services};
use super::status::{OpenAccess, Status};
use super::{crossref, free, idconv, pubmed, unpaywall, versions};
use crate::links::BodyAnswer;

/// Answers fetched in this audit, to be cached.
#[derive(Default)]
pub struct Fetched {
    answers: Vec<(Service, String, serde_json::Value)>,
}

impl Fetched {
    fn keep<T: Serialize>(&mut self, service: Service, key: &str, value: &T) {
        if let Ok(v) = serde_json::to_value(value) {
            self.answers.push((service, key.to_owned(), v));
        }
    }

    /// How many answers were fetched.
    #[must_use]
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    /// Whether nothing was fetched.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// Stores every answer in `cache`, fetched at `now`.
    ///
    /// # Errors
    /// A failing write.
    pub fn store(self, cache: &mut Cache, now: Timestamp) -> Result<(), super::cache::CacheError> {
        for service in Service::ALL {
            let of: Vec<(String, serde_json::Value)> =
                self.answers.iter().filter(|(s, _, _)| *s == service).map(|(_, k, v)| (k.clone(), v.clone())).collect();
            if !of.is_empty() {
                cache.put(service, &of, now)?;
            }
        }
        Ok(())
    }
}

fn read<T: DeserializeOwned>(
    cache: &Cache,
    service: Service,
    keys: &[String],
    now: Timestamp,
    warnings: &mut Vec<String>,
) -> HashMap<String, (Timestamp, T)> {
    cache.get(service, keys, now).unwrap_or_else(|e| {
        warnings.push(format!("cached {} answers unavailable: {e}", service.title()));
        HashMap::new()
    })
}

/// Fills `known` with `service`'s cached answers for `keys`; returns how many there were.
pub(crate) fn from_cache(
    cache: Option<&Cache>,
    service: Service,
    keys: &[String],
    now: Timestamp,
    known: &mut Known,
    warnings: &mut Vec<String>,
) -> usize {
    let Some(cache) = cache else { return 0 };
    fn put<T>(
        into: &mut HashMap<String, (Timestamp, Result<T, String>)>,
        got: HashMap<String, (Timestamp, T)>,
    ) -> usize {
        let n = got.len();
        into.extend(got.into_iter().map(|(k, (at, v))| (k, (at, Ok(v)))));
        n
    }
    match service {
        Service::PmcIdconv => put(&mut known.idconv, read(cache, service, keys, now, warnings)),
        Service::Crossref => {
            let missing: Vec<String> = keys.iter().filter(|k| !known.crossref.contains_key(*k)).cloned().collect();
            put(&mut known.crossref, read(cache, service, &missing, now, warnings))
        }
        Service::Pubmed => put(&mut known.pubmed, read(cache, service, keys, now, warnings)),
        Service::Unpaywall => put(&mut known.unpaywall, read(cache, service, keys, now, warnings)),
        Service::Handle => put(&mut known.cochrane, read(cache, service, keys, now, warnings)),
        Service::FreeSource => put(&mut known.free, read(cache, service, keys, now, warnings)),
    }
}

type Job = (Vec<String>, Option<Url>);
type Batch<T> = Vec<(Vec<String>, Result<T, String>)>;

/// What one service answered in one phase.
pub(crate) enum Got {
    Idconv(Batch<HashMap<String, Ids>>),
    Pubmed(Batch<HashMap<String, Status>>),
    Crossref(Batch<Option<Status>>),
    Unpaywall(Batch<Option<OpenAccess>>),
    Free(Batch<FreeCheck>),
    Handle(Vec<(String, Result<u32, String>)>),
}

/// The `keys` whose answer from `service` is not known yet.
pub(crate) fn missing(service: Service, keys: &[String], known: &Known) -> Vec<String> {
    let has = |k: &String| match service {
        Service::PmcIdconv => known.idconv.contains_key(k),
        Service::Pubmed => known.pubmed.contains_key(k),
        Service::Crossref => known.crossref.contains_key(k),
        Service::Unpaywall => known.unpaywall.contains_key(k),
        Service::FreeSource => known.free.contains_key(k),
        Service::Handle => known.cochrane.contains_key(k),
    };
    keys.iter().filter(|k| !has(k)).cloned().collect()
}

/// Asks `service` about `keys` (batched where the API allows). Services of
/// one phase are asked at the same time, each within its own gate.
pub(crate) async fn ask(services: Arc<Services>, service: Service, keys: Vec<String>, settings: Arc<Settings>) -> Got {
    let email = settings.email.as_deref();
    match service {
        Service::PmcIdconv => {
            let jobs = keys
                .chunks(idconv::BATCH)
                .map(|ids| (ids.to_vec(), idconv::query(&settings.pmc_idconv, ids, email)))
                .collect();
            Got::Idconv(run(&services, service, jobs, |a| idconv::parse(a.status, &a.body)).await)
        }
        Service::Pubmed => {
            let jobs = keys
                .chunks(pubmed::BATCH)
                .map(|ids| (ids.to_vec(), pubmed::query(&settings.pubmed, ids, email)))
                .collect();
            Got::Pubmed(
                run(&services, service, jobs, |a| {
                    if a.status == 200 { pubmed::parse(&a.body) } else { Err(format!("PubMed answered {}", a.status)) }
                })
                .await,
            )
        }
        Service::Crossref => {
            let jobs = one_each(keys, |k| crossref::query(&settings.crossref, k, email));
            Got::Crossref(run(&services, service, jobs, |a| crossref::parse(a.status, &a.body)).await)
        }
        Service::Unpaywall => {
            let email = email.unwrap_or_default();
            let jobs = one_each(keys, |k| unpaywall::query(&settings.unpaywall, k, email));
            Got::Unpaywall(run(&services, service, jobs, |a| unpaywall::parse(a.status, &a.body)).await)
        }
        Service::FreeSource => {
            let jobs = one_each(keys, |k| Url::parse(k).ok());
            Got::Free(run(&services, service, jobs, |a| Ok::<FreeCheck, String>(free::judge(a))).await)
        }
        Service::Handle => Got::Handle(probe_all(services, settings.resolver.clone(), keys).await),
    }
}

/// Files what a service answered into `known`, and what read into `fetched`.
pub(crate) fn absorb(got: Got, now: Timestamp, known: &mut Known, fetched: &mut Fetched) {
    match got {
        Got::Idconv(batches) => spread(batches, Service::PmcIdconv, now, &mut known.idconv, fetched),
        Got::Pubmed(batches) => spread(batches, Service::Pubmed, now, &mut known.pubmed, fetched),
        Got::Crossref(answers) => keep_each(answers, Service::Crossref, now, &mut known.crossref, fetched),
        Got::Unpaywall(answers) => keep_each(answers, Service::Unpaywall, now, &mut known.unpaywall, fetched),
        Got::Free(answers) => keep_each(answers, Service::FreeSource, now, &mut known.free, fetched),
        Got::Handle(answers) => {
            for (key, value) in answers {
                if let Ok(v) = &value {
                    fetched.keep(Service::Handle, &key, v);
                }
                known.cochrane.insert(key, (now, value));
            }
        }
    }
}

/// A batch answer split per key: a key the answer does not name is `None`
/// (the service does not know it); a failed batch fails each of its keys.
fn spread<T: Clone + Serialize>(
    batches: Batch<HashMap<String, T>>,
    service: Service,
    now: Timestamp,
    into: &mut HashMap<String, (Timestamp, Result<Option<T>, String>)>,
    fetched: &mut Fetched,
) {
    for (batch, answer) in batches {
        for key in batch {
            let value = answer.as_ref().map(|m| m.get(&key).cloned()).map_err(Clone::clone);
            if let Ok(v) = &value {
                fetched.keep(service, &key, v);
            }
            into.insert(key, (now, value));
        }
    }
}

fn one_each(keys: Vec<String>, url: impl Fn(&str) -> Option<Url>) -> Vec<Job> {
    keys.into_iter().map(|k| (vec![k.clone()], url(&k))).collect()
}

fn keep_each<T: Serialize>(
    answers: Vec<(Vec<String>, Result<T, String>)>,
    service: Service,
    now: Timestamp,
    into: &mut HashMap<String, (Timestamp, Result<T, String>)>,
    fetched: &mut Fetched,
) {
    for (keys, value) in answers {
        let Some(key) = keys.into_iter().next() else { continue };
        if let Ok(v) = &value {
            fetched.keep(service, &key, v);
        }
        into.insert(key, (now, value));
    }
}

/// Runs the jobs concurrently (each service's gate decides how many at once).
async fn run<T: Send + 'static>(
    services: &Arc<Services>,
    service: Service,
    jobs: Vec<Job>,
    parse: fn(&BodyAnswer) -> Result<T, String>,
) -> Batch<T> {
    let mut set = tokio::task::JoinSet::new();
    for (keys, url) in jobs {
        let services = Arc::clone(services);
        set.spawn(async move {
            let Some(url) = url else {
                return (keys, Err(format!("no valid {} address could be made", service.title())));
            };
            let answer = services.get(service, url).await.and_then(|a| parse(&a));
            (keys, answer)
        });
    }
    let mut out = Vec::new();
    while let Some(joined) = set.join_next().await {
        if let Ok(done) = joined {
            out.push(done);
        }
    }
    out
}

/// For each Cochrane DOI, the newest registered version: the next suffix
/// is asked until the handle API says it is not registered.
async fn probe_all(services: Arc<Services>, resolver: String, dois: Vec<String>) -> Vec<(String, Result<u32, String>)> {
    let mut set = tokio::task::JoinSet::new();
    for doi in dois {
        let services = Arc::clone(&services);
        let resolver = resolver.clone();
        set.spawn(async move {
            let Some((base, cited)) = super::identifiers::cochrane(&doi) else { return (doi, Ok(0)) };
            let mut newest = cited;
            for _ in 0..versions::MAX_PROBES {
                let next = super::identifiers::cochrane_version(&base, newest + 1);
                let Some(url) = versions::query(&resolver, &next) else {
                    return (doi, Err("`links.doi-resolver` is not a usable address".to_owned()));
                };
                match services.get(Service::Handle, url).await.and_then(|a| versions::registered(a.status, &a.body)) {
                    Ok(true) => newest += 1,
                    Ok(false) => return (doi, Ok(newest)),
                    Err(e) => return (doi, Err(e)),
                }
            }
            (doi, Ok(newest))
        });
    }
    let mut out = Vec::new();
    while let Some(joined) = set.join_next().await {
        if let Ok(done) = joined {
            out.push(done);
        }
    }
    out
}
