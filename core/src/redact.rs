//! What a message may repeat of an input, as one public rule: the core follows it in every error,
//! and the bindings use it for their own messages (a C argument, a Python dict key, a Kotlin
//! parameter), so no language keeps its own copy.
//!
//! - A message never repeats a value: it says what was expected, and where.
//! - An id a message must name to be useful is shown in backticks, cut to
//!   [`SHOWN_ID_PREFIX`](crate::limits::SHOWN_ID_PREFIX) characters; text that is not id-shaped
//!   (`A-Z a-z 0-9 . _ : -`) or that [`looks_personal`] is not shown at all.

pub use crate::input::{is_id_text, looks_personal};

/// What a message shows instead of a value it may not repeat.
pub const NOT_SHOWN: &str = "(not shown)";

/// An id as a message shows it: in backticks and cut short, or [`NOT_SHOWN`].
pub fn shown(id: &str) -> String {
    crate::input::shown(id).to_string()
}

/// An id as an error field may carry it, without backticks: the id when short, its first
/// characters and `…` when long, [`NOT_SHOWN`] when it is not id-shaped or looks personal.
pub fn bare_id(id: &str) -> String {
    match shown(id) {
        s if s == NOT_SHOWN => s,
        s => s.trim_matches('`').to_owned(),
    }
}
