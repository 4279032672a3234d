//! Relations between the articles of a story: exact copies and near-duplicates (found on
//! word shingles, [`super::near`]) merged with paraphrased rewrites (found by sentence
//! alignment, [`super::rewrite`]), the strongest kind per pair ([`strongest`]), and the report's
//! relation objects with the aligned sentence pairs as evidence. [`super::families`] groups
//! them.

use super::dedup::{DedupConfig, DupKind};
use super::families::{families, Family};
use super::kind::{PairRelation, RelationKind};
use super::near;
use super::rewrite::{rewrite_relations, RewriteConfig};
use crate::article::Article;
use crate::similarity::align::AlignedPair;
use crate::similarity::embed::Model;
use crate::similarity::{lexical_vectors, semantic_vectors, SentenceVectors};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// How one article relates to another, as the report gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    /// First article id.
    pub a: String,
    /// Second article id.
    pub b: String,
    /// "exact", "near_duplicate", "rewrite" or "independent".
    pub kind: String,
    /// Strength, 0 to 1.
    pub score: f64,
    /// Aligned sentence pairs.
    pub evidence: Vec<Evidence>,
}

/// One aligned sentence pair.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// Sentence index in `a`.
    pub a_sentence: usize,
    /// Sentence index in `b`.
    pub b_sentence: usize,
    /// Similarity, 0 to 1.
    pub similarity: f64,
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
) -> (Vec<Relation>, Vec<Family>) {
    let id = |i: usize| articles.get(i).map_or(String::new(), |a| a.id.clone());
    let listed = relations
        .iter()
        .filter(|r| r.kind != RelationKind::Independent)
        .map(|r| Relation {
            a: id(r.a),
            b: id(r.b),
            kind: r.kind.as_str().to_string(),
            score: round4(r.score),
            evidence: r
                .evidence
                .iter()
                .map(|p| Evidence {
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

/// Each story's relations and families; `members[k]` holds the indices into `articles` of
/// story k. Sentence vectors are computed once per article, only for articles that share a
/// story with another.
pub fn for_stories(
    members: &[Vec<usize>],
    articles: &[Article],
    model: Option<&Model>,
    cfg: &RewriteConfig,
) -> Vec<(Vec<Relation>, Vec<Family>)> {
    let vectors = article_vectors(articles, &in_shared_stories(members), model);
    for_stories_with(members, articles, &vectors, cfg)
}

/// [`for_stories`] with sentence vectors already computed (`vectors[i]` for `articles[i]`;
/// an article without is left out of its story's relations).
pub fn for_stories_with(
    members: &[Vec<usize>],
    articles: &[Article],
    vectors: &BTreeMap<usize, SentenceVectors>,
    cfg: &RewriteConfig,
) -> Vec<(Vec<Relation>, Vec<Family>)> {
    members
        .iter()
        .map(|m| {
            let pairs: Vec<(&Article, &SentenceVectors)> = m
                .iter()
                .filter_map(|i| Some((articles.get(*i)?, vectors.get(i)?)))
                .collect();
            if pairs.len() < 2 {
                return (Vec::new(), Vec::new());
            }
            let (arts, vecs): (Vec<&Article>, Vec<&SentenceVectors>) = pairs.into_iter().unzip();
            let copies = near::near_duplicate_relations(&arts, &DedupConfig::default())
                .into_iter()
                .map(from_copy);
            let rel = strongest(
                rewrite_relations(&arts, &vecs, cfg)
                    .into_iter()
                    .chain(copies),
            );
            for_story(&arts, &rel, cfg)
        })
        .collect()
}

/// An exact or near-duplicate pair found on word shingles ([`near`]), as a relation.
fn from_copy(c: near::PairRelation) -> PairRelation {
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
    use crate::copies::rewrite::{align_pair, judge};
    use crate::read::{self, ReadConfig};
    use crate::similarity::embed::tests::test_model;
    use crate::similarity::SimilarityKind;
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

    fn seed_families(semantic: bool) -> Option<(Vec<Relation>, Vec<Family>)> {
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

    fn check_seed_family(relations: &[Relation], families: &[Family]) {
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
        r.sentences = crate::ingest::sentences::split(&r.text);
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
        let out = for_stories(&members, &corpus.articles, None, &RewriteConfig::default());
        assert_eq!(out.len(), 2);
        check_seed_family(&out[0].0, &out[0].1);
        assert!(out[1].0.is_empty());
        assert!(out[1].1.is_empty());
    }
}
