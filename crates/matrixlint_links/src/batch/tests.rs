//! Soft-404 probes beside the checks they stand for: one per host and
//! pattern, never in front of a check. A local server holds each probe until
//! the test (or the arrival of enough checks) lets it go, so the order of
//! events is decided by the test, not by timing.

use std::sync::Mutex;
use std::time::Duration;

use axum::http::{Method, StatusCode, Uri, header};
use axum::response::Response;
use tokio::sync::{mpsc, watch};

use super::*;
use crate::client::Env;
use crate::config::links::LinksConfig;
use crate::retry::RecordingSleeper;

/// What the site answers for an address it does not have (with 200 when it soft-404s).
fn not_found_page(name: &str) -> String {
    format!("<html><body><nav>Home Search</nav><h1>Page not found</h1><p>We have no {name}.</p></body></html>")
}

/// A site on 127.0.0.1 whose probes are held until `release` says so.
struct Site {
    /// Every request as `METHOD /path`, in arrival order.
    log: Mutex<Vec<String>>,
    /// Requests other than probes so far.
    checks: watch::Sender<usize>,
    /// Probes are answered once this is true.
    release: watch::Sender<bool>,
    /// The probe (and `/docs/gone.pdf`) get the not-found page with 200; otherwise probes get 404.
    soft: bool,
}

impl Site {
    fn new(soft: bool) -> Arc<Self> {
        Arc::new(Self { log: Mutex::default(), checks: watch::channel(0).0, release: watch::channel(false).0, soft })
    }

    fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    fn probes(&self) -> Vec<String> {
        self.requests().into_iter().filter(|r| r.contains("matrixlint-probe-")).collect()
    }

    async fn answer(&self, method: Method, uri: Uri) -> Response {
        let path = uri.path().to_owned();
        self.log.lock().unwrap().push(format!("{method} {path}"));
        let name = path.rsplit('/').next().unwrap_or("").to_owned();
        if name.starts_with("matrixlint-probe-") {
            let mut released = self.release.subscribe();
            let _ = released.wait_for(|r| *r).await;
            return if self.soft { page(200, &not_found_page(&name)) } else { page(404, "no such file") };
        }
        self.checks.send_modify(|n| *n += 1);
        match name.as_str() {
            "missing.pdf" => page(404, "no such file"),
            "gone.pdf" if self.soft => page(200, &not_found_page(&name)),
            _ => page(
                200,
                &format!("<html><body><h1>Report {name}</h1><p>Findings of the study {name}.</p></body></html>"),
            ),
        }
    }
}

fn page(status: u16, body: &str) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header(header::CONTENT_TYPE, "text/html")
        .body(axum::body::Body::from(body.to_owned()))
        .unwrap()
}

async fn serve(site: &Arc<Site>) -> std::net::SocketAddr {
    let served = Arc::clone(site);
    let app = axum::Router::new().fallback(move |m: Method, u: Uri| {
        let site = Arc::clone(&served);
        async move { site.answer(m, u).await }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    addr
}

fn checker(per_host: usize) -> Arc<Checker> {
    checker_with(32, per_host)
}

fn checker_with(concurrency: usize, per_host: usize) -> Arc<Checker> {
    let config = LinksConfig {
        concurrency,
        per_host_concurrency: per_host,
        per_host_interval_ms: 0,
        retries: 0,
        // Far beyond `HELD`: a held probe must never end by the client giving up.
        timeout_ms: 600_000,
        ..LinksConfig::default()
    };
    let env = Env { lookup: Arc::new(crate::guard::SystemLookup), sleeper: Arc::new(RecordingSleeper::default()) };
    Arc::new(Checker::new(&config, true, env).unwrap().0)
}

/// What the test waits for never takes long when the code is right; this
/// bound only turns a check held behind the probe into a failure instead of a hang.
const HELD: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_is_not_held_behind_its_hosts_probe() {
    let site = Site::new(true);
    let addr = serve(&site).await;
    let urls = vec![format!("http://{addr}/docs/missing.pdf"), format!("http://{addr}/docs/gone.pdf")];
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<String>();
    let audit = {
        let checker = checker(4);
        tokio::spawn(async move {
            checker
                .check_all(urls, move |url, _| done_tx.send(url.rsplit('/').next().unwrap().to_owned()).unwrap())
                .await
        })
    };

    // While the probe is held, both URLs are asked (the 404 with HEAD, then
    // GET as ever), and the 404 is finished: it needs no probe.
    let mut arrived = site.checks.subscribe();
    tokio::time::timeout(HELD, arrived.wait_for(|n| *n >= 3)).await.expect("checks sent beside the probe").unwrap();
    let first = tokio::time::timeout(HELD, done_rx.recv()).await;
    assert_eq!(first.expect("a check finished while the probe was held").unwrap(), "missing.pdf");
    // The 200 waits for the probe's answer to be judged.
    assert!(site.requests().contains(&"HEAD /docs/gone.pdf".to_owned()), "{:?}", site.requests());
    assert!(done_rx.try_recv().is_err(), "the success waits for the probe's answer");

    site.release.send_replace(true);
    let outcomes: HashMap<String, Outcome> = audit.await.unwrap().into_iter().collect();
    let gone = &outcomes[&format!("http://{addr}/docs/gone.pdf")];
    // The probe found a soft-404 site: the success was read again with GET and compared.
    assert_eq!((gone.class, gone.reason), (Class::Broken, Some(crate::classify::Reason::Soft404)), "{gone:?}");
    assert_eq!(gone.requests, 2, "HEAD, then GET to compare: {gone:?}");
    let asked: Vec<String> = site.requests().into_iter().filter(|r| r.ends_with("/gone.pdf")).collect();
    assert_eq!(asked, ["HEAD /docs/gone.pdf", "GET /docs/gone.pdf"]);
    assert_eq!(outcomes[&format!("http://{addr}/docs/missing.pdf")].class, Class::Broken);
    assert_eq!(site.probes().len(), 1, "{:?}", site.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_check_started_before_the_probe_answered_shares_the_one_probe() {
    let site = Site::new(false);
    let addr = serve(&site).await;
    // Two patterns on one host: /docs/ and /files/, four URLs each.
    let urls: Vec<String> =
        (0..8).map(|i| format!("http://{addr}/{}/report-{i}.pdf", if i % 2 == 0 { "docs" } else { "files" })).collect();
    let audit = {
        let checker = checker(10);
        let urls = urls.clone();
        tokio::spawn(async move { checker.check_all(urls, |_, _| {}).await })
    };
    // Every check reaches the site before either probe is answered, so each
    // of them finds its pattern's probe still out.
    let mut arrived = site.checks.subscribe();
    tokio::time::timeout(HELD, arrived.wait_for(|n| *n >= 8))
        .await
        .expect("all checks sent beside the probes")
        .unwrap();
    site.release.send_replace(true);
    let outcomes = audit.await.unwrap();

    assert!(outcomes.iter().all(|(_, o)| o.class == Class::Ok && o.requests == 1), "{outcomes:?}");
    let mut probes: Vec<String> = site.probes().iter().map(|p| p.rsplit_once('/').unwrap().0.to_owned()).collect();
    probes.sort();
    assert_eq!(probes, ["GET /docs", "GET /files"], "one probe per pattern: {:?}", site.requests());
    // The site has real 404s: no URL was read with GET.
    assert!(site.requests().iter().filter(|r| !r.contains("probe")).all(|r| r.starts_with("HEAD ")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pattern_is_probed_once_even_when_no_check_needs_the_probe() {
    let site = Site::new(false);
    let addr = serve(&site).await;
    let urls = vec![format!("http://{addr}/docs/missing.pdf")];
    let audit = {
        let checker = checker(4);
        tokio::spawn(async move { checker.check_all(urls, |_, _| {}).await })
    };
    let mut arrived = site.checks.subscribe();
    // HEAD, then GET (some servers answer HEAD wrongly): both before the probe's answer.
    tokio::time::timeout(HELD, arrived.wait_for(|n| *n >= 2)).await.expect("the check went ahead").unwrap();
    site.release.send_replace(true);
    let outcomes = audit.await.unwrap();
    assert_eq!(outcomes[0].1.class, Class::Broken);
    assert_eq!(site.probes().len(), 1, "{:?}", site.requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_probe_takes_no_slot_a_check_could_use() {
    let site = Site::new(false);
    let addr = serve(&site).await;
    let urls: Vec<String> = (0..3).map(|i| format!("http://{addr}/docs/report-{i}.pdf")).collect();
    let audit = {
        // One request in flight in all: were the probe to take it, no check could start until it is answered.
        let checker = checker_with(1, 4);
        tokio::spawn(async move { checker.check_all(urls, |_, _| {}).await })
    };
    let mut arrived = site.checks.subscribe();
    tokio::time::timeout(HELD, arrived.wait_for(|n| *n >= 3))
        .await
        .expect("every check was sent, one at a time, while the probe was held")
        .unwrap();
    assert_eq!(site.probes().len(), 1, "{:?}", site.requests());
    site.release.send_replace(true);
    let outcomes = audit.await.unwrap();
    assert!(outcomes.iter().all(|(_, o)| o.class == Class::Ok && o.requests == 1), "{outcomes:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn hosts_take_turns_whatever_the_order_urls_are_given_in() {
    // One site on two ports: two hosts, one log of the order requests arrived in.
    let site = Site::new(false);
    let (a, b) = (serve(&site).await, serve(&site).await);
    let urls: Vec<String> = [(a, "a"), (b, "b")]
        .iter()
        .flat_map(|(addr, dir)| (0..3).map(move |i| format!("http://{addr}/{dir}/report-{i}.pdf")))
        .collect();
    // One request in flight in all, hosts not probed: the requests arrive in
    // the order the checks were started.
    let checker = {
        let config = LinksConfig {
            concurrency: 1,
            per_host_concurrency: 4,
            per_host_interval_ms: 0,
            retries: 0,
            soft_404: crate::config::links::Soft404::Off,
            ..LinksConfig::default()
        };
        let env = Env { lookup: Arc::new(crate::guard::SystemLookup), sleeper: Arc::new(RecordingSleeper::default()) };
        Arc::new(Checker::new(&config, true, env).unwrap().0)
    };
    let outcomes = checker.check_all(urls, |_, _| {}).await;
    assert!(outcomes.iter().all(|(_, o)| o.class == Class::Ok), "{outcomes:?}");
    let dirs: Vec<String> = site.requests().iter().map(|r| r.split('/').nth(1).unwrap().to_owned()).collect();
    assert_eq!(dirs, ["a", "b", "a", "b", "a", "b"], "{:?}", site.requests());
}
