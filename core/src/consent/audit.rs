//! The audit record a host stores for every decision (*logging van verstrekkingen*), and the
//! hash behind its ids.
//!
//! The ids are [`Fnv1a64`] hashes, which stay the same forever (an audit id must). What goes into
//! them is chosen deliberately: pseudonymous ids, codes, times and the data version — never a BSN
//! or a name (a 64-bit hash of a 9-digit BSN could be reversed by trying all billion candidates).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codes::{CombiningPolicy, ConsentBasis, ConsentOutcome, DataCategory, EmergencyReason, Purpose};
use super::decision::Decision;
use super::request::{ConsentRequest, Party};
use super::store::ConsentStore;
use crate::fnv::Fnv1a64;
use crate::ids::Id;
use crate::wire::instant_text;

/// The outcome of one category, as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AuditOutcome {
    /// The category.
    pub category: DataCategory,
    /// Its outcome.
    pub outcome: ConsentOutcome,
    /// Its basis.
    pub basis: ConsentBasis,
}

/// What a host stores per decision: enough to prove later what was asked, on which data, when,
/// and what was answered. Contains pseudonymous ids and codes only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AuditRecord {
    /// Deterministic id: the same question on the same data at the same instant gets the same id
    /// (16 hex digits of FNV-1a over the inputs hash and the outcomes).
    pub decision_id: String,
    /// `fnv1a64:` and 16 hex digits over the canonical encoding of the request, the decision time
    /// and the data version.
    pub inputs_hash: String,
    /// The store's data version label.
    pub data_version: String,
    /// The decision time.
    pub at: DateTime<Utc>,
    /// Pseudonymous client id.
    pub client: Id,
    /// Who would share.
    pub discloser: Party,
    /// Who would receive.
    pub recipient: Party,
    /// Why.
    pub purpose: Purpose,
    /// The combining policy used.
    pub policy: CombiningPolicy,
    /// The break-glass reason, when the emergency flag was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency: Option<EmergencyReason>,
    /// Per requested category.
    pub outcomes: Vec<AuditOutcome>,
}

/// The inputs hash: request (every field, sets in stable order), decision time, data version.
pub fn inputs_hash(req: &ConsentRequest, at: DateTime<Utc>, data_version: &str) -> u64 {
    let mut h = Fnv1a64::new();
    h.text("wijknet.consent.inputs/v1");
    h.text(req.client.as_str());
    h.text(req.discloser.organisation_str()).text(req.discloser.role.code());
    h.text(req.recipient.organisation_str()).text(req.recipient.role.code());
    h.text(req.purpose.code());
    h.bytes(&req.categories.bits().to_le_bytes());
    h.text(req.channel.code()).text(req.policy.code());
    h.text(req.emergency.map_or("", |e| e.reason.code()));
    let mut orgs: Vec<&str> = req.treatment_relationships.iter().map(Id::as_str).collect();
    orgs.sort_unstable();
    orgs.dedup();
    h.bytes(&(orgs.len() as u64).to_le_bytes());
    for o in orgs {
        h.text(o);
    }
    let mut agreements: Vec<_> = req.agreements.iter().collect();
    agreements.sort_by(|a, b| a.id.cmp(&b.id));
    h.bytes(&(agreements.len() as u64).to_le_bytes());
    for a in agreements {
        h.text(a.id.as_str());
        let mut parties: Vec<&str> = a.parties.iter().map(Id::as_str).collect();
        parties.sort_unstable();
        h.bytes(&(parties.len() as u64).to_le_bytes());
        for p in parties {
            h.text(p);
        }
        h.bytes(&a.categories.bits().to_le_bytes()).bytes(&a.purposes.bits().to_le_bytes());
        h.text(&instant_text(&a.valid_from)).text(&a.valid_until.as_ref().map(instant_text).unwrap_or_default());
        h.bytes(&[u8::from(a.active)]);
    }
    h.text(&instant_text(&at)).text(data_version);
    // Appended only when said, so the hash of every request that does not say stays what it was.
    if let Some(form) = req.data_form {
        h.text(form.code());
    }
    // Likewise the parties' kinds, behind a marker that no data form code equals.
    if req.discloser.kind.is_some() || req.recipient.kind.is_some() {
        h.text("party_kinds");
        h.text(req.discloser.kind.map_or("", |k| k.code())).text(req.recipient.kind.map_or("", |k| k.code()));
    }
    h.value()
}

/// What errors of audit record input are called.
const AUDIT_DOCUMENT: &str = "audit record";

impl AuditRecord {
    /// Reads an audit record as a host stored it (the JSON every decide answer writes), as
    /// strictly as every document: a key given twice, an unknown field or a wrong type is refused
    /// at its `$`-rooted path, and no message repeats a value. For hosts that convert stored
    /// records later (to a FHIR AuditEvent, say).
    pub fn from_json(bytes: &[u8]) -> crate::Result<Self> {
        crate::input::read(bytes, AUDIT_DOCUMENT)
    }

    /// [`AuditRecord::from_json`] from values (a binding's deserializer over its host language's
    /// dicts and lists), read the same way.
    pub fn from_values<'de, D: serde::Deserializer<'de>>(values: D) -> crate::Result<Self> {
        crate::input::read_values(values, AUDIT_DOCUMENT)
    }
}

impl ConsentStore {
    /// The audit record of `decision`, which must be this store's answer to `req`.
    pub fn audit_record(&self, req: &ConsentRequest, decision: &Decision) -> AuditRecord {
        let inputs = inputs_hash(req, decision.at, self.version());
        let outcomes: Vec<AuditOutcome> = decision
            .iter()
            .map(|(category, d)| AuditOutcome { category, outcome: d.outcome, basis: d.basis })
            .collect();
        let mut id = Fnv1a64::new();
        id.text("wijknet.consent.decision/v1").bytes(&inputs.to_le_bytes());
        for o in &outcomes {
            id.text(o.category.code()).text(o.outcome.code()).text(o.basis.code());
        }
        AuditRecord {
            decision_id: format!("{:016x}", id.value()),
            inputs_hash: format!("fnv1a64:{inputs:016x}"),
            data_version: self.version().to_owned(),
            at: decision.at,
            client: decision.client.clone(),
            discloser: req.discloser.clone(),
            recipient: req.recipient.clone(),
            purpose: req.purpose,
            policy: decision.policy,
            emergency: req.emergency.map(|e| e.reason),
            outcomes,
        }
    }
}
