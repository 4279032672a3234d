//! MinHash signatures of shingle sets, by one-permutation hashing with optimal densification.
//!
//! Instead of hashing every shingle `k` times (classic MinHash), each shingle hash `h` (already a
//! uniform 64-bit value, a finalised polynomial of word hashes, see [`crate::copies::shingles`]) is sent
//! to one of `k` bins, where only the smallest value is kept (Li, Owen & Zhang 2012). Bins left empty (short
//! texts) are filled by *optimal densification* (Shrivastava 2017): empty bin `i` takes the value
//! of the first non-empty bin among `j_t = bin(xxh3(i, t))`, `t = 0, 1, …`. For two sets with
//! Jaccard similarity `J`, each position of their signatures is equal with probability ≈ `J`,
//! which is what banded LSH and the estimate need; the cost is one pass over the shingles,
//! independent of `k`.
//!
//! The format is stable and documented so that stored signatures stay comparable:
//! - bin of `h`: `((h >> 32) * k) >> 32`; value of `h`: `h as u32` (low 32 bits);
//! - densification probe `t` of bin `i`: `xxh3_64_with_seed(i.to_le_bytes() ‖ t.to_le_bytes(),
//!   DENSIFY_SEED)` with `i`, `t` as `u32`, sent to a bin by the same rule;
//! - compact form (16 bits per position, for indexes): [`fold16`].

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Signature length (permutations) by default.
pub const DEFAULT_PERMUTATIONS: usize = 128;

/// Seed of the densification probes.
pub const DENSIFY_SEED: u64 = 0x636f_7272_6f62_6f72; // "corrobor"

/// A MinHash signature: one 32-bit value per position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub Vec<u32>);

#[inline]
fn bin_of(h: u64, k: usize) -> usize {
    // The top 32 bits times `k` fit in 64 bits for any `k` below 2^32 (signatures have a few
    // hundred positions): exact there, and saturating rather than wrapping beyond.
    ((h >> 32).saturating_mul(k as u64) >> 32) as usize
}

/// A bin no shingle went to (values are 32-bit, so no value equals it).
const EMPTY: u64 = u64::MAX;

/// The `k` values of the signature of `shingles` (non-empty), as `u64`s, into `bins`; false
/// when a bin stays empty after densification (cannot happen: a fallback finds a filled bin).
fn min_bins(shingles: &[u64], k: usize, bins: &mut [u64]) -> bool {
    bins.fill(EMPTY);
    for &h in shingles {
        if let Some(slot) = bins.get_mut(bin_of(h, k)) {
            *slot = (*slot).min(u64::from(h as u32));
        }
    }
    if bins.iter().all(|&v| v != EMPTY) {
        return true;
    }
    densify(bins)
}

/// Fills the empty bins (see the module documentation); false when all are empty.
#[cold]
fn densify(bins: &mut [u64]) -> bool {
    let k = bins.len();
    let original = bins.to_vec();
    let filled = |j: usize| original.get(j).is_some_and(|&v| v != EMPTY);
    for (i, slot) in bins.iter_mut().enumerate() {
        if filled(i) {
            continue;
        }
        let mut probe = [0u8; 8];
        probe[..4].copy_from_slice(&(i as u32).to_le_bytes());
        let mut found = None;
        for t in 0..(k as u32).saturating_mul(64) {
            probe[4..].copy_from_slice(&t.to_le_bytes());
            let j = bin_of(xxh3_64_with_seed(&probe, DENSIFY_SEED), k);
            if filled(j) {
                found = Some(j);
                break;
            }
        }
        // Beyond 64·k probes (vanishingly rare): the next non-empty bin, circularly.
        let fallback = || (0..k).skip(i).skip(1).chain(0..i).find(|&j| filled(j));
        let Some(&v) = found.or_else(fallback).and_then(|j| original.get(j)) else {
            return false;
        };
        *slot = v;
    }
    true
}

/// The signature of a set of shingle hashes (repeats allowed) with `k` positions; `None` when
/// there is no shingle or `k` is 0.
pub fn signature(shingles: &[u64], k: usize) -> Option<Signature> {
    if shingles.is_empty() || k == 0 || k > u32::MAX as usize {
        return None;
    }
    let mut bins = vec![EMPTY; k];
    min_bins(shingles, k, &mut bins).then(|| Signature(bins.iter().map(|&v| v as u32).collect()))
}

/// [`signature`] with each value folded to 16 bits ([`fold16`]), as indexes store it.
pub fn signature16(shingles: &[u64], k: usize) -> Option<Vec<u16>> {
    if shingles.is_empty() || k == 0 || k > u32::MAX as usize {
        return None;
    }
    // The bins of the usual signature lengths live on the stack.
    let mut stack = [EMPTY; 256];
    let mut heap = Vec::new();
    let bins = match stack.get_mut(..k) {
        Some(bins) => bins,
        None => {
            heap.resize(k, EMPTY);
            &mut heap[..]
        }
    };
    min_bins(shingles, k, bins).then(|| bins.iter().map(|&v| fold16(v as u32)).collect())
}

/// Estimated Jaccard similarity: the fraction of equal positions (0 when lengths differ).
pub fn estimate(a: &Signature, b: &Signature) -> f64 {
    if a.0.len() != b.0.len() || a.0.is_empty() {
        return 0.0;
    }
    let eq = a.0.iter().zip(&b.0).filter(|(x, y)| x == y).count();
    eq as f64 / a.0.len() as f64
}

/// A signature value in 16 bits (b-bit MinHash): equal values stay equal, different ones collide
/// with probability 2⁻¹⁶. `(v · 0x9E3779B1 mod 2³²) >> 16`.
#[inline]
pub fn fold16(v: u32) -> u16 {
    (v.wrapping_mul(0x9E37_79B1) >> 16) as u16
}

/// Estimated Jaccard similarity of two 16-bit signatures, corrected for chance collisions.
pub fn estimate16(a: &[u16], b: &[u16]) -> f64 {
    estimate_bbit(a, b, 16)
}

/// A 16-bit signature value in 8 bits: its high byte (of a multiplicative hash, so well
/// mixed). Equal values stay equal, different ones collide with probability 2⁻⁸. For the
/// estimates an index keeps per article, at half the memory of [`fold16`].
#[inline]
pub fn fold8(v: u16) -> u8 {
    (v >> 8) as u8
}

/// Estimated Jaccard similarity of two 8-bit signatures ([`fold8`]), corrected for chance
/// collisions.
pub fn estimate8(a: &[u8], b: &[u8]) -> f64 {
    estimate_bbit(a, b, 8)
}

/// The fraction of equal positions of two `bits`-bit signatures, corrected for the chance
/// `2^-bits` that different values are equal (b-bit MinHash, Li & König 2010); 0 when the
/// lengths differ.
fn estimate_bbit<T: PartialEq>(a: &[T], b: &[T], bits: i32) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    let eq = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let p = eq as f64 / a.len() as f64;
    let c = 2f64.powi(bits.saturating_neg());
    ((p - c) / (1.0 - c)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::shingles::ShingleSet;

    fn hashes(range: std::ops::Range<u64>) -> Vec<u64> {
        range
            .map(|i| xxhash_rust::xxh3::xxh3_64(&i.to_le_bytes()))
            .collect()
    }

    #[test]
    fn estimate_tracks_true_jaccard() {
        // Sets of 1000 with overlaps giving J = 0.9, 0.8, 0.5, 0.2, 0.
        for shift in [53u64, 111, 333, 667, 1000] {
            let a = hashes(0..1000);
            let b = hashes(shift..1000 + shift);
            let truth = ShingleSet::new(a.clone()).jaccard(&ShingleSet::new(b.clone()));
            let (sa, sb) = (signature(&a, 256), signature(&b, 256));
            let (Some(sa), Some(sb)) = (sa, sb) else {
                panic!("non-empty sets have signatures")
            };
            let est = estimate(&sa, &sb);
            assert!(
                (est - truth).abs() < 0.08,
                "J {truth:.3} estimated {est:.3}"
            );
            let fa: Vec<u16> = sa.0.iter().map(|&v| fold16(v)).collect();
            let fb: Vec<u16> = sb.0.iter().map(|&v| fold16(v)).collect();
            assert!((estimate16(&fa, &fb) - est).abs() < 0.02);
            let ga: Vec<u8> = fa.iter().map(|&v| fold8(v)).collect();
            let gb: Vec<u8> = fb.iter().map(|&v| fold8(v)).collect();
            assert!(
                (estimate8(&ga, &gb) - est).abs() < 0.03,
                "{}",
                estimate8(&ga, &gb)
            );
        }
    }

    #[test]
    fn small_sets_are_densified_and_stay_comparable() {
        let a = hashes(0..10);
        let Some(sa) = signature(&a, 128) else {
            panic!("signature")
        };
        // Every value comes from the set.
        assert!(sa.0.iter().all(|v| a.iter().any(|&h| h as u32 == *v)));
        // Order and repeats do not matter.
        let mut b = a.clone();
        b.reverse();
        b.extend(&a);
        assert_eq!(signature(&b, 128), Some(sa.clone()));
        // Disjoint small sets share (almost) nothing.
        let Some(sc) = signature(&hashes(100..110), 128) else {
            panic!("signature")
        };
        assert!(estimate(&sa, &sc) < 0.05);
    }

    /// The definition, the slow and obvious way: minimum per bin, then the probes.
    fn reference(shingles: &[u64], k: usize) -> Vec<u32> {
        let mut bins: Vec<Option<u32>> = vec![None; k];
        for &h in shingles {
            let b = bin_of(h, k);
            bins[b] = Some(bins[b].map_or(h as u32, |v| v.min(h as u32)));
        }
        (0..k)
            .map(|i| {
                bins[i].unwrap_or_else(|| {
                    (0u32..)
                        .find_map(|t| {
                            let mut probe = (i as u32).to_le_bytes().to_vec();
                            probe.extend(t.to_le_bytes());
                            bins[bin_of(xxh3_64_with_seed(&probe, DENSIFY_SEED), k)]
                        })
                        .unwrap_or(0)
                })
            })
            .collect()
    }

    #[test]
    fn signatures_agree_with_the_definition() {
        for n in [1u64, 2, 5, 50, 127, 128, 300, 1000] {
            for k in [1usize, 7, 64, 128, 256] {
                let h = hashes(n * 1000..n * 1001);
                let want = reference(&h, k);
                assert_eq!(signature(&h, k), Some(Signature(want.clone())), "{n} {k}");
                let folded: Vec<u16> = want.iter().map(|&v| fold16(v)).collect();
                assert_eq!(signature16(&h, k), Some(folded));
            }
        }
    }

    #[test]
    fn empty_input_has_no_signature() {
        assert_eq!(signature(&[], 128), None);
        assert_eq!(signature(&[1, 2], 0), None);
    }
}
