//! The one place where a core error, or a panic, becomes a Python exception.
//!
//! The exception classes live in the pure-Python module `wijknet._errors` (so they have ordinary
//! docstrings, attributes and can be subclassed); its `_from_core(code, message, problems)` picks
//! the class from the core's stable [`wijknet::Error::code`]. Every failure of the binding's own
//! argument checks is expressed as a core error too, so there is exactly one mapping. A panic is
//! the binding's own code `internal` ([`catch`], used by every Python-facing function through
//! `#[catch_panics]`).

use std::any::Any;
use std::panic::AssertUnwindSafe;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;

/// Builds the `wijknet` exception for an error code through `wijknet._errors._from_core`.
fn from_core(py: Python<'_>, code: &str, message: String, problems: Vec<wijknet::Problem>) -> PyErr {
    static FROM_CORE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let build = || -> PyResult<PyErr> {
        let from_core = FROM_CORE.import(py, "wijknet._errors", "_from_core")?;
        let list = PyList::empty(py);
        for p in problems {
            list.append((p.path, p.reason))?;
        }
        let exc = from_core.call1((code, message, list))?;
        Ok(PyErr::from_value(exc))
    };
    // If the Python side cannot even be imported, that import error is the most useful answer.
    build().unwrap_or_else(|import_error| import_error)
}

/// Converts a core error to the matching `wijknet` exception.
pub fn to_py(py: Python<'_>, e: &wijknet::Error) -> PyErr {
    from_core(py, e.code(), e.to_string(), e.problems())
}

/// Runs the body of a Python-facing function: a Rust panic becomes `wijknet.InternalError`
/// instead of pyo3's `PanicException`, which derives from `BaseException` and so escapes
/// `except Exception`. `function` names the entry point in the message (`Registry.match`).
///
/// Unwind safety is asserted as pyo3 itself does: only a `ReferralBook` can be changed by a call,
/// and the exception's documentation says that one may then be partly updated.
pub fn catch<T>(function: &'static str, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| Err(internal(function, payload)))
}

/// [`catch`] for a body that cannot fail otherwise.
pub fn catch_value<T>(function: &'static str, body: impl FnOnce() -> T) -> PyResult<T> {
    catch(function, || Ok(body()))
}

fn internal(function: &str, payload: Box<dyn Any + Send>) -> PyErr {
    // Only a literal panic message is shown: a formatted one (an `unwrap` prints the error it
    // found, an index panic the index) may quote input, and this text ends up in logs.
    let message = match payload.downcast_ref::<&'static str>() {
        Some(what) => format!("internal error in `{function}` ({what}): a bug in wijknet, please report it"),
        None => format!("internal error in `{function}`: a bug in wijknet, please report it"),
    };
    // Dropping the payload runs its `Drop`, which could panic again, this time into pyo3's own
    // guard (a `PanicException` after all); leaking one small box after a bug is the lesser harm.
    std::mem::forget(payload);
    // Every entry point holds the GIL when it is called, so this only borrows it.
    Python::attach(|py| from_core(py, "internal", message, Vec::new()))
}

/// `Result` with a core error, as returned by the core.
pub trait IntoPy<T> {
    /// Maps the error with [`to_py`].
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, wijknet::Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, &e))
    }
}

/// A validation error about one argument of a binding call (`document` names what was checked).
pub fn invalid(document: &'static str, path: impl Into<String>, reason: impl Into<String>) -> wijknet::Error {
    wijknet::Error::Invalid { document, problems: vec![wijknet::Problem { path: path.into(), reason: reason.into() }] }
}

/// A structural error in a document handed over as Python values (wrong type, missing key).
pub fn json(document: &'static str, path: impl Into<String>, message: impl Into<String>) -> wijknet::Error {
    wijknet::Error::Json { document, path: path.into(), message: message.into() }
}
