//! The tables against a naive reference: every cell equals the value the core's own JSON form of
//! the event (or row) has under the column's name; files and bytes read back to equal tables.

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, TimestampMicrosecondType, UInt32Type, UInt64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use serde_json::{Map, Value, json};

use super::*;
use crate::files::{ParquetSink, from_ipc, to_ipc, write_parquet};

/// The reference: the JSON object, nested objects joined with `_` (what the Python module's
/// dict rows always were).
fn flat(v: Value) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in v.as_object().cloned().unwrap_or_default() {
        match v {
            Value::Object(inner) => {
                for (ik, iv) in inner {
                    out.insert(format!("{k}_{ik}"), iv);
                }
            }
            other => {
                out.insert(k, other);
            }
        }
    }
    out
}

/// One cell as JSON (instants as the core writes them).
fn cell(column: &dyn Array, row: usize) -> Value {
    if column.is_null(row) {
        return Value::Null;
    }
    match column.data_type() {
        DataType::Utf8View => json!(column.as_string_view().value(row)),
        DataType::Utf8 => json!(column.as_string::<i32>().value(row)),
        DataType::UInt64 => json!(column.as_primitive::<UInt64Type>().value(row)),
        DataType::UInt32 => json!(column.as_primitive::<UInt32Type>().value(row)),
        DataType::Int64 => json!(column.as_primitive::<Int64Type>().value(row)),
        DataType::Float64 => json!(column.as_primitive::<Float64Type>().value(row)),
        DataType::Boolean => json!(column.as_boolean().value(row)),
        DataType::Timestamp(..) => {
            let us = column.as_primitive::<TimestampMicrosecondType>().value(row);
            json!(wijknet::referral::format_time(&DateTime::<Utc>::from_timestamp_micros(us).unwrap()))
        }
        DataType::List(_) => {
            let list = column.as_list::<i32>().value(row);
            Value::Array((0..list.len()).map(|i| cell(list.as_ref(), i)).collect())
        }
        other => panic!("unexpected column type {other}"),
    }
}

fn row_json(batch: &RecordBatch, row: usize) -> Map<String, Value> {
    let schema = batch.schema();
    schema.fields().iter().zip(batch.columns()).map(|(f, c)| (f.name().clone(), cell(c.as_ref(), row))).collect()
}

/// Every non-null cell is the reference's value, and every reference value has its cell.
fn same(batch: &RecordBatch, row: usize, reference: Map<String, Value>) {
    let mut got = row_json(batch, row);
    got.retain(|_, v| !v.is_null());
    assert_eq!(got, reference, "row {row}");
}

fn year() -> Vec<Event> {
    let doc = wijknet::referral::events_to_json(&wijknet_fixtures::national_referral_events(11, 400));
    wijknet::referral::parse_events(doc.as_bytes()).unwrap()
}

#[test]
fn every_event_cell_is_the_events_json_value() {
    let events = year();
    let batch = events_batch(&events);
    assert_eq!(batch.num_rows(), events.len());
    assert_eq!(batch.schema(), events_schema());
    let mut kinds = std::collections::BTreeSet::new();
    for (i, e) in events.iter().enumerate() {
        let mut reference = flat(serde_json::to_value(e).unwrap());
        // `policy` durations are seconds in JSON too; nothing to convert
        reference.retain(|_, v| !v.is_null());
        kinds.insert(e.kind.event_type());
        same(&batch, i, reference);
    }
    assert!(kinds.len() >= 8, "the generated year has most event types: {kinds:?}");
}

#[test]
fn a_large_history_built_on_two_threads_is_the_one_built_on_one() {
    // Enough referrals for more than PARALLEL_FROM events; pieces below it are built on one
    // thread (and checked cell by cell against the JSON by the test above).
    let events = wijknet_fixtures::national_referral_events(12, 14_000);
    assert!(events.len() > PARALLEL_FROM, "{} events", events.len());
    let whole = events_batch(&events);
    let pieces: Vec<RecordBatch> = events.chunks(PARALLEL_FROM / 2).map(events_batch).collect();
    assert_eq!(whole, arrow_select::concat::concat_batches(&events_schema(), &pieces).unwrap());
}

#[test]
fn an_intakes_volume_has_its_cells_and_the_placed_hours_their_row() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/referral/placed_hours.json");
    let vector: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let events = wijknet::referral::parse_events(vector["events"].to_string().as_bytes()).unwrap();
    let batch = events_batch(&events);
    for (i, e) in events.iter().enumerate() {
        let mut reference = flat(serde_json::to_value(e).unwrap());
        reference.retain(|_, v| !v.is_null());
        same(&batch, i, reference);
    }
    let stated =
        |column: &str| (0..batch.num_rows()).filter(|&i| !batch.column_by_name(column).unwrap().is_null(i)).count();
    assert_eq!((stated("hours_per_week"), stated("visits_per_week"), stated("visit_moments")), (3, 2, 1));
    let book = wijknet::referral::ReferralBook::replay(&events).unwrap();
    let figures = wijknet::referral::Monitoring::from_book(&book).rows();
    let batch = monitoring_batch(&figures);
    for (i, r) in figures.iter().enumerate() {
        let mut reference = serde_json::to_value(r).unwrap().as_object().cloned().unwrap();
        reference.retain(|_, v| !v.is_null());
        same(&batch, i, reference);
    }
    let hours = figures.iter().position(|r| r.metric == "placed_hours_per_week").unwrap();
    assert_eq!(row_json(&batch, hours)["hours_per_week"], json!(13.5));
    assert_eq!(row_json(&batch, hours)["count"], json!(2));
}

#[test]
fn every_referral_and_monitoring_cell_is_the_rows_json_value() {
    let book = wijknet::referral::ReferralBook::replay(&year()).unwrap();
    let rows = ReferralRow::of_book(&book);
    let batch = referrals_batch(&rows);
    assert_eq!(batch.num_rows(), rows.len());
    for (i, r) in rows.iter().enumerate() {
        let mut reference = serde_json::to_value(r).unwrap().as_object().cloned().unwrap();
        reference.retain(|_, v| !v.is_null());
        same(&batch, i, reference);
    }
    let figures = wijknet::referral::Monitoring::from_book(&book).rows();
    let batch = monitoring_batch(&figures);
    assert_eq!(batch.num_rows(), figures.len());
    for (i, r) in figures.iter().enumerate() {
        let mut reference = serde_json::to_value(r).unwrap().as_object().cloned().unwrap();
        reference.retain(|_, v| !v.is_null());
        same(&batch, i, reference);
    }
}

#[test]
fn empty_inputs_give_empty_tables_of_the_same_schema() {
    assert_eq!(events_batch(&[]).num_rows(), 0);
    assert_eq!(events_batch(&[]).schema(), events_schema());
    assert_eq!(referrals_batch(&[]).schema(), referrals_schema());
    assert_eq!(monitoring_batch(&[]).schema(), monitoring_schema());
}

#[test]
fn parquet_written_in_pieces_reads_back_as_the_whole_table() {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let events = year();
    let whole = events_batch(&events);
    let mut file = Vec::new();
    let mut sink = ParquetSink::new(&mut file, events_schema(), "events").unwrap();
    for piece in events.chunks(1000) {
        sink.write(&events_batch(piece)).unwrap();
    }
    assert_eq!(sink.close().unwrap(), events.len() as u64);
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(file)).unwrap().build().unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    let back = arrow_select::concat::concat_batches(&events_schema(), &batches).unwrap();
    assert_eq!(back, whole);

    let mut one = Vec::new();
    assert_eq!(write_parquet(&mut one, &whole, "events").unwrap(), events.len() as u64);
    let mut other = Vec::new();
    let mut sink = ParquetSink::new(&mut other, events_schema(), "events").unwrap();
    let e = sink.write(&monitoring_batch(&[])).unwrap_err();
    assert_eq!(e.to_string(), "a batch of another schema than the file's: expected the events table");
}

#[test]
fn ipc_bytes_read_back_to_an_equal_table_and_garbage_is_an_error() {
    let batch = events_batch(&year());
    assert_eq!(from_ipc(&to_ipc(&batch).unwrap()).unwrap(), batch);
    assert!(from_ipc(b"not arrow").is_err());
    assert!(from_ipc(&[]).is_err());
}

#[test]
fn the_stream_hands_over_every_batch() {
    use arrow_array::ffi_stream::ArrowArrayStreamReader;
    let batch = events_batch(&year());
    let stream = ffi::stream(vec![batch.clone(), batch.clone()], events_schema());
    let reader = ArrowArrayStreamReader::try_new(stream).unwrap();
    let back: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    assert_eq!(back, vec![batch.clone(), batch]);
}

#[test]
fn what_if_groups_are_the_documents_rows() {
    let registry = wijknet::Registry::from_json(
        &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/registries/region.json")).unwrap(),
    )
    .unwrap();
    let events = wijknet_fixtures::registry_referral_events(3, 300, &registry, None);
    let book = wijknet::referral::ReferralBook::replay(&events).unwrap();
    let scenario = wijknet::what_if::Scenario { registry: &registry, agreements: None };
    let w = wijknet::what_if::what_if(&book, scenario, scenario, &Default::default()).unwrap();
    let batch = what_if_batch(&w);
    let doc = w.to_json_value();
    let groups = 1 + w.by_pc4.len() + w.by_municipality.len() + w.by_care_type.len() + w.by_time_of_day.len();
    assert_eq!(batch.num_rows(), groups);
    for row in 0..batch.num_rows() {
        let got = row_json(&batch, row);
        let (dimension, key) = (got["dimension"].as_str().unwrap(), got["key"].as_str().unwrap());
        let reference = if dimension == "all" { &doc["total"] } else { &doc[format!("by_{dimension}")][key] };
        for (name, value) in &got {
            let expected = match name.as_str() {
                "dimension" | "key" => continue,
                n if n.starts_with("time_to_placement_") => {
                    let (stat, which) = match n.strip_suffix("_median_secs") {
                        Some(which) => ("median_secs", which),
                        None => ("p90_secs", n.strip_suffix("_p90_secs").unwrap()),
                    };
                    &reference[which][stat]
                }
                n => &reference[n],
            };
            assert_eq!(value, expected, "{dimension} {key} {name}");
        }
    }
}
