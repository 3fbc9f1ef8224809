//! `docs/architecture.md` says nothing the manifests do not: the crate graph
//! it states is the one `cargo metadata` reports, and the engine's
//! dependencies hold no async runtime, HTTP client, database, terminal or CLI
//! crate (as `cargo tree -p matrixlint_engine` shows them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Cargo as the test was built by (`CARGO`), run offline in the workspace.
fn cargo(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo).args(args).arg("--offline").current_dir(root()).output().unwrap();
    assert!(out.status.success(), "cargo {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The graph the page states, in its `crate-graph` block.
fn stated() -> Graph {
    let page = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let block = page.split("<!-- crate-graph").nth(1).expect("the page has a crate-graph block");
    let body = block.split("```text\n").nth(1).unwrap().split("```").next().unwrap();
    body.lines()
        .filter_map(|line| line.split_once("->"))
        .map(|(from, to)| {
            let to = to.split(',').map(str::trim).filter(|d| !d.is_empty()).map(str::to_owned).collect();
            (from.trim().to_owned(), to)
        })
        .collect()
}

/// The workspace's internal edges (normal dependencies) from `cargo metadata`.
fn manifests() -> Graph {
    let metadata: serde_json::Value =
        serde_json::from_str(&cargo(&["metadata", "--no-deps", "--format-version", "1"])).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let members: BTreeSet<String> = packages.iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .filter_map(|d| d["name"].as_str())
                .filter(|name| members.contains(*name))
                .map(str::to_owned)
                .collect();
            (p["name"].as_str().unwrap().to_owned(), deps)
        })
        .collect()
}

#[test]
fn the_crate_graph_on_the_page_is_the_manifests() {
    let stated = stated();
    assert!(stated.contains_key("matrixlint_engine"), "the block was read: {stated:?}");
    assert_eq!(stated, manifests(), "docs/architecture.md's crate graph (left) against the manifests (right)");
}

/// The crates `cargo tree -p <package>` lists among its normal dependencies (itself included).
fn tree_of(package: &str) -> BTreeSet<String> {
    let tree = cargo(&["tree", "-p", package, "-e", "normal", "--prefix", "none"]);
    tree.lines().filter_map(|l| l.split_whitespace().next()).map(str::to_owned).collect()
}

/// Crates only the binary may use: the command line and the terminal.
const TERMINAL_AND_CLI: [&str; 6] = ["clap", "indicatif", "terminal_size", "supports-color", "owo-colors", "crossterm"];

#[test]
fn the_engine_depends_on_no_runtime_network_database_terminal_or_cli_crate() {
    let crates = tree_of("matrixlint_engine");
    assert!(crates.contains("saphyr"), "the tree was read: {crates:?}");
    let forbidden = ["tokio", "reqwest", "hyper", "rustls", "rusqlite", "libsqlite3-sys", "lsp-server"];
    let found: Vec<&str> = forbidden.into_iter().chain(TERMINAL_AND_CLI).filter(|c| crates.contains(*c)).collect();
    assert!(found.is_empty(), "the engine pulls {found:?}");
}

/// The language server is a shell beside `app`, not inside it: it reaches
/// the corpus through the workspace crate, never through the root package,
/// and leaves the terminal and the command line to the binary.
#[test]
fn the_server_depends_on_neither_the_root_package_nor_a_terminal_or_cli_crate() {
    let crates = tree_of("matrixlint_server");
    assert!(crates.contains("lsp-server") && crates.contains("matrixlint_workspace"), "the tree was read: {crates:?}");
    let found: Vec<&str> = ["matrixlint"].into_iter().chain(TERMINAL_AND_CLI).filter(|c| crates.contains(*c)).collect();
    assert!(found.is_empty(), "the server pulls {found:?}");
}

/// Every Rust file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every Rust file of the root package's and the crates' sources.
fn sources() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    for krate in std::fs::read_dir(root().join("crates")).unwrap().flatten() {
        rust_files(&krate.path().join("src"), &mut files);
    }
    files
}

#[test]
fn the_file_tree_is_the_module_tree() {
    let files = sources();
    assert!(files.len() > 100, "the sources were read: {}", files.len());
    let with_path: Vec<_> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().lines().any(|l| l.trim_start().starts_with("#[path")))
        .collect();
    assert!(with_path.is_empty(), "`#[path]` attributes (move the file where its module is): {with_path:?}");
}

/// The engine compiles in its own copies of the schemas (so that its packed
/// crate holds them); `schemas/` is what users and editors link to. They are
/// the same files: `MATRIXLINT_BLESS=1` copies the repository's into the engine.
#[test]
fn the_engine_compiles_in_the_schemas_users_see() {
    for name in ["cell.schema.json", "config.schema.json"] {
        let shipped = std::fs::read_to_string(root().join("schemas").join(name)).unwrap();
        let copy = root().join("crates/matrixlint_engine/schemas").join(name);
        if std::env::var_os("MATRIXLINT_BLESS").is_some() {
            std::fs::write(&copy, &shipped).unwrap();
        }
        let compiled = std::fs::read_to_string(&copy).unwrap_or_default();
        assert!(
            compiled == shipped,
            "{} differs from schemas/{name}: run `MATRIXLINT_BLESS=1 cargo test`",
            copy.display()
        );
    }
}

/// Only the binary (`src/main.rs`, `src/cli/`) prints: the libraries return
/// what it writes, and the language server writes to the streams it is given.
#[test]
fn only_the_binary_writes_to_standard_output_and_error() {
    let files = sources();
    let binary = [root().join("src/main.rs"), root().join("src/cli")];
    let writers = ["io::stdout(", "io::stderr(", "println!", "print!(", "eprintln!", "eprint!("];
    let printing: Vec<String> = files
        .iter()
        .filter(|f| !binary.iter().any(|b| f.starts_with(b)))
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let found: Vec<String> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim_start().starts_with("//") && writers.iter().any(|w| l.contains(w)))
                .map(|(i, l)| format!("{}:{}: {}", f.display(), i + 1, l.trim()))
                .collect();
            found
        })
        .collect();
    assert!(printing.is_empty(), "the libraries write to a standard stream:\n{}", printing.join("\n"));
}

/// Issue 19 (the shipped binary under 15 MiB): the maintainers' generators
/// (`matrixlint generate`: the man pages and the CLI reference) are behind the
/// `generate` feature, which a build without features, as the release archives
/// and the wheels are built, leaves out; the tests enable it (`docs_pages`).
#[test]
fn a_build_without_features_leaves_out_the_page_generators() {
    let generators = ["clap_mangen", "clap-markdown"];
    let tree = |features: &[&str]| {
        let mut args = vec!["tree", "-p", "matrixlint", "-e", "no-dev", "--prefix", "none"];
        args.extend_from_slice(features);
        let tree = cargo(&args);
        let crates: BTreeSet<String> =
            tree.lines().filter_map(|l| l.split_whitespace().next()).map(str::to_owned).collect();
        assert!(crates.contains("clap"), "the tree was read: {crates:?}");
        generators.into_iter().filter(|g| crates.contains(*g)).collect::<Vec<_>>()
    };
    assert_eq!(tree(&[]), Vec::<&str>::new(), "the shipped binary pulls the generators");
    assert_eq!(tree(&["--features", "generate"]), generators, "the feature brings them in");
}
