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
        match parse_line(shown, stem, i.saturating_add(1), raw) {
            Some(Ok(doc)) => out.docs.push(doc),
            Some(Err(s)) => out.skipped.push(s),
            None => {}
        }
    }
    out
}

/// Whether a line holds only white space (a blank line is not a record).
pub(super) fn is_blank(raw: &[u8]) -> bool {
    raw.iter().all(|b| b.is_ascii_whitespace())
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
    if is_blank(raw) {
        return None;
    }
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let (line, lossy) = match std::str::from_utf8(raw) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(raw), true),
    };
    let rec: Fields = match serde_json::from_str(&line) {
        Ok(Line(Some(f))) => f,
        Ok(Line(None)) => return skip(SkipReason::MalformedJson("not a JSON object".to_string())),
        Err(e) => return skip(SkipReason::MalformedJson(e.to_string())),
    };
    Some(record(shown, stem, line_no, rec, lossy))
}

/// The document of the JSONL record whose JSON object has these fields, in this order (a later
/// repeat of a name replaces the earlier value, as in a JSON object), read as line `line_no` of
/// input `shown` whose derived ids are `{stem}-{line}`: exactly what the JSONL reader gives for
/// that object's line, or why it gives none. For records that come as fields and not as text,
/// such as another language's dicts (the Python package), so that they are read as the CLI reads
/// a line without being written as JSON and parsed again.
pub fn record_from_fields<K: AsRef<str> + Into<String>>(
    shown: &str,
    stem: &str,
    line_no: usize,
    fields: impl IntoIterator<Item = (K, Value)>,
) -> Result<RawDoc, Skipped> {
    let mut rec = Fields::default();
    for (key, value) in fields {
        match Field::ALL.iter().find(|(name, _)| *name == key.as_ref()) {
            Some(&(_, f)) => *rec.slot(f) = Some(value),
            None => {
                rec.extra.insert(key.into(), value);
            }
        }
    }
    record(shown, stem, line_no, rec, false)
}

/// The document of a record read into its fields (`lossy`: its line was not valid UTF-8).
fn record(
    shown: &str,
    stem: &str,
    line_no: usize,
    mut rec: Fields,
    lossy: bool,
) -> Result<RawDoc, Skipped> {
    let skip = |reason: SkipReason| {
        Err(Skipped {
            path: shown.to_string(),
            line: Some(line_no),
            reason,
        })
    };
    let body = match (rec.take_string(Field::Text), rec.take_string(Field::Html)) {
        (Some(t), _) if !t.trim().is_empty() => Body::Text(t),
        (_, Some(h)) if !h.trim().is_empty() => Body::Html(h),
        (Some(_), _) | (_, Some(_)) => return skip(SkipReason::WhitespaceOnly),
        (None, None) => return skip(SkipReason::NoText),
    };
    let id = match rec.slot(Field::Id).take() {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{stem}-{line_no}"),
    };
    let title = rec.take_string(Field::Title);
    let url = rec.take_string(Field::Url);
    let source = rec.take_string(Field::Source);
    let published = rec.take_string(Field::Published);
    let language = rec.take_string(Field::Language);
    let meta = GivenMeta {
        title,
        url,
        source,
        published,
        language,
        extra: rec.into_extra(),
    };
    let notes = if lossy {
        vec!["invalid UTF-8 in the line: decoded lossily".to_string()]
    } else {
        Vec::new()
    };
    Ok(RawDoc {
        id,
        path: shown.to_string(),
        line: Some(line_no),
        body,
        meta,
        notes,
    })
}

/// The fields a record is read into; anything else is kept as metadata. Read straight from the
/// line (no intermediate JSON object: field names are matched without being copied).
#[derive(Debug, Clone, Copy)]
enum Field {
    Id,
    Text,
    Html,
    Title,
    Url,
    Source,
    Published,
    Language,
}

impl Field {
    const ALL: [(&'static str, Field); 8] = [
        ("id", Field::Id),
        ("text", Field::Text),
        ("html", Field::Html),
        ("title", Field::Title),
        ("url", Field::Url),
        ("source", Field::Source),
        ("published", Field::Published),
        ("language", Field::Language),
    ];
}

/// A record's fields: the known ones by [`Field`], as given (a later repeat of a key replaces
/// the earlier value, as in a JSON object), and the others.
#[derive(Debug, Default)]
struct Fields {
    known: [Option<Value>; 8],
    extra: serde_json::Map<String, Value>,
}

impl Fields {
    /// The slot of a known field.
    #[allow(clippy::indexing_slicing)] // one slot per `Field` variant: `f as usize` < 8
    fn slot(&mut self, f: Field) -> &mut Option<Value> {
        &mut self.known[f as usize]
    }

    /// Takes a known field when it is a string; other types stay as metadata.
    fn take_string(&mut self, f: Field) -> Option<String> {
        match self.slot(f).take() {
            Some(Value::String(s)) => Some(s),
            other => {
                *self.slot(f) = other;
                None
            }
        }
    }

    /// The metadata: unknown fields and known ones not taken (the id never stays).
    fn into_extra(mut self) -> serde_json::Map<String, Value> {
        for (name, f) in Field::ALL {
            if let (Some(v), false) = (self.slot(f).take(), matches!(f, Field::Id)) {
                self.extra.insert(name.to_string(), v);
            }
        }
        self.extra
    }
}

/// A parsed line: an object's fields, or `None` when it is valid JSON but not an object.
struct Line(Option<Fields>);

/// A field name: known (not copied) or other.
enum Key {
    Known(Field),
    Other(String),
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: serde::de::Error>(self, k: &str) -> Result<Key, E> {
                Ok(match Field::ALL.iter().find(|(name, _)| *name == k) {
                    Some(&(_, f)) => Key::Known(f),
                    None => Key::Other(k.to_string()),
                })
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> serde::Deserialize<'de> for Line {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Line, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess};
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Line;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Line, A::Error> {
                let mut fields = Fields::default();
                while let Some(key) = map.next_key::<Key>()? {
                    let value: Value = map.next_value()?;
                    match key {
                        Key::Known(f) => *fields.slot(f) = Some(value),
                        Key::Other(k) => {
                            fields.extra.insert(k, value);
                        }
                    }
                }
                Ok(Line(Some(fields)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Line, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Line(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Line, E> {
                Ok(Line(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Line, E> {
                Ok(Line(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Line, E> {
                Ok(Line(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Line, E> {
                Ok(Line(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Line, E> {
                Ok(Line(None))
            }
            fn visit_unit<E>(self) -> Result<Line, E> {
                Ok(Line(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// The fields of a plain-text record that cleaning needs, read straight from a line by
/// [`parse_text_line`] without building the record's JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TextFields {
    /// The id, as [`parse_line`] gives it.
    pub id: String,
    /// Whether a `title` string was given (its text is in the caller's title buffer).
    pub titled: bool,
}

/// Reads a line that is a plain-text record (a JSON object whose `text` is a string that is
/// not blank, with no `html`, and whose `id` and `title`, when given, are strings): the text
/// into `text`, the title into `title` (both cleared first), and the id as [`parse_line`] makes
/// it. `None` for any other line, which [`parse_line`] then reads (and explains); for a line
/// it reads, the text, title and id are those [`parse_line`] gives. It exists because most
/// records of a large corpus are plain text, and skipping the JSON value (an allocation per
/// field, the body copied once more, a map for the other fields) saves allocations that
/// contend between threads when many lines are read in parallel.
pub(super) fn parse_text_line(
    stem: &str,
    line_no: usize,
    raw: &[u8],
    text: &mut String,
    title: &mut String,
) -> Option<TextFields> {
    use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
    /// Reads a string value into a buffer; any other value is an error (then the slow path).
    struct Into<'b>(&'b mut String);
    impl<'de> DeserializeSeed<'de> for Into<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_str(self)
        }
    }
    impl Visitor<'_> for Into<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<(), E> {
            self.0.clear();
            self.0.push_str(v);
            Ok(())
        }
    }
    /// The record: known fields into the buffers, others passed over.
    struct Record<'b> {
        text: &'b mut String,
        title: &'b mut String,
        id: &'b mut String,
    }
    /// What the record held: a text, a title, an id.
    type Seen = (bool, bool, bool);
    impl<'de> Visitor<'de> for Record<'_> {
        type Value = Seen;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a plain-text record")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Seen, A::Error> {
            let mut seen = (false, false, false);
            while let Some(key) = map.next_key::<Key>()? {
                match key {
                    Key::Known(Field::Text) => {
                        map.next_value_seed(Into(&mut *self.text))?;
                        seen.0 = true;
                    }
                    Key::Known(Field::Title) => {
                        map.next_value_seed(Into(&mut *self.title))?;
                        seen.1 = true;
                    }
                    Key::Known(Field::Id) => {
                        map.next_value_seed(Into(&mut *self.id))?;
                        seen.2 = true;
                    }
                    Key::Known(Field::Html) => return Err(A::Error::custom("html")),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(seen)
        }
    }
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let line = simdutf8::basic::from_utf8(raw).ok()?;
    let mut id = String::new();
    let mut d = serde_json::Deserializer::from_str(line);
    let (has_text, titled, has_id) = d
        .deserialize_map(Record {
            text: &mut *text,
            title: &mut *title,
            id: &mut id,
        })
        .ok()?;
    d.end().ok()?;
    if !has_text || text.trim().is_empty() {
        return None;
    }
    if !titled {
        title.clear();
    }
    let id = if has_id && !id.trim().is_empty() {
        id.trim().to_string()
    } else {
        format!("{stem}-{line_no}")
    };
    Some(TextFields { id, titled })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_other_types_stay_as_metadata_and_later_keys_win() {
        let input = b"{\"id\":7,\"text\":\"First.\",\"title\":5,\"text\":\"Second.\",\"k\":[1]}\n\
                      {\"id\":[1],\"html\":3,\"text\":\"  \"}\n\
                      {\"id\":\" x \",\"text\":\"Hi \\u00e9\\n\",\"url\":\"u\"}\n\
                      \"a string\"\n\
                      3\n\
                      null\n";
        let out = parse("f.jsonl", "f", input);
        assert_eq!(out.docs.len(), 2);
        let d = &out.docs[0];
        assert_eq!(d.id, "7");
        assert!(matches!(&d.body, Body::Text(t) if t == "Second."));
        assert_eq!(d.meta.title, None);
        assert_eq!(d.meta.extra.get("title"), Some(&Value::from(5)));
        assert_eq!(d.meta.extra.get("k"), Some(&serde_json::json!([1])));
        assert!(!d.meta.extra.contains_key("id"));
        let d = &out.docs[1];
        assert_eq!(d.id, "x");
        assert!(matches!(&d.body, Body::Text(t) if t == "Hi \u{e9}\n"));
        assert_eq!(d.meta.url.as_deref(), Some("u"));
        assert!(d.meta.extra.is_empty());
        let reasons: Vec<_> = out
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.kind()))
            .collect();
        assert_eq!(
            reasons,
            [
                (Some(2), "whitespace_only"),
                (Some(4), "malformed_json"),
                (Some(5), "malformed_json"),
                (Some(6), "malformed_json")
            ]
        );
    }

    /// Whatever the straight reading of a plain-text line gives is what the full parse gives;
    /// every other line is left to the full parse.
    #[test]
    fn plain_text_lines_read_straight_agree_with_the_full_parse() {
        let lines: [(&[u8], bool); 16] = [
            (
                b"{\"id\":\"a\",\"text\":\"One.\\n\\\"Two\\\" \\u00e9\",\"title\":\"T\"}",
                true,
            ),
            (
                b"{\"text\":\"No id.\",\"source\":\"X\",\"topic\":[1,{\"a\":2}]}\r",
                true,
            ),
            (
                b"{\"id\":\"  padded \",\"text\":\"x\",\"text\":\"Later wins.\"}",
                true,
            ),
            (
                b"{\"id\":\"  \",\"text\":\"Blank id.\",\"title\":\"\"}",
                true,
            ),
            (b"  {\"title\":\"Title first\",\"text\":\"Body.\"}  ", true),
            (b"{\"id\":7,\"text\":\"Numeric id.\"}", false),
            (b"{\"text\":\"x\",\"title\":5}", false),
            (b"{\"text\":\"x\",\"html\":\"<p>y</p>\"}", false),
            (b"{\"text\":\"   \"}", false),
            (b"{\"text\":3}", false),
            (b"{\"text\":\"x\",\"text\":null}", false),
            (b"{\"title\":\"no body\"}", false),
            (b"{\"text\":\"x\"} trailing", false),
            (b"{not json", false),
            (b"[1,2]", false),
            (b"{\"text\":\"caf\xe9\"}", false),
        ];
        let (mut text, mut title) = (String::new(), String::new());
        for (n, (raw, plain)) in lines.iter().enumerate() {
            let straight = parse_text_line("f", n + 1, raw, &mut text, &mut title);
            assert_eq!(straight.is_some(), *plain, "line {n}: {straight:?}");
            let Some(fields) = straight else { continue };
            let Some(Ok(doc)) = parse_line("f.jsonl", "f", n + 1, raw) else {
                panic!("line {n}: the full parse gives no document")
            };
            assert_eq!(fields.id, doc.id, "line {n}");
            assert!(matches!(&doc.body, Body::Text(t) if *t == text), "line {n}");
            let given = fields.titled.then_some(title.as_str());
            assert_eq!(given, doc.meta.title.as_deref(), "line {n}");
        }
    }

    /// A record given as its fields is read as the line of the JSON object with those fields.
    #[test]
    fn records_from_fields_are_read_as_their_lines() {
        let lines: [&[u8]; 12] = [
            b"{\"id\":7,\"text\":\"First.\",\"title\":5,\"k\":[1]}",
            b"{\"id\":\" x \",\"text\":\"  \",\"html\":\"<p>Two.</p>\",\"url\":\"u\"}",
            b"{\"id\":[1],\"text\":\"Hi\",\"published\":\"2024-01-02\",\"language\":\"en\"}",
            b"{\"id\":null,\"text\":null,\"html\":\" \"}",
            b"{\"id\":\"  \",\"text\":3,\"html\":{\"a\":1}}",
            b"{\"title\":\"no body\",\"source\":\"S\"}",
            b"{\"id\":-3,\"text\":\"Neg.\",\"id2\":true}",
            b"{\"id\":1.5,\"text\":\"Float id.\"}",
            b"{\"id\":18446744073709551615,\"text\":\"Big id.\"}",
            b"{}",
            b"{\"text\":\"T\",\"source\":7,\"url\":null}",
            b"{\"html\":\"\",\"text\":\"\"}",
        ];
        for (n, raw) in lines.iter().enumerate() {
            let Some(want) = parse_line("records", "records", n + 1, raw) else {
                panic!("line {n} is not blank")
            };
            let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(raw) else {
                panic!("line {n} is an object")
            };
            let got = record_from_fields("records", "records", n + 1, obj);
            assert_eq!(got, want, "line {n}");
        }
    }

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
