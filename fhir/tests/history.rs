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
    // These the registry takes team by team: one renamed, one added, one removed (the roles'
    // contacts leave with it).
    let fast = d.apply_history_node(history(changes.clone())).unwrap();
    assert_eq!(fast.registry().version(), r.version() + 3);
    // With a new department beside them, deleted again (a deleted Organization), the registry
    // is built again: the version counts every entry.
    let org = b["entry"].as_array().unwrap().iter().find(|e| e["resource"]["resourceType"] == "Organization").unwrap();
    changes.push(json!({"resourceType": "Organization", "id": "dept-nieuw", "active": true, "name": "Afdeling",
                        "partOf": {"reference": format!("Organization/{}", org["resource"]["id"].as_str().unwrap())}}));
    changes.push(json!({"delete": "Organization/dept-nieuw"}));
    let next = d.apply_history_node(history(changes)).unwrap();
    let nr = next.registry();
    assert_eq!(nr.team(&team).unwrap().name, "Nieuwe naam");
    assert!(nr.team(&last).is_none());
    assert!(nr.team("t-nieuw").is_some());
    assert_eq!(nr.teams().len(), r.teams().len());
    assert_eq!(nr.version(), r.version() + 5 + n);
    let mut doc = nr.to_doc();
    doc.version = fast.registry().version();
    assert_eq!(fast.registry().to_doc(), doc, "the same registry both ways");
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
/// capacity: the registry describes the team anew instead of updating its capacity); or, with
/// `role`, a change of the contact a PractitionerRole gives (see [`change_role`]) instead, or
/// with `org` a change of an Organization (see [`change_organisation`]).
#[derive(Debug, Clone)]
struct RandomChange {
    team: usize,
    status: Option<&'static str>,
    omit_version: bool,
    rename: bool,
    area_from: Option<usize>,
    drop_care_type: bool,
    role: Option<(usize, u8)>,
    org: Option<(usize, u8)>,
    /// A new HealthcareService (a copy of a team's under a new id): 0 as it is, 1 with a new
    /// role naming it, 2 inactive, 3 provided by a department, 4 provided by a new
    /// organisation with a contract, 5 with a new role naming it and then described again
    /// (renamed, its capacity changed), 6 with a new role naming it and then made inactive.
    new_service: Option<u8>,
    /// Team `team`'s service removed: 0 deleted with the roles naming it, 1 deleted alone
    /// (refused while a role names it), 2 made inactive, 3 made inactive and then described
    /// again (renamed, still inactive).
    removed: Option<u8>,
    /// An insurer contract (OrganizationAffiliation): 0 new (organisations `team` and
    /// `team / 7`, possibly no insurer: refused), 1 deleted, 2 ended (inactive), 3 no contract
    /// any more (another code).
    contract: Option<u8>,
    /// A Location changed: 0 renamed, 1 inactive, 2 another postcode (a PC4 one another PC4),
    /// 3 a new one nothing names.
    location: Option<u8>,
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
        proptest::option::weighted(0.3, (0usize..1000, 0u8..9)),
        proptest::option::weighted(0.2, (0usize..1000, 0u8..4)),
        proptest::option::weighted(0.12, 0u8..7),
        (
            proptest::option::weighted(0.1, 0u8..4),
            proptest::option::weighted(0.12, 0u8..4),
            proptest::option::weighted(0.08, 0u8..4),
        ),
    )
        .prop_map(
            |(
                team,
                status,
                omit_version,
                rename,
                area_from,
                drop_care_type,
                role,
                org,
                new_service,
                (removed, contract, location),
            )| {
                RandomChange {
                    team,
                    status,
                    omit_version,
                    // A change that keeps the capacity renames the team, so that it changes something.
                    rename: rename || status.is_none(),
                    area_from,
                    drop_care_type,
                    role,
                    org,
                    new_service,
                    removed,
                    contract,
                    location,
                }
            },
        )
}

/// The Organizations, by id, in bundle order.
fn organisations(b: &Value) -> Vec<String> {
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "Organization")
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// An Organization changed in one of four ways: renamed, another KvK number, another kind
/// (the registry is built again), or an AGB code that is not one (refused).
fn change_organisation(org: &mut Value, how: u8, i: usize) {
    let set_identifier = |org: &mut Value, system: &str, value: String| {
        let ids = org.as_object_mut().unwrap().entry("identifier").or_insert(json!([]));
        let ids = ids.as_array_mut().unwrap();
        ids.retain(|x| !x["system"].as_str().is_some_and(|s| s.ends_with(system)));
        ids.push(json!({"system": format!("http://fhir.nl/fhir/NamingSystem/{system}"), "value": value}));
    };
    match how {
        0 => org["name"] = json!(format!("Organisatie {i}")),
        1 => set_identifier(org, "kvk", format!("{:08}", 10_000_000 + i)),
        2 => {
            let coding = &mut org["type"][0]["coding"][0]["code"];
            *coding = json!(if coding == "solo_nurse" { "home_care_provider" } else { "solo_nurse" });
        }
        _ => set_identifier(org, "agb-z", "12ab".into()),
    }
}

type Latest = std::collections::BTreeMap<(String, String), Value>;

/// The newest version of a resource: changed in this history, or as the bundle has it.
fn latest_of(latest: &Latest, b: &Value, ty: &str, id: &str) -> Value {
    latest.get(&(ty.to_owned(), id.to_owned())).cloned().unwrap_or_else(|| resource(b, ty, id))
}

/// The demo region's directory with a second contact for its first four teams (a copy of the
/// role of the first with another phone, after the other roles), so that a team lists more
/// than one contact and the place of each matters.
fn with_second_contacts() -> (Registry, Directory, Value) {
    let (_, _, mut b, _, _) = setup();
    let entries = b["entry"].as_array_mut().unwrap();
    let mut extra = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let r = &e["resource"];
        if r["resourceType"] == "PractitionerRole" && r.get("healthcareService").is_some() && extra.len() < 4 {
            let mut copy = e.clone();
            copy["resource"]["id"] = json!(format!("pr-second-{i}"));
            copy["fullUrl"] = json!(format!("urn:uuid:00000000-0000-4000-8000-{i:012}"));
            copy["resource"]["telecom"] = json!([{"system": "phone", "value": format!("053-99{i:05}")}]);
            extra.push(copy);
        }
    }
    entries.extend(extra);
    let d = Directory::from_json(b.to_string().as_bytes()).unwrap();
    (d.registry().clone(), d, b)
}

/// `registry`, as a `_history` with `changed` (a resource of `b`, by type and id) gave it, is
/// what reading `b` with `changed` in its place anew gives (under the same version).
fn assert_rebuild_gives(registry: &Registry, b: &Value, changed: &Value) {
    let mut full = with_changed(b, &[changed]);
    full["meta"] = json!({"versionId": registry.version().to_string()});
    assert_eq!(registry.to_doc(), Directory::from_json(full.to_string().as_bytes()).unwrap().registry().to_doc());
}

/// `b` with each of `changed` (a resource of `b`, by type and id) in its place.
fn with_changed(b: &Value, changed: &[&Value]) -> Value {
    let mut full = b.clone();
    for e in full["entry"].as_array_mut().unwrap() {
        let r = &e["resource"];
        if let Some(c) = changed.iter().find(|c| r["resourceType"] == c["resourceType"] && r["id"] == c["id"]) {
            e["resource"] = (*c).clone();
        }
    }
    full
}

/// The PractitionerRoles whose (first) service is team `team`'s, in bundle order.
fn roles_naming(b: &Value, team: &str) -> Vec<Value> {
    let service = format!("HealthcareService/{team}");
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"].clone())
        .filter(|r| r["resourceType"] == "PractitionerRole" && r["healthcareService"][0]["reference"] == service)
        .collect()
}

/// The PractitionerRoles that name a service, by id, in bundle order.
fn service_roles(b: &Value) -> Vec<String> {
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "PractitionerRole" && r.get("healthcareService").is_some())
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A role's contact changed in one of six ways: a new phone, a new role text, its hours
/// dropped, made the same as the contact of another role (so that a team may list two equal
/// contacts), another Practitioner named (the contact's name), or naming another team's
/// service (the registry is built again for the last two).
fn change_role(role: &mut Value, other: &Value, how: u8, i: usize) {
    match how {
        0 => role["telecom"] = json!([{"system": "phone", "value": format!("+31 6 {:08}", i)}]),
        1 => role["code"][0]["text"] = json!(format!("Wijkverpleegkundige {i}")),
        2 => {
            role.as_object_mut().unwrap().remove("availableTime");
        }
        3 => {
            for k in ["practitioner", "code", "telecom", "availableTime"] {
                match other.get(k) {
                    Some(v) => role[k] = v.clone(),
                    None => {
                        role.as_object_mut().unwrap().remove(k);
                    }
                }
            }
        }
        4 => role["practitioner"] = other["practitioner"].clone(),
        _ => role["healthcareService"] = other["healthcareService"].clone(),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..proptest::prelude::ProptestConfig::default() })]

    /// Applying a _history Bundle (team by team when only capacity changes, teams described
    /// anew when their services or the contacts roles give them change otherwise) gives the
    /// registry that reading the resulting resources anew gives.
    #[test]
    fn a_history_gives_what_a_full_rebuild_gives(
        changes in proptest::collection::vec(random_change(), 1..12),
        split in 0usize..12,
    ) {
        let (r, d, b) = with_second_contacts();
        let roles = service_roles(&b);
        let orgs = organisations(&b);
        // New resources (type, id), in the order they were sent.
        let mut added: Vec<(String, String)> = Vec::new();
        let mut latest = Latest::new();
        let mut versions: std::collections::HashMap<String, u64> = Default::default();
        let mut sent = Vec::new();
        // Roles moved to another team's service: each describes two teams anew; a Location
        // moved, at most every team.
        let mut moved = 0u64;
        for (i, c) in changes.iter().enumerate() {
            if let Some((k, how)) = c.role {
                let id = roles[k % roles.len()].clone();
                let key = ("PractitionerRole".to_owned(), id.clone());
                let deleted = latest.get(&key).is_some_and(Value::is_null);
                let other = latest_of(&latest, &b, "PractitionerRole", &roles[(k + c.team) % roles.len()]);
                match how {
                    // Removed; or, once removed, back as it was (in its old place).
                    6 if !deleted => {
                        latest.insert(key, Value::Null);
                        sent.push(json!({"delete": format!("PractitionerRole/{id}")}));
                    }
                    6 => {
                        let role = resource(&b, "PractitionerRole", &id);
                        latest.insert(key, role.clone());
                        sent.push(role);
                    }
                    // A new role: another's copy with a phone of its own (its contact comes last).
                    7 if !other.is_null() => {
                        let mut role = other.clone();
                        role["id"] = json!(format!("pr-new-{i}"));
                        role["telecom"] = json!([{"system": "phone", "value": format!("053-88{i:05}")}]);
                        added.push(("PractitionerRole".into(), role["id"].as_str().unwrap().to_owned()));
                        latest.insert(("PractitionerRole".into(), format!("pr-new-{i}")), role.clone());
                        sent.push(role);
                    }
                    // The Practitioner the role names, renamed (the contact's name).
                    8 if !deleted => {
                        let role = latest_of(&latest, &b, "PractitionerRole", &id);
                        let Some(pid) = role["practitioner"]["reference"].as_str().and_then(|r| r.strip_prefix("Practitioner/")) else {
                            continue;
                        };
                        let mut p = latest_of(&latest, &b, "Practitioner", pid);
                        p["name"] = json!([{"text": format!("Hernoemd {i}")}]);
                        latest.insert(("Practitioner".into(), pid.to_owned()), p.clone());
                        sent.push(p);
                    }
                    _ if deleted || how >= 6 => {}
                    _ => {
                        let mut role = latest_of(&latest, &b, "PractitionerRole", &id);
                        change_role(&mut role, &other, how, i);
                        moved += u64::from(how == 5);
                        latest.insert(key, role.clone());
                        sent.push(role);
                    }
                }
                continue;
            }
            if let Some(how) = c.location {
                let all: Vec<Value> = resources_of(&b, "Location");
                let id = all[c.team % all.len()]["id"].as_str().unwrap().to_owned();
                let mut loc = latest_of(&latest, &b, "Location", &id);
                match how {
                    0 => loc["name"] = json!(format!("Plaats {i}")),
                    1 => loc["status"] = json!("inactive"),
                    2 if loc["address"]["postalCode"].as_str().is_some_and(|p| p.len() == 4) => {
                        loc["address"]["postalCode"] = json!(format!("{}", 7500 + c.team % 40));
                        // Each team whose area names it is described anew: one version each.
                        moved += r.teams().len() as u64;
                    }
                    3 => {
                        let new_id = format!("loc-new-{i}");
                        let new = json!({"resourceType": "Location", "id": new_id, "status": "active", "name": "7600",
                                         "address": {"postalCode": "7600"}});
                        added.push(("Location".into(), new_id.clone()));
                        latest.insert(("Location".into(), new_id), new.clone());
                        sent.push(new);
                        continue;
                    }
                    _ => continue,
                }
                latest.insert(("Location".into(), id), loc.clone());
                sent.push(loc);
                continue;
            }
            if let Some(how) = c.contract {
                let all = affiliations(&b);
                let a = &all[c.team % all.len()];
                let id = a["id"].as_str().unwrap().to_owned();
                let key = ("OrganizationAffiliation".to_owned(), id.clone());
                let current = latest_of(&latest, &b, "OrganizationAffiliation", &id);
                match how {
                    0 => {
                        let new_id = format!("contract-new-{i}");
                        let insurer = &orgs[(c.team / 7) % orgs.len()];
                        let new = contract(&new_id, insurer, &orgs[c.team % orgs.len()]);
                        added.push(("OrganizationAffiliation".into(), new_id.clone()));
                        latest.insert(("OrganizationAffiliation".into(), new_id), new.clone());
                        sent.push(new);
                    }
                    _ if current.is_null() => {}
                    1 => {
                        latest.insert(key, Value::Null);
                        sent.push(json!({"delete": format!("OrganizationAffiliation/{id}")}));
                    }
                    _ => {
                        let mut changed = current.clone();
                        if how == 2 {
                            changed["active"] = json!(false);
                        } else {
                            changed["code"] = json!([{"text": "samenwerking"}]);
                        }
                        latest.insert(key, changed.clone());
                        sent.push(changed);
                    }
                }
                continue;
            }
            if let Some(how) = c.new_service {
                let id = format!("hs-new-{i}");
                let mut svc = new_service(&b, &r, c.team, &id);
                match how {
                    2 => svc["active"] = json!(false),
                    3 => {
                        // A department of the first organisation, new in this bundle too.
                        let mut dept = resource(&b, "Organization", &orgs[0]);
                        dept["id"] = json!(format!("dept-{i}"));
                        dept["partOf"] = json!({"reference": format!("Organization/{}", orgs[0])});
                        dept.as_object_mut().unwrap().remove("identifier");
                        added.push(("Organization".into(), format!("dept-{i}")));
                        latest.insert(("Organization".into(), format!("dept-{i}")), dept.clone());
                        sent.push(dept);
                        svc["providedBy"] = json!({"reference": format!("Organization/dept-{i}")});
                    }
                    4 => {
                        // A new organisation (a copy of one with its own id), with a contract
                        // (refused when the other organisation is no insurer).
                        let mut org = resource(&b, "Organization", &orgs[c.team % orgs.len()]);
                        org["id"] = json!(format!("org-new-{i}"));
                        org["identifier"] = json!([]);
                        added.push(("Organization".into(), format!("org-new-{i}")));
                        latest.insert(("Organization".into(), format!("org-new-{i}")), org.clone());
                        sent.push(org);
                        let deal = contract(&format!("contract-org-{i}"), &orgs[(c.team / 3) % orgs.len()], &format!("org-new-{i}"));
                        added.push(("OrganizationAffiliation".into(), format!("contract-org-{i}")));
                        latest.insert(("OrganizationAffiliation".into(), format!("contract-org-{i}")), deal.clone());
                        sent.push(deal);
                        svc["providedBy"] = json!({"reference": format!("Organization/org-new-{i}")});
                    }
                    _ => {}
                }
                added.push(("HealthcareService".into(), id.clone()));
                latest.insert(("HealthcareService".into(), id.clone()), svc.clone());
                sent.push(svc.clone());
                if how == 1 || how == 5 || how == 6 {
                    let mut role = resource(&b, "PractitionerRole", &roles[c.team % roles.len()]);
                    role["id"] = json!(format!("pr-for-{i}"));
                    role["healthcareService"] = json!([{"reference": format!("HealthcareService/{id}")}]);
                    added.push(("PractitionerRole".into(), format!("pr-for-{i}")));
                    latest.insert(("PractitionerRole".into(), format!("pr-for-{i}")), role.clone());
                    sent.push(role);
                }
                if how == 5 {
                    let version = r.capacity(c.team as u32 % r.teams().len() as u32).version;
                    let mut again = with_capacity(svc, "full", version + 1);
                    again["name"] = json!(format!("Nieuw team {i}, hernoemd"));
                    latest.insert(("HealthcareService".into(), id.clone()), again.clone());
                    sent.push(again);
                } else if how == 6 {
                    let mut gone = svc;
                    gone["active"] = json!(false);
                    latest.insert(("HealthcareService".into(), id.clone()), gone.clone());
                    sent.push(gone);
                }
                continue;
            }
            if let Some((k, how)) = c.org {
                let id = &orgs[k % orgs.len()];
                let mut org = latest_of(&latest, &b, "Organization", id);
                change_organisation(&mut org, how, i);
                latest.insert(("Organization".into(), id.clone()), org.clone());
                sent.push(org);
                continue;
            }
            let team = r.teams()[c.team % r.teams().len()].id.to_string();
            let mut svc = latest_of(&latest, &b, "HealthcareService", &team);
            if svc.is_null() {
                continue; // deleted before
            }
            if let Some(how) = c.removed {
                let reference = format!("HealthcareService/{team}");
                if how == 0 {
                    // The roles naming it now, deleted first.
                    let new_roles = added.iter().filter(|(t, _)| t == "PractitionerRole").map(|(_, id)| id.clone());
                    for id in roles.iter().cloned().chain(new_roles).collect::<Vec<_>>() {
                        let role = latest_of(&latest, &b, "PractitionerRole", &id);
                        let names = role["healthcareService"]
                            .as_array()
                            .is_some_and(|l| l.iter().any(|h| h["reference"] == reference.as_str()));
                        if names {
                            latest.insert(("PractitionerRole".into(), id.clone()), Value::Null);
                            sent.push(json!({"delete": format!("PractitionerRole/{id}")}));
                        }
                    }
                }
                if how < 2 {
                    latest.insert(("HealthcareService".into(), team.clone()), Value::Null);
                    sent.push(json!({"delete": reference}));
                } else {
                    svc["active"] = json!(false);
                    latest.insert(("HealthcareService".into(), team.clone()), svc.clone());
                    sent.push(svc.clone());
                    if how == 3 {
                        svc["name"] = json!(format!("Opgeheven team {i}"));
                        latest.insert(("HealthcareService".into(), team), svc.clone());
                        sent.push(svc);
                    }
                }
                continue;
            }
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
                svc["coverageArea"] = latest_of(&latest, &b, "HealthcareService", &other)["coverageArea"].clone();
            }
            if c.drop_care_type {
                if let Some(types) = svc["type"].as_array_mut().filter(|t| t.len() > 1) {
                    types.pop();
                }
            }
            latest.insert(("HealthcareService".into(), team), svc.clone());
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
        if sent.is_empty() {
            return Ok(());
        }
        let sent_count = sent.len() as u64;
        // The same changes in two bundles, the second applied to the directory the first gave
        // (its changes on top of the shared resources, which a later Practitioner change reads).
        let chained = (split > 0 && split < sent.len()).then(|| {
            let first = d.apply_history_node(history(sent[..split].to_vec()));
            first.and_then(|d1| d1.apply_history_node(history(sent[split..].to_vec())))
        });
        let applied = d.apply_history_node(history(sent));

        // The resources as they are now: changed in place, removed, new ones last in order.
        let mut full = b.clone();
        let entries = full["entry"].as_array_mut().unwrap();
        for e in entries.iter_mut() {
            let res = &mut e["resource"];
            let key = (res["resourceType"].as_str().unwrap().to_owned(), res["id"].as_str().unwrap().to_owned());
            if let Some(changed) = latest.get(&key) {
                *res = changed.clone();
            }
        }
        entries.retain(|e| !e["resource"].is_null());
        for key in &added {
            let resource = &latest[key];
            if !resource.is_null() {
                entries.push(json!({"resource": resource}));
            }
        }
        // A role moved to a coordination point that has a contact, an AGB code that is not one,
        // an insurer made a provider while providers contract it: refused by both.
        let Ok(applied) = applied else {
            proptest::prop_assert!(Directory::from_json(full.to_string().as_bytes()).is_err());
            return Ok(());
        };
        // The version goes up by one per entry when the registry is built again, by one per team
        // change otherwise (none for a change that changes nothing the registry holds; two for
        // a role moved from one team to another; one per team naming a moved Location).
        let version = applied.registry().version();
        proptest::prop_assert!(version >= r.version() && version <= r.version() + sent_count + moved);
        full["meta"] = json!({"versionId": version.to_string()});
        let rebuilt = Directory::from_json(full.to_string().as_bytes()).unwrap();
        proptest::prop_assert_eq!(applied.registry().to_doc(), rebuilt.registry().to_doc());
        proptest::prop_assert_eq!(applied.resource_count(), rebuilt.resource_count());
        // In two bundles (unless the state between them is refused): the same registry, but for
        // the version, which counts the changes of each bundle.
        if let Some(Ok(chained)) = chained {
            full["meta"] = json!({"versionId": chained.registry().version().to_string()});
            let rebuilt = Directory::from_json(full.to_string().as_bytes()).unwrap();
            proptest::prop_assert_eq!(chained.registry().to_doc(), rebuilt.registry().to_doc());
            proptest::prop_assert_eq!(chained.resource_count(), rebuilt.resource_count());
        }
    }
}

/// A PractitionerRole whose contact changed (phone, role, hours; the same services named):
/// the teams it names get the new contact in its place, the other teams are shared, as the
/// registry built again from the resources has them.
#[test]
fn a_changed_contact_replaces_the_old_one_in_its_place_without_a_rebuild() {
    let (r, d, b) = with_second_contacts();
    // A role of a team that lists more than one contact, so that the place matters.
    let (idx, team) =
        r.teams().iter().enumerate().find(|(_, t)| t.contacts.len() > 1).expect("a team with two contacts");
    let naming = roles_naming(&b, team.id.as_str());
    assert!(naming.len() > 1);
    let mut role = naming[0].clone();
    change_role(&mut role, &naming[1], 0, 7);
    change_role(&mut role, &naming[1], 1, 7);
    let next = d.apply_history_node(history(vec![role.clone()])).unwrap();
    let nr = next.registry();
    assert_eq!(nr.version(), r.version() + 1);
    let contacts = &nr.teams()[idx].contacts;
    assert_eq!(contacts[0].phone.as_deref(), Some("+31 6 00000007"));
    assert_eq!(contacts[0].role, "Wijkverpleegkundige 7");
    assert_eq!(contacts[1..], team.contacts[1..]);
    // Not rebuilt: every other team is the same value, shared.
    assert!(r.teams().iter().zip(nr.teams()).enumerate().all(|(i, (a, b))| (i == idx) != std::ptr::eq(a, b)));

    assert_rebuild_gives(nr, &b, &role);

    // The second contact made the same as the first, then changed: its place is not known from
    // its value, so the registry is built again (the untouched teams are new values), and the
    // second contact changes, not the first.
    let mut same = naming[1].clone();
    change_role(&mut same, &naming[0], 3, 0);
    let mut changed = same.clone();
    change_role(&mut changed, &naming[0], 0, 8);
    let twice = d.apply_history_node(history(vec![same])).unwrap().apply_history_node(history(vec![changed])).unwrap();
    assert_eq!(twice.registry().teams()[idx].contacts[0], team.contacts[0]);
    assert_eq!(twice.registry().teams()[idx].contacts[1].phone.as_deref(), Some("+31 6 00000008"));
    assert!(!std::ptr::eq(&twice.registry().teams()[idx + 1], &r.teams()[idx + 1]));
}

/// An Organization renamed (the same kind and registry id): the registry's organisation
/// described anew, every team shared, as the registry built again has it; another kind is a
/// rebuild.
#[test]
fn a_renamed_organisation_is_described_anew_without_a_rebuild() {
    let (r, d, b, team, _) = setup();
    let org_id = r.team(&team).unwrap().organisation.to_string();
    let mut org = resource(&b, "Organization", &org_id);
    change_organisation(&mut org, 0, 3);
    change_organisation(&mut org, 1, 3);
    let next = d.apply_history_node(history(vec![org.clone()])).unwrap();
    let nr = next.registry();
    assert_eq!(nr.version(), r.version() + 1);
    assert_eq!(nr.organisation(&org_id).unwrap().name, "Organisatie 3");
    assert_eq!(nr.organisation(&org_id).unwrap().kvk.as_ref().unwrap().to_string(), "10000003");
    assert!(r.teams().iter().zip(nr.teams()).all(|(a, b)| std::ptr::eq(a, b)));
    assert_rebuild_gives(nr, &b, &org);

    // Another kind: built again (no team shared), the kind changed.
    change_organisation(&mut org, 2, 4);
    let next = d.apply_history_node(history(vec![org])).unwrap();
    assert_ne!(next.registry().organisation(&org_id).unwrap().kind, r.organisation(&org_id).unwrap().kind);
    assert!(!std::ptr::eq(&next.registry().teams()[0], &r.teams()[0]));
    // An AGB code that is not one: refused at the Organization's entry, nothing applied.
    let mut bad = resource(&b, "Organization", &org_id);
    change_organisation(&mut bad, 3, 5);
    let e = d.apply_history_node(history(vec![bad])).unwrap_err();
    assert!(e.problems().iter().all(|p| p.path.starts_with("Bundle.entry[0].resource.identifier")), "{e:?}");
}

/// A PractitionerRole removed takes its contact from the teams it names; a new one adds its
/// contact last; one removed and added again in the same bundle returns to its old place (the
/// registry is built again for it). Each as the registry built again from the resources has it.
#[test]
fn a_removed_or_new_contact_changes_the_teams_lists_in_place() {
    let (r, d, b) = with_second_contacts();
    let (idx, team) =
        r.teams().iter().enumerate().find(|(_, t)| t.contacts.len() > 1).expect("a team with two contacts");
    let naming = roles_naming(&b, team.id.as_str());
    let delete = json!({"delete": format!("PractitionerRole/{}", naming[0]["id"].as_str().unwrap())});
    let rebuilt = |changes: &dyn Fn(&mut Vec<Value>), version: u64| {
        let mut full = b.clone();
        changes(full["entry"].as_array_mut().unwrap());
        full["meta"] = json!({"versionId": version.to_string()});
        Directory::from_json(full.to_string().as_bytes()).unwrap().registry().to_doc()
    };

    // Removed: the first contact goes, the others stay, the other teams are shared.
    let next = d.apply_history_node(history(vec![delete.clone()])).unwrap();
    let nr = next.registry();
    assert_eq!(nr.teams()[idx].contacts[..], team.contacts[1..]);
    assert!(r.teams().iter().zip(nr.teams()).enumerate().all(|(i, (a, b))| (i == idx) != std::ptr::eq(a, b)));
    let without = |e: &mut Vec<Value>| e.retain(|e| e["resource"]["id"] != naming[0]["id"]);
    assert_eq!(nr.to_doc(), rebuilt(&without, nr.version()));

    // New: its contact last, with a Practitioner new to the directory named.
    let practitioner =
        json!({"resourceType": "Practitioner", "id": "p-nieuw", "active": true, "name": [{"text": "Nieuwe Collega"}]});
    let mut role = naming[0].clone();
    role["id"] = json!("pr-nieuw");
    role["practitioner"] = json!({"reference": "Practitioner/p-nieuw"});
    let next = d.apply_history_node(history(vec![practitioner.clone(), role.clone()])).unwrap();
    let nr = next.registry();
    assert_eq!(nr.teams()[idx].contacts.last().unwrap().name, "Nieuwe Collega");
    assert_eq!(nr.teams()[idx].contacts.len(), team.contacts.len() + 1);
    assert!(std::ptr::eq(&nr.teams()[idx + 1], &r.teams()[idx + 1]));
    let with_new = |e: &mut Vec<Value>| {
        e.push(json!({"resource": practitioner}));
        e.push(json!({"resource": role}));
    };
    assert_eq!(nr.to_doc(), rebuilt(&with_new, nr.version()));

    // Removed and added again: back in its place, first.
    let next = d.apply_history_node(history(vec![delete, naming[0].clone()])).unwrap();
    assert_eq!(next.registry().teams()[idx].contacts, team.contacts);
}

/// A Practitioner renamed: the contact of each role naming it renamed in its place, the other
/// teams shared, as the registry built again has it.
#[test]
fn a_renamed_practitioner_renames_the_contact_in_place() {
    let (r, d, b) = with_second_contacts();
    let (idx, team) =
        r.teams().iter().enumerate().find(|(_, t)| t.contacts.len() > 1).expect("a team with two contacts");
    let role = &roles_naming(&b, team.id.as_str())[0];
    let pid = role["practitioner"]["reference"].as_str().unwrap().strip_prefix("Practitioner/").unwrap();
    let mut p = resource(&b, "Practitioner", pid);
    p["name"] = json!([{"given": ["Anna"], "family": "de Vries"}]);
    let next = d.apply_history_node(history(vec![p.clone()])).unwrap();
    let nr = next.registry();
    // The copy of the first role (the second contact) names the same Practitioner.
    assert!(nr.teams()[idx].contacts.iter().all(|c| c.name == "Anna de Vries"), "{:?}", nr.teams()[idx].contacts);
    // Not rebuilt: every team whose contacts stayed is the same value, shared.
    assert!(r.teams().iter().zip(nr.teams()).all(|(a, b)| a.contacts != b.contacts || std::ptr::eq(a, b)));
    assert_rebuild_gives(nr, &b, &p);
}

/// More new roles for one team than a team holds contacts: refused as the registry built again
/// refuses it, each role's edit bounded.
#[test]
fn more_contacts_than_a_team_holds_are_refused() {
    let (r, d, b, team, _) = setup();
    let role = roles_naming(&b, &team).swap_remove(0);
    let roles: Vec<Value> = (0..101)
        .map(|i| {
            let mut x = role.clone();
            x["id"] = json!(format!("pr-extra-{i}"));
            x
        })
        .collect();
    let e = d.apply_history_node(history(roles)).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.problems().iter().any(|p| p.reason.contains("contacts")), "{e:?}");
    assert_eq!(d.registry().to_doc(), r.to_doc());
}

/// A PractitionerRole moved to another team's service (a nurse changing teams): its contact
/// leaves the old team and joins the new one in its place there (after the contacts of the
/// roles before it in the directory's order), the other teams shared, as the registry built
/// again has it.
#[test]
fn a_role_moved_to_another_team_takes_its_place_there_without_a_rebuild() {
    let (r, d, b) = with_second_contacts();
    // The new team lists two contacts: its own role's, and a copy's at the end of the bundle.
    let (to, team) =
        r.teams().iter().enumerate().find(|(_, t)| t.contacts.len() > 1).expect("a team with two contacts");
    let service = format!("HealthcareService/{}", team.id);
    // A role of another team with one contact, after the new team's own role in the bundle and
    // before the copy: its contact goes between the two.
    let first = roles_naming(&b, team.id.as_str())[0]["id"].clone();
    let roles: Vec<Value> = resources_of(&b, "PractitionerRole");
    let after_first = roles.iter().position(|x| x["id"] == first).unwrap() + 1;
    let (from, mut role) = roles[after_first..]
        .iter()
        .filter(|x| x.get("healthcareService").is_some() && x["healthcareService"][0]["reference"] != service.as_str())
        .find_map(|x| {
            let id = x["healthcareService"][0]["reference"].as_str()?.strip_prefix("HealthcareService/")?;
            let i = r.team_index(id)? as usize;
            (r.teams()[i].contacts.len() == 1 && !x["id"].as_str()?.starts_with("pr-second")).then(|| (i, x.clone()))
        })
        .expect("a role of a team with one contact");
    role["healthcareService"] = json!([{"reference": service}]);
    let next = d.apply_history_node(history(vec![role.clone()])).unwrap();
    let nr = next.registry();
    assert!(nr.teams()[from].contacts.is_empty());
    let moved = &r.teams()[from].contacts[0];
    assert_eq!(nr.teams()[to].contacts.len(), 3);
    assert_eq!(nr.teams()[to].contacts[1], *moved, "between the team's own contact and the copy's");
    assert_eq!(nr.version(), r.version() + 2, "two teams described anew");
    // Not rebuilt: every other team is the same value, shared.
    assert!(
        r.teams().iter().zip(nr.teams()).enumerate().all(|(i, (a, b))| (i == from || i == to) != std::ptr::eq(a, b))
    );
    assert_rebuild_gives(nr, &b, &role);
}

/// A copy of team `k`'s HealthcareService as a new service `id`, with no registry id of its
/// own (its FHIR id is its registry id) and a name of its own.
fn new_service(b: &Value, r: &Registry, k: usize, id: &str) -> Value {
    let mut svc = resource(b, "HealthcareService", r.teams()[k % r.teams().len()].id.as_str());
    svc["id"] = json!(id);
    svc["name"] = json!(format!("Nieuw team {id}"));
    if let Some(ids) = svc.get_mut("identifier").and_then(Value::as_array_mut) {
        ids.retain(|x| !x["system"].as_str().is_some_and(|s| s.contains("wijknet")));
    }
    svc
}

#[test]
fn a_new_service_and_its_role_add_a_team_without_a_rebuild() {
    let (r, d, b) = with_second_contacts();
    let svc = new_service(&b, &r, 3, "hs-nieuw");
    let mut role = roles_naming(&b, r.teams()[5].id.as_str())[0].clone();
    role["id"] = json!("pr-nieuw");
    role["healthcareService"] = json!([{"reference": "HealthcareService/hs-nieuw"}]);
    role["telecom"] = json!([{"system": "phone", "value": "053-7777777"}]);
    let next = d.apply_history_node(history(vec![svc.clone(), role.clone()])).unwrap();
    let nr = next.registry();
    let n = r.teams().len();
    assert_eq!(nr.teams().len(), n + 1);
    assert_eq!(nr.team_index("hs-nieuw"), Some(n as u32), "a new team comes last");
    let team = nr.team("hs-nieuw").unwrap();
    assert_eq!(team.contacts.len(), 1);
    assert_eq!(team.contacts[0].phone.as_deref(), Some("053-7777777"));
    assert_eq!(team.area, r.teams()[3].area);
    assert_eq!(nr.version(), r.version() + 1, "one team added");
    // Not rebuilt: every other team is the same value, shared.
    assert!(r.teams().iter().zip(nr.teams()).all(|(a, b)| std::ptr::eq(a, b)));
    // What reading the resources anew gives.
    let mut full = b.clone();
    full["entry"].as_array_mut().unwrap().extend([json!({"resource": svc}), json!({"resource": role})]);
    full["meta"] = json!({"versionId": nr.version().to_string()});
    assert_eq!(nr.to_doc(), Directory::from_json(full.to_string().as_bytes()).unwrap().registry().to_doc());
    // And a later bundle changes the new team as any other.
    let renamed = {
        let mut s = resource(&full, "HealthcareService", "hs-nieuw");
        s["name"] = json!("Hernoemd");
        s
    };
    let later = next.apply_history_node(history(vec![renamed])).unwrap();
    assert_eq!(later.registry().team("hs-nieuw").unwrap().name, "Hernoemd");
    assert_eq!(later.registry().version(), nr.version() + 1);

    // Described again in the same bundle, after its role (renamed, full, the next capacity
    // version): added as the last description says, still without a rebuild.
    let version = r.capacity(3).version;
    let mut again = with_capacity(svc.clone(), "full", version + 1);
    again["name"] = json!("Nieuw en hernoemd");
    let next = d.apply_history_node(history(vec![svc.clone(), role.clone(), again.clone()])).unwrap();
    let nr = next.registry();
    let team = nr.team("hs-nieuw").unwrap();
    assert_eq!((team.name.as_str(), team.contacts.len()), ("Nieuw en hernoemd", 1));
    let i = nr.team_index("hs-nieuw").unwrap();
    assert_eq!(nr.capacity(i).version, version + 1);
    assert_eq!(nr.version(), r.version() + 1, "one team added");
    assert!(r.teams().iter().zip(nr.teams()).all(|(a, b)| std::ptr::eq(a, b)), "not rebuilt");
    let mut full = b.clone();
    full["entry"].as_array_mut().unwrap().extend([json!({"resource": again}), json!({"resource": role.clone()})]);
    full["meta"] = json!({"versionId": nr.version().to_string()});
    assert_eq!(nr.to_doc(), Directory::from_json(full.to_string().as_bytes()).unwrap().registry().to_doc());
    // A stale capacity version in the second description is a conflict, as for any team.
    let stale = with_capacity(svc.clone(), "full", version + 5);
    let e = d.apply_history_node(history(vec![svc.clone(), stale])).unwrap_err();
    assert!(matches!(e, wijknet::Error::VersionConflict { .. }), "{e}");
    // Described again as inactive, after a role naming it: never a team, and nothing else
    // changes (not rebuilt; the registry reading the resources anew gives).
    let mut gone = svc.clone();
    gone["active"] = json!(false);
    for bundle in [vec![svc.clone(), gone.clone()], vec![svc.clone(), role.clone(), gone.clone()]] {
        let entries = bundle.len();
        let next = d.apply_history_node(history(bundle)).unwrap();
        let nr = next.registry();
        assert_eq!(nr.team("hs-nieuw"), None);
        assert_eq!(nr.teams().len(), n);
        assert!(r.teams().iter().zip(nr.teams()).all(|(a, b)| std::ptr::eq(a, b)), "not rebuilt ({entries} entries)");
        assert!(nr.version() < r.version() + entries as u64, "not rebuilt: {} after {}", nr.version(), r.version());
        let mut full = b.clone();
        full["entry"]
            .as_array_mut()
            .unwrap()
            .extend([json!({"resource": gone.clone()}), json!({"resource": role.clone()})]);
        full["meta"] = json!({"versionId": nr.version().to_string()});
        assert_eq!(nr.to_doc(), Directory::from_json(full.to_string().as_bytes()).unwrap().registry().to_doc());
    }
    // Active again after that: built again (the version counts every entry).
    let next = d.apply_history_node(history(vec![svc.clone(), gone, svc.clone()])).unwrap();
    assert!(next.registry().team("hs-nieuw").is_some());
    assert_eq!(next.registry().version(), r.version() + 3, "rebuilt: the version counts the three entries");
}

#[test]
fn a_new_service_the_registry_cannot_take_alone_is_built_again_or_refused_as_the_rebuild_does() {
    let (r, d, b) = with_second_contacts();
    // Inactive: not a team, and the registry is built again (the version counts the entry).
    let mut inactive = new_service(&b, &r, 0, "hs-stil");
    inactive["active"] = json!(false);
    let next = d.apply_history_node(history(vec![inactive])).unwrap();
    assert_eq!(next.registry().teams().len(), r.teams().len());
    assert_eq!(next.registry().version(), r.version() + 1);
    // Provided by an Organization that is not in the directory: refused, at the reference.
    let mut orphan = new_service(&b, &r, 0, "hs-wees");
    orphan["providedBy"] = json!({"reference": "Organization/niemand"});
    let e = d.apply_history_node(history(vec![orphan])).unwrap_err();
    assert!(e.to_string().contains("providedBy"), "{e}");
    // Its registry id taken by a team: refused as a duplicate, as reading it anew refuses it.
    let mut twin = new_service(&b, &r, 0, r.teams()[1].id.as_str());
    twin["id"] = json!("hs-tweeling");
    twin["identifier"] = json!([{"system": wijknet_fhir::codes::REGISTRY_ID, "value": r.teams()[1].id.as_str()}]);
    let got = d.apply_history_node(history(vec![twin.clone()]));
    let mut full = b.clone();
    full["entry"].as_array_mut().unwrap().push(json!({"resource": twin}));
    assert!(Directory::from_json(full.to_string().as_bytes()).is_err());
    assert!(got.is_err());
}

#[test]
fn a_deleted_or_inactive_service_removes_its_team_without_a_rebuild() {
    let (r, d, b) = with_second_contacts();
    // A team whose roles are deleted with it (a role naming a deleted service is refused).
    let k = 7;
    let id = r.teams()[k].id.to_string();
    let mut changes: Vec<Value> = roles_naming(&b, &id)
        .iter()
        .map(|role| json!({"delete": format!("PractitionerRole/{}", role["id"].as_str().unwrap())}))
        .collect();
    changes.push(json!({"delete": format!("HealthcareService/{id}")}));
    // And another made inactive (its roles may stay: an inactive service's contacts are not read).
    let j = 12;
    let mut inactive = resource(&b, "HealthcareService", r.teams()[j].id.as_str());
    inactive["active"] = json!(false);
    changes.push(inactive.clone());
    // Described again, still inactive (renamed): nothing more changes.
    inactive["name"] = json!("Opgeheven");
    changes.push(inactive.clone());
    let next = d.apply_history_node(history(changes.clone())).unwrap();
    let nr = next.registry();
    assert_eq!(nr.teams().len(), r.teams().len() - 2);
    assert_eq!(nr.team_index(&id), None);
    assert_eq!(nr.team_index(r.teams()[j].id.as_str()), None);
    let last = r.teams().len() - 1;
    assert_eq!(nr.team_index(r.teams()[last].id.as_str()), Some(last as u32 - 2), "the later teams move up");
    // Not rebuilt: the teams before the first removed one are the same values, shared; the
    // version counts the two teams and nothing for the roles (whose contacts left with them).
    assert!((0..k).all(|t| std::ptr::eq(&r.teams()[t], &nr.teams()[t])));
    assert_eq!(nr.version(), r.version() + 2);
    let mut full = b.clone();
    let gone_roles: Vec<String> = roles_naming(&b, &id).iter().map(|x| x["id"].as_str().unwrap().to_owned()).collect();
    full["entry"].as_array_mut().unwrap().retain(|e| {
        let x = &e["resource"];
        !(x["resourceType"] == "HealthcareService" && x["id"] == id.as_str()
            || x["resourceType"] == "PractitionerRole" && gone_roles.iter().any(|g| x["id"] == g.as_str()))
    });
    for e in full["entry"].as_array_mut().unwrap() {
        if e["resource"]["resourceType"] == "HealthcareService" && e["resource"]["id"] == inactive["id"] {
            e["resource"] = inactive.clone();
        }
    }
    full["meta"] = json!({"versionId": nr.version().to_string()});
    assert_eq!(nr.to_doc(), Directory::from_json(full.to_string().as_bytes()).unwrap().registry().to_doc());

    // Deleted while a role still names it: refused, as reading the resources anew refuses it.
    let e = d.apply_history_node(history(vec![json!({"delete": format!("HealthcareService/{id}")})])).unwrap_err();
    assert!(e.to_string().contains("not in the directory"), "{e}");
}

/// The resources of one type in a bundle, in order.
fn resources_of(b: &Value, ty: &str) -> Vec<Value> {
    b["entry"].as_array().unwrap().iter().map(|e| e["resource"].clone()).filter(|x| x["resourceType"] == ty).collect()
}

/// The OrganizationAffiliations of a bundle, in order.
fn affiliations(b: &Value) -> Vec<Value> {
    resources_of(b, "OrganizationAffiliation")
}

/// A new insurer contract between two organisations (FHIR ids).
fn contract(id: &str, insurer: &str, provider: &str) -> Value {
    json!({"resourceType": "OrganizationAffiliation", "id": id, "active": true,
           "organization": {"reference": format!("Organization/{insurer}")},
           "participatingOrganization": {"reference": format!("Organization/{provider}")},
           "code": [{"coding": [{"system": wijknet_fhir::codes::CS_AFFILIATION, "code": "insurer_contract"}]}]})
}

#[test]
fn changed_contracts_describe_their_providers_anew_without_a_rebuild() {
    let (r, d, b) = with_second_contacts();
    let insurers: Vec<String> = r
        .organisations()
        .iter()
        .filter(|o| o.kind == wijknet::OrganisationKind::Insurer)
        .map(|o| o.id.to_string())
        .collect();
    assert!(insurers.len() >= 2, "the demo region has insurers");
    // A provider with a contract, and an insurer it has none with.
    let (provider, missing) = r
        .organisations()
        .iter()
        .filter(|o| !o.contracted_insurers.is_empty() && !r.organisation_teams(o.id.as_str()).is_empty())
        .find_map(|o| {
            let m = insurers.iter().find(|i| !o.contracted_insurers.iter().any(|c| c.as_str() == i.as_str()))?;
            Some((o.id.to_string(), m.clone()))
        })
        .expect("a provider without every insurer");
    let old: Vec<String> =
        r.organisation(&provider).unwrap().contracted_insurers.iter().map(|i| i.to_string()).collect();
    let first = affiliations(&b)
        .into_iter()
        .find(|a| a["participatingOrganization"]["reference"] == format!("Organization/{provider}").as_str())
        .unwrap();
    let mut ended = first.clone();
    ended["active"] = json!(false);
    let new = contract("contract-nieuw", &missing, &provider);
    // An affiliation that is no contract changes nothing the registry holds.
    let mut other = contract("samenwerking", &missing, &provider);
    other["code"] = json!([{"text": "samenwerking"}]);
    let changes = vec![new.clone(), ended.clone(), other.clone()];
    let next = d.apply_history_node(history(changes)).unwrap();
    let nr = next.registry();
    let got: Vec<String> =
        nr.organisation(&provider).unwrap().contracted_insurers.iter().map(|i| i.to_string()).collect();
    let mut want: Vec<String> = old[1..].to_vec();
    want.push(missing.clone());
    assert_eq!(got, want, "the first contract ended, the new one last");
    assert_eq!(nr.version(), r.version() + 1, "one organisation described anew");
    // Not rebuilt: every team is the same value, shared.
    assert!(r.teams().iter().zip(nr.teams()).all(|(a, b)| std::ptr::eq(a, b)));
    let mut full = b.clone();
    for e in full["entry"].as_array_mut().unwrap() {
        if e["resource"]["id"] == first["id"] {
            e["resource"] = ended.clone();
        }
    }
    full["entry"].as_array_mut().unwrap().extend([json!({"resource": new}), json!({"resource": other})]);
    full["meta"] = json!({"versionId": nr.version().to_string()});
    assert_eq!(nr.to_doc(), Directory::from_json(full.to_string().as_bytes()).unwrap().registry().to_doc());

    // Deleted: the contract leaves as well.
    let next = d
        .apply_history_node(history(vec![
            json!({"delete": format!("OrganizationAffiliation/{}", first["id"].as_str().unwrap())}),
        ]))
        .unwrap();
    let got: Vec<String> =
        next.registry().organisation(&provider).unwrap().contracted_insurers.iter().map(|i| i.to_string()).collect();
    assert_eq!(got, old[1..].to_vec());
    // A contract with an organisation that is no insurer is refused, as the rebuild refuses it.
    let bad = contract("contract-fout", &provider, &provider);
    assert!(d.apply_history_node(history(vec![bad])).is_err());
}

#[test]
fn a_new_organisation_with_its_team_role_and_contract_is_added_without_a_rebuild() {
    let (r, d, b) = with_second_contacts();
    let insurer =
        r.organisations().iter().find(|o| o.kind == wijknet::OrganisationKind::Insurer).unwrap().id.to_string();
    let provider = r.organisations().iter().find(|o| !r.organisation_teams(o.id.as_str()).is_empty()).unwrap();
    let mut org = resource(&b, "Organization", provider.id.as_str());
    org["id"] = json!("org-nieuw");
    org["name"] = json!("Nieuwe Thuiszorg");
    org["identifier"] = json!([]);
    let mut svc = new_service(&b, &r, 2, "hs-van-nieuw");
    svc["providedBy"] = json!({"reference": "Organization/org-nieuw"});
    let mut role = roles_naming(&b, r.teams()[2].id.as_str())[0].clone();
    role["id"] = json!("pr-van-nieuw");
    role["healthcareService"] = json!([{"reference": "HealthcareService/hs-van-nieuw"}]);
    role["organization"] = json!({"reference": "Organization/org-nieuw"});
    let deal = contract("contract-van-nieuw", &insurer, "org-nieuw");
    let sent = vec![org.clone(), svc.clone(), role.clone(), deal.clone()];
    let next = d.apply_history_node(history(sent.clone())).unwrap();
    let nr = next.registry();
    assert_eq!(nr.organisations().len(), r.organisations().len() + 1);
    let o = nr.organisation("org-nieuw").unwrap();
    assert_eq!(o.contracted_insurers.iter().map(|i| i.to_string()).collect::<Vec<_>>(), [insurer.as_str()]);
    assert_eq!(nr.organisation_teams("org-nieuw"), &[r.teams().len() as u32]);
    // Not rebuilt: every team is the same value, shared.
    assert!(r.teams().iter().zip(nr.teams()).all(|(a, b)| std::ptr::eq(a, b)));
    assert_eq!(nr.version(), r.version() + 3, "an organisation added, its contracts read, a team added");
    let mut full = b.clone();
    full["entry"].as_array_mut().unwrap().extend(sent.into_iter().map(|x| json!({"resource": x})));
    full["meta"] = json!({"versionId": nr.version().to_string()});
    assert_eq!(nr.to_doc(), Directory::from_json(full.to_string().as_bytes()).unwrap().registry().to_doc());
    // Its id taken by an organisation of the registry: refused, as reading it anew refuses it.
    let mut twin = resource(&b, "Organization", provider.id.as_str());
    twin["id"] = json!("org-tweeling");
    twin["identifier"] = json!([{"system": wijknet_fhir::codes::REGISTRY_ID, "value": provider.id.as_str()}]);
    assert!(d.apply_history_node(history(vec![twin])).is_err());
}

#[test]
fn a_location_renamed_or_new_changes_nothing_and_a_moved_one_moves_the_areas_naming_it() {
    let (r, d, b) = with_second_contacts();
    let locations: Vec<Value> = resources_of(&b, "Location");
    let services: Vec<Value> = resources_of(&b, "HealthcareService");
    let reference = |l: &Value| format!("Location/{}", l["id"].as_str().unwrap());
    let naming = |l: &Value| -> Vec<String> {
        let reference = reference(l);
        services
            .iter()
            .filter(|s| {
                let exclusions = s["extension"].as_array().into_iter().flatten().map(|e| &e["valueReference"]);
                let area = s["coverageArea"].as_array().into_iter().flatten();
                area.chain(exclusions).any(|x| x["reference"] == reference.as_str())
            })
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // A PC4 Location that teams (and no coordination point) name.
    let pc4 = locations
        .iter()
        .find(|x| {
            x.get("identifier").is_none()
                && x["address"]["postalCode"].as_str().is_some_and(|p| p.len() == 4)
                && !naming(x).is_empty()
                && naming(x).iter().all(|s| r.team_index(s).is_some())
        })
        .unwrap();
    let mut renamed = pc4.clone();
    renamed["name"] = json!("Andere naam");
    let new = json!({"resourceType": "Location", "id": "loc-nieuw", "status": "active", "name": "7500",
                     "address": {"postalCode": "7500"}});
    let next = d.apply_history_node(history(vec![renamed.clone(), new.clone()])).unwrap();
    // Nothing the registry holds changed: the same registry value, version and all.
    assert_eq!(next.registry().version(), r.version());
    assert!(r.teams().iter().zip(next.registry().teams()).all(|(a, b)| std::ptr::eq(a, b)));

    // A Location given another postcode moves the areas that name it: those teams are
    // described anew (one version each), the others shared, and the registry is what reading
    // the resources anew gives.
    let named = naming(pc4);
    let mut moved = pc4.clone();
    moved["address"]["postalCode"] = json!("7500");
    let next = d.apply_history_node(history(vec![moved.clone()])).unwrap();
    let nr = next.registry();
    assert_eq!(nr.version(), r.version() + named.len() as u64);
    assert_rebuild_gives(nr, &b, &moved);
    for (t, team) in r.teams().iter().enumerate() {
        let kept = std::ptr::eq(team, &nr.teams()[t]);
        assert_eq!(kept, !named.contains(&team.id.to_string()), "team {t} shared unless its area moved");
    }
    assert!(named.iter().all(|s| nr.team(s).unwrap().area.pc4.iter().any(|p| p.to_string() == "7500")));

    // Given a PC4 range instead, and in the same bundle one of its teams renamed (before the
    // Location) and another given a new capacity (after it): the areas are read from the
    // Location as the bundle leaves it.
    let mut ranged = pc4.clone();
    ranged.as_object_mut().unwrap().remove("address");
    // (Its kind told by the extension alone.)
    ranged.as_object_mut().unwrap().remove("type");
    ranged["extension"] = json!([{"url": wijknet_fhir::codes::EXT_PC4_RANGE, "extension": [
        {"url": "from", "valueString": "7500"}, {"url": "to", "valueString": "7509"}]}]);
    let mut first = resource(&b, "HealthcareService", &named[0]);
    first["name"] = json!("Hernoemd team");
    let mut changes = vec![first.clone(), ranged.clone()];
    if let Some(second) = named.get(1) {
        let t = r.team_index(second).unwrap();
        changes.push(with_capacity(resource(&b, "HealthcareService", second), "full", r.capacity(t).version + 1));
    }
    let next = d.apply_history_node(history(changes.clone())).unwrap();
    assert_rebuild_gives(next.registry(), &with_changed(&b, &changes.iter().collect::<Vec<_>>()), &ranged);

    // A Location that no longer reads as an area part: refused, as reading the resources anew
    // refuses it.
    let mut broken = pc4.clone();
    broken["address"]["postalCode"] = json!("nope");
    assert!(d.apply_history_node(history(vec![broken.clone()])).is_err());
    assert!(Directory::from_json(with_changed(&b, &[&broken]).to_string().as_bytes()).is_err());

    // Deleted: one no service names changes nothing (the same registry value); one a team's
    // area names is refused, as reading the resources anew refuses the dangling reference.
    // (Every Location of the region is named: the new one above is added first.)
    let with_new = d.apply_history_node(history(vec![new.clone()])).unwrap();
    let next = with_new.apply_history_node(history(vec![json!({"delete": "Location/loc-nieuw"})])).unwrap();
    assert_eq!(next.registry().version(), r.version());
    assert!(r.teams().iter().zip(next.registry().teams()).all(|(a, b)| std::ptr::eq(a, b)));
    assert_eq!(next.resource_count(), d.resource_count());
    let e = d.apply_history_node(history(vec![json!({"delete": reference(pc4)})])).unwrap_err();
    assert!(e.to_string().contains("not in the directory"), "{e}");

    // A Location a coordination point names too, moved: the registry is built again (and the
    // version counts the entry, not the teams).
    let mut b2 = b.clone();
    let point = b2["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .map(|e| &mut e["resource"])
        .find(|s| s["resourceType"] == "HealthcareService" && r.team_index(s["id"].as_str().unwrap()).is_none())
        .expect("the region has a coordination point");
    point["coverageArea"].as_array_mut().unwrap().push(json!({"reference": reference(pc4)}));
    let d2 = Directory::from_json(b2.to_string().as_bytes()).unwrap();
    let r2 = d2.registry();
    let next = d2.apply_history_node(history(vec![moved.clone()])).unwrap();
    assert_eq!(next.registry().version(), r2.version() + 1, "built again");
    assert_rebuild_gives(next.registry(), &b2, &moved);

    // A municipality renamed is a change the registry holds.
    let municipality = locations.iter().find(|x| x.get("identifier").is_some()).unwrap();
    let mut renamed = municipality.clone();
    renamed["name"] = json!("Hernoemde gemeente");
    let next = d.apply_history_node(history(vec![renamed.clone()])).unwrap();
    assert_rebuild_gives(next.registry(), &b, &renamed);
    assert!(next.registry().municipalities().iter().any(|m| m.name == "Hernoemde gemeente"));
}

#[test]
fn a_renamed_or_new_department_changes_nothing_its_new_service_is_a_team_and_a_moved_one_rebuilds() {
    let (_, _, b) = with_second_contacts();
    let orgs = organisations(&b);
    let dept = json!({"resourceType": "Organization", "id": "afdeling", "active": true, "name": "Afdeling Noord",
                      "partOf": {"reference": format!("Organization/{}", orgs[0])}});
    let mut full = b.clone();
    full["entry"].as_array_mut().unwrap().push(json!({"resource": dept.clone()}));
    let d = Directory::from_json(full.to_string().as_bytes()).unwrap();
    let r = d.registry().clone();
    let mut renamed = dept.clone();
    renamed["name"] = json!("Afdeling Zuid");
    let next = d.apply_history_node(history(vec![renamed])).unwrap();
    assert_eq!(next.registry().version(), r.version(), "nothing the registry holds changed");
    assert!(r.teams().iter().zip(next.registry().teams()).all(|(a, b)| std::ptr::eq(a, b)));
    // Part of another organisation: built again (the version counts the entry).
    let mut moved = dept.clone();
    moved["partOf"] = json!({"reference": format!("Organization/{}", orgs[1])});
    assert_eq!(d.apply_history_node(history(vec![moved])).unwrap().registry().version(), r.version() + 1);
    // Made inactive: built again as well.
    let mut closed = dept.clone();
    closed["active"] = json!(false);
    assert_eq!(d.apply_history_node(history(vec![closed])).unwrap().registry().version(), r.version() + 1);

    // New: a department, and an inactive organisation, that nothing refers to change nothing
    // the registry holds (the same value), and the directory holds them.
    let mut new_dept = dept.clone();
    new_dept["id"] = json!("afdeling-2");
    let mut new_inactive =
        json!({"resourceType": "Organization", "id": "gesloten", "active": false, "name": "Gesloten"});
    let next = d.apply_history_node(history(vec![new_dept.clone(), new_inactive.clone()])).unwrap();
    assert_eq!(next.registry().version(), r.version());
    assert!(r.teams().iter().zip(next.registry().teams()).all(|(a, b)| std::ptr::eq(a, b)));
    assert_eq!(next.resource_count(), d.resource_count() + 2);
    // Then a service that the new department provides: a new team of the department's
    // organisation, without a rebuild, as reading the resources anew gives it.
    let mut svc = new_service(&b, &r, 0, "hs-afdeling");
    svc["providedBy"] = json!({"reference": "Organization/afdeling-2"});
    let next = d.apply_history_node(history(vec![new_dept.clone(), svc.clone()])).unwrap();
    assert_eq!(next.registry().version(), r.version() + 1, "one team added");
    assert!(r.teams().iter().zip(next.registry().teams()).all(|(a, b)| std::ptr::eq(a, b)), "not rebuilt");
    let rebuilt_with = |extra: &[&Value], version: u64| {
        let mut all = full.clone();
        for x in extra {
            all["entry"].as_array_mut().unwrap().push(json!({"resource": x}));
        }
        all["meta"] = json!({"versionId": version.to_string()});
        Directory::from_json(all.to_string().as_bytes()).map(|d| d.registry().to_doc())
    };
    assert_eq!(next.registry().to_doc(), rebuilt_with(&[&new_dept, &svc], next.registry().version()).unwrap());
    assert!(next.registry().team("hs-afdeling").is_some_and(|t| t.organisation.as_str() == orgs[0]));
    // A department of a department (the existing one): its team counts for the top
    // organisation too, still without a rebuild.
    let mut sub = dept.clone();
    sub["id"] = json!("afdeling-sub");
    sub["partOf"] = json!({"reference": "Organization/afdeling"});
    let mut sub_svc = new_service(&b, &r, 1, "hs-sub");
    sub_svc["providedBy"] = json!({"reference": "Organization/afdeling-sub"});
    let next = d.apply_history_node(history(vec![sub.clone(), sub_svc.clone()])).unwrap();
    assert_eq!(next.registry().version(), r.version() + 1, "one team added");
    assert!(next.registry().team("hs-sub").is_some_and(|t| t.organisation.as_str() == orgs[0]));
    assert_eq!(next.registry().to_doc(), rebuilt_with(&[&sub, &sub_svc], next.registry().version()).unwrap());
    // Departments part of each other in a cycle: refused, as reading the resources anew
    // refuses them; a service of an inactive department too.
    let mut a = dept.clone();
    a["id"] = json!("kring-a");
    a["partOf"] = json!({"reference": "Organization/kring-b"});
    let mut b2 = dept.clone();
    b2["id"] = json!("kring-b");
    b2["partOf"] = json!({"reference": "Organization/kring-a"});
    let mut ring_svc = new_service(&b, &r, 2, "hs-kring");
    ring_svc["providedBy"] = json!({"reference": "Organization/kring-a"});
    assert!(d.apply_history_node(history(vec![a.clone(), b2.clone(), ring_svc.clone()])).is_err());
    assert!(rebuilt_with(&[&a, &b2, &ring_svc], r.version() + 3).is_err());
    let mut shut = dept.clone();
    shut["id"] = json!("afdeling-dicht");
    shut["active"] = json!(false);
    let mut shut_svc = new_service(&b, &r, 2, "hs-dicht");
    shut_svc["providedBy"] = json!({"reference": "Organization/afdeling-dicht"});
    assert!(d.apply_history_node(history(vec![shut.clone(), shut_svc.clone()])).is_err());
    assert!(rebuilt_with(&[&shut, &shut_svc], r.version() + 2).is_err());
    // A new department whose registry id has a problem: refused, as reading the resources anew
    // refuses it.
    new_inactive["active"] = json!(true);
    new_inactive["partOf"] = dept["partOf"].clone();
    new_inactive["identifier"] = json!([{"system": wijknet_fhir::codes::REGISTRY_ID, "value": ""}]);
    assert!(d.apply_history_node(history(vec![new_inactive.clone()])).is_err());
    let mut all = full.clone();
    all["entry"].as_array_mut().unwrap().push(json!({"resource": new_inactive}));
    assert!(Directory::from_json(all.to_string().as_bytes()).is_err());
}
