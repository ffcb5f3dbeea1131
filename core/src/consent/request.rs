//! The question asked: may this discloser share these categories about this client with this
//! recipient, for this purpose? Facts the engine needs (treatment relationships, data-sharing
//! agreements) travel with the question, so the consent engine depends on no other module.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codes::{Channel, CombiningPolicy, DataCategory, EmergencyReason, Purpose, RecipientRole, code_list};
use crate::codes::CodeSet;
use crate::error::{Error, Result};
use crate::ids::Id;

/// An organisation (a registry id) acting in a role: the discloser or the recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Registry id of the organisation.
    pub organisation: Id,
    /// The role it acts in for this disclosure.
    pub role: RecipientRole,
}

/// Break-glass: an explicit emergency flag with its reason (*spoed, vitaal belang*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emergency {
    /// Why break-glass is used; goes into the audit record.
    pub reason: EmergencyReason,
}

/// A data-sharing agreement between organisations, as input (the agreements module converts its
/// own records into this). An active agreement covering both parties, the category and the
/// purpose at the decision time is a basis among care providers, e.g. a night-care rotation
/// (*onplanbare nachtzorg*) in which partners share the nursing plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharingAgreement {
    /// Agreement id.
    pub id: Id,
    /// Organisations bound by the agreement.
    pub parties: Vec<Id>,
    /// Data categories the agreement lets the parties share.
    #[serde(with = "code_list")]
    pub categories: CodeSet<DataCategory>,
    /// Purposes the agreement covers.
    #[serde(with = "code_list")]
    pub purposes: CodeSet<Purpose>,
    /// First instant of validity.
    pub valid_from: DateTime<Utc>,
    /// First instant no longer valid; absent means open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
    /// Whether the agreement is in force (not suspended or ended).
    pub active: bool,
}

impl SharingAgreement {
    /// Whether this agreement lets `discloser` share `category` with `recipient` for `purpose` at `at`.
    pub fn covers(
        &self,
        discloser: &str,
        recipient: &str,
        category: DataCategory,
        purpose: Purpose,
        at: DateTime<Utc>,
    ) -> bool {
        self.active
            && self.categories.contains(category)
            && self.purposes.contains(purpose)
            && self.valid_from <= at
            && self.valid_until.is_none_or(|u| at < u)
            && self.parties.iter().any(|p| p.as_str() == discloser)
            && self.parties.iter().any(|p| p.as_str() == recipient)
    }
}

/// A data-sharing question (*mag ik dit delen?*). The decision time is a separate parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// Pseudonymous client id.
    pub client: Id,
    /// Who would share.
    pub discloser: Party,
    /// Who would receive.
    pub recipient: Party,
    /// Why.
    pub purpose: Purpose,
    /// The categories asked about; answered one by one. Must not be empty.
    #[serde(with = "code_list")]
    pub categories: CodeSet<DataCategory>,
    /// Direct disclosure (default) or through an exchange system.
    #[serde(default)]
    pub channel: Channel,
    /// How consents and objections are combined (default: most specific wins).
    #[serde(default)]
    pub policy: CombiningPolicy,
    /// Break-glass flag with reason, if this is an emergency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency: Option<Emergency>,
    /// Organisations that have a treatment relationship with the client now (a fact the host
    /// derives, e.g. from accepted referrals or case-coordination agreements).
    #[serde(default)]
    pub treatment_relationships: Vec<Id>,
    /// Data-sharing agreements that may apply.
    #[serde(default)]
    pub agreements: Vec<SharingAgreement>,
}

impl DecisionRequest {
    /// Parses a request from JSON (the shape its `Serialize` writes), with the JSON path of the
    /// first structural problem.
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        let de = &mut serde_json::Deserializer::from_slice(bytes);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            Error::Json {
                document: "consent request",
                path: if path == "." { "$".into() } else { path },
                message: e.into_inner().to_string(),
            }
        })
    }

    /// Whether `organisation` has a treatment relationship with the client.
    pub fn has_treatment_relationship(&self, organisation: &str) -> bool {
        self.treatment_relationships.iter().any(|o| o.as_str() == organisation)
    }
}
