//! What each tier label means, for hovers and completion. One table, so that
//! it is swapped for `cell::Tier` in one place once that type exists.

/// Each label with its name and what it tells a reader.
pub(crate) const TIERS: [(&str, &str, &str); 5] = [
    (
        "S",
        "Seminal study",
        "A study that shaped the field: seminal in its influence on research or practice. Listed first.",
    ),
    ("K", "Key study", "An important study that directly informs practice in this cell. Listed after seminal studies."),
    ("R", "Review", "A review or synthesis of the research, or an overview of the evidence. Listed after key studies."),
    (
        "G",
        "Guidance",
        "Guidance or recommendations from an authoritative body, often drawing on the reviews. Listed after reviews.",
    ),
    (
        "more",
        "Search for more studies",
        "The cell's last entry: a link to a search of the Effectiveness Bank for further documents, with no year or URL of its own.",
    ),
];

/// The meaning of `label` in Markdown, or `None` for a label outside the set.
pub(crate) fn describe(label: &str) -> Option<String> {
    let (label, name, meaning) = TIERS.iter().find(|(l, _, _)| *l == label)?;
    Some(format!(
        "**{label}** — {name}\n\n{meaning}\n\nEntries go in the order S, K, R, G, `more`; a document can carry two labels, such as `[S, G]`."
    ))
}
