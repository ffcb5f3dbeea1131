//! The referral lifecycle (*verwijzing*, *aanmelding*) and the monitoring figures it yields.
//!
//! A referral is one client request; it goes to candidate teams as offers, one per team, each
//! with its own FHIR Task status. Every change is an [`Event`] with a time and an [`Actor`];
//! [`Referral::apply`] enforces who may make which change in which state (see
//! [Transitions](#transitions)) and replaying the events rebuilds the same state. Referrals that
//! stay unplaced or are declined too often escalate to the accountable party
//! ([Escalation](#escalation)). [`Monitoring`] turns the same events into the figures
//! regions ask for: time to placement, teams contacted, decline reasons by care type and area,
//! escalations, referrals never placed.
//!
//! This module does not depend on the registry or on agreements: teams are ids, and the
//! coordination point's limits arrive as an [`EscalationPolicy`]. Every item is public here, under
//! one path (`wijknet::referral::Name`); the files behind it are private.
//!
//! # Events
//!
//! Events and their JSON document `wijknet.referral-events/v1` ([`EVENTS_SCHEMA`]). Every change
//! of a referral is an [`Event`]: who did what, when. The events are the record
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
//!               "max_unplaced_non_acute_secs": 432000, "max_declines": 3},
//!    "hours_per_week": 1.5, "visits_per_week": 14, "visit_moments": ["morning", "evening"]},
//!   {"id": "e2", "referral": "r1", "seq": 2, "at": "2026-03-02T09:05:00Z",
//!    "actor": {"role": "team", "id": "t-noord"}, "type": "offer_rejected", "team": "t-noord",
//!    "reason": {"code": "no_capacity"}}
//! ]}
//! ```
//!
//! Documents ([`parse_events`]) and single events ([`parse_event`]) are read through the core's
//! one input layer: strict JSON (no duplicate keys, no arrays for objects, bounded lists and
//! texts), then every value checked with all problems reported at once, in document order, at
//! `$`-rooted paths (`$.events[3].actor.role`; `$.actor.role` for a single event). No message
//! repeats a value of the input: an id is cut to a short prefix, anything else is described by
//! what was expected. Times must lie in the years [`MIN_YEAR`](crate::limits::MIN_YEAR) to
//! [`MAX_YEAR`](crate::limits::MAX_YEAR), policy limits within
//! [`EscalationPolicy::MAX_LIMIT_SECS`], care types at most
//! [`MAX_RECORD_LIST`](crate::limits::MAX_RECORD_LIST).
//!
//! How much care the assessment states (`hours_per_week`, `visits_per_week`, `visit_moments` on
//! `created`, each optional: absent means not stated, as in events written before they existed)
//! is checked by the match request's rules, with its words: visits 1 to 168, hours above 0 and
//! at most 168, known visit moment codes.
//!
//! # Transitions
//!
//! Referral level (actor: R = the referral's referrer, C = any coordinator, T = the offer's team):
//!
//! | event | who | referral status before | after |
//! |---|---|---|---|
//! | `created` | named referrer or C | (none) | `draft` |
//! | `submitted` | R, C | `draft` | `requested` (escalation clock starts) |
//! | `escalated` | C | `requested` | `escalated` |
//! | `referral_cancelled` + reason | R, C | `draft` `requested` `escalated` `accepted` | `cancelled` |
//! | `referral_failed` + reason | C | `requested` `escalated` | `failed` |
//!
//! Offer level (one offer per team; the referral status follows the placement):
//!
//! | event | who | offer before | offer after | referral |
//! |---|---|---|---|---|
//! | `offer_sent` | R, C | (none; referral `requested`/`escalated`) | `requested` | unchanged |
//! | `offer_received` | T | `requested` | `received` | unchanged |
//! | `offer_accepted` | T | `requested` `received` (referral unplaced) | `accepted` | `accepted` |
//! | `offer_rejected` + reason | T | `requested` `received` | `rejected` | may escalate (declines) |
//! | `offer_cancelled` + reason | R, C | `requested` `received` `accepted` | `cancelled` | back to unplaced if it was the accepted one |
//! | `care_started` | T | `accepted` | `in_progress` | `in_progress` (placed) |
//! | `care_paused` | T | `in_progress` | `on_hold` | `on_hold` |
//! | `care_resumed` | T | `on_hold` | `in_progress` | `in_progress` |
//! | `care_completed` | T | `in_progress` `on_hold` | `completed` | `completed` |
//! | `care_failed` + reason | T | `accepted` `in_progress` `on_hold` | `failed` | unplaced again if care had not started, else `failed` |
//!
//! "Unplaced" is `requested`, or `escalated` once the referral has escalated. When care starts, or
//! the referral is cancelled or fails, offers still open are closed as `cancelled` *without* a
//! reason (withdrawn, not declined; monitoring does not count them as declines). Nothing follows
//! `completed`, `cancelled` or `failed`.
//!
//! Every event is checked completely before anything changes: a rejected event leaves the
//! referral exactly as it was.
//!
//! # Escalation
//!
//! Escalation (*escalatie*): no client falls between two stools. A coordination-point agreement
//! says how long a referral may stay unplaced (acute and non-acute separately) and after how many
//! declines it goes to the accountable party. The agreement model supplies an
//! [`EscalationPolicy`]; escalation only needs the four numbers.
//!
//! Two triggers, two mechanisms, both deterministic:
//!
//! - **Declines** are counted by events, so the policy is carried in the referral's `created`
//!   event and [`Referral::apply`] escalates *inside* the reject that reaches the limit (same
//!   time, same event). Replaying the events therefore always escalates at the same reject, with
//!   no extra event that a host could forget to store.
//! - **Time** passes without events, and the core never reads the clock, so the host asks
//!   [`check_escalation`] with its own `now` and stores the returned `escalated` event like any
//!   other. A referral created without a policy can also be checked for declines this way.
//!
//! Both limits of a policy are bounded (1 second to [`EscalationPolicy::MAX_LIMIT_SECS`], ten
//! years) and `now` must lie in the supported years, so no time arithmetic here can overflow.
//!
//! # Monitoring
//!
//! [`Monitoring`] figures from referral events: "register a few essential data points with little
//! administrative burden and use them to see where placement gets stuck".
//!
//! Everything is computed from the events the lifecycle already records; nobody fills in an
//! extra form. Definitions (every binding computes the same integers):
//!
//! - **Placed**: care started under some offer. **Time to placement**: from `submitted` to the
//!   acceptance by the team under which care first started, in whole seconds (truncated).
//! - **Percentiles** are nearest-rank on the sorted values: the p-th percentile of n values is
//!   the value at 1-based rank `ceil(p * n / 100)`; so the median of 4 values is the 2nd.
//! - **Teams contacted**: the number of offers of a referral (every referral, also unsubmitted).
//! - **Declines**: offers that ended `rejected`, plus offers the referrer `cancelled` with a
//!   reason (e.g. `client_declined`); offers withdrawn automatically have no reason and do not
//!   count. A referral with two care types counts under both; areas are PC4 and municipality.
//! - **Escalated**: referrals that ever escalated, also when placed later.
//! - **Never placed**: referrals without a placement, by their current status (still open
//!   `draft`/`requested`/`escalated`/`accepted`, or closed `cancelled`/`failed`).
//! - **Placed hours per week**: the hours per week the intakes of the placed referrals state,
//!   summed in whole minutes (so the total does not depend on order; the one figure that is not
//!   an integer), next to **placed without hours**, the placed referrals whose intake states
//!   none: the total covers `placed` minus those, and says nothing about them.
//!
//! # Codes
//!
//! The status codes follow FHIR `Task.status` (the status of a *verwijzing* and of each
//! *aanbod* to a team) so that an ECD that already speaks FHIR maps them one to one; only the
//! hyphen of `in-progress` / `on-hold` becomes an underscore, like every other wijknet code.

mod book;
mod escalation;
mod event;
mod monitoring;
#[allow(clippy::module_inception)]
mod referral;
mod state;

pub use book::{PARALLEL_REPLAY_FROM, ReferralBook, ReplayStopped};
pub use escalation::{Escalation, EscalationPolicy, check_escalation, escalation_event_id};
pub use event::{
    Actor, ActorInput, EVENTS_SCHEMA, EscalationPolicyInput, Event, EventInput, EventKind, EventKindInput, Intake,
    IntakeInput, ReferralEventType, events_to_json, format_time, parse_event, parse_event_input, parse_event_values,
    parse_events, parse_events_input, parse_events_values, parse_events_with_progress,
};
/// The wire shapes the schemas are generated from (`crate::schema`).
#[cfg(feature = "schema")]
pub(crate) use event::{WireDocument, WireEvent};
pub use monitoring::{DurationStats, Monitoring, MonitoringRow, ReasonCounts, ReferralRow, TeamsContacted};
pub use referral::{MAX_EVENTS, MAX_OFFERS, Offer, OfferSummary, Referral, ReferralSummary};
pub use state::{EscalationTrigger, OfferStatus, Reason, ReferralReason, ReferralStatus};
