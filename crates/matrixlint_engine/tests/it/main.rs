//! The engine through its public API only: if these tests need something the
//! crate does not export, the API is not enough for its users either.

mod support;

mod findings;
mod fixes;
mod index;
mod line_index;
