//! # wijknet-fhir
//!
//! FHIR R4 for wijknet (docs written below).
#![forbid(unsafe_code)]

pub mod codes;
pub mod consent;
pub mod directory;
pub mod json;
mod path;
pub mod referral;

pub use directory::{BundleType, Directory, MergeSource, SharedDirectory, merge, to_bundle, to_bundle_json};
