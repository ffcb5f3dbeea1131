//! Many referrals at once: the state an interleaved event stream (a region's or the country's
//! referral history) replays into.

use std::collections::HashMap;

use std::sync::atomic::{AtomicUsize, Ordering};

use super::event::{Event, EventKind};
use super::referral::{Referral, ReferralSummary};
use crate::error::{Error, Result};
use crate::fnv::fnv1a64;
use crate::ids::Id;
use crate::progress::{Observer, ProgressStep, Ticker};

/// From this many events on, [`ReferralBook::replay`] works on two threads (below it a thread
/// costs more than it saves).
pub const PARALLEL_REPLAY_FROM: usize = 200_000;

/// Why a replay stopped: the error, and which event (0-based) was refused (`None` when the
/// observer cancelled).
#[derive(Debug)]
pub struct ReplayStopped {
    /// The refused event's position in the stream; `None` for a cancel.
    pub event_index: Option<usize>,
    /// The error (the refusal, or [`Error::Cancelled`]).
    pub error: Error,
}

/// How often (in events) a half of a two-thread replay looks whether the other half stopped it.
const STOP_CHECK: usize = 4096;

/// The referrals of one half of the ids, with the stream position of each one's `created` event.
struct Half {
    book: ReferralBook,
    created_at: Vec<usize>,
}

impl Half {
    /// Which half a referral belongs to: by its id's bytes, so that all its events go to the same
    /// half. Not keyed: ids crafted to fall in one half cost the parallelism, never the answer.
    fn of(id: &Id) -> usize {
        (fnv1a64(id.as_bytes()) >> 32) as usize & 1
    }

    /// Applies the events of half `which` in stream order. An error is (its index, the error);
    /// the index of a cancel is 0, before every event. `ticker` reports (the calling thread's
    /// half only).
    fn replay(
        events: &[Event],
        which: usize,
        stop: &AtomicUsize,
        mut ticker: Option<&mut Ticker<'_>>,
    ) -> std::result::Result<Half, Box<ReplayStopped>> {
        let mine = events.iter().filter(|e| Self::of(&e.referral) == which && matches!(e.kind, EventKind::Created(_)));
        let n = mine.count();
        let mut half = Half { book: ReferralBook::with_capacity(n), created_at: Vec::with_capacity(n) };
        for (i, e) in events.iter().enumerate() {
            if i % STOP_CHECK == 0 {
                if stop.load(Ordering::Relaxed) <= i {
                    break;
                }
                if let Some(t) = ticker.as_deref_mut() {
                    if let Err(cancelled) = t.tick(i as u64) {
                        stop.store(0, Ordering::Relaxed);
                        return Err(Box::new(ReplayStopped { event_index: None, error: cancelled }));
                    }
                }
            }
            if Self::of(&e.referral) != which {
                continue;
            }
            let before = half.book.len();
            if let Err(error) = half.book.apply(e) {
                stop.fetch_min(i, Ordering::Relaxed);
                return Err(Box::new(ReplayStopped { event_index: Some(i), error }));
            }
            if half.book.len() > before {
                half.created_at.push(i);
            }
        }
        Ok(half)
    }

    /// One book of both halves, its referrals in creation order as a single pass keeps them.
    fn merge(a: Half, b: Half) -> ReferralBook {
        let n = a.book.len() + b.book.len();
        let mut book = ReferralBook { index: HashMap::with_capacity(n), referrals: Vec::with_capacity(n) };
        let mut a = a.created_at.into_iter().zip(a.book.referrals).peekable();
        let mut b = b.created_at.into_iter().zip(b.book.referrals).peekable();
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => {
                    if x.0 < y.0 {
                        a.next()
                    } else {
                        b.next()
                    }
                }
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            if let Some((_, r)) = next {
                book.index.insert(r.id().clone(), book.referrals.len());
                book.referrals.push(r);
            }
        }
        book
    }
}

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

    /// An empty book with room for the referrals `events` create. Counting them first sizes the
    /// book once instead of growing it step by step (at national scale the growth, rehashing and
    /// fresh pages cost more than the count), and no larger than needed (a larger index is
    /// more memory for every lookup to miss in).
    pub fn sized_for(events: &[Event]) -> Self {
        Self::with_capacity(events.iter().filter(|e| matches!(e.kind, EventKind::Created(_))).count())
    }

    /// Replays a stream in order. Events of different referrals may interleave; each referral's
    /// own events must come in `seq` order. Stops at the first error.
    pub fn replay(events: &[Event]) -> Result<Self> {
        Self::replay_with_progress(events, &mut crate::progress::Silent)
    }

    /// [`ReferralBook::replay`], reporting to `observer` (step `replay`, in events) and stopping
    /// with [`Error::Cancelled`] when it asks to (no book is returned then).
    pub fn replay_with_progress(events: &[Event], observer: &mut dyn Observer) -> Result<Self> {
        Self::replay_indexed(events, observer).map_err(|stopped| stopped.error)
    }

    /// [`ReferralBook::replay_with_progress`], saying which event (0-based) was refused: the
    /// first in the stream, as an event-by-event [`ReferralBook::apply`] finds it (`None` with
    /// [`Error::Cancelled`]).
    ///
    /// A stream of [`PARALLEL_REPLAY_FROM`] events or more (a region's decade, the country's year) is
    /// replayed on two threads, each taking the referrals of one half of the ids: a referral's
    /// state depends only on its own events, so each half is what it would be in one pass, the
    /// first refused event is the earlier of the halves' first, and the halves are merged back
    /// into creation order. The thread is joined before this returns; the observer is called on
    /// the calling thread only.
    pub fn replay_indexed(
        events: &[Event],
        observer: &mut dyn Observer,
    ) -> std::result::Result<Self, Box<ReplayStopped>> {
        Self::replay_on(events, observer, events.len() >= PARALLEL_REPLAY_FROM)
    }

    fn replay_on(
        events: &[Event],
        observer: &mut dyn Observer,
        two_threads: bool,
    ) -> std::result::Result<Self, Box<ReplayStopped>> {
        if !two_threads {
            let mut book = Self::sized_for(events);
            book.apply_all(events, observer)?;
            return Ok(book);
        }
        let stopped = |event_index, error| Box::new(ReplayStopped { event_index, error });
        let mut ticker =
            Ticker::start(observer, ProgressStep::Replay, events.len() as u64).map_err(|e| stopped(None, e))?;
        // The index of the first refused event either half has found (or 0 on cancel): both
        // stop there, since nothing after it can change the answer.
        let stop = AtomicUsize::new(usize::MAX);
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| Half::replay(events, 1, &stop, None));
            let first = Half::replay(events, 0, &stop, Some(&mut ticker));
            (first, second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        let (first, second) = match (first, second) {
            (Ok(a), Ok(b)) => (a, b),
            // The earlier stop (a cancel counts as before every event).
            (Err(a), Err(b)) => {
                return Err(if b.event_index.unwrap_or(0) < a.event_index.unwrap_or(0) { b } else { a });
            }
            (Err(a), _) | (_, Err(a)) => return Err(a),
        };
        ticker.finish().map_err(|e| stopped(None, e))?;
        Ok(Half::merge(first, second))
    }

    /// Applies events in order, reporting to `observer` (step `replay`, in events): stops at the
    /// first refused one, saying which (0-based), or when the observer cancels (`None`), keeping
    /// the events applied before it.
    pub fn apply_all(
        &mut self,
        events: &[Event],
        observer: &mut dyn Observer,
    ) -> std::result::Result<(), Box<ReplayStopped>> {
        let stopped = |event_index, error| Box::new(ReplayStopped { event_index, error });
        let mut ticker =
            Ticker::start(observer, ProgressStep::Replay, events.len() as u64).map_err(|e| stopped(None, e))?;
        for (i, e) in events.iter().enumerate() {
            self.apply(e).map_err(|err| stopped(Some(i), err))?;
            ticker.tick(i as u64 + 1).map_err(|e| stopped(None, e))?;
        }
        ticker.finish().map_err(|e| stopped(None, e))
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

    /// One referral, or [`Error::NotFound`] for an unknown id (what every binding answers when a
    /// call names a referral).
    pub fn referral(&self, id: &str) -> Result<&Referral> {
        self.get(id).ok_or_else(|| Error::NotFound { kind: "referral", id: id.to_owned() })
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
