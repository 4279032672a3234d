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
pub mod corpus;
pub mod dates;
pub mod embed;
mod error;
pub mod extract;
pub mod families;
pub mod ingest;
pub mod language;
pub mod normalize;
pub mod read;
pub mod relations;
pub mod report;
pub mod sentences;
pub mod similarity;

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
    /// When a pair of articles in a story is a rewrite, and how families are told.
    pub rewrites: relations::RewriteConfig,
    /// The sentence-embedding model ([`embed::Model::load`]); `None`: lexical similarity only.
    pub model: Option<std::sync::Arc<embed::Model>>,
}

/// Analyses a corpus into a report. Pure: the same corpus and configuration give the same report.
pub fn analyze(corpus: &Corpus, cfg: &Config) -> Report {
    // Until story clustering lands, every article is its own story.
    let stories: Vec<Vec<usize>> = (0..corpus.articles.len()).map(|i| vec![i]).collect();
    let mut report = report::build(corpus, &stories);
    let model = cfg.model.as_deref();
    relations::fill_stories(
        &mut report.stories,
        &stories,
        &corpus.articles,
        model,
        &cfg.rewrites,
    );
    report
}
