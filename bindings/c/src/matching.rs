//! Matching: JSON in/JSON out for hosts that marshal strings, and a typed result handle with
//! accessors for hosts that must not parse JSON on the hot path.

use std::ffi::c_char;
use std::sync::OnceLock;

use chrono::Duration;
use wijknet_core::matching::{MatchOptions, MatchRequest, MatchResult};

use crate::agreements::wijknet_agreements;
use crate::error::{Fail, wijknet_result};
use crate::ffi::{Json, Put, guard, instant, on, text, to, wijknet_date, wijknet_str};
use crate::handle::{self, Give, borrow, borrow_opt, handle};
use crate::registry::wijknet_registry;

/// The typed answer of one match: ranked candidates, excluded teams with reasons, and who is
/// accountable when nobody can take the client.
///
/// Thread-safety: immutable; may be read from several threads at once.
///
/// Ownership: created by `wijknet_match`; another handle to the same value is made by
/// `wijknet_match_result_clone`; every handle is freed once by `wijknet_match_result_free`. Every
/// `wijknet_str` an accessor hands out borrows from the handle it was read through and is valid
/// until that handle is freed. It does not keep the registry handle alive, nor need it.
#[derive(Debug)]
pub struct wijknet_match_result {
    _private: [u8; 0],
}

handle!(wijknet_match_result: Shared => TypedResult);

/// What a result handle owns: the core's result, and texts the accessors hand out.
#[derive(Debug)]
pub(crate) struct TypedResult {
    result: MatchResult,
    /// Exclusion details and explanations rendered as text on the first exclusion access
    /// (matching keeps them as data so the hot path formats nothing); the texts handed out
    /// borrow from here.
    details: OnceLock<Box<[(String, String)]>>,
}

impl TypedResult {
    fn new(result: MatchResult) -> Self {
        Self { result, details: OnceLock::new() }
    }

    /// (detail, explanation) per exclusion.
    fn details(&self) -> &[(String, String)] {
        self.details
            .get_or_init(|| self.result.excluded.iter().map(|e| (e.detail.to_string(), e.to_string())).collect())
    }
}

/// Overview of a match result.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wijknet_match_summary {
    /// A `wijknet_match_outcome` value.
    pub outcome: u32,
    /// Number of candidates (index them `0..candidate_count`).
    pub candidate_count: usize,
    /// Number of excluded teams (index them `0..exclusion_count`).
    pub exclusion_count: usize,
    /// Teams elsewhere in the country: counted, not listed.
    pub teams_elsewhere: u32,
    /// Whether `wijknet_match_result_accountable` has an answer (only when nobody is eligible).
    pub has_accountable: bool,
    /// The registry version matched against.
    pub registry_version: u64,
    /// First day care is needed.
    pub needed_from: wijknet_date,
    /// Last acceptable first day.
    pub needed_by: wijknet_date,
}

/// One ranked candidate team. Texts borrow from the result handle.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wijknet_candidate {
    /// 1 for the best.
    pub rank: u32,
    /// Team id.
    pub team: wijknet_str,
    /// The team's organisation id.
    pub organisation: wijknet_str,
    /// Whether the client prefers this provider (an eligible preferred provider ranks first).
    pub preferred: bool,
    /// First day the team can start.
    pub possible_start: wijknet_date,
    /// The same day as days since 1970-01-01 (handy for .NET and Java hosts).
    pub possible_start_days: i32,
    /// A `wijknet_capacity_status` value, as the team reported it.
    pub capacity_status: u32,
    /// When the capacity was reported (seconds since the Unix epoch).
    pub capacity_updated_at_unix: i64,
    /// Bit `1u << f` is set for every `wijknet_candidate_flag` `f` present.
    pub flags: u32,
    /// Number of agreements through which the team offers some of the care (see the JSON form
    /// for their details).
    pub via_count: u32,
    /// Whether the fixed contact person's recorded hours include "now".
    pub contact_reachable_now: bool,
    /// Whether `free_hours` holds a number: only when the request states its hours per week
    /// and the team reports free hours for a needed care type it delivers itself.
    pub has_free_hours: bool,
    /// The fewest free hours per week the team reports for a needed care type (0 when
    /// `has_free_hours` is false); the candidate has at least the request's hours.
    pub free_hours: f64,
}

/// One team that serves the area (or that the request names) but cannot take the client.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wijknet_exclusion {
    /// Team id.
    pub team: wijknet_str,
    /// The team's organisation id.
    pub organisation: wijknet_str,
    /// A `wijknet_exclusion_reason` value: the first rule the team failed.
    pub reason: u32,
    /// Specifics (a care-type code, a date), never personal data.
    pub detail: wijknet_str,
    /// Whether the request names the team's organisation among the client's preferred
    /// providers, so a host can tell the client why their choice could not be honoured.
    pub client_preference: bool,
    /// The sentence to show: `detail`, preceded by "the client's preferred provider: " when
    /// `client_preference` is set.
    pub explanation: wijknet_str,
}

/// Who answers for a client nobody can take.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wijknet_accountable {
    /// The accountable organisation id.
    pub party: wijknet_str,
    /// A `wijknet_accountable_source` value.
    pub source: u32,
    /// The coordination point or agreement that designates it, `{NULL, 0}` when none.
    pub via: wijknet_str,
}

/// The body of the two match calls: the registry, the agreements (NULL: none), the request text,
/// the options, the match.
///
/// # Safety
/// `registry` and `agreements` NULL or live; `request_json` NULL or `request_len` readable bytes.
unsafe fn run(
    registry: *const wijknet_registry,
    agreements: *const wijknet_agreements,
    request_json: *const c_char,
    request_len: usize,
    options: impl FnOnce() -> Result<MatchOptions, Fail>,
) -> Result<MatchResult, Fail> {
    // SAFETY: forwarded from the caller.
    let registry = unsafe { borrow(registry, "registry") }?;
    // SAFETY: forwarded from the caller; `agreements` is borrowed only when not NULL.
    let agreements = unsafe { borrow_opt(agreements, "agreements") }?;
    // SAFETY: forwarded from the caller.
    let request = unsafe { text(request_json, request_len, "request_json") }?;
    let options = options()?;
    let request = MatchRequest::from_json(request.as_bytes())?;
    Ok(wijknet_core::api::match_optionally(registry, agreements, &request, &options)?)
}

/// Matches a request (request JSON: `{"location", "care_types", "urgency"?, "desired_start"?,
/// "latest_start"?, "times_of_day"?, "insurer"?, "policy"?, "contracted_only"?,
/// "min_nurse_level"?, "languages"?, "preferred_providers"?, "refused_providers"?}`) against the
/// registry, at instant `now_unix_seconds` (the core never reads the clock); capacity older than
/// `stale_after_hours` is flagged stale (72 is the usual choice).
///
/// `agreements` may be NULL: the registry alone. When given, the agreements are applied:
/// subcontracted care, shared specialist teams, night rotations, and the accountable
/// coordination point.
///
/// On success writes a new result handle to `*out_result`, owned by the caller and freed with
/// `wijknet_match_result_free`. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `INVALID`
/// (every problem of the request, including unknown insurer or providers), `INVALID_ARGUMENT`.
///
/// Thread-safety: any number of threads may match against the same registry at once.
///
/// # Safety
/// `registry` NULL or live; `agreements` NULL or live; `request_json` NULL or `request_len`
/// readable bytes; `out_result` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match(
    registry: *const wijknet_registry,
    agreements: *const wijknet_agreements,
    request_json: *const c_char,
    request_len: usize,
    now_unix_seconds: i64,
    stale_after_hours: u32,
    out_result: *mut *mut wijknet_match_result,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Give(out_result, "out_result")) }.make(|| {
        let opts = || {
            let now = instant(now_unix_seconds, "now_unix_seconds")?;
            Ok(MatchOptions { now, stale_after: Duration::hours(i64::from(stale_after_hours)) })
        };
        // SAFETY: forwarded from the caller.
        Ok(TypedResult::new(unsafe { run(registry, agreements, request_json, request_len, opts) }?))
    })
}

/// JSON in, JSON out: matches `request_json` against the registry (with the agreements applied
/// when `agreements` is not NULL, as `wijknet_match`) with `options_json` (`{"now": RFC 3339
/// instant, "stale_after_hours": n}`), and writes the match result document (`outcome`,
/// `location`, `needed_from`, `needed_by`, `candidates`, `excluded`, `teams_elsewhere`,
/// `accountable`, `registry_version`) to `*out_json` (NUL-terminated, `*out_len` bytes), owned by
/// the caller and freed with `wijknet_string_free`.
///
/// Errors: as `wijknet_match`, plus `JSON`/`INVALID` for the options.
///
/// # Safety
/// `registry` NULL or live; `agreements` NULL or live; texts NULL or readable for their lengths;
/// out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match_json(
    registry: *const wijknet_registry,
    agreements: *const wijknet_agreements,
    request_json: *const c_char,
    request_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Json(out_json, out_len)) }.make(|| {
        // The options as the conformance vectors write them, read by the core's strict reader
        // (duplicate keys refused, `$`-rooted paths).
        // SAFETY: forwarded from the caller.
        let opts =
            || Ok(MatchOptions::from_json(unsafe { text(options_json, options_len, "options_json") }?.as_bytes())?);
        // SAFETY: forwarded from the caller.
        Ok(unsafe { run(registry, agreements, request_json, request_len, opts) }?.to_json())
    })
}

/// Frees a match result. NULL is a no-op; freeing twice is undefined behaviour. Texts borrowed
/// through it become invalid; clones of it stay valid.
///
/// # Safety
/// `result` must be NULL or a live handle not used by another thread during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match_result_free(result: *mut wijknet_match_result) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(result) }
}

/// A new handle to the same match result: another owner of the same immutable value, nothing is
/// copied. The clone is freed with its own `wijknet_match_result_free`; either may be freed first,
/// and the value lives until its last handle is freed. The clone is a different pointer from
/// `result`; texts read through the clone are valid until the clone is freed.
///
/// On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
///
/// Thread-safety: may be called while other threads use `result`; the clone may be used, and
/// freed, on any thread.
///
/// # Safety
/// `result` NULL or live; `out_clone` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match_result_clone(
    result: *const wijknet_match_result,
    out_clone: *mut *mut wijknet_match_result,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { handle::clone(result, "result", out_clone, "out_clone") })
}

/// The result as the JSON document `wijknet_match_json` returns; `*out_json` is owned by the
/// caller and freed with `wijknet_string_free`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `result` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match_result_to_json(
    result: *const wijknet_match_result,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(result, "result", Json(out_json, out_len)) }.answer(|typed| Ok(typed.result.to_json()))
}

/// MatchOutcome, counts, window and registry version of a result. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `result` NULL or live; `out_summary` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match_result_summary(
    result: *const wijknet_match_result,
    out_summary: *mut wijknet_match_summary,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(result, "result", Put(out_summary, "out_summary")) }.answer(|TypedResult { result: m, .. }| {
        Ok(wijknet_match_summary {
            outcome: u32::from(m.outcome.index()),
            candidate_count: m.candidates.len(),
            exclusion_count: m.excluded.len(),
            teams_elsewhere: m.teams_elsewhere.unsigned_abs(),
            has_accountable: m.accountable.is_some(),
            registry_version: m.registry_version,
            needed_from: m.needed_from.into(),
            needed_by: m.needed_by.into(),
        })
    })
}

fn index_of(i: usize, len: usize, what: &str) -> Result<usize, Fail> {
    if i < len {
        Ok(i)
    } else {
        Err(Fail::new(wijknet_result::OutOfRange, format!("expected a {what} index below the count {len}")))
    }
}

/// Candidate `index` (0 = rank 1). Texts borrow from `result`. Errors: `NULL_ARGUMENT`,
/// `OUT_OF_RANGE` when `index >= candidate_count`.
///
/// # Safety
/// `result` NULL or live; `out_candidate` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match_result_candidate(
    result: *const wijknet_match_result,
    index: usize,
    out_candidate: *mut wijknet_candidate,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(result, "result", Put(out_candidate, "out_candidate")) }.answer(|TypedResult { result: m, .. }| {
        let c = &m.candidates[index_of(index, m.candidates.len(), "candidate")?];
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid");
        Ok(wijknet_candidate {
            rank: c.rank.unsigned_abs(),
            team: wijknet_str::of(c.team.as_str()),
            organisation: wijknet_str::of(c.organisation.as_str()),
            preferred: c.preferred,
            possible_start: c.possible_start.into(),
            possible_start_days: (c.possible_start - epoch).num_days() as i32,
            capacity_status: u32::from(c.capacity_status.index()),
            capacity_updated_at_unix: c.capacity_updated_at.timestamp(),
            flags: c.flags.bits(),
            via_count: c.via.len() as u32,
            contact_reachable_now: c.contact_reachable_now,
            has_free_hours: c.free_hours.is_some(),
            free_hours: c.free_hours.map_or(0.0, |h| h.get()),
        })
    })
}

/// Excluded team `index`, in registry order. Texts borrow from `result`. Errors:
/// `NULL_ARGUMENT`, `OUT_OF_RANGE` when `index >= exclusion_count`.
///
/// # Safety
/// `result` NULL or live; `out_exclusion` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match_result_exclusion(
    result: *const wijknet_match_result,
    index: usize,
    out_exclusion: *mut wijknet_exclusion,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(result, "result", Put(out_exclusion, "out_exclusion")) }.answer(|typed| {
        let i = index_of(index, typed.result.excluded.len(), "exclusion")?;
        let e = &typed.result.excluded[i];
        Ok(wijknet_exclusion {
            team: wijknet_str::of(e.team.as_str()),
            organisation: wijknet_str::of(e.organisation.as_str()),
            reason: u32::from(e.reason.index()),
            detail: wijknet_str::of(&typed.details()[i].0),
            client_preference: e.client_preference,
            explanation: wijknet_str::of(&typed.details()[i].1),
        })
    })
}

/// The accountable party when nobody can take the client. Texts borrow from `result`.
/// Errors: `NULL_ARGUMENT`; `NOT_FOUND` when the result names none (`has_accountable` false).
///
/// # Safety
/// `result` NULL or live; `out_accountable` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_match_result_accountable(
    result: *const wijknet_match_result,
    out_accountable: *mut wijknet_accountable,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(result, "result", Put(out_accountable, "out_accountable")) }.answer(
        |TypedResult { result: m, .. }| {
            let a = m
                .accountable
                .as_ref()
                .ok_or_else(|| Fail::new(wijknet_result::NotFound, "the result names no accountable party"))?;
            Ok(wijknet_accountable {
                party: wijknet_str::of(a.party.as_str()),
                source: u32::from(a.source.index()),
                via: wijknet_str::of_opt(a.via.as_ref().map(|v| v.as_str())),
            })
        },
    )
}
