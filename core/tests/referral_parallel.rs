//! The two-thread replay of a large stream against the one-pass replay (a differential test):
//! the same referrals in the same order, the same first refused event with the same error, and
//! a cancel that stops both threads.

use wijknet::Error;
use wijknet::progress::{Flow, Observer, Progress};
use wijknet::referral::{Event, EventKind, PARALLEL_REPLAY_FROM, ReferralBook};
use wijknet_fixtures::national_referral_events;

/// The reference: one event at a time, as a host applying a live stream would.
fn one_by_one(events: &[Event]) -> Result<ReferralBook, (usize, String)> {
    let mut book = ReferralBook::new();
    for (i, e) in events.iter().enumerate() {
        book.apply(e).map_err(|err| (i, err.to_string()))?;
    }
    Ok(book)
}

fn parallel(events: &[Event]) -> Result<ReferralBook, (Option<usize>, String)> {
    assert!(events.len() >= PARALLEL_REPLAY_FROM, "{} events do not take two threads", events.len());
    ReferralBook::replay_indexed(events, &mut wijknet::progress::Silent)
        .map_err(|s| (s.event_index, s.error.to_string()))
}

fn year() -> Vec<Event> {
    // About nine events per referral: comfortably above the two-thread threshold.
    national_referral_events(5, PARALLEL_REPLAY_FROM / 6)
}

#[test]
fn the_same_book_as_one_event_at_a_time() {
    let events = year();
    let a = parallel(&events).expect("the generated year replays");
    let b = one_by_one(&events).unwrap();
    assert_eq!(a.len(), b.len());
    assert_eq!(a.in_creation_order(), b.in_creation_order());
    assert_eq!(a.summaries(), b.summaries());
    for r in b.in_creation_order().iter().step_by(97) {
        assert_eq!(a.get(r.id().as_str()), Some(r));
    }
}

/// Breaks the stream at `at` by replacing the event with a copy of an earlier event of its own
/// referral (a duplicate id, or out of order): refused there, whichever half it falls in.
fn broken(events: &[Event], at: usize) -> Vec<Event> {
    let mut v = events.to_vec();
    let referral = v[at].referral.clone();
    let earlier = v[..at].iter().rposition(|e| e.referral == referral).expect("not the referral's first event");
    v[at] = v[earlier].clone();
    v
}

#[test]
fn the_first_refused_event_is_the_one_a_single_pass_finds() {
    let events = year();
    // Positions in both halves and near both ends; each not a referral's first event.
    let positions: Vec<usize> = [events.len() / 7, events.len() / 3, events.len() / 2, events.len() - 5]
        .into_iter()
        .map(|p| (p..events.len()).find(|&i| !matches!(events[i].kind, EventKind::Created(_))).unwrap())
        .collect();
    for &at in &positions {
        let v = broken(&events, at);
        let (i, e) = one_by_one(&v).expect_err("refused");
        assert_eq!(i, at);
        assert_eq!(parallel(&v).err(), Some((Some(i), e)), "broken at {at}");
    }
    // Two breaks: the earlier one is the answer, in whichever half it is.
    for pair in positions.windows(2) {
        let v = broken(&broken(&events, pair[1]), pair[0]);
        let (i, e) = one_by_one(&v).err().unwrap();
        assert_eq!(i, pair[0]);
        assert_eq!(parallel(&v).err(), Some((Some(i), e)));
    }
    // An event of a referral nobody created.
    let mut v = events.clone();
    let first = v.iter().position(|e| matches!(e.kind, EventKind::Created(_))).unwrap();
    let orphan = v[first].referral.clone();
    v.retain(|e| !(e.referral == orphan && matches!(e.kind, EventKind::Created(_))));
    let (i, e) = one_by_one(&v).err().unwrap();
    assert_eq!(parallel(&v).err(), Some((Some(i), e)));
}

#[test]
fn a_cancel_stops_both_threads_without_a_book() {
    struct CancelAt(u64, u32);
    impl Observer for CancelAt {
        fn report(&mut self, p: Progress) -> Flow {
            self.1 += 1;
            if p.done >= self.0 { Flow::Cancel } else { Flow::Continue }
        }
    }
    let events = year();
    for at in [0, events.len() as u64 / 2] {
        let mut observer = CancelAt(at, 0);
        let r = ReferralBook::replay_indexed(&events, &mut observer);
        let stopped = r.err().unwrap_or_else(|| panic!("cancel at {at} gave a book"));
        assert!(stopped.event_index.is_none() && matches!(stopped.error, Error::Cancelled { .. }), "cancel at {at}");
        assert!(observer.1 >= 1);
    }
    // Reports go up to the total when nothing stops it.
    struct Last(u64, u64);
    impl Observer for Last {
        fn report(&mut self, p: Progress) -> Flow {
            assert!(p.done >= self.0, "reports never go back");
            self.0 = p.done;
            self.1 = p.total;
            Flow::Continue
        }
    }
    let mut last = Last(0, 0);
    ReferralBook::replay_indexed(&events, &mut last).unwrap();
    assert_eq!((last.0, last.1), (events.len() as u64, events.len() as u64));
}

#[test]
fn apply_all_keeps_the_events_before_the_refused_one() {
    let events = national_referral_events(5, 40);
    let at = (events.len() / 2..events.len()).find(|&i| !matches!(events[i].kind, EventKind::Created(_))).unwrap();
    let bad = broken(&events, at);
    let mut book = ReferralBook::new();
    let stopped = book.apply_all(&bad, &mut wijknet::progress::Silent).unwrap_err();
    assert_eq!(stopped.event_index, Some(at));
    assert_eq!(book.summaries(), one_by_one(&bad[..at]).unwrap().summaries());
    assert!(matches!(book.referral("nobody"), Err(Error::NotFound { .. })));
    let id = bad[0].referral.as_str();
    assert_eq!(book.referral(id).ok(), book.get(id));
}
