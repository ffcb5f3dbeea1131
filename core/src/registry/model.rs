//! The registry's domain values: organisations, teams, service areas, capacity, contact persons.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::pc4set::Pc4Set;
use std::collections::BTreeMap;

use crate::codes::{CapacityStatus, CareType, CodeSet, Language, NurseLevel, OrganisationKind, TimeOfDay, Weekday};
use crate::ids::{AgbCode, Id, KvkNumber, Location, MunicipalityCode, Pc4, Pc6, UraNumber};
use crate::volume::Hours;

/// An organisation (*aanbieder*, GP practice, insurer, municipality, ...).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Organisation {
    /// Registry id.
    pub id: Id,
    /// Public name.
    pub name: String,
    /// What kind of organisation this is.
    pub kind: OrganisationKind,
    /// AGB code, the Vektis identifier insurers pay against.
    pub agb: Option<AgbCode>,
    /// URA number, for secure exchange (UZI register).
    pub ura: Option<UraNumber>,
    /// Chamber of commerce number.
    pub kvk: Option<KvkNumber>,
    /// Insurers (registry ids of organisations of kind `insurer`) this provider has a contract
    /// with; decides whether a natura-policy client pays part of the bill.
    pub contracted_insurers: Vec<Id>,
    /// The organisation's fixed contact person (*vaste contactpersoon*).
    pub contact: Option<Arc<ContactPerson>>,
}

/// A named, reachable person. The sources stress this repeatedly: collaboration works when
/// people know whom to call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContactPerson {
    /// The professional's name (professionals, never clients, appear in the registry).
    pub name: String,
    /// Role, e.g. `wijkverpleegkundige` or `teamleider`.
    pub role: String,
    /// Phone number as dialled.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// When the person can be reached (local Dutch time); empty means no hours recorded.
    pub hours: Vec<ReachableHours>,
}

/// A weekly window in which a contact person answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReachableHours {
    /// Days of the week.
    pub days: CodeSet<Weekday>,
    /// Start, local time.
    pub from: NaiveTime,
    /// End (exclusive), local time; after `from`.
    pub to: NaiveTime,
}

impl ContactPerson {
    /// Whether the person is reachable at this local weekday and time. A person without recorded
    /// hours is never reported as reachable: we do not guess.
    pub fn reachable_at(&self, day: Weekday, time: NaiveTime) -> bool {
        self.hours.iter().any(|h| h.days.contains(day) && h.from <= time && time < h.to)
    }
}

/// A service area (*werkgebied*) as its maintainer wrote it, plus the expanded PC4 set used for
/// lookups.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ServiceArea {
    /// Single PC4 areas.
    pub pc4: Vec<Pc4>,
    /// Inclusive PC4 ranges.
    pub pc4_ranges: Vec<Pc4Range>,
    /// Streets served although their PC4 is not.
    pub pc6_include: Vec<Pc6>,
    /// Streets not served although their PC4 is.
    pub pc6_exclude: Vec<Pc6>,
    /// Whole municipalities, expanded through the registry's municipality table.
    pub municipalities: Vec<MunicipalityCode>,
    /// Every PC4 the area covers as a whole: the single areas, the ranges and the
    /// municipalities' areas, without the streets (derived when the registry is read).
    #[cfg_attr(feature = "uniffi", uniffi(name = "covered_pc4"))]
    pub(crate) expanded: Pc4Set,
}

/// An inclusive range of PC4 areas, `first` to `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Pc4Range {
    /// First PC4 of the range.
    pub first: Pc4,
    /// Last PC4 of the range (inclusive).
    pub last: Pc4,
}

/// How a service area relates to a client's location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// The location is served.
    Covered,
    /// Not served.
    Outside,
    /// Only some streets of the client's PC4 are served and the request gives no PC6.
    PartialPc4,
    /// The client's street is explicitly excluded.
    ExcludedPc6,
}

impl ServiceArea {
    /// Every PC4 this area covers as a whole.
    pub fn covered_pc4(&self) -> &Pc4Set {
        &self.expanded
    }

    /// Whether the area serves the location. With only a PC4 known, a PC4 counts as served when
    /// the area covers it as a whole (street exclusions cannot be checked without a PC6), and not
    /// when only some of its streets are included.
    pub fn coverage(&self, location: Location) -> Coverage {
        self.coverage_knowing(location, self.expanded.contains(location.pc4()))
    }

    /// [`Self::coverage`] when whether the area covers the location's PC4 as a whole (`whole`)
    /// is already known, as the postcode index knows it for every team touching a PC4: the same
    /// answer without reading the area's PC4 set, a cache miss of its own.
    pub(crate) fn coverage_knowing(&self, location: Location, whole: bool) -> Coverage {
        match location {
            Location::Pc6(p) => {
                // Both street lists are sorted and deduplicated when the area is read.
                if self.pc6_exclude.binary_search(&p).is_ok() {
                    Coverage::ExcludedPc6
                } else if whole || self.pc6_include.binary_search(&p).is_ok() {
                    Coverage::Covered
                } else {
                    Coverage::Outside
                }
            }
            Location::Pc4(pc4) => {
                if whole {
                    Coverage::Covered
                } else if self.pc6_include.iter().any(|p| p.pc4() == pc4) {
                    Coverage::PartialPc4
                } else {
                    Coverage::Outside
                }
            }
        }
    }

    /// PC4 areas this area touches at all (whole or some streets), for the postcode index.
    pub(crate) fn touched_pc4(&self) -> impl Iterator<Item = Pc4> + '_ {
        self.expanded.iter().chain(self.pc6_include.iter().map(|p| p.pc4()))
    }

    /// Whether the area serves every address of `pc4` (covers it whole and excludes none of its
    /// streets), so that its coverage of any location in `pc4` is [`Coverage::Covered`].
    pub(crate) fn serves_all_of(&self, pc4: Pc4) -> bool {
        // The excluded streets are sorted, so those of one PC4 are adjacent.
        let first = self.pc6_exclude.partition_point(|p| p.pc4() < pc4);
        self.expanded.contains(pc4) && self.pc6_exclude.get(first).is_none_or(|p| p.pc4() != pc4)
    }
}

/// A municipality and the PC4 areas that make it up, so that a team can say "all of GM0153".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// CBS code.
    pub code: MunicipalityCode,
    /// Name.
    pub name: String,
    /// Its PC4 areas, sorted.
    pub pc4: Vec<Pc4>,
}

/// A provider's team (*wijkteam*): the unit that takes clients.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Team {
    /// Registry id.
    pub id: Id,
    /// The organisation it belongs to (registry id).
    pub organisation: Id,
    /// Display name, e.g. `Buurtzorg Enschede-Oost`.
    pub name: String,
    /// Where it works.
    pub area: ServiceArea,
    /// Care it delivers itself (agreements can add more).
    pub care_types: CodeSet<CareType>,
    /// Highest qualified nurse the team can send.
    pub max_nurse_level: NurseLevel,
    /// Parts of the day it works itself (night may also come through a rotation).
    pub times_of_day: CodeSet<TimeOfDay>,
    /// Languages its nurses speak (Dutch when the document names none).
    pub languages: CodeSet<Language>,
    /// Fixed contact persons, first is the primary.
    pub contacts: Vec<Arc<ContactPerson>>,
}

/// What a team says about taking new clients, and when it said so.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Capacity {
    /// Accepting, waitlist, full or unknown.
    pub status: CapacityStatus,
    /// Free places per care type, where the team reports them; a care type not listed has no
    /// limit reported. Index = care type index.
    pub free_places: FreePlaces,
    /// Free hours per week per care type, where the team reports them (next to its free
    /// places): a request needing more hours than a needed care type has free cannot be taken.
    /// A care type not listed has no number reported.
    pub free_hours: BTreeMap<CareType, Hours>,
    /// First day the team can start with a new client.
    pub earliest_start: Option<NaiveDate>,
    /// When this information was last updated: stale information is flagged, never silently
    /// trusted.
    pub updated_at: DateTime<Utc>,
    /// Incremented by every update; an update names the version it was based on.
    pub version: u64,
}

/// Free places per care type, in a fixed array so reading it on the hot path never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FreePlaces([Option<u32>; CareType::ALL.len()]);

impl FreePlaces {
    /// Free places reported for a care type, if any.
    pub fn get(&self, care: CareType) -> Option<u32> {
        self.0[care.index() as usize]
    }
    /// Records free places for a care type.
    pub fn set(&mut self, care: CareType, places: Option<u32>) {
        self.0[care.index() as usize] = places;
    }
    /// Reported entries in care-type order.
    pub fn iter(&self) -> impl Iterator<Item = (CareType, u32)> + '_ {
        CareType::ALL.iter().filter_map(|c| self.get(*c).map(|n| (*c, n)))
    }
}

/// A coordination point (*coördinatiepunt*) recorded in the registry: the party accountable when
/// nobody can take a client in its area.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CoordinationPoint {
    /// Registry id.
    pub id: Id,
    /// The organisation that runs it.
    pub organisation: Id,
    /// Display name.
    pub name: String,
    /// The area it is accountable for.
    pub area: ServiceArea,
    /// Whom to call.
    pub contact: Option<Arc<ContactPerson>>,
}
