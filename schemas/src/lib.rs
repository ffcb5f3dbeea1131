//! The JSON Schemas (draft 2020-12) of wijknet's documents and requests, as committed in this
//! folder (`schemas/<name>.schema.json`): what `wijknet::schema::documents()` generates from the
//! core's input types, with the `$id` under which the repository publishes them.
//!
//! `tests/schemas.rs` keeps the committed files equal to [`files`] (`WIJKNET_BLESS=1` rewrites
//! them) and checks every conformance vector and example document against them and against the
//! core.

use serde_json::Value;
use wijknet::schema::{DocumentSchema, documents};

/// Where the schema files are published: the repository's `schemas/` folder.
pub const BASE_URI: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/schemas/");

/// One schema file: the document it describes and its text.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// The document (name, title, tag, reader, schema with `$id`).
    pub document: DocumentSchema,
    /// File name: `registry.schema.json`.
    pub file_name: String,
    /// The file's text: pretty JSON (keys sorted), ending in a newline.
    pub text: String,
}

/// Every schema file, in the order of [`documents`].
pub fn files() -> Vec<SchemaFile> {
    documents()
        .into_iter()
        .map(|mut document| {
            let file_name = format!("{}.schema.json", document.name);
            if let Value::Object(map) = &mut document.schema {
                map.insert("$id".into(), format!("{BASE_URI}{file_name}").into());
            }
            let text = serde_json::to_string_pretty(&document.schema).expect("a JSON value serialises") + "\n";
            SchemaFile { document, file_name, text }
        })
        .collect()
}
