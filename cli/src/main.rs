//! `wijknet`: the core's answers on the command line, for people who have a document and a
//! question but no host program yet (a regional coordinator checking the rota, a vendor checking
//! the document their export writes, a tester replaying a referral history).
//!
//! Every subcommand reads documents, calls the core's front door ([`wijknet::api`] and the
//! modules it names) and prints the answer: readable text by default, with `--json` exactly the
//! JSON the front door produces (the shapes of `tests/vectors/`). Nothing here decides anything
//! the core does not; the tool only reads, renders and maps errors to exit codes.

mod cmd;
mod exit;
mod load;
mod text;
mod ui;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::exit::Failure;
use crate::ui::{Lang, Ui};

/// Who can take this client, what have we agreed, may I share this: wijknet on the command line.
#[derive(Debug, Parser)]
#[command(name = "wijknet", version, about, long_about = None, after_help = exit::help_table())]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Write the answer as JSON, in the shape the library's front door produces (errors as
    /// {"code", "message", "problems"}, also on stdout).
    #[arg(long, global = true)]
    json: bool,
    /// Language of the labels in text output.
    #[arg(long, global = true, value_enum, default_value_t = Lang::En)]
    lang: Lang,
    /// No progress bars (they are only drawn when stderr is a terminal anyway).
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    Validate(cmd::validate::Args),
    Match(cmd::matching::Args),
    OnCall(cmd::on_call::Args),
    MayAssess(cmd::may_assess::Args),
    Check(cmd::check::Args),
    Decide(cmd::decide::Args),
    Replay(cmd::replay::Args),
    Generate(cmd::generate::Args),
    WhatIf(cmd::what_if::Args),
}

fn run(cli: Cli) -> Result<String, Failure> {
    let ui = Ui::new(cli.json, cli.lang, cli.quiet);
    match cli.command {
        Command::Validate(a) => cmd::validate::run(&ui, a),
        Command::Match(a) => cmd::matching::run(&ui, a),
        Command::OnCall(a) => cmd::on_call::run(&ui, a),
        Command::MayAssess(a) => cmd::may_assess::run(&ui, a),
        Command::Check(a) => cmd::check::run(&ui, a),
        Command::Decide(a) => cmd::decide::run(&ui, a),
        Command::Replay(a) => cmd::replay::run(&ui, a),
        Command::Generate(a) => cmd::generate::run(&ui, a),
        Command::WhatIf(a) => cmd::what_if::run(&ui, a),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    exit::quiet_panics();
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(answer)) => match ui::write_stdout(&answer) {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => failure.report(json),
        },
        Ok(Err(failure)) => failure.report(json),
        Err(_) => Failure::Internal.report(json),
    }
}
