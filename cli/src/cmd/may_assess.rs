//! `wijknet may-assess`: may a district nurse of this provider assess this Wmo care today, under
//! a delegated mandate (*gemandateerde indicatiestelling*)? The municipality keeps the formal
//! decision; the answer says which mandate allows it, or why none does.

use std::fmt::Write as _;

use chrono::NaiveDate;
use wijknet::CareType;

use crate::exit::Failure;
use crate::load;
use crate::text::org_name;
use crate::ui::{self, Ui, label};

/// Ask whether a provider may assess a kind of Wmo care under a delegated mandate.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: load::AgreementDocs,
    /// The provider (organisation id) whose nurse would assess.
    #[arg(long, value_name = "ORGANISATION")]
    provider: String,
    /// The care to assess, a care type code (e.g. wmo_household_help). Read by the tool, not by
    /// clap, so that a wrong value is not repeated in the error.
    #[arg(long, value_name = "CODE")]
    care_type: String,
    /// The day of the assessment (YYYY-MM-DD). Defaults to today's date in the Netherlands.
    #[arg(long, value_name = "DATE")]
    date: Option<NaiveDate>,
}

/// `--care-type` as a code: the core's own error, which names the expected codes and not what
/// was typed.
fn care_type(text: &str) -> Result<CareType, Failure> {
    CareType::from_code(text).map_err(|e| Failure::Usage(format!("invalid --care-type: {e}")))
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    let care = care_type(&args.care_type)?;
    let (registry, agreements) = args.docs.load(ui)?;
    let date = ui::date(args.date, "--date");
    let check = agreements.may_assess(&args.provider, care, date)?;
    if ui.json {
        let value = serde_json::to_value(&check).map_err(|_| Failure::Internal)?;
        return Ok(crate::cmd::json_line(&value));
    }
    let mut out = String::new();
    writeln!(
        out,
        "{}, {} {}, {}: {}",
        org_name(Some(&registry), &args.provider),
        ui.t("assessing", "indicatie voor"),
        label!(ui, care),
        ui.day(date),
        label!(ui, check.outcome)
    )
    .ok();
    if let Some(id) = &check.agreement {
        let title = agreements.agreement(id.as_str()).map_or(id.as_str(), |a| a.title.as_str());
        writeln!(out, "  {}: {title} ({id})", ui.t("mandate", "mandaat")).ok();
    }
    if let Some(until) = check.assessment_valid_until {
        writeln!(out, "  {}: {}", ui.t("an assessment made then holds until", "de indicatie geldt tot"), ui.day(until))
            .ok();
    }
    if let Some(m) = &check.municipality {
        writeln!(
            out,
            "  {}: {}",
            ui.t("the formal decision stays with", "het besluit blijft bij"),
            org_name(Some(&registry), m.as_str())
        )
        .ok();
    }
    Ok(out)
}
