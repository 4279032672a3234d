//! *Which sentences say the same?* Sentence vectors of an article, semantic with the model
//! ([`embed`]: all-MiniLM-L6-v2 on the CPU) or lexical (stemmed content words), the similarity
//! matrix of two articles' sentences ([`vectors`]), and their one-to-one, order-aware alignment
//! ([`align`]). Used by the stories (lead embeddings) and by the copies and rewrites.
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

pub mod align;
pub mod embed;
pub mod vectors;

pub use vectors::*;
