//! Sentence similarity: how alike two sentences of two articles are, the measure the
//! comparison uses to decide that two claims are about the same thing. Pluggable: an
//! embedding model can stand in for the lexical default.

use super::words::{content_stems, dice};
use crate::article::Article;
use std::collections::BTreeSet;

/// How alike sentence `i` of article `a` and sentence `j` of article `b` are, from 0 to 1.
///
/// Any `Fn(&Article, usize, &Article, usize) -> f32` is one, so a model-backed measure plugs
/// in as a closure:
///
/// ```
/// use corroborate::facts::{self, FactsConfig};
/// let sim = |_a: &corroborate::Article, _i: usize, _b: &corroborate::Article, _j: usize| 0.5_f32;
/// let facts = facts::for_story_with(&[], &FactsConfig::default(), &sim);
/// assert!(facts.is_empty());
/// ```
pub trait SentenceSimilarity: Sync {
    /// Similarity of `a`'s sentence `i` and `b`'s sentence `j`, from 0 to 1.
    fn similarity(&self, a: &Article, i: usize, b: &Article, j: usize) -> f32;
}

impl<F> SentenceSimilarity for F
where
    F: Fn(&Article, usize, &Article, usize) -> f32 + Sync,
{
    fn similarity(&self, a: &Article, i: usize, b: &Article, j: usize) -> f32 {
        self(a, i, b, j)
    }
}

/// The default: Dice overlap of the two sentences' content words (stemmed, no stop words,
/// no numbers), so that the figures being compared do not count as shared context.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lexical;

impl SentenceSimilarity for Lexical {
    fn similarity(&self, a: &Article, i: usize, b: &Article, j: usize) -> f32 {
        dice(&content_stems(a.sentence(i)), &content_stems(b.sentence(j)))
    }
}

/// [`Lexical`] with every sentence's content words computed once, for the articles of one
/// story (others fall back to computing them).
#[derive(Debug, Clone)]
pub struct CachedLexical<'a> {
    articles: Vec<&'a Article>,
    stems: Vec<Vec<BTreeSet<String>>>,
}

impl<'a> CachedLexical<'a> {
    /// Computes the content words of every sentence of `articles`.
    pub fn new(articles: &[&'a Article]) -> CachedLexical<'a> {
        CachedLexical {
            articles: articles.to_vec(),
            stems: articles
                .iter()
                .map(|a| a.sentence_texts().map(content_stems).collect())
                .collect(),
        }
    }

    fn stems(&self, a: &Article, i: usize) -> Option<&BTreeSet<String>> {
        let k = self.articles.iter().position(|x| std::ptr::eq(*x, a))?;
        self.stems.get(k)?.get(i)
    }
}

impl SentenceSimilarity for CachedLexical<'_> {
    fn similarity(&self, a: &Article, i: usize, b: &Article, j: usize) -> f32 {
        match (self.stems(a, i), self.stems(b, j)) {
            (Some(x), Some(y)) => dice(x, y),
            _ => Lexical.similarity(a, i, b, j),
        }
    }
}
