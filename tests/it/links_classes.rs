//! Each class and behaviour of a single check, against a server the test
//! starts on 127.0.0.1 (issue 3, "Tests"). Waits go through a recording
//! sleeper, so retries are asserted by what was asked, not by time passing.

use std::sync::Arc;
use std::time::Duration;

use crate::links_support::{Raw, Server, TestLookup, raw_server, sleeper};
use matrixlint::config::links::LinksConfig;
use matrixlint_links::classify::{Class, Outcome};
use matrixlint_links::client::{Checker, Env};
use matrixlint_links::retry::RecordingSleeper;

fn config() -> LinksConfig {
    LinksConfig { per_host_interval_ms: 0, timeout_ms: 5_000, ..LinksConfig::default() }
}

fn checker(config: &LinksConfig) -> (Checker, Arc<RecordingSleeper>) {
    let sleeper = sleeper();
    let env = Env { lookup: Arc::new(TestLookup), sleeper: Arc::clone(&sleeper) as _ };
    // The server is on loopback, so the address guard is off here; its own tests turn it on.
    let (checker, warnings) = Checker::new(config, true, env).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    (checker, sleeper)
}

async fn check(server: &Server, path: &str) -> (Outcome, Vec<Duration>) {
    let (c, sleeper) = checker(&config());
    let outcome = c.check(&server.url(path)).await;
    (outcome, sleeper.waits())
}

#[tokio::test]
async fn ok_is_one_head_request() {
    let s = Server::start().await;
    let (o, _) = check(&s, "/ok").await;
    assert_eq!((o.class, o.status, o.detail.as_str(), o.requests), (Class::Ok, Some(200), "200 OK", 1));
    assert_eq!(s.methods("/ok"), ["HEAD"]);
}

#[tokio::test]
async fn a_redirect_chain_is_followed_and_reported_hop_by_hop() {
    let s = Server::start().await;
    let (o, _) = check(&s, "/chain/1").await;
    assert_eq!(o.class, Class::Redirected, "{o:?}");
    let hops: Vec<(u16, String)> = o.redirects.iter().map(|r| (r.status, r.to.clone())).collect();
    assert_eq!(hops, [(301, s.url("/chain/2")), (302, s.url("/chain/3"))]);
    // Only the permanent part of the chain is an address to update to.
    assert_eq!(o.update_to(), Some(s.url("/chain/2").as_str()));
}

#[tokio::test]
async fn permanent_redirects_are_told_apart_from_temporary_ones() {
    let s = Server::start().await;
    for (path, class, update) in [
        ("/moved", Class::Redirected, true),
        ("/moved-308", Class::Redirected, true),
        ("/found", Class::Ok, false),
        ("/temp-307", Class::Ok, false),
    ] {
        let (o, _) = check(&s, path).await;
        assert_eq!(o.class, class, "{path}: {o:?}");
        assert_eq!(o.redirects.len(), 1, "{path}");
        assert_eq!(o.update_to().is_some(), update, "{path}");
    }
}

#[tokio::test]
async fn a_redirect_loop_is_broken_and_stops() {
    let s = Server::start().await;
    let (o, _) = check(&s, "/loop/a").await;
    assert_eq!(o.class, Class::Broken);
    assert!(o.detail.starts_with("redirect loop"), "{}", o.detail);
    assert_eq!((s.hits("/loop/a"), s.hits("/loop/b")), (1, 1));
}

#[tokio::test]
async fn too_many_redirects_is_broken() {
    let s = Server::start().await;
    let (c, _) = checker(&LinksConfig { max_redirects: 1, ..config() });
    let o = c.check(&s.url("/chain/1")).await;
    assert_eq!(o.class, Class::Broken);
    assert_eq!(o.detail, "more than 1 redirects");
    assert_eq!(s.hits("/chain/3"), 0);
}

#[tokio::test]
async fn an_endless_chain_of_permanent_redirects_has_no_address_to_update_to() {
    let s = Server::start().await;
    let (c, _) = checker(&LinksConfig { max_redirects: 5, ..config() });
    let o = c.check(&s.url("/endless/0")).await;
    assert_eq!((o.class, o.detail.as_str()), (Class::Broken, "more than 5 redirects"), "{o:?}");
    assert_eq!(o.redirects.len(), 6);
    // Every address in the chain redirects again: none is one to update the link to.
    assert_eq!(o.update_to(), None);
}

#[tokio::test]
async fn not_found_and_gone_are_broken_after_a_get_confirms_them() {
    let s = Server::start().await;
    let (o, waits) = check(&s, "/missing").await;
    assert_eq!((o.class, o.status, o.detail.as_str()), (Class::Broken, Some(404), "404 Not Found"));
    assert_eq!(s.methods("/missing"), ["HEAD", "GET"], "a 404 to HEAD may be a HEAD quirk");
    assert!(waits.is_empty(), "a definite answer is not retried");
    let (o, _) = check(&s, "/gone").await;
    assert_eq!((o.class, o.status), (Class::Broken, Some(410)));
}

#[tokio::test]
async fn forbidden_is_blocked_not_broken() {
    let s = Server::start().await;
    let (o, _) = check(&s, "/forbidden").await;
    assert_eq!((o.class, o.status), (Class::Blocked, Some(403)));
}

#[tokio::test]
async fn head_refused_then_get_succeeds() {
    let s = Server::start().await;
    let (o, _) = check(&s, "/head-405").await;
    assert_eq!((o.class, o.requests), (Class::Ok, 2));
    assert_eq!(s.methods("/head-405"), ["HEAD", "GET"]);
    let (o, _) = check(&s, "/head-404").await;
    assert_eq!(o.class, Class::Ok, "a 404 only to HEAD is a quirk, not a dead link");
}

#[tokio::test]
async fn too_many_requests_waits_as_asked_then_succeeds() {
    let s = Server::start().await;
    let (o, waits) = check(&s, "/rate").await;
    assert_eq!(o.class, Class::Ok, "{o:?}");
    assert_eq!(waits, [Duration::from_secs(2)], "Retry-After: 2 honoured");
    assert_eq!(s.methods("/rate"), ["HEAD", "HEAD"]);
}

#[tokio::test]
async fn retry_after_beyond_the_cap_is_rate_limited_without_waiting() {
    let s = Server::start().await;
    let (o, waits) = check(&s, "/rate-long").await;
    assert_eq!(o.class, Class::RateLimited);
    assert!(o.detail.contains("asked to wait 3600 s, longer than the 120 s cap"), "{}", o.detail);
    assert!(waits.is_empty());
    assert_eq!(s.hits("/rate-long"), 1);
}

#[tokio::test]
async fn a_server_error_is_retried_with_backoff_and_the_retry_succeeds() {
    let s = Server::start().await;
    let (o, waits) = check(&s, "/flaky").await;
    assert_eq!(o.class, Class::Ok, "{o:?}");
    // HEAD 500, then GET 500 (a 5xx to HEAD may be a quirk), a backoff, then GET 200.
    assert_eq!(s.methods("/flaky"), ["HEAD", "GET", "GET"]);
    assert_eq!(waits.len(), 1);
    assert!((Duration::from_millis(500)..=Duration::from_secs(1)).contains(&waits[0]), "{waits:?}");
}

#[tokio::test]
async fn service_unavailable_forever_is_network_after_the_retries() {
    let s = Server::start().await;
    let (o, waits) = check(&s, "/unavailable").await;
    assert_eq!((o.class, o.status), (Class::Network, Some(503)), "{o:?}");
    assert_eq!(s.methods("/unavailable"), ["HEAD", "GET", "GET", "GET"]);
    assert_eq!(waits.len(), 2, "two retries");
    assert!(waits[1] >= Duration::from_secs(1), "backoff doubles: {waits:?}");
}

#[tokio::test]
async fn a_bot_wall_is_blocked_and_not_retried() {
    let s = Server::start().await;
    let (o, waits) = check(&s, "/wall").await;
    assert_eq!(o.class, Class::Blocked, "{o:?}");
    assert!(o.detail.contains("bot protection"), "{}", o.detail);
    assert!(waits.is_empty());
}

#[tokio::test]
async fn a_response_slower_than_the_timeout_is_a_timeout_retried_once() {
    let s = Server::start().await;
    // The server never answers `/slow`, so the outcome does not depend on timing.
    let (c, sleeper) = checker(&LinksConfig { timeout_ms: 200, retries: 1, ..config() });
    let o = c.check(&s.url("/slow")).await;
    assert_eq!(o.class, Class::Timeout, "{o:?}");
    assert_eq!(s.methods("/slow"), ["HEAD", "HEAD"]);
    assert_eq!(sleeper.waits().len(), 1);
}

#[tokio::test]
async fn a_connection_reset_is_network_after_the_retries() {
    let (addr, connections) = raw_server(Raw::Reset).await;
    let (c, sleeper) = checker(&config());
    let o = c.check(&format!("http://{addr}/reset")).await;
    assert_eq!(o.class, Class::Network, "{o:?}");
    assert_eq!(*connections.lock().unwrap(), 3, "first try and two retries");
    assert_eq!(sleeper.waits().len(), 2);
}

#[tokio::test]
async fn a_body_that_never_ends_is_not_downloaded() {
    let (addr, connections) = raw_server(Raw::EndlessBody).await;
    let (c, _) = checker(&config());
    let o = c.check(&format!("http://{addr}/endless")).await;
    assert_eq!((o.class, o.requests), (Class::Ok, 2), "{o:?}");
    assert!(*connections.lock().unwrap() <= 2);
}

#[tokio::test]
async fn an_unknown_host_name_is_broken() {
    let (c, sleeper) = checker(&config());
    let o = c.check("http://no-such-host.invalid/paper.pdf").await;
    assert_eq!(o.class, Class::Broken, "{o:?}");
    assert_eq!(o.detail, "DNS name not found: no-such-host.invalid");
    assert!(sleeper.waits().is_empty());
}

#[tokio::test]
async fn a_session_cookie_loop_resolves_on_the_same_host() {
    let s = Server::start().await;
    let (o, _) = check(&s, "/cookie").await;
    assert_eq!(o.class, Class::Ok, "{o:?}");
    assert_eq!(s.seen.cookies.lock().unwrap().get("/cookie").map(String::as_str), Some("session=1"));
}

#[tokio::test]
async fn no_cookie_crosses_to_another_host() {
    let s = Server::start().await;
    let other = format!("other.test:{}/also-ok", s.addr.port());
    let (o, _) = check(&s, &format!("/away/{other}")).await;
    assert_eq!(o.class, Class::Ok, "{o:?}");
    assert_eq!(s.hits("/also-ok"), 1);
    assert_eq!(s.seen.cookies.lock().unwrap().get("/also-ok"), None);
}

#[tokio::test]
async fn per_host_headers_come_from_the_environment_and_stay_on_their_host() {
    let s = Server::start().await;
    let mut config = config();
    // CARGO_PKG_NAME is set by cargo for every test run: "matrixlint".
    config.headers.insert("127.0.0.1".into(), [("X-Token".to_owned(), "CARGO_PKG_NAME".to_owned())].into());
    let (c, _) = checker(&config);
    assert_eq!(c.check(&s.url("/token")).await.class, Class::Ok);
    let elsewhere = c.check(&s.url_as("other.test", "/token")).await;
    assert_eq!(elsewhere.class, Class::Blocked, "the header is not sent to another host");
}

#[tokio::test]
async fn configured_headers_do_not_follow_a_redirect_to_another_port() {
    // Two servers on 127.0.0.1: the header is configured for the host, and the
    // first server redirects to the second's port. curl drops such headers when
    // the port changes; so does the audit.
    let (s, other) = (Server::start().await, Server::start().await);
    let mut config = config();
    config.hosts.insert(
        "127.0.0.1".into(),
        serde_json::from_value(serde_json::json!({"headers": {"X-Token": "CARGO_PKG_NAME"}})).unwrap(),
    );
    let (c, _) = checker(&config);
    assert_eq!(c.check(&s.url("/token")).await.class, Class::Ok, "sent at the origin it is configured for");
    let away = format!("/away/{}/token", other.addr);
    let o = c.check(&s.url(&away)).await;
    assert_eq!(o.class, Class::Blocked, "{o:?}");
    assert_eq!(*other.seen.secrets.lock().unwrap(), Vec::<String>::new(), "the other port never saw the header");
    assert_eq!(*s.seen.secrets.lock().unwrap(), ["/token", away.as_str()], "sent to the origin before the redirect");
}

#[tokio::test]
async fn excluded_urls_are_not_fetched() {
    let s = Server::start().await;
    let config: LinksConfig = serde_json::from_value(serde_json::json!({"exclude": ["/ok$"]})).unwrap();
    let (c, _) = checker(&config);
    let o = c.check(&s.url("/ok")).await;
    assert_eq!(o.class, Class::Excluded);
    assert_eq!(o.detail, "excluded by pattern `/ok$`");
    assert_eq!(s.total(), 0);
}

#[tokio::test]
async fn a_tls_failure_is_network() {
    // https to a plain-HTTP server: the handshake fails, through the same
    // rustls stack (ring provider) a real https check uses.
    let s = Server::start().await;
    let (c, _) = checker(&LinksConfig { retries: 0, ..config() });
    let o = c.check(&format!("https://{}/ok", s.addr)).await;
    assert_eq!(o.class, Class::Network, "{o:?}");
}
