//! The public IGs' examples (tests/data/README.md): in-scope ones import, out-of-scope ones give
//! a clear problem list and never a panic.

use wijknet::OrganisationKind;
use wijknet_fhir::Directory;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)).expect("test data")
}

#[test]
fn nl_gf_organisation_1_imports() {
    let d = Directory::from_json(&data("nl-gf-admin-directory-org1.json")).unwrap_or_else(|e| panic!("{e:?}"));
    let r = d.registry();
    assert_eq!(r.organisations().len(), 1);
    let o = &r.organisations()[0];
    assert_eq!(o.id.as_str(), "4cb35b96-f021-4e15-bf71-d67a6d4bebec");
    assert_eq!(o.kind, OrganisationKind::GpPractice);
    assert_eq!(o.ura.map(|u| u.to_string()).as_deref(), Some("11111111"));
    assert!(o.contact.is_none(), "a PractitionerRole that is not marked as the fixed contact");
    assert!(r.teams().is_empty());
    assert_eq!(d.resource_count(), 4, "the Endpoint and the PractitionerRole are kept");
}

#[test]
fn nl_gf_lrza_organisations_import() {
    let d = Directory::from_json(&data("nl-gf-lrza-organizations.json")).unwrap_or_else(|e| panic!("{e:?}"));
    let kinds: Vec<_> = d.registry().organisations().iter().map(|o| (o.ura.unwrap().to_string(), o.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("11111111".to_owned(), OrganisationKind::GpPractice),
            ("22222222".to_owned(), OrganisationKind::HospitalTransferOffice)
        ]
    );
}

fn problems(name: &str) -> Vec<(String, String)> {
    let e = Directory::from_json(&data(name)).expect_err(name);
    assert_eq!(e.code(), "invalid", "{name}: {e:?}");
    e.problems().into_iter().map(|p| (p.path, p.reason)).collect()
}

#[test]
fn hospital_specialist_services_are_out_of_scope_with_a_problem_per_service() {
    let p = problems("nl-gf-admin-directory-org2.json");
    for i in 4..10 {
        let at = format!("Bundle.entry[{i}].resource.type");
        assert!(p.iter().any(|(path, why)| *path == at && why.contains("no care type wijknet knows")), "{at}: {p:#?}");
    }
    assert!(p.iter().all(|(path, _)| path.starts_with("Bundle.entry[")), "{p:#?}");
}

#[test]
fn wlz_care_profiles_are_out_of_scope() {
    let p = problems("nl-gf-admin-directory-org3.json");
    assert!(p.iter().any(|(path, why)| path == "Bundle.entry[5].resource.type" && why.contains("Wlz")), "{p:#?}");
    assert!(p.iter().any(|(path, _)| path == "Bundle.entry[4].resource.type"), "{p:#?}");
}

#[test]
fn mcsd_examples_are_out_of_scope() {
    let p = problems("ihe-mcsd-examples.json");
    assert!(
        p.iter().any(|(path, why)| path == "Bundle.entry[0].resource.type" && why.contains("organisation kind")),
        "{p:#?}"
    );
    assert!(p.iter().any(|(path, _)| path == "Bundle.entry[7].resource.providedBy"), "{p:#?}");
}

#[test]
fn a_task_is_not_a_directory_nor_a_referral_history() {
    let p = problems("nl-gf-routing-task.json");
    assert_eq!(p, [("Bundle.resourceType".to_owned(), "expected a Bundle, found Task".to_owned())]);
    let e = wijknet_fhir::referral::events_from_history(&data("nl-gf-routing-task.json")).unwrap_err();
    assert_eq!(e.problems()[0].reason, "expected a Bundle of type `history`");
}
