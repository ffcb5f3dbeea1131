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

use crate::volume::Hours;
use std::collections::HashSet;

use chrono::{Duration, NaiveDate, Timelike};
use chrono_tz::Europe::Amsterdam;

use super::request::{MatchOptions, MatchRequest, Urgency};
use super::result::{
    Accountable, AccountableSource, Candidate, CandidateFlag, Exclusion, ExclusionDetail, ExclusionReason,
    MatchOutcome, MatchResult, Via,
};
use crate::codes::{CapacityStatus, CareType, CodeSet, PolicyType, TimeOfDay, Weekday};
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
        Self::with_today(request, options, options.now.with_timezone(&Amsterdam).date_naive())
    }

    /// As [`Self::of`], with today's local date already known (a match converts "now" to Dutch
    /// time once, for the window and for the contacts' hours).
    fn with_today(request: &MatchRequest, options: &MatchOptions, today: NaiveDate) -> Self {
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
    /// When the request says its hours: 0 when the team reports free hours for it, 1 when not
    /// (room unknown ranks after room known to be enough).
    room_unknown: u8,
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
    let local = options.now.with_timezone(&Amsterdam);
    let window = StartWindow::with_today(request, options, local.date_naive());
    let (weekday, time) = (
        Weekday::from_chrono(chrono::Datelike::weekday(&local)),
        local.time().with_nanosecond(0).unwrap_or(local.time()),
    );

    // The teams to evaluate: those touching the PC4, plus teams of named providers, ascending
    // (the order of `excluded`). A touching team carries whether it covers the PC4 as a whole.
    let (touching, whole) = registry.teams_touching_whole(request.location.pc4());
    let mut named: Vec<TeamIndex> = Vec::new();
    for org in request.preferred_providers.iter().chain(&request.refused_providers) {
        named.extend_from_slice(registry.organisation_teams(org.as_str()));
    }
    named.sort_unstable();
    named.dedup();
    let mut evaluated = 0usize;

    let mut drafts: Vec<Draft> = Vec::with_capacity(touching.len());
    let mut excluded: Vec<Exclusion> = Vec::with_capacity(touching.len());
    let ctx = Context {
        registry,
        agreements,
        request,
        choice: Choice {
            preferred: Members::of(registry, &request.preferred_providers),
            refused: Members::of(registry, &request.refused_providers),
        },
        insurer: request.insurer.as_ref().map(|i| registry.insurer_slot(i.as_str())),
        stale_before: options.now - options.stale_after,
        window,
    };
    let mut consider = |t: TeamIndex, area: Area| {
        evaluated += 1;
        match ctx.evaluate_team(t, area) {
            Ok(mut d) => {
                let c = &mut d.candidate;
                let hours = &registry.team_rules(t).contact_hours;
                c.contact_reachable_now = hours.reachable(c.contact.as_deref(), weekday, time);
                drafts.push(d);
            }
            Err((reason, detail)) => {
                let rules = registry.team_rules(t);
                excluded.push(Exclusion {
                    team: rules.id.clone(),
                    organisation: rules.organisation_id.clone(),
                    client_preference: ctx.choice.preferred.contains(rules.organisation),
                    reason,
                    detail,
                });
            }
        }
    };
    // Merge the two ascending lists.
    let mut n = named.iter().copied().peekable();
    for (j, &t) in touching.iter().enumerate() {
        while let Some(m) = n.next_if(|m| *m < t) {
            consider(m, Area::Elsewhere);
        }
        n.next_if_eq(&t);
        consider(t, if whole(j) { Area::Whole } else { Area::Streets });
    }
    for m in n {
        consider(m, Area::Elsewhere);
    }

    // Preferred first, then the earliest start, then enough room (reported free hours before
    // unknown, more free hours first; equal for all when the request says no hours), then the
    // most trustworthy and freshest capacity, then the team id.
    let key = |d: &Draft| {
        let c = &d.candidate;
        (!c.preferred, c.possible_start, d.room_unknown, Reverse(c.free_hours), d.trust, Reverse(c.capacity_updated_at))
    };
    drafts.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.candidate.team.as_str().cmp(b.candidate.team.as_str())));
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
        teams_elsewhere: i32::try_from(registry.teams().len() - evaluated).unwrap_or(i32::MAX),
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

/// The client's own choices as organisation positions, looked up once per team: a request may
/// name thousands of providers, so long lists are hashed once per call instead of scanned per
/// team, and short ones compare integers rather than ids.
struct Choice {
    preferred: Members,
    refused: Members,
}

enum Members {
    Few(Vec<u32>),
    Many(HashSet<u32>),
}

impl Members {
    /// The positions of the named organisations (a request is validated first: all are known).
    fn of(registry: &Registry, list: &[Id]) -> Self {
        let positions = list.iter().filter_map(|id| registry.organisation_index(id.as_str()));
        if list.len() <= 16 { Members::Few(positions.collect()) } else { Members::Many(positions.collect()) }
    }

    fn contains(&self, organisation: u32) -> bool {
        match self {
            Members::Few(l) => l.contains(&organisation),
            Members::Many(set) => set.contains(&organisation),
        }
    }
}

/// How a team's area relates to the client's PC4, as the postcode index already knows it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Area {
    /// The team covers the whole PC4.
    Whole,
    /// The team touches the PC4 through some streets only.
    Streets,
    /// The team does not touch the PC4 (a team of a provider the request names).
    Elsewhere,
}

/// Everything about one call that does not change from team to team, worked out once.
struct Context<'a> {
    registry: &'a Registry,
    agreements: &'a dyn AgreementView,
    request: &'a MatchRequest,
    choice: Choice,
    /// The client's insurer's slot in the teams' contract masks: `None` without an insurer,
    /// `Some(None)` for an insurer without a slot (checked against the organisation).
    insurer: Option<Option<u8>>,
    stale_before: chrono::DateTime<chrono::Utc>,
    window: StartWindow,
}

impl Context<'_> {
    fn evaluate_team(
        &self,
        t: TeamIndex,
        area: Area,
    ) -> std::result::Result<Draft, (ExclusionReason, ExclusionDetail)> {
        let Self { registry, agreements, request, choice, insurer, stale_before, window } = self;
        let (registry, agreements, request) = (*registry, *agreements, *request);
        // The rules read this record only; the team and its organisation are read for a candidate.
        let rules = registry.team_rules(t);

        // 1. refused
        if choice.refused.contains(rules.organisation) {
            return Err((
                ExclusionReason::RefusedByClient,
                ExclusionDetail::RefusedProvider(rules.organisation_id.clone()),
            ));
        }
        // 2. area: a team covering the whole PC4 and listing no streets serves every address in it;
        // anything else asks the area itself.
        let coverage = match area {
            Area::Whole if !rules.streets || matches!(request.location, Location::Pc4(_)) => Coverage::Covered,
            _ => registry.teams()[t as usize].area.coverage(request.location),
        };
        match coverage {
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
        let missing = request.care_types.difference(rules.care_types);
        if !missing.is_empty() {
            let got = agreements.care_via(registry, t, request.location, window.needed_from, missing, &mut via);
            if let Some(first) = missing.difference(got).first() {
                return Err((ExclusionReason::CareTypeNotOffered, ExclusionDetail::CareNotOffered(first)));
            }
        }
        // 4. nurse level
        if let Some(min) = request.min_nurse_level {
            if rules.max_nurse_level < min {
                return Err((
                    ExclusionReason::NurseLevelTooLow,
                    ExclusionDetail::LevelBelow { highest: rules.max_nurse_level, needed: min },
                ));
            }
        }
        // 4a. a common language (none asked: no requirement)
        if !request.languages.is_empty() && request.languages.intersection(rules.languages).is_empty() {
            return Err((ExclusionReason::NoCommonLanguage, ExclusionDetail::NoCommonLanguage(rules.languages)));
        }
        // 5. times of day
        let missing_times = request.needed_times().difference(rules.times_of_day);
        for when in missing_times.iter() {
            let covered = when == TimeOfDay::Night
                && agreements.night_via(registry, t, request.location, window.needed_from, &mut via);
            if !covered {
                return Err((ExclusionReason::TimeOfDayNotCovered, ExclusionDetail::TimeNotWorked(when)));
            }
        }
        // 6. insurer
        let mut flags = CodeSet::<CandidateFlag>::empty();
        if let (Some(ins), Some(slot)) = (&request.insurer, insurer) {
            let contracted = rules.organisation_is_insurer
                || match slot {
                    Some(s) => rules.insurer_contracts & (1 << s) != 0,
                    None => registry.organisations()[rules.organisation as usize].contracted_insurers.contains(ins),
                };
            if !contracted {
                if request.contracted_only {
                    return Err((ExclusionReason::InsurerNotContracted, ExclusionDetail::NoContract(ins.clone())));
                }
                if matches!(request.policy, Some(PolicyType::Natura | PolicyType::Combination)) {
                    flags.insert(CandidateFlag::NotContracted);
                }
            }
        }
        // 7. capacity
        let cap = registry.capacity_rules(t);
        match cap.status {
            CapacityStatus::Full => return Err((ExclusionReason::NoCapacity, ExclusionDetail::ReportsFull)),
            CapacityStatus::Waitlist if cap.earliest_start.is_none() => {
                return Err((ExclusionReason::NoCapacity, ExclusionDetail::WaitlistWithoutDate));
            }
            CapacityStatus::Waitlist => flags.insert(CandidateFlag::Waitlist),
            CapacityStatus::Unknown => flags.insert(CandidateFlag::CapacityUnknown),
            CapacityStatus::Accepting => {}
        }
        if let Some(care) = request.care_types.intersection(cap.no_free_place).first() {
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
        // 9. volume: every needed care type the team delivers itself and reports free hours for
        // must have room for the request's hours per week (care delivered through an agreement
        // is the delivering team's to plan).
        let mut free_hours: Option<Hours> = None;
        if let Some(needed) = request.hours_per_week {
            let reported = &registry.capacity(t).free_hours;
            for care in request.care_types.intersection(rules.care_types).iter() {
                if let Some(&free) = reported.get(&care) {
                    if free < needed {
                        return Err((
                            ExclusionReason::NotEnoughHours,
                            ExclusionDetail::TooFewHours { care_type: care, free, needed },
                        ));
                    }
                    free_hours = Some(free_hours.map_or(free, |f| f.min(free)));
                }
            }
        }
        if cap.updated_at < *stale_before {
            flags.insert(CandidateFlag::CapacityStale);
        }
        let trust =
            u8::from(flags.contains(CandidateFlag::CapacityStale) || flags.contains(CandidateFlag::CapacityUnknown));
        let contact = rules.contact.clone();
        Ok(Draft {
            candidate: Candidate {
                rank: 0,
                team: rules.id.clone(),
                organisation: rules.organisation_id.clone(),
                preferred: choice.preferred.contains(rules.organisation),
                possible_start: start,
                capacity_status: cap.status,
                capacity_updated_at: cap.updated_at,
                flags,
                free_hours,
                via,
                contact,
                contact_reachable_now: false,
            },
            trust,
            room_unknown: u8::from(request.hours_per_week.is_some() && free_hours.is_none()),
        })
    }
}
