//! Runs every agreements conformance vector in `tests/vectors/agreements/`.

mod support;

use chrono::NaiveTime;
use serde_json::{Value, json};
use support::vectors::{cases, error_json, matches, root};
use wijknet::agreements::Agreements;
use wijknet::local_time::{self, Occurrence};
use wijknet::matching::{MatchOptions, MatchOptionsDoc, MatchRequest, match_with};
use wijknet::{CareType, Location, Registry};

fn document(v: &Value) -> Vec<u8> {
    match v {
        Value::String(path) => std::fs::read(root().join(path)).unwrap(),
        inline => inline.to_string().into_bytes(),
    }
}

fn run(case: &Value) -> Result<Value, wijknet::Error> {
    let registry = Registry::from_json(&document(&case["registry"]))?;
    let agreements = Agreements::from_json(&document(&case["agreements"]), &registry)?;
    let input = &case["input"];
    let text = |k: &str| input[k].as_str().unwrap_or_else(|| panic!("input.{k}")).to_owned();
    Ok(match case["operation"].as_str().unwrap() {
        "load" => json!({}),
        "match" => {
            let request = MatchRequest::from_json(input["request"].to_string().as_bytes())?;
            let options: MatchOptionsDoc = serde_json::from_value(input["options"].clone()).unwrap();
            let result = match_with(&registry, &agreements, &request, &MatchOptions::from_doc(&options)?)?;
            // A result with candidates through agreements (`via`) reads back as itself too.
            let text = result.to_json();
            let back = wijknet::matching::MatchResult::from_json(&text).expect("a result reads back");
            assert_eq!((back.to_json(), &back), (text, &result));
            result.to_json_value()
        }
        "on_call" => {
            let at = match input.get("at_local") {
                None => text("at").parse().unwrap(),
                Some(local) => {
                    let occurrence =
                        local.get("occurrence").map(|o| Occurrence::from_code(o.as_str().unwrap()).unwrap());
                    let time = NaiveTime::parse_from_str(local["time"].as_str().unwrap(), "%H:%M").unwrap();
                    local_time::instant(local["date"].as_str().unwrap().parse().unwrap(), time, occurrence)?
                }
            };
            let answer = agreements.on_call(&registry, Location::parse(&text("location")).unwrap(), at).unwrap();
            // Every answer, and each of its duties alone, reads back as itself.
            let back = wijknet::agreements::OnCall::from_json(&answer.to_json()).expect("an answer reads back");
            assert_eq!(back, answer);
            for duty in &answer.duties {
                assert_eq!(&wijknet::agreements::Duty::from_json(&duty.to_json()).unwrap(), duty);
            }
            answer.to_json_value()
        }
        "check" => {
            let findings = agreements
                .check(&registry, text("today").parse().unwrap(), input["horizon_days"].as_u64().unwrap() as u32)
                .unwrap();
            for finding in &findings {
                assert_eq!(&wijknet::agreements::Finding::from_json(&finding.to_json()).unwrap(), finding);
            }
            json!({ "findings": findings })
        }
        "may_assess" => {
            let care = CareType::from_code(&text("care_type")).unwrap();
            let check = agreements.may_assess(&text("provider"), care, text("date").parse().unwrap()).unwrap();
            assert_eq!(wijknet::agreements::MandateCheck::from_json(&check.to_json()).unwrap(), check);
            serde_json::to_value(check).unwrap()
        }
        other => panic!("unknown operation {other}"),
    })
}

#[test]
fn agreement_vectors() {
    let all = cases("agreements");
    assert!(all.len() >= 8, "found {}", all.len());
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
