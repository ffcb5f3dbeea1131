//! Many referrals at once: the state an interleaved event stream (a region's or the country's
//! referral history) replays into.

use std::collections::HashMap;

use super::event::{Event, EventKind};
use super::referral::{Referral, ReferralSummary};
use crate::error::{Error, Result};
use crate::ids::Id;

/// All referrals of an event stream, keyed by referral id (*verwijzingenregister*).
///
/// Lookups use a hash map for speed; everything that leaves the book is sorted by referral id,
/// so no hash order reaches an output.
#[derive(Debug, Clone, Default)]
pub struct ReferralBook {
    referrals: HashMap<Id, Referral>,
}

impl ReferralBook {
    /// An empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replays a stream in order. Events of different referrals may interleave; each referral's
    /// own events must come in `seq` order. Stops at the first error.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Result<Self> {
        let mut book = Self::new();
        for e in events {
            book.apply(e)?;
        }
        Ok(book)
    }

    /// Applies one event: a `created` event for an unknown id starts a referral, any other event
    /// goes to its referral ([`Referral::apply`]). An event for an unknown referral is
    /// [`Error::NotFound`]. On error nothing changes.
    pub fn apply(&mut self, e: &Event) -> Result<()> {
        match self.referrals.get_mut(&e.referral) {
            Some(r) => r.apply(e),
            None if matches!(e.kind, EventKind::Created(_)) => {
                let r = Referral::create(e)?;
                self.referrals.insert(e.referral.clone(), r);
                Ok(())
            }
            None => Err(Error::NotFound { kind: "referral", id: e.referral.to_string() }),
        }
    }

    /// One referral.
    pub fn get(&self, id: &str) -> Option<&Referral> {
        self.referrals.get(id)
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
        let mut v: Vec<&Referral> = self.referrals.values().collect();
        v.sort_unstable_by(|a, b| a.id().cmp(b.id()));
        v
    }

    /// Every referral in no particular order, for computations whose result does not depend on
    /// order (monitoring); saves sorting a national year.
    pub(crate) fn unordered(&self) -> impl Iterator<Item = &Referral> {
        self.referrals.values()
    }

    /// Every referral's summary, sorted by id.
    pub fn summaries(&self) -> Vec<ReferralSummary> {
        self.referrals().into_iter().map(Referral::summary).collect()
    }
}
