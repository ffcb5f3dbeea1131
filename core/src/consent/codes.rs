//! Stable codes of consent-aware data sharing.
//!
//! Every code below crosses the boundary to the bindings and the conformance vectors, so the
//! string codes and the variant order are frozen once released: append, never rename or reorder.

use crate::codes::{Code, CodeSet, OrganisationKind, code_enum};

code_enum! {
    /// Categories of client data (*gegevenscategorieën*) that a request asks to share. A decision
    /// answers per category, because the law treats them differently (a GP may get the nursing plan
    /// but the municipality may not get medical data without consent).
    DataCategory, "data category" {
        /// Name, address, phone, pseudonymous identifiers (*identificatie- en contactgegevens*).
        IdentificationContact = "identification_contact", "identificatie- en contactgegevens", "identification and contact";
        /// Diagnoses, medical history (*medische gegevens*).
        Medical = "medical", "medische gegevens", "medical";
        /// The nursing plan and reports (*zorgplan en rapportages*).
        NursingPlanReports = "nursing_plan_reports", "zorgplan en rapportages", "nursing plan and reports";
        /// Medication overview (*medicatieoverzicht*).
        Medication = "medication", "medicatie", "medication";
        /// Mental-health data (*GGZ-gegevens*).
        MentalHealth = "mental_health", "GGZ-gegevens", "mental health";
        /// Social-domain and Wmo data (*sociaal domein en Wmo*).
        SocialWmo = "social_wmo", "sociaal domein en Wmo", "social domain and Wmo";
        /// Financial and billing data (*declaratie- en financiële gegevens*).
        FinancialBilling = "financial_billing", "declaratie- en financiële gegevens", "financial and billing";
        /// Advance directives, e.g. a do-not-resuscitate statement (*wilsverklaringen*).
        AdvanceDirectives = "advance_directives", "wilsverklaringen", "advance directives";
    }
}

impl DataCategory {
    /// Number of categories: the size of the fixed per-category array in a decision.
    pub const COUNT: usize = 8;

    /// Categories a treating care provider may need for care (WGBO): everything except
    /// social-domain and billing data, which have their own rules.
    pub const fn is_care_data(self) -> bool {
        !matches!(self, DataCategory::SocialWmo | DataCategory::FinancialBilling)
    }
}

code_enum! {
    /// Why data would be shared (*doel*). The legal bases depend on it.
    Purpose, "purpose" {
        /// Care for this client now (*directe zorgverlening*).
        DirectCare = "direct_care", "directe zorgverlening", "direct care";
        /// Referral and placement with a provider (*verwijzing en plaatsing*).
        ReferralPlacement = "referral_placement", "verwijzing en plaatsing", "referral and placement";
        /// Coordinating the care of several providers (*zorgcoördinatie*).
        CareCoordination = "care_coordination", "zorgcoördinatie", "care coordination";
        /// Declaring care to the payer (*declaratie*).
        Billing = "billing", "declaratie", "billing";
        /// Quality and monitoring (*kwaliteit en monitoring*).
        QualityMonitoring = "quality_monitoring", "kwaliteit en monitoring", "quality and monitoring";
        /// Scientific research (*wetenschappelijk onderzoek*).
        Research = "research", "wetenschappelijk onderzoek", "research";
        /// An emergency (*spoedsituatie*); break-glass itself is the request's explicit flag.
        Emergency = "emergency", "spoedsituatie", "emergency";
    }
}

impl Purpose {
    /// Purposes of care among directly involved providers (the WGBO treatment relationship).
    pub const fn is_care(self) -> bool {
        matches!(
            self,
            Purpose::DirectCare | Purpose::ReferralPlacement | Purpose::CareCoordination | Purpose::Emergency
        )
    }
    /// Purposes that only ever get aggregated or pseudonymised data without consent.
    pub const fn is_secondary_use(self) -> bool {
        matches!(self, Purpose::QualityMonitoring | Purpose::Research)
    }
}

code_enum! {
    /// The role in which an organisation discloses or receives data (*rol van de ontvanger*).
    /// Consent under the Wabvpz is given per category of recipient, i.e. per role.
    RecipientRole, "recipient role" {
        Gp = "gp", "huisarts", "GP";
        Hospital = "hospital", "ziekenhuis", "hospital";
        HomeCareProvider = "home_care_provider", "aanbieder wijkverpleging", "home-care provider";
        Pharmacy = "pharmacy", "apotheek", "pharmacy";
        MunicipalitySocialTeam = "municipality_social_team", "sociaal wijkteam", "municipality social team";
        Insurer = "insurer", "zorgverzekeraar", "insurer";
        CoordinationPoint = "coordination_point", "coördinatiepunt", "coordination point";
        WelfareOrganisation = "welfare_organisation", "welzijnsorganisatie", "welfare organisation";
    }
}

impl RecipientRole {
    /// Care providers covered by the WGBO treatment relationship (*behandelrelatie*).
    pub const fn is_care_provider(self) -> bool {
        matches!(
            self,
            RecipientRole::Gp | RecipientRole::Hospital | RecipientRole::HomeCareProvider | RecipientRole::Pharmacy
        )
    }
    /// Roles for which only explicit consent naming that recipient category can permit sharing
    /// (social domain and regional parties: Wabvpz consent per category of recipient).
    pub const fn needs_specific_consent(self) -> bool {
        matches!(
            self,
            RecipientRole::MunicipalitySocialTeam
                | RecipientRole::CoordinationPoint
                | RecipientRole::WelfareOrganisation
        )
    }
}

/// The roles an organisation of each registry kind can act in when it discloses or receives data
/// (*in welke rol een organisatie kan optreden*). A request that says the recipient's (or the
/// discloser's) kind must name one of these roles; a consent that names an organisation applies to
/// that organisation in any of them.
///
/// | kind | roles |
/// |---|---|
/// | `home_care_provider` (*aanbieder wijkverpleging*) | `home_care_provider` |
/// | `solo_nurse` (*zelfstandig wijkverpleegkundige*) | `home_care_provider` |
/// | `gp_practice` (*huisartsenpraktijk*) | `gp` |
/// | `hospital_transfer_office` (*transferbureau ziekenhuis*) | `hospital` |
/// | `municipality_social_team` (*sociaal wijkteam*) | `municipality_social_team` |
/// | `insurer` (*zorgverzekeraar*) | `insurer` |
/// | `pharmacy` (*apotheek*) | `pharmacy` |
/// | `welfare_organisation` (*welzijnsorganisatie*) | `welfare_organisation` |
/// | `care_cooperative` (*zorgcoöperatie*) | `home_care_provider`, `welfare_organisation` |
/// | `coordination_point` (*coördinatiepunt*) | `coordination_point` |
/// | `municipality` (*gemeente*) | `municipality_social_team` |
///
/// A municipality acts through its social team (*sociaal wijkteam*, Wmo access); a care
/// cooperative both provides care and runs welfare activities; a transfer office speaks for its
/// hospital. No kind acts as an insurer except an insurer, so the insurer's narrow basis cannot be
/// claimed by anyone else.
pub fn roles_of_kind(kind: OrganisationKind) -> CodeSet<RecipientRole> {
    use RecipientRole as R;
    let roles: &[RecipientRole] = match kind {
        OrganisationKind::HomeCareProvider | OrganisationKind::SoloNurse => &[R::HomeCareProvider],
        OrganisationKind::GpPractice => &[R::Gp],
        OrganisationKind::HospitalTransferOffice => &[R::Hospital],
        OrganisationKind::MunicipalitySocialTeam | OrganisationKind::Municipality => &[R::MunicipalitySocialTeam],
        OrganisationKind::Insurer => &[R::Insurer],
        OrganisationKind::Pharmacy => &[R::Pharmacy],
        OrganisationKind::WelfareOrganisation => &[R::WelfareOrganisation],
        OrganisationKind::CareCooperative => &[R::HomeCareProvider, R::WelfareOrganisation],
        OrganisationKind::CoordinationPoint => &[R::CoordinationPoint],
    };
    roles.iter().copied().collect()
}

code_enum! {
    /// In what form the data would be shared: about a known client, under a pseudonym, or only as
    /// counts over many clients. Monitoring and research without consent may only ever receive
    /// pseudonymised or aggregated data (AVG art. 89, WGBO art. 7:458), so the answer to those
    /// purposes depends on it.
    DataForm, "data_form" {
        /// About an identifiable client (*herleidbaar*).
        Identified = "identified", "herleidbaar", "identified";
        /// Under a pseudonym that only the discloser can trace back (*gepseudonimiseerd*).
        Pseudonymised = "pseudonymised", "gepseudonimiseerd", "pseudonymised";
        /// Counts and statistics over many clients, about no one (*geaggregeerd*).
        Aggregated = "aggregated", "geaggregeerd", "aggregated";
    }
}

code_enum! {
    /// How the data would travel. A regional exchange system (*landelijk schakelpunt*, regional
    /// platform) needs explicit consent per recipient category (Wabvpz), a direct disclosure
    /// between treating providers does not. Default: direct.
    #[derive(Default)]
    ConsentChannel, "channel" {
        /// One organisation discloses directly to another.
        #[default]
        Direct = "direct", "rechtstreeks", "direct";
        /// Through an electronic exchange system.
        ExchangeSystem = "exchange_system", "elektronisch uitwisselingssysteem", "exchange system";
    }
}

code_enum! {
    /// What the discloser must do when sharing is permitted.
    Obligation, "obligation" {
        /// Log the disclosure (NEN 7513).
        LogDisclosure = "log_disclosure", "verstrekking loggen", "log the disclosure";
        /// Inform the client afterwards (break-glass).
        InformClient = "inform_client", "cliënt informeren", "inform the client";
        /// Share only pseudonymised or aggregated data.
        Pseudonymise = "pseudonymise", "alleen gepseudonimiseerd delen", "share pseudonymised only";
        /// A partial deny: what is shared must leave out the categories the decision lists in
        /// its `redact` (every requested category that is not permitted), e.g. a transfer letter
        /// with the nursing plan but without the mental-health section.
        Redact = "redact", "niet toegestane gegevens weglaten", "leave out the categories not permitted";
    }
}

code_enum! {
    /// How matching consent provisions and objections are combined. The decision names the one used.
    /// Default: most specific wins.
    #[derive(Default)]
    CombiningPolicy, "combining policy" {
        /// Dutch default: the most specific provision wins; on a tie a deny (an objection first) wins.
        #[default]
        MostSpecificWins = "most_specific_wins", "meest specifieke wint", "most specific wins";
        /// Any matching deny or objection wins.
        DenyOverrides = "deny_overrides", "weigering gaat voor", "deny overrides";
        /// The most recently recorded consent or objection wins; within it the most specific.
        MostRecentWins = "most_recent_wins", "meest recente wint", "most recent wins";
    }
}

code_enum! {
    /// The effect of a consent provision.
    ConsentEffect, "effect" {
        Permit = "permit", "toestaan", "permit";
        Deny = "deny", "weigeren", "deny";
    }
}

code_enum! {
    /// The answer for one data category. `no_applicable_consent` is kept apart from an explicit
    /// `deny`: nothing is shared in either case (default deny), but the first means "ask the
    /// client", the second "the client (or the law) said no".
    ConsentOutcome, "outcome" {
        Permit = "permit", "toegestaan", "permit";
        Deny = "deny", "geweigerd", "deny";
        NoApplicableConsent = "no_applicable_consent", "geen toepasselijke toestemming", "no applicable consent";
    }
}

impl ConsentOutcome {
    /// Whether the data may be shared.
    pub const fn is_permit(self) -> bool {
        matches!(self, ConsentOutcome::Permit)
    }
}

code_enum! {
    /// The rule that decided one category: a legal basis, a consent, an objection, or the default.
    ConsentBasis, "basis" {
        /// Permit: discloser and recipient both treat the client (WGBO *behandelrelatie*).
        TreatmentRelationship = "treatment_relationship", "behandelrelatie", "treatment relationship";
        /// Permit: an active data-sharing agreement between both, e.g. a night-care rotation.
        SharingAgreement = "sharing_agreement", "samenwerkingsafspraak gegevensdeling", "data-sharing agreement";
        /// Permit: a consent provision given by the client.
        ExplicitConsent = "explicit_consent", "uitdrukkelijke toestemming", "explicit consent";
        /// Permit: a consent provision given by the representative, who decides for the client.
        RepresentativeConsent = "representative_consent", "toestemming vertegenwoordiger", "representative's consent";
        /// Permit: a consent given by both a client aged 12 to 15 and the representative.
        JointConsent = "joint_consent", "toestemming cliënt en vertegenwoordiger", "joint consent";
        /// Permit or deny: the insurer gets billing data for billing and nothing else.
        InsurerNarrowBasis = "insurer_narrow_basis", "beperkte grondslag zorgverzekeraar", "insurer's narrow basis";
        /// Monitoring and research without consent: aggregated data permitted, pseudonymised (or
        /// unsaid) data permitted on the condition that it is pseudonymised, identified data
        /// denied (see `DataForm`).
        AggregatedOnly = "aggregated_only", "alleen geaggregeerd of gepseudonimiseerd", "aggregated or pseudonymised only";
        /// Permit: break-glass in a vital-interest emergency.
        Emergency = "emergency", "spoed (vitaal belang)", "emergency";
        /// Deny: the client's objection (*bezwaar*).
        Objection = "objection", "bezwaar", "objection";
        /// Deny: a deny provision of a consent record.
        ConsentDenied = "consent_denied", "toestemming geweigerd", "consent denied";
        /// Deny: the consent that would have permitted this was withdrawn.
        ConsentWithdrawn = "consent_withdrawn", "toestemming ingetrokken", "consent withdrawn";
        /// No applicable consent and no legal basis: default deny.
        NoBasis = "no_basis", "geen grondslag", "no basis";
    }
}

code_enum! {
    /// Why a break-glass request is made. Required with the emergency flag so that every
    /// break-glass decision says why in the audit log.
    EmergencyReason, "emergency reason" {
        LifeThreatening = "life_threatening", "levensbedreigende situatie", "life-threatening situation";
        ClientUnconscious = "client_unconscious", "cliënt niet aanspreekbaar", "client unconscious";
        AcuteCrisis = "acute_crisis", "acute crisis", "acute crisis";
        OtherVitalInterest = "other_vital_interest", "ander vitaal belang", "other vital interest";
    }
}

code_enum! {
    /// The state of a consent record or objection.
    ConsentRecordStatus, "record status" {
        Active = "active", "actief", "active";
        Withdrawn = "withdrawn", "ingetrokken", "withdrawn";
        Superseded = "superseded", "vervangen", "superseded";
    }
}

code_enum! {
    /// How a representative is related to the client.
    RepresentativeRelation, "representative relation" {
        /// A parent with parental authority (*ouder met gezag*).
        Parent = "parent", "ouder met gezag", "parent";
        /// A court-appointed guardian for a minor (*voogd*).
        Guardian = "guardian", "voogd", "guardian";
        /// A court-appointed mentor or curator for an adult (*mentor, curator*).
        Mentor = "mentor", "mentor of curator", "mentor or curator";
        /// Someone the client authorised in writing (*schriftelijk gemachtigde*).
        Authorised = "authorised", "schriftelijk gemachtigde", "authorised representative";
        /// Spouse, registered partner or life partner (*echtgenoot, partner*).
        Partner = "partner", "echtgenoot of partner", "partner";
        /// Parent, child, brother or sister of an adult client (*familielid*).
        Family = "family", "familielid", "family member";
    }
}

code_enum! {
    /// Who decides about sharing for this client at the decision time (WGBO age rules).
    WhoDecides, "who decides" {
        /// 16 or older and able to decide.
        Client = "client", "cliënt", "client";
        /// Under 12, or unable to decide (e.g. advanced dementia).
        Representative = "representative", "vertegenwoordiger", "representative";
        /// 12 to 15: both the client and the representative.
        ClientAndRepresentative = "client_and_representative", "cliënt en vertegenwoordiger", "client and representative";
    }
}

code_enum! {
    /// What a trace entry is about.
    ConsentSourceKind, "source kind" {
        Consent = "consent", "toestemming", "consent";
        Objection = "objection", "bezwaar", "objection";
    }
}

code_enum! {
    /// Why a consent or objection did or did not take part in a decision.
    ConsentTraceReason, "trace reason" {
        /// At least one of its provisions matched a requested category and counted.
        Applied = "applied", "toegepast", "applied";
        /// It was withdrawn.
        Withdrawn = "withdrawn", "ingetrokken", "withdrawn";
        /// A newer record replaced it.
        Superseded = "superseded", "vervangen", "superseded";
        /// The decision time lies outside its period.
        OutsidePeriod = "outside_period", "buiten geldigheidsperiode", "outside its period";
        /// It was recorded after the decision time.
        RecordedAfterDecision = "recorded_after_decision", "vastgelegd na beslismoment", "recorded after the decision time";
        /// It covers another channel (direct vs exchange system).
        OtherChannel = "other_channel", "ander kanaal", "another channel";
        /// Its permits were not given by whoever must decide (age, representation).
        NotGivenByDecider = "not_given_by_decider", "niet gegeven door wie beslist", "not given by whoever decides";
        /// Its permit does not name the recipient category, which this recipient requires.
        NotSpecificToRecipient = "not_specific_to_recipient", "niet specifiek voor deze ontvanger", "not specific to this recipient";
        /// None of its provisions matches the request.
        NoMatchingProvision = "no_matching_provision", "geen passende bepaling", "no matching provision";
        /// Its permit names organisations, and the request names only the recipient's role: the
        /// recipient cannot be known to be one of them, so the permit is not used to allow.
        RecipientNotNamed = "recipient_not_named", "ontvangende organisatie niet genoemd", "recipient organisation not named";
    }
}

/// Serde helpers: a [`CodeSet`] as a JSON list of codes in stable order; duplicates rejected.
pub mod code_list {
    use super::*;
    use serde::de::Error as _;
    use serde::ser::SerializeSeq;

    /// Serialises as a list of codes in stable order.
    pub fn serialize<T, S>(set: &CodeSet<T>, s: S) -> Result<S::Ok, S::Error>
    where
        T: Code + serde::Serialize,
        S: serde::Serializer,
    {
        let mut seq = s.serialize_seq(Some(set.len()))?;
        for c in set.iter() {
            seq.serialize_element(&c)?;
        }
        seq.end()
    }

    /// Deserialises a list of codes; a repeated code is an error.
    pub fn deserialize<'de, T, D>(d: D) -> Result<CodeSet<T>, D::Error>
    where
        T: Code + serde::Deserialize<'de> + std::fmt::Display,
        D: serde::Deserializer<'de>,
    {
        let list = <Vec<T> as serde::Deserialize>::deserialize(d)?;
        let mut set = CodeSet::empty();
        for c in list {
            if set.contains(c) {
                return Err(D::Error::custom(format!("duplicate code `{c}`")));
            }
            set.insert(c);
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_count_matches() {
        assert_eq!(DataCategory::ALL.len(), DataCategory::COUNT);
    }

    #[test]
    fn codes_are_unique_and_round_trip() {
        fn check<
            T: Code + std::fmt::Display + std::str::FromStr<Err = crate::codes::UnknownCode> + PartialEq + std::fmt::Debug,
        >() {
            let mut seen = std::collections::HashSet::new();
            for c in T::all() {
                assert!(seen.insert(c.to_string()));
                assert_eq!(c.to_string().parse::<T>().unwrap(), *c);
            }
            assert!(T::all().len() <= 32, "fits a CodeSet");
        }
        check::<DataCategory>();
        check::<Purpose>();
        check::<RecipientRole>();
        check::<Obligation>();
        check::<CombiningPolicy>();
        check::<ConsentOutcome>();
        check::<ConsentBasis>();
        check::<ConsentTraceReason>();
        assert!(Purpose::from_code("marketing").is_err());
    }

    #[test]
    fn every_kind_acts_in_some_role_and_only_an_insurer_as_insurer() {
        for k in OrganisationKind::ALL {
            let roles = roles_of_kind(*k);
            assert!(!roles.is_empty(), "{k}");
            assert_eq!(roles.contains(RecipientRole::Insurer), *k == OrganisationKind::Insurer, "{k}");
        }
        // Every role can be taken by some kind of organisation the registry knows.
        for r in RecipientRole::ALL {
            assert!(OrganisationKind::ALL.iter().any(|k| roles_of_kind(*k).contains(*r)), "{r}");
        }
        assert_eq!(roles_of_kind(OrganisationKind::Municipality).len(), 1);
        assert!(roles_of_kind(OrganisationKind::CareCooperative).contains(RecipientRole::WelfareOrganisation));
        assert!(!roles_of_kind(OrganisationKind::GpPractice).contains(RecipientRole::Hospital));
    }

    #[test]
    fn role_groups_are_disjoint() {
        for r in RecipientRole::ALL {
            assert!(!(r.is_care_provider() && r.needs_specific_consent()), "{r}");
        }
    }
}
