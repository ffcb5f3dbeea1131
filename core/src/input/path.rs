//! Where a value is in a document, as a chain of stack frames: building it costs nothing, and
//! text is made only when a problem is reported.

use std::fmt;

use super::shown;

/// One step of a path; `Root` is the document (`$`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Seg<'a> {
    /// The document itself.
    Root,
    /// A field of a struct: the name is the schema's own.
    Key(&'a Seg<'a>, &'a str),
    /// A key of a free-form object (a map keyed by codes): input text, so shown only as an id
    /// prefix would be.
    MapKey(&'a Seg<'a>, &'a str),
    /// An item of a list.
    Index(&'a Seg<'a>, usize),
}

impl fmt::Display for Seg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seg::Root => f.write_str("$"),
            Seg::Key(parent, key) => write!(f, "{parent}.{key}"),
            Seg::MapKey(parent, key) => {
                if super::is_id_text(key) && key.len() <= super::SHOWN_PREFIX && !super::looks_personal(key) {
                    write!(f, "{parent}.{key}")
                } else {
                    write!(f, "{parent}[{}]", shown(key))
                }
            }
            Seg::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_jsonpath() {
        let root = Seg::Root;
        let teams = Seg::Key(&root, "teams");
        let third = Seg::Index(&teams, 3);
        let free = Seg::Key(&third, "free_places");
        assert_eq!(Seg::MapKey(&free, "nursing").to_string(), "$.teams[3].free_places.nursing");
        assert_eq!(Seg::MapKey(&free, "Jantje Pietersen").to_string(), "$.teams[3].free_places[(not shown)]");
        assert_eq!(root.to_string(), "$");
    }
}
