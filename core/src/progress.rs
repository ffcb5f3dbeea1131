//! # Progress and cancellation of long calls
//!
//! Loading a national registry, replaying a year of referral events and a what-if over a year take
//! long enough that a host wants to show a progress bar and let its user stop. The calls that can
//! take that long have a `*_with_progress` form taking an [`Observer`]: the core reports
//! [`Progress`] (which step, how far of how much) and the observer answers [`Flow::Continue`] or
//! [`Flow::Cancel`]; a cancelled call returns [`Error::Cancelled`] and has no effect (nothing is
//! half-built: the caller gets no registry or book at all).
//!
//! The core never reads the clock, so it reports by amount of work, not by time: a report when a
//! step starts (`done == 0`), after every 1/[`REPORTS_PER_STEP`] of its items, and when it ends
//! (`done == total`). A step that is one indivisible piece of work (reading the JSON text: the
//! parser cannot be interrupted) is reported at its start and its end only. The observer runs on
//! the calling thread, between pieces of work: what it does costs the call that much time.

use crate::error::{Error, Result};

crate::codes::code_enum! {
    /// The step of a long call, as reported to a progress observer.
    ProgressStep, "progress step" {
        /// Reading a document's JSON text (done and total are bytes).
        Read = "read", "lezen", "read";
        /// Checking a document's records (done and total are records: teams, events).
        Check = "check", "controleren", "check";
        /// Building the indexes matching uses (done and total are teams).
        Index = "index", "indexeren", "index";
        /// Applying referral events in order (done and total are events).
        Replay = "replay", "naspelen", "replay";
        /// Matching the referrals of a history again (done and total are referrals).
        WhatIf = "what_if", "wat-als", "what-if";
    }
}

/// How far a long call is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The step it is in.
    pub step: ProgressStep,
    /// Items of the step done so far.
    pub done: u64,
    /// Items of the step in all (known before the step starts).
    pub total: u64,
}

/// What the observer wants after a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Stop as soon as possible: the call returns [`Error::Cancelled`].
    Cancel,
}

/// Receives the reports of a long call. Any `FnMut(Progress) -> Flow` is one.
pub trait Observer {
    /// One report; the answer decides whether the call goes on.
    fn report(&mut self, progress: Progress) -> Flow;
}

impl<F: FnMut(Progress) -> Flow> Observer for F {
    fn report(&mut self, progress: Progress) -> Flow {
        self(progress)
    }
}

/// The observer of calls made without one: never reports anything, never cancels.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Observer for Silent {
    fn report(&mut self, _: Progress) -> Flow {
        Flow::Continue
    }
}

/// Reports per step at most (plus the start and the end): enough for a smooth bar, few enough
/// that a host callback crossing a language boundary costs nothing measurable.
pub const REPORTS_PER_STEP: u64 = 200;

/// One step's reporting: reports its start on creation, then every stride of items and the end.
/// Public for bindings that loop over the items themselves (to know which item failed).
pub struct Ticker<'o> {
    observer: &'o mut dyn Observer,
    step: ProgressStep,
    total: u64,
    stride: u64,
    next: u64,
}

impl std::fmt::Debug for Ticker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ticker").field("step", &self.step).field("total", &self.total).finish_non_exhaustive()
    }
}

impl<'o> Ticker<'o> {
    /// Starts a step of `total` items (reports `done == 0`).
    pub fn start(observer: &'o mut dyn Observer, step: ProgressStep, total: u64) -> Result<Self> {
        let stride = (total / REPORTS_PER_STEP).max(1);
        let mut t = Self { observer, step, total, stride, next: stride };
        t.send(0)?;
        Ok(t)
    }

    /// `done` items are done; reports when a stride was passed. Cheap when it does not report.
    #[inline]
    pub fn tick(&mut self, done: u64) -> Result<()> {
        if done >= self.next && done < self.total {
            self.next = done - done % self.stride + self.stride;
            self.send(done)?;
        }
        Ok(())
    }

    /// The step is complete (reports `done == total`).
    pub fn finish(mut self) -> Result<()> {
        let total = self.total;
        self.send(total)
    }

    fn send(&mut self, done: u64) -> Result<()> {
        match self.observer.report(Progress { step: self.step, done, total: self.total }) {
            Flow::Continue => Ok(()),
            Flow::Cancel => Err(Error::Cancelled { step: self.step }),
        }
    }
}

/// A step that is one piece of work: reported at its start and end, cancellable at both.
pub fn whole<T>(
    observer: &mut dyn Observer,
    step: ProgressStep,
    total: u64,
    work: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let t = Ticker::start(observer, step, total)?;
    let out = work()?;
    t.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(total: u64, cancel_at: Option<u64>) -> (Vec<Progress>, Result<()>) {
        let mut seen = Vec::new();
        let mut obs = |p: Progress| {
            seen.push(p);
            if cancel_at.is_some_and(|c| p.done >= c) { Flow::Cancel } else { Flow::Continue }
        };
        let result = (|| {
            let mut t = Ticker::start(&mut obs, ProgressStep::Replay, total)?;
            for done in 1..=total {
                t.tick(done)?;
            }
            t.finish()
        })();
        (seen, result)
    }

    #[test]
    fn reports_start_strides_and_end_in_order() {
        let (seen, result) = run(10_000, None);
        assert!(result.is_ok());
        assert_eq!(seen.first().map(|p| p.done), Some(0));
        assert_eq!(seen.last().map(|p| p.done), Some(10_000));
        assert!(seen.windows(2).all(|w| w[0].done < w[1].done), "strictly increasing");
        assert!(seen.len() as u64 <= REPORTS_PER_STEP + 2, "{} reports", seen.len());
        assert!(seen.len() as u64 >= REPORTS_PER_STEP, "{} reports", seen.len());
        assert!(seen.iter().all(|p| p.total == 10_000 && p.step == ProgressStep::Replay));
    }

    #[test]
    fn small_and_empty_steps_report_every_item_or_just_start_and_end() {
        let (seen, _) = run(3, None);
        assert_eq!(seen.iter().map(|p| p.done).collect::<Vec<_>>(), [0, 1, 2, 3]);
        let (seen, _) = run(0, None);
        assert_eq!(seen.iter().map(|p| p.done).collect::<Vec<_>>(), [0, 0]);
    }

    #[test]
    fn cancel_stops_at_the_next_report_with_the_step() {
        let (seen, result) = run(10_000, Some(5_000));
        let e = result.unwrap_err();
        assert_eq!(e.code(), "cancelled");
        assert!(matches!(e, Error::Cancelled { step: ProgressStep::Replay }));
        assert_eq!(seen.last().map(|p| p.done), Some(5_000));
        let (seen, result) = run(10, Some(0));
        assert!(result.is_err());
        assert_eq!(seen.len(), 1, "cancelled at the start: no work reported");
    }
}
