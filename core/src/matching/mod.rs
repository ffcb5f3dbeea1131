//! Matching: "who can take this client?" — ranked candidates, every exclusion explained, and the
//! accountable party when nobody can.

mod engine;
mod request;
mod result;

pub use engine::{AgreementView, NoAgreements, StartWindow, match_request, match_with};
pub use request::{
    MatchOptions, MatchOptionsDoc, MatchOptionsInput, MatchRequest, MatchRequestDoc, MatchRequestInput, Urgency,
};
pub use result::{
    Accountable, AccountableSource, Candidate, CandidateFlag, Exclusion, ExclusionDetail, ExclusionReason,
    MatchOutcome, MatchResult, Via, ViaKind,
};

#[cfg(test)]
mod tests;
