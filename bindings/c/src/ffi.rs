//! The boundary: the panic guard every entry point runs in, checked conversion of C arguments,
//! and writing outputs only on success.

use std::ffi::{CString, c_char};
use std::panic::AssertUnwindSafe;

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Fail, c_string, clear_last_error, wijknet_result};
use crate::handle::{Give, Handle, borrow};

/// A borrowed UTF-8 text: `len` bytes at `ptr`, not necessarily NUL-terminated (use
/// `printf("%.*s", (int)s.len, s.ptr)`). Who owns the bytes and how long they live is said by
/// the function that hands it out; the host never frees a `wijknet_str`. An absent text is
/// `{NULL, 0}`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
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

    /// Borrows a C string (NUL-terminated as well as `len` long); as [`wijknet_str::of`].
    pub(crate) fn of_c(s: &CString) -> wijknet_str {
        wijknet_str { ptr: s.as_ptr(), len: s.as_bytes().len() }
    }
}

/// A calendar date (Dutch local date where the core speaks of days). Months and days count
/// from 1.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Borrows an array the host passes as a pointer and a count; NULL is refused (`NULL_ARGUMENT`
/// naming `param`) unless the count is 0.
///
/// # Safety
/// A non-null `ptr` must point to `count` readable `T` that stay unchanged during the call.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, count: usize, param: &str) -> Result<&'a [T], Fail> {
    if count == 0 {
        return Ok(&[]);
    }
    // SAFETY: non-null (`by_ref`), and `count` readable entries by the caller's guarantee.
    Ok(unsafe { std::slice::from_raw_parts(by_ref(ptr, param)?, count) })
}

/// An output parameter as the host passed it. It is [`Output::check`]ed before any work, and only
/// the [`Checked`] output that gives is written, as the last step of a successful call: an output
/// is written only on success. [`Put`] writes a value as it is, [`Json`] hands out a string,
/// [`crate::handle::Give`] a new handle.
pub(crate) trait Output: Sized {
    /// What a successful call writes there.
    type Value;

    /// The name of the parameter of its first NULL pointer, if any.
    fn null(&self) -> Option<&'static str>;

    /// Writes `value`.
    ///
    /// # Safety
    /// Every pointer must be non-null and writable.
    unsafe fn write(self, value: Self::Value);

    /// Checks that no pointer is NULL (`NULL_ARGUMENT` naming the first that is).
    ///
    /// # Safety
    /// A non-null pointer must be writable until the call returns.
    unsafe fn check(self) -> Result<Checked<Self>, Fail> {
        match self.null() {
            Some(param) => Err(Fail::null(param)),
            None => Ok(Checked(self)),
        }
    }
}

/// An output checked non-null and promised writable: the only form that is written.
#[derive(Debug)]
pub(crate) struct Checked<O>(O);

impl<O: Output> Checked<O> {
    /// Writes the output; the call succeeded.
    pub(crate) fn put(self, value: O::Value) -> Result<(), Fail> {
        // SAFETY: checked non-null, and writable by the promise made to `Output::check`.
        unsafe { self.0.write(value) };
        Ok(())
    }
}

/// An output written as it is (`*ptr = value`): the pointer and the name of its parameter.
#[derive(Debug)]
pub(crate) struct Put<T>(pub *mut T, pub &'static str);

impl<T> Output for Put<T> {
    type Value = T;

    fn null(&self) -> Option<&'static str> {
        self.0.is_null().then_some(self.1)
    }

    unsafe fn write(self, value: T) {
        // SAFETY: guaranteed by the caller; `write` does not drop the (uninitialised) old value.
        unsafe { self.0.write(value) }
    }
}

/// A text output, the `out_json`/`out_len` pair of the functions that hand out JSON (checked in
/// that order): a library-allocated NUL-terminated string (the host frees it with
/// `wijknet_string_free`) and its length in bytes.
#[derive(Debug)]
pub(crate) struct Json(pub *mut *mut c_char, pub *mut usize);

impl Output for Json {
    type Value = String;

    fn null(&self) -> Option<&'static str> {
        self.0.is_null().then_some("out_json").or_else(|| self.1.is_null().then_some("out_len"))
    }

    unsafe fn write(self, value: String) {
        let c: CString = c_string(value);
        // SAFETY: both non-null and writable, guaranteed by the caller.
        unsafe {
            self.1.write(c.as_bytes().len());
            self.0.write(c.into_raw());
        }
    }
}

/// A call about one handle: the handle and the output the host passed, with the caller's promise,
/// made by calling [`on`], that they are valid for the call. [`On::answer`] runs it.
#[derive(Debug)]
pub(crate) struct On<H, O> {
    handle: *const H,
    param: &'static str,
    out: O,
}

/// The call about `handle` (parameter `param`) that answers in `out`.
///
/// # Safety
/// As [`borrow`] for `handle` and as [`Output::check`] for `out`, until the call returns.
pub(crate) unsafe fn on<H: Handle, O: Output>(handle: *const H, param: &'static str, out: O) -> On<H, O> {
    On { handle, param, out }
}

impl<H: Handle, O: Output> On<H, O> {
    /// The body of the call, in [`guard`]: the handle borrowed (`NULL_ARGUMENT` naming its
    /// parameter), the output checked, then what `answer` makes of the handle's value written.
    pub(crate) fn answer(self, answer: impl FnOnce(&H::Target) -> Result<O::Value, Fail>) -> wijknet_result {
        guard(|| {
            // SAFETY: promised to `on`.
            let value = unsafe { borrow(self.handle, self.param) }?;
            // SAFETY: promised to `on`.
            unsafe { self.out.check() }?.put(answer(value)?)
        })
    }
}

/// A call that makes its output from plain arguments: the output the host passed, with the
/// caller's promise, made by calling [`to`], that it is valid for the call. [`To::make`] runs it.
#[derive(Debug)]
pub(crate) struct To<O>(O);

/// The call that answers in `out`.
///
/// # Safety
/// As [`Output::check`] for `out`, until the call returns.
pub(crate) unsafe fn to<O: Output>(out: O) -> To<O> {
    To(out)
}

impl<O: Output> To<O> {
    /// The body of the call, in [`guard`]: the output checked, then what `make` makes written.
    pub(crate) fn make(self, make: impl FnOnce() -> Result<O::Value, Fail>) -> wijknet_result {
        // SAFETY: promised to `to`.
        guard(|| unsafe { self.0.check() }?.put(make()?))
    }
}

/// The body of a `_from_json` style call: `json` read as UTF-8 text, and the value `read` makes
/// of it handed out as a new handle in `*out_handle` (parameter `out_param`).
///
/// # Safety
/// As [`text`] for `json`, as [`Output::check`] for `out_handle`.
pub(crate) unsafe fn load<H: Handle, E: Into<Fail>>(
    json: *const c_char,
    json_len: usize,
    out_handle: *mut *mut H,
    out_param: &'static str,
    read: impl FnOnce(&[u8]) -> Result<H::Target, E>,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Give(out_handle, out_param)) }.make(|| {
        // SAFETY: forwarded from the caller.
        let json = unsafe { text(json, json_len, "json") }?;
        read(json.as_bytes()).map_err(Into::into)
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
#[inline]
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
