//! The main job of wijknet on a demo region: a transfer nurse's or GP's system asks "who can take
//! this client?" for a few referrals from the sources and prints the ranked, explained answer.
//!
//! The region (Enschede, its villages and neighbouring municipalities; fictional organisations on
//! real PC4 codes) is embedded in the binary, so the demo runs from any directory with no
//! arguments and no file reads. Everything goes through wijknet's public API.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;
use wijknet::matching::{
    Candidate, CandidateFlag, Exclusion, ExclusionDetail, MatchOptions, MatchRequest, MatchResult, match_request,
};
use wijknet::registry::ContactPerson;
use wijknet::{CareType, Registry, TimeOfDay};

pub mod collaboration;

/// The demo region, a `wijknet.registry/v1` document (see `examples/data/README.md`).
pub const REGION_JSON: &str = include_str!("../../data/twente.json");

/// "Now" for every demo referral: Sunday 22 November 2026, 14:00 in Enschede. Fixed, so the demo
/// prints the same answer every time it runs (the core never reads the clock either).
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T14:00:00+01:00").expect("a valid instant").with_timezone(&Utc)
}

/// Loads, validates and indexes the embedded region.
pub fn region() -> wijknet::Result<Registry> {
    Registry::from_json(REGION_JSON.as_bytes())
}

/// A referral as a referrer would tell it, and the request their system sends.
#[derive(Debug, Clone, Copy)]
pub struct Referral {
    /// Short title.
    pub title: &'static str,
    /// Who asks, for whom, in words (no personal data: a situation, not a person).
    pub story: &'static str,
    /// The `MatchRequest` JSON the referrer's system sends.
    pub request_json: &'static str,
}

/// The referrals from the sources, plus one that nobody can take.
pub const REFERRALS: [Referral; 4] = [
    Referral {
        title: "Help showering twice a week in Boekelo",
        story: "The GP practice in Boekelo asks for help showering twice a week for an older man who lives \
                alone in the village. In the sources a transfer nurse had to call ten organisations for this.",
        request_json: r#"{"id": "demo-a", "location": "7548BA", "care_types": ["personal_care"],
            "desired_start": "2026-11-24", "latest_start": "2026-11-30",
            "insurer": "ins-tubantia", "policy": "natura"}"#,
    },
    Referral {
        title: "Acute hospital discharge: wound care and injections, starting tonight",
        story: "The hospital transfer office discharges a woman to her home in Wesselerbrink this evening. \
                She needs wound care and medical-technical care (injections), also at night.",
        request_json: r#"{"id": "demo-b", "location": "7544GK", "care_types": ["wound_care", "medical_technical"],
            "urgency": "acute", "times_of_day": ["day", "night"], "min_nurse_level": "level_5",
            "insurer": "ins-nederland", "policy": "restitution"}"#,
    },
    Referral {
        title: "The client prefers a provider that is full",
        story: "A GP refers a woman in Enschede-Oost for personal care and nursing. She wants Wijkverpleging \
                Roombeek, who nursed her husband, and does not want Thuiszorg Oost-Nederland Plus.",
        request_json: r#"{"id": "demo-c", "location": "7534DE", "care_types": ["personal_care", "nursing"],
            "desired_start": "2026-11-24", "latest_start": "2026-12-04",
            "insurer": "ins-tubantia", "policy": "natura",
            "preferred_providers": ["org-roombeek"], "refused_providers": ["org-oostplus"]}"#,
    },
    Referral {
        title: "Palliative care day and night in Overdinkel, from today",
        story: "A GP asks for palliative care at home in Overdinkel (Losser), day, evening and night, \
                starting within 24 hours.",
        request_json: r#"{"id": "demo-d", "location": "7586", "care_types": ["palliative_terminal", "personal_care"],
            "urgency": "acute", "times_of_day": ["day", "evening", "night"]}"#,
    },
];

impl Referral {
    /// The validated request.
    pub fn request(&self) -> wijknet::Result<MatchRequest> {
        MatchRequest::from_json(self.request_json.as_bytes())
    }

    /// Matches this referral against the region at the demo's "now".
    pub fn run(&self, registry: &Registry) -> wijknet::Result<(MatchRequest, MatchResult)> {
        let request = self.request()?;
        let result = match_request(registry, &request, &MatchOptions::at(now()))?;
        Ok((request, result))
    }
}

/// Runs every referral against the registry, then shows what the region's agreements add (matching
/// through agreements, night on-call, a referral's life with an escalation) and renders it all.
pub fn report(registry: &Registry) -> wijknet::Result<String> {
    let mut out = referrals_report(registry)?;
    collaboration::report(&mut out, registry)?;
    Ok(out)
}

/// The four referrals against the registry alone.
pub fn referrals_report(registry: &Registry) -> wijknet::Result<String> {
    let mut out = String::new();
    let local = now().with_timezone(&Amsterdam);
    writeln!(
        out,
        "wijknet {} demo: {} organisations, {} teams in Enschede and surroundings; now is {}\n",
        wijknet::VERSION,
        registry.organisations().len(),
        registry.teams().len(),
        local.format("%A %-d %B %Y, %H:%M"),
    )
    .ok();
    for (i, referral) in REFERRALS.iter().enumerate() {
        let (request, result) = referral.run(registry)?;
        writeln!(out, "{}", "=".repeat(100)).ok();
        writeln!(out, "Referral {}: {}", char::from(b'a' + i as u8), referral.title).ok();
        writeln!(out, "{}\n", wrap(referral.story, 100)).ok();
        render_request(&mut out, registry, &request);
        render_result(&mut out, registry, &result);
        out.push('\n');
    }
    Ok(out)
}

/// The request in words.
pub fn render_request(out: &mut String, registry: &Registry, r: &MatchRequest) {
    let care = r.care_types.iter().map(CareType::label_en).collect::<Vec<_>>().join(" + ");
    writeln!(out, "Request: {care} at {}", r.location).ok();
    writeln!(out, "  when:       {}", list(r.times_of_day.iter().map(TimeOfDay::label_en))).ok();
    let start = match (r.urgency, r.desired_start, r.latest_start) {
        (wijknet::matching::Urgency::Acute, ..) => "acute: care must start within 24 hours".to_owned(),
        (_, Some(d), Some(l)) => format!("planned: from {} (at the latest {})", day(d), day(l)),
        (_, Some(d), None) => format!("planned: from {}", day(d)),
        _ => "planned: as soon as possible".to_owned(),
    };
    writeln!(out, "  start:      {start}").ok();
    if let Some(level) = r.min_nurse_level {
        writeln!(out, "  needs:      at least a {}", level.label_en()).ok();
    }
    if let Some(ins) = &r.insurer {
        let policy = r.policy.map(|p| format!(", {}", p.label_en())).unwrap_or_default();
        writeln!(out, "  insurer:    {}{policy}", org_name(registry, ins.as_str())).ok();
    }
    if !r.preferred_providers.is_empty() {
        writeln!(out, "  prefers:    {}", list(r.preferred_providers.iter().map(|p| org_name(registry, p.as_str()))))
            .ok();
    }
    if !r.refused_providers.is_empty() {
        writeln!(out, "  refuses:    {}", list(r.refused_providers.iter().map(|p| org_name(registry, p.as_str()))))
            .ok();
    }
    out.push('\n');
}

/// Ranked candidates, exclusions, and who is accountable when nobody can.
pub fn render_result(out: &mut String, registry: &Registry, result: &MatchResult) {
    render_result_with(out, registry, None, result);
}

/// [`render_result`], naming the agreements a candidate is reached through by their titles.
pub fn render_result_with(
    out: &mut String,
    registry: &Registry,
    agreements: Option<&wijknet::agreements::Agreements>,
    result: &MatchResult,
) {
    if result.candidates.is_empty() {
        writeln!(out, "Nobody in the registry can take this client ({}).", result.outcome.label_en()).ok();
    } else {
        writeln!(out, "Who can take this client ({}, best first):", count(result.candidates.len(), "team", "teams"))
            .ok();
    }
    for c in &result.candidates {
        render_candidate(out, registry, agreements, c);
    }
    if !result.excluded.is_empty() {
        writeln!(out, "\nServing this area (or named by the client), but not eligible:").ok();
        for e in &result.excluded {
            writeln!(
                out,
                "  - {} ({}): {}",
                team_name(registry, e.team.as_str()),
                org_name(registry, e.organisation.as_str()),
                exclusion_explained(registry, e)
            )
            .ok();
        }
    }
    writeln!(
        out,
        "\n{} elsewhere in the region {} counted, not evaluated.",
        count(result.teams_elsewhere as usize, "team", "teams"),
        if result.teams_elsewhere == 1 { "was" } else { "were" }
    )
    .ok();
    if let Some(a) = &result.accountable {
        writeln!(
            out,
            "\nAccountable next (no client falls between two stools): {} as {}",
            org_name(registry, a.party.as_str()),
            a.source.label_en()
        )
        .ok();
        if let Some(p) = &a.contact {
            writeln!(out, "  call: {}", contact_line(p, reachable(p))).ok();
        }
    }
}

fn render_candidate(
    out: &mut String,
    registry: &Registry,
    agreements: Option<&wijknet::agreements::Agreements>,
    c: &Candidate,
) {
    let team = team_name(registry, c.team.as_str());
    let preferred = if c.preferred { "  [the client's preferred provider]" } else { "" };
    writeln!(out, "  {}. {team} — {}{preferred}", c.rank, org_name(registry, c.organisation.as_str())).ok();
    let updated = c.capacity_updated_at.with_timezone(&Amsterdam).format("%a %-d %b %H:%M");
    writeln!(
        out,
        "     can start {}; capacity: {} (updated {updated})",
        day(c.possible_start),
        c.capacity_status.label_en()
    )
    .ok();
    for flag in c.flags.iter() {
        writeln!(out, "     ! {}", flag_explained(flag, c)).ok();
    }
    for v in &c.via {
        let what =
            list(v.care_types.iter().map(CareType::label_en).chain(v.times_of_day.iter().map(TimeOfDay::label_en)));
        let title = agreements.and_then(|set| set.agreement(v.agreement.as_str())).map_or("", |a| a.title.as_str());
        writeln!(
            out,
            "     via {} \"{title}\": {} delivers the {what}",
            v.kind.label_en(),
            team_name(registry, v.delivering_team.as_str())
        )
        .ok();
    }
    match &c.contact {
        Some(p) => writeln!(out, "     contact: {}", contact_line(p, c.contact_reachable_now)).ok(),
        None => writeln!(out, "     contact: none recorded: call the organisation").ok(),
    };
}

/// Why a team cannot take the client, in words: labels and names, never codes or ids (the core's
/// `detail` text quotes codes, which suits logs, not a transfer nurse).
pub fn exclusion_explained(registry: &Registry, e: &Exclusion) -> String {
    let why = match &e.detail {
        ExclusionDetail::RefusedProvider(org) => format!("the client refuses {}", org_name(registry, org.as_str())),
        ExclusionDetail::NotServing(loc) => format!("does not serve {loc}"),
        ExclusionDetail::SomeStreetsOnly(loc) => {
            format!("serves only some streets of {loc}: give the client's full postcode")
        }
        ExclusionDetail::StreetExcluded(loc) => format!("street {loc} is left out of its area"),
        ExclusionDetail::CareNotOffered(care) => format!("does not offer {}", care.label_en()),
        ExclusionDetail::LevelBelow { highest, needed } => {
            format!("its highest level is {}, the client needs {}", highest.label_en(), needed.label_en())
        }
        ExclusionDetail::NoCommonLanguage(spoken) => {
            format!("its nurses speak {}, none of the client's languages", list(spoken.iter().map(|l| l.label_en())))
        }
        ExclusionDetail::TimeNotWorked(when) => format!("does not work {}", time_of_day_phrase(*when)),
        ExclusionDetail::NoContract(insurer) => {
            format!("no contract with {}", org_name(registry, insurer.as_str()))
        }
        ExclusionDetail::ReportsFull => "reports full".to_owned(),
        ExclusionDetail::WaitlistWithoutDate => "waiting list without a start date".to_owned(),
        ExclusionDetail::NoFreePlace(care) => format!("no free place for {}", care.label_en()),
        ExclusionDetail::StartsTooLate { earliest, needed_by } => {
            format!("can start {} at the earliest, care is needed by {}", day(*earliest), day(*needed_by))
        }
        ExclusionDetail::TooFewHours { care_type, free, needed } => {
            format!(
                "{free} {} a week free for {}, the client needs {needed} {}",
                free.unit(),
                care_type.label_en(),
                needed.unit()
            )
        }
    };
    let preferred = if e.client_preference { "; the client's preferred provider" } else { "" };
    format!("{} ({why}){preferred}", e.reason.label_en())
}

/// "at night", "in the evening", "by day": a time of day inside a sentence.
pub fn time_of_day_phrase(t: TimeOfDay) -> &'static str {
    match t {
        TimeOfDay::Day => "by day",
        TimeOfDay::Evening => "in the evening",
        TimeOfDay::Night => "at night",
    }
}

/// "1 team", "3 teams".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A flag with what it means for the person placing the client.
pub fn flag_explained(flag: CandidateFlag, c: &Candidate) -> String {
    match flag {
        CandidateFlag::CapacityStale => {
            format!(
                "{}: last updated {}, call to confirm before relying on it",
                flag.label_en(),
                day(c.capacity_updated_at.date_naive())
            )
        }
        CandidateFlag::CapacityUnknown => format!("{}: the team has not said whether it has room", flag.label_en()),
        CandidateFlag::Waitlist => format!("{}: {} is its first free date", flag.label_en(), day(c.possible_start)),
        CandidateFlag::NotContracted => {
            format!("{} (no contract with the client's insurer)", flag.label_en())
        }
    }
}

pub(crate) fn contact_line(p: &ContactPerson, reachable_now: bool) -> String {
    let phone = p.phone.as_deref().unwrap_or("no phone recorded");
    let now = if reachable_now { "reachable now" } else { "not reachable now" };
    format!("{} ({}), {phone}: {now}", p.name, p.role)
}

fn reachable(p: &ContactPerson) -> bool {
    reachable_at(p, now())
}

/// Whether a contact person's recorded hours include this instant (Dutch local time).
pub(crate) fn reachable_at(p: &ContactPerson, at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&Amsterdam);
    p.reachable_at(wijknet::Weekday::from_chrono(local.weekday()), local.time())
}

pub(crate) fn org_name<'a>(registry: &'a Registry, id: &'a str) -> &'a str {
    registry.organisation(id).map_or(id, |o| o.name.as_str())
}

pub(crate) fn team_name<'a>(registry: &'a Registry, id: &'a str) -> &'a str {
    registry.team(id).map_or(id, |t| t.name.as_str())
}

/// The demo's one date format: "Tue 24 Nov 2026".
pub fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

pub(crate) fn list<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let items: Vec<S> = items.collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            format!("{} and {}", init.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "), last.as_ref())
        }
    }
}

/// Wraps prose at word boundaries for a 100-column terminal.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out
}
