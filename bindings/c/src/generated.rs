//! Generated from the core's tables by `bindings/c/tests/generated.rs` (run it with
//! `WIJKNET_BLESS=1` to rewrite this file). Do not edit: change `wijknet::ERROR_CODES` or
//! `wijknet::codes::KINDS` instead.

/// Result of every fallible call. The numeric values are part of the ABI and are never renumbered:
/// new codes are only added. `WIJKNET_RESULT_OK` is 0; everything else is a failure whose details
/// are available from the `wijknet_last_error_*` functions on the same thread until the next call
/// into wijknet. `wijknet_last_error_code_name` gives the same stable code every other language
/// reports.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_result {
    /// `ok`: Success; outputs were written (C only: other languages return normally).
    Ok = 0,
    /// `null_argument`: A required pointer argument was NULL (C only); the message names the
    /// parameter.
    NullArgument = 1,
    /// `invalid_utf8`: A text argument was not valid UTF-8 (C only); the message names the
    /// parameter and byte offset.
    InvalidUtf8 = 2,
    /// `invalid_argument`: A scalar argument is out of its domain: an unknown code index, an
    /// impossible date, a length larger than `PTRDIFF_MAX`, an instant outside the supported range.
    InvalidArgument = 3,
    /// `out_of_range`: An index passed to an accessor is not below the corresponding count.
    OutOfRange = 4,
    /// `internal`: A bug inside wijknet panicked; the call had no effect and the library stays
    /// usable. Please report it with the message.
    Internal = 5,
    /// `json`: The input is not well-formed JSON, or a value has the wrong JSON type; one problem
    /// with the path where parsing stopped.
    Json = 10,
    /// `schema`: The document's `schema` tag is missing or names another schema.
    Schema = 11,
    /// `invalid`: The document parsed but breaks rules; every problem is listed with its path.
    Invalid = 12,
    /// `version_conflict`: An optimistic update was based on stale data: read the current version
    /// and retry.
    VersionConflict = 13,
    /// `not_found`: A referenced record does not exist, or an optional part of a result is absent.
    NotFound = 14,
    /// `transition`: A referral event is not allowed in the current state of the referral or of its
    /// offer, e.g. accepting an offer that was already rejected.
    Transition = 15,
    /// `duplicate_event`: An event with this id was already applied to the referral.
    DuplicateEvent = 16,
    /// `wrong_actor`: The event's actor may not make this change: only the offer's own team may
    /// accept or reject it, only the referrer or a coordinator may cancel.
    WrongActor = 17,
    /// `local_time`: A Dutch local time does not exist (the hour the clocks skip in spring: path
    /// `$.time`) or happens twice and the call did not say `first` or `second` (path
    /// `$.occurrence`).
    LocalTime = 18,
    /// `cancelled`: A long call (loading a national document, replaying a history, a what-if) was
    /// stopped by its progress callback; it had no effect.
    Cancelled = 19,
    /// `other`: A core error this version of a binding has no dedicated code for yet; the message
    /// and the string code tell what it is.
    Other = 99,
}

impl wijknet_result {
    /// Every result, in the order of the core's table.
    pub(crate) const ALL: &[Self] = &[
        Self::Ok,
        Self::NullArgument,
        Self::InvalidUtf8,
        Self::InvalidArgument,
        Self::OutOfRange,
        Self::Internal,
        Self::Json,
        Self::Schema,
        Self::Invalid,
        Self::VersionConflict,
        Self::NotFound,
        Self::Transition,
        Self::DuplicateEvent,
        Self::WrongActor,
        Self::LocalTime,
        Self::Cancelled,
        Self::Other,
    ];
}

/// Kinds of stable code, for `wijknet_code_name`, `wijknet_code_label`, `wijknet_code_index` and
/// `wijknet_code_count` (pass the value as `uint32_t`). Values are never renumbered; each kind's
/// name is the same in every language.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_code_kind {
    /// `care_type`: `wijknet_care_type`.
    CareType = 0,
    /// `organisation_kind`: `wijknet_organisation_kind`.
    OrganisationKind = 1,
    /// `nurse_level`: `wijknet_nurse_level`.
    NurseLevel = 2,
    /// `time_of_day`: `wijknet_time_of_day`.
    TimeOfDay = 3,
    /// `language`: `wijknet_language`.
    Language = 4,
    /// `capacity_status`: `wijknet_capacity_status`.
    CapacityStatus = 5,
    /// `funding_stream`: `wijknet_funding_stream`.
    FundingStream = 6,
    /// `policy_type`: `wijknet_policy_type`.
    PolicyType = 7,
    /// `weekday`: `wijknet_weekday`.
    Weekday = 8,
    /// `urgency`: `wijknet_urgency`.
    Urgency = 9,
    /// `exclusion_reason`: `wijknet_exclusion_reason`.
    ExclusionReason = 10,
    /// `candidate_flag`: `wijknet_candidate_flag`.
    CandidateFlag = 11,
    /// `match_outcome`: `wijknet_match_outcome`.
    MatchOutcome = 12,
    /// `via_kind`: `wijknet_via_kind`.
    ViaKind = 13,
    /// `accountable_source`: `wijknet_accountable_source`.
    AccountableSource = 14,
    /// `agreement_kind`: `wijknet_agreement_kind`.
    AgreementKind = 15,
    /// `agreement_status`: `wijknet_agreement_status`.
    AgreementStatus = 16,
    /// `rota_cycle`: `wijknet_rota_cycle`.
    RotaCycle = 17,
    /// `on_call_outcome`: `wijknet_on_call_outcome`.
    OnCallOutcome = 18,
    /// `mandate_outcome`: `wijknet_mandate_outcome`.
    MandateOutcome = 19,
    /// `finding_code`: `wijknet_finding_code`.
    FindingCode = 20,
    /// `data_category`: `wijknet_data_category`.
    DataCategory = 21,
    /// `purpose`: `wijknet_purpose`.
    Purpose = 22,
    /// `recipient_role`: `wijknet_recipient_role`.
    RecipientRole = 23,
    /// `consent_channel`: `wijknet_consent_channel`.
    ConsentChannel = 24,
    /// `obligation`: `wijknet_obligation`.
    Obligation = 25,
    /// `combining_policy`: `wijknet_combining_policy`.
    CombiningPolicy = 26,
    /// `consent_effect`: `wijknet_consent_effect`.
    ConsentEffect = 27,
    /// `consent_outcome`: `wijknet_consent_outcome`.
    ConsentOutcome = 28,
    /// `consent_basis`: `wijknet_consent_basis`.
    ConsentBasis = 29,
    /// `emergency_reason`: `wijknet_emergency_reason`.
    EmergencyReason = 30,
    /// `consent_record_status`: `wijknet_consent_record_status`.
    ConsentRecordStatus = 31,
    /// `representative_relation`: `wijknet_representative_relation`.
    RepresentativeRelation = 32,
    /// `who_decides`: `wijknet_who_decides`.
    WhoDecides = 33,
    /// `consent_source_kind`: `wijknet_consent_source_kind`.
    ConsentSourceKind = 34,
    /// `consent_trace_reason`: `wijknet_consent_trace_reason`.
    ConsentTraceReason = 35,
    /// `referral_status`: `wijknet_referral_status`.
    ReferralStatus = 36,
    /// `offer_status`: `wijknet_offer_status`.
    OfferStatus = 37,
    /// `referral_reason`: `wijknet_referral_reason`.
    ReferralReason = 38,
    /// `escalation_trigger`: `wijknet_escalation_trigger`.
    EscalationTrigger = 39,
    /// `referral_event_type`: `wijknet_referral_event_type`.
    ReferralEventType = 40,
    /// `occurrence`: `wijknet_occurrence`.
    Occurrence = 41,
    /// `local_time_problem`: `wijknet_local_time_problem`.
    LocalTimeProblem = 42,
    /// `data_form`: `wijknet_data_form`.
    DataForm = 43,
    /// `progress_step`: `wijknet_progress_step`.
    ProgressStep = 44,
    /// `visit_moment`: `wijknet_visit_moment`.
    VisitMoment = 45,
}

/// Care types (*zorgsoorten*) named in the sources, including the social-domain services a district
/// nurse meets in the social team. Code kind `care_type`; the integer of a code is its position in
/// the core's table (`codes::CareType::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_care_type {
    /// `personal_care`: personal care.
    PersonalCare = 0,
    /// `nursing`: nursing.
    Nursing = 1,
    /// `wound_care`: wound care.
    WoundCare = 2,
    /// `medical_technical`: medical-technical care.
    MedicalTechnical = 3,
    /// `palliative_terminal`: palliative and terminal care.
    PalliativeTerminal = 4,
    /// `dementia_case_management`: dementia case management.
    DementiaCaseManagement = 5,
    /// `planned_night_care`: planned night care.
    PlannedNightCare = 6,
    /// `unplanned_night_care`: unplanned night care.
    UnplannedNightCare = 7,
    /// `alarm_response`: alarm response.
    AlarmResponse = 8,
    /// `mental_health_nursing`: mental-health district nursing.
    MentalHealthNursing = 9,
    /// `child_home_nursing`: children's home nursing.
    ChildHomeNursing = 10,
    /// `wmo_household_help`: household help (Wmo).
    WmoHouseholdHelp = 11,
    /// `wmo_support`: support (Wmo).
    WmoSupport = 12,
}

/// Kinds of organisation in the registry. Code kind `organisation_kind`; the integer of a code is
/// its position in the core's table (`codes::OrganisationKind::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_organisation_kind {
    /// `home_care_provider`: home-care provider.
    HomeCareProvider = 0,
    /// `solo_nurse`: solo nurse.
    SoloNurse = 1,
    /// `gp_practice`: GP practice.
    GpPractice = 2,
    /// `hospital_transfer_office`: hospital transfer office.
    HospitalTransferOffice = 3,
    /// `municipality_social_team`: municipality social team.
    MunicipalitySocialTeam = 4,
    /// `insurer`: insurer.
    Insurer = 5,
    /// `pharmacy`: pharmacy.
    Pharmacy = 6,
    /// `welfare_organisation`: welfare organisation.
    WelfareOrganisation = 7,
    /// `care_cooperative`: care cooperative.
    CareCooperative = 8,
    /// `coordination_point`: coordination point.
    CoordinationPoint = 9,
    /// `municipality`: municipality.
    Municipality = 10,
}

/// Nurse qualification levels; a request may need a minimum. Code kind `nurse_level`; the integer
/// of a code is its position in the core's table (`codes::NurseLevel::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_nurse_level {
    /// `level_3`: certified carer (level 3).
    Level3 = 0,
    /// `level_4`: nurse (level 4).
    Level4 = 1,
    /// `level_5`: district nurse (level 5).
    Level5 = 2,
    /// `level_6`: district nurse (level 6).
    Level6 = 3,
}

/// Parts of the day care is needed in. Code kind `time_of_day`; the integer of a code is its
/// position in the core's table (`codes::TimeOfDay::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_time_of_day {
    /// `day`: day.
    Day = 0,
    /// `evening`: evening.
    Evening = 1,
    /// `night`: night.
    Night = 2,
}

/// Languages a client speaks and a team's nurses speak (ISO 639 codes). Code kind `language`; the
/// integer of a code is its position in the core's table (`codes::Language::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_language {
    /// `nl`: Dutch.
    Dutch = 0,
    /// `en`: English.
    English = 1,
    /// `de`: German.
    German = 2,
    /// `fr`: French.
    French = 3,
    /// `es`: Spanish.
    Spanish = 4,
    /// `pt`: Portuguese.
    Portuguese = 5,
    /// `pl`: Polish.
    Polish = 6,
    /// `ro`: Romanian.
    Romanian = 7,
    /// `bg`: Bulgarian.
    Bulgarian = 8,
    /// `tr`: Turkish.
    Turkish = 9,
    /// `ar`: Arabic.
    Arabic = 10,
    /// `rif`: Tarifit (Riffian Berber).
    Tarifit = 11,
    /// `pap`: Papiamento.
    Papiamento = 12,
    /// `srn`: Sranan Tongo.
    Sranan = 13,
    /// `zh`: Chinese.
    Chinese = 14,
    /// `uk`: Ukrainian.
    Ukrainian = 15,
    /// `ru`: Russian.
    Russian = 16,
    /// `so`: Somali.
    Somali = 17,
    /// `ti`: Tigrinya.
    Tigrinya = 18,
    /// `fa`: Persian.
    Persian = 19,
    /// `dse`: Sign Language of the Netherlands.
    DutchSignLanguage = 20,
}

/// What a team says about taking new clients. Code kind `capacity_status`; the integer of a code is
/// its position in the core's table (`codes::CapacityStatus::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_capacity_status {
    /// `accepting`: accepting.
    Accepting = 0,
    /// `waitlist`: waitlist.
    Waitlist = 1,
    /// `full`: full.
    Full = 2,
    /// `unknown`: unknown.
    Unknown = 3,
}

/// Funding streams (*financieringsstromen*). Code kind `funding_stream`; the integer of a code is
/// its position in the core's table (`codes::FundingStream::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_funding_stream {
    /// `zvw`: Health Insurance Act.
    Zvw = 0,
    /// `wmo`: Social Support Act.
    Wmo = 1,
    /// `wlz`: Long-term Care Act.
    Wlz = 2,
    /// `jeugdwet`: Youth Act.
    Jeugdwet = 3,
    /// `subsidy`: subsidy.
    Subsidy = 4,
}

/// The client's insurance policy type, which decides what a non-contracted provider costs. Code
/// kind `policy_type`; the integer of a code is its position in the core's table
/// (`codes::PolicyType::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_policy_type {
    /// `natura`: in-kind policy.
    Natura = 0,
    /// `restitution`: restitution policy.
    Restitution = 1,
    /// `combination`: combination policy.
    Combination = 2,
}

/// Weekdays, for a contact person's reachable hours. Code kind `weekday`; the integer of a code is
/// its position in the core's table (`codes::Weekday::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_weekday {
    /// `mon`: Monday.
    Mon = 0,
    /// `tue`: Tuesday.
    Tue = 1,
    /// `wed`: Wednesday.
    Wed = 2,
    /// `thu`: Thursday.
    Thu = 3,
    /// `fri`: Friday.
    Fri = 4,
    /// `sat`: Saturday.
    Sat = 5,
    /// `sun`: Sunday.
    Sun = 6,
}

/// How soon care must start. Code kind `urgency`; the integer of a code is its position in the
/// core's table (`matching::Urgency::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_urgency {
    /// `acute`: acute (within 24 hours).
    Acute = 0,
    /// `planned`: planned.
    Planned = 1,
}

/// The first rule a team failed. Code kind `exclusion_reason`; the integer of a code is its
/// position in the core's table (`matching::ExclusionReason::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_exclusion_reason {
    /// `refused_by_client`: refused by the client.
    RefusedByClient = 0,
    /// `outside_area`: outside the service area.
    OutsideArea = 1,
    /// `care_type_not_offered`: care type not offered.
    CareTypeNotOffered = 2,
    /// `nurse_level_too_low`: nurse level too low.
    NurseLevelTooLow = 3,
    /// `no_common_language`: no common language.
    NoCommonLanguage = 4,
    /// `time_of_day_not_covered`: time of day not covered.
    TimeOfDayNotCovered = 5,
    /// `insurer_not_contracted`: not contracted by the insurer.
    InsurerNotContracted = 6,
    /// `no_capacity`: no capacity.
    NoCapacity = 7,
    /// `no_capacity_in_time`: no capacity in time.
    NoCapacityInTime = 8,
    /// `not_enough_hours`: not enough free hours.
    NotEnoughHours = 9,
}

/// Something a candidate's user should know before relying on it. Code kind `candidate_flag`; the
/// integer of a code is its position in the core's table (`matching::CandidateFlag::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_candidate_flag {
    /// `capacity_stale`: capacity information is stale.
    CapacityStale = 0,
    /// `capacity_unknown`: capacity unknown.
    CapacityUnknown = 1,
    /// `waitlist`: waiting list.
    Waitlist = 2,
    /// `not_contracted`: not contracted: client may pay part.
    NotContracted = 3,
}

/// How a match ended. Code kind `match_outcome`; the integer of a code is its position in the
/// core's table (`matching::MatchOutcome::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_match_outcome {
    /// `candidates_found`: candidates found.
    CandidatesFound = 0,
    /// `no_eligible_team`: no eligible team.
    NoEligibleTeam = 1,
}

/// The kind of agreement through which a candidate offers care it does not deliver itself. Code
/// kind `via_kind`; the integer of a code is its position in the core's table
/// (`matching::ViaKind::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_via_kind {
    /// `subcontracting`: subcontracting.
    Subcontracting = 0,
    /// `shared_specialist_team`: shared specialist team.
    SharedSpecialistTeam = 1,
    /// `night_rotation`: night-care rotation.
    NightRotation = 2,
}

/// Where the accountable party came from. Code kind `accountable_source`; the integer of a code is
/// its position in the core's table (`matching::AccountableSource::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_accountable_source {
    /// `coordination_point`: coordination point.
    CoordinationPoint = 0,
    /// `insurer_duty_of_care`: insurer's duty of care.
    InsurerDutyOfCare = 1,
}

/// Kinds of agreement the regions in the sources actually make. Code kind `agreement_kind`; the
/// integer of a code is its position in the core's table (`agreements::AgreementKind::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_agreement_kind {
    /// `night_rotation`: night-care rotation.
    NightRotation = 0,
    /// `subcontracting`: subcontracting.
    Subcontracting = 1,
    /// `shared_specialist_team`: shared specialist team.
    SharedSpecialistTeam = 2,
    /// `coordination_point`: coordination point.
    CoordinationPoint = 3,
    /// `case_coordination`: case coordination.
    CaseCoordination = 4,
    /// `delegated_mandate`: delegated mandate.
    DelegatedMandate = 5,
    /// `data_sharing`: data-sharing agreement.
    DataSharing = 6,
}

/// Life of an agreement. Code kind `agreement_status`; the integer of a code is its position in the
/// core's table (`agreements::AgreementStatus::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_agreement_status {
    /// `draft`: draft.
    Draft = 0,
    /// `active`: active.
    Active = 1,
    /// `suspended`: suspended.
    Suspended = 2,
    /// `ended`: ended.
    Ended = 3,
}

/// How a night rota advances. Code kind `rota_cycle`; the integer of a code is its position in the
/// core's table (`agreements::RotaCycle::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_rota_cycle {
    /// `daily`: every night.
    Daily = 0,
    /// `weekly`: every week.
    Weekly = 1,
}

/// Whether anyone is on night duty. Code kind `on_call_outcome`; the integer of a code is its
/// position in the core's table (`agreements::OnCallOutcome::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_on_call_outcome {
    /// `covered`: covered.
    Covered = 0,
    /// `nobody_on_duty`: nobody on duty.
    NobodyOnDuty = 1,
}

/// Outcome of a delegated-mandate check, ordered from least to most informative refusal. Code kind
/// `mandate_outcome`; the integer of a code is its position in the core's table
/// (`agreements::MandateOutcome::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_mandate_outcome {
    /// `no_mandate`: no mandate.
    NoMandate = 0,
    /// `care_type_not_mandated`: care type not mandated.
    CareTypeNotMandated = 1,
    /// `mandate_not_active`: mandate not active.
    MandateNotActive = 2,
    /// `mandate_expired`: mandate expired.
    MandateExpired = 3,
    /// `allowed`: allowed.
    Allowed = 4,
}

/// What a finding is about. Code kind `finding_code`; the integer of a code is its position in the
/// core's table (`agreements::FindingCode::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_finding_code {
    /// `night_gap`: night with nobody on duty.
    NightGap = 0,
    /// `overlapping_shifts`: overlapping shifts.
    OverlappingShifts = 1,
    /// `unknown_party`: party not in the registry.
    UnknownParty = 2,
    /// `unknown_team`: team not in the registry.
    UnknownTeam = 3,
    /// `review_overdue`: review overdue.
    ReviewOverdue = 4,
    /// `mandate_expired`: mandate expired.
    MandateExpired = 5,
}

/// Categories of client data (*gegevenscategorieën*) that a request asks to share. Code kind
/// `data_category`; the integer of a code is its position in the core's table
/// (`consent::DataCategory::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_data_category {
    /// `identification_contact`: identification and contact.
    IdentificationContact = 0,
    /// `medical`: medical.
    Medical = 1,
    /// `nursing_plan_reports`: nursing plan and reports.
    NursingPlanReports = 2,
    /// `medication`: medication.
    Medication = 3,
    /// `mental_health`: mental health.
    MentalHealth = 4,
    /// `social_wmo`: social domain and Wmo.
    SocialWmo = 5,
    /// `financial_billing`: financial and billing.
    FinancialBilling = 6,
    /// `advance_directives`: advance directives.
    AdvanceDirectives = 7,
}

/// Why data would be shared (*doel*). Code kind `purpose`; the integer of a code is its position in
/// the core's table (`consent::Purpose::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_purpose {
    /// `direct_care`: direct care.
    DirectCare = 0,
    /// `referral_placement`: referral and placement.
    ReferralPlacement = 1,
    /// `care_coordination`: care coordination.
    CareCoordination = 2,
    /// `billing`: billing.
    Billing = 3,
    /// `quality_monitoring`: quality and monitoring.
    QualityMonitoring = 4,
    /// `research`: research.
    Research = 5,
    /// `emergency`: emergency.
    Emergency = 6,
}

/// The role in which an organisation discloses or receives data (*rol van de ontvanger*). Code kind
/// `recipient_role`; the integer of a code is its position in the core's table
/// (`consent::RecipientRole::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_recipient_role {
    /// `gp`: GP.
    Gp = 0,
    /// `hospital`: hospital.
    Hospital = 1,
    /// `home_care_provider`: home-care provider.
    HomeCareProvider = 2,
    /// `pharmacy`: pharmacy.
    Pharmacy = 3,
    /// `municipality_social_team`: municipality social team.
    MunicipalitySocialTeam = 4,
    /// `insurer`: insurer.
    Insurer = 5,
    /// `coordination_point`: coordination point.
    CoordinationPoint = 6,
    /// `welfare_organisation`: welfare organisation.
    WelfareOrganisation = 7,
}

/// How the data would travel. Code kind `consent_channel`; the integer of a code is its position in
/// the core's table (`consent::ConsentChannel::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_channel {
    /// `direct`: direct.
    Direct = 0,
    /// `exchange_system`: exchange system.
    ExchangeSystem = 1,
}

/// What the discloser must do when sharing is permitted. Code kind `obligation`; the integer of a
/// code is its position in the core's table (`consent::Obligation::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_obligation {
    /// `log_disclosure`: log the disclosure.
    LogDisclosure = 0,
    /// `inform_client`: inform the client.
    InformClient = 1,
    /// `pseudonymise`: share pseudonymised only.
    Pseudonymise = 2,
    /// `redact`: leave out the categories not permitted.
    Redact = 3,
}

/// How matching consent provisions and objections are combined. Code kind `combining_policy`; the
/// integer of a code is its position in the core's table (`consent::CombiningPolicy::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_combining_policy {
    /// `most_specific_wins`: most specific wins.
    MostSpecificWins = 0,
    /// `deny_overrides`: deny overrides.
    DenyOverrides = 1,
    /// `most_recent_wins`: most recent wins.
    MostRecentWins = 2,
}

/// The effect of a consent provision. Code kind `consent_effect`; the integer of a code is its
/// position in the core's table (`consent::ConsentEffect::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_effect {
    /// `permit`: permit.
    Permit = 0,
    /// `deny`: deny.
    Deny = 1,
}

/// The answer for one data category. Code kind `consent_outcome`; the integer of a code is its
/// position in the core's table (`consent::ConsentOutcome::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_outcome {
    /// `permit`: permit.
    Permit = 0,
    /// `deny`: deny.
    Deny = 1,
    /// `no_applicable_consent`: no applicable consent.
    NoApplicableConsent = 2,
}

/// The rule that decided one category: a legal basis, a consent, an objection, or the default. Code
/// kind `consent_basis`; the integer of a code is its position in the core's table
/// (`consent::ConsentBasis::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_basis {
    /// `treatment_relationship`: treatment relationship.
    TreatmentRelationship = 0,
    /// `sharing_agreement`: data-sharing agreement.
    SharingAgreement = 1,
    /// `explicit_consent`: explicit consent.
    ExplicitConsent = 2,
    /// `representative_consent`: representative's consent.
    RepresentativeConsent = 3,
    /// `joint_consent`: joint consent.
    JointConsent = 4,
    /// `insurer_narrow_basis`: insurer's narrow basis.
    InsurerNarrowBasis = 5,
    /// `aggregated_only`: aggregated or pseudonymised only.
    AggregatedOnly = 6,
    /// `emergency`: emergency.
    Emergency = 7,
    /// `objection`: objection.
    Objection = 8,
    /// `consent_denied`: consent denied.
    ConsentDenied = 9,
    /// `consent_withdrawn`: consent withdrawn.
    ConsentWithdrawn = 10,
    /// `no_basis`: no basis.
    NoBasis = 11,
}

/// Why a break-glass request is made. Code kind `emergency_reason`; the integer of a code is its
/// position in the core's table (`consent::EmergencyReason::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_emergency_reason {
    /// `life_threatening`: life-threatening situation.
    LifeThreatening = 0,
    /// `client_unconscious`: client unconscious.
    ClientUnconscious = 1,
    /// `acute_crisis`: acute crisis.
    AcuteCrisis = 2,
    /// `other_vital_interest`: other vital interest.
    OtherVitalInterest = 3,
}

/// The state of a consent record or objection. Code kind `consent_record_status`; the integer of a
/// code is its position in the core's table (`consent::ConsentRecordStatus::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_record_status {
    /// `active`: active.
    Active = 0,
    /// `withdrawn`: withdrawn.
    Withdrawn = 1,
    /// `superseded`: superseded.
    Superseded = 2,
}

/// How a representative is related to the client. Code kind `representative_relation`; the integer
/// of a code is its position in the core's table (`consent::RepresentativeRelation::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_representative_relation {
    /// `parent`: parent.
    Parent = 0,
    /// `guardian`: guardian.
    Guardian = 1,
    /// `mentor`: mentor or curator.
    Mentor = 2,
    /// `authorised`: authorised representative.
    Authorised = 3,
    /// `partner`: partner.
    Partner = 4,
    /// `family`: family member.
    Family = 5,
}

/// Who decides about sharing for this client at the decision time (WGBO age rules). Code kind
/// `who_decides`; the integer of a code is its position in the core's table
/// (`consent::WhoDecides::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_who_decides {
    /// `client`: client.
    Client = 0,
    /// `representative`: representative.
    Representative = 1,
    /// `client_and_representative`: client and representative.
    ClientAndRepresentative = 2,
}

/// What a trace entry is about. Code kind `consent_source_kind`; the integer of a code is its
/// position in the core's table (`consent::ConsentSourceKind::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_source_kind {
    /// `consent`: consent.
    Consent = 0,
    /// `objection`: objection.
    Objection = 1,
}

/// Why a consent or objection did or did not take part in a decision. Code kind
/// `consent_trace_reason`; the integer of a code is its position in the core's table
/// (`consent::ConsentTraceReason::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_consent_trace_reason {
    /// `applied`: applied.
    Applied = 0,
    /// `withdrawn`: withdrawn.
    Withdrawn = 1,
    /// `superseded`: superseded.
    Superseded = 2,
    /// `outside_period`: outside its period.
    OutsidePeriod = 3,
    /// `recorded_after_decision`: recorded after the decision time.
    RecordedAfterDecision = 4,
    /// `other_channel`: another channel.
    OtherChannel = 5,
    /// `not_given_by_decider`: not given by whoever decides.
    NotGivenByDecider = 6,
    /// `not_specific_to_recipient`: not specific to this recipient.
    NotSpecificToRecipient = 7,
    /// `no_matching_provision`: no matching provision.
    NoMatchingProvision = 8,
    /// `recipient_not_named`: recipient organisation not named.
    RecipientNotNamed = 9,
}

/// Status of a referral (*verwijzing*, one client request). Code kind `referral_status`; the
/// integer of a code is its position in the core's table (`referral::ReferralStatus::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_referral_status {
    /// `draft`: draft.
    Draft = 0,
    /// `requested`: requested.
    Requested = 1,
    /// `accepted`: accepted.
    Accepted = 2,
    /// `in_progress`: in progress.
    InProgress = 3,
    /// `on_hold`: on hold.
    OnHold = 4,
    /// `completed`: completed.
    Completed = 5,
    /// `cancelled`: cancelled.
    Cancelled = 6,
    /// `failed`: failed.
    Failed = 7,
    /// `escalated`: escalated.
    Escalated = 8,
}

/// Status of one offer (*aanbod*): the request to one candidate team to take the client. Code kind
/// `offer_status`; the integer of a code is its position in the core's table
/// (`referral::OfferStatus::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_offer_status {
    /// `draft`: draft.
    Draft = 0,
    /// `requested`: requested.
    Requested = 1,
    /// `received`: received.
    Received = 2,
    /// `accepted`: accepted.
    Accepted = 3,
    /// `rejected`: rejected.
    Rejected = 4,
    /// `in_progress`: in progress.
    InProgress = 5,
    /// `on_hold`: on hold.
    OnHold = 6,
    /// `completed`: completed.
    Completed = 7,
    /// `cancelled`: cancelled.
    Cancelled = 8,
    /// `failed`: failed.
    Failed = 9,
}

/// Why an offer was rejected or cancelled, or a referral cancelled or failed (*reden van
/// afwijzing*). Code kind `referral_reason`; the integer of a code is its position in the core's
/// table (`referral::ReferralReason::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_referral_reason {
    /// `no_capacity`: no capacity.
    NoCapacity = 0,
    /// `waitlist`: waitlist.
    Waitlist = 1,
    /// `outside_area`: outside service area.
    OutsideArea = 2,
    /// `care_not_offered`: care type not offered.
    CareNotOffered = 3,
    /// `level_not_available`: nurse level not available.
    LevelNotAvailable = 4,
    /// `client_unreachable`: client unreachable.
    ClientUnreachable = 5,
    /// `client_declined`: client declined.
    ClientDeclined = 6,
    /// `other`: other.
    Other = 7,
}

/// What made a referral escalate. Code kind `escalation_trigger`; the integer of a code is its
/// position in the core's table (`referral::EscalationTrigger::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_escalation_trigger {
    /// `unplaced_too_long`: unplaced too long.
    UnplacedTooLong = 0,
    /// `declines`: declined too often.
    Declines = 1,
}

/// The kinds of change, as stable `type` codes. Code kind `referral_event_type`; the integer of a
/// code is its position in the core's table (`referral::ReferralEventType::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_referral_event_type {
    /// `created`: created.
    Created = 0,
    /// `submitted`: submitted.
    Submitted = 1,
    /// `offer_sent`: offer sent.
    OfferSent = 2,
    /// `offer_received`: offer received.
    OfferReceived = 3,
    /// `offer_accepted`: offer accepted.
    OfferAccepted = 4,
    /// `offer_rejected`: offer rejected.
    OfferRejected = 5,
    /// `offer_cancelled`: offer cancelled.
    OfferCancelled = 6,
    /// `care_started`: care started.
    CareStarted = 7,
    /// `care_paused`: care paused.
    CarePaused = 8,
    /// `care_resumed`: care resumed.
    CareResumed = 9,
    /// `care_completed`: care completed.
    CareCompleted = 10,
    /// `care_failed`: care failed.
    CareFailed = 11,
    /// `escalated`: escalated.
    Escalated = 12,
    /// `referral_cancelled`: referral cancelled.
    ReferralCancelled = 13,
    /// `referral_failed`: referral failed.
    ReferralFailed = 14,
}

/// Which of the two moments a repeated Dutch local time means (the hour from 02:00 to 03:00 on the
/// last Sunday of October happens twice). Code kind `occurrence`; the integer of a code is its
/// position in the core's table (`local_time::Occurrence::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_occurrence {
    /// `first`: first time (summer time).
    First = 0,
    /// `second`: second time (winter time).
    Second = 1,
}

/// Why a Dutch local date and time does not name exactly one instant. Code kind
/// `local_time_problem`; the integer of a code is its position in the core's table
/// (`local_time::LocalTimeProblem::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_local_time_problem {
    /// `does_not_exist`: does not exist (clocks go forward).
    DoesNotExist = 0,
    /// `occurs_twice`: occurs twice (clocks go back).
    OccursTwice = 1,
}

/// In what form the data would be shared: about a known client, under a pseudonym, or only as
/// counts over many clients. Code kind `data_form`; the integer of a code is its position in the
/// core's table (`consent::DataForm::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_data_form {
    /// `identified`: identified.
    Identified = 0,
    /// `pseudonymised`: pseudonymised.
    Pseudonymised = 1,
    /// `aggregated`: aggregated.
    Aggregated = 2,
}

/// The step of a long call, as reported to a progress observer. Code kind `progress_step`; the
/// integer of a code is its position in the core's table (`progress::ProgressStep::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_progress_step {
    /// `read`: read.
    Read = 0,
    /// `check`: check.
    Check = 1,
    /// `index`: index.
    Index = 2,
    /// `replay`: replay.
    Replay = 3,
    /// `what_if`: what-if.
    WhatIf = 4,
}

/// When in the day a visit is needed (*zorgmoment*). Code kind `visit_moment`; the integer of a
/// code is its position in the core's table (`volume::VisitMoment::ALL`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum wijknet_visit_moment {
    /// `morning`: morning.
    Morning = 0,
    /// `afternoon`: afternoon.
    Afternoon = 1,
    /// `evening`: evening.
    Evening = 2,
    /// `night`: night.
    Night = 3,
}
