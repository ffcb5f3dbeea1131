//! Runs every consent conformance vector in `tests/vectors/consent/` (the same files the C,
//! Python and Kotlin bindings run). See that directory's README for the format.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde_json::Value;
use wijknet::consent::{CategoryDecision, ConsentRequest, ConsentStore, Decision, Trace};

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
    read_back(&decision, &trace)?;
    let answer = wijknet::api::decide(&store, None, req.clone(), at, true).map_err(|e| e.to_string())?;
    let text = answer.to_json();
    let back =
        wijknet::api::ConsentAnswer::from_json(&text).map_err(|e| format!("the answer does not read back: {e}"))?;
    if back != answer || back.to_json() != text {
        return Err(format!("the answer reads back differently: {back:?}"));
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

/// A decision, its trace and each category's answer, written as JSON, read back as the same
/// values and are written again the same (Python pickles them this way).
fn read_back(decision: &Decision, trace: &Trace) -> Result<(), String> {
    let text = serde_json::to_string(decision).unwrap();
    let back = Decision::from_json(&text).map_err(|e| format!("the decision does not read back: {e}"))?;
    if back != *decision || serde_json::to_string(&back).unwrap() != text {
        return Err(format!("the decision reads back differently: {back:?}"));
    }
    let text = serde_json::to_string(trace).unwrap();
    let back = Trace::from_json(&text).map_err(|e| format!("the trace does not read back: {e}"))?;
    if back != *trace || serde_json::to_string(&back).unwrap() != text {
        return Err(format!("the trace reads back differently: {back:?}"));
    }
    for (_, c) in decision.iter() {
        let text = serde_json::to_string(c).unwrap();
        let back = CategoryDecision::from_json(&text).map_err(|e| format!("a category does not read back: {e}"))?;
        if back != *c || serde_json::to_string(&back).unwrap() != text {
            return Err(format!("a category reads back differently: {back:?}"));
        }
    }
    Ok(())
}

fn vector_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vector_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// The decisions of the vectors that decide, as JSON.
fn decisions() -> Vec<Value> {
    let mut out = Vec::new();
    for f in vector_files() {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        if v.get("expected_error").is_some() {
            continue;
        }
        let store = ConsentStore::from_json(v["store"].to_string().as_bytes()).unwrap();
        let req = ConsentRequest::from_json(v["request"].to_string().as_bytes()).unwrap();
        let at: DateTime<Utc> = serde_json::from_value(v["at"].clone()).unwrap();
        out.push(serde_json::to_value(store.decide(&req, at).unwrap()).unwrap());
    }
    out
}

#[test]
fn a_decision_read_back_is_checked_at_its_path_without_the_value() {
    let all = decisions();
    let d = all.iter().find(|d| d["categories"].as_array().is_some_and(|c| !c.is_empty())).unwrap();

    let mut wrong = d.clone();
    wrong["categories"][0]["outcome"] = "Jantje-111222333".into();
    let e = Decision::from_json(&wrong.to_string()).unwrap_err();
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("json", "$.categories[0].outcome"), "{e}");
    assert!(e.to_string().contains("a consent decision") && !e.to_string().contains("111222333"), "{e}");

    let mut wrong = d.clone();
    wrong["at"] = 111222333.into();
    let e = Decision::from_json(&wrong.to_string()).unwrap_err();
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("json", "$.at"), "{e}");
    assert!(!e.to_string().contains("111222333"), "{e}");

    let mut wrong = d.clone();
    wrong["categories"][0]["secret"] = "Jantje".into();
    let e = Decision::from_json(&wrong.to_string()).unwrap_err();
    assert_eq!(e.problems()[0].path, "$.categories[0]", "{e}");
    assert!(!e.to_string().contains("Jantje"), "{e}");

    // Another answer (a match result's shape) is not a decision.
    let e = Decision::from_json(r#"{"outcome":"no_eligible_team","candidates":[]}"#).unwrap_err();
    assert_eq!(e.code(), "json");
    assert!(Trace::from_json("[]").is_err() && CategoryDecision::from_json("{}").is_err());
}

/// `redact` must be what the outcomes make it: a decision read back never leaves out less.
#[test]
fn a_decision_whose_redaction_does_not_fit_is_refused() {
    let all = decisions();
    let partial = all.iter().find(|d| d.get("redact").is_some()).expect("a vector with a partial deny");
    let mut wrong = partial.clone();
    wrong.as_object_mut().unwrap().remove("redact");
    let e = Decision::from_json(&wrong.to_string()).unwrap_err();
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("invalid", "$.redact"), "{e}");

    let permitted = all
        .iter()
        .find(|d| {
            d.get("redact").is_none() && d["categories"].as_array().unwrap().iter().any(|c| c["outcome"] == "permit")
        })
        .expect("a vector that permits everything asked");
    let mut wrong = permitted.clone();
    let category = wrong["categories"][0]["category"].clone();
    wrong["redact"] = Value::Array(vec![category]);
    let e = Decision::from_json(&wrong.to_string()).unwrap_err();
    assert_eq!(e.problems()[0].path, "$.redact", "{e}");
}

#[test]
fn every_consent_vector_passes() {
    let files = vector_files();
    assert!(files.len() >= 3, "expected at least 3 consent vectors, found {}", files.len());
    let failures: Vec<String> =
        files.iter().filter_map(|f| run(f).err().map(|e| format!("{}: {e}", f.display()))).collect();
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), files.len(), failures.join("\n\n"));
}
