//! Scenario tests from the sources and from Dutch practice (issue 4, item 7). Each builds a small
//! consent store as JSON, asks the question the professional would ask, and checks the answer
//! and its explanation.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use wijknet::consent::{
    CombiningPolicy, ConsentBasis, ConsentChannel, ConsentOutcome, ConsentRequest, ConsentSourceKind, ConsentStore,
    ConsentTraceReason, DataCategory as C, Emergency, EmergencyReason, Obligation, Party, Purpose, RecipientRole as R,
    SharingAgreement, WhoDecides,
};
use wijknet::{CodeSet, Id};

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 10, 0, 0).unwrap()
}

fn client(id: &str, dob: &str, can_decide: bool) -> Value {
    json!({"id": id, "bsn": "111222333", "date_of_birth": dob, "can_decide": can_decide,
           "representatives": [{"id": "rep-1", "relation": "parent"}]})
}

fn consent(id: &str, client: &str, given_by: Value, status: &str, provision: Value) -> Value {
    json!({"id": id, "client": client, "recorded_by": "org-home", "recorded_at": "2026-01-10T09:00:00Z",
           "given_by": given_by, "scope": "direct", "status": status,
           "period": {"start": "2026-01-10T09:00:00Z", "end": "2027-01-10T09:00:00Z"}, "provision": provision})
}

fn objection(id: &str, client: &str, made_by: Value, constraints: Value) -> Value {
    let mut o = json!({"id": id, "client": client, "recorded_by": "org-home", "recorded_at": "2026-02-01T09:00:00Z",
                       "made_by": made_by, "status": "active", "period": {"start": "2026-02-01T09:00:00Z"}});
    for (k, v) in constraints.as_object().unwrap() {
        o[k] = v.clone();
    }
    o
}

fn store(clients: Vec<Value>, consents: Vec<Value>, objections: Vec<Value>) -> ConsentStore {
    let doc = json!({"schema": "wijknet.consent/v1", "version": "scenario", "clients": clients,
                     "consents": consents, "objections": objections});
    ConsentStore::from_json(doc.to_string().as_bytes()).unwrap()
}

fn party(org: &str, role: R) -> Party {
    Party { organisation: Some(id(org)), role, kind: None }
}

fn request(client: &str, discloser: Party, recipient: Party, purpose: Purpose, categories: &[C]) -> ConsentRequest {
    ConsentRequest {
        client: id(client),
        discloser,
        recipient,
        purpose,
        categories: categories.iter().copied().collect(),
        channel: ConsentChannel::Direct,
        data_form: None,
        policy: CombiningPolicy::MostSpecificWins,
        emergency: None,
        treatment_relationships: Vec::new(),
        agreements: Vec::new(),
    }
}

fn outcome(s: &ConsentStore, r: &ConsentRequest, t: DateTime<Utc>, c: C) -> (ConsentOutcome, ConsentBasis) {
    let d = s.decide(r, t).unwrap();
    let c = d.get(c).unwrap();
    (c.outcome, c.basis)
}

fn adult() -> Value {
    client("cl-1", "1950-05-05", true)
}

#[test]
fn social_worker_informs_the_gp_after_asking() {
    // "May I also inform your GP?" — without the answer the social worker may not.
    let req = request(
        "cl-1",
        party("welzijn-1", R::WelfareOrganisation),
        party("gp-1", R::Gp),
        Purpose::CareCoordination,
        &[C::SocialWmo, C::IdentificationContact],
    );
    let t = at(2026, 3, 1);
    let none = store(vec![adult()], vec![], vec![]);
    assert_eq!(outcome(&none, &req, t, C::SocialWmo), (ConsentOutcome::NoApplicableConsent, ConsentBasis::NoBasis));

    // A blanket "you may share" does not name the recipient category: not enough for the social domain.
    let blanket = store(
        vec![adult()],
        vec![consent("c-1", "cl-1", json!({"client": true}), "active", json!({"effect": "permit"}))],
        vec![],
    );
    let (d, trace) = blanket.decide_with_trace(&req, t).unwrap();
    assert_eq!(d.get(C::SocialWmo).unwrap().outcome, ConsentOutcome::NoApplicableConsent);
    assert_eq!(trace.records[0].reason, ConsentTraceReason::NotSpecificToRecipient);

    // The client said yes to informing the GP about the social situation only.
    let yes = store(
        vec![adult()],
        vec![consent(
            "c-1",
            "cl-1",
            json!({"client": true}),
            "active",
            json!({"effect": "permit", "roles": ["gp"], "categories": ["social_wmo", "identification_contact"],
               "purposes": ["care_coordination"]}),
        )],
        vec![],
    );
    let d = yes.decide(&req, t).unwrap();
    for c in [C::SocialWmo, C::IdentificationContact] {
        let c = d.get(c).unwrap();
        assert_eq!((c.outcome, c.basis), (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent));
        assert_eq!(c.provision.as_ref().unwrap().id, id("c-1"));
        assert_eq!(c.obligations, [Obligation::LogDisclosure].into_iter().collect());
    }
    // The same consent does not reach another recipient category.
    let mut to_hospital = req.clone();
    to_hospital.recipient = party("zh-1", R::Hospital);
    assert_eq!(outcome(&yes, &to_hospital, t, C::SocialWmo).0, ConsentOutcome::NoApplicableConsent);
}

#[test]
fn district_nurse_shares_the_nursing_plan_with_the_night_care_partner() {
    let s = store(vec![adult()], vec![], vec![]);
    let mut req = request(
        "cl-1",
        party("thuiszorg-a", R::HomeCareProvider),
        party("thuiszorg-b", R::HomeCareProvider),
        Purpose::DirectCare,
        &[C::NursingPlanReports, C::Medication, C::SocialWmo],
    );
    let rotation = SharingAgreement {
        id: id("nachtzorg-enschede"),
        parties: vec![id("thuiszorg-a"), id("thuiszorg-b"), id("thuiszorg-c")],
        categories: [C::NursingPlanReports, C::AdvanceDirectives].into_iter().collect(),
        purposes: [Purpose::DirectCare].into_iter().collect(),
        valid_from: at(2026, 1, 1),
        valid_until: Some(at(2027, 1, 1)),
        active: true,
    };
    let t = at(2026, 6, 1);
    assert_eq!(outcome(&s, &req, t, C::NursingPlanReports).0, ConsentOutcome::NoApplicableConsent);
    req.agreements.push(rotation.clone());
    assert_eq!(outcome(&s, &req, t, C::NursingPlanReports), (ConsentOutcome::Permit, ConsentBasis::SharingAgreement));
    // The agreement covers the plan, not the medication; social data never follows a care agreement.
    assert_eq!(outcome(&s, &req, t, C::Medication).0, ConsentOutcome::NoApplicableConsent);
    assert_eq!(outcome(&s, &req, t, C::SocialWmo).0, ConsentOutcome::NoApplicableConsent);
    // Ended or suspended agreements do not count.
    assert_eq!(outcome(&s, &req, at(2027, 2, 1), C::NursingPlanReports).0, ConsentOutcome::NoApplicableConsent);
    req.agreements[0].active = false;
    assert_eq!(outcome(&s, &req, t, C::NursingPlanReports).0, ConsentOutcome::NoApplicableConsent);
    // When the host knows both treat the client (night care took over), the treatment relationship decides.
    req.treatment_relationships = vec![id("thuiszorg-a"), id("thuiszorg-b")];
    assert_eq!(outcome(&s, &req, t, C::Medication), (ConsentOutcome::Permit, ConsentBasis::TreatmentRelationship));
    // Through an exchange system the same sharing needs explicit consent.
    req.channel = ConsentChannel::ExchangeSystem;
    assert_eq!(outcome(&s, &req, t, C::Medication).0, ConsentOutcome::NoApplicableConsent);
}

#[test]
fn municipality_asking_for_medical_data_without_consent_is_refused() {
    let mut req = request(
        "cl-1",
        party("thuiszorg-a", R::HomeCareProvider),
        party("gemeente-enschede", R::MunicipalitySocialTeam),
        Purpose::CareCoordination,
        &[C::Medical, C::SocialWmo],
    );
    // Even when the host lists the municipality among the involved organisations.
    req.treatment_relationships = vec![id("thuiszorg-a"), id("gemeente-enschede")];
    let t = at(2026, 3, 1);
    let none = store(vec![adult()], vec![], vec![]);
    assert_eq!(outcome(&none, &req, t, C::Medical), (ConsentOutcome::NoApplicableConsent, ConsentBasis::NoBasis));
    // A consent for the social team covering social data only.
    let social = store(
        vec![adult()],
        vec![consent(
            "c-1",
            "cl-1",
            json!({"client": true}),
            "active",
            json!({"effect": "permit", "roles": ["municipality_social_team"], "categories": ["social_wmo"]}),
        )],
        vec![],
    );
    assert_eq!(outcome(&social, &req, t, C::Medical).0, ConsentOutcome::NoApplicableConsent);
    assert_eq!(outcome(&social, &req, t, C::SocialWmo), (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent));
}

#[test]
fn insurer_gets_billing_data_for_billing_only() {
    let mut req = request(
        "cl-1",
        party("thuiszorg-a", R::HomeCareProvider),
        party("zv-1", R::Insurer),
        Purpose::Billing,
        &[C::FinancialBilling, C::Medical],
    );
    // A consent that tries to give the insurer medical data, and an objection against the insurer.
    let s = store(
        vec![adult()],
        vec![consent(
            "c-1",
            "cl-1",
            json!({"client": true}),
            "active",
            json!({"effect": "permit", "roles": ["insurer"]}),
        )],
        vec![objection(
            "o-1",
            "cl-1",
            json!({"client": true}),
            json!({"roles": ["insurer"], "categories": ["financial_billing"]}),
        )],
    );
    let t = at(2026, 3, 1);
    let d = s.decide(&req, t).unwrap();
    let billing = d.get(C::FinancialBilling).unwrap();
    assert_eq!((billing.outcome, billing.basis), (ConsentOutcome::Permit, ConsentBasis::InsurerNarrowBasis));
    assert!(billing.obligations.contains(Obligation::LogDisclosure));
    let medical = d.get(C::Medical).unwrap();
    assert_eq!((medical.outcome, medical.basis), (ConsentOutcome::Deny, ConsentBasis::InsurerNarrowBasis));
    req.purpose = Purpose::CareCoordination;
    assert_eq!(outcome(&s, &req, t, C::FinancialBilling), (ConsentOutcome::Deny, ConsentBasis::InsurerNarrowBasis));
    // Monitoring by the insurer: pseudonymised only.
    req.purpose = Purpose::QualityMonitoring;
    let none = store(vec![adult()], vec![], vec![]);
    let d = none.decide(&req, t).unwrap();
    let m = d.get(C::Medical).unwrap();
    assert_eq!((m.outcome, m.basis), (ConsentOutcome::Permit, ConsentBasis::AggregatedOnly));
    assert_eq!(m.obligations, [Obligation::Pseudonymise].into_iter().collect());
}

#[test]
fn a_14_year_old_and_a_17_year_old() {
    let t = at(2026, 3, 1);
    let young = client("cl-14", "2011-06-01", true);
    let older = client("cl-17", "2008-06-01", true);
    let permit = json!({"effect": "permit", "roles": ["municipality_social_team"]});
    let mut consents = Vec::new();
    for cl in ["cl-14", "cl-17"] {
        consents.push(consent(&format!("{cl}-alone"), cl, json!({"client": true}), "active", permit.clone()));
    }
    let s = store(vec![young.clone(), older.clone()], consents, vec![]);
    let ask = |cl: &str| {
        request(
            cl,
            party("thuiszorg-a", R::HomeCareProvider),
            party("wijkteam-1", R::MunicipalitySocialTeam),
            Purpose::CareCoordination,
            &[C::SocialWmo],
        )
    };
    // The 17-year-old decides alone; the 14-year-old needs the parent too.
    assert_eq!(outcome(&s, &ask("cl-17"), t, C::SocialWmo), (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent));
    let (d, trace) = s.decide_with_trace(&ask("cl-14"), t).unwrap();
    assert_eq!(d.who_decides, WhoDecides::ClientAndRepresentative);
    assert_eq!(d.get(C::SocialWmo).unwrap().outcome, ConsentOutcome::NoApplicableConsent);
    assert_eq!(trace.records[0].reason, ConsentTraceReason::NotGivenByDecider);
    // Both together: joint consent.
    let both = store(
        vec![young.clone()],
        vec![consent("c-j", "cl-14", json!({"client": true, "representatives": ["rep-1"]}), "active", permit.clone())],
        vec![],
    );
    assert_eq!(outcome(&both, &ask("cl-14"), t, C::SocialWmo), (ConsentOutcome::Permit, ConsentBasis::JointConsent));
    // A parent alone cannot consent for either.
    let parent = |cl: &str, c: Value| {
        store(
            vec![c],
            vec![consent("c-p", cl, json!({"representatives": ["rep-1"]}), "active", permit.clone())],
            vec![],
        )
    };
    assert_eq!(
        outcome(&parent("cl-14", young.clone()), &ask("cl-14"), t, C::SocialWmo).0,
        ConsentOutcome::NoApplicableConsent
    );
    assert_eq!(
        outcome(&parent("cl-17", older.clone()), &ask("cl-17"), t, C::SocialWmo).0,
        ConsentOutcome::NoApplicableConsent
    );
    // The parent's objection binds for the 14-year-old, not for the 17-year-old.
    let objecting = |cl: &str, c: Value| {
        store(
            vec![c],
            vec![consent("c-a", cl, json!({"client": true, "representatives": ["rep-1"]}), "active", permit.clone())],
            vec![objection(
                "o-p",
                cl,
                json!({"representatives": ["rep-1"]}),
                json!({"roles": ["municipality_social_team"]}),
            )],
        )
    };
    assert_eq!(
        outcome(&objecting("cl-14", young), &ask("cl-14"), t, C::SocialWmo),
        (ConsentOutcome::Deny, ConsentBasis::Objection)
    );
    assert_eq!(
        outcome(&objecting("cl-17", older), &ask("cl-17"), t, C::SocialWmo),
        (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent)
    );
}

#[test]
fn a_leap_day_child_reaches_16_on_1_march_in_a_non_leap_year() {
    // 12 and 16 are multiples of 4, so a 29 February child reaches them in a leap year — except
    // across a century that is not a leap year: born 29 February 2084, 16 in 2100.
    let s =
        store(vec![client("cl-leap", "2084-02-29", true), client("cl-leap-12", "2088-02-29", true)], vec![], vec![]);
    let who = |cl: &str, t| {
        let req = request(cl, party("a", R::HomeCareProvider), party("b", R::Gp), Purpose::DirectCare, &[C::Medical]);
        s.decide(&req, t).unwrap().who_decides
    };
    assert_eq!(who("cl-leap", at(2100, 2, 28)), WhoDecides::ClientAndRepresentative);
    assert_eq!(who("cl-leap", at(2100, 3, 1)), WhoDecides::Client);
    assert_eq!(who("cl-leap-12", at(2100, 2, 28)), WhoDecides::Representative);
    assert_eq!(who("cl-leap-12", at(2100, 3, 1)), WhoDecides::ClientAndRepresentative);
    // The Dutch calendar day counts: 1 March 00:30 in Amsterdam is still 28 February in UTC.
    assert_eq!(who("cl-leap", Utc.with_ymd_and_hms(2100, 2, 28, 23, 30, 0).unwrap()), WhoDecides::Client);
    assert_eq!(
        who("cl-leap", Utc.with_ymd_and_hms(2100, 2, 28, 22, 30, 0).unwrap()),
        WhoDecides::ClientAndRepresentative
    );
    // In a leap year the birthday is 29 February itself.
    let s = store(vec![client("cl-2008", "2008-02-29", true)], vec![], vec![]);
    let req =
        request("cl-2008", party("a", R::HomeCareProvider), party("b", R::Gp), Purpose::DirectCare, &[C::Medical]);
    assert_eq!(s.decide(&req, at(2024, 2, 28)).unwrap().who_decides, WhoDecides::ClientAndRepresentative);
    assert_eq!(s.decide(&req, at(2024, 2, 29)).unwrap().who_decides, WhoDecides::Client);
}

#[test]
fn client_with_advanced_dementia_and_a_representative() {
    let c = json!({"id": "cl-d", "date_of_birth": "1941-09-12", "can_decide": false,
                   "representatives": [{"id": "mentor-1", "relation": "mentor"}]});
    let permit = json!({"effect": "permit", "roles": ["welfare_organisation"], "categories": ["social_wmo", "identification_contact"]});
    let by_client =
        store(vec![c.clone()], vec![consent("c-1", "cl-d", json!({"client": true}), "active", permit.clone())], vec![]);
    let by_mentor = store(
        vec![c.clone()],
        vec![consent("c-1", "cl-d", json!({"representatives": ["mentor-1"]}), "active", permit)],
        vec![],
    );
    let req = request(
        "cl-d",
        party("thuiszorg-a", R::HomeCareProvider),
        party("welzijn-1", R::WelfareOrganisation),
        Purpose::CareCoordination,
        &[C::SocialWmo],
    );
    let t = at(2026, 3, 1);
    assert_eq!(outcome(&by_client, &req, t, C::SocialWmo).0, ConsentOutcome::NoApplicableConsent);
    let d = by_mentor.decide(&req, t).unwrap();
    assert_eq!(d.who_decides, WhoDecides::Representative);
    assert_eq!(d.get(C::SocialWmo).unwrap().basis, ConsentBasis::RepresentativeConsent);
    // Care between the treating nurse and the GP needs no consent at all.
    let mut care = request(
        "cl-d",
        party("thuiszorg-a", R::HomeCareProvider),
        party("gp-1", R::Gp),
        Purpose::DirectCare,
        &[C::Medication],
    );
    care.treatment_relationships = vec![id("gp-1"), id("thuiszorg-a")];
    assert_eq!(
        outcome(&by_client, &care, t, C::Medication),
        (ConsentOutcome::Permit, ConsentBasis::TreatmentRelationship)
    );
}

#[test]
fn a_withdrawn_consent_no_longer_permits() {
    let provision =
        json!({"effect": "permit", "roles": ["municipality_social_team"], "categories": ["nursing_plan_reports"]});
    let req = request(
        "cl-1",
        party("thuiszorg-a", R::HomeCareProvider),
        party("wijkteam-1", R::MunicipalitySocialTeam),
        Purpose::CareCoordination,
        &[C::NursingPlanReports],
    );
    let t = at(2026, 3, 1);
    let active = store(
        vec![adult()],
        vec![consent("c-1", "cl-1", json!({"client": true}), "active", provision.clone())],
        vec![],
    );
    assert_eq!(
        outcome(&active, &req, t, C::NursingPlanReports),
        (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent)
    );
    let withdrawn =
        store(vec![adult()], vec![consent("c-1", "cl-1", json!({"client": true}), "withdrawn", provision)], vec![]);
    let (d, trace) = withdrawn.decide_with_trace(&req, t).unwrap();
    let c = d.get(C::NursingPlanReports).unwrap();
    assert_eq!((c.outcome, c.basis), (ConsentOutcome::Deny, ConsentBasis::ConsentWithdrawn));
    assert_eq!(c.provision.as_ref().unwrap().id, id("c-1"));
    assert_eq!(trace.records[0].reason, ConsentTraceReason::Withdrawn);
    assert!(c.obligations.is_empty());
}

#[test]
fn an_emergency_overrides_an_objection() {
    let s = store(
        vec![adult()],
        vec![],
        vec![objection("o-1", "cl-1", json!({"client": true}), json!({"roles": ["hospital"]}))],
    );
    let mut req = request(
        "cl-1",
        party("thuiszorg-a", R::HomeCareProvider),
        party("zh-1", R::Hospital),
        Purpose::Emergency,
        &[C::Medical, C::Medication, C::FinancialBilling],
    );
    req.treatment_relationships = vec![id("thuiszorg-a"), id("zh-1")];
    let t = at(2026, 3, 1);
    let d = s.decide(&req, t).unwrap();
    let m = d.get(C::Medical).unwrap();
    assert_eq!((m.outcome, m.basis), (ConsentOutcome::Deny, ConsentBasis::Objection));
    assert_eq!(m.provision.as_ref().unwrap().source, ConsentSourceKind::Objection);
    req.emergency = Some(Emergency { reason: EmergencyReason::ClientUnconscious });
    let (d, trace) = s.decide_with_trace(&req, t).unwrap();
    // Billing data stays denied (below), so what is shared leaves it out: a partial deny.
    let both: CodeSet<Obligation> =
        [Obligation::LogDisclosure, Obligation::InformClient, Obligation::Redact].into_iter().collect();
    assert_eq!(d.redact.iter().collect::<Vec<_>>(), [C::FinancialBilling]);
    for c in [C::Medical, C::Medication] {
        let c = d.get(c).unwrap();
        assert_eq!((c.outcome, c.basis), (ConsentOutcome::Permit, ConsentBasis::Emergency));
        assert_eq!(c.obligations, both);
    }
    assert!(trace.categories.iter().any(|c| c.emergency_applied));
    // Billing data is never part of a vital interest: the objection keeps it.
    let billing = d.get(C::FinancialBilling).unwrap();
    assert_eq!((billing.outcome, billing.basis), (ConsentOutcome::Deny, ConsentBasis::Objection));
    let audit = s.audit_record(&req, &d);
    assert_eq!(audit.emergency, Some(EmergencyReason::ClientUnconscious));
    // Break-glass does not open the social domain.
    req.recipient = party("wijkteam-1", R::MunicipalitySocialTeam);
    assert_eq!(outcome(&s, &req, t, C::Medical).0, ConsentOutcome::NoApplicableConsent);
}

#[test]
fn the_policy_decides_between_a_general_permit_and_a_specific_deny() {
    // Consent: the GP may get everything, except mental-health data (nested deny). A later
    // consent permits mental-health data to the GP again.
    let first = consent(
        "c-1",
        "cl-1",
        json!({"client": true}),
        "active",
        json!({"effect": "permit", "roles": ["gp"],
        "provisions": [{"effect": "deny", "categories": ["mental_health"]}]}),
    );
    let mut later = consent(
        "c-2",
        "cl-1",
        json!({"client": true}),
        "active",
        json!({"effect": "permit", "roles": ["gp"], "categories": ["mental_health"]}),
    );
    later["recorded_at"] = json!("2026-02-20T09:00:00Z");
    let s = store(vec![adult()], vec![first, later], vec![]);
    let mut req = request(
        "cl-1",
        party("thuiszorg-a", R::HomeCareProvider),
        party("gp-1", R::Gp),
        Purpose::DirectCare,
        &[C::MentalHealth, C::Medical],
    );
    let t = at(2026, 3, 1);
    // Most specific: the nested deny (roles+categories, depth 2) beats the later permit (roles+categories, depth 1).
    assert_eq!(outcome(&s, &req, t, C::MentalHealth), (ConsentOutcome::Deny, ConsentBasis::ConsentDenied));
    let d = s.decide(&req, t).unwrap();
    assert_eq!(d.get(C::MentalHealth).unwrap().provision.as_ref().unwrap().path.steps(), &[0]);
    req.policy = CombiningPolicy::DenyOverrides;
    assert_eq!(outcome(&s, &req, t, C::MentalHealth).0, ConsentOutcome::Deny);
    req.policy = CombiningPolicy::MostRecentWins;
    assert_eq!(outcome(&s, &req, t, C::MentalHealth), (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent));
    assert_eq!(outcome(&s, &req, t, C::Medical), (ConsentOutcome::Permit, ConsentBasis::ExplicitConsent));
    assert_eq!(s.decide(&req, t).unwrap().policy, CombiningPolicy::MostRecentWins);
}
