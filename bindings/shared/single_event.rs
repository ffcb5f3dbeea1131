//! One referral event handed over on its own (the wire form of an event in an events document):
//! read by the core's events loader, as the only event of a document, so a single call and a
//! document read the same way (duplicate keys refused, no value repeated), and every problem
//! path then made relative to the event itself (`$.reason.code`, `$` for the event).
//!
//! Included by every binding with `#[path = "../../shared/single_event.rs"] mod single_event;`;
//! the including crate names the core `core_api` at its root.
#![allow(dead_code)]

use crate::core_api::Error;
use crate::core_api::referral::{EVENTS_SCHEMA, Event, parse_events};

/// Which document a single event's errors name.
pub const DOCUMENT: &str = "referral event";

/// Reads one event from its JSON text.
///
/// The text is first checked to be exactly one JSON value (syntax only: the parsed value is
/// dropped, and serde_json's syntax errors name a line and column, never a value), then placed
/// into an events document unchanged, so what the event says is read by the core's loader alone.
pub fn from_json(event: &[u8]) -> Result<Event, Error> {
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(event) {
        return Err(Error::Json { document: DOCUMENT, path: "$".into(), message: e.to_string() });
    }
    let mut doc = Vec::with_capacity(event.len() + EVENTS_SCHEMA.len() + 32);
    doc.extend_from_slice(br#"{"schema":""#);
    doc.extend_from_slice(EVENTS_SCHEMA.as_bytes());
    doc.extend_from_slice(br#"","events":["#);
    doc.extend_from_slice(event);
    doc.extend_from_slice(b"]}");
    read(&doc)
}

/// Reads one event given as a JSON value (built by the binding from host values, so it holds no
/// duplicate key).
pub fn from_value(event: serde_json::Value) -> Result<Event, Error> {
    let doc = serde_json::json!({ "schema": EVENTS_SCHEMA, "events": [event] });
    read(&serde_json::to_vec(&doc).expect("JSON values serialise"))
}

fn read(doc: &[u8]) -> Result<Event, Error> {
    match parse_events(doc) {
        Ok(mut events) if events.len() == 1 => Ok(events.remove(0)),
        Ok(_) => Err(Error::Json { document: DOCUMENT, path: "$".into(), message: "expected one event".into() }),
        Err(e) => Err(rebase(e)),
    }
}

/// A path of the wrapping document (`events[0].reason.code` before the core's events loader
/// was `$`-rooted, `$.events[0].reason.code` after) as a path of the event: `$.reason.code`.
pub fn rebase_path(path: &str) -> String {
    let rest = path.strip_prefix("$.").unwrap_or(path);
    match rest.strip_prefix("events[0]") {
        Some(inner) if inner.is_empty() || inner.starts_with(['.', '[']) => format!("${inner}"),
        _ if rest == "events" || path == "$" || rest.is_empty() => "$".to_owned(),
        _ => {
            if path.starts_with('$') {
                path.to_owned()
            } else {
                format!("$.{path}")
            }
        }
    }
}

/// The loader's error about the wrapping document as an error about the event.
pub fn rebase(e: Error) -> Error {
    match e {
        Error::Invalid { problems, .. } => Error::Invalid {
            document: DOCUMENT,
            problems: problems
                .into_iter()
                .map(|mut p| {
                    p.path = rebase_path(&p.path);
                    p
                })
                .collect(),
        },
        Error::Json { path, message, .. } => Error::Json { document: DOCUMENT, path: rebase_path(&path), message },
        other => other,
    }
}

#[cfg(test)]
mod single_event_tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_event() {
        assert_eq!(rebase_path("events[0].reason.code"), "$.reason.code");
        assert_eq!(rebase_path("$.events[0].reason.code"), "$.reason.code");
        assert_eq!(rebase_path("$.events[0].care_types[1]"), "$.care_types[1]");
        assert_eq!(rebase_path("events[0]"), "$");
        assert_eq!(rebase_path("$.events[0]"), "$");
        assert_eq!(rebase_path("$"), "$");
        assert_eq!(rebase_path("events"), "$");
    }

    #[test]
    fn one_value_only_and_strictly_read() {
        assert_eq!(from_json(br#"{"id":"e1"}, {"id":"e2"}"#).unwrap_err().code(), "json");
        assert_eq!(from_json(br#"{"id":"e1"}], "x": ["#).unwrap_err().code(), "json");
        assert_eq!(from_json(b"").unwrap_err().code(), "json");
        let e = from_json(br#"{"id": 111222333}"#).unwrap_err();
        assert!(!format!("{e} {e:?}").contains("111222333"), "{e}");
        assert!(e.problems().iter().all(|p| p.path.starts_with('$')), "{e:?}");
    }
}
