//! Articles in the store: identity (id plus content hash), rows to and from [`Article`].
//!
//! An article is stored once: adding the same id with the same content again is a duplicate.
//! The same id with different content (an outlet revised the page, or two files share a name) is
//! kept as a new article under a suffixed id (`id-2`, `id-3`, …) with a note, as the library's
//! `Corpus` does within one run. The same content under a different id is kept too: that is a
//! copy, which the analysis reports as a relation.

use super::StoreError;
use corroborate::article::Removed;
use corroborate::{Article, Published};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// What happened to one article given to the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    /// The id it is stored under.
    pub id: String,
    /// "stored" (new) or "duplicate" (already there; nothing changed).
    pub status: AddStatus,
    /// The id it came with, when the store renamed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_id: Option<String>,
}

/// Whether an article was new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AddStatus {
    /// Stored now.
    Stored,
    /// Already in the store with the same id and content.
    Duplicate,
}

/// The content hash that, with the id, identifies an article: SHA-256 over the clean text and
/// the metadata shown to users, hex-encoded.
pub fn content_hash(a: &Article) -> String {
    let mut h = Sha256::new();
    let published = a.published.map(|p| p.to_string());
    for part in [
        Some(a.text.as_str()),
        a.title.as_deref(),
        a.url.as_deref(),
        a.source.as_deref(),
        published.as_deref(),
    ] {
        // Length-prefixed so that field boundaries cannot shift.
        let s = part.unwrap_or("");
        h.update((s.len() as u64).to_le_bytes());
        h.update([u8::from(part.is_some())]);
        h.update(s.as_bytes());
    }
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

/// Inserts one article inside the caller's transaction, or finds it already there.
pub(super) fn insert(tx: &Transaction<'_>, a: &Article) -> Result<Added, StoreError> {
    let hash = content_hash(a);
    if let Some(id) = tx
        .query_row(
            "SELECT id FROM articles WHERE base_id = ?1 AND content_hash = ?2",
            params![a.id, hash],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    {
        return Ok(Added {
            id,
            status: AddStatus::Duplicate,
            given_id: None,
        });
    }
    let mut id = a.id.clone();
    let mut notes = a.notes.clone();
    let mut k = 1u64;
    while id_taken(tx, &id)? {
        k = k.saturating_add(1);
        id = format!("{}-{k}", a.id);
    }
    let given_id = (id != a.id).then(|| a.id.clone());
    if given_id.is_some() {
        notes.push(format!(
            "id {:?} was already taken by other content; stored as {id:?}",
            a.id
        ));
    }
    let sentences: Vec<[usize; 2]> = a.sentences.iter().map(|r| [r.start, r.end]).collect();
    tx.execute(
        "INSERT INTO articles (id, base_id, content_hash, title, source, url, published,
             published_ts, author, language, path, line, text, sentences, metadata, notes,
             removed_furniture, removed_metadata, removed_title, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20)",
        params![
            id,
            a.id,
            hash,
            a.title,
            a.source,
            a.url,
            a.published.map(|p| p.to_string()),
            a.published.map(|p| p.timestamp()),
            a.author,
            a.language,
            a.path,
            a.line.map(|l| l as i64),
            a.text,
            serde_json::to_string(&sentences)?,
            serde_json::to_string(&a.metadata)?,
            serde_json::to_string(&notes)?,
            a.removed.furniture_lines as i64,
            a.removed.metadata_lines as i64,
            a.removed.title_lines as i64,
            chrono::Utc::now().to_rfc3339(),
        ],
    )?;
    let seq = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
        params![seq, a.title.as_deref().unwrap_or(""), a.text],
    )?;
    Ok(Added {
        id,
        status: AddStatus::Stored,
        given_id,
    })
}

fn id_taken(tx: &Transaction<'_>, id: &str) -> Result<bool, StoreError> {
    Ok(tx
        .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The columns [`from_row`] reads, in its order.
pub(super) const COLUMNS: &str = "id, title, source, url, published, author, language, path, \
     line, text, sentences, metadata, notes, removed_furniture, removed_metadata, removed_title";

/// Rebuilds an article from a row selected with [`COLUMNS`].
pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Article> {
    from_row_at(r, 0)
}

/// Rebuilds an article from a row whose [`COLUMNS`] start at column `o`.
pub(super) fn from_row_at(r: &Row<'_>, o: usize) -> rusqlite::Result<Article> {
    // Column `k` of the article's columns (a handful past `o`, which is a small column count).
    let c = |k: usize| o.saturating_add(k);
    let json_err = |i: usize, e: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    let published: Option<String> = r.get(c(4))?;
    let sentences: String = r.get(c(10))?;
    let sentences: Vec<[usize; 2]> =
        serde_json::from_str(&sentences).map_err(|e| json_err(c(10), e))?;
    let metadata: String = r.get(c(11))?;
    let notes: String = r.get(c(12))?;
    let line: Option<i64> = r.get(c(8))?;
    let count = |i: usize| -> rusqlite::Result<usize> { Ok(r.get::<_, i64>(i)?.max(0) as usize) };
    Ok(Article {
        id: r.get(o)?,
        title: r.get(c(1))?,
        source: r.get(c(2))?,
        url: r.get(c(3))?,
        published: published.as_deref().and_then(parse_published),
        author: r.get(c(5))?,
        language: r.get(c(6))?,
        path: r.get(c(7))?,
        line: line.map(|l| l.max(0) as usize),
        text: r.get(c(9))?,
        sentences: sentences.into_iter().map(|[s, e]| s..e).collect(),
        metadata: serde_json::from_str(&metadata).map_err(|e| json_err(c(11), e))?,
        notes: serde_json::from_str(&notes).map_err(|e| json_err(c(12), e))?,
        removed: Removed {
            furniture_lines: count(c(13))?,
            metadata_lines: count(c(14))?,
            title_lines: count(c(15))?,
        },
    })
}

/// Reads back a date written by `Published`'s `Display` (a day or RFC 3339).
pub fn parse_published(s: &str) -> Option<Published> {
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Published::Date(d));
    }
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(Published::DateTime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for s in ["2025-02-12", "2025-02-12T14:03:00+01:00"] {
            let p = parse_published(s).expect("parses");
            assert_eq!(p.to_string(), s);
        }
        assert_eq!(parse_published("last Tuesday"), None);
    }
}
