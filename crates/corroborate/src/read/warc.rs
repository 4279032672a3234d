//! WARC: HTML response (and resource) records become documents; other responses are skipped
//! with their content type; requests, warcinfo and metadata records are counted, not read.
//!
//! Records are read one at a time from a reader ([`parse_stream`]): a WARC file of any size is
//! read in memory bounded by its largest record within the limit, and the size limit applies to
//! each record (a record over it is skipped alone, its body never read into memory).

use super::decode::decode_text;
use super::format::stem;
use super::{Body, GivenMeta, RawDoc, ReadOutcome, SkipReason, Skipped};
use std::io::{BufRead, Read};
use warc::{RecordType, WarcHeader, WarcReader};

/// Reads WARC bytes held in memory, with no limit on a record's size (the caller limited the
/// whole input).
pub(super) fn parse(shown: &str, bytes: &[u8]) -> ReadOutcome {
    parse_stream(shown, bytes, u64::MAX)
}

/// Reads WARC records one by one from `reader`; a record whose body is longer than `max_record`
/// bytes is skipped as too large, and the records after it are read.
pub(super) fn parse_stream(shown: &str, mut reader: impl BufRead, max_record: u64) -> ReadOutcome {
    let file_stem = stem(shown.rsplit(['/', '\\']).next().unwrap_or(shown));
    let mut out = ReadOutcome::default();
    let mut warc = WarcReader::new(&mut reader);
    let mut records = warc.stream_records();
    let mut n: usize = 0;
    while let Some(next) = records.next_item() {
        n = n.saturating_add(1);
        let broken = |e: &dyn std::fmt::Display| Skipped {
            path: shown.to_string(),
            line: Some(n),
            // The reader cannot resynchronise after a broken record: report where it stopped.
            reason: SkipReason::MalformedWarc(format!(
                "record {n}: {e}; the rest of the file was not read"
            )),
        };
        let record = match next {
            Ok(r) => r,
            Err(e) => {
                out.skipped.push(broken(&e));
                break;
            }
        };
        if matches!(
            record.warc_type(),
            RecordType::Response | RecordType::Resource
        ) && record.content_length() > max_record
        {
            // Not read: the stream skips the body when asked for the next record.
            out.skipped.push(Skipped {
                path: shown.to_string(),
                line: Some(n),
                reason: SkipReason::TooLarge {
                    bytes: record.content_length(),
                    limit: max_record,
                },
            });
            continue;
        }
        let record = match record.into_buffered() {
            Ok(r) => r,
            Err(e) => {
                out.skipped.push(broken(&e));
                break;
            }
        };
        let is_response = match record.warc_type() {
            RecordType::Response => true,
            RecordType::Resource => false,
            _ => {
                out.ignored_records = out.ignored_records.saturating_add(1);
                continue;
            }
        };
        let date = record.date().to_rfc3339();
        // Header values read from the raw headers: `Record::header` unwraps the UTF-8 decoding
        // of a value and panics on any other bytes (found by the seeded fuzz inputs).
        let (raw, body) = record.into_raw_parts();
        let header =
            |h: WarcHeader| (raw.headers.get(&h)).map(|v| String::from_utf8_lossy(v).into_owned());
        let url = header(WarcHeader::TargetURI);
        let (content_type, payload) = if is_response {
            match http_payload(&body) {
                Ok(v) => v,
                Err(why) => {
                    out.skipped.push(Skipped {
                        path: shown.to_string(),
                        line: Some(n),
                        reason: SkipReason::NotHtmlResponse(why),
                    });
                    continue;
                }
            }
        } else {
            (header(WarcHeader::ContentType).unwrap_or_default(), body)
        };
        if !content_type.to_ascii_lowercase().contains("html") {
            let shown_type = if content_type.is_empty() {
                "no content type".to_string()
            } else {
                content_type
            };
            out.skipped.push(Skipped {
                path: shown.to_string(),
                line: Some(n),
                reason: SkipReason::NotHtmlResponse(shown_type),
            });
            continue;
        }
        let (html, note) = decode_text(&payload, true);
        if html.trim().is_empty() {
            out.skipped.push(Skipped {
                path: shown.to_string(),
                line: Some(n),
                reason: SkipReason::WhitespaceOnly,
            });
            continue;
        }
        out.docs.push(RawDoc {
            id: format!("{file_stem}-{n}"),
            path: shown.to_string(),
            line: Some(n),
            body: Body::Html(html),
            meta: GivenMeta {
                url,
                extra: [("crawled".to_string(), serde_json::Value::from(date))]
                    .into_iter()
                    .collect(),
                ..GivenMeta::default()
            },
            notes: note.into_iter().collect(),
        });
    }
    if out.docs.is_empty() && out.skipped.is_empty() {
        // Nothing came of the file: say so, whether it held no record at all or only records
        // that are not documents (requests, metadata, an unknown type).
        let reason = if out.ignored_records == 0 {
            SkipReason::MalformedWarc("no WARC records found".to_string())
        } else {
            SkipReason::NotHtmlResponse(format!(
                "none of its {} WARC records is a response or resource",
                out.ignored_records
            ))
        };
        out.skipped.push(Skipped {
            path: shown.to_string(),
            line: None,
            reason,
        });
    }
    out
}

/// Splits an HTTP response into its content type and decoded body (chunked transfer and gzip
/// or deflate content encodings undone). Non-2xx responses are refused.
fn http_payload(raw: &[u8]) -> Result<(String, Vec<u8>), String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let head_len = match resp.parse(raw) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("incomplete HTTP headers".to_string()),
        Err(e) => return Err(format!("bad HTTP response: {e}")),
    };
    let code = resp.code.unwrap_or(0);
    if !(200..300).contains(&code) {
        return Err(format!("HTTP status {code}"));
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    let mut body = raw.get(head_len..).unwrap_or_default().to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).ok_or("broken chunked encoding")?;
    }
    match header("content-encoding").as_deref() {
        Some(e) if e.contains("gzip") => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(body.as_slice())
                .read_to_end(&mut out)
                .map_err(|e| format!("bad gzip body: {e}"))?;
            body = out;
        }
        Some(e) if e.contains("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(body.as_slice())
                .read_to_end(&mut out)
                .map_err(|e| format!("bad deflate body: {e}"))?;
            body = out;
        }
        _ => {}
    }
    Ok((content_type, body))
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = b.windows(2).position(|w| w == b"\r\n")?;
        let size_str = std::str::from_utf8(b.get(..line_end)?).ok()?;
        let size_str = size_str.split(';').next()?.trim();
        let size = usize::from_str_radix(size_str, 16).ok()?;
        b = b.get(line_end.checked_add(2)?..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size.checked_add(2)?..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, payload: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2025-02-12T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{}>\r\nContent-Length: {}\r\n\r\n{payload}\r\n\r\n",
            "12345678-1234-1234-1234-123456789abc",
            payload.len()
        )
    }

    #[test]
    fn html_responses_become_documents_and_others_are_accounted_for() {
        let html = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
                    <html><body><p>Hello.</p></body></html>";
        let pdf = "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4";
        let chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\
                       \r\n\r\n5\r\n<p>Hi\r\n5\r\n!</p>\r\n0\r\n\r\n";
        let warc = [
            record("request", "http://a.example/", "GET / HTTP/1.1\r\n\r\n"),
            record("response", "http://a.example/", html),
            record("response", "http://a.example/x.pdf", pdf),
            record("response", "http://a.example/c", chunked),
        ]
        .concat();
        let out = parse("dir/crawl.warc.gz", warc.as_bytes());
        assert_eq!(out.ignored_records, 1);
        let ids: Vec<_> = out.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["crawl-2", "crawl-4"]);
        assert_eq!(out.docs[0].meta.url.as_deref(), Some("http://a.example/"));
        assert_eq!(out.docs[1].body, Body::Html("<p>Hi!</p>".to_string()));
        assert_eq!(out.skipped.len(), 1);
        assert_eq!(out.skipped[0].reason.kind(), "not_html_response");
    }

    #[test]
    fn a_warc_of_no_documents_is_reported_not_dropped() {
        // Only a request record, or a record of a type no one knows (found by fuzzing: a
        // NUL inside `WARC-Type`): the file still leaves a trace.
        for kind in ["request", "resp\0onse"] {
            let warc = record(kind, "http://a.example/", "GET / HTTP/1.1\r\n\r\n");
            let out = parse("only.warc", warc.as_bytes());
            assert!(out.docs.is_empty(), "{kind:?}");
            assert_eq!(out.skipped.len(), 1, "{kind:?}");
            assert_eq!(out.skipped[0].reason.kind(), "not_html_response");
        }
    }

    #[test]
    fn broken_warc_is_reported_not_panicked_on() {
        let out = parse("x.warc", b"WARC/1.0\r\nContent-Length: 999\r\n\r\nshort");
        assert!(out.docs.is_empty());
        assert_eq!(out.skipped.len(), 1);
    }
}
