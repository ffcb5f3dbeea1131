//! What-if replay (*wat-als-analyse*): a region's referral history replayed against today's
//! registry and a *proposed* set of agreements (or a proposed registry), to see where placement
//! would no longer get stuck — "if these four providers start a shared night team, how many
//! referrals would have had a team, and where?"
//!
//! # The rule
//!
//! Every submitted referral of a [`ReferralBook`] is matched twice at its moment (the time of its
//! `submitted` event): once under the **baseline** [`Scenario`] (the registry and the current
//! agreements) and once under the **proposed** one. What is matched is the referral's intake
//! (the `created` event): PC4, care types, urgency and the volume it states (hours and visits
//! per week, visit moments), turned into a request by [`referral_request`], so that a team
//! reporting fewer free hours than the referral needs is excluded (`not_enough_hours`) in the
//! replay as in live matching. Referrals never submitted (drafts) are counted, not matched.
//!
//! Capacity is the registry's as given (the registry of today, not of the referral's moment):
//! the what-if asks what the *agreements or the registry's structure* change, so both sides see
//! the same capacity and its effect cancels out in the difference.
//!
//! Each referral is classified by its [`WhatIfChange`]: nobody before and someone now
//! (`now_eligible`), someone before and nobody now (`no_longer_eligible`), more or fewer
//! candidates, the same number of different teams, or `unchanged` (the same teams).
//!
//! # Placement and escalation: history and estimate
//!
//! The history says what happened: time to placement (from `submitted` to the acceptance of the
//! team under which care first started, as [`Monitoring`](crate::referral::Monitoring) defines
//! it) and whether the referral ever escalated. The proposed side cannot be observed, so it is
//! **estimated**, and every estimated figure says so (`estimated` on a referral,
//! `estimated_after` on a row):
//!
//! - a referral that had someone before and has someone now keeps its history (the what-if does
//!   not model how much sooner a larger choice places);
//! - `now_eligible`: if the history placed it anyway (through a team outside the registry's
//!   matching), its history stands; otherwise its time to placement is the **median time to
//!   placement of comparable referrals of the same history** — placed referrals with the same
//!   urgency submitted in the same part of the day (nearest-rank median; if there are none, those
//!   with the same urgency; then all placed referrals; with no placed referral at all it stays
//!   unplaced), and it is estimated not to escalate;
//! - `no_longer_eligible`: nobody can take it, so it is estimated unplaced and escalated (the
//!   lifecycle escalates an unplaced referral past its limit).
//!
//! # Result
//!
//! [`WhatIf`]: totals, the same [`WhatIfRow`] per PC4, municipality, care type (a referral with
//! two care types counts under both) and part of the day of submission ([`time_of_day`]), the
//! count per kind of change, and the referrals that changed (sorted by submission time, then id,
//! at most [`WhatIfOptions::max_referrals`]; the rest counted in `referrals_omitted`). Its JSON
//! document is `wijknet.what-if/v1` ([`WHAT_IF_SCHEMA`]), maps in key order. The cost is two
//! matches per referral: linear in the history.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};

use crate::agreements::Agreements;
use crate::codes::{CareType, CodeSet, TimeOfDay, code_enum};
use crate::error::Result;
use crate::ids::{Id, Location, MunicipalityCode, Pc4};
use crate::matching::{AgreementView, MatchOptions, MatchRequest, MatchResult, NoAgreements, Urgency, match_with};
use crate::referral::{DurationStats, ReferralBook};
use crate::registry::Registry;
use crate::volume::Volume;
use crate::wire::{ser_codes, ser_instant};

/// The schema tag of a what-if document.
pub const WHAT_IF_SCHEMA: &str = "wijknet.what-if/v1";

/// Days a planned (non-acute) referral may wait for its first visit, counted from the local date
/// of submission: the request's window runs from that date to this many days later. A week is
/// the usual horizon of a planned start after a GP or hospital referral in Dutch district nursing
/// (coordination points commonly escalate a non-acute referral after about five working days);
/// a convention of this module, not a rule from a source.
pub const PLANNED_WINDOW_DAYS: i64 = 7;

/// Referrals listed by default in [`WhatIf::referrals`].
pub const DEFAULT_MAX_REFERRALS: usize = 1_000;

/// Most referrals a result lists; a larger [`WhatIfOptions::max_referrals`] is cut to this.
pub const MAX_REFERRALS: usize = 100_000;

/// One side of the comparison: a registry and the agreements in force with it.
#[derive(Debug, Clone, Copy)]
pub struct Scenario<'a> {
    /// The registry (teams, areas, capacity).
    pub registry: &'a Registry,
    /// The agreements loaded against it; `None`: the registry alone.
    pub agreements: Option<&'a Agreements>,
}

impl<'a> Scenario<'a> {
    fn view(&self) -> &'a dyn AgreementView {
        match self.agreements {
            Some(a) => a,
            None => &NoAgreements,
        }
    }
}

/// How many changed referrals a result lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WhatIfOptions {
    /// At most this many changed referrals are listed (cut to [`MAX_REFERRALS`]).
    pub max_referrals: usize,
}

impl Default for WhatIfOptions {
    fn default() -> Self {
        Self { max_referrals: DEFAULT_MAX_REFERRALS }
    }
}

code_enum! {
    /// How a referral's candidates differ between the baseline and the proposal.
    WhatIfChange, "what-if change" {
        /// The same teams are candidates.
        Unchanged = "unchanged", "ongewijzigd", "unchanged";
        /// Nobody could take it; now someone can.
        NowEligible = "now_eligible", "nu een team", "now eligible";
        /// Someone could take it; now nobody can.
        NoLongerEligible = "no_longer_eligible", "geen team meer", "no longer eligible";
        /// More candidate teams.
        MoreCandidates = "more_candidates", "meer kandidaten", "more candidates";
        /// Fewer candidate teams, but still some.
        FewerCandidates = "fewer_candidates", "minder kandidaten", "fewer candidates";
        /// As many candidates, but other teams.
        DifferentCandidates = "different_candidates", "andere kandidaten", "different candidates";
    }
}

/// The part of the day a moment falls in, in Dutch local time, by the shifts of district
/// nursing: day 07:00–17:00, evening 17:00–23:00, night 23:00–07:00.
pub fn time_of_day(at: DateTime<Utc>) -> TimeOfDay {
    match at.with_timezone(&Amsterdam).hour() {
        7..=16 => TimeOfDay::Day,
        17..=22 => TimeOfDay::Evening,
        _ => TimeOfDay::Night,
    }
}

/// The match request a referral's intake makes at the moment `at` (its submission): the PC4, the
/// care types, and
///
/// - acute: urgency `acute` (care within 24 hours), needed in the part of the day it was
///   submitted ([`time_of_day`]): an acute referral at 21:00 needs a team that works evenings;
/// - planned: from the local date of `at` to [`PLANNED_WINDOW_DAYS`] later, in the day — or,
///   when the intake states visit moments, in their parts of the day only (as a live request
///   with visit moments and no times of day);
/// - either: also at night when `planned_night_care` is among the care types;
/// - the intake's volume as the request's `visits_per_week`, `hours_per_week` and
///   `visit_moments` (whose parts of the day are needed too).
///
/// No insurer, nurse level, language or client choice: the intake does not carry them.
pub fn referral_request(
    care_types: CodeSet<CareType>,
    pc4: Pc4,
    acute: bool,
    volume: Volume,
    at: DateTime<Utc>,
) -> MatchRequest {
    let date = at.with_timezone(&Amsterdam).date_naive();
    let mut times = CodeSet::empty();
    if acute {
        times.insert(time_of_day(at));
    } else if volume.visit_moments.is_empty() {
        times.insert(TimeOfDay::Day);
    }
    if care_types.contains(CareType::PlannedNightCare) {
        times.insert(TimeOfDay::Night);
    }
    MatchRequest {
        id: None,
        location: Location::Pc4(pc4),
        care_types,
        urgency: if acute { Urgency::Acute } else { Urgency::Planned },
        desired_start: (!acute).then_some(date),
        latest_start: (!acute).then(|| date + Duration::days(PLANNED_WINDOW_DAYS)),
        times_of_day: times,
        insurer: None,
        policy: None,
        contracted_only: false,
        min_nurse_level: None,
        languages: CodeSet::empty(),
        preferred_providers: Vec::new(),
        refused_providers: Vec::new(),
        visits_per_week: volume.visits_per_week,
        hours_per_week: volume.hours_per_week,
        visit_moments: volume.visit_moments,
    }
}

/// The figures of a group of referrals, before (baseline) and after (proposal). Counts are
/// signed, like every count that crosses to Kotlin and Swift; never negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatIfRow {
    /// Submitted referrals in the group.
    pub referrals: i64,
    /// Referrals no team could take under the baseline.
    pub no_eligible_team_before: i64,
    /// Referrals no team could take under the proposal.
    pub no_eligible_team_after: i64,
    /// Candidates summed over the referrals, baseline (divide by `referrals` for the mean).
    pub candidates_before: i64,
    /// Candidates summed over the referrals, proposal.
    pub candidates_after: i64,
    /// Referrals whose candidates differ (any change but `unchanged`).
    pub changed: i64,
    /// Referrals that had nobody and now have someone.
    pub now_eligible: i64,
    /// Referrals that had someone and now have nobody.
    pub no_longer_eligible: i64,
    /// Referrals placed in the history.
    pub placed_before: i64,
    /// Referrals placed under the proposal (history, or estimate for `now_eligible` and
    /// `no_longer_eligible`).
    pub placed_after: i64,
    /// Time to placement in the history.
    pub time_to_placement_before: DurationStats,
    /// Time to placement under the proposal (partly estimated).
    pub time_to_placement_after: DurationStats,
    /// Referrals that ever escalated in the history.
    pub escalated_before: i64,
    /// Referrals estimated to escalate under the proposal.
    pub escalated_after: i64,
    /// Referrals whose after-figures are estimates rather than history.
    pub estimated_after: i64,
}

/// One referral whose candidates differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReferralDifference {
    /// The referral.
    pub referral: Id,
    /// Its moment: the `submitted` event.
    #[serde(serialize_with = "ser_instant")]
    pub submitted_at: DateTime<Utc>,
    /// The client's PC4.
    pub pc4: Pc4,
    /// The client's municipality, when the intake names it.
    pub municipality: Option<MunicipalityCode>,
    /// Care types asked for.
    #[serde(serialize_with = "ser_codes", deserialize_with = "crate::wire::de_codes")]
    pub care_types: CodeSet<CareType>,
    /// Care within 24 hours.
    pub acute: bool,
    /// Part of the day it was submitted.
    pub time_of_day: TimeOfDay,
    /// What changed.
    pub change: WhatIfChange,
    /// Candidates under the baseline.
    pub candidates_before: i32,
    /// Candidates under the proposal.
    pub candidates_after: i32,
    /// Teams that are candidates only under the proposal, by id.
    pub gained_teams: Vec<Id>,
    /// Teams that are candidates only under the baseline, by id.
    pub lost_teams: Vec<Id>,
    /// Agreements through which a gained team becomes a candidate, by id.
    pub agreements: Vec<Id>,
    /// Time to placement in the history, seconds.
    pub time_to_placement_before_secs: Option<i64>,
    /// Time to placement under the proposal, seconds (an estimate when `estimated`).
    pub time_to_placement_after_secs: Option<i64>,
    /// Escalated in the history.
    pub escalated_before: bool,
    /// Escalates under the proposal (an estimate when `estimated`).
    pub escalated_after: bool,
    /// Whether the after-figures are estimates.
    pub estimated: bool,
}

/// The difference a proposal makes to a referral history (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WhatIf {
    /// Version of the baseline registry.
    pub baseline_registry_version: u64,
    /// Version of the baseline agreements (`null`: none).
    pub baseline_agreements_version: Option<u64>,
    /// Version of the proposed registry.
    pub proposed_registry_version: u64,
    /// Version of the proposed agreements (`null`: none).
    pub proposed_agreements_version: Option<u64>,
    /// Referrals never submitted (drafts): not matched.
    pub not_submitted: i64,
    /// All submitted referrals.
    pub total: WhatIfRow,
    /// Referrals per kind of change (every kind, also zero).
    pub by_change: BTreeMap<WhatIfChange, i64>,
    /// Per client PC4.
    pub by_pc4: BTreeMap<Pc4, WhatIfRow>,
    /// Per client municipality (referrals that name one).
    pub by_municipality: BTreeMap<MunicipalityCode, WhatIfRow>,
    /// Per care type asked for.
    pub by_care_type: BTreeMap<CareType, WhatIfRow>,
    /// Per part of the day of submission.
    pub by_time_of_day: BTreeMap<TimeOfDay, WhatIfRow>,
    /// Changed referrals, by submission time then id, at most `max_referrals`.
    pub referrals: Vec<ReferralDifference>,
    /// Changed referrals not listed.
    pub referrals_omitted: i64,
}

impl WhatIf {
    /// The `wijknet.what-if/v1` document (compact JSON, `schema` first).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.document()).unwrap_or_default()
    }

    /// The document as a JSON value.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self.document()).unwrap_or_default()
    }

    /// A result written by [`WhatIf::to_json`] read back (saved earlier, or pickled). The
    /// `schema` must be `wijknet.what-if/v1`.
    pub fn from_json(text: &str) -> crate::error::Result<Self> {
        #[derive(Deserialize)]
        struct Owned {
            schema: String,
            #[serde(flatten)]
            what_if: WhatIf,
        }
        let doc: Owned = crate::wire::answer_from_json("what-if", "a what-if result", text)?;
        if doc.schema != WHAT_IF_SCHEMA {
            return Err(crate::error::Error::Json {
                document: "what-if",
                path: "$.schema".into(),
                message: format!("expected `{WHAT_IF_SCHEMA}`"),
            });
        }
        Ok(doc.what_if)
    }

    fn document(&self) -> Document<'_> {
        Document { schema: WHAT_IF_SCHEMA, what_if: self }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    #[serde(flatten)]
    what_if: &'a WhatIf,
}

/// What one referral looked like on both sides (internal; the listed ones become
/// [`ReferralDifference`]s).
struct Outcome {
    candidates_before: i64,
    candidates_after: i64,
    change: WhatIfChange,
    placed_before: Option<i64>,
    placed_after: Option<i64>,
    escalated_before: bool,
    escalated_after: bool,
    estimated: bool,
}

#[derive(Default)]
struct Acc {
    referrals: i64,
    no_before: i64,
    no_after: i64,
    candidates_before: i64,
    candidates_after: i64,
    changed: i64,
    now_eligible: i64,
    no_longer_eligible: i64,
    escalated_before: i64,
    escalated_after: i64,
    estimated: i64,
    before: Vec<i64>,
    after: Vec<i64>,
}

impl Acc {
    fn add(&mut self, o: &Outcome) {
        self.referrals += 1;
        self.no_before += i64::from(o.candidates_before == 0);
        self.no_after += i64::from(o.candidates_after == 0);
        self.candidates_before += o.candidates_before;
        self.candidates_after += o.candidates_after;
        self.changed += i64::from(o.change != WhatIfChange::Unchanged);
        self.now_eligible += i64::from(o.change == WhatIfChange::NowEligible);
        self.no_longer_eligible += i64::from(o.change == WhatIfChange::NoLongerEligible);
        self.escalated_before += i64::from(o.escalated_before);
        self.escalated_after += i64::from(o.escalated_after);
        self.estimated += i64::from(o.estimated);
        self.before.extend(o.placed_before);
        self.after.extend(o.placed_after);
    }

    fn finish(mut self) -> WhatIfRow {
        WhatIfRow {
            referrals: self.referrals,
            no_eligible_team_before: self.no_before,
            no_eligible_team_after: self.no_after,
            candidates_before: self.candidates_before,
            candidates_after: self.candidates_after,
            changed: self.changed,
            now_eligible: self.now_eligible,
            no_longer_eligible: self.no_longer_eligible,
            placed_before: self.before.len() as i64,
            placed_after: self.after.len() as i64,
            time_to_placement_before: DurationStats::from_values(&mut self.before),
            time_to_placement_after: DurationStats::from_values(&mut self.after),
            escalated_before: self.escalated_before,
            escalated_after: self.escalated_after,
            estimated_after: self.estimated,
        }
    }
}

fn finish_map<K: Ord>(m: BTreeMap<K, Acc>) -> BTreeMap<K, WhatIfRow> {
    m.into_iter().map(|(k, a)| (k, a.finish())).collect()
}

/// The medians the estimate of a `now_eligible` referral is taken from: per urgency and part of
/// the day, per urgency, and overall (nearest-rank, over the history's placed referrals).
struct Comparable {
    by_urgency_and_time: BTreeMap<(bool, TimeOfDay), i64>,
    by_urgency: BTreeMap<bool, i64>,
    all: Option<i64>,
}

impl Comparable {
    fn of(book: &ReferralBook) -> Self {
        let mut by_both: BTreeMap<(bool, TimeOfDay), Vec<i64>> = BTreeMap::new();
        let mut by_urgency: BTreeMap<bool, Vec<i64>> = BTreeMap::new();
        let mut all = Vec::new();
        for r in book.in_creation_order() {
            let (Some(at), Some(secs)) = (r.submitted_at(), r.time_to_placement_secs()) else { continue };
            by_both.entry((r.acute(), time_of_day(at))).or_default().push(secs);
            by_urgency.entry(r.acute()).or_default().push(secs);
            all.push(secs);
        }
        let median = |v: &mut Vec<i64>| DurationStats::from_values(v).median_secs;
        Self {
            by_urgency_and_time: by_both.into_iter().filter_map(|(k, mut v)| Some((k, median(&mut v)?))).collect(),
            by_urgency: by_urgency.into_iter().filter_map(|(k, mut v)| Some((k, median(&mut v)?))).collect(),
            all: median(&mut all),
        }
    }

    fn estimate(&self, acute: bool, time: TimeOfDay) -> Option<i64> {
        self.by_urgency_and_time.get(&(acute, time)).or_else(|| self.by_urgency.get(&acute)).copied().or(self.all)
    }
}

/// Candidate team ids of a match, sorted.
fn team_ids(result: &MatchResult) -> Vec<&Id> {
    let mut v: Vec<&Id> = result.candidates.iter().map(|c| &c.team).collect();
    v.sort_unstable();
    v
}

/// Replays the submitted referrals of `book` under `baseline` and `proposed` and reports the
/// difference (see the module documentation for the rule, the estimates and the result).
///
/// One pass over the history for the comparable medians, then one per-referral loop that matches
/// each referral on both sides; cost linear in the number of referrals (each match is linear in
/// the teams touching the referral's PC4).
///
/// Errors: those of [`match_with`] for a referral's request (none for a book whose events were
/// read by [`parse_events`](crate::referral::parse_events): its PC4s, care types and times are
/// valid).
pub fn what_if(
    book: &ReferralBook,
    baseline: Scenario<'_>,
    proposed: Scenario<'_>,
    options: &WhatIfOptions,
) -> Result<WhatIf> {
    what_if_with_progress(book, baseline, proposed, options, &mut crate::progress::Silent)
}

/// [`what_if`], reporting to `observer` (step `what_if`, in referrals of the book) and stopping
/// with [`Error::Cancelled`](crate::Error::Cancelled) when it asks to (no result then).
pub fn what_if_with_progress(
    book: &ReferralBook,
    baseline: Scenario<'_>,
    proposed: Scenario<'_>,
    options: &WhatIfOptions,
    observer: &mut dyn crate::progress::Observer,
) -> Result<WhatIf> {
    let referrals = book.in_creation_order();
    let mut ticker =
        crate::progress::Ticker::start(observer, crate::progress::ProgressStep::WhatIf, referrals.len() as u64)?;
    let comparable = Comparable::of(book);
    let (before_view, after_view) = (baseline.view(), proposed.view());
    let mut total = Acc::default();
    let mut by_pc4: BTreeMap<Pc4, Acc> = BTreeMap::new();
    let mut by_municipality: BTreeMap<MunicipalityCode, Acc> = BTreeMap::new();
    let mut by_care_type: BTreeMap<CareType, Acc> = BTreeMap::new();
    let mut by_time_of_day: BTreeMap<TimeOfDay, Acc> = BTreeMap::new();
    let mut by_change: BTreeMap<WhatIfChange, i64> = WhatIfChange::ALL.iter().map(|c| (*c, 0)).collect();
    let mut listed: Vec<ReferralDifference> = Vec::new();
    let mut not_submitted = 0i64;

    for (i, r) in referrals.iter().enumerate() {
        ticker.tick(i as u64)?;
        let Some(at) = r.submitted_at() else {
            not_submitted += 1;
            continue;
        };
        let request = referral_request(r.care_types(), r.pc4(), r.acute(), r.volume(), at);
        let match_options =
            MatchOptions { now: at, stale_after: Duration::hours(i64::from(MatchOptions::DEFAULT_STALE_HOURS)) };
        let before = match_with(baseline.registry, before_view, &request, &match_options)?;
        let after = match_with(proposed.registry, after_view, &request, &match_options)?;
        let (teams_before, teams_after) = (team_ids(&before), team_ids(&after));
        let (nb, na) = (teams_before.len(), teams_after.len());
        let change = if nb == 0 && na > 0 {
            WhatIfChange::NowEligible
        } else if nb > 0 && na == 0 {
            WhatIfChange::NoLongerEligible
        } else if na > nb {
            WhatIfChange::MoreCandidates
        } else if na < nb {
            WhatIfChange::FewerCandidates
        } else if teams_before != teams_after {
            WhatIfChange::DifferentCandidates
        } else {
            WhatIfChange::Unchanged
        };

        let time = time_of_day(at);
        let placed_before = r.time_to_placement_secs();
        let escalated_before = r.escalation().is_some();
        let (placed_after, escalated_after, estimated) = match change {
            WhatIfChange::NowEligible if placed_before.is_none() => {
                let estimate = comparable.estimate(r.acute(), time);
                (estimate, escalated_before && estimate.is_none(), true)
            }
            WhatIfChange::NoLongerEligible => (None, true, true),
            _ => (placed_before, escalated_before, false),
        };
        let outcome = Outcome {
            candidates_before: nb as i64,
            candidates_after: na as i64,
            change,
            placed_before,
            placed_after,
            escalated_before,
            escalated_after,
            estimated,
        };
        total.add(&outcome);
        by_pc4.entry(r.pc4()).or_default().add(&outcome);
        if let Some(m) = r.municipality() {
            by_municipality.entry(m).or_default().add(&outcome);
        }
        for care in r.care_types().iter() {
            by_care_type.entry(care).or_default().add(&outcome);
        }
        by_time_of_day.entry(time).or_default().add(&outcome);
        *by_change.entry(change).or_default() += 1;

        if change != WhatIfChange::Unchanged {
            let gained: Vec<Id> =
                teams_after.iter().filter(|t| teams_before.binary_search(t).is_err()).map(|t| (*t).clone()).collect();
            let lost: Vec<Id> =
                teams_before.iter().filter(|t| teams_after.binary_search(t).is_err()).map(|t| (*t).clone()).collect();
            let mut agreements: Vec<Id> = after
                .candidates
                .iter()
                .filter(|c| gained.binary_search(&c.team).is_ok())
                .flat_map(|c| c.via.iter().map(|v| v.agreement.clone()))
                .collect();
            agreements.sort_unstable();
            agreements.dedup();
            listed.push(ReferralDifference {
                referral: r.id().clone(),
                submitted_at: at,
                pc4: r.pc4(),
                municipality: r.municipality(),
                care_types: r.care_types(),
                acute: r.acute(),
                time_of_day: time,
                change,
                candidates_before: i32::try_from(nb).unwrap_or(i32::MAX),
                candidates_after: i32::try_from(na).unwrap_or(i32::MAX),
                gained_teams: gained,
                lost_teams: lost,
                agreements,
                time_to_placement_before_secs: placed_before,
                time_to_placement_after_secs: placed_after,
                escalated_before,
                escalated_after,
                estimated,
            });
        }
    }

    ticker.finish()?;
    listed.sort_unstable_by(|a, b| (a.submitted_at, &a.referral).cmp(&(b.submitted_at, &b.referral)));
    let keep = options.max_referrals.min(MAX_REFERRALS);
    let omitted = listed.len().saturating_sub(keep);
    listed.truncate(keep);
    Ok(WhatIf {
        baseline_registry_version: baseline.registry.version(),
        baseline_agreements_version: baseline.agreements.map(Agreements::version),
        proposed_registry_version: proposed.registry.version(),
        proposed_agreements_version: proposed.agreements.map(Agreements::version),
        not_submitted,
        total: total.finish(),
        by_change,
        by_pc4: finish_map(by_pc4),
        by_municipality: finish_map(by_municipality),
        by_care_type: finish_map(by_care_type),
        by_time_of_day: finish_map(by_time_of_day),
        referrals: listed,
        referrals_omitted: omitted as i64,
    })
}

#[cfg(test)]
mod tests;
