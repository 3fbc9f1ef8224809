//! One entry's answers merged into its [`Status`]: a failed service is
//! written down as unknown, never taken for "nothing to report".

use jiff::Timestamp;

use super::EvidenceEntry;
use super::audit::{Checked, Known, cochrane_newer};
use super::status::Status;

/// What was learnt about `entry`.
pub(crate) fn checked(entry: EvidenceEntry, known: &Known) -> Checked {
    let mut status = Status::default();
    let mut oldest: Option<Timestamp> = None;
    let mut seen = |at: Timestamp| oldest = Some(oldest.map_or(at, |o| o.min(at)));
    if let Some(pmcid) = &entry.pmcid
        && entry.doi.is_none()
        && entry.pmid.is_none()
    {
        match known.idconv.get(&pmcid.value) {
            Some((at, Ok(None))) => {
                seen(*at);
                status.unknown.push(format!("the PMC ID converter does not know {}", pmcid.value));
            }
            Some((_, Err(e))) => status.unknown.push(e.clone()),
            _ => {}
        }
    }
    if let Some(doi) = &entry.doi {
        match known.crossref.get(&doi.value) {
            Some((at, Ok(Some(s)))) => {
                seen(*at);
                merge(&mut status, s);
            }
            Some((at, Ok(None))) => {
                seen(*at);
                status.unknown.push(format!(
                    "Crossref does not know the DOI {} (another agency may have registered it)",
                    doi.value
                ));
            }
            Some((_, Err(e))) => status.unknown.push(e.clone()),
            None => {}
        }
        match known.cochrane.get(&doi.value) {
            Some((at, Ok(newest))) => {
                seen(*at);
                if let Some(v) = cochrane_newer(&doi.value, *newest, known) {
                    status.add_version(v);
                }
            }
            Some((_, Err(e))) => status.unknown.push(e.clone()),
            None => {}
        }
        match known.unpaywall.get(&doi.value) {
            Some((at, Ok(open))) => {
                seen(*at);
                status.open.clone_from(open);
            }
            Some((_, Err(e))) => status.unknown.push(e.clone()),
            None => {}
        }
    }
    if let Some(pmid) = &entry.pmid {
        match known.pubmed.get(&pmid.value) {
            Some((at, Ok(Some(s)))) => {
                seen(*at);
                merge(&mut status, s);
            }
            Some((at, Ok(None))) => {
                seen(*at);
                status.unknown.push(format!("PubMed has no record of PMID {}", pmid.value));
            }
            Some((_, Err(e))) => status.unknown.push(e.clone()),
            None => {}
        }
    }
    let free = entry.free_source.as_ref().and_then(|f| known.free.get(f.text.trim())).and_then(|(at, r)| match r {
        Ok(check) => {
            seen(*at);
            Some(check.clone())
        }
        Err(e) => {
            status.unknown.push(format!("the free source: {e}"));
            None
        }
    });
    Checked { entry, status, free, answered: oldest }
}

fn merge(into: &mut Status, from: &Status) {
    for n in &from.notices {
        into.add_notice(n.clone());
    }
    if let Some(v) = &from.newer {
        into.add_version(v.clone());
    }
    into.dates.extend(from.dates.iter().cloned());
    into.unknown.extend(from.unknown.iter().cloned());
}
