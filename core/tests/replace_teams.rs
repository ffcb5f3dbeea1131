//! `Registry::replace_teams` against the registry loaded from the changed document: the same
//! teams, index, capacity and answers, whatever the changes.

mod support;

use proptest::prelude::*;
use support::generate as gen_;
use wijknet::matching::{MatchOptions, MatchRequest, match_request};
use wijknet::registry::{AreaDoc, RegistryDoc, TeamChange, TeamDoc};
use wijknet::{Error, Pc4, Registry};

/// Team `k` of `other` as the new description of the team at `j` of `doc`: its id and
/// organisation kept, its capacity either the current one or `other`'s as the next version.
fn described_anew(current: &TeamDoc, from: &TeamDoc, new_capacity: bool) -> TeamDoc {
    let mut t = from.clone();
    t.id = current.id.clone();
    t.organisation = current.organisation.clone();
    t.capacity = if new_capacity {
        let mut c = from.capacity.clone();
        c.version = current.capacity.version + 1;
        c
    } else {
        current.capacity.clone()
    };
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn replace_teams_is_loading_the_changed_document(
        doc in gen_::registry_doc(),
        other in gen_::registry_doc(),
        changes in proptest::collection::vec((0usize..14, 0usize..14, any::<bool>(), any::<(bool, bool)>()), 1..6),
        req in gen_::request_doc(),
    ) {
        prop_assume!(!doc.teams.is_empty() && !other.teams.is_empty());
        let registry = Registry::from_doc(&doc).expect("generated registries are valid");
        let mut expected: RegistryDoc = doc.clone();
        let mut entries = Vec::new();
        for (j, k, new_capacity, (same_area, same_contacts)) in changes {
            let j = j % doc.teams.len();
            let mut entry = described_anew(&expected.teams[j], &other.teams[k % other.teams.len()], new_capacity);
            // What is kept is as it was, whatever the entry's document says there.
            if same_area {
                entry.area = expected.teams[j].area.clone();
            }
            if same_contacts {
                entry.contacts = expected.teams[j].contacts.clone();
            }
            expected.teams[j] = entry.clone();
            if same_area {
                entry.area = AreaDoc { pc4: vec!["not read".into()], ..AreaDoc::default() };
            }
            if same_contacts {
                entry.contacts = Vec::new();
            }
            entries.push(TeamChange { team: entry, same_area, same_contacts });
        }
        expected.version += entries.len() as u64;
        let before = registry.to_doc();
        let got = registry.replace_teams(&entries).expect("valid descriptions of existing teams");
        // `self` is untouched.
        prop_assert_eq!(registry.to_doc(), before);
        let want = Registry::from_doc(&expected).expect("the changed document is valid");
        prop_assert_eq!(got.to_doc(), want.to_doc());
        for p in 1000..1012 {
            let pc4 = Pc4::new(p).unwrap();
            prop_assert_eq!(got.teams_touching(pc4), want.teams_touching(pc4));
        }
        let options = MatchOptions::at(gen_::now());
        // The request, and every provider named at every street: each team elsewhere is
        // excluded as the loaded registry excludes it (an area that now excludes a street it
        // does not touch, say).
        for r in std::iter::once(req.clone()).chain(gen_::named_at_every_street(&expected, &req)) {
            let request = MatchRequest::from_doc(&r).expect("generated requests are valid");
            let a = match_request(&got, &request, &options).expect("valid request");
            let b = match_request(&want, &request, &options).expect("valid request");
            prop_assert_eq!(a.to_json(), b.to_json());
        }
    }
}

#[test]
fn unknown_team_is_not_found_and_nothing_changes() {
    let (doc, r) = gen_::small_registry();
    let mut t = doc.teams[0].clone();
    t.id = "nobody".into();
    let e = r.replace_teams(&[TeamChange::new(doc.teams[1].clone()), TeamChange::new(t)]).unwrap_err();
    assert!(matches!(e, Error::NotFound { kind: "team", .. }), "{e:?}");
    assert_eq!(r.version(), doc.version);
}

#[test]
fn capacity_keeps_its_version_discipline() {
    let (doc, r) = gen_::small_registry();
    let current = doc.teams[0].capacity.version;
    // Two versions ahead: a conflict, naming the version the entry was based on.
    let mut t = doc.teams[0].clone();
    t.capacity.version = current + 2;
    t.capacity.status = "full".into();
    match r.replace_teams(&[TeamChange::new(t.clone())]).unwrap_err() {
        Error::VersionConflict { expected, actual, .. } => assert_eq!((expected, actual), (current + 1, current)),
        e => panic!("{e:?}"),
    }
    // The current version with another capacity: a problem, not a silent overwrite.
    t.capacity.version = current;
    t.capacity.status = if doc.teams[0].capacity.status == "full" { "accepting".into() } else { "full".into() };
    match r.replace_teams(&[TeamChange::new(t.clone())]).unwrap_err() {
        Error::Invalid { document: "registry", problems } => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].path, "$.teams[0].capacity");
        }
        e => panic!("{e:?}"),
    }
    // The next version: the new capacity; named again, the version after that.
    t.capacity.version = current + 1;
    let mut again = t.clone();
    again.capacity.version = current + 2;
    again.capacity.status = "waitlist".into();
    let next = r.replace_teams(&[TeamChange::new(t), TeamChange::new(again)]).unwrap();
    let idx = next.team_index(&doc.teams[0].id).unwrap();
    assert_eq!(next.capacity(idx).version, current + 2);
    assert_eq!(next.capacity(idx).status.code(), "waitlist");
    assert_eq!(next.version(), doc.version + 2);
}

#[test]
fn every_problem_is_reported_at_its_entry() {
    let (doc, r) = gen_::small_registry();
    let mut a = doc.teams[0].clone();
    a.organisation = "ins".into();
    a.care_types = vec!["juggling".into()];
    let mut b = doc.teams[1].clone();
    b.area.pc4 = vec!["12".into()];
    b.name = "x".repeat(201);
    match r.replace_teams(&[TeamChange::new(a), TeamChange::new(b)]).unwrap_err() {
        Error::Invalid { problems, .. } => {
            let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            assert_eq!(
                paths,
                ["$.teams[0].organisation", "$.teams[0].care_types[0]", "$.teams[1].name", "$.teams[1].area.pc4[0]"]
            );
            // Said what was expected, never what was typed.
            assert!(problems.iter().all(|p| !p.reason.contains("juggling") && !p.reason.contains("xxxx")));
        }
        e => panic!("{e:?}"),
    }
}
