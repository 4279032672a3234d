//! Sentence similarity: per-sentence vectors of an article, computed once, and the similarity
//! matrix of two articles' sentences.
//!
//! Two kinds of vectors: semantic (all-MiniLM-L6-v2 embeddings, see [`crate::similarity::embed`]) when a
//! model is loaded, else lexical (the set of a sentence's stemmed content words, compared by
//! cosine). Their scales differ (a paraphrase scores about 0.85 semantically and about 0.5
//! lexically), so thresholds are chosen per kind (see [`crate::copies::RewriteConfig`]).

use crate::article::Article;
use crate::normalize;
use crate::similarity::embed::{cosine, DocEmbedding, Model, ModelError};
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// Which measure a similarity comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SimilarityKind {
    /// Cosine of sentence embeddings.
    Semantic,
    /// Cosine of stemmed content-word sets.
    Lexical,
}

impl SimilarityKind {
    /// "semantic" or "lexical".
    pub fn as_str(self) -> &'static str {
        match self {
            SimilarityKind::Semantic => "semantic",
            SimilarityKind::Lexical => "lexical",
        }
    }
}

/// One vector per sentence of an article, in sentence order.
#[derive(Debug, Clone, PartialEq)]
pub enum SentenceVectors {
    /// Unit-length embeddings.
    Semantic(Vec<Vec<f32>>),
    /// Sorted, distinct stemmed content words.
    Lexical(Vec<Vec<Box<str>>>),
}

impl SentenceVectors {
    /// The measure these vectors are for.
    pub fn kind(&self) -> SimilarityKind {
        match self {
            SentenceVectors::Semantic(_) => SimilarityKind::Semantic,
            SentenceVectors::Lexical(_) => SimilarityKind::Lexical,
        }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        match self {
            SentenceVectors::Semantic(v) => v.len(),
            SentenceVectors::Lexical(v) => v.len(),
        }
    }

    /// Whether there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The article's sentences embedded by `model`.
pub fn semantic_vectors(article: &Article, model: &Model) -> Result<SentenceVectors, ModelError> {
    semantic_vectors_after(article, model, Vec::new())
}

/// The article's sentences embedded by `model`, its first `known.len()` sentences being
/// embedded already (`known`, in order): only the rest are run through the model.
pub fn semantic_vectors_after(
    article: &Article,
    model: &Model,
    mut known: Vec<Vec<f32>>,
) -> Result<SentenceVectors, ModelError> {
    let rest: Vec<&str> = article.sentence_texts().skip(known.len()).collect();
    if !rest.is_empty() {
        known.extend(model.embed(&rest)?);
    }
    Ok(SentenceVectors::Semantic(known))
}

/// The article's embedding for story clustering: its lead ([`DocEmbedding::SENTENCES`]
/// sentences) embedded and averaged; `None` when it has no sentence or the model fails.
pub fn doc_embedding(article: &Article, model: &Model) -> Option<DocEmbedding> {
    let lead = lead_embeddings(article, model, DocEmbedding::SENTENCES).ok()?;
    DocEmbedding::from_sentences(&lead)
}

/// The embeddings of the article's first `n` sentences (its lead).
pub fn lead_embeddings(
    article: &Article,
    model: &Model,
    n: usize,
) -> Result<Vec<Vec<f32>>, ModelError> {
    let lead: Vec<&str> = article.sentence_texts().take(n).collect();
    if lead.is_empty() {
        return Ok(Vec::new());
    }
    model.embed(&lead)
}

/// The article's sentences as sets of stemmed content words (stemmed in the article's language
/// when Snowball has a stemmer for it; stop words are English ones).
pub fn lexical_vectors(article: &Article) -> SentenceVectors {
    let stemmer = article.language.as_deref().and_then(stemmer_for);
    SentenceVectors::Lexical(
        article
            .sentence_texts()
            .map(|s| content_words(s, stemmer.as_ref()))
            .collect(),
    )
}

/// A sentence's distinct content words, lower-cased and stemmed, sorted.
pub fn content_words(sentence: &str, stemmer: Option<&Stemmer>) -> Vec<Box<str>> {
    let norm = normalize::for_matching(sentence);
    let mut words: Vec<Box<str>> = norm
        .unicode_words()
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 1 && !is_stop_word(w))
        .map(|w| match stemmer {
            Some(s) => s.stem(&w).into_owned().into_boxed_str(),
            None => w.into_boxed_str(),
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn stemmer_for(lang: &str) -> Option<Stemmer> {
    let algo = match lang {
        "en" => Algorithm::English,
        "de" => Algorithm::German,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "pt" => Algorithm::Portuguese,
        "nl" => Algorithm::Dutch,
        "sv" => Algorithm::Swedish,
        "no" | "nb" => Algorithm::Norwegian,
        "da" => Algorithm::Danish,
        "fi" => Algorithm::Finnish,
        "ru" => Algorithm::Russian,
        "ro" => Algorithm::Romanian,
        "hu" => Algorithm::Hungarian,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algo))
}

/// English function words: they say nothing about what a sentence reports.
const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.binary_search(&w).is_ok()
}

/// Similarities of every sentence of one article (rows) with every sentence of another
/// (columns).
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarityMatrix {
    rows: usize,
    cols: usize,
    data: Vec<f32>,
    kind: SimilarityKind,
}

impl SimilarityMatrix {
    /// A matrix from row-major values; `None` when `data` does not hold `rows * cols` values.
    pub fn from_rows(
        rows: usize,
        cols: usize,
        data: Vec<f32>,
        kind: SimilarityKind,
    ) -> Option<SimilarityMatrix> {
        (Some(data.len()) == rows.checked_mul(cols)).then_some(SimilarityMatrix {
            rows,
            cols,
            data,
            kind,
        })
    }

    /// Sentences of the first article.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Sentences of the second article.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The measure.
    pub fn kind(&self) -> SimilarityKind {
        self.kind
    }

    /// Similarity of sentence `i` of the first article with sentence `j` of the second
    /// (0 outside the matrix).
    pub fn get(&self, i: usize, j: usize) -> f32 {
        if i < self.rows && j < self.cols {
            // i < rows and j < cols, and rows * cols is the data's length (from_rows).
            #[allow(clippy::arithmetic_side_effects)]
            let k = i * self.cols + j;
            self.data.get(k).copied().unwrap_or(0.0)
        } else {
            0.0
        }
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        self.data
            .get(i.saturating_mul(self.cols)..i.saturating_add(1).saturating_mul(self.cols))
            .unwrap_or(&[])
    }
}

/// The similarity matrix of two articles' sentences; `None` when the vectors are of different
/// kinds (compute lexical vectors for both then).
pub fn similarity_matrix(a: &SentenceVectors, b: &SentenceVectors) -> Option<SimilarityMatrix> {
    let (rows, cols) = (a.len(), b.len());
    let data: Vec<f32> = match (a, b) {
        (SentenceVectors::Semantic(a), SentenceVectors::Semantic(b)) => a
            .iter()
            .flat_map(|x| b.iter().map(move |y| cosine(x, y).max(0.0)))
            .collect(),
        (SentenceVectors::Lexical(a), SentenceVectors::Lexical(b)) => a
            .iter()
            .flat_map(|x| b.iter().map(move |y| set_cosine(x, y)))
            .collect(),
        _ => return None,
    };
    SimilarityMatrix::from_rows(rows, cols, data, a.kind())
}

/// Cosine of two sorted, distinct word lists seen as binary vectors.
fn set_cosine(a: &[Box<str>], b: &[Box<str>]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0usize, 0usize, 0usize);
    // Indices stay below the lengths, so the increments cannot overflow.
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i = i.saturating_add(1),
            std::cmp::Ordering::Greater => j = j.saturating_add(1),
            std::cmp::Ordering::Equal => {
                common = common.saturating_add(1);
                i = i.saturating_add(1);
                j = j.saturating_add(1);
            }
        }
    }
    common as f32 / (a.len() as f32 * b.len() as f32).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn content_words_are_stemmed_and_stop_words_dropped() {
        let en = stemmer_for("en");
        let w = content_words("The leaders agreed to start negotiations.", en.as_ref());
        let w: Vec<&str> = w.iter().map(|s| &**s).collect();
        assert_eq!(w, ["agre", "leader", "negoti", "start"]);
        assert!(content_words("", en.as_ref()).is_empty());
        assert!(content_words("the of and", en.as_ref()).is_empty());
    }

    #[test]
    fn lexical_similarity_is_cosine_of_word_sets() {
        let en = stemmer_for("en");
        let a = content_words("Leaders agreed on talks.", en.as_ref());
        let b = content_words("The leaders agree to hold talks.", en.as_ref());
        let c = content_words("Bananas are yellow.", en.as_ref());
        assert!((set_cosine(&a, &a) - 1.0).abs() < 1e-6);
        // {leader, agre, talk} against {leader, agre, hold, talk}: 3 / sqrt(3 * 4).
        assert!((set_cosine(&a, &b) - 3.0 / 12f32.sqrt()).abs() < 1e-6);
        assert_eq!(set_cosine(&a, &c), 0.0);
        assert_eq!(set_cosine(&a, &[]), 0.0);
    }

    #[test]
    fn matrices_need_vectors_of_one_kind() {
        let lex = SentenceVectors::Lexical(vec![vec!["a".into()], vec!["b".into()]]);
        let sem = SentenceVectors::Semantic(vec![vec![1.0, 0.0]]);
        assert!(similarity_matrix(&lex, &sem).is_none());
        let m = similarity_matrix(&lex, &lex).expect("same kind");
        assert_eq!((m.rows(), m.cols()), (2, 2));
        assert_eq!(m.get(0, 0), 1.0);
        assert_eq!(m.get(0, 1), 0.0);
        assert_eq!(m.get(5, 5), 0.0);
        assert_eq!(m.row(1), &[0.0, 1.0]);
        let s = similarity_matrix(&sem, &sem).expect("same kind");
        assert_eq!(s.kind(), SimilarityKind::Semantic);
        assert!((s.get(0, 0) - 1.0).abs() < 1e-6);
    }
}
