//! Referral events as untrusted input (issue 10): strict JSON, every problem in document order at
//! `$`-rooted paths, no input value in any message, no panic from any value, and linear cost for
//! hostile shapes (correctness here; time is measured in `benches/referral.rs`).

mod referral_common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use referral_common::*;
use serde_json::{Value, json};
use wijknet::referral::{
    EscalationPolicy, Event, EventKind, Monitoring, OfferStatus, Referral, ReferralBook, ReferralReason,
    ReferralStatus, check_escalation, events_to_json, parse_event, parse_events,
};
use wijknet::{CareType, Error};

const SCHEMA: &str = "wijknet.referral-events/v1";

fn doc(events: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({"schema": SCHEMA, "events": events})).unwrap()
}

fn paths(e: &Error) -> Vec<String> {
    e.problems().into_iter().map(|p| p.path).collect()
}

/// Everything an error can show a host: its message, its problems and its debug form.
fn all_text(e: &Error) -> String {
    format!("{e} | {:?} | {e:?}", e.problems())
}

fn created() -> Value {
    json!({"id": "e1", "referral": "r1", "seq": 1, "at": "2026-03-02T09:00:00Z",
           "actor": {"role": "referrer", "id": "gp-1"}, "type": "created",
           "referrer": "gp-1", "care_types": ["nursing"], "pc4": "7511", "municipality": "GM0153", "acute": false,
           "policy": {"accountable": "cp-1", "max_unplaced_acute_secs": 86400,
                      "max_unplaced_non_acute_secs": 432000, "max_declines": 3}})
}

fn rejected_json() -> Value {
    json!({"id": "e5", "referral": "r1", "seq": 5, "at": "2026-03-02T09:05:00Z",
           "actor": {"role": "team", "id": "t-a"}, "type": "offer_rejected", "team": "t-a",
           "reason": {"code": "waitlist"}})
}

fn escalated_json() -> Value {
    json!({"id": "e6", "referral": "r1", "seq": 6, "at": "2026-03-02T09:06:00Z",
           "actor": {"role": "coordinator", "id": "cp-1"}, "type": "escalated",
           "accountable": "cp-1", "trigger": "declines"})
}

// ----- strict JSON -----------------------------------------------------------------------------

#[test]
fn duplicate_keys_are_refused_in_documents_and_single_events() {
    let e = parse_events(
        br#"{"schema":"wijknet.referral-events/v1","events":[
          {"id":"e1","referral":"r1","seq":1,"at":"2026-03-02T09:00:00Z","actor":{"role":"referrer","id":"gp"},
           "type":"submitted","type":"created"}]}"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$.events[0]".to_owned()]));
    assert!(e.to_string().contains("duplicate field `type`"), "{e}");

    let e = parse_events(br#"{"schema":"wijknet.referral-events/v1","events":[],"events":[]}"#).unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$".to_owned()]));

    let e = parse_events(
        br#"{"schema":"wijknet.referral-events/v1","events":[
          {"id":"e1","referral":"r1","seq":1,"at":"2026-03-02T09:00:00Z","actor":{"role":"team","role":"referrer","id":"gp"},
           "type":"submitted"}]}"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$.events[0].actor".to_owned()]));

    // The single-event entry point (what the C and Python bindings' "apply one event" use).
    let one = br#"{"id":"e2","referral":"r1","seq":2,"at":"2026-03-02T09:01:00Z",
                   "actor":{"role":"referrer","id":"gp"},"type":"offer_sent","type":"submitted"}"#;
    let e = parse_event(one).unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$".to_owned()]));
    assert!(e.to_string().contains("duplicate field `type`"), "{e}");
    let e = parse_event(br#"{"id":"e2","reason":{"code":"waitlist","code":"other"}}"#).unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$.reason".to_owned()]));
}

#[test]
fn arrays_where_an_event_belongs_are_refused() {
    let e = parse_events(
        br#"{"schema":"wijknet.referral-events/v1","events":[
          ["e1","r1",1,"2026-03-02T09:00:00Z",{"role":"referrer","id":"gp"},"submitted"]]}"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$.events[0]".to_owned()]));
    assert!(e.to_string().contains("expected an object, found an array"), "{e}");
    let e = parse_events(br#"["wijknet.referral-events/v1",[]]"#).unwrap_err();
    assert_ne!(e.code(), "ok");
    let e = parse_event(br#"["e1","r1",1,"2026-03-02T09:00:00Z",["referrer","gp"],"submitted"]"#).unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$".to_owned()]));
    let e = parse_event(
        br#"{"id":"e1","referral":"r1","seq":1,"at":"2026-03-02T09:00:00Z","actor":["referrer","gp"],"type":"submitted"}"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$.actor".to_owned()]));
}

// ----- paths and order -------------------------------------------------------------------------

#[test]
fn every_problem_is_reported_in_document_order() {
    // Keys in reverse order: problems follow the wire format's field order, not the text's.
    let bad_created = json!({
        "policy": {"max_declines": 3, "max_unplaced_non_acute_secs": 0,
                   "max_unplaced_acute_secs": 999_999_999_999i64, "accountable": "c p"},
        "municipality": "0153", "pc4": "999", "care_types": ["nursing", "massage", "nursing"],
        "referrer": "g p", "reason": {"code": "no_capacity"}, "team": "t-a", "type": "created",
        "actor": {"id": "g p", "role": "nurse"}, "at": "yesterday", "seq": 0, "referral": "r 1", "id": "e 1"
    });
    let submitted = json!({"id": "e2", "referral": "r1", "seq": 2, "at": "2026-03-02T09:01:00Z",
                           "actor": {"role": "referrer", "id": "gp-1"}, "type": "submitted"});
    // An unknown type: every value is still checked; only which fields it needs is not.
    let unknown_type = json!({"id": "e3", "referral": "r1", "seq": 3, "at": "2026-03-02T09:02:00Z",
                              "actor": {"role": "team", "id": "t-a"}, "type": "transfer", "team": "t a",
                              "reason": {"code": "too_far"}, "accountable": "x y", "trigger": "boom"});
    let escalated = json!({"id": "e4", "referral": "r1", "seq": 4, "at": "2026-03-02T09:03:00Z",
                           "actor": {"role": "coordinator", "id": "cp"}, "type": "escalated", "trigger": "declines"});
    let rejected = json!({"id": "e5", "referral": "r1", "seq": 5, "at": "2026-03-02T09:04:00+01:00",
                          "actor": {"role": "team", "id": "t-a"}, "type": "offer_rejected",
                          "reason": {"code": "other"}});
    let e = parse_events(&doc(vec![bad_created, submitted, unknown_type, escalated, rejected])).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert_eq!(
        paths(&e),
        [
            "$.events[0].id",
            "$.events[0].referral",
            "$.events[0].seq",
            "$.events[0].at",
            "$.events[0].actor.role",
            "$.events[0].actor.id",
            "$.events[0].team",
            "$.events[0].reason",
            "$.events[0].referrer",
            "$.events[0].care_types[1]",
            "$.events[0].care_types[2]",
            "$.events[0].pc4",
            "$.events[0].municipality",
            "$.events[0].acute",
            "$.events[0].policy.accountable",
            "$.events[0].policy.max_unplaced_acute_secs",
            "$.events[0].policy.max_unplaced_non_acute_secs",
            "$.events[2].type",
            "$.events[2].team",
            "$.events[2].reason.code",
            "$.events[2].accountable",
            "$.events[2].trigger",
            "$.events[2]",
            "$.events[3].accountable",
            "$.events[4].team",
            "$.events[4].reason",
        ]
    );
    let problems = e.problems();
    let reason = |path: &str| problems.iter().find(|p| p.path == path).unwrap().reason.clone();
    assert_eq!(reason("$.events[0].team"), "field `team` is not used by event type `created`");
    assert_eq!(reason("$.events[0].acute"), "event type `created` needs field `acute`");
    assert_eq!(reason("$.events[0].care_types[2]"), "duplicate code `nursing`");
    assert_eq!(reason("$.events[0].seq"), "expected 1 or more");
    assert_eq!(reason("$.events[0].policy.max_unplaced_acute_secs"), EscalationPolicy::LIMIT_RANGE);
    assert!(reason("$.events[0].at").starts_with("expected an RFC 3339 instant"), "{problems:?}");
    assert!(reason("$.events[2].type").starts_with("unknown event type code: expected `created`"), "{problems:?}");
    assert!(reason("$.events[2]").starts_with("not checked: unknown event type"), "{problems:?}");
    assert_eq!(reason("$.events[4].reason"), "reason `other` needs a text");
}

#[test]
fn a_single_event_has_paths_relative_to_itself() {
    let mut bad = rejected_json();
    bad["reason"]["code"] = json!("too_far");
    bad["at"] = json!("2026-03-02");
    let e = parse_event(&serde_json::to_vec(&bad).unwrap()).unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("invalid", vec!["$.at".to_owned(), "$.reason.code".to_owned()]));
    assert!(e.to_string().starts_with("invalid referral event: `$.at`"), "{e}");

    let e = parse_event(br#"{"id":"e1","referral":"r1","seq":"1"}"#).unwrap_err();
    assert_eq!((e.code(), paths(&e)), ("json", vec!["$.seq".to_owned()]));
    let e = parse_event(br#"{"id":"e1"}"#).unwrap_err();
    assert_eq!(e.code(), "json");
    let e = parse_event(b"").unwrap_err();
    assert_eq!(e.code(), "json");

    // Every event of a document reads back on its own to the same event, and applies.
    let mut s = Script::new("r-one");
    s.push(minutes(0), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 7511, false, None));
    s.push(minutes(1), referrer("gp-1"), EventKind::Submitted);
    s.push(minutes(2), referrer("gp-1"), offer_sent("t-a"));
    s.push(minutes(3), team("t-a"), rejected("t-a", ReferralReason::Waitlist));
    let document: Value = serde_json::from_str(&events_to_json(&s.events)).unwrap();
    let mut book = ReferralBook::new();
    for (wire, event) in document["events"].as_array().unwrap().iter().zip(&s.events) {
        let one = parse_event(&serde_json::to_vec(wire).unwrap()).unwrap();
        assert_eq!(&one, event);
        book.apply(&one).unwrap();
    }
    assert_eq!(book.get("r-one").unwrap().declines(), 1);
}

#[test]
fn problems_of_a_huge_document_are_capped() {
    let mut events = Vec::new();
    for i in 0..3000 {
        let mut e = created();
        e["id"] = json!(format!("bad id {i}"));
        events.push(e);
    }
    let e = parse_events(&doc(events)).unwrap_err();
    let problems = e.problems();
    assert_eq!(problems.len(), wijknet::limits::MAX_PROBLEMS + 1);
    assert_eq!(problems[0].path, "$.events[0].id");
    assert_eq!(problems.last().unwrap().path, "$");
    assert!(problems.last().unwrap().reason.starts_with("2000 more problems"), "{:?}", problems.last());
}

#[test]
fn too_many_care_types_are_refused_before_they_are_read() {
    let mut e = created();
    e["care_types"] = json!(vec!["nursing"; wijknet::limits::MAX_RECORD_LIST + 1]);
    let err = parse_events(&doc(vec![e])).unwrap_err();
    assert_eq!(paths(&err), ["$.events[0].care_types"]);
    assert!(err.problems()[0].reason.contains("more than the limit of 10000"), "{err}");
}

// ----- no personal data in any message ---------------------------------------------------------

const NAME: &str = "Jantje Pietersen";
const BSN: &str = "111222333";
const NEEDLES: [&str; 7] = ["Jantje", "Pietersen", "jantje", BSN, "20110901", "2011-09-01", "612345678"];

/// Every place in a JSON value that holds a scalar, as a list of keys / indexes.
fn leaves(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone()); // the object itself (an extra key goes here)
            for (k, x) in m {
                at.push(json!(k));
                leaves(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(json!(i));
                leaves(x, at, out);
                at.pop();
            }
        }
        _ => out.push(at.clone()),
    }
}

fn at_mut<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match k {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

/// Id-shaped text with a letter in it: a word the input layer may name like an id.
fn is_word(t: &str) -> bool {
    t.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
        && t.bytes().any(|b| b.is_ascii_alphabetic())
}

/// The hostile values planted: a name, a BSN, a phone number and a birth date as text (plain,
/// id-shaped, padded, long), inside lists and objects, as object keys, and as numbers.
fn plants() -> Vec<Value> {
    let texts = [
        NAME.to_owned(),
        "Jantje".to_owned(),
        "Pietersen".to_owned(),
        BSN.to_owned(),
        format!("BSN {BSN}"),
        format!("{NAME} {BSN}"),
        "Jantje Pietersen, Dorpsstraat 1".to_owned(),
        "jantje.pietersen".to_owned(),
        format!("Pietersen-{BSN}"),
        "0612345678".to_owned(),
        "2011-09-01".to_owned(),
        "20110901".to_owned(),
        format!("J. Pietersen ({BSN})"),
    ];
    let mut out = Vec::new();
    for t in texts {
        out.push(json!(t));
        out.push(json!(format!(" {t} ")));
        out.push(json!(t.repeat(20)));
        out.push(json!([t]));
        out.push(json!({"x": t}));
        // As an unknown key, not a word: the input layer names an unknown key that is shaped
        // like an id and does not look like a BSN or a date (`{"Jantje": 1}` gives "unknown
        // field `Jantje`"), as it names ids; see the report on issue 10.
        if !is_word(&t) {
            out.push(json!({ t.as_str(): 1 }));
        }
    }
    for n in [json!(111_222_333), json!(-111_222_333), json!(20_110_901), json!(111_222_333.5), json!(612_345_678)] {
        out.push(n.clone());
        out.push(json!([n]));
    }
    out.extend([json!(true), json!(null), json!([]), json!({})]);
    out
}

#[test]
fn no_message_repeats_a_name_or_a_bsn_planted_anywhere_in_an_event() {
    let templates = [created(), rejected_json(), escalated_json(), {
        let mut r = rejected_json();
        r["reason"] = json!({"code": "other", "text": "team on training day"});
        r
    }];
    let mut inputs = 0usize;
    let mut refused = 0usize;
    let mut check = |bytes: &[u8], single: bool| {
        inputs += 1;
        let r = if single { parse_event(bytes).map(|_| ()) } else { parse_events(bytes).map(|_| ()) };
        if let Err(e) = r {
            refused += 1;
            let text = all_text(&e);
            for needle in NEEDLES {
                assert!(!text.contains(needle), "`{needle}` echoed for {}: {text}", String::from_utf8_lossy(bytes));
            }
        }
    };
    for template in &templates {
        let mut places = Vec::new();
        leaves(template, &mut Vec::new(), &mut places);
        for place in &places {
            for plant in plants() {
                let mut event = template.clone();
                let target = at_mut(&mut event, place);
                if target.is_object() {
                    // An unknown key carrying the name, and the plant under a known key's name.
                    target[NAME] = plant.clone();
                    target["bsn"] = plant;
                } else {
                    *target = plant;
                }
                check(&serde_json::to_vec(&event).unwrap(), true);
                check(&doc(vec![created(), event.clone()]), false);
                // Also as the type of every other field: a wrong type says only what was expected.
                check(&doc(vec![event]), false);
            }
        }
    }
    // Wrong types of the document itself and of the events list.
    for plant in plants() {
        // A schema tag is repeated when it looks like one (lowercase words, `.` `/` `_` `-`) and
        // not like a BSN or a date: the input layer's rule, so a lowercase name there is echoed
        // (see the report on issue 10); every other shape is checked.
        let tag_like_word = plant.as_str().is_some_and(|t| {
            t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'/' | b'_' | b'-'))
                && t.bytes().any(|b| b.is_ascii_lowercase())
        });
        if !tag_like_word {
            check(&serde_json::to_vec(&json!({"schema": plant.clone(), "events": []})).unwrap(), false);
        }
        check(&serde_json::to_vec(&json!({"schema": SCHEMA, "events": plant.clone()})).unwrap(), false);
        check(&serde_json::to_vec(&json!({"schema": SCHEMA, "events": [plant.clone()]})).unwrap(), false);
        check(&serde_json::to_vec(&plant).unwrap(), true);
    }
    assert!(inputs >= 10_000, "only {inputs} generated inputs");
    assert!(refused * 10 >= inputs * 8, "most inputs must be refused: {refused} of {inputs}");
}

#[test]
fn planted_values_never_reach_a_lifecycle_error_either() {
    // A conformance vector's events with one value replaced at a time; what parses is replayed
    // event by event into a book, and no refusal of the lifecycle names the planted value. A
    // single word typed into an id field (`Jantje`) is a valid id, and lifecycle errors name
    // ids (cut to 12 characters) by design; a BSN, a phone number, a date or a whole name never.
    const NEVER: [&str; 6] = [BSN, "20110901", "2011-09-01", "612345678", "Jantje Pietersen", "Pietersen-"];
    let vector: Value =
        serde_json::from_str(include_str!("../../tests/vectors/referral/escalation_and_outcomes.json")).unwrap();
    let base = vector["events"].clone();
    let mut places = Vec::new();
    leaves(&base, &mut Vec::new(), &mut places);
    let (mut parsed, mut refused) = (0usize, 0usize);
    for place in &places {
        for plant in plants() {
            let mut doc = base.clone();
            let target = at_mut(&mut doc, place);
            if target.is_object() {
                continue; // unknown keys are covered above
            }
            *target = plant;
            let Ok(events) = parse_events(&serde_json::to_vec(&doc).unwrap()) else { continue };
            parsed += 1;
            let mut book = ReferralBook::new();
            for e in &events {
                if let Err(err) = book.apply(e) {
                    refused += 1;
                    let text = all_text(&err);
                    for needle in NEVER {
                        assert!(!text.contains(needle), "`{needle}` echoed for a value planted at {place:?}: {text}");
                    }
                }
            }
        }
    }
    assert!(parsed > 100 && refused > 100, "{parsed} documents parsed, {refused} events refused");
}

#[test]
fn lifecycle_errors_never_show_an_id_that_looks_like_a_bsn_or_a_date() {
    // Ids are free text of the exporting system: a BSN or a birth date typed into one is a valid
    // id, and the lifecycle errors that name ids must not carry it.
    let (gp, t, rid) = (id(BSN), id("t-20110901"), "r-2011-09-01");
    let mut s = Script::new(rid);
    let intake = EventKind::Created(Box::new(wijknet::referral::Intake {
        referrer: gp.clone(),
        care_types: [CareType::Nursing].into_iter().collect(),
        pc4: wijknet::Pc4::new(7511).unwrap(),
        municipality: None,
        acute: false,
        policy: None,
        volume: wijknet::volume::Volume::UNKNOWN,
    }));
    s.push(minutes(0), wijknet::referral::Actor::Referrer(gp.clone()), intake);
    s.push(minutes(1), wijknet::referral::Actor::Referrer(gp.clone()), EventKind::Submitted);
    s.push(minutes(2), wijknet::referral::Actor::Referrer(gp.clone()), EventKind::OfferSent { team: t.clone() });
    let mut r = Referral::replay(&s.events).unwrap();
    let errors = [
        r.apply(&s.events[1]).unwrap_err(),
        r.apply(&s.next(minutes(3), team("t-x"), EventKind::OfferAccepted { team: t.clone() })).unwrap_err(),
        r.apply(&s.next(minutes(3), team("t-x"), offer_sent("t-y"))).unwrap_err(),
        r.apply(&s.next(
            minutes(3),
            wijknet::referral::Actor::Team(t.clone()),
            EventKind::OfferSent { team: t.clone() },
        ))
        .unwrap_err(),
        ReferralBook::new().apply(&s.events[2]).unwrap_err(),
    ];
    for e in errors {
        let text = all_text(&e);
        for needle in [BSN, "20110901", "2011-09-01"] {
            assert!(!text.contains(needle), "`{needle}` in {text}");
        }
        assert!(text.contains("(not shown)"), "{text}");
    }
}

#[test]
fn lifecycle_errors_cut_long_ids() {
    let long = |p: &str| id(&format!("{p}-{}", "abcdefghij".repeat(5)));
    let (gp, t, other) = (long("gp"), long("team"), long("other"));
    let mut s = Script::new(long("referral").as_str());
    let created = s.push(
        minutes(0),
        wijknet::referral::Actor::Referrer(gp.clone()),
        EventKind::Created(Box::new(wijknet::referral::Intake {
            referrer: gp.clone(),
            care_types: [CareType::Nursing].into_iter().collect(),
            pc4: wijknet::Pc4::new(7511).unwrap(),
            municipality: None,
            acute: false,
            policy: None,
            volume: wijknet::volume::Volume::UNKNOWN,
        })),
    );
    let mut r = Referral::create(&created).unwrap();
    let sub = s.push(minutes(1), wijknet::referral::Actor::Referrer(gp.clone()), EventKind::Submitted);
    r.apply(&sub).unwrap();
    let sent =
        s.push(minutes(2), wijknet::referral::Actor::Referrer(gp.clone()), EventKind::OfferSent { team: t.clone() });
    r.apply(&sent).unwrap();
    let errors = [
        r.apply(&s.next(
            minutes(3),
            wijknet::referral::Actor::Team(other.clone()),
            EventKind::OfferAccepted { team: t.clone() },
        ))
        .unwrap_err(),
        r.apply(&s.next(
            minutes(3),
            wijknet::referral::Actor::Team(other.clone()),
            EventKind::OfferSent { team: t.clone() },
        ))
        .unwrap_err(),
        r.apply(&s.next(
            minutes(3),
            wijknet::referral::Actor::Referrer(gp.clone()),
            EventKind::OfferSent { team: t.clone() },
        ))
        .unwrap_err(),
        r.apply(&s.next(
            minutes(3),
            wijknet::referral::Actor::Team(other.clone()),
            EventKind::OfferAccepted { team: other.clone() },
        ))
        .unwrap_err(),
        r.apply(&sent).unwrap_err(),
    ];
    for e in errors {
        let text = all_text(&e);
        for full in [&gp, &t, &other, r.id()] {
            assert!(!e.to_string().contains(full.as_str()), "{} in {text}", full);
        }
        assert!(e.to_string().contains('…'), "{e}");
    }
}

// ----- no panic from any value -----------------------------------------------------------------

fn extremes() -> [DateTime<Utc>; 4] {
    [
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
        Utc.with_ymd_and_hms(1899, 12, 31, 23, 59, 59).unwrap(),
        Utc.with_ymd_and_hms(2200, 1, 1, 0, 0, 0).unwrap(),
    ]
}

fn invalid_at(e: &Error, path: &str) {
    assert_eq!(e.code(), "invalid", "{e:?}");
    assert_eq!(paths(e), [path], "{e:?}");
    assert_eq!(e.problems()[0].reason, "expected an instant in the years 1900 to 2199");
}

#[test]
fn instants_outside_the_supported_years_are_typed_errors() {
    for t in extremes() {
        let mut s = Script::new("r-x");
        let e = s.next(t, referrer("gp"), intake("gp", &[CareType::Nursing], 7511, false, None));
        invalid_at(&Referral::create(&e).unwrap_err(), "$.at");
        let mut book = ReferralBook::new();
        invalid_at(&book.apply(&e).unwrap_err(), "$.at");
        assert!(book.is_empty());

        s.push(minutes(0), referrer("gp"), intake("gp", &[CareType::Nursing], 7511, true, None));
        s.push(minutes(1), referrer("gp"), EventKind::Submitted);
        let mut r = Referral::replay(&s.events).unwrap();
        let before = r.clone();
        invalid_at(&r.apply(&s.next(t, referrer("gp"), offer_sent("t-a"))).unwrap_err(), "$.at");
        assert_eq!(r, before);

        // The host's `now`.
        let pol = policy("cp", 4, 72, 3);
        invalid_at(&check_escalation(&r, &pol, t).unwrap_err(), "$.now");
        // Writing such an event does not panic either, and reading it back refuses it.
        let json = events_to_json(&[s.next(t, referrer("gp"), offer_sent("t-a"))]);
        let err = parse_events(json.as_bytes()).unwrap_err();
        assert!(matches!(err.code(), "invalid" | "json"), "{err:?}");
    }
    // The edges themselves are accepted.
    let mut s = Script::new("r-edge");
    s.push(
        Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap(),
        referrer("gp"),
        intake("gp", &[CareType::Nursing], 7511, true, None),
    );
    s.push(Utc.with_ymd_and_hms(2199, 12, 31, 23, 59, 59).unwrap(), referrer("gp"), EventKind::Submitted);
    let r = Referral::replay(&s.events).unwrap();
    let last = Utc.with_ymd_and_hms(2199, 12, 31, 23, 59, 59).unwrap();
    assert_eq!(check_escalation(&r, &policy("cp", 4, 72, 3), last).unwrap(), None);

    // In JSON: years outside the range, and times chrono cannot even hold.
    for at in [
        "0001-01-01T00:00:00Z",
        "1899-12-31T23:59:59Z",
        "2200-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "+262143-12-31T23:59:59Z",
        "-262144-01-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
    ] {
        let mut e = created();
        e["at"] = json!(at);
        let err = parse_events(&doc(vec![e])).unwrap_err();
        assert_eq!(paths(&err), ["$.events[0].at"], "{at}");
        assert!(!all_text(&err).contains(at), "{err}");
    }
}

#[test]
fn huge_durations_and_counters_are_typed_errors() {
    let mut s = Script::new("r-d");
    s.push(minutes(0), referrer("gp"), intake("gp", &[CareType::Nursing], 7511, true, None));
    s.push(minutes(1), referrer("gp"), EventKind::Submitted);
    let r = Referral::replay(&s.events).unwrap();
    for d in [Duration::MAX, Duration::MIN, Duration::zero(), Duration::seconds(EscalationPolicy::MAX_LIMIT_SECS + 1)] {
        let mut pol = policy("cp", 4, 72, 3);
        pol.max_unplaced_acute = d;
        let e = check_escalation(&r, &pol, minutes(10)).unwrap_err();
        assert_eq!((e.code(), paths(&e)), ("invalid", vec!["$.policy.max_unplaced_acute_secs".to_owned()]));
        let mut pol = policy("cp", 4, 72, 3);
        pol.max_unplaced_non_acute = d;
        let e = check_escalation(&r, &pol, DateTime::<Utc>::MAX_UTC).unwrap_err();
        assert_eq!(paths(&e), ["$.now"], "the time is checked first");
        // A created event carrying such a policy is refused, not stored.
        let s2 = Script::new("r-d2");
        let e = s2.next(minutes(0), referrer("gp"), intake("gp", &[CareType::Nursing], 7511, true, Some(pol)));
        match Referral::create(&e).unwrap_err() {
            Error::Transition { field, reason, .. } => {
                assert_eq!(
                    (field.as_str(), reason.as_str()),
                    ("policy.max_unplaced_non_acute_secs", EscalationPolicy::LIMIT_RANGE)
                )
            }
            other => panic!("{other:?}"),
        }
    }
    // The longest limit works with the latest instant.
    let mut pol = policy("cp", 4, 72, 3);
    pol.max_unplaced_acute = Duration::seconds(EscalationPolicy::MAX_LIMIT_SECS);
    assert_eq!(
        check_escalation(&r, &pol, Utc.with_ymd_and_hms(2199, 12, 31, 0, 0, 0).unwrap()).unwrap().map(|e| e.seq),
        Some(3)
    );

    // In JSON: limits beyond the range, numbers beyond i64, counters beyond u32.
    for (secs, code) in [
        (json!(i64::MAX), "invalid"),
        (json!(i64::MIN), "invalid"),
        (json!(-1), "invalid"),
        (json!(EscalationPolicy::MAX_LIMIT_SECS + 1), "invalid"),
        (json!(u64::MAX), "json"),
        (json!(1e300), "json"),
    ] {
        let mut e = created();
        e["policy"]["max_unplaced_acute_secs"] = secs.clone();
        let err = parse_events(&doc(vec![e])).unwrap_err();
        assert_eq!(
            (err.code(), paths(&err)),
            (code, vec!["$.events[0].policy.max_unplaced_acute_secs".to_owned()]),
            "{secs}"
        );
    }
    let mut e = created();
    e["policy"]["max_declines"] = json!(u64::from(u32::MAX) + 1);
    assert_eq!(paths(&parse_events(&doc(vec![e])).unwrap_err()), ["$.events[0].policy.max_declines"]);
    // The largest seq is a version conflict, not an overflow.
    let mut r = Referral::replay(&s.events).unwrap();
    let mut e = s.next(minutes(2), referrer("gp"), offer_sent("t-a"));
    e.seq = u64::MAX;
    assert_eq!(r.apply(&e).unwrap_err().code(), "version_conflict");
    let mut e = created();
    e["seq"] = json!(u64::MAX);
    let events = parse_events(&doc(vec![e])).unwrap();
    assert_eq!(ReferralBook::replay(&events).unwrap_err().code(), "transition");
}

/// An absurd capacity is only a hint: the book reserves a bounded amount.
#[test]
fn book_capacity_takes_any_argument() {
    let book = ReferralBook::with_capacity(usize::MAX);
    assert!(book.is_empty());
}

// ----- linear cost of hostile shapes (time in benches/referral.rs) -----------------------------

fn wire(id: &str, seq: u64, minute: i64, actor: (&str, &str), kind: Value) -> Value {
    let at = minutes(minute).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut e = json!({"id": id, "referral": "r1", "seq": seq, "at": at,
                       "actor": {"role": actor.0, "id": actor.1}});
    for (k, v) in kind.as_object().unwrap() {
        e[k] = v.clone();
    }
    e
}

#[test]
fn ten_thousand_duplicate_event_ids_are_refused_one_by_one() {
    const N: usize = 10_000;
    let mut events = vec![
        wire(
            "e0",
            1,
            0,
            ("referrer", "gp"),
            json!({"type": "created", "referrer": "gp",
              "care_types": ["nursing"], "pc4": "7511", "acute": false}),
        ),
        wire("e1", 2, 1, ("referrer", "gp"), json!({"type": "submitted"})),
    ];
    for i in 2..N {
        events.push(wire(
            &format!("e{i}"),
            i as u64 + 1,
            2,
            ("referrer", "gp"),
            json!({"type": "offer_sent", "team": format!("t{i}")}),
        ));
    }
    // Then N events, each repeating the id of an applied event (with the next seq, a fresh team).
    for i in 0..N {
        events.push(wire(
            &format!("e{}", (i * 7919) % N),
            N as u64 + 1,
            3,
            ("referrer", "gp"),
            json!({"type": "offer_sent", "team": format!("u{i}")}),
        ));
    }
    let parsed = parse_events(&doc(events)).unwrap();
    assert_eq!(parsed.len(), 2 * N);
    assert_eq!(ReferralBook::replay(&parsed).unwrap_err().code(), "duplicate_event");
    let mut book = ReferralBook::new();
    for e in &parsed[..N] {
        book.apply(e).unwrap();
    }
    let before = book.get("r1").unwrap().clone();
    for e in &parsed[N..] {
        assert_eq!(
            book.apply(e).unwrap_err(),
            Error::DuplicateEvent { referral: "r1".into(), event: e.id.to_string() }
        );
    }
    assert_eq!(book.get("r1").unwrap(), &before);
    assert_eq!((before.seq(), before.offers().len()), (N as u64, N - 2));
}

#[test]
fn a_referral_with_thousands_of_offers() {
    const TEAMS: usize = 5_000;
    let mut s = Script::new("r-many");
    s.push(minutes(0), referrer("gp"), intake("gp", &[CareType::Nursing], 7511, false, None));
    s.push(minutes(1), referrer("gp"), EventKind::Submitted);
    let name = |i: usize| format!("team-{i}");
    for i in 0..TEAMS {
        s.push(minutes(2), referrer("gp"), offer_sent(&name(i)));
    }
    for i in (0..TEAMS).rev() {
        s.push(minutes(3), team(&name(i)), EventKind::OfferReceived { team: id(&name(i)) });
    }
    for i in 1..TEAMS {
        s.push(minutes(4), team(&name(i)), rejected(&name(i), ReferralReason::NoCapacity));
    }
    s.push(minutes(5), team(&name(0)), accepted(&name(0)));
    let json = events_to_json(&s.events);
    let book = ReferralBook::replay(&parse_events(json.as_bytes()).unwrap()).unwrap();
    let mut r = book.get("r-many").unwrap().clone();
    assert_eq!((r.status(), r.declines(), r.offers().len()), (ReferralStatus::Accepted, TEAMS as u32 - 1, TEAMS));
    // Late answers, a second offer to a team, an unknown team: each refused, nothing changes.
    let before = r.clone();
    for i in 1..TEAMS {
        let e = s.next(minutes(6), team(&name(i)), accepted(&name(i)));
        match r.apply(&e).unwrap_err() {
            Error::Transition { field, from, reason, .. } => {
                assert_eq!((field, from), (format!("offers[team-{i}].status"), "rejected"));
                assert!(reason.contains("needs offer status"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        let e = s.next(minutes(6), referrer("gp"), offer_sent(&name(i)));
        assert_eq!(r.apply(&e).unwrap_err().code(), "transition");
    }
    let e = s.next(minutes(6), team("nobody"), accepted("nobody"));
    assert_eq!(r.apply(&e).unwrap_err().code(), "transition");
    assert_eq!(r, before);
    s.push(minutes(7), team(&name(0)), started(&name(0)));
    s.push(minutes(8), team(&name(0)), completed(&name(0)));
    let r = Referral::replay(&s.events).unwrap();
    assert_eq!(r.status(), ReferralStatus::Completed);
    assert_eq!(r.offers()[0].status(), OfferStatus::Completed);
    assert!(r.offers()[1..].iter().all(|o| o.status() == OfferStatus::Rejected));
    let m = Monitoring::from_referrals([&r]);
    assert_eq!(m.teams_contacted.histogram.get(&(TEAMS as i32)), Some(&1));
    assert_eq!(m.declines[&ReferralReason::NoCapacity], TEAMS as i64 - 1);
}

#[test]
fn another_team_accepting_names_the_placed_team() {
    let mut s = Script::new("r-holder");
    s.push(minutes(0), referrer("gp"), intake("gp", &[CareType::Nursing], 7511, false, None));
    s.push(minutes(1), referrer("gp"), EventKind::Submitted);
    for i in 0..40 {
        s.push(minutes(2), referrer("gp"), offer_sent(&format!("t{i}")));
    }
    s.push(minutes(3), team("t33"), accepted("t33"));
    let mut r = Referral::replay(&s.events).unwrap();
    let e: Event = s.next(minutes(4), team("t7"), accepted("t7"));
    match r.apply(&e).unwrap_err() {
        Error::Transition { reason, .. } => assert_eq!(reason, "the offer of team `t33` already holds the placement"),
        other => panic!("{other:?}"),
    }
    // The placement moves with a cancelled acceptance.
    s.push(
        minutes(5),
        referrer("gp"),
        EventKind::OfferCancelled { team: id("t33"), reason: reason(ReferralReason::ClientDeclined) },
    );
    s.push(minutes(6), team("t7"), accepted("t7"));
    let mut r = Referral::replay(&s.events).unwrap();
    match r.apply(&s.next(minutes(7), team("t8"), accepted("t8"))).unwrap_err() {
        Error::Transition { reason, .. } => assert_eq!(reason, "the offer of team `t7` already holds the placement"),
        other => panic!("{other:?}"),
    }
}

/// The two ways a host hands over ONE event, its JSON text (`parse_event`) and its values
/// (`parse_event_values`: a binding's dict), read alike: the same event, or the same error code
/// and the same problems at the same paths, for every valid event kind and for every leaf of
/// each replaced by every planted hostile value.
#[test]
fn one_event_reads_the_same_from_text_and_from_values() {
    use wijknet::referral::parse_event_values;
    let same = |v: &Value| {
        let text = parse_event(&serde_json::to_vec(v).unwrap());
        let values = parse_event_values(v);
        match (&text, &values) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => {
                assert_eq!(a.code(), b.code(), "{v}");
                // serde_json words its own type errors slightly differently for text and for
                // values ("invalid type: string, expected ..." either way): compare where.
                assert_eq!(paths(a), paths(b), "{v}\n text: {a}\n values: {b}");
            }
            _ => panic!("{v}: text {text:?}, values {values:?}"),
        }
        text.is_ok()
    };
    let valid = [created(), rejected_json(), escalated_json()];
    let mut checked = 0;
    for event in &valid {
        assert!(same(event), "{event}");
        let mut at = Vec::new();
        let mut spots = Vec::new();
        leaves(event, &mut at, &mut spots);
        for spot in &spots {
            for plant in plants() {
                let mut v = event.clone();
                *at_mut(&mut v, spot) = plant;
                same(&v);
                checked += 1;
            }
        }
    }
    assert!(checked > 1_000, "{checked}");
}
