//! Escalation (*escalatie*): no client falls between two stools.
//!
//! A coordination-point agreement says how long a referral may stay unplaced (acute and non-acute
//! separately) and after how many declines it goes to the accountable party. The agreement model
//! supplies an [`EscalationPolicy`]; this module only needs the four numbers.
//!
//! Two triggers, two mechanisms, both deterministic:
//!
//! - **Declines** are counted by events, so the policy is carried in the referral's `created`
//!   event and [`Referral::apply`](super::Referral::apply) escalates *inside* the reject that
//!   reaches the limit (same time, same event). Replaying the events therefore always escalates at
//!   the same reject, with no extra event that a host could forget to store.
//! - **Time** passes without events, and the core never reads the clock, so the host asks
//!   [`check_escalation`] with its own `now` and stores the returned `escalated` event like any
//!   other. A referral created without a policy can also be checked for declines this way.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::event::{Actor, Event, EventKind};
use super::referral::Referral;
use super::state::{EscalationTrigger, ReferralStatus};
use crate::ids::Id;

/// The limits of a coordination point (*coördinatiepunt*) for referrals in its area.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EscalationPolicy {
    /// Who takes over an escalated referral: the coordination point or insurer that the agreement
    /// makes accountable (*aanspreekbaar*).
    pub accountable: Id,
    /// Longest time an acute referral (care within 24 hours) may stay unplaced.
    pub max_unplaced_acute: Duration,
    /// Longest time any other referral may stay unplaced.
    pub max_unplaced_non_acute: Duration,
    /// Number of team rejections that escalates; 0 switches this trigger off.
    pub max_declines: u32,
}

impl EscalationPolicy {
    /// Checks that both limits are positive; the message names the offending field.
    pub fn validate(&self) -> Result<(), (&'static str, &'static str)> {
        if self.max_unplaced_acute <= Duration::zero() {
            return Err(("max_unplaced_acute_secs", "must be a positive number of seconds"));
        }
        if self.max_unplaced_non_acute <= Duration::zero() {
            return Err(("max_unplaced_non_acute_secs", "must be a positive number of seconds"));
        }
        Ok(())
    }

    /// The unplaced limit that applies to a referral.
    pub fn limit(&self, acute: bool) -> Duration {
        if acute { self.max_unplaced_acute } else { self.max_unplaced_non_acute }
    }
}

/// That a referral escalated: when, why and to whom. Kept after a later placement, because
/// monitoring counts referrals that *ever* escalated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Escalation {
    /// Time of the event that escalated it.
    #[serde(serialize_with = "super::event::ser_time")]
    pub at: DateTime<Utc>,
    /// What triggered it.
    pub trigger: EscalationTrigger,
    /// The party that has the referral now.
    pub accountable: Id,
}

/// The `escalated` event that should be stored now, if the referral must escalate under `policy`
/// at `now`; `None` when it is placed, closed, a draft, already escalated, or within its limits.
///
/// "Past the limit" is strict: an acute referral with a 24-hour limit escalates when more than
/// 24 hours have passed since it was submitted. Declines are checked too (for referrals whose
/// `created` event carried no policy). The event is made by the accountable party as a
/// `coordinator`, at `now`, with the next `seq` and a deterministic id (see
/// [`escalation_event_id`]). A `now` before the referral's last event (a host clock running
/// behind) still yields the event, which [`Referral::apply`] then refuses for its time: the core
/// never moves a time it was given.
pub fn check_escalation(referral: &Referral, policy: &EscalationPolicy, now: DateTime<Utc>) -> Option<Event> {
    if referral.status() != ReferralStatus::Requested {
        return None;
    }
    let submitted = referral.submitted_at()?;
    let trigger = if policy.max_declines > 0 && referral.declines() >= policy.max_declines {
        EscalationTrigger::Declines
    } else if now.signed_duration_since(submitted) > policy.limit(referral.acute()) {
        EscalationTrigger::UnplacedTooLong
    } else {
        return None;
    };
    Some(Event {
        id: escalation_event_id(referral.id()),
        referral: referral.id().clone(),
        seq: referral.seq() + 1,
        at: now,
        actor: Actor::Coordinator(policy.accountable.clone()),
        kind: EventKind::Escalated { accountable: policy.accountable.clone(), trigger },
    })
}

/// The id of the escalation event of a referral: `<referral>:escalation`, or for ids too long for
/// that, `escalation:` and a 64-bit FNV-1a hash of the referral id in hex. A referral escalates at
/// most once, so this id is unique per referral, and every binding derives the same one.
pub fn escalation_event_id(referral: &Id) -> Id {
    let plain = format!("{referral}:escalation");
    if let Ok(id) = Id::parse(&plain) {
        return id;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in referral.as_str().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    Id::parse(&format!("escalation:{h:016x}")).unwrap_or_else(|_| referral.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_id_fits_for_long_ids() {
        let short = Id::parse("r-1").unwrap();
        assert_eq!(escalation_event_id(&short).as_str(), "r-1:escalation");
        let long = Id::parse(&"r".repeat(64)).unwrap();
        let id = escalation_event_id(&long);
        assert!(id.as_str().starts_with("escalation:") && id.as_str().len() == 27);
        assert_ne!(id, escalation_event_id(&Id::parse(&"s".repeat(64)).unwrap()));
    }

    #[test]
    fn limits_must_be_positive() {
        let mut p = EscalationPolicy {
            accountable: Id::parse("cp").unwrap(),
            max_unplaced_acute: Duration::hours(24),
            max_unplaced_non_acute: Duration::days(5),
            max_declines: 3,
        };
        assert!(p.validate().is_ok());
        assert_eq!(p.limit(true), Duration::hours(24));
        p.max_unplaced_non_acute = Duration::zero();
        assert_eq!(p.validate().unwrap_err().0, "max_unplaced_non_acute_secs");
    }
}
