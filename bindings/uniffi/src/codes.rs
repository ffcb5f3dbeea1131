//! The code listing: every code of a kind with its labels. The code enums themselves are the
//! core's (`CareType`, `ExclusionReason`, ...), each with `code()`, `labelNl()` and `labelEn()`.

use wijknet::codes::KindName as CodeKind;

/// A code with its Dutch and English labels, for pick lists and reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct CodeLabel {
    /// The stable snake_case code, for example `wound_care`.
    pub code: String,
    /// Dutch label, as professionals say it.
    pub label_nl: String,
    /// English label.
    pub label_en: String,
    /// Stable small number (the position in the list), equal to the Kotlin `ordinal`.
    pub index: i32,
}

/// Every code of a kind with its labels, in stable order.
#[uniffi::export]
pub fn code_list(kind: CodeKind) -> Vec<CodeLabel> {
    kind.kind()
        .codes
        .iter()
        .zip(0..)
        .map(|(c, index)| CodeLabel {
            code: c.code.to_owned(),
            label_nl: c.label_nl.to_owned(),
            label_en: c.label_en.to_owned(),
            index,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wijknet::codes::KINDS;

    #[test]
    fn every_kind_lists_every_core_code_in_order() {
        for (kind, table) in
            [CodeKind::CareType, CodeKind::ExclusionReason, CodeKind::MandateOutcome, CodeKind::Weekday]
                .into_iter()
                .zip(["care_type", "exclusion_reason", "mandate_outcome", "weekday"])
        {
            let list = code_list(kind);
            let core = KINDS.iter().find(|k| k.name == table).unwrap();
            assert_eq!(list.len(), core.codes.len());
            for (i, c) in list.iter().enumerate() {
                assert_eq!(c.index as usize, i);
                assert_eq!(c.code, core.codes[i].code);
            }
        }
        assert_eq!(wijknet::CareType::WoundCare.code_text(), "wound_care");
        assert_eq!(wijknet::CareType::WoundCare.label_nl_text(), "wondzorg");
    }
}
