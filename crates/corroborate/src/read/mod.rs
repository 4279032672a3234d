//! Reading inputs: from paths to raw documents, or a skipped entry with its reason.
//!
//! This is the I/O edge of the pipeline. [`discover`] walks the paths given by the user;
//! [`read_input`] reads one of them and splits it into [`RawDoc`]s (a text, an HTML page, a JSONL
//! record, a WARC response). Whatever cannot be read becomes a [`Skipped`] entry: nothing is
//! dropped without a word.

mod decode;
mod format;
mod jsonl;
mod stream;
mod walk;
mod warc;

pub use decode::decode_text;
pub use format::Format;
pub use jsonl::record_from_fields;
pub use stream::{open_streaming, JsonlStream, LineSpan, Record, Rereader, Streamed, TextRecord};
pub use walk::discover;

use serde::Serialize;
use std::path::PathBuf;

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct ReadConfig {
    /// Largest input accepted, in bytes, before or after decompression. Default 50 MB.
    pub max_bytes: u64,
}

impl Default for ReadConfig {
    fn default() -> Self {
        ReadConfig {
            max_bytes: 50_000_000,
        }
    }
}

/// One input to read: a file found by [`discover`], or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A regular file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// The path as shown in reports: the file path, or `-`.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// The body of a raw document, before extraction and cleaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Plain text.
    Text(String),
    /// An HTML page.
    Html(String),
}

/// Metadata given with a document (JSONL fields, WARC headers), before any is found in the body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GivenMeta {
    /// `title`.
    pub title: Option<String>,
    /// `url` (or the WARC target URI).
    pub url: Option<String>,
    /// `source`.
    pub source: Option<String>,
    /// `published`, as given (parsed later).
    pub published: Option<String>,
    /// `language`.
    pub language: Option<String>,
    /// Any other field, kept as it came.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A document as read, before extraction and cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDoc {
    /// The given id, or one derived from the file name (made unique later).
    pub id: String,
    /// The input's path as shown in reports.
    pub path: String,
    /// Line in a JSONL file, record number in a WARC file.
    pub line: Option<usize>,
    /// Text or HTML.
    pub body: Body,
    /// Metadata given with it.
    pub meta: GivenMeta,
    /// Remarks on how it was read.
    pub notes: Vec<String>,
}

/// Why an input (or part of one) did not become an article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// NUL bytes or undecodable content.
    Binary,
    /// Zero bytes.
    Empty,
    /// Only whitespace.
    WhitespaceOnly,
    /// A JSONL line that is not a JSON object.
    MalformedJson(String),
    /// A JSONL record without `text` or `html`.
    NoText,
    /// A gzip stream that ends early.
    TruncatedGzip(String),
    /// Over the size limit.
    TooLarge {
        /// The input's size (or the size reached while decompressing).
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The operating system refused to read it.
    Unreadable(String),
    /// A symbolic link that leads back to one of its parents.
    SymlinkLoop,
    /// A FIFO, socket or device.
    NotRegularFile,
    /// An HTML page in which no main text was found.
    NoMainText,
    /// A WARC response that is not an HTML page.
    NotHtmlResponse(String),
    /// A WARC file that could not be parsed.
    MalformedWarc(String),
}

impl SkipReason {
    /// A stable short key for counting skips by reason.
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::Empty => "empty",
            SkipReason::WhitespaceOnly => "whitespace_only",
            SkipReason::MalformedJson(_) => "malformed_json",
            SkipReason::NoText => "no_text",
            SkipReason::TruncatedGzip(_) => "truncated_gzip",
            SkipReason::TooLarge { .. } => "too_large",
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::SymlinkLoop => "symlink_loop",
            SkipReason::NotRegularFile => "not_regular_file",
            SkipReason::NoMainText => "no_main_text",
            SkipReason::NotHtmlResponse(_) => "not_html_response",
            SkipReason::MalformedWarc(_) => "malformed_warc",
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Binary => write!(f, "binary file"),
            SkipReason::Empty => write!(f, "empty file"),
            SkipReason::WhitespaceOnly => write!(f, "only whitespace"),
            SkipReason::MalformedJson(e) => write!(f, "malformed JSON line: {e}"),
            SkipReason::NoText => write!(f, "record has no \"text\" or \"html\" field"),
            SkipReason::TruncatedGzip(e) => write!(f, "truncated or corrupt gzip: {e}"),
            SkipReason::TooLarge { bytes, limit } => write!(
                f,
                "over the size limit ({bytes} bytes > {limit}; raise it with --max-size)"
            ),
            SkipReason::Unreadable(e) => write!(f, "unreadable: {e}"),
            SkipReason::SymlinkLoop => write!(f, "symbolic link loop"),
            SkipReason::NotRegularFile => write!(f, "not a regular file"),
            SkipReason::NoMainText => write!(f, "no main text found in the HTML page"),
            SkipReason::NotHtmlResponse(t) => write!(f, "WARC record is not an HTML page ({t})"),
            SkipReason::MalformedWarc(e) => write!(f, "malformed WARC: {e}"),
        }
    }
}

/// An input, or part of one, that did not become an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The input's path as shown in reports.
    pub path: String,
    /// Line in a JSONL file, record number in a WARC file.
    pub line: Option<usize>,
    /// Why.
    pub reason: SkipReason,
}

impl Serialize for Skipped {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Skipped", 4)?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("reason", &self.reason.to_string())?;
        st.serialize_field("kind", self.reason.kind())?;
        st.end()
    }
}

/// What reading one input gave.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// The documents found.
    pub docs: Vec<RawDoc>,
    /// What could not be read, with reasons.
    pub skipped: Vec<Skipped>,
    /// WARC records that are not responses (requests, warcinfo, metadata): counted, not articles.
    pub ignored_records: usize,
}

impl ReadOutcome {
    fn skip(path: &str, line: Option<usize>, reason: SkipReason) -> ReadOutcome {
        ReadOutcome {
            skipped: vec![Skipped {
                path: path.to_string(),
                line,
                reason,
            }],
            ..ReadOutcome::default()
        }
    }
}

/// Reads one input: opens it, decompresses, identifies the format and splits it into raw
/// documents. Never fails: problems become [`Skipped`] entries.
///
/// JSONL and WARC inputs are streams of records: they are read record by record, and the size
/// limit applies to each record, so a corpus file of any size is read (a record over the limit
/// is skipped alone). Any other input is one document and is read whole within the limit.
pub fn read_input(input: &Input, cfg: &ReadConfig) -> ReadOutcome {
    match stream::open_streaming(input, cfg) {
        stream::Streamed::Whole(out) => out,
        stream::Streamed::Jsonl(records) => {
            let mut out = ReadOutcome::default();
            for r in records {
                match r.item {
                    Ok(doc) => out.docs.push(doc),
                    Err(skip) => out.skipped.push(skip),
                }
            }
            out
        }
    }
}

/// Splits the bytes of one input into raw documents. `name` is the file name (for the format
/// and the id); `None` for standard input. Pure: no I/O.
pub fn parse_bytes(shown: &str, name: Option<&str>, bytes: &[u8], cfg: &ReadConfig) -> ReadOutcome {
    let (bytes, truncated) = match decode::gunzip_if_needed(bytes, cfg.max_bytes) {
        Ok(v) => v,
        Err(reason) => return ReadOutcome::skip(shown, None, reason),
    };
    let stem = name
        .map(format::stem)
        .unwrap_or_else(|| "stdin".to_string());
    let format = format::detect(name, &bytes);
    let mut out = match format {
        Format::Jsonl => jsonl::parse(shown, &stem, &bytes),
        Format::Warc => warc::parse(shown, &bytes),
        Format::Text | Format::Html => {
            if truncated.is_some() {
                // Half a text is not the article: say so instead of analysing a fragment.
                let e = truncated.unwrap_or_default();
                return ReadOutcome::skip(shown, None, SkipReason::TruncatedGzip(e));
            }
            single_document(shown, &stem, &bytes, format)
        }
    };
    if let Some(e) = truncated {
        // Complete records before the break were kept; the rest is reported.
        out.skipped.push(Skipped {
            path: shown.to_string(),
            line: None,
            reason: SkipReason::TruncatedGzip(format!("{e}; records before the break were read")),
        });
    }
    out
}

fn single_document(shown: &str, stem: &str, bytes: &[u8], format: Format) -> ReadOutcome {
    if bytes.is_empty() {
        return ReadOutcome::skip(shown, None, SkipReason::Empty);
    }
    if decode::looks_binary(bytes) {
        return ReadOutcome::skip(shown, None, SkipReason::Binary);
    }
    let is_html = format == Format::Html;
    let (text, note) = decode_text(bytes, is_html);
    if text.trim().is_empty() {
        return ReadOutcome::skip(shown, None, SkipReason::WhitespaceOnly);
    }
    let body = if is_html {
        Body::Html(text)
    } else {
        Body::Text(text)
    };
    ReadOutcome {
        docs: vec![RawDoc {
            id: stem.to_string(),
            path: shown.to_string(),
            line: None,
            body,
            meta: GivenMeta::default(),
            notes: note.into_iter().collect(),
        }],
        ..ReadOutcome::default()
    }
}
