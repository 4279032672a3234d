//! The `corroborate` command: argument parsing, progress and printing over the library.
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

mod cli;
mod dedup;
mod output;
mod store_cmds;

use clap::Parser;
use std::process::ExitCode;

/// jemalloc rather than the system's malloc: a long-running `serve` gives freed memory back to
/// the system and fragments less (why, with figures, in this crate's Cargo.toml).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corroborate: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
