//! Night-rotation schedules in Dutch local time.
//!
//! Shifts are written as local wall-clock times (23:00 to 07:00) and turned into instants with
//! the tz database's Europe/Amsterdam rules, so the nights when clocks change come out right: the
//! last Sunday of March the 23:00-07:00 shift lasts 7 hours, the last Sunday of October 9 hours.
//! A local time that does not exist (inside the spring-forward gap) is taken as the first instant
//! after the gap; one that exists twice (the autumn hour) as the earlier of the two.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

use super::model::{NightRotation, RotaCycle};
use crate::ids::Id;

/// The instant of a Dutch local date and time.
pub fn local_instant(local: NaiveDateTime) -> DateTime<Utc> {
    match Amsterdam.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(early, _) => early.with_timezone(&Utc),
        LocalResult::None => {
            // Inside the spring-forward gap: walk to the first wall-clock minute that exists (the
            // gap is one hour, so this ends within 60 steps).
            let mut probe = local;
            loop {
                probe += Duration::minutes(1);
                if let Some(t) = Amsterdam.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
        }
    }
}

impl NightRotation {
    /// The team on duty on the night starting on `night`, if anybody: an override for that
    /// night wins, otherwise the rota; nights before the rota starts have nobody.
    pub fn team_on(&self, night: NaiveDate) -> Option<&Id> {
        if let Ok(i) = self.overrides.binary_search_by(|o| o.night.cmp(&night)) {
            return self.overrides[i].team.as_ref();
        }
        if night < self.rota_start || self.rota.is_empty() {
            return None;
        }
        let n = (night - self.rota_start).num_days() as usize;
        let step = match self.cycle {
            RotaCycle::Daily => n,
            RotaCycle::Weekly => n / 7,
        };
        Some(&self.rota[step % self.rota.len()])
    }

    /// Start and end instant of the shift of the night starting on `night`.
    pub fn shift_instants(&self, night: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = local_instant(night.and_time(self.shift.start));
        let end_date = if self.shift.end <= self.shift.start { night.succ_opt().unwrap_or(night) } else { night };
        let end = local_instant(end_date.and_time(self.shift.end));
        (start, end)
    }

    /// The night whose shift contains the instant, if the instant falls in a shift.
    pub fn night_containing(&self, at: DateTime<Utc>) -> Option<NaiveDate> {
        let today = at.with_timezone(&Amsterdam).date_naive();
        [today.pred_opt(), Some(today)].into_iter().flatten().find(|n| {
            let (s, e) = self.shift_instants(*n);
            s <= at && at < e
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreements::model::{NightOverride, ShiftTimes};
    use chrono::NaiveTime;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rotation() -> NightRotation {
        NightRotation {
            area: Default::default(),
            shift: ShiftTimes {
                start: NaiveTime::from_hms_opt(23, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
            },
            rota_start: d("2026-03-23"),
            cycle: RotaCycle::Daily,
            rota: vec![Id::parse("t1").unwrap(), Id::parse("t2").unwrap(), Id::parse("t3").unwrap()],
            overrides: vec![NightOverride { night: d("2026-03-25"), team: None }],
        }
    }

    #[test]
    fn shifts_across_clock_changes_have_the_right_length() {
        let r = rotation();
        let hours = |night: &str| {
            let (s, e) = r.shift_instants(d(night));
            (e - s).num_hours()
        };
        assert_eq!(hours("2026-03-27"), 8);
        assert_eq!(hours("2026-03-28"), 7, "spring forward: 02:00 becomes 03:00");
        assert_eq!(hours("2026-10-24"), 9, "fall back: 03:00 becomes 02:00");
        let (s, e) = r.shift_instants(d("2026-03-28"));
        assert_eq!(s.to_rfc3339(), "2026-03-28T22:00:00+00:00");
        assert_eq!(e.to_rfc3339(), "2026-03-29T05:00:00+00:00");
    }

    #[test]
    fn gap_and_ambiguous_local_times() {
        // 02:30 on 29 March 2026 does not exist: the first instant after the gap is 03:00 CEST
        let t = local_instant(d("2026-03-29").and_hms_opt(2, 30, 0).unwrap());
        assert_eq!(t.to_rfc3339(), "2026-03-29T01:00:00+00:00");
        // 02:30 on 25 October 2026 happens twice: the earlier (CEST) one
        let t = local_instant(d("2026-10-25").and_hms_opt(2, 30, 0).unwrap());
        assert_eq!(t.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn rota_overrides_and_instants() {
        let r = rotation();
        assert_eq!(r.team_on(d("2026-03-22")), None, "before the rota starts");
        assert_eq!(r.team_on(d("2026-03-23")).unwrap().as_str(), "t1");
        assert_eq!(r.team_on(d("2026-03-24")).unwrap().as_str(), "t2");
        assert_eq!(r.team_on(d("2026-03-25")), None, "override: nobody");
        assert_eq!(r.team_on(d("2026-03-26")).unwrap().as_str(), "t1");
        let mut weekly = rotation();
        weekly.cycle = RotaCycle::Weekly;
        assert_eq!(weekly.team_on(d("2026-03-29")).unwrap().as_str(), "t1");
        assert_eq!(weekly.team_on(d("2026-03-30")).unwrap().as_str(), "t2");
        // 04:30 UTC on 29 March is 06:30 CEST: still the night of the 28th
        assert_eq!(r.night_containing("2026-03-29T04:30:00Z".parse().unwrap()), Some(d("2026-03-28")));
        assert_eq!(r.night_containing("2026-03-29T05:00:00Z".parse().unwrap()), None);
        assert_eq!(r.night_containing("2026-03-28T21:59:00Z".parse().unwrap()), None);
        assert_eq!(r.night_containing("2026-03-28T22:00:00Z".parse().unwrap()), Some(d("2026-03-28")));
    }
}
