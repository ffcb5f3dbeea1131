use super::*;
use crate::codes::{CapacityStatus, CareType};
use serde_json::json;

pub(crate) fn small_doc() -> serde_json::Value {
    json!({
        "schema": "wijknet.registry/v1",
        "version": 7,
        "municipalities": [{"code": "GM0153", "name": "Enschede", "pc4": ["7511", "7512", "7513"]}],
        "organisations": [
            {"id": "ins-a", "name": "Verzekeraar A", "kind": "insurer"},
            {"id": "org-a", "name": "Thuiszorg A", "kind": "home_care_provider", "agb": "75750001", "kvk": "12345678",
             "contracted_insurers": ["ins-a"],
             "contact": {"name": "J. de Vries", "role": "teamleider", "phone": "053-1234567",
                         "hours": [{"days": ["mon", "tue"], "from": "08:00", "to": "17:00"}]}},
            {"id": "cp-org", "name": "Coördinatiepunt Twente", "kind": "coordination_point"}
        ],
        "teams": [
            {"id": "t-a1", "organisation": "org-a", "name": "A Centrum",
             "area": {"pc4": ["7511"], "pc4_ranges": [["7512", "7513"]], "pc6_exclude": ["7511AB"]},
             "care_types": ["personal_care", "nursing"], "max_nurse_level": "level_5", "times_of_day": ["day", "evening"],
             "capacity": {"status": "accepting", "free_places": {"nursing": 2}, "earliest_start": "2026-11-23",
                          "updated_at": "2026-11-20T08:00:00Z", "version": 3}},
            {"id": "t-a2", "organisation": "org-a", "name": "A Gemeente",
             "area": {"municipalities": ["GM0153"], "pc6_include": ["7521AA"]},
             "care_types": ["wound_care"], "max_nurse_level": "level_6", "times_of_day": ["day"],
             "capacity": {"status": "full", "updated_at": "2026-11-21T08:00:00Z"}}
        ],
        "coordination_points": [
            {"id": "cp-1", "organisation": "cp-org", "name": "CP Enschede", "area": {"municipalities": ["GM0153"]}}
        ]
    })
}

fn load(v: &serde_json::Value) -> Result<Registry> {
    Registry::from_json(v.to_string().as_bytes())
}

#[test]
fn loads_indexes_and_exports() {
    let r = load(&small_doc()).unwrap();
    assert_eq!(r.teams().len(), 2);
    assert_eq!(r.version(), 7);
    let pc = Pc4::parse("7512").unwrap();
    assert_eq!(r.teams_touching(pc), &[0, 1]);
    assert_eq!(r.teams_touching(Pc4::parse("7521").unwrap()), &[1]);
    assert!(r.teams_touching(Pc4::parse("9999").unwrap()).is_empty());
    let t = r.team("t-a1").unwrap();
    assert_eq!(t.area.coverage(Location::parse("7511AB").unwrap()), Coverage::ExcludedPc6);
    assert_eq!(t.area.coverage(Location::parse("7511AC").unwrap()), Coverage::Covered);
    let t2 = r.team("t-a2").unwrap();
    assert_eq!(t2.area.coverage(Location::parse("7521").unwrap()), Coverage::PartialPc4);
    assert_eq!(t2.area.coverage(Location::parse("7521AA").unwrap()), Coverage::Covered);
    assert_eq!(r.capacity(0).free_places.get(CareType::Nursing), Some(2));
    // export -> load gives the same document again
    let doc = r.to_doc();
    let again = Registry::from_doc(&doc).unwrap();
    assert_eq!(again.to_doc(), doc);
    assert_eq!(r.coordination_point_for(Location::parse("7513").unwrap()).unwrap().id.as_str(), "cp-1");
}

#[test]
fn reports_every_problem_with_its_path() {
    let mut d = small_doc();
    d["organisations"][1]["agb"] = json!("123");
    d["organisations"][1]["contracted_insurers"] = json!(["org-a", "nope"]);
    d["teams"][0]["care_types"] = json!(["nursing", "massage"]);
    d["teams"][0]["area"]["pc4"] = json!(["751"]);
    d["teams"][0]["area"]["pc4_ranges"] = json!([["7519", "7512"]]);
    d["teams"][1]["id"] = json!("t-a1");
    d["teams"][1]["organisation"] = json!("org-x");
    d["teams"][1]["capacity"]["updated_at"] = json!("yesterday");
    d["teams"][1]["area"]["municipalities"] = json!(["GM9999"]);
    let e = load(&d).unwrap_err();
    assert_eq!(e.code(), "invalid");
    let paths: Vec<String> = e.problems().into_iter().map(|p| p.path).collect();
    for want in [
        "$.organisations[1].agb",
        "$.organisations[1].contracted_insurers[0]",
        "$.organisations[1].contracted_insurers[1]",
        "$.teams[0].care_types[1]",
        "$.teams[0].area.pc4[0]",
        "$.teams[0].area.pc4_ranges[0]",
        "$.teams[1].id",
        "$.teams[1].organisation",
        "$.teams[1].capacity.updated_at",
        "$.teams[1].area.municipalities[0]",
    ] {
        assert!(paths.iter().any(|p| p == want), "missing {want} in {paths:?}");
    }
}

#[test]
fn structural_errors_name_the_path() {
    let mut d = small_doc();
    d["teams"][1]["care_types"] = json!("wound_care");
    let e = load(&d).unwrap_err();
    assert_eq!(e.code(), "json");
    assert_eq!(e.problems()[0].path, "$.teams[1].care_types");
    let mut d = small_doc();
    d["teams"][0]["colour"] = json!("red");
    assert_eq!(load(&d).unwrap_err().code(), "json");
    let mut d = small_doc();
    d["schema"] = json!("wijknet.registry/v2");
    assert_eq!(load(&d).unwrap_err().code(), "schema");
}

#[test]
fn capacity_update_is_optimistic_and_local() {
    let r = load(&small_doc()).unwrap();
    let upd = CapacityUpdate::from_json(
        br#"{"team":"t-a1","expected_version":3,"status":"full","updated_at":"2026-11-22T09:00:00Z"}"#,
    )
    .unwrap();
    let r2 = r.update_capacity(&upd).unwrap();
    assert_eq!(r2.capacity(0).status, CapacityStatus::Full);
    assert_eq!(r2.capacity(0).version, 4);
    assert_eq!(r2.version(), 8);
    // the old value is untouched
    assert_eq!(r.capacity(0).status, CapacityStatus::Accepting);
    // a second updater based on version 3 conflicts
    let e = r2.update_capacity(&upd).unwrap_err();
    assert_eq!(e, Error::VersionConflict { what: "team capacity", id: "t-a1".into(), expected: 3, actual: 4 });
    let mut missing = upd.clone();
    missing.team = Id::parse("t-zz").unwrap();
    assert_eq!(r.update_capacity(&missing).unwrap_err().code(), "not_found");
    let bad = CapacityUpdate::from_json(br#"{"team":"t a","expected_version":1,"status":"open","updated_at":"x"}"#)
        .unwrap_err();
    let paths: Vec<String> = bad.problems().into_iter().map(|p| p.path).collect();
    assert_eq!(paths, vec!["$.team", "$.status", "$.updated_at"]);
}

#[test]
fn registry_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Registry>();
}

#[test]
fn capacity_table_shares_untouched_chunks() {
    let caps: Vec<Capacity> = (0..200)
        .map(|i| Capacity {
            status: CapacityStatus::Accepting,
            free_places: FreePlaces::default(),
            free_hours: Default::default(),
            earliest_start: None,
            updated_at: chrono::DateTime::from_timestamp(i, 0).unwrap(),
            version: i as u64,
        })
        .collect();
    assert_eq!(std::mem::size_of::<TeamRules>(), 128, "two cache lines");
    let rules = caps.iter().map(TeamRules::for_capacity).collect();
    let t = CapacityTable::new(caps.clone(), rules);
    let mut c = caps[150].clone();
    c.status = CapacityStatus::Full;
    let t2 = t.with(150, c);
    for (i, original) in caps.iter().enumerate() {
        if i == 150 {
            assert_eq!(t2.get(i).status, CapacityStatus::Full);
        } else {
            assert_eq!(t2.get(i), original);
        }
        assert_eq!(t.get(i), original);
    }
    assert_eq!(t2.len(), 200);
}

#[test]
fn versions_never_wrap() {
    let upd = |expected_version| CapacityUpdate {
        team: Id::parse("t-a1").unwrap(),
        expected_version,
        capacity: load(&small_doc()).unwrap().capacity(0).clone(),
    };
    // A team's capacity version at the maximum: refused as invalid (retrying cannot help), and
    // the update that wrapping to 0 would have let through stays a conflict.
    let mut d = small_doc();
    d["teams"][0]["capacity"]["version"] = json!(u64::MAX);
    let r = load(&d).unwrap();
    let e = r.update_capacity(&upd(u64::MAX)).unwrap_err();
    assert_eq!(
        e,
        Error::Invalid {
            document: "capacity update",
            problems: vec![Problem {
                path: "$.expected_version".into(),
                reason: "team capacity version is at its maximum and cannot be increased".into(),
            }],
        }
    );
    assert_eq!(r.update_capacity(&upd(0)).unwrap_err().code(), "version_conflict");
    // The registry's data version at the maximum: refused too; one below takes its last update.
    let mut d = small_doc();
    d["version"] = json!(u64::MAX);
    let e = load(&d).unwrap().update_capacity(&upd(3)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid registry: `$.version`: registry version is at its maximum and cannot be increased"
    );
    d["version"] = json!(u64::MAX - 1);
    let r = load(&d).unwrap().update_capacity(&upd(3)).unwrap();
    assert_eq!((r.version(), r.capacity(0).version), (u64::MAX, 4));
}

#[test]
fn a_contact_reads_back_from_its_json_and_is_checked() {
    let r = load(&small_doc()).unwrap();
    let contact = r.organisations().iter().find_map(|o| o.contact.as_deref()).expect("org-a has a contact");
    let text = contact.to_json();
    // The registry document's own shape: 24:00 and clock times as written.
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(written, small_doc()["organisations"][1]["contact"]);
    assert_eq!(&ContactPerson::from_json(&text).unwrap(), contact);

    let mut wrong = written.clone();
    wrong["name"] = json!("Jantje 111222333");
    wrong["phone"] = json!("call Jantje 111222333");
    wrong["hours"][0]["to"] = json!("07:00");
    match ContactPerson::from_json(&wrong.to_string()) {
        Err(crate::Error::Invalid { document, problems }) => {
            assert_eq!(document, "contact");
            let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            assert_eq!(paths, ["$.phone", "$.hours[0].to"]);
            assert!(problems.iter().all(|p| !p.reason.contains("111222333")));
        }
        other => panic!("expected the problems, got {other:?}"),
    }
    wrong = written;
    wrong["role"] = json!(7);
    assert!(
        matches!(ContactPerson::from_json(&wrong.to_string()), Err(crate::Error::Json { path, .. }) if path == "$.role")
    );
}

#[test]
fn capacity_updates_at_once_are_the_updates_one_by_one() {
    // 150 teams (three capacity chunks), updated in a scrambled order with repeats.
    let mut d = small_doc();
    let team = d["teams"][0].clone();
    let teams = d["teams"].as_array_mut().unwrap();
    for i in 0..148 {
        let mut t = team.clone();
        t["id"] = json!(format!("t-x{i}"));
        t["capacity"]["version"] = json!(i % 5);
        teams.push(t);
    }
    let r = load(&d).unwrap();
    let n = r.teams().len();
    let statuses = [CapacityStatus::Full, CapacityStatus::Waitlist, CapacityStatus::Accepting];
    let mut seq = r.clone();
    let mut updates = Vec::new();
    for k in 0..200usize {
        let i = (k * 37 + k * k) % n;
        let mut capacity = seq.capacity(i as u32).clone();
        capacity.status = statuses[k % 3];
        capacity.free_places.set(CareType::Nursing, Some(k as u32));
        let u = CapacityUpdate { team: r.teams()[i].id.clone(), expected_version: capacity.version, capacity };
        seq = seq.update_capacity(&u).unwrap();
        updates.push(u);
    }
    let all = r.update_capacities(&updates).unwrap();
    assert_eq!(all.version(), r.version() + 200);
    assert_eq!(all.to_doc(), seq.to_doc());
    for i in 0..n as u32 {
        assert_eq!(all.capacity(i), seq.capacity(i));
        assert_eq!(all.capacity_rules(i), seq.capacity_rules(i));
        assert_eq!(r.capacity(i), load(&d).unwrap().capacity(i), "the original is unchanged");
    }
    assert_eq!(r.update_capacities(&[]).unwrap().to_doc(), r.to_doc());

    // The first update one by one would refuse fails the whole, with that error.
    let mut stale = updates.clone();
    stale[120].expected_version -= 1;
    let mut one_by_one = r.clone();
    let first_error = stale.iter().find_map(|u| match one_by_one.update_capacity(u) {
        Ok(next) => {
            one_by_one = next;
            None
        }
        Err(e) => Some(e),
    });
    assert_eq!(r.update_capacities(&stale).unwrap_err(), first_error.unwrap());
    let mut unknown = updates.clone();
    unknown[7].team = Id::parse("t-none").unwrap();
    assert_eq!(r.update_capacities(&unknown).unwrap_err().code(), "not_found");
    let mut d = small_doc();
    d["version"] = json!(u64::MAX - 1);
    let r = load(&d).unwrap();
    let twice =
        |v| CapacityUpdate { team: Id::parse("t-a1").unwrap(), expected_version: v, capacity: r.capacity(0).clone() };
    let e = r.update_capacities(&[twice(3), twice(4)]).unwrap_err();
    assert_eq!(e, r.update_capacity(&twice(3)).unwrap().update_capacity(&twice(4)).unwrap_err());
}

/// The teams are checked while they are read when the municipalities and organisations came
/// before them, and after the read otherwise: either way every problem is reported, in the same
/// order, with the same paths, and the same as when the document is checked as values.
#[test]
fn teams_checked_while_read_or_after_give_the_same_problems() {
    let mut doc = small_doc();
    doc["municipalities"][0]["pc4"][1] = json!("75x2");
    doc["organisations"][1]["contracted_insurers"] = json!(["org-a", "nobody"]);
    doc["teams"][0]["organisation"] = json!("nobody-known");
    doc["teams"][1]["id"] = json!("t-a1");
    doc["teams"][1]["area"]["municipalities"] = json!(["GM0999"]);
    doc["coordination_points"][0]["organisation"] = json!("nobody");
    let part = |k: &str| format!("\"{k}\": {}", doc[k]);
    let text = |keys: &[&str]| format!("{{{}}}", keys.iter().map(|k| part(k)).collect::<Vec<_>>().join(", "));
    let orders: [&[&str]; 4] = [
        &["schema", "version", "municipalities", "organisations", "teams", "coordination_points"],
        &["teams", "schema", "coordination_points", "organisations", "municipalities", "version"],
        &["schema", "municipalities", "teams", "organisations", "version", "coordination_points"],
        &["coordination_points", "organisations", "municipalities", "teams", "version", "schema"],
    ];
    let from_doc = Registry::from_doc(&serde_json::from_value::<RegistryDoc>(doc.clone()).unwrap()).unwrap_err();
    let Error::Invalid { problems, .. } = &from_doc else { panic!("{from_doc:?}") };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.municipalities[0].pc4[1]",
            "$.organisations[1].contracted_insurers[0]",
            "$.organisations[1].contracted_insurers[1]",
            "$.teams[0].organisation",
            "$.teams[1].id",
            "$.teams[1].area.municipalities[0]",
            "$.coordination_points[0].organisation",
        ]
    );
    for keys in orders {
        let e = Registry::from_json(text(keys).as_bytes()).unwrap_err();
        assert_eq!(e, from_doc, "{keys:?}");
    }
    // And a valid document loads the same in every order.
    let good = small_doc();
    let part = |k: &str| format!("\"{k}\": {}", good[k]);
    let reference = load(&good).unwrap().to_doc();
    for keys in orders {
        let text = format!("{{{}}}", keys.iter().map(|k| part(k)).collect::<Vec<_>>().join(", "));
        assert_eq!(Registry::from_json(text.as_bytes()).unwrap().to_doc(), reference, "{keys:?}");
    }
}

/// A structural error after the teams (checked while read) is still the answer, not their
/// problems; so are an unknown field and a wrong schema tag.
#[test]
fn a_json_error_after_teams_checked_while_read_wins() {
    let mut doc = small_doc();
    doc["teams"][0]["organisation"] = json!("nobody-known");
    let head = format!(
        "{{\"schema\": \"wijknet.registry/v1\", \"municipalities\": {}, \"organisations\": {}, \"teams\": {}",
        doc["municipalities"], doc["organisations"], doc["teams"]
    );
    let e = Registry::from_json(format!("{head}, \"coordination_points\": 5}}").as_bytes()).unwrap_err();
    assert!(matches!(&e, Error::Json { path, .. } if path == "$.coordination_points"), "{e:?}");
    let e = Registry::from_json(format!("{head}, \"extra\": 1}}").as_bytes()).unwrap_err();
    assert!(matches!(&e, Error::Json { message, .. } if message.starts_with("unknown field `extra`")), "{e:?}");
    let e = Registry::from_json(format!("{head}, \"teams\": []}}").as_bytes()).unwrap_err();
    assert!(matches!(&e, Error::Json { message, .. } if message == "duplicate field `teams`"), "{e:?}");
    let wrong = head.replace("registry/v1", "registry/v9");
    let e = Registry::from_json(format!("{wrong}}}").as_bytes()).unwrap_err();
    assert!(matches!(&e, Error::Schema { .. }), "{e:?}");
    let e = Registry::from_json(format!("{}}}", head.replace("\"schema\": \"wijknet.registry/v1\", ", "")).as_bytes())
        .unwrap_err();
    assert!(matches!(&e, Error::Schema { .. }), "{e:?}");
}

/// The id ranks of all teams, in the byte order of their ids.
fn ranks_in_id_order(r: &Registry) -> Vec<u32> {
    let mut teams: Vec<(String, u32)> =
        (0..r.teams().len()).map(|t| (r.teams()[t].id.to_string(), r.capacity.rules(t).id_rank)).collect();
    teams.sort();
    teams.into_iter().map(|(_, rank)| rank).collect()
}

#[test]
fn new_ids_between_the_same_two_neighbours_are_ranked_until_the_ranks_are_spaced_anew() {
    let base = load(&small_doc()).unwrap();
    let team = |k: usize| {
        let mut t = base.to_doc().teams[0].clone();
        // Each sorts after the one before it and before `t-a2`: each new rank halves the room.
        t.id = format!("t-a1-{k:03}");
        t
    };
    let mut one_by_one = base.clone();
    let mut spaced = 0;
    for k in 0..80 {
        let before = ranks_in_id_order(&one_by_one);
        one_by_one = one_by_one.add_teams(&[team(k)]).unwrap();
        let after = ranks_in_id_order(&one_by_one);
        assert!(after.windows(2).all(|w| w[0] < w[1]), "after {k}: {after:?}");
        // The existing teams keep their ranks until there is no room left.
        let kept = after.iter().filter(|r| before.contains(r)).count();
        if kept < before.len() {
            spaced += 1;
        }
    }
    assert!((1..=3).contains(&spaced), "ranks spaced anew {spaced} times");
    let at_once = base.add_teams(&(0..80).map(team).collect::<Vec<_>>()).unwrap();
    assert!(ranks_in_id_order(&at_once).windows(2).all(|w| w[0] < w[1]));
    assert_eq!(at_once.to_doc(), one_by_one.to_doc());
    assert_eq!(at_once.version(), base.version() + 80);
}

/// The coordination point accountable for a location is the first, in document order, whose
/// area covers it, found through the postcode index: the same as reading every point's area,
/// with overlapping areas, excluded and included streets and a PC4 no point touches.
#[test]
fn coordination_point_is_the_first_covering_one() {
    let mut doc = small_doc();
    doc["municipalities"][0]["pc4"] = json!(["7511", "7512", "7513", "7514"]);
    doc["coordination_points"] = json!([
        {"id": "cp-a", "organisation": "cp-org", "name": "A", "area": {"pc4": ["7511"], "pc6_exclude": ["7511AB"]}},
        {"id": "cp-b", "organisation": "cp-org", "name": "B", "area": {"pc4": ["7512"], "pc6_include": ["7511AB", "7513AA"]}},
        {"id": "cp-c", "organisation": "cp-org", "name": "C", "area": {"pc4_ranges": [["7511", "7513"]]}}
    ]);
    let r = Registry::from_json(doc.to_string().as_bytes()).unwrap();
    let found = |l: &str| r.coordination_point_for(Location::parse(l).unwrap()).map(|p| p.id.as_str());
    assert_eq!(found("7511AA"), Some("cp-a"));
    assert_eq!(found("7511AB"), Some("cp-b"));
    assert_eq!(found("7511"), Some("cp-a"));
    assert_eq!(found("7512ZZ"), Some("cp-b"));
    assert_eq!(found("7513AA"), Some("cp-b"));
    assert_eq!(found("7513AB"), Some("cp-c"));
    assert_eq!(found("7514AA"), None);
    assert_eq!(found("9999"), None);
    for pc4 in ["7510", "7511", "7512", "7513", "7514"] {
        for street in ["", "AA", "AB", "ZZ"] {
            let l = Location::parse(&format!("{pc4}{street}")).unwrap();
            let every = r.coordination_points().iter().find(|p| p.area.coverage(l) == Coverage::Covered);
            assert_eq!(r.coordination_point_for(l).map(|p| &p.id), every.map(|p| &p.id), "{l}");
        }
    }
}
