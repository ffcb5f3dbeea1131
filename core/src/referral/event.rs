//! Referral events and their JSON document `wijknet.referral-events/v1`: the types, reading
//! (through the input layer) and writing. What an event is and how it looks on the wire is
//! documented on the `referral` module ("Events").

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::escalation::EscalationPolicy;
use super::state::{EscalationTrigger, Reason, ReferralReason};
use crate::codes::{CareType, CodeSet, UnknownCode, code_enum};
use crate::error::{Error, Problems, Result};
use crate::ids::{Id, MunicipalityCode, Pc4};
use crate::input::{Checker, read, read_document, shown};
use crate::limits::MAX_RECORD_LIST;
use crate::volume::{Hours, VisitMoment, Volume, volume_problems};

/// The schema tag of an events document.
pub const EVENTS_SCHEMA: &str = "wijknet.referral-events/v1";

/// Who makes a change. Which role may make which change is listed on [`ReferralEventType`].
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
        // The id is input text: shown cut to a short prefix, like every id in a message.
        write!(f, "{} {}", self.role(), shown(self.id().as_str()))
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
    /// How much care the assessment states (hours and visits per week, visit moments), when the
    /// referrer gives it: a what-if replay matches with it as live matching does, and monitoring
    /// adds up the hours placed. [`Volume::UNKNOWN`] when not stated.
    pub volume: Volume,
}

code_enum! {
    /// The kinds of change, as stable `type` codes. Who may make each:
    /// referrer changes (`submitted`, `offer_sent`, `offer_cancelled`, `referral_cancelled`) the
    /// referral's referrer or a coordinator; team changes (`offer_received`, `offer_accepted`,
    /// `offer_rejected`, `care_*`) only the offer's own team; `escalated` and `referral_failed` a
    /// coordinator; `created` the named referrer or a coordinator.
    ReferralEventType, "event type" {
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
    pub fn event_type(&self) -> ReferralEventType {
        match self {
            EventKind::Created(_) => ReferralEventType::Created,
            EventKind::Submitted => ReferralEventType::Submitted,
            EventKind::OfferSent { .. } => ReferralEventType::OfferSent,
            EventKind::OfferReceived { .. } => ReferralEventType::OfferReceived,
            EventKind::OfferAccepted { .. } => ReferralEventType::OfferAccepted,
            EventKind::OfferRejected { .. } => ReferralEventType::OfferRejected,
            EventKind::OfferCancelled { .. } => ReferralEventType::OfferCancelled,
            EventKind::CareStarted { .. } => ReferralEventType::CareStarted,
            EventKind::CarePaused { .. } => ReferralEventType::CarePaused,
            EventKind::CareResumed { .. } => ReferralEventType::CareResumed,
            EventKind::CareCompleted { .. } => ReferralEventType::CareCompleted,
            EventKind::CareFailed { .. } => ReferralEventType::CareFailed,
            EventKind::Escalated { .. } => ReferralEventType::Escalated,
            EventKind::ReferralCancelled { .. } => ReferralEventType::ReferralCancelled,
            EventKind::ReferralFailed { .. } => ReferralEventType::ReferralFailed,
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
    crate::wire::instant_text(at)
}

/// What a document or a single event is called in errors.
const DOCUMENT: &str = "referral events";
const ONE_EVENT: &str = "referral event";

/// Parses an events document and checks every event, reporting all problems at once in document
/// order (events in order, each event's fields in the order of the wire format) with `$`-rooted
/// JSON paths (`$.events[3].reason.code`). Lifecycle rules (order, actors, transitions) are
/// checked when the events are applied, not here.
///
/// Errors: [`Error::Json`] for malformed JSON, a value of the wrong JSON type, a duplicate key,
/// an array where an object belongs, an unknown field or a bound of [`crate::limits`] exceeded
/// (one problem, the first); [`Error::Schema`]; [`Error::Invalid`] with every problem of the
/// values (unknown codes, malformed ids, times outside the years
/// [`MIN_YEAR`](crate::limits::MIN_YEAR) to [`MAX_YEAR`](crate::limits::MAX_YEAR), fields the
/// event type needs or does not use, ...). No message repeats a value of the document: ids are
/// cut to a short prefix, everything else is described by what was expected.
pub fn parse_events(bytes: &[u8]) -> Result<Vec<Event>> {
    parse_events_with_progress(bytes, &mut crate::progress::Silent)
}

/// [`parse_events`], reporting to `observer` (steps `read`, in bytes, then `check`, in events)
/// and stopping with [`Error::Cancelled`] when it asks to.
pub fn parse_events_with_progress(bytes: &[u8], observer: &mut dyn crate::progress::Observer) -> Result<Vec<Event>> {
    use crate::progress::{ProgressStep, whole};
    let doc =
        whole(observer, ProgressStep::Read, bytes.len() as u64, || read_document(bytes, DOCUMENT, EVENTS_SCHEMA))?;
    check_events(doc, observer)
}

/// Parses an events document given as values, as [`parse_events`] parses its JSON text.
///
/// The values are anything a serde `Deserializer` reads (a binding's deserializer over its host
/// language's dicts and lists, or a `&serde_json::Value`): read as strictly as the JSON text,
/// with the same answer and the same errors.
pub fn parse_events_values<'de, D: serde::Deserializer<'de> + Clone>(values: D) -> Result<Vec<Event>> {
    check_events(crate::input::read_document_values(values, DOCUMENT, EVENTS_SCHEMA)?, &mut crate::progress::Silent)
}

fn check_events(doc: WireDocument, observer: &mut dyn crate::progress::Observer) -> Result<Vec<Event>> {
    let mut ticker =
        crate::progress::Ticker::start(observer, crate::progress::ProgressStep::Check, doc.events.len() as u64)?;
    let mut problems = Problems::new();
    let mut c = Checker { problems: &mut problems };
    let mut events = Vec::with_capacity(doc.events.len());
    for (i, w) in doc.events.iter().enumerate() {
        // Any problem fails the whole document, so an event with a problem is never used.
        if let Some(e) = w.check(&mut c, At::Doc(i)) {
            events.push(e);
        }
        ticker.tick(i as u64 + 1)?;
    }
    ticker.finish()?;
    problems.finish(DOCUMENT, || events)
}

/// Parses ONE event in its wire form (an item of an events document's `events`), as a host that
/// records a transition as it happens sends it. Read and checked exactly like an event of a
/// document, with paths relative to the event itself (`$.reason.code`); the errors are those of
/// [`parse_events`] (a duplicate key such as `"type"` twice is refused here too).
pub fn parse_event(bytes: &[u8]) -> Result<Event> {
    let w: WireEvent = read(bytes, ONE_EVENT)?;
    let mut problems = Problems::new();
    let event = w.check(&mut Checker { problems: &mut problems }, At::One);
    one_event(problems, event)
}

/// Parses ONE event from values (a binding's dict), as [`parse_event`] reads its JSON text: the
/// same checks and the same paths, relative to the event itself.
pub fn parse_event_values<'de, D: serde::Deserializer<'de>>(values: D) -> Result<Event> {
    let w: WireEvent = crate::input::read_values(values, ONE_EVENT)?;
    let mut problems = Problems::new();
    let event = w.check(&mut Checker { problems: &mut problems }, At::One);
    one_event(problems, event)
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

// ----- events as a host builds them ------------------------------------------------------------

/// Who makes a change, as a host names it (the id as text). In Kotlin and Swift `Actor`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "Actor"))]
pub enum ActorInput {
    /// The referring organisation (GP practice, hospital transfer office, social team).
    Referrer {
        /// Organisation id.
        id: String,
    },
    /// A receiving team; it may act only on its own offer.
    Team {
        /// Team id.
        id: String,
    },
    /// A coordination point or other accountable party acting for the region.
    Coordinator {
        /// Organisation id.
        id: String,
    },
}

/// The limits of a coordination point for referrals in its area, as a host gives them (limits in
/// seconds), checked when it is used. In Kotlin and Swift `EscalationPolicy`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Deserialize)]
// Read from values (a Python dict) in the shape of a `created` event's `policy` by
// `EscalationPolicy::from_values`: unknown keys are refused, and a missing field is taken as empty
// or 0, so that the check reports it at its own path with every other problem. (A plain comment:
// the doc comment is also the Kotlin and Swift documentation, which names no Rust item.)
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "EscalationPolicy"))]
pub struct EscalationPolicyInput {
    /// Who takes over an escalated referral (organisation id).
    pub accountable: String,
    /// Longest time, in seconds, an acute referral may stay unplaced (1 to 316,224,000).
    pub max_unplaced_acute_secs: i64,
    /// Longest time, in seconds, any other referral may stay unplaced (1 to 316,224,000).
    pub max_unplaced_non_acute_secs: i64,
    /// Number of team rejections that escalates; 0 switches this trigger off.
    pub max_declines: i32,
}

/// What the referrer asks for, carried by the `Created` event, as a host gives it. Holds no
/// personal data: the client's PC4 area only. In Kotlin and Swift `Intake`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "Intake"))]
pub struct IntakeInput {
    /// The referring organisation.
    pub referrer: String,
    /// Care types needed (at least one).
    pub care_types: Vec<CareType>,
    /// The client's PC4 area.
    pub pc4: String,
    /// The client's municipality (a CBS code such as `GM0153`), when known.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub municipality: Option<String>,
    /// Care must start within 24 hours.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub acute: bool,
    /// The coordination point's limits, when one covers the area.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub policy: Option<EscalationPolicyInput>,
    /// Visits per week from the assessment (1 to 168), when stated.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub visits_per_week: Option<u32>,
    /// Hours of care per week from the assessment (above 0, at most 168), when stated.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub hours_per_week: Option<Hours>,
    /// When in the day visits are needed; empty: not stated.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub visit_moments: Vec<VisitMoment>,
}

/// The change an event makes, with its data, as a host gives it. In Kotlin a sealed class and
/// in Swift an enum, `ReferralEventKind`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "ReferralEventKind"))]
pub enum EventKindInput {
    /// A new referral, in draft.
    Created {
        /// The request.
        intake: IntakeInput,
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
    /// The team declines (counts towards the policy's maximum of declines).
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

/// One change of one referral as a host builds it: who did what, when. Events are the record
/// (replaying them rebuilds every referral) and the monitoring data. Checked with the rules and
/// paths of the events document when it is applied or written. In Kotlin and Swift
/// `ReferralEvent`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "ReferralEvent"))]
pub struct EventInput {
    /// Unique per referral (a duplicate is refused).
    pub id: String,
    /// The referral it changes.
    pub referral: String,
    /// Position in the referral's history: 1 for `Created`, each next event one more (a writer
    /// that based its change on stale state gets a version conflict instead of a lost update).
    pub seq: u64,
    /// When it happened; never before the referral's previous event.
    pub at: DateTime<Utc>,
    /// Who made it.
    pub actor: ActorInput,
    /// What changed.
    pub kind: EventKindInput,
}

impl From<&EscalationPolicy> for EscalationPolicyInput {
    fn from(p: &EscalationPolicy) -> Self {
        Self {
            accountable: p.accountable.as_str().to_owned(),
            max_unplaced_acute_secs: p.max_unplaced_acute.num_seconds(),
            max_unplaced_non_acute_secs: p.max_unplaced_non_acute.num_seconds(),
            max_declines: i32::try_from(p.max_declines).unwrap_or(i32::MAX),
        }
    }
}

impl From<&Event> for EventInput {
    fn from(e: &Event) -> Self {
        let text = |id: &Id| id.as_str().to_owned();
        use EventKind as K;
        use EventKindInput as I;
        Self {
            id: text(&e.id),
            referral: text(&e.referral),
            seq: e.seq,
            at: e.at,
            actor: match &e.actor {
                Actor::Referrer(id) => ActorInput::Referrer { id: text(id) },
                Actor::Team(id) => ActorInput::Team { id: text(id) },
                Actor::Coordinator(id) => ActorInput::Coordinator { id: text(id) },
            },
            kind: match &e.kind {
                K::Created(i) => I::Created {
                    intake: IntakeInput {
                        referrer: text(&i.referrer),
                        care_types: i.care_types.iter().collect(),
                        pc4: i.pc4.to_string(),
                        municipality: i.municipality.map(|m| m.to_string()),
                        acute: i.acute,
                        policy: i.policy.as_ref().map(EscalationPolicyInput::from),
                        visits_per_week: i.volume.visits_per_week,
                        hours_per_week: i.volume.hours_per_week,
                        visit_moments: i.volume.visit_moments.iter().collect(),
                    },
                },
                K::Submitted => I::Submitted,
                K::OfferSent { team } => I::OfferSent { team: text(team) },
                K::OfferReceived { team } => I::OfferReceived { team: text(team) },
                K::OfferAccepted { team } => I::OfferAccepted { team: text(team) },
                K::OfferRejected { team, reason } => I::OfferRejected { team: text(team), reason: reason.clone() },
                K::OfferCancelled { team, reason } => I::OfferCancelled { team: text(team), reason: reason.clone() },
                K::CareStarted { team } => I::CareStarted { team: text(team) },
                K::CarePaused { team } => I::CarePaused { team: text(team) },
                K::CareResumed { team } => I::CareResumed { team: text(team) },
                K::CareCompleted { team } => I::CareCompleted { team: text(team) },
                K::CareFailed { team, reason } => I::CareFailed { team: text(team), reason: reason.clone() },
                K::Escalated { accountable, trigger } => {
                    I::Escalated { accountable: text(accountable), trigger: *trigger }
                }
                K::ReferralCancelled { reason } => I::ReferralCancelled { reason: reason.clone() },
                K::ReferralFailed { reason } => I::ReferralFailed { reason: reason.clone() },
            },
        }
    }
}

/// Checks ONE event a host built ([`EventInput`]) as [`parse_event`] checks one in its wire
/// form: every problem at once, at paths relative to the event (`$.team`, `$.reason.text`).
pub fn parse_event_input(event: &EventInput) -> Result<Event> {
    let mut problems = Problems::new();
    let e = event.check(&mut Checker { problems: &mut problems }, At::One);
    one_event(problems, e)
}

/// Checks a list of events a host built, as [`parse_events`] checks a document: every problem of
/// every event at once, at `$.events[i]`-rooted paths.
pub fn parse_events_input(events: &[EventInput]) -> Result<Vec<Event>> {
    let mut problems = Problems::new();
    let mut c = Checker { problems: &mut problems };
    if !c.bounded("$.events", events.len(), crate::limits::MAX_LIST_ITEMS) {
        return Err(Error::Invalid { document: DOCUMENT, problems: problems.into_vec() });
    }
    let mut out = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        if let Some(e) = e.check(&mut c, At::Doc(i)) {
            out.push(e);
        }
    }
    problems.finish(DOCUMENT, || out)
}

impl EscalationPolicy {
    /// Checks a policy a host gave as values ([`EscalationPolicyInput`]), at the paths of its
    /// own fields (`$.accountable`, `$.max_unplaced_acute_secs`, ...).
    pub fn from_input(policy: &EscalationPolicyInput) -> Result<Self> {
        let mut problems = Problems::new();
        let p = policy.check(&mut Checker { problems: &mut problems }, "$");
        match p {
            Some(p) if problems.is_empty() => Ok(p),
            _ => Err(Error::Invalid { document: "escalation policy", problems: problems.into_vec() }),
        }
    }

    /// Reads a policy from values (a binding's dict) in the shape of a `created` event's `policy`
    /// (`accountable`, `max_unplaced_acute_secs`, `max_unplaced_non_acute_secs`, `max_declines`,
    /// which may be left out for 0) and checks it as [`EscalationPolicy::from_input`] does: every
    /// problem at once, at `$.accountable`, `$.max_unplaced_acute_secs`, ... A value of the wrong
    /// type or an unknown key is [`Error::Json`] at its path.
    pub fn from_values<'de, D: serde::Deserializer<'de>>(values: D) -> Result<Self> {
        Self::from_input(&crate::input::read_values(values, "escalation policy")?)
    }
}

impl EscalationPolicyInput {
    fn check(&self, c: &mut Checker<'_>, at: impl fmt::Display + Copy) -> Option<EscalationPolicy> {
        let accountable = c.id(format_args!("{at}.accountable"), &self.accountable);
        let acute = limit(c, format_args!("{at}.max_unplaced_acute_secs"), self.max_unplaced_acute_secs);
        let non_acute = limit(c, format_args!("{at}.max_unplaced_non_acute_secs"), self.max_unplaced_non_acute_secs);
        let declines =
            c.count(format_args!("{at}.max_declines"), i64::from(self.max_declines), u64::from(u32::MAX), "declines");
        Some(EscalationPolicy {
            accountable: accountable?,
            max_unplaced_acute: acute?,
            max_unplaced_non_acute: non_acute?,
            max_declines: u32::try_from(declines?).ok()?,
        })
    }
}

impl EventInput {
    /// Checks every field in the order of the wire format; `Some` only when the event could be
    /// built (the caller uses it only when no problem was recorded).
    fn check(&self, c: &mut Checker<'_>, at: At) -> Option<Event> {
        let id = c.id(F(at, "id"), &self.id);
        let referral = c.id(F(at, "referral"), &self.referral);
        if self.seq == 0 {
            c.push(F(at, "seq"), "expected 1 or more");
        }
        let time = c.instant_value(F(at, "at"), self.at);
        let actor = match &self.actor {
            ActorInput::Referrer { id } => c.id(F(at, "actor.id"), id).map(Actor::Referrer),
            ActorInput::Team { id } => c.id(F(at, "actor.id"), id).map(Actor::Team),
            ActorInput::Coordinator { id } => c.id(F(at, "actor.id"), id).map(Actor::Coordinator),
        };
        let kind = self.kind.check(c, at);
        Some(Event { id: id?, referral: referral?, seq: self.seq, at: time?, actor: actor?, kind: kind? })
    }
}

impl EventKindInput {
    fn check(&self, c: &mut Checker<'_>, at: At) -> Option<EventKind> {
        let team = |c: &mut Checker<'_>, t: &str| c.id(F(at, "team"), t);
        let reason = |c: &mut Checker<'_>, r: &Reason| match Reason::with_text(r.code(), r.text()) {
            Ok(r) => Some(r),
            Err(why) => {
                c.push(F(at, if r.text().is_some() { "reason.text" } else { "reason" }), why);
                None
            }
        };
        let team_and_reason = |c: &mut Checker<'_>, t: &str, r: &Reason| {
            let t = team(c, t);
            let r = reason(c, r);
            t.zip(r)
        };
        use EventKind as K;
        use EventKindInput as I;
        Some(match self {
            I::Created { intake } => K::Created(Box::new(intake.check(c, at)?)),
            I::Submitted => K::Submitted,
            I::OfferSent { team: t } => K::OfferSent { team: team(c, t)? },
            I::OfferReceived { team: t } => K::OfferReceived { team: team(c, t)? },
            I::OfferAccepted { team: t } => K::OfferAccepted { team: team(c, t)? },
            I::OfferRejected { team: t, reason: r } => {
                let (team, reason) = team_and_reason(c, t, r)?;
                K::OfferRejected { team, reason }
            }
            I::OfferCancelled { team: t, reason: r } => {
                let (team, reason) = team_and_reason(c, t, r)?;
                K::OfferCancelled { team, reason }
            }
            I::CareStarted { team: t } => K::CareStarted { team: team(c, t)? },
            I::CarePaused { team: t } => K::CarePaused { team: team(c, t)? },
            I::CareResumed { team: t } => K::CareResumed { team: team(c, t)? },
            I::CareCompleted { team: t } => K::CareCompleted { team: team(c, t)? },
            I::CareFailed { team: t, reason: r } => {
                let (team, reason) = team_and_reason(c, t, r)?;
                K::CareFailed { team, reason }
            }
            I::Escalated { accountable, trigger } => {
                K::Escalated { accountable: c.id(F(at, "accountable"), accountable)?, trigger: *trigger }
            }
            I::ReferralCancelled { reason: r } => K::ReferralCancelled { reason: reason(c, r)? },
            I::ReferralFailed { reason: r } => K::ReferralFailed { reason: reason(c, r)? },
        })
    }
}

impl IntakeInput {
    fn check(&self, c: &mut Checker<'_>, at: At) -> Option<Intake> {
        let referrer = c.id(F(at, "referrer"), &self.referrer);
        let path = F(at, "care_types");
        let care_types = if self.care_types.is_empty() {
            c.push(path, "at least one care type is needed");
            None
        } else if c.bounded(path, self.care_types.len(), MAX_RECORD_LIST) {
            Some(c.typed_codes(path, &self.care_types))
        } else {
            None
        };
        let pc4 = c.record(F(at, "pc4"), Pc4::parse(&self.pc4));
        let municipality = match &self.municipality {
            None => Some(None),
            Some(m) => c.record(F(at, "municipality"), MunicipalityCode::parse(m)).map(Some),
        };
        let policy = match &self.policy {
            None => Some(None),
            Some(p) => p.check(c, F(at, "policy")).map(Some),
        };
        let visits = self.visits_per_week.map(|v| visits_per_week(c, at, v));
        let hours = self.hours_per_week.map(|h| hours_per_week(c, at, h));
        let visit_moments = c.typed_codes(F(at, "visit_moments"), &self.visit_moments);
        let volume = Some(Volume {
            visits_per_week: visits.map_or(Some(None), |v| v.map(Some))?,
            hours_per_week: hours.map_or(Some(None), |h| h.map(Some))?,
            visit_moments,
        });
        Some(Intake {
            referrer: referrer?,
            care_types: care_types?,
            pc4: pc4?,
            municipality: municipality?,
            acute: self.acute,
            policy: policy?,
            volume: volume?,
        })
    }
}

/// An intake's visits per week, checked by the rule of a match request ([`volume_problems`]),
/// the problem at the event's field. `None` when a problem was recorded.
fn visits_per_week(c: &mut Checker<'_>, at: At, visits: u32) -> Option<u32> {
    volume_rule(c, at, volume_problems(Some(visits), None)).then_some(visits)
}

/// An intake's hours per week, checked by the rule of a match request ([`volume_problems`]).
fn hours_per_week(c: &mut Checker<'_>, at: At, hours: Hours) -> Option<Hours> {
    volume_rule(c, at, volume_problems(None, Some(hours))).then_some(hours)
}

/// Records the problems at the event's fields; whether there were none.
fn volume_rule(c: &mut Checker<'_>, at: At, problems: impl Iterator<Item = (&'static str, String)>) -> bool {
    let mut valid = true;
    for (field, why) in problems {
        c.push(F(at, field), why);
        valid = false;
    }
    valid
}

/// The one event when no problem was recorded, else every problem.
fn one_event(problems: Problems, event: Option<Event>) -> Result<Event> {
    match event {
        Some(e) if problems.is_empty() => Ok(e),
        _ => {
            let mut problems = problems;
            if problems.is_empty() {
                // Every refusal records a problem; this only keeps the error from being empty.
                problems.push("$", "the event could not be read");
            }
            Err(Error::Invalid { document: ONE_EVENT, problems: problems.into_vec() })
        }
    }
}

// ----- wire format -------------------------------------------------------------------------------

/// A referral events document as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "ReferralEvents"))]
pub(crate) struct WireDocument {
    /// Always `wijknet.referral-events/v1`.
    schema: String,
    /// The events, in the order they happened.
    #[cfg_attr(feature = "schema", schemars(length(max = 4194304)))]
    events: Vec<WireEvent>,
}

/// Who makes a change.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Actor"))]
struct WireActor {
    /// The actor's role.
    #[cfg_attr(feature = "schema", schemars(with = "ActorRole"))]
    role: String,
    /// Organisation id (referrer, coordinator) or team id (team).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    id: String,
}

/// Why: a reason code, and a text only with the code `other` (which needs one: at most 200
/// characters, no control characters).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Reason", transform = text_only_with_other))]
struct WireReason {
    /// The reason code.
    #[cfg_attr(feature = "schema", schemars(with = "crate::referral::ReferralReason"))]
    code: String,
    /// The text of an `other` reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    text: Option<String>,
}

/// The coordination point's limits for a referral in its area.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "EscalationPolicy"))]
struct WirePolicy {
    /// Who takes over an escalated referral (organisation id).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    accountable: String,
    /// Longest time, in seconds, an acute referral may stay unplaced.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 316224000)))]
    max_unplaced_acute_secs: i64,
    /// Longest time, in seconds, any other referral may stay unplaced.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 316224000)))]
    max_unplaced_non_acute_secs: i64,
    /// Number of team rejections that escalates; 0 switches this trigger off.
    max_declines: u32,
}

/// One change of one referral. Which of the optional fields an event needs, and which it may not
/// have, depends on its `type` (the rules under `allOf`); whether the change is allowed (order,
/// actor, state) is checked when events are applied, not when they are read.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "ReferralEvent"), schemars(transform = fields_by_type))]
pub(crate) struct WireEvent {
    /// Unique per referral (a duplicate is refused when applied).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    id: String,
    /// The referral it changes.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    referral: String,
    /// Position in the referral's history: 1 for `created`, each next event one more.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    seq: u64,
    /// When it happened; never before the referral's previous event.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    at: String,
    /// Who made it.
    actor: WireActor,
    /// The kind of change.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::referral::ReferralEventType"))]
    kind: String,
    /// The offer's or the care's team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IdText>"))]
    team: Option<String>,
    /// Why (declines, cancellations, failures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<WireReason>,
    /// `created`: the referring organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IdText>"))]
    referrer: Option<String>,
    /// `created`: the care types needed, at least one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::codes::CareType>>", length(min = 1, max = 10000))
    )]
    care_types: Option<Vec<String>>,
    /// `created`: the client's PC4 area (never the full address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Pc4Text>"))]
    pc4: Option<String>,
    /// `created`: the client's municipality, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::MunicipalityText>"))]
    municipality: Option<String>,
    /// `created`: care must start within 24 hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    acute: Option<bool>,
    /// `created`: the coordination point's limits, when one covers the area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    policy: Option<WirePolicy>,
    /// `created`: visits per week from the assessment (1 to 168), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 168)))]
    visits_per_week: Option<u32>,
    /// `created`: hours of care per week from the assessment (above 0, at most 168), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<f64>", range(max = 168)))]
    hours_per_week: Option<Hours>,
    /// `created`: visit moment codes (`morning`, `afternoon`, `evening`, `night`), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::volume::VisitMoment>>", length(max = 10000))
    )]
    visit_moments: Option<Vec<String>>,
    /// `escalated`: who has the referral now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IdText>"))]
    accountable: Option<String>,
    /// `escalated`: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::referral::EscalationTrigger>"))]
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
            visits_per_week: None,
            hours_per_week: None,
            visit_moments: None,
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
                w.policy = intake.policy.as_ref().map(WirePolicy::from);
                w.visits_per_week = intake.volume.visits_per_week;
                w.hours_per_week = intake.volume.hours_per_week;
                w.visit_moments = (!intake.volume.visit_moments.is_empty())
                    .then(|| intake.volume.visit_moments.iter().map(|m| m.code().to_owned()).collect());
            }
            EventKind::Escalated { accountable, trigger } => {
                w.accountable = Some(accountable.to_string());
                w.trigger = Some(trigger.code().to_owned());
            }
            _ => {}
        }
        w
    }
}

// ----- checking --------------------------------------------------------------------------------

/// Where an event is: `$.events[i]` in a document, `$` when it is read on its own. Paths are
/// built as text only when a problem is reported.
#[derive(Debug, Clone, Copy)]
enum At {
    Doc(usize),
    One,
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Doc(i) => write!(f, "$.events[{i}]"),
            At::One => f.write_str("$"),
        }
    }
}

/// The path of a field (or a field of a field, `reason.code`) of the event at `At`.
#[derive(Debug, Clone, Copy)]
struct F(At, &'static str);

impl fmt::Display for F {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// The optional fields of the wire format, in its order: which ones an event needs depends on
/// its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Team,
    Reason,
    Referrer,
    CareTypes,
    Pc4,
    Municipality,
    Acute,
    Policy,
    VisitsPerWeek,
    HoursPerWeek,
    VisitMoments,
    Accountable,
    Trigger,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Needed,
    Optional,
    Unused,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Team => "team",
            Field::Reason => "reason",
            Field::Referrer => "referrer",
            Field::CareTypes => "care_types",
            Field::Pc4 => "pc4",
            Field::Municipality => "municipality",
            Field::Acute => "acute",
            Field::Policy => "policy",
            Field::VisitsPerWeek => "visits_per_week",
            Field::HoursPerWeek => "hours_per_week",
            Field::VisitMoments => "visit_moments",
            Field::Accountable => "accountable",
            Field::Trigger => "trigger",
        }
    }

    fn use_by(self, ty: ReferralEventType) -> Use {
        use ReferralEventType as T;
        let needed = |yes: bool| if yes { Use::Needed } else { Use::Unused };
        match self {
            Field::Team => needed(!matches!(
                ty,
                T::Created | T::Submitted | T::Escalated | T::ReferralCancelled | T::ReferralFailed
            )),
            Field::Reason => needed(matches!(
                ty,
                T::OfferRejected | T::OfferCancelled | T::CareFailed | T::ReferralCancelled | T::ReferralFailed
            )),
            Field::Referrer | Field::CareTypes | Field::Pc4 | Field::Acute => needed(ty == T::Created),
            Field::Municipality | Field::Policy | Field::VisitsPerWeek | Field::HoursPerWeek | Field::VisitMoments => {
                if ty == T::Created {
                    Use::Optional
                } else {
                    Use::Unused
                }
            }
            Field::Accountable | Field::Trigger => needed(ty == T::Escalated),
        }
    }
}

/// One optional field: a problem when the event's type needs it and it is missing, or does not
/// use it and it is there (a stray `reason` on an `offer_accepted` is almost certainly a mistake
/// of the exporting system, so it is not ignored); otherwise its value is read. With an unknown
/// type the value is still read on its own. `None`: a problem was recorded; `Some(None)`: absent.
fn field<W: ?Sized, R>(
    c: &mut Checker<'_>,
    at: At,
    f: Field,
    ty: Option<ReferralEventType>,
    value: Option<&W>,
    read: impl FnOnce(&mut Checker<'_>, &W) -> Option<R>,
) -> Option<Option<R>> {
    let name = f.name();
    match (value, ty) {
        (Some(_), Some(t)) if f.use_by(t) == Use::Unused => {
            c.push(F(at, name), format_args!("field `{name}` is not used by event type `{}`", t.code()));
            None
        }
        (None, Some(t)) if f.use_by(t) == Use::Needed => {
            c.push(F(at, name), format_args!("event type `{}` needs field `{name}`", t.code()));
            None
        }
        (None, _) => Some(None),
        (Some(v), _) => read(c, v).map(Some),
    }
}

/// The actor roles as codes, for the message of an unknown one.
const ROLES: &[&str] = &["referrer", "team", "coordinator"];

/// The actor roles, as the schema's enum.
#[cfg(feature = "schema")]
pub(crate) struct ActorRole;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ActorRole {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ActorRole".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "enum": ROLES,
            "description": "Who makes the change: `referrer` (the referring organisation), `team` \
                (a receiving team, only on its own offer) or `coordinator` (a coordination point or \
                other party accountable for the region). Which role may make which change is listed \
                with the event types.",
        })
    }
}

/// Which of the optional fields each event type needs and which it may not have, as one
/// `if type then` rule per type, from [`Field::use_by`] (the rule the reader applies). The reader
/// takes `null` for an absent field, so a needed field must not be null and an unused one may be.
#[cfg(feature = "schema")]
fn fields_by_type(schema: &mut schemars::Schema) {
    const ALL: [Field; 13] = [
        Field::Team,
        Field::Reason,
        Field::Referrer,
        Field::CareTypes,
        Field::Pc4,
        Field::Municipality,
        Field::Acute,
        Field::Policy,
        Field::VisitsPerWeek,
        Field::HoursPerWeek,
        Field::VisitMoments,
        Field::Accountable,
        Field::Trigger,
    ];
    let rules: Vec<serde_json::Value> = ReferralEventType::ALL
        .iter()
        .map(|&ty| {
            let needed: Vec<&str> = ALL.iter().filter(|f| f.use_by(ty) == Use::Needed).map(|f| f.name()).collect();
            let fields: serde_json::Map<String, serde_json::Value> = ALL
                .iter()
                .filter_map(|f| match f.use_by(ty) {
                    Use::Needed => Some((f.name().to_owned(), serde_json::json!({ "not": { "type": "null" } }))),
                    Use::Unused => Some((f.name().to_owned(), serde_json::json!({ "type": "null" }))),
                    Use::Optional => None,
                })
                .collect();
            serde_json::json!({
                "if": { "properties": { "type": { "const": ty.code() } }, "required": ["type"] },
                "then": { "required": needed, "properties": fields },
            })
        })
        .collect();
    schema.insert("allOf".into(), rules.into());
}

/// A reason's text goes with the code `other` only, which needs one (`null` is no text, as for
/// the reader).
#[cfg(feature = "schema")]
fn text_only_with_other(schema: &mut schemars::Schema) {
    let other = ReferralReason::Other.code();
    schema
        .insert("if".into(), serde_json::json!({ "properties": { "code": { "const": other } }, "required": ["code"] }));
    schema.insert(
        "then".into(),
        serde_json::json!({ "required": ["text"], "properties": { "text": { "not": { "type": "null" } } } }),
    );
    schema.insert("else".into(), serde_json::json!({ "properties": { "text": { "type": "null" } } }));
}

fn role(code: &str) -> std::result::Result<fn(Id) -> Actor, UnknownCode> {
    match code {
        "referrer" => Ok(Actor::Referrer),
        "team" => Ok(Actor::Team),
        "coordinator" => Ok(Actor::Coordinator),
        _ => Err(UnknownCode { kind: "actor role", expected: ROLES }),
    }
}

impl WireEvent {
    /// Checks every field in the wire format's order, recording each problem at its path. `Some`
    /// only when the event could be built; the caller uses it only when no problem was recorded.
    fn check(&self, c: &mut Checker<'_>, at: At) -> Option<Event> {
        let id = c.id(F(at, "id"), &self.id);
        let referral = c.id(F(at, "referral"), &self.referral);
        if self.seq == 0 {
            c.push(F(at, "seq"), "expected 1 or more");
        }
        let time = c.instant(F(at, "at"), &self.at);
        let make_actor = c.code(F(at, "actor.role"), role(&self.actor.role));
        let actor_id = c.id(F(at, "actor.id"), &self.actor.id);
        let ty = c.code(F(at, "type"), ReferralEventType::from_code(&self.kind));
        let kind = self.kind(c, at, ty);
        let actor = make_actor.zip(actor_id).map(|(make, id)| make(id));
        Some(Event { id: id?, referral: referral?, seq: self.seq, at: time?, actor: actor?, kind: kind? })
    }

    /// The type-dependent fields. Every value that can be checked without knowing the type is
    /// checked even when the type is unknown; only which fields the event needs is not.
    fn kind(&self, c: &mut Checker<'_>, at: At, ty: Option<ReferralEventType>) -> Option<EventKind> {
        let team = field(c, at, Field::Team, ty, self.team.as_deref(), |c, t| c.id(F(at, "team"), t));
        let reason = field(c, at, Field::Reason, ty, self.reason.as_ref(), |c, r| r.check(c, at));
        let referrer = field(c, at, Field::Referrer, ty, self.referrer.as_deref(), |c, r| c.id(F(at, "referrer"), r));
        let care_types = field(c, at, Field::CareTypes, ty, self.care_types.as_deref(), |c, list| {
            let path = F(at, "care_types");
            if list.is_empty() {
                c.push(path, "at least one care type is needed");
                return None;
            }
            if !c.bounded(path, list.len(), MAX_RECORD_LIST) {
                return None;
            }
            Some(c.codes(path, list, CareType::from_code))
        });
        let pc4 = field(c, at, Field::Pc4, ty, self.pc4.as_deref(), |c, s| c.record(F(at, "pc4"), Pc4::parse(s)));
        let municipality = field(c, at, Field::Municipality, ty, self.municipality.as_deref(), |c, s| {
            c.record(F(at, "municipality"), MunicipalityCode::parse(s))
        });
        let acute = field(c, at, Field::Acute, ty, self.acute.as_ref(), |_, a| Some(*a));
        let policy = field(c, at, Field::Policy, ty, self.policy.as_ref(), |c, p| p.check(c, at));
        let visits =
            field(c, at, Field::VisitsPerWeek, ty, self.visits_per_week.as_ref(), |c, v| visits_per_week(c, at, *v));
        let hours =
            field(c, at, Field::HoursPerWeek, ty, self.hours_per_week.as_ref(), |c, h| hours_per_week(c, at, *h));
        let moments = field(c, at, Field::VisitMoments, ty, self.visit_moments.as_deref(), |c, list| {
            let path = F(at, "visit_moments");
            c.bounded(path, list.len(), MAX_RECORD_LIST).then(|| c.codes(path, list, VisitMoment::from_code))
        });
        let volume = match (visits, hours, moments) {
            (Some(visits_per_week), Some(hours_per_week), Some(moments)) => {
                Some(Volume { visits_per_week, hours_per_week, visit_moments: moments.unwrap_or(CodeSet::empty()) })
            }
            _ => None,
        };
        let accountable =
            field(c, at, Field::Accountable, ty, self.accountable.as_deref(), |c, a| c.id(F(at, "accountable"), a));
        let trigger = field(c, at, Field::Trigger, ty, self.trigger.as_deref(), |c, t| {
            c.code(F(at, "trigger"), EscalationTrigger::from_code(t))
        });
        let Some(ty) = ty else {
            c.push(at, "not checked: unknown event type (which fields the event needs and which it may not have)");
            return None;
        };
        let (team, reason) = (team.flatten(), reason.flatten());
        use ReferralEventType as T;
        Some(match ty {
            T::Created => EventKind::Created(Box::new(Intake {
                referrer: referrer.flatten()?,
                care_types: care_types.flatten()?,
                pc4: pc4.flatten()?,
                municipality: municipality?,
                acute: acute.flatten()?,
                policy: policy?,
                volume: volume?,
            })),
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
            T::Escalated => EventKind::Escalated { accountable: accountable.flatten()?, trigger: trigger.flatten()? },
            T::ReferralCancelled => EventKind::ReferralCancelled { reason: reason? },
            T::ReferralFailed => EventKind::ReferralFailed { reason: reason? },
        })
    }
}

impl WireReason {
    fn check(&self, c: &mut Checker<'_>, at: At) -> Option<Reason> {
        // Whether a text is allowed depends on the code, so an unknown code leaves it unchecked.
        let code = c.code(F(at, "reason.code"), ReferralReason::from_code(&self.code))?;
        match Reason::with_text(code, self.text.as_deref()) {
            Ok(reason) => Some(reason),
            Err(why) => {
                c.push(F(at, if self.text.is_some() { "reason.text" } else { "reason" }), why);
                None
            }
        }
    }
}

impl From<&EscalationPolicy> for WirePolicy {
    fn from(p: &EscalationPolicy) -> Self {
        WirePolicy {
            accountable: p.accountable.to_string(),
            max_unplaced_acute_secs: p.max_unplaced_acute.num_seconds(),
            max_unplaced_non_acute_secs: p.max_unplaced_non_acute.num_seconds(),
            max_declines: p.max_declines,
        }
    }
}

/// A policy is written in the shape of a `created` event's `policy` (limits in seconds).
impl Serialize for EscalationPolicy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        WirePolicy::from(self).serialize(s)
    }
}

impl WirePolicy {
    fn check(&self, c: &mut Checker<'_>, at: At) -> Option<EscalationPolicy> {
        let accountable = c.id(F(at, "policy.accountable"), &self.accountable);
        let acute = limit(c, F(at, "policy.max_unplaced_acute_secs"), self.max_unplaced_acute_secs);
        let non_acute = limit(c, F(at, "policy.max_unplaced_non_acute_secs"), self.max_unplaced_non_acute_secs);
        Some(EscalationPolicy {
            accountable: accountable?,
            max_unplaced_acute: acute?,
            max_unplaced_non_acute: non_acute?,
            max_declines: self.max_declines,
        })
    }
}

/// An unplaced limit in seconds, within [`EscalationPolicy::MAX_LIMIT_SECS`].
fn limit(c: &mut Checker<'_>, path: impl fmt::Display, secs: i64) -> Option<Duration> {
    match Duration::try_seconds(secs).filter(|_| (1..=EscalationPolicy::MAX_LIMIT_SECS).contains(&secs)) {
        Some(d) => Some(d),
        None => {
            c.push(path, EscalationPolicy::LIMIT_RANGE);
            None
        }
    }
}

impl crate::input::SchemaTagged for WireDocument {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}
