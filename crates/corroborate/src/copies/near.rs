//! Copies inside a story: which pairs of articles are `exact` copies or `near_duplicate`s, with
//! the exact shingle Jaccard similarity and, as evidence, the sentences they share word for word.
//!
//! Stories are small, so every pair is compared exactly (no sketch): same fingerprint → `exact`
//! (score 1); otherwise, when both have at least [`DedupConfig::min_words`] words, Jaccard of the
//! shingle sets at or above [`DedupConfig::threshold`] → `near_duplicate`. Other pairs get no
//! lexical relation here (they are `rewrite` or `independent`, decided elsewhere).

use crate::article::Article;
use crate::copies::dedup::{DedupConfig, DupKind};
use crate::copies::kind::pairs;
use crate::copies::shingles::{fingerprint, shingle, word_hashes, ShingleSet};
use std::collections::HashMap;

/// Two sentences with the same words, one in each article.
#[derive(Debug, Clone, PartialEq)]
pub struct SentencePair {
    /// Sentence index in article `a`.
    pub a_sentence: usize,
    /// Sentence index in article `b`.
    pub b_sentence: usize,
    /// Similarity of the two sentences (1 for the same words).
    pub similarity: f64,
}

/// A lexical relation between two articles of a story.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRelation {
    /// Index of the first article in the slice given (the smaller index).
    pub a: usize,
    /// Index of the second article.
    pub b: usize,
    /// `exact` or `near_duplicate`.
    pub kind: DupKind,
    /// Exact Jaccard similarity of the shingle sets (1 for exact copies).
    pub score: f64,
    /// Shared sentences, in `a`'s order, at most [`DedupConfig::max_evidence`].
    pub evidence: Vec<SentencePair>,
}

/// Fewest words for a sentence to count as evidence ("Yes." shared by two articles proves little).
const MIN_EVIDENCE_WORDS: usize = 4;

/// Exact and near-duplicate pairs among `articles`, ordered by `(a, b)`. Only kinds enabled in
/// `cfg.kinds` are given.
pub fn near_duplicate_relations(articles: &[&Article], cfg: &DedupConfig) -> Vec<PairRelation> {
    let features: Vec<_> = articles
        .iter()
        .map(|a| {
            let s = shingle(&a.text, cfg.shingle_words);
            (*a, s.words, s.fingerprint, ShingleSet::new(s.shingles))
        })
        .collect();
    let mut out = Vec::new();
    for ((i, (ai, wi, fi, si)), (j, (aj, wj, fj, sj))) in pairs(&features) {
        let (kind, score) = if cfg.kinds.exact && *wi > 0 && fi == fj {
            (DupKind::Exact, 1.0)
        } else if cfg.kinds.near && *wi >= cfg.min_words && *wj >= cfg.min_words {
            let jac = si.jaccard(sj);
            if jac < cfg.threshold {
                continue;
            }
            (DupKind::NearDuplicate, jac)
        } else {
            continue;
        };
        out.push(PairRelation {
            a: i,
            b: j,
            kind,
            score,
            evidence: shared_sentences(ai, aj, cfg.max_evidence),
        });
    }
    out
}

/// Sentences of `a` and `b` with the same words, each sentence used once, in `a`'s order.
pub fn shared_sentences(a: &Article, b: &Article, limit: usize) -> Vec<SentencePair> {
    let key = |s: &str| {
        let w = word_hashes(s);
        (w.len() >= MIN_EVIDENCE_WORDS).then(|| fingerprint(&w))
    };
    let mut in_b: HashMap<u64, Vec<usize>> = HashMap::new();
    let b_sentences: Vec<&str> = b.sentence_texts().collect();
    for (j, s) in b_sentences.iter().enumerate().rev() {
        if let Some(k) = key(s) {
            in_b.entry(k).or_default().push(j);
        }
    }
    let mut out = Vec::new();
    for (i, s) in a.sentence_texts().enumerate() {
        if out.len() >= limit {
            break;
        }
        let Some(k) = key(s) else { continue };
        if let Some(j) = in_b.get_mut(&k).and_then(Vec::pop) {
            out.push(SentencePair {
                a_sentence: i,
                b_sentence: j,
                similarity: 1.0,
            });
        }
    }
    out
}
