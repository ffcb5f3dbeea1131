//! # wijknet-tables: the analytic outputs as Apache Arrow tables and Parquet files
//!
//! A regional analyst works in polars, pandas or DuckDB, not in lists of dicts: a national year
//! is about 1.5 million referral events. This crate turns the core's referral events, referral
//! rows and monitoring figures into Arrow record batches (columns of typed values, no per-row
//! objects), which the Python module hands to polars, pyarrow and DuckDB through the Arrow C
//! data interface without copying, and writes them as Parquet files, so that a history larger
//! than one machine's memory is written piece by piece and analysed in DuckDB or Spark on the
//! files.
//!
//! Every table has a fixed schema (column names, types and order) documented on its function;
//! codes are their stable string codes, instants are UTC timestamps in microseconds, absent values
//! are nulls. The same input gives the same table.

use std::fmt::Write as _;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int64Builder, ListBuilder, StringBuilder, StringViewBuilder,
    TimestampMicrosecondBuilder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch, StringViewArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::{DateTime, Utc};
use wijknet::Id;
use wijknet::referral::{Event, EventKind, MonitoringRow, ReferralRow};

pub mod ffi;
pub mod files;

pub use arrow_array;
pub use arrow_schema;

/// Errors of writing and reading files and IPC bytes (never of building a table: every core
/// value has its column).
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// Writing or reading Parquet failed (usually the file: disk full, permission).
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Writing or reading Arrow data failed (IPC bytes that are not a wijknet table).
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// A batch does not have the schema of the file it is written to.
    #[error("a batch of another schema than the file's: expected the {expected} table")]
    Schema {
        /// The table the file holds.
        expected: String,
    },
}

fn utc() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

/// Text columns (ids, codes, PC4s) are Arrow's string views (`Utf8View`, `string_view` in
/// pyarrow): polars keeps its strings in exactly that layout and takes the column as it is, where a
/// plain `Utf8` column is rebuilt value by value on import (polars 2.1, 1.9 million rows of 13 text
/// columns: 0.39 s as `Utf8`, under a millisecond as `Utf8View`). DuckDB, pyarrow (16 and later)
/// and Parquet read it too.
const TEXT: DataType = DataType::Utf8View;

/// Lists of codes keep plain `Utf8` items: pyarrow (26) cannot turn a list of string views into
/// pandas, and the lists are short and mostly null (intakes only), so polars rebuilds little.
fn codes() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
}

fn micros(at: &DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

/// A column of ids.
struct IdColumn(StringViewBuilder);

impl IdColumn {
    fn with_capacity(items: usize) -> Self {
        Self(StringViewBuilder::with_capacity(items))
    }

    fn push(&mut self, id: &Id) {
        self.0.append_value(id.as_str());
    }

    fn push_option(&mut self, id: Option<&Id>) {
        match id {
            Some(id) => self.push(id),
            None => self.0.append_null(),
        }
    }

    fn append_null(&mut self) {
        self.0.append_null();
    }

    fn append_nulls(&mut self, n: usize) {
        append_nulls(&mut self.0, n);
    }

    fn finish(&mut self) -> StringViewArray {
        self.0.finish()
    }
}

/// `n` nulls (a null view is a zero word: the loop is a fill).
fn append_nulls(b: &mut StringViewBuilder, n: usize) {
    for _ in 0..n {
        b.append_null();
    }
}

/// The columns of the events table, in order.
pub fn events_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("id", TEXT, false),
        Field::new("referral", TEXT, false),
        Field::new("seq", DataType::UInt64, false),
        Field::new("at", utc(), false),
        Field::new("actor_role", TEXT, false),
        Field::new("actor_id", TEXT, false),
        Field::new("type", TEXT, false),
        Field::new("team", TEXT, true),
        Field::new("reason_code", TEXT, true),
        Field::new("reason_text", TEXT, true),
        Field::new("referrer", TEXT, true),
        Field::new("care_types", codes(), true),
        Field::new("pc4", TEXT, true),
        Field::new("municipality", TEXT, true),
        Field::new("acute", DataType::Boolean, true),
        Field::new("policy_accountable", TEXT, true),
        Field::new("policy_max_unplaced_acute_secs", DataType::Int64, true),
        Field::new("policy_max_unplaced_non_acute_secs", DataType::Int64, true),
        Field::new("policy_max_declines", DataType::UInt32, true),
        Field::new("accountable", TEXT, true),
        Field::new("trigger", TEXT, true),
        Field::new("visits_per_week", DataType::UInt32, true),
        Field::new("hours_per_week", DataType::Float64, true),
        Field::new("visit_moments", codes(), true),
    ]))
}

/// Referral events as one record batch, one row per event in the order given: the columns of
/// [`events_schema`], the events document's fields with nested ones joined by `_` (`actor_role`,
/// `reason_code`, `policy_accountable`); fields an event type does not have are null.
pub fn events_batch(events: &[Event]) -> RecordBatch {
    // A national year (two million events) builds the first eight columns (the ids, the instant,
    // the actor and the type: one value on every event) on a second thread while this one builds
    // the rest (mostly null: reasons, intake, escalation, volume). The halves take about the same
    // time, read the same events and share nothing else. Small inputs are not worth a thread.
    let (first, rest) = if events.len() >= PARALLEL_FROM {
        std::thread::scope(|scope| {
            let first = scope.spawn(|| first_columns(events));
            let rest = other_columns(events);
            (first.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), rest)
        })
    } else {
        (first_columns(events), other_columns(events))
    };
    let mut columns: Vec<ArrayRef> = Vec::from(first);
    columns.extend(rest);
    RecordBatch::try_new(events_schema(), columns).expect("the columns are built to the schema")
}

/// From this many events on, [`events_batch`] builds on two threads.
const PARALLEL_FROM: usize = 100_000;

/// `id`, `referral`, `seq`, `at`, `actor_role`, `actor_id`, `type` and `team`.
fn first_columns(events: &[Event]) -> [ArrayRef; 8] {
    let n = events.len();
    let ids = || IdColumn::with_capacity(n);
    let (mut id, mut referral, mut actor, mut team) = (ids(), ids(), ids(), ids());
    let (mut role, mut kind) = (StringViewBuilder::with_capacity(n), StringViewBuilder::with_capacity(n));
    let mut seq = UInt64Builder::with_capacity(n);
    let mut at = TimestampMicrosecondBuilder::with_capacity(n).with_timezone("UTC");
    for e in events {
        id.push(&e.id);
        referral.push(&e.referral);
        seq.append_value(e.seq);
        at.append_value(micros(&e.at));
        role.append_value(e.actor.role());
        actor.push(e.actor.id());
        kind.append_value(e.kind.event_type().code());
        team.push_option(e.kind.team());
    }
    [
        Arc::new(id.finish()),
        Arc::new(referral.finish()),
        Arc::new(seq.finish()),
        Arc::new(at.finish()),
        Arc::new(role.finish()),
        Arc::new(actor.finish()),
        Arc::new(kind.finish()),
        Arc::new(team.finish()),
    ]
}

/// Every column after `team`, in schema order.
fn other_columns(events: &[Event]) -> [ArrayRef; 16] {
    let n = events.len();
    let text = || StringViewBuilder::with_capacity(n);
    let (mut reason, mut reason_text, mut pc4, mut municipality) = (text(), text(), text(), text());
    let mut referrer = IdColumn::with_capacity(n);
    let (mut accountable, mut p_accountable) = (IdColumn::with_capacity(n), IdColumn::with_capacity(n));
    let mut trigger = text();
    let mut care = ListBuilder::new(StringBuilder::new());
    let mut acute = BooleanBuilder::with_capacity(n);
    let (mut p_acute, mut p_other) = (Int64Builder::with_capacity(n), Int64Builder::with_capacity(n));
    let mut p_declines = UInt32Builder::with_capacity(n);
    let mut visits = UInt32Builder::with_capacity(n);
    let mut hours = Float64Builder::with_capacity(n);
    let mut moments = ListBuilder::new(StringBuilder::new());
    // The intake columns are null except on `created` events (one in nine), the escalation
    // columns except on `escalated` ones: their nulls are added in runs, each run when the next
    // value (or the end) comes, instead of one call per column per event.
    let (mut intake_nulls, mut escalation_nulls) = (0usize, 0usize);
    let mut digits = String::with_capacity(8);
    macro_rules! flush_intake_nulls {
        () => {
            let run = std::mem::take(&mut intake_nulls);
            if run > 0 {
                referrer.append_nulls(run);
                care.append_nulls(run);
                append_nulls(&mut pc4, run);
                append_nulls(&mut municipality, run);
                acute.append_nulls(run);
                p_accountable.append_nulls(run);
                p_acute.append_nulls(run);
                p_other.append_nulls(run);
                p_declines.append_nulls(run);
                visits.append_nulls(run);
                hours.append_nulls(run);
                moments.append_nulls(run);
            }
        };
    }
    macro_rules! flush_escalation_nulls {
        () => {
            let run = std::mem::take(&mut escalation_nulls);
            if run > 0 {
                accountable.append_nulls(run);
                append_nulls(&mut trigger, run);
            }
        };
    }
    for e in events {
        let r = e.kind.reason();
        reason.append_option(r.map(|r| r.code().code()));
        reason_text.append_option(r.and_then(|r| r.text()));
        match &e.kind {
            EventKind::Created(intake) => {
                flush_intake_nulls!();
                referrer.push(&intake.referrer);
                for c in intake.care_types.iter() {
                    care.values().append_value(c.code());
                }
                care.append(true);
                // Written into one reused buffer: no string per event.
                digits.clear();
                let _ = write!(digits, "{}", intake.pc4);
                pc4.append_value(&digits);
                match intake.municipality {
                    Some(m) => {
                        digits.clear();
                        let _ = write!(digits, "{m}");
                        municipality.append_value(&digits);
                    }
                    None => municipality.append_null(),
                }
                acute.append_value(intake.acute);
                match &intake.policy {
                    Some(p) => {
                        p_accountable.push(&p.accountable);
                        p_acute.append_value(p.max_unplaced_acute.num_seconds());
                        p_other.append_value(p.max_unplaced_non_acute.num_seconds());
                        p_declines.append_value(p.max_declines);
                    }
                    None => {
                        p_accountable.append_null();
                        p_acute.append_null();
                        p_other.append_null();
                        p_declines.append_null();
                    }
                }
                let volume = &intake.volume;
                visits.append_option(volume.visits_per_week);
                hours.append_option(volume.hours_per_week.map(|h| h.get()));
                for m in volume.visit_moments.iter() {
                    moments.values().append_value(m.code());
                }
                moments.append(!volume.visit_moments.is_empty());
            }
            _ => intake_nulls += 1,
        }
        match &e.kind {
            EventKind::Escalated { accountable: a, trigger: t } => {
                flush_escalation_nulls!();
                accountable.push(a);
                trigger.append_value(t.code());
            }
            _ => escalation_nulls += 1,
        }
    }
    flush_intake_nulls!();
    flush_escalation_nulls!();
    [
        Arc::new(reason.finish()),
        Arc::new(reason_text.finish()),
        Arc::new(referrer.finish()),
        Arc::new(care.finish()),
        Arc::new(pc4.finish()),
        Arc::new(municipality.finish()),
        Arc::new(acute.finish()),
        Arc::new(p_accountable.finish()),
        Arc::new(p_acute.finish()),
        Arc::new(p_other.finish()),
        Arc::new(p_declines.finish()),
        Arc::new(accountable.finish()),
        Arc::new(trigger.finish()),
        Arc::new(visits.finish()),
        Arc::new(hours.finish()),
        Arc::new(moments.finish()),
    ]
}

/// The columns of the referrals table, in order.
pub fn referrals_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("referral", TEXT, false),
        Field::new("referrer", TEXT, false),
        Field::new("created_at", utc(), false),
        Field::new("submitted_at", utc(), true),
        Field::new("acute", DataType::Boolean, false),
        Field::new("care_types", codes(), false),
        Field::new("pc4", TEXT, false),
        Field::new("municipality", TEXT, true),
        Field::new("status", TEXT, false),
        Field::new("offers", DataType::UInt32, false),
        Field::new("declines", DataType::UInt32, false),
        Field::new("placed", DataType::Boolean, false),
        Field::new("time_to_placement_secs", DataType::Int64, true),
        Field::new("escalation_trigger", TEXT, true),
        Field::new("reason", TEXT, true),
    ]))
}

/// One row per referral (the core's [`ReferralRow`]s, in the order given).
pub fn referrals_batch(rows: &[ReferralRow]) -> RecordBatch {
    let n = rows.len();
    let text = || StringViewBuilder::with_capacity(n);
    let (mut referral, mut referrer, mut pc4, mut municipality, mut status) = (text(), text(), text(), text(), text());
    let (mut trigger, mut reason) = (text(), text());
    let mut created = TimestampMicrosecondBuilder::with_capacity(n).with_timezone("UTC");
    let mut submitted = TimestampMicrosecondBuilder::with_capacity(n).with_timezone("UTC");
    let (mut acute, mut placed) = (BooleanBuilder::with_capacity(n), BooleanBuilder::with_capacity(n));
    let mut care = ListBuilder::new(StringBuilder::new()).with_field(Field::new_list_field(DataType::Utf8, true));
    let (mut offers, mut declines) = (UInt32Builder::with_capacity(n), UInt32Builder::with_capacity(n));
    let mut ttp = Int64Builder::with_capacity(n);
    for r in rows {
        referral.append_value(r.referral.as_str());
        referrer.append_value(r.referrer.as_str());
        created.append_value(micros(&r.created_at));
        submitted.append_option(r.submitted_at.as_ref().map(micros));
        acute.append_value(r.acute);
        for c in &r.care_types {
            care.values().append_value(c.code());
        }
        care.append(true);
        pc4.append_value(r.pc4.to_string());
        municipality.append_option(r.municipality.map(|m| m.to_string()));
        status.append_value(r.status.code());
        offers.append_value(r.offers);
        declines.append_value(r.declines);
        placed.append_value(r.placed);
        ttp.append_option(r.time_to_placement_secs);
        trigger.append_option(r.escalation_trigger.map(|t| t.code()));
        reason.append_option(r.reason.map(|t| t.code()));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(referral.finish()),
        Arc::new(referrer.finish()),
        Arc::new(created.finish()),
        Arc::new(submitted.finish()),
        Arc::new(acute.finish()),
        Arc::new(care.finish()),
        Arc::new(pc4.finish()),
        Arc::new(municipality.finish()),
        Arc::new(status.finish()),
        Arc::new(offers.finish()),
        Arc::new(declines.finish()),
        Arc::new(placed.finish()),
        Arc::new(ttp.finish()),
        Arc::new(trigger.finish()),
        Arc::new(reason.finish()),
    ];
    RecordBatch::try_new(referrals_schema(), columns).expect("the columns are built to the schema")
}

/// The columns of the monitoring table, in order.
pub fn monitoring_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("metric", TEXT, false),
        Field::new("dimension", TEXT, false),
        Field::new("key", TEXT, false),
        Field::new("reason", TEXT, true),
        Field::new("count", DataType::Int64, false),
        Field::new("median_secs", DataType::Int64, true),
        Field::new("p90_secs", DataType::Int64, true),
        Field::new("hours_per_week", DataType::Float64, true),
    ]))
}

/// Every monitoring figure as a row (the core's [`MonitoringRow`]s, in the order given).
pub fn monitoring_batch(rows: &[MonitoringRow]) -> RecordBatch {
    let n = rows.len();
    let text = || StringViewBuilder::with_capacity(n);
    let (mut metric, mut dimension, mut key, mut reason) = (text(), text(), text(), text());
    let (mut count, mut median, mut p90) =
        (Int64Builder::with_capacity(n), Int64Builder::with_capacity(n), Int64Builder::with_capacity(n));
    let mut hours = Float64Builder::with_capacity(n);
    for r in rows {
        metric.append_value(r.metric);
        dimension.append_value(r.dimension);
        key.append_value(&r.key);
        reason.append_option(r.reason.map(|x| x.code()));
        count.append_value(r.count);
        median.append_option(r.median_secs);
        p90.append_option(r.p90_secs);
        hours.append_option(r.hours_per_week.map(|h| h.get()));
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(metric.finish()),
        Arc::new(dimension.finish()),
        Arc::new(key.finish()),
        Arc::new(reason.finish()),
        Arc::new(count.finish()),
        Arc::new(median.finish()),
        Arc::new(p90.finish()),
        Arc::new(hours.finish()),
    ];
    RecordBatch::try_new(monitoring_schema(), columns).expect("the columns are built to the schema")
}

/// The columns of the what-if table, in order: one row per group (`dimension` `all`, `pc4`,
/// `municipality`, `care_type`, `time_of_day`; `key` the group's code, or `all`), with the
/// figures of the core's `WhatIfRow` (time to placement as count, median and p90 seconds).
pub fn what_if_schema() -> SchemaRef {
    let count = |name: &str| Field::new(name, DataType::Int64, false);
    let secs = |name: &str| Field::new(name, DataType::Int64, true);
    Arc::new(Schema::new(vec![
        Field::new("dimension", TEXT, false),
        Field::new("key", TEXT, false),
        count("referrals"),
        count("no_eligible_team_before"),
        count("no_eligible_team_after"),
        count("candidates_before"),
        count("candidates_after"),
        count("changed"),
        count("now_eligible"),
        count("no_longer_eligible"),
        count("placed_before"),
        count("placed_after"),
        secs("time_to_placement_before_median_secs"),
        secs("time_to_placement_before_p90_secs"),
        secs("time_to_placement_after_median_secs"),
        secs("time_to_placement_after_p90_secs"),
        count("escalated_before"),
        count("escalated_after"),
        count("estimated_after"),
    ]))
}

/// A what-if's groups as one record batch: the total first, then per PC4, municipality, care
/// type and part of the day, each in key order.
pub fn what_if_batch(w: &wijknet::what_if::WhatIf) -> RecordBatch {
    use wijknet::what_if::WhatIfRow;
    let mut groups: Vec<(&str, String, &WhatIfRow)> = vec![("all", "all".to_owned(), &w.total)];
    groups.extend(w.by_pc4.iter().map(|(k, r)| ("pc4", k.to_string(), r)));
    groups.extend(w.by_municipality.iter().map(|(k, r)| ("municipality", k.to_string(), r)));
    groups.extend(w.by_care_type.iter().map(|(k, r)| ("care_type", k.code().to_owned(), r)));
    groups.extend(w.by_time_of_day.iter().map(|(k, r)| ("time_of_day", k.code().to_owned(), r)));
    let n = groups.len();
    let (mut dimension, mut key) = (StringViewBuilder::with_capacity(n), StringViewBuilder::with_capacity(n));
    let mut ints: Vec<Int64Builder> = (0..17).map(|_| Int64Builder::with_capacity(n)).collect();
    for (d, k, r) in &groups {
        dimension.append_value(d);
        key.append_value(k);
        let values = [
            Some(r.referrals),
            Some(r.no_eligible_team_before),
            Some(r.no_eligible_team_after),
            Some(r.candidates_before),
            Some(r.candidates_after),
            Some(r.changed),
            Some(r.now_eligible),
            Some(r.no_longer_eligible),
            Some(r.placed_before),
            Some(r.placed_after),
            r.time_to_placement_before.median_secs,
            r.time_to_placement_before.p90_secs,
            r.time_to_placement_after.median_secs,
            r.time_to_placement_after.p90_secs,
            Some(r.escalated_before),
            Some(r.escalated_after),
            Some(r.estimated_after),
        ];
        for (b, v) in ints.iter_mut().zip(values) {
            b.append_option(v);
        }
    }
    let mut columns: Vec<ArrayRef> = vec![Arc::new(dimension.finish()), Arc::new(key.finish())];
    columns.extend(ints.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    RecordBatch::try_new(what_if_schema(), columns).expect("the columns are built to the schema")
}

#[cfg(test)]
mod tests;
