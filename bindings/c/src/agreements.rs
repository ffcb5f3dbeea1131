//! The agreements handle: load, export, on-call query, checks, delegated mandates.

use std::ffi::c_char;

use wijknet_core::CareType;
use wijknet_core::agreements::Agreements;

use crate::error::{Fail, wijknet_result};
use crate::ffi::{Json, Output, Put, guard, instant, on, text, wijknet_date, wijknet_str};
use crate::handle::{self, Give, borrow, handle};
use crate::registry::wijknet_registry;

/// The immutable collaboration agreements of a region: night rotations, subcontracting, shared
/// specialist teams, coordination points, case coordination, delegated mandates, data sharing.
///
/// Thread-safety: never changes after creation; one handle may be used from any number of
/// threads at once. It refers to registry records by id, so it may be used with any registry
/// handle derived from the one it was loaded against by capacity updates.
///
/// Ownership: created by `wijknet_agreements_from_json`; another handle to the same value is
/// made by `wijknet_agreements_clone`; every handle is freed once by `wijknet_agreements_free`.
#[derive(Debug)]
pub struct wijknet_agreements {
    _private: [u8; 0],
}

handle!(wijknet_agreements: Shared => Agreements);

/// Loads and validates a `wijknet.agreements/v1` document against a registry (every party and
/// team must exist there; every problem is reported at once).
///
/// On success writes a new handle to `*out_agreements` (caller frees it with
/// `wijknet_agreements_free`; it does not keep `registry` alive and needs no registry to be
/// freed). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `SCHEMA`, `INVALID`.
///
/// # Safety
/// `registry` NULL or live; `json` NULL or `json_len` readable bytes; `out_agreements` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_agreements_from_json(
    registry: *const wijknet_registry,
    json: *const c_char,
    json_len: usize,
    out_agreements: *mut *mut wijknet_agreements,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(registry, "registry", Give(out_agreements, "out_agreements")) }.answer(|r| {
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(json, json_len, "json") }?;
        Ok(Agreements::from_json(json.as_bytes(), r)?)
    })
}

/// Frees an agreements handle. NULL is a no-op; freeing twice is undefined behaviour. Clones of
/// it stay valid.
///
/// # Safety
/// `agreements` must be NULL or a live handle not used by another thread during or after the
/// call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_agreements_free(agreements: *mut wijknet_agreements) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(agreements) }
}

/// A new handle to the same agreements: another owner of the same immutable value, nothing is
/// copied. The clone is freed with its own `wijknet_agreements_free`; either may be freed first,
/// and the value lives until its last handle is freed. The clone is a different pointer from
/// `agreements`.
///
/// On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
///
/// Thread-safety: may be called while other threads use `agreements`; the clone may be used,
/// and freed, on any thread.
///
/// # Safety
/// `agreements` NULL or live; `out_clone` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_agreements_clone(
    agreements: *const wijknet_agreements,
    out_clone: *mut *mut wijknet_agreements,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { handle::clone(agreements, "agreements", out_clone, "out_clone") })
}

/// Exports the agreements as a `wijknet.agreements/v1` JSON document.
///
/// On success `*out_json` (NUL-terminated, `*out_len` bytes) is owned by the caller and freed
/// with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `agreements` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_agreements_to_json(
    agreements: *const wijknet_agreements,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(agreements, "agreements", Json(out_json, out_len)) }.answer(|a| Ok(a.to_json()))
}

/// "Who covers this postcode for night care at this instant, and whom do I call?"
///
/// `location` is a PC4 (`7514`) or PC6 (`7514AB`); `at_unix_seconds` is the instant (seconds
/// since 1970-01-01T00:00:00Z; the core never reads the clock). On success `*out_json` is
/// `{"outcome": "covered"|"nobody_on_duty", "location", "at", "duties": [{"agreement", "night",
/// "team", "organisation", "shift_start", "shift_end", "contact", "accountable"}],
/// "uncovered": [agreement ids]}`, owned by the caller (`wijknet_string_free`).
/// Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `INVALID_ARGUMENT` (malformed postcode, instant out
/// of range).
///
/// # Safety
/// Handles NULL or live; `location` NULL or `location_len` readable bytes; out pointers NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_agreements_on_call(
    agreements: *const wijknet_agreements,
    registry: *const wijknet_registry,
    location: *const c_char,
    location_len: usize,
    at_unix_seconds: i64,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (a, r) = unsafe { (borrow(agreements, "agreements")?, borrow(registry, "registry")?) };
        // SAFETY: forwarded from the caller.
        let o = unsafe { Json(out_json, out_len).check() }?;
        // SAFETY: forwarded from the caller.
        let location = unsafe { crate::registry::location(location, location_len) }?;
        let at = instant(at_unix_seconds, "at_unix_seconds")?;
        o.put(a.on_call(r, location, at)?.to_json_value().to_string())
    })
}

/// Agreement checks: night gaps and overlaps from `today` up to `horizon_days` ahead, parties
/// or teams the registry does not know, overdue reviews, expired mandates.
///
/// On success `*out_json` is `{"findings": [{"code", "agreement", "field", "from", "to",
/// "message"}]}`, owned by the caller (`wijknet_string_free`). Errors: `NULL_ARGUMENT`,
/// `INVALID_ARGUMENT` (impossible date).
///
/// # Safety
/// Handles NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_agreements_check(
    agreements: *const wijknet_agreements,
    registry: *const wijknet_registry,
    today: wijknet_date,
    horizon_days: u32,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (a, r) = unsafe { (borrow(agreements, "agreements")?, borrow(registry, "registry")?) };
        // SAFETY: forwarded from the caller.
        let o = unsafe { Json(out_json, out_len).check() }?;
        let today = today.to_naive("today")?;
        let findings = a.check(r, today, horizon_days)?;
        o.put(serde_json::json!({ "findings": findings }).to_string())
    })
}

/// Whether `provider`'s district nurse (an organisation id) may assess `care_type` (a
/// `wijknet_care_type` value) on `date` under a delegated municipal mandate.
///
/// On success `*out_outcome` is a `wijknet_mandate_outcome` value and `*out_json` is
/// `{"outcome", "agreement", "municipality", "assessment_valid_until"}` (the mandate considered,
/// the municipality that keeps the formal decision, until when an assessment made on `date`
/// holds), owned by the caller (`wijknet_string_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`,
/// `INVALID_ARGUMENT` (unknown care type, impossible date).
///
/// # Safety
/// `agreements` NULL or live; `provider` NULL or `provider_len` readable bytes; out pointers
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_agreements_may_assess(
    agreements: *const wijknet_agreements,
    provider: *const c_char,
    provider_len: usize,
    care_type: u32,
    date: wijknet_date,
    out_outcome: *mut u32,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let a = unsafe { borrow(agreements, "agreements") }?;
        // SAFETY: forwarded from the caller.
        let oo = unsafe { Put(out_outcome, "out_outcome").check() }?;
        // SAFETY: forwarded from the caller.
        let o = unsafe { Json(out_json, out_len).check() }?;
        // SAFETY: forwarded from the caller.
        let provider = unsafe { text(provider, provider_len, "provider") }?;
        let care = u8::try_from(care_type).ok().and_then(CareType::from_index).ok_or_else(|| {
            Fail::argument("care_type", format!("expected a `wijknet_care_type` value below {}", CareType::ALL.len()))
        })?;
        let check = a.may_assess(provider, care, date.to_naive("date")?)?;
        let answer = serde_json::to_string(&check).expect("mandate checks serialise");
        oo.put(u32::from(check.outcome.index()))?;
        o.put(answer)
    })
}

/// The escalation limits the coordination-point agreement in force for a location sets: who is
/// accountable, how long a referral may stay unplaced, after how many declines it escalates.
/// Pass them to `wijknet_referral_book_check_escalation_json`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wijknet_escalation_policy {
    /// The accountable organisation id (borrowed from the agreements handle).
    pub accountable: wijknet_str,
    /// Longest time an acute referral may stay unplaced, in seconds.
    pub max_unplaced_acute_secs: i64,
    /// Longest time any other referral may stay unplaced, in seconds.
    pub max_unplaced_non_acute_secs: i64,
    /// Rejections that escalate; 0 switches this trigger off.
    pub max_declines: u32,
}

/// The referral escalation policy for `location` (PC4 or PC6) on `date`: the limits and the
/// accountable party of the coordination-point agreement in force there, so the limits the
/// parties agreed are the limits that escalate.
///
/// On success fills `*out_policy`; its text borrows from `agreements` (valid until that handle is
/// freed).
/// Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `INVALID_ARGUMENT` (malformed postcode, impossible
/// date), `NOT_FOUND` (no coordination-point agreement in force there).
///
/// # Safety
/// `agreements` NULL or live; `location` NULL or `location_len` readable bytes; `out_policy`
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_agreements_escalation_policy(
    agreements: *const wijknet_agreements,
    location: *const c_char,
    location_len: usize,
    date: wijknet_date,
    out_policy: *mut wijknet_escalation_policy,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(agreements, "agreements", Put(out_policy, "out_policy")) }.answer(|a| {
        // SAFETY: forwarded from the caller.
        let location = unsafe { crate::registry::location(location, location_len) }?;
        let date = date.to_naive("date")?;
        let p = a.escalation_policy(location, date).ok_or_else(|| {
            Fail::new(wijknet_result::NotFound, "no coordination-point agreement in force for the location on the date")
        })?;
        // The policy's id shares its text with the agreement it came from, which the handle owns.
        let (_, terms) = a.coordination_point_for(location, date).expect("the policy came from it");
        debug_assert_eq!(terms.accountable, p.accountable);
        Ok(wijknet_escalation_policy {
            accountable: wijknet_str::of(terms.accountable.as_str()),
            max_unplaced_acute_secs: p.max_unplaced_acute.num_seconds(),
            max_unplaced_non_acute_secs: p.max_unplaced_non_acute.num_seconds(),
            max_declines: p.max_declines,
        })
    })
}
