use super::*;

fn sections() -> Vec<Section> {
    let s = |id: &str, issue: bool, p: &str| Section { id: id.into(), issue, paragraphs: vec![p.into()] };
    vec![
        s("about", false, "Relationships between staff and patients."),
        s("highlighted", false, "We select a small British study of hedonists."),
        s("busk-it", true, "Is it best to busk it? Manuals and rules."),
        s("toxic", true, "Is low empathy toxic? Empathy matters."),
    ]
}

fn ids(text: &str, headline: &str) -> (String, Vec<String>) {
    let registry = Registry::default();
    let sections = sections();
    let index = crate::matching::Index::new(&sections);
    let cx = Context { registry: &registry, matrix: "drug", cell: "B2", sections: &sections, index: &index };
    let (rest, request) = extract(text);
    let query = Query { headline: headline.into(), body: rest.clone() };
    (rest, request.map(|r| resolve(&r, &query, &cx)).unwrap_or_default())
}

#[test]
fn sentence_forms_are_removed() {
    for text in [
        "Text. For discussion [click here](#) and scroll down to highlighted heading.",
        "Text. For related discussion click [here](#) and scroll down to the highlighted heading.",
        "Text. Discussion in bite’s Highlighted study section.",
        "Text. (Discussion in bite's Issues section.)",
        "Text. Discussion in cell C2 of the Alcohol Treatment Matrix.",
        "Text. For discussion click here and scroll down to highlighted heading in bite’s Issues section.",
        "Text. Discussion in bite’s Highlighted study and Issues sections.",
    ] {
        assert_eq!(ids(text, "Hedonists").0, "Text.", "{text}");
    }
    assert_eq!(ids("No sentence here.", "x"), ("No sentence here.".to_owned(), Vec::new()));
}

#[test]
fn anchors_decide_and_bare_targets_are_matched() {
    let two = "For discussions [click here](#toxic) and [here](#) and scroll down to highlighted headings.";
    assert_eq!(ids(two, "Hedonists").1, vec!["highlighted", "toxic"]);
    let remote = "For discussion [click here](https://findings.org.uk/PHP/dl.php?file=Matrix/Alcohol/C2.htm#recruitment) and scroll down to highlighted heading.";
    assert_eq!(ids(remote, "x").1, vec!["alcohol/C2#recruitment"]);
    let same_matrix = "For discussion [click here](https://findings.org.uk/PHP/dl.php?file=Matrix/Drugs/A2.htm) and scroll down to highlighted heading.";
    assert_eq!(ids(same_matrix, "x").1, vec!["A2"]);
    let bite_url = "For discussion [click here](https://findings.org.uk/matrix-bite/drug-B2/toxic) and scroll down to highlighted heading.";
    assert_eq!(ids(bite_url, "x").1, vec!["toxic"]);
}

#[test]
fn old_style_sentences_name_their_scope() {
    assert_eq!(ids("Discussion in bite’s Issues section.", "Do manuals rule?").1, vec!["busk-it"]);
    assert_eq!(ids("Discussion in bite’s Issues section.", "Hedonists").1, Vec::<String>::new());
    assert_eq!(ids("Discussion in bite’s Where should I start? section.", "x").1, Vec::<String>::new());
    assert_eq!(ids("Discussion in bite’s Highlighted study section.", "x").1, vec!["highlighted"]);
    assert_eq!(ids("Discussion in cell C2.", "x").1, vec!["C2"]);
    assert_eq!(ids("Discussion in cell C2 of the Alcohol Treatment Matrix.", "x").1, vec!["alcohol/C2"]);
}

#[test]
fn nothing_to_match_resolves_to_nothing() {
    let text = "For discussion [click here](#) and scroll down to highlighted heading.";
    assert_eq!(ids(text, "Unrelated words entirely").1, Vec::<String>::new());
}

#[test]
fn a_section_named_after_the_heading_narrows_the_match_to_it() {
    // Without the tail the best match is the highlighted study; "in bite’s
    // Issues section" says it is an issue.
    let text = "Hedonists. For discussion click here and scroll down to highlighted heading in bite’s Issues section.";
    assert_eq!(ids(text, "Small British study of hedonists, empathy").1, vec!["toxic"]);
    let two = "Text. Discussion in bite’s Highlighted study and Issues sections.";
    assert_eq!(ids(two, "Is it best to busk it").1, vec!["highlighted", "busk-it"]);
}
