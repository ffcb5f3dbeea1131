//! Runs every matching conformance vector in `tests/vectors/matching/`.

mod support;

use serde_json::Value;
use support::vectors::{cases, error_json, matches, root};
use wijknet::Registry;
use wijknet::matching::{MatchOptions, MatchOptionsDoc, MatchRequest, match_request};
use wijknet::registry::CapacityUpdate;

fn run(case: &Value) -> Result<Value, wijknet::Error> {
    let path = root().join(case["registry"].as_str().expect("registry path"));
    let mut registry = Registry::from_json(&std::fs::read(path).unwrap())?;
    for u in case.get("capacity_updates").and_then(Value::as_array).into_iter().flatten() {
        registry = registry.update_capacity(&CapacityUpdate::from_json(u.to_string().as_bytes())?)?;
    }
    let request = MatchRequest::from_json(case["request"].to_string().as_bytes())?;
    let options: MatchOptionsDoc = serde_json::from_value(case["options"].clone()).unwrap();
    let options = MatchOptions::from_doc(&options)?;
    Ok(match_request(&registry, &request, &options)?.to_json_value())
}

#[test]
fn matching_vectors() {
    let all = cases("matching");
    assert!(all.len() >= 10, "expected the matching vectors, found {}", all.len());
    let mut failures = Vec::new();
    for (name, case) in &all {
        let outcome = match (run(case), case.get("expected"), case.get("expected_error")) {
            (Ok(actual), Some(expected), None) => matches(expected, &actual, "$"),
            (Err(e), None, Some(expected)) => matches(expected, &error_json(&e), "$error"),
            (Ok(actual), _, _) => Err(format!("expected an error, got {actual}")),
            (Err(e), _, _) => Err(format!("unexpected error: {e}")),
        };
        if let Err(msg) = outcome {
            failures.push(format!("{name}: {msg}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}
