//! Dutch local times as instants: the Python form of `wijknet::local_time::instant`.

use chrono::NaiveTime;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTime};
use wijknet::local_time::{self, Occurrence};
use wijknet_python_macros::catch_panics;

use crate::convert::{code_arg, date_arg, str_text};
use crate::errors::{IntoPy, invalid};

const DOCUMENT: &str = "local time";

/// A wall-clock time argument: `datetime.time` (naive, whole minutes or not) or `HH:MM` text,
/// reported at `$.time` without repeating it.
fn time_arg(obj: &Bound<'_, PyAny>) -> PyResult<NaiveTime> {
    let py = obj.py();
    if obj.is_instance_of::<PyTime>() {
        if !obj.getattr("tzinfo")?.is_none() {
            return Err(invalid(
                DOCUMENT,
                "$.time",
                "expected a wall-clock time without a time zone: the Dutch zone is implied",
            ))
            .py_err(py);
        }
        return obj.extract::<NaiveTime>();
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = str_text(s, DOCUMENT, "$.time").py_err(py)?;
        return NaiveTime::parse_from_str(&s, "%H:%M")
            .map_err(|_| invalid(DOCUMENT, "$.time", "expected a time `HH:MM`, found other text"))
            .py_err(py);
    }
    Err(invalid(DOCUMENT, "$.time", "expected a time (datetime.time or `HH:MM`)")).py_err(py)
}

/// The instant (an aware UTC ``datetime``) of a Dutch local date and time (Europe/Amsterdam).
///
/// ``occurrence`` (``"first"``: summer time, ``"second"``: winter time) says which moment a
/// repeated time means; it is needed only in the hour the clocks go back (02:00-03:00 on the
/// last Sunday of October) and ignored otherwise. Raises ``LocalTimeError`` (a
/// ``ValidationError``, code ``"local_time"``) when the time does not exist (the hour the clocks
/// skip on the last Sunday of March; problem path ``$.time``) or happens twice without an
/// occurrence (``$.occurrence``): wijknet never guesses either.
#[catch_panics]
#[pyfunction]
#[pyo3(signature = (date: "date | str", time: "time | str", occurrence: "str | None" = None))]
pub fn local_instant(
    py: Python<'_>,
    date: &Bound<'_, PyAny>,
    time: &Bound<'_, PyAny>,
    occurrence: Option<&Bound<'_, PyAny>>,
) -> PyResult<chrono::DateTime<chrono::Utc>> {
    let date = date_arg(date, DOCUMENT, "date")?;
    let time = time_arg(time)?;
    let occurrence = occurrence
        .filter(|o| !o.is_none())
        .map(|o| code_arg(o, DOCUMENT, "occurrence", Occurrence::from_code))
        .transpose()?;
    local_time::instant(date, time, occurrence).py_err(py)
}
