//! The one place where a core error becomes a Python exception.
//!
//! The exception classes live in the pure-Python module `wijknet._errors` (so they have ordinary
//! docstrings, attributes and can be subclassed); its `_from_core(code, message, problems)` picks
//! the class from the core's stable [`wijknet::Error::code`]. Every failure of the binding's own
//! argument checks is expressed as a core error too, so there is exactly one mapping.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;

/// Converts a core error to the matching `wijknet` exception.
pub fn to_py(py: Python<'_>, e: &wijknet::Error) -> PyErr {
    static FROM_CORE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let build = || -> PyResult<PyErr> {
        let from_core = FROM_CORE.import(py, "wijknet._errors", "_from_core")?;
        let problems = PyList::empty(py);
        for p in e.problems() {
            problems.append((p.path, p.reason))?;
        }
        let exc = from_core.call1((e.code(), e.to_string(), problems))?;
        Ok(PyErr::from_value(exc))
    };
    // If the Python side cannot even be imported, that import error is the most useful answer.
    build().unwrap_or_else(|import_error| import_error)
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
