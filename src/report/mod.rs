//! Rendering diagnostics. Every format renders from the same
//! [`Diagnostic`] list; nothing here prints,
//! the binary writes what these functions return.

pub mod compact;
pub mod concise;
pub mod evidence;
mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod links;
pub mod sarif;
pub mod statistics;
pub use matrixlint_engine::visible;
pub mod wrap;

use crate::diagnostic::{Diagnostic, Severity};

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files reported on.
    pub files: usize,
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Diagnostics of severity info.
    #[serde(skip)]
    pub infos: usize,
    /// Diagnostics that `--fix` can repair.
    #[serde(skip)]
    pub fixable: usize,
}

impl Summary {
    /// Counts `diagnostics` over `files` files.
    #[must_use]
    pub fn new(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        Self {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            fixable: diagnostics.iter().filter(|d| d.fix.is_some()).count(),
        }
    }
}

crate::choice::choice! {
    /// Output formats of `check`.
    pub enum Format {
        /// miette's graphical report, colour on a terminal.
        Human = "human",
        /// One line per finding: `file:line:col: severity[code/rule] message`.
        Concise = "concise",
        /// One JSON document.
        Json = "json",
        /// GitHub Actions workflow commands (annotations on pull requests).
        Github = "github",
        /// A SARIF 2.1.0 log (code scanning).
        Sarif = "sarif",
        /// JUnit XML, one test case per checked file.
        Junit = "junit",
    }
}

/// How the human-readable formats name files: from the working directory, so
/// that a name can be opened from where the command ran (`B3.yaml` in
/// `cells/drug`, `../alcohol/C2.yaml` beside it, `content/cells/drug/B3.yaml`
/// above the root). The default names files from the corpus root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// `..` steps from the working directory up to the deepest folder it shares with the root.
    up: usize,
    /// The root's folders below that shared folder.
    down: Vec<String>,
    /// The working directory's folders below it (what a name may start with and lose).
    here: Vec<String>,
}

impl Names {
    /// Names seen from `cwd`, for a corpus at `root` (both canonical).
    #[must_use]
    pub fn new(cwd: &std::path::Path, root: &std::path::Path) -> Self {
        let parts = |p: &std::path::Path| -> Vec<String> {
            p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect()
        };
        let (cwd, root) = (parts(cwd), parts(root));
        let shared = cwd.iter().zip(&root).take_while(|(a, b)| a == b).count();
        if shared == root.len() {
            // The working directory is the root or inside it.
            return Self { up: 0, down: Vec::new(), here: cwd[shared..].to_vec() };
        }
        Self { up: cwd.len() - shared, down: root[shared..].to_vec(), here: Vec::new() }
    }

    /// The corpus root as a path from the working directory when it lies
    /// beneath it (empty otherwise): what CI tools, which resolve paths
    /// against the repository, put before a file's name.
    #[must_use]
    pub fn repo_base(&self) -> String {
        if self.up == 0 { self.down.join("/") } else { String::new() }
    }

    /// The name of the corpus file `name` (relative to the root).
    #[must_use]
    pub fn show(&self, name: &str) -> String {
        let mut parts: Vec<&str> = self.down.iter().map(String::as_str).chain(name.split('/')).collect();
        let mut up = self.up;
        if up == 0 && !self.here.is_empty() {
            let shared = self.here.iter().zip(&parts).take_while(|(a, b)| a == b).count();
            up = self.here.len() - shared;
            parts.drain(..shared);
        }
        std::iter::repeat_n("..", up).chain(parts).collect::<Vec<_>>().join("/")
    }
}

/// `name` as a path from the working directory, given `base`, the corpus root
/// relative to it (empty when it is the root or not beneath it).
#[must_use]
pub fn repo_path(base: &str, name: &str) -> String {
    if base.is_empty() { name.to_owned() } else { format!("{}/{name}", base.trim_end_matches('/')) }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Names;

    #[test]
    fn names_are_openable_from_the_working_directory() {
        let root = Path::new("/repo/content");
        let show = |cwd: &str, name: &str| Names::new(Path::new(cwd), root).show(name);
        assert_eq!(show("/repo/content", "cells/drug/B2.yaml"), "cells/drug/B2.yaml");
        assert_eq!(show("/repo", "cells/drug/B2.yaml"), "content/cells/drug/B2.yaml");
        assert_eq!(show("/repo/content/cells/drug", "cells/drug/B2.yaml"), "B2.yaml");
        assert_eq!(show("/repo/content/cells/alcohol", "cells/drug/B2.yaml"), "../drug/B2.yaml");
        assert_eq!(show("/elsewhere", "cells/drug/B2.yaml"), "../repo/content/cells/drug/B2.yaml");
        assert_eq!(Names::default().show("cells/drug/B2.yaml"), "cells/drug/B2.yaml");
    }

    #[test]
    fn the_repository_base_is_the_root_beneath_the_working_directory() {
        let root = Path::new("/repo/content");
        let base = |cwd: &str| Names::new(Path::new(cwd), root).repo_base();
        assert_eq!(base("/repo"), "content");
        assert_eq!(base("/repo/content"), "");
        assert_eq!(base("/repo/content/cells"), "", "inside the root: names from the root");
        assert_eq!(base("/elsewhere"), "");
    }
}
