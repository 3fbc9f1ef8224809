//! `matrixlint.yaml`: the configuration's types and the reading of one text
//! (the engine's), and loading files with their `extend:` chains (the
//! workspace's), under one name.

pub use matrixlint_engine::config::*;
pub use matrixlint_workspace::config::{ConfigError, Loaded, MAX_CONFIG_BYTES, Origin, Unusable, load};
