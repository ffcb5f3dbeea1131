//! How values are written in wijknet's JSON documents and answers: the one text form of an
//! instant, a date and a clock time, and the serde helpers that write a field in it. Every domain
//! module (registry, matching, agreements, referral, consent) writes through these, so the same
//! value has the same text everywhere and every binding can reproduce it. The reading side is the
//! input layer ([`crate::input`]).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Timelike, Utc};
use serde::{Serialize, Serializer};

use crate::codes::{Code, CodeSet};
use crate::registry::{ContactDoc, ContactPerson, contact_doc};

/// RFC 3339 in UTC with `Z`, seconds, and only as many fraction digits as needed: the canonical
/// instant form of every wijknet document.
pub(crate) fn instant_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A clock time as `HH:MM`.
pub(crate) fn clock_text(t: NaiveTime) -> String {
    // By hand: chrono's formatter reads its pattern on every call, and a registry writes a
    // clock per contact hour.
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// An instant in [`instant_text`] form.
pub(crate) fn ser_instant<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&instant_text(t))
}

/// An optional instant in [`instant_text`] form, `null` when absent.
pub(crate) fn ser_opt_instant<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => ser_instant(t, s),
        None => s.serialize_none(),
    }
}

/// A value as its `Display` text.
pub(crate) fn ser_display<S: Serializer, T: std::fmt::Display>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A value serialised as its text (for hand-written `Serialize` impls, where `serialize_with`
/// is not available).
pub(crate) struct Shown<'a, T: std::fmt::Display>(pub &'a T);

impl<T: std::fmt::Display> Serialize for Shown<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// A code set as a list of codes in stable order.
pub(crate) fn ser_codes<S: Serializer, T: Code + Serialize>(set: &CodeSet<T>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(set.iter())
}

/// A code set from the list [`ser_codes`] writes (answers read back: pickles, saved results).
pub(crate) fn de_codes<'de, D: serde::Deserializer<'de>, T: Code + serde::Deserialize<'de>>(
    d: D,
) -> Result<CodeSet<T>, D::Error> {
    Ok(<Vec<T> as serde::Deserialize>::deserialize(d)?.into_iter().collect())
}

/// An answer (`what`: what `to_json` writes, e.g. "a what-if result") read back from the JSON
/// its `to_json` wrote: for a host that saved it, and for Python's pickle. The error says where
/// the text stopped matching, never a value from it.
pub(crate) fn answer_from_json<T: serde::de::DeserializeOwned>(
    document: &'static str,
    what: &str,
    text: &str,
) -> crate::error::Result<T> {
    serde_json::from_str(text).map_err(|e| crate::error::Error::Json {
        document,
        path: "$".into(),
        message: format!("expected {what} as `to_json` writes it (line {}, column {})", e.line(), e.column()),
    })
}

/// [`answer_from_json`], read as strictly as any document ([`crate::input::read`]: duplicate
/// keys, wrong types and unknown codes refused), so that the error names the path where the text
/// stopped matching (`$.candidates[0].rank`) and what was expected there, never a value. The
/// match result and the consent answers read this way. The older answers (what-if, referral
/// summary, monitoring) still read through [`answer_from_json`]: monitoring has maps keyed by
/// numbers, which the strict reader does not read (its keys are text).
pub(crate) fn answer_from_json_strict<T: serde::de::DeserializeOwned>(
    document: &'static str,
    what: &str,
    text: &str,
) -> crate::error::Result<T> {
    crate::input::read::<T>(text.as_bytes(), document).map_err(|e| match e {
        crate::error::Error::Json { document, path, message } => crate::error::Error::Json {
            document,
            path,
            message: format!("expected {what} as `to_json` writes it: {message}"),
        },
        other => other,
    })
}

/// A contact person from the form [`ser_contact`] writes (`null`: none), checked as the registry
/// checks a contact: an answer read back holds no contact a registry would refuse. A problem is
/// reported at the contact, with the path inside it.
pub(crate) fn de_contact<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Arc<ContactPerson>>, D::Error> {
    let Some(doc) = <Option<ContactDoc> as serde::Deserialize>::deserialize(d)? else {
        return Ok(None);
    };
    let mut problems = crate::error::Problems::new();
    let person = crate::input::Checker { problems: &mut problems }.contact("$", &doc);
    match (problems.into_vec().into_iter().next(), person) {
        (None, Some(person)) => Ok(Some(Arc::new(person))),
        (Some(p), _) => Err(serde::de::Error::custom(format_args!(
            "expected a contact as the registry writes it (at `{}`: {})",
            p.path, p.reason
        ))),
        (None, None) => Err(serde::de::Error::custom("expected a contact as the registry writes it")),
    }
}

/// A contact person as the registry document writes it, `null` when absent.
pub(crate) fn ser_contact<S: Serializer>(c: &Option<Arc<ContactPerson>>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => contact_doc(c).serialize(s),
        None => s.serialize_none(),
    }
}
