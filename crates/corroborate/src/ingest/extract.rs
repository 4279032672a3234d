//! Main text and metadata from an HTML page (title, date, author, site name, canonical URL),
//! by the trafilatura crate (a port of go-trafilatura).

use crate::article::Published;

/// What a page gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The main text, paragraphs separated by newlines.
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// The site's name.
    pub sitename: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The publication date.
    pub date: Option<Published>,
    /// The page's declared language.
    pub language: Option<String>,
}

/// Extracts the main text and metadata. `None` when the page has no main text.
pub fn extract(html: &str, url: Option<&str>) -> Option<Page> {
    // Measured on ../shared/data/article-extraction (181 pages, scripts/score-extraction.sh):
    // defaults 0.957 F1; with the fallback extractors and the precision focus 0.969.
    // Comments are never part of an article.
    let mut opts = trafilatura::Options::default()
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorPrecision)
        .with_exclude_comments(true);
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
        opts = opts.with_url(u);
    }
    let result = trafilatura::extract(html, &opts).ok()?;
    let text = result.content_text.trim().to_string();
    if text.is_empty() {
        return None;
    }
    let m = result.metadata;
    let some = |s: String| {
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_string())
    };
    Some(Page {
        text,
        title: some(m.title),
        author: some(m.author),
        sitename: some(m.sitename),
        url: some(m.url),
        date: m.date.map(Published::Date),
        language: some(m.language),
    })
}
