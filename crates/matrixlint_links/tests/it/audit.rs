//! One audit of a cell's links: collected from the text, each checked once
//! against a local server, put together with the policy's actions.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use matrixlint_engine::config::links::{Action, LinksConfig};
use matrixlint_engine::source::SourceFile;
use matrixlint_engine::source::yaml::load;
use matrixlint_links::audit::{Settings, State, assemble};
use matrixlint_links::classify::Class;
use matrixlint_links::client::{Checker, Env};
use matrixlint_links::retry::RecordingSleeper;
use matrixlint_links::{Field, collect};
use tokio::net::TcpListener;

/// A server with a page, a missing page and a page moved for good.
async fn serve() -> String {
    let app = Router::new()
        .route("/ok", get(|| async { "a page" }))
        .route("/gone", get(|| async { (StatusCode::NOT_FOUND, "no such page") }))
        .route(
            "/moved",
            get(|| async { (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, "/ok")]).into_response() }),
        );
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    format!("http://{addr}")
}

#[tokio::test]
async fn ok_missing_and_moved_links_are_told_apart_at_their_places() {
    let base = serve().await;
    let text = format!(
        "matrix: drug\ncell: A4\nentries:\n  - tier: K\n    url: \"{base}/ok\"\n    text: \"See [the gone page]({base}/gone) and [again]({base}/ok#part).\"\n  - tier: R\n    free_source: {base}/moved\n"
    );
    let file = Arc::new(SourceFile::new("cells/drug/A4.yaml", "drug/A4.yaml", text.as_str()));
    let root = load(&text).expect("the cell loads");
    let targets = collect([(&file, &root)]);
    let urls: Vec<&str> = targets.iter().map(|t| t.url.as_str()).collect();
    let (gone, moved, ok) = (format!("{base}/gone"), format!("{base}/moved"), format!("{base}/ok"));
    assert_eq!(urls, [gone.as_str(), moved.as_str(), ok.as_str()], "one target per URL, without its fragment");
    let fields: Vec<Field> = targets[2].places.iter().map(|p| p.field).collect();
    assert_eq!(fields, [Field::Url, Field::Prose], "both places of the page that works");
    assert_eq!(targets[0].places[0].start().line, 6);

    let config = LinksConfig { per_host_interval_ms: 0, timeout_ms: 5_000, ..LinksConfig::default() };
    let env = Env { sleeper: Arc::new(RecordingSleeper::default()), ..Env::default() };
    // The server is on loopback, which the address guard refuses unless told otherwise.
    let (checker, warnings) = Checker::new(&config, true, env).expect("a checker");
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut checked = HashMap::new();
    for t in &targets {
        checked.insert(t.url.clone(), checker.check(&t.url).await);
    }
    let now = jiff::Timestamp::from_second(1_781_481_600).unwrap();
    let results = assemble(targets, checked, HashMap::new(), &HashMap::new(), now, &Settings::new(&config, true));
    let seen: Vec<(Class, Option<u16>, Action, State)> =
        results.iter().map(|r| (r.outcome.class, r.outcome.status, r.action, r.state)).collect();
    assert_eq!(
        seen,
        [
            // Broken in its first audit: newly broken, a warning until it is dead.
            (Class::Broken, Some(404), Action::Warn, State::NewlyBroken { failures: 1, since: now }),
            // The status is the final answer's, after the move.
            (Class::Redirected, Some(200), Action::Warn, State::Current),
            (Class::Ok, Some(200), Action::Ignore, State::Current),
        ]
    );
    assert_eq!(results[1].outcome.update_to(), Some(ok.as_str()), "a permanent move names the new address");
    assert_eq!(results[1].outcome.redirects.iter().map(|r| r.status).collect::<Vec<_>>(), [301]);
}
