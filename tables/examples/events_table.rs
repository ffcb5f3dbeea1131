//! Times building the events table of a national year (216,000 referrals, about 1.9 million
//! events), for a profiler and for issue 15's target (the events into polars within 0.5 s, of
//! which this is the part wijknet does): `cargo run --release -p wijknet-tables --example
//! events_table [REPETITIONS]`. Prints each repetition's wall and on-CPU time (Linux
//! `schedstat`, which does not grow while the process waits for a core).

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let reps: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let events = wijknet_fixtures::national_referral_events(wijknet_fixtures::DEFAULT_SEED, 216_000);
    let mut wall = Vec::new();
    for _ in 0..reps {
        let (t, cpu) = (Instant::now(), on_cpu_ns());
        let batch = black_box(wijknet_tables::events_batch(&events));
        let secs = t.elapsed().as_secs_f64();
        eprintln!(
            "{} events, {} columns: {secs:.3} s wall, {:.3} s on-CPU",
            batch.num_rows(),
            batch.num_columns(),
            (on_cpu_ns() - cpu) as f64 / 1e9
        );
        wall.push(secs);
    }
    wall.sort_by(f64::total_cmp);
    eprintln!("median {:.3} s of {reps}", wall[reps / 2]);
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`; 0 elsewhere).
fn on_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
