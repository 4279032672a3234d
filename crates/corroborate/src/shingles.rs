//! Word shingles: the lexical features behind `exact` and `near_duplicate`.
//!
//! A text's *words* are the maximal runs of letters and digits of its matching form
//! ([`crate::normalize::for_matching`]), lowercased; punctuation and spacing are ignored. Each
//! word is hashed to a `u64` with xxh3 (seed 0) over its UTF-8 bytes. A *shingle* is `k`
//! consecutive words (default 5); its hash is xxh3 (seed 0) over the `k` word hashes written as
//! little-endian `u64`s. The *fingerprint* of a body is xxh3 (seed 0) over all its word hashes,
//! little-endian, in order: two bodies have the same fingerprint when they have the same words in
//! the same order. These formats are stable: signatures and fingerprints stored by one version
//! compare with those of the next.

use crate::normalize::for_matching;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use xxhash_rust::xxh3::xxh3_64;

/// Words per shingle by default.
pub const DEFAULT_SHINGLE_WORDS: usize = 5;

/// The lexical features of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shingled {
    /// Number of words.
    pub words: usize,
    /// Hash of the whole word sequence: equal for bodies that are the same after normalisation.
    pub fingerprint: u64,
    /// One hash per shingle, in text order (repeats kept; see [`ShingleSet`] for the set).
    pub shingles: Vec<u64>,
}

/// Hashes of the words of `text`, in order (see the module documentation for what a word is).
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 5);
    // Fast path: text whose every character is already in NFKC (nearly all news text, curly
    // quotes included) is tokenised as it is; the rest goes through `for_matching` first.
    if !words_of_nfkc(text, &mut out) {
        out.clear();
        let norm = for_matching(text);
        words_of_nfkc(&norm, &mut out);
    }
    out
}

/// Pushes the hashes of the words of `s` to `out`; false (stopping early) when a character is
/// not known to be in NFKC.
fn words_of_nfkc(s: &str, out: &mut Vec<u64>) -> bool {
    let bytes = s.as_bytes();
    let mut word: Vec<u8> = Vec::with_capacity(64);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits, hashed in place when it is a whole word.
            let start = i;
            let mut upper = false;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                upper |= bytes[i].is_ascii_uppercase();
                i += 1;
            }
            let run = &bytes[start..i];
            let whole = word.is_empty() && bytes.get(i).is_none_or(|&n| n < 0x80);
            if whole && !upper {
                out.push(xxh3_64(run));
            } else {
                word.extend(run.iter().map(u8::to_ascii_lowercase));
                if whole {
                    out.push(xxh3_64(&word));
                    word.clear();
                }
            }
            continue;
        }
        if b < 0x80 {
            if !word.is_empty() {
                out.push(xxh3_64(&word));
                word.clear();
            }
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            return false;
        };
        i += c.len_utf8();
        let alnum = c.is_alphanumeric();
        if is_nfkc_quick(std::iter::once(c)) != IsNormalized::Yes
            // A separator stays one when its compatibility form has no letter or digit
            // (no-break space, ellipsis); "ﬁ", "①" or "™" need the whole text normalised.
            && (alnum || std::iter::once(c).nfkc().any(char::is_alphanumeric))
        {
            return false;
        }
        if alnum {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                word.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        } else if !word.is_empty() {
            out.push(xxh3_64(&word));
            word.clear();
        }
    }
    if !word.is_empty() {
        out.push(xxh3_64(&word));
    }
    true
}

fn le_bytes(words: &[u64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 * words.len());
    for w in words {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// The hash of each window of `k` consecutive word hashes; none when there are fewer than `k`
/// words (or `k` is 0).
pub fn shingle_hashes(words: &[u64], k: usize) -> Vec<u64> {
    if k == 0 || words.len() < k {
        return Vec::new();
    }
    let bytes = le_bytes(words);
    (0..=words.len() - k)
        .map(|i| xxh3_64(&bytes[8 * i..8 * (i + k)]))
        .collect()
}

/// Hash of the whole word sequence.
pub fn fingerprint(words: &[u64]) -> u64 {
    xxh3_64(&le_bytes(words))
}

/// Words, fingerprint and `k`-word shingles of `text`.
pub fn shingle(text: &str, k: usize) -> Shingled {
    let words = word_hashes(text);
    Shingled {
        words: words.len(),
        fingerprint: fingerprint(&words),
        shingles: shingle_hashes(&words, k),
    }
}

/// A set of shingle hashes, sorted and without repeats, for exact Jaccard similarity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShingleSet(Vec<u64>);

impl ShingleSet {
    /// The set of the given hashes.
    pub fn new(mut hashes: Vec<u64>) -> ShingleSet {
        hashes.sort_unstable();
        hashes.dedup();
        ShingleSet(hashes)
    }

    /// Number of distinct shingles.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no shingle.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sorted hashes.
    pub fn hashes(&self) -> &[u64] {
        &self.0
    }

    /// Exact Jaccard similarity |A∩B| / |A∪B|; 0 when both are empty.
    pub fn jaccard(&self, other: &ShingleSet) -> f64 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut inter) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    inter += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let union = a.len() + b.len() - inter;
        if union == 0 {
            0.0
        } else {
            inter as f64 / union as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_punctuation_quotes_and_spacing() {
        let a = word_hashes("Trump\u{2019}s \u{201C}COMMON  SENSE\u{201D} \u{2014} fine.");
        let b = word_hashes("trump's common sense - FINE");
        assert_eq!(a, b);
        assert_eq!(a.len(), 5);
        assert_ne!(word_hashes("common sense"), word_hashes("sense common"));
        // Non-ASCII words are lowercased like ASCII ones; compatibility forms are folded.
        assert_eq!(word_hashes("ÉCOLE Zürich"), word_hashes("école zürich"));
        assert_eq!(word_hashes("ﬁne Ｘ"), word_hashes("fine x"));
        assert_eq!(word_hashes("a\u{a0}b\u{2026}c"), word_hashes("a b c"));
        assert_eq!(word_hashes("① Trump™"), word_hashes("1 TrumpTM"));
        assert_eq!(
            word_hashes("Zürich-based ZÜRICH"),
            word_hashes("zürich based zürich")
        );
        assert_eq!(word_hashes("abcé déf"), word_hashes("ABCÉ DÉF"));
    }

    #[test]
    fn the_format_is_stable() {
        // Fixed values: a change here breaks stored signatures and fingerprints.
        let w = word_hashes("The cat");
        assert_eq!(w, [xxh3_64(b"the"), xxh3_64(b"cat")]);
        let s = shingle_hashes(&w, 2);
        let mut bytes = xxh3_64(b"the").to_le_bytes().to_vec();
        bytes.extend(xxh3_64(b"cat").to_le_bytes());
        assert_eq!(s, [xxh3_64(&bytes)]);
        assert_eq!(fingerprint(&w), xxh3_64(&bytes));
    }

    #[test]
    fn shingles_are_windows_and_short_texts_have_none() {
        let s = shingle("one two three four five six", 5);
        assert_eq!(s.words, 6);
        assert_eq!(s.shingles.len(), 2);
        assert!(shingle("one two three four", 5).shingles.is_empty());
        assert!(shingle("", 5).shingles.is_empty());
        assert_eq!(
            shingle("A b, c!", 5).fingerprint,
            shingle("a B c", 5).fingerprint
        );
    }

    #[test]
    fn jaccard_counts_distinct_shingles() {
        let a = ShingleSet::new(vec![1, 2, 3, 3, 4]);
        let b = ShingleSet::new(vec![3, 4, 5, 6]);
        assert_eq!(a.len(), 4);
        assert!((a.jaccard(&b) - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(a.jaccard(&a), 1.0);
        assert_eq!(ShingleSet::default().jaccard(&ShingleSet::default()), 0.0);
    }
}
