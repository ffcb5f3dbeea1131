//! What-if replay: a referral book matched again under a baseline and a proposed scenario.

use std::ffi::{c_char, c_void};

use wijknet_core::api::what_if;

use crate::agreements::wijknet_agreements;
use crate::error::wijknet_result;
use crate::ffi::{Json, Output, guard};
use crate::handle::{borrow, borrow_opt};
use crate::progress::{wijknet_progress_fn, with_observer};
use crate::referral::{lock, wijknet_referral_book};
use crate::registry::wijknet_registry;

/// JSON out: replays every submitted referral of `book` at its submission time against the
/// baseline (`registry` with `agreements`) and the proposal (`proposed_registry` with
/// `proposed_agreements`), and writes the `wijknet.what-if/v1` document: `total`, `by_change`,
/// `by_pc4`, `by_municipality`, `by_care_type`, `by_time_of_day` (each row: referrals, no
/// eligible team before/after, candidates before/after, changed, now/no longer eligible,
/// placed, time to placement, escalated before/after, estimated), and at most `max_referrals`
/// changed referrals (`referrals`, the rest counted in `referrals_omitted`). After-figures of
/// referrals that gain or lose their last candidate are estimates, marked `estimated`.
///
/// `agreements` NULL: the baseline has no agreements. `proposed_registry` NULL: the same
/// registry. `proposed_agreements` NULL: the proposal has no agreements (pass `agreements` again
/// to change only the registry). The book is not changed. `progress` (may be NULL) gets the
/// `WHAT_IF` step's reports (in referrals of the book) with `user_data`, and can cancel
/// (`CANCELLED`, nothing written).
///
/// Ownership: every handle is borrowed for the call only; `*out_json` (NUL-terminated,
/// `*out_len` bytes) is owned by the caller and freed with `wijknet_string_free`.
/// Errors: `NULL_ARGUMENT` (book, registry, out pointers); `INVALID` only if a referral of the
/// book could not be matched (never for a book replayed from valid events); `CANCELLED`.
///
/// # Safety
/// `book` and `registry` NULL or live; each other handle NULL or live; out pointers NULL or
/// writable; `progress`, when not NULL, callable with `user_data` during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_what_if_json(
    book: *const wijknet_referral_book,
    registry: *const wijknet_registry,
    agreements: *const wijknet_agreements,
    proposed_registry: *const wijknet_registry,
    proposed_agreements: *const wijknet_agreements,
    max_referrals: u32,
    progress: wijknet_progress_fn,
    user_data: *mut c_void,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (b, r) = unsafe { (borrow(book, "book")?, borrow(registry, "registry")?) };
        // SAFETY: forwarded from the caller; each optional handle is borrowed only when not NULL.
        let (a, pa) =
            unsafe { (borrow_opt(agreements, "agreements")?, borrow_opt(proposed_agreements, "proposed_agreements")?) };
        // SAFETY: forwarded from the caller; borrowed only when not NULL.
        let pr = unsafe { borrow_opt(proposed_registry, "proposed_registry") }?;
        // SAFETY: forwarded from the caller.
        let o = unsafe { Json(out_json, out_len).check() }?;
        let max = max_referrals as usize;
        let result = with_observer(progress, user_data, |obs| what_if(&lock(b), (r, a), (pr, pa), max, obs))?;
        o.put(result.to_json())
    })
}
