//! Every stable code of wijknet as a Kotlin/Swift enum, with its code and labels.
//!
//! The enums mirror the core's code enums one to one (same variants, same order), so the core
//! needs no uniffi dependency; the `From` conversions below are exhaustive matches, so a variant
//! added to the core without a mirror fails to compile here.

/// A code with its Dutch and English labels, for pick lists and reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct CodeLabel {
    /// The stable snake_case code, e.g. `wound_care`.
    pub code: String,
    /// Dutch label, as professionals say it.
    pub label_nl: String,
    /// English label.
    pub label_en: String,
    /// Stable small integer (the order of the list), equal to the Kotlin `ordinal`.
    pub index: u8,
}

macro_rules! mirror_codes {
    ($(
        $(#[$meta:meta])*
        $name:ident = $core:path { $($variant:ident),+ $(,)? }
    )+) => {
        $(
            $(#[$meta])*
            ///
            /// `code()` gives the stable string code, `labelNl()` / `labelEn()` the labels.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, uniffi::Enum)]
            pub enum $name { $($variant),+ }

            impl From<$core> for $name {
                fn from(v: $core) -> Self {
                    match v { $(<$core>::$variant => Self::$variant),+ }
                }
            }

            impl From<$name> for $core {
                fn from(v: $name) -> Self {
                    match v { $($name::$variant => <$core>::$variant),+ }
                }
            }

            #[uniffi::export]
            impl $name {
                /// The stable snake_case code used in documents and by every binding.
                pub fn code(&self) -> String {
                    <$core>::from(*self).code().to_owned()
                }
                /// Dutch label.
                pub fn label_nl(&self) -> String {
                    <$core>::from(*self).label_nl().to_owned()
                }
                /// English label.
                pub fn label_en(&self) -> String {
                    <$core>::from(*self).label_en().to_owned()
                }
            }
        )+

        /// The kinds of code, for [`code_list`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum CodeKind { $($name),+ }

        /// Every code of a kind with its labels, in stable order.
        #[uniffi::export]
        pub fn code_list(kind: CodeKind) -> Vec<CodeLabel> {
            match kind {
                $(CodeKind::$name => <$core>::ALL
                    .iter()
                    .map(|c| CodeLabel {
                        code: c.code().to_owned(),
                        label_nl: c.label_nl().to_owned(),
                        label_en: c.label_en().to_owned(),
                        index: c.index(),
                    })
                    .collect(),)+
            }
        }

        #[cfg(test)]
        pub(crate) fn code_list_core_len(kind: CodeKind) -> usize {
            match kind { $(CodeKind::$name => <$core>::ALL.len(),)+ }
        }

        /// Whether every mirror enum declares its variants in the core's order (so a Kotlin
        /// `ordinal` equals the core's stable index).
        #[cfg(test)]
        pub(crate) fn mirror_order_matches_core() -> bool {
            true $(&& <$core>::ALL.iter().enumerate().all(|(i, c)| $name::from(*c) as usize == i))+
        }
    };
}

mirror_codes! {
    /// Care types (*zorgsoorten*), including the social-domain services a district nurse meets.
    CareType = wijknet::CareType {
        PersonalCare, Nursing, WoundCare, MedicalTechnical, PalliativeTerminal, DementiaCaseManagement,
        PlannedNightCare, UnplannedNightCare, AlarmResponse, MentalHealthNursing, ChildHomeNursing,
        WmoHouseholdHelp, WmoSupport,
    }
    /// Kinds of organisation in the registry.
    OrganisationKind = wijknet::OrganisationKind {
        HomeCareProvider, SoloNurse, GpPractice, HospitalTransferOffice, MunicipalitySocialTeam, Insurer, Pharmacy,
        WelfareOrganisation, CareCooperative, CoordinationPoint, Municipality,
    }
    /// Nurse qualification levels (3: verzorgende IG ... 6: bachelor wijkverpleegkundige).
    NurseLevel = wijknet::NurseLevel { Level3, Level4, Level5, Level6 }
    /// Parts of the day care is needed in.
    TimeOfDay = wijknet::TimeOfDay { Day, Evening, Night }
    /// Languages a client and a team's nurses speak (ISO 639 codes).
    Language = wijknet::Language {
        Dutch, English, German, French, Spanish, Portuguese, Polish, Romanian, Bulgarian, Turkish, Arabic, Tarifit,
        Papiamento, Sranan, Chinese, Ukrainian, Russian, Somali, Tigrinya, Persian, DutchSignLanguage,
    }
    /// What a team says about taking new clients.
    CapacityStatus = wijknet::CapacityStatus { Accepting, Waitlist, Full, Unknown }
    /// Funding streams (*financieringsstromen*): Zvw, Wmo, Wlz, Jeugdwet, subsidy.
    FundingStream = wijknet::FundingStream { Zvw, Wmo, Wlz, Jeugdwet, Subsidy }
    /// The client's insurance policy type, which decides what a non-contracted provider costs.
    PolicyType = wijknet::PolicyType { Natura, Restitution, Combination }
    /// Weekdays, for a contact person's reachable hours.
    Weekday = wijknet::Weekday { Mon, Tue, Wed, Thu, Fri, Sat, Sun }
    /// How soon care must start: acute (within 24 hours) or planned.
    Urgency = wijknet::matching::Urgency { Acute, Planned }
    /// The first matching rule a team failed (rules are checked in this order).
    ExclusionReason = wijknet::matching::ExclusionReason {
        RefusedByClient, OutsideArea, CareTypeNotOffered, NurseLevelTooLow, NoCommonLanguage, TimeOfDayNotCovered,
        InsurerNotContracted, NoCapacity, NoCapacityInTime,
    }
    /// Something a candidate's user should know before relying on it.
    CandidateFlag = wijknet::matching::CandidateFlag { CapacityStale, CapacityUnknown, Waitlist, NotContracted }
    /// How a match ended.
    MatchOutcome = wijknet::matching::MatchOutcome { CandidatesFound, NoEligibleTeam }
    /// The kind of agreement through which a candidate offers care it does not deliver itself.
    ViaKind = wijknet::matching::ViaKind { Subcontracting, SharedSpecialistTeam, NightRotation }
    /// Where the accountable party (when nobody can take a client) came from.
    AccountableSource = wijknet::matching::AccountableSource { CoordinationPoint, InsurerDutyOfCare }
    /// Kinds of collaboration agreement (*samenwerkingsafspraak*).
    AgreementKind = wijknet::agreements::AgreementKind {
        NightRotation, Subcontracting, SharedSpecialistTeam, CoordinationPoint, CaseCoordination, DelegatedMandate,
        DataSharing,
    }
    /// Life of an agreement.
    AgreementStatus = wijknet::agreements::AgreementStatus { Draft, Active, Suspended, Ended }
    /// How a night rota advances.
    RotaCycle = wijknet::agreements::RotaCycle { Daily, Weekly }
    /// What an agreement finding is about.
    FindingCode = wijknet::agreements::FindingCode {
        NightGap, OverlappingShifts, UnknownParty, UnknownTeam, ReviewOverdue, MandateExpired,
    }
    /// Whether anyone is on night duty.
    OnCallOutcome = wijknet::agreements::OnCallOutcome { Covered, NobodyOnDuty }
    /// Outcome of a delegated-mandate check, from least to most informative refusal, then allowed.
    MandateOutcome = wijknet::agreements::MandateOutcome {
        NoMandate, CareTypeNotMandated, MandateNotActive, MandateExpired, Allowed,
    }
    /// Categories of client data (*gegevenscategorieën*); a consent decision answers per category.
    DataCategory = wijknet::consent::DataCategory {
        IdentificationContact, Medical, NursingPlanReports, Medication, MentalHealth, SocialWmo, FinancialBilling,
        AdvanceDirectives,
    }
    /// Why data would be shared (*doel*).
    Purpose = wijknet::consent::Purpose {
        DirectCare, ReferralPlacement, CareCoordination, Billing, QualityMonitoring, Research, Emergency,
    }
    /// The role an organisation acts in when it discloses or receives data.
    RecipientRole = wijknet::consent::RecipientRole {
        Gp, Hospital, HomeCareProvider, Pharmacy, MunicipalitySocialTeam, Insurer, CoordinationPoint,
        WelfareOrganisation,
    }
    /// How the data would travel: directly, or through an exchange system (which needs explicit
    /// consent per recipient category).
    ConsentChannel = wijknet::consent::ConsentChannel { Direct, ExchangeSystem }
    /// What the discloser must do when sharing is permitted.
    Obligation = wijknet::consent::Obligation { LogDisclosure, InformClient, Pseudonymise }
    /// How matching consent provisions and objections are combined.
    CombiningPolicy = wijknet::consent::CombiningPolicy { MostSpecificWins, DenyOverrides, MostRecentWins }
    /// The effect of a consent provision.
    ConsentEffect = wijknet::consent::ConsentEffect { Permit, Deny }
    /// The answer for one data category: permit, deny, or no applicable consent (nothing is
    /// shared, but nobody said no: ask the client).
    ConsentOutcome = wijknet::consent::ConsentOutcome { Permit, Deny, NoApplicableConsent }
    /// The rule that decided one category.
    ConsentBasis = wijknet::consent::ConsentBasis {
        TreatmentRelationship, SharingAgreement, ExplicitConsent, RepresentativeConsent, JointConsent,
        InsurerNarrowBasis, AggregatedOnly, Emergency, Objection, ConsentDenied, ConsentWithdrawn, NoBasis,
    }
    /// Why a break-glass request is made.
    EmergencyReason = wijknet::consent::EmergencyReason {
        LifeThreatening, ClientUnconscious, AcuteCrisis, OtherVitalInterest,
    }
    /// The state of a consent record or objection.
    ConsentRecordStatus = wijknet::consent::ConsentRecordStatus { Active, Withdrawn, Superseded }
    /// How a representative is related to the client.
    RepresentativeRelation = wijknet::consent::RepresentativeRelation {
        Parent, Guardian, Mentor, Authorised, Partner, Family,
    }
    /// Who decides about sharing for a client at the decision time (WGBO age rules).
    WhoDecides = wijknet::consent::WhoDecides { Client, Representative, ClientAndRepresentative }
    /// Whether a trace entry or deciding provision is a consent or an objection.
    ConsentSourceKind = wijknet::consent::ConsentSourceKind { Consent, Objection }
    /// Why a consent or objection did or did not take part in a decision.
    ConsentTraceReason = wijknet::consent::ConsentTraceReason {
        Applied, Withdrawn, Superseded, OutsidePeriod, RecordedAfterDecision, OtherChannel, NotGivenByDecider,
        NotSpecificToRecipient, NoMatchingProvision,
    }
    /// Status of one offer to a team (FHIR Task status).
    OfferStatus = wijknet::referral::OfferStatus {
        Draft, Requested, Received, Accepted, Rejected, InProgress, OnHold, Completed, Cancelled, Failed,
    }
    /// Status of a referral.
    ReferralStatus = wijknet::referral::ReferralStatus {
        Draft, Requested, Accepted, InProgress, OnHold, Completed, Cancelled, Failed, Escalated,
    }
    /// Why an offer was declined or cancelled, or a referral closed.
    ReferralReason = wijknet::referral::ReferralReason {
        NoCapacity, Waitlist, OutsideArea, CareNotOffered, LevelNotAvailable, ClientUnreachable, ClientDeclined, Other,
    }
    /// What made a referral escalate.
    EscalationTrigger = wijknet::referral::EscalationTrigger { UnplacedTooLong, Declines }
    /// The kinds of referral event, as stable `type` codes.
    ReferralEventType = wijknet::referral::ReferralEventType {
        Created, Submitted, OfferSent, OfferReceived, OfferAccepted, OfferRejected, OfferCancelled, CareStarted,
        CarePaused, CareResumed, CareCompleted, CareFailed, Escalated, ReferralCancelled, ReferralFailed,
    }
}

/// Codes of a set, in stable order.
pub(crate) fn list<C, M>(set: wijknet::CodeSet<C>) -> Vec<M>
where
    C: wijknet::codes::Code,
    M: From<C>,
{
    set.iter().map(M::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_lists_every_core_code_in_order() {
        for kind in [CodeKind::CareType, CodeKind::ExclusionReason, CodeKind::MandateOutcome, CodeKind::Weekday] {
            let list = code_list(kind);
            assert_eq!(list.len(), code_list_core_len(kind));
            for (i, c) in list.iter().enumerate() {
                assert_eq!(usize::from(c.index), i);
            }
        }
        assert!(mirror_order_matches_core());
        assert_eq!(CareType::WoundCare.code(), "wound_care");
        assert_eq!(CareType::WoundCare.label_nl(), "wondzorg");
    }
}
