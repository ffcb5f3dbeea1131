//! Differential and robustness properties of matching and the registry loader.

mod support;

use proptest::prelude::*;
use support::generate as gen_;
use support::reference_matcher::{reference_match, reference_match_with};
use wijknet::Registry;
use wijknet::agreements::Agreements;
use wijknet::matching::match_with;
use wijknet::matching::{MatchOptions, MatchRequest, match_request};

fn load(doc: &wijknet::registry::RegistryDoc) -> Option<Registry> {
    // Generated documents may name an organisation twice in preferences or refer to nothing;
    // such documents must be rejected cleanly, never panic.
    Registry::from_doc(doc).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any result, with or without agreements (random contacts, every kind of exclusion), reads
    /// back from its JSON as itself and is written again the same (what Python's pickle does).
    #[test]
    fn results_read_back_from_their_json(
        (doc, adoc) in gen_::registry_doc().prop_flat_map(|d| { let a = gen_::agreements_doc(&d); (Just(d), a) }),
        req in gen_::request_doc(),
        with_agreements in any::<bool>(),
    ) {
        let registry = Registry::from_doc(&doc).expect("generated registries are valid");
        let agreements = Agreements::from_doc(&adoc, &registry).expect("generated agreements are valid");
        let request = MatchRequest::from_doc(&req).expect("generated requests are valid");
        let options = MatchOptions::at(gen_::now());
        let got = if with_agreements {
            match_with(&registry, &agreements, &request, &options)
        } else {
            match_request(&registry, &request, &options)
        }
        .expect("valid request");
        let text = got.to_json();
        let back = wijknet::matching::MatchResult::from_json(&text);
        prop_assert!(back.is_ok(), "{:?}", back.err());
        let back = back.unwrap();
        prop_assert_eq!(back.to_json(), text);
        prop_assert_eq!(back, got);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// The indexed engine returns exactly the reference's candidates, order, exclusions and
    /// reasons, elsewhere count and accountable party.
    #[test]
    fn engine_agrees_with_reference(doc in gen_::registry_doc(), req in gen_::request_doc(), stale in 1u32..100) {
        let registry = Registry::from_doc(&doc).expect("generated registries are valid");
        let request = MatchRequest::from_doc(&req).expect("generated requests are valid");
        let options = MatchOptions { now: gen_::now(), stale_after: chrono::Duration::hours(i64::from(stale)) };
        let got = match_request(&registry, &request, &options).expect("valid request");
        let want = reference_match(&registry, &request, &options);

        let got_candidates: Vec<_> = got.candidates.iter().map(|c| {
            (c.team.to_string(), c.preferred, c.possible_start, c.flags.iter().collect::<Vec<_>>(), c.free_hours.map(|h| h.get()))
        }).collect();
        let want_candidates: Vec<_> = want.candidates.iter().map(|c| (c.team.clone(), c.preferred, c.start, c.flags.clone(), c.free_hours)).collect();
        prop_assert_eq!(got_candidates, want_candidates);
        let got_excluded: Vec<_> = got.excluded.iter().map(|e| (e.team.to_string(), e.reason, e.client_preference)).collect();
        prop_assert_eq!(got_excluded, want.excluded);
        prop_assert_eq!(got.teams_elsewhere, want.elsewhere);
        prop_assert_eq!(got.accountable.map(|a| a.party.to_string()), want.accountable);
        prop_assert!(got.excluded.iter().all(|e| !e.detail.to_string().is_empty()));
        // the explanation names the client's preference exactly when the exclusion does
        let explained = |e: &wijknet::matching::Exclusion| {
            e.to_string().starts_with("the client's preferred provider: ") == e.client_preference
                && e.to_string().ends_with(&e.detail.to_string())
        };
        prop_assert!(got.excluded.iter().all(explained));
        // the detail's own reason is the exclusion's (what reading a saved result checks)
        prop_assert!(got.excluded.iter().all(|e| e.detail.reason() == e.reason));
        for (i, c) in got.candidates.iter().enumerate() {
            prop_assert_eq!(c.rank as usize, i + 1);
        }
        // every team is accounted for exactly once
        prop_assert_eq!(got.candidates.len() + got.excluded.len() + got.teams_elsewhere as usize, registry.teams().len());
    }

    /// With random agreements too (subcontracting, shared teams, night rotations, coordination
    /// points), the engine's agreement view agrees with the naive reference, including the
    /// agreements each candidate's care or night comes through.
    #[test]
    fn engine_with_agreements_agrees_with_reference(
        (doc, adoc) in gen_::registry_doc().prop_flat_map(|d| { let a = gen_::agreements_doc(&d); (Just(d), a) }),
        req in gen_::request_doc(),
    ) {
        let registry = Registry::from_doc(&doc).expect("generated registries are valid");
        let agreements = Agreements::from_doc(&adoc, &registry).expect("generated agreements are valid");
        let request = MatchRequest::from_doc(&req).expect("generated requests are valid");
        let options = MatchOptions::at(gen_::now());
        let got = match_with(&registry, &agreements, &request, &options).expect("valid request");
        let want = reference_match_with(&registry, Some(&agreements), &request, &options);
        let got_candidates: Vec<_> = got.candidates.iter().map(|c| {
            (c.team.to_string(), c.possible_start, c.via.iter().map(|v| (v.agreement.to_string(), v.delivering_team.to_string())).collect::<Vec<_>>())
        }).collect();
        let want_candidates: Vec<_> = want.candidates.iter().map(|c| (c.team.clone(), c.start, c.via.clone())).collect();
        prop_assert_eq!(got_candidates, want_candidates);
        let got_excluded: Vec<_> = got.excluded.iter().map(|e| (e.team.to_string(), e.reason, e.client_preference)).collect();
        prop_assert_eq!(got_excluded, want.excluded);
        prop_assert_eq!(got.accountable.map(|a| a.party.to_string()), want.accountable);
        // agreements round-trip too
        let again = Agreements::from_json(agreements.to_json().as_bytes(), &registry).expect("export loads");
        prop_assert_eq!(again.agreements(), agreements.agreements());
    }

    /// Export then load gives the same registry, and the exported form is a fixed point.
    #[test]
    fn registry_round_trips(doc in gen_::registry_doc()) {
        let r = Registry::from_doc(&doc).expect("valid");
        let exported = r.to_doc();
        let again = Registry::from_json(r.to_json().as_bytes()).expect("export loads");
        prop_assert_eq!(again.to_doc(), exported.clone());
        prop_assert_eq!(again.teams(), r.teams());
        prop_assert_eq!(again.organisations(), r.organisations());
        for i in 0..r.teams().len() as u32 {
            prop_assert_eq!(again.capacity(i), r.capacity(i));
        }
        // nothing the user wrote is lost: the same number of every list entry comes back
        prop_assert_eq!(exported.teams.len(), doc.teams.len());
        for (a, b) in exported.teams.iter().zip(&doc.teams) {
            prop_assert_eq!(a.area.pc4.len(), b.area.pc4.len());
            prop_assert_eq!(a.area.pc6_exclude.len(), b.area.pc6_exclude.len());
            prop_assert_eq!(a.care_types.len(), b.care_types.len());
        }
    }

    /// Random bytes never panic the loader or the request parser.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Registry::from_json(&bytes);
        let _ = MatchRequest::from_json(&bytes);
        let _ = wijknet::registry::CapacityUpdate::from_json(&bytes);
    }

    /// Valid documents with one value replaced by random JSON are rejected with a path, never
    /// a panic.
    #[test]
    fn mutated_documents_give_typed_errors(doc in gen_::registry_doc(), pick in any::<prop::sample::Index>(), junk in json_value()) {
        let mut v = serde_json::to_value(&doc).unwrap();
        let mut slots = Vec::new();
        collect_paths(&v, String::new(), &mut slots);
        let target = pick.get(&slots).clone();
        *v.pointer_mut(&target).unwrap() = junk;
        match Registry::from_json(v.to_string().as_bytes()) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(!e.problems().is_empty() || e.code() == "schema");
                prop_assert!(!e.to_string().is_empty());
            }
        }
        let _ = load(&doc);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        "[a-z0-9 ]{0,8}".prop_map(serde_json::Value::String),
        Just(serde_json::json!("7511AB")),
        Just(serde_json::json!("wound_care")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-z_]{1,6}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn collect_paths(v: &serde_json::Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match v {
        serde_json::Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, x)| collect_paths(x, format!("{here}/{i}"), out))
        }
        serde_json::Value::Object(m) => m.iter().for_each(|(k, x)| collect_paths(x, format!("{here}/{k}"), out)),
        _ => {}
    }
}
