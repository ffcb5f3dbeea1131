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
    CombiningPolicy, ConsentBasis, ConsentChannel, ConsentEffect, ConsentOutcome, ConsentRecordStatus,
    ConsentSourceKind, ConsentTraceReason, DataCategory, DataForm, Obligation, Purpose, RecipientRole, WhoDecides,
};
use super::compile::{ClientEntry, RecordEntry, instant, rule_flag};
use super::decision::{CategoryDecision, CategoryTrace, Decision, ProvisionRef, Trace, TraceEntry};
use super::path::ProvisionPath;
use super::record::{MAX_PROVISION_DEPTH, specificity};
use super::request::ConsentRequest;
use super::store::ConsentStore;
use crate::codes::CodeSet;
use crate::error::{Error, Problem, Result};

/// A counted consent provision or objection competing to decide one category.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    recorded_at: i64,
    record: u32,
    path: ProvisionPath,
    dims: u8,
    depth: u8,
    deny: bool,
    objection: bool,
}

impl Candidate {
    fn of(rule: &Effective, record: u32, r: &RecordEntry) -> Self {
        Self {
            recorded_at: r.recorded_at,
            record,
            path: rule.path,
            dims: rule.specificity(),
            depth: rule.path.depth(),
            deny: rule.deny,
            objection: r.objection(),
        }
    }

    /// The specificity order: more specific first (see `record::specificity`), then deeper, then deny before
    /// permit (a tie goes to the deny), objection before a consent's deny, then record id and
    /// path so that the winner never depends on document order. (Records of one client and one
    /// kind are stored sorted by id, so the record index compares like the id.)
    fn rank(&self, other: &Self) -> Ordering {
        other
            .dims
            .cmp(&self.dims)
            .then(other.depth.cmp(&self.depth))
            .then(other.deny.cmp(&self.deny))
            .then(other.objection.cmp(&self.objection))
            .then(self.record.cmp(&other.record))
            .then_with(|| self.path.cmp(&other.path))
    }

    fn to_ref(self, store: &ConsentStore) -> ProvisionRef {
        ProvisionRef {
            source: if self.objection { ConsentSourceKind::Objection } else { ConsentSourceKind::Consent },
            id: store.compiled.records[self.record as usize].id.clone(),
            path: self.path,
        }
    }
}

/// A provision (or objection) with the constraints of its whole path from the root: what the
/// compiled form held per rule before it kept only each provision's own constraints. Worked out
/// on the way down the tree, a few ANDs per provision.
#[derive(Debug, Clone, Copy)]
struct Effective {
    roles: u8,
    categories: u8,
    purposes: u8,
    /// Validity: the record's period intersected with every provision period on the path.
    start: i64,
    end: i64,
    /// Every organisation list on the path names the recipient (true when the request names no
    /// recipient organisation: then [`Effective::constrained`] decides).
    actors_ok: bool,
    /// Some provision on the path names organisations.
    constrained: bool,
    /// Some provision on the path names recipient roles or organisations.
    named: bool,
    /// The rule flags of the dimensions constrained on the path.
    dims: u8,
    path: ProvisionPath,
    deny: bool,
}

impl Effective {
    fn specificity(&self) -> u8 {
        specificity(
            self.dims & rule_flag::ACTORS != 0,
            self.dims & rule_flag::ROLES != 0,
            self.dims & rule_flag::CATEGORIES != 0,
            self.dims & rule_flag::PURPOSES != 0,
        )
    }
}

/// Running winners for the three policies, so one pass serves any of them.
#[derive(Debug, Clone, Copy, Default)]
struct Best {
    any: Option<Candidate>,
    deny: Option<Candidate>,
    recent: Option<Candidate>,
}

impl Best {
    fn offer(&mut self, c: Candidate) {
        if self.any.is_none_or(|b| c.rank(&b) == Ordering::Less) {
            self.any = Some(c);
        }
        if c.deny && self.deny.is_none_or(|b| c.rank(&b) == Ordering::Less) {
            self.deny = Some(c);
        }
        let newer = |b: Candidate| {
            c.recorded_at > b.recorded_at || (c.recorded_at == b.recorded_at && c.rank(&b) == Ordering::Less)
        };
        if self.recent.is_none_or(newer) {
            self.recent = Some(c);
        }
    }

    fn pick(&self, policy: CombiningPolicy) -> Option<Candidate> {
        match policy {
            CombiningPolicy::MostSpecificWins => self.any,
            CombiningPolicy::DenyOverrides => self.deny.or(self.any),
            CombiningPolicy::MostRecentWins => self.recent,
        }
    }
}

/// What one rule contributes to one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Counts,
    NotGivenByDecider,
    NotSpecific,
    /// A permit naming organisations, asked about a recipient named by its role only.
    RecipientNotNamed,
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

/// Legal-basis facts of a request that do not depend on the category, worked out once.
struct LegalFacts {
    secondary_use: bool,
    care_context: bool,
    treatment_relationship: bool,
    agreement_categories: u32,
}

impl LegalFacts {
    fn of(req: &ConsentRequest, at: DateTime<Utc>) -> Self {
        let care_context = req.discloser.role.is_care_provider()
            && req.recipient.role.is_care_provider()
            && req.channel == ConsentChannel::Direct
            && req.purpose.is_care();
        // The organisations' texts only in a care context: reading an id as text checks it.
        let (mut agreement_categories, mut treatment_relationship) = (0, false);
        if care_context {
            let (d, r) = (req.discloser.organisation_str(), req.recipient.organisation_str());
            treatment_relationship = req.has_treatment_relationship(d) && req.has_treatment_relationship(r);
            for a in &req.agreements {
                if let Some(c) = a.categories.first()
                    && a.covers(d, r, c, req.purpose, at)
                {
                    agreement_categories |= a.categories.bits();
                }
            }
        }
        Self {
            secondary_use: req.purpose.is_secondary_use(),
            care_context,
            treatment_relationship,
            agreement_categories,
        }
    }

    fn basis(&self, category: DataCategory) -> Option<ConsentBasis> {
        if self.secondary_use {
            (category != DataCategory::IdentificationContact).then_some(ConsentBasis::AggregatedOnly)
        } else if !self.care_context || !category.is_care_data() {
            None
        } else if self.treatment_relationship {
            Some(ConsentBasis::TreatmentRelationship)
        } else if self.agreement_categories & (1 << category.index()) != 0 {
            Some(ConsentBasis::SharingAgreement)
        } else {
            None
        }
    }
}

/// The legal basis that applies without consent, if any (rule 3; the insurer's basis is rule 1).
pub fn legal_basis(req: &ConsentRequest, category: DataCategory, at: DateTime<Utc>) -> Option<ConsentBasis> {
    LegalFacts::of(req, at).basis(category)
}

struct Ctx<'a> {
    store: &'a ConsentStore,
    entry: &'a ClientEntry,
    req: &'a ConsentRequest,
    at: i64,
    who: WhoDecides,
    needs_specific: bool,
    /// The recipient organisation: `None` when the request names none, `Some(None)` when the
    /// store names it nowhere (no organisation list holds it).
    org: Option<Option<u32>>,
    legal: LegalFacts,
}

/// Per requested category: the combined consents and objections, and the first withdrawn permit.
struct Gathered {
    best: [Best; DataCategory::COUNT],
    withdrawn: [Option<Candidate>; DataCategory::COUNT],
}

impl<'a> Ctx<'a> {
    /// The client's records with their indices in the store.
    fn records(&self) -> impl Iterator<Item = (u32, &'a RecordEntry)> + use<'a> {
        let (start, end) = (self.entry.records, self.entry.records_end);
        (start..end).zip(&self.store.compiled.records[start as usize..end as usize])
    }

    /// Calls `f` with the rules of record `r`, in tree order, with their path's constraints
    /// worked out (a stack of one [`Effective`] per depth). When `f` returns false the rule's
    /// subtree is skipped: a nested provision only narrows its parent, so where the parent cannot
    /// match the request, none of its descendants can.
    fn walk(&self, r: &RecordEntry, mut f: impl FnMut(&Effective) -> bool) {
        let c = &self.store.compiled;
        let root = Effective {
            roles: u8::MAX,
            categories: u8::MAX,
            purposes: u8::MAX,
            start: r.start,
            end: r.end,
            actors_ok: true,
            constrained: false,
            named: false,
            dims: 0,
            path: ProvisionPath::ROOT,
            deny: false,
        };
        let mut stack = [root; MAX_PROVISION_DEPTH];
        let mut children = [0u8; MAX_PROVISION_DEPTH];
        let mut skip_below = usize::MAX;
        for i in r.rules..r.rules_end {
            let rule = &c.rules[i as usize];
            // The document layer bounds the depth; `min` only keeps a broken invariant from
            // indexing out of the stack.
            let d = (rule.depth as usize).min(MAX_PROVISION_DEPTH - 1);
            if d > skip_below {
                continue;
            }
            skip_below = usize::MAX;
            let (parent, path) = if d == 0 {
                (root, ProvisionPath::ROOT)
            } else {
                let parent = stack[d - 1];
                let k = children[d - 1];
                children[d - 1] = k.wrapping_add(1);
                (parent, parent.path.child(k).unwrap_or(parent.path))
            };
            children[d] = 0;
            let (start, end) = if rule.has(rule_flag::PERIOD) {
                let (s, e) = c.period(i);
                (parent.start.max(s), parent.end.min(e))
            } else {
                (parent.start, parent.end)
            };
            let actors = rule.has(rule_flag::ACTORS);
            let e = Effective {
                roles: parent.roles & rule.roles,
                categories: parent.categories & rule.categories,
                purposes: parent.purposes & rule.purposes,
                start,
                end,
                actors_ok: parent.actors_ok
                    && (!actors || self.org.is_none_or(|org| org.is_some_and(|k| c.names(rule, k)))),
                constrained: parent.constrained || actors,
                named: parent.named || actors || rule.has(rule_flag::ROLES),
                dims: parent.dims
                    | (rule.flags
                        & (rule_flag::ACTORS | rule_flag::ROLES | rule_flag::CATEGORIES | rule_flag::PURPOSES)),
                path,
                deny: rule.has(rule_flag::DENY),
            };
            stack[d] = e;
            if !f(&e) {
                skip_below = d;
            }
        }
    }

    /// Whether the rule's path constraints and its record's channel (not its status) match the
    /// request, ignoring the category. A rule naming organisations matches a recipient named by
    /// its role only (it may be one of them): a deny then counts, a permit does not
    /// ([`Check::RecipientNotNamed`]).
    fn rule_matches(&self, e: &Effective, r: &RecordEntry) -> bool {
        let req = self.req;
        e.roles & (1 << req.recipient.role.index()) != 0
            && e.purposes & (1 << req.purpose.index()) != 0
            && e.start <= self.at
            && self.at < e.end
            && r.scope.is_none_or(|s| s == req.channel)
            && e.actors_ok
    }

    fn counts(&self, e: &Effective, r: &RecordEntry) -> Check {
        let (by_client, by_representative) = (r.by_client(), r.by_representative());
        if !e.deny {
            if !permit_given_by_decider(self.who, by_client, by_representative) {
                Check::NotGivenByDecider
            } else if e.constrained && self.org.is_none() {
                Check::RecipientNotNamed
            } else if self.needs_specific && !e.named {
                Check::NotSpecific
            } else {
                Check::Counts
            }
        } else if !deny_given_by_decider(self.who, by_client, by_representative) {
            Check::NotGivenByDecider
        } else {
            Check::Counts
        }
    }

    /// One pass over the client's records and rules for every requested category at once.
    fn gather(&self) -> Gathered {
        let mut g = Gathered { best: [Best::default(); DataCategory::COUNT], withdrawn: [None; DataCategory::COUNT] };
        let requested = self.req.categories.bits() as u8;
        for (index, r) in self.records() {
            if r.status == ConsentRecordStatus::Superseded || r.recorded_at > self.at {
                continue;
            }
            let withdrawn = r.status == ConsentRecordStatus::Withdrawn;
            if withdrawn && r.objection() {
                continue;
            }
            self.walk(r, |e| {
                let cats = e.categories & requested;
                if cats == 0 || !self.rule_matches(e, r) {
                    return false;
                }
                // A withdrawn permit naming organisations says nothing about an unnamed recipient
                // (and a withdrawn deny says nothing at all; its provisions may still permit).
                if withdrawn && (e.deny || (e.constrained && self.org.is_none())) {
                    return true;
                }
                let cand = Candidate::of(e, index, r);
                let mut bits = cats;
                if withdrawn {
                    // Rules are in id and tree order: the first withdrawn permit is the smallest.
                    while bits != 0 {
                        let slot = &mut g.withdrawn[bits.trailing_zeros() as usize];
                        bits &= bits - 1;
                        if slot.is_none() {
                            *slot = Some(cand);
                        }
                    }
                } else if self.counts(e, r) == Check::Counts {
                    while bits != 0 {
                        g.best[bits.trailing_zeros() as usize].offer(cand);
                        bits &= bits - 1;
                    }
                }
                true
            });
        }
        g
    }

    fn emergency_applies(&self, category: DataCategory) -> bool {
        self.req.emergency.is_some()
            && self.req.recipient.role.is_care_provider()
            && category != DataCategory::FinancialBilling
    }

    fn decide_category(&self, category: DataCategory, g: &Gathered) -> (CategoryDecision, CategoryTrace, Option<u32>) {
        let req = self.req;
        let i = category.index() as usize;
        let consent = g.best[i].pick(req.policy);
        let insurer = req.recipient.role == RecipientRole::Insurer && !req.purpose.is_secondary_use();
        let legal = self.legal.basis(category);
        let mut decided_by = None;
        let decision = if insurer {
            if req.purpose == Purpose::Billing && category == DataCategory::FinancialBilling {
                permit(category, ConsentBasis::InsurerNarrowBasis, None, &[Obligation::LogDisclosure])
            } else {
                deny(category, ConsentOutcome::Deny, ConsentBasis::InsurerNarrowBasis, None)
            }
        } else if let Some(c) = consent {
            decided_by = Some(c.record);
            if c.deny {
                let basis = if c.objection { ConsentBasis::Objection } else { ConsentBasis::ConsentDenied };
                deny(category, ConsentOutcome::Deny, basis, Some(c.to_ref(self.store)))
            } else {
                let basis = match self.who {
                    WhoDecides::Client => ConsentBasis::ExplicitConsent,
                    WhoDecides::Representative => ConsentBasis::RepresentativeConsent,
                    WhoDecides::ClientAndRepresentative => ConsentBasis::JointConsent,
                };
                permit(category, basis, Some(c.to_ref(self.store)), &[Obligation::LogDisclosure])
            }
        } else if let Some(basis) = legal {
            match (basis, req.data_form) {
                // Without consent, monitoring and research get no identified data: asked for
                // outright, it is denied under the same rule that permits the other forms.
                (ConsentBasis::AggregatedOnly, Some(DataForm::Identified)) => {
                    deny(category, ConsentOutcome::Deny, basis, None)
                }
                // Counts over many clients are about no one: nothing to pseudonymise or log.
                (ConsentBasis::AggregatedOnly, Some(DataForm::Aggregated)) => permit(category, basis, None, &[]),
                // Pseudonymised, or unsaid: shared on the condition that it is pseudonymised.
                (ConsentBasis::AggregatedOnly, Some(DataForm::Pseudonymised) | None) => {
                    permit(category, basis, None, &[Obligation::Pseudonymise])
                }
                _ => permit(category, basis, None, &[Obligation::LogDisclosure]),
            }
        } else if let Some(w) = g.withdrawn[i] {
            decided_by = Some(w.record);
            deny(category, ConsentOutcome::Deny, ConsentBasis::ConsentWithdrawn, Some(w.to_ref(self.store)))
        } else {
            deny(category, ConsentOutcome::NoApplicableConsent, ConsentBasis::NoBasis, None)
        };
        let emergency_applied = !decision.outcome.is_permit() && self.emergency_applies(category);
        let decision = if emergency_applied {
            decided_by = None;
            permit(category, ConsentBasis::Emergency, None, &[Obligation::LogDisclosure, Obligation::InformClient])
        } else {
            decision
        };
        let trace = CategoryTrace {
            category,
            legal_basis: if insurer { Some(ConsentBasis::InsurerNarrowBasis) } else { legal },
            consent: consent.map(|c| if c.deny { ConsentEffect::Deny } else { ConsentEffect::Permit }),
            emergency_applied,
        };
        (decision, trace, decided_by)
    }

    /// Why a record as a whole does not take part, if it does not.
    fn record_gate(&self, r: &RecordEntry) -> Option<ConsentTraceReason> {
        match r.status {
            ConsentRecordStatus::Withdrawn => Some(ConsentTraceReason::Withdrawn),
            ConsentRecordStatus::Superseded => Some(ConsentTraceReason::Superseded),
            ConsentRecordStatus::Active if r.recorded_at > self.at => Some(ConsentTraceReason::RecordedAfterDecision),
            ConsentRecordStatus::Active if !(r.start <= self.at && self.at < r.end) => {
                Some(ConsentTraceReason::OutsidePeriod)
            }
            ConsentRecordStatus::Active if r.scope.is_some_and(|s| s != self.req.channel) => {
                Some(ConsentTraceReason::OtherChannel)
            }
            ConsentRecordStatus::Active => None,
        }
    }

    fn trace_entry(&self, index: u32, r: &RecordEntry, decided_by: &[(DataCategory, Option<u32>)]) -> TraceEntry {
        let mut matched = CodeSet::empty();
        let reason = self.record_gate(r).unwrap_or_else(|| {
            let (mut capacity, mut specific, mut unnamed) = (false, false, false);
            let requested = self.req.categories.bits() as u8;
            self.walk(r, |e| {
                if e.categories & requested == 0 || !self.rule_matches(e, r) {
                    return false;
                }
                for cat in self.req.categories.iter() {
                    if e.categories & (1 << cat.index()) == 0 {
                        continue;
                    }
                    match self.counts(e, r) {
                        Check::Counts => matched.insert(cat),
                        Check::NotGivenByDecider => capacity = true,
                        Check::NotSpecific => specific = true,
                        Check::RecipientNotNamed => unnamed = true,
                    }
                }
                true
            });
            if !matched.is_empty() {
                ConsentTraceReason::Applied
            } else if capacity {
                ConsentTraceReason::NotGivenByDecider
            } else if unnamed {
                ConsentTraceReason::RecipientNotNamed
            } else if specific {
                ConsentTraceReason::NotSpecificToRecipient
            } else {
                ConsentTraceReason::NoMatchingProvision
            }
        });
        let source = if r.objection() { ConsentSourceKind::Objection } else { ConsentSourceKind::Consent };
        let decided = decided_by.iter().filter(|(_, r)| *r == Some(index)).map(|(c, _)| *c).collect();
        TraceEntry { source, id: r.id.clone(), reason, matched, decided }
    }
}

fn permit(
    category: DataCategory,
    basis: ConsentBasis,
    provision: Option<ProvisionRef>,
    obligations: &[Obligation],
) -> CategoryDecision {
    let mut set = CodeSet::empty();
    for o in obligations {
        set.insert(*o);
    }
    CategoryDecision { category, outcome: ConsentOutcome::Permit, basis, provision, obligations: set }
}

fn deny(
    category: DataCategory,
    outcome: ConsentOutcome,
    basis: ConsentBasis,
    provision: Option<ProvisionRef>,
) -> CategoryDecision {
    CategoryDecision { category, outcome, basis, provision, obligations: CodeSet::empty() }
}

impl ConsentStore {
    fn context<'a>(&'a self, req: &'a ConsentRequest, at: DateTime<Utc>) -> Result<Ctx<'a>> {
        crate::input::param::instant("consent decision", "at", at)?;
        let Some(entry) = self.entry(req.client.as_bytes()) else {
            return Err(Error::NotFound { kind: "client", id: req.client.to_string() });
        };
        // The client's first record and its first rule are each a cache miss on a large store,
        // and the rule's place is read from the record: loaded now, side by side, while the
        // request's own facts are worked out, rather than one after the other in `gather`.
        let c = &self.compiled;
        std::hint::black_box((
            c.records.get(entry.records as usize).map(|r| r.recorded_at),
            c.rules.get(entry.first_rule as usize).map(|r| r.flags),
        ));
        let problems = req.party_problems();
        if !problems.is_empty() {
            return Err(Error::Invalid { document: "consent request", problems });
        }
        if req.categories.is_empty() {
            return Err(Error::Invalid {
                document: "consent request",
                problems: vec![Problem {
                    path: "$.categories".into(),
                    reason: "must name at least one data category".into(),
                }],
            });
        }
        let who = super::client::who_decides(entry.date_of_birth, entry.can_decide, at);
        let needs_specific = req.recipient.role.needs_specific_consent()
            || req.discloser.role.needs_specific_consent()
            || req.channel == ConsentChannel::ExchangeSystem;
        Ok(Ctx {
            store: self,
            entry,
            req,
            at: instant(at),
            who,
            needs_specific,
            org: req.recipient.organisation.as_ref().map(|o| self.compiled.org_index(o.as_bytes())),
            legal: LegalFacts::of(req, at),
        })
    }

    /// Decides the request at `at`. Allocates nothing on success: the answer is a fixed array
    /// per category, and ids in it are shared, not copied. Errors: `at` outside the years
    /// [`MIN_YEAR`](crate::limits::MIN_YEAR) to [`MAX_YEAR`](crate::limits::MAX_YEAR)
    /// (`invalid`, at `$.at`), unknown client (`not_found`), no categories asked (`invalid`).
    ///
    /// Cost: one pass over the client's compiled rules (a rule naming organisations is matched
    /// by binary search, O(log n) in its list), plus one pass over the request's own treatment
    /// relationships and agreements.
    pub fn decide(&self, req: &ConsentRequest, at: DateTime<Utc>) -> Result<Decision> {
        let ctx = self.context(req, at)?;
        let g = ctx.gather();
        // Filled where it stands (not built beside it and moved in).
        let mut decision = Decision {
            client: req.client.clone(),
            at,
            policy: req.policy,
            who_decides: ctx.who,
            categories: [const { None }; DataCategory::COUNT],
            redact: CodeSet::empty(),
        };
        for c in req.categories.iter() {
            decision.categories[c.index() as usize] = Some(ctx.decide_category(c, &g).0);
        }
        decision.set_redaction();
        Ok(decision)
    }

    /// Decides and explains: the same decision as [`ConsentStore::decide`] plus the trace of every
    /// consent and objection of the client and why each did or did not apply.
    pub fn decide_with_trace(&self, req: &ConsentRequest, at: DateTime<Utc>) -> Result<(Decision, Trace)> {
        let ctx = self.context(req, at)?;
        let g = ctx.gather();
        let mut categories = [const { None }; DataCategory::COUNT];
        let mut category_traces = Vec::with_capacity(req.categories.len());
        let mut decided_by = [(DataCategory::Medical, None); DataCategory::COUNT];
        for (k, c) in req.categories.iter().enumerate() {
            let (d, t, by) = ctx.decide_category(c, &g);
            categories[c.index() as usize] = Some(d);
            category_traces.push(t);
            decided_by[k] = (c, by);
        }
        let decided_by = &decided_by[..req.categories.len()];
        let mut decision = Decision {
            client: req.client.clone(),
            at,
            policy: req.policy,
            who_decides: ctx.who,
            categories,
            redact: CodeSet::empty(),
        };
        decision.set_redaction();
        let records: Vec<TraceEntry> = ctx.records().map(|(i, r)| ctx.trace_entry(i, r, decided_by)).collect();
        let trace = Trace { who_decides: ctx.who, records, categories: category_traces };
        Ok((decision, trace))
    }
}
