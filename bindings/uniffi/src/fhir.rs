//! FHIR R4 through `wijknet_fhir::api`, the FHIR front door: `FhirDirectory` (an mCSD Bundle read,
//! `_history` applied, its registry, several merged), `SharedFhirDirectory`, `Registry.fromFhir`/`toFhir`, `ConsentStore.fromFhir`/
//! `toFhir`, audit records as AuditEvents and referral events as ServiceRequest/Task history.
//! FHIR is JSON: Bundles go in as UTF-8 bytes and come out as JSON strings; what is read becomes
//! the objects and records the rest of the API takes. Errors are the core's, as `WijknetError`
//! like every other, with problems at FHIRPath-like paths (`Bundle.entry[3].resource.coverageArea[0]`).

use std::sync::Arc;

use wijknet::consent::AuditRecord;
use wijknet::referral::{EventInput, parse_events_input};
use wijknet_fhir::api::{self, BundleType, Directory};

use crate::consent::ConsentStore;
use crate::error::Result;
use crate::registry::Registry;

/// The type of an exported FHIR Bundle.
#[uniffi::remote(Enum)]
#[uniffi(name = "FhirBundleType")]
pub enum BundleType {
    /// `collection`: the resources.
    Collection,
    /// `transaction`: each entry a `PUT Type/id`, to load into a FHIR server.
    Transaction,
    /// `searchset`: what a FHIR server answers to a search over every directory type (each
    /// entry a `match`, with the `total`).
    Searchset,
}

object! {
    /// A care services directory read from FHIR (IHE mCSD / nl-gf): a registry together with the
    /// FHIR resources it was built from, so that a later `_history` Bundle can refer to resources it
    /// does not repeat.
    ///
    /// **Thread-safety:** never changes after it is built; `applyHistory` returns a new directory.
    ///
    /// **Lifetime:** owns native memory; in Kotlin `close()` (or `use { }`) or leave it to the
    /// cleaner, in Swift ARC frees it. The `Registry` it gives outlives it.
    FhirDirectory(Directory) as v;
    display "FhirDirectory version {}: {} resources, {} teams",
        v.registry().version(),
        v.resource_count(),
        v.registry().teams().len();
}

#[uniffi::export]
impl FhirDirectory {
    /// Reads a FHIR R4 Bundle (`searchset`, `collection`, `transaction` or `history`) of mCSD
    /// resources (UTF-8 JSON bytes). Structural JSON problems stop at the first (`Json`); every
    /// other problem is reported at once (`Invalid`, at `Bundle.entry[i]...` paths). `listener`
    /// (optional) follows the reading (steps `Read`, `Check`, `Index`, each at its start and
    /// end) and can cancel it (`WijknetException.Cancelled`).
    #[uniffi::constructor(default(listener = None))]
    pub fn from_json(json: Vec<u8>, listener: Option<Arc<dyn crate::ProgressListener>>) -> Result<Arc<Self>> {
        let mut observer = crate::progress::Listener(listener);
        Ok(Arc::new(Self { inner: Directory::from_json_with_progress(&json, &mut observer)? }))
    }

    /// Applies a `_history` Bundle (newest entry first) or a `transaction` and returns the next
    /// directory; this one is unchanged. A team's capacity change must name the next capacity
    /// version, or nothing is applied (`VersionConflict`).
    pub fn apply_history(&self, json: Vec<u8>) -> Result<Arc<FhirDirectory>> {
        Ok(Arc::new(Self { inner: self.inner.apply_history(&json)? }))
    }

    /// One directory of several, each read on its own (one per organisation, as Generic Function
    /// Addressing publishes them). A resource two sources both hold is taken once when both say
    /// the same; when they differ, the version with the later `meta.lastUpdated` wins; when
    /// neither is later, nothing is guessed: `Invalid`, naming both at `source[i].` paths.
    #[uniffi::constructor]
    pub fn merge(directories: Vec<Arc<FhirDirectory>>) -> Result<Arc<Self>> {
        let sources: Vec<&Directory> = directories.iter().map(|d| &d.inner).collect();
        Ok(Arc::new(Self { inner: api::merge_directories(&sources)? }))
    }

    /// The directory's registry (sharing its data: nothing is copied).
    pub fn registry(&self) -> Arc<Registry> {
        Arc::new(Registry { inner: self.inner.registry().clone() })
    }

    /// Number of FHIR resources held.
    pub fn resource_count(&self) -> u64 {
        self.inner.resource_count() as u64
    }
}

object! {
    /// One current directory for every thread of an app, updated by compare-and-swap: of two
    /// `_history` Bundles that change one team's capacity from the same version exactly one is
    /// installed and the other fails with `VersionConflict`, whichever thread runs first.
    ///
    /// **Thread-safety:** made to be shared: every method may be called from any number of threads
    /// at once without locks, and reading the current directory never waits for a writer.
    ///
    /// **Lifetime:** as a `FhirDirectory`; directories handed out are independent objects that stay
    /// valid after this one is closed.
    SharedFhirDirectory(api::SharedDirectory) as v;
    display "SharedFhirDirectory, current version {}", v.current().registry().version();
}

#[uniffi::export]
impl SharedFhirDirectory {
    /// Starts sharing `directory` as the current directory (which stays usable).
    #[uniffi::constructor]
    pub fn new(directory: Arc<FhirDirectory>) -> Arc<Self> {
        Arc::new(Self { inner: api::SharedDirectory::new(directory.inner.clone()) })
    }

    /// The current directory: a snapshot that never changes, whatever is installed after it.
    pub fn current(&self) -> Arc<FhirDirectory> {
        Arc::new(FhirDirectory { inner: Directory::clone(&self.inner.current()) })
    }

    /// Applies a `_history` (or transaction) Bundle to the current directory, installs the
    /// result and returns it; when another thread installed a directory in between, the Bundle
    /// is applied again to that one. On error nothing is installed; `VersionConflict` when a
    /// capacity change is based on a version already replaced (take a new `current()`, retry).
    pub fn apply_history(&self, json: Vec<u8>) -> Result<Arc<FhirDirectory>> {
        let installed = api::shared_apply_history(&self.inner, &json)?;
        Ok(Arc::new(FhirDirectory { inner: Directory::clone(&installed) }))
    }

    /// Installs `directory` (typically a newly read full Bundle) as the current directory,
    /// whatever is current: last writer wins, on purpose.
    pub fn replace(&self, directory: Arc<FhirDirectory>) {
        self.inner.replace(directory.inner.clone());
    }
}

#[uniffi::export]
impl Registry {
    /// Reads a FHIR R4 Bundle of mCSD resources (UTF-8 JSON bytes) into a registry, for when no
    /// `_history` Bundle will be applied later (else keep a `FhirDirectory`).
    #[uniffi::constructor]
    pub fn from_fhir(json: Vec<u8>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: api::registry_from_fhir(&json)? }))
    }

    /// The registry, with current capacity, as a FHIR R4 Bundle of mCSD resources (JSON);
    /// `fromFhir` reads it back to an equal registry.
    pub fn to_fhir(&self, bundle_type: BundleType) -> String {
        api::registry_to_fhir(&self.inner, bundle_type)
    }
}

#[uniffi::export]
impl ConsentStore {
    /// A consent store of FHIR R4 Consents (a Bundle of them or one Consent, UTF-8 JSON bytes),
    /// with the clients and data version of `clients`: the clients are the host's own patient
    /// data, which no Consent carries (the consents and objections of `clients` are not used).
    /// Every problem is reported at once (`Invalid`, at paths such as
    /// `Bundle.entry[0].resource.provision.actor[1]`).
    #[uniffi::constructor]
    pub fn from_fhir(json: Vec<u8>, clients: Arc<ConsentStore>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: api::consent_store_from_fhir(&json, &clients.inner)? }))
    }

    /// The consents and objections as a FHIR `collection` Bundle of Consents (JSON; a Consent
    /// names its client's BSN when the store holds it, as `toJson` does).
    pub fn to_fhir(&self) -> String {
        api::consent_store_to_fhir(&self.inner)
    }
}

/// A decision's audit record as a FHIR R4 AuditEvent (JSON). `bsn` is the client's citizen
/// service number when the host must log it (it then appears once, as the patient's identifier);
/// wijknet never adds one by itself. An invalid `bsn` is `Invalid` at path `bsn`, never repeated.
#[uniffi::export]
pub fn audit_event_to_fhir(record: AuditRecord, bsn: Option<String>) -> Result<String> {
    Ok(api::audit_event_json(&record, bsn.as_deref())?)
}

/// Reads referral events from a FHIR `history` Bundle of ServiceRequest and Task versions (UTF-8
/// JSON bytes), in the order they happened. Every problem is reported at once (`Invalid`, at
/// `Bundle.entry[i]...` paths).
#[uniffi::export]
pub fn referral_events_from_fhir(json: Vec<u8>) -> Result<Vec<EventInput>> {
    Ok(api::referral_events_from_fhir(&json)?.iter().map(EventInput::from).collect())
}

/// Writes referral events (in the order applied) as a FHIR `history` Bundle of ServiceRequest
/// and Task versions (JSON, newest first); `referralEventsFromFhir` reads it back to events that
/// replay to the same book. The events must replay (the errors of `ReferralBook.replay`).
#[uniffi::export]
pub fn referral_events_to_fhir(events: Vec<EventInput>) -> Result<String> {
    Ok(api::referral_events_to_fhir(&parse_events_input(&events)?)?)
}
