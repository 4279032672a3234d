//! The online story index's state in the store (schema 2): what [`StoryIndex`] holds, one row
//! per placed article (`story_index`: position, article id, time, terms, index story) plus its
//! configuration, next story number and generation (`story_index_meta`).
//!
//! Document frequencies are not stored: they are the counts of the stored terms, rebuilt on
//! load. The generation is bumped by every placement, so a process holding the index in memory
//! can tell whether another process placed articles since it loaded it.

use super::StoreError;
use corroborate::stories::features::ArticleFeatures;
use corroborate::stories::{IndexedArticle, StoryConfig, StoryIndex};
use rusqlite::{params, Connection, OptionalExtension};

/// The index's bookkeeping as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Meta {
    /// The configuration key the index was built with (empty: no index yet).
    pub config: String,
    /// The next story number the index gives.
    pub next_story: u32,
    /// Bumped by every placement.
    pub generation: i64,
}

/// What identifies how an index was built: the story configuration and the program version
/// (terms are computed by the library, which may change between versions). An index built
/// otherwise is rebuilt from the stored articles.
pub(super) fn config_key(cfg: &StoryConfig) -> Result<String, StoreError> {
    Ok(format!(
        "{} {}",
        env!("CARGO_PKG_VERSION"),
        serde_json::to_string(cfg)?
    ))
}

/// Reads the bookkeeping (defaults for a store with no index yet).
pub(super) fn meta(conn: &Connection) -> Result<Meta, StoreError> {
    let get = |k: &str| -> Result<Option<String>, StoreError> {
        Ok(conn
            .query_row(
                "SELECT value FROM story_index_meta WHERE key = ?1",
                [k],
                |r| r.get(0),
            )
            .optional()?)
    };
    let num = |k: &str| -> Result<i64, StoreError> {
        Ok(get(k)?.and_then(|v| v.parse().ok()).unwrap_or(0))
    };
    Ok(Meta {
        config: get("config")?.unwrap_or_default(),
        next_story: u32::try_from(num("next_story")?).unwrap_or(0),
        generation: num("generation")?,
    })
}

/// Writes the bookkeeping.
pub(super) fn set_meta(conn: &Connection, m: &Meta) -> Result<(), StoreError> {
    let mut st = conn.prepare_cached(
        "INSERT INTO story_index_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?;
    st.execute(params!["config", m.config])?;
    st.execute(params!["next_story", m.next_story.to_string()])?;
    st.execute(params!["generation", m.generation.to_string()])?;
    Ok(())
}

/// Loads the stored index, in the order its articles were placed.
pub(super) fn load(
    conn: &Connection,
    cfg: &StoryConfig,
    next_story: u32,
) -> Result<StoryIndex, StoreError> {
    let mut index = StoryIndex::new(cfg.clone());
    let mut st = conn.prepare(
        "SELECT article_id, time, terms, story, neighbors FROM story_index ORDER BY pos",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Vec<u8>>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Vec<u8>>(4)?,
        ))
    })?;
    for row in rows {
        let (id, time, terms, story, neighbors) = row?;
        let features = ArticleFeatures {
            terms: decode_terms(&terms).ok_or_else(|| {
                StoreError::Corrupt(format!("the story index's terms of {id} are malformed"))
            })?,
        };
        let story = u32::try_from(story).map_err(|_| {
            StoreError::Corrupt(format!("the story index's story of {id} is out of range"))
        })?;
        let neighbors = decode_terms(&neighbors).ok_or_else(|| {
            StoreError::Corrupt(format!("the story index's links of {id} are malformed"))
        })?;
        index.doc_freq.add(&features);
        index.articles.push(IndexedArticle {
            id,
            time,
            features,
            story,
            neighbors,
            // The store compares stored articles by their terms (embeddings are not stored).
            embedding: None,
        });
    }
    index.next_story = next_story;
    Ok(index)
}

/// Stores the placement of the index's articles from position `start` on, the new story of
/// each position in `moved` and the new links of each position in `relinked` (earlier
/// articles).
pub(super) fn save(
    conn: &Connection,
    index: &StoryIndex,
    start: usize,
    moved: &[usize],
    relinked: &[usize],
) -> Result<(), StoreError> {
    let mut ins = conn.prepare_cached(
        "INSERT INTO story_index (pos, article_id, time, terms, story, neighbors)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, a) in index.articles.iter().enumerate().skip(start) {
        ins.execute(params![
            pos as i64,
            a.id,
            a.time,
            encode_terms(&a.features.terms),
            i64::from(a.story),
            encode_terms(&a.neighbors)
        ])?;
    }
    let mut links = conn.prepare_cached("UPDATE story_index SET neighbors = ?2 WHERE pos = ?1")?;
    for &pos in relinked {
        if let Some(a) = index.articles.get(pos) {
            links.execute(params![pos as i64, encode_terms(&a.neighbors)])?;
        }
    }
    let mut upd = conn.prepare_cached("UPDATE story_index SET story = ?2 WHERE pos = ?1")?;
    for &pos in moved {
        if let Some(a) = index.articles.get(pos) {
            upd.execute(params![pos as i64, i64::from(a.story)])?;
        }
    }
    Ok(())
}

/// Forgets the stored index (it is rebuilt from every stored article).
pub(super) fn clear(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("DELETE FROM story_index; DELETE FROM story_index_meta;")?;
    Ok(())
}

/// Terms (or links) as little-endian `(u32 id, f32 weight)` pairs, 8 bytes each.
fn encode_terms(terms: &[(u32, f32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(terms.len().saturating_mul(8));
    for &(t, w) in terms {
        out.extend_from_slice(&t.to_le_bytes());
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// The inverse of [`encode_terms`]; `None` when the length is not a multiple of 8.
fn decode_terms(b: &[u8]) -> Option<Vec<(u32, f32)>> {
    if b.len() % 8 != 0 {
        return None;
    }
    b.chunks_exact(8)
        .map(|c| {
            let id = u32::from_le_bytes(c.get(..4)?.try_into().ok()?);
            let w = f32::from_le_bytes(c.get(4..)?.try_into().ok()?);
            Some((id, w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_round_trip_and_bad_lengths_are_refused() {
        let t = vec![(0u32, 0.5f32), (7, -1.25), (u32::MAX, f32::MIN_POSITIVE)];
        assert_eq!(decode_terms(&encode_terms(&t)), Some(t));
        assert_eq!(decode_terms(&[]), Some(vec![]));
        assert_eq!(decode_terms(&[1, 2, 3]), None);
    }
}
