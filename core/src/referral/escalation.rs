//! Escalation (*escalatie*): the policy, the time check the host runs, and the id of an escalation
//! event. Why declines and time escalate by different mechanisms is documented on the `referral`
//! module ("Escalation").

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::event::{Actor, Event, EventKind};
use super::referral::Referral;
use super::state::{EscalationTrigger, ReferralStatus};
use crate::error::{Problems, Result};
use crate::fnv::fnv1a64;
use crate::ids::Id;
use crate::limits::MAX_HOURS;
use crate::wire::ser_instant;

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
    /// Longest unplaced limit, in seconds: [`MAX_HOURS`](crate::limits::MAX_HOURS) hours (ten
    /// years), the bound of every duration wijknet accepts. Far above any coordination point's
    /// limit, and small enough that no limit added to a supported instant can overflow.
    pub const MAX_LIMIT_SECS: i64 = MAX_HOURS as i64 * 3600;

    /// What a limit outside its range is told (the same text for events, bindings and checks).
    pub const LIMIT_RANGE: &'static str = "expected a number of seconds from 1 to 316224000 (ten years)";

    /// A policy from limits in seconds, as the wire format and the bindings give them; refuses
    /// a limit outside 1 to [`EscalationPolicy::MAX_LIMIT_SECS`] seconds with the name of its
    /// field (`max_unplaced_acute_secs`, `max_unplaced_non_acute_secs`) and the reason.
    pub fn from_secs(
        accountable: Id,
        max_unplaced_acute_secs: i64,
        max_unplaced_non_acute_secs: i64,
        max_declines: u32,
    ) -> std::result::Result<Self, (&'static str, &'static str)> {
        let limit = |field: &'static str, secs: i64| {
            Duration::try_seconds(secs)
                .filter(|_| (1..=Self::MAX_LIMIT_SECS).contains(&secs))
                .ok_or((field, Self::LIMIT_RANGE))
        };
        Ok(Self {
            accountable,
            max_unplaced_acute: limit("max_unplaced_acute_secs", max_unplaced_acute_secs)?,
            max_unplaced_non_acute: limit("max_unplaced_non_acute_secs", max_unplaced_non_acute_secs)?,
            max_declines,
        })
    }

    /// Checks that both limits are from 1 second to [`EscalationPolicy::MAX_LIMIT_SECS`]; the
    /// error names the offending field and says what was expected.
    pub fn validate(&self) -> std::result::Result<(), (&'static str, &'static str)> {
        let max = Duration::try_seconds(Self::MAX_LIMIT_SECS).unwrap_or(Duration::MAX);
        for (field, limit) in [
            ("max_unplaced_acute_secs", self.max_unplaced_acute),
            ("max_unplaced_non_acute_secs", self.max_unplaced_non_acute),
        ] {
            if limit < Duration::seconds(1) || limit > max {
                return Err((field, Self::LIMIT_RANGE));
            }
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Escalation {
    /// Time of the event that escalated it.
    #[serde(serialize_with = "ser_instant")]
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
///
/// Errors: [`Error::Invalid`](crate::Error::Invalid) (document `escalation check`) when `now`
/// lies outside the years [`MIN_YEAR`](crate::limits::MIN_YEAR) to
/// [`MAX_YEAR`](crate::limits::MAX_YEAR) (path `$.now`) or a limit of the policy is outside 1
/// second to [`EscalationPolicy::MAX_LIMIT_SECS`] (path `$.policy.<field>`).
pub fn check_escalation(referral: &Referral, policy: &EscalationPolicy, now: DateTime<Utc>) -> Result<Option<Event>> {
    const DOCUMENT: &str = "escalation check";
    crate::input::param::instant(DOCUMENT, "now", now)?;
    if let Err((field, why)) = policy.validate() {
        let mut problems = Problems::new();
        problems.push(format!("$.policy.{field}"), why);
        problems.finish(DOCUMENT, || ())?;
    }
    if referral.status() != ReferralStatus::Requested {
        return Ok(None);
    }
    let Some(submitted) = referral.submitted_at() else { return Ok(None) };
    let trigger = if policy.max_declines > 0 && referral.declines() >= policy.max_declines {
        EscalationTrigger::Declines
    } else if now.signed_duration_since(submitted) > policy.limit(referral.acute()) {
        EscalationTrigger::UnplacedTooLong
    } else {
        return Ok(None);
    };
    Ok(Some(Event {
        id: escalation_event_id(referral.id()),
        referral: referral.id().clone(),
        seq: referral.seq().saturating_add(1),
        at: now,
        actor: Actor::Coordinator(policy.accountable.clone()),
        kind: EventKind::Escalated { accountable: policy.accountable.clone(), trigger },
    }))
}

/// The id of the escalation event of a referral: `<referral>:escalation`, or for ids too long for
/// that, `escalation:` and a 64-bit FNV-1a hash of the referral id in hex. A referral escalates at
/// most once, so this id is unique per referral, and every binding derives the same one.
pub fn escalation_event_id(referral: &Id) -> Id {
    let plain = format!("{referral}:escalation");
    if let Ok(id) = Id::parse(&plain) {
        return id;
    }
    let h = fnv1a64(referral.as_str().as_bytes());
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
        p.max_unplaced_non_acute = Duration::MAX;
        assert_eq!(p.validate().unwrap_err().0, "max_unplaced_non_acute_secs");
        p.max_unplaced_non_acute = Duration::seconds(EscalationPolicy::MAX_LIMIT_SECS);
        assert!(p.validate().is_ok());
        p.max_unplaced_acute = Duration::MIN;
        assert_eq!(p.validate().unwrap_err().0, "max_unplaced_acute_secs");
    }

    #[test]
    fn limits_in_seconds_are_range_checked_without_panicking() {
        let cp = Id::parse("cp").unwrap();
        assert!(EscalationPolicy::from_secs(cp.clone(), 3600, 86_400, 2).is_ok());
        for bad in [i64::MIN, -1, 0, EscalationPolicy::MAX_LIMIT_SECS + 1, i64::MAX / 1000 + 1, i64::MAX] {
            let e = EscalationPolicy::from_secs(cp.clone(), bad, 86_400, 2).unwrap_err();
            assert_eq!(e, ("max_unplaced_acute_secs", EscalationPolicy::LIMIT_RANGE));
            let e = EscalationPolicy::from_secs(cp.clone(), 3600, bad, 2).unwrap_err();
            assert_eq!(e.0, "max_unplaced_non_acute_secs");
        }
        // The message states the bound itself.
        assert!(EscalationPolicy::LIMIT_RANGE.contains(&EscalationPolicy::MAX_LIMIT_SECS.to_string()));
    }

    #[test]
    fn policy_from_values_in_the_created_event_shape() {
        use crate::error::Error;
        use serde_json::json;
        let read = |v: serde_json::Value| EscalationPolicy::from_values(v);
        let p = read(json!({"accountable": "cp", "max_unplaced_acute_secs": 3600,
                            "max_unplaced_non_acute_secs": 7200, "max_declines": 2}))
        .unwrap();
        assert_eq!(p, EscalationPolicy::from_secs(Id::parse("cp").unwrap(), 3600, 7200, 2).unwrap());
        // What a policy serialises to reads back (the shape of `Agreements::escalation_policy`).
        assert_eq!(read(serde_json::to_value(&p).unwrap()).unwrap(), p);
        // `max_declines` may be left out (0: no decline trigger).
        let p = read(json!({"accountable": "cp", "max_unplaced_acute_secs": 1, "max_unplaced_non_acute_secs": 1}));
        assert_eq!(p.unwrap().max_declines, 0);
        // Missing and out-of-range fields: every problem at once, at the field's path.
        let Err(Error::Invalid { document, problems }) = read(json!({"accountable": "", "max_unplaced_acute_secs": 0}))
        else {
            panic!("expected Invalid")
        };
        assert_eq!(document, "escalation policy");
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$.accountable", "$.max_unplaced_acute_secs", "$.max_unplaced_non_acute_secs"]);
        // A wrong type or an unknown key is a JSON error at its path, without the value.
        let e = read(json!({"accountable": 7})).unwrap_err();
        assert!(matches!(&e, Error::Json { path, .. } if path == "$.accountable"), "{e:?}");
        let e = read(json!({"accountable": "cp", "max_unplaced_acute_secs": 1, "max_unplaced_non_acute_secs": 1,
                            "max_declines": -1}));
        assert!(matches!(e, Err(Error::Invalid { problems, .. }) if problems[0].path == "$.max_declines"));
        assert!(matches!(read(json!({"accountable": "cp", "extra": 1})), Err(Error::Json { .. })));
        assert!(matches!(read(json!(["cp"])), Err(Error::Json { .. })));
    }
}
