//! The one input layer: every document and request (registry, agreements, consent store,
//! consent request, match request and options, capacity update, referral events) is read here.
//!
//! Reading has two steps, the same for every input:
//!
//! 1. [`read`] / [`read_document`]: one strict pass over the JSON text into the input's wire
//!    shape (codes, ids and dates still text). Malformed JSON, a wrong type, a duplicate key, an
//!    array where an object belongs or a bound of [`crate::limits`] stops here with one error
//!    and its `$`-rooted path. [`read_values`] / [`read_document_values`] make the same pass over
//!    values instead of text (a host language's dicts and lists, through any serde
//!    `Deserializer`), so a binding gives the same answer and the same errors for both.
//! 2. A [`Checker`] walks the wire shape in document order and turns it into domain values,
//!    collecting every problem (path and reason) so the author sees them all at once.
//!
//! No message of either step repeats a value of the input: each says what was expected, where.
//! Ids that a message must name to be useful are cut to [`crate::limits::SHOWN_ID_PREFIX`]
//! characters.

mod check;
mod code_list;
mod moment;
mod path;
mod strict;
mod text;

use std::fmt;

use serde::de::DeserializeOwned;

pub(crate) use check::{Checker, thousands};
pub(crate) use code_list::CodeList;
pub(crate) use moment::Moment;
pub(crate) use path::Seg;
use strict::{Bounds, Failure, State, Strict};
pub(crate) use text::Text;

use crate::error::{Error, Result};
use crate::limits::{MAX_DOCUMENT_BYTES, MAX_LIST_ITEMS, MAX_TEXT_BYTES, SHOWN_ID_PREFIX};

pub(crate) const SHOWN_PREFIX: usize = SHOWN_ID_PREFIX;

const BOUNDS: Bounds = Bounds { max_items: MAX_LIST_ITEMS, max_text: MAX_TEXT_BYTES };

/// Whether text has the shape of a record id (`A-Z a-z 0-9 . _ : -`), the only input text a
/// message may repeat (cut short, and only when it does not [`looks_personal`]).
pub fn is_id_text(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// Whether id-shaped text may carry personal data: a run of six or more digits (a citizen
/// service number, a date of birth written `20110901` or `010911`), a date written with dashes,
/// or a capitalised word (an uppercase letter followed by a lowercase one: `Jantje`, `PietersenJ`),
/// which is how names are written while record ids are lowercase (`team-b1`) or codes (`AGB-0123`).
pub fn looks_personal(s: &str) -> bool {
    let b = s.as_bytes();
    if b.windows(2).any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_lowercase()) {
        return true;
    }
    let mut run = 0;
    for &c in b {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 6 {
            return true;
        }
    }
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let dash = |i: usize| b.get(i) == Some(&b'-');
    (0..b.len()).any(|i| {
        let ymd = (0..4).all(|k| digit(i + k)) && dash(i + 4) && digit(i + 5) && digit(i + 6) && dash(i + 7);
        let dmy =
            digit(i) && digit(i + 1) && dash(i + 2) && digit(i + 3) && digit(i + 4) && dash(i + 5) && digit(i + 6);
        ymd || dmy
    })
}

/// Input text as a message may show it: an id-shaped text in backticks, cut to a short prefix;
/// anything else not at all, nor an id that [`looks_personal`] (a citizen service number or a
/// date of birth typed into an id field must not reach a log).
#[derive(Clone, Copy)]
pub(crate) struct Shown<'a>(&'a str);

/// See [`Shown`].
pub(crate) fn shown(s: &str) -> Shown<'_> {
    Shown(s)
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !is_id_text(self.0) || looks_personal(self.0) {
            return f.write_str("(not shown)");
        }
        match self.0.char_indices().nth(SHOWN_PREFIX) {
            None => write!(f, "`{}`", self.0),
            Some((cut, _)) => write!(f, "`{}…`", &self.0[..cut]),
        }
    }
}

fn too_large(document: &'static str, len: usize) -> Option<Error> {
    (len > MAX_DOCUMENT_BYTES).then(|| Error::Json {
        document,
        path: "$".into(),
        message: format!("document of {len} bytes is larger than the limit of {MAX_DOCUMENT_BYTES} bytes"),
    })
}

fn json_error(document: &'static str, state: &State, e: impl fmt::Display) -> Error {
    let Failure { path, reason } = state.take().unwrap_or_else(|| Failure { path: "$".into(), reason: e.to_string() });
    Error::Json { document, path, message: reason }
}

/// Reads JSON text strictly into `T` (see the module documentation).
pub(crate) fn read<'de, T: serde::Deserialize<'de>>(bytes: &'de [u8], document: &'static str) -> Result<T> {
    if let Some(e) = too_large(document, bytes.len()) {
        return Err(e);
    }
    let state = State::new(BOUNDS);
    // Valid UTF-8 (every honest document) is checked once here, at memory speed, instead of string
    // by string; only a document that is not is read from the bytes, so that its error still
    // names the string where the bad byte stands.
    let out = match std::str::from_utf8(bytes) {
        Ok(text) => strict_read(serde_json::Deserializer::from_str(text), &state),
        Err(_) => strict_read(serde_json::Deserializer::from_slice(bytes), &state),
    };
    out.map_err(|e| json_error(document, &state, e))
}

fn strict_read<'de, T: serde::Deserialize<'de>, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    state: &State,
) -> std::result::Result<T, serde_json::Error> {
    T::deserialize(Strict::new(&mut de, &Seg::Root, state)).and_then(|v| de.end().map(|()| v))
}

/// Reads a part of a document that was kept as a JSON value (the kind-dependent terms of an
/// agreement) strictly into `T`; problems are reported at `at` + their path inside the value.
pub(crate) fn read_value<T: DeserializeOwned>(value: &serde_json::Value, at: &str) -> std::result::Result<T, Failure> {
    let state = State::new(BOUNDS);
    T::deserialize(Strict::new(value, &Seg::Root, &state)).map_err(|e| {
        let mut f = state.take().unwrap_or_else(|| Failure { path: "$".into(), reason: e.to_string() });
        f.path = format!("{at}{}", &f.path[1..]);
        f
    })
}

/// Reads `T` strictly from any serde deserializer (for a `Deserialize` impl that must read the
/// same way as [`read`]); problems are reported at their `$`-rooted path.
pub(crate) fn read_from<'de, T: serde::Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<T, Failure> {
    let state = State::new(BOUNDS);
    T::deserialize(Strict::new(d, &Seg::Root, &state))
        .map_err(|e| state.take().unwrap_or_else(|| Failure { path: "$".into(), reason: e.to_string() }))
}

/// Reads values strictly into `T` as [`read`] reads JSON text: the values are whatever `values`
/// deserializes (a binding's deserializer over its host language's dicts, lists, texts and
/// numbers), every value is asked for with `deserialize_any` (or `deserialize_option`), and the
/// errors are the same, with the same paths. An error of the deserializer itself (a host value
/// JSON cannot hold) is reported at the path of that value, worded as the deserializer words it:
/// it must say what was expected and at most what kind of value was found, never the value.
/// There is no size limit in bytes (values have none); lists and texts are bounded as in text.
pub(crate) fn read_values<'de, T: serde::Deserialize<'de>, D: serde::Deserializer<'de>>(
    values: D,
    document: &'static str,
) -> Result<T> {
    read_from(values).map_err(|Failure { path, reason }| Error::Json { document, path, message: reason })
}

/// A document with a `schema` tag, so [`read_document`] can check it after one read.
pub(crate) trait SchemaTagged {
    /// The document's `schema` field.
    fn schema_tag(&self) -> &str;
}

/// Reads a versioned document and checks its `schema` tag. A wrong or missing tag is the more
/// useful error, so when the read fails the tag alone is looked at before the read's error is
/// reported.
pub(crate) fn read_document<'de, T: serde::Deserialize<'de> + SchemaTagged>(
    bytes: &'de [u8],
    document: &'static str,
    schema: &'static str,
) -> Result<T> {
    checked_schema(read::<T>(bytes, document), document, schema, || serde_json::from_slice::<Probe>(bytes).ok())
}

/// [`read_document`] over values (see [`read_values`]); `values` is cloned to look at the tag
/// alone when the read fails.
pub(crate) fn read_document_values<'de, T, D>(values: D, document: &'static str, schema: &'static str) -> Result<T>
where
    T: serde::Deserialize<'de> + SchemaTagged,
    D: serde::Deserializer<'de> + Clone,
{
    let read = read_values::<T, D>(values.clone(), document);
    checked_schema(read, document, schema, || <Probe as serde::Deserialize>::deserialize(values).ok())
}

/// A document's `schema` alone (any other key is skipped unread).
#[derive(serde::Deserialize)]
struct Probe {
    schema: Option<serde_json::Value>,
}

fn checked_schema<T: SchemaTagged>(
    read: Result<T>,
    document: &'static str,
    schema: &'static str,
    probe: impl FnOnce() -> Option<Probe>,
) -> Result<T> {
    let schema_error = |found: &str| Error::Schema { document, found: schema_shown(found), expected: schema };
    match read {
        Ok(doc) if doc.schema_tag() == schema => Ok(doc),
        Ok(doc) => Err(schema_error(doc.schema_tag())),
        Err(e) => match probe() {
            Some(Probe { schema: Some(serde_json::Value::String(s)) }) if s == schema => Err(e),
            Some(Probe { schema: Some(serde_json::Value::String(s)) }) => Err(schema_error(&s)),
            Some(Probe { schema: _ }) => Err(schema_error("")),
            None => Err(e),
        },
    }
}

/// A schema tag as an error may repeat it: tags look like `wijknet.registry/v1`; anything else
/// is not shown.
pub(crate) fn schema_shown(found: &str) -> String {
    let tag_like = found.len() <= 64
        && !looks_personal(found)
        && found
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'/' | b'_' | b'-'));
    if tag_like { found.to_owned() } else { "(not shown)".to_owned() }
}

#[cfg(test)]
mod tests;

/// Parameters of a call (not documents) are checked where they enter, with the same words.
pub(crate) mod param {
    use chrono::{DateTime, Datelike, NaiveDate, Utc};

    use crate::error::{Error, Problem, Result};
    use crate::limits::{MAX_YEAR, MIN_YEAR};

    fn refuse(document: &'static str, name: &str, reason: String) -> Error {
        Error::Invalid { document, problems: vec![Problem { path: format!("$.{name}"), reason }] }
    }

    /// An instant within the supported years (date arithmetic stays far from chrono's edges).
    pub fn instant(document: &'static str, name: &str, t: DateTime<Utc>) -> Result<()> {
        if (MIN_YEAR..=MAX_YEAR).contains(&t.year()) {
            Ok(())
        } else {
            Err(refuse(document, name, format!("expected an instant in the years {MIN_YEAR} to {MAX_YEAR}")))
        }
    }

    /// A date within the supported years.
    pub fn date(document: &'static str, name: &str, d: NaiveDate) -> Result<()> {
        if (MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
            Ok(())
        } else {
            Err(refuse(document, name, format!("expected a date in the years {MIN_YEAR} to {MAX_YEAR}")))
        }
    }

    /// A count or duration of at most `max` `unit`.
    pub fn at_most(document: &'static str, name: &str, n: u64, max: u64, unit: &str) -> Result<()> {
        if n <= max {
            Ok(())
        } else {
            Err(refuse(document, name, format!("expected at most {} {unit}", super::thousands(max))))
        }
    }
}
