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
    /// Builds the index from (position, touched PC4s) pairs; positions come out ascending.
    pub fn build<I, P>(items: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: IntoIterator<Item = Pc4>,
    {
        let mut pairs: Vec<(u16, u32)> = Vec::new();
        for (pos, touched) in items.into_iter().enumerate() {
            pairs.extend(touched.into_iter().map(|p| (p.get() - Pc4::MIN, pos as u32)));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut offsets = vec![0u32; SLOTS + 1];
        for (slot, _) in &pairs {
            offsets[*slot as usize + 1] += 1;
        }
        for i in 0..SLOTS {
            offsets[i + 1] += offsets[i];
        }
        Self { offsets, entries: pairs.into_iter().map(|(_, pos)| pos).collect() }
    }

    /// Positions touching this PC4, ascending.
    pub fn get(&self, pc4: Pc4) -> &[u32] {
        let slot = (pc4.get() - Pc4::MIN) as usize;
        &self.entries[self.offsets[slot] as usize..self.offsets[slot + 1] as usize]
    }

    pub fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.entries.capacity() * 4
    }
}
