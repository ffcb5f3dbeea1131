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
use std::sync::Arc;

use chrono::{Duration, NaiveDate, Timelike};
use chrono_tz::Europe::Amsterdam;

use super::request::{MatchOptions, MatchRequest, Named, Urgency};
use super::result::{
    Accountable, AccountableSource, Candidate, CandidateFlag, Exclusion, ExclusionDetail, MatchOutcome, MatchResult,
    Via,
};
use crate::codes::{CapacityStatus, CareType, CodeSet, PolicyType, TimeOfDay, Weekday};
use crate::error::Result;
use crate::ids::Location;
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

/// An eligible team as the loop over the teams records it: the rank key and what the candidate
/// needs beyond the team's rule record. The [`Candidate`] itself (ids, contact, status) is built
/// only after ranking, in rank order, so that the loop over the teams reads rule records and
/// writes these few bytes: no reference count is written there (cloning the contact writes one,
/// a locked instruction that waits for its cache line and holds up the loads behind it).
struct Hit {
    key: RankKey,
    team: TeamIndex,
    flags: CodeSet<CandidateFlag>,
    /// The candidate's agreements: `vias[via.0..via.1]` of the match's list.
    via: (u32, u32),
}

/// The ranking as one value ordered the way candidates rank: preferred first, then the earliest
/// start, then enough room (reported free hours before unknown, more free hours first; equal for
/// all when the request says no hours), then trustworthy capacity (fresh and known) before stale
/// or unknown, then the most recently updated capacity, finally the team id in byte order,
/// as the team's position in the registry's id order (an integer compare instead of a string
/// compare). The team ids are unique, so no two keys are equal and an unstable sort gives the
/// one order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RankKey {
    not_preferred: bool,
    start: NaiveDate,
    room_unknown: bool,
    free_hours: Reverse<Option<Hours>>,
    untrusted: bool,
    updated_at: Reverse<chrono::DateTime<chrono::Utc>>,
    id_rank: u32,
}

/// Why a team was excluded, as the loop over the teams records it.
type Excluded = ExclusionDetail;

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
    let resolved = request.resolve(registry)?;
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
    for &o in resolved.preferred.iter().chain(&resolved.refused) {
        named.extend_from_slice(registry.organisation_teams_at(o));
    }
    named.sort_unstable();
    named.dedup();
    let mut evaluated = 0usize;

    // Every rule record on its way into the cache before the rules read any (see
    // `TeamRules::touch`); of a named provider's team (most do not touch the PC4) the line that
    // excludes it.
    let mut touched = 0u64;
    for &t in touching {
        touched ^= registry.team_rules(t).touch();
    }
    for &t in &named {
        touched ^= registry.team_rules(t).touch_names();
    }
    std::hint::black_box(touched);

    let mut hits: Vec<Hit> = Vec::with_capacity(touching.len());
    let mut excluded: Vec<Exclusion> = Vec::with_capacity(touching.len() + named.len());
    let mut vias: Vec<Via> = Vec::new();
    let insurer = resolved.insurer.map(|(o, _)| o);
    let ctx = Context::new(registry, agreements, request, resolved, options, window);
    let mut consider = |t: TeamIndex, area: Area| {
        evaluated += 1;
        let from = vias.len();
        match ctx.evaluate_team(t, area, &mut vias) {
            Ok(mut hit) => {
                hit.via = (from as u32, vias.len() as u32);
                hits.push(hit);
            }
            Err(detail) => {
                vias.truncate(from);
                let rules = registry.team_rules(t);
                excluded.push(Exclusion {
                    team: rules.id.clone(),
                    organisation: rules.organisation_id.clone(),
                    client_preference: ctx.named && ctx.choice.preferred.contains(rules.organisation),
                    reason: detail.reason(),
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

    hits.sort_unstable_by_key(|h| h.key);
    // The contacts' reference counts, each in memory of its own, loaded together before they
    // are written one by one (see `Hit`).
    let mut counts = 0usize;
    for h in &hits {
        counts ^= registry.team_rules(h.team).contact.as_ref().map_or(0, Arc::strong_count);
    }
    std::hint::black_box(counts);
    let candidates: Vec<Candidate> = hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let rules = registry.team_rules(h.team);
            let contact = rules.contact.clone();
            Candidate {
                rank: i32::try_from(i + 1).unwrap_or(i32::MAX),
                team: rules.id.clone(),
                organisation: rules.organisation_id.clone(),
                preferred: !h.key.not_preferred,
                possible_start: h.key.start,
                capacity_status: rules.capacity.status,
                capacity_updated_at: rules.capacity.updated_at,
                flags: h.flags,
                free_hours: h.key.free_hours.0,
                via: vias[h.via.0 as usize..h.via.1 as usize].to_vec(),
                contact_reachable_now: rules.contact_hours.reachable(contact.as_deref(), weekday, time),
                contact,
            }
        })
        .collect();

    let accountable =
        if candidates.is_empty() { accountable_for(registry, agreements, request, insurer, &window) } else { None };
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
/// coordination point for the area, then the client's insurer (duty of care; `insurer` its position).
fn accountable_for(
    registry: &Registry,
    agreements: &dyn AgreementView,
    request: &MatchRequest,
    insurer: Option<u32>,
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
    let insurer = registry.organisations().get(insurer? as usize)?;
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
    /// The named organisations, by position.
    fn of(positions: Vec<u32>) -> Self {
        if positions.len() <= 16 { Members::Few(positions) } else { Members::Many(positions.into_iter().collect()) }
    }

    #[inline]
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
    /// Whether the request names any provider (preferred or refused): most name none, and then
    /// no team needs its organisation looked up in the client's choices.
    named: bool,
    /// The client's insurer's slot in the teams' contract masks: `None` without an insurer,
    /// `Some(None)` for an insurer without a slot (checked against the organisation).
    insurer: Option<Option<u8>>,
    /// Whether a team without a contract is flagged (a natura or combination policy).
    flag_not_contracted: bool,
    /// The times of day the request needs (its own and those of its visit moments).
    needed_times: CodeSet<TimeOfDay>,
    /// The location is a PC4 only (no street).
    pc4_only: bool,
    stale_before: chrono::DateTime<chrono::Utc>,
    window: StartWindow,
}

impl<'a> Context<'a> {
    fn new(
        registry: &'a Registry,
        agreements: &'a dyn AgreementView,
        request: &'a MatchRequest,
        resolved: Named,
        options: &MatchOptions,
        window: StartWindow,
    ) -> Self {
        Self {
            registry,
            agreements,
            request,
            choice: Choice { preferred: Members::of(resolved.preferred), refused: Members::of(resolved.refused) },
            named: !request.preferred_providers.is_empty() || !request.refused_providers.is_empty(),
            insurer: resolved.insurer.map(|(_, slot)| slot),
            flag_not_contracted: matches!(request.policy, Some(PolicyType::Natura | PolicyType::Combination)),
            needed_times: request.needed_times(),
            pc4_only: matches!(request.location, Location::Pc4(_)),
            stale_before: options.now - options.stale_after,
            window,
        }
    }

    /// The rules for one team, in order: the team as a [`Hit`] to rank (its `via` range is the
    /// caller's to fill in), or the detail of the first rule it fails. Agreements used are
    /// pushed onto `vias`; the caller drops them again when the team is excluded.
    fn evaluate_team(&self, t: TeamIndex, area: Area, vias: &mut Vec<Via>) -> std::result::Result<Hit, Excluded> {
        let Self { registry, agreements, request, choice, window, .. } = self;
        let (registry, agreements, request) = (*registry, *agreements, *request);
        // The rules read this record only; the team and its organisation are read for a candidate.
        let rules = registry.team_rules(t);

        // 1. refused
        if self.named && choice.refused.contains(rules.organisation) {
            return Err(ExclusionDetail::RefusedProvider(rules.organisation_id.clone()));
        }
        // 2. area: what the postcode index already says settles most teams without reading
        // their area. A team covering the whole PC4 and listing no streets serves every address
        // in it; one touching the PC4 through streets only serves some of it; one not touching
        // it (a named provider's) and listing no streets serves none of it. With a PC4 only,
        // streets do not count either way. Anything else asks the area's street lists.
        let coverage = match area {
            Area::Whole if !rules.streets || self.pc4_only => Coverage::Covered,
            Area::Streets if self.pc4_only => Coverage::PartialPc4,
            Area::Elsewhere if !rules.streets || self.pc4_only => Coverage::Outside,
            // A team not touching the PC4 does not cover it as a whole either.
            _ => registry.team_at(t).area.coverage_knowing(request.location, area == Area::Whole),
        };
        match coverage {
            Coverage::Covered => {}
            Coverage::Outside => return Err(ExclusionDetail::NotServing(request.location)),
            Coverage::PartialPc4 => return Err(ExclusionDetail::SomeStreetsOnly(request.location)),
            Coverage::ExcludedPc6 => return Err(ExclusionDetail::StreetExcluded(request.location)),
        }
        // 3. care types
        let missing = request.care_types.difference(rules.care_types);
        if !missing.is_empty() {
            let got = agreements.care_via(registry, t, request.location, window.needed_from, missing, vias);
            if let Some(first) = missing.difference(got).first() {
                return Err(ExclusionDetail::CareNotOffered(first));
            }
        }
        // 4. nurse level
        if let Some(min) = request.min_nurse_level {
            if rules.max_nurse_level < min {
                return Err(ExclusionDetail::LevelBelow { highest: rules.max_nurse_level, needed: min });
            }
        }
        // 4a. a common language (none asked: no requirement)
        if !request.languages.is_empty() && request.languages.intersection(rules.languages).is_empty() {
            return Err(ExclusionDetail::NoCommonLanguage(rules.languages));
        }
        // 5. times of day
        for when in self.needed_times.difference(rules.times_of_day).iter() {
            let covered = when == TimeOfDay::Night
                && agreements.night_via(registry, t, request.location, window.needed_from, vias);
            if !covered {
                return Err(ExclusionDetail::TimeNotWorked(when));
            }
        }
        // 6. insurer
        let mut flags = CodeSet::<CandidateFlag>::empty();
        if let (Some(ins), Some(slot)) = (&request.insurer, self.insurer) {
            let contracted = rules.organisation_is_insurer
                || match slot {
                    Some(s) => rules.insurer_contracts & (1 << s) != 0,
                    None => registry.organisations()[rules.organisation as usize].contracted_insurers.contains(ins),
                };
            if !contracted {
                if request.contracted_only {
                    return Err(ExclusionDetail::NoContract(ins.clone()));
                }
                if self.flag_not_contracted {
                    flags.insert(CandidateFlag::NotContracted);
                }
            }
        }
        // 7. capacity
        let cap = &rules.capacity;
        match cap.status {
            CapacityStatus::Full => return Err(ExclusionDetail::ReportsFull),
            CapacityStatus::Waitlist if cap.earliest_start.is_none() => {
                return Err(ExclusionDetail::WaitlistWithoutDate);
            }
            CapacityStatus::Waitlist => flags.insert(CandidateFlag::Waitlist),
            CapacityStatus::Unknown => flags.insert(CandidateFlag::CapacityUnknown),
            CapacityStatus::Accepting => {}
        }
        if let Some(care) = request.care_types.intersection(cap.no_free_place).first() {
            return Err(ExclusionDetail::NoFreePlace(care));
        }
        // 8. in time
        let start = cap.earliest_start.unwrap_or(window.needed_from).max(window.needed_from);
        if start > window.needed_by {
            return Err(ExclusionDetail::StartsTooLate { earliest: start, needed_by: window.needed_by });
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
                        return Err(ExclusionDetail::TooFewHours { care_type: care, free, needed });
                    }
                    free_hours = Some(free_hours.map_or(free, |f| f.min(free)));
                }
            }
        }
        if cap.updated_at < self.stale_before {
            flags.insert(CandidateFlag::CapacityStale);
        }
        Ok(Hit {
            key: RankKey {
                not_preferred: !(self.named && choice.preferred.contains(rules.organisation)),
                start,
                room_unknown: request.hours_per_week.is_some() && free_hours.is_none(),
                free_hours: Reverse(free_hours),
                untrusted: flags.contains(CandidateFlag::CapacityStale)
                    || flags.contains(CandidateFlag::CapacityUnknown),
                updated_at: Reverse(cap.updated_at),
                id_rank: rules.id_rank,
            },
            team: t,
            flags,
            via: (0, 0),
        })
    }
}
