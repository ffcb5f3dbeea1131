//! 64-bit FNV-1a, the one hash of the core: the consent store's client table and organisation
//! lists, the fingerprints by which a referral scans its few events and offers, the id of an
//! escalation event for a long referral id, and the ids of audit records.
//!
//! Hand-written (ten lines) because std's `DefaultHasher` may change between Rust versions, while
//! these values must be the same on every platform, in every binding and forever (an audit id is
//! stored; an escalation event id is derived by every binding).

/// 64-bit FNV-1a: tiny, stable across platforms and Rust versions.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a64(u64);

impl Fnv1a64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    /// A fresh hash.
    pub const fn new() -> Self {
        Self(Self::OFFSET)
    }

    /// Adds raw bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
        self
    }

    /// Adds a string, length-prefixed so that `("ab","c")` and `("a","bc")` differ.
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.bytes(&(s.len() as u64).to_le_bytes()).bytes(s.as_bytes())
    }

    /// The hash value.
    pub const fn value(&self) -> u64 {
        self.0
    }
}

impl Default for Fnv1a64 {
    fn default() -> Self {
        Self::new()
    }
}

impl std::hash::Hasher for Fnv1a64 {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.bytes(bytes);
    }
}

/// FNV-1a of `bytes` in one call.
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    Fnv1a64::new().bytes(bytes).value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_published_vectors() {
        assert_eq!(Fnv1a64::new().value(), 0xcbf29ce484222325);
        assert_eq!(Fnv1a64::new().bytes(b"a").value(), 0xaf63dc4c8601ec8c);
        assert_eq!(Fnv1a64::new().bytes(b"foobar").value(), 0x85944171f73967e8);
    }

    #[test]
    fn one_call_is_the_same_hash() {
        assert_eq!(fnv1a64(b"foobar"), Fnv1a64::new().bytes(b"foobar").value());
    }

    #[test]
    fn text_is_length_prefixed() {
        let a = Fnv1a64::new().text("ab").text("c").value();
        let b = Fnv1a64::new().text("a").text("bc").value();
        assert_ne!(a, b);
    }
}
