//! The registry's teams, held so that a registry with a few teams described anew
//! ([`Registry::replace_teams`](super::Registry::replace_teams)) shares every other one.
//!
//! Each team is behind its own `Arc`, and the pointers are kept [`Chunked`]: a new registry
//! value copies the chunk pointers and the chunks its changed teams fall in. One `Arc` per team
//! alone made every new value touch (and every dropped value touch again) the counter of each
//! of the country's 21,000 teams, each on its own cache line: half a millisecond of a
//! `_history` bundle's budget of five.

use std::sync::Arc;

use super::chunked::Chunked;
use super::model::Team;

#[derive(Debug, Clone, Default)]
pub(crate) struct TeamStore(Chunked<Arc<Team>>);

impl TeamStore {
    pub fn new(teams: Vec<Team>) -> Self {
        Self(Chunked::new(teams.into_iter().map(Arc::new).collect()))
    }

    /// The team at a position.
    ///
    /// # Panics
    /// When `i` is not a position of the store.
    pub fn get(&self, i: usize) -> &Team {
        self.0.get(i)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The store with teams replaced, by ascending position (each position once).
    pub fn with(&self, changes: impl IntoIterator<Item = (usize, Team)>) -> Self {
        Self(self.0.with(changes, |slot, team| *slot = Arc::new(team)))
    }
}

/// The teams of a registry, in document order ([`Registry::teams`](super::Registry::teams)): a
/// view that iterates, counts and indexes like a slice of teams.
///
/// Indexing borrows the view (`registry.teams()[i]`, as a slice would); a reference that must
/// outlive the expression is [`Teams::get`] or [`Registry::team_at`](super::Registry::team_at).
#[derive(Clone, Copy)]
pub struct Teams<'a> {
    store: &'a TeamStore,
}

impl<'a> Teams<'a> {
    pub(crate) fn of(store: &'a TeamStore) -> Self {
        Self { store }
    }

    /// How many teams.
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.store.len() == 0
    }

    /// The team at a position, if there is one.
    pub fn get(&self, i: usize) -> Option<&'a Team> {
        (i < self.store.len()).then(|| self.store.get(i))
    }

    /// The first team.
    pub fn first(&self) -> Option<&'a Team> {
        self.get(0)
    }

    /// The last team.
    pub fn last(&self) -> Option<&'a Team> {
        self.store.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Every team, in order.
    pub fn iter(&self) -> TeamsIter<'a> {
        TeamsIter { store: self.store, front: 0, back: self.store.len() }
    }
}

impl std::ops::Index<usize> for Teams<'_> {
    type Output = Team;

    fn index(&self, i: usize) -> &Team {
        self.store.get(i)
    }
}

impl<'a> IntoIterator for Teams<'a> {
    type Item = &'a Team;
    type IntoIter = TeamsIter<'a>;

    fn into_iter(self) -> TeamsIter<'a> {
        self.iter()
    }
}

impl PartialEq for Teams<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Teams<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The teams of a [`Teams`] view, in order.
#[derive(Clone, Debug)]
pub struct TeamsIter<'a> {
    store: &'a TeamStore,
    front: usize,
    back: usize,
}

impl<'a> Iterator for TeamsIter<'a> {
    type Item = &'a Team;

    fn next(&mut self) -> Option<&'a Team> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.store.get(self.front - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.back - self.front, Some(self.back - self.front))
    }
}

impl DoubleEndedIterator for TeamsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.store.get(self.back)
        })
    }
}

impl ExactSizeIterator for TeamsIter<'_> {}

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
        let names: Vec<&str> = Teams::of(&next).iter().map(|t| t.name.as_str()).collect();
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
        assert_eq!(Teams::of(&store).iter().next_back().map(|t| t.name.as_str()), Some("t39"));
        assert_eq!(Teams::of(&store).iter().len(), 40);
        assert_eq!(Teams::of(&store).get(40), None);
        assert_eq!(Teams::of(&TeamStore::default()).last(), None);
    }
}
