//! From a raw document to an article: extract (HTML), clean, date, split, identify language.
//! Pure: no I/O.

use crate::article::{Article, Published};
use crate::read::{Body, RawDoc, SkipReason, Skipped};
use crate::{clean, dates, extract, language, sentences};
use serde_json::Value;

/// Turns one raw document into an article, or says why it cannot be one.
pub fn ingest(raw: RawDoc) -> Result<Article, Skipped> {
    let RawDoc {
        id,
        path,
        line,
        body,
        meta,
        mut notes,
    } = raw;
    let skipped = |reason| Skipped {
        path: path.clone(),
        line,
        reason,
    };
    let mut metadata = meta.extra;
    let mut title = meta.title.filter(|t| !t.trim().is_empty());
    let mut url = meta.url;
    let mut source = meta.source;
    let mut author = None;
    let mut language = meta.language;
    let mut published = match meta.published.as_deref() {
        Some(p) => {
            let parsed = dates::parse_published(p);
            if parsed.is_none() {
                notes.push(format!("published date not understood: {p:?}"));
                metadata.insert("published_raw".into(), Value::from(p));
            }
            parsed
        }
        None => None,
    };
    let text = match body {
        Body::Text(t) => t,
        Body::Html(h) => {
            let page = extract::extract(&h, url.as_deref())
                .ok_or_else(|| skipped(SkipReason::NoMainText))?;
            title = title.or(page.title);
            url = url.or(page.url);
            source = source.or(page.sitename);
            author = page.author;
            published = published.or(page.date);
            language = language.or(page.language);
            page.text
        }
    };
    let cleaned = clean::clean(&text, title.as_deref());
    if cleaned.text.trim().is_empty() {
        return Err(skipped(empty_reason(&text)));
    }
    title = title.or(cleaned.title);
    url = url.or(cleaned.url);
    published = published.or(cleaned.date.map(Published::Date));
    if let Some(sid) = cleaned.source_id {
        metadata.insert("source_id".into(), Value::from(sid));
    }
    let language = language.or_else(|| language::identify(&cleaned.text));
    let sentences = sentences::split(&cleaned.text);
    Ok(Article {
        id,
        title,
        source,
        url,
        published,
        author,
        language,
        path,
        line,
        text: cleaned.text,
        sentences,
        metadata,
        removed: cleaned.removed,
        notes,
    })
}

/// The clean body of a raw document alone: extraction (HTML) and cleaning, without dates,
/// sentences or language. For stages that need only the text, such as corpus deduplication,
/// where the full [`ingest`] would cost more than the stage itself.
pub fn clean_body(raw: &RawDoc) -> Result<String, Skipped> {
    let mut text = String::new();
    clean_body_into(raw, &mut text)?;
    Ok(text)
}

/// [`clean_body`] given to `f` from a per-thread buffer (no allocation per document).
pub fn with_clean_body<R>(raw: &RawDoc, f: impl FnOnce(&str) -> R) -> Result<R, Skipped> {
    thread_local! {
        static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    TEXT.with(|t| match t.try_borrow_mut() {
        Ok(mut text) => {
            clean_body_into(raw, &mut text)?;
            Ok(f(&text))
        }
        // Re-entered on this thread (`f` cleaning another body): a buffer of its own.
        Err(_) => clean_body(raw).map(|text| f(&text)),
    })
}

/// [`clean_body`] into `text` (cleared first).
fn clean_body_into(raw: &RawDoc, text: &mut String) -> Result<(), Skipped> {
    let skipped = |reason| Skipped {
        path: raw.path.clone(),
        line: raw.line,
        reason,
    };
    let mut title = raw.meta.title.as_deref().filter(|t| !t.trim().is_empty());
    let extracted;
    let body = match &raw.body {
        Body::Text(t) => t.as_str(),
        Body::Html(h) => {
            let page = extract::extract(h, raw.meta.url.as_deref())
                .ok_or_else(|| skipped(SkipReason::NoMainText))?;
            extracted = page;
            title = title.or(extracted.title.as_deref());
            extracted.text.as_str()
        }
    };
    clean::clean_into(body, title, text);
    if text.trim().is_empty() {
        return Err(skipped(empty_reason(body)));
    }
    Ok(())
}

/// Why a body that cleaned down to nothing gives no article: it held only whitespace, or only
/// furniture and headers.
fn empty_reason(original: &str) -> SkipReason {
    if original.trim().is_empty() {
        SkipReason::WhitespaceOnly
    } else {
        SkipReason::NoMainText
    }
}
