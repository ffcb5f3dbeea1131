//! The client whose data is shared, the representatives who may decide for them, and the age
//! rules that say who decides.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone, Utc};
use serde::Serialize;

use super::codes::{RepresentativeRelation, WhoDecides};
use crate::ids::{Bsn, Id};

/// A legal representative (*wettelijk vertegenwoordiger*) of a client: a parent or guardian of a
/// minor, a mentor or curator, a written authorisation, or (for an adult who cannot decide) a
/// partner or family member. Identified by a pseudonymous id, never by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Representative {
    /// Pseudonymous id of the representative, unique within the client.
    pub id: Id,
    /// How the representative is related to the client.
    pub relation: RepresentativeRelation,
}

/// A client (*cliënt*) as the consent store knows them: a pseudonymous id, the facts the age and
/// capacity rules need, and nothing else. The optional BSN is kept (validated with the
/// eleven-test) so a host can export it back, but it is never hashed, traced or reported.
/// `Debug` redacts the BSN and the date of birth.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Client {
    /// Pseudonymous client id (not the BSN).
    pub id: Id,
    /// Citizen service number, if the host keeps it here. Redacted in `Debug`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bsn: Option<Bsn>,
    /// Date of birth, which with the decision time decides the age. Redacted in `Debug`.
    pub date_of_birth: NaiveDate,
    /// Whether the client can currently decide about sharing (*wilsbekwaam*); false e.g. with
    /// advanced dementia, and then a representative decides.
    pub can_decide: bool,
    /// Legal representatives, in document order.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub representatives: Vec<Representative>,
}

/// Personal data stays out of logs: the BSN redacts itself, the date of birth is left out.
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("id", &self.id)
            .field("bsn", &self.bsn)
            .field("date_of_birth", &format_args!("(redacted)"))
            .field("can_decide", &self.can_decide)
            .field("representatives", &self.representatives)
            .finish()
    }
}

impl Client {
    /// Who decides about sharing for this client at `at` (see [`who_decides`]).
    pub fn who_decides(&self, at: DateTime<Utc>) -> WhoDecides {
        who_decides(self.date_of_birth, self.can_decide, at)
    }
}

/// The calendar date of `at` in the Netherlands (Europe/Amsterdam), because birthdays and ages
/// follow the Dutch calendar day, not UTC: a client born on 1 March turns a year older at
/// 00:00 Dutch time, which is 23:00 UTC the day before in winter.
///
/// Defined for every instant: at the very end of chrono's range, where the Dutch local time
/// would not be representable, the UTC date is returned.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    let utc = at.naive_utc();
    let offset = chrono_tz::Europe::Amsterdam.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).map_or(utc.date(), |local| local.date())
}

/// Age in completed years on `date`.
///
/// Rule for 29 February: a person born on 29 February becomes a year older on **1 March** in a
/// non-leap year (the birthday has not yet been reached on 28 February). This is the reading used
/// in Dutch practice (the anniversary of the birth day has passed only once the day after
/// 28 February begins) and it is the conservative choice: a client reaches 12 or 16 — and with it
/// a say over their own data — one day later rather than one day earlier, never before the full
/// number of years has elapsed. A date before the date of birth gives age 0.
pub fn age_on(date_of_birth: NaiveDate, date: NaiveDate) -> u32 {
    if date < date_of_birth {
        return 0;
    }
    let years = date.year() - date_of_birth.year();
    // Comparing (month, day) makes (2, 28) < (2, 29): a 29 February birthday is reached on 1 March.
    let reached = (date.month(), date.day()) >= (date_of_birth.month(), date_of_birth.day());
    (if reached { years } else { years - 1 }) as u32
}

/// Who decides about sharing (WGBO, art. 7:450 and 7:465 BW): under 12 the representative;
/// 12 to 15 both the client and the representative; 16 and older the client; a client who
/// cannot decide is represented whatever the age. The age is taken on the Dutch calendar date of
/// `at`.
pub fn who_decides(date_of_birth: NaiveDate, can_decide: bool, at: DateTime<Utc>) -> WhoDecides {
    if !can_decide {
        return WhoDecides::Representative;
    }
    // The Dutch date is the UTC date or the day after (UTC+1 or UTC+2, never behind UTC). Only
    // when those two give different answers (a birthday at the boundary) is the time-zone
    // database consulted; the answer is the same, the common case is just cheaper.
    let utc = at.date_naive();
    let by_age = |date: NaiveDate| {
        let age = age_on(date_of_birth, date);
        if age < 12 {
            WhoDecides::Representative
        } else if age < 16 {
            WhoDecides::ClientAndRepresentative
        } else {
            WhoDecides::Client
        }
    };
    let today = by_age(utc);
    match utc.succ_opt() {
        Some(next) if by_age(next) == today => today,
        _ => by_age(local_date(at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(age_on(d(2010, 6, 15), d(2026, 6, 14)), 15);
        assert_eq!(age_on(d(2010, 6, 15), d(2026, 6, 15)), 16);
        assert_eq!(age_on(d(2010, 6, 15), d(2010, 6, 15)), 0);
        assert_eq!(age_on(d(2010, 6, 15), d(2009, 1, 1)), 0);
    }

    #[test]
    fn leap_day_birthday_is_reached_on_1_march_in_other_years() {
        let born = d(2012, 2, 29);
        assert_eq!(age_on(born, d(2027, 2, 28)), 14);
        assert_eq!(age_on(born, d(2027, 3, 1)), 15);
        assert_eq!(age_on(born, d(2028, 2, 28)), 15);
        assert_eq!(age_on(born, d(2028, 2, 29)), 16);
    }

    #[test]
    fn age_follows_the_dutch_calendar_day() {
        // 1 March 2026 00:30 in Amsterdam is 28 February 23:30 UTC.
        let born = d(2010, 3, 1);
        let at = Utc.with_ymd_and_hms(2026, 2, 28, 23, 30, 0).unwrap();
        assert_eq!(who_decides(born, true, at), WhoDecides::Client);
        let before = Utc.with_ymd_and_hms(2026, 2, 28, 22, 30, 0).unwrap();
        assert_eq!(who_decides(born, true, before), WhoDecides::ClientAndRepresentative);
    }

    #[test]
    fn shortcut_agrees_with_the_time_zone_database() {
        // Every half hour of six years around a 12th and a 16th birthday, across DST switches.
        let born = d(2010, 3, 28);
        let mut at = Utc.with_ymd_and_hms(2021, 1, 1, 0, 0, 0).unwrap();
        while at < Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap() {
            let expected = match age_on(born, local_date(at)) {
                0..=11 => WhoDecides::Representative,
                12..=15 => WhoDecides::ClientAndRepresentative,
                _ => WhoDecides::Client,
            };
            assert_eq!(who_decides(born, true, at), expected, "{at}");
            at += chrono::Duration::minutes(30);
        }
    }

    #[test]
    fn debug_redacts_the_bsn_and_the_date_of_birth() {
        let c = Client {
            id: Id::parse("cl-1").unwrap(),
            bsn: Some(Bsn::parse("111222333").unwrap()),
            date_of_birth: d(2011, 9, 1),
            can_decide: true,
            representatives: Vec::new(),
        };
        let text = format!("{c:?} {c:#?}");
        assert!(!text.contains("111222333") && !text.contains("2011") && !text.contains("09-01"), "{text}");
        assert!(text.contains("cl-1") && text.contains("(redacted)"), "{text}");
    }

    #[test]
    fn ages_never_panic_at_the_ends_of_time() {
        for dob in [NaiveDate::MIN, NaiveDate::MAX, d(2000, 2, 29)] {
            for at in
                [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC, Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()]
            {
                let _ = who_decides(dob, true, at);
                let _ = age_on(dob, at.date_naive());
            }
        }
    }

    #[test]
    fn who_decides_by_age_and_capacity() {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
        assert_eq!(who_decides(d(2015, 1, 1), true, at), WhoDecides::Representative);
        assert_eq!(who_decides(d(2014, 11, 22), true, at), WhoDecides::ClientAndRepresentative);
        assert_eq!(who_decides(d(2014, 11, 23), true, at), WhoDecides::Representative);
        assert_eq!(who_decides(d(2010, 11, 22), true, at), WhoDecides::Client);
        assert_eq!(who_decides(d(2010, 11, 23), true, at), WhoDecides::ClientAndRepresentative);
        assert_eq!(who_decides(d(1935, 5, 5), false, at), WhoDecides::Representative);
    }
}
