//! `matrixlint import`: published cell pages in, YAML cell sources out.
//!
//! All pages are imported in memory before anything is written, so that a
//! page that fails, a file that would be overwritten or two pages for the
//! same cell stop the run with nothing half-done. Each file is written to a
//! temporary file beside it and renamed into place, so a reader (or an
//! interrupted run) never sees half a cell.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::import::{ImportError, ImportOptions, Imported, import_page_with};
use crate::registry::Registry;

use super::Project;

/// What `import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// The pages, in the order given.
    pub pages: Vec<PathBuf>,
    /// Where to write `cells/<matrix>/<CELL>.yaml`; `None` prints one page.
    pub out_dir: Option<PathBuf>,
    /// Replace existing files.
    pub force: bool,
    /// The `$schema` reference written on top (default: the corpus's `schemas/`).
    pub schema: Option<String>,
}

/// What the run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The YAML (one page, no `--out-dir`) or the list of files written.
    pub stdout: String,
    /// `PAGE:LINE: message` for every piece of text that was not placed.
    pub stderr: String,
    /// 0 when everything was placed, 1 when something was not.
    pub code: u8,
}

/// Why an import run wrote nothing (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ImportRunError {
    /// Several pages but nowhere to write them.
    #[error("without --out-dir, import prints one page, but {0} were given")]
    #[diagnostic(code(matrixlint::import::several), help("pass --out-dir DIR to write several pages"))]
    SeveralToStdout(usize),
    /// The corpus configuration in `--out-dir` is unusable.
    #[error("cannot use the configuration in {}", dir.display())]
    #[diagnostic(code(matrixlint::import::config))]
    Config {
        /// The output directory.
        dir: PathBuf,
        /// Why.
        #[diagnostic_source]
        source: super::AppError,
    },
    /// One or more pages or targets had problems; nothing was written.
    #[error("import failed; nothing was written")]
    #[diagnostic(code(matrixlint::import::failed))]
    Failed {
        /// Every problem found.
        #[related]
        problems: Vec<PageError>,
    },
    /// A file could not be written (earlier files of the run may have been).
    #[error("the import stopped: a cell source was not written")]
    #[diagnostic(code(matrixlint::import::write))]
    Write {
        /// Why (the error names the file).
        #[from]
        source: crate::files::WriteError,
    },
}

/// A problem with one page or its target.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum PageError {
    /// The page could not be read.
    #[error("cannot read {}", path.display())]
    #[diagnostic(code(matrixlint::import::read))]
    Read {
        /// The page.
        path: PathBuf,
        /// Why.
        source: crate::files::ReadError,
    },
    /// The page is not UTF-8; decoding it lossily would change its text unseen.
    #[error("{} is not UTF-8 text", path.display())]
    #[diagnostic(code(matrixlint::import::encoding), help("convert the page to UTF-8 first"))]
    NotUtf8 {
        /// The page.
        path: PathBuf,
    },
    /// The page is not a cell page the importer understands.
    #[error("{} is not a cell page", path.display())]
    #[diagnostic(code(matrixlint::import::page))]
    Page {
        /// The page.
        path: PathBuf,
        /// Why.
        source: ImportError,
    },
    /// The target would be outside `--out-dir` (a matrix id that is not a
    /// plain folder name, or a folder on the way that links elsewhere).
    #[error("{} would be outside {}", path.display(), dir.display())]
    #[diagnostic(
        code(matrixlint::import::outside),
        help("matrix ids are short lowercase names; check `registry` and links under `cells/`")
    )]
    Outside {
        /// The target file.
        path: PathBuf,
        /// The output directory.
        dir: PathBuf,
    },
    /// The target exists and `--force` was not given.
    #[error("{} already exists", path.display())]
    #[diagnostic(code(matrixlint::import::exists), help("pass --force to overwrite it"))]
    Exists {
        /// The target file.
        path: PathBuf,
    },
    /// Two pages are the same cell.
    #[error("{} and {} are both {cell}", first.display(), second.display())]
    #[diagnostic(code(matrixlint::import::duplicate))]
    Duplicate {
        /// The earlier page.
        first: PathBuf,
        /// The later page.
        second: PathBuf,
        /// `matrix/CELL`.
        cell: String,
    },
}

/// Runs `import`.
///
/// # Errors
/// When nothing could be written (see [`ImportRunError`]).
pub fn import(req: &ImportRequest) -> Result<ImportOutcome, ImportRunError> {
    if req.out_dir.is_none() && req.pages.len() > 1 {
        return Err(ImportRunError::SeveralToStdout(req.pages.len()));
    }
    // Absolute from here on: `import --out-dir corpus` (relative) opened the
    // configuration as `corpus/corpus`.
    let out_dir = match &req.out_dir {
        Some(dir) => Some(std::path::absolute(dir).map_err(|e| ImportRunError::Config {
            dir: dir.clone(),
            source: super::AppError::Write { source: crate::files::WriteError::Io { path: dir.clone(), source: e } },
        })?),
        None => None,
    };
    let registry = registry(out_dir.as_deref())?;
    let options = ImportOptions { schema: req.schema.clone().unwrap_or_else(|| ImportOptions::default().schema) };
    let mut problems = Vec::new();
    let mut done: Vec<(&Path, Imported)> = Vec::new();
    for page in &req.pages {
        match read_page(page).and_then(|text| {
            import_page_with(&text, &registry, &options)
                .map_err(|source| PageError::Page { path: page.clone(), source })
        }) {
            Ok(imported) => done.push((page, imported)),
            Err(e) => problems.push(e),
        }
    }
    let mut stderr = String::new();
    for (page, imported) in &done {
        for d in &imported.diagnostics {
            let _ = writeln!(stderr, "{}:{}: {}", page.display(), d.line, crate::report::visible::one_line(&d.message));
        }
    }
    let code = u8::from(done.iter().any(|(_, i)| !i.diagnostics.is_empty()));
    let Some(dir) = &out_dir else {
        if !problems.is_empty() {
            return Err(ImportRunError::Failed { problems });
        }
        let stdout = done.into_iter().map(|(_, i)| i.yaml).collect();
        return Ok(ImportOutcome { stdout, stderr, code });
    };
    let targets = targets(dir, &done, req.force, &mut problems);
    if !problems.is_empty() {
        return Err(ImportRunError::Failed { problems });
    }
    let mut stdout = String::new();
    for (path, (_, imported)) in targets.iter().zip(&done) {
        write_atomically(path, &imported.yaml).map_err(|source| ImportRunError::Write { source })?;
        // Shown under the folder as given (`corpus/cells/…`), not its absolute form.
        let shown = match (&req.out_dir, path.strip_prefix(dir)) {
            (Some(given), Ok(rel)) => given.join(rel),
            _ => path.clone(),
        };
        let _ = writeln!(stdout, "wrote {}", shown.display());
    }
    Ok(ImportOutcome { stdout, stderr, code })
}

/// The registry of the corpus being written into, when it has a
/// configuration (it may add matrices); the shipped one otherwise.
fn registry(out_dir: Option<&Path>) -> Result<Registry, ImportRunError> {
    let Some(dir) = out_dir.filter(|d| d.join(crate::config::FILE_NAME).is_file()) else {
        return Ok(Registry::default());
    };
    // The date only matters to `check`; any will do for reading the registry.
    let project = Project::open(dir, Some(dir), jiff::civil::date(2000, 1, 1))
        .map_err(|source| ImportRunError::Config { dir: dir.to_owned(), source: source.into() })?;
    Ok(project.linter.settings().registry.clone())
}

/// Published cell pages are under 100 KB; anything far larger is not one.
const MAX_PAGE_BYTES: u64 = 16 << 20;

fn read_page(path: &Path) -> Result<String, PageError> {
    let bytes = crate::files::read_regular(path, MAX_PAGE_BYTES)
        .map_err(|source| PageError::Read { path: path.to_owned(), source })?;
    String::from_utf8(bytes).map_err(|_| PageError::NotUtf8 { path: path.to_owned() })
}

/// Each page's file, with the refusals (existing without `--force`, two pages for one cell).
fn targets(dir: &Path, done: &[(&Path, Imported)], force: bool, problems: &mut Vec<PageError>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::with_capacity(done.len());
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    for (page, imported) in done {
        let path = dir.join("cells").join(&imported.matrix).join(format!("{}.yaml", imported.cell));
        if !stays_inside(&root, &imported.matrix, &imported.cell, &path) {
            problems.push(PageError::Outside { path: path.clone(), dir: dir.to_owned() });
        } else if let Some(j) = out.iter().position(|p| *p == path) {
            problems.push(PageError::Duplicate {
                first: done[j].0.to_owned(),
                second: page.to_path_buf(),
                cell: format!("{}/{}", imported.matrix, imported.cell),
            });
        } else if path.exists() && !force {
            problems.push(PageError::Exists { path: path.clone() });
        }
        out.push(path);
    }
    out
}

/// Whether `path` (for `matrix`/`cell`) is inside `root` (canonical): the
/// names are plain folder and file names, and the deepest folder of the path
/// that exists already resolves, links followed, inside `root`.
fn stays_inside(root: &Path, matrix: &str, cell: &str, path: &Path) -> bool {
    if !crate::config::is_matrix_id(matrix) || crate::registry::CellId::parse(cell).is_none() {
        return false;
    }
    let existing = path.ancestors().skip(1).find(|a| a.exists());
    existing.and_then(|a| std::fs::canonicalize(a).ok()).is_some_and(|a| a.starts_with(root))
}

/// Creates `path`'s folder, then writes `text` atomically.
fn write_atomically(path: &Path, text: &str) -> Result<(), crate::files::WriteError> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| crate::files::WriteError::Io { path: dir.to_owned(), source })?;
    crate::files::write_atomically(path, text.as_bytes())
}
