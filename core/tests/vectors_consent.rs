//! Runs every consent conformance vector in `tests/vectors/consent/` (the same files the C,
//! Python and Kotlin bindings run). See that directory's README for the format.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde_json::Value;
use wijknet::consent::{ConsentRequest, ConsentStore};

fn vector_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/consent")
}

fn run(path: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let v: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    if v["schema"] != "wijknet.consent-vector/v1" {
        return Err(format!("unexpected vector schema {}", v["schema"]));
    }
    let name = path.file_stem().unwrap().to_string_lossy();
    if v["name"] != *name {
        return Err(format!("`name` {} does not match the file name", v["name"]));
    }
    let store = ConsentStore::from_json(v["store"].to_string().as_bytes());
    if let Some(expected) = v.get("expected_error") {
        let err = match store {
            Ok(_) => return Err("store loaded but an error was expected".into()),
            Err(e) => e,
        };
        if err.code() != expected["code"] {
            return Err(format!("error code `{}`, expected {}", err.code(), expected["code"]));
        }
        let got: BTreeSet<String> = err.problems().into_iter().map(|p| p.path).collect();
        let want: BTreeSet<String> =
            expected["paths"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
        if got != want {
            return Err(format!("problem paths {got:?}, expected {want:?}"));
        }
        let shown = format!("{err} {:?}", err.problems());
        for s in expected["must_not_contain"].as_array().into_iter().flatten() {
            if shown.contains(s.as_str().unwrap()) {
                return Err(format!("error text contains {s}: {shown}"));
            }
        }
        return Ok(());
    }
    let store = store.map_err(|e| format!("store does not load: {e}"))?;
    let req = ConsentRequest::from_json(v["request"].to_string().as_bytes()).map_err(|e| e.to_string())?;
    let at: DateTime<Utc> = serde_json::from_value(v["at"].clone()).map_err(|e| e.to_string())?;
    let decision = store.decide(&req, at).map_err(|e| e.to_string())?;
    let (traced, trace) = store.decide_with_trace(&req, at).map_err(|e| e.to_string())?;
    if traced != decision {
        return Err("decide and decide_with_trace disagree".into());
    }
    if let Some(expected) = v.get("expected_trace") {
        let got: serde_json::Map<String, Value> =
            trace.records.iter().map(|r| (r.id.to_string(), Value::from(r.reason.code()))).collect();
        if Value::Object(got.clone()) != *expected {
            return Err(format!("trace reasons {got:?}, expected {expected}"));
        }
    }
    let got = serde_json::to_value(&decision).unwrap();
    if got != v["expected"] {
        return Err(format!(
            "decision differs\n got:      {}\n expected: {}",
            serde_json::to_string(&got).unwrap(),
            serde_json::to_string(&v["expected"]).unwrap()
        ));
    }
    if let Some(expected) = v.get("expected_audit") {
        let audit = serde_json::to_value(store.audit_record(&req, &decision)).unwrap();
        for key in ["decision_id", "inputs_hash", "data_version"] {
            if audit[key] != expected[key] {
                return Err(format!("audit `{key}` is {}, expected {}", audit[key], expected[key]));
            }
        }
    }
    Ok(())
}

#[test]
fn every_consent_vector_passes() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vector_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "expected at least 3 consent vectors, found {}", files.len());
    let failures: Vec<String> =
        files.iter().filter_map(|f| run(f).err().map(|e| format!("{}: {e}", f.display()))).collect();
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), files.len(), failures.join("\n\n"));
}
