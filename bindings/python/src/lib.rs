//! `wijknet._native`: the compiled part of the `wijknet` Python package.
//!
//! A thin layer: it converts Python values to the core's types, calls the core and converts the
//! answers back. It never re-implements a rule. Every class is immutable (`frozen`) and wraps a
//! `Send + Sync` core value, so objects can be shared between threads; long calls release the
//! GIL. Core errors become `wijknet` exceptions in one place (`errors.rs`), and so do panics:
//! every `#[pymethods]` block and `#[pyfunction]` carries `#[catch_panics]`.

use pyo3::prelude::*;
use wijknet_python_macros::catch_panics;

/// A class's `#[pymethods]` block whose getters take one line each: `get name -> T = expr;`,
/// where `expr` reads the wrapped core value through the name given after `as` (`&self.inner`)
/// and may use the interpreter token named after it; the block's other methods follow the `;` as
/// they are written. Getters are most of what a binding restates of the core's shapes, so one
/// line per field is what adding a field costs here. Every method runs inside `#[catch_panics]`.
///
/// An answer the core writes and reads back as JSON starts with `json CoreType;`: the class then
/// gets `to_dict`, `to_json` (the core type's serde form) and the static `from_json` (the core's
/// strict reader), which is also what it pickles as.
macro_rules! py_methods {
    ($ty:ident as $v:ident, $py:ident; json $core:ty; $($rest:tt)*) => {
        py_methods! { $ty as $v, $py; $($rest)*
            /// The JSON shape as a dict.
            fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::matching::dict_of(py, &self.inner)
            }
            /// The JSON shape as text.
            fn to_json(&self) -> String {
                serde_json::to_string(&self.inner).expect("answers always serialise")
            }
            /// One written by :meth:`to_json` (saved earlier, or pickled) read back, checked as
            /// strictly as a document; no message repeats a value of the text.
            #[staticmethod]
            fn from_json(py: pyo3::Python<'_>, text: &str) -> pyo3::PyResult<Self> {
                use crate::errors::IntoPy as _;
                Ok(Self { inner: <$core>::from_json(text).py_err(py)? })
            }
        }
    };
    ($ty:ident as $v:ident, $py:ident;
     $( $(#[doc = $doc:literal])* get $name:ident -> $ret:ty = $body:expr; )*
     ; $($rest:tt)*) => {
        #[wijknet_python_macros::catch_panics]
        #[pyo3::pymethods]
        impl $ty {
            $(
                $(#[doc = $doc])*
                #[getter]
                #[allow(unused_variables)]
                fn $name<'py>(&self, $py: pyo3::Python<'py>) -> $ret {
                    let $v = &self.inner;
                    $body
                }
            )*
            $($rest)*
        }
    };
}

mod agreements;
mod codes;
mod consent;
mod convert;
mod de;
mod errors;
mod fhir;
mod local_time;
mod matching;
mod progress;
mod referral;
mod registry;
mod table;

// What a message may repeat of an input: the core's one rule, shared by every binding.
use wijknet::redact;

/// The version of the wijknet core this module was built from (the workspace version).
#[catch_panics]
#[pyfunction]
fn core_version() -> &'static str {
    wijknet::VERSION
}

/// Panics on purpose, for tests that check a panic reaches Python as `wijknet.InternalError`
/// (the C API's `wijknet_test_panic` does the same). Hidden: not in the stubs or `__all__`.
#[catch_panics]
#[pyfunction]
fn _panic_for_tests() {
    panic!("_panic_for_tests was called");
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", wijknet::VERSION)?;
    m.add_function(wrap_pyfunction!(core_version, m)?)?;
    // `setattr`, not `add_function`, which would list it in `__all__` (and so in the stubs).
    m.setattr("_panic_for_tests", wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(codes::code_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(codes::codes, m)?)?;
    m.add_function(wrap_pyfunction!(codes::error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(codes::label, m)?)?;
    m.add_function(wrap_pyfunction!(local_time::local_instant, m)?)?;
    m.add_class::<registry::PyRegistry>()?;
    m.add_class::<registry::PySharedRegistry>()?;
    m.add_class::<matching::PyMatchRequest>()?;
    m.add_class::<matching::PyMatchResult>()?;
    m.add_class::<matching::PyCandidate>()?;
    m.add_class::<matching::PyExclusion>()?;
    m.add_class::<matching::PyAccountable>()?;
    m.add_class::<matching::PyVia>()?;
    m.add_class::<matching::PyContact>()?;
    m.add_class::<agreements::PyAgreements>()?;
    m.add_class::<agreements::PyOnCall>()?;
    m.add_class::<agreements::PyDuty>()?;
    m.add_class::<agreements::PyFinding>()?;
    m.add_class::<agreements::PyMandateCheck>()?;
    m.add_function(wrap_pyfunction!(referral::events_table, m)?)?;
    #[cfg(feature = "synthetic")]
    m.add_function(wrap_pyfunction!(referral::generate_referral_events, m)?)?;
    m.add_class::<referral::PyReferralBook>()?;
    m.add_class::<referral::PyReferralSummary>()?;
    m.add_class::<referral::PyMonitoring>()?;
    m.add_class::<referral::PyReferralHistory>()?;
    m.add_class::<referral::PyEventsParquetWriter>()?;
    m.add_class::<table::PyTable>()?;
    m.add_class::<referral::PyWhatIf>()?;
    m.add_class::<consent::PyConsentStore>()?;
    m.add_class::<consent::PyConsentRequest>()?;
    m.add_class::<consent::PyConsentDecision>()?;
    m.add_class::<consent::PyCategoryDecision>()?;
    m.add_class::<consent::PyConsentTrace>()?;
    m.add_class::<fhir::PyFhirDirectory>()?;
    m.add_class::<fhir::PySharedFhirDirectory>()?;
    m.add_function(wrap_pyfunction!(consent::audit_event_to_fhir, m)?)?;
    m.add_function(wrap_pyfunction!(referral::referral_events_from_fhir, m)?)?;
    m.add_function(wrap_pyfunction!(referral::referral_events_to_fhir, m)?)?;
    Ok(())
}
