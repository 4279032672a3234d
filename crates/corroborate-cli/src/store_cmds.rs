//! The store and service verbs: `add`, `stories`, `show` (and `serve`), thin glue over
//! `corroborate-server`.

use crate::output::CliError;
use clap::Args;
use corroborate::read;
use corroborate::{Config, ReadConfig};
use corroborate_server::store::{AddStatus, StoryQuery};
use corroborate_server::{intake, Store, StoreConfig};
use std::io::Write;
use std::path::PathBuf;

/// Where the store is.
#[derive(Debug, Args)]
pub struct DbArg {
    /// The store file (created when missing). Default: corroborate/corroborate.db in the user's
    /// data directory (~/.local/share on Linux).
    #[arg(long, value_name = "FILE", env = "CORROBORATE_DB")]
    db: Option<PathBuf>,
}

impl DbArg {
    fn path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(corroborate_server::store::default_path)
    }

    fn open(&self) -> Result<Store, CliError> {
        let p = self.path();
        Store::open(&p, &StoreConfig::default()).map_err(|e| store_err(&p, e))
    }
}

fn store_err(p: &std::path::Path, e: impl std::fmt::Display) -> CliError {
    CliError::Other(format!("{}: {e}", p.display()))
}

/// `corroborate add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Files, directories or `-` (standard input).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    /// Skip inputs larger than this (before or after decompression). Units: B, KB, MB, GB.
    #[arg(long, value_name = "SIZE", default_value = "50MB", value_parser = crate::cli::parse_size)]
    max_size: u64,
    /// Articles per transaction: each is acknowledged once its transaction commits.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
    /// No summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

/// Reads the inputs into the store, then brings the stories up to date. Each article is
/// acknowledged on standard output (one JSON line) only after its transaction commits.
pub fn add(args: AddArgs) -> Result<(), CliError> {
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err(CliError::Usage(
            "`-` (standard input) can be given only once".to_string(),
        ));
    }
    let path = args.db.path();
    let mut store = args.db.open()?;
    let cfg = ReadConfig {
        max_bytes: args.max_size,
    };
    let (inputs, walk_skips) = read::discover(&args.paths);
    let mut skipped = walk_skips;
    let (mut stored, mut duplicates) = (0usize, 0usize);
    let stdout = std::io::stdout();
    let werr = |source| CliError::Write {
        target: "standard output".to_string(),
        source,
    };
    let batch = args.batch as usize;
    for chunk in inputs.chunks(batch.max(16)) {
        let got = intake::read_inputs(chunk, &cfg, &|| {});
        report_skips(&got.skipped, args.quiet);
        skipped.extend(got.skipped);
        for part in got.articles.chunks(batch) {
            let added = store.add_batch(part).map_err(|e| store_err(&path, e))?;
            // Committed: now acknowledge.
            let mut out = stdout.lock();
            for (a, r) in part.iter().zip(&added) {
                match r.status {
                    AddStatus::Stored => stored = stored.saturating_add(1),
                    AddStatus::Duplicate => duplicates = duplicates.saturating_add(1),
                }
                let line = serde_json::json!({
                    "id": r.id,
                    "status": r.status,
                    "given_id": r.given_id,
                    "path": a.path,
                    "line": a.line,
                });
                writeln!(out, "{line}").map_err(werr)?;
            }
            out.flush().map_err(werr)?;
        }
    }
    let changes = store
        .refresh_if_pending(&Config::default())
        .map_err(|e| store_err(&path, e))?;
    if !args.quiet {
        let total = store
            .stories(&StoryQuery {
                limit: 1,
                ..StoryQuery::default()
            })
            .map(|p| p.total)
            .unwrap_or(0);
        eprintln!(
            "corroborate: {stored} article(s) stored, {duplicates} already there, {} skipped; \
             {total} stories ({} updated) in {}",
            skipped.len(),
            changes.map_or(0, |c| c.written),
            path.display()
        );
    }
    if stored == 0 && duplicates == 0 {
        return Err(corroborate::Error::NothingReadable {
            skipped: skipped.len(),
        }
        .into());
    }
    Ok(())
}

fn report_skips(skipped: &[corroborate::Skipped], quiet: bool) {
    if quiet {
        return;
    }
    let mut err = std::io::stderr().lock();
    for s in skipped {
        let at = s.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(err, "corroborate: skipped {}{at}: {}", s.path, s.reason);
    }
}

/// `corroborate stories`.
#[derive(Debug, Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    db: DbArg,
    /// Only stories with an article published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    since: Option<chrono::NaiveDate>,
    /// Only stories that began on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    until: Option<chrono::NaiveDate>,
    /// Only stories with an article containing all these words (title or text).
    #[arg(long, value_name = "TEXT")]
    query: Option<String>,
    /// How many stories to list.
    #[arg(long, value_name = "N", default_value_t = 50)]
    limit: usize,
    /// Stories to skip (for paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,
    /// Print the page as JSON instead of a table.
    #[arg(long)]
    json: bool,
}

fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date (use YYYY-MM-DD)"))
}

/// Lists stories, newest first.
pub fn stories(args: StoriesArgs) -> Result<(), CliError> {
    let path = args.db.path();
    let mut store = args.db.open()?;
    store
        .refresh_if_pending(&Config::default())
        .map_err(|e| store_err(&path, e))?;
    let page = store
        .stories(&StoryQuery {
            since: args.since,
            until: args.until,
            text: args.query.clone(),
            limit: args.limit.max(1),
            offset: args.offset,
        })
        .map_err(|e| store_err(&path, e))?;
    let mut s = String::new();
    if args.json {
        s = serde_json::to_string_pretty(&page).map_err(corroborate::Error::from)?;
        s.push('\n');
    } else {
        for st in &page.stories {
            let day = st
                .last_seen
                .as_deref()
                .map_or("-", |d| d.get(..10).unwrap_or(d));
            s.push_str(&format!(
                "{:<8} {:<10} {:>3} article(s) {:>3} source(s)  {}\n",
                st.id, day, st.articles, st.sources, st.title
            ));
        }
        let shown = page.offset.saturating_add(page.stories.len());
        if page.total > shown {
            s.push_str(&format!(
                "… {} more (use --offset {shown})\n",
                page.total.saturating_sub(shown),
            ));
        }
    }
    crate::output::Target::Stdout.write(&s)
}

/// `corroborate show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The story's id (as `corroborate stories` lists it, e.g. s1).
    story: String,
    #[command(flatten)]
    db: DbArg,
    /// Print the story object as JSON (the report's story, with its articles' entries).
    #[arg(long)]
    json: bool,
}

/// Shows one story.
pub fn show(args: ShowArgs) -> Result<(), CliError> {
    let path = args.db.path();
    let mut store = args.db.open()?;
    store
        .refresh_if_pending(&Config::default())
        .map_err(|e| store_err(&path, e))?;
    let detail = store
        .story(&args.story)
        .map_err(|e| store_err(&path, e))?
        .ok_or_else(|| {
            CliError::Other(format!(
                "no story {:?} in {} (list them with `corroborate stories`)",
                args.story,
                path.display()
            ))
        })?;
    let s = if args.json {
        let mut s = serde_json::to_string_pretty(&detail).map_err(corroborate::Error::from)?;
        s.push('\n');
        s
    } else {
        readable(&detail)
    };
    crate::output::Target::Stdout.write(&s)
}

/// A story for reading in a terminal.
fn readable(d: &corroborate_server::store::StoryDetail) -> String {
    let v = &d.story;
    let get = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
    let mut s = format!("{}  {}\n", get("id"), get("title"));
    s.push_str(&format!(
        "{} article(s), {} to {}\n\nSources\n",
        d.article_entries.len(),
        v.get("first_seen").and_then(|x| x.as_str()).unwrap_or("?"),
        v.get("last_seen").and_then(|x| x.as_str()).unwrap_or("?"),
    ));
    for a in &d.article_entries {
        s.push_str(&format!(
            "  {}  {}  {}  {}\n",
            a.published.map_or("-".to_string(), |p| p.to_string()),
            a.source.as_deref().unwrap_or("-"),
            a.id,
            a.title.as_deref().unwrap_or("")
        ));
    }
    let list = |k: &str| {
        v.get(k)
            .and_then(|x| x.as_array())
            .cloned()
            .unwrap_or_default()
    };
    let relations = list("relations");
    if !relations.is_empty() {
        s.push_str("\nRelations\n");
        for r in relations {
            s.push_str(&format!(
                "  {} ~ {}: {} ({:.2})\n",
                r.get("a").and_then(serde_json::Value::as_str).unwrap_or(""),
                r.get("b").and_then(serde_json::Value::as_str).unwrap_or(""),
                r.get("kind")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or(""),
                r.get("score")
                    .and_then(serde_json::Value::as_f64)
                    .unwrap_or(0.0)
            ));
        }
    }
    let families = list("families");
    if !families.is_empty() {
        s.push_str("\nFamilies\n");
        for f in families {
            let members: Vec<&str> = f
                .get("articles")
                .and_then(serde_json::Value::as_array)
                .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
                .unwrap_or_default();
            s.push_str(&format!(
                "  {}: {} (likely source: {})\n",
                f.get("kind")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or(""),
                members.join(", "),
                f.get("likely_source")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or("none")
            ));
        }
    }
    let facts = list("facts");
    if !facts.is_empty() {
        s.push_str("\nFacts\n");
        for f in facts {
            s.push_str(&format!(
                "  [{}] {}: {} claim(s)\n",
                f.get("status")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or(""),
                f.get("about")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or(""),
                f.get("claims")
                    .and_then(serde_json::Value::as_array)
                    .map_or(0, |c| c.len())
            ));
        }
    }
    s
}

/// `corroborate serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Address to listen on.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Bearer token for writes (prefer CORROBORATE_TOKEN or a token file: command lines are
    /// visible to other users).
    #[arg(
        long,
        value_name = "TOKEN",
        env = "CORROBORATE_TOKEN",
        hide_env_values = true
    )]
    token: Option<String>,
    /// File holding the token (first non-empty line). Default: corroborate/token in the user's
    /// configuration directory, when it exists.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Serve reads only (no token needed; writes are refused with 403).
    #[arg(long)]
    read_only: bool,
    /// Reads need the token too.
    #[arg(long)]
    private: bool,
    /// Largest request body accepted. Units: B, KB, MB, GB.
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = crate::cli::parse_size)]
    max_body: u64,
    /// /healthz answers 503 when the oldest article not yet placed in a story has waited longer
    /// than this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    health_lag: u64,
}

/// Runs the HTTP server until Ctrl-C or SIGTERM.
pub fn serve(args: ServeArgs) -> Result<(), CliError> {
    use corroborate_server::auth;
    let token = match (args.token.clone(), &args.token_file) {
        (Some(t), _) => Some(t),
        (None, Some(f)) => Some(
            auth::read_token_file(f)
                .map_err(|e| CliError::Other(format!("cannot read {}: {e}", f.display())))?
                .ok_or_else(|| CliError::Usage(format!("{} holds no token", f.display())))?,
        ),
        (None, None) => match auth::default_token_file() {
            Some(f) => auth::read_token_file(&f)
                .map_err(|e| CliError::Other(format!("cannot read {}: {e}", f.display())))?,
            None => None,
        },
    }
    .filter(|t| !t.trim().is_empty());
    if token.is_none() && !args.read_only {
        return Err(CliError::Usage(auth::how_to_set_token()));
    }
    if token.is_none() && args.private {
        return Err(CliError::Usage(
            "--private needs a token for readers to present".to_string(),
        ));
    }
    let mut cfg = corroborate_server::ServeConfig::new(args.db.path());
    cfg.addr = args.addr;
    cfg.access = auth::Access {
        token,
        private_reads: args.private,
        read_only: args.read_only,
    };
    cfg.max_body = usize::try_from(args.max_body).unwrap_or(usize::MAX);
    cfg.max_lag = std::time::Duration::from_secs(args.health_lag);
    corroborate_server::server::run(cfg).map_err(|e| CliError::Other(e.to_string()))
}
