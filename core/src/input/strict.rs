//! Strict JSON reading: one pass over the text with the path of every value known, refusing what
//! serde and serde_json would otherwise let through from another organisation's document.
//!
//! [`Strict`] wraps any serde [`Deserializer`] (the streaming one over bytes, or a
//! `serde_json::Value` for the kind-dependent parts of a document) and
//!
//! - refuses duplicate keys (serde keeps the last one silently) and arrays where an object
//!   belongs (serde's derive accepts a struct as a positional array);
//! - keeps the path of the value being read as a chain of stack frames, so text is only built
//!   when something fails;
//! - bounds what one document can make us hold: items per list, bytes per text;
//! - words every failure itself. The wrapped deserializer is only ever asked for
//!   `deserialize_any`, so it never formats a wrong value into a message (serde_json's
//!   ``invalid type: integer `111222333` ``): the value reaches our visitor wrapper, and the
//!   target type's complaint is raised with [`Reason`], whose messages say what was expected and
//!   what kind of value was found, never the value.
//!
//! The first failure wins: it is recorded with its path in the shared [`State`], and every
//! enclosing level only passes an empty error up.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Expected, MapAccess, SeqAccess, Unexpected, Visitor};

use super::path::Seg;
use super::shown;

/// Bounds of one strict read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    /// Items in one JSON array, entries in one JSON object.
    pub max_items: usize,
    /// Bytes in one JSON string (keys included).
    pub max_text: usize,
}

/// The first failure of a read: where, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub path: String,
    pub reason: String,
}

/// Shared by every level of one read.
pub(crate) struct State {
    bounds: Bounds,
    failure: RefCell<Option<Failure>>,
}

impl State {
    pub fn new(bounds: Bounds) -> Self {
        Self { bounds, failure: RefCell::new(None) }
    }

    fn record(&self, path: &Seg<'_>, reason: impl fmt::Display) -> Reason {
        let mut slot = self.failure.borrow_mut();
        if slot.is_none() {
            *slot = Some(Failure { path: path.to_string(), reason: reason.to_string() });
        }
        Reason::recorded()
    }

    /// An error from the wrapped deserializer (a syntax error, or an inner failure already
    /// recorded): keep the first.
    fn absorb(&self, path: &Seg<'_>, e: impl fmt::Display) -> Reason {
        self.record(path, e)
    }

    /// A failure of the target type at `path`, unless a deeper level recorded one already.
    fn fail<E: de::Error>(&self, path: &Seg<'_>, r: Reason) -> E {
        if !r.recorded {
            self.record(path, &r.text);
        }
        E::custom("")
    }

    pub fn take(&self) -> Option<Failure> {
        self.failure.borrow_mut().take()
    }
}

/// The error that target types raise while reading through [`Strict`]: worded here, so no
/// value of the input ever reaches a message.
#[derive(Debug)]
pub(crate) struct Reason {
    text: String,
    /// Already recorded in the [`State`] by a deeper level.
    recorded: bool,
}

impl Reason {
    fn new(text: impl Into<String>) -> Self {
        Self { text: text.into(), recorded: false }
    }
    fn recorded() -> Self {
        Self { text: String::new(), recorded: true }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for Reason {}

/// What kind of value was found, without the value.
fn kind(u: &Unexpected<'_>) -> &'static str {
    match u {
        Unexpected::Bool(_) => "a boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "an integer",
        Unexpected::Float(_) => "a number with a fraction",
        Unexpected::Char(_) | Unexpected::Str(_) => "a string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit => "null",
        Unexpected::Option => "an optional value",
        Unexpected::NewtypeStruct => "a wrapped value",
        Unexpected::Seq => "an array",
        Unexpected::Map => "an object",
        Unexpected::Enum | Unexpected::UnitVariant => "a variant",
        Unexpected::NewtypeVariant | Unexpected::TupleVariant | Unexpected::StructVariant => "a variant",
        Unexpected::Other(_) => "another kind of value",
    }
}

/// serde names Rust primitives in its expectations (`u32`, `a string`); say them as a document
/// author reads them. Large bounds are written with thousands separators, so that no message holds
/// a long run of digits (which is what a citizen service number looks like in a log).
struct Expect<'a>(&'a dyn Expected);

impl fmt::Display for Expect<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let raw = self.0.to_string();
        let said = match raw.as_str() {
            "u8" => "a whole number from 0 to 255",
            "u16" => "a whole number from 0 to 65,535",
            "u32" => "a whole number from 0 to 4,294,967,295",
            "u64" => "a whole number from 0 to 18,446,744,073,709,551,615",
            "i32" | "i64" => "a whole number",
            "f32" | "f64" => "a number",
            "a boolean" => "`true` or `false`",
            _ => return f.write_str(&raw),
        };
        f.write_str(said)
    }
}

fn one_of(list: &[&str]) -> String {
    if list.is_empty() {
        return "nothing here".to_owned();
    }
    let names: Vec<String> = list.iter().map(|n| format!("`{n}`")).collect();
    format!("one of {}", names.join(", "))
}

impl de::Error for Reason {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Reason::new(msg.to_string())
    }
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        Reason::new(format!("expected {}, found {}", Expect(exp), kind(&unexp)))
    }
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        let what = match unexp {
            Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => "number out of range",
            _ => "invalid value",
        };
        Reason::new(format!("{what}: expected {}", Expect(exp)))
    }
    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        Reason::new(format!("expected {}, found {len} items", Expect(exp)))
    }
    fn unknown_variant(_variant: &str, expected: &'static [&'static str]) -> Self {
        Reason::new(format!("unknown variant: expected {}", one_of(expected)))
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Reason::new(format!("unknown field {}: expected {}", shown(field), one_of(expected)))
    }
    fn missing_field(field: &'static str) -> Self {
        Reason::new(format!("missing field `{field}`"))
    }
    fn duplicate_field(field: &'static str) -> Self {
        Reason::new(format!("duplicate field `{field}`"))
    }
}

/// A deserializer that reads strictly; see the module documentation.
pub(crate) struct Strict<'p, D> {
    de: D,
    path: &'p Seg<'p>,
    state: &'p State,
}

impl<'p, D> Strict<'p, D> {
    pub fn new(de: D, path: &'p Seg<'p>, state: &'p State) -> Self {
        Self { de, path, state }
    }

    fn visitor<V>(&self, inner: V, fields: Option<&'static [&'static str]>) -> Wrap<'p, V> {
        Wrap { inner, path: self.path, state: self.state, fields, mode: Mode::Plain }
    }
}

macro_rules! any {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            let v = self.visitor(visitor, None);
            self.de.deserialize_any(v)
        }
    )*};
}

impl<'de, 'p, D: Deserializer<'de>> Deserializer<'de> for Strict<'p, D> {
    type Error = D::Error;

    any! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        // Both serde_json deserializers decide `null` or not without formatting the value.
        let v = self.visitor(visitor, None);
        self.de.deserialize_option(v)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let v = self.visitor(visitor, Some(fields));
        self.de.deserialize_any(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let mut v = self.visitor(visitor, None);
        v.mode = Mode::Enum;
        self.de.deserialize_any(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.deserialize_any(visitor)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Plain,
    /// The target is an enum: a string names a unit variant.
    Enum,
}

/// Wraps the target type's visitor: values reach it with [`Reason`] as their error type.
struct Wrap<'p, V> {
    inner: V,
    path: &'p Seg<'p>,
    state: &'p State,
    /// Field names when the target is a struct (so duplicates are found by bit, not by text).
    fields: Option<&'static [&'static str]>,
    mode: Mode,
}

impl<'p, V> Wrap<'p, V> {
    fn text_ok(&self, s: &str) -> Result<(), Reason> {
        if s.len() > self.state.bounds.max_text {
            Err(Reason::new(format!("text longer than the limit of {} bytes", self.state.bounds.max_text)))
        } else {
            Ok(())
        }
    }
}

macro_rules! forward {
    ($($method:ident($t:ty))*) => {$(
        fn $method<E: de::Error>(self, v: $t) -> Result<Self::Value, E> {
            let (path, state) = (self.path, self.state);
            self.inner.$method::<Reason>(v).map_err(|r| state.fail(path, r))
        }
    )*};
}

impl<'de, 'p, V: Visitor<'de>> Visitor<'de> for Wrap<'p, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward! {
        visit_bool(bool) visit_i64(i64) visit_u64(u64) visit_i128(i128) visit_u128(u128) visit_f64(f64)
        visit_bytes(&[u8]) visit_byte_buf(Vec<u8>) visit_borrowed_bytes(&'de [u8])
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let (path, state) = (self.path, self.state);
        self.text_ok(v).map_err(|r| state.fail::<E>(path, r))?;
        if self.mode == Mode::Enum {
            return self
                .inner
                .visit_enum(de::value::StrDeserializer::<Reason>::new(v))
                .map_err(|r| state.fail(path, r));
        }
        self.inner.visit_str::<Reason>(v).map_err(|r| state.fail(path, r))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        let (path, state) = (self.path, self.state);
        self.text_ok(v).map_err(|r| state.fail::<E>(path, r))?;
        if self.mode == Mode::Enum {
            return self
                .inner
                .visit_enum(de::value::BorrowedStrDeserializer::<Reason>::new(v))
                .map_err(|r| state.fail(path, r));
        }
        self.inner.visit_borrowed_str::<Reason>(v).map_err(|r| state.fail(path, r))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        let (path, state) = (self.path, self.state);
        self.text_ok(&v).map_err(|r| state.fail::<E>(path, r))?;
        if self.mode == Mode::Enum {
            return self
                .inner
                .visit_enum(de::value::StringDeserializer::<Reason>::new(v))
                .map_err(|r| state.fail(path, r));
        }
        self.inner.visit_string::<Reason>(v).map_err(|r| state.fail(path, r))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        let (path, state) = (self.path, self.state);
        self.inner.visit_none::<Reason>().map_err(|r| state.fail(path, r))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        let (path, state) = (self.path, self.state);
        self.inner.visit_unit::<Reason>().map_err(|r| state.fail(path, r))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_some(Strict::new(d, self.path, self.state))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.inner.visit_newtype_struct(Strict::new(d, self.path, self.state))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let (path, state) = (self.path, self.state);
        if self.fields.is_some() {
            return Err(state.fail(path, Reason::new("expected an object, found an array")));
        }
        let wrapped = WrapSeq { seq, path, state, n: 0 };
        self.inner.visit_seq(wrapped).map_err(|r| state.fail(path, r))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let (path, state) = (self.path, self.state);
        let wrapped = WrapMap {
            map,
            path,
            state,
            fields: self.fields,
            key: Cow::Borrowed(""),
            field: None,
            seen_fields: 0,
            next_field: 0,
            seen_keys: Keys::default(),
            n: 0,
        };
        if self.mode == Mode::Enum {
            return self
                .inner
                .visit_enum(de::value::MapAccessDeserializer::new(wrapped))
                .map_err(|r| state.fail(path, r));
        }
        self.inner.visit_map(wrapped).map_err(|r| state.fail(path, r))
    }
}

struct WrapSeed<'p, S> {
    seed: S,
    path: &'p Seg<'p>,
    state: &'p State,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for WrapSeed<'_, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Strict::new(d, self.path, self.state))
    }
}

struct WrapSeq<'p, A> {
    seq: A,
    path: &'p Seg<'p>,
    state: &'p State,
    n: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for WrapSeq<'_, A> {
    type Error = Reason;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Reason> {
        if self.n >= self.state.bounds.max_items {
            return Err(self.state.record(
                self.path,
                format_args!("more than the limit of {} items in one list", self.state.bounds.max_items),
            ));
        }
        let seg = Seg::Index(self.path, self.n);
        let state = self.state;
        let out =
            self.seq.next_element_seed(WrapSeed { seed, path: &seg, state }).map_err(|e| state.absorb(&seg, e))?;
        self.n += 1;
        Ok(out)
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// Keys seen in one object that is not a struct (a map keyed by codes, a raw JSON value). Small
/// objects are scanned; large ones hashed, so a hostile object costs linear time.
#[derive(Default)]
struct Keys<'de> {
    few: Vec<Cow<'de, str>>,
    /// Made only for a large object: every object of a document makes a `Keys`, and a hash
    /// set's random keys are fetched when it is made (issue 12: a consent store has millions of
    /// objects, all of them structs, which never use it).
    many: Option<HashSet<Cow<'de, str>>>,
}

impl<'de> Keys<'de> {
    /// Whether `key` is new.
    fn insert(&mut self, key: Cow<'de, str>) -> bool {
        const FEW: usize = 16;
        let many = match &mut self.many {
            Some(many) => many,
            None => {
                if self.few.contains(&key) {
                    return false;
                }
                if self.few.len() < FEW {
                    self.few.push(key);
                    return true;
                }
                self.many.insert(self.few.drain(..).collect())
            }
        };
        many.insert(key)
    }
}

struct WrapMap<'p, 'de, A> {
    map: A,
    path: &'p Seg<'p>,
    state: &'p State,
    fields: Option<&'static [&'static str]>,
    /// The key whose value is read next.
    key: Cow<'de, str>,
    /// That key as the struct's own field name, when it is one (no copy, no cut in the path).
    field: Option<&'static str>,
    seen_fields: u128,
    /// Where the search for the next key's field starts.
    next_field: usize,
    seen_keys: Keys<'de>,
    n: usize,
}

impl<'de, A: MapAccess<'de>> WrapMap<'_, 'de, A> {
    /// Refuses a key given twice: serde would keep the last one silently.
    fn check_duplicate(&mut self) -> Result<(), Reason> {
        match self.fields {
            Some(fields) => {
                // Unknown keys are refused by the struct itself (`deny_unknown_fields`).
                self.field = None;
                // Documents list a struct's keys in the order it declares them (that is how they
                // are written), so the search starts after the field matched last: one comparison
                // per key instead of half the field list.
                let key: &str = &self.key;
                let start = self.next_field.min(fields.len());
                let found = if fields.get(start).is_some_and(|f| *f == key) {
                    Some(start)
                } else {
                    let (before, after) = fields.split_at(start);
                    after
                        .iter()
                        .position(|f| *f == key)
                        .map(|i| start + i)
                        .or_else(|| before.iter().position(|f| *f == key))
                };
                if let Some(i) = found.filter(|i| *i < 128) {
                    self.next_field = i + 1;
                    self.field = Some(fields[i]);
                    let bit = 1u128 << i;
                    if self.seen_fields & bit != 0 {
                        return Err(self.state.record(self.path, format_args!("duplicate field `{}`", fields[i])));
                    }
                    self.seen_fields |= bit;
                }
                Ok(())
            }
            None => {
                if self.seen_keys.insert(self.key.clone()) {
                    Ok(())
                } else {
                    Err(self.state.record(self.path, format_args!("duplicate key {}", shown(&self.key))))
                }
            }
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WrapMap<'_, 'de, A> {
    type Error = Reason;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Reason> {
        if self.n >= self.state.bounds.max_items {
            return Err(self.state.record(
                self.path,
                format_args!("more than the limit of {} entries in one object", self.state.bounds.max_items),
            ));
        }
        let mut slot = None;
        let state = self.state;
        let key_seed = KeySeed { seed, slot: &mut slot, path: self.path, state };
        let out = self.map.next_key_seed(key_seed).map_err(|e| state.absorb(self.path, e))?;
        if out.is_some() {
            self.key = slot.unwrap_or(Cow::Borrowed(""));
            self.n += 1;
            self.check_duplicate()?;
        }
        Ok(out)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Reason> {
        let seg = match self.field {
            Some(f) => Seg::Key(self.path, f),
            None => Seg::MapKey(self.path, &self.key),
        };
        let state = self.state;
        self.map.next_value_seed(WrapSeed { seed, path: &seg, state }).map_err(|e| state.absorb(&seg, e))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Reads an object key, keeping its text for the path and the duplicate check.
struct KeySeed<'a, 'p, 'de, S> {
    seed: S,
    slot: &'a mut Option<Cow<'de, str>>,
    path: &'p Seg<'p>,
    state: &'p State,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, '_, 'de, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyDe { de: d, slot: self.slot, path: self.path, state: self.state })
    }
}

struct KeyDe<'a, 'p, 'de, D> {
    de: D,
    slot: &'a mut Option<Cow<'de, str>>,
    path: &'p Seg<'p>,
    state: &'p State,
}

impl<'de, D: Deserializer<'de>> KeyDe<'_, '_, 'de, D> {
    fn key<V: Visitor<'de>>(self, inner: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_any(KeyVisitor { inner, slot: self.slot, path: self.path, state: self.state })
    }
}

macro_rules! key_any {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.key(visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, '_, 'de, D> {
    type Error = D::Error;

    key_any! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any deserialize_option
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, D::Error> {
        self.key(v)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, D::Error> {
        self.key(v)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, D::Error> {
        self.key(v)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, v: V) -> Result<V::Value, D::Error> {
        self.key(v)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.key(v)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.key(v)
    }
}

struct KeyVisitor<'a, 'p, 'de, V> {
    inner: V,
    slot: &'a mut Option<Cow<'de, str>>,
    path: &'p Seg<'p>,
    state: &'p State,
}

impl<'de, V: Visitor<'de>> KeyVisitor<'_, '_, 'de, V> {
    fn too_long<E: de::Error>(&self, s: &str) -> Result<(), E> {
        if s.len() > self.state.bounds.max_text {
            let r = Reason::new(format!("key longer than the limit of {} bytes", self.state.bounds.max_text));
            return Err(self.state.fail(self.path, r));
        }
        Ok(())
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, '_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.too_long(v)?;
        *self.slot = Some(Cow::Borrowed(v));
        // A key the target refuses is reported at the object: the key itself is input text.
        let (path, state) = (self.path, self.state);
        self.inner.visit_borrowed_str::<Reason>(v).map_err(|r| state.fail(path, r))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.too_long(v)?;
        *self.slot = Some(Cow::Owned(v.to_owned()));
        let (path, state) = (self.path, self.state);
        self.inner.visit_str::<Reason>(v).map_err(|r| state.fail(path, r))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.too_long(&v)?;
        *self.slot = Some(Cow::Owned(v.clone()));
        let (path, state) = (self.path, self.state);
        self.inner.visit_string::<Reason>(v).map_err(|r| state.fail(path, r))
    }
}
