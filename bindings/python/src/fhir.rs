//! FHIR R4 through `wijknet_fhir::api`, the FHIR front door: `FhirDirectory` (an mCSD Bundle read,
//! `_history` applied, its registry), and the helpers `Registry.from_fhir`/`to_fhir`,
//! `ConsentStore.from_fhir`/`to_fhir`, `audit_event_to_fhir` and the referral event conversions
//! use. A Bundle argument is a path, JSON text, bytes or a dict, as every document; the answers
//! are JSON text. Errors are the core's, mapped in `errors.rs` like every other: problems at
//! FHIRPath-like paths (`Bundle.entry[3].resource.coverageArea[0]`) that repeat no value.

use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::Deserialize;
use wijknet_fhir::api::{BundleType, Directory, SharedDirectory};

use crate::convert::{Source, io_error};
use crate::de::PyValues;
use crate::errors::{IntoPy, invalid, json};
use crate::registry::PyRegistry;

/// The bytes of a FHIR Bundle argument (path, JSON text, bytes, or a dict, written out as JSON so
/// that the FHIR reader reads it with its bounds).
pub fn bundle_bytes(obj: &Bound<'_, PyAny>, document: &'static str) -> PyResult<Vec<u8>> {
    let py = obj.py();
    match Source::from_arg(obj, document)? {
        Source::Bytes(b) => Ok(b),
        Source::File(p) => py.detach(move || std::fs::read(&p).map_err(|e| (e, p))).map_err(io_error),
        Source::Values => {
            let value = serde_json::Value::deserialize(PyValues::new(obj))
                .map_err(|r| json(document, "Bundle", r.to_string()))
                .py_err(py)?;
            Ok(serde_json::to_vec(&value).expect("JSON values serialise"))
        }
    }
}

/// A `bundle_type` argument: `"collection"`, `"transaction"` or `"searchset"`.
pub fn bundle_type_arg(s: &Bound<'_, PyString>) -> PyResult<BundleType> {
    let py = s.py();
    let code = s.to_cow().ok();
    code.as_deref()
        .and_then(BundleType::from_code)
        .ok_or_else(|| {
            invalid("FHIR bundle type", "$.bundle_type", "expected \"collection\", \"transaction\" or \"searchset\"")
        })
        .py_err(py)
}

py_methods! {
    /// A care services directory read from FHIR (IHE mCSD / nl-gf): a registry together with the
    /// FHIR resources it was built from, so that a later ``_history`` Bundle can refer to resources
    /// it does not repeat. Immutable and safe to share between threads: :meth:`apply_history`
    /// returns a new directory.
    class "FhirDirectory" PyFhirDirectory(Directory) as v, py;
    repr "<wijknet.FhirDirectory version={} resources={} teams={}>",
        v.registry().version(),
        v.resource_count(),
        v.registry().teams().len();
    ;
    /// Reads a FHIR R4 Bundle (``searchset``, ``collection``, ``transaction`` or ``history``) of
    /// mCSD resources: a path, JSON text, bytes or a dict. The GIL is released while reading.
    ///
    /// Raises ``JsonError`` (malformed JSON, a key twice, a bound exceeded) and
    /// ``ValidationError`` (every problem at once, at paths such as
    /// ``Bundle.entry[3].resource.coverageArea[0]``).
    ///
    /// ``progress`` (a tqdm bar or ``f(step, done, total)`` returning ``False`` to cancel:
    /// ``CancelledError``) follows the steps ``read`` (bytes), ``check`` (the Bundle's entries)
    /// and ``index`` (resources) of a long load, such as a national directory.
    #[staticmethod]
    #[pyo3(signature = (
        source: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]",
        progress: "Callable[[str, int, int], bool | None] | Any | None" = None
    ))]
    fn from_json(source: &Bound<'_, PyAny>, progress: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let py = source.py();
        let mut observer = crate::progress::PyProgress::new(progress)?;
        let bytes = bundle_bytes(source, wijknet_fhir::directory::DOCUMENT)?;
        let read = py.detach(|| Directory::from_json_with_progress(&bytes, &mut observer));
        Ok(Self { inner: observer.answer(py, read)? })
    }

    /// Applies a ``_history`` Bundle (newest entry first) or a ``transaction`` and returns the
    /// next directory; this one is unchanged. A team's capacity change must name the next
    /// capacity version, or nothing is applied (``VersionConflictError``).
    #[pyo3(signature = (bundle: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]"))]
    fn apply_history(&self, bundle: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = bundle.py();
        let bytes = bundle_bytes(bundle, wijknet_fhir::directory::DOCUMENT)?;
        Ok(Self { inner: py.detach(|| self.inner.apply_history(&bytes)).py_err(py)? })
    }

    /// One directory of several, each read on its own (one per organisation, as Generic Function
    /// Addressing publishes them). A resource two sources both hold is taken once when both say
    /// the same; when they differ, the version with the later ``meta.lastUpdated`` wins; when
    /// neither is later, nothing is guessed: ``ValidationError`` naming both at ``source[i].``
    /// paths. The GIL is released while merging.
    #[staticmethod]
    fn merge(directories: Vec<PyRef<'_, PyFhirDirectory>>, py: Python<'_>) -> PyResult<Self> {
        let sources: Vec<&Directory> = directories.iter().map(|d| &d.inner).collect();
        Ok(Self { inner: py.detach(|| wijknet_fhir::api::merge_directories(&sources)).py_err(py)? })
    }

    /// The directory's registry (sharing its data: nothing is copied).
    fn registry(&self) -> PyRegistry {
        PyRegistry { inner: self.inner.registry().clone() }
    }

    /// Number of FHIR resources held.
    #[getter]
    fn resource_count(&self) -> usize {
        self.inner.resource_count()
    }
}

py_methods! {
    /// One current directory for every thread of a host, updated by compare-and-swap: of two
    /// ``_history`` Bundles that change one team's capacity from the same version exactly one is
    /// installed and the other raises ``VersionConflictError``, whichever thread runs first.
    ///
    /// Safe to share between threads without a lock: every method may be called from any thread at
    /// once, and reading the current directory never waits for a writer.
    class "SharedFhirDirectory" PySharedFhirDirectory(SharedDirectory) as v, py;
    repr "<wijknet.SharedFhirDirectory current version={}>", v.current().registry().version();
    ;
    /// Starts sharing ``directory`` as the current directory (which stays usable: directories
    /// never change).
    #[new]
    fn new(directory: &Bound<'_, PyFhirDirectory>) -> Self {
        Self { inner: SharedDirectory::new(directory.get().inner.clone()) }
    }

    /// The current directory: a snapshot that never changes, whatever is installed after it.
    fn current(&self) -> PyFhirDirectory {
        PyFhirDirectory { inner: Directory::clone(&self.inner.current()) }
    }

    /// Applies a ``_history`` (or transaction) Bundle to the current directory, installs the
    /// result and returns it. When another thread installed a directory in between, the Bundle
    /// is applied again to that one, so concurrent writers behave as if they ran one after the
    /// other. On error nothing is installed. The GIL is released meanwhile.
    ///
    /// Raises ``VersionConflictError`` when a capacity change is based on a version already
    /// replaced (take a new :meth:`current`, decide again, retry), and the errors of
    /// :meth:`FhirDirectory.apply_history`.
    #[pyo3(signature = (bundle: "str | PathLike[str] | bytes | bytearray | Mapping[str, Any]"))]
    fn apply_history(&self, bundle: &Bound<'_, PyAny>) -> PyResult<PyFhirDirectory> {
        let py = bundle.py();
        let bytes = bundle_bytes(bundle, wijknet_fhir::directory::DOCUMENT)?;
        let installed = py.detach(|| wijknet_fhir::api::shared_apply_history(&self.inner, &bytes)).py_err(py)?;
        Ok(PyFhirDirectory { inner: Directory::clone(&installed) })
    }

    /// Installs ``directory`` (typically a newly read full Bundle) as the current directory,
    /// whatever is current: last writer wins, on purpose.
    fn replace(&self, directory: &Bound<'_, PyFhirDirectory>) {
        self.inner.replace(directory.get().inner.clone());
    }
}
