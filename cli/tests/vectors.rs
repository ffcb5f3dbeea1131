//! Every conformance vector the tool can answer, run through the built binary with `--json`:
//! the answer must match the vector's expectation exactly as the core's own runners check it,
//! and an expected error must come with its exit code (the C number of the core's code).

mod support;

use serde_json::{Value, json};
use support::{Run, cases, exit_code_of, matches, scratch_json, wijknet};

fn document(v: &Value, name: &str) -> String {
    match v {
        Value::String(path) => format!("tests/vectors/{path}"),
        inline => scratch_json(name, inline),
    }
}

/// Checks an answer (`expected`) or an error (`expected_error`, a pattern over the error JSON).
fn check(name: &str, case: &Value, run: &Run, failures: &mut Vec<String>) {
    let outcome = match (case.get("expected"), case.get("expected_error")) {
        (Some(expected), None) if run.code == Some(0) => matches(expected, &run.json(), "$"),
        (None, Some(expected)) => {
            let code = expected["code"].as_str().unwrap();
            if run.code != Some(exit_code_of(code)) {
                Err(format!("exit {:?}, expected {} for `{code}`: {}", run.code, exit_code_of(code), run.stdout))
            } else {
                matches(expected, &run.json(), "$error")
            }
        }
        _ => Err(format!("exit {:?}: {} {}", run.code, run.stdout, run.stderr)),
    };
    if let Err(msg) = outcome {
        failures.push(format!("{name}: {msg}"));
    }
}

#[test]
fn matching_vectors() {
    let all = cases("matching");
    assert!(all.len() >= 17, "found {}", all.len());
    let mut failures = Vec::new();
    for (name, case) in &all {
        let registry = document(&case["registry"], "registry.json");
        let request = scratch_json("request.json", &case["request"]);
        let now = case["options"]["now"].as_str().unwrap().to_owned();
        let hours = case["options"]["stale_after_hours"].as_u64().unwrap_or(72).to_string();
        let updates: Vec<String> = case["capacity_updates"]
            .as_array()
            .map(|u| u.iter().map(|u| scratch_json("update.json", u)).collect())
            .unwrap_or_default();
        let mut args =
            vec!["match", "--json", "--registry", &registry, &request, "--now", &now, "--stale-after-hours", &hours];
        for u in &updates {
            args.extend(["--update", u.as_str()]);
        }
        check(name, case, &wijknet(&args), &mut failures);
    }
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn agreement_vectors() {
    let all = cases("agreements");
    let mut failures = Vec::new();
    let mut ran = 0;
    for (name, case) in &all {
        let registry = document(&case["registry"], "registry.json");
        let agreements = document(&case["agreements"], "agreements.json");
        let input = &case["input"];
        let text = |k: &str| input[k].as_str().unwrap().to_owned();
        let base = ["--json", "--registry", &registry, "--agreements", &agreements];
        let run = match case["operation"].as_str().unwrap() {
            "load" => wijknet(&["validate", "agreements", "--json", &agreements, "--registry", &registry]),
            "match" => {
                let request = scratch_json("request.json", &input["request"]);
                let now = input["options"]["now"].as_str().unwrap().to_owned();
                wijknet(&[&["match"], &base[..], &[&request, "--now", &now]].concat())
            }
            "on_call" => {
                let at = match input.get("at_local") {
                    None => text("at"),
                    Some(local) => format!("{}T{}", local["date"].as_str().unwrap(), local["time"].as_str().unwrap()),
                };
                let location = text("location");
                let mut args = [&["on-call"], &base[..], &["--location", &location, "--at", &at]].concat();
                if let Some(o) = input["at_local"].get("occurrence") {
                    args.extend(["--occurrence", o.as_str().unwrap()]);
                }
                wijknet(&args)
            }
            "check" => {
                let days = input["horizon_days"].to_string();
                let today = text("today");
                wijknet(&[&["check"], &base[..], &["--date", &today, "--horizon-days", &days]].concat())
            }
            "may_assess" => {
                let (provider, care, date) = (text("provider"), text("care_type"), text("date"));
                let args = ["--provider", &provider, "--care-type", &care, "--date", &date];
                wijknet(&[&["may-assess"], &base[..], &args[..]].concat())
            }
            other => panic!("unknown operation {other}"),
        };
        ran += 1;
        check(name, case, &run, &mut failures);
    }
    assert!(ran >= 14, "ran {ran}");
    assert!(failures.is_empty(), "{} of {ran} vectors failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn consent_vectors() {
    let all = cases("consent");
    assert!(all.len() >= 13, "found {}", all.len());
    let mut failures = Vec::new();
    for (name, case) in &all {
        let store = scratch_json("store.json", &case["store"]);
        if let Some(expected) = case.get("expected_error") {
            // An invalid store: refused when loaded, every problem path listed, nothing leaked.
            let run = wijknet(&["validate", "consent-store", "--json", &store]);
            let code = expected["code"].as_str().unwrap();
            let paths: Vec<String> = run.json()["problems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["path"].as_str().unwrap().to_owned())
                .collect();
            let want: Vec<String> =
                expected["paths"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
            if run.code != Some(exit_code_of(code)) || run.json()["code"] != code || paths != want {
                failures.push(format!("{name}: {run:?}"));
            }
            for secret in expected["must_not_contain"].as_array().unwrap() {
                let secret = secret.as_str().unwrap();
                if run.stdout.contains(secret) || run.stderr.contains(secret) {
                    failures.push(format!("{name}: the output repeats `{secret}`"));
                }
                let text = wijknet(&["validate", "consent-store", &store]);
                if text.stderr.contains(secret) {
                    failures.push(format!("{name}: the text output repeats `{secret}`"));
                }
            }
            continue;
        }
        let request = scratch_json("request.json", &case["request"]);
        let at = case["at"].as_str().unwrap();
        for trace in [false, true] {
            let mut args = vec!["decide", "--json", "--store", &store, &request, "--at", at];
            if trace {
                args.push("--trace");
            }
            let run = wijknet(&args);
            if run.code != Some(0) {
                failures.push(format!("{name}: {run:?}"));
                continue;
            }
            let answer = run.json();
            if answer["decision"] != case["expected"] {
                failures.push(format!("{name}: decision {}, expected {}", answer["decision"], case["expected"]));
            }
            if let Some(audit) = case.get("expected_audit") {
                if let Err(e) = matches(audit, &answer["audit"], "$.audit") {
                    failures.push(format!("{name}: {e}"));
                }
            }
            if trace != answer.get("trace").is_some() {
                failures.push(format!("{name}: a trace only with --trace"));
            }
            if let (true, Some(want)) = (trace, case.get("expected_trace")) {
                let got: serde_json::Map<String, serde_json::Value> = answer["trace"]["records"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|r| (r["id"].as_str().unwrap_or_default().to_owned(), r["reason"].clone()))
                    .collect();
                if serde_json::Value::Object(got.clone()) != *want {
                    failures.push(format!("{name}: trace reasons {got:?}, expected {want}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn referral_vectors() {
    let all = cases("referral");
    assert!(all.len() >= 7, "found {}", all.len());
    let mut failures = Vec::new();
    for (name, case) in &all {
        let events = scratch_json("events.json", &case["events"]);
        let run = wijknet(&["replay", "--json", &events]);
        let expect = &case["expect"];
        let actual = match expect.get("error") {
            None => {
                let answer = run.json();
                if run.code != Some(0) {
                    failures.push(format!("{name}: {run:?}"));
                    continue;
                }
                json!({ "referrals": answer["referrals"], "monitoring": answer["monitoring"] })
            }
            Some(error) => {
                let code = error["code"].as_str().unwrap();
                if run.code != Some(exit_code_of(code)) {
                    failures.push(format!("{name}: exit {:?}, expected {}", run.code, exit_code_of(code)));
                }
                let e = run.json();
                let mut v = json!({ "code": e["code"] });
                if let Some(i) = e.get("event_index") {
                    v["event_index"] = i.clone();
                }
                if matches!(code, "invalid" | "json" | "schema") {
                    v["paths"] = e["problems"].as_array().unwrap().iter().map(|p| p["path"].clone()).collect();
                }
                json!({ "error": v })
            }
        };
        let mut want = expect.clone();
        want.as_object_mut().unwrap().remove("checks");
        if actual != want {
            failures.push(format!("{name}: {actual}\nexpected {want}"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn what_if_vectors() {
    let all = cases("what_if");
    assert!(all.len() >= 7, "found {}", all.len());
    let mut failures = Vec::new();
    for (name, case) in &all {
        let events = scratch_json("events.json", &case["events"]);
        let registry = document(&case["registry"], "registry.json");
        let max = case.get("max_referrals").map_or("1000".to_owned(), Value::to_string);
        let mut args: Vec<String> =
            ["what-if", "--json", &events, "--registry", &registry, "--max-referrals", &max].map(String::from).into();
        for (key, flag, file) in [
            ("proposed_registry", "--proposed-registry", "proposed-registry.json"),
            ("agreements", "--agreements", "agreements.json"),
            ("proposed_agreements", "--proposed-agreements", "proposed-agreements.json"),
        ] {
            if let Some(v) = case.get(key).filter(|v| !v.is_null()) {
                args.push(flag.to_owned());
                args.push(document(v, file));
            }
        }
        let run = wijknet(&args.iter().map(String::as_str).collect::<Vec<_>>());
        check(name, case, &run, &mut failures);
    }
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn generated_events_for_a_registry_name_only_its_teams() {
    let registry = "examples/data/twente.json";
    let args = [
        "generate",
        "events",
        "--referrals",
        "300",
        "--seed",
        "5",
        "--registry",
        registry,
        "--agreements",
        "examples/data/twente.agreements.json",
    ];
    let run = wijknet(&args);
    assert_eq!(run.code, Some(0), "{run:?}");
    let events = run.json();
    let doc: Value = serde_json::from_slice(&std::fs::read(support::root().join(registry)).unwrap()).unwrap();
    let teams: Vec<&str> = doc["teams"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    let used: Vec<&str> = events["events"].as_array().unwrap().iter().filter_map(|e| e["team"].as_str()).collect();
    assert!(!used.is_empty());
    assert!(used.iter().all(|t| teams.contains(t)));
    // The same seed gives the same text.
    let again = wijknet(&args);
    assert_eq!(run.stdout, again.stdout);
}
