use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::volume::VisitMoment;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

#[test]
fn parts_of_the_day_are_dutch_local_time() {
    // Winter (UTC+1): 05:59Z is 06:59 local, night; 06:00Z is 07:00, day.
    assert_eq!(time_of_day(at("2026-01-15T05:59:59Z")), TimeOfDay::Night);
    assert_eq!(time_of_day(at("2026-01-15T06:00:00Z")), TimeOfDay::Day);
    assert_eq!(time_of_day(at("2026-01-15T15:59:59Z")), TimeOfDay::Day);
    assert_eq!(time_of_day(at("2026-01-15T16:00:00Z")), TimeOfDay::Evening);
    assert_eq!(time_of_day(at("2026-01-15T21:59:59Z")), TimeOfDay::Evening);
    assert_eq!(time_of_day(at("2026-01-15T22:00:00Z")), TimeOfDay::Night);
    // Summer (UTC+2): 05:00Z is 07:00 local.
    assert_eq!(time_of_day(at("2026-07-15T05:00:00Z")), TimeOfDay::Day);
    assert_eq!(time_of_day(at("2026-07-15T04:59:59Z")), TimeOfDay::Night);
}

#[test]
fn the_request_follows_the_intake() {
    let pc4 = Pc4::new(7511).unwrap();
    let wound: CodeSet<CareType> = [CareType::WoundCare].into_iter().collect();
    // Planned at 23:30 local on 31 January: the local date, a week's window, by day.
    let r = referral_request(wound, pc4, false, Volume::UNKNOWN, at("2026-01-31T22:30:00Z"));
    assert_eq!(r.urgency, Urgency::Planned);
    assert_eq!(r.desired_start, NaiveDate::from_ymd_opt(2026, 1, 31));
    assert_eq!(r.latest_start, NaiveDate::from_ymd_opt(2026, 2, 7));
    assert_eq!(r.times_of_day.iter().collect::<Vec<_>>(), vec![TimeOfDay::Day]);
    assert_eq!(r.location, Location::Pc4(pc4));
    // Acute at 20:00 local: the evening, no dates (acute windows come from "now").
    let r = referral_request(wound, pc4, true, Volume::UNKNOWN, at("2026-01-31T19:00:00Z"));
    assert_eq!(r.urgency, Urgency::Acute);
    assert_eq!((r.desired_start, r.latest_start), (None, None));
    assert_eq!(r.times_of_day.iter().collect::<Vec<_>>(), vec![TimeOfDay::Evening]);
    // Planned night care needs the night as well.
    let night: CodeSet<CareType> = [CareType::PlannedNightCare, CareType::Nursing].into_iter().collect();
    let r = referral_request(night, pc4, false, Volume::UNKNOWN, at("2026-01-31T10:00:00Z"));
    assert_eq!(r.times_of_day.iter().collect::<Vec<_>>(), vec![TimeOfDay::Day, TimeOfDay::Night]);
    assert_eq!(r.care_types, night);
}

#[test]
fn the_request_carries_the_intakes_volume() {
    let pc4 = Pc4::new(7511).unwrap();
    let wound: CodeSet<CareType> = [CareType::WoundCare].into_iter().collect();
    let evening: CodeSet<VisitMoment> = [VisitMoment::Evening].into_iter().collect();
    let volume =
        Volume { visits_per_week: Some(14), hours_per_week: crate::volume::Hours::new(1.5), visit_moments: evening };
    let r = referral_request(wound, pc4, false, volume, at("2026-01-31T10:00:00Z"));
    assert_eq!((r.visits_per_week, r.hours_per_week), (Some(14), crate::volume::Hours::new(1.5)));
    assert_eq!(r.visit_moments, evening);
    // Planned with visit moments: only their parts of the day, as a live request without times.
    assert!(r.times_of_day.is_empty());
    assert_eq!(r.needed_times().iter().collect::<Vec<_>>(), vec![TimeOfDay::Evening]);
    // Acute: the part of the day of submission stays needed, the moments' parts come on top.
    let r = referral_request(wound, pc4, true, volume, at("2026-01-31T10:00:00Z"));
    assert_eq!(r.needed_times().iter().collect::<Vec<_>>(), vec![TimeOfDay::Day, TimeOfDay::Evening]);
}

#[test]
fn an_empty_book_gives_empty_rows_and_every_change_kind() {
    let registry = Registry::from_json(
        br#"{"schema":"wijknet.registry/v1","version":3,"municipalities":[],"organisations":[],"teams":[]}"#,
    )
    .unwrap();
    let s = Scenario { registry: &registry, agreements: None };
    let r = what_if(&ReferralBook::new(), s, s, &WhatIfOptions { max_referrals: usize::MAX }).unwrap();
    assert_eq!(r.total.referrals, 0);
    assert_eq!(r.total.time_to_placement_before.median_secs, None);
    assert_eq!(r.by_change.len(), WhatIfChange::ALL.len());
    assert!(r.by_pc4.is_empty() && r.referrals.is_empty());
    assert_eq!((r.baseline_registry_version, r.proposed_agreements_version), (3, None));
    let v = r.to_json_value();
    assert_eq!(v["schema"], WHAT_IF_SCHEMA);
    assert_eq!(v["by_change"]["now_eligible"], 0);
}
