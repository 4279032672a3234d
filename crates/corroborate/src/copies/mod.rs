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
