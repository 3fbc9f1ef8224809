//! Loading `matrixlint.yaml` and the files it extends.

mod load;

pub use load::{ConfigError, Loaded, MAX_CONFIG_BYTES, Origin, Unusable, load};
