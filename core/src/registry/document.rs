//! The registry document (`wijknet.registry/v1`): its JSON shape, validation with every problem
//! reported at once, and export back to JSON without loss.
//!
//! The wire structs hold codes and identifiers as plain strings on purpose: serde stops at the
//! first bad value, while validation here walks the whole document and reports every problem
//! with its JSON path. They are generic over that string type: `String` (the default) for a
//! document built or kept in code, and text borrowed from the caller's bytes when
//! [`Registry::from_json`](super::Registry::from_json) reads one only to validate it, so the
//! million short strings of a national registry are neither copied nor freed one by one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Deref;
use std::sync::Arc;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::model::{
    Capacity, ContactPerson, CoordinationPoint, FreePlaces, Municipality, Organisation, Pc4Range, ReachableHours,
    ServiceArea, Team,
};
use super::pc4set::{Pc4Bits, Pc4Set};
use crate::codes::{CapacityStatus, CareType, CodeSet, Language, NurseLevel, OrganisationKind, TimeOfDay, Weekday};
use crate::error::Problems;
use crate::ids::{AgbCode, Id, KvkNumber, MunicipalityCode, Pc4, Pc6, UraNumber};
use crate::input::{Checker, shown};
use crate::limits::MAX_RECORD_LIST;
use crate::volume::{Hours, MAX_TEAM_HOURS};
use crate::wire::{clock_text, date_text, instant_text};

/// Schema tag of the registry document.
pub const REGISTRY_SCHEMA: &str = "wijknet.registry/v1";

/// The whole registry document as JSON sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de> + Ord"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Registry"))]
pub struct RegistryDoc<S = String> {
    /// Always [`REGISTRY_SCHEMA`].
    pub schema: S,
    /// Data version: bumped by every change, checked by optimistic updates.
    #[serde(default)]
    pub version: u64,
    /// Municipalities and their PC4 areas.
    #[serde(default)]
    pub municipalities: Vec<MunicipalityDoc<S>>,
    /// Organisations.
    #[serde(default)]
    pub organisations: Vec<OrganisationDoc<S>>,
    /// Teams.
    #[serde(default)]
    pub teams: Vec<TeamDoc<S>>,
    /// Coordination points.
    #[serde(default)]
    pub coordination_points: Vec<CoordinationPointDoc<S>>,
}

/// A municipality entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de>"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Municipality"))]
pub struct MunicipalityDoc<S = String> {
    /// CBS code `GM0153`, once per document.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::MunicipalityText"))]
    pub code: S,
    /// Name.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NameText"))]
    pub name: S,
    /// PC4 areas.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::Pc4Text>", length(max = 10000)))]
    pub pc4: Vec<S>,
}

/// An organisation entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de>"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Organisation"))]
pub struct OrganisationDoc<S = String> {
    /// Registry id, unique among the organisations.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub id: S,
    /// Name.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NameText"))]
    pub name: S,
    /// Organisation kind code.
    #[cfg_attr(feature = "schema", schemars(with = "crate::codes::OrganisationKind"))]
    pub kind: S,
    /// AGB code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::AgbText>"))]
    pub agb: Option<S>,
    /// URA number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::UraText>"))]
    pub ura: Option<S>,
    /// KvK number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::KvkText>"))]
    pub kvk: Option<S>,
    /// Contracted insurers: organisations of kind `insurer` in this document, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::UniqueIds"))]
    pub contracted_insurers: Vec<S>,
    /// Fixed contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactDoc<S>>,
}

/// A contact person entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de>"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Contact"))]
pub struct ContactDoc<S = String> {
    /// Name of the professional.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NameText"))]
    pub name: S,
    /// Role.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NameText"))]
    pub role: S,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", regex(pattern = r"^[0-9 +\-()]{1,40}$")))]
    pub phone: Option<S>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", regex(pattern = "@"), length(max = 254)))]
    pub email: Option<S>,
    /// Reachable hours.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(length(max = 100)))]
    pub hours: Vec<HoursDoc<S>>,
}

/// Reachable hours entry: days and a local time window `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de>"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Hours"))]
pub struct HoursDoc<S = String> {
    /// Weekday codes.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::Weekday>", length(min = 1)))]
    pub days: Vec<S>,
    /// Start `HH:MM`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TimeText"))]
    pub from: S,
    /// End `HH:MM`, after `from`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::EndTimeText"))]
    pub to: S,
}

/// A service area as written. It must cover some postcode (at least one PC4, range, PC6 or
/// municipality), and the municipalities it names must be in the document's `municipalities`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de>"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Area", transform = covers_some_postcode))]
pub struct AreaDoc<S = String> {
    /// PC4 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::Pc4Text>", length(max = 10000)))]
    pub pc4: Vec<S>,
    /// Inclusive PC4 ranges `["7511", "7515"]`, the first not after the second.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Vec<(crate::schema::Pc4Text, crate::schema::Pc4Text)>", length(max = 10000))
    )]
    pub pc4_ranges: Vec<(S, S)>,
    /// PC6 codes included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::Pc6Text>", length(max = 10000)))]
    pub pc6_include: Vec<S>,
    /// PC6 codes excluded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::Pc6Text>", length(max = 10000)))]
    pub pc6_exclude: Vec<S>,
    /// Whole municipalities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::MunicipalityText>", length(max = 10000)))]
    pub municipalities: Vec<S>,
}

/// A team entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de> + Ord"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Team"))]
pub struct TeamDoc<S = String> {
    /// Registry id, unique among the teams.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub id: S,
    /// Owning organisation: an organisation in this document.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub organisation: S,
    /// Name.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NameText"))]
    pub name: S,
    /// Service area.
    pub area: AreaDoc<S>,
    /// Care type codes: the care it delivers, at least one.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::CareType>", length(min = 1)))]
    pub care_types: Vec<S>,
    /// Highest nurse level code.
    #[cfg_attr(feature = "schema", schemars(with = "crate::codes::NurseLevel"))]
    pub max_nurse_level: S,
    /// Time-of-day codes: when it works, at least one.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::TimeOfDay>", length(min = 1)))]
    pub times_of_day: Vec<S>,
    /// Language codes its nurses speak; absent means Dutch only (and is how Dutch only is
    /// written back).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::Language>"))]
    pub languages: Vec<S>,
    /// Current capacity.
    pub capacity: CapacityDoc<S>,
    /// Fixed contact persons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(length(max = 100)))]
    pub contacts: Vec<ContactDoc<S>>,
}

/// A team described anew, for [`Registry::replace_teams`](super::Registry::replace_teams): its
/// new document (whose id names the team), and what it keeps as the registry holds it. A reader
/// that knows a team's area or contacts did not change (a FHIR service whose `coverageArea`
/// is as before, say) says so instead of writing them out to have them read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamChange<S = String> {
    /// The team's new description.
    pub team: TeamDoc<S>,
    /// Keep the team's area: `team.area` is not read.
    pub same_area: bool,
    /// Keep the team's contacts: `team.contacts` is not read.
    pub same_contacts: bool,
}

impl<S> TeamChange<S> {
    /// A change that reads the whole document.
    pub fn new(team: TeamDoc<S>) -> Self {
        Self { team, same_area: false, same_contacts: false }
    }
}

/// An organisation described anew, for
/// [`Registry::replace_organisations`](super::Registry::replace_organisations): its new document
/// (whose id names the organisation), and what it keeps as the registry holds it. A reader that
/// knows the contracts or the fixed contact did not change (a FHIR Organization changed, its
/// OrganizationAffiliations and PractitionerRoles not) says so instead of writing them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationChange<S = String> {
    /// The organisation's new description.
    pub organisation: OrganisationDoc<S>,
    /// Keep the contracted insurers: `organisation.contracted_insurers` is not read.
    pub same_insurers: bool,
    /// Keep the fixed contact: `organisation.contact` is not read.
    pub same_contact: bool,
}

impl<S> OrganisationChange<S> {
    /// A change that reads the whole document.
    pub fn new(organisation: OrganisationDoc<S>) -> Self {
        Self { organisation, same_insurers: false, same_contact: false }
    }
}

/// Capacity entry; also the body of a capacity update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de> + Ord"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Capacity"))]
pub struct CapacityDoc<S = String> {
    /// Capacity status code.
    #[cfg_attr(feature = "schema", schemars(with = "crate::codes::CapacityStatus"))]
    pub status: S,
    /// Free places per care type code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::FreePlacesMap"))]
    pub free_places: BTreeMap<S, u32>,
    /// Free hours per week per care type code (0 to 4,000 each), next to the free places.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::FreeHoursMap"))]
    pub free_hours: BTreeMap<S, Hours>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub earliest_start: Option<S>,
    /// RFC 3339 instant.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    pub updated_at: S,
    /// Capacity version (0 when never updated through wijknet).
    #[serde(default)]
    pub version: u64,
}

/// A coordination point entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "S: Deserialize<'de>"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "CoordinationPoint"))]
pub struct CoordinationPointDoc<S = String> {
    /// Registry id, unique among the coordination points.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub id: S,
    /// Organisation running it: an organisation in this document.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub organisation: S,
    /// Name.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NameText"))]
    pub name: S,
    /// Area it is accountable for.
    pub area: AreaDoc<S>,
    /// Whom to call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactDoc<S>>,
}

/// An area names at least one PC4, range, PC6 or municipality (excluded PC6s alone cover
/// nothing), as the reader checks.
#[cfg(feature = "schema")]
fn covers_some_postcode(schema: &mut schemars::Schema) {
    let lists = ["pc4", "pc4_ranges", "pc6_include", "municipalities"];
    let any: Vec<serde_json::Value> =
        lists.iter().map(|l| serde_json::json!({ "required": [l], "properties": { *l: { "minItems": 1 } } })).collect();
    schema.insert("anyOf".into(), any.into());
}

/// Everything validation produces: the typed parts of a registry.
#[derive(Debug)]
pub(crate) struct Parts {
    pub version: u64,
    pub municipalities: Vec<Municipality>,
    pub organisations: Vec<Organisation>,
    pub teams: Vec<Team>,
    pub capacities: Vec<Capacity>,
    pub coordination_points: Vec<CoordinationPoint>,
    /// Team id -> position in `teams`.
    pub team_by_id: HashMap<Id, u32>,
}

/// Most (team, PC4) pairs that the areas of all teams and coordination points may cover
/// together: about 900 teams covering the whole country. A real national registry covers a few
/// hundred thousand; the postcode index grows with this number, so a document beyond it is
/// refused rather than indexed.
pub const MAX_COVERAGE_PAIRS: usize = 8_000_000;

/// Registry-specific checks, on the one checker of the input layer.
impl Checker<'_> {
    pub fn contact<S: Deref<Target = str>>(
        &mut self,
        path: impl std::fmt::Display + Copy,
        c: &ContactDoc<S>,
    ) -> Option<ContactPerson> {
        self.text(format_args!("{path}.name"), &c.name, 200);
        self.text(format_args!("{path}.role"), &c.role, 200);
        if let Some(p) = &c.phone {
            let ok = !p.is_empty() && p.len() <= 40 && p.chars().all(|ch| ch.is_ascii_digit() || " +-()".contains(ch));
            if !ok {
                self.push(
                    format_args!("{path}.phone"),
                    "expected a phone number of digits, spaces and `+-()` (at most 40)",
                );
            }
        }
        if let Some(e) = &c.email {
            if !e.contains('@') || e.len() > 254 {
                self.push(format_args!("{path}.email"), "expected an e-mail address");
            }
        }
        let mut hours = Vec::new();
        if self.bounded(format_args!("{path}.hours"), c.hours.len(), 100) {
            for (i, h) in c.hours.iter().enumerate() {
                if h.days.is_empty() {
                    self.push(format_args!("{path}.hours[{i}].days"), "names no day");
                }
                let days = self.codes(format_args!("{path}.hours[{i}].days"), &h.days, Weekday::from_code);
                let from = self.time(format_args!("{path}.hours[{i}].from"), &h.from, false);
                let to = self.time(format_args!("{path}.hours[{i}].to"), &h.to, true);
                if let (Some(from), Some(to)) = (from, to) {
                    if to <= from {
                        self.push(format_args!("{path}.hours[{i}].to"), "ends before or when it starts");
                    } else {
                        hours.push(ReachableHours { days, from, to });
                    }
                }
            }
        }
        Some(ContactPerson {
            name: (*c.name).to_owned(),
            role: (*c.role).to_owned(),
            phone: c.phone.as_deref().map(str::to_owned),
            email: c.email.as_deref().map(str::to_owned),
            hours,
        })
    }

    /// A service area: its lists as written (for a lossless export) and the bounded set of PC4s
    /// it covers as a whole. Each list holds at most [`MAX_RECORD_LIST`] entries, and a
    /// municipality named twice is expanded once, so the cost is linear in the area's text.
    pub fn area<S: Deref<Target = str>>(
        &mut self,
        path: impl std::fmt::Display + Copy,
        a: &AreaDoc<S>,
        municipalities: &HashMap<MunicipalityCode, Vec<Pc4>>,
    ) -> ServiceArea {
        let mut area = ServiceArea::default();
        let total = a.pc4.len() + a.pc4_ranges.len() + a.pc6_include.len() + a.municipalities.len();
        if total == 0 {
            self.push(path, "covers no postcode: give `pc4`, `pc4_ranges`, `pc6_include` or `municipalities`");
        }
        let mut bits = Pc4Bits::new();
        if self.bounded(format_args!("{path}.pc4"), a.pc4.len(), MAX_RECORD_LIST) {
            for (i, s) in a.pc4.iter().enumerate() {
                if let Some(p) = self.record(format_args!("{path}.pc4[{i}]"), Pc4::parse(s)) {
                    area.pc4.push(p);
                    bits.insert(p);
                }
            }
        }
        if self.bounded(format_args!("{path}.pc4_ranges"), a.pc4_ranges.len(), MAX_RECORD_LIST) {
            for (i, (lo, hi)) in a.pc4_ranges.iter().enumerate() {
                let lo_p = self.record(format_args!("{path}.pc4_ranges[{i}][0]"), Pc4::parse(lo));
                let hi_p = self.record(format_args!("{path}.pc4_ranges[{i}][1]"), Pc4::parse(hi));
                if let (Some(l), Some(h)) = (lo_p, hi_p) {
                    if h < l {
                        self.push(
                            format_args!("{path}.pc4_ranges[{i}]"),
                            "range is inverted: the first PC4 must not be after the second",
                        );
                    } else {
                        area.pc4_ranges.push(Pc4Range { first: l, last: h });
                        bits.insert_range(l, h);
                    }
                }
            }
        }
        if self.bounded(format_args!("{path}.pc6_include"), a.pc6_include.len(), MAX_RECORD_LIST) {
            for (i, s) in a.pc6_include.iter().enumerate() {
                if let Some(p) = self.record(format_args!("{path}.pc6_include[{i}]"), Pc6::parse(s)) {
                    area.pc6_include.push(p);
                }
            }
            area.pc6_include.sort_unstable();
            area.pc6_include.dedup();
        }
        if self.bounded(format_args!("{path}.pc6_exclude"), a.pc6_exclude.len(), MAX_RECORD_LIST) {
            for (i, s) in a.pc6_exclude.iter().enumerate() {
                if let Some(p) = self.record(format_args!("{path}.pc6_exclude[{i}]"), Pc6::parse(s)) {
                    area.pc6_exclude.push(p);
                }
            }
            area.pc6_exclude.sort_unstable();
            area.pc6_exclude.dedup();
        }
        if self.bounded(format_args!("{path}.municipalities"), a.municipalities.len(), MAX_RECORD_LIST) {
            let mut seen = HashSet::new();
            for (i, s) in a.municipalities.iter().enumerate() {
                if let Some(m) = self.record(format_args!("{path}.municipalities[{i}]"), MunicipalityCode::parse(s)) {
                    match municipalities.get(&m) {
                        Some(list) => {
                            area.municipalities.push(m);
                            if seen.insert(m) {
                                list.iter().for_each(|p| bits.insert(*p));
                            }
                        }
                        None => self.push(
                            format_args!("{path}.municipalities[{i}]"),
                            format_args!("unknown municipality {m}: add it to `municipalities`"),
                        ),
                    }
                }
            }
        }
        area.expanded = Pc4Set::from_bits(bits);
        area
    }
}

/// What a team described anew keeps as the registry holds it, unread from its document.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Kept<'a> {
    pub area: Option<&'a ServiceArea>,
    pub contacts: Option<&'a [Arc<ContactPerson>]>,
}

/// What an organisation described anew keeps as the registry holds it, unread from its document.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KeptOrganisation<'a> {
    pub insurers: Option<&'a [Id]>,
    pub contact: Option<Option<&'a Arc<ContactPerson>>>,
}

/// The checks of an organisation's content, shared by the loader and a change of
/// organisations: everything but its id, which the loader checks against the whole document and
/// a change against the registry.
impl Checker<'_> {
    /// Organisation `i`, checked, as the organisation with `id` (which the caller checked);
    /// `kind_of` gives the kind of an organisation a contract names (`None` for an unknown id,
    /// `Some(None)` for an id whose kind is not a known code). `None` when its id or kind is
    /// not valid; its other problems are recorded.
    pub(crate) fn organisation<S: Deref<Target = str>>(
        &mut self,
        i: usize,
        o: &OrganisationDoc<S>,
        id: Option<Id>,
        kind_of: &dyn Fn(&str) -> Option<Option<OrganisationKind>>,
        kept: KeptOrganisation<'_>,
    ) -> Option<Organisation> {
        let c = self;
        c.text(format_args!("$.organisations[{i}].name"), &o.name, 200);
        let kind = c.code(format_args!("$.organisations[{i}].kind"), OrganisationKind::from_code(&o.kind));
        let agb = o.agb.as_deref().and_then(|s| c.record(format_args!("$.organisations[{i}].agb"), AgbCode::parse(s)));
        let ura =
            o.ura.as_deref().and_then(|s| c.record(format_args!("$.organisations[{i}].ura"), UraNumber::parse(s)));
        let kvk =
            o.kvk.as_deref().and_then(|s| c.record(format_args!("$.organisations[{i}].kvk"), KvkNumber::parse(s)));
        let insurers = match kept.insurers {
            Some(kept) => kept.to_vec(),
            None => {
                let mut insurers = Vec::new();
                if c.bounded(
                    format_args!("$.organisations[{i}].contracted_insurers"),
                    o.contracted_insurers.len(),
                    MAX_RECORD_LIST,
                ) {
                    let mut seen = HashSet::new();
                    for (j, s) in o.contracted_insurers.iter().enumerate() {
                        let path = format_args!("$.organisations[{i}].contracted_insurers[{j}]");
                        match kind_of(s) {
                            None => c.push(path, format_args!("unknown organisation {}", shown(s))),
                            Some(Some(OrganisationKind::Insurer)) => {
                                if !seen.insert(&**s) {
                                    c.push(path, format_args!("duplicate insurer {}", shown(s)));
                                } else if let Some(id) = c.id(path, s) {
                                    insurers.push(id);
                                }
                            }
                            Some(_) => c.push(path, format_args!("organisation {} is not an insurer", shown(s))),
                        }
                    }
                }
                insurers
            }
        };
        let contact = match kept.contact {
            Some(kept) => kept.cloned(),
            None => o
                .contact
                .as_ref()
                .and_then(|ct| c.contact(format_args!("$.organisations[{i}].contact"), ct))
                .map(Arc::new),
        };
        Some(Organisation {
            id: id?,
            name: (*o.name).to_owned(),
            kind: kind?,
            agb,
            ura,
            kvk,
            contracted_insurers: insurers,
            contact,
        })
    }
}

/// The checks of a team's content, shared by the loader and a change of teams: everything but
/// its id and organisation, which the loader resolves against the whole document and a change
/// of teams against the registry.
impl Checker<'_> {
    /// Team `i`'s content, checked, as the team with `id` and `organisation` (which the caller
    /// checked); `None` when it has a problem. Its area's (team, PC4) pairs are added to
    /// `coverage_pairs`, and past [`MAX_COVERAGE_PAIRS`] nothing more is checked.
    pub(crate) fn team<S: Deref<Target = str>>(
        &mut self,
        i: usize,
        t: &TeamDoc<S>,
        (id, organisation): (Option<Id>, Option<Id>),
        municipalities: &HashMap<MunicipalityCode, Vec<Pc4>>,
        coverage_pairs: &mut usize,
        kept: Kept<'_>,
    ) -> Option<(Team, Capacity)> {
        self.text(format_args!("$.teams[{i}].name"), &t.name, 200);
        let area = match kept.area {
            Some(a) => a.clone(),
            None => self.area(format_args!("$.teams[{i}].area"), &t.area, municipalities),
        };
        *coverage_pairs += area.expanded.len() + area.pc6_include.len();
        if *coverage_pairs > MAX_COVERAGE_PAIRS {
            self.push(
                format_args!("$.teams[{i}].area"),
                format_args!("the areas of the teams so far cover more than the limit of {MAX_COVERAGE_PAIRS} (team, PC4) pairs; the rest of the document is not checked"),
            );
            return None;
        }
        if t.care_types.is_empty() {
            self.push(format_args!("$.teams[{i}].care_types"), "a team must deliver at least one care type");
        }
        let care_types = self.codes(format_args!("$.teams[{i}].care_types"), &t.care_types, CareType::from_code);
        let level = self.code(format_args!("$.teams[{i}].max_nurse_level"), NurseLevel::from_code(&t.max_nurse_level));
        if t.times_of_day.is_empty() {
            self.push(format_args!("$.teams[{i}].times_of_day"), "a team must work at least one time of day");
        }
        let times = self.codes(format_args!("$.teams[{i}].times_of_day"), &t.times_of_day, TimeOfDay::from_code);
        let languages = if t.languages.is_empty() {
            CodeSet::from_iter([Language::Dutch])
        } else {
            self.codes(format_args!("$.teams[{i}].languages"), &t.languages, Language::from_code)
        };
        let capacity = capacity_from_doc(self, format_args!("$.teams[{i}].capacity"), &t.capacity);
        let mut contacts = kept.contacts.map(<[_]>::to_vec).unwrap_or_default();
        if kept.contacts.is_none()
            && self.bounded(format_args!("$.teams[{i}].contacts"), t.contacts.len(), crate::limits::MAX_TEAM_CONTACTS)
        {
            for (j, ct) in t.contacts.iter().enumerate() {
                if let Some(p) = self.contact(format_args!("$.teams[{i}].contacts[{j}]"), ct) {
                    contacts.push(Arc::new(p));
                }
            }
        }
        let team = Team {
            id: id?,
            organisation: organisation?,
            name: (*t.name).to_owned(),
            area,
            care_types,
            max_nurse_level: level?,
            times_of_day: times,
            languages,
            contacts,
        };
        Some((team, capacity?))
    }
}

/// Records a reference to an organisation that is not in the document.
fn organisation_ref(
    c: &mut Checker<'_>,
    path: impl std::fmt::Display + Copy,
    s: &str,
    known: &HashMap<Box<str>, OrgRef>,
) -> Option<Id> {
    match known.get(s) {
        // The organisation's own id: shared, not parsed and allocated again for each team.
        Some(OrgRef { loaded: Some(id), .. }) => Some(id.clone()),
        Some(_) => c.id(path, s),
        None => {
            c.push(path, format_args!("unknown organisation {}", shown(s)));
            None
        }
    }
}

/// A team's free hours must be finite, at least 0 and at most [`MAX_TEAM_HOURS`]; a problem is
/// at `{capacity}.free_hours.{care type}` (a known code, never free text).
pub(crate) fn free_hours_problems(
    c: &mut Checker<'_>,
    capacity: impl std::fmt::Display,
    hours: &BTreeMap<CareType, Hours>,
) {
    for (care, h) in hours {
        if !(h.get() >= 0.0 && h.get() <= MAX_TEAM_HOURS) {
            c.push(
                format!("{capacity}.free_hours.{}", care.code()),
                format!("must be 0 to {MAX_TEAM_HOURS} hours per week"),
            );
        }
    }
}

pub(crate) fn capacity_from_doc<S: Deref<Target = str>>(
    c: &mut Checker<'_>,
    path: impl std::fmt::Display + Copy,
    doc: &CapacityDoc<S>,
) -> Option<Capacity> {
    let status = c.code(format_args!("{path}.status"), CapacityStatus::from_code(&doc.status));
    let mut free = FreePlaces::default();
    for (code, n) in &doc.free_places {
        // The key is input text: a problem names the map, not the key.
        if let Some(care) = c.code(format_args!("{path}.free_places"), CareType::from_code(code)) {
            free.set(care, Some(*n));
        }
    }
    let mut free_hours = BTreeMap::new();
    for (code, h) in &doc.free_hours {
        if let Some(care) = c.code(format_args!("{path}.free_hours"), CareType::from_code(code)) {
            free_hours.insert(care, *h);
        }
    }
    free_hours_problems(c, path, &free_hours);
    let earliest = doc.earliest_start.as_deref().and_then(|s| c.date(format_args!("{path}.earliest_start"), s));
    let updated = c.instant(format_args!("{path}.updated_at"), &doc.updated_at);
    Some(Capacity {
        status: status?,
        free_places: free,
        free_hours,
        earliest_start: earliest,
        updated_at: updated?,
        version: doc.version,
    })
}

impl<S: Deref<Target = str>> RegistryDoc<S> {
    /// Validates the whole document and builds the typed parts. Every problem is reported, in
    /// document order: references are resolved against a silent first look at the ids, and
    /// duplicates are reported where the second one stands.
    pub(crate) fn validate(&self) -> crate::Result<Parts> {
        let mut loader = Loader::new(self.version);
        loader.teams.reserve(self.teams.len());
        loader.capacities.reserve(self.teams.len());
        loader.team_by_id.reserve(self.teams.len());
        loader.municipalities(&self.municipalities);
        loader.organisations(&self.organisations);
        for (i, t) in self.teams.iter().enumerate() {
            loader.team(i, t);
        }
        loader.coordination_points(&self.coordination_points);
        loader.finish()
    }
}

/// What a team or coordination point may name as its organisation: every id written in the
/// document (with its kind, when that is a known code), and the parsed id of the ones loaded.
#[derive(Debug)]
struct OrgRef {
    kind: Option<OrganisationKind>,
    loaded: Option<Id>,
}

/// The checks of a registry document, section by section in document order (municipalities,
/// organisations, teams one by one, coordination points), building the typed parts as it goes.
///
/// One team at a time, so that a reader can check each team as soon as it has read it and drop
/// its text: the national registry's teams are most of its document, and holding all of them as
/// text beside the registry they become doubled the heap of a load. The sections before the
/// teams are what a team is checked against (municipalities, organisations); they are small.
#[derive(Debug)]
pub(crate) struct Loader {
    problems: Problems,
    version: u64,
    muni_map: HashMap<MunicipalityCode, Vec<Pc4>>,
    /// Every organisation id as written: a team's reference is resolved here.
    orgs: HashMap<Box<str>, OrgRef>,
    municipalities: Vec<Municipality>,
    organisations: Vec<Organisation>,
    teams: Vec<Team>,
    capacities: Vec<Capacity>,
    /// Valid team ids seen so far (duplicates are problems), with the position each got: on a
    /// valid document every team is loaded, so this is the registry's id index as well.
    team_by_id: HashMap<Id, u32>,
    coordination_points: Vec<CoordinationPoint>,
    coverage_pairs: usize,
    /// Teams of the document so far, checked or not.
    teams_read: usize,
}

impl Loader {
    pub(crate) fn new(version: u64) -> Self {
        Self {
            problems: Problems::new(),
            version,
            muni_map: HashMap::new(),
            orgs: HashMap::new(),
            municipalities: Vec::new(),
            organisations: Vec::new(),
            teams: Vec::new(),
            capacities: Vec::new(),
            team_by_id: HashMap::new(),
            coordination_points: Vec::new(),
            coverage_pairs: 0,
            teams_read: 0,
        }
    }

    pub(crate) fn set_version(&mut self, version: u64) {
        self.version = version;
    }

    /// Teams of the document so far, checked or not (the progress of the check is counted in
    /// them).
    pub(crate) fn teams_read(&self) -> usize {
        self.teams_read
    }

    fn over_limit(&self) -> bool {
        self.coverage_pairs > MAX_COVERAGE_PAIRS
    }

    pub(crate) fn municipalities<S: Deref<Target = str>>(&mut self, list: &[MunicipalityDoc<S>]) {
        let c = &mut Checker { problems: &mut self.problems };
        for (i, m) in list.iter().enumerate() {
            let code = c.record(format_args!("$.municipalities[{i}].code"), MunicipalityCode::parse(&m.code));
            if let Some(code) = code {
                if self.muni_map.contains_key(&code) {
                    c.push(format_args!("$.municipalities[{i}].code"), format_args!("duplicate municipality {code}"));
                }
            }
            c.text(format_args!("$.municipalities[{i}].name"), &m.name, 200);
            let mut bits = Pc4Bits::new();
            if c.bounded(format_args!("$.municipalities[{i}].pc4"), m.pc4.len(), MAX_RECORD_LIST) {
                for (j, s) in m.pc4.iter().enumerate() {
                    if let Some(p) = c.record(format_args!("$.municipalities[{i}].pc4[{j}]"), Pc4::parse(s)) {
                        bits.insert(p);
                    }
                }
            }
            let pc4: Vec<Pc4> = Pc4Set::from_bits(bits).iter().collect();
            if let Some(code) = code {
                if let std::collections::hash_map::Entry::Vacant(e) = self.muni_map.entry(code) {
                    e.insert(pc4.clone());
                    self.municipalities.push(Municipality { code, name: (*m.name).to_owned(), pc4 });
                }
            }
        }
    }

    pub(crate) fn organisations<S: Deref<Target = str>>(&mut self, list: &[OrganisationDoc<S>]) {
        // Silent first look: what the contracted insurers (and later the teams) are resolved
        // against. An id written twice keeps the kind of its last entry.
        self.orgs.reserve(list.len());
        for o in list {
            let kind = OrganisationKind::from_code(&o.kind).ok();
            self.orgs.entry((*o.id).into()).and_modify(|r| r.kind = kind).or_insert(OrgRef { kind, loaded: None });
        }
        let c = &mut Checker { problems: &mut self.problems };
        let mut seen_orgs = HashSet::with_capacity(list.len());
        self.organisations.reserve(list.len());
        for (i, o) in list.iter().enumerate() {
            let id = c.id(format_args!("$.organisations[{i}].id"), &o.id);
            if id.is_some() && !seen_orgs.insert(&*o.id) {
                c.push(
                    format_args!("$.organisations[{i}].id"),
                    format_args!("duplicate organisation id {}", shown(&o.id)),
                );
            }
            let orgs = &self.orgs;
            let kind_of = |s: &str| orgs.get(s).map(|r| r.kind);
            if let Some(org) = c.organisation(i, o, id, &kind_of, KeptOrganisation::default()) {
                // The first organisation loaded under an id is the one its teams belong to.
                if let Some(r) = self.orgs.get_mut(&*o.id) {
                    r.loaded.get_or_insert_with(|| org.id.clone());
                }
                self.organisations.push(org);
            }
        }
    }

    /// Team `i` of the document; after the coverage limit was passed, nothing more is checked.
    pub(crate) fn team<S: Deref<Target = str>>(&mut self, i: usize, t: &TeamDoc<S>) {
        self.teams_read += 1;
        if self.over_limit() {
            return;
        }
        let c = &mut Checker { problems: &mut self.problems };
        let id = c.id(format_args!("$.teams[{i}].id"), &t.id);
        if let Some(id) = &id {
            if self.team_by_id.contains_key(id) {
                c.push(format_args!("$.teams[{i}].id"), format_args!("duplicate team id {}", shown(&t.id)));
            } else {
                self.team_by_id.insert(id.clone(), self.teams.len() as u32);
            }
        }
        let org = organisation_ref(c, format_args!("$.teams[{i}].organisation"), &t.organisation, &self.orgs);
        if let Some((team, capacity)) =
            c.team(i, t, (id, org), &self.muni_map, &mut self.coverage_pairs, Kept::default())
        {
            self.teams.push(team);
            self.capacities.push(capacity);
        }
    }

    /// The coordination points, after every team (none when the teams passed the coverage limit).
    pub(crate) fn coordination_points<S: Deref<Target = str>>(&mut self, list: &[CoordinationPointDoc<S>]) {
        if self.over_limit() {
            return;
        }
        let c = &mut Checker { problems: &mut self.problems };
        let mut seen_points = HashSet::new();
        for (i, p) in list.iter().enumerate() {
            let id = c.id(format_args!("$.coordination_points[{i}].id"), &p.id);
            if id.is_some() && !seen_points.insert(&*p.id) {
                c.push(
                    format_args!("$.coordination_points[{i}].id"),
                    format_args!("duplicate coordination point id {}", shown(&p.id)),
                );
            }
            let org = organisation_ref(
                c,
                format_args!("$.coordination_points[{i}].organisation"),
                &p.organisation,
                &self.orgs,
            );
            c.text(format_args!("$.coordination_points[{i}].name"), &p.name, 200);
            let area = c.area(format_args!("$.coordination_points[{i}].area"), &p.area, &self.muni_map);
            self.coverage_pairs += area.expanded.len() + area.pc6_include.len();
            if self.coverage_pairs > MAX_COVERAGE_PAIRS {
                c.push(
                    format_args!("$.coordination_points[{i}].area"),
                    format_args!("the areas so far cover more than the limit of {MAX_COVERAGE_PAIRS} (team, PC4) pairs; the rest of the document is not checked"),
                );
                break;
            }
            let contact = p
                .contact
                .as_ref()
                .and_then(|ct| c.contact(format_args!("$.coordination_points[{i}].contact"), ct))
                .map(Arc::new);
            if let (Some(id), Some(organisation)) = (id, org) {
                self.coordination_points.push(CoordinationPoint {
                    id,
                    organisation,
                    name: (*p.name).to_owned(),
                    area,
                    contact,
                });
            }
        }
    }

    /// Every problem found, or the typed parts.
    pub(crate) fn finish(self) -> crate::Result<Parts> {
        let Self {
            problems,
            version,
            municipalities,
            organisations,
            mut teams,
            mut capacities,
            team_by_id,
            coordination_points,
            ..
        } = self;
        problems.finish("registry", || {
            teams.shrink_to_fit();
            capacities.shrink_to_fit();
            Parts { version, municipalities, organisations, teams, capacities, team_by_id, coordination_points }
        })
    }
}

// ---- export ----------------------------------------------------------------------------------

pub(crate) fn contact_doc(c: &ContactPerson) -> ContactDoc {
    ContactDoc {
        name: c.name.clone(),
        role: c.role.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        hours: c
            .hours
            .iter()
            .map(|h| HoursDoc {
                days: h.days.iter().map(|d| d.code().to_owned()).collect(),
                from: clock_text(h.from),
                to: if h.to == NaiveTime::from_hms_opt(23, 59, 59).expect("valid") {
                    "24:00".to_owned()
                } else {
                    clock_text(h.to)
                },
            })
            .collect(),
    }
}

/// A contact as the registry document writes it: how a reader that changes one contact of a
/// team ([`TeamChange`] with the team's other contacts as they are) writes the ones it keeps.
impl From<&ContactPerson> for ContactDoc {
    fn from(c: &ContactPerson) -> Self {
        contact_doc(c)
    }
}

impl ContactPerson {
    /// The contact as the registry document writes it (a team's `contact`), as JSON text: how a
    /// binding that hands a contact out alone saves or pickles it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&contact_doc(self)).expect("a contact always serialises")
    }

    /// A contact written by [`ContactPerson::to_json`] (or as a registry document writes one)
    /// read back, checked as the registry checks a contact, so no contact a registry would refuse
    /// comes back in.
    ///
    /// Errors: [`Error::Json`](crate::Error::Json) (document `contact`) at the path where the
    /// text stops being a contact; [`Error::Invalid`](crate::Error::Invalid) with every rule
    /// problem at once. No message repeats a value of the text.
    pub fn from_json(text: &str) -> crate::Result<Self> {
        const DOCUMENT: &str = "contact";
        let doc: ContactDoc = crate::wire::answer_from_json_strict(DOCUMENT, "a contact", text)?;
        let mut problems = Problems::new();
        let person = Checker { problems: &mut problems }.contact("$", &doc);
        if person.is_none() && problems.is_empty() {
            problems.push("$", "expected a contact as the registry writes it");
        }
        problems.finish(DOCUMENT, || person.expect("a contact when there is no problem"))
    }
}

pub(crate) fn coordination_point_doc(p: &CoordinationPoint) -> CoordinationPointDoc {
    CoordinationPointDoc {
        id: p.id.to_string(),
        organisation: p.organisation.to_string(),
        name: (*p.name).to_owned(),
        area: area_doc(&p.area),
        contact: p.contact.as_deref().map(contact_doc),
    }
}

pub(crate) fn area_doc(a: &ServiceArea) -> AreaDoc {
    AreaDoc {
        pc4: a.pc4.iter().map(|p| p.to_string()).collect(),
        pc4_ranges: a.pc4_ranges.iter().map(|r| (r.first.to_string(), r.last.to_string())).collect(),
        pc6_include: a.pc6_include.iter().map(|p| p.to_string()).collect(),
        pc6_exclude: a.pc6_exclude.iter().map(|p| p.to_string()).collect(),
        municipalities: a.municipalities.iter().map(|m| m.to_string()).collect(),
    }
}

pub(crate) fn capacity_doc(c: &Capacity) -> CapacityDoc {
    CapacityDoc {
        status: c.status.code().to_owned(),
        free_places: c.free_places.iter().map(|(k, n)| (k.code().to_owned(), n)).collect(),
        free_hours: c.free_hours.iter().map(|(k, h)| (k.code().to_owned(), *h)).collect(),
        earliest_start: c.earliest_start.map(date_text),
        updated_at: instant_text(&c.updated_at),
        version: c.version,
    }
}

pub(crate) fn organisation_doc(o: &Organisation) -> OrganisationDoc {
    OrganisationDoc {
        id: o.id.to_string(),
        name: (*o.name).to_owned(),
        kind: o.kind.code().to_owned(),
        agb: o.agb.map(|x| x.to_string()),
        ura: o.ura.map(|x| x.to_string()),
        kvk: o.kvk.map(|x| x.to_string()),
        contracted_insurers: o.contracted_insurers.iter().map(|x| x.to_string()).collect(),
        contact: o.contact.as_deref().map(contact_doc),
    }
}

pub(crate) fn team_doc(t: &Team, c: &Capacity) -> TeamDoc {
    TeamDoc {
        id: t.id.to_string(),
        organisation: t.organisation.to_string(),
        name: (*t.name).to_owned(),
        area: area_doc(&t.area),
        care_types: t.care_types.iter().map(|x| x.code().to_owned()).collect(),
        max_nurse_level: t.max_nurse_level.code().to_owned(),
        times_of_day: t.times_of_day.iter().map(|x| x.code().to_owned()).collect(),
        languages: if t.languages == CodeSet::from_iter([Language::Dutch]) {
            Vec::new()
        } else {
            t.languages.iter().map(|x| x.code().to_owned()).collect()
        },
        capacity: capacity_doc(c),
        contacts: t.contacts.iter().map(|x| contact_doc(x)).collect(),
    }
}

impl<S: Deref<Target = str>> crate::input::SchemaTagged for RegistryDoc<S> {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}
