//! FHIR R4 (crate `wijknet-fhir`, its front door `wijknet_fhir::api`): the care services
//! directory as IHE mCSD Bundles in and out, `_history` Bundles applied to it, consent stores as
//! FHIR Consents, audit records as AuditEvents, referral events as ServiceRequest/Task
//! `_history` Bundles. JSON in, JSON out; what is read becomes the handles every other function
//! takes (`wijknet_registry`, `wijknet_consent_store`, `wijknet_referral_events`).
//!
//! Errors are the usual result codes (`JSON` for malformed JSON or a bound exceeded, `INVALID`
//! with every problem at once, `VERSION_CONFLICT` for a capacity change based on another
//! version); problem paths are FHIRPath-like, rooted at the resource
//! (`Bundle.entry[3].resource.coverageArea[0]`), and repeat no value.

use std::ffi::c_char;

use wijknet_core::consent::AuditRecord;
use wijknet_fhir::api::{self, BundleType, Directory, SharedDirectory};

use crate::consent::wijknet_consent_store;
use crate::error::{Fail, wijknet_result};
use crate::ffi::{Json, guard, load, on, slice, text, to};
use crate::handle::{self, Give, borrow, handle};
use crate::progress::{wijknet_progress_fn, with_observer};
use crate::referral::wijknet_referral_events;
use crate::registry::wijknet_registry;

/// `wijknet_registry_to_fhir`'s bundle type: a `collection` Bundle (the resources).
pub const WIJKNET_FHIR_BUNDLE_COLLECTION: u32 = 0;
/// `wijknet_registry_to_fhir`'s bundle type: a `transaction` Bundle (each entry a `PUT Type/id`,
/// to load into a FHIR server).
pub const WIJKNET_FHIR_BUNDLE_TRANSACTION: u32 = 1;
/// `wijknet_registry_to_fhir`'s bundle type: a `searchset` Bundle (what a FHIR server answers to a
/// search over every directory type: each entry a `match`, with the `total`).
pub const WIJKNET_FHIR_BUNDLE_SEARCHSET: u32 = 2;

/// A care services directory read from FHIR: a registry together with the FHIR resources it was
/// built from, so that a later `_history` Bundle can refer to resources it does not repeat.
///
/// Thread-safety: never changes after creation; use one handle from any number of threads at
/// once. Applying a `_history` Bundle returns a NEW directory handle.
///
/// Ownership: created by `wijknet_fhir_directory_from_json` or
/// `wijknet_fhir_directory_apply_history`; another handle to the same value is made by
/// `wijknet_fhir_directory_clone`; every handle is freed once by `wijknet_fhir_directory_free`.
/// The registry handle `wijknet_fhir_directory_registry` gives is the caller's own and outlives
/// the directory.
#[derive(Debug)]
pub struct wijknet_fhir_directory {
    _private: [u8; 0],
}

handle!(wijknet_fhir_directory: Shared => Directory);

/// Reads a FHIR R4 Bundle (`searchset`, `collection`, `transaction` or `history`) of IHE mCSD /
/// nl-gf resources (Organization, Location, HealthcareService, PractitionerRole, Practitioner,
/// OrganizationAffiliation, Endpoint) into a directory; `json_len` bytes of UTF-8 JSON, no
/// terminating NUL needed.
///
/// On success writes a new handle to `*out_directory`; the caller owns it and frees it with
/// `wijknet_fhir_directory_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON` (malformed, a
/// key twice, a bound exceeded: the first problem), `INVALID` (every problem at once, at paths
/// such as `Bundle.entry[3].resource.coverageArea[0]`). `*out_directory` is written only on
/// success.
///
/// # Safety
/// `json` must be NULL or point to `json_len` readable bytes; `out_directory` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_directory_from_json(
    json: *const c_char,
    json_len: usize,
    out_directory: *mut *mut wijknet_fhir_directory,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_directory, "out_directory", Directory::from_json) }
}

/// `wijknet_fhir_directory_from_json`, reporting progress to `progress` (may be NULL: no
/// reports) with `user_data`, and cancellable from it. Three steps, each reported at its start
/// and end: `READ` (bytes), `CHECK` (the Bundle's entries) and `INDEX` (resources).
///
/// Ownership: on success `*out_directory` is a new handle the caller frees with
/// `wijknet_fhir_directory_free`; written only on success. Errors: those of
/// `wijknet_fhir_directory_from_json`, and `CANCELLED`.
///
/// # Safety
/// `json` must be NULL or point to `json_len` readable bytes; `out_directory` NULL or writable;
/// `progress`, when not NULL, callable with `user_data` during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_directory_from_json_progress(
    json: *const c_char,
    json_len: usize,
    progress: wijknet_progress_fn,
    user_data: *mut std::ffi::c_void,
    out_directory: *mut *mut wijknet_fhir_directory,
) -> wijknet_result {
    let read = |json: &[u8]| with_observer(progress, user_data, |obs| Directory::from_json_with_progress(json, obs));
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_directory, "out_directory", read) }
}

/// Frees a directory handle. NULL is a no-op; freeing a handle twice is undefined behaviour.
/// Registry handles taken from it and directories derived from it stay valid.
///
/// # Safety
/// `directory` must be NULL or a live handle not used by another thread during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_directory_free(directory: *mut wijknet_fhir_directory) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(directory) }
}

/// A new handle to the same directory: another owner of the same immutable value, nothing is
/// copied. The clone is freed with its own `wijknet_fhir_directory_free`; either may be freed
/// first. The clone is a different pointer from `directory`.
///
/// On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `directory` NULL or live; `out_clone` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_directory_clone(
    directory: *const wijknet_fhir_directory,
    out_clone: *mut *mut wijknet_fhir_directory,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { handle::clone(directory, "directory", out_clone, "out_clone") })
}

/// Applies a FHIR `_history` Bundle (newest entry first, as FHIR lists history) or a
/// `transaction` of PUT, POST and DELETE entries, and returns a NEW directory; `directory` is
/// unchanged and stays valid. A team's capacity change must name the next capacity version (the
/// current one plus one) in wijknet's capacity extension, or nothing is applied.
///
/// On success writes a new handle to `*out_directory` (caller frees it with
/// `wijknet_fhir_directory_free`, independently of `directory`). Errors: `NULL_ARGUMENT`,
/// `INVALID_UTF8`, `JSON`, `INVALID` (every problem, at `Bundle.entry[i]...` paths),
/// `VERSION_CONFLICT` (a capacity change based on another version: re-read and retry).
///
/// # Safety
/// `directory` NULL or live; `json` NULL or `json_len` readable bytes; `out_directory` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_directory_apply_history(
    directory: *const wijknet_fhir_directory,
    json: *const c_char,
    json_len: usize,
    out_directory: *mut *mut wijknet_fhir_directory,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(directory, "directory", Give(out_directory, "out_directory")) }.answer(|d| {
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(json, json_len, "json") }?;
        Ok(d.apply_history(json.as_bytes())?)
    })
}

/// The directory's registry, as a NEW registry handle (sharing the directory's data, nothing is
/// copied) that every `wijknet_registry_*` function takes.
///
/// On success writes the handle to `*out_registry`; the caller owns it and frees it with
/// `wijknet_registry_free`, before or after the directory. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `directory` NULL or live; `out_registry` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_directory_registry(
    directory: *const wijknet_fhir_directory,
    out_registry: *mut *mut wijknet_registry,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(directory, "directory", Give(out_registry, "out_registry")) }.answer(|d| Ok(d.registry().clone()))
}

/// Reads a FHIR Bundle of mCSD resources straight into a registry, for a host that applies no
/// `_history` Bundle later (one that does keeps a `wijknet_fhir_directory`). As
/// `wijknet_fhir_directory_from_json` followed by `wijknet_fhir_directory_registry`.
///
/// On success writes a new handle to `*out_registry` (caller frees it with
/// `wijknet_registry_free`). Errors: as `wijknet_fhir_directory_from_json`.
///
/// # Safety
/// `json` NULL or `json_len` readable bytes; `out_registry` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_from_fhir(
    json: *const c_char,
    json_len: usize,
    out_registry: *mut *mut wijknet_registry,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_registry, "out_registry", api::registry_from_fhir) }
}

/// Exports the registry, with current capacity, as a FHIR R4 Bundle of mCSD resources:
/// `bundle_type` `WIJKNET_FHIR_BUNDLE_COLLECTION`, `_TRANSACTION` or `_SEARCHSET`. Reading
/// it back (`wijknet_registry_from_fhir`) gives an equal registry.
///
/// On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
/// caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`, `INVALID_ARGUMENT`
/// (another `bundle_type`).
///
/// # Safety
/// `registry` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_to_fhir(
    registry: *const wijknet_registry,
    bundle_type: u32,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Json(out_json, out_len)) }.answer(|r| {
        let ty = BundleType::from_index(bundle_type).ok_or_else(|| {
            Fail::argument("bundle_type", "expected WIJKNET_FHIR_BUNDLE_COLLECTION, _TRANSACTION or _SEARCHSET")
        })?;
        Ok(api::registry_to_fhir(r, ty))
    })
}

/// Reads FHIR R4 Consents (a Bundle of them, or one Consent) into a NEW consent store, with the
/// clients and the data version of `clients`: the clients are the host's own patient data (ids,
/// BSNs, dates of birth, representatives), which no Consent carries, so the host passes the
/// store it keeps them in (loaded from its `wijknet.consent/v1` document; that store's consents
/// and objections are not used, and it stays the caller's).
///
/// On success writes a new handle to `*out_store` (caller frees it with
/// `wijknet_consent_store_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `INVALID`
/// (every problem at once, at paths such as `Bundle.entry[0].resource.provision.actor[1]`; a
/// Consent for a client `clients` does not know is one of them).
///
/// # Safety
/// `clients` NULL or live; `json` NULL or `json_len` readable bytes; `out_store` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_store_from_fhir(
    clients: *const wijknet_consent_store,
    json: *const c_char,
    json_len: usize,
    out_store: *mut *mut wijknet_consent_store,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(clients, "clients", Give(out_store, "out_store")) }.answer(|c| {
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(json, json_len, "json") }?;
        Ok(api::consent_store_from_fhir(json.as_bytes(), c)?)
    })
}

/// Exports the store's consents and objections as a FHIR `collection` Bundle of Consents (each
/// names its client as `Patient/<client id>`, with the BSN as identifier when the store holds
/// one: the host's own data, as `wijknet_consent_store_to_json` exports it). Reading it back with
/// `wijknet_consent_store_from_fhir` and the same store gives an equal store.
///
/// On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
/// caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `store` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_store_to_fhir(
    store: *const wijknet_consent_store,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(store, "store", Json(out_json, out_len)) }.answer(|s| Ok(api::consent_store_to_fhir(s)))
}

/// A decision's audit record (`audit_json`: the `"audit"` object of
/// `wijknet_consent_decide_json`'s answer, as the host stored it) as a FHIR R4 AuditEvent.
/// `bsn` (`bsn_len` bytes) is the client's citizen service number when the host must log it: it
/// then appears once, as the patient's identifier. NULL `bsn` means none (`bsn_len` is then
/// ignored); wijknet never adds one by itself.
///
/// On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
/// caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`
/// (the record: malformed, a wrong type, an unknown field, at its `$` path), `INVALID` (`bsn` not
/// a valid citizen service number, at path `bsn`; the message never repeats it).
///
/// # Safety
/// `audit_json` NULL or `audit_len` readable bytes; `bsn` NULL or `bsn_len` readable bytes; out
/// pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_audit_event_to_fhir(
    audit_json: *const c_char,
    audit_len: usize,
    bsn: *const c_char,
    bsn_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Json(out_json, out_len)) }.make(|| {
        // SAFETY: forwarded from the caller.
        let audit = unsafe { text(audit_json, audit_len, "audit_json") }?;
        // SAFETY: non-null, and forwarded from the caller.
        let bsn = if bsn.is_null() { None } else { Some(unsafe { text(bsn, bsn_len, "bsn") }?) };
        let record = AuditRecord::from_json(audit.as_bytes())?;
        Ok(api::audit_event_json(&record, bsn)?)
    })
}

/// Reads referral events from a FHIR `history` Bundle of ServiceRequest and Task versions (as
/// `wijknet_referral_events_to_fhir` writes it, or any such history: each version's status
/// change says which event it was), in the order they happened, into a NEW events list for
/// `wijknet_referral_book_apply`.
///
/// On success writes a new handle to `*out_events` (caller frees it with
/// `wijknet_referral_events_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `INVALID`
/// (every problem, at `Bundle.entry[i]...` paths).
///
/// # Safety
/// `json` NULL or `json_len` readable bytes; `out_events` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_events_from_fhir(
    json: *const c_char,
    json_len: usize,
    out_events: *mut *mut wijknet_referral_events,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_events, "out_events", api::referral_events_from_fhir) }
}

/// Writes an events list (in the order applied) as a FHIR `history` Bundle of ServiceRequest
/// and Task versions, newest first; `wijknet_referral_events_from_fhir` reads it back to events
/// that replay to the same referral book.
///
/// On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
/// caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`, and the codes of
/// `wijknet_referral_book_apply` when the events do not replay (a refused event has no version
/// to write).
///
/// # Safety
/// `events` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_events_to_fhir(
    events: *const wijknet_referral_events,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(events, "events", Json(out_json, out_len)) }.answer(|e| Ok(api::referral_events_to_fhir(e)?))
}

/// Most directories one `wijknet_fhir_directory_merge` takes: far above the organisations of a
/// region, and a bound on what a wrong `count` makes the library read.
pub const WIJKNET_FHIR_MERGE_MAX: usize = 100_000;

/// Merges several directories, each read on its own (one per organisation, as Generic Function
/// Addressing publishes them), into a NEW directory. A resource two sources both hold is taken
/// once when both say the same; when they differ, the version with the later `meta.lastUpdated`
/// wins; when neither is later, nothing is guessed: `INVALID`, with a problem naming both at
/// `source[i].` + the path each was read at. Resources keep the order of the first source that has
/// them; the registry version is the highest of the sources'.
///
/// `directories` points to `count` handles (each non-NULL and live; the same handle may appear
/// twice); they are not taken over and stay valid. On success writes a new handle to
/// `*out_directory` (caller frees it with `wijknet_fhir_directory_free`). Errors:
/// `NULL_ARGUMENT` (`directories` NULL with a `count` above 0, or a NULL element),
/// `INVALID_ARGUMENT` (`count` above `WIJKNET_FHIR_MERGE_MAX`), `INVALID` (sources that disagree,
/// or a merged directory that is not a valid registry).
///
/// # Safety
/// `directories` NULL or `count` readable handle pointers, each NULL or live; `out_directory`
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_directory_merge(
    directories: *const *const wijknet_fhir_directory,
    count: usize,
    out_directory: *mut *mut wijknet_fhir_directory,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Give(out_directory, "out_directory")) }.make(|| {
        if count > WIJKNET_FHIR_MERGE_MAX {
            return Err(Fail::argument("count", "expected at most WIJKNET_FHIR_MERGE_MAX directories"));
        }
        // SAFETY: forwarded from the caller (`count` bounded).
        let sources = unsafe { slice(directories, count, "directories") }?
            .iter()
            // SAFETY: each element forwarded from the caller.
            .map(|&d| unsafe { borrow(d, "directories[i]") })
            .collect::<Result<Vec<&Directory>, Fail>>()?;
        Ok(api::merge_directories(&sources)?)
    })
}

/// One current directory shared by every thread of a host, updated by compare-and-swap: of two
/// `_history` Bundles that change one team's capacity from the same version, exactly one is
/// installed and the other gets `VERSION_CONFLICT`, whichever thread runs first.
///
/// Thread-safety: every function on it may be called from any number of threads at once,
/// including the ones that change it; they synchronise internally without locks, and readers
/// never wait for writers.
///
/// Ownership: created by `wijknet_fhir_shared_directory_new`, freed once by
/// `wijknet_fhir_shared_directory_free`; it has no `_clone` (share the one handle between
/// threads). Directory handles passed in are not taken over (the data is shared, not copied);
/// directory handles handed out are new handles the caller frees. No handle keeps another alive.
#[derive(Debug)]
pub struct wijknet_fhir_shared_directory {
    _private: [u8; 0],
}

handle!(wijknet_fhir_shared_directory: Exclusive => SharedDirectory);

/// Starts a shared current directory with `directory` as its current value.
///
/// `directory` is NOT taken over: the caller still owns it and may free it at any time. On
/// success writes a new handle to `*out_shared`; the caller frees it with
/// `wijknet_fhir_shared_directory_free`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `directory` NULL or live; `out_shared` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_shared_directory_new(
    directory: *const wijknet_fhir_directory,
    out_shared: *mut *mut wijknet_fhir_shared_directory,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(directory, "directory", Give(out_shared, "out_shared")) }
        .answer(|d| Ok(SharedDirectory::new(d.clone())))
}

/// Frees a shared directory. NULL is a no-op; freeing it twice is undefined behaviour. Directory
/// handles obtained from it stay valid.
///
/// # Safety
/// `shared` must be NULL or a live handle that no other thread uses during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_shared_directory_free(shared: *mut wijknet_fhir_shared_directory) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(shared) }
}

/// The current directory, as a NEW directory handle: a snapshot that never changes, whatever is
/// installed after it was taken. Never waits for a writer.
///
/// On success writes the handle to `*out_directory`; the caller frees it with
/// `wijknet_fhir_directory_free`, independently of `shared`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `shared` NULL or live; `out_directory` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_shared_directory_current(
    shared: *const wijknet_fhir_shared_directory,
    out_directory: *mut *mut wijknet_fhir_directory,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(shared, "shared", Give(out_directory, "out_directory")) }.answer(|s| Ok(Directory::clone(&s.current())))
}

/// Applies a FHIR `_history` (or transaction) Bundle to the current directory and installs the
/// result, which is also returned. The result is installed only if the directory it was computed
/// from is still current; when another thread installed one in between, the Bundle is applied
/// again to that newer directory, so concurrent writers behave as if they ran one after the
/// other.
///
/// On success writes a NEW directory handle (the value installed by this call) to
/// `*out_directory`; the caller frees it with `wijknet_fhir_directory_free`. On failure nothing
/// is installed. Errors: as `wijknet_fhir_directory_apply_history`; `VERSION_CONFLICT` when a
/// capacity change is based on a version another writer already replaced (take a new snapshot,
/// decide again, retry).
///
/// # Safety
/// `shared` NULL or live; `json` NULL or `json_len` readable bytes; `out_directory` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_shared_directory_apply_history(
    shared: *mut wijknet_fhir_shared_directory,
    json: *const c_char,
    json_len: usize,
    out_directory: *mut *mut wijknet_fhir_directory,
) -> wijknet_result {
    // SAFETY: forwarded from the caller; only shared access is needed (the crate synchronises).
    unsafe { on(shared, "shared", Give(out_directory, "out_directory")) }.answer(|s| {
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(json, json_len, "json") }?;
        Ok(Directory::clone(&*api::shared_apply_history(s, json.as_bytes())?))
    })
}

/// Installs `directory` (typically a newly read full Bundle) as the current directory, whatever is
/// current. Last writer wins, on purpose: a full directory supersedes the old one.
///
/// `directory` is NOT taken over: the caller still owns it and may free it at any time. Errors:
/// `NULL_ARGUMENT`.
///
/// # Safety
/// `shared` and `directory` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_fhir_shared_directory_replace(
    shared: *mut wijknet_fhir_shared_directory,
    directory: *const wijknet_fhir_directory,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let s = unsafe { borrow(shared, "shared") }?;
        // SAFETY: forwarded from the caller.
        let d = unsafe { borrow(directory, "directory") }?;
        s.replace(d.clone());
        Ok(())
    })
}
