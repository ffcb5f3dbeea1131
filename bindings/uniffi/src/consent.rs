//! Consent-aware data sharing as a uniffi object: "may I share this?", per data category.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use wijknet::consent::{AuditRecord, ConsentRequest, ConsentRequestInput, Decision, Trace, WhoDecides};

use crate::error::Result;

object! {
    /// The consent store: clients (pseudonymous ids), their consents and objections, loaded from a
    /// `wijknet.consent/v1` JSON document. Decides whether a discloser may share data categories
    /// about a client with a recipient, for a purpose, at a moment, under Dutch rules, and says
    /// which rule decided.
    ///
    /// **Thread-safety:** immutable; share one instance between threads and decide concurrently.
    ///
    /// **Lifetime:** owns native memory; in Kotlin call `close()` (or `use { }`) or leave it to the
    /// cleaner, in Swift it is freed with its last reference. Its JSON export contains the citizen
    /// service numbers it was loaded with (the host's own data); decisions, traces, audit records,
    /// errors and `toString()` never do.
    ConsentStore(wijknet::consent::ConsentStore) as v;
    // Counts only: the data version label is the host's own text.
    display "ConsentStore with {} clients", v.len();
}

/// A decision with its trace.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TracedDecision {
    /// The decision (equal to what `decide` answers).
    pub decision: Decision,
    /// Why: every consent and objection of the client and what each category's answer is made of.
    pub trace: Trace,
}

/// A decision with the audit record to store.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditedDecision {
    /// The decision (equal to what `decide` answers).
    pub decision: Decision,
    /// What to store.
    pub audit: AuditRecord,
}

#[uniffi::export]
impl ConsentStore {
    /// Loads and validates a `wijknet.consent/v1` document (UTF-8 bytes); every rule violation is
    /// reported at once, and no message repeats a citizen service number or a date of birth.
    /// `listener` (optional) follows the loading (steps `Read`, `Index`, each at its start and
    /// end) and can cancel it (`WijknetException.Cancelled`).
    #[uniffi::constructor(default(listener = None))]
    pub fn from_json(json: Vec<u8>, listener: Option<Arc<dyn crate::ProgressListener>>) -> Result<Arc<Self>> {
        let mut observer = crate::progress::Listener(listener);
        Ok(Arc::new(Self { inner: wijknet::consent::ConsentStore::from_json_with_progress(&json, &mut observer)? }))
    }

    /// Same as `fromJson`, from a string.
    #[uniffi::constructor]
    pub fn from_json_string(json: String) -> Result<Arc<Self>> {
        Self::from_json(json.into_bytes(), None)
    }

    /// The `wijknet.consent/v1` document; loading it again gives an equal store.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The data version label, written into audit records.
    pub fn version(&self) -> String {
        self.inner.version().to_owned()
    }

    /// Number of clients.
    pub fn client_count(&self) -> i32 {
        i32::try_from(self.inner.len()).unwrap_or(i32::MAX)
    }

    /// Whether the store knows a client with this pseudonymous id.
    pub fn has_client(&self, client: String) -> bool {
        self.inner.client(&client).is_some()
    }

    /// Who decides about sharing for a client at an instant (client, representative, or both,
    /// by the WGBO age rules), or null for an unknown client.
    pub fn who_decides(&self, client: String, at: DateTime<Utc>) -> Option<WhoDecides> {
        self.inner.client(&client).map(|c| c.who_decides(at))
    }

    /// Decides the request at `at`: one answer per requested category. Errors: unknown client
    /// (`NotFound`), a malformed request or no categories (`Invalid`).
    pub fn decide(&self, request: ConsentRequestInput, at: DateTime<Utc>) -> Result<Decision> {
        Ok(self.inner.decide(&ConsentRequest::from_input(&request)?, at)?)
    }

    /// The same decision as `decide`, plus the trace: every consent and objection of the client
    /// and why each did or did not apply, and the ingredients of each category's answer.
    pub fn decide_with_trace(&self, request: ConsentRequestInput, at: DateTime<Utc>) -> Result<TracedDecision> {
        let (decision, trace) = self.inner.decide_with_trace(&ConsentRequest::from_input(&request)?, at)?;
        Ok(TracedDecision { decision, trace })
    }

    /// The same decision as `decide`, plus the audit record a host stores (deterministic
    /// decision id, inputs hash, data version; pseudonymous ids and codes only).
    pub fn decide_audited(&self, request: ConsentRequestInput, at: DateTime<Utc>) -> Result<AuditedDecision> {
        let answer = wijknet::api::decide(&self.inner, None, ConsentRequest::from_input(&request)?, at, false)?;
        Ok(AuditedDecision { decision: answer.decision, audit: answer.audit })
    }
}

/// Parses the consent request JSON shape (`{"client", "discloser", "recipient", "purpose",
/// "categories", "channel", "policy", "emergency", "treatment_relationships", "agreements"}`)
/// into a typed request (with `channel` and `policy` filled in); every problem is reported with
/// its path.
#[uniffi::export]
pub fn consent_request_from_json(json: Vec<u8>) -> Result<ConsentRequestInput> {
    Ok(ConsentRequestInput::from(&ConsentRequest::from_json(&json)?))
}
