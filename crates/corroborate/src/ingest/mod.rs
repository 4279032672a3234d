//! From a raw document to an article: extract (HTML), clean, date, split, identify language;
//! and the corpus, the articles of a run with the account of every input. Pure but for
//! [`corpus::Corpus::read_inputs`], which calls the readers.

pub mod clean;
pub mod corpus;
pub mod dates;
pub mod extract;
pub mod language;
pub mod sentences;

use crate::article::{Article, Published};
use crate::read::{Body, LineSpan, RawDoc, SkipReason, Skipped, TextRecord};
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
    with_buffer(|text| clean_body_into(raw, text), f)
}

/// [`with_clean_body`] for a plain-text JSONL record read straight from its line
/// ([`crate::read::LineSpan::with_text`]), from input `path` at line `line`: the same clean
/// text as for the [`RawDoc`] that line gives.
pub fn with_clean_text<R>(
    rec: TextRecord<'_>,
    path: &str,
    line: usize,
    f: impl FnOnce(&str) -> R,
) -> Result<R, Skipped> {
    let title = rec.title.filter(|t| !t.trim().is_empty());
    with_buffer(
        |text| {
            clean_text_into(rec.text, title, text).map_err(|reason| Skipped {
                path: path.to_string(),
                line: Some(line),
                reason,
            })
        },
        f,
    )
}

/// The id and clean text of a JSONL line read into `buf` ([`LineSpan`]) given to `f`:
/// plain-text records are read straight from the line ([`LineSpan::with_text`]), others as
/// [`LineSpan::parse`] reads them; both give what [`with_clean_body`] gives for the line's
/// [`RawDoc`]. `shown` and `stem` are the input's, as for [`LineSpan::parse`].
pub fn with_clean_line<R>(
    span: &LineSpan,
    buf: &[u8],
    shown: &str,
    stem: &str,
    mut f: impl FnMut(&str, &str) -> R,
) -> Result<R, Skipped> {
    let fast = span.with_text(buf, stem, |rec| {
        with_clean_text(rec, shown, span.line, |text| f(rec.id, text))
    });
    match fast {
        Some(r) => r,
        None => {
            let doc = span.parse(buf, shown, stem)?;
            with_clean_body(&doc, |text| f(&doc.id, text))
        }
    }
}

/// Fills a per-thread buffer with `fill` and gives it to `f`.
fn with_buffer<R>(
    fill: impl Fn(&mut String) -> Result<(), Skipped>,
    f: impl FnOnce(&str) -> R,
) -> Result<R, Skipped> {
    thread_local! {
        static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    TEXT.with(|t| match t.try_borrow_mut() {
        Ok(mut text) => {
            fill(&mut text)?;
            Ok(f(&text))
        }
        // Re-entered on this thread (`f` cleaning another body): a buffer of its own.
        Err(_) => {
            let mut text = String::new();
            fill(&mut text)?;
            Ok(f(&text))
        }
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
    clean_text_into(body, title, text).map_err(skipped)
}

/// The clean text of a plain body into `text` (cleared first), or why there is none.
fn clean_text_into(body: &str, title: Option<&str>, text: &mut String) -> Result<(), SkipReason> {
    clean::clean_into(body, title, text);
    if text.trim().is_empty() {
        return Err(empty_reason(body));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::LineSpan;

    /// A line cleaned straight from its bytes gives the id and text (or the reason for none)
    /// that its parsed document gives, on both paths.
    #[test]
    fn a_line_cleans_as_its_document_does() {
        let lines = [
            r#"{"id":"a","title":"Storm hits coast","text":"Storm hits coast\nWinds reached 100 km/h on Monday.\nShare this:\nThe town was evacuated."}"#,
            r#"{"text":"Share this:\nLeave a Reply"}"#,
            r#"{"id":"h","html":"<html><body><article><p>Winds reached 100 km/h on Monday, and the town of Arles was evacuated before the storm arrived.</p></article></body></html>"}"#,
            r#"{"id":5,"text":"Numbered."}"#,
            r#"{"text":"  "}"#,
        ];
        let buf = lines.join("\n");
        let mut at = 0;
        for (n, line) in lines.iter().enumerate() {
            let span = LineSpan {
                offset: at as u64,
                line: n + 1,
                bytes: Ok(at..at + line.len()),
            };
            at += line.len() + 1;
            let got = with_clean_line(&span, buf.as_bytes(), "f.jsonl", "f", |id, text| {
                (id.to_string(), text.to_string())
            });
            let want = span
                .parse(buf.as_bytes(), "f.jsonl", "f")
                .and_then(|doc| with_clean_body(&doc, |text| (doc.id.clone(), text.to_string())));
            assert_eq!(got, want, "line {}", n + 1);
        }
        // The first line is cleaned: its title line and furniture are gone.
        let first = LineSpan {
            offset: 0,
            line: 1,
            bytes: Ok(0..lines[0].len()),
        };
        let text = with_clean_line(&first, buf.as_bytes(), "f.jsonl", "f", |_, t| t.to_string());
        assert_eq!(
            text.as_deref(),
            Ok("Winds reached 100 km/h on Monday.\nThe town was evacuated.")
        );
    }
}
