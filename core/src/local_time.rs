//! Dutch wall-clock times as instants (*zomertijd en wintertijd*).
//!
//! People and forms speak in Dutch local time ("who is on call at half past two tonight?"); the
//! core speaks in instants. Twice a year the two do not map one to one (Europe/Amsterdam, from the
//! tz database):
//!
//! - the **last Sunday of March**, at 02:00 the clocks jump to 03:00, so 02:30 that night **does
//!   not exist**;
//! - the **last Sunday of October**, at 03:00 the clocks go back to 02:00, so 02:30 that night
//!   **happens twice**: first in summer time (CEST, UTC+2, 00:30 UTC), an hour later in winter
//!   time (CET, UTC+1, 01:30 UTC).
//!
//! [`instant`] never guesses in either case, because a guess an hour off decides who is on call
//! or whether a consent was still valid: a time in the skipped hour is
//! [`Error::LocalTime`] with [`LocalTimeProblem::DoesNotExist`]; a
//! repeated time is answered when the caller says which [`Occurrence`] is meant, and is
//! [`LocalTimeProblem::OccursTwice`] otherwise. Every other time is one instant and the
//! occurrence, if given, is not needed.
//!
//! (A night rota's shift boundaries are a standing schedule rather than a question, and are read
//! with a fixed rule instead: see [`agreements::local_instant`](crate::agreements::local_instant).)

use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

use crate::codes::code_enum;
use crate::error::{Error, Result};

code_enum! {
    /// Which of the two moments a repeated Dutch local time means (the hour from 02:00 to 03:00
    /// on the last Sunday of October happens twice).
    Occurrence, "occurrence" {
        /// The first time the clock shows it: still summer time (CEST, UTC+2).
        First = "first", "eerste keer (zomertijd)", "first time (summer time)";
        /// The second time, after the clocks went back: winter time (CET, UTC+1).
        Second = "second", "tweede keer (wintertijd)", "second time (winter time)";
    }
}

code_enum! {
    /// Why a Dutch local date and time does not name exactly one instant.
    LocalTimeProblem, "local time problem" {
        /// The time falls in the hour the clocks skip (last Sunday of March, 02:00 to 03:00).
        DoesNotExist = "does_not_exist", "bestaat niet (klok vooruit)", "does not exist (clocks go forward)";
        /// The time happens twice (last Sunday of October, 02:00 to 03:00) and the caller did not
        /// say which occurrence.
        OccursTwice = "occurs_twice", "komt twee keer voor (klok achteruit)", "occurs twice (clocks go back)";
    }
}

impl LocalTimeProblem {
    /// The input field at fault, as a path: the time itself when it does not exist, the missing
    /// occurrence when it happens twice.
    pub fn path(self) -> &'static str {
        match self {
            Self::DoesNotExist => "$.time",
            Self::OccursTwice => "$.occurrence",
        }
    }

    /// What is wrong and what to do, without repeating the caller's date or time.
    pub fn reason(self) -> &'static str {
        match self {
            Self::DoesNotExist => {
                "this local time does not exist in the Netherlands: the clocks go forward from 02:00 to 03:00 that night; give a time outside the skipped hour"
            }
            Self::OccursTwice => {
                "this local time happens twice in the Netherlands: the clocks go back from 03:00 to 02:00 that night; say `first` (summer time) or `second` (winter time)"
            }
        }
    }
}

/// The instant of a Dutch local date and time (Europe/Amsterdam).
///
/// `occurrence` says which moment a repeated time means; it is needed only in the hour the
/// clocks go back and ignored otherwise.
///
/// # Errors
/// [`Error::LocalTime`] with [`LocalTimeProblem::DoesNotExist`] for a time in the hour the clocks
/// skip, and with [`LocalTimeProblem::OccursTwice`] for a repeated time without an occurrence.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use wijknet::local_time::{Occurrence, instant};
///
/// let night = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
/// let half_past_two = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
/// let second = instant(night, half_past_two, Some(Occurrence::Second)).unwrap();
/// assert_eq!(second.to_rfc3339(), "2026-10-25T01:30:00+00:00");
/// assert_eq!(instant(night, half_past_two, None).unwrap_err().code(), "local_time");
/// ```
pub fn instant(date: NaiveDate, time: NaiveTime, occurrence: Option<Occurrence>) -> Result<DateTime<Utc>> {
    match Amsterdam.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, second) => match occurrence {
            Some(Occurrence::First) => Ok(first.with_timezone(&Utc)),
            Some(Occurrence::Second) => Ok(second.with_timezone(&Utc)),
            None => Err(Error::LocalTime { problem: LocalTimeProblem::OccursTwice }),
        },
        LocalResult::None => Err(Error::LocalTime { problem: LocalTimeProblem::DoesNotExist }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str, occurrence: Option<Occurrence>) -> Result<String> {
        let d: NaiveDate = date.parse().unwrap();
        let t = NaiveTime::parse_from_str(time, "%H:%M").unwrap();
        instant(d, t, occurrence).map(|i| i.format("%Y-%m-%dT%H:%M:%SZ").to_string())
    }

    #[test]
    fn ordinary_times_are_one_instant_whatever_the_occurrence() {
        assert_eq!(at("2026-07-01", "12:00", None).unwrap(), "2026-07-01T10:00:00Z");
        assert_eq!(at("2026-12-01", "12:00", Some(Occurrence::Second)).unwrap(), "2026-12-01T11:00:00Z");
        // The hours around the changes are ordinary.
        assert_eq!(at("2026-03-29", "01:59", None).unwrap(), "2026-03-29T00:59:00Z");
        assert_eq!(at("2026-03-29", "03:00", None).unwrap(), "2026-03-29T01:00:00Z");
        assert_eq!(at("2026-10-25", "01:59", None).unwrap(), "2026-10-24T23:59:00Z");
        assert_eq!(at("2026-10-25", "03:00", None).unwrap(), "2026-10-25T02:00:00Z");
    }

    #[test]
    fn a_repeated_time_is_asked_for_by_occurrence() {
        assert_eq!(at("2026-10-25", "02:30", Some(Occurrence::First)).unwrap(), "2026-10-25T00:30:00Z");
        assert_eq!(at("2026-10-25", "02:30", Some(Occurrence::Second)).unwrap(), "2026-10-25T01:30:00Z");
        assert_eq!(at("2026-10-25", "02:00", Some(Occurrence::Second)).unwrap(), "2026-10-25T01:00:00Z");
        let e = at("2026-10-25", "02:30", None).unwrap_err();
        assert_eq!(e, Error::LocalTime { problem: LocalTimeProblem::OccursTwice });
        assert_eq!(e.problems()[0].path, "$.occurrence");
    }

    #[test]
    fn a_skipped_time_is_an_error_not_a_guess() {
        for occurrence in [None, Some(Occurrence::First), Some(Occurrence::Second)] {
            let e = at("2026-03-29", "02:30", occurrence).unwrap_err();
            assert_eq!(e, Error::LocalTime { problem: LocalTimeProblem::DoesNotExist });
            assert_eq!(e.code(), "local_time");
            assert_eq!(e.problems()[0].path, "$.time");
            assert!(!e.to_string().contains("02:30") && !e.to_string().contains("2026"), "{e}");
        }
    }
}
