//! `wijknet decide`: may I share this? The decision per data category, the rule that decided,
//! the audit record, and with `--trace` every consent and objection considered.

use std::fmt::Write as _;
use std::path::PathBuf;

use wijknet::consent::ConsentRequest;
use wijknet::local_time::Occurrence;

use crate::exit::Failure;
use crate::load;
use crate::text::list;
use crate::ui::{self, TimeArg, Ui, label};

/// Decide a data-sharing question against a consent store (and the data-sharing agreements).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The consent store document (wijknet.consent/v1).
    #[arg(long, value_name = "FILE")]
    store: PathBuf,
    /// The consent request (client, discloser, recipient, purpose, categories), `-` for stdin.
    #[arg(value_name = "REQUEST")]
    request: PathBuf,
    /// The decision time. Defaults to this computer's clock.
    #[arg(long, value_name = "TIME", value_parser = ui::parse_time)]
    at: Option<TimeArg>,
    /// Which of the two 02:00-03:00 hours of the last Sunday of October a local --at means.
    #[arg(long, value_name = "first|second", value_parser = ui::parse_occurrence)]
    occurrence: Option<Occurrence>,
    /// Agreements whose data-sharing agreements and case teams count as a basis (needs --registry).
    #[arg(long, value_name = "FILE", requires = "registry")]
    agreements: Option<PathBuf>,
    /// The registry the agreements refer to.
    #[arg(long, value_name = "FILE", requires = "agreements")]
    registry: Option<PathBuf>,
    /// Also show every consent and objection considered and why it applied or not.
    #[arg(long)]
    trace: bool,
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    load::one_stdin(&[Some(&args.store), Some(&args.request), args.agreements.as_ref(), args.registry.as_ref()])?;
    let store = load::consent_store(ui, &args.store)?;
    let request = ConsentRequest::from_json(&load::bytes(ui, &args.request, "request")?)?;
    let agreements = match (&args.registry, &args.agreements) {
        (Some(r), Some(a)) => {
            let registry = load::registry(ui, r)?;
            Some(load::agreements(ui, a, &registry)?)
        }
        _ => None,
    };
    let at = ui::instant(args.at, args.occurrence, "--at")?;
    let answer = wijknet::api::decide(&store, agreements.as_ref(), request, at, args.trace)?;
    if ui.json {
        return Ok(answer.to_json() + "\n");
    }
    let d = &answer.decision;
    let mut out = String::new();
    writeln!(
        out,
        "{} {} {} {}; {}: {}; {}: {}",
        ui.t("Sharing decision for client", "Deelbesluit voor cliënt"),
        d.client,
        ui.t("at", "op"),
        ui.local(d.at),
        ui.t("who decides", "wie beslist"),
        label!(ui, d.who_decides),
        ui.t("policy", "beleid"),
        label!(ui, d.policy)
    )
    .ok();
    for (category, c) in d.iter() {
        writeln!(
            out,
            "  {}: {} ({}: {})",
            label!(ui, category),
            label!(ui, c.outcome).to_uppercase(),
            ui.t("basis", "grondslag"),
            label!(ui, c.basis)
        )
        .ok();
        if let Some(p) = &c.provision {
            let path = p.path.steps().iter().map(|i| i.to_string()).collect::<Vec<_>>().join(".");
            let at =
                if path.is_empty() { String::new() } else { format!(", {} {path}", ui.t("provision", "bepaling")) };
            writeln!(out, "      {} {} `{}`{at}", ui.t("decided by", "besloten door"), label!(ui, p.source), p.id).ok();
        }
        if !c.obligations.is_empty() {
            writeln!(
                out,
                "      {}: {}",
                ui.t("obligations", "verplichtingen"),
                list(c.obligations.iter().map(|o| label!(ui, o)))
            )
            .ok();
        }
    }
    if !d.redact.is_empty() {
        // A partial deny: say what the shared data must leave out, by name.
        writeln!(out, "{}: {}", ui.t("Leave out", "Weglaten"), list(d.redact.iter().map(|c| label!(ui, c)))).ok();
    }
    let a = &answer.audit;
    writeln!(
        out,
        "{}: {} {}, {} {}, {} {}",
        ui.t("Audit record", "Auditregel"),
        ui.t("decision", "besluit"),
        a.decision_id,
        ui.t("inputs", "invoer"),
        a.inputs_hash,
        ui.t("data version", "dataversie"),
        a.data_version
    )
    .ok();
    if let Some(t) = &answer.trace {
        writeln!(out, "\n{}:", ui.t("Trace", "Spoor")).ok();
        for r in &t.records {
            writeln!(
                out,
                "  {} `{}`: {}; {}: {}; {}: {}",
                label!(ui, r.source),
                r.id,
                label!(ui, r.reason),
                ui.t("matched", "van toepassing op"),
                list(r.matched.iter().map(|c| label!(ui, c))),
                ui.t("decided", "besliste"),
                list(r.decided.iter().map(|c| label!(ui, c)))
            )
            .ok();
        }
        for c in &t.categories {
            let basis = c.legal_basis.map_or("-", |b| label!(ui, b));
            let consent = c.consent.map_or("-", |e| label!(ui, e));
            let emergency =
                if c.emergency_applied { ui.t("; emergency applied", "; noodsituatie toegepast") } else { "" };
            writeln!(
                out,
                "  {}: {} {basis}; {} {consent}{emergency}",
                label!(ui, c.category),
                ui.t("legal basis", "wettelijke grondslag"),
                ui.t("consents say", "toestemmingen zeggen"),
            )
            .ok();
        }
    }
    Ok(out)
}
