//! Consent-aware data sharing as a uniffi object: "may I share this?", per data category.

use std::sync::Arc;
use std::time::SystemTime;

use serde_json::{Value, json};

use crate::codes::{
    self, CombiningPolicy, ConsentBasis, ConsentChannel, ConsentEffect, ConsentOutcome, ConsentSourceKind,
    ConsentTraceReason, DataCategory, EmergencyReason, Obligation, Purpose, RecipientRole, WhoDecides,
};
use crate::error::Result;
use crate::types;

/// The consent store: clients (pseudonymous ids), their consents and objections, loaded from a
/// `wijknet.consent/v1` JSON document. Decides whether a discloser may share data categories
/// about a client with a recipient, for a purpose, at a moment, under Dutch rules, and says
/// which rule decided.
///
/// **Thread-safety:** immutable; share one instance between threads and decide concurrently.
///
/// **Lifetime:** owns native memory; in Kotlin call `close()` (or `use { }`) or leave it to the
/// cleaner, in Swift it is freed with its last reference. Its JSON export contains the BSNs it
/// was loaded with (the host's own data); decisions, traces, audit records and errors never do.
#[derive(Debug, uniffi::Object)]
pub struct ConsentStore {
    inner: wijknet::consent::ConsentStore,
}

#[uniffi::export]
impl ConsentStore {
    /// Loads and validates a `wijknet.consent/v1` document (UTF-8 bytes); every rule violation is
    /// reported at once, and no message repeats a BSN or a date of birth.
    #[uniffi::constructor]
    pub fn from_json(json: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: wijknet::consent::ConsentStore::from_json(&json)? }))
    }

    /// Same as `fromJson`, from a string.
    #[uniffi::constructor]
    pub fn from_json_string(json: String) -> Result<Arc<Self>> {
        Self::from_json(json.into_bytes())
    }

    /// The `wijknet.consent/v1` document; loading it again gives an equal store.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The data version label, written into audit records.
    pub fn version(&self) -> String {
        self.inner.version().to_owned()
    }

    /// Number of clients.
    pub fn client_count(&self) -> u32 {
        self.inner.len() as u32
    }

    /// Whether the store knows a client with this pseudonymous id.
    pub fn has_client(&self, client: String) -> bool {
        self.inner.client(&client).is_some()
    }

    /// Who decides about sharing for a client at an instant (client, representative, or both,
    /// by the WGBO age rules), or null for an unknown client.
    pub fn who_decides(&self, client: String, at: SystemTime) -> Result<Option<WhoDecides>> {
        let at = types::utc(at, "at")?;
        Ok(self.inner.client(&client).map(|c| c.who_decides(at).into()))
    }

    /// Decides the request at `at`: one answer per requested category. Errors: unknown client
    /// (`NotFound`), a malformed request or no categories (`Json` / `Invalid`).
    pub fn decide(&self, request: ConsentRequest, at: SystemTime) -> Result<Decision> {
        let request = request.to_core()?;
        Ok(Decision::from(&self.inner.decide(&request, types::utc(at, "at")?)?))
    }

    /// The same decision as `decide`, plus the trace: every consent and objection of the client
    /// and why each did or did not apply, and the ingredients of each category's answer.
    pub fn decide_with_trace(&self, request: ConsentRequest, at: SystemTime) -> Result<TracedDecision> {
        let request = request.to_core()?;
        let (decision, trace) = self.inner.decide_with_trace(&request, types::utc(at, "at")?)?;
        Ok(TracedDecision { decision: Decision::from(&decision), trace: Trace::from(&trace) })
    }

    /// The same decision as `decide`, plus the audit record a host stores (deterministic
    /// decision id, inputs hash, data version; pseudonymous ids and codes only).
    pub fn decide_audited(&self, request: ConsentRequest, at: SystemTime) -> Result<AuditedDecision> {
        let request = request.to_core()?;
        let decision = self.inner.decide(&request, types::utc(at, "at")?)?;
        let audit = self.inner.audit_record(&request, &decision);
        Ok(AuditedDecision { decision: Decision::from(&decision), audit: AuditRecord::from(&audit) })
    }
}

/// An organisation (registry id) acting in a role: the discloser or the recipient.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ConsentParty {
    /// Registry id of the organisation.
    pub organisation: String,
    /// The role it acts in for this disclosure.
    pub role: RecipientRole,
}

/// A data-sharing agreement between organisations, as input to a consent decision (e.g. a
/// night-care rotation in which partners share the nursing plan).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SharingAgreement {
    /// Agreement id.
    pub id: String,
    /// Organisations bound by the agreement.
    pub parties: Vec<String>,
    /// Data categories it lets the parties share.
    pub categories: Vec<DataCategory>,
    /// Purposes it covers.
    pub purposes: Vec<Purpose>,
    /// First instant of validity.
    pub valid_from: SystemTime,
    /// First instant no longer valid; null means open-ended.
    pub valid_until: Option<SystemTime>,
    /// Whether it is in force (not suspended or ended).
    pub active: bool,
}

/// "May `discloser` share `categories` about `client` with `recipient` for `purpose`?"
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConsentRequest {
    /// Pseudonymous client id (never a BSN).
    pub client: String,
    /// Who would share.
    pub discloser: ConsentParty,
    /// Who would receive.
    pub recipient: ConsentParty,
    /// Why.
    pub purpose: Purpose,
    /// Data categories asked for; at least one.
    pub categories: Vec<DataCategory>,
    /// How the data would travel; null means `DIRECT`.
    #[uniffi(default)]
    pub channel: Option<ConsentChannel>,
    /// How consents are combined; null means `MOST_SPECIFIC_WINS` (the Dutch default).
    #[uniffi(default)]
    pub policy: Option<CombiningPolicy>,
    /// Break-glass: set with its reason in an emergency.
    #[uniffi(default)]
    pub emergency: Option<EmergencyReason>,
    /// Organisations that have a treatment relationship with the client now (a fact the host
    /// derives, e.g. from accepted referrals or case-coordination agreements).
    #[uniffi(default)]
    pub treatment_relationships: Vec<String>,
    /// Data-sharing agreements that may apply.
    #[uniffi(default)]
    pub agreements: Vec<SharingAgreement>,
}

fn codes_json<T: Copy, C: From<T> + Copy>(list: &[T], code: impl Fn(C) -> &'static str) -> Value {
    Value::from(list.iter().map(|t| code(C::from(*t))).collect::<Vec<_>>())
}

impl ConsentRequest {
    /// Through the core's own request parser, so a malformed id is reported with the same path
    /// and wording as in a JSON request.
    pub(crate) fn to_core(&self) -> Result<wijknet::consent::ConsentRequest> {
        let party = |p: &ConsentParty| json!({"organisation": p.organisation, "role": wijknet::consent::RecipientRole::from(p.role).code()});
        let mut agreements = Vec::with_capacity(self.agreements.len());
        for (i, a) in self.agreements.iter().enumerate() {
            let until = match a.valid_until {
                Some(t) => Value::from(types::instant_text(t, &format!("$.agreements[{i}].valid_until"))?),
                None => Value::Null,
            };
            agreements.push(json!({
                "id": a.id,
                "parties": a.parties,
                "categories": codes_json(&a.categories, wijknet::consent::DataCategory::code),
                "purposes": codes_json(&a.purposes, wijknet::consent::Purpose::code),
                "valid_from": types::instant_text(a.valid_from, &format!("$.agreements[{i}].valid_from"))?,
                "valid_until": until,
                "active": a.active,
            }));
        }
        let mut doc = json!({
            "client": self.client,
            "discloser": party(&self.discloser),
            "recipient": party(&self.recipient),
            "purpose": wijknet::consent::Purpose::from(self.purpose).code(),
            "categories": codes_json(&self.categories, wijknet::consent::DataCategory::code),
            "treatment_relationships": self.treatment_relationships,
            "agreements": agreements,
        });
        if let Some(c) = self.channel {
            doc["channel"] = json!(wijknet::consent::ConsentChannel::from(c).code());
        }
        if let Some(p) = self.policy {
            doc["policy"] = json!(wijknet::consent::CombiningPolicy::from(p).code());
        }
        if let Some(e) = self.emergency {
            doc["emergency"] = json!({"reason": wijknet::consent::EmergencyReason::from(e).code()});
        }
        Ok(wijknet::consent::ConsentRequest::from_json(doc.to_string().as_bytes())?)
    }
}

impl From<&wijknet::consent::ConsentRequest> for ConsentRequest {
    fn from(r: &wijknet::consent::ConsentRequest) -> Self {
        let party = |p: &wijknet::consent::Party| ConsentParty {
            organisation: p.organisation.to_string(),
            role: p.role.into(),
        };
        Self {
            client: r.client.to_string(),
            discloser: party(&r.discloser),
            recipient: party(&r.recipient),
            purpose: r.purpose.into(),
            categories: codes::list(r.categories),
            channel: Some(r.channel.into()),
            policy: Some(r.policy.into()),
            emergency: r.emergency.map(|e| e.reason.into()),
            treatment_relationships: r.treatment_relationships.iter().map(ToString::to_string).collect(),
            agreements: r.agreements.iter().map(SharingAgreement::from).collect(),
        }
    }
}

impl From<&wijknet::consent::SharingAgreement> for SharingAgreement {
    fn from(a: &wijknet::consent::SharingAgreement) -> Self {
        Self {
            id: a.id.to_string(),
            parties: a.parties.iter().map(ToString::to_string).collect(),
            categories: codes::list(a.categories),
            purposes: codes::list(a.purposes),
            valid_from: types::instant(a.valid_from),
            valid_until: a.valid_until.map(types::instant),
            active: a.active,
        }
    }
}

/// Parses the consent request JSON shape (`{"client", "discloser", "recipient", "purpose",
/// "categories", "channel", "policy", "emergency", "treatment_relationships", "agreements"}`)
/// into a typed request; the first structural problem is reported with its path.
#[uniffi::export]
pub fn consent_request_from_json(json: Vec<u8>) -> Result<ConsentRequest> {
    Ok(ConsentRequest::from(&wijknet::consent::ConsentRequest::from_json(&json)?))
}

/// A consent decision: one answer per requested category, in stable category order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Decision {
    /// Pseudonymous client id.
    pub client: String,
    /// The decision time.
    pub at: SystemTime,
    /// The combining policy used.
    pub policy: CombiningPolicy,
    /// Who decides for the client at that time.
    pub who_decides: WhoDecides,
    /// Per requested category.
    pub categories: Vec<CategoryDecision>,
}

/// The answer for one data category.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CategoryDecision {
    /// The category.
    pub category: DataCategory,
    /// Permit, deny, or no applicable consent.
    pub outcome: ConsentOutcome,
    /// The rule that decided it (`NO_BASIS` for the default deny).
    pub basis: ConsentBasis,
    /// The deciding consent provision or objection, when one decided.
    pub provision: Option<ProvisionRef>,
    /// What the discloser must do when sharing (empty for a deny).
    pub obligations: Vec<Obligation>,
}

/// Points at the consent provision or objection that decided a category.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProvisionRef {
    /// A consent or an objection.
    pub source: ConsentSourceKind,
    /// Its record id.
    pub id: String,
    /// Child indices from the consent's root provision (empty for the root and objections).
    pub path: Vec<u32>,
}

impl From<&wijknet::consent::Decision> for Decision {
    fn from(d: &wijknet::consent::Decision) -> Self {
        Self {
            client: d.client.to_string(),
            at: types::instant(d.at),
            policy: d.policy.into(),
            who_decides: d.who_decides.into(),
            categories: d
                .iter()
                .map(|(category, c)| CategoryDecision {
                    category: category.into(),
                    outcome: c.outcome.into(),
                    basis: c.basis.into(),
                    provision: c.provision.as_ref().map(|p| ProvisionRef {
                        source: p.source.into(),
                        id: p.id.to_string(),
                        path: p.path.steps().iter().map(|&s| u32::from(s)).collect(),
                    }),
                    obligations: codes::list(c.obligations),
                })
                .collect(),
        }
    }
}

/// A decision with its trace.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TracedDecision {
    /// The decision (equal to what `decide` answers).
    pub decision: Decision,
    /// Why.
    pub trace: Trace,
}

/// Why each consent and objection of the client did or did not take part. Ids and codes only.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Trace {
    /// Who decides for the client at the decision time.
    pub who_decides: WhoDecides,
    /// Every consent and objection of the client, consents first, each sorted by id.
    pub records: Vec<TraceEntry>,
    /// Per requested category, in stable order.
    pub categories: Vec<CategoryTrace>,
}

/// One consent or objection in a trace.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TraceEntry {
    /// Consent or objection.
    pub source: ConsentSourceKind,
    /// Record id.
    pub id: String,
    /// Why it did or did not apply.
    pub reason: ConsentTraceReason,
    /// Requested categories for which one of its provisions matched and counted.
    pub matched: Vec<DataCategory>,
    /// Categories it decided.
    pub decided: Vec<DataCategory>,
}

/// The ingredients of one category's answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CategoryTrace {
    /// The category.
    pub category: DataCategory,
    /// The legal basis that applies without consent, if any.
    pub legal_basis: Option<ConsentBasis>,
    /// What the combined consents and objections said, if anything applied.
    pub consent: Option<ConsentEffect>,
    /// Whether break-glass changed the answer.
    pub emergency_applied: bool,
}

impl From<&wijknet::consent::Trace> for Trace {
    fn from(t: &wijknet::consent::Trace) -> Self {
        Self {
            who_decides: t.who_decides.into(),
            records: t
                .records
                .iter()
                .map(|r| TraceEntry {
                    source: r.source.into(),
                    id: r.id.to_string(),
                    reason: r.reason.into(),
                    matched: codes::list(r.matched),
                    decided: codes::list(r.decided),
                })
                .collect(),
            categories: t
                .categories
                .iter()
                .map(|c| CategoryTrace {
                    category: c.category.into(),
                    legal_basis: c.legal_basis.map(Into::into),
                    consent: c.consent.map(Into::into),
                    emergency_applied: c.emergency_applied,
                })
                .collect(),
        }
    }
}

/// A decision with the audit record to store.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditedDecision {
    /// The decision (equal to what `decide` answers).
    pub decision: Decision,
    /// What to store.
    pub audit: AuditRecord,
}

/// What a host stores per decision: enough to prove later what was asked, on which data, when,
/// and what was answered. Pseudonymous ids and codes only.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditRecord {
    /// Deterministic id (16 hex digits): the same question on the same data at the same instant
    /// gets the same id.
    pub decision_id: String,
    /// `fnv1a64:` and 16 hex digits over the canonical encoding of the inputs.
    pub inputs_hash: String,
    /// The store's data version label.
    pub data_version: String,
    /// The decision time.
    pub at: SystemTime,
    /// Pseudonymous client id.
    pub client: String,
    /// Who would share.
    pub discloser: ConsentParty,
    /// Who would receive.
    pub recipient: ConsentParty,
    /// Why.
    pub purpose: Purpose,
    /// The combining policy used.
    pub policy: CombiningPolicy,
    /// The break-glass reason, when the emergency flag was set.
    pub emergency: Option<EmergencyReason>,
    /// Per requested category.
    pub outcomes: Vec<AuditOutcome>,
}

/// The outcome of one category, as logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct AuditOutcome {
    /// The category.
    pub category: DataCategory,
    /// Its outcome.
    pub outcome: ConsentOutcome,
    /// Its basis.
    pub basis: ConsentBasis,
}

impl From<&wijknet::consent::AuditRecord> for AuditRecord {
    fn from(a: &wijknet::consent::AuditRecord) -> Self {
        let party = |p: &wijknet::consent::Party| ConsentParty {
            organisation: p.organisation.to_string(),
            role: p.role.into(),
        };
        Self {
            decision_id: a.decision_id.clone(),
            inputs_hash: a.inputs_hash.clone(),
            data_version: a.data_version.clone(),
            at: types::instant(a.at),
            client: a.client.to_string(),
            discloser: party(&a.discloser),
            recipient: party(&a.recipient),
            purpose: a.purpose.into(),
            policy: a.policy.into(),
            emergency: a.emergency.map(Into::into),
            outcomes: a
                .outcomes
                .iter()
                .map(|o| AuditOutcome { category: o.category.into(), outcome: o.outcome.into(), basis: o.basis.into() })
                .collect(),
        }
    }
}
