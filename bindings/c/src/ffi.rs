//! The boundary: the panic guard every entry point runs in, checked conversion of C arguments,
//! and writing outputs only on success.

use std::ffi::{CString, c_char};
use std::panic::AssertUnwindSafe;

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Fail, c_string, clear_last_error, wijknet_result};
use crate::handle::{Handle, borrow};

/// A borrowed UTF-8 text: `len` bytes at `ptr`, not necessarily NUL-terminated (use
/// `printf("%.*s", (int)s.len, s.ptr)`). Who owns the bytes and how long they live is said by
/// the function that hands it out; the host never frees a `wijknet_str`. An absent text is
/// `{NULL, 0}`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
#[allow(non_camel_case_types)]
pub struct wijknet_str {
    /// First byte, or NULL when absent.
    pub ptr: *const c_char,
    /// Length in bytes, without any terminating NUL.
    pub len: usize,
}

impl wijknet_str {
    pub(crate) const EMPTY: wijknet_str = wijknet_str { ptr: c"".as_ptr(), len: 0 };
    pub(crate) const ABSENT: wijknet_str = wijknet_str { ptr: std::ptr::null(), len: 0 };

    /// Borrows Rust text; the caller makes sure the text outlives the host's use.
    pub(crate) fn of(s: &str) -> wijknet_str {
        wijknet_str { ptr: s.as_ptr().cast(), len: s.len() }
    }

    pub(crate) fn of_opt(s: Option<&str>) -> wijknet_str {
        s.map_or(Self::ABSENT, Self::of)
    }
}

/// A calendar date (Dutch local date where the core speaks of days). Months and days count
/// from 1.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub struct wijknet_date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month 1-12.
    pub month: u32,
    /// Day of the month 1-31.
    pub day: u32,
}

impl From<NaiveDate> for wijknet_date {
    fn from(d: NaiveDate) -> Self {
        use chrono::Datelike;
        wijknet_date { year: d.year(), month: d.month(), day: d.day() }
    }
}

impl wijknet_date {
    /// The date, or `INVALID_ARGUMENT` for an impossible one. The message says what was
    /// expected, never the date given: a date parameter may be a client's date of birth.
    pub(crate) fn to_naive(self, param: &str) -> Result<NaiveDate, Fail> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
            .ok_or_else(|| Fail::argument(param, "expected a calendar date (month 1-12, a day that month has)"))
    }
}

/// Runs an entry point's body: a panic becomes `WIJKNET_RESULT_INTERNAL`, an `Err` is recorded as
/// the thread's last error, success clears it.
///
/// The code is decided before the thread-local last error is touched, and that touch runs in a
/// guard of its own: nothing after the body may unwind into the host (which aborts it), and a
/// body that succeeded, having written its outputs, must still report success.
#[inline]
pub(crate) fn guard(body: impl FnOnce() -> Result<(), Fail>) -> wijknet_result {
    match std::panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => {
            guard_void(clear_last_error);
            wijknet_result::Ok
        }
        Ok(Err(fail)) => {
            let code = fail.code;
            guard_void(|| fail.record());
            code
        }
        // Dropping a panic payload can itself panic, so even building the message is guarded.
        Err(payload) => {
            guard_void(|| Fail::panic(payload).record());
            wijknet_result::Internal
        }
    }
}

/// For `_free` functions and other calls that cannot report: swallow a panic rather than abort.
#[inline]
pub(crate) fn guard_void(body: impl FnOnce()) {
    if let Err(payload) = std::panic::catch_unwind(AssertUnwindSafe(body)) {
        // Dropping the payload runs its `Drop`, which could panic again outside any guard;
        // leaking one small box after a bug is better than aborting the host.
        std::mem::forget(payload);
    }
}

/// Borrows a struct the host passes by pointer (handles are borrowed with `handle::borrow`).
///
/// # Safety
/// `ptr` must be NULL or point to a readable `T` that stays unchanged during the call.
#[inline]
pub(crate) unsafe fn by_ref<'a, T>(ptr: *const T, param: &str) -> Result<&'a T, Fail> {
    // SAFETY: the caller guarantees a non-null `ptr` points to a readable `T`.
    unsafe { ptr.as_ref() }.ok_or_else(|| Fail::null(param))
}

/// An output the host asked for: its out pointer, checked non-null before any work is done.
/// Writing it ([`Out::put`], [`Out::give`] for a handle) is the last step of a successful call,
/// so an output is written only on success.
#[derive(Debug)]
pub(crate) struct Out<T>(*mut T);

/// Checks that an out pointer is non-null before any work is done.
///
/// # Safety
/// A non-null `ptr` must be writable until the call returns.
#[inline]
pub(crate) unsafe fn out<T>(ptr: *mut T, param: &str) -> Result<Out<T>, Fail> {
    if ptr.is_null() { Err(Fail::null(param)) } else { Ok(Out(ptr)) }
}

impl<T> Out<T> {
    /// Writes the output; the call succeeded.
    #[inline]
    pub(crate) fn put(self, value: T) -> Result<(), Fail> {
        // SAFETY: non-null, and writable by the promise made to `out`.
        unsafe { write_out(self.0, value) };
        Ok(())
    }
}

/// A text output: the `out_json`/`out_len` pair of the functions that hand out JSON, both
/// checked non-null before any work; [`OutText::put`] hands over a library-allocated string
/// (freed with `wijknet_string_free`).
#[derive(Debug)]
pub(crate) struct OutText(Out<*mut c_char>, Out<usize>);

/// Checks the `out_json` and `out_len` pointers, in that order.
///
/// # Safety
/// As [`out`], for both.
#[inline]
pub(crate) unsafe fn out_text(out_json: *mut *mut c_char, out_len: *mut usize) -> Result<OutText, Fail> {
    // SAFETY: forwarded from the caller.
    unsafe { Ok(OutText(out(out_json, "out_json")?, out(out_len, "out_len")?)) }
}

impl OutText {
    /// Writes the text and its length in bytes; the call succeeded.
    #[inline]
    pub(crate) fn put(self, s: String) -> Result<(), Fail> {
        let c: CString = c_string(s);
        self.1.put(c.as_bytes().len())?;
        self.0.put(c.into_raw())
    }
}

/// Writes an output.
///
/// # Safety
/// `ptr` must be non-null and writable.
#[inline]
pub(crate) unsafe fn write_out<T>(ptr: *mut T, value: T) {
    // SAFETY: guaranteed by the caller; `write` does not drop the (uninitialised) old value.
    unsafe { ptr.write(value) }
}

/// The body of a `_from_json` style call: `json` read as UTF-8 text, and the value `read` makes
/// of it handed out as a new handle in `*out_handle` (parameter `out_param`).
///
/// # Safety
/// As [`text`] for `json`, as [`out`] for `out_handle`.
pub(crate) unsafe fn load<H: Handle, E: Into<Fail>>(
    json: *const c_char,
    json_len: usize,
    out_handle: *mut *mut H,
    out_param: &str,
    read: impl FnOnce(&[u8]) -> Result<H::Target, E>,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let o = unsafe { out(out_handle, out_param) }?;
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(json, json_len, "json") }?;
        o.give(read(json.as_bytes()).map_err(Into::into)?)
    })
}

/// The body of a call that answers with text about one handle (a `_to_json`): `answer` makes the
/// text of the value behind `handle` (parameter `param`), handed out in `out_json`/`out_len`.
///
/// # Safety
/// As [`crate::handle::borrow`] for `handle`, as [`out_text`] for the out pointers.
pub(crate) unsafe fn text_of<H: Handle>(
    handle: *const H,
    param: &str,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
    answer: impl FnOnce(&H::Target) -> Result<String, Fail>,
) -> wijknet_result {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let value = unsafe { borrow(handle, param) }?;
        // SAFETY: forwarded from the caller.
        unsafe { out_text(out_json, out_len) }?.put(answer(value)?)
    })
}

/// Borrows caller bytes.
///
/// # Safety
/// A non-null `ptr` must point to `len` readable bytes that stay unchanged during the call.
#[inline]
pub(crate) unsafe fn bytes<'a>(ptr: *const c_char, len: usize, param: &str) -> Result<&'a [u8], Fail> {
    if ptr.is_null() {
        return Err(Fail::null(param));
    }
    if len > isize::MAX as usize {
        return Err(Fail::argument(param, "expected a length of at most PTRDIFF_MAX"));
    }
    // SAFETY: non-null, length bounded, readability guaranteed by the caller.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// Borrows caller text, checking UTF-8.
///
/// # Safety
/// As [`bytes`].
#[inline]
pub(crate) unsafe fn text<'a>(ptr: *const c_char, len: usize, param: &str) -> Result<&'a str, Fail> {
    // SAFETY: forwarded.
    let b = unsafe { bytes(ptr, len, param) }?;
    utf8(b, param)
}

/// Bytes of parameter `param` as text, or `INVALID_UTF8` saying where they stop being text.
pub(crate) fn utf8<'a>(b: &'a [u8], param: &str) -> Result<&'a str, Fail> {
    std::str::from_utf8(b).map_err(|e| {
        Fail::new(
            wijknet_result::InvalidUtf8,
            format!("`{param}` is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })
}

/// An instant from seconds since the Unix epoch (the core refuses instants outside its supported
/// years itself, with its own words).
pub(crate) fn instant(unix_seconds: i64, param: &str) -> Result<DateTime<Utc>, Fail> {
    DateTime::from_timestamp(unix_seconds, 0)
        .ok_or_else(|| Fail::argument(param, "expected seconds since the Unix epoch within the supported instants"))
}

/// Frees a string that wijknet allocated (every `char **out_json`-style output). NULL is a
/// no-op. Freeing the same string twice, or a string not allocated by wijknet, is undefined
/// behaviour. Never fails.
///
/// # Safety
/// `text` must be NULL or a string returned by wijknet that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_string_free(text: *mut c_char) {
    if text.is_null() {
        return;
    }
    // SAFETY: the caller hands back a pointer from `CString::into_raw` exactly once.
    guard_void(|| drop(unsafe { CString::from_raw(text) }));
}
