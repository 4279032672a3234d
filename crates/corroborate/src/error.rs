//! The library's error type: what can fail outside a single input.
//!
//! A problem with one input (a binary file, a bad JSONL line) is not an [`Error`]: it becomes a
//! [`crate::Skipped`] entry and the run goes on. An `Error` stops the run.

use std::path::PathBuf;

/// Errors that stop a run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No input gave an article.
    #[error("nothing readable in the input ({skipped} input(s) skipped; see the reasons above)")]
    NothingReadable {
        /// How many inputs were skipped.
        skipped: usize,
    },
    /// Writing an output file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output that could not be written.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The sentence-embedding model could not be found or loaded.
    #[error(transparent)]
    Model(#[from] crate::similarity::embed::ModelError),
    /// Serialising the report failed.
    #[error("cannot serialise the report: {0}")]
    Json(#[from] serde_json::Error),
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
