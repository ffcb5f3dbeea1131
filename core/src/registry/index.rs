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
