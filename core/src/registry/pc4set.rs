//! A set of PC4 areas of bounded size, whatever its description repeats.
//!
//! A service area may be written as lists of PC4 codes, ranges and whole municipalities that
//! overlap or repeat. Collecting them into a bitset over the 9,000 possible PC4 numbers costs at
//! most 141 words per range and never more memory than one bitset, so a hostile area (the whole
//! country listed ten thousand times) is as cheap as an honest one. Small sets are kept as a
//! sorted list, which is what nearly every real team has.

use std::fmt;

use crate::ids::Pc4;

const SLOTS: usize = (Pc4::MAX - Pc4::MIN) as usize + 1;
const WORDS: usize = SLOTS.div_ceil(64);

/// Sets larger than this are stored as a bitset (the list would take more room).
const LIST_MAX: usize = WORDS * 4;

/// Bits being collected for one area, with the span of words touched: a team's area is a few
/// neighbouring PC4s, so counting and listing them reads a word or two, not all of them.
#[derive(Clone)]
pub(crate) struct Pc4Bits {
    words: Box<[u64; WORDS]>,
    /// Words `lo..hi` may hold bits; `lo == hi` when none was set.
    lo: usize,
    hi: usize,
}

impl Pc4Bits {
    pub fn new() -> Self {
        Self { words: Box::new([0; WORDS]), lo: 0, hi: 0 }
    }

    fn touch(&mut self, first: usize, last: usize) {
        if self.lo == self.hi {
            (self.lo, self.hi) = (first, last + 1);
        } else {
            self.lo = self.lo.min(first);
            self.hi = self.hi.max(last + 1);
        }
    }

    pub fn insert(&mut self, p: Pc4) {
        let i = (p.get() - Pc4::MIN) as usize;
        self.words[i / 64] |= 1 << (i % 64);
        self.touch(i / 64, i / 64);
    }

    /// Inserts `lo..=hi` a word at a time.
    pub fn insert_range(&mut self, lo: Pc4, hi: Pc4) {
        let (mut i, end) = ((lo.get() - Pc4::MIN) as usize, (hi.get() - Pc4::MIN) as usize + 1);
        self.touch(i / 64, (end - 1) / 64);
        while i < end {
            let bit = i % 64;
            let n = (64 - bit).min(end - i);
            let mask = if n == 64 { u64::MAX } else { ((1u64 << n) - 1) << bit };
            self.words[i / 64] |= mask;
            i += n;
        }
    }

    pub fn len(&self) -> usize {
        self.words[self.lo..self.hi].iter().map(|w| w.count_ones() as usize).sum()
    }

    fn iter(&self) -> impl Iterator<Item = Pc4> + '_ {
        self.words[self.lo..self.hi].iter().enumerate().flat_map(|(k, &word)| {
            let w = self.lo + k;
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let b = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    Pc4::new((w * 64 + b) as u16 + Pc4::MIN).expect("inside the slot range")
                })
            })
        })
    }

    fn full(words: Box<[u64; WORDS]>) -> Self {
        Self { words, lo: 0, hi: WORDS }
    }
}

/// The PC4 areas a service area covers as a whole.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Pc4Set(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    List(Box<[Pc4]>),
    Bits(Box<[u64; WORDS]>),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::List(Box::new([]))
    }
}

impl Pc4Set {
    pub(crate) fn from_bits(bits: Pc4Bits) -> Self {
        if bits.len() <= LIST_MAX { Self(Repr::List(bits.iter().collect())) } else { Self(Repr::Bits(bits.words)) }
    }

    /// Whether the PC4 is in the set.
    pub fn contains(&self, p: Pc4) -> bool {
        match &self.0 {
            Repr::List(l) => l.binary_search(&p).is_ok(),
            Repr::Bits(b) => {
                let i = (p.get() - Pc4::MIN) as usize;
                b[i / 64] & (1 << (i % 64)) != 0
            }
        }
    }

    /// How many PC4 areas.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::List(l) => l.len(),
            Repr::Bits(b) => b.iter().map(|w| w.count_ones() as usize).sum(),
        }
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The PC4 areas, ascending.
    pub fn iter(&self) -> Box<dyn Iterator<Item = Pc4> + '_> {
        match &self.0 {
            Repr::List(l) => Box::new(l.iter().copied()),
            Repr::Bits(b) => Box::new(Pc4Bits::full(b.clone()).iter().collect::<Vec<_>>().into_iter()),
        }
    }

    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        match &self.0 {
            Repr::List(l) => l.len() * std::mem::size_of::<Pc4>(),
            Repr::Bits(_) => WORDS * 8,
        }
    }
}

impl FromIterator<Pc4> for Pc4Set {
    fn from_iter<I: IntoIterator<Item = Pc4>>(iter: I) -> Self {
        let mut bits = Pc4Bits::new();
        for p in iter {
            bits.insert(p);
        }
        Self::from_bits(bits)
    }
}

impl fmt::Debug for Pc4Set {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pc4Set({} areas)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pc4(n: u16) -> Pc4 {
        Pc4::new(n).unwrap()
    }

    #[test]
    fn ranges_fill_words_exactly() {
        for (lo, hi) in [(1000, 1000), (1000, 9999), (1063, 1064), (1010, 1200), (9990, 9999), (1064, 1127)] {
            let mut b = Pc4Bits::new();
            b.insert_range(pc4(lo), pc4(hi));
            let got: Vec<u16> = b.iter().map(Pc4::get).collect();
            let want: Vec<u16> = (lo..=hi).collect();
            assert_eq!(got, want, "{lo}-{hi}");
            let set = Pc4Set::from_bits(b);
            assert_eq!(set.len(), want.len());
            assert!(set.contains(pc4(lo)) && set.contains(pc4(hi)));
            assert_eq!(set.contains(pc4(1000)), lo == 1000);
            assert_eq!(set.iter().count(), want.len());
        }
    }

    #[test]
    fn repetition_costs_nothing_extra() {
        let mut b = Pc4Bits::new();
        for _ in 0..10_000 {
            b.insert_range(pc4(1000), pc4(9999));
        }
        let set = Pc4Set::from_bits(b);
        assert_eq!(set.len(), 9000);
        assert_eq!(set.heap_bytes(), WORDS * 8);
    }

    /// The span of touched words is only a shortcut: any mix of single PC4s and ranges, in any
    /// order, gives the set a plain sorted list gives.
    #[test]
    fn touched_span_matches_a_plain_set() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u16| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % u64::from(n)) as u16
        };
        for _ in 0..500 {
            let mut bits = Pc4Bits::new();
            let mut want = std::collections::BTreeSet::new();
            for _ in 0..next(6) {
                let a = 1000 + next(9000);
                if next(2) == 0 {
                    bits.insert(pc4(a));
                    want.insert(a);
                } else {
                    let b = (a + next(300)).min(9999);
                    bits.insert_range(pc4(a), pc4(b));
                    want.extend(a..=b);
                }
            }
            let want: Vec<u16> = want.into_iter().collect();
            assert_eq!(bits.len(), want.len());
            let set = Pc4Set::from_bits(bits);
            assert_eq!(set.iter().map(Pc4::get).collect::<Vec<_>>(), want);
            assert!(want.iter().all(|&p| set.contains(pc4(p))));
        }
    }
}
