//! What a message may repeat of an input, as one public rule: the core follows it in every error,
//! and the bindings use it for their own messages (a C argument, a Python dict key, a Kotlin
//! parameter), so no language keeps its own copy.
//!
//! - A message never repeats a value: it says what was expected, and where.
//! - An id a message must name to be useful is shown in backticks, cut to
//!   [`SHOWN_ID_PREFIX`](crate::limits::SHOWN_ID_PREFIX) characters; text that is not id-shaped
//!   (`A-Z a-z 0-9 . _ : -`) or that [`looks_personal`] is not shown at all.
//! - A key of a dict or map in a path follows the same rule: `$.free_places.nursing`, but
//!   `$.free_places[(not shown)]` for a key like `Jantje Pietersen` ([`member_path`]).
//!
//! Keep [`member_path`] in step with `input/path.rs` (`Seg::MapKey`); the tests pin the shared
//! cases.

pub use crate::input::{is_id_text, looks_personal};

use crate::limits::SHOWN_ID_PREFIX;

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

/// Whether a key reads as a field name of wijknet's documents (lowercase words joined by `_`):
/// such keys are the schema's own, so a path names them in full.
fn is_field_name(key: &str) -> bool {
    (1..=48).contains(&key.len())
        && key.as_bytes()[0].is_ascii_lowercase()
        && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// The path of a member of the object at `parent` (`$`, `$.teams[3]`, ...): `parent.key` for a
/// field name or a short id-shaped key, otherwise the key as [`shown`] in brackets.
pub fn member_path(parent: &str, key: &str) -> String {
    if is_field_name(key) || (is_id_text(key) && key.len() <= SHOWN_ID_PREFIX && !looks_personal(key)) {
        format!("{parent}.{key}")
    } else {
        format!("{parent}[{}]", shown(key))
    }
}

/// The path of item `index` of the array at `parent`.
pub fn item_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// The path of a call's parameter, as the core names parameters: `$.now`, `$.location`.
pub fn param_path(name: &str) -> String {
    format!("$.{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_cut_and_personal_looking_text_is_not_shown() {
        assert_eq!(shown("t-enschede-1"), "`t-enschede-1`");
        assert_eq!(shown("t-enschede-noord-2"), "`t-enschede-n…`");
        assert_eq!(shown("111222333"), NOT_SHOWN);
        assert_eq!(shown("c-20110901"), NOT_SHOWN);
        assert_eq!(shown("2011-09-01"), NOT_SHOWN);
        assert_eq!(shown("01-09-2011"), NOT_SHOWN);
        assert_eq!(shown("Jantje Pietersen"), NOT_SHOWN);
        assert_eq!(shown(""), NOT_SHOWN);
        assert_eq!(bare_id("zz"), "zz");
        assert_eq!(bare_id("Jantje Pietersen"), NOT_SHOWN);
    }

    #[test]
    fn paths_name_fields_and_hide_odd_keys() {
        assert_eq!(member_path("$", "preferred_providers"), "$.preferred_providers");
        assert_eq!(member_path("$.free_places", "nursing"), "$.free_places.nursing");
        assert_eq!(member_path("$.x", "Jantje Pietersen"), "$.x[(not shown)]");
        assert_eq!(member_path("$.x", "111222333"), "$.x[(not shown)]");
        assert_eq!(member_path("$.x", "Jantje-Pietersen-1"), "$.x[(not shown)]", "a capitalised word reads as a name");
        assert_eq!(member_path("$.x", "team-enschede-noord"), "$.x[`team-ensched…`]");
        assert_eq!(item_path("$.teams", 3), "$.teams[3]");
        assert_eq!(param_path("now"), "$.now");
    }
}
