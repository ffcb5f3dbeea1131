//! The region's agreements load, and the demo's collaboration answers follow from them: who is on
//! night duty, which agreement lets a team take a client, and that the followed referral escalates
//! to the coordination point and is then placed by it. Each assertion names the rule behind it.

use wijknet::agreements::{AgreementKind, FindingCode, OnCallOutcome};
use wijknet::matching::{MatchOutcome, ViaKind};
use wijknet::referral::{EscalationTrigger, OfferStatus, ReferralEventType, ReferralStatus};
use wijknet::{CareType, TimeOfDay};
use wijknet_demo::collaboration::{
    LIFE_OFFERS, LIFE_PLACED_WITH, LIFE_REFERRAL, NIGHT_POSTCODES, WITH_AGREEMENTS, agreements, escalation_check_at,
    on_call, referral_life, run_with, tonight,
};
use wijknet_demo::{now, region, report};

#[test]
fn agreements_cover_every_kind_the_demo_needs_and_round_trip() {
    let registry = region().unwrap();
    let set = agreements(&registry).expect("the embedded agreements are valid for the region");
    let kinds: Vec<AgreementKind> = set.agreements().iter().map(|a| a.terms.kind()).collect();
    for k in [
        AgreementKind::NightRotation,
        AgreementKind::SharedSpecialistTeam,
        AgreementKind::Subcontracting,
        AgreementKind::CoordinationPoint,
        AgreementKind::DataSharing,
        AgreementKind::DelegatedMandate,
    ] {
        assert!(kinds.contains(&k), "no {k} agreement");
    }
    let again = wijknet::agreements::Agreements::from_json(set.to_json().as_bytes(), &registry).unwrap();
    assert_eq!(again.to_doc(), set.to_doc());
}

#[test]
fn checks_find_the_open_christmas_night_and_the_overdue_mandate_review() {
    let registry = region().unwrap();
    let set = agreements(&registry).unwrap();
    let today = now().date_naive();
    let findings = set.check(&registry, today, 60).unwrap();
    let gap = findings.iter().find(|f| f.code == FindingCode::NightGap).expect("the 24 December override is empty");
    assert_eq!((gap.agreement.as_str(), gap.from, gap.to), ("nacht-twente", "2026-12-24".parse().ok(), gap.from));
    assert!(
        findings.iter().any(|f| f.code == FindingCode::ReviewOverdue && f.agreement.as_str() == "wmo-mandaat-enschede")
    );
    assert_eq!(findings.len(), 2, "{findings:?}");
}

#[test]
fn night_on_call_names_the_team_on_the_rota_and_whom_to_call() {
    let registry = region().unwrap();
    let set = agreements(&registry).unwrap();
    // Weekly rota from Monday 5 January: week 45 (from 16 November) is 45 % 3 = 0: the joint night team.
    for postcode in &NIGHT_POSTCODES[..2] {
        let answer = on_call(&registry, &set, postcode, tonight());
        assert_eq!(answer.outcome, OnCallOutcome::Covered, "{postcode}");
        let duty = &answer.duties[0];
        assert_eq!(duty.team.as_str(), "nacht-enschede");
        assert_eq!(duty.agreement.as_str(), "nacht-twente");
        assert_eq!(duty.night, "2026-11-22".parse().unwrap(), "02:30 belongs to the night that started on Sunday");
        assert_eq!(duty.contact.as_ref().unwrap().phone.as_deref(), Some("053-9001099"));
        assert_eq!(duty.accountable.as_ref().unwrap().name, "Ellen Brinkhuis", "De Linde's accountable person");
    }
    // Hengelo has no rotation; at 14:00 nobody is on night duty anywhere.
    assert_eq!(on_call(&registry, &set, NIGHT_POSTCODES[2], tonight()).outcome, OnCallOutcome::NobodyOnDuty);
    assert_eq!(on_call(&registry, &set, NIGHT_POSTCODES[0], now()).outcome, OnCallOutcome::NobodyOnDuty);
    // The override on New Year's Eve puts the MTH team on duty instead.
    let nye = "2026-12-31T23:30:00Z".parse().unwrap();
    assert_eq!(on_call(&registry, &set, "7544GK", nye).duties[0].team.as_str(), "mth-twente");
}

#[test]
fn matching_with_agreements_shows_the_via_agreement() {
    let registry = region().unwrap();
    let set = agreements(&registry).unwrap();
    // Acute discharge: the neighbourhood teams cover the night through the rotation.
    let (_, r) = run_with(&registry, &set, &WITH_AGREEMENTS[0]).unwrap();
    let (_, alone) = WITH_AGREEMENTS[0].run(&registry).unwrap();
    assert!(r.candidates.len() > alone.candidates.len());
    let essen = r.candidates.iter().find(|c| c.team.as_str() == "essen-zuid").expect("De Essen Zuid is eligible");
    assert_eq!(essen.via.len(), 1);
    assert_eq!((essen.via[0].kind, essen.via[0].agreement.as_str()), (ViaKind::NightRotation, "nacht-twente"));
    assert!(essen.via[0].times_of_day.contains(TimeOfDay::Night));
    // Haaksbergen: nobody without agreements; the small provider through subcontracting with it.
    let (_, r) = run_with(&registry, &set, &WITH_AGREEMENTS[1]).unwrap();
    let (_, alone) = WITH_AGREEMENTS[1].run(&registry).unwrap();
    assert_eq!(alone.outcome, MatchOutcome::NoEligibleTeam);
    assert_eq!(r.candidates.len(), 1);
    let c = &r.candidates[0];
    assert_eq!(c.team.as_str(), "haaksbergen-buurse");
    assert_eq!((c.via[0].kind, c.via[0].agreement.as_str()), (ViaKind::Subcontracting, "mth-haaksbergen"));
    assert_eq!(c.via[0].delivering_team.as_str(), "mth-twente");
    assert!(c.via[0].care_types.contains(CareType::MedicalTechnical));
}

#[test]
fn the_followed_referral_escalates_to_the_coordination_point_which_places_it() {
    let registry = region().unwrap();
    let set = agreements(&registry).unwrap();
    let (referral, events, policy) = referral_life(&set).unwrap();
    assert_eq!(policy.accountable.as_str(), "cp-twente");
    assert_eq!(policy.max_declines, 3);
    let declines = LIFE_OFFERS.iter().filter(|(_, r)| r.is_some()).count() as u32;
    assert!(declines < policy.max_declines, "the time limit, not the declines, must trigger");
    let escalated = events.iter().find(|e| e.kind.event_type() == ReferralEventType::Escalated).expect("it escalates");
    assert_eq!(escalated.at, escalation_check_at());
    assert_eq!(escalated.actor.id().as_str(), "cp-twente");
    let esc = referral.escalation().expect("kept after placement");
    assert_eq!((esc.accountable.as_str(), esc.trigger), ("cp-twente", EscalationTrigger::UnplacedTooLong));
    // The accountable party sent the placing offer; care started with that team.
    let placing = events
        .iter()
        .find(|e| {
            e.kind.event_type() == ReferralEventType::OfferSent
                && e.kind.team().is_some_and(|t| t.as_str() == LIFE_PLACED_WITH)
        })
        .unwrap();
    assert_eq!(placing.actor.id().as_str(), "cp-twente");
    assert!(placing.at > escalated.at);
    assert_eq!(referral.status(), ReferralStatus::InProgress);
    assert_eq!(referral.placement().unwrap().0.as_str(), LIFE_PLACED_WITH);
    // The open offer nobody answered is withdrawn when care starts.
    let open = referral.offers().iter().find(|o| o.team().as_str() == "oostplus-enschede").unwrap();
    assert_eq!(open.status(), OfferStatus::Cancelled);
    let m = wijknet::referral::Monitoring::from_events(&events).unwrap();
    assert_eq!((m.placed, m.escalated, m.teams_contacted.median), (1, 1, Some(4)));
    assert_eq!(m.declines.values().sum::<i64>(), i64::from(declines));
}

#[test]
fn the_followed_referral_only_involves_teams_the_matching_found() {
    // The story is referral b as matched with the agreements: every team that gets an offer,
    // answers, or starts care is one of its candidates, and none is a team matching excluded.
    let registry = region().unwrap();
    let set = agreements(&registry).unwrap();
    let (request, result) = run_with(&registry, &set, &WITH_AGREEMENTS[0]).unwrap();
    assert_eq!(request.id.as_ref().map(|i| i.as_str()), Some(LIFE_REFERRAL));
    let candidates: Vec<&str> = result.candidates.iter().map(|c| c.team.as_str()).collect();
    let (referral, events, _) = referral_life(&set).unwrap();
    let mut teams: Vec<&str> = events.iter().filter_map(|e| e.kind.team()).map(|t| t.as_str()).collect();
    teams.extend(events.iter().filter_map(|e| match &e.actor {
        wijknet::referral::Actor::Team(t) => Some(t.as_str()),
        _ => None,
    }));
    assert!(teams.len() >= 8, "offers, answers and care: {teams:?}");
    for team in teams {
        assert!(candidates.contains(&team), "{team} appears in the story but matching did not find it: {candidates:?}");
    }
    // The intake says what the request says.
    assert_eq!(referral.pc4().to_string(), request.location.to_string()[..4]);
    assert_eq!(referral.care_types(), request.care_types);
    // Every offer ends answered, accepted or withdrawn: none stays open for ever.
    assert!(referral.offers().iter().all(|o| !o.status().is_open()));
}

#[test]
fn report_shows_the_collaboration_answers() {
    let registry = region().unwrap();
    // Words, not line breaks: the prose is wrapped at 100 columns.
    let text = report(&registry).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "via night-care rotation \"Onplanbare nachtzorg Enschede en Losser\"",
        "via subcontracting \"MTH in onderaanneming voor Zorg Haaksbergen-Buurse\"",
        "Tonight, Monday 23 November 2026, 02:30",
        "escalated to Coördinatiepunt Wijkverpleging Twente (unplaced too long)",
        "replaying them gives the same referral: yes",
        "night with nobody on duty: \"Onplanbare nachtzorg Enschede en Losser\", the night of Thu 24 Dec 2026",
        "offer withdrawn: another team started care",
        "although its review, due on Sun 1 Nov 2026, is overdue",
    ] {
        assert!(text.contains(needle), "missing: {needle}");
    }
}
