//! Stable codes and their labels, for every code kind the core defines.
//!
//! Results carry codes as plain strings (`"wound_care"`, `"no_capacity_in_time"`): they are what
//! analysts group by and what documents contain. Labels (Dutch, English) are looked up here.

use pyo3::prelude::*;
use wijknet_python_macros::catch_panics;

use crate::errors::{IntoPy, invalid};

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

/// Every kind's name, in the core's stable order.
fn kind_names() -> Vec<&'static str> {
    wijknet::codes::KINDS.iter().map(|k| k.name).collect()
}

fn code_kind(py: Python<'_>, kind: &str) -> PyResult<&'static wijknet::codes::CodeKind> {
    wijknet::codes::kind(kind)
        .ok_or_else(|| {
            invalid("code lookup", "$.kind", format!("unknown code kind: expected {}", one_of(&kind_names())))
        })
        .py_err(py)
}

/// The names of every kind of stable code, e.g. ``"care_type"``, ``"exclusion_reason"``.
#[catch_panics]
#[pyfunction]
pub fn code_kinds() -> Vec<&'static str> {
    kind_names()
}

/// Every failure code of wijknet, from the core's one table: ``(code, meaning)`` pairs in
/// stable order. Each code a Python call can raise (``core``-raised ones and ``"internal"``) maps
/// to an exception class in ``wijknet._errors``; the others (``"null_argument"`` ...) exist for C.
#[catch_panics]
#[pyfunction]
pub fn error_codes() -> Vec<(&'static str, &'static str)> {
    wijknet::ERROR_CODES.iter().map(|c| (c.code, c.doc)).collect()
}

/// The stable codes of one kind, in their stable order.
///
/// Raises ``ValidationError`` for an unknown kind.
#[catch_panics]
#[pyfunction]
pub fn codes(py: Python<'_>, kind: &str) -> PyResult<Vec<&'static str>> {
    Ok(code_kind(py, kind)?.codes.iter().map(|c| c.code).collect())
}

/// The human label of a code: ``lang="en"`` (English) or ``lang="nl"`` (Dutch, as professionals
/// say it).
///
/// Raises ``ValidationError`` for an unknown kind, code or language.
#[catch_panics]
#[pyfunction]
#[pyo3(signature = (kind, code, lang = "en"))]
pub fn label(py: Python<'_>, kind: &str, code: &str, lang: &str) -> PyResult<&'static str> {
    let rows = code_kind(py, kind)?.codes;
    let Some(row) = rows.iter().find(|r| r.code == code) else {
        let expected: Vec<&str> = rows.iter().map(|r| r.code).collect();
        let kind = kind.replace('_', " ");
        return Err(invalid("code lookup", "$.code", format!("unknown {kind} code: expected {}", one_of(&expected))))
            .py_err(py);
    };
    match lang {
        "nl" => Ok(row.label_nl),
        "en" => Ok(row.label_en),
        _ => Err(invalid("code lookup", "$.lang", "unknown language: expected `en` or `nl`")).py_err(py),
    }
}
