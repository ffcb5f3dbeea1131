//! Consent-aware data sharing: "may I share this?" from Python.

use pyo3::prelude::*;
use wijknet_python_macros::catch_panics;

use wijknet::consent::{CategoryDecision, ConsentRequest, ConsentStore, DataCategory, Decision, Trace};

use crate::agreements::PyAgreements;
use crate::convert::{code_arg, instant_arg, json_or_values};
use crate::errors::IntoPy;
use crate::matching::dict_of;

py_methods! {
    /// A data-sharing question: may ``discloser`` share these ``categories`` about ``client`` with
    /// ``recipient`` for ``purpose``? Holds ids and codes only (the client is a pseudonymous id).
    ///
    /// ``discloser`` and ``recipient`` are dicts ``{"organisation": id, "role": code}``, optionally
    /// with ``"kind"`` (the organisation's registry kind: the role must be one it can act in); the
    /// recipient may leave out ``organisation`` (named by its role only: no consent naming an
    /// organisation can then allow, an objection naming one still denies); optional
    /// ``channel`` (``"direct"``), ``data_form`` (``"identified"``, ``"pseudonymised"`` or
    /// ``"aggregated"``; unsaid by default), ``policy`` (``"most_specific_wins"``), ``emergency``
    /// (``{"reason": code}``), ``treatment_relationships`` (organisation ids) and ``agreements``
    /// (data-sharing agreements, dicts). Every problem raises ``JsonError`` with its path.
    value "ConsentRequest" PyConsentRequest(ConsentRequest) as v, py;
    new ConsentRequest(
        client: "str", discloser: "Mapping[str, Any]", recipient: "Mapping[str, Any]", purpose: "str",
        categories: "Sequence[str]", *, channel: "str | None" = None, data_form: "str | None" = None,
        policy: "str | None" = None, emergency: "Mapping[str, Any] | None" = None,
        treatment_relationships: "Sequence[str] | None" = None, agreements: "Sequence[Mapping[str, Any]] | None" = None
    ) keys client, discloser, recipient, purpose, categories, channel, data_form, policy, emergency,
        treatment_relationships, agreements;
    request ConsentRequest, "consent request" = v;

    /// The client's pseudonymous id.
    get client -> &str = v.client.as_str();
    /// Purpose code.
    get purpose -> &'static str = v.purpose.code();
    /// Data category codes asked for, in stable order.
    get categories -> Vec<&'static str> = v.categories.iter().map(|c| c.code()).collect();
    /// ConsentChannel code (``"direct"`` or ``"exchange_system"``).
    get channel -> &'static str = v.channel.code();
    /// Data form code, or ``None`` when the request does not say.
    get data_form -> Option<&'static str> = v.data_form.map(|f| f.code());
    /// Combining policy code.
    get policy -> &'static str = v.policy.code();
    ;
}

py_methods! {
    /// The decision for one data category.
    value "CategoryDecision" PyCategoryDecision(CategoryDecision) as v, py;
    json CategoryDecision;
    repr "wijknet.CategoryDecision(category={:?}, outcome={:?}, basis={:?})",
        v.category.code(),
        v.outcome.code(),
        v.basis.code();
    /// Data category code.
    get category -> &'static str = v.category.code();
    /// ``"permit"``, ``"deny"`` or ``"no_applicable_consent"``.
    get outcome -> &'static str = v.outcome.code();
    /// Whether the data may be shared (with the obligations).
    get permitted -> bool = v.outcome.is_permit();
    /// What decided it (a legal basis, a consent, an objection, the default).
    get basis -> &'static str = v.basis.code();
    /// The deciding consent provision ``{"source", "id", "path"}``, or ``None`` when a legal basis
    /// or the default decided.
    get provision -> PyResult<Option<Bound<'py, PyAny>>> = v.provision.as_ref().map(|p| dict_of(py, p)).transpose();
    /// Obligation codes (``"log_disclosure"``, ``"inform_client"``, ``"pseudonymise"``).
    get obligations -> Vec<&'static str> = v.obligations.iter().map(|o| o.code()).collect();
    ;
}

py_methods! {
    /// The answer to "may I share this?": per category permit, deny or no applicable consent, with
    /// what decided it and the obligations.
    value "ConsentDecision" PyConsentDecision(Decision) as v, py;
    json Decision;
    repr "wijknet.ConsentDecision(client={:?}, permitted={:?})",
        v.client.as_str(),
        v.permitted().iter().map(|c| c.code()).collect::<Vec<_>>();
    /// The client's pseudonymous id.
    get client -> &str = v.client.as_str();
    /// The decision time (aware ``datetime``, UTC).
    get at -> chrono::DateTime<chrono::Utc> = v.at;
    /// Combining policy code used.
    get policy -> &'static str = v.policy.code();
    /// Who decides for the client at that time (``"client"``, ``"representative"``, ...).
    get who_decides -> &'static str = v.who_decides.code();
    /// One decision per requested category, in stable category order.
    get categories -> Vec<PyCategoryDecision> =
        v.iter().map(|(_, d)| PyCategoryDecision { inner: d.clone() }).collect();
    /// Category codes that may be shared.
    get permitted -> Vec<&'static str> = v.permitted().iter().map(|c| c.code()).collect();
    /// Whether every requested category may be shared.
    get all_permitted -> bool = v.all_permitted();
    /// On a partial deny, the category codes that what is shared must leave out (every requested
    /// category not permitted; each permitted one then carries the ``"redact"`` obligation);
    /// empty when everything or nothing is permitted.
    get redact -> Vec<&'static str> = v.redact.iter().map(|c| c.code()).collect();
    ;
    /// The decision for one category code, or ``None`` when it was not asked.
    #[pyo3(signature = (category: "str"))]
    fn get(&self, category: &Bound<'_, PyAny>) -> PyResult<Option<PyCategoryDecision>> {
        let c = code_arg(category, "consent decision", "category", DataCategory::from_code)?;
        Ok(self.inner.get(c).map(|d| PyCategoryDecision { inner: d.clone() }))
    }
}

py_methods! {
    /// Why each consent and objection of the client did or did not take part, and what the legal
    /// bases and consents said per category. Ids and codes only.
    value "ConsentTrace" PyConsentTrace(Trace) as v, py;
    json Trace;
    repr "wijknet.ConsentTrace(records={})", v.records.len();
    /// Who decides for the client.
    get who_decides -> &'static str = v.who_decides.code();
    /// One record per consent and objection (plain dicts: ``source``, ``id``, ``reason``,
    /// ``matched``, ``decided``).
    get records -> crate::PyValue<'py> = dict_of(py, &v.records);
    /// One record per requested category (plain dicts: ``category``, ``legal_basis``,
    /// ``consent``, ``emergency_applied``).
    get categories -> crate::PyValue<'py> = dict_of(py, &v.categories);
    ;
}

impl PyConsentStore {
    /// The request and instant of a call; with agreements, their sharing facts on the Dutch
    /// local date of `at` are added (as `wijknet::api::decide` does).
    fn prepare(
        request: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        agreements: Option<&Bound<'_, PyAgreements>>,
    ) -> PyResult<(ConsentRequest, chrono::DateTime<chrono::Utc>)> {
        let (mut req, at) = (request_arg(request)?, instant_arg(at, "consent request", "at")?);
        if let Some(a) = agreements {
            a.get().inner.add_consent_facts(&mut req, wijknet::consent::local_date(at));
        }
        Ok((req, at))
    }
}

py_methods! {
    /// The consents, objections and representatives of clients (*toestemmingen*), loaded from a
    /// ``wijknet.consent/v1`` document. Immutable and safe to share between threads.
    class "ConsentStore" PyConsentStore(ConsentStore) as v, py;
    repr "<wijknet.ConsentStore version={:?} clients={}>", v.version(), v.len();

    /// The data version label, written into audit records.
    get version -> &str = v.version();
    ;
    /// Loads and validates a ``wijknet.consent/v1`` document (path, JSON text, bytes or dict);
    /// every rule problem is reported at once. Messages never repeat a BSN or a date of birth.
    /// ``progress`` (a tqdm bar or ``f(step, done, total)`` returning ``False`` to cancel:
    /// ``CancelledError``) follows the steps ``read`` and ``index`` of a long load; a ``dict``
    /// source is read without progress reports.
    #[staticmethod]
    #[pyo3(signature = (
        source: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]",
        progress: "Callable[[str, int, int], bool | None] | Any | None" = None
    ))]
    fn from_json(source: &Bound<'_, PyAny>, progress: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let (read, values) = (ConsentStore::from_json_with_progress, ConsentStore::from_values);
        Ok(Self { inner: crate::convert::load_with_progress(source, progress, "consent store", read, values)? })
    }

    /// A consent store of FHIR R4 Consents (a Bundle of them or one Consent: path, JSON text,
    /// bytes or dict), with the clients and data version of ``clients``: the clients are the
    /// host's own patient data, which no Consent carries (the consents and objections of
    /// ``clients`` are not used). Raises ``JsonError`` and ``ValidationError`` (every problem at
    /// once, at paths such as ``Bundle.entry[0].resource.provision.actor[1]``).
    #[staticmethod]
    #[pyo3(signature = (bundle: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]", clients))]
    fn from_fhir(bundle: &Bound<'_, PyAny>, clients: &Bound<'_, PyConsentStore>) -> PyResult<Self> {
        let py = bundle.py();
        let bytes = crate::fhir::bundle_bytes(bundle, wijknet_fhir::consent::DOCUMENT)?;
        let clients = &clients.get().inner;
        Ok(Self { inner: py.detach(|| wijknet_fhir::api::consent_store_from_fhir(&bytes, clients)).py_err(py)? })
    }

    /// The consents and objections as a FHIR ``collection`` Bundle of Consents (JSON text; a
    /// Consent names its client's BSN when the store holds it, as :meth:`to_json` does).
    fn to_fhir(&self, py: Python<'_>) -> String {
        py.detach(|| wijknet_fhir::api::consent_store_to_fhir(&self.inner))
    }

    /// The ``wijknet.consent/v1`` JSON document (contains the BSNs that were loaded: the host's
    /// own data).
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| self.inner.to_json())
    }

    /// May this be shared? Decides ``request`` (a :class:`ConsentRequest`, dict or JSON text) at
    /// ``at`` (aware ``datetime`` or RFC 3339 text). Raises ``NotFoundError`` for an unknown
    /// client, ``ValidationError``/``JsonError`` for a bad request. With ``agreements``, the
    /// data-sharing agreements in force that day are added to the request first (one may be the
    /// legal basis), as :meth:`Agreements.add_consent_facts` does.
    #[pyo3(signature = (
        request: "ConsentRequest | Mapping[str, Any] | str | bytes",
        at: "datetime | str",
        agreements = None
    ))]
    fn decide(
        &self,
        request: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        agreements: Option<&Bound<'_, PyAgreements>>,
    ) -> PyResult<PyConsentDecision> {
        let py = request.py();
        let (req, at) = Self::prepare(request, at, agreements)?;
        Ok(PyConsentDecision { inner: py.detach(|| self.inner.decide(&req, at)).py_err(py)? })
    }

    /// The same decision as :meth:`decide`, plus the trace of every consent and objection.
    #[pyo3(signature = (
        request: "ConsentRequest | Mapping[str, Any] | str | bytes",
        at: "datetime | str",
        agreements = None
    ))]
    fn decide_with_trace(
        &self,
        request: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        agreements: Option<&Bound<'_, PyAgreements>>,
    ) -> PyResult<(PyConsentDecision, PyConsentTrace)> {
        let py = request.py();
        let (req, at) = Self::prepare(request, at, agreements)?;
        let (d, t) = py.detach(|| self.inner.decide_with_trace(&req, at)).py_err(py)?;
        Ok((PyConsentDecision { inner: d }, PyConsentTrace { inner: t }))
    }

    /// Decides and returns the audit record a host stores (a dict: ``decision_id``,
    /// ``inputs_hash``, ``data_version``, ``at``, parties, purpose, outcomes; no personal data).
    #[pyo3(signature = (
        request: "ConsentRequest | Mapping[str, Any] | str | bytes",
        at: "datetime | str",
        agreements = None
    ))]
    fn audit_record<'py>(
        &self,
        request: &Bound<'py, PyAny>,
        at: &Bound<'py, PyAny>,
        agreements: Option<&Bound<'py, PyAgreements>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = request.py();
        let (req, at) = Self::prepare(request, at, agreements)?;
        let record = py.detach(|| self.inner.decide(&req, at).map(|decision| self.inner.audit_record(&req, &decision)));
        dict_of(py, &record.py_err(py)?)
    }

    /// Number of clients.
    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// A decision's audit record (the dict :meth:`ConsentStore.audit_record` returns, or its JSON
/// text, as the host stored it) as a FHIR R4 AuditEvent (JSON text). ``bsn`` is the client's
/// citizen service number when the host must log it (it then appears once, as the patient's
/// identifier); wijknet never adds one by itself. Raises ``JsonError`` for a malformed record and
/// ``ValidationError`` (path ``bsn``, never repeating it) for an invalid BSN.
#[catch_panics]
#[pyfunction]
#[pyo3(signature = (record: "Mapping[str, Any] | str | bytes", bsn = None))]
pub fn audit_event_to_fhir(
    record: &Bound<'_, PyAny>,
    bsn: Option<&Bound<'_, pyo3::types::PyString>>,
) -> PyResult<String> {
    let py = record.py();
    let doc = "audit record";
    // A str UTF-8 cannot encode is refused at `bsn` without repeating it.
    let bsn = bsn.map(|b| crate::convert::str_text(b, wijknet_fhir::api::AUDIT_EVENT, "bsn")).transpose().py_err(py)?;
    let record = json_or_values(
        record,
        doc,
        "record: expected a dict or JSON text",
        wijknet::consent::AuditRecord::from_json,
        wijknet::consent::AuditRecord::from_values,
    )?;
    wijknet_fhir::api::audit_event_json(&record, bsn.as_deref()).py_err(py)
}
