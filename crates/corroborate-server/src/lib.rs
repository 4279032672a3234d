//! corroborate's service side: an embedded store of articles and stories, incremental
//! ingestion, an HTTP API and a web page.
//!
//! ```text
//! inputs ─intake─▶ articles ─Store::add_batch─▶ SQLite (WAL, one file)
//!                                 └─Store::refresh_stories ─assign::place─▶ changed stories
//! HTTP (axum): server (router) · api (handlers) · auth (token) · writer (group commit, refresher)
//!              · openapi (document) · web (embedded page) · warm (tables built at start)
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

pub mod api;
pub mod assign;
pub mod auth;
pub mod health;
pub mod intake;
pub mod openapi;
pub mod server;
pub mod store;
pub mod warm;
pub mod web;
pub mod writer;

pub use server::{ServeConfig, ServeError};
pub use store::{Store, StoreConfig, StoreError};
