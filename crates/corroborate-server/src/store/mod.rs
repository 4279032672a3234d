//! The embedded store: one SQLite file (bundled SQLite, WAL journal) holding the articles with
//! their clean text and metadata, and the current stories.
//!
//! Writes happen in transactions: a batch of articles is stored whole or not at all, and the
//! stories are replaced in one transaction, so a crash at any point leaves a store that opens,
//! holds every article whose batch committed, and has no story naming a missing article
//! (foreign keys enforce it). Articles stored but not yet in a story are *pending*; the next
//! [`Store::refresh_stories`] places them with the online story index (whose state the store
//! keeps, see `index`) and rewrites only the stories that changed.

mod articles;
mod index;
pub mod schema;
mod stories;

pub use articles::{content_hash, parse_published, AddStatus, Added};
pub use stories::{fts_query, source_name, StoryChanges, StoryPage, StoryQuery, StorySummary};

use corroborate::report::{ArticleEntry, Story};
use corroborate::stories::{time_key, StoryIndex};
use corroborate::{Article, Config, Corpus};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::collections::{BTreeMap, HashMap};
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
    /// The store holds data this program cannot read back (damaged or edited by hand).
    #[error("store: {0}")]
    Corrupt(String),
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
    /// Most memory SQLite's page cache holds per connection, in KiB (default 1,024). A serving
    /// process has several connections (the writer, the refresher, and a pool of readers),
    /// each of which keeps its cache full once it has read that much; the operating system
    /// caches the file as well, so a page read again past this costs a system call, not a
    /// disk read. SQLite's own default is 2,000 KiB.
    pub cache_kib: u32,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            durability: Durability::Full,
            busy_timeout: Duration::from_secs(30),
            cache_kib: 1024,
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
    /// Articles not yet placed in a story.
    pub pending: usize,
    /// Articles placed by the story index but in no stored story (0 in a sound store).
    pub unstoried: usize,
}

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    config: StoreConfig,
    /// The story index as last loaded or placed by this connection, kept between refreshes.
    index: Option<CachedIndex>,
}

/// The story index in memory, with the store generation it matches.
struct CachedIndex {
    index: StoryIndex,
    meta: index::Meta,
}

impl std::fmt::Debug for CachedIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CachedIndex({} articles, generation {})",
            self.index.articles.len(),
            self.meta.generation
        )
    }
}

/// A refresh computed from a snapshot, to be written if the index did not change meanwhile.
struct Plan {
    /// The bookkeeping the placement started from, and the one to store.
    base: index::Meta,
    next: index::Meta,
    /// The index was rebuilt from scratch (its configuration changed, or there was none).
    rebuild: bool,
    index: StoryIndex,
    placement: crate::assign::Placement,
    /// The changed stories' objects, with their stored ids.
    stories: Vec<Story>,
    /// Sources per story, by stored id.
    names: BTreeMap<String, stories::Sources>,
}

/// Attempts at a refresh when another process places articles at the same time.
const REFRESH_ATTEMPTS: usize = 5;

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
            config: cfg.clone(),
            index: None,
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
            config: cfg.clone(),
            index: None,
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

    /// Another connection to the same store, with the same options (for another thread).
    pub fn reopen(&self) -> Result<Store, StoreError> {
        Store::open(&self.path, &self.config)
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

    /// Articles stored.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Articles stored but not yet placed in a story.
    pub fn pending(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM articles a
             WHERE NOT EXISTS (SELECT 1 FROM story_index i WHERE i.article_id = a.id)",
            [],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// When the oldest article not yet placed in a story was stored (`None` when none waits, or
    /// when its time cannot be read).
    pub fn oldest_pending_added(
        &self,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        let t: Option<String> = self.conn.query_row(
            "SELECT MIN(added_at) FROM articles a
             WHERE NOT EXISTS (SELECT 1 FROM story_index i WHERE i.article_id = a.id)",
            [],
            |r| r.get(0),
        )?;
        Ok(
            t.and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&chrono::Utc)),
        )
    }

    /// Places the pending articles among the stories (see [`crate::assign`]) and rewrites the
    /// stories that changed.
    ///
    /// The work is done on a snapshot, without holding the write lock, so articles keep being
    /// committed meanwhile (they stay pending for the next refresh). The result is then written
    /// in one transaction: the index's new rows, the changed stories and the bookkeeping,
    /// provided no other process placed articles since the snapshot (else it starts over).
    /// When the story configuration or the program version differs from the one the stored
    /// index was built with, the index is rebuilt from every stored article.
    pub fn refresh_stories(&mut self, cfg: &Config) -> Result<StoryChanges, StoreError> {
        for _ in 0..REFRESH_ATTEMPTS {
            let Some(plan) = self.plan_refresh(cfg)? else {
                return Ok(StoryChanges {
                    total: self.story_count()?,
                    ..StoryChanges::default()
                });
            };
            if let Some(changes) = self.write_plan(plan)? {
                return Ok(changes);
            }
        }
        Err(StoreError::Analysis(
            "other processes kept placing articles at the same time; try again".to_string(),
        ))
    }

    /// The refresh's computing half, on a read snapshot: `None` when nothing is pending.
    fn plan_refresh(&mut self, cfg: &Config) -> Result<Option<Plan>, StoreError> {
        let key = index::config_key(&cfg.stories)?;
        let cached = self.index.take();
        let tx = self.conn.transaction()?;
        let base = index::meta(&tx)?;
        let rebuild = base.config != key;
        let (mut idx, mut pending) = if rebuild {
            let (corpus, _) = load_corpus(&tx)?;
            (StoryIndex::new(cfg.stories.clone()), corpus.articles)
        } else {
            let idx = match cached {
                Some(c) if c.meta == base => c.index,
                _ => index::load(&tx, &cfg.stories, base.next_story)?,
            };
            (idx, load_pending(&tx)?)
        };
        if pending.is_empty() {
            drop(tx);
            self.index = Some(CachedIndex {
                index: idx,
                meta: base,
            });
            return Ok(None);
        }
        // A batch is taken in time order (then id), whatever the order it was stored in.
        pending.sort_by(|a, b| {
            let t = |x: &Article| x.published.map(|p| p.timestamp());
            time_key(t(a), &a.id).cmp(&time_key(t(b), &b.id))
        });
        let placement = crate::assign::place(&mut idx, &pending, cfg);
        // The changed stories' articles: the new ones are in hand, the others are read back.
        let start = placement.start;
        let mut arts: Vec<Article> = Vec::new();
        let mut at: HashMap<usize, usize> = HashMap::new();
        let mut pending: Vec<Option<Article>> = pending.into_iter().map(Some).collect();
        for &pos in placement.stories.iter().flatten() {
            let a = match pos.checked_sub(start) {
                Some(k) => pending.get_mut(k).and_then(Option::take),
                None => match idx.articles.get(pos) {
                    Some(ia) => article_by_id(&tx, &ia.id)?,
                    None => None,
                },
            };
            let a = a.ok_or_else(|| {
                StoreError::Analysis(format!("the story index names a missing article ({pos})"))
            })?;
            at.insert(pos, arts.len());
            arts.push(a);
        }
        let seq = article_seqs(&tx, &arts)?;
        drop(tx);
        let members: Vec<Vec<usize>> = placement
            .stories
            .iter()
            .map(|s| s.iter().filter_map(|p| at.get(p).copied()).collect())
            .collect();
        let mut objects = corroborate::story_objects(&arts, &members, cfg);
        let mut names = BTreeMap::new();
        for (story, m) in objects.iter_mut().zip(&members) {
            let anchor = m.iter().filter_map(|&i| seq.get(i)).min().copied();
            let Some(anchor) = anchor else {
                return Err(StoreError::Analysis("a story without articles".to_string()));
            };
            story.id = format!("s{anchor}");
            let mut named = std::collections::BTreeSet::new();
            let mut unnamed = 0usize;
            for a in m.iter().filter_map(|&i| arts.get(i)) {
                match source_name(a) {
                    Some(n) => {
                        named.insert(n);
                    }
                    None => unnamed = unnamed.saturating_add(1),
                }
            }
            let sources = stories::Sources {
                named: named.into_iter().collect(),
                unnamed,
            };
            names.insert(story.id.clone(), sources);
        }
        let next = index::Meta {
            config: key,
            next_story: idx.next_story,
            generation: base.generation.saturating_add(1),
        };
        Ok(Some(Plan {
            base,
            next,
            rebuild,
            index: idx,
            placement,
            stories: objects,
            names,
        }))
    }

    /// The refresh's writing half: one transaction holding the write lock. `None` when another
    /// process placed articles since the plan's snapshot (the plan is dropped).
    fn write_plan(&mut self, plan: Plan) -> Result<Option<StoryChanges>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if index::meta(&tx)? != plan.base {
            return Ok(None);
        }
        if plan.rebuild {
            index::clear(&tx)?;
        }
        index::save(
            &tx,
            &plan.index,
            plan.placement.start,
            &plan.placement.moved,
            &plan.placement.relinked,
        )?;
        index::set_meta(&tx, &plan.next)?;
        let mut changes = stories::replace_changed(&tx, &plan.stories, &plan.names)?;
        tx.commit()?;
        changes.total = self.story_count()?;
        self.index = Some(CachedIndex {
            index: plan.index,
            meta: plan.next,
        });
        Ok(Some(changes))
    }

    fn story_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))?;
        Ok(n.max(0) as usize)
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
        article_by_id(&self.conn, id)
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
        let mut stories = 0usize;
        for row in rows {
            let (sid, body) = row?;
            stories = stories.saturating_add(1);
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
            unstoried: self.conn.query_row(
                "SELECT COUNT(*) FROM story_index i
                 WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = i.article_id)",
                [],
                |r| r.get::<_, i64>(0).map(|n| n.max(0) as usize),
            )?,
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
    // A negative cache size is in KiB.
    conn.pragma_update(
        None,
        "cache_size",
        0i64.saturating_sub(i64::from(cfg.cache_kib)),
    )?;
    Ok(())
}

/// One article by id, inside the caller's transaction.
fn article_by_id(conn: &Connection, id: &str) -> Result<Option<Article>, StoreError> {
    let sql = format!("SELECT {} FROM articles WHERE id = ?1", articles::COLUMNS);
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], articles::from_row)
        .optional()?)
}

/// The store sequence numbers of `arts`, in their order.
fn article_seqs(conn: &Connection, arts: &[Article]) -> Result<Vec<i64>, StoreError> {
    let mut st = conn.prepare_cached("SELECT seq FROM articles WHERE id = ?1")?;
    arts.iter()
        .map(|a| Ok(st.query_row([&a.id], |r| r.get(0))?))
        .collect()
}

/// The articles not yet placed in a story, in the order added.
fn load_pending(conn: &Connection) -> Result<Vec<Article>, StoreError> {
    let sql = format!(
        "SELECT {} FROM articles a
         WHERE NOT EXISTS (SELECT 1 FROM story_index i WHERE i.article_id = a.id)
         ORDER BY seq",
        articles::COLUMNS
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map([], articles::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connection_has_the_configured_page_cache() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("s.db");
        let cfg = StoreConfig {
            cache_kib: 300,
            ..StoreConfig::default()
        };
        let cache = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA cache_size", [], |r| r.get(0))
                .expect("reads the pragma")
        };
        let writer = Store::open(&path, &cfg).expect("opens");
        assert_eq!(cache(&writer), -300);
        assert_eq!(cache(&writer.reopen().expect("reopens")), -300);
        assert_eq!(
            cache(&Store::open_reader(&path, &cfg).expect("reader")),
            -300
        );
        let default = Store::open(&path, &StoreConfig::default()).expect("opens");
        assert_eq!(cache(&default), -1024);
    }
}
