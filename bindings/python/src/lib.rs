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
///
/// `repr "format", args;` (after `json`) writes `__repr__` from the wrapped value.
///
/// A class that only wraps a core value may be declared by the same call, its docs first:
/// `value "Name" PyName(CoreType) as v, py; ...` declares `#[pyclass(frozen, eq)] pub struct
/// PyName { pub inner: CoreType }` (an answer, compared by value), `class "Name" ...` the same
/// without `eq` (a loaded document, compared by identity).
macro_rules! py_methods {
    ($(#[$doc:meta])* value $name:tt $ty:ident($core:ty) as $($rest:tt)*) => {
        $(#[$doc])*
        #[pyo3::pyclass(module = "wijknet", name = $name, frozen, eq)]
        #[derive(Debug, PartialEq)]
        pub struct $ty {
            pub inner: $core,
        }
        py_methods! { $ty as $($rest)* }
    };
    ($(#[$doc:meta])* class $name:tt $ty:ident($core:ty) as $($rest:tt)*) => {
        $(#[$doc])*
        #[pyo3::pyclass(module = "wijknet", name = $name, frozen)]
        #[derive(Debug)]
        pub struct $ty {
            pub inner: $core,
        }
        py_methods! { $ty as $($rest)* }
    };
    // A request (`request CoreType, "what" = doc;`, `doc` the request's JSON shape read through
    // `v`): read from the class itself, a dict or JSON text by the `request_arg` it declares.
    ($ty:ident as $v:ident, $py:ident; request $core:ty, $what:literal = $doc:expr; $($rest:tt)*) => {
        /// A request argument: the class itself, a dict, or JSON text or bytes.
        pub fn request_arg(obj: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<$core> {
            if let Ok(r) = obj.cast::<$ty>() {
                return Ok(r.get().inner.clone());
            }
            let expected = concat!("request: expected a wijknet.", stringify!($core), ", a dict or JSON text");
            crate::convert::json_or_values(obj, $what, expected, <$core>::from_json, <$core>::from_values)
        }

        py_methods! { $ty as $v, $py; $($rest)*
            #[doc = concat!("A request from a dict in the ", $what, " JSON shape (the keys are the constructor's")]
            /// arguments).
            #[staticmethod]
            #[pyo3(signature = (data: "Mapping[str, Any]"))]
            fn from_dict(data: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                crate::convert::expect_mapping(data)?;
                Ok(Self { inner: request_arg(data)? })
            }
            /// A request from JSON text or bytes.
            #[staticmethod]
            #[pyo3(signature = (text: "str | bytes"))]
            fn from_json(text: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                crate::convert::expect_text(text)?;
                Ok(Self { inner: request_arg(text)? })
            }
            /// The request's JSON shape as a dict (defaults filled in).
            fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> crate::PyValue<'py> {
                let $v = &self.inner;
                crate::matching::dict_of(py, &$doc)
            }
            /// The request as JSON text.
            fn to_json(&self) -> String {
                let $v = &self.inner;
                serde_json::to_string(&$doc).expect("requests always serialise")
            }
            fn __repr__(&self) -> pyo3::PyResult<String> {
                Ok(format!(concat!("wijknet.", stringify!($core), ".from_json({:?})"), self.to_json()?))
            }
        }
    };
    // A request's constructor (`new CoreType(a: "A", *, b: "B" = None, ...) text "(a, *, b=None)"
    // keys b, a;`, `text` optional): the arguments given are read by the core as the same dict
    // would be, keys in the order `keys` lists (the request's JSON shape).
    ($ty:ident as $v:ident, $py:ident;
     new $core:ident($($req:ident: $rt:literal),+, *, $($opt:ident: $ot:literal = $($def:ident)::+),+)
     $(text $ts:literal)? keys $($key:ident),+; $($rest:tt)*) => {
        py_methods! { $ty as $v, $py; $($rest)*
            #[new]
            #[pyo3(signature = ($($req: $rt),+, *, $($opt: $ot = $($def)::+),+) $(, text_signature = $ts)?)]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: pyo3::Python<'_>,
                $($req: &pyo3::Bound<'_, pyo3::PyAny>,)+
                $($opt: Option<&pyo3::Bound<'_, pyo3::PyAny>>,)+
            ) -> pyo3::PyResult<Self> {
                use crate::errors::IntoPy as _;
                let fields = crate::convert::fields_dict(py, &[$((stringify!($key), Option::from($key))),+])?;
                Ok(Self { inner: <$core>::from_values(crate::de::PyValues::new(fields.as_any())).py_err(py)? })
            }
        }
    };
    // `repr "format", args;`: `__repr__` formats the wrapped core value, read through `v`.
    ($ty:ident as $v:ident, $py:ident; repr $($arg:expr),+; $($rest:tt)*) => {
        py_methods! { $ty as $v, $py; $($rest)*
            fn __repr__(&self) -> String {
                let $v = &self.inner;
                format!($($arg),+)
            }
        }
    };
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

/// What a getter returns that converts a core value to plain Python values (`dict_of`).
type PyValue<'py> = PyResult<Bound<'py, PyAny>>;

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

/// The compiled part of the ``wijknet`` package (re-exported by ``wijknet``).
///
/// Besides the exceptions each docstring names, every function and method here may raise
/// ``wijknet.InternalError`` (a ``WijknetError``, code ``"internal"``): a bug inside wijknet,
/// which should never happen, reported instead of pyo3's ``PanicException`` so ``except
/// Exception`` holds.
#[pymodule]
#[pyo3(name = "_native")]
mod native {
    #[pymodule_export]
    use crate::{
        agreements::{PyAgreements, PyDuty, PyFinding, PyMandateCheck, PyOnCall},
        codes::{code_kinds, codes, error_codes, label},
        consent::audit_event_to_fhir,
        consent::{PyCategoryDecision, PyConsentDecision, PyConsentRequest, PyConsentStore, PyConsentTrace},
        core_version,
        fhir::{PyFhirDirectory, PySharedFhirDirectory},
        local_time::local_instant,
        matching::{PyAccountable, PyCandidate, PyContact, PyExclusion, PyMatchRequest, PyMatchResult, PyVia},
        referral::{PyEventsParquetWriter, PyMonitoring, PyReferralBook, PyReferralHistory, PyReferralSummary},
        referral::{PyWhatIf, referral_events_from_fhir, referral_events_to_fhir},
        registry::{PyRegistry, PySharedRegistry},
        table::PyTable,
    };
    use pyo3::prelude::*;

    #[pymodule_export]
    #[allow(non_upper_case_globals)]
    const __version__: &str = wijknet::VERSION;

    /// `setattr`, not an export, which would list it in `__all__` (and so in the stubs).
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.setattr("_panic_for_tests", wrap_pyfunction!(super::_panic_for_tests, m)?)
    }
}
