//! From inputs (files, request bodies) to articles ready for the store, with every skipped
//! input and its reason. Reading and ingesting are the library's; this only gathers.

use corroborate::read::{self, Input, ReadOutcome};
use corroborate::{Article, ReadConfig, Skipped};
use rayon::prelude::*;

/// Articles made from some inputs, and what could not be made into one.
#[derive(Debug, Default)]
pub struct Intake {
    /// Articles, in input order.
    pub articles: Vec<Article>,
    /// Inputs or records that gave no article, with reasons.
    pub skipped: Vec<Skipped>,
}

/// Ingests what reading gave (in parallel, keeping order).
pub fn from_outcome(outcome: ReadOutcome) -> Intake {
    let mut out = Intake {
        articles: Vec::with_capacity(outcome.docs.len()),
        skipped: outcome.skipped,
    };
    let results: Vec<_> = outcome
        .docs
        .into_par_iter()
        .map(corroborate::ingest::ingest)
        .collect();
    for r in results {
        match r {
            Ok(a) => out.articles.push(a),
            Err(s) => out.skipped.push(s),
        }
    }
    out
}

/// Reads and ingests a chunk of inputs.
pub fn read_inputs(inputs: &[Input], cfg: &ReadConfig, tick: &(dyn Fn() + Sync)) -> Intake {
    from_outcome(corroborate::ingest::corpus::read_batch(inputs, cfg, tick))
}

/// The kinds of body an API client can post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// One JSON object per the JSONL input contract, or an array of them.
    Json,
    /// An HTML page.
    Html,
    /// Plain text.
    Text,
}

/// Given metadata for an HTML or text body (query parameters of the request).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct BodyMeta {
    /// Article id (default: derived from the URL, else "posted").
    pub id: Option<String>,
    /// The page's URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date (RFC 3339 or a date).
    pub published: Option<String>,
    /// Language code.
    pub language: Option<String>,
}

/// Why a posted body gave no article.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    /// Not JSON, or JSON that is not an object or an array of objects.
    #[error("the body is not a JSON object or an array of objects: {0}")]
    Json(String),
    /// The body is not UTF-8 text.
    #[error("the body is not UTF-8 text")]
    NotUtf8,
}

/// Reads a posted body into articles. JSON records become JSONL lines (so the JSONL contract
/// applies whole: `text` or `html`, optional `id`, `title`, `url`, `source`, `published`,
/// `language`, other fields kept as metadata); HTML and text bodies take their metadata from
/// `meta`.
pub fn from_body(
    kind: BodyKind,
    body: &[u8],
    meta: &BodyMeta,
    cfg: &ReadConfig,
) -> Result<Intake, BodyError> {
    let records: Vec<serde_json::Value> = match kind {
        BodyKind::Json => match serde_json::from_slice(body) {
            Ok(serde_json::Value::Array(items)) => items,
            Ok(v @ serde_json::Value::Object(_)) => vec![v],
            Ok(_) => return Err(BodyError::Json("expected an object".to_string())),
            Err(e) => return Err(BodyError::Json(e.to_string())),
        },
        BodyKind::Html | BodyKind::Text => {
            let text = std::str::from_utf8(body).map_err(|_| BodyError::NotUtf8)?;
            let field = if kind == BodyKind::Html {
                "html"
            } else {
                "text"
            };
            let mut obj = serde_json::Map::new();
            obj.insert(field.to_string(), text.into());
            let id = meta
                .id
                .clone()
                .or_else(|| meta.url.as_deref().map(id_from_url));
            for (k, v) in [
                ("id", id),
                ("url", meta.url.clone()),
                ("title", meta.title.clone()),
                ("source", meta.source.clone()),
                ("published", meta.published.clone()),
                ("language", meta.language.clone()),
            ] {
                if let Some(v) = v {
                    obj.insert(k.to_string(), v.into());
                }
            }
            vec![serde_json::Value::Object(obj)]
        }
    };
    let mut lines = Vec::new();
    for r in &records {
        // One record per line; serde_json never writes a raw newline inside a string.
        serde_json::to_writer(&mut lines, r).map_err(|e| BodyError::Json(e.to_string()))?;
        lines.push(b'\n');
    }
    let outcome = read::parse_bytes("request", Some("posted.jsonl"), &lines, cfg);
    Ok(from_outcome(outcome))
}

/// An id for a page known by its URL: its host and path, with anything else made `-`.
pub fn id_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let id: String = rest
        .trim_end_matches('/')
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        "posted".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_bodies_follow_the_jsonl_contract() {
        let body = br#"{"id": "x1", "title": "T", "text": "One sentence here. Another one.",
                        "extra": 5}"#;
        let got = from_body(
            BodyKind::Json,
            body,
            &BodyMeta::default(),
            &ReadConfig::default(),
        )
        .expect("parses");
        assert_eq!(got.articles.len(), 1);
        assert_eq!(got.articles[0].id, "x1");
        assert_eq!(got.articles[0].metadata.get("extra"), Some(&5.into()));
    }

    #[test]
    fn bad_bodies_say_why() {
        let cfg = ReadConfig::default();
        let m = BodyMeta::default();
        assert!(from_body(BodyKind::Json, b"[1,", &m, &cfg).is_err());
        assert!(from_body(BodyKind::Json, b"42", &m, &cfg).is_err());
        assert!(from_body(BodyKind::Text, &[0xff, 0xfe], &m, &cfg).is_err());
        let none = from_body(BodyKind::Json, br#"{"id": "x"}"#, &m, &cfg).expect("json");
        assert!(none.articles.is_empty());
        assert_eq!(none.skipped[0].reason.kind(), "no_text");
    }

    #[test]
    fn ids_from_urls() {
        assert_eq!(
            id_from_url("https://news.example/a/b?x=1"),
            "news.example-a-b"
        );
        assert_eq!(id_from_url(""), "posted");
    }
}
