//! Times one import of the national registry as an mCSD Bundle (for a profiler: `perf record`).
use wijknet::Registry;
use wijknet_fhir::{BundleType, Directory, to_bundle_json};

/// Nanoseconds this thread has run on a CPU (Linux), so a loaded machine does not count.
fn on_cpu() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn main() {
    let doc = wijknet_fixtures::national_doc(wijknet_fixtures::DEFAULT_SEED);
    let r = Registry::from_doc(&doc).expect("national registry");
    let json = to_bundle_json(&r, BundleType::Collection);
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    for _ in 0..n {
        let (t, c) = (std::time::Instant::now(), on_cpu());
        let node = wijknet_fhir::json::parse(json.as_bytes(), "Bundle", "x").unwrap();
        let (parsed, parsed_cpu) = (t.elapsed(), on_cpu() - c);
        let d = Directory::from_node(node).unwrap();
        let cpu = on_cpu() - c;
        println!(
            "parse {parsed:?} ({} ms on CPU), total {:?} ({} ms on CPU), teams {}",
            parsed_cpu / 1_000_000,
            t.elapsed(),
            cpu / 1_000_000,
            d.registry().teams().len()
        );
    }
}
