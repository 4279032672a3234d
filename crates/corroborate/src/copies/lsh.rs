//! Banded locality-sensitive hashing over MinHash signatures: which earlier items may be similar.
//!
//! A signature of `bands × rows` positions is cut into `bands` bands of `rows` consecutive
//! positions; two items become *candidates* when all positions of at least one band agree. For
//! Jaccard similarity `J` that happens with probability `1 − (1 − J^rows)^bands`. With the
//! defaults (28 bands × 4 rows, 112 of the 128 positions) the chance is 0.999 999 at J = 0.8,
//! 0.9995 at 0.7 (the default threshold), 0.997 at 0.65, 0.84 at 0.5, 0.20 at 0.3 and 0.003 at
//! 0.1 (articles of one story share 0.002 to 0.09): nearly every pair at or above the threshold
//! is a candidate, and candidates are then verified (see [`crate::copies::dedup`]), so the band
//! threshold well below the Jaccard threshold costs only a few cheap checks. 28 bands rather
//! than 32 keeps the index within its memory budget (about 12 bytes per band per article).
//!
//! Memory: a band's key is a 32-bit hash of its rows (xxh3 with the band number as seed, over the
//! rows' 16-bit values), and each band has a table from key to item. Most keys belong to one
//! item, stored inline (8 bytes an entry); keys shared by several items point to a small list.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Bands by default.
pub const DEFAULT_BANDS: usize = 28;
/// Rows per band by default.
pub const DEFAULT_ROWS: usize = 4;

/// Keys are already hashes: one multiply spreads them over the table's 64 bits.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, k: u32) {
        self.0 = u64::from(k).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A table entry: one item inline, or (high bit set) the index of a list of items.
const LIST: u32 = 1 << 31;

/// The largest item number an index holds.
pub const MAX_ITEM: u32 = LIST - 1;

/// A banded LSH index of items numbered `0, 1, 2, …` by the caller.
#[derive(Debug, Clone)]
pub struct LshIndex {
    bands: usize,
    rows: usize,
    tables: Vec<HashMap<u32, u32, BuildHasherDefault<KeyHasher>>>,
    lists: Vec<Vec<u32>>,
}

impl std::fmt::Debug for KeyHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyHasher")
    }
}

impl LshIndex {
    /// An empty index of `bands` bands of `rows` rows (each at least 1).
    pub fn new(bands: usize, rows: usize) -> LshIndex {
        let bands = bands.max(1);
        LshIndex {
            bands,
            rows: rows.max(1),
            tables: (0..bands).map(|_| HashMap::default()).collect(),
            lists: Vec::new(),
        }
    }

    /// Signature positions the bands use.
    pub fn positions(&self) -> usize {
        self.bands.saturating_mul(self.rows)
    }

    /// The band keys of a 16-bit signature; empty when it is shorter than the bands need.
    pub fn keys(&self, sig: &[u16]) -> Vec<u32> {
        if sig.len() < self.positions() {
            return Vec::new();
        }
        let mut bytes = vec![0u8; self.rows.saturating_mul(2)];
        sig.chunks_exact(self.rows)
            .take(self.bands)
            .enumerate()
            .map(|(band, rows)| {
                for (dst, v) in bytes.chunks_exact_mut(2).zip(rows) {
                    dst.copy_from_slice(&v.to_le_bytes());
                }
                xxh3_64_with_seed(&bytes, band as u64) as u32
            })
            .collect()
    }

    /// Items sharing at least one band key with `keys`, ascending, without repeats.
    pub fn candidates(&self, keys: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        for (table, key) in self.tables.iter().zip(keys) {
            match table.get(key) {
                Some(&v) if v & LIST == 0 => out.push(v),
                Some(&v) => {
                    if let Some(list) = self.lists.get((v & !LIST) as usize) {
                        out.extend_from_slice(list);
                    }
                }
                None => {}
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Adds `item` under its band keys. Items above [`MAX_ITEM`] are not added (returns false).
    pub fn insert(&mut self, item: u32, keys: &[u32]) -> bool {
        if item > MAX_ITEM {
            return false;
        }
        for (table, &key) in self.tables.iter_mut().zip(keys) {
            // One probe per band (an entry), not a lookup and then an insert.
            let v = match table.entry(key) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(item);
                    continue;
                }
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            };
            match v {
                v if *v & LIST == 0 => {
                    let Ok(n) = u32::try_from(self.lists.len()) else {
                        continue;
                    };
                    if n > MAX_ITEM {
                        continue;
                    }
                    self.lists.push(vec![*v, item]);
                    *v = n | LIST;
                }
                v => {
                    if let Some(list) = self.lists.get_mut((*v & !LIST) as usize) {
                        list.push(item);
                    }
                }
            }
        }
        true
    }

    /// Bytes held by the tables and lists (capacity, not counting allocator overhead).
    pub fn heap_bytes(&self) -> usize {
        let tables = (self.tables.iter()).map(|t| t.capacity().saturating_mul(9));
        let lists = (self.lists.iter()).map(|l| l.capacity().saturating_mul(4).saturating_add(24));
        tables.chain(lists).fold(0, usize::saturating_add)
    }
}

/// Probability that two items with Jaccard similarity `j` become candidates.
pub fn candidate_probability(j: f64, bands: usize, rows: usize) -> f64 {
    1.0 - (1.0 - j.powi(rows as i32)).powi(bands as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_sharing_a_band_are_candidates() {
        let mut idx = LshIndex::new(4, 2);
        let a: Vec<u16> = (0..8).collect();
        let mut b = a.clone();
        b[0] = 100; // band 0 differs, bands 1-3 agree
        let c: Vec<u16> = (200..208).collect();
        assert!(idx.insert(0, &idx.keys(&a)));
        assert!(idx.insert(1, &idx.keys(&c)));
        assert_eq!(idx.candidates(&idx.keys(&b)), [0]);
        assert_eq!(idx.candidates(&idx.keys(&c)), [1]);
        // A third item with the same bands as the first: both come back, in order.
        assert!(idx.insert(2, &idx.keys(&a)));
        assert_eq!(idx.candidates(&idx.keys(&a)), [0, 2]);
        // Same values in another band position give another key.
        let shifted: Vec<u16> = (2..10).collect();
        assert!(idx.candidates(&idx.keys(&shifted)).is_empty());
        assert!(idx.keys(&a[..7]).is_empty());
        assert!(!idx.insert(MAX_ITEM + 1, &idx.keys(&a)));
    }

    #[test]
    fn s_curve_of_the_defaults() {
        let p = |j| candidate_probability(j, DEFAULT_BANDS, DEFAULT_ROWS);
        assert!(p(0.8) > 0.99999);
        assert!(p(0.7) > 0.999);
        assert!(p(0.3) < 0.25);
        assert!(p(0.1) < 0.005);
    }
}
