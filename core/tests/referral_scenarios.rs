//! Scenarios taken from the sources (Zorgschakel Enschede, Westland–Schieland–Delfland, a client
//! who declines) and the bad inputs the issue names.

mod referral_common;

use chrono::Duration;
use referral_common::*;
use wijknet::referral::{
    Actor, EscalationTrigger, Event, EventKind, Monitoring, OfferStatus, Reason, Referral, ReferralBook,
    ReferralReason, ReferralStatus, check_escalation, events_to_json, parse_events,
};
use wijknet::{CareType, Error};

fn apply_all(script: &Script) -> Referral {
    Referral::replay(&script.events).unwrap()
}

/// Applies an event that must fail and checks the referral did not change.
fn refused(r: &mut Referral, e: &Event) -> Error {
    let before = r.clone();
    let err = r.apply(e).unwrap_err();
    assert_eq!(*r, before, "a refused event changed the referral");
    err
}

#[test]
fn joint_intake_of_four_providers() {
    // Zorgschakel: one coordination of new requests for four providers; the request goes to all
    // four at once, three decline with different reasons, one accepts.
    let mut s = Script::new("r-enschede-1");
    let cp = "cp-zorgschakel";
    s.push(
        minutes(0),
        coordinator(cp),
        intake("gp-7", &[CareType::WoundCare], 7511, false, Some(policy(cp, 24, 120, 4))),
    );
    s.push(minutes(1), coordinator(cp), EventKind::Submitted);
    for t in ["t-a", "t-b", "t-c", "t-d"] {
        s.push(minutes(2), coordinator(cp), offer_sent(t));
    }
    s.push(minutes(30), team("t-a"), rejected("t-a", ReferralReason::NoCapacity));
    s.push(minutes(45), team("t-b"), rejected("t-b", ReferralReason::CareNotOffered));
    s.push(minutes(50), team("t-c"), EventKind::OfferReceived { team: id("t-c") });
    s.push(minutes(90), team("t-c"), accepted("t-c"));
    s.push(minutes(95), team("t-d"), rejected("t-d", ReferralReason::Waitlist));
    s.push(minutes(60 * 24), team("t-c"), started("t-c"));
    let r = apply_all(&s);

    assert_eq!(r.status(), ReferralStatus::InProgress);
    assert_eq!(r.declines(), 3);
    assert!(r.escalation().is_none(), "3 declines stay under the limit of 4");
    let (placed, accepted_at) = r.placement().unwrap();
    assert_eq!(placed.as_str(), "t-c");
    assert_eq!(accepted_at, minutes(90));
    let statuses: Vec<_> = r.offers().iter().map(|o| (o.team().as_str(), o.status())).collect();
    assert_eq!(
        statuses,
        [
            ("t-a", OfferStatus::Rejected),
            ("t-b", OfferStatus::Rejected),
            ("t-c", OfferStatus::InProgress),
            ("t-d", OfferStatus::Rejected)
        ]
    );

    let m = Monitoring::from_events(&s.events).unwrap();
    assert_eq!(m.placed, 1);
    assert_eq!(m.time_to_placement.median_secs, Some(89 * 60), "submitted at +1 min, accepted at +90 min");
    assert_eq!(m.teams_contacted.histogram.get(&4), Some(&1));
    let wound = &m.declines_by_care_type[&CareType::WoundCare];
    assert_eq!(wound.len(), 3);
    assert_eq!(wound[&ReferralReason::NoCapacity], 1);
    assert_eq!(wound[&ReferralReason::CareNotOffered], 1);
    assert_eq!(wound[&ReferralReason::Waitlist], 1);
    assert_eq!(m.escalated, 0);
    assert!(m.never_placed.is_empty());
}

#[test]
fn late_answer_after_another_team_accepted_is_refused() {
    let mut s = Script::new("r-late");
    s.push(minutes(0), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 2611, false, None));
    s.push(minutes(1), referrer("gp-1"), EventKind::Submitted);
    s.push(minutes(2), referrer("gp-1"), offer_sent("t-a"));
    s.push(minutes(2), referrer("gp-1"), offer_sent("t-b"));
    s.push(minutes(10), team("t-a"), accepted("t-a"));
    let mut r = apply_all(&s);
    let e = s.next(minutes(11), team("t-b"), accepted("t-b"));
    match refused(&mut r, &e) {
        Error::Transition { referral, field, from, reason, .. } => {
            assert_eq!(referral.as_str(), "r-late");
            assert_eq!(field, "status");
            assert_eq!(from, "accepted");
            assert!(reason.contains("`t-a`"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Care start withdraws the open offer of t-b without a reason (not a decline).
    s.push(minutes(20), team("t-a"), started("t-a"));
    let r = apply_all(&s);
    let b = &r.offers()[1];
    assert_eq!((b.status(), b.reason()), (OfferStatus::Cancelled, None));
    let m = Monitoring::from_events(&s.events).unwrap();
    assert!(m.declines.is_empty());
}

#[test]
fn coordination_point_routes_acute_gp_request_and_escalates_after_acute_limit() {
    // Westland–Schieland–Delfland: a coordination point routes acute requests from GPs; acute
    // referrals may stay unplaced at most 4 hours here.
    let cp = "cp-wsd";
    let pol = policy(cp, 4, 72, 3);
    let mut s = Script::new("r-wsd-acute");
    s.push(
        minutes(0),
        referrer("gp-delft"),
        intake("gp-delft", &[CareType::PalliativeTerminal], 2611, true, Some(pol.clone())),
    );
    s.push(minutes(5), referrer("gp-delft"), EventKind::Submitted);
    s.push(minutes(6), coordinator(cp), offer_sent("t-delft-1"));
    s.push(minutes(40), team("t-delft-1"), rejected("t-delft-1", ReferralReason::NoCapacity));
    let mut r = apply_all(&s);

    assert_eq!(check_escalation(&r, &pol, minutes(5 + 3 * 60)).unwrap(), None, "within the acute limit");
    assert_eq!(check_escalation(&r, &pol, minutes(5 + 4 * 60)).unwrap(), None, "exactly at the limit is not past it");
    let non_acute_view = check_escalation(&r, &policy(cp, 72, 72, 3), minutes(5 + 5 * 60)).unwrap();
    assert_eq!(non_acute_view, None, "the acute limit is what applies");

    let esc = check_escalation(&r, &pol, minutes(5 + 4 * 60 + 1)).unwrap().expect("past the acute limit");
    assert_eq!(esc.seq, r.seq() + 1);
    assert_eq!(esc.actor, coordinator(cp));
    assert_eq!(esc.kind, EventKind::Escalated { accountable: id(cp), trigger: EscalationTrigger::UnplacedTooLong });
    assert_eq!(esc.id.as_str(), "r-wsd-acute:escalation");
    s.events.push(esc.clone());
    r.apply(&esc).unwrap();
    assert_eq!(r.status(), ReferralStatus::Escalated);
    assert_eq!(check_escalation(&r, &pol, minutes(10_000)).unwrap(), None, "escalates once");

    // The accountable party finds a team; the escalation stays on record.
    s.push(minutes(300), coordinator(cp), offer_sent("t-westland-2"));
    s.push(minutes(320), team("t-westland-2"), accepted("t-westland-2"));
    s.push(minutes(400), team("t-westland-2"), started("t-westland-2"));
    let r = apply_all(&s);
    assert_eq!(r.status(), ReferralStatus::InProgress);
    let summary = r.summary();
    let escalation = summary.escalation.unwrap();
    assert_eq!((escalation.trigger, escalation.accountable.as_str()), (EscalationTrigger::UnplacedTooLong, cp));
    assert_eq!(escalation.at, minutes(5 + 4 * 60 + 1));

    let m = Monitoring::from_events(&s.events).unwrap();
    assert_eq!(m.escalated, 1);
    assert_eq!(m.escalated_by_trigger[&EscalationTrigger::UnplacedTooLong], 1);
}

#[test]
fn reaching_the_decline_limit_escalates_inside_the_reject() {
    let pol = policy("cp-zwolle", 24, 120, 2);
    let mut s = Script::new("r-zwolle");
    s.push(minutes(0), referrer("gp-z"), intake("gp-z", &[CareType::Nursing], 8011, false, Some(pol.clone())));
    s.push(minutes(1), referrer("gp-z"), EventKind::Submitted);
    s.push(minutes(2), referrer("gp-z"), offer_sent("t-1"));
    s.push(minutes(2), referrer("gp-z"), offer_sent("t-2"));
    s.push(minutes(3), team("t-1"), rejected("t-1", ReferralReason::NoCapacity));
    let r = apply_all(&s);
    assert_eq!(r.status(), ReferralStatus::Requested);
    s.push(minutes(9), team("t-2"), rejected("t-2", ReferralReason::OutsideArea));
    let r = apply_all(&s);
    assert_eq!(r.status(), ReferralStatus::Escalated);
    let esc = r.escalation().unwrap();
    assert_eq!((esc.at, esc.trigger, esc.accountable.as_str()), (minutes(9), EscalationTrigger::Declines, "cp-zwolle"));
    assert_eq!(check_escalation(&r, &pol, minutes(100_000)).unwrap(), None);

    // Without a policy in the referral, the host's check finds the decline trigger.
    let mut s2 = Script::new("r-zwolle-2");
    s2.push(minutes(0), referrer("gp-z"), intake("gp-z", &[CareType::Nursing], 8011, false, None));
    s2.push(minutes(1), referrer("gp-z"), EventKind::Submitted);
    s2.push(minutes(2), referrer("gp-z"), offer_sent("t-1"));
    s2.push(minutes(2), referrer("gp-z"), offer_sent("t-2"));
    s2.push(minutes(3), team("t-1"), rejected("t-1", ReferralReason::NoCapacity));
    s2.push(minutes(9), team("t-2"), rejected("t-2", ReferralReason::OutsideArea));
    let r2 = apply_all(&s2);
    assert_eq!(r2.status(), ReferralStatus::Requested);
    let e = check_escalation(&r2, &pol, minutes(10)).unwrap().unwrap();
    assert!(matches!(e.kind, EventKind::Escalated { trigger: EscalationTrigger::Declines, .. }));
}

#[test]
fn client_declines_the_accepted_team_and_then_the_referral() {
    let mut s = Script::new("r-client");
    s.push(minutes(0), referrer("gp-3"), intake("gp-3", &[CareType::PersonalCare], 1011, false, None));
    s.push(minutes(1), referrer("gp-3"), EventKind::Submitted);
    s.push(minutes(2), referrer("gp-3"), offer_sent("t-x"));
    s.push(minutes(60), team("t-x"), accepted("t-x"));
    s.push(
        minutes(120),
        referrer("gp-3"),
        EventKind::OfferCancelled { team: id("t-x"), reason: reason(ReferralReason::ClientDeclined) },
    );
    let r = apply_all(&s);
    assert_eq!(r.status(), ReferralStatus::Requested, "back to looking for a team");
    assert_eq!(r.offers()[0].accepted_at(), Some(minutes(60)));
    // The declined team cannot start care now.
    let mut r2 = r.clone();
    let e = s.next(minutes(130), team("t-x"), started("t-x"));
    assert_eq!(refused(&mut r2, &e).code(), "transition");

    s.push(minutes(180), referrer("gp-3"), offer_sent("t-y"));
    s.push(
        minutes(200),
        referrer("gp-3"),
        EventKind::ReferralCancelled { reason: reason(ReferralReason::ClientDeclined) },
    );
    let r = apply_all(&s);
    assert_eq!(r.status(), ReferralStatus::Cancelled);
    assert_eq!(r.reason().map(Reason::code), Some(ReferralReason::ClientDeclined));
    assert_eq!(r.offers()[1].status(), OfferStatus::Cancelled);
    assert_eq!(r.offers()[1].reason(), None);

    let m = Monitoring::from_events(&s.events).unwrap();
    assert_eq!(m.declines[&ReferralReason::ClientDeclined], 1, "the explicit offer cancellation counts");
    assert_eq!(m.never_placed[&ReferralStatus::Cancelled], 1);
    assert_eq!(m.placed, 0);
}

#[test]
fn wrong_actor_is_refused_and_names_who_may() {
    let mut s = Script::new("r-actor");
    s.push(minutes(0), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    s.push(minutes(1), referrer("gp-1"), EventKind::Submitted);
    s.push(minutes(2), referrer("gp-1"), offer_sent("t-a"));
    let mut r = apply_all(&s);

    let cases = [
        (team("t-b"), accepted("t-a")),
        (referrer("gp-1"), accepted("t-a")),
        (coordinator("cp"), rejected("t-a", ReferralReason::NoCapacity)),
        (referrer("gp-2"), offer_sent("t-c")),
        (team("t-a"), EventKind::ReferralCancelled { reason: reason(ReferralReason::ClientDeclined) }),
        (referrer("gp-1"), EventKind::ReferralFailed { reason: reason(ReferralReason::NoCapacity) }),
        (referrer("gp-1"), EventKind::Escalated { accountable: id("cp"), trigger: EscalationTrigger::Declines }),
    ];
    for (actor, kind) in cases {
        let e = s.next(minutes(3), actor, kind);
        match refused(&mut r, &e) {
            Error::WrongActor { referral, event, allowed, .. } => {
                assert_eq!(referral, "r-actor");
                assert_eq!(event, "r-actor.4");
                assert!(!allowed.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
    let e = s.next(minutes(3), team("t-b"), accepted("t-a"));
    assert_eq!(
        r.apply(&e).unwrap_err().to_string(),
        "referral `r-actor`: event `r-actor.4` (`offer_accepted`) by team `t-b` is not allowed: only the offer's own team `t-a` may do this"
    );
    // A created event by a team, or by another referrer than the one named.
    let s2 = Script::new("r-actor-2");
    let e = s2.next(minutes(0), team("t-a"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    assert_eq!(Referral::create(&e).unwrap_err().code(), "wrong_actor");
    let e = s2.next(minutes(0), referrer("gp-9"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    assert_eq!(Referral::create(&e).unwrap_err().code(), "wrong_actor");
}

#[test]
fn duplicate_event_is_an_error() {
    let mut s = Script::new("r-dup");
    s.push(minutes(0), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    let sub = s.push(minutes(1), referrer("gp-1"), EventKind::Submitted);
    let mut r = apply_all(&s);
    let err = refused(&mut r, &sub);
    assert_eq!(err, Error::DuplicateEvent { referral: "r-dup".into(), event: "r-dup.2".into() });
    assert_eq!(err.code(), "duplicate_event");
    // Same id with a fresh seq is still a duplicate.
    let mut again = s.next(minutes(2), referrer("gp-1"), offer_sent("t-a"));
    again.id = id("r-dup.1");
    assert_eq!(refused(&mut r, &again).code(), "duplicate_event");
    // Through a book and a JSON document, too.
    let mut events = s.events.clone();
    events.push(sub);
    let parsed = parse_events(events_to_json(&events).as_bytes()).unwrap();
    assert_eq!(ReferralBook::replay(&parsed).unwrap_err().code(), "duplicate_event");
}

#[test]
fn unknown_reason_code_in_json_is_reported_with_its_path_and_all_problems_at_once() {
    let doc = r#"{"schema":"wijknet.referral-events/v1","events":[
      {"id":"e1","referral":"r1","seq":1,"at":"2026-03-02T09:00:00Z","actor":{"role":"referrer","id":"gp-1"},
       "type":"created","referrer":"gp-1","care_types":["wound_care","massage"],"pc4":"0999","acute":false},
      {"id":"e2","referral":"r1","seq":2,"at":"2026-03-02T09:01:00Z","actor":{"role":"referrer","id":"gp-1"},"type":"submitted"},
      {"id":"e3","referral":"r1","seq":3,"at":"2026-03-02T09:02:00Z","actor":{"role":"team","id":"t-a"},
       "type":"offer_rejected","team":"t-a","reason":{"code":"too_far"}},
      {"id":"e4","referral":"r1","seq":4,"at":"yesterday","actor":{"role":"nurse","id":"t-a"},
       "type":"offer_accepted","team":"t-a","reason":{"code":"no_capacity"}},
      {"id":"e5","referral":"r1","seq":5,"at":"2026-03-02T09:03:00Z","actor":{"role":"team","id":"t-a"},
       "type":"offer_rejected","team":"t-a","reason":{"code":"other"}},
      {"id":"e6","referral":"r1","seq":6,"at":"2026-03-02T09:03:00Z","actor":{"role":"team","id":"t-a"},
       "type":"offer_rejected","team":"t-a","reason":{"code":"waitlist","text":"Mevrouw Jansen, Dorpsstraat 1"}}
    ]}"#;
    let err = parse_events(doc.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let paths: Vec<_> = err.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        [
            "$.events[0].care_types[1]",
            "$.events[0].pc4",
            "$.events[2].reason.code",
            "$.events[3].at",
            "$.events[3].actor.role",
            "$.events[3].reason",
            "$.events[4].reason",
            "$.events[5].reason.text",
        ]
    );
    let text = format!("{err} {:?}", err.problems());
    assert!(text.contains("unknown reason code: expected `no_capacity`"), "{text}");
    assert!(text.contains("unknown actor role code: expected `referrer`, `team` or `coordinator`"), "{text}");
    for value in ["too_far", "yesterday", "nurse", "massage", "0999", "Jansen", "Dorpsstraat"] {
        assert!(!text.contains(value), "input value `{value}` echoed: {text}");
    }

    // Structural problems: wrong schema, unknown field, wrong JSON type.
    assert_eq!(parse_events(br#"{"schema":"wijknet.referral-events/v2","events":[]}"#).unwrap_err().code(), "schema");
    let e = parse_events(br#"{"schema":"wijknet.referral-events/v1","events":[{"id":"e1","bogus":1}]}"#).unwrap_err();
    assert_eq!(e.code(), "json");
    let e =
        parse_events(br#"{"schema":"wijknet.referral-events/v1","events":[{"id":"e1","referral":"r1","seq":"1"}]}"#)
            .unwrap_err();
    assert_eq!(e.problems()[0].path, "$.events[0].seq");
}

#[test]
fn nothing_follows_completed() {
    let mut s = Script::new("r-done");
    s.push(minutes(0), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    s.push(minutes(1), referrer("gp-1"), EventKind::Submitted);
    s.push(minutes(2), referrer("gp-1"), offer_sent("t-a"));
    s.push(minutes(3), team("t-a"), accepted("t-a"));
    s.push(minutes(4), team("t-a"), started("t-a"));
    s.push(minutes(5), team("t-a"), EventKind::CarePaused { team: id("t-a") });
    s.push(minutes(6), team("t-a"), EventKind::CareResumed { team: id("t-a") });
    s.push(minutes(7), team("t-a"), completed("t-a"));
    let mut r = apply_all(&s);
    assert_eq!(r.status(), ReferralStatus::Completed);
    for (actor, kind) in [
        (team("t-a"), started("t-a")),
        (referrer("gp-1"), offer_sent("t-b")),
        (referrer("gp-1"), EventKind::ReferralCancelled { reason: reason(ReferralReason::ClientDeclined) }),
        (team("t-a"), completed("t-a")),
    ] {
        let e = s.next(minutes(8), actor, kind);
        match refused(&mut r, &e) {
            Error::Transition { referral, field, from, .. } => {
                assert_eq!((referral.as_str(), field.as_str(), from), ("r-done", "status", "completed"));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn order_and_version_rules() {
    let mut s = Script::new("r-order");
    s.push(minutes(10), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    let mut r = apply_all(&s);
    // Time going backwards.
    let e = s.next(minutes(9), referrer("gp-1"), EventKind::Submitted);
    match refused(&mut r, &e) {
        Error::Transition { field, .. } => assert_eq!(field, "at"),
        other => panic!("{other:?}"),
    }
    // A gap in seq: the writer worked on a stale version.
    let mut e = s.next(minutes(11), referrer("gp-1"), EventKind::Submitted);
    e.seq = 5;
    assert_eq!(
        refused(&mut r, &e),
        Error::VersionConflict { what: "referral", id: "r-order".into(), expected: 4, actual: 1 }
    );
    // Event of another referral.
    let mut e = s.next(minutes(11), referrer("gp-1"), EventKind::Submitted);
    e.referral = id("r-other");
    assert_eq!(refused(&mut r, &e).code(), "transition");
    // Offers need a submitted referral; an offer per team only once.
    let e = s.next(minutes(11), referrer("gp-1"), offer_sent("t-a"));
    assert_eq!(refused(&mut r, &e).code(), "transition");
    s.push(minutes(11), referrer("gp-1"), EventKind::Submitted);
    s.push(minutes(12), referrer("gp-1"), offer_sent("t-a"));
    let mut r = apply_all(&s);
    let e = s.next(minutes(13), referrer("gp-1"), offer_sent("t-a"));
    match refused(&mut r, &e) {
        Error::Transition { field, .. } => assert_eq!(field, "offers[t-a]"),
        other => panic!("{other:?}"),
    }
    // Answering an offer that does not exist.
    let e = s.next(minutes(13), team("t-z"), accepted("t-z"));
    match refused(&mut r, &e) {
        Error::Transition { field, from, .. } => assert_eq!((field.as_str(), from), ("offers[t-z].status", "none")),
        other => panic!("{other:?}"),
    }
    // A second created event.
    let e = s.next(minutes(13), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    assert_eq!(refused(&mut r, &e).code(), "transition");
    // An event for a referral nobody created.
    let mut book = ReferralBook::new();
    assert_eq!(book.apply(&s.events[1]).unwrap_err().code(), "not_found");
}

#[test]
fn care_failing_before_start_reopens_after_start_fails_the_referral() {
    let mut s = Script::new("r-fail");
    s.push(minutes(0), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    s.push(minutes(1), referrer("gp-1"), EventKind::Submitted);
    s.push(minutes(2), referrer("gp-1"), offer_sent("t-a"));
    s.push(minutes(3), team("t-a"), accepted("t-a"));
    s.push(
        minutes(4),
        team("t-a"),
        EventKind::CareFailed { team: id("t-a"), reason: reason(ReferralReason::NoCapacity) },
    );
    assert_eq!(apply_all(&s).status(), ReferralStatus::Requested);
    s.push(minutes(5), referrer("gp-1"), offer_sent("t-b"));
    s.push(minutes(6), team("t-b"), accepted("t-b"));
    s.push(minutes(7), team("t-b"), started("t-b"));
    s.push(
        minutes(8),
        team("t-b"),
        EventKind::CareFailed { team: id("t-b"), reason: reason(ReferralReason::ClientUnreachable) },
    );
    let r = apply_all(&s);
    assert_eq!(r.status(), ReferralStatus::Failed);
    assert_eq!(r.placement().map(|(t, _)| t.as_str()), Some("t-b"), "it was placed before it failed");
    // A coordinator closes an unplaced referral as failed.
    let mut s = Script::new("r-fail-2");
    s.push(minutes(0), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 1011, false, None));
    s.push(minutes(1), referrer("gp-1"), EventKind::Submitted);
    s.push(minutes(2), referrer("gp-1"), offer_sent("t-a"));
    s.push(minutes(600), coordinator("cp"), EventKind::ReferralFailed { reason: reason(ReferralReason::NoCapacity) });
    let r = apply_all(&s);
    assert_eq!((r.status(), r.offers()[0].status()), (ReferralStatus::Failed, OfferStatus::Cancelled));
    let m = Monitoring::from_events(&s.events).unwrap();
    assert_eq!(m.never_placed[&ReferralStatus::Failed], 1);
}

#[test]
fn events_round_trip_through_json() {
    let mut s = Script::new("r-json");
    let pol = policy("cp-1", 24, 120, 3);
    s.push(
        minutes(0),
        coordinator("cp-1"),
        intake("gp-1", &[CareType::Nursing, CareType::WoundCare], 1011, true, Some(pol)),
    );
    s.push(minutes(1), coordinator("cp-1"), EventKind::Submitted);
    s.push(minutes(2), coordinator("cp-1"), offer_sent("t-a"));
    let other = Reason::with_text(ReferralReason::Other, Some("team on training day")).unwrap();
    s.push(minutes(3), team("t-a"), EventKind::OfferRejected { team: id("t-a"), reason: other });
    s.push(
        minutes(4) + Duration::milliseconds(250),
        coordinator("cp-1"),
        EventKind::Escalated { accountable: id("cp-1"), trigger: EscalationTrigger::UnplacedTooLong },
    );
    let json = events_to_json(&s.events);
    assert!(json.contains(r#""at":"2026-03-02T09:04:00.250Z""#), "{json}");
    assert!(json.contains(r#""reason":{"code":"other","text":"team on training day"}"#), "{json}");
    assert_eq!(parse_events(json.as_bytes()).unwrap(), s.events);
    let _ = Actor::Team(id("x"));
}

#[test]
fn a_refused_created_event_leaves_the_book_unchanged() {
    let mut bad = policy("cp", 24, 120, 3);
    bad.max_unplaced_acute = Duration::zero();
    let mut s = Script::new("r-bad-policy");
    let e = s.push(minutes(0), referrer("gp-1"), intake("gp-1", &[CareType::Nursing], 1011, true, Some(bad)));
    let mut book = ReferralBook::new();
    match book.apply(&e).unwrap_err() {
        Error::Transition { field, .. } => assert_eq!(field, "policy.max_unplaced_acute_secs"),
        other => panic!("{other:?}"),
    }
    assert!(book.is_empty());
    let e = s.next(minutes(0), referrer("gp-1"), intake("gp-1", &[], 1011, true, None));
    assert_eq!(book.apply(&e).unwrap_err().code(), "transition");
    assert!(book.is_empty() && book.get("r-bad-policy").is_none());
    // The JSON layer reports the same limits with a path.
    let doc = r#"{"schema":"wijknet.referral-events/v1","events":[
      {"id":"e1","referral":"r1","seq":1,"at":"2026-03-02T09:00:00+01:00","actor":{"role":"referrer","id":"gp-1"},
       "type":"created","referrer":"gp-1","care_types":[],"pc4":"1011","acute":true,
       "policy":{"accountable":"cp","max_unplaced_acute_secs":0,"max_unplaced_non_acute_secs":3600,"max_declines":3}}]}"#;
    let paths: Vec<_> = parse_events(doc.as_bytes()).unwrap_err().problems().into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["$.events[0].care_types", "$.events[0].policy.max_unplaced_acute_secs"]);
}
