//! Matching: the typed request in, the typed, self-explaining result out.

use std::time::SystemTime;

use crate::agreements::Agreements;
use crate::codes::{
    self, AccountableSource, CandidateFlag, CapacityStatus, CareType, ExclusionReason, Language, MatchOutcome,
    NurseLevel, PolicyType, TimeOfDay, Urgency, ViaKind,
};
use crate::error::Result;
use crate::registry::{ContactPerson, Registry};
use crate::types::{self, CalendarDate};

/// A matching request (*zorgvraag*): where the client lives, what care is needed, when, and the
/// client's own choices. Holds no personal data. Build it field by field (Kotlin named
/// arguments; defaults match the JSON shape) or parse the JSON shape with
/// `matchRequestFromJson`. It is validated when matched.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MatchRequest {
    /// The client's PC6 (`7511AB`) or PC4 (`7511`).
    pub location: String,
    /// Care types needed; at least one.
    pub care_types: Vec<CareType>,
    /// Acute (within 24 hours) or planned.
    pub urgency: Urgency,
    /// Caller's reference, kept for the host.
    #[uniffi(default)]
    pub id: Option<String>,
    /// For planned care: the desired first day (default: today).
    #[uniffi(default)]
    pub desired_start: Option<CalendarDate>,
    /// For planned care: the last acceptable first day (default: the desired start).
    #[uniffi(default)]
    pub latest_start: Option<CalendarDate>,
    /// Parts of the day care is needed; empty means day only.
    #[uniffi(default)]
    pub times_of_day: Vec<TimeOfDay>,
    /// The client's insurer (registry organisation id).
    #[uniffi(default)]
    pub insurer: Option<String>,
    /// The client's policy type; decides what a non-contracted provider means.
    #[uniffi(default)]
    pub policy: Option<PolicyType>,
    /// Exclude providers without a contract with `insurer` instead of flagging them.
    #[uniffi(default)]
    pub contracted_only: bool,
    /// Minimum nurse level needed.
    #[uniffi(default)]
    pub min_nurse_level: Option<NurseLevel>,
    /// Languages the client speaks: a team must share one. Empty: no requirement.
    #[uniffi(default)]
    pub languages: Vec<Language>,
    /// Providers (organisation ids) the client prefers: an eligible one always ranks first
    /// (*keuzevrijheid*).
    #[uniffi(default)]
    pub preferred_providers: Vec<String>,
    /// Providers (organisation ids) the client refuses.
    #[uniffi(default)]
    pub refused_providers: Vec<String>,
}

impl MatchRequest {
    /// Through the core's document validation, so every problem is reported at once with the
    /// same paths and wording as for a JSON request.
    fn to_core(&self) -> Result<wijknet::matching::MatchRequest> {
        let doc = wijknet::matching::MatchRequestDoc {
            id: self.id.clone(),
            location: self.location.clone(),
            care_types: self.care_types.iter().map(CareType::code).collect(),
            urgency: Some(self.urgency.code()),
            desired_start: self.desired_start.map(CalendarDate::text),
            latest_start: self.latest_start.map(CalendarDate::text),
            times_of_day: self.times_of_day.iter().map(TimeOfDay::code).collect(),
            insurer: self.insurer.clone(),
            policy: self.policy.map(|p| p.code()),
            contracted_only: self.contracted_only,
            min_nurse_level: self.min_nurse_level.map(|l| l.code()),
            languages: self.languages.iter().map(Language::code).collect(),
            preferred_providers: self.preferred_providers.clone(),
            refused_providers: self.refused_providers.clone(),
        };
        Ok(wijknet::matching::MatchRequest::from_doc(&doc)?)
    }
}

impl From<&wijknet::matching::MatchRequest> for MatchRequest {
    fn from(r: &wijknet::matching::MatchRequest) -> Self {
        Self {
            location: r.location.to_string(),
            care_types: codes::list(r.care_types),
            urgency: r.urgency.into(),
            id: r.id.as_ref().map(ToString::to_string),
            desired_start: r.desired_start.map(CalendarDate),
            latest_start: r.latest_start.map(CalendarDate),
            times_of_day: codes::list(r.times_of_day),
            insurer: r.insurer.as_ref().map(ToString::to_string),
            policy: r.policy.map(Into::into),
            contracted_only: r.contracted_only,
            min_nurse_level: r.min_nurse_level.map(Into::into),
            languages: codes::list(r.languages),
            preferred_providers: r.preferred_providers.iter().map(ToString::to_string).collect(),
            refused_providers: r.refused_providers.iter().map(ToString::to_string).collect(),
        }
    }
}

/// Parses the request JSON shape (`{"location", "care_types", "urgency", "desired_start", ...}`)
/// into a typed request, reporting every problem with its path (`WijknetError.Invalid`).
#[uniffi::export]
pub fn match_request_from_json(json: Vec<u8>) -> Result<MatchRequest> {
    Ok(MatchRequest::from(&wijknet::matching::MatchRequest::from_json(&json)?))
}

/// Parameters of one matching call that are not part of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct MatchOptions {
    /// "Now": wijknet never reads the clock, so the caller says what time it is.
    pub now: SystemTime,
    /// Capacity information older than this many hours is flagged stale.
    #[uniffi(default = 72)]
    pub stale_after_hours: u32,
}

impl MatchOptions {
    fn to_core(self) -> Result<wijknet::matching::MatchOptions> {
        Ok(wijknet::matching::MatchOptions::from_doc(&wijknet::matching::MatchOptionsDoc {
            now: types::instant_text(self.now, "now")?,
            stale_after_hours: self.stale_after_hours,
        })?)
    }
}

/// The answer to "who can take this client?".
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MatchResult {
    /// Whether anyone can.
    pub outcome: MatchOutcome,
    /// The client's location as matched.
    pub location: String,
    /// First day care is needed.
    pub needed_from: CalendarDate,
    /// Last acceptable first day.
    pub needed_by: CalendarDate,
    /// Eligible teams, best first.
    pub candidates: Vec<Candidate>,
    /// Every team serving the area (or named by the request) that is not eligible, with the
    /// first rule it failed, in registry order.
    pub excluded: Vec<Exclusion>,
    /// Teams elsewhere in the country: counted, not listed.
    pub teams_elsewhere: u32,
    /// Who answers for the client when nobody can take them (*niemand tussen wal en schip*).
    pub accountable: Option<Accountable>,
    /// The registry version matched against.
    pub registry_version: u64,
}

/// A team that can take the client.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Candidate {
    /// 1 for the best.
    pub rank: u32,
    /// Team id.
    pub team: String,
    /// The team's organisation.
    pub organisation: String,
    /// Whether the client prefers this provider.
    pub preferred: bool,
    /// First day the team can start.
    pub possible_start: CalendarDate,
    /// Capacity status as reported.
    pub capacity_status: CapacityStatus,
    /// When the capacity was reported.
    pub capacity_updated_at: SystemTime,
    /// Things to know before relying on this candidate (stale or unknown capacity, ...).
    pub flags: Vec<CandidateFlag>,
    /// Agreements through which the team offers some of the care.
    pub via: Vec<Via>,
    /// The fixed contact person: the team's first, else the organisation's.
    pub contact: Option<ContactPerson>,
    /// Whether that person's recorded hours include "now".
    pub contact_reachable_now: bool,
}

/// Care (or a night) a candidate offers through an agreement.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Via {
    /// Kind of agreement.
    pub kind: ViaKind,
    /// The agreement's id.
    pub agreement: String,
    /// The team that actually delivers.
    pub delivering_team: String,
    /// Care types delivered this way.
    pub care_types: Vec<CareType>,
    /// Times of day covered this way.
    pub times_of_day: Vec<TimeOfDay>,
}

/// A team that serves the client's area (or that the request names) but cannot take the client.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Exclusion {
    /// Team id.
    pub team: String,
    /// The team's organisation.
    pub organisation: String,
    /// The first rule it failed.
    pub reason: ExclusionReason,
    /// Specifics (a care-type code, a date), never personal data.
    pub detail: String,
}

/// Who answers for a client nobody can take.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Accountable {
    /// The accountable organisation.
    pub party: String,
    /// Why this party.
    pub source: AccountableSource,
    /// The coordination point or agreement that designates it.
    pub via: Option<String>,
    /// Whom to call.
    pub contact: Option<ContactPerson>,
}

impl From<wijknet::matching::MatchResult> for MatchResult {
    fn from(r: wijknet::matching::MatchResult) -> Self {
        Self {
            outcome: r.outcome.into(),
            location: r.location.to_string(),
            needed_from: CalendarDate(r.needed_from),
            needed_by: CalendarDate(r.needed_by),
            candidates: r
                .candidates
                .iter()
                .map(|c| Candidate {
                    rank: c.rank,
                    team: c.team.to_string(),
                    organisation: c.organisation.to_string(),
                    preferred: c.preferred,
                    possible_start: CalendarDate(c.possible_start),
                    capacity_status: c.capacity_status.into(),
                    capacity_updated_at: types::instant(c.capacity_updated_at),
                    flags: codes::list(c.flags),
                    via: c
                        .via
                        .iter()
                        .map(|v| Via {
                            kind: v.kind.into(),
                            agreement: v.agreement.to_string(),
                            delivering_team: v.delivering_team.to_string(),
                            care_types: codes::list(v.care_types),
                            times_of_day: codes::list(v.times_of_day),
                        })
                        .collect(),
                    contact: c.contact.as_deref().map(ContactPerson::from),
                    contact_reachable_now: c.contact_reachable_now,
                })
                .collect(),
            excluded: r
                .excluded
                .iter()
                .map(|e| Exclusion {
                    team: e.team.to_string(),
                    organisation: e.organisation.to_string(),
                    reason: e.reason.into(),
                    detail: e.detail.to_string(),
                })
                .collect(),
            teams_elsewhere: r.teams_elsewhere,
            accountable: r.accountable.as_ref().map(|a| Accountable {
                party: a.party.to_string(),
                source: a.source.into(),
                via: a.via.as_ref().map(ToString::to_string),
                contact: a.contact.as_deref().map(ContactPerson::from),
            }),
            registry_version: r.registry_version,
        }
    }
}

/// Converts, calls the core, converts back.
pub(crate) fn run(
    registry: &Registry,
    agreements: Option<&Agreements>,
    request: MatchRequest,
    options: MatchOptions,
) -> Result<MatchResult> {
    let request = request.to_core()?;
    let options = options.to_core()?;
    let result = match agreements {
        Some(a) => wijknet::matching::match_with(&registry.inner, &a.inner, &request, &options)?,
        None => wijknet::matching::match_request(&registry.inner, &request, &options)?,
    };
    Ok(result.into())
}
