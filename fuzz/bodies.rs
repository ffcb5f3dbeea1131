//! The bodies of the wijknet fuzz targets, one public function per target, shared by
//!
//! - the cargo-fuzz targets in `fuzz/fuzz_targets/` (nightly, libFuzzer), each a one-line
//!   wrapper, and
//! - the stable test `core/tests/fuzz_regressions.rs`, which runs every file of
//!   `fuzz/regressions/<target>/` and `fuzz/seeds/<target>/` through the same body,
//!
//! so a crash found by fuzzing stays a failing stable test until the core is fixed. Only the
//! public wijknet API is used here (plus the naive consent reference of `core/tests`).
//!
//! Every body asserts, beyond "no panic":
//!
//! - every error is bounded: its message at most [`MAX_MESSAGE`] bytes, each of its first
//!   [`PROBLEMS_CHECKED`] problems at most [`MAX_PROBLEM`] bytes (path + reason), and those
//!   problems together at most [`MAX_PROBLEMS_TEXT`] bytes;
//! - no error text (message, problem paths and reasons) contains a run of [`DIGIT_RUN`] or more
//!   digits that also occurs in the input (a BSN-like number copied from the document), nor the
//!   planted marker [`MARKER`] when the input contains it (a name put into some field);
//! - loaded values export and load again to the same value; decisions with and without trace
//!   agree; no decision, trace or audit record contains a BSN of the store.
//!
//! In fuzz builds, `WIJKNET_FUZZ_PANICS_ONLY=1` turns the text checks off and
//! `WIJKNET_FUZZ_TAME=1` keeps the byte-driven targets away from known panics on extreme values
//! (see `fuzz/README.md`).
//!
//! The limits are deliberately generous: they catch output that grows with the input (an id
//! repeated in every problem, a value echoed in full), not a wordy message.
#![allow(dead_code)]

use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};
use wijknet::agreements::Agreements;
use wijknet::consent::{
    Client, CombiningPolicy, ConsentChannel, ConsentEffect, ConsentRecord, ConsentRecordStatus, ConsentRequest,
    ConsentStore, DataCategory, DataForm, Emergency, EmergencyReason, GivenBy, Objection, Party, Period, Provision,
    Purpose, RecipientRole, Representative, RepresentativeRelation, SharingAgreement, StoreDocument,
};
use wijknet::matching::{MatchOptions, MatchOptionsDoc, MatchRequest, StartWindow, match_request, match_with};
use wijknet::referral::{
    EscalationPolicy, Monitoring, ReferralBook, ReferralRow, check_escalation, events_to_json, parse_events,
};
use wijknet::registry::CapacityUpdate;
use wijknet::{Bsn, CareType, CodeSet, Error, Id, Location, NurseLevel, PolicyType, Registry, TimeOfDay};

#[path = "../core/tests/consent_reference/mod.rs"]
mod consent_reference;

// ----- the invariants on error text --------------------------------------------------------------

/// Longest error message accepted.
pub const MAX_MESSAGE: usize = 4096;
/// Longest problem accepted (path and reason together).
pub const MAX_PROBLEM: usize = 1024;
/// How many problems of an error are checked (a loader may report "the first 1,000 and a count
/// of the rest").
pub const PROBLEMS_CHECKED: usize = 1000;
/// Most text the checked problems may hold together.
pub const MAX_PROBLEMS_TEXT: usize = 256 * 1024;
/// A run of this many digits copied from the input into an error is a leak (a BSN has 9).
pub const DIGIT_RUN: usize = 9;
/// A name planted in inputs (seeds, dictionary); no error text may repeat it.
pub const MARKER: &str = "Jantje";

/// The body of a fuzz target.
pub type Body = fn(&[u8]);

/// Every target: its name (the folder under `regressions/` and `seeds/`) and its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("registry", registry),
    ("agreements", agreements),
    ("consent_store", consent_store),
    ("consent_request", consent_request),
    ("match_request", match_request_json),
    ("match_options", match_options),
    ("capacity_update", capacity_update),
    ("referral_events", referral_events),
    ("match", r#match),
    ("decide", decide),
    ("consent_differential", consent_differential),
];

fn head(s: &str) -> String {
    let cut: String = s.chars().take(300).collect();
    if cut.len() < s.len() { format!("{cut}…") } else { cut }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Panics when `text` repeats personal data from `input`: a run of [`DIGIT_RUN`] digits, or the
/// [`MARKER`].
pub fn check_text(input: &[u8], what: &str, text: &str) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start >= DIGIT_RUN {
            for w in bytes[start..i].windows(DIGIT_RUN) {
                assert!(
                    !contains(input, w),
                    "{what} repeats the digits `{}` of the input: {}",
                    String::from_utf8_lossy(w),
                    head(text)
                );
            }
        }
    }
    if contains(input, MARKER.as_bytes()) {
        assert!(!text.contains(MARKER), "{what} repeats the marker `{MARKER}` of the input: {}", head(text));
    }
}

/// A switch of fuzz builds (`cfg(fuzzing)`), off unless the environment variable is set to
/// something other than `0`; always off elsewhere (the stable test checks everything).
#[allow(unexpected_cfgs)]
fn switch(name: &str, cell: &OnceLock<bool>) -> bool {
    cfg!(fuzzing) && *cell.get_or_init(|| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0"))
}

/// `WIJKNET_FUZZ_PANICS_ONLY=1`: skip the text checks, for runs that look for panics past the
/// known leaks.
fn text_checks() -> bool {
    static CELL: OnceLock<bool> = OnceLock::new();
    !switch("WIJKNET_FUZZ_PANICS_ONLY", &CELL)
}

/// `WIJKNET_FUZZ_TAME=1`: the byte-driven targets keep to ordinary values (no instants at the
/// ends of the time range, staleness under ten years), for runs that look past the known panics
/// on extreme values.
fn tame() -> bool {
    static CELL: OnceLock<bool> = OnceLock::new();
    switch("WIJKNET_FUZZ_TAME", &CELL)
}

/// Panics when an error is unbounded or repeats personal data from `input`.
pub fn check_error(input: &[u8], e: &Error) {
    let message = e.to_string();
    if !text_checks() {
        let _ = e.problems();
        return;
    }
    assert!(
        message.len() <= MAX_MESSAGE,
        "`{}` error message of {} bytes (limit {MAX_MESSAGE}): {}",
        e.code(),
        message.len(),
        head(&message)
    );
    // A version conflict names two version counters, which are numbers by nature.
    let numbers_are_data = e.code() != "version_conflict";
    if numbers_are_data {
        check_text(input, "error message", &message);
    }
    let mut total = 0;
    for (i, p) in e.problems().iter().take(PROBLEMS_CHECKED).enumerate() {
        let len = p.path.len() + p.reason.len();
        assert!(
            len <= MAX_PROBLEM,
            "problem {i} of a `{}` error has {len} bytes (limit {MAX_PROBLEM}): `{}`: {}",
            e.code(),
            head(&p.path),
            head(&p.reason)
        );
        total += len;
        check_text(input, "problem path", &p.path);
        check_text(input, "problem reason", &p.reason);
    }
    assert!(total <= MAX_PROBLEMS_TEXT, "the first problems of a `{}` error hold {total} bytes", e.code());
}

// ----- fixed documents ------------------------------------------------------------------------------

const REGION: &[u8] = include_bytes!("../tests/vectors/registries/region.json");
const REGION_AGREEMENTS: &[u8] = include_bytes!("../tests/vectors/registries/region.agreements.json");
/// The consent vectors whose stores make up the fixed store (their client and record ids are
/// distinct).
const CONSENT_VECTORS: [&str; 5] = [
    include_str!("../tests/vectors/consent/01_social_worker_informs_gp.json"),
    include_str!("../tests/vectors/consent/02_night_care_rotation_agreement.json"),
    include_str!("../tests/vectors/consent/03_emergency_overrides_objection.json"),
    include_str!("../tests/vectors/consent/04_minor_joint_consent_deny_overrides.json"),
    include_str!("../tests/vectors/consent/05_insurer_billing_only.json"),
];

/// The regional registry of the conformance vectors.
pub fn region() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::from_json(REGION).expect("the region vector registry loads"))
}

/// The regional agreements of the conformance vectors, on [`region`].
pub fn region_agreements() -> &'static Agreements {
    static A: OnceLock<Agreements> = OnceLock::new();
    A.get_or_init(|| Agreements::from_json(REGION_AGREEMENTS, region()).expect("the region agreements load"))
}

/// The stores of the consent decision vectors merged into one, with the BSNs it holds.
pub fn consent_fixture() -> &'static (ConsentStore, Vec<String>) {
    static S: OnceLock<(ConsentStore, Vec<String>)> = OnceLock::new();
    S.get_or_init(|| {
        let mut merged = json!({"schema": "wijknet.consent/v1", "version": "fuzz-1",
            "clients": [], "consents": [], "objections": []});
        for text in CONSENT_VECTORS {
            let v: Value = serde_json::from_str(text).expect("consent vector is JSON");
            for key in ["clients", "consents", "objections"] {
                let list = v["store"][key].as_array().cloned().unwrap_or_default();
                merged[key].as_array_mut().expect("array").extend(list);
            }
        }
        let bsns = merged["clients"]
            .as_array()
            .expect("clients")
            .iter()
            .filter_map(|c| c["bsn"].as_str().map(str::to_owned))
            .collect();
        let store = ConsentStore::from_json(merged.to_string().as_bytes()).expect("the merged consent store loads");
        (store, bsns)
    })
}

/// "Now" of the matching vectors.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).single().expect("valid instant")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date")
}

fn all_care() -> CodeSet<CareType> {
    CareType::ALL.iter().copied().collect()
}

/// A request for some care at a location, every time of day.
fn request_at(location: Location, care: CodeSet<CareType>) -> MatchRequest {
    let mut r = MatchRequest::new(location, care);
    r.times_of_day = TimeOfDay::ALL.iter().copied().collect();
    r
}

fn loc(s: &str) -> Location {
    Location::parse(s).expect("valid location")
}

/// Matches on a registry (and agreements), checking the error or that the result serialises.
fn run_match(input: &[u8], registry: &Registry, agreements: Option<&Agreements>, req: &MatchRequest, o: &MatchOptions) {
    let result = match agreements {
        Some(a) => match_with(registry, a, req, o),
        None => match_request(registry, req, o),
    };
    match result {
        Ok(m) => {
            assert!(!m.to_json().is_empty());
            check_result(req, &m.to_json_value());
        }
        Err(e) => check_error(input, &e),
    }
}

/// Invariants of a match result: no team is both a candidate and excluded, a refused provider is
/// never a candidate, ranks count from 1.
fn check_result(req: &MatchRequest, v: &Value) {
    let candidates = v["candidates"].as_array().expect("candidates");
    let excluded = v["excluded"].as_array().expect("excluded");
    for (i, c) in candidates.iter().enumerate() {
        assert_eq!(c["rank"].as_u64(), Some(i as u64 + 1), "ranks count from 1: {c}");
        let team = c["team"].as_str().expect("team");
        assert!(!excluded.iter().any(|x| x["team"] == team), "team `{team}` is both a candidate and excluded");
        let org = c["organisation"].as_str().expect("organisation");
        assert!(!req.refused_providers.iter().any(|r| r.as_str() == org), "refused `{org}` is a candidate");
    }
}

// ----- loaders ---------------------------------------------------------------------------------------

/// `Registry::from_json`; a loaded registry exports and loads to the same document and answers a
/// match at its own areas.
pub fn registry(data: &[u8]) {
    let r = match Registry::from_json(data) {
        Ok(r) => r,
        Err(e) => return check_error(data, &e),
    };
    let json = r.to_json();
    let again = Registry::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("an exported registry fails: {e}"));
    assert_eq!(again.to_json(), json, "export, load, export changed the registry");
    let mut places = vec![loc("7511"), loc("7511AA")];
    places.extend(r.municipalities().iter().filter_map(|m| m.pc4.first()).take(2).map(|p| Location::Pc4(*p)));
    for place in places {
        run_match(data, &r, None, &request_at(place, all_care()), &MatchOptions::at(now()));
        let _ = r.coordination_point_for(place);
    }
}

/// `Agreements::from_json` against the region registry; a loaded set exports and loads to the
/// same document and answers every query.
pub fn agreements(data: &[u8]) {
    let reg = region();
    let a = match Agreements::from_json(data, reg) {
        Ok(a) => a,
        Err(e) => return check_error(data, &e),
    };
    let json = a.to_json();
    let again = Agreements::from_json(json.as_bytes(), reg).unwrap_or_else(|e| panic!("exported agreements fail: {e}"));
    assert_eq!(again.to_json(), json, "export, load, export changed the agreements");
    a.check(reg, today(), 31).expect("an in-range check is answered");
    let instants = [now(), Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).single().expect("DST night")];
    for place in ["7511", "7512AB", "7514"] {
        for at in instants {
            let answer = a.on_call(reg, loc(place), at).expect("in-range instants are answered");
            let _ = answer.to_json_value();
        }
        let _ = a.escalation_policy(loc(place), today());
        let _ = a.coordination_point_for(loc(place), today());
    }
    for org in reg.organisations() {
        for care in CareType::ALL {
            a.may_assess(org.id.as_str(), *care, today()).expect("an in-range date is answered");
        }
        let _ = a.sharing_agreements_for(org.id.as_str());
    }
    run_match(data, reg, Some(&a), &request_at(loc("7511AA"), all_care()), &MatchOptions::at(now()));
}

/// The decision requests the consent bodies ask about each client.
fn fixed_requests(client: &Id) -> Vec<ConsentRequest> {
    let party = |o: &str, role| Party { organisation: Some(Id::parse(o).expect("id")), role, kind: None };
    let mut out = Vec::new();
    for (discloser, recipient, purpose) in [
        (party("org-a", RecipientRole::HomeCareProvider), party("org-b", RecipientRole::Gp), Purpose::DirectCare),
        (
            party("org-welzijn", RecipientRole::WelfareOrganisation),
            party("org-gp-1", RecipientRole::Gp),
            Purpose::CareCoordination,
        ),
        (party("org-a", RecipientRole::HomeCareProvider), party("ins-1", RecipientRole::Insurer), Purpose::Billing),
    ] {
        for policy in CombiningPolicy::ALL {
            out.push(ConsentRequest {
                client: client.clone(),
                discloser: discloser.clone(),
                recipient: recipient.clone(),
                purpose,
                categories: DataCategory::ALL.iter().copied().collect(),
                channel: ConsentChannel::Direct,
                data_form: None,
                policy: *policy,
                emergency: None,
                treatment_relationships: discloser.organisation.iter().cloned().collect(),
                agreements: Vec::new(),
            });
        }
    }
    out
}

/// Decides with and without trace, compares, builds the audit record, and checks that none of
/// them holds a BSN of `bsns`.
fn decide_checked(input: &[u8], store: &ConsentStore, bsns: &[String], req: &ConsentRequest, at: DateTime<Utc>) {
    let plain = store.decide(req, at);
    let traced = store.decide_with_trace(req, at);
    match (plain, traced) {
        (Ok(d), Ok((t, trace))) => {
            assert_eq!(d, t, "decide and decide_with_trace disagree");
            let audit = store.audit_record(req, &d);
            let text = [
                serde_json::to_string(&d).expect("decision serialises"),
                serde_json::to_string(&trace).expect("trace serialises"),
                serde_json::to_string(&audit).expect("audit serialises"),
                format!("{d:?}{trace:?}{audit:?}"),
            ]
            .concat();
            // An identifier the caller wrote may contain a BSN's digits (`org-111222333`); echoing
            // the caller's own identifier back is not a leak, so such a BSN is not looked for.
            let written = strings_outside_bsn(input);
            for bsn in bsns.iter().filter(|b| !written.iter().any(|w| w.contains(b.as_str()))) {
                assert!(!text.contains(bsn.as_str()), "a decision, trace or audit record holds a BSN");
            }
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "decide and decide_with_trace fail differently");
            check_error(input, &a);
        }
        (a, b) => panic!("decide gives {a:?} but decide_with_trace gives {b:?}"),
    }
}

/// `ConsentStore::from_json`; a loaded store exports and loads to the same document and decides
/// for its first clients.
pub fn consent_store(data: &[u8]) {
    let store = match ConsentStore::from_json(data) {
        Ok(s) => s,
        Err(e) => return check_error(data, &e),
    };
    let again = ConsentStore::from_json(store.to_json().as_bytes())
        .unwrap_or_else(|e| panic!("an exported consent store fails: {e}"));
    assert_eq!(again.to_document(), store.to_document(), "export and load changed the consent store");
    let bsns: Vec<String> = serde_json::from_slice::<Value>(data).ok().map(|v| bsn_strings(&v)).unwrap_or_default();
    for client in store.clients().iter().take(4) {
        assert!(store.client(client.id.as_str()).is_some(), "client `{}` not found by id", client.id);
        for req in fixed_requests(&client.id) {
            decide_checked(data, &store, &bsns, &req, now());
        }
    }
}

/// Every key and string of a JSON input except the values of `bsn` fields.
fn strings_outside_bsn(input: &[u8]) -> Vec<String> {
    let Ok(v) = serde_json::from_slice::<Value>(input) else { return Vec::new() };
    let mut out = Vec::new();
    let mut stack = vec![&v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => {
                for (k, v) in o {
                    out.push(k.clone());
                    if k != "bsn" {
                        stack.push(v);
                    }
                }
            }
            Value::String(s) => out.push(s.clone()),
            Value::Number(n) => out.push(n.to_string()),
            _ => {}
        }
    }
    out
}

/// Every non-empty `bsn` string of a JSON value.
fn bsn_strings(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => {
                if let Some(Value::String(bsn)) = o.get("bsn").filter(|b| b.as_str().is_some_and(|s| !s.is_empty())) {
                    out.push(bsn.clone());
                }
                stack.extend(o.values());
            }
            _ => {}
        }
    }
    out
}

/// `ConsentRequest::from_json`; a parsed request is decided on the fixed store, as given and with
/// the facts of the region agreements added.
pub fn consent_request(data: &[u8]) {
    let mut req = match ConsentRequest::from_json(data) {
        Ok(r) => r,
        Err(e) => return check_error(data, &e),
    };
    let (store, bsns) = consent_fixture();
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).single().expect("valid");
    decide_checked(data, store, bsns, &req, at);
    region_agreements().add_consent_facts(&mut req, today());
    decide_checked(data, store, bsns, &req, at);
}

/// `MatchRequest::from_json`; a parsed request survives its document form and is matched on the
/// region, with and without its agreements.
pub fn match_request_json(data: &[u8]) {
    let req = match MatchRequest::from_json(data) {
        Ok(r) => r,
        Err(e) => return check_error(data, &e),
    };
    let doc = serde_json::to_vec(&req.to_doc()).expect("request document serialises");
    let again = MatchRequest::from_json(&doc).unwrap_or_else(|e| panic!("a request's own document fails: {e}"));
    assert_eq!(again, req, "a request changed through its document");
    let options = MatchOptions::at(now());
    run_match(data, region(), None, &req, &options);
    run_match(data, region(), Some(region_agreements()), &req, &options);
}

/// Match options from JSON, the way the bindings read them (the core has no `from_json` for them:
/// the document type and `MatchOptions::from_doc`); valid options are used for a match.
pub fn match_options(data: &[u8]) {
    let Ok(doc) = serde_json::from_slice::<MatchOptionsDoc>(data) else { return };
    let options = match MatchOptions::from_doc(&doc) {
        Ok(o) => o,
        Err(e) => return check_error(data, &e),
    };
    let req = request_at(loc("7511AA"), all_care());
    let _ = StartWindow::of(&req, &options);
    run_match(data, region(), Some(region_agreements()), &req, &options);
}

/// `CapacityUpdate::from_json`, applied to the region registry; the new registry counts one
/// version more, exports and loads, and matches.
pub fn capacity_update(data: &[u8]) {
    let update = match CapacityUpdate::from_json(data) {
        Ok(u) => u,
        Err(e) => return check_error(data, &e),
    };
    let reg = region();
    let updated = match reg.update_capacity(&update) {
        Ok(r) => r,
        Err(e) => return check_error(data, &e),
    };
    assert!(updated.version() > reg.version(), "an update did not raise the registry version");
    let team = updated.team_index(update.team.as_str()).expect("the updated team exists");
    assert!(updated.capacity(team).version > update.expected_version, "the capacity version did not grow");
    let json = updated.to_json();
    let again = Registry::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("an updated registry fails: {e}"));
    assert_eq!(again.to_json(), json, "export, load, export changed the updated registry");
    run_match(data, &updated, None, &request_at(loc("7511AA"), all_care()), &MatchOptions::at(now()));
}

/// `parse_events`; parsed events survive their document form, replay into a book (stopping at
/// the first error) and apply one by one (skipping errors) with the same first error, and the
/// book answers monitoring and escalation checks.
pub fn referral_events(data: &[u8]) {
    let events = match parse_events(data) {
        Ok(e) => e,
        Err(e) => return check_error(data, &e),
    };
    let again = parse_events(events_to_json(&events).as_bytes())
        .unwrap_or_else(|e| panic!("the events' own document fails: {e}"));
    assert_eq!(again, events, "events changed through their document");
    let replayed = ReferralBook::replay(&events);
    let mut book = ReferralBook::new();
    let mut first_error = None;
    for e in &events {
        if let Err(err) = book.apply(e) {
            check_error(data, &err);
            first_error.get_or_insert(err);
        }
    }
    match (replayed, first_error) {
        (Ok(r), None) => assert_eq!(r.summaries(), book.summaries(), "replay and apply disagree"),
        (Err(a), Some(b)) => assert_eq!(a, b, "replay and apply stop at different errors"),
        (a, b) => panic!("replay gives {:?} but applying one by one gives {b:?}", a.map(|b| b.len())),
    }
    let _ = Monitoring::from_book(&book).to_json();
    let _ = ReferralRow::of_book(&book);
    let policy = EscalationPolicy {
        accountable: Id::parse("cp-twente").expect("id"),
        max_unplaced_acute: Duration::hours(24),
        max_unplaced_non_acute: Duration::hours(120),
        max_declines: 3,
    };
    for r in book.referrals().into_iter().take(16) {
        let p = r.policy().cloned().unwrap_or_else(|| policy.clone());
        for at in [r.last_at(), now()] {
            let _ = check_escalation(r, &p, at);
        }
    }
}

// ----- structured targets: inputs decoded from the fuzz bytes ---------------------------------------

/// Reads choices from the fuzz input; past its end every choice is 0, so every input decodes.
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }
    pub fn u8(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        match n {
            0 | 1 => 0,
            2..=256 => usize::from(self.u8()) % n,
            _ => self.u32() as usize % n,
        }
    }
    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }
    /// True with probability about `n`/8.
    pub fn chance(&mut self, n: u8) -> bool {
        self.u8() % 8 < n
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    /// A subset of `items`, each kept on one bit.
    pub fn subset<T: Copy>(&mut self, items: &[T]) -> Vec<T> {
        let mut out = Vec::new();
        let mut bits = 0u8;
        for (i, item) in items.iter().enumerate() {
            if i % 8 == 0 {
                bits = self.u8();
            }
            if bits & (1 << (i % 8)) != 0 {
                out.push(*item);
            }
        }
        out
    }
    /// Up to `max` raw bytes as (lossy) text.
    pub fn text(&mut self, max: usize) -> String {
        let n = self.below(max + 1);
        let start = self.pos.min(self.data.len());
        let end = (start + n).min(self.data.len());
        self.pos += n;
        String::from_utf8_lossy(&self.data[start..end]).into_owned()
    }
}

/// Hostile and edge strings for text fields: a BSN, a name, a long id, empty, whitespace.
const ODD_TEXT: [&str; 7] = ["111222333", "Jantje Pietersen", "", " ", "a-very-long-id-", "1.5e10", "\u{0}"];

/// A text field: usually one of `usual` (the first when the input has run out), sometimes a
/// hostile value or raw input bytes.
fn text_field(b: &mut Bytes<'_>, usual: &[&str]) -> String {
    match b.below(8) {
        6 => ODD_TEXT[b.below(ODD_TEXT.len())].repeat(1 + b.below(6)),
        7 => b.text(24),
        _ => b.pick(usual).to_owned(),
    }
}

fn codes<T: Copy>(b: &mut Bytes<'_>, all: &[T], code: fn(T) -> &'static str) -> Value {
    let mut list: Vec<Value> = b.subset(all).into_iter().map(|c| Value::from(code(c))).collect();
    if b.chance(1) {
        list.push(Value::from(text_field(b, &["nursing", "night", "bogus"])));
    }
    Value::Array(list)
}

const DATES: [&str; 8] =
    ["2026-11-22", "2026-11-23", "2026-12-31", "2027-02-29", "2028-02-29", "9999-12-31", "0001-01-01", "2026-13-01"];

const INSTANTS: [&str; 9] = [
    "2026-11-22T10:00:00Z",
    "2026-11-22T23:30:00Z",
    "2026-10-25T00:59:59Z",
    "2026-10-25T01:30:00+02:00",
    "2026-03-29T01:00:00Z",
    "9999-12-31T23:59:59Z",
    "0000-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "2026-11-22T10:00:00.999999999Z",
];

/// A match request document decoded from the fuzz bytes, over the region's vocabulary.
fn match_request_doc(b: &mut Bytes<'_>) -> Value {
    let orgs: Vec<&str> = vec!["ins-a", "p1", "p2", "p3", "p4", "solo", "wnd", "gp", "muni", "cp", "nobody"];
    let mut doc = serde_json::Map::new();
    doc.insert("location".into(), text_field(b, &["7511", "7511AA", "7512AB", "7514ZZ", "7515", "1000"]).into());
    doc.insert("care_types".into(), codes(b, CareType::ALL, CareType::code));
    let mut maybe = |b: &mut Bytes<'_>, key: &str, v: Value| {
        if b.bool() {
            doc.insert(key.into(), v);
        }
    };
    let v = b.pick(&["", "acute", "planned"]).to_owned();
    maybe(b, "urgency", v.into());
    let v = text_field(b, &DATES);
    maybe(b, "desired_start", v.into());
    let v = text_field(b, &DATES);
    maybe(b, "latest_start", v.into());
    let v = codes(b, TimeOfDay::ALL, TimeOfDay::code);
    maybe(b, "times_of_day", v);
    let v = text_field(b, &orgs);
    maybe(b, "insurer", v.into());
    let v = b.pick(PolicyType::ALL).code();
    maybe(b, "policy", v.into());
    let v = b.bool();
    maybe(b, "contracted_only", v.into());
    let v = b.pick(NurseLevel::ALL).code();
    maybe(b, "min_nurse_level", v.into());
    let v = b.subset(&orgs);
    maybe(b, "preferred_providers", json!(v));
    let v = b.subset(&orgs);
    maybe(b, "refused_providers", json!(v));
    let v = text_field(b, &["req-1", "r:2026.11-22_a"]);
    maybe(b, "id", v.into());
    Value::Object(doc)
}

/// Match options decoded from the fuzz bytes: "now" and the staleness threshold, both including
/// the extremes.
fn match_options_doc(b: &mut Bytes<'_>) -> MatchOptionsDoc {
    let hours = match b.below(4) {
        2 | 3 if tame() => b.below(24 * 3650) as u32,
        2 => b.pick(&[0, 1, 72, 24 * 365, u32::MAX]),
        3 => b.u32(),
        _ => 72,
    };
    MatchOptionsDoc { now: text_field(b, &INSTANTS), stale_after_hours: hours }
}

/// A match request and options decoded from the fuzz bytes, matched on the region registry with
/// and without its agreements.
pub fn r#match(data: &[u8]) {
    let mut b = Bytes::new(data);
    let doc = match_request_doc(&mut b);
    let options = match_options_doc(&mut b);
    let bytes = doc.to_string().into_bytes();
    let req = match MatchRequest::from_json(&bytes) {
        Ok(r) => r,
        Err(e) => return check_error(&bytes, &e),
    };
    let options = match MatchOptions::from_doc(&options) {
        Ok(o) => o,
        Err(e) => return check_error(options.now.as_bytes(), &e),
    };
    run_match(&bytes, region(), Some(region_agreements()), &req, &options);
    run_match(&bytes, region(), None, &req, &options);
}

const ORGS: [&str; 10] =
    ["org-a", "org-b", "org-c", "org-welzijn", "org-gp-1", "org-thuiszorg-a", "ins-1", "hosp-1", "p1", "gp"];

fn id(s: &str) -> Id {
    Id::parse(s).expect("valid id")
}

/// An instant for a decision: near the fixed store's own instants, at local midnights (birthdays),
/// DST changes, or the extremes of the time range.
fn decision_instant(b: &mut Bytes<'_>, anchors: &[DateTime<Utc>]) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).single().expect("valid");
    match b.below(8) {
        7 if tame() => DateTime::UNIX_EPOCH,
        7 => b.pick(&[DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC, DateTime::UNIX_EPOCH]),
        6 => DateTime::UNIX_EPOCH + Duration::seconds(i64::from(b.u32() as i32) * 64),
        4 | 5 if !anchors.is_empty() => b.pick(anchors) + Duration::seconds(i64::from(b.u8() as i8)),
        _ => base + Duration::hours(i64::from(b.u32() as i16)) + Duration::minutes(i64::from(b.u8() % 60)),
    }
}

fn party(b: &mut Bytes<'_>) -> Party {
    Party { organisation: Some(id(b.pick(&ORGS))), role: b.pick(RecipientRole::ALL), kind: None }
}

fn category_set(b: &mut Bytes<'_>) -> CodeSet<DataCategory> {
    b.subset(DataCategory::ALL).into_iter().collect()
}

fn sharing_agreement(b: &mut Bytes<'_>, anchors: &[DateTime<Utc>]) -> SharingAgreement {
    let valid_from = decision_instant(b, anchors);
    let valid_until = if b.bool() { None } else { Some(decision_instant(b, anchors)) };
    SharingAgreement {
        id: id(b.pick(&["ag-1", "ag-2", "ds-nursing-plan"])),
        parties: b.subset(&ORGS).into_iter().map(id).collect(),
        categories: category_set(b),
        purposes: b.subset(Purpose::ALL).into_iter().collect(),
        valid_from,
        valid_until,
        active: b.u8() % 4 != 0,
    }
}

/// A decision request decoded from the fuzz bytes, about one of `clients` (or an unknown one).
fn decision_request(b: &mut Bytes<'_>, clients: &[Id], anchors: &[DateTime<Utc>]) -> ConsentRequest {
    let client =
        if clients.is_empty() || b.u8() % 16 == 0 { id("cl-unknown") } else { clients[b.below(clients.len())].clone() };
    let discloser = party(b);
    let recipient = party(b);
    let purpose = b.pick(Purpose::ALL);
    let categories = category_set(b);
    let channel = b.pick(ConsentChannel::ALL);
    let policy = b.pick(CombiningPolicy::ALL);
    let emergency = b.chance(1).then(|| Emergency { reason: b.pick(EmergencyReason::ALL) });
    let treatment_relationships = b.subset(&ORGS).into_iter().map(id).collect();
    let agreements = (0..b.below(3)).map(|_| sharing_agreement(b, anchors)).collect();
    // Read last, so the bytes of every earlier field mean what they meant before it existed.
    let data_form = b.chance(2).then(|| b.pick(DataForm::ALL));
    ConsentRequest {
        client,
        discloser,
        recipient,
        purpose,
        categories,
        channel,
        data_form,
        policy,
        emergency,
        treatment_relationships,
        agreements,
    }
}

/// Every instant of a store document (record times and period bounds), for decision times on the
/// edges.
fn anchors_of(doc: &StoreDocument) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut period = |p: &Period| {
        out.push(p.start);
        out.extend(p.end);
    };
    for c in &doc.consents {
        period(&c.period);
        let mut stack = vec![&c.provision];
        while let Some(p) = stack.pop() {
            if let Some(q) = &p.period {
                period(q);
            }
            stack.extend(&p.provisions);
        }
    }
    for o in &doc.objections {
        period(&o.period);
    }
    out.extend(doc.consents.iter().map(|c| c.recorded_at));
    out.extend(doc.objections.iter().map(|o| o.recorded_at));
    out
}

/// Consent decisions on the fixed store: a request and a decision time decoded from the fuzz
/// bytes, decided with and without trace, with the audit record; no BSN in any of them.
pub fn decide(data: &[u8]) {
    let (store, bsns) = consent_fixture();
    let document = store.to_document();
    let clients: Vec<Id> = document.clients.iter().map(|c| c.id.clone()).collect();
    let anchors = anchors_of(&document);
    let mut b = Bytes::new(data);
    let req = decision_request(&mut b, &clients, &anchors);
    let at = decision_instant(&mut b, &anchors);
    let input = serde_json::to_vec(&req).expect("a request serialises");
    decide_checked(&input, store, bsns, &req, at);
}

// ----- differential: the engine against the naive reference ------------------------------------------

/// Days from 2026-01-01, for the differential generator (a realistic range: the reference
/// evaluator counts birthdays year by year).
fn day(b: &mut Bytes<'_>) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("valid");
    base + Duration::days(b.below(900) as i64) + Duration::hours(i64::from(b.u8() % 4) * 6)
}

fn diff_period(b: &mut Bytes<'_>) -> Period {
    let start = day(b);
    let end = b.bool().then(|| start + Duration::hours(1 + b.below(24 * 400) as i64));
    Period { start, end }
}

fn opt_set<T: Copy + wijknet::codes::Code>(b: &mut Bytes<'_>, all: &[T]) -> Option<CodeSet<T>> {
    if b.chance(5) {
        return None;
    }
    let set: CodeSet<T> = b.subset(all).into_iter().collect();
    (!set.is_empty()).then_some(set)
}

const DIFF_ORGS: [&str; 4] = ["org-a", "org-b", "org-c", "org-d"];

fn opt_actors(b: &mut Bytes<'_>) -> Option<Vec<Id>> {
    if b.chance(6) {
        return None;
    }
    let list: Vec<Id> = b.subset(&DIFF_ORGS).into_iter().map(id).collect();
    (!list.is_empty()).then_some(list)
}

fn provision(b: &mut Bytes<'_>, depth: u32) -> Provision {
    let effect = b.pick(ConsentEffect::ALL);
    let actors = opt_actors(b);
    let roles = opt_set(b, RecipientRole::ALL);
    let categories = opt_set(b, DataCategory::ALL);
    let purposes = opt_set(b, Purpose::ALL);
    let period = b.chance(1).then(|| diff_period(b));
    let children = if depth >= 3 { 0 } else { b.below(3) };
    let provisions = (0..children).map(|_| provision(b, depth + 1)).collect();
    Provision { effect, actors, roles, categories, purposes, period, provisions }
}

fn given_by(b: &mut Bytes<'_>) -> GivenBy {
    let reps = b.u8() % 4;
    let representatives: Vec<Id> =
        [(1, "rep-1"), (2, "rep-2")].iter().filter(|(bit, _)| reps & bit != 0).map(|(_, r)| id(r)).collect();
    GivenBy { client: b.bool() || representatives.is_empty(), representatives }
}

fn status(b: &mut Bytes<'_>) -> ConsentRecordStatus {
    match b.u8() % 8 {
        0 => ConsentRecordStatus::Withdrawn,
        1 => ConsentRecordStatus::Superseded,
        _ => ConsentRecordStatus::Active,
    }
}

/// A valid store document decoded from the fuzz bytes: 1 to 3 clients, up to 8 consents and 3
/// objections over four organisations, so that provisions, objections and requests meet.
fn store_document(b: &mut Bytes<'_>) -> StoreDocument {
    let n = 1 + b.below(3);
    let clients = (0..n)
        .map(|i| {
            let dob = match b.below(4) {
                0 => NaiveDate::from_ymd_opt(2012 - 4 * b.below(20) as i32, 2, 29).expect("leap day"),
                1 => (Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("valid")
                    - Duration::days((10 * 365 + b.below(8 * 366)) as i64))
                .date_naive(),
                _ => (Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("valid")
                    - Duration::days(b.below(96 * 366) as i64))
                .date_naive(),
            };
            Client {
                id: id(&format!("cl-{i}")),
                bsn: b.chance(1).then(|| Bsn::parse("111222333").expect("valid BSN")),
                date_of_birth: dob,
                can_decide: b.u8() % 8 != 0,
                representatives: vec![
                    Representative { id: id("rep-1"), relation: RepresentativeRelation::Parent },
                    Representative { id: id("rep-2"), relation: RepresentativeRelation::Mentor },
                ],
            }
        })
        .collect();
    let consents: Vec<ConsentRecord> = (0..b.below(9))
        .map(|_| ConsentRecord {
            id: id("placeholder"),
            client: id(&format!("cl-{}", b.below(n))),
            recorded_by: id("org-a"),
            recorded_at: day(b),
            given_by: given_by(b),
            scope: if b.u8() % 5 == 0 { ConsentChannel::ExchangeSystem } else { ConsentChannel::Direct },
            status: status(b),
            period: diff_period(b),
            provision: provision(b, 1),
        })
        .collect();
    let objections: Vec<Objection> = (0..b.below(4))
        .map(|_| Objection {
            id: id("placeholder"),
            client: id(&format!("cl-{}", b.below(n))),
            recorded_by: id("org-b"),
            recorded_at: day(b),
            made_by: given_by(b),
            status: status(b),
            period: diff_period(b),
            actors: opt_actors(b),
            roles: opt_set(b, RecipientRole::ALL),
            categories: opt_set(b, DataCategory::ALL),
            purposes: opt_set(b, Purpose::ALL),
        })
        .collect();
    // Record ids in an order chosen by the input, so that the id tie-break is not document order.
    let total = consents.len() + objections.len();
    let salt = b.u8() as usize;
    let mut ids: Vec<usize> = (0..total).collect();
    ids.sort_by_key(|i| (i.wrapping_mul(2_654_435_761) ^ salt) % 1009);
    let mut consents = consents;
    for (k, c) in consents.iter_mut().enumerate() {
        c.id = id(&format!("r-{:02}", ids[k]));
    }
    let mut objections = objections;
    let offset = consents.len();
    for (k, o) in objections.iter_mut().enumerate() {
        o.id = id(&format!("r-{:02}", ids[offset + k]));
    }
    StoreDocument { version: "fuzz-1".into(), clients, consents, objections }
}

/// The consent engine against the naive reference evaluator of `core/tests/consent_reference`,
/// on a store, a request and a time decoded from the fuzz bytes: the same decision (or both
/// refusing the question), and the same with trace.
pub fn consent_differential(data: &[u8]) {
    let mut b = Bytes::new(data);
    let doc = store_document(&mut b);
    let clients: Vec<Id> = doc.clients.iter().map(|c| c.id.clone()).collect();
    let mut req = decision_request(&mut b, &clients, &[]);
    // Keep the request's times in the generator's range too.
    for a in &mut req.agreements {
        a.valid_from = day(&mut b);
        a.valid_until = b.bool().then(|| a.valid_from + Duration::days(1 + b.below(700) as i64));
    }
    let at = day(&mut b) + Duration::days(200) + Duration::minutes(b.below(24 * 60) as i64);
    let store = match ConsentStore::from_document(doc.clone()) {
        Ok(s) => s,
        Err(e) => panic!("a valid generated store is refused: {e}"),
    };
    let fast = store.decide(&req, at);
    let naive = consent_reference::reference_decide(&doc, &req, at);
    match (&fast, &naive) {
        (Ok(f), Some(n)) => assert_eq!(f, n, "the engine and the reference disagree"),
        (Err(_), None) => {}
        (f, n) => panic!("the engine gives {f:?} but the reference {n:?}"),
    }
    if let Ok(f) = fast {
        let (traced, _) = store.decide_with_trace(&req, at).expect("decide_with_trace after decide");
        assert_eq!(traced, f, "decide and decide_with_trace disagree");
    }
}
