//! `wijknet validate`: is this document one wijknet reads? Every problem at once, each with its
//! JSON path and reason, exactly as the core reports them when a host loads the document.

use std::path::PathBuf;

use clap::ValueEnum;
use serde_json::{Value, json};
use wijknet::Registry;
use wijknet::consent::{ConsentRequest, ConsentStore};
use wijknet::matching::MatchRequest;
use wijknet::referral::parse_events;
use wijknet::registry::CapacityUpdate;

use crate::exit::Failure;
use crate::load::{self, with_spinner};
use crate::ui::Ui;

/// The kinds of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// wijknet.registry/v1.
    Registry,
    /// wijknet.agreements/v1 (needs --registry: agreements name its teams).
    Agreements,
    /// wijknet.consent/v1.
    ConsentStore,
    /// A match request (with --registry, also its insurer and providers must exist).
    MatchRequest,
    /// A consent request.
    ConsentRequest,
    /// wijknet.referral-events/v1.
    #[value(alias = "events")]
    ReferralEvents,
    /// A capacity update (with --registry, also applied: known team, current version).
    CapacityUpdate,
    /// FHIR R4 mCSD Bundle (care services directory).
    FhirDirectory,
    /// FHIR R4 history Bundle of ServiceRequest and Task versions (referral events).
    FhirReferralEvents,
}

/// Check a document and list every problem (path and reason).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the document is.
    #[arg(value_enum)]
    kind: Kind,
    /// The document; `-` or nothing for stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    file: PathBuf,
    /// The registry that agreements, a match request or a capacity update refer to.
    #[arg(long, value_name = "FILE", required_if_eq("kind", "agreements"))]
    registry: Option<PathBuf>,
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    load::one_stdin(&[Some(&args.file), args.registry.as_ref()])?;
    let registry = match &args.registry {
        Some(path) if needs_registry(args.kind) => Some(load::registry(ui, path)?),
        _ => None,
    };
    let bytes = load::bytes(ui, &args.file, "document")?;
    let summary = with_spinner(ui, "validating", || check(args.kind, &bytes, registry.as_ref()))?;
    let kind = args.kind.to_possible_value().expect("no skipped kinds").get_name().to_owned();
    if ui.json {
        let mut v = json!({ "valid": true, "kind": kind });
        if let (Value::Object(o), Value::Object(s)) = (&mut v, summary) {
            o.extend(s);
        }
        return Ok(crate::cmd::json_line(&v));
    }
    Ok(format!("{}: {kind}{}\n", ui.t("valid", "geldig"), describe(&summary)))
}

fn needs_registry(kind: Kind) -> bool {
    matches!(kind, Kind::Agreements | Kind::MatchRequest | Kind::CapacityUpdate)
}

/// Loads the document with the core; the answer is a few counts to show what was read.
fn check(kind: Kind, bytes: &[u8], registry: Option<&Registry>) -> Result<Value, wijknet::Error> {
    Ok(match kind {
        Kind::Registry => {
            let r = Registry::from_json(bytes)?;
            json!({ "version": r.version(), "organisations": r.organisations().len(), "teams": r.teams().len() })
        }
        Kind::Agreements => {
            let a = wijknet::agreements::Agreements::from_json(bytes, registry.expect("clap requires --registry"))?;
            json!({ "version": a.version(), "agreements": a.agreements().len() })
        }
        Kind::ConsentStore => {
            let s = ConsentStore::from_json(bytes)?;
            json!({ "version": s.version(), "records": s.len() })
        }
        Kind::MatchRequest => {
            let request = MatchRequest::from_json(bytes)?;
            if let Some(r) = registry {
                request.validate(r)?;
            }
            json!({ "location": request.location.to_string(), "care_types": request.care_types.len() })
        }
        Kind::ConsentRequest => {
            let request = ConsentRequest::from_json(bytes)?;
            json!({ "categories": request.categories.len() })
        }
        Kind::ReferralEvents => json!({ "events": parse_events(bytes)?.len() }),
        Kind::CapacityUpdate => {
            let update = CapacityUpdate::from_json(bytes)?;
            if let Some(r) = registry {
                r.update_capacity(&update)?;
            }
            json!({ "team": update.team.as_str() })
        }
        Kind::FhirDirectory => {
            let d = wijknet_fhir::api::Directory::from_json(bytes)?;
            json!({ "organisations": d.registry().organisations().len(), "teams": d.registry().teams().len() })
        }
        Kind::FhirReferralEvents => json!({ "events": wijknet_fhir::api::referral_events_from_fhir(bytes)?.len() }),
    })
}

/// The counts as ` (teams 20, version 3)`.
fn describe(summary: &Value) -> String {
    let Value::Object(o) = summary else { return String::new() };
    let parts: Vec<String> = o
        .iter()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{} {s}", k.replace('_', " ")),
            other => format!("{} {other}", k.replace('_', " ")),
        })
        .collect();
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
}
