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
