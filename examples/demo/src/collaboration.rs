//! The collaboration part of the demo: the region's agreements (*samenwerkingsafspraken*) used
//! for matching, for the night on-call question, and for a referral's life with an escalation.
//!
//! Everything runs on fixed instants, so the output is the same on every run; the core never
//! reads the clock and neither does the demo.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;
use wijknet::agreements::{Agreements, Finding, FindingCode, MandateCheck, OnCall, OnCallOutcome};
use wijknet::matching::{MatchOptions, MatchRequest, MatchResult, match_with};
use wijknet::referral::{
    self as lifecycle, Actor, EscalationPolicy, Event, EventKind, Intake, Monitoring, OfferStatus, Reason,
    ReferralReason,
};
use wijknet::{CareType, Id, Location, MunicipalityCode, Pc4, Registry};

use crate::{
    REFERRALS, Referral, contact_line, count, day, now, org_name, reachable_at, render_request, render_result_with,
    team_name, wrap,
};

/// The region's agreements, a `wijknet.agreements/v1` document (see `examples/data/README.md`).
pub const AGREEMENTS_JSON: &str = include_str!("../../data/twente.agreements.json");

/// Loads and validates the embedded agreements against the region.
pub fn agreements(registry: &Registry) -> wijknet::Result<Agreements> {
    Agreements::from_json(AGREEMENTS_JSON.as_bytes(), registry)
}

/// Referrals matched with the agreements: the acute discharge (nights through the rotation) and a
/// small provider's client who needs injections (through subcontracting).
pub const WITH_AGREEMENTS: [Referral; 2] = [
    REFERRALS[1],
    Referral {
        title: "Insulin injections and personal care in Haaksbergen",
        story: "Zorg Haaksbergen-Buurse already helps a man in Haaksbergen with personal care; after a hospital \
                stay he also needs insulin injections (medical-technical care), which the small provider does not \
                deliver itself. It has agreed that Tubantia's MTH team does this as its subcontractor.",
        request_json: r#"{"id": "demo-e", "location": "7481", "care_types": ["personal_care", "medical_technical"],
            "desired_start": "2026-11-24", "latest_start": "2026-11-27",
            "insurer": "ins-tubantia", "policy": "natura"}"#,
    },
];

/// Matches a referral with the region's agreements at the demo's "now".
pub fn run_with(
    registry: &Registry,
    set: &Agreements,
    referral: &Referral,
) -> wijknet::Result<(MatchRequest, MatchResult)> {
    let request = referral.request()?;
    let result = match_with(registry, set, &request, &MatchOptions::at(now()))?;
    Ok((request, result))
}

/// The night the demo asks about: tonight (Sunday to Monday) at 02:30 local time.
pub fn tonight() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T02:30:00+01:00").expect("a valid instant").with_timezone(&Utc)
}

/// Postcodes the night question is asked for: Enschede-Zuid, Overdinkel (Losser), Hengelo.
pub const NIGHT_POSTCODES: [&str; 3] = ["7544GK", "7586", "7553"];

/// "Who covers this postcode for night care at this instant, and whom do I call?"
pub fn on_call(registry: &Registry, set: &Agreements, postcode: &str, at: DateTime<Utc>) -> OnCall {
    let location = Location::parse(postcode).expect("the demo's postcodes are valid");
    set.on_call(registry, location, at).expect("the demo's instants are in range")
}

/// The agreements section: what is agreed, and what the checks find.
pub fn render_agreements(out: &mut String, registry: &Registry, set: &Agreements) {
    writeln!(out, "The region's agreements (wijknet.agreements/v1, version {}):", set.version()).ok();
    for a in set.agreements() {
        let until = a.valid_until.map(|u| format!(" until {}", day(u))).unwrap_or_default();
        writeln!(out, "  - {}: {} ({})", a.terms.kind().label_en(), a.title, a.id).ok();
        writeln!(
            out,
            "      {} parties, {} from {}{until}, review {}",
            a.parties.len(),
            a.status.label_en(),
            day(a.valid_from),
            day(a.review_date)
        )
        .ok();
    }
    let today = now().with_timezone(&Amsterdam).date_naive();
    let findings = set.check(registry, today, 60).expect("the demo's date and horizon are in range");
    writeln!(out, "\nAgreement checks for the next 60 nights ({}):", count(findings.len(), "finding", "findings")).ok();
    for f in &findings {
        writeln!(out, "  - {}: {}", f.code.label_en(), finding_explained(set, f)).ok();
    }
    let check = set.may_assess("org-linde", CareType::WmoHouseholdHelp, today).expect("the demo's date is in range");
    let question = "May a De Linde district nurse assess household help (Wmo) today?";
    writeln!(out, "\n{}", wrap(&format!("{question} {}", mandate_explained(set, &check, today)), 100)).ok();
}

/// A finding in words: which agreement (by title) and which nights or dates, in the demo's one
/// date format (the core's `message` is for logs: ids and ISO dates).
pub fn finding_explained(set: &Agreements, f: &Finding) -> String {
    let title = set.agreement(f.agreement.as_str()).map_or(f.agreement.as_str(), |a| a.title.as_str());
    let when = match (f.code, f.from, f.to) {
        (FindingCode::NightGap | FindingCode::OverlappingShifts, Some(a), Some(b)) if a == b => {
            format!("the night of {}", day(a))
        }
        (FindingCode::NightGap | FindingCode::OverlappingShifts, Some(a), Some(b)) => {
            format!("the nights {} to {}", day(a), day(b))
        }
        (FindingCode::ReviewOverdue, Some(a), _) => format!("the review was due on {}", day(a)),
        (_, Some(a), Some(b)) if a != b => format!("{} to {}", day(a), day(b)),
        (_, Some(a), _) => day(a),
        _ => String::new(),
    };
    if when.is_empty() { format!("\"{title}\"") } else { format!("\"{title}\", {when}") }
}

/// The mandate answer, reconciled with the agreement's own state: a mandate in force whose review
/// is overdue still allows the assessment, and the reader is told both.
pub fn mandate_explained(set: &Agreements, check: &MandateCheck, today: NaiveDate) -> String {
    let mut text = check.outcome.label_en().to_owned();
    if let Some(a) = check.agreement.as_ref().and_then(|id| set.agreement(id.as_str())) {
        let until = a.valid_until.map(|u| format!(" until {}", day(u))).unwrap_or_default();
        write!(text, ": the mandate \"{}\" is in force{until}", a.title).ok();
        if a.review_date < today {
            write!(text, ", although its review, due on {}, is overdue (see the checks above)", day(a.review_date))
                .ok();
        }
    }
    if let Some(d) = check.assessment_valid_until {
        write!(text, "; an assessment made today holds until {}", day(d)).ok();
    }
    text.push_str("; the formal decision stays with the municipality.");
    text
}

/// The referrals matched again, now with the agreements.
pub fn render_matches(out: &mut String, registry: &Registry, set: &Agreements) -> wijknet::Result<()> {
    for referral in &WITH_AGREEMENTS {
        let (request, result) = run_with(registry, set, referral)?;
        let (_, alone) = referral.run(registry)?;
        writeln!(out, "{}", "-".repeat(100)).ok();
        writeln!(out, "With agreements: {}", referral.title).ok();
        writeln!(out, "{}\n", wrap(referral.story, 100)).ok();
        render_request(out, registry, &request);
        writeln!(
            out,
            "The registry alone finds {}; with the agreements {}.\n",
            count(alone.candidates.len(), "team", "teams"),
            result.candidates.len()
        )
        .ok();
        render_result_with(out, registry, Some(set), &result);
        out.push('\n');
    }
    Ok(())
}

/// The night on-call answers for a few postcodes.
pub fn render_on_call(out: &mut String, registry: &Registry, set: &Agreements) {
    let local = tonight().with_timezone(&Amsterdam);
    writeln!(out, "Who covers night care, and whom do I call? Tonight, {}:", local.format("%A %-d %B %Y, %H:%M")).ok();
    for postcode in NIGHT_POSTCODES {
        let answer = on_call(registry, set, postcode, tonight());
        match answer.outcome {
            OnCallOutcome::Covered => {
                for d in &answer.duties {
                    let (start, end) = (d.shift_start.with_timezone(&Amsterdam), d.shift_end.with_timezone(&Amsterdam));
                    let rotation =
                        set.agreement(d.agreement.as_str()).map_or(d.agreement.as_str(), |a| a.title.as_str());
                    writeln!(
                        out,
                        "  {postcode}: {} ({}), rotation \"{rotation}\", shift {} to {}",
                        team_name(registry, d.team.as_str()),
                        org_name(registry, d.organisation.as_str()),
                        start.format("%a %H:%M"),
                        end.format("%a %H:%M"),
                    )
                    .ok();
                    if let Some(c) = &d.contact {
                        writeln!(out, "      call: {}", contact_line(c, reachable_at(c, tonight()))).ok();
                    }
                    if let Some(a) = &d.accountable {
                        writeln!(out, "      accountable for the rotation: {} ({})", a.name, a.role).ok();
                    }
                }
            }
            OnCallOutcome::NobodyOnDuty => {
                let why = if answer.uncovered.is_empty() { "no night rotation covers it" } else { "a gap in the rota" };
                writeln!(out, "  {postcode}: nobody on night duty ({why})").ok();
                let date = tonight().with_timezone(&Amsterdam).date_naive();
                if let Some(c) = set.coordination_point_for(answer.location, date).and_then(|(_, t)| t.contact.clone())
                {
                    writeln!(
                        out,
                        "      call the coordination point: {}",
                        contact_line(&c, reachable_at(&c, tonight()))
                    )
                    .ok();
                }
            }
        }
    }
    let day = on_call(registry, set, NIGHT_POSTCODES[0], now());
    writeln!(
        out,
        "  (asked at {} instead, the answer for {} is: {})",
        now().with_timezone(&Amsterdam).format("%H:%M"),
        NIGHT_POSTCODES[0],
        day.outcome.label_en()
    )
    .ok();
}

/// The referral whose life the demo follows: the acute discharge (referral b), placed through the
/// agreements. Every team it contacts is one the matching with agreements found.
pub const LIFE_REFERRAL: &str = "demo-b";
/// Where the client lives (Wesselerbrink, Enschede), as in referral b's request.
pub const LIFE_POSTCODE: &str = "7544GK";
/// The hospital transfer office that refers.
pub const LIFE_REFERRER: &str = "hosp-transfer";
/// The first teams the transfer nurse asks (the two best candidates and a third), and how each
/// answers (`None`: it has seen the offer but not answered when another team accepts).
pub const LIFE_OFFERS: [(&str, Option<ReferralReason>); 3] = [
    ("mth-twente", Some(ReferralReason::NoCapacity)),
    ("essen-zuid", Some(ReferralReason::Waitlist)),
    ("oostplus-enschede", None),
];
/// The candidate the coordination point places the client with, once it is accountable.
pub const LIFE_PLACED_WITH: &str = "tubantia-zuid";

/// Local time on the demo's Sunday (22 November 2026; 23 for times after midnight are not used).
fn at(hh_mm: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-22T{hh_mm}:00+01:00")).expect("a valid time").with_timezone(&Utc)
}

/// When the host checks the escalation limits: 18:30, four and a half hours after submission.
pub fn escalation_check_at() -> DateTime<Utc> {
    at("18:30")
}

fn id(s: &str) -> Id {
    Id::parse(s).expect("a valid id")
}

/// A referral's life, as events: created → submitted → offers → declines → (escalation by the
/// host's check at a later `now`) → placement by the accountable party → care started.
pub fn referral_life(set: &Agreements) -> wijknet::Result<(lifecycle::Referral, Vec<Event>, EscalationPolicy)> {
    let location = Location::parse(LIFE_POSTCODE).expect("valid");
    let today = now().with_timezone(&Amsterdam).date_naive();
    let policy = set.escalation_policy(location, today).expect("the coordination point covers Enschede");
    let referrer = Actor::Referrer(id(LIFE_REFERRER));
    let intake = Intake {
        referrer: id(LIFE_REFERRER),
        care_types: [CareType::WoundCare, CareType::MedicalTechnical].into_iter().collect(),
        pc4: Pc4::parse(&LIFE_POSTCODE[..4]).expect("valid"),
        municipality: Some(MunicipalityCode::parse("GM0153").expect("valid")),
        acute: true,
        policy: Some(policy.clone()),
        volume: wijknet::volume::Volume::UNKNOWN,
    };
    let mut steps: Vec<(DateTime<Utc>, Actor, EventKind)> = vec![
        (at("14:00"), referrer.clone(), EventKind::Created(Box::new(intake))),
        (at("14:02"), referrer.clone(), EventKind::Submitted),
    ];
    for (i, (team, _)) in LIFE_OFFERS.iter().enumerate() {
        steps.push((at(&format!("14:0{}", 5 + i)), referrer.clone(), EventKind::OfferSent { team: id(team) }));
    }
    let answers = ["14:40", "15:15", "14:30"];
    for ((team, reason), time) in LIFE_OFFERS.iter().zip(answers) {
        let team_actor = Actor::Team(id(team));
        let kind = match reason {
            Some(code) => EventKind::OfferRejected {
                team: id(team),
                reason: Reason::new(*code).expect("codes other than `other` need no text"),
            },
            None => EventKind::OfferReceived { team: id(team) },
        };
        steps.push((at(time), team_actor, kind));
    }
    steps.sort_by_key(|(t, ..)| *t);

    let mut events: Vec<Event> =
        steps.into_iter().enumerate().map(|(i, (time, actor, kind))| event(i as u64 + 1, time, actor, kind)).collect();
    let mut r = lifecycle::Referral::replay(&events)?;
    // The host checks the limits with its own clock; here a fixed later "now".
    if let Some(e) =
        lifecycle::check_escalation(&r, &policy, escalation_check_at()).expect("the demo's instant is in range")
    {
        r.apply(&e)?;
        events.push(e);
    }
    let cp = Actor::Coordinator(policy.accountable.clone());
    let team = Actor::Team(id(LIFE_PLACED_WITH));
    for (time, actor, kind) in [
        (at("18:45"), cp, EventKind::OfferSent { team: id(LIFE_PLACED_WITH) }),
        (at("19:10"), team.clone(), EventKind::OfferAccepted { team: id(LIFE_PLACED_WITH) }),
        (at("21:00"), team, EventKind::CareStarted { team: id(LIFE_PLACED_WITH) }),
    ] {
        let e = event(r.seq() + 1, time, actor, kind);
        r.apply(&e)?;
        events.push(e);
    }
    Ok((r, events, policy))
}

fn event(seq: u64, at: DateTime<Utc>, actor: Actor, kind: EventKind) -> Event {
    Event { id: id(&format!("{LIFE_REFERRAL}:{seq}")), referral: id(LIFE_REFERRAL), seq, at, actor, kind }
}

/// The referral's life: its events, its state, and the monitoring figures from the events.
pub fn render_life(out: &mut String, registry: &Registry, set: &Agreements) -> wijknet::Result<()> {
    let (referral, events, policy) = referral_life(set)?;
    writeln!(
        out,
        "A referral's life: referral b (the acute discharge to Wesselerbrink), Sunday 22 November 2026, with the \
         candidates the agreements give"
    )
    .ok();
    writeln!(
        out,
        "Coordination point limits for {LIFE_POSTCODE}: acute unplaced at most {} h, planned {} h, at most {} \
         declines; then {} is accountable.\n",
        policy.max_unplaced_acute.num_hours(),
        policy.max_unplaced_non_acute.num_hours(),
        policy.max_declines,
        org_name(registry, policy.accountable.as_str()),
    )
    .ok();
    for e in &events {
        writeln!(out, "  {}", event_line(registry, e)).ok();
    }
    // Care started, so the core withdrew the offers still open: say so, or the story would leave
    // a team that saw the offer waiting for ever.
    for offer in referral.offers().iter().filter(|o| o.status() == OfferStatus::Cancelled) {
        writeln!(
            out,
            "         {:<48} offer withdrawn: another team started care",
            team_name(registry, offer.team().as_str())
        )
        .ok();
    }
    let json = lifecycle::events_to_json(&events);
    let replayed = lifecycle::Referral::replay(&lifecycle::parse_events(json.as_bytes())?)?;
    writeln!(
        out,
        "\nStatus: {}; {} events ({} bytes as {}); replaying them gives the same referral: {}",
        referral.status().label_en(),
        events.len(),
        json.len(),
        lifecycle::EVENTS_SCHEMA,
        if replayed == referral { "yes" } else { "NO" }
    )
    .ok();
    let m = Monitoring::from_events(&events)?;
    writeln!(out, "Monitoring figures from these events:").ok();
    let hours = |s: Option<i64>| s.map_or("-".to_owned(), |s| format!("{}h{:02}", s / 3600, s % 3600 / 60));
    writeln!(out, "  referrals {}, placed {}", m.referrals, m.placed).ok();
    writeln!(out, "  time to placement (submitted to accepted): {}", hours(m.time_to_placement.median_secs)).ok();
    writeln!(out, "  teams contacted: {}", m.teams_contacted.median.unwrap_or(0)).ok();
    let declines: Vec<String> = m.declines.iter().map(|(code, n)| format!("{} {n}", code.label_en())).collect();
    writeln!(out, "  declines: {}", declines.join(", ")).ok();
    let triggers: Vec<String> = m.escalated_by_trigger.iter().map(|(t, n)| format!("{} {n}", t.label_en())).collect();
    writeln!(out, "  escalated: {} ({})", m.escalated, triggers.join(", ")).ok();
    Ok(())
}

fn event_line(registry: &Registry, e: &Event) -> String {
    let time = e.at.with_timezone(&Amsterdam).format("%H:%M");
    let who = match &e.actor {
        Actor::Team(t) => team_name(registry, t.as_str()).to_owned(),
        other => org_name(registry, other.id().as_str()).to_owned(),
    };
    let what = match &e.kind {
        EventKind::Created(i) => {
            let care: Vec<&str> = i.care_types.iter().map(|c| c.label_en()).collect();
            format!("created: {} in {}{}", care.join(" + "), i.pc4, if i.acute { ", acute" } else { "" })
        }
        EventKind::OfferSent { team } => format!("offer sent to {}", team_name(registry, team.as_str())),
        EventKind::OfferRejected { reason, .. } => format!("declined: {}", reason.code().label_en()),
        EventKind::Escalated { accountable, trigger } => {
            format!("escalated to {} ({})", org_name(registry, accountable.as_str()), trigger.label_en())
        }
        other => other.event_type().label_en().to_owned(),
    };
    format!("{time}  {who:<48} {what}")
}

/// The whole collaboration section.
pub fn report(out: &mut String, registry: &Registry) -> wijknet::Result<()> {
    let set = agreements(registry)?;
    writeln!(out, "{}", "=".repeat(100)).ok();
    render_agreements(out, registry, &set);
    out.push('\n');
    render_matches(out, registry, &set)?;
    writeln!(out, "{}", "=".repeat(100)).ok();
    render_on_call(out, registry, &set);
    writeln!(out, "\n{}", "=".repeat(100)).ok();
    render_life(out, registry, &set)?;
    Ok(())
}
