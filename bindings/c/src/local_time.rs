//! Dutch local times as instants: the C form of `wijknet::local_time::instant`.

use wijknet_core::local_time::{self, Occurrence};

use crate::error::{Fail, wijknet_result};
use crate::ffi::{Put, to, wijknet_date};

/// The instant (seconds since the Unix epoch) of a Dutch local date and time (Europe/Amsterdam),
/// for hosts whose users give wall-clock times, e.g. before `wijknet_agreements_on_call`.
///
/// `hour` 0-23 and `minute` 0-59 are the wall clock. `occurrence` points to a
/// `wijknet_occurrence` (`WIJKNET_OCCURRENCE_FIRST`: summer time, `..._SECOND`: winter time) when
/// the caller says which moment a repeated time means, or is NULL; it is needed only for the
/// hour the clocks go back (02:00-03:00 on the last Sunday of October) and ignored otherwise.
///
/// Errors: `NULL_ARGUMENT` (`out_unix_seconds`); `INVALID_ARGUMENT` (impossible date or time,
/// unknown occurrence); `LOCAL_TIME` when the time does not exist (the hour the clocks skip on
/// the last Sunday of March: problem path `$.time`) or happens twice and `occurrence` is NULL
/// (path `$.occurrence`). wijknet never guesses either.
///
/// # Safety
/// `occurrence` NULL or readable; `out_unix_seconds` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_local_instant(
    date: wijknet_date,
    hour: u32,
    minute: u32,
    occurrence: *const u32,
    out_unix_seconds: *mut i64,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Put(out_unix_seconds, "out_unix_seconds")) }.make(|| {
        let day = date.to_naive("date")?;
        let time = chrono::NaiveTime::from_hms_opt(hour, minute, 0)
            .ok_or_else(|| Fail::argument("hour", "expected a wall-clock time (hour 0-23, minute 0-59)"))?;
        let occurrence = if occurrence.is_null() {
            None
        } else {
            // SAFETY: non-null, readable per the contract.
            let i = unsafe { *occurrence };
            let known = usize::try_from(i).ok().and_then(|i| Occurrence::ALL.get(i).copied());
            Some(known.ok_or_else(|| Fail::argument("occurrence", "expected a wijknet_occurrence value"))?)
        };
        Ok(local_time::instant(day, time, occurrence)?.timestamp())
    })
}
