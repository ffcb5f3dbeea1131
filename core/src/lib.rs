//! # wijknet
//!
//! The pure domain core of wijknet, for Dutch district nursing (*wijkverpleging*):
//!
//! - **Who can take this client?** [`registry`] of providers and teams, and explainable
//!   [`matching`] of a referral request against it.
//! - **What have we agreed?** collaboration agreements and the referral lifecycle.
//! - **May I share this?** consent-aware data-sharing checks.
//!
//! The core does no I/O and never reads the clock: documents come in as bytes, time comes in as a
//! parameter, and the same inputs always give the same outputs in the same order. Bindings for C,
//! Python and Kotlin/Swift wrap this crate and add nothing to its answers.
// No unsafe code of our own. uniffi's derives and scaffolding (the `uniffi` feature) implement
// its unsafe traits and export C functions, so with the feature the lint allows what they
// generate and `ffi` (the foreign forms of the core's field types) alone.
#![cfg_attr(not(feature = "uniffi"), forbid(unsafe_code))]
#![cfg_attr(feature = "uniffi", deny(unsafe_code))]

pub mod agreements;
pub mod api;
pub mod codes;
pub mod consent;
pub mod error;
#[cfg(feature = "uniffi")]
#[allow(unsafe_code)]
pub mod ffi;
mod fnv;
pub mod ids;
mod input;
pub mod limits;
pub mod local_time;
pub mod matching;
pub mod progress;
pub mod redact;
pub mod referral;
pub mod registry;
#[cfg(feature = "schema")]
pub mod schema;
pub mod volume;
pub mod what_if;
mod wire;

pub use codes::{
    CapacityStatus, CareType, CodeSet, FundingStream, Language, NurseLevel, OrganisationKind, PolicyType, TimeOfDay,
    UnknownCode, Weekday,
};
pub use error::{ERROR_CODES, Error, ErrorCode, Problem, Problems, Result};
pub use ids::{AgbCode, Bsn, Id, IdError, KvkNumber, Location, MunicipalityCode, Pc4, Pc6, UraNumber};
pub use registry::{Registry, SharedRegistry};

// The core's own uniffi component (namespace `wijknet`): its records, enums and code methods.
// The Kotlin/Swift objects live in bindings/uniffi, which crosses these types as they are.
#[cfg(feature = "uniffi")]
#[allow(unsafe_code)]
mod scaffolding {
    uniffi::setup_scaffolding!();
}
#[cfg(feature = "uniffi")]
pub use scaffolding::UniFfiTag;

/// The version of this library (the workspace version), reported by every binding.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
