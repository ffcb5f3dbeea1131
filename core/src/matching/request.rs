//! A matching request: where the client lives, what care is needed, when, and the client's own
//! choices.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::codes::{CareType, CodeSet, Language, NurseLevel, OrganisationKind, PolicyType, TimeOfDay, code_enum};
use std::collections::HashSet;

use crate::error::{Problems, Result};
use crate::ids::{Id, Location};
use crate::input::{Checker, shown};
use crate::limits::{MAX_HOURS, MAX_RECORD_LIST, MAX_YEAR, MIN_YEAR};
use crate::registry::Registry;
use crate::volume::{Hours, VisitMoment, volume_problems};

code_enum! {
    /// How soon care must start.
    Urgency, "urgency" {
        /// Care must start within 24 hours (e.g. a hospital discharge tonight).
        Acute = "acute", "acuut (binnen 24 uur)", "acute (within 24 hours)";
        /// Care starts on a desired date.
        Planned = "planned", "planbaar", "planned";
    }
}

const DOCUMENT: &str = "request";

/// The order of a request's fields, so its problems can be listed in document order: a stable
/// sort by the field a path starts with, then by the list index.
fn field_rank(path: &str) -> (usize, usize) {
    const FIELDS: [&str; 17] = [
        "id",
        "location",
        "care_types",
        "urgency",
        "desired_start",
        "latest_start",
        "times_of_day",
        "insurer",
        "policy",
        "contracted_only",
        "min_nurse_level",
        "languages",
        "preferred_providers",
        "refused_providers",
        "visits_per_week",
        "hours_per_week",
        "visit_moments",
    ];
    let rest = path.strip_prefix("$.").unwrap_or(path);
    let name = rest.split(['.', '[']).next().unwrap_or("");
    let index = rest
        .strip_prefix(name)
        .and_then(|r| r.strip_prefix('['))
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (FIELDS.iter().position(|f| *f == name).unwrap_or(FIELDS.len()), index)
}

/// A validated matching request (*zorgvraag*). Contains no personal data: a location and needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchRequest {
    /// Caller's reference, echoed in nothing but kept for the host.
    pub id: Option<Id>,
    /// The client's PC6 or PC4.
    pub location: Location,
    /// Care types needed; at least one.
    pub care_types: CodeSet<CareType>,
    /// Acute or planned.
    pub urgency: Urgency,
    /// For planned care: the desired first day (default: today).
    pub desired_start: Option<NaiveDate>,
    /// For planned care: the last acceptable first day (default: the desired start).
    pub latest_start: Option<NaiveDate>,
    /// Parts of the day care is needed (default: day).
    pub times_of_day: CodeSet<TimeOfDay>,
    /// The client's insurer (registry organisation id).
    pub insurer: Option<Id>,
    /// The client's policy type; decides what a non-contracted provider means.
    pub policy: Option<PolicyType>,
    /// Exclude providers without a contract with `insurer` instead of flagging them.
    pub contracted_only: bool,
    /// Minimum nurse level needed.
    pub min_nurse_level: Option<NurseLevel>,
    /// Languages the client speaks: a team must share one of them. Empty: no requirement.
    pub languages: CodeSet<Language>,
    /// Providers (organisation ids) the client prefers: an eligible one always ranks first
    /// (*keuzevrijheid*).
    pub preferred_providers: Vec<Id>,
    /// Providers the client refuses.
    pub refused_providers: Vec<Id>,
    /// Visits per week from the assessment (*indicatie*), e.g. 14 for two visits a day.
    pub visits_per_week: Option<u32>,
    /// Hours of care per week from the assessment: a team that reports fewer free hours for a
    /// needed care type cannot take the client (`not_enough_hours`), and teams with more room
    /// rank first.
    pub hours_per_week: Option<Hours>,
    /// When in the day visits are needed (*zorgmomenten*): their parts of the day are needed
    /// too, next to `times_of_day`.
    pub visit_moments: CodeSet<VisitMoment>,
}

/// JSON shape of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "MatchRequest"))]
pub struct MatchRequestDoc {
    /// Caller's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IdText>"))]
    pub id: Option<String>,
    /// PC6 or PC4.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::LocationText"))]
    pub location: String,
    /// Care type codes.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::CareType>", length(min = 1)))]
    pub care_types: Vec<String>,
    /// `acute` or `planned` (default `planned`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::matching::Urgency>"))]
    pub urgency: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub desired_start: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    pub latest_start: Option<String>,
    /// Time-of-day codes (default `["day"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::TimeOfDay>"))]
    pub times_of_day: Vec<String>,
    /// Insurer organisation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IdText>"))]
    pub insurer: Option<String>,
    /// Policy type code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::codes::PolicyType>"))]
    pub policy: Option<String>,
    /// Exclude non-contracted providers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub contracted_only: bool,
    /// Nurse level code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::codes::NurseLevel>"))]
    pub min_nurse_level: Option<String>,
    /// Language codes the client speaks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::codes::Language>"))]
    pub languages: Vec<String>,
    /// Preferred organisation ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::UniqueIds"))]
    pub preferred_providers: Vec<String>,
    /// Refused organisation ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::UniqueIds"))]
    pub refused_providers: Vec<String>,
    /// Visits per week from the assessment (1 to 168), e.g. 14 for two visits a day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 168)))]
    pub visits_per_week: Option<u32>,
    /// Hours of care per week from the assessment (above 0, at most 168), e.g. 1.5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<f64>", range(max = 168)))]
    pub hours_per_week: Option<Hours>,
    /// Visit moment codes (`morning`, `afternoon`, `evening`, `night`): their parts of the day
    /// are needed too. With visit moments and no `times_of_day`, only their parts of the day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Codes<crate::volume::VisitMoment>"))]
    pub visit_moments: Vec<String>,
}

/// A request as a host builds it from its own values, before it is checked: ids and the
/// location as text, codes as typed values, dates as dates. It is checked when a match runs,
/// with the rules and the wording of a JSON request, every problem at once.
///
/// In Kotlin and Swift this is `MatchRequest`: build it field by field (the defaults are those of
/// the JSON request) or read the JSON request with `matchRequestFromJson`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "MatchRequest"))]
pub struct MatchRequestInput {
    /// The client's PC6 (`7511AB`) or PC4 (`7511`).
    pub location: String,
    /// Care types needed; at least one.
    pub care_types: Vec<CareType>,
    /// Acute (within 24 hours) or planned.
    pub urgency: Urgency,
    /// The caller's own reference, kept for the caller.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub id: Option<String>,
    /// For planned care: the desired first day (default: today).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub desired_start: Option<NaiveDate>,
    /// For planned care: the last acceptable first day (default: the desired start).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub latest_start: Option<NaiveDate>,
    /// Parts of the day care is needed; empty means day only.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub times_of_day: Vec<TimeOfDay>,
    /// The client's insurer (the registry id of an organisation of kind insurer).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub insurer: Option<String>,
    /// The client's policy type; decides what a provider without a contract means for the client.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub policy: Option<PolicyType>,
    /// Exclude providers without a contract with the insurer instead of flagging them.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub contracted_only: bool,
    /// Minimum nurse level needed.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub min_nurse_level: Option<NurseLevel>,
    /// Languages the client speaks: a team must share one. Empty: no requirement.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub languages: Vec<Language>,
    /// Providers (organisation ids) the client prefers: an eligible one always ranks first
    /// (*keuzevrijheid*).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub preferred_providers: Vec<String>,
    /// Providers (organisation ids) the client refuses.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub refused_providers: Vec<String>,
    /// Visits per week from the assessment (1 to 168), e.g. 14 for two visits a day.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub visits_per_week: Option<u32>,
    /// Hours of care per week from the assessment (above 0, at most 168): a team reporting fewer
    /// free hours for a needed care type is excluded (`not_enough_hours`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub hours_per_week: Option<Hours>,
    /// When in the day visits are needed; their parts of the day are needed too.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub visit_moments: Vec<VisitMoment>,
}

impl From<&MatchRequest> for MatchRequestInput {
    fn from(r: &MatchRequest) -> Self {
        let ids = |list: &[Id]| list.iter().map(|x| x.as_str().to_owned()).collect();
        Self {
            location: r.location.to_string(),
            care_types: r.care_types.iter().collect(),
            urgency: r.urgency,
            id: r.id.as_ref().map(|x| x.as_str().to_owned()),
            desired_start: r.desired_start,
            latest_start: r.latest_start,
            times_of_day: r.times_of_day.iter().collect(),
            insurer: r.insurer.as_ref().map(|x| x.as_str().to_owned()),
            policy: r.policy,
            contracted_only: r.contracted_only,
            min_nurse_level: r.min_nurse_level,
            languages: r.languages.iter().collect(),
            preferred_providers: ids(&r.preferred_providers),
            refused_providers: ids(&r.refused_providers),
            visits_per_week: r.visits_per_week,
            hours_per_week: r.hours_per_week,
            visit_moments: r.visit_moments.iter().collect(),
        }
    }
}

/// The organisations a checked request names, as positions in the registry it was checked
/// against ([`MatchRequest::resolve`]).
pub(crate) struct Named {
    /// The client's insurer, with its bit in the teams' contract masks when it has one
    /// ([`Registry::insurer_slot_at`]).
    pub insurer: Option<(u32, Option<u8>)>,
    /// The preferred providers, in the request's order.
    pub preferred: Vec<u32>,
    /// The refused providers, in the request's order.
    pub refused: Vec<u32>,
}

impl MatchRequest {
    /// A planned request for some care at a location, to be refined field by field.
    pub fn new(location: Location, care_types: CodeSet<CareType>) -> Self {
        Self {
            id: None,
            location,
            care_types,
            urgency: Urgency::Planned,
            desired_start: None,
            latest_start: None,
            times_of_day: [TimeOfDay::Day].into_iter().collect(),
            insurer: None,
            policy: None,
            contracted_only: false,
            min_nurse_level: None,
            languages: CodeSet::empty(),
            preferred_providers: Vec::new(),
            refused_providers: Vec::new(),
            visits_per_week: None,
            hours_per_week: None,
            visit_moments: CodeSet::empty(),
        }
    }

    /// The parts of the day the care is needed in: `times_of_day` and those of the visit moments.
    pub fn needed_times(&self) -> CodeSet<TimeOfDay> {
        self.visit_moments.iter().fold(self.times_of_day, |set, m| {
            let mut set = set;
            set.insert(m.time_of_day());
            set
        })
    }

    /// Parses a request from JSON; every problem is reported with its path.
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        let doc: MatchRequestDoc = crate::input::read(bytes, DOCUMENT)?;
        Self::from_doc(&doc)
    }

    /// Reads a request from values, as [`MatchRequest::from_json`] reads its JSON text.
    ///
    /// The values are anything a serde `Deserializer` reads (a binding's deserializer over its
    /// host language's dicts and lists, or a `&serde_json::Value`): read as strictly as the JSON
    /// text, with the same answer and the same errors.
    pub fn from_values<'de, D: serde::Deserializer<'de>>(values: D) -> Result<Self> {
        let doc: MatchRequestDoc = crate::input::read_values(values, DOCUMENT)?;
        Self::from_doc(&doc)
    }

    /// Validates the JSON shape. Problems come in the order of the request's fields.
    pub fn from_doc(doc: &MatchRequestDoc) -> Result<Self> {
        let mut problems = Problems::new();
        let mut c = Checker { problems: &mut problems };
        let id = doc.id.as_deref().and_then(|s| c.id("$.id", s));
        let location = c.record("$.location", Location::parse(&doc.location));
        let care_types = c.codes("$.care_types", &doc.care_types, CareType::from_code);
        let urgency = match &doc.urgency {
            Some(u) => c.code("$.urgency", Urgency::from_code(u)),
            None => Some(Urgency::Planned),
        };
        let desired_start = doc.desired_start.as_deref().and_then(|s| c.date("$.desired_start", s));
        let latest_start = doc.latest_start.as_deref().and_then(|s| c.date("$.latest_start", s));
        let visit_moments = c.codes("$.visit_moments", &doc.visit_moments, VisitMoment::from_code);
        let times_of_day = if !doc.times_of_day.is_empty() {
            c.codes("$.times_of_day", &doc.times_of_day, TimeOfDay::from_code)
        } else if doc.visit_moments.is_empty() {
            [TimeOfDay::Day].into_iter().collect()
        } else {
            CodeSet::empty()
        };
        let insurer = doc.insurer.as_deref().and_then(|s| c.id("$.insurer", s));
        let policy = doc.policy.as_deref().and_then(|s| c.code("$.policy", PolicyType::from_code(s)));
        let min_nurse_level =
            doc.min_nurse_level.as_deref().and_then(|s| c.code("$.min_nurse_level", NurseLevel::from_code(s)));
        let languages = c.codes("$.languages", &doc.languages, Language::from_code);
        let preferred_providers =
            c.ids("$.preferred_providers", &doc.preferred_providers, MAX_RECORD_LIST).unwrap_or_default();
        let refused_providers =
            c.ids("$.refused_providers", &doc.refused_providers, MAX_RECORD_LIST).unwrap_or_default();
        let request = MatchRequest {
            id,
            location: location.unwrap_or(Location::Pc4(crate::ids::Pc4::new(1000).expect("valid"))),
            care_types,
            urgency: urgency.unwrap_or(Urgency::Planned),
            desired_start,
            latest_start,
            times_of_day,
            insurer,
            policy,
            contracted_only: doc.contracted_only,
            min_nurse_level,
            languages,
            preferred_providers,
            refused_providers,
            visits_per_week: doc.visits_per_week,
            hours_per_week: doc.hours_per_week,
            visit_moments,
        };
        // Codes given but all unknown already have a problem each.
        let given = [
            (!doc.care_types.is_empty()).then_some("$.care_types"),
            (doc.times_of_day.is_empty() && !doc.visit_moments.is_empty()).then_some("$.times_of_day"),
        ];
        Self::checked(problems, request, &given)
    }

    /// Checks a request a host built from its own values ([`MatchRequestInput`]) with the rules
    /// and the wording of [`MatchRequest::from_doc`]: every problem at once, in field order, at
    /// the paths of the JSON request (`$.location`, `$.preferred_providers[0]`, ...). Dates and
    /// instants are typed, so only their years can be wrong.
    pub fn from_input(input: &MatchRequestInput) -> Result<Self> {
        let mut problems = Problems::new();
        let mut c = Checker { problems: &mut problems };
        let id = input.id.as_deref().and_then(|s| c.id("$.id", s));
        let location = c.record("$.location", Location::parse(&input.location));
        let care_types = c.typed_codes("$.care_types", &input.care_types);
        let desired_start = input.desired_start.and_then(|d| c.date_value("$.desired_start", d));
        let latest_start = input.latest_start.and_then(|d| c.date_value("$.latest_start", d));
        let visit_moments = c.typed_codes("$.visit_moments", &input.visit_moments);
        let times_of_day = if !input.times_of_day.is_empty() {
            c.typed_codes("$.times_of_day", &input.times_of_day)
        } else if input.visit_moments.is_empty() {
            [TimeOfDay::Day].into_iter().collect()
        } else {
            CodeSet::empty()
        };
        let insurer = input.insurer.as_deref().and_then(|s| c.id("$.insurer", s));
        let languages = c.typed_codes("$.languages", &input.languages);
        let preferred_providers =
            c.ids("$.preferred_providers", &input.preferred_providers, MAX_RECORD_LIST).unwrap_or_default();
        let refused_providers =
            c.ids("$.refused_providers", &input.refused_providers, MAX_RECORD_LIST).unwrap_or_default();
        let request = MatchRequest {
            id,
            location: location.unwrap_or(Location::Pc4(crate::ids::Pc4::new(1000).expect("valid"))),
            care_types,
            urgency: input.urgency,
            desired_start,
            latest_start,
            times_of_day,
            insurer,
            policy: input.policy,
            contracted_only: input.contracted_only,
            min_nurse_level: input.min_nurse_level,
            languages,
            preferred_providers,
            refused_providers,
            visits_per_week: input.visits_per_week,
            hours_per_week: input.hours_per_week,
            visit_moments,
        };
        Self::checked(problems, request, &[])
    }

    /// The rule checks on top of the value problems already found, all sorted into field order.
    /// Rule checks run even when some values failed to parse, so all problems show at once;
    /// codes that were given but all unknown (`codes_given`: the paths of their rule problems, care
    /// types or visit moments standing for the times of day) already have a problem each.
    fn checked(problems: Problems, request: MatchRequest, codes_given: &[Option<&str>]) -> Result<Self> {
        let mut problems = problems;
        let mut rules = request.rule_problems();
        rules.retain(|(p, _)| !codes_given.contains(&Some(p.as_str())));
        for (path, reason) in rules {
            problems.push(path, reason);
        }
        let mut all = problems.into_vec();
        all.sort_by_key(|p| field_rank(&p.path));
        let mut problems = Problems::new();
        for p in all {
            problems.push(p.path, p.reason);
        }
        problems.finish(DOCUMENT, || request)
    }

    /// Checks that do not need the registry.
    fn rule_problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.care_types.is_empty() {
            out.push(("$.care_types".into(), "names no care need: give at least one care type".into()));
        }
        if self.needed_times().is_empty() {
            out.push(("$.times_of_day".into(), "names no time of day".into()));
        }
        for (field, why) in volume_problems(self.visits_per_week, self.hours_per_week) {
            out.push((format!("$.{field}"), why));
        }
        if self.urgency == Urgency::Acute && (self.desired_start.is_some() || self.latest_start.is_some()) {
            out.push((
                "$.urgency".into(),
                "acute care starts within 24 hours: leave out `desired_start` and `latest_start`".into(),
            ));
        }
        if let (Some(d), Some(l)) = (self.desired_start, self.latest_start) {
            if l < d {
                out.push(("$.latest_start".into(), "must not be before `desired_start`".into()));
            }
        }
        if self.contracted_only && self.insurer.is_none() {
            out.push(("$.contracted_only".into(), "needs `insurer`".into()));
        }
        // Most requests name no provider at all: no set is built then, and a few names are
        // compared directly (a set only for lists long enough to make that quadratic).
        let (preferred, refused) = (&self.preferred_providers, &self.refused_providers);
        let set: Option<HashSet<&Id>> =
            (preferred.len().saturating_mul(refused.len()) > 64).then(|| preferred.iter().collect());
        let is_preferred = |r: &Id| set.as_ref().map_or_else(|| preferred.contains(r), |s| s.contains(r));
        for (i, r) in refused.iter().enumerate() {
            if is_preferred(r) {
                out.push((
                    format!("$.refused_providers[{i}]"),
                    format!("{} is also a preferred provider", shown(r.as_str())),
                ));
            }
        }
        out
    }

    /// Every problem of this request against a registry: the rules above plus unknown insurer
    /// and providers.
    pub fn validate(&self, registry: &Registry) -> Result<()> {
        self.resolve(registry).map(drop)
    }

    /// [`Self::validate`], giving the organisations the request names as positions in
    /// `registry`: matching looks each one up once, here, instead of once to check it and again
    /// for each use.
    pub(crate) fn resolve(&self, registry: &Registry) -> Result<Named> {
        let mut rules = self.rule_problems();
        let mut named = Named { insurer: None, preferred: Vec::new(), refused: Vec::new() };
        if let Some(ins) = &self.insurer {
            match registry.organisation_position(ins) {
                None => rules.push(("$.insurer".into(), format!("unknown organisation {}", shown(ins.as_str())))),
                Some(o) => {
                    // An insurer with a contract slot is known to be one without reading its record.
                    let slot = registry.insurer_slot_at(o);
                    if slot.is_some() || registry.organisations()[o as usize].kind == OrganisationKind::Insurer {
                        named.insurer = Some((o, slot));
                    } else {
                        rules.push((
                            "$.insurer".into(),
                            format!("organisation {} is not an insurer", shown(ins.as_str())),
                        ))
                    }
                }
            }
        }
        for (field, list, positions) in [
            ("preferred_providers", &self.preferred_providers, &mut named.preferred),
            ("refused_providers", &self.refused_providers, &mut named.refused),
        ] {
            positions.reserve_exact(list.len());
            for (i, id) in list.iter().enumerate() {
                match registry.organisation_position(id) {
                    Some(o) => positions.push(o),
                    None => {
                        rules.push((format!("$.{field}[{i}]"), format!("unknown organisation {}", shown(id.as_str()))))
                    }
                }
            }
        }
        rules.sort_by_key(|(p, _)| field_rank(p));
        let mut problems = Problems::new();
        for (p, r) in rules {
            problems.push(p, r);
        }
        problems.finish(DOCUMENT, || named)
    }

    /// The JSON shape of this request.
    pub fn to_doc(&self) -> MatchRequestDoc {
        let codes = |it: &mut dyn Iterator<Item = &'static str>| it.map(str::to_owned).collect::<Vec<_>>();
        MatchRequestDoc {
            id: self.id.as_ref().map(|x| x.to_string()),
            location: self.location.to_string(),
            care_types: codes(&mut self.care_types.iter().map(CareType::code)),
            urgency: Some(self.urgency.code().to_owned()),
            desired_start: self.desired_start.map(|d| d.to_string()),
            latest_start: self.latest_start.map(|d| d.to_string()),
            times_of_day: codes(&mut self.times_of_day.iter().map(TimeOfDay::code)),
            insurer: self.insurer.as_ref().map(|x| x.to_string()),
            policy: self.policy.map(|p| p.code().to_owned()),
            contracted_only: self.contracted_only,
            min_nurse_level: self.min_nurse_level.map(|l| l.code().to_owned()),
            languages: codes(&mut self.languages.iter().map(Language::code)),
            preferred_providers: self.preferred_providers.iter().map(|x| x.to_string()).collect(),
            refused_providers: self.refused_providers.iter().map(|x| x.to_string()).collect(),
            visits_per_week: self.visits_per_week,
            hours_per_week: self.hours_per_week,
            visit_moments: codes(&mut self.visit_moments.iter().map(VisitMoment::code)),
        }
    }
}

/// Parameters of one matching call that are not part of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchOptions {
    /// "Now": the core never reads the clock.
    pub now: DateTime<Utc>,
    /// Capacity information older than this is flagged stale.
    pub stale_after: Duration,
}

/// JSON shape of [`MatchOptions`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "MatchOptions"))]
pub struct MatchOptionsDoc {
    /// RFC 3339 instant.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::InstantText"))]
    pub now: String,
    /// Hours after which capacity is stale (default 72).
    #[serde(default = "default_stale_hours")]
    #[cfg_attr(feature = "schema", schemars(range(max = 87840)))]
    pub stale_after_hours: u32,
}

/// Options as a host gives them: "now" as an instant and the staleness threshold in hours.
/// Checked when a match runs. In Kotlin and Swift this is `MatchOptions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "MatchOptions"))]
pub struct MatchOptionsInput {
    /// "Now": wijknet never reads the clock, so the caller says what time it is.
    pub now: DateTime<Utc>,
    /// Capacity information older than this many hours is flagged stale (0 to 87,840).
    #[cfg_attr(feature = "uniffi", uniffi(default = 72))]
    pub stale_after_hours: i32,
}

fn default_stale_hours() -> u32 {
    MatchOptions::DEFAULT_STALE_HOURS
}

impl MatchOptions {
    /// Capacity older than three days is stale unless the caller says otherwise.
    pub const DEFAULT_STALE_HOURS: u32 = 72;

    /// Options at an instant with the default staleness threshold.
    pub fn at(now: DateTime<Utc>) -> Self {
        Self { now, stale_after: Duration::hours(i64::from(Self::DEFAULT_STALE_HOURS)) }
    }

    /// Parses options from JSON.
    pub fn from_json(bytes: &[u8]) -> Result<Self> {
        let doc: MatchOptionsDoc = crate::input::read(bytes, "match options")?;
        Self::from_doc(&doc)
    }

    /// Validates the JSON shape.
    pub fn from_doc(doc: &MatchOptionsDoc) -> Result<Self> {
        let mut problems = Problems::new();
        let mut c = Checker { problems: &mut problems };
        let now = c.instant("$.now", &doc.now);
        let hours = c.at_most("$.stale_after_hours", u64::from(doc.stale_after_hours), u64::from(MAX_HOURS), "hours");
        problems.finish("match options", || Self {
            now: now.expect("no problems"),
            stale_after: Duration::hours(hours.expect("no problems") as i64),
        })
    }

    /// Checks options a host gave as values ([`MatchOptionsInput`]). The options are a
    /// parameter of the call, so a problem is an invalid `argument`, at `$.now` or
    /// `$.stale_after_hours`, worded as for the JSON options.
    pub fn from_input(input: &MatchOptionsInput) -> Result<Self> {
        let mut problems = Problems::new();
        let mut c = Checker { problems: &mut problems };
        let now = c.instant_value("$.now", input.now);
        let hours = c.count("$.stale_after_hours", i64::from(input.stale_after_hours), u64::from(MAX_HOURS), "hours");
        problems.finish("argument", || Self {
            now: now.expect("no problems"),
            stale_after: Duration::hours(hours.expect("no problems") as i64),
        })
    }

    /// Refuses options that the engine cannot compute with: an instant outside the supported
    /// years, or a negative or longer-than-documented staleness threshold (they would overflow
    /// date arithmetic). Checked on every match, since the fields are public.
    pub fn check(&self) -> Result<()> {
        let mut problems = Problems::new();
        let year = chrono::Datelike::year(&self.now);
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            problems.push("$.now", format!("expected an instant in the years {MIN_YEAR} to {MAX_YEAR}"));
        }
        if self.stale_after < Duration::zero() || self.stale_after > Duration::hours(i64::from(MAX_HOURS)) {
            problems.push(
                "$.stale_after_hours",
                format!("expected at most {} hours", crate::input::thousands(u64::from(MAX_HOURS))),
            );
        }
        problems.finish("match options", || ())
    }
}
