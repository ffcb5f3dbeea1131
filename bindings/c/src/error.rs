//! Result codes and the per-thread "last error".
//!
//! Every fallible entry point returns a [`wijknet_result`]. The details of a failure (message,
//! the core's string code, and for validation errors every `(path, reason)` problem) are kept
//! per thread until the next call into the library on that thread, so a host can read them after
//! the failed call without any allocation on the success path. The core stays free of global
//! state: this thread-local lives in the binding only.
//!
//! The slot is only ever reached through `try_with` and `try_borrow*`: a host may call wijknet
//! while its thread is being torn down (from a `pthread_key` destructor, after Rust's own
//! thread-locals were destroyed), where `with` would panic outside any guard and abort the host.
//! There the details are simply not kept; the result code alone still tells what happened.

use std::cell::RefCell;
use std::ffi::{CString, c_char};

use wijknet_core::Problem;

use crate::ffi::wijknet_str;

pub use crate::generated::wijknet_result;

impl wijknet_result {
    /// Every code, in ascending number: the core's table.
    fn all() -> impl Iterator<Item = (wijknet_result, &'static wijknet_core::ErrorCode)> {
        wijknet_core::ERROR_CODES.iter().filter_map(|c| Self::from_number(c.number).map(|r| (r, c)))
    }

    /// The result with this number, if this version of the C API has it.
    fn from_number(number: u32) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| *r as u32 == number)
    }

    /// The stable name of the code (`"ok"`, `"null_argument"`, ...), from the core's table.
    pub fn name(self) -> &'static str {
        Self::all().find(|(r, _)| *r == self).map_or("other", |(_, c)| c.code)
    }

    /// The result for a core error's stable code; `Other` for a code this C API has not got.
    fn from_code(code: &str) -> Self {
        wijknet_core::error::error_code(code).and_then(|c| Self::from_number(c.number)).unwrap_or(Self::Other)
    }

    fn c_name(self) -> &'static std::ffi::CStr {
        static NAMES: std::sync::OnceLock<Vec<(wijknet_result, std::ffi::CString)>> = std::sync::OnceLock::new();
        let names = NAMES.get_or_init(|| {
            Self::all().map(|(r, c)| (r, std::ffi::CString::new(c.code).expect("codes have no NUL"))).collect()
        });
        names.iter().find(|(r, _)| *r == self).map_or(c"other", |(_, n)| n.as_c_str())
    }
}

/// A failure on its way to the host: the C code plus what the last-error functions report.
#[derive(Debug)]
pub(crate) struct Fail {
    pub code: wijknet_result,
    /// The core's string code (`json`, `invalid`, ...) or the binding's own (`null_argument`).
    pub name: String,
    pub message: String,
    pub problems: Vec<Problem>,
}

impl Fail {
    pub fn new(code: wijknet_result, message: impl Into<String>) -> Self {
        Self { code, name: code.name().to_owned(), message: message.into(), problems: Vec::new() }
    }

    pub fn null(param: &str) -> Self {
        Self::new(wijknet_result::NullArgument, format!("`{param}` is NULL"))
    }

    pub fn argument(param: &str, what: impl std::fmt::Display) -> Self {
        Self::new(wijknet_result::InvalidArgument, format!("`{param}`: {what}"))
    }

    pub fn panic(payload: Box<dyn std::any::Any + Send>) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_owned());
        Self::new(wijknet_result::Internal, format!("internal error (panic): {what}"))
    }
}

impl From<wijknet_core::Error> for Fail {
    fn from(e: wijknet_core::Error) -> Self {
        let name = e.code();
        let code = wijknet_result::from_code(name);
        Self { code, name: name.to_owned(), message: e.to_string(), problems: e.problems() }
    }
}

/// What the last failed call on this thread left behind, in C-ready form.
struct LastError {
    code: wijknet_result,
    name: CString,
    message: CString,
    problems: Vec<(CString, CString)>,
    json: CString,
}

thread_local! {
    static LAST: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

/// A C string from Rust text; an interior NUL (possible only when echoing a caller's value) is
/// shown as `\u0000` instead of cutting the text short.
pub(crate) fn c_string(s: String) -> CString {
    CString::new(s).unwrap_or_else(|e| {
        let s = String::from_utf8(e.into_vec()).expect("was a String").replace('\0', "\\u0000");
        CString::new(s).expect("no NUL left")
    })
}

impl Fail {
    /// Stores the details for this thread (the caller returns the code itself, so the code
    /// never depends on whether the slot is still there).
    pub fn record(self) {
        let json = serde_json::json!({
            "code": self.name,
            "message": self.message,
            "problems": self.problems,
        })
        .to_string();
        let last = LastError {
            code: self.code,
            name: c_string(self.name),
            message: c_string(self.message),
            problems: self.problems.into_iter().map(|p| (c_string(p.path), c_string(p.reason))).collect(),
            json: c_string(json),
        };
        // Without a slot (thread teardown) the details are dropped: the code is what counts.
        let _ = LAST.try_with(|l| {
            if let Ok(mut l) = l.try_borrow_mut() {
                *l = Some(last);
            }
        });
    }
}

/// Forgets the previous failure: called by every successful entry point so the last error
/// always belongs to the last call.
#[inline]
pub(crate) fn clear_last_error() {
    // A destroyed slot holds nothing that could be mistaken for this call's error.
    let _ = LAST.try_with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            if l.is_some() {
                *l = None;
            }
        }
    });
}

/// Reads the last error; a slot that is gone (thread teardown) reads as "no failure recorded".
/// `Fn` rather than `FnOnce` so the same reader serves both outcomes.
fn with_last<R>(f: impl Fn(Option<&LastError>) -> R) -> R {
    LAST.try_with(|l| match l.try_borrow() {
        Ok(last) => f(last.as_ref()),
        Err(_) => f(None),
    })
    .unwrap_or_else(|_| f(None))
}

/// The stable name of a result code (`"ok"`, `"null_argument"`, `"invalid"`, ...), or
/// `"unknown"` for a value that is no `wijknet_result`: a static, NUL-terminated string that is
/// never freed. Takes the code as an integer so any value a host passes is safe. Never fails.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_result_name(code: u32) -> *const c_char {
    wijknet_result::from_number(code).map_or(c"unknown".as_ptr(), |r| r.c_name().as_ptr())
}

/// The code of the last failed call on this thread, or `WIJKNET_RESULT_OK` when the last call
/// succeeded (or none was made). Never fails, never changes the last error.
///
/// While a thread is exiting (e.g. in a `pthread_key_create` destructor or a C++ `thread_local`
/// destructor) the per-thread slot may already be destroyed. Every wijknet call there still
/// works and returns its result code, but its details are not kept: all `wijknet_last_error_*`
/// functions then answer as if no failure was recorded (`WIJKNET_RESULT_OK`, empty texts, no
/// problems). Rely on the returned code in such code paths. (With glibc, a thread whose first
/// wijknet call happens during its exit cannot have its slot freed any more: a few dozen bytes
/// plus the last failure's text stay allocated for that thread.)
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_last_error_code() -> wijknet_result {
    std::panic::catch_unwind(|| with_last(|l| l.map_or(wijknet_result::Ok, |l| l.code)))
        .unwrap_or(wijknet_result::Internal)
}

/// The last failure's string code on this thread: the core's code (`json`, `schema`, `invalid`,
/// `version_conflict`, `not_found`, ...) or the binding's (`null_argument`, `invalid_utf8`,
/// `invalid_argument`, `out_of_range`, `internal`); empty when the last call succeeded.
///
/// Ownership: the text is borrowed from this thread's last-error slot and stays valid until the
/// next wijknet call on this thread other than a `wijknet_last_error_*` call. Never fails.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_last_error_code_name() -> wijknet_str {
    std::panic::catch_unwind(|| with_last(|l| l.map_or(wijknet_str::EMPTY, |l| wijknet_str::of_c(&l.name))))
        .unwrap_or(wijknet_str::EMPTY)
}

/// The last failure's message on this thread (lowercase; it never repeats a value of the input,
/// and ids it names are cut short or left out), or an empty string.
/// `ptr` is NUL-terminated as well as `len` long.
///
/// Ownership: borrowed, valid until the next wijknet call on this thread other than a
/// `wijknet_last_error_*` call. Never fails.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_last_error_message() -> wijknet_str {
    std::panic::catch_unwind(|| with_last(|l| l.map_or(wijknet_str::EMPTY, |l| wijknet_str::of_c(&l.message))))
        .unwrap_or(wijknet_str::EMPTY)
}

/// The last failure on this thread as a JSON object
/// `{"code": string code, "message": text, "problems": [{"path", "reason"}]}` (the shape the
/// conformance vectors' `expected_error` patterns are written against), or an empty string.
///
/// Ownership: borrowed, valid until the next wijknet call on this thread other than a
/// `wijknet_last_error_*` call. Never fails.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_last_error_json() -> wijknet_str {
    std::panic::catch_unwind(|| with_last(|l| l.map_or(wijknet_str::EMPTY, |l| wijknet_str::of_c(&l.json))))
        .unwrap_or(wijknet_str::EMPTY)
}

/// Number of `(path, reason)` problems of the last failure on this thread: every rule violation
/// for `WIJKNET_RESULT_INVALID`, one for `JSON` and `SCHEMA`, usually 0 otherwise. Never fails.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_last_error_problem_count() -> usize {
    std::panic::catch_unwind(|| with_last(|l| l.map_or(0, |l| l.problems.len()))).unwrap_or(0)
}

/// Problem `index` of the last failure on this thread: `path` is a JSON path rooted at the
/// document, such as `$.teams[3].area.pc4[0]` (`$` for the whole document), `reason` says what
/// is wrong and what was expected, never the value found.
///
/// Returns `WIJKNET_RESULT_NULL_ARGUMENT` if an out pointer is NULL and
/// `WIJKNET_RESULT_OUT_OF_RANGE` if `index >= wijknet_last_error_problem_count()`; this function
/// never changes the last error itself. Outputs are written only on success.
///
/// Ownership: both texts are borrowed (NUL-terminated too), valid until the next wijknet call on
/// this thread other than a `wijknet_last_error_*` call.
///
/// # Safety
/// `out_path` and `out_reason` must be NULL or point to writable `wijknet_str`s.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_last_error_problem(
    index: usize,
    out_path: *mut wijknet_str,
    out_reason: *mut wijknet_str,
) -> wijknet_result {
    std::panic::catch_unwind(|| {
        if out_path.is_null() || out_reason.is_null() {
            return wijknet_result::NullArgument;
        }
        with_last(|l| match l.and_then(|l| l.problems.get(index)) {
            Some((path, reason)) => {
                // SAFETY: both checked non-null; the caller guarantees they are writable. `write` does
                // not drop the (uninitialised) old values.
                unsafe {
                    out_path.write(wijknet_str::of_c(path));
                    out_reason.write(wijknet_str::of_c(reason));
                }
                wijknet_result::Ok
            }
            None => wijknet_result::OutOfRange,
        })
    })
    .unwrap_or(wijknet_result::Internal)
}
