//! Replaying one year of national referral events (about 216,000 referrals) into monitoring
//! figures; target ≤ 2 s. Also the cost of one `apply`, with median and p99 from individually
//! timed calls (criterion reports estimates of the mean/median only).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use wijknet::referral::generate::{NATIONAL_REFERRALS_PER_YEAR, national_year};
use wijknet::referral::{Monitoring, ReferralBook, events_to_json, parse_events};

const SEED: u64 = 2025;

fn bench_replay(c: &mut Criterion) {
    let events = national_year(SEED, NATIONAL_REFERRALS_PER_YEAR);
    let mut g = c.benchmark_group("referral");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("replay_year_into_monitoring", |b| {
        b.iter(|| black_box(Monitoring::from_events(black_box(&events)).unwrap()))
    });
    g.bench_function("replay_year_into_book", |b| {
        b.iter(|| black_box(ReferralBook::replay(black_box(&events)).unwrap()))
    });
    let book = ReferralBook::replay(&events).unwrap();
    g.bench_function("monitoring_from_book", |b| b.iter(|| black_box(Monitoring::from_book(black_box(&book)))));
    g.finish();
}

/// Time this thread spent on a CPU (Linux `/proc/thread-self/schedstat`, nanoseconds): on a
/// shared machine wall time includes waiting for a core, on-CPU time does not.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(s.split_whitespace().next()?.parse().ok()?))
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[((p * sorted.len()).div_ceil(100)).max(1) - 1]
}

/// Custom measurements: whole-year replay (5 runs) and per-event apply (every event timed).
fn custom() {
    let t = Instant::now();
    let events = national_year(SEED, NATIONAL_REFERRALS_PER_YEAR);
    println!("generated {} events for {} referrals in {:.2?}", events.len(), NATIONAL_REFERRALS_PER_YEAR, t.elapsed());

    let m = Monitoring::from_events(&events).unwrap();
    println!(
        "year figures: {} referrals, {} placed (median {:?} s, p90 {:?} s to placement), offers per referral {:?}, \
         {} escalated {:?}, never placed {:?}",
        m.referrals,
        m.placed,
        m.time_to_placement.median_secs,
        m.time_to_placement.p90_secs,
        m.teams_contacted.histogram,
        m.escalated,
        m.escalated_by_trigger,
        m.never_placed
    );

    let (mut runs, mut cpu): (Vec<Duration>, Vec<Duration>) = (0..5)
        .map(|_| {
            let c = cpu_time();
            let t = Instant::now();
            black_box(Monitoring::from_events(&events).unwrap());
            let wall = t.elapsed();
            let on_cpu = match (c, cpu_time()) {
                (Some(a), Some(b)) => b.saturating_sub(a),
                _ => wall,
            };
            (wall, on_cpu)
        })
        .unzip();
    runs.sort();
    cpu.sort();
    println!(
        "replay year into monitoring, 5 runs: wall median {:.3?} (min {:.3?}, max {:.3?}); on-CPU median {:.3?} (min {:.3?}, max {:.3?})",
        runs[2], runs[0], runs[4], cpu[2], cpu[0], cpu[4]
    );

    let mut per_event = Vec::with_capacity(events.len());
    let mut book = ReferralBook::new();
    for e in &events {
        let t = Instant::now();
        book.apply(black_box(e)).unwrap();
        per_event.push(t.elapsed());
    }
    per_event.sort();
    println!(
        "apply one event ({} timed): median {:?}, p90 {:?}, p99 {:?}, max {:?}",
        per_event.len(),
        percentile(&per_event, 50),
        percentile(&per_event, 90),
        percentile(&per_event, 99),
        per_event[per_event.len() - 1]
    );

    // JSON: one month of events (a year's document is some 300 MB).
    let month: Vec<_> = national_year(SEED, NATIONAL_REFERRALS_PER_YEAR / 12);
    let json = events_to_json(&month);
    let mut parse: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            black_box(parse_events(json.as_bytes()).unwrap());
            t.elapsed()
        })
        .collect();
    parse.sort();
    println!(
        "parse one month's events document ({} events, {:.1} MB): median {:.3?}",
        month.len(),
        json.len() as f64 / 1e6,
        parse[2]
    );
}

criterion_group!(benches, bench_replay);

fn main() {
    custom();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
