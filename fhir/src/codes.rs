//! Identifier systems, code systems, extension URLs and the code mappings (documented in the
//! crate docs, "Codes and mappings").

use wijknet::consent::{ConsentRecordStatus, Purpose};
use wijknet::{CareType, OrganisationKind};

/// wijknet's own namespace for the code systems, naming systems and extensions it defines. It is
/// the workspace's repository address (`example.invalid`: a placeholder that can never belong to
/// anyone else) until the project publishes a canonical address; every URL below is built from it.
pub const NS: &str = "https://example.invalid/wijknet/fhir";

macro_rules! url {
    ($name:ident, $path:literal, $doc:literal) => {
        #[doc = $doc]
        pub const $name: &str = concat!("https://example.invalid/wijknet/fhir", $path);
    };
}

// ---- identifier systems (public Dutch naming systems) ----
/// URA (UZI register subscriber number) of an organisation.
pub const URA: &str = "http://fhir.nl/fhir/NamingSystem/ura";
/// AGB code (Vektis) of a care provider.
pub const AGB: &str = "http://fhir.nl/fhir/NamingSystem/agb-z";
/// KvK number (chamber of commerce).
pub const KVK: &str = "http://fhir.nl/fhir/NamingSystem/kvk";
/// BSN (citizen service number).
pub const BSN: &str = "http://fhir.nl/fhir/NamingSystem/bsn";
/// RoleCodeNL care provider types of organisations (Nictiz).
pub const ORGANIZATION_TYPE: &str = "http://nictiz.nl/fhir/NamingSystem/organization-type";

// ---- HL7 code systems ----
/// HL7 v3 ActReason (purpose of use).
pub const V3_ACT_REASON: &str = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
/// HL7 v3 ParticipationType (consent actor roles).
pub const V3_PARTICIPATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
/// FHIR consent scope.
pub const CONSENT_SCOPE: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
/// FHIR consent action.
pub const CONSENT_ACTION: &str = "http://terminology.hl7.org/CodeSystem/consentaction";
/// LOINC.
pub const LOINC: &str = "http://loinc.org";
/// FHIR location physical type.
pub const LOCATION_PHYSICAL_TYPE: &str = "http://terminology.hl7.org/CodeSystem/location-physical-type";
/// FHIR audit event type.
pub const AUDIT_EVENT_TYPE: &str = "http://terminology.hl7.org/CodeSystem/audit-event-type";
/// BCP 47 language tags (HealthcareService.communication); wijknet's ISO 639 codes are tags.
pub const BCP47: &str = "urn:ietf:bcp:47";
/// FHIR data-absent-reason extension.
pub const DATA_ABSENT_REASON: &str = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

// ---- wijknet's own ----
url!(REGISTRY_ID, "/NamingSystem/registry-id", "A wijknet registry id that is not a valid FHIR id (`_`, `:`).");
url!(MUNICIPALITY, "/NamingSystem/municipality", "A municipality code (`GM0153`) of a registry.");
url!(CS_CARE_TYPE, "/CodeSystem/care-type", "wijknet care types (`wound_care`, ...).");
url!(CS_ORG_KIND, "/CodeSystem/organisation-kind", "wijknet organisation kinds.");
url!(CS_NURSE_LEVEL, "/CodeSystem/nurse-level", "wijknet nurse levels, as HealthcareService.characteristic.");
url!(CS_SERVICE_KIND, "/CodeSystem/service-kind", "`team` or `coordination_point`, as HealthcareService.category.");
url!(CS_AREA_KIND, "/CodeSystem/area-kind", "`pc4`, `pc4_range`, `pc6`, `municipality`, as Location.type.");
url!(CS_AFFILIATION, "/CodeSystem/affiliation", "`insurer_contract`, as OrganizationAffiliation.code.");
url!(CS_CONTACT, "/CodeSystem/contact", "`fixed_contact`, as PractitionerRole.code.");
url!(CS_CAPACITY_STATUS, "/CodeSystem/capacity-status", "wijknet capacity statuses.");
url!(CS_DATA_CATEGORY, "/CodeSystem/data-category", "wijknet data categories, as Consent provision.code.");
url!(CS_PURPOSE, "/CodeSystem/purpose", "wijknet purposes, as Consent provision.purpose.");
url!(CS_RECIPIENT_ROLE, "/CodeSystem/recipient-role", "wijknet recipient roles, as Consent provision.actor.role.");
url!(CS_CONSENT_KIND, "/CodeSystem/consent-kind", "`consent` or `objection`, as Consent.category.");
url!(CS_REFERRAL_REASON, "/CodeSystem/referral-reason", "wijknet referral reasons, as Task.statusReason.");
url!(CS_REFERRAL_STATUS, "/CodeSystem/referral-status", "wijknet referral statuses.");
url!(CS_ESCALATION_TRIGGER, "/CodeSystem/escalation-trigger", "wijknet escalation triggers.");
url!(CS_AUDIT, "/CodeSystem/audit", "`sharing_decision`, as AuditEvent.subtype; outcomes and bases.");
url!(EXT_CAPACITY, "/StructureDefinition/capacity", "A team's capacity (complex extension on HealthcareService).");
url!(
    EXT_EXCLUSION,
    "/StructureDefinition/coverage-exclusion",
    "A street (PC6 Location) a HealthcareService does not serve."
);
url!(EXT_PC4_RANGE, "/StructureDefinition/pc4-range", "An inclusive PC4 range (complex extension on Location).");
url!(EXT_MUNICIPALITY_PC4, "/StructureDefinition/municipality-pc4", "One PC4 of a municipality Location.");
url!(EXT_CHANNEL, "/StructureDefinition/consent-channel", "`direct` or `exchange_system` (on Consent).");
url!(EXT_RECORD_STATUS, "/StructureDefinition/record-status", "`superseded` (on an inactive Consent).");
url!(EXT_REFERRAL, "/StructureDefinition/referral", "The referral a ServiceRequest is (intake, status, escalation).");
url!(EXT_EVENT, "/StructureDefinition/referral-event", "The wijknet event a resource version records.");
url!(
    EXT_PROVISION_PERIOD,
    "/StructureDefinition/provision-period",
    "The root provision's own period (a Consent's period is its root `provision.period`)."
);
url!(
    EXT_DECISION,
    "/StructureDefinition/sharing-decision",
    "One category's outcome of a sharing decision (on AuditEvent.entity)."
);

/// A wijknet care type in its own code system; other systems are not mapped (crate docs).
pub fn care_type(system: Option<&str>, code: Option<&str>) -> Option<CareType> {
    (system == Some(CS_CARE_TYPE)).then(|| code.and_then(|c| CareType::from_code(c).ok())).flatten()
}

/// RoleCodeNL organisation types and the wijknet kind each stands for (crate docs).
pub const ORGANIZATION_TYPES: &[(&str, OrganisationKind)] = &[
    ("T2", OrganisationKind::HomeCareProvider),
    ("X3", OrganisationKind::HomeCareProvider),
    ("Z3", OrganisationKind::GpPractice),
    ("H1", OrganisationKind::GpPractice),
    ("V4", OrganisationKind::HospitalTransferOffice),
    ("V5", OrganisationKind::HospitalTransferOffice),
    ("V6", OrganisationKind::HospitalTransferOffice),
    ("A1", OrganisationKind::Pharmacy),
    ("J8", OrganisationKind::Pharmacy),
];

/// The organisation kind of an Organization.type coding: wijknet's own code system first, then
/// RoleCodeNL.
pub fn organisation_kind(system: Option<&str>, code: Option<&str>) -> Option<(OrganisationKind, bool)> {
    let code = code?;
    match system? {
        CS_ORG_KIND => OrganisationKind::from_code(code).ok().map(|k| (k, true)),
        ORGANIZATION_TYPE => ORGANIZATION_TYPES.iter().find(|(c, _)| *c == code).map(|(_, k)| (*k, false)),
        _ => None,
    }
}

/// The RoleCodeNL type written next to wijknet's own kind on export (the first of the table).
pub fn organization_type_of(kind: OrganisationKind) -> Option<&'static str> {
    ORGANIZATION_TYPES.iter().find(|(_, k)| *k == kind).map(|(c, _)| *c)
}

/// HL7 v3 purposes of use and the wijknet purpose each stands for (crate docs).
pub const PURPOSES_OF_USE: &[(&str, Purpose)] = &[
    ("TREAT", Purpose::DirectCare),
    ("COC", Purpose::CareCoordination),
    ("HPAYMT", Purpose::Billing),
    ("HQUALIMP", Purpose::QualityMonitoring),
    ("HRESCH", Purpose::Research),
    ("ETREAT", Purpose::Emergency),
];

/// A purpose from a Coding: wijknet's own system, then v3 ActReason.
pub fn purpose(system: Option<&str>, code: Option<&str>) -> Option<Purpose> {
    let code = code?;
    match system? {
        CS_PURPOSE => Purpose::from_code(code).ok(),
        V3_ACT_REASON => PURPOSES_OF_USE.iter().find(|(c, _)| *c == code).map(|(_, p)| *p),
        _ => None,
    }
}

/// The v3 purpose of use for a wijknet purpose, if there is one.
pub fn purpose_of_use(p: Purpose) -> Option<&'static str> {
    PURPOSES_OF_USE.iter().find(|(_, q)| *q == p).map(|(c, _)| *c)
}

/// FHIR Consent.status for a wijknet record status.
pub fn consent_status(s: ConsentRecordStatus) -> &'static str {
    match s {
        ConsentRecordStatus::Active => "active",
        ConsentRecordStatus::Withdrawn | ConsentRecordStatus::Superseded => "inactive",
    }
}

/// FHIR resource types of R4, so that a message can name the type it found without repeating
/// input text: the name shown is this table's, never the document's.
pub const RESOURCE_TYPES: &[&str] = &[
    "Account",
    "ActivityDefinition",
    "AdverseEvent",
    "AllergyIntolerance",
    "Appointment",
    "AppointmentResponse",
    "AuditEvent",
    "Basic",
    "Binary",
    "BiologicallyDerivedProduct",
    "BodyStructure",
    "Bundle",
    "CapabilityStatement",
    "CarePlan",
    "CareTeam",
    "CatalogEntry",
    "ChargeItem",
    "ChargeItemDefinition",
    "Claim",
    "ClaimResponse",
    "ClinicalImpression",
    "CodeSystem",
    "Communication",
    "CommunicationRequest",
    "CompartmentDefinition",
    "Composition",
    "ConceptMap",
    "Condition",
    "Consent",
    "Contract",
    "Coverage",
    "CoverageEligibilityRequest",
    "CoverageEligibilityResponse",
    "DetectedIssue",
    "Device",
    "DeviceDefinition",
    "DeviceMetric",
    "DeviceRequest",
    "DeviceUseStatement",
    "DiagnosticReport",
    "DocumentManifest",
    "DocumentReference",
    "EffectEvidenceSynthesis",
    "Encounter",
    "Endpoint",
    "EnrollmentRequest",
    "EnrollmentResponse",
    "EpisodeOfCare",
    "EventDefinition",
    "Evidence",
    "EvidenceVariable",
    "ExampleScenario",
    "ExplanationOfBenefit",
    "FamilyMemberHistory",
    "Flag",
    "Goal",
    "GraphDefinition",
    "Group",
    "GuidanceResponse",
    "HealthcareService",
    "ImagingStudy",
    "Immunization",
    "ImmunizationEvaluation",
    "ImmunizationRecommendation",
    "ImplementationGuide",
    "InsurancePlan",
    "Invoice",
    "Library",
    "Linkage",
    "List",
    "Location",
    "Measure",
    "MeasureReport",
    "Media",
    "Medication",
    "MedicationAdministration",
    "MedicationDispense",
    "MedicationKnowledge",
    "MedicationRequest",
    "MedicationStatement",
    "MessageDefinition",
    "MessageHeader",
    "NamingSystem",
    "NutritionOrder",
    "Observation",
    "ObservationDefinition",
    "OperationDefinition",
    "OperationOutcome",
    "Organization",
    "OrganizationAffiliation",
    "Parameters",
    "Patient",
    "PaymentNotice",
    "PaymentReconciliation",
    "Person",
    "PlanDefinition",
    "Practitioner",
    "PractitionerRole",
    "Procedure",
    "Provenance",
    "Questionnaire",
    "QuestionnaireResponse",
    "RelatedPerson",
    "RequestGroup",
    "ResearchDefinition",
    "ResearchElementDefinition",
    "ResearchStudy",
    "ResearchSubject",
    "RiskAssessment",
    "RiskEvidenceSynthesis",
    "Schedule",
    "SearchParameter",
    "ServiceRequest",
    "Slot",
    "Specimen",
    "SpecimenDefinition",
    "StructureDefinition",
    "StructureMap",
    "Subscription",
    "Substance",
    "SupplyDelivery",
    "SupplyRequest",
    "Task",
    "TerminologyCapabilities",
    "TestReport",
    "TestScript",
    "ValueSet",
    "VerificationResult",
    "VisionPrescription",
];

/// A resource type as a message may name it (`an unknown resource type` otherwise).
pub fn resource_type_shown(t: &str) -> &'static str {
    RESOURCE_TYPES.iter().find(|r| **r == t).copied().unwrap_or("an unknown resource type")
}

/// Whether `s` is a valid FHIR id (`[A-Za-z0-9\-\.]{1,64}`).
pub fn is_fhir_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// The FHIR id for a registry id: itself when valid, else `h-` and a stable hash (the registry
/// id then travels as an identifier of [`REGISTRY_ID`]).
pub fn fhir_id(id: &str) -> String {
    if is_fhir_id(id) { id.to_owned() } else { format!("h-{}", hash(&[id])) }
}

/// A stable 16-hex-digit hash (FNV-1a 64) of some texts, for generated resource ids.
pub fn hash(parts: &[&str]) -> String {
    let mut h = wijknet::consent::Fnv1a64::new();
    for p in parts {
        h.text(p);
    }
    format!("{:016x}", h.value())
}
