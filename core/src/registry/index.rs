//! The postcode index: PC4 -> teams (and coordination points) whose area touches it.
//!
//! Stored as one offsets array over all 9,000 PC4 numbers and one flat list of team positions
//! (compressed sparse rows): two allocations for the whole country, cache-friendly lookups.

use crate::ids::Pc4;

#[derive(Debug, Clone)]
pub(crate) struct Pc4Index {
    offsets: Vec<u32>,
    entries: Vec<u32>,
}

const SLOTS: usize = (Pc4::MAX - Pc4::MIN) as usize + 1;

impl Pc4Index {
    /// Builds the index from (position, touched PC4s) pairs; positions come out ascending. A
    /// counting sort over the 9,000 slots: linear in the pairs, whatever their number.
    pub fn build<I, P>(items: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: IntoIterator<Item = Pc4>,
    {
        let mut pairs: Vec<(u16, u32)> = Vec::new();
        for (pos, touched) in items.into_iter().enumerate() {
            pairs.extend(touched.into_iter().map(|p| (p.get() - Pc4::MIN, pos as u32)));
        }
        let mut offsets = vec![0u32; SLOTS + 1];
        for (slot, _) in &pairs {
            offsets[*slot as usize + 1] += 1;
        }
        for i in 0..SLOTS {
            offsets[i + 1] += offsets[i];
        }
        // Stable placement keeps each slot's positions ascending; one item touching a PC4 twice
        // (a whole PC4 and a street in it) leaves adjacent repeats, removed below.
        let mut next = offsets.clone();
        let mut entries = vec![0u32; pairs.len()];
        for (slot, pos) in pairs {
            let at = &mut next[slot as usize];
            entries[*at as usize] = pos;
            *at += 1;
        }
        let mut compact = Vec::with_capacity(entries.len());
        let mut new_offsets = vec![0u32; SLOTS + 1];
        for slot in 0..SLOTS {
            let run = &entries[offsets[slot] as usize..offsets[slot + 1] as usize];
            for (k, pos) in run.iter().enumerate() {
                if k == 0 || run[k - 1] != *pos {
                    compact.push(*pos);
                }
            }
            new_offsets[slot + 1] = compact.len() as u32;
        }
        Self { offsets: new_offsets, entries: compact }
    }

    /// The index with the positions marked in `changed` (bit `p` of the words: position `p`)
    /// taken out and the `added` (PC4, position) pairs put in (sorted, no repeats, positions
    /// all marked in `changed`). `entry` is told each entry of the new index, in order: the
    /// entry of `self` it was kept from, if any, its PC4 and its position. Linear in the
    /// entries: what a change of a few teams' areas costs instead of a build over all teams.
    pub fn with_changed(
        &self,
        changed: &[u64],
        added: &[(Pc4, u32)],
        mut entry: impl FnMut(Option<usize>, Pc4, u32),
    ) -> Self {
        let is_changed = |p: u32| changed.get(p as usize / 64).is_some_and(|w| w >> (p % 64) & 1 != 0);
        let mut offsets = Vec::with_capacity(SLOTS + 1);
        offsets.push(0u32);
        let mut entries = Vec::with_capacity(self.entries.len() + added.len());
        let mut add = added.iter().peekable();
        for slot in 0..SLOTS {
            let pc4 = Pc4::new(slot as u16 + Pc4::MIN).expect("inside the slot range");
            let (mut k, end) = (self.offsets[slot] as usize, self.offsets[slot + 1] as usize);
            loop {
                let old = (k < end).then(|| self.entries[k]);
                let new = add.peek().filter(|(p, _)| *p == pc4).map(|(_, t)| *t);
                let take_old = match (old, new) {
                    (None, None) => break,
                    (Some(o), Some(n)) => o < n,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                };
                if take_old {
                    let o = self.entries[k];
                    k += 1;
                    if !is_changed(o) {
                        entries.push(o);
                        entry(Some(k - 1), pc4, o);
                    }
                } else if let Some(&(_, n)) = add.next() {
                    entries.push(n);
                    entry(None, pc4, n);
                }
            }
            offsets.push(entries.len() as u32);
        }
        Self { offsets, entries }
    }

    /// Positions touching this PC4, ascending.
    pub fn get(&self, pc4: Pc4) -> &[u32] {
        &self.entries[self.range(pc4)]
    }

    /// Where this PC4's positions are in [`Self::entries`], so that data kept beside each entry
    /// (the registry's whole-PC4 flags) can be read with the same offsets.
    pub fn range(&self, pc4: Pc4) -> std::ops::Range<usize> {
        let slot = (pc4.get() - Pc4::MIN) as usize;
        self.offsets[slot] as usize..self.offsets[slot + 1] as usize
    }

    /// Every entry, PC4 by PC4, with the PC4 of each: what per-entry data is computed from.
    pub fn iter_slots(&self) -> impl Iterator<Item = (Pc4, &[u32])> + '_ {
        (0..SLOTS).map(|slot| {
            let pc4 = Pc4::new(slot as u16 + Pc4::MIN).expect("inside the slot range");
            (pc4, &self.entries[self.offsets[slot] as usize..self.offsets[slot + 1] as usize])
        })
    }

    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.entries.capacity() * 4
    }
}
