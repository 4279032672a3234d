//! The report, schema 1 (the contract in `docs/report-schema.md`), and its readable forms.

mod brief;
pub mod compare;
mod html;
mod markdown;
pub mod view;

pub use brief::{esc, MAX_FACTS};
pub use html::{to_html, to_html_with, STYLE};
pub use markdown::{to_markdown, to_markdown_with};

pub use crate::copies::{Evidence, Family, Relation};
pub use crate::facts::{Claim, Fact};

use crate::article::{Article, Published, Removed};
use crate::ingest::corpus::Corpus;
use crate::normalize::shorten;
use crate::read::Skipped;
use serde::Serialize;
use std::collections::BTreeMap;

pub use view::StoryView;

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
    /// The first sentence of the clean body: what names a report that has neither an outlet
    /// nor a headline in the readable forms. Not a report field (the JSON has the text's
    /// sentences nowhere; readers of the JSON name such reports as they like).
    #[serde(skip)]
    pub lead: String,
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
            lead: shorten(a.sentence(0).trim(), 200),
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
    /// Why the story's analysis failed, if it did (its relations, families and facts are then
    /// empty); omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// Builds the report from the corpus and the stories, each story given as indices into
/// `corpus.articles`. Stories are numbered in the order given.
pub fn build(corpus: &Corpus, stories: &[Vec<usize>]) -> Report {
    let articles = &corpus.articles;
    let stories = stories
        .iter()
        .zip(1..)
        .map(|(members, n)| story(n, members, articles))
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
        .zip(1..)
        .map(|(members, n)| story(n, members, articles))
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
        errors: Vec::new(),
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
