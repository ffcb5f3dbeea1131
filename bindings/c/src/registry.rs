//! The registry handle (load, export, version, capacity updates) and the shared current
//! registry (capacity updates by compare-and-swap).

use std::ffi::c_char;

use wijknet_core::registry::CapacityUpdate;
use wijknet_core::{Error, Location, Registry, SharedRegistry, api};

use crate::error::{Fail, wijknet_result};
use crate::ffi::{Json, Put, guard, load, on, text};
use crate::handle::{self, Give, borrow, handle};

/// An immutable provider registry (organisations, teams, service areas, capacity, contact
/// persons).
///
/// Thread-safety: never changes after creation, so one handle may be used from any number of
/// threads at once (`const wijknet_registry *` everywhere). A capacity update returns a NEW
/// handle; both must be freed. To keep one current registry that several threads update, use
/// `wijknet_shared_registry`.
///
/// Ownership: created by `wijknet_registry_from_json`, `wijknet_registry_update_capacities`,
/// `wijknet_shared_registry_current` or `wijknet_shared_registry_update_capacities`; another
/// handle to the same value is made by `wijknet_registry_clone`; every handle is freed once by
/// `wijknet_registry_free`.
#[derive(Debug)]
pub struct wijknet_registry {
    _private: [u8; 0],
}

handle!(wijknet_registry: Shared => Registry);

/// Loads and validates a `wijknet.registry/v1` document (`json_len` bytes of UTF-8 JSON, no
/// terminating NUL needed).
///
/// On success writes a new handle to `*out_registry`; the caller owns it and frees it with
/// `wijknet_registry_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON` (malformed; the
/// problem names the path), `SCHEMA` (missing or other `schema` tag), `INVALID` (every rule
/// violation as a `(path, reason)` problem). `*out_registry` is written only on success.
///
/// # Safety
/// `json` must be NULL or point to `json_len` readable bytes; `out_registry` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_from_json(
    json: *const c_char,
    json_len: usize,
    out_registry: *mut *mut wijknet_registry,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_registry, "out_registry", Registry::from_json) }
}

/// Frees a registry handle. NULL is a no-op; freeing a handle twice is undefined behaviour.
/// Handles derived from it (clones, updated registries, agreements, match results) stay valid:
/// each holds what it needs.
///
/// # Safety
/// `registry` must be NULL or a live handle not used by another thread during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_free(registry: *mut wijknet_registry) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(registry) }
}

/// A new handle to the same registry: another owner of the same immutable value, nothing is copied.
/// The clone is freed with its own `wijknet_registry_free`; either may be freed first, and the
/// value lives until its last handle is freed. The clone is a different pointer from `registry`.
///
/// On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
///
/// Thread-safety: may be called while other threads use `registry`; the clone may be used, and
/// freed, on any thread (one handle per thread or component that should own the registry).
///
/// # Safety
/// `registry` NULL or live; `out_clone` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_clone(
    registry: *const wijknet_registry,
    out_clone: *mut *mut wijknet_registry,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { handle::clone(registry, "registry", out_clone, "out_clone") })
}

/// Exports the registry, with current capacity, as a `wijknet.registry/v1` JSON document
/// (loading it again gives an equal registry).
///
/// On success `*out_json` is a NUL-terminated UTF-8 string of `*out_len` bytes, owned by the
/// caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `registry` must be NULL or a live handle; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_to_json(
    registry: *const wijknet_registry,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Json(out_json, out_len)) }.answer(|r| Ok(r.to_json()))
}

/// The registry's data version: the document's `version` plus one per capacity update since.
///
/// Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `registry` must be NULL or a live handle; `out_version` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_version(
    registry: *const wijknet_registry,
    out_version: *mut u64,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Put(out_version, "out_version")) }.answer(|r| Ok(r.version()))
}

/// Applies capacity updates and returns a NEW registry; `registry` itself is unchanged and stays
/// valid, so readers on other threads are never disturbed. `updates_json` is one team's update
/// (`{"team", "expected_version", "status", "free_places"?, "free_hours"?, "earliest_start"?,
/// "updated_at"}`) or a JSON array of them, applied in order, all or none (a second update of
/// one team names the version the first one gives). The registry version goes up by one per
/// update.
///
/// On success writes a new handle to `*out_registry` (caller frees it with
/// `wijknet_registry_free`, independently of `registry`). Errors: `NULL_ARGUMENT`,
/// `INVALID_UTF8`, `JSON`, `INVALID` (every problem of every update at once, at `$.team` for one
/// update, `$[i].team` in an array), `NOT_FOUND` (unknown team), `VERSION_CONFLICT` (the team's
/// capacity changed since `expected_version`: the message names expected and actual versions;
/// re-read and retry), for the first update refused (nothing is applied); `INVALID` also when the
/// team's capacity version or the registry version is at its maximum (versions never wrap).
///
/// Two calls on the same `registry` with the same `expected_version` BOTH succeed, each with its
/// own new handle: which one counts is up to where the host stores it. To have the second one
/// refused, keep the current registry in a `wijknet_shared_registry` and update it with
/// `wijknet_shared_registry_update_capacities`.
///
/// # Safety
/// `registry` NULL or live; `updates_json` NULL or `updates_len` readable bytes;
/// `out_registry` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_update_capacities(
    registry: *const wijknet_registry,
    updates_json: *const c_char,
    updates_len: usize,
    out_registry: *mut *mut wijknet_registry,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Give(out_registry, "out_registry")) }.answer(|r| {
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(updates_json, updates_len, "updates_json") }?;
        Ok(r.update_capacities(&CapacityUpdate::one_or_list_from_json(json.as_bytes())?)?)
    })
}

/// The current registry of a host, shared by all its threads: capacity updates are installed by
/// compare-and-swap, so two writers can never both win (see
/// `wijknet_shared_registry_update_capacities`).
///
/// Thread-safety: every function on it may be called from any number of threads at once,
/// including the ones that change it (`_update_capacities`, `_replace`); they synchronise
/// internally without locks, and readers never wait for writers.
///
/// Ownership: created by `wijknet_shared_registry_new`, freed once by
/// `wijknet_shared_registry_free`; it has no `_clone` (share the one handle between threads).
/// Registry handles passed in are copied (their data is shared, not duplicated) and stay owned
/// by the caller; registry handles handed out are new handles the caller frees. No handle keeps
/// another alive.
#[derive(Debug)]
pub struct wijknet_shared_registry {
    _private: [u8; 0],
}

handle!(wijknet_shared_registry: Exclusive => SharedRegistry);

/// Starts a shared current registry with `registry` as its current value.
///
/// `registry` is NOT taken over: the shared registry keeps its own reference to the same data
/// (no deep copy), and the caller still owns `registry` and may free it at any time. On success
/// writes a new handle to `*out_shared`; the caller owns it and frees it with
/// `wijknet_shared_registry_free`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `registry` NULL or live; `out_shared` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_shared_registry_new(
    registry: *const wijknet_registry,
    out_shared: *mut *mut wijknet_shared_registry,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Give(out_shared, "out_shared")) }.answer(|r| Ok(SharedRegistry::new(r.clone())))
}

/// Frees a shared registry. NULL is a no-op; freeing it twice is undefined behaviour. Registry
/// handles obtained from it stay valid (free them with `wijknet_registry_free`).
///
/// # Safety
/// `shared` must be NULL or a live handle that no other thread uses during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_shared_registry_free(shared: *mut wijknet_shared_registry) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(shared) }
}

/// The current registry, as a NEW registry handle: a snapshot that never changes, whatever is
/// installed after it was taken. Use one snapshot for everything that must agree (a match and
/// the explanation shown with it) and take a new one for the next request. Never waits for a
/// writer.
///
/// On success writes the handle to `*out_registry`; the caller owns it and frees it with
/// `wijknet_registry_free`, independently of `shared`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `shared` NULL or live; `out_registry` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_shared_registry_current(
    shared: *const wijknet_shared_registry,
    out_registry: *mut *mut wijknet_registry,
) -> wijknet_result {
    // A registry value is a few reference counts: cloning it out of the snapshot copies no data,
    // and the new handle owns its references independently of `shared`.
    // SAFETY: forwarded from the caller.
    unsafe { on(shared, "shared", Give(out_registry, "out_registry")) }.answer(|s| Ok(Registry::clone(&s.current())))
}

/// Applies capacity updates (one or a JSON array, as for `wijknet_registry_update_capacities`:
/// in order, all or none) to the current registry and installs the result, which is also
/// returned.
///
/// The result is installed only if the registry it was computed from is still current; when
/// another thread installed a value in between, the updates are applied again to that newer
/// value. So concurrent writers behave as if they ran one after the other: of two updates
/// based on the same `expected_version` of one team, one succeeds and the other gets
/// `VERSION_CONFLICT`; an update to another team still succeeds.
///
/// On success writes a NEW registry handle (the value installed by this call) to
/// `*out_registry`; the caller owns it and frees it with `wijknet_registry_free`. On failure
/// nothing is installed. Errors: as for `wijknet_registry_update_capacities`; on
/// `VERSION_CONFLICT` take a new snapshot with `wijknet_shared_registry_current`, decide again,
/// retry; on `INVALID` for a version at its maximum reload the registry from a document with a
/// lower version.
///
/// # Safety
/// `shared` NULL or live; `updates_json` NULL or `updates_len` readable bytes; `out_registry`
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_shared_registry_update_capacities(
    shared: *mut wijknet_shared_registry,
    updates_json: *const c_char,
    updates_len: usize,
    out_registry: *mut *mut wijknet_registry,
) -> wijknet_result {
    // SAFETY: forwarded from the caller; only shared access is needed (the core synchronises).
    unsafe { on(shared, "shared", Give(out_registry, "out_registry")) }.answer(|s| {
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(updates_json, updates_len, "updates_json") }?;
        let installed = s.update_capacities(&CapacityUpdate::one_or_list_from_json(json.as_bytes())?)?;
        Ok(Registry::clone(&installed))
    })
}

/// Installs `registry` (typically a newly loaded document) as the current registry, whatever is
/// current. Last writer wins, on purpose: a new document supersedes the old one, including
/// capacity updates installed since the old one was loaded. An update running at the same time
/// is applied to the new registry.
///
/// `registry` is NOT taken over: the shared registry keeps its own reference to the same data,
/// and the caller still owns `registry` and may free it at any time. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `shared` and `registry` NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_shared_registry_replace(
    shared: *mut wijknet_shared_registry,
    registry: *const wijknet_registry,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let s = unsafe { borrow(shared, "shared") }?;
        // SAFETY: forwarded from the caller.
        let r = unsafe { borrow(registry, "registry") }?;
        s.replace(r.clone());
        Ok(())
    })
}

/// The location parameter of the registry queries (PC6 or PC4 text).
///
/// # Safety
/// `ptr` NULL or `len` readable bytes.
pub(crate) unsafe fn location(ptr: *const c_char, len: usize) -> Result<Location, Fail> {
    // SAFETY: forwarded from the caller.
    let text = unsafe { text(ptr, len, "location") }?;
    Location::parse(text).map_err(|e| Fail::argument("location", e))
}

/// The teams with their current capacity as a JSON array, each element in the shape of the
/// registry document's `teams` entries, in document order. With `location` NULL: every team;
/// with a PC6 or PC4 (`location_len` bytes): the teams whose service area touches its PC4, which
/// are the teams a match there evaluates.
///
/// `*out_json` (NUL-terminated, `*out_len` bytes) is owned by the caller and freed with
/// `wijknet_string_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `INVALID_ARGUMENT` (not a
/// postcode).
///
/// # Safety
/// `registry` NULL or live; `location` NULL or `location_len` readable bytes; out pointers NULL
/// or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_teams_json(
    registry: *const wijknet_registry,
    location: *const c_char,
    location_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Json(out_json, out_len)) }.answer(|r| {
        // SAFETY: forwarded from the caller.
        let near = if location.is_null() { None } else { Some(unsafe { self::location(location, location_len) }?) };
        Ok(api::teams_json(r, near))
    })
}

/// One team by id (`id_len` bytes) as JSON, in the shape of `wijknet_registry_teams_json`'s
/// elements; owned by the caller (`wijknet_string_free`). Errors: `NULL_ARGUMENT`,
/// `INVALID_UTF8`, `NOT_FOUND` (no team has this id).
///
/// # Safety
/// `registry` NULL or live; `id` NULL or `id_len` readable bytes; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_team_json(
    registry: *const wijknet_registry,
    id: *const c_char,
    id_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Json(out_json, out_len)) }.answer(|r| {
        // SAFETY: forwarded from the caller.
        let id = unsafe { text(id, id_len, "id") }?;
        api::team_json(r, id).ok_or_else(|| Fail::from(Error::NotFound { kind: "team", id: id.to_owned() }))
    })
}

/// The organisations as a JSON array, each element in the shape of the registry document's
/// `organisations` entries, in document order; owned by the caller (`wijknet_string_free`).
/// Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `registry` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_organisations_json(
    registry: *const wijknet_registry,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Json(out_json, out_len)) }.answer(|r| Ok(api::organisations_json(r)))
}

/// The coordination point (*coördinatiepunt*) accountable for a PC6 or PC4 (`location_len`
/// bytes), in the shape of the registry document's `coordination_points` entries, or the JSON
/// text `null` where no point covers it; owned by the caller (`wijknet_string_free`). Errors:
/// `NULL_ARGUMENT`, `INVALID_UTF8`, `INVALID_ARGUMENT` (not a postcode).
///
/// # Safety
/// `registry` NULL or live; `location` NULL or `location_len` readable bytes; out pointers NULL
/// or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_coordination_point_json(
    registry: *const wijknet_registry,
    location: *const c_char,
    location_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Json(out_json, out_len)) }.answer(|r| {
        // SAFETY: forwarded from the caller.
        let at = unsafe { self::location(location, location_len) }?;
        Ok(api::coordination_point_json(r, at).unwrap_or_else(|| "null".to_owned()))
    })
}
