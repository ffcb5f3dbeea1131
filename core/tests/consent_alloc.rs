//! Proves that a decision without trace allocates nothing: a counting global allocator wraps the
//! system allocator, and the count must not move across many `decide` calls.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

mod consent_reference;

use consent_reference::generate::case;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use wijknet::consent::{CombiningPolicy, ConsentStore};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn decide_allocates_nothing() {
    let mut runner = TestRunner::deterministic();
    let mut cases = Vec::new();
    for _ in 0..300 {
        let (doc, req, at) = case().new_tree(&mut runner).unwrap().current();
        cases.push((ConsentStore::from_document(doc).unwrap(), req, at));
    }
    let mut permits = 0usize;
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    for (store, req, at) in &mut cases {
        for policy in CombiningPolicy::ALL {
            req.policy = *policy;
            let d = store.decide(req, *at).unwrap();
            permits += d.permitted().len();
        }
    }
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert_eq!(after - before, 0, "decide allocated {} times", after - before);
    // The loop did real work (the decisions were not all trivially empty).
    assert!(permits > 0);
    // The counter itself works: the traced variant does allocate.
    let (store, req, at) = &cases[0];
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let _ = store.decide_with_trace(req, *at).unwrap();
    assert!(ALLOCATIONS.load(Ordering::SeqCst) > before);
}
