//! Changes to a directory: _history bundles (capacity by compare-and-swap, structural changes),
//! merging directories, the shared directory.

use std::sync::Arc;

use serde_json::{Value, json};
use wijknet::{CapacityStatus, Registry};
use wijknet_fhir::json::{Node, parse};
use wijknet_fhir::{BundleType, Directory, MergeSource, SharedDirectory, merge, to_bundle};

fn twente() -> Registry {
    Registry::from_json(include_bytes!("../../examples/data/twente.json")).expect("demo region")
}

fn resource(bundle: &Value, ty: &str, id: &str) -> Value {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == ty && r["id"] == id)
        .unwrap()
        .clone()
}

/// A HealthcareService with a new capacity status and version.
fn with_capacity(mut svc: Value, status: &str, version: u64) -> Value {
    let cap = svc["extension"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["url"].as_str().unwrap().ends_with("/capacity"))
        .unwrap();
    for s in cap["extension"].as_array_mut().unwrap() {
        match s["url"].as_str().unwrap() {
            "status" => s["valueCode"] = json!(status),
            "version" => s["valueString"] = json!(version.to_string()),
            "updatedAt" => s["valueInstant"] = json!("2026-11-22T13:00:00Z"),
            _ => {}
        }
    }
    svc["meta"] = json!({"lastUpdated": "2026-11-22T13:00:00Z"});
    svc
}

/// A history bundle: newest first, as FHIR lists history.
fn history(changes_oldest_first: Vec<Value>) -> Node {
    let mut entries: Vec<Value> = changes_oldest_first
        .into_iter()
        .map(|r| {
            if let Some(del) = r.get("delete") {
                json!({"request": {"method": "DELETE", "url": del}})
            } else {
                let url = format!("{}/{}", r["resourceType"].as_str().unwrap(), r["id"].as_str().unwrap());
                json!({"resource": r, "request": {"method": "PUT", "url": url}})
            }
        })
        .collect();
    entries.reverse();
    parse(json!({"resourceType": "Bundle", "type": "history", "entry": entries}).to_string().as_bytes(), "Bundle", "t")
        .unwrap()
}

fn setup() -> (Registry, Directory, Value, String, u64) {
    let r = twente();
    let d = Directory::from_registry(&r);
    let b = to_bundle(&r, BundleType::Collection);
    let team = r.teams()[0].id.to_string();
    let v = r.capacity(0).version;
    (r, d, b, team, v)
}

#[test]
fn capacity_changes_apply_in_order_and_share_the_rest() {
    let (r, d, b, team, v) = setup();
    let svc = resource(&b, "HealthcareService", &team);
    let h = history(vec![with_capacity(svc.clone(), "full", v + 1), with_capacity(svc, "waitlist", v + 2)]);
    let next = d.apply_history_node(h).unwrap();
    let nr = next.registry();
    assert_eq!(nr.capacity(0).status, CapacityStatus::Waitlist, "the newest change is the last applied");
    assert_eq!(nr.capacity(0).version, v + 2);
    assert_eq!(nr.version(), r.version() + 2);
    assert_eq!(d.registry().capacity(0).status, r.capacity(0).status, "the old directory is unchanged");
    for i in 1..r.teams().len() as u32 {
        assert_eq!(nr.capacity(i), r.capacity(i));
    }
}

#[test]
fn a_capacity_change_based_on_another_version_conflicts_and_changes_nothing() {
    let (_, d, b, team, v) = setup();
    let svc = resource(&b, "HealthcareService", &team);
    for stale in [v, v + 2] {
        let e = d.apply_history_node(history(vec![with_capacity(svc.clone(), "full", stale)])).unwrap_err();
        assert_eq!(e.code(), "version_conflict", "{e:?}");
    }
}

#[test]
fn two_writers_with_the_same_version_on_a_shared_directory_exactly_one_wins() {
    let (_, d, b, team, v) = setup();
    let shared = Arc::new(SharedDirectory::new(d));
    let svc = resource(&b, "HealthcareService", &team);
    let bundles = [
        history(vec![with_capacity(svc.clone(), "full", v + 1)]),
        history(vec![with_capacity(svc, "waitlist", v + 1)]),
    ];
    let results: Vec<_> = std::thread::scope(|s| {
        let hs: Vec<_> = bundles
            .iter()
            .map(|h| {
                let sh = Arc::clone(&shared);
                s.spawn(move || sh.apply_history(h))
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert_eq!(
        results.iter().filter_map(|r| r.as_ref().err()).map(|e| e.code()).collect::<Vec<_>>(),
        ["version_conflict"]
    );
    assert_eq!(shared.current().registry().capacity(0).version, v + 1);
}

#[test]
fn structural_changes_rebuild_the_registry() {
    let (r, d, b, team, _) = setup();
    let mut svc = resource(&b, "HealthcareService", &team);
    svc["name"] = json!("Nieuwe naam");
    let last = r.teams().last().unwrap().id.to_string();
    let mut new = resource(&b, "HealthcareService", &last);
    new["id"] = json!("t-nieuw");
    let roles: Vec<Value> = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| {
            r["resourceType"] == "PractitionerRole"
                && r["healthcareService"][0]["reference"] == format!("HealthcareService/{last}")
        })
        .map(|r| json!({"delete": format!("PractitionerRole/{}", r["id"].as_str().unwrap())}))
        .collect();
    let n = roles.len() as u64;
    let mut changes = vec![svc, new];
    changes.extend(roles);
    changes.push(json!({"delete": format!("HealthcareService/{last}")}));
    let next = d.apply_history_node(history(changes)).unwrap();
    let nr = next.registry();
    assert_eq!(nr.team(&team).unwrap().name, "Nieuwe naam");
    assert!(nr.team(&last).is_none());
    assert!(nr.team("t-nieuw").is_some());
    assert_eq!(nr.teams().len(), r.teams().len());
    assert_eq!(nr.version(), r.version() + 3 + n);
}

#[test]
fn a_changed_team_is_described_anew_with_its_problems_at_its_entry() {
    let (r, d, b, team, _) = setup();
    let mut svc = resource(&b, "HealthcareService", &team);
    svc["name"] = json!("Nieuwe naam");
    let other = r.teams()[1].id.to_string();
    svc["coverageArea"] = resource(&b, "HealthcareService", &other)["coverageArea"].clone();
    let next = d.apply_history_node(history(vec![svc.clone()])).unwrap();
    let nr = next.registry();
    assert_eq!(nr.team(&team).unwrap().name, "Nieuwe naam");
    // The other team's coverage (its own street exclusions, an extension, kept).
    assert_eq!(nr.team(&team).unwrap().area.pc4_ranges, r.team(&other).unwrap().area.pc4_ranges);
    let pc4 = r.team(&other).unwrap().area.pc4_ranges[0].first;
    assert!(!r.teams_touching(pc4).contains(&0) && nr.teams_touching(pc4).contains(&0));
    assert_eq!(nr.team_index(&team), r.team_index(&team));
    assert_eq!(nr.version(), r.version() + 1);
    // The teams not named are the same values, shared.
    assert!(r.teams().iter().zip(nr.teams()).skip(1).all(|(a, b)| std::ptr::eq(a, b)));
    // A care type wijknet does not know: the problem at the entry, the directory unchanged.
    svc["type"] = json!([{"coding": [{"system": "https://example.invalid/other", "code": "x"}]}]);
    let e = d.apply_history_node(history(vec![svc])).unwrap_err();
    assert_eq!(e.problems().len(), 1, "{e:?}");
    assert_eq!(e.problems()[0].path, "Bundle.entry[0].resource.type");
    assert_eq!(d.registry().team(&team).unwrap().name, r.team(&team).unwrap().name);
}

#[test]
fn a_delete_that_leaves_a_reference_behind_is_a_problem_at_the_referring_resource() {
    let (r, d, _, _, _) = setup();
    let org = r.teams()[0].organisation.to_string();
    let e = d.apply_history_node(history(vec![json!({"delete": format!("Organization/{org}")})])).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.problems().iter().any(|p| p.path.ends_with(".providedBy.reference")), "{e:?}");
    let e = d.apply_history_node(history(vec![json!({"delete": "Organization/not-there"})])).unwrap_err();
    assert_eq!(e.code(), "not_found");
}

#[test]
fn merging_takes_identical_resources_once_and_the_later_of_two_that_differ() {
    let r = twente();
    let b = to_bundle(&r, BundleType::Collection);
    let org = r.organisations()[0].id.to_string();
    let mut renamed = b.clone();
    let mut earlier = b.clone();
    for (bundle, name, when) in
        [(&mut renamed, "Later", "2026-11-22T10:00:00Z"), (&mut earlier, "Earlier", "2026-11-21T10:00:00Z")]
    {
        for e in bundle["entry"].as_array_mut().unwrap() {
            if e["resource"]["resourceType"] == "Organization" && e["resource"]["id"] == org {
                e["resource"]["name"] = json!(name);
                e["resource"]["meta"] = json!({"lastUpdated": when});
            }
        }
    }
    let a = Directory::from_json(earlier.to_string().as_bytes()).unwrap();
    let c = Directory::from_json(renamed.to_string().as_bytes()).unwrap();
    let m = merge(&[MergeSource { directory: &a }, MergeSource { directory: &c }]).unwrap();
    assert_eq!(m.registry().organisation(&org).unwrap().name, "Later");
    assert_eq!(m.registry().teams().len(), r.teams().len());
    let plain = Directory::from_registry(&r);
    let e = merge(&[MergeSource { directory: &plain }, MergeSource { directory: &c }]).unwrap_err();
    assert_eq!(e.problems().len(), 1, "a dated version is not later than an undated one: {e:?}");
    let mut undated = renamed.clone();
    for entry in undated["entry"].as_array_mut().unwrap() {
        entry["resource"].as_object_mut().unwrap().remove("meta");
    }
    let u = Directory::from_json(undated.to_string().as_bytes()).unwrap();
    let e = merge(&[MergeSource { directory: &plain }, MergeSource { directory: &u }]).unwrap_err();
    assert_eq!(e.problems().len(), 1);
    assert!(e.problems()[0].path.starts_with("source[1].Bundle.entry["), "{e:?}");
}

/// One change of a randomised history: a team (index), its new capacity status (or none: the
/// capacity as it was), whether the source leaves out the capacity version, whether the service
/// is renamed, takes another team's area, or drops a care type (changes that are not only
/// capacity: the registry describes the team anew instead of updating its capacity).
#[derive(Debug, Clone)]
struct RandomChange {
    team: usize,
    status: Option<&'static str>,
    omit_version: bool,
    rename: bool,
    area_from: Option<usize>,
    drop_care_type: bool,
}

fn random_change() -> impl proptest::strategy::Strategy<Value = RandomChange> {
    use proptest::prelude::*;
    (
        0usize..1000,
        proptest::option::weighted(0.7, prop_oneof![Just("accepting"), Just("waitlist"), Just("full")]),
        any::<bool>(),
        proptest::bool::weighted(0.2),
        proptest::option::weighted(0.15, 0usize..1000),
        proptest::bool::weighted(0.15),
    )
        .prop_map(|(team, status, omit_version, rename, area_from, drop_care_type)| RandomChange {
            team,
            status,
            omit_version,
            // A change that keeps the capacity renames the team, so that it changes something.
            rename: rename || status.is_none(),
            area_from,
            drop_care_type,
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 32, ..proptest::prelude::ProptestConfig::default() })]

    /// Applying a _history Bundle (team by team when only capacity changes, teams described
    /// anew when their services change otherwise) gives the registry that reading the resulting
    /// resources anew gives.
    #[test]
    fn a_history_gives_what_a_full_rebuild_gives(changes in proptest::collection::vec(random_change(), 1..12)) {
        let (r, d, b, _, _) = setup();
        let mut latest: std::collections::BTreeMap<String, Value> = Default::default();
        let mut versions: std::collections::HashMap<String, u64> = Default::default();
        let mut sent = Vec::new();
        let service = |latest: &std::collections::BTreeMap<String, Value>, team: &str| {
            latest.get(team).cloned().unwrap_or_else(|| resource(&b, "HealthcareService", team))
        };
        for (i, c) in changes.iter().enumerate() {
            let team = r.teams()[c.team % r.teams().len()].id.to_string();
            let mut svc = service(&latest, &team);
            if let Some(status) = c.status {
                let v = versions.entry(team.clone()).or_insert(r.capacity(r.team_index(&team).unwrap()).version);
                *v += 1;
                svc = with_capacity(svc, status, *v);
            }
            if c.rename {
                svc["name"] = json!(format!("Team {} ({i})", c.team));
            }
            if let Some(k) = c.area_from {
                let other = r.teams()[k % r.teams().len()].id.to_string();
                svc["coverageArea"] = service(&latest, &other)["coverageArea"].clone();
            }
            if c.drop_care_type {
                if let Some(types) = svc["type"].as_array_mut().filter(|t| t.len() > 1) {
                    types.pop();
                }
            }
            latest.insert(team, svc.clone());
            // (Left out with the capacity as it was, the version reads as a new capacity.)
            if c.omit_version && c.status.is_some() {
                for e in svc["extension"].as_array_mut().unwrap() {
                    if let Some(subs) = e.get_mut("extension").and_then(Value::as_array_mut) {
                        subs.retain(|s| s["url"] != "version");
                    }
                }
            }
            sent.push(svc);
        }
        let applied = d.apply_history_node(history(sent)).unwrap();

        let mut full = b.clone();
        for e in full["entry"].as_array_mut().unwrap() {
            let res = &mut e["resource"];
            if res["resourceType"] == "HealthcareService" {
                if let Some(svc) = latest.get(res["id"].as_str().unwrap()) {
                    *res = svc.clone();
                }
            }
        }
        full["meta"] = json!({"versionId": (r.version() + changes.len() as u64).to_string()});
        let rebuilt = Directory::from_json(full.to_string().as_bytes()).unwrap();
        proptest::prop_assert_eq!(applied.registry().to_doc(), rebuilt.registry().to_doc());
        proptest::prop_assert_eq!(applied.resource_count(), rebuilt.resource_count());
    }
}
