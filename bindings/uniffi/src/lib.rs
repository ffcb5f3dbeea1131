//! # wijknet for Kotlin and Swift
//!
//! The uniffi binding of the `wijknet` core, so Android (Kotlin), JVM and iOS (Swift) apps for
//! nurses in the field and for referrers get the same answers as every other wijknet binding.
//!
//! The records and enums are the core's own types: the core derives uniffi's traits on them under
//! its `uniffi` feature (see `wijknet::ffi`), so nothing here copies them. This crate holds what
//! the core cannot carry:
//!
//! - **Objects** (`Registry`, `SharedRegistry`, `Agreements`, `ConsentStore`, `ReferralBook`,
//!   `FhirDirectory`, the last through wijknet-fhir's front door `wijknet_fhir::api`):
//!   thin `Arc` wrappers around the core's values with the exported methods. All but
//!   `SharedRegistry` never change; an update returns a new object. `SharedRegistry` holds an
//!   app's current registry and installs capacity updates by compare-and-swap.
//! - **The error** (`WijknetException` / `WijknetError`), one variant per core error, with every
//!   problem as `(path, reason)`.
//! - **Records that pair two answers** (`TracedDecision`, `AuditedDecision`,
//!   `CoordinationPointAgreement`) and the code listing (`CodeLabel`, `codeList`).
//!
//! Two uniffi components come out of one library: the core's (Kotlin package `nl.wijknet.types`)
//! and this one (`nl.wijknet`); Swift compiles both into the one module `Wijknet`.

// uniffi lowers the error enum by value and the Kotlin/Swift error classes mirror its fields, so
// the variants stay flat (the referral variants carry several ids); errors are the cold path.
#![allow(clippy::result_large_err)]

/// An object wrapping a core value, printed (Kotlin `toString()`, Swift `description`) as
/// `display` formats the value, read through `v`.
macro_rules! object {
    ($(#[$doc:meta])* $name:ident($inner:ty) as $v:ident; display $($arg:expr),+;) => {
        $(#[$doc])*
        #[derive(Debug, uniffi::Object)]
        #[uniffi::export(Display)]
        pub struct $name {
            pub(crate) inner: $inner,
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let $v = &self.inner;
                write!(f, $($arg),+)
            }
        }
    };
}

mod agreements;
mod codes;
mod consent;
mod error;
mod fhir;
mod progress;
mod referral;
mod registry;

// What a message may repeat of an input: the core's one rule, shared by every binding.
use wijknet::redact;

pub use agreements::*;
pub use codes::*;
pub use consent::*;
pub use error::*;
pub use fhir::*;
pub use progress::*;
pub use referral::*;
pub use registry::*;

uniffi::setup_scaffolding!();

// The core's foreign types (chrono's) that this crate's own signatures use: calendar dates as
// parameters and instants.
use wijknet::ffi::{CalendarDate, ClockTime, Timestamp};
uniffi::use_remote_type!(wijknet::CalendarDate);
uniffi::use_remote_type!(wijknet::Timestamp);
uniffi::use_remote_type!(wijknet::ClockTime);

/// The instant of a Dutch local date and time (Europe/Amsterdam), for apps whose users give
/// wall-clock times (e.g. before `Agreements.onCall`).
///
/// `time` is `HH:MM`. `occurrence` (`FIRST`: summer time, `SECOND`: winter time) says which
/// moment a repeated time means; it is needed only in the hour the clocks go back (02:00-03:00 on
/// the last Sunday of October) and ignored otherwise. Throws `WijknetException.LocalTime` when
/// the time does not exist (the hour the clocks skip on the last Sunday of March) or happens
/// twice and `occurrence` is null: wijknet never guesses either.
#[uniffi::export(default(occurrence = None))]
pub fn local_instant(
    date: CalendarDate,
    time: ClockTime,
    occurrence: Option<wijknet::local_time::Occurrence>,
) -> Result<Timestamp> {
    Ok(wijknet::local_time::instant(date, time, occurrence)?)
}

/// The wijknet version (the workspace version, reported by every binding). There is no API or
/// ABI stability promise before 1.0: pin the exact version.
#[uniffi::export]
pub fn version() -> String {
    wijknet::VERSION.to_owned()
}

/// Native memory of `size` bytes from this library's allocator, as uniffi's `rustbuffer_alloc`
/// gives it (a zeroed vector of exactly that capacity, left to the caller), or null when `size`
/// is more than a vector may hold.
///
/// For the Kotlin binding only (bindings/uniffi/patch_kotlin.py): uniffi's `rustbuffer_alloc`
/// returns a buffer by value, which JNA builds as a new structure by reflection on every call,
/// while this returns an address. The memory becomes the `data` of a buffer with `capacity` and
/// `len` both `size`, passed to an exported function that takes it over; a caller that keeps it
/// frees it by passing such a buffer to `rustbuffer_free`.
#[unsafe(no_mangle)]
pub extern "C" fn wijknet_uniffi_buffer_alloc(size: u64) -> *mut u8 {
    match usize::try_from(size) {
        // `vec![0; n]` has capacity exactly n (what uniffi's buffer takes back); more than
        // isize::MAX bytes would panic, and no panic may cross into the JVM.
        Ok(n) if n <= isize::MAX as usize => std::mem::ManuallyDrop::new(vec![0u8; n]).as_mut_ptr(),
        _ => std::ptr::null_mut(),
    }
}

#[cfg(test)]
mod tests {
    use super::wijknet_uniffi_buffer_alloc;

    #[test]
    fn buffer_memory_is_what_a_rust_buffer_takes_back() {
        for n in [0usize, 1, 24, 4096] {
            let p = wijknet_uniffi_buffer_alloc(n as u64);
            assert!(!p.is_null());
            // What uniffi does with a buffer of capacity and length n that it takes over.
            let v = unsafe { Vec::from_raw_parts(p, n, n) };
            assert!(v.iter().all(|&b| b == 0));
        }
    }

    #[test]
    fn more_than_a_vector_may_hold_is_null_not_a_panic() {
        assert!(wijknet_uniffi_buffer_alloc(u64::MAX).is_null());
        assert!(wijknet_uniffi_buffer_alloc(isize::MAX as u64 + 1).is_null());
    }
}
