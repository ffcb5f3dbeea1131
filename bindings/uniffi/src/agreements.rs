//! Collaboration agreements as a uniffi object: on-call, checks, mandates, case teams.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use wijknet::Id;
use wijknet::agreements::{Agreement, CoordinationPointTerms, Finding, MandateCheck, OnCall};
use wijknet::consent::{ConsentRequest, ConsentRequestInput, SharingAgreementInput};
use wijknet::referral::EscalationPolicyInput;

use crate::error::{Result, WijknetError};
use crate::registry::Registry;

object! {
    /// The collaboration agreements (*samenwerkingsafspraken*) of a region, loaded from a
    /// `wijknet.agreements/v1` JSON document against a registry (every party and team must exist
    /// there). Used by `Registry.matchRequest`, the on-call query, the checks and the
    /// mandate check.
    ///
    /// **Thread-safety:** immutable; share one instance between threads freely. It refers to
    /// registry records by id, so it stays valid with registries derived by capacity updates; after
    /// loading a different registry document, run `check` (dangling references are findings) or
    /// reload.
    ///
    /// **Lifetime:** owns native memory; in Kotlin call `close()` (or `use { }`) or leave it to the
    /// cleaner, in Swift it is freed with its last reference. It does not keep the registry alive
    /// (pass the registry to each call that needs it).
    Agreements(wijknet::agreements::Agreements) as v;
    display "Agreements version {}: {} agreements", v.version(), v.agreements().len();
}

/// A coordination-point agreement in force for a location: the agreement's id and its terms.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CoordinationPointAgreement {
    /// The agreement.
    pub agreement: Id,
    /// Its terms: the area, the accountable party, whom to call and the escalation limits.
    pub terms: CoordinationPointTerms,
}

#[uniffi::export]
impl Agreements {
    /// Loads and validates a `wijknet.agreements/v1` document (UTF-8 bytes) against a
    /// registry; every problem (unknown party or team, inverted period, unknown code, bad terms)
    /// is reported at once.
    #[uniffi::constructor]
    pub fn from_json(json: Vec<u8>, registry: Arc<Registry>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self { inner: wijknet::agreements::Agreements::from_json(&json, &registry.inner)? }))
    }

    /// Same as `fromJson`, from a string.
    #[uniffi::constructor]
    pub fn from_json_string(json: String, registry: Arc<Registry>) -> Result<Arc<Self>> {
        Self::from_json(json.into_bytes(), registry)
    }

    /// The `wijknet.agreements/v1` JSON document: loading it again gives an equal set.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Data version of the document.
    pub fn version(&self) -> u64 {
        self.inner.version()
    }

    /// Every agreement (parties with their accountable persons, validity, review date, funding
    /// and the terms of its kind), in document order.
    pub fn agreements(&self) -> Vec<Agreement> {
        self.inner.agreements().to_vec()
    }

    /// One agreement by id, or null.
    pub fn agreement(&self, id: String) -> Option<Agreement> {
        self.inner.agreement(&id).cloned()
    }

    /// "Who covers this postcode for night care at this instant, and whom do I call?"
    /// `location` is a PC6 or PC4.
    pub fn on_call(&self, registry: Arc<Registry>, location: String, at: DateTime<Utc>) -> Result<OnCall> {
        Ok(self.inner.on_call(&registry.inner, crate::error::location(&location)?, at)?)
    }

    /// What a coordinator must fix: night gaps and overlaps, references the registry no longer
    /// knows, overdue reviews, expired mandates, for nights from `today` up to `horizonDays`
    /// ahead (0 to 3,660).
    pub fn check(&self, registry: Arc<Registry>, today: NaiveDate, horizon_days: i32) -> Result<Vec<Finding>> {
        let horizon = u32::try_from(horizon_days)
            .map_err(|_| WijknetError::argument("horizon_days", "expected 0 or more days"))?;
        Ok(self.inner.check(&registry.inner, today, horizon)?)
    }

    /// Whether a provider's district nurse may assess this (Wmo) care on a date under a
    /// delegated mandate, and until when such an assessment holds.
    pub fn may_assess(&self, provider: String, care_type: wijknet::CareType, date: NaiveDate) -> Result<MandateCheck> {
        Ok(self.inner.may_assess(&provider, care_type, date)?)
    }

    /// Organisations with a case-coordination agreement for this (pseudonymous) client on a
    /// date: the coordinator first, then the members.
    pub fn case_team(&self, client: String, date: NaiveDate) -> Vec<Id> {
        self.inner.case_team(&client, date)
    }

    /// The escalation policy for referrals of a location on a date: the accountable party and
    /// limits of the coordination-point agreement in force there (hours become seconds), or
    /// null when none covers it. Pass it to `ReferralBook.checkEscalation` or a `Created` event.
    pub fn escalation_policy(&self, location: String, date: NaiveDate) -> Result<Option<EscalationPolicyInput>> {
        let location = crate::error::location(&location)?;
        Ok(self.inner.escalation_policy(location, date).as_ref().map(EscalationPolicyInput::from))
    }

    /// The data-sharing agreements binding an organisation, in the consent check's terms
    /// (validity from local midnight of the first day to local midnight after the last).
    pub fn sharing_agreements_for(&self, organisation: String) -> Vec<SharingAgreementInput> {
        self.inner.sharing_agreements_for(&organisation).iter().map(SharingAgreementInput::from).collect()
    }

    /// The consent request with what the agreements know added: the organisations of a
    /// case-coordination agreement for the client on `date` as treatment relationships, and the
    /// discloser's data-sharing agreements. Facts already given are kept; nothing is removed.
    pub fn add_consent_facts(&self, request: ConsentRequestInput, date: NaiveDate) -> Result<ConsentRequestInput> {
        let mut core = ConsentRequest::from_input(&request)?;
        self.inner.add_consent_facts(&mut core, date);
        Ok(ConsentRequestInput::from(&core))
    }

    /// The coordination-point agreement in force for a location on a date (first in document
    /// order), or null.
    pub fn coordination_point_for(
        &self,
        location: String,
        date: NaiveDate,
    ) -> Result<Option<CoordinationPointAgreement>> {
        let location = crate::error::location(&location)?;
        Ok(self
            .inner
            .coordination_point_for(location, date)
            .map(|(a, terms)| CoordinationPointAgreement { agreement: a.id.clone(), terms: terms.clone() }))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bad_locations_are_invalid_arguments() {
        let e = crate::error::location("75").unwrap_err();
        assert_eq!(e.problems()[0].path, "$.location");
    }
}
