//! # The front door of wijknet-fhir
//!
//! What every language offers of this crate, under one name per concept, and where each
//! language offers it: [`OPERATIONS`], written into the README's FHIR concept table and checked
//! against the C header, the Python stubs and the generated Kotlin by `fhir/tests/front_door.rs`,
//! as the core's own front door ([`wijknet::api`]) is. FHIR is JSON, so every operation takes
//! and gives JSON bytes; what comes out is the core's own values (a [`Registry`], a
//! [`ConsentStore`], referral [`Event`]s), so everything else a binding offers works on them.
//!
//! The functions here only compose what the modules already do, for the bindings, which would
//! otherwise each compose them themselves. Errors are the core's [`Error`], with problems at
//! FHIRPath-like paths (`Bundle.entry[3].resource.coverageArea[0]`) that repeat no value; a
//! binding maps them as it maps every core error (a C result code, a Python exception class, a
//! Kotlin `WijknetException` variant).

use std::sync::Arc;

use wijknet::api::{Offer::Named, Operation, op};
use wijknet::consent::{AuditRecord, ConsentStore};
use wijknet::referral::Event;
use wijknet::{Bsn, Error, Problem, Registry};

pub use crate::directory::{BundleType, Directory, MergeSource, SharedDirectory};

/// What errors of an audit event's parameters are called.
pub const AUDIT_EVENT: &str = "FHIR audit event";

/// A registry from a FHIR Bundle of mCSD resources: [`Directory::from_json`] and its registry,
/// for a host that applies no `_history` later (one that does keeps the [`Directory`]).
pub fn registry_from_fhir(bundle: &[u8]) -> Result<Registry, Error> {
    Ok(Directory::from_json(bundle)?.registry().clone())
}

/// The registry as a FHIR Bundle of mCSD resources, as JSON text ([`crate::to_bundle_json`]).
pub fn registry_to_fhir(registry: &Registry, ty: BundleType) -> String {
    crate::to_bundle_json(registry, ty)
}

/// One directory of several, each read on its own (one per organisation, as Generic Function
/// Addressing publishes them): [`crate::merge`], whose rule for sources that disagree is the
/// later `meta.lastUpdated`, and an error naming both when neither is later.
pub fn merge_directories(directories: &[&Directory]) -> Result<Directory, Error> {
    let sources: Vec<MergeSource<'_>> = directories.iter().map(|d| MergeSource { directory: d }).collect();
    crate::merge(&sources)
}

/// Applies a `_history` (or transaction) Bundle, as JSON bytes, to a shared directory's current
/// value by compare-and-swap ([`SharedDirectory::apply_history`]), returning what it installed.
pub fn shared_apply_history(shared: &SharedDirectory, bundle: &[u8]) -> Result<Arc<Directory>, Error> {
    let node = crate::json::parse(bundle, "Bundle", crate::directory::DOCUMENT)?;
    shared.apply_history(&node)
}

/// A consent store of the Consents in a FHIR Bundle (or one Consent), with the clients and the
/// data version of `clients`: the clients are the host's own patient data (ids, BSNs, dates of
/// birth, representatives), which no Consent carries, so a host passes the store it keeps them
/// in (its consents and objections are not used). See [`crate::consent::store_from_fhir`].
pub fn consent_store_from_fhir(bundle: &[u8], clients: &ConsentStore) -> Result<ConsentStore, Error> {
    let document = crate::consent::store_from_fhir(bundle, &clients.clients(), clients.version())?;
    ConsentStore::from_document(document)
}

/// The consents and objections of a store as a FHIR `collection` Bundle of Consents, as JSON
/// text ([`crate::consent::store_to_bundle`]; a Consent names its client's BSN when the store
/// holds it, as the store's own JSON export does).
pub fn consent_store_to_fhir(store: &ConsentStore) -> String {
    crate::consent::store_to_bundle(&store.to_document()).to_string()
}

/// A decision's audit record as a FHIR AuditEvent, as JSON text ([`crate::consent::audit_event`]).
/// `bsn` is the client's citizen service number when the host must log it (then it appears once,
/// as the patient's identifier); an invalid one is [`Error::Invalid`] at `bsn`, without the value.
pub fn audit_event_json(record: &AuditRecord, bsn: Option<&str>) -> Result<String, Error> {
    let bsn = bsn
        .map(|b| {
            Bsn::parse(b).map_err(|_| Error::Invalid {
                document: AUDIT_EVENT,
                problems: vec![Problem {
                    path: "bsn".into(),
                    reason: "expected a citizen service number (9 digits passing the eleven-test)".into(),
                }],
            })
        })
        .transpose()?;
    Ok(crate::consent::audit_event(record, bsn.as_ref()).to_string())
}

/// Referral events from a FHIR `history` Bundle of ServiceRequest and Task versions
/// ([`crate::referral::events_from_history`]).
pub fn referral_events_from_fhir(bundle: &[u8]) -> Result<Vec<Event>, Error> {
    crate::referral::events_from_history(bundle)
}

/// Referral events (in the order applied) as a FHIR `history` Bundle, as JSON text
/// ([`crate::referral::events_to_history`]; the events must replay without error).
pub fn referral_events_to_fhir(events: &[Event]) -> Result<String, Error> {
    Ok(crate::referral::events_to_history(events)?.to_string())
}

impl BundleType {
    /// Every type, in the order of their codes.
    pub const ALL: [BundleType; 3] = [BundleType::Collection, BundleType::Transaction, BundleType::Searchset];

    /// FHIR's code (`collection`, `transaction`, `searchset`), as the Python binding takes it.
    pub fn code(self) -> &'static str {
        match self {
            BundleType::Collection => "collection",
            BundleType::Transaction => "transaction",
            BundleType::Searchset => "searchset",
        }
    }

    /// The type of a code; `None` for any other text.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The number the C API uses (`WIJKNET_FHIR_BUNDLE_COLLECTION` = 0, `_TRANSACTION` = 1,
    /// `_SEARCHSET` = 2).
    pub fn index(self) -> u32 {
        self as u32
    }

    /// The type of a C number; `None` for any other.
    pub fn from_index(i: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.index() == i)
    }
}

/// Every operation of this crate, in the order of the README's FHIR table.
pub const OPERATIONS: &[Operation] = &[
    op(
        "fhir",
        "Read a directory (mCSD Bundle: searchset, collection, transaction or history)",
        "Directory::from_json",
        Named("wijknet_fhir_directory_from_json"),
        Named("FhirDirectory.from_json"),
        Named("FhirDirectory.fromJson"),
    ),
    op(
        "fhir",
        "Read a directory with progress reports and cancel",
        "Directory::from_json_with_progress",
        Named("wijknet_fhir_directory_from_json_progress"),
        Named("FhirDirectory.from_json"),
        Named("FhirDirectory.fromJson"),
    ),
    op(
        "fhir",
        "Apply a `_history` or transaction Bundle (new directory)",
        "Directory::apply_history",
        Named("wijknet_fhir_directory_apply_history"),
        Named("FhirDirectory.apply_history"),
        Named("FhirDirectory.applyHistory"),
    ),
    op(
        "fhir",
        "Merge directories read one per organisation",
        "api::merge_directories",
        Named("wijknet_fhir_directory_merge"),
        Named("FhirDirectory.merge"),
        Named("FhirDirectory.merge"),
    ),
    op(
        "fhir",
        "One current directory, `_history` applied by compare-and-swap",
        "api::shared_apply_history",
        Named("wijknet_fhir_shared_directory_apply_history"),
        Named("SharedFhirDirectory.apply_history"),
        Named("SharedFhirDirectory.applyHistory"),
    ),
    op(
        "fhir",
        "The shared directory's current value (a snapshot)",
        "SharedDirectory::current",
        Named("wijknet_fhir_shared_directory_current"),
        Named("SharedFhirDirectory.current"),
        Named("SharedFhirDirectory.current"),
    ),
    op(
        "fhir",
        "Replace the shared directory's current value",
        "SharedDirectory::replace",
        Named("wijknet_fhir_shared_directory_replace"),
        Named("SharedFhirDirectory.replace"),
        Named("SharedFhirDirectory.replace"),
    ),
    op(
        "fhir",
        "The directory's registry",
        "Directory::registry",
        Named("wijknet_fhir_directory_registry"),
        Named("FhirDirectory.registry"),
        Named("FhirDirectory.registry"),
    ),
    op(
        "fhir",
        "A registry from an mCSD Bundle (no later `_history`)",
        "api::registry_from_fhir",
        Named("wijknet_registry_from_fhir"),
        Named("Registry.from_fhir"),
        Named("Registry.fromFhir"),
    ),
    op(
        "fhir",
        "The registry as an mCSD Bundle (collection, transaction or searchset)",
        "api::registry_to_fhir",
        Named("wijknet_registry_to_fhir"),
        Named("Registry.to_fhir"),
        Named("Registry.toFhir"),
    ),
    op(
        "fhir",
        "A consent store from FHIR Consents (with the host's clients)",
        "api::consent_store_from_fhir",
        Named("wijknet_consent_store_from_fhir"),
        Named("ConsentStore.from_fhir"),
        Named("ConsentStore.fromFhir"),
    ),
    op(
        "fhir",
        "The consent store as FHIR Consents",
        "api::consent_store_to_fhir",
        Named("wijknet_consent_store_to_fhir"),
        Named("ConsentStore.to_fhir"),
        Named("ConsentStore.toFhir"),
    ),
    op(
        "fhir",
        "An audit record as a FHIR AuditEvent",
        "api::audit_event_json",
        Named("wijknet_audit_event_to_fhir"),
        Named("audit_event_to_fhir"),
        Named("auditEventToFhir"),
    ),
    op(
        "fhir",
        "Referral events from a ServiceRequest/Task `_history` Bundle",
        "api::referral_events_from_fhir",
        Named("wijknet_referral_events_from_fhir"),
        Named("referral_events_from_fhir"),
        Named("referralEventsFromFhir"),
    ),
    op(
        "fhir",
        "Referral events as a ServiceRequest/Task `_history` Bundle",
        "api::referral_events_to_fhir",
        Named("wijknet_referral_events_to_fhir"),
        Named("referral_events_to_fhir"),
        Named("referralEventsToFhir"),
    ),
];

/// The README's FHIR concept table, written from [`OPERATIONS`].
pub fn concept_table() -> String {
    wijknet::api::concept_table_of(OPERATIONS, "wijknet_fhir")
}
