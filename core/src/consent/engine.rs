//! The decision engine: legal bases, consents and objections combined per category.
//!
//! The rules, in the order they apply to each requested category (see the module docs of
//! [`crate::consent`] for the why):
//!
//! 1. **Insurer's narrow basis.** A recipient in the insurer role, for any purpose other than
//!    quality monitoring or research, gets `financial_billing` for `billing` (permit, statutory:
//!    no objection or consent changes it) and nothing else (deny, whatever a consent says).
//! 2. **Consents and objections.** Counted provisions and objections are combined with the
//!    request's policy into permit, deny or nothing.
//! 3. **Legal basis** when no consent or objection applied: aggregated-only for monitoring and
//!    research (not for identification data); treatment relationship or data-sharing agreement
//!    between care providers for care purposes and care data over a direct channel.
//! 4. **Withdrawn consent**: nothing else applied but a withdrawn consent would have permitted:
//!    deny with basis `consent_withdrawn`. Otherwise `no_applicable_consent` with `no_basis`.
//! 5. **Break-glass**: with the emergency flag, a care-provider recipient and any category but
//!    billing data, a non-permit becomes a permit with the obligations to log and to inform.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use super::codes::{
    Basis, Channel, CombiningPolicy, DataCategory, Effect, Obligation, Outcome, Purpose, RecipientRole, RecordStatus,
    SourceKind, TraceReason, WhoDecides,
};
use super::decision::{CategoryDecision, CategoryTrace, Decision, ProvisionRef, Trace, TraceEntry};
use super::path::ProvisionPath;
use super::request::DecisionRequest;
use super::store::{ClientEntry, CompiledConsent, CompiledObjection, ConsentStore, Node};
use crate::codes::CodeSet;
use crate::error::{Error, Problem, Result};
use crate::ids::Id;

/// A counted consent provision or objection competing to decide one category.
#[derive(Debug, Clone, Copy)]
struct Candidate<'a> {
    dims: u8,
    depth: u8,
    recorded_at: DateTime<Utc>,
    deny: bool,
    objection: bool,
    id: &'a Id,
    path: ProvisionPath,
}

impl Candidate<'_> {
    /// The specificity order: more constrained dimensions first, then deeper, then deny before
    /// permit (a tie goes to the deny), objection before a consent's deny, then id and path so that
    /// the winner never depends on document order.
    fn rank(&self, other: &Self) -> Ordering {
        other
            .dims
            .cmp(&self.dims)
            .then(other.depth.cmp(&self.depth))
            .then(other.deny.cmp(&self.deny))
            .then(other.objection.cmp(&self.objection))
            .then_with(|| self.id.cmp(other.id))
            .then_with(|| self.path.cmp(&other.path))
    }

    fn to_ref(self) -> ProvisionRef {
        ProvisionRef {
            source: if self.objection { SourceKind::Objection } else { SourceKind::Consent },
            id: self.id.clone(),
            path: self.path,
        }
    }
}

/// Running winners for the three policies, so one pass serves any of them.
#[derive(Default)]
struct Best<'a> {
    any: Option<Candidate<'a>>,
    deny: Option<Candidate<'a>>,
    recent: Option<Candidate<'a>>,
}

impl<'a> Best<'a> {
    fn offer(&mut self, c: Candidate<'a>) {
        if self.any.is_none_or(|b| c.rank(&b) == Ordering::Less) {
            self.any = Some(c);
        }
        if c.deny && self.deny.is_none_or(|b| c.rank(&b) == Ordering::Less) {
            self.deny = Some(c);
        }
        let newer = |b: Candidate<'a>| {
            c.recorded_at > b.recorded_at || (c.recorded_at == b.recorded_at && c.rank(&b) == Ordering::Less)
        };
        if self.recent.is_none_or(newer) {
            self.recent = Some(c);
        }
    }

    fn pick(&self, policy: CombiningPolicy) -> Option<Candidate<'a>> {
        match policy {
            CombiningPolicy::MostSpecificWins => self.any,
            CombiningPolicy::DenyOverrides => self.deny.or(self.any),
            CombiningPolicy::MostRecentWins => self.recent,
        }
    }
}

/// What one provision or objection contributes to one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Counts,
    NoMatch,
    NotGivenByDecider,
    NotSpecific,
}

struct Ctx<'a> {
    store: &'a ConsentStore,
    entry: &'a ClientEntry,
    req: &'a DecisionRequest,
    at: DateTime<Utc>,
    who: WhoDecides,
    needs_specific: bool,
}

/// A permit counts only when given by whoever decides: the client, the representative, or both.
fn permit_given_by_decider(who: WhoDecides, by_client: bool, by_representative: bool) -> bool {
    match who {
        WhoDecides::Client => by_client,
        WhoDecides::Representative => by_representative,
        WhoDecides::ClientAndRepresentative => by_client && by_representative,
    }
}

/// A refusal counts when the client made it (always honoured), or a representative did while
/// representatives have a say (under 16, or the client cannot decide).
fn deny_given_by_decider(who: WhoDecides, by_client: bool, by_representative: bool) -> bool {
    by_client || (by_representative && who != WhoDecides::Client)
}

fn consent_gate(c: &CompiledConsent, channel: Channel, at: DateTime<Utc>) -> Option<TraceReason> {
    match c.status {
        RecordStatus::Withdrawn => return Some(TraceReason::Withdrawn),
        RecordStatus::Superseded => return Some(TraceReason::Superseded),
        RecordStatus::Active => {}
    }
    if c.recorded_at > at {
        Some(TraceReason::RecordedAfterDecision)
    } else if !c.period.contains(at) {
        Some(TraceReason::OutsidePeriod)
    } else if c.scope != channel {
        Some(TraceReason::OtherChannel)
    } else {
        None
    }
}

fn objection_gate(o: &CompiledObjection, at: DateTime<Utc>) -> Option<TraceReason> {
    match o.status {
        RecordStatus::Withdrawn => Some(TraceReason::Withdrawn),
        RecordStatus::Superseded => Some(TraceReason::Superseded),
        RecordStatus::Active if o.recorded_at > at => Some(TraceReason::RecordedAfterDecision),
        RecordStatus::Active if !o.period.contains(at) => Some(TraceReason::OutsidePeriod),
        RecordStatus::Active => None,
    }
}

impl<'a> Ctx<'a> {
    fn consents(&self) -> &'a [CompiledConsent] {
        let r = &self.entry.consents;
        &self.store.consents[r.start as usize..r.end as usize]
    }

    fn objections(&self) -> &'a [CompiledObjection] {
        let r = &self.entry.objections;
        &self.store.objections[r.start as usize..r.end as usize]
    }

    fn nodes(&self, c: &CompiledConsent) -> &'a [Node] {
        &self.store.nodes[c.nodes.start as usize..c.nodes.end as usize]
    }

    fn node_matches(&self, n: &Node, category: DataCategory) -> bool {
        n.categories & (1 << category.index()) != 0
            && n.matches(self.req.recipient.role, self.req.recipient.organisation.as_str(), self.req.purpose, self.at)
    }

    fn check_node(&self, c: &CompiledConsent, n: &Node, category: DataCategory) -> Check {
        if !self.node_matches(n, category) {
            return Check::NoMatch;
        }
        match n.effect {
            Effect::Permit if !permit_given_by_decider(self.who, c.by_client, c.by_representative) => {
                Check::NotGivenByDecider
            }
            Effect::Permit if self.needs_specific && !n.names_recipient => Check::NotSpecific,
            Effect::Deny if !deny_given_by_decider(self.who, c.by_client, c.by_representative) => {
                Check::NotGivenByDecider
            }
            _ => Check::Counts,
        }
    }

    fn check_objection(&self, o: &CompiledObjection, category: DataCategory) -> Check {
        let r = &self.req.recipient;
        if o.categories & (1 << category.index()) == 0
            || !o.matches(r.role, r.organisation.as_str(), self.req.purpose, self.at)
        {
            Check::NoMatch
        } else if deny_given_by_decider(self.who, o.by_client, o.by_representative) {
            Check::Counts
        } else {
            Check::NotGivenByDecider
        }
    }

    /// Combines every counted provision and objection for one category with the policy.
    fn consent_outcome(&self, category: DataCategory) -> Option<Candidate<'a>> {
        let mut best = Best::default();
        for c in self.consents() {
            if consent_gate(c, self.req.channel, self.at).is_some() {
                continue;
            }
            for n in self.nodes(c) {
                if self.check_node(c, n, category) == Check::Counts {
                    best.offer(Candidate {
                        dims: n.dims,
                        depth: n.path.depth(),
                        recorded_at: c.recorded_at,
                        deny: n.effect == Effect::Deny,
                        objection: false,
                        id: &c.id,
                        path: n.path,
                    });
                }
            }
        }
        for o in self.objections() {
            if objection_gate(o, self.at).is_none() && self.check_objection(o, category) == Check::Counts {
                best.offer(Candidate {
                    dims: o.dims,
                    depth: 1,
                    recorded_at: o.recorded_at,
                    deny: true,
                    objection: true,
                    id: &o.id,
                    path: ProvisionPath::ROOT,
                });
            }
        }
        best.pick(self.req.policy)
    }

    /// A withdrawn consent whose permit would otherwise have matched (smallest id, then path).
    fn withdrawn_permit(&self, category: DataCategory) -> Option<Candidate<'a>> {
        for c in self.consents() {
            if c.status != RecordStatus::Withdrawn
                || c.recorded_at > self.at
                || !c.period.contains(self.at)
                || c.scope != self.req.channel
            {
                continue;
            }
            // Consents are sorted by id and nodes by path: the first match is the smallest.
            for n in self.nodes(c) {
                if n.effect == Effect::Permit && self.node_matches(n, category) {
                    return Some(Candidate {
                        dims: n.dims,
                        depth: n.path.depth(),
                        recorded_at: c.recorded_at,
                        deny: false,
                        objection: false,
                        id: &c.id,
                        path: n.path,
                    });
                }
            }
        }
        None
    }

    fn emergency_applies(&self, category: DataCategory) -> bool {
        self.req.emergency.is_some()
            && self.req.recipient.role.is_care_provider()
            && category != DataCategory::FinancialBilling
    }

    fn decide_category(&self, category: DataCategory) -> (CategoryDecision, CategoryTrace) {
        let req = self.req;
        let consent = self.consent_outcome(category);
        let legal = legal_basis(req, category, self.at);
        let decision = if req.recipient.role == RecipientRole::Insurer && !req.purpose.is_secondary_use() {
            if req.purpose == Purpose::Billing && category == DataCategory::FinancialBilling {
                permit(Basis::InsurerNarrowBasis, None, &[Obligation::LogDisclosure])
            } else {
                deny(Outcome::Deny, Basis::InsurerNarrowBasis, None)
            }
        } else if let Some(c) = consent {
            if c.deny {
                let basis = if c.objection { Basis::Objection } else { Basis::ConsentDenied };
                deny(Outcome::Deny, basis, Some(c.to_ref()))
            } else {
                let basis = match self.who {
                    WhoDecides::Client => Basis::ExplicitConsent,
                    WhoDecides::Representative => Basis::RepresentativeConsent,
                    WhoDecides::ClientAndRepresentative => Basis::JointConsent,
                };
                permit(basis, Some(c.to_ref()), &[Obligation::LogDisclosure])
            }
        } else if let Some(basis) = legal {
            match basis {
                Basis::AggregatedOnly => permit(basis, None, &[Obligation::Pseudonymise]),
                _ => permit(basis, None, &[Obligation::LogDisclosure]),
            }
        } else if let Some(w) = self.withdrawn_permit(category) {
            deny(Outcome::Deny, Basis::ConsentWithdrawn, Some(w.to_ref()))
        } else {
            deny(Outcome::NoApplicableConsent, Basis::NoBasis, None)
        };
        let emergency_applied = !decision.outcome.is_permit() && self.emergency_applies(category);
        let decision = if emergency_applied {
            permit(Basis::Emergency, None, &[Obligation::LogDisclosure, Obligation::InformClient])
        } else {
            decision
        };
        let trace = CategoryTrace {
            category,
            legal_basis: if req.recipient.role == RecipientRole::Insurer && !req.purpose.is_secondary_use() {
                Some(Basis::InsurerNarrowBasis)
            } else {
                legal
            },
            consent: consent.map(|c| if c.deny { Effect::Deny } else { Effect::Permit }),
            emergency_applied,
        };
        (decision, trace)
    }
}

fn permit(basis: Basis, provision: Option<ProvisionRef>, obligations: &[Obligation]) -> CategoryDecision {
    let mut set = CodeSet::empty();
    for o in obligations {
        set.insert(*o);
    }
    CategoryDecision { outcome: Outcome::Permit, basis, provision, obligations: set }
}

fn deny(outcome: Outcome, basis: Basis, provision: Option<ProvisionRef>) -> CategoryDecision {
    CategoryDecision { outcome, basis, provision, obligations: CodeSet::empty() }
}

/// The legal basis that applies without consent, if any (rule 3; the insurer's basis is rule 1).
pub fn legal_basis(req: &DecisionRequest, category: DataCategory, at: DateTime<Utc>) -> Option<Basis> {
    if req.purpose.is_secondary_use() {
        return (category != DataCategory::IdentificationContact).then_some(Basis::AggregatedOnly);
    }
    let care = req.discloser.role.is_care_provider()
        && req.recipient.role.is_care_provider()
        && req.channel == Channel::Direct
        && req.purpose.is_care()
        && category.is_care_data();
    if !care {
        return None;
    }
    let (d, r) = (req.discloser.organisation.as_str(), req.recipient.organisation.as_str());
    if req.has_treatment_relationship(d) && req.has_treatment_relationship(r) {
        Some(Basis::TreatmentRelationship)
    } else if req.agreements.iter().any(|a| a.covers(d, r, category, req.purpose, at)) {
        Some(Basis::SharingAgreement)
    } else {
        None
    }
}

impl ConsentStore {
    fn context<'a>(&'a self, req: &'a DecisionRequest, at: DateTime<Utc>) -> Result<Ctx<'a>> {
        let Some(entry) = self.entry(req.client.as_str()) else {
            return Err(Error::NotFound { kind: "client", id: req.client.to_string() });
        };
        if req.categories.is_empty() {
            return Err(Error::Invalid {
                document: "consent request",
                problems: vec![Problem {
                    path: "categories".into(),
                    reason: "must name at least one data category".into(),
                }],
            });
        }
        let who = super::client::who_decides(entry.date_of_birth, entry.can_decide, at);
        let needs_specific = req.recipient.role.needs_specific_consent()
            || req.discloser.role.needs_specific_consent()
            || req.channel == Channel::ExchangeSystem;
        Ok(Ctx { store: self, entry, req, at, who, needs_specific })
    }

    /// Decides the request at `at`. Allocates nothing on success: the answer is a fixed array
    /// per category, and ids in it are shared, not copied. Errors: unknown client (`not_found`),
    /// no categories asked (`invalid`).
    pub fn decide(&self, req: &DecisionRequest, at: DateTime<Utc>) -> Result<Decision> {
        let ctx = self.context(req, at)?;
        let mut categories = [const { None }; DataCategory::COUNT];
        for c in req.categories.iter() {
            categories[c.index() as usize] = Some(ctx.decide_category(c).0);
        }
        Ok(Decision { client: ctx.entry.id.clone(), at, policy: req.policy, who_decides: ctx.who, categories })
    }

    /// Decides and explains: the same decision as [`ConsentStore::decide`] plus the trace of every
    /// consent and objection of the client and why each did or did not apply.
    pub fn decide_with_trace(&self, req: &DecisionRequest, at: DateTime<Utc>) -> Result<(Decision, Trace)> {
        let ctx = self.context(req, at)?;
        let mut categories = [const { None }; DataCategory::COUNT];
        let mut category_traces = Vec::with_capacity(req.categories.len());
        for c in req.categories.iter() {
            let (d, t) = ctx.decide_category(c);
            categories[c.index() as usize] = Some(d);
            category_traces.push(t);
        }
        let decision =
            Decision { client: ctx.entry.id.clone(), at, policy: req.policy, who_decides: ctx.who, categories };
        let decided_by = |source: SourceKind, id: &Id| -> CodeSet<DataCategory> {
            decision
                .iter()
                .filter(|(_, d)| d.provision.as_ref().is_some_and(|p| p.source == source && &p.id == id))
                .map(|(c, _)| c)
                .collect()
        };
        let mut records = Vec::with_capacity(ctx.consents().len() + ctx.objections().len());
        for c in ctx.consents() {
            let mut matched = CodeSet::empty();
            let reason = consent_gate(c, req.channel, at).unwrap_or_else(|| {
                let (mut capacity, mut specific) = (false, false);
                for cat in req.categories.iter() {
                    for n in ctx.nodes(c) {
                        match ctx.check_node(c, n, cat) {
                            Check::Counts => matched.insert(cat),
                            Check::NotGivenByDecider => capacity = true,
                            Check::NotSpecific => specific = true,
                            Check::NoMatch => {}
                        }
                    }
                }
                if !matched.is_empty() {
                    TraceReason::Applied
                } else if capacity {
                    TraceReason::NotGivenByDecider
                } else if specific {
                    TraceReason::NotSpecificToRecipient
                } else {
                    TraceReason::NoMatchingProvision
                }
            });
            let decided = decided_by(SourceKind::Consent, &c.id);
            records.push(TraceEntry { source: SourceKind::Consent, id: c.id.clone(), reason, matched, decided });
        }
        for o in ctx.objections() {
            let mut matched = CodeSet::empty();
            let reason = objection_gate(o, at).unwrap_or_else(|| {
                let mut capacity = false;
                for cat in req.categories.iter() {
                    match ctx.check_objection(o, cat) {
                        Check::Counts => matched.insert(cat),
                        Check::NotGivenByDecider => capacity = true,
                        _ => {}
                    }
                }
                if !matched.is_empty() {
                    TraceReason::Applied
                } else if capacity {
                    TraceReason::NotGivenByDecider
                } else {
                    TraceReason::NoMatchingProvision
                }
            });
            let decided = decided_by(SourceKind::Objection, &o.id);
            records.push(TraceEntry { source: SourceKind::Objection, id: o.id.clone(), reason, matched, decided });
        }
        let trace = Trace { who_decides: ctx.who, records, categories: category_traces };
        Ok((decision, trace))
    }
}
