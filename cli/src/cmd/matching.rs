//! `wijknet match`: who can take this client? Ranked candidates, every team of the area that
//! was excluded and why, and who is accountable when nobody can.

use std::fmt::Write as _;
use std::path::PathBuf;

use wijknet::Registry;
use wijknet::local_time::Occurrence;
use wijknet::matching::{MatchOptions, MatchRequest, MatchResult, match_request, match_with};
use wijknet::registry::CapacityUpdate;

use crate::exit::Failure;
use crate::load;
use crate::text::{contact_line, list, org_name, team_name};
use crate::ui::{self, TimeArg, Ui, label};

/// Match a referral request against the registry (and the agreements).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The registry document (wijknet.registry/v1), `-` for stdin.
    #[arg(long, value_name = "FILE")]
    registry: PathBuf,
    /// Collaboration agreements (wijknet.agreements/v1): night rotations, subcontracting and
    /// shared teams let more teams take the client.
    #[arg(long, value_name = "FILE")]
    agreements: Option<PathBuf>,
    /// A capacity update to apply before matching (repeat for several, applied in order).
    #[arg(long = "update", value_name = "FILE")]
    updates: Vec<PathBuf>,
    /// The match request document, `-` for stdin.
    #[arg(value_name = "REQUEST")]
    request: PathBuf,
    /// "Now" for the match: when care is needed from, whether capacity is stale, whether a
    /// contact is reachable. Defaults to this computer's clock.
    #[arg(long, value_name = "TIME", value_parser = ui::parse_time)]
    now: Option<TimeArg>,
    /// Which of the two 02:00-03:00 hours of the last Sunday of October a local --now means.
    #[arg(long, value_name = "first|second", value_parser = ui::parse_occurrence)]
    occurrence: Option<Occurrence>,
    /// Capacity older than this many hours is flagged stale.
    #[arg(long, value_name = "HOURS", default_value_t = MatchOptions::DEFAULT_STALE_HOURS)]
    stale_after_hours: u32,
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    let mut inputs = vec![Some(&args.registry), args.agreements.as_ref(), Some(&args.request)];
    inputs.extend(args.updates.iter().map(Some));
    load::one_stdin(&inputs)?;
    let mut registry = load::registry(ui, &args.registry)?;
    for path in &args.updates {
        let update = CapacityUpdate::from_json(&load::bytes(ui, path, "capacity update")?)?;
        registry = registry.update_capacity(&update)?;
    }
    let agreements = match &args.agreements {
        Some(path) => Some(load::agreements(ui, path, &registry)?),
        None => None,
    };
    let request = MatchRequest::from_json(&load::bytes(ui, &args.request, "request")?)?;
    let now = ui::instant(args.now, args.occurrence, "--now")?;
    let options = MatchOptions { now, stale_after: chrono::Duration::hours(i64::from(args.stale_after_hours)) };
    let result = match &agreements {
        Some(a) => match_with(&registry, a, &request, &options)?,
        None => match_request(&registry, &request, &options)?,
    };
    if ui.json {
        return Ok(result.to_json() + "\n");
    }
    Ok(render(ui, &registry, &request, &result, now))
}

fn render(
    ui: &Ui,
    registry: &Registry,
    request: &MatchRequest,
    r: &MatchResult,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let reg = Some(registry);
    let mut out = String::new();
    let care = list(request.care_types.iter().map(|c| label!(ui, c)));
    writeln!(
        out,
        "{} {care} {} {} ({} {})",
        ui.t("Match:", "Zorgvraag:"),
        ui.t("at", "in"),
        r.location,
        ui.t("now", "nu"),
        ui.local(now)
    )
    .ok();
    writeln!(
        out,
        "{}: {}; {} {} {} {}",
        ui.t("Outcome", "Uitkomst"),
        label!(ui, r.outcome),
        ui.t("care needed from", "zorg nodig van"),
        ui.day(r.needed_from),
        ui.t("to", "tot"),
        ui.day(r.needed_by)
    )
    .ok();
    if !r.candidates.is_empty() {
        writeln!(out, "\n{} ({}):", ui.t("Candidates, best first", "Kandidaten, beste eerst"), r.candidates.len()).ok();
    }
    for c in &r.candidates {
        let preferred =
            if c.preferred { ui.t("  [the client's preferred provider]", "  [voorkeur van de cliënt]") } else { "" };
        writeln!(
            out,
            "  {}. {} — {}{preferred}",
            c.rank,
            team_name(reg, c.team.as_str()),
            org_name(reg, c.organisation.as_str())
        )
        .ok();
        writeln!(
            out,
            "     {} {}; {}: {} ({} {})",
            ui.t("can start", "kan starten"),
            ui.day(c.possible_start),
            ui.t("capacity", "capaciteit"),
            label!(ui, c.capacity_status),
            ui.t("updated", "bijgewerkt"),
            ui.local(c.capacity_updated_at)
        )
        .ok();
        for flag in c.flags.iter() {
            writeln!(out, "     ! {}", label!(ui, flag)).ok();
        }
        for v in &c.via {
            let what =
                list(v.care_types.iter().map(|c| label!(ui, c)).chain(v.times_of_day.iter().map(|t| label!(ui, t))));
            writeln!(
                out,
                "     {} {} `{}`: {} ({what})",
                ui.t("via", "via"),
                label!(ui, v.kind),
                v.agreement,
                team_name(reg, v.delivering_team.as_str())
            )
            .ok();
        }
        match &c.contact {
            Some(p) => {
                let reachable = if c.contact_reachable_now {
                    ui.t("reachable now", "nu bereikbaar")
                } else {
                    ui.t("not reachable now", "nu niet bereikbaar")
                };
                writeln!(out, "     {}: {}: {reachable}", ui.t("contact", "contact"), contact_line(p)).ok()
            }
            None => writeln!(out, "     {}", ui.t("contact: none recorded", "contact: niet vastgelegd")).ok(),
        };
    }
    if !r.excluded.is_empty() {
        writeln!(out, "\n{} ({}):", ui.t("Excluded", "Uitgesloten"), r.excluded.len()).ok();
        for e in &r.excluded {
            writeln!(
                out,
                "  - {} ({}): {} ({})",
                team_name(reg, e.team.as_str()),
                org_name(reg, e.organisation.as_str()),
                label!(ui, e.reason),
                e.detail
            )
            .ok();
        }
    }
    writeln!(
        out,
        "\n{}: {}",
        ui.t("Teams elsewhere in the registry, not evaluated", "Teams elders in het register, niet beoordeeld"),
        r.teams_elsewhere
    )
    .ok();
    if let Some(a) = &r.accountable {
        writeln!(
            out,
            "{}: {} ({})",
            ui.t("Accountable", "Verantwoordelijk"),
            org_name(reg, a.party.as_str()),
            label!(ui, a.source)
        )
        .ok();
        if let Some(p) = &a.contact {
            writeln!(out, "  {}: {}", ui.t("call", "bel"), contact_line(p)).ok();
        }
    }
    writeln!(out, "{}: {}", ui.t("Registry version", "Registerversie"), r.registry_version).ok();
    out
}
