use super::*;

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

#[test]
fn patterns_group_by_directory_or_by_query_parameters() {
    let config = LinksConfig::default();
    let urls = [
        "https://findings.org.uk/PHP/dl.php?file=Baldwin_SA_1.txt",
        "https://findings.org.uk/PHP/dl.php?file=Meier_PS_1.txt",
        "https://findings.org.uk/docs/a.pdf",
        "https://findings.org.uk/docs/b.pdf",
        "https://findings.org.uk/topic_search.php?s=staff&page=1",
        "https://findings.org.uk/topic_search.php?s=staff&page=2",
        "https://doi.org/10.1037/a0012345",
        "https://other.org/",
    ];
    let found = patterns(urls, &config);
    let shown: Vec<(String, Option<String>)> =
        found.values().map(|p| (format!("{}{}", p.key.host, p.key.path), p.varying.clone())).collect();
    assert_eq!(
        shown,
        [
            ("findings.org.uk:443/PHP/dl.php".to_owned(), Some("file".to_owned())),
            ("findings.org.uk:443/docs/".to_owned(), None),
            ("findings.org.uk:443/topic_search.php".to_owned(), Some("page".to_owned())),
            ("other.org:443/".to_owned(), None),
        ],
        "DOIs are checked at the resolver, never probed"
    );
}

#[test]
fn hosts_with_soft_404_off_are_not_probed() {
    let config: LinksConfig =
        serde_json::from_value(serde_json::json!({"hosts": {"quiet.org": {"soft-404": "off"}}})).unwrap();
    assert_eq!(patterns(["https://quiet.org/a", "https://loud.org/a"], &config).len(), 1);
    let off: LinksConfig =
        serde_json::from_value(serde_json::json!({"soft-404": "off", "hosts": {"loud.org": {"soft-404": "auto"}}}))
            .unwrap();
    let kept: Vec<String> =
        patterns(["https://quiet.org/a", "https://loud.org/a"], &off).into_keys().map(|k| k.host).collect();
    assert_eq!(kept, ["loud.org:443"]);
}

#[test]
fn probes_replace_the_last_segment_or_the_varying_value() {
    let config = LinksConfig::default();
    let p = patterns(["https://x.org/docs/paper.pdf"], &config).into_values().next().unwrap();
    assert_eq!(probe_url(&p, "zz").as_str(), "https://x.org/docs/zz.pdf");
    let p = patterns(["https://x.org/dl.php?file=A.txt&lang=en"], &config).into_values().next().unwrap();
    assert_eq!(
        probe_url(&p, "zz").as_str(),
        "https://x.org/dl.php?file=A.txt&lang=zz",
        "the last parameter when nothing varies"
    );
    let p = patterns(["https://x.org/dl.php?file=A.txt&lang=en", "https://x.org/dl.php?file=B.txt&lang=en"], &config)
        .into_values()
        .next()
        .unwrap();
    assert_eq!(probe_url(&p, "zz").as_str(), "https://x.org/dl.php?file=zz&lang=en");
    assert!(random_name().starts_with("matrixlint-probe-"));
    assert_ne!(random_name(), random_name());
}

#[test]
fn requested_names_are_raw_decoded_and_without_extension() {
    assert_eq!(
        requested_names(&url("https://x.org/d/Baldwin%20SA.txt"), None),
        ["Baldwin%20SA.txt", "Baldwin SA.txt", "Baldwin SA"]
    );
    assert_eq!(
        requested_names(&url("https://x.org/dl.php?file=Meier_PS_1.txt"), Some("file")),
        ["Meier_PS_1.txt", "Meier_PS_1"]
    );
}

#[test]
fn not_found_pages_are_near_identical_and_documents_are_not() {
    let page = |name: &str, body: &str| {
        format!(
            "<html><head><title>Findings</title></head><body><nav>Home Matrices Search About</nav><h1>{body}</h1><p>The file {name} requested at 10:4{} could not be found on this server. Try the search page or the A to Z index.</p><footer>Drug and Alcohol Findings 2026</footer></body></html>",
            name.len() % 10
        )
    };
    let probe_names = vec!["matrixlint-probe-1234abcd.txt".to_owned()];
    let probe = page("matrixlint-probe-1234abcd.txt", "Not found");
    let missing = page("Meier_PS_1.txt", "Not found");
    let meier = vec!["Meier_PS_1.txt".to_owned(), "Meier_PS_1".to_owned()];
    assert!(near_identical(probe.as_bytes(), &probe_names, missing.as_bytes(), &meier));
    let doc = |title: &str, text: &str| {
        format!(
            "<html><head><title>Findings</title></head><body><nav>Home Matrices Search About</nav><h1>{title}</h1><p>{text}</p><footer>Drug and Alcohol Findings 2026</footer></body></html>"
        )
    };
    let a = doc(
        "Some therapists are just better than others",
        "Analysis of therapist effects in a large sample of outpatient treatment, with practical implications for supervision and training of staff.",
    );
    let b = doc(
        "Good therapeutic relationships mean patients stay longer",
        "Study of the alliance between counsellors and clients in residential services; early rapport predicted completion of the programme.",
    );
    assert!(!near_identical(a.as_bytes(), &[], b.as_bytes(), &[]), "two documents on one template");
    assert!(!near_identical(a.as_bytes(), &[], probe.as_bytes(), &probe_names));
    assert!(near_identical(b"", &[], b"", &[]), "two empty answers are the same answer");
}

#[test]
fn home_pages() {
    for home in ["https://x.org/", "https://x.org/index.html", "https://x.org/index.php"] {
        assert!(is_home(&url(home)), "{home}");
    }
    for page in ["https://x.org/docs/", "https://x.org/?p=12", "https://x.org/index.html/x", "https://x.org/a.pdf"] {
        assert!(!is_home(&url(page)), "{page}");
    }
}
