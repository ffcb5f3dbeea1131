//! The checker every validator uses: parses one value of a wire shape, records a problem at its
//! path when it is wrong, and never repeats the value in the reason.
//!
//! Paths are `Display` values (usually `format_args!`), so text is built only for a problem.
//! Validators walk their document in document order, so the problems come out in that order.

use std::collections::HashSet;
use std::fmt::Display;

use chrono::format::{Item, Numeric, Pad, Parsed, parse};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};

use super::shown;
use crate::codes::{Code, CodeSet, UnknownCode};
use crate::error::Problems;
use crate::ids::Id;
use crate::limits::{MAX_YEAR, MIN_YEAR};

/// See the module documentation.
pub(crate) struct Checker<'p> {
    pub problems: &'p mut Problems,
}

/// A bound as a message writes it: with thousands separators (`4,294,967,295`), so that no message
/// holds a long run of digits (which is what a citizen service number looks like in a log).
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `%Y-%m-%d` and `%H:%M` as chrono reads them, compiled once: `parse_from_str` re-reads the
/// format text on every call, which was a visible part of loading a national registry (two times
/// per contact person, a date per capacity). The test below holds them equal to the format text.
const DATE_ITEMS: [Item<'static>; 5] = [
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
];
const TIME_ITEMS: [Item<'static>; 3] =
    [Item::Numeric(Numeric::Hour, Pad::Zero), Item::Literal(":"), Item::Numeric(Numeric::Minute, Pad::Zero)];

fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, s, DATE_ITEMS.iter()).ok()?;
    parsed.to_naive_date().ok()
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    let mut parsed = Parsed::new();
    parse(&mut parsed, s, TIME_ITEMS.iter()).ok()?;
    parsed.to_naive_time().ok()
}

/// An instant written as every document wijknet writes them, `YYYY-MM-DDTHH:MM:SSZ`, read
/// without chrono's general RFC 3339 parser (a consent store has three or four per record, 1.4
/// million in a region's store). Anything else (a fraction, an offset, a leap second, lowercase
/// letters, an impossible date) is `None` and goes to chrono, so the two always agree; the test
/// below holds them equal.
fn utc_seconds(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let shape = b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z';
    if !shape {
        return None;
    }
    let number = |from: usize, to: usize| {
        b[from..to].iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let second = number(17, 19).filter(|&s| s < 60)?;
    let date = NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 7)?, number(8, 10)?)?;
    let time = NaiveTime::from_hms_opt(number(11, 13)?, number(14, 16)?, second)?;
    Some(date.and_time(time).and_utc())
}

/// An RFC 3339 instant within the supported years, if `s` is one.
pub(super) fn instant_in_years(s: &str) -> Option<DateTime<Utc>> {
    utc_seconds(s).or_else(|| DateTime::parse_from_rfc3339(s).ok().map(|t| t.to_utc())).filter(|t| year_ok(t.year()))
}

fn year_ok(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

impl Checker<'_> {
    /// Records a problem.
    pub fn push(&mut self, path: impl Display, reason: impl Display) {
        self.problems.push(path.to_string(), reason.to_string());
    }

    /// `Ok` passes; `Err` is recorded at `path`.
    pub fn record<T, E: Display>(&mut self, path: impl Display, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(path, e);
                None
            }
        }
    }

    /// A record id.
    pub fn id(&mut self, path: impl Display, s: &str) -> Option<Id> {
        self.record(path, Id::parse(s))
    }

    /// A record id that is only looked up: whether it is valid ([`Checker::id`] without the
    /// value).
    pub fn id_text(&mut self, path: impl Display, s: &str) -> Option<()> {
        self.record(path, Id::check(s))
    }

    /// A code.
    pub fn code<T>(&mut self, path: impl Display, r: Result<T, UnknownCode>) -> Option<T> {
        self.record(path, r)
    }

    /// A list of codes of one kind, each at most once.
    pub fn codes<T: Code, S: std::ops::Deref<Target = str>>(
        &mut self,
        path: impl Display + Copy,
        list: &[S],
        parse: impl Fn(&str) -> Result<T, UnknownCode>,
    ) -> CodeSet<T> {
        let mut set = CodeSet::empty();
        for (i, s) in list.iter().enumerate() {
            if let Some(c) = self.code(format_args!("{path}[{i}]"), parse(s)) {
                if set.contains(c) {
                    self.push(format_args!("{path}[{i}]"), format_args!("duplicate code `{}`", &**s));
                }
                set.insert(c);
            }
        }
        set
    }

    /// A list of typed codes (from a host's own enum values): each at most once.
    pub fn typed_codes<T: Code + Display>(&mut self, path: impl Display + Copy, list: &[T]) -> CodeSet<T> {
        let mut set = CodeSet::empty();
        for (i, &c) in list.iter().enumerate() {
            if set.contains(c) {
                self.push(format_args!("{path}[{i}]"), format_args!("duplicate code `{c}`"));
            }
            set.insert(c);
        }
        set
    }

    /// A typed date (from a host's own date value) within the supported years.
    pub fn date_value(&mut self, path: impl Display, d: NaiveDate) -> Option<NaiveDate> {
        if year_ok(d.year()) {
            Some(d)
        } else {
            self.push(path, format_args!("expected a date in the years {MIN_YEAR} to {MAX_YEAR}"));
            None
        }
    }

    /// A typed instant (from a host's own instant value) within the supported years.
    pub fn instant_value(&mut self, path: impl Display, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if year_ok(t.year()) {
            Some(t)
        } else {
            self.push(path, format_args!("expected an instant in the years {MIN_YEAR} to {MAX_YEAR}"));
            None
        }
    }

    /// A count or duration a host gives as a signed number: 0 to `max`.
    pub fn count(&mut self, path: impl Display, n: i64, max: u64, unit: &str) -> Option<u64> {
        match u64::try_from(n) {
            Ok(n) => self.at_most(path, n, max, unit),
            Err(_) => {
                self.push(path, format_args!("expected 0 or more {unit}"));
                None
            }
        }
    }

    /// A list of distinct record ids: membership by a set, so a long list costs linear time.
    /// `Some` only when every entry is a valid, new id.
    pub fn ids<S: std::ops::Deref<Target = str>>(
        &mut self,
        path: impl Display + Copy,
        list: &[S],
        max: usize,
    ) -> Option<Vec<Id>> {
        if !self.bounded(path, list.len(), max) {
            return None;
        }
        let mut ok = true;
        let mut seen: HashSet<&str> = HashSet::with_capacity(list.len());
        let mut out = Vec::with_capacity(list.len());
        for (i, s) in list.iter().enumerate() {
            match self.id(format_args!("{path}[{i}]"), s) {
                Some(id) if !seen.insert(&**s) => {
                    self.push(format_args!("{path}[{i}]"), format_args!("duplicate id {}", shown(id.as_str())));
                    ok = false;
                }
                Some(id) => out.push(id),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// A list within a record may hold at most `max` entries; records a problem and answers
    /// `false` beyond that, so the caller skips the list instead of working through it.
    pub fn bounded(&mut self, path: impl Display, len: usize, max: usize) -> bool {
        if len > max {
            self.push(path, format_args!("{len} entries, more than the limit of {max}"));
            false
        } else {
            true
        }
    }

    /// A calendar date `YYYY-MM-DD` within the supported years.
    pub fn date(&mut self, path: impl Display, s: &str) -> Option<NaiveDate> {
        match parse_date(s) {
            Some(d) if year_ok(d.year()) => Some(d),
            _ => {
                self.push(path, format_args!("expected a date `YYYY-MM-DD` in the years {MIN_YEAR} to {MAX_YEAR}"));
                None
            }
        }
    }

    /// An RFC 3339 instant within the supported years.
    pub fn instant(&mut self, path: impl Display, s: &str) -> Option<DateTime<Utc>> {
        let t = instant_in_years(s);
        if t.is_none() {
            self.not_an_instant(path);
        }
        t
    }

    /// The problem of a text that is not an RFC 3339 instant within the supported years.
    pub fn not_an_instant(&mut self, path: impl Display) {
        self.push(
            path,
            format_args!(
                "expected an RFC 3339 instant such as `2026-11-20T08:00:00Z` in the years {MIN_YEAR} to {MAX_YEAR}"
            ),
        );
    }

    /// A local time of day `HH:MM`; `24:00` (the end of a day) only where `end_of_day` allows it,
    /// read as the day's last second.
    pub fn time(&mut self, path: impl Display, s: &str, end_of_day: bool) -> Option<NaiveTime> {
        if end_of_day && s == "24:00" {
            return NaiveTime::from_hms_opt(23, 59, 59);
        }
        match parse_time(s) {
            Some(t) => Some(t),
            None => {
                let expected =
                    if end_of_day { "expected a time `HH:MM` (or `24:00`)" } else { "expected a time `HH:MM`" };
                self.push(path, expected);
                None
            }
        }
    }

    /// Free text that must say something and stay short.
    pub fn text(&mut self, path: impl Display, s: &str, max: usize) {
        if s.trim().is_empty() {
            self.push(path, "must not be empty");
        } else if s.chars().count() > max {
            self.push(path, format_args!("longer than {max} characters"));
        }
    }

    /// A count or duration parameter: at most `max`.
    pub fn at_most(&mut self, path: impl Display, n: u64, max: u64, unit: &str) -> Option<u64> {
        if n > max {
            self.push(path, format_args!("expected at most {} {unit}", thousands(max)));
            None
        } else {
            Some(n)
        }
    }
}

#[cfg(test)]
mod thousands_tests {
    #[test]
    fn thousands_separate_every_third_digit() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(87_840), "87,840");
        assert_eq!(super::thousands(4_294_967_295), "4,294,967,295");
        assert_eq!(super::thousands(i64::MAX.unsigned_abs()), "9,223,372,036,854,775,807");
    }
}

#[cfg(test)]
mod tests {
    use chrono::format::StrftimeItems;
    use chrono::{NaiveDate, NaiveTime};

    use super::{DATE_ITEMS, TIME_ITEMS, parse_date, parse_time, utc_seconds};

    #[test]
    fn compiled_formats_are_the_format_texts() {
        assert_eq!(StrftimeItems::new("%Y-%m-%d").collect::<Vec<_>>(), DATE_ITEMS);
        assert_eq!(StrftimeItems::new("%H:%M").collect::<Vec<_>>(), TIME_ITEMS);
        for s in ["2026-11-26", "2026-1-2", "+2026-11-26", " 2026-11-26", "2026-02-30", "2026-11-26 ", "20261126", ""] {
            assert_eq!(parse_date(s), NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(), "{s:?}");
        }
        for s in ["08:30", "8:30", "24:00", "23:59", "08:60", " 08:30", "08:30:00", "0830", ":"] {
            assert_eq!(parse_time(s), NaiveTime::parse_from_str(s, "%H:%M").ok(), "{s:?}");
        }
    }

    #[test]
    fn the_short_way_to_an_instant_agrees_with_chrono() {
        let chrono = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.to_utc());
        let read = ["2026-11-20T08:00:00Z", "1900-01-01T00:00:00Z", "2199-12-31T23:59:59Z", "2024-02-29T12:30:45Z"];
        for s in read {
            assert!(utc_seconds(s).is_some(), "{s:?}");
            assert_eq!(utc_seconds(s), chrono(s), "{s:?}");
        }
        // Left to chrono (`None` here), whatever chrono makes of them.
        let left = [
            "2026-11-20T08:00:60Z",
            "2025-02-29T08:00:00Z",
            "2026-13-01T08:00:00Z",
            "2026-11-31T08:00:00Z",
            "2026-11-20T24:00:00Z",
            "2026-11-20T08:60:00Z",
            "2026-11-20t08:00:00Z",
            "2026-11-20T08:00:00z",
            "2026-11-20 08:00:00Z",
            "2026-11-20T08:00:00.5Z",
            "2026-11-20T08:00:00+01:00",
            "+2026-11-20T08:00:00Z",
            "2026-11-2xT08:00:00Z",
            "-026-11-20T08:00:00Z",
            "2026-11-20T08:00:00",
            "",
        ];
        for s in left {
            assert_eq!(utc_seconds(s), None, "{s:?}");
        }
        // Every second of a day and every day of eight years (leap years, month ends).
        let mut t = chrono("2023-12-31T00:00:00Z").unwrap();
        let end = chrono("2032-01-02T00:00:00Z").unwrap();
        while t < end {
            let s = t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
            assert_eq!(utc_seconds(&s), Some(t), "{s:?}");
            t += if t < chrono("2024-01-01T00:00:00Z").unwrap() {
                chrono::Duration::seconds(1)
            } else {
                chrono::Duration::hours(7)
            };
        }
    }
}
