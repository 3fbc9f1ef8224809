//! A local server for the link-audit benchmark (`benches/links.sh`): listens on
//! HOSTS loopback addresses (127.0.0.1, 127.0.0.2, …: distinct hosts to any
//! link checker, whether it keys politeness by host or by host and port) and
//! answers after a fixed DELAY_MS: 200 for the documents `/doc/N`, 404 for
//! any other address (as a real site does, so soft-404 probes find a real 404). Prints the
//! addresses (`ip:port`), one a line, then serves until LIFETIME_S seconds
//! have passed (it stops by itself).
//!
//! Usage: link_bench_server HOSTS DELAY_MS [LIFETIME_S]

// A tool, not the library: it talks to the bench script through stdout.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Duration;

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (hosts, delay, lifetime) = match args[..] {
        [h, d] => (h, d, 600),
        [h, d, l] => (h, d, l),
        _ => {
            eprintln!("usage: link_bench_server HOSTS DELAY_MS [LIFETIME_S]");
            std::process::exit(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let delay = Duration::from_millis(delay);
        let mut addrs = Vec::new();
        for k in 0..hosts.min(250) {
            let ip = std::net::Ipv4Addr::new(127, 0, 0, u8::try_from(k + 1).expect("at most 250 hosts"));
            let listener = tokio::net::TcpListener::bind((ip, 0)).await.expect("bind a loopback address");
            addrs.push(listener.local_addr().expect("address"));
            let app = axum::Router::new().fallback(move |uri: axum::http::Uri| async move {
                tokio::time::sleep(delay).await;
                let known = uri.path().strip_prefix("/doc/").is_some_and(|n| n.parse::<u64>().is_ok());
                let status = if known { axum::http::StatusCode::OK } else { axum::http::StatusCode::NOT_FOUND };
                (status, "ok")
            });
            tokio::spawn(async move { axum::serve(listener, app).await.ok() });
        }
        let list: Vec<String> = addrs.iter().map(ToString::to_string).collect();
        println!("{}", list.join("\n"));
        tokio::time::sleep(Duration::from_secs(lifetime)).await;
    });
}
