//! The `evidence` section: how `matrixlint evidence` asks the scholarly
//! registries about the works the cells cite. The DOI handle API is the
//! link audit's `links.doi-resolver`; requests go through the link audit's
//! client, guard and `links.user-agent`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::links::Push;

/// The `evidence` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct EvidenceConfig {
    /// Contact address sent to Crossref (`mailto`), NCBI (`email`) and
    /// Unpaywall (which is not asked without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// How long a service's answer is reused, in days (`--refresh` asks again).
    pub cache_days: u64,
    /// `check` also reports the findings of the last evidence audit (from
    /// the history, without a request).
    pub in_check: bool,
    /// Crossref's REST API (`{crossref}/works/{doi}`).
    pub crossref: String,
    /// The PMC ID converter (`{pmc-idconv}?ids=…&format=json`).
    pub pmc_idconv: String,
    /// NCBI E-utilities (`{pubmed}/efetch.fcgi?db=pubmed&id=…&retmode=xml`).
    pub pubmed: String,
    /// Unpaywall's API (`{unpaywall}/{doi}?email=…`).
    pub unpaywall: String,
    /// Requests a second to NCBI (3 without an API key).
    pub ncbi_per_second: u32,
}

impl Default for EvidenceConfig {
    fn default() -> Self {
        Self {
            email: None,
            cache_days: 7,
            in_check: false,
            crossref: "https://api.crossref.org".to_owned(),
            pmc_idconv: "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/".to_owned(),
            pubmed: "https://eutils.ncbi.nlm.nih.gov/entrez/eutils".to_owned(),
            unpaywall: "https://api.unpaywall.org/v2".to_owned(),
            ncbi_per_second: 3,
        }
    }
}

impl EvidenceConfig {
    /// Problems the schema cannot see: base addresses that are not http(s)
    /// URLs, an email that is not an address, an NCBI rate above its limit.
    pub fn problems(&self, push: &mut Push<'_>) {
        let services = [
            ("crossref", &self.crossref),
            ("pmc-idconv", &self.pmc_idconv),
            ("pubmed", &self.pubmed),
            ("unpaywall", &self.unpaywall),
        ];
        for (key, value) in services {
            let ok = url::Url::parse(value).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
            if !ok {
                push(
                    &format!("/evidence/{key}"),
                    false,
                    format!("`{value}` is not an http(s) URL"),
                    Some("give the service's base address, as `https://api.crossref.org`".to_owned()),
                );
            }
        }
        if let Some(email) = &self.email
            && !is_email(email)
        {
            push(
                "/evidence/email",
                false,
                format!("`{email}` is not an email address"),
                Some("give an address the services can write to, as `editor@example.org`".to_owned()),
            );
        }
        if !(1..=10).contains(&self.ncbi_per_second) {
            push(
                "/evidence/ncbi-per-second",
                false,
                format!("{} requests a second is outside NCBI's limits (1 to 10)", self.ncbi_per_second),
                Some("NCBI allows 3 requests a second without an API key, 10 with one".to_owned()),
            );
        }
    }
}

/// Something `@` something with a dot, no spaces.
fn is_email(s: &str) -> bool {
    let Some((user, domain)) = s.split_once('@') else { return false };
    !user.is_empty() && domain.contains('.') && !domain.starts_with('.') && !s.contains(char::is_whitespace)
}
