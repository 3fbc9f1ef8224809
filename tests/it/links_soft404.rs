//! The web the links live in (issue 13): soft-404 sites, home-page
//! redirects, DOIs at the resolver, archived copies. One local server on
//! 127.0.0.1 plays every host (told apart by the Host header, the names
//! resolved by the tests' resolver) and counts each host's requests.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::links_support::{TestLookup, corpus, sleeper};
use axum::body::Body;
use axum::http::{HeaderMap, Method, Uri, header};
use axum::response::Response;
use matrixlint::app::links::{LinksEnv, LinksRequest, links};
use matrixlint_links::audit::{Audit, LinkResult, State};
use matrixlint_links::classify::{Class, Reason};

/// Every request as (host, method, path?query).
type Log = Arc<Mutex<Vec<(String, String, String)>>>;

const TEMPLATE_HEAD: &str =
    "<html><head><title>Findings</title></head><body><nav>Home Matrices Search About Contact Newsletter</nav>";
const TEMPLATE_FOOT: &str =
    "<footer>Drug and Alcohol Findings, the Effectiveness Bank. Privacy Cookies Accessibility</footer></body></html>";

fn page(main: &str) -> Response {
    html(200, &format!("{TEMPLATE_HEAD}<main>{main}</main>{TEMPLATE_FOOT}"))
}

fn html(status: u16, body: &str) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn json(status: u16, body: String) -> Response {
    Response::builder().status(status).header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).unwrap()
}

fn moved(to: &str) -> Response {
    Response::builder().status(301).header(header::LOCATION, to).body(Body::empty()).unwrap()
}

/// Two real documents on the soft-404 site: same template, their own text.
fn document(name: &str) -> Option<&'static str> {
    match name {
        "a.pdf" => Some(
            "<h1>Some therapists are just better than others</h1><p>Analysis of therapist effects in a large sample of outpatient treatment, with practical implications for supervision and the training of staff.</p>",
        ),
        "b.pdf" => Some(
            "<h1>Good therapeutic relationships mean patients stay longer</h1><p>Study of the alliance between counsellors and clients in residential services; early rapport predicted completion of the programme.</p>",
        ),
        _ => None,
    }
}

async fn serve(log: Log, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let host = crate::links_support::host_name(&headers);
    let path = uri.path().to_owned();
    let target = uri.path_and_query().map_or(path.clone(), ToString::to_string);
    log.lock().unwrap().push((host.clone(), method.to_string(), target));
    let query: HashMap<String, String> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    match host.as_str() {
        // Answers every address with 200; a missing page says so in its text.
        "soft.test" => match path.as_str() {
            "/PHP/dl.php" => match query.get("file").map(String::as_str) {
                Some("Baldwin_SA_1.txt") => {
                    Response::new(Body::from("Baldwin SA et al. Therapist effects: full text of the analysis, 2012."))
                }
                // The download script answers 200 and nothing for a file it does not have.
                _ => Response::new(Body::empty()),
            },
            p => {
                let name = p.rsplit('/').next().unwrap_or("");
                match document(name) {
                    Some(text) => page(text),
                    None => page(&format!(
                        "<h1>Page not found</h1><p>Sorry, {name} is not here (ref 4711-{}).</p>",
                        name.len()
                    )),
                }
            }
        },
        // Sends every page it no longer has to its home page.
        "home.test" => match path.as_str() {
            "/" => page("<h1>Welcome</h1>"),
            "/current.html" => page("<h1>A page that exists</h1>"),
            _ => moved("/"),
        },
        // A site with real 404s.
        "real.test" => match path.as_str() {
            "/docs/a.pdf" | "/docs/c.pdf" => html(200, "%PDF-1.4"),
            // Works while nothing has been asked of the archive yet.
            "/docs/later.pdf" if !log.lock().unwrap().iter().any(|(h, _, _)| h == "archive.test") => {
                html(200, "%PDF-1.4")
            }
            _ => html(404, "not found"),
        },
        // The DOI handle API.
        "doi.test" => match path.as_str() {
            "/api/handles/10.1000/registered" => {
                json(200, r#"{"responseCode":1,"handle":"10.1000/registered"}"#.into())
            }
            p if p.starts_with("/api/handles/") => json(404, r#"{"responseCode":100}"#.into()),
            _ => html(404, ""),
        },
        // The archive's availability API: a snapshot for the soft-404 page only.
        "archive.test" => {
            let url = query.get("url").cloned().unwrap_or_default();
            let stamp = query.get("timestamp").cloned().unwrap_or_default();
            if url.contains("gone.pdf") || url.contains("later.pdf") {
                json(
                    200,
                    format!(
                        r#"{{"archived_snapshots":{{"closest":{{"available":true,"status":"200","url":"http://web.archive.test/web/{stamp}/{url}","timestamp":"20261101000000"}}}}}}"#
                    ),
                )
            } else {
                json(200, r#"{"archived_snapshots":{}}"#.into())
            }
        }
        // A DOI link must never reach the publisher.
        _ => html(500, "unexpected host"),
    }
}

struct Web {
    rt: tokio::runtime::Runtime,
    port: u16,
    log: Log,
}

impl Web {
    fn start() -> Self {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let log: Log = Arc::default();
        let served = Arc::clone(&log);
        let port = rt.block_on(async move {
            let app = axum::Router::new()
                .fallback(move |m: Method, u: Uri, h: HeaderMap| serve(Arc::clone(&served), m, u, h));
            crate::links_support::serve_local(app).await.port()
        });
        Self { rt, port, log }
    }

    fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.port)
    }

    /// The requests `host` received, as `METHOD target`.
    fn requests(&self, host: &str) -> Vec<String> {
        self.log.lock().unwrap().iter().filter(|(h, _, _)| h == host).map(|(_, m, t)| format!("{m} {t}")).collect()
    }

    fn probes(&self, host: &str) -> usize {
        self.requests(host).iter().filter(|r| r.contains("matrixlint-probe-")).count()
    }
}

fn run(dir: &std::path::Path, when: &str, suggest: bool) -> Audit {
    let request = LinksRequest {
        cwd: dir.to_owned(),
        root: Some(dir.to_owned()),
        paths: Vec::new(),
        no_cache: false,
        allow_private: true,
        history: None,
        config: None,
        suggest,
    };
    let env = LinksEnv {
        checker: matrixlint_links::client::Env { lookup: Arc::new(TestLookup), sleeper: sleeper() },
        now: when.parse().unwrap(),
        history_busy: std::time::Duration::ZERO,
        ..LinksEnv::default()
    };
    links(&request, env).expect("the audit runs").0
}

fn result<'a>(audit: &'a Audit, url: &str) -> &'a LinkResult {
    audit.results.iter().find(|r| r.target.url == url).unwrap_or_else(|| panic!("no result for {url}"))
}

fn config(web: &Web) -> String {
    format!(
        "links:\n  per-host-interval-ms: 0\n  doi-resolver: {}\n  archive-api: {}\n",
        web.url("doi.test", ""),
        web.url("archive.test", "/wayback/available")
    )
}

#[test]
fn soft_404s_home_page_redirects_and_dois_are_told_apart_from_working_links() {
    let web = Web::start();
    let dir = tempfile::tempdir().unwrap();
    let u = |host: &str, path: &str| web.url(host, path);
    let urls = vec![
        u("soft.test", "/docs/a.pdf"),
        u("soft.test", "/docs/b.pdf"),
        u("soft.test", "/docs/gone.pdf"),
        u("soft.test", "/PHP/dl.php?file=Baldwin_SA_1.txt"),
        u("soft.test", "/PHP/dl.php?file=Meier_PS_1.txt"),
        u("home.test", "/old/report.html"),
        u("home.test", "/current.html"),
        u("real.test", "/docs/a.pdf"),
        u("real.test", "/docs/c.pdf"),
        u("real.test", "/docs/x.pdf"),
        "https://doi.org/10.1000/registered".to_owned(),
        "https://dx.doi.org/10.1000/unknown".to_owned(),
    ];
    corpus(dir.path(), &config(&web), &[("cells/drug/B2.yaml", urls)]);
    let audit = run(dir.path(), "2026-11-01T06:00:00Z", false);
    let class_reason = |url: String| {
        let r = result(&audit, &url);
        (r.outcome.class, r.outcome.reason, r.outcome.detail.clone())
    };
    // Two real documents on the soft-404 site's template stay ok.
    assert_eq!(class_reason(u("soft.test", "/docs/a.pdf")).0, Class::Ok);
    assert_eq!(class_reason(u("soft.test", "/docs/b.pdf")).0, Class::Ok);
    let gone = class_reason(u("soft.test", "/docs/gone.pdf"));
    assert_eq!((gone.0, gone.1), (Class::Broken, Some(Reason::Soft404)));
    assert_eq!(gone.2, "looks like the site's not-found page");
    assert_eq!(class_reason(u("soft.test", "/PHP/dl.php?file=Baldwin_SA_1.txt")).0, Class::Ok);
    assert_eq!(class_reason(u("soft.test", "/PHP/dl.php?file=Meier_PS_1.txt")).1, Some(Reason::Soft404));
    let home = class_reason(u("home.test", "/old/report.html"));
    assert_eq!((home.0, home.1), (Class::Broken, Some(Reason::HomePageRedirect)));
    assert!(home.2.starts_with("redirected to the home page, http://home.test:"), "{}", home.2);
    assert_eq!(class_reason(u("home.test", "/current.html")).0, Class::Ok);
    assert_eq!(class_reason(u("real.test", "/docs/a.pdf")).0, Class::Ok);
    assert_eq!(class_reason(u("real.test", "/docs/x.pdf")).0, Class::Broken);
    let registered = class_reason("https://doi.org/10.1000/registered".into());
    assert_eq!((registered.0, registered.1), (Class::Ok, Some(Reason::DoiRegistered)));
    assert!(registered.2.contains("the publisher was not contacted"), "{}", registered.2);
    let unknown = class_reason("https://dx.doi.org/10.1000/unknown".into());
    assert_eq!((unknown.0, unknown.1), (Class::Broken, Some(Reason::DoiNotRegistered)));

    // One probe per host and pattern: soft.test has /docs/ and dl.php?file=.
    assert_eq!(web.probes("soft.test"), 2, "{:?}", web.requests("soft.test"));
    assert_eq!(web.probes("real.test"), 1);
    assert_eq!(web.probes("home.test"), 2, "/old/ and /: {:?}", web.requests("home.test"));
    assert_eq!(web.probes("doi.test"), 0, "DOIs are not probed");
    // On the soft-404 host every URL is read with one GET (to compare it
    // with the probe); a URL asked while the probe was still out got a HEAD
    // first, and at most one.
    let soft: Vec<String> = web.requests("soft.test").into_iter().filter(|r| !r.contains("probe")).collect();
    let gets: std::collections::BTreeSet<&String> = soft.iter().filter(|r| r.starts_with("GET ")).collect();
    assert_eq!((gets.len(), soft.iter().filter(|r| r.starts_with("GET ")).count()), (5, 5), "{soft:?}");
    for get in gets {
        let heads = soft.iter().filter(|r| **r == get.replacen("GET ", "HEAD ", 1)).count();
        assert!(heads <= 1, "{soft:?}");
    }
    assert!(soft.iter().all(|r| r.starts_with("GET ") || r.starts_with("HEAD ")), "{soft:?}");
    // The host whose probe is a real 404 downloads no body: HEAD stays enough.
    let mut real: Vec<String> = web.requests("real.test").into_iter().filter(|r| !r.contains("probe")).collect();
    real.sort();
    assert_eq!(real, ["GET /docs/x.pdf", "HEAD /docs/a.pdf", "HEAD /docs/c.pdf", "HEAD /docs/x.pdf"]);
    // The DOI API is asked once per DOI; no publisher is contacted.
    assert_eq!(web.requests("doi.test").len(), 2);
    assert!(web.log.lock().unwrap().iter().all(|(h, _, _)| h.ends_with(".test")));
}

#[test]
fn suggest_names_the_archived_copy_closest_to_when_the_link_last_worked() {
    let web = Web::start();
    let dir = tempfile::tempdir().unwrap();
    let (gone, away, later) = (
        web.url("soft.test", "/docs/gone.pdf"),
        web.url("real.test", "/docs/x.pdf"),
        web.url("real.test", "/docs/later.pdf"),
    );
    corpus(dir.path(), &config(&web), &[("cells/drug/B2.yaml", vec![gone.clone(), away.clone(), later.clone()])]);
    let first = run(dir.path(), "2026-10-01T06:00:00Z", true);
    assert_eq!(result(&first, &later).outcome.class, Class::Ok);
    let since = "2026-10-01T06:00:00Z".parse().unwrap();
    assert_eq!(result(&first, &gone).state, State::NewlyBroken { failures: 1, since });
    let archived = result(&first, &gone).archived.as_ref().expect("a snapshot");
    // Never seen working: the archive is asked about the first sighting, this audit.
    assert!(archived.url.starts_with("http://web.archive.test/web/20261001060000/http"), "{}", archived.url);
    assert_eq!(archived.timestamp, "2026-11-01T00:00:00Z".parse().unwrap());
    assert_eq!(result(&first, &away).archived, None, "the archive has no copy");
    assert_eq!(web.requests("archive.test").len(), 2, "only failing links are looked up");

    // A week later `later.pdf` is gone: asked about the audit that last saw it working.
    let second = run(dir.path(), "2026-10-08T06:00:00Z", true);
    assert!(matches!(result(&second, &gone).state, State::Dead { .. }));
    assert!(result(&second, &gone).archived.is_some());
    let later_copy = result(&second, &later).archived.as_ref().expect("a snapshot of later.pdf");
    assert!(later_copy.url.starts_with("http://web.archive.test/web/20261001060000/"), "{}", later_copy.url);
    assert_eq!(web.requests("archive.test").len(), 3, "the other two answers came from the history's cache");
    // Without --suggest nothing is asked.
    run(dir.path(), "2026-10-15T06:00:00Z", false);
    assert_eq!(web.requests("archive.test").len(), 3);
}

#[test]
fn probes_wait_their_turn_like_any_request() {
    let web = Web::start();
    let waits = sleeper();
    let config = matrixlint::config::links::LinksConfig {
        per_host_concurrency: 1,
        per_host_interval_ms: 60_000,
        ..Default::default()
    };
    let env = matrixlint_links::client::Env { lookup: Arc::new(TestLookup), sleeper: Arc::clone(&waits) as _ };
    let (checker, _) = matrixlint_links::client::Checker::new(&config, true, env).unwrap();
    let checker = Arc::new(checker);
    let urls = vec![web.url("real.test", "/docs/a.pdf"), web.url("real.test", "/docs/c.pdf")];
    let outcomes = web.rt.block_on(checker.check_all(urls, |_, _| {}));
    assert!(outcomes.iter().all(|(_, o)| o.class == Class::Ok), "{outcomes:?}");
    // The probe and the two HEADs (in whatever order they reached the host:
    // the probe goes beside the checks): each after the first waited its interval.
    let requests = web.requests("real.test");
    assert_eq!(requests.len(), 3, "{requests:?}");
    let probes: Vec<&String> = requests.iter().filter(|r| r.starts_with("GET /docs/matrixlint-probe-")).collect();
    assert!(probes.len() == 1 && probes[0].ends_with(".pdf"), "{requests:?}");
    let mut asked = waits.waits();
    asked.sort();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(
        asked[0] > std::time::Duration::from_secs(50) && asked[1] > std::time::Duration::from_secs(110),
        "{asked:?}"
    );
}
