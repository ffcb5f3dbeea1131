//! Stable string codes for everything that crosses a boundary.
//!
//! Every enum here serialises as a lowercase snake_case code that never changes once released:
//! bindings, JSON documents and conformance vectors all speak these codes, so a rename is a
//! breaking change. The discriminant order is also stable because bitsets and C integer codes
//! are derived from it (append new variants at the end).

/// A code that was not one of the known values of its kind. The text that was given is not
/// kept: a code field may hold anything a user typed (a name, a number), and no message repeats
/// input; the message lists what would have been accepted instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    /// The kind of code that was expected, e.g. `care type`.
    pub kind: &'static str,
    /// Every code of that kind.
    pub expected: &'static [&'static str],
}

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = self.kind.strip_suffix(" code").unwrap_or(self.kind);
        write!(f, "unknown {kind} code: expected ")?;
        for (i, c) in self.expected.iter().enumerate() {
            let sep = match i {
                0 => "",
                _ if i + 1 == self.expected.len() => " or ",
                _ => ", ",
            };
            write!(f, "{sep}`{c}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownCode {}

/// One stable code with its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The stable snake_case code, e.g. `wound_care`.
    pub code: &'static str,
    /// Dutch label, as professionals say it.
    pub label_nl: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// The Rust variant name (`WoundCare`), from which the bindings' enum variants are named.
    pub rust_name: &'static str,
}

/// A kind of stable code: the one table every binding's code lists and enums come from (C's
/// `wijknet_code_kind` and per-kind enums, Python's `code_kinds()`/`codes()`, the Kotlin/Swift
/// `CodeKind`). Its position in [`KINDS`] is its stable number; a new kind is only appended.
#[derive(Debug, Clone, Copy)]
pub struct CodeKind {
    /// The kind's stable snake_case name in every language, e.g. `care_type`, `consent_outcome`.
    pub name: &'static str,
    /// The Rust type, as a path below the crate root (`matching::ExclusionReason`).
    pub rust_path: &'static str,
    /// The type's documentation.
    pub doc: &'static str,
    /// Every code, in stable order (the position is the code's integer in every binding).
    pub codes: &'static [CodeInfo],
}

impl CodeKind {
    /// The code at a stable position.
    pub fn get(&self, index: usize) -> Option<&'static CodeInfo> {
        self.codes.get(index)
    }

    /// The stable position of a code.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c.code == code)
    }

    /// The first sentence of the documentation, on one line.
    pub fn summary(&self) -> String {
        let text = self.doc.split("\n").map(str::trim).collect::<Vec<_>>().join(" ");
        let end = text.find(". ").map(|i| i + 1).unwrap_or(text.len());
        text[..end].trim().to_owned()
    }
}

macro_rules! kinds {
    ($($name:literal => $module:ident :: $ty:ident),+ $(,)?) => {
        /// Every kind of stable code, in stable order (see [`CodeKind`]).
        pub const KINDS: &[CodeKind] = &[$(CodeKind {
            name: $name,
            rust_path: concat!(stringify!($module), "::", stringify!($ty)),
            doc: crate::$module::$ty::DOC,
            codes: crate::$module::$ty::INFO,
        }),+];

        /// The kinds of code, for listing the codes of one kind with their labels (Kotlin and
        /// Swift `CodeKind`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "CodeKind"))]
        pub enum KindName {
            $(
                #[doc = $name]
                $ty,
            )+
        }

        impl KindName {
            /// The kind's entry in [`KINDS`].
            pub fn kind(self) -> &'static CodeKind {
                &KINDS[self as usize]
            }
        }
    };
}

kinds! {
    "care_type" => codes::CareType,
    "organisation_kind" => codes::OrganisationKind,
    "nurse_level" => codes::NurseLevel,
    "time_of_day" => codes::TimeOfDay,
    "language" => codes::Language,
    "capacity_status" => codes::CapacityStatus,
    "funding_stream" => codes::FundingStream,
    "policy_type" => codes::PolicyType,
    "weekday" => codes::Weekday,
    "urgency" => matching::Urgency,
    "exclusion_reason" => matching::ExclusionReason,
    "candidate_flag" => matching::CandidateFlag,
    "match_outcome" => matching::MatchOutcome,
    "via_kind" => matching::ViaKind,
    "accountable_source" => matching::AccountableSource,
    "agreement_kind" => agreements::AgreementKind,
    "agreement_status" => agreements::AgreementStatus,
    "rota_cycle" => agreements::RotaCycle,
    "on_call_outcome" => agreements::OnCallOutcome,
    "mandate_outcome" => agreements::MandateOutcome,
    "finding_code" => agreements::FindingCode,
    "data_category" => consent::DataCategory,
    "purpose" => consent::Purpose,
    "recipient_role" => consent::RecipientRole,
    "consent_channel" => consent::ConsentChannel,
    "obligation" => consent::Obligation,
    "combining_policy" => consent::CombiningPolicy,
    "consent_effect" => consent::ConsentEffect,
    "consent_outcome" => consent::ConsentOutcome,
    "consent_basis" => consent::ConsentBasis,
    "emergency_reason" => consent::EmergencyReason,
    "consent_record_status" => consent::ConsentRecordStatus,
    "representative_relation" => consent::RepresentativeRelation,
    "who_decides" => consent::WhoDecides,
    "consent_source_kind" => consent::ConsentSourceKind,
    "consent_trace_reason" => consent::ConsentTraceReason,
    "referral_status" => referral::ReferralStatus,
    "offer_status" => referral::OfferStatus,
    "referral_reason" => referral::ReferralReason,
    "escalation_trigger" => referral::EscalationTrigger,
    "referral_event_type" => referral::ReferralEventType,
    "occurrence" => local_time::Occurrence,
    "local_time_problem" => local_time::LocalTimeProblem,
    "data_form" => consent::DataForm,
    "progress_step" => progress::ProgressStep,
    "visit_moment" => volume::VisitMoment,
}

/// The kind with this stable name.
pub fn kind(name: &str) -> Option<&'static CodeKind> {
    KINDS.iter().find(|k| k.name == name)
}

macro_rules! code_enum {
    (
        $(#[doc = $doc:literal])*
        $(#[derive($($derive:ident),*)])?
        $name:ident, $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $nl:literal, $en:literal; )+
        }
    ) => {
        $(#[doc = $doc])*
        $(#[derive($($derive),*)])?
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        #[repr(u8)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        /// Kotlin and Swift: every code kind has its stable code and its labels as methods.
        #[cfg(feature = "uniffi")]
        #[uniffi::export]
        impl $name {
            /// The stable snake_case code used in documents and by every binding.
            #[uniffi::method(name = "code")]
            pub fn code_text(&self) -> String {
                self.code().to_owned()
            }
            /// Dutch label, as professionals say it.
            #[uniffi::method(name = "label_nl")]
            pub fn label_nl_text(&self) -> String {
                self.label_nl().to_owned()
            }
            /// English label.
            #[uniffi::method(name = "label_en")]
            pub fn label_en_text(&self) -> String {
                self.label_en().to_owned()
            }
        }

        impl $name {
            /// Every value, in stable discriminant order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Human name of this kind of code, used in error messages.
            pub const KIND: &'static str = $kind;
            /// Every code with its labels and Rust name, in stable discriminant order: what the
            /// bindings' code tables and generated enums are made from.
            pub const INFO: &'static [$crate::codes::CodeInfo] = &[$($crate::codes::CodeInfo {
                code: $code,
                label_nl: $nl,
                label_en: $en,
                rust_name: stringify!($variant),
            }),+];
            /// The type's documentation (its doc comment), for generated binding documentation.
            pub const DOC: &'static str = concat!($($doc, "\n"),*);

            /// The stable string code.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// Dutch label, as professionals say it.
            pub const fn label_nl(self) -> &'static str {
                match self { $($name::$variant => $nl,)+ }
            }

            /// English label.
            pub const fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }

            /// Stable small integer (the discriminant), used for bitsets and C codes.
            pub const fn index(self) -> u8 {
                self as u8
            }

            /// The value with this stable integer, if any.
            pub fn from_index(index: u8) -> Option<Self> {
                Self::ALL.get(index as usize).copied()
            }

            /// Parses a stable string code.
            pub fn from_code(code: &str) -> Result<Self, $crate::codes::UnknownCode> {
                match code {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::codes::UnknownCode { kind: $kind, expected: &[$($code),+] }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::codes::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::from_code(&s).map_err(serde::de::Error::custom)
            }
        }

        /// Documents give a code as its stable text: the schema is the enum of those texts.
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::schema::code_schema(Self::DOC, Self::INFO)
            }
        }

        impl $crate::codes::Code for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn bit_index(self) -> u8 {
                self.index()
            }
        }
    };
}
/// Defines a stable-code enum (used by every domain module for its own codes).
pub(crate) use code_enum;

code_enum! {
    /// Care types (*zorgsoorten*) named in the sources, including the social-domain services a
    /// district nurse meets in the social team.
    CareType, "care type" {
        PersonalCare = "personal_care", "persoonlijke verzorging", "personal care";
        Nursing = "nursing", "verpleging", "nursing";
        WoundCare = "wound_care", "wondzorg", "wound care";
        /// MTH: infusions, injections, catheters.
        MedicalTechnical = "medical_technical", "medisch-technische handelingen (MTH)", "medical-technical care";
        PalliativeTerminal = "palliative_terminal", "palliatief-terminale zorg", "palliative and terminal care";
        DementiaCaseManagement = "dementia_case_management", "casemanagement dementie", "dementia case management";
        PlannedNightCare = "planned_night_care", "planbare nachtzorg", "planned night care";
        UnplannedNightCare = "unplanned_night_care", "onplanbare nachtzorg", "unplanned night care";
        AlarmResponse = "alarm_response", "alarmering en opvolging", "alarm response";
        MentalHealthNursing = "mental_health_nursing", "GGZ-wijkverpleging", "mental-health district nursing";
        ChildHomeNursing = "child_home_nursing", "kinderthuisverpleging", "children's home nursing";
        WmoHouseholdHelp = "wmo_household_help", "huishoudelijke hulp (Wmo)", "household help (Wmo)";
        WmoSupport = "wmo_support", "begeleiding (Wmo)", "support (Wmo)";
    }
}

code_enum! {
    /// Kinds of organisation in the registry.
    OrganisationKind, "organisation kind" {
        HomeCareProvider = "home_care_provider", "aanbieder wijkverpleging (thuiszorg/VVT)", "home-care provider";
        SoloNurse = "solo_nurse", "zelfstandig wijkverpleegkundige (ZZP)", "solo nurse";
        GpPractice = "gp_practice", "huisartsenpraktijk", "GP practice";
        HospitalTransferOffice = "hospital_transfer_office", "transferbureau ziekenhuis", "hospital transfer office";
        MunicipalitySocialTeam = "municipality_social_team", "sociaal wijkteam / gebiedsteam", "municipality social team";
        Insurer = "insurer", "zorgverzekeraar", "insurer";
        Pharmacy = "pharmacy", "apotheek", "pharmacy";
        WelfareOrganisation = "welfare_organisation", "welzijnsorganisatie", "welfare organisation";
        CareCooperative = "care_cooperative", "zorgcoöperatie", "care cooperative";
        CoordinationPoint = "coordination_point", "coördinatiepunt", "coordination point";
        Municipality = "municipality", "gemeente", "municipality";
    }
}

code_enum! {
    /// Nurse qualification levels; a request may need a minimum.
    NurseLevel, "nurse level" {
        /// Verzorgende IG (level 3).
        Level3 = "level_3", "verzorgende IG (niveau 3)", "certified carer (level 3)";
        /// Verpleegkundige (level 4).
        Level4 = "level_4", "verpleegkundige (niveau 4)", "nurse (level 4)";
        /// Wijkverpleegkundige (level 5).
        Level5 = "level_5", "wijkverpleegkundige (niveau 5)", "district nurse (level 5)";
        /// Wijkverpleegkundige (level 6, bachelor).
        Level6 = "level_6", "wijkverpleegkundige (niveau 6)", "district nurse (level 6)";
    }
}

code_enum! {
    /// Parts of the day care is needed in.
    TimeOfDay, "time of day" {
        Day = "day", "dag", "day";
        Evening = "evening", "avond", "evening";
        Night = "night", "nacht", "night";
    }
}

code_enum! {
    /// Languages a client speaks and a team's nurses speak (ISO 639 codes). District nursing
    /// happens in the client's home, often without an interpreter at hand: a team that shares no
    /// language with the client cannot take the referral.
    Language, "language" {
        Dutch = "nl", "Nederlands", "Dutch";
        English = "en", "Engels", "English";
        German = "de", "Duits", "German";
        French = "fr", "Frans", "French";
        Spanish = "es", "Spaans", "Spanish";
        Portuguese = "pt", "Portugees", "Portuguese";
        Polish = "pl", "Pools", "Polish";
        Romanian = "ro", "Roemeens", "Romanian";
        Bulgarian = "bg", "Bulgaars", "Bulgarian";
        Turkish = "tr", "Turks", "Turkish";
        Arabic = "ar", "Arabisch", "Arabic";
        Tarifit = "rif", "Tarifit (Riffijns)", "Tarifit (Riffian Berber)";
        Papiamento = "pap", "Papiaments", "Papiamento";
        Sranan = "srn", "Sranantongo", "Sranan Tongo";
        Chinese = "zh", "Chinees", "Chinese";
        Ukrainian = "uk", "Oekraïens", "Ukrainian";
        Russian = "ru", "Russisch", "Russian";
        Somali = "so", "Somalisch", "Somali";
        Tigrinya = "ti", "Tigrinya", "Tigrinya";
        Persian = "fa", "Perzisch", "Persian";
        DutchSignLanguage = "dse", "Nederlandse Gebarentaal", "Sign Language of the Netherlands";
    }
}

code_enum! {
    /// What a team says about taking new clients.
    CapacityStatus, "capacity status" {
        Accepting = "accepting", "neemt cliënten aan", "accepting";
        Waitlist = "waitlist", "wachtlijst", "waitlist";
        Full = "full", "vol", "full";
        Unknown = "unknown", "onbekend", "unknown";
    }
}

code_enum! {
    /// Funding streams (*financieringsstromen*).
    FundingStream, "funding stream" {
        /// Zorgverzekeringswet: health insurance, pays district nursing.
        Zvw = "zvw", "Zorgverzekeringswet", "Health Insurance Act";
        /// Wet maatschappelijke ondersteuning: municipality.
        Wmo = "wmo", "Wet maatschappelijke ondersteuning", "Social Support Act";
        /// Wet langdurige zorg.
        Wlz = "wlz", "Wet langdurige zorg", "Long-term Care Act";
        Jeugdwet = "jeugdwet", "Jeugdwet", "Youth Act";
        /// A municipal or insurer subsidy outside the regular streams.
        Subsidy = "subsidy", "subsidie", "subsidy";
    }
}

code_enum! {
    /// The client's insurance policy type, which decides what a non-contracted provider costs.
    PolicyType, "policy type" {
        /// Naturapolis: only contracted care is fully reimbursed.
        Natura = "natura", "naturapolis", "in-kind policy";
        /// Restitutiepolis: any provider is reimbursed (up to market rates).
        Restitution = "restitution", "restitutiepolis", "restitution policy";
        /// Combinatiepolis: treated like natura for non-contracted care.
        Combination = "combination", "combinatiepolis", "combination policy";
    }
}

code_enum! {
    /// Weekdays, for a contact person's reachable hours.
    Weekday, "weekday" {
        Mon = "mon", "maandag", "Monday";
        Tue = "tue", "dinsdag", "Tuesday";
        Wed = "wed", "woensdag", "Wednesday";
        Thu = "thu", "donderdag", "Thursday";
        Fri = "fri", "vrijdag", "Friday";
        Sat = "sat", "zaterdag", "Saturday";
        Sun = "sun", "zondag", "Sunday";
    }
}

impl Weekday {
    /// The weekday of a chrono date or datetime.
    pub fn from_chrono(day: chrono::Weekday) -> Self {
        Self::ALL[day.num_days_from_monday() as usize]
    }
}

/// A small set of codes as a bitset, so membership tests on the hot path cost one AND.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct CodeSet<T> {
    bits: u32,
    _kind: std::marker::PhantomData<T>,
}

/// Implemented by every code enum that fits a [`CodeSet`].
pub trait Code: Copy + Ord + 'static {
    /// Every value, in stable order.
    fn all() -> &'static [Self];
    /// Stable small integer.
    fn bit_index(self) -> u8;
}

impl<T: Code> CodeSet<T> {
    /// The empty set.
    pub const fn empty() -> Self {
        Self { bits: 0, _kind: std::marker::PhantomData }
    }
    /// Adds one code.
    pub fn insert(&mut self, code: T) {
        self.bits |= 1 << code.bit_index();
    }
    /// Whether the code is in the set.
    pub fn contains(self, code: T) -> bool {
        self.bits & (1 << code.bit_index()) != 0
    }
    /// Whether every code of `other` is in this set.
    pub fn is_superset(self, other: Self) -> bool {
        other.bits & !self.bits == 0
    }
    /// Codes of `self` missing from `other`, in stable order.
    pub fn difference(self, other: Self) -> Self {
        Self { bits: self.bits & !other.bits, _kind: std::marker::PhantomData }
    }
    /// Codes in both sets.
    pub fn intersection(self, other: Self) -> Self {
        Self { bits: self.bits & other.bits, _kind: std::marker::PhantomData }
    }
    /// The union of two sets.
    pub fn union(self, other: Self) -> Self {
        Self { bits: self.bits | other.bits, _kind: std::marker::PhantomData }
    }
    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }
    /// Number of codes in the set.
    pub fn len(self) -> usize {
        self.bits.count_ones() as usize
    }
    /// The raw bits (stable: bit i is the code with index i).
    pub fn bits(self) -> u32 {
        self.bits
    }
    /// The members in stable order.
    pub fn iter(self) -> impl Iterator<Item = T> {
        T::all().iter().copied().filter(move |c| self.contains(*c))
    }
    /// The first member in stable order.
    pub fn first(self) -> Option<T> {
        self.iter().next()
    }
}

impl<T: Code> FromIterator<T> for CodeSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = Self::empty();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in CareType::ALL {
            assert_eq!(CareType::from_code(c.code()).unwrap(), *c);
            assert_eq!(CareType::from_index(c.index()).unwrap(), *c);
            assert!(seen.insert(c.code()));
            assert!(!c.label_nl().is_empty() && !c.label_en().is_empty());
        }
        assert_eq!(CareType::ALL.len(), 13);
    }

    #[test]
    fn unknown_code_names_kind_and_what_was_expected() {
        let e = CareType::from_code("massage").unwrap_err();
        assert!(e.to_string().starts_with("unknown care type code: expected `personal_care`, `nursing`"), "{e}");
        assert!(!e.to_string().contains("massage"));
    }

    #[test]
    fn serde_uses_codes() {
        let j = serde_json::to_string(&CareType::WoundCare).unwrap();
        assert_eq!(j, "\"wound_care\"");
        let back: CareType = serde_json::from_str(&j).unwrap();
        assert_eq!(back, CareType::WoundCare);
        assert!(serde_json::from_str::<CareType>("\"x\"").is_err());
    }

    #[test]
    fn kinds_are_unique_and_complete() {
        let mut names = std::collections::HashSet::new();
        for k in KINDS {
            assert!(names.insert(k.name), "kind {} twice", k.name);
            assert!(!k.codes.is_empty() && !k.summary().is_empty(), "{}", k.name);
            let mut codes = std::collections::HashSet::new();
            for (i, c) in k.codes.iter().enumerate() {
                assert!(codes.insert(c.code), "{}: code {} twice", k.name, c.code);
                assert_eq!(k.index_of(c.code), Some(i));
                assert!(c.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            }
        }
        assert_eq!(KINDS.len(), 46);
        assert_eq!(kind("care_type").unwrap().codes, CareType::INFO);
        assert_eq!(kind("care_type").unwrap().get(2).unwrap().rust_name, "WoundCare");
        assert_eq!(kind("consent_outcome").unwrap().rust_path, "consent::ConsentOutcome");
        assert_eq!(
            kind("care_type").unwrap().summary(),
            "Care types (*zorgsoorten*) named in the sources, including the social-domain services a district nurse meets in the social team."
        );
        assert!(kind("outcome").is_none());
    }

    #[test]
    fn code_set_operations() {
        let need: CodeSet<CareType> = [CareType::WoundCare, CareType::Nursing].into_iter().collect();
        let offer: CodeSet<CareType> = [CareType::Nursing, CareType::PersonalCare].into_iter().collect();
        assert!(!offer.is_superset(need));
        assert_eq!(need.difference(offer).first(), Some(CareType::WoundCare));
        assert!(offer.union(need).is_superset(need));
        assert_eq!(need.iter().collect::<Vec<_>>(), vec![CareType::Nursing, CareType::WoundCare]);
    }
}
