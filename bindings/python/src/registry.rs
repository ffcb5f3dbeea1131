//! The provider registry and matching against it.

use pyo3::prelude::*;

use std::sync::Arc;

use wijknet::matching::MatchOptions;
use wijknet::registry::CapacityUpdate;
use wijknet::{Registry, SharedRegistry, api};

use crate::agreements::PyAgreements;
use crate::convert::{count_arg, instant_arg, json_or_values, load_with_progress, location_arg};
use crate::errors::IntoPy;
use crate::matching::{PyMatchResult, dict_of, request_arg};

/// Capacity updates: one (a dict or other mapping, JSON text or bytes of an object) or a list
/// (a list or tuple of dicts, JSON text or bytes of an array).
fn updates_arg(updates: &Bound<'_, PyAny>) -> PyResult<Vec<CapacityUpdate>> {
    if updates.is_instance_of::<pyo3::types::PyList>() || updates.is_instance_of::<pyo3::types::PyTuple>() {
        return CapacityUpdate::list_from_values(crate::de::PyValues::new(updates)).py_err(updates.py());
    }
    let expected = "updates: expected a dict, a list of dicts or JSON text";
    let one = |values| CapacityUpdate::from_values(values).map(|update| vec![update]);
    json_or_values(updates, "capacity update", expected, CapacityUpdate::one_or_list_from_json, one)
}

py_methods! {
    /// The registry of organisations, teams, service areas, capacity and contact persons
    /// (*sociale kaart* of district nursing).
    ///
    /// Immutable and safe to share between threads: a capacity update returns a new ``Registry``
    /// and leaves this one unchanged. Load it with :meth:`Registry.from_json`.
    class "Registry" PyRegistry(Registry) as v, py;
    repr "<wijknet.Registry version={} organisations={} teams={}>",
        v.version(),
        v.organisations().len(),
        v.teams().len();
    ;
    /// Loads and validates a ``wijknet.registry/v1`` document.
    ///
    /// ``source`` is a path (``str`` or ``pathlib.Path``) of a file, JSON text (a ``str``
    /// starting with ``{``), ``bytes``, or a ``dict``. For a file, text or bytes the GIL is
    /// released while the file is read and the document validated and indexed; a ``dict`` is
    /// read where it is, with the GIL held, exactly as the same JSON text would be.
    ///
    /// ``progress`` (optional) follows a long load (a national document) and can stop it: a
    /// ``tqdm`` bar (reset for each step: ``read`` in bytes, ``check`` and ``index`` in teams) or
    /// a function ``f(step, done, total)`` that returns ``False`` to cancel. A cancelled load
    /// raises ``CancelledError``; an exception raised by the callback (or Ctrl-C) stops the load
    /// and is raised as it is. A ``dict`` source is read without progress reports.
    ///
    /// Raises ``JsonError`` (malformed JSON, with the path), ``SchemaError`` (wrong or missing
    /// ``schema``), ``ValidationError`` (every rule problem at once), ``FileNotFoundError``.
    #[staticmethod]
    #[pyo3(signature = (
        source: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]",
        progress: "Callable[[str, int, int], bool | None] | Any | None" = None
    ))]
    fn from_json(source: &Bound<'_, PyAny>, progress: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let inner = load_with_progress(source, progress, "registry", Registry::from_json_with_progress, Registry::from_values);
        Ok(Self { inner: inner? })
    }

    /// Reads a FHIR R4 Bundle of mCSD resources (path, JSON text, bytes or dict) into a
    /// registry: :meth:`FhirDirectory.from_json` and its registry, for when no ``_history``
    /// Bundle will be applied later. Raises ``JsonError`` and ``ValidationError`` (every problem
    /// at once, at paths such as ``Bundle.entry[3].resource.coverageArea[0]``).
    #[staticmethod]
    #[pyo3(signature = (source: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]"))]
    fn from_fhir(source: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = source.py();
        let bytes = crate::fhir::bundle_bytes(source, wijknet_fhir::directory::DOCUMENT)?;
        Ok(Self { inner: py.detach(|| wijknet_fhir::api::registry_from_fhir(&bytes)).py_err(py)? })
    }

    /// The registry, with current capacity, as a FHIR R4 Bundle of mCSD resources (JSON text):
    /// ``bundle_type`` ``"collection"``, ``"transaction"`` or ``"searchset"``. :meth:`from_fhir`
    /// reads it back to an equal registry.
    #[pyo3(signature = (bundle_type: "str | None" = None))]
    fn to_fhir(&self, py: Python<'_>, bundle_type: Option<&Bound<'_, pyo3::types::PyString>>) -> PyResult<String> {
        let ty =
            bundle_type.map(crate::fhir::bundle_type_arg).transpose()?.unwrap_or(wijknet_fhir::BundleType::Collection);
        Ok(py.detach(|| wijknet_fhir::api::registry_to_fhir(&self.inner, ty)))
    }

    /// The registry as a ``wijknet.registry/v1`` JSON document, with current capacity: loading
    /// it again gives an equal registry.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| self.inner.to_json())
    }

    /// The registry document as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &self.inner.to_doc())
    }

    /// Data version: the document's ``version`` plus one for every capacity update since.
    #[getter]
    fn version(&self) -> u64 {
        self.inner.version()
    }

    /// A new registry with capacity updates applied in order, all or none; this one is
    /// unchanged.
    ///
    /// ``updates`` is one update or a list of them, each a dict (or JSON text) in the capacity
    /// update shape: ``team``, ``expected_version``, ``status``, optional ``free_places``,
    /// ``free_hours`` (hours per week per care type) and ``earliest_start``, ``updated_at``. A
    /// second update of one team names the version the first one gives; the registry version
    /// goes up by one per update. Raises ``VersionConflictError`` when a team's capacity changed
    /// since ``expected_version``, ``NotFoundError`` for an unknown team (for the first update
    /// refused), ``ValidationError`` / ``JsonError`` for a bad update (every problem of every
    /// update at once, at ``$[i]...`` in a list).
    ///
    /// Two calls on the same registry with the same ``expected_version`` both succeed, each
    /// returning its own new registry; to have the second refused, keep the current registry in
    /// a :class:`SharedRegistry`. ``ValidationError`` also when the team's capacity version or
    /// the registry version is at its maximum (versions never wrap).
    #[pyo3(signature = (updates: "Mapping[str, Any] | Sequence[Mapping[str, Any]] | str | bytes"))]
    fn update_capacities(&self, updates: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = updates.py();
        let updates = updates_arg(updates)?;
        Ok(Self { inner: self.inner.update_capacities(&updates).py_err(py)? })
    }

    /// Who can take this client? Matches a request against the registry (and, when given, the
    /// collaboration agreements).
    ///
    /// ``request`` is a :class:`MatchRequest`, a dict in the request JSON shape, or JSON text.
    /// ``now`` is a timezone-aware ``datetime`` or RFC 3339 text (naive datetimes are refused:
    /// the library never guesses a time zone nor reads the clock). Capacity older than
    /// ``stale_after_hours`` is flagged ``capacity_stale``. The GIL is released while matching.
    ///
    /// Raises ``ValidationError`` with every problem of the request (unknown codes, invalid
    /// postcode, unknown insurer or providers, ...), ``JsonError`` for wrong value types.
    // `Option::None`: the stub shows `...` where the text signature gives the default, 72.
    #[pyo3(
        name = "match",
        signature = (
            request: "MatchRequest | Mapping[str, Any] | str | bytes",
            now: "datetime | str",
            stale_after_hours: "int" = Option::None,
            agreements = None
        ),
        text_signature = "($self, request, now, stale_after_hours=72, agreements=None)"
    )]
    fn match_(
        &self,
        py: Python<'_>,
        request: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
        stale_after_hours: Option<&Bound<'_, PyAny>>,
        agreements: Option<&Bound<'_, PyAgreements>>,
    ) -> PyResult<PyMatchResult> {
        let request = request_arg(request)?;
        let now = instant_arg(now, "match options", "now")?;
        let expected = "expected a whole number of hours from 0";
        let hours = match stale_after_hours {
            Some(h) => count_arg(h, "match options", "stale_after_hours", expected)?,
            None => MatchOptions::DEFAULT_STALE_HOURS,
        };
        let options = MatchOptions { now, stale_after: chrono::Duration::hours(i64::from(hours)) };
        let (registry, agreements) = (&self.inner, agreements.map(|a| &a.get().inner));
        let result = py.detach(|| api::match_optionally(registry, agreements, &request, &options));
        Ok(PyMatchResult { inner: result.py_err(py)? })
    }

    /// The teams, each as the element of the registry document's ``teams`` (the shape of
    /// ``to_dict()["teams"]``, with the current ``capacity``), in document order.
    fn teams<'py>(&self, py: Python<'py>) -> crate::PyValue<'py> {
        dict_of(py, &api::teams(&self.inner, None))
    }

    /// A team by id, in the shape :meth:`teams` gives it, or ``None``.
    fn team<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        api::team(&self.inner, id).map(|doc| dict_of(py, &doc)).transpose()
    }

    /// The teams whose service area touches the location's PC4 (wholly or some streets), in
    /// document order: the teams a match evaluates. ``location`` is a PC6 (``"7511AB"``) or PC4
    /// (``"7511"``); teams in the shape :meth:`teams` gives them. Raises ``ValidationError`` for
    /// another postcode (at ``$.location``).
    #[pyo3(signature = (location: "str"))]
    fn teams_near<'py>(&self, location: &Bound<'py, PyAny>) -> crate::PyValue<'py> {
        let near = location_arg(location, "teams query", "location")?;
        dict_of(location.py(), &api::teams(&self.inner, Some(near)))
    }

    /// The organisations, each as the element of the registry document's ``organisations`` (the
    /// shape of ``to_dict()["organisations"]``), in document order.
    fn organisations<'py>(&self, py: Python<'py>) -> crate::PyValue<'py> {
        dict_of(py, &api::organisations(&self.inner))
    }

    /// The coordination point (*coördinatiepunt*) accountable for a location (PC6 or PC4), as a
    /// dict in the registry document's ``coordination_points`` shape (``id``, ``organisation``,
    /// ``name``, ``area``, ``contact``), or ``None`` where no point covers it. Raises
    /// ``ValidationError`` for another postcode (at ``$.location``).
    #[pyo3(signature = (location: "str"))]
    fn coordination_point_for<'py>(&self, location: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let at = location_arg(location, "coordination point query", "location")?;
        api::coordination_point(&self.inner, at).map(|doc| dict_of(location.py(), &doc)).transpose()
    }

    /// Number of teams.
    fn __len__(&self) -> usize {
        self.inner.teams().len()
    }
}

impl PySharedRegistry {
    /// A Python ``Registry`` of a core value; cloning a registry copies reference counts, not
    /// data.
    fn registry(value: &Arc<Registry>) -> PyRegistry {
        PyRegistry { inner: Registry::clone(value) }
    }
}

py_methods! {
    /// The current registry of an application, shared by all its threads, with capacity updates
    /// that cannot be lost.
    ///
    /// ``Registry.update_capacities`` returns a new value and leaves storing it to you, so two threads
    /// that update the same registry with the same ``expected_version`` both succeed and whichever
    /// stores its result last silently erases the other. A ``SharedRegistry`` holds the current
    /// registry and installs an update only if the value it was applied to is still current
    /// (compare-and-swap); otherwise it applies the update again to the newer value. So of two
    /// updates based on the same ``expected_version`` of a team exactly one succeeds and the other
    /// raises ``VersionConflictError``, while updates of different teams all succeed.
    ///
    /// Safe to share between threads without a lock: every method may be called from any thread at
    /// once, and reading the current registry never waits for a writer.
    class "SharedRegistry" PySharedRegistry(SharedRegistry) as v, py;
    repr "<wijknet.SharedRegistry current version={}>", v.current().version();
    ;
    /// Starts sharing ``registry`` as the current registry. ``registry`` itself is unchanged
    /// (registries never change) and stays usable.
    #[new]
    fn new(registry: &Bound<'_, PyRegistry>) -> Self {
        Self { inner: SharedRegistry::new(registry.get().inner.clone()) }
    }

    /// The current registry: a snapshot that never changes, whatever is installed after it was
    /// taken. Use one snapshot for everything that must agree (a match and the explanation shown
    /// with it) and take a new one for the next request.
    fn current(&self) -> PyRegistry {
        Self::registry(&self.inner.current())
    }

    /// Applies capacity updates (one or a list, as for :meth:`Registry.update_capacities`: in
    /// order, all or none) to the current registry, installs the result and returns it. When
    /// another thread installed a value in between, the updates are applied again to that newer
    /// value, so concurrent writers behave as if they ran one after the other. On error nothing is
    /// installed. The GIL is released meanwhile.
    ///
    /// Raises ``VersionConflictError`` when a team's capacity changed since
    /// ``expected_version`` (take a new :meth:`current`, decide again, retry), ``NotFoundError``
    /// for an unknown team, ``ValidationError`` / ``JsonError`` for a bad update and
    /// ``ValidationError`` when a version is at its maximum (versions never wrap: reload the
    /// registry from a document with a lower version).
    #[pyo3(signature = (updates: "Mapping[str, Any] | Sequence[Mapping[str, Any]] | str | bytes"))]
    fn update_capacities(&self, updates: &Bound<'_, PyAny>) -> PyResult<PyRegistry> {
        let py = updates.py();
        let updates = updates_arg(updates)?;
        let installed = py.detach(|| self.inner.update_capacities(&updates)).py_err(py)?;
        Ok(Self::registry(&installed))
    }

    /// Installs ``registry`` (typically a newly loaded document) as the current registry,
    /// whatever is current.
    ///
    /// Last writer wins, on purpose: a new document supersedes the old one, including capacity
    /// updates installed since the old one was loaded. An update running at the same time is
    /// applied to the new registry.
    fn replace(&self, registry: &Bound<'_, PyRegistry>) {
        self.inner.replace(registry.get().inner.clone());
    }
}
