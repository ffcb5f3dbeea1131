//! Referrals, their lifecycle events and the monitoring figures, as objects and as Arrow tables
//! that polars, pyarrow and DuckDB read without copying (`Table.to_pandas()` for pandas).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use wijknet_python_macros::catch_panics;

use wijknet::referral::{
    EVENTS_SCHEMA, EscalationPolicy, Event, Monitoring, ReferralBook, ReferralRow, ReferralSummary, check_escalation,
};
use wijknet::referral::{parse_event, parse_event_values, parse_events_values, parse_events_with_progress};

use crate::agreements::PyAgreements;
use crate::convert::{instant_arg, json_or_values, load_raw};
use crate::de::PyValues;
use crate::errors::{IntoPy, invalid, to_py};
use crate::matching::dict_of;
use crate::progress::PyProgress;
use crate::registry::PyRegistry;
use crate::table::{PyTable, table_error};
use wijknet::what_if::WhatIf;
use wijknet_tables::files::ParquetSink;

/// An events document `{"schema": ..., "events": events}` around Python values.
fn events_document<'py>(events: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let doc = PyDict::new(events.py());
    doc.set_item("schema", EVENTS_SCHEMA)?;
    doc.set_item("events", events)?;
    Ok(doc)
}

/// Events from a document argument (path, JSON text, bytes, dict) or a list of event dicts.
fn events_arg(obj: &Bound<'_, PyAny>) -> PyResult<Arc<Vec<Event>>> {
    events_read(obj, &mut PyProgress::none())
}

/// [`events_arg`], reporting the reading of a file, text or bytes (steps `read` and `check`) to
/// `observer`; a history is taken as it is and a list of dicts is read without reports.
fn events_read(obj: &Bound<'_, PyAny>, observer: &mut PyProgress) -> PyResult<Arc<Vec<Event>>> {
    let py = obj.py();
    if let Ok(history) = obj.cast::<PyReferralHistory>() {
        return Ok(history.get().events.clone());
    }
    if obj.is_instance_of::<PyList>() {
        return parse_events_values(PyValues::new(events_document(obj)?.as_any())).map(Arc::new).py_err(py);
    }
    let read =
        load_raw(obj, "referral events", |b| parse_events_with_progress(b, &mut *observer), parse_events_values)?;
    observer.answer(py, read).map(Arc::new)
}

/// One event from a dict or JSON text, read by the core as one event (strictly: a key given
/// twice in JSON text is refused), with paths relative to the event (`$.pc4`).
fn event_arg(obj: &Bound<'_, PyAny>) -> PyResult<Event> {
    json_or_values(obj, "referral event", "event: expected a dict or JSON text", parse_event, parse_event_values)
}

/// Replays events into `book`, stopping at the first refused one; the error gets `event_index`.
fn apply_events(py: Python<'_>, book: &mut ReferralBook, events: &[Event], observer: &mut PyProgress) -> PyResult<()> {
    match py.detach(|| book.apply_all(events, observer)) {
        Ok(()) => Ok(()),
        Err(stopped) => Err(refused(py, observer, stopped.event_index, &stopped.error)?),
    }
}

/// The exception for a replay that stopped: the callback's own exception when it raised one,
/// else the error, with ``event_index`` set when an event was refused.
fn refused(py: Python<'_>, observer: &mut PyProgress, index: Option<usize>, err: &wijknet::Error) -> PyResult<PyErr> {
    if let Some(e) = observer.take_error() {
        return Ok(e);
    }
    let exc = to_py(py, err);
    if let Some(i) = index {
        exc.value(py).setattr("event_index", i)?;
    }
    Ok(exc)
}

py_methods! {
    /// What a proposal changes in a referral history: totals, per kind of change, per PC4,
    /// municipality, care type and part of the day, and the changed referrals
    /// (``wijknet.what-if/v1``; see ``ReferralBook.what_if``). After-figures of referrals that gain
    /// or lose their last candidate are estimates (``estimated``).
    value "WhatIf" PyWhatIf(WhatIf) as v, py;
    repr "wijknet.WhatIf(referrals={}, changed={}, no_eligible_team={}->{})",
        v.total.referrals,
        v.total.changed,
        v.total.no_eligible_team_before,
        v.total.no_eligible_team_after;
    /// Referrals never submitted (not matched).
    get not_submitted -> i64 = v.not_submitted;
    /// Changed referrals not listed in ``referrals``.
    get referrals_omitted -> i64 = v.referrals_omitted;
    /// The row of all submitted referrals (``referrals``, ``no_eligible_team_before``/``after``,
    /// ``candidates_before``/``after``, ``changed``, ``now_eligible``, ``no_longer_eligible``,
    /// ``placed_before``/``after``, ``time_to_placement_before``/``after``,
    /// ``escalated_before``/``after``, ``estimated_after``).
    get total -> crate::PyValue<'py> = dict_of(py, &v.total);
    /// Referrals per kind of change code.
    get by_change -> crate::PyValue<'py> = dict_of(py, &v.by_change);
    /// Rows per client PC4.
    get by_pc4 -> crate::PyValue<'py> = dict_of(py, &v.by_pc4);
    /// Rows per municipality code.
    get by_municipality -> crate::PyValue<'py> = dict_of(py, &v.by_municipality);
    /// Rows per care type code.
    get by_care_type -> crate::PyValue<'py> = dict_of(py, &v.by_care_type);
    /// Rows per part of the day of submission (``day``, ``evening``, ``night``).
    get by_time_of_day -> crate::PyValue<'py> = dict_of(py, &v.by_time_of_day);
    /// The changed referrals (dicts), by submission time then id.
    get referrals -> crate::PyValue<'py> = dict_of(py, &v.referrals);
    ;
    /// The ``wijknet.what-if/v1`` document as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &self.inner.to_json_value())
    }
    /// The ``wijknet.what-if/v1`` document as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    /// A result written by :meth:`to_json` (saved earlier, or pickled) read back.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Ok(Self { inner: WhatIf::from_json(text).py_err(py)? })
    }
    /// The total and every group (``dimension`` ``all``, ``pc4``, ``municipality``,
    /// ``care_type``, ``time_of_day``; ``key``) as a :class:`Table`, one row each, with the
    /// figures of :attr:`total` (time to placement as median and p90 seconds).
    fn table(&self, py: Python<'_>) -> PyTable {
        PyTable::new("what_if", py.detach(|| wijknet_tables::what_if_batch(&self.inner)))
    }
}

py_methods! {
    /// One referral: its status, declines, placement, escalation and every offer.
    value "ReferralSummary" PyReferralSummary(ReferralSummary) as v, py;
    json ReferralSummary;
    repr "wijknet.ReferralSummary(id={:?}, status={:?})", v.id.as_str(), v.status.code();
    /// Referral id.
    get id -> &str = v.id.as_str();
    /// Referral status code (``"requested"``, ``"in_care"``, ...).
    get status -> &'static str = v.status.code();
    /// Number of team rejections.
    get declines -> i32 = v.declines;
    /// The team under which care started, or ``None``.
    get placed_team -> Option<&str> = v.placed_team.as_ref().map(|t| t.as_str());
    /// ``{"at", "trigger", "accountable"}`` when the referral ever escalated, else ``None``.
    get escalation -> PyResult<Option<Bound<'py, PyAny>>> = v.escalation.as_ref().map(|e| dict_of(py, e)).transpose();
    /// ``{"code", "text"?}`` of a cancellation or failure, else ``None``.
    get reason -> PyResult<Option<Bound<'py, PyAny>>> = v.reason.as_ref().map(|r| dict_of(py, r)).transpose();
    /// Every offer in the order sent: dicts ``{"team", "status", "reason"}``.
    get offers -> crate::PyValue<'py> = dict_of(py, &v.offers);
    ;
}

py_methods! {
    /// The monitoring figures of a set of referrals: time to placement (overall and per care type,
    /// PC4, municipality), teams contacted, declines per reason, escalations, referrals never placed.
    value "Monitoring" PyMonitoring(Monitoring) as v, py;
    repr "wijknet.Monitoring(referrals={}, placed={}, escalated={})",
        v.referrals, v.placed, v.escalated;
    /// Number of referrals.
    get referrals -> crate::PyValue<'py> = dict_of(py, &v.referrals);
    /// Referrals placed (care started).
    get placed -> crate::PyValue<'py> = dict_of(py, &v.placed);
    /// Hours of care per week of the placed referrals whose intake states them.
    get placed_hours_per_week -> crate::PyValue<'py> = dict_of(py, &v.placed_hours_per_week);
    /// Placed referrals whose intake states no hours (not in ``placed_hours_per_week``).
    get placed_without_hours -> crate::PyValue<'py> = dict_of(py, &v.placed_without_hours);
    /// ``{"count", "median_secs", "p90_secs"}`` from submission to the accepting team's start.
    get time_to_placement -> crate::PyValue<'py> = dict_of(py, &v.time_to_placement);
    /// Time to placement per care type code.
    get time_to_placement_by_care_type -> crate::PyValue<'py> = dict_of(py, &v.time_to_placement_by_care_type);
    /// Time to placement per client PC4.
    get time_to_placement_by_pc4 -> crate::PyValue<'py> = dict_of(py, &v.time_to_placement_by_pc4);
    /// Time to placement per municipality code.
    get time_to_placement_by_municipality -> crate::PyValue<'py> = dict_of(py, &v.time_to_placement_by_municipality);
    /// Offers per referral: ``{"median", "p90", "histogram"}``.
    get teams_contacted -> crate::PyValue<'py> = dict_of(py, &v.teams_contacted);
    /// Declines per reason code.
    get declines -> crate::PyValue<'py> = dict_of(py, &v.declines);
    /// Declines per care type and reason.
    get declines_by_care_type -> crate::PyValue<'py> = dict_of(py, &v.declines_by_care_type);
    /// Declines per PC4 and reason.
    get declines_by_pc4 -> crate::PyValue<'py> = dict_of(py, &v.declines_by_pc4);
    /// Declines per municipality and reason.
    get declines_by_municipality -> crate::PyValue<'py> = dict_of(py, &v.declines_by_municipality);
    /// Referrals that ever escalated.
    get escalated -> crate::PyValue<'py> = dict_of(py, &v.escalated);
    /// Escalated referrals per trigger code.
    get escalated_by_trigger -> crate::PyValue<'py> = dict_of(py, &v.escalated_by_trigger);
    /// Referrals never placed, per current status code.
    get never_placed -> crate::PyValue<'py> = dict_of(py, &v.never_placed);
    ;
    /// Every figure as a row of a :class:`Table`: ``metric``, ``dimension``, ``key``,
    /// ``reason``, ``count``, ``median_secs``, ``p90_secs``, ``hours_per_week``
    /// (``table().to_pylist()`` for one dict per row; ``polars.DataFrame(table)`` reads it).
    fn table(&self, py: Python<'_>) -> PyTable {
        PyTable::new("monitoring", py.detach(|| wijknet_tables::monitoring_batch(&self.inner.rows())))
    }
    /// The JSON shape as a dict (the shape of the referral conformance vectors).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &self.inner)
    }
    /// The figures as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    /// Figures written by :meth:`to_json` (saved earlier, or pickled) read back.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Ok(Self { inner: Monitoring::from_json(text).py_err(py)? })
    }
    /// Pickling: the figures as their JSON text.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((slf.get_type().getattr("from_json")?, (slf.get().inner.to_json(),)))
    }
}

/// The referrals of a region or the country, rebuilt from their lifecycle events
/// (*verwijzingen*). Every event is checked against the lifecycle (who may make which change in
/// which state); a refused event changes nothing and raises ``TransitionError`` (or
/// ``VersionConflictError`` for a stale ``seq``, ``NotFoundError`` for an unknown referral).
///
/// A book changes as events are applied: share it between threads only for reading, or guard it.
#[pyclass(module = "wijknet", name = "ReferralBook")]
#[derive(Debug, Default)]
pub struct PyReferralBook {
    pub inner: ReferralBook,
}

#[catch_panics]
#[pymethods]
impl PyReferralBook {
    /// An empty book.
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// A book rebuilt from an events document (path, JSON text, bytes, dict, or a list of event
    /// dicts), applying the events in order with the GIL released. A refused event raises its
    /// error with ``event_index`` (0-based) set.
    ///
    /// ``progress`` (optional) follows a long replay (a national year) and can stop it: a
    /// ``tqdm`` bar (reset for each step: ``read`` in bytes, ``check`` and ``replay`` in events)
    /// or a function ``f(step, done, total)`` that returns ``False`` to cancel (then
    /// ``CancelledError``; an exception raised by the callback, or Ctrl-C, is raised as it is).
    /// A list of event dicts is read without reports; its replay is reported.
    #[staticmethod]
    #[pyo3(signature = (
        events: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any] | list[Mapping[str, Any]] | ReferralHistory",
        progress: "Callable[[str, int, int], bool | None] | Any | None" = None
    ))]
    fn replay(events: &Bound<'_, PyAny>, progress: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let py = events.py();
        let mut observer = PyProgress::new(progress)?;
        let events = events_read(events, &mut observer)?;
        match py.detach(|| ReferralBook::replay_indexed(&events, &mut observer)) {
            Ok(inner) => Ok(Self { inner }),
            Err(stopped) => Err(refused(py, &mut observer, stopped.event_index, &stopped.error)?),
        }
    }

    /// Applies one event (a dict or JSON text in the wire form). On error nothing changes.
    #[pyo3(signature = (event: "Mapping[str, Any] | str"))]
    fn apply(&mut self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let e = event_arg(event)?;
        self.inner.apply(&e).py_err(py)
    }

    /// Applies the events of a document in order; stops at the first refused one (whose error
    /// carries ``event_index``), keeping the events applied before it.
    #[pyo3(signature = (
        events: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any] | list[Mapping[str, Any]] | ReferralHistory"
    ))]
    fn apply_all(&mut self, py: Python<'_>, events: &Bound<'_, PyAny>) -> PyResult<()> {
        let events = events_arg(events)?;
        apply_events(py, &mut self.inner, &events, &mut PyProgress::none())
    }

    /// One referral's summary, or ``None`` for an unknown id.
    fn referral(&self, id: &str) -> Option<PyReferralSummary> {
        self.inner.get(id).map(|r| PyReferralSummary { inner: r.summary() })
    }

    /// Every referral's summary, sorted by id.
    fn summaries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let s = py.detach(|| self.inner.summaries());
        PyList::new(py, s.into_iter().map(|inner| PyReferralSummary { inner }))
    }

    /// The referral ids, sorted.
    fn ids(&self) -> Vec<String> {
        self.inner.referrals().iter().map(|r| r.id().to_string()).collect()
    }

    /// What-if: every submitted referral matched again at its submission time under the baseline
    /// (``registry`` with ``agreements``) and the proposal (``proposed_registry``, default the
    /// same registry, with ``proposed_agreements``; ``None``: no agreements, so pass the current
    /// agreements again to change only the registry). At most ``max_referrals`` changed referrals
    /// are listed. Runs with the GIL released. ``progress`` (a tqdm bar or ``f(step, done,
    /// total)`` returning ``False`` to cancel: ``CancelledError``) follows the referrals matched.
    #[pyo3(signature = (
        registry, agreements = None, proposed_agreements = None, proposed_registry = None, max_referrals = 1000,
        progress: "Callable[[str, int, int], bool | None] | Any | None" = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn what_if(
        &self,
        py: Python<'_>,
        registry: &Bound<'_, PyRegistry>,
        agreements: Option<&Bound<'_, PyAgreements>>,
        proposed_agreements: Option<&Bound<'_, PyAgreements>>,
        proposed_registry: Option<&Bound<'_, PyRegistry>>,
        max_referrals: usize,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyWhatIf> {
        let mut observer = PyProgress::new(progress)?;
        let baseline = (&registry.get().inner, agreements.map(|a| &a.get().inner));
        let proposed = (proposed_registry.map(|r| &r.get().inner), proposed_agreements.map(|a| &a.get().inner));
        let result = py.detach(|| wijknet::api::what_if(&self.inner, baseline, proposed, max_referrals, &mut observer));
        Ok(PyWhatIf { inner: observer.answer(py, result)? })
    }

    /// The monitoring figures of every referral in the book (computed with the GIL released).
    fn monitoring(&self, py: Python<'_>) -> PyMonitoring {
        PyMonitoring { inner: py.detach(|| Monitoring::from_book(&self.inner)) }
    }

    /// One row per referral as a :class:`Table`, sorted by referral id: ``referral``,
    /// ``referrer``, ``created_at``, ``submitted_at``, ``acute``, ``care_types``, ``pc4``,
    /// ``municipality``, ``status``, ``offers``, ``declines``, ``placed``,
    /// ``time_to_placement_secs``, ``escalation_trigger``, ``reason`` (``to_pylist()`` for one
    /// dict per row, ``to_pandas()`` for a data frame).
    fn referral_table(&self, py: Python<'_>) -> PyTable {
        PyTable::new("referrals", py.detach(|| wijknet_tables::referrals_batch(&ReferralRow::of_book(&self.inner))))
    }

    /// Whether a referral must escalate now under ``policy`` (a dict like a ``created`` event's
    /// ``policy``: ``accountable``, ``max_unplaced_acute_secs``, ``max_unplaced_non_acute_secs``,
    /// ``max_declines``, which may be left out for 0): the ``escalated`` event to apply (wire
    /// form, a dict), or ``None``. Raises ``NotFoundError`` for an unknown referral,
    /// ``ValidationError`` for a policy outside its limits (every problem at once) and
    /// ``JsonError`` for an unknown key or a value of the wrong type.
    #[pyo3(signature = (referral, policy: "Mapping[str, Any]", now: "datetime | str"))]
    fn check_escalation<'py>(
        &self,
        py: Python<'py>,
        referral: &str,
        policy: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let policy = EscalationPolicy::from_values(PyValues::new(policy)).py_err(py)?;
        let now = instant_arg(now, "escalation check", "now")?;
        let r = self.inner.referral(referral).py_err(py)?;
        check_escalation(r, &policy, now).py_err(py)?.map(|e| dict_of(py, &e)).transpose()
    }

    /// Number of referrals.
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<wijknet.ReferralBook referrals={}>", self.inner.len())
    }
}

/// Reads referral events from a FHIR ``history`` Bundle of ServiceRequest and Task versions
/// (path, JSON text, bytes or dict), in the order they happened, as event dicts in the shape of
/// an events document's ``events`` (what :meth:`ReferralBook.replay` and :class:`ReferralHistory`
/// take). Raises ``JsonError`` and ``ValidationError`` (every problem at once, at
/// ``Bundle.entry[i]...`` paths).
#[catch_panics]
#[pyfunction]
#[pyo3(signature = (bundle: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]"))]
pub fn referral_events_from_fhir<'py>(bundle: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = bundle.py();
    let bytes = crate::fhir::bundle_bytes(bundle, wijknet_fhir::referral::DOCUMENT)?;
    let events = py.detach(|| wijknet_fhir::api::referral_events_from_fhir(&bytes)).py_err(py)?;
    dict_of(py, &events)
}

/// Writes referral events (an events document or a list of event dicts, in the order applied)
/// as a FHIR ``history`` Bundle of ServiceRequest and Task versions (JSON text, newest first).
/// The events must replay: a refused event raises as :meth:`ReferralBook.replay` does.
#[catch_panics]
#[pyfunction]
#[pyo3(signature = (
    events: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any] | list[Mapping[str, Any]] | ReferralHistory"
))]
pub fn referral_events_to_fhir(events: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = events.py();
    let events = events_arg(events)?;
    py.detach(|| wijknet_fhir::api::referral_events_to_fhir(&events)).map_err(|e| to_py(py, &e))
}

/// A referral history held in wijknet (the events of a region's or the country's year), for
/// histories too large for one JSON document (a national year is about 1.5 million events):
/// generate or read it once, then replay it, turn it into a :class:`Table` or write it as
/// Parquet without the events passing through Python objects. Every call that takes events
/// takes a history too. Immutable; safe to share between threads.
#[pyclass(module = "wijknet", name = "ReferralHistory", frozen)]
#[derive(Debug)]
pub struct PyReferralHistory {
    pub events: Arc<Vec<Event>>,
}

#[catch_panics]
#[pymethods]
impl PyReferralHistory {
    /// Reads an events document (path, JSON text, bytes, dict or a list of event dicts);
    /// ``progress`` as for :meth:`ReferralBook.replay` (steps ``read`` and ``check``).
    #[staticmethod]
    #[pyo3(signature = (
        source: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any] | list[Mapping[str, Any]] | ReferralHistory",
        progress: "Callable[[str, int, int], bool | None] | Any | None" = None
    ))]
    fn from_json(source: &Bound<'_, PyAny>, progress: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(Self { events: events_read(source, &mut PyProgress::new(progress)?)? })
    }

    /// A deterministic year of referral events, sorted by time, for examples, tests and
    /// benchmarks: the same arguments give the same events (:meth:`to_json` for the
    /// ``wijknet.referral-events/v1`` document).
    ///
    /// Without ``registry``: a national year created during 2025 whose teams exist in no registry
    /// (about seven events per referral; a national year is ``referrals=216_000``, more than one
    /// JSON document may hold). With ``registry`` (and optionally its ``agreements``): a year
    /// (2026) of referrals in the area the registry covers, whose offers go to the teams matching
    /// returns for each referral at its moment, so every team exists in the registry. The
    /// assumptions (demand per PC4, care-type mix, acute share, submission times, declines) are
    /// documented in ``wijknet_fixtures::history``.
    // The generators are in wijknet-fixtures (feature `synthetic`, on by default), not the core.
    #[cfg(feature = "synthetic")]
    #[staticmethod]
    #[pyo3(signature = (seed, referrals, registry=None, agreements=None))]
    fn generate(
        py: Python<'_>,
        seed: u64,
        referrals: usize,
        registry: Option<&Bound<'_, PyRegistry>>,
        agreements: Option<&Bound<'_, PyAgreements>>,
    ) -> PyResult<Self> {
        let events = match (registry, agreements) {
            (None, Some(_)) => Err(invalid("arguments", "$.agreements", "expected a registry with the agreements")),
            (None, None) => Ok(py.detach(|| wijknet_fixtures::national_referral_events(seed, referrals))),
            (Some(r), a) => {
                let (registry, agreements) = (&r.get().inner, a.map(|a| &a.get().inner));
                Ok(py.detach(|| wijknet_fixtures::registry_referral_events(seed, referrals, registry, agreements)))
            }
        };
        Ok(Self { events: Arc::new(events.py_err(py)?) })
    }

    fn __len__(&self) -> usize {
        self.events.len()
    }

    fn __repr__(&self) -> String {
        format!("<wijknet.ReferralHistory of {} events>", self.events.len())
    }

    /// The events as a :class:`Table`, one row per event in order: the event's fields with
    /// nested ones joined by ``_`` (``actor_role``, ``reason_code``, ``policy_accountable``),
    /// ``at`` a UTC timestamp, ``care_types`` a list of codes, nulls for what an event type does
    /// not have. ``polars.DataFrame(table)`` reads it without copying.
    fn table(&self, py: Python<'_>) -> PyTable {
        PyTable::new("events", py.detach(|| wijknet_tables::events_batch(&self.events)))
    }

    /// The ``wijknet.referral-events/v1`` JSON document.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| wijknet::referral::events_to_json(&self.events))
    }

    /// Writes the events as a Parquet file (the columns of :meth:`table`), a row group
    /// at a time, with the GIL released. Returns the rows written.
    fn write_parquet(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<u64> {
        let file = std::fs::File::create(&path)?;
        let events = &self.events;
        py.detach(|| {
            let mut sink = ParquetSink::events(std::io::BufWriter::new(file))?;
            sink.write_events(events)?;
            sink.close()
        })
        .map_err(table_error)
    }
}

/// Writes referral events into one Parquet file piece by piece, so a multi-year national
/// history never has to be in memory at once: every :meth:`write` adds one events document (or
/// list, or :class:`ReferralHistory`) as rows, :meth:`close` (or leaving the ``with`` block)
/// finishes the file. DuckDB, Spark and polars then read the file (the columns of
/// :meth:`ReferralHistory.table`). Not thread-safe across concurrent writes (they are serialised).
#[pyclass(module = "wijknet", name = "EventsParquetWriter")]
pub struct PyEventsParquetWriter {
    sink: std::sync::Mutex<Option<ParquetSink<std::io::BufWriter<std::fs::File>>>>,
}

impl std::fmt::Debug for PyEventsParquetWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventsParquetWriter").finish_non_exhaustive()
    }
}

fn closed() -> PyErr {
    pyo3::exceptions::PyValueError::new_err("the Parquet file is closed")
}

#[catch_panics]
#[pymethods]
impl PyEventsParquetWriter {
    /// Creates (or truncates) the file at ``path``.
    #[new]
    fn new(path: std::path::PathBuf) -> PyResult<Self> {
        let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let sink = ParquetSink::events(file).map_err(table_error)?;
        Ok(Self { sink: std::sync::Mutex::new(Some(sink)) })
    }

    /// Adds the events of one document (read and checked like :meth:`ReferralHistory.from_json`; a
    /// document with a problem adds nothing and raises). Returns the rows written so far.
    #[pyo3(signature = (
        events: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any] | list[Mapping[str, Any]] | ReferralHistory"
    ))]
    fn write(&self, events: &Bound<'_, PyAny>) -> PyResult<u64> {
        let py = events.py();
        let events = events_arg(events)?;
        let mut guard = self.sink.lock().unwrap_or_else(|p| p.into_inner());
        let sink = guard.as_mut().ok_or_else(closed)?;
        py.detach(|| sink.write_events(&events)).map_err(table_error)
    }

    /// Finishes the file; returns the rows written. Closing twice is an error.
    fn close(&self, py: Python<'_>) -> PyResult<u64> {
        let sink = self.sink.lock().unwrap_or_else(|p| p.into_inner()).take().ok_or_else(closed)?;
        py.detach(|| sink.close()).map_err(table_error)
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> PyResult<bool> {
        if self.sink.lock().unwrap_or_else(|p| p.into_inner()).is_some() {
            self.close(py)?;
        }
        Ok(false)
    }
}
