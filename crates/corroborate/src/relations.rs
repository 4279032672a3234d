//! Relations between the articles of a story: which is a paraphrased `rewrite` of which, with
//! the aligned sentence pairs as evidence.
//!
//! A pair is a rewrite when a large share of the shorter article's sentences has a close
//! counterpart in the other, largely in the same order (see [`RewriteConfig`]). Exact copies and
//! near-duplicates are found lexically elsewhere; [`strongest`] merges their relations with
//! these, and [`crate::families`] groups them all.

use crate::align::{align, AlignConfig, AlignedPair, Alignment};
use crate::article::Article;
use crate::copies;
use crate::dedup::{DedupConfig, DupKind};
use crate::embed::Model;
use crate::families::{families, FamilyConfig};
use crate::report;
use crate::similarity::{
    lexical_vectors, semantic_vectors, similarity_matrix, SentenceVectors, SimilarityKind,
};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// How two articles relate, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// The same text.
    Exact,
    /// The same text with small edits.
    NearDuplicate,
    /// The same content, paraphrased.
    Rewrite,
    /// Neither.
    Independent,
}

impl RelationKind {
    /// The report's name for it: "exact", "near_duplicate", "rewrite" or "independent".
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Exact => "exact",
            RelationKind::NearDuplicate => "near_duplicate",
            RelationKind::Rewrite => "rewrite",
            RelationKind::Independent => "independent",
        }
    }

    /// Whether it is a copy (exact or near-duplicate).
    pub fn is_copy(self) -> bool {
        matches!(self, RelationKind::Exact | RelationKind::NearDuplicate)
    }
}

/// How two articles relate, with the evidence. `a` and `b` index the slice of articles the
/// relation was computed over, `a < b`.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRelation {
    /// First article.
    pub a: usize,
    /// Second article.
    pub b: usize,
    /// The relation.
    pub kind: RelationKind,
    /// Strength, 0 to 1.
    pub score: f64,
    /// Share of `a`'s sentences with a counterpart in `b`, and of `b`'s in `a`, when known:
    /// how much of one article's content the other contains (used to tell a source).
    pub coverage: Option<(f64, f64)>,
    /// Aligned sentence pairs (`a` indexes the first article's sentences).
    pub evidence: Vec<AlignedPair>,
}

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

/// Keeps one relation per pair, the strongest kind (exact > near_duplicate > rewrite >
/// independent); a coverage missing from it is taken from another relation of the pair. For
/// merging lexical copies with semantic rewrites.
pub fn strongest(relations: impl IntoIterator<Item = PairRelation>) -> Vec<PairRelation> {
    let mut best: BTreeMap<(usize, usize), PairRelation> = BTreeMap::new();
    for r in relations {
        let key = (r.a.min(r.b), r.a.max(r.b));
        match best.get_mut(&key) {
            None => {
                best.insert(key, r);
            }
            Some(cur) => {
                let coverage = cur.coverage.or(r.coverage);
                if r.kind < cur.kind {
                    *cur = r;
                }
                cur.coverage = cur.coverage.or(coverage);
            }
        }
    }
    best.into_values().collect()
}

/// Rounds a similarity or score for the report (4 decimals: the model reproduces its reference
/// to that precision, and the report stays the same byte for byte).
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// The report's relations (those not independent) and families for one story's articles.
pub fn for_story(
    articles: &[&Article],
    relations: &[PairRelation],
    cfg: &RewriteConfig,
) -> (Vec<report::Relation>, Vec<report::Family>) {
    let id = |i: usize| articles.get(i).map_or(String::new(), |a| a.id.clone());
    let listed = relations
        .iter()
        .filter(|r| r.kind != RelationKind::Independent)
        .map(|r| report::Relation {
            a: id(r.a),
            b: id(r.b),
            kind: r.kind.as_str().to_string(),
            score: round4(r.score),
            evidence: r
                .evidence
                .iter()
                .map(|p| report::Evidence {
                    a_sentence: p.a,
                    b_sentence: p.b,
                    similarity: round4(f64::from(p.similarity)),
                })
                .collect(),
        })
        .collect();
    (listed, families(articles, relations, &cfg.families))
}

/// Sentence vectors for the articles at `wanted` (indices into `articles`), each computed once:
/// semantic with a model, else lexical. An article the model fails on gets lexical vectors.
pub fn article_vectors(
    articles: &[Article],
    wanted: &[usize],
    model: Option<&Model>,
) -> BTreeMap<usize, SentenceVectors> {
    wanted
        .par_iter()
        .filter_map(|&i| {
            let a = articles.get(i)?;
            let v = model
                .and_then(|m| semantic_vectors(a, m).ok())
                .unwrap_or_else(|| lexical_vectors(a));
            Some((i, v))
        })
        .collect()
}

/// The articles that share a story with another (indices into the articles, sorted): the ones
/// whose sentences are compared.
pub fn in_shared_stories(members: &[Vec<usize>]) -> Vec<usize> {
    let mut wanted: Vec<usize> = members
        .iter()
        .filter(|m| m.len() > 1)
        .flatten()
        .copied()
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    wanted
}

/// Fills each story's `relations` and `families`; `members[k]` holds the indices into `articles`
/// of `stories[k]`. Sentence vectors are computed once per article, only for articles that share
/// a story with another.
pub fn fill_stories(
    stories: &mut [report::Story],
    members: &[Vec<usize>],
    articles: &[Article],
    model: Option<&Model>,
    cfg: &RewriteConfig,
) {
    let vectors = article_vectors(articles, &in_shared_stories(members), model);
    fill_stories_with(stories, members, articles, &vectors, cfg);
}

/// [`fill_stories`] with sentence vectors already computed (`vectors[i]` for `articles[i]`;
/// an article without is left out of its story's relations).
pub fn fill_stories_with(
    stories: &mut [report::Story],
    members: &[Vec<usize>],
    articles: &[Article],
    vectors: &BTreeMap<usize, SentenceVectors>,
    cfg: &RewriteConfig,
) {
    for (story, m) in stories.iter_mut().zip(members) {
        let pairs: Vec<(&Article, &SentenceVectors)> = m
            .iter()
            .filter_map(|i| Some((articles.get(*i)?, vectors.get(i)?)))
            .collect();
        if pairs.len() < 2 {
            continue;
        }
        let (arts, vecs): (Vec<&Article>, Vec<&SentenceVectors>) = pairs.into_iter().unzip();
        let copies = copies::near_duplicate_relations(&arts, &DedupConfig::default())
            .into_iter()
            .map(from_copy);
        let rel = strongest(
            rewrite_relations(&arts, &vecs, cfg)
                .into_iter()
                .chain(copies),
        );
        let (relations, families) = for_story(&arts, &rel, cfg);
        story.relations = relations;
        story.families = families;
    }
}

/// An exact or near-duplicate pair found on word shingles ([`copies`]), as a relation.
fn from_copy(c: copies::PairRelation) -> PairRelation {
    PairRelation {
        a: c.a,
        b: c.b,
        kind: match c.kind {
            DupKind::Exact => RelationKind::Exact,
            DupKind::NearDuplicate => RelationKind::NearDuplicate,
            DupKind::Rewrite => RelationKind::Rewrite,
        },
        score: c.score,
        // Copies contain each other; how much exactly is the rewrite alignment's to say.
        coverage: None,
        evidence: c
            .evidence
            .into_iter()
            .map(|e| AlignedPair {
                a: e.a_sentence,
                b: e.b_sentence,
                similarity: e.similarity as f32,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::tests::test_model;
    use crate::read::{self, ReadConfig};
    use crate::Corpus;
    use std::path::PathBuf;

    fn shared(rel: &str) -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join(rel)
    }

    /// The five seeds, in file order (000 … 004).
    fn seeds() -> Vec<Article> {
        let (inputs, _) = read::discover(&[shared("seeds")]);
        let mut corpus = Corpus::new();
        corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
        let mut arts = corpus.articles;
        arts.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(arts.len(), 5, "the seeds in ../shared/seeds");
        arts
    }

    fn vectors(arts: &[Article], semantic: bool) -> Option<Vec<SentenceVectors>> {
        if !semantic {
            return Some(arts.iter().map(lexical_vectors).collect());
        }
        let model = test_model()?;
        Some(
            arts.iter()
                .map(|a| semantic_vectors(a, model).expect("embed"))
                .collect(),
        )
    }

    fn seed_families(semantic: bool) -> Option<(Vec<report::Relation>, Vec<report::Family>)> {
        let arts = seeds();
        let vecs = vectors(&arts, semantic)?;
        let refs: Vec<&Article> = arts.iter().collect();
        let vrefs: Vec<&SentenceVectors> = vecs.iter().collect();
        let cfg = RewriteConfig::default();
        let rels = rewrite_relations(&refs, &vrefs, &cfg);
        for r in &rels {
            let (ca, cb) = r.coverage.unwrap_or_default();
            eprintln!(
                "{} {} {:?} score {:.3} pairs {} coverage {:.2}/{:.2}",
                &arts[r.a].id[..3],
                &arts[r.b].id[..3],
                r.kind,
                r.score,
                r.evidence.len(),
                ca,
                cb
            );
        }
        Some(for_story(&refs, &rels, &cfg))
    }

    fn check_seed_family(relations: &[report::Relation], families: &[report::Family]) {
        assert_eq!(families.len(), 1, "{families:#?}");
        let f = &families[0];
        let members: Vec<&str> = f.articles.iter().map(|id| &id[..3]).collect();
        assert_eq!(members, ["000", "002", "004"], "{f:#?}");
        assert_eq!(f.kind, "rewrites");
        eprintln!("family: source {:?}: {}", f.likely_source, f.why);
        for r in relations {
            assert_eq!(r.kind, "rewrite");
            for id in [&r.a, &r.b] {
                assert!(!id.starts_with("001") && !id.starts_with("003"), "{r:?}");
            }
            assert!(r.score > 0.0 && r.score <= 1.0);
            assert!(r.evidence.len() >= 3);
        }
    }

    #[test]
    fn seeds_000_002_004_are_one_rewrite_family_semantically() {
        let Some((relations, families)) = seed_families(true) else {
            return;
        };
        check_seed_family(&relations, &families);
    }

    #[test]
    fn seeds_000_002_004_are_one_rewrite_family_lexically() {
        let (relations, families) = seed_families(false).expect("lexical needs no model");
        check_seed_family(&relations, &families);
    }

    #[test]
    fn evidence_points_at_real_similar_sentences() {
        let arts = seeds();
        let Some(vecs) = vectors(&arts, true) else {
            return;
        };
        let cfg = RewriteConfig::default();
        let (al, kind) = align_pair(&arts[0], &arts[2], &vecs[0], &vecs[2], &cfg);
        assert_eq!(kind, SimilarityKind::Semantic);
        assert!(!al.pairs.is_empty());
        for p in &al.pairs {
            assert!(p.a < arts[0].sentences.len() && p.b < arts[2].sentences.len());
            assert!(p.similarity >= cfg.min_semantic_similarity);
        }
        // The first sentence of 000 is the rewritten lead of 002.
        let lead = al.pairs.iter().find(|p| p.a == 0).expect("lead aligned");
        assert!(arts[2]
            .sentence(lead.b)
            .contains("negotiations to end the war"));
    }

    /// An article with its sentences in reverse order: same content, not in order.
    fn reversed(a: &Article) -> Article {
        let mut r = a.clone();
        let texts: Vec<&str> = a.sentence_texts().collect();
        r.text = texts.iter().rev().copied().collect::<Vec<_>>().join("\n");
        r.sentences = crate::sentences::split(&r.text);
        r
    }

    #[test]
    fn a_reversed_rewrite_is_not_in_order() {
        let arts = seeds();
        let rev = reversed(&arts[2]);
        let cfg = RewriteConfig::default();
        let (fwd, _) = align_pair(
            &arts[0],
            &arts[2],
            &lexical_vectors(&arts[0]),
            &lexical_vectors(&arts[2]),
            &cfg,
        );
        let (back, _) = align_pair(
            &arts[0],
            &rev,
            &lexical_vectors(&arts[0]),
            &lexical_vectors(&rev),
            &cfg,
        );
        assert!(fwd.order() > 0.8, "{}", fwd.order());
        assert!(back.order() < 0.5, "{}", back.order());
        assert_eq!(judge(0, 1, back, &cfg).kind, RelationKind::Independent);
    }

    #[test]
    fn unrelated_articles_are_independent() {
        let (inputs, _) = read::discover(&[shared("data/ecbplus/articles.jsonl")]);
        let mut corpus = Corpus::new();
        corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
        let other = corpus
            .articles
            .iter()
            .find(|a| a.sentences.len() >= 8)
            .expect("an ecbplus article")
            .clone();
        let arts = seeds();
        let cfg = RewriteConfig::default();
        for semantic in [false, true] {
            let both = [arts[0].clone(), other.clone()];
            let Some(vecs) = vectors(&both, semantic) else {
                continue;
            };
            let (al, _) = align_pair(&both[0], &both[1], &vecs[0], &vecs[1], &cfg);
            let r = judge(0, 1, al, &cfg);
            assert_eq!(r.kind, RelationKind::Independent);
            assert!(r.evidence.len() <= 1, "{:?}", r.evidence);
        }
    }

    #[test]
    fn mixed_vector_kinds_fall_back_to_lexical() {
        let arts = seeds();
        let Some(sem) = vectors(&arts[..1], true) else {
            return;
        };
        let lex = lexical_vectors(&arts[2]);
        let (_, kind) = align_pair(&arts[0], &arts[2], &sem[0], &lex, &RewriteConfig::default());
        assert_eq!(kind, SimilarityKind::Lexical);
    }

    #[test]
    fn strongest_keeps_the_strongest_kind_and_any_coverage() {
        let r = |a, b, kind, coverage| PairRelation {
            a,
            b,
            kind,
            score: 0.5,
            coverage,
            evidence: Vec::new(),
        };
        let merged = strongest([
            r(0, 1, RelationKind::Rewrite, Some((0.7, 0.8))),
            r(1, 0, RelationKind::NearDuplicate, None),
            r(2, 3, RelationKind::Independent, Some((0.1, 0.1))),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].kind, RelationKind::NearDuplicate);
        assert_eq!(merged[0].coverage, Some((0.7, 0.8)));
        assert_eq!(merged[1].kind, RelationKind::Independent);
    }

    #[test]
    fn analyze_fills_relations_of_multi_article_stories_only() {
        let arts = seeds();
        let mut corpus = Corpus::new();
        for a in arts.clone() {
            corpus.add_article(a);
        }
        let members = vec![vec![0, 1, 2, 3, 4], vec![1]];
        let mut report = report::build(&corpus, &members);
        fill_stories(
            &mut report.stories,
            &members,
            &corpus.articles,
            None,
            &RewriteConfig::default(),
        );
        check_seed_family(&report.stories[0].relations, &report.stories[0].families);
        assert!(report.stories[1].relations.is_empty());
        assert!(report.stories[1].families.is_empty());
    }
}
