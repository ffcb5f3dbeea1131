//! The referral lifecycle (*verwijzing*, *aanmelding*) and the monitoring figures it yields.
//!
//! A referral is one client request; it goes to candidate teams as offers, one per team, each
//! with its own FHIR Task status. Every change is an [`Event`] with a time and an [`Actor`];
//! [`Referral::apply`] enforces who may make which change in which state (see [`referral`] for the
//! transition tables) and replaying the events rebuilds the same state. Referrals that stay
//! unplaced or are declined too often escalate to the accountable party ([`escalation`]).
//! [`Monitoring`] turns the same events into the figures regions ask for: time to placement,
//! teams contacted, decline reasons by care type and area, escalations, referrals never placed.
//!
//! This module does not depend on the registry or on agreements: teams are ids, and the
//! coordination point's limits arrive as an [`EscalationPolicy`].

pub mod book;
pub mod escalation;
pub mod event;
pub mod monitoring;
#[allow(clippy::module_inception)]
pub mod referral;
pub mod state;

pub use book::ReferralBook;
pub use escalation::{Escalation, EscalationPolicy, check_escalation, escalation_event_id};
pub use event::{
    Actor, EVENTS_SCHEMA, Event, EventKind, EventType, Intake, events_to_json, format_time, parse_event, parse_events,
};
pub use monitoring::{DurationStats, Monitoring, MonitoringRow, ReasonCounts, ReferralRow, TeamsContacted};
pub use referral::{MAX_EVENTS, MAX_OFFERS, Offer, OfferSummary, Referral, ReferralSummary};
pub use state::{EscalationTrigger, Reason, ReasonCode, ReferralStatus, TaskStatus};
