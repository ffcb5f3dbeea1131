//! `wijknet on-call`: who covers this postcode for night care at this instant, and whom do I
//! call?

use std::fmt::Write as _;

use wijknet::Location;
use wijknet::agreements::OnCallOutcome;
use wijknet::local_time::Occurrence;

use crate::exit::Failure;
use crate::load;
use crate::text::{contact_line, org_name, team_name};
use crate::ui::{self, TimeArg, Ui, label};

/// Who is on night duty for a location (night-care rotations of the agreements).
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: load::AgreementDocs,
    /// PC4 or PC6 postcode (`7544`, `7544GK`).
    #[arg(long, value_name = "POSTCODE")]
    location: String,
    /// The instant asked about. Defaults to this computer's clock.
    #[arg(long, value_name = "TIME", value_parser = ui::parse_time)]
    at: Option<TimeArg>,
    /// Which of the two 02:00-03:00 hours of the last Sunday of October a local --at means.
    #[arg(long, value_name = "first|second", value_parser = ui::parse_occurrence)]
    occurrence: Option<Occurrence>,
}

/// The postcode, parsed here rather than by clap: clap's message would repeat the value, and a
/// value typed into the wrong option may be a BSN. The core's message repeats nothing.
fn location(text: &str) -> Result<Location, Failure> {
    Location::parse(text).map_err(|e| Failure::Usage(format!("invalid --location: {e}")))
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    // Checked before the documents are read, so a wrong postcode fails fast.
    let location = location(&args.location)?;
    let (registry, agreements) = args.docs.load(ui)?;
    let at = ui::instant(args.at, args.occurrence, "--at")?;
    let answer = agreements.on_call(&registry, location, at)?;
    if ui.json {
        return Ok(crate::cmd::json_line(&answer.to_json_value()));
    }
    let reg = Some(&registry);
    let mut out = String::new();
    writeln!(
        out,
        "{} {} {} {}: {}",
        ui.t("Night care for", "Nachtzorg voor"),
        answer.location,
        ui.t("at", "op"),
        ui.local(answer.at),
        label!(ui, answer.outcome)
    )
    .ok();
    for d in &answer.duties {
        writeln!(
            out,
            "  {} ({}), {} `{}`, {} {}, {} {} {} {}",
            team_name(reg, d.team.as_str()),
            org_name(reg, d.organisation.as_str()),
            ui.t("rotation", "rooster"),
            d.agreement,
            ui.t("night of", "nacht van"),
            ui.day(d.night),
            ui.t("shift", "dienst"),
            ui.local(d.shift_start),
            ui.t("to", "tot"),
            ui.local(d.shift_end)
        )
        .ok();
        if let Some(c) = &d.contact {
            writeln!(out, "    {}: {}", ui.t("call", "bel"), contact_line(c)).ok();
        }
        if let Some(a) = &d.accountable {
            writeln!(
                out,
                "    {}: {}",
                ui.t("accountable for the rotation", "verantwoordelijk voor het rooster"),
                contact_line(a)
            )
            .ok();
        }
    }
    if answer.outcome == OnCallOutcome::NobodyOnDuty {
        if answer.uncovered.is_empty() {
            writeln!(
                out,
                "  {}",
                ui.t("no night rotation covers this location", "geen nachtrooster dekt deze locatie")
            )
            .ok();
        } else {
            let gaps: Vec<&str> = answer.uncovered.iter().map(|a| a.as_str()).collect();
            writeln!(out, "  {}: {}", ui.t("a gap in the rota of", "een gat in het rooster van"), gaps.join(", ")).ok();
        }
        let date = answer.at.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive();
        if let Some((a, terms)) = agreements.coordination_point_for(answer.location, date) {
            let contact = terms.contact.as_ref().map(|c| format!(": {}", contact_line(c))).unwrap_or_default();
            writeln!(out, "  {} `{}`{contact}", ui.t("coordination point", "coördinatiepunt"), a.id).ok();
        }
    }
    Ok(out)
}
