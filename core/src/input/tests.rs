use std::collections::BTreeMap;

use super::*;

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Doc {
    schema: String,
    #[serde(default)]
    items: Vec<u32>,
    #[serde(default)]
    inner: Option<Inner>,
    #[serde(default)]
    counts: BTreeMap<String, u32>,
    #[serde(default)]
    terms: Option<serde_json::Value>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Inner {
    name: String,
    #[serde(default)]
    n: u32,
}

impl SchemaTagged for Doc {
    fn schema_tag(&self) -> &str {
        &self.schema
    }
}

fn err(json: &str) -> (String, String) {
    match read_document::<Doc>(json.as_bytes(), "registry", "x/v1").unwrap_err() {
        Error::Json { path, message, .. } => (path, message),
        other => panic!("{other:?}"),
    }
}

#[test]
fn schema_is_checked_first() {
    let e = read_document::<Doc>(br#"{"schema":"x/v2","items":"no"}"#, "registry", "x/v1").unwrap_err();
    assert_eq!(e.code(), "schema");
    assert_eq!(e.to_string(), "unsupported registry schema `x/v2`, expected `x/v1`");
    let e = read_document::<Doc>(br#"{"items":[]}"#, "registry", "x/v1").unwrap_err();
    assert_eq!(e.code(), "schema");
    let e = read_document::<Doc>(br#"{"schema":"x/v2","items":[1]}"#, "registry", "x/v1").unwrap_err();
    assert_eq!(e.code(), "schema");
    // a schema that is not tag-shaped is not repeated
    let e = read_document::<Doc>(br#"{"schema":"Jantje Pietersen"}"#, "registry", "x/v1").unwrap_err();
    assert!(!e.to_string().contains("Jantje"), "{e}");
    let e = read_document::<Doc>(br#"{"schema":"111222333"}"#, "registry", "x/v1").unwrap_err();
    assert!(!e.to_string().contains("111222333"), "{e}");
    assert!(read_document::<Doc>(br#"{"schema":"x/v1","items":[1]}"#, "registry", "x/v1").is_ok());
}

#[test]
fn errors_carry_a_rooted_path() {
    assert_eq!(err(r#"{"schema":"x/v1","items":[1,"two"]}"#).0, "$.items[1]");
    assert_eq!(err(r#"{"schema":"x/v1","inner":{"name":5}}"#).0, "$.inner.name");
    assert_eq!(err(r#"{"schema":"x/v1","inner":{}}"#), ("$.inner".into(), "missing field `name`".into()));
    let e = read_document::<Doc>(b"{not json", "registry", "x/v1").unwrap_err();
    assert_eq!(e.code(), "json");
    assert_eq!(e.problems()[0].path, "$");
    // a syntax error deep inside names where it happened
    assert_eq!(err(r#"{"schema":"x/v1","inner":{"name":"a",}}"#).0, "$.inner");
    assert_eq!(err(r#"{"schema":"x/v1","items":[1,2] x"#).0, "$");
}

#[test]
fn wrong_types_never_echo_the_value() {
    let (path, message) = err(r#"{"schema":"x/v1","inner":{"name":111222333}}"#);
    assert_eq!(path, "$.inner.name");
    assert_eq!(message, "expected a string, found an integer");
    let (_, message) = err(r#"{"schema":"x/v1","items":["Jantje Pietersen"]}"#);
    assert_eq!(message, "expected a whole number from 0 to 4,294,967,295, found a string");
    let (_, message) = err(r#"{"schema":"x/v1","items":[20110901000]}"#);
    assert!(!message.contains("20110901000"), "{message}");
    let (_, message) = err(r#"{"schema":"x/v1","items":[-7]}"#);
    assert!(!message.contains("-7"), "{message}");
    let (_, message) = err(r#"{"schema":"x/v1","inner":{"name":"a","Jantje Pietersen":1}}"#);
    assert!(!message.contains("Jantje"), "{message}");
    assert!(message.starts_with("unknown field (not shown): expected one of `name`, `n`"), "{message}");
}

#[test]
fn duplicate_keys_are_refused() {
    assert_eq!(
        err(r#"{"schema":"x/v1","inner":{"name":"a","name":"b"}}"#),
        ("$.inner".into(), "duplicate field `name`".into())
    );
    assert_eq!(
        err(r#"{"schema":"x/v1","counts":{"nursing":5,"nursing":0}}"#),
        ("$.counts".into(), "duplicate key `nursing`".into())
    );
    let (path, _) = err(r#"{"schema":"x/v1","terms":{"a":{"b":1,"b":2}}}"#);
    assert_eq!(path, "$.terms.a");
    assert_eq!(err(r#"{"schema":"x/v1","schema":"x/v1"}"#).1, "duplicate field `schema`");
    // many distinct keys stay linear and are accepted
    let many: Vec<String> = (0..5000).map(|i| format!("\"k{i}\":{i}")).collect();
    let doc = format!(r#"{{"schema":"x/v1","counts":{{{}}}}}"#, many.join(","));
    assert_eq!(read_document::<Doc>(doc.as_bytes(), "registry", "x/v1").unwrap().counts.len(), 5000);
    // a repeat is found whether the first stands among the keys kept inline or the hashed ones,
    // and whether the repeat comes before or after the switch from one to the other
    for (n, repeat) in [(3, 1), (8, 7), (9, 0), (9, 8), (20, 2), (20, 15)] {
        let mut keys: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
        keys.push(format!("\"k{repeat}\":0"));
        let doc = format!(r#"{{"schema":"x/v1","counts":{{{}}}}}"#, keys.join(","));
        assert_eq!(err(&doc), ("$.counts".into(), format!("duplicate key `k{repeat}`")), "{n} keys, k{repeat} again");
    }
}

#[test]
fn arrays_where_objects_belong_are_refused() {
    let e = read_document::<Doc>(br#"["x/v1",[1],null]"#, "registry", "x/v1").unwrap_err();
    assert_ne!(e.code(), "ok");
    assert!(read_document::<Doc>(br#"["x/v1",[1],null]"#, "registry", "x/v1").is_err());
    assert_eq!(
        err(r#"{"schema":"x/v1","inner":["a",1]}"#),
        ("$.inner".into(), "expected an object, found an array".into())
    );
}

#[test]
fn texts_are_bounded() {
    let long = "a".repeat(crate::limits::MAX_TEXT_BYTES + 1);
    let (path, message) = err(&format!(r#"{{"schema":"x/v1","inner":{{"name":"{long}"}}}}"#));
    assert_eq!(path, "$.inner.name");
    assert!(message.starts_with("text longer than the limit"), "{message}");
}

#[test]
fn values_read_with_their_place() {
    let v: serde_json::Value = serde_json::from_str(r#"{"name":"a","n":-1}"#).unwrap();
    let f = read_value::<Inner>(&v, "$.agreements[2].terms").unwrap_err();
    assert_eq!(f.path, "$.agreements[2].terms.n");
    assert!(!f.reason.contains("-1"));
}

#[test]
fn shown_cuts_ids_and_hides_other_text() {
    assert_eq!(shown("team-1").to_string(), "`team-1`");
    assert_eq!(shown("team-enschede-noord").to_string(), "`team-ensched…`");
    assert_eq!(shown("Jantje Pietersen").to_string(), "(not shown)");
    assert_eq!(shown("").to_string(), "(not shown)");
    assert_eq!(shown("111222333").to_string(), "(not shown)");
    assert_eq!(shown("c-111222333-x").to_string(), "(not shown)");
    assert_eq!(shown("p-2011-09-01").to_string(), "(not shown)");
    assert_eq!(shown("01-09-2011").to_string(), "(not shown)");
    assert_eq!(shown("team-12345").to_string(), "`team-12345`");
    assert_eq!(shown("Jantjeday").to_string(), "(not shown)", "a capitalised word reads as a name");
    assert_eq!(shown("xJantje").to_string(), "(not shown)");
    assert_eq!(shown("AGB-0123").to_string(), "`AGB-0123`");
    assert_eq!(shown("night-2026").to_string(), "`night-2026`");
    // a citizen or phone number has an id's shape but is never repeated
    assert_eq!(shown("cl-0612345678").to_string(), "(not shown)");
    assert_eq!(Seg::MapKey(&Seg::Root, "111222333").to_string(), "$[(not shown)]");
}

#[test]
fn values_read_as_their_json_text() {
    // Every document that parses as JSON gives the same answer and the same error as values.
    let docs = [
        r#"{"schema":"x/v1","items":[1,2],"inner":{"name":"a","n":3},"counts":{"nursing":1},"terms":{"a":[1]}}"#,
        r#"{"schema":"x/v1","items":[1,"two"]}"#,
        r#"{"schema":"x/v1","inner":{"name":111222333}}"#,
        r#"{"schema":"x/v1","inner":{}}"#,
        r#"{"schema":"x/v1","inner":["a",1]}"#,
        r#"{"schema":"x/v1","inner":{"name":"a","Jantje Pietersen":1}}"#,
        r#"{"schema":"x/v1","counts":{"Jantje Pietersen":-1}}"#,
        r#"{"schema":"x/v2","items":"no"}"#,
        r#"{"items":[]}"#,
        r#"{"schema":"Jantje Pietersen"}"#,
        r#"["x/v1",[1],null]"#,
        r#"{"schema":"x/v1","items":[1.5]}"#,
    ];
    let outcome = |r: Result<Doc>| r.map(|d| format!("{d:?}")).map_err(|e| (e.code(), e.to_string(), e.problems()));
    for doc in docs {
        let value: serde_json::Value = serde_json::from_str(doc).unwrap();
        let from_text = outcome(read_document::<Doc>(doc.as_bytes(), "registry", "x/v1"));
        let from_values = outcome(read_document_values::<Doc, _>(&value, "registry", "x/v1"));
        assert_eq!(from_text, from_values, "{doc}");
        let (from_text, from_values) = (read::<Doc>(doc.as_bytes(), "registry"), read_values(&value, "registry"));
        assert_eq!(outcome(from_text), outcome(from_values), "{doc}");
    }
    // A deserializer's own error (a host value JSON cannot hold) is reported where the value is.
    let v = serde_json::json!({"schema": "x/v1", "inner": {"name": "a", "n": 1}});
    let e = read_values::<Doc, _>(Refusing(&v), "registry").unwrap_err();
    assert_eq!(e.problems()[0].path, "$.inner.n");
    assert_eq!(e.problems()[0].reason, "expected a number, found a `set`");
}

/// Values as serde_json reads them, except that every number is refused as a host value JSON
/// cannot hold.
#[derive(Clone, Copy)]
struct Refusing<'a>(&'a serde_json::Value);

impl<'de> serde::Deserializer<'de> for Refusing<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, Self::Error> {
        use serde::de::Error as _;
        use serde::de::value::{MapDeserializer, SeqDeserializer};
        match self.0 {
            serde_json::Value::Number(_) => Err(serde_json::Error::custom("expected a number, found a `set`")),
            serde_json::Value::Object(m) => {
                v.visit_map(MapDeserializer::new(m.iter().map(|(k, x)| (k.as_str(), Refusing(x)))))
            }
            serde_json::Value::Array(a) => v.visit_seq(SeqDeserializer::new(a.iter().map(Refusing))),
            other => serde::Deserializer::deserialize_any(other, v),
        }
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, v: V) -> std::result::Result<V::Value, Self::Error> {
        if self.0.is_null() { v.visit_none() } else { v.visit_some(self) }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> serde::de::IntoDeserializer<'de, serde_json::Error> for Refusing<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}
