//! A deliberately naive matcher: scans every team of the registry, re-derives service areas from
//! their written form (no index, no expanded sets), and sorts with a plain key. It shares no code
//! with the engine beyond the public data types, so the differential test can catch index,
//! expansion and ordering bugs.

use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Amsterdam;
use wijknet::Registry;
use wijknet::agreements::{Agreements, Terms};
use wijknet::codes::{CapacityStatus, OrganisationKind, PolicyType, TimeOfDay};
use wijknet::ids::{Location, Pc4};
use wijknet::matching::{CandidateFlag, ExclusionReason, MatchOptions, MatchRequest, Urgency};
use wijknet::registry::{ServiceArea, Team};
use wijknet::volume::VisitMoment;

#[derive(Debug, Clone, PartialEq)]
pub struct RefCandidate {
    pub team: String,
    pub preferred: bool,
    pub start: NaiveDate,
    pub flags: Vec<CandidateFlag>,
    /// (agreement, delivering team) of every via, in order.
    pub via: Vec<(String, String)>,
    /// The fewest free hours among the needed care types the team offers itself, when the
    /// request says its hours.
    pub free_hours: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RefResult {
    pub candidates: Vec<RefCandidate>,
    /// (team, reason, whether the client prefers the team's provider).
    pub excluded: Vec<(String, ExclusionReason, bool)>,
    pub elsewhere: i32,
    pub accountable: Option<String>,
}

fn whole_pc4(registry: &Registry, area: &ServiceArea, pc4: Pc4) -> bool {
    area.pc4.contains(&pc4)
        || area.pc4_ranges.iter().any(|r| r.first <= pc4 && pc4 <= r.last)
        || area
            .municipalities
            .iter()
            .any(|m| registry.municipalities().iter().any(|mm| mm.code == *m && mm.pc4.contains(&pc4)))
}

fn touches(registry: &Registry, area: &ServiceArea, pc4: Pc4) -> bool {
    whole_pc4(registry, area, pc4) || area.pc6_include.iter().any(|p| p.pc4() == pc4)
}

fn serves(registry: &Registry, area: &ServiceArea, loc: Location) -> bool {
    match loc {
        Location::Pc4(p) => whole_pc4(registry, area, p),
        Location::Pc6(p) => {
            !area.pc6_exclude.contains(&p) && (whole_pc4(registry, area, p.pc4()) || area.pc6_include.contains(&p))
        }
    }
}

fn window(req: &MatchRequest, opts: &MatchOptions) -> (NaiveDate, NaiveDate) {
    let today = opts.now.with_timezone(&Amsterdam).date_naive();
    if req.urgency == Urgency::Acute {
        return (today, (opts.now + Duration::hours(24)).with_timezone(&Amsterdam).date_naive());
    }
    let mut from = req.desired_start.unwrap_or(today);
    if from < today {
        from = today;
    }
    let mut by = req.latest_start.unwrap_or(from);
    if by < from {
        by = from;
    }
    (from, by)
}

/// Care types among `missing` that agreements give this team, with (agreement, delivering team).
fn agreement_care(
    registry: &Registry,
    agreements: Option<&Agreements>,
    team: &Team,
    loc: Location,
    date: NaiveDate,
    missing: &[wijknet::CareType],
    via: &mut Vec<(String, String)>,
) -> Vec<wijknet::CareType> {
    let mut got: Vec<wijknet::CareType> = Vec::new();
    let Some(set) = agreements else { return got };
    for a in set.agreements() {
        if !a.in_force(date) {
            continue;
        }
        let (delivering, care, area) = match &a.terms {
            Terms::Subcontracting(t) if t.principal == team.organisation => {
                (&t.delivering_team, t.care_types, Some(&t.area))
            }
            Terms::SharedSpecialistTeam(t) if t.members.contains(&team.organisation) => {
                (&t.delivering_team, t.care_types, t.area.as_ref())
            }
            _ => continue,
        };
        let useful: Vec<_> = missing.iter().copied().filter(|c| care.contains(*c) && !got.contains(c)).collect();
        if useful.is_empty() {
            continue;
        }
        let Some(di) = registry.teams().iter().position(|t| t.id == *delivering) else { continue };
        let dteam = &registry.teams()[di];
        let area = area.unwrap_or(&dteam.area);
        if !serves(registry, area, loc) || registry.capacity(di as u32).status == CapacityStatus::Full {
            continue;
        }
        got.extend(useful);
        via.push((a.id.to_string(), delivering.to_string()));
    }
    got
}

fn agreement_night(
    registry: &Registry,
    agreements: Option<&Agreements>,
    team: &Team,
    loc: Location,
    date: NaiveDate,
    via: &mut Vec<(String, String)>,
) -> bool {
    let Some(set) = agreements else { return false };
    for a in set.agreements() {
        let Terms::NightRotation(r) = &a.terms else { continue };
        if !a.in_force(date)
            || !a.parties.iter().any(|p| p.organisation == team.organisation)
            || !serves(registry, &r.area, loc)
        {
            continue;
        }
        if let Some(t) = r.team_on(date) {
            if registry.teams().iter().any(|x| x.id == *t) {
                via.push((a.id.to_string(), t.to_string()));
                return true;
            }
        }
    }
    false
}

fn check(
    registry: &Registry,
    agreements: Option<&Agreements>,
    idx: usize,
    team: &Team,
    req: &MatchRequest,
    opts: &MatchOptions,
) -> Result<RefCandidate, ExclusionReason> {
    let (from, by) = window(req, opts);
    let org = registry.organisation(team.organisation.as_str()).unwrap();
    if req.refused_providers.contains(&org.id) {
        return Err(ExclusionReason::RefusedByClient);
    }
    if !serves(registry, &team.area, req.location) {
        return Err(ExclusionReason::OutsideArea);
    }
    let mut via = Vec::new();
    let missing: Vec<_> = req.care_types.iter().filter(|c| !team.care_types.contains(*c)).collect();
    if !missing.is_empty() {
        let got = agreement_care(registry, agreements, team, req.location, from, &missing, &mut via);
        if missing.iter().any(|c| !got.contains(c)) {
            return Err(ExclusionReason::CareTypeNotOffered);
        }
    }
    if let Some(min) = req.min_nurse_level {
        if (team.max_nurse_level as u8) < (min as u8) {
            return Err(ExclusionReason::NurseLevelTooLow);
        }
    }
    // One language in common, looked for one by one; asking none asks nothing.
    let asked: Vec<_> = req.languages.iter().collect();
    if !asked.is_empty() && !asked.iter().any(|l| team.languages.contains(*l)) {
        return Err(ExclusionReason::NoCommonLanguage);
    }
    // The parts of the day asked, and those of the visit moments (morning and afternoon are day).
    let asked_time = |t: TimeOfDay| {
        req.times_of_day.contains(t)
            || req.visit_moments.iter().any(|m| match m {
                VisitMoment::Morning | VisitMoment::Afternoon => t == TimeOfDay::Day,
                VisitMoment::Evening => t == TimeOfDay::Evening,
                VisitMoment::Night => t == TimeOfDay::Night,
            })
    };
    for t in [TimeOfDay::Day, TimeOfDay::Evening, TimeOfDay::Night] {
        if asked_time(t) && !team.times_of_day.contains(t) {
            let by_rotation =
                t == TimeOfDay::Night && agreement_night(registry, agreements, team, req.location, from, &mut via);
            if !by_rotation {
                return Err(ExclusionReason::TimeOfDayNotCovered);
            }
        }
    }
    let mut flags = Vec::new();
    if let Some(ins) = &req.insurer {
        let contracted = org.contracted_insurers.iter().any(|i| i == ins) || org.kind == OrganisationKind::Insurer;
        if !contracted && req.contracted_only {
            return Err(ExclusionReason::InsurerNotContracted);
        }
        if !contracted && (req.policy == Some(PolicyType::Natura) || req.policy == Some(PolicyType::Combination)) {
            flags.push(CandidateFlag::NotContracted);
        }
    }
    let cap = registry.capacity(idx as u32);
    if cap.status == CapacityStatus::Full {
        return Err(ExclusionReason::NoCapacity);
    }
    if cap.status == CapacityStatus::Waitlist {
        if cap.earliest_start.is_none() {
            return Err(ExclusionReason::NoCapacity);
        }
        flags.push(CandidateFlag::Waitlist);
    }
    if cap.status == CapacityStatus::Unknown {
        flags.push(CandidateFlag::CapacityUnknown);
    }
    for c in req.care_types.iter() {
        if cap.free_places.get(c) == Some(0) {
            return Err(ExclusionReason::NoCapacity);
        }
    }
    let start = match cap.earliest_start {
        Some(d) if d > from => d,
        _ => from,
    };
    if start > by {
        return Err(ExclusionReason::NoCapacityInTime);
    }
    // Volume: each needed care type the team itself offers and reports free hours for must have
    // at least the hours asked.
    let mut free_hours: Option<f64> = None;
    if let Some(needed) = req.hours_per_week {
        for c in req.care_types.iter().filter(|c| team.care_types.contains(*c)) {
            if let Some(free) = cap.free_hours.get(&c) {
                if free.get() < needed.get() {
                    return Err(ExclusionReason::NotEnoughHours);
                }
                free_hours = Some(free_hours.map_or(free.get(), |f| f.min(free.get())));
            }
        }
    }
    if opts.now.signed_duration_since(cap.updated_at) > opts.stale_after {
        flags.push(CandidateFlag::CapacityStale);
    }
    flags.sort();
    Ok(RefCandidate {
        team: team.id.to_string(),
        preferred: req.preferred_providers.contains(&org.id),
        start,
        flags,
        via,
        free_hours,
    })
}

pub fn reference_match(registry: &Registry, req: &MatchRequest, opts: &MatchOptions) -> RefResult {
    reference_match_with(registry, None, req, opts)
}

pub fn reference_match_with(
    registry: &Registry,
    agreements: Option<&Agreements>,
    req: &MatchRequest,
    opts: &MatchOptions,
) -> RefResult {
    let mut candidates = Vec::new();
    let mut excluded = Vec::new();
    let mut elsewhere = 0;
    for (idx, team) in registry.teams().iter().enumerate() {
        let named =
            req.preferred_providers.contains(&team.organisation) || req.refused_providers.contains(&team.organisation);
        if !named && !touches(registry, &team.area, req.location.pc4()) {
            elsewhere += 1;
            continue;
        }
        match check(registry, agreements, idx, team, req, opts) {
            Ok(c) => candidates.push((c, registry.capacity(idx as u32).updated_at)),
            Err(r) => excluded.push((team.id.to_string(), r, req.preferred_providers.contains(&team.organisation))),
        }
    }
    candidates.sort_by_key(|(c, updated)| {
        let untrusted =
            c.flags.contains(&CandidateFlag::CapacityStale) || c.flags.contains(&CandidateFlag::CapacityUnknown);
        // Enough room: reported hours before unknown, more hours first (in minutes, as integers).
        let room_unknown = req.hours_per_week.is_some() && c.free_hours.is_none();
        let less_room = c.free_hours.map_or(0, |h| -((h * 60.0).round() as i64));
        (
            if c.preferred { 0 } else { 1 },
            c.start,
            room_unknown,
            less_room,
            untrusted,
            -updated.timestamp_micros(),
            c.team.clone(),
        )
    });
    let candidates: Vec<RefCandidate> = candidates.into_iter().map(|(c, _)| c).collect();
    let (today, _) = window(&MatchRequest { urgency: Urgency::Acute, ..req.clone() }, opts);
    let from_agreement = agreements.and_then(|set| {
        set.agreements().iter().find_map(|a| match &a.terms {
            Terms::CoordinationPoint(t) if a.in_force(today) && serves(registry, &t.area, req.location) => {
                Some(t.accountable.to_string())
            }
            _ => None,
        })
    });
    let accountable = if !candidates.is_empty() {
        None
    } else if from_agreement.is_some() {
        from_agreement
    } else {
        registry
            .coordination_points()
            .iter()
            .find(|p| serves(registry, &p.area, req.location))
            .map(|p| p.organisation.to_string())
            .or_else(|| req.insurer.as_ref().map(|i| i.to_string()))
    };
    RefResult { candidates, excluded, elsewhere, accountable }
}
