//! A local HTTP server for the link-audit tests, started by each test on
//! 127.0.0.1 (nothing leaves the machine). Every behaviour the audit must
//! classify has a path; the server counts what it receives, so tests assert
//! on requests and concurrency, never on elapsed time.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::Response;
use matrixlint_links::guard::{Lookup, LookupError, LookupFuture};
use matrixlint_links::retry::RecordingSleeper;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// What the server has seen.
#[derive(Default)]
pub(crate) struct Seen {
    /// Every request as `METHOD /path`, in arrival order.
    pub requests: Mutex<Vec<String>>,
    /// Cookie headers received, by path.
    pub cookies: Mutex<HashMap<String, String>>,
    /// `/hold/…` bookkeeping.
    hold: Mutex<Holds>,
    /// Status answered for `/switch` (200 unless set).
    pub switch: Mutex<Option<u16>>,
    /// Paths of the requests that carried a secret (`X-Token` or `Authorization`).
    pub secrets: Mutex<Vec<String>>,
}

/// Held requests wait until their host's released count, or the global
/// one, reaches their arrival number.
#[derive(Default)]
struct Holds {
    plan: HoldPlan,
    hosts: HashMap<String, Counts>,
    all: Counts,
}

#[derive(Default)]
struct Counts {
    arrived: usize,
    inflight: usize,
    max: usize,
    released: Option<watch::Sender<usize>>,
}

impl Counts {
    fn arrive(&mut self) -> (usize, watch::Receiver<usize>) {
        self.arrived += 1;
        self.inflight += 1;
        self.max = self.max.max(self.inflight);
        let tx = self.released.get_or_insert_with(|| watch::channel(0).0);
        (self.arrived, tx.subscribe())
    }

    fn release_if(&mut self, at: usize, expected: usize) {
        if (self.inflight >= at || self.arrived >= expected)
            && let Some(tx) = &self.released
        {
            tx.send_replace(self.arrived);
        }
    }
}

/// When held requests are let go.
#[derive(Clone, Copy)]
pub(crate) struct HoldPlan {
    /// Release a host's held requests when this many of its requests are in flight…
    pub host_release: usize,
    /// …or when this many of its requests have arrived.
    pub per_host: usize,
    /// Release all held requests when this many are in flight…
    pub all_release: usize,
    /// …or when this many have arrived.
    pub all: usize,
}

impl Default for HoldPlan {
    fn default() -> Self {
        Self { host_release: 1, per_host: 1, all_release: 1, all: 1 }
    }
}

/// A running test server.
pub(crate) struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// What it saw.
    pub seen: Arc<Seen>,
}

/// Serves `app` on 127.0.0.1 at a free port for as long as the runtime runs.
pub(crate) async fn serve_local(app: axum::Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    addr
}

/// The host name a request was sent to (its `Host` header without the port).
pub(crate) fn host_name(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    host.split(':').next().unwrap_or("").to_owned()
}

impl Server {
    /// Starts the server on 127.0.0.1 with a free port.
    pub(crate) async fn start() -> Self {
        let seen = Arc::new(Seen::default());
        let addr = serve_local(axum::Router::new().fallback(handle).with_state(Arc::clone(&seen))).await;
        Self { addr, seen }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The same server under another host name (resolved by [`TestLookup`]).
    pub(crate) fn url_as(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.addr.port())
    }

    /// Requests received for `path`, as `METHOD` strings in order.
    pub(crate) fn methods(&self, path: &str) -> Vec<String> {
        let requests = self.seen.requests.lock().unwrap();
        requests
            .iter()
            .filter_map(|r| r.split_once(' ').filter(|(_, p)| *p == path).map(|(m, _)| m.to_owned()))
            .collect()
    }

    /// Requests received for `path`.
    pub(crate) fn hits(&self, path: &str) -> usize {
        self.methods(path).len()
    }

    /// Every request received.
    pub(crate) fn total(&self) -> usize {
        self.seen.requests.lock().unwrap().len()
    }

    /// How `/hold/…` requests are let go.
    pub(crate) fn plan_holds(&self, plan: HoldPlan) {
        self.seen.hold.lock().unwrap().plan = plan;
    }

    /// The most `/hold/…` requests in flight at once, per Host header.
    pub(crate) fn max_inflight(&self) -> HashMap<String, usize> {
        self.seen.hold.lock().unwrap().hosts.iter().map(|(h, c)| (h.clone(), c.max)).collect()
    }

    /// The most `/hold/…` requests in flight at once, over all hosts.
    pub(crate) fn max_inflight_all(&self) -> usize {
        self.seen.hold.lock().unwrap().all.max
    }
}

fn reply(status: u16) -> axum::http::response::Builder {
    Response::builder().status(StatusCode::from_u16(status).unwrap())
}

fn redirect(status: u16, to: &str) -> Response {
    reply(status).header(header::LOCATION, to).body(Body::empty()).unwrap()
}

fn status(code: u16) -> Response {
    reply(code).body(Body::from(format!("status {code}"))).unwrap()
}

async fn handle(State(seen): State<Arc<Seen>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().to_owned();
    let hits = {
        let mut requests = seen.requests.lock().unwrap();
        requests.push(format!("{method} {path}"));
        requests.iter().filter(|r| r.ends_with(&format!(" {path}"))).count()
    };
    if let Some(cookie) = headers.get(header::COOKIE).and_then(|c| c.to_str().ok()) {
        seen.cookies.lock().unwrap().insert(path.clone(), cookie.to_owned());
    }
    if headers.contains_key("x-token") || headers.contains_key(header::AUTHORIZATION) {
        seen.secrets.lock().unwrap().push(path.clone());
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("").to_owned();
    let head = method == Method::HEAD;
    match path.as_str() {
        "/ok" | "/chain/3" | "/also-ok" => status(200),
        "/moved" | "/moved-308" => redirect(if path == "/moved" { 301 } else { 308 }, "/ok"),
        "/found" | "/temp-307" => redirect(if path == "/found" { 302 } else { 307 }, "/ok"),
        "/chain/1" => redirect(301, "/chain/2"),
        // An endless chain of permanent redirects.
        p if p.starts_with("/endless/") => {
            let n: u64 = p["/endless/".len()..].parse().unwrap_or(0);
            redirect(301, &format!("/endless/{}", n + 1))
        }
        "/chain/2" => redirect(302, "/chain/3"),
        "/loop/a" => redirect(302, "/loop/b"),
        "/loop/b" => redirect(302, "/loop/a"),
        "/missing" => status(404),
        "/gone" => status(410),
        "/forbidden" => status(403),
        "/head-405" if head => status(405),
        "/head-404" if head => status(404),
        "/head-405" | "/head-404" => status(200),
        "/rate" if hits == 1 => reply(429).header(header::RETRY_AFTER, "2").body(Body::empty()).unwrap(),
        "/rate" => status(200),
        "/rate-long" => reply(429).header(header::RETRY_AFTER, "3600").body(Body::empty()).unwrap(),
        "/flaky" if hits <= 2 => status(500),
        "/flaky" => status(200),
        "/unavailable" => status(503),
        "/wall" => reply(503)
            .header(header::SERVER, "cloudflare")
            .header("cf-mitigated", "challenge")
            .body(Body::from("<title>Just a moment...</title>"))
            .unwrap(),
        "/slow" => std::future::pending().await,
        "/cookie" if headers.get(header::COOKIE).is_some_and(|c| c == "session=1") => status(200),
        "/cookie" => reply(302)
            .header(header::LOCATION, "/cookie")
            .header(header::SET_COOKIE, "session=1; Path=/; HttpOnly")
            .body(Body::empty())
            .unwrap(),
        "/token" if headers.get("x-token").is_some_and(|a| a == "matrixlint") => status(200),
        "/token" => status(401),
        p if p.starts_with("/away/") => {
            // A cookie, then a redirect to another host (the rest of the path, `host/path`).
            let target = format!("http://{}", &p["/away/".len()..]);
            reply(302)
                .header(header::LOCATION, target)
                .header(header::SET_COOKIE, "secret=1")
                .body(Body::empty())
                .unwrap()
        }
        p if p.starts_with("/hold/") => hold(&seen, host).await,
        // The rule fixtures' findings.org.uk, rewritten to this server.
        p if p.starts_with("/site/gone/") => status(410),
        p if p.starts_with("/site/missing/") => status(404),
        p if p.starts_with("/site/moved/") => redirect(301, &format!("/site/{}", &p["/site/moved/".len()..])),
        p if p.starts_with("/site/") => status(200),
        "/switch" => status(seen.switch.lock().unwrap().unwrap_or(200)),
        _ => status(404),
    }
}

/// Holds a request until enough requests are in flight (for its host or
/// in all), or all expected have arrived, counting the most in flight at once.
async fn hold(seen: &Seen, host: String) -> Response {
    let ((mine, mut host_rx), (ours, mut all_rx)) = {
        let mut holds = seen.hold.lock().unwrap();
        let plan = holds.plan;
        let h = holds.hosts.entry(host.clone()).or_default();
        let host_ticket = h.arrive();
        h.release_if(plan.host_release, plan.per_host);
        let all_ticket = holds.all.arrive();
        holds.all.release_if(plan.all_release, plan.all);
        (host_ticket, all_ticket)
    };
    tokio::select! {
        _ = host_rx.wait_for(|r| *r >= mine) => {}
        _ = all_rx.wait_for(|r| *r >= ours) => {}
    }
    let mut holds = seen.hold.lock().unwrap();
    holds.hosts.get_mut(&host).unwrap().inflight -= 1;
    holds.all.inflight -= 1;
    status(200)
}

/// Name resolution for tests: names ending in `.test` are this machine,
/// anything else does not exist. No DNS query leaves the test.
pub(crate) struct TestLookup;

impl Lookup for TestLookup {
    fn lookup(&self, host: String) -> LookupFuture {
        Box::pin(async move {
            if host.ends_with(".test") || host == "localhost" {
                Ok(vec![IpAddr::from([127, 0, 0, 1])])
            } else {
                Err(LookupError::NotFound { host })
            }
        })
    }
}

/// Behaviours a framework would not produce: raw sockets on 127.0.0.1.
#[derive(Clone, Copy)]
pub(crate) enum Raw {
    /// Reads the request, then resets the connection.
    Reset,
    /// HEAD is refused (405); GET gets a 200 whose chunked body never ends.
    EndlessBody,
}

/// Starts a raw server; returns its address and a count of connections.
pub(crate) async fn raw_server(kind: Raw) -> (SocketAddr, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let count = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&count);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            *counter.lock().unwrap() += 1;
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let head = buf[..n].starts_with(b"HEAD");
                match kind {
                    Raw::Reset => {
                        socket.set_zero_linger().ok();
                        drop(socket);
                    }
                    Raw::EndlessBody if head => {
                        let _ = socket.write_all(b"HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n").await;
                    }
                    Raw::EndlessBody => {
                        let _ = socket.write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n").await;
                        let chunk = format!("1000\r\n{}\r\n", "x".repeat(0x1000));
                        // Bounded (64 MiB) so that a client that did read bodies could not
                        // keep this loop going; it stops when the client hangs up.
                        for _ in 0..16_384 {
                            if socket.write_all(chunk.as_bytes()).await.is_err() {
                                break;
                            }
                        }
                    }
                }
            });
        }
    });
    (addr, count)
}

/// A recording sleeper, shared.
pub(crate) fn sleeper() -> Arc<RecordingSleeper> {
    Arc::new(RecordingSleeper::default())
}

/// Writes a corpus under `dir`: `matrixlint.yaml` with `config` (YAML), and
/// one cell file per entry of `cells` (relative path, URLs of its entries).
pub(crate) fn corpus(dir: &std::path::Path, config: &str, cells: &[(&str, Vec<String>)]) {
    std::fs::write(dir.join("matrixlint.yaml"), config).unwrap();
    for (rel, urls) in cells {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut text = String::from("matrix: drug\ncell: B2\ntitle: \"Practitioners\"\nentries:\n");
        for (i, url) in urls.iter().enumerate() {
            text.push_str(&format!("  - tier: K\n    title: \"Study {i}\"\n    year: 2001\n    url: \"{url}\"\n"));
        }
        std::fs::write(path, text).unwrap();
    }
}

/// Runs the whole `links` pipeline on the corpus at `root`, at time `now`,
/// with test name resolution and a recording sleeper.
pub(crate) fn audit(
    root: &std::path::Path,
    now: &str,
    no_cache: bool,
) -> (matrixlint_links::audit::Audit, Arc<RecordingSleeper>) {
    let sleeper = sleeper();
    let audit = try_audit(root, now, no_cache, Arc::new(TestLookup), &sleeper).expect("the audit runs");
    (audit, sleeper)
}

/// [`audit`] with a given name resolution, returning the error when the audit cannot run.
pub(crate) fn try_audit(
    root: &std::path::Path,
    now: &str,
    no_cache: bool,
    lookup: Arc<dyn Lookup>,
    sleeper: &Arc<RecordingSleeper>,
) -> Result<matrixlint_links::audit::Audit, matrixlint::app::links::LinksError> {
    use matrixlint::app::links::{LinksEnv, LinksRequest, links};
    let request = LinksRequest {
        cwd: root.to_owned(),
        root: Some(root.to_owned()),
        paths: Vec::new(),
        no_cache,
        allow_private: true,
        history: None,
        config: None,
        suggest: false,
    };
    let env = LinksEnv {
        checker: matrixlint_links::client::Env { lookup, sleeper: Arc::clone(sleeper) as _ },
        now: now.parse().unwrap(),
        history_busy: std::time::Duration::ZERO,
        ..LinksEnv::default()
    };
    links(&request, env).map(|(audit, _)| audit)
}

/// Name resolution with no network: every lookup fails as getaddrinfo does
/// offline ("name not found").
pub(crate) struct Offline;

impl Lookup for Offline {
    fn lookup(&self, host: String) -> LookupFuture {
        Box::pin(async move { Err(LookupError::NotFound { host }) })
    }
}
