//! `wijknet replay`: a referral history (events) replayed into referrals and the monitoring
//! figures regions ask for: time to placement, teams contacted, declines, escalations.

use std::fmt::Write as _;
use std::path::PathBuf;

use wijknet::referral::{DurationStats, Monitoring, ReferralBook, parse_events};

use crate::exit::Failure;
use crate::load;
use crate::text::{org_name, team_name};
use crate::ui::{Ui, label};

/// Referrals listed one by one in text output up to this many; beyond, `--json` has them all.
const LISTED: usize = 25;

/// Replay referral events into referrals and monitoring figures.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The events document (wijknet.referral-events/v1), `-` for stdin.
    #[arg(value_name = "EVENTS")]
    events: PathBuf,
    /// The events are a FHIR R4 `history` Bundle of ServiceRequest and Task versions.
    #[arg(long)]
    fhir: bool,
    /// A registry, to show team and organisation names instead of ids.
    #[arg(long, value_name = "FILE")]
    registry: Option<PathBuf>,
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    load::one_stdin(&[Some(&args.events), args.registry.as_ref()])?;
    let registry = match &args.registry {
        Some(path) => Some(load::registry(ui, path)?),
        None => None,
    };
    let bytes = load::bytes(ui, &args.events, "events")?;
    let events = load::with_spinner(ui, "reading events", || {
        if args.fhir { wijknet_fhir::api::referral_events_from_fhir(&bytes) } else { parse_events(&bytes) }
    })?;
    // One event at a time (not ReferralBook::replay) so the bar moves and a refused event is
    // named by its position.
    let bar = ui.bar(events.len() as u64, "replaying");
    let mut book = ReferralBook::new();
    for (i, e) in events.iter().enumerate() {
        book.apply(e).map_err(|error| Failure::AtEvent(Box::new(error), i))?;
        if i % 4096 == 0 {
            bar.set_position(i as u64);
        }
    }
    bar.finish_and_clear();
    if ui.json {
        return Ok(crate::cmd::json_line(&wijknet::api::book_json(&book)));
    }
    let reg = registry.as_ref();
    let mut out = String::new();
    writeln!(
        out,
        "{} {} {}: {} {}",
        ui.t("Replayed", "Afgespeeld:"),
        events.len(),
        ui.t("events", "gebeurtenissen"),
        book.len(),
        ui.t("referrals", "verwijzingen")
    )
    .ok();
    if book.len() <= LISTED {
        for s in book.summaries() {
            write!(out, "  {}: {}", s.id, label!(ui, s.status)).ok();
            if let Some(team) = &s.placed_team {
                write!(out, ", {} {}", ui.t("placed with", "geplaatst bij"), team_name(reg, team.as_str())).ok();
            }
            write!(
                out,
                ", {} {}, {} {}",
                s.offers.len(),
                ui.t("offers", "aanbiedingen"),
                s.declines,
                ui.t("declines", "afwijzingen")
            )
            .ok();
            if let Some(e) = &s.escalation {
                write!(
                    out,
                    ", {} {} ({})",
                    ui.t("escalated to", "geëscaleerd naar"),
                    org_name(reg, e.accountable.as_str()),
                    label!(ui, e.trigger)
                )
                .ok();
            }
            if let Some(r) = &s.reason {
                write!(out, ", {}: {}", ui.t("reason", "reden"), label!(ui, r.code())).ok();
            }
            out.push('\n');
        }
    } else {
        writeln!(
            out,
            "  ({})",
            ui.t("too many to list: --json lists every referral", "te veel om te tonen: --json toont elke verwijzing")
        )
        .ok();
    }
    render_monitoring(ui, &mut out, &Monitoring::from_book(&book));
    Ok(out)
}

fn duration(s: &DurationStats) -> String {
    let h = |secs: Option<i64>| secs.map_or("-".to_owned(), |s| format!("{}h{:02}", s / 3600, s % 3600 / 60));
    format!("n={}, median {}, p90 {}", s.count, h(s.median_secs), h(s.p90_secs))
}

fn render_monitoring(ui: &Ui, out: &mut String, m: &Monitoring) {
    writeln!(out, "\n{}:", ui.t("Monitoring", "Monitoring")).ok();
    writeln!(
        out,
        "  {}: {}, {}: {}",
        ui.t("referrals", "verwijzingen"),
        m.referrals,
        ui.t("placed", "geplaatst"),
        m.placed
    )
    .ok();
    writeln!(out, "  {}: {}", ui.t("time to placement", "tijd tot plaatsing"), duration(&m.time_to_placement)).ok();
    for (care, s) in &m.time_to_placement_by_care_type {
        writeln!(out, "    {}: {}", label!(ui, care), duration(s)).ok();
    }
    let t = &m.teams_contacted;
    let opt = |v: Option<i32>| v.map_or("-".to_owned(), |v| v.to_string());
    writeln!(out, "  {}: median {}, p90 {}", ui.t("teams contacted", "teams benaderd"), opt(t.median), opt(t.p90)).ok();
    let declines: Vec<String> = m.declines.iter().map(|(r, n)| format!("{} {n}", label!(ui, r))).collect();
    writeln!(
        out,
        "  {}: {}",
        ui.t("declines", "afwijzingen"),
        if declines.is_empty() { "-".into() } else { declines.join(", ") }
    )
    .ok();
    let triggers: Vec<String> = m.escalated_by_trigger.iter().map(|(t, n)| format!("{} {n}", label!(ui, t))).collect();
    writeln!(
        out,
        "  {}: {} ({})",
        ui.t("escalated", "geëscaleerd"),
        m.escalated,
        if triggers.is_empty() { "-".into() } else { triggers.join(", ") }
    )
    .ok();
    let never: Vec<String> = m.never_placed.iter().map(|(s, n)| format!("{} {n}", label!(ui, s))).collect();
    writeln!(
        out,
        "  {}: {}",
        ui.t("never placed", "nooit geplaatst"),
        if never.is_empty() { "-".into() } else { never.join(", ") }
    )
    .ok();
}
