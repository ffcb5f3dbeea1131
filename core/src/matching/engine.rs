//! The indexed matcher. Only teams whose area touches the client's PC4 (plus teams of providers
//! the request names) are evaluated; the rest of the country is counted, not scanned.
//!
//! Rules, in order (the first failing one is the exclusion reason):
//! 1. the provider is not refused by the client;
//! 2. the team serves the location (with only a PC4, a PC4 served only street by street does
//!    not count; an excluded street does not count);
//! 3. every needed care type is delivered by the team or through an active agreement;
//! 4. the team's highest nurse level reaches the request's minimum, and its nurses share a
//!    language with the client when the request names the client's languages;
//! 5. every needed time of day is worked by the team, nights also through a night rotation;
//! 6. with `contracted_only`, the provider has a contract with the client's insurer;
//! 7. capacity: not `full`, no needed care type with zero free places, a waitlist must give a
//!    start date;
//! 8. the possible start (the later of the team's earliest start and the needed start) is no
//!    later than the last acceptable start. A team that reports no earliest start (including
//!    `unknown` capacity) is taken to start on the needed date; `unknown` and stale capacity are
//!    flagged on the candidate so the user calls to confirm instead of trusting it.
//!
//! Ranking: an eligible preferred provider first; then the earliest possible start; then
//! trustworthy capacity (fresh and known) before stale or unknown; then the most recently updated
//! capacity; finally the team id (byte order) as the deterministic tie-break.

use std::cmp::Reverse;
use std::collections::HashSet;

use chrono::{Duration, NaiveDate, Timelike};
use chrono_tz::Europe::Amsterdam;

use super::request::{MatchOptions, MatchRequest, Urgency};
use super::result::{
    Accountable, AccountableSource, Candidate, CandidateFlag, Exclusion, ExclusionDetail, ExclusionReason,
    MatchOutcome, MatchResult, Via,
};
use crate::codes::{CapacityStatus, CareType, CodeSet, OrganisationKind, PolicyType, TimeOfDay, Weekday};
use crate::error::Result;
use crate::ids::{Id, Location};
use crate::registry::{Coverage, Registry, TeamIndex};

/// Care, nights and accountability that come from collaboration agreements rather than from the
/// registry itself. The agreements module implements it; [`NoAgreements`] is the registry alone.
pub trait AgreementView {
    /// Care types among `missing` the team can offer on `date` through agreements, recording each
    /// agreement used in `via`.
    fn care_via(
        &self,
        registry: &Registry,
        team: TeamIndex,
        location: Location,
        date: NaiveDate,
        missing: CodeSet<CareType>,
        via: &mut Vec<Via>,
    ) -> CodeSet<CareType>;

    /// Whether a night rotation covers the team's clients at this location on the night starting
    /// `date`; records the rotation in `via`.
    fn night_via(
        &self,
        registry: &Registry,
        team: TeamIndex,
        location: Location,
        date: NaiveDate,
        via: &mut Vec<Via>,
    ) -> bool;

    /// The party an agreement makes accountable for this location, if any.
    fn accountable(&self, registry: &Registry, location: Location, date: NaiveDate) -> Option<Accountable>;
}

/// The registry alone, without agreements.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoAgreements;

impl AgreementView for NoAgreements {
    fn care_via(
        &self,
        _: &Registry,
        _: TeamIndex,
        _: Location,
        _: NaiveDate,
        _: CodeSet<CareType>,
        _: &mut Vec<Via>,
    ) -> CodeSet<CareType> {
        CodeSet::empty()
    }
    fn night_via(&self, _: &Registry, _: TeamIndex, _: Location, _: NaiveDate, _: &mut Vec<Via>) -> bool {
        false
    }
    fn accountable(&self, _: &Registry, _: Location, _: NaiveDate) -> Option<Accountable> {
        None
    }
}

/// The dates a request needs care between, in Dutch local dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartWindow {
    /// Today in the Netherlands.
    pub today: NaiveDate,
    /// First day care is needed.
    pub needed_from: NaiveDate,
    /// Last acceptable first day.
    pub needed_by: NaiveDate,
}

impl StartWindow {
    /// Acute: from today until the local date 24 hours from now. Planned: from the desired start
    /// (never before today) until the latest start (never before the desired start).
    pub fn of(request: &MatchRequest, options: &MatchOptions) -> Self {
        let local = options.now.with_timezone(&Amsterdam);
        let today = local.date_naive();
        match request.urgency {
            Urgency::Acute => {
                let by = (options.now + Duration::hours(24)).with_timezone(&Amsterdam).date_naive();
                Self { today, needed_from: today, needed_by: by }
            }
            Urgency::Planned => {
                let from = request.desired_start.unwrap_or(today).max(today);
                let by = request.latest_start.unwrap_or(from).max(from);
                Self { today, needed_from: from, needed_by: by }
            }
        }
    }
}

struct Draft {
    candidate: Candidate,
    trust: u8,
}

/// Matches a request against the registry alone.
pub fn match_request(registry: &Registry, request: &MatchRequest, options: &MatchOptions) -> Result<MatchResult> {
    match_with(registry, &NoAgreements, request, options)
}

/// Matches a request against the registry and the agreements seen through `agreements`.
pub fn match_with(
    registry: &Registry,
    agreements: &dyn AgreementView,
    request: &MatchRequest,
    options: &MatchOptions,
) -> Result<MatchResult> {
    request.validate(registry)?;
    options.check()?;
    let window = StartWindow::of(request, options);
    let local = options.now.with_timezone(&Amsterdam);
    let (weekday, time) = (
        Weekday::from_chrono(chrono::Datelike::weekday(&local)),
        local.time().with_nanosecond(0).unwrap_or(local.time()),
    );

    // The teams to evaluate: those touching the PC4, plus teams of named providers.
    let touching = registry.teams_touching(request.location.pc4());
    let mut named: Vec<TeamIndex> = Vec::new();
    for org in request.preferred_providers.iter().chain(&request.refused_providers) {
        named.extend_from_slice(registry.organisation_teams(org.as_str()));
    }
    let evaluate: Vec<TeamIndex> = if named.is_empty() {
        touching.to_vec()
    } else {
        named.extend_from_slice(touching);
        named.sort_unstable();
        named.dedup();
        named
    };

    let mut drafts: Vec<Draft> = Vec::with_capacity(evaluate.len());
    let mut excluded: Vec<Exclusion> = Vec::with_capacity(evaluate.len());
    let stale_before = options.now - options.stale_after;
    let choice = Choice {
        preferred: Members::of(&request.preferred_providers),
        refused: Members::of(&request.refused_providers),
    };
    for &t in &evaluate {
        match evaluate_team(registry, agreements, request, &choice, stale_before, &window, t) {
            Ok(mut d) => {
                let c = &mut d.candidate;
                c.contact_reachable_now = c.contact.as_ref().is_some_and(|p| p.reachable_at(weekday, time));
                drafts.push(d);
            }
            Err((reason, detail)) => {
                let team = &registry.teams()[t as usize];
                excluded.push(Exclusion {
                    team: team.id.clone(),
                    organisation: team.organisation.clone(),
                    client_preference: choice.preferred.contains(&team.organisation),
                    reason,
                    detail,
                });
            }
        }
    }

    drafts.sort_by(|a, b| {
        let ka =
            (!a.candidate.preferred, a.candidate.possible_start, a.trust, Reverse(a.candidate.capacity_updated_at));
        let kb =
            (!b.candidate.preferred, b.candidate.possible_start, b.trust, Reverse(b.candidate.capacity_updated_at));
        ka.cmp(&kb).then_with(|| a.candidate.team.as_str().cmp(b.candidate.team.as_str()))
    });
    let candidates: Vec<Candidate> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, mut d)| {
            d.candidate.rank = i32::try_from(i + 1).unwrap_or(i32::MAX);
            d.candidate
        })
        .collect();

    let accountable =
        if candidates.is_empty() { accountable_for(registry, agreements, request, &window) } else { None };
    Ok(MatchResult {
        outcome: if candidates.is_empty() { MatchOutcome::NoEligibleTeam } else { MatchOutcome::CandidatesFound },
        location: request.location,
        needed_from: window.needed_from,
        needed_by: window.needed_by,
        candidates,
        excluded,
        teams_elsewhere: i32::try_from(registry.teams().len() - evaluate.len()).unwrap_or(i32::MAX),
        accountable,
        registry_version: registry.version(),
    })
}

/// Accountability, most specific first: an agreement's coordination point, the registry's
/// coordination point for the area, then the client's insurer (duty of care).
fn accountable_for(
    registry: &Registry,
    agreements: &dyn AgreementView,
    request: &MatchRequest,
    window: &StartWindow,
) -> Option<Accountable> {
    if let Some(a) = agreements.accountable(registry, request.location, window.today) {
        return Some(a);
    }
    if let Some(p) = registry.coordination_point_for(request.location) {
        return Some(Accountable {
            party: p.organisation.clone(),
            source: AccountableSource::CoordinationPoint,
            via: Some(p.id.clone()),
            contact: p
                .contact
                .clone()
                .or_else(|| registry.organisation(p.organisation.as_str()).and_then(|o| o.contact.clone())),
        });
    }
    let insurer = registry.organisation(request.insurer.as_ref()?.as_str())?;
    Some(Accountable {
        party: insurer.id.clone(),
        source: AccountableSource::InsurerDutyOfCare,
        via: None,
        contact: insurer.contact.clone(),
    })
}

/// The client's own choices, looked up once per team: a request may name thousands of
/// providers, so long lists are hashed once per call instead of scanned per team.
struct Choice<'a> {
    preferred: Members<'a>,
    refused: Members<'a>,
}

enum Members<'a> {
    Few(&'a [Id]),
    Many(HashSet<&'a str>),
}

impl<'a> Members<'a> {
    fn of(list: &'a [Id]) -> Self {
        if list.len() <= 16 { Members::Few(list) } else { Members::Many(list.iter().map(Id::as_str).collect()) }
    }

    fn contains(&self, id: &Id) -> bool {
        match self {
            Members::Few(l) => l.contains(id),
            Members::Many(set) => set.contains(id.as_str()),
        }
    }
}

fn evaluate_team(
    registry: &Registry,
    agreements: &dyn AgreementView,
    request: &MatchRequest,
    choice: &Choice<'_>,
    stale_before: chrono::DateTime<chrono::Utc>,
    window: &StartWindow,
    t: TeamIndex,
) -> std::result::Result<Draft, (ExclusionReason, ExclusionDetail)> {
    let team = &registry.teams()[t as usize];
    let org = registry.team_organisation(t);

    // 1. refused
    if choice.refused.contains(&org.id) {
        return Err((ExclusionReason::RefusedByClient, ExclusionDetail::RefusedProvider(org.id.clone())));
    }
    // 2. area
    match team.area.coverage(request.location) {
        Coverage::Covered => {}
        Coverage::Outside => {
            return Err((ExclusionReason::OutsideArea, ExclusionDetail::NotServing(request.location)));
        }
        Coverage::PartialPc4 => {
            return Err((ExclusionReason::OutsideArea, ExclusionDetail::SomeStreetsOnly(request.location)));
        }
        Coverage::ExcludedPc6 => {
            return Err((ExclusionReason::OutsideArea, ExclusionDetail::StreetExcluded(request.location)));
        }
    }
    // 3. care types
    let mut via = Vec::new();
    let missing = request.care_types.difference(team.care_types);
    if !missing.is_empty() {
        let got = agreements.care_via(registry, t, request.location, window.needed_from, missing, &mut via);
        if let Some(first) = missing.difference(got).first() {
            return Err((ExclusionReason::CareTypeNotOffered, ExclusionDetail::CareNotOffered(first)));
        }
    }
    // 4. nurse level
    if let Some(min) = request.min_nurse_level {
        if team.max_nurse_level < min {
            return Err((
                ExclusionReason::NurseLevelTooLow,
                ExclusionDetail::LevelBelow { highest: team.max_nurse_level, needed: min },
            ));
        }
    }
    // 4a. a common language (none asked: no requirement)
    if !request.languages.is_empty() && request.languages.intersection(team.languages).is_empty() {
        return Err((ExclusionReason::NoCommonLanguage, ExclusionDetail::NoCommonLanguage(team.languages)));
    }
    // 5. times of day
    let missing_times = request.times_of_day.difference(team.times_of_day);
    for when in missing_times.iter() {
        let covered = when == TimeOfDay::Night
            && agreements.night_via(registry, t, request.location, window.needed_from, &mut via);
        if !covered {
            return Err((ExclusionReason::TimeOfDayNotCovered, ExclusionDetail::TimeNotWorked(when)));
        }
    }
    // 6. insurer
    let mut flags = CodeSet::<CandidateFlag>::empty();
    if let Some(ins) = &request.insurer {
        if !org.contracted_insurers.contains(ins) && org.kind != OrganisationKind::Insurer {
            if request.contracted_only {
                return Err((ExclusionReason::InsurerNotContracted, ExclusionDetail::NoContract(ins.clone())));
            }
            if matches!(request.policy, Some(PolicyType::Natura | PolicyType::Combination)) {
                flags.insert(CandidateFlag::NotContracted);
            }
        }
    }
    // 7. capacity
    let cap = registry.capacity(t);
    match cap.status {
        CapacityStatus::Full => return Err((ExclusionReason::NoCapacity, ExclusionDetail::ReportsFull)),
        CapacityStatus::Waitlist if cap.earliest_start.is_none() => {
            return Err((ExclusionReason::NoCapacity, ExclusionDetail::WaitlistWithoutDate));
        }
        CapacityStatus::Waitlist => flags.insert(CandidateFlag::Waitlist),
        CapacityStatus::Unknown => flags.insert(CandidateFlag::CapacityUnknown),
        CapacityStatus::Accepting => {}
    }
    if let Some(care) = request.care_types.iter().find(|c| cap.free_places.get(*c) == Some(0)) {
        return Err((ExclusionReason::NoCapacity, ExclusionDetail::NoFreePlace(care)));
    }
    // 8. in time
    let start = cap.earliest_start.unwrap_or(window.needed_from).max(window.needed_from);
    if start > window.needed_by {
        return Err((
            ExclusionReason::NoCapacityInTime,
            ExclusionDetail::StartsTooLate { earliest: start, needed_by: window.needed_by },
        ));
    }
    if cap.updated_at < stale_before {
        flags.insert(CandidateFlag::CapacityStale);
    }
    let trust =
        u8::from(flags.contains(CandidateFlag::CapacityStale) || flags.contains(CandidateFlag::CapacityUnknown));
    let contact = team.contacts.first().cloned().or_else(|| org.contact.clone());
    Ok(Draft {
        candidate: Candidate {
            rank: 0,
            team: team.id.clone(),
            organisation: org.id.clone(),
            preferred: choice.preferred.contains(&org.id),
            possible_start: start,
            capacity_status: cap.status,
            capacity_updated_at: cap.updated_at,
            flags,
            via,
            contact,
            contact_reachable_now: false,
        },
        trust,
    })
}
