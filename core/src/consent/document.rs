//! The consent store document (`"schema": "wijknet.consent/v1"`): its typed content
//! ([`StoreDocument`], which serialises back to the same JSON shape) and its wire shape (ids,
//! codes and instants still text), which [`super::load`] reads record by record and checks.
//!
//! The wire structs are also what the document's JSON Schema is generated from
//! (`crate::schema`), so a schema has the reader's shape.

use serde::{Deserialize, Serialize};

use super::client::Client;
use super::codes::{DataCategory, Purpose, RecipientRole};
use super::record::{ConsentRecord, Objection};
use crate::input::{CodeList, Moment, Text};

/// Schema tag of the consent store document.
pub const SCHEMA: &str = "wijknet.consent/v1";

pub(super) const DOCUMENT: &str = "consent store";

/// The content of a consent store document, as typed values. Clients, consents and objections
/// keep their document order so that an export gives back what was loaded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoreDocument {
    /// The host's version label of this data (e.g. an export timestamp or sequence number); it is
    /// written into every audit record so a decision can be replayed on the same data.
    pub version: String,
    /// Clients.
    pub clients: Vec<Client>,
    /// Consent records.
    pub consents: Vec<ConsentRecord>,
    /// Objections.
    pub objections: Vec<Objection>,
}

impl Serialize for StoreDocument {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            schema: &'static str,
            version: &'a str,
            clients: &'a [Client],
            consents: &'a [ConsentRecord],
            objections: &'a [Objection],
        }
        Out {
            schema: SCHEMA,
            version: &self.version,
            clients: &self.clients,
            consents: &self.consents,
            objections: &self.objections,
        }
        .serialize(s)
    }
}

// ---- wire shape ------------------------------------------------------------------------------

/// The consent store document as its schema describes it. Only the schema is generated from it:
/// the reader ([`super::load`]) takes the same fields one by one, so that each record is checked
/// as soon as it is read (its `FIELDS` are these, in this order).
#[cfg(feature = "schema")]
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ConsentStore")]
#[allow(dead_code)]
pub(crate) struct DocumentWire<'a> {
    /// Always `wijknet.consent/v1`.
    pub(super) schema: String,
    /// The host's version label of this data (an export timestamp or sequence number), written into every
    /// audit record so a decision can be replayed on the same data.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"\S")))]
    pub(super) version: String,
    /// Clients.
    #[serde(default)]
    #[serde(borrow)]
    pub(super) clients: Vec<ClientWire<'a>>,
    /// Consent records.
    #[serde(default)]
    #[serde(borrow)]
    pub(super) consents: Vec<ConsentWire<'a>>,
    /// Objections.
    #[serde(default)]
    #[serde(borrow)]
    pub(super) objections: Vec<ObjectionWire<'a>>,
}

/// A client whose data may be shared.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Client"))]
pub(super) struct ClientWire<'a> {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    pub(super) id: Text<'a>,
    /// Citizen service number, when the host keeps it here.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::BsnText>"))]
    #[serde(borrow)]
    pub(super) bsn: Option<Text<'a>>,
    /// Date of birth: who decides (the client, a representative or both) follows from the age.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    #[serde(borrow)]
    pub(super) date_of_birth: Text<'a>,
    /// Whether the client is able to decide about sharing (*wilsbekwaam*).
    pub(super) can_decide: bool,
    /// Representatives (at most 100), each id once.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = 100)))]
    #[serde(borrow)]
    pub(super) representatives: Vec<RepresentativeWire<'a>>,
}

/// Someone who may decide for the client.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Representative"))]
pub(super) struct RepresentativeWire<'a> {
    /// Id of the representative, unique for the client.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    pub(super) id: Text<'a>,
    /// How the representative is related to the client.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::RepresentativeRelation"))]
    #[serde(borrow)]
    pub(super) relation: Text<'a>,
}

/// A validity period.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Period"))]
pub(super) struct PeriodWire {
    /// First instant in force.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    pub(super) start: Moment,
    /// First instant no longer in force, after `start`; absent means open-ended.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::InstantText>"))]
    pub(super) end: Option<Moment>,
}

/// Who gave a consent or made an objection: the client, representatives of the record's client, or both;
/// somebody.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "GivenBy"))]
pub(super) struct GivenByWire<'a> {
    /// The client.
    #[serde(default)]
    pub(super) client: bool,
    /// Representatives of the record's client, each once (at most 100).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::IdText>", length(max = 100)))]
    #[serde(borrow)]
    pub(super) representatives: Vec<Text<'a>>,
}

/// A consent record: what the client (or a representative) permitted or refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Consent"))]
pub(super) struct ConsentWire<'a> {
    /// Record id, unique among the consents and objections.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    pub(super) id: Text<'a>,
    /// The client: a client in `clients`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    pub(super) client: Text<'a>,
    /// Organisation that recorded it.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    pub(super) recorded_by: Text<'a>,
    /// When it was recorded.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    pub(super) recorded_at: Moment,
    /// Who gave it.
    #[serde(borrow)]
    pub(super) given_by: GivenByWire<'a>,
    /// The channel it covers (direct disclosure or an exchange system).
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::ConsentChannel"))]
    #[serde(borrow)]
    pub(super) scope: Text<'a>,
    /// Whether it is in force.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::ConsentRecordStatus"))]
    #[serde(borrow)]
    pub(super) status: Text<'a>,
    /// When it is in force.
    pub(super) period: PeriodWire,
    /// What it permits or denies.
    #[serde(borrow)]
    pub(super) provision: ProvisionWire<'a>,
}

/// A rule of a consent: an effect for the actors, roles, categories and purposes it names (a field left
/// out means any; a list given must name something), refined by nested provisions (at most 255 per
/// level, 8 levels deep).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Provision"))]
pub(super) struct ProvisionWire<'a> {
    /// Permit or deny.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::ConsentEffect"))]
    #[serde(borrow)]
    pub(super) effect: Text<'a>,
    /// Organisations it applies to, each once.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::UniqueIds>", length(min = 1)))]
    #[serde(borrow)]
    pub(super) actors: Option<Vec<Text<'a>>>,
    /// Recipient roles it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::RecipientRole>>", length(min = 1))
    )]
    pub(super) roles: Option<CodeList<RecipientRole>>,
    /// Data categories it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::DataCategory>>", length(min = 1))
    )]
    pub(super) categories: Option<CodeList<DataCategory>>,
    /// Purposes it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::Purpose>>", length(min = 1))
    )]
    pub(super) purposes: Option<CodeList<Purpose>>,
    /// When it applies, within the consent's period.
    #[serde(default)]
    pub(super) period: Option<PeriodWire>,
    /// Exceptions and refinements.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = 255)))]
    #[serde(borrow)]
    pub(super) provisions: Vec<ProvisionWire<'a>>,
}

/// An objection: the client (or a representative) refuses sharing (a field left out means any; a list
/// given must name something).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Objection"))]
pub(super) struct ObjectionWire<'a> {
    /// Record id, unique among the consents and objections.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    pub(super) id: Text<'a>,
    /// The client: a client in `clients`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    pub(super) client: Text<'a>,
    /// Organisation that recorded it.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    #[serde(borrow)]
    pub(super) recorded_by: Text<'a>,
    /// When it was recorded.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    pub(super) recorded_at: Moment,
    /// Who made it.
    #[serde(borrow)]
    pub(super) made_by: GivenByWire<'a>,
    /// Whether it is in force.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::ConsentRecordStatus"))]
    #[serde(borrow)]
    pub(super) status: Text<'a>,
    /// When it is in force.
    pub(super) period: PeriodWire,
    /// Organisations it applies to, each once.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::UniqueIds>", length(min = 1)))]
    #[serde(borrow)]
    pub(super) actors: Option<Vec<Text<'a>>>,
    /// Recipient roles it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::RecipientRole>>", length(min = 1))
    )]
    pub(super) roles: Option<CodeList<RecipientRole>>,
    /// Data categories it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::DataCategory>>", length(min = 1))
    )]
    pub(super) categories: Option<CodeList<DataCategory>>,
    /// Purposes it applies to.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Codes<crate::consent::Purpose>>", length(min = 1))
    )]
    pub(super) purposes: Option<CodeList<Purpose>>,
}
