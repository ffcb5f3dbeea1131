//! Python values read straight into the core's types: a serde [`Deserializer`] over Python
//! objects, handed to the core's own strict reader (`from_values`), so a dict and the same JSON
//! text give the same answer and the same errors, with no JSON text in between.
//!
//! The core asks for every value with `deserialize_any` (or `deserialize_option`) and words every
//! complaint of its types itself, with the value's `$`-rooted path. What this deserializer
//! refuses itself, a Python value JSON cannot hold, is reported at that value's path too: the
//! message says what was expected and names at most the Python type found, never the value.
//!
//! Accepted: `dict` and other mappings (str keys), `list`, `tuple`, `str`, `int`, `float`, `bool`,
//! `None`, `datetime.date` (as its ISO text) and timezone-aware `datetime.datetime` (as its RFC
//! 3339 text), nested at most [`MAX_DEPTH`] levels. An `int` beyond 64 bits is read as a number
//! with a fraction, as serde_json reads the same digits in JSON text.

use std::borrow::Cow;
use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Deepest nesting accepted, as serde_json's parser: it also stops a dict that contains itself
/// from recursing until the stack overflows.
pub const MAX_DEPTH: usize = 128;

/// Why a Python text cannot be read (it holds a lone surrogate), without the text.
pub const NOT_UTF8: &str = "expected text that UTF-8 can encode, found a str with a lone surrogate";

/// The name of a value's Python type, for messages that say what was found (never the value).
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
}

/// The RFC 3339 text of an aware datetime; a naive one is refused with a clear reason. The
/// reasons never carry the datetime, nor what its `tzinfo` raised.
pub fn aware_datetime_text(dt: &Bound<'_, PyAny>) -> Result<String, String> {
    let failed = |_| "expected a timezone-aware datetime whose `utcoffset()` and `isoformat()` work".to_owned();
    let offset = dt.call_method0("utcoffset").map_err(failed)?;
    if offset.is_none() {
        return Err("expected a timezone-aware datetime, found a naive datetime (no tzinfo): give e.g. \
                    `datetime(..., tzinfo=timezone.utc)` or `ZoneInfo(\"Europe/Amsterdam\")`"
            .to_owned());
    }
    dt.call_method0("isoformat").and_then(|t| t.extract()).map_err(failed)
}

/// What this deserializer refuses: a sentence that says what was expected, never a value.
#[derive(Debug)]
pub struct Refusal(String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

impl de::Error for Refusal {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Refusal(msg.to_string())
    }
    // The core's reader words the complaints of its types itself; these only keep a value out of
    // a message should a type ever be read without it.
    fn invalid_type(_: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Refusal(format!("invalid type: expected {exp}"))
    }
    fn invalid_value(_: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Refusal(format!("invalid value: expected {exp}"))
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Refusal("unknown variant".to_owned())
    }
    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Refusal("unknown field".to_owned())
    }
}

/// A Python value as a serde [`Deserializer`]. Cloning it is a reference count.
#[derive(Clone)]
pub struct PyValues<'py> {
    obj: Bound<'py, PyAny>,
    depth: usize,
}

impl<'py> PyValues<'py> {
    /// The values of `obj` (a document, a request, ...).
    pub fn new(obj: &Bound<'py, PyAny>) -> Self {
        Self { obj: obj.clone(), depth: 0 }
    }

    fn child(&self, obj: Bound<'py, PyAny>) -> Self {
        Self { obj, depth: self.depth + 1 }
    }

    fn map<'de, V: Visitor<'de>>(&self, dict: &Bound<'py, PyDict>, visitor: V) -> Result<V::Value, Refusal> {
        // A snapshot of the items: a `tzinfo` or `isoformat` read on the way could change the dict.
        visitor.visit_map(Items { parent: self, items: dict.items(), next: 0, value: None })
    }
}

impl<'de, 'py> Deserializer<'de> for PyValues<'py> {
    type Error = Refusal;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refusal> {
        let obj = &self.obj;
        if self.depth > MAX_DEPTH {
            return Err(Refusal(format!("nested more than {MAX_DEPTH} levels deep (or contains itself)")));
        }
        // The common kinds first; `bool` before `int`, of which it is a subclass.
        if let Ok(s) = obj.cast::<PyString>() {
            return match s.to_cow().map_err(|_| Refusal(NOT_UTF8.to_owned()))? {
                Cow::Borrowed(s) => visitor.visit_str(s),
                Cow::Owned(s) => visitor.visit_string(s),
            };
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return self.map(d, visitor);
        }
        if let Ok(list) = obj.cast::<PyList>() {
            return visitor.visit_seq(Items { parent: &self, items: list.clone(), next: 0, value: None });
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if obj.is_instance_of::<PyInt>() {
            if let Ok(i) = obj.extract::<i64>() {
                return visitor.visit_i64(i);
            }
            if let Ok(u) = obj.extract::<u64>() {
                return visitor.visit_u64(u);
            }
            return match obj.extract::<f64>() {
                Ok(f) => visitor.visit_f64(f),
                Err(_) => Err(Refusal("number out of range".to_owned())),
            };
        }
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            let f = f.value();
            if !f.is_finite() {
                return Err(Refusal("expected a finite number, found NaN or an infinity".to_owned()));
            }
            return visitor.visit_f64(f);
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            // Its items as a list (new references to the same objects), read as one.
            return visitor.visit_seq(Items { parent: &self, items: t.to_list(), next: 0, value: None });
        }
        // datetime is a subclass of date: test it first.
        if obj.is_instance_of::<PyDateTime>() {
            return visitor.visit_string(aware_datetime_text(obj).map_err(Refusal)?);
        }
        if obj.is_instance_of::<PyDate>() {
            let text: String = obj
                .call_method0("isoformat")
                .and_then(|t| t.extract())
                .map_err(|_| Refusal("expected a date whose `isoformat()` works".to_owned()))?;
            return visitor.visit_string(text);
        }
        if let Ok(m) = obj.cast::<PyMapping>() {
            // Another mapping (a MappingProxy, a custom Mapping): its items, copied into a dict.
            // What a broken mapping raises is not repeated: its message could quote anything.
            let unreadable = |_| Refusal("expected a mapping whose `items()` can be read".to_owned());
            let d = PyDict::new(obj.py());
            for item in m.items().map_err(unreadable)?.iter() {
                let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(unreadable)?;
                d.set_item(k, v).map_err(unreadable)?;
            }
            return self.map(&d, visitor);
        }
        Err(Refusal(format!(
            "expected a JSON-like value (dict, list, str, int, float, bool, None, date, datetime), found a `{}`",
            type_name(obj)
        )))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refusal> {
        if self.obj.is_none() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Refusal> {
        visitor.visit_newtype_struct(self)
    }

    /// Skipped unread: only a document's `schema` is looked at this way (the core's reader reads
    /// every value, known or not).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refusal> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        seq tuple tuple_struct map struct enum identifier
    }
}

/// The items of a list or tuple, or the `(key, value)` items of a dict, read in order.
struct Items<'a, 'py> {
    parent: &'a PyValues<'py>,
    /// A list, a tuple's items or a dict's item list, read by index with the bounds checked at
    /// every item: a list that Python code changes meanwhile (a `tzinfo` read on the way) is read
    /// as it then is, never past its end.
    items: Bound<'py, PyList>,
    next: usize,
    /// A dict's value, once its key is read.
    value: Option<Bound<'py, PyAny>>,
}

impl<'py> Items<'_, 'py> {
    fn next_item(&mut self) -> Option<Bound<'py, PyAny>> {
        let item = self.items.get_item(self.next).ok()?;
        self.next += 1;
        Some(item)
    }
}

impl<'de, 'py> SeqAccess<'de> for Items<'_, 'py> {
    type Error = Refusal;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Refusal> {
        let Some(item) = self.next_item() else { return Ok(None) };
        seed.deserialize(self.parent.child(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len().saturating_sub(self.next))
    }
}

impl<'de, 'py> MapAccess<'de> for Items<'_, 'py> {
    type Error = Refusal;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Refusal> {
        let Some(item) = self.next_item() else { return Ok(None) };
        let (key, value): (Bound<'py, PyAny>, Bound<'py, PyAny>) =
            item.extract().map_err(|_| Refusal("expected a dict whose items can be read".to_owned()))?;
        let Ok(key) = key.cast::<PyString>() else {
            return Err(Refusal(format!("expected str keys, found a `{}` key", type_name(&key))));
        };
        let key = key.to_cow().map_err(|_| Refusal(format!("{NOT_UTF8} as a key")))?;
        self.value = Some(value);
        seed.deserialize(de::value::StrDeserializer::<Refusal>::new(&key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refusal> {
        let value = self.value.take().ok_or_else(|| Refusal("a value was read before its key".to_owned()))?;
        seed.deserialize(self.parent.child(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len().saturating_sub(self.next))
    }
}
