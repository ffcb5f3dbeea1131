//! Collaboration agreements (*samenwerkingsafspraken*): agreed, accountable and visible.
//!
//! An [`Agreements`] is loaded against a [`Registry`] (every party and team must exist there),
//! is immutable and `Send + Sync`, and feeds matching (subcontracted care, shared specialist
//! teams, night rotations, the accountable coordination point), the on-call query, and the
//! agreement checks. It refers to registry records by id, so it stays usable with registry
//! values derived by capacity updates; after loading a different registry document, run
//! [`Agreements::check`] (dangling references are findings) or reload.

mod checks;
mod document;
mod model;
mod night;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use checks::{Finding, FindingCode};
pub use document::{
    AGREEMENTS_SCHEMA, AgreementDoc, AgreementsDoc, AllocationDoc, CaseCoordinationDoc, CoordinationPointTermsDoc,
    DataSharingDoc, DelegatedMandateDoc, FundingDoc, NightRotationDoc, OverrideDoc, PartyDoc, SharedTeamDoc, ShiftDoc,
    SubcontractingDoc,
};
pub use model::{
    Agreement, AgreementKind, AgreementStatus, Allocation, CaseCoordination, CoordinationPointTerms, DataSharingTerms,
    DelegatedMandate, Funding, NightOverride, NightRotation, Party, RotaCycle, SharedSpecialistTeam, ShiftTimes,
    Subcontracting, Terms,
};
pub use night::local_instant;

use crate::codes::{CapacityStatus, CareType, CodeSet, TimeOfDay, code_enum};
use crate::consent::{ConsentRequest, SharingAgreement};
use crate::error::Result;
use crate::ids::{Id, Location};
use crate::matching::{Accountable, AccountableSource, AgreementView, Via, ViaKind};
use crate::referral::EscalationPolicy;
use crate::registry::index::Pc4Index;
use crate::registry::{ContactPerson, Coverage, Registry, RegistryIdentity, ServiceArea, TeamIndex};
use crate::wire::{de_contact, ser_contact, ser_display, ser_instant};

/// The agreements of a region (or the country), indexed for matching and on-call queries.
#[derive(Debug, Clone)]
pub struct Agreements {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    version: u64,
    agreements: Vec<Agreement>,
    by_id: HashMap<Id, u32>,
    /// PC4 -> night rotations whose area touches it.
    night_index: Pc4Index,
    /// PC4 -> coordination points whose area touches it.
    coordination_index: Pc4Index,
    /// Organisation -> subcontracting (as principal) and shared teams (as member) agreements.
    care_by_org: HashMap<Id, Vec<u32>>,
    /// Per agreement, the position of its delivering team in the registry the agreements were
    /// loaded against (`u32::MAX`: none). Matching checks the id at that position before using
    /// it, so a match against another registry value (a reloaded one) looks the id up instead.
    delivering: Vec<u32>,
    /// The registry the agreements were loaded against. Matching against it (or a value derived
    /// from it by capacity updates) finds an organisation's agreements by the organisation's
    /// position (`care_start`, `care_list`) instead of hashing its id for every team examined,
    /// and knows every team an agreement names exists there.
    registry: RegistryIdentity,
    /// `care_list[care_start[o]..care_start[o + 1]]`: `care_by_org` of the organisation at
    /// position `o` of that registry, as what matching reads of each agreement.
    care_start: Vec<u32>,
    care_list: Vec<CareEntry>,
    /// `party_list[party_start[i]..party_start[i + 1]]`: the positions in that registry of the
    /// parties of agreement `i`, ascending. A night rotation of a municipality has every
    /// provider there as a party; a team's organisation is found among them by a binary search
    /// over integers instead of a comparison of ids with each.
    party_start: Vec<u32>,
    party_list: Vec<u32>,
    /// PC4 -> subcontracting and shared-team agreements whose area (a shared team without
    /// one: its delivering team's, in that registry) touches it. An agreement not listed for
    /// the client's PC4 cannot cover the client, which matching then knows without reading the
    /// agreement, its delivering team and its area (three or four cache misses).
    care_area_index: Pc4Index,
    /// PC4 -> those of `care_area_index` whose area serves every address of the PC4 (covers it
    /// whole and excludes none of its streets): for such a PC4 matching knows the area covers
    /// the client without reading the area (a pointer and a binary search, cache misses both).
    care_whole_index: Pc4Index,
}

/// What matching reads of a subcontracting or shared-team agreement to know whether it can help
/// a team, kept beside the organisation's list: a team missing a care type reads no
/// [`Agreement`] (hundreds of bytes, a cache miss each) unless one offers that care and is in
/// force.
#[derive(Debug, Clone, Copy)]
struct CareEntry {
    agreement: u32,
    care_types: CodeSet<CareType>,
    active: bool,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
}

impl CareEntry {
    /// The entry of agreement `i`; `None` for one that delivers no care (not subcontracting,
    /// not a shared specialist team).
    fn of(i: u32, a: &Agreement) -> Option<Self> {
        let care_types = match &a.terms {
            Terms::Subcontracting(t) => t.care_types,
            Terms::SharedSpecialistTeam(t) => t.care_types,
            _ => return None,
        };
        Some(Self {
            agreement: i,
            care_types,
            active: a.status == AgreementStatus::Active,
            valid_from: a.valid_from,
            valid_until: a.valid_until,
        })
    }

    /// [`Agreement::in_force`] from the entry.
    fn in_force(&self, date: NaiveDate) -> bool {
        model::in_force(self.active, self.valid_from, self.valid_until, date)
    }
}

impl Agreements {
    /// Loads and validates a `wijknet.agreements/v1` document against a registry; every problem
    /// (unknown party or team, inverted period, unknown code, bad terms) is reported at once.
    pub fn from_json(bytes: &[u8], registry: &Registry) -> Result<Self> {
        let doc: AgreementsDoc = crate::input::read_document(bytes, "agreements", AGREEMENTS_SCHEMA)?;
        Self::from_doc(&doc, registry)
    }

    /// Loads an agreements document given as values, as [`Agreements::from_json`] loads its
    /// JSON text.
    ///
    /// The values are anything a serde `Deserializer` reads (a binding's deserializer over its
    /// host language's dicts and lists, or a `&serde_json::Value`): read as strictly as the JSON
    /// text, with the same answer and the same errors.
    pub fn from_values<'de, D: serde::Deserializer<'de> + Clone>(values: D, registry: &Registry) -> Result<Self> {
        let doc: AgreementsDoc = crate::input::read_document_values(values, "agreements", AGREEMENTS_SCHEMA)?;
        Self::from_doc(&doc, registry)
    }

    /// Validates an already parsed document.
    pub fn from_doc(doc: &AgreementsDoc, registry: &Registry) -> Result<Self> {
        if doc.schema != AGREEMENTS_SCHEMA {
            return Err(crate::Error::Schema {
                document: "agreements",
                found: crate::input::schema_shown(&doc.schema),
                expected: AGREEMENTS_SCHEMA,
            });
        }
        let agreements = document::validate(doc, registry)?;
        let by_id = agreements.iter().enumerate().map(|(i, a)| (a.id.clone(), i as u32)).collect();
        let night_index = Pc4Index::build(agreements.iter().map(|a| match &a.terms {
            Terms::NightRotation(r) => r.area.touched_pc4().collect::<Vec<_>>(),
            _ => Vec::new(),
        }));
        let coordination_index = Pc4Index::build(agreements.iter().map(|a| match &a.terms {
            Terms::CoordinationPoint(t) => t.area.touched_pc4().collect::<Vec<_>>(),
            _ => Vec::new(),
        }));
        let mut care_by_org: HashMap<Id, Vec<u32>> = HashMap::new();
        for (i, a) in agreements.iter().enumerate() {
            match &a.terms {
                Terms::Subcontracting(t) => care_by_org.entry(t.principal.clone()).or_default().push(i as u32),
                Terms::SharedSpecialistTeam(t) => {
                    for m in &t.members {
                        care_by_org.entry(m.clone()).or_default().push(i as u32);
                    }
                }
                _ => {}
            }
        }
        let delivering: Vec<u32> = agreements
            .iter()
            .map(|a| {
                let team = match &a.terms {
                    Terms::Subcontracting(t) => Some(&t.delivering_team),
                    Terms::SharedSpecialistTeam(t) => Some(&t.delivering_team),
                    _ => None,
                };
                team.and_then(|t| registry.team_index(t.as_str())).unwrap_or(u32::MAX)
            })
            .collect();
        let care_areas: Vec<Option<&ServiceArea>> = agreements
            .iter()
            .enumerate()
            .map(|(i, a)| match &a.terms {
                Terms::Subcontracting(t) => Some(&t.area),
                Terms::SharedSpecialistTeam(t) => t.area.as_ref().or_else(|| {
                    let d = delivering[i];
                    (d != u32::MAX).then(|| &registry.team_at(d).area)
                }),
                _ => None,
            })
            .collect();
        let care_area_index = Pc4Index::build(
            care_areas.iter().map(|a| a.map(|a| a.touched_pc4().collect::<Vec<_>>()).unwrap_or_default()),
        );
        let care_whole_index = Pc4Index::build(care_areas.iter().map(|a| {
            a.map(|a| a.expanded.iter().filter(|&p| a.serves_all_of(p)).collect::<Vec<_>>()).unwrap_or_default()
        }));
        let mut party_start = Vec::with_capacity(agreements.len() + 1);
        let mut party_list = Vec::new();
        party_start.push(0);
        for a in &agreements {
            let from = party_list.len();
            party_list.extend(a.parties.iter().filter_map(|p| registry.organisation_position(&p.organisation)));
            party_list[from..].sort_unstable();
            party_start.push(party_list.len() as u32);
        }
        let mut care_start = Vec::with_capacity(registry.organisations().len() + 1);
        let mut care_list = Vec::new();
        care_start.push(0);
        for org in registry.organisations() {
            let list = care_by_org.get(&org.id).map_or(&[][..], Vec::as_slice);
            care_list.extend(list.iter().filter_map(|&i| CareEntry::of(i, &agreements[i as usize])));
            care_start.push(care_list.len() as u32);
        }
        Ok(Self {
            inner: Arc::new(Inner {
                version: doc.version,
                agreements,
                by_id,
                night_index,
                coordination_index,
                care_by_org,
                delivering,
                registry: RegistryIdentity::of(registry),
                care_start,
                care_list,
                party_start,
                party_list,
                care_area_index,
                care_whole_index,
            }),
        })
    }

    /// The document form: loading it again gives an equal set.
    pub fn to_doc(&self) -> AgreementsDoc {
        AgreementsDoc {
            schema: AGREEMENTS_SCHEMA.to_owned(),
            version: self.inner.version,
            agreements: self.inner.agreements.iter().map(document::agreement_doc).collect(),
        }
    }

    /// The `wijknet.agreements/v1` JSON document.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_doc()).expect("agreement documents always serialise")
    }

    /// Data version of the document.
    pub fn version(&self) -> u64 {
        self.inner.version
    }

    /// All agreements in document order.
    pub fn agreements(&self) -> &[Agreement] {
        &self.inner.agreements
    }

    /// An agreement by id.
    pub fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.inner.by_id.get(id).map(|i| &self.inner.agreements[*i as usize])
    }

    /// Agreement findings (night gaps and overlaps, dangling references, overdue reviews,
    /// expired mandates) for nights from `today` up to `horizon_days` ahead.
    ///
    /// `today` must lie in the supported years and `horizon_days` be at most
    /// [`MAX_DAYS`](crate::limits::MAX_DAYS); otherwise an `invalid` error names the parameter.
    pub fn check(&self, registry: &Registry, today: NaiveDate, horizon_days: u32) -> Result<Vec<Finding>> {
        crate::input::param::date("agreement check", "today", today)?;
        crate::input::param::at_most(
            "agreement check",
            "horizon_days",
            u64::from(horizon_days),
            u64::from(crate::limits::MAX_DAYS),
            "days",
        )?;
        Ok(checks::check(self, registry, today, horizon_days))
    }

    /// The coordination-point agreement in force for a location on a date (first in document
    /// order).
    pub fn coordination_point_for(
        &self,
        location: Location,
        date: NaiveDate,
    ) -> Option<(&Agreement, &CoordinationPointTerms)> {
        self.inner.coordination_index.get(location.pc4()).iter().find_map(|&i| {
            let a = &self.inner.agreements[i as usize];
            match &a.terms {
                Terms::CoordinationPoint(t) if a.in_force(date) && t.area.coverage(location) == Coverage::Covered => {
                    Some((a, t))
                }
                _ => None,
            }
        })
    }

    /// "Who covers this postcode for night care at this instant, and whom do I call?"
    ///
    /// `at` must lie in the supported years ([`MIN_YEAR`](crate::limits::MIN_YEAR) to
    /// [`MAX_YEAR`](crate::limits::MAX_YEAR)); otherwise an `invalid` error names it.
    pub fn on_call(&self, registry: &Registry, location: Location, at: DateTime<Utc>) -> Result<OnCall> {
        crate::input::param::instant("on-call query", "at", at)?;
        let mut duties = Vec::new();
        let mut uncovered = Vec::new();
        for &i in self.inner.night_index.get(location.pc4()) {
            let a = &self.inner.agreements[i as usize];
            let Terms::NightRotation(r) = &a.terms else { continue };
            if r.area.coverage(location) != Coverage::Covered {
                continue;
            }
            let Some(night) = r.night_containing(at) else { continue };
            if !a.in_force(night) {
                continue;
            }
            match r.team_on(night).and_then(|t| registry.team(t.as_str())) {
                Some(team) => {
                    let (start, end) = r.shift_instants(night);
                    let accountable =
                        a.parties.iter().find(|p| p.organisation == team.organisation).map(|p| p.accountable.clone());
                    duties.push(Duty {
                        agreement: a.id.clone(),
                        night,
                        team: team.id.clone(),
                        organisation: team.organisation.clone(),
                        shift_start: start,
                        shift_end: end,
                        contact: team.contacts.first().cloned(),
                        accountable,
                    });
                }
                None => uncovered.push(a.id.clone()),
            }
        }
        Ok(OnCall {
            location,
            at,
            outcome: if duties.is_empty() { OnCallOutcome::NobodyOnDuty } else { OnCallOutcome::Covered },
            duties,
            uncovered,
        })
    }

    /// Whether a provider's district nurse may assess this (Wmo) care on a date under a
    /// delegated mandate, and until when such an assessment holds.
    ///
    /// `date` must lie in the supported years; otherwise an `invalid` error names it.
    pub fn may_assess(&self, provider: &str, care: CareType, date: NaiveDate) -> Result<MandateCheck> {
        crate::input::param::date("mandate query", "date", date)?;
        let mut best = MandateCheck {
            outcome: MandateOutcome::NoMandate,
            agreement: None,
            municipality: None,
            assessment_valid_until: None,
        };
        for a in &self.inner.agreements {
            let Terms::DelegatedMandate(m) = &a.terms else { continue };
            if !m.providers.iter().any(|p| p.as_str() == provider) {
                continue;
            }
            let outcome = if !m.care_types.contains(care) {
                MandateOutcome::CareTypeNotMandated
            } else if a.valid_until.is_some_and(|u| date > u) {
                MandateOutcome::MandateExpired
            } else if !a.in_force(date) {
                MandateOutcome::MandateNotActive
            } else {
                MandateOutcome::Allowed
            };
            // Prefer an allowing mandate; otherwise keep the most informative refusal.
            if outcome == MandateOutcome::Allowed || best.outcome == MandateOutcome::NoMandate || outcome > best.outcome
            {
                best = MandateCheck {
                    outcome,
                    agreement: Some(a.id.clone()),
                    municipality: Some(m.municipality.clone()),
                    assessment_valid_until: (outcome == MandateOutcome::Allowed)
                        .then(|| {
                            date.checked_add_days(chrono::Days::new(u64::from(m.assessment_valid_days.unsigned_abs())))
                        })
                        .flatten(),
                };
                if outcome == MandateOutcome::Allowed {
                    break;
                }
            }
        }
        Ok(best)
    }

    /// Organisations that have a case-coordination agreement for this (pseudonymous) client on a
    /// date: the coordinator first, then the members. The consent check can treat them as having
    /// a treatment relationship.
    pub fn case_team(&self, client: &str, date: NaiveDate) -> Vec<Id> {
        let mut out = Vec::new();
        for a in &self.inner.agreements {
            if let Terms::CaseCoordination(c) = &a.terms {
                if c.client.as_str() == client && a.in_force(date) {
                    out.push(c.coordinator.clone());
                    out.extend(c.members.iter().cloned());
                }
            }
        }
        out
    }
}

impl Agreements {
    /// The escalation policy for referrals of a location on a date: the limits and accountable
    /// party of the coordination-point agreement in force there.
    pub fn escalation_policy(&self, location: Location, date: NaiveDate) -> Option<EscalationPolicy> {
        let (_, t) = self.coordination_point_for(location, date)?;
        Some(EscalationPolicy {
            accountable: t.accountable.clone(),
            max_unplaced_acute: chrono::Duration::hours(i64::from(t.max_unplaced_hours_acute)),
            max_unplaced_non_acute: chrono::Duration::hours(i64::from(t.max_unplaced_hours_planned)),
            max_declines: t.max_declines.unsigned_abs(),
        })
    }

    /// Data-sharing agreements binding an organisation, in the consent check's terms. Validity
    /// runs from local midnight of `valid_from` to local midnight after `valid_until`; only
    /// `active` agreements count as active.
    pub fn sharing_agreements_for(&self, organisation: &str) -> Vec<SharingAgreement> {
        self.inner
            .agreements
            .iter()
            .filter(|a| a.has_party(organisation))
            .filter_map(|a| match &a.terms {
                Terms::DataSharing(t) => Some(SharingAgreement {
                    id: a.id.clone(),
                    parties: a.parties.iter().map(|p| p.organisation.clone()).collect(),
                    categories: t.categories,
                    purposes: t.purposes,
                    valid_from: local_instant(a.valid_from.and_time(chrono::NaiveTime::MIN)),
                    valid_until: a
                        .valid_until
                        .and_then(|u| u.succ_opt())
                        .map(|u| local_instant(u.and_time(chrono::NaiveTime::MIN))),
                    active: a.status == AgreementStatus::Active,
                }),
                _ => None,
            })
            .collect()
    }

    /// Adds what the agreements know to a consent request: the organisations of a
    /// case-coordination agreement for the client have a treatment relationship, and the
    /// discloser's data-sharing agreements are offered as a basis. Facts the caller already gave
    /// are kept; nothing is removed.
    pub fn add_consent_facts(&self, request: &mut ConsentRequest, date: NaiveDate) {
        for org in self.case_team(request.client.as_str(), date) {
            if !request.treatment_relationships.contains(&org) {
                request.treatment_relationships.push(org);
            }
        }
        for sharing in self.sharing_agreements_for(request.discloser.organisation_str()) {
            if !request.agreements.iter().any(|a| a.id == sharing.id) {
                request.agreements.push(sharing);
            }
        }
    }
}

code_enum! {
    /// Whether anyone is on night duty.
    OnCallOutcome, "on-call outcome" {
        /// At least one rotation has a team on duty.
        Covered = "covered", "gedekt", "covered";
        /// No rotation covers the location now, or nobody is on duty.
        NobodyOnDuty = "nobody_on_duty", "niemand dienst", "nobody on duty";
    }
}

code_enum! {
    /// Outcome of a delegated-mandate check, ordered from least to most informative refusal.
    MandateOutcome, "mandate outcome" {
        /// No mandate names this provider.
        NoMandate = "no_mandate", "geen mandaat", "no mandate";
        /// A mandate names the provider but not this care.
        CareTypeNotMandated = "care_type_not_mandated", "zorgsoort niet gemandateerd", "care type not mandated";
        /// The mandate is not active (draft, suspended, ended) or not yet valid.
        MandateNotActive = "mandate_not_active", "mandaat niet actief", "mandate not active";
        /// The mandate's validity has ended: the municipal team assesses again.
        MandateExpired = "mandate_expired", "mandaat verlopen", "mandate expired";
        /// The nurse may assess; the municipality still issues the formal decision.
        Allowed = "allowed", "toegestaan", "allowed";
    }
}

/// Answer to a mandate check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MandateCheck {
    /// Allowed or why not.
    pub outcome: MandateOutcome,
    /// The mandate agreement considered.
    pub agreement: Option<Id>,
    /// The municipality that keeps the formal decision.
    pub municipality: Option<Id>,
    /// Until when an assessment made today holds.
    pub assessment_valid_until: Option<NaiveDate>,
}

/// One team on night duty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Duty {
    /// The rotation agreement.
    pub agreement: Id,
    /// The night (start date).
    pub night: NaiveDate,
    /// Team on duty.
    pub team: Id,
    /// Its organisation.
    pub organisation: Id,
    /// Shift start.
    #[serde(serialize_with = "ser_instant")]
    pub shift_start: DateTime<Utc>,
    /// Shift end.
    #[serde(serialize_with = "ser_instant")]
    pub shift_end: DateTime<Utc>,
    /// Whom to call: the team's first contact.
    #[serde(serialize_with = "ser_contact", deserialize_with = "de_contact")]
    pub contact: Option<Arc<ContactPerson>>,
    /// The team organisation's accountable person for the rotation.
    #[serde(serialize_with = "ser_contact", deserialize_with = "de_contact")]
    pub accountable: Option<Arc<ContactPerson>>,
}

/// Answer to the on-call query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OnCall {
    /// Covered or nobody on duty.
    pub outcome: OnCallOutcome,
    /// Location asked about.
    #[serde(serialize_with = "ser_display")]
    pub location: Location,
    /// Instant asked about.
    #[serde(serialize_with = "ser_instant")]
    pub at: DateTime<Utc>,
    /// Teams on duty, in agreement order.
    pub duties: Vec<Duty>,
    /// Rotations covering the location whose night has nobody on duty (a gap).
    pub uncovered: Vec<Id>,
}

impl OnCall {
    /// JSON form.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("always serialises")
    }

    /// JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("always serialises")
    }

    /// An answer written by its JSON form read back (saved earlier, or pickled), as strictly as
    /// a document: contacts checked as the registry checks them, and the `outcome` must be the
    /// one its duties give.
    ///
    /// Errors: [`Error::Json`](crate::Error::Json) (document `on-call answer`) at the path where
    /// the text stops being one; [`Error::Invalid`](crate::Error::Invalid) at `$.outcome`. No
    /// message repeats a value of the text.
    pub fn from_json(text: &str) -> Result<Self> {
        const DOCUMENT: &str = "on-call answer";
        let answer: Self = crate::wire::answer_from_json_strict(DOCUMENT, "an on-call answer", text)?;
        let mut problems = crate::error::Problems::new();
        let outcome = if answer.duties.is_empty() { OnCallOutcome::NobodyOnDuty } else { OnCallOutcome::Covered };
        if answer.outcome != outcome {
            problems.push("$.outcome", format!("expected `{outcome}` for {} duties", answer.duties.len()));
        }
        problems.finish(DOCUMENT, || answer)
    }
}

/// The answers of the agreements' queries read back alone from their JSON (their `Serialize`
/// form): what a binding pickles them as.
macro_rules! answer_from_json {
    ($($ty:ident, $document:literal, $what:literal;)*) => {$(
        impl $ty {
            #[doc = concat!("The JSON form of ", $what, ".")]
            pub fn to_json(&self) -> String {
                serde_json::to_string(self).expect("always serialises")
            }

            #[doc = concat!("Reads back ", $what, " written by `to_json`, as strictly as a document.")]
            #[doc = "Errors: [`Error::Json`](crate::Error::Json) at the path where the text stops"]
            #[doc = concat!("being ", $what, ", never repeating a value.")]
            pub fn from_json(text: &str) -> Result<Self> {
                crate::wire::answer_from_json_strict($document, $what, text)
            }
        }
    )*};
}

answer_from_json! {
    Duty, "night duty", "a night duty";
    MandateCheck, "mandate check", "a mandate check";
    Finding, "agreement finding", "a finding";
}

impl AgreementView for Agreements {
    fn care_via(
        &self,
        registry: &Registry,
        team: TeamIndex,
        location: Location,
        date: NaiveDate,
        missing: CodeSet<CareType>,
        via: &mut Vec<Via>,
    ) -> CodeSet<CareType> {
        // The team's rule record, not the team: matching has just read it.
        let rules = registry.team_rules(team);
        let same = self.inner.registry.is(registry);
        // No agreement touching the client's PC4 helps any team there: known before reading the
        // organisation's list.
        let near: &[u32] = if same { self.inner.care_area_index.get(location.pc4()) } else { &[] };
        if same && near.is_empty() {
            return CodeSet::empty();
        }
        let (entries, ids): (&[CareEntry], &[u32]) = if same {
            let o = rules.organisation as usize;
            (&self.inner.care_list[self.inner.care_start[o] as usize..self.inner.care_start[o + 1] as usize], &[])
        } else {
            match self.inner.care_by_org.get(&rules.organisation_id) {
                Some(list) => (&[], list.as_slice()),
                None => return CodeSet::empty(),
            }
        };
        let others = ids.iter().filter_map(|&i| CareEntry::of(i, &self.inner.agreements[i as usize]));
        let whole: &[u32] = if same { self.inner.care_whole_index.get(location.pc4()) } else { &[] };
        let mut got = CodeSet::empty();
        for e in entries.iter().copied().chain(others) {
            // Whether the agreement offers care still missing, then whether it is in force: from
            // the entry. The agreement itself only for one that does both.
            let useful = e.care_types.intersection(missing).difference(got);
            if useful.is_empty() || !e.in_force(date) || (same && near.binary_search(&e.agreement).is_err()) {
                continue;
            }
            let i = e.agreement;
            let a = &self.inner.agreements[i as usize];
            let (kind, delivering, area) = match &a.terms {
                Terms::Subcontracting(t) => (ViaKind::Subcontracting, &t.delivering_team, Some(&t.area)),
                Terms::SharedSpecialistTeam(t) => (ViaKind::SharedSpecialistTeam, &t.delivering_team, t.area.as_ref()),
                _ => continue,
            };
            let known = self.inner.delivering[i as usize];
            let d = if (same && known != u32::MAX)
                || (known < registry.teams().len() as u32 && registry.team_rules(known).id == *delivering)
            {
                known
            } else {
                let Some(d) = registry.team_index(delivering.as_str()) else { continue };
                d
            };
            let drules = registry.team_rules(d);
            // The delivering team must serve the client and not be full.
            if drules.capacity.status == CapacityStatus::Full {
                continue;
            }
            // An area known to serve all of the PC4 is not read (same registry only: the index
            // was built from its areas).
            if whole.binary_search(&i).is_err()
                && area.unwrap_or(&registry.team_at(d).area).coverage(location) != Coverage::Covered
            {
                continue;
            }
            got = got.union(useful);
            via.push(Via {
                kind,
                agreement: a.id.clone(),
                delivering_team: drules.id.clone(),
                care_types: useful,
                times_of_day: CodeSet::empty(),
            });
        }
        got
    }

    fn night_via(
        &self,
        registry: &Registry,
        team: TeamIndex,
        location: Location,
        date: NaiveDate,
        via: &mut Vec<Via>,
    ) -> bool {
        let rules = registry.team_rules(team);
        // Every team a rota names is a team of the registry the agreements were loaded against.
        let same = self.inner.registry.is(registry);
        let has_party = |i: usize, a: &Agreement| {
            if same {
                let parties =
                    &self.inner.party_list[self.inner.party_start[i] as usize..self.inner.party_start[i + 1] as usize];
                parties.binary_search(&rules.organisation).is_ok()
            } else {
                a.parties.iter().any(|p| p.organisation == rules.organisation_id)
            }
        };
        for &i in self.inner.night_index.get(location.pc4()) {
            let a = &self.inner.agreements[i as usize];
            let Terms::NightRotation(r) = &a.terms else { continue };
            if !a.in_force(date) || !has_party(i as usize, a) || r.area.coverage(location) != Coverage::Covered {
                continue;
            }
            if let Some(duty) = r.team_on(date).filter(|t| same || registry.team_index(t.as_str()).is_some()) {
                via.push(Via {
                    kind: ViaKind::NightRotation,
                    agreement: a.id.clone(),
                    delivering_team: duty.clone(),
                    care_types: CodeSet::empty(),
                    times_of_day: [TimeOfDay::Night].into_iter().collect(),
                });
                return true;
            }
        }
        false
    }

    fn accountable(&self, registry: &Registry, location: Location, date: NaiveDate) -> Option<Accountable> {
        let (a, t) = self.coordination_point_for(location, date)?;
        Some(Accountable {
            party: t.accountable.clone(),
            source: AccountableSource::CoordinationPoint,
            via: Some(a.id.clone()),
            contact: t
                .contact
                .clone()
                .or_else(|| registry.organisation(t.accountable.as_str()).and_then(|o| o.contact.clone())),
        })
    }
}

#[cfg(test)]
mod tests;
