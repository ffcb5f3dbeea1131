//! What a match returns: ranked candidates, every excluded team with its reason, and who is
//! accountable when nobody can take the client.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::codes::{CapacityStatus, CareType, CodeSet, Language, NurseLevel, TimeOfDay, code_enum};
use crate::error::{Problems, Result};
use crate::ids::{Id, Location};
use crate::registry::ContactPerson;
use crate::volume::Hours;
use crate::wire::{de_codes, de_contact, ser_codes, ser_contact, ser_display, ser_instant};

code_enum! {
    /// The first rule a team failed. The check order is the order of this list, so the reason
    /// is always the first one in it that applies.
    ExclusionReason, "exclusion reason" {
        /// The client refuses this provider.
        RefusedByClient = "refused_by_client", "geweigerd door cliënt", "refused by the client";
        /// The team does not serve the client's location.
        OutsideArea = "outside_area", "buiten werkgebied", "outside the service area";
        /// A needed care type is not delivered by the team nor through an agreement.
        CareTypeNotOffered = "care_type_not_offered", "zorgsoort niet geleverd", "care type not offered";
        /// The team cannot send a nurse of the needed level.
        NurseLevelTooLow = "nurse_level_too_low", "deskundigheidsniveau te laag", "nurse level too low";
        /// The team's nurses speak none of the client's languages.
        NoCommonLanguage = "no_common_language", "geen gemeenschappelijke taal", "no common language";
        /// The team does not work at a needed time of day, nor through a night rotation.
        TimeOfDayNotCovered = "time_of_day_not_covered", "dagdeel niet gedekt", "time of day not covered";
        /// The request asks for contracted care only and the provider has no contract with the
        /// client's insurer.
        InsurerNotContracted = "insurer_not_contracted", "niet gecontracteerd", "not contracted by the insurer";
        /// The team reports it is full, or has no free place for a needed care type.
        NoCapacity = "no_capacity", "geen capaciteit", "no capacity";
        /// The team can start, but only after the last acceptable start date.
        NoCapacityInTime = "no_capacity_in_time", "geen capaciteit op tijd", "no capacity in time";
        /// The team reports fewer free hours per week for a needed care type than the request's
        /// hours per week (*te weinig uren vrij*).
        NotEnoughHours = "not_enough_hours", "te weinig uren vrij", "not enough free hours";
    }
}

code_enum! {
    /// Something a candidate's user should know before relying on it.
    CandidateFlag, "candidate flag" {
        /// Capacity information is older than the caller's threshold: call to confirm.
        CapacityStale = "capacity_stale", "capaciteit verouderd", "capacity information is stale";
        /// The team has not said whether it has room.
        CapacityUnknown = "capacity_unknown", "capaciteit onbekend", "capacity unknown";
        /// The team has a waiting list; the possible start is its first free date.
        Waitlist = "waitlist", "wachtlijst", "waiting list";
        /// No contract with the client's insurer: with a natura or combination policy the client
        /// may have to pay part of the bill.
        NotContracted = "not_contracted", "niet gecontracteerd: mogelijk eigen bijdrage", "not contracted: client may pay part";
    }
}

code_enum! {
    /// How a match ended.
    MatchOutcome, "match outcome" {
        /// At least one team can take the client.
        CandidatesFound = "candidates_found", "kandidaten gevonden", "candidates found";
        /// Nobody can: see `accountable`.
        NoEligibleTeam = "no_eligible_team", "geen geschikt team", "no eligible team";
    }
}

code_enum! {
    /// The kind of agreement through which a candidate offers care it does not deliver itself.
    ViaKind, "via kind" {
        /// Another provider delivers the care on this provider's behalf (*onderaanneming*).
        Subcontracting = "subcontracting", "onderaanneming", "subcontracting";
        /// A shared specialist team of the member organisations delivers it.
        SharedSpecialistTeam = "shared_specialist_team", "gezamenlijk specialistisch team", "shared specialist team";
        /// The night is covered by a night-care rotation.
        NightRotation = "night_rotation", "nachtzorgrooster", "night-care rotation";
    }
}

code_enum! {
    /// Where the accountable party came from.
    AccountableSource, "accountable source" {
        /// A coordination point covering the client's area.
        CoordinationPoint = "coordination_point", "coördinatiepunt", "coordination point";
        /// The client's insurer, which has a duty of care (*zorgplicht*).
        InsurerDutyOfCare = "insurer_duty_of_care", "zorgplicht verzekeraar", "insurer's duty of care";
    }
}

/// Care (or a night) a candidate offers through an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Via {
    /// Kind of agreement.
    pub kind: ViaKind,
    /// The agreement's id.
    pub agreement: Id,
    /// The team that actually delivers.
    pub delivering_team: Id,
    /// Care types delivered this way.
    #[serde(serialize_with = "ser_codes", deserialize_with = "de_codes")]
    pub care_types: CodeSet<CareType>,
    /// Times of day covered this way.
    #[serde(serialize_with = "ser_codes", deserialize_with = "de_codes")]
    pub times_of_day: CodeSet<TimeOfDay>,
}

/// A team that can take the client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Candidate {
    /// 1 for the best (signed, like every count that crosses to Kotlin and Swift).
    pub rank: i32,
    /// Team id.
    pub team: Id,
    /// The team's organisation.
    pub organisation: Id,
    /// Whether the client prefers this provider.
    pub preferred: bool,
    /// First day the team can start.
    pub possible_start: NaiveDate,
    /// Capacity status as reported.
    pub capacity_status: CapacityStatus,
    /// When the capacity was reported.
    #[serde(serialize_with = "ser_instant")]
    pub capacity_updated_at: DateTime<Utc>,
    /// Things to know before relying on this candidate.
    #[serde(serialize_with = "ser_codes", deserialize_with = "de_codes")]
    pub flags: CodeSet<CandidateFlag>,
    /// When the request says its hours per week: the fewest free hours per week the team
    /// reports among the needed care types it delivers itself (absent when it reports none);
    /// more room ranks first.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "de_opt_hours")]
    pub free_hours: Option<Hours>,
    /// Agreements through which the team offers some of the care.
    pub via: Vec<Via>,
    /// The fixed contact person: the team's first, else the organisation's.
    #[serde(serialize_with = "ser_contact", deserialize_with = "de_contact")]
    pub contact: Option<Arc<ContactPerson>>,
    /// Whether that person's recorded hours include "now".
    pub contact_reachable_now: bool,
}

/// A team that serves the client's area (or that the request names) but cannot take the client.
///
/// Its text (JSON `explanation`, Kotlin's `toString()`, Swift's `description`) is the sentence a
/// host can show: the detail, preceded by "the client's preferred provider: " when the client
/// asked for this provider, so that the host need not join the request's preferences with the
/// exclusions to tell the client why their choice (*keuzevrijheid*) could not be honoured.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi::export(Display))]
pub struct Exclusion {
    /// Team id.
    pub team: Id,
    /// The team's organisation.
    pub organisation: Id,
    /// Whether the request names the team's organisation among the client's preferred providers.
    pub client_preference: bool,
    /// The first rule it failed.
    pub reason: ExclusionReason,
    /// Specifics (a care-type code, a date), never personal data; serialised as its text.
    pub detail: ExclusionDetail,
}

/// What the explanation says before the detail when the client preferred the provider.
const CLIENT_PREFERENCE_PREFIX: &str = "the client's preferred provider: ";

impl std::fmt::Display for Exclusion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.client_preference {
            f.write_str(CLIENT_PREFERENCE_PREFIX)?;
        }
        std::fmt::Display::fmt(&self.detail, f)
    }
}

/// Written by hand because `detail` and `explanation` are computed: matching keeps exclusions as
/// data and formats their text only when a host asks for it. The same data is written as
/// `specifics` too, after the fields that vectors and bindings read, because text cannot be read
/// back: [`MatchResult::from_json`] reads `specifics` and ignores the two texts.
impl Serialize for Exclusion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Exclusion", 7)?;
        st.serialize_field("team", &self.team)?;
        st.serialize_field("organisation", &self.organisation)?;
        st.serialize_field("client_preference", &self.client_preference)?;
        st.serialize_field("reason", &self.reason)?;
        st.serialize_field("detail", &crate::wire::Shown(&self.detail))?;
        st.serialize_field("explanation", &crate::wire::Shown(self))?;
        st.serialize_field("specifics", &Specifics::from(&self.detail))?;
        st.end()
    }
}

/// An exclusion as [`Exclusion`]'s `Serialize` writes it, less the computed texts.
#[derive(Deserialize)]
struct ExclusionWire {
    team: Id,
    organisation: Id,
    client_preference: bool,
    reason: ExclusionReason,
    #[serde(deserialize_with = "de_specifics")]
    specifics: ExclusionDetail,
}

/// Reads what `Serialize` writes; the texts `detail` and `explanation` are skipped (they are
/// made from `specifics`). Whether `reason` fits `specifics` is checked by
/// [`MatchResult::from_json`], which knows the path.
impl<'de> Deserialize<'de> for Exclusion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let w = ExclusionWire::deserialize(d)?;
        Ok(Self {
            team: w.team,
            organisation: w.organisation,
            client_preference: w.client_preference,
            reason: w.reason,
            detail: w.specifics,
        })
    }
}

/// The JSON form of an [`ExclusionDetail`] (an exclusion's `specifics`): an object whose `kind`
/// names the variant and whose other keys are its fields, so that a host reads a care type or a
/// date without parsing the explanation, and a saved result reads back ([`SpecificsIn`]). A type
/// of its own because serde's tagged form needs named fields, which most variants of the detail
/// do not have.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Specifics {
    RefusedProvider {
        organisation: Id,
    },
    NotServing {
        location: Location,
    },
    SomeStreetsOnly {
        location: Location,
    },
    StreetExcluded {
        location: Location,
    },
    CareNotOffered {
        care_type: CareType,
    },
    LevelBelow {
        highest: NurseLevel,
        needed: NurseLevel,
    },
    NoCommonLanguage {
        #[serde(serialize_with = "ser_codes")]
        languages: CodeSet<Language>,
    },
    TimeNotWorked {
        time_of_day: TimeOfDay,
    },
    NoContract {
        insurer: Id,
    },
    ReportsFull,
    WaitlistWithoutDate,
    NoFreePlace {
        care_type: CareType,
    },
    StartsTooLate {
        earliest: NaiveDate,
        needed_by: NaiveDate,
    },
    TooFewHours {
        care_type: CareType,
        free: Hours,
        needed: Hours,
    },
}

impl From<&ExclusionDetail> for Specifics {
    fn from(d: &ExclusionDetail) -> Self {
        use ExclusionDetail as D;
        match d {
            D::RefusedProvider(organisation) => Self::RefusedProvider { organisation: organisation.clone() },
            D::NotServing(location) => Self::NotServing { location: *location },
            D::SomeStreetsOnly(location) => Self::SomeStreetsOnly { location: *location },
            D::StreetExcluded(location) => Self::StreetExcluded { location: *location },
            D::CareNotOffered(care_type) => Self::CareNotOffered { care_type: *care_type },
            D::LevelBelow { highest, needed } => Self::LevelBelow { highest: *highest, needed: *needed },
            D::NoCommonLanguage(languages) => Self::NoCommonLanguage { languages: *languages },
            D::TimeNotWorked(time_of_day) => Self::TimeNotWorked { time_of_day: *time_of_day },
            D::NoContract(insurer) => Self::NoContract { insurer: insurer.clone() },
            D::ReportsFull => Self::ReportsFull,
            D::WaitlistWithoutDate => Self::WaitlistWithoutDate,
            D::NoFreePlace(care_type) => Self::NoFreePlace { care_type: *care_type },
            D::StartsTooLate { earliest, needed_by } => {
                Self::StartsTooLate { earliest: *earliest, needed_by: *needed_by }
            }
            D::TooFewHours { care_type, free, needed } => {
                Self::TooFewHours { care_type: *care_type, free: *free, needed: *needed }
            }
        }
    }
}

/// The `kind` of [`Specifics`].
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SpecificsKind {
    RefusedProvider,
    NotServing,
    SomeStreetsOnly,
    StreetExcluded,
    CareNotOffered,
    LevelBelow,
    NoCommonLanguage,
    TimeNotWorked,
    NoContract,
    ReportsFull,
    WaitlistWithoutDate,
    NoFreePlace,
    StartsTooLate,
    TooFewHours,
}

/// [`Specifics`] as read: `kind` and every field any kind has, each read (and refused, at its
/// path) by its type where it stands; which fields the kind needs is checked after, by
/// [`SpecificsIn::detail`]. Not serde's internally tagged form: that one buffers the object and
/// reports a wrong field in serde's own words, value included. And not "`kind` first": the keys
/// may come in any order (a host's JSON store may sort them).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecificsIn {
    kind: SpecificsKind,
    organisation: Option<Id>,
    location: Option<Location>,
    care_type: Option<CareType>,
    highest: Option<NurseLevel>,
    /// A nurse level (`level_below`) or hours per week (`too_few_hours`).
    needed: Option<Needed>,
    #[serde(default, deserialize_with = "de_opt_languages")]
    languages: Option<CodeSet<Language>>,
    time_of_day: Option<TimeOfDay>,
    insurer: Option<Id>,
    earliest: Option<NaiveDate>,
    needed_by: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de_opt_hours")]
    free: Option<Hours>,
}

/// The `needed` of [`Specifics`]: a nurse level code or a number of hours.
enum Needed {
    Level(NurseLevel),
    Hours(Hours),
}

impl<'de> Deserialize<'de> for Needed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Needed;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a nurse level code or a number of hours")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<Needed, E> {
                NurseLevel::from_code(s).map(Needed::Level).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> std::result::Result<Needed, E> {
                self.visit_f64(n as f64)
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> std::result::Result<Needed, E> {
                self.visit_f64(n as f64)
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> std::result::Result<Needed, E> {
                Hours::new(n).map(Needed::Hours).ok_or_else(|| E::custom("expected a number of hours of at least 0"))
            }
        }
        d.deserialize_any(V)
    }
}

impl SpecificsIn {
    /// The detail of this kind, or what is missing or out of place for it (field names only).
    fn detail(self) -> std::result::Result<ExclusionDetail, &'static str> {
        use ExclusionDetail as D;
        use SpecificsKind as K;
        fn need<T>(v: Option<T>, missing: &'static str) -> std::result::Result<T, &'static str> {
            v.ok_or(missing)
        }
        let given = [
            self.organisation.is_some(),
            self.location.is_some(),
            self.care_type.is_some(),
            self.highest.is_some(),
            self.needed.is_some(),
            self.languages.is_some(),
            self.time_of_day.is_some(),
            self.insurer.is_some(),
            self.earliest.is_some(),
            self.needed_by.is_some(),
            self.free.is_some(),
        ]
        .into_iter()
        .filter(|g| *g)
        .count();
        let location = "missing field `location` for this `kind`";
        let care_type = "missing field `care_type` for this `kind`";
        let (detail, fields) = match self.kind {
            K::RefusedProvider => {
                (D::RefusedProvider(need(self.organisation, "missing field `organisation` for this `kind`")?), 1)
            }
            K::NotServing => (D::NotServing(need(self.location, location)?), 1),
            K::SomeStreetsOnly => (D::SomeStreetsOnly(need(self.location, location)?), 1),
            K::StreetExcluded => (D::StreetExcluded(need(self.location, location)?), 1),
            K::CareNotOffered => (D::CareNotOffered(need(self.care_type, care_type)?), 1),
            K::LevelBelow => match self.needed {
                Some(Needed::Level(needed)) => {
                    let highest = need(self.highest, "missing field `highest` for this `kind`")?;
                    (D::LevelBelow { highest, needed }, 2)
                }
                _ => return Err("expected `needed` as a nurse level code for this `kind`"),
            },
            K::NoCommonLanguage => {
                (D::NoCommonLanguage(need(self.languages, "missing field `languages` for this `kind`")?), 1)
            }
            K::TimeNotWorked => {
                (D::TimeNotWorked(need(self.time_of_day, "missing field `time_of_day` for this `kind`")?), 1)
            }
            K::NoContract => (D::NoContract(need(self.insurer, "missing field `insurer` for this `kind`")?), 1),
            K::ReportsFull => (D::ReportsFull, 0),
            K::WaitlistWithoutDate => (D::WaitlistWithoutDate, 0),
            K::NoFreePlace => (D::NoFreePlace(need(self.care_type, care_type)?), 1),
            K::StartsTooLate => {
                let earliest = need(self.earliest, "missing field `earliest` for this `kind`")?;
                let needed_by = need(self.needed_by, "missing field `needed_by` for this `kind`")?;
                (D::StartsTooLate { earliest, needed_by }, 2)
            }
            K::TooFewHours => match self.needed {
                Some(Needed::Hours(needed)) => {
                    let care_type = need(self.care_type, care_type)?;
                    let free = need(self.free, "missing field `free` for this `kind`")?;
                    (D::TooFewHours { care_type, free, needed }, 3)
                }
                _ => return Err("expected `needed` as a number of hours for this `kind`"),
            },
        };
        if given != fields {
            return Err("expected only the fields of this `kind`");
        }
        Ok(detail)
    }
}

/// Reads `specifics` (see [`SpecificsIn`]); a field the kind lacks or does not have is reported
/// at the `specifics` object.
fn de_specifics<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<ExclusionDetail, D::Error> {
    SpecificsIn::deserialize(d)?.detail().map_err(serde::de::Error::custom)
}

/// Optional languages read back (a list of codes).
fn de_opt_languages<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<CodeSet<Language>>, D::Error> {
    Ok(Option::<Vec<Language>>::deserialize(d)?.map(|v| v.into_iter().collect()))
}

/// Optional hours per week read back (`null` or absent: none).
fn de_opt_hours<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Hours>, D::Error> {
    match Option::<f64>::deserialize(d)? {
        None => Ok(None),
        Some(h) => {
            Hours::new(h).map(Some).ok_or_else(|| serde::de::Error::custom("expected a number of hours of at least 0"))
        }
    }
}

/// The specifics of an exclusion, kept as data so that matching formats no text while it
/// matches. Its text (in JSON, and Kotlin's `toString()` / Swift's `description`) is the human
/// explanation, such as "does not offer `wound_care`".
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi::export(Display))]
pub enum ExclusionDetail {
    /// The client refuses this provider.
    RefusedProvider(#[cfg_attr(feature = "uniffi", uniffi(name = "organisation"))] Id),
    /// The area does not include the location.
    NotServing(#[cfg_attr(feature = "uniffi", uniffi(name = "location"))] Location),
    /// Only some streets of the PC4 are served and the request gives no PC6.
    SomeStreetsOnly(#[cfg_attr(feature = "uniffi", uniffi(name = "location"))] Location),
    /// The client's street is excluded from the area.
    StreetExcluded(#[cfg_attr(feature = "uniffi", uniffi(name = "location"))] Location),
    /// The first needed care type the team cannot offer.
    CareNotOffered(#[cfg_attr(feature = "uniffi", uniffi(name = "care_type"))] CareType),
    /// The team's highest level and the level needed.
    LevelBelow {
        /// Highest level the team can send.
        highest: NurseLevel,
        /// Level the request needs.
        needed: NurseLevel,
    },
    /// The team's languages, none of which the client speaks.
    NoCommonLanguage(#[cfg_attr(feature = "uniffi", uniffi(name = "languages"))] CodeSet<Language>),
    /// The first needed time of day the team does not cover.
    TimeNotWorked(#[cfg_attr(feature = "uniffi", uniffi(name = "time_of_day"))] TimeOfDay),
    /// No contract with this insurer.
    NoContract(#[cfg_attr(feature = "uniffi", uniffi(name = "insurer"))] Id),
    /// The team reports full.
    ReportsFull,
    /// Waitlist without a start date.
    WaitlistWithoutDate,
    /// Zero free places for this care type.
    NoFreePlace(#[cfg_attr(feature = "uniffi", uniffi(name = "care_type"))] CareType),
    /// The team's first possible start is after the last acceptable start.
    StartsTooLate {
        /// First possible start.
        earliest: NaiveDate,
        /// Last acceptable start.
        needed_by: NaiveDate,
    },
    /// The team's free hours per week for a needed care type are fewer than the client needs.
    TooFewHours {
        /// The care type with too few free hours (the first in stable order).
        care_type: CareType,
        /// Free hours per week the team reports for it.
        free: Hours,
        /// Hours per week the request needs.
        needed: Hours,
    },
}

impl ExclusionDetail {
    /// The exclusion reason this detail belongs to (matching pairs them this way).
    pub fn reason(&self) -> ExclusionReason {
        use ExclusionDetail as D;
        use ExclusionReason as R;
        match self {
            D::RefusedProvider(_) => R::RefusedByClient,
            D::NotServing(_) | D::SomeStreetsOnly(_) | D::StreetExcluded(_) => R::OutsideArea,
            D::CareNotOffered(_) => R::CareTypeNotOffered,
            D::LevelBelow { .. } => R::NurseLevelTooLow,
            D::NoCommonLanguage(_) => R::NoCommonLanguage,
            D::TimeNotWorked(_) => R::TimeOfDayNotCovered,
            D::NoContract(_) => R::InsurerNotContracted,
            D::ReportsFull | D::WaitlistWithoutDate | D::NoFreePlace(_) => R::NoCapacity,
            D::StartsTooLate { .. } => R::NoCapacityInTime,
            D::TooFewHours { .. } => R::NotEnoughHours,
        }
    }
}

impl std::fmt::Display for ExclusionDetail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::RefusedProvider(org) => write!(f, "the client refuses `{org}`"),
            Self::NotServing(loc) => write!(f, "does not serve `{loc}`"),
            Self::SomeStreetsOnly(loc) => write!(f, "serves only some streets of `{loc}`: give the client's PC6"),
            Self::StreetExcluded(loc) => write!(f, "street `{loc}` is excluded from its area"),
            Self::CareNotOffered(care) => write!(f, "does not offer `{care}`"),
            Self::LevelBelow { highest, needed } => write!(f, "highest level `{highest}` is below `{needed}`"),
            Self::NoCommonLanguage(spoken) => {
                let list: Vec<&str> = spoken.iter().map(Language::code).collect();
                write!(f, "its nurses speak `{}`, none of the client's languages", list.join("`, `"))
            }
            Self::TimeNotWorked(when) => write!(f, "does not work at `{when}`"),
            Self::NoContract(insurer) => write!(f, "no contract with `{insurer}`"),
            Self::ReportsFull => f.write_str("reports full"),
            Self::WaitlistWithoutDate => f.write_str("waitlist without a start date"),
            Self::NoFreePlace(care) => write!(f, "no free place for `{care}`"),
            Self::StartsTooLate { earliest, needed_by } => write!(f, "earliest start {earliest} is after {needed_by}"),
            Self::TooFewHours { care_type, free, needed } => {
                write!(
                    f,
                    "free for `{care_type}`: {free} {} a week, the client needs {needed} {}",
                    free.unit(),
                    needed.unit()
                )
            }
        }
    }
}

/// Who answers for a client nobody can take (*niemand tussen wal en schip*).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Accountable {
    /// The accountable organisation.
    pub party: Id,
    /// Why this party.
    pub source: AccountableSource,
    /// The coordination point or agreement that designates it.
    pub via: Option<Id>,
    /// Whom to call.
    #[serde(serialize_with = "ser_contact", deserialize_with = "de_contact")]
    pub contact: Option<Arc<ContactPerson>>,
}

/// The answer to "who can take this client?".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MatchResult {
    /// Whether anyone can.
    pub outcome: MatchOutcome,
    /// The client's location as matched.
    #[serde(serialize_with = "ser_display")]
    pub location: Location,
    /// First day care is needed.
    pub needed_from: NaiveDate,
    /// Last acceptable first day.
    pub needed_by: NaiveDate,
    /// Eligible teams, best first.
    pub candidates: Vec<Candidate>,
    /// Every team serving the area (or named by the request) that is not eligible, in registry
    /// order.
    pub excluded: Vec<Exclusion>,
    /// Teams elsewhere in the country: counted, not listed.
    pub teams_elsewhere: i32,
    /// Set when nobody is eligible.
    pub accountable: Option<Accountable>,
    /// The registry version matched against.
    pub registry_version: u64,
}

impl MatchResult {
    /// The result as a JSON document (the shape every binding and conformance vector uses).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("results always serialise")
    }

    /// The result as a JSON value.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("results always serialise")
    }

    /// A result written by [`MatchResult::to_json`] read back (saved earlier, or pickled): an
    /// exclusion from its `specifics` (its `detail` and `explanation` are made again from them),
    /// a contact checked as the registry checks it.
    ///
    /// Errors: [`Error::Json`](crate::Error::Json) (document `match result`) at the path where the text stops being a
    /// result; [`Error::Invalid`](crate::Error::Invalid) for a result matching could not have given: an `outcome` that
    /// does not fit the candidates, ranks other than 1, 2, 3, ..., an exclusion whose `reason`
    /// is not that of its `specifics`. No message repeats a value of the text.
    pub fn from_json(text: &str) -> Result<Self> {
        let result: Self = crate::wire::answer_from_json_strict(DOCUMENT, "a match result", text)?;
        let mut problems = Problems::new();
        let outcome =
            if result.candidates.is_empty() { MatchOutcome::NoEligibleTeam } else { MatchOutcome::CandidatesFound };
        if result.outcome != outcome {
            problems.push("$.outcome", format!("expected `{outcome}` for {} candidates", result.candidates.len()));
        }
        for (i, c) in result.candidates.iter().enumerate() {
            if usize::try_from(c.rank).ok() != Some(i + 1) {
                problems.push(format!("$.candidates[{i}].rank"), format!("expected {}", i + 1));
            }
        }
        for (i, e) in result.excluded.iter().enumerate() {
            let reason = e.detail.reason();
            if e.reason != reason {
                problems.push(
                    format!("$.excluded[{i}].reason"),
                    format!("expected `{reason}`, the reason of its `specifics`"),
                );
            }
        }
        problems.finish(DOCUMENT, || result)
    }
}

/// The document name in the errors of [`MatchResult::from_json`].
const DOCUMENT: &str = "match result";

/// A candidate, exclusion, accountable party or agreement of a match result read back alone from
/// its JSON (its `Serialize` form, as in the result), as strictly as the result: what a binding
/// that hands them out one by one pickles them as.
macro_rules! part_from_json {
    ($($ty:ident, $document:literal, $what:literal;)*) => {$(
        impl $ty {
            #[doc = concat!("One ", $what, " of a match result written as JSON read back alone (see ")]
            #[doc = "[`MatchResult::from_json`]). Errors: [`Error::Json`](crate::Error::Json) at the path"]
            #[doc = concat!("where the text stops being ", $what, ", never repeating a value.")]
            pub fn from_json(text: &str) -> Result<Self> {
                crate::wire::answer_from_json_strict($document, $what, text)
            }
        }
    )*};
}

part_from_json! {
    Candidate, "match candidate", "a candidate";
    Accountable, "accountable party", "an accountable party";
    Via, "candidate agreement", "an agreement of a candidate";
}

impl Exclusion {
    /// One exclusion of a match result written as JSON read back alone (see
    /// [`MatchResult::from_json`]): from its `specifics`, whose reason must be its `reason`.
    ///
    /// Errors: [`Error::Json`](crate::Error::Json) at the path where the text stops being an
    /// exclusion; [`Error::Invalid`](crate::Error::Invalid) at `$.reason`. No message repeats a
    /// value.
    pub fn from_json(text: &str) -> Result<Self> {
        const DOCUMENT: &str = "match exclusion";
        let e: Self = crate::wire::answer_from_json_strict(DOCUMENT, "an exclusion", text)?;
        let mut problems = Problems::new();
        let reason = e.detail.reason();
        if e.reason != reason {
            problems.push("$.reason", format!("expected `{reason}`, the reason of its `specifics`"));
        }
        problems.finish(DOCUMENT, || e)
    }
}
