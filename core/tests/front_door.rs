//! The front door's table against what each language really offers: every name in
//! `wijknet::api::OPERATIONS` must exist in the committed C header, the Python stubs and the
//! generated Kotlin, and the README's concept table must be the one the table writes
//! (`WIJKNET_BLESS=1 cargo test -p wijknet --test front_door` rewrites it).

use std::path::PathBuf;

use wijknet::api::{OPERATIONS, concept_table};

// The check of names against the header, the stubs and the Kotlin, shared with wijknet-fhir's
// front-door test.
#[path = "support/offered.rs"]
mod offered;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

#[test]
fn every_named_operation_exists_in_its_language() {
    let missing = offered::missing(OPERATIONS);
    assert!(missing.is_empty(), "named in wijknet::api::OPERATIONS but not offered:\n{}", missing.join("\n"));
}

#[test]
fn the_readme_table_is_written_from_the_operations() {
    offered::readme_table("<!-- front-door table: written by core/tests/front_door.rs -->\n", &concept_table());
}

#[test]
fn concepts_are_named_once() {
    let mut seen = std::collections::BTreeSet::new();
    for o in OPERATIONS {
        assert!(seen.insert(o.concept), "concept `{}` is listed twice", o.concept);
    }
}

mod calls {
    use chrono::{DateTime, Utc};
    use serde_json::Value;
    use wijknet::agreements::Agreements;
    use wijknet::api;
    use wijknet::consent::{ConsentRequest, ConsentStore, local_date};
    use wijknet::{Location, Registry};

    fn vectors(path: &str) -> Vec<u8> {
        std::fs::read(super::repo("tests/vectors").join(path)).expect("vector")
    }

    #[test]
    fn decide_under_agreements_is_the_two_steps_in_one() {
        let region = Registry::from_json(&vectors("registries/region.json")).unwrap();
        let agreements = Agreements::from_json(&vectors("registries/region.agreements.json"), &region).unwrap();
        let store = ConsentStore::from_json(
            br#"{"schema":"wijknet.consent/v1","version":"t","clients":[{"id":"client-0001","date_of_birth":"1950-01-01","can_decide":true}],"consents":[],"objections":[]}"#,
        )
        .unwrap();
        let req = ConsentRequest::from_json(br#"{"client":"client-0001","discloser":{"organisation":"p1","role":"home_care_provider"},"recipient":{"organisation":"gp","role":"gp"},"purpose":"direct_care","categories":["medical"]}"#).unwrap();
        let at: DateTime<Utc> = "2026-11-22T10:00:00Z".parse().unwrap();
        let mut enriched = req.clone();
        agreements.add_consent_facts(&mut enriched, local_date(at));
        let one = api::decide(&store, Some(&agreements), req.clone(), at, true).unwrap();
        assert_eq!(one.decision, store.decide(&enriched, at).unwrap());
        assert_eq!(one.audit, store.audit_record(&enriched, &one.decision));
        assert_eq!(one.trace, Some(store.decide_with_trace(&enriched, at).unwrap().1));
        let without = api::decide(&store, None, req, at, false).unwrap();
        assert_ne!(without.decision, one.decision, "the agreements change this answer");
        assert!(without.trace.is_none());
        let v: Value = serde_json::from_str(&without.to_json()).unwrap();
        assert!(v.get("decision").is_some() && v.get("audit").is_some() && v.get("trace").is_none());
    }

    #[test]
    fn registry_queries_are_document_shaped() {
        let basic = Registry::from_json(&vectors("registries/basic.json")).unwrap();
        let ids = |json: &str| -> Vec<String> {
            let v: Value = serde_json::from_str(json).unwrap();
            v.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_owned()).collect()
        };
        assert_eq!(ids(&api::teams_json(&basic, None)), ["a1", "a2", "b1", "c1", "b2", "b3"]);
        let near = Location::parse("7512AB").unwrap();
        let touching: Vec<String> =
            basic.teams_touching(near.pc4()).iter().map(|&i| basic.teams()[i as usize].id.to_string()).collect();
        assert_eq!(ids(&api::teams_json(&basic, Some(near))), touching);
        let doc: Value = serde_json::from_str(&basic.to_json()).unwrap();
        let b1: Value = serde_json::from_str(&api::team_json(&basic, "b1").unwrap()).unwrap();
        assert_eq!(b1, doc["teams"][2], "a team is its registry document entry");
        assert!(api::team_json(&basic, "nobody").is_none());
        let orgs: Value = serde_json::from_str(&api::organisations_json(&basic)).unwrap();
        assert_eq!(orgs, doc["organisations"]);
        let point = api::coordination_point(&basic, Location::parse("7513").unwrap()).unwrap();
        assert_eq!(serde_json::to_value(&point).unwrap(), doc["coordination_points"][0]);
        assert!(api::coordination_point_json(&basic, Location::parse("9999").unwrap()).is_none());
    }

    #[test]
    fn instants_parse_and_their_errors_repeat_nothing() {
        assert_eq!(
            api::parse_instant("2026-11-22T11:00:00+01:00", "at").unwrap().to_rfc3339(),
            "2026-11-22T10:00:00+00:00"
        );
        let e = api::parse_instant("1950-01-01", "at").unwrap_err();
        assert_eq!(e.code(), "json");
        assert!(!e.to_string().contains("1950"), "{e}");
    }
}
