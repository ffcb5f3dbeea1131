//! The national registry (seed 42: about 4,800 organisations, 21,000 teams) as an mCSD Bundle:
//! import (parse + check + build the registry), export, and a `_history` Bundle of 100 capacity
//! changes applied to the national directory. Targets (issue 14): import <= 1 s, 100 changes
//! <= 5 ms. Besides criterion's estimates, each prints the median and p99 of individual runs,
//! wall time and on-CPU time (a shared machine inflates wall time; see `uptime`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use wijknet::Registry;
use wijknet_fhir::{BundleType, Directory, to_bundle, to_bundle_json};

/// Nanoseconds this thread has run on a CPU (Linux; 0 elsewhere).
fn on_cpu() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// Median and p99 of `runs` calls of `f`; what `f` returns is dropped after the clock stops.
fn percentiles<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) {
    let mut wall = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (t, c) = (Instant::now(), on_cpu());
        let out = black_box(f());
        cpu.push(Duration::from_nanos(on_cpu() - c));
        wall.push(t.elapsed());
        drop(out);
    }
    wall.sort();
    cpu.sort();
    let rank = |v: &[Duration], p: usize| v[(p * v.len()).div_ceil(100).max(1) - 1];
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{name}: {runs} runs, wall median {:?} p99 {:?}, on CPU median {:?} p99 {:?} (load average {})",
        rank(&wall, 50),
        rank(&wall, 99),
        rank(&cpu, 50),
        rank(&cpu, 99),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
}

/// A `_history` Bundle (newest first) of one capacity change for each of `n` teams spread over
/// the registry, each based on the team's current capacity version.
fn capacity_history(r: &Registry, bundle: &Value, n: usize) -> Vec<u8> {
    let services: std::collections::HashMap<&str, &Value> = bundle["entry"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "HealthcareService")
        .map(|r| (r["id"].as_str().expect("id"), r))
        .collect();
    let step = r.teams().len() / n;
    let mut entries: Vec<Value> = (0..n)
        .map(|k| {
            let i = k * step;
            let team = &r.teams()[i];
            let mut svc = services[team.id.as_str()].clone();
            let next = r.capacity(i as u32).version + 1;
            for ext in svc["extension"].as_array_mut().expect("extensions") {
                if ext["url"].as_str().is_some_and(|u| u.ends_with("/capacity")) {
                    ext["extension"] = json!([
                        {"url": "status", "valueCode": if k % 2 == 0 { "full" } else { "waitlist" }},
                        {"url": "updatedAt", "valueInstant": "2026-11-22T13:00:00Z"},
                        {"url": "version", "valueString": next.to_string()},
                    ]);
                }
            }
            svc["meta"] = json!({"versionId": next.to_string(), "lastUpdated": "2026-11-22T13:00:00Z"});
            let url = format!("HealthcareService/{}", team.id);
            json!({"resource": svc, "request": {"method": "PUT", "url": url}})
        })
        .collect();
    entries.reverse();
    json!({"resourceType": "Bundle", "type": "history", "entry": entries}).to_string().into_bytes()
}

fn benches(c: &mut Criterion) {
    let doc = wijknet_fixtures::national_doc(wijknet_fixtures::DEFAULT_SEED);
    let registry = Registry::from_doc(&doc).expect("national registry");
    let json = to_bundle_json(&registry, BundleType::Collection);
    println!(
        "national mCSD bundle: {} bytes, {} teams, {} organisations",
        json.len(),
        registry.teams().len(),
        registry.organisations().len()
    );

    let mut group = c.benchmark_group("fhir");
    group.sample_size(10);
    group.bench_function("import national mCSD bundle (parse + check + registry)", |b| {
        b.iter_with_large_drop(|| Directory::from_json(black_box(json.as_bytes())).expect("valid"))
    });
    group.bench_function("export national registry as an mCSD bundle (JSON text)", |b| {
        b.iter_with_large_drop(|| to_bundle_json(black_box(&registry), BundleType::Collection))
    });
    let directory = Directory::from_registry(&registry);
    let history = capacity_history(&registry, &to_bundle(&registry, BundleType::Collection), 100);
    let applied = directory.apply_history(&history).expect("applies");
    assert_eq!(applied.registry().version(), registry.version() + 100);
    group.bench_function("apply a _history bundle of 100 capacity changes (national)", |b| {
        b.iter_batched(
            || (),
            |()| directory.apply_history(black_box(&history)).expect("applies"),
            BatchSize::SmallInput,
        )
    });
    group.finish();

    percentiles("import national mCSD bundle", 10, || Directory::from_json(json.as_bytes()).expect("valid"));
    percentiles("apply _history of 100 capacity changes", 1_000, || {
        directory.apply_history(&history).expect("applies")
    });
}

criterion_group!(fhir, benches);
criterion_main!(fhir);
