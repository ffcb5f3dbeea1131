//! The registry document (`wijknet.registry/v1`): its JSON shape, validation with every problem
//! reported at once, and export back to JSON without loss.
//!
//! The wire structs hold codes and identifiers as plain strings on purpose: serde stops at the
//! first bad value, while validation here walks the whole document and reports every problem
//! with its JSON path.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{
    Capacity, ContactPerson, CoordinationPoint, FreePlaces, Municipality, Organisation, ReachableHours, ServiceArea,
    Team,
};
use crate::codes::{CapacityStatus, CareType, CodeSet, NurseLevel, OrganisationKind, TimeOfDay, Weekday};
use crate::error::Problems;
use crate::ids::{AgbCode, Id, KvkNumber, MunicipalityCode, Pc4, Pc6, UraNumber};

/// Schema tag of the registry document.
pub const REGISTRY_SCHEMA: &str = "wijknet.registry/v1";

/// The whole registry document as JSON sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryDoc {
    /// Always [`REGISTRY_SCHEMA`].
    pub schema: String,
    /// Data version: bumped by every change, checked by optimistic updates.
    #[serde(default)]
    pub version: u64,
    /// Municipalities and their PC4 areas.
    #[serde(default)]
    pub municipalities: Vec<MunicipalityDoc>,
    /// Organisations.
    #[serde(default)]
    pub organisations: Vec<OrganisationDoc>,
    /// Teams.
    #[serde(default)]
    pub teams: Vec<TeamDoc>,
    /// Coordination points.
    #[serde(default)]
    pub coordination_points: Vec<CoordinationPointDoc>,
}

/// A municipality entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityDoc {
    /// CBS code `GM0153`.
    pub code: String,
    /// Name.
    pub name: String,
    /// PC4 areas.
    pub pc4: Vec<String>,
}

/// An organisation entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationDoc {
    /// Registry id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Organisation kind code.
    pub kind: String,
    /// AGB code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agb: Option<String>,
    /// URA number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ura: Option<String>,
    /// KvK number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kvk: Option<String>,
    /// Contracted insurers (organisation ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contracted_insurers: Vec<String>,
    /// Fixed contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactDoc>,
}

/// A contact person entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactDoc {
    /// Name of the professional.
    pub name: String,
    /// Role.
    pub role: String,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Reachable hours.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<HoursDoc>,
}

/// Reachable hours entry: days and a local time window `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursDoc {
    /// Weekday codes.
    pub days: Vec<String>,
    /// Start `HH:MM`.
    pub from: String,
    /// End `HH:MM`, after `from`.
    pub to: String,
}

/// A service area as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AreaDoc {
    /// PC4 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pc4: Vec<String>,
    /// Inclusive PC4 ranges `["7511", "7515"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pc4_ranges: Vec<(String, String)>,
    /// PC6 codes included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pc6_include: Vec<String>,
    /// PC6 codes excluded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pc6_exclude: Vec<String>,
    /// Whole municipalities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub municipalities: Vec<String>,
}

/// A team entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamDoc {
    /// Registry id.
    pub id: String,
    /// Owning organisation id.
    pub organisation: String,
    /// Name.
    pub name: String,
    /// Service area.
    pub area: AreaDoc,
    /// Care type codes.
    pub care_types: Vec<String>,
    /// Highest nurse level code.
    pub max_nurse_level: String,
    /// Time-of-day codes.
    pub times_of_day: Vec<String>,
    /// Current capacity.
    pub capacity: CapacityDoc,
    /// Fixed contact persons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactDoc>,
}

/// Capacity entry; also the body of a capacity update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityDoc {
    /// Capacity status code.
    pub status: String,
    /// Free places per care type code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub free_places: BTreeMap<String, u32>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest_start: Option<String>,
    /// RFC 3339 instant.
    pub updated_at: String,
    /// Capacity version (0 when never updated through wijknet).
    #[serde(default)]
    pub version: u64,
}

/// A coordination point entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoordinationPointDoc {
    /// Registry id.
    pub id: String,
    /// Organisation running it.
    pub organisation: String,
    /// Name.
    pub name: String,
    /// Area it is accountable for.
    pub area: AreaDoc,
    /// Whom to call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactDoc>,
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
}

/// Small helpers that parse one value and record a problem at `path` when it is wrong. Paths
/// are `Display` values (usually `format_args!`) so that text is only built for a problem.
pub(crate) struct Checker<'p> {
    pub problems: &'p mut Problems,
}

impl Checker<'_> {
    pub fn id(&mut self, path: impl std::fmt::Display + Copy, s: &str) -> Option<Id> {
        self.record(path, Id::parse(s))
    }
    pub fn code<T>(
        &mut self,
        path: impl std::fmt::Display + Copy,
        r: Result<T, crate::codes::UnknownCode>,
    ) -> Option<T> {
        self.record(path, r)
    }
    pub fn record<T, E: std::fmt::Display>(
        &mut self,
        path: impl std::fmt::Display + Copy,
        r: Result<T, E>,
    ) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.problems.push(path.to_string(), e.to_string());
                None
            }
        }
    }
    pub fn codes<T: crate::codes::Code>(
        &mut self,
        path: impl std::fmt::Display + Copy,
        list: &[String],
        parse: impl Fn(&str) -> Result<T, crate::codes::UnknownCode>,
    ) -> CodeSet<T> {
        let mut set = CodeSet::empty();
        for (i, s) in list.iter().enumerate() {
            if let Some(c) = self.code(format_args!("{path}[{i}]"), parse(s)) {
                if set.contains(c) {
                    self.problems.push(format!("{path}[{i}]"), format!("duplicate code `{s}`"));
                }
                set.insert(c);
            }
        }
        set
    }
    pub fn date(&mut self, path: impl std::fmt::Display + Copy, s: &str) -> Option<NaiveDate> {
        self.record(
            path,
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("expected a date `YYYY-MM-DD`, got `{s}`")),
        )
    }
    pub fn instant(&mut self, path: impl std::fmt::Display + Copy, s: &str) -> Option<DateTime<Utc>> {
        self.record(
            path,
            DateTime::parse_from_rfc3339(s)
                .map(|d| d.with_timezone(&Utc))
                .map_err(|_| format!("expected an RFC 3339 instant such as `2026-11-20T08:00:00Z`, got `{s}`")),
        )
    }
    fn time(&mut self, path: impl std::fmt::Display + Copy, s: &str) -> Option<NaiveTime> {
        let parsed = if s == "24:00" {
            Ok(NaiveTime::from_hms_opt(23, 59, 59).expect("valid"))
        } else {
            NaiveTime::parse_from_str(s, "%H:%M")
        };
        self.record(path, parsed.map_err(|_| format!("expected a time `HH:MM`, got `{s}`")))
    }
    pub fn text(&mut self, path: impl std::fmt::Display + Copy, s: &str, max: usize) {
        if s.trim().is_empty() {
            self.problems.push(path.to_string(), "must not be empty");
        } else if s.chars().count() > max {
            self.problems.push(path.to_string(), format!("longer than {max} characters"));
        }
    }

    pub fn contact(&mut self, path: impl std::fmt::Display + Copy, c: &ContactDoc) -> Option<ContactPerson> {
        self.text(format_args!("{path}.name"), &c.name, 200);
        self.text(format_args!("{path}.role"), &c.role, 200);
        if let Some(p) = &c.phone {
            let ok = !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit() || " +-()".contains(ch));
            if !ok {
                self.problems.push(format!("{path}.phone"), "a phone number has digits, spaces and `+-()` only");
            }
        }
        if let Some(e) = &c.email {
            if !e.contains('@') || e.len() > 254 {
                self.problems.push(format!("{path}.email"), format!("`{e}` is not an e-mail address"));
            }
        }
        let mut hours = Vec::new();
        for (i, h) in c.hours.iter().enumerate() {
            let hp = format!("{path}.hours[{i}]");
            let days = self.codes(format_args!("{hp}.days"), &h.days, Weekday::from_code);
            if h.days.is_empty() {
                self.problems.push(format!("{hp}.days"), "names no day");
            }
            let from = self.time(format_args!("{hp}.from"), &h.from);
            let to = self.time(format_args!("{hp}.to"), &h.to);
            if let (Some(from), Some(to)) = (from, to) {
                if to <= from {
                    self.problems.push(format!("{hp}.to"), format!("ends at {} before it starts at {}", h.to, h.from));
                } else {
                    hours.push(ReachableHours { days, from, to });
                }
            }
        }
        Some(ContactPerson {
            name: c.name.clone(),
            role: c.role.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            hours,
        })
    }

    pub fn area(
        &mut self,
        path: impl std::fmt::Display + Copy,
        a: &AreaDoc,
        municipalities: &HashMap<MunicipalityCode, Vec<Pc4>>,
    ) -> ServiceArea {
        let mut area = ServiceArea::default();
        for (i, s) in a.pc4.iter().enumerate() {
            if let Some(p) = self.record(format_args!("{path}.pc4[{i}]"), Pc4::parse(s)) {
                area.pc4.push(p);
            }
        }
        for (i, (lo, hi)) in a.pc4_ranges.iter().enumerate() {
            let lo_p = self.record(format_args!("{path}.pc4_ranges[{i}][0]"), Pc4::parse(lo));
            let hi_p = self.record(format_args!("{path}.pc4_ranges[{i}][1]"), Pc4::parse(hi));
            if let (Some(l), Some(h)) = (lo_p, hi_p) {
                if h < l {
                    self.problems
                        .push(format!("{path}.pc4_ranges[{i}]"), format!("range is inverted: `{lo}` is after `{hi}`"));
                } else {
                    area.pc4_ranges.push((l, h));
                }
            }
        }
        for (i, s) in a.pc6_include.iter().enumerate() {
            if let Some(p) = self.record(format_args!("{path}.pc6_include[{i}]"), Pc6::parse(s)) {
                area.pc6_include.push(p);
            }
        }
        for (i, s) in a.pc6_exclude.iter().enumerate() {
            if let Some(p) = self.record(format_args!("{path}.pc6_exclude[{i}]"), Pc6::parse(s)) {
                area.pc6_exclude.push(p);
            }
        }
        for (i, s) in a.municipalities.iter().enumerate() {
            let mp = format!("{path}.municipalities[{i}]");
            if let Some(m) = self.record(&mp, MunicipalityCode::parse(s)) {
                if municipalities.contains_key(&m) {
                    area.municipalities.push(m);
                } else {
                    self.problems.push(mp, format!("unknown municipality `{s}`: add it to `municipalities`"));
                }
            }
        }
        let total = a.pc4.len() + a.pc4_ranges.len() + a.pc6_include.len() + a.municipalities.len();
        if total == 0 {
            self.problems.push(
                path.to_string(),
                "covers no postcode: give `pc4`, `pc4_ranges`, `pc6_include` or `municipalities`",
            );
        }
        area.expanded = expand(&area, municipalities);
        area
    }
}

/// The sorted, deduplicated PC4 set an area covers as a whole.
pub(crate) fn expand(area: &ServiceArea, municipalities: &HashMap<MunicipalityCode, Vec<Pc4>>) -> Vec<Pc4> {
    let mut out: Vec<Pc4> = area.pc4.clone();
    for (lo, hi) in &area.pc4_ranges {
        out.extend((lo.get()..=hi.get()).map(|n| Pc4::new(n).expect("inside a valid range")));
    }
    for m in &area.municipalities {
        if let Some(list) = municipalities.get(m) {
            out.extend_from_slice(list);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn check_unique<'a>(problems: &mut Problems, what: &str, list: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            problems.push(format!("{list}[{i}].id"), format!("duplicate {what} `{id}`"));
        }
    }
}

pub(crate) fn capacity_from_doc(
    c: &mut Checker<'_>,
    path: impl std::fmt::Display + Copy,
    doc: &CapacityDoc,
) -> Option<Capacity> {
    let status = c.code(format_args!("{path}.status"), CapacityStatus::from_code(&doc.status));
    let mut free = FreePlaces::default();
    for (code, n) in &doc.free_places {
        if let Some(care) = c.code(format_args!("{path}.free_places.{code}"), CareType::from_code(code)) {
            free.set(care, Some(*n));
        }
    }
    let earliest = doc.earliest_start.as_deref().and_then(|s| c.date(format_args!("{path}.earliest_start"), s));
    let updated = c.instant(format_args!("{path}.updated_at"), &doc.updated_at);
    Some(Capacity {
        status: status?,
        free_places: free,
        earliest_start: earliest,
        updated_at: updated?,
        version: doc.version,
    })
}

impl RegistryDoc {
    /// Validates the whole document and builds the typed parts; every problem is reported.
    pub(crate) fn validate(&self) -> crate::Result<Parts> {
        let mut problems = Problems::new();
        let mut c = Checker { problems: &mut problems };

        // Municipalities first: areas refer to them.
        let mut municipalities = Vec::new();
        let mut muni_map: HashMap<MunicipalityCode, Vec<Pc4>> = HashMap::new();
        for (i, m) in self.municipalities.iter().enumerate() {
            let path = format!("municipalities[{i}]");
            let code = c.record(format_args!("{path}.code"), MunicipalityCode::parse(&m.code));
            c.text(format_args!("{path}.name"), &m.name, 200);
            let mut pc4: Vec<Pc4> = Vec::new();
            for (j, s) in m.pc4.iter().enumerate() {
                if let Some(p) = c.record(format_args!("{path}.pc4[{j}]"), Pc4::parse(s)) {
                    pc4.push(p);
                }
            }
            pc4.sort_unstable();
            pc4.dedup();
            if let Some(code) = code {
                if muni_map.insert(code, pc4.clone()).is_some() {
                    c.problems.push(format!("{path}.code"), format!("duplicate municipality `{}`", m.code));
                }
                municipalities.push(Municipality { code, name: m.name.clone(), pc4 });
            }
        }

        check_unique(c.problems, "organisation id", "organisations", self.organisations.iter().map(|o| o.id.as_str()));
        check_unique(c.problems, "team id", "teams", self.teams.iter().map(|t| t.id.as_str()));
        check_unique(
            c.problems,
            "coordination point id",
            "coordination_points",
            self.coordination_points.iter().map(|t| t.id.as_str()),
        );
        let org_kinds: HashMap<&str, Option<OrganisationKind>> =
            self.organisations.iter().map(|o| (o.id.as_str(), OrganisationKind::from_code(&o.kind).ok())).collect();

        let mut organisations = Vec::with_capacity(self.organisations.len());
        for (i, o) in self.organisations.iter().enumerate() {
            let path = format!("organisations[{i}]");
            let id = c.id(format_args!("{path}.id"), &o.id);
            c.text(format_args!("{path}.name"), &o.name, 200);
            let kind = c.code(format_args!("{path}.kind"), OrganisationKind::from_code(&o.kind));
            let agb = o.agb.as_deref().and_then(|s| c.record(format_args!("{path}.agb"), AgbCode::parse(s)));
            let ura = o.ura.as_deref().and_then(|s| c.record(format_args!("{path}.ura"), UraNumber::parse(s)));
            let kvk = o.kvk.as_deref().and_then(|s| c.record(format_args!("{path}.kvk"), KvkNumber::parse(s)));
            let mut insurers = Vec::new();
            for (j, s) in o.contracted_insurers.iter().enumerate() {
                let ip = format!("{path}.contracted_insurers[{j}]");
                match org_kinds.get(s.as_str()) {
                    None => c.problems.push(ip, format!("unknown organisation `{s}`")),
                    Some(Some(OrganisationKind::Insurer)) => {
                        if let Some(id) = c.id(&ip, s) {
                            insurers.push(id);
                        }
                    }
                    Some(_) => c.problems.push(ip, format!("organisation `{s}` is not an insurer")),
                }
            }
            let contact = o.contact.as_ref().and_then(|ct| c.contact(format_args!("{path}.contact"), ct)).map(Arc::new);
            if let (Some(id), Some(kind)) = (id, kind) {
                organisations.push(Organisation {
                    id,
                    name: o.name.clone(),
                    kind,
                    agb,
                    ura,
                    kvk,
                    contracted_insurers: insurers,
                    contact,
                });
            }
        }

        let mut teams = Vec::with_capacity(self.teams.len());
        let mut capacities = Vec::with_capacity(self.teams.len());
        for (i, t) in self.teams.iter().enumerate() {
            let path = format!("teams[{i}]");
            let id = c.id(format_args!("{path}.id"), &t.id);
            let org = if org_kinds.contains_key(t.organisation.as_str()) {
                c.id(format_args!("{path}.organisation"), &t.organisation)
            } else {
                c.problems.push(format!("{path}.organisation"), format!("unknown organisation `{}`", t.organisation));
                None
            };
            c.text(format_args!("{path}.name"), &t.name, 200);
            let area = c.area(format_args!("{path}.area"), &t.area, &muni_map);
            let care_types = c.codes(format_args!("{path}.care_types"), &t.care_types, CareType::from_code);
            if t.care_types.is_empty() {
                c.problems.push(format!("{path}.care_types"), "a team must deliver at least one care type");
            }
            let level = c.code(format_args!("{path}.max_nurse_level"), NurseLevel::from_code(&t.max_nurse_level));
            let times = c.codes(format_args!("{path}.times_of_day"), &t.times_of_day, TimeOfDay::from_code);
            if t.times_of_day.is_empty() {
                c.problems.push(format!("{path}.times_of_day"), "a team must work at least one time of day");
            }
            let capacity = capacity_from_doc(&mut c, format_args!("{path}.capacity"), &t.capacity);
            let contacts: Vec<_> = t
                .contacts
                .iter()
                .enumerate()
                .filter_map(|(j, ct)| c.contact(format_args!("{path}.contacts[{j}]"), ct).map(Arc::new))
                .collect();
            if let (Some(id), Some(organisation), Some(max_nurse_level), Some(capacity)) = (id, org, level, capacity) {
                teams.push(Team {
                    id,
                    organisation,
                    name: t.name.clone(),
                    area,
                    care_types,
                    max_nurse_level,
                    times_of_day: times,
                    contacts,
                });
                capacities.push(capacity);
            }
        }

        let mut coordination_points = Vec::new();
        for (i, p) in self.coordination_points.iter().enumerate() {
            let path = format!("coordination_points[{i}]");
            let id = c.id(format_args!("{path}.id"), &p.id);
            let org = if org_kinds.contains_key(p.organisation.as_str()) {
                c.id(format_args!("{path}.organisation"), &p.organisation)
            } else {
                c.problems.push(format!("{path}.organisation"), format!("unknown organisation `{}`", p.organisation));
                None
            };
            c.text(format_args!("{path}.name"), &p.name, 200);
            let area = c.area(format_args!("{path}.area"), &p.area, &muni_map);
            let contact = p.contact.as_ref().and_then(|ct| c.contact(format_args!("{path}.contact"), ct)).map(Arc::new);
            if let (Some(id), Some(organisation)) = (id, org) {
                coordination_points.push(CoordinationPoint { id, organisation, name: p.name.clone(), area, contact });
            }
        }

        problems.finish("registry", || Parts {
            version: self.version,
            municipalities,
            organisations,
            teams,
            capacities,
            coordination_points,
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
                from: h.from.format("%H:%M").to_string(),
                to: if h.to == NaiveTime::from_hms_opt(23, 59, 59).expect("valid") {
                    "24:00".to_owned()
                } else {
                    h.to.format("%H:%M").to_string()
                },
            })
            .collect(),
    }
}

pub(crate) fn area_doc(a: &ServiceArea) -> AreaDoc {
    AreaDoc {
        pc4: a.pc4.iter().map(|p| p.to_string()).collect(),
        pc4_ranges: a.pc4_ranges.iter().map(|(l, h)| (l.to_string(), h.to_string())).collect(),
        pc6_include: a.pc6_include.iter().map(|p| p.to_string()).collect(),
        pc6_exclude: a.pc6_exclude.iter().map(|p| p.to_string()).collect(),
        municipalities: a.municipalities.iter().map(|m| m.to_string()).collect(),
    }
}

/// RFC 3339 with `Z` and seconds, the canonical instant form of every wijknet document.
pub(crate) fn instant_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

pub(crate) fn capacity_doc(c: &Capacity) -> CapacityDoc {
    CapacityDoc {
        status: c.status.code().to_owned(),
        free_places: c.free_places.iter().map(|(k, n)| (k.code().to_owned(), n)).collect(),
        earliest_start: c.earliest_start.map(|d| d.format("%Y-%m-%d").to_string()),
        updated_at: instant_text(&c.updated_at),
        version: c.version,
    }
}

pub(crate) fn organisation_doc(o: &Organisation) -> OrganisationDoc {
    OrganisationDoc {
        id: o.id.to_string(),
        name: o.name.clone(),
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
        name: t.name.clone(),
        area: area_doc(&t.area),
        care_types: t.care_types.iter().map(|x| x.code().to_owned()).collect(),
        max_nurse_level: t.max_nurse_level.code().to_owned(),
        times_of_day: t.times_of_day.iter().map(|x| x.code().to_owned()).collect(),
        capacity: capacity_doc(c),
        contacts: t.contacts.iter().map(|x| contact_doc(x)).collect(),
    }
}

impl crate::error::SchemaTagged for RegistryDoc {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}
