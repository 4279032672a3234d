//! Finding the inputs: files, directories read recursively, and `-` for standard input.

use super::{Input, SkipReason, Skipped};
use std::path::{Path, PathBuf};

/// Expands the user's paths into inputs, in a stable order (directories sorted by name), and
/// the paths that cannot be read, with reasons. Hidden files and directories (`.git`) inside a
/// directory are not read; a hidden file named on the command line is.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Skipped>) {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        walk_one(path, &mut inputs, &mut skipped);
    }
    (inputs, skipped)
}

fn walk_one(root: &Path, inputs: &mut Vec<Input>, skipped: &mut Vec<Skipped>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) if e.file_type().is_file() => inputs.push(Input::File(e.into_path())),
            Ok(e) => skipped.push(Skipped {
                path: e.path().display().to_string(),
                line: None,
                reason: SkipReason::NotRegularFile,
            }),
            Err(err) => {
                let path = err.path().unwrap_or(root).display().to_string();
                let reason = if err.loop_ancestor().is_some() {
                    SkipReason::SymlinkLoop
                } else {
                    match err.io_error() {
                        Some(io) if io.raw_os_error() == Some(40) => SkipReason::SymlinkLoop,
                        Some(io) => SkipReason::Unreadable(io.to_string()),
                        None => SkipReason::Unreadable(err.to_string()),
                    }
                };
                skipped.push(Skipped {
                    path,
                    line: None,
                    reason,
                });
            }
        }
    }
}
