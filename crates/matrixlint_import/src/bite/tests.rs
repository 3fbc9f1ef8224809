use super::*;

fn paras(texts: &[&str]) -> Vec<Para> {
    texts.iter().enumerate().map(|(i, t)| Para::text(i * 2 + 1, *t)).collect()
}

#[test]
fn sections_issues_page_breaks_and_pull_quotes() {
    let page = paras(&[
        "What is cell B2 about? Whether medical or psychosocial.",
        "Where should I start? This review comprehensively mapped the ways treatment practitioners of all kinds might",
        "affect the quality of treatment.",
        "Highlighted study We select a small British study.",
        "Issues to consider and discuss",
        "► **Is it best to busk it?** Or perhaps not? There is no ‘Do this and improve’ formula – it all depends.",
        "There is no ‘Do this and improve’ formula",
        "Does all this read like despair?",
        "► **You’re not taking me seriously!** ... the spoken complaint.",
    ]);
    let mut notes = Vec::new();
    let bite = parse(&page, &mut notes);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(bite.about.as_deref(), Some("Whether medical or psychosocial."));
    assert_eq!(
        bite.start.as_deref(),
        Some(
            "This review comprehensively mapped the ways treatment practitioners of all kinds might affect the quality of treatment."
        )
    );
    assert_eq!(bite.highlighted.as_deref(), Some("We select a small British study."));
    let ids: Vec<&str> = bite.issues.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, vec!["is-it-best-to-busk-it", "youre-not-taking-me-seriously"]);
    assert_eq!(bite.issues[0].title, "Is it best to busk it?");
    assert_eq!(
        bite.issues[0].text,
        "Or perhaps not? There is no ‘Do this and improve’ formula – it all depends.\n\n> There is no ‘Do this and improve’ formula\n\nDoes all this read like despair?"
    );
    assert_eq!(bite.issues[1].text, "... the spoken complaint.");
}

#[test]
fn text_outside_any_section_is_reported_with_its_line() {
    let mut page =
        paras(&["Highlighted study Text.", "Issues to consider and discuss", "Stray intro.", "► Untitled? Body."]);
    page.push(Para { line: 20, text: "Close Matrix Bite".into(), kind: Kind::CloseBite });
    page.push(Para::text(22, "Footer"));
    let mut notes = Vec::new();
    let bite = parse(&page, &mut notes);
    let lines: Vec<usize> = notes.iter().map(|n| n.line).collect();
    assert_eq!(lines, vec![5, 22]);
    assert!(notes[0].message.contains("Stray intro."));
    assert_eq!(bite.issues[0].title, "Untitled?");
    assert_eq!(bite.issues[0].text, "Body.");
}

#[test]
fn slugs_are_stable_kebab_case() {
    assert_eq!(
        slug("Do relationship-forging staff just mean clients stay longer?"),
        "do-relationship-forging-staff-just-mean-clients-stay-longer"
    );
    assert_eq!(slug("Recruitment: the critical missing link"), "recruitment-the-critical-missing-link");
    assert_eq!(slug("‘Busk it’ – or *not*? £5 café"), "busk-it-or-not-5-cafe");
    assert_eq!(slug("►…"), "issue");
}

#[test]
fn a_long_fragment_before_a_capital_is_a_page_break_and_a_short_one_stays() {
    let long = "word ".repeat(45) + "the American";
    let joined = join(&[long.clone(), "Psychological Association said so.".into()]).unwrap();
    assert_eq!(joined, format!("{long} Psychological Association said so."));
    let kept = join(&["A subheading".into(), "Text follows.".into()]).unwrap();
    assert_eq!(kept, "A subheading\n\nText follows.");
}
