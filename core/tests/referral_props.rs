//! Property and differential tests of the referral lifecycle and monitoring.
//!
//! `model` below is a deliberately naive second implementation of the transition rules (string
//! statuses, cloned state, one big match) written from the module documentation's tables. The
//! fast path must accept exactly the events the model accepts and end in the same state; refused
//! events must leave the referral unchanged; replaying the accepted events must rebuild the state
//! the incremental path reached; monitoring must equal a naive recomputation.

mod referral_common;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use referral_common::*;
use serde_json::{Value, json};
use wijknet::CareType;
use wijknet::referral::{
    Actor, EscalationTrigger, Event, EventKind, Monitoring, Reason, Referral, ReferralBook, ReferralReason,
    ReferralRow, events_to_json, parse_event, parse_events,
};
use wijknet_fixtures::national_referral_events;

// ----- the naive model ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
struct MOffer {
    team: String,
    status: &'static str,
    reason: Option<String>,
    accepted_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
struct Model {
    id: String,
    referrer: String,
    status: &'static str,
    offers: Vec<MOffer>,
    declines: u32,
    max_declines: Option<(u32, String)>,
    escalation: Option<(String, String, DateTime<Utc>)>,
    placed: Option<(String, DateTime<Utc>)>,
    reason: Option<String>,
    submitted_at: Option<DateTime<Utc>>,
    seq: u64,
    last_at: DateTime<Utc>,
    ids: Vec<String>,
    // monitoring dimensions
    care: Vec<CareType>,
    pc4: String,
    municipality: Option<String>,
    hours_per_week: Option<f64>,
}

fn actor_is(a: &Actor, role: &str, id: &str) -> bool {
    match a {
        Actor::Referrer(x) => role == "referrer" && x.as_str() == id,
        Actor::Team(x) => role == "team" && x.as_str() == id,
        Actor::Coordinator(_) => role == "coordinator",
    }
}

fn model_create(e: &Event) -> Option<Model> {
    let EventKind::Created(i) = &e.kind else { return None };
    if e.seq != 1 {
        return None;
    }
    match &e.actor {
        Actor::Team(_) => return None,
        Actor::Referrer(r) if r != &i.referrer => return None,
        _ => {}
    }
    Some(Model {
        id: e.referral.to_string(),
        referrer: i.referrer.to_string(),
        status: "draft",
        offers: vec![],
        declines: 0,
        max_declines: i.policy.as_ref().map(|p| (p.max_declines, p.accountable.to_string())),
        escalation: None,
        placed: None,
        reason: None,
        submitted_at: None,
        seq: 1,
        last_at: e.at,
        ids: vec![e.id.to_string()],
        care: i.care_types.iter().collect(),
        pc4: i.pc4.to_string(),
        municipality: i.municipality.map(|m| m.to_string()),
        hours_per_week: i.volume.hours_per_week.map(|h| h.get()),
    })
}

fn model_apply(m: &Model, e: &Event) -> Option<Model> {
    if e.referral.as_str() != m.id || m.ids.contains(&e.id.to_string()) || e.seq != m.seq + 1 || e.at < m.last_at {
        return None;
    }
    if ["completed", "cancelled", "failed"].contains(&m.status) {
        return None;
    }
    let mut n = m.clone();
    n.seq = e.seq;
    n.last_at = e.at;
    n.ids.push(e.id.to_string());
    let referrer_ok = actor_is(&e.actor, "referrer", &m.referrer) || actor_is(&e.actor, "coordinator", "");
    let coord_ok = actor_is(&e.actor, "coordinator", "");
    let unplaced = m.status == "requested" || m.status == "escalated";
    let back = if m.escalation.is_some() { "escalated" } else { "requested" };
    let find = |t: &str| m.offers.iter().position(|o| o.team == t);
    // For team events: the actor must be the team, the offer must exist with one of `from`.
    let team_step = |t: &str, from: &[&str]| -> Option<usize> {
        if !actor_is(&e.actor, "team", t) {
            return None;
        }
        let i = find(t)?;
        from.contains(&m.offers[i].status).then_some(i)
    };
    match &e.kind {
        EventKind::Created(_) => return None,
        EventKind::Submitted => {
            if !referrer_ok || m.status != "draft" {
                return None;
            }
            n.status = "requested";
            n.submitted_at = Some(e.at);
        }
        EventKind::OfferSent { team } => {
            if !referrer_ok || !unplaced || find(team.as_str()).is_some() {
                return None;
            }
            n.offers.push(MOffer { team: team.to_string(), status: "requested", reason: None, accepted_at: None });
        }
        EventKind::OfferReceived { team } => {
            let i = team_step(team.as_str(), &["requested"])?;
            n.offers[i].status = "received";
        }
        EventKind::OfferAccepted { team } => {
            let i = team_step(team.as_str(), &["requested", "received"])?;
            if !unplaced {
                return None;
            }
            n.offers[i].status = "accepted";
            n.offers[i].accepted_at = Some(e.at);
            n.status = "accepted";
        }
        EventKind::OfferRejected { team, reason } => {
            let i = team_step(team.as_str(), &["requested", "received"])?;
            n.offers[i].status = "rejected";
            n.offers[i].reason = Some(reason.code().to_string());
            n.declines += 1;
            if let Some((max, acc)) = &m.max_declines {
                if *max > 0 && n.declines >= *max && m.status == "requested" {
                    n.status = "escalated";
                    n.escalation = Some(("declines".into(), acc.clone(), e.at));
                }
            }
        }
        EventKind::OfferCancelled { team, reason } => {
            if !referrer_ok {
                return None;
            }
            let i = find(team.as_str())?;
            let was = m.offers[i].status;
            if !["requested", "received", "accepted"].contains(&was) {
                return None;
            }
            n.offers[i].status = "cancelled";
            n.offers[i].reason = Some(reason.code().to_string());
            if was == "accepted" {
                n.status = back;
            }
        }
        EventKind::CareStarted { team } => {
            let i = team_step(team.as_str(), &["accepted"])?;
            n.offers[i].status = "in_progress";
            n.status = "in_progress";
            if n.placed.is_none() {
                n.placed = Some((team.to_string(), m.offers[i].accepted_at.unwrap()));
            }
            for o in &mut n.offers {
                if o.status == "requested" || o.status == "received" {
                    o.status = "cancelled";
                }
            }
        }
        EventKind::CarePaused { team } => {
            let i = team_step(team.as_str(), &["in_progress"])?;
            n.offers[i].status = "on_hold";
            n.status = "on_hold";
        }
        EventKind::CareResumed { team } => {
            let i = team_step(team.as_str(), &["on_hold"])?;
            n.offers[i].status = "in_progress";
            n.status = "in_progress";
        }
        EventKind::CareCompleted { team } => {
            let i = team_step(team.as_str(), &["in_progress", "on_hold"])?;
            n.offers[i].status = "completed";
            n.status = "completed";
        }
        EventKind::CareFailed { team, reason } => {
            let i = team_step(team.as_str(), &["accepted", "in_progress", "on_hold"])?;
            let was = m.offers[i].status;
            n.offers[i].status = "failed";
            n.offers[i].reason = Some(reason.code().to_string());
            if was == "accepted" {
                n.status = back;
            } else {
                n.status = "failed";
                n.reason = Some(reason.code().to_string());
            }
        }
        EventKind::Escalated { accountable, trigger } => {
            if !coord_ok || m.status != "requested" {
                return None;
            }
            n.status = "escalated";
            n.escalation = Some((trigger.code().to_string(), accountable.to_string(), e.at));
        }
        EventKind::ReferralCancelled { reason } => {
            if !referrer_ok || !["draft", "requested", "escalated", "accepted"].contains(&m.status) {
                return None;
            }
            for o in &mut n.offers {
                if ["requested", "received", "accepted"].contains(&o.status) {
                    o.status = "cancelled";
                }
            }
            n.status = "cancelled";
            n.reason = Some(reason.code().to_string());
        }
        EventKind::ReferralFailed { reason } => {
            if !coord_ok || !unplaced {
                return None;
            }
            for o in &mut n.offers {
                if o.status == "requested" || o.status == "received" {
                    o.status = "cancelled";
                }
            }
            n.status = "failed";
            n.reason = Some(reason.code().to_string());
        }
    }
    Some(n)
}

fn assert_same(r: &Referral, m: &Model) {
    let s = r.summary();
    assert_eq!(s.status.code(), m.status);
    assert_eq!(i64::from(s.declines), i64::from(m.declines));
    assert_eq!(s.placed_team.as_ref().map(|t| t.to_string()), m.placed.as_ref().map(|p| p.0.clone()));
    assert_eq!(s.reason.as_ref().map(|r| r.code().to_string()), m.reason);
    assert_eq!(
        s.escalation.as_ref().map(|e| (e.trigger.code().to_string(), e.accountable.to_string(), e.at)),
        m.escalation
    );
    let offers: Vec<_> = s
        .offers
        .iter()
        .map(|o| (o.team.to_string(), o.status.code(), o.reason.as_ref().map(|r| r.code().to_string())))
        .collect();
    let model: Vec<_> = m.offers.iter().map(|o| (o.team.clone(), o.status, o.reason.clone())).collect();
    assert_eq!(offers, model);
    assert_eq!(r.seq(), m.seq);
}

// ----- random event attempts -------------------------------------------------------------------

const TEAMS: [&str; 4] = ["t-0", "t-1", "t-2", "t-3"];

#[derive(Debug, Clone)]
struct Attempt {
    kind: u8,
    team: usize,
    actor: u8,
    reason: usize,
    delta_min: i64,
    seq_off: u8,
    reuse_id: bool,
}

fn attempt() -> impl Strategy<Value = Attempt> {
    (0u8..15, 0usize..4, 0u8..10, 0usize..7, prop_oneof![9 => 0i64..90, 1 => Just(-5i64)], 0u8..20, 0u8..30).prop_map(
        |(kind, team, actor, reason, delta_min, seq_off, reuse)| Attempt {
            kind,
            team,
            actor,
            reason,
            delta_min,
            seq_off,
            reuse_id: reuse == 0,
        },
    )
}

const REASONS: [ReferralReason; 7] = [
    ReferralReason::NoCapacity,
    ReferralReason::Waitlist,
    ReferralReason::OutsideArea,
    ReferralReason::CareNotOffered,
    ReferralReason::LevelNotAvailable,
    ReferralReason::ClientUnreachable,
    ReferralReason::ClientDeclined,
];

fn build(a: &Attempt, referral: &str, r: &Referral, k: usize) -> Event {
    let t = TEAMS[a.team];
    let rsn = || Reason::new(REASONS[a.reason]).unwrap();
    let kind = match a.kind {
        0 => EventKind::Submitted,
        1 | 2 => EventKind::OfferSent { team: id(t) },
        3 => EventKind::OfferReceived { team: id(t) },
        4 => EventKind::OfferAccepted { team: id(t) },
        5 => EventKind::OfferRejected { team: id(t), reason: rsn() },
        6 => EventKind::OfferCancelled { team: id(t), reason: rsn() },
        7 => EventKind::CareStarted { team: id(t) },
        8 => EventKind::CarePaused { team: id(t) },
        9 => EventKind::CareResumed { team: id(t) },
        10 => EventKind::CareCompleted { team: id(t) },
        11 => EventKind::CareFailed { team: id(t), reason: rsn() },
        12 => EventKind::Escalated {
            accountable: id("cp"),
            trigger: if a.reason % 2 == 0 { EscalationTrigger::Declines } else { EscalationTrigger::UnplacedTooLong },
        },
        13 => EventKind::ReferralCancelled { reason: rsn() },
        _ => EventKind::ReferralFailed { reason: rsn() },
    };
    let team_kind = (3..=11).contains(&a.kind) && a.kind != 6;
    let actor = match a.actor {
        0..=6 if team_kind => team(t),
        0..=6 if a.kind == 12 || a.kind == 14 => coordinator("cp"),
        0..=6 => referrer("gp-1"),
        7 => referrer("gp-2"),
        8 => team(TEAMS[(a.team + 1) % 4]),
        _ => coordinator("cp-other"),
    };
    let seq = if a.seq_off == 0 { r.seq() + 2 } else { r.seq() + 1 };
    let eid = if a.reuse_id && k > 0 { format!("{referral}.e{}", k / 2) } else { format!("{referral}.e{k}") };
    Event { id: id(&eid), referral: id(referral), seq, at: r.last_at() + Duration::minutes(a.delta_min), actor, kind }
}

/// Runs attempts against the fast path and the model; returns the accepted events, the final
/// referral and the final model.
fn run(referral: &str, max_declines: u32, acute: bool, attempts: &[Attempt]) -> (Vec<Event>, Referral, Model) {
    let mut s = Script::new(referral);
    let mut kind =
        intake("gp-1", &[CareType::Nursing, CareType::WoundCare], 7511, acute, Some(policy("cp", 4, 48, max_declines)));
    // Some intakes state their hours (a quarter hour, or 12 hours 20 minutes), some do not.
    if let EventKind::Created(i) = &mut kind {
        i.volume.hours_per_week = match max_declines {
            1 => wijknet::volume::Hours::new(0.25),
            2 => wijknet::volume::Hours::new(12.0 + 1.0 / 3.0),
            _ => None,
        };
    }
    let created = s.push(minutes(0), referrer("gp-1"), kind);
    let mut r = Referral::create(&created).unwrap();
    let mut m = model_create(&created).unwrap();
    let mut accepted = vec![created];
    for (k, a) in attempts.iter().enumerate() {
        let e = build(a, referral, &r, k + 1);
        let before = r.clone();
        let fast = r.apply(&e);
        match (model_apply(&m, &e), fast) {
            (Some(next), Ok(())) => {
                m = next;
                accepted.push(e);
            }
            (None, Err(_)) => assert_eq!(r, before, "refused event changed state: {e:?}"),
            (model, fast) => panic!("model {} but fast path {:?} for {e:?}", model.is_some(), fast),
        }
        assert_same(&r, &m);
    }
    (accepted, r, m)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn fast_path_agrees_with_model_and_replay_rebuilds_state(
        max_declines in 0u32..4,
        acute in any::<bool>(),
        attempts in proptest::collection::vec(attempt(), 0..60),
    ) {
        let (events, r, _m) = run("r-prop", max_declines, acute, &attempts);
        let replayed = Referral::replay(&events).unwrap();
        prop_assert_eq!(&replayed, &r);
        let parsed = parse_events(events_to_json(&events).as_bytes()).unwrap();
        prop_assert_eq!(&parsed, &events);
        prop_assert_eq!(Referral::replay(&parsed).unwrap(), r);
    }

    #[test]
    fn monitoring_agrees_with_naive_recount(
        scripts in proptest::collection::vec((0u32..4, any::<bool>(), proptest::collection::vec(attempt(), 0..40)), 1..8),
    ) {
        let mut all = Vec::new();
        let mut models = Vec::new();
        for (i, (max, acute, attempts)) in scripts.iter().enumerate() {
            let (events, _r, m) = run(&format!("r{i}"), *max, *acute, attempts);
            all.extend(events);
            models.push(m);
        }
        let fast = Monitoring::from_events(&all).unwrap();
        prop_assert_eq!(serde_json::to_value(&fast).unwrap(), naive_monitoring(&models));
        // The order of the referrals does not matter.
        let book = ReferralBook::replay(&all).unwrap();
        let mut rev = book.referrals();
        rev.reverse();
        prop_assert_eq!(Monitoring::from_referrals(rev), fast);
    }

    #[test]
    fn arbitrary_json_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = parse_events(&bytes);
        let _ = parse_event(&bytes);
    }

    #[test]
    fn mutated_valid_documents_never_panic(
        attempts in proptest::collection::vec(attempt(), 0..20),
        cut in 0usize..2000,
        byte in any::<u8>(),
    ) {
        let (events, _, _) = run("r-mut", 2, false, &attempts);
        let mut json = events_to_json(&events).into_bytes();
        if !json.is_empty() {
            let i = cut % json.len();
            json[i] = byte;
        }
        if let Ok(parsed) = parse_events(&json) {
            let _ = ReferralBook::replay(&parsed);
            let _ = Monitoring::from_events(&parsed);
        }
        // Each event of the mutated document on its own, through the single-event entry point.
        if let Ok(Value::Object(doc)) = serde_json::from_slice::<Value>(&json) {
            for e in doc.get("events").and_then(Value::as_array).into_iter().flatten() {
                let _ = parse_event(&serde_json::to_vec(e).unwrap());
            }
        }
    }
}

// ----- naive monitoring --------------------------------------------------------------------------

/// Smallest rank k (1-based) with k * 100 >= p * n, found by counting up.
fn rank(sorted: &[i64], p: usize) -> Value {
    if sorted.is_empty() {
        return Value::Null;
    }
    let mut k = 1;
    while k * 100 < p * sorted.len() {
        k += 1;
    }
    json!(sorted[k - 1])
}

fn stats(mut v: Vec<i64>) -> Value {
    v.sort();
    json!({"count": v.len(), "median_secs": rank(&v, 50), "p90_secs": rank(&v, 90)})
}

fn naive_monitoring(models: &[Model]) -> Value {
    let mut all = vec![];
    let mut by_care: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut by_pc4: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut by_muni: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut offers = vec![];
    let mut declines: BTreeMap<String, u64> = BTreeMap::new();
    let mut d_care: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    let mut d_pc4: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    let mut d_muni: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    let mut escalated = 0u64;
    let mut by_trigger: BTreeMap<String, u64> = BTreeMap::new();
    let mut never: BTreeMap<String, u64> = BTreeMap::new();
    let (mut placed_minutes, mut placed_without_hours) = (0u64, 0u64);
    for m in models {
        offers.push(m.offers.len() as i64);
        if let Some((_, at)) = &m.placed {
            let secs = (*at - m.submitted_at.unwrap()).num_seconds();
            all.push(secs);
            match m.hours_per_week {
                Some(h) => placed_minutes += (h * 60.0).round() as u64,
                None => placed_without_hours += 1,
            }
            for c in &m.care {
                by_care.entry(c.code().into()).or_default().push(secs);
            }
            by_pc4.entry(m.pc4.clone()).or_default().push(secs);
            if let Some(mu) = &m.municipality {
                by_muni.entry(mu.clone()).or_default().push(secs);
            }
        } else {
            *never.entry(m.status.into()).or_default() += 1;
        }
        for o in &m.offers {
            let Some(r) = &o.reason else { continue };
            if o.status != "rejected" && o.status != "cancelled" {
                continue;
            }
            *declines.entry(r.clone()).or_default() += 1;
            for c in &m.care {
                *d_care.entry(c.code().into()).or_default().entry(r.clone()).or_default() += 1;
            }
            *d_pc4.entry(m.pc4.clone()).or_default().entry(r.clone()).or_default() += 1;
            if let Some(mu) = &m.municipality {
                *d_muni.entry(mu.clone()).or_default().entry(r.clone()).or_default() += 1;
            }
        }
        if let Some((trigger, _, _)) = &m.escalation {
            escalated += 1;
            *by_trigger.entry(trigger.clone()).or_default() += 1;
        }
    }
    // Care types sort by their stable index in the fast path, not alphabetically: rebuild in
    // that order (JSON objects compare as maps, so order only matters for humans here).
    let placed = all.len();
    let mut sorted_offers = offers.clone();
    sorted_offers.sort();
    let mut histogram: BTreeMap<String, u64> = BTreeMap::new();
    for n in &offers {
        *histogram.entry(n.to_string()).or_default() += 1;
    }
    let smap =
        |m: BTreeMap<String, Vec<i64>>| -> Value { Value::Object(m.into_iter().map(|(k, v)| (k, stats(v))).collect()) };
    json!({
        "referrals": models.len(),
        "placed": placed,
        "placed_hours_per_week": placed_minutes as f64 / 60.0,
        "placed_without_hours": placed_without_hours,
        "time_to_placement": stats(all),
        "time_to_placement_by_care_type": smap(by_care),
        "time_to_placement_by_pc4": smap(by_pc4),
        "time_to_placement_by_municipality": smap(by_muni),
        "teams_contacted": {
            "median": rank(&sorted_offers, 50),
            "p90": rank(&sorted_offers, 90),
            "histogram": histogram,
        },
        "declines": declines,
        "declines_by_care_type": d_care,
        "declines_by_pc4": d_pc4,
        "declines_by_municipality": d_muni,
        "escalated": escalated,
        "escalated_by_trigger": by_trigger,
        "never_placed": never,
    })
}

// ----- the generated national year -----------------------------------------------------------------

#[test]
fn generated_year_is_valid_and_monitoring_matches_naive_recount() {
    let events = national_referral_events(7, 3000);
    assert_eq!(events, national_referral_events(7, 3000), "same seed, same events");
    assert_ne!(events, national_referral_events(8, 3000));
    // Every event is accepted by the model too, and the figures agree.
    let mut models: BTreeMap<String, Model> = BTreeMap::new();
    for e in &events {
        let key = e.referral.to_string();
        let next = match models.get(&key) {
            None => model_create(e),
            Some(m) => model_apply(m, e),
        };
        models.insert(key, next.unwrap_or_else(|| panic!("model refuses generated event {e:?}")));
    }
    let models: Vec<Model> = models.into_values().collect();
    let fast = Monitoring::from_events(&events).unwrap();
    assert_eq!(serde_json::to_value(&fast).unwrap(), naive_monitoring(&models));
    // A realistic mix: most placed after one to four offers, some escalations of both kinds.
    assert_eq!(fast.referrals, 3000);
    assert!(fast.placed > 2400 && fast.placed < 2850, "placed {}", fast.placed);
    let one_to_four: i64 = (1..=4).filter_map(|n| fast.teams_contacted.histogram.get(&n)).sum();
    assert!(one_to_four * 10 > fast.referrals * 8, "{:?}", fast.teams_contacted.histogram);
    assert!(fast.escalated_by_trigger.get(&EscalationTrigger::Declines).copied().unwrap_or(0) > 20);
    assert!(fast.escalated_by_trigger.get(&EscalationTrigger::UnplacedTooLong).copied().unwrap_or(0) > 20);
    assert!(fast.declines[&ReferralReason::NoCapacity] > fast.declines[&ReferralReason::Waitlist]);
    // Rows are a flat, complete view: the decline rows add up to the decline totals.
    let rows = fast.rows();
    let declined: i64 = rows.iter().filter(|r| r.metric == "declines" && r.dimension == "all").map(|r| r.count).sum();
    assert_eq!(declined, fast.declines.values().sum::<i64>());
    assert_eq!(rows, fast.rows(), "deterministic");
    // Per-referral rows agree with the figures.
    let book = ReferralBook::replay(&events).unwrap();
    let per_referral = ReferralRow::of_book(&book);
    assert_eq!(per_referral.len(), 3000);
    assert_eq!(per_referral.iter().filter(|r| r.placed).count() as i64, fast.placed);
    assert_eq!(per_referral.iter().filter(|r| r.escalation_trigger.is_some()).count() as i64, fast.escalated);
    let mut times: Vec<i64> = per_referral.iter().filter_map(|r| r.time_to_placement_secs).collect();
    times.sort();
    assert_eq!(rank(&times, 50), json!(fast.time_to_placement.median_secs));
    assert!(per_referral.windows(2).all(|w| w[0].referral < w[1].referral));
    let j = serde_json::to_value(&per_referral[0]).unwrap();
    assert!(j["created_at"].as_str().unwrap().ends_with('Z') && j["pc4"].is_string(), "{j}");
}

/// Monitoring figures written as JSON read back to equal figures (what a binding pickles), and
/// text that is not such figures is a `json` error without the text in it.
#[test]
fn monitoring_json_reads_back_to_equal_figures() {
    let book = wijknet::referral::ReferralBook::replay(&national_referral_events(5, 2_000)).unwrap();
    let m = Monitoring::from_book(&book);
    assert_eq!(Monitoring::from_json(&m.to_json()).unwrap(), m);
    let e = Monitoring::from_json(r#"{"referrals":"secret-name"}"#).unwrap_err();
    assert_eq!(e.code(), "json");
    assert!(!e.to_string().contains("secret-name"), "{e}");
}
