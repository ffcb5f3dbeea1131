//! Collaboration agreements: the on-call query, agreement checks and delegated mandates.

use pyo3::prelude::*;
use pyo3::types::PyList;

use wijknet::agreements::{Agreements, Duty, Finding, MandateCheck, OnCall};

use crate::consent::PyConsentRequest;
use crate::convert::{code_arg, count_arg, date_arg, instant_arg, load, location_arg};
use crate::errors::IntoPy;
use crate::matching::{PyContact, contact, dict_of};
use crate::registry::PyRegistry;

/// The collaboration agreements (*samenwerkingsafspraken*) of a region: night-care rotations,
/// subcontracting, shared specialist teams, coordination points, case coordination, delegated Wmo
/// mandates and data-sharing agreements.
///
/// Loaded against a :class:`Registry` (every party and team must exist there). Immutable and safe
/// to share between threads. Pass it to :meth:`Registry.match` to let agreements count.
#[pyclass(module = "wijknet", name = "Agreements", frozen)]
#[derive(Debug)]
pub struct PyAgreements {
    pub inner: Agreements,
    /// The registry they were loaded against: a pickle holds it, so that unpickling validates
    /// the agreements against it again (the registry is pickled once, however many agreements
    /// name it).
    registry: Py<PyRegistry>,
}

py_methods! { PyAgreements as v, py;
    repr "<wijknet.Agreements version={} agreements={}>", v.version(), v.agreements().len();

    /// Data version of the document.
    get version -> u64 = v.version();
    ;
    /// Loads and validates a ``wijknet.agreements/v1`` document against ``registry``; every
    /// problem (unknown party or team, inverted period, unknown code, bad terms) is reported at
    /// once in a ``ValidationError``.
    ///
    /// ``source`` is a path, JSON text, ``bytes`` or a ``dict``, as for
    /// :meth:`Registry.from_json`. The GIL is released while loading (except from a ``dict``,
    /// which is read where it is).
    #[staticmethod]
    #[pyo3(signature = (source: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]", registry))]
    fn from_json(source: &Bound<'_, PyAny>, registry: &Bound<'_, PyRegistry>) -> PyResult<Self> {
        let reg = &registry.get().inner;
        let from_values = |values| Agreements::from_values(values, reg);
        let inner = load(source, "agreements", |b| Agreements::from_json(b, reg), from_values)?;
        Ok(Self { inner, registry: registry.clone().unbind() })
    }

    /// The :class:`Registry` the agreements were loaded (and validated) against.
    #[getter]
    fn registry(&self, py: Python<'_>) -> Py<PyRegistry> {
        self.registry.clone_ref(py)
    }

    /// The ``wijknet.agreements/v1`` JSON document.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| self.inner.to_json())
    }

    /// The agreements document as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &self.inner.to_doc())
    }

    /// The agreement ids, in document order.
    fn ids(&self) -> Vec<String> {
        self.inner.agreements().iter().map(|a| a.id.to_string()).collect()
    }

    /// Who covers this postcode for night care at this instant, and whom do I call?
    ///
    /// ``location`` is a PC4 (``"7511"``) or PC6 (``"7511AB"``); ``at`` a timezone-aware
    /// ``datetime`` or RFC 3339 text.
    #[pyo3(signature = (registry, location: "str", at: "datetime | str"))]
    fn on_call(
        &self,
        registry: &Bound<'_, PyRegistry>,
        location: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<PyOnCall> {
        let location = location_arg(location, "on-call query", "location")?;
        let at = instant_arg(at, "on-call query", "at")?;
        let py = registry.py();
        Ok(PyOnCall { inner: self.inner.on_call(&registry.get().inner, location, at).py_err(py)? })
    }

    /// Agreement findings to fix before they bite (night gaps and overlaps, dangling references,
    /// overdue reviews, expired mandates) for nights from ``today`` up to ``horizon_days`` ahead.
    #[pyo3(signature = (registry, today: "date | str", horizon_days: "int"))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        registry: &Bound<'py, PyRegistry>,
        today: &Bound<'py, PyAny>,
        horizon_days: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let today = date_arg(today, "agreement check", "today")?;
        let expected = "expected a whole number of days from 0";
        let horizon = count_arg(horizon_days, "agreement check", "horizon_days", expected)?;
        let (set, reg) = (&self.inner, &registry.get().inner);
        let findings = py.detach(|| set.check(reg, today, horizon)).py_err(py)?;
        PyList::new(py, findings.into_iter().map(|f| PyFinding { inner: f }))
    }

    /// Whether a provider's district nurse may assess this (Wmo) care on a date under a
    /// delegated mandate, and until when such an assessment holds.
    #[pyo3(signature = (provider, care_type: "str", date: "date | str"))]
    fn may_assess(
        &self,
        provider: &str,
        care_type: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
    ) -> PyResult<PyMandateCheck> {
        let care = code_arg(care_type, "mandate check", "care_type", wijknet::CareType::from_code)?;
        let date = date_arg(date, "mandate check", "date")?;
        let py = care_type.py();
        Ok(PyMandateCheck { inner: self.inner.may_assess(provider, care, date).py_err(py)? })
    }

    /// Organisations with a case-coordination agreement for this (pseudonymous) client on a
    /// date: the coordinator first, then the members.
    #[pyo3(signature = (client, date: "date | str"))]
    fn case_team(&self, client: &str, date: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let date = date_arg(date, "case team query", "date")?;
        Ok(self.inner.case_team(client, date).into_iter().map(|i| i.to_string()).collect())
    }

    /// The escalation policy for referrals of a location on a date, from the coordination-point
    /// agreement in force there: a dict in the shape of a ``created`` event's ``policy``
    /// (``accountable``, ``max_unplaced_acute_secs``, ``max_unplaced_non_acute_secs``,
    /// ``max_declines``), usable with :meth:`ReferralBook.check_escalation`; ``None`` when no
    /// coordination point covers it.
    #[pyo3(signature = (location: "str", date: "date | str"))]
    fn escalation_policy<'py>(
        &self,
        py: Python<'py>,
        location: &Bound<'py, PyAny>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let location = location_arg(location, "escalation policy query", "location")?;
        let date = date_arg(date, "escalation policy query", "date")?;
        self.inner.escalation_policy(location, date).map(|p| dict_of(py, &p)).transpose()
    }

    /// The data-sharing agreements binding an organisation, in the consent request's shape
    /// (dicts: ``id``, ``parties``, ``categories``, ``purposes``, ``valid_from``, ``valid_until``,
    /// ``active``).
    fn sharing_agreements_for<'py>(&self, py: Python<'py>, organisation: &str) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &self.inner.sharing_agreements_for(organisation))
    }

    /// A new consent request with what the agreements know added: the organisations of a
    /// case-coordination agreement for the client get a treatment relationship, and the
    /// discloser's data-sharing agreements are offered as a basis. Facts already given are kept.
    #[pyo3(signature = (request: "ConsentRequest | Mapping[str, Any] | str | bytes", date: "date | str"))]
    fn add_consent_facts(&self, request: &Bound<'_, PyAny>, date: &Bound<'_, PyAny>) -> PyResult<PyConsentRequest> {
        let mut req = crate::consent::request_arg(request)?;
        let date = date_arg(date, "consent request", "date")?;
        self.inner.add_consent_facts(&mut req, date);
        Ok(PyConsentRequest { inner: req })
    }

    fn __len__(&self) -> usize {
        self.inner.agreements().len()
    }
}

py_methods! {
    /// One team on night duty.
    value "Duty" PyDuty(Duty) as v, py;
    json Duty;
    repr "wijknet.Duty(agreement={:?}, night={:?}, team={:?})",
        v.agreement.as_str(),
        v.night.to_string(),
        v.team.as_str();
    /// The rotation agreement's id.
    get agreement -> &str = v.agreement.as_str();
    /// The night (its start date, ``datetime.date``).
    get night -> chrono::NaiveDate = v.night;
    /// Team on duty.
    get team -> &str = v.team.as_str();
    /// Its organisation.
    get organisation -> &str = v.organisation.as_str();
    /// Shift start (aware ``datetime``, UTC).
    get shift_start -> chrono::DateTime<chrono::Utc> = v.shift_start;
    /// Shift end (aware ``datetime``, UTC).
    get shift_end -> chrono::DateTime<chrono::Utc> = v.shift_end;
    /// Whom to call: the team's first contact, or ``None``.
    get contact -> PyResult<Option<Bound<'py, PyContact>>> = contact(py, &v.contact);
    /// The team organisation's accountable person for the rotation, or ``None``.
    get accountable -> PyResult<Option<Bound<'py, PyContact>>> = contact(py, &v.accountable);
    ;
}

py_methods! {
    /// The answer to the on-call query.
    value "OnCall" PyOnCall(OnCall) as v, py;
    json OnCall;
    repr "wijknet.OnCall(outcome={:?}, duties={})", v.outcome.code(), v.duties.len();
    /// ``"covered"`` or ``"nobody_on_duty"``.
    get outcome -> &'static str = v.outcome.code();
    /// The location asked about.
    get location -> String = v.location.to_string();
    /// The instant asked about (aware ``datetime``, UTC).
    get at -> chrono::DateTime<chrono::Utc> = v.at;
    /// Teams on duty, in agreement order.
    get duties -> Vec<PyDuty> = v.duties.iter().map(|d| PyDuty { inner: d.clone() }).collect();
    /// Rotations covering the location whose night has nobody on duty (a gap).
    get uncovered -> Vec<String> = v.uncovered.iter().map(|i| i.to_string()).collect();
    ;
}

py_methods! {
    /// One thing to fix in the agreements, naming the agreement and the field or nights.
    value "Finding" PyFinding(Finding) as v, py;
    json Finding;
    repr "wijknet.Finding(code={:?}, agreement={:?}, field={:?})",
        v.code.code(),
        v.agreement.as_str(),
        v.field;
    /// Finding code (``"night_gap"``, ``"review_overdue"``, ...).
    get code -> &'static str = v.code.code();
    /// The agreement's id.
    get agreement -> &str = v.agreement.as_str();
    /// Path of the field inside the agreement, e.g. ``terms.rota[1]``.
    get field -> &str = &v.field;
    /// Human explanation (codes, ids and dates only).
    get message -> &str = &v.message;
    ;
    /// First night or date concerned (``to_dict()`` key ``from``), or ``None``.
    #[getter(from_date)]
    fn first_date(&self) -> Option<chrono::NaiveDate> {
        self.inner.from
    }
    /// Last night or date concerned (``to_dict()`` key ``to``), or ``None``.
    #[getter(to_date)]
    fn last_date(&self) -> Option<chrono::NaiveDate> {
        self.inner.to
    }
}

py_methods! {
    /// The answer to a delegated-mandate check.
    value "MandateCheck" PyMandateCheck(MandateCheck) as v, py;
    json MandateCheck;
    repr "wijknet.MandateCheck(outcome={:?})", v.outcome.code();
    /// ``"allowed"`` or why not (``"no_mandate"``, ``"mandate_expired"``, ...).
    get outcome -> &'static str = v.outcome.code();
    /// The mandate agreement considered, or ``None``.
    get agreement -> Option<&str> = v.agreement.as_ref().map(|a| a.as_str());
    /// The municipality that keeps the formal decision, or ``None``.
    get municipality -> Option<&str> = v.municipality.as_ref().map(|a| a.as_str());
    /// Until when an assessment made on the date holds (``datetime.date``), or ``None``.
    get assessment_valid_until -> Option<chrono::NaiveDate> = v.assessment_valid_until;
    /// Whether the outcome is ``"allowed"``.
    get allowed -> bool = v.outcome == wijknet::agreements::MandateOutcome::Allowed;
    ;
}
