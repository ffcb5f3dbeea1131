//! Applies a _history Bundle of 100 capacity changes to the national directory in a loop (for a
//! profiler), then the same bundle with other changes of the teams (renamed, another area: the
//! teams are described anew), 100 contacts changed (PractitionerRoles), with an organisation
//! renamed, a department added, and a service moved to another organisation (the registry is
//! built again from the resources), then bundles one after another.
//! `history_national N [capacity|chain|structural|teams] [WORD]` runs only the capacity changes,
//! the chained part, the rebuild or the teams described anew (and of those, the cases whose name
//! contains WORD).
use serde_json::{Value, json};
use wijknet::Registry;
use wijknet_fhir::{BundleType, Directory, to_bundle};

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
    let bundle = to_bundle(&r, BundleType::Collection);
    let services: std::collections::HashMap<&str, &Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "HealthcareService")
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();
    let step = r.teams().len() / 100;
    // 100 capacity changes, of teams `offset`, `offset + step`, ... (each changed once).
    let changes = |offset: usize| -> String {
        let mut entries: Vec<Value> = (0..100).map(|k| {
        let i = k * step + offset;
        let team = &r.teams()[i];
        let mut svc = services[team.id.as_str()].clone();
        let next = r.capacity(i as u32).version + 1;
        for ext in svc["extension"].as_array_mut().unwrap() {
            if ext["url"].as_str().is_some_and(|u| u.ends_with("/capacity")) {
                ext["extension"] = json!([{"url": "status", "valueCode": "full"}, {"url": "updatedAt", "valueInstant": "2026-11-22T13:00:00Z"}, {"url": "version", "valueString": next.to_string()}]);
            }
        }
        json!({"resource": svc, "request": {"method": "PUT", "url": format!("HealthcareService/{}", team.id)}})
    }).collect();
        entries.reverse();
        json!({"resourceType": "Bundle", "type": "history", "entry": entries}).to_string()
    };
    let h = changes(0);
    let d = Directory::from_registry(&r);
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    // `history_national N chain`: only the bundles one after another (for a profiler).
    let mode = std::env::args().nth(2);
    let only_chain = mode.as_deref() == Some("chain");
    if !only_chain && (mode.is_none() || mode.as_deref() == Some("capacity")) {
        // Per apply: wall time (median, p99); on-CPU time only in total (it is counted in ticks).
        let (t, c) = (std::time::Instant::now(), on_cpu());
        let mut wall = Vec::with_capacity(n);
        for _ in 0..n {
            let t = std::time::Instant::now();
            std::hint::black_box(d.apply_history(h.as_bytes()).unwrap());
            wall.push(t.elapsed());
        }
        let cpu = (on_cpu() - c) as f64 / 1e6 / n as f64;
        wall.sort_unstable();
        println!(
            "{:?} per apply ({} bytes); on CPU {cpu:.2} ms per apply; wall median {:.2?}, p99 {:.2?}, min {:.2?}",
            t.elapsed() / n as u32,
            h.len(),
            wall[n / 2],
            wall[(n * 99).div_ceil(100) - 1],
            wall[0]
        );
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(wijknet_fhir::json::parse(h.as_bytes(), "Bundle", "x").unwrap());
        }
        println!("{:?} per parse", t.elapsed() / n as u32);
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(serde_json::from_slice::<Value>(h.as_bytes()).unwrap());
        }
        println!("{:?} per serde_json::Value parse", t.elapsed() / n as u32);
        let node = wijknet_fhir::json::parse(h.as_bytes(), "Bundle", "x").unwrap();
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(d.apply_history_node(node.clone()).unwrap());
        }
        println!("{:?} per apply of a parsed bundle (clone included)", t.elapsed() / n as u32);
        let t = std::time::Instant::now();
        let mut reg = r.clone();
        for i in 0..n {
            let k = (i * 7919) % r.teams().len();
            let mut c = reg.capacity(k as u32).clone();
            c.status = wijknet::CapacityStatus::Full;
            let u = wijknet::registry::CapacityUpdate {
                team: r.teams()[k].id.clone(),
                expected_version: c.version,
                capacity: c,
            };
            reg = reg.update_capacity(&u).unwrap();
        }
        println!("{:?} per core capacity update", t.elapsed() / n as u32);
        // The core's part of the teams described anew: 100 teams renamed, each with the next
        // capacity version, area and contacts kept (as a _history of renamed services gives).
        let docs: Vec<_> = (0..100)
            .map(|k| {
                let i = k * step;
                let mut t = doc.teams[i].clone();
                t.name = format!("{} (renamed)", t.name);
                t.capacity.version = r.capacity(i as u32).version + 1;
                wijknet::registry::TeamChange { team: t, same_area: true, same_contacts: true }
            })
            .collect();
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(r.replace_teams(&docs).unwrap());
        }
        println!("{:?} per core replace_teams of 100 teams", t.elapsed() / n as u32);
        // And of an organisation renamed (contracts and contact kept).
        let mut o = doc.organisations[0].clone();
        o.name = format!("{} (renamed)", o.name);
        let change =
            [wijknet::registry::OrganisationChange { organisation: o, same_insurers: true, same_contact: true }];
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(r.replace_organisations(&change).unwrap());
        }
        println!(
            "{:?} per core replace_organisations of 1 organisation ({} teams, {} organisations)",
            t.elapsed() / n as u32,
            r.organisation_teams(&doc.organisations[0].id).len(),
            r.organisations().len()
        );
    }
    if mode.as_deref() == Some("capacity") {
        return;
    }
    // Changes that are not only capacity. Each variant of the 100-change bundle is applied
    // `reps` times (a rebuild at most 10 times).
    let variant = |change: &dyn Fn(usize, &mut Value)| -> String {
        let mut v: Value = serde_json::from_str(&h).unwrap();
        for (k, e) in v["entry"].as_array_mut().unwrap().iter_mut().enumerate() {
            change(k, &mut e["resource"]);
        }
        v.to_string()
    };
    // The capacity changes with more resources PUT first (the newest entries of a history),
    // given oldest first.
    let plus_all = |resources: Vec<Value>| -> String {
        let mut v: Value = serde_json::from_str(&h).unwrap();
        for resource in resources {
            let url = format!("{}/{}", resource["resourceType"].as_str().unwrap(), resource["id"].as_str().unwrap());
            v["entry"]
                .as_array_mut()
                .unwrap()
                .insert(0, json!({"resource": resource, "request": {"method": "PUT", "url": url}}));
        }
        v.to_string()
    };
    let plus = |resource: Value| plus_all(vec![resource]);
    // A copy of the 10,000th service under a new id (the registry id is the FHIR id).
    let copied_service = |id: &str| -> Value {
        let mut svc = services[r.teams()[10_000].id.as_str()].clone();
        svc["id"] = json!(id);
        if let Some(ids) = svc.get_mut("identifier").and_then(Value::as_array_mut) {
            ids.retain(|x| x["system"] != wijknet_fhir::codes::REGISTRY_ID);
        }
        svc
    };
    let renamed = |k: usize, svc: &mut Value| {
        svc["name"] = json!(format!("{} (renamed {k})", svc["name"].as_str().unwrap_or("team")));
    };
    let areas: Vec<Value> =
        (0..100).map(|k| services[r.teams()[k * step + step / 2].id.as_str()]["coverageArea"].clone()).collect();
    let first_org = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|x| x["resourceType"] == "Organization")
        .unwrap();
    let org_renamed_id = first_org["id"].as_str().unwrap().to_owned();
    let org_renamed = {
        let mut org = first_org.clone();
        org["name"] = json!("Renamed organisation");
        plus(org)
    };
    // A new department of the first organisation, and a service it provides: a new team of
    // that organisation (a department's team counts for the top of its `partOf` chain).
    let department_added = {
        let parent = org_renamed_id.clone();
        let mut svc = copied_service("hs-dept-new");
        svc["providedBy"] = json!({"reference": "Organization/dept-new"});
        let dept = json!({"resourceType": "Organization", "id": "dept-new", "active": true, "name": "Nieuwe afdeling",
                          "partOf": {"reference": format!("Organization/{parent}")}});
        plus_all(vec![dept, svc])
    };
    // The 10,000th service provided by another organisation: the registry built again (a team
    // moved between organisations is read anew with every resource).
    let service_moved = {
        let mut svc = services[r.teams()[10_000].id.as_str()].clone();
        svc["providedBy"] = json!({"reference": format!("Organization/{org_renamed_id}")});
        plus(svc)
    };
    // 100 PractitionerRoles, each naming one of the teams, with a new phone: the contact
    // replaced in each team's list.
    let (contacts_changed, contacts_added) = {
        let mut role_of: std::collections::HashMap<&str, &Value> = std::collections::HashMap::new();
        for x in bundle["entry"].as_array().unwrap().iter().map(|e| &e["resource"]) {
            if x["resourceType"] == "PractitionerRole" {
                if let Some(s) = x["healthcareService"][0]["reference"].as_str() {
                    role_of.entry(s.trim_start_matches("HealthcareService/")).or_insert(x);
                }
            }
        }
        // Changed in place, or (`new`) a new role beside each: its contact added last.
        let roles = |new: bool| {
            let mut entries: Vec<Value> = (0..r.teams().len())
                .filter_map(|i| role_of.get(r.teams()[i].id.as_str()))
                .take(100)
                .enumerate()
                .map(|(k, role)| {
                    let mut role = (*role).clone();
                    role["telecom"] = json!([{"system": "phone", "value": format!("053-77{k:05}")}]);
                    if new {
                        role["id"] = json!(format!("pr-new-{k}"));
                    }
                    let url = format!("PractitionerRole/{}", role["id"].as_str().unwrap());
                    json!({"resource": role, "request": {"method": "PUT", "url": url}})
                })
                .collect();
            assert_eq!(entries.len(), 100, "100 teams with a contact");
            entries.reverse();
            json!({"resourceType": "Bundle", "type": "history", "entry": entries}).to_string()
        };
        (roles(false), roles(true))
    };
    // The Practitioner of the first role renamed: the roles naming it are found by a scan.
    // A nurse changing teams: a role naming another team's service (its contact joins that
    // team in its place among the roles naming it, found through the roles' index).
    let role_moved = {
        let resources: Vec<&Value> = bundle["entry"].as_array().unwrap().iter().map(|e| &e["resource"]).collect();
        let mut role = (*resources
            .iter()
            .find(|x| x["resourceType"] == "PractitionerRole" && x.get("healthcareService").is_some())
            .unwrap())
        .clone();
        let other = resources.iter().filter(|x| x["resourceType"] == "HealthcareService").nth(10_000).unwrap();
        role["healthcareService"] =
            json!([{"reference": format!("HealthcareService/{}", other["id"].as_str().unwrap())}]);
        plus(role)
    };
    let practitioner_renamed = {
        let role = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .find(|x| x["resourceType"] == "PractitionerRole" && x.get("healthcareService").is_some())
            .unwrap();
        let pid = role["practitioner"]["reference"].as_str().unwrap().trim_start_matches("Practitioner/");
        let mut p = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .find(|x| x["resourceType"] == "Practitioner" && x["id"] == pid)
            .unwrap()
            .clone();
        p["name"] = json!([{"text": "Hernoemde Collega"}]);
        plus(p)
    };
    // A new team: a copy of the 10,000th service under a new id (the registry id is the FHIR
    // id), a team added after the others.
    let team_added = {
        let mut svc = copied_service("hs-new-team");
        svc["name"] = json!("Nieuw team");
        plus(svc)
    };
    // The same new team described again in the bundle (renamed right after it was made): added
    // as its last description says.
    let team_added_twice = {
        let mut svc = copied_service("hs-new-twice");
        svc["name"] = json!("Nieuw team");
        let mut again = svc.clone();
        again["name"] = json!("Nieuw team, hernoemd");
        plus_all(vec![svc, again])
    };
    // A team closing: the 10,000th service made inactive (its roles may stay), a team removed
    // and the 11,000 after it moved up a place.
    let team_closed = {
        let mut svc = services[r.teams()[10_000].id.as_str()].clone();
        svc["active"] = json!(false);
        plus(svc)
    };
    // An insurer contract ended: the first OrganizationAffiliation made inactive, its provider
    // described anew with its contracts read again.
    let contract_ended = {
        let mut a = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .find(|x| x["resourceType"] == "OrganizationAffiliation")
            .unwrap()
            .clone();
        a["active"] = json!(false);
        plus(a)
    };
    // A new provider: an Organization, a HealthcareService of it (a copy of the 10,000th team's)
    // and a contract with the first contract's insurer, three PUTs first.
    let organisation_added = {
        let insurer = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .find(|x| x["resourceType"] == "OrganizationAffiliation")
            .unwrap()["organization"]
            .clone();
        let mut svc = copied_service("hs-new-provider");
        svc["providedBy"] = json!({"reference": "Organization/org-new-provider"});
        plus_all(vec![
            json!({"resourceType": "Organization", "id": "org-new-provider", "active": true, "name": "Nieuwe Thuiszorg",
                   "type": first_org["type"].clone()}),
            svc,
            json!({"resourceType": "OrganizationAffiliation", "id": "contract-new-provider", "active": true,
                   "organization": insurer, "participatingOrganization": {"reference": "Organization/org-new-provider"},
                   "code": [{"coding": [{"system": wijknet_fhir::codes::CS_AFFILIATION, "code": "insurer_contract"}]}]}),
        ])
    };
    // A Location given another postcode: the first PC4 Location that a team's area names, from
    // the 10,000th team on, moved to another PC4; every team naming it is described anew with its area read
    // again (found through the directory's index of services by Location, made on first use).
    let location_moved = {
        let pc4s: std::collections::HashMap<&str, &Value> = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .filter(|x| {
                x["resourceType"] == "Location"
                    && x.get("identifier").is_none()
                    && x["address"]["postalCode"].as_str().is_some_and(|p| p.len() == 4)
            })
            .map(|x| (x["id"].as_str().unwrap(), x))
            .collect();
        let first = r
            .teams()
            .iter()
            .skip(10_000)
            .flat_map(|t| services[t.id.as_str()]["coverageArea"].as_array().unwrap())
            .filter_map(|x| x["reference"].as_str()?.strip_prefix("Location/"))
            .find_map(|id| pc4s.get(id))
            .expect("a PC4 Location in a team's area");
        let mut loc = (*first).clone();
        let pc4: u32 = loc["address"]["postalCode"].as_str().unwrap().parse().unwrap();
        loc["address"]["postalCode"] = json!(format!("{}", if pc4 < 9999 { pc4 + 1 } else { pc4 - 1 }));
        plus(loc)
    };
    let cases: [(&str, String, bool); 16] = [
        (
            "one team also renamed",
            variant(&|k, svc| {
                if k == 0 {
                    renamed(k, svc)
                }
            }),
            false,
        ),
        ("every team also renamed", variant(&renamed), false),
        ("every team also given another team's area", variant(&|k, svc| svc["coverageArea"] = areas[k].clone()), false),
        ("contacts only (PractitionerRoles' phones)", contacts_changed, false),
        ("contacts only (new PractitionerRoles)", contacts_added, false),
        ("plus one organisation renamed", org_renamed, false),
        ("plus one Practitioner renamed", practitioner_renamed, false),
        ("plus one PractitionerRole moved to another team", role_moved, false),
        ("plus one new HealthcareService (a new team)", team_added, false),
        ("plus one new HealthcareService described twice (a new team)", team_added_twice, false),
        ("plus one HealthcareService made inactive (a team removed)", team_closed, false),
        ("plus one insurer contract ended", contract_ended, false),
        ("plus a new organisation with a team and a contract", organisation_added, false),
        ("plus one Location given another postcode", location_moved, false),
        ("plus a new department and its service (a new team)", department_added, false),
        ("plus one service moved to another organisation (the registry is built again)", service_moved, true),
    ];
    for (what, bundle, rebuild) in &cases {
        let only = std::env::args().nth(3);
        if (mode.as_deref() == Some("structural") && !rebuild)
            || (mode.as_deref() == Some("teams") && *rebuild)
            || only.is_some_and(|o| !what.contains(o.as_str()))
        {
            continue;
        }
        let reps = if *rebuild { n.clamp(1, 10) } else { n };
        let mut wall: Vec<_> = (0..reps)
            .map(|_| {
                let t = std::time::Instant::now();
                std::hint::black_box(d.apply_history(bundle.as_bytes()).unwrap());
                t.elapsed()
            })
            .collect();
        wall.sort_unstable();
        println!(
            "100 changes, {what}: wall median {:.2?}, p99 {:.2?}, max {:.2?} of {reps}",
            wall[reps / 2],
            wall[(reps * 99).div_ceil(100) - 1],
            wall[reps - 1]
        );
    }
    if mode.is_some() && !only_chain {
        return;
    }
    // A host applies one bundle after another: each to the directory the last one gave (the
    // changes since the last compaction are copied, and folded in now and then).
    let bundles: Vec<String> = (0..step.min(n)).map(changes).collect();
    let mut current = d.clone();
    let mut wall = Vec::with_capacity(bundles.len());
    for b in &bundles {
        let t = std::time::Instant::now();
        current = current.apply_history(b.as_bytes()).unwrap();
        wall.push(t.elapsed());
    }
    wall.sort_unstable();
    let m = wall.len();
    println!(
        "{m} bundles one after another: wall median {:.2?}, p99 {:.2?}, max {:.2?} (registry version {})",
        wall[m / 2],
        wall[(m * 99).div_ceil(100) - 1],
        wall[m - 1],
        current.registry().version()
    );
}
