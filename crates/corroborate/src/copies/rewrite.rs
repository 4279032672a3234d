//! When a pair is a rewrite: the two articles' sentences are aligned ([`align_pair`]) and the
//! alignment judged ([`judge`]). A pair is a rewrite when a large share of the shorter
//! article's sentences has a close counterpart in the other, largely in the same order (see
//! [`RewriteConfig`]).

use super::families::FamilyConfig;
use super::kind::{PairRelation, RelationKind};
use crate::article::Article;
use crate::similarity::align::{align, AlignConfig, Alignment};
use crate::similarity::{lexical_vectors, similarity_matrix, SentenceVectors, SimilarityKind};
use rayon::prelude::*;

/// When a pair is a rewrite. Defaults are set on the seeds (`examples/seeds`: three rewrites of
/// one original and two separate reports of the same event, which share quotes and facts but not
/// their sentences): with the model, about half the sentences of each rewrite have a
/// counterpart in the others (0.43-0.62 of the shorter one), against at most 0.20 between
/// separate reports; the default threshold sits between. See `BENCHMARKS.md`, "Rewrites and
/// alignment".
#[derive(Debug, Clone, PartialEq)]
pub struct RewriteConfig {
    /// Sentence counterparts by embedding need at least this cosine. Default 0.7: paraphrased
    /// sentences of a rewrite mostly score 0.75-0.95; sentences of separate reports on one fact
    /// mostly below 0.7.
    pub min_semantic_similarity: f32,
    /// Sentence counterparts by content words need at least this cosine. Default 0.45: on the
    /// seeds it separates rewrites (0.48-0.57 of the shorter covered) from separate reports
    /// (at most 0.17) as well as the model does.
    pub min_lexical_similarity: f32,
    /// Share of the shorter article's counted sentences that need a counterpart. Default 0.35.
    pub min_coverage: f64,
    /// Share of the aligned pairs that must be in the same order in both. Default 0.6.
    pub min_order: f64,
    /// Aligned pairs needed at least. Default 3: one or two shared sentences (a quote, a lead)
    /// are common between separate reports.
    pub min_pairs: usize,
    /// Sentences with fewer words do not count (headings, datelines, "Related posts").
    /// Default 6.
    pub min_words: usize,
    /// How families and their likely source are told.
    pub families: FamilyConfig,
}

impl Default for RewriteConfig {
    fn default() -> Self {
        RewriteConfig {
            min_semantic_similarity: 0.7,
            min_lexical_similarity: 0.45,
            min_coverage: 0.35,
            min_order: 0.6,
            min_pairs: 3,
            min_words: 6,
            families: FamilyConfig::default(),
        }
    }
}

impl RewriteConfig {
    /// The sentence similarity threshold for a measure.
    pub fn min_similarity(&self, kind: SimilarityKind) -> f32 {
        match kind {
            SimilarityKind::Semantic => self.min_semantic_similarity,
            SimilarityKind::Lexical => self.min_lexical_similarity,
        }
    }
}

/// Which sentences of an article take part in alignment: those of at least `min_words` words.
pub fn counted_sentences(article: &Article, min_words: usize) -> Vec<bool> {
    article
        .sentence_texts()
        .map(|s| s.split_whitespace().count() >= min_words)
        .collect()
}

/// Aligns two articles' sentences with the measure their vectors share (lexically when one has
/// semantic vectors and the other not).
pub fn align_pair(
    a: &Article,
    b: &Article,
    va: &SentenceVectors,
    vb: &SentenceVectors,
    cfg: &RewriteConfig,
) -> (Alignment, SimilarityKind) {
    let m = similarity_matrix(va, vb)
        .or_else(|| similarity_matrix(&lexical_vectors(a), &lexical_vectors(b)));
    let Some(m) = m else {
        return (Alignment::default(), SimilarityKind::Lexical);
    };
    let acfg = AlignConfig {
        min_similarity: cfg.min_similarity(m.kind()),
    };
    let al = align(
        &m,
        &counted_sentences(a, cfg.min_words),
        &counted_sentences(b, cfg.min_words),
        &acfg,
    );
    (al, m.kind())
}

/// The relation of one pair from its alignment: a rewrite or independent.
///
/// Score: the shorter article's coverage times the mean similarity of the aligned pairs (1 for
/// the same sentences in full).
pub fn judge(a: usize, b: usize, al: Alignment, cfg: &RewriteConfig) -> PairRelation {
    let (ca, cb) = (al.coverage_a(), al.coverage_b());
    let shorter = if al.counted_a <= al.counted_b { ca } else { cb };
    let rewrite = al.pairs.len() >= cfg.min_pairs.max(1)
        && shorter >= cfg.min_coverage
        && al.order() >= cfg.min_order;
    PairRelation {
        a,
        b,
        kind: if rewrite {
            RelationKind::Rewrite
        } else {
            RelationKind::Independent
        },
        score: (shorter * al.mean_similarity()).clamp(0.0, 1.0),
        coverage: Some((ca, cb)),
        evidence: al.pairs,
    }
}

/// The relation of every pair of `articles` (a < b), rewrite or independent, from their
/// sentence vectors (`vectors[i]` for `articles[i]`).
pub fn rewrite_relations(
    articles: &[&Article],
    vectors: &[&SentenceVectors],
    cfg: &RewriteConfig,
) -> Vec<PairRelation> {
    let n = articles.len().min(vectors.len());
    let pairs: Vec<(usize, usize)> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect();
    pairs
        .into_par_iter()
        .map(|(a, b)| {
            let (al, _) = align_pair(articles[a], articles[b], vectors[a], vectors[b], cfg);
            judge(a, b, al, cfg)
        })
        .collect()
}
