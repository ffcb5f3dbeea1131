//! The provider registry: who delivers which care where, with what capacity, and whom to call.
//!
//! A [`Registry`] is an immutable value, `Send + Sync`, cheap to clone (shared internals), so
//! many threads can match against it at once. Changing capacity produces a new value that shares
//! everything else with the old one (see [`Registry::update_capacity`]). A [`SharedRegistry`]
//! holds a host's current value and installs updates by compare-and-swap, so that two writers
//! cannot both win.

mod capacity;
mod chunked;
pub(crate) mod document;
pub(crate) mod index;
mod model;
mod pc4set;
mod read;
mod records;
mod shared;

use std::collections::HashMap;
use std::sync::Arc;

pub use capacity::{CapacityUpdate, CapacityUpdateDoc, CapacityUpdateInput};
pub use document::{
    AreaDoc, CapacityDoc, ContactDoc, CoordinationPointDoc, HoursDoc, MunicipalityDoc, OrganisationChange,
    OrganisationDoc, REGISTRY_SCHEMA, RegistryDoc, TeamChange, TeamDoc,
};
pub(crate) use document::{area_doc, contact_doc};
pub use model::{
    Capacity, ContactPerson, CoordinationPoint, Coverage, FreePlaces, Municipality, Organisation, Pc4Range,
    ReachableHours, ServiceArea, Team,
};
pub use pc4set::Pc4Set;
use records::{OrganisationStore, TeamStore};
pub use records::{Organisations, Records, RecordsIter, Teams, TeamsIter};
pub use shared::SharedRegistry;

use chrono::{NaiveTime, Timelike};

use crate::codes::{CareType, CodeSet, Language, NurseLevel, OrganisationKind, TimeOfDay, Weekday};
use crate::error::{Error, Problem, Result};
use crate::ids::{Id, Location, MunicipalityCode, Pc4};
pub(crate) use capacity::CapacityRules;
use capacity::CapacityTable;
use chunked::Chunked;
use index::Pc4Index;

/// Position of a team in the registry (stable for one registry value and all values derived from
/// it by capacity updates).
pub type TeamIndex = u32;

/// The registry's structure. Each part a change of teams can leave as it is sits behind its own
/// `Arc`, and each team behind its own, so that [`Registry::replace_teams`] copies pointers,
/// not the country.
#[derive(Debug, Clone)]
struct Shared {
    municipalities: Arc<Vec<Municipality>>,
    /// Each municipality's PC4s by code: what a team's area is checked and expanded against
    /// when a change of teams reads it.
    municipality_pc4: Arc<HashMap<MunicipalityCode, Vec<Pc4>>>,
    organisations: OrganisationStore,
    org_by_id: Arc<HashMap<Id, u32>>,
    teams: TeamStore,
    team_by_id: Arc<HashMap<Id, u32>>,
    /// The ids of teams added since `team_by_id` was made ([`Registry::add_teams`]), looked up
    /// after it: a new team copies this small map, not the country's, until it grows to an
    /// eighth of the other and the two are made one.
    added_team_by_id: Arc<HashMap<Id, u32>>,
    /// The team positions in the byte order of their ids: where a new team's id rank is found
    /// ([`Registry::add_teams`]).
    team_order: Arc<Vec<u32>>,
    team_org: Arc<Vec<u32>>,
    /// Each organisation's team positions, ascending; chunked, so that a new team copies the
    /// chunk of its organisation's list, not every organisation's.
    org_teams: Chunked<Vec<u32>>,
    coordination_points: Arc<Vec<CoordinationPoint>>,
    /// PC4 -> the coordination points whose area touches it: the one accountable for a client
    /// is found among those, not by reading every point's area (a client no team can take).
    coordination_index: Arc<Pc4Index>,
    team_index: Arc<Pc4Index>,
    /// Beside each entry of `team_index`: whether that team covers that PC4 as a whole (bit k of
    /// the flat entry list), so matching knows the answer of the area rule for most teams
    /// without reading the team's area at all.
    team_whole: Arc<Vec<u64>>,
    /// The positions of the first 64 insurers, by their bit in
    /// [`TeamRules::insurer_contracts`]: ascending, as the bits go to insurers in the order of
    /// the organisations.
    slotted_insurers: Arc<Vec<u32>>,
    /// (team, PC4) pairs of all areas, as the loader counts them against
    /// [`document::MAX_COVERAGE_PAIRS`]: a change of teams is held to the same limit.
    coverage_pairs: usize,
}

/// What matching reads of one team, gathered at load into one record: the rule data, the ids
/// an exclusion names, the fixed contact person with the hours to tell whether they can be
/// reached now, and the team's current capacity as the rules read it.
///
/// Matching examines every team touching a client's PC4, and each record it reads from another
/// part of memory costs a cache miss: read from the [`Team`], its area's list on the heap, the
/// [`Organisation`] and its list of contracts, the contact's hours and the [`Capacity`], the
/// rules cost five to eight misses per team; read from here, one. The records live in the
/// capacity table, chunk by chunk, so that a capacity update copies one chunk of 16 records and
/// readers of the old registry keep theirs.
// Two cache lines, aligned; `repr(C)` fixes the order. The first line holds the rule data and
// the id rank (what an eligible team needs); the second what an exclusion names: the ids, the
// organisation's position and whether the area lists streets, with the contact. A team of a
// provider the request names that does not touch the client's PC4 is excluded from the second
// line alone (the client refuses the provider, or the area cannot include the location), so that
// matching starts only that line on its way into the cache for such a team
// ([`TeamRules::touch_names`]) and both for a team touching the PC4 ([`TeamRules::touch`]).
#[derive(Debug, Clone)]
#[repr(C, align(64))]
pub(crate) struct TeamRules {
    /// Bit `s` set when the organisation contracts the insurer in slot `s`
    /// ([`Registry::insurer_slot_at`]); insurers beyond 64 are checked against the organisation.
    pub insurer_contracts: u64,
    /// Care it delivers itself.
    pub care_types: CodeSet<CareType>,
    /// Languages its nurses speak.
    pub languages: CodeSet<Language>,
    /// Parts of the day it works itself.
    pub times_of_day: CodeSet<TimeOfDay>,
    /// The current capacity, as the rules read it.
    pub capacity: CapacityRules,
    /// Highest nurse level.
    pub max_nurse_level: NurseLevel,
    /// The organisation is an insurer (its own teams are never "not contracted").
    pub organisation_is_insurer: bool,
    /// The team's place when all team ids are sorted in byte order, as a number that compares
    /// as the ids do: matching's last tie-break as an integer compare instead of a string
    /// compare. The numbers are spaced apart ([`spaced_ranks`]) so that a new team's rank fits
    /// between its neighbours' without renumbering the others.
    pub id_rank: u32,
    /// The rest of the first line: the ids start the second.
    pub(crate) _first_line: [u8; 12],
    /// The team's id: what an exclusion names.
    pub id: Id,
    /// The organisation's id.
    pub organisation_id: Id,
    /// The fixed contact person: the team's first, else the organisation's.
    pub contact: Option<Arc<ContactPerson>>,
    /// That person's hours, when they fit here.
    pub contact_hours: CompactHours,
    /// Position of the team's organisation.
    pub organisation: u32,
    /// The area lists streets (PC6) included or excluded: a PC6 location needs the area itself.
    pub streets: bool,
}

// Two cache lines, not three: the rule data in the first, what an exclusion names in the second.
const _: () = assert!(std::mem::size_of::<TeamRules>() == 128);
const _: () = assert!(std::mem::offset_of!(TeamRules, id_rank) + 4 <= 64);
const _: () = assert!(std::mem::offset_of!(TeamRules, id) == 64);

impl TeamRules {
    /// A value read from each of the record's two cache lines. Matching calls it for every team
    /// it will examine before examining any: the loads depend on nothing, so the processor has
    /// the misses of many records in flight at once, where the rules, branching on each record,
    /// would take them about one at a time. The caller combines the values and passes them to
    /// [`std::hint::black_box`] so that the loads are not dropped.
    #[inline]
    pub(crate) fn touch(&self) -> u64 {
        self.insurer_contracts ^ u64::from(self.organisation)
    }

    /// As [`TeamRules::touch`], for the second line only: a named provider's team away from the
    /// client's PC4.
    #[inline]
    pub(crate) fn touch_names(&self) -> u64 {
        u64::from(self.organisation)
    }
}

impl TeamRules {
    /// The record of team `t` of organisation `org` (at position `o`).
    fn of(t: &Team, o: u32, org: &Organisation, capacity: &Capacity, id_rank: u32, insurer_contracts: u64) -> Self {
        let contact = t.contacts.first().cloned().or_else(|| org.contact.clone());
        TeamRules {
            contact_hours: CompactHours::of(contact.as_deref()),
            contact,
            capacity: CapacityRules::of(capacity),
            care_types: t.care_types,
            languages: t.languages,
            times_of_day: t.times_of_day,
            max_nurse_level: t.max_nurse_level,
            streets: !t.area.pc6_include.is_empty() || !t.area.pc6_exclude.is_empty(),
            organisation_is_insurer: org.kind == OrganisationKind::Insurer,
            organisation: o,
            id: t.id.clone(),
            id_rank,
            organisation_id: org.id.clone(),
            insurer_contracts,
            _first_line: [0; 12],
        }
    }
}

#[cfg(test)]
impl TeamRules {
    /// A team of nobody with this capacity, for the capacity table's own tests.
    pub(crate) fn for_capacity(capacity: &Capacity) -> Self {
        let id = Id::parse("t").expect("valid");
        Self {
            care_types: CodeSet::empty(),
            languages: CodeSet::empty(),
            times_of_day: CodeSet::empty(),
            max_nurse_level: NurseLevel::Level3,
            streets: false,
            organisation_is_insurer: false,
            organisation: 0,
            insurer_contracts: 0,
            id: id.clone(),
            id_rank: 0,
            organisation_id: id,
            contact: None,
            contact_hours: CompactHours::of(None),
            capacity: CapacityRules::of(capacity),
            _first_line: [0; 12],
        }
    }
}

/// Up to two weekly windows of a contact person's hours in 16 bytes, so that "reachable now"
/// needs no read of the person's record. A person with more windows (or hours finer than a
/// second) is asked directly ([`ContactPerson::reachable_at`]).
///
/// Each window is one `u64`: weekday bits in bits 0 to 6, the first second of the day in bits
/// 8 to 24 and the end second (exclusive) in bits 32 to 48; an unused window is 0 (no days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CompactHours([u64; 2]);

impl CompactHours {
    /// Marks "ask the person" (no window has all bits set).
    const ASK_PERSON: u64 = u64::MAX;

    fn of(contact: Option<&ContactPerson>) -> Self {
        let Some(c) = contact else { return Self([0; 2]) };
        if c.hours.len() > 2 || c.hours.iter().any(|h| h.from.nanosecond() != 0 || h.to.nanosecond() != 0) {
            return Self([Self::ASK_PERSON, 0]);
        }
        let mut w = [0u64; 2];
        for (slot, h) in w.iter_mut().zip(&c.hours) {
            *slot = u64::from(h.days.bits() & 0x7f)
                | u64::from(h.from.num_seconds_from_midnight()) << 8
                | u64::from(h.to.num_seconds_from_midnight()) << 32;
        }
        Self(w)
    }

    /// Whether the person (`contact`, whose hours these are) is reachable on `day` at `time`,
    /// as [`ContactPerson::reachable_at`] answers.
    pub fn reachable(&self, contact: Option<&ContactPerson>, day: Weekday, time: NaiveTime) -> bool {
        if self.0[0] == Self::ASK_PERSON {
            return contact.is_some_and(|c| c.reachable_at(day, time));
        }
        // The windows' ends are whole seconds, so comparing `time` with them is comparing its
        // whole second (whatever its fraction).
        let (bit, second) = (1u64 << day.index(), u64::from(time.num_seconds_from_midnight()));
        self.0.iter().any(|&w| w & bit != 0 && (w >> 8) & 0x1_ffff <= second && second < (w >> 32) & 0x1_ffff)
    }
}

/// The registry of organisations, teams, service areas, capacity and contact persons.
#[derive(Debug, Clone)]
pub struct Registry {
    shared: Arc<Shared>,
    capacity: CapacityTable,
    version: u64,
}

impl Registry {
    /// Loads, validates and indexes a `wijknet.registry/v1` JSON document. Structural JSON errors
    /// stop at the first; rule violations are all reported at once.
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        Self::from_json_with_progress(bytes, &mut crate::progress::Silent)
    }

    /// [`Registry::from_json`], reporting to `observer` and stopping with [`Error::Cancelled`]
    /// when it asks to. Three steps, each one piece of work reported at its start and end:
    /// `read` (bytes), `check` and `index` (teams). A national document (thousands of teams)
    /// loads in a fraction of a second; the reports let a host show that it is busy and stop
    /// between steps.
    pub fn from_json_with_progress(bytes: &[u8], observer: &mut dyn crate::progress::Observer) -> Result<Self> {
        use crate::progress::{ProgressStep, whole};
        // Read and checked in one pass, team by team ([`read`]): the text of a team is borrowed
        // from `bytes` where the JSON allows it (a national document is a million short
        // strings) and dropped as soon as the team is checked. The check step reports the teams
        // checked during the read, and is where the problems are turned into the answer.
        let checked: read::Checked<'_> = whole(observer, ProgressStep::Read, bytes.len() as u64, || {
            crate::input::read_document(bytes, "registry", REGISTRY_SCHEMA)
        })?;
        let teams = checked.loader.teams_read() as u64;
        let parts = whole(observer, ProgressStep::Check, teams, || checked.loader.finish())?;
        whole(observer, ProgressStep::Index, teams, || Ok(Self::index(parts)))
    }

    /// Loads a registry document given as values, as [`Registry::from_json`] loads its JSON text.
    ///
    /// The values are anything a serde `Deserializer` reads (a binding's deserializer over its
    /// host language's dicts and lists, or a `&serde_json::Value`): read as strictly as the JSON
    /// text, with the same answer and the same errors.
    pub fn from_values<'de, D: serde::Deserializer<'de> + Clone>(values: D) -> Result<Self> {
        let doc: RegistryDoc = crate::input::read_document_values(values, "registry", REGISTRY_SCHEMA)?;
        Self::from_doc(&doc)
    }

    /// Validates and indexes an already parsed document. Its texts are anything that reads as a
    /// `str` (a `String`, or a `Cow<str>` borrowing from what the document was read from, so
    /// that a reader of another format, such as FHIR, need not copy every text only to drop it).
    pub fn from_doc<S: std::ops::Deref<Target = str>>(doc: &RegistryDoc<S>) -> Result<Self> {
        Self::from_any_doc(doc, &mut crate::progress::Silent)
    }

    fn from_any_doc<S: std::ops::Deref<Target = str>>(
        doc: &RegistryDoc<S>,
        observer: &mut dyn crate::progress::Observer,
    ) -> Result<Self> {
        use crate::progress::{ProgressStep, whole};
        let teams = doc.teams.len() as u64;
        if &*doc.schema != REGISTRY_SCHEMA {
            return Err(Error::Schema {
                document: "registry",
                found: crate::input::schema_shown(&doc.schema),
                expected: REGISTRY_SCHEMA,
            });
        }
        let parts = whole(observer, ProgressStep::Check, teams, || doc.validate())?;
        whole(observer, ProgressStep::Index, teams, || Ok(Self::index(parts)))
    }

    /// The indexes matching uses, built from a checked document's parts.
    fn index(parts: document::Parts) -> Self {
        let org_by_id: HashMap<Id, u32> =
            parts.organisations.iter().enumerate().map(|(i, o)| (o.id.clone(), i as u32)).collect();
        // Built while the teams were checked (the duplicate check needs it anyway).
        let team_by_id = parts.team_by_id;
        let mut org_teams = vec![Vec::new(); parts.organisations.len()];
        let team_org: Vec<u32> = parts
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let o = org_by_id[&t.organisation];
                org_teams[o as usize].push(i as u32);
                o
            })
            .collect();
        let team_index = Pc4Index::build(parts.teams.iter().map(|t| t.area.touched_pc4()));
        let mut team_whole = Vec::new();
        let mut k = 0usize;
        for (pc4, teams) in team_index.iter_slots() {
            for &t in teams {
                if k % 64 == 0 {
                    team_whole.push(0u64);
                }
                if parts.teams[t as usize].area.expanded.contains(pc4) {
                    team_whole[k / 64] |= 1 << (k % 64);
                }
                k += 1;
            }
        }
        let slotted_insurers: Vec<u32> = parts
            .organisations
            .iter()
            .enumerate()
            .filter(|(_, o)| o.kind == OrganisationKind::Insurer)
            .take(64)
            .map(|(i, _)| i as u32)
            .collect();
        // Per organisation, not per team: a provider with many teams names the same insurers.
        let insurer_masks: Vec<u64> =
            parts.organisations.iter().map(|org| insurer_mask(org, &org_by_id, &slotted_insurers)).collect();
        let mut team_order: Vec<u32> = (0..parts.teams.len() as u32).collect();
        team_order.sort_unstable_by(|a, b| parts.teams[*a as usize].id.cmp(&parts.teams[*b as usize].id));
        let id_rank = spaced_ranks(&team_order);
        let team_rules: Vec<TeamRules> = parts
            .teams
            .iter()
            .zip(&team_org)
            .zip(&parts.capacities)
            .zip(id_rank)
            .map(|(((t, &o), capacity), id_rank)| {
                TeamRules::of(t, o, &parts.organisations[o as usize], capacity, id_rank, insurer_masks[o as usize])
            })
            .collect();
        let coverage_pairs = parts
            .teams
            .iter()
            .map(|t| &t.area)
            .chain(parts.coordination_points.iter().map(|p| &p.area))
            .map(|a| a.expanded.len() + a.pc6_include.len())
            .sum();
        Self {
            shared: Arc::new(Shared {
                municipality_pc4: Arc::new(parts.municipalities.iter().map(|m| (m.code, m.pc4.clone())).collect()),
                municipalities: Arc::new(parts.municipalities),
                organisations: OrganisationStore::new(parts.organisations),
                org_by_id: Arc::new(org_by_id),
                teams: TeamStore::new(parts.teams),
                team_by_id: Arc::new(team_by_id),
                added_team_by_id: Arc::default(),
                team_order: Arc::new(team_order),
                team_org: Arc::new(team_org),
                org_teams: Chunked::new(org_teams),
                coordination_index: Arc::new(Pc4Index::build(
                    parts.coordination_points.iter().map(|p| p.area.touched_pc4()),
                )),
                coordination_points: Arc::new(parts.coordination_points),
                team_index: Arc::new(team_index),
                team_whole: Arc::new(team_whole),
                slotted_insurers: Arc::new(slotted_insurers),
                coverage_pairs,
            }),
            capacity: CapacityTable::new(parts.capacities, team_rules),
            version: parts.version,
        }
    }

    /// The document this registry was loaded from, with current capacity: loading it again gives
    /// an equal registry.
    pub fn to_doc(&self) -> RegistryDoc {
        let s = &self.shared;
        RegistryDoc {
            schema: REGISTRY_SCHEMA.to_owned(),
            version: self.version,
            municipalities: s
                .municipalities
                .iter()
                .map(|m| MunicipalityDoc {
                    code: m.code.to_string(),
                    name: m.name.clone(),
                    pc4: m.pc4.iter().map(|p| p.to_string()).collect(),
                })
                .collect(),
            organisations: self.organisations().iter().map(document::organisation_doc).collect(),
            teams: self.teams().iter().enumerate().map(|(i, t)| document::team_doc(t, self.capacity.get(i))).collect(),
            coordination_points: s.coordination_points.iter().map(document::coordination_point_doc).collect(),
        }
    }

    /// The registry as a `wijknet.registry/v1` JSON document.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_doc()).expect("registry documents always serialise")
    }

    /// Data version: the document's `version`, plus one for every capacity update since.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// A new registry with one team's capacity replaced. Everything but one small capacity chunk
    /// is shared with `self`. Fails with [`Error::VersionConflict`] when the team's capacity has
    /// changed since the version the update names, [`Error::NotFound`] for an unknown team, and
    /// [`Error::Invalid`] when the team's capacity version or the registry's version is already
    /// `u64::MAX` (a version never wraps: a wrapped one would let a stale update through).
    ///
    /// Two updates applied to the same value with the same expected version both succeed here,
    /// each giving its own new value; to have the second one refused, apply updates through a
    /// [`SharedRegistry`].
    pub fn update_capacity(&self, update: &CapacityUpdate) -> Result<Self> {
        let (idx, capacity) = self.checked_update(update, |idx| self.capacity.get(idx).version)?;
        let version = next_version(self.version, "registry", "$.version", "registry")?;
        Ok(Self { shared: Arc::clone(&self.shared), capacity: self.capacity.with(idx, capacity), version })
    }

    /// One update checked against the team's capacity version as `current` gives it (the
    /// registry's, or what earlier updates of a batch left): the team's index and its new
    /// capacity, or the error [`Registry::update_capacity`] documents.
    fn checked_update(&self, update: &CapacityUpdate, current: impl Fn(usize) -> u64) -> Result<(usize, Capacity)> {
        let idx = self
            .team_index(update.team.as_str())
            .ok_or_else(|| Error::NotFound { kind: "team", id: update.team.to_string() })? as usize;
        let current = current(idx);
        if current != update.expected_version {
            return Err(Error::VersionConflict {
                what: "team capacity",
                id: update.team.to_string(),
                expected: update.expected_version,
                actual: current,
            });
        }
        let mut capacity = update.capacity.clone();
        capacity.version = next_version(current, "capacity update", "$.expected_version", "team capacity")?;
        Ok((idx, capacity))
    }

    /// A new registry with several capacity updates applied in order: the registry
    /// [`Registry::update_capacity`] would give applied to each in turn, each update checked
    /// against the capacity the updates before it left (so a second update of one team names
    /// the version the first one gave). The registry version goes up by one per update.
    ///
    /// Fails with the error of the first update that [`Registry::update_capacity`] would refuse
    /// at that point; then nothing is applied. One capacity chunk is copied per chunk the
    /// updates touch, instead of one chunk and the table of chunk pointers per update: a
    /// `_history` of a hundred changes to the national registry cost more in those copies than
    /// in everything else.
    pub fn update_capacities(&self, updates: &[CapacityUpdate]) -> Result<Self> {
        let mut changed: std::collections::BTreeMap<usize, Capacity> = std::collections::BTreeMap::new();
        let mut version = self.version;
        for update in updates {
            let (idx, capacity) = self.checked_update(update, |idx| {
                changed.get(&idx).map_or_else(|| self.capacity.get(idx).version, |c| c.version)
            })?;
            version = next_version(version, "registry", "$.version", "registry")?;
            changed.insert(idx, capacity);
        }
        if changed.is_empty() {
            return Ok(self.clone());
        }
        Ok(Self {
            shared: Arc::clone(&self.shared),
            capacity: self.capacity.with_all(changed.into_iter().collect()),
            version,
        })
    }

    /// A new registry with teams described anew. Each entry names a team of this registry by
    /// its document's id and replaces what the registry holds of it: name, area, care types,
    /// nurse level, times of day, languages, contacts and capacity (the area and the contacts
    /// kept as they are when the entry says so). The team keeps its position and its
    /// organisation; the registry version goes up by one per entry. The entries are applied in
    /// order, each to what the ones before it left (a team may be named more than once).
    ///
    /// This is how a directory's changes to existing teams (a FHIR `_history`, say) reach the
    /// registry without reading the whole country again: the teams not named are shared with
    /// `self`, and the postcode index is rebuilt only when an area changed, in one pass over it.
    /// A new or removed team, or a team that moves to another organisation, needs the registry
    /// loaded again.
    ///
    /// Capacity keeps its update discipline ([`Registry::update_capacity`]): an entry whose
    /// capacity `version` is the team's current one leaves the capacity as it is (and must give
    /// it as it is), one with the next version is a new capacity, any other version is
    /// [`Error::VersionConflict`]. An id that is no team of this registry is
    /// [`Error::NotFound`]. Otherwise every problem of every entry is reported at once as
    /// [`Error::Invalid`] of the `registry` at `$.teams[i]` (`i` the entry's position in
    /// `teams`), checked as a registry document's team is; nothing is applied on any error.
    ///
    /// The result is a registry of its own: agreements built for `self` still answer with it,
    /// by ids rather than positions, and are best built again for it.
    pub fn replace_teams<S: std::ops::Deref<Target = str>>(&self, teams: &[TeamChange<S>]) -> Result<Self> {
        if teams.is_empty() {
            return Ok(self.clone());
        }
        let municipalities = &*self.shared.municipality_pc4;
        let mut problems = crate::error::Problems::new();
        let mut changed: std::collections::BTreeMap<usize, (Team, Capacity)> = std::collections::BTreeMap::new();
        let mut version = self.version;
        let mut coverage_pairs = self.shared.coverage_pairs;
        for (i, change) in teams.iter().enumerate() {
            let doc = &change.team;
            let c = &mut crate::input::Checker { problems: &mut problems };
            let Some(id) = c.id(format_args!("$.teams[{i}].id"), &doc.id) else { continue };
            let idx = self
                .team_index(id.as_str())
                .ok_or_else(|| Error::NotFound { kind: "team", id: id.to_string() })? as usize;
            let (current, current_capacity) = match changed.get(&idx) {
                Some((t, c)) => (t, c),
                None => (self.shared.teams.get(idx), self.capacity.get(idx)),
            };
            if *doc.organisation != *current.organisation.as_str() {
                c.push(
                    format_args!("$.teams[{i}].organisation"),
                    "must be the team's own organisation: a team moves to another organisation when the registry is loaded again",
                );
            }
            // The pairs with this team's area as the entry gives it, kept only when it is valid.
            let mut pairs = coverage_pairs - (current.area.expanded.len() + current.area.pc6_include.len());
            let organisation = current.organisation.clone();
            let kept = document::Kept {
                area: change.same_area.then_some(&current.area),
                contacts: change.same_contacts.then_some(&current.contacts[..]),
            };
            let Some((team, capacity)) =
                c.team(i, doc, (Some(id), Some(organisation)), municipalities, &mut pairs, kept)
            else {
                continue;
            };
            coverage_pairs = pairs;
            let capacity = if capacity.version == current_capacity.version {
                if capacity != *current_capacity {
                    c.push(
                        format_args!("$.teams[{i}].capacity"),
                        "differs from the team's current capacity under the same version: a new capacity takes the next version",
                    );
                }
                current_capacity.clone()
            } else if Some(capacity.version) == current_capacity.version.checked_add(1) {
                capacity
            } else {
                return Err(Error::VersionConflict {
                    what: "team capacity",
                    id: team.id.to_string(),
                    expected: capacity.version.saturating_sub(1),
                    actual: current_capacity.version,
                });
            };
            version = next_version(version, "registry", "$.version", "registry")?;
            changed.insert(idx, (team, capacity));
        }
        problems.finish("registry", || ())?;

        let mut shared = Shared::clone(&self.shared);
        shared.coverage_pairs = coverage_pairs;
        if changed.iter().any(|(&idx, (t, _))| t.area != self.shared.teams.get(idx).area) {
            let mut marked = vec![0u64; self.shared.teams.len().div_ceil(64)];
            let mut touched = Pc4Index::no_slots();
            let mut touch = |p: Pc4| Pc4Index::mark_slot(&mut touched, p);
            let mut added: Vec<(Pc4, u32, bool)> = Vec::new();
            for (&idx, (t, _)) in &changed {
                marked[idx / 64] |= 1 << (idx % 64);
                self.shared.teams.get(idx).area.touched_pc4().for_each(&mut touch);
                t.area.touched_pc4().for_each(&mut touch);
                added.extend(t.area.touched_pc4().map(|p| (p, idx as u32, t.area.expanded.contains(p))));
            }
            added.sort_unstable();
            added.dedup();
            let (index, whole) =
                self.shared.team_index.with_changed(&self.shared.team_whole, &marked, &touched, &added, |t| t);
            shared.team_index = Arc::new(index);
            shared.team_whole = Arc::new(whole);
        }
        let mut records = Vec::with_capacity(changed.len());
        let mut replaced = Vec::with_capacity(changed.len());
        for (idx, (team, capacity)) in changed {
            let old = self.capacity.rules(idx);
            let o = old.organisation;
            let record = TeamRules::of(
                &team,
                o,
                self.shared.organisations.get(o as usize),
                &capacity,
                old.id_rank,
                old.insurer_contracts,
            );
            replaced.push((idx, team));
            records.push((idx, capacity, record));
        }
        shared.teams = shared.teams.with(replaced);
        Ok(Self { shared: Arc::new(shared), capacity: self.capacity.with_teams(records), version })
    }

    /// A new registry with teams added after the existing ones, in the order given: each entry
    /// a team document as the registry document writes it (its organisation one of this
    /// registry's, its id none of its teams'). The registry version goes up by one per team;
    /// the capacity is taken as the entry gives it, version and all.
    ///
    /// How a directory's new teams (a FHIR `_history` with a new HealthcareService, say) reach
    /// the registry without reading the whole country again: the other teams, organisations and
    /// coordination points are shared, the postcode index gains the new teams' entries in one
    /// pass over it, and the id maps are copied with the new ids added. A new team's id rank
    /// (matching's last tie-break) fits between its neighbours'; only when no number is left
    /// between them are the ranks of all teams spaced anew.
    ///
    /// Every problem of every entry is reported at once as [`Error::Invalid`] of the
    /// `registry` at `$.teams[i]` (`i` the entry's position), checked as a registry document's
    /// team is, with a duplicate id (of a team of this registry or an entry before it) and an
    /// unknown organisation among them; nothing is applied on any error. Agreements built for
    /// `self` still answer with the result, by ids, and are best built again for it.
    pub fn add_teams<S: std::ops::Deref<Target = str>>(&self, teams: &[TeamDoc<S>]) -> Result<Self> {
        if teams.is_empty() {
            return Ok(self.clone());
        }
        let s = &*self.shared;
        let mut problems = crate::error::Problems::new();
        let mut new: Vec<(Team, Capacity, u32)> = Vec::with_capacity(teams.len());
        let mut new_ids: std::collections::HashSet<Id> = std::collections::HashSet::new();
        let mut version = self.version;
        let mut coverage_pairs = s.coverage_pairs;
        for (i, doc) in teams.iter().enumerate() {
            let c = &mut crate::input::Checker { problems: &mut problems };
            let id = c.id(format_args!("$.teams[{i}].id"), &doc.id);
            if let Some(id) = &id {
                if self.team_index(id.as_str()).is_some() || !new_ids.insert(id.clone()) {
                    c.push(
                        format_args!("$.teams[{i}].id"),
                        format_args!("duplicate team id {}", crate::input::shown(&doc.id)),
                    );
                }
            }
            let org = s.org_by_id.get(&*doc.organisation).copied();
            if org.is_none() {
                c.push(
                    format_args!("$.teams[{i}].organisation"),
                    format_args!("unknown organisation {}", crate::input::shown(&doc.organisation)),
                );
            }
            let org_id = org.map(|o| s.organisations.get(o as usize).id.clone());
            let Some((team, capacity)) =
                c.team(i, doc, (id, org_id), &s.municipality_pc4, &mut coverage_pairs, document::Kept::default())
            else {
                continue;
            };
            version = next_version(version, "registry", "$.version", "registry")?;
            new.push((team, capacity, org.expect("checked above")));
        }
        problems.finish("registry", || ())?;

        let n = s.teams.len();
        let mut shared = Shared::clone(s);
        shared.coverage_pairs = coverage_pairs;
        // New ids go to the small map of added ones, or, once that would pass an eighth of the
        // other, both become one map.
        let merge = (s.added_team_by_id.len() + new.len()) * 8 > s.team_by_id.len();
        let mut team_by_id = if merge {
            let mut all = HashMap::clone(&s.team_by_id);
            all.extend(s.added_team_by_id.iter().map(|(id, &t)| (id.clone(), t)));
            all
        } else {
            HashMap::clone(&s.added_team_by_id)
        };
        let mut team_org = Vec::clone(&s.team_org);
        // Each organisation's new teams, by organisation (`Chunked::with` takes ascending
        // positions, each once).
        let mut by_org: std::collections::BTreeMap<usize, Vec<u32>> = std::collections::BTreeMap::new();
        let mut touched = Pc4Index::no_slots();
        let mut added: Vec<(Pc4, u32, bool)> = Vec::new();
        for (k, (team, _, o)) in new.iter().enumerate() {
            let pos = (n + k) as u32;
            team_by_id.insert(team.id.clone(), pos);
            team_org.push(*o);
            by_org.entry(*o as usize).or_default().push(pos);
            for p in team.area.touched_pc4() {
                Pc4Index::mark_slot(&mut touched, p);
                added.push((p, pos, team.area.expanded.contains(p)));
            }
        }
        let (order, mut ranks, renumber) = self.ranks_of_new(new.iter().map(|(t, _, _)| &t.id));
        let mut renumbered = Vec::new();
        if renumber {
            let all = spaced_ranks(&order);
            renumbered = (0..n).map(|t| (t, all[t])).collect();
            ranks = all[n..].to_vec();
        }
        added.sort_unstable();
        added.dedup();
        let (index, whole) = s.team_index.with_changed(&s.team_whole, &[], &touched, &added, |t| t);
        let mut records = Vec::with_capacity(new.len());
        let mut appended = Vec::with_capacity(new.len());
        for ((team, capacity, o), rank) in new.into_iter().zip(ranks) {
            let org = s.organisations.get(o as usize);
            let record =
                TeamRules::of(&team, o, org, &capacity, rank, insurer_mask(org, &s.org_by_id, &s.slotted_insurers));
            records.push((capacity, record));
            appended.push(team);
        }
        shared.team_index = Arc::new(index);
        shared.team_whole = Arc::new(whole);
        if merge {
            shared.team_by_id = Arc::new(team_by_id);
            shared.added_team_by_id = Arc::default();
        } else {
            shared.added_team_by_id = Arc::new(team_by_id);
        }
        shared.team_org = Arc::new(team_org);
        shared.org_teams = s.org_teams.with(by_org, |list, new| list.extend(new));
        shared.team_order = Arc::new(order);
        shared.teams = s.teams.appended(appended);
        Ok(Self { shared: Arc::new(shared), capacity: self.capacity.appended(records, renumbered), version })
    }

    /// A new registry without the teams of these ids; the teams after each move up a place
    /// (as loading the document without them gives). The registry version goes up by one per
    /// team. An id that is no team of this registry is [`Error::NotFound`]; an id given twice
    /// is [`Error::Invalid`] at `$[i]`; nothing is applied on any error.
    ///
    /// How a directory's removed teams (a FHIR `_history` that deletes a HealthcareService or
    /// makes it inactive, say) reach the registry without reading the whole country again: the
    /// teams, capacity and match records before the first removed team are shared, the later
    /// ones moved up, and the postcode index and the id maps are made again in one pass each,
    /// from what the registry holds. Agreements built for `self` still answer with the result,
    /// by ids, and are best built again for it.
    pub fn remove_teams<S: std::ops::Deref<Target = str>>(&self, ids: &[S]) -> Result<Self> {
        if ids.is_empty() {
            return Ok(self.clone());
        }
        let s = &*self.shared;
        let mut gone: Vec<usize> = Vec::with_capacity(ids.len());
        let mut problems = crate::error::Problems::new();
        let mut seen = std::collections::HashSet::with_capacity(ids.len());
        let mut version = self.version;
        for (i, id) in ids.iter().enumerate() {
            let t = self.team_index(id).ok_or_else(|| Error::NotFound { kind: "team", id: id.to_string() })?;
            if !seen.insert(t) {
                problems.push(format!("$[{i}]"), "names a team named before it: each team is removed once");
                continue;
            }
            gone.push(t as usize);
            version = next_version(version, "registry", "$.version", "registry")?;
        }
        problems.finish("teams to remove", || ())?;
        gone.sort_unstable();
        let n = s.teams.len();
        let mut marks = vec![0u64; n.div_ceil(64)];
        for &t in &gone {
            marks[t / 64] |= 1 << (t % 64);
        }
        let is_gone = |t: u32| marks[t as usize / 64] >> (t % 64) & 1 != 0;
        // A kept team's new position: its old one less the removed teams before it.
        let moved = |t: u32| t - gone.partition_point(|&g| g < t as usize) as u32;
        let mut shared = Shared::clone(s);
        shared.coverage_pairs -=
            gone.iter().map(|&t| &s.teams.get(t).area).map(|a| a.expanded.len() + a.pc6_include.len()).sum::<usize>();
        let mut touched = Pc4Index::no_slots();
        for &t in &gone {
            s.teams.get(t).area.touched_pc4().for_each(|p| Pc4Index::mark_slot(&mut touched, p));
        }
        let (index, whole) = s.team_index.with_changed(&s.team_whole, &marks, &touched, &[], moved);
        shared.team_index = Arc::new(index);
        shared.team_whole = Arc::new(whole);
        // Copied, not hashed anew; the added ids joined in.
        let mut by_id = HashMap::clone(&s.team_by_id);
        by_id.extend(s.added_team_by_id.iter().map(|(id, &t)| (id.clone(), t)));
        by_id.retain(|_, t| !is_gone(*t));
        by_id.values_mut().for_each(|t| *t = moved(*t));
        shared.team_by_id = Arc::new(by_id);
        shared.added_team_by_id = Arc::default();
        shared.team_org =
            Arc::new(s.team_org.iter().enumerate().filter(|(t, _)| !is_gone(*t as u32)).map(|(_, &o)| o).collect());
        let first = gone[0] as u32;
        let lists: Vec<(usize, ())> = (0..s.organisations.len())
            .filter(|&o| s.org_teams.get(o).last().is_some_and(|&t| t >= first))
            .map(|o| (o, ()))
            .collect();
        shared.org_teams = s.org_teams.with(lists, |list, ()| {
            list.retain(|&t| !is_gone(t));
            list.iter_mut().for_each(|t| *t = moved(*t));
        });
        shared.team_order = Arc::new(s.team_order.iter().filter(|&&t| !is_gone(t)).map(|&t| moved(t)).collect());
        shared.teams = s.teams.removed(&gone);
        Ok(Self { shared: Arc::new(shared), capacity: self.capacity.removed(&gone), version })
    }

    /// The team positions in id order with `new` teams (positions `n..`, `n` the teams now)
    /// merged in, and the new teams' id ranks: each run of new ids between two existing
    /// neighbours spread evenly over the numbers between theirs (a single one in the middle).
    /// One pass over the order, not a search and an insertion per new team. `true` when a
    /// run does not fit between its neighbours: then all ranks are to be spaced anew.
    fn ranks_of_new<'a>(&self, new: impl Iterator<Item = &'a Id>) -> (Vec<u32>, Vec<u32>, bool) {
        let s = &*self.shared;
        let n = s.teams.len();
        let ids: Vec<&Id> = new.collect();
        let mut by_id: Vec<usize> = (0..ids.len()).collect();
        by_id.sort_unstable_by(|a, b| ids[*a].cmp(ids[*b]));
        let old = &s.team_order;
        let old_id = |i: usize| &s.teams.get(old[i] as usize).id;
        let rank = |i: usize| self.capacity.rules(old[i] as usize).id_rank;
        let mut order = Vec::with_capacity(n + ids.len());
        let mut ranks = vec![0u32; ids.len()];
        let mut renumber = false;
        let (mut i, mut j) = (0, 0);
        while j < by_id.len() {
            // The existing teams before the next new one, then the new ones before the next
            // existing one.
            let at = i + old[i..].partition_point(|&t| s.teams.get(t as usize).id < *ids[by_id[j]]);
            order.extend_from_slice(&old[i..at]);
            i = at;
            let run = by_id[j..].partition_point(|&k| i == old.len() || *ids[k] < *old_id(i));
            let below = if i == 0 { 0 } else { u64::from(rank(i - 1)) };
            let above = if i == old.len() { u64::from(u32::MAX) } else { u64::from(rank(i)) };
            renumber |= above - below <= run as u64;
            for (r, &k) in by_id[j..j + run].iter().enumerate() {
                ranks[k] = (below + (above - below) * (r as u64 + 1) / (run as u64 + 1)) as u32;
                order.push((n + k) as u32);
            }
            j += run;
        }
        order.extend_from_slice(&old[i..]);
        (order, ranks, renumber)
    }

    /// The registry with existing organisations described anew: each entry names an
    /// organisation by id and replaces its name, AGB, URA and KvK numbers, contracted insurers
    /// and fixed contact (the last two kept as they are when the entry says so). The
    /// organisation keeps its position, its kind and its teams; the registry version goes up by
    /// one per entry, applied in order.
    ///
    /// How a directory's changed organisations (a FHIR `_history`, say) reach the registry
    /// without reading the whole country again: the teams, the postcode index and the other
    /// organisations are shared; only the match records of the organisation's own teams are
    /// made again (its contracts and contact are what they read). An organisation that changes
    /// kind, or a new or removed one, needs the registry loaded again.
    ///
    /// An id that is no organisation of this registry is [`Error::NotFound`]. Otherwise every
    /// problem of every entry is reported at once as [`Error::Invalid`] of the `registry` at
    /// `$.organisations[i]` (`i` the entry's position), checked as a registry document's
    /// organisation is (a contracted insurer must be an insurer of this registry); nothing is
    /// applied on any error. Agreements built for `self` still answer with the result, by ids,
    /// and are best built again for it.
    pub fn replace_organisations<S: std::ops::Deref<Target = str>>(
        &self,
        organisations: &[OrganisationChange<S>],
    ) -> Result<Self> {
        if organisations.is_empty() {
            return Ok(self.clone());
        }
        let mut problems = crate::error::Problems::new();
        let mut changed: std::collections::BTreeMap<usize, Organisation> = std::collections::BTreeMap::new();
        let mut version = self.version;
        let kind_of = |s: &str| self.organisation(s).map(|o| Some(o.kind));
        for (i, change) in organisations.iter().enumerate() {
            let doc = &change.organisation;
            let c = &mut crate::input::Checker { problems: &mut problems };
            let Some(id) = c.id(format_args!("$.organisations[{i}].id"), &doc.id) else { continue };
            let o = *self
                .shared
                .org_by_id
                .get(id.as_str())
                .ok_or_else(|| Error::NotFound { kind: "organisation", id: id.to_string() })?
                as usize;
            let current = changed.get(&o).unwrap_or(self.shared.organisations.get(o));
            let kept = document::KeptOrganisation {
                insurers: change.same_insurers.then_some(&current.contracted_insurers[..]),
                contact: change.same_contact.then_some(current.contact.as_ref()),
            };
            let kind = current.kind;
            let Some(org) = c.organisation(i, doc, Some(id), &kind_of, kept) else { continue };
            if org.kind != kind {
                c.push(
                    format_args!("$.organisations[{i}].kind"),
                    "must be the organisation's own kind: an organisation changes kind when the registry is loaded again",
                );
                continue;
            }
            version = next_version(version, "registry", "$.version", "registry")?;
            changed.insert(o, org);
        }
        problems.finish("registry", || ())?;

        let mut shared = Shared::clone(&self.shared);
        let mut records = Vec::new();
        let mut replaced = Vec::with_capacity(changed.len());
        for (o, org) in changed {
            let insurer_contracts = insurer_mask(&org, &self.shared.org_by_id, &self.shared.slotted_insurers);
            for &t in self.shared.org_teams.get(o) {
                let idx = t as usize;
                let old = self.capacity.rules(idx);
                let capacity = self.capacity.get(idx);
                let record =
                    TeamRules::of(self.shared.teams.get(idx), o as u32, &org, capacity, old.id_rank, insurer_contracts);
                records.push((idx, capacity.clone(), record));
            }
            replaced.push((o, org));
        }
        shared.organisations = shared.organisations.with(replaced);
        records.sort_unstable_by_key(|r| r.0); // chunk by chunk
        Ok(Self { shared: Arc::new(shared), capacity: self.capacity.with_teams(records), version })
    }

    /// A new registry with organisations added after the existing ones, in the order given,
    /// each without teams yet (a later [`Registry::add_teams`] gives them theirs). The registry
    /// version goes up by one per organisation. A contracted insurer must be an insurer of the
    /// registry or of the list.
    ///
    /// How a directory's new organisations (a FHIR `_history` with a new Organization, say)
    /// reach the registry without reading the whole country again: the organisations, teams,
    /// postcode index and match records are shared; the id map is copied with the new ids. A
    /// new insurer takes the next of the 64 insurer slots matching's contract test uses, as it
    /// does when the document is loaded.
    ///
    /// Every problem of every entry is reported at once as [`Error::Invalid`] of the
    /// `registry` at `$.organisations[i]`, checked as a registry document's organisation is,
    /// a duplicate id (of an organisation of this registry or an entry before it) among them;
    /// nothing is applied on any error.
    pub fn add_organisations<S: std::ops::Deref<Target = str>>(
        &self,
        organisations: &[OrganisationDoc<S>],
    ) -> Result<Self> {
        if organisations.is_empty() {
            return Ok(self.clone());
        }
        let s = &*self.shared;
        let listed: HashMap<&str, Option<OrganisationKind>> =
            organisations.iter().map(|o| (&*o.id, OrganisationKind::from_code(&o.kind).ok())).collect();
        let kind_of = |id: &str| self.organisation(id).map(|o| Some(o.kind)).or_else(|| listed.get(id).copied());
        let mut problems = crate::error::Problems::new();
        let mut new: Vec<Organisation> = Vec::with_capacity(organisations.len());
        let mut new_ids: std::collections::HashSet<Id> = std::collections::HashSet::new();
        let mut version = self.version;
        for (i, doc) in organisations.iter().enumerate() {
            let c = &mut crate::input::Checker { problems: &mut problems };
            let id = c.id(format_args!("$.organisations[{i}].id"), &doc.id);
            if let Some(id) = &id {
                if s.org_by_id.contains_key(id) || !new_ids.insert(id.clone()) {
                    c.push(
                        format_args!("$.organisations[{i}].id"),
                        format_args!("duplicate organisation id {}", crate::input::shown(&doc.id)),
                    );
                }
            }
            let Some(org) = c.organisation(i, doc, id, &kind_of, document::KeptOrganisation::default()) else {
                continue;
            };
            version = next_version(version, "registry", "$.version", "registry")?;
            new.push(org);
        }
        problems.finish("registry", || ())?;
        let mut shared = Shared::clone(s);
        let n = s.organisations.len();
        let mut org_by_id = HashMap::clone(&s.org_by_id);
        let mut slotted = Vec::clone(&s.slotted_insurers);
        for (k, org) in new.iter().enumerate() {
            org_by_id.insert(org.id.clone(), (n + k) as u32);
            // (Fewer than 64 slots taken: every insurer before it has one.)
            if org.kind == OrganisationKind::Insurer && slotted.len() < 64 {
                slotted.push((n + k) as u32);
            }
        }
        shared.org_by_id = Arc::new(org_by_id);
        shared.slotted_insurers = Arc::new(slotted);
        shared.org_teams = s.org_teams.appended(vec![Vec::new(); new.len()]);
        shared.organisations = s.organisations.appended(new);
        Ok(Self { shared: Arc::new(shared), capacity: self.capacity.clone(), version })
    }

    /// All teams, in document order.
    pub fn teams(&self) -> Teams<'_> {
        Records::of(&self.shared.teams)
    }

    /// The team at a position.
    ///
    /// # Panics
    /// When `team` is not a position of this registry.
    pub fn team_at(&self, team: TeamIndex) -> &Team {
        self.shared.teams.get(team as usize)
    }

    /// A team's position by id.
    pub fn team_index(&self, id: &str) -> Option<TeamIndex> {
        match self.shared.team_by_id.get(id) {
            Some(&t) => Some(t),
            None if self.shared.added_team_by_id.is_empty() => None,
            None => self.shared.added_team_by_id.get(id).copied(),
        }
    }

    /// A team by id.
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.team_index(id).map(|i| self.shared.teams.get(i as usize))
    }

    /// Current capacity of the team at a position.
    ///
    /// # Panics
    /// When `team` is not a position of this registry.
    pub fn capacity(&self, team: TeamIndex) -> &Capacity {
        self.capacity.get(team as usize)
    }

    /// The organisation owning the team at a position.
    pub fn team_organisation(&self, team: TeamIndex) -> &Organisation {
        self.shared.organisations.get(self.shared.team_org[team as usize] as usize)
    }

    /// All organisations, in document order.
    pub fn organisations(&self) -> Organisations<'_> {
        Records::of(&self.shared.organisations)
    }

    /// An organisation by id.
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.shared.org_by_id.get(id).map(|i| self.shared.organisations.get(*i as usize))
    }

    /// Positions of an organisation's teams, ascending.
    pub fn organisation_teams(&self, id: &str) -> &[TeamIndex] {
        self.shared.org_by_id.get(id).map_or(&[], |&o| self.organisation_teams_at(o))
    }

    /// Municipalities and their PC4 areas.
    pub fn municipalities(&self) -> &[Municipality] {
        &self.shared.municipalities
    }

    /// Coordination points recorded in the registry.
    pub fn coordination_points(&self) -> &[CoordinationPoint] {
        &self.shared.coordination_points
    }

    /// The coordination point accountable for a location: the first, in document order, whose
    /// area covers it.
    pub fn coordination_point_for(&self, location: Location) -> Option<&CoordinationPoint> {
        // A point whose area covers the location touches its PC4; the index lists those in
        // document order.
        let points = &self.shared.coordination_points;
        self.shared
            .coordination_index
            .get(location.pc4())
            .iter()
            .map(|&p| &points[p as usize])
            .find(|p| p.area.coverage(location) == Coverage::Covered)
    }

    /// Positions of the teams whose area touches a PC4 (wholly or some streets), ascending.
    pub fn teams_touching(&self, pc4: Pc4) -> &[TeamIndex] {
        self.shared.team_index.get(pc4)
    }

    /// The teams touching a PC4 (as [`Self::teams_touching`]) and, for the `j`-th of them,
    /// whether it covers the PC4 as a whole: `whole(j)`.
    pub(crate) fn teams_touching_whole(&self, pc4: Pc4) -> (&[TeamIndex], impl Fn(usize) -> bool + '_) {
        let range = self.shared.team_index.range(pc4);
        let start = range.start;
        let bits = &self.shared.team_whole;
        (self.shared.team_index.get(pc4), move |j: usize| bits[(start + j) / 64] & (1 << ((start + j) % 64)) != 0)
    }

    /// What the matching rules read of the team's current capacity.
    #[cfg(test)]
    pub(crate) fn capacity_rules(&self, team: TeamIndex) -> &CapacityRules {
        &self.capacity.rules(team as usize).capacity
    }

    /// The rule data of the team at a position.
    pub(crate) fn team_rules(&self, team: TeamIndex) -> &TeamRules {
        self.capacity.rules(team as usize)
    }

    /// Position of an organisation by id (hashed from the id's bytes, not read as text first).
    pub(crate) fn organisation_position(&self, id: &Id) -> Option<u32> {
        self.shared.org_by_id.get(id).copied()
    }

    /// Positions of the teams of the organisation at a position, ascending.
    pub(crate) fn organisation_teams_at(&self, organisation: u32) -> &[TeamIndex] {
        self.shared.org_teams.get(organisation as usize)
    }

    /// The slot in [`TeamRules::insurer_contracts`] of the insurer at a position; `None` for an
    /// organisation that is not an insurer or an insurer past the 64th.
    pub(crate) fn insurer_slot_at(&self, organisation: u32) -> Option<u8> {
        slot_of(&self.shared.slotted_insurers, organisation)
    }

    /// Approximate heap bytes held by this registry's indexes (for the memory benchmark).
    pub fn index_heap_bytes(&self) -> usize {
        self.shared.team_index.heap_bytes() + self.shared.team_order.capacity() * 4
    }
}

/// Which registry a value derived from another one (agreements, say) was built against: the
/// registry's shared part, held weakly. Every registry value derived by capacity updates shares
/// that part, so positions of teams and organisations found in one hold in all of them.
///
/// Weak, so that it keeps no registry alive; and weak rather than an address, because the
/// allocation a weak reference points to is not freed while it exists, so no other registry can
/// come to live at the same address and be taken for this one.
#[derive(Debug, Clone)]
pub(crate) struct RegistryIdentity(std::sync::Weak<Shared>);

impl RegistryIdentity {
    pub(crate) fn of(registry: &Registry) -> Self {
        Self(Arc::downgrade(&registry.shared))
    }

    /// Whether `registry` is (derived from) the registry this identity was taken of: one pointer
    /// comparison.
    pub(crate) fn is(&self, registry: &Registry) -> bool {
        std::ptr::eq(self.0.as_ptr(), Arc::as_ptr(&registry.shared))
    }
}

/// The bits of the insurers `org` contracts, by their slots.
fn insurer_mask(org: &Organisation, org_by_id: &HashMap<Id, u32>, slotted: &[u32]) -> u64 {
    org.contracted_insurers
        .iter()
        .filter_map(|i| slot_of(slotted, *org_by_id.get(i)?))
        .fold(0, |mask, slot| mask | 1 << slot)
}

/// The bit of the insurer at position `organisation` among the `slotted` ones, if it has one.
fn slot_of(slotted: &[u32], organisation: u32) -> Option<u8> {
    slotted.binary_search(&organisation).ok().map(|s| s as u8)
}

/// Each team's id rank (by position) from the positions in id order: spaced evenly over the
/// `u32` range, leaving room before the first, between any two and after the last.
fn spaced_ranks(order: &[u32]) -> Vec<u32> {
    let gap = (u32::MAX as usize / (order.len() + 1)).max(1);
    let mut ranks = vec![0u32; order.len()];
    for (k, &t) in order.iter().enumerate() {
        ranks[t as usize] = ((k + 1) * gap).min(u32::MAX as usize) as u32;
    }
    ranks
}

/// The version after `version`, or an error when there is none.
///
/// A version must never wrap: a counter that went from `u64::MAX` to 0 would make an update based
/// on a long-gone version look current again and be accepted. The error is [`Error::Invalid`]
/// (one problem at `path` of `document`) rather than [`Error::VersionConflict`] because re-reading
/// and retrying, which a conflict asks for, can never succeed: the registry must be reloaded from
/// a document with a lower version.
fn next_version(version: u64, document: &'static str, path: &str, what: &str) -> Result<u64> {
    version.checked_add(1).ok_or_else(|| Error::Invalid {
        document,
        problems: vec![Problem {
            path: path.to_owned(),
            reason: format!("{what} version is at its maximum and cannot be increased"),
        }],
    })
}

#[cfg(test)]
mod tests;
