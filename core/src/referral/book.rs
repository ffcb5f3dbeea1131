//! Many referrals at once: the state an interleaved event stream (a region's or the country's
//! referral history) replays into.

use std::collections::HashMap;

use super::event::{Event, EventKind};
use super::referral::{Referral, ReferralSummary};
use crate::error::{Error, Result};
use crate::ids::Id;

/// All referrals of an event stream, keyed by referral id (*verwijzingenregister*).
///
/// Referrals are kept in the order they were created, with a hash index by id: a stream sorted by
/// time mostly touches recent referrals, which then sit close together in memory. Everything that
/// leaves the book is sorted by referral id, so no hash order reaches an output.
#[derive(Debug, Clone, Default)]
pub struct ReferralBook {
    index: HashMap<Id, usize>,
    referrals: Vec<Referral>,
}

impl ReferralBook {
    /// An empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty book with room for `referrals` referrals (at most
    /// [`MAX_LIST_ITEMS`](crate::limits::MAX_LIST_ITEMS) are reserved ahead; the book grows
    /// beyond that as referrals come).
    pub fn with_capacity(referrals: usize) -> Self {
        let n = referrals.min(crate::limits::MAX_LIST_ITEMS);
        Self { index: HashMap::with_capacity(n), referrals: Vec::with_capacity(n) }
    }

    /// Replays a stream in order. Events of different referrals may interleave; each referral's
    /// own events must come in `seq` order. Stops at the first error.
    pub fn replay(events: &[Event]) -> Result<Self> {
        Self::replay_with_progress(events, &mut crate::progress::Silent)
    }

    /// [`ReferralBook::replay`], reporting to `observer` (step `replay`, in events) and stopping
    /// with [`Error::Cancelled`] when it asks to (no book is returned then).
    pub fn replay_with_progress(events: &[Event], observer: &mut dyn crate::progress::Observer) -> Result<Self> {
        let mut ticker =
            crate::progress::Ticker::start(observer, crate::progress::ProgressStep::Replay, events.len() as u64)?;
        // Counting the referrals first sizes the book once instead of growing it step by step
        // (at national scale the growth, rehashing and fresh pages cost more than the count).
        let created = events.iter().filter(|e| matches!(e.kind, EventKind::Created(_))).count();
        let mut book = Self::with_capacity(created);
        for (i, e) in events.iter().enumerate() {
            book.apply(e)?;
            ticker.tick(i as u64 + 1)?;
        }
        ticker.finish()?;
        Ok(book)
    }

    /// Applies one event: a `created` event for an unknown id starts a referral, any other event
    /// goes to its referral ([`Referral::apply`]). An event for an unknown referral is
    /// [`Error::NotFound`]. On error nothing changes.
    pub fn apply(&mut self, e: &Event) -> Result<()> {
        match self.index.get(&e.referral) {
            Some(&i) => self.referrals[i].apply_own(e),
            None if matches!(e.kind, EventKind::Created(_)) => {
                let r = Referral::create(e)?;
                self.index.insert(e.referral.clone(), self.referrals.len());
                self.referrals.push(r);
                Ok(())
            }
            None => Err(Error::NotFound { kind: "referral", id: e.referral.to_string() }),
        }
    }

    /// One referral.
    pub fn get(&self, id: &str) -> Option<&Referral> {
        self.index.get(id).map(|&i| &self.referrals[i])
    }

    /// Number of referrals.
    pub fn len(&self) -> usize {
        self.referrals.len()
    }

    /// Whether the book is empty.
    pub fn is_empty(&self) -> bool {
        self.referrals.is_empty()
    }

    /// Every referral, sorted by id.
    pub fn referrals(&self) -> Vec<&Referral> {
        let mut v: Vec<&Referral> = self.referrals.iter().collect();
        v.sort_unstable_by(|a, b| a.id().cmp(b.id()));
        v
    }

    /// Every referral in creation order (the order their `created` events were applied), for
    /// computations that do not depend on order (monitoring); saves sorting a national year.
    pub fn in_creation_order(&self) -> &[Referral] {
        &self.referrals
    }

    /// Every referral's summary, sorted by id.
    pub fn summaries(&self) -> Vec<ReferralSummary> {
        self.referrals().into_iter().map(Referral::summary).collect()
    }
}
