//! A list of codes of one kind read straight into its set ([`CodeList`]), keeping what was wrong
//! with it by position, so that a check reports the same problems as [`Checker::codes`] does for
//! a list of texts, without holding the texts.
//!
//! Why: a consent store's provisions name their roles, categories and purposes as short lists of
//! codes, three lists in each of a region's million provisions. Read as lists of texts, each was
//! a small allocation made, filled, looked at once and freed (issue 12).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

use super::Checker;
use crate::codes::{Code, CodeSet, UnknownCode};

/// See the module documentation. Reads as a JSON array of strings, with the errors a list of
/// texts has (an element that is not a string, a list that is not an array).
#[derive(Debug, Clone)]
pub(crate) struct CodeList<T> {
    set: CodeSet<T>,
    len: u32,
    /// The entries that are not a new known code, in order: at their position, an unknown code
    /// or the code repeated. Boxed, as it is nearly always empty: a list is 16 bytes, so that
    /// the structs holding three of them stay small to move.
    wrong: Option<Box<Wrongs<T>>>,
}

/// At their positions in the list, the entries that are not a new known code.
type Wrongs<T> = Vec<(u32, Wrong<T>)>;

#[derive(Debug, Clone)]
enum Wrong<T> {
    Unknown(UnknownCode),
    Repeated(T),
}

impl<T> CodeList<T> {
    /// Whether the list names nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Checker<'_> {
    /// A list of codes of one kind as read, each known and at most once: its problems, as
    /// [`Checker::codes`] words and places them, and the set, when there were none.
    pub fn code_list<T: Code + fmt::Display>(
        &mut self,
        path: impl fmt::Display + Copy,
        list: &CodeList<T>,
    ) -> Option<CodeSet<T>> {
        for (i, wrong) in list.wrong.iter().flat_map(|w| w.iter()) {
            match wrong {
                Wrong::Unknown(e) => self.push(format_args!("{path}[{i}]"), e),
                Wrong::Repeated(c) => self.push(format_args!("{path}[{i}]"), format_args!("duplicate code `{c}`")),
            }
        }
        list.wrong.is_none().then_some(list.set)
    }
}

/// Written as the codes of its set, in their canonical order (so that a schema can show a
/// field's default, as for [`super::Text`]).
impl<T: Code + fmt::Display> serde::Serialize for CodeList<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.set.iter().map(|c| c.to_string()))
    }
}

impl<'de, T: Code + FromStr<Err = UnknownCode>> Deserialize<'de> for CodeList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct List<T>(PhantomData<T>);
        impl<'de, T: Code + FromStr<Err = UnknownCode>> Visitor<'de> for List<T> {
            type Value = CodeList<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CodeList<T>, A::Error> {
                let mut list = CodeList { set: CodeSet::empty(), len: 0, wrong: None };
                while let Some(Entry(code)) = seq.next_element::<Entry<T>>()? {
                    let wrong = match code {
                        Ok(c) if list.set.contains(c) => Wrong::Repeated(c),
                        Ok(c) => {
                            list.set.insert(c);
                            list.len = list.len.saturating_add(1);
                            continue;
                        }
                        Err(e) => Wrong::Unknown(e),
                    };
                    list.wrong.get_or_insert_with(Box::default).push((list.len, wrong));
                    // The strict reader bounds a list far below u32::MAX entries.
                    list.len = list.len.saturating_add(1);
                }
                Ok(list)
            }
        }
        d.deserialize_seq(List(PhantomData))
    }
}

/// One entry: a string, the code it names or why it names none.
struct Entry<T>(Result<T, UnknownCode>);

impl<'de, T: FromStr<Err = UnknownCode>> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text<T>(PhantomData<T>);
        impl<T: FromStr<Err = UnknownCode>> Visitor<'_> for Text<T> {
            type Value = Entry<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry<T>, E> {
                Ok(Entry(v.parse()))
            }
        }
        d.deserialize_str(Text(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::CareType;
    use crate::error::Problems;
    use crate::input::Text;

    /// The same problems, in the same order, as a list of texts checked one by one.
    #[test]
    fn a_code_list_has_the_problems_of_its_texts() {
        let lists = [
            r#"["personal_care"]"#,
            r#"["personal_care", "nursing", "personal_care", "dentist", "nursing", "", "Personal_Care"]"#,
            r#"["x", "x"]"#,
            r#"[]"#,
        ];
        for json in lists {
            let texts: Vec<Text<'_>> = serde_json::from_str(json).unwrap();
            let codes: CodeList<CareType> = serde_json::from_str(json).unwrap();
            let (mut a, mut b) = (Problems::new(), Problems::new());
            let set = Checker { problems: &mut a }.codes("$.l", &texts, CareType::from_code);
            let valid = set.len() == texts.len();
            let from_list = Checker { problems: &mut b }.code_list("$.l", &codes);
            assert_eq!(a.into_vec(), b.into_vec(), "{json}");
            assert_eq!(valid.then_some(set), from_list, "{json}");
            assert_eq!(codes.is_empty(), texts.is_empty());
        }
        assert!(serde_json::from_str::<CodeList<CareType>>(r#"[1]"#).is_err());
        assert!(serde_json::from_str::<CodeList<CareType>>(r#""nursing""#).is_err());
    }
}
