//! What a match returns: ranked candidates, every excluded team with its reason, and who is
//! accountable when nobody can take the client.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::codes::{CapacityStatus, CareType, CodeSet, Language, NurseLevel, TimeOfDay, code_enum};
use crate::ids::{Id, Location};
use crate::registry::ContactPerson;
use crate::volume::Hours;
use crate::wire::{ser_codes, ser_contact, ser_display, ser_instant};

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Via {
    /// Kind of agreement.
    pub kind: ViaKind,
    /// The agreement's id.
    pub agreement: Id,
    /// The team that actually delivers.
    pub delivering_team: Id,
    /// Care types delivered this way.
    #[serde(serialize_with = "ser_codes")]
    pub care_types: CodeSet<CareType>,
    /// Times of day covered this way.
    #[serde(serialize_with = "ser_codes")]
    pub times_of_day: CodeSet<TimeOfDay>,
}

/// A team that can take the client.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    #[serde(serialize_with = "ser_codes")]
    pub flags: CodeSet<CandidateFlag>,
    /// When the request says its hours per week: the fewest free hours per week the team
    /// reports among the needed care types it delivers itself (absent when it reports none);
    /// more room ranks first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_hours: Option<Hours>,
    /// Agreements through which the team offers some of the care.
    pub via: Vec<Via>,
    /// The fixed contact person: the team's first, else the organisation's.
    #[serde(serialize_with = "ser_contact")]
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

/// Written by hand because `explanation` is computed: matching keeps exclusions as data and
/// formats their text only when a host asks for it.
impl Serialize for Exclusion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Exclusion", 6)?;
        st.serialize_field("team", &self.team)?;
        st.serialize_field("organisation", &self.organisation)?;
        st.serialize_field("client_preference", &self.client_preference)?;
        st.serialize_field("reason", &self.reason)?;
        st.serialize_field("detail", &crate::wire::Shown(&self.detail))?;
        st.serialize_field("explanation", &crate::wire::Shown(self))?;
        st.end()
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Accountable {
    /// The accountable organisation.
    pub party: Id,
    /// Why this party.
    pub source: AccountableSource,
    /// The coordination point or agreement that designates it.
    pub via: Option<Id>,
    /// Whom to call.
    #[serde(serialize_with = "ser_contact")]
    pub contact: Option<Arc<ContactPerson>>,
}

/// The answer to "who can take this client?".
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}
