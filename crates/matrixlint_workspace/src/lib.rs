//! matrixlint's workspace: what the commands and the language server share
//! about files on disk. Configuration files with their `extend:` chains
//! ([`config::load`]), and bounded reads and atomic, checked replacement of
//! regular files ([`files`]). Reading text is the engine's
//! (`matrixlint_engine`); this crate brings it the bytes.

#![warn(missing_docs)]

pub mod cache;
pub mod config;
pub mod files;
