//! # wijknet C API
//!
//! The C ABI of wijknet for care-record (ECD) vendors whose hosts are C, C++, .NET (P/Invoke) or
//! Java (JNI/FFM). The header `include/wijknet.h` is generated from this crate by cbindgen and
//! committed; its top comment states the conventions (result codes, out parameters, ownership,
//! threading). This crate converts C arguments to core values, calls the core `wijknet` crate and
//! converts the answers back: it never re-implements a rule.
//!
//! Conventions, learnt from rustls-ffi: every fallible function returns a [`wijknet_result`]
//! and writes its outputs through `out_` pointers only on success; every entry point runs inside
//! `catch_unwind`, so a panic becomes `WIJKNET_RESULT_INTERNAL` and never unwinds into (or aborts)
//! the host; NULL pointers and invalid UTF-8 have their own codes; handles are opaque, created by
//! `_from_json`/`_new` style functions, copied (the immutable ones) by `_clone` and released by a
//! NULL-tolerant `_free`, all through the few generic helpers of the `handle` module.
#![deny(unsafe_op_in_unsafe_fn)]
// Every exported function takes raw pointers and is `unsafe extern "C"`; the contract of each is
// written in its doc comment (copied into the header), in prose a C reader expects. Every type of
// the C API is named as C names it (`wijknet_registry`, `wijknet_str`, ...).
#![allow(clippy::missing_safety_doc, clippy::too_many_arguments, non_camel_case_types)]

pub mod agreements;
pub mod codes;
pub mod consent;
pub mod error;
pub mod ffi;
pub mod fhir;
mod generated;
mod handle;
pub mod local_time;
pub mod matching;
pub mod progress;
pub mod referral;
pub mod registry;
pub mod what_if;

use std::ffi::c_char;

pub use agreements::{wijknet_agreements, wijknet_escalation_policy};
pub use consent::{wijknet_consent_answer, wijknet_consent_request, wijknet_consent_store};
pub use error::wijknet_result;
pub use ffi::{wijknet_date, wijknet_str};
pub use fhir::wijknet_fhir_directory;
pub use matching::{
    wijknet_accountable, wijknet_candidate, wijknet_exclusion, wijknet_match_result, wijknet_match_summary,
};
pub use referral::{wijknet_referral_book, wijknet_referral_events};
pub use registry::{wijknet_registry, wijknet_shared_registry};

/// ABI version of this header and library: raised on every change a compiled host could notice
/// (a removed or changed function, struct or enum value). Compare `wijknet_abi_version()` with
/// this macro at start-up to catch a header/library mismatch. No stability is promised before
/// 1.0: pin the exact wijknet version.
pub const WIJKNET_ABI_VERSION: u32 = 7;

/// The library version (the workspace version, e.g. `"0.1.0"`), equal to the header's
/// `WIJKNET_VERSION` when header and library match. Static, NUL-terminated, never freed.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The ABI version of the library; equal to the header's `WIJKNET_ABI_VERSION` when header and
/// library match.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_abi_version() -> u32 {
    WIJKNET_ABI_VERSION
}

/// Panics inside the library on purpose and returns what the panic boundary makes of it:
/// always `WIJKNET_RESULT_INTERNAL`, with the last error's message saying so. For host test suites
/// that want to see their error handling cope with an internal error; it has no other effect.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_test_panic() -> wijknet_result {
    ffi::guard(|| panic!("wijknet_test_panic was called"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_workspace_version_and_the_committed_header_says_so() {
        let v = unsafe { std::ffi::CStr::from_ptr(wijknet_version()) }.to_str().unwrap();
        assert_eq!(v, env!("CARGO_PKG_VERSION"));
        assert_eq!(v, wijknet_core::VERSION);
        let header = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../include/wijknet.h")).unwrap();
        let want = [
            format!("#define WIJKNET_VERSION \"{v}\""),
            format!("#define WIJKNET_VERSION_MAJOR {}", env!("CARGO_PKG_VERSION_MAJOR")),
            format!("#define WIJKNET_VERSION_MINOR {}", env!("CARGO_PKG_VERSION_MINOR")),
            format!("#define WIJKNET_VERSION_PATCH {}", env!("CARGO_PKG_VERSION_PATCH")),
            format!("#define WIJKNET_ABI_VERSION {WIJKNET_ABI_VERSION}"),
        ];
        for line in want {
            assert!(header.contains(&line), "include/wijknet.h lacks `{line}`: regenerate it");
        }
    }

    #[test]
    fn a_panic_becomes_a_code_and_a_message() {
        assert_eq!(wijknet_test_panic(), wijknet_result::Internal);
        assert_eq!(error::wijknet_last_error_code(), wijknet_result::Internal);
        let m = error::wijknet_last_error_message();
        let m = unsafe { std::slice::from_raw_parts(m.ptr.cast::<u8>(), m.len) };
        assert!(std::str::from_utf8(m).unwrap().contains("wijknet_test_panic"));
        // The next successful call clears it.
        assert_eq!(unsafe { codes::wijknet_code_count(0, &mut 0) }, wijknet_result::Ok);
        assert_eq!(error::wijknet_last_error_code(), wijknet_result::Ok);
    }
}
