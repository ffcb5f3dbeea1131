//! Runs every matching conformance vector in `tests/vectors/matching/`.

mod support;

use serde_json::Value;
use support::vectors::{cases, error_json, matches, root};
use wijknet::Registry;
use wijknet::matching::{
    Accountable, Candidate, Exclusion, MatchOptions, MatchOptionsDoc, MatchRequest, MatchResult, Via, match_request,
};
use wijknet::registry::CapacityUpdate;

fn run(case: &Value) -> Result<Value, wijknet::Error> {
    let result = run_typed(case)?;
    // What `to_json` writes reads back as the same result, written again the same (Python
    // pickles it this way).
    let text = result.to_json();
    let back = MatchResult::from_json(&text).expect("a result reads back");
    assert_eq!(back, result);
    assert_eq!(back.to_json(), text);
    // So does each part alone (what Python pickles a part a host holds as).
    fn alone<T: serde::Serialize + PartialEq + std::fmt::Debug>(part: &T, read: fn(&str) -> wijknet::Result<T>) {
        let text = serde_json::to_string(part).unwrap();
        assert_eq!(read(&text).expect("a part reads back"), *part, "{text}");
    }
    for c in &result.candidates {
        alone(c, Candidate::from_json);
        c.via.iter().for_each(|v| alone(v, Via::from_json));
    }
    result.excluded.iter().for_each(|e| alone(e, Exclusion::from_json));
    result.accountable.iter().for_each(|a| alone(a, Accountable::from_json));
    Ok(result.to_json_value())
}

fn run_typed(case: &Value) -> Result<MatchResult, wijknet::Error> {
    let path = root().join(case["registry"].as_str().expect("registry path"));
    let mut registry = Registry::from_json(&std::fs::read(path).unwrap())?;
    for u in case.get("capacity_updates").and_then(Value::as_array).into_iter().flatten() {
        registry = registry.update_capacity(&CapacityUpdate::from_json(u.to_string().as_bytes())?)?;
    }
    let request = MatchRequest::from_json(case["request"].to_string().as_bytes())?;
    let options: MatchOptionsDoc = serde_json::from_value(case["options"].clone()).unwrap();
    let options = MatchOptions::from_doc(&options)?;
    match_request(&registry, &request, &options)
}

/// Every vector's result, as JSON.
fn results() -> Vec<(String, Value)> {
    cases("matching").into_iter().filter_map(|(name, case)| run(&case).ok().map(|r| (name, r))).collect()
}

/// The first result with an exclusion (and one with a candidate that has a contact).
fn result_where(what: impl Fn(&Value) -> bool) -> Value {
    results().into_iter().map(|(_, r)| r).find(|r| what(r)).expect("a vector gives such a result")
}

fn read_back(v: &Value) -> wijknet::Error {
    MatchResult::from_json(&v.to_string()).expect_err("refused")
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

/// The vectors exclude teams for most reasons, so the round trip above covers most kinds of
/// `specifics`; this keeps it that way.
#[test]
fn the_vectors_read_back_exclusions_of_many_kinds() {
    let kinds: std::collections::BTreeSet<String> = results()
        .iter()
        .flat_map(|(_, r)| r["excluded"].as_array().cloned().unwrap_or_default())
        .map(|e| e["specifics"]["kind"].as_str().expect("every exclusion has specifics").to_owned())
        .collect();
    assert!(kinds.len() >= 8, "{kinds:?}");
}

#[test]
fn a_result_with_a_wrong_type_is_refused_at_its_path_without_the_value() {
    let mut r = result_where(|r| r["candidates"].as_array().is_some_and(|c| !c.is_empty()));
    r["candidates"][0]["rank"] = "Jantje-111222333".into();
    let e = read_back(&r);
    assert_eq!(e.code(), "json");
    let p = &e.problems()[0];
    assert_eq!(p.path, "$.candidates[0].rank", "{e}");
    assert!(p.reason.contains("a match result") && !e.to_string().contains("111222333"), "{e}");

    let mut r = result_where(|r| r["excluded"].as_array().is_some_and(|c| !c.is_empty()));
    r["excluded"][0]["specifics"]["kind"] = "Jantje-111222333".into();
    let e = read_back(&r);
    assert_eq!(e.code(), "json");
    assert!(e.problems()[0].path.starts_with("$.excluded[0].specifics"), "{e}");
    assert!(!e.to_string().contains("111222333"), "{e}");

    let mut r = result_where(|r| r["excluded"].as_array().is_some_and(|c| !c.is_empty()));
    r["excluded"][0]["reason"] = "Jantje-111222333".into();
    let e = read_back(&r);
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("json", "$.excluded[0].reason"), "{e}");
    assert!(!e.to_string().contains("111222333"), "{e}");

    // A field of the specifics of the wrong type: its path, and serde's words (which would
    // repeat the value) are not used.
    let has_care_type = |e: &Value| e["specifics"].get("care_type").is_some();
    let mut r = result_where(|r| r["excluded"].as_array().is_some_and(|e| e.iter().any(has_care_type)));
    let i = r["excluded"].as_array().unwrap().iter().position(has_care_type).unwrap();
    r["excluded"][i]["specifics"]["care_type"] = 111222333.into();
    let e = read_back(&r);
    assert_eq!(e.problems()[0].path, format!("$.excluded[{i}].specifics.care_type"), "{e}");
    assert!(!e.to_string().contains("111222333"), "{e}");
    r["excluded"][i]["specifics"]["care_type"] = "Jantje".into();
    let e = read_back(&r);
    assert_eq!(e.problems()[0].path, format!("$.excluded[{i}].specifics.care_type"), "{e}");
    assert!(!e.to_string().contains("Jantje"), "{e}");
    r["excluded"][i]["specifics"]["secret"] = "Jantje".into();
    r["excluded"][i]["specifics"]["care_type"] = "wound_care".into();
    let e = read_back(&r);
    assert!(
        e.problems()[0].path.starts_with(&format!("$.excluded[{i}].specifics")) && !e.to_string().contains("Jantje")
    );

    // An exclusion written before `specifics` existed (text only) cannot be read back.
    let mut r = result_where(|r| r["excluded"].as_array().is_some_and(|c| !c.is_empty()));
    r["excluded"][0].as_object_mut().unwrap().remove("specifics");
    let e = read_back(&r);
    assert_eq!(e.problems()[0].path, "$.excluded[0]", "{e}");
    assert!(e.to_string().contains("specifics"), "{e}");
}

#[test]
fn a_result_matching_could_not_give_is_refused() {
    let mut r =
        result_where(|r| r["excluded"].as_array().is_some_and(|e| e.iter().any(|e| e["reason"] != "outside_area")));
    let i = r["excluded"].as_array().unwrap().iter().position(|e| e["reason"] != "outside_area").unwrap();
    r["excluded"][i]["reason"] = "outside_area".into();
    let e = read_back(&r);
    assert_eq!(e.code(), "invalid");
    assert_eq!(e.problems()[0].path, format!("$.excluded[{i}].reason"), "{e}");

    let mut r = result_where(|r| r["candidates"].as_array().is_some_and(|c| !c.is_empty()));
    r["outcome"] = "no_eligible_team".into();
    r["candidates"][0]["rank"] = 2.into();
    let e = read_back(&r);
    let paths: Vec<String> = e.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["$.outcome", "$.candidates[0].rank"], "{e}");

    // A contact is checked as the registry checks one, and its value is not repeated.
    let mut r = result_where(|r| {
        r["candidates"].as_array().is_some_and(|c| c.first().is_some_and(|c| c["contact"].is_object()))
    });
    r["candidates"][0]["contact"]["phone"] = "Jantje 111222333 x".into();
    let e = read_back(&r);
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("json", "$.candidates[0].contact"), "{e}");
    assert!(e.to_string().contains("phone") && !e.to_string().contains("111222333"), "{e}");

    let mut r =
        result_where(|r| r["candidates"].as_array().is_some_and(|c| c.iter().any(|c| c.get("free_hours").is_some())));
    let i = r["candidates"].as_array().unwrap().iter().position(|c| c.get("free_hours").is_some()).unwrap();
    r["candidates"][i]["free_hours"] = (-1.5).into();
    let e = read_back(&r);
    assert_eq!(e.problems()[0].path, format!("$.candidates[{i}].free_hours"), "{e}");
}

#[test]
fn another_answer_is_not_a_match_result() {
    let decision = r#"{"client":"c-1","at":"2026-11-22T10:00:00Z","policy":"deny_overrides","who_decides":"client","categories":[]}"#;
    let e = MatchResult::from_json(decision).unwrap_err();
    assert_eq!(e.code(), "json");
    assert!(e.to_string().contains("a match result"), "{e}");
    assert_eq!(MatchResult::from_json("{").unwrap_err().code(), "json");
    assert_eq!(MatchResult::from_json("").unwrap_err().code(), "json");
}
