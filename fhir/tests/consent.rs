//! Consent in and out: every consent vector's store round-trips through FHIR Consents; what a
//! Consent cannot say is refused with its path; decisions become AuditEvents without a BSN unless
//! the host passes one.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use wijknet::Bsn;
use wijknet::consent::{ConsentRequest, ConsentStore, StoreDocument};
use wijknet_fhir::consent::{audit_event, store_from_fhir, store_to_bundle};

fn vectors() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/consent");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .expect("vectors")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn store(v: &Value) -> Option<StoreDocument> {
    ConsentStore::from_json(v["store"].to_string().as_bytes()).ok().map(|s| s.to_document())
}

#[test]
fn every_valid_vector_store_round_trips() {
    let mut n = 0;
    for (name, v) in vectors() {
        let Some(doc) = store(&v) else { continue };
        let bundle = store_to_bundle(&doc).to_string();
        let back =
            store_from_fhir(bundle.as_bytes(), &doc.clients, &doc.version).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(back, doc, "{name}");
        n += 1;
    }
    assert!(n >= 5, "{n} stores");
}

fn one_consent() -> (StoreDocument, Value) {
    let (_, v) = vectors().into_iter().find(|(n, _)| n.starts_with("04")).unwrap();
    let doc = store(&v).unwrap();
    let bundle = store_to_bundle(&doc);
    (doc, bundle)
}

#[test]
fn restrictions_wijknet_cannot_hold_are_refused_not_dropped() {
    let (doc, mut bundle) = one_consent();
    let p = &mut bundle["entry"][0]["resource"]["provision"];
    p["dataPeriod"] = json!({"start": "2020-01-01T00:00:00Z"});
    p["action"] =
        json!([{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction", "code": "collect"}]}]);
    p["provision"][0]["actor"] = json!([{"role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "AUT"}]}, "reference": {"reference": "Organization/x"}}]);
    bundle["entry"][1]["resource"]["status"] = json!("proposed");
    let e = store_from_fhir(bundle.to_string().as_bytes(), &doc.clients, "v").unwrap_err();
    let paths: Vec<String> = e.problems().iter().map(|p| p.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "Bundle.entry[0].resource.provision.dataPeriod",
            "Bundle.entry[0].resource.provision.action[0]",
            "Bundle.entry[0].resource.provision.provision[0].actor[0].role",
            "Bundle.entry[1].resource.status",
        ],
        "{e:?}"
    );
}

#[test]
fn a_consent_is_found_by_the_clients_bsn_and_an_unknown_client_is_a_problem() {
    let (mut doc, mut bundle) = one_consent();
    let bsn = "111222333";
    doc.clients[0].bsn = Some(Bsn::parse(bsn).unwrap());
    bundle["entry"][0]["resource"]["patient"] =
        json!({"identifier": {"system": "http://fhir.nl/fhir/NamingSystem/bsn", "value": bsn}});
    let back = store_from_fhir(bundle.to_string().as_bytes(), &doc.clients, &doc.version).unwrap();
    assert_eq!(back.consents[0].client, doc.clients[0].id);
    bundle["entry"][0]["resource"]["patient"] =
        json!({"identifier": {"system": "http://fhir.nl/fhir/NamingSystem/bsn", "value": "123456782"}});
    let e = store_from_fhir(bundle.to_string().as_bytes(), &doc.clients, &doc.version).unwrap_err();
    assert_eq!(e.problems()[0].path, "Bundle.entry[0].resource.patient");
    assert!(!format!("{e} {e:?}").contains("123456782"));
}

#[test]
fn a_decision_becomes_an_audit_event_with_a_bsn_only_when_given() {
    let (_, v) = vectors().into_iter().find(|(n, _)| n.starts_with("01")).unwrap();
    let mut doc = store(&v).unwrap();
    doc.clients[0].bsn = Some(Bsn::parse("111222333").unwrap());
    let s = ConsentStore::from_document(doc.clone()).unwrap();
    let req = ConsentRequest::from_json(v["request"].to_string().as_bytes()).unwrap();
    let at: DateTime<Utc> = v["at"].as_str().unwrap().parse().unwrap();
    let d = s.decide(&req, at).unwrap();
    let record = s.audit_record(&req, &d);
    let without = audit_event(&record, None);
    assert!(!without.to_string().contains("111222333"));
    assert_eq!(without["resourceType"], "AuditEvent");
    assert_eq!(without["entity"][0]["what"]["reference"], format!("Patient/{}", record.client));
    assert_eq!(without["entity"].as_array().unwrap().len(), 2 + record.outcomes.len());
    let with = audit_event(&record, doc.clients[0].bsn.as_ref());
    assert_eq!(with["entity"][0]["what"]["identifier"]["value"], "111222333");
    assert_eq!(with.to_string().matches("111222333").count(), 1);
}
