//! The provider registry: who delivers which care where, with what capacity, and whom to call.
//!
//! A [`Registry`] is an immutable value, `Send + Sync`, cheap to clone (shared internals), so
//! many threads can match against it at once. Changing capacity produces a new value that shares
//! everything else with the old one (see [`Registry::update_capacity`]). A [`SharedRegistry`]
//! holds a host's current value and installs updates by compare-and-swap, so that two writers
//! cannot both win.

mod capacity;
pub(crate) mod document;
pub(crate) mod index;
mod model;
mod pc4set;
mod shared;

use std::collections::HashMap;
use std::sync::Arc;

pub use capacity::{CapacityUpdate, CapacityUpdateDoc, CapacityUpdateInput};
pub use document::{
    AreaDoc, CapacityDoc, ContactDoc, CoordinationPointDoc, HoursDoc, MunicipalityDoc, OrganisationDoc,
    REGISTRY_SCHEMA, RegistryDoc, TeamDoc,
};
pub(crate) use document::{area_doc, contact_doc};
pub use model::{
    Capacity, ContactPerson, CoordinationPoint, Coverage, FreePlaces, Municipality, Organisation, Pc4Range,
    ReachableHours, ServiceArea, Team,
};
pub use pc4set::Pc4Set;
pub use shared::SharedRegistry;

use crate::error::{Error, Problem, Result};
use crate::ids::{Id, Location, Pc4};
use capacity::CapacityTable;
use index::Pc4Index;

/// Position of a team in the registry (stable for one registry value and all values derived from
/// it by capacity updates).
pub type TeamIndex = u32;

#[derive(Debug)]
struct Shared {
    municipalities: Vec<Municipality>,
    organisations: Vec<Organisation>,
    org_by_id: HashMap<Id, u32>,
    teams: Vec<Team>,
    team_by_id: HashMap<Id, u32>,
    team_org: Vec<u32>,
    org_teams: Vec<Vec<u32>>,
    coordination_points: Vec<CoordinationPoint>,
    team_index: Pc4Index,
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
        let doc: RegistryDoc = crate::input::read_document(bytes, "registry", REGISTRY_SCHEMA)?;
        Self::from_doc(&doc)
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

    /// Validates and indexes an already parsed document.
    pub fn from_doc(doc: &RegistryDoc) -> Result<Self> {
        if doc.schema != REGISTRY_SCHEMA {
            return Err(Error::Schema {
                document: "registry",
                found: crate::input::schema_shown(&doc.schema),
                expected: REGISTRY_SCHEMA,
            });
        }
        let parts = doc.validate()?;
        let org_by_id: HashMap<Id, u32> =
            parts.organisations.iter().enumerate().map(|(i, o)| (o.id.clone(), i as u32)).collect();
        let team_by_id: HashMap<Id, u32> =
            parts.teams.iter().enumerate().map(|(i, t)| (t.id.clone(), i as u32)).collect();
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
        Ok(Self {
            shared: Arc::new(Shared {
                municipalities: parts.municipalities,
                organisations: parts.organisations,
                org_by_id,
                teams: parts.teams,
                team_by_id,
                team_org,
                org_teams,
                coordination_points: parts.coordination_points,
                team_index,
            }),
            capacity: CapacityTable::new(parts.capacities),
            version: parts.version,
        })
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
            organisations: s.organisations.iter().map(document::organisation_doc).collect(),
            teams: s.teams.iter().enumerate().map(|(i, t)| document::team_doc(t, self.capacity.get(i))).collect(),
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
        let idx = self
            .team_index(update.team.as_str())
            .ok_or_else(|| Error::NotFound { kind: "team", id: update.team.to_string() })? as usize;
        let current = self.capacity.get(idx).version;
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
        let version = next_version(self.version, "registry", "$.version", "registry")?;
        Ok(Self { shared: Arc::clone(&self.shared), capacity: self.capacity.with(idx, capacity), version })
    }

    /// All teams, in document order.
    pub fn teams(&self) -> &[Team] {
        &self.shared.teams
    }

    /// A team's position by id.
    pub fn team_index(&self, id: &str) -> Option<TeamIndex> {
        self.shared.team_by_id.get(id).copied()
    }

    /// A team by id.
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.team_index(id).map(|i| &self.shared.teams[i as usize])
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
        &self.shared.organisations[self.shared.team_org[team as usize] as usize]
    }

    /// All organisations, in document order.
    pub fn organisations(&self) -> &[Organisation] {
        &self.shared.organisations
    }

    /// An organisation by id.
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.shared.org_by_id.get(id).map(|i| &self.shared.organisations[*i as usize])
    }

    /// Positions of an organisation's teams, ascending.
    pub fn organisation_teams(&self, id: &str) -> &[TeamIndex] {
        self.shared.org_by_id.get(id).map(|i| self.shared.org_teams[*i as usize].as_slice()).unwrap_or(&[])
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
        self.shared.coordination_points.iter().find(|p| p.area.coverage(location) == Coverage::Covered)
    }

    /// Positions of the teams whose area touches a PC4 (wholly or some streets), ascending.
    pub fn teams_touching(&self, pc4: Pc4) -> &[TeamIndex] {
        self.shared.team_index.get(pc4)
    }

    /// Approximate heap bytes held by this registry's indexes (for the memory benchmark).
    pub fn index_heap_bytes(&self) -> usize {
        self.shared.team_index.heap_bytes()
    }
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
