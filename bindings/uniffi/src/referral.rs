//! The referral lifecycle and its monitoring figures as a uniffi object.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use wijknet::referral::{
    EscalationPolicy, EscalationPolicyInput, EventInput, Monitoring, ReferralSummary, parse_event_input, parse_events,
    parse_events_input,
};

use crate::error::Result;

/// Parses a `wijknet.referral-events/v1` document into typed events, reporting every problem
/// with its JSON path (`$.events[3].reason.code`). Lifecycle rules are checked when applied.
#[uniffi::export]
pub fn referral_events_from_json(json: Vec<u8>) -> Result<Vec<EventInput>> {
    Ok(parse_events(&json)?.iter().map(EventInput::from).collect())
}

/// Writes events as a `wijknet.referral-events/v1` document (the record a host stores);
/// `referralEventsFromJson` reads it back to equal events. Every event is checked first, with
/// the paths of the document (`$.events[3].team`).
#[uniffi::export]
pub fn referral_events_to_json(events: Vec<EventInput>) -> Result<String> {
    Ok(wijknet::referral::events_to_json(&parse_events_input(&events)?))
}

object! {
    /// Every referral, rebuilt from its events: status, offers per team, declines, escalation.
    ///
    /// **Thread-safety:** immutable; share it between threads freely. `apply` returns a *new* book
    /// with the event applied and leaves this one unchanged (it copies the book: to rebuild from many
    /// events at once use `replay`).
    ///
    /// **Lifetime:** owns native memory; in Kotlin `close()` (or `use { }`) or leave it to the
    /// cleaner, in Swift ARC frees it.
    ReferralBook(wijknet::referral::ReferralBook) as v;
    display "ReferralBook with {} referrals", v.len();
}

#[uniffi::export]
impl ReferralBook {
    /// An empty book.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self { inner: wijknet::referral::ReferralBook::new() })
    }

    /// A book with every event applied in order; the first refused event is the error
    /// (`Transition`, `WrongActor`, `DuplicateEvent`, `VersionConflict`, `NotFound`, `Invalid`).
    #[uniffi::constructor]
    pub fn replay(events: Vec<EventInput>) -> Result<Arc<Self>> {
        let events = parse_events_input(&events)?;
        Ok(Arc::new(Self { inner: wijknet::referral::ReferralBook::replay(&events)? }))
    }

    /// Same as `replay`, from a `wijknet.referral-events/v1` document. `listener` (optional)
    /// follows the reading and the replay (steps `Read` in bytes, `Check` and `Replay` in events)
    /// and can cancel it (`WijknetException.Cancelled`).
    #[uniffi::constructor(default(listener = None))]
    pub fn replay_json(json: Vec<u8>, listener: Option<Arc<dyn crate::ProgressListener>>) -> Result<Arc<Self>> {
        let mut observer = crate::progress::Listener(listener);
        let events = wijknet::referral::parse_events_with_progress(&json, &mut observer)?;
        Ok(Arc::new(Self { inner: wijknet::referral::ReferralBook::replay_with_progress(&events, &mut observer)? }))
    }

    /// A new book with one more event applied; this book is unchanged. Refused events are typed
    /// errors that name the referral, the event and why; problem paths are the event's own
    /// (`$.care_types[1]`).
    pub fn apply(&self, event: EventInput) -> Result<Arc<ReferralBook>> {
        let event = parse_event_input(&event)?;
        let mut inner = self.inner.clone();
        inner.apply(&event)?;
        Ok(Arc::new(ReferralBook { inner }))
    }

    /// Number of referrals.
    pub fn len(&self) -> i32 {
        i32::try_from(self.inner.len()).unwrap_or(i32::MAX)
    }

    /// Whether the book has no referral.
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// Every referral's summary, sorted by referral id.
    pub fn summaries(&self) -> Vec<ReferralSummary> {
        self.inner.summaries()
    }

    /// One referral's summary, or null.
    pub fn summary(&self, referral: String) -> Option<ReferralSummary> {
        self.inner.get(&referral).map(|r| r.summary())
    }

    /// What-if: every submitted referral matched again at its submission time under the baseline
    /// (`registry` with `agreements`) and the proposal (`proposedRegistry`, null: the same
    /// registry, with `proposedAgreements`, null: none). At most `maxReferrals` changed referrals
    /// are listed; after-figures of referrals that gain or lose their last candidate are
    /// estimates (`estimated`). `listener` (optional) follows the referrals matched (step
    /// `WhatIf`) and can cancel the call (`WijknetException.Cancelled`).
    #[uniffi::method(default(listener = None))]
    pub fn what_if(
        &self,
        registry: Arc<crate::registry::Registry>,
        agreements: Option<Arc<crate::agreements::Agreements>>,
        proposed_agreements: Option<Arc<crate::agreements::Agreements>>,
        proposed_registry: Option<Arc<crate::registry::Registry>>,
        max_referrals: u32,
        listener: Option<Arc<dyn crate::ProgressListener>>,
    ) -> Result<wijknet::what_if::WhatIf> {
        let mut observer = crate::progress::Listener(listener);
        let baseline = (&registry.inner, agreements.as_ref().map(|a| &a.inner));
        let proposed = (proposed_registry.as_ref().map(|r| &r.inner), proposed_agreements.as_ref().map(|a| &a.inner));
        Ok(wijknet::api::what_if(&self.inner, baseline, proposed, max_referrals as usize, &mut observer)?)
    }

    /// The monitoring figures of every referral in the book.
    pub fn monitoring(&self) -> Monitoring {
        Monitoring::from_book(&self.inner)
    }

    /// The `Escalated` event to store now if the referral must escalate under `policy` at `now`
    /// (placed, closed, draft or already escalated referrals never do); null otherwise.
    /// `NotFound` for an unknown referral, `Invalid` for a policy outside its limits.
    pub fn check_escalation(
        &self,
        referral: String,
        policy: EscalationPolicyInput,
        now: DateTime<Utc>,
    ) -> Result<Option<EventInput>> {
        let r = self.inner.referral(&referral)?;
        let policy = EscalationPolicy::from_input(&policy)?;
        Ok(wijknet::referral::check_escalation(r, &policy, now)?.as_ref().map(EventInput::from))
    }
}
