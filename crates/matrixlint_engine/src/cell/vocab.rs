//! The matrices' vocabulary as types: tier labels, the Matrix Bite's fixed
//! sections, the earliest year. Rules, the cell view, the importer, the
//! schema and the language server all read them from here.

/// The earliest publication year accepted by default (`years.min`).
pub const MIN_YEAR: i64 = 1900;

/// A tier label: what kind of document an entry lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// `S`: a seminal study.
    Seminal,
    /// `K`: a key study.
    Key,
    /// `R`: a review.
    Review,
    /// `G`: guidance.
    Guidance,
    /// `more`: a search for more studies.
    More,
}

/// In the cell schema, the labels as written, listed once (from [`Tier::ALL`]).
impl schemars::JsonSchema for Tier {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "tier".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let labels: Vec<&str> = Self::ALL.iter().map(|t| t.label()).collect();
        schemars::json_schema!({
            "description": "S seminal study, K key study, R review, G guidance, `more` a search for more.",
            "enum": labels,
        })
    }
}

impl Tier {
    /// Every tier, in the order entries are listed.
    pub const ALL: [Self; 5] = [Self::Seminal, Self::Key, Self::Review, Self::Guidance, Self::More];

    /// The tier of a label as written (`S`, `K`, `R`, `G`, `more`; exact case).
    #[must_use]
    pub fn parse(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.label() == label)
    }

    /// The label as written in a cell source.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Seminal => "S",
            Self::Key => "K",
            Self::Review => "R",
            Self::Guidance => "G",
            Self::More => "more",
        }
    }

    /// What the label stands for, as the published legend says it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Seminal => "Seminal studies",
            Self::Key => "Key studies",
            Self::Review => "Reviews",
            Self::Guidance => "Guidance",
            Self::More => "Search for more studies",
        }
    }

    /// What an entry under this label is, for a reader (hover text).
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Seminal => "a study that shaped the field; listed first",
            Self::Key => "a study that matters most to this cell's topic",
            Self::Review => "a review or synthesis of studies",
            Self::Guidance => "guidance: recommendations from an authoritative body",
            Self::More => "a search on the Effectiveness Bank for more analyses; last, at most once",
        }
    }

    /// Words editors write for the label, which `unknown-tier` recognises.
    #[must_use]
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Seminal => &["seminal", "seminal study"],
            Self::Key => &["key", "key study"],
            Self::Review => &["review", "reviews"],
            Self::Guidance => &["guidance", "guideline", "guidelines"],
            Self::More => &["search", "more studies", "search for more"],
        }
    }

    /// Whether entries under this label list a document (with a title, a
    /// year and a link), as every label but `more` does.
    #[must_use]
    pub(crate) fn is_document(self) -> bool {
        self != Self::More
    }

    /// "an" or "a", for the label read aloud ("an `R` entry", "a `K` entry").
    #[must_use]
    pub fn article(self) -> &'static str {
        if matches!(self, Self::Seminal | Self::Review) { "an" } else { "a" }
    }
}

/// A fixed section of the Matrix Bite (issues come after them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BiteSection {
    /// "What is this cell about?"
    About,
    /// "Where should I start?"
    Start,
    /// "Highlighted study"
    Highlighted,
}

impl BiteSection {
    /// Every section, in published order.
    pub const ALL: [Self; 3] = [Self::About, Self::Start, Self::Highlighted];

    /// The section of a key or `discussion` id.
    #[must_use]
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Its key under `bite:` (and its id in `discussion`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::About => "about",
            Self::Start => "start",
            Self::Highlighted => "highlighted",
        }
    }

    /// The published heading.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Self::About => "What is this cell about?",
            Self::Start => "Where should I start?",
            Self::Highlighted => "Highlighted study",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_in_published_order() {
        let labels: Vec<&str> = Tier::ALL.iter().map(|t| t.label()).collect();
        assert_eq!(labels, ["S", "K", "R", "G", "more"]);
        assert!(Tier::ALL.iter().all(|t| Tier::parse(t.label()) == Some(*t)));
        assert_eq!(Tier::parse("k"), None, "labels are exact");
        assert!(Tier::Seminal < Tier::More, "the order is the listing order");
        assert_eq!(BiteSection::parse("start").map(BiteSection::heading), Some("Where should I start?"));
    }
}
