//! Facts: what the reports of a story say, lined up across sources.
//!
//! Per article ([`extract`]): people, organisations and places ([`entities`]), quotations
//! with their speakers ([`quotes`]), quantities with what they count and their hedges
//! ([`quantities`]), dates anchored to the publication date ([`times`]), scores and votes
//! ([`tallies`]), each tied to its sentence. Per story ([`for_story`]): names unified, then
//! claims about the same thing grouped across articles and marked agreed, single-source or in
//! conflict ([`compare`]).
//!
//! Precision first: a conflict needs two claims about the same thing (same unit and counted
//! thing, similar sentences, a shared name in their context, and no article that states both
//! values); numbers that merely share a unit are left apart.
//!
//! ```
//! use corroborate::{read, Corpus};
//! use corroborate::facts::{self, FactsConfig};
//! let mut corpus = Corpus::new();
//! for (name, text) in [("a.txt", "Title A\n\nThe Kremlin said the call lasted nearly 90 minutes."),
//!                      ("b.txt", "Title B\n\nThe call lasted an hour and a half, the Kremlin said.")] {
//!     corpus.add_outcome(read::parse_bytes(name, Some(name), text.as_bytes(), &read::ReadConfig::default()));
//! }
//! let story: Vec<&corroborate::Article> = corpus.articles.iter().collect();
//! let facts = facts::for_story(&story, &FactsConfig::default());
//! let call = facts.iter().find(|f| f.kind == "quantity").expect("the call's length");
//! assert_eq!(call.status, "agreed");
//! ```

pub mod compare;
pub mod entities;
mod gazetteer;
pub mod independence;
pub mod parse;
pub mod quantities;
pub mod quotes;
pub mod similarity;
pub mod tallies;
pub mod times;
pub mod topic;
pub mod words;

pub use similarity::{CachedLexical, Lexical, SentenceSimilarity};

use crate::article::Article;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

/// A fact compared across articles, as the report gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// "quantity", "quote", "date" or "entity".
    pub kind: String,
    /// What the fact is about, in the engine's words (may name the first claim's value: "date
    /// 1957 (Mississippi)", "score or tally 45-35").
    pub about: String,
    /// What the fact is about in plain words that take no side: no claim's value, no engine
    /// form ("Date (Mississippi)", "Score or tally", "What Jane Smith said"). The heading every
    /// readable form shows ([`topic::topic`]).
    pub topic: String,
    /// "agreed", "single_source" or "conflict".
    pub status: String,
    /// Number of distinct articles with a claim.
    pub sources: usize,
    /// Each article's claim.
    pub claims: Vec<Claim>,
    /// How much a reader of a one-page brief needs the fact, in [0, 1]: conflicts first,
    /// then what more sources state and state early; 0 for trivial facts (a bare weekday, a
    /// count without a referent, the mere mention of a name, a quote fragment of three words
    /// or fewer that one source gives). Facts are ordered by it.
    pub salience: f64,
}

/// One article's claim.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// Article id.
    pub article: String,
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// The sentence.
    pub text: String,
    /// The normalised value.
    pub value: serde_json::Value,
}

/// Options for fact extraction and comparison, with documented defaults.
#[derive(Debug, Clone)]
pub struct FactsConfig {
    /// Two compatible quantities (same unit and counted thing) in two articles agree when
    /// their sentences are at least this similar. Default 0.1 (lexical).
    pub agree_similarity: f32,
    /// Two incompatible quantities are in conflict only when their sentences are at least
    /// this similar (and share a name in their context). Default 0.1 (lexical).
    pub conflict_similarity: f32,
    /// Two incompatible quantities whose verb is next to the figure on one side only and
    /// elsewhere in the other sentence ("LaRue served four months" / "he served four and a
    /// half months in prison") are in conflict only when their sentences are at least this
    /// similar. Default 0.3.
    pub loose_verb_similarity: f32,
    /// Two incompatible quantities with no verb on either side ("48 pages" / "47 pages") are
    /// in conflict only when their sentences are at least this similar. Default 0.5.
    pub close_similarity: f32,
    /// The same date in two articles is one fact when their sentences are at least this
    /// similar. Default 0.2.
    pub date_similarity: f32,
    /// Two different calendar dates of the same happening (a shared verb and name) are in
    /// conflict only when their sentences are at least this similar. Default 0.25.
    pub date_conflict_similarity: f32,
    /// A sentence of another article reports a quotation in its own words when it names the
    /// speaker and shares at least this share of the quotation's content words (of the
    /// shorter of the two). Default 0.4.
    pub paraphrase_overlap: f32,
    /// Emit one `entity` fact per person, organisation and place. Default true.
    pub entity_facts: bool,
}

impl Default for FactsConfig {
    fn default() -> Self {
        FactsConfig {
            agree_similarity: 0.1,
            conflict_similarity: 0.1,
            loose_verb_similarity: 0.3,
            close_similarity: 0.5,
            date_similarity: 0.2,
            date_conflict_similarity: 0.25,
            paraphrase_overlap: 0.4,
            entity_facts: true,
        }
    }
}

/// What one article says, before comparison.
#[derive(Debug, Clone, Default)]
pub struct ArticleFacts {
    /// Names, in text order.
    pub mentions: Vec<entities::Mention>,
    /// Quotations.
    pub quotes: Vec<quotes::Quote>,
    /// Quantities with their sentence index.
    pub quantities: Vec<(usize, quantities::Quantity)>,
    /// Dates with their sentence index.
    pub dates: Vec<(usize, times::DateMention)>,
    /// Scores, votes and records with their sentence index.
    pub tallies: Vec<(usize, tallies::Tally)>,
}

/// The reference day for Duckling when an article has no publication date: fixed, so the
/// output never depends on the clock (relative dates are then left unanchored).
const NO_DATE: Option<NaiveDate> = NaiveDate::from_ymd_opt(2000, 1, 1);

/// Extracts what one article says. Pure and independent of other articles.
pub fn extract(article: &Article) -> ArticleFacts {
    let mut mentions = entities::mentions(article);
    let quotes = quotes::quotes(article, &mentions);
    // A lone name that speaks ("…,” Warren said) is a person.
    for q in &quotes {
        if let quotes::Speaker::Mention(mi) = q.speaker {
            if let Some(m) = mentions.get_mut(mi).filter(|m| m.kind.is_none()) {
                m.kind = Some(entities::EntityKind::Person);
            }
        }
    }
    let published = article.published.map(|p| p.date());
    let reference = published.or(NO_DATE).unwrap_or_default();
    /// How many sentences back a year still dates "that year".
    const THAT_YEAR_REACH: usize = 2;
    let mut qs = Vec::new();
    let mut ds = Vec::new();
    let mut ts = Vec::new();
    // The last year named, and in which sentence.
    let mut last_year: Option<(usize, i32)> = None;
    for (i, sentence) in article.sentence_texts().enumerate() {
        let parsed = if parse::has_numbers(sentence) {
            parse::parse(sentence, reference)
        } else {
            Vec::new()
        };
        qs.extend(
            quantities::quantities(sentence, &parsed)
                .into_iter()
                .map(|q| (i, q)),
        );
        let mut found = times::dates(sentence, &parsed, published);
        let before = last_year
            .filter(|(k, _)| i.saturating_sub(*k) <= THAT_YEAR_REACH)
            .map(|(_, y)| y);
        let pointing = times::that_year(sentence, &found, before);
        found.extend(pointing);
        found.sort_by_key(|d| d.range.start);
        if let Some(y) = found.iter().filter_map(times::year_of).next_back() {
            last_year = Some((i, y));
        }
        ds.extend(found.into_iter().map(|d| (i, d)));
        ts.extend(tallies::tallies(sentence).into_iter().map(|t| (i, t)));
    }
    ArticleFacts {
        mentions,
        quotes,
        quantities: qs,
        dates: ds,
        tallies: ts,
    }
}

/// The facts of one story: every article's claims, compared, with the default lexical
/// sentence similarity.
pub fn for_story(articles: &[&Article], cfg: &FactsConfig) -> Vec<Fact> {
    for_story_with(articles, cfg, &similarity::CachedLexical::new(articles))
}

/// The facts of one story, with a sentence similarity of the caller's choosing (e.g. a
/// sentence-embedding model).
pub fn for_story_with(
    articles: &[&Article],
    cfg: &FactsConfig,
    sim: &dyn SentenceSimilarity,
) -> Vec<Fact> {
    let extracted: Vec<ArticleFacts> = articles.iter().map(|a| extract(a)).collect();
    compare::compare(articles, &extracted, cfg, sim)
}

/// The facts of each story, `stories[k]` given as indices into `articles`. Stories are
/// compared in parallel; the result does not depend on the number of threads.
pub fn for_stories(
    articles: &[Article],
    stories: &[Vec<usize>],
    cfg: &FactsConfig,
) -> Vec<Vec<Fact>> {
    stories
        .par_iter()
        .map(|members| {
            let arts: Vec<&Article> = members.iter().filter_map(|&i| articles.get(i)).collect();
            for_story(&arts, cfg)
        })
        .collect()
}
