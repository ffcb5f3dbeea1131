//! The agreements document (`wijknet.agreements/v1`): JSON shape, validation against a registry
//! with every problem reported at once, and export without loss.
//!
//! Each agreement has a `kind` and a `terms` object whose shape depends on the kind; `terms` is
//! read as raw JSON first so that a malformed terms object of one agreement is reported with its
//! path while the other agreements are still checked.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::model::*;
use crate::codes::{CareType, CodeSet, FundingStream, OrganisationKind};
use crate::consent::{DataCategory, Purpose};
use crate::error::Problems;
use crate::ids::{Id, MunicipalityCode, Pc4};
use crate::input::thousands;
use crate::input::{Checker, shown};
use crate::limits::{MAX_DAYS, MAX_HOURS, MAX_RECORD_LIST};
use crate::registry::{AreaDoc, ContactDoc, Registry, ServiceArea};
use crate::wire::{clock_text, date_text};

/// Schema tag of the agreements document.
pub const AGREEMENTS_SCHEMA: &str = "wijknet.agreements/v1";

/// Deepest sanity limit on a rotation's or override list's length, so a hostile document cannot
/// make checks walk forever.
pub const MAX_LIST: usize = 10_000;

/// The agreements document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Agreements"))]
pub struct AgreementsDoc {
    /// Always [`AGREEMENTS_SCHEMA`].
    pub schema: String,
    /// Data version.
    #[serde(default)]
    pub version: u64,
    /// The agreements.
    #[serde(default)]
    pub agreements: Vec<AgreementDoc>,
}

/// One agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Agreement"), schemars(transform = terms_by_kind))]
pub struct AgreementDoc {
    /// Id, unique among the agreements.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub id: String,
    /// Title.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NameText"))]
    pub title: String,
    /// Kind code.
    #[cfg_attr(feature = "schema", schemars(with = "crate::agreements::AgreementKind"))]
    pub kind: String,
    /// Parties.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = 10000)))]
    pub parties: Vec<PartyDoc>,
    /// Theme owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme_owner: Option<ContactDoc>,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub valid_from: String,
    /// `YYYY-MM-DD`, not before `valid_from`; absent means open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub valid_until: Option<String>,
    /// Status code.
    #[cfg_attr(feature = "schema", schemars(with = "crate::agreements::AgreementStatus"))]
    pub status: String,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub review_date: String,
    /// Funding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<FundingDoc>,
    /// Kind-specific terms.
    #[cfg_attr(feature = "schema", schemars(schema_with = "terms_schema"))]
    pub terms: serde_json::Value,
}

/// A party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Party"))]
pub struct PartyDoc {
    /// An organisation of the registry, each party once.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub organisation: String,
    /// The accountable person on this party's side.
    pub accountable: ContactDoc,
}

/// Funding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Funding"))]
pub struct FundingDoc {
    /// Payer: an organisation of the registry.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub payer: String,
    /// Funding stream code.
    #[cfg_attr(feature = "schema", schemars(with = "crate::codes::FundingStream"))]
    pub stream: String,
    /// Hours a week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 168)))]
    pub hours_per_week: Option<f64>,
    /// Euros a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_eur_per_year: Option<u64>,
    /// Split over providers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allocation: Vec<AllocationDoc>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A provider's share of the funding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Allocation"))]
pub struct AllocationDoc {
    /// Provider id.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub organisation: String,
    /// Hours a week for this provider.
    #[cfg_attr(feature = "schema", schemars(range(min = 0, max = 168)))]
    pub hours_per_week: f64,
}

/// `terms` of a night rotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "NightRotationTerms"))]
pub struct NightRotationDoc {
    /// Area covered.
    pub area: AreaDoc,
    /// `{"start": "23:00", "end": "07:00"}` local.
    pub shift: ShiftDoc,
    /// First night of the rota.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub rota_start: String,
    /// `daily` or `weekly`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::agreements::RotaCycle"))]
    pub cycle: String,
    /// Teams of the registry on duty in turn, at least one.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Ids", length(min = 1)))]
    pub rota: Vec<String>,
    /// Single-night changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(length(max = 10000)))]
    pub overrides: Vec<OverrideDoc>,
}

/// Shift times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Shift"))]
pub struct ShiftDoc {
    /// `HH:MM` local.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TimeText"))]
    pub start: String,
    /// `HH:MM` local, the next morning when not after `start`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TimeText"))]
    pub end: String,
}

/// A single night's change; `team: null` means nobody.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Override"))]
pub struct OverrideDoc {
    /// The night's start date.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    pub night: String,
    /// Team on duty instead, or null.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IdText>"))]
    pub team: Option<String>,
}

/// `terms` of subcontracting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "SubcontractingTerms"))]
pub struct SubcontractingDoc {
    /// Principal organisation: a party of the agreement.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub principal: String,
    /// Subcontractor organisation: a party of the agreement.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub subcontractor: String,
    /// The delivering team: a team of the registry that belongs to the subcontractor.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub delivering_team: String,
    /// Care type codes.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::CareType>", length(min = 1)))]
    pub care_types: Vec<String>,
    /// Area.
    pub area: AreaDoc,
}

/// `terms` of a shared specialist team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "SharedSpecialistTeamTerms"))]
pub struct SharedTeamDoc {
    /// Member organisations: parties of the agreement.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Ids"))]
    pub members: Vec<String>,
    /// Delivering team.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub delivering_team: String,
    /// Care type codes.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::CareType>", length(min = 1)))]
    pub care_types: Vec<String>,
    /// Area; default the delivering team's area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaDoc>,
}

/// `terms` of a coordination point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "CoordinationPointTerms"))]
pub struct CoordinationPointTermsDoc {
    /// Area.
    pub area: AreaDoc,
    /// Accountable organisation.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub accountable: String,
    /// Whom to call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactDoc>,
    /// Hours an acute referral may stay unplaced.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 87840)))]
    pub max_unplaced_hours_acute: u32,
    /// Hours a planned referral may stay unplaced.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 87840)))]
    pub max_unplaced_hours_planned: u32,
    /// Declines before escalation.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 2147483647)))]
    pub max_declines: u32,
}

/// `terms` of case coordination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "CaseCoordinationTerms"))]
pub struct CaseCoordinationDoc {
    /// Pseudonymous client id.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub client: String,
    /// Coordinating organisation.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub coordinator: String,
    /// Other organisations involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Ids"))]
    pub members: Vec<String>,
}

/// `terms` of a delegated mandate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "DelegatedMandateTerms"))]
pub struct DelegatedMandateDoc {
    /// The municipality: an organisation of the registry of kind `municipality` or
    /// `municipality_social_team`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub municipality: String,
    /// Providers whose nurses may assess.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Ids", length(min = 1)))]
    pub providers: Vec<String>,
    /// Care type codes (Wmo household help).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::CareType>", length(min = 1)))]
    pub care_types: Vec<String>,
    /// Days an assessment holds (default 182).
    #[serde(default = "default_assessment_days")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 3660)))]
    pub assessment_valid_days: u32,
}

fn default_assessment_days() -> u32 {
    DelegatedMandate::DEFAULT_ASSESSMENT_DAYS
}

/// `terms` of a data-sharing agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "DataSharingTerms"))]
pub struct DataSharingDoc {
    /// Data category codes.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::schema::Codes<crate::consent::DataCategory>", length(min = 1))
    )]
    pub categories: Vec<String>,
    /// Purpose codes.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::consent::Purpose>", length(min = 1)))]
    pub purposes: Vec<String>,
}

/// The schema of `terms`: one of the kinds' terms, in the order of [`AgreementKind::ALL`]
/// (`terms_by_kind` pairs them with the kinds). A kind without terms here does not compile.
#[cfg(feature = "schema")]
fn terms_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let refs: Vec<schemars::Schema> = AgreementKind::ALL
        .iter()
        .map(|kind| match kind {
            AgreementKind::NightRotation => g.subschema_for::<NightRotationDoc>(),
            AgreementKind::Subcontracting => g.subschema_for::<SubcontractingDoc>(),
            AgreementKind::SharedSpecialistTeam => g.subschema_for::<SharedTeamDoc>(),
            AgreementKind::CoordinationPoint => g.subschema_for::<CoordinationPointTermsDoc>(),
            AgreementKind::CaseCoordination => g.subschema_for::<CaseCoordinationDoc>(),
            AgreementKind::DelegatedMandate => g.subschema_for::<DelegatedMandateDoc>(),
            AgreementKind::DataSharing => g.subschema_for::<DataSharingDoc>(),
        })
        .collect();
    schemars::json_schema!({ "anyOf": refs })
}

/// An agreement's `terms` have the shape of its `kind`: one `if kind then terms` rule per kind,
/// so a validator names the kind's terms type in its errors instead of trying every kind.
#[cfg(feature = "schema")]
fn terms_by_kind(schema: &mut schemars::Schema) {
    let Some(terms) = schema.get_mut("properties").and_then(|p| p.get_mut("terms")) else { return };
    let refs = terms.get_mut("anyOf").map(serde_json::Value::take).unwrap_or_default();
    *terms = serde_json::json!({
        "type": "object",
        "description": "The kind's terms; their shape follows `kind` (the rules under `allOf`). \
            Organisations, teams and municipalities they name must be in the registry the \
            agreements are loaded for, and the organisations a kind ties to the agreement \
            (principal, subcontractor, members) must be its parties.",
    });
    let rules: Vec<serde_json::Value> = AgreementKind::ALL
        .iter()
        .zip(refs.as_array().into_iter().flatten())
        .map(|(kind, terms)| {
            serde_json::json!({
                "if": { "properties": { "kind": { "const": kind.code() } }, "required": ["kind"] },
                "then": { "properties": { "terms": terms } },
            })
        })
        .collect();
    schema.insert("allOf".into(), rules.into());
}

impl DelegatedMandate {
    /// About six months, as in the Ede and Ooststellingwerf mandates.
    pub const DEFAULT_ASSESSMENT_DAYS: u32 = 182;
}

/// Reads one kind's terms as strictly as the document around them, reporting a structural
/// error with its full path.
fn terms<T: serde::de::DeserializeOwned>(c: &mut Checker<'_>, path: &str, v: &serde_json::Value) -> Option<T> {
    match crate::input::read_value::<T>(v, path) {
        Ok(t) => Some(t),
        Err(f) => {
            c.problems.push(f.path, f.reason);
            None
        }
    }
}

pub(crate) struct Validator<'a> {
    pub registry: &'a Registry,
    pub municipalities: HashMap<MunicipalityCode, Vec<Pc4>>,
}

impl Validator<'_> {
    fn org(&self, c: &mut Checker<'_>, path: &str, id: &str, kinds: &[OrganisationKind]) -> Option<Id> {
        match self.registry.organisation(id) {
            None => {
                c.problems.push(path, format!("unknown organisation {}", shown(id)));
                None
            }
            Some(o) if !kinds.is_empty() && !kinds.contains(&o.kind) => {
                let want: Vec<_> = kinds.iter().map(|k| k.code()).collect();
                c.problems.push(
                    path,
                    format!("organisation {} is a `{}`, expected {}", shown(id), o.kind, want.join(" or ")),
                );
                None
            }
            Some(o) => Some(o.id.clone()),
        }
    }

    fn team(&self, c: &mut Checker<'_>, path: &str, id: &str) -> Option<Id> {
        match self.registry.team(id) {
            Some(t) => Some(t.id.clone()),
            None => {
                c.problems.push(path, format!("unknown team {}", shown(id)));
                None
            }
        }
    }

    fn orgs(&self, c: &mut Checker<'_>, path: &str, ids: &[String]) -> Vec<Id> {
        ids.iter().enumerate().filter_map(|(i, s)| self.org(c, &format!("{path}[{i}]"), s, &[])).collect()
    }

    fn care(&self, c: &mut Checker<'_>, path: &str, codes: &[String]) -> CodeSet<CareType> {
        if codes.is_empty() {
            c.problems.push(path, "names no care type");
        }
        c.codes(path, codes, CareType::from_code)
    }

    fn time(&self, c: &mut Checker<'_>, path: &str, s: &str) -> Option<NaiveTime> {
        c.time(path, s, false)
    }

    fn area(&self, c: &mut Checker<'_>, path: &str, a: &AreaDoc) -> ServiceArea {
        c.area(path, a, &self.municipalities)
    }

    pub fn agreement(&self, c: &mut Checker<'_>, path: &str, a: &AgreementDoc) -> Option<Agreement> {
        let id = c.id(format!("{path}.id"), &a.id);
        c.text(format!("{path}.title"), &a.title, 200);
        let kind = c.code(format!("{path}.kind"), AgreementKind::from_code(&a.kind));
        if a.parties.is_empty() {
            c.problems.push(format!("{path}.parties"), "an agreement needs at least one party");
        }
        let mut parties = Vec::new();
        let mut seen = HashSet::new();
        if !c.bounded(format!("{path}.parties"), a.parties.len(), MAX_RECORD_LIST) {
            return None;
        }
        for (i, p) in a.parties.iter().enumerate() {
            let pp = format!("{path}.parties[{i}]");
            if !seen.insert(p.organisation.as_str()) {
                c.problems.push(format!("{pp}.organisation"), format!("duplicate party {}", shown(&p.organisation)));
            }
            let org = self.org(c, &format!("{pp}.organisation"), &p.organisation, &[]);
            let accountable = c.contact(&format!("{pp}.accountable"), &p.accountable);
            if let (Some(organisation), Some(acc)) = (org, accountable) {
                parties.push(Party { organisation, accountable: Arc::new(acc) });
            }
        }
        let theme_owner =
            a.theme_owner.as_ref().and_then(|t| c.contact(&format!("{path}.theme_owner"), t)).map(Arc::new);
        let valid_from = c.date(format!("{path}.valid_from"), &a.valid_from);
        let valid_until = a.valid_until.as_deref().and_then(|s| c.date(format!("{path}.valid_until"), s));
        if let (Some(f), Some(u)) = (valid_from, valid_until) {
            if u < f {
                c.problems.push(format!("{path}.valid_until"), "must not be before `valid_from`");
            }
        }
        let status = c.code(format!("{path}.status"), AgreementStatus::from_code(&a.status));
        let review_date = c.date(format!("{path}.review_date"), &a.review_date);
        let funding = a.funding.as_ref().and_then(|f| self.funding(c, &format!("{path}.funding"), f));
        let tp = format!("{path}.terms");
        let party_ids = seen;
        let Some(kind) = kind else {
            c.problems.push(tp, "not checked: the kind of agreement is unknown");
            return None;
        };
        let terms = match kind {
            AgreementKind::NightRotation => {
                let t: NightRotationDoc = terms(c, &tp, &a.terms)?;
                self.night(c, &tp, t).map(Terms::NightRotation)
            }
            AgreementKind::Subcontracting => {
                let t: SubcontractingDoc = terms(c, &tp, &a.terms)?;
                for (field, org) in [("principal", &t.principal), ("subcontractor", &t.subcontractor)] {
                    if !party_ids.contains(&org.as_str()) {
                        c.problems
                            .push(format!("{tp}.{field}"), format!("{} is not a party of the agreement", shown(org)));
                    }
                }
                let principal = self.org(c, &format!("{tp}.principal"), &t.principal, &[]);
                let subcontractor = self.org(c, &format!("{tp}.subcontractor"), &t.subcontractor, &[]);
                let team = self.team(c, &format!("{tp}.delivering_team"), &t.delivering_team);
                if let (Some(team), Some(sub)) = (&team, &subcontractor) {
                    if self.registry.team(team.as_str()).is_some_and(|x| x.organisation != *sub) {
                        c.problems.push(
                            format!("{tp}.delivering_team"),
                            format!(
                                "team {} does not belong to the subcontractor {}",
                                shown(team.as_str()),
                                shown(sub.as_str())
                            ),
                        );
                    }
                }
                let care_types = self.care(c, &format!("{tp}.care_types"), &t.care_types);
                let area = self.area(c, &format!("{tp}.area"), &t.area);
                match (principal, subcontractor, team) {
                    (Some(principal), Some(subcontractor), Some(delivering_team)) => {
                        Some(Terms::Subcontracting(Subcontracting {
                            principal,
                            subcontractor,
                            delivering_team,
                            care_types,
                            area,
                        }))
                    }
                    _ => None,
                }
            }
            AgreementKind::SharedSpecialistTeam => {
                let t: SharedTeamDoc = terms(c, &tp, &a.terms)?;
                let members = self.orgs(c, &format!("{tp}.members"), &t.members);
                for (i, m) in t.members.iter().enumerate() {
                    if !party_ids.contains(&m.as_str()) {
                        c.problems.push(
                            format!("{tp}.members[{i}]"),
                            format!("{} is not a party of the agreement", shown(m)),
                        );
                    }
                }
                let team = self.team(c, &format!("{tp}.delivering_team"), &t.delivering_team);
                let care_types = self.care(c, &format!("{tp}.care_types"), &t.care_types);
                let area = t.area.as_ref().map(|x| self.area(c, &format!("{tp}.area"), x));
                team.map(|delivering_team| {
                    Terms::SharedSpecialistTeam(SharedSpecialistTeam { members, delivering_team, care_types, area })
                })
            }
            AgreementKind::CoordinationPoint => {
                let t: CoordinationPointTermsDoc = terms(c, &tp, &a.terms)?;
                let area = self.area(c, &format!("{tp}.area"), &t.area);
                let accountable = self.org(c, &format!("{tp}.accountable"), &t.accountable, &[]);
                let contact = t.contact.as_ref().and_then(|x| c.contact(&format!("{tp}.contact"), x)).map(Arc::new);
                // Hours become an escalation policy's limits, which end at MAX_HOURS; declines are
                // counted in an `i32` (Kotlin and Swift `Int`).
                for (field, v, max) in [
                    ("max_unplaced_hours_acute", t.max_unplaced_hours_acute, MAX_HOURS),
                    ("max_unplaced_hours_planned", t.max_unplaced_hours_planned, MAX_HOURS),
                    ("max_declines", t.max_declines, i32::MAX as u32),
                ] {
                    if v == 0 {
                        c.problems.push(format!("{tp}.{field}"), "must be at least 1");
                    } else if v > max {
                        c.problems
                            .push(format!("{tp}.{field}"), format!("expected at most {}", thousands(u64::from(max))));
                    }
                }
                accountable.and_then(|accountable| {
                    Some(Terms::CoordinationPoint(CoordinationPointTerms {
                        area,
                        accountable,
                        contact,
                        max_unplaced_hours_acute: i32::try_from(t.max_unplaced_hours_acute).ok()?,
                        max_unplaced_hours_planned: i32::try_from(t.max_unplaced_hours_planned).ok()?,
                        max_declines: i32::try_from(t.max_declines).ok()?,
                    }))
                })
            }
            AgreementKind::CaseCoordination => {
                let t: CaseCoordinationDoc = terms(c, &tp, &a.terms)?;
                let client = c.id(format!("{tp}.client"), &t.client);
                let coordinator = self.org(c, &format!("{tp}.coordinator"), &t.coordinator, &[]);
                let members = self.orgs(c, &format!("{tp}.members"), &t.members);
                match (client, coordinator) {
                    (Some(client), Some(coordinator)) => {
                        Some(Terms::CaseCoordination(CaseCoordination { client, coordinator, members }))
                    }
                    _ => None,
                }
            }
            AgreementKind::DelegatedMandate => {
                let t: DelegatedMandateDoc = terms(c, &tp, &a.terms)?;
                let municipality = self.org(
                    c,
                    &format!("{tp}.municipality"),
                    &t.municipality,
                    &[OrganisationKind::Municipality, OrganisationKind::MunicipalitySocialTeam],
                );
                let providers = self.orgs(c, &format!("{tp}.providers"), &t.providers);
                if t.providers.is_empty() {
                    c.problems.push(format!("{tp}.providers"), "names no provider");
                }
                let care_types = self.care(c, &format!("{tp}.care_types"), &t.care_types);
                if t.assessment_valid_days == 0 || t.assessment_valid_days > MAX_DAYS {
                    c.problems.push(format!("{tp}.assessment_valid_days"), format!("expected 1 to {MAX_DAYS} days"));
                }
                municipality.and_then(|municipality| {
                    Some(Terms::DelegatedMandate(DelegatedMandate {
                        municipality,
                        providers,
                        care_types,
                        assessment_valid_days: i32::try_from(t.assessment_valid_days).ok()?,
                    }))
                })
            }
            AgreementKind::DataSharing => {
                let t: DataSharingDoc = terms(c, &tp, &a.terms)?;
                if t.categories.is_empty() {
                    c.problems.push(format!("{tp}.categories"), "names no data category");
                }
                if t.purposes.is_empty() {
                    c.problems.push(format!("{tp}.purposes"), "names no purpose");
                }
                let categories = c.codes(&format!("{tp}.categories"), &t.categories, DataCategory::from_code);
                let purposes = c.codes(&format!("{tp}.purposes"), &t.purposes, Purpose::from_code);
                Some(Terms::DataSharing(DataSharingTerms { categories, purposes }))
            }
        };
        Some(Agreement {
            id: id?,
            title: a.title.clone(),
            parties,
            theme_owner,
            valid_from: valid_from?,
            valid_until,
            status: status?,
            review_date: review_date?,
            funding,
            terms: terms?,
        })
    }

    fn funding(&self, c: &mut Checker<'_>, path: &str, f: &FundingDoc) -> Option<Funding> {
        let payer = self.org(c, &format!("{path}.payer"), &f.payer, &[]);
        let stream = c.code(format!("{path}.stream"), FundingStream::from_code(&f.stream));
        if f.hours_per_week.is_some_and(|h| !(0.0..=168.0).contains(&h)) {
            c.problems.push(format!("{path}.hours_per_week"), "must be between 0 and 168");
        }
        let amount = match f.amount_eur_per_year.map(i64::try_from) {
            None => None,
            Some(Ok(a)) => Some(a),
            Some(Err(_)) => {
                c.problems.push(
                    format!("{path}.amount_eur_per_year"),
                    format!("expected at most {} euros", thousands(i64::MAX.unsigned_abs())),
                );
                None
            }
        };
        let mut allocation = Vec::new();
        for (i, a) in f.allocation.iter().enumerate() {
            let ap = format!("{path}.allocation[{i}]");
            if !(0.0..=168.0).contains(&a.hours_per_week) {
                c.problems.push(format!("{ap}.hours_per_week"), "must be between 0 and 168");
            }
            if let Some(o) = self.org(c, &format!("{ap}.organisation"), &a.organisation, &[]) {
                allocation.push(Allocation { organisation: o, hours_per_week: a.hours_per_week });
            }
        }
        Some(Funding {
            payer: payer?,
            stream: stream?,
            hours_per_week: f.hours_per_week,
            amount_eur_per_year: amount,
            allocation,
            note: f.note.clone(),
        })
    }

    fn night(&self, c: &mut Checker<'_>, tp: &str, t: NightRotationDoc) -> Option<NightRotation> {
        let area = self.area(c, &format!("{tp}.area"), &t.area);
        let start = self.time(c, &format!("{tp}.shift.start"), &t.shift.start);
        let end = self.time(c, &format!("{tp}.shift.end"), &t.shift.end);
        if let (Some(s), Some(e)) = (start, end) {
            if s == e {
                c.problems.push(format!("{tp}.shift.end"), "a shift cannot end when it starts");
            }
        }
        let rota_start = c.date(format!("{tp}.rota_start"), &t.rota_start);
        let cycle = c.code(format!("{tp}.cycle"), RotaCycle::from_code(&t.cycle));
        if t.rota.is_empty() {
            c.problems.push(format!("{tp}.rota"), "names no team");
        }
        if t.rota.len() > MAX_LIST || t.overrides.len() > MAX_LIST {
            c.problems.push(tp.to_owned(), format!("more than {MAX_LIST} rota entries or overrides"));
            return None;
        }
        let rota: Vec<Id> =
            t.rota.iter().enumerate().filter_map(|(i, s)| self.team(c, &format!("{tp}.rota[{i}]"), s)).collect();
        let mut overrides: Vec<NightOverride> = Vec::new();
        let mut nights = HashSet::new();
        for (i, o) in t.overrides.iter().enumerate() {
            let op = format!("{tp}.overrides[{i}]");
            let night = c.date(format!("{op}.night"), &o.night);
            let team = match &o.team {
                Some(s) => match self.team(c, &format!("{op}.team"), s) {
                    Some(t) => Some(t),
                    None => continue,
                },
                None => None,
            };
            if let Some(night) = night {
                if !nights.insert(night) {
                    c.problems.push(format!("{op}.night"), format!("a second override for the night of {night}"));
                }
                overrides.push(NightOverride { night, team });
            }
        }
        overrides.sort_by_key(|o| o.night);
        Some(NightRotation {
            area,
            shift: ShiftTimes { start: start?, end: end? },
            rota_start: rota_start?,
            cycle: cycle?,
            rota,
            overrides,
        })
    }
}

pub(crate) fn validate(doc: &AgreementsDoc, registry: &Registry) -> crate::Result<Vec<Agreement>> {
    let mut problems = Problems::new();
    let mut c = Checker { problems: &mut problems };
    let v = Validator {
        registry,
        municipalities: registry.municipalities().iter().map(|m| (m.code, m.pc4.clone())).collect(),
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, a) in doc.agreements.iter().enumerate() {
        let path = format!("$.agreements[{i}]");
        if !seen.insert(a.id.as_str()) {
            c.problems.push(format!("{path}.id"), format!("duplicate agreement id {}", shown(&a.id)));
        }
        if let Some(agreement) = v.agreement(&mut c, &path, a) {
            out.push(agreement);
        }
    }
    problems.finish("agreements", || out)
}

// ---- export ----------------------------------------------------------------------------------

fn ids(list: &[Id]) -> Vec<String> {
    list.iter().map(|x| x.to_string()).collect()
}

fn care(set: CodeSet<CareType>) -> Vec<String> {
    set.iter().map(|c| c.code().to_owned()).collect()
}

pub(crate) fn agreement_doc(a: &Agreement) -> AgreementDoc {
    use crate::registry::{area_doc, contact_doc};
    let terms = match &a.terms {
        Terms::NightRotation(t) => serde_json::to_value(NightRotationDoc {
            area: area_doc(&t.area),
            shift: ShiftDoc { start: clock_text(t.shift.start), end: clock_text(t.shift.end) },
            rota_start: date_text(t.rota_start),
            cycle: t.cycle.code().to_owned(),
            rota: ids(&t.rota),
            overrides: t
                .overrides
                .iter()
                .map(|o| OverrideDoc { night: date_text(o.night), team: o.team.as_ref().map(|x| x.to_string()) })
                .collect(),
        }),
        Terms::Subcontracting(t) => serde_json::to_value(SubcontractingDoc {
            principal: t.principal.to_string(),
            subcontractor: t.subcontractor.to_string(),
            delivering_team: t.delivering_team.to_string(),
            care_types: care(t.care_types),
            area: area_doc(&t.area),
        }),
        Terms::SharedSpecialistTeam(t) => serde_json::to_value(SharedTeamDoc {
            members: ids(&t.members),
            delivering_team: t.delivering_team.to_string(),
            care_types: care(t.care_types),
            area: t.area.as_ref().map(area_doc),
        }),
        Terms::CoordinationPoint(t) => serde_json::to_value(CoordinationPointTermsDoc {
            area: area_doc(&t.area),
            accountable: t.accountable.to_string(),
            contact: t.contact.as_deref().map(contact_doc),
            max_unplaced_hours_acute: t.max_unplaced_hours_acute.unsigned_abs(),
            max_unplaced_hours_planned: t.max_unplaced_hours_planned.unsigned_abs(),
            max_declines: t.max_declines.unsigned_abs(),
        }),
        Terms::CaseCoordination(t) => serde_json::to_value(CaseCoordinationDoc {
            client: t.client.to_string(),
            coordinator: t.coordinator.to_string(),
            members: ids(&t.members),
        }),
        Terms::DelegatedMandate(t) => serde_json::to_value(DelegatedMandateDoc {
            municipality: t.municipality.to_string(),
            providers: ids(&t.providers),
            care_types: care(t.care_types),
            assessment_valid_days: t.assessment_valid_days.unsigned_abs(),
        }),
        Terms::DataSharing(t) => serde_json::to_value(DataSharingDoc {
            categories: t.categories.iter().map(|c| c.code().to_owned()).collect(),
            purposes: t.purposes.iter().map(|c| c.code().to_owned()).collect(),
        }),
    }
    .expect("terms always serialise");
    AgreementDoc {
        id: a.id.to_string(),
        title: a.title.clone(),
        kind: a.terms.kind().code().to_owned(),
        parties: a
            .parties
            .iter()
            .map(|p| PartyDoc { organisation: p.organisation.to_string(), accountable: contact_doc(&p.accountable) })
            .collect(),
        theme_owner: a.theme_owner.as_deref().map(contact_doc),
        valid_from: date_text(a.valid_from),
        valid_until: a.valid_until.map(date_text),
        status: a.status.code().to_owned(),
        review_date: date_text(a.review_date),
        funding: a.funding.as_ref().map(|f| FundingDoc {
            payer: f.payer.to_string(),
            stream: f.stream.code().to_owned(),
            hours_per_week: f.hours_per_week,
            amount_eur_per_year: f.amount_eur_per_year.and_then(|a| u64::try_from(a).ok()),
            allocation: f
                .allocation
                .iter()
                .map(|a| AllocationDoc { organisation: a.organisation.to_string(), hours_per_week: a.hours_per_week })
                .collect(),
            note: f.note.clone(),
        }),
        terms,
    }
}

impl crate::input::SchemaTagged for AgreementsDoc {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}
