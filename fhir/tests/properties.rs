//! Round-trip property: registry -> FHIR -> registry gives the same registry, for variations of
//! the demo region (capacity, versions, care types, times, levels, contact hours, streets, ids
//! that are not FHIR ids).

use proptest::prelude::*;
use serde_json::{Value, json};
use wijknet::Registry;
use wijknet_fhir::{BundleType, Directory, to_bundle_json};

const CARE: [&str; 6] =
    ["personal_care", "nursing", "wound_care", "medical_technical", "palliative_terminal", "alarm_response"];
const STATUS: [&str; 4] = ["accepting", "waitlist", "full", "unknown"];
const LEVEL: [&str; 4] = ["level_3", "level_4", "level_5", "level_6"];
const TIMES: [&str; 3] = ["day", "evening", "night"];

#[derive(Debug, Clone)]
struct Change {
    team: usize,
    status: usize,
    care_mask: u8,
    times_mask: u8,
    level: usize,
    version: u64,
    free: Option<u32>,
    earliest: Option<u8>,
    updated_secs: u32,
    hours: Option<(u8, u8)>,
    exclude: bool,
    rename: bool,
}

fn change() -> impl Strategy<Value = Change> {
    (
        0usize..64,
        0usize..4,
        1u8..64,
        1u8..8,
        0usize..4,
        any::<u64>(),
        proptest::option::of(0u32..50),
        proptest::option::of(1u8..28),
        0u32..86_400 * 30,
        proptest::option::of((0u8..23, 1u8..24)),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                team,
                status,
                care_mask,
                times_mask,
                level,
                version,
                free,
                earliest,
                updated_secs,
                hours,
                exclude,
                rename,
            )| Change {
                team,
                status,
                care_mask,
                times_mask,
                level,
                version,
                free,
                earliest,
                updated_secs,
                hours,
                exclude,
                rename,
            },
        )
}

fn apply(doc: &mut Value, c: &Change, k: usize) {
    let teams = doc["teams"].as_array_mut().unwrap();
    let n = teams.len();
    let t = &mut teams[c.team % n];
    let care: Vec<&str> =
        CARE.iter().enumerate().filter(|(i, _)| c.care_mask & (1 << i) != 0).map(|(_, s)| *s).collect();
    t["care_types"] = json!(care);
    t["times_of_day"] = json!(
        TIMES.iter().enumerate().filter(|(i, _)| c.times_mask & (1 << i) != 0).map(|(_, s)| *s).collect::<Vec<_>>()
    );
    t["max_nurse_level"] = json!(LEVEL[c.level]);
    let updated = chrono::DateTime::from_timestamp(1_790_000_000 + i64::from(c.updated_secs), 0).unwrap();
    let mut cap = json!({"status": STATUS[c.status], "updated_at": updated.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true), "version": c.version});
    if let Some(f) = c.free {
        cap["free_places"] = json!({care[0]: f});
    }
    if let Some(d) = c.earliest {
        cap["earliest_start"] = json!(format!("2026-12-{d:02}"));
    }
    t["capacity"] = cap;
    if let (Some((from, len)), Some(contact)) = (c.hours, t.get_mut("contacts").and_then(|x| x.get_mut(0))) {
        let to = (u32::from(from) + u32::from(len)).min(24);
        let to = if to == 24 { "24:00".to_owned() } else { format!("{to:02}:00") };
        contact["hours"] = json!([{"days": ["sat", "sun"], "from": format!("{from:02}:30"), "to": to}]);
    }
    if c.exclude {
        t["area"]["pc6_exclude"] = json!(["7511AB", "7514ZZ"]);
    }
    if c.rename {
        // An id with `_` and `:` is a registry id but not a FHIR id.
        let new = format!("team_{k}:x");
        let old = t["id"].as_str().unwrap().to_owned();
        if !old.contains('_') {
            t["id"] = json!(new);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn registry_to_fhir_to_registry_is_identical(changes in proptest::collection::vec(change(), 1..6), version in any::<u64>()) {
        let mut doc: Value = serde_json::from_slice(include_bytes!("../../examples/data/twente.json")).unwrap();
        doc["version"] = json!(version);
        for (k, c) in changes.iter().enumerate() {
            apply(&mut doc, c, k);
        }
        let r = Registry::from_json(doc.to_string().as_bytes()).expect("a valid variation");
        for ty in BundleType::ALL {
            let json = to_bundle_json(&r, ty);
            let back = Directory::from_json(json.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(back.registry().to_doc(), r.to_doc());
        }
    }
}
