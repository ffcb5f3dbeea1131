//! The referral lifecycle and its monitoring figures as uniffi values.

use std::sync::Arc;
use std::time::SystemTime;

use serde_json::{Value, json};

use crate::codes::{self, CareType, EscalationTrigger, OfferStatus, ReferralEventType, ReferralReason, ReferralStatus};
use crate::error::{Result, WijknetError};
use crate::types;

/// Who makes a change: the referrer, a team, or a coordinator (coordination point).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Actor {
    /// The referring organisation (GP, hospital transfer office, ...).
    Referrer {
        /// Organisation id.
        id: String,
    },
    /// A team that received an offer.
    Team {
        /// Team id.
        id: String,
    },
    /// A coordinator of the accountable party.
    Coordinator {
        /// Organisation id.
        id: String,
    },
}

/// Why an offer was declined or cancelled, or a referral closed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Reason {
    /// Stable reason code.
    pub code: ReferralReason,
    /// Optional free text (at most 200 characters; never personal data).
    #[uniffi(default)]
    pub text: Option<String>,
}

/// The limits of a coordination point for referrals in its area.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct EscalationPolicy {
    /// Who takes over an escalated referral.
    pub accountable: String,
    /// Longest time, in seconds, an acute referral may stay unplaced (positive).
    pub max_unplaced_acute_secs: i64,
    /// Longest time, in seconds, any other referral may stay unplaced (positive).
    pub max_unplaced_non_acute_secs: i64,
    /// Number of team rejections that escalates; 0 switches this trigger off.
    pub max_declines: u32,
}

impl From<&wijknet::referral::EscalationPolicy> for EscalationPolicy {
    fn from(p: &wijknet::referral::EscalationPolicy) -> Self {
        Self {
            accountable: p.accountable.to_string(),
            max_unplaced_acute_secs: p.max_unplaced_acute.num_seconds(),
            max_unplaced_non_acute_secs: p.max_unplaced_non_acute.num_seconds(),
            max_declines: p.max_declines,
        }
    }
}

/// What the referrer asks for, carried by the `Created` event. Holds no personal data: the
/// client's PC4 area only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Intake {
    /// The referring organisation.
    pub referrer: String,
    /// Care types needed (at least one).
    pub care_types: Vec<CareType>,
    /// The client's PC4 area.
    pub pc4: String,
    /// The client's municipality (CBS code such as `GM0153`), when known.
    #[uniffi(default)]
    pub municipality: Option<String>,
    /// Care must start within 24 hours.
    #[uniffi(default)]
    pub acute: bool,
    /// The coordination point's limits, when one covers the area.
    #[uniffi(default)]
    pub policy: Option<EscalationPolicy>,
}

/// The change a referral event makes, with its data (a Kotlin sealed class, a Swift enum).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ReferralEventKind {
    /// A new referral, in `draft`.
    Created {
        /// The request.
        intake: Intake,
    },
    /// The referral is sent out; the escalation clock starts.
    Submitted,
    /// An offer to one team.
    OfferSent {
        /// The candidate team.
        team: String,
    },
    /// The team has seen the offer.
    OfferReceived {
        /// The offer's team.
        team: String,
    },
    /// The team takes the client.
    OfferAccepted {
        /// The offer's team.
        team: String,
    },
    /// The team declines (counts towards `maxDeclines`).
    OfferRejected {
        /// The offer's team.
        team: String,
        /// Why.
        reason: Reason,
    },
    /// The referrer withdraws an open or accepted offer.
    OfferCancelled {
        /// The offer's team.
        team: String,
        /// Why.
        reason: Reason,
    },
    /// Care starts: the client is placed.
    CareStarted {
        /// The accepted team.
        team: String,
    },
    /// Care pauses.
    CarePaused {
        /// The placed team.
        team: String,
    },
    /// Care resumes after a pause.
    CareResumed {
        /// The placed team.
        team: String,
    },
    /// Care ends as planned.
    CareCompleted {
        /// The placed team.
        team: String,
    },
    /// The accepted team cannot start, or care breaks off.
    CareFailed {
        /// The team.
        team: String,
        /// Why.
        reason: Reason,
    },
    /// Handed to the accountable party.
    Escalated {
        /// Who has the referral now.
        accountable: String,
        /// Why.
        trigger: EscalationTrigger,
    },
    /// The referral is withdrawn.
    ReferralCancelled {
        /// Why.
        reason: Reason,
    },
    /// The accountable party closes the referral unplaced.
    ReferralFailed {
        /// Why.
        reason: Reason,
    },
}

/// One change of one referral: who did what, when. Events are the record (replaying them
/// rebuilds every referral) and the monitoring data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ReferralEvent {
    /// Unique per referral (a duplicate is refused).
    pub id: String,
    /// The referral it changes.
    pub referral: String,
    /// Position in the referral's history: 1 for `Created`, each next event one more (a writer
    /// that based its change on stale state gets a version conflict instead of a lost update).
    pub seq: u64,
    /// When it happened; never before the referral's previous event.
    pub at: SystemTime,
    /// Who made it.
    pub actor: Actor,
    /// What changed.
    pub kind: ReferralEventKind,
}

impl ReferralEvent {
    /// The stable `type` code of this event.
    fn event_type(&self) -> ReferralEventType {
        use ReferralEventKind as K;
        match &self.kind {
            K::Created { .. } => ReferralEventType::Created,
            K::Submitted => ReferralEventType::Submitted,
            K::OfferSent { .. } => ReferralEventType::OfferSent,
            K::OfferReceived { .. } => ReferralEventType::OfferReceived,
            K::OfferAccepted { .. } => ReferralEventType::OfferAccepted,
            K::OfferRejected { .. } => ReferralEventType::OfferRejected,
            K::OfferCancelled { .. } => ReferralEventType::OfferCancelled,
            K::CareStarted { .. } => ReferralEventType::CareStarted,
            K::CarePaused { .. } => ReferralEventType::CarePaused,
            K::CareResumed { .. } => ReferralEventType::CareResumed,
            K::CareCompleted { .. } => ReferralEventType::CareCompleted,
            K::CareFailed { .. } => ReferralEventType::CareFailed,
            K::Escalated { .. } => ReferralEventType::Escalated,
            K::ReferralCancelled { .. } => ReferralEventType::ReferralCancelled,
            K::ReferralFailed { .. } => ReferralEventType::ReferralFailed,
        }
    }

    /// The event in the documented wire form of `wijknet.referral-events/v1`, so the core's own
    /// parser validates it (with the same paths and wording as a stored document). `at` is the
    /// path of the event (`$.events[3]` in a list, `$` alone).
    fn wire(&self, at: &str) -> Result<Value> {
        let reason = |r: &Reason| {
            let mut v = json!({"code": r.code.code()});
            if let Some(t) = &r.text {
                v["text"] = json!(t);
            }
            v
        };
        let (role, id) = match &self.actor {
            Actor::Referrer { id } => ("referrer", id),
            Actor::Team { id } => ("team", id),
            Actor::Coordinator { id } => ("coordinator", id),
        };
        let mut w = json!({
            "id": self.id,
            "referral": self.referral,
            "seq": self.seq,
            "at": types::instant_text(self.at, &format!("{at}.at"))?,
            "actor": {"role": role, "id": id},
            "type": self.event_type().code(),
        });
        use ReferralEventKind as K;
        match &self.kind {
            K::Created { intake } => {
                w["referrer"] = json!(intake.referrer);
                w["care_types"] = json!(intake.care_types.iter().map(CareType::code).collect::<Vec<_>>());
                w["pc4"] = json!(intake.pc4);
                if let Some(m) = &intake.municipality {
                    w["municipality"] = json!(m);
                }
                w["acute"] = json!(intake.acute);
                if let Some(p) = &intake.policy {
                    w["policy"] = json!({
                        "accountable": p.accountable,
                        "max_unplaced_acute_secs": p.max_unplaced_acute_secs,
                        "max_unplaced_non_acute_secs": p.max_unplaced_non_acute_secs,
                        "max_declines": p.max_declines,
                    });
                }
            }
            K::Submitted => {}
            K::OfferSent { team }
            | K::OfferReceived { team }
            | K::OfferAccepted { team }
            | K::CareStarted { team }
            | K::CarePaused { team }
            | K::CareResumed { team }
            | K::CareCompleted { team } => w["team"] = json!(team),
            K::OfferRejected { team, reason: r }
            | K::OfferCancelled { team, reason: r }
            | K::CareFailed { team, reason: r } => {
                w["team"] = json!(team);
                w["reason"] = reason(r);
            }
            K::Escalated { accountable, trigger } => {
                w["accountable"] = json!(accountable);
                w["trigger"] = json!(trigger.code());
            }
            K::ReferralCancelled { reason: r } | K::ReferralFailed { reason: r } => w["reason"] = reason(r),
        }
        Ok(w)
    }
}

fn to_core(events: &[ReferralEvent]) -> Result<Vec<wijknet::referral::Event>> {
    let wire = events.iter().enumerate().map(|(i, e)| e.wire(&format!("$.events[{i}]"))).collect::<Result<Vec<_>>>()?;
    let doc = json!({"schema": wijknet::referral::EVENTS_SCHEMA, "events": wire});
    Ok(wijknet::referral::parse_events(doc.to_string().as_bytes())?)
}

fn reason_of(r: &wijknet::referral::Reason) -> Reason {
    Reason { code: r.code().into(), text: r.text().map(str::to_owned) }
}

impl From<&wijknet::referral::Event> for ReferralEvent {
    fn from(e: &wijknet::referral::Event) -> Self {
        use wijknet::referral::{Actor as A, EventKind as K};
        let team = |t: &wijknet::Id| t.to_string();
        Self {
            id: e.id.to_string(),
            referral: e.referral.to_string(),
            seq: e.seq,
            at: types::instant(e.at),
            actor: match &e.actor {
                A::Referrer(id) => Actor::Referrer { id: id.to_string() },
                A::Team(id) => Actor::Team { id: id.to_string() },
                A::Coordinator(id) => Actor::Coordinator { id: id.to_string() },
            },
            kind: match &e.kind {
                K::Created(i) => ReferralEventKind::Created {
                    intake: Intake {
                        referrer: i.referrer.to_string(),
                        care_types: codes::list(i.care_types),
                        pc4: i.pc4.to_string(),
                        municipality: i.municipality.map(|m| m.to_string()),
                        acute: i.acute,
                        policy: i.policy.as_ref().map(EscalationPolicy::from),
                    },
                },
                K::Submitted => ReferralEventKind::Submitted,
                K::OfferSent { team: t } => ReferralEventKind::OfferSent { team: team(t) },
                K::OfferReceived { team: t } => ReferralEventKind::OfferReceived { team: team(t) },
                K::OfferAccepted { team: t } => ReferralEventKind::OfferAccepted { team: team(t) },
                K::OfferRejected { team: t, reason } => {
                    ReferralEventKind::OfferRejected { team: team(t), reason: reason_of(reason) }
                }
                K::OfferCancelled { team: t, reason } => {
                    ReferralEventKind::OfferCancelled { team: team(t), reason: reason_of(reason) }
                }
                K::CareStarted { team: t } => ReferralEventKind::CareStarted { team: team(t) },
                K::CarePaused { team: t } => ReferralEventKind::CarePaused { team: team(t) },
                K::CareResumed { team: t } => ReferralEventKind::CareResumed { team: team(t) },
                K::CareCompleted { team: t } => ReferralEventKind::CareCompleted { team: team(t) },
                K::CareFailed { team: t, reason } => {
                    ReferralEventKind::CareFailed { team: team(t), reason: reason_of(reason) }
                }
                K::Escalated { accountable, trigger } => {
                    ReferralEventKind::Escalated { accountable: accountable.to_string(), trigger: (*trigger).into() }
                }
                K::ReferralCancelled { reason } => ReferralEventKind::ReferralCancelled { reason: reason_of(reason) },
                K::ReferralFailed { reason } => ReferralEventKind::ReferralFailed { reason: reason_of(reason) },
            },
        }
    }
}

/// Parses a `wijknet.referral-events/v1` document into typed events, reporting every problem
/// with its JSON path (`events[3].reason.code`). Lifecycle rules are checked when applied.
#[uniffi::export]
pub fn referral_events_from_json(json: Vec<u8>) -> Result<Vec<ReferralEvent>> {
    Ok(wijknet::referral::parse_events(&json)?.iter().map(ReferralEvent::from).collect())
}

/// Writes events as a `wijknet.referral-events/v1` document (the record a host stores);
/// `referralEventsFromJson` reads it back to equal events.
#[uniffi::export]
pub fn referral_events_to_json(events: Vec<ReferralEvent>) -> Result<String> {
    Ok(wijknet::referral::events_to_json(&to_core(&events)?))
}

/// Every referral, rebuilt from its events: status, offers per team, declines, escalation.
///
/// **Thread-safety:** immutable; share it between threads freely. `apply` returns a *new* book
/// with the event applied and leaves this one unchanged (it copies the book: to rebuild from many
/// events at once use `replay`).
///
/// **Lifetime:** owns native memory; in Kotlin `close()` (or `use { }`) or leave it to the
/// cleaner, in Swift ARC frees it.
#[derive(Debug, uniffi::Object)]
pub struct ReferralBook {
    inner: wijknet::referral::ReferralBook,
}

#[uniffi::export]
impl ReferralBook {
    /// An empty book.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self { inner: wijknet::referral::ReferralBook::new() })
    }

    /// A book with every event applied in order; the first refused event is the error
    /// (`Transition`, `WrongActor`, `DuplicateEvent`, `VersionConflict`, `NotFound`, `Invalid`).
    #[uniffi::constructor]
    pub fn replay(events: Vec<ReferralEvent>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: wijknet::referral::ReferralBook::replay(&to_core(&events)?)? }))
    }

    /// Same as `replay`, from a `wijknet.referral-events/v1` document.
    #[uniffi::constructor]
    pub fn replay_json(json: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: wijknet::referral::ReferralBook::replay(&wijknet::referral::parse_events(&json)?)? }))
    }

    /// A new book with one more event applied; this book is unchanged. Refused events are typed
    /// errors that name the referral, the event and why; problem paths are the event's own
    /// (`$.care_types[1]`).
    pub fn apply(&self, event: ReferralEvent) -> Result<Arc<ReferralBook>> {
        let event = crate::single_event::from_value(event.wire("$")?)?;
        let mut inner = self.inner.clone();
        inner.apply(&event)?;
        Ok(Arc::new(ReferralBook { inner }))
    }

    /// Number of referrals.
    pub fn len(&self) -> u32 {
        self.inner.len() as u32
    }

    /// Whether the book has no referral.
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// Every referral's summary, sorted by referral id.
    pub fn summaries(&self) -> Vec<ReferralSummary> {
        self.inner.summaries().iter().map(ReferralSummary::from).collect()
    }

    /// One referral's summary, or null.
    pub fn summary(&self, referral: String) -> Option<ReferralSummary> {
        self.inner.get(&referral).map(|r| ReferralSummary::from(&r.summary()))
    }

    /// The monitoring figures of every referral in the book.
    pub fn monitoring(&self) -> Monitoring {
        Monitoring::from(&wijknet::referral::Monitoring::from_book(&self.inner))
    }

    /// The `Escalated` event to store now if the referral must escalate under `policy` at `now`
    /// (placed, closed, draft or already escalated referrals never do); null otherwise.
    /// `NotFound` for an unknown referral.
    pub fn check_escalation(
        &self,
        referral: String,
        policy: EscalationPolicy,
        now: SystemTime,
    ) -> Result<Option<ReferralEvent>> {
        let r = self
            .inner
            .get(&referral)
            .ok_or_else(|| WijknetError::from(wijknet::Error::NotFound { kind: "referral", id: referral.clone() }))?;
        let policy = policy_to_core(&policy)?;
        let now = types::utc(now, "now")?;
        Ok(wijknet::referral::check_escalation(r, &policy, now)?.as_ref().map(ReferralEvent::from))
    }
}

/// A policy through the core's own validation (the `policy` of a `created` event), with the
/// problems at the policy's own paths (`$.max_declines`; the accountable party, which the probe
/// event also uses as actor and referrer, at `$.accountable`).
fn policy_to_core(p: &EscalationPolicy) -> Result<wijknet::referral::EscalationPolicy> {
    let probe = ReferralEvent {
        id: "policy".to_owned(),
        referral: "policy".to_owned(),
        seq: 1,
        at: std::time::UNIX_EPOCH,
        actor: Actor::Coordinator { id: p.accountable.clone() },
        kind: ReferralEventKind::Created {
            intake: Intake {
                referrer: p.accountable.clone(),
                care_types: vec![CareType::Nursing],
                pc4: "1000".to_owned(),
                municipality: None,
                acute: false,
                policy: Some(p.clone()),
            },
        },
    };
    let policy_path = |path: &str| -> String {
        match path.strip_prefix("$.policy") {
            Some(rest) => format!("${rest}"),
            None if path.starts_with("$.actor") || path.starts_with("$.referrer") => "$.accountable".to_owned(),
            None => path.to_owned(),
        }
    };
    let event = crate::single_event::from_value(probe.wire("$")?).map_err(|e| match e {
        wijknet::Error::Invalid { problems, .. } => wijknet::Error::Invalid {
            document: "escalation policy",
            problems: problems
                .into_iter()
                .map(|p| wijknet::Problem { path: policy_path(&p.path), reason: p.reason })
                .collect(),
        },
        wijknet::Error::Json { path, message, .. } => {
            wijknet::Error::Json { document: "escalation policy", path: policy_path(&path), message }
        }
        other => other,
    })?;
    match event.kind {
        wijknet::referral::EventKind::Created(intake) => {
            intake.policy.ok_or_else(|| WijknetError::argument("$", "expected an escalation policy"))
        }
        _ => Err(WijknetError::argument("$", "expected an escalation policy")),
    }
}

/// A referral as it stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReferralSummary {
    /// Referral id.
    pub id: String,
    /// Current status.
    pub status: ReferralStatus,
    /// Team rejections so far.
    pub declines: u32,
    /// The team under which care started, if any.
    pub placed_team: Option<String>,
    /// That (and when, why, to whom) it escalated; kept after a later placement.
    pub escalation: Option<Escalation>,
    /// Why it was cancelled or failed.
    pub reason: Option<Reason>,
    /// Offers in the order they were sent.
    pub offers: Vec<OfferSummary>,
}

/// That a referral escalated.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Escalation {
    /// Time of the event that escalated it.
    pub at: SystemTime,
    /// What triggered it.
    pub trigger: EscalationTrigger,
    /// The party that has the referral now.
    pub accountable: String,
}

/// One offer to one team.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OfferSummary {
    /// The team.
    pub team: String,
    /// Its status.
    pub status: OfferStatus,
    /// Why it was rejected, cancelled or failed.
    pub reason: Option<Reason>,
}

impl From<&wijknet::referral::ReferralSummary> for ReferralSummary {
    fn from(s: &wijknet::referral::ReferralSummary) -> Self {
        Self {
            id: s.id.to_string(),
            status: s.status.into(),
            declines: s.declines,
            placed_team: s.placed_team.as_ref().map(ToString::to_string),
            escalation: s.escalation.as_ref().map(|e| Escalation {
                at: types::instant(e.at),
                trigger: e.trigger.into(),
                accountable: e.accountable.to_string(),
            }),
            reason: s.reason.as_ref().map(reason_of),
            offers: s
                .offers
                .iter()
                .map(|o| OfferSummary {
                    team: o.team.to_string(),
                    status: o.status.into(),
                    reason: o.reason.as_ref().map(reason_of),
                })
                .collect(),
        }
    }
}

/// Time statistics over whole seconds (nearest-rank percentiles); null when there is no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct DurationStats {
    /// Number of values.
    pub count: u64,
    /// Median in seconds.
    pub median_secs: Option<i64>,
    /// 90th percentile in seconds.
    pub p90_secs: Option<i64>,
}

/// Duration statistics for one group (a care-type code, a PC4 or a municipality code).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct GroupDurationStats {
    /// The group key.
    pub key: String,
    /// Its statistics.
    pub stats: DurationStats,
}

/// How many referrals had a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ReasonCount {
    /// The reason.
    pub reason: ReferralReason,
    /// Count.
    pub count: u64,
}

/// Decline reasons for one group (a care-type code, a PC4 or a municipality code).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct GroupReasonCounts {
    /// The group key.
    pub key: String,
    /// Counts per reason, in reason-code order.
    pub counts: Vec<ReasonCount>,
}

/// Teams contacted per referral.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct TeamsContacted {
    /// Median number of offers per referral.
    pub median: Option<u32>,
    /// 90th percentile.
    pub p90: Option<u32>,
    /// Number of referrals per number of offers, ascending by offers.
    pub histogram: Vec<HistogramBin>,
}

/// One bar of the teams-contacted histogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct HistogramBin {
    /// Offers sent.
    pub offers: u32,
    /// Referrals with that many offers.
    pub referrals: u64,
}

/// Referrals per escalation trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct TriggerCount {
    /// The trigger.
    pub trigger: EscalationTrigger,
    /// Count.
    pub count: u64,
}

/// Referrals never placed, per status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct StatusCount {
    /// The status.
    pub status: ReferralStatus,
    /// Count.
    pub count: u64,
}

/// The figures regions ask for, from the referral events: time to placement, teams contacted,
/// decline reasons by care type and area, escalations, referrals never placed. Every list is in
/// stable key order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Monitoring {
    /// Referrals.
    pub referrals: u64,
    /// Referrals placed (care started).
    pub placed: u64,
    /// From `submitted` to the acceptance by the team under which care first started.
    pub time_to_placement: DurationStats,
    /// The same per care type code.
    pub time_to_placement_by_care_type: Vec<GroupDurationStats>,
    /// The same per PC4.
    pub time_to_placement_by_pc4: Vec<GroupDurationStats>,
    /// The same per municipality code.
    pub time_to_placement_by_municipality: Vec<GroupDurationStats>,
    /// Teams contacted per referral.
    pub teams_contacted: TeamsContacted,
    /// Decline reasons.
    pub declines: Vec<ReasonCount>,
    /// Decline reasons per care type code.
    pub declines_by_care_type: Vec<GroupReasonCounts>,
    /// Decline reasons per PC4.
    pub declines_by_pc4: Vec<GroupReasonCounts>,
    /// Decline reasons per municipality code.
    pub declines_by_municipality: Vec<GroupReasonCounts>,
    /// Referrals that ever escalated.
    pub escalated: u64,
    /// Escalations per trigger.
    pub escalated_by_trigger: Vec<TriggerCount>,
    /// Referrals never placed, per status.
    pub never_placed: Vec<StatusCount>,
}

fn stats(s: &wijknet::referral::DurationStats) -> DurationStats {
    DurationStats { count: s.count, median_secs: s.median_secs, p90_secs: s.p90_secs }
}

fn reasons(r: &wijknet::referral::ReasonCounts) -> Vec<ReasonCount> {
    r.iter().map(|(k, n)| ReasonCount { reason: (*k).into(), count: *n }).collect()
}

impl From<&wijknet::referral::Monitoring> for Monitoring {
    fn from(m: &wijknet::referral::Monitoring) -> Self {
        fn by<K: ToString, V, T>(map: &std::collections::BTreeMap<K, V>, f: impl Fn(String, &V) -> T) -> Vec<T> {
            map.iter().map(|(k, v)| f(k.to_string(), v)).collect()
        }
        let group_stats =
            |key: String, s: &wijknet::referral::DurationStats| GroupDurationStats { key, stats: stats(s) };
        let group_reasons =
            |key: String, r: &wijknet::referral::ReasonCounts| GroupReasonCounts { key, counts: reasons(r) };
        Self {
            referrals: m.referrals,
            placed: m.placed,
            time_to_placement: stats(&m.time_to_placement),
            time_to_placement_by_care_type: by(&m.time_to_placement_by_care_type, group_stats),
            time_to_placement_by_pc4: by(&m.time_to_placement_by_pc4, group_stats),
            time_to_placement_by_municipality: by(&m.time_to_placement_by_municipality, group_stats),
            teams_contacted: TeamsContacted {
                median: m.teams_contacted.median,
                p90: m.teams_contacted.p90,
                histogram: m
                    .teams_contacted
                    .histogram
                    .iter()
                    .map(|(o, n)| HistogramBin { offers: *o, referrals: *n })
                    .collect(),
            },
            declines: reasons(&m.declines),
            declines_by_care_type: by(&m.declines_by_care_type, group_reasons),
            declines_by_pc4: by(&m.declines_by_pc4, group_reasons),
            declines_by_municipality: by(&m.declines_by_municipality, group_reasons),
            escalated: m.escalated,
            escalated_by_trigger: m
                .escalated_by_trigger
                .iter()
                .map(|(t, n)| TriggerCount { trigger: (*t).into(), count: *n })
                .collect(),
            never_placed: m.never_placed.iter().map(|(s, n)| StatusCount { status: (*s).into(), count: *n }).collect(),
        }
    }
}
