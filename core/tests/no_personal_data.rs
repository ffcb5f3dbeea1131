//! No error of any loader repeats personal data: over more than 10,000 generated inputs — every
//! value of every conformance document replaced in turn by a citizen service number, a date of
//! birth or a client's name, as text and as wrong-typed values — no message, problem path or
//! reason contains the planted value.

use serde_json::Value;
use wijknet::agreements::Agreements;
use wijknet::consent::ConsentStore;
use wijknet::matching::{MatchOptions, MatchRequest};
use wijknet::registry::CapacityUpdate;
use wijknet::{Error, Registry};

const REGION: &str = include_str!("../../tests/vectors/registries/region.json");
const REGION_AGREEMENTS: &str = include_str!("../../tests/vectors/registries/region.agreements.json");
const MATCH_VECTOR: &str = include_str!("../../tests/vectors/matching/010-capacity-update-then-match.json");
const CONSENT_VECTOR: &str = include_str!("../../tests/vectors/consent/04_minor_joint_consent_deny_overrides.json");
const REFERRAL_VECTOR: &str = include_str!("../../tests/vectors/referral/joint_intake.json");

/// The markers: a valid BSN (passes the eleven-test), a date of birth in two spellings, a name.
const MARKERS: [&str; 5] = ["111222333", "20110901", "2011-09-01", "Jantje", "Pietersen"];

fn planted() -> Vec<Value> {
    use serde_json::json;
    vec![
        json!(111222333),
        json!("111222333"),
        json!(20110901),
        json!("2011-09-01T00:00:00Z"),
        json!("2011-09-01"),
        json!("Jantje Pietersen"),
        json!(["Jantje Pietersen", 111222333]),
        json!({"Jantje Pietersen": "111222333"}),
        json!(-111222333.5),
    ]
}

/// Every JSON pointer to a value inside `v` (objects' keys included as the place to insert an
/// unknown key).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(format!("{at}/Jantje Pietersen"));
            for (k, x) in m {
                let key = k.replace('~', "~0").replace('/', "~1");
                out.push(format!("{at}/{key}"));
                pointers(x, format!("{at}/{key}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                out.push(format!("{at}/{i}"));
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointers have a parent");
    let key = key.replace("~1", "/").replace("~0", "~");
    match doc.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.insert(key, value);
        }
        Some(Value::Array(a)) => {
            if let Ok(i) = key.parse::<usize>() {
                a[i] = value;
            }
        }
        _ => {}
    }
}

/// Runs `load` on every variant of `base`; returns how many inputs were tried.
fn sweep(base: &Value, load: &dyn Fn(&[u8]) -> Result<(), Error>) -> usize {
    let mut ptrs = Vec::new();
    pointers(base, String::new(), &mut ptrs);
    let mut tried = 0;
    for p in &ptrs {
        for value in planted() {
            let mut doc = base.clone();
            set(&mut doc, p, value);
            tried += 1;
            if let Err(e) = load(doc.to_string().as_bytes()) {
                let mut text = format!("{e}\n{e:?}");
                for problem in e.problems() {
                    text.push_str(&format!("\n{} {}", problem.path, problem.reason));
                }
                for m in MARKERS {
                    assert!(!text.contains(m), "`{m}` echoed for a value planted at {p}: {text}");
                }
            }
        }
    }
    tried
}

#[test]
fn no_error_repeats_planted_personal_data() {
    let registry = Registry::from_json(REGION.as_bytes()).unwrap();
    let mut tried = 0;
    tried += sweep(&serde_json::from_str(REGION).unwrap(), &|b| Registry::from_json(b).map(drop));
    tried +=
        sweep(&serde_json::from_str(REGION_AGREEMENTS).unwrap(), &|b| Agreements::from_json(b, &registry).map(drop));

    let matching: Value = serde_json::from_str(MATCH_VECTOR).unwrap();
    tried += sweep(&matching["request"], &|b| {
        let request = MatchRequest::from_json(b)?;
        request.validate(&registry)
    });
    tried += sweep(&matching["options"], &|b| MatchOptions::from_json(b).map(drop));
    tried += sweep(&matching["capacity_updates"][0], &|b| {
        let update = CapacityUpdate::from_json(b)?;
        registry.update_capacity(&update).map(drop)
    });

    let consent: Value = serde_json::from_str(CONSENT_VECTOR).unwrap();
    tried += sweep(&consent["store"], &|b| ConsentStore::from_json(b).map(drop));
    tried += sweep(&consent["request"], &|b| wijknet::consent::ConsentRequest::from_json(b).map(drop));
    const BASIC: &str = include_str!("../../tests/vectors/registries/basic.json");
    tried += sweep(&serde_json::from_str(BASIC).unwrap(), &|b| Registry::from_json(b).map(drop));
    // Against the registry that holds team b1 the update reaches the version check too.
    let basic = Registry::from_json(BASIC.as_bytes()).unwrap();
    tried += sweep(&matching["capacity_updates"][0], &|b| {
        let update = CapacityUpdate::from_json(b)?;
        basic.update_capacity(&update).map(drop)
    });

    let referral: Value = serde_json::from_str(REFERRAL_VECTOR).unwrap();
    let events = serde_json::json!({"schema": "wijknet.referral-events/v1", "events": referral["events"]});
    tried += sweep(&events, &|b| wijknet::referral::parse_events(b).map(drop));

    assert!(tried >= 10_000, "only {tried} inputs");
    println!("{tried} planted inputs, no personal data in any error");
}

/// Answers read back (what Python unpickles) are held to the same rule: every value of match
/// results (a candidate through an agreement, exclusions, an accountable contact), of a consent answer
/// (decision, audit record, trace) replaced in turn by the planted values.
#[test]
fn no_answer_read_back_repeats_planted_personal_data() {
    use wijknet::matching::{MatchResult, match_with};
    let registry = Registry::from_json(REGION.as_bytes()).unwrap();
    let agreements = Agreements::from_json(REGION_AGREEMENTS.as_bytes(), &registry).unwrap();
    let options = MatchOptions::from_json(br#"{"now": "2026-11-22T15:00:00Z"}"#).unwrap();
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("JSON text");
    let mut tried = 0;
    // Candidates through an agreement and exclusions; nobody, with an accountable contact.
    let requests: [&[u8]; 2] = [
        br#"{"location": "7511AA", "care_types": ["nursing", "wound_care"]}"#,
        br#"{"location": "7513AB", "care_types": ["child_home_nursing"], "urgency": "acute"}"#,
    ];
    for request in requests {
        let result = match_with(&registry, &agreements, &MatchRequest::from_json(request).unwrap(), &options).unwrap();
        let holds_contact = result.accountable.as_ref().is_some_and(|a| a.contact.is_some());
        assert!(result.candidates.iter().any(|c| !c.via.is_empty()) || holds_contact);
        tried += sweep(&result.to_json_value(), &|b| MatchResult::from_json(&text(b)).map(drop));
    }

    let consent: Value = serde_json::from_str(CONSENT_VECTOR).unwrap();
    let store = ConsentStore::from_json(consent["store"].to_string().as_bytes()).unwrap();
    let req = wijknet::consent::ConsentRequest::from_json(consent["request"].to_string().as_bytes()).unwrap();
    let at = serde_json::from_value(consent["at"].clone()).unwrap();
    let answer = wijknet::api::decide(&store, None, req, at, true).unwrap();
    let answer: Value = serde_json::from_str(&answer.to_json()).unwrap();
    tried += sweep(&answer, &|b| wijknet::api::ConsentAnswer::from_json(&text(b)).map(drop));
    tried += sweep(&answer["decision"], &|b| wijknet::consent::Decision::from_json(&text(b)).map(drop));
    tried += sweep(&answer["trace"], &|b| wijknet::consent::Trace::from_json(&text(b)).map(drop));
    assert!(tried >= 3_000, "only {tried} inputs");
}
