//! Where results go: files or standard output, and the errors that can happen on the way.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A failure the binary reports in one line.
#[derive(Debug)]
pub enum CliError {
    /// The library stopped the run.
    Lib(corroborate::Error),
    /// The command line asks for something impossible (exit 2).
    Usage(String),
    /// The store or the service failed (exit 1).
    Other(String),
    /// Writing an output failed.
    Write {
        target: String,
        source: std::io::Error,
    },
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }

    /// A closed pipe (`corroborate ... | head`) is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Lib(e) => write!(f, "{e}"),
            CliError::Usage(m) | CliError::Other(m) => write!(f, "{m}"),
            CliError::Write { target, source } => write!(f, "cannot write {target}: {source}"),
        }
    }
}

impl From<corroborate::Error> for CliError {
    fn from(e: corroborate::Error) -> Self {
        CliError::Lib(e)
    }
}

/// An output destination: a file path, or `-` for standard output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    pub fn from_arg(p: &Path) -> Target {
        if p.as_os_str() == "-" {
            Target::Stdout
        } else {
            Target::File(p.to_path_buf())
        }
    }

    fn name(&self) -> String {
        match self {
            Target::Stdout => "standard output".to_string(),
            Target::File(p) => p.display().to_string(),
        }
    }

    /// Writes `content` whole. A file is written to a temporary name beside it and renamed, so a
    /// failed run never leaves half a report.
    pub fn write(&self, content: &str) -> Result<(), CliError> {
        let err = |source| CliError::Write {
            target: self.name(),
            source,
        };
        match self {
            Target::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(content.as_bytes()).map_err(err)?;
                out.flush().map_err(err)
            }
            Target::File(p) => {
                let tmp = tmp_name(p);
                std::fs::write(&tmp, content).map_err(err)?;
                std::fs::rename(&tmp, p).map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    err(e)
                })
            }
        }
    }
}

fn tmp_name(p: &Path) -> PathBuf {
    let mut name = p.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".tmp{}", std::process::id()));
    p.with_file_name(name)
}
