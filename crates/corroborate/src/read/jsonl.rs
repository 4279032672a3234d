//! JSONL: one article per line (`text` or `html`, optional `id`, `title`, `url`, `source`,
//! `published`, `language`; anything else kept as metadata).

use super::{Body, GivenMeta, RawDoc, ReadOutcome, SkipReason, Skipped};
use serde_json::Value;

/// Parses every line; a bad line becomes a skipped entry and the rest of the file is still read.
pub(super) fn parse(shown: &str, stem: &str, bytes: &[u8]) -> ReadOutcome {
    let mut out = ReadOutcome::default();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        let reason = if bytes.is_empty() {
            SkipReason::Empty
        } else {
            SkipReason::WhitespaceOnly
        };
        out.skipped.push(Skipped {
            path: shown.to_string(),
            line: None,
            reason,
        });
        return out;
    }
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        match parse_line(shown, stem, i + 1, raw) {
            Some(Ok(doc)) => out.docs.push(doc),
            Some(Err(s)) => out.skipped.push(s),
            None => {}
        }
    }
    out
}

/// Parses one line (`line_no` 1-based, without its `\n`): `None` for a blank line, else the
/// document or why the line gives none.
pub(super) fn parse_line(
    shown: &str,
    stem: &str,
    line_no: usize,
    raw: &[u8],
) -> Option<Result<RawDoc, Skipped>> {
    let skip = |reason: SkipReason| {
        Some(Err(Skipped {
            path: shown.to_string(),
            line: Some(line_no),
            reason,
        }))
    };
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let (line, lossy) = match std::str::from_utf8(raw) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(raw), true),
    };
    let value: Value = match serde_json::from_str(&line) {
        Ok(v) => v,
        Err(e) => return skip(SkipReason::MalformedJson(e.to_string())),
    };
    let Value::Object(mut obj) = value else {
        return skip(SkipReason::MalformedJson("not a JSON object".to_string()));
    };
    let body = match (take_string(&mut obj, "text"), take_string(&mut obj, "html")) {
        (Some(t), _) if !t.trim().is_empty() => Body::Text(t),
        (_, Some(h)) if !h.trim().is_empty() => Body::Html(h),
        (Some(_), _) | (_, Some(_)) => return skip(SkipReason::WhitespaceOnly),
        (None, None) => return skip(SkipReason::NoText),
    };
    let id = match obj.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{stem}-{line_no}"),
    };
    let meta = GivenMeta {
        title: take_string(&mut obj, "title"),
        url: take_string(&mut obj, "url"),
        source: take_string(&mut obj, "source"),
        published: take_string(&mut obj, "published"),
        language: take_string(&mut obj, "language"),
        extra: obj,
    };
    let notes = if lossy {
        vec!["invalid UTF-8 in the line: decoded lossily".to_string()]
    } else {
        Vec::new()
    };
    Some(Ok(RawDoc {
        id,
        path: shown.to_string(),
        line: Some(line_no),
        body,
        meta,
        notes,
    }))
}

/// Removes a field and returns it when it is a string; other types stay as metadata.
fn take_string(obj: &mut serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(_)) => match obj.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_skipped_and_the_rest_is_read() {
        let input = b"{\"id\":\"a\",\"text\":\"One.\",\"source\":\"X\",\"topic\":7}\n\
                      {not json\n\
                      \n\
                      {\"title\":\"no body\"}\n\
                      [1,2]\n\
                      {\"html\":\"<p>Two.</p>\"}\n";
        let out = parse("f.jsonl", "f", input);
        let ids: Vec<_> = out.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "f-6"]);
        assert_eq!(out.docs[0].meta.source.as_deref(), Some("X"));
        assert_eq!(out.docs[0].meta.extra.get("topic"), Some(&Value::from(7)));
        assert!(matches!(out.docs[1].body, Body::Html(_)));
        let lines: Vec<_> = out
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.kind()))
            .collect();
        assert_eq!(
            lines,
            [
                (Some(2), "malformed_json"),
                (Some(4), "no_text"),
                (Some(5), "malformed_json")
            ]
        );
    }
}
