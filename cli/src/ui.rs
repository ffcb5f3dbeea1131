//! What every subcommand shares about its surroundings: the output language, JSON or text,
//! progress bars only where a person watches, times given on the command line, and stdout.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Amsterdam;
use indicatif::{ProgressBar, ProgressStyle};
use wijknet::local_time::{self, Occurrence};

use crate::exit::Failure;

/// Language of the labels in text output: the core's code labels come in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Nederlands.
    Nl,
}

impl Lang {
    /// The text in this language.
    pub fn pick<'a>(self, en: &'a str, nl: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Nl => nl,
        }
    }
}

/// A code's label in the language asked for (every code enum has `label_en` and `label_nl`).
macro_rules! label {
    ($ui:expr, $code:expr) => {
        $ui.lang.pick($code.label_en(), $code.label_nl())
    };
}
pub(crate) use label;

/// The options every subcommand honours.
#[derive(Debug)]
pub struct Ui {
    /// `--json`.
    pub json: bool,
    /// `--lang`.
    pub lang: Lang,
    progress: bool,
}

impl Ui {
    /// Progress bars are drawn only where someone watches: on a terminal (stderr, where they
    /// draw) and without `--quiet`. Pipes, files and CI logs get no control characters.
    pub fn new(json: bool, lang: Lang, quiet: bool) -> Self {
        Self { json, lang, progress: !quiet && std::io::stderr().is_terminal() }
    }

    /// The text in the output language.
    pub fn t<'a>(&self, en: &'a str, nl: &'a str) -> &'a str {
        self.lang.pick(en, nl)
    }

    /// A bar counting `len` steps of `what` (hidden when no one watches).
    pub fn bar(&self, len: u64, what: &str) -> ProgressBar {
        self.styled(len, what, "{msg:>18} [{bar:40}] {human_pos}/{human_len} ({eta} left)")
    }

    /// A bar counting bytes read; none for files read in a blink (below 4 MiB).
    pub fn byte_bar(&self, len: u64, what: &str) -> ProgressBar {
        if len < 4 << 20 {
            return ProgressBar::hidden();
        }
        self.styled(len, what, "{msg:>18} [{bar:40}] {bytes}/{total_bytes}")
    }

    /// The style is set before the bar first draws, so it never shows another template.
    fn styled(&self, len: u64, what: &str, template: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let style = ProgressStyle::with_template(template).expect("a valid template").progress_chars("=> ");
        ProgressBar::with_draw_target(Some(len), indicatif::ProgressDrawTarget::stderr())
            .with_style(style)
            .with_message(what.to_owned())
    }

    /// A spinner for a step that cannot count (a core call: loading and validating a document).
    pub fn spinner(&self, what: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let spinner = ProgressBar::new_spinner();
        spinner.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("a valid template"));
        spinner.set_message(what.to_owned());
        spinner.enable_steady_tick(Duration::from_millis(120));
        spinner
    }
}

/// Writes the answer to stdout. A closed pipe (`wijknet ... | head`) is not an error: the
/// reader has what it wanted.
pub fn write_stdout(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Io { path: "-".into(), error: e }),
        _ => Ok(()),
    }
}

/// A time as given on the command line: an instant, or a Dutch local time that the core turns
/// into one (so the hour the clocks skip or repeat is the core's `local_time` error).
#[derive(Debug, Clone, Copy)]
pub enum TimeArg {
    /// RFC 3339, any offset.
    Instant(DateTime<Utc>),
    /// `YYYY-MM-DDTHH:MM[:SS]` without offset: Europe/Amsterdam.
    Local(NaiveDateTime),
}

/// clap's parser for `--now` / `--at`. The message repeats nothing of the value (clap adds it
/// itself, which is the user's own argument).
pub fn parse_time(text: &str) -> Result<TimeArg, String> {
    if let Ok(t) = wijknet::api::parse_instant(text, "time") {
        return Ok(TimeArg::Instant(t));
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(TimeArg::Local(t));
        }
    }
    Err("expected an RFC 3339 instant (2026-11-22T14:00:00+01:00) or a Dutch local time (2026-11-22T14:00)".into())
}

/// The instant of a time argument, the system clock when none was given (with a note, since
/// the answer then depends on when it ran).
pub fn instant(arg: Option<TimeArg>, occurrence: Option<Occurrence>, flag: &str) -> Result<DateTime<Utc>, Failure> {
    match arg {
        Some(TimeArg::Instant(t)) => Ok(t),
        Some(TimeArg::Local(t)) => Ok(local_time::instant(t.date(), t.time(), occurrence)?),
        None => {
            let now = clock();
            eprintln!(
                "wijknet: note: no {flag} given; using this computer's clock: {}",
                now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            );
            Ok(now)
        }
    }
}

/// This computer's clock. Through `SystemTime`, not chrono's `clock` feature: that feature
/// would give chrono, and with it the core, another hash in the shared release build.
fn clock() -> DateTime<Utc> {
    DateTime::<Utc>::from(std::time::SystemTime::now())
}

/// A calendar date argument, today's Dutch date when none was given (with a note).
pub fn date(arg: Option<NaiveDate>, flag: &str) -> NaiveDate {
    arg.unwrap_or_else(|| {
        let today = clock().with_timezone(&Amsterdam).date_naive();
        eprintln!("wijknet: note: no {flag} given; using today's date in the Netherlands: {today}");
        today
    })
}

/// clap's parser for a `--occurrence`.
pub fn parse_occurrence(text: &str) -> Result<Occurrence, String> {
    Occurrence::from_code(text).map_err(|e| e.to_string())
}

impl Ui {
    /// An instant as Dutch local time, the way people in the region read it (weekday names from
    /// the core's `weekday` labels in Dutch).
    pub fn local(&self, t: DateTime<Utc>) -> String {
        let local = t.with_timezone(&Amsterdam);
        match self.lang {
            Lang::En => local.format("%a %-d %b %Y %H:%M %Z").to_string(),
            Lang::Nl => format!("{} {}", weekday_nl(local.date_naive()), local.format("%-d-%-m-%Y %H:%M %Z")),
        }
    }

    /// A date as people read it.
    pub fn day(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::En => d.format("%a %-d %b %Y").to_string(),
            Lang::Nl => format!("{} {}", weekday_nl(d), d.format("%-d-%-m-%Y")),
        }
    }
}

fn weekday_nl(d: NaiveDate) -> &'static str {
    use chrono::Datelike;
    wijknet::Weekday::from_chrono(d.weekday()).label_nl()
}
