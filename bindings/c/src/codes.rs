//! Stable integer codes: every core code enum's `index()`, and lookups between integers, string
//! codes and Dutch/English labels.
//!
//! The integer of a code is the core's `index()` (its position in the core's `ALL` list), which
//! the core never reorders. The C enums below mirror the codes a host compares on the hot path;
//! a test checks that each mirror agrees with the core, value for value.

use std::ffi::{CString, c_char};
use std::sync::OnceLock;

use wijknet_core::agreements::{AgreementKind, AgreementStatus, FindingCode, MandateOutcome, OnCallOutcome, RotaCycle};
use wijknet_core::codes::Weekday;
use wijknet_core::matching::{AccountableSource, CandidateFlag, ExclusionReason, Outcome, Urgency, ViaKind};
use wijknet_core::{CapacityStatus, CareType, FundingStream, NurseLevel, OrganisationKind, PolicyType, TimeOfDay};
use wijknet_core::{consent, referral};

use crate::error::{Fail, wijknet_result};
use crate::ffi::{guard, out, text, wijknet_str, write_out};

/// Kinds of code, for `wijknet_code_name`, `wijknet_code_label`, `wijknet_code_index` and
/// `wijknet_code_count` (pass the value as `uint32_t`). Values are never renumbered.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_code_kind {
    /// `wijknet_care_type`.
    CareType = 0,
    /// Kinds of organisation in the registry.
    OrganisationKind = 1,
    /// Nurse levels (`level_3` .. `level_6`).
    NurseLevel = 2,
    /// `wijknet_time_of_day`.
    TimeOfDay = 3,
    /// `wijknet_capacity_status`.
    CapacityStatus = 4,
    /// Funding streams (Zvw, Wmo, ...).
    FundingStream = 5,
    /// Insurance policy types.
    PolicyType = 6,
    /// Days of the week, Monday first.
    Weekday = 7,
    /// Request urgency (`acute`, `planned`).
    Urgency = 8,
    /// `wijknet_exclusion_reason`.
    ExclusionReason = 9,
    /// `wijknet_candidate_flag`.
    CandidateFlag = 10,
    /// `wijknet_match_outcome`.
    MatchOutcome = 11,
    /// How a candidate offers care through an agreement.
    ViaKind = 12,
    /// `wijknet_accountable_source`.
    AccountableSource = 13,
    /// Kinds of agreement.
    AgreementKind = 14,
    /// Life of an agreement.
    AgreementStatus = 15,
    /// How a night rota advances.
    RotaCycle = 16,
    /// Outcome of the on-call query.
    OnCallOutcome = 17,
    /// `wijknet_mandate_outcome`.
    MandateOutcome = 18,
    /// Agreement check findings.
    FindingCode = 19,
    /// `wijknet_data_category`.
    DataCategory = 20,
    /// `wijknet_purpose`.
    Purpose = 21,
    /// `wijknet_recipient_role`.
    RecipientRole = 22,
    /// `wijknet_consent_channel`.
    ConsentChannel = 23,
    /// `wijknet_obligation`.
    Obligation = 24,
    /// `wijknet_combining_policy`.
    CombiningPolicy = 25,
    /// Effect of a consent provision (`permit`, `deny`).
    ConsentEffect = 26,
    /// `wijknet_consent_outcome`.
    ConsentOutcome = 27,
    /// `wijknet_consent_basis`.
    ConsentBasis = 28,
    /// `wijknet_emergency_reason`.
    EmergencyReason = 29,
    /// State of a consent record or objection.
    ConsentRecordStatus = 30,
    /// How a representative is related to the client.
    RepresentativeRelation = 31,
    /// `wijknet_who_decides`.
    WhoDecides = 32,
    /// What a consent trace entry is about.
    ConsentSourceKind = 33,
    /// Why a consent or objection did or did not take part in a decision.
    ConsentTraceReason = 34,
    /// `wijknet_referral_status`.
    ReferralStatus = 35,
    /// `wijknet_offer_status`: status of one offer to a team.
    OfferStatus = 36,
    /// Why an offer was rejected or cancelled, or a referral cancelled or failed.
    ReferralReason = 37,
    /// What made a referral escalate.
    EscalationTrigger = 38,
    /// Kinds of referral event (`created`, `offer_sent`, `offer_accepted`, ...).
    ReferralEventType = 39,
}

const KINDS: usize = 40;

/// Care types (`wijknet_code_kind` `CARE_TYPE`); integer = the core's `CareType::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_care_type {
    /// `personal_care`.
    PersonalCare = 0,
    /// `nursing`.
    Nursing = 1,
    /// `wound_care`.
    WoundCare = 2,
    /// `medical_technical`.
    MedicalTechnical = 3,
    /// `palliative_terminal`.
    PalliativeTerminal = 4,
    /// `dementia_case_management`.
    DementiaCaseManagement = 5,
    /// `planned_night_care`.
    PlannedNightCare = 6,
    /// `unplanned_night_care`.
    UnplannedNightCare = 7,
    /// `alarm_response`.
    AlarmResponse = 8,
    /// `mental_health_nursing`.
    MentalHealthNursing = 9,
    /// `child_home_nursing`.
    ChildHomeNursing = 10,
    /// `wmo_household_help`.
    WmoHouseholdHelp = 11,
    /// `wmo_support`.
    WmoSupport = 12,
}

/// Times of day; integer = the core's `TimeOfDay::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_time_of_day {
    /// `day`.
    Day = 0,
    /// `evening`.
    Evening = 1,
    /// `night`.
    Night = 2,
}

/// A team's capacity status; integer = the core's `CapacityStatus::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_capacity_status {
    /// `accepting`.
    Accepting = 0,
    /// `waitlist`.
    Waitlist = 1,
    /// `full`.
    Full = 2,
    /// `unknown`.
    Unknown = 3,
}

/// Why a team was excluded (the first rule it failed); integer = the core's
/// `ExclusionReason::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_exclusion_reason {
    /// `refused_by_client`.
    RefusedByClient = 0,
    /// `outside_area`.
    OutsideArea = 1,
    /// `care_type_not_offered`.
    CareTypeNotOffered = 2,
    /// `nurse_level_too_low`.
    NurseLevelTooLow = 3,
    /// `time_of_day_not_covered`.
    TimeOfDayNotCovered = 4,
    /// `insurer_not_contracted`.
    InsurerNotContracted = 5,
    /// `no_capacity`.
    NoCapacity = 6,
    /// `no_capacity_in_time`.
    NoCapacityInTime = 7,
}

/// Candidate flags: `wijknet_candidate.flags` has bit `1u << flag` set for each flag present;
/// integer = the core's `CandidateFlag::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_candidate_flag {
    /// `capacity_stale`: capacity information is older than the caller's threshold.
    CapacityStale = 0,
    /// `capacity_unknown`.
    CapacityUnknown = 1,
    /// `waitlist`.
    Waitlist = 2,
    /// `not_contracted`: the client may pay part of the bill.
    NotContracted = 3,
}

/// How a match ended; integer = the core's `Outcome::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_match_outcome {
    /// `candidates_found`.
    CandidatesFound = 0,
    /// `no_eligible_team`: see `wijknet_match_result_accountable`.
    NoEligibleTeam = 1,
}

/// Where the accountable party came from; integer = the core's `AccountableSource::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_accountable_source {
    /// `coordination_point`.
    CoordinationPoint = 0,
    /// `insurer_duty_of_care`.
    InsurerDutyOfCare = 1,
}

/// Outcome of a delegated-mandate check; integer = the core's `MandateOutcome::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_mandate_outcome {
    /// `no_mandate`.
    NoMandate = 0,
    /// `care_type_not_mandated`.
    CareTypeNotMandated = 1,
    /// `mandate_not_active`.
    MandateNotActive = 2,
    /// `mandate_expired`.
    MandateExpired = 3,
    /// `allowed`.
    Allowed = 4,
}

/// Categories of client data; integer = the core's `DataCategory::index()`, and
/// `wijknet_consent_query.categories` / `wijknet_consent_answer` bitmasks use bit `1u << value`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_data_category {
    /// `identification_contact`.
    IdentificationContact = 0,
    /// `medical`.
    Medical = 1,
    /// `nursing_plan_reports`.
    NursingPlanReports = 2,
    /// `medication`.
    Medication = 3,
    /// `mental_health`.
    MentalHealth = 4,
    /// `social_wmo`.
    SocialWmo = 5,
    /// `financial_billing`.
    FinancialBilling = 6,
    /// `advance_directives`.
    AdvanceDirectives = 7,
}

/// Why data would be shared; integer = the core's `Purpose::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_purpose {
    /// `direct_care`.
    DirectCare = 0,
    /// `referral_placement`.
    ReferralPlacement = 1,
    /// `care_coordination`.
    CareCoordination = 2,
    /// `billing`.
    Billing = 3,
    /// `quality_monitoring`.
    QualityMonitoring = 4,
    /// `research`.
    Research = 5,
    /// `emergency`.
    Emergency = 6,
}

/// The role in which an organisation discloses or receives; integer = the core's
/// `RecipientRole::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_recipient_role {
    /// `gp`.
    Gp = 0,
    /// `hospital`.
    Hospital = 1,
    /// `home_care_provider`.
    HomeCareProvider = 2,
    /// `pharmacy`.
    Pharmacy = 3,
    /// `municipality_social_team`.
    MunicipalitySocialTeam = 4,
    /// `insurer`.
    Insurer = 5,
    /// `coordination_point`.
    CoordinationPoint = 6,
    /// `welfare_organisation`.
    WelfareOrganisation = 7,
}

/// How the data would travel; integer = the core's `Channel::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_channel {
    /// `direct`.
    Direct = 0,
    /// `exchange_system`.
    ExchangeSystem = 1,
}

/// What the discloser must do when sharing; bit `1u << value` in
/// `wijknet_consent_answer.obligations[category]`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_obligation {
    /// `log_disclosure`.
    LogDisclosure = 0,
    /// `inform_client`.
    InformClient = 1,
    /// `pseudonymise`.
    Pseudonymise = 2,
}

/// How consent provisions and objections are combined; integer = the core's
/// `CombiningPolicy::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_combining_policy {
    /// `most_specific_wins` (the Dutch default).
    MostSpecificWins = 0,
    /// `deny_overrides`.
    DenyOverrides = 1,
    /// `most_recent_wins`.
    MostRecentWins = 2,
}

/// The answer for one data category; integer = the core's consent `Outcome::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_outcome {
    /// `permit`.
    Permit = 0,
    /// `deny`.
    Deny = 1,
    /// `no_applicable_consent`: nothing is shared, but nobody said no.
    NoApplicableConsent = 2,
}

/// The rule that decided a category; integer = the core's `Basis::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_basis {
    /// `treatment_relationship`.
    TreatmentRelationship = 0,
    /// `sharing_agreement`.
    SharingAgreement = 1,
    /// `explicit_consent`.
    ExplicitConsent = 2,
    /// `representative_consent`.
    RepresentativeConsent = 3,
    /// `joint_consent`.
    JointConsent = 4,
    /// `insurer_narrow_basis`.
    InsurerNarrowBasis = 5,
    /// `aggregated_only`.
    AggregatedOnly = 6,
    /// `emergency`.
    Emergency = 7,
    /// `objection`.
    Objection = 8,
    /// `consent_denied`.
    ConsentDenied = 9,
    /// `consent_withdrawn`.
    ConsentWithdrawn = 10,
    /// `no_basis`: the default deny.
    NoBasis = 11,
}

/// Why a break-glass request is made; integer = the core's `EmergencyReason::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_emergency_reason {
    /// `life_threatening`.
    LifeThreatening = 0,
    /// `client_unconscious`.
    ClientUnconscious = 1,
    /// `acute_crisis`.
    AcuteCrisis = 2,
    /// `other_vital_interest`.
    OtherVitalInterest = 3,
}

/// Who decides about sharing for the client; integer = the core's `WhoDecides::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_who_decides {
    /// `client`.
    Client = 0,
    /// `representative`.
    Representative = 1,
    /// `client_and_representative`.
    ClientAndRepresentative = 2,
}

/// Status of a referral; integer = the core's `ReferralStatus::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_referral_status {
    /// `draft`.
    Draft = 0,
    /// `requested`.
    Requested = 1,
    /// `accepted`.
    Accepted = 2,
    /// `in_progress`: care started.
    InProgress = 3,
    /// `on_hold`.
    OnHold = 4,
    /// `completed`.
    Completed = 5,
    /// `cancelled`.
    Cancelled = 6,
    /// `failed`.
    Failed = 7,
    /// `escalated`.
    Escalated = 8,
}

/// Status of one offer to a team; integer = the core's `TaskStatus::index()`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_offer_status {
    /// `draft`.
    Draft = 0,
    /// `requested`.
    Requested = 1,
    /// `received`.
    Received = 2,
    /// `accepted`.
    Accepted = 3,
    /// `rejected`.
    Rejected = 4,
    /// `in_progress`.
    InProgress = 5,
    /// `on_hold`.
    OnHold = 6,
    /// `completed`.
    Completed = 7,
    /// `cancelled`.
    Cancelled = 8,
    /// `failed`.
    Failed = 9,
}

/// Which label `wijknet_code_label` returns.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_language {
    /// Dutch, as professionals say it.
    Dutch = 0,
    /// English.
    English = 1,
}

/// (code, Dutch label, English label) per index, for one kind.
type Row = (&'static str, &'static str, &'static str);

macro_rules! rows {
    ($t:ty) => {
        <$t>::ALL.iter().map(|c| (c.code(), c.label_nl(), c.label_en())).collect::<Vec<Row>>()
    };
}

/// The rows of a kind, by its integer.
pub(crate) fn rows(kind: u32) -> Option<Vec<Row>> {
    Some(match kind {
        0 => rows!(CareType),
        1 => rows!(OrganisationKind),
        2 => rows!(NurseLevel),
        3 => rows!(TimeOfDay),
        4 => rows!(CapacityStatus),
        5 => rows!(FundingStream),
        6 => rows!(PolicyType),
        7 => rows!(Weekday),
        8 => rows!(Urgency),
        9 => rows!(ExclusionReason),
        10 => rows!(CandidateFlag),
        11 => rows!(Outcome),
        12 => rows!(ViaKind),
        13 => rows!(AccountableSource),
        14 => rows!(AgreementKind),
        15 => rows!(AgreementStatus),
        16 => rows!(RotaCycle),
        17 => rows!(OnCallOutcome),
        18 => rows!(MandateOutcome),
        19 => rows!(FindingCode),
        20 => rows!(consent::DataCategory),
        21 => rows!(consent::Purpose),
        22 => rows!(consent::RecipientRole),
        23 => rows!(consent::Channel),
        24 => rows!(consent::Obligation),
        25 => rows!(consent::CombiningPolicy),
        26 => rows!(consent::Effect),
        27 => rows!(consent::Outcome),
        28 => rows!(consent::Basis),
        29 => rows!(consent::EmergencyReason),
        30 => rows!(consent::RecordStatus),
        31 => rows!(consent::RepresentativeRelation),
        32 => rows!(consent::WhoDecides),
        33 => rows!(consent::SourceKind),
        34 => rows!(consent::TraceReason),
        35 => rows!(referral::ReferralStatus),
        36 => rows!(referral::TaskStatus),
        37 => rows!(referral::ReasonCode),
        38 => rows!(referral::EscalationTrigger),
        39 => rows!(referral::EventType),
        _ => return None,
    })
}

/// NUL-terminated copies of every code and label, made once: the host gets static strings.
type CRow = [CString; 3];
static TABLES: OnceLock<Vec<Vec<CRow>>> = OnceLock::new();

fn tables() -> &'static [Vec<CRow>] {
    TABLES.get_or_init(|| {
        (0..KINDS as u32)
            .map(|k| {
                rows(k)
                    .expect("every kind below KINDS has rows")
                    .into_iter()
                    .map(|(c, nl, en)| {
                        [CString::new(c), CString::new(nl), CString::new(en)].map(|s| s.expect("codes have no NUL"))
                    })
                    .collect()
            })
            .collect()
    })
}

fn kind_rows(kind: u32) -> Result<&'static [CRow], Fail> {
    tables()
        .get(kind as usize)
        .map(Vec::as_slice)
        .ok_or_else(|| Fail::argument("kind", format!("expected a `wijknet_code_kind` value below {}", tables().len())))
}

fn row(kind: u32, index: u32) -> Result<&'static CRow, Fail> {
    let rows = kind_rows(kind)?;
    rows.get(index as usize).ok_or_else(|| {
        Fail::argument("index", format!("expected an index below the count of the kind's codes, {}", rows.len()))
    })
}

fn static_str(s: &'static CString) -> wijknet_str {
    wijknet_str { ptr: s.as_ptr(), len: s.as_bytes().len() }
}

/// Number of codes of a kind (`wijknet_code_kind` value); valid indexes are `0..count`.
///
/// Errors: `INVALID_ARGUMENT` for an unknown kind; `NULL_ARGUMENT` if `out_count` is NULL.
///
/// # Safety
/// `out_count` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_code_count(kind: u32, out_count: *mut usize) -> wijknet_result {
    guard(|| {
        let o = out(out_count, "out_count")?;
        let n = kind_rows(kind)?.len();
        // SAFETY: checked non-null.
        unsafe { write_out(o, n) };
        Ok(())
    })
}

/// The stable string code (`"wound_care"`) of integer `index` in `kind`.
///
/// Ownership: the text is static (also NUL-terminated) and never freed. Errors:
/// `INVALID_ARGUMENT` for an unknown kind or index; `NULL_ARGUMENT` if `out_code` is NULL.
///
/// # Safety
/// `out_code` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_code_name(kind: u32, index: u32, out_code: *mut wijknet_str) -> wijknet_result {
    guard(|| {
        let o = out(out_code, "out_code")?;
        let r = row(kind, index)?;
        // SAFETY: checked non-null.
        unsafe { write_out(o, static_str(&r[0])) };
        Ok(())
    })
}

/// The Dutch or English label of integer `index` in `kind` (`language` is a
/// `wijknet_language` value).
///
/// Ownership: static (also NUL-terminated), never freed. Errors: `INVALID_ARGUMENT` for an
/// unknown kind, index or language; `NULL_ARGUMENT` if `out_label` is NULL.
///
/// # Safety
/// `out_label` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_code_label(
    kind: u32,
    index: u32,
    language: u32,
    out_label: *mut wijknet_str,
) -> wijknet_result {
    guard(|| {
        let o = out(out_label, "out_label")?;
        let r = row(kind, index)?;
        let s = match language {
            0 => &r[1],
            1 => &r[2],
            _ => return Err(Fail::argument("language", "expected a `wijknet_language` value (0 Dutch, 1 English)")),
        };
        // SAFETY: checked non-null.
        unsafe { write_out(o, static_str(s)) };
        Ok(())
    })
}

/// The integer of string code `code` (`code_len` bytes of UTF-8) in `kind`.
///
/// Errors: `NOT_FOUND` when the kind has no such code; `INVALID_ARGUMENT` for an unknown kind;
/// `NULL_ARGUMENT`; `INVALID_UTF8`.
///
/// # Safety
/// `code` must be NULL or point to `code_len` readable bytes; `out_index` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_code_index(
    kind: u32,
    code: *const c_char,
    code_len: usize,
    out_index: *mut u32,
) -> wijknet_result {
    guard(|| {
        let o = out(out_index, "out_index")?;
        // SAFETY: forwarded from the caller.
        let code = unsafe { text(code, code_len, "code") }?;
        let rows = kind_rows(kind)?;
        let i = rows
            .iter()
            .position(|r| r[0].as_bytes() == code.as_bytes())
            .ok_or_else(|| Fail::new(wijknet_result::NotFound, "`code` is not a code of this kind"))?;
        // SAFETY: checked non-null.
        unsafe { write_out(o, i as u32) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each C mirror enum agrees with the core: same count, and the mirror's integer gives the
    /// core value whose code is the mirror's name in snake case.
    macro_rules! agree {
        ($core:ty, [$($mirror:expr => $code:literal),+ $(,)?]) => {{
            let pairs: Vec<(u32, &str)> = vec![$(($mirror as u32, $code)),+];
            assert_eq!(pairs.len(), <$core>::ALL.len(), "{} count", stringify!($core));
            for (i, code) in pairs {
                assert_eq!(<$core>::from_index(i as u8).map(|c| c.code()), Some(code), "{}", stringify!($core));
            }
        }};
    }

    #[test]
    fn mirrors_agree_with_the_core() {
        use wijknet_care_type as C;
        agree!(CareType, [C::PersonalCare => "personal_care", C::Nursing => "nursing", C::WoundCare => "wound_care",
            C::MedicalTechnical => "medical_technical", C::PalliativeTerminal => "palliative_terminal",
            C::DementiaCaseManagement => "dementia_case_management", C::PlannedNightCare => "planned_night_care",
            C::UnplannedNightCare => "unplanned_night_care", C::AlarmResponse => "alarm_response",
            C::MentalHealthNursing => "mental_health_nursing", C::ChildHomeNursing => "child_home_nursing",
            C::WmoHouseholdHelp => "wmo_household_help", C::WmoSupport => "wmo_support"]);
        use wijknet_time_of_day as T;
        agree!(TimeOfDay, [T::Day => "day", T::Evening => "evening", T::Night => "night"]);
        use wijknet_capacity_status as S;
        agree!(CapacityStatus, [S::Accepting => "accepting", S::Waitlist => "waitlist", S::Full => "full",
            S::Unknown => "unknown"]);
        use wijknet_exclusion_reason as E;
        agree!(ExclusionReason, [E::RefusedByClient => "refused_by_client", E::OutsideArea => "outside_area",
            E::CareTypeNotOffered => "care_type_not_offered", E::NurseLevelTooLow => "nurse_level_too_low",
            E::TimeOfDayNotCovered => "time_of_day_not_covered", E::InsurerNotContracted => "insurer_not_contracted",
            E::NoCapacity => "no_capacity", E::NoCapacityInTime => "no_capacity_in_time"]);
        use wijknet_candidate_flag as F;
        agree!(CandidateFlag, [F::CapacityStale => "capacity_stale", F::CapacityUnknown => "capacity_unknown",
            F::Waitlist => "waitlist", F::NotContracted => "not_contracted"]);
        use wijknet_match_outcome as O;
        agree!(Outcome, [O::CandidatesFound => "candidates_found", O::NoEligibleTeam => "no_eligible_team"]);
        use wijknet_accountable_source as A;
        agree!(AccountableSource, [A::CoordinationPoint => "coordination_point",
            A::InsurerDutyOfCare => "insurer_duty_of_care"]);
        use wijknet_data_category as D;
        agree!(consent::DataCategory, [D::IdentificationContact => "identification_contact", D::Medical => "medical",
            D::NursingPlanReports => "nursing_plan_reports", D::Medication => "medication",
            D::MentalHealth => "mental_health", D::SocialWmo => "social_wmo", D::FinancialBilling => "financial_billing",
            D::AdvanceDirectives => "advance_directives"]);
        use wijknet_purpose as P;
        agree!(consent::Purpose, [P::DirectCare => "direct_care", P::ReferralPlacement => "referral_placement",
            P::CareCoordination => "care_coordination", P::Billing => "billing",
            P::QualityMonitoring => "quality_monitoring", P::Research => "research", P::Emergency => "emergency"]);
        use wijknet_recipient_role as R;
        agree!(consent::RecipientRole, [R::Gp => "gp", R::Hospital => "hospital",
            R::HomeCareProvider => "home_care_provider", R::Pharmacy => "pharmacy",
            R::MunicipalitySocialTeam => "municipality_social_team", R::Insurer => "insurer",
            R::CoordinationPoint => "coordination_point", R::WelfareOrganisation => "welfare_organisation"]);
        use wijknet_consent_channel as Ch;
        agree!(consent::Channel, [Ch::Direct => "direct", Ch::ExchangeSystem => "exchange_system"]);
        use wijknet_obligation as Ob;
        agree!(consent::Obligation, [Ob::LogDisclosure => "log_disclosure", Ob::InformClient => "inform_client",
            Ob::Pseudonymise => "pseudonymise"]);
        use wijknet_combining_policy as Cp;
        agree!(consent::CombiningPolicy, [Cp::MostSpecificWins => "most_specific_wins",
            Cp::DenyOverrides => "deny_overrides", Cp::MostRecentWins => "most_recent_wins"]);
        use wijknet_consent_outcome as Co;
        agree!(consent::Outcome, [Co::Permit => "permit", Co::Deny => "deny",
            Co::NoApplicableConsent => "no_applicable_consent"]);
        use wijknet_consent_basis as B;
        agree!(consent::Basis, [B::TreatmentRelationship => "treatment_relationship",
            B::SharingAgreement => "sharing_agreement", B::ExplicitConsent => "explicit_consent",
            B::RepresentativeConsent => "representative_consent", B::JointConsent => "joint_consent",
            B::InsurerNarrowBasis => "insurer_narrow_basis", B::AggregatedOnly => "aggregated_only",
            B::Emergency => "emergency", B::Objection => "objection", B::ConsentDenied => "consent_denied",
            B::ConsentWithdrawn => "consent_withdrawn", B::NoBasis => "no_basis"]);
        use wijknet_emergency_reason as Er;
        agree!(consent::EmergencyReason, [Er::LifeThreatening => "life_threatening",
            Er::ClientUnconscious => "client_unconscious", Er::AcuteCrisis => "acute_crisis",
            Er::OtherVitalInterest => "other_vital_interest"]);
        use wijknet_who_decides as W;
        agree!(consent::WhoDecides, [W::Client => "client", W::Representative => "representative",
            W::ClientAndRepresentative => "client_and_representative"]);
        use wijknet_referral_status as Rs;
        agree!(referral::ReferralStatus, [Rs::Draft => "draft", Rs::Requested => "requested",
            Rs::Accepted => "accepted", Rs::InProgress => "in_progress", Rs::OnHold => "on_hold",
            Rs::Completed => "completed", Rs::Cancelled => "cancelled", Rs::Failed => "failed",
            Rs::Escalated => "escalated"]);
        use wijknet_offer_status as Os;
        agree!(referral::TaskStatus, [Os::Draft => "draft", Os::Requested => "requested", Os::Received => "received",
            Os::Accepted => "accepted", Os::Rejected => "rejected", Os::InProgress => "in_progress",
            Os::OnHold => "on_hold", Os::Completed => "completed", Os::Cancelled => "cancelled",
            Os::Failed => "failed"]);
        use wijknet_mandate_outcome as M;
        agree!(MandateOutcome, [M::NoMandate => "no_mandate", M::CareTypeNotMandated => "care_type_not_mandated",
            M::MandateNotActive => "mandate_not_active", M::MandateExpired => "mandate_expired",
            M::Allowed => "allowed"]);
    }

    #[test]
    fn every_kind_has_a_table_and_kinds_end_at_kinds() {
        assert_eq!(tables().len(), KINDS);
        assert!(rows(KINDS as u32).is_none());
        assert_eq!(rows(wijknet_code_kind::FindingCode as u32).unwrap()[0].0, FindingCode::ALL[0].code());
        assert_eq!(rows(wijknet_code_kind::Weekday as u32).unwrap().len(), 7);
    }
}
