//! One module per subcommand: its arguments (clap derive) and `run`, which returns the whole
//! answer as text for stdout.

pub mod check;
pub mod decide;
pub mod generate;
pub mod matching;
pub mod may_assess;
pub mod on_call;
pub mod replay;
pub mod validate;
pub mod what_if;

/// A JSON value as the answer: one line, as the front door writes it.
pub fn json_line(value: &serde_json::Value) -> String {
    format!("{value}\n")
}
