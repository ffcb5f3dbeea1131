//! Agreement values (*samenwerkingsafspraken*): the common frame and each kind's terms.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use crate::codes::{CareType, CodeSet, FundingStream, code_enum};
use crate::consent::{DataCategory, Purpose};
use crate::ids::Id;
use crate::registry::{ContactPerson, ServiceArea};

code_enum! {
    /// Kinds of agreement the regions in the sources actually make.
    AgreementKind, "agreement kind" {
        /// One night team covers several providers' clients (*onplanbare nachtzorg*).
        NightRotation = "night_rotation", "nachtzorgrooster", "night-care rotation";
        /// Provider A delivers care for provider B's client (*onderaanneming*).
        Subcontracting = "subcontracting", "onderaanneming", "subcontracting";
        /// Wound care, MTH or palliative team shared by member organisations.
        SharedSpecialistTeam = "shared_specialist_team", "gezamenlijk specialistisch team", "shared specialist team";
        /// One regional entry point that is accountable for unplaced requests.
        CoordinationPoint = "coordination_point", "coördinatiepunt", "coordination point";
        /// The one organisation that coordinates a given client's care.
        CaseCoordination = "case_coordination", "regie per cliënt", "case coordination";
        /// A municipality lets district nurses assess Wmo household help.
        DelegatedMandate = "delegated_mandate", "gemandateerde indicatiestelling", "delegated mandate";
        /// Parties agree to share data categories for purposes.
        DataSharing = "data_sharing", "gegevensuitwisselingsafspraak", "data-sharing agreement";
    }
}

code_enum! {
    /// Life of an agreement.
    AgreementStatus, "agreement status" {
        Draft = "draft", "concept", "draft";
        Active = "active", "actief", "active";
        Suspended = "suspended", "opgeschort", "suspended";
        Ended = "ended", "beëindigd", "ended";
    }
}

code_enum! {
    /// How a night rota advances.
    RotaCycle, "rota cycle" {
        /// The next team takes over every night.
        Daily = "daily", "per nacht", "every night";
        /// The next team takes over every seven nights.
        Weekly = "weekly", "per week", "every week";
    }
}

/// A party and the person accountable for the agreement on its side (*aanspreekpunt*).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Party {
    /// Registry organisation.
    pub organisation: Id,
    /// One accountable person per party: the sources' lesson.
    pub accountable: Arc<ContactPerson>,
}

/// Who pays, from which stream, how much.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Funding {
    /// Paying organisation (insurer, municipality).
    pub payer: Id,
    /// Funding stream.
    pub stream: FundingStream,
    /// Hours a week funded (e.g. 12, 16, 18 h of a district nurse in the social team).
    pub hours_per_week: Option<f64>,
    /// Amount a year in whole euros (e.g. Oss: 40,000).
    pub amount_eur_per_year: Option<i64>,
    /// How the funding is split over providers, e.g. by the hours each neighbourhood needs.
    pub allocation: Vec<Allocation>,
    /// Free text; no personal data.
    pub note: Option<String>,
}

/// One provider's share of an agreement's funding.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Allocation {
    /// The provider (registry organisation id).
    pub organisation: Id,
    /// Hours a week.
    pub hours_per_week: f64,
}

/// One night shift's fixed local times, e.g. 23:00 to 07:00 the next morning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ShiftTimes {
    /// Local start on the night's date.
    pub start: NaiveTime,
    /// Local end on the next date.
    pub end: NaiveTime,
}

/// A change for a single night.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NightOverride {
    /// The night (its start date).
    pub night: NaiveDate,
    /// The team on duty instead, or nobody.
    pub team: Option<Id>,
}

/// Terms of a night-care rotation.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "NightRotationTerms"))]
pub struct NightRotation {
    /// Area whose clients the night team covers.
    pub area: ServiceArea,
    /// Shift times in Dutch local time.
    pub shift: ShiftTimes,
    /// First night of the rota.
    pub rota_start: NaiveDate,
    /// How the rota advances.
    pub cycle: RotaCycle,
    /// Teams in rota order.
    pub rota: Vec<Id>,
    /// Single-night changes, sorted by night.
    pub overrides: Vec<NightOverride>,
}

/// Terms of subcontracting.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "SubcontractingTerms"))]
pub struct Subcontracting {
    /// The provider whose client it is (*hoofdaannemer*).
    pub principal: Id,
    /// The provider that delivers (*onderaannemer*).
    pub subcontractor: Id,
    /// The subcontractor's delivering team.
    pub delivering_team: Id,
    /// Care delivered this way.
    pub care_types: CodeSet<CareType>,
    /// Where.
    pub area: ServiceArea,
}

/// Terms of a shared specialist team.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "SharedSpecialistTeamTerms"))]
pub struct SharedSpecialistTeam {
    /// Organisations whose teams may call on it.
    pub members: Vec<Id>,
    /// The team that delivers.
    pub delivering_team: Id,
    /// Care delivered (wound care, MTH, palliative).
    pub care_types: CodeSet<CareType>,
    /// Where; absent means the delivering team's own area.
    pub area: Option<ServiceArea>,
}

/// Terms of a coordination point.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CoordinationPointTerms {
    /// Area it routes requests for.
    pub area: ServiceArea,
    /// The party accountable when a request stays unplaced.
    pub accountable: Id,
    /// Whom to call there.
    pub contact: Option<Arc<ContactPerson>>,
    /// Hours an acute referral may stay unplaced before it escalates (1 to 87,840).
    pub max_unplaced_hours_acute: i32,
    /// Hours a planned referral may stay unplaced before it escalates (1 to 87,840).
    pub max_unplaced_hours_planned: i32,
    /// Declines after which a referral escalates (at least 1).
    pub max_declines: i32,
}

/// Terms of case coordination: one organisation coordinates one client's care.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "CaseCoordinationTerms"))]
pub struct CaseCoordination {
    /// Pseudonymous client id (never a BSN or name).
    pub client: Id,
    /// The coordinating organisation (*regiehouder*).
    pub coordinator: Id,
    /// Other organisations involved in the client's care.
    pub members: Vec<Id>,
}

/// Terms of a delegated mandate (Ooststellingwerf, Ede).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "DelegatedMandateTerms"))]
pub struct DelegatedMandate {
    /// The municipality that delegates and keeps the formal decision (so the client can object).
    pub municipality: Id,
    /// Providers whose district nurses may assess.
    pub providers: Vec<Id>,
    /// What they may assess (Wmo household help).
    pub care_types: CodeSet<CareType>,
    /// How long an assessment holds, in days, before the municipal team reassesses (default 182).
    pub assessment_valid_days: i32,
}

/// Terms of a data-sharing agreement: which data categories the parties may share, for which
/// purposes. The consent check uses it as part of a legal basis.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DataSharingTerms {
    /// Data categories.
    pub categories: CodeSet<DataCategory>,
    /// Purposes.
    pub purposes: CodeSet<Purpose>,
}

/// Each kind's own terms. In Kotlin a sealed class and in Swift an enum, one case per kind of
/// agreement, each with its terms.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Terms {
    /// Night rotation.
    NightRotation(#[cfg_attr(feature = "uniffi", uniffi(name = "terms"))] NightRotation),
    /// Subcontracting.
    Subcontracting(#[cfg_attr(feature = "uniffi", uniffi(name = "terms"))] Subcontracting),
    /// Shared specialist team.
    SharedSpecialistTeam(#[cfg_attr(feature = "uniffi", uniffi(name = "terms"))] SharedSpecialistTeam),
    /// Coordination point.
    CoordinationPoint(#[cfg_attr(feature = "uniffi", uniffi(name = "terms"))] CoordinationPointTerms),
    /// Case coordination.
    CaseCoordination(#[cfg_attr(feature = "uniffi", uniffi(name = "terms"))] CaseCoordination),
    /// Delegated mandate.
    DelegatedMandate(#[cfg_attr(feature = "uniffi", uniffi(name = "terms"))] DelegatedMandate),
    /// Data sharing.
    DataSharing(#[cfg_attr(feature = "uniffi", uniffi(name = "terms"))] DataSharingTerms),
}

impl Terms {
    /// The kind code of these terms.
    pub fn kind(&self) -> AgreementKind {
        match self {
            Terms::NightRotation(_) => AgreementKind::NightRotation,
            Terms::Subcontracting(_) => AgreementKind::Subcontracting,
            Terms::SharedSpecialistTeam(_) => AgreementKind::SharedSpecialistTeam,
            Terms::CoordinationPoint(_) => AgreementKind::CoordinationPoint,
            Terms::CaseCoordination(_) => AgreementKind::CaseCoordination,
            Terms::DelegatedMandate(_) => AgreementKind::DelegatedMandate,
            Terms::DataSharing(_) => AgreementKind::DataSharing,
        }
    }
}

/// An agreement: the common frame every kind shares, and its terms.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Agreement {
    /// Id.
    pub id: Id,
    /// Title as the parties call it.
    pub title: String,
    /// Parties with their accountable persons.
    pub parties: Vec<Party>,
    /// Optional theme owner (*themaeigenaar*).
    pub theme_owner: Option<Arc<ContactPerson>>,
    /// First day in force.
    pub valid_from: NaiveDate,
    /// Last day in force, if it ends.
    pub valid_until: Option<NaiveDate>,
    /// Draft, active, suspended, ended.
    pub status: AgreementStatus,
    /// When the parties evaluate it next: the sources ask for regular evaluation.
    pub review_date: NaiveDate,
    /// Funding.
    pub funding: Option<Funding>,
    /// The kind's terms.
    pub terms: Terms,
}

impl Agreement {
    /// In force on this date: active status and within the validity period.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        in_force(self.status == AgreementStatus::Active, self.valid_from, self.valid_until, date)
    }

    /// Whether an organisation is a party.
    pub fn has_party(&self, organisation: &str) -> bool {
        self.parties.iter().any(|p| p.organisation.as_str() == organisation)
    }
}

/// The in-force rule, for [`Agreement::in_force`] and for the compact copy of an agreement's
/// dates that matching reads instead of the agreement.
pub(crate) fn in_force(active: bool, valid_from: NaiveDate, valid_until: Option<NaiveDate>, date: NaiveDate) -> bool {
    active && valid_from <= date && valid_until.is_none_or(|u| date <= u)
}
