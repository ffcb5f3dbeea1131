//! Helpers shared by the referral test files: terse event construction.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use wijknet::referral::{Actor, EscalationPolicy, Event, EventKind, Intake, Reason, ReferralReason};
use wijknet::{CareType, CodeSet, Id, MunicipalityCode, Pc4};

pub fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

pub fn minutes(m: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(m)
}

pub fn referrer(s: &str) -> Actor {
    Actor::Referrer(id(s))
}
pub fn team(s: &str) -> Actor {
    Actor::Team(id(s))
}
pub fn coordinator(s: &str) -> Actor {
    Actor::Coordinator(id(s))
}

pub fn reason(code: ReferralReason) -> Reason {
    Reason::new(code).unwrap()
}

pub fn policy(accountable: &str, acute_h: i64, non_acute_h: i64, max_declines: u32) -> EscalationPolicy {
    EscalationPolicy {
        accountable: id(accountable),
        max_unplaced_acute: Duration::hours(acute_h),
        max_unplaced_non_acute: Duration::hours(non_acute_h),
        max_declines,
    }
}

pub fn intake(gp: &str, care: &[CareType], pc4: u16, acute: bool, policy: Option<EscalationPolicy>) -> EventKind {
    EventKind::Created(Box::new(Intake {
        referrer: id(gp),
        care_types: care.iter().copied().collect::<CodeSet<CareType>>(),
        pc4: Pc4::new(pc4).unwrap(),
        municipality: Some(MunicipalityCode::parse("GM0153").unwrap()),
        acute,
        policy,
        volume: wijknet::volume::Volume::UNKNOWN,
    }))
}

/// Builds the events of one referral with consecutive seq numbers and ids `<referral>.<seq>`.
pub struct Script {
    pub referral: Id,
    pub events: Vec<Event>,
}

impl Script {
    pub fn new(referral: &str) -> Self {
        Self { referral: id(referral), events: Vec::new() }
    }
    /// The next event (not stored): for testing rejections.
    pub fn next(&self, at: DateTime<Utc>, actor: Actor, kind: EventKind) -> Event {
        let seq = self.events.len() as u64 + 1;
        Event { id: id(&format!("{}.{seq}", self.referral)), referral: self.referral.clone(), seq, at, actor, kind }
    }
    pub fn push(&mut self, at: DateTime<Utc>, actor: Actor, kind: EventKind) -> Event {
        let e = self.next(at, actor, kind);
        self.events.push(e.clone());
        e
    }
}

pub fn offer_sent(t: &str) -> EventKind {
    EventKind::OfferSent { team: id(t) }
}
pub fn accepted(t: &str) -> EventKind {
    EventKind::OfferAccepted { team: id(t) }
}
pub fn rejected(t: &str, code: ReferralReason) -> EventKind {
    EventKind::OfferRejected { team: id(t), reason: reason(code) }
}
pub fn started(t: &str) -> EventKind {
    EventKind::CareStarted { team: id(t) }
}
pub fn completed(t: &str) -> EventKind {
    EventKind::CareCompleted { team: id(t) }
}
