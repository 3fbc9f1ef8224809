//! What an audit would do, without doing it (`links --offline`): which URLs
//! would be fetched, from which hosts, which are reused from the history and
//! which are not fetched at all.

use jiff::Timestamp;

use super::Target;

/// What the audit would do with one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    /// Fetched from its host (`host:port` for politeness).
    Fetch {
        /// The politeness key.
        host: String,
    },
    /// Checked at the DOI resolver's handle API, not at the publisher.
    Doi {
        /// The resolver's host.
        resolver: String,
    },
    /// A success young enough to stand for this audit.
    Reuse {
        /// When it was really checked.
        checked_at: Timestamp,
    },
    /// Not fetched: a pattern, the scheme, or the address guard.
    Excluded {
        /// Why.
        why: String,
    },
}

/// One URL and what would happen to it.
#[derive(Debug, Clone)]
pub struct PlanItem {
    /// The URL and its places.
    pub target: Target,
    /// What would happen.
    pub planned: Planned,
}

/// What `links --dump` lists.
#[derive(Debug, Clone)]
pub struct Dump {
    /// Every URL of the selected files, with its places.
    pub targets: Vec<Target>,
    /// Files whose links were collected.
    pub files: usize,
    /// Files that could not be read or parsed (their links are not listed).
    pub problems: Vec<crate::diagnostic::Diagnostic>,
}

/// An audit not run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Every URL, in URL order.
    pub items: Vec<PlanItem>,
    /// Files whose links were collected.
    pub files: usize,
    /// Soft-404 probes the audit would send (one per host and path pattern).
    pub probes: usize,
    /// Problems met while planning (no history).
    pub warnings: Vec<String>,
    /// Files that could not be read or parsed (their links are not in the plan).
    pub problems: Vec<crate::diagnostic::Diagnostic>,
}

impl Plan {
    /// URLs that would be requested (from their hosts or the DOI resolver).
    #[must_use]
    pub fn fetched(&self) -> usize {
        self.items.iter().filter(|i| matches!(i.planned, Planned::Fetch { .. } | Planned::Doi { .. })).count()
    }

    /// Distinct hosts that would be asked.
    #[must_use]
    pub fn hosts(&self) -> Vec<&str> {
        let mut hosts: Vec<&str> = self
            .items
            .iter()
            .filter_map(|i| match &i.planned {
                Planned::Fetch { host } => Some(host.as_str()),
                Planned::Doi { resolver } => Some(resolver.as_str()),
                _ => None,
            })
            .collect();
        hosts.sort_unstable();
        hosts.dedup();
        hosts
    }
}
