//! A table through the Arrow C data interface: the structures the Arrow PyCapsule interface
//! (`__arrow_c_stream__`, `__arrow_c_schema__`) hands to polars, pyarrow and DuckDB, which then
//! read the columns where they are. The structures come from arrow-rs; whoever receives one owns
//! it and calls its `release` (arrow-rs's `Drop` does so for a structure never handed over).

use arrow_array::ffi::FFI_ArrowSchema;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};

use crate::TableError;

/// A stream of the given batches (all of one schema), for a consumer to read and release.
pub fn stream(batches: Vec<RecordBatch>, schema: arrow_schema::SchemaRef) -> FFI_ArrowArrayStream {
    let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), schema);
    FFI_ArrowArrayStream::new(Box::new(reader))
}

/// The schema alone, for a consumer that asks for it before the data.
pub fn schema(schema: &arrow_schema::Schema) -> Result<FFI_ArrowSchema, TableError> {
    Ok(FFI_ArrowSchema::try_from(schema)?)
}
