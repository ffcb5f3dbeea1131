//! Tables as files and bytes: Parquet for analysis elsewhere (DuckDB, Spark, polars' lazy scans),
//! written batch by batch so a history larger than memory is written one piece at a time, and
//! Arrow IPC bytes for a table that must travel whole (Python's pickle).

use std::io::Write;

use arrow_array::RecordBatch;
use arrow_ipc::reader::StreamReader;
use arrow_ipc::writer::StreamWriter;
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::TableError;

/// A Parquet file being written: every [`ParquetSink::write`] adds the batch's rows (a row group
/// per batch of up to [`ROW_GROUP_ROWS`] rows), so memory holds one batch at a time;
/// [`ParquetSink::close`] writes the footer. A file whose sink was dropped without `close` has no
/// footer and is not a Parquet file.
pub struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    table: String,
    rows: u64,
}

impl<W: Write + Send> std::fmt::Debug for ParquetSink<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetSink").field("table", &self.table).field("rows", &self.rows).finish_non_exhaustive()
    }
}

/// Rows per row group: DuckDB and Spark read row groups in parallel; a national year of events
/// makes a dozen of them.
pub const ROW_GROUP_ROWS: usize = 128 * 1024;

impl<W: Write + Send> ParquetSink<W> {
    /// A new file of the `table` (its name, for errors) with this schema, Snappy-compressed.
    pub fn new(out: W, schema: SchemaRef, table: &str) -> Result<Self, TableError> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(format!("wijknet {}", wijknet::VERSION))
            .build();
        Ok(Self {
            writer: ArrowWriter::try_new(out, schema.clone(), Some(props))?,
            schema,
            table: table.to_owned(),
            rows: 0,
        })
    }

    /// Appends a batch; it must have the file's schema.
    pub fn write(&mut self, batch: &RecordBatch) -> Result<(), TableError> {
        if batch.schema() != self.schema {
            return Err(TableError::Schema { expected: self.table.clone() });
        }
        self.writer.write(batch)?;
        self.rows += batch.num_rows() as u64;
        Ok(())
    }

    /// A new file of referral events (the columns of [`events_schema`](crate::events_schema)).
    pub fn events(out: W) -> Result<Self, TableError> {
        Self::new(out, crate::events_schema(), "events")
    }

    /// Appends referral events, a row group's worth at a time, so that only one batch of them
    /// is in memory beside the events themselves. Returns the rows written so far.
    pub fn write_events(&mut self, events: &[wijknet::referral::Event]) -> Result<u64, TableError> {
        for piece in events.chunks(ROW_GROUP_ROWS) {
            self.write(&crate::events_batch(piece))?;
        }
        Ok(self.rows)
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Writes the footer; returns the rows written.
    pub fn close(self) -> Result<u64, TableError> {
        self.writer.close()?;
        Ok(self.rows)
    }
}

/// A whole table as a Parquet file.
pub fn write_parquet<W: Write + Send>(out: W, batch: &RecordBatch, table: &str) -> Result<u64, TableError> {
    let mut sink = ParquetSink::new(out, batch.schema(), table)?;
    sink.write(batch)?;
    sink.close()
}

/// A table as Arrow IPC stream bytes ([`from_ipc`] reads them back to an equal table).
pub fn to_ipc(batch: &RecordBatch) -> Result<Vec<u8>, TableError> {
    let mut out = Vec::new();
    {
        let mut w = StreamWriter::try_new(&mut out, &batch.schema())?;
        w.write(batch)?;
        w.finish()?;
    }
    Ok(out)
}

/// The table of [`to_ipc`]'s bytes (its batches concatenated into one).
pub fn from_ipc(bytes: &[u8]) -> Result<RecordBatch, TableError> {
    let reader = StreamReader::try_new(std::io::Cursor::new(bytes), None)?;
    let schema = reader.schema();
    let batches = reader.collect::<Result<Vec<_>, _>>()?;
    Ok(arrow_select_concat(&schema, &batches)?)
}

fn arrow_select_concat(schema: &SchemaRef, batches: &[RecordBatch]) -> Result<RecordBatch, arrow_schema::ArrowError> {
    match batches {
        [one] => Ok(one.clone()),
        _ => arrow_select::concat::concat_batches(schema, batches),
    }
}
