//! The question asked: may this discloser share these categories about this client with this
//! recipient, for this purpose? Facts the engine needs (treatment relationships, data-sharing
//! agreements) travel with the question, so the consent engine depends on no other module.
//!
//! A request is read through the input layer like every document: one strict read into
//! [`RequestWire`] (ids, codes and instants as text), then one walk with the [`Checker`] that
//! reports every problem at once, in the order of the fields, at `$`-rooted paths, repeating no
//! value of the request.

use std::fmt::Display;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use super::codes::{
    CombiningPolicy, ConsentChannel, DataCategory, DataForm, EmergencyReason, Purpose, RecipientRole, code_list,
    roles_of_kind,
};
use crate::codes::{CodeSet, OrganisationKind};
use crate::error::{Error, Problems, Result};
use crate::ids::Id;
use crate::input::{self, Checker};
use crate::limits::MAX_RECORD_LIST;

const DOCUMENT: &str = "consent request";

/// An organisation (a registry id) acting in a role: the discloser or the recipient.
///
/// Read back from a stored audit record as JSON; a request reads its parties through the input
/// layer.
///
/// In Kotlin and Swift `AuditParty` (the parties of an audit record); a request a host builds
/// names its parties with `ConsentParty`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "AuditParty"))]
pub struct Party {
    /// Registry id of the organisation. Always named for the discloser; a recipient may be named
    /// by its role only (for example "any municipal social team" on an exchange system), and then
    /// no consent naming an organisation can allow the sharing (it cannot be known to be that
    /// organisation) while an objection naming one still denies it (it may be that one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub organisation: Option<Id>,
    /// The role it acts in for this disclosure.
    pub role: RecipientRole,
    /// The organisation's kind in the registry, when the host says (the registry's organisation
    /// record gives it): the role must then be one this kind can act in (a municipality acts as
    /// its social team, a care cooperative as a home-care provider or a welfare organisation),
    /// else the request is invalid at the party's `role`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<OrganisationKind>,
}

impl Party {
    /// The organisation's id as text, `""` when not named (an id is never empty).
    pub fn organisation_str(&self) -> &str {
        self.organisation.as_ref().map_or("", Id::as_str)
    }
}

/// Break-glass: an explicit emergency flag with its reason (*spoed, vitaal belang*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Emergency {
    /// Why break-glass is used; goes into the audit record.
    pub reason: EmergencyReason,
}

/// A data-sharing agreement between organisations, as input (the agreements module converts its
/// own records into this). An active agreement covering both parties, the category and the
/// purpose at the decision time is a basis among care providers, e.g. a night-care rotation
/// (*onplanbare nachtzorg*) in which partners share the nursing plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    #[serde(skip_serializing_if = "Option::is_none")]
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
///
/// Its JSON form is what `Serialize` writes; it is read by [`ConsentRequest::from_json`] (and
/// by `Deserialize`, which reads the same way, for hosts that hold the request as another serde
/// value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentRequest {
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
    pub channel: ConsentChannel,
    /// Identified, pseudonymised or aggregated, when the host says: what monitoring and research
    /// may get without consent depends on it. Unsaid, they are permitted on the condition that
    /// the data is pseudonymised (the `pseudonymise` obligation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_form: Option<DataForm>,
    /// How consents and objections are combined (default: most specific wins).
    pub policy: CombiningPolicy,
    /// Break-glass flag with reason, if this is an emergency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emergency: Option<Emergency>,
    /// Organisations that have a treatment relationship with the client now (a fact the host
    /// derives, e.g. from accepted referrals or case-coordination agreements). At most
    /// [`MAX_RECORD_LIST`] when read from JSON.
    pub treatment_relationships: Vec<Id>,
    /// Data-sharing agreements that may apply. At most [`MAX_RECORD_LIST`] when read from
    /// JSON, each with at most as many parties.
    pub agreements: Vec<SharingAgreement>,
}

impl ConsentRequest {
    /// Parses a request from JSON (the shape its `Serialize` writes). A structural problem
    /// (malformed JSON, a wrong type, a missing or duplicate key, an array where an object
    /// belongs, a bound of [`crate::limits`]) is [`Error::Json`] with its `$`-rooted path; every
    /// other problem (an invalid id, an unknown code, no category, an instant outside the
    /// supported years) is reported at once, in field order, in [`Error::Invalid`].
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        input::read::<RequestWire>(bytes, DOCUMENT)?.check()
    }

    /// Reads a request from values, as [`ConsentRequest::from_json`] reads its JSON text.
    ///
    /// The values are anything a serde `Deserializer` reads (a binding's deserializer over its
    /// host language's dicts and lists, or a `&serde_json::Value`): read as strictly as the JSON
    /// text, with the same answer and the same errors.
    pub fn from_values<'de, D: Deserializer<'de>>(values: D) -> Result<Self> {
        input::read_values::<RequestWire, D>(values, DOCUMENT)?.check()
    }

    /// Parses a request held as a JSON value (e.g. converted from a host language's
    /// dictionary), exactly as [`ConsentRequest::from_json`] does.
    pub fn from_json_value(value: &serde_json::Value) -> Result<Self> {
        input::read_value::<RequestWire>(value, "$")
            .map_err(|f| Error::Json { document: DOCUMENT, path: f.path, message: f.reason })?
            .check()
    }

    /// The problems of the parties a host built directly as Rust values (the readers report them
    /// already): a discloser without an organisation, a role the party's kind cannot act in.
    pub(crate) fn party_problems(&self) -> Vec<crate::error::Problem> {
        let mut problems = Problems::new();
        let c = &mut Checker { problems: &mut problems };
        if self.discloser.organisation.is_none() {
            unnamed(c, "$.discloser", false);
        }
        kind_fits(c, "$.discloser", self.discloser.kind, self.discloser.role);
        kind_fits(c, "$.recipient", self.recipient.kind, self.recipient.role);
        problems.into_vec()
    }

    /// Whether `organisation` has a treatment relationship with the client.
    pub fn has_treatment_relationship(&self, organisation: &str) -> bool {
        self.treatment_relationships.iter().any(|o| o.as_bytes() == organisation.as_bytes())
    }
}

/// Reads the same way as [`ConsentRequest::from_json`]: strictly into the wire shape, then every
/// check; the error names the first problem's path (and how many more there are), never a value.
impl<'de> Deserialize<'de> for ConsentRequest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        let wire: RequestWire = input::read_from(d)
            .map_err(|f| D::Error::custom(format_args!("malformed {DOCUMENT} at `{}`: {}", f.path, f.reason)))?;
        wire.check().map_err(D::Error::custom)
    }
}

// ---- the request as a host builds it ------------------------------------------------------------

/// An organisation acting in a role, as a host names it: the organisation's registry id as text.
/// In Kotlin and Swift `ConsentParty`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "ConsentParty"))]
pub struct PartyInput {
    /// Registry id of the organisation; a recipient may leave it out when it is named by its
    /// role only (then no consent naming an organisation can allow the sharing).
    pub organisation: Option<String>,
    /// The role it acts in for this disclosure.
    pub role: RecipientRole,
    /// The organisation's kind in the registry, when known: the role must be one it can act in.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kind: Option<OrganisationKind>,
}

/// A data-sharing agreement as a host gives it (ids as text). In Kotlin and Swift
/// `SharingAgreement`, for example a night-care rotation in which partners share the nursing
/// plan.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "SharingAgreement"))]
pub struct SharingAgreementInput {
    /// Agreement id.
    pub id: String,
    /// Organisations bound by the agreement.
    pub parties: Vec<String>,
    /// Data categories it lets the parties share.
    pub categories: Vec<DataCategory>,
    /// Purposes it covers.
    pub purposes: Vec<Purpose>,
    /// First instant of validity.
    pub valid_from: DateTime<Utc>,
    /// First instant no longer valid; absent means open-ended.
    pub valid_until: Option<DateTime<Utc>>,
    /// Whether it is in force (not suspended or ended).
    pub active: bool,
}

/// "May the discloser share these categories about this client with the recipient, for this
/// purpose?", as a host builds it from its own values: ids as text, codes typed. Checked with
/// the rules and paths of a JSON request when it is decided. In Kotlin and Swift
/// `ConsentRequest`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "ConsentRequest"))]
pub struct ConsentRequestInput {
    /// Pseudonymous client id (never a citizen service number).
    pub client: String,
    /// Who would share.
    pub discloser: PartyInput,
    /// Who would receive.
    pub recipient: PartyInput,
    /// Why.
    pub purpose: Purpose,
    /// Data categories asked about; at least one.
    pub categories: Vec<DataCategory>,
    /// How the data would travel; absent means directly.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub channel: Option<ConsentChannel>,
    /// Identified, pseudonymised or aggregated; absent means not said, and monitoring and
    /// research without consent are then permitted on the condition that the data is
    /// pseudonymised.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub data_form: Option<DataForm>,
    /// How consents are combined; absent means the most specific wins (the Dutch default).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub policy: Option<CombiningPolicy>,
    /// Break-glass: set with its reason in an emergency.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub emergency: Option<EmergencyReason>,
    /// Organisations that have a treatment relationship with the client now (a fact the host
    /// derives, for example from accepted referrals or case-coordination agreements).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub treatment_relationships: Vec<String>,
    /// Data-sharing agreements that may apply.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub agreements: Vec<SharingAgreementInput>,
}

impl From<&Party> for PartyInput {
    fn from(p: &Party) -> Self {
        Self { organisation: p.organisation.as_ref().map(|o| o.as_str().to_owned()), role: p.role, kind: p.kind }
    }
}

impl From<&SharingAgreement> for SharingAgreementInput {
    fn from(a: &SharingAgreement) -> Self {
        Self {
            id: a.id.as_str().to_owned(),
            parties: a.parties.iter().map(|p| p.as_str().to_owned()).collect(),
            categories: a.categories.iter().collect(),
            purposes: a.purposes.iter().collect(),
            valid_from: a.valid_from,
            valid_until: a.valid_until,
            active: a.active,
        }
    }
}

impl From<&ConsentRequest> for ConsentRequestInput {
    /// With the defaults spelled out (`channel` and `policy` always given).
    fn from(r: &ConsentRequest) -> Self {
        Self {
            client: r.client.as_str().to_owned(),
            discloser: PartyInput::from(&r.discloser),
            recipient: PartyInput::from(&r.recipient),
            purpose: r.purpose,
            categories: r.categories.iter().collect(),
            channel: Some(r.channel),
            data_form: r.data_form,
            policy: Some(r.policy),
            emergency: r.emergency.map(|e| e.reason),
            treatment_relationships: r.treatment_relationships.iter().map(|o| o.as_str().to_owned()).collect(),
            agreements: r.agreements.iter().map(SharingAgreementInput::from).collect(),
        }
    }
}

impl ConsentRequest {
    /// Checks a request a host built from its own values ([`ConsentRequestInput`]): every problem
    /// at once, in field order, at the paths and in the words of [`ConsentRequest::from_json`].
    pub fn from_input(input: &ConsentRequestInput) -> Result<Self> {
        let mut problems = Problems::new();
        let c = &mut Checker { problems: &mut problems };
        let client = c.id("$.client", &input.client);
        let party = |c: &mut Checker<'_>, path: &str, p: &PartyInput, may_be_unnamed: bool| {
            let organisation = match &p.organisation {
                Some(o) => c.id(format_args!("{path}.organisation"), o).map(Some),
                None => unnamed(c, path, may_be_unnamed),
            };
            kind_fits(c, path, p.kind, p.role);
            organisation.map(|organisation| Party { organisation, role: p.role, kind: p.kind })
        };
        let discloser = party(c, "$.discloser", &input.discloser, false);
        let recipient = party(c, "$.recipient", &input.recipient, true);
        if input.categories.is_empty() {
            c.push("$.categories", "must name at least one data category");
        }
        let categories = c.typed_codes("$.categories", &input.categories);
        let treatment_relationships = organisations(c, "$.treatment_relationships", &input.treatment_relationships);
        let mut agreements = None;
        if c.bounded("$.agreements", input.agreements.len(), MAX_RECORD_LIST) {
            let mut list = Some(Vec::with_capacity(input.agreements.len()));
            for (i, a) in input.agreements.iter().enumerate() {
                let path = format!("$.agreements[{i}]");
                let id = c.id(format_args!("{path}.id"), &a.id);
                let parties = organisations(c, format_args!("{path}.parties"), &a.parties);
                let categories = c.typed_codes(format_args!("{path}.categories"), &a.categories);
                let purposes = c.typed_codes(format_args!("{path}.purposes"), &a.purposes);
                let valid_from = c.instant_value(format_args!("{path}.valid_from"), a.valid_from);
                let valid_until = match a.valid_until {
                    None => Some(None),
                    Some(t) => c.instant_value(format_args!("{path}.valid_until"), t).map(Some),
                };
                let agreement = (|| {
                    Some(SharingAgreement {
                        id: id?,
                        parties: parties?,
                        categories,
                        purposes,
                        valid_from: valid_from?,
                        valid_until: valid_until?,
                        active: a.active,
                    })
                })();
                match (agreement, &mut list) {
                    (Some(a), Some(l)) => l.push(a),
                    _ => list = None,
                }
            }
            agreements = list;
        }
        let request = (|| {
            Some(ConsentRequest {
                client: client?,
                discloser: discloser?,
                recipient: recipient?,
                purpose: input.purpose,
                categories,
                channel: input.channel.unwrap_or_default(),
                data_form: input.data_form,
                policy: input.policy.unwrap_or_default(),
                emergency: input.emergency.map(|reason| Emergency { reason }),
                treatment_relationships: treatment_relationships?,
                agreements: agreements?,
            })
        })();
        finish(problems, request)
    }
}

/// The request when no problem was found, else every problem.
fn finish(problems: Problems, request: Option<ConsentRequest>) -> Result<ConsentRequest> {
    match request {
        Some(r) => problems.finish(DOCUMENT, || r),
        // Every missing value recorded its problem; this only guards that promise.
        None if problems.is_empty() => Err(Error::Invalid {
            document: DOCUMENT,
            problems: vec![crate::error::Problem { path: "$".into(), reason: "is not valid".into() }],
        }),
        None => Err(Error::Invalid { document: DOCUMENT, problems: problems.into_vec() }),
    }
}

// ---- wire shape and checks -------------------------------------------------------------------

/// JSON shape of a [`ConsentRequest`]: ids, codes and instants as text.
/// A data-sharing question as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "ConsentRequest"))]
pub(crate) struct RequestWire {
    /// Pseudonymous client id (never a citizen service number).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    client: String,
    /// Who would share.
    discloser: PartyWire,
    /// Who would receive.
    recipient: PartyWire,
    /// Why.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::Purpose"))]
    purpose: String,
    /// The data categories asked about, at least one; answered one by one.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::schema::Codes<crate::consent::DataCategory>", length(min = 1))
    )]
    categories: Vec<String>,
    /// How the data would travel; absent means directly.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::consent::ConsentChannel>"))]
    channel: Option<String>,
    /// Identified, pseudonymised or aggregated; absent means not said (monitoring and research without
    /// consent are then permitted on the condition that the data is pseudonymised).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::consent::DataForm>"))]
    data_form: Option<String>,
    /// How consents and objections are combined; absent means the most specific wins.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::consent::CombiningPolicy>"))]
    policy: Option<String>,
    /// Break-glass, with its reason.
    #[serde(default)]
    emergency: Option<EmergencyWire>,
    /// Organisations that have a treatment relationship with the client now.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Ids"))]
    treatment_relationships: Vec<String>,
    /// Data-sharing agreements that may apply (at most 10,000).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = 10000)))]
    agreements: Vec<AgreementWire>,
}

/// An organisation acting in a role.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Party"))]
struct PartyWire {
    /// Registry id of the organisation; required for the discloser, and a recipient named by its
    /// role only leaves it out (then no consent naming an organisation can allow the sharing).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IdText>"))]
    organisation: Option<String>,
    /// The role it acts in for this disclosure.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::RecipientRole"))]
    role: String,
    /// The organisation's kind in the registry, when known: the role must be one this kind can act in.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::codes::OrganisationKind>"))]
    kind: Option<String>,
}

/// Break-glass (*spoed, vitaal belang*).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Emergency"))]
struct EmergencyWire {
    /// Why break-glass is used; it goes into the audit record.
    #[cfg_attr(feature = "schema", schemars(with = "crate::consent::EmergencyReason"))]
    reason: String,
}

/// A data-sharing agreement: an active one covering both parties, the category and the purpose at the
/// decision time is a basis among care providers.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "SharingAgreement"))]
struct AgreementWire {
    /// Agreement id.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    id: String,
    /// Organisations bound by it.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Ids"))]
    parties: Vec<String>,
    /// Data categories it lets the parties share.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::consent::DataCategory>"))]
    categories: Vec<String>,
    /// Purposes it covers.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::consent::Purpose>"))]
    purposes: Vec<String>,
    /// First instant of validity.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    valid_from: String,
    /// First instant no longer valid; absent or null means open-ended.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::InstantText>"))]
    valid_until: Option<String>,
    /// Whether it is in force (not suspended or ended).
    active: bool,
}

fn party(c: &mut Checker<'_>, path: &str, p: &PartyWire, may_be_unnamed: bool) -> Option<Party> {
    let organisation = match &p.organisation {
        Some(o) => c.id(format_args!("{path}.organisation"), o).map(Some),
        None => unnamed(c, path, may_be_unnamed),
    };
    let role = c.code(format_args!("{path}.role"), RecipientRole::from_code(&p.role));
    let kind = match &p.kind {
        None => Some(None),
        Some(k) => c.code(format_args!("{path}.kind"), OrganisationKind::from_code(k)).map(Some),
    };
    if let (Some(role), Some(kind)) = (role, kind) {
        kind_fits(c, path, kind, role);
    }
    Some(Party { organisation: organisation?, role: role?, kind: kind? })
}

/// A party without an organisation: fine for the recipient, a problem for the discloser (who
/// shares is always known).
fn unnamed(c: &mut Checker<'_>, path: &str, may_be_unnamed: bool) -> Option<Option<Id>> {
    if may_be_unnamed {
        return Some(None);
    }
    c.push(format!("{path}.organisation"), "is required: the discloser's organisation id");
    None
}

/// A party's role must be one its kind can act in ([`roles_of_kind`]).
fn kind_fits(c: &mut Checker<'_>, path: &str, kind: Option<OrganisationKind>, role: RecipientRole) {
    if kind.is_some_and(|k| !roles_of_kind(k).contains(role)) {
        c.push(format!("{path}.role"), "is not a role an organisation of the given kind can act in");
    }
}

/// Organisation ids, at most [`MAX_RECORD_LIST`]; a repeated one is harmless here (a fact said
/// twice), so it is kept as given.
fn organisations(c: &mut Checker<'_>, path: impl Display + Copy, list: &[String]) -> Option<Vec<Id>> {
    if !c.bounded(path, list.len(), MAX_RECORD_LIST) {
        return None;
    }
    let mut out = Some(Vec::with_capacity(list.len()));
    for (i, s) in list.iter().enumerate() {
        match (c.id(format_args!("{path}[{i}]"), s), &mut out) {
            (Some(id), Some(ids)) => ids.push(id),
            _ => out = None,
        }
    }
    out
}

fn agreement(c: &mut Checker<'_>, path: impl Display + Copy, a: &AgreementWire) -> Option<SharingAgreement> {
    let id = c.id(format_args!("{path}.id"), &a.id);
    let parties = organisations(c, format_args!("{path}.parties"), &a.parties);
    let categories = c.codes(format_args!("{path}.categories"), &a.categories, DataCategory::from_code);
    let purposes = c.codes(format_args!("{path}.purposes"), &a.purposes, Purpose::from_code);
    let valid_from = c.instant(format_args!("{path}.valid_from"), &a.valid_from);
    let valid_until = match &a.valid_until {
        None => Some(None),
        Some(s) => c.instant(format_args!("{path}.valid_until"), s).map(Some),
    };
    Some(SharingAgreement {
        id: id?,
        parties: parties?,
        categories,
        purposes,
        valid_from: valid_from?,
        valid_until: valid_until?,
        active: a.active,
    })
}

impl RequestWire {
    /// Every problem of the request, in field order; the request when there is none.
    fn check(&self) -> Result<ConsentRequest> {
        let mut problems = Problems::new();
        let c = &mut Checker { problems: &mut problems };
        let client = c.id("$.client", &self.client);
        let discloser = party(c, "$.discloser", &self.discloser, false);
        let recipient = party(c, "$.recipient", &self.recipient, true);
        let purpose = c.code("$.purpose", Purpose::from_code(&self.purpose));
        if self.categories.is_empty() {
            c.push("$.categories", "must name at least one data category");
        }
        let categories = c.codes("$.categories", &self.categories, DataCategory::from_code);
        let channel = match &self.channel {
            None => Some(ConsentChannel::default()),
            Some(s) => c.code("$.channel", ConsentChannel::from_code(s)),
        };
        let data_form = match &self.data_form {
            None => Some(None),
            Some(s) => c.code("$.data_form", DataForm::from_code(s)).map(Some),
        };
        let policy = match &self.policy {
            None => Some(CombiningPolicy::default()),
            Some(s) => c.code("$.policy", CombiningPolicy::from_code(s)),
        };
        let emergency = match &self.emergency {
            None => Some(None),
            Some(e) => c
                .code("$.emergency.reason", EmergencyReason::from_code(&e.reason))
                .map(|reason| Some(Emergency { reason })),
        };
        let treatment_relationships = organisations(c, "$.treatment_relationships", &self.treatment_relationships);
        let mut agreements = None;
        if c.bounded("$.agreements", self.agreements.len(), MAX_RECORD_LIST) {
            let mut list = Some(Vec::with_capacity(self.agreements.len()));
            for (i, a) in self.agreements.iter().enumerate() {
                match (agreement(c, format_args!("$.agreements[{i}]"), a), &mut list) {
                    (Some(a), Some(l)) => l.push(a),
                    _ => list = None,
                }
            }
            agreements = list;
        }
        let request = (|| {
            Some(ConsentRequest {
                client: client?,
                discloser: discloser?,
                recipient: recipient?,
                purpose: purpose?,
                categories,
                channel: channel?,
                data_form: data_form?,
                policy: policy?,
                emergency: emergency?,
                treatment_relationships: treatment_relationships?,
                agreements: agreements?,
            })
        })();
        finish(problems, request)
    }
}
