//! `wijknet generate`: the seeded synthetic fixtures (crate `wijknet-fixtures`) as documents,
//! for trying the other subcommands at national scale or feeding another system's tests. Same
//! seed, same bytes. Every organisation and person in them is fictional.

use std::path::PathBuf;

use clap::ValueEnum;
use wijknet_fixtures::DEFAULT_SEED;

use crate::exit::Failure;
use crate::load::{self, with_spinner};
use crate::ui::Ui;

/// What to generate.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum What {
    /// The national registry (wijknet.registry/v1): about 4,800 organisations, 21,000 teams.
    National,
    /// The national agreements (wijknet.agreements/v1) for the national registry of the same seed.
    Agreements,
    /// Referral events (wijknet.referral-events/v1) of `--referrals` referrals: during 2025 with
    /// teams of no registry, or with `--registry` (and `--agreements`) during 2026 in the area the
    /// registry covers, offered to the teams matching returns for each referral.
    Events,
}

/// Generate seeded synthetic documents.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    what: What,
    /// The seed: the same seed gives the same document.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Referrals to generate for `events` (at most 864,000; a national year is about 216,000).
    #[arg(long, default_value_t = 1000)]
    referrals: usize,
    /// For `events`: the registry (wijknet.registry/v1) whose area and teams the events use.
    #[arg(long, value_name = "FILE")]
    registry: Option<PathBuf>,
    /// For `events` with `--registry`: the agreements (wijknet.agreements/v1) matching uses.
    #[arg(long, value_name = "FILE", requires = "registry")]
    agreements: Option<PathBuf>,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(ui: &Ui, args: Args) -> Result<String, Failure> {
    if args.registry.is_some() && !matches!(args.what, What::Events) {
        return Err(Failure::Usage("--registry and --agreements are for `generate events` only".into()));
    }
    let json = match args.what {
        What::National => with_spinner(ui, "generating national registry", || {
            serde_json::to_string(&wijknet_fixtures::national_doc(args.seed)).expect("registry documents serialise")
        }),
        What::Agreements => with_spinner(ui, "generating national agreements", || {
            let registry = wijknet_fixtures::national_doc(args.seed);
            let agreements = wijknet_fixtures::national_agreements(&registry, args.seed);
            serde_json::to_string(&agreements).expect("agreement documents serialise")
        }),
        What::Events => match &args.registry {
            None => with_spinner(ui, "generating referral events", || {
                let events = wijknet_fixtures::national_referral_events(args.seed, args.referrals);
                wijknet::referral::events_to_json(&events)
            }),
            Some(path) => {
                load::one_stdin(&[Some(path), args.agreements.as_ref()])?;
                let registry = load::registry(ui, path)?;
                let agreements = args.agreements.as_ref().map(|a| load::agreements(ui, a, &registry)).transpose()?;
                with_spinner(ui, "generating referral events", || {
                    let events = wijknet_fixtures::registry_referral_events(
                        args.seed,
                        args.referrals,
                        &registry,
                        agreements.as_ref(),
                    );
                    wijknet::referral::events_to_json(&events)
                })
            }
        },
    };
    match &args.output {
        None => Ok(json + "\n"),
        Some(path) => {
            std::fs::write(path, json.as_bytes())
                .map_err(|error| Failure::Io { path: path.display().to_string(), error })?;
            eprintln!("wijknet: wrote {} ({} bytes, seed {})", path.display(), json.len(), args.seed);
            Ok(String::new())
        }
    }
}
