//! A deliberately naive matcher: scans every team of the registry, re-derives service areas from
//! their written form (no index, no expanded sets), and sorts with a plain key. It shares no code
//! with the engine beyond the public data types, so the differential test can catch index,
//! expansion and ordering bugs.

use chrono::{Duration, NaiveDate};
use chrono_tz::Europe::Amsterdam;
use wijknet::codes::{CapacityStatus, OrganisationKind, PolicyType, TimeOfDay};
use wijknet::ids::{Location, Pc4};
use wijknet::matching::{CandidateFlag, ExclusionReason, MatchOptions, MatchRequest, Urgency};
use wijknet::registry::{ServiceArea, Team};
use wijknet::{CodeSet, Registry};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefCandidate {
    pub team: String,
    pub preferred: bool,
    pub start: NaiveDate,
    pub flags: Vec<CandidateFlag>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefResult {
    pub candidates: Vec<RefCandidate>,
    pub excluded: Vec<(String, ExclusionReason)>,
    pub elsewhere: u32,
    pub accountable: Option<String>,
}

fn whole_pc4(registry: &Registry, area: &ServiceArea, pc4: Pc4) -> bool {
    area.pc4.contains(&pc4)
        || area.pc4_ranges.iter().any(|(lo, hi)| *lo <= pc4 && pc4 <= *hi)
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

fn check(
    registry: &Registry,
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
    for c in req.care_types.iter() {
        if !team.care_types.contains(c) {
            return Err(ExclusionReason::CareTypeNotOffered);
        }
    }
    if let Some(min) = req.min_nurse_level {
        if (team.max_nurse_level as u8) < (min as u8) {
            return Err(ExclusionReason::NurseLevelTooLow);
        }
    }
    for t in [TimeOfDay::Day, TimeOfDay::Evening, TimeOfDay::Night] {
        if req.times_of_day.contains(t) && !team.times_of_day.contains(t) {
            return Err(ExclusionReason::TimeOfDayNotCovered);
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
    if opts.now.signed_duration_since(cap.updated_at) > opts.stale_after {
        flags.push(CandidateFlag::CapacityStale);
    }
    flags.sort();
    Ok(RefCandidate { team: team.id.to_string(), preferred: req.preferred_providers.contains(&org.id), start, flags })
}

pub fn reference_match(registry: &Registry, req: &MatchRequest, opts: &MatchOptions) -> RefResult {
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
        match check(registry, idx, team, req, opts) {
            Ok(c) => candidates.push((c, registry.capacity(idx as u32).updated_at)),
            Err(r) => excluded.push((team.id.to_string(), r)),
        }
    }
    candidates.sort_by_key(|(c, updated)| {
        let untrusted =
            c.flags.contains(&CandidateFlag::CapacityStale) || c.flags.contains(&CandidateFlag::CapacityUnknown);
        (if c.preferred { 0 } else { 1 }, c.start, untrusted, -updated.timestamp_micros(), c.team.clone())
    });
    let candidates: Vec<RefCandidate> = candidates.into_iter().map(|(c, _)| c).collect();
    let accountable = if candidates.is_empty() {
        registry
            .coordination_points()
            .iter()
            .find(|p| serves(registry, &p.area, req.location))
            .map(|p| p.organisation.to_string())
            .or_else(|| req.insurer.as_ref().map(|i| i.to_string()))
    } else {
        None
    };
    let _ = CodeSet::<TimeOfDay>::empty;
    RefResult { candidates, excluded, elsewhere, accountable }
}
