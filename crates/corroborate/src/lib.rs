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
// Total analysis (issue 13): no unchecked arithmetic, indexing, unwrap, expect or panic on
// anything input can reach; tests are exempt.
#![deny(
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic
)]
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

pub mod article;
pub mod copies;
mod error;
pub mod facts;
pub mod ingest;
pub mod normalize;
pub mod read;
pub mod report;
pub mod similarity;
pub mod stories;

pub use article::{Article, Published};
pub use error::{Error, Result};
pub use ingest::corpus::Corpus;
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
    pub rewrites: copies::RewriteConfig,
    /// The sentence-embedding model ([`similarity::embed::Model::load`]); `None`: lexical similarity only.
    pub model: Option<std::sync::Arc<similarity::embed::Model>>,
}

/// Analyses a corpus into a report. Pure: the same corpus and configuration give the same report.
///
/// With a model, each article's lead is embedded once: it gives the article's embedding for
/// story clustering and the first of its sentence vectors; the rest of the sentences are
/// embedded only for articles that share a story with another.
pub fn analyze(corpus: &Corpus, cfg: &Config) -> Report {
    use rayon::prelude::*;
    let articles = &corpus.articles;
    use similarity::embed;
    let (stories, vectors) = match cfg.model.as_deref() {
        Some(model) => {
            let mut leads: Vec<Option<Vec<Vec<f32>>>> = articles
                .par_iter()
                .map(|a| similarity::lead_embeddings(a, model, embed::DocEmbedding::SENTENCES).ok())
                .collect();
            let embeddings: Vec<Option<embed::DocEmbedding>> = leads
                .iter()
                .map(|l| l.as_deref().and_then(embed::DocEmbedding::from_sentences))
                .collect();
            let stories = stories::cluster_with(articles, &embeddings, &cfg.stories);
            let wanted: Vec<(usize, Option<Vec<Vec<f32>>>)> =
                copies::relations::in_shared_stories(&stories)
                    .into_iter()
                    .map(|i| (i, leads.get_mut(i).and_then(Option::take)))
                    .collect();
            let vectors = wanted
                .into_par_iter()
                .filter_map(|(i, lead)| {
                    let a = articles.get(i)?;
                    let v = lead
                        .and_then(|l| similarity::semantic_vectors_after(a, model, l).ok())
                        .unwrap_or_else(|| similarity::lexical_vectors(a));
                    Some((i, v))
                })
                .collect();
            (stories, vectors)
        }
        None => {
            let stories = stories::cluster(articles, &cfg.stories);
            let wanted = copies::relations::in_shared_stories(&stories);
            let vectors = copies::relations::article_vectors(articles, &wanted, None);
            (stories, vectors)
        }
    };
    let mut report = report::build(corpus, &stories);
    let parts = story_parts(&stories, articles, &vectors, cfg);
    for (story, parts) in report.stories.iter_mut().zip(parts) {
        parts.fill(story);
    }
    report
}

/// The report's story objects for stories given as indices into `articles` (each story's
/// articles in the order to list them), filled as [`analyze`] fills them: title, dates,
/// relations, families and facts. Stories are numbered "s1", "s2", … in the order given.
///
/// Each story object depends only on its own articles, so a caller that keeps stories over
/// time (the store) recomputes only those whose articles changed: for the stories `analyze`
/// found, this gives the same objects as [`analyze`] (with a model, up to the rounding of
/// embedding a lead apart from the rest of its article).
pub fn story_objects(
    articles: &[Article],
    stories: &[Vec<usize>],
    cfg: &Config,
) -> Vec<report::Story> {
    let mut out = report::stories(articles, stories);
    let wanted = copies::relations::in_shared_stories(stories);
    let vectors = copies::relations::article_vectors(articles, &wanted, cfg.model.as_deref());
    for (story, parts) in out
        .iter_mut()
        .zip(story_parts(stories, articles, &vectors, cfg))
    {
        parts.fill(story);
    }
    out
}

/// What the stages after clustering say of one story: its relations and families, its facts,
/// or why its analysis failed.
#[derive(Debug, Default)]
struct StoryParts {
    relations: Vec<report::Relation>,
    families: Vec<report::Family>,
    facts: Vec<report::Fact>,
    errors: Vec<String>,
}

impl StoryParts {
    fn fill(self, story: &mut report::Story) {
        story.relations = self.relations;
        story.families = self.families;
        story.facts = self.facts;
        story.errors = self.errors;
    }
}

/// Relations, families and facts of each story (`stories[k]` as indices into `articles`), in
/// parallel. Each story is analysed apart: if its analysis fails (a panic: a bug, never the
/// input's fault), the story keeps its articles and carries the reason in `errors`, and the
/// other stories are not affected.
fn story_parts(
    stories: &[Vec<usize>],
    articles: &[Article],
    vectors: &std::collections::BTreeMap<usize, similarity::SentenceVectors>,
    cfg: &Config,
) -> Vec<StoryParts> {
    use rayon::prelude::*;
    // Learned once from the whole run: what narration recurs across stories (boilerplate).
    let run = copies::relations::RunNarration::new(stories, articles);
    stories
        .par_iter()
        .map(|members| {
            isolated(|| {
                let (relations, families) =
                    copies::relations::for_members(members, articles, vectors, &run, &cfg.rewrites);
                let arts: Vec<&Article> = members.iter().filter_map(|&i| articles.get(i)).collect();
                let mut facts = facts::for_story(&arts, &cfg.facts);
                // Copies and rewrites of one another, and outlets credited, count once.
                facts::independence::count_sources(&mut facts, &arts, &families);
                StoryParts {
                    relations,
                    families,
                    facts,
                    errors: Vec::new(),
                }
            })
        })
        .collect()
}

/// Runs one story's analysis; a panic becomes the story's error instead of ending the run.
fn isolated(f: impl FnOnce() -> StoryParts) -> StoryParts {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        StoryParts {
            errors: vec![format!(
                "the story's analysis failed (a bug; please report it): {why}"
            )],
            ..StoryParts::default()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_story_carries_its_error_and_the_rest_go_on() {
        let ok = isolated(|| StoryParts {
            facts: Vec::new(),
            ..StoryParts::default()
        });
        assert!(ok.errors.is_empty());
        let failed = isolated(|| {
            let v: Vec<StoryParts> = Vec::new();
            // An out-of-bounds index, as a bug in a stage would make.
            v.into_iter()
                .nth(3)
                .unwrap_or_else(|| panic!("index 3 out of bounds"))
        });
        assert_eq!(failed.errors.len(), 1);
        assert!(
            failed.errors[0].contains("index 3 out of bounds"),
            "{:?}",
            failed.errors
        );
        let msg = format!("{} and {}", "formatted", 2);
        let failed = isolated(move || panic!("{msg}"));
        assert!(failed.errors[0].contains("formatted and 2"));
    }
}
