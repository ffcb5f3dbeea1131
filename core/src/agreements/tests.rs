//! Scenario tests from the sources, on the shared `region` fixtures of the conformance vectors.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::*;
use crate::matching::{ExclusionReason, MatchOptions, MatchOutcome, MatchRequest, match_request, match_with};

const REGION: &str = include_str!("../../../tests/vectors/registries/region.json");
const AGREEMENTS: &str = include_str!("../../../tests/vectors/registries/region.agreements.json");

fn registry() -> Registry {
    Registry::from_json(REGION.as_bytes()).unwrap()
}

fn agreements(r: &Registry) -> Agreements {
    Agreements::from_json(AGREEMENTS.as_bytes(), r).unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn request(v: serde_json::Value) -> MatchRequest {
    MatchRequest::from_json(v.to_string().as_bytes()).unwrap()
}

#[test]
fn subcontracted_wound_care_makes_a_solo_nurse_eligible() {
    let r = registry();
    let a = agreements(&r);
    let req = request(json!({"location": "7511AA", "care_types": ["nursing", "wound_care"]}));
    let opts = MatchOptions::at(at("2026-11-22T10:00:00Z"));
    let with = match_with(&r, &a, &req, &opts).unwrap();
    assert_eq!(with.candidates.len(), 1, "{with:#?}");
    let solo = &with.candidates[0];
    assert_eq!(solo.team.as_str(), "solo-t");
    assert_eq!(solo.via.len(), 1);
    assert_eq!(solo.via[0].kind, ViaKind::Subcontracting);
    assert_eq!(solo.via[0].agreement.as_str(), "sub-wound");
    assert_eq!(solo.via[0].delivering_team.as_str(), "wnd-t");
    assert_eq!(solo.via[0].care_types.iter().collect::<Vec<_>>(), [CareType::WoundCare]);
    // without the agreement the solo nurse lacks wound care
    let without = match_request(&r, &req, &opts).unwrap();
    assert_eq!(without.outcome, MatchOutcome::NoEligibleTeam);
    let e = without.excluded.iter().find(|e| e.team.as_str() == "solo-t").unwrap();
    assert_eq!(e.reason, ExclusionReason::CareTypeNotOffered);
    // outside the subcontracting area (7513) the agreement does not apply
    let far =
        match_with(&r, &a, &request(json!({"location": "7513AA", "care_types": ["nursing", "wound_care"]})), &opts)
            .unwrap();
    assert!(far.candidates.iter().all(|c| c.team.as_str() != "solo-t"));
}

/// An agreement area covering a PC4 whole but excluding one of its streets: matching knows
/// without reading the area that it serves the other streets and the PC4 of another agreement
/// area it covers whole, and still reads it for the excluded street.
#[test]
fn a_subcontracting_area_excluding_a_street_does_not_serve_it() {
    let r = registry();
    let mut doc: serde_json::Value = serde_json::from_str(AGREEMENTS).unwrap();
    let sub = doc["agreements"].as_array_mut().unwrap().iter_mut().find(|a| a["id"] == "sub-wound").unwrap();
    sub["terms"]["area"]["pc6_exclude"] = json!(["7511AB"]);
    let a = Agreements::from_json(doc.to_string().as_bytes(), &r).unwrap();
    let opts = MatchOptions::at(at("2026-11-22T10:00:00Z"));
    let solo_via = |location: &str| {
        let req = request(json!({"location": location, "care_types": ["nursing", "wound_care"]}));
        let m = match_with(&r, &a, &req, &opts).unwrap();
        m.candidates.iter().find(|c| c.team.as_str() == "solo-t").map(|c| c.via[0].agreement.to_string())
    };
    assert_eq!(solo_via("7511AA").as_deref(), Some("sub-wound"));
    assert_eq!(solo_via("7512AA").as_deref(), Some("sub-wound"));
    assert_eq!(solo_via("7511AB"), None, "the excluded street");
    // A PC4 alone: the area covers 7511 as a whole, the excluded street notwithstanding.
    assert_eq!(solo_via("7511").as_deref(), Some("sub-wound"));
    // Against a registry value of its own (not the one the agreements were loaded against),
    // the same answers from reading the area.
    let other = Registry::from_json(REGION.as_bytes()).unwrap();
    let m =
        match_with(&other, &a, &request(json!({"location": "7511AB", "care_types": ["nursing", "wound_care"]})), &opts)
            .unwrap();
    assert!(m.candidates.iter().all(|c| c.team.as_str() != "solo-t"));
}

#[test]
fn shared_specialist_team_adds_mth_for_members_only() {
    let r = registry();
    let a = agreements(&r);
    let req = request(json!({"location": "7514AA", "care_types": ["personal_care", "medical_technical"]}));
    let res = match_with(&r, &a, &req, &MatchOptions::at(at("2026-11-22T10:00:00Z"))).unwrap();
    let teams: Vec<_> = res.candidates.iter().map(|c| c.team.as_str()).collect();
    // p3 delivers MTH itself; p1 and p4 through the shared team; p2 is not a member (and full)
    assert_eq!(teams, ["p1-day", "p3-day", "p4-day"]);
    assert!(res.candidates[1].via.is_empty());
    assert_eq!(res.candidates[0].via[0].kind, ViaKind::SharedSpecialistTeam);
    assert_eq!(
        res.excluded.iter().find(|e| e.team.as_str() == "p2-day").unwrap().reason,
        ExclusionReason::CareTypeNotOffered
    );
}

#[test]
fn night_needs_are_met_through_the_rotation() {
    let r = registry();
    let a = agreements(&r);
    let req = request(json!({"location": "7512AA", "care_types": ["personal_care"], "times_of_day": ["day", "night"]}));
    let res = match_with(&r, &a, &req, &MatchOptions::at(at("2026-11-22T10:00:00Z"))).unwrap();
    let teams: Vec<_> = res.candidates.iter().map(|c| c.team.as_str()).collect();
    assert_eq!(teams, ["p1-day", "p3-day"]);
    let via = &res.candidates[0].via[0];
    assert_eq!((via.kind, via.agreement.as_str()), (ViaKind::NightRotation, "night-enschede"));
    // 22 November has an override: Oost's night team instead of Noord's
    assert_eq!(via.delivering_team.as_str(), "night-p2");
    let reason = |t: &str| res.excluded.iter().find(|e| e.team.as_str() == t).unwrap().reason;
    assert_eq!(reason("p2-day"), ExclusionReason::NoCapacity);
    assert_eq!(reason("night-p1"), ExclusionReason::TimeOfDayNotCovered);
    // Christmas Eve has nobody on duty: nobody can cover the night
    let xmas = request(
        json!({"location": "7512AA", "care_types": ["personal_care"], "times_of_day": ["day", "night"], "desired_start": "2026-12-24"}),
    );
    let res = match_with(&r, &a, &xmas, &MatchOptions::at(at("2026-11-22T10:00:00Z"))).unwrap();
    assert_eq!(res.outcome, MatchOutcome::NoEligibleTeam);
    assert_eq!(
        res.excluded.iter().find(|e| e.team.as_str() == "p1-day").unwrap().reason,
        ExclusionReason::TimeOfDayNotCovered
    );
}

#[test]
fn coordination_point_is_accountable_for_an_unplaceable_acute_request() {
    let r = registry();
    let a = agreements(&r);
    let req = request(json!({"location": "7513AB", "care_types": ["child_home_nursing"], "urgency": "acute"}));
    let res = match_with(&r, &a, &req, &MatchOptions::at(at("2026-11-22T15:00:00Z"))).unwrap();
    assert_eq!(res.outcome, MatchOutcome::NoEligibleTeam);
    let acc = res.accountable.unwrap();
    assert_eq!(
        (acc.party.as_str(), acc.source, acc.via.unwrap().as_str()),
        ("cp", AccountableSource::CoordinationPoint, "cp-twente")
    );
    assert_eq!(acc.contact.unwrap().phone.as_deref(), Some("053-4000000"));
    let (agreement, terms) = a.coordination_point_for(Location::parse("7513AB").unwrap(), d("2026-11-22")).unwrap();
    assert_eq!(agreement.id.as_str(), "cp-twente");
    assert_eq!((terms.max_unplaced_hours_acute, terms.max_declines), (4, 3));
    // the registry alone records no coordination point and the request names no insurer
    assert!(match_request(&r, &req, &MatchOptions::at(at("2026-11-22T15:00:00Z"))).unwrap().accountable.is_none());
}

#[test]
fn on_call_across_the_spring_clock_change() {
    let r = registry();
    let a = agreements(&r);
    let loc = Location::parse("7514AB").unwrap();
    // 06:30 summer time on Sunday 29 March: still the night of the 28th (week 11 -> Zuid)
    let oc = a.on_call(&r, loc, at("2026-03-29T04:30:00Z")).unwrap();
    assert_eq!(oc.outcome, OnCallOutcome::Covered);
    let duty = &oc.duties[0];
    assert_eq!(duty.team.as_str(), "night-p3");
    assert_eq!(duty.night, d("2026-03-28"));
    assert_eq!((duty.shift_start, duty.shift_end), (at("2026-03-28T22:00:00Z"), at("2026-03-29T05:00:00Z")));
    assert_eq!(duty.contact.as_ref().unwrap().phone.as_deref(), Some("06-31000003"));
    assert_eq!(duty.accountable.as_ref().unwrap().name, "Bestuurder p3");
    // 07:00 summer time: the shift is over
    assert_eq!(a.on_call(&r, loc, at("2026-03-29T05:00:00Z")).unwrap().outcome, OnCallOutcome::NobodyOnDuty);
    // autumn: the night of 24 October lasts 9 hours, until 07:00 winter time (06:00 UTC)
    let oc = a.on_call(&r, loc, at("2026-10-25T05:30:00Z")).unwrap();
    assert_eq!(oc.duties[0].shift_end, at("2026-10-25T06:00:00Z"));
    assert_eq!(oc.duties[0].shift_end - oc.duties[0].shift_start, chrono::Duration::hours(9));
}

#[test]
fn on_call_overrides_gaps_and_areas() {
    let r = registry();
    let a = agreements(&r);
    let loc = Location::parse("7511AA").unwrap();
    let oc = a.on_call(&r, loc, at("2026-11-22T23:30:00Z")).unwrap();
    assert_eq!(oc.duties[0].team.as_str(), "night-p2", "override for 22 November");
    let gap = a.on_call(&r, loc, at("2026-12-24T23:00:00Z")).unwrap();
    assert_eq!(gap.outcome, OnCallOutcome::NobodyOnDuty);
    assert_eq!(gap.uncovered.iter().map(Id::as_str).collect::<Vec<_>>(), ["night-enschede"]);
    let outside = a.on_call(&r, Location::parse("7520").unwrap(), at("2026-11-22T23:30:00Z")).unwrap();
    assert!(outside.duties.is_empty() && outside.uncovered.is_empty());
    let v = oc.to_json_value();
    assert_eq!(v["duties"][0]["shift_start"], "2026-11-22T22:00:00Z");
}

#[test]
fn expired_wmo_mandate() {
    let r = registry();
    let a = agreements(&r);
    let late = a.may_assess("p1", CareType::WmoHouseholdHelp, d("2026-11-22")).unwrap();
    assert_eq!(late.outcome, MandateOutcome::MandateExpired);
    assert_eq!(late.assessment_valid_until, None);
    let ok = a.may_assess("p1", CareType::WmoHouseholdHelp, d("2026-03-01")).unwrap();
    assert_eq!(ok.outcome, MandateOutcome::Allowed);
    assert_eq!(ok.municipality.unwrap().as_str(), "muni");
    assert_eq!(ok.assessment_valid_until, Some(d("2026-08-30")), "about six months");
    assert_eq!(
        a.may_assess("p3", CareType::WmoHouseholdHelp, d("2026-03-01")).unwrap().outcome,
        MandateOutcome::NoMandate
    );
    assert_eq!(
        a.may_assess("p1", CareType::WmoSupport, d("2026-03-01")).unwrap().outcome,
        MandateOutcome::CareTypeNotMandated
    );
    assert_eq!(
        a.may_assess("p1", CareType::WmoHouseholdHelp, d("2025-05-01")).unwrap().outcome,
        MandateOutcome::MandateNotActive
    );
}

#[test]
fn checks_find_gaps_overdue_reviews_and_expired_mandates() {
    let r = registry();
    let a = agreements(&r);
    let findings = a.check(&r, d("2026-11-22"), 60).unwrap();
    let got: Vec<_> = findings.iter().map(|f| (f.code, f.agreement.as_str(), f.field.as_str(), f.from, f.to)).collect();
    assert_eq!(
        got,
        [
            (FindingCode::NightGap, "night-enschede", "terms.rota", Some(d("2026-12-24")), Some(d("2026-12-24"))),
            (FindingCode::ReviewOverdue, "mandate-wmo", "review_date", Some(d("2026-06-01")), None),
            (FindingCode::MandateExpired, "mandate-wmo", "valid_until", Some(d("2026-05-31")), None),
        ]
    );
}

#[test]
fn overlapping_rotations_and_dangling_teams_are_found() {
    let r = registry();
    let mut doc: serde_json::Value = serde_json::from_str(AGREEMENTS).unwrap();
    let mut second = doc["agreements"][0].clone();
    second["id"] = json!("night-west");
    second["terms"]["area"] = json!({"pc4": ["7514"]});
    second["terms"]["overrides"] = json!([]);
    doc["agreements"].as_array_mut().unwrap().push(second);
    let a = Agreements::from_json(doc.to_string().as_bytes(), &r).unwrap();
    let f = a.check(&r, d("2026-12-20"), 10).unwrap();
    let overlap: Vec<_> = f.iter().filter(|f| f.code == FindingCode::OverlappingShifts).collect();
    // both rotations have a team on duty every night except Christmas Eve (override in the first)
    assert_eq!(overlap.len(), 2, "{f:#?}");
    assert_eq!((overlap[0].from, overlap[0].to), (Some(d("2026-12-20")), Some(d("2026-12-23"))));
    assert_eq!((overlap[1].from, overlap[1].to), (Some(d("2026-12-25")), Some(d("2026-12-30"))));
    assert!(overlap[0].message.contains("night-west"));
    // checked against a registry without the night teams, the rota's teams dangle
    let mut smaller: serde_json::Value = serde_json::from_str(REGION).unwrap();
    smaller["teams"].as_array_mut().unwrap().retain(|t| t["id"] != "night-p2");
    let smaller = Registry::from_json(smaller.to_string().as_bytes()).unwrap();
    let f = a.check(&smaller, d("2026-11-22"), 14).unwrap();
    assert!(f.iter().any(|f| f.code == FindingCode::UnknownTeam && f.field == "terms.rota[1]"));
    assert!(f.iter().any(|f| f.code == FindingCode::NightGap));
}

#[test]
fn invalid_agreements_report_every_problem() {
    let r = registry();
    let mut doc: serde_json::Value = serde_json::from_str(AGREEMENTS).unwrap();
    doc["agreements"][0]["parties"][0]["organisation"] = json!("nobody");
    doc["agreements"][0]["terms"]["rota"][1] = json!("ghost-team");
    doc["agreements"][0]["terms"]["shift"]["end"] = json!("23:00");
    doc["agreements"][1]["valid_until"] = json!("2025-01-01");
    doc["agreements"][2]["kind"] = json!("friendship");
    doc["agreements"][3]["terms"]["max_declines"] = json!("three");
    doc["agreements"][4]["terms"]["municipality"] = json!("p1");
    doc["agreements"][5]["id"] = json!("cp-twente");
    let e = Agreements::from_json(doc.to_string().as_bytes(), &r).unwrap_err();
    assert_eq!(e.code(), "invalid");
    let paths: Vec<_> = e.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        [
            "$.agreements[0].parties[0].organisation",
            "$.agreements[0].terms.shift.end",
            "$.agreements[0].terms.rota[1]",
            "$.agreements[1].valid_until",
            "$.agreements[2].kind",
            "$.agreements[2].terms",
            "$.agreements[3].terms.max_declines",
            "$.agreements[4].terms.municipality",
            "$.agreements[5].id",
        ]
    );
    assert!(e.to_string().contains("unknown organisation `nobody`"));
}

#[test]
fn agreements_round_trip() {
    let r = registry();
    let a = agreements(&r);
    let again = Agreements::from_json(a.to_json().as_bytes(), &r).unwrap();
    assert_eq!(again.agreements(), a.agreements());
    assert_eq!(again.to_doc(), a.to_doc());
    assert_eq!(
        a.case_team("client-0001", d("2026-11-22")).iter().map(Id::as_str).collect::<Vec<_>>(),
        ["p1", "p4", "gp"]
    );
    assert!(a.case_team("client-0001", d("2026-08-01")).is_empty());
    fn check<T: Send + Sync>() {}
    check::<Agreements>();
}

#[test]
fn coordination_point_agreement_drives_referral_escalation() {
    use crate::referral::{EscalationTrigger, EventKind, Referral, check_escalation, parse_events};
    let r = registry();
    let a = agreements(&r);
    let loc = Location::parse("7513AB").unwrap();
    let policy = a.escalation_policy(loc, d("2026-11-22")).unwrap();
    assert_eq!(policy.accountable.as_str(), "cp");
    assert_eq!(policy.max_unplaced_acute, chrono::Duration::hours(4));
    assert_eq!(policy.max_unplaced_non_acute, chrono::Duration::hours(72));
    assert_eq!(policy.max_declines, 3);
    assert!(a.escalation_policy(Location::parse("7520").unwrap(), d("2026-11-22")).is_none());
    // an acute GP request routed by the coordination point, nobody accepts
    let events = json!({"schema": "wijknet.referral-events/v1", "events": [
        {"id": "e1", "referral": "r1", "seq": 1, "at": "2026-11-22T15:00:00Z", "actor": {"role": "referrer", "id": "gp"},
         "type": "created", "referrer": "gp", "care_types": ["child_home_nursing"], "pc4": "7513", "acute": true},
        {"id": "e2", "referral": "r1", "seq": 2, "at": "2026-11-22T15:05:00Z", "actor": {"role": "referrer", "id": "gp"}, "type": "submitted"},
        {"id": "e3", "referral": "r1", "seq": 3, "at": "2026-11-22T15:06:00Z", "actor": {"role": "referrer", "id": "gp"}, "type": "offer_sent", "team": "p1-day"}
    ]});
    let events = parse_events(events.to_string().as_bytes()).unwrap();
    let referral = Referral::replay(&events).unwrap();
    assert!(
        check_escalation(&referral, &policy, at("2026-11-22T19:05:00Z")).unwrap().is_none(),
        "exactly at the limit"
    );
    let esc = check_escalation(&referral, &policy, at("2026-11-22T19:05:01Z")).unwrap().expect("past the 4-hour limit");
    match &esc.kind {
        EventKind::Escalated { accountable, trigger } => {
            assert_eq!(accountable.as_str(), "cp");
            assert_eq!(*trigger, EscalationTrigger::UnplacedTooLong);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn agreements_supply_consent_facts() {
    use crate::consent::{ConsentOutcome, ConsentRequest, ConsentStore, DataCategory};
    let r = registry();
    let a = agreements(&r);
    let store = ConsentStore::from_json(
        br#"{"schema":"wijknet.consent/v1","version":"t","clients":[{"id":"client-0001","date_of_birth":"1941-05-01","can_decide":true}],"consents":[],"objections":[]}"#,
    )
    .unwrap();
    let now = at("2026-11-22T10:00:00Z");
    let decide = |json: serde_json::Value, with_facts: bool| {
        let mut req = ConsentRequest::from_json(json.to_string().as_bytes()).unwrap();
        if with_facts {
            a.add_consent_facts(&mut req, d("2026-11-22"));
        }
        store.decide(&req, now).unwrap()
    };
    // the coordinating provider informs the GP who is part of the client's case team
    let to_gp = json!({"client": "client-0001", "discloser": {"organisation": "p1", "role": "home_care_provider"},
        "recipient": {"organisation": "gp", "role": "gp"}, "purpose": "direct_care", "categories": ["nursing_plan_reports"]});
    let without = decide(to_gp.clone(), false);
    assert!(!without.get(DataCategory::NursingPlanReports).unwrap().outcome.is_permit());
    let with = decide(to_gp, true);
    assert_eq!(with.get(DataCategory::NursingPlanReports).unwrap().outcome, ConsentOutcome::Permit);
    // the nursing plan to the night-care partner under the data-sharing agreement; medication is
    // not covered by it
    let to_partner = json!({"client": "client-0001", "discloser": {"organisation": "p1", "role": "home_care_provider"},
        "recipient": {"organisation": "p2", "role": "home_care_provider"}, "purpose": "direct_care",
        "categories": ["nursing_plan_reports", "medication"]});
    let dec = decide(to_partner, true);
    assert_eq!(dec.get(DataCategory::NursingPlanReports).unwrap().outcome, ConsentOutcome::Permit);
    assert!(!dec.get(DataCategory::Medication).unwrap().outcome.is_permit());
    let shared = a.sharing_agreements_for("p2");
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].valid_from, at("2025-12-31T23:00:00Z"), "local midnight of 1 January");
}

/// What `care_whole_index` relies on, for every area made of two whole PC4s, excluded streets
/// and an included street: an area that serves all of a PC4 covers every location in it, and
/// one that covers a PC4 whole but does not serve all of it excludes one of its streets.
#[test]
fn an_area_serving_all_of_a_pc4_covers_every_location_in_it() {
    use crate::ids::Pc4;
    let mut doc: serde_json::Value = serde_json::from_str(REGION).unwrap();
    let pc4s = ["7511", "7512"];
    let excludable = ["7511AA", "7511AB", "7512AA"];
    let locations = ["7511", "7512", "7513", "7511AA", "7511AB", "7511AC", "7512AA", "7512AB", "7513AA", "7513AB"];
    let mut checked = 0;
    for whole in 0..4usize {
        for exclude in 0..8usize {
            for include in [false, true] {
                let pick = |items: &[&str], mask: usize| {
                    items.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| s.to_string()).collect()
                };
                let pc4: Vec<String> = pick(&pc4s, whole);
                let pc6_exclude: Vec<String> = pick(&excludable, exclude);
                let pc6_include: Vec<String> = if include { vec!["7513AA".into()] } else { vec![] };
                if pc4.is_empty() && pc6_include.is_empty() {
                    continue;
                }
                doc["teams"][0]["area"] = json!({"pc4": pc4, "pc6_exclude": pc6_exclude, "pc6_include": pc6_include});
                let Ok(r) = Registry::from_json(doc.to_string().as_bytes()) else { continue };
                let area = &r.team_at(r.team_index("p1-day").unwrap()).area;
                for p in ["7511", "7512", "7513"] {
                    let p4: Pc4 = p.parse().unwrap();
                    let serves = area.serves_all_of(p4);
                    for l in locations.iter().filter(|l| l.starts_with(p)) {
                        let covered = area.coverage(Location::parse(l).unwrap()) == Coverage::Covered;
                        assert!(!serves || covered, "{area:?} serves all of {p} but not {l}");
                    }
                    if area.coverage(Location::parse(p).unwrap()) == Coverage::Covered && !serves {
                        assert!(area.pc6_exclude.iter().any(|s| s.pc4() == p4), "{area:?} at {p}");
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "{checked}");
}
