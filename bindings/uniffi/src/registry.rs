//! The provider registry and the shared current registry as uniffi objects.

use std::sync::Arc;

use wijknet::matching::{MatchOptions, MatchOptionsInput, MatchRequest, MatchRequestInput, MatchResult};
use wijknet::registry::{
    Capacity, CapacityUpdate, CapacityUpdateInput, CoordinationPoint, Organisation, Team, TeamIndex,
};

use crate::agreements::Agreements;
use crate::error::Result;

object! {
    /// The registry of organisations, teams, service areas, capacity and contact persons
    /// (*sociale kaart* of district nursing), loaded from a `wijknet.registry/v1` JSON document.
    ///
    /// **Thread-safety:** a `Registry` never changes after it is built. Share one instance between
    /// any number of threads and call it concurrently; no locking is needed. Changing capacity
    /// (`updateCapacities`) returns a *new* registry and leaves this one as it was, so a match running
    /// on the old value keeps seeing consistent data.
    ///
    /// **Lifetime:** the object owns native memory. In Kotlin it is `AutoCloseable`: call `close()`
    /// (or `use { }`) when done, or let the cleaner free it after it becomes unreachable; in Swift it
    /// is freed when the last reference goes. Records returned by its methods are plain copies that
    /// outlive it.
    Registry(wijknet::Registry) as v;
    display "Registry version {}: {} organisations, {} teams",
        v.version(),
        v.organisations().len(),
        v.teams().len();
}

impl Registry {
    fn teams_at(&self, indices: &[TeamIndex]) -> Vec<Team> {
        indices.iter().map(|&i| self.inner.team_at(i).clone()).collect()
    }
}

#[uniffi::export]
impl Registry {
    /// Loads, validates and indexes a `wijknet.registry/v1` JSON document (UTF-8 bytes).
    /// Structural JSON errors stop at the first (`WijknetError.Json` with its path); rule
    /// violations are all reported at once (`WijknetError.Invalid` with every problem).
    /// `listener` (optional) follows the loading (steps `Read`, `Check`, `Index`, each at its
    /// start and end) and can cancel it (`WijknetException.Cancelled`).
    #[uniffi::constructor(default(listener = None))]
    pub fn from_json(json: Vec<u8>, listener: Option<Arc<dyn crate::ProgressListener>>) -> Result<Arc<Self>> {
        let mut observer = crate::progress::Listener(listener);
        Ok(Arc::new(Self { inner: wijknet::Registry::from_json_with_progress(&json, &mut observer)? }))
    }

    /// Same as `fromJson`, from a string.
    #[uniffi::constructor]
    pub fn from_json_string(json: String) -> Result<Arc<Self>> {
        Self::from_json(json.into_bytes(), None)
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

    /// A new registry with capacity updates applied in order, all or none (one update: a list
    /// of one); this registry is unchanged. A second update of one team names the version the
    /// first one gives; the registry version goes up by one per update. Fails, for the first
    /// update refused, with `VersionConflict` when the team's capacity changed since
    /// `expectedVersion` (reload and retry), `NotFound` for an unknown team, `Invalid` for a
    /// malformed update (every problem of every update at once, at `$[i]...`) or when the
    /// team's capacity version or the registry version is at its maximum (versions never wrap).
    ///
    /// Two calls on the same registry with the same `expectedVersion` both succeed, each with
    /// its own new registry; which one counts depends on where the app stores it. To have the
    /// second refused, keep the current registry in a `SharedRegistry`.
    pub fn update_capacities(&self, updates: Vec<CapacityUpdateInput>) -> Result<Arc<Registry>> {
        let updates = CapacityUpdate::list_from_inputs(&updates)?;
        Ok(Arc::new(Registry { inner: self.inner.update_capacities(&updates)? }))
    }

    /// Number of teams.
    pub fn team_count(&self) -> i32 {
        i32::try_from(self.inner.teams().len()).unwrap_or(i32::MAX)
    }

    /// All teams, in document order (their capacity: `capacity(team)`).
    pub fn teams(&self) -> Vec<Team> {
        self.inner.teams().iter().cloned().collect()
    }

    /// A team by id, or null.
    pub fn team(&self, id: String) -> Option<Team> {
        self.inner.team(&id).cloned()
    }

    /// A team's current capacity (status, free places, earliest start, when it was said, its
    /// version), or null for an unknown team.
    pub fn capacity(&self, team: String) -> Option<Capacity> {
        self.inner.team_index(&team).map(|i| self.inner.capacity(i).clone())
    }

    /// Teams whose service area touches the location's PC4 (wholly or some streets), in document
    /// order: the teams a match evaluates. `location` is a PC6 (`7511AB`) or PC4 (`7511`).
    pub fn teams_near(&self, location: String) -> Result<Vec<Team>> {
        let location = crate::error::location(&location)?;
        Ok(self.teams_at(self.inner.teams_touching(location.pc4())))
    }

    /// All organisations, in document order.
    pub fn organisations(&self) -> Vec<Organisation> {
        self.inner.organisations().iter().cloned().collect()
    }

    /// An organisation by id, or null.
    pub fn organisation(&self, id: String) -> Option<Organisation> {
        self.inner.organisation(&id).cloned()
    }

    /// The teams of an organisation, in document order.
    pub fn organisation_teams(&self, id: String) -> Vec<Team> {
        self.teams_at(self.inner.organisation_teams(&id))
    }

    /// The registry's coordination point accountable for a location: the first, in document
    /// order, whose area covers it; null when none does.
    pub fn coordination_point_for(&self, location: String) -> Result<Option<CoordinationPoint>> {
        Ok(self.inner.coordination_point_for(crate::error::location(&location)?).cloned())
    }

    /// "Who can take this client?": ranked candidates, every excluded team with its reason, and
    /// the accountable party when nobody can. The request is checked first; every problem is
    /// reported at once (`WijknetError.Invalid`). With `agreements` (optional), collaboration
    /// agreements apply: subcontracted care, shared specialist teams, night rotations, and the
    /// coordination point accountable when nobody can.
    #[uniffi::method(default(agreements = None))]
    pub fn match_request(
        &self,
        request: MatchRequestInput,
        options: MatchOptionsInput,
        agreements: Option<Arc<Agreements>>,
    ) -> Result<MatchResult> {
        let (request, options) = (MatchRequest::from_input(&request)?, MatchOptions::from_input(&options)?);
        let agreements = agreements.as_ref().map(|a| &a.inner);
        Ok(wijknet::api::match_optionally(&self.inner, agreements, &request, &options)?)
    }
}

/// Parses the request JSON shape (`{"location", "care_types", "urgency", "desired_start", ...}`)
/// into a typed request, reporting every problem with its path (`WijknetError.Invalid`). The
/// JSON defaults are filled in (no times of day means day).
#[uniffi::export]
pub fn match_request_from_json(json: Vec<u8>) -> Result<MatchRequestInput> {
    Ok(MatchRequestInput::from(&MatchRequest::from_json(&json)?))
}

/// Parses a capacity update from its JSON shape (`{"team", "expected_version", "status",
/// "free_places", "earliest_start", "updated_at"}`), reporting every problem with its path.
#[uniffi::export]
pub fn capacity_update_from_json(json: Vec<u8>) -> Result<CapacityUpdateInput> {
    Ok(CapacityUpdateInput::from(&CapacityUpdate::from_json(&json)?))
}

object! {
    /// The current registry of an app, shared by all its threads, with capacity updates that cannot
    /// be lost.
    ///
    /// `Registry.updateCapacities` returns a new registry and leaves storing it to the app, so two
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
    /// **Lifetime:** as a `Registry`: `AutoCloseable` in Kotlin, ARC in Swift. Registries handed out
    /// are independent objects (close them separately); they stay valid after this one is closed.
    SharedRegistry(wijknet::SharedRegistry) as v;
    display "SharedRegistry, current version {}", v.current().version();
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

    /// Applies capacity updates (as `Registry.updateCapacities`: in order, all or none) to the
    /// current registry, installs the result and returns it.
    ///
    /// When another thread installed a registry in between, the updates are applied again to that
    /// newer registry, so concurrent writers behave as if they ran one after the other. On error
    /// nothing is installed. Fails as `Registry.updateCapacities` does; on `VersionConflict` take
    /// a new `current()`, decide again, retry; on `Invalid` for a version at its maximum reload
    /// the registry from a document with a lower version.
    pub fn update_capacities(&self, updates: Vec<CapacityUpdateInput>) -> Result<Arc<Registry>> {
        let updates = CapacityUpdate::list_from_inputs(&updates)?;
        let installed = self.inner.update_capacities(&updates)?;
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
