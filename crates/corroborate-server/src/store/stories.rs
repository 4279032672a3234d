//! Stories in the store: the report's story objects, their membership, and listing.
//!
//! A stored story's id is `s` followed by the store sequence number of its earliest-added
//! article, so a story keeps its id (and its URL) while new articles join it. Its body is the
//! report's [`Story`] object as JSON, kept whole: relations, families and facts flow through
//! unchanged whatever the analysis puts in them.

use super::StoreError;
use corroborate::report::Story;
use corroborate::{Article, Published};
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One line of the story list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StorySummary {
    /// Story id ("s1", "s17", …).
    pub id: String,
    /// Representative headline.
    pub title: String,
    /// Number of articles.
    pub articles: usize,
    /// Number of distinct sources (outlet, else the URL's host, else the article itself).
    pub sources: usize,
    /// The named sources (outlet, else the URL's host), sorted; an article naming neither
    /// counts in `sources` but has no name here.
    pub source_names: Vec<String>,
    /// Earliest publication date.
    pub first_seen: Option<String>,
    /// Latest publication date.
    pub last_seen: Option<String>,
}

/// Which stories to list.
#[derive(Debug, Clone, Default)]
pub struct StoryQuery {
    /// Stories seen on or after this day (their latest article).
    pub since: Option<chrono::NaiveDate>,
    /// Stories that began on or before this day (their earliest article).
    pub until: Option<chrono::NaiveDate>,
    /// Words that must all occur in a title or body of one of the story's articles.
    pub text: Option<String>,
    /// Page size (default 50 when 0).
    pub limit: usize,
    /// Stories to skip.
    pub offset: usize,
}

/// A page of the story list, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct StoryPage {
    /// Stories matching the query in all.
    pub total: usize,
    /// Offset of this page.
    pub offset: usize,
    /// Page size.
    pub limit: usize,
    /// The stories on this page.
    pub stories: Vec<StorySummary>,
}

/// How a stored story set changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StoryChanges {
    /// Stories written (new or changed).
    pub written: usize,
    /// Stories removed (merged away or changed).
    pub removed: usize,
    /// Stories in the store afterwards.
    pub total: usize,
}

/// The name a source goes by: the outlet, else the URL's host; `None` when the article names
/// neither (it still counts as a source of its own, but has no name a reader could use: its id
/// is not one).
pub fn source_name(a: &Article) -> Option<String> {
    if let Some(s) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        return Some(s.trim().to_string());
    }
    a.url
        .as_deref()
        .and_then(url_host)
        .filter(|h| !h.is_empty())
        .map(|host| host.trim_start_matches("www.").to_string())
}

/// A story's sources: the names of its outlets, sorted, and how many of its articles name no
/// outlet (each a source of its own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// Outlet names, sorted, each once.
    pub named: Vec<String>,
    /// Articles that name no outlet.
    pub unnamed: usize,
}

impl Sources {
    /// Distinct sources: the outlets, and each article that names none.
    pub fn count(&self) -> usize {
        self.named.len().saturating_add(self.unnamed)
    }
}

fn url_host(u: &str) -> Option<&str> {
    let rest = u.split_once("://")?.1;
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    rest.get(..end)
}

/// Writes the changed stories (`stories`, with their stored ids; `names` their sources by id) in place of the stored stories holding any of their articles. A stored story whose body
/// is unchanged is left as it is. Refuses (and the caller's transaction is dropped) when a
/// stored story it would remove holds an article that none of `stories` holds, so an article
/// never falls out of the stories.
pub(super) fn replace_changed(
    tx: &Transaction<'_>,
    stories: &[Story],
    names: &BTreeMap<String, Sources>,
) -> Result<StoryChanges, StoreError> {
    let members: BTreeSet<&str> = stories
        .iter()
        .flat_map(|s| s.articles.iter().map(String::as_str))
        .collect();
    let mut old: BTreeSet<String> = BTreeSet::new();
    {
        let mut st =
            tx.prepare_cached("SELECT story_id FROM story_articles WHERE article_id = ?1")?;
        for id in &members {
            let rows = st.query_map([id], |r| r.get::<_, String>(0))?;
            for r in rows {
                old.insert(r?);
            }
        }
    }
    let mut old_bodies: HashMap<String, String> = HashMap::new();
    {
        let mut body = tx.prepare_cached("SELECT body FROM stories WHERE id = ?1")?;
        let mut arts =
            tx.prepare_cached("SELECT article_id FROM story_articles WHERE story_id = ?1")?;
        for id in &old {
            for a in arts.query_map([id], |r| r.get::<_, String>(0))? {
                let a = a?;
                if !members.contains(a.as_str()) {
                    return Err(StoreError::Analysis(format!(
                        "story {id} would lose article {a}"
                    )));
                }
            }
            old_bodies.insert(id.clone(), body.query_row([id], |r| r.get(0))?);
        }
    }
    let mut new: BTreeMap<&str, (&Story, String)> = BTreeMap::new();
    for story in stories {
        new.insert(story.id.as_str(), (story, serde_json::to_string(story)?));
    }
    let mut changes = StoryChanges::default();
    for (id, body) in &old_bodies {
        if new.get(id.as_str()).is_none_or(|(_, b)| b != body) {
            tx.execute("DELETE FROM stories WHERE id = ?1", [id])?;
            changes.removed = changes.removed.saturating_add(1);
        }
    }
    let empty = Sources::default();
    for (id, (story, body)) in &new {
        if old_bodies.get(*id) == Some(body) {
            continue;
        }
        let names = names.get(*id).unwrap_or(&empty);
        tx.execute(
            "INSERT INTO stories (id, title, first_seen, last_seen, first_ts, sort_ts, articles,
                 sources, source_names, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                story.title,
                story.first_seen.map(|p| p.to_string()),
                story.last_seen.map(|p| p.to_string()),
                story.first_seen.map(|p: Published| p.timestamp()),
                story.last_seen.map(|p: Published| p.timestamp()),
                story.articles.len() as i64,
                names.count() as i64,
                serde_json::to_string(&names.named)?,
                body,
            ],
        )?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO story_articles (story_id, article_id, position) VALUES (?1, ?2, ?3)",
        )?;
        for (pos, a) in story.articles.iter().enumerate() {
            ins.execute(params![id, a, pos as i64])?;
        }
        changes.written = changes.written.saturating_add(1);
    }
    Ok(changes)
}

/// Turns the user's words into an FTS5 query: every word must occur (each quoted, so no word
/// is read as an operator).
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Lists stories, newest first (by their latest article; undated ones last).
pub(super) fn list(conn: &Connection, q: &StoryQuery) -> Result<StoryPage, StoreError> {
    let since = q.since.map(day_start);
    let until = q.until.and_then(|d| d.succ_opt()).map(day_start);
    let text = q.text.as_deref().and_then(fts_query);
    let limit = if q.limit == 0 { 50 } else { q.limit.min(1000) };
    let filter = "FROM stories s
         WHERE (?1 IS NULL OR s.sort_ts >= ?1)
           AND (?2 IS NULL OR s.first_ts < ?2)
           AND (?3 IS NULL OR s.id IN (SELECT sa.story_id FROM articles_fts f
                JOIN articles a ON a.seq = f.rowid
                JOIN story_articles sa ON sa.article_id = a.id
                WHERE articles_fts MATCH ?3))";
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) {filter}"),
        params![since, until, text],
        |r| r.get(0),
    )?;
    let mut st = conn.prepare(&format!(
        "SELECT s.id, s.title, s.articles, s.sources, s.source_names, s.first_seen, s.last_seen
         {filter}
         ORDER BY s.sort_ts IS NULL, s.sort_ts DESC, s.id
         LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = st.query_map(
        params![
            since,
            until,
            text,
            i64::try_from(limit).unwrap_or(i64::MAX),
            // An offset past the last row gives an empty page, however large.
            i64::try_from(q.offset).unwrap_or(i64::MAX)
        ],
        |r| {
            let names: String = r.get(4)?;
            Ok(StorySummary {
                id: r.get(0)?,
                title: r.get(1)?,
                articles: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                sources: usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                source_names: serde_json::from_str(&names).unwrap_or_default(),
                first_seen: r.get(5)?,
                last_seen: r.get(6)?,
            })
        },
    )?;
    Ok(StoryPage {
        total: usize::try_from(total).unwrap_or(0),
        offset: q.offset,
        limit,
        stories: rows.collect::<Result<_, _>>()?,
    })
}

fn day_start(d: chrono::NaiveDate) -> Option<i64> {
    d.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_every_word() {
        assert_eq!(
            fts_query("Putin  \"call\" OR x").as_deref(),
            Some("\"Putin\" \"call\" \"OR\" \"x\"")
        );
        assert_eq!(fts_query("  -- "), None);
    }

    #[test]
    fn url_hosts() {
        assert_eq!(
            url_host("https://www.bbc.co.uk/news/x"),
            Some("www.bbc.co.uk")
        );
        assert_eq!(url_host("http://a.b:8080"), Some("a.b"));
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn an_article_naming_no_outlet_counts_as_a_source_but_lends_no_name() {
        let article = |source: Option<&str>, url: Option<&str>| Article {
            id: "ecb-11_10ecb".into(),
            title: None,
            source: source.map(Into::into),
            url: url.map(Into::into),
            published: None,
            author: None,
            language: None,
            path: String::new(),
            line: None,
            text: String::new(),
            sentences: Vec::new(),
            metadata: serde_json::Map::new(),
            removed: Default::default(),
            notes: Vec::new(),
        };
        assert_eq!(
            source_name(&article(Some(" AP "), None)).as_deref(),
            Some("AP")
        );
        assert_eq!(
            source_name(&article(None, Some("https://www.bbc.co.uk/x"))).as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(source_name(&article(None, None)), None);
        let s = Sources {
            named: vec!["AP".into()],
            unnamed: 2,
        };
        assert_eq!(s.count(), 3);
    }
}
