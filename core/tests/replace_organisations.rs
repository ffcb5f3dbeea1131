//! `Registry::replace_organisations` against the registry loaded from the changed document: the
//! same organisations, teams, index and answers (contracts and contacts are what matching reads
//! of an organisation), whatever the changes.

mod support;

use proptest::prelude::*;
use support::generate as gen_;
use wijknet::matching::{MatchOptions, MatchRequest, match_request};
use wijknet::registry::{ContactDoc, OrganisationChange, OrganisationDoc, RegistryDoc};
use wijknet::{Error, Registry};

/// Organisation `from` as the new description of `current`: its id and kind kept.
fn described_anew(current: &OrganisationDoc, from: &OrganisationDoc) -> OrganisationDoc {
    let mut o = from.clone();
    o.id = current.id.clone();
    o.kind = current.kind.clone();
    o
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn replace_organisations_is_loading_the_changed_document(
        doc in gen_::registry_doc(),
        other in gen_::registry_doc(),
        changes in proptest::collection::vec((0usize..8, 0usize..8, any::<(bool, bool)>(), any::<bool>()), 1..5),
        req in gen_::request_doc(),
    ) {
        let registry = Registry::from_doc(&doc).expect("generated registries are valid");
        let mut expected: RegistryDoc = doc.clone();
        let mut entries = Vec::new();
        for (j, k, (same_insurers, same_contact), renamed) in changes {
            let j = j % doc.organisations.len();
            let mut entry = described_anew(&expected.organisations[j], &other.organisations[k % other.organisations.len()]);
            if renamed {
                entry.name = format!("{} (renamed)", entry.name);
                entry.contact = Some(ContactDoc {
                    name: "Nieuwe contactpersoon".into(),
                    role: "teamleider".into(),
                    phone: Some("053-1234567".into()),
                    email: None,
                    hours: Vec::new(),
                });
            }
            // What is kept is as it was, whatever the entry's document says there.
            if same_insurers {
                entry.contracted_insurers = expected.organisations[j].contracted_insurers.clone();
            }
            if same_contact {
                entry.contact = expected.organisations[j].contact.clone();
            }
            expected.organisations[j] = entry.clone();
            if same_insurers {
                entry.contracted_insurers = vec!["not read".into()];
            }
            if same_contact {
                entry.contact = None;
            }
            entries.push(OrganisationChange { organisation: entry, same_insurers, same_contact });
        }
        expected.version += entries.len() as u64;
        let before = registry.to_doc();
        let got = registry.replace_organisations(&entries).expect("valid descriptions of existing organisations");
        // `self` is untouched, and the teams are shared.
        prop_assert_eq!(registry.to_doc(), before);
        prop_assert!(registry.teams().iter().zip(got.teams()).all(|(a, b)| std::ptr::eq(a, b)));
        let want = Registry::from_doc(&expected).expect("the changed document is valid");
        prop_assert_eq!(got.to_doc(), want.to_doc());
        let request = MatchRequest::from_doc(&req).expect("generated requests are valid");
        let options = MatchOptions::at(gen_::now());
        let a = match_request(&got, &request, &options).expect("valid request");
        let b = match_request(&want, &request, &options).expect("valid request");
        prop_assert_eq!(a.to_json(), b.to_json());
    }
}

#[test]
fn unknown_organisation_is_not_found_and_nothing_changes() {
    let (doc, r) = gen_::small_registry();
    let mut o = doc.organisations[0].clone();
    o.id = "nobody".into();
    let e = r
        .replace_organisations(&[OrganisationChange::new(doc.organisations[1].clone()), OrganisationChange::new(o)])
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { kind: "organisation", .. }), "{e:?}");
    assert_eq!(r.version(), doc.version);
}

#[test]
fn every_problem_is_reported_at_its_entry_and_the_kind_stays() {
    let (doc, r) = gen_::small_registry();
    let provider = doc.organisations.iter().position(|o| o.kind != "insurer").unwrap();
    let mut a = doc.organisations[provider].clone();
    a.kind = "insurer".into();
    let mut b = doc.organisations[provider].clone();
    b.name = "x".repeat(201);
    b.agb = Some("12ab".into());
    b.contracted_insurers =
        vec!["ins".into(), "ins".into(), doc.organisations[provider].id.clone(), "elsewhere".into()];
    match r.replace_organisations(&[OrganisationChange::new(a), OrganisationChange::new(b)]).unwrap_err() {
        Error::Invalid { document: "registry", problems } => {
            let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            assert_eq!(
                paths,
                [
                    "$.organisations[0].kind",
                    "$.organisations[1].name",
                    "$.organisations[1].agb",
                    "$.organisations[1].contracted_insurers[1]",
                    "$.organisations[1].contracted_insurers[2]",
                    "$.organisations[1].contracted_insurers[3]",
                ]
            );
            // Said what was expected, never a typed value other than an id (shown cut short).
            assert!(problems.iter().all(|p| !p.reason.contains("12ab") && !p.reason.contains("xxxx")), "{problems:?}");
        }
        e => panic!("{e:?}"),
    }
    assert_eq!(r.to_doc(), doc_with_version(&doc, r.version()));
}

fn doc_with_version(doc: &RegistryDoc, version: u64) -> RegistryDoc {
    let mut d = Registry::from_doc(doc).unwrap().to_doc();
    d.version = version;
    d
}

#[test]
fn a_renamed_organisation_is_named_so_in_the_answers_and_the_version_goes_up_per_entry() {
    let (doc, r) = gen_::small_registry();
    let team = &doc.teams[0];
    let o = doc.organisations.iter().position(|o| o.id == team.organisation).unwrap();
    let mut renamed = doc.organisations[o].clone();
    renamed.name = "Thuiszorg Nieuwe Naam".into();
    let mut again = renamed.clone();
    again.name = "Thuiszorg Nieuwere Naam".into();
    let next = r
        .replace_organisations(&[
            OrganisationChange { organisation: renamed, same_insurers: true, same_contact: true },
            OrganisationChange { organisation: again, same_insurers: true, same_contact: true },
        ])
        .unwrap();
    assert_eq!(next.version(), r.version() + 2);
    assert_eq!(next.organisation(&team.organisation).unwrap().name, "Thuiszorg Nieuwere Naam");
    assert_eq!(next.team_organisation(0).name, "Thuiszorg Nieuwere Naam");
    assert_eq!(r.organisation(&team.organisation).unwrap().name, doc.organisations[o].name);
}
