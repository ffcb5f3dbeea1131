//! Referral events and their JSON document `wijknet.referral-events/v1`.
//!
//! Every change of a referral is an [`Event`]: who did what, when. The events are the record
//! (replaying them rebuilds every referral) and the monitoring data, so they carry only codes,
//! ids, postcodes at PC4 level and times: never a client's name, BSN or address.
//!
//! On the wire an event is one flat JSON object; `type` says which change it is and which of the
//! optional fields it needs:
//!
//! ```json
//! {"schema": "wijknet.referral-events/v1", "events": [
//!   {"id": "e1", "referral": "r1", "seq": 1, "at": "2026-03-02T09:00:00Z",
//!    "actor": {"role": "referrer", "id": "gp-12"}, "type": "created",
//!    "referrer": "gp-12", "care_types": ["wound_care"], "pc4": "7511", "municipality": "GM0153",
//!    "acute": false,
//!    "policy": {"accountable": "cp-twente", "max_unplaced_acute_secs": 86400,
//!               "max_unplaced_non_acute_secs": 432000, "max_declines": 3}},
//!   {"id": "e2", "referral": "r1", "seq": 2, "at": "2026-03-02T09:05:00Z",
//!    "actor": {"role": "team", "id": "t-noord"}, "type": "offer_rejected", "team": "t-noord",
//!    "reason": {"code": "no_capacity"}}
//! ]}
//! ```

use std::fmt;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::escalation::EscalationPolicy;
use super::state::{EscalationTrigger, Reason, ReasonCode};
use crate::codes::{CareType, CodeSet, code_enum};
use crate::error::{Problems, Result};
use crate::ids::{Id, MunicipalityCode, Pc4};
use crate::input::read_document as parse_document;

/// The schema tag of an events document.
pub const EVENTS_SCHEMA: &str = "wijknet.referral-events/v1";

/// Who makes a change. Which role may make which change is listed on [`EventType`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Actor {
    /// The referring organisation (GP practice, hospital transfer office, social team):
    /// *verwijzer*. Must be the referral's own referrer.
    Referrer(Id),
    /// A receiving team (*wijkteam*); may act only on its own offer.
    Team(Id),
    /// A coordination point (*coördinatiepunt*) or other accountable party acting for the region.
    Coordinator(Id),
}

impl Actor {
    /// The stable role code: `referrer`, `team` or `coordinator`.
    pub fn role(&self) -> &'static str {
        match self {
            Actor::Referrer(_) => "referrer",
            Actor::Team(_) => "team",
            Actor::Coordinator(_) => "coordinator",
        }
    }
    /// The actor's organisation or team id.
    pub fn id(&self) -> &Id {
        match self {
            Actor::Referrer(id) | Actor::Team(id) | Actor::Coordinator(id) => id,
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`", self.role(), self.id())
    }
}

/// What the referrer asks for: the dimensions monitoring groups by, and the coordination point's
/// limits. Carried by the `created` event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    /// The referring organisation; only it (or a coordinator) may make referrer changes.
    pub referrer: Id,
    /// Care types needed (at least one).
    pub care_types: CodeSet<CareType>,
    /// The client's PC4 area: coarse enough for monitoring, never the full address.
    pub pc4: Pc4,
    /// The client's municipality, when known.
    pub municipality: Option<MunicipalityCode>,
    /// Care must start within 24 hours.
    pub acute: bool,
    /// The coordination point's limits, when one covers the area; enables escalation on declines
    /// inside [`Referral::apply`](super::Referral::apply).
    pub policy: Option<EscalationPolicy>,
}

code_enum! {
    /// The kinds of change, as stable `type` codes. Who may make each:
    /// referrer changes (`submitted`, `offer_sent`, `offer_cancelled`, `referral_cancelled`) the
    /// referral's referrer or a coordinator; team changes (`offer_received`, `offer_accepted`,
    /// `offer_rejected`, `care_*`) only the offer's own team; `escalated` and `referral_failed` a
    /// coordinator; `created` the named referrer or a coordinator.
    EventType, "event type" {
        Created = "created", "aangemaakt", "created";
        Submitted = "submitted", "verstuurd", "submitted";
        OfferSent = "offer_sent", "aanbod verstuurd", "offer sent";
        OfferReceived = "offer_received", "aanbod ontvangen", "offer received";
        OfferAccepted = "offer_accepted", "aanbod geaccepteerd", "offer accepted";
        OfferRejected = "offer_rejected", "aanbod afgewezen", "offer rejected";
        OfferCancelled = "offer_cancelled", "aanbod ingetrokken", "offer cancelled";
        CareStarted = "care_started", "zorg gestart", "care started";
        CarePaused = "care_paused", "zorg gepauzeerd", "care paused";
        CareResumed = "care_resumed", "zorg hervat", "care resumed";
        CareCompleted = "care_completed", "zorg afgerond", "care completed";
        CareFailed = "care_failed", "zorg mislukt", "care failed";
        Escalated = "escalated", "geëscaleerd", "escalated";
        ReferralCancelled = "referral_cancelled", "verwijzing ingetrokken", "referral cancelled";
        ReferralFailed = "referral_failed", "verwijzing mislukt", "referral failed";
    }
}

/// The change an event makes, with its data. See [`super::Referral::apply`] for the state
/// each one needs and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// A new referral, in `draft`.
    Created(Box<Intake>),
    /// The referral is sent out: `draft` to `requested`; the escalation clock starts.
    Submitted,
    /// An offer to one team (one offer per team per referral).
    OfferSent {
        /// The candidate team.
        team: Id,
    },
    /// The team has seen the offer.
    OfferReceived {
        /// The offer's team.
        team: Id,
    },
    /// The team takes the client.
    OfferAccepted {
        /// The offer's team.
        team: Id,
    },
    /// The team declines (counts towards `max_declines`).
    OfferRejected {
        /// The offer's team.
        team: Id,
        /// Why.
        reason: Reason,
    },
    /// The referrer withdraws an open or accepted offer (e.g. the client declines this team).
    OfferCancelled {
        /// The offer's team.
        team: Id,
        /// Why.
        reason: Reason,
    },
    /// Care starts: the client is placed.
    CareStarted {
        /// The accepted team.
        team: Id,
    },
    /// Care pauses.
    CarePaused {
        /// The placed team.
        team: Id,
    },
    /// Care resumes after a pause.
    CareResumed {
        /// The placed team.
        team: Id,
    },
    /// Care ends as planned.
    CareCompleted {
        /// The placed team.
        team: Id,
    },
    /// The accepted team cannot start, or care breaks off.
    CareFailed {
        /// The team.
        team: Id,
        /// Why.
        reason: Reason,
    },
    /// Handed to the accountable party.
    Escalated {
        /// Who has the referral now.
        accountable: Id,
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

impl EventKind {
    /// The stable `type` code.
    pub fn event_type(&self) -> EventType {
        match self {
            EventKind::Created(_) => EventType::Created,
            EventKind::Submitted => EventType::Submitted,
            EventKind::OfferSent { .. } => EventType::OfferSent,
            EventKind::OfferReceived { .. } => EventType::OfferReceived,
            EventKind::OfferAccepted { .. } => EventType::OfferAccepted,
            EventKind::OfferRejected { .. } => EventType::OfferRejected,
            EventKind::OfferCancelled { .. } => EventType::OfferCancelled,
            EventKind::CareStarted { .. } => EventType::CareStarted,
            EventKind::CarePaused { .. } => EventType::CarePaused,
            EventKind::CareResumed { .. } => EventType::CareResumed,
            EventKind::CareCompleted { .. } => EventType::CareCompleted,
            EventKind::CareFailed { .. } => EventType::CareFailed,
            EventKind::Escalated { .. } => EventType::Escalated,
            EventKind::ReferralCancelled { .. } => EventType::ReferralCancelled,
            EventKind::ReferralFailed { .. } => EventType::ReferralFailed,
        }
    }

    /// The team an offer or care event is about.
    pub fn team(&self) -> Option<&Id> {
        match self {
            EventKind::OfferSent { team }
            | EventKind::OfferReceived { team }
            | EventKind::OfferAccepted { team }
            | EventKind::OfferRejected { team, .. }
            | EventKind::OfferCancelled { team, .. }
            | EventKind::CareStarted { team }
            | EventKind::CarePaused { team }
            | EventKind::CareResumed { team }
            | EventKind::CareCompleted { team }
            | EventKind::CareFailed { team, .. } => Some(team),
            _ => None,
        }
    }

    /// The reason code, for the changes that need one.
    pub fn reason(&self) -> Option<&Reason> {
        match self {
            EventKind::OfferRejected { reason, .. }
            | EventKind::OfferCancelled { reason, .. }
            | EventKind::CareFailed { reason, .. }
            | EventKind::ReferralCancelled { reason }
            | EventKind::ReferralFailed { reason } => Some(reason),
            _ => None,
        }
    }
}

/// One change of one referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique per referral (a duplicate is rejected); hosts usually make it globally unique.
    pub id: Id,
    /// The referral it changes.
    pub referral: Id,
    /// Position in the referral's history, 1 for `created`, each next event one more: a writer
    /// that based its change on stale state gets a version conflict instead of a lost update.
    pub seq: u64,
    /// When it happened; never before the referral's previous event.
    pub at: DateTime<Utc>,
    /// Who made it.
    pub actor: Actor,
    /// What changed.
    pub kind: EventKind,
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        WireEvent::from_event(self).serialize(s)
    }
}

/// Formats a time as RFC 3339 in UTC with `Z` and only as many fraction digits as needed, the one
/// text form every binding reproduces.
pub fn format_time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

pub(crate) fn ser_time<S: serde::Serializer>(at: &DateTime<Utc>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&format_time(at))
}

pub(crate) fn ser_opt_time<S: serde::Serializer>(
    at: &Option<DateTime<Utc>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match at {
        Some(t) => s.serialize_str(&format_time(t)),
        None => s.serialize_none(),
    }
}

/// Parses an events document, checking every event and reporting all problems at once with their
/// JSON paths (`events[3].reason.code`). Lifecycle rules (order, actors, transitions) are checked
/// when the events are applied, not here.
pub fn parse_events(bytes: &[u8]) -> Result<Vec<Event>> {
    let doc: WireDocument = parse_document(bytes, "referral events", EVENTS_SCHEMA)?;
    let mut problems = Problems::new();
    let mut events = Vec::with_capacity(doc.events.len());
    for (i, w) in doc.events.iter().enumerate() {
        // Each event is checked on its own so that an event with any problem is never half-used.
        let mut local = Problems::new();
        let event = w.to_event(&format!("events[{i}]"), &mut local);
        match event {
            Some(e) if local.is_empty() => events.push(e),
            _ => {
                for problem in local.into_vec() {
                    problems.push(problem.path, problem.reason);
                }
            }
        }
    }
    problems.finish("referral events", || events)
}

/// Writes events as a `wijknet.referral-events/v1` document (compact JSON, events in the order
/// given); [`parse_events`] reads it back to equal events.
pub fn events_to_json(events: &[Event]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        events: &'a [Event],
    }
    serde_json::to_string(&Doc { schema: EVENTS_SCHEMA, events }).unwrap_or_default()
}

// ----- wire format -------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireDocument {
    schema: String,
    events: Vec<WireEvent>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireActor {
    role: String,
    id: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireReason {
    code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WirePolicy {
    accountable: String,
    max_unplaced_acute_secs: i64,
    max_unplaced_non_acute_secs: i64,
    max_declines: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireEvent {
    id: String,
    referral: String,
    seq: u64,
    at: String,
    actor: WireActor,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<WireReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    referrer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    care_types: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pc4: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    acute: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    policy: Option<WirePolicy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    accountable: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trigger: Option<String>,
}

fn wire_reason(r: &Reason) -> WireReason {
    WireReason { code: r.code().code().to_owned(), text: r.text().map(str::to_owned) }
}

impl WireEvent {
    fn from_event(e: &Event) -> Self {
        let mut w = WireEvent {
            id: e.id.to_string(),
            referral: e.referral.to_string(),
            seq: e.seq,
            at: format_time(&e.at),
            actor: WireActor { role: e.actor.role().to_owned(), id: e.actor.id().to_string() },
            kind: e.kind.event_type().code().to_owned(),
            team: e.kind.team().map(Id::to_string),
            reason: e.kind.reason().map(wire_reason),
            referrer: None,
            care_types: None,
            pc4: None,
            municipality: None,
            acute: None,
            policy: None,
            accountable: None,
            trigger: None,
        };
        match &e.kind {
            EventKind::Created(intake) => {
                w.referrer = Some(intake.referrer.to_string());
                w.care_types = Some(intake.care_types.iter().map(|c| c.code().to_owned()).collect());
                w.pc4 = Some(intake.pc4.to_string());
                w.municipality = intake.municipality.map(|m| m.to_string());
                w.acute = Some(intake.acute);
                w.policy = intake.policy.as_ref().map(|p| WirePolicy {
                    accountable: p.accountable.to_string(),
                    max_unplaced_acute_secs: p.max_unplaced_acute.num_seconds(),
                    max_unplaced_non_acute_secs: p.max_unplaced_non_acute.num_seconds(),
                    max_declines: p.max_declines,
                });
            }
            EventKind::Escalated { accountable, trigger } => {
                w.accountable = Some(accountable.to_string());
                w.trigger = Some(trigger.code().to_owned());
            }
            _ => {}
        }
        w
    }

    /// Converts and validates, pushing every problem under `path`. The result may be `Some` even
    /// when a problem was pushed (a stray field); the caller uses it only when none was.
    fn to_event(&self, path: &str, p: &mut Problems) -> Option<Event> {
        let id = parse_id(&self.id, &format!("{path}.id"), p);
        let referral = parse_id(&self.referral, &format!("{path}.referral"), p);
        if self.seq == 0 {
            p.push(format!("{path}.seq"), "seq must be 1 or more");
        }
        let at = match DateTime::parse_from_rfc3339(&self.at) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(_) => {
                p.push(format!("{path}.at"), format!("`{}` is not an RFC 3339 time with offset", short(&self.at)));
                None
            }
        };
        let actor_id = parse_id(&self.actor.id, &format!("{path}.actor.id"), p);
        let actor = match (self.actor.role.as_str(), actor_id) {
            ("referrer", Some(id)) => Some(Actor::Referrer(id)),
            ("team", Some(id)) => Some(Actor::Team(id)),
            ("coordinator", Some(id)) => Some(Actor::Coordinator(id)),
            ("referrer" | "team" | "coordinator", None) => None,
            (other, _) => {
                p.push(
                    format!("{path}.actor.role"),
                    format!("unknown actor role `{}`, expected `referrer`, `team` or `coordinator`", short(other)),
                );
                None
            }
        };
        let Ok(ty) = EventType::from_code(&self.kind) else {
            p.push(format!("{path}.type"), format!("unknown event type `{}`", short(&self.kind)));
            return None;
        };
        let kind = self.kind_for(ty, path, p);
        Some(Event { id: id?, referral: referral?, seq: self.seq, at: at?, actor: actor?, kind: kind? })
    }

    fn kind_for(&self, ty: EventType, path: &str, p: &mut Problems) -> Option<EventKind> {
        use EventType as T;
        let needs_team =
            !matches!(ty, T::Created | T::Submitted | T::Escalated | T::ReferralCancelled | T::ReferralFailed);
        let needs_reason = matches!(
            ty,
            T::OfferRejected | T::OfferCancelled | T::CareFailed | T::ReferralCancelled | T::ReferralFailed
        );
        let is_created = ty == T::Created;
        let is_escalated = ty == T::Escalated;
        // Fields that this type does not use are errors, not silently ignored: a stray `reason`
        // on an `offer_accepted` is almost certainly a mistake in the exporting system.
        let present: [(&str, bool, bool); 10] = [
            ("team", self.team.is_some(), needs_team),
            ("reason", self.reason.is_some(), needs_reason),
            ("referrer", self.referrer.is_some(), is_created),
            ("care_types", self.care_types.is_some(), is_created),
            ("pc4", self.pc4.is_some(), is_created),
            ("municipality", self.municipality.is_some(), is_created),
            ("acute", self.acute.is_some(), is_created),
            ("policy", self.policy.is_some(), is_created),
            ("accountable", self.accountable.is_some(), is_escalated),
            ("trigger", self.trigger.is_some(), is_escalated),
        ];
        let optional = ["municipality", "policy"];
        for (field, has, allowed) in present {
            if has && !allowed {
                p.push(format!("{path}.{field}"), format!("field `{field}` is not used by event type `{}`", ty.code()));
            } else if !has && allowed && !optional.contains(&field) {
                p.push(format!("{path}.{field}"), format!("event type `{}` needs field `{field}`", ty.code()));
            }
        }
        let team =
            if needs_team { self.team.as_deref().and_then(|t| parse_id(t, &format!("{path}.team"), p)) } else { None };
        let reason = if needs_reason { self.reason.as_ref().and_then(|r| parse_reason(r, path, p)) } else { None };
        Some(match ty {
            T::Created => EventKind::Created(Box::new(self.intake(path, p)?)),
            T::Submitted => EventKind::Submitted,
            T::OfferSent => EventKind::OfferSent { team: team? },
            T::OfferReceived => EventKind::OfferReceived { team: team? },
            T::OfferAccepted => EventKind::OfferAccepted { team: team? },
            T::OfferRejected => EventKind::OfferRejected { team: team?, reason: reason? },
            T::OfferCancelled => EventKind::OfferCancelled { team: team?, reason: reason? },
            T::CareStarted => EventKind::CareStarted { team: team? },
            T::CarePaused => EventKind::CarePaused { team: team? },
            T::CareResumed => EventKind::CareResumed { team: team? },
            T::CareCompleted => EventKind::CareCompleted { team: team? },
            T::CareFailed => EventKind::CareFailed { team: team?, reason: reason? },
            T::Escalated => {
                let accountable =
                    self.accountable.as_deref().and_then(|a| parse_id(a, &format!("{path}.accountable"), p));
                let trigger = self.trigger.as_deref().and_then(|t| match EscalationTrigger::from_code(t) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        p.push(format!("{path}.trigger"), short_error(&e.to_string()));
                        None
                    }
                });
                EventKind::Escalated { accountable: accountable?, trigger: trigger? }
            }
            T::ReferralCancelled => EventKind::ReferralCancelled { reason: reason? },
            T::ReferralFailed => EventKind::ReferralFailed { reason: reason? },
        })
    }

    fn intake(&self, path: &str, p: &mut Problems) -> Option<Intake> {
        let referrer = self.referrer.as_deref().and_then(|r| parse_id(r, &format!("{path}.referrer"), p));
        let mut care_types = CodeSet::empty();
        let mut care_ok = true;
        if let Some(list) = &self.care_types {
            if list.is_empty() {
                p.push(format!("{path}.care_types"), "at least one care type is needed");
                care_ok = false;
            }
            for (i, c) in list.iter().enumerate() {
                match CareType::from_code(c) {
                    Ok(c) => care_types.insert(c),
                    Err(e) => {
                        p.push(format!("{path}.care_types[{i}]"), short_error(&e.to_string()));
                        care_ok = false;
                    }
                }
            }
        }
        let pc4 = self.pc4.as_deref().and_then(|s| match Pc4::parse(s) {
            Ok(v) => Some(v),
            Err(e) => {
                p.push(format!("{path}.pc4"), short_error(&e.to_string()));
                None
            }
        });
        let municipality = match self.municipality.as_deref().map(MunicipalityCode::parse) {
            None => Some(None),
            Some(Ok(m)) => Some(Some(m)),
            Some(Err(e)) => {
                p.push(format!("{path}.municipality"), short_error(&e.to_string()));
                None
            }
        };
        let policy = match &self.policy {
            None => Some(None),
            Some(w) => {
                let accountable = parse_id(&w.accountable, &format!("{path}.policy.accountable"), p);
                let mut ok = true;
                for (field, secs) in [
                    ("max_unplaced_acute_secs", w.max_unplaced_acute_secs),
                    ("max_unplaced_non_acute_secs", w.max_unplaced_non_acute_secs),
                ] {
                    // Bounded so that later date arithmetic cannot overflow: at most 100 years.
                    if !(1..=3_155_760_000).contains(&secs) {
                        p.push(format!("{path}.policy.{field}"), "must be from 1 second to 100 years");
                        ok = false;
                    }
                }
                match (accountable, ok) {
                    (Some(accountable), true) => Some(Some(EscalationPolicy {
                        accountable,
                        max_unplaced_acute: Duration::seconds(w.max_unplaced_acute_secs),
                        max_unplaced_non_acute: Duration::seconds(w.max_unplaced_non_acute_secs),
                        max_declines: w.max_declines,
                    })),
                    _ => None,
                }
            }
        };
        if !care_ok {
            return None;
        }
        Some(Intake {
            referrer: referrer?,
            care_types,
            pc4: pc4?,
            municipality: municipality?,
            acute: self.acute?,
            policy: policy?,
        })
    }
}

fn parse_id(s: &str, path: &str, p: &mut Problems) -> Option<Id> {
    match Id::parse(s) {
        Ok(id) => Some(id),
        Err(e) => {
            p.push(path, short_error(&e.to_string()));
            None
        }
    }
}

fn parse_reason(r: &WireReason, path: &str, p: &mut Problems) -> Option<Reason> {
    let code = match ReasonCode::from_code(&r.code) {
        Ok(c) => c,
        Err(e) => {
            p.push(format!("{path}.reason.code"), short_error(&e.to_string()));
            return None;
        }
    };
    match Reason::with_text(code, r.text.as_deref()) {
        Ok(reason) => Some(reason),
        Err(msg) => {
            let field = if r.text.is_some() { "reason.text" } else { "reason" };
            p.push(format!("{path}.{field}"), msg);
            None
        }
    }
}

/// Echoed input is cut short so that an error message cannot carry a whole pasted text.
fn short(s: &str) -> String {
    const MAX: usize = 64;
    if s.chars().count() <= MAX { s.to_owned() } else { s.chars().take(MAX).collect::<String>() + "…" }
}

fn short_error(s: &str) -> String {
    const MAX: usize = 200;
    if s.chars().count() <= MAX { s.to_owned() } else { s.chars().take(MAX).collect::<String>() + "…" }
}

impl crate::input::SchemaTagged for WireDocument {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}
