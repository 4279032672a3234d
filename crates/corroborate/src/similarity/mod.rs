//! *Which sentences say the same?* Sentence vectors of an article, semantic with the model
//! ([`embed`]: all-MiniLM-L6-v2 on the CPU) or lexical (stemmed content words), the similarity
//! matrix of two articles' sentences ([`vectors`]), and their one-to-one, order-aware alignment
//! ([`align`]). Used by the stories (lead embeddings) and by the copies and rewrites.

pub mod align;
pub mod embed;
pub mod vectors;

pub use vectors::*;
