//! Answers in document form that hosts without Rust types would otherwise each compose: the
//! error object every binding reports, the agreement checks' findings and a replayed book. The
//! C binding, the conformance runners and the command-line tool (`wijknet --json`) write these
//! shapes, so they are written here once.

use serde_json::{Value, json};

use crate::Error;
use crate::agreements::Finding;
use crate::referral::{Monitoring, ReferralBook};

/// An error as `{"code", "message", "problems": [{"path", "reason"}]}`: the stable code, the
/// message (already free of personal data) and every problem; the shape of the conformance
/// vectors' `expected_error` and of C's `wijknet_last_error_json`.
pub fn error_json(error: &Error) -> Value {
    json!({ "code": error.code(), "message": error.to_string(), "problems": error.problems() })
}

/// The agreement checks' answer as `{"findings": [...]}` (C's `wijknet_agreements_check`, the
/// agreement vectors' `check` operation).
pub fn findings_json(findings: &[Finding]) -> Value {
    json!({ "findings": findings })
}

/// A replayed book as `{"referrals": [summary, ...] (by id), "monitoring": {...}}`, the shape of
/// the referral vectors' `expect`.
pub fn book_json(book: &ReferralBook) -> Value {
    json!({ "referrals": book.summaries(), "monitoring": Monitoring::from_book(book) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referral::parse_events;

    #[test]
    fn error_json_has_code_message_and_every_problem() {
        let e = crate::Registry::from_json(br#"{"schema": "wijknet.registry/v0"}"#).unwrap_err();
        let v = error_json(&e);
        assert_eq!(v["code"], "schema");
        assert_eq!(v["message"], e.to_string());
        assert_eq!(v["problems"][0]["path"], "$.schema");
    }

    #[test]
    fn findings_json_wraps_the_list() {
        assert_eq!(findings_json(&[]), json!({ "findings": [] }));
    }

    #[test]
    fn book_json_has_summaries_and_monitoring() {
        let events = parse_events(
            br#"{"schema": "wijknet.referral-events/v1", "events": [
                {"id": "e1", "referral": "r1", "seq": 1, "at": "2026-03-02T09:00:00Z",
                 "actor": {"role": "referrer", "id": "gp-1"}, "type": "created", "referrer": "gp-1",
                 "care_types": ["wound_care"], "pc4": "7511", "acute": false}]}"#,
        )
        .unwrap();
        let book = ReferralBook::replay(&events).unwrap();
        let v = book_json(&book);
        assert_eq!(v["referrals"][0]["id"], "r1");
        assert_eq!(v["referrals"][0]["status"], "draft");
        assert_eq!(v["monitoring"]["referrals"], 1);
    }
}
