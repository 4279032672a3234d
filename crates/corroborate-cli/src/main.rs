//! The `corroborate` command: argument parsing, progress and printing over the library.

mod cli;
mod dedup;
mod output;
mod store_cmds;

use clap::Parser;
use std::process::ExitCode;

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
