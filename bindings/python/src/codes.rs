//! Stable codes and their labels, for every code kind the core defines.
//!
//! Results carry codes as plain strings (`"wound_care"`, `"no_capacity_in_time"`): they are what
//! analysts group by and what documents contain. Labels (Dutch, English) are looked up here.

use pyo3::prelude::*;
use pyo3::types::PyList;
use wijknet_python_macros::catch_panics;

use crate::errors::{IntoPy, invalid};

/// One code: (code, Dutch label, English label).
type Row = (&'static str, &'static str, &'static str);

macro_rules! kinds {
    ($($kind:literal => $ty:ty),+ $(,)?) => {
        /// Every kind name, in a stable order.
        pub const KINDS: &[&str] = &[$($kind),+];

        /// The codes of a kind, in their stable order.
        pub fn rows(kind: &str) -> Option<Vec<Row>> {
            match kind {
                $($kind => Some(<$ty>::ALL.iter().map(|c| (c.code(), c.label_nl(), c.label_en())).collect()),)+
                _ => None,
            }
        }
    };
}

kinds! {
    "care_type" => wijknet::CareType,
    "organisation_kind" => wijknet::OrganisationKind,
    "nurse_level" => wijknet::NurseLevel,
    "time_of_day" => wijknet::TimeOfDay,
    "capacity_status" => wijknet::CapacityStatus,
    "funding_stream" => wijknet::FundingStream,
    "policy_type" => wijknet::PolicyType,
    "weekday" => wijknet::Weekday,
    "urgency" => wijknet::matching::Urgency,
    "outcome" => wijknet::matching::Outcome,
    "exclusion_reason" => wijknet::matching::ExclusionReason,
    "candidate_flag" => wijknet::matching::CandidateFlag,
    "via_kind" => wijknet::matching::ViaKind,
    "accountable_source" => wijknet::matching::AccountableSource,
    "agreement_kind" => wijknet::agreements::AgreementKind,
    "agreement_status" => wijknet::agreements::AgreementStatus,
    "rota_cycle" => wijknet::agreements::RotaCycle,
    "finding_code" => wijknet::agreements::FindingCode,
    "on_call_outcome" => wijknet::agreements::OnCallOutcome,
    "mandate_outcome" => wijknet::agreements::MandateOutcome,
    "referral_status" => wijknet::referral::ReferralStatus,
    "task_status" => wijknet::referral::TaskStatus,
    "reason_code" => wijknet::referral::ReasonCode,
    "escalation_trigger" => wijknet::referral::EscalationTrigger,
    "event_type" => wijknet::referral::EventType,
    "data_category" => wijknet::consent::DataCategory,
    "purpose" => wijknet::consent::Purpose,
    "recipient_role" => wijknet::consent::RecipientRole,
    "channel" => wijknet::consent::Channel,
    "obligation" => wijknet::consent::Obligation,
    "combining_policy" => wijknet::consent::CombiningPolicy,
    "consent_effect" => wijknet::consent::Effect,
    "consent_outcome" => wijknet::consent::Outcome,
    "consent_basis" => wijknet::consent::Basis,
    "emergency_reason" => wijknet::consent::EmergencyReason,
    "record_status" => wijknet::consent::RecordStatus,
    "representative_relation" => wijknet::consent::RepresentativeRelation,
    "who_decides" => wijknet::consent::WhoDecides,
    "source_kind" => wijknet::consent::SourceKind,
    "trace_reason" => wijknet::consent::TraceReason,
}

/// `` `a`, `b` or `c` ``, as the core lists the codes it expected (never the text it found).
fn one_of(codes: &[&str]) -> String {
    match codes {
        [] => "no code".to_owned(),
        [only] => format!("`{only}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|c| format!("`{c}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}

fn kind_rows(py: Python<'_>, kind: &str) -> PyResult<Vec<Row>> {
    rows(kind)
        .ok_or_else(|| invalid("code lookup", "$.kind", format!("unknown code kind: expected {}", one_of(KINDS))))
        .py_err(py)
}

/// The names of every kind of stable code, e.g. ``"care_type"``, ``"exclusion_reason"``.
#[catch_panics]
#[pyfunction]
pub fn code_kinds(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, KINDS)
}

/// The stable codes of one kind, in their stable order.
///
/// Raises ``ValidationError`` for an unknown kind.
#[catch_panics]
#[pyfunction]
pub fn codes<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, kind_rows(py, kind)?.into_iter().map(|r| r.0))
}

/// The human label of a code: ``lang="en"`` (English) or ``lang="nl"`` (Dutch, as professionals
/// say it).
///
/// Raises ``ValidationError`` for an unknown kind, code or language.
#[catch_panics]
#[pyfunction]
#[pyo3(signature = (kind, code, lang = "en"))]
pub fn label(py: Python<'_>, kind: &str, code: &str, lang: &str) -> PyResult<&'static str> {
    let rows = kind_rows(py, kind)?;
    let Some(row) = rows.iter().find(|r| r.0 == code) else {
        let expected: Vec<&str> = rows.iter().map(|r| r.0).collect();
        let kind = kind.replace('_', " ");
        return Err(invalid("code lookup", "$.code", format!("unknown {kind} code: expected {}", one_of(&expected))))
            .py_err(py);
    };
    match lang {
        "nl" => Ok(row.1),
        "en" => Ok(row.2),
        _ => Err(invalid("code lookup", "$.lang", "unknown language: expected `en` or `nl`")).py_err(py),
    }
}
