//! One test per matching rule, on the shared `basic` registry of the conformance vectors.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::*;
use crate::Registry;
use crate::ids::{Id, Location};

const BASIC: &str = include_str!("../../../tests/vectors/registries/basic.json");

fn registry() -> Registry {
    Registry::from_json(BASIC.as_bytes()).unwrap()
}

fn now() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

fn run(req: serde_json::Value) -> MatchResult {
    run_at(req, now())
}

fn run_at(req: serde_json::Value, at: DateTime<Utc>) -> MatchResult {
    let request = MatchRequest::from_json(req.to_string().as_bytes()).unwrap();
    match_request(&registry(), &request, &MatchOptions::at(at)).unwrap()
}

fn ranked(r: &MatchResult) -> Vec<&str> {
    r.candidates.iter().map(|c| c.team.as_str()).collect()
}

fn reason(r: &MatchResult, team: &str) -> ExclusionReason {
    r.excluded.iter().find(|e| e.team.as_str() == team).unwrap_or_else(|| panic!("{team} not excluded: {r:#?}")).reason
}

fn personal_care_7511aa() -> serde_json::Value {
    json!({"location": "7511AA", "care_types": ["personal_care"], "desired_start": "2026-11-23", "latest_start": "2026-12-01"})
}

#[test]
fn ranks_by_start_then_trust_and_flags_stale_and_waitlist() {
    let r = run(personal_care_7511aa());
    assert_eq!(r.outcome, MatchOutcome::CandidatesFound);
    assert_eq!(ranked(&r), ["a1", "c1", "b1"]);
    assert_eq!(r.candidates.iter().map(|c| c.rank).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(r.candidates[0].flags.is_empty());
    assert!(r.candidates[1].flags.contains(CandidateFlag::CapacityStale));
    assert!(r.candidates[2].flags.contains(CandidateFlag::Waitlist));
    assert_eq!(r.candidates[2].possible_start.to_string(), "2026-12-01");
    assert_eq!(reason(&r, "a2"), ExclusionReason::CareTypeNotOffered);
    assert_eq!(r.teams_elsewhere, 2);
    assert!(r.accountable.is_none());
}

#[test]
fn preferred_provider_ranks_first_even_when_stale() {
    let mut req = personal_care_7511aa();
    req["preferred_providers"] = json!(["org-c"]);
    let r = run(req);
    assert_eq!(ranked(&r), ["c1", "a1", "b1"]);
    assert!(r.candidates[0].preferred);
}

#[test]
fn refused_provider_is_excluded_first() {
    let mut req = personal_care_7511aa();
    req["refused_providers"] = json!(["org-a"]);
    let r = run(req);
    assert_eq!(ranked(&r), ["c1", "b1"]);
    assert_eq!(reason(&r, "a1"), ExclusionReason::RefusedByClient);
    assert_eq!(reason(&r, "a2"), ExclusionReason::RefusedByClient);
}

#[test]
fn named_providers_elsewhere_are_listed_not_counted() {
    let mut req = personal_care_7511aa();
    req["preferred_providers"] = json!(["org-b"]);
    let r = run(req);
    // b2 and b3 serve other PC4s but belong to the preferred provider: listed with the reason
    assert_eq!(reason(&r, "b2"), ExclusionReason::OutsideArea);
    assert_eq!(reason(&r, "b3"), ExclusionReason::OutsideArea);
    assert_eq!(r.teams_elsewhere, 0);
    assert_eq!(ranked(&r), ["b1", "a1", "c1"]);
}

/// A named provider's team that does not touch the client's PC4 is excluded from what its
/// organisation's list says of it, except when its area lists streets and the client gives a
/// street: then its area decides (here it excludes the client's street in a PC4 it does not
/// otherwise touch).
#[test]
fn a_named_team_elsewhere_that_excludes_the_street_says_so() {
    let mut doc: serde_json::Value = serde_json::from_str(BASIC).unwrap();
    doc["teams"][4]["area"] = json!({"pc4": ["9999"], "pc6_exclude": ["7514AB"]});
    let registry = Registry::from_json(doc.to_string().as_bytes()).unwrap();
    let at = |location: &str, field: &str| {
        let req = json!({"location": location, "care_types": ["personal_care"], field: ["org-b"]});
        let request = MatchRequest::from_json(req.to_string().as_bytes()).unwrap();
        match_request(&registry, &request, &MatchOptions::at(now())).unwrap()
    };
    let detail =
        |r: &MatchResult, team: &str| r.excluded.iter().find(|e| e.team.as_str() == team).unwrap().detail.clone();
    let street = Location::parse("7514AB").unwrap();
    let r = at("7514AB", "preferred_providers");
    assert_eq!(detail(&r, "b2"), ExclusionDetail::StreetExcluded(street));
    assert_eq!(detail(&r, "b1"), ExclusionDetail::NotServing(street));
    assert_eq!(detail(&r, "b3"), ExclusionDetail::NotServing(street));
    assert!(r.excluded.iter().all(|e| e.client_preference && e.organisation.as_str() == "org-b"));
    // With only the PC4, streets do not count.
    let pc4 = Location::parse("7514").unwrap();
    assert_eq!(detail(&at("7514", "preferred_providers"), "b2"), ExclusionDetail::NotServing(pc4));
    // Refused comes first (rule 1).
    let r = at("7514AB", "refused_providers");
    for team in ["b1", "b2", "b3"] {
        assert_eq!(detail(&r, team), ExclusionDetail::RefusedProvider(Id::parse("org-b").unwrap()));
    }
    assert!(r.excluded.iter().all(|e| !e.client_preference));
}

/// Contracts with insurers past the 64th (no bit in the teams' contract masks) and with an
/// insurer added later (a bit given then) count as the loaded document's do.
#[test]
fn contracts_with_insurers_with_and_without_a_bit() {
    let mut doc: serde_json::Value = serde_json::from_str(BASIC).unwrap();
    let orgs = doc["organisations"].as_array_mut().unwrap();
    for i in 1..=70 {
        orgs.push(json!({"id": format!("ins-x{i}"), "name": "Verzekeraar", "kind": "insurer"}));
    }
    orgs[1]["contracted_insurers"] = json!(["ins-x70", "ins-x1"]);
    let many = Registry::from_json(doc.to_string().as_bytes()).unwrap();
    let contracted = |registry: &Registry, insurer: &str| {
        let mut req = personal_care_7511aa();
        req["insurer"] = json!(insurer);
        req["contracted_only"] = json!(true);
        let request = MatchRequest::from_json(req.to_string().as_bytes()).unwrap();
        let r = match_request(registry, &request, &MatchOptions::at(now())).unwrap();
        ranked(&r).into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    assert_eq!(contracted(&many, "ins-x1"), ["a1"]);
    assert_eq!(contracted(&many, "ins-x70"), ["a1"]);
    assert_eq!(contracted(&many, "ins-x69"), Vec::<String>::new());

    // An insurer added to the basic registry gets a bit; a provider then contracting it.
    let added = registry()
        .add_organisations(&[serde_json::from_value::<crate::registry::OrganisationDoc>(
            json!({"id": "ins-new", "name": "Nieuw", "kind": "insurer"}),
        )
        .unwrap()])
        .unwrap();
    let mut org_c: crate::registry::OrganisationDoc =
        serde_json::from_value(serde_json::from_str::<serde_json::Value>(BASIC).unwrap()["organisations"][3].clone())
            .unwrap();
    org_c.contracted_insurers = vec!["ins-new".into()];
    let changed = added.replace_organisations(&[crate::registry::OrganisationChange::new(org_c)]).unwrap();
    let position = changed.organisation_position(&Id::parse("ins-new").unwrap()).unwrap();
    assert!(changed.insurer_slot_at(position).is_some());
    assert_eq!(contracted(&changed, "ins-new"), ["c1"]);
}

#[test]
fn nurse_level_rule() {
    let mut req = personal_care_7511aa();
    req["min_nurse_level"] = json!("level_5");
    let r = run(req);
    assert_eq!(reason(&r, "a1"), ExclusionReason::NurseLevelTooLow);
    assert_eq!(ranked(&r), ["c1", "b1"]);
}

#[test]
fn time_of_day_rule() {
    let mut req = personal_care_7511aa();
    req["times_of_day"] = json!(["day", "night"]);
    let r = run(req);
    assert_eq!(reason(&r, "a1"), ExclusionReason::TimeOfDayNotCovered);
    assert_eq!(reason(&r, "c1"), ExclusionReason::TimeOfDayNotCovered);
    assert_eq!(ranked(&r), ["b1"]);
    assert!(r.excluded.iter().any(|e| e.detail.to_string().contains("night")));
}

#[test]
fn insurer_rule_excludes_or_flags() {
    let mut req = personal_care_7511aa();
    req["insurer"] = json!("ins-a");
    req["contracted_only"] = json!(true);
    let r = run(req.clone());
    assert_eq!(reason(&r, "b1"), ExclusionReason::InsurerNotContracted);
    assert_eq!(ranked(&r), ["a1", "c1"]);

    req["contracted_only"] = json!(false);
    req["policy"] = json!("natura");
    let r = run(req.clone());
    assert_eq!(ranked(&r), ["a1", "c1", "b1"]);
    assert!(r.candidates[2].flags.contains(CandidateFlag::NotContracted));
    assert!(!r.candidates[0].flags.contains(CandidateFlag::NotContracted));

    req["policy"] = json!("restitution");
    let r = run(req);
    assert!(r.candidates.iter().all(|c| !c.flags.contains(CandidateFlag::NotContracted)));
}

#[test]
fn capacity_rules() {
    let r = run(json!({"location": "7511AA", "care_types": ["wound_care"], "latest_start": "2026-12-01"}));
    assert_eq!(reason(&r, "a1"), ExclusionReason::CareTypeNotOffered);
    assert_eq!(reason(&r, "a2"), ExclusionReason::NoCapacity);
    assert!(r.excluded.iter().find(|e| e.team.as_str() == "a2").unwrap().detail.to_string().contains("wound_care"));
    assert_eq!(ranked(&r), ["b1"]);
    // needed today only: the waitlist and tomorrow's start are too late
    let r = run(json!({"location": "7511AC", "care_types": ["personal_care"]}));
    assert_eq!(reason(&r, "a1"), ExclusionReason::NoCapacityInTime);
    assert_eq!(reason(&r, "b1"), ExclusionReason::NoCapacityInTime);
    assert_eq!(reason(&r, "c1"), ExclusionReason::OutsideArea);
}

#[test]
fn nobody_eligible_names_the_accountable_party() {
    let r = run(json!({"location": "7511AC", "care_types": ["personal_care"], "insurer": "ins-a"}));
    assert_eq!(r.outcome, MatchOutcome::NoEligibleTeam);
    assert!(r.candidates.is_empty());
    let a = r.accountable.unwrap();
    assert_eq!(a.party.as_str(), "org-cp");
    assert_eq!(a.source, AccountableSource::CoordinationPoint);
    assert_eq!(a.via.unwrap().as_str(), "cp-enschede");
    assert_eq!(a.contact.unwrap().phone.as_deref(), Some("053-2000000"));
    // outside every coordination point: the insurer's duty of care
    let r = run(json!({"location": "9998", "care_types": ["personal_care"], "insurer": "ins-a"}));
    let a = r.accountable.unwrap();
    assert_eq!((a.party.as_str(), a.source), ("ins-a", AccountableSource::InsurerDutyOfCare));
    assert_eq!(r.teams_elsewhere, 6);
    let r = run(json!({"location": "9998", "care_types": ["personal_care"]}));
    assert!(r.accountable.is_none());
}

#[test]
fn area_rules_for_pc4_and_pc6() {
    let r = run(json!({"location": "7511", "care_types": ["personal_care"], "latest_start": "2026-12-01"}));
    assert_eq!(reason(&r, "c1"), ExclusionReason::OutsideArea);
    assert!(r.excluded.iter().find(|e| e.team.as_str() == "c1").unwrap().detail.to_string().contains("PC6"));
    assert_eq!(ranked(&r), ["a1", "b1"]);
    let r = run(json!({"location": "7512AB", "care_types": ["personal_care"], "latest_start": "2026-12-01"}));
    assert_eq!(reason(&r, "b1"), ExclusionReason::OutsideArea);
    // b3 has not reported capacity: flagged, and assumed able to start on the needed date
    assert_eq!(ranked(&r), ["b3", "a1"]);
    assert!(r.candidates[0].flags.contains(CandidateFlag::CapacityUnknown));
}

#[test]
fn acute_window_is_24_hours_in_dutch_local_time() {
    // 23:30 local on Sunday: 24 hours later is Monday 23:30, so tomorrow's start is in time
    let r = run_at(
        json!({"location": "7511AA", "care_types": ["personal_care"], "urgency": "acute"}),
        "2026-11-22T22:30:00Z".parse().unwrap(),
    );
    assert_eq!(r.needed_from.to_string(), "2026-11-22");
    assert_eq!(r.needed_by.to_string(), "2026-11-23");
    // c1 can start today, a1 tomorrow: both within 24 hours
    assert_eq!(ranked(&r), ["c1", "a1"]);
    assert_eq!(reason(&r, "b1"), ExclusionReason::NoCapacityInTime);
    // 00:30 local on Sunday (23:30 UTC Saturday): today is Sunday in the Netherlands
    let r = run_at(
        json!({"location": "7511AA", "care_types": ["personal_care"], "urgency": "acute"}),
        "2026-11-21T23:30:00Z".parse().unwrap(),
    );
    assert_eq!(r.needed_from.to_string(), "2026-11-22");
}

#[test]
fn contact_reachability_uses_local_time() {
    let r = run(personal_care_7511aa());
    let a1 = &r.candidates[0];
    assert_eq!(a1.contact.as_ref().unwrap().name, "Bram de Boer");
    assert!(a1.contact_reachable_now, "Sunday 11:00 local is within Bram's hours");
    let r = run_at(personal_care_7511aa(), "2026-11-22T12:30:00Z".parse().unwrap());
    assert!(!r.candidates[0].contact_reachable_now);
}

#[test]
fn invalid_requests_say_where() {
    let bad = |v: serde_json::Value| MatchRequest::from_json(v.to_string().as_bytes()).unwrap_err();
    let e = bad(json!({"location": "7511AA", "care_types": []}));
    assert_eq!(e.problems()[0].path, "$.care_types");
    let e = bad(json!({"location": "75", "care_types": ["massage"], "urgency": "soon", "latest_start": "2026-13-01"}));
    let paths: Vec<_> = e.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["$.location", "$.care_types[0]", "$.urgency", "$.latest_start"]);
    let e = bad(
        json!({"location": "7511AA", "care_types": ["nursing"], "urgency": "acute", "desired_start": "2026-11-24"}),
    );
    assert_eq!(e.problems()[0].path, "$.urgency");
    let e = bad(
        json!({"location": "7511AA", "care_types": ["nursing"], "desired_start": "2026-11-24", "latest_start": "2026-11-23"}),
    );
    assert_eq!(e.problems()[0].path, "$.latest_start");
    let e = bad(
        json!({"location": "7511AA", "care_types": ["nursing"], "preferred_providers": ["org-a"], "refused_providers": ["org-a"]}),
    );
    assert_eq!(e.problems()[0].path, "$.refused_providers[0]");
    let e = bad(json!({"location": "7511AA", "care_types": "nursing"}));
    assert_eq!(e.code(), "json");
    // references are checked against the registry
    let req = MatchRequest::from_json(
        br#"{"location":"7511AA","care_types":["nursing"],"insurer":"org-a","preferred_providers":["nope"]}"#,
    )
    .unwrap();
    let e = match_request(&registry(), &req, &MatchOptions::at(now())).unwrap_err();
    let paths: Vec<_> = e.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["$.insurer", "$.preferred_providers[0]"]);
}

#[test]
fn request_round_trips_through_json() {
    let mut req = personal_care_7511aa();
    req["preferred_providers"] = json!(["org-c"]);
    req["insurer"] = json!("ins-a");
    req["policy"] = json!("natura");
    let parsed = MatchRequest::from_json(req.to_string().as_bytes()).unwrap();
    let again = MatchRequest::from_doc(&parsed.to_doc()).unwrap();
    assert_eq!(parsed, again);
}

#[test]
fn every_exclusion_has_a_detail_and_results_serialise() {
    let r =
        run(json!({"location": "7511AB", "care_types": ["wound_care", "personal_care"], "times_of_day": ["night"]}));
    assert!(r.excluded.iter().all(|e| !e.detail.to_string().is_empty()));
    let v = r.to_json_value();
    assert_eq!(v["outcome"], "no_eligible_team");
    assert_eq!(v["location"], "7511AB");
    assert!(v["excluded"].as_array().unwrap().iter().all(|e| e["reason"].is_string()));
}
