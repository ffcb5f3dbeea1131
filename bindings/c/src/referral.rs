//! The referral lifecycle: a mutable book of referrals fed with events, summaries, monitoring
//! figures and escalation checks.

use std::ffi::c_char;
use std::sync::{Mutex, MutexGuard};

use wijknet_core::ids::Id;
use wijknet_core::referral::{
    EscalationPolicy, Event, Monitoring, ReferralBook, check_escalation, parse_event, parse_events,
};

use crate::error::{Fail, wijknet_result};
use crate::ffi::{Json, Put, guard, instant, load, on, text, to};
use crate::handle::{self, Give, borrow, handle};

/// A book of referrals, each rebuilt from its events (requested, offered to teams, accepted or
/// declined with a reason, care started, cancelled, escalated, ...).
///
/// Thread-safety: MUTABLE. Do not use one book from two threads at once; give each thread its
/// own book, or serialise access in the host. (The library also locks internally, so misuse
/// cannot corrupt memory, but the order of concurrent events would be arbitrary.)
///
/// Ownership: created by `wijknet_referral_book_new`, freed once by
/// `wijknet_referral_book_free`; it has no `_clone` (a book changes, so it has one owner).
#[derive(Debug)]
pub struct wijknet_referral_book {
    _private: [u8; 0],
}

handle!(wijknet_referral_book: Exclusive => Mutex<ReferralBook>);

pub(crate) fn lock(book: &Mutex<ReferralBook>) -> MutexGuard<'_, ReferralBook> {
    // A panic while applying is caught at the boundary; the core leaves the book unchanged for a
    // refused event, so the data behind a poisoned lock is still consistent.
    book.lock().unwrap_or_else(|p| p.into_inner())
}

/// A parsed, validated `wijknet.referral-events/v1` document: a list of events a host stored.
///
/// Thread-safety: immutable; may be shared across threads.
///
/// Ownership: created by `wijknet_referral_events_from_json`; another handle to the same value
/// is made by `wijknet_referral_events_clone`; every handle is freed once by
/// `wijknet_referral_events_free`.
#[derive(Debug)]
pub struct wijknet_referral_events {
    _private: [u8; 0],
}

handle!(wijknet_referral_events: Shared => Vec<Event>);

/// Creates an empty referral book. The caller owns it and frees it with
/// `wijknet_referral_book_free`. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `out_book` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_new(out_book: *mut *mut wijknet_referral_book) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Give(out_book, "out_book")) }.make(|| Ok(Mutex::new(ReferralBook::new())))
}

/// Frees a referral book. NULL is a no-op; freeing twice is undefined behaviour.
///
/// # Safety
/// `book` must be NULL or a live handle not used by another thread during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_free(book: *mut wijknet_referral_book) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(book) }
}

/// Parses and validates an events document (`{"schema": "wijknet.referral-events/v1",
/// "events": [...]}`), reporting every problem with its path (`events[3].reason.code`).
/// Lifecycle rules are checked when events are applied, not here.
///
/// On success writes a new handle to `*out_events` (caller frees it with
/// `wijknet_referral_events_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `JSON`, `SCHEMA`,
/// `INVALID`.
///
/// # Safety
/// `json` NULL or `json_len` readable bytes; `out_events` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_events_from_json(
    json: *const c_char,
    json_len: usize,
    out_events: *mut *mut wijknet_referral_events,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_events, "out_events", parse_events) }
}

/// Frees an events list. NULL is a no-op; freeing twice is undefined behaviour. Clones of it
/// stay valid.
///
/// # Safety
/// `events` must be NULL or a live handle not used by another thread during or after the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_events_free(events: *mut wijknet_referral_events) {
    // SAFETY: forwarded from the caller.
    unsafe { handle::free(events) }
}

/// A new handle to the same events list: another owner of the same immutable value, nothing is
/// copied. The clone is freed with its own `wijknet_referral_events_free`; either may be freed
/// first, and the value lives until its last handle is freed. The clone is a different pointer from
/// `events`.
///
/// On success writes the clone to `*out_clone`. Errors: `NULL_ARGUMENT`.
///
/// Thread-safety: may be called while other threads use `events`; the clone may be used, and
/// freed, on any thread.
///
/// # Safety
/// `events` NULL or live; `out_clone` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_events_clone(
    events: *const wijknet_referral_events,
    out_clone: *mut *mut wijknet_referral_events,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    guard(|| unsafe { handle::clone(events, "events", out_clone, "out_clone") })
}

/// Number of events in the list. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `events` NULL or live; `out_count` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_events_count(
    events: *const wijknet_referral_events,
    out_count: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(events, "events", Put(out_count, "out_count")) }.answer(|e| Ok(e.len()))
}

fn apply(book: &Mutex<ReferralBook>, event: &Event) -> Result<(), Fail> {
    Ok(lock(book).apply(event)?)
}

/// Applies event `index` of `events` to the book: one lifecycle transition. A refused event
/// leaves the book unchanged.
///
/// Errors: `NULL_ARGUMENT`, `OUT_OF_RANGE`, `TRANSITION` (not allowed in the current state),
/// `DUPLICATE_EVENT` (an event with this id was already applied), `WRONG_ACTOR` (this actor may
/// not make this change), `NOT_FOUND` (unknown referral), `INVALID`.
///
/// Thread-safety: changes the book; not from two threads at once.
///
/// # Safety
/// Handles NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_apply(
    book: *mut wijknet_referral_book,
    events: *const wijknet_referral_events,
    index: usize,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (b, e) = unsafe { (borrow(book, "book")?, borrow(events, "events")?) };
        let event = e.get(index).ok_or_else(|| {
            Fail::new(wijknet_result::OutOfRange, format!("expected an event index below the count {}", e.len()))
        })?;
        apply(b, event)
    })
}

/// Parses ONE event (the wire form of an event in an events document, e.g.
/// `{"id": "e7", "referral": "r1", "type": "accepted", "at": "...", "actor": {...}, ...}`) and
/// applies it: the way a host records a transition as it happens. The event is read by the same
/// strict reader as an events document (a key given twice is refused); problem paths are those
/// of the event itself (`$.reason.code`, `$` for the event). A refused event leaves the book
/// unchanged.
///
/// Errors: as `wijknet_referral_events_from_json` and `wijknet_referral_book_apply`.
///
/// Thread-safety: changes the book; not from two threads at once.
///
/// # Safety
/// `book` NULL or live; `event_json` NULL or `event_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_apply_event_json(
    book: *mut wijknet_referral_book,
    event_json: *const c_char,
    event_len: usize,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let b = unsafe { borrow(book, "book") }?;
        // SAFETY: forwarded from the caller.
        let event = unsafe { text(event_json, event_len, "event_json") }?;
        let event = parse_event(event.as_bytes())?;
        apply(b, &event)
    })
}

/// Number of referrals in the book. Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `book` NULL or live; `out_count` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_count(
    book: *const wijknet_referral_book,
    out_count: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(book, "book", Put(out_count, "out_count")) }.answer(|b| Ok(lock(b).len()))
}

/// The status of one referral as a `wijknet_referral_status` value (typed, no JSON).
/// Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `NOT_FOUND`.
///
/// # Safety
/// `book` NULL or live; `referral` NULL or `referral_len` readable bytes; `out_status` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_status(
    book: *const wijknet_referral_book,
    referral: *const c_char,
    referral_len: usize,
    out_status: *mut u32,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(book, "book", Put(out_status, "out_status")) }.answer(|b| {
        // SAFETY: forwarded from the caller.
        let id = unsafe { text(referral, referral_len, "referral") }?;
        Ok(u32::from(lock(b).referral(id)?.status().index()))
    })
}

/// One referral's summary as JSON: `{"id", "status", "declines", "placed_team", "escalation",
/// "reason", "offers": [{"team", "status", "reason"}]}`; owned by the caller
/// (`wijknet_string_free`). Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `NOT_FOUND`.
///
/// # Safety
/// `book` NULL or live; `referral` NULL or readable; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_summary_json(
    book: *const wijknet_referral_book,
    referral: *const c_char,
    referral_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(book, "book", Json(out_json, out_len)) }.answer(|b| {
        // SAFETY: forwarded from the caller.
        let id = unsafe { text(referral, referral_len, "referral") }?;
        let summary = lock(b).referral(id)?.summary();
        Ok(serde_json::to_string(&summary).expect("summaries serialise"))
    })
}

/// Every referral's summary, sorted by referral id, as a JSON array; owned by the caller
/// (`wijknet_string_free`). Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `book` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_summaries_json(
    book: *const wijknet_referral_book,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(book, "book", Json(out_json, out_len)) }
        .answer(|b| Ok(serde_json::to_string(&lock(b).summaries()).expect("summaries serialise")))
}

/// The monitoring figures of the book as JSON: referrals, placed, time to placement (overall
/// and by care type, PC4, municipality: count, median, p90 in seconds), teams contacted,
/// declines by reason, escalations by trigger, referrals never placed by status. Owned by the
/// caller (`wijknet_string_free`). Errors: `NULL_ARGUMENT`.
///
/// # Safety
/// `book` NULL or live; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_monitoring_json(
    book: *const wijknet_referral_book,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(book, "book", Json(out_json, out_len)) }.answer(|b| Ok(Monitoring::from_book(&lock(b)).to_json()))
}

/// Whether a referral must escalate now: unplaced longer than the policy allows (acute and
/// non-acute limits in seconds, both positive), or declined `max_declines` times (0 switches
/// that trigger off). The core never reads the clock: `now_unix_seconds` is the host's now.
///
/// On success `*out_json` is the `escalated` event to store and apply (its wire form), or
/// `null` when nothing is due; owned by the caller (`wijknet_string_free`). The book is not
/// changed. Errors: `NULL_ARGUMENT`, `INVALID_UTF8`, `NOT_FOUND`, `INVALID_ARGUMENT` (malformed
/// accountable id, non-positive limit, instant out of range).
///
/// # Safety
/// `book` NULL or live; texts NULL or readable; out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_check_escalation_json(
    book: *const wijknet_referral_book,
    referral: *const c_char,
    referral_len: usize,
    accountable: *const c_char,
    accountable_len: usize,
    max_unplaced_acute_secs: i64,
    max_unplaced_non_acute_secs: i64,
    max_declines: u32,
    now_unix_seconds: i64,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(book, "book", Json(out_json, out_len)) }.answer(|b| {
        // SAFETY: forwarded from the caller.
        let (id, accountable) =
            unsafe { (text(referral, referral_len, "referral")?, text(accountable, accountable_len, "accountable")?) };
        let accountable = Id::parse(accountable).map_err(|e| Fail::argument("accountable", e))?;
        let policy = EscalationPolicy::from_secs(
            accountable,
            max_unplaced_acute_secs,
            max_unplaced_non_acute_secs,
            max_declines,
        )
        .map_err(|(field, why)| Fail::argument(field, why))?;
        let now = instant(now_unix_seconds, "now_unix_seconds")?;
        let event = check_escalation(lock(b).referral(id)?, &policy, now)?;
        Ok(serde_json::to_string(&event).expect("events serialise"))
    })
}
