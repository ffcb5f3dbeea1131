//! Runs every conformance vector in `tests/vectors/referral/` (format: that folder's README.md).
//! The C, Python and Kotlin bindings run the same files and must give the same answers.
//!
//! `WIJKNET_BLESS_VECTORS=1` writes the actual answers into vectors whose `expect` is `null`
//! (for a new vector, whose answers must then be checked by hand before committing); it never
//! overwrites an existing expectation.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wijknet::Id;
use wijknet::referral::{EscalationPolicy, Monitoring, ReferralBook, check_escalation, parse_events};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/referral")
}

fn error_value(e: &wijknet::Error, event_index: Option<usize>) -> Value {
    let mut v = json!({ "code": e.code() });
    if matches!(e.code(), "invalid" | "json" | "schema") {
        v["paths"] = e.problems().into_iter().map(|p| Value::String(p.path)).collect();
    }
    if let Some(i) = event_index {
        v["event_index"] = json!(i);
    }
    v
}

fn policy(v: &Value) -> EscalationPolicy {
    EscalationPolicy::from_secs(
        Id::parse(v["accountable"].as_str().unwrap()).unwrap(),
        v["max_unplaced_acute_secs"].as_i64().unwrap(),
        v["max_unplaced_non_acute_secs"].as_i64().unwrap(),
        u32::try_from(v["max_declines"].as_u64().unwrap()).unwrap(),
    )
    .unwrap()
}

/// The answers for one vector's input, in the vector's `expect` shape.
fn answer(vector: &Value) -> Value {
    let bytes = serde_json::to_vec(&vector["events"]).unwrap();
    let events = match parse_events(&bytes) {
        Ok(e) => e,
        Err(e) => return json!({ "error": error_value(&e, None) }),
    };
    let mut book = ReferralBook::new();
    for (i, e) in events.iter().enumerate() {
        if let Err(err) = book.apply(e) {
            return json!({ "error": error_value(&err, Some(i)) });
        }
    }
    // Every summary (reasons, escalations, offers) reads back from its JSON as itself.
    for s in book.summaries() {
        assert_eq!(wijknet::referral::ReferralSummary::from_json(&s.to_json()).expect("reads back"), s);
    }
    let mut out = json!({
        "referrals": serde_json::to_value(book.summaries()).unwrap(),
        "monitoring": serde_json::to_value(Monitoring::from_book(&book)).unwrap(),
    });
    if let Some(checks) = vector["checks"].as_array() {
        let results: Vec<Value> = checks
            .iter()
            .map(|c| {
                let r = book.get(c["referral"].as_str().unwrap()).expect("referral of a check");
                let now: DateTime<Utc> = c["now"].as_str().unwrap().parse().unwrap();
                serde_json::to_value(check_escalation(r, &policy(&c["policy"]), now).unwrap()).unwrap()
            })
            .collect();
        out["checks"] = Value::Array(results);
    }
    out
}

#[test]
fn every_referral_vector_passes() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "expected at least 3 vectors, found {}", files.len());
    let bless = std::env::var_os("WIJKNET_BLESS_VECTORS").is_some();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut vector: Value = serde_json::from_str(&text).unwrap();
        let actual = answer(&vector);
        if vector["expect"].is_null() && bless {
            vector["expect"] = actual;
            std::fs::write(&path, serde_json::to_string_pretty(&vector).unwrap() + "\n").unwrap();
            continue;
        }
        assert_eq!(
            actual,
            vector["expect"],
            "vector {} differs:\n{}",
            path.display(),
            serde_json::to_string_pretty(&actual).unwrap()
        );
    }
}
