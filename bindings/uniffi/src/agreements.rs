//! Collaboration agreements as a uniffi object: on-call, checks, mandates, case teams.

use std::sync::Arc;
use std::time::SystemTime;

use crate::codes::{
    AgreementKind, AgreementStatus, CareType, FindingCode, FundingStream, MandateOutcome, OnCallOutcome,
};
use crate::consent::{ConsentRequest, SharingAgreement};
use crate::error::Result;
use crate::referral::EscalationPolicy;
use crate::registry::{ContactPerson, Registry, ServiceArea};
use crate::types::{self, CalendarDate};

/// The collaboration agreements (*samenwerkingsafspraken*) of a region, loaded from a
/// `wijknet.agreements/v1` JSON document against a registry (every party and team must exist
/// there). Used by `Registry.matchWithAgreements`, the on-call query, the checks and the
/// mandate check.
///
/// **Thread-safety:** immutable; share one instance between threads freely. It refers to
/// registry records by id, so it stays valid with registries derived by capacity updates; after
/// loading a different registry document, run `check` (dangling references are findings) or
/// reload.
///
/// **Lifetime:** owns native memory; in Kotlin call `close()` (or `use { }`) or leave it to the
/// cleaner, in Swift it is freed with its last reference. It does not keep the registry alive
/// (pass the registry to each call that needs it).
#[derive(Debug, uniffi::Object)]
pub struct Agreements {
    pub(crate) inner: wijknet::agreements::Agreements,
}

#[uniffi::export]
impl Agreements {
    /// Loads and validates a `wijknet.agreements/v1` document (UTF-8 bytes) against a
    /// registry; every problem (unknown party or team, inverted period, unknown code, bad terms)
    /// is reported at once.
    #[uniffi::constructor]
    pub fn from_json(json: Vec<u8>, registry: Arc<Registry>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: wijknet::agreements::Agreements::from_json(&json, &registry.inner)? }))
    }

    /// Same as `fromJson`, from a string.
    #[uniffi::constructor]
    pub fn from_json_string(json: String, registry: Arc<Registry>) -> Result<Arc<Self>> {
        Self::from_json(json.into_bytes(), registry)
    }

    /// The `wijknet.agreements/v1` JSON document: loading it again gives an equal set.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Data version of the document.
    pub fn version(&self) -> u64 {
        self.inner.version()
    }

    /// Every agreement's common frame (parties with their accountable persons, validity,
    /// review date, funding), in document order. The kind-specific terms are in `toJson()`.
    pub fn agreements(&self) -> Vec<Agreement> {
        self.inner.agreements().iter().map(Agreement::from).collect()
    }

    /// One agreement by id, or null.
    pub fn agreement(&self, id: String) -> Option<Agreement> {
        self.inner.agreement(&id).map(Agreement::from)
    }

    /// "Who covers this postcode for night care at this instant, and whom do I call?"
    /// `location` is a PC6 or PC4.
    pub fn on_call(&self, registry: Arc<Registry>, location: String, at: SystemTime) -> Result<OnCall> {
        let location = types::location(&location)?;
        let at = types::utc(at, "at")?;
        let o = self.inner.on_call(&registry.inner, location, at)?;
        Ok(OnCall {
            outcome: o.outcome.into(),
            location: o.location.to_string(),
            at: types::instant(o.at),
            duties: o
                .duties
                .iter()
                .map(|d| Duty {
                    agreement: d.agreement.to_string(),
                    night: CalendarDate(d.night),
                    team: d.team.to_string(),
                    organisation: d.organisation.to_string(),
                    shift_start: types::instant(d.shift_start),
                    shift_end: types::instant(d.shift_end),
                    contact: d.contact.as_deref().map(ContactPerson::from),
                    accountable: d.accountable.as_deref().map(ContactPerson::from),
                })
                .collect(),
            uncovered: o.uncovered.iter().map(ToString::to_string).collect(),
        })
    }

    /// What a coordinator must fix: night gaps and overlaps, references the registry no longer
    /// knows, overdue reviews, expired mandates, for nights from `today` up to `horizonDays`
    /// ahead.
    pub fn check(&self, registry: Arc<Registry>, today: CalendarDate, horizon_days: u32) -> Result<Vec<Finding>> {
        Ok(self
            .inner
            .check(&registry.inner, today.0, horizon_days)?
            .into_iter()
            .map(|f| Finding {
                code: f.code.into(),
                agreement: f.agreement.to_string(),
                field: f.field,
                from: f.from.map(CalendarDate),
                to: f.to.map(CalendarDate),
                message: f.message,
            })
            .collect())
    }

    /// Whether a provider's district nurse may assess this (Wmo) care on a date under a
    /// delegated mandate, and until when such an assessment holds.
    pub fn may_assess(&self, provider: String, care_type: CareType, date: CalendarDate) -> Result<MandateCheck> {
        let m = self.inner.may_assess(&provider, care_type.into(), date.0)?;
        Ok(MandateCheck {
            outcome: m.outcome.into(),
            agreement: m.agreement.as_ref().map(ToString::to_string),
            municipality: m.municipality.as_ref().map(ToString::to_string),
            assessment_valid_until: m.assessment_valid_until.map(CalendarDate),
        })
    }

    /// Organisations with a case-coordination agreement for this (pseudonymous) client on a
    /// date: the coordinator first, then the members.
    pub fn case_team(&self, client: String, date: CalendarDate) -> Result<Vec<String>> {
        Ok(self.inner.case_team(&client, date.0).iter().map(ToString::to_string).collect())
    }

    /// The escalation policy for referrals of a location on a date: the accountable party and
    /// limits of the coordination-point agreement in force there (hours become seconds), or
    /// null when none covers it. Pass it to `ReferralBook.checkEscalation` or a `Created` event.
    pub fn escalation_policy(&self, location: String, date: CalendarDate) -> Result<Option<EscalationPolicy>> {
        let location = types::location(&location)?;
        Ok(self.inner.escalation_policy(location, date.0).as_ref().map(EscalationPolicy::from))
    }

    /// The data-sharing agreements binding an organisation, in the consent check's terms
    /// (validity from local midnight of the first day to local midnight after the last).
    pub fn sharing_agreements_for(&self, organisation: String) -> Vec<SharingAgreement> {
        self.inner.sharing_agreements_for(&organisation).iter().map(SharingAgreement::from).collect()
    }

    /// The consent request with what the agreements know added: the organisations of a
    /// case-coordination agreement for the client on `date` as treatment relationships, and the
    /// discloser's data-sharing agreements. Facts already given are kept; nothing is removed.
    pub fn add_consent_facts(&self, request: ConsentRequest, date: CalendarDate) -> Result<ConsentRequest> {
        let mut core = request.to_core()?;
        self.inner.add_consent_facts(&mut core, date.0);
        Ok(ConsentRequest::from(&core))
    }

    /// The coordination-point agreement in force for a location on a date (first in document
    /// order), or null.
    pub fn coordination_point_for(
        &self,
        location: String,
        date: CalendarDate,
    ) -> Result<Option<CoordinationPointTerms>> {
        let location = types::location(&location)?;
        Ok(self.inner.coordination_point_for(location, date.0).map(|(a, t)| CoordinationPointTerms {
            agreement: a.id.to_string(),
            area: ServiceArea::from(&t.area),
            accountable: t.accountable.to_string(),
            contact: t.contact.as_deref().map(ContactPerson::from),
            max_unplaced_hours_acute: t.max_unplaced_hours_acute,
            max_unplaced_hours_planned: t.max_unplaced_hours_planned,
            max_declines: t.max_declines,
        }))
    }
}

/// An agreement's common frame.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Agreement {
    /// Id.
    pub id: String,
    /// Title as the parties call it.
    pub title: String,
    /// Kind of agreement.
    pub kind: AgreementKind,
    /// Parties with their accountable persons (*aanspreekpunt*).
    pub parties: Vec<Party>,
    /// Optional theme owner (*themaeigenaar*).
    pub theme_owner: Option<ContactPerson>,
    /// First day in force.
    pub valid_from: CalendarDate,
    /// Last day in force, if it ends.
    pub valid_until: Option<CalendarDate>,
    /// Draft, active, suspended, ended.
    pub status: AgreementStatus,
    /// When the parties evaluate it next.
    pub review_date: CalendarDate,
    /// Funding.
    pub funding: Option<Funding>,
}

/// A party and the person accountable for the agreement on its side.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Party {
    /// Registry organisation id.
    pub organisation: String,
    /// The accountable person.
    pub accountable: ContactPerson,
}

/// Who pays, from which stream, how much.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Funding {
    /// Paying organisation (insurer, municipality).
    pub payer: String,
    /// Funding stream.
    pub stream: FundingStream,
    /// Hours a week funded.
    pub hours_per_week: Option<f64>,
    /// Amount a year in whole euros.
    pub amount_eur_per_year: Option<u64>,
    /// How the funding is split over providers.
    pub allocation: Vec<Allocation>,
    /// Free text; no personal data.
    pub note: Option<String>,
}

/// One provider's share of the funding.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Allocation {
    /// Organisation id.
    pub organisation: String,
    /// Hours a week.
    pub hours_per_week: f64,
}

impl From<&wijknet::agreements::Agreement> for Agreement {
    fn from(a: &wijknet::agreements::Agreement) -> Self {
        Self {
            id: a.id.to_string(),
            title: a.title.clone(),
            kind: a.terms.kind().into(),
            parties: a
                .parties
                .iter()
                .map(|p| Party {
                    organisation: p.organisation.to_string(),
                    accountable: ContactPerson::from(&*p.accountable),
                })
                .collect(),
            theme_owner: a.theme_owner.as_deref().map(ContactPerson::from),
            valid_from: CalendarDate(a.valid_from),
            valid_until: a.valid_until.map(CalendarDate),
            status: a.status.into(),
            review_date: CalendarDate(a.review_date),
            funding: a.funding.as_ref().map(|f| Funding {
                payer: f.payer.to_string(),
                stream: f.stream.into(),
                hours_per_week: f.hours_per_week,
                amount_eur_per_year: f.amount_eur_per_year,
                allocation: f
                    .allocation
                    .iter()
                    .map(|(o, h)| Allocation { organisation: o.to_string(), hours_per_week: *h })
                    .collect(),
                note: f.note.clone(),
            }),
        }
    }
}

/// Answer to the on-call query.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OnCall {
    /// Covered or nobody on duty.
    pub outcome: OnCallOutcome,
    /// Location asked about.
    pub location: String,
    /// Instant asked about.
    pub at: SystemTime,
    /// Teams on duty, in agreement order.
    pub duties: Vec<Duty>,
    /// Rotations covering the location whose night has nobody on duty (a gap).
    pub uncovered: Vec<String>,
}

/// One team on night duty.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Duty {
    /// The rotation agreement.
    pub agreement: String,
    /// The night (its start date).
    pub night: CalendarDate,
    /// Team on duty.
    pub team: String,
    /// Its organisation.
    pub organisation: String,
    /// Shift start.
    pub shift_start: SystemTime,
    /// Shift end.
    pub shift_end: SystemTime,
    /// Whom to call: the team's first contact.
    pub contact: Option<ContactPerson>,
    /// The team organisation's accountable person for the rotation.
    pub accountable: Option<ContactPerson>,
}

/// One thing to fix, naming the agreement and the field or nights.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// What kind of problem.
    pub code: FindingCode,
    /// The agreement.
    pub agreement: String,
    /// Path of the field inside the agreement, e.g. `terms.rota[1]`.
    pub field: String,
    /// First night or date concerned.
    pub from: Option<CalendarDate>,
    /// Last night or date concerned.
    pub to: Option<CalendarDate>,
    /// Human explanation (codes, ids and dates only).
    pub message: String,
}

/// Answer to a mandate check.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MandateCheck {
    /// Allowed, or why not.
    pub outcome: MandateOutcome,
    /// The mandate agreement considered.
    pub agreement: Option<String>,
    /// The municipality that keeps the formal decision.
    pub municipality: Option<String>,
    /// Until when an assessment made on that date holds.
    pub assessment_valid_until: Option<CalendarDate>,
}

/// The coordination point an agreement makes accountable for an area.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CoordinationPointTerms {
    /// The agreement.
    pub agreement: String,
    /// Area it routes requests for.
    pub area: ServiceArea,
    /// The party accountable when a request stays unplaced.
    pub accountable: String,
    /// Whom to call there.
    pub contact: Option<ContactPerson>,
    /// Hours an acute referral may stay unplaced before it escalates.
    pub max_unplaced_hours_acute: u32,
    /// Hours a planned referral may stay unplaced before it escalates.
    pub max_unplaced_hours_planned: u32,
    /// Declines after which a referral escalates.
    pub max_declines: u32,
}
