//! The report, schema 1 (the contract in `docs/report-schema.md`), and its readable forms.

mod brief;
mod html;
mod markdown;

pub use html::to_html;
pub use markdown::to_markdown;

use crate::article::{Article, Published, Removed};
use crate::corpus::Corpus;
use crate::read::Skipped;
use serde::Serialize;
use std::collections::BTreeMap;

/// The report's schema version.
pub const SCHEMA: u32 = 1;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: u32,
    /// "corroborate" and its version.
    pub generator: String,
    /// The account of every input.
    pub inputs: Inputs,
    /// Every article, in the order read.
    pub articles: Vec<ArticleEntry>,
    /// The stories.
    pub stories: Vec<Story>,
}

/// The account of every input.
#[derive(Debug, Serialize)]
pub struct Inputs {
    /// Inputs read (files, and standard input once).
    pub files: usize,
    /// Articles made.
    pub articles: usize,
    /// What gave no article, with reasons.
    pub skipped: Vec<Skipped>,
    /// Skips counted by reason kind.
    pub skipped_by_kind: BTreeMap<&'static str, usize>,
    /// Lines that cleaning removed from the articles, by kind.
    pub removed: Removed,
    /// WARC records that are not responses (requests, warcinfo, metadata).
    pub ignored_records: usize,
}

/// One article in the report.
#[derive(Debug, Serialize)]
pub struct ArticleEntry {
    /// Unique id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<Published>,
    /// Language code.
    pub language: Option<String>,
    /// Words in the clean body.
    pub words: usize,
    /// Input path.
    pub path: String,
    /// JSONL line or WARC record number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Sentences in the clean body.
    pub sentences: usize,
    /// Remarks on how it was read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Other metadata: unknown JSONL fields, an id line found in the text.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

impl ArticleEntry {
    /// The report's view of an article.
    pub fn from_article(a: &Article) -> ArticleEntry {
        ArticleEntry {
            id: a.id.clone(),
            title: a.title.clone(),
            source: a.source.clone(),
            url: a.url.clone(),
            published: a.published,
            language: a.language.clone(),
            words: a.words(),
            path: a.path.clone(),
            line: a.line,
            author: a.author.clone(),
            sentences: a.sentences.len(),
            notes: a.notes.clone(),
            metadata: a.metadata.clone(),
        }
    }
}

/// One story: the reports of one event.
#[derive(Debug, Serialize)]
pub struct Story {
    /// "s1", "s2", … in report order.
    pub id: String,
    /// A representative headline or lead.
    pub title: String,
    /// Article ids, in time order.
    pub articles: Vec<String>,
    /// Earliest publication date among the articles.
    pub first_seen: Option<Published>,
    /// Latest publication date among the articles.
    pub last_seen: Option<Published>,
    /// Pairs that are not independent.
    pub relations: Vec<Relation>,
    /// Copies and rewrites that belong together.
    pub families: Vec<Family>,
    /// Facts compared across the articles.
    pub facts: Vec<Fact>,
}

/// How one article relates to another.
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

/// Copies or rewrites that belong together.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    /// Article ids.
    pub articles: Vec<String>,
    /// "copies" or "rewrites".
    pub kind: String,
    /// The likely original, if it is in the input.
    pub likely_source: Option<String>,
    /// Why that one (or why none).
    pub why: String,
}

/// A fact compared across articles.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// "quantity", "quote", "date" or "entity".
    pub kind: String,
    /// What the fact is about, in words.
    pub about: String,
    /// "agreed", "single_source" or "conflict".
    pub status: String,
    /// Number of distinct articles with a claim.
    pub sources: usize,
    /// Each article's claim.
    pub claims: Vec<Claim>,
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

/// Builds the report from the corpus and the stories, each story given as indices into
/// `corpus.articles`. Stories are numbered in the order given.
pub fn build(corpus: &Corpus, stories: &[Vec<usize>]) -> Report {
    let articles = &corpus.articles;
    let stories = stories
        .iter()
        .enumerate()
        .map(|(n, members)| story(n + 1, members, articles))
        .collect();
    Report {
        schema: SCHEMA,
        generator: format!("corroborate {}", env!("CARGO_PKG_VERSION")),
        inputs: Inputs {
            files: corpus.files,
            articles: articles.len(),
            skipped: corpus.skipped.clone(),
            skipped_by_kind: corpus.skipped_by_kind(),
            removed: corpus.removed(),
            ignored_records: corpus.ignored_records,
        },
        articles: articles.iter().map(ArticleEntry::from_article).collect(),
        stories,
    }
}

/// The report's story objects (title, articles, dates; relations, families and facts left
/// empty) for stories given as indices into `articles`, numbered "s1", "s2", … in the order
/// given: what [`build`] puts in `stories`, without the rest of the report.
pub fn stories(articles: &[Article], stories: &[Vec<usize>]) -> Vec<Story> {
    stories
        .iter()
        .enumerate()
        .map(|(n, members)| story(n + 1, members, articles))
        .collect()
}

fn story(n: usize, members: &[usize], articles: &[Article]) -> Story {
    let members: Vec<&Article> = members.iter().filter_map(|&i| articles.get(i)).collect();
    let dates: Vec<Published> = members.iter().filter_map(|a| a.published).collect();
    Story {
        id: format!("s{n}"),
        title: representative_title(&members),
        articles: members.iter().map(|a| a.id.clone()).collect(),
        first_seen: dates.iter().min_by_key(|d| d.timestamp()).copied(),
        last_seen: dates.iter().max_by_key(|d| d.timestamp()).copied(),
        relations: Vec::new(),
        families: Vec::new(),
        facts: Vec::new(),
    }
}

/// The first headline among the articles, else the lead sentence of the first article.
fn representative_title(members: &[&Article]) -> String {
    if let Some(t) = members.iter().find_map(|a| a.title.as_deref()) {
        return t.to_string();
    }
    let lead = members.first().map(|a| a.sentence(0)).unwrap_or("");
    shorten(lead, 160)
}

/// Cuts `s` to at most `max` characters at a word boundary, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(h, _)| h);
    format!("{}\u{2026}", cut.trim_end_matches([',', ';', ':']))
}
