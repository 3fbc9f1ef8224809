//! The cell format exists once: `schemas/cell.schema.json` is generated from
//! the types in `src/cell/format.rs` and must be in step with them.

use std::path::Path;

#[test]
fn the_committed_cell_schema_matches_the_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/cell.schema.json");
    let generated =
        format!("{}\n", serde_json::to_string_pretty(&matrixlint_engine::cell::format::json_schema()).unwrap());
    if std::env::var_os("MATRIXLINT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(committed == generated, "schemas/cell.schema.json is stale: run the tests with MATRIXLINT_BLESS=1");
    assert_eq!(matrixlint_engine::schema::CELL_SCHEMA, committed);
}
