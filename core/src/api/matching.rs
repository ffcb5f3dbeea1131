//! Matching with the collaboration agreements when a host has them, the registry alone when not:
//! the one call behind every binding's match that takes its agreements as optional.

use crate::Registry;
use crate::agreements::Agreements;
use crate::error::Result;
use crate::matching::{MatchOptions, MatchRequest, MatchResult, match_request, match_with};

/// Matches `request` against the registry with the agreements ([`match_with`]) when given, the
/// registry alone ([`match_request`]) when not.
pub fn match_optionally(
    registry: &Registry,
    agreements: Option<&Agreements>,
    request: &MatchRequest,
    options: &MatchOptions,
) -> Result<MatchResult> {
    match agreements {
        Some(a) => match_with(registry, a, request, options),
        None => match_request(registry, request, options),
    }
}
