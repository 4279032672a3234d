//! What each fuzz target checks, as plain functions of the input bytes: the fuzz targets call
//! them, and the workspace's `cargo test` (`crates/corroborate-server/tests/fuzz_corpus.rs`)
//! runs them over the committed seed corpora and over 1,000 inputs per target generated from a
//! fixed seed, so CI runs the checks without building the instrumented fuzz crate.
#![allow(dead_code)]

use arbitrary::{Arbitrary, Unstructured};
use corroborate::facts::{self, parse, quantities, times};
use corroborate::read::{parse_bytes, ReadConfig};
use corroborate::{Config, Corpus};
use corroborate_server::intake::{self, BodyKind, BodyMeta};

#[path = "gen.rs"]
pub mod gen;

/// Any bytes, under any of the names that pick a reader, give documents or skips.
pub fn read(data: &[u8]) {
    const NAMES: [&str; 7] = [
        "a.txt",
        "a.html",
        "a.jsonl",
        "a.warc",
        "a.txt.gz",
        "a.warc.gz",
        "a",
    ];
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES
        .get(usize::from(which) % NAMES.len())
        .copied()
        .unwrap_or("a");
    let cfg = ReadConfig { max_bytes: 1 << 20 };
    let mut corpus = Corpus::new();
    corpus.add_outcome(parse_bytes(name, Some(name), bytes, &cfg));
    assert!(!corpus.articles.is_empty() || !corpus.skipped.is_empty());
}

/// Ingest → analyze on generated articles: every record ends as an article or a skip, every
/// article is in exactly one story, and no story's analysis fails.
pub fn analyze(data: &[u8]) {
    let Some(jsonl) = gen::corpus(data) else {
        return;
    };
    // Records are the non-blank lines (the last may lack its newline).
    let records = jsonl
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    let cfg = ReadConfig { max_bytes: 1 << 20 };
    let mut corpus = Corpus::new();
    corpus.files = 1;
    corpus.add_outcome(parse_bytes("fuzz.jsonl", Some("fuzz.jsonl"), &jsonl, &cfg));
    if records == 0 {
        // A blank file is one skip (empty or whitespace only), never an article.
        assert!(corpus.articles.is_empty());
    } else {
        assert_eq!(corpus.articles.len() + corpus.skipped.len(), records);
    }
    let report = corroborate::analyze(&corpus, &Config::default());
    assert_eq!(report.articles.len(), corpus.articles.len());
    let placed: usize = report.stories.iter().map(|s| s.articles.len()).sum();
    assert_eq!(placed, corpus.articles.len());
    for s in &report.stories {
        assert!(s.errors.is_empty(), "{:?}", s.errors);
    }
    assert!(serde_json::to_string(&report).is_ok());
    let _ = corroborate::report::to_markdown(&report);
}

#[derive(Debug, Arbitrary)]
struct Sentence {
    pieces: Vec<gen::Piece>,
    reference: i32,
    published: Option<i32>,
}

fn day(n: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
}

/// The facts extractors on one sentence, through their public entry points: `parse`,
/// `quantities`, `times::dates` with any reference and publication day, and `facts::extract`
/// (entities, quotes) on the sentence as an article. Offsets stay inside the sentence.
pub fn facts(data: &[u8]) {
    let (sentence, reference, published) = match data.strip_prefix(b"#") {
        Some(raw) => (String::from_utf8_lossy(raw).into_owned(), 730_000, None),
        None => {
            let Ok(input) = Sentence::arbitrary(&mut Unstructured::new(data)) else {
                return;
            };
            (gen::text(&input.pieces), input.reference, input.published)
        }
    };
    let parsed = parse::parse(&sentence, day(reference));
    for e in &parsed {
        assert!(sentence.get(e.start..e.end).is_some(), "{e:?}");
    }
    for q in quantities::quantities(&sentence, &parsed) {
        assert!(sentence.get(q.range.clone()).is_some(), "{q:?}");
    }
    let _ = times::dates(&sentence, &parsed, published.map(day));
    let mut rec = serde_json::Map::new();
    rec.insert("id".into(), "s".into());
    rec.insert("text".into(), sentence.into());
    let line = serde_json::Value::Object(rec).to_string();
    let out = parse_bytes(
        "s.jsonl",
        Some("s.jsonl"),
        line.as_bytes(),
        &ReadConfig::default(),
    );
    for doc in out.docs {
        if let Ok(article) = corroborate::ingest::ingest(doc) {
            let _ = facts::extract(&article);
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Meta {
    id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    source: Option<String>,
    published: Option<String>,
    language: Option<String>,
}

/// The bodies of `POST /api/v1/articles`, in-process: any bytes under each content type the
/// handler accepts (the first byte picks it), with any query metadata, give articles, skips or
/// a typed error.
pub fn http_body(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let kind = match which % 3 {
        0 => BodyKind::Json,
        1 => BodyKind::Html,
        _ => BodyKind::Text,
    };
    let mut u = Unstructured::new(rest);
    let meta = Meta::arbitrary(&mut u).unwrap_or(Meta {
        id: None,
        url: None,
        title: None,
        source: None,
        published: None,
        language: None,
    });
    let body = u.take_rest();
    let meta = BodyMeta {
        id: meta.id,
        url: meta.url,
        title: meta.title,
        source: meta.source,
        published: meta.published,
        language: meta.language,
    };
    let cfg = ReadConfig { max_bytes: 1 << 20 };
    if let Ok(got) = intake::from_body(kind, body, &meta, &cfg) {
        for a in &got.articles {
            assert!(!a.id.is_empty());
            let _ = intake::id_from_url(a.url.as_deref().unwrap_or(""));
        }
    }
}
