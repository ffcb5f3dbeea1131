//! A consent question answered the way every binding answers it, so no binding composes the
//! steps itself: the agreements' sharing facts are added first (when the caller has agreements),
//! then the decision, its audit record and, on request, the trace.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agreements::Agreements;
use crate::consent::{AuditRecord, ConsentRequest, ConsentStore, Decision, Trace, local_date};
use crate::{Error, Result};

/// The answer to one consent question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentAnswer {
    /// The decision per data category, with the rule that decided.
    pub decision: Decision,
    /// The audit record to keep (no BSN: the client is a hash).
    pub audit: AuditRecord,
    /// Every record considered and why it applied or not, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
}

impl ConsentAnswer {
    /// The answer as JSON text: `{"decision", "audit"}` and `"trace"` when asked for.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a consent answer serialises")
    }

    /// An answer written by [`ConsentAnswer::to_json`] read back (saved earlier), as strictly as
    /// [`Decision::from_json`] reads a decision: the decision's `redact` must be what its
    /// outcomes make it.
    ///
    /// Errors: [`Error::Json`] (document `consent answer`) at the path where the text stops being
    /// an answer; [`Error::Invalid`] at `$.decision.redact`. No message repeats a value.
    pub fn from_json(text: &str) -> Result<Self> {
        const DOCUMENT: &str = "consent answer";
        let answer: Self = crate::wire::answer_from_json_strict(DOCUMENT, "a consent answer", text)?;
        let mut problems = crate::error::Problems::new();
        if answer.decision.redact != answer.decision.redaction() {
            problems.push(
                "$.decision.redact",
                "expected the requested categories not permitted, and only when some are permitted",
            );
        }
        problems.finish(DOCUMENT, || answer)
    }
}

/// Decides `request` at `at` against `store`. With `agreements`, the data-sharing agreements in
/// force on the Dutch local date of `at` are added to the request first (a sharing agreement can
/// be a legal basis), exactly as [`Agreements::add_consent_facts`] does.
pub fn decide(
    store: &ConsentStore,
    agreements: Option<&Agreements>,
    mut request: ConsentRequest,
    at: DateTime<Utc>,
    with_trace: bool,
) -> Result<ConsentAnswer> {
    if let Some(a) = agreements {
        a.add_consent_facts(&mut request, local_date(at));
    }
    let (decision, trace) = if with_trace {
        let (d, t) = store.decide_with_trace(&request, at)?;
        (d, Some(t))
    } else {
        (store.decide(&request, at)?, None)
    };
    let audit = store.audit_record(&request, &decision);
    Ok(ConsentAnswer { decision, audit, trace })
}

/// An RFC 3339 instant (`2026-11-22T10:00:00Z`, any offset) as UTC; `what` names the parameter
/// in the error. The text is never repeated in the error.
pub fn parse_instant(text: &str, what: &'static str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|_| Error::Json {
        document: what,
        path: "$".into(),
        message: "expected an RFC 3339 instant such as `2026-11-22T10:00:00Z`".into(),
    })
}
