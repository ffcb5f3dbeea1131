//! The consent store document and the consent request as untrusted input (issue 10): strict JSON,
//! every problem at once in document order with `$`-rooted paths, no value of the input in any
//! message, bounded problem text, and lists that cost linear time. Timing belongs in the
//! benchmark (`cargo bench -p wijknet --bench consent`); these tests assert results.

mod consent_reference;

use chrono::{DateTime, TimeZone, Utc};
use consent_reference::reference_decide;
use serde_json::{Value, json};
use wijknet::consent::{ConsentOutcome, ConsentRequest, ConsentStore, DataCategory};
use wijknet::limits::{MAX_PROBLEMS, MAX_RECORD_LIST, MAX_REPRESENTATIVES};

const NAME: &str = "Jantje Pietersen";
const BSN: &str = "111222333";
const BSN_NUMBER: u64 = 111_222_333;
const DOB_NUMBER: u64 = 20_110_901;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

/// A store that uses every field of the schema.
fn full_store() -> Value {
    json!({
        "schema": "wijknet.consent/v1",
        "version": "v1",
        "clients": [
            {"id": "cl-1", "bsn": "111222333", "date_of_birth": "2011-09-01", "can_decide": true,
             "representatives": [{"id": "rep-1", "relation": "parent"}, {"id": "rep-2", "relation": "guardian"}]},
            {"id": "cl-2", "date_of_birth": "1950-01-01", "can_decide": true}
        ],
        "consents": [{
            "id": "c-1", "client": "cl-1", "recorded_by": "org-a", "recorded_at": "2026-01-01T00:00:00Z",
            "given_by": {"client": true, "representatives": ["rep-1"]}, "scope": "direct", "status": "active",
            "period": {"start": "2026-01-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"},
            "provision": {
                "effect": "permit", "actors": ["org-b", "org-c"], "roles": ["gp"], "categories": ["medical"],
                "purposes": ["direct_care"],
                "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"},
                "provisions": [{"effect": "deny", "actors": ["org-c"], "roles": ["gp"],
                                "categories": ["medical"], "purposes": ["direct_care"]}]
            }
        }],
        "objections": [{
            "id": "o-1", "client": "cl-2", "recorded_by": "org-a", "recorded_at": "2026-01-01T00:00:00Z",
            "made_by": {"client": true}, "status": "active",
            "period": {"start": "2026-01-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"},
            "actors": ["org-b"], "roles": ["gp"], "categories": ["medical"], "purposes": ["direct_care"]
        }]
    })
}

/// A request that uses every field.
fn full_request() -> Value {
    json!({
        "client": "cl-1",
        "discloser": {"organisation": "org-a", "role": "home_care_provider"},
        "recipient": {"organisation": "org-b", "role": "gp"},
        "purpose": "direct_care",
        "categories": ["medical", "medication"],
        "channel": "direct",
        "policy": "most_specific_wins",
        "emergency": {"reason": "client_unconscious"},
        "treatment_relationships": ["org-a", "org-b"],
        "agreements": [{"id": "ag-1", "parties": ["org-a", "org-b"], "categories": ["medication"],
                        "purposes": ["direct_care"], "valid_from": "2026-01-01T00:00:00Z",
                        "valid_until": "2027-01-01T00:00:00Z", "active": true}]
    })
}

fn load(v: &Value) -> Result<ConsentStore, wijknet::Error> {
    ConsentStore::from_json(v.to_string().as_bytes())
}

fn request(v: &Value) -> Result<ConsentRequest, wijknet::Error> {
    ConsentRequest::from_json(v.to_string().as_bytes())
}

/// Everything an error can show: its message, its `Debug` and its problems.
fn shown(e: &wijknet::Error) -> String {
    format!("{e} {e:?} {:?}", e.problems())
}

fn paths(e: &wijknet::Error) -> Vec<String> {
    e.problems().into_iter().map(|p| p.path).collect()
}

/// JSON pointers of every leaf (string, number, boolean) of a value.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// JSON pointers of every object and array below the root.
fn containers(v: &Value, at: String, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, x)| (format!("{at}/{k}"), x)).collect(),
        Value::Array(a) => a.iter().enumerate().map(|(i, x)| (format!("{at}/{i}"), x)).collect(),
        _ => return,
    };
    for (p, x) in children {
        if x.is_object() || x.is_array() {
            out.push(p.clone());
            containers(x, p, out);
        }
    }
}

fn planted(base: &Value, pointer: &str, value: Value) -> Value {
    let mut v = base.clone();
    *v.pointer_mut(pointer).unwrap() = value;
    v
}

fn assert_clean(text: &str, what: &str) {
    for secret in [NAME, "Jantje", "Pietersen", BSN, "20110901", "2011-09-01"] {
        assert!(!text.contains(secret), "{what}: `{secret}` shown in {text}");
    }
}

#[test]
fn the_full_documents_are_valid() {
    let store = load(&full_store()).unwrap();
    let req = request(&full_request()).unwrap();
    assert_eq!(store.decide(&req, at()).unwrap().iter().count(), 2);
}

#[test]
fn duplicate_keys_are_refused() {
    let text = full_store().to_string();
    let cases = [
        (text.replacen(r#""version":"v1""#, r#""version":"v1","version":"v2""#, 1), "$", "`version`"),
        (text.replacen(r#""bsn":"111222333""#, r#""bsn":"111222333","bsn":"111222333""#, 1), "$.clients[0]", "`bsn`"),
        (
            text.replacen(r#""effect":"deny""#, r#""effect":"deny","effect":"permit""#, 1),
            "$.consents[0].provision.provisions[0]",
            "`effect`",
        ),
        (text.replacen(r#""client":true"#, r#""client":true,"client":false"#, 1), "$.consents[0].given_by", "`client`"),
    ];
    for (doc, path, field) in cases {
        assert_ne!(doc, text, "the case did not change the document");
        let e = ConsentStore::from_json(doc.as_bytes()).unwrap_err();
        assert_eq!(e.code(), "json", "{e}");
        assert_eq!(paths(&e), [path], "{e}");
        assert_eq!(e.problems()[0].reason, format!("duplicate field {field}"));
    }
    let text = full_request().to_string();
    for (doc, path) in [
        (text.replacen(r#""purpose":"direct_care""#, r#""purpose":"direct_care","purpose":"research""#, 1), "$"),
        (text.replacen(r#""role":"gp""#, r#""role":"gp","role":"insurer""#, 1), "$.recipient"),
        (text.replacen(r#""active":true"#, r#""active":true,"active":false"#, 1), "$.agreements[0]"),
    ] {
        assert_ne!(doc, text);
        let e = ConsentRequest::from_json(doc.as_bytes()).unwrap_err();
        assert_eq!((e.code(), paths(&e)), ("json", vec![path.to_owned()]), "{e}");
        assert!(e.problems()[0].reason.starts_with("duplicate field"), "{e}");
    }
}

#[test]
fn arrays_where_objects_belong_are_refused() {
    // The document as a positional array.
    let e = ConsentStore::from_json(br#"["wijknet.consent/v1","v1",[],[],[]]"#).unwrap_err();
    assert!(matches!(e.code(), "json" | "schema"), "{e}");
    // Any object of the document or the request as an array of its values.
    for (base, is_store) in [(full_store(), true), (full_request(), false)] {
        let mut objects = Vec::new();
        containers(&base, String::new(), &mut objects);
        let mut tried = 0;
        for pointer in objects {
            let Value::Object(m) = base.pointer(&pointer).unwrap() else { continue };
            let positional = Value::Array(m.values().cloned().collect());
            let changed = planted(&base, &pointer, positional);
            let e = if is_store { load(&changed).map(|_| ()) } else { request(&changed).map(|_| ()) }.unwrap_err();
            assert_eq!(e.code(), "json", "{pointer}: {e}");
            assert_eq!(e.problems()[0].reason, "expected an object, found an array", "{pointer}");
            tried += 1;
        }
        assert!(tried >= 4, "{tried}");
    }
    let e = request(&planted(&full_request(), "/discloser", json!(["org-a", "gp"]))).unwrap_err();
    assert_eq!(paths(&e), ["$.discloser"]);
}

#[test]
fn no_planted_value_reaches_any_message() {
    for (base, is_store) in [(full_store(), true), (full_request(), false)] {
        let mut pointers = Vec::new();
        leaves(&base, String::new(), &mut pointers);
        assert!(pointers.len() > 20, "{pointers:?}");
        let try_load = |v: &Value| -> Result<String, wijknet::Error> {
            if is_store {
                // A store that loads may show its ids in `Debug`, but never a BSN or a date of
                // birth.
                let s = load(v)?;
                Ok((0..8).filter_map(|i| s.client(&format!("cl-{i}")).map(|c| format!("{c:?}"))).collect())
            } else {
                request(v).map(|r| format!("{r:?}"))
            }
        };
        for pointer in &pointers {
            let mut planted_any = false;
            // Text in every field: a name, a citizen number; wrong types: the number as a
            // number, a date of birth as a number, a name where a number or flag belongs.
            for value in
                [json!(NAME), json!(BSN), json!(BSN_NUMBER), json!(DOB_NUMBER), json!(NAME.to_owned() + " 111222333")]
            {
                if base.pointer(pointer) == Some(&value) {
                    continue;
                }
                planted_any = true;
                match try_load(&planted(&base, pointer, value.clone())) {
                    Err(e) => assert_clean(&shown(&e), &format!("{pointer} = {value}")),
                    // Only a text field that takes any text (the version label), an id field
                    // given a number-shaped id, or the BSN field given a valid BSN loads.
                    Ok(debug) => {
                        let ok = value == json!(BSN) || pointer == "/version";
                        assert!(ok, "{pointer} = {value} was accepted");
                        if pointer.ends_with("/bsn") || pointer.ends_with("/date_of_birth") || pointer == "/version" {
                            assert_clean(&debug, &format!("Debug with {pointer} = {value}"));
                        }
                    }
                }
            }
            assert!(planted_any);
        }
        // Everything at once.
        let mut all = base.clone();
        for pointer in &pointers {
            *all.pointer_mut(pointer).unwrap() = json!(NAME);
        }
        let e = if is_store { load(&all).map(|_| ()) } else { request(&all).map(|_| ()) }.unwrap_err();
        assert_clean(&shown(&e), "every field a name");
    }
    // Debug of a loaded store (clients, index, records) shows neither the BSN nor the date of
    // birth.
    let store = load(&full_store()).unwrap();
    assert_clean(&format!("{store:?} {:?}", store.to_document()), "store Debug");
}

#[test]
fn names_and_numbers_in_id_fields_of_invalid_records_are_not_shown() {
    // Valid-looking ids that point nowhere are named only when they are short and not a number.
    let mut v = full_store();
    v["consents"][0]["client"] = json!(BSN);
    v["consents"][0]["given_by"]["representatives"] = json!([BSN, BSN]);
    v["objections"][0]["client"] = json!("Jantje_Pietersen");
    v["objections"][0]["actors"] = json!([BSN, BSN]);
    v["clients"][1]["id"] = json!("cl-1");
    v["clients"][0]["representatives"][1]["id"] = json!("rep-1");
    let e = load(&v).unwrap_err();
    let text = shown(&e);
    assert!(!text.contains(BSN) && !text.contains("Pietersen"), "{text}");
    assert_eq!(
        paths(&e),
        [
            "$.clients[0].representatives[1].id",
            "$.clients[1].id",
            "$.consents[0].client",
            "$.consents[0].given_by.representatives[1]",
            "$.objections[0].client",
            "$.objections[0].actors[1]",
        ]
    );
}

#[test]
fn a_consent_request_reports_every_problem_in_field_order() {
    let mut r = full_request();
    r["client"] = json!(NAME);
    r["discloser"] = json!({"organisation": "org a", "role": "dentist"});
    r["recipient"]["role"] = json!("astrologer");
    r["purpose"] = json!("gossip");
    r["categories"] = json!(["medical", "gossip", "medical"]);
    r["channel"] = json!("pigeon");
    r["policy"] = json!("loudest_wins");
    r["emergency"] = json!({"reason": "boredom"});
    r["treatment_relationships"] = json!(["org-a", "org b"]);
    r["agreements"][0]["parties"] = json!(["org-a", ""]);
    r["agreements"][0]["categories"] = json!(["medication", "x"]);
    r["agreements"][0]["valid_from"] = json!("2301-01-01T00:00:00Z");
    r["agreements"][0]["valid_until"] = json!("tomorrow");
    let e = request(&r).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert_eq!(
        paths(&e),
        [
            "$.client",
            "$.discloser.organisation",
            "$.discloser.role",
            "$.recipient.role",
            "$.purpose",
            "$.categories[1]",
            "$.categories[2]",
            "$.channel",
            "$.policy",
            "$.emergency.reason",
            "$.treatment_relationships[1]",
            "$.agreements[0].parties[1]",
            "$.agreements[0].categories[1]",
            "$.agreements[0].valid_from",
            "$.agreements[0].valid_until",
        ]
    );
    assert_clean(&shown(&e), "request");
    // The same through serde (a host's JSON value) and through a JSON value.
    let e2 = ConsentRequest::from_json_value(&r).unwrap_err();
    assert_eq!(paths(&e2), paths(&e));
    let e3 = serde_json::from_value::<ConsentRequest>(r.clone()).unwrap_err().to_string();
    assert!(e3.contains("`$.client`") && e3.contains("and 14 more"), "{e3}");
    assert_clean(&e3, "serde");
    // No category at all.
    let e = request(&planted(&full_request(), "/categories", json!([]))).unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("invalid", vec!["$.categories".to_owned()]));
    // Structural problems stop the read, at their path, without the value.
    let e = request(&planted(&full_request(), "/treatment_relationships/1", json!(BSN_NUMBER))).unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$.treatment_relationships[1]".to_owned()]));
    assert_clean(&shown(&e), "request");
    let e = serde_json::from_str::<ConsentRequest>(&full_request().to_string().replacen("{", r#"{"client":"x","#, 1))
        .unwrap_err()
        .to_string();
    assert!(e.contains("duplicate field `client`"), "{e}");
}

#[test]
fn a_request_round_trips_through_its_json() {
    let r = request(&full_request()).unwrap();
    let text = serde_json::to_string(&r).unwrap();
    assert_eq!(request(&serde_json::from_str(&text).unwrap()).unwrap(), r);
    assert_eq!(serde_json::from_str::<ConsentRequest>(&text).unwrap(), r);
    // Defaults and nulls for the optional fields.
    let mut v = full_request();
    for k in ["channel", "policy", "emergency", "treatment_relationships", "agreements"] {
        v.as_object_mut().unwrap().remove(k);
    }
    let r = request(&v).unwrap();
    assert!(r.emergency.is_none() && r.agreements.is_empty());
    let mut v = full_request();
    v["agreements"][0]["valid_until"] = Value::Null;
    assert!(request(&v).unwrap().agreements[0].valid_until.is_none());
}

#[test]
fn instants_outside_the_supported_years_are_refused_where_they_enter() {
    for (pointer, value) in [
        ("/consents/0/recorded_at", "1899-12-31T23:59:59Z"),
        ("/consents/0/period/start", "2200-01-01T00:00:00Z"),
        ("/consents/0/period/end", "+262142-12-31T23:59:59Z"),
        ("/consents/0/provision/period/end", "9999-12-31T23:59:59Z"),
        ("/objections/0/period/start", "0001-01-01T00:00:00Z"),
        ("/clients/0/date_of_birth", "1899-12-31"),
        ("/clients/1/date_of_birth", "2200-01-01"),
    ] {
        let e = load(&planted(&full_store(), pointer, json!(value))).unwrap_err();
        let path = format!("${}", pointer.replace('/', ".")).replace(".0", "[0]").replace(".1", "[1]");
        assert_eq!((e.code(), paths(&e)), ("invalid", vec![path]), "{pointer}");
        assert!(e.problems()[0].reason.contains("1900 to 2199"), "{e}");
    }
    let store = load(&full_store()).unwrap();
    let req = request(&full_request()).unwrap();
    for at in [
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
        Utc.with_ymd_and_hms(1899, 12, 31, 23, 59, 59).unwrap(),
        Utc.with_ymd_and_hms(2200, 1, 1, 0, 0, 0).unwrap(),
    ] {
        let e = store.decide(&req, at).unwrap_err();
        assert_eq!((e.code(), paths(&e)), ("invalid", vec!["$.at".to_owned()]));
        assert_eq!(store.decide_with_trace(&req, at).unwrap_err(), e);
    }
    for at in
        [Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap(), Utc.with_ymd_and_hms(2199, 12, 31, 23, 0, 0).unwrap()]
    {
        assert!(store.decide(&req, at).is_ok());
    }
}

#[test]
fn a_huge_id_and_thousands_of_invalid_provisions_give_bounded_problem_text() {
    let huge = "x".repeat(4096);
    let grandchildren: Vec<Value> = (0..20).map(|_| json!({"effect": "maybe", "roles": [NAME]})).collect();
    let children: Vec<Value> = (0..250).map(|_| json!({"effect": "maybe", "provisions": grandchildren})).collect();
    let mut v = full_store();
    v["consents"][0]["id"] = json!(huge);
    v["consents"][0]["provision"] = json!({"effect": "permit", "provisions": children});
    let e = load(&v).unwrap_err();
    let problems = e.problems();
    // 1 (the id) + 250 × (1 effect + 20 × (effect + role)) = 10,251 problems: the first 1,000
    // and a count of the rest.
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(problems[0].path, "$.consents[0].id");
    assert_eq!(problems[1].path, "$.consents[0].provision.provisions[0].effect");
    assert_eq!(problems[2].path, "$.consents[0].provision.provisions[0].provisions[0].effect");
    assert_eq!(problems[3].path, "$.consents[0].provision.provisions[0].provisions[0].roles[0]");
    let last = problems.last().unwrap();
    assert_eq!((last.path.as_str(), last.reason.as_str()), ("$", "9251 more problems not listed (the limit is 1000)"));
    let text = shown(&e);
    assert!(!text.contains("xxxxxxxxxxxxxxxxx") && !text.contains("Jantje"), "the id or a name is repeated");
    let bytes: usize = problems.iter().map(|p| p.path.len() + p.reason.len()).sum();
    assert!(bytes < 250_000, "{bytes} bytes of problems");
}

/// A store whose one consent names `n` organisations at its root, and a nested deny that names
/// `m` from offset `from` (so the path's organisations are the intersection).
fn many_actors(n: usize, from: usize, m: usize) -> Value {
    let orgs = |a: usize, b: usize| -> Vec<String> { (a..b).map(|i| format!("org-{i}")).collect() };
    let mut v = full_store();
    v["consents"][0]["provision"] = json!({
        "effect": "permit", "actors": orgs(0, n), "roles": ["gp"],
        "provisions": [{"effect": "deny", "actors": orgs(from, from + m), "categories": ["medication"]}]
    });
    v["objections"][0]["actors"] = json!(orgs(0, n));
    v
}

/// Decides for `recipient` about medical and medication data, and checks the answer against the
/// naive reference.
fn ask(store: &ConsentStore, client: &str, recipient: &str) -> Vec<ConsentOutcome> {
    let mut r = full_request();
    r["client"] = json!(client);
    r["recipient"]["organisation"] = json!(recipient);
    r.as_object_mut().unwrap().remove("emergency");
    r["treatment_relationships"] = json!([]);
    r["agreements"] = json!([]);
    let req = request(&r).unwrap();
    let d = store.decide(&req, at()).unwrap();
    let reference = reference_decide(&store.to_document(), &req, at());
    assert_eq!(Some(&d), reference.as_ref(), "engine and reference differ for {recipient}");
    assert_eq!(store.decide_with_trace(&req, at()).unwrap().0, d);
    [DataCategory::Medical, DataCategory::Medication].iter().map(|c| d.get(*c).unwrap().outcome).collect()
}

#[test]
fn ten_thousand_actors_load_and_decide_in_linear_time() {
    let n = MAX_RECORD_LIST;
    let v = many_actors(n, n / 2, n);
    let store = load(&v).unwrap();
    // In the root's list only: the permit; in both lists: the nested deny for medication; in
    // the nested list only: nothing (a nested provision applies only where its parent does).
    assert_eq!(ask(&store, "cl-1", "org-10"), [ConsentOutcome::Permit, ConsentOutcome::Permit]);
    assert_eq!(ask(&store, "cl-1", "org-7000"), [ConsentOutcome::Permit, ConsentOutcome::Deny]);
    assert_eq!(ask(&store, "cl-1", "org-9999"), [ConsentOutcome::Permit, ConsentOutcome::Deny]);
    assert_eq!(ask(&store, "cl-1", "org-12000"), [ConsentOutcome::NoApplicableConsent; 2]);
    assert_eq!(ask(&store, "cl-1", "org-x"), [ConsentOutcome::NoApplicableConsent; 2]);
    // The objection of cl-2 names every one of them.
    assert_eq!(ask(&store, "cl-2", "org-9000"), [ConsentOutcome::Deny, ConsentOutcome::NoApplicableConsent]);
    assert_eq!(ask(&store, "cl-2", "org-10000"), [ConsentOutcome::NoApplicableConsent; 2]);
    // Over the limit, or one repeated at the end: refused at the list, or at the entry.
    let e = load(&many_actors(n + 1, 0, 1)).unwrap_err();
    assert_eq!(paths(&e), ["$.consents[0].provision.actors", "$.objections[0].actors"]);
    assert_eq!(e.problems()[0].reason, format!("{} entries, more than the limit of {n}", n + 1));
    let mut v = many_actors(n, 0, 1);
    v["objections"][0]["actors"][n - 1] = json!("org-0");
    let e = load(&v).unwrap_err();
    assert_eq!(paths(&e), [format!("$.objections[0].actors[{}]", n - 1)]);
}

#[test]
fn many_nested_provisions_under_a_long_list_share_it() {
    // 255 children under a root of 10,000 organisations: each child inherits the list (a copy
    // per child would be 2.5 million entries), and a decision matches it by binary search.
    let orgs: Vec<String> = (0..MAX_RECORD_LIST).map(|i| format!("org-{i}")).collect();
    let children: Vec<Value> = (0..255).map(|_| json!({"effect": "deny", "categories": ["medication"]})).collect();
    let mut v = full_store();
    v["consents"][0]["provision"] =
        json!({"effect": "permit", "actors": orgs, "roles": ["gp"], "provisions": children});
    let store = load(&v).unwrap();
    assert_eq!(ask(&store, "cl-1", "org-4321"), [ConsentOutcome::Permit, ConsentOutcome::Deny]);
    assert_eq!(ask(&store, "cl-1", "org-b"), [ConsentOutcome::NoApplicableConsent; 2]);
}

#[test]
fn representatives_are_bounded_and_checked_by_set() {
    let reps: Vec<Value> =
        (0..MAX_REPRESENTATIVES).map(|i| json!({"id": format!("rep-{i}"), "relation": "parent"})).collect();
    let names: Vec<String> = (0..MAX_REPRESENTATIVES).rev().map(|i| format!("rep-{i}")).collect();
    let mut v = full_store();
    v["clients"][0]["representatives"] = json!(reps);
    v["consents"][0]["given_by"] = json!({"client": true, "representatives": names});
    let store = load(&v).unwrap();
    assert_eq!(store.client("cl-1").unwrap().representatives.len(), MAX_REPRESENTATIVES);
    assert_eq!(store.to_document().consents[0].given_by.representatives.len(), MAX_REPRESENTATIVES);
    // One more representative: the client's list and a giver list over the limit are refused.
    let mut over = v.clone();
    over["clients"][0]["representatives"].as_array_mut().unwrap().push(json!({"id": "rep-x", "relation": "parent"}));
    over["consents"][0]["given_by"]["representatives"].as_array_mut().unwrap().push(json!("rep-x"));
    let e = load(&over).unwrap_err();
    assert_eq!(paths(&e), ["$.clients[0].representatives", "$.consents[0].given_by.representatives"]);
    // A repeated representative: reported where it stands, and the one it replaced is no
    // longer the client's.
    let mut bad = v.clone();
    bad["clients"][0]["representatives"][99]["id"] = json!("rep-0");
    let e = load(&bad).unwrap_err();
    assert_eq!(paths(&e), ["$.clients[0].representatives[99].id", "$.consents[0].given_by.representatives[0]"]);
    // A giver named twice and one who is not the client's representative.
    let mut bad = v.clone();
    bad["consents"][0]["given_by"]["representatives"][50] = json!("rep-89");
    bad["consents"][0]["given_by"]["representatives"][60] = json!("rep-elsewhere");
    let e = load(&bad).unwrap_err();
    assert_eq!(paths(&e), ["$.consents[0].given_by.representatives[50]", "$.consents[0].given_by.representatives[60]"]);
}

#[test]
fn many_clients_with_many_records_load_in_linear_time() {
    let n = 20_000;
    let clients: Vec<Value> =
        (0..n).map(|i| json!({"id": format!("cl-{i}"), "date_of_birth": "1950-01-01", "can_decide": true})).collect();
    let consents: Vec<Value> = (0..n)
        .map(|i| {
            json!({"id": format!("c-{i}"), "client": format!("cl-{}", n - 1 - i), "recorded_by": "org-a",
                   "recorded_at": "2026-01-01T00:00:00Z", "given_by": {"client": true}, "scope": "direct",
                   "status": "active", "period": {"start": "2026-01-01T00:00:00Z"},
                   "provision": {"effect": "permit", "roles": ["gp"]}})
        })
        .collect();
    let v = json!({"schema": "wijknet.consent/v1", "version": "v", "clients": clients, "consents": consents});
    let store = load(&v).unwrap();
    assert_eq!(store.len(), n);
    assert_eq!(ask(&store, "cl-123", "org-b"), [ConsentOutcome::Permit, ConsentOutcome::Permit]);
}
