//! Streaming reading: JSONL records one at a time from a reader, so that an input larger than
//! memory can be processed in bounded batches. Memory is bounded by the longest line, and the
//! size limit ([`ReadConfig::max_bytes`]) applies to each line instead of the whole input.
//! Inputs that are not JSONL are read whole, as [`read_input`] does.
//!
//! [`read_input`]: super::read_input

use super::{format, jsonl, Format, Input, RawDoc, ReadConfig, ReadOutcome, SkipReason, Skipped};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

/// One JSONL line read from a stream.
#[derive(Debug)]
pub struct Record {
    /// Byte offset of the line's start in the (decompressed) input.
    pub offset: u64,
    /// Line number, 1-based.
    pub line: usize,
    /// The document, or why the line gives none.
    pub item: Result<RawDoc, Skipped>,
}

/// JSONL records from a buffered reader, in order (an iterator of [`Record`]s).
pub struct JsonlStream {
    reader: Box<dyn BufRead + Send>,
    shown: String,
    stem: String,
    max_line: u64,
    line_no: usize,
    offset: u64,
    buf: Vec<u8>,
    done: bool,
    records: usize,
    seekable: bool,
    gzip: bool,
}

impl std::fmt::Debug for JsonlStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonlStream")
            .field("shown", &self.shown)
            .field("line_no", &self.line_no)
            .field("offset", &self.offset)
            .finish_non_exhaustive()
    }
}

impl JsonlStream {
    /// A stream over `reader`; `shown` is the input's path as shown in reports, `stem` the prefix
    /// of derived ids, `max_line` the largest line accepted in bytes.
    pub fn new(reader: Box<dyn BufRead + Send>, shown: &str, stem: &str, max_line: u64) -> Self {
        JsonlStream {
            reader,
            shown: shown.to_string(),
            stem: stem.to_string(),
            max_line,
            line_no: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
            records: 0,
            seekable: false,
            gzip: false,
        }
    }

    /// True when a record can be read again by its offset ([`Rereader`]): a plain file.
    pub fn seekable(&self) -> bool {
        self.seekable
    }

    /// The input's path as shown in reports.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The prefix of derived ids (`{stem}-{line}`).
    pub fn stem(&self) -> &str {
        &self.stem
    }

    fn skipped(&self, line: Option<usize>, reason: SkipReason) -> Skipped {
        Skipped {
            path: self.shown.clone(),
            line,
            reason,
        }
    }

    /// Appends the next line to `out` (at most `max_line + 1` of its bytes); returns the
    /// line's full length, or `None` at the end.
    fn next_line(&mut self, out: &mut Vec<u8>) -> std::io::Result<Option<u64>> {
        let start = out.len();
        let mut len = 0u64;
        let mut any = false;
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(any.then_some(len));
            }
            any = true;
            let (chunk, found) = match memchr::memchr(b'\n', avail) {
                Some(i) => (avail.get(..i).unwrap_or(avail), Some(i.saturating_add(1))),
                None => (avail, None),
            };
            let kept = out.len().saturating_sub(start) as u64;
            let room = usize::try_from(self.max_line.saturating_add(1).saturating_sub(kept))
                .unwrap_or(usize::MAX);
            out.extend_from_slice(chunk.get(..room).unwrap_or(chunk));
            len = len.saturating_add(chunk.len() as u64);
            let used = found.unwrap_or(avail.len());
            self.reader.consume(used);
            self.offset = self.offset.saturating_add(used as u64);
            if found.is_some() {
                return Ok(Some(len));
            }
        }
    }
}

/// One JSONL line read into a caller's buffer, not parsed yet ([`JsonlStream::next_line_into`]):
/// a batch of lines then lives in one buffer instead of one allocation each.
#[derive(Debug, Clone)]
pub struct LineSpan {
    /// Byte offset of the line's start in the (decompressed) input.
    pub offset: u64,
    /// Line number, 1-based.
    pub line: usize,
    /// Where the line's bytes (not blank) are in the buffer, or why the line gives no document.
    pub bytes: Result<std::ops::Range<usize>, Skipped>,
}

impl LineSpan {
    /// Parses the line from `buf`, the buffer it was read into: the document the iterator
    /// ([`JsonlStream`] as an `Iterator`) gives for it.
    pub fn parse(&self, buf: &[u8], shown: &str, stem: &str) -> Result<RawDoc, Skipped> {
        let bytes = match &self.bytes {
            Ok(r) => buf.get(r.clone()).unwrap_or_default(),
            Err(s) => return Err(s.clone()),
        };
        jsonl::parse_line(shown, stem, self.line, bytes).unwrap_or_else(|| {
            Err(Skipped {
                path: shown.to_string(),
                line: Some(self.line),
                reason: SkipReason::WhitespaceOnly,
            })
        })
    }

    /// For a plain-text record (a JSON object whose `text` is a string that is not blank, with
    /// no `html`, and whose `id` and `title`, when given, are strings), its fields read from
    /// `buf` into per-thread buffers, without building the record's JSON value, and given to
    /// `f`. `None` for any other line: [`LineSpan::parse`] reads those (and says what is wrong).
    /// What `f` sees is what [`LineSpan::parse`] would give, without an allocation per field.
    pub fn with_text<R>(
        &self,
        buf: &[u8],
        stem: &str,
        f: impl FnOnce(TextRecord<'_>) -> R,
    ) -> Option<R> {
        thread_local! {
            static BUFFERS: std::cell::RefCell<(String, String)> =
                const { std::cell::RefCell::new((String::new(), String::new())) };
        }
        let bytes = buf.get(self.bytes.as_ref().ok()?.clone())?;
        BUFFERS.with(|b| {
            // Re-entered on this thread (`f` reading another line): the slow path.
            let mut b = b.try_borrow_mut().ok()?;
            let (text, title) = &mut *b;
            let fields = jsonl::parse_text_line(stem, self.line, bytes, text, title)?;
            Some(f(TextRecord {
                id: &fields.id,
                title: fields.titled.then_some(title.as_str()),
                text,
            }))
        })
    }
}

/// A plain-text JSONL record read straight from its line ([`LineSpan::with_text`]).
#[derive(Debug, Clone, Copy)]
pub struct TextRecord<'a> {
    /// The id, as [`LineSpan::parse`] would give it.
    pub id: &'a str,
    /// The given title, if any.
    pub title: Option<&'a str>,
    /// The body, as given.
    pub text: &'a str,
}

impl JsonlStream {
    /// The next record, unparsed, with the line's bytes appended to `out` (so a caller can
    /// parse many lines on other threads): blank lines are passed over (nothing is left in
    /// `out` for them), and a line over the size limit, a read error or an input with no
    /// record at all comes as its [`Skipped`].
    pub fn next_line_into(&mut self, out: &mut Vec<u8>) -> Option<LineSpan> {
        while !self.done {
            let start = self.offset;
            let at = out.len();
            let len = match self.next_line(out) {
                Ok(Some(len)) => len,
                Ok(None) => {
                    out.truncate(at);
                    self.done = true;
                    if self.records == 0 {
                        let reason = if start == 0 {
                            SkipReason::Empty
                        } else {
                            SkipReason::WhitespaceOnly
                        };
                        return Some(LineSpan {
                            offset: 0,
                            line: 0,
                            bytes: Err(self.skipped(None, reason)),
                        });
                    }
                    return None;
                }
                Err(e) => {
                    out.truncate(at);
                    self.done = true;
                    let reason = if self.gzip {
                        SkipReason::TruncatedGzip(format!(
                            "{e}; records before the break were read"
                        ))
                    } else {
                        SkipReason::Unreadable(e.to_string())
                    };
                    return Some(LineSpan {
                        offset: start,
                        line: self.line_no.saturating_add(1),
                        bytes: Err(self.skipped(None, reason)),
                    });
                }
            };
            self.line_no = self.line_no.saturating_add(1);
            let line_no = self.line_no;
            if len > self.max_line {
                out.truncate(at);
                self.records = self.records.saturating_add(1);
                let reason = SkipReason::TooLarge {
                    bytes: len,
                    limit: self.max_line,
                };
                return Some(LineSpan {
                    offset: start,
                    line: line_no,
                    bytes: Err(self.skipped(Some(line_no), reason)),
                });
            }
            if jsonl::is_blank(out.get(at..).unwrap_or_default()) {
                out.truncate(at);
                continue;
            }
            self.records = self.records.saturating_add(1);
            return Some(LineSpan {
                offset: start,
                line: line_no,
                bytes: Ok(at..out.len()),
            });
        }
        None
    }
}

impl Iterator for JsonlStream {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let span = self.next_line_into(&mut buf);
        let rec = span.map(|s| Record {
            offset: s.offset,
            line: s.line,
            item: s.parse(&buf, &self.shown, &self.stem),
        });
        self.buf = buf;
        rec
    }
}

/// What opening an input for streaming gave.
#[derive(Debug)]
pub enum Streamed {
    /// A JSONL input, to be read record by record.
    Jsonl(JsonlStream),
    /// Any other input, read whole (within the size limit) as [`super::read_input`] does.
    Whole(ReadOutcome),
}

/// Opens an input for streaming: JSONL (by name, else by its first bytes; gzip or not) becomes
/// a [`JsonlStream`] whose size limit applies per line; WARC is read record by record, the size
/// limit applying per record; anything else is read whole.
pub fn open_streaming(input: &Input, cfg: &ReadConfig) -> Streamed {
    let shown = input.display();
    let skip = |reason| {
        Streamed::Whole(ReadOutcome {
            skipped: vec![Skipped {
                path: shown.clone(),
                line: None,
                reason,
            }],
            ..ReadOutcome::default()
        })
    };
    let (raw, name, seekable): (Box<dyn Read + Send>, Option<String>, bool) = match input {
        Input::File(path) => {
            match std::fs::metadata(path) {
                Ok(m) if !m.is_file() => return skip(SkipReason::NotRegularFile),
                Ok(_) => {}
                Err(e) => return skip(SkipReason::Unreadable(e.to_string())),
            }
            match std::fs::File::open(path) {
                Ok(f) => (
                    Box::new(f),
                    path.file_name().map(|n| n.to_string_lossy().into_owned()),
                    true,
                ),
                Err(e) => return skip(SkipReason::Unreadable(e.to_string())),
            }
        }
        Input::Stdin => (Box::new(std::io::stdin()), None, false),
    };
    let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 18, raw));
    let gzip = match reader.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return skip(SkipReason::Unreadable(e.to_string())),
    };
    if gzip {
        let dec = flate2::bufread::MultiGzDecoder::new(reader);
        reader = Box::new(BufReader::with_capacity(1 << 18, dec));
    }
    let head = match reader.fill_buf() {
        Ok(h) => h,
        Err(e) if gzip => return skip(SkipReason::TruncatedGzip(e.to_string())),
        Err(e) => return skip(SkipReason::Unreadable(e.to_string())),
    };
    let stem = name
        .as_deref()
        .map(format::stem)
        .unwrap_or_else(|| "stdin".to_string());
    match format::detect(name.as_deref(), head) {
        Format::Jsonl => {
            let mut s = JsonlStream::new(reader, &shown, &stem, cfg.max_bytes);
            s.seekable = seekable && !gzip;
            s.gzip = gzip;
            return Streamed::Jsonl(s);
        }
        // A WARC file is a stream of records too: read one at a time, the limit per record.
        Format::Warc => {
            return Streamed::Whole(super::warc::parse_stream(&shown, reader, cfg.max_bytes))
        }
        Format::Text | Format::Html => {}
    }
    // Not JSONL: read the (decompressed) rest whole, within the limit, as `read_input` does.
    let mut bytes = Vec::new();
    let limit = cfg.max_bytes;
    if let Err(e) = reader.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        let reason = if gzip {
            SkipReason::TruncatedGzip(e.to_string())
        } else {
            SkipReason::Unreadable(e.to_string())
        };
        return skip(reason);
    }
    if bytes.len() as u64 > limit {
        return skip(SkipReason::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    Streamed::Whole(super::parse_bytes(&shown, name.as_deref(), &bytes, cfg))
}

/// Reads JSONL records again by the byte offset of their line in a plain (uncompressed) file:
/// for verifying a match against an article no longer in memory. Each file stays open, and one
/// line buffer is reused, between reads: a verification pass may read thousands of records.
#[derive(Debug, Default)]
pub struct Rereader {
    files: std::collections::HashMap<std::path::PathBuf, std::fs::File>,
    buf: Vec<u8>,
}

impl Rereader {
    /// The record whose line starts at byte `offset` of `path` (line number `line`, as
    /// [`JsonlStream`] gave it); `None` when it cannot be read or gives no document.
    pub fn record_at(
        &mut self,
        path: &std::path::Path,
        offset: u64,
        line: usize,
        shown: &str,
        stem: &str,
        max_line: u64,
    ) -> Option<RawDoc> {
        let bytes = self.line_at(path, offset, max_line)?;
        jsonl::parse_line(shown, stem, line, bytes)?.ok()
    }

    /// The bytes of the line that starts at byte `offset` of the plain file `path` (without its
    /// `\n`); `None` when it cannot be read or is longer than `max_line`.
    pub fn line_at(&mut self, path: &std::path::Path, offset: u64, max_line: u64) -> Option<&[u8]> {
        if !self.files.contains_key(path) {
            let f = std::fs::File::open(path).ok()?;
            self.files.insert(path.to_path_buf(), f);
        }
        let mut f = self.files.get(path)?;
        f.seek(SeekFrom::Start(offset)).ok()?;
        let limit = max_line.saturating_add(1);
        self.buf.clear();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            let n = match f.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return None,
            };
            let got = chunk.get(..n)?;
            let end = memchr::memchr(b'\n', got);
            let take = end.unwrap_or(n).min(
                usize::try_from(limit.saturating_sub(self.buf.len() as u64)).unwrap_or(usize::MAX),
            );
            self.buf.extend_from_slice(got.get(..take)?);
            if end.is_some() || n == 0 || self.buf.len() as u64 >= limit {
                break;
            }
        }
        if self.buf.len() as u64 > max_line {
            return None;
        }
        Some(&self.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(bytes: &'static [u8], max: u64) -> Vec<Record> {
        JsonlStream::new(Box::new(bytes), "f.jsonl", "f", max).collect()
    }

    #[test]
    fn records_come_one_by_one_with_offsets() {
        let input = b"{\"id\":\"a\",\"text\":\"One.\"}\n\n{bad\n{\"text\":\"Two.\"}";
        let recs = stream(input, 1000);
        assert_eq!(recs.len(), 3);
        assert_eq!((recs[0].offset, recs[0].line), (0, 1));
        assert_eq!(recs[0].item.as_ref().map(|d| d.id.as_str()), Ok("a"));
        assert_eq!(recs[1].line, 3);
        assert!(matches!(&recs[1].item, Err(s) if s.reason.kind() == "malformed_json"));
        assert_eq!(recs[2].offset, 31);
        assert_eq!(recs[2].item.as_ref().map(|d| d.id.as_str()), Ok("f-4"));
    }

    #[test]
    fn the_size_limit_applies_per_line() {
        let input = b"{\"text\":\"a long line of text here\"}\n{\"text\":\"ok\"}\n";
        let recs = stream(input, 20);
        assert!(matches!(&recs[0].item, Err(s) if s.reason.kind() == "too_large"));
        assert!(recs[1].item.is_ok());
    }

    #[test]
    fn empty_and_blank_inputs_are_reported() {
        let recs = stream(b"", 10);
        assert!(matches!(&recs[0].item, Err(s) if s.reason.kind() == "empty"));
        let recs = stream(b"\n  \n", 10);
        assert_eq!(recs.len(), 1);
        assert!(matches!(&recs[0].item, Err(s) if s.reason.kind() == "whitespace_only"));
    }

    #[test]
    fn a_record_is_read_again_by_its_offset() {
        let dir = std::env::temp_dir().join(format!("corroborate-stream-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("c.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"x\",\"text\":\"One.\"}\n{\"id\":\"y\",\"text\":\"Two.\"}\n",
        )
        .expect("write");
        let Streamed::Jsonl(s) = open_streaming(&Input::File(path.clone()), &ReadConfig::default())
        else {
            panic!("a .jsonl file streams")
        };
        assert!(s.seekable());
        let recs: Vec<Record> = s.collect();
        let again = Rereader::default().record_at(
            &path,
            recs[1].offset,
            recs[1].line,
            "c.jsonl",
            "c",
            1000,
        );
        assert_eq!(again.map(|d| d.id), Some("y".to_string()));
        // A text file is read whole.
        let txt = dir.join("t.txt");
        std::fs::write(&txt, "Some text.").expect("write");
        assert!(matches!(
            open_streaming(&Input::File(txt), &ReadConfig::default()),
            Streamed::Whole(o) if o.docs.len() == 1
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn warc_record(n: usize, payload: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/{n}\r\n\
             WARC-Date: 2025-02-12T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-{n:012}>\r\n\
             Content-Length: {}\r\n\r\n{payload}\r\n\r\n",
            payload.len()
        )
    }

    fn html_response(body: &str) -> String {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>{body}</p></body></html>")
    }

    #[test]
    fn a_warc_file_larger_than_the_limit_streams_and_the_limit_applies_per_record() {
        // 400 records of about 2 KB (0.8 MB in all) under a 64 KB limit, one record of 100 KB
        // (over it) in the middle, plain and gzipped.
        let limit = 64 * 1024;
        let para = "The council met on Tuesday and voted on the budget. ".repeat(40);
        let mut warc = String::new();
        for n in 1..=400 {
            let body = if n == 200 {
                "x ".repeat(50_000)
            } else {
                format!("{n} {para}")
            };
            warc.push_str(&warc_record(n, &html_response(&body)));
        }
        assert!(warc.len() > 10 * limit);
        let dir = tempfile::tempdir().expect("tmp");
        let plain = dir.path().join("crawl.warc");
        std::fs::write(&plain, &warc).expect("write");
        let gz = dir.path().join("crawl.warc.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut enc, warc.as_bytes()).expect("gzip");
        std::fs::write(&gz, enc.finish().expect("gzip")).expect("write");
        let cfg = ReadConfig {
            max_bytes: limit as u64,
        };
        for path in [plain, gz] {
            let out = super::super::read_input(&Input::File(path.clone()), &cfg);
            assert_eq!(out.docs.len(), 399, "{path:?}: {:?}", out.skipped);
            assert_eq!(out.skipped.len(), 1, "{path:?}");
            assert_eq!(out.skipped[0].line, Some(200));
            assert_eq!(out.skipped[0].reason.kind(), "too_large");
            assert_eq!(out.docs[0].id, "crawl-1");
            assert_eq!(out.docs[398].id, "crawl-400");
        }
        // Bytes already in memory (limited whole by their caller) give every record.
        let whole =
            super::super::parse_bytes("crawl.warc", Some("crawl.warc"), warc.as_bytes(), &cfg);
        assert_eq!(whole.docs.len(), 400);
    }

    #[test]
    fn a_broken_warc_record_after_good_ones_is_reported_with_its_number() {
        let mut warc = warc_record(1, &html_response("One sentence here."));
        warc.push_str("WARC/1.0\r\nContent-Length: 999\r\n\r\nshort");
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("b.warc");
        std::fs::write(&path, &warc).expect("write");
        let out = super::super::read_input(&Input::File(path), &ReadConfig::default());
        assert_eq!(out.docs.len(), 1);
        assert_eq!(out.skipped.len(), 1);
        assert_eq!(out.skipped[0].line, Some(2));
        assert_eq!(out.skipped[0].reason.kind(), "malformed_warc");
    }
}
