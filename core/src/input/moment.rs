//! An instant read straight into nanoseconds since the epoch ([`Moment`]), so that a record's
//! instants are 8 bytes each in its wire struct instead of a text of 24, and are never handed
//! back as a `DateTime` through memory to be turned into nanoseconds after (issue 12: a
//! consent store has three or four instants in each of a region's 450,000 records).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::Checker;
use super::check::instant_in_years;

/// An RFC 3339 instant as read: its nanoseconds since the epoch, or a mark that the text was
/// not an instant in the supported years ([`Checker::moment`] reports it where it stands, in
/// the words of [`Checker::instant`]). Every instant of the supported years (1900 to 2199) is
/// exact in an `i64` of nanoseconds. Reads as a JSON string, with the errors a text has.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Moment(i64);

impl Moment {
    /// Not an instant: no instant of the supported years is this far back.
    const NONE: i64 = i64::MIN;
}

impl Checker<'_> {
    /// An instant as read: its nanoseconds since the epoch, or its problem.
    pub fn moment(&mut self, path: impl fmt::Display, m: Moment) -> Option<i64> {
        if m.0 == Moment::NONE {
            self.not_an_instant(path);
            None
        } else {
            Some(m.0)
        }
    }
}

/// Written as the instant in RFC 3339 (so that a schema can show a field's default, as for
/// [`super::Text`]); `null` when it was not an instant.
impl serde::Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Moment::NONE => s.serialize_none(),
            n => s.serialize_str(
                &chrono::DateTime::from_timestamp_nanos(n).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = Moment;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Moment, E> {
                let nanos = instant_in_years(v).and_then(|t| t.timestamp_nanos_opt());
                Ok(Moment(nanos.unwrap_or(Moment::NONE)))
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Problems;

    /// The same instants, and the same problem, as the text read by `Checker::instant`.
    #[test]
    fn a_moment_is_the_instant_of_its_text() {
        let texts = [
            "2026-11-20T08:00:00Z",
            "2026-11-20T08:00:00.25+01:00",
            "1900-01-01T00:00:00Z",
            "1899-12-31T23:59:59Z",
            "2199-12-31T23:59:59.999999999Z",
            "2200-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-20",
            "",
        ];
        for text in texts {
            let m: Moment = serde_json::from_value(serde_json::json!(text)).unwrap();
            let (mut a, mut b) = (Problems::new(), Problems::new());
            let t = Checker { problems: &mut a }.instant("$.t", text);
            let n = Checker { problems: &mut b }.moment("$.t", m);
            assert_eq!(t.map(|t| t.timestamp_nanos_opt().unwrap()), n, "{text}");
            assert_eq!(a.into_vec(), b.into_vec(), "{text}");
        }
        assert!(serde_json::from_str::<Moment>("1").is_err());
    }
}
