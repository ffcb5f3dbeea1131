//! Progress reports and cancellation of the long calls: loading a national registry and
//! replaying a history of referral events (`wijknet::progress` in the core).

use std::ffi::{c_char, c_void};
use std::sync::Mutex;

use wijknet_core::Registry;
use wijknet_core::consent::ConsentStore;
use wijknet_core::progress::{Flow, Observer, Progress, Silent};
use wijknet_core::referral::{ReferralBook, parse_events_with_progress};

use crate::consent::wijknet_consent_store;
use crate::error::wijknet_result;
use crate::ffi::{load, on};
use crate::handle::Give;
use crate::referral::{wijknet_referral_book, wijknet_referral_events};
use crate::registry::wijknet_registry;

/// Receives the progress of a long call. `step` is a `wijknet_progress_step` value (`READ` in
/// bytes, `CHECK` in records, `INDEX` in teams, `REPLAY` in events); `done` of `total` items of
/// that step are done (`done` is 0 when a step starts and `total` when it ends). Return `true` to
/// go on, `false` to cancel: the call then returns `WIJKNET_RESULT_CANCELLED` and has no effect
/// (no output is written).
///
/// Called on the thread that made the call, between pieces of work, a few hundred times per step
/// at most; it must not call wijknet with the handles the running call uses, and must return
/// (no `longjmp` out of it). `user_data` is passed through untouched.
pub type wijknet_progress_fn =
    Option<unsafe extern "C" fn(user_data: *mut c_void, step: u32, done: u64, total: u64) -> bool>;

/// The host's callback as the core's observer (or silence when it passed NULL).
struct Callback {
    f: unsafe extern "C" fn(*mut c_void, u32, u64, u64) -> bool,
    user_data: *mut c_void,
}

impl Observer for Callback {
    fn report(&mut self, p: Progress) -> Flow {
        // SAFETY: the host promised a callable function for the duration of the call.
        if unsafe { (self.f)(self.user_data, p.step as u32, p.done, p.total) } { Flow::Continue } else { Flow::Cancel }
    }
}

pub(crate) fn with_observer<T>(
    progress: wijknet_progress_fn,
    user_data: *mut c_void,
    f: impl FnOnce(&mut dyn Observer) -> T,
) -> T {
    match progress {
        Some(f_) => f(&mut Callback { f: f_, user_data }),
        None => f(&mut Silent),
    }
}

/// `wijknet_registry_from_json`, reporting progress to `progress` (may be NULL: no reports)
/// with `user_data`, and cancellable from it. Three steps (`READ`, `CHECK`, `INDEX`), each
/// reported at its start and end.
///
/// Ownership: on success `*out_registry` is a new handle the caller frees with
/// `wijknet_registry_free`; written only on success. Errors: those of
/// `wijknet_registry_from_json`, and `CANCELLED`.
///
/// # Safety
/// `json` must be NULL or point to `json_len` readable bytes; `out_registry` NULL or writable;
/// `progress`, when not NULL, callable with `user_data` during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_registry_from_json_progress(
    json: *const c_char,
    json_len: usize,
    progress: wijknet_progress_fn,
    user_data: *mut c_void,
    out_registry: *mut *mut wijknet_registry,
) -> wijknet_result {
    let read = |json: &[u8]| with_observer(progress, user_data, |obs| Registry::from_json_with_progress(json, obs));
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_registry, "out_registry", read) }
}

/// `wijknet_consent_store_from_json`, reporting progress to `progress` (may be NULL: no reports)
/// with `user_data`, and cancellable from it. Two steps, each reported at its start and end:
/// `READ` (bytes) and `INDEX` (clients, consents and objections).
///
/// Ownership: on success `*out_store` is a new handle the caller frees with
/// `wijknet_consent_store_free`; written only on success. Errors: those of
/// `wijknet_consent_store_from_json`, and `CANCELLED`.
///
/// # Safety
/// `json` must be NULL or point to `json_len` readable bytes; `out_store` NULL or writable;
/// `progress`, when not NULL, callable with `user_data` during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_consent_store_from_json_progress(
    json: *const c_char,
    json_len: usize,
    progress: wijknet_progress_fn,
    user_data: *mut c_void,
    out_store: *mut *mut wijknet_consent_store,
) -> wijknet_result {
    let read = |json: &[u8]| with_observer(progress, user_data, |obs| ConsentStore::from_json_with_progress(json, obs));
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_store, "out_store", read) }
}

/// `wijknet_referral_events_from_json`, reporting progress (`READ` in bytes, then `CHECK` in
/// events) to `progress` (may be NULL) with `user_data`, and cancellable from it.
///
/// Ownership: on success `*out_events` is a new handle the caller frees with
/// `wijknet_referral_events_free`; written only on success. Errors: those of
/// `wijknet_referral_events_from_json`, and `CANCELLED`.
///
/// # Safety
/// `json` must be NULL or point to `json_len` readable bytes; `out_events` NULL or writable;
/// `progress`, when not NULL, callable with `user_data` during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_events_from_json_progress(
    json: *const c_char,
    json_len: usize,
    progress: wijknet_progress_fn,
    user_data: *mut c_void,
    out_events: *mut *mut wijknet_referral_events,
) -> wijknet_result {
    let read = |json: &[u8]| with_observer(progress, user_data, |obs| parse_events_with_progress(json, obs));
    // SAFETY: forwarded from the caller.
    unsafe { load(json, json_len, out_events, "out_events", read) }
}

/// A new book with every event of `events` applied in order (a region's or the country's
/// history), reporting progress (`REPLAY`, in events) to `progress` (may be NULL) with
/// `user_data`, and cancellable from it. The first refused event is the error (as
/// `wijknet_referral_book_apply` reports it).
///
/// Ownership: `events` is borrowed for the call; on success `*out_book` is a new handle the
/// caller frees with `wijknet_referral_book_free`; written only on success. Errors:
/// `NULL_ARGUMENT`, the lifecycle errors (`TRANSITION`, `WRONG_ACTOR`, `DUPLICATE_EVENT`,
/// `NOT_FOUND`, `INVALID`), `CANCELLED`.
///
/// # Safety
/// `events` must be NULL or a live handle; `out_book` NULL or writable; `progress`, when not
/// NULL, callable with `user_data` during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_referral_book_replay(
    events: *const wijknet_referral_events,
    progress: wijknet_progress_fn,
    user_data: *mut c_void,
    out_book: *mut *mut wijknet_referral_book,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { on(events, "events", Give(out_book, "out_book")) }.answer(|e| {
        let book = with_observer(progress, user_data, |obs| ReferralBook::replay_with_progress(e, obs))?;
        Ok(Mutex::new(book))
    })
}
