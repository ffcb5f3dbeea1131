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

    /// A set of PC4 slots (bit `pc4 - 1000`), none marked: what [`Self::with_changed`] is told
    /// the touched slots in.
    pub fn no_slots() -> Vec<u64> {
        vec![0u64; SLOTS.div_ceil(64)]
    }

    /// Marks `pc4`'s slot in a set made by [`Self::no_slots`].
    pub fn mark_slot(slots: &mut [u64], pc4: Pc4) {
        let slot = (pc4.get() - Pc4::MIN) as usize;
        slots[slot / 64] |= 1 << (slot % 64);
    }

    /// The index with the positions marked in `changed` (bit `p` of the words: position `p`)
    /// taken out, every other position `p` moved to `moved(p)` (which keeps their order: the
    /// positions after removed ones move up), and the `added` (PC4, position, bit) triples put
    /// in (sorted, no repeats, positions after the moves), with the bits kept beside the
    /// entries (`bits`: one per entry of `self`) carried along. `touched` marks the PC4 slots
    /// where the changed positions were or are: every other slot is moved as a block. What a
    /// change of a few teams costs instead of a build over all teams: one pass over the
    /// entries and their bits.
    pub fn with_changed(
        &self,
        bits: &[u64],
        changed: &[u64],
        touched: &[u64],
        added: &[(Pc4, u32, bool)],
        moved: impl Fn(u32) -> u32,
    ) -> (Self, Vec<u64>) {
        let marked = |words: &[u64], i: usize| words.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0);
        let mut offsets = Vec::with_capacity(SLOTS + 1);
        offsets.push(0u32);
        let mut entries = Vec::with_capacity(self.entries.len() + added.len());
        let mut new_bits = BitList { words: Vec::with_capacity(bits.len() + 1), len: 0 };
        let mut add = added.iter().peekable();
        let mut slot = 0;
        while slot < SLOTS {
            if !marked(touched, slot) {
                // A run of untouched slots: their entries moved and their bits copied as one
                // block, their offsets moved by what the slots before them gained or lost.
                let mut run_end = slot + 1;
                while run_end < SLOTS && !marked(touched, run_end) {
                    run_end += 1;
                }
                let (from, to) = (self.offsets[slot] as usize, self.offsets[run_end] as usize);
                let base = entries.len();
                entries.extend(self.entries[from..to].iter().map(|&t| moved(t)));
                new_bits.extend_from(bits, from, to - from);
                offsets.extend(self.offsets[slot + 1..=run_end].iter().map(|&o| (o as usize - from + base) as u32));
                slot = run_end;
                continue;
            }
            let (mut k, end) = (self.offsets[slot] as usize, self.offsets[slot + 1] as usize);
            let pc4 = Pc4::new(slot as u16 + Pc4::MIN).expect("inside the slot range");
            loop {
                let old = (k < end).then(|| moved(self.entries[k]));
                let new = add.peek().filter(|(p, _, _)| *p == pc4).map(|(_, t, _)| *t);
                let take_old = match (old, new) {
                    (None, None) => break,
                    (Some(o), Some(n)) => o < n,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                };
                if take_old {
                    if !marked(changed, self.entries[k] as usize) {
                        entries.push(moved(self.entries[k]));
                        new_bits.push(marked(bits, k));
                    }
                    k += 1;
                } else if let Some(&(_, n, bit)) = add.next() {
                    entries.push(n);
                    new_bits.push(bit);
                }
            }
            offsets.push(entries.len() as u32);
            slot += 1;
        }
        (Self { offsets, entries }, new_bits.words)
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

/// Bits appended one by one or as runs of another list's bits.
struct BitList {
    words: Vec<u64>,
    len: usize,
}

impl BitList {
    fn push(&mut self, bit: bool) {
        if self.len % 64 == 0 {
            self.words.push(0);
        }
        if bit {
            *self.words.last_mut().expect("pushed above") |= 1 << (self.len % 64);
        }
        self.len += 1;
    }

    /// Appends bits `start..start + n` of `src`, in pieces that cross no word boundary of
    /// either list.
    fn extend_from(&mut self, src: &[u64], start: usize, n: usize) {
        let mut done = 0;
        while done < n {
            let from = start + done;
            let take = (n - done).min(64 - self.len % 64).min(64 - from % 64);
            let word = src[from / 64] >> (from % 64);
            let piece = if take == 64 { word } else { word & ((1u64 << take) - 1) };
            if self.len % 64 == 0 {
                self.words.push(0);
            }
            *self.words.last_mut().expect("pushed above") |= piece << (self.len % 64);
            self.len += take;
            done += take;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bits of a list, one bool each.
    fn bools(words: &[u64], n: usize) -> Vec<bool> {
        (0..n).map(|i| words[i / 64] >> (i % 64) & 1 != 0).collect()
    }

    #[test]
    fn runs_of_bits_append_as_the_bits_one_by_one() {
        let src: Vec<u64> = (0..5u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
        for (start, n, prefix) in [(0, 320, 0), (3, 200, 5), (63, 2, 63), (64, 64, 1), (10, 0, 7), (1, 250, 64)] {
            let mut fast = BitList { words: Vec::new(), len: 0 };
            let mut slow = BitList { words: Vec::new(), len: 0 };
            for i in 0..prefix {
                fast.push(i % 3 == 0);
                slow.push(i % 3 == 0);
            }
            fast.extend_from(&src, start, n);
            for i in start..start + n {
                slow.push(src[i / 64] >> (i % 64) & 1 != 0);
            }
            assert_eq!(fast.len, slow.len);
            assert_eq!(bools(&fast.words, fast.len), bools(&slow.words, slow.len), "{start} {n} {prefix}");
        }
    }
}
