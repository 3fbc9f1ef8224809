use std::net::IpAddr;
use std::sync::Mutex;

use axum::http::{HeaderMap, Uri, header};
use axum::response::Response;

use super::*;
use crate::guard::{LookupError, LookupFuture};
use crate::retry::RecordingSleeper;

/// Names ending in `.test` resolve to 127.0.0.2, which the guard refuses;
/// the server itself is on 127.0.0.1, which these tests exempt, and which
/// `localhost` names.
struct Names;

impl Lookup for Names {
    fn lookup(&self, host: String) -> LookupFuture {
        Box::pin(async move {
            if host.ends_with(".test") {
                Ok(vec![IpAddr::from([127, 0, 0, 2])])
            } else if host == "localhost" {
                Ok(vec![IpAddr::from([127, 0, 0, 1])])
            } else {
                Err(LookupError::NotFound { host })
            }
        })
    }
}

/// A server that redirects wherever `?to=` says, and logs paths.
async fn server() -> (std::net::SocketAddr, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&log);
    let app = axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap| {
        let seen = Arc::clone(&seen);
        async move {
            let cookie = headers.get(header::COOKIE).map(|c| c.to_str().unwrap_or("").to_owned());
            seen.lock().unwrap().push(format!("{} cookie={cookie:?}", uri.path()));
            match uri.query().and_then(|q| q.strip_prefix("to=")) {
                Some(to) => Response::builder()
                    .status(302)
                    .header(header::LOCATION, to)
                    .header(header::SET_COOKIE, "id=7; Path=/")
                    .body(axum::body::Body::empty())
                    .unwrap(),
                None => Response::new(axum::body::Body::from("ok")),
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    (addr, log)
}

fn checker() -> Checker {
    let config = LinksConfig { per_host_interval_ms: 0, ..LinksConfig::default() };
    let env = Env { lookup: Arc::new(Names), sleeper: Arc::new(RecordingSleeper::default()) };
    let guard = Guard::new(false).exempting(IpAddr::from([127, 0, 0, 1]));
    Checker::with_guard(&config, guard, env).unwrap().0
}

#[tokio::test]
async fn every_redirect_hop_passes_the_guard() {
    let (addr, log) = server().await;
    let c = checker();

    let to_metadata = c.check(&format!("http://{addr}/a?to=http://169.254.169.254/latest/meta-data/")).await;
    assert_eq!(to_metadata.class, Class::Excluded, "{to_metadata:?}");
    assert!(to_metadata.detail.contains("cloud metadata"), "{}", to_metadata.detail);
    assert_eq!(to_metadata.redirects.len(), 1);

    let port = addr.port();
    let to_name = c.check(&format!("http://{addr}/b?to=http://inside.test:{port}/secret")).await;
    assert_eq!(to_name.class, Class::Excluded, "{to_name:?}");
    assert!(to_name.detail.contains("loopback"), "{}", to_name.detail);

    let paths: Vec<String> = log.lock().unwrap().iter().map(|l| l.split(' ').next().unwrap().to_owned()).collect();
    assert_eq!(paths, vec!["/a", "/b"], "nothing reached a refused address");
}

/// A public-looking name that the (injected) resolver sends to 127.0.0.3,
/// the one address these tests exempt; everything else is unknown.
struct PublicName;

impl Lookup for PublicName {
    fn lookup(&self, host: String) -> LookupFuture {
        Box::pin(async move {
            match host.as_str() {
                "docs.example.org" => Ok(vec![IpAddr::from([127, 0, 0, 3])]),
                "localhost" => Ok(vec![IpAddr::from([127, 0, 0, 1])]),
                _ => Err(LookupError::NotFound { host }),
            }
        })
    }
}

#[tokio::test]
async fn a_public_name_that_redirects_to_loopback_is_refused_at_the_redirect() {
    // The redirecting server is on 127.0.0.3 (exempt, standing in for a
    // public address); the target of its redirect listens on 127.0.0.1.
    let target = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = target.local_addr().unwrap().port();
    let hits = Arc::new(Mutex::new(0usize));
    let counted = Arc::clone(&hits);
    let secret = axum::Router::new().fallback(move || {
        let counted = Arc::clone(&counted);
        async move {
            *counted.lock().unwrap() += 1;
            "secret"
        }
    });
    tokio::spawn(async move { axum::serve(target, secret).await.ok() });
    let front = tokio::net::TcpListener::bind("127.0.0.3:0").await.unwrap();
    let front_port = front.local_addr().unwrap().port();
    let app = axum::Router::new().fallback(move |uri: Uri| async move {
        let to = if uri.path() == "/by-name" {
            format!("http://localhost:{port}/admin")
        } else {
            format!("http://127.0.0.1:{port}/admin")
        };
        Response::builder().status(301).header(header::LOCATION, to).body(axum::body::Body::empty()).unwrap()
    });
    tokio::spawn(async move { axum::serve(front, app).await.ok() });

    let config = LinksConfig { per_host_interval_ms: 0, ..LinksConfig::default() };
    let env = Env { lookup: Arc::new(PublicName), sleeper: Arc::new(RecordingSleeper::default()) };
    let guard = Guard::new(false).exempting(IpAddr::from([127, 0, 0, 3]));
    let (c, _) = Checker::with_guard(&config, guard, env).unwrap();
    for path in ["/by-address", "/by-name"] {
        let o = c.check(&format!("http://docs.example.org:{front_port}{path}")).await;
        assert_eq!(o.class, Class::Excluded, "{path}: {o:?}");
        assert!(o.detail.contains("loopback address (127.0.0.1)"), "{path}: {}", o.detail);
        assert_eq!(o.redirects.len(), 1, "{path}: the redirect was seen");
        assert_eq!(o.update_to(), None);
    }
    assert_eq!(*hits.lock().unwrap(), 0, "nothing reached 127.0.0.1");
}

#[tokio::test]
async fn the_guard_refuses_before_connecting() {
    let (addr, log) = server().await;
    let config = LinksConfig { per_host_interval_ms: 0, ..LinksConfig::default() };
    let env = Env { lookup: Arc::new(Names), sleeper: Arc::new(RecordingSleeper::default()) };
    let (c, _) = Checker::new(&config, false, env).unwrap();
    let o = c.check(&format!("http://{addr}/x")).await;
    assert_eq!(o.class, Class::Excluded);
    assert_eq!(o.requests, 0);
    let o = c.check(&format!("http://name.test:{}/x", addr.port())).await;
    assert_eq!(o.class, Class::Excluded, "{o:?}");
    assert!(log.lock().unwrap().is_empty());
}

#[tokio::test]
async fn cookies_go_back_only_to_the_host_that_set_them() {
    let (addr, log) = server().await;
    let c = checker();
    // Same host: the cookie set with the redirect comes back.
    let o = c.check(&format!("http://{addr}/first?to=/second")).await;
    assert_eq!(o.class, Class::Ok);
    // Another host (localhost is another name for the exempt address): no cookie.
    let o = c.check(&format!("http://{addr}/third?to=http://localhost:{}/fourth", addr.port())).await;
    assert_eq!(o.class, Class::Ok, "{o:?}");
    let log = log.lock().unwrap();
    assert!(log.contains(&"/second cookie=Some(\"id=7\")".to_owned()), "{log:?}");
    assert!(log.contains(&"/fourth cookie=None".to_owned()), "{log:?}");
}

#[test]
fn unset_header_variables_are_warnings_and_bad_names_errors() {
    let mut config = LinksConfig::default();
    config.headers.insert(
        "api.example.org".into(),
        [("Authorization".to_owned(), "MATRIXLINT_TEST_SURELY_UNSET".to_owned())].into(),
    );
    let (headers, warnings) = headers_from_env(&config).unwrap();
    assert!(headers.is_empty());
    assert!(warnings[0].contains("MATRIXLINT_TEST_SURELY_UNSET"), "{warnings:?}");
    config.headers.insert("x".into(), [("bad name".to_owned(), "V".to_owned())].into());
    assert!(matches!(headers_from_env(&config), Err(ClientError::HeaderName { .. })));
}

#[test]
fn configured_headers_stay_at_the_origin_the_check_started_at() {
    let origin = |s: &str| Url::parse(s).unwrap().origin();
    let hop = |s: &str| Url::parse(s).unwrap();
    let start = origin("https://api.example/a");
    assert!(carries_headers(&start, &hop("https://api.example/b?c")), "same origin");
    assert!(carries_headers(&start, &hop("https://API.example:443/b")), "the default port written out");
    assert!(!carries_headers(&start, &hop("http://api.example/b")), "https to http: clear text");
    assert!(!carries_headers(&start, &hop("https://api.example:8443/b")), "another port");
    assert!(!carries_headers(&start, &hop("https://other.example/b")), "another host");
    assert!(!carries_headers(&start, &hop("https://sub.api.example/b")), "a subdomain is another host");
    assert!(!carries_headers(&origin("http://api.example/"), &hop("https://api.example/")), "any change of scheme");
    assert!(!carries_headers(&origin("data:text/plain,x"), &hop("data:text/plain,x")), "an opaque origin");
}
