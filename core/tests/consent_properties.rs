//! Property tests of the consent engine: differential against the naive reference evaluator,
//! order independence, deny monotonicity, fallback to legal bases, explained decisions, no BSN
//! anywhere, lossless export.

mod consent_reference;

use chrono::Duration;
use consent_reference::generate::{self, case, id};
use consent_reference::{naive_age, reference_decide};
use proptest::prelude::*;
use wijknet::consent::{
    CombiningPolicy, ConsentBasis, ConsentEffect, ConsentOutcome, ConsentRecord, ConsentRecordStatus,
    ConsentSourceKind, ConsentStore, DataForm, Obligation, Period, Provision, StoreDocument, age_on,
};

/// 768 cases per property by default; `PROPTEST_CASES` raises it for a longer soak.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(768);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn engine_agrees_with_the_reference((doc, req, at) in case()) {
        let store = ConsentStore::from_document(doc.clone()).unwrap();
        let fast = store.decide(&req, at).unwrap();
        let naive = reference_decide(&doc, &req, at).unwrap();
        prop_assert_eq!(&fast, &naive);
        let (traced, _) = store.decide_with_trace(&req, at).unwrap();
        prop_assert_eq!(&traced, &fast);
    }

    #[test]
    fn every_policy_agrees_with_the_reference((doc, mut req, at) in case()) {
        let store = ConsentStore::from_document(doc.clone()).unwrap();
        for policy in CombiningPolicy::ALL {
            req.policy = *policy;
            prop_assert_eq!(store.decide(&req, at).unwrap(), reference_decide(&doc, &req, at).unwrap());
        }
    }

    #[test]
    fn order_of_records_never_changes_the_outcome((doc, req, at) in case(), seed in any::<u64>()) {
        let mut shuffled = doc.clone();
        let key = |i: usize| (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ seed;
        let mut c: Vec<_> = shuffled.consents.drain(..).enumerate().collect();
        c.sort_by_key(|(i, _)| key(*i));
        shuffled.consents = c.into_iter().map(|(_, x)| x).collect();
        let mut o: Vec<_> = shuffled.objections.drain(..).enumerate().collect();
        o.sort_by_key(|(i, _)| key(*i));
        shuffled.objections = o.into_iter().map(|(_, x)| x).collect();
        shuffled.clients.reverse();
        let a = ConsentStore::from_document(doc).unwrap().decide_with_trace(&req, at).unwrap();
        let b = ConsentStore::from_document(shuffled).unwrap().decide_with_trace(&req, at).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn adding_a_deny_never_turns_a_deny_into_a_permit_under_deny_overrides(
        (doc, mut req, at) in case(),
        deny in generate::provision(2),
        given_by in generate::given_by(),
        into_existing in any::<bool>(),
    ) {
        req.policy = CombiningPolicy::DenyOverrides;
        let before = ConsentStore::from_document(doc.clone()).unwrap().decide(&req, at).unwrap();
        let mut more = doc.clone();
        let deny = Provision { effect: ConsentEffect::Deny, ..deny };
        match more.consents.iter_mut().find(|c| c.client == req.client) {
            Some(c) if into_existing => c.provision.provisions.push(deny),
            _ => more.consents.push(ConsentRecord {
                id: id("added-deny"),
                client: req.client.clone(),
                recorded_by: id("org-a"),
                recorded_at: generate::day(0),
                given_by,
                scope: req.channel,
                status: ConsentRecordStatus::Active,
                period: Period { start: generate::day(0), end: None },
                provision: deny,
            }),
        }
        let after = ConsentStore::from_document(more).unwrap().decide(&req, at).unwrap();
        for (category, b) in before.iter() {
            let a = after.get(category).unwrap();
            if b.outcome != ConsentOutcome::Permit {
                prop_assert_ne!(a.outcome, ConsentOutcome::Permit, "{:?}: {:?} became {:?}", category, b, a);
            }
            // A deny may be added but never removed: only the emergency flag permits over it.
            if a.outcome == ConsentOutcome::Permit && b.outcome == ConsentOutcome::Permit && a.basis != b.basis {
                prop_assert!(a.basis == ConsentBasis::Emergency || b.basis == ConsentBasis::Emergency);
            }
        }
    }

    #[test]
    fn outside_every_period_the_legal_basis_decides((doc, req, at) in case(), after in any::<bool>()) {
        let mut moved = doc.clone();
        let outside = |p: &mut Period| {
            *p = if after {
                Period { start: at + Duration::days(1), end: None }
            } else {
                Period { start: at - Duration::days(30), end: Some(at - Duration::seconds(1)) }
            };
        };
        for c in &mut moved.consents {
            outside(&mut c.period);
            c.recorded_at = c.recorded_at.min(at);
        }
        for o in &mut moved.objections {
            outside(&mut o.period);
        }
        let bare = StoreDocument { consents: Vec::new(), objections: Vec::new(), ..doc };
        let a = ConsentStore::from_document(moved).unwrap().decide(&req, at).unwrap();
        let b = ConsentStore::from_document(bare).unwrap().decide(&req, at).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn every_decision_is_explained((doc, req, at) in case()) {
        let store = ConsentStore::from_document(doc.clone()).unwrap();
        let (decision, trace) = store.decide_with_trace(&req, at).unwrap();
        prop_assert_eq!(decision.iter().count(), req.categories.len());
        prop_assert_eq!(trace.categories.len(), req.categories.len());
        for (category, d) in decision.iter() {
            let permit_basis = matches!(
                d.basis,
                ConsentBasis::TreatmentRelationship | ConsentBasis::SharingAgreement | ConsentBasis::ExplicitConsent
                    | ConsentBasis::RepresentativeConsent | ConsentBasis::JointConsent | ConsentBasis::AggregatedOnly | ConsentBasis::Emergency
            );
            // Two rules decide both ways: the insurer's narrow basis, and what monitoring and
            // research get without consent (identified data asked for outright is denied).
            let identified_for_research = d.basis == ConsentBasis::AggregatedOnly && req.data_form == Some(DataForm::Identified);
            let counts = d.basis == ConsentBasis::AggregatedOnly && req.data_form == Some(DataForm::Aggregated);
            match d.outcome {
                ConsentOutcome::Permit => prop_assert!(permit_basis || d.basis == ConsentBasis::InsurerNarrowBasis),
                ConsentOutcome::Deny => prop_assert!((!permit_basis || identified_for_research) && d.basis != ConsentBasis::NoBasis),
                ConsentOutcome::NoApplicableConsent => prop_assert_eq!(d.basis, ConsentBasis::NoBasis),
            }
            // A permit always comes with something to do, but counts over many clients.
            let redact: wijknet::CodeSet<Obligation> = [Obligation::Redact].into_iter().collect();
            prop_assert_eq!(d.outcome == ConsentOutcome::Permit && !counts, !d.obligations.difference(redact).is_empty());
            // On a partial deny every permit says to leave out the rest, which the decision lists.
            prop_assert_eq!(d.obligations.contains(Obligation::Redact), d.outcome == ConsentOutcome::Permit && !decision.redact.is_empty());
            prop_assert_eq!(decision.redact.contains(category), d.outcome != ConsentOutcome::Permit && !decision.permitted().is_empty());
            if let Some(p) = &d.provision {
                // The deciding record is in the trace and says it decided this category.
                let entry = trace.records.iter().find(|e| e.id == p.id && e.source == p.source).unwrap();
                prop_assert!(entry.decided.contains(category));
                if d.basis != ConsentBasis::ConsentWithdrawn {
                    prop_assert!(entry.matched.contains(category));
                }
                if p.source == ConsentSourceKind::Objection {
                    prop_assert_eq!(d.basis, ConsentBasis::Objection);
                }
            }
        }
        let n = doc.consents.iter().filter(|c| c.client == req.client).count()
            + doc.objections.iter().filter(|o| o.client == req.client).count();
        prop_assert_eq!(trace.records.len(), n);
    }

    #[test]
    fn no_bsn_in_errors_traces_or_audit_records((doc, req, at) in case(), bsn in generate::bsn()) {
        let mut doc = doc;
        doc.clients[0].bsn = Some(wijknet::Bsn::parse(&bsn).unwrap());
        let store = ConsentStore::from_document(doc.clone()).unwrap();
        let (decision, trace) = store.decide_with_trace(&req, at).unwrap();
        let audit = store.audit_record(&req, &decision);
        let text = format!(
            "{} {} {} {:?} {:?} {:?}",
            serde_json::to_string(&decision).unwrap(),
            serde_json::to_string(&trace).unwrap(),
            serde_json::to_string(&audit).unwrap(),
            trace,
            audit,
            store,
        );
        prop_assert!(!text.contains(&bsn));
        // Invalid documents: an unknown client, a bad period and a BSN that fails the eleven-test.
        let mut json: serde_json::Value = serde_json::from_str(&store.to_json()).unwrap();
        let last = bsn.chars().last().unwrap().to_digit(10).unwrap();
        let wrong = format!("{}{}", &bsn[..8], (last + 1) % 10);
        json["clients"][0]["bsn"] = serde_json::Value::String(wrong.clone());
        json["consents"] = serde_json::json!([{
            "id": "bad", "client": "nobody", "recorded_by": "org-a", "recorded_at": "2026-01-01T00:00:00Z",
            "given_by": {"client": true}, "scope": "direct", "status": "active",
            "period": {"start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"},
            "provision": {"effect": "permit"}
        }]);
        let err = ConsentStore::from_json(json.to_string().as_bytes()).unwrap_err();
        let shown = format!("{err} {err:?} {:?}", err.problems());
        prop_assert!(!shown.contains(&wrong) && !shown.contains(&bsn), "{}", shown);
        prop_assert!(err.problems().iter().any(|p| p.path == "$.clients[0].bsn"));
        prop_assert!(err.problems().iter().any(|p| p.path == "$.consents[0].client"));
        prop_assert!(err.problems().iter().any(|p| p.path == "$.consents[0].period.end"));
    }

    #[test]
    fn export_is_lossless(doc in generate::document()) {
        let store = ConsentStore::from_document(doc.clone()).unwrap();
        let json = store.to_json();
        let again = ConsentStore::from_json(json.as_bytes()).unwrap();
        prop_assert_eq!(again.to_document(), doc);
        prop_assert_eq!(again.to_json(), json);
    }

    #[test]
    fn age_agrees_with_counting_birthdays(dob in 0i64..40000, on in 0i64..40000) {
        let base = chrono::NaiveDate::from_ymd_opt(1920, 1, 1).unwrap();
        let (dob, on) = (base + Duration::days(dob), base + Duration::days(on));
        prop_assert_eq!(age_on(dob, on), naive_age(dob, on));
    }

    #[test]
    fn audit_ids_are_deterministic_and_track_the_inputs((doc, req, at) in case()) {
        let store = ConsentStore::from_document(doc).unwrap();
        let d = store.decide(&req, at).unwrap();
        let a = store.audit_record(&req, &d);
        prop_assert_eq!(&a, &store.audit_record(&req, &d));
        prop_assert_eq!(a.decision_id.len(), 16);
        let later = at + Duration::seconds(1);
        let b = store.audit_record(&req, &store.decide(&req, later).unwrap());
        prop_assert_ne!(a.inputs_hash, b.inputs_hash);
    }
}
