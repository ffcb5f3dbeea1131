//! Progress reports and cancellation of the long calls for Kotlin and Swift: the app passes a
//! `ProgressListener` (Kotlin: `progressListener { step, done, total -> true }` builds one from a
//! lambda) and returns `false` from it to cancel.

use std::sync::Arc;

use wijknet::progress::{Flow, Observer, Progress, ProgressStep};

/// Receives the progress of a long call: `done` of `total` items of `step` (`Read` in bytes,
/// `Check` in records, `Index` in teams, `Replay` in events; `done` is 0 when a step starts and
/// `total` when it ends). Return `true` to go on, `false` to cancel: the call then throws
/// `WijknetException.Cancelled` and has no effect.
///
/// Called on the calling thread, between pieces of work, a few hundred times per step at most.
/// The listener must not throw: catch inside it and return `false` to stop the call.
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    /// One report; the answer decides whether the call goes on.
    fn on_progress(&self, step: ProgressStep, done: u64, total: u64) -> bool;
}

/// The app's listener, if it gave one, as the core's observer (none: the call runs to its end).
pub(crate) struct Listener(pub(crate) Option<Arc<dyn ProgressListener>>);

impl Observer for Listener {
    fn report(&mut self, p: Progress) -> Flow {
        match &self.0 {
            Some(listener) if !listener.on_progress(p.step, p.done, p.total) => Flow::Cancel,
            _ => Flow::Continue,
        }
    }
}
