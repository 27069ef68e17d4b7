//! A small open-addressing hash index from pre-hashed `u64` keys to `u32` values.
//!
//! The graph's eager indexes (domain, LinkedIn slug, company name) hold about 30,000 entries
//! each and are built on every emulator start. This table is a flat `Vec` probed linearly: far
//! less code than `std`'s `HashMap`, which matters in unoptimised builds. Keys are hashes of
//! strings, so callers verify a hit against the real string.

use super::rng::mix64;

/// The value marking an empty slot.
const EMPTY: u32 = u32::MAX;

/// A hash index; see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct KeyIndex {
    /// `(key, value)` slots; `value == EMPTY` marks a free slot.
    slots: Vec<(u64, u32)>,
    /// `slots.len() - 1` (the length is a power of two).
    mask: usize,
    /// Occupied slots.
    len: usize,
}

impl KeyIndex {
    /// An index sized for about `n` entries without growing.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let size = (n.max(8) * 2).next_power_of_two();
        Self {
            slots: vec![(0, EMPTY); size],
            mask: size - 1,
            len: 0,
        }
    }

    /// The slot holding `key`, or the free slot where it would go.
    fn slot(&self, key: u64) -> usize {
        let mut i = mix64(key) as usize & self.mask;
        loop {
            let (k, v) = self.slots[i];
            if v == EMPTY || k == key {
                return i;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The value stored under `key`.
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        let (_, v) = self.slots[self.slot(key)];
        (v != EMPTY).then_some(v)
    }

    /// Whether `key` is present.
    pub(crate) fn contains(&self, key: u64) -> bool {
        self.get(key).is_some()
    }

    /// Stores `value` under `key`, returning the value it replaced.
    pub(crate) fn insert(&mut self, key: u64, value: u32) -> Option<u32> {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let i = self.slot(key);
        let previous = self.slots[i].1;
        self.slots[i] = (key, value);
        if previous == EMPTY {
            self.len += 1;
            None
        } else {
            Some(previous)
        }
    }

    /// Doubles the table.
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        *self = Self::with_capacity(old.len());
        for (k, v) in old {
            if v != EMPTY {
                self.insert(k, v);
            }
        }
    }

    /// How many keys are stored.
    #[cfg(test)]
    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    /// Whether no key is stored.
    #[cfg(test)]
    pub(crate) const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_replace_grow() {
        let mut index = KeyIndex::with_capacity(2);
        assert!(index.is_empty());
        for k in 0..1_000u64 {
            assert_eq!(index.insert(k * 7, k as u32), None);
        }
        assert_eq!(index.len(), 1_000);
        assert_eq!(index.get(7 * 999), Some(999));
        assert!(index.contains(0) && !index.contains(1));
        assert_eq!(index.insert(14, 5), Some(2));
        assert_eq!(index.get(14), Some(5));
        assert_eq!(index.len(), 1_000);
    }
}
