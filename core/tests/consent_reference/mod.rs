//! A deliberately naive reference evaluator for consent decisions, written straight from the
//! rules in the `wijknet::consent` module docs. It reads the typed document directly (no index,
//! no flattening, no bitsets), walks provision trees recursively, collects every candidate in a
//! vector and sorts it. The fast engine must agree with it on every generated input.
#![allow(dead_code)]

pub mod generate;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use wijknet::Id;
use wijknet::consent::{
    CategoryDecision, CombiningPolicy, ConsentBasis, ConsentChannel, ConsentEffect, ConsentOutcome, ConsentRecord,
    ConsentRecordStatus, ConsentRequest, ConsentSourceKind, DataCategory, DataForm, Decision, Obligation, Period,
    Provision, ProvisionPath, ProvisionRef, Purpose, RecipientRole, StoreDocument, WhoDecides,
};

/// Age by counting birthdays one year at a time; a 29 February birthday falls on 1 March in
/// other years.
pub fn naive_age(dob: NaiveDate, on: NaiveDate) -> u32 {
    let mut age = 0;
    let mut year = dob.year() + 1;
    loop {
        let birthday = NaiveDate::from_ymd_opt(year, dob.month(), dob.day())
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).unwrap());
        if birthday > on {
            return age;
        }
        age += 1;
        year += 1;
    }
}

pub fn naive_who(dob: NaiveDate, can_decide: bool, at: DateTime<Utc>) -> WhoDecides {
    let local = at.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive();
    let age = naive_age(dob, local);
    if !can_decide {
        WhoDecides::Representative
    } else if age >= 16 {
        WhoDecides::Client
    } else if age >= 12 {
        WhoDecides::ClientAndRepresentative
    } else {
        WhoDecides::Representative
    }
}

fn in_period(p: &Period, at: DateTime<Utc>) -> bool {
    p.start <= at
        && match p.end {
            Some(e) => at < e,
            None => true,
        }
}

#[derive(Debug, Clone)]
struct Cand {
    dims: u8,
    depth: u8,
    recorded_at: DateTime<Utc>,
    deny: bool,
    objection: bool,
    id: String,
    path: Vec<u8>,
}

impl Cand {
    fn sort_key(&self) -> (std::cmp::Reverse<u8>, std::cmp::Reverse<u8>, bool, bool, String, Vec<u8>) {
        (
            std::cmp::Reverse(self.dims),
            std::cmp::Reverse(self.depth),
            !self.deny,
            !self.objection,
            self.id.clone(),
            self.path.clone(),
        )
    }
    fn to_ref(&self) -> ProvisionRef {
        ProvisionRef {
            source: if self.objection { ConsentSourceKind::Objection } else { ConsentSourceKind::Consent },
            id: Id::parse(&self.id).unwrap(),
            path: ProvisionPath::from_steps(&self.path).unwrap(),
        }
    }
}

struct Walk<'a> {
    req: &'a ConsentRequest,
    at: DateTime<Utc>,
    category: DataCategory,
}

impl Walk<'_> {
    fn own_match(&self, p: &Provision) -> bool {
        let r = &self.req.recipient;
        // A recipient named by its role only may be any organisation: a provision naming
        // organisations matches it (whether it counts depends on its effect).
        p.actors.as_ref().is_none_or(|a| r.organisation.as_ref().is_none_or(|o| a.contains(o)))
            && p.roles.is_none_or(|s| s.contains(r.role))
            && p.categories.is_none_or(|s| s.contains(self.category))
            && p.purposes.is_none_or(|s| s.contains(self.req.purpose))
            && p.period.as_ref().is_none_or(|q| in_period(q, self.at))
    }

    /// Every matching provision below (and including) `p`, with its path, the dimensions
    /// constrained on the way, and whether a role or actor was named on the way.
    fn collect(
        &self,
        p: &Provision,
        path: Vec<u8>,
        dims: [bool; 4],
        named: bool,
        out: &mut Vec<(ConsentEffect, Vec<u8>, u8, bool, bool)>,
    ) {
        if !self.own_match(p) {
            return; // nested provisions only apply where their parent applies
        }
        let dims = [
            dims[0] || p.actors.is_some(),
            dims[1] || p.roles.is_some(),
            dims[2] || p.categories.is_some(),
            dims[3] || p.purposes.is_some(),
        ];
        let named = named || p.roles.is_some() || p.actors.is_some();
        // Who: anyone 0, role 1, organisations 2, both 3; named categories and purposes 1 each.
        let weight = 2 * u8::from(dims[0]) + u8::from(dims[1]) + u8::from(dims[2]) + u8::from(dims[3]);
        out.push((p.effect, path.clone(), weight, named, dims[0]));
        for (i, c) in p.provisions.iter().enumerate() {
            let mut child = path.clone();
            child.push(i as u8);
            self.collect(c, child, dims, named, out);
        }
    }
}

fn permit_ok(who: WhoDecides, client: bool, rep: bool) -> bool {
    match who {
        WhoDecides::Client => client,
        WhoDecides::Representative => rep,
        WhoDecides::ClientAndRepresentative => client && rep,
    }
}

fn deny_ok(who: WhoDecides, client: bool, rep: bool) -> bool {
    client || (rep && who != WhoDecides::Client)
}

fn care_role(r: RecipientRole) -> bool {
    matches!(r, RecipientRole::Gp | RecipientRole::Hospital | RecipientRole::HomeCareProvider | RecipientRole::Pharmacy)
}

fn social_role(r: RecipientRole) -> bool {
    matches!(
        r,
        RecipientRole::MunicipalitySocialTeam | RecipientRole::CoordinationPoint | RecipientRole::WelfareOrganisation
    )
}

fn decision(
    outcome: ConsentOutcome,
    basis: ConsentBasis,
    provision: Option<ProvisionRef>,
    obligations: &[Obligation],
) -> CategoryDecision {
    // The category is set where the answer is stored.
    CategoryDecision {
        category: DataCategory::ALL[0],
        outcome,
        basis,
        provision,
        obligations: obligations.iter().copied().collect(),
    }
}

fn consents_of<'a>(doc: &'a StoreDocument, client: &'a Id) -> impl Iterator<Item = &'a ConsentRecord> {
    doc.consents.iter().filter(move |c| &c.client == client)
}

pub fn reference_decide(doc: &StoreDocument, req: &ConsentRequest, at: DateTime<Utc>) -> Option<Decision> {
    let client = doc.clients.iter().find(|c| c.id == req.client)?;
    if req.categories.is_empty() {
        return None;
    }
    let who = naive_who(client.date_of_birth, client.can_decide, at);
    let specific = social_role(req.recipient.role)
        || social_role(req.discloser.role)
        || req.channel == ConsentChannel::ExchangeSystem;
    let mut categories: [Option<CategoryDecision>; DataCategory::COUNT] = Default::default();
    for &category in DataCategory::ALL {
        if !req.categories.contains(category) {
            continue;
        }
        let walk = Walk { req, at, category };
        // Rule 2: every counted candidate.
        let mut cands = Vec::new();
        for c in consents_of(doc, &client.id) {
            if c.status != ConsentRecordStatus::Active
                || c.recorded_at > at
                || !in_period(&c.period, at)
                || c.scope != req.channel
            {
                continue;
            }
            let mut found = Vec::new();
            walk.collect(&c.provision, Vec::new(), [false; 4], false, &mut found);
            for (effect, path, dims, named, names_orgs) in found {
                let by_client = c.given_by.client;
                let by_rep = !c.given_by.representatives.is_empty();
                let counts = match effect {
                    ConsentEffect::Permit => {
                        permit_ok(who, by_client, by_rep)
                            && (!specific || named)
                            && !(names_orgs && req.recipient.organisation.is_none())
                    }
                    ConsentEffect::Deny => deny_ok(who, by_client, by_rep),
                };
                if counts {
                    let depth = path.len() as u8 + 1;
                    cands.push(Cand {
                        dims,
                        depth,
                        recorded_at: c.recorded_at,
                        deny: effect == ConsentEffect::Deny,
                        objection: false,
                        id: c.id.to_string(),
                        path,
                    });
                }
            }
        }
        for o in doc.objections.iter().filter(|o| o.client == client.id) {
            let r = &req.recipient;
            let applies = o.status == ConsentRecordStatus::Active
                && o.recorded_at <= at
                && in_period(&o.period, at)
                && o.actors.as_ref().is_none_or(|a| r.organisation.as_ref().is_none_or(|x| a.contains(x)))
                && o.roles.is_none_or(|s| s.contains(r.role))
                && o.categories.is_none_or(|s| s.contains(category))
                && o.purposes.is_none_or(|s| s.contains(req.purpose))
                && deny_ok(who, o.made_by.client, !o.made_by.representatives.is_empty());
            if applies {
                cands.push(Cand {
                    dims: 2 * u8::from(o.actors.is_some())
                        + u8::from(o.roles.is_some())
                        + u8::from(o.categories.is_some())
                        + u8::from(o.purposes.is_some()),
                    depth: 1,
                    recorded_at: o.recorded_at,
                    deny: true,
                    objection: true,
                    id: o.id.to_string(),
                    path: Vec::new(),
                });
            }
        }
        cands.sort_by_key(Cand::sort_key);
        let winner = match req.policy {
            CombiningPolicy::MostSpecificWins => cands.first().cloned(),
            CombiningPolicy::DenyOverrides => cands.iter().find(|c| c.deny).or(cands.first()).cloned(),
            CombiningPolicy::MostRecentWins => {
                let latest = cands.iter().map(|c| c.recorded_at).max();
                cands.iter().find(|c| Some(c.recorded_at) == latest).cloned()
            }
        };
        // Rule 3: legal basis.
        let legal = if matches!(req.purpose, Purpose::QualityMonitoring | Purpose::Research) {
            (category != DataCategory::IdentificationContact).then_some(ConsentBasis::AggregatedOnly)
        } else if care_role(req.discloser.role)
            && care_role(req.recipient.role)
            && req.channel == ConsentChannel::Direct
            && matches!(
                req.purpose,
                Purpose::DirectCare | Purpose::ReferralPlacement | Purpose::CareCoordination | Purpose::Emergency
            )
            && !matches!(category, DataCategory::SocialWmo | DataCategory::FinancialBilling)
        {
            let d = req.discloser.organisation.as_ref().expect("the discloser is named");
            // A recipient named by its role only has no treatment relationship or agreement.
            let r = req.recipient.organisation.as_ref();
            let r_in = |list: &[Id]| r.is_some_and(|r| list.contains(r));
            if req.treatment_relationships.contains(d) && r_in(&req.treatment_relationships) {
                Some(ConsentBasis::TreatmentRelationship)
            } else if req.agreements.iter().any(|a| {
                a.active
                    && a.parties.contains(d)
                    && r_in(&a.parties)
                    && a.categories.contains(category)
                    && a.purposes.contains(req.purpose)
                    && a.valid_from <= at
                    && a.valid_until.is_none_or(|u| at < u)
            }) {
                Some(ConsentBasis::SharingAgreement)
            } else {
                None
            }
        } else {
            None
        };
        let insurer = req.recipient.role == RecipientRole::Insurer
            && !matches!(req.purpose, Purpose::QualityMonitoring | Purpose::Research);
        let mut d = if insurer {
            if req.purpose == Purpose::Billing && category == DataCategory::FinancialBilling {
                decision(ConsentOutcome::Permit, ConsentBasis::InsurerNarrowBasis, None, &[Obligation::LogDisclosure])
            } else {
                decision(ConsentOutcome::Deny, ConsentBasis::InsurerNarrowBasis, None, &[])
            }
        } else if let Some(w) = winner {
            if w.deny {
                let basis = if w.objection { ConsentBasis::Objection } else { ConsentBasis::ConsentDenied };
                decision(ConsentOutcome::Deny, basis, Some(w.to_ref()), &[])
            } else {
                let basis = match who {
                    WhoDecides::Client => ConsentBasis::ExplicitConsent,
                    WhoDecides::Representative => ConsentBasis::RepresentativeConsent,
                    WhoDecides::ClientAndRepresentative => ConsentBasis::JointConsent,
                };
                decision(ConsentOutcome::Permit, basis, Some(w.to_ref()), &[Obligation::LogDisclosure])
            }
        } else if let Some(b) = legal {
            // Rule 3b: without consent, monitoring and research get no identified data; counts
            // need no pseudonymisation; pseudonymised or unsaid data must be pseudonymised.
            if b == ConsentBasis::AggregatedOnly {
                match req.data_form {
                    Some(DataForm::Identified) => decision(ConsentOutcome::Deny, b, None, &[]),
                    Some(DataForm::Aggregated) => decision(ConsentOutcome::Permit, b, None, &[]),
                    Some(DataForm::Pseudonymised) | None => {
                        decision(ConsentOutcome::Permit, b, None, &[Obligation::Pseudonymise])
                    }
                }
            } else {
                decision(ConsentOutcome::Permit, b, None, &[Obligation::LogDisclosure])
            }
        } else {
            // Rule 4: a withdrawn consent that would have permitted.
            let mut withdrawn: Vec<(String, Vec<u8>)> = Vec::new();
            for c in consents_of(doc, &client.id) {
                if c.status != ConsentRecordStatus::Withdrawn
                    || c.recorded_at > at
                    || !in_period(&c.period, at)
                    || c.scope != req.channel
                {
                    continue;
                }
                let mut found = Vec::new();
                walk.collect(&c.provision, Vec::new(), [false; 4], false, &mut found);
                for (effect, path, _, _, names_orgs) in found {
                    if effect == ConsentEffect::Permit && !(names_orgs && req.recipient.organisation.is_none()) {
                        withdrawn.push((c.id.to_string(), path));
                    }
                }
            }
            withdrawn.sort();
            match withdrawn.first() {
                Some((id, path)) => decision(
                    ConsentOutcome::Deny,
                    ConsentBasis::ConsentWithdrawn,
                    Some(ProvisionRef {
                        source: ConsentSourceKind::Consent,
                        id: Id::parse(id).unwrap(),
                        path: ProvisionPath::from_steps(path).unwrap(),
                    }),
                    &[],
                ),
                None => decision(ConsentOutcome::NoApplicableConsent, ConsentBasis::NoBasis, None, &[]),
            }
        };
        // Rule 5: break-glass.
        if d.outcome != ConsentOutcome::Permit
            && req.emergency.is_some()
            && care_role(req.recipient.role)
            && category != DataCategory::FinancialBilling
        {
            d = decision(
                ConsentOutcome::Permit,
                ConsentBasis::Emergency,
                None,
                &[Obligation::LogDisclosure, Obligation::InformClient],
            );
        }
        d.category = category;
        categories[category.index() as usize] = Some(d);
    }
    // A partial deny: the permitted categories must be shared without the others.
    let permitted: Vec<DataCategory> =
        categories.iter().flatten().filter(|d| d.outcome == ConsentOutcome::Permit).map(|d| d.category).collect();
    let refused: Vec<DataCategory> =
        categories.iter().flatten().filter(|d| d.outcome != ConsentOutcome::Permit).map(|d| d.category).collect();
    let mut redact = wijknet::CodeSet::empty();
    if !permitted.is_empty() && !refused.is_empty() {
        for c in refused {
            redact.insert(c);
        }
        for d in categories.iter_mut().flatten() {
            if d.outcome == ConsentOutcome::Permit {
                d.obligations.insert(Obligation::Redact);
            }
        }
    }
    Some(Decision { client: client.id.clone(), at, policy: req.policy, who_decides: who, categories, redact })
}
