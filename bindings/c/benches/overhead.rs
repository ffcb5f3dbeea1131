//! Overhead of the C entry points over direct core calls, on the same inputs in one run.
//!
//! `match_typed`: the host's hot path — request JSON in, typed result handle out, summary and
//! every candidate read through the accessors, handle freed — against `MatchRequest::from_json`
//! + `match_request` + reading the same fields in Rust. Target: at most 1 µs extra.
//!
//! `consent_typed`: `wijknet_consent_check` (typed query in, bitmasks out) against building the
//! same `ConsentRequest` from the same texts and codes in Rust + `ConsentStore::decide` +
//! reading the same bits. Target: at most 100 ns extra.
//!
//! Criterion reports the medians of each pair; afterwards a plain timing loop (benches may read
//! the clock, the core may not) prints median and p99 of single calls and the differences.
//! Run: `cargo bench -p wijknet-c --bench overhead`.

use std::ffi::c_char;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use wijknet::consent::{wijknet_consent_answer, wijknet_consent_request, wijknet_consent_store};
use wijknet::matching::{wijknet_candidate, wijknet_match_result, wijknet_match_summary};
use wijknet::{agreements as cagr, matching as cm, registry as creg, wijknet_result};
use wijknet::{consent as ccon, wijknet_str};
use wijknet_core::Id;
use wijknet_core::Registry;
use wijknet_core::agreements::Agreements;
use wijknet_core::consent::{
    CombiningPolicy, ConsentChannel, ConsentOutcome, ConsentRequest, ConsentStore, DataCategory, Party, Purpose,
    RecipientRole,
};
use wijknet_core::matching::{MatchOptions, MatchRequest, match_request, match_with};

const NOW: i64 = 1_795_341_600; // 2026-11-22T10:00:00Z
const REQUEST: &str =
    r#"{"location":"7511AA","care_types":["personal_care"],"desired_start":"2026-11-23","latest_start":"2026-12-01"}"#;
const REQUEST_REGION: &str = r#"{"location":"7511AA","care_types":["nursing","wound_care"]}"#;

fn vectors(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The consent question of vector 01, as typed values.
const CLIENT: &str = "cl-1001";
const DISCLOSER: &str = "org-welzijn";
const RECIPIENT: &str = "org-gp-1";
const CONSENT_AT: i64 = 1_772_359_200; // 2026-03-01T10:00:00Z

struct ConsentFixture {
    store: ConsentStore,
    c_store: *mut wijknet_consent_store,
    categories: u32,
}

impl ConsentFixture {
    fn new() -> Self {
        let vector: serde_json::Value =
            serde_json::from_slice(&vectors("consent/01_social_worker_informs_gp.json")).unwrap();
        let text = vector["store"].to_string();
        let store = ConsentStore::from_json(text.as_bytes()).unwrap();
        let mut c_store = std::ptr::null_mut();
        let rc = unsafe { ccon::wijknet_consent_store_from_json(text.as_ptr().cast(), text.len(), &mut c_store) };
        assert_eq!(rc, wijknet_result::Ok);
        let categories = (1 << DataCategory::SocialWmo.index()) | (1 << DataCategory::Medical.index());
        Self { store, c_store, categories }
    }

    /// Direct Rust from the same texts and codes: build the request, decide, read the bits.
    fn rust(&self) -> u32 {
        let req = ConsentRequest {
            client: Id::parse(CLIENT).unwrap(),
            discloser: Party {
                organisation: Some(Id::parse(DISCLOSER).unwrap()),
                role: RecipientRole::WelfareOrganisation,
                kind: None,
            },
            recipient: Party { organisation: Some(Id::parse(RECIPIENT).unwrap()), role: RecipientRole::Gp, kind: None },
            purpose: Purpose::CareCoordination,
            categories: DataCategory::ALL.iter().copied().filter(|c| self.categories & (1 << c.index()) != 0).collect(),
            channel: ConsentChannel::Direct,
            data_form: None,
            policy: CombiningPolicy::MostSpecificWins,
            emergency: None,
            treatment_relationships: Vec::new(),
            agreements: Vec::new(),
        };
        let d = self.store.decide(&req, chrono::DateTime::from_timestamp(CONSENT_AT, 0).unwrap()).unwrap();
        d.iter().filter(|(_, c)| c.outcome == ConsentOutcome::Permit).map(|(c, _)| 1u32 << c.index()).sum()
    }

    /// Through the C ABI.
    fn c(&self) -> u32 {
        let s = |t: &'static str| wijknet_str { ptr: t.as_ptr().cast(), len: t.len() };
        let q = wijknet_consent_request {
            client: s(CLIENT),
            discloser: s(DISCLOSER),
            discloser_role: u32::from(RecipientRole::WelfareOrganisation.index()),
            recipient: s(RECIPIENT),
            recipient_role: u32::from(RecipientRole::Gp.index()),
            purpose: u32::from(Purpose::CareCoordination.index()),
            categories: self.categories,
            channel: 0,
            policy: 0,
            emergency: false,
            emergency_reason: 0,
            treatment_relationships: std::ptr::null(),
            treatment_relationship_count: 0,
            at_unix_seconds: CONSENT_AT,
            data_form_given: false,
            data_form: 0,
            discloser_kind_given: false,
            discloser_kind: 0,
            recipient_kind_given: false,
            recipient_kind: 0,
        };
        let mut a = std::mem::MaybeUninit::<wijknet_consent_answer>::uninit();
        let rc = unsafe { ccon::wijknet_consent_check(self.c_store, std::ptr::null(), &q, a.as_mut_ptr()) };
        assert_eq!(rc, wijknet_result::Ok);
        unsafe { a.assume_init() }.permitted
    }
}

impl Drop for ConsentFixture {
    fn drop(&mut self) {
        unsafe { ccon::wijknet_consent_store_free(self.c_store) };
    }
}

struct Fixture {
    registry: Registry,
    region: Registry,
    agreements: Agreements,
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
        let agreements = Agreements::from_json(&agr, &region_reg).unwrap();
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
            let (registry, agreements, request) = if with_agreements {
                (self.c_region, self.c_agreements, REQUEST_REGION)
            } else {
                (self.c_registry, std::ptr::null_mut(), REQUEST)
            };
            let rc = cm::wijknet_match(
                registry,
                agreements,
                request.as_ptr() as *const c_char,
                request.len(),
                NOW,
                72,
                &mut res,
            );
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

/// Median and p99 of the mean per call over `n` batches of `batch` calls of each side, in
/// nanoseconds (`batch` 1: single calls). The batches alternate, so both sides see the same
/// machine load, caches and clock frequency.
fn batched(n: usize, batch: usize, mut rust: impl FnMut() -> usize, mut c: impl FnMut() -> usize) -> [(f64, f64); 2] {
    let mut times = [Vec::with_capacity(n), Vec::with_capacity(n)];
    for i in 0..2 * n {
        let side = i % 2;
        let t = Instant::now();
        for _ in 0..batch {
            black_box(if side == 0 { rust() } else { c() });
        }
        times[side].push(t.elapsed());
    }
    times.map(|mut t: Vec<Duration>| {
        t.sort();
        let per_call = |d: Duration| d.as_nanos() as f64 / batch as f64;
        (per_call(t[n / 2]), per_call(t[n * 99 / 100]))
    })
}

fn main() {
    let fx = Fixture::new();
    assert_eq!(fx.rust_match(false), fx.c_match(false), "both paths read the same answer");
    assert_eq!(fx.rust_match(true), fx.c_match(true), "both paths read the same answer");

    let cx = ConsentFixture::new();
    assert_eq!(cx.rust(), cx.c(), "both consent paths permit the same categories");
    assert_ne!(cx.rust(), 0, "vector 01 permits social data");

    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("consent_typed");
        g.bench_function("rust", |b| b.iter(|| cx.rust()));
        g.bench_function("c_api", |b| b.iter(|| cx.c()));
        g.finish();
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
    println!("\nsingle calls, alternating ({N}+ each; ns)        median      p99");
    for _ in 0..20_000 {
        black_box(cx.rust());
        black_box(cx.c());
    }
    let [(rm, rp), (cm, cp)] = batched(N * 5, 1, || cx.rust() as usize, || cx.c() as usize);
    println!("{:<28} rust   {rm:>10.0} {rp:>8.0}", "consent_typed");
    println!("{:<28} c_api  {cm:>10.0} {cp:>8.0}", "consent_typed");
    println!("{:<28} extra  {:>10.0} {:>8.0}", "consent_typed", cm - rm, cp - rp);
    // The clock steps by about 10 ns here, as much as the difference looked for: batches of
    // calls, alternating, give the median per call to a nanosecond.
    let [(rb, _), (cb, _)] = batched(N, 32, || cx.rust() as usize, || cx.c() as usize);
    println!("{:<28} rust   {rb:>10.1}  (median of batches of 32, per call)", "consent_typed");
    println!("{:<28} c_api  {cb:>10.1}", "consent_typed");
    println!("{:<28} extra  {:>10.1}", "consent_typed", cb - rb);
    for (name, agreements) in [("match_typed", false), ("match_with_agreements_typed", true)] {
        for _ in 0..2_000 {
            black_box(fx.rust_match(agreements));
            black_box(fx.c_match(agreements));
        }
        let [(rm, rp), (cm, cp)] = batched(N, 1, || fx.rust_match(agreements), || fx.c_match(agreements));
        println!("{name:<28} rust   {rm:>10.0} {rp:>8.0}");
        println!("{name:<28} c_api  {cm:>10.0} {cp:>8.0}");
        println!("{name:<28} extra  {:>10.0} {:>8.0}", cm - rm, cp - rp);
    }
}
