//! What a binding's own messages and error fields may repeat of an input: the core's rule
//! (`wijknet::input::shown`, which the core keeps private), in one copy that every binding
//! includes with `#[path = "../../shared/redact.rs"] mod redact;` (the including crate names the
//! core `core_api` at its root).
//!
//! - A message never repeats a value: it says what was expected, and where.
//! - An id that a message must name to be useful is shown in backticks, cut to
//!   `wijknet::limits::SHOWN_ID_PREFIX` characters; text that is not id-shaped
//!   (`A-Z a-z 0-9 . _ : -`), or that looks like a citizen service number or a date of birth
//!   (six digits in a row, a date written with dashes), is not shown at all.
//! - A key of a dict or map in a path follows the same rule: `$.free_places.nursing`, but
//!   `$.free_places[(not shown)]` for a key like `Jantje Pietersen`.
//!
//! Keep this in step with `core/src/input/mod.rs` (`is_id_text`, `looks_personal`, `Shown`) and
//! `core/src/input/path.rs` (`Seg::MapKey`); the tests below pin the shared cases.
#![allow(dead_code)]

use crate::core_api::limits::SHOWN_ID_PREFIX;

/// What a message shows instead of a value it may not repeat.
pub const NOT_SHOWN: &str = "(not shown)";

/// Whether text has the shape of a record id (`A-Z a-z 0-9 . _ : -`).
pub fn is_id_text(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// Whether id-shaped text may carry personal data: a run of six or more digits (a BSN, a date of
/// birth written `20110901` or `010911`) or a date written with dashes (`2011-09-01`,
/// `01-09-2011`).
pub fn looks_personal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut run = 0;
    for &c in b {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        if run >= 6 {
            return true;
        }
    }
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let dash = |i: usize| b.get(i) == Some(&b'-');
    (0..b.len()).any(|i| {
        let ymd = (0..4).all(|k| digit(i + k)) && dash(i + 4) && digit(i + 5) && digit(i + 6) && dash(i + 7);
        let dmy =
            digit(i) && digit(i + 1) && dash(i + 2) && digit(i + 3) && digit(i + 4) && dash(i + 5) && digit(i + 6);
        ymd || dmy
    })
}

/// An id as an error field may carry it, without backticks: the id itself when short, its first
/// characters and `…` when long, [`NOT_SHOWN`] when it is not id-shaped or looks personal.
pub fn bare_id(s: &str) -> String {
    if !is_id_text(s) || looks_personal(s) {
        return NOT_SHOWN.to_owned();
    }
    match s.char_indices().nth(SHOWN_ID_PREFIX) {
        None => s.to_owned(),
        Some((cut, _)) => format!("{}…", &s[..cut]),
    }
}

/// An id as a message shows it: in backticks and cut short, or [`NOT_SHOWN`] (see [`bare_id`]).
pub fn shown(s: &str) -> String {
    match bare_id(s) {
        b if b == NOT_SHOWN => b,
        b => format!("`{b}`"),
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
mod redact_tests {
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
        assert_eq!(member_path("$.x", "Jantje-Pietersen-1"), "$.x[`Jantje-Piete…`]");
        assert_eq!(item_path("$.teams", 3), "$.teams[3]");
        assert_eq!(param_path("now"), "$.now");
    }
}
