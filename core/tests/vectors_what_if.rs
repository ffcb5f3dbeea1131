//! Runs every what-if conformance vector in `tests/vectors/what_if/`.

mod support;

use serde_json::Value;
use support::vectors::{cases, matches, root};
use wijknet::Registry;
use wijknet::agreements::Agreements;
use wijknet::referral::{ReferralBook, parse_events};
use wijknet::what_if::{DEFAULT_MAX_REFERRALS, Scenario, WhatIfOptions, what_if};

fn document(v: &Value) -> Vec<u8> {
    match v {
        Value::String(path) => std::fs::read(root().join(path)).unwrap(),
        inline => inline.to_string().into_bytes(),
    }
}

fn agreements(v: Option<&Value>, registry: &Registry) -> Option<Agreements> {
    v.filter(|v| !v.is_null()).map(|v| Agreements::from_json(&document(v), registry).expect("agreements load"))
}

fn run(case: &Value) -> Value {
    let registry = Registry::from_json(&document(&case["registry"])).unwrap();
    let proposed_registry = case.get("proposed_registry").map(|r| Registry::from_json(&document(r)).unwrap());
    let proposed_reg = proposed_registry.as_ref().unwrap_or(&registry);
    let baseline = agreements(case.get("agreements"), &registry);
    let proposed = agreements(case.get("proposed_agreements"), proposed_reg);
    let book = ReferralBook::replay(&parse_events(&document(&case["events"])).unwrap()).unwrap();
    let max = case.get("max_referrals").and_then(Value::as_u64).map_or(DEFAULT_MAX_REFERRALS, |m| m as usize);
    let result = what_if(
        &book,
        Scenario { registry: &registry, agreements: baseline.as_ref() },
        Scenario { registry: proposed_reg, agreements: proposed.as_ref() },
        &WhatIfOptions { max_referrals: max },
    )
    .unwrap();
    // What `to_json` writes reads back as the same result (Python pickles it this way).
    let back = wijknet::what_if::WhatIf::from_json(&result.to_json()).expect("reads back");
    assert_eq!(back, result);
    result.to_json_value()
}

#[test]
fn what_if_vectors() {
    let all = cases("what_if");
    assert!(all.len() >= 7, "found {}", all.len());
    let mut failures = Vec::new();
    for (name, case) in &all {
        if let Err(msg) = matches(&case["expected"], &run(case), "$") {
            failures.push(format!("{name}: {msg}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}

#[test]
fn a_result_read_back_is_checked() {
    use wijknet::what_if::WhatIf;
    let case = &cases("what_if")[0].1;
    let json: Value = run(case);
    let mut wrong = json.clone();
    wrong["schema"] = "wijknet.what-if/v0".into();
    let e = WhatIf::from_json(&wrong.to_string()).unwrap_err().to_string();
    assert!(e.contains("$.schema") && e.contains("wijknet.what-if/v1"), "{e}");
    let mut wrong = json.clone();
    wrong["total"]["referrals"] = "many".into();
    let e = WhatIf::from_json(&wrong.to_string()).unwrap_err().to_string();
    assert!(e.contains("a what-if result") && !e.contains("many"), "{e}");
    assert!(WhatIf::from_json("{").is_err());
}

#[test]
fn the_document_is_deterministic_and_typed_like_its_json() {
    for (_, case) in cases("what_if") {
        let a = run(&case);
        assert_eq!(a, run(&case));
        assert_eq!(a["schema"], "wijknet.what-if/v1");
    }
}
