//! The article: one report, read and cleaned, with its metadata and sentences.

use serde::Serialize;
use std::ops::Range;

/// A publication date, as precise as the input gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Published {
    /// A calendar day ("2025-02-12").
    Date(chrono::NaiveDate),
    /// A moment, kept with its offset ("2025-02-12T14:03:00+01:00").
    DateTime(chrono::DateTime<chrono::FixedOffset>),
}

impl Published {
    /// Seconds since the Unix epoch (a bare date counts from its midnight, UTC): for ordering.
    pub fn timestamp(&self) -> i64 {
        match self {
            Published::Date(d) => d
                .and_hms_opt(0, 0, 0)
                .map_or(0, |t| t.and_utc().timestamp()),
            Published::DateTime(t) => t.timestamp(),
        }
    }

    /// The calendar day.
    pub fn date(&self) -> chrono::NaiveDate {
        match self {
            Published::Date(d) => *d,
            Published::DateTime(t) => t.date_naive(),
        }
    }
}

impl std::fmt::Display for Published {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Published::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Published::DateTime(t) => write!(f, "{}", t.to_rfc3339()),
        }
    }
}

impl Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What was taken out of an article's text while cleaning it, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// Page furniture: "Leave a Reply", "Related posts", share and cookie lines.
    pub furniture_lines: usize,
    /// Date and id lines at the top of a text, moved into the metadata.
    pub metadata_lines: usize,
    /// A headline line moved into the title.
    pub title_lines: usize,
}

impl Removed {
    /// Adds another article's counts to these.
    pub fn add(&mut self, other: &Removed) {
        self.furniture_lines = self.furniture_lines.saturating_add(other.furniture_lines);
        self.metadata_lines = self.metadata_lines.saturating_add(other.metadata_lines);
        self.title_lines = self.title_lines.saturating_add(other.title_lines);
    }
}

/// One news report, cleaned and split into sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Unique within a run: the JSONL `id`, else the file name without its extensions.
    pub id: String,
    /// Headline, from the page, the record or the text's first line.
    pub title: Option<String>,
    /// Outlet or site name.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<Published>,
    /// Byline.
    pub author: Option<String>,
    /// ISO 639-1 code when there is one, else ISO 639-3 (given, or identified from the text).
    pub language: Option<String>,
    /// Where it came from: the file path, or `-` for standard input.
    pub path: String,
    /// Line in a JSONL file (1-based), or record number in a WARC file.
    pub line: Option<usize>,
    /// The clean body, for display: paragraphs separated by one newline.
    pub text: String,
    /// Sentences as byte ranges into `text`, in order; none crosses a paragraph break.
    pub sentences: Vec<Range<usize>>,
    /// Unknown JSONL fields and other metadata found on the way (e.g. an id line).
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// What cleaning removed.
    pub removed: Removed,
    /// Remarks on how the input was read (e.g. "invalid UTF-8, decoded lossily").
    pub notes: Vec<String>,
}

impl Article {
    /// The article as one `corroborate extract` record (DESIGN.md): what the CLI prints per
    /// line and the Python package's `extract` returns.
    pub fn extract_record(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "author": self.author,
            "text": self.text,
        })
    }

    /// The text of sentence `i`, or "" when there is no such sentence.
    pub fn sentence(&self, i: usize) -> &str {
        self.sentences
            .get(i)
            .and_then(|r| self.text.get(r.clone()))
            .unwrap_or("")
    }

    /// All sentences' texts, in order.
    pub fn sentence_texts(&self) -> impl Iterator<Item = &str> {
        self.sentences
            .iter()
            .map(|r| self.text.get(r.clone()).unwrap_or(""))
    }

    /// Number of words in the body.
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}
