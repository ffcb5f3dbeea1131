//! Text read from a document without copying it when it can be borrowed.
//!
//! A national registry holds about a million short strings (ids, codes, names). Reading each
//! into its own `String` and freeing it after validation was most of the load's time (the
//! allocator and the cache misses of a million scattered blocks); most strings have no escape
//! in the JSON, so they can stay slices of the caller's bytes, read in order.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A string of the input: borrowed when the JSON text holds it as is, owned when it had escapes.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Text<'a>(Cow<'a, str>);

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// Looked up by `&str` in a set or map of texts (the hash and order are the text's).
impl std::borrow::Borrow<str> for Text<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

/// Written as the string it is (so a schema can show a field's default).
impl serde::Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// For any `'a` the input outlives, so that a derived `#[serde(borrow)]` field can hold one.
impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn plain_strings_are_borrowed_and_escaped_ones_owned() {
        let json = br#"["team-1", "Co\u00f6rdinatie"]"#;
        let v: Vec<Text<'_>> = serde_json::from_slice(json).unwrap();
        assert!(matches!(v[0].0, std::borrow::Cow::Borrowed("team-1")));
        assert!(matches!(&v[1].0, std::borrow::Cow::Owned(s) if s == "Coördinatie"));
        assert!(serde_json::from_slice::<Vec<Text<'_>>>(b"[1]").is_err());
    }
}
