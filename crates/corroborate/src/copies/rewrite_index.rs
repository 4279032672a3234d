//! Candidate rewrites for streaming deduplication, without story clustering: the earlier
//! articles that share several *rare* content words with a new one.
//!
//! A paraphrased rewrite keeps the names, places, numbers and uncommon words of its original
//! while changing its phrasing, so word shingles miss it; the rarest content words of an
//! article are what its rewrites still share. Terms are the stemmed content words of the
//! lexical sentence vectors ([`crate::similarity::content_words`]), hashed.
//!
//! Document frequencies are counted as articles stream by. Each kept article is indexed under
//! its [`RewriteIndexConfig::indexed_terms`] rarest terms at the time it is kept; a new article
//! queries with all its terms, and the kept articles sharing at least
//! [`RewriteIndexConfig::min_shared`] of them are candidates (the most shared first, at most
//! [`RewriteIndexConfig::max_candidates`]). Terms indexed for
//! [`RewriteIndexConfig::postings_cap`] articles are common and stop being indexed or queried.
//! Candidates are then verified by sentence alignment (see [`crate::copies::dedup`]).
//!
//! Memory per kept article: at most `indexed_terms` postings of 4 bytes, plus one counter per
//! distinct term seen (the vocabulary).

use crate::similarity::SentenceVectors;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Options of the candidate index, with documented defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewriteIndexConfig {
    /// Rarest terms under which a kept article is indexed. Default 24.
    pub indexed_terms: usize,
    /// Indexed terms a kept article must share with a new one to be a candidate. Default 4:
    /// separate reports of one event share a few names; rewrites share many rare words.
    pub min_shared: usize,
    /// Articles indexed under one term at most; a term reaching it is common and is neither
    /// indexed nor queried any more. Default 512.
    pub postings_cap: usize,
    /// Candidates verified per article at most (those sharing the most terms). Default 8.
    pub max_candidates: usize,
}

impl Default for RewriteIndexConfig {
    fn default() -> Self {
        RewriteIndexConfig {
            indexed_terms: 24,
            min_shared: 4,
            postings_cap: 512,
            max_candidates: 8,
        }
    }
}

/// The distinct content-word terms of an article's lexical sentence vectors, hashed and
/// sorted. Semantic vectors have no terms (empty).
pub fn terms(vectors: &SentenceVectors) -> Vec<u64> {
    let SentenceVectors::Lexical(sentences) = vectors else {
        return Vec::new();
    };
    let mut out: Vec<u64> = sentences
        .iter()
        .flatten()
        .map(|w| xxh3_64(w.as_bytes()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The candidate index over kept articles, numbered `0, 1, 2, …` by the caller.
#[derive(Debug, Clone, Default)]
pub struct RewriteIndex {
    cfg: RewriteIndexConfig,
    /// Articles seen with each term.
    df: FxHashMap<u64, u32>,
    /// Kept articles indexed under each term.
    postings: FxHashMap<u64, Vec<u32>>,
}

impl RewriteIndex {
    /// An empty index.
    pub fn new(cfg: RewriteIndexConfig) -> RewriteIndex {
        RewriteIndex {
            cfg,
            ..RewriteIndex::default()
        }
    }

    /// Counts an article's terms (distinct, see [`terms`]) in the document frequencies. Call it
    /// for every article, kept or not.
    pub fn observe(&mut self, terms: &[u64]) {
        for &t in terms {
            let n = self.df.entry(t).or_insert(0);
            *n = n.saturating_add(1);
        }
    }

    /// Kept articles sharing at least `min_shared` indexed terms with `terms`: at most
    /// `max_candidates`, those sharing the most (ties: the earliest), in ascending order.
    pub fn candidates(&self, terms: &[u64]) -> Vec<u32> {
        let mut hits: Vec<u32> = Vec::new();
        for t in terms {
            if let Some(list) = self.postings.get(t) {
                if list.len() < self.cfg.postings_cap {
                    hits.extend_from_slice(list);
                }
            }
        }
        hits.sort_unstable();
        let mut counted: Vec<(usize, u32)> = Vec::new();
        for run in hits.chunk_by(|a, b| a == b) {
            match run.first() {
                Some(&first) if run.len() >= self.cfg.min_shared.max(1) => {
                    counted.push((run.len(), first));
                }
                _ => {}
            }
        }
        counted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<u32> = counted
            .into_iter()
            .take(self.cfg.max_candidates)
            .map(|(_, item)| item)
            .collect();
        out.sort_unstable();
        out
    }

    /// Indexes a kept article under its `indexed_terms` rarest terms (fewest articles so far;
    /// ties by hash, so the choice does not depend on the order of `terms`).
    pub fn insert(&mut self, item: u32, terms: &[u64]) {
        let df = |t: &u64| self.df.get(t).copied().unwrap_or(0);
        let mut chosen: Vec<(u32, u64)> = terms.iter().map(|t| (df(t), *t)).collect();
        chosen.sort_unstable();
        for (_, t) in chosen.into_iter().take(self.cfg.indexed_terms) {
            let list = self.postings.entry(t).or_default();
            if list.len() < self.cfg.postings_cap {
                list.push(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> RewriteIndexConfig {
        RewriteIndexConfig {
            indexed_terms: 4,
            min_shared: 2,
            postings_cap: 3,
            max_candidates: 2,
        }
    }

    #[test]
    fn articles_sharing_rare_terms_are_candidates() {
        let mut ix = RewriteIndex::new(cfg());
        // Term 1 is in every article (common); 10.. are each article's own.
        let docs: Vec<Vec<u64>> = vec![
            vec![1, 10, 11, 12],
            vec![1, 20, 21, 22],
            vec![1, 30, 31, 32],
        ];
        for (i, d) in docs.iter().enumerate() {
            ix.observe(d);
            ix.insert(i as u32, d);
        }
        assert_eq!(ix.candidates(&[1, 10, 11, 99]), [0]);
        assert_eq!(ix.candidates(&[1, 20, 99]), Vec::<u32>::new());
        assert!(ix.candidates(&[]).is_empty());
    }

    #[test]
    fn the_most_shared_are_kept_and_common_terms_ignored() {
        let mut ix = RewriteIndex::new(cfg());
        let docs: Vec<Vec<u64>> = vec![vec![5, 6], vec![5, 6, 7], vec![5, 6, 7, 8], vec![5, 6]];
        for (i, d) in docs.iter().enumerate() {
            ix.observe(d);
            ix.insert(i as u32, d);
        }
        // 5 and 6 reached the cap (3 articles): only 7 and 8 count, and nobody shares two.
        assert!(ix.candidates(&[5, 6, 7]).is_empty());
        assert_eq!(ix.candidates(&[7, 8]), [2]);
    }

    #[test]
    fn terms_are_distinct_hashes() {
        let v = SentenceVectors::Lexical(vec![
            vec!["leader".into(), "talk".into()],
            vec!["talk".into()],
        ]);
        let t = terms(&v);
        assert_eq!(t.len(), 2);
        assert!(t.windows(2).all(|w| w[0] < w[1]));
        assert!(terms(&SentenceVectors::Semantic(vec![vec![1.0]])).is_empty());
    }
}
