//! A list kept in shared chunks, for the parts of a registry that change a few entries at a
//! time (capacity, teams described anew): a new value copies the chunk pointers and the chunks
//! its changes fall in, and shares every other chunk with the value it came from, whose readers
//! keep seeing their entries.

use std::sync::Arc;

/// Entries per chunk. Smaller chunks copy less per change and more pointers per new value: at
/// 16, a `_history` of 100 scattered changes to the national registry (21,000 teams) copies
/// 1,600 entries and 1,300 pointers, where 64 copied 6,400 entries.
const CHUNK: usize = 16;

/// One chunk: `CHUNK` entries (fewer in the last chunk) of a block from `start` on. A list made
/// at once (a load, the tail of a removal) is one block that all its chunks view: one allocation
/// instead of one per chunk, and a removal's later entries, which all move up a place, are
/// written in one pass. A chunk changed later gets a block of its own.
#[derive(Debug)]
struct Chunk<T> {
    block: Arc<[T]>,
    start: u32,
}

impl<T> Clone for Chunk<T> {
    fn clone(&self) -> Self {
        Self { block: Arc::clone(&self.block), start: self.start }
    }
}

#[derive(Debug)]
pub(crate) struct Chunked<T> {
    chunks: Arc<[Chunk<T>]>,
    len: usize,
}

impl<T> Clone for Chunked<T> {
    fn clone(&self) -> Self {
        Self { chunks: Arc::clone(&self.chunks), len: self.len }
    }
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Self { chunks: Arc::from(Vec::new()), len: 0 }
    }
}

/// Chunks viewing one block of `len` entries, the first of them chunk-aligned.
fn views<T>(block: Arc<[T]>) -> impl Iterator<Item = Chunk<T>> {
    let n = block.len().div_ceil(CHUNK);
    (0..n).map(move |c| Chunk { block: Arc::clone(&block), start: (c * CHUNK) as u32 })
}

impl<T: Clone> Chunked<T> {
    pub fn new(all: Vec<T>) -> Self {
        let len = all.len();
        Self { chunks: views(Arc::from(all)).collect(), len }
    }

    /// Entries in chunk `c`.
    fn chunk_len(&self, c: usize) -> usize {
        (self.len - c * CHUNK).min(CHUNK)
    }

    /// The entries of chunk `c`.
    fn entries(&self, c: usize) -> &[T] {
        let chunk = &self.chunks[c];
        let start = chunk.start as usize;
        &chunk.block[start..start + self.chunk_len(c)]
    }

    /// The entry at a position.
    ///
    /// # Panics
    /// When `i` is not a position of the list.
    pub fn get(&self, i: usize) -> &T {
        assert!(i < self.len, "position {i} out of range ({} entries)", self.len);
        let chunk = &self.chunks[i / CHUNK];
        &chunk.block[chunk.start as usize + i % CHUNK]
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The list with `change` applied to the entries at the positions of `changes` (ascending,
    /// each once): each chunk they fall in copied once, every other chunk shared.
    pub fn with<C>(&self, changes: impl IntoIterator<Item = (usize, C)>, mut change: impl FnMut(&mut T, C)) -> Self {
        let mut chunks: Vec<Chunk<T>> = self.chunks.to_vec();
        let mut changes = changes.into_iter().peekable();
        while let Some(&(first, _)) = changes.peek() {
            let c = first / CHUNK;
            let mut chunk: Vec<T> = self.entries(c).to_vec();
            while let Some((i, value)) = changes.next_if(|(i, _)| i / CHUNK == c) {
                change(&mut chunk[i % CHUNK], value);
            }
            chunks[c] = Chunk { block: Arc::from(chunk), start: 0 };
        }
        Self { chunks: chunks.into(), len: self.len }
    }

    /// The list with `items` appended: the last chunk's entries and the new ones in one new
    /// block, every full chunk shared.
    pub fn appended(&self, items: Vec<T>) -> Self {
        let full = self.len / CHUNK;
        let mut chunks: Vec<Chunk<T>> = self.chunks[..full].to_vec();
        let last: &[T] = if full < self.chunks.len() { self.entries(full) } else { &[] };
        let tail: Arc<[T]> = last.iter().cloned().chain(items).collect();
        let len = full * CHUNK + tail.len();
        chunks.extend(views(tail));
        Self { chunks: chunks.into(), len }
    }

    /// The list without the entries at `gone` (ascending, each once, each a position): the
    /// chunks before the first of them shared; after it, every chunk whose entries lie side by
    /// side in one block of this list (all of them, in a list made at once) is a view of that
    /// block moved up by the entries removed before it, and only the others are copied.
    ///
    /// Why views: the entries after a removed one all move up a place, and copying them means
    /// cloning each (for a registry's teams and match records, writing the reference counts of
    /// records each on a cache line of its own): half the country's for one team closing.
    pub fn removed(&self, gone: &[usize]) -> Self {
        let Some(&first) = gone.first() else { return self.clone() };
        let start = first / CHUNK;
        let len = self.len - gone.len();
        let mut chunks: Vec<Chunk<T>> = Vec::with_capacity(len.div_ceil(CHUNK));
        chunks.extend_from_slice(&self.chunks[..start]);
        // `old`: the position in this list of the next entry kept; `g`: the next of `gone`.
        let (mut old, mut g) = (start * CHUNK, 0);
        for k in start..len.div_ceil(CHUNK) {
            let n = (len - k * CHUNK).min(CHUNK);
            while gone.get(g) == Some(&old) {
                (old, g) = (old + 1, g + 1);
            }
            if gone.get(g).is_none_or(|&next| next >= old + n) {
                if let Some(view) = self.view(old, n) {
                    chunks.push(view);
                    old += n;
                    continue;
                }
            }
            let mut entries = Vec::with_capacity(n);
            while entries.len() < n {
                if gone.get(g) == Some(&old) {
                    g += 1;
                } else {
                    entries.push(self.get(old).clone());
                }
                old += 1;
            }
            chunks.push(Chunk { block: Arc::from(entries), start: 0 });
        }
        Self { chunks: chunks.into(), len }
    }

    /// The entries at positions `from..from + n` (at most a chunk's worth) as a view of the
    /// block they lie in, when they lie side by side in one.
    fn view(&self, from: usize, n: usize) -> Option<Chunk<T>> {
        let (c, offset) = (from / CHUNK, from % CHUNK);
        let here = &self.chunks[c];
        if offset + n > CHUNK {
            let next = &self.chunks[c + 1];
            if !Arc::ptr_eq(&here.block, &next.block) || next.start as usize != here.start as usize + CHUNK {
                return None;
            }
        }
        Some(Chunk { block: Arc::clone(&here.block), start: here.start + offset as u32 })
    }

    /// Whether chunk `c` of both lists is the same entries of the same block.
    #[cfg(test)]
    pub fn shares_chunk(&self, other: &Self, c: usize) -> bool {
        let (a, b) = (&self.chunks[c], &other.chunks[c]);
        Arc::ptr_eq(&a.block, &b.block) && a.start == b.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(list: &Chunked<u32>) -> Vec<u32> {
        (0..list.len()).map(|i| *list.get(i)).collect()
    }

    /// Appending and removing across chunk boundaries give what a plain list gives, and share
    /// the chunks they do not touch.
    #[test]
    fn appended_and_removed_are_the_plain_list_operations() {
        for len in [0usize, 1, 15, 16, 17, 40, 64, 100] {
            let plain: Vec<u32> = (0..len as u32).collect();
            let list = Chunked::new(plain.clone());
            for extra in [0usize, 1, 15, 16, 33] {
                let more: Vec<u32> = (1000..1000 + extra as u32).collect();
                let got = list.appended(more.clone());
                assert_eq!(items(&got), [plain.clone(), more].concat(), "{len} + {extra}");
                for c in 0..len / CHUNK {
                    assert!(got.shares_chunk(&list, c), "full chunk {c} of {len} shared");
                }
            }
            for gone in [vec![], vec![0], vec![len.saturating_sub(1)], vec![17, 18, 40], vec![3, 31, 32, 99]] {
                let gone: Vec<usize> = gone.into_iter().filter(|&g| g < len).collect();
                let got = list.removed(&gone);
                let want: Vec<u32> =
                    plain.iter().enumerate().filter(|(i, _)| !gone.contains(i)).map(|(_, &v)| v).collect();
                assert_eq!(items(&got), want, "{len} without {gone:?}");
                let first = gone.first().map_or(len, |&g| g);
                for c in 0..first / CHUNK {
                    assert!(got.shares_chunk(&list, c), "chunk {c} before the first removed shared");
                }
            }
        }
    }

    /// A removal moves the entries after it up by reference, not by copy: in a list made at
    /// once, every entry after the removed one's chunk is the same memory as before, and only
    /// that chunk is copied; after a change, the chunks that straddle the changed one too.
    #[test]
    fn removal_shares_the_entries_it_moves_up() {
        let list = Chunked::new((0..100u32).collect());
        let got = list.removed(&[20]);
        assert_eq!(items(&got), (0..100u32).filter(|&v| v != 20).collect::<Vec<_>>());
        for i in 32..99 {
            assert!(std::ptr::eq(got.get(i), list.get(i + 1)), "entry {i} moved up by reference");
        }
        assert!(!std::ptr::eq(got.get(25), list.get(26)), "the removed entry's chunk is copied");
        assert!(got.shares_chunk(&list, 0));
        // A changed chunk (16..32) is a block of its own: entries after the removal that came
        // from it, or straddle it, are copied; from chunk 3 on they are views again.
        let changed = list.with([(20usize, 7u32)], |v, n| *v = n);
        let got = changed.removed(&[5]);
        assert_eq!(
            items(&got),
            items(&changed).into_iter().enumerate().filter(|(i, _)| *i != 5).map(|(_, v)| v).collect::<Vec<_>>()
        );
        assert!(!std::ptr::eq(got.get(20), changed.get(21)));
        for i in 32..99 {
            assert!(std::ptr::eq(got.get(i), changed.get(i + 1)), "entry {i} moved up by reference");
        }
    }

    #[derive(Debug, Clone)]
    enum Op {
        With(Vec<usize>),
        Removed(Vec<usize>),
        Appended(usize),
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::collection::vec(0usize..1000, 0..6).prop_map(Op::With),
            proptest::collection::vec(0usize..1000, 0..6).prop_map(Op::Removed),
            (0usize..40).prop_map(Op::Appended),
        ]
    }

    proptest::proptest! {
        /// Any sequence of changes, removals and appends gives what the same operations on a
        /// plain list give, whatever mix of shared blocks, views and copies it leaves behind;
        /// and the list it came from is never changed.
        #[test]
        fn operations_are_the_plain_list_operations(len in 0usize..120, ops in proptest::collection::vec(op(), 1..12)) {
            let mut plain: Vec<u32> = (0..len as u32).collect();
            let mut list = Chunked::new(plain.clone());
            let mut next = 10_000u32;
            for op in ops {
                let before = (list.clone(), plain.clone());
                let positions = |raw: &[usize]| {
                    let mut p: Vec<usize> = raw.iter().filter(|_| !plain.is_empty()).map(|r| r % plain.len()).collect();
                    p.sort_unstable();
                    p.dedup();
                    p
                };
                match op {
                    Op::With(raw) => {
                        let at = positions(&raw);
                        let changes: Vec<(usize, u32)> = at.iter().map(|&i| { next += 1; (i, next) }).collect();
                        for &(i, v) in &changes {
                            plain[i] = v;
                        }
                        list = list.with(changes, |slot, v| *slot = v);
                    }
                    Op::Removed(raw) => {
                        let gone = positions(&raw);
                        for &i in gone.iter().rev() {
                            plain.remove(i);
                        }
                        list = list.removed(&gone);
                    }
                    Op::Appended(n) => {
                        let more: Vec<u32> = (0..n as u32).map(|i| next + 1 + i).collect();
                        next += n as u32;
                        plain.extend(&more);
                        list = list.appended(more);
                    }
                }
                proptest::prop_assert_eq!(items(&list), plain.clone());
                proptest::prop_assert_eq!(items(&before.0), before.1);
            }
        }
    }
}
