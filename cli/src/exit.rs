//! Exit codes and how a failure is reported. The codes of the core's errors are the numbers of
//! [`wijknet::ERROR_CODES`] (C's `wijknet_result`), so a script reads the same number a C host
//! gets, and the table in `--help` and the README is made from that list.

use std::process::ExitCode;

use serde_json::json;

/// Exit code of a usage error: what clap itself uses for an unknown option, a missing argument
/// or an argument value it refuses.
pub const USAGE: u8 = 2;
/// Exit code of a bug (a panic): the C number of `internal`.
pub const INTERNAL: u8 = 5;
/// Exit code when a file cannot be read or written. Not a core error, so outside its numbers.
pub const IO: u8 = 20;
/// Exit code of a core error this version of the tool has no number for (C's `other`).
pub const OTHER: u8 = 99;

/// Why a command did not answer.
#[derive(Debug)]
pub enum Failure {
    /// The core refused a document or a question; its message and problems are already free of
    /// personal data, so they are printed as they are.
    Core(Box<wijknet::Error>),
    /// A file could not be read or written: which (as the user named it) and the system's reason.
    Io { path: String, error: std::io::Error },
    /// The core refused an event of a referral history: the error and the event's position in
    /// the document (0-based), as the referral vectors report it.
    AtEvent(Box<wijknet::Error>, usize),
    /// A combination of arguments clap cannot refuse by itself (two inputs from stdin).
    Usage(String),
    /// A panic: a bug. Its payload is not printed (it could hold a value of the input).
    Internal,
}

impl From<wijknet::Error> for Failure {
    fn from(e: wijknet::Error) -> Self {
        Failure::Core(Box::new(e))
    }
}

impl Failure {
    /// The exit code of this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Core(e) | Failure::AtEvent(e, _) => core_exit_code(e.code()),
            Failure::Io { .. } => IO,
            Failure::Usage(_) => USAGE,
            Failure::Internal => INTERNAL,
        }
    }

    /// Prints the failure (JSON on stdout with `--json`, text on stderr otherwise) and gives the
    /// exit code.
    pub fn report(self, json: bool) -> ExitCode {
        let code = self.exit_code();
        let (name, message, problems) = match &self {
            Failure::Core(e) => (e.code().to_owned(), e.to_string(), e.problems()),
            Failure::AtEvent(e, i) => (e.code().to_owned(), format!("event index {i}: {e}"), e.problems()),
            Failure::Io { path, error } => ("io".to_owned(), format!("cannot read or write `{path}`: {error}"), vec![]),
            Failure::Usage(message) => ("usage".to_owned(), message.clone(), vec![]),
            Failure::Internal => {
                ("internal".to_owned(), "internal error (a bug in wijknet): please report it".to_owned(), vec![])
            }
        };
        if json {
            let value = match &self {
                Failure::Core(e) => wijknet::api::error_json(e),
                Failure::AtEvent(e, i) => {
                    let mut v = wijknet::api::error_json(e);
                    v["event_index"] = json!(i);
                    v
                }
                _ => json!({ "code": name, "message": message, "problems": problems }),
            };
            // Nothing more can be said if stdout is gone; the exit code still tells.
            let _ = crate::ui::write_stdout(&format!("{value}\n"));
        } else {
            eprintln!("wijknet: {message}");
            if problems.len() > 1 {
                for p in &problems {
                    eprintln!("  {p}");
                }
            }
            eprintln!("(exit {code}: {name})");
        }
        ExitCode::from(code)
    }
}

/// The exit code of a core error code: its C number, which is below 256 for every core code.
pub fn core_exit_code(code: &str) -> u8 {
    wijknet::error::error_code(code).and_then(|c| u8::try_from(c.number).ok()).unwrap_or(OTHER)
}

/// The exit-code table for `--help` (the README has the same rows; a test compares them).
pub fn help_table() -> String {
    let mut rows = vec![
        (
            0,
            "ok".to_owned(),
            "the question was answered (whatever the answer: a refusal to share, nobody available, findings)"
                .to_owned(),
        ),
        (
            u32::from(USAGE),
            "usage".to_owned(),
            "unknown subcommand or option, missing argument, an argument value that is not what it should be"
                .to_owned(),
        ),
        (u32::from(INTERNAL), "internal".to_owned(), "a bug in wijknet; please report it".to_owned()),
    ];
    for c in wijknet::ERROR_CODES.iter().filter(|c| c.core) {
        rows.push((c.number, c.code.to_owned(), meaning(c).to_owned()));
    }
    rows.push((u32::from(IO), "io".to_owned(), "a file could not be read or written".to_owned()));
    rows.push((
        u32::from(OTHER),
        "other".to_owned(),
        "an error of a newer core this tool has no number for".to_owned(),
    ));
    let mut out = String::from("Exit codes (the core's error codes keep their C numbers, wijknet_result):\n");
    for (n, code, what) in rows {
        out.push_str(&format!("  {n:>3}  {code:<16} {what}\n"));
    }
    out.push_str(
        "\nTimes: an RFC 3339 instant (2026-11-22T14:00:00+01:00) or a Dutch local time without offset\n\
         (2026-11-22T14:00; --occurrence first|second for the hour repeated in autumn). --now/--at\n\
         default to this computer's clock, with a note on stderr; pass them for answers that repeat.",
    );
    out
}

/// What a core error means for someone at the command line (short enough for one help line);
/// a code this list does not know yet shows the core's own text.
fn meaning(c: &wijknet::ErrorCode) -> &'static str {
    match c.code {
        "json" => "not well-formed JSON, or a value of the wrong JSON type",
        "schema" => "the document's schema tag is missing or names another schema",
        "invalid" => "the document, or a value the core checks, breaks rules; every problem is listed",
        "version_conflict" => "a capacity update was based on another version than the registry holds",
        "not_found" => "a referenced record does not exist (an event for an unknown referral)",
        "transition" => "a referral event is not allowed in the referral's current state",
        "duplicate_event" => "a referral event with this id was already applied",
        "wrong_actor" => "a referral event's actor may not make this change",
        "local_time" => "a Dutch local time that does not exist, or happens twice without --occurrence",
        "cancelled" => "a long call was stopped by its progress callback (not from the command line)",
        _ => c.doc,
    }
}

/// Replaces the default panic message (which shows the payload) with the location only; the
/// report itself is printed by `main` after the unwind.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("wijknet: panic{at}");
    }));
}
