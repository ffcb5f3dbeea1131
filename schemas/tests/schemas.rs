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
