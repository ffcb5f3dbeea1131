//! What-if as every binding offers it: a baseline and a proposal given as a registry and optional
//! agreements each, the proposal's registry defaulting to the baseline's.

use crate::Registry;
use crate::agreements::Agreements;
use crate::error::Result;
use crate::progress::Observer;
use crate::referral::ReferralBook;
use crate::what_if::{Scenario, WhatIf, WhatIfOptions, what_if_with_progress};

/// [`what_if_with_progress`] of `book` from `baseline` (a registry with its agreements, if any)
/// to `proposed` (`None` as registry: the baseline's, so that a host changes only the agreements
/// by passing no registry; `None` as agreements: none, so a host passes the baseline's again to
/// change only the registry), listing at most `max_referrals` changed referrals.
pub fn what_if(
    book: &ReferralBook,
    baseline: (&Registry, Option<&Agreements>),
    proposed: (Option<&Registry>, Option<&Agreements>),
    max_referrals: usize,
    observer: &mut dyn Observer,
) -> Result<WhatIf> {
    let (registry, agreements) = baseline;
    let proposed = Scenario { registry: proposed.0.unwrap_or(registry), agreements: proposed.1 };
    what_if_with_progress(book, Scenario { registry, agreements }, proposed, &WhatIfOptions { max_referrals }, observer)
}
