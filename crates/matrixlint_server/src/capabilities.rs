//! What the server offers, and what it needs to know of the client.

use lsp_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DocumentLinkOptions, ExecuteCommandOptions, HoverProviderCapability, OneOf, SaveOptions, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    WorkDoneProgressOptions, WorkspaceFoldersServerCapabilities, WorkspaceServerCapabilities,
};

use super::position::Encoding;

/// The code action kind of "fix everything matrixlint can fix in this file".
pub(crate) const FIX_ALL: &str = "source.fixAll.matrixlint";

/// The command a suppression's code action runs to put the cursor where the reason goes.
pub(crate) const PLACE_CURSOR: &str = "matrixlint.placeCursor";

/// What the server needs to know about the client.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClientFlags {
    /// It can open a document at a selection (`window/showDocument`).
    pub show_document: bool,
    /// It can register file watchers at run time.
    pub watch_files: bool,
    /// It renders Markdown in hovers and documentation.
    pub markdown: bool,
    /// It accepts hierarchical document symbols.
    pub nested_symbols: bool,
}

impl ClientFlags {
    pub(super) fn of(caps: &ClientCapabilities) -> Self {
        let text = caps.text_document.as_ref();
        let hover_formats = text.and_then(|t| t.hover.as_ref()).and_then(|h| h.content_format.as_ref());
        Self {
            show_document: caps.window.as_ref().and_then(|w| w.show_document.as_ref()).is_some_and(|s| s.support),
            watch_files: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            // Clients that say nothing get Markdown: every current editor renders it.
            markdown: hover_formats.is_none_or(|f| f.contains(&lsp_types::MarkupKind::Markdown)),
            nested_symbols: text
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
        }
    }
}

/// The server's capabilities under `encoding`.
pub(crate) fn server(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            will_save: None,
            will_save_wait_until: None,
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        completion_provider: Some(CompletionOptions {
            // `tier: [S, ` · `cell ` · `ignore[` · `discussion: [C2, ` · `alcohol/`
            trigger_characters: Some([" ", "[", ",", "/", "#"].map(str::to_owned).to_vec()),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(false),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![PLACE_CURSOR.to_owned()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}
