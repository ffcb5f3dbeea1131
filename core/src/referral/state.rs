//! The stable codes of the referral lifecycle: statuses, reasons and escalation triggers (why they
//! follow FHIR `Task.status`: see the `referral` module, "Codes").

use std::fmt;

use crate::codes::code_enum;

code_enum! {
    /// Status of one offer (*aanbod*): the request to one candidate team to take the client.
    /// FHIR `Task.status`. An offer starts at `requested` when it is sent; `draft` exists for
    /// FHIR completeness but no wijknet event produces it.
    OfferStatus, "task status" {
        Draft = "draft", "concept", "draft";
        Requested = "requested", "aangevraagd", "requested";
        Received = "received", "ontvangen", "received";
        Accepted = "accepted", "geaccepteerd", "accepted";
        Rejected = "rejected", "afgewezen", "rejected";
        InProgress = "in_progress", "zorg gestart", "in progress";
        OnHold = "on_hold", "zorg gepauzeerd", "on hold";
        Completed = "completed", "afgerond", "completed";
        Cancelled = "cancelled", "ingetrokken", "cancelled";
        Failed = "failed", "mislukt", "failed";
    }
}

impl OfferStatus {
    /// Whether the team may still answer the offer (accept or reject it).
    pub fn is_open(self) -> bool {
        matches!(self, OfferStatus::Requested | OfferStatus::Received)
    }
    /// Whether this offer holds the referral's placement (accepted, care running or paused).
    pub fn holds_placement(self) -> bool {
        matches!(self, OfferStatus::Accepted | OfferStatus::InProgress | OfferStatus::OnHold)
    }
}

code_enum! {
    /// Status of a referral (*verwijzing*, one client request). The FHIR Task codes that make
    /// sense for the whole request, plus `escalated`: unplaced too long or declined too often,
    /// and handed to the accountable party (*aanspreekbare partij*) of the coordination point.
    ReferralStatus, "referral status" {
        /// Being prepared by the referrer; no team has seen it.
        Draft = "draft", "concept", "draft";
        /// Sent; offers may be out; nobody has accepted yet.
        Requested = "requested", "aangevraagd", "requested";
        /// One team accepted; care has not started.
        Accepted = "accepted", "geaccepteerd", "accepted";
        /// Care started: the client is placed.
        InProgress = "in_progress", "zorg gestart", "in progress";
        /// Care paused (for example a hospital stay).
        OnHold = "on_hold", "zorg gepauzeerd", "on hold";
        /// Care finished.
        Completed = "completed", "afgerond", "completed";
        /// Withdrawn by the referrer or coordination point.
        Cancelled = "cancelled", "ingetrokken", "cancelled";
        /// Closed without (lasting) placement.
        Failed = "failed", "mislukt", "failed";
        /// Unplaced past a limit; the accountable party has it now. Offers continue.
        Escalated = "escalated", "geëscaleerd", "escalated";
    }
}

impl ReferralStatus {
    /// Whether the referral is still looking for a team (the escalation clock runs).
    pub fn is_unplaced(self) -> bool {
        matches!(self, ReferralStatus::Requested | ReferralStatus::Escalated)
    }
    /// Whether no further event can change the referral.
    pub fn is_final(self) -> bool {
        matches!(self, ReferralStatus::Completed | ReferralStatus::Cancelled | ReferralStatus::Failed)
    }
}

code_enum! {
    /// Why an offer was rejected or cancelled, or a referral cancelled or failed
    /// (*reden van afwijzing*). These are the monitoring data of where placement gets stuck.
    ReferralReason, "reason code" {
        NoCapacity = "no_capacity", "geen capaciteit", "no capacity";
        Waitlist = "waitlist", "wachtlijst", "waitlist";
        OutsideArea = "outside_area", "buiten werkgebied", "outside service area";
        CareNotOffered = "care_not_offered", "zorgsoort niet geleverd", "care type not offered";
        LevelNotAvailable = "level_not_available", "deskundigheidsniveau niet beschikbaar", "nurse level not available";
        ClientUnreachable = "client_unreachable", "cliënt niet bereikbaar", "client unreachable";
        ClientDeclined = "client_declined", "cliënt ziet af", "client declined";
        /// Needs a short free text.
        Other = "other", "anders", "other";
    }
}

code_enum! {
    /// What made a referral escalate.
    EscalationTrigger, "escalation trigger" {
        /// Unplaced longer than the coordination point allows (acute and non-acute differ).
        UnplacedTooLong = "unplaced_too_long", "te lang niet geplaatst", "unplaced too long";
        /// As many teams declined as the coordination point allows.
        Declines = "declines", "te vaak afgewezen", "declined too often";
    }
}

/// A reason code with, for the code `other` only, a short free text.
///
/// The text is for the professionals' own categories ("team on training day"), never for client
/// details: it must not contain a name, BSN, diagnosis or address. wijknet cannot detect personal
/// data reliably, so it keeps the room small instead: 1 to 200 characters, no control characters,
/// and no text at all next to the other codes.
///
/// In Kotlin and Swift `Reason(code, text)`. A reason built there is checked when its event is
/// (text only with `Other`, at most 200 characters, no control characters), with the path of the
/// field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "ReasonWire")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reason {
    /// The reason code.
    code: ReferralReason,
    /// A short free text, for the code `Other` only; never personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    text: Option<String>,
}

impl Reason {
    /// Longest free text accepted, in characters.
    pub const MAX_TEXT: usize = 200;

    /// A reason without text (every code except `other`).
    pub fn new(code: ReferralReason) -> Result<Self, &'static str> {
        Self::with_text(code, None)
    }

    /// Validates the code/text pair; the error says what is wrong (never echoing the text).
    pub fn with_text(code: ReferralReason, text: Option<&str>) -> Result<Self, &'static str> {
        match (code, text) {
            (ReferralReason::Other, None) => Err("reason `other` needs a text"),
            (ReferralReason::Other, Some(t)) => {
                let t = t.trim();
                if t.is_empty() {
                    Err("reason text must not be empty")
                } else if t.chars().count() > Self::MAX_TEXT {
                    Err("reason text must be at most 200 characters")
                } else if t.chars().any(char::is_control) {
                    Err("reason text must not contain control characters")
                } else {
                    Ok(Self { code, text: Some(t.to_owned()) })
                }
            }
            (_, Some(_)) => Err("reason text is only allowed with code `other`"),
            (_, None) => Ok(Self { code, text: None }),
        }
    }

    /// The code.
    pub fn code(&self) -> ReferralReason {
        self.code
    }

    /// The free text (only for `other`).
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

/// A reason as read back from an answer's JSON: checked by the same rule as one built in code.
#[derive(serde::Deserialize)]
struct ReasonWire {
    code: ReferralReason,
    #[serde(default)]
    text: Option<String>,
}

impl TryFrom<ReasonWire> for Reason {
    type Error = &'static str;
    fn try_from(w: ReasonWire) -> Result<Self, Self::Error> {
        Reason::with_text(w.code, w.text.as_deref())
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The text is deliberately not shown: messages and logs carry codes only.
        f.write_str(self.code.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_needs_bounded_text() {
        assert!(Reason::new(ReferralReason::Other).is_err());
        assert!(Reason::with_text(ReferralReason::Other, Some("   ")).is_err());
        assert!(Reason::with_text(ReferralReason::Other, Some(&"x".repeat(201))).is_err());
        assert!(Reason::with_text(ReferralReason::Other, Some("a\u{0}b")).is_err());
        let r = Reason::with_text(ReferralReason::Other, Some(" team training day ")).unwrap();
        assert_eq!(r.text(), Some("team training day"));
        assert_eq!(r.to_string(), "other");
        assert!(Reason::with_text(ReferralReason::Other, Some(&"é".repeat(200))).is_ok());
    }

    #[test]
    fn text_only_with_other() {
        assert!(Reason::with_text(ReferralReason::NoCapacity, Some("full")).is_err());
        assert_eq!(Reason::new(ReferralReason::Waitlist).unwrap().code(), ReferralReason::Waitlist);
    }

    #[test]
    fn status_codes_are_fhir_like() {
        let codes: Vec<_> = OfferStatus::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(
            codes,
            [
                "draft",
                "requested",
                "received",
                "accepted",
                "rejected",
                "in_progress",
                "on_hold",
                "completed",
                "cancelled",
                "failed"
            ]
        );
        assert!(ReferralStatus::from_code("escalated").is_ok());
        assert!(ReferralStatus::from_code("received").is_err());
    }
}
