//! How much care (*zorgomvang*): Dutch district nursing plans in hours and visits per week, from
//! the district nurse's assessment (*indicatie*), e.g. "wound care, 1.5 hours a week, two visits
//! a day". A request states what the client needs; a team reports its free hours per week per
//! care type next to its free places; matching excludes a team that cannot take the volume and
//! ranks by room; monitoring reports the hours placed.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codes::{CodeSet, TimeOfDay, code_enum};

/// Most hours per week a request can ask for: every hour of the week.
pub const MAX_REQUEST_HOURS: f64 = 168.0;

/// Most free hours per week a team can report for one care type (a large team: 100 full-time
/// nurses' weeks).
pub const MAX_TEAM_HOURS: f64 = 4_000.0;

/// Most visits per week a request can ask for: one an hour, day and night.
pub const MAX_VISITS_PER_WEEK: u32 = 168;

/// Hours per week, a finite number of at least 0 (checked where it is read: a request's need
/// above 0 and at most [`MAX_REQUEST_HOURS`], a team's free hours at most [`MAX_TEAM_HOURS`]).
///
/// Its JSON form is the number (`1.5`); its text the number with at most two decimals (`1.5`,
/// `12`). Equal when the numbers are the same.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hours(f64);

impl Hours {
    /// Not a number of hours: what a host's NaN or infinity becomes, so that the check that
    /// reads it reports it (every check refuses it) instead of the reader guessing.
    #[cfg_attr(not(feature = "uniffi"), allow(dead_code))]
    pub(crate) const INVALID: Self = Self(f64::NAN);

    /// Hours per week, if the number is finite and not negative.
    pub fn new(hours: f64) -> Option<Self> {
        (hours.is_finite() && hours >= 0.0).then_some(Self(hours + 0.0))
    }

    /// The number of hours.
    pub fn get(self) -> f64 {
        self.0
    }

    /// Hours per week in whole minutes (rounded), for sums that must not drift.
    pub fn minutes(self) -> u64 {
        (self.0 * 60.0).round() as u64
    }

    /// Hours of a number of minutes.
    pub fn from_minutes(minutes: u64) -> Self {
        Self(minutes as f64 / 60.0)
    }
}

impl std::hash::Hash for Hours {
    /// By the number's bits, as equality ([`f64::total_cmp`]) compares them; [`Hours::new`]
    /// turns `-0` into `0`, so equal hours hash alike.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

impl PartialEq for Hours {
    fn eq(&self, other: &Self) -> bool {
        self.0.total_cmp(&other.0).is_eq()
    }
}
impl Eq for Hours {}
impl PartialOrd for Hours {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Hours {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl fmt::Display for Hours {
    /// At most two decimals, no trailing zeros: `1.5`, `12`, `0.25`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{:.2}", self.0);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        f.write_str(text)
    }
}

impl Hours {
    /// The English unit that goes with the number as [`Display`](fmt::Display) shows it: `hour`
    /// for exactly `1`, else `hours` (`0.5 hours`, `2 hours`), so messages never say "1 hours".
    pub fn unit(self) -> &'static str {
        if self.to_string() == "1" { "hour" } else { "hours" }
    }
}

/// How much care an assessment (*indicatie*) states, as a referral's intake carries it: what a
/// match request asks (`visits_per_week`, `hours_per_week`, `visit_moments`), so that a replay
/// matches a referral as live matching would, and monitoring can add up the hours placed. Each
/// part is optional: absent means not stated (older events, or a referrer that does not know
/// yet), never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Volume {
    /// Visits per week (1 to [`MAX_VISITS_PER_WEEK`]), e.g. 14 for two visits a day.
    pub visits_per_week: Option<u32>,
    /// Hours of care per week (above 0, at most [`MAX_REQUEST_HOURS`]).
    pub hours_per_week: Option<Hours>,
    /// When in the day visits are needed; empty: not stated.
    pub visit_moments: CodeSet<VisitMoment>,
}

impl Default for Volume {
    fn default() -> Self {
        Self::UNKNOWN
    }
}

impl Volume {
    /// No volume stated.
    pub const UNKNOWN: Self = Self { visits_per_week: None, hours_per_week: None, visit_moments: CodeSet::empty() };
}

/// The rules of a stated volume, shared by a match request, a referral's intake and the FHIR
/// mapping so all refuse the same values with the same words: each problem as the field it is
/// about (`visits_per_week`, `hours_per_week`) and what was expected. Visit moments are codes,
/// checked where they are read.
pub fn volume_problems(
    visits_per_week: Option<u32>,
    hours_per_week: Option<Hours>,
) -> impl Iterator<Item = (&'static str, String)> {
    let visits = visits_per_week
        .filter(|v| !(1..=MAX_VISITS_PER_WEEK).contains(v))
        .map(|_| ("visits_per_week", format!("must be 1 to {MAX_VISITS_PER_WEEK}")));
    let hours = hours_per_week
        .filter(|h| !(h.get() > 0.0 && h.get() <= MAX_REQUEST_HOURS))
        .map(|_| ("hours_per_week", format!("must be above 0 and at most {MAX_REQUEST_HOURS}")));
    visits.into_iter().chain(hours)
}

code_enum! {
    /// When in the day a visit is needed (*zorgmoment*). Each lies in one part of the day, so a
    /// request's visit moments add their parts of the day to those a team must cover.
    VisitMoment, "visit moment" {
        /// Morning, e.g. help getting up and showering (*ochtend*).
        Morning = "morning", "ochtend", "morning";
        /// Afternoon (*middag*).
        Afternoon = "afternoon", "middag", "afternoon";
        /// Evening, e.g. help going to bed (*avond*).
        Evening = "evening", "avond", "evening";
        /// Night (*nacht*).
        Night = "night", "nacht", "night";
    }
}

impl VisitMoment {
    /// The part of the day a team must work to make this visit.
    pub const fn time_of_day(self) -> TimeOfDay {
        match self {
            VisitMoment::Morning | VisitMoment::Afternoon => TimeOfDay::Day,
            VisitMoment::Evening => TimeOfDay::Evening,
            VisitMoment::Night => TimeOfDay::Night,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_read_compare_and_show() {
        assert_eq!(Hours::new(1.5).unwrap().to_string(), "1.5");
        assert_eq!(Hours::new(12.0).unwrap().to_string(), "12");
        assert_eq!(Hours::new(0.25).unwrap().to_string(), "0.25");
        assert_eq!(Hours::new(-0.0).unwrap(), Hours::new(0.0).unwrap());
        assert!(Hours::new(-1.0).is_none() && Hours::new(f64::NAN).is_none() && Hours::new(f64::INFINITY).is_none());
        assert!(Hours::new(1.5).unwrap() < Hours::new(2.0).unwrap());
        assert_eq!(Hours::new(1.5).unwrap().minutes(), 90);
        assert_eq!(Hours::from_minutes(90), Hours::new(1.5).unwrap());
        assert_eq!(serde_json::to_string(&Hours::new(2.5).unwrap()).unwrap(), "2.5");
    }

    #[test]
    fn one_hour_is_singular_every_other_number_plural() {
        let unit = |h: f64| Hours::new(h).unwrap().unit();
        assert_eq!(unit(1.0), "hour");
        assert_eq!(unit(1.001), "hour", "shown as 1");
        assert_eq!(unit(0.0), "hours");
        assert_eq!(unit(0.5), "hours");
        assert_eq!(unit(1.5), "hours");
        assert_eq!(unit(2.0), "hours");
    }

    #[test]
    fn a_volume_breaks_its_rules_field_by_field() {
        let problems = |v, h: Option<f64>| {
            volume_problems(v, h.map(|h| Hours::new(h).unwrap_or(Hours::INVALID))).map(|(f, _)| f).collect::<Vec<_>>()
        };
        assert!(problems(None, None).is_empty());
        assert!(problems(Some(1), Some(0.25)).is_empty());
        assert!(problems(Some(MAX_VISITS_PER_WEEK), Some(MAX_REQUEST_HOURS)).is_empty());
        assert_eq!(problems(Some(0), None), ["visits_per_week"]);
        assert_eq!(problems(Some(MAX_VISITS_PER_WEEK + 1), Some(0.0)), ["visits_per_week", "hours_per_week"]);
        assert_eq!(problems(None, Some(168.01)), ["hours_per_week"]);
        assert_eq!(problems(None, Some(f64::NAN)), ["hours_per_week"]);
    }

    #[test]
    fn visit_moments_lie_in_a_part_of_the_day() {
        assert_eq!(VisitMoment::Morning.time_of_day(), TimeOfDay::Day);
        assert_eq!(VisitMoment::Evening.time_of_day(), TimeOfDay::Evening);
        assert_eq!(VisitMoment::Night.time_of_day(), TimeOfDay::Night);
    }
}
