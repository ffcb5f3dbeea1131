//! A deterministic synthetic referral history, for benchmarks, tests and demos.
//!
//! The national scale from the sources: about 18,000 new clients a month, so about 216,000
//! referrals a year. The mix is invented but plausible: most referrals are placed after one to
//! four offers, teams decline mostly for lack of capacity, some referrals escalate (too many
//! declines, or unplaced too long), a few are cancelled or fail. The same seed always gives the
//! same events; the pseudo-random generator is a hand-written SplitMix64, so no dependency and
//! identical output on every platform.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::escalation::{EscalationPolicy, escalation_event_id};
use super::event::{Actor, Event, EventKind, Intake};
use super::state::{EscalationTrigger, Reason, ReasonCode};
use crate::codes::{CareType, CodeSet};
use crate::ids::{Id, MunicipalityCode, Pc4};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for synthetic data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n` > 0; multiply-shift, bias negligible for these sizes).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
    /// Uniform in `lo..=hi` (`lo` when `hi` is below it); any bounds, no overflow.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        // The span fits in u64 for any two i64; the whole i64 range needs all 64 bits.
        let span = hi.abs_diff(lo);
        let offset = if span == u64::MAX { self.next_u64() } else { self.below(span + 1) };
        lo.wrapping_add(offset as i64)
    }
    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
    /// Picks an index by integer weights (the last index when every weight is 0; 0 for an empty
    /// list). Weights summing beyond `u64::MAX` are capped at that sum.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let total = weights.iter().fold(0u64, |a, w| a.saturating_add(*w));
        let mut x = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len().saturating_sub(1)
    }
}

/// Referrals a year at national scale (18,000 a month).
pub const NATIONAL_REFERRALS_PER_YEAR: usize = 216_000;

/// Most referrals [`national_year`] generates: four national years (some six million events,
/// gigabytes in memory). A larger request is cut to this many.
pub const MAX_GENERATED_REFERRALS: usize = 4 * NATIONAL_REFERRALS_PER_YEAR;

/// The acute limit used by the generated coordination points.
pub const ACUTE_LIMIT: Duration = Duration::hours(24);
/// The non-acute limit used by the generated coordination points.
pub const NON_ACUTE_LIMIT: Duration = Duration::days(5);
/// The decline limit used by the generated coordination points.
pub const MAX_DECLINES: u32 = 4;

const CARE: [CareType; 10] = [
    CareType::PersonalCare,
    CareType::Nursing,
    CareType::WoundCare,
    CareType::MedicalTechnical,
    CareType::PalliativeTerminal,
    CareType::DementiaCaseManagement,
    CareType::PlannedNightCare,
    CareType::MentalHealthNursing,
    CareType::ChildHomeNursing,
    CareType::WmoHouseholdHelp,
];
const CARE_WEIGHTS: [u64; 10] = [350, 250, 120, 80, 50, 50, 30, 40, 10, 20];
const REASONS: [ReasonCode; 8] = [
    ReasonCode::NoCapacity,
    ReasonCode::Waitlist,
    ReasonCode::OutsideArea,
    ReasonCode::CareNotOffered,
    ReasonCode::LevelNotAvailable,
    ReasonCode::ClientUnreachable,
    ReasonCode::ClientDeclined,
    ReasonCode::Other,
];
const REASON_WEIGHTS: [u64; 8] = [450, 150, 80, 100, 70, 50, 70, 30];

fn id(s: String) -> Id {
    // Generated ids are short ASCII; a failure would be a bug in this file.
    Id::parse(&s).unwrap_or_else(|_| Id::parse("invalid").expect("literal id"))
}

fn reason(rng: &mut SplitMix64) -> Reason {
    let code = REASONS[rng.weighted(&REASON_WEIGHTS)];
    let text = (code == ReasonCode::Other).then_some("team on training day");
    Reason::with_text(code, text).unwrap_or_else(|_| Reason::new(ReasonCode::NoCapacity).expect("no text"))
}

/// Builds one referral's events in order, mirroring the lifecycle rules so that every sequence
/// is valid (the tests replay it).
struct Builder<'a> {
    rng: &'a mut SplitMix64,
    rid: Id,
    events: Vec<Event>,
    at: DateTime<Utc>,
    submitted: DateTime<Utc>,
    limit: Duration,
    declines: u32,
    escalated: bool,
    coordinator: Id,
    referrer_actor: Actor,
}

impl Builder<'_> {
    fn push(&mut self, at: DateTime<Utc>, actor: Actor, kind: EventKind) {
        let seq = self.events.len() as u64 + 1;
        self.at = at.max(self.at);
        self.events.push(Event {
            id: id(format!("{}.{seq}", self.rid)),
            referral: self.rid.clone(),
            seq,
            at: self.at,
            actor,
            kind,
        });
    }

    /// Before an event at `at` while unplaced: the host's periodic check would have escalated.
    fn maybe_escalate_by_time(&mut self, at: DateTime<Utc>) {
        let deadline = self.submitted + self.limit;
        if !self.escalated && at > deadline {
            let check_at = (deadline + Duration::seconds(self.rng.between(1, 900))).min(at).max(self.at);
            let seq = self.events.len() as u64 + 1;
            self.at = check_at;
            self.events.push(Event {
                id: escalation_event_id(&self.rid),
                referral: self.rid.clone(),
                seq,
                at: check_at,
                actor: Actor::Coordinator(self.coordinator.clone()),
                kind: EventKind::Escalated {
                    accountable: self.coordinator.clone(),
                    trigger: EscalationTrigger::UnplacedTooLong,
                },
            });
            self.escalated = true;
        }
    }

    fn referrer_side(&self) -> Actor {
        if self.escalated { Actor::Coordinator(self.coordinator.clone()) } else { self.referrer_actor.clone() }
    }

    /// Sends an offer to a fresh team and lets it answer; returns the team and the answer time.
    fn offer(&mut self, team_no: u64, acute: bool) -> (Id, DateTime<Utc>) {
        let team = id(format!("team-{team_no}"));
        let gap = if acute { self.rng.between(60, 2 * 3600) } else { self.rng.between(600, 8 * 3600) };
        let sent = self.at + Duration::seconds(gap);
        self.maybe_escalate_by_time(sent);
        let actor = self.referrer_side();
        self.push(sent, actor, EventKind::OfferSent { team: team.clone() });
        if self.rng.chance(700) {
            let seen = self.at + Duration::seconds(self.rng.between(60, 4 * 3600));
            self.push(seen, Actor::Team(team.clone()), EventKind::OfferReceived { team: team.clone() });
        }
        let answer = if acute { self.rng.between(600, 4 * 3600) } else { self.rng.between(1800, 36 * 3600) };
        (team, self.at + Duration::seconds(answer))
    }

    fn reject(&mut self, team: Id, at: DateTime<Utc>) {
        self.maybe_escalate_by_time(at);
        let r = reason(self.rng);
        self.push(at, Actor::Team(team.clone()), EventKind::OfferRejected { team, reason: r });
        self.declines += 1;
        if !self.escalated && self.declines >= MAX_DECLINES {
            self.escalated = true; // escalated inside the reject by Referral::apply
        }
    }
}

/// Generates `referrals` referrals created during 2025, with all their events, sorted by time
/// (ties by referral, then `seq`), as a national event stream would arrive. Roughly seven events
/// per referral. At most [`MAX_GENERATED_REFERRALS`] referrals.
pub fn national_year(seed: u64, referrals: usize) -> Vec<Event> {
    let referrals = referrals.min(MAX_GENERATED_REFERRALS);
    let mut rng = SplitMix64::new(seed);
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().unwrap_or_default();
    let year_secs = 365 * 86_400;
    let mut keyed: Vec<(DateTime<Utc>, u32, Event)> = Vec::with_capacity(referrals * 8);
    for n in 0..referrals {
        let rid = id(format!("r{n:06}"));
        let pc4_n = 1000 + rng.below(9000) as u16;
        let pc4 = Pc4::new(pc4_n).unwrap_or_else(|_| Pc4::new(1000).expect("in range"));
        let municipality = rng
            .chance(900)
            .then(|| MunicipalityCode::parse(&format!("GM{:04}", (pc4_n - 1000) / 25 + 1)).expect("4 digits"));
        let mut care_types: CodeSet<CareType> = CodeSet::empty();
        care_types.insert(CARE[rng.weighted(&CARE_WEIGHTS)]);
        if rng.chance(200) {
            care_types.insert(CARE[rng.weighted(&CARE_WEIGHTS)]);
        }
        let acute = rng.chance(150);
        let coordinator = id(format!("cp-{}", pc4_n / 100));
        let referrer = id(format!("gp-{}", rng.below(5000)));
        let via_coordinator = rng.chance(300);
        let referrer_actor =
            if via_coordinator { Actor::Coordinator(coordinator.clone()) } else { Actor::Referrer(referrer.clone()) };
        let created = start + Duration::seconds(rng.below(year_secs) as i64);
        let policy = EscalationPolicy {
            accountable: coordinator.clone(),
            max_unplaced_acute: ACUTE_LIMIT,
            max_unplaced_non_acute: NON_ACUTE_LIMIT,
            max_declines: MAX_DECLINES,
        };
        let mut b = Builder {
            rng: &mut rng,
            rid: rid.clone(),
            events: Vec::with_capacity(10),
            at: created,
            submitted: created,
            limit: policy.limit(acute),
            declines: 0,
            escalated: false,
            coordinator: coordinator.clone(),
            referrer_actor: referrer_actor.clone(),
        };
        let intake = Intake { referrer, care_types, pc4, municipality, acute, policy: Some(policy) };
        b.push(created, referrer_actor.clone(), EventKind::Created(Box::new(intake)));
        if b.rng.chance(5) {
            // Left as a draft (never sent).
        } else {
            let submitted = created + Duration::seconds(b.rng.between(60, 3600));
            b.push(submitted, referrer_actor.clone(), EventKind::Submitted);
            b.submitted = submitted;
            // How many teams decline before the outcome.
            let rejections = [0u32, 1, 2, 3, 4, 5, 6][b.rng.weighted(&[500, 250, 120, 70, 35, 15, 10])];
            let outcome = b.rng.weighted(&[880, 50, 45, 25]); // placed, cancelled, failed, open
            let team_base = u64::from(pc4_n / 10) * 40;
            let mut team_no = 0u64;
            let mut next_team = |rng: &mut SplitMix64| {
                team_no += 1;
                team_base + (rng.below(40) + team_no * 7) % 40
            };
            let mut used = Vec::new();
            let mut fresh = |b: &mut Builder<'_>| loop {
                let t = next_team(b.rng);
                if !used.contains(&t) {
                    used.push(t);
                    return t;
                }
            };
            for _ in 0..rejections {
                let t = fresh(&mut b);
                let (team, at) = b.offer(t, acute);
                b.reject(team, at);
            }
            match outcome {
                0 => {
                    let t = fresh(&mut b);
                    let (mut team, mut at) = b.offer(t, acute);
                    b.maybe_escalate_by_time(at);
                    b.push(at, Actor::Team(team.clone()), EventKind::OfferAccepted { team: team.clone() });
                    if b.rng.chance(40) {
                        // The client declines the accepted team; another team is found.
                        let when = b.at + Duration::seconds(b.rng.between(600, 86_400));
                        let actor = b.referrer_side();
                        let r = Reason::new(ReasonCode::ClientDeclined).expect("no text");
                        b.push(when, actor, EventKind::OfferCancelled { team: team.clone(), reason: r });
                        let t = fresh(&mut b);
                        (team, at) = b.offer(t, acute);
                        b.maybe_escalate_by_time(at);
                        b.push(at, Actor::Team(team.clone()), EventKind::OfferAccepted { team: team.clone() });
                    }
                    let start_at = b.at + Duration::seconds(b.rng.between(600, 3 * 86_400));
                    b.push(start_at, Actor::Team(team.clone()), EventKind::CareStarted { team: team.clone() });
                    if b.rng.chance(30) {
                        let p = b.at + Duration::days(b.rng.between(3, 30));
                        b.push(p, Actor::Team(team.clone()), EventKind::CarePaused { team: team.clone() });
                        let q = b.at + Duration::days(b.rng.between(1, 14));
                        b.push(q, Actor::Team(team.clone()), EventKind::CareResumed { team: team.clone() });
                    }
                    if b.rng.chance(650) {
                        let end = b.at + Duration::days(b.rng.between(5, 180));
                        b.push(end, Actor::Team(team.clone()), EventKind::CareCompleted { team: team.clone() });
                    }
                }
                1 => {
                    let when = b.at + Duration::seconds(b.rng.between(600, 2 * 86_400));
                    let actor = b.referrer_side();
                    let code =
                        if b.rng.chance(600) { ReasonCode::ClientDeclined } else { ReasonCode::ClientUnreachable };
                    let r = Reason::new(code).expect("no text");
                    b.push(when, actor, EventKind::ReferralCancelled { reason: r });
                }
                2 => {
                    let when = b.at + Duration::seconds(b.rng.between(3600, 7 * 86_400));
                    b.maybe_escalate_by_time(when);
                    let r = Reason::new(ReasonCode::NoCapacity).expect("no text");
                    b.push(when, Actor::Coordinator(coordinator.clone()), EventKind::ReferralFailed { reason: r });
                }
                _ => {
                    // Still open: one offer out, not answered yet.
                    let t = fresh(&mut b);
                    let _ = b.offer(t, acute);
                }
            }
        }
        let n32 = n as u32;
        keyed.extend(b.events.into_iter().map(|e| (e.at, n32, e)));
    }
    keyed.sort_by_key(|a| (a.0, a.1, a.2.seq));
    // Copy every id into a fresh allocation in stream order, as parsing a time-ordered document
    // would lay them out; otherwise the ids would sit in memory in generation order, which no
    // real stream has and which makes replay measure cache misses of an artificial layout.
    keyed.into_iter().map(|(_, _, e)| relocated(&e)).collect()
}

fn fresh(id: &Id) -> Id {
    Id::parse(id.as_str()).unwrap_or_else(|_| id.clone())
}

fn relocated(e: &Event) -> Event {
    let actor = match &e.actor {
        Actor::Referrer(a) => Actor::Referrer(fresh(a)),
        Actor::Team(a) => Actor::Team(fresh(a)),
        Actor::Coordinator(a) => Actor::Coordinator(fresh(a)),
    };
    let kind = match &e.kind {
        EventKind::Created(i) => EventKind::Created(Box::new(Intake {
            referrer: fresh(&i.referrer),
            policy: i.policy.as_ref().map(|p| EscalationPolicy { accountable: fresh(&p.accountable), ..p.clone() }),
            ..(**i).clone()
        })),
        EventKind::OfferSent { team } => EventKind::OfferSent { team: fresh(team) },
        EventKind::OfferReceived { team } => EventKind::OfferReceived { team: fresh(team) },
        EventKind::OfferAccepted { team } => EventKind::OfferAccepted { team: fresh(team) },
        EventKind::OfferRejected { team, reason } => {
            EventKind::OfferRejected { team: fresh(team), reason: reason.clone() }
        }
        EventKind::OfferCancelled { team, reason } => {
            EventKind::OfferCancelled { team: fresh(team), reason: reason.clone() }
        }
        EventKind::CareStarted { team } => EventKind::CareStarted { team: fresh(team) },
        EventKind::CarePaused { team } => EventKind::CarePaused { team: fresh(team) },
        EventKind::CareResumed { team } => EventKind::CareResumed { team: fresh(team) },
        EventKind::CareCompleted { team } => EventKind::CareCompleted { team: fresh(team) },
        EventKind::CareFailed { team, reason } => EventKind::CareFailed { team: fresh(team), reason: reason.clone() },
        EventKind::Escalated { accountable, trigger } => {
            EventKind::Escalated { accountable: fresh(accountable), trigger: *trigger }
        }
        other => other.clone(),
    };
    Event { id: fresh(&e.id), referral: fresh(&e.referral), seq: e.seq, at: e.at, actor, kind }
}
