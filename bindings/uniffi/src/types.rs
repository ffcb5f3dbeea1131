//! How dates, instants and locations cross the boundary.
//!
//! - An *instant* (`now`, `updated_at`, a shift start) is a uniffi timestamp: `java.time.Instant`
//!   in Kotlin, `Date` in Swift. wijknet never reads the clock, so every call that needs "now"
//!   takes it as a parameter.
//! - A *calendar date* (a start date, a review date, a night) is [`CalendarDate`]: a
//!   `java.time.LocalDate` in Kotlin and an ISO-8601 `String` (`"2026-11-22"`) in Swift, which has
//!   no date-only type. Dates are Dutch local dates, as in the documents.
//! - A *location* is a postcode string, PC6 (`"7511AB"`) or PC4 (`"7511"`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Result, WijknetError};

/// A calendar date (Dutch local date) without time: `java.time.LocalDate` in Kotlin, an ISO-8601
/// `"YYYY-MM-DD"` string in Swift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CalendarDate(pub NaiveDate);

uniffi::custom_type!(CalendarDate, String, {
    lower: |d| d.0.format("%Y-%m-%d").to_string(),
    try_lift: |s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map(CalendarDate).map_err(|_| {
            // Surfaces as a typed `WijknetError.Invalid` from every call that takes a date. The
            // lift does not know which parameter or field the date is, so the path is `$`; the
            // text is never repeated (it may be a date of birth).
            uniffi::deps::anyhow::Error::new(WijknetError::argument(
                "$",
                "expected a calendar date `YYYY-MM-DD`, found other text",
            ))
        })
    },
});

impl From<NaiveDate> for CalendarDate {
    fn from(d: NaiveDate) -> Self {
        Self(d)
    }
}

impl CalendarDate {
    /// The ISO text the core's documents use.
    pub(crate) fn text(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }
}

/// A host instant as the core's UTC time; instants chrono cannot represent are a typed error at
/// `$.` and the parameter's name (or the field's path inside a record parameter).
pub(crate) fn utc(t: SystemTime, path: &str) -> Result<DateTime<Utc>> {
    let out_of_range = || WijknetError::argument(path, "expected an instant within the supported range");
    let (secs, nanos) = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (i64::try_from(d.as_secs()).map_err(|_| out_of_range())?, d.subsec_nanos()),
        Err(before) => {
            let d = before.duration();
            let secs = i64::try_from(d.as_secs()).map_err(|_| out_of_range())?;
            if d.subsec_nanos() == 0 { (-secs, 0) } else { (-secs - 1, 1_000_000_000 - d.subsec_nanos()) }
        }
    };
    DateTime::from_timestamp(secs, nanos).ok_or_else(out_of_range)
}

/// The core's UTC time as a host instant.
pub(crate) fn instant(t: DateTime<Utc>) -> SystemTime {
    let secs = t.timestamp();
    let nanos = Duration::from_nanos(u64::from(t.timestamp_subsec_nanos()));
    if secs >= 0 {
        UNIX_EPOCH + Duration::from_secs(secs.unsigned_abs()) + nanos
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs()) + nanos
    }
}

/// RFC 3339 text of a host instant, for the core's document parsers.
pub(crate) fn instant_text(t: SystemTime, path: &str) -> Result<String> {
    Ok(utc(t, path)?.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

/// Parses a PC6 or PC4 parameter.
pub(crate) fn location(s: &str) -> Result<wijknet::Location> {
    wijknet::Location::parse(s).map_err(|e| WijknetError::argument("location", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uniffi::{Lift, Lower};

    #[test]
    fn instants_round_trip_before_and_after_the_epoch() {
        for text in
            ["2026-11-22T10:00:00Z", "2026-03-29T01:30:00.250Z", "1969-12-31T23:59:59.5Z", "1900-01-01T00:00:00Z"]
        {
            let t: DateTime<Utc> = text.parse().unwrap();
            let host = instant(t);
            assert_eq!(utc(host, "now").unwrap(), t, "{text}");
            assert_eq!(instant_text(host, "now").unwrap(), t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        }
    }

    #[test]
    fn unrepresentable_instants_are_typed_errors() {
        let far = UNIX_EPOCH + Duration::from_secs(i64::MAX as u64 / 2);
        let e = utc(far, "now").unwrap_err();
        assert_eq!(e.code(), "invalid");
        assert_eq!(e.problems()[0].path, "$.now");
    }

    #[test]
    fn calendar_dates_cross_as_iso_text_and_bad_text_is_a_typed_error() {
        let d = CalendarDate(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
        let lowered = <CalendarDate as Lower<crate::UniFfiTag>>::lower(d);
        assert_eq!(<CalendarDate as Lift<crate::UniFfiTag>>::try_lift(lowered).unwrap(), d);
        assert_eq!(d.text(), "2026-02-28");
        let bad = <String as Lower<crate::UniFfiTag>>::lower("2026-02-30".to_owned());
        let err = <CalendarDate as Lift<crate::UniFfiTag>>::try_lift(bad).unwrap_err();
        let typed = err.downcast::<WijknetError>().expect("a WijknetError, so calls return it typed");
        assert_eq!(typed.problems()[0].path, "$");
        assert_eq!(typed.problems()[0].reason, "expected a calendar date `YYYY-MM-DD`, found other text");
    }

    #[test]
    fn locations_are_checked() {
        assert!(location("7511AB").is_ok() && location("7511").is_ok());
        assert_eq!(location("75").unwrap_err().problems()[0].path, "$.location");
    }
}
