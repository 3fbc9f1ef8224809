//! `workspace/executeCommand`: `matrixlint.placeCursor`, run by a client
//! after it applied a suppression's edit, asks the client to show the
//! document with the cursor where the suppression's reason is to be typed.

use lsp_types::request::ShowDocument;
use lsp_types::{ExecuteCommandParams, Position, Range, ShowDocumentParams, Uri};

use crate::capabilities::PLACE_CURSOR;
use crate::session::Session;

pub(crate) fn run(session: &mut Session, params: ExecuteCommandParams) -> Result<(), String> {
    if params.command != PLACE_CURSOR {
        return Err(format!("matrixlint has no command `{}`", params.command));
    }
    let mut args = params.arguments.into_iter();
    let (Some(uri), Some(at)) = (args.next(), args.next()) else {
        return Err(format!("`{PLACE_CURSOR}` takes a document and a position"));
    };
    let uri: Uri = serde_json::from_value(uri).map_err(|e| format!("not a document: {e}"))?;
    let at: Position = serde_json::from_value(at).map_err(|e| format!("not a position: {e}"))?;
    session.client.request::<ShowDocument>(ShowDocumentParams {
        uri,
        external: Some(false),
        take_focus: Some(true),
        selection: Some(Range { start: at, end: at }),
    });
    Ok(())
}
