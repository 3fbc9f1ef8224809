use super::*;

#[test]
fn written_dois_clean_fixable_and_invalid() {
    assert_eq!(check_doi("10.1002/14651858.CD008540.pub2"), Ok(()));
    assert_eq!(check_doi("10.1016/S0140-6736(10)61462-6"), Ok(()), "balanced parentheses stay");
    assert_eq!(
        check_doi("https://doi.org/10.1111/add.12345"),
        Err(DoiProblem::Fixable { clean: "10.1111/add.12345".into(), what: "the resolver address before it" })
    );
    assert_eq!(
        check_doi("10.1111/add.12345."),
        Err(DoiProblem::Fixable { clean: "10.1111/add.12345".into(), what: "trailing punctuation" })
    );
    assert_eq!(
        check_doi("doi:10.1111/add.12345);"),
        Err(DoiProblem::Fixable {
            clean: "10.1111/add.12345".into(),
            what: "the resolver address and trailing punctuation"
        })
    );
    assert_eq!(check_doi("11.1111/add"), Err(DoiProblem::Invalid));
    assert_eq!(check_doi("10.11/add"), Err(DoiProblem::Invalid), "registrant codes have 4 to 9 digits");
    assert_eq!(check_doi("10.1111/ add"), Err(DoiProblem::Invalid));
}

#[test]
fn identifiers_read_from_addresses() {
    let doi = |s: &str| Some(FromUrl::Doi(s.to_owned()));
    assert_eq!(from_url("https://doi.org/10.1037/a0012345"), doi("10.1037/a0012345"));
    assert_eq!(from_url("http://dx.doi.org/10.1037/a0012345."), doi("10.1037/a0012345"));
    assert_eq!(
        from_url("https://onlinelibrary.wiley.com/doi/10.1002/14651858.CD008540.pub2/full"),
        doi("10.1002/14651858.CD008540.pub2")
    );
    assert_eq!(
        from_url("https://www.example.com/doi/pdf/10.1080%2F16066350902770458"),
        doi("10.1080/16066350902770458")
    );
    assert_eq!(
        from_url("https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0012345"),
        doi("10.1371/journal.pone.0012345")
    );
    assert_eq!(
        from_url("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3505233/"),
        Some(FromUrl::Pmcid("PMC3505233".into()))
    );
    assert_eq!(
        from_url("https://pmc.ncbi.nlm.nih.gov/articles/PMC3505233/"),
        Some(FromUrl::Pmcid("PMC3505233".into()))
    );
    assert_eq!(from_url("https://pubmed.ncbi.nlm.nih.gov/22417132/"), Some(FromUrl::Pmid("22417132".into())));
    assert_eq!(from_url("https://www.ncbi.nlm.nih.gov/pubmed/22417132"), Some(FromUrl::Pmid("22417132".into())));
    assert_eq!(from_url("https://findings.org.uk/PHP/dl.php?file=Baldwin_R_1.txt"), None);
    assert_eq!(from_url("not a url"), None);
}

#[test]
fn cochrane_versions() {
    assert_eq!(cochrane("10.1002/14651858.CD008540"), Some(("10.1002/14651858.CD008540".into(), 1)));
    assert_eq!(cochrane("10.1002/14651858.CD008540.pub3"), Some(("10.1002/14651858.CD008540".into(), 3)));
    assert_eq!(cochrane("10.1002/14651858.CD008540.other"), None);
    assert_eq!(cochrane("10.1111/add.12345"), None);
    assert_eq!(cochrane_version("10.1002/14651858.CD008540", 2), "10.1002/14651858.CD008540.pub2");
}
