//! Stable integer codes: lookups between integers, string codes and Dutch/English labels for
//! every kind of the core's code table (`wijknet::codes::KINDS`).
//!
//! The integer of a code is its position in the core's table, which the core never reorders. The
//! C enums of every kind (and of the kinds themselves) are generated from that table into
//! `generated.rs`; nothing here lists codes by hand.

use std::ffi::{CString, c_char};
use std::sync::OnceLock;

use wijknet_core::codes::KINDS as CORE_KINDS;

use crate::error::Fail;
use crate::ffi::{Put, text, to, wijknet_str};
pub use crate::generated::*;

/// Which label `wijknet_code_label` returns.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum wijknet_label_language {
    /// Dutch, as professionals say it.
    Dutch = 0,
    /// English.
    English = 1,
}

/// NUL-terminated copies of every code and label, made once: the host gets static strings.
type CRow = [CString; 3];
static TABLES: OnceLock<Vec<Vec<CRow>>> = OnceLock::new();

fn tables() -> &'static [Vec<CRow>] {
    TABLES.get_or_init(|| {
        CORE_KINDS
            .iter()
            .map(|k| {
                k.codes
                    .iter()
                    .map(|c| [c.code, c.label_nl, c.label_en].map(|s| CString::new(s).expect("codes have no NUL")))
                    .collect()
            })
            .collect()
    })
}

fn kind_rows(kind: u32) -> Result<&'static [CRow], Fail> {
    tables()
        .get(kind as usize)
        .map(Vec::as_slice)
        .ok_or_else(|| Fail::argument("kind", format!("expected a `wijknet_code_kind` value below {}", tables().len())))
}

fn row(kind: u32, index: u32) -> Result<&'static CRow, Fail> {
    let rows = kind_rows(kind)?;
    rows.get(index as usize).ok_or_else(|| {
        Fail::argument("index", format!("expected an index below the count of the kind's codes, {}", rows.len()))
    })
}

/// Number of codes of a kind (`wijknet_code_kind` value); valid indexes are `0..count`.
///
/// Errors: `INVALID_ARGUMENT` for an unknown kind; `NULL_ARGUMENT` if `out_count` is NULL.
///
/// # Safety
/// `out_count` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_code_count(kind: u32, out_count: *mut usize) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Put(out_count, "out_count")) }.make(|| Ok(kind_rows(kind)?.len()))
}

/// The stable string code (`"wound_care"`) of integer `index` in `kind`.
///
/// Ownership: the text is static (also NUL-terminated) and never freed. Errors:
/// `INVALID_ARGUMENT` for an unknown kind or index; `NULL_ARGUMENT` if `out_code` is NULL.
///
/// # Safety
/// `out_code` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_code_name(kind: u32, index: u32, out_code: *mut wijknet_str) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Put(out_code, "out_code")) }.make(|| Ok(wijknet_str::of_c(&row(kind, index)?[0])))
}

/// The Dutch or English label of integer `index` in `kind` (`language` is a
/// `wijknet_label_language` value).
///
/// Ownership: static (also NUL-terminated), never freed. Errors: `INVALID_ARGUMENT` for an
/// unknown kind, index or language; `NULL_ARGUMENT` if `out_label` is NULL.
///
/// # Safety
/// `out_label` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_code_label(
    kind: u32,
    index: u32,
    language: u32,
    out_label: *mut wijknet_str,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Put(out_label, "out_label")) }.make(|| {
        let r = row(kind, index)?;
        let s = match language {
            0 => &r[1],
            1 => &r[2],
            _ => {
                return Err(Fail::argument(
                    "language",
                    "expected a `wijknet_label_language` value (0 Dutch, 1 English)",
                ));
            }
        };
        Ok(wijknet_str::of_c(s))
    })
}

/// The integer of string code `code` (`code_len` bytes of UTF-8) in `kind`.
///
/// Errors: `NOT_FOUND` when the kind has no such code; `INVALID_ARGUMENT` for an unknown kind;
/// `NULL_ARGUMENT`; `INVALID_UTF8`.
///
/// # Safety
/// `code` must be NULL or point to `code_len` readable bytes; `out_index` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wijknet_code_index(
    kind: u32,
    code: *const c_char,
    code_len: usize,
    out_index: *mut u32,
) -> wijknet_result {
    // SAFETY: forwarded from the caller.
    unsafe { to(Put(out_index, "out_index")) }.make(|| {
        // SAFETY: forwarded from the caller.
        let code = unsafe { text(code, code_len, "code") }?;
        let i = kind_rows(kind)?
            .iter()
            .position(|r| r[0].as_bytes() == code.as_bytes())
            .ok_or_else(|| Fail::new(wijknet_result::NotFound, "`code` is not a code of this kind"))?;
        Ok(i as u32)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_table_and_kinds_end_at_kinds() {
        assert_eq!(tables().len(), CORE_KINDS.len());
        assert!(kind_rows(CORE_KINDS.len() as u32).is_err());
        assert_eq!(kind_rows(wijknet_code_kind::FindingCode as u32).unwrap()[0][0].to_str().unwrap(), "night_gap");
        assert_eq!(kind_rows(wijknet_code_kind::Weekday as u32).unwrap().len(), 7);
    }

    #[test]
    fn generated_enums_follow_the_core() {
        use wijknet_core::CareType;
        assert_eq!(wijknet_care_type::WoundCare as u8, CareType::WoundCare.index());
        assert_eq!(wijknet_offer_status::Failed as usize + 1, wijknet_core::referral::OfferStatus::ALL.len());
        assert_eq!(wijknet_code_kind::VisitMoment as usize + 1, CORE_KINDS.len());
    }
}
