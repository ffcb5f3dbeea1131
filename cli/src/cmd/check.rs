//! `wijknet check`: what needs attention in the agreements: gaps and overlaps in night rotas,
//! references to teams that are gone, reviews overdue, mandates expiring.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::exit::Failure;
use crate::load;
use crate::ui::{self, Ui, label};

/// Check the agreements for gaps, overlaps, overdue reviews and expiring mandates.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: load::AgreementDocs,
    /// The first night checked (YYYY-MM-DD). Defaults to today's date in the Netherlands.
    #[arg(long, value_name = "DATE")]
    date: Option<NaiveDate>,
    /// How many nights ahead to check (at most 3,660).
    #[arg(long, value_name = "N", default_value_t = 60)]
    horizon_days: u32,
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    let (registry, agreements) = args.docs.load(ui)?;
    let today = ui::date(args.date, "--date");
    let findings = agreements.check(&registry, today, args.horizon_days)?;
    if ui.json {
        return Ok(crate::cmd::json_line(&wijknet::api::findings_json(&findings)));
    }
    let mut out = String::new();
    writeln!(
        out,
        "{} {} ({} {}), {} {} {} {}: {} {}",
        agreements.agreements().len(),
        ui.t("agreements", "afspraken"),
        ui.t("version", "versie"),
        agreements.version(),
        ui.t("checked for", "gecontroleerd voor"),
        args.horizon_days,
        ui.t("nights from", "nachten vanaf"),
        ui.day(today),
        findings.len(),
        ui.t("findings", "bevindingen")
    )
    .ok();
    for f in &findings {
        let when = match (f.from, f.to) {
            (Some(a), Some(b)) if a != b => format!(" {a} .. {b}"),
            (Some(a), _) | (None, Some(a)) => format!(" {a}"),
            (None, None) => String::new(),
        };
        writeln!(out, "  - {} `{}` {}{when}: {}", label!(ui, f.code), f.agreement, f.field, f.message).ok();
    }
    Ok(out)
}
