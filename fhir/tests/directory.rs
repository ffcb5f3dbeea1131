//! The directory in and out: round trips of the demo region and the national registry, problems
//! at FHIR paths, history, merge.

use wijknet::Registry;
use wijknet_fhir::{BundleType, Directory, to_bundle_json};

fn twente() -> Registry {
    Registry::from_json(include_bytes!("../../examples/data/twente.json")).expect("demo region")
}

#[test]
fn demo_region_round_trips() {
    let r = twente();
    for ty in BundleType::ALL {
        let json = to_bundle_json(&r, ty);
        let d = Directory::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(d.registry().to_doc(), r.to_doc());
    }
}

#[test]
fn a_searchset_is_a_search_answer() {
    let r = twente();
    let bundle = wijknet_fhir::to_bundle(&r, BundleType::Searchset);
    let entries = bundle["entry"].as_array().expect("entries");
    assert_eq!(bundle["type"], "searchset");
    assert_eq!(bundle["total"], entries.len());
    assert!(entries.len() > r.teams().len(), "organisations, locations and teams");
    assert!(entries.iter().all(|e| e["search"]["mode"] == "match" && e.get("request").is_none()));
    // The other types carry no `total` and no `search`.
    for ty in [BundleType::Collection, BundleType::Transaction] {
        let b = wijknet_fhir::to_bundle(&r, ty);
        assert!(b.get("total").is_none());
        assert!(b["entry"].as_array().unwrap().iter().all(|e| e.get("search").is_none()));
    }
}

#[test]
fn national_registry_round_trips() {
    let doc = wijknet_fixtures::national_doc(wijknet_fixtures::DEFAULT_SEED);
    let r = Registry::from_doc(&doc).expect("national registry");
    let json = to_bundle_json(&r, BundleType::Collection);
    let t = std::time::Instant::now();
    let d = Directory::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!("national: {} bytes of FHIR, imported in {:?}", json.len(), t.elapsed());
    assert_eq!(d.registry().to_doc(), r.to_doc());
}

/// Free hours per week per care type travel in the capacity extension's `freeHours` parts
/// (`careType` and `hours`), out and back in; a `freeHours` without a care type is refused at its
/// path.
#[test]
fn free_hours_per_care_type_round_trip() {
    let r = twente();
    let team = r.teams()[0].id.to_string();
    let update = format!(
        r#"{{"team": "{team}", "expected_version": {}, "status": "accepting",
            "free_hours": {{"nursing": 12.5, "personal_care": 0}}, "updated_at": "2026-11-22T08:00:00Z"}}"#,
        r.capacity(0).version
    );
    let r = r.update_capacity(&wijknet::registry::CapacityUpdate::from_json(update.as_bytes()).unwrap()).unwrap();
    let json = to_bundle_json(&r, BundleType::Collection);
    let bundle: serde_json::Value = serde_json::from_str(&json).unwrap();
    let service = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|res| res["resourceType"] == "HealthcareService" && res["id"] == team.as_str())
        .expect("the team's HealthcareService");
    let capacity = service["extension"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["url"] == "https://example.invalid/wijknet/fhir/StructureDefinition/capacity")
        .expect("capacity extension");
    let hours: Vec<(String, f64)> = capacity["extension"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["url"] == "freeHours")
        .map(|s| {
            let part =
                |name: &str| s["extension"].as_array().unwrap().iter().find(|k| k["url"] == name).unwrap().clone();
            (
                part("careType")["valueCode"].as_str().unwrap().to_owned(),
                part("hours")["valueDecimal"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(hours, [("personal_care".to_owned(), 0.0), ("nursing".to_owned(), 12.5)]);
    let d = Directory::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(d.registry().to_doc(), r.to_doc());
    assert_eq!(d.registry().capacity(0).free_hours, r.capacity(0).free_hours);

    // The earlier draft's form, a bare number without a care type, cannot say which care the
    // hours are for: refused at its path.
    let mut bare = bundle.clone();
    let entry = bare["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .position(|e| e["resource"]["resourceType"] == "HealthcareService" && e["resource"]["id"] == team.as_str())
        .unwrap();
    let exts = bare["entry"][entry]["resource"]["extension"].as_array_mut().unwrap();
    let cap = exts.iter().position(|e| e["url"] == "https://example.invalid/wijknet/fhir/StructureDefinition/capacity");
    let subs = exts[cap.unwrap()]["extension"].as_array_mut().unwrap();
    let first = subs.iter().position(|s| s["url"] == "freeHours").unwrap();
    subs[first] = serde_json::json!({"url": "freeHours", "valueDecimal": 3});
    let e = Directory::from_json(bare.to_string().as_bytes()).unwrap_err();
    let problems = e.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].path.ends_with(&format!(".extension[{first}]")), "{}", problems[0].path);
    assert!(problems[0].reason.contains("`careType`") && problems[0].reason.contains("`hours`"));
}

#[test]
fn a_load_with_progress_reports_every_step_and_cancels_with_nothing() {
    use wijknet::progress::{Flow, Progress, ProgressStep};
    let region = twente();
    let json = to_bundle_json(&region, BundleType::Collection);
    let entries = serde_json::from_str::<serde_json::Value>(&json).unwrap()["entry"].as_array().unwrap().len() as u64;
    let mut seen = Vec::new();
    let dir = Directory::from_json_with_progress(json.as_bytes(), &mut |p: Progress| {
        seen.push(p);
        Flow::Continue
    })
    .unwrap();
    let expect = |step, total| [Progress { step, done: 0, total }, Progress { step, done: total, total }];
    let resources = dir.resource_count() as u64;
    let expected: Vec<Progress> = [
        expect(ProgressStep::Read, json.len() as u64),
        expect(ProgressStep::Check, entries),
        expect(ProgressStep::Index, resources),
    ]
    .concat();
    assert_eq!(seen, expected);
    assert_eq!(dir.registry().to_json(), Directory::from_json(json.as_bytes()).unwrap().registry().to_json());
    assert_eq!(dir.registry().to_json(), region.to_json());

    for step in [ProgressStep::Read, ProgressStep::Check, ProgressStep::Index] {
        let mut reports = 0;
        let got = Directory::from_json_with_progress(json.as_bytes(), &mut |p: Progress| {
            reports += 1;
            if p.step == step { Flow::Cancel } else { Flow::Continue }
        });
        assert!(matches!(got, Err(wijknet::Error::Cancelled { step: s }) if s == step), "cancel at {step:?}");
        assert_eq!(reports, 1 + 2 * step as usize, "stopped at the first report of {step:?}");
    }
}
