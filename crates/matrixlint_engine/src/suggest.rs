//! "Did you mean …?" suggestions.

/// The known name closest to `word`, if it is close enough to be a typo:
/// within a third of its length in edits (transpositions count once), or
/// very similar by Jaro–Winkler (shared prefix, as in `tier-ordr`).
#[must_use]
pub(crate) fn closest<'a>(word: &str, known: &'a [String]) -> Option<&'a str> {
    let word = word.to_lowercase();
    let budget = (word.chars().count() / 3).max(1);
    known
        .iter()
        .map(|k| {
            let lower = k.to_lowercase();
            (strsim::damerau_levenshtein(&word, &lower), strsim::jaro_winkler(&word, &lower), k)
        })
        .filter(|(distance, similarity, _)| *distance <= budget || *similarity >= 0.85)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, k)| k.as_str())
}

/// The name of the rule closest to `name` (a misspelt rule name or code).
#[must_use]
pub(crate) fn rule(name: &str) -> Option<&'static str> {
    let names: Vec<String> = crate::rules::RULES.iter().map(|r| r.info.name.to_owned()).collect();
    closest(name, &names).and_then(crate::rules::find).map(|r| r.info.name)
}

/// "; did you mean `tier-order`?" after an unknown rule's name, or nothing.
#[must_use]
pub fn rule_hint(name: &str) -> String {
    rule(name).map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_only_close_names() {
        let known = vec!["year".to_owned(), "title".to_owned(), "tier".to_owned(), "min".to_owned()];
        assert_eq!(closest("yaer", &known), Some("year"));
        assert_eq!(closest("Title", &known), Some("title"));
        assert_eq!(closest("mni", &known), Some("min"));
        assert_eq!(closest("zzzz", &known), None);
        assert_eq!(closest("x", &["yz".to_owned()]), None);
    }
}
