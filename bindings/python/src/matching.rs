//! Matching requests and results as Python classes.
//!
//! Result objects wrap the core's typed result and convert a field only when it is read, so a
//! match costs no Python allocations for fields nobody looks at. `to_dict()` gives the JSON shape
//! of the core (the one the conformance vectors and every other binding use).

use std::sync::Arc;

use pyo3::prelude::*;
use serde::Serialize;

use wijknet::matching::{Accountable, Candidate, Exclusion, MatchRequest, MatchResult, Via};
use wijknet::registry::{ContactDoc, ContactPerson};

use crate::errors::IntoPy;

/// The JSON value of any serialisable result as plain Python values (dict, list, str, int,
/// float, bool, None), by pythonize. Through `serde_json::Value` first, so the dict has exactly
/// the JSON shape the vectors hold: a map with number keys (the monitoring histogram) gets str
/// keys, as in JSON text.
pub fn dict_of<'py, T: Serialize>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(v).expect("results always serialise");
    Ok(pythonize::pythonize(py, &value)?)
}

fn codes<T: wijknet::codes::Code + std::fmt::Display>(set: wijknet::CodeSet<T>) -> Vec<String> {
    set.iter().map(|c| c.to_string()).collect()
}

fn opt_str(s: Option<&wijknet::Id>) -> Option<String> {
    s.map(|s| s.to_string())
}

py_methods! {
    /// A referral's matching request (*zorgvraag*): where the client lives, what care is needed and
    /// when, and the client's own choices. Holds no personal data.
    ///
    /// Every argument is validated at once; a ``ValidationError`` lists every problem with its path.
    /// Codes are the stable strings (``"wound_care"``, ``"night"``, ``"level_5"``); dates are
    /// ``datetime.date`` or ``"YYYY-MM-DD"``.
    value "MatchRequest" PyMatchRequest(MatchRequest) as v, py;
    // `Option::None`, not `None`: the stub then shows `...` where the text signature (what
    // `help()` shows) gives the default the core applies.
    new MatchRequest(
        location: "str", care_types: "Sequence[str]", *, id: "str | None" = None, urgency: "str" = Option::None,
        desired_start: "date | str | None" = None, latest_start: "date | str | None" = None,
        times_of_day: "Sequence[str] | None" = None, insurer: "str | None" = None, policy: "str | None" = None,
        contracted_only: "bool" = Option::None, min_nurse_level: "str | None" = None,
        languages: "Sequence[str] | None" = None, preferred_providers: "Sequence[str] | None" = None,
        refused_providers: "Sequence[str] | None" = None, visits_per_week: "int | None" = None,
        hours_per_week: "float | None" = None, visit_moments: "Sequence[str] | None" = None
    ) text "(location, care_types, *, id=None, urgency='planned', desired_start=None, latest_start=None, \
        times_of_day=None, insurer=None, policy=None, contracted_only=False, min_nurse_level=None, \
        languages=None, preferred_providers=None, refused_providers=None, visits_per_week=None, \
        hours_per_week=None, visit_moments=None)"
    keys id, location, care_types, urgency, desired_start, latest_start, times_of_day, insurer, policy,
        contracted_only, min_nurse_level, languages, preferred_providers, refused_providers, visits_per_week,
        hours_per_week, visit_moments;
    request MatchRequest, "request" = v.to_doc();

    /// Caller's reference, or ``None``.
    get id -> Option<String> = opt_str(v.id.as_ref());
    /// The client's postcode as given: PC6 (``"7511AB"``) or PC4 (``"7511"``).
    get location -> String = v.location.to_string();
    /// Care type codes needed, in stable order.
    get care_types -> Vec<String> = codes(v.care_types);
    /// ``"acute"`` or ``"planned"``.
    get urgency -> &'static str = v.urgency.code();
    /// First desired day of care (planned care), or ``None`` (today).
    get desired_start -> Option<chrono::NaiveDate> = v.desired_start;
    /// Last acceptable first day, or ``None`` (the desired start).
    get latest_start -> Option<chrono::NaiveDate> = v.latest_start;
    /// Time-of-day codes needed.
    get times_of_day -> Vec<String> = codes(v.times_of_day);
    /// The client's insurer (organisation id), or ``None``.
    get insurer -> Option<String> = opt_str(v.insurer.as_ref());
    /// The client's policy type code, or ``None``.
    get policy -> Option<&'static str> = v.policy.map(|p| p.code());
    /// Whether only providers contracted by the insurer may be candidates.
    get contracted_only -> bool = v.contracted_only;
    /// Minimum nurse level code, or ``None``.
    get min_nurse_level -> Option<&'static str> = v.min_nurse_level.map(|l| l.code());

    /// Language codes the client speaks (a team must share one); empty: no requirement.
    get languages -> Vec<&'static str> = v.languages.iter().map(|l| l.code()).collect();
    /// Organisation ids the client prefers (an eligible one always ranks first).
    get preferred_providers -> Vec<String> = v.preferred_providers.iter().map(|i| i.to_string()).collect();
    /// Organisation ids the client refuses.
    get refused_providers -> Vec<String> = v.refused_providers.iter().map(|i| i.to_string()).collect();
    /// Visits per week from the assessment, or ``None``.
    get visits_per_week -> Option<u32> = v.visits_per_week;
    /// Hours of care per week from the assessment, or ``None``.
    get hours_per_week -> Option<f64> = v.hours_per_week.map(|h| h.get());
    /// Visit moment codes (``"morning"``, ``"afternoon"``, ``"evening"``, ``"night"``).
    get visit_moments -> Vec<&'static str> = v.visit_moments.iter().map(|m| m.code()).collect();
    ;
}

/// An optional contact as a Python value.
pub fn contact<'py>(py: Python<'py>, c: &Option<Arc<ContactPerson>>) -> PyResult<Option<Bound<'py, PyContact>>> {
    c.as_ref().map(|c| Bound::new(py, PyContact { inner: Arc::clone(c) })).transpose()
}

py_methods! {
    /// A named person to call: a team's fixed contact, an organisation's contact, or an accountable
    /// person of an agreement.
    value "Contact" PyContact(Arc<ContactPerson>) as v, py;
    repr "wijknet.Contact(name={:?}, role={:?})", v.name, v.role;
    /// Full name.
    get name -> &str = &v.name;
    /// Role, e.g. ``"wijkverpleegkundige"``.
    get role -> &str = &v.role;
    /// Phone number, or ``None``.
    get phone -> Option<&str> = v.phone.as_deref();
    /// E-mail address, or ``None``.
    get email -> Option<&str> = v.email.as_deref();
    ;
    /// Reachable hours: dicts with ``days`` (weekday codes), ``from`` and ``to`` (``"HH:MM"``).
    #[getter]
    fn hours<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &ContactDoc::from(&*self.inner).hours)
    }
    /// The contact's JSON shape as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dict_of(py, &ContactDoc::from(&*self.inner))
    }
    /// The contact as JSON text (as a registry document writes it).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    /// A contact written by :meth:`to_json` read back, checked as the registry checks one.
    /// Raises ``JsonError`` or ``ValidationError`` (no value of the text repeated).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Ok(Self { inner: Arc::new(ContactPerson::from_json(text).py_err(py)?) })
    }
}

py_methods! {
    /// Care (or a night) a candidate offers through a collaboration agreement rather than itself.
    value "Via" PyVia(Via) as v, py;
    json Via;
    repr "wijknet.Via(kind={:?}, agreement={:?}, delivering_team={:?})",
        v.kind.code(),
        v.agreement.as_str(),
        v.delivering_team.as_str();
    /// ``"subcontracting"``, ``"shared_specialist_team"`` or ``"night_rotation"``.
    get kind -> &'static str = v.kind.code();
    /// The agreement's id.
    get agreement -> &str = v.agreement.as_str();
    /// The team that actually delivers.
    get delivering_team -> &str = v.delivering_team.as_str();
    /// Care type codes delivered this way.
    get care_types -> Vec<String> = codes(v.care_types);
    /// Time-of-day codes covered this way.
    get times_of_day -> Vec<String> = codes(v.times_of_day);
    ;
}

py_methods! {
    /// A team that can take the client, with its rank, possible start and what to know before
    /// relying on it.
    value "Candidate" PyCandidate(Candidate) as v, py;
    json Candidate;
    repr "wijknet.Candidate(rank={}, team={:?}, organisation={:?}, possible_start={:?})",
        v.rank,
        v.team.as_str(),
        v.organisation.as_str(),
        v.possible_start.to_string();
    /// 1 for the best.
    get rank -> i32 = v.rank;
    /// Team id.
    get team -> &str = v.team.as_str();
    /// The team's organisation id.
    get organisation -> &str = v.organisation.as_str();
    /// Whether the client prefers this provider.
    get preferred -> bool = v.preferred;
    /// First day the team can start (``datetime.date``).
    get possible_start -> chrono::NaiveDate = v.possible_start;
    /// Capacity status code as reported (``"accepting"``, ``"waitlist"``, ...).
    get capacity_status -> &'static str = v.capacity_status.code();
    /// When the capacity was reported (aware ``datetime`` in UTC).
    get capacity_updated_at -> chrono::DateTime<chrono::Utc> = v.capacity_updated_at;
    /// Candidate flag codes (``"capacity_stale"``, ``"not_contracted"``, ...).
    get flags -> Vec<String> = codes(v.flags);
    /// Agreements through which the team offers some of the care.
    get via -> Vec<PyVia> = v.via.iter().map(|v| PyVia { inner: v.clone() }).collect();
    /// The fixed contact person (the team's first, else the organisation's), or ``None``.
    get contact -> PyResult<Option<Bound<'py, PyContact>>> = contact(py, &v.contact);
    /// Whether that person's recorded hours include "now" (the match's ``now``).
    get contact_reachable_now -> bool = v.contact_reachable_now;
    /// When the request says its hours per week: the fewest free hours per week the team reports
    /// among the needed care types it delivers itself, or ``None`` (none reported).
    get free_hours -> Option<f64> = v.free_hours.map(|h| h.get());
    ;
}

py_methods! {
    /// A team serving the client's area (or named by the request) that cannot take the client, with
    /// the first rule it failed.
    value "Exclusion" PyExclusion(Exclusion) as v, py;
    json Exclusion;
    repr "wijknet.Exclusion(team={:?}, reason={:?}, explanation={:?})",
        v.team.as_str(),
        v.reason.code(),
        v.to_string();
    /// Team id.
    get team -> &str = v.team.as_str();
    /// The team's organisation id.
    get organisation -> &str = v.organisation.as_str();
    /// Exclusion reason code (``"outside_area"``, ``"no_capacity"``, ...).
    get reason -> &'static str = v.reason.code();
    /// Whether the request names the team's organisation among the client's preferred providers.
    get client_preference -> bool = v.client_preference;
    /// Specifics (a care type code, a date), never personal data.
    get detail -> String = v.detail.to_string();
    /// The sentence to show: the detail, preceded by "the client's preferred provider: " when
    /// ``client_preference`` is true.
    get explanation -> String = v.to_string();
    ;
}

py_methods! {
    /// Who answers for a client nobody can take (*niemand tussen wal en schip*).
    value "Accountable" PyAccountable(Accountable) as v, py;
    json Accountable;
    repr "wijknet.Accountable(party={:?}, source={:?})", v.party.as_str(), v.source.code();
    /// The accountable organisation id.
    get party -> &str = v.party.as_str();
    /// ``"coordination_point"`` or ``"insurer_duty_of_care"``.
    get source -> &'static str = v.source.code();
    /// The coordination point or agreement that designates the party, or ``None``.
    get via -> Option<&str> = v.via.as_ref().map(|v| v.as_str());
    /// Whom to call, or ``None``.
    get contact -> PyResult<Option<Bound<'py, PyContact>>> = contact(py, &v.contact);
    ;
}

py_methods! {
    /// The answer to "who can take this client?": ranked candidates, every excluded team with its
    /// reason, and who is accountable when nobody can.
    value "MatchResult" PyMatchResult(MatchResult) as v, py;
    json MatchResult;
    repr "wijknet.MatchResult(outcome={:?}, location={:?}, candidates={}, excluded={})",
        v.outcome.code(),
        v.location.to_string(),
        v.candidates.len(),
        v.excluded.len();
    /// ``"candidates_found"`` or ``"no_eligible_team"``.
    get outcome -> &'static str = v.outcome.code();
    /// The client's location as matched (PC6 or PC4).
    get location -> String = v.location.to_string();
    /// First day care is needed (``datetime.date``).
    get needed_from -> chrono::NaiveDate = v.needed_from;
    /// Last acceptable first day (``datetime.date``).
    get needed_by -> chrono::NaiveDate = v.needed_by;
    /// Eligible teams, best first.
    get candidates -> Vec<PyCandidate> = v.candidates.iter().map(|c| PyCandidate { inner: c.clone() }).collect();
    /// Every team serving the area (or named by the request) that is not eligible, in registry
    /// order.
    get excluded -> Vec<PyExclusion> = v.excluded.iter().map(|e| PyExclusion { inner: e.clone() }).collect();
    /// Teams elsewhere in the country: counted, not listed.
    get teams_elsewhere -> i32 = v.teams_elsewhere;
    /// Set when nobody is eligible, else ``None``.
    get accountable -> Option<PyAccountable> = v.accountable.clone().map(|a| PyAccountable { inner: a });
    /// The registry version matched against.
    get registry_version -> u64 = v.registry_version;
    ;
}
