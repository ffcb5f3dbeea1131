//! `wijknet what-if`: a referral history replayed against the registry with its current
//! agreements and with a proposal (other agreements, or another registry): which referrals would
//! have had a team, where placement stops getting stuck, and what that is estimated to change.

use std::fmt::Write as _;
use std::path::PathBuf;

use wijknet::referral::{ReferralBook, parse_events};
use wijknet::what_if::{Scenario, WhatIfOptions, WhatIfRow, what_if};

use crate::exit::Failure;
use crate::load;
use crate::ui::Ui;

/// Areas listed in text output (the most changed first); `--json` has them all.
const LISTED: usize = 10;

/// Replay a referral history under proposed agreements (or a proposed registry) and report the
/// difference.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The events document (wijknet.referral-events/v1), `-` for stdin.
    #[arg(value_name = "EVENTS")]
    events: PathBuf,
    /// Today's registry (wijknet.registry/v1).
    #[arg(long, value_name = "FILE")]
    registry: PathBuf,
    /// The current agreements (baseline); none when left out.
    #[arg(long, value_name = "FILE")]
    agreements: Option<PathBuf>,
    /// The proposed agreements; none when left out (give the current ones again to change only
    /// the registry).
    #[arg(long, value_name = "FILE")]
    proposed_agreements: Option<PathBuf>,
    /// The proposed registry; the registry when left out.
    #[arg(long, value_name = "FILE")]
    proposed_registry: Option<PathBuf>,
    /// Changed referrals listed in the `--json` document (at most 100,000).
    #[arg(long, default_value_t = wijknet::what_if::DEFAULT_MAX_REFERRALS)]
    max_referrals: usize,
}

fn row_line(ui: &Ui, r: &WhatIfRow) -> String {
    format!(
        "{} {}, {} {} -> {}, {} {} -> {}, {} {}",
        r.referrals,
        ui.t("referrals", "verwijzingen"),
        ui.t("no eligible team", "geen team"),
        r.no_eligible_team_before,
        r.no_eligible_team_after,
        ui.t("candidates", "kandidaten"),
        r.candidates_before,
        r.candidates_after,
        r.changed,
        ui.t("changed", "gewijzigd"),
    )
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    load::one_stdin(&[
        Some(&args.events),
        Some(&args.registry),
        args.agreements.as_ref(),
        args.proposed_agreements.as_ref(),
        args.proposed_registry.as_ref(),
    ])?;
    let registry = load::registry(ui, &args.registry)?;
    let proposed_registry = args.proposed_registry.as_ref().map(|p| load::registry(ui, p)).transpose()?;
    let proposed_reg = proposed_registry.as_ref().unwrap_or(&registry);
    let agreements = args.agreements.as_ref().map(|p| load::agreements(ui, p, &registry)).transpose()?;
    let proposed = args.proposed_agreements.as_ref().map(|p| load::agreements(ui, p, proposed_reg)).transpose()?;
    let bytes = load::bytes(ui, &args.events, "events")?;
    let events = load::with_spinner(ui, "reading events", || parse_events(&bytes))?;
    let book = load::with_spinner(ui, "replaying", || ReferralBook::replay(&events))?;
    let result = load::with_spinner(ui, "matching every referral twice", || {
        what_if(
            &book,
            Scenario { registry: &registry, agreements: agreements.as_ref() },
            Scenario { registry: proposed_reg, agreements: proposed.as_ref() },
            &WhatIfOptions { max_referrals: args.max_referrals },
        )
    })?;
    if ui.json {
        return Ok(crate::cmd::json_line(&result.to_json_value()));
    }
    let mut out = String::new();
    writeln!(out, "{}: {}", ui.t("All", "Alle"), row_line(ui, &result.total)).ok();
    let t = &result.total;
    writeln!(
        out,
        "  {} {}, {} {}; {} {} -> {}, {} {} -> {} ({} {})",
        t.now_eligible,
        ui.t("now eligible", "nu een team"),
        t.no_longer_eligible,
        ui.t("no longer eligible", "geen team meer"),
        ui.t("placed", "geplaatst"),
        t.placed_before,
        t.placed_after,
        ui.t("escalated", "geëscaleerd"),
        t.escalated_before,
        t.escalated_after,
        t.estimated_after,
        ui.t("estimated", "geschat"),
    )
    .ok();
    for (time, row) in &result.by_time_of_day {
        writeln!(out, "  {}: {}", time.code(), row_line(ui, row)).ok();
    }
    let mut areas: Vec<_> = result.by_municipality.iter().filter(|(_, r)| r.changed > 0).collect();
    areas.sort_by_key(|(code, r)| (std::cmp::Reverse(r.changed), **code));
    for (code, row) in areas.iter().take(LISTED) {
        writeln!(out, "  {code}: {}", row_line(ui, row)).ok();
    }
    Ok(out)
}
