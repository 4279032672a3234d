//! Sentence similarity: how alike two sentences of two articles are, the measure the
//! comparison uses to decide that two claims are about the same thing. Pluggable: an
//! embedding model can stand in for the lexical default.

use super::parse::is_numberish;
use super::quantities::thing_class;
use super::words::{happening_class, is_stop_word, words};
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

/// Content words of a text, stemmed, with words for the same counted thing made one
/// ("conversation" → "call") and verbs of one happening made one ("shelved" → "halt"): no stop words, no numbers or number words, nothing shorter
/// than 2 letters.
pub fn content_stems(text: &str) -> BTreeSet<String> {
    words(text)
        .iter()
        .filter(|w| !w.has_digit() && w.text.chars().count() >= 2 && !is_numberish(w))
        .map(|w| w.text.to_lowercase())
        .filter(|l| !is_stop_word(l))
        .map(|l| happening_class(&thing_class(&l)))
        .collect()
}

/// Dice coefficient of two sets: 2|A∩B| / (|A| + |B|), 0 when both are empty.
pub fn dice(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let total = a.len() as f32 + b.len() as f32;
    if total == 0.0 {
        return 0.0;
    }
    let shared = a.intersection(b).count() as f32;
    2.0 * shared / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_of_content_words() {
        let a = content_stems("The Kremlin confirmed the call lasted nearly 90 minutes.");
        let b = content_stems("The Kremlin reported that the call lasted nearly 90 minutes");
        assert!(dice(&a, &b) > 0.6);
        assert_eq!(dice(&BTreeSet::new(), &BTreeSet::new()), 0.0);
    }

    #[test]
    fn verbs_of_one_happening_are_one_word() {
        let a = content_stems("Iran suspended its program in 2004.");
        let b = content_stems("Iran shelved its program in 2003.");
        assert_eq!(a, b);
        let c = content_stems("Iran expanded its program in 2003.");
        assert_ne!(a, c);
    }
}
