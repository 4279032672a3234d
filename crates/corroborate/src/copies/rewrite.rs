//! When a pair is a rewrite: the two articles' sentences are aligned ([`align_pair`]) and the
//! alignment judged ([`judge`]). A pair is a rewrite when a large share of the shorter
//! article's sentences has a close counterpart in the other, largely in the same order (see
//! [`RewriteConfig`]), and when their own narration (outside quotations, without the
//! boilerplate of the run) is shared too ([`super::narration`], [`narration_check`]): quoted
//! words, background paragraphs and late reports that share only background do not make a
//! rewrite.

use super::families::FamilyConfig;
use super::kind::{pairs, PairRelation, RelationKind};
use super::narration::{narration_only, narration_share, narration_shingles, StoryFrequency};
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
    /// Share of the smaller narration (word 3-grams outside quotations, boilerplate left out)
    /// that the other must carry ([`super::narration::narration_share`]). Default 0.25: on the
    /// labelled dev pairs rewrites carry at least 0.33, reports that share only quotes,
    /// background or facts at most 0.19.
    pub min_narration_share: f64,
    /// A pair whose shared narration shingles are fewer than
    /// [`Self::min_narration_share`] is still a rewrite when its narration alone (quotations
    /// blanked out) aligns as a rewrite with at least this many sentence pairs: a paraphrase
    /// shares few word sequences but many sentences. Default 6: reports that share only facts
    /// or quotations have at most 5 such pairs on the labelled dev pairs.
    pub min_paraphrase_pairs: usize,
    /// A pair whose narration shares at least this (and at least
    /// [`Self::min_copied_shingles`] shingles) is a rewrite even with fewer aligned sentences
    /// than [`Self::min_pairs`]: a one- or two-sentence item copied from a longer story.
    /// Default 0.5.
    pub copied_narration_share: f64,
    /// See [`Self::copied_narration_share`]. Default 10 (a sentence of about a dozen words).
    pub min_copied_shingles: usize,
    /// Narration shingles found in this many stories of the run or more are boilerplate and do
    /// not count. Default 3 (0: none is).
    pub boilerplate_stories: u32,
    /// Days between the two publication dates beyond which a pair is no longer one news
    /// story's source and rewrite unless it carries [`Self::late_min_narration_share`].
    /// Default 3: rewrites of a story appear within days, updates of a wire story the same
    /// day; a report weeks later that shares its background is a new story.
    pub max_days_apart: i64,
    /// Narration share a pair published more than [`Self::max_days_apart`] apart needs to
    /// stay a rewrite (a late republication, nearly all of it). Default 0.8.
    pub late_min_narration_share: f64,
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
            min_narration_share: 0.25,
            min_paraphrase_pairs: 6,
            copied_narration_share: 0.5,
            min_copied_shingles: 10,
            boilerplate_stories: 3,
            max_days_apart: 3,
            late_min_narration_share: 0.8,
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

/// The narration evidence of a pair, for [`narration_check`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NarrationEvidence {
    /// Share of the smaller narration's shingles found in the other
    /// ([`super::narration::narration_share`], boilerplate left out).
    pub share: f64,
    /// Shingles of the smaller narration (boilerplate left out).
    pub shingles: usize,
    /// Whether the two narrations alone (quotations blanked out) align as a rewrite with at
    /// least [`RewriteConfig::min_paraphrase_pairs`] pairs.
    pub paraphrased: bool,
}

/// The relation of a pair from its alignment ([`judge`]) and its narration evidence:
/// - a rewrite by alignment stays one when its narration share reaches
///   [`RewriteConfig::min_narration_share`] or its narration alone aligns as a paraphrase;
///   else shared quotations, background or facts made it, and it is independent;
/// - an independent pair with at least one aligned sentence whose narration is largely copied
///   ([`RewriteConfig::copied_narration_share`]) is a rewrite (a short item cut from a story);
/// - a pair published more than [`RewriteConfig::max_days_apart`] days apart stays a rewrite
///   only with [`RewriteConfig::late_min_narration_share`] (a late republication): a later
///   story that shares background with an earlier one is not its rewrite.
///
/// Exact and near-duplicate relations pass unchanged.
pub fn narration_check(
    rel: PairRelation,
    a: &Article,
    b: &Article,
    ev: NarrationEvidence,
    cfg: &RewriteConfig,
) -> PairRelation {
    if rel.kind.is_copy() {
        return rel;
    }
    let late = match (a.published, b.published) {
        (Some(x), Some(y)) => {
            let days = (x.date().signed_duration_since(y.date()))
                .num_days()
                .saturating_abs();
            days > cfg.max_days_apart
        }
        _ => false,
    };
    let copied = ev.share >= cfg.copied_narration_share
        && ev.shingles >= cfg.min_copied_shingles
        && !rel.evidence.is_empty();
    let rewrite = if late {
        ev.share >= cfg.late_min_narration_share && (rel.kind == RelationKind::Rewrite || copied)
    } else if rel.kind == RelationKind::Rewrite {
        ev.share >= cfg.min_narration_share || ev.paraphrased
    } else {
        copied
    };
    PairRelation {
        kind: if rewrite {
            RelationKind::Rewrite
        } else {
            RelationKind::Independent
        },
        ..rel
    }
}

/// Whether two articles' narrations alone (quotations blanked out) align as a rewrite with at
/// least [`RewriteConfig::min_paraphrase_pairs`] pairs: lexically on the narration text, or,
/// with semantic vectors, on the sentences whose narration has at least
/// [`RewriteConfig::min_words`] words.
pub fn paraphrased(
    a: &Article,
    b: &Article,
    va: &SentenceVectors,
    vb: &SentenceVectors,
    cfg: &RewriteConfig,
) -> bool {
    let (na, nb) = (narration_only(a), narration_only(b));
    let al = match (va, vb) {
        (SentenceVectors::Semantic(_), SentenceVectors::Semantic(_)) => {
            let Some(m) = similarity_matrix(va, vb) else {
                return false;
            };
            let acfg = AlignConfig {
                min_similarity: cfg.min_similarity(m.kind()),
            };
            align(
                &m,
                &counted_sentences(&na, cfg.min_words),
                &counted_sentences(&nb, cfg.min_words),
                &acfg,
            )
        }
        _ => {
            let (lva, lvb) = (lexical_vectors(&na), lexical_vectors(&nb));
            align_pair(&na, &nb, &lva, &lvb, cfg).0
        }
    };
    let pairs = al.pairs.len();
    pairs >= cfg.min_paraphrase_pairs && judge(0, 1, al, cfg).kind == RelationKind::Rewrite
}

/// The relation of every pair of `articles` (a < b), rewrite or independent, from their
/// sentence vectors (`vectors[i]` for `articles[i]`), with no corpus to learn boilerplate from:
/// [`rewrite_relations_with`] with each article's narration computed here and no shingle
/// counted as boilerplate.
pub fn rewrite_relations(
    articles: &[&Article],
    vectors: &[&SentenceVectors],
    cfg: &RewriteConfig,
) -> Vec<PairRelation> {
    let narr: Vec<Vec<u64>> = articles.iter().map(|a| narration_shingles(a)).collect();
    let refs: Vec<&[u64]> = narr.iter().map(Vec::as_slice).collect();
    rewrite_relations_with(articles, vectors, &refs, &StoryFrequency::default(), cfg)
}

/// The relation of every pair of `articles` (a < b), rewrite or independent: aligned on their
/// sentence vectors (`vectors[i]` for `articles[i]`, [`judge`]) and checked on their narration
/// (`narrations[i]`, [`super::narration::narration_shingles`]; `freq` tells the boilerplate of
/// the run, [`narration_check`]).
pub fn rewrite_relations_with(
    articles: &[&Article],
    vectors: &[&SentenceVectors],
    narrations: &[&[u64]],
    freq: &StoryFrequency,
    cfg: &RewriteConfig,
) -> Vec<PairRelation> {
    type Item<'x> = (&'x Article, &'x SentenceVectors, &'x [u64]);
    let items: Vec<Item> = (articles.iter().zip(vectors).zip(narrations))
        .map(|((&a, &v), &n)| (a, v, n))
        .collect();
    let pairs: Vec<_> = pairs(&items).collect();
    pairs
        .into_par_iter()
        .map(
            |((a, &(art_a, vec_a, nar_a)), (b, &(art_b, vec_b, nar_b)))| {
                let (al, _) = align_pair(art_a, art_b, vec_a, vec_b, cfg);
                let rel = judge(a, b, al, cfg);
                let (share, shingles) =
                    narration_share(nar_a, nar_b, freq, cfg.boilerplate_stories);
                let paraphrased = rel.kind == RelationKind::Rewrite
                    && share < cfg.min_narration_share
                    && paraphrased(art_a, art_b, vec_a, vec_b, cfg);
                let ev = NarrationEvidence {
                    share,
                    shingles,
                    paraphrased,
                };
                narration_check(rel, art_a, art_b, ev, cfg)
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::lexical_vectors;

    fn article(id: &str, published: Option<&str>, text: &str) -> Article {
        super::super::test_article(id, published, text)
    }

    /// The relation of two articles, aligned lexically; without the narration check too.
    fn relate(a: &Article, b: &Article) -> (RelationKind, RelationKind) {
        let cfg = RewriteConfig::default();
        let (va, vb) = (lexical_vectors(a), lexical_vectors(b));
        let rel = rewrite_relations(&[a, b], &[&va, &vb], &cfg);
        let (al, _) = align_pair(a, b, &va, &vb, &cfg);
        (rel[0].kind, judge(0, 1, al, &cfg).kind)
    }

    const QUOTES: &str = "\u{201C}The bridge is no longer safe for cars, buses or even people walking across it,\u{201D} the mayor said in a statement.\n\u{201C}We will build a new crossing within three years and we ask every resident for patience,\u{201D} she added.\n\u{201C}Repairs would cost more than a new bridge and would only buy us a few more years,\u{201D} the statement said.";

    #[test]
    fn the_same_quotes_with_independent_narration_are_not_a_rewrite() {
        let a = article(
            "a",
            None,
            &format!("The city council voted on Tuesday to close the old harbour bridge to all traffic.\n{QUOTES}\nEngineers found cracks in two of the main supports of the bridge last month."),
        );
        let b = article(
            "b",
            None,
            &format!("Drivers in the port district face long detours from next week after a vote by local politicians.\n{QUOTES}\nA local shop owner worried that customers would stay away during the long works."),
        );
        let (kind, by_alignment) = relate(&a, &b);
        // Alignment alone takes the three quoted sentences for a rewrite.
        assert_eq!(by_alignment, RelationKind::Rewrite);
        assert_eq!(kind, RelationKind::Independent);
    }

    #[test]
    fn paraphrased_narration_with_the_same_quotes_is_a_rewrite() {
        let a = article(
            "a",
            None,
            &format!("The city council voted on Tuesday to close the old harbour bridge to all traffic.\n{QUOTES}\nEngineers found cracks in two of the main supports of the bridge last month."),
        );
        let b = article(
            "b",
            None,
            &format!("The city council on Tuesday voted to shut the old harbour bridge to all traffic.\n{QUOTES}\nLast month engineers found cracks in two of the main supports of the bridge."),
        );
        assert_eq!(relate(&a, &b).0, RelationKind::Rewrite);
    }

    const BACKGROUND: &str = "The company was accused last year of hiding losses from its investors in three countries.\nIts former chief executive resigned in March after the accusations were first reported by the press.\nThe company has denied any wrongdoing and says its accounts were checked by outside auditors.";

    #[test]
    fn a_late_report_sharing_only_background_is_not_a_rewrite() {
        let hearing = format!("A judge heard the first arguments in the fraud case against the shipping company on Monday.\nLawyers for the company asked for more time to study thousands of pages of documents.\n{BACKGROUND}");
        let ruling = format!("A judge ruled on Thursday that the fraud case against the shipping company can go to trial.\nThe ruling rejected every motion to dismiss the charges brought by the prosecutors.\n{BACKGROUND}");
        let june = article("june", Some("2024-06-03"), &hearing);
        let august = article("august", Some("2024-08-30"), &ruling);
        let (kind, by_alignment) = relate(&june, &august);
        assert_eq!(by_alignment, RelationKind::Rewrite);
        assert_eq!(kind, RelationKind::Independent);
        // The same two texts published the same day: an update of one story with a new top.
        let same_day = article("update", Some("2024-06-03T18:00:00Z"), &ruling);
        assert_eq!(relate(&june, &same_day).0, RelationKind::Rewrite);
        // Undated: nothing tells they are apart.
        let undated = article("undated", None, &ruling);
        assert_eq!(relate(&june, &undated).0, RelationKind::Rewrite);
        // A late republication of the whole text stays a rewrite.
        let again = article(
            "again",
            Some("2024-08-30"),
            &format!("{hearing}\nThe hearing continues next week."),
        );
        assert_ne!(relate(&june, &again).0, RelationKind::Independent);
    }

    #[test]
    fn narration_check_keeps_copies_and_weighs_the_evidence() {
        let (a, b) = (article("a", None, "x"), article("b", None, "y"));
        let rel = |kind, evidence: usize| PairRelation {
            a: 0,
            b: 1,
            kind,
            score: 1.0,
            coverage: None,
            evidence: (0..evidence)
                .map(|i| crate::similarity::align::AlignedPair {
                    a: i,
                    b: i,
                    similarity: 1.0,
                })
                .collect(),
        };
        let cfg = RewriteConfig::default();
        let ev = |share, shingles, paraphrased| NarrationEvidence {
            share,
            shingles,
            paraphrased,
        };
        let none = ev(0.0, 0, false);
        for kind in [RelationKind::Exact, RelationKind::NearDuplicate] {
            assert_eq!(narration_check(rel(kind, 0), &a, &b, none, &cfg).kind, kind);
        }
        let check = |kind, n, e| narration_check(rel(kind, n), &a, &b, e, &cfg).kind;
        use RelationKind::*;
        assert_eq!(check(Rewrite, 3, none), Independent);
        assert_eq!(check(Rewrite, 3, ev(0.3, 40, false)), Rewrite);
        assert_eq!(check(Rewrite, 6, ev(0.1, 40, true)), Rewrite);
        // A short item whose narration is copied: a rewrite on one aligned sentence.
        assert_eq!(check(Independent, 1, ev(0.9, 20, false)), Rewrite);
        assert_eq!(check(Independent, 0, ev(0.9, 20, false)), Independent);
        assert_eq!(check(Independent, 1, ev(0.9, 5, false)), Independent);
        // Years apart: only a republication of nearly all of it.
        let (old, new) = (
            article("a", Some("2020-01-01"), "x"),
            article("b", Some("2024-01-01"), "y"),
        );
        let late = |kind, e| narration_check(rel(kind, 3), &old, &new, e, &cfg).kind;
        assert_eq!(late(Rewrite, ev(0.7, 40, true)), Independent);
        assert_eq!(late(Rewrite, ev(0.9, 40, false)), Rewrite);
        assert_eq!(late(Independent, ev(0.9, 40, false)), Rewrite);
        assert_eq!(late(Independent, ev(0.7, 40, false)), Independent);
    }
}
