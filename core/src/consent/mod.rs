//! Consent-aware data sharing (*gegevensdeling met toestemming*): may this discloser share these
//! data categories about this client with this recipient, for this purpose, at this time?
//!
//! The answer is per category: permit, deny, or `no_applicable_consent` (nothing is shared, but
//! unlike a deny nobody said no: ask the client), with the basis that decided it, the deciding
//! consent provision (its path in the provision tree), and obligations (log the disclosure,
//! inform the client, share pseudonymised only). [`ConsentStore::decide`] allocates nothing;
//! [`ConsentStore::decide_with_trace`] also explains every consent and objection;
//! [`ConsentStore::audit_record`] gives the record a host stores.
//!
//! # Rules (and why)
//!
//! - **Default deny**: nothing is shared without a basis (`no_basis`).
//! - **Treatment relationship** (WGBO): care providers (GP, hospital, home-care provider,
//!   pharmacy) directly involved in the client's care may share care data (everything except
//!   social-domain and billing data) for care purposes (direct care, referral, coordination,
//!   emergency) directly, without consent — unless the client objected. Whether both have a
//!   treatment relationship is an input fact; an active data-sharing agreement between both
//!   covering the category and purpose (e.g. a night-care rotation) counts the same way.
//! - **Explicit consent per recipient category** (Wabvpz): sharing with the social domain
//!   (municipality social team, welfare organisation), with a coordination point, by a
//!   social-domain discloser, or through an exchange system needs a consent whose permitting
//!   provision names the recipient's role or organisation; a blanket permit does not count there.
//!   A consent covers one channel (`direct` or `exchange_system`).
//! - **Insurer's narrow basis**: an insurer gets billing data for billing (statutory, an objection
//!   does not stop it) and nothing else, whatever a consent says — except under the
//!   monitoring rule.
//! - **Monitoring and research** get data only aggregated or pseudonymised without consent:
//!   permit with the `pseudonymise` obligation for every category except identification data
//!   (which cannot be pseudonymised: no applicable consent). An objection still wins; an explicit
//!   consent permits identified sharing.
//! - **Objections and withdrawal**: an objection is a deny and overrides legal bases; a withdrawn
//!   consent no longer permits anything, and when it was the only thing that would have permitted,
//!   the answer is a deny with basis `consent_withdrawn`.
//! - **Who decides** (WGBO): under 12 the representative; 12 to 15 the client and the
//!   representative together; 16 and over the client; a client who cannot decide is represented.
//!   Age on the Dutch calendar date of the decision time; a 29 February birthday is reached on
//!   1 March in other years. A permit counts only when given by whoever decides (so a 14-year-old
//!   alone cannot consent, nor a parent alone); a refusal counts when the client made it, or a
//!   representative while representatives have a say.
//! - **Combining policies**: `most_specific_wins` (Dutch default: the more specific provision —
//!   named organisations before a role before anyone, named categories and purposes before all,
//!   summed along the provision path as [`specificity`] defines — then deeper in the tree wins; on
//!   a tie a deny wins, an objection first), `deny_overrides`, `most_recent_wins`
//!   (the latest recorded consent or objection, then most specific). Remaining ties are broken by
//!   record id and path, never by document order.
//! - **Who the recipient is** (what the registry knows): an organisation's kind decides the roles
//!   it can act in ([`roles_of_kind`]: a municipality acts as its social team, a care cooperative
//!   as a home-care provider or a welfare organisation, ...). A party may say its kind; its role
//!   must then be one of those (else the request is invalid at the party's `role`). A consent
//!   naming organisation X applies to X in any role it acts in; an objection to a role applies to
//!   X acting in that role. A recipient may be named by its role only (no organisation, e.g. "a
//!   municipal social team" on a regional platform): a consent naming an organisation then cannot
//!   allow (the recipient cannot be known to be that organisation; the trace says
//!   `recipient_not_named`), while an objection naming one still denies (it may be that one), and
//!   neither a treatment relationship nor a sharing agreement can be the basis.
//! - **Partial deny** (*gedeeltelijke weigering*): when some requested categories are permitted
//!   and others are not, every permitted category carries the `redact` obligation and the
//!   decision lists the others in [`Decision::redact`]: what is shared must leave them out (a
//!   transfer to the hospital without its mental-health section).
//! - **Break-glass**: with the emergency flag (and a reason), a recipient that is a care provider
//!   gets every category except billing data even against an objection, always with the
//!   obligations to log and to inform the client.
//!
//! Nothing here ever puts a BSN, a date of birth or a name into an error, a trace or an audit
//! record.

mod audit;
mod client;
mod codes;
mod compile;
mod decision;
mod document;
mod engine;
mod load;
mod path;
mod record;
mod request;
mod store;

pub use crate::fnv::Fnv1a64;
pub use audit::{AuditOutcome, AuditRecord, inputs_hash};
pub use client::{Client, Representative, age_on, local_date, who_decides};
pub use codes::{
    CombiningPolicy, ConsentBasis, ConsentChannel, ConsentEffect, ConsentOutcome, ConsentRecordStatus,
    ConsentSourceKind, ConsentTraceReason, DataCategory, DataForm, EmergencyReason, Obligation, Purpose, RecipientRole,
    RepresentativeRelation, WhoDecides, code_list, roles_of_kind,
};
pub use decision::{CategoryDecision, CategoryTrace, Decision, ProvisionRef, Trace, TraceEntry};
pub use document::{SCHEMA, StoreDocument};
pub use engine::legal_basis;
pub use path::ProvisionPath;
pub use record::{
    ConsentRecord, GivenBy, MAX_CHILD_PROVISIONS, MAX_PROVISION_DEPTH, Objection, Period, Provision, specificity,
};
pub use request::{
    ConsentRequest, ConsentRequestInput, Emergency, Party, PartyInput, SharingAgreement, SharingAgreementInput,
};
pub use store::ConsentStore;
/// The wire shapes the schemas are generated from (`crate::schema`).
#[cfg(feature = "schema")]
pub(crate) use {document::DocumentWire as StoreWire, request::RequestWire};

#[cfg(test)]
mod tests;
