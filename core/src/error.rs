//! The one public error type of the core.
//!
//! Every variant has a stable [`Error::code`] that bindings map to their own error classes, and a
//! message in the house style: lowercase, no trailing period, the offending value's path in
//! backticks. No variant ever carries a BSN, a client's name or other personal data: paths and
//! codes only, plus ids chosen by the data's maintainer.

use std::fmt;

use serde::Serialize;

use crate::input::shown;

/// One problem found in an input document: where (a JSON path such as `teams[3].area.pc4[0]`)
/// and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Problem {
    /// JSON path of the offending value, `$` for the document itself.
    pub path: String,
    /// What is wrong, lowercase, no trailing period.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.path, self.reason)
    }
}

/// Collects every problem of a document so the user sees them all at once: the first
/// [`MAX_PROBLEMS`](crate::limits::MAX_PROBLEMS), and a count of the rest, so a hostile document
/// cannot make the error itself huge.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    omitted: usize,
}

impl Problems {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }
    /// Records one problem.
    pub fn push(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        if self.list.len() < crate::limits::MAX_PROBLEMS {
            self.list.push(Problem { path: path.into(), reason: reason.into() });
        } else {
            self.omitted += 1;
        }
    }
    /// Records `other`'s problems after these, as if each had been pushed here (the bound
    /// counts them all).
    pub(crate) fn append(&mut self, other: Problems) {
        for p in other.list {
            self.push(p.path, p.reason);
        }
        self.omitted += other.omitted;
    }
    /// How many problems were recorded, listed or not: where a problem found later belongs
    /// ([`Problems::interleave`]).
    pub(crate) fn count(&self) -> usize {
        self.list.len() + self.omitted
    }
    /// Records problems found after the fact among these, each where it would have been pushed:
    /// `(n, problem)` goes after the first `n` problems of `self` (as [`Problems::count`] gave
    /// `n`). `extra` must be in order of `n`; the bound counts them all, as if each had been
    /// pushed at its place.
    pub(crate) fn interleave(&mut self, extra: impl IntoIterator<Item = (usize, Problem)>) {
        let old = std::mem::take(self);
        let mut extra = extra.into_iter().peekable();
        for (j, p) in old.list.into_iter().enumerate() {
            while let Some((_, e)) = extra.next_if(|(n, _)| *n <= j) {
                self.push(e.path, e.reason);
            }
            self.push(p.path, p.reason);
        }
        // The rest come after every listed problem: listed if there is room (there is none when
        // some were omitted before, as the list was full then).
        for (_, e) in extra {
            self.push(e.path, e.reason);
        }
        self.omitted += old.omitted;
    }
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
    /// `Ok(value)` when no problem was recorded, otherwise [`Error::Invalid`] for `document`.
    pub fn finish<T>(self, document: &'static str, value: impl FnOnce() -> T) -> Result<T, Error> {
        if self.list.is_empty() { Ok(value()) } else { Err(Error::Invalid { document, problems: self.into_vec() }) }
    }
    /// The problems so far, with the count of those beyond the limit as a last entry.
    pub fn into_vec(mut self) -> Vec<Problem> {
        if self.omitted > 0 {
            self.list.push(Problem {
                path: "$".into(),
                reason: format!(
                    "{} more problems not listed (the limit is {})",
                    self.omitted,
                    crate::limits::MAX_PROBLEMS
                ),
            });
        }
        self.list
    }
}

fn summarize(problems: &[Problem]) -> String {
    match problems {
        [] => "no problems".to_owned(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    }
}

/// Everything that can go wrong in the core.
///
/// `Debug` shows the code and the message (never the fields themselves), so a host that logs
/// errors with `{:?}` logs no more than the message says.
#[derive(Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not well-formed JSON, or a value has the wrong JSON type.
    #[error("malformed {document} JSON at `{path}`: {message}")]
    Json {
        /// Which document (`registry`, `request`, ...).
        document: &'static str,
        /// JSON path where parsing stopped.
        path: String,
        /// What the parser expected.
        message: String,
    },
    /// The document's `schema` field is missing or names another schema or version.
    #[error("unsupported {document} schema `{found}`, expected `{expected}`")]
    Schema {
        /// Which document.
        document: &'static str,
        /// The schema found (empty when missing).
        found: String,
        /// The schema this version of wijknet reads.
        expected: &'static str,
    },
    /// The document parsed but breaks rules; every problem is listed.
    #[error("invalid {document}: {}", summarize(problems))]
    Invalid {
        /// Which document.
        document: &'static str,
        /// All problems found, in document order.
        problems: Vec<Problem>,
    },
    /// An optimistic update was based on stale data.
    #[error(
        "version conflict on {what} {}: the update was based on another version than the registry holds; read the current version and retry",
        shown(id)
    )]
    VersionConflict {
        /// What was updated (`team capacity`, ...).
        what: &'static str,
        /// Its id.
        id: String,
        /// The version the caller based its update on.
        expected: u64,
        /// The version actually there.
        actual: u64,
    },
    /// A referenced record does not exist.
    #[error("unknown {kind} {}", shown(id))]
    NotFound {
        /// Kind of record.
        kind: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A referral event is not allowed in the current state of the referral or of the offer it
    /// is about (for example accepting an offer that was already rejected).
    #[error("referral {}: event {} (`{event_type}`) cannot change `{field}` from `{from}`: {reason}", shown(referral.as_str()), shown(event.as_str()))]
    Transition {
        /// The referral id (an [`Id`](crate::Id): cheap to clone, keeps this variant small).
        referral: crate::ids::Id,
        /// The event id.
        event: crate::ids::Id,
        /// The event's type code.
        event_type: &'static str,
        /// What it tried to change: `status`, `offers[<team>].status`, `at`, `referral`, ...
        field: String,
        /// The current status code of that field (`none` for an offer that does not exist).
        from: &'static str,
        /// Why it is not allowed.
        reason: String,
    },
    /// An event with this id was already applied to the referral.
    #[error("referral {}: duplicate event {}", shown(referral), shown(event))]
    DuplicateEvent {
        /// The referral id.
        referral: String,
        /// The repeated event id.
        event: String,
    },
    /// The actor of a referral event may not make this change (only the offer's own team may
    /// accept or reject it, only the referrer or a coordinator may cancel, ...).
    #[error(
        "referral {}: event {} (`{event_type}`) by {actor} is not allowed: only {allowed} may do this",
        shown(referral),
        shown(event)
    )]
    WrongActor {
        /// The referral id.
        referral: String,
        /// The event id.
        event: String,
        /// The event's type code.
        event_type: &'static str,
        /// The actor as `role `id``.
        actor: String,
        /// Who may make the change.
        allowed: String,
    },
    /// A Dutch local date and time names no instant (it falls in the hour the clocks skip in
    /// spring) or two (the hour the clocks repeat in autumn) and the caller did not say which;
    /// see [`local_time`](crate::local_time).
    #[error("{}", problem.reason())]
    LocalTime {
        /// Which of the two.
        problem: crate::local_time::LocalTimeProblem,
    },
    /// The caller's progress observer asked to stop a long call; see
    /// [`progress`](crate::progress). The call had no effect.
    #[error("cancelled by the caller during the {} step", step.code())]
    Cancelled {
        /// The step the call was in.
        step: crate::progress::ProgressStep,
    },
}

impl Error {
    /// Stable machine-readable code of the variant, shared by every binding.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Json { .. } => "json",
            Error::Schema { .. } => "schema",
            Error::Invalid { .. } => "invalid",
            Error::VersionConflict { .. } => "version_conflict",
            Error::NotFound { .. } => "not_found",
            Error::Transition { .. } => "transition",
            Error::DuplicateEvent { .. } => "duplicate_event",
            Error::WrongActor { .. } => "wrong_actor",
            Error::LocalTime { .. } => "local_time",
            Error::Cancelled { .. } => "cancelled",
        }
    }

    /// The list of problems for validation errors; one problem with the path for JSON errors;
    /// empty otherwise.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Invalid { problems, .. } => problems.clone(),
            Error::Json { path, message, .. } => vec![Problem { path: path.clone(), reason: message.clone() }],
            Error::Schema { found, expected, .. } => {
                vec![Problem {
                    path: "$.schema".into(),
                    reason: format!("unsupported schema `{found}`, expected `{expected}`"),
                }]
            }
            Error::LocalTime { problem } => {
                vec![Problem { path: problem.path().into(), reason: problem.reason().into() }]
            }
            _ => Vec::new(),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.code())
            .field("message", &self.to_string())
            .field("problems", &self.problems())
            .finish()
    }
}

/// One way a call can fail, in every language: the stable code (what [`Error::code`] returns and
/// what every binding reports), the C `wijknet_result` number (never renumbered) and what it
/// means. The bindings' result enums and exception tables are made from [`ERROR_CODES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode {
    /// The stable snake_case code, e.g. `version_conflict`.
    pub code: &'static str,
    /// The name of the variant in generated enums (`VersionConflict`).
    pub rust_name: &'static str,
    /// The C `wijknet_result` value.
    pub number: u32,
    /// Whether the core itself raises it ([`Error`]); the others are raised at a binding's
    /// boundary (a NULL pointer, invalid UTF-8, an argument out of its domain, a bug).
    pub core: bool,
    /// What it means and what to do, in one or two sentences.
    pub doc: &'static str,
}

const fn code(code: &'static str, rust_name: &'static str, number: u32, core: bool, doc: &'static str) -> ErrorCode {
    ErrorCode { code, rust_name, number, core, doc }
}

/// Every failure code, in ascending `number`.
pub const ERROR_CODES: &[ErrorCode] = &[
    code("ok", "Ok", 0, false, "Success; outputs were written (C only: other languages return normally)."),
    code(
        "null_argument",
        "NullArgument",
        1,
        false,
        "A required pointer argument was NULL (C only); the message names the parameter.",
    ),
    code(
        "invalid_utf8",
        "InvalidUtf8",
        2,
        false,
        "A text argument was not valid UTF-8 (C only); the message names the parameter and byte offset.",
    ),
    code(
        "invalid_argument",
        "InvalidArgument",
        3,
        false,
        "A scalar argument is out of its domain: an unknown code index, an impossible date, a length larger than `PTRDIFF_MAX`, an instant outside the supported range.",
    ),
    code(
        "out_of_range",
        "OutOfRange",
        4,
        false,
        "An index passed to an accessor is not below the corresponding count.",
    ),
    code(
        "internal",
        "Internal",
        5,
        false,
        "A bug inside wijknet panicked; the call had no effect and the library stays usable. Please report it with the message.",
    ),
    code(
        "json",
        "Json",
        10,
        true,
        "The input is not well-formed JSON, or a value has the wrong JSON type; one problem with the path where parsing stopped.",
    ),
    code("schema", "Schema", 11, true, "The document's `schema` tag is missing or names another schema."),
    code(
        "invalid",
        "Invalid",
        12,
        true,
        "The document parsed but breaks rules; every problem is listed with its path.",
    ),
    code(
        "version_conflict",
        "VersionConflict",
        13,
        true,
        "An optimistic update was based on stale data: read the current version and retry.",
    ),
    code(
        "not_found",
        "NotFound",
        14,
        true,
        "A referenced record does not exist, or an optional part of a result is absent.",
    ),
    code(
        "transition",
        "Transition",
        15,
        true,
        "A referral event is not allowed in the current state of the referral or of its offer, e.g. accepting an offer that was already rejected.",
    ),
    code("duplicate_event", "DuplicateEvent", 16, true, "An event with this id was already applied to the referral."),
    code(
        "wrong_actor",
        "WrongActor",
        17,
        true,
        "The event's actor may not make this change: only the offer's own team may accept or reject it, only the referrer or a coordinator may cancel.",
    ),
    code(
        "local_time",
        "LocalTime",
        18,
        true,
        "A Dutch local time does not exist (the hour the clocks skip in spring: path `$.time`) or happens twice and the call did not say `first` or `second` (path `$.occurrence`).",
    ),
    code(
        "cancelled",
        "Cancelled",
        19,
        true,
        "A long call (loading a national document, replaying a history, a what-if) was stopped by its progress callback; it had no effect.",
    ),
    code(
        "other",
        "Other",
        99,
        false,
        "A core error this version of a binding has no dedicated code for yet; the message and the string code tell what it is.",
    ),
];

/// The entry of [`ERROR_CODES`] for a stable code.
pub fn error_code(code: &str) -> Option<&'static ErrorCode> {
    ERROR_CODES.iter().find(|c| c.code == code)
}

/// Shorthand used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_error_is_in_the_code_table() {
        let errors = [
            Error::Json { document: "registry", path: "$".into(), message: String::new() },
            Error::Schema { document: "registry", found: String::new(), expected: "x" },
            Error::Invalid { document: "registry", problems: Vec::new() },
            Error::VersionConflict { what: "team capacity", id: "t".into(), expected: 0, actual: 1 },
            Error::NotFound { kind: "team", id: "t".into() },
            Error::DuplicateEvent { referral: "r".into(), event: "e".into() },
            Error::WrongActor {
                referral: "r".into(),
                event: "e".into(),
                event_type: "x",
                actor: String::new(),
                allowed: String::new(),
            },
            Error::LocalTime { problem: crate::local_time::LocalTimeProblem::DoesNotExist },
            Error::Cancelled { step: crate::progress::ProgressStep::Read },
        ];
        for e in &errors {
            assert!(error_code(e.code()).is_some_and(|c| c.core), "{}", e.code());
        }
        assert_eq!(ERROR_CODES.iter().filter(|c| c.core).count(), 10, "every core code, `transition` included");
        let mut numbers: Vec<u32> = ERROR_CODES.iter().map(|c| c.number).collect();
        let sorted = numbers.clone();
        numbers.dedup();
        assert_eq!(numbers, sorted, "ascending and unique");
    }

    #[test]
    fn invalid_lists_all_problems() {
        let mut p = Problems::new();
        p.push("$.teams[0].id", "duplicate id `t1`");
        p.push("$.teams[2].area.pc4[1]", "PC4 postcode must be 4 digits");
        let e = p.finish("registry", || ()).unwrap_err();
        assert_eq!(e.problems().len(), 2);
        assert_eq!(e.to_string(), "invalid registry: `$.teams[0].id`: duplicate id `t1` (and 1 more)");
    }

    #[test]
    fn problems_are_bounded() {
        let mut p = Problems::new();
        for i in 0..5000 {
            p.push(format!("$.teams[{i}].id"), "must not be empty");
        }
        let list = p.into_vec();
        assert_eq!(list.len(), crate::limits::MAX_PROBLEMS + 1);
        assert_eq!(list.last().unwrap().path, "$");
        assert!(list.last().unwrap().reason.starts_with("4000 more problems"));
    }
}
