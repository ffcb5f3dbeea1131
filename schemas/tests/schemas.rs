//! The committed JSON Schemas against the code and the data:
//!
//! - the files in `schemas/` are what the core's input types generate
//!   (`WIJKNET_BLESS=1 cargo test -p wijknet-schemas` rewrites them), and each is a valid
//!   draft 2020-12 schema;
//! - every document and request of the conformance vectors and of the demo region is read by the
//!   core and validated by its schema: what the core accepts the schema must accept, and what the
//!   core refuses as malformed (`json`) or mistagged (`schema`) the schema must refuse; a document
//!   the core refuses for what a schema cannot say (`invalid`: references, calendar dates) may
//!   pass;
//! - hand-made invalid documents are refused by both, so a schema is not "anything goes".
//!
//! The validator reads the committed files (what a vendor gets), with no resolving of remote
//! references: every `$ref` is inside the file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use wijknet::Registry;
use wijknet::agreements::Agreements;
use wijknet::consent::{ConsentRequest, ConsentStore};
use wijknet::matching::{MatchOptions, MatchRequest};
use wijknet::registry::CapacityUpdate;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn committed_schemas_are_what_the_core_generates() {
    let bless = std::env::var("WIJKNET_BLESS").is_ok_and(|v| v == "1");
    let dir = repo("schemas");
    let files = wijknet_schemas::files();
    let mut differ = Vec::new();
    for f in &files {
        let path = dir.join(&f.file_name);
        if fs::read_to_string(&path).ok().as_deref() != Some(f.text.as_str()) {
            if bless {
                fs::write(&path, &f.text).unwrap();
            } else {
                differ.push(f.file_name.clone());
            }
        }
    }
    for entry in fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".schema.json") && !files.iter().any(|f| f.file_name == name) {
            if bless {
                fs::remove_file(dir.join(&name)).unwrap();
            } else {
                differ.push(format!("{name} (no document has it)"));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "schemas/ differs from what the core generates: {differ:?}; \
         run `WIJKNET_BLESS=1 cargo test -p wijknet-schemas` and review the difference"
    );
}

#[test]
fn every_schema_is_a_valid_draft_2020_12_schema_with_id_title_and_tag() {
    for f in wijknet_schemas::files() {
        let schema = read_json(&repo("schemas").join(&f.file_name));
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{}: not a valid schema: {e}", f.file_name);
        }
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema", "{}", f.file_name);
        assert_eq!(schema["$id"], format!("{}{}", wijknet_schemas::BASE_URI, f.file_name));
        assert!(schema["title"].as_str().is_some_and(|t| t.starts_with("wijknet ")), "{}", f.file_name);
        assert_eq!(schema["additionalProperties"], false, "{}: the core refuses unknown keys", f.file_name);
        let mut open = Vec::new();
        records_without_additional_properties_false(&schema, "#", &mut open);
        assert!(open.is_empty(), "{}: records that allow unknown keys, which the core refuses: {open:?}", f.file_name);
        match f.document.tag {
            Some(tag) => {
                assert_eq!(schema["x-wijknet-schema"], tag, "{}", f.file_name);
                assert_eq!(schema["properties"]["schema"]["const"], tag, "{}", f.file_name);
                assert!(schema["required"].as_array().unwrap().contains(&json!("schema")), "{}", f.file_name);
            }
            None => assert!(schema.get("x-wijknet-schema").is_none(), "{}", f.file_name),
        }
    }
}

/// Every object schema with `properties` (a record) must refuse other keys, as the reader does.
fn records_without_additional_properties_false(schema: &Value, at: &str, out: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if map.get("type") == Some(&json!("object"))
                && map.contains_key("properties")
                && map.get("additionalProperties") != Some(&json!(false))
            {
                out.push(at.to_owned());
            }
            for (key, value) in map {
                records_without_additional_properties_false(value, &format!("{at}/{key}"), out);
            }
        }
        Value::Array(list) => {
            for (i, value) in list.iter().enumerate() {
                records_without_additional_properties_false(value, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The kinds of document, by schema file stem.
const REGISTRY: &str = "registry";
const CAPACITY_UPDATE: &str = "capacity-update";
const AGREEMENTS: &str = "agreements";
const MATCH_REQUEST: &str = "match-request";
const MATCH_OPTIONS: &str = "match-options";
const CONSENT_STORE: &str = "consent-store";
const CONSENT_REQUEST: &str = "consent-request";
const REFERRAL_EVENTS: &str = "referral-events";
const REFERRAL_EVENT: &str = "referral-event";

/// One validator per committed schema file.
struct Schemas(BTreeMap<String, jsonschema::Validator>);

impl Schemas {
    fn load() -> Self {
        let mut map = BTreeMap::new();
        for f in wijknet_schemas::files() {
            let schema = read_json(&repo("schemas").join(&f.file_name));
            let validator = jsonschema::draft202012::new(&schema)
                .unwrap_or_else(|e| panic!("{}: cannot build a validator: {e}", f.file_name));
            map.insert(f.document.name.to_owned(), validator);
        }
        Self(map)
    }

    /// The schema's errors for `doc` (empty when it is valid), as `path: message` lines.
    fn errors(&self, kind: &str, doc: &Value) -> Vec<String> {
        let validator = self.0.get(kind).unwrap_or_else(|| panic!("no schema {kind}"));
        validator.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
    }
}

/// The core's verdict on a document: `Ok`, or the error code (`json`, `schema`, `invalid`, ...).
fn core_reads(kind: &str, doc: &Value, registry: Option<&Registry>) -> Result<(), &'static str> {
    let bytes = serde_json::to_vec(doc).unwrap();
    let code = |e: wijknet::Error| e.code();
    match kind {
        REGISTRY => Registry::from_json(&bytes).map(drop).map_err(code),
        CAPACITY_UPDATE => CapacityUpdate::from_json(&bytes).map(drop).map_err(code),
        AGREEMENTS => {
            Agreements::from_json(&bytes, registry.expect("agreements are read for a registry")).map(drop).map_err(code)
        }
        MATCH_REQUEST => MatchRequest::from_json(&bytes).map(drop).map_err(code),
        MATCH_OPTIONS => MatchOptions::from_json(&bytes).map(drop).map_err(code),
        CONSENT_STORE => ConsentStore::from_json(&bytes).map(drop).map_err(code),
        CONSENT_REQUEST => ConsentRequest::from_json(&bytes).map(drop).map_err(code),
        REFERRAL_EVENTS => wijknet::referral::parse_events(&bytes).map(drop).map_err(code),
        REFERRAL_EVENT => wijknet::referral::parse_event(&bytes).map(drop).map_err(code),
        _ => panic!("unknown kind {kind}"),
    }
}

/// Every document and request in the vectors and the demo data, with the registry that
/// agreements are read for.
struct Case {
    at: String,
    kind: &'static str,
    doc: Value,
    registry: Option<Value>,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut add = |at: String, kind: &'static str, doc: &Value, registry: Option<&Value>| {
        out.push(Case { at, kind, doc: doc.clone(), registry: registry.cloned() })
    };
    let vectors = repo("tests/vectors");
    let files = |folder: &str| -> Vec<PathBuf> {
        let mut list: Vec<PathBuf> = fs::read_dir(vectors.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        list.sort();
        list
    };
    let name = |p: &Path| p.strip_prefix(repo("")).unwrap_or(p).display().to_string();

    for p in files("registries") {
        let doc = read_json(&p);
        if doc["schema"] == "wijknet.agreements/v1" {
            let registry = read_json(
                &p.with_file_name(p.file_name().unwrap().to_string_lossy().replace(".agreements.json", ".json")),
            );
            add(name(&p), AGREEMENTS, &doc, Some(&registry));
        } else {
            add(name(&p), REGISTRY, &doc, None);
        }
    }
    for p in files("matching") {
        let case = read_json(&p);
        add(format!("{} request", name(&p)), MATCH_REQUEST, &case["request"], None);
        add(format!("{} options", name(&p)), MATCH_OPTIONS, &case["options"], None);
        for (i, u) in case["capacity_updates"].as_array().into_iter().flatten().enumerate() {
            add(format!("{} capacity_updates[{i}]", name(&p)), CAPACITY_UPDATE, u, None);
        }
    }
    for p in files("agreements") {
        let case = read_json(&p);
        let registry = read_json(&vectors.join(case["registry"].as_str().unwrap()));
        let agreements = match &case["agreements"] {
            Value::String(path) => read_json(&vectors.join(path)),
            inline => inline.clone(),
        };
        add(format!("{} agreements", name(&p)), AGREEMENTS, &agreements, Some(&registry));
        if case["operation"] == "match" {
            add(format!("{} request", name(&p)), MATCH_REQUEST, &case["input"]["request"], None);
            add(format!("{} options", name(&p)), MATCH_OPTIONS, &case["input"]["options"], None);
        }
    }
    for p in files("consent") {
        let case = read_json(&p);
        add(format!("{} store", name(&p)), CONSENT_STORE, &case["store"], None);
        if !case["request"].is_null() {
            add(format!("{} request", name(&p)), CONSENT_REQUEST, &case["request"], None);
        }
    }
    for p in files("referral") {
        let case = read_json(&p);
        add(format!("{} events", name(&p)), REFERRAL_EVENTS, &case["events"], None);
        for (i, e) in case["events"]["events"].as_array().into_iter().flatten().enumerate() {
            add(format!("{} events[{i}]", name(&p)), REFERRAL_EVENT, e, None);
        }
    }
    let twente = read_json(&repo("examples/data/twente.json"));
    add("examples/data/twente.json".into(), REGISTRY, &twente, None);
    let twente_agreements = read_json(&repo("examples/data/twente.agreements.json"));
    add("examples/data/twente.agreements.json".into(), AGREEMENTS, &twente_agreements, Some(&twente));
    out
}

#[test]
fn every_vector_and_example_agrees_with_the_core() {
    let schemas = Schemas::load();
    let mut disagree = Vec::new();
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let cases = cases();
    for case in &cases {
        let registry = case.registry.as_ref().map(|r| {
            Registry::from_json(&serde_json::to_vec(r).unwrap()).expect("the registry of an agreements case loads")
        });
        let errors = schemas.errors(case.kind, &case.doc);
        let core = core_reads(case.kind, &case.doc, registry.as_ref());
        let verdict = match (&core, errors.is_empty()) {
            (Ok(()), true) => "both accept",
            (Ok(()), false) => {
                disagree
                    .push(format!("{} ({}): the core accepts it, the schema refuses: {errors:?}", case.at, case.kind));
                "core only"
            }
            (Err(code @ ("json" | "schema")), true) => {
                disagree
                    .push(format!("{} ({}): the core refuses it ({code}), the schema accepts it", case.at, case.kind));
                "schema only"
            }
            (Err(_), true) => "core refuses what no schema can say",
            (Err(_), false) => "both refuse",
        };
        *counts.entry((case.kind, verdict)).or_default() += 1;
    }
    for ((kind, verdict), n) in &counts {
        println!("{kind:16} {verdict:40} {n}");
    }
    assert!(disagree.is_empty(), "schema and core disagree:\n{}", disagree.join("\n"));
    // Every kind of document is met in the data, accepted at least once.
    for f in wijknet_schemas::files() {
        assert!(
            counts.get(&(f.document.name, "both accept")).is_some_and(|n| *n > 0),
            "no valid {} in the vectors and examples",
            f.document.name
        );
    }
    assert!(cases.len() > 100, "only {} documents found", cases.len());
}

/// A change to a valid document: the value at a JSON pointer replaced (`Some`) or removed.
struct Broken {
    what: &'static str,
    kind: &'static str,
    base: &'static str,
    pointer: &'static str,
    value: Option<Value>,
}

fn broken(what: &'static str, kind: &'static str, base: &'static str, pointer: &'static str, value: Value) -> Broken {
    Broken { what, kind, base, pointer, value: Some(value) }
}

/// Sets the value at a JSON pointer (its parent must exist), or removes it (`None`).
fn put(doc: &mut Value, pointer: &str, value: Option<Value>) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match (value, doc.pointer_mut(parent)) {
        (Some(v), Some(Value::Object(map))) => {
            map.insert(key.to_owned(), v);
        }
        (Some(v), Some(Value::Array(list))) => list[key.parse::<usize>().unwrap()] = v,
        (None, Some(Value::Object(map))) => assert!(map.remove(key).is_some(), "nothing at {pointer}"),
        _ => panic!("cannot change {pointer}"),
    }
}

/// The valid documents the broken ones start from.
fn base(name: &str) -> Value {
    let vector = |path: &str| read_json(&repo("tests/vectors").join(path));
    match name {
        "registry" => vector("registries/region.json"),
        "agreements" => vector("registries/region.agreements.json"),
        "capacity update" => vector("matching/010-capacity-update-then-match.json")["capacity_updates"][0].clone(),
        "match request" => vector("matching/001-rank-by-start-and-trust.json")["request"].clone(),
        "match options" => vector("matching/001-rank-by-start-and-trust.json")["options"].clone(),
        "consent store" => vector("consent/01_social_worker_informs_gp.json")["store"].clone(),
        "consent request" => vector("consent/01_social_worker_informs_gp.json")["request"].clone(),
        "events" => vector("referral/escalation_and_outcomes.json")["events"].clone(),
        "offer_sent" => vector("referral/escalation_and_outcomes.json")["events"]["events"][3].clone(),
        "offer_rejected" => vector("referral/escalation_and_outcomes.json")["events"]["events"][5].clone(),
        _ => panic!("no base document {name}"),
    }
}

#[test]
fn broken_documents_are_refused_by_the_schema_and_by_the_core() {
    let schemas = Schemas::load();
    let registry = Registry::from_json(&serde_json::to_vec(&base("registry")).unwrap()).unwrap();
    let cases = [
        broken("an unknown key", REGISTRY, "registry", "/team", json!([])),
        broken("another version's tag", REGISTRY, "registry", "/schema", json!("wijknet.registry/v2")),
        Broken { what: "no tag", kind: REGISTRY, base: "registry", pointer: "/schema", value: None },
        broken("an unknown care type", REGISTRY, "registry", "/teams/0/care_types/0", json!("woundcare")),
        broken("a team without care types", REGISTRY, "registry", "/teams/0/care_types", json!([])),
        broken("a PC4 below 1000", REGISTRY, "registry", "/teams/0/area/pc4", json!(["0999"])),
        broken(
            "an area that covers no postcode",
            REGISTRY,
            "registry",
            "/teams/0/area",
            json!({"pc4": [], "pc6_exclude": ["7511AB"]}),
        ),
        broken("negative free places", REGISTRY, "registry", "/teams/0/capacity/free_places", json!({"nursing": -1})),
        broken(
            "free places of an unknown care type",
            REGISTRY,
            "registry",
            "/teams/0/capacity/free_places",
            json!({"x": 1}),
        ),
        broken("a date as a number", REGISTRY, "registry", "/teams/0/capacity/updated_at", json!(20261120)),
        broken(
            "a contact's hours ending at 25:00",
            REGISTRY,
            "registry",
            "/organisations/0/contact",
            json!({"name": "A", "role": "B", "hours": [{"days": ["mon"], "from": "08:00", "to": "25:00"}]}),
        ),
        broken("an unknown capacity status", CAPACITY_UPDATE, "capacity update", "/status", json!("closed")),
        broken(
            "an update without its base version",
            CAPACITY_UPDATE,
            "capacity update",
            "/expected_version",
            json!(-1),
        ),
        broken(
            "a night rotation's terms given subcontracting",
            AGREEMENTS,
            "agreements",
            "/agreements/0/kind",
            json!("subcontracting"),
        ),
        broken("an agreement without parties", AGREEMENTS, "agreements", "/agreements/1/parties", json!([])),
        broken(
            "a shift at 7 o'clock in the evening written 19.00",
            AGREEMENTS,
            "agreements",
            "/agreements/0/terms/shift/start",
            json!("19.00"),
        ),
        broken(
            "a PC6 with the letters SA (never issued)",
            MATCH_REQUEST,
            "match request",
            "/location",
            json!("7511 SA"),
        ),
        broken("a care type asked twice", MATCH_REQUEST, "match request", "/care_types", json!(["nursing", "nursing"])),
        broken("no care need", MATCH_REQUEST, "match request", "/care_types", json!([])),
        broken("an unknown urgency", MATCH_REQUEST, "match request", "/urgency", json!("urgent")),
        broken("staleness beyond ten years", MATCH_OPTIONS, "match options", "/stale_after_hours", json!(100_000)),
        broken("now without an offset", MATCH_OPTIONS, "match options", "/now", json!("2026-11-20T08:00:00")),
        broken("an empty list of roles", CONSENT_STORE, "consent store", "/consents/0/provision/roles", json!([])),
        broken(
            "a date of birth written day first",
            CONSENT_STORE,
            "consent store",
            "/clients/0/date_of_birth",
            json!("17-04-1948"),
        ),
        broken("a BSN of 8 digits", CONSENT_STORE, "consent store", "/clients/0/bsn", json!("11122233")),
        broken("a consent without its period", CONSENT_STORE, "consent store", "/consents/0/period", json!(null)),
        broken("no category", CONSENT_REQUEST, "consent request", "/categories", json!([])),
        broken("an unknown purpose", CONSENT_REQUEST, "consent request", "/purpose", json!("marketing")),
        broken("an emergency without its reason", CONSENT_REQUEST, "consent request", "/emergency", json!({})),
        broken("an event without its referral", REFERRAL_EVENTS, "events", "/events/1/referral", json!(7)),
        broken(
            "a stray reason on an accepted offer",
            REFERRAL_EVENTS,
            "events",
            "/events/12/reason",
            json!({"code": "no_capacity"}),
        ),
        Broken {
            what: "an offer without its team",
            kind: REFERRAL_EVENT,
            base: "offer_sent",
            pointer: "/team",
            value: None,
        },
        broken("sequence number 0", REFERRAL_EVENT, "offer_sent", "/seq", json!(0)),
        broken(
            "a reason text with a code other than `other`",
            REFERRAL_EVENT,
            "offer_rejected",
            "/reason/text",
            json!("busy"),
        ),
        broken("reason `other` without a text", REFERRAL_EVENT, "offer_rejected", "/reason", json!({"code": "other"})),
        broken("an unknown actor role", REFERRAL_EVENT, "offer_sent", "/actor/role", json!("gp")),
    ];
    let mut failures = Vec::new();
    for case in &cases {
        let mut doc = base(case.base);
        put(&mut doc, case.pointer, case.value.clone());
        let schema_refuses = !schemas.errors(case.kind, &doc).is_empty();
        let core = core_reads(case.kind, &doc, Some(&registry));
        if !schema_refuses || core.is_ok() {
            failures.push(format!("{} ({}): schema refuses: {schema_refuses}, core: {core:?}", case.what, case.kind));
        }
    }
    assert!(failures.is_empty(), "not refused by both:\n{}", failures.join("\n"));
}

/// The patterns of ids, postcodes, dates, instants and times accept every text the reader
/// accepts: each text below is put into a valid document, and whenever the core reads the
/// document the schema must accept it too (the schema may still accept texts the core refuses,
/// such as 30 February).
#[test]
fn the_formats_accept_what_the_core_accepts() {
    let schemas = Schemas::load();
    let registry = Registry::from_json(&serde_json::to_vec(&base("registry")).unwrap()).unwrap();
    let dates = [
        "2026-11-26",
        "2026-1-2",
        "+2026-11-26",
        " 2026-11-26",
        "2026- 11- 26",
        "\t2026-11-26",
        "2026-11-26 ",
        "2026-02-30",
        "1900-01-01",
        "2199-12-31",
        "1899-12-31",
        "2200-01-01",
        "26-11-2026",
        "20261126",
        "2026-13-01",
    ];
    let instants = [
        "2026-11-20T08:00:00Z",
        "2026-11-20t08:00:00z",
        "2026-11-20 08:00:00Z",
        "2026-11-20T08:00:00+01:00",
        "2026-11-20T08:00:00.123456789Z",
        "2026-11-20T08:00:60Z",
        "2026-11-20T08:00:00-00:00",
        "2026-11-20T08:00Z",
        "2026-11-20T08:00:00+0100",
        "2026-1-20T08:00:00Z",
        " 2026-11-20T08:00:00Z",
        "2026-11-20T08:00:00+23:59",
        "2026-02-30T08:00:00Z",
        "1899-12-31T23:00:00Z",
        "2026-11-20T24:00:00Z",
    ];
    let times = ["08:30", "8:30", " 8:30", "08: 30", "08:3", "23:59", "24:00", "08:60", "008:30", "+8:30", "0830"];
    let locations = [
        "7511",
        " 7511 ",
        "7511AB",
        "7511 ab",
        " 7 5 1 1 A B ",
        "7511SA",
        "7511 sd",
        "7511SB",
        "0999",
        "75 11",
        "7511A",
        "7511ABC",
        "7511 1B",
    ];
    let ids = ["a", "team-b1", "AGB.0123:x_y", "", "a b", "é", &"x".repeat(64), &"x".repeat(65)];
    let mut accepted = Vec::new();
    let mut failures = Vec::new();
    let mut check = |kind: &'static str, base_name: &str, pointer: &str, text: &str| {
        let mut doc = base(base_name);
        put(&mut doc, pointer, Some(json!(text)));
        let core = core_reads(kind, &doc, Some(&registry));
        let errors = schemas.errors(kind, &doc);
        if core.is_ok() && !errors.is_empty() {
            failures
                .push(format!("{text:?} at {pointer} ({kind}): the core accepts it, the schema refuses: {errors:?}"));
        }
        if core.is_ok() {
            accepted.push(text.to_owned());
        }
    };
    for d in dates {
        check(CAPACITY_UPDATE, "capacity update", "/earliest_start", d);
    }
    for t in instants {
        check(MATCH_OPTIONS, "match options", "/now", t);
    }
    for t in times {
        check(AGREEMENTS, "agreements", "/agreements/0/terms/shift/start", t);
    }
    for l in locations {
        check(MATCH_REQUEST, "match request", "/location", l);
    }
    for id in ids {
        check(MATCH_REQUEST, "match request", "/id", id);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The lenient forms are really read by the core (so the patterns must allow them), and the
    // wrong ones are not.
    for lenient in ["2026-1-2", "+2026-11-26", "2026-11-20t08:00:00z", "2026-11-20 08:00:00Z", "8:30", " 7 5 1 1 A B "]
    {
        assert!(accepted.iter().any(|a| a == lenient), "the core no longer reads {lenient:?}: tighten the pattern");
    }
    for wrong in ["2026-11-26 ", "1899-12-31", "2026-11-20T08:00Z", "24:00", "7511SA", "75 11", ""] {
        assert!(!accepted.iter().any(|a| a == wrong), "the core reads {wrong:?}");
    }
}

/// What the core writes (its `to_json` of every document the vectors load) and the generated
/// national-style data (a registry of 600 teams, its agreements, match requests and a referral
/// year) are documents a host stores and sends on: each must validate against its schema.
#[test]
fn what_the_core_writes_validates() {
    let schemas = Schemas::load();
    let mut invalid = Vec::new();
    let mut check = |what: String, kind: &str, doc: &Value| {
        let errors = schemas.errors(kind, doc);
        if !errors.is_empty() {
            invalid.push(format!("{what} ({kind}): {:?}", &errors[..errors.len().min(5)]));
        }
    };
    let parse = |text: String| -> Value { serde_json::from_str(&text).unwrap() };
    for case in cases() {
        let bytes = serde_json::to_vec(&case.doc).unwrap();
        let written = match case.kind {
            REGISTRY => Registry::from_json(&bytes).ok().map(|r| r.to_json()),
            AGREEMENTS => {
                let registry =
                    Registry::from_json(&serde_json::to_vec(case.registry.as_ref().unwrap()).unwrap()).unwrap();
                Agreements::from_json(&bytes, &registry).ok().map(|a| a.to_json())
            }
            CONSENT_STORE => ConsentStore::from_json(&bytes).ok().map(|s| s.to_json()),
            CONSENT_REQUEST => ConsentRequest::from_json(&bytes).ok().map(|r| serde_json::to_string(&r).unwrap()),
            REFERRAL_EVENTS => {
                wijknet::referral::parse_events(&bytes).ok().map(|e| wijknet::referral::events_to_json(&e))
            }
            REFERRAL_EVENT => wijknet::referral::parse_event(&bytes).ok().map(|e| serde_json::to_string(&e).unwrap()),
            _ => None,
        };
        if let Some(text) = written {
            check(format!("{} as the core writes it", case.at), case.kind, &parse(text));
        }
    }

    let registry_doc = wijknet_fixtures::national_registry_sized(wijknet_fixtures::pc4_csv(), 7, 600, 150);
    check("generated registry".into(), REGISTRY, &serde_json::to_value(&registry_doc).unwrap());
    let agreements_doc = wijknet_fixtures::national_agreements(&registry_doc, 7);
    check("generated agreements".into(), AGREEMENTS, &serde_json::to_value(&agreements_doc).unwrap());
    for (i, request) in wijknet_fixtures::national_requests(&registry_doc, 7, 200).iter().enumerate() {
        check(format!("generated match request {i}"), MATCH_REQUEST, &serde_json::to_value(request).unwrap());
    }
    let events = wijknet_fixtures::national_referral_events(7, 300);
    check("generated referral year".into(), REFERRAL_EVENTS, &parse(wijknet::referral::events_to_json(&events)));
    assert!(invalid.is_empty(), "written documents the schemas refuse:\n{}", invalid.join("\n"));
}

/// The reader takes `null` for an optional field left out: where an event type does not use a
/// field, `null` is accepted by both; where it needs one, `null` is refused by both.
#[test]
fn null_stands_for_an_absent_field_in_schema_and_core() {
    let schemas = Schemas::load();
    let cases = [
        (REFERRAL_EVENT, "offer_sent", "/reason", true),
        (REFERRAL_EVENT, "offer_sent", "/policy", true),
        (REFERRAL_EVENT, "offer_rejected", "/reason/text", true),
        (REFERRAL_EVENT, "offer_sent", "/team", false),
        (REFERRAL_EVENT, "offer_rejected", "/reason", false),
        (MATCH_REQUEST, "match request", "/urgency", true),
        (CONSENT_REQUEST, "consent request", "/emergency", true),
        (CONSENT_STORE, "consent store", "/clients/0/bsn", true),
        (CONSENT_STORE, "consent store", "/consents/0/period/end", true),
    ];
    for (kind, base_name, pointer, accepted) in cases {
        let mut doc = base(base_name);
        put(&mut doc, pointer, Some(Value::Null));
        let schema = schemas.errors(kind, &doc);
        let core = core_reads(kind, &doc, None);
        assert_eq!(schema.is_empty(), accepted, "{base_name} with null at {pointer}: schema says {schema:?}");
        assert_eq!(core.is_ok(), accepted, "{base_name} with null at {pointer}: core says {core:?}");
    }
}
