//! Word shingles: the lexical features behind `exact` and `near_duplicate`.
//!
//! A text's *words* are the maximal runs of letters and digits of its matching form
//! ([`crate::normalize::for_matching`]), lowercased; punctuation and spacing are ignored. Each
//! word is hashed to a `u64` from its UTF-8 bytes (see [`word_hash`]). A *shingle* is `k`
//! consecutive words (default 5); its hash is a polynomial of the `k` word hashes, finalised
//! (see [`shingle_hashes`]). The *fingerprint* of a body is xxh3 (seed 0) over all its word hashes,
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
    word_hashes_into(text, &mut out);
    out
}

/// [`word_hashes`] into `out` (cleared first).
fn word_hashes_into(text: &str, out: &mut Vec<u64>) {
    out.clear();
    // Fast path: text whose every character is already in NFKC (nearly all news text, curly
    // quotes included) is tokenised as it is; the rest goes through `for_matching` first.
    if !words_of_nfkc(text, out) {
        // Normalised line by line, only the lines that need it: a newline is a separator and
        // inert to NFKC (no decomposition, composes with nothing on either side), so the
        // words are those of the whole text normalised, for a fraction of the work.
        out.clear();
        for line in text.split('\n') {
            let before = out.len();
            if !words_of_nfkc(line, out) {
                out.truncate(before);
                let norm = for_matching(line);
                words_of_nfkc(&norm, out);
            }
        }
    }
}

/// Scratch space of the tokeniser, reused per thread (no allocation per text).
#[derive(Default)]
struct Scratch {
    /// The text with its ASCII capitals lowercased, then at least 16 zero bytes (so that the
    /// 8-byte loads of [`lower_word_hash`] never run past the end).
    lower: Vec<u8>,
    /// One bit per byte (bit `j % 64` of entry `j / 64`): bytes that can be part of a word
    /// (ASCII letters and digits, and every byte of a non-ASCII character).
    word: Vec<u64>,
    /// Non-ASCII bytes (runs holding one need more than hashing in place).
    wide: Vec<u64>,
    /// The word hashes of the text, written by index (never shrunk, so not zeroed per text),
    /// then copied to the caller's vector in one go: no capacity check per word.
    hashes: Vec<u64>,
    /// Words longer than 8 bytes (index in `hashes`, start, length): hashed first as if they
    /// were short, in a loop without a length branch, then hashed properly afterwards.
    long: Vec<(usize, usize, usize)>,
    /// Word hashes of one run with non-ASCII characters.
    wide_words: Vec<u64>,
    /// One word of such a run, lowercased.
    wide_word: Vec<u8>,
}

/// Fills `sc` from `bytes` in one pass, 64 bytes at a time without branches.
fn scan(bytes: &[u8], sc: &mut Scratch) {
    let n = bytes.len();
    let blocks = n.div_ceil(64);
    // Every byte below 64 * blocks is written; only the padding needs zeroing.
    let covered = blocks.saturating_mul(64);
    sc.lower.resize(covered.saturating_add(16), 0);
    if let Some(pad) = sc.lower.get_mut(covered..) {
        pad.fill(0);
    }
    sc.word.clear();
    sc.word.resize(blocks, 0);
    sc.wide.clear();
    sc.wide.resize(blocks, 0);
    let full = bytes.chunks_exact(64);
    let rest = full.remainder();
    let masks = sc.word.iter_mut().zip(sc.wide.iter_mut());
    let mut blocks = sc.lower.chunks_exact_mut(64).zip(masks);
    for (src, (dst, (w, nw))) in full.zip(&mut blocks) {
        if let (Ok(src), Ok(dst)) = (src.try_into(), dst.try_into()) {
            (*w, *nw) = scan_block(src, dst);
        }
    }
    // The last partial block, zero-padded (zero bytes are not word bytes).
    if let (false, Some((dst, (w, nw)))) = (rest.is_empty(), blocks.next()) {
        let mut buf = [0u8; 64];
        for (d, &s) in buf.iter_mut().zip(rest) {
            *d = s;
        }
        if let Ok(dst) = dst.try_into() {
            (*w, *nw) = scan_block(&buf, dst);
        }
    }
}

/// Lowercases the ASCII capitals of `src` into `dst`; returns the masks of its word bytes and
/// of its non-ASCII bytes (bit `j` for byte `j`).
#[inline(always)]
fn scan_block(src: &[u8; 64], dst: &mut [u8; 64]) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    /// The high bits of the eight bytes of `m`, gathered into the low 8 bits.
    #[inline(always)]
    fn gather(m: u64) -> u64 {
        ((m >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
    }
    // Byte by byte, without branches: the compiler makes vector code of this loop (16 bytes
    // per instruction), which eight-byte words handled as integers were not.
    let mut word = [0u8; 64];
    for ((d, w), &b) in dst.iter_mut().zip(&mut word).zip(src) {
        let upper = b.wrapping_sub(b'A') < 26;
        *d = b | (u8::from(upper) << 5);
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        *w = u8::from(letter | digit | (b >= 0x80)) << 7;
    }
    let (mut wm, mut nm) = (0u64, 0u64);
    let eights = word.chunks_exact(8).zip(src.chunks_exact(8));
    for (shift, (w8, s8)) in (0..64).step_by(8).zip(eights) {
        let (w8, s8) = (w8.try_into(), s8.try_into());
        wm |= gather(w8.map_or(0, u64::from_le_bytes)).wrapping_shl(shift);
        nm |= gather(s8.map_or(0, u64::from_le_bytes)).wrapping_shl(shift);
    }
    (wm, nm)
}

/// Eight bytes of `bytes` at `at`, little-endian (0 past the end).
#[inline(always)]
fn read8(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at.saturating_add(8))
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

/// The mask of the low `len` bytes of a `u64`: 0 for 0, every bit from 8 on.
#[inline(always)]
fn byte_mask(len: usize) -> u64 {
    low_bits(len.saturating_mul(8))
}

/// The low `len` bytes of a `u64` (`len` in 1..=8).
#[inline(always)]
fn low_bytes(x: u64, len: usize) -> u64 {
    x & byte_mask(len.clamp(1, 8))
}

/// Up to eight bytes as a little-endian `u64`, zero-padded.
#[inline]
fn load_partial(bytes: &[u8]) -> u64 {
    let mut eight = [0u8; 8];
    for (d, &b) in eight.iter_mut().zip(bytes) {
        *d = b;
    }
    u64::from_le_bytes(eight)
}

/// Bytes `at..at + len` (`len` at most 8) of `bytes` as a little-endian `u64`, zero-padded.
#[inline]
fn load(bytes: &[u8], at: usize, len: usize) -> u64 {
    match bytes.get(at..at.saturating_add(8)) {
        Some(eight) => eight.try_into().map_or(0, u64::from_le_bytes) & byte_mask(len),
        None => load_partial(bytes.get(at..at.saturating_add(len.min(8))).unwrap_or(&[])),
    }
}

/// Seeds of the word hash of words of 1 to 16 bytes.
const WORD_SEED_1: u64 = 0x2d35_8dcc_aa6c_78a5;
const WORD_SEED_2: u64 = 0x8bb8_4b93_962e_acc9;

/// The hash of the word at `bytes[at..at + len]` (UTF-8, lowercase). Words of up to 8 bytes
/// (most words) are read as one zero-padded little-endian `u64` (no word contains a NUL byte,
/// so distinct words give distinct values) and finalised: distinct short words never collide.
/// Words of 9 to 16 bytes combine two such reads; longer ones are hashed with xxh3 (seed 0).
#[inline]
fn word_hash(bytes: &[u8], at: usize, len: usize) -> u64 {
    // Past 8 bytes, `len - 8` is exact (`saturating_sub` only says so without a panic path).
    if len <= 8 {
        fmix64(load(bytes, at, len) ^ WORD_SEED_1)
    } else if len <= 16 {
        let lo = load(bytes, at, 8);
        let hi = load(bytes, at.saturating_add(8), len.saturating_sub(8));
        fmix64(lo ^ WORD_SEED_1) ^ fmix64(hi ^ WORD_SEED_2).rotate_left(29)
    } else {
        xxh3_64(bytes.get(at..at.saturating_add(len)).unwrap_or(&[]))
    }
}

/// [`word_hash`] of `lower[at..at + len]` (`len` at least 1), where `lower` has at least 16
/// readable bytes past every word: whole 8-byte loads, masked, instead of partial reads.
#[inline(always)]
fn lower_word_hash(lower: &[u8], at: usize, len: usize) -> u64 {
    if len <= 8 {
        fmix64(low_bytes(read8(lower, at), len) ^ WORD_SEED_1)
    } else if len <= 16 {
        let lo = read8(lower, at);
        let hi = low_bytes(read8(lower, at.saturating_add(8)), len.saturating_sub(8));
        fmix64(lo ^ WORD_SEED_1) ^ fmix64(hi ^ WORD_SEED_2).rotate_left(29)
    } else {
        xxh3_64(lower.get(at..at.saturating_add(len)).unwrap_or(&[]))
    }
}

/// [`word_hash`] of a whole buffer.
#[inline]
fn buffer_hash(word: &[u8]) -> u64 {
    word_hash(word, 0, word.len())
}

/// Whether any bit of `masks` in `from..to` is set.
#[inline(always)]
fn any_bit(masks: &[u64], from: usize, to: usize) -> bool {
    // `to - 1` is exact: `to > from >= 0`.
    let Some(end) = to.checked_sub(1).filter(|_| from < to) else {
        return false;
    };
    let (first, last) = (from / 64, end / 64);
    let at = |i: usize| masks.get(i).copied().unwrap_or(0);
    // Nearly always: no bit at all in the (one or two) entries the range touches.
    if last <= first.saturating_add(1) && at(first) | at(last) == 0 {
        return false;
    }
    (first..=last).any(|i| {
        let mut m = at(i);
        if i == first {
            m &= !low_bits(from % 64);
        }
        if i == last && to % 64 != 0 {
            m &= low_bits(to % 64);
        }
        m != 0
    })
}

/// The mask of the low `n` bits of a `u64` (every bit from 64 on).
#[inline(always)]
fn low_bits(n: usize) -> u64 {
    let bit = u32::try_from(n).ok().and_then(|n| 1u64.checked_shl(n));
    // `bit` is a nonzero power of two: one less is its low bits, exactly.
    bit.map_or(u64::MAX, |b| b.wrapping_sub(1))
}

/// What a non-ASCII character is to the tokeniser.
enum Wide {
    /// Part of a word (its lowercase form is appended).
    Letter,
    /// Ends a word.
    Separator,
    /// Not known to be in NFKC: the whole text needs normalising first.
    NotNfkc,
}

fn wide_class(c: char) -> Wide {
    // General Punctuation (curly quotes, dashes, ellipsis, special spaces): separators whatever
    // their compatibility form, which has no letter or digit. Nearly all non-ASCII in news.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return Wide::Separator;
    }
    let alnum = c.is_alphanumeric();
    if is_nfkc_quick(std::iter::once(c)) != IsNormalized::Yes
        // A separator stays one when its compatibility form has no letter or digit
        // (no-break space); "ﬁ", "①" or "™" need the whole text normalised.
        && (alnum || std::iter::once(c).nfkc().any(char::is_alphanumeric))
    {
        return Wide::NotNfkc;
    }
    if alnum {
        Wide::Letter
    } else {
        Wide::Separator
    }
}

/// Pushes the hashes of the words of `s` to `out`; false (stopping early) when a character is
/// not known to be in NFKC.
///
/// One pass ([`scan`]) lowercases the ASCII capitals into a scratch copy and finds the word
/// bytes and the non-ASCII bytes; a run of word bytes without non-ASCII (most words) is one
/// word, hashed in place from the copy; any other run is split and lowercased character by
/// character.
fn words_of_nfkc(s: &str, out: &mut Vec<u64>) -> bool {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> =
            std::cell::RefCell::new(Scratch::default());
    }
    SCRATCH.with(|sc| match sc.try_borrow_mut() {
        Ok(mut sc) => words_with_scratch(s, out, &mut sc),
        // Re-entered on this thread (cannot happen today): fresh buffers.
        Err(_) => words_with_scratch(s, out, &mut Scratch::default()),
    })
}

/// [`words_of_nfkc`] with its scratch space given.
///
/// Per block of 64 bytes, word starts are the set bits of `m & !prev` and word ends (one past
/// the last byte) those of `!m & prev`, where `prev` is the word mask shifted by one byte (with
/// the previous block's top bit carried in); starts and ends alternate, so each end pairs with
/// the start before it. A word open at the end of a block keeps its start in `from`.
fn words_with_scratch(s: &str, out: &mut Vec<u64>, sc: &mut Scratch) -> bool {
    let n = s.len();
    scan(s.as_bytes(), sc);
    // Words are disjoint non-empty byte ranges with at least one byte between two: at most
    // n / 2 + 1 of them, and at most n / 10 + 1 longer than 8 bytes. The slots are written by
    // index (the loop writes one more, ignored, after the last long word).
    let (most, most_long) = ((n / 2).saturating_add(2), (n / 10).saturating_add(2));
    if sc.hashes.len() < most {
        sc.hashes.resize(most, 0);
    }
    if sc.long.len() < most_long {
        sc.long.resize(most_long, (0, 0, 0));
    }
    let Scratch {
        lower,
        word: word_mask,
        wide,
        hashes,
        long,
        wide_words,
        wide_word,
    } = sc;
    let (lower, word_mask, wide) = (lower.as_slice(), word_mask.as_slice(), wide.as_slice());
    let (hashes, long) = (hashes.as_mut_slice(), long.as_mut_slice());
    // Words written to `hashes`, long words written to `long`.
    let (mut k, mut nl) = (0usize, 0usize);
    let mut carry = 0u64;
    // The start of the word open at a block boundary (when `carry` is 1).
    let mut from = 0usize;
    // Whether the word open at a block boundary may hold a non-ASCII byte.
    let mut tainted = false;
    // Blocks start at multiples of 64; a bit's byte is the block's start plus its position
    // (64, one past the block, for an empty mask).
    let blocks = (0usize..).step_by(64).zip(word_mask.iter().zip(wide));
    for (base, (&m, &nw)) in blocks {
        let prev = (m << 1) | carry;
        let mut starts = m & !prev;
        let mut ends = !m & prev;
        if carry == 0 {
            from = first_bit(base, starts);
            starts &= starts.wrapping_sub(1);
        }
        carry = m >> 63;
        // After each end, the next start (past the block when none is left: then no end
        // follows either, and no word is open).
        let mut next_start = || {
            let at = first_bit(base, starts);
            starts &= starts.wrapping_sub(1);
            at
        };
        // Blocks without non-ASCII bytes (nearly all), ending no word that began in one with
        // them, need no check per word.
        let check = nw != 0 || tainted;
        tainted = carry != 0 && check;
        if !check {
            while ends != 0 {
                let at = first_bit(base, ends);
                ends &= ends.wrapping_sub(1);
                (k, nl) = put_ascii_word(hashes, long, (k, nl), lower, from, at);
                from = next_start();
            }
            continue;
        }
        while ends != 0 {
            let at = first_bit(base, ends);
            ends &= ends.wrapping_sub(1);
            if any_bit(wide, from, at) {
                if !punctuated_run_words(s, lower, from, at.min(n), wide_words)
                    && !wide_run_words(s, from, at.min(n), wide_words, wide_word)
                {
                    return false;
                }
                k = put_words(hashes, k, wide_words);
            } else {
                (k, nl) = put_ascii_word(hashes, long, (k, nl), lower, from, at);
            }
            from = next_start();
        }
    }
    // A word running to the end of the text, when that is a multiple of 64 bytes.
    if carry != 0 {
        if any_bit(wide, from, n) {
            if !wide_run_words(s, from, n, wide_words, wide_word) {
                return false;
            }
            k = put_words(hashes, k, wide_words);
        } else {
            (k, nl) = put_ascii_word(hashes, long, (k, nl), lower, from, n);
        }
    }
    // The long words, hashed properly.
    for &(slot, start, len) in long.iter().take(nl) {
        if let Some(h) = hashes.get_mut(slot) {
            *h = lower_word_hash(lower, start, len);
        }
    }
    out.extend_from_slice(hashes.get(..k).unwrap_or(hashes));
    true
}

/// The byte of the lowest set bit of `mask` in the block starting at byte `base` (`base + 64`
/// when none is set).
#[inline(always)]
fn first_bit(base: usize, mask: u64) -> usize {
    base.saturating_add(mask.trailing_zeros() as usize)
}

/// Copies `words` to `hashes` from slot `k`; returns the next free slot. The slots are sized
/// for the most words a text can hold, so the copy always fits (a copy that did not would be
/// left out, never written past the end).
#[inline]
fn put_words(hashes: &mut [u64], k: usize, words: &[u64]) -> usize {
    let end = k.saturating_add(words.len());
    match hashes.get_mut(k..end) {
        Some(slots) => {
            slots.copy_from_slice(words);
            end
        }
        None => k,
    }
}

/// Writes the hash of the ASCII word `lower[from..to]` to `hashes[k]` as if it were of at most
/// 8 bytes, without branching on its length; a longer word is also noted in `long[nl]` (to be
/// hashed again). Returns the new `(k, nl)`.
#[inline(always)]
fn put_ascii_word(
    hashes: &mut [u64],
    long: &mut [(usize, usize, usize)],
    (k, nl): (usize, usize),
    lower: &[u8],
    from: usize,
    to: usize,
) -> (usize, usize) {
    let len = to.saturating_sub(from);
    // The low `len` bytes for `len` in 1..=8, anything for a longer word (hashed again): four
    // instructions, no clamping (`wrapping_shr` takes its count mod 64, as x86 shifts do).
    let mask = u64::MAX.wrapping_shr(64u32.wrapping_sub((len as u32).wrapping_mul(8)));
    // The slots are sized for the most words (and long words) a text can hold; the loop
    // writes one more long slot, ignored, after the last long word.
    let (Some(hash), Some(slot)) = (hashes.get_mut(k), long.get_mut(nl)) else {
        return (k, nl);
    };
    *hash = fmix64((read8(lower, from) & mask) ^ WORD_SEED_1);
    *slot = (k, from, len);
    (k.saturating_add(1), nl.saturating_add(usize::from(len > 8)))
}

/// [`wide_run_words`] of a run whose non-ASCII characters are all General Punctuation (curly
/// quotes and apostrophes, dashes: nearly all the non-ASCII of news), which are separators: the
/// ASCII words between them are hashed in place from `lower`. False (and `out` to be ignored)
/// for any other run.
fn punctuated_run_words(
    s: &str,
    lower: &[u8],
    start: usize,
    end: usize,
    out: &mut Vec<u64>,
) -> bool {
    out.clear();
    let bytes = s.as_bytes();
    let (mut i, mut word) = (start, start);
    // Byte offsets inside `s`: the additions cannot overflow, the subtractions are guarded.
    while let Some(&b) = bytes.get(i).filter(|_| i < end) {
        if b < 0x80 {
            i = i.saturating_add(1);
            continue;
        }
        // U+2000..=U+206F is E2 80 80..=BF or E2 81 80..=AF in UTF-8.
        let next = |d: usize| bytes.get(i.saturating_add(d));
        match (b, next(1), next(2)) {
            (0xE2, Some(0x80), _) | (0xE2, Some(0x81), Some(0x80..=0xAF)) => {}
            _ => return false,
        }
        if i > word {
            out.push(lower_word_hash(lower, word, i.saturating_sub(word)));
        }
        i = i.saturating_add(3);
        word = i;
    }
    if end > word {
        out.push(lower_word_hash(lower, word, end.saturating_sub(word)));
    }
    true
}

/// The hashes of the words of the run of word bytes `start..end` of `s` that holds non-ASCII
/// characters (letters, or separators that split it), into `out` (cleared first); false when
/// the run is not in NFKC.
#[cold]
fn wide_run_words(
    s: &str,
    start: usize,
    end: usize,
    out: &mut Vec<u64>,
    word: &mut Vec<u8>,
) -> bool {
    out.clear();
    let Some(run) = s.get(start..end) else {
        return false;
    };
    word.clear();
    for c in run.chars() {
        if c.is_ascii() {
            word.push(c.to_ascii_lowercase() as u8);
            continue;
        }
        match wide_class(c) {
            Wide::NotNfkc => return false,
            Wide::Letter => {
                let mut buf = [0u8; 4];
                for l in c.to_lowercase() {
                    word.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                }
            }
            Wide::Separator => {
                if !word.is_empty() {
                    out.push(buffer_hash(word));
                    word.clear();
                }
            }
        }
    }
    if !word.is_empty() {
        out.push(buffer_hash(word));
    }
    true
}

/// Multiplier of the shingle polynomial (odd, from the golden ratio).
const SHINGLE_P: u64 = 0x9E37_79B9_7F4A_7C15;

/// The 64-bit finaliser of MurmurHash3: a bijection whose every output bit depends on every
/// input bit.
#[inline]
fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash of one window of word hashes (see [`shingle_hashes`]).
#[inline]
fn window_hash(words: &[u64]) -> u64 {
    fmix64(
        words
            .iter()
            .fold(0u64, |h, &w| h.wrapping_mul(SHINGLE_P).wrapping_add(w)),
    )
}

/// `SHINGLE_P` to the powers 2, 3 and 4 (mod 2⁶⁴), for 5-word windows.
const P2: u64 = SHINGLE_P.wrapping_mul(SHINGLE_P);
const P3: u64 = P2.wrapping_mul(SHINGLE_P);
const P4: u64 = P3.wrapping_mul(SHINGLE_P);

/// The hash of each window of `k` consecutive word hashes; none when there are fewer than `k`
/// words (or `k` is 0). A window `w₁ … w_k` hashes to `fmix64(Σ wᵢ·P^(k−i) mod 2⁶⁴)` with
/// `P = 0x9E3779B97F4A7C15`: word hashes are already uniform, so a polynomial and a finaliser
/// suffice (two windows differing in one word always differ), at a fraction of the cost of
/// hashing their bytes again.
pub fn shingle_hashes(words: &[u64], k: usize) -> Vec<u64> {
    let mut out = Vec::new();
    shingle_hashes_into(words, k, &mut out);
    out
}

/// [`shingle_hashes`] into `out` (cleared first).
pub fn shingle_hashes_into(words: &[u64], k: usize, out: &mut Vec<u64>) {
    out.clear();
    if k == 0 || words.len() < k {
        return;
    }
    if k == DEFAULT_SHINGLE_WORDS {
        // Each rolled window depends on the one before, so one pass is bound by the latency
        // of that chain: the two halves of the windows are computed side by side, as two
        // independent chains.
        let n = words.windows(k).len();
        out.resize(n, 0);
        let (first, second) = out.split_at_mut(n / 2);
        let mut second = second
            .iter_mut()
            .zip(rolled_five_word_windows(words.get(n / 2..).unwrap_or(&[])));
        for ((x, a), (y, b)) in first
            .iter_mut()
            .zip(rolled_five_word_windows(words))
            .zip(&mut second)
        {
            *x = a;
            *y = b;
        }
        for (y, b) in second {
            *y = b;
        }
    } else {
        let windows = words.windows(k);
        out.reserve_exact(windows.len());
        out.extend(windows.map(window_hash));
    }
}

/// The hashes of the 5-word windows of `words`, in order: the polynomial of
/// [`shingle_hashes`], rolled. Each window is the previous one without its first word, times P,
/// plus the new word: two products instead of five.
fn rolled_five_word_windows(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    // a·P³ + b·P² + c·P + d: the window before the first, without its first word.
    let mut h = match words {
        [a, b, c, d, ..] => a
            .wrapping_mul(P3)
            .wrapping_add(b.wrapping_mul(P2))
            .wrapping_add(c.wrapping_mul(SHINGLE_P))
            .wrapping_add(*d),
        _ => 0,
    };
    let entering = words.get(4..).unwrap_or(&[]);
    words.iter().zip(entering).map(move |(&left, &enters)| {
        let full = h.wrapping_mul(SHINGLE_P).wrapping_add(enters);
        h = full.wrapping_sub(left.wrapping_mul(P4));
        fmix64(full)
    })
}

/// Hash of the whole word sequence.
pub fn fingerprint(words: &[u64]) -> u64 {
    // The bytes laid out in a buffer reused per thread, then hashed in one call: faster than
    // streaming them (the streaming hasher copies its input into its own buffer first).
    thread_local! {
        static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BYTES.with(|b| match b.try_borrow_mut() {
        Ok(mut bytes) => {
            let len = words.len().saturating_mul(8);
            // Only grown (never cleared), so the bytes are not zeroed per call.
            if bytes.len() < len {
                bytes.resize(len, 0);
            }
            let Some(bytes) = bytes.get_mut(..len) else {
                return streamed_fingerprint(words);
            };
            for (w, slot) in words.iter().zip(bytes.chunks_exact_mut(8)) {
                slot.copy_from_slice(&w.to_le_bytes());
            }
            xxh3_64(bytes)
        }
        Err(_) => streamed_fingerprint(words),
    })
}

/// [`fingerprint`] streamed through a stack buffer: the same value as hashing the whole byte
/// string.
fn streamed_fingerprint(words: &[u64]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = [0u8; 8 * 64];
    for chunk in words.chunks(64) {
        for (w, slot) in chunk.iter().zip(buf.chunks_exact_mut(8)) {
            slot.copy_from_slice(&w.to_le_bytes());
        }
        // A chunk holds at most 64 words: its bytes fit the buffer.
        h.update(buf.get(..chunk.len().saturating_mul(8)).unwrap_or(&buf));
    }
    h.digest()
}

/// Words, fingerprint and `k`-word shingles of `text`.
pub fn shingle(text: &str, k: usize) -> Shingled {
    let mut shingles = Vec::new();
    let (words, fingerprint) = shingle_into(text, k, &mut shingles);
    Shingled {
        words,
        fingerprint,
        shingles,
    }
}

/// [`shingle`] with the shingles written into `shingles` (cleared first; reuse it to save an
/// allocation): returns the number of words and the fingerprint.
pub fn shingle_into(text: &str, k: usize, shingles: &mut Vec<u64>) -> (usize, u64) {
    // The word hashes are scratch space, reused per thread.
    thread_local! {
        static WORDS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut of = |words: &[u64]| {
        shingle_hashes_into(words, k, shingles);
        (words.len(), fingerprint(words))
    };
    WORDS.with(|w| match w.try_borrow_mut() {
        Ok(mut words) => {
            word_hashes_into(text, &mut words);
            of(&words)
        }
        Err(_) => of(&word_hashes(text)),
    })
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
        let inter = common_sorted(a, b);
        // `inter` is at most the shorter length: the union is exact.
        let union = a.len().saturating_add(b.len()).saturating_sub(inter);
        if union == 0 {
            0.0
        } else {
            inter as f64 / union as f64
        }
    }
}

/// How many items two sorted lists have in common (each item of either counted once).
pub fn common_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    let mut common = 0usize;
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                common = common.saturating_add(1);
                a.next();
                b.next();
            }
        }
    }
    common
}

/// Exact Jaccard similarity of the sets of two lists of shingle hashes (any order, repeats
/// allowed): what [`ShingleSet::jaccard`] gives for their sets, without sorting either list.
/// Both go into one open-addressing table (shingle hashes are uniform, so their low bits place
/// them), each entry marked with the lists it is in; a dedup verification costs a few µs.
pub fn jaccard_of(a: &[u64], b: &[u64]) -> f64 {
    thread_local! {
        static TABLE: std::cell::RefCell<(Vec<u64>, Vec<u8>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    TABLE.with(|t| match t.try_borrow_mut() {
        Ok(mut t) => {
            let (keys, marks) = &mut *t;
            jaccard_in(a, b, keys, marks)
        }
        Err(_) => jaccard_in(a, b, &mut Vec::new(), &mut Vec::new()),
    })
}

/// [`jaccard_of`] with its table given (`marks`: 0 empty, bit 0 in `a`, bit 1 in `b`).
fn jaccard_in(a: &[u64], b: &[u64], keys: &mut Vec<u64>, marks: &mut Vec<u8>) -> f64 {
    // At most half full, so probes are short. Capped so that the power of two cannot
    // overflow (lists that long could not be held in memory anyway).
    let size = (a.len().saturating_add(b.len()))
        .saturating_mul(2)
        .min(1 << 48)
        .next_power_of_two()
        .max(16);
    let mask = size.saturating_sub(1);
    keys.clear();
    keys.resize(size, 0);
    marks.clear();
    marks.resize(size, 0);
    for (list, bit) in [(a, 1u8), (b, 2u8)] {
        for &h in list {
            // `i` stays below `size`, the length of both vectors (`mask` wraps it).
            let mut i = (h as usize) & mask;
            while marks.get(i).is_some_and(|&m| m != 0) && keys.get(i).is_some_and(|&k| k != h) {
                i = i.wrapping_add(1) & mask;
            }
            if let (Some(k), Some(m)) = (keys.get_mut(i), marks.get_mut(i)) {
                *k = h;
                *m |= bit;
            }
        }
    }
    let (mut inter, mut union) = (0usize, 0usize);
    for &m in marks.iter() {
        union = union.saturating_add(usize::from(m != 0));
        inter = inter.saturating_add(usize::from(m == 3));
    }
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_words_hash_as_their_lowercase_at_every_length() {
        for len in 1..=20 {
            let lower: String = (0..len).map(|i| (b'a' + (i % 26) as u8) as char).collect();
            let mixed: String = lower
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 3 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            let with_digits = format!("{mixed}7");
            assert_eq!(word_hashes(&mixed), word_hashes(&lower), "{mixed}");
            assert_eq!(
                word_hashes(&with_digits),
                word_hashes(&format!("{lower}7")),
                "{with_digits}"
            );
            assert_ne!(word_hashes(&lower), word_hashes(&format!("{lower}x")));
        }
    }

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
        let short = |b: &[u8; 8]| fmix64(u64::from_le_bytes(*b) ^ 0x2d35_8dcc_aa6c_78a5);
        let (the, cat) = (short(b"the\0\0\0\0\0"), short(b"cat\0\0\0\0\0"));
        assert_eq!(w, [the, cat]);
        let s = shingle_hashes(&w, 2);
        let poly = the.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(cat);
        assert_eq!(s, [fmix64(poly)]);
        let mut bytes = the.to_le_bytes().to_vec();
        bytes.extend(cat.to_le_bytes());
        assert_eq!(fingerprint(&w), xxh3_64(&bytes));
        assert_eq!(
            word_hashes("abcdefghijklmnopq"),
            [xxh3_64(b"abcdefghijklmnopq")]
        );
    }

    #[test]
    fn the_fingerprint_is_xxh3_of_the_word_bytes_at_every_length() {
        let words: Vec<u64> = (0..300u64).map(|i| fmix64(i ^ 0x77)).collect();
        for n in [0, 1, 2, 63, 64, 65, 128, 300] {
            let w = &words[..n];
            let bytes: Vec<u8> = w.iter().flat_map(|x| x.to_le_bytes()).collect();
            assert_eq!(fingerprint(w), xxh3_64(&bytes), "{n}");
            assert_eq!(streamed_fingerprint(w), xxh3_64(&bytes), "{n}");
        }
    }

    /// The words as defined in the module documentation, the slow and obvious way.
    fn reference(text: &str) -> Vec<u64> {
        for_matching(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| buffer_hash(w.to_lowercase().as_bytes()))
            .collect()
    }

    #[test]
    fn the_fast_tokeniser_agrees_with_the_definition() {
        let pieces = [
            "a",
            "The",
            "cat",
            "ÉCOLE",
            "zürich",
            "internationalisation",
            "SUPERCALIFRAGILISTIC",
            "eightchr",
            "ninechars",
            "sixteen-chars-xx",
            "1998",
            "$363",
            "“quoted”",
            "don't",
            "it’s",
            "—",
            "…",
            "x\u{a0}y",
            "Straße",
            "ǅemal",
            "ﬁne",
            "Ⅻ",
            "日本語",
            "\u{301}é",
            "tab\there",
            "a.b,c;d",
            "  ",
            "\n",
            "Zoë's",
            "İstanbul",
            "\n\u{301}a",
            "½\n",
            "x™",
            "e\n\u{308}",
        ];
        // Texts of many lengths, so that words cross every 8- and 64-byte boundary and end
        // the text.
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
            text.push_str(if i % 5 == 0 { "" } else { " " });
            assert_eq!(word_hashes(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn runs_split_by_general_punctuation_agree_with_the_definition() {
        // The first and last characters of U+2000..=U+206F, and neighbours outside it (U+2070
        // and U+2071 are a superscript digit and letter that NFKC folds to "0" and "i").
        let marks = [
            "\u{2000}", "\u{2019}", "\u{201C}", "\u{203F}", "\u{2040}", "\u{2060}", "\u{206F}",
            "\u{1FFF}", "\u{2070}", "\u{2071}", "é", "",
        ];
        for a in marks {
            for b in marks {
                for word in ["x", "Trump", "SUPERCALIFRAGILISTIC", "ninechars"] {
                    let text = format!("{a}{word}{b}{word}{a} {b}{word}{b}{a}");
                    assert_eq!(word_hashes(&text), reference(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn rolled_five_word_windows_agree_with_the_polynomial() {
        let words: Vec<u64> = (0..300u64)
            .map(|i| fmix64(i ^ 0x5555) ^ (i << 60))
            .collect();
        for n in 0..words.len() {
            let w = &words[..n];
            let want: Vec<u64> = if n < 5 {
                Vec::new()
            } else {
                w.windows(5).map(window_hash).collect()
            };
            assert_eq!(shingle_hashes(w, 5), want, "{n}");
        }
        assert_eq!(
            shingle_hashes(&words, 3),
            words.windows(3).map(window_hash).collect::<Vec<_>>()
        );
    }

    #[test]
    fn short_and_long_words_do_not_collide() {
        let words = [
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh0",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "b",
            "ba",
        ];
        let mut hashes: Vec<u64> = words.iter().flat_map(|w| word_hashes(w)).collect();
        assert_eq!(hashes.len(), words.len());
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
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
    fn jaccard_of_lists_is_the_jaccard_of_their_sets() {
        let h = |i: u64| fmix64(i);
        for (a, b) in [
            (
                (0..800).map(h).collect::<Vec<_>>(),
                (100..900).map(h).collect::<Vec<_>>(),
            ),
            (
                (0..50).chain(0..50).map(h).collect(),
                (25..30).map(h).collect(),
            ),
            (vec![0, 0, 1], vec![1, 2]),
            (vec![], (0..3).map(h).collect()),
            (vec![], vec![]),
        ] {
            let want = ShingleSet::new(a.clone()).jaccard(&ShingleSet::new(b.clone()));
            assert_eq!(jaccard_of(&a, &b), want, "{} {}", a.len(), b.len());
            assert_eq!(jaccard_of(&b, &a), want);
        }
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
