//! Matching side by side, in one process, on the same data: wijknet with full explanations,
//! wijknet with the collaboration agreements, a hand-written floor and SQLite.
//!
//! The point is ratios measured in one run, not absolute times: on a shared 2-vCPU machine the
//! wall time of a call moves with the neighbours' load, but the four contenders are timed call by
//! call, interleaved (request `i` runs them in an order rotated by `i`), so every contender sees
//! the same noise. Each size prints p50/p99 per contender, the ratios the targets are
//! written in, and how many answers disagree.
//!
//! - **wijknet** — `match_request`: every team touching the client's PC4 (plus the teams of
//!   named providers) evaluated, eligible ones ranked, every other one with its exclusion reason.
//! - **wijknet + agreements** — `match_with` and the national agreements (night rotations,
//!   subcontracting, shared specialist teams, coordination points). Its answers legitimately
//!   differ (more teams can take the client), so it is timed, not cross-checked.
//! - **floor** — a plain Rust filter and sort over a compact team table applying the same rules,
//!   without exclusion reasons: the least a matcher has to do. It lives here, not in the library.
//! - **SQLite** — the registry as tables (a team table with the rule data as bitmasks, a covering
//!   `(pc4, team)` index, street lists) and one prepared query with the same rules and order.
//!
//! The eligible team ids, in rank order, of wijknet, the floor and SQLite are compared for every
//! request before timing; disagreements are printed (and the first few shown).
//!
//! Each size also prints wijknet's and the floor's p50 by how many teams of named providers away
//! from the client's PC4 a request examines: wijknet lists those teams as exclusions, the floor
//! never looks at them, and those requests make wijknet's p99.
//!
//! Run: `cargo run --release -p wijknet-bench -- [SCALE ...] [--requests N] [--load]`, scales as
//! fractions of the national registry (default `0.25 1 2`); `--load` also reports loading the
//! registry from JSON (time and heap, from a counting allocator), `--load-only` reports only
//! that; `--only K` runs contender K alone for a profiler.

use std::cmp::Reverse;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::Datelike;
use rusqlite::{Connection, params};
use wijknet::agreements::Agreements;
use wijknet::matching::{MatchOptions, MatchRequest, StartWindow, match_request, match_with};
use wijknet::{CapacityStatus, CareType, Location, OrganisationKind, Pc4, Pc6, Registry};
use wijknet_fixtures::alloc::{self, CountingAlloc};
use wijknet_fixtures::{
    DEFAULT_SEED, TARGET_ORGANISATIONS, TARGET_TEAMS, national_agreements, national_registry_sized, national_requests,
    pc4_csv, reference_now,
};

fn main() {
    let mut scales: Vec<f64> = Vec::new();
    let mut n_requests = 20_000;
    // `--only K`: contender K alone (0 wijknet, 1 with agreements, 2 floor, 3 SQLite), ten passes
    // over the requests and no report, for a profiler (`perf record`).
    let mut only: Option<usize> = None;
    // `--load`: also time loading the registry from its JSON (median of 7) with its heap peak.
    let mut load = false;
    // `--load-only`: the load report alone (no matching), e.g. for a profiler.
    let mut load_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => {}
            "--requests" => n_requests = args.next().and_then(|s| s.parse().ok()).expect("--requests N"),
            "--load" => load = true,
            "--load-only" => (load, load_only) = (true, true),
            "--only" => only = Some(args.next().and_then(|s| s.parse().ok()).expect("--only 0|1|2|3")),
            s => scales.push(s.parse().expect("a scale such as 0.25, 1 or 2")),
        }
    }
    if scales.is_empty() {
        scales = vec![0.25, 1.0, 2.0];
    }
    println!("wijknet-bench: {} (seed {DEFAULT_SEED}), {n_requests} requests per size", machine());
    for scale in scales {
        if load {
            load_report(scale);
        }
        if !load_only {
            run(scale, n_requests, only);
        }
    }
    println!("load average at the end: {}", load_average());
}

fn run(scale: f64, n_requests: usize, only: Option<usize>) {
    let doc = national_registry_sized(
        pc4_csv(),
        DEFAULT_SEED,
        (TARGET_TEAMS as f64 * scale) as usize,
        (TARGET_ORGANISATIONS as f64 * scale) as usize,
    );
    let registry = Registry::from_doc(&doc).expect("generated registries are valid");
    let agreements =
        Agreements::from_doc(&national_agreements(&doc, DEFAULT_SEED), &registry).expect("generated agreements");
    let requests: Vec<MatchRequest> = national_requests(&doc, 1, n_requests)
        .iter()
        .map(|d| MatchRequest::from_doc(d).expect("generated requests are valid"))
        .collect();
    drop(doc);
    let options = MatchOptions::at(reference_now());
    let floor = Floor::build(&registry);
    let started = Instant::now();
    let sql = Sql::build(&floor);
    let sql_build = started.elapsed();

    println!();
    println!(
        "== {scale}x national: {} organisations, {} teams; {} agreements; SQLite tables built in {:.0} ms",
        registry.organisations().len(),
        registry.teams().len(),
        agreements.agreements().len(),
        sql_build.as_secs_f64() * 1e3
    );

    if let Some(which) = only {
        let mut rows = Vec::new();
        let (wall, cpu) = (Instant::now(), on_cpu_ns());
        for _ in 0..10 {
            for r in &requests {
                match which {
                    0 => drop(black_box(match_request(&registry, r, &options))),
                    1 => drop(black_box(match_with(&registry, &agreements, r, &options))),
                    2 => drop(black_box(floor.answer(r, &options))),
                    _ => sql.answer(&floor, r, &options, &mut rows),
                }
            }
        }
        let calls = 10.0 * requests.len() as f64;
        println!(
            "contender {which} alone: {:.2} µs wall, {:.2} µs on-CPU per call",
            wall.elapsed().as_secs_f64() * 1e6 / calls,
            on_cpu_ns().zip(cpu).map_or(f64::NAN, |(end, start)| (end - start) as f64 / 1e3 / calls)
        );
        return;
    }

    // Warm-up and cross-check, untimed.
    let (mut examined, mut found, mut floor_wrong, mut sql_wrong) = (0usize, 0usize, 0usize, 0usize);
    let mut shown = 0;
    let mut rows = Vec::new();
    // Per request, its bucket of `AWAY_BUCKETS` by the teams it examines that do not touch its
    // PC4 (teams of the providers it names): what wijknet lists and the floor never sees.
    let mut away_bucket = Vec::with_capacity(requests.len());
    for (i, r) in requests.iter().enumerate() {
        let res = match_request(&registry, r, &options).expect("matches");
        examined += res.candidates.len() + res.excluded.len();
        let touching = floor.by_pc4[(r.location.pc4().get() - Pc4::MIN) as usize].len();
        let away = (res.candidates.len() + res.excluded.len()).saturating_sub(touching);
        away_bucket
            .push(AWAY_BUCKETS.iter().position(|&(_, most)| away <= most).expect("the last bucket has no bound"));
        found += usize::from(!res.candidates.is_empty());
        let want: Vec<u32> =
            res.candidates.iter().map(|c| registry.team_index(c.team.as_str()).expect("known")).collect();
        let from_floor = floor.answer(r, &options);
        sql.answer(&floor, r, &options, &mut rows);
        for (name, got, wrong) in [("floor", &from_floor, &mut floor_wrong), ("SQLite", &rows, &mut sql_wrong)] {
            if *got != want {
                *wrong += 1;
                if shown < 5 {
                    shown += 1;
                    println!("  disagreement ({name}) on request {i}: wijknet {want:?}, {name} {got:?}");
                }
            }
        }
        black_box(match_with(&registry, &agreements, r, &options).expect("matches"));
    }
    let n = requests.len();
    println!(
        "teams examined per request: {:.1} on average; {:.0}% of requests have a candidate",
        examined as f64 / n as f64,
        found as f64 * 100.0 / n as f64
    );
    println!("disagreements with wijknet (eligible team ids and order): floor {floor_wrong}, SQLite {sql_wrong}");
    println!("SQLite statement compiled again during the {n} warm-up queries: {} times", sql.reprepares());

    // Timed, interleaved: step i runs the four contenders in an order rotated by i, each on a
    // different request (contender k on request i + k n/4), so that no contender finds the
    // caches warmed by another one that has just examined the same teams; over the run each
    // contender answers every request once.
    //
    // A call during which the scheduler took the core away (the machine is shared: a time slice
    // is 4 ms here) measures the neighbours, not the call: the count of times this thread was
    // scheduled in (`/proc/thread-self/schedstat`, read outside the timed region) tells, and such
    // calls are left out of the percentiles and counted.
    let mut times: [Vec<Duration>; 4] = std::array::from_fn(|_| Vec::with_capacity(n));
    // wijknet's and the floor's times again, by the request's bucket of `AWAY_BUCKETS`.
    let mut by_away: Vec<[Vec<Duration>; 2]> = AWAY_BUCKETS.iter().map(|_| [Vec::new(), Vec::new()]).collect();
    let mut interrupted = [0usize; 4];
    for i in 0..n {
        for k in 0..4 {
            let which = (i + k) % 4;
            let ri = (i + which * n / 4) % n;
            let r = &requests[ri];
            let slices = timeslices();
            let t = Instant::now();
            match which {
                0 => drop(black_box(match_request(&registry, black_box(r), &options))),
                1 => drop(black_box(match_with(&registry, &agreements, black_box(r), &options))),
                2 => drop(black_box(floor.answer(black_box(r), &options))),
                _ => {
                    sql.answer(&floor, black_box(r), &options, &mut rows);
                    black_box(&rows);
                }
            }
            let elapsed = t.elapsed();
            if slices.is_some() && timeslices() != slices {
                interrupted[which] += 1;
            } else {
                times[which].push(elapsed);
                if which == 0 || which == 2 {
                    by_away[away_bucket[ri]][which / 2].push(elapsed);
                }
            }
        }
    }
    for t in &mut times {
        t.sort_unstable();
    }
    let p = |which: usize, q: f64| percentile(&times[which], q).as_secs_f64() * 1e6;
    let names = ["wijknet (full explanations)", "wijknet + agreements", "floor (filter + sort)", "SQLite"];
    for (which, name) in names.iter().enumerate() {
        println!(
            "  {name:<30} p50 {:>7.2} µs   p99 {:>7.2} µs   ({} calls interrupted by the scheduler left out)",
            p(which, 0.5),
            p(which, 0.99),
            interrupted[which]
        );
    }
    let ratio = |a: usize, b: usize, q: f64| p(a, q) / p(b, q);
    println!(
        "  ratios (p50 / p99): wijknet / floor {:.2} / {:.2} [target <= 2]; agreements / wijknet {:.2} / {:.2} \
         [target <= 1.3]; SQLite / wijknet {:.2} / {:.2} [target >= 6 at p50, national]",
        ratio(0, 2, 0.5),
        ratio(0, 2, 0.99),
        ratio(1, 0, 0.5),
        ratio(1, 0, 0.99),
        ratio(3, 0, 0.5),
        ratio(3, 0, 0.99)
    );
    // Where the p99 comes from: the requests naming providers with many teams elsewhere.
    for ((label, _), [w, f]) in AWAY_BUCKETS.iter().zip(&mut by_away) {
        if w.is_empty() || f.is_empty() {
            continue;
        }
        w.sort_unstable();
        f.sort_unstable();
        let (wm, fm) = (percentile(w, 0.5).as_secs_f64() * 1e6, percentile(f, 0.5).as_secs_f64() * 1e6);
        println!(
            "  requests examining {label:<5} teams of named providers away from the PC4: {:>6} calls, p50 wijknet {wm:>6.2} µs, floor {fm:>6.2} µs, ratio {:.2}",
            w.len(),
            wm / fm
        );
    }
    println!(
        "  per team examined (p50 / mean examined): wijknet {:.3} µs, floor {:.3} µs   (load average {})",
        p(0, 0.5) / (examined as f64 / n as f64),
        p(2, 0.5) / (examined as f64 / n as f64),
        load_average()
    );
}

/// Buckets of requests by the teams they examine away from the client's PC4 (teams of the
/// providers they name): label and the most such teams in the bucket.
const AWAY_BUCKETS: [(&str, usize); 4] = [("0", 0), ("1-10", 10), ("11-30", 30), (">30", usize::MAX)];

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Registry load from JSON bytes (parse, validate, index): median and max of 7, heap peak during
/// the first and heap kept by the registry.
fn load_report(scale: f64) {
    let doc = national_registry_sized(
        pc4_csv(),
        DEFAULT_SEED,
        (TARGET_TEAMS as f64 * scale) as usize,
        (TARGET_ORGANISATIONS as f64 * scale) as usize,
    );
    let json = serde_json::to_vec(&doc).expect("serialises");
    drop(doc);
    let before = alloc::reset_peak();
    let t = Instant::now();
    let registry = Registry::from_json(&json).expect("valid");
    let mut times = vec![t.elapsed()];
    let (peak, kept) = (alloc::peak() - before, alloc::in_use() - before);
    drop(registry);
    for _ in 0..6 {
        let t = Instant::now();
        let r = Registry::from_json(black_box(&json));
        times.push(t.elapsed());
        drop(black_box(r));
    }
    times.sort_unstable();
    let mb = |b: usize| b as f64 / (1024.0 * 1024.0);
    println!();
    println!(
        "== load {scale}x: {:.1} MB of JSON; load + validate + index median {:.0} ms, max {:.0} ms (7 runs) \
         [target <= 150 ms]; heap peak {:.1} MB [target <= 40 MB], kept {:.1} MB   (load average {})",
        mb(json.len()),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        mb(peak),
        mb(kept),
        load_average()
    );
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`): does not grow while the
/// process waits for a core, unlike wall time.
fn on_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

/// How many times this thread has been scheduled onto a CPU (Linux `schedstat`, third field).
fn timeslices() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().nth(2)?.parse().ok()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    format!("{cpus} CPUs, load average {}", load_average())
}

/// One team as the floor and SQLite see it: every rule's data as integers and bitmasks.
#[derive(Debug, Clone)]
struct FlatTeam {
    org: u32,
    care: u32,
    level: u8,
    times: u32,
    langs: u32,
    /// Bit per insurer the organisation contracts with; `u64::MAX` for an insurer's own team.
    contracts: u64,
    status: CapacityStatus,
    /// Days since the common era; `None` when the team gives no earliest start.
    earliest: Option<i32>,
    /// Care types with zero free places.
    zero_free: u32,
    updated_us: i64,
    /// Position of the team id in byte order: the last tie-break as an integer.
    id_rank: u32,
    pc6_include: Vec<Pc6>,
    pc6_exclude: Vec<Pc6>,
}

/// The hand-written floor: a team table, a PC4 -> (team, covers the whole PC4) index, filter and
/// sort. No exclusion reasons, no allocation beyond the answer and its sort buffer.
#[derive(Debug)]
struct Floor {
    teams: Vec<FlatTeam>,
    /// Per PC4 (minus 1000): the teams touching it and whether they cover it as a whole.
    by_pc4: Vec<Vec<(u32, bool)>>,
    insurer_bit: std::collections::HashMap<String, u64>,
    org_index: std::collections::HashMap<String, u32>,
}

impl Floor {
    fn build(registry: &Registry) -> Self {
        let orgs = registry.organisations();
        let insurers: Vec<&str> =
            orgs.iter().filter(|o| o.kind == OrganisationKind::Insurer).map(|o| o.id.as_str()).collect();
        assert!(insurers.len() <= 64, "the floor keeps contracts as a 64-bit mask");
        let insurer_bit: std::collections::HashMap<String, u64> =
            insurers.iter().enumerate().map(|(i, id)| ((*id).to_owned(), 1u64 << i)).collect();
        let org_index: std::collections::HashMap<String, u32> =
            orgs.iter().enumerate().map(|(i, o)| (o.id.as_str().to_owned(), i as u32)).collect();
        let mut by_id: Vec<u32> = (0..registry.teams().len() as u32).collect();
        by_id.sort_by(|a, b| registry.teams()[*a as usize].id.as_str().cmp(registry.teams()[*b as usize].id.as_str()));
        let mut id_rank = vec![0u32; by_id.len()];
        for (rank, t) in by_id.iter().enumerate() {
            id_rank[*t as usize] = rank as u32;
        }
        let mut by_pc4 = vec![Vec::new(); 9000];
        let mut teams = Vec::with_capacity(registry.teams().len());
        for (t, team) in registry.teams().iter().enumerate() {
            let org = registry.team_organisation(t as u32);
            let org_pos = org_index.get(org.id.as_str());
            let cap = registry.capacity(t as u32);
            let contracts = if org.kind == OrganisationKind::Insurer {
                u64::MAX
            } else {
                org.contracted_insurers.iter().filter_map(|i| insurer_bit.get(i.as_str())).fold(0, |a, b| a | b)
            };
            let zero_free = CareType::ALL
                .iter()
                .filter(|c| cap.free_places.get(**c) == Some(0))
                .fold(0u32, |a, c| a | 1 << c.index());
            teams.push(FlatTeam {
                org: *org_pos.expect("the team's organisation"),
                care: team.care_types.bits(),
                level: team.max_nurse_level.index(),
                times: team.times_of_day.bits(),
                langs: team.languages.bits(),
                contracts,
                status: cap.status,
                earliest: cap.earliest_start.map(|d| d.num_days_from_ce()),
                zero_free,
                updated_us: cap.updated_at.timestamp_micros(),
                id_rank: id_rank[t],
                pc6_include: team.area.pc6_include.clone(),
                pc6_exclude: team.area.pc6_exclude.clone(),
            });
            let covered = team.area.covered_pc4();
            for p in covered.iter() {
                by_pc4[(p.get() - Pc4::MIN) as usize].push((t as u32, true));
            }
            for p6 in &team.area.pc6_include {
                let slot: &mut Vec<(u32, bool)> = &mut by_pc4[(p6.pc4().get() - Pc4::MIN) as usize];
                if !covered.contains(p6.pc4()) && slot.last().is_none_or(|(last, _)| *last != t as u32) {
                    slot.push((t as u32, false));
                }
            }
        }
        Self { teams, by_pc4, insurer_bit, org_index }
    }

    fn covers(&self, t: u32, whole: bool, location: Location) -> bool {
        match location {
            Location::Pc4(_) => whole,
            Location::Pc6(p) => {
                let team = &self.teams[t as usize];
                team.pc6_exclude.binary_search(&p).is_err() && (whole || team.pc6_include.binary_search(&p).is_ok())
            }
        }
    }

    /// The eligible teams in rank order.
    fn answer(&self, r: &MatchRequest, options: &MatchOptions) -> Vec<u32> {
        let q = Query::of(self, r, options);
        let mut eligible: Vec<(bool, i32, bool, Reverse<i64>, u32, u32)> = Vec::new();
        for &(t, whole) in &self.by_pc4[(r.location.pc4().get() - Pc4::MIN) as usize] {
            let team = &self.teams[t as usize];
            if q.refused.contains(&team.org)
                || !self.covers(t, whole, r.location)
                || team.care & q.care != q.care
                || team.level < q.level
                || (q.langs != 0 && team.langs & q.langs == 0)
                || team.times & q.times != q.times
                || (q.contracted_only && q.insurer_bit != 0 && team.contracts & q.insurer_bit == 0)
                || team.status == CapacityStatus::Full
                || (team.status == CapacityStatus::Waitlist && team.earliest.is_none())
                || team.zero_free & q.care != 0
            {
                continue;
            }
            let start = team.earliest.unwrap_or(q.from).max(q.from);
            if start > q.by {
                continue;
            }
            let trust = team.updated_us < q.stale_before_us || team.status == CapacityStatus::Unknown;
            let preferred = q.preferred.contains(&team.org);
            eligible.push((!preferred, start, trust, Reverse(team.updated_us), team.id_rank, t));
        }
        eligible.sort_unstable();
        eligible.into_iter().map(|e| e.5).collect()
    }
}

/// A request as integers, computed once per call by the floor and by SQLite.
struct Query {
    care: u32,
    level: u8,
    langs: u32,
    times: u32,
    contracted_only: bool,
    /// The client's insurer's bit, 0 without an insurer.
    insurer_bit: u64,
    from: i32,
    by: i32,
    stale_before_us: i64,
    preferred: Vec<u32>,
    refused: Vec<u32>,
}

impl Query {
    fn of(floor: &Floor, r: &MatchRequest, options: &MatchOptions) -> Self {
        let window = StartWindow::of(r, options);
        let orgs = |list: &[wijknet::Id]| -> Vec<u32> {
            list.iter().filter_map(|o| floor.org_index.get(o.as_str()).copied()).collect()
        };
        Self {
            care: r.care_types.bits(),
            level: r.min_nurse_level.map_or(0, |l| l.index()),
            langs: r.languages.bits(),
            times: r.times_of_day.bits(),
            contracted_only: r.contracted_only,
            insurer_bit: r.insurer.as_ref().and_then(|i| floor.insurer_bit.get(i.as_str()).copied()).unwrap_or(0),
            from: window.needed_from.num_days_from_ce(),
            by: window.needed_by.num_days_from_ce(),
            stale_before_us: (options.now - options.stale_after).timestamp_micros(),
            preferred: orgs(&r.preferred_providers),
            refused: orgs(&r.refused_providers),
        }
    }
}

/// A street as an integer for SQLite: PC4 x 676 + the two letters.
fn pc6_key(p: Pc6) -> i64 {
    let s = p.to_string();
    let b = s.as_bytes();
    i64::from(p.pc4().get()) * 676 + i64::from(b[4] - b'A') * 26 + i64::from(b[5] - b'A')
}

/// The registry in an in-memory SQLite database and the match as one prepared query.
struct Sql {
    conn: Connection,
}

const SQL_MATCH: &str = "
SELECT t.idx
FROM touch p JOIN team t ON t.idx = p.team
WHERE p.pc4 = ?1
  AND t.org NOT IN (SELECT value FROM json_each(?2))
  AND CASE WHEN ?3 IS NULL THEN p.whole = 1
      ELSE NOT EXISTS (SELECT 1 FROM pc6_exclude e WHERE e.team = t.idx AND e.pc6 = ?3)
           AND (p.whole = 1 OR EXISTS (SELECT 1 FROM pc6_include i WHERE i.team = t.idx AND i.pc6 = ?3)) END
  AND (t.care & ?4) = ?4
  AND t.level >= ?5
  AND (?6 = 0 OR (t.langs & ?6) != 0)
  AND (t.times & ?7) = ?7
  AND (?8 = 0 OR ?9 = 0 OR (t.contracts & ?9) != 0)
  AND t.status != ?10
  AND NOT (t.status = ?11 AND t.earliest IS NULL)
  AND (t.zero_free & ?4) = 0
  AND MAX(COALESCE(t.earliest, ?12), ?12) <= ?13
ORDER BY t.org IN (SELECT value FROM json_each(?14)) DESC,
         MAX(COALESCE(t.earliest, ?12), ?12),
         (t.updated_us < ?15 OR t.status = ?16),
         t.updated_us DESC,
         t.id_rank";

impl Sql {
    /// Tables: `team` (one row per team: the rule data as integers and bitmasks, the contracts
    /// of its organisation denormalised onto it), `touch` (a clustered `(pc4, team)` index with
    /// whether the team covers the PC4 as a whole), and the street lists keyed by team.
    fn build(floor: &Floor) -> Self {
        let conn = Connection::open_in_memory().expect("in-memory database");
        conn.execute_batch(
            "CREATE TABLE team (idx INTEGER PRIMARY KEY, org INTEGER NOT NULL, care INTEGER NOT NULL,
                 level INTEGER NOT NULL, langs INTEGER NOT NULL, times INTEGER NOT NULL,
                 contracts INTEGER NOT NULL, status INTEGER NOT NULL, earliest INTEGER,
                 zero_free INTEGER NOT NULL, updated_us INTEGER NOT NULL, id_rank INTEGER NOT NULL);
             CREATE TABLE touch (pc4 INTEGER NOT NULL, team INTEGER NOT NULL, whole INTEGER NOT NULL,
                 PRIMARY KEY (pc4, team)) WITHOUT ROWID;
             CREATE TABLE pc6_include (team INTEGER NOT NULL, pc6 INTEGER NOT NULL, PRIMARY KEY (team, pc6)) WITHOUT ROWID;
             CREATE TABLE pc6_exclude (team INTEGER NOT NULL, pc6 INTEGER NOT NULL, PRIMARY KEY (team, pc6)) WITHOUT ROWID;",
        )
        .expect("schema");
        let tx = conn.unchecked_transaction().expect("transaction");
        {
            let mut team =
                tx.prepare("INSERT INTO team VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)").unwrap();
            let mut touch = tx.prepare("INSERT INTO touch VALUES (?1, ?2, ?3)").unwrap();
            let mut inc = tx.prepare("INSERT OR IGNORE INTO pc6_include VALUES (?1, ?2)").unwrap();
            let mut exc = tx.prepare("INSERT OR IGNORE INTO pc6_exclude VALUES (?1, ?2)").unwrap();
            for (t, f) in floor.teams.iter().enumerate() {
                team.execute(params![
                    t as i64,
                    f.org,
                    f.care,
                    f.level,
                    f.langs,
                    f.times,
                    // SQLite integers are signed 64-bit: the same bits.
                    f.contracts as i64,
                    f.status.index(),
                    f.earliest,
                    f.zero_free,
                    f.updated_us,
                    f.id_rank
                ])
                .unwrap();
                for p in &f.pc6_include {
                    inc.execute(params![t as i64, pc6_key(*p)]).unwrap();
                }
                for p in &f.pc6_exclude {
                    exc.execute(params![t as i64, pc6_key(*p)]).unwrap();
                }
            }
            for (slot, list) in floor.by_pc4.iter().enumerate() {
                for (t, whole) in list {
                    touch.execute(params![slot as i64 + i64::from(Pc4::MIN), *t, *whole]).unwrap();
                }
            }
        }
        tx.commit().expect("commit");
        // Planner statistics per index (`sqlite_stat1`), but no per-value histograms
        // (`sqlite_stat4`, which the bundled SQLite is built to use): with those, a statement whose
        // plan could depend on a bound value is compiled again whenever the values change, that
        // is on every call here, and SQLite spent most of its time parsing (p50 96 us at 1/4x
        // where it needs 14.5 us). `Sql::reprepares` reports that it does not happen.
        conn.execute_batch("ANALYZE; DELETE FROM sqlite_stat4; ANALYZE sqlite_schema;").expect("analyze");
        // The prepared statement is cached by the connection.
        conn.prepare_cached(SQL_MATCH).expect("query");
        Self { conn }
    }

    /// How often the cached match statement has been compiled again since it was prepared.
    fn reprepares(&self) -> i32 {
        let stmt = self.conn.prepare_cached(SQL_MATCH).expect("cached");
        stmt.get_status(rusqlite::StatementStatus::RePrepare)
    }

    /// The eligible teams in rank order, into `out`.
    fn answer(&self, floor: &Floor, r: &MatchRequest, options: &MatchOptions, out: &mut Vec<u32>) {
        out.clear();
        let q = Query::of(floor, r, options);
        let list = |l: &[u32]| format!("[{}]", l.iter().map(u32::to_string).collect::<Vec<_>>().join(","));
        let pc6 = match r.location {
            Location::Pc6(p) => Some(pc6_key(p)),
            Location::Pc4(_) => None,
        };
        let mut stmt = self.conn.prepare_cached(SQL_MATCH).expect("cached");
        let mut rows = stmt
            .query(params![
                r.location.pc4().get(),
                list(&q.refused),
                pc6,
                q.care,
                q.level,
                q.langs,
                q.times,
                q.contracted_only,
                q.insurer_bit as i64,
                CapacityStatus::Full.index(),
                CapacityStatus::Waitlist.index(),
                q.from,
                q.by,
                list(&q.preferred),
                q.stale_before_us,
                CapacityStatus::Unknown.index(),
            ])
            .expect("query runs");
        while let Some(row) = rows.next().expect("row") {
            out.push(row.get(0).expect("team index"));
        }
    }
}
