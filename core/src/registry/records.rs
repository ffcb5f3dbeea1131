//! The registry's teams and organisations, held so that a registry with a few of them described
//! anew ([`Registry::replace_teams`](super::Registry::replace_teams),
//! [`Registry::replace_organisations`](super::Registry::replace_organisations)) shares every
//! other one.
//!
//! Each record is behind its own `Arc`, and the pointers are kept [`Chunked`]: a new registry
//! value copies the chunk pointers and the chunks its changed records fall in. One `Arc` per team
//! alone made every new value touch (and every dropped value touch again) the counter of each
//! of the country's 21,000 teams, each on its own cache line: half a millisecond of a
//! `_history` bundle's budget of five; a plain list of the 4,800 organisations made every new
//! value clone them all (8 ms).

use std::sync::Arc;

use super::chunked::Chunked;
use super::model::{Organisation, Team};

#[derive(Debug)]
pub(crate) struct Store<T>(Chunked<Arc<T>>);

/// The teams of a registry.
pub(crate) type TeamStore = Store<Team>;
/// The organisations of a registry.
pub(crate) type OrganisationStore = Store<Organisation>;

impl<T> Clone for Store<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Self(Chunked::default())
    }
}

impl<T> Store<T> {
    pub fn new(records: Vec<T>) -> Self {
        Self(Chunked::new(records.into_iter().map(Arc::new).collect()))
    }

    /// The record at a position.
    ///
    /// # Panics
    /// When `i` is not a position of the store.
    pub fn get(&self, i: usize) -> &T {
        self.0.get(i)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The store with records replaced, by ascending position (each position once).
    pub fn with(&self, changes: impl IntoIterator<Item = (usize, T)>) -> Self {
        Self(self.0.with(changes, |slot, record| *slot = Arc::new(record)))
    }

    /// The store without the records at `gone` (ascending, each once).
    pub fn removed(&self, gone: &[usize]) -> Self {
        Self(self.0.removed(gone))
    }

    /// The store with records added after the last.
    pub fn appended(&self, records: Vec<T>) -> Self {
        Self(self.0.appended(records.into_iter().map(Arc::new).collect()))
    }
}

/// The teams of a registry, in document order ([`Registry::teams`](super::Registry::teams)).
pub type Teams<'a> = Records<'a, Team>;
/// The teams of a [`Teams`] view, in order.
pub type TeamsIter<'a> = RecordsIter<'a, Team>;
/// The organisations of a registry, in document order
/// ([`Registry::organisations`](super::Registry::organisations)).
pub type Organisations<'a> = Records<'a, Organisation>;

/// Records of a registry (its [`Teams`] or [`Organisations`]), in document order: a view that
/// iterates, counts and indexes like a slice.
///
/// Indexing borrows the view (`registry.teams()[i]`, as a slice would); a reference that must
/// outlive the expression is [`Records::get`] or [`Registry::team_at`](super::Registry::team_at).
pub struct Records<'a, T> {
    store: &'a Store<T>,
}

impl<T> Clone for Records<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Records<'_, T> {}

impl<'a, T> Records<'a, T> {
    pub(crate) fn of(store: &'a Store<T>) -> Self {
        Self { store }
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.store.len() == 0
    }

    /// The record at a position, if there is one.
    pub fn get(&self, i: usize) -> Option<&'a T> {
        (i < self.store.len()).then(|| self.store.get(i))
    }

    /// The first record.
    pub fn first(&self) -> Option<&'a T> {
        self.get(0)
    }

    /// The last record.
    pub fn last(&self) -> Option<&'a T> {
        self.store.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Every record, in order.
    pub fn iter(&self) -> RecordsIter<'a, T> {
        RecordsIter { store: self.store, front: 0, back: self.store.len() }
    }
}

impl<T> std::ops::Index<usize> for Records<'_, T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        self.store.get(i)
    }
}

impl<'a, T> IntoIterator for Records<'a, T> {
    type Item = &'a T;
    type IntoIter = RecordsIter<'a, T>;

    fn into_iter(self) -> RecordsIter<'a, T> {
        self.iter()
    }
}

impl<T: PartialEq> PartialEq for Records<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Records<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The records of a [`Records`] view, in order.
pub struct RecordsIter<'a, T> {
    store: &'a Store<T>,
    front: usize,
    back: usize,
}

impl<T> Clone for RecordsIter<'_, T> {
    fn clone(&self) -> Self {
        Self { store: self.store, front: self.front, back: self.back }
    }
}

impl<T> std::fmt::Debug for RecordsIter<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordsIter").field("front", &self.front).field("back", &self.back).finish()
    }
}

impl<'a, T> Iterator for RecordsIter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.store.get(self.front - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.back - self.front, Some(self.back - self.front))
    }
}

impl<T> DoubleEndedIterator for RecordsIter<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.store.get(self.back)
        })
    }
}

impl<T> ExactSizeIterator for RecordsIter<'_, T> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(name: &str) -> Team {
        Team {
            id: crate::ids::Id::parse(name).unwrap(),
            organisation: crate::ids::Id::parse("o").unwrap(),
            name: name.to_owned(),
            area: Default::default(),
            care_types: crate::codes::CodeSet::empty(),
            max_nurse_level: crate::codes::NurseLevel::Level3,
            times_of_day: crate::codes::CodeSet::empty(),
            languages: crate::codes::CodeSet::empty(),
            contacts: Vec::new(),
        }
    }

    #[test]
    fn replacing_copies_the_chunks_it_touches_and_shares_the_rest() {
        let store = TeamStore::new((0..40).map(|i| team(&format!("t{i}"))).collect());
        let next = store.with([(3, team("x")), (17, team("y")), (18, team("z"))]);
        let names: Vec<&str> = Records::of(&next).iter().map(|t| t.name.as_str()).collect();
        let mut want: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
        want[3] = "x".into();
        want[17] = "y".into();
        want[18] = "z".into();
        assert_eq!(names, want);
        // The untouched chunk (teams 32..40) is the same allocation; the touched ones are not.
        assert!(store.0.shares_chunk(&next.0, 2));
        assert!(!store.0.shares_chunk(&next.0, 0));
        // An untouched team of a touched chunk is the same team.
        assert!(std::ptr::eq(store.get(4), next.get(4)));
        assert_eq!(Records::of(&store).iter().next_back().map(|t| t.name.as_str()), Some("t39"));
        assert_eq!(Records::of(&store).iter().len(), 40);
        assert_eq!(Records::of(&store).get(40), None);
        assert_eq!(Records::of(&TeamStore::default()).last(), None);
    }
}
