//! Unit tests per rule and per validation check.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};

use super::*;
use crate::codes::CodeSet;
use crate::ids::Id;

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}

fn doc(consents: Value, objections: Value) -> Value {
    json!({
        "schema": "wijknet.consent/v1",
        "version": "v1",
        "clients": [
            {"id": "cl-1", "bsn": "111222333", "date_of_birth": "1950-01-01", "can_decide": true,
             "representatives": [{"id": "rep-1", "relation": "partner"}]},
            {"id": "cl-2", "date_of_birth": "1930-01-01", "can_decide": false}
        ],
        "consents": consents,
        "objections": objections
    })
}

fn consent(id: &str, provision: Value) -> Value {
    json!({"id": id, "client": "cl-1", "recorded_by": "org-a", "recorded_at": "2026-01-01T00:00:00Z",
           "given_by": {"client": true}, "scope": "direct", "status": "active",
           "period": {"start": "2026-01-01T00:00:00Z"}, "provision": provision})
}

fn objection(id: &str, extra: Value) -> Value {
    let mut o = json!({"id": id, "client": "cl-1", "recorded_by": "org-a", "recorded_at": "2026-01-01T00:00:00Z",
                       "made_by": {"client": true}, "status": "active", "period": {"start": "2026-01-01T00:00:00Z"}});
    for (k, v) in extra.as_object().unwrap() {
        o[k] = v.clone();
    }
    o
}

fn load(v: &Value) -> Result<ConsentStore, crate::Error> {
    ConsentStore::from_json(v.to_string().as_bytes())
}

fn req(recipient_role: RecipientRole, purpose: Purpose, categories: &[DataCategory]) -> ConsentRequest {
    ConsentRequest {
        client: id("cl-1"),
        discloser: Party { organisation: Some(id("org-a")), role: RecipientRole::HomeCareProvider, kind: None },
        recipient: Party { organisation: Some(id("org-b")), role: recipient_role, kind: None },
        purpose,
        categories: categories.iter().copied().collect(),
        channel: ConsentChannel::Direct,
        data_form: None,
        policy: CombiningPolicy::MostSpecificWins,
        emergency: None,
        treatment_relationships: vec![id("org-a"), id("org-b")],
        agreements: Vec::new(),
    }
}

fn one(store: &ConsentStore, r: &ConsentRequest, c: DataCategory) -> CategoryDecision {
    store.decide(r, t(2026, 6, 1)).unwrap().get(c).unwrap().clone()
}

#[test]
fn store_and_decisions_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ConsentStore>();
    check::<Decision>();
    check::<Trace>();
    check::<AuditRecord>();
}

#[test]
fn a_valid_document_loads_and_indexes_clients() {
    let s = load(&doc(json!([consent("c-1", json!({"effect": "permit"}))]), json!([]))).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s.version(), "v1");
    assert!(s.client("cl-2").is_some_and(|c| !c.can_decide));
    assert!(s.client("nobody").is_none());
}

#[test]
fn every_problem_is_reported_at_once_with_paths() {
    let mut d = doc(
        json!([
            {"id": "c-1", "client": "ghost", "recorded_by": "org a", "recorded_at": "yesterday",
             "given_by": {"representatives": ["rep-9"]}, "scope": "fax", "status": "paused",
             "period": {"start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"},
             "provision": {"effect": "maybe", "roles": ["gp", "dentist"], "categories": [], "purposes": ["care", "care"]}},
            consent("c-1", json!({"effect": "permit", "categories": ["medical", "medical"]}))
        ]),
        json!([objection("o-1", json!({"client": "cl-1", "made_by": {"client": false}, "actors": []}))]),
    );
    d["clients"][1]["bsn"] = json!("111222334");
    d["clients"][1]["date_of_birth"] = json!("1930-13-45");
    d["clients"].as_array_mut().unwrap().push(json!({"id": "cl-1", "date_of_birth": "1990-01-01", "can_decide": true}));
    let err = load(&d).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let problems = err.problems();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    // Every problem, in document order: clients, consents, objections; fields in the order of
    // the document's schema; provisions depth-first.
    assert_eq!(
        paths,
        [
            "$.clients[1].bsn",
            "$.clients[1].date_of_birth",
            "$.clients[2].id",
            "$.consents[0].client",
            "$.consents[0].recorded_by",
            "$.consents[0].recorded_at",
            "$.consents[0].scope",
            "$.consents[0].status",
            "$.consents[0].period.end",
            "$.consents[0].provision.effect",
            "$.consents[0].provision.roles[1]",
            "$.consents[0].provision.categories",
            "$.consents[0].provision.purposes[0]",
            "$.consents[0].provision.purposes[1]",
            "$.consents[1].id",
            "$.consents[1].provision.categories[1]",
            "$.objections[0].made_by",
            "$.objections[0].actors",
        ]
    );
    let text = format!("{err} {problems:?}");
    assert!(!text.contains("111222334") && !text.contains("1930-13-45"), "{text}");
    // The path says where; no message carries a record's id along.
    assert!(!text.contains("in consent"), "{text}");
}

/// The document's JSON with its top-level keys in the given order.
fn in_order(v: &Value, keys: &[&str]) -> String {
    let fields: Vec<String> = keys.iter().map(|k| format!("{}:{}", json!(k), v[*k])).collect();
    format!("{{{}}}", fields.join(","))
}

/// Every order of `keys`.
fn orders<'a>(keys: &[&'a str]) -> Vec<Vec<&'a str>> {
    if keys.len() <= 1 {
        return vec![keys.to_vec()];
    }
    let mut all = Vec::new();
    for (i, first) in keys.iter().enumerate() {
        let mut rest = keys.to_vec();
        rest.remove(i);
        for mut tail in orders(&rest) {
            tail.insert(0, first);
            all.push(tail);
        }
    }
    all
}

/// Records are checked as they are read when the sections they are checked against came first;
/// in any other order of the document's keys the answer is the same: the same problems in the
/// same order (`$.version` first, then clients, consents, objections), or the same store.
#[test]
fn the_order_of_the_sections_changes_nothing() {
    let keys = ["schema", "version", "clients", "consents", "objections"];
    let mut c2 = consent("c-2", json!({"effect": "permit", "actors": ["org-b", "org-a"]}));
    c2["given_by"] = json!({"client": false, "representatives": ["rep-1"]});
    let valid = doc(
        json!([c2, consent("c-1", json!({"effect": "deny", "provisions": [{"effect": "permit", "roles": ["gp"]}]}))]),
        json!([objection("o-1", json!({"actors": ["org-c"]}))]),
    );
    let mut c3 = consent("c-1", json!({"effect": "permit"}));
    c3["client"] = json!("ghost");
    let mut invalid = doc(
        json!([c3, consent("c-9", json!({"effect": "permit", "roles": ["dentist"]}))]),
        json!([objection("c-9", json!({"actors": []}))]),
    );
    invalid["version"] = json!(" ");
    invalid["clients"][1]["date_of_birth"] = json!("1930-13-45");
    let expected_store = load(&valid).unwrap().to_json();
    let expected_problems = load(&invalid).unwrap_err().problems().to_vec();
    let paths: Vec<&str> = expected_problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.version",
            "$.clients[1].date_of_birth",
            "$.consents[0].client",
            "$.consents[1].provision.roles[0]",
            "$.objections[0].id",
            "$.objections[0].actors"
        ]
    );
    for order in orders(&keys) {
        let store = ConsentStore::from_json(in_order(&valid, &order).as_bytes()).unwrap();
        assert_eq!(store.to_json(), expected_store, "{order:?}");
        let e = ConsentStore::from_json(in_order(&invalid, &order).as_bytes()).unwrap_err();
        assert_eq!(e.problems(), expected_problems, "{order:?}");
    }
}

#[test]
fn cross_record_rules() {
    let mut c = consent(
        "c-1",
        json!({"effect": "permit", "period": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"}}),
    );
    c["client"] = json!("ghost");
    let mut c2 = consent("c-2", json!({"effect": "permit"}));
    c2["given_by"] = json!({"client": false, "representatives": ["rep-1"]});
    c2["client"] = json!("cl-2");
    let err = load(&doc(json!([c, c2]), json!([objection("c-1", json!({}))]))).unwrap_err();
    let problems = err.problems();
    let has = |path: &str, word: &str| problems.iter().any(|p| p.path == path && p.reason.contains(word));
    assert!(has("$.consents[0].client", "unknown client `ghost`"), "{problems:#?}");
    assert!(has("$.consents[0].provision.period.end", "ends before"), "{problems:#?}");
    assert!(
        has("$.consents[1].given_by.representatives[0]", "`rep-1` is not a representative of client `cl-2`"),
        "{problems:#?}"
    );
    assert!(has("$.objections[0].id", "duplicate record id `c-1`"), "{problems:#?}");
}

/// The problems a naive reading gives a document whose records are all valid but for their
/// ids (from a small pool, so often repeated) and their clients (`ghost` is unknown): each record
/// in reading order, its id checked against a set of the ids seen before it, then its client.
fn naive_record_problems(consents: &[(u8, bool)], objections: &[(u8, bool)]) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (section, list) in [("consents", consents), ("objections", objections)] {
        for (i, &(id, ghost)) in list.iter().enumerate() {
            if !seen.insert(id) {
                out.push((format!("$.{section}[{i}].id"), format!("duplicate record id `r-{id}`")));
            }
            if ghost {
                let reason = "unknown client `ghost`: no client in `clients` has this id".to_owned();
                out.push((format!("$.{section}[{i}].client"), reason));
            }
        }
    }
    out
}

fn records_doc(consents: &[(u8, bool)], objections: &[(u8, bool)]) -> Value {
    let record = |make: fn(&str) -> Value, &(id, ghost): &(u8, bool)| {
        let mut r = make(&format!("r-{id}"));
        if ghost {
            r["client"] = json!("ghost");
        }
        r
    };
    let c: Vec<Value> = consents.iter().map(|r| record(|id| consent(id, json!({"effect": "permit"})), r)).collect();
    let o: Vec<Value> = objections.iter().map(|r| record(|id| objection(id, json!({})), r)).collect();
    doc(json!(c), json!(o))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Duplicate record ids are found after the read (by sorting hashes), and their problems put
    /// back where a set of the ids seen would have reported them, among the records' other
    /// problems, in document order.
    #[test]
    fn duplicate_record_ids_are_reported_where_a_set_of_seen_ids_reports_them(
        consents in proptest::collection::vec((0u8..12, proptest::bool::weighted(0.2)), 0..30),
        objections in proptest::collection::vec((0u8..12, proptest::bool::weighted(0.2)), 0..10),
    ) {
        let expected = naive_record_problems(&consents, &objections);
        let got = match load(&records_doc(&consents, &objections)) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems().iter().map(|p| (p.path.clone(), p.reason.clone())).collect(),
        };
        proptest::prop_assert_eq!(got, expected);
    }
}

#[test]
fn duplicate_record_ids_count_towards_the_bound_on_problems_where_they_belong() {
    // 700 records, each with an unknown client; every second one repeats the id before it, and
    // from the 500th on the ids of the first 200 come back: 1,150 problems, of which the first
    // 1,000 are listed, in document order.
    let list: Vec<(u8, bool)> = (0..700).map(|i| ((i / 2 % 250) as u8, true)).collect();
    let (consents, objections) = list.split_at(600);
    let expected = naive_record_problems(consents, objections);
    let problems = load(&records_doc(consents, objections)).unwrap_err().problems().to_vec();
    let limit = crate::limits::MAX_PROBLEMS;
    assert!(expected.len() > limit);
    assert_eq!(problems.len(), limit + 1);
    assert_eq!(expected.len(), 1_150);
    for (p, (path, reason)) in problems[..limit].iter().zip(&expected) {
        assert_eq!((&p.path, &p.reason), (path, reason));
    }
    assert_eq!(
        problems[limit].reason,
        format!("{} more problems not listed (the limit is 1000)", expected.len() - limit)
    );
}

#[test]
fn a_store_of_one_repeated_record_id_lists_the_bound_and_counts_the_rest() {
    // Hostile: every record has the same id (every hash equal, every id compared).
    let consents: Vec<(u8, bool)> = vec![(7, false); 30_000];
    let objections: Vec<(u8, bool)> = vec![(7, false); 5_000];
    let problems = load(&records_doc(&consents, &objections)).unwrap_err().problems().to_vec();
    let limit = crate::limits::MAX_PROBLEMS;
    assert_eq!(problems.len(), limit + 1);
    assert_eq!(
        (problems[0].path.as_str(), problems[0].reason.as_str()),
        ("$.consents[1].id", "duplicate record id `r-7`")
    );
    assert_eq!(problems[limit - 1].path, format!("$.consents[{limit}].id"));
    assert_eq!(problems[limit].reason, format!("{} more problems not listed (the limit is 1000)", 35_000 - 1 - limit));
}

fn nested(depth: usize) -> Value {
    let mut p = json!({"effect": "deny", "categories": ["medical"]});
    for _ in 1..depth {
        p = json!({"effect": "permit", "provisions": [p]});
    }
    p
}

#[test]
fn provision_depth_is_bounded() {
    let s = load(&doc(json!([consent("c-1", nested(MAX_PROVISION_DEPTH))]), json!([]))).unwrap();
    let d = one(&s, &req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]), DataCategory::Medical);
    assert_eq!(d.basis, ConsentBasis::ConsentDenied);
    assert_eq!(d.provision.unwrap().path.steps(), &[0; MAX_PROVISION_DEPTH - 1]);
    let err = load(&doc(json!([consent("c-1", nested(MAX_PROVISION_DEPTH + 1))]), json!([]))).unwrap_err();
    let p = &err.problems()[0];
    assert!(p.reason.contains("deeper than the limit of 8"), "{p:?}");
    assert_eq!(p.path, format!("$.consents[0].provision{}", ".provisions[0]".repeat(MAX_PROVISION_DEPTH)));
}

#[test]
fn schema_and_structure_errors() {
    let mut d = doc(json!([]), json!([]));
    d["schema"] = json!("wijknet.consent/v2");
    assert_eq!(load(&d).unwrap_err().code(), "schema");
    let mut d = doc(json!([]), json!([]));
    d["clients"][0]["name"] = json!("Jan Jansen");
    let err = load(&d).unwrap_err();
    assert_eq!(err.code(), "json");
    assert!(!err.to_string().contains("Jan Jansen"), "{err}");
}

#[test]
fn request_errors() {
    let s = load(&doc(json!([]), json!([]))).unwrap();
    let mut r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]);
    r.client = id("nobody");
    assert_eq!(s.decide(&r, t(2026, 1, 1)).unwrap_err().code(), "not_found");
    let r = req(RecipientRole::Gp, Purpose::DirectCare, &[]);
    assert_eq!(s.decide(&r, t(2026, 1, 1)).unwrap_err().code(), "invalid");
    let e = ConsentRequest::from_json(br#"{"client":"cl-1","purpose":"gossip"}"#).unwrap_err();
    assert_eq!(e.code(), "json");
}

#[test]
fn treatment_relationship_needs_both_parties_and_care_context() {
    let s = load(&doc(json!([]), json!([]))).unwrap();
    let mut r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical, DataCategory::SocialWmo]);
    assert_eq!(one(&s, &r, DataCategory::Medical).basis, ConsentBasis::TreatmentRelationship);
    assert_eq!(one(&s, &r, DataCategory::SocialWmo).outcome, ConsentOutcome::NoApplicableConsent);
    r.treatment_relationships = vec![id("org-b")];
    assert_eq!(one(&s, &r, DataCategory::Medical).outcome, ConsentOutcome::NoApplicableConsent);
    r.treatment_relationships = vec![id("org-a"), id("org-b")];
    r.purpose = Purpose::Billing;
    assert_eq!(one(&s, &r, DataCategory::Medical).outcome, ConsentOutcome::NoApplicableConsent);
}

#[test]
fn an_objection_wins_a_tie_but_not_against_a_more_specific_permit() {
    let permit = consent("c-1", json!({"effect": "permit", "roles": ["gp"]}));
    let specific = consent("c-2", json!({"effect": "permit", "roles": ["gp"], "categories": ["medication"]}));
    let obj = objection("o-1", json!({"roles": ["gp"]}));
    let s = load(&doc(json!([permit, specific]), json!([obj]))).unwrap();
    let r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical, DataCategory::Medication]);
    let medical = one(&s, &r, DataCategory::Medical);
    assert_eq!((medical.outcome, medical.basis), (ConsentOutcome::Deny, ConsentBasis::Objection));
    let medication = one(&s, &r, DataCategory::Medication);
    assert_eq!((medication.outcome, medication.basis), (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent));
    assert_eq!(medication.provision.unwrap().id, id("c-2"));
}

#[test]
fn who_may_refuse() {
    // An adult who decides: a representative's objection does not bind, the client's does.
    let rep_obj = objection("o-1", json!({"made_by": {"representatives": ["rep-1"]}}));
    let s = load(&doc(json!([]), json!([rep_obj]))).unwrap();
    let r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]);
    assert_eq!(one(&s, &r, DataCategory::Medical).basis, ConsentBasis::TreatmentRelationship);
    let (_, trace) = s.decide_with_trace(&r, t(2026, 6, 1)).unwrap();
    assert_eq!(trace.records[0].reason, ConsentTraceReason::NotGivenByDecider);
    // A represented client's own objection is still honoured.
    let mut own = objection("o-2", json!({}));
    own["client"] = json!("cl-2");
    let s = load(&doc(json!([]), json!([own]))).unwrap();
    let mut r2 = r.clone();
    r2.client = id("cl-2");
    assert_eq!(one(&s, &r2, DataCategory::Medical).basis, ConsentBasis::Objection);
}

#[test]
fn research_gets_pseudonymised_data_but_never_identification() {
    let s = load(&doc(json!([]), json!([]))).unwrap();
    let r =
        req(RecipientRole::Hospital, Purpose::Research, &[DataCategory::Medical, DataCategory::IdentificationContact]);
    let m = one(&s, &r, DataCategory::Medical);
    assert_eq!((m.outcome, m.basis), (ConsentOutcome::Permit, ConsentBasis::AggregatedOnly));
    assert!(m.obligations.contains(Obligation::Pseudonymise));
    assert_eq!(one(&s, &r, DataCategory::IdentificationContact).outcome, ConsentOutcome::NoApplicableConsent);
    let s = load(&doc(json!([]), json!([objection("o-1", json!({"purposes": ["research"]}))]))).unwrap();
    assert_eq!(one(&s, &r, DataCategory::Medical).basis, ConsentBasis::Objection);
}

#[test]
fn what_research_gets_without_consent_depends_on_the_form_of_the_data() {
    let s = load(&doc(json!([]), json!([]))).unwrap();
    for purpose in [Purpose::Research, Purpose::QualityMonitoring] {
        let mut r = req(RecipientRole::Hospital, purpose, &[DataCategory::Medical]);
        let answer = |r: &ConsentRequest| {
            let m = one(&s, r, DataCategory::Medical);
            (m.outcome, m.basis, m.obligations.iter().collect::<Vec<_>>())
        };
        let pseudonymise = (ConsentOutcome::Permit, ConsentBasis::AggregatedOnly, vec![Obligation::Pseudonymise]);
        assert_eq!(answer(&r), pseudonymise, "unsaid: on the condition that it is pseudonymised");
        r.data_form = Some(DataForm::Pseudonymised);
        assert_eq!(answer(&r), pseudonymise);
        r.data_form = Some(DataForm::Aggregated);
        assert_eq!(answer(&r), (ConsentOutcome::Permit, ConsentBasis::AggregatedOnly, vec![]), "counts: no condition");
        r.data_form = Some(DataForm::Identified);
        assert_eq!(answer(&r), (ConsentOutcome::Deny, ConsentBasis::AggregatedOnly, vec![]), "identified: no");
    }
    // With the client's consent, identified data for research is theirs to give.
    let s =
        load(&doc(json!([consent("c-1", json!({"effect": "permit", "purposes": ["research"]}))]), json!([]))).unwrap();
    let mut r = req(RecipientRole::Hospital, Purpose::Research, &[DataCategory::Medical]);
    r.data_form = Some(DataForm::Identified);
    let m = one(&s, &r, DataCategory::Medical);
    assert_eq!((m.outcome, m.basis), (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent));
    // For care, the form changes nothing.
    let mut care = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]);
    let before = one(&s, &care, DataCategory::Medical);
    care.data_form = Some(DataForm::Aggregated);
    assert_eq!(one(&s, &care, DataCategory::Medical), before);
}

#[test]
fn trace_reasons_for_records_that_did_not_apply() {
    let mut later = consent("c-later", json!({"effect": "permit"}));
    later["recorded_at"] = json!("2027-01-01T00:00:00Z");
    let mut exchange = consent("c-exchange", json!({"effect": "permit"}));
    exchange["scope"] = json!("exchange_system");
    let mut ended = consent("c-ended", json!({"effect": "permit"}));
    ended["period"]["end"] = json!("2026-02-01T00:00:00Z");
    let mut old = consent("c-old", json!({"effect": "permit"}));
    old["status"] = json!("superseded");
    let other = consent("c-other", json!({"effect": "permit", "categories": ["medication"]}));
    let s = load(&doc(json!([later, exchange, ended, old, other]), json!([]))).unwrap();
    let r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]);
    let (d, trace) = s.decide_with_trace(&r, t(2026, 6, 1)).unwrap();
    assert_eq!(d.get(DataCategory::Medical).unwrap().basis, ConsentBasis::TreatmentRelationship);
    let reasons: Vec<(&str, ConsentTraceReason)> = trace.records.iter().map(|e| (e.id.as_str(), e.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            ("c-ended", ConsentTraceReason::OutsidePeriod),
            ("c-exchange", ConsentTraceReason::OtherChannel),
            ("c-later", ConsentTraceReason::RecordedAfterDecision),
            ("c-old", ConsentTraceReason::Superseded),
            ("c-other", ConsentTraceReason::NoMatchingProvision),
        ]
    );
    assert_eq!(trace.categories[0].legal_basis, Some(ConsentBasis::TreatmentRelationship));
    assert_eq!(trace.categories[0].consent, None);
}

#[test]
fn decision_json_shape() {
    let s = load(&doc(
        json!([consent(
            "c-1",
            json!({"effect": "permit", "roles": ["gp"], "provisions": [
        {"effect": "deny", "categories": ["mental_health"]}]})
        )]),
        json!([]),
    ))
    .unwrap();
    let r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::MentalHealth, DataCategory::Medical]);
    let d = s.decide(&r, t(2026, 6, 1)).unwrap();
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(
        v,
        json!({
            "client": "cl-1",
            "at": "2026-06-01T12:00:00Z",
            "policy": "most_specific_wins",
            "who_decides": "client",
            "categories": [
                {"category": "medical", "outcome": "permit", "basis": "explicit_consent",
                 "provision": {"source": "consent", "id": "c-1", "path": []}, "obligations": ["log_disclosure", "redact"]},
                {"category": "mental_health", "outcome": "deny", "basis": "consent_denied",
                 "provision": {"source": "consent", "id": "c-1", "path": [0]}, "obligations": []}
            ],
            "redact": ["mental_health"]
        })
    );
    let back: Decision = serde_json::from_value(v).unwrap();
    assert_eq!(back, d);
    let rj = serde_json::to_string(&r).unwrap();
    assert_eq!(ConsentRequest::from_json(rj.as_bytes()).unwrap(), r);
}

#[test]
fn audit_record_names_the_inputs_not_the_person() {
    let s = load(&doc(json!([]), json!([]))).unwrap();
    let r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]);
    let d = s.decide(&r, t(2026, 6, 1)).unwrap();
    let a = s.audit_record(&r, &d);
    assert_eq!(a.data_version, "v1");
    assert!(a.inputs_hash.starts_with("fnv1a64:") && a.inputs_hash.len() == 24);
    assert_eq!(a.outcomes.len(), 1);
    let json = serde_json::to_string(&a).unwrap();
    assert!(!json.contains("111222333") && !json.contains("1950-01-01"));
    // The hash does not depend on the order of facts.
    let mut r2 = r.clone();
    r2.treatment_relationships.reverse();
    assert_eq!(inputs_hash(&r, d.at, "v1"), inputs_hash(&r2, d.at, "v1"));
    assert_ne!(inputs_hash(&r, d.at, "v1"), inputs_hash(&r, d.at, "v2"));
    let _: CodeSet<DataCategory> = d.permitted();
}

#[test]
fn client_index_finds_every_client_and_nothing_else() {
    let clients: Vec<Value> = (0..3000)
        .map(|i| json!({"id": format!("cl-{i}"), "date_of_birth": "1950-01-01", "can_decide": true}))
        .collect();
    let s = load(&json!({"schema": "wijknet.consent/v1", "version": "v", "clients": clients})).unwrap();
    assert_eq!(s.len(), 3000);
    for i in 0..3000 {
        let id = format!("cl-{i}");
        assert_eq!(s.client(&id).map(|c| c.id.to_string()), Some(id.clone()));
    }
    for i in 3000..6000 {
        assert!(s.client(&format!("cl-{i}")).is_none());
    }
    assert!(s.client("").is_none());
    let empty = load(&json!({"schema": "wijknet.consent/v1", "version": "v"})).unwrap();
    assert!(empty.is_empty() && empty.client("cl-1").is_none());
}

#[test]
fn colliding_client_ids_cost_a_binary_search_not_a_scan() {
    // 300 ids whose hashes all land in the same slot of a 1024-slot table: the first
    // MAX_PROBE take the slots after it, the rest go to the sorted overflow.
    let n: usize = 300;
    let mask = (2 * n).next_power_of_two() as u64 - 1;
    let ids: Vec<String> = (0..)
        .map(|i| format!("cl-{i}"))
        .filter(|s| super::store::key_hash(s.as_bytes()) & mask == 0)
        .take(n + 50)
        .collect();
    let clients: Vec<Value> =
        ids[..n].iter().map(|id| json!({"id": id, "date_of_birth": "1950-01-01", "can_decide": true})).collect();
    let consents: Vec<Value> = ids[..n]
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let mut c = consent(&format!("c-{i}"), json!({"effect": "deny", "categories": ["medical"]}));
            c["client"] = json!(id);
            c
        })
        .collect();
    let s = load(&json!({"schema": "wijknet.consent/v1", "version": "v", "clients": clients, "consents": consents}))
        .unwrap();
    assert_eq!(s.overflow_len(), n - super::store::MAX_PROBE);
    for (i, id) in ids[..n].iter().enumerate() {
        assert_eq!(s.client(id).map(|c| c.id.to_string()), Some(id.to_string()));
        let mut r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]);
        r.client = Id::parse(id).unwrap();
        let d = one(&s, &r, DataCategory::Medical);
        assert_eq!(d.provision.unwrap().id.as_str(), format!("c-{i}"));
    }
    for id in &ids[n..] {
        assert!(s.client(id).is_none());
    }
}

#[test]
fn debug_output_carries_no_date_of_birth() {
    let s = load(&doc(json!([]), json!([]))).unwrap();
    let text = format!("{s:?}");
    assert!(!text.contains("1950") && !text.contains("1930") && !text.contains("111222333"), "{text}");
}

#[test]
fn a_party_kind_must_fit_its_role_and_the_discloser_must_be_named() {
    let store = load(&doc(json!([]), json!([]))).unwrap();
    let base = json!({"client": "cl-1", "discloser": {"organisation": "org-a", "role": "home_care_provider"},
                      "recipient": {"organisation": "gem-x", "role": "gp", "kind": "municipality"},
                      "purpose": "direct_care", "categories": ["medical"]});
    let paths = |e: crate::Error| e.problems().into_iter().map(|p| p.path).collect::<Vec<_>>();
    // A municipality cannot act as a GP: refused at the recipient's role, read from JSON and from values.
    let e = ConsentRequest::from_json(base.to_string().as_bytes()).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert_eq!(paths(e), ["$.recipient.role"]);
    assert!(ConsentRequest::from_json_value(&base).is_err());
    // The same request built as Rust values is refused when decided.
    let mut r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]);
    r.recipient.kind = Some(crate::codes::OrganisationKind::Municipality);
    assert_eq!(paths(store.decide(&r, t(2026, 3, 1)).unwrap_err()), ["$.recipient.role"]);
    r.recipient.kind = Some(crate::codes::OrganisationKind::GpPractice);
    assert!(store.decide(&r, t(2026, 3, 1)).is_ok());
    r.discloser.organisation = None;
    r.discloser.kind = Some(crate::codes::OrganisationKind::Pharmacy);
    assert_eq!(paths(store.decide(&r, t(2026, 3, 1)).unwrap_err()), ["$.discloser.organisation", "$.discloser.role"]);
    // In JSON: a discloser without an organisation, an unknown kind.
    let mut v = base.clone();
    v["discloser"] = json!({"role": "home_care_provider", "kind": "bakery"});
    v["recipient"]["kind"] = json!("gp_practice");
    let e = ConsentRequest::from_json(v.to_string().as_bytes()).unwrap_err();
    assert_eq!(paths(e), ["$.discloser.organisation", "$.discloser.kind"]);
    // A recipient named by its role only is a valid request; the input a host builds reads the same.
    v["discloser"] = json!({"organisation": "org-a", "role": "home_care_provider"});
    v["recipient"] = json!({"role": "municipality_social_team"});
    let read = ConsentRequest::from_json(v.to_string().as_bytes()).unwrap();
    assert_eq!(read.recipient.organisation, None);
    assert_eq!(ConsentRequest::from_input(&ConsentRequestInput::from(&read)).unwrap(), read);
    assert_eq!(serde_json::to_value(&read).unwrap()["recipient"], json!({"role": "municipality_social_team"}));
}

#[test]
fn an_unnamed_recipient_has_no_treatment_relationship_and_its_kind_is_hashed() {
    let store = load(&doc(json!([]), json!([]))).unwrap();
    let mut r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical]);
    r.treatment_relationships = vec![id("org-a"), id("org-b")];
    assert_eq!(one(&store, &r, DataCategory::Medical).basis, ConsentBasis::TreatmentRelationship);
    let named = inputs_hash(&r, t(2026, 3, 1), "v1");
    r.recipient.kind = Some(crate::codes::OrganisationKind::GpPractice);
    assert_ne!(inputs_hash(&r, t(2026, 3, 1), "v1"), named, "a said kind is part of the inputs");
    r.recipient.organisation = None;
    assert_eq!(one(&store, &r, DataCategory::Medical).outcome, ConsentOutcome::NoApplicableConsent);
    let audit = store.audit_record(&r, &store.decide(&r, t(2026, 3, 1)).unwrap());
    assert_eq!(serde_json::to_value(&audit).unwrap()["recipient"], json!({"role": "gp", "kind": "gp_practice"}));
    assert_eq!(AuditRecord::from_json(serde_json::to_string(&audit).unwrap().as_bytes()).unwrap(), audit);
}

#[test]
fn a_partial_deny_names_what_to_leave_out_and_nothing_else_does() {
    let s = load(&doc(json!([]), json!([objection("o-1", json!({"categories": ["mental_health"]}))]))).unwrap();
    let mut r = req(RecipientRole::Gp, Purpose::DirectCare, &[DataCategory::Medical, DataCategory::MentalHealth]);
    r.treatment_relationships = vec![id("org-a"), id("org-b")];
    let d = s.decide(&r, t(2026, 6, 1)).unwrap();
    assert_eq!(d.redact.iter().collect::<Vec<_>>(), [DataCategory::MentalHealth]);
    assert!(d.get(DataCategory::Medical).unwrap().obligations.contains(Obligation::Redact));
    assert!(d.get(DataCategory::MentalHealth).unwrap().obligations.is_empty());
    // Everything permitted: nothing to leave out.
    r.categories = [DataCategory::Medical, DataCategory::Medication].into_iter().collect();
    let d = s.decide(&r, t(2026, 6, 1)).unwrap();
    assert!(d.redact.is_empty() && d.iter().all(|(_, c)| !c.obligations.contains(Obligation::Redact)));
    assert!(serde_json::to_value(&d).unwrap().get("redact").is_none());
    // Nothing permitted: nothing is shared, so nothing to redact either.
    r.categories = [DataCategory::MentalHealth, DataCategory::SocialWmo].into_iter().collect();
    assert!(s.decide(&r, t(2026, 6, 1)).unwrap().redact.is_empty());
    // Without consent or basis (no_applicable_consent) counts as not permitted, like a deny.
    r.categories = [DataCategory::Medical, DataCategory::SocialWmo].into_iter().collect();
    let d = s.decide(&r, t(2026, 6, 1)).unwrap();
    assert_eq!(d.redact.iter().collect::<Vec<_>>(), [DataCategory::SocialWmo]);
    assert_eq!(s.decide_with_trace(&r, t(2026, 6, 1)).unwrap().0, d);
}

/// Loading with progress: `read` then `index`, each reported at its start and end, the same store
/// as without; a cancel at either step is `Error::Cancelled` and gives no store.
#[test]
fn store_load_reports_read_and_index_and_cancels() {
    use crate::progress::{Flow, Progress, ProgressStep};
    let json = include_bytes!("../../../examples/data/twente.consent.json");
    let mut seen: Vec<Progress> = Vec::new();
    let store = ConsentStore::from_json_with_progress(json, &mut |p: Progress| {
        seen.push(p);
        Flow::Continue
    })
    .unwrap();
    let steps: Vec<(ProgressStep, u64)> = seen.iter().map(|p| (p.step, p.done)).collect();
    let document = store.to_document();
    let records = document.clients.len() + document.consents.len() + document.objections.len();
    assert_eq!(
        steps,
        [
            (ProgressStep::Read, 0),
            (ProgressStep::Read, json.len() as u64),
            (ProgressStep::Index, 0),
            (ProgressStep::Index, records as u64)
        ]
    );
    assert_eq!(store.to_json(), ConsentStore::from_json(json).unwrap().to_json());
    for cancel in [ProgressStep::Read, ProgressStep::Index] {
        let e = ConsentStore::from_json_with_progress(json, &mut |p: Progress| {
            if p.step == cancel { Flow::Cancel } else { Flow::Continue }
        })
        .unwrap_err();
        assert!(matches!(e, crate::Error::Cancelled { .. }), "{e:?}");
    }
}

/// What a 100,000-client store keeps per provision, per record and per client (issue 12: the
/// store keeps only its compiled form, at most 64 MiB for 100,000 clients and 450,000 consents):
/// a provision's own constraints in 12 bytes (it was 72 with its path's constraints, instants and
/// record fields copied in), a record in 64, a client in 48.
#[test]
fn compiled_rules_records_and_clients_stay_small() {
    assert!(std::mem::size_of::<compile::Rule>() <= 12, "{}", std::mem::size_of::<compile::Rule>());
    assert!(std::mem::size_of::<compile::RecordEntry>() <= 64, "{}", std::mem::size_of::<compile::RecordEntry>());
    assert!(std::mem::size_of::<compile::ClientEntry>() <= 48, "{}", std::mem::size_of::<compile::ClientEntry>());
}

/// Instants as `i64` nanoseconds are exact and ordered across the whole span the input layer
/// accepts (1900 to 2199), and beyond it they saturate below the "no end" mark.
#[test]
fn instants_are_exact_over_the_accepted_years() {
    use compile::instant;
    let first = Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).unwrap();
    let last = Utc.with_ymd_and_hms(2199, 12, 31, 23, 59, 59).unwrap() + chrono::Duration::nanoseconds(999_999_999);
    assert!(instant(first) < instant(first + chrono::Duration::nanoseconds(1)));
    assert!(instant(last - chrono::Duration::nanoseconds(1)) < instant(last));
    assert_eq!(instant(first), first.timestamp() * 1_000_000_000);
    assert_eq!(instant(last), last.timestamp() * 1_000_000_000 + 999_999_999);
    assert!(instant(last) < i64::MAX);
    assert_eq!(instant(DateTime::<Utc>::MAX_UTC), i64::MAX - 1);
    assert_eq!(instant(DateTime::<Utc>::MIN_UTC), i64::MIN);
}
