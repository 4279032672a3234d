//! corroborate: reads a pile of news articles and tells, per story, which reports are about the
//! same event, which copy or rewrite which, and what they claim.
//!
//! The pipeline is a chain of plain functions; I/O happens only in [`read`] (inputs) and in the
//! caller (outputs):
//!
//! ```text
//! read::discover ─▶ read::read_input ─▶ ingest (extract · clean · dates · sentences · language)
//!   ─▶ Corpus ─▶ analyze ─▶ report::Report ─▶ JSON · report::to_markdown · report::to_html
//! ```
//!
//! ```
//! use corroborate::{read, Corpus, Config};
//! let out = read::parse_bytes("a.txt", Some("a.txt"), b"Title Line\n\nThe body. It is short.",
//!                             &read::ReadConfig::default());
//! let mut corpus = Corpus::new();
//! corpus.files = 1;
//! corpus.add_outcome(out);
//! let report = corroborate::analyze(&corpus, &Config::default());
//! assert_eq!(report.articles[0].title.as_deref(), Some("Title Line"));
//! assert_eq!(report.stories.len(), 1);
//! ```
#![deny(missing_docs)]

pub mod align;
pub mod article;
pub mod clean;
pub mod copies;
pub mod corpus;
pub mod dates;
pub mod dedup;
pub mod embed;
mod error;
pub mod extract;
pub mod facts;
pub mod families;
pub mod features;
pub mod ingest;
pub mod language;
pub mod lsh;
pub mod minhash;
pub mod normalize;
pub mod read;
pub mod relations;
pub mod report;
pub mod rewrite_index;
pub mod sentences;
pub mod shingles;
pub mod similarity;
pub mod stories;

pub use article::{Article, Published};
pub use corpus::Corpus;
pub use error::{Error, Result};
pub use read::{ReadConfig, Skipped};
pub use report::Report;

/// Options for an analysis, with documented defaults.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// How inputs are read.
    pub read: ReadConfig,
    /// How facts are extracted and compared within each story.
    pub facts: facts::FactsConfig,
    /// How articles are grouped into stories.
    pub stories: stories::StoryConfig,
    /// When a pair of articles in a story is a rewrite, and how families are told.
    pub rewrites: relations::RewriteConfig,
    /// The sentence-embedding model ([`embed::Model::load`]); `None`: lexical similarity only.
    pub model: Option<std::sync::Arc<embed::Model>>,
}

/// Analyses a corpus into a report. Pure: the same corpus and configuration give the same report.
pub fn analyze(corpus: &Corpus, cfg: &Config) -> Report {
    let stories = stories::cluster(&corpus.articles, &cfg.stories);
    let mut report = report::build(corpus, &stories);
    relations::fill_stories(
        &mut report.stories,
        &stories,
        &corpus.articles,
        cfg.model.as_deref(),
        &cfg.rewrites,
    );
    facts::fill_report(&mut report, corpus, &stories, &cfg.facts);
    report
}

/// The report's story objects for stories given as indices into `articles` (each story's
/// articles in the order to list them), filled as [`analyze`] fills them: title, dates,
/// relations, families and facts. Stories are numbered "s1", "s2", … in the order given.
///
/// Each story object depends only on its own articles, so a caller that keeps stories over
/// time (the store) recomputes only those whose articles changed: for the stories of
/// [`stories::cluster`], this gives the same objects as [`analyze`].
pub fn story_objects(
    articles: &[Article],
    stories: &[Vec<usize>],
    cfg: &Config,
) -> Vec<report::Story> {
    use rayon::prelude::*;
    let mut out = report::stories(articles, stories);
    relations::fill_stories(
        &mut out,
        stories,
        articles,
        cfg.model.as_deref(),
        &cfg.rewrites,
    );
    let facts: Vec<Vec<report::Fact>> = stories
        .par_iter()
        .map(|members| {
            let arts: Vec<&Article> = members.iter().filter_map(|&i| articles.get(i)).collect();
            facts::for_story(&arts, &cfg.facts)
        })
        .collect();
    for (story, facts) in out.iter_mut().zip(facts) {
        story.facts = facts;
    }
    out
}
