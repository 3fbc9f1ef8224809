//! Notifications: one file each. They change the session on the main loop;
//! the lints they call for start when the loop is idle.

pub(super) mod configuration;
pub(super) mod did_change;
pub(super) mod did_close;
pub(super) mod did_open;
pub(super) mod did_save;
pub(super) mod watched_files;
pub(super) mod workspace_folders;
