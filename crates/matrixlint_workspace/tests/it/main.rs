//! matrixlint_workspace's integration tests: corpora written to temporary
//! folders, opened and read as the commands and the server do.

mod corpus;
mod loading;
mod project;
mod support;
