//! The embedded store: one SQLite file (bundled SQLite, WAL journal) holding the articles with
//! their clean text and metadata, and the current stories.
//!
//! Writes happen in transactions: a batch of articles is stored whole or not at all, and the
//! stories are replaced in one transaction, so a crash at any point leaves a store that opens,
//! holds every article whose batch committed, and has no story naming a missing article
//! (foreign keys enforce it). Articles stored but not yet in a story are *pending*; the next
//! [`Store::refresh_stories`] assigns them.

mod articles;
pub mod schema;
mod stories;

pub use articles::{content_hash, parse_published, AddStatus, Added};
pub use stories::{fts_query, source_name, StoryChanges, StoryPage, StoryQuery, StorySummary};

use corroborate::report::ArticleEntry;
use corroborate::{Article, Config, Corpus};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused (the file is not a store, the disk is full, a lock timed out, …).
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON column could not be written or read.
    #[error("store: bad JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The store's directory could not be created.
    #[error("cannot create the store's directory {path}: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The store was written by a newer corroborate.
    #[error("the store has schema version {found}, newer than this program knows ({known}); upgrade corroborate")]
    NewerSchema {
        /// Version in the file.
        found: u32,
        /// Newest version known here.
        known: u32,
    },
    /// The analysis returned stories that do not fit the stored articles.
    #[error("story assignment: {0}")]
    Analysis(String),
}

/// How durable a commit is. The store's default is [`Durability::Full`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// Every commit is synced to disk before it is acknowledged: survives a process kill and a
    /// power cut (SQLite `synchronous=FULL`).
    #[default]
    Full,
    /// Commits survive a process kill; the last ones may be lost on a power cut
    /// (`synchronous=NORMAL`, faster).
    Normal,
}

/// Store options, with documented defaults.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// Sync policy (default [`Durability::Full`]).
    pub durability: Durability,
    /// How long to wait for another writer's lock before failing (default 30 s).
    pub busy_timeout: Duration,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            durability: Durability::Full,
            busy_timeout: Duration::from_secs(30),
        }
    }
}

/// The default store file: `corroborate/corroborate.db` in the user's data directory
/// (`$XDG_DATA_HOME`, `~/.local/share` on Linux), else in the current directory.
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .map(|d| d.join("corroborate"))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("corroborate.db")
}

/// A story as served: the report's story object, and its articles' report entries.
#[derive(Debug, serde::Serialize)]
pub struct StoryDetail {
    /// The report's story object (id, title, articles, relations, families, facts, …).
    #[serde(flatten)]
    pub story: serde_json::Value,
    /// The story's articles as the report lists them, in the story's order.
    pub article_entries: Vec<ArticleEntry>,
}

/// What an integrity check found (all empty or true when the store is sound).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Integrity {
    /// SQLite's `integrity_check` said "ok".
    pub sqlite_ok: bool,
    /// Rows whose foreign key points nowhere.
    pub dangling_rows: usize,
    /// Article ids named in a story's body (articles, relations, families, facts) that are not
    /// stored members of that story.
    pub dangling_ids: Vec<String>,
    /// Articles stored.
    pub articles: usize,
    /// Stories stored.
    pub stories: usize,
    /// Articles not yet in a story.
    pub pending: usize,
}

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path, cfg: &StoreConfig) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path)?;
        configure(&conn, cfg)?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing store for reading only (no migration; queries cannot write).
    pub fn open_reader(path: &Path, cfg: &StoreConfig) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn, cfg)?;
        conn.pragma_update(None, "query_only", "ON")?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The schema version recorded in the store.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::version(&self.conn)
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores a batch of articles in one transaction: all of them or, on error, none.
    /// An article already stored (same id, same content) is reported as a duplicate.
    pub fn add_batch(&mut self, batch: &[Article]) -> Result<Vec<Added>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(batch.len());
        for a in batch {
            out.push(articles::insert(&tx, a)?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Articles stored but not yet assigned to a story.
    pub fn pending(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM articles
             WHERE id NOT IN (SELECT article_id FROM story_articles)",
            [],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as usize)
    }

    /// Recomputes the stories over the stored articles (see [`crate::assign`]) and stores those
    /// that changed, in one transaction that holds the write lock, so no article added
    /// meanwhile is missed.
    pub fn refresh_stories(&mut self, cfg: &Config) -> Result<StoryChanges, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (corpus, seq) = load_corpus(&tx)?;
        let stories = crate::assign::assign_stories(&corpus, cfg);
        let changes = stories::replace(&tx, stories, &corpus.articles, &seq)?;
        tx.commit()?;
        Ok(changes)
    }

    /// Refreshes the stories only when some articles are pending.
    pub fn refresh_if_pending(&mut self, cfg: &Config) -> Result<Option<StoryChanges>, StoreError> {
        if self.pending()? == 0 {
            return Ok(None);
        }
        self.refresh_stories(cfg).map(Some)
    }

    /// Every stored article, in the order added.
    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        Ok(load_corpus(&self.conn)?.0.articles)
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let sql = format!("SELECT {} FROM articles WHERE id = ?1", articles::COLUMNS);
        Ok(self
            .conn
            .query_row(&sql, [id], articles::from_row)
            .optional()?)
    }

    /// The story an article belongs to, if it has been assigned.
    pub fn story_of(&self, article_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT story_id FROM story_articles WHERE article_id = ?1",
                [article_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// A page of the story list, newest first.
    pub fn stories(&self, q: &StoryQuery) -> Result<StoryPage, StoreError> {
        stories::list(&self.conn, q)
    }

    /// One story with its articles' entries.
    pub fn story(&self, id: &str) -> Result<Option<StoryDetail>, StoreError> {
        let body: Option<String> = self
            .conn
            .query_row("SELECT body FROM stories WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let Some(body) = body else { return Ok(None) };
        let sql = format!(
            "SELECT {} FROM story_articles sa JOIN articles a ON a.id = sa.article_id
             WHERE sa.story_id = ?1 ORDER BY sa.position",
            articles::COLUMNS
                .split(", ")
                .map(|c| format!("a.{}", c.trim()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut st = self.conn.prepare(&sql)?;
        let entries = st
            .query_map([id], articles::from_row)?
            .map(|r| r.map(|a| ArticleEntry::from_article(&a)))
            .collect::<Result<_, _>>()?;
        Ok(Some(StoryDetail {
            story: serde_json::from_str(&body)?,
            article_entries: entries,
        }))
    }

    /// Checks the store: SQLite's own check, foreign keys, and that every article id a story's
    /// body names is a stored member of that story.
    pub fn check(&self) -> Result<Integrity, StoreError> {
        let ok: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        let dangling_rows = fk.query_map([], |_| Ok(()))?.count();
        let mut members: HashMap<String, Vec<String>> = HashMap::new();
        {
            let mut st = self
                .conn
                .prepare("SELECT story_id, article_id FROM story_articles")?;
            for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
                let (s, a) = row?;
                members.entry(s).or_default().push(a);
            }
        }
        let mut dangling_ids = Vec::new();
        let mut st = self
            .conn
            .prepare("SELECT id, body FROM stories ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut stories = 0;
        for row in rows {
            let (sid, body) = row?;
            stories += 1;
            let v: serde_json::Value = serde_json::from_str(&body)?;
            let empty = Vec::new();
            let m = members.get(&sid).unwrap_or(&empty);
            for id in named_ids(&v) {
                if !m.contains(&id) {
                    dangling_ids.push(format!("{sid}:{id}"));
                }
            }
        }
        let articles: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok(Integrity {
            sqlite_ok: ok == "ok",
            dangling_rows,
            dangling_ids,
            articles: articles.max(0) as usize,
            stories,
            pending: self.pending()?,
        })
    }
}

/// The article ids a story object names: its articles, relation ends, family members and likely
/// sources, and fact claims.
fn named_ids(story: &serde_json::Value) -> Vec<String> {
    let mut ids = Vec::new();
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let arr = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_array()).cloned();
    for a in arr(story, "articles").unwrap_or_default() {
        ids.extend(s(&a));
    }
    for r in arr(story, "relations").unwrap_or_default() {
        ids.extend(r.get("a").and_then(s));
        ids.extend(r.get("b").and_then(s));
    }
    for f in arr(story, "families").unwrap_or_default() {
        for a in arr(&f, "articles").unwrap_or_default() {
            ids.extend(s(&a));
        }
        ids.extend(f.get("likely_source").and_then(s));
    }
    for f in arr(story, "facts").unwrap_or_default() {
        for c in arr(&f, "claims").unwrap_or_default() {
            ids.extend(c.get("article").and_then(s));
        }
    }
    ids
}

fn configure(conn: &Connection, cfg: &StoreConfig) -> Result<(), StoreError> {
    conn.busy_timeout(cfg.busy_timeout)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    let sync = match cfg.durability {
        Durability::Full => "FULL",
        Durability::Normal => "NORMAL",
    };
    conn.pragma_update(None, "synchronous", sync)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Loads every stored article, in the order added, with its sequence number.
fn load_corpus(conn: &Connection) -> Result<(Corpus, HashMap<String, i64>), StoreError> {
    let sql = format!(
        "SELECT seq, {} FROM articles ORDER BY seq",
        articles::COLUMNS
    );
    let mut st = conn.prepare(&sql)?;
    let mut corpus = Corpus::new();
    let mut seq = HashMap::new();
    let rows = st.query_map([], |r| {
        let n: i64 = r.get(0)?;
        let a = articles::from_row_at(r, 1)?;
        Ok((n, a))
    })?;
    for row in rows {
        let (n, a) = row?;
        seq.insert(a.id.clone(), n);
        corpus.articles.push(a);
    }
    corpus.files = corpus.articles.len();
    Ok((corpus, seq))
}
