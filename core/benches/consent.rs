//! Consent decisions on a store of 100,000 clients with 1 to 8 consents each (deterministic,
//! seeded). Criterion measures `decide` and `decide_with_trace`; a second measurement times
//! 200,000 individual calls each and reports median and p99 (criterion reports means and
//! medians of batches, not per-call tails).
//!
//! `cargo bench -p wijknet --bench consent -- hostile` prints instead, for each hostile shape of
//! issue 10 at growing sizes, the input size, the time to load (or refuse) it, the heap peak
//! during the load and the time of one decision on it: 10× the input should cost about 10×.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::Criterion;
use wijknet::consent::{
    Client, CombiningPolicy, ConsentChannel, ConsentEffect, ConsentRecord, ConsentRecordStatus, ConsentRequest,
    ConsentStore, DataCategory, Emergency, EmergencyReason, GivenBy, Objection, Party, Period, Provision, Purpose,
    RecipientRole, Representative, RepresentativeRelation, SharingAgreement, StoreDocument,
};
use wijknet::{CodeSet, Id};
use wijknet_fixtures::prng::SplitMix64;

/// Counts heap bytes (current and peak) while `COUNTING` is on, so the hostile report can show
/// the peak of a load; off for the decision benchmarks (one relaxed load per allocation).
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    if COUNTING.load(Relaxed) {
        let now = CURRENT.fetch_add(bytes, Relaxed) + bytes;
        PEAK.fetch_max(now, Relaxed);
    }
}

fn shrank(bytes: usize) {
    if COUNTING.load(Relaxed) {
        CURRENT.fetch_sub(bytes, Relaxed);
    }
}

// SAFETY: delegates every call to the system allocator unchanged; only counts bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const CLIENTS: usize = 100_000;
const ORGS: usize = 400;

/// The fixtures' seeded generator with the draws this benchmark uses, so every run benchmarks the
/// same store.
struct Rng(SplitMix64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0.range(0, n - 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, all: &[T]) -> T {
        *self.0.pick(all)
    }
    fn set<T: wijknet::codes::Code>(&mut self, all: &[T], max: u64) -> CodeSet<T> {
        let n = 1 + self.below(max);
        (0..n).map(|_| self.pick(all)).collect()
    }
}

fn id(s: String) -> Id {
    Id::parse(&s).unwrap()
}

fn org(rng: &mut Rng) -> Id {
    id(format!("org-{}", rng.below(ORGS as u64)))
}

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap() + Duration::days(n)
}

fn provision(rng: &mut Rng, depth: u32) -> Provision {
    let children = if depth > 1 && rng.chance(40) { 1 + rng.below(2) } else { 0 };
    Provision {
        effect: if rng.chance(75) { ConsentEffect::Permit } else { ConsentEffect::Deny },
        actors: rng.chance(15).then(|| vec![org(rng)]),
        roles: rng.chance(70).then(|| rng.set(RecipientRole::ALL, 2)),
        categories: rng.chance(60).then(|| rng.set(DataCategory::ALL, 3)),
        purposes: rng.chance(40).then(|| rng.set(Purpose::ALL, 2)),
        period: None,
        provisions: (0..children).map(|_| provision(rng, depth - 1)).collect(),
    }
}

fn document(seed: u64) -> StoreDocument {
    let mut rng = Rng(SplitMix64::new(seed));
    let mut doc = StoreDocument { version: "bench-1".into(), ..StoreDocument::default() };
    for i in 0..CLIENTS {
        let client = id(format!("cl-{i:06}"));
        let born = NaiveDate::from_ymd_opt(1925, 1, 1).unwrap() + Duration::days(rng.below(100 * 365) as i64);
        doc.clients.push(Client {
            id: client.clone(),
            bsn: None,
            date_of_birth: born,
            can_decide: rng.chance(90),
            representatives: vec![Representative { id: id("rep-1".into()), relation: RepresentativeRelation::Partner }],
        });
        for k in 0..(1 + rng.below(8)) {
            let start = rng.below(700) as i64;
            doc.consents.push(ConsentRecord {
                id: id(format!("c-{i:06}-{k}")),
                client: client.clone(),
                recorded_by: org(&mut rng),
                recorded_at: day(start),
                given_by: GivenBy {
                    client: rng.chance(80),
                    representatives: if rng.chance(40) { vec![id("rep-1".into())] } else { Vec::new() },
                },
                scope: if rng.chance(85) { ConsentChannel::Direct } else { ConsentChannel::ExchangeSystem },
                status: match rng.below(10) {
                    0 => ConsentRecordStatus::Withdrawn,
                    1 => ConsentRecordStatus::Superseded,
                    _ => ConsentRecordStatus::Active,
                },
                period: Period { start: day(start), end: rng.chance(50).then(|| day(start + 365)) },
                provision: provision(&mut rng, 3),
            });
            let last = doc.consents.last_mut().unwrap();
            if !last.given_by.client && last.given_by.representatives.is_empty() {
                last.given_by.client = true;
            }
        }
        if rng.chance(10) {
            doc.objections.push(Objection {
                id: id(format!("o-{i:06}")),
                client: client.clone(),
                recorded_by: org(&mut rng),
                recorded_at: day(rng.below(700) as i64),
                made_by: GivenBy { client: true, representatives: Vec::new() },
                status: ConsentRecordStatus::Active,
                period: Period { start: day(0), end: None },
                actors: None,
                roles: rng.chance(70).then(|| rng.set(RecipientRole::ALL, 2)),
                categories: rng.chance(50).then(|| rng.set(DataCategory::ALL, 2)),
                purposes: None,
            });
        }
    }
    doc
}

fn requests(seed: u64, n: usize) -> Vec<(ConsentRequest, DateTime<Utc>)> {
    let mut rng = Rng(SplitMix64::new(seed));
    (0..n)
        .map(|_| {
            let discloser = org(&mut rng);
            let recipient = org(&mut rng);
            let agreements = if rng.chance(30) {
                vec![SharingAgreement {
                    id: id(format!("ag-{}", rng.below(50))),
                    parties: vec![discloser.clone(), recipient.clone(), org(&mut rng)],
                    categories: rng.set(DataCategory::ALL, 3),
                    purposes: [Purpose::DirectCare].into_iter().collect(),
                    valid_from: day(0),
                    valid_until: None,
                    active: true,
                }]
            } else {
                Vec::new()
            };
            let req = ConsentRequest {
                client: id(format!("cl-{:06}", rng.below(CLIENTS as u64))),
                discloser: Party {
                    organisation: Some(discloser.clone()),
                    role: RecipientRole::HomeCareProvider,
                    kind: None,
                },
                recipient: Party {
                    organisation: Some(recipient.clone()),
                    role: rng.pick(RecipientRole::ALL),
                    kind: None,
                },
                purpose: rng.pick(Purpose::ALL),
                categories: rng.set(DataCategory::ALL, 4),
                channel: if rng.chance(85) { ConsentChannel::Direct } else { ConsentChannel::ExchangeSystem },
                data_form: None,
                policy: rng.pick(CombiningPolicy::ALL),
                emergency: rng.chance(3).then_some(Emergency { reason: EmergencyReason::LifeThreatening }),
                treatment_relationships: if rng.chance(60) { vec![discloser, recipient] } else { Vec::new() },
                agreements,
            };
            (req, day(rng.below(900) as i64) + Duration::hours(rng.below(24) as i64))
        })
        .collect()
}

fn percentiles(samples: &mut [u64]) -> (u64, u64) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q) as usize];
    (at(0.5), at(0.99))
}

/// Times `n` individual calls in each of `rounds` rounds and prints median and p99 per round.
/// The machine may be shared: every round is shown, and the load average beside it.
fn per_call(name: &str, rounds: usize, n: usize, mut prepare: impl FnMut(usize), mut call: impl FnMut(usize)) {
    for i in 0..n.min(20_000) {
        call(i); // warm-up
    }
    let mut samples = vec![0u64; n];
    for round in 0..rounds {
        for (i, s) in samples.iter_mut().enumerate() {
            prepare(round * n + i);
            let t0 = Instant::now();
            call(round * n + i);
            *s = t0.elapsed().as_nanos() as u64;
        }
        let (median, p99) = percentiles(&mut samples);
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        let load = load.split_whitespace().next().unwrap_or("?");
        println!("{name}: round {round}: n={n} median={median} ns p99={p99} ns (load average {load})");
    }
}

/// Reads the request's strings, as a host that has just built the request would have them in
/// cache; the store stays cold (random clients out of 100,000).
fn touch(r: &ConsentRequest) -> usize {
    r.client.as_str().len()
        + r.recipient.organisation_str().len()
        + r.discloser.organisation_str().len()
        + r.treatment_relationships.iter().map(|o| o.as_str().len()).sum::<usize>()
        + r.agreements.iter().map(|a| a.parties.iter().map(|p| p.as_str().len()).sum::<usize>()).sum::<usize>()
}

fn main() {
    if std::env::args().any(|a| a == "hostile") {
        hostile::report();
        return;
    }
    if std::env::args().any(|a| a == "load") {
        load_report();
        return;
    }
    let started = Instant::now();
    let store = ConsentStore::from_document(document(0x5eed_c0de)).unwrap();
    let consents = store.to_document().consents.len();
    println!("store: {} clients, {consents} consents, loaded in {:?}", store.len(), started.elapsed());
    let reqs = requests(0xfeed_beef, 20_000);

    // Per-call timing for median and p99: separate loops so that neither warms the cache for
    // the other.
    let hot = |i: usize| {
        black_box(touch(&reqs[i % reqs.len()].0));
    };
    per_call("decide (per call, 100k clients)", 5, 100_000, hot, |i| {
        let (r, at) = &reqs[i % reqs.len()];
        black_box(store.decide(black_box(r), *at).unwrap());
    });
    per_call("decide_with_trace (per call, 100k clients)", 5, 100_000, hot, |i| {
        let (r, at) = &reqs[i % reqs.len()];
        black_box(store.decide_with_trace(black_box(r), *at).unwrap());
    });
    // The same on a store that fits in cache, to separate computing from waiting for memory.
    let mut small = document(0x5eed_c0de);
    let keep: std::collections::HashSet<Id> = reqs.iter().take(1_000).map(|(r, _)| r.client.clone()).collect();
    small.clients.retain(|c| keep.contains(&c.id));
    small.consents.retain(|c| keep.contains(&c.client));
    small.objections.retain(|o| keep.contains(&o.client));
    let small = ConsentStore::from_document(small).unwrap();
    per_call("decide (per call, hot cache, 1k clients)", 3, 100_000, hot, |i| {
        let (r, at) = &reqs[i % 1_000];
        black_box(small.decide(black_box(r), *at).unwrap());
    });
    per_call("decide_with_trace (per call, hot cache, 1k clients)", 3, 100_000, hot, |i| {
        let (r, at) = &reqs[i % 1_000];
        black_box(small.decide_with_trace(black_box(r), *at).unwrap());
    });

    floor::report(&document(0x5eed_c0de), &store, &reqs);

    let mut c = Criterion::default().configure_from_args();
    let mut i = 0;
    c.bench_function("consent/decide", |b| {
        b.iter(|| {
            i = (i + 1) % reqs.len();
            let (r, at) = &reqs[i];
            black_box(store.decide(r, *at).unwrap())
        })
    });
    c.bench_function("consent/decide_with_trace", |b| {
        b.iter(|| {
            i = (i + 1) % reqs.len();
            let (r, at) = &reqs[i];
            black_box(store.decide_with_trace(r, *at).unwrap())
        })
    });
    c.final_summary();
}

/// `cargo bench -p wijknet --bench consent -- load`: the 100,000-client store loaded from its
/// JSON text (parse, check, compile) five times: median and max time, the heap peak of the first
/// load and the heap the loaded store keeps (issue 12: at most 64 MiB, at most 1.5 s).
fn load_report() {
    let json = serde_json::to_vec(&document(0x5eed_c0de)).unwrap();
    const MIB: f64 = 1024.0 * 1024.0;
    let (mut times, mut floor) = (Vec::new(), Vec::new());
    let (mut peak, mut kept, mut shape) = (0, 0, String::new());
    for run in 0..5 {
        COUNTING.store(true, Relaxed);
        let before = CURRENT.load(Relaxed);
        PEAK.store(before, Relaxed);
        let t0 = Instant::now();
        let store = ConsentStore::from_json(black_box(&json)).unwrap();
        times.push(t0.elapsed());
        if run == 0 {
            (peak, kept) = (PEAK.load(Relaxed) - before, CURRENT.load(Relaxed) - before);
            shape = format!("{} clients, {} consents", store.len(), store.to_document().consents.len());
        }
        drop(store);
        COUNTING.store(false, Relaxed);
        // The floor: serde_json reading the same text and keeping nothing, alternated with the
        // loads so both see the same machine.
        let t0 = Instant::now();
        black_box(serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&json)).unwrap());
        floor.push(t0.elapsed());
    }
    times.sort_unstable();
    floor.sort_unstable();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "consent store load ({shape}, {:.1} MiB of JSON): median {:.0} ms, max {:.0} ms (5 runs) [target <= 1500 ms]; \
         heap peak {:.1} MiB, kept {:.1} MiB [target <= 64 MiB]; serde_json reading it into nothing: median {:.0} ms \
         (load / that {:.2})   (load average {})",
        json.len() as f64 / MIB,
        times[2].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3,
        peak as f64 / MIB,
        kept as f64 / MIB,
        floor[2].as_secs_f64() * 1e3,
        times[2].as_secs_f64() / floor[2].as_secs_f64(),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
}

/// The hostile shapes of issue 10 for the consent store and request, at growing sizes.
mod hostile {
    use super::*;
    use serde_json::{Value, json};
    use wijknet::consent::Fnv1a64;

    const MB: f64 = 1024.0 * 1024.0;

    fn base() -> Value {
        json!({"schema": "wijknet.consent/v1", "version": "hostile", "clients": [
            {"id": "cl-1", "date_of_birth": "1950-01-01", "can_decide": true,
             "representatives": [{"id": "rep-1", "relation": "partner"}]}], "consents": [], "objections": []})
    }

    fn consent(i: usize, client: &str, provision: Value) -> Value {
        json!({"id": format!("c-{i}"), "client": client, "recorded_by": "org-a",
               "recorded_at": "2026-01-01T00:00:00Z", "given_by": {"client": true}, "scope": "direct",
               "status": "active", "period": {"start": "2026-01-01T00:00:00Z"}, "provision": provision})
    }

    fn orgs(from: usize, n: usize) -> Vec<String> {
        (from..from + n).map(|i| format!("org-{i}")).collect()
    }

    fn request(client: &str, recipient: &str) -> ConsentRequest {
        let v = json!({"client": client, "discloser": {"organisation": "org-a", "role": "home_care_provider"},
                       "recipient": {"organisation": recipient, "role": "gp"}, "purpose": "direct_care",
                       "categories": ["medical", "medication"]});
        ConsentRequest::from_json(v.to_string().as_bytes()).unwrap()
    }

    /// `consents` consents of one client, each naming 10,000 organisations at its root.
    fn actors(consents: usize) -> Value {
        let mut v = base();
        v["consents"] =
            (0..consents).map(|i| consent(i, "cl-1", json!({"effect": "permit", "actors": orgs(i, 10_000)}))).collect();
        v
    }

    /// `consents` consents whose root names 10,000 organisations and has 255 children without a
    /// list of their own (each inherits the root's).
    fn inherited(consents: usize) -> Value {
        let children: Vec<Value> = (0..255).map(|_| json!({"effect": "deny", "categories": ["medication"]})).collect();
        let mut v = base();
        v["consents"] = (0..consents)
            .map(|i| consent(i, "cl-1", json!({"effect": "permit", "actors": orgs(0, 10_000), "provisions": children})))
            .collect();
        v
    }

    /// `consents` consents whose root and only child each name 10,000 organisations, half shared.
    fn intersected(consents: usize) -> Value {
        let mut v = base();
        v["consents"] = (0..consents)
            .map(|i| {
                consent(
                    i,
                    "cl-1",
                    json!({"effect": "permit", "actors": orgs(0, 10_000),
                    "provisions": [{"effect": "deny", "actors": orgs(5_000, 10_000)}]}),
                )
            })
            .collect();
        v
    }

    /// One consent with a 4 KiB id and `n` invalid provisions (250 children, the rest below them).
    fn invalid(n: usize) -> Value {
        let per_child = n / 250;
        let grandchildren: Vec<Value> = (0..per_child).map(|_| json!({"effect": "maybe", "roles": ["x y"]})).collect();
        let children: Vec<Value> = (0..250).map(|_| json!({"effect": "maybe", "provisions": grandchildren})).collect();
        let mut v = base();
        let mut c = consent(0, "cl-1", json!({"effect": "permit", "provisions": children}));
        c["id"] = json!("x".repeat(4096));
        v["consents"] = json!([c]);
        v
    }

    /// `n` clients with 100 representatives each, and a consent per client given by all of them.
    fn representatives(n: usize) -> Value {
        let reps: Vec<Value> = (0..100).map(|i| json!({"id": format!("rep-{i}"), "relation": "parent"})).collect();
        let names: Vec<String> = (0..100).rev().map(|i| format!("rep-{i}")).collect();
        let mut v = base();
        v["clients"] = (0..n)
            .map(|i| json!({"id": format!("cl-{i}"), "date_of_birth": "1950-01-01", "can_decide": true, "representatives": reps}))
            .collect();
        v["consents"] = (0..n)
            .map(|i| {
                let mut c = consent(i, &format!("cl-{i}"), json!({"effect": "permit", "roles": ["gp"]}));
                c["given_by"] = json!({"client": true, "representatives": names});
                c
            })
            .collect();
        v
    }

    /// `n` clients whose ids all hash to the same slot of the client table.
    fn colliding(n: usize) -> Value {
        let mask = (2 * n).next_power_of_two() as u64 - 1;
        let hash = |s: &str| Fnv1a64::new().bytes(s.as_bytes()).value();
        let ids = (0u64..).map(|i| format!("cl-{i}")).filter(|s| hash(s) & mask == 0).take(n);
        let mut v = base();
        v["clients"] = ids.map(|id| json!({"id": id, "date_of_birth": "1950-01-01", "can_decide": true})).collect();
        v
    }

    fn last_client(v: &Value) -> String {
        v["clients"].as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_owned()
    }

    fn measure(shape: &str, size: usize, v: &Value, recipient: &str) {
        let bytes = v.to_string().into_bytes();
        let client = last_client(v);
        CURRENT.store(0, Relaxed);
        PEAK.store(0, Relaxed);
        COUNTING.store(true, Relaxed);
        let t0 = Instant::now();
        let loaded = ConsentStore::from_json(&bytes);
        let load = t0.elapsed();
        COUNTING.store(false, Relaxed);
        let peak = PEAK.load(Relaxed);
        let (outcome, decide) = match &loaded {
            Ok(store) => {
                let req = request(&client, recipient);
                let rounds = 1_000;
                let t0 = Instant::now();
                for _ in 0..rounds {
                    black_box(store.decide(black_box(&req), day(900)).unwrap());
                }
                ("loaded".to_owned(), format!("{:.2} µs", t0.elapsed().as_secs_f64() * 1e6 / rounds as f64))
            }
            Err(e) => {
                let text: usize = e.problems().iter().map(|p| p.path.len() + p.reason.len()).sum();
                (format!("{} ({} problems, {text} bytes)", e.code(), e.problems().len()), "-".to_owned())
            }
        };
        println!(
            "{shape:<34} {size:>7} {:>9.2} MB {:>10.1} ms {:>9.1} MB  decide {decide:>10}  {outcome}",
            bytes.len() as f64 / MB,
            load.as_secs_f64() * 1e3,
            peak as f64 / MB,
        );
    }

    pub fn report() {
        println!("{:<34} {:>7} {:>12} {:>13} {:>12}", "shape", "size", "input", "load", "heap peak");
        for n in [1, 10, 100] {
            measure("consents × 10,000 actors", n, &actors(n), "org-5000");
        }
        for n in [1, 10, 100] {
            measure("consents × 10,000 inherited × 255", n, &inherited(n), "org-5000");
        }
        for n in [1, 10, 100] {
            measure("consents × 10,000 ∩ 10,000 actors", n, &intersected(n), "org-7000");
        }
        for n in [2_500, 25_000, 250_000] {
            measure("invalid provisions, 4 KiB id", n, &invalid(n), "org-a");
        }
        for n in [100, 1_000, 10_000] {
            measure("clients × 100 representatives", n, &representatives(n), "org-b");
        }
        for n in [1_000, 10_000] {
            measure("clients colliding in one slot", n, &colliding(n), "org-b");
        }
        // A request with long lists: read and decided.
        for n in [1_000, 10_000] {
            let mut r = serde_json::to_value(request("cl-1", "org-b")).unwrap();
            r["treatment_relationships"] = json!(orgs(0, n));
            r["agreements"] = (0..n.min(1_000))
                .map(|i| {
                    json!({"id": format!("ag-{i}"), "parties": orgs(i, n), "categories": ["medical"],
                                "purposes": ["direct_care"], "valid_from": "2026-01-01T00:00:00Z", "active": true})
                })
                .collect();
            let bytes = r.to_string().into_bytes();
            let t0 = Instant::now();
            let req = ConsentRequest::from_json(&bytes).unwrap();
            let read = t0.elapsed();
            let store = ConsentStore::from_json(base().to_string().as_bytes()).unwrap();
            let t0 = Instant::now();
            black_box(store.decide(&req, day(900)).unwrap());
            println!(
                "request, {n} relationships and parties: {:.2} MB read in {:.1} ms, decided in {:.1} µs",
                bytes.len() as f64 / MB,
                read.as_secs_f64() * 1e3,
                t0.elapsed().as_secs_f64() * 1e6
            );
        }
    }
}

/// Issue 12's floor: a hand-written check of the consent layer alone, beside `decide` on the same
/// store and requests, calls interleaved, so the ratio is read from one run. Per client a list of
/// flattened rules (each provision with its path's constraints, as wijknet compiled them before
/// it kept only each provision's own); per requested category the most specific counted rule
/// wins, a deny on a tie. What it leaves out, and wijknet does not: legal bases, withdrawn
/// consents, the other combining policies, specific consent for social-domain recipients, the
/// explanation. So its answers are not compared with wijknet's, only its cost.
mod floor {
    use std::collections::HashMap;

    use super::*;
    use wijknet::consent::{WhoDecides, who_decides};

    struct Rule {
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
        recorded_at: DateTime<Utc>,
        roles: u32,
        categories: u32,
        purposes: u32,
        actors: Option<Vec<String>>,
        specificity: u8,
        deny: bool,
        channel: Option<ConsentChannel>,
        by_client: bool,
        by_representative: bool,
    }

    struct Floor {
        clients: HashMap<String, (NaiveDate, bool, Vec<Rule>)>,
    }

    fn bits<T: wijknet::codes::Code>(set: Option<CodeSet<T>>) -> u32 {
        set.map_or(u32::MAX, |s| s.bits())
    }

    fn flatten(out: &mut Vec<Rule>, c: &ConsentRecord, p: &Provision, parent: &Rule) {
        let actors = match (&parent.actors, &p.actors) {
            (Some(a), Some(b)) => {
                Some(a.iter().filter(|x| b.iter().any(|y| y.as_str() == x.as_str())).cloned().collect())
            }
            (a, None) => a.clone(),
            (None, Some(b)) => Some(b.iter().map(|x| x.to_string()).collect()),
        };
        let (start, end) = match &p.period {
            Some(q) => (
                parent.start.max(q.start),
                match (parent.end, q.end) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                },
            ),
            None => (parent.start, parent.end),
        };
        let rule = Rule {
            start,
            end,
            recorded_at: c.recorded_at,
            roles: parent.roles & bits(p.roles),
            categories: parent.categories & bits(p.categories),
            purposes: parent.purposes & bits(p.purposes),
            specificity: parent.specificity + p.specificity(),
            actors,
            deny: p.effect == ConsentEffect::Deny,
            channel: Some(c.scope),
            by_client: c.given_by.client,
            by_representative: !c.given_by.representatives.is_empty(),
        };
        for child in &p.provisions {
            flatten(out, c, child, &rule);
        }
        out.push(rule);
    }

    impl Floor {
        fn new(doc: &StoreDocument) -> Self {
            let mut clients: HashMap<String, (NaiveDate, bool, Vec<Rule>)> =
                doc.clients.iter().map(|c| (c.id.to_string(), (c.date_of_birth, c.can_decide, Vec::new()))).collect();
            for c in doc.consents.iter().filter(|c| c.status == ConsentRecordStatus::Active) {
                let root = Rule {
                    start: c.period.start,
                    end: c.period.end,
                    recorded_at: c.recorded_at,
                    roles: u32::MAX,
                    categories: u32::MAX,
                    purposes: u32::MAX,
                    actors: None,
                    specificity: 0,
                    deny: false,
                    channel: None,
                    by_client: false,
                    by_representative: false,
                };
                let rules = &mut clients.get_mut(c.client.as_str()).unwrap().2;
                flatten(rules, c, &c.provision, &root);
            }
            for o in doc.objections.iter().filter(|o| o.status == ConsentRecordStatus::Active) {
                clients.get_mut(o.client.as_str()).unwrap().2.push(Rule {
                    start: o.period.start,
                    end: o.period.end,
                    recorded_at: o.recorded_at,
                    roles: bits(o.roles),
                    categories: bits(o.categories),
                    purposes: bits(o.purposes),
                    actors: o.actors.as_ref().map(|a| a.iter().map(|x| x.to_string()).collect()),
                    specificity: o.specificity(),
                    deny: true,
                    channel: None,
                    by_client: o.made_by.client,
                    by_representative: !o.made_by.representatives.is_empty(),
                });
            }
            Self { clients }
        }

        /// The permitted categories, as bits.
        fn check(&self, r: &ConsentRequest, at: DateTime<Utc>) -> u32 {
            let Some((dob, can_decide, rules)) = self.clients.get(r.client.as_str()) else {
                return 0;
            };
            let who = who_decides(*dob, *can_decide, at);
            let (role, purpose) = (1 << r.recipient.role.index(), 1 << r.purpose.index());
            let org = r.recipient.organisation_str();
            let mut best = [(0u8, false, false); DataCategory::COUNT];
            for rule in rules {
                let counted = if rule.deny {
                    rule.by_client || (rule.by_representative && who != WhoDecides::Client)
                } else {
                    match who {
                        WhoDecides::Client => rule.by_client,
                        WhoDecides::Representative => rule.by_representative,
                        WhoDecides::ClientAndRepresentative => rule.by_client && rule.by_representative,
                    }
                };
                if !counted
                    || rule.recorded_at > at
                    || at < rule.start
                    || rule.end.is_some_and(|e| at >= e)
                    || rule.roles & role == 0
                    || rule.purposes & purpose == 0
                    || rule.channel.is_some_and(|c| c != r.channel)
                    || rule.actors.as_ref().is_some_and(|a| !a.iter().any(|x| x == org))
                {
                    continue;
                }
                let mut cats = rule.categories & r.categories.bits();
                while cats != 0 {
                    let b = &mut best[cats.trailing_zeros() as usize];
                    cats &= cats - 1;
                    if !b.2 || rule.specificity > b.0 || (rule.specificity == b.0 && rule.deny) {
                        *b = (rule.specificity, rule.deny, true);
                    }
                }
            }
            best.iter().enumerate().filter(|(_, b)| b.2 && !b.1).map(|(i, _)| 1u32 << i).sum()
        }
    }

    /// `decide` and the floor on the same requests, alternating call by call; medians, p99s and
    /// their ratios.
    pub(super) fn report(doc: &StoreDocument, store: &ConsentStore, reqs: &[(ConsentRequest, DateTime<Utc>)]) {
        let floor = Floor::new(doc);
        let n = 100_000;
        for i in 0..20_000 {
            let (r, at) = &reqs[i % reqs.len()];
            black_box(floor.check(r, *at));
            black_box(store.decide(r, *at).unwrap());
        }
        for round in 0..3 {
            let (mut w, mut f) = (vec![0u64; n], vec![0u64; n]);
            for i in 0..n {
                let (r, at) = &reqs[(round * n + i) % reqs.len()];
                black_box(touch(r));
                let t0 = Instant::now();
                black_box(store.decide(black_box(r), *at).unwrap());
                w[i] = t0.elapsed().as_nanos() as u64;
                black_box(touch(r));
                let t0 = Instant::now();
                black_box(floor.check(black_box(r), *at));
                f[i] = t0.elapsed().as_nanos() as u64;
            }
            let ((wm, wp), (fm, fp)) = (percentiles(&mut w), percentiles(&mut f));
            let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
            println!(
                "decide vs floor (consent layer alone), round {round}: wijknet {wm}/{wp} ns, floor {fm}/{fp} ns (median/p99); \
                 ratio {:.2} / {:.2} [target <= 1.2]   (load average {})",
                wm as f64 / fm as f64,
                wp as f64 / fp as f64,
                load.split_whitespace().next().unwrap_or("?")
            );
        }
    }
}
