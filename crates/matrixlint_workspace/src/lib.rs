//! matrixlint's workspace: what the commands (`check`, `--fix`, `links`,
//! `evidence`) and the language server share about a corpus on disk.
//!
//! - Opening a corpus: [`Project::locate`] finds the root (the folder
//!   holding `matrixlint.yaml`, upwards from where it is asked), loads the
//!   configuration with its `extend:` chain ([`config::load`]), builds the
//!   engine under it and lists the cell sources; [`Project::select`] turns
//!   named paths into cell names. What can go wrong is a [`WorkspaceError`].
//! - Reading cells: [`load_path`] reads one regular file inside the root,
//!   never more than [`MAX_FILE_BYTES`]; [`load_buffer`] holds an editor's
//!   buffer to the same limit; [`load_corpus`] reads every cell once and
//!   [`index`] makes the corpus index cross-references resolve against.
//! - Files: bounded reads of regular files and atomic, checked replacement
//!   ([`files`]).
//!
//! Reading text is the engine's (`matrixlint_engine`); this crate brings it
//! the bytes. It never prints.

#![warn(missing_docs)]

pub mod cache;
pub mod config;
mod corpus;
mod discover;
mod error;
pub mod files;
mod indexed;
mod load;
mod project;

pub use corpus::{index, load_corpus};
pub use discover::name_within;
pub use error::{ConfigDiagnostic, WorkspaceError};
pub use indexed::{Indexed, load_indexed, load_indexed_keeping_cache};
pub use load::{MAX_FILE_BYTES, load_buffer, load_path};
pub use project::{Locator, Project};
