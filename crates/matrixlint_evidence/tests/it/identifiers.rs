//! Identifiers read from an entry's links when it does not write them.

use std::sync::Arc;

use matrixlint_engine::source::SourceFile;
use matrixlint_engine::source::yaml::load;
use matrixlint_evidence::{Source, collect};

/// The identifiers of each entry of a cell whose entries hold `links`
/// (`url` and `free_source`, either may be empty).
fn identified(links: &[(&str, &str)]) -> Vec<[Option<(String, Source)>; 3]> {
    let mut text = String::from("matrix: drug\ncell: B2\nentries:\n");
    for (i, (url, free)) in links.iter().enumerate() {
        text.push_str(&format!("  - tier: K\n    title: Work {i}\n    year: 2001\n"));
        for (key, value) in [("url", url), ("free_source", free)] {
            if !value.is_empty() {
                text.push_str(&format!("    {key}: \"{value}\"\n"));
            }
        }
    }
    let file = Arc::new(SourceFile::new("c.yaml", "c.yaml", text.as_str()));
    let root = load(&text).expect("the cell loads");
    collect([(&file, &root)])
        .into_iter()
        .map(|e| [e.doi, e.pmid, e.pmcid].map(|i| i.map(|i| (i.value, i.source))))
        .collect()
}

#[test]
fn dois_pmids_and_pmcids_are_read_from_links() {
    let found = identified(&[
        ("https://doi.org/10.1111/j.1360-0443.2010.03.x", ""),
        ("https://pubmed.ncbi.nlm.nih.gov/22417132/", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3456789/"),
        ("https://example.org/a-report.pdf", "https://dx.doi.org/10.1136%2Fbmj.b2"),
    ]);
    let some = |v: &str, s: Source| Some((v.to_owned(), s));
    assert_eq!(
        found,
        [
            [some("10.1111/j.1360-0443.2010.03.x", Source::Url), None, None],
            [None, some("22417132", Source::Url), some("PMC3456789", Source::FreeSource)],
            [some("10.1136/bmj.b2", Source::FreeSource), None, None],
        ]
    );
}

#[test]
fn a_link_to_anything_else_identifies_nothing() {
    let found = identified(&[("https://findings.org.uk/count.php?id=1", "https://doi.org/not-a-doi")]);
    assert_eq!(found, [[None, None, None]]);
}
