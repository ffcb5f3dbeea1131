//! The path of a provision inside a consent's provision tree, kept in a fixed array so that a
//! decision carries it without allocating.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::record::MAX_PROVISION_DEPTH;

/// Child indices from the root provision down to one provision: `[]` is the root itself, `[1, 0]`
/// is the first nested provision of the root's second nested provision. Bounded by
/// [`MAX_PROVISION_DEPTH`]. Serialises as a JSON array of integers.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ProvisionPath {
    len: u8,
    steps: [u8; MAX_PROVISION_DEPTH - 1],
}

impl ProvisionPath {
    /// The root provision.
    pub const ROOT: Self = Self { len: 0, steps: [0; MAX_PROVISION_DEPTH - 1] };

    /// The path from a slice of child indices, if it fits the depth bound.
    pub fn from_steps(steps: &[u8]) -> Option<Self> {
        if steps.len() > MAX_PROVISION_DEPTH - 1 {
            return None;
        }
        let mut p = Self::ROOT;
        p.steps[..steps.len()].copy_from_slice(steps);
        p.len = steps.len() as u8;
        Some(p)
    }

    /// The path one level deeper, if it fits.
    pub fn child(self, index: u8) -> Option<Self> {
        let len = self.len as usize;
        if len >= MAX_PROVISION_DEPTH - 1 {
            return None;
        }
        let mut p = self;
        p.steps[len] = index;
        p.len += 1;
        Some(p)
    }

    /// The child indices.
    pub fn steps(&self) -> &[u8] {
        &self.steps[..self.len as usize]
    }

    /// Depth of the provision: 1 for the root.
    pub fn depth(&self) -> u8 {
        self.len + 1
    }
}

impl PartialOrd for ProvisionPath {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ProvisionPath {
    /// Lexicographic on the steps (document order of the tree, parents first).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.steps().cmp(other.steps())
    }
}

impl fmt::Debug for ProvisionPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.steps()).finish()
    }
}

impl Serialize for ProvisionPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.steps().serialize(s)
    }
}

impl<'de> Deserialize<'de> for ProvisionPath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let steps = Vec::<u8>::deserialize(d)?;
        Self::from_steps(&steps)
            .ok_or_else(|| serde::de::Error::custom(format!("provision path deeper than {MAX_PROVISION_DEPTH} levels")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_grow_to_the_bound() {
        let mut p = ProvisionPath::ROOT;
        assert_eq!(p.depth(), 1);
        for i in 0..(MAX_PROVISION_DEPTH - 1) {
            p = p.child(i as u8).unwrap();
        }
        assert_eq!(p.depth() as usize, MAX_PROVISION_DEPTH);
        assert!(p.child(0).is_none());
        assert!(ProvisionPath::from_steps(&[1, 2]).unwrap() < ProvisionPath::from_steps(&[1, 3]).unwrap());
        assert!(ProvisionPath::ROOT < ProvisionPath::from_steps(&[0]).unwrap());
        let json = serde_json::to_string(&ProvisionPath::from_steps(&[2, 0]).unwrap()).unwrap();
        assert_eq!(json, "[2,0]");
    }
}
