//! Overhead of the C entry points over direct core calls, on the same inputs in one run.
//!
//! `match_typed`: the host's hot path — request JSON in, typed result handle out, summary and
//! every candidate read through the accessors, handle freed — against `MatchRequest::from_json`
//! + `match_request` + reading the same fields in Rust. Target: at most 1 µs extra.
//!
//! Criterion reports the medians of each pair; afterwards a plain timing loop (benches may read
//! the clock, the core may not) prints median and p99 of single calls and the differences.
//! Run: `cargo bench -p wijknet-c --bench overhead`.

use std::ffi::c_char;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use wijknet::matching::{wijknet_candidate, wijknet_match_result, wijknet_match_summary};
use wijknet::{agreements as cagr, matching as cm, registry as creg, wijknet_result};
use wijknet_core::Registry;
use wijknet_core::agreements::AgreementSet;
use wijknet_core::matching::{MatchOptions, MatchRequest, match_request, match_with};

const NOW: i64 = 1_795_341_600; // 2026-11-22T10:00:00Z
const REQUEST: &str =
    r#"{"location":"7511AA","care_types":["personal_care"],"desired_start":"2026-11-23","latest_start":"2026-12-01"}"#;
const REQUEST_REGION: &str = r#"{"location":"7511AA","care_types":["nursing","wound_care"]}"#;

fn vectors(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

struct Fixture {
    registry: Registry,
    region: Registry,
    agreements: AgreementSet,
    c_registry: *mut creg::wijknet_registry,
    c_region: *mut creg::wijknet_registry,
    c_agreements: *mut cagr::wijknet_agreements,
    options: MatchOptions,
}

impl Fixture {
    fn new() -> Self {
        let (basic, region, agr) = (
            vectors("registries/basic.json"),
            vectors("registries/region.json"),
            vectors("registries/region.agreements.json"),
        );
        let registry = Registry::from_json(&basic).unwrap();
        let region_reg = Registry::from_json(&region).unwrap();
        let agreements = AgreementSet::from_json(&agr, &region_reg).unwrap();
        let (mut c_registry, mut c_region, mut c_agreements) =
            (std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
        unsafe {
            let ok = wijknet_result::Ok;
            assert_eq!(creg::wijknet_registry_from_json(basic.as_ptr().cast(), basic.len(), &mut c_registry), ok);
            assert_eq!(creg::wijknet_registry_from_json(region.as_ptr().cast(), region.len(), &mut c_region), ok);
            assert_eq!(
                cagr::wijknet_agreements_from_json(c_region, agr.as_ptr().cast(), agr.len(), &mut c_agreements),
                ok
            );
        }
        Self {
            registry,
            region: region_reg,
            agreements,
            c_registry,
            c_region,
            c_agreements,
            options: MatchOptions::at(chrono::DateTime::from_timestamp(NOW, 0).unwrap()),
        }
    }

    /// Direct Rust: parse, match, read what a host reads.
    fn rust_match(&self, with_agreements: bool) -> usize {
        let request =
            MatchRequest::from_json(if with_agreements { REQUEST_REGION } else { REQUEST }.as_bytes()).unwrap();
        let result = if with_agreements {
            match_with(&self.region, &self.agreements, &request, &self.options).unwrap()
        } else {
            match_request(&self.registry, &request, &self.options).unwrap()
        };
        let mut sum = result.candidates.len() + result.excluded.len();
        for c in &result.candidates {
            sum += c.rank as usize + c.team.as_str().len() + c.organisation.as_str().len() + c.flags.bits() as usize;
            black_box(c.possible_start);
        }
        sum
    }

    /// Through the C ABI: the same work, as a C host does it.
    fn c_match(&self, with_agreements: bool) -> usize {
        unsafe {
            let mut res: *mut wijknet_match_result = std::ptr::null_mut();
            let rc = if with_agreements {
                cm::wijknet_match_with_agreements(
                    self.c_region,
                    self.c_agreements,
                    REQUEST_REGION.as_ptr() as *const c_char,
                    REQUEST_REGION.len(),
                    NOW,
                    72,
                    &mut res,
                )
            } else {
                cm::wijknet_match(self.c_registry, REQUEST.as_ptr() as *const c_char, REQUEST.len(), NOW, 72, &mut res)
            };
            assert_eq!(rc, wijknet_result::Ok);
            let mut s = std::mem::MaybeUninit::<wijknet_match_summary>::uninit();
            cm::wijknet_match_result_summary(res, s.as_mut_ptr());
            let s = s.assume_init();
            let mut sum = s.candidate_count + s.exclusion_count;
            for i in 0..s.candidate_count {
                let mut c = std::mem::MaybeUninit::<wijknet_candidate>::uninit();
                cm::wijknet_match_result_candidate(res, i, c.as_mut_ptr());
                let c = c.assume_init();
                sum += c.rank as usize + c.team.len + c.organisation.len + c.flags as usize;
                black_box(c.possible_start);
            }
            cm::wijknet_match_result_free(res);
            sum
        }
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        unsafe {
            cagr::wijknet_agreements_free(self.c_agreements);
            creg::wijknet_registry_free(self.c_region);
            creg::wijknet_registry_free(self.c_registry);
        }
    }
}

/// Median and p99 of `n` single calls, in nanoseconds.
fn percentiles(n: usize, mut f: impl FnMut() -> usize) -> (f64, f64) {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    let ns = |d: Duration| d.as_nanos() as f64;
    (ns(times[n / 2]), ns(times[n * 99 / 100]))
}

fn main() {
    let fx = Fixture::new();
    assert_eq!(fx.rust_match(false), fx.c_match(false), "both paths read the same answer");
    assert_eq!(fx.rust_match(true), fx.c_match(true), "both paths read the same answer");

    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("match_typed");
        g.bench_function("rust", |b| b.iter(|| fx.rust_match(false)));
        g.bench_function("c_api", |b| b.iter(|| fx.c_match(false)));
        g.finish();
        let mut g = c.benchmark_group("match_with_agreements_typed");
        g.bench_function("rust", |b| b.iter(|| fx.rust_match(true)));
        g.bench_function("c_api", |b| b.iter(|| fx.c_match(true)));
        g.finish();
    }
    c.final_summary();

    // Single-call distribution, interleaved in blocks so drift hits both sides alike.
    const N: usize = 20_000;
    println!("\nsingle calls ({N} each; nanoseconds)        median      p99");
    for (name, agreements) in [("match_typed", false), ("match_with_agreements_typed", true)] {
        for _ in 0..2_000 {
            black_box(fx.rust_match(agreements));
            black_box(fx.c_match(agreements));
        }
        let (rm, rp) = percentiles(N, || fx.rust_match(agreements));
        let (cm, cp) = percentiles(N, || fx.c_match(agreements));
        println!("{name:<28} rust   {rm:>10.0} {rp:>8.0}");
        println!("{name:<28} c_api  {cm:>10.0} {cp:>8.0}");
        println!("{name:<28} extra  {:>10.0} {:>8.0}", cm - rm, cp - rp);
    }
}
