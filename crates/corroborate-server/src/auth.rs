//! Who may do what: a bearer token for writes (always) and for reads (when asked).
//!
//! The token comes from `--token`, the `CORROBORATE_TOKEN` environment variable, or a token file
//! (`--token-file`, default `corroborate/token` in the user's configuration directory), in that
//! order. Without one the server does not accept writes: it refuses to start unless it is told
//! to serve reads only.

use std::path::{Path, PathBuf};

/// The access rules of a running server.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// The bearer token; `None` means the server is read-only.
    pub token: Option<String>,
    /// Reads need the token too.
    pub private_reads: bool,
    /// Refuse writes even with a token.
    pub read_only: bool,
}

/// The answer to a request's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Go ahead.
    Allowed,
    /// No or wrong token (401).
    Unauthorized,
    /// The server takes no writes (403).
    ReadOnly,
}

impl Access {
    /// May a request with this `Authorization` header write?
    pub fn write(&self, authorization: Option<&str>) -> Verdict {
        match &self.token {
            Some(t) if !self.read_only => check(t, authorization),
            _ => Verdict::ReadOnly,
        }
    }

    /// May a request with this `Authorization` header read?
    pub fn read(&self, authorization: Option<&str>) -> Verdict {
        match (&self.token, self.private_reads) {
            (Some(t), true) => check(t, authorization),
            _ => Verdict::Allowed,
        }
    }
}

fn check(token: &str, authorization: Option<&str>) -> Verdict {
    let given = authorization
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .map(str::trim);
    match given {
        Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => Verdict::Allowed,
        _ => Verdict::Unauthorized,
    }
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The default token file: `corroborate/token` in the user's configuration directory.
pub fn default_token_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("corroborate").join("token"))
}

/// Reads a token file: its first non-empty line, trimmed. A missing file is `Ok(None)`.
pub fn read_token_file(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(s
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// How to give the server a token, for the message when it has none.
pub fn how_to_set_token() -> String {
    let file = default_token_file()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "a file given with --token-file".to_string());
    format!(
        "writes need a bearer token: set CORROBORATE_TOKEN (e.g. `export CORROBORATE_TOKEN=$(openssl rand -hex 24)`), \
         pass --token TOKEN, or write it to {file}; or pass --read-only to serve reads only"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_need_the_token() {
        let a = Access {
            token: Some("s3cret".into()),
            private_reads: false,
            read_only: false,
        };
        assert_eq!(a.write(Some("Bearer s3cret")), Verdict::Allowed);
        assert_eq!(a.write(Some("Bearer s3cre")), Verdict::Unauthorized);
        assert_eq!(a.write(Some("s3cret")), Verdict::Unauthorized);
        assert_eq!(a.write(None), Verdict::Unauthorized);
        assert_eq!(a.read(None), Verdict::Allowed);
        let private = Access {
            private_reads: true,
            ..a.clone()
        };
        assert_eq!(private.read(None), Verdict::Unauthorized);
        assert_eq!(private.read(Some("Bearer s3cret")), Verdict::Allowed);
        assert_eq!(Access::default().write(Some("Bearer x")), Verdict::ReadOnly);
        let ro = Access {
            read_only: true,
            ..private.clone()
        };
        assert_eq!(ro.write(Some("Bearer s3cret")), Verdict::ReadOnly);
        assert_eq!(ro.read(Some("Bearer s3cret")), Verdict::Allowed);
    }

    #[test]
    fn token_files_skip_comments_and_blank_lines() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("token");
        std::fs::write(&p, "# my token\n\n  abc123  \n").expect("w");
        assert_eq!(
            read_token_file(&p).expect("reads").as_deref(),
            Some("abc123")
        );
        assert_eq!(read_token_file(&dir.path().join("none")).expect("ok"), None);
    }
}
