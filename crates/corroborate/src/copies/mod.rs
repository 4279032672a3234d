//! *Which articles copy or rewrite an earlier one, and which is the source?*
//!
//! The building blocks: word 5-gram [`shingles`], [`minhash`] signatures and banded [`lsh`].
//! The relation of a pair ([`kind`]) is found three ways: exact and near-duplicate copies on
//! shingles ([`near`]); paraphrased rewrites by sentence alignment ([`rewrite`]); and, over a
//! stream of any length, the [`dedup`] stage behind `corroborate dedup` (its rewrite
//! candidates come from the [`rewrite_index`]). Within a story, [`relations`] keeps the
//! strongest kind per pair and [`families`] groups copies and rewrites with their likely source.

pub mod dedup;
pub mod families;
pub mod kind;
pub mod lsh;
pub mod minhash;
pub mod narration;
pub mod near;
pub mod relations;
pub mod rewrite;
pub mod rewrite_index;
pub mod shingles;

pub use families::Family;
pub use kind::{PairRelation, RelationKind};
pub use relations::{Evidence, Relation};
pub use rewrite::RewriteConfig;

/// An article made from bare text, for this stage's unit tests (English, no metadata).
#[cfg(test)]
pub(crate) fn test_article(id: &str, published: Option<&str>, text: &str) -> crate::Article {
    crate::Article {
        id: id.to_string(),
        title: None,
        source: None,
        url: None,
        published: published.and_then(crate::ingest::dates::parse_published),
        author: None,
        language: Some("en".into()),
        path: format!("{id}.txt"),
        line: None,
        text: text.to_string(),
        sentences: crate::ingest::sentences::split(text),
        metadata: Default::default(),
        removed: Default::default(),
        notes: Vec::new(),
    }
}
