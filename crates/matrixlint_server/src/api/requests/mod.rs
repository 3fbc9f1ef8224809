//! Requests: one file each. All but `workspace/executeCommand` run on a
//! worker with a snapshot of the session taken when they arrived.

pub(super) mod code_action;
pub(super) mod completion;
pub(super) mod definition;
pub(super) mod document_link;
pub(super) mod document_symbol;
pub(super) mod execute_command;
pub(super) mod hover;
pub(super) mod references;
