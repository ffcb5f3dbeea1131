//! Hostile shapes of the registry, capacity update, match request and options, and agreements:
//! each gives the right error (or loads), with bounded output, no echoed value and no panic.
//! Their cost against input size is measured by the hostile benchmark, not asserted here.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};
use wijknet::agreements::Agreements;
use wijknet::limits::{MAX_PROBLEMS, MAX_RECORD_LIST};
use wijknet::matching::{MatchOptions, MatchRequest, match_request};
use wijknet::registry::CapacityUpdate;
use wijknet::{CareType, Error, Location, Registry};

const REGION: &str = include_str!("../../tests/vectors/registries/region.json");
const REGION_AGREEMENTS: &str = include_str!("../../tests/vectors/registries/region.agreements.json");

fn region() -> Value {
    serde_json::from_str(REGION).unwrap()
}

fn load(doc: &Value) -> Result<Registry, Error> {
    Registry::from_json(doc.to_string().as_bytes())
}

/// Everything an error can say: its message and its problems.
fn all_text(e: &Error) -> String {
    let mut s = e.to_string();
    for p in e.problems() {
        s.push('\n');
        s.push_str(&p.path);
        s.push(' ');
        s.push_str(&p.reason);
    }
    s
}

fn assert_no_echo(e: &Error, planted: &[&str]) {
    let text = all_text(e);
    for p in planted {
        assert!(!text.contains(p), "`{p}` echoed in: {text}");
    }
}

fn team(id: &str, area: Value) -> Value {
    json!({"id": id, "organisation": "p1", "name": "Team", "area": area,
           "care_types": ["nursing"], "max_nurse_level": "level_4", "times_of_day": ["day"],
           "capacity": {"status": "accepting", "updated_at": "2026-11-20T08:00:00Z"}})
}

#[test]
fn a_repeated_whole_country_range_is_one_bounded_set() {
    let mut doc = region();
    let ranges = vec![json!(["1000", "9999"]); MAX_RECORD_LIST];
    doc["teams"].as_array_mut().unwrap().push(team("everywhere", json!({"pc4_ranges": ranges})));
    let r = load(&doc).unwrap();
    let t = r.team("everywhere").unwrap();
    assert_eq!(t.area.covered_pc4().len(), 9000);
    assert!(r.teams_touching("1234".parse().unwrap()).contains(&(r.teams().len() as u32 - 1)));

    // one entry more than the limit is refused, and the list is not worked through
    let mut doc = region();
    let ranges = vec![json!(["1000", "9999"]); MAX_RECORD_LIST + 1];
    doc["teams"].as_array_mut().unwrap().push(team("everywhere", json!({"pc4_ranges": ranges})));
    let e = load(&doc).unwrap_err();
    assert_eq!(e.code(), "invalid");
    let p = &e.problems()[0];
    assert_eq!(p.path, "$.teams[9].area.pc4_ranges");
    assert_eq!(p.reason, format!("{} entries, more than the limit of {MAX_RECORD_LIST}", MAX_RECORD_LIST + 1));
}

#[test]
fn a_municipality_named_many_times_is_expanded_once() {
    let mut doc = region();
    let muni = doc["municipalities"][0]["code"].clone();
    let list = vec![muni; 5000];
    doc["teams"].as_array_mut().unwrap().push(team("whole-town", json!({"municipalities": list})));
    let r = load(&doc).unwrap();
    let n = doc["municipalities"][0]["pc4"].as_array().unwrap().len();
    assert_eq!(r.team("whole-town").unwrap().area.covered_pc4().len(), n);
}

#[test]
fn too_many_teams_covering_the_country_are_refused_not_indexed() {
    let mut doc = region();
    let teams = doc["teams"].as_array_mut().unwrap();
    for i in 0..10_000 {
        teams.push(team(&format!("t{i}"), json!({"pc4_ranges": [["1000", "9999"]]})));
    }
    let e = load(&doc).unwrap_err();
    assert_eq!(e.code(), "invalid");
    let last = e.problems().into_iter().find(|p| p.reason.contains("(team, PC4) pairs")).expect("coverage limit");
    assert!(last.path.starts_with("$.teams["), "{}", last.path);
    assert!(e.problems().len() <= MAX_PROBLEMS + 1);
}

#[test]
fn problems_are_bounded_and_counted() {
    let mut doc = region();
    let pc4: Vec<Value> = (0..MAX_RECORD_LIST).map(|_| json!("nope")).collect();
    doc["teams"][0]["area"]["pc4"] = Value::Array(pc4);
    let e = load(&doc).unwrap_err();
    let problems = e.problems();
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    let last = problems.last().unwrap();
    assert_eq!(last.path, "$");
    assert!(last.reason.starts_with(&format!("{} more problems not listed", MAX_RECORD_LIST - MAX_PROBLEMS)));
    assert!(all_text(&e).len() < 200 * (MAX_PROBLEMS + 1), "problem text stays proportional to the cap");
}

#[test]
fn wrong_types_and_names_are_never_echoed() {
    let planted = ["111222333", "20110901", "Jantje", "Pietersen"];
    let cases: Vec<(&str, Value)> = vec![
        ("/organisations/1/name", json!(111222333)),
        ("/organisations/1/agb", json!(20110901)),
        ("/organisations/1/id", json!("Jantje Pietersen")),
        ("/organisations/1/kind", json!("Jantje Pietersen")),
        ("/organisations/1/contracted_insurers/0", json!("Jantje Pietersen")),
        ("/teams/0/organisation", json!("Jantje Pietersen")),
        ("/teams/0/care_types/0", json!("Jantje Pietersen")),
        ("/teams/0/area/pc4_ranges/0/0", json!("Jantje Pietersen")),
        ("/teams/0/area/pc4_ranges/0", json!({"Jantje": 1})),
        ("/teams/0/area", json!({"pc6_include": ["Jantje Pietersen"]})),
        ("/teams/0/area", json!({"municipalities": ["Jantje Pietersen"]})),
        ("/teams/0/area", json!({"pc4": [111222333]})),
        ("/teams/0/capacity/updated_at", json!("Jantje Pietersen")),
        (
            "/teams/0/capacity",
            json!({"status": "accepting", "updated_at": "2026-11-20T08:00:00Z", "earliest_start": 20110901}),
        ),
        (
            "/teams/0/capacity",
            json!({"status": "accepting", "updated_at": "2026-11-20T08:00:00Z", "earliest_start": "20110901"}),
        ),
        (
            "/teams/0/capacity",
            json!({"status": "accepting", "updated_at": "2026-11-20T08:00:00Z", "version": "Jantje"}),
        ),
        (
            "/teams/0/capacity",
            json!({"status": "accepting", "updated_at": "2026-11-20T08:00:00Z", "free_places": {"Jantje Pietersen": 1}}),
        ),
        (
            "/teams/0/capacity",
            json!({"status": "accepting", "updated_at": "2026-11-20T08:00:00Z", "free_places": {"Jantje": 1}}),
        ),
        (
            "/teams/0/capacity",
            json!({"status": "accepting", "updated_at": "2026-11-20T08:00:00Z", "free_places": {"nursing": -111222333}}),
        ),
        ("/teams/0/max_nurse_level", json!(111222333)),
        ("/version", json!(-111222333)),
        ("/schema", json!("Jantje Pietersen")),
    ];
    for (pointer, value) in cases {
        let mut doc = region();
        *doc.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        let e = load(&doc).unwrap_err();
        assert_no_echo(&e, &planted);
    }
}

#[test]
fn duplicate_keys_and_positional_documents_are_refused() {
    let text = REGION.replacen("\"status\":", "\"status\": \"full\", \"status\":", 1);
    let e = Registry::from_json(text.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "json");
    assert!(e.to_string().contains("duplicate field `status`"), "{e}");
    let e = Registry::from_json(br#"["wijknet.registry/v1",1,[],[],[],[]]"#).unwrap_err();
    assert_ne!(e.code(), "ok");
    let e = CapacityUpdate::from_json(
        br#"{"team":"p1-day","expected_version":1,"status":"accepting","free_places":{"nursing":5,"nursing":0},"updated_at":"2026-11-20T08:00:00Z"}"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("json", "$.free_places"));
}

#[test]
fn problems_come_in_document_order() {
    let mut doc = region();
    doc["organisations"][2]["kind"] = json!("bakery");
    doc["organisations"][1]["agb"] = json!("12");
    doc["teams"][1]["id"] = doc["teams"][0]["id"].clone();
    doc["teams"][1]["organisation"] = json!("ghost");
    doc["teams"][0]["capacity"]["updated_at"] = json!("soon");
    doc["teams"][0]["area"]["pc4"] = json!(["75"]);
    doc["teams"][0]["care_types"] = json!(["massage"]);
    doc["teams"][3]["contacts"] = json!([{"name": "", "role": "x"}]);
    doc["municipalities"][0]["pc4"] = json!(["x"]);
    let e = load(&doc).unwrap_err();
    let paths: Vec<String> = e.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        [
            "$.municipalities[0].pc4[0]",
            "$.organisations[1].agb",
            "$.organisations[2].kind",
            "$.teams[0].area.pc4[0]",
            "$.teams[0].care_types[0]",
            "$.teams[0].capacity.updated_at",
            "$.teams[1].id",
            "$.teams[1].organisation",
            "$.teams[3].contacts[0].name",
        ]
    );
}

#[test]
fn long_provider_lists_in_a_request_are_linear_and_bounded() {
    let r = Registry::from_json(REGION.as_bytes()).unwrap();
    let many: Vec<String> = (0..MAX_RECORD_LIST).map(|i| format!("org-{i}")).collect();
    let req = json!({"location": "7511AB", "care_types": ["nursing"],
                     "preferred_providers": many, "refused_providers": many});
    let request = MatchRequest::from_json(req.to_string().as_bytes()).unwrap_err();
    // every refused provider is also preferred: one problem each, capped
    assert_eq!(request.problems().len(), MAX_PROBLEMS + 1);

    let refused: Vec<String> = (0..MAX_RECORD_LIST).map(|i| format!("org-{i}")).chain(["p1".to_owned()]).collect();
    let req = json!({"location": "7511AB", "care_types": ["nursing"], "refused_providers": refused});
    let request = MatchRequest::from_json(req.to_string().as_bytes()).unwrap_err();
    assert_eq!(request.problems()[0].path, "$.refused_providers");

    let refused: Vec<String> = std::iter::repeat_n("p1".to_owned(), 3).collect();
    let req = json!({"location": "7511AB", "care_types": ["nursing"], "refused_providers": refused});
    let e = MatchRequest::from_json(req.to_string().as_bytes()).unwrap_err();
    assert_eq!(e.problems()[0].path, "$.refused_providers[1]");

    // a long list of known providers on the hot path
    let mut request = MatchRequest::new(Location::parse("7511AB").unwrap(), [CareType::Nursing].into_iter().collect());
    let known: Vec<wijknet::Id> = r.organisations().iter().map(|o| o.id.clone()).collect();
    request.refused_providers = known.iter().skip(1).cloned().collect();
    let options = MatchOptions::at("2026-11-22T09:00:00Z".parse().unwrap());
    let result = match_request(&r, &request, &options).unwrap();
    assert!(result.candidates.iter().all(|c| c.organisation == known[0]));
}

#[test]
fn durations_and_instants_are_range_checked() {
    let e = MatchOptions::from_json(br#"{"now":"2026-11-22T09:00:00Z","stale_after_hours":4294967295}"#).unwrap_err();
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("invalid", "$.stale_after_hours"));
    let e = MatchOptions::from_json(br#"{"now":"9999-12-31T23:59:59Z"}"#).unwrap_err();
    assert_eq!(e.problems()[0].path, "$.now");

    let r = Registry::from_json(REGION.as_bytes()).unwrap();
    let request = MatchRequest::new(Location::parse("7511AB").unwrap(), [CareType::Nursing].into_iter().collect());
    for now in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
        let e = match_request(&r, &request, &MatchOptions::at(now)).unwrap_err();
        assert_eq!(e.problems()[0].path, "$.now");
    }
    let mut options = MatchOptions::at("2026-11-22T09:00:00Z".parse().unwrap());
    options.stale_after = chrono::Duration::MAX;
    assert_eq!(match_request(&r, &request, &options).unwrap_err().problems()[0].path, "$.stale_after_hours");

    let set = Agreements::from_json(REGION_AGREEMENTS.as_bytes(), &r).unwrap();
    let today: NaiveDate = "2026-11-22".parse().unwrap();
    assert_eq!(set.check(&r, today, u32::MAX).unwrap_err().problems()[0].path, "$.horizon_days");
    assert_eq!(set.check(&r, NaiveDate::MAX, 10).unwrap_err().problems()[0].path, "$.today");
    let loc = Location::parse("7511AB").unwrap();
    for at in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
        assert_eq!(set.on_call(&r, loc, at).unwrap_err().problems()[0].path, "$.at");
    }
    for date in [NaiveDate::MAX, NaiveDate::MIN] {
        let e = set.may_assess("p1", CareType::WmoHouseholdHelp, date).unwrap_err();
        assert_eq!(e.problems()[0].path, "$.date");
    }

    let mut doc: Value = serde_json::from_str(REGION_AGREEMENTS).unwrap();
    let mandate =
        doc["agreements"].as_array_mut().unwrap().iter_mut().find(|a| a["kind"] == "delegated_mandate").unwrap();
    mandate["terms"]["assessment_valid_days"] = json!(4294967295u64);
    let e = Agreements::from_json(doc.to_string().as_bytes(), &r).unwrap_err();
    assert!(e.problems()[0].path.ends_with(".terms.assessment_valid_days"), "{e}");
}

#[test]
fn agreement_terms_are_read_as_strictly_as_the_document() {
    let r = Registry::from_json(REGION.as_bytes()).unwrap();
    let mut doc: Value = serde_json::from_str(REGION_AGREEMENTS).unwrap();
    doc["agreements"][0]["terms"]["cycle"] = json!(111222333);
    let e = Agreements::from_json(doc.to_string().as_bytes(), &r).unwrap_err();
    assert_eq!(e.problems()[0].path, "$.agreements[0].terms.cycle");
    assert_no_echo(&e, &["111222333"]);
    let text = REGION_AGREEMENTS.replacen("\"rota\":", "\"rota\": [], \"rota\":", 1);
    let e = Agreements::from_json(text.as_bytes(), &r).unwrap_err();
    assert_eq!(e.problems()[0].path, "$.agreements[0].terms");
    assert!(all_text(&e).contains("duplicate key `rota`"), "{e}");
    // an unknown kind still reports the other fields' problems
    doc["agreements"][0]["terms"]["cycle"] = json!("weekly");
    doc["agreements"][1]["kind"] = json!("friendship");
    doc["agreements"][1]["review_date"] = json!("later");
    let e = Agreements::from_json(doc.to_string().as_bytes(), &r).unwrap_err();
    let paths: Vec<String> = e.problems().into_iter().map(|p| p.path).collect();
    assert!(paths.iter().any(|p| p == "$.agreements[1].kind"), "{paths:?}");
    assert!(paths.iter().any(|p| p == "$.agreements[1].review_date"), "{paths:?}");
}
