//! `Registry::add_teams`, `Registry::remove_teams` and `Registry::add_organisations` against
//! the registry loaded from the document with the new teams and organisations last and the
//! removed teams left out: the same teams, index, capacity and answers, whether added in one
//! call or two, before or after removing.

mod support;

use proptest::prelude::*;
use support::generate as gen_;
use wijknet::matching::{MatchOptions, MatchRequest, MatchRequestDoc, match_request};
use wijknet::registry::{OrganisationDoc, RegistryDoc, TeamDoc};
use wijknet::{Error, Pc4, Registry};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn add_teams_is_loading_the_document_with_the_teams_last(
        doc in gen_::registry_doc(),
        other in gen_::registry_doc(),
        picks in proptest::collection::vec((0usize..14, 0usize..5, 0u8..3, any::<bool>()), 1..8),
        split in 0usize..8,
        req in gen_::request_doc(),
    ) {
        prop_assume!(!other.teams.is_empty());
        let registry = Registry::from_doc(&doc).expect("generated registries are valid");
        let mut expected: RegistryDoc = doc.clone();
        let mut new: Vec<TeamDoc> = Vec::new();
        for (n, (k, org, place, copy)) in picks.into_iter().enumerate() {
            // A copy of an existing team ties with it on every rule but the id: the id ranks
            // decide their order.
            let from = if copy && !doc.teams.is_empty() { &doc.teams } else { &other.teams };
            let mut t = from[k % from.len()].clone();
            // Ids that sort before the existing ones, right after one of them, and after all.
            t.id = match place {
                0 => format!("a{n}"),
                1 => format!("{}-{n}", t.id),
                _ => format!("z{n}"),
            };
            if !copy {
                t.organisation = format!("o{org}");
            }
            expected.teams.push(t.clone());
            new.push(t);
        }
        expected.version += new.len() as u64;
        let before = registry.to_doc();
        let split = split.min(new.len());
        let got = registry
            .add_teams(&new[..split])
            .and_then(|r| r.add_teams(&new[split..]))
            .expect("valid new teams");
        // `self` is untouched.
        prop_assert_eq!(registry.to_doc(), before);
        let want = Registry::from_doc(&expected).expect("the document with the new teams is valid");
        same_as_loaded(&got, &want, &new, &req)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn remove_teams_is_loading_the_document_without_them(
        doc in gen_::registry_doc(),
        other in gen_::registry_doc(),
        gone in proptest::collection::vec(0usize..14, 1..6),
        new in proptest::collection::vec(0usize..14, 0..3),
        remove_first in any::<bool>(),
        req in gen_::request_doc(),
    ) {
        prop_assume!(!doc.teams.is_empty() && !other.teams.is_empty());
        let registry = Registry::from_doc(&doc).expect("generated registries are valid");
        let mut ids: Vec<String> = gone.iter().map(|k| doc.teams[k % doc.teams.len()].id.clone()).collect();
        ids.sort();
        ids.dedup();
        let added: Vec<TeamDoc> = new
            .iter()
            .enumerate()
            .map(|(n, &k)| {
                let mut t = other.teams[k % other.teams.len()].clone();
                t.id = format!("{}-{n}", doc.teams[k % doc.teams.len()].id);
                t.organisation = doc.teams[k % doc.teams.len()].organisation.clone();
                t
            })
            .collect();
        let mut expected: RegistryDoc = doc.clone();
        expected.teams.retain(|t| !ids.contains(&t.id));
        expected.teams.extend(added.iter().cloned());
        expected.version += (ids.len() + added.len()) as u64;
        let before = registry.to_doc();
        let got = if remove_first {
            registry.remove_teams(&ids).and_then(|r| r.add_teams(&added))
        } else {
            registry.add_teams(&added).and_then(|r| r.remove_teams(&ids))
        }
        .expect("teams of the registry");
        prop_assert_eq!(registry.to_doc(), before);
        let want = Registry::from_doc(&expected).expect("the document without the teams is valid");
        same_as_loaded(&got, &want, &[doc.teams.clone(), added].concat(), &req)?;
    }
}

#[test]
fn an_unknown_or_repeated_team_to_remove_is_refused_and_nothing_is_removed() {
    let (doc, r) = gen_::small_registry();
    let a = doc.teams[0].id.as_str();
    let e = r.remove_teams(&[a, "nobody"]).unwrap_err();
    assert!(matches!(e, Error::NotFound { kind: "team", .. }), "{e:?}");
    let e = r.remove_teams(&[a, doc.teams[1].id.as_str(), a]).unwrap_err();
    let Error::Invalid { problems, .. } = &e else { panic!("{e:?}") };
    assert_eq!(problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["$[2]"]);
    assert_eq!(r.to_doc(), doc_as_loaded(&doc));
    assert_eq!(r.remove_teams::<&str>(&[]).unwrap().to_doc(), r.to_doc());
}

/// The document as the registry writes it back.
fn doc_as_loaded(doc: &RegistryDoc) -> RegistryDoc {
    Registry::from_doc(doc).unwrap().to_doc()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn add_organisations_is_loading_the_document_with_them_last(
        doc in gen_::registry_doc(),
        other in gen_::registry_doc(),
        orgs in proptest::collection::vec((0u8..3, 0u8..3), 1..4),
        teams in proptest::collection::vec((0usize..14, 0usize..4), 0..5),
        mut req in gen_::request_doc(),
        ask_new_insurer in any::<bool>(),
    ) {
        prop_assume!(!other.teams.is_empty());
        let registry = Registry::from_doc(&doc).expect("generated registries are valid");
        let kinds = ["home_care_provider", "insurer", "solo_nurse"];
        let new_orgs: Vec<OrganisationDoc> = orgs
            .iter()
            .enumerate()
            .map(|(k, &(kind, contracts))| OrganisationDoc {
                id: format!("n{k}"),
                name: format!("Nieuw {k}"),
                kind: kinds[kind as usize].into(),
                agb: None,
                ura: None,
                kvk: None,
                // The registry's insurer, or a new one before it (when the first is one).
                contracted_insurers: match contracts {
                    0 => vec![],
                    1 => vec!["ins".into()],
                    _ if k > 0 && orgs[0].0 == 1 => vec!["n0".into(), "ins".into()],
                    _ => vec!["ins".into()],
                },
                contact: None,
            })
            .collect();
        let new_teams: Vec<TeamDoc> = teams
            .iter()
            .enumerate()
            .map(|(n, &(k, o))| {
                let mut t = other.teams[k % other.teams.len()].clone();
                t.id = format!("nt{n}");
                t.organisation = format!("n{}", o % new_orgs.len());
                t
            })
            .collect();
        let mut expected: RegistryDoc = doc.clone();
        expected.organisations.extend(new_orgs.iter().cloned());
        expected.teams.extend(new_teams.iter().cloned());
        expected.version += (new_orgs.len() + new_teams.len()) as u64;
        let got = registry
            .add_organisations(&new_orgs)
            .and_then(|r| r.add_teams(&new_teams))
            .expect("valid new organisations and teams");
        let want = Registry::from_doc(&expected).expect("the document with them is valid");
        for o in &new_orgs {
            prop_assert_eq!(got.organisation_teams(&o.id), want.organisation_teams(&o.id));
        }
        // A client insured by the new insurer: its contracts are read through its slot.
        if ask_new_insurer && orgs[0].0 == 1 {
            req.insurer = Some("n0".into());
        }
        same_as_loaded(&got, &want, &new_teams, &req)?;
    }
}

/// `got` is the registry `want` loaded from the edited document: the same document, postcode
/// index, positions of `teams` and their organisations' team lists, and the same answer to
/// `req`.
fn same_as_loaded(
    got: &Registry,
    want: &Registry,
    teams: &[TeamDoc],
    req: &MatchRequestDoc,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(got.to_doc(), want.to_doc());
    for p in 1000..1012 {
        let pc4 = Pc4::new(p).unwrap();
        prop_assert_eq!(got.teams_touching(pc4), want.teams_touching(pc4));
    }
    for t in teams {
        prop_assert_eq!(got.team_index(&t.id), want.team_index(&t.id));
        prop_assert_eq!(got.organisation_teams(&t.organisation), want.organisation_teams(&t.organisation));
    }
    let options = MatchOptions::at(gen_::now());
    // `req`, and every provider named at every street: the organisations' lists of teams moved
    // along.
    for r in std::iter::once(req.clone()).chain(gen_::named_at_every_street(&want.to_doc(), req)) {
        let request = MatchRequest::from_doc(&r).expect("generated requests are valid");
        let a = match_request(got, &request, &options).expect("valid request");
        let b = match_request(want, &request, &options).expect("valid request");
        prop_assert_eq!(a.to_json(), b.to_json());
    }
    Ok(())
}

#[test]
fn every_problem_of_every_new_organisation_is_reported_and_nothing_is_added() {
    let (doc, r) = gen_::small_registry();
    let mut twice = doc.organisations[0].clone();
    twice.id = "n".into();
    let mut bad = doc.organisations[0].clone();
    bad.id = "m".into();
    bad.kind = "dragon".into();
    bad.contracted_insurers = vec!["o1".into()];
    let e = r.add_organisations(&[doc.organisations[0].clone(), twice.clone(), twice, bad]).unwrap_err();
    let Error::Invalid { problems, .. } = &e else { panic!("{e:?}") };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.organisations[0].id",
            "$.organisations[2].id",
            "$.organisations[3].kind",
            "$.organisations[3].contracted_insurers[0]"
        ],
        "{problems:?}"
    );
    assert_eq!(r.organisations().len(), doc.organisations.len());
}

#[test]
fn every_problem_of_every_new_team_is_reported_and_nothing_is_added() {
    let (doc, r) = gen_::small_registry();
    let existing = doc.teams[0].clone();
    let mut twice = doc.teams[1].clone();
    twice.id = "new-1".into();
    let mut unknown_org = doc.teams[1].clone();
    unknown_org.id = "new-2".into();
    unknown_org.organisation = "nobody".into();
    let mut bad = doc.teams[1].clone();
    bad.id = "new-3".into();
    bad.care_types = vec!["flying".into()];
    bad.area.pc4 = vec!["12".into()];
    let e = r.add_teams(&[existing, twice.clone(), twice, unknown_org, bad]).unwrap_err();
    let Error::Invalid { document, problems } = &e else { panic!("{e:?}") };
    assert_eq!(*document, "registry");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.teams[0].id",
            "$.teams[2].id",
            "$.teams[3].organisation",
            "$.teams[4].area.pc4[0]",
            "$.teams[4].care_types[0]"
        ],
        "{problems:?}"
    );
    // No value a user typed beyond an id's shown prefix: the unknown care type is not repeated.
    assert!(!e.to_string().contains("flying"), "{e}");
    assert_eq!(r.teams().len(), doc.teams.len());
    assert_eq!(r.version(), doc.version);
    assert_eq!(r.add_teams::<String>(&[]).unwrap().to_doc(), r.to_doc());
}

#[test]
fn a_new_team_can_then_be_updated_and_described_anew() {
    let (doc, r) = gen_::small_registry();
    let mut t = doc.teams[0].clone();
    t.id = "new".into();
    let added = r.add_teams(&[t.clone()]).unwrap();
    let i = added.team_index("new").unwrap();
    assert_eq!(i as usize, doc.teams.len());
    let mut renamed = t.clone();
    renamed.name = "Anders".into();
    let again = added.replace_teams(&[wijknet::registry::TeamChange::new(renamed)]).unwrap();
    assert_eq!(again.team("new").unwrap().name, "Anders");
    assert_eq!(again.version(), doc.version + 2);
}

#[test]
fn a_copy_of_a_team_under_a_smaller_id_ranks_before_it() {
    let (doc, r) = gen_::small_registry();
    let mut t = doc.teams[0].clone();
    t.id = "a-copy".into();
    let added = r.add_teams(&[t.clone()]).unwrap();
    let mut expected = doc.clone();
    expected.teams.push(t);
    expected.version += 1;
    let want = Registry::from_doc(&expected).unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut compared = 0;
    for _ in 0..400 {
        use proptest::strategy::{Strategy, ValueTree};
        let req = gen_::request_doc().new_tree(&mut runner).unwrap().current();
        let request = MatchRequest::from_doc(&req).unwrap();
        let options = MatchOptions::at(gen_::now());
        let a = match_request(&added, &request, &options).unwrap();
        let b = match_request(&want, &request, &options).unwrap();
        let ids =
            |m: &wijknet::matching::MatchResult| m.candidates.iter().map(|c| c.team.to_string()).collect::<Vec<_>>();
        if ids(&b).contains(&"a-copy".to_string()) && ids(&b).contains(&doc.teams[0].id) {
            compared += 1;
        }
        assert_eq!(ids(&a), ids(&b));
    }
    assert!(compared >= 3, "{compared} requests had both teams among the candidates");
}
