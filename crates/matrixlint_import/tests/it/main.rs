//! The importer through its public API only: pages in, cell sources out.

mod engine;
mod props;
