//! The registry handle: load, export, version, capacity updates.

use std::ffi::c_char;

use wijknet_core::Registry;
use wijknet_core::registry::CapacityUpdate;

use crate::error::wijknet_result;
use crate::ffi::{give_string, guard, guard_void, handle, out, text, write_out};

/// An immutable provider registry (organisations, teams, service areas, capacity, contact
/// persons).
///
/// Thread-safety: never changes after creation, so one handle may be used from any number of
/// threads at once (`const wijknet_registry *` everywhere). A capacity update returns a NEW
/// handle; both must be freed.
///
/// Ownership: created by `wijknet_registry_from_json` or `wijknet_registry_update_capacity`,
/// freed once by `wijknet_registry_free`.
#[derive(Debug)]
#[allow(non_camel_case_types)]
pub struct wijknet_registry {
    pub(crate) inner: Registry,
}

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
    guard(|| {
        let o = out(out_registry, "out_registry")?;
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(json, json_len, "json") }?;
        let inner = Registry::from_json(json.as_bytes())?;
        // SAFETY: checked non-null.
        unsafe { write_out(o, Box::into_raw(Box::new(wijknet_registry { inner }))) };
        Ok(())
    })
}

/// Frees a registry handle. NULL is a no-op; freeing a handle twice is undefined behaviour.
/// Handles derived from it (updated registries, agreements, match results) stay valid: each
/// holds what it needs.
///
/// # Safety
/// `registry` must be NULL or a live handle not used by another thread during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_free(registry: *mut wijknet_registry) {
    if !registry.is_null() {
        // SAFETY: the caller hands back a pointer from `Box::into_raw` exactly once.
        guard_void(|| drop(unsafe { Box::from_raw(registry) }));
    }
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
    guard(|| {
        // SAFETY: forwarded from the caller.
        let r = unsafe { handle(registry, "registry") }?;
        let (oj, ol) = (out(out_json, "out_json")?, out(out_len, "out_len")?);
        // SAFETY: both checked non-null.
        unsafe { give_string(r.inner.to_json(), oj, ol) };
        Ok(())
    })
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
    guard(|| {
        // SAFETY: forwarded from the caller.
        let r = unsafe { handle(registry, "registry") }?;
        let o = out(out_version, "out_version")?;
        // SAFETY: checked non-null.
        unsafe { write_out(o, r.inner.version()) };
        Ok(())
    })
}

/// Applies one team's capacity update (JSON:
/// `{"team", "expected_version", "status", "free_places"?, "earliest_start"?, "updated_at"}`)
/// and returns a NEW registry; `registry` itself is unchanged and stays valid, so readers on
/// other threads are never disturbed.
///
/// On success writes a new handle to `*out_registry` (caller frees it with
/// `wijknet_registry_free`, independently of `registry`). Errors: `NULL_ARGUMENT`,
/// `INVALID_UTF8`, `JSON`, `INVALID`, `NOT_FOUND` (unknown team), `VERSION_CONFLICT` (the team's
/// capacity changed since `expected_version`: the message names expected and actual versions;
/// re-read and retry).
///
/// # Safety
/// `registry` NULL or live; `update_json` NULL or `update_len` readable bytes; `out_registry`
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_update_capacity(
    registry: *const wijknet_registry,
    update_json: *const c_char,
    update_len: usize,
    out_registry: *mut *mut wijknet_registry,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let r = unsafe { handle(registry, "registry") }?;
        let o = out(out_registry, "out_registry")?;
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(update_json, update_len, "update_json") }?;
        let update = CapacityUpdate::from_json(json.as_bytes())?;
        let inner = r.inner.update_capacity(&update)?;
        // SAFETY: checked non-null.
        unsafe { write_out(o, Box::into_raw(Box::new(wijknet_registry { inner }))) };
        Ok(())
    })
}
