//! The provider registry as a uniffi object, and the records it hands out.

use std::sync::Arc;
use std::time::SystemTime;

use chrono::NaiveTime;

use crate::agreements::Agreements;
use crate::codes::{self, CapacityStatus, CareType, Language, NurseLevel, OrganisationKind, TimeOfDay, Weekday};
use crate::error::Result;
use crate::matching::{MatchOptions, MatchRequest, MatchResult};
use crate::types::{self, CalendarDate};

/// The registry of organisations, teams, service areas, capacity and contact persons
/// (*sociale kaart* of district nursing), loaded from a `wijknet.registry/v1` JSON document.
///
/// **Thread-safety:** a `Registry` never changes after it is built. Share one instance between
/// any number of threads and call it concurrently; no locking is needed. Changing capacity
/// ([`Registry::update_capacity`]) returns a *new* registry and leaves this one as it was, so a
/// match running on the old value keeps seeing consistent data.
///
/// **Lifetime:** the object owns native memory. In Kotlin it is `AutoCloseable`: call `close()`
/// (or `use { }`) when done, or let the cleaner free it after it becomes unreachable; in Swift it
/// is freed when the last reference goes. Records returned by its methods are plain copies that
/// outlive it.
#[derive(Debug, uniffi::Object)]
pub struct Registry {
    pub(crate) inner: wijknet::Registry,
}

#[uniffi::export]
impl Registry {
    /// Loads, validates and indexes a `wijknet.registry/v1` JSON document (UTF-8 bytes).
    /// Structural JSON errors stop at the first (`WijknetError.Json` with its path); rule
    /// violations are all reported at once (`WijknetError.Invalid` with every problem).
    #[uniffi::constructor]
    pub fn from_json(json: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: wijknet::Registry::from_json(&json)? }))
    }

    /// Same as `fromJson`, from a string.
    #[uniffi::constructor]
    pub fn from_json_string(json: String) -> Result<Arc<Self>> {
        Self::from_json(json.into_bytes())
    }

    /// The registry as a `wijknet.registry/v1` JSON document with current capacity: loading it
    /// again gives an equal registry.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Data version: the document's `version`, plus one for every capacity update since.
    pub fn version(&self) -> u64 {
        self.inner.version()
    }

    /// A new registry with one team's capacity replaced; this registry is unchanged. Fails with
    /// `VersionConflict` when the team's capacity changed since `update.expectedVersion` (reload
    /// and retry), `NotFound` for an unknown team, `Invalid` for a malformed update or when the
    /// team's capacity version or the registry version is at its maximum (versions never wrap).
    ///
    /// Two calls on the same registry with the same `expectedVersion` both succeed, each with
    /// its own new registry; which one counts depends on where the app stores it. To have the
    /// second refused, keep the current registry in a [`SharedRegistry`].
    pub fn update_capacity(&self, update: CapacityUpdate) -> Result<Arc<Registry>> {
        let update = update.to_core()?;
        Ok(Arc::new(Registry { inner: self.inner.update_capacity(&update)? }))
    }

    /// Number of teams.
    pub fn team_count(&self) -> u32 {
        self.inner.teams().len() as u32
    }

    /// All teams with their current capacity, in document order.
    pub fn teams(&self) -> Vec<Team> {
        (0..self.inner.teams().len() as u32).map(|i| self.team_at(i)).collect()
    }

    /// A team by id, or null.
    pub fn team(&self, id: String) -> Option<Team> {
        self.inner.team_index(&id).map(|i| self.team_at(i))
    }

    /// Teams whose service area touches the location's PC4 (wholly or some streets), in document
    /// order: the teams a match evaluates. `location` is a PC6 (`7511AB`) or PC4 (`7511`).
    pub fn teams_near(&self, location: String) -> Result<Vec<Team>> {
        let location = types::location(&location)?;
        Ok(self.inner.teams_touching(location.pc4()).iter().map(|&i| self.team_at(i)).collect())
    }

    /// All organisations, in document order.
    pub fn organisations(&self) -> Vec<Organisation> {
        self.inner.organisations().iter().map(Organisation::from).collect()
    }

    /// An organisation by id, or null.
    pub fn organisation(&self, id: String) -> Option<Organisation> {
        self.inner.organisation(&id).map(Organisation::from)
    }

    /// The teams of an organisation, in document order.
    pub fn organisation_teams(&self, id: String) -> Vec<Team> {
        self.inner.organisation_teams(&id).iter().map(|&i| self.team_at(i)).collect()
    }

    /// The registry's coordination point accountable for a location: the first, in document
    /// order, whose area covers it; null when none does.
    pub fn coordination_point_for(&self, location: String) -> Result<Option<CoordinationPoint>> {
        let location = types::location(&location)?;
        Ok(self.inner.coordination_point_for(location).map(|p| CoordinationPoint {
            id: p.id.to_string(),
            organisation: p.organisation.to_string(),
            name: p.name.clone(),
            area: ServiceArea::from(&p.area),
            contact: p.contact.as_deref().map(ContactPerson::from),
        }))
    }

    /// "Who can take this client?": ranked candidates, every excluded team with its reason, and
    /// the accountable party when nobody can. The request is validated first; every problem is
    /// reported at once (`WijknetError.Invalid`).
    pub fn match_request(&self, request: MatchRequest, options: MatchOptions) -> Result<MatchResult> {
        crate::matching::run(self, None, request, options)
    }

    /// Like `matchRequest`, with collaboration agreements applied: subcontracted care, shared
    /// specialist teams, night rotations, and the coordination point accountable when nobody can.
    pub fn match_with_agreements(
        &self,
        agreements: Arc<Agreements>,
        request: MatchRequest,
        options: MatchOptions,
    ) -> Result<MatchResult> {
        crate::matching::run(self, Some(&agreements), request, options)
    }
}

impl Registry {
    fn team_at(&self, i: wijknet::registry::TeamIndex) -> Team {
        let t = &self.inner.teams()[i as usize];
        Team {
            id: t.id.to_string(),
            organisation: t.organisation.to_string(),
            name: t.name.clone(),
            area: ServiceArea::from(&t.area),
            care_types: codes::list(t.care_types),
            max_nurse_level: t.max_nurse_level.into(),
            times_of_day: codes::list(t.times_of_day),
            languages: codes::list(t.languages),
            contacts: t.contacts.iter().map(|c| ContactPerson::from(&**c)).collect(),
            capacity: Capacity::from(self.inner.capacity(i)),
        }
    }
}

/// A provider's team (*wijkteam*): the unit that takes clients.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Team {
    /// Registry id.
    pub id: String,
    /// The organisation it belongs to (registry id).
    pub organisation: String,
    /// Display name, e.g. `Buurtzorg Enschede-Oost`.
    pub name: String,
    /// Where it works (*werkgebied*).
    pub area: ServiceArea,
    /// Care it delivers itself (agreements can add more).
    pub care_types: Vec<CareType>,
    /// Highest qualified nurse the team can send.
    pub max_nurse_level: NurseLevel,
    /// Parts of the day it works itself.
    pub times_of_day: Vec<TimeOfDay>,
    /// Languages its nurses speak.
    pub languages: Vec<Language>,
    /// Fixed contact persons (*vaste contactpersonen*), first is the primary.
    pub contacts: Vec<ContactPerson>,
    /// Current capacity.
    pub capacity: Capacity,
}

/// An organisation (*aanbieder*, GP practice, insurer, municipality, ...).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Organisation {
    /// Registry id.
    pub id: String,
    /// Public name.
    pub name: String,
    /// What kind of organisation.
    pub kind: OrganisationKind,
    /// AGB code (Vektis).
    pub agb: Option<String>,
    /// URA number (UZI register).
    pub ura: Option<String>,
    /// Chamber of commerce (KvK) number.
    pub kvk: Option<String>,
    /// Insurers (organisation ids) this provider has a contract with.
    pub contracted_insurers: Vec<String>,
    /// Fixed contact person.
    pub contact: Option<ContactPerson>,
}

impl From<&wijknet::registry::Organisation> for Organisation {
    fn from(o: &wijknet::registry::Organisation) -> Self {
        Self {
            id: o.id.to_string(),
            name: o.name.clone(),
            kind: o.kind.into(),
            agb: o.agb.as_ref().map(ToString::to_string),
            ura: o.ura.as_ref().map(ToString::to_string),
            kvk: o.kvk.as_ref().map(ToString::to_string),
            contracted_insurers: o.contracted_insurers.iter().map(ToString::to_string).collect(),
            contact: o.contact.as_deref().map(ContactPerson::from),
        }
    }
}

/// A coordination point (*coördinatiepunt*) recorded in the registry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CoordinationPoint {
    /// Registry id.
    pub id: String,
    /// The organisation that runs it.
    pub organisation: String,
    /// Display name.
    pub name: String,
    /// The area it is accountable for.
    pub area: ServiceArea,
    /// Whom to call.
    pub contact: Option<ContactPerson>,
}

/// A named, reachable professional (never a client).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ContactPerson {
    /// The professional's name.
    pub name: String,
    /// Role, e.g. `wijkverpleegkundige`.
    pub role: String,
    /// Phone number as dialled.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// When the person can be reached (Dutch local time); empty means no hours recorded.
    pub hours: Vec<ReachableHours>,
}

/// A weekly window in which a contact person answers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ReachableHours {
    /// Days of the week.
    pub days: Vec<Weekday>,
    /// Start, local time `HH:MM`.
    pub from: String,
    /// End (exclusive), local time `HH:MM`; `24:00` for the end of the day.
    pub to: String,
}

impl From<&wijknet::registry::ContactPerson> for ContactPerson {
    fn from(c: &wijknet::registry::ContactPerson) -> Self {
        let end_of_day = NaiveTime::from_hms_opt(23, 59, 59).expect("valid time");
        Self {
            name: c.name.clone(),
            role: c.role.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            hours: c
                .hours
                .iter()
                .map(|h| ReachableHours {
                    days: codes::list(h.days),
                    from: h.from.format("%H:%M").to_string(),
                    // The core stores "until midnight" as 23:59:59; documents write it 24:00.
                    to: if h.to == end_of_day { "24:00".to_owned() } else { h.to.format("%H:%M").to_string() },
                })
                .collect(),
        }
    }
}

/// A service area (*werkgebied*) as its maintainer wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ServiceArea {
    /// Single PC4 areas.
    pub pc4: Vec<String>,
    /// Inclusive PC4 ranges.
    pub pc4_ranges: Vec<Pc4Range>,
    /// Streets (PC6) served although their PC4 is not.
    pub pc6_include: Vec<String>,
    /// Streets (PC6) not served although their PC4 is.
    pub pc6_exclude: Vec<String>,
    /// Whole municipalities (CBS codes such as `GM0153`).
    pub municipalities: Vec<String>,
}

/// An inclusive range of PC4 areas.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Pc4Range {
    /// First PC4.
    pub first: String,
    /// Last PC4 (inclusive).
    pub last: String,
}

impl From<&wijknet::registry::ServiceArea> for ServiceArea {
    fn from(a: &wijknet::registry::ServiceArea) -> Self {
        Self {
            pc4: a.pc4.iter().map(ToString::to_string).collect(),
            pc4_ranges: a
                .pc4_ranges
                .iter()
                .map(|(f, l)| Pc4Range { first: f.to_string(), last: l.to_string() })
                .collect(),
            pc6_include: a.pc6_include.iter().map(ToString::to_string).collect(),
            pc6_exclude: a.pc6_exclude.iter().map(ToString::to_string).collect(),
            municipalities: a.municipalities.iter().map(ToString::to_string).collect(),
        }
    }
}

/// What a team says about taking new clients, and when it said so.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Capacity {
    /// Accepting, waitlist, full or unknown.
    pub status: CapacityStatus,
    /// Free places per care type, where reported, in care-type order.
    pub free_places: Vec<FreePlaces>,
    /// First day the team can start with a new client.
    pub earliest_start: Option<CalendarDate>,
    /// When this information was last updated (stale information is flagged by matching).
    pub updated_at: SystemTime,
    /// Incremented by every update; a `CapacityUpdate` names the version it was based on.
    pub version: u64,
}

/// Free places a team reports for one care type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct FreePlaces {
    /// The care type.
    pub care_type: CareType,
    /// Free places.
    pub places: u32,
}

impl From<&wijknet::registry::Capacity> for Capacity {
    fn from(c: &wijknet::registry::Capacity) -> Self {
        Self {
            status: c.status.into(),
            free_places: c.free_places.iter().map(|(k, n)| FreePlaces { care_type: k.into(), places: n }).collect(),
            earliest_start: c.earliest_start.map(CalendarDate),
            updated_at: types::instant(c.updated_at),
            version: c.version,
        }
    }
}

/// The current registry of an app, shared by all its threads, with capacity updates that cannot
/// be lost.
///
/// `Registry.updateCapacity` returns a new registry and leaves storing it to the app, so two
/// threads updating the same registry with the same `expectedVersion` both succeed and the one
/// stored last silently erases the other. A `SharedRegistry` holds the current registry and
/// installs an update only if the registry it was applied to is still current
/// (compare-and-swap); otherwise it applies the update again to the newer registry. So of two
/// updates based on the same `expectedVersion` of a team exactly one succeeds and the other
/// fails with `VersionConflict`, while updates of different teams all succeed.
///
/// **Thread-safety:** made to be shared: every method may be called from any number of threads
/// at once without locks, and reading the current registry never waits for a writer.
///
/// **Lifetime:** as [`Registry`]: `AutoCloseable` in Kotlin, ARC in Swift. Registries handed out
/// are independent objects (close them separately); they stay valid after this one is closed.
#[derive(Debug, uniffi::Object)]
pub struct SharedRegistry {
    inner: wijknet::SharedRegistry,
}

impl SharedRegistry {
    /// A registry object for a core value; cloning a registry copies reference counts, not data.
    fn registry(value: &wijknet::Registry) -> Arc<Registry> {
        Arc::new(Registry { inner: value.clone() })
    }
}

#[uniffi::export]
impl SharedRegistry {
    /// Starts sharing `registry` as the current registry. `registry` itself is unchanged
    /// (registries never change) and stays usable; closing it does not affect this object.
    #[uniffi::constructor]
    pub fn new(registry: Arc<Registry>) -> Arc<Self> {
        Arc::new(Self { inner: wijknet::SharedRegistry::new(registry.inner.clone()) })
    }

    /// The current registry: a snapshot that never changes, whatever is installed after it was
    /// taken. Use one snapshot for everything that must agree (a match and the explanation shown
    /// with it) and take a new one for the next request.
    pub fn current(&self) -> Arc<Registry> {
        Self::registry(&self.inner.current())
    }

    /// Applies a capacity update to the current registry, installs the result and returns it.
    ///
    /// When another thread installed a registry in between, the update is applied again to that
    /// newer registry, so concurrent writers behave as if they ran one after the other. On error
    /// nothing is installed. Fails with `VersionConflict` when the team's capacity changed since
    /// `update.expectedVersion` (take a new `current()`, decide again, retry), `NotFound` for an
    /// unknown team, `Invalid` for a malformed update or a version at its maximum (versions
    /// never wrap: reload the registry from a document with a lower version).
    pub fn update_capacity(&self, update: CapacityUpdate) -> Result<Arc<Registry>> {
        let update = update.to_core()?;
        let installed = self.inner.update_capacity(&update)?;
        Ok(Self::registry(&installed))
    }

    /// Installs `registry` (typically a newly loaded document) as the current registry,
    /// whatever is current. Last writer wins, on purpose: a new document supersedes the old one,
    /// including capacity updates installed since the old one was loaded. An update running at
    /// the same time is applied to the new registry.
    pub fn replace(&self, registry: Arc<Registry>) {
        self.inner.replace(registry.inner.clone());
    }
}

/// A change of one team's capacity, based on the capacity version the updater last saw
/// (optimistic concurrency).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CapacityUpdate {
    /// Team id.
    pub team: String,
    /// The capacity version this update is based on.
    pub expected_version: u64,
    /// New status.
    pub status: CapacityStatus,
    /// When the information was given.
    pub updated_at: SystemTime,
    /// Free places per care type (a care type not listed has no limit reported).
    #[uniffi(default)]
    pub free_places: Vec<FreePlaces>,
    /// First day the team can start.
    #[uniffi(default)]
    pub earliest_start: Option<CalendarDate>,
}

impl CapacityUpdate {
    /// Validates through the core's own document rules, so every problem has the same path and
    /// wording as in a JSON update.
    pub(crate) fn to_core(&self) -> Result<wijknet::registry::CapacityUpdate> {
        let doc = wijknet::registry::CapacityUpdateDoc {
            team: self.team.clone(),
            expected_version: self.expected_version,
            status: self.status.code(),
            free_places: self.free_places.iter().map(|f| (f.care_type.code(), f.places)).collect(),
            earliest_start: self.earliest_start.map(CalendarDate::text),
            updated_at: types::instant_text(self.updated_at, "updated_at")?,
        };
        Ok(wijknet::registry::CapacityUpdate::from_doc(&doc)?)
    }
}

/// Parses a capacity update from its JSON shape (`{"team", "expected_version", "status",
/// "free_places", "earliest_start", "updated_at"}`), reporting every problem with its path.
#[uniffi::export]
pub fn capacity_update_from_json(json: Vec<u8>) -> Result<CapacityUpdate> {
    let u = wijknet::registry::CapacityUpdate::from_json(&json)?;
    Ok(CapacityUpdate {
        team: u.team.to_string(),
        expected_version: u.expected_version,
        status: u.capacity.status.into(),
        updated_at: types::instant(u.capacity.updated_at),
        free_places: u
            .capacity
            .free_places
            .iter()
            .map(|(k, n)| FreePlaces { care_type: k.into(), places: n })
            .collect(),
        earliest_start: u.capacity.earliest_start.map(CalendarDate),
    })
}
