//! Monitoring figures from referral events. The definitions (every binding computes the same
//! integers) are documented on the `referral` module ("Monitoring").

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::book::ReferralBook;
use super::event::Event;
use super::referral::Referral;
use super::state::{EscalationTrigger, OfferStatus, ReferralReason, ReferralStatus};
use crate::codes::CareType;
use crate::error::Result;
use crate::ids::{Id, MunicipalityCode, Pc4};
use crate::volume::Hours;
use crate::wire::{ser_instant, ser_opt_instant};

/// Count, median and 90th percentile of durations in seconds (`null` when there are none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DurationStats {
    /// Number of values.
    pub count: i64,
    /// Nearest-rank median, seconds.
    pub median_secs: Option<i64>,
    /// Nearest-rank 90th percentile, seconds.
    pub p90_secs: Option<i64>,
}

impl DurationStats {
    /// Sorts `values` in place and summarises them.
    pub fn from_values(values: &mut [i64]) -> Self {
        values.sort_unstable();
        Self { count: values.len() as i64, median_secs: nearest_rank(values, 50), p90_secs: nearest_rank(values, 90) }
    }
}

/// How many teams were asked per referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TeamsContacted {
    /// Nearest-rank median number of offers per referral.
    pub median: Option<i32>,
    /// Nearest-rank 90th percentile.
    pub p90: Option<i32>,
    /// Number of offers → number of referrals with that many.
    pub histogram: BTreeMap<i32, i64>,
}

/// Decline counts per reason.
pub type ReasonCounts = BTreeMap<ReferralReason, i64>;

/// The monitoring figures of a set of referrals: time to placement, teams contacted, decline
/// reasons, escalations and referrals never placed, overall and per care type, PC4 and
/// municipality (the definitions are in the README). Every map is in key order, in JSON too.
/// Counts are signed, like every count that crosses to Kotlin and Swift; they are never
/// negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Monitoring {
    /// Number of referrals.
    pub referrals: i64,
    /// Referrals placed (care started).
    pub placed: i64,
    /// Hours of care per week of the placed referrals whose intake states them: the volume
    /// district nursing took on (summed in whole minutes, so the total does not depend on the
    /// order of the referrals). Read it with `placed_without_hours`: it covers `placed` minus
    /// those.
    #[serde(default)]
    pub placed_hours_per_week: Hours,
    /// Placed referrals whose intake states no hours per week (not in `placed_hours_per_week`).
    #[serde(default)]
    pub placed_without_hours: i64,
    /// Time to placement over all placed referrals.
    pub time_to_placement: DurationStats,
    /// Time to placement per care type asked for.
    pub time_to_placement_by_care_type: BTreeMap<CareType, DurationStats>,
    /// Time to placement per client PC4.
    pub time_to_placement_by_pc4: BTreeMap<Pc4, DurationStats>,
    /// Time to placement per client municipality (referrals that name one).
    pub time_to_placement_by_municipality: BTreeMap<MunicipalityCode, DurationStats>,
    /// Offers per referral.
    pub teams_contacted: TeamsContacted,
    /// Declines per reason, all referrals.
    pub declines: ReasonCounts,
    /// Declines per care type and reason.
    pub declines_by_care_type: BTreeMap<CareType, ReasonCounts>,
    /// Declines per PC4 and reason.
    pub declines_by_pc4: BTreeMap<Pc4, ReasonCounts>,
    /// Declines per municipality and reason.
    pub declines_by_municipality: BTreeMap<MunicipalityCode, ReasonCounts>,
    /// Referrals that ever escalated.
    pub escalated: i64,
    /// Escalated referrals per trigger.
    pub escalated_by_trigger: BTreeMap<EscalationTrigger, i64>,
    /// Referrals never placed, per current status.
    pub never_placed: BTreeMap<ReferralStatus, i64>,
}

/// One figure as a flat record, for a data frame (`pandas.DataFrame(rows)`).
///
/// `metric` is one of `referrals`, `placed`, `placed_hours_per_week`, `placed_without_hours`,
/// `time_to_placement`, `teams_contacted`, `declines`, `escalated`, `never_placed`; `dimension`
/// says what `key` is (`all`, `care_type`, `pc4`, `municipality`, `offers`, `trigger`,
/// `status`); `reason` is set for declines, `hours_per_week` for `placed_hours_per_week` (whose
/// `count` is the placed referrals the hours cover).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonitoringRow {
    /// Which figure.
    pub metric: &'static str,
    /// What `key` is.
    pub dimension: &'static str,
    /// The group (a code, PC4, municipality code, number of offers, or `all`).
    pub key: String,
    /// Reason code for decline rows.
    pub reason: Option<ReferralReason>,
    /// Number of referrals (or of declines for decline rows).
    pub count: i64,
    /// Median seconds, for time to placement.
    pub median_secs: Option<i64>,
    /// 90th percentile seconds, for time to placement.
    pub p90_secs: Option<i64>,
    /// Hours of care per week, for `placed_hours_per_week`.
    pub hours_per_week: Option<Hours>,
}

fn nearest_rank<T: Copy>(sorted: &[T], p: usize) -> Option<T> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

const REASONS: usize = 8;
type Tally = [i64; REASONS];
const _: () = assert!(ReferralReason::ALL.len() == REASONS);
/// PC4s and municipality numbers are below 10,000, so plain vectors index them without hashing.
const AREAS: usize = 10_000;

struct Acc {
    referrals: i64,
    placed_minutes: u64,
    placed_without_hours: i64,
    all: Vec<i64>,
    by_care: Vec<Vec<i64>>,
    by_pc4: Vec<Vec<i64>>,
    by_muni: Vec<Vec<i64>>,
    offers: Vec<i32>,
    declines: Tally,
    declines_by_care: Vec<Tally>,
    declines_by_pc4: Vec<Tally>,
    declines_by_muni: Vec<Tally>,
    escalated: i64,
    by_trigger: BTreeMap<EscalationTrigger, i64>,
    never_placed: BTreeMap<ReferralStatus, i64>,
}

impl Acc {
    fn new() -> Self {
        Self {
            referrals: 0,
            placed_minutes: 0,
            placed_without_hours: 0,
            all: Vec::new(),
            by_care: vec![Vec::new(); CareType::ALL.len()],
            by_pc4: vec![Vec::new(); AREAS],
            by_muni: vec![Vec::new(); AREAS],
            offers: Vec::new(),
            declines: [0; REASONS],
            declines_by_care: vec![[0; REASONS]; CareType::ALL.len()],
            declines_by_pc4: vec![[0; REASONS]; AREAS],
            declines_by_muni: vec![[0; REASONS]; AREAS],
            escalated: 0,
            by_trigger: BTreeMap::new(),
            never_placed: BTreeMap::new(),
        }
    }

    fn add(&mut self, r: &Referral) {
        self.referrals += 1;
        self.offers.push(i32::try_from(r.offers().len()).unwrap_or(i32::MAX));
        let pc4 = usize::from(r.pc4().get()) % AREAS;
        let muni = r.municipality().map(|m| usize::from(m.number()) % AREAS);
        match r.time_to_placement_secs() {
            Some(secs) => {
                self.all.push(secs);
                match r.volume().hours_per_week {
                    Some(h) => self.placed_minutes = self.placed_minutes.saturating_add(h.minutes()),
                    None => self.placed_without_hours += 1,
                }
                for c in r.care_types().iter() {
                    self.by_care[usize::from(c.index())].push(secs);
                }
                self.by_pc4[pc4].push(secs);
                if let Some(m) = muni {
                    self.by_muni[m].push(secs);
                }
            }
            None => *self.never_placed.entry(r.status()).or_default() += 1,
        }
        for o in r.offers() {
            let declined = match (o.status(), o.reason()) {
                (OfferStatus::Rejected, Some(reason)) | (OfferStatus::Cancelled, Some(reason)) => reason.code(),
                _ => continue,
            };
            let k = usize::from(declined.index());
            self.declines[k] += 1;
            for c in r.care_types().iter() {
                self.declines_by_care[usize::from(c.index())][k] += 1;
            }
            self.declines_by_pc4[pc4][k] += 1;
            if let Some(m) = muni {
                self.declines_by_muni[m][k] += 1;
            }
        }
        if let Some(e) = r.escalation() {
            self.escalated += 1;
            *self.by_trigger.entry(e.trigger).or_default() += 1;
        }
    }

    fn finish(mut self) -> Monitoring {
        self.offers.sort_unstable();
        let mut histogram = BTreeMap::new();
        for n in &self.offers {
            *histogram.entry(*n).or_default() += 1;
        }
        let care = |i: usize| CareType::from_index(i as u8);
        let pc4 = |i: usize| Pc4::new(i as u16).ok();
        let muni = |i: usize| MunicipalityCode::parse(&format!("GM{i:04}")).ok();
        Monitoring {
            referrals: self.referrals,
            placed: self.all.len() as i64,
            placed_hours_per_week: Hours::from_minutes(self.placed_minutes),
            placed_without_hours: self.placed_without_hours,
            time_to_placement: DurationStats::from_values(&mut self.all),
            time_to_placement_by_care_type: stats(self.by_care, care),
            time_to_placement_by_pc4: stats(self.by_pc4, pc4),
            time_to_placement_by_municipality: stats(self.by_muni, muni),
            teams_contacted: TeamsContacted {
                median: nearest_rank(&self.offers, 50),
                p90: nearest_rank(&self.offers, 90),
                histogram,
            },
            declines: counts(&self.declines),
            declines_by_care_type: tallies(&self.declines_by_care, care),
            declines_by_pc4: tallies(&self.declines_by_pc4, pc4),
            declines_by_municipality: tallies(&self.declines_by_muni, muni),
            escalated: self.escalated,
            escalated_by_trigger: self.by_trigger,
            never_placed: self.never_placed,
        }
    }
}

/// One referral as a flat record, for analysts who want their own figures
/// (`pandas.DataFrame(rows)`): the monitoring dimensions and outcomes, no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferralRow {
    /// Referral id.
    pub referral: Id,
    /// The referring organisation.
    pub referrer: Id,
    /// When it was created.
    #[serde(serialize_with = "ser_instant")]
    pub created_at: DateTime<Utc>,
    /// When it was submitted.
    #[serde(serialize_with = "ser_opt_instant")]
    pub submitted_at: Option<DateTime<Utc>>,
    /// Care within 24 hours.
    pub acute: bool,
    /// Care types asked for, in stable order.
    pub care_types: Vec<CareType>,
    /// Client PC4.
    pub pc4: Pc4,
    /// Client municipality, if given.
    pub municipality: Option<MunicipalityCode>,
    /// Current status.
    pub status: ReferralStatus,
    /// Teams contacted (offers).
    pub offers: u32,
    /// Team rejections.
    pub declines: u32,
    /// Placed (care started).
    pub placed: bool,
    /// Seconds from submission to the placing team's acceptance.
    pub time_to_placement_secs: Option<i64>,
    /// What made it escalate, if it did.
    pub escalation_trigger: Option<EscalationTrigger>,
    /// Why it was cancelled or failed.
    pub reason: Option<ReferralReason>,
}

impl ReferralRow {
    /// The row of one referral.
    pub fn of(r: &Referral) -> Self {
        Self {
            referral: r.id().clone(),
            referrer: r.referrer().clone(),
            created_at: r.created_at(),
            submitted_at: r.submitted_at(),
            acute: r.acute(),
            care_types: r.care_types().iter().collect(),
            pc4: r.pc4(),
            municipality: r.municipality(),
            status: r.status(),
            offers: u32::try_from(r.offers().len()).unwrap_or(u32::MAX),
            declines: r.declines(),
            placed: r.placement().is_some(),
            time_to_placement_secs: r.time_to_placement_secs(),
            escalation_trigger: r.escalation().map(|e| e.trigger),
            reason: r.reason().map(|x| x.code()),
        }
    }

    /// One row per referral of a book, sorted by referral id.
    pub fn of_book(book: &ReferralBook) -> Vec<Self> {
        book.referrals().into_iter().map(Self::of).collect()
    }
}

fn stats<K: Ord>(groups: Vec<Vec<i64>>, key: impl Fn(usize) -> Option<K>) -> BTreeMap<K, DurationStats> {
    groups
        .into_iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .filter_map(|(i, mut v)| Some((key(i)?, DurationStats::from_values(&mut v))))
        .collect()
}

fn counts(t: &Tally) -> ReasonCounts {
    ReferralReason::ALL
        .iter()
        .filter(|c| t[usize::from(c.index())] > 0)
        .map(|c| (*c, t[usize::from(c.index())]))
        .collect()
}

fn tallies<K: Ord>(groups: &[Tally], key: impl Fn(usize) -> Option<K>) -> BTreeMap<K, ReasonCounts> {
    groups
        .iter()
        .enumerate()
        .filter(|(_, t)| t.iter().any(|n| *n > 0))
        .filter_map(|(i, t)| Some((key(i)?, counts(t))))
        .collect()
}

impl Monitoring {
    /// The figures of these referrals. The order of the referrals does not matter.
    pub fn from_referrals<'a>(referrals: impl IntoIterator<Item = &'a Referral>) -> Self {
        let mut acc = Acc::new();
        for r in referrals {
            acc.add(r);
        }
        acc.finish()
    }

    /// Replays an event stream (see [`ReferralBook::replay`]) and computes its figures; the first
    /// invalid event is the error.
    pub fn from_events(events: &[Event]) -> Result<Self> {
        let book = ReferralBook::replay(events)?;
        Ok(Self::from_book(&book))
    }

    /// The figures of every referral in a book.
    pub fn from_book(book: &ReferralBook) -> Self {
        // Monitoring does not depend on order (sums, and sorted values for percentiles).
        Self::from_referrals(book.in_creation_order())
    }

    /// Reads figures written by [`Monitoring::to_json`] back (a binding's saved or pickled copy;
    /// trusted data: the figures are not checked against each other).
    pub fn from_json(text: &str) -> Result<Self> {
        crate::wire::answer_from_json("monitoring", "monitoring figures", text)
    }

    /// The figures as JSON (keys sorted as in the maps, stable across runs and bindings).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The figures as flat rows in a fixed order: metric, then dimension, then key, then reason.
    pub fn rows(&self) -> Vec<MonitoringRow> {
        let mut rows = Vec::new();
        let count = |metric, dimension, key: String, reason, count| MonitoringRow {
            metric,
            dimension,
            key,
            reason,
            count,
            median_secs: None,
            p90_secs: None,
            hours_per_week: None,
        };
        let time = |dimension, key: String, s: &DurationStats| MonitoringRow {
            metric: "time_to_placement",
            dimension,
            key,
            reason: None,
            count: s.count,
            median_secs: s.median_secs,
            p90_secs: s.p90_secs,
            hours_per_week: None,
        };
        rows.push(count("referrals", "all", "all".into(), None, self.referrals));
        rows.push(count("placed", "all", "all".into(), None, self.placed));
        rows.push(MonitoringRow {
            hours_per_week: Some(self.placed_hours_per_week),
            ..count("placed_hours_per_week", "all", "all".into(), None, self.placed - self.placed_without_hours)
        });
        rows.push(count("placed_without_hours", "all", "all".into(), None, self.placed_without_hours));
        rows.push(time("all", "all".into(), &self.time_to_placement));
        rows.extend(self.time_to_placement_by_care_type.iter().map(|(k, s)| time("care_type", k.to_string(), s)));
        rows.extend(self.time_to_placement_by_pc4.iter().map(|(k, s)| time("pc4", k.to_string(), s)));
        rows.extend(self.time_to_placement_by_municipality.iter().map(|(k, s)| time("municipality", k.to_string(), s)));
        rows.extend(
            self.teams_contacted
                .histogram
                .iter()
                .map(|(n, c)| count("teams_contacted", "offers", n.to_string(), None, *c)),
        );
        let mut declines = |dimension, key: String, counts: &ReasonCounts| {
            for (reason, c) in counts {
                rows.push(count("declines", dimension, key.clone(), Some(*reason), *c));
            }
        };
        declines("all", "all".into(), &self.declines);
        for (k, v) in &self.declines_by_care_type {
            declines("care_type", k.to_string(), v);
        }
        for (k, v) in &self.declines_by_pc4 {
            declines("pc4", k.to_string(), v);
        }
        for (k, v) in &self.declines_by_municipality {
            declines("municipality", k.to_string(), v);
        }
        rows.push(count("escalated", "all", "all".into(), None, self.escalated));
        rows.extend(
            self.escalated_by_trigger.iter().map(|(t, c)| count("escalated", "trigger", t.to_string(), None, *c)),
        );
        rows.extend(self.never_placed.iter().map(|(s, c)| count("never_placed", "status", s.to_string(), None, *c)));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_definition() {
        assert_eq!(nearest_rank::<i64>(&[], 50), None);
        assert_eq!(nearest_rank(&[7], 50), Some(7));
        assert_eq!(nearest_rank(&[1, 2, 3, 4], 50), Some(2));
        assert_eq!(nearest_rank(&[1, 2, 3, 4, 5], 50), Some(3));
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(nearest_rank(&ten, 90), Some(9));
        let eleven: Vec<i64> = (1..=11).collect();
        assert_eq!(nearest_rank(&eleven, 90), Some(10));
    }

    /// Bindings build data-frame records from these rows and rely on every row carrying every
    /// key (an absent value as null), so one column per key exists whatever the first row holds.
    #[test]
    fn rows_serialise_every_key() {
        let m = MonitoringRow {
            metric: "referrals",
            dimension: "all",
            key: "all".into(),
            reason: None,
            count: 0,
            median_secs: None,
            p90_secs: None,
            hours_per_week: None,
        };
        assert_eq!(serde_json::to_value(&m).unwrap().as_object().unwrap().len(), 8);
        let r = ReferralRow {
            referral: Id::parse("r1").unwrap(),
            referrer: Id::parse("o1").unwrap(),
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            submitted_at: None,
            acute: false,
            care_types: Vec::new(),
            pc4: Pc4::parse("7511").unwrap(),
            municipality: None,
            status: ReferralStatus::Requested,
            offers: 0,
            declines: 0,
            placed: false,
            time_to_placement_secs: None,
            escalation_trigger: None,
            reason: None,
        };
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 15);
        assert!(v["submitted_at"].is_null() && v["municipality"].is_null() && v["reason"].is_null());
    }
}
