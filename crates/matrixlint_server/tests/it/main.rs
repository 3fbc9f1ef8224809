//! matrixlint_server's integration tests: the server run in this process
//! over in-memory pipes, driven as an editor drives it.

mod client;
mod diagnostics;
mod lifecycle;
mod sync;
