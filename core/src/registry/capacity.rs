//! Capacity storage with cheap, optimistic, per-team updates.
//!
//! Capacity changes many times a day while the rest of the registry barely changes, so capacity
//! lives in its own persistent table split into fixed chunks: an update copies one chunk and the
//! chunk pointers, never the whole registry, and readers of the old registry value keep seeing
//! the old numbers.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use serde::{Deserialize, Serialize};

use super::TeamRules;
use super::chunked::Chunked;
use super::document::capacity_from_doc;
use super::model::Capacity;
use super::model::FreePlaces;
use crate::codes::{CapacityStatus, CareType, CodeSet};
use crate::error::Problems;
use crate::ids::Id;
use crate::input::Checker;
use crate::volume::Hours;

const DOCUMENT: &str = "capacity update";

/// Per-team capacity, indexed like the registry's team list, and beside it each team's record of
/// what matching reads ([`TeamRules`], with the capacity as the rules read it), chunked the same
/// way so that an update copies one chunk of each.
#[derive(Debug, Clone)]
pub(crate) struct CapacityTable {
    capacities: Chunked<Capacity>,
    rules: Chunked<TeamRules>,
}

/// What matching reads of a team's capacity: 24 bytes of the 112 of a [`Capacity`] (most of
/// which is the free places of every care type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CapacityRules {
    /// When the information was given.
    pub updated_at: DateTime<Utc>,
    /// First possible start.
    pub earliest_start: Option<NaiveDate>,
    /// Care types with zero free places reported.
    pub no_free_place: CodeSet<CareType>,
    /// Accepting, waitlist, full or unknown.
    pub status: CapacityStatus,
}

impl CapacityRules {
    pub fn of(c: &Capacity) -> Self {
        Self {
            updated_at: c.updated_at,
            earliest_start: c.earliest_start,
            no_free_place: c.free_places.iter().filter(|(_, n)| *n == 0).map(|(care, _)| care).collect(),
            status: c.status,
        }
    }
}

impl CapacityTable {
    /// `rules` are the teams' records, in the order of `all`.
    pub fn new(all: Vec<Capacity>, rules: Vec<TeamRules>) -> Self {
        Self { capacities: Chunked::new(all), rules: Chunked::new(rules) }
    }

    pub fn get(&self, team: usize) -> &Capacity {
        self.capacities.get(team)
    }

    pub fn rules(&self, team: usize) -> &TeamRules {
        self.rules.get(team)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.capacities.len()
    }

    /// A new table with one entry replaced; shares every other chunk.
    pub fn with(&self, team: usize, capacity: Capacity) -> Self {
        self.with_all(vec![(team, capacity)])
    }

    /// A new table with several entries replaced, by ascending position (each position once);
    /// copies each chunk they fall in once and shares every other chunk.
    pub fn with_all(&self, changes: Vec<(usize, Capacity)>) -> Self {
        let rules = self.rules.with(changes.iter().map(|(t, c)| (*t, CapacityRules::of(c))), |r, c| r.capacity = c);
        Self { capacities: self.capacities.with(changes, |slot, c| *slot = c), rules }
    }

    /// [`Self::with_all`], each entry with the team's new record (a team described anew).
    pub fn with_teams(&self, changes: Vec<(usize, Capacity, TeamRules)>) -> Self {
        let mut capacities = Vec::with_capacity(changes.len());
        let mut rules = Vec::with_capacity(changes.len());
        for (t, c, r) in changes {
            capacities.push((t, c));
            rules.push((t, r));
        }
        Self {
            capacities: self.capacities.with(capacities, |slot, c| *slot = c),
            rules: self.rules.with(rules, |slot, r| *slot = r),
        }
    }

    /// The table without the entries of the teams at `gone` (ascending, each once).
    pub fn removed(&self, gone: &[usize]) -> Self {
        Self { capacities: self.capacities.removed(gone), rules: self.rules.removed(gone) }
    }

    /// The table with entries of new teams added after the last, and `ranks` (position, id
    /// rank) given to existing teams (when the new ids left no room between ranks).
    pub fn appended(&self, new: Vec<(Capacity, TeamRules)>, ranks: Vec<(usize, u32)>) -> Self {
        let (capacities, rules): (Vec<Capacity>, Vec<TeamRules>) = new.into_iter().unzip();
        Self {
            capacities: self.capacities.appended(capacities),
            rules: self.rules.with(ranks, |r, rank| r.id_rank = rank).appended(rules),
        }
    }
}

/// A change of one team's capacity, based on the capacity version the updater last saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityUpdate {
    /// The team.
    pub team: Id,
    /// The capacity version this update was based on; a different current version is a conflict.
    /// Two writers sharing one current registry go through
    /// [`SharedRegistry`](super::SharedRegistry), so they can never silently overwrite each other.
    pub expected_version: u64,
    /// The new capacity; its `version` is ignored and becomes `expected_version + 1`.
    pub capacity: Capacity,
}

/// JSON shape of a capacity update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "CapacityUpdate"))]
pub struct CapacityUpdateDoc {
    /// Team id.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IdText"))]
    pub team: String,
    /// Capacity version the update is based on.
    pub expected_version: u64,
    /// Capacity status code.
    #[cfg_attr(feature = "schema", schemars(with = "crate::codes::CapacityStatus"))]
    pub status: String,
    /// Free places per care type code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::FreePlacesMap"))]
    pub free_places: BTreeMap<String, u32>,
    /// Free hours per week per care type code (0 to 4,000 each), next to the free places.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::FreeHoursMap"))]
    pub free_hours: BTreeMap<String, Hours>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub earliest_start: Option<String>,
    /// RFC 3339 instant of the information.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    pub updated_at: String,
}

/// A capacity update as a host builds it from its own values (the team id as text, places as
/// counts), checked with the rules and paths of a JSON update when it is applied. In Kotlin and
/// Swift `CapacityUpdate`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "CapacityUpdate"))]
pub struct CapacityUpdateInput {
    /// Team id.
    pub team: String,
    /// The capacity version this update is based on.
    pub expected_version: u64,
    /// New status.
    pub status: CapacityStatus,
    /// When the information was given.
    pub updated_at: DateTime<Utc>,
    /// Free places per care type (a care type not listed has no limit reported), 0 to
    /// 4,294,967,295 each.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub free_places: HashMap<CareType, i64>,
    /// Free hours per week per care type (0 to 4,000 each; a care type not listed has no number
    /// reported).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub free_hours: HashMap<CareType, Hours>,
    /// First day the team can start.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub earliest_start: Option<NaiveDate>,
}

impl From<&CapacityUpdate> for CapacityUpdateInput {
    fn from(u: &CapacityUpdate) -> Self {
        Self {
            team: u.team.as_str().to_owned(),
            expected_version: u.expected_version,
            status: u.capacity.status,
            updated_at: u.capacity.updated_at,
            free_places: u.capacity.free_places.iter().map(|(care, n)| (care, i64::from(n))).collect(),
            free_hours: u.capacity.free_hours.iter().map(|(care, h)| (*care, *h)).collect(),
            earliest_start: u.capacity.earliest_start,
        }
    }
}

impl CapacityUpdate {
    /// Parses a capacity update from JSON, reporting every problem with its path.
    pub fn from_json(bytes: &[u8]) -> crate::Result<Self> {
        let doc: CapacityUpdateDoc = crate::input::read(bytes, DOCUMENT)?;
        Self::from_doc(&doc)
    }

    /// Reads a capacity update from values, as [`CapacityUpdate::from_json`] reads its JSON text.
    ///
    /// The values are anything a serde `Deserializer` reads (a binding's deserializer over its
    /// host language's dicts and lists, or a `&serde_json::Value`): read as strictly as the JSON
    /// text, with the same answer and the same errors.
    pub fn from_values<'de, D: serde::Deserializer<'de>>(values: D) -> crate::Result<Self> {
        let doc: CapacityUpdateDoc = crate::input::read_values(values, DOCUMENT)?;
        Self::from_doc(&doc)
    }

    /// Checks an update a host built from its own values ([`CapacityUpdateInput`]): every
    /// problem at once, at the paths of the JSON update (`$.team`, `$.free_places.nursing`, ...).
    pub fn from_input(input: &CapacityUpdateInput) -> crate::Result<Self> {
        let mut problems = Problems::new();
        let mut c = Checker { problems: &mut problems };
        let team = c.id("$.team", &input.team);
        let mut free_places = FreePlaces::default();
        // In care-type order, so the problems come out in a stable order.
        for care in CareType::ALL {
            if let Some(&n) = input.free_places.get(care) {
                let path = format_args!("$.free_places.{}", care.code());
                let n = c.count(path, n, u64::from(u32::MAX), "places").and_then(|n| u32::try_from(n).ok());
                free_places.set(*care, n);
            }
        }
        let free_hours: BTreeMap<CareType, Hours> = input.free_hours.iter().map(|(care, h)| (*care, *h)).collect();
        super::document::free_hours_problems(&mut c, "$", &free_hours);
        let earliest_start = input.earliest_start.and_then(|d| c.date_value("$.earliest_start", d));
        let updated_at = c.instant_value("$.updated_at", input.updated_at);
        problems.finish(DOCUMENT, || CapacityUpdate {
            team: team.expect("no problems"),
            expected_version: input.expected_version,
            capacity: Capacity {
                status: input.status,
                free_places,
                free_hours,
                earliest_start,
                updated_at: updated_at.expect("no problems"),
                version: 0,
            },
        })
    }

    /// Parses a list of capacity updates (a JSON array of capacity update objects, in the order
    /// they apply) for [`Registry::update_capacities`](crate::Registry::update_capacities):
    /// every problem of every update at once, at `$[i].team`, `$[i].free_places.nursing`, ...
    pub fn list_from_json(bytes: &[u8]) -> crate::Result<Vec<Self>> {
        let docs: Vec<CapacityUpdateDoc> = crate::input::read(bytes, DOCUMENT)?;
        Self::list(docs.iter().map(Self::from_doc))
    }

    /// One capacity update (a JSON object) or a list of them (an array), as the bindings take
    /// them: a host with one update to make need not wrap it. An object's problems are at `$.team`
    /// ..., an array's at `$[i].team` ...
    pub fn one_or_list_from_json(bytes: &[u8]) -> crate::Result<Vec<Self>> {
        let ignorable = |b: &u8| b" \t\r\n".contains(b);
        match bytes.iter().find(|b| !ignorable(b)) {
            Some(b'{') => Self::from_json(bytes).map(|update| vec![update]),
            _ => Self::list_from_json(bytes),
        }
    }

    /// [`CapacityUpdate::list_from_json`] over values (a binding's list of dicts).
    pub fn list_from_values<'de, D: serde::Deserializer<'de>>(values: D) -> crate::Result<Vec<Self>> {
        let docs: Vec<CapacityUpdateDoc> = crate::input::read_values(values, DOCUMENT)?;
        Self::list(docs.iter().map(Self::from_doc))
    }

    /// [`CapacityUpdate::from_input`] for each of a list, every problem at once at `$[i]...`.
    pub fn list_from_inputs(inputs: &[CapacityUpdateInput]) -> crate::Result<Vec<Self>> {
        Self::list(inputs.iter().map(Self::from_input))
    }

    /// The updates, or every update's problems with `$` made `$[i]` (so an update's problems
    /// read as they would in a one-update document, at its place in the list).
    fn list(results: impl Iterator<Item = crate::Result<Self>>) -> crate::Result<Vec<Self>> {
        let mut problems = Problems::new();
        let mut updates = Vec::new();
        for (i, result) in results.enumerate() {
            match result {
                Ok(update) => updates.push(update),
                Err(crate::Error::Invalid { problems: found, .. }) => {
                    for p in found {
                        let rest = p.path.strip_prefix('$').unwrap_or(&p.path);
                        problems.push(format!("$[{i}]{rest}"), p.reason);
                    }
                }
                Err(other) => return Err(other),
            }
        }
        problems.finish(DOCUMENT, || updates)
    }

    /// Validates the JSON shape.
    pub fn from_doc(doc: &CapacityUpdateDoc) -> crate::Result<Self> {
        let mut problems = Problems::new();
        let mut c = Checker { problems: &mut problems };
        let team = c.id("$.team", &doc.team);
        let as_capacity = super::document::CapacityDoc {
            status: doc.status.clone(),
            free_places: doc.free_places.clone(),
            free_hours: doc.free_hours.clone(),
            earliest_start: doc.earliest_start.clone(),
            updated_at: doc.updated_at.clone(),
            version: 0,
        };
        let capacity = capacity_from_doc(&mut c, "$", &as_capacity);
        problems.finish(DOCUMENT, || CapacityUpdate {
            team: team.expect("no problems"),
            expected_version: doc.expected_version,
            capacity: capacity.expect("no problems"),
        })
    }
}
