//! The store's schema and its versioned migrations.
//!
//! Each migration runs once, in its own transaction, and is recorded in `schema_migrations`
//! with its version. A store written by a newer program (a version this one does not know) is
//! refused rather than guessed at.

use super::StoreError;
use rusqlite::{params, Connection};

/// The migrations, in order; version `n` is `MIGRATIONS[n - 1]`. Append, never edit.
const MIGRATIONS: &[&str] = &[
    // 1: articles (clean text, sentences, metadata), stories (the report's story objects) and
    // their membership, and a full-text index over titles and bodies.
    r#"
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        base_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT,
        source TEXT,
        url TEXT,
        published TEXT,
        published_ts INTEGER,
        author TEXT,
        language TEXT,
        path TEXT NOT NULL,
        line INTEGER,
        text TEXT NOT NULL,
        sentences TEXT NOT NULL,
        metadata TEXT NOT NULL,
        notes TEXT NOT NULL,
        removed_furniture INTEGER NOT NULL,
        removed_metadata INTEGER NOT NULL,
        removed_title INTEGER NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX articles_identity ON articles(base_id, content_hash);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        first_ts INTEGER,
        sort_ts INTEGER,
        articles INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        source_names TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX stories_newest ON stories(sort_ts DESC, id);
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE UNIQUE INDEX story_articles_article ON story_articles(article_id);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq');
    "#,
    // 2: the online story index's state (corroborate::stories::StoryIndex), so new articles are
    // placed among the stories already there instead of clustering everything again: each
    // placed article's position in the index, time, terms and index story, and the index's
    // configuration, next story number and a generation counter bumped by every placement.
    // Articles not in `story_index` are pending. A store of version 1 starts with an empty index:
    // its first refresh places every article and rewrites every story.
    r#"
    CREATE TABLE story_index (
        pos INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE REFERENCES articles(id),
        time INTEGER,
        terms BLOB NOT NULL,
        story INTEGER NOT NULL
    );
    CREATE TABLE story_index_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // 3: each placed article's links to its nearest articles (stories are communities of these
    // links). Rows of version 2 get no links; their story configuration differs, so the first
    // refresh rebuilds the index anyway.
    r#"
    ALTER TABLE story_index ADD COLUMN neighbors BLOB NOT NULL DEFAULT x'';
    "#,
];

/// The newest schema version this program knows.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// Brings the store's schema up to [`LATEST`], one transaction per migration.
pub fn migrate(conn: &mut Connection) -> Result<u32, StoreError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version INTEGER PRIMARY KEY,
             applied_at TEXT NOT NULL
         );",
    )?;
    let current = version(conn)?;
    if current > LATEST {
        return Err(StoreError::NewerSchema {
            found: current,
            known: LATEST,
        });
    }
    // Versions count from 1: migration `i` makes version `i + 1` (a handful, so no overflow).
    for (v, sql) in (1u32..).zip(MIGRATIONS.iter()).skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
            params![v, chrono::Utc::now().to_rfc3339()],
        )?;
        tx.commit()?;
    }
    Ok(LATEST)
}

/// The schema version recorded in the store (0 for a new one).
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    let v: Option<u32> = conn.query_row("SELECT MAX(version) FROM schema_migrations", [], |r| {
        r.get(0)
    })?;
    Ok(v.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_and_are_recorded() {
        let mut conn = Connection::open_in_memory().expect("open");
        assert_eq!(migrate(&mut conn).expect("first"), LATEST);
        assert_eq!(migrate(&mut conn).expect("second"), LATEST);
        let n: u32 = conn
            .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, LATEST);
    }

    #[test]
    fn a_newer_store_is_refused() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate(&mut conn).expect("migrate");
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?1, 'later')",
            [LATEST + 1],
        )
        .expect("insert");
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::NewerSchema { .. })
        ));
    }
}
