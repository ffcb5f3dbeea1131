//! # wijknet for Kotlin and Swift
//!
//! The uniffi binding of the `wijknet` core: the domain as typed records, enums, objects and
//! errors, so Android (Kotlin), JVM and iOS (Swift) apps for nurses in the field and for
//! referrers get the same answers as every other wijknet binding.
//!
//! This crate only converts: host values to core values, core results to host records. Every
//! rule lives in the core, which knows nothing of uniffi. Conventions at the boundary:
//!
//! - **Objects** (`Registry`, `Agreements`, `ConsentStore`, `ReferralBook`) are immutable and safe to share between threads;
//!   an update returns a new object. `SharedRegistry` is the one that changes: it holds an
//!   app's current registry and installs capacity updates by compare-and-swap, also safe to share.
//! - **Records** are plain values (Kotlin data classes, Swift structs), copied across.
//! - **Codes** are enums with `code()`, `labelNl()` and `labelEn()`; `codeList(kind)` lists them.
//! - **Errors** are one typed error (`WijknetException` / `WijknetError`) with a variant per
//!   core error and, for validation errors, every problem as `(path, reason)`.
//! - **Time** is always a parameter: instants are `java.time.Instant` / `Date`, calendar dates
//!   `java.time.LocalDate` / ISO `String` (see [`types`]).

// uniffi lowers the error enum by value and the Kotlin/Swift error classes mirror its fields, so
// the variants stay flat (the referral variants carry several ids); errors are the cold path.
#![allow(clippy::result_large_err)]

mod agreements;
mod codes;
mod consent;
mod error;
mod matching;
mod referral;
mod registry;
pub mod types;

// Shared with the other bindings: what a message may repeat of an input, and one referral event
// read on its own. They name the core `core_api`.
#[path = "../../shared/redact.rs"]
mod redact;
#[path = "../../shared/single_event.rs"]
mod single_event;
use wijknet as core_api;

pub use agreements::*;
pub use codes::*;
pub use consent::*;
pub use error::*;
pub use matching::*;
pub use referral::*;
pub use registry::*;

uniffi::setup_scaffolding!();

/// The wijknet version (the workspace version, reported by every binding). There is no API or
/// ABI stability promise before 1.0: pin the exact version.
#[uniffi::export]
pub fn version() -> String {
    wijknet::VERSION.to_owned()
}
