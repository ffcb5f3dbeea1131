//! Consent records (*toestemmingen*) with their tree of permit and deny provisions, and
//! objections (*bezwaren*).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::codes::{ConsentChannel, ConsentEffect, ConsentRecordStatus, DataCategory, Purpose, RecipientRole};
use crate::codes::CodeSet;
use crate::ids::Id;

/// Deepest provision tree accepted: the root provision is depth 1. Bounded so that a decision can
/// carry the deciding provision's path in a small fixed array without allocating.
pub const MAX_PROVISION_DEPTH: usize = 8;

/// Most nested provisions under one provision (a path step is one byte).
pub const MAX_CHILD_PROVISIONS: usize = 255;

/// A half-open period `[start, end)`: valid from `start` (inclusive) until `end` (exclusive),
/// open-ended when `end` is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First instant of validity.
    pub start: DateTime<Utc>,
    /// First instant no longer valid; absent means open-ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateTime<Utc>>,
}

impl Period {
    /// Whether `at` lies in the period.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && self.end.is_none_or(|end| at < end)
    }
}

/// Who gave a consent or made an objection: the client, one or more of the client's
/// representatives, or both. Whether that suffices depends on who decides at the decision time.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct GivenBy {
    /// The client themself.
    pub client: bool,
    /// Ids of the client's representatives who gave it.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub representatives: Vec<Id>,
}

/// One node of a consent's provision tree (as in FHIR Consent.provision): an effect, optional
/// constraints (absent = any), an optional period, and nested provisions that refine it. A nested
/// provision only applies where its parent applies, so its constraints are the intersection of
/// its own and all its ancestors'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provision {
    /// Permit or deny.
    pub effect: ConsentEffect,
    /// Recipient organisations (registry ids) this provision is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<Id>>,
    /// Recipient roles (categories of recipient) this provision is about.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_codes")]
    pub roles: Option<CodeSet<RecipientRole>>,
    /// Data categories.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_codes")]
    pub categories: Option<CodeSet<DataCategory>>,
    /// Purposes.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_codes")]
    pub purposes: Option<CodeSet<Purpose>>,
    /// Period of this provision, within the consent's period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Nested provisions (exceptions and refinements).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub provisions: Vec<Provision>,
}

/// How specific a provision or objection is, for `most_specific_wins`: a sum over the
/// dimensions, each ordered from "anyone" to most precise.
///
/// - *Who*: anyone 0, a role 1 (`municipal_social_team`), named organisations 2, named
///   organisations in a role 3. A named organisation is strictly narrower than a whole role: a
///   consent for `gem-x` beats an objection to "all municipal social teams" when `gem-x` asks as
///   one (2 against 1).
/// - *Data*: all categories 0, named categories 1.
/// - *Purpose*: any purpose 0, named purposes 1.
///
/// Equal sums are a true tie, which a deny wins (an objection first): an objection to social
/// teams for medical data (1 + 1) ties with a consent for `gem-x` (2), so the objection holds.
pub const fn specificity(actors: bool, roles: bool, categories: bool, purposes: bool) -> u8 {
    2 * actors as u8 + roles as u8 + categories as u8 + purposes as u8
}

impl Provision {
    /// This provision's own [`specificity`] (the decision counts the constraints of its whole
    /// path from the root).
    pub fn specificity(&self) -> u8 {
        specificity(self.actors.is_some(), self.roles.is_some(), self.categories.is_some(), self.purposes.is_some())
    }
}

/// A consent record: what the client (or representative) agreed to, recorded by whom and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentRecord {
    /// Record id, unique in the store.
    pub id: Id,
    /// The client's pseudonymous id.
    pub client: Id,
    /// Organisation (registry id) that recorded the consent.
    pub recorded_by: Id,
    /// When it was recorded; a consent recorded after the decision time does not count.
    pub recorded_at: DateTime<Utc>,
    /// Who gave it.
    pub given_by: GivenBy,
    /// The channel it covers: direct disclosure or an exchange system.
    pub scope: ConsentChannel,
    /// Active, withdrawn or superseded.
    pub status: ConsentRecordStatus,
    /// When the consent is valid.
    pub period: Period,
    /// The root of the provision tree.
    pub provision: Provision,
}

/// An objection (*bezwaar*): the client refuses sharing that a legal basis would otherwise allow.
/// An objection is a deny whose [`specificity`] comes from the dimensions it constrains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Objection {
    /// Record id, unique in the store.
    pub id: Id,
    /// The client's pseudonymous id.
    pub client: Id,
    /// Organisation that recorded the objection.
    pub recorded_by: Id,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who made it.
    pub made_by: GivenBy,
    /// Active or withdrawn (superseded is treated as withdrawn).
    pub status: ConsentRecordStatus,
    /// When it applies.
    pub period: Period,
    /// Recipient organisations objected to (absent = any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<Id>>,
    /// Recipient roles objected to.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_codes")]
    pub roles: Option<CodeSet<RecipientRole>>,
    /// Data categories objected to.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_codes")]
    pub categories: Option<CodeSet<DataCategory>>,
    /// Purposes objected to.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_codes")]
    pub purposes: Option<CodeSet<Purpose>>,
}

impl Objection {
    /// Its [`specificity`].
    pub fn specificity(&self) -> u8 {
        specificity(self.actors.is_some(), self.roles.is_some(), self.categories.is_some(), self.purposes.is_some())
    }
}

fn opt_codes<T, S>(set: &Option<CodeSet<T>>, s: S) -> Result<S::Ok, S::Error>
where
    T: crate::codes::Code + Serialize,
    S: serde::Serializer,
{
    match set {
        Some(set) => super::codes::code_list::serialize(set, s),
        None => s.serialize_none(),
    }
}
