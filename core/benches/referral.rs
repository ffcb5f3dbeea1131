//! Replaying one year of national referral events (about 216,000 referrals) into monitoring
//! figures; target ≤ 2 s. Also the cost of one `apply`, with median and p99 from individually
//! timed calls (criterion reports estimates of the mean/median only), and the hostile shapes of
//! issue 10 at two sizes ten times apart (10x the input should cost about 10x the time), with the
//! process's peak memory after each.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group};
use wijknet::referral::{
    Actor, Event, EventKind, Intake, Monitoring, Reason, ReferralBook, ReferralReason, events_to_json, parse_events,
};
use wijknet::{CareType, Id, Pc4};
use wijknet_fixtures::{NATIONAL_REFERRALS_PER_YEAR, national_referral_events};

const SEED: u64 = 2025;

fn bench_replay(c: &mut Criterion) {
    let events = national_referral_events(SEED, NATIONAL_REFERRALS_PER_YEAR);
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
    let events = national_referral_events(SEED, NATIONAL_REFERRALS_PER_YEAR);
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
    let month: Vec<_> = national_referral_events(SEED, NATIONAL_REFERRALS_PER_YEAR / 12);
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

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

/// One referral: created, submitted, then `offers` offers each received and rejected; then
/// `duplicates` events repeating the ids of applied events.
fn hostile_referral(offers: usize, duplicates: usize) -> Vec<Event> {
    let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let mut events: Vec<Event> = Vec::new();
    let mut push = |actor: Actor, kind: EventKind| {
        let seq = events.len() as u64 + 1;
        events.push(Event { id: id(&format!("e{seq}")), referral: id("r1"), seq, at: t0, actor, kind });
    };
    let intake = Intake {
        referrer: id("gp"),
        care_types: [CareType::Nursing].into_iter().collect(),
        pc4: Pc4::new(7511).unwrap(),
        municipality: None,
        acute: false,
        policy: None,
        volume: wijknet::volume::Volume::UNKNOWN,
    };
    push(Actor::Referrer(id("gp")), EventKind::Created(Box::new(intake)));
    push(Actor::Referrer(id("gp")), EventKind::Submitted);
    let team = |i: usize| id(&format!("team-{i}"));
    for i in 0..offers {
        push(Actor::Referrer(id("gp")), EventKind::OfferSent { team: team(i) });
    }
    for i in 0..offers {
        push(Actor::Team(team(i)), EventKind::OfferReceived { team: team(i) });
    }
    for i in 0..offers {
        let reason = Reason::new(ReferralReason::NoCapacity).unwrap();
        push(Actor::Team(team(i)), EventKind::OfferRejected { team: team(i), reason });
    }
    let applied = events.len();
    for i in 0..duplicates {
        let mut e = events[(i * 7919) % applied].clone();
        e.seq = applied as u64 + 1;
        events.push(e);
    }
    events
}

/// A document of `n` events, each with several problems (a bad id, a time that is no time, an
/// unknown role, an unknown type with bad values).
fn hostile_document(n: usize) -> String {
    let bad = r#"{"id":"bad id","referral":"r1","seq":0,"at":"yesterday","actor":{"role":"nurse","id":"x y"},"type":"transfer","team":"t a","reason":{"code":"too_far"}}"#;
    format!(r#"{{"schema":"wijknet.referral-events/v1","events":[{}]}}"#, vec![bad; n].join(","))
}

/// Peak resident memory of this process so far (Linux `VmHWM`), in MB.
fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l[6..].trim().to_owned()))
        .unwrap_or_else(|| "unknown".into())
}

/// Runs `f` seven times; the result and the shortest wall time. On a shared machine a run is
/// often preempted, which only ever adds time, so the shortest run is the closest to the cost
/// (on-CPU time is too coarse for runs of a few milliseconds).
fn time<T>(mut f: impl FnMut() -> T) -> (T, Duration) {
    let t = Instant::now();
    let mut out = black_box(f());
    let mut best = t.elapsed();
    for _ in 1..7 {
        let t = Instant::now();
        out = black_box(f());
        best = best.min(t.elapsed());
    }
    (out, best)
}

/// The hostile shapes of issue 10 at two sizes ten times apart.
fn hostile() {
    println!("hostile shapes (size, shortest time of 7 runs, peak memory of the process so far):");
    // Sizes grow threefold then more: the smallest fits in the CPU caches, the larger ones do
    // not (an event of a cache-cold referral costs about a microsecond, as in the national
    // replay), so the growth shows between the larger sizes and in the cost per event.
    let report = |what: String, events: usize, t: Duration, last: &mut Option<Duration>| {
        let ratio = last.map(|l| format!(", {:.1}x the time of the size before", t.as_secs_f64() / l.as_secs_f64()));
        let per = t.as_nanos() as f64 / events as f64;
        println!("  {what}: {t:.3?} ({per:.0} ns an event{}), peak {}", ratio.unwrap_or_default(), peak_mb());
        *last = Some(t);
    };
    let mut last = None;
    for offers in [1_000, 3_000, 9_000] {
        let events = hostile_referral(offers, 0);
        let (book, t) = time(|| ReferralBook::replay(&events).unwrap());
        assert_eq!(book.get("r1").unwrap().offers().len(), offers);
        let what = format!("one referral, {offers} offers sent, received, rejected ({} events)", events.len());
        report(what, events.len(), t, &mut last);
    }
    let mut last = None;
    for n in [1_000, 3_000, 10_000] {
        let events = hostile_referral(n / 3, n);
        let applied = events.len() - n;
        let (refused, t) = time(|| {
            let mut book = ReferralBook::new();
            events.iter().filter(|e| book.apply(e).is_err()).count()
        });
        assert_eq!(refused, n);
        report(format!("{applied} events applied, then {n} duplicate event ids refused"), events.len(), t, &mut last);
    }
    let mut last = None;
    for n in [10_000, 100_000] {
        let doc = hostile_document(n);
        let (e, t) = time(|| parse_events(doc.as_bytes()).unwrap_err());
        let what = format!(
            "document of {n} events with 9 problems each ({:.1} MB, {} problems listed)",
            doc.len() as f64 / 1e6,
            e.problems().len()
        );
        report(what, n, t, &mut last);
    }
}

criterion_group!(benches, bench_replay);

fn main() {
    hostile();
    custom();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
