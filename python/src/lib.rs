//! The Rust core of the `corroborate` Python package (`corroborate._core`).
//!
//! A record is read, cleaned and named exactly as `corroborate` reads line `n` of a JSONL file:
//! the same ids (`records-<n>` when none is given), the same cleaning and the same skip reasons.
//! A dict of plain JSON values is read here from its fields (the library's
//! [`record_from_fields`], what the JSONL reader does with a line's object), without being
//! written as JSON and parsed again; anything else (a JSON line given as text, a dict holding a
//! value JSON cannot hold or a float id) is made into its JSON line by the Python layer and read
//! as a line. Results go back as Python values or JSON text (reports), which the Python layer
//! (`corroborate/`) turns into dicts. Every function releases the GIL around the Rust work (it
//! holds it only to read the records: `dedup` deduplicates the batches already read on another
//! thread meanwhile); batch work runs on rayon's pool.

use corroborate::copies::dedup::{
    prepare, prepare_article, Dedup as Stage, DedupConfig, DedupStats, Duplicate, Earlier, Kinds,
    Prepared, RewriteFeatures,
};
use corroborate::copies::lsh::LshIndex;
use corroborate::copies::minhash::{fold16, signature};
use corroborate::copies::shingles::{jaccard_of, shingle};
use corroborate::ingest::{ingest, with_clean_body, with_clean_line};
use corroborate::read::{
    record_from_fields, Body, GivenMeta, LineSpan, RawDoc, ReadOutcome, Skipped,
};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::Value;
use std::sync::mpsc::{channel, Receiver};
use xxhash_rust::xxh3::xxh3_64;

/// The path records are said to come from in skip reasons, and the stem of their default ids.
const SHOWN: &str = "records";
/// Records prepared together before they are pushed in order (as the CLI's batches).
const BATCH: usize = 2048;

/// A skipped record as `(line, reason, kind)`: `line` is the record's 1-based position.
type Skip = (Option<usize>, String, String);

fn skip_tuple(s: &Skipped) -> Skip {
    (s.line, s.reason.to_string(), s.reason.kind().to_string())
}

/// The span of a whole line given alone, as record number `index` (0-based).
fn span_of(line: &str, index: usize) -> LineSpan {
    LineSpan {
        offset: 0,
        line: index.saturating_add(1),
        bytes: Ok(0..line.len()),
    }
}

/// Parses kinds as the CLI's `--kinds` does.
fn parse_kinds(kinds: &[String]) -> PyResult<Kinds> {
    let mut k = Kinds {
        exact: false,
        near: false,
        rewrite: false,
    };
    for name in kinds {
        match name.trim() {
            "exact" => k.exact = true,
            "near" | "near_duplicate" | "near-duplicate" => k.near = true,
            "rewrite" | "rewrites" => k.rewrite = true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown kind {other:?} (use exact, near or rewrite)"
                )))
            }
        }
    }
    Ok(k)
}

fn dedup_config(threshold: f64, kinds: &[String]) -> PyResult<DedupConfig> {
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(PyValueError::new_err(format!(
            "threshold must be in (0, 1], not {threshold}"
        )));
    }
    Ok(DedupConfig {
        threshold,
        kinds: parse_kinds(kinds)?,
        ..DedupConfig::default()
    })
}

/// Repeated ids get the first free suffix `-2`, `-3`, … (as the CLI and `analyze` do).
#[derive(Default)]
struct UniqueIds {
    seen: FxHashMap<u64, u32>,
}

impl UniqueIds {
    fn unique(&mut self, id: &str) -> String {
        let n = self.seen.entry(xxh3_64(id.as_bytes())).or_insert(0);
        *n = n.saturating_add(1);
        if *n == 1 {
            return id.to_string();
        }
        let mut k = *n;
        let mut new_id = format!("{id}-{k}");
        while self.seen.contains_key(&xxh3_64(new_id.as_bytes())) {
            k = k.saturating_add(1);
            new_id = format!("{id}-{k}");
        }
        self.seen.insert(xxh3_64(new_id.as_bytes()), 1);
        new_id
    }
}

/// A duplicate as `(id, duplicate_of, kind, score)`, the score rounded as the CLI prints it.
type DupTuple = (String, String, String, f64);

fn dup_tuple(d: Duplicate) -> DupTuple {
    let score = (d.score * 10_000.0).round() / 10_000.0;
    (d.id, d.duplicate_of, d.kind.as_str().to_string(), score)
}

fn stats_tuple(s: &DedupStats) -> Vec<(&'static str, u64)> {
    vec![
        ("articles", s.articles),
        ("kept", s.kept),
        ("exact", s.exact),
        ("near_duplicate", s.near),
        ("rewrite", s.rewrites),
        ("candidates", s.candidates),
        ("verified_exactly", s.verified_exactly),
        ("verified_by_estimate", s.verified_by_estimate),
    ]
}

/// A record as given: a JSON line, or the document (or skip) read from a dict's fields.
#[allow(clippy::large_enum_variant)] // most records are `Read`: a box would be one more allocation each
enum Given {
    Line(String),
    Read(Result<RawDoc, Skipped>),
}

/// Nesting deeper than this is left to the JSON line (serde_json refuses more than 128 levels).
const MAX_DEPTH: usize = 100;

/// A plain Python value as the JSON value its JSON line would give: `None` for anything that
/// may not give exactly that (a type JSON has no form for, a float: its JSON text read back
/// may name another value or id, an int beyond 64 bits, a str that is not valid Unicode, a dict
/// key that is not a str, subclasses, deep nesting), which then goes the JSON line's way.
fn json_value(v: &Bound<'_, PyAny>, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    if v.is_none() {
        return Some(Value::Null);
    }
    if let Ok(s) = v.downcast_exact::<PyString>() {
        return Some(Value::String(s.to_cow().ok()?.into_owned()));
    }
    if let Ok(b) = v.downcast_exact::<PyBool>() {
        return Some(Value::Bool(b.is_true()));
    }
    if let Ok(i) = v.downcast_exact::<PyInt>() {
        if let Ok(n) = i.extract::<i64>() {
            return Some(Value::from(n));
        }
        return i.extract::<u64>().ok().map(Value::from);
    }
    let depth = depth.saturating_add(1);
    if let Ok(l) = v.downcast_exact::<PyList>() {
        return l.iter().map(|x| json_value(&x, depth)).collect();
    }
    if let Ok(t) = v.downcast_exact::<PyTuple>() {
        return t.iter().map(|x| json_value(&x, depth)).collect();
    }
    if let Ok(d) = v.downcast_exact::<PyDict>() {
        let mut m = serde_json::Map::new();
        for (k, x) in d.iter() {
            let k = k.downcast_exact::<PyString>().ok()?.to_cow().ok()?;
            m.insert(k.into_owned(), json_value(&x, depth)?);
        }
        return Some(Value::Object(m));
    }
    None
}

/// The fields of a dict record, when all are plain JSON values under str keys (see
/// [`json_value`]).
fn dict_fields(d: &Bound<'_, PyDict>) -> Option<Vec<(String, Value)>> {
    let mut out = Vec::with_capacity(d.len());
    for (k, v) in d.iter() {
        let k = k.downcast_exact::<PyString>().ok()?.to_cow().ok()?;
        out.push((k.into_owned(), json_value(&v, 1)?));
    }
    Some(out)
}

/// Records as given: a dict of plain values read from its fields as record `index + 1`, anything
/// else made into its JSON line by `to_line` (the Python layer's, so that such records are read
/// exactly as before: a str as a line, any other value as `json.dumps` writes it). `records` are
/// those from position `start` (0-based) of the caller's list.
fn givens<'py>(
    records: impl Iterator<Item = Bound<'py, PyAny>>,
    start: usize,
    to_line: &Bound<'py, PyAny>,
) -> PyResult<Vec<Given>> {
    let mut out = Vec::with_capacity(records.size_hint().0);
    for (i, record) in records.enumerate() {
        if let Ok(d) = record.downcast_exact::<PyDict>() {
            if let Some(fields) = dict_fields(d) {
                let line = start.saturating_add(i).saturating_add(1);
                out.push(Given::Read(record_from_fields(SHOWN, SHOWN, line, fields)));
                continue;
            }
        }
        out.push(Given::Line(to_line.call1((record,))?.extract()?));
    }
    Ok(out)
}

/// Parses and cleans JSONL line `index` and computes what the stage needs (the CLI's
/// `prepare_one`).
fn prepare_line(
    line: &str,
    index: usize,
    cfg: &DedupConfig,
) -> Result<(String, Prepared), Skipped> {
    let span = span_of(line, index);
    let bytes = line.as_bytes();
    if !cfg.kinds.rewrite {
        return with_clean_line(&span, bytes, SHOWN, SHOWN, |id, text| {
            (id.to_string(), prepare(text, cfg))
        });
    }
    let doc = span.parse(bytes, SHOWN, SHOWN)?;
    let id = doc.id.clone();
    let article = ingest(doc)?;
    Ok((id, prepare_article(article, cfg)))
}

/// [`prepare_line`] for a record as given (record `index`, 0-based).
fn prepare_given(
    given: &Given,
    index: usize,
    cfg: &DedupConfig,
) -> Result<(String, Prepared), Skipped> {
    let doc = match given {
        Given::Line(line) => return prepare_line(line, index, cfg),
        Given::Read(Err(s)) => return Err(s.clone()),
        Given::Read(Ok(doc)) => doc,
    };
    if !cfg.kinds.rewrite {
        return with_clean_body(doc, |text| (doc.id.clone(), prepare(text, cfg)));
    }
    let article = ingest(doc.clone())?;
    Ok((doc.id.clone(), prepare_article(article, cfg)))
}

/// Earlier records: from the batch in memory, else cleaned again from their records.
struct Again<'a> {
    /// The records read so far, in batches of [`BATCH`].
    records: &'a [Vec<Given>],
    /// Record index of each pushed record, by push position.
    seq_line: &'a [usize],
    base: usize,
    in_batch: &'a [&'a Prepared],
    shingle_words: usize,
}

impl Again<'_> {
    fn record(&self, seq: u64) -> Option<(usize, &Given)> {
        let index = *self.seq_line.get(usize::try_from(seq).ok()?)?;
        let batch = self.records.get(index.checked_div(BATCH)?)?;
        Some((index, batch.get(index.checked_rem(BATCH)?)?))
    }

    fn batch(&self, seq: u64) -> Option<&Prepared> {
        let k = usize::try_from(seq).ok()?.checked_sub(self.base)?;
        self.in_batch.get(k).copied()
    }
}

impl Earlier for Again<'_> {
    fn shingles(&mut self, seq: u64) -> Option<Vec<u64>> {
        if let Some(p) = self.batch(seq) {
            return Some(p.shingles.clone());
        }
        let k = self.shingle_words;
        match self.record(seq)? {
            (index, Given::Line(line)) => with_clean_line(
                &span_of(line, index),
                line.as_bytes(),
                SHOWN,
                SHOWN,
                |_, text| shingle(text, k).shingles,
            )
            .ok(),
            (_, Given::Read(doc)) => {
                with_clean_body(doc.as_ref().ok()?, |text| shingle(text, k).shingles).ok()
            }
        }
    }

    fn rewrite(&mut self, seq: u64) -> Option<RewriteFeatures> {
        if let Some(p) = self.batch(seq) {
            return p.rewrite.clone();
        }
        let doc = match self.record(seq)? {
            (index, Given::Line(line)) => span_of(line, index)
                .parse(line.as_bytes(), SHOWN, SHOWN)
                .ok()?,
            (_, Given::Read(doc)) => doc.as_ref().ok()?.clone(),
        };
        Some(RewriteFeatures::new(ingest(doc).ok()?))
    }
}

/// What a batch dedup gives: duplicates, skips and the stage's counts.
type DedupOut = (Vec<DupTuple>, Vec<Skip>, Vec<(&'static str, u64)>);

/// A batch prepared: each record's id and what the stage needs, or why it gives no article.
type PreparedBatch = Vec<Result<(String, Prepared), Skipped>>;

/// Prepares a batch (records from position `start`) in parallel.
fn prepare_batch(batch: &[Given], start: usize, cfg: &DedupConfig) -> PreparedBatch {
    batch
        .par_iter()
        .enumerate()
        .map(|(i, given)| prepare_given(given, start.saturating_add(i), cfg))
        .collect()
}

/// The stage with what its pushes gave so far.
struct Pusher {
    stage: Stage,
    ids: UniqueIds,
    /// Record index of each pushed record, by push position.
    seq_line: Vec<usize>,
    dups: Vec<DupTuple>,
    skips: Vec<Skip>,
}

impl Pusher {
    /// Pushes the last batch of `records`, prepared, in order.
    fn push_batch(&mut self, records: &[Vec<Given>], prepared: &PreparedBatch) {
        let start = records.len().saturating_sub(1).saturating_mul(BATCH);
        let base = self.seq_line.len();
        let mut pushes = Vec::with_capacity(prepared.len());
        for (i, r) in prepared.iter().enumerate() {
            match r {
                Ok((id, p)) => {
                    self.seq_line.push(start.saturating_add(i));
                    pushes.push((self.ids.unique(id), p));
                }
                Err(s) => self.skips.push(skip_tuple(s)),
            }
        }
        let in_batch: Vec<&Prepared> = pushes.iter().map(|&(_, p)| p).collect();
        let shingle_words = self.stage.config().shingle_words;
        for (id, p) in &pushes {
            let mut earlier = Again {
                records,
                seq_line: &self.seq_line,
                base,
                in_batch: &in_batch,
                shingle_words,
            };
            if let Some(d) = self.stage.push_with(id, p, &mut earlier) {
                self.dups.push(dup_tuple(d));
            }
        }
    }
}

/// Deduplicates batches of [`BATCH`] records (the last may be shorter) as they come, in order,
/// as the CLI does: batch k+1 is cleaned and hashed in parallel while batch k is pushed into the
/// stage (in input order, so the output does not depend on thread timing) and batch k+2 is
/// awaited; the thread done first helps the other.
fn dedup_batches(mut batches: Receiver<Vec<Given>>, cfg: &DedupConfig) -> DedupOut {
    let mut pusher = Pusher {
        stage: Stage::new(cfg.clone()),
        ids: UniqueIds::default(),
        seq_line: Vec::new(),
        dups: Vec::new(),
        skips: Vec::new(),
    };
    // Every batch received, pushed or being pushed (earlier records are cleaned again from them).
    let mut records: Vec<Vec<Given>> = Vec::new();
    let mut next = batches.recv().ok();
    let mut held: Option<PreparedBatch> = None;
    while next.is_some() || held.is_some() {
        let raw = next.take();
        let previous = held.take();
        let start = records.len().saturating_mul(BATCH);
        // By `&mut`: a receiver is not shared between threads, only lent to the other half.
        let (pusher, seen, receiver) = (&mut pusher, &records, &mut batches);
        let (prepared, read) = rayon::join(
            || raw.as_deref().map(|b| prepare_batch(b, start, cfg)),
            move || {
                if let Some(p) = &previous {
                    pusher.push_batch(seen, p);
                }
                receiver.recv().ok()
            },
        );
        if let Some(b) = raw {
            records.push(b);
        }
        held = prepared;
        next = read;
    }
    (pusher.dups, pusher.skips, stats_tuple(pusher.stage.stats()))
}

/// `dedup(records, to_line, threshold, kinds) -> (duplicates, skipped, stats)`: the CLI's
/// `dedup` over the records, in order (dicts read from their fields, anything else as the JSON
/// line `to_line` makes of it).
#[pyfunction]
#[pyo3(signature = (records, to_line, threshold = 0.7, kinds = vec!["exact".to_string(), "near".to_string()]))]
fn dedup(
    py: Python<'_>,
    records: &Bound<'_, PyList>,
    to_line: &Bound<'_, PyAny>,
    threshold: f64,
    kinds: Vec<String>,
) -> PyResult<DedupOut> {
    let cfg = dedup_config(threshold, &kinds)?;
    // This thread reads the records from Python in batches (it needs the GIL) while another
    // deduplicates the batches already read (without it); then the GIL is released until the
    // last batch is done.
    let (send, receive) = channel::<Vec<Given>>();
    std::thread::scope(|s| {
        let worker = s.spawn(move || dedup_batches(receive, &cfg));
        let mut read = Ok(());
        let mut start = 0;
        while start < records.len() {
            let end = start.saturating_add(BATCH).min(records.len());
            let batch = match givens(records.get_slice(start, end).iter(), start, to_line) {
                Ok(b) => b,
                Err(e) => {
                    read = Err(e);
                    break;
                }
            };
            if send.send(batch).is_err() {
                break;
            }
            start = end;
        }
        drop(send);
        let out = py.allow_threads(|| worker.join());
        read?;
        out.map_err(|_| PyRuntimeError::new_err("the deduplication thread failed"))
    })
}

/// The streaming deduplication stage: one record at a time.
#[pyclass(module = "corroborate._core")]
struct Dedup {
    stage: Stage,
    ids: UniqueIds,
    keep_text: bool,
    /// Clean text of each pushed record that was kept (`None`: a duplicate, or not kept).
    texts: Vec<Option<String>>,
    skipped: Vec<Skip>,
    added: usize,
}

#[pymethods]
impl Dedup {
    #[new]
    #[pyo3(signature = (threshold = 0.7, kinds = vec!["exact".to_string(), "near".to_string()], keep_text = true))]
    fn new(threshold: f64, kinds: Vec<String>, keep_text: bool) -> PyResult<Dedup> {
        let cfg = dedup_config(threshold, &kinds)?;
        if cfg.kinds.rewrite {
            return Err(PyValueError::new_err(
                "the streaming Dedup finds exact and near duplicates; use dedup() for rewrites",
            ));
        }
        Ok(Dedup {
            stage: Stage::new(cfg),
            ids: UniqueIds::default(),
            keep_text,
            texts: Vec::new(),
            skipped: Vec::new(),
            added: 0,
        })
    }

    /// Adds a record; returns `(id, duplicate_of, kind, score)` or `None` (kept or skipped).
    #[pyo3(signature = (id, text, title = None))]
    fn add(
        &mut self,
        py: Python<'_>,
        id: String,
        text: String,
        title: Option<String>,
    ) -> Option<DupTuple> {
        py.allow_threads(|| self.add_one(id, text, title))
    }

    /// Records skipped so far, as `(position, reason, kind)`.
    #[getter]
    fn skipped(&self) -> Vec<Skip> {
        self.skipped.clone()
    }

    /// The stage's counts.
    #[getter]
    fn stats(&self) -> Vec<(&'static str, u64)> {
        stats_tuple(self.stage.stats())
    }
}

impl Dedup {
    fn add_one(&mut self, id: String, text: String, title: Option<String>) -> Option<DupTuple> {
        self.added = self.added.saturating_add(1);
        let doc = RawDoc {
            id,
            path: "add".to_string(),
            line: Some(self.added),
            body: Body::Text(text),
            meta: GivenMeta {
                title,
                ..GivenMeta::default()
            },
            notes: Vec::new(),
        };
        let cfg = self.stage.config().clone();
        let keep = self.keep_text;
        let prepared = with_clean_body(&doc, |t| (prepare(t, &cfg), keep.then(|| t.to_string())));
        let (p, text) = match prepared {
            Ok(v) => v,
            Err(s) => {
                self.skipped.push(skip_tuple(&s));
                return None;
            }
        };
        let id = self.ids.unique(&doc.id);
        let texts = &self.texts;
        let k = cfg.shingle_words;
        let mut earlier = |seq: u64| -> Option<Vec<u64>> {
            let t = texts.get(usize::try_from(seq).ok()?)?.as_deref()?;
            Some(shingle(t, k).shingles)
        };
        let dup = self.stage.push(&id, &p, &mut earlier);
        self.texts.push(if dup.is_none() { text } else { None });
        dup.map(dup_tuple)
    }
}

/// The clean text of a plain body (as a JSONL record `{"text": ...}` is cleaned).
fn with_clean<R>(text: &str, f: impl FnOnce(&str) -> R) -> Result<R, Skipped> {
    let doc = RawDoc {
        id: String::new(),
        path: SHOWN.to_string(),
        line: None,
        body: Body::Text(text.to_string()),
        meta: GivenMeta::default(),
        notes: Vec::new(),
    };
    with_clean_body(&doc, f)
}

/// The shingle hashes of a text, cleaned first when `clean`.
fn shingles_of(text: &str, k: usize, clean: bool) -> Vec<u64> {
    if clean {
        with_clean(text, |t| shingle(t, k).shingles).unwrap_or_default()
    } else {
        shingle(text, k).shingles
    }
}

/// `signatures(texts, permutations, shingle_words, clean) -> (bytes, valid)`: MinHash
/// signatures, `permutations` little-endian `u32` per text; a text without a shingle gets a row of
/// `u32::MAX` and `valid` false.
#[pyfunction]
#[pyo3(signature = (texts, permutations = 128, shingle_words = 5, clean = true))]
fn signatures<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    permutations: usize,
    shingle_words: usize,
    clean: bool,
) -> PyResult<(Bound<'py, PyBytes>, Vec<bool>)> {
    if permutations == 0 || permutations > 4096 || shingle_words == 0 {
        return Err(PyValueError::new_err(
            "permutations must be 1 to 4096 and shingle_words at least 1",
        ));
    }
    let rows: Vec<Option<Vec<u32>>> = py.allow_threads(|| {
        texts
            .par_iter()
            .map(|t| signature(&shingles_of(t, shingle_words, clean), permutations).map(|s| s.0))
            .collect()
    });
    let mut bytes = Vec::with_capacity(rows.len().saturating_mul(permutations).saturating_mul(4));
    let mut valid = Vec::with_capacity(rows.len());
    for row in &rows {
        match row {
            Some(sig) => sig
                .iter()
                .for_each(|v| bytes.extend_from_slice(&v.to_le_bytes())),
            None => {
                (0..permutations).for_each(|_| bytes.extend_from_slice(&u32::MAX.to_le_bytes()))
            }
        }
        valid.push(row.is_some());
    }
    Ok((PyBytes::new(py, &bytes), valid))
}

/// `band_keys(signatures, n, permutations, bands, rows) -> bytes`: the CLI's band keys (each
/// value folded to 16 bits, each band hashed), `bands` little-endian `u32` per signature.
#[pyfunction]
#[pyo3(signature = (signatures, n, permutations = 128, bands = 28, rows = 4))]
fn band_keys<'py>(
    py: Python<'py>,
    signatures: &[u8],
    n: usize,
    permutations: usize,
    bands: usize,
    rows: usize,
) -> PyResult<Bound<'py, PyBytes>> {
    let want = n.checked_mul(permutations).and_then(|v| v.checked_mul(4));
    if want != Some(signatures.len()) {
        return Err(PyValueError::new_err(format!(
            "{} bytes are not {n} signatures of {permutations} u32 values",
            signatures.len()
        )));
    }
    if bands == 0 || rows == 0 || bands.saturating_mul(rows) > permutations {
        return Err(PyValueError::new_err(format!(
            "bands ({bands}) x rows ({rows}) must be at least 1 and at most permutations ({permutations})"
        )));
    }
    let index = LshIndex::new(bands, rows);
    let keys: Vec<u32> = py.allow_threads(|| {
        signatures
            .par_chunks_exact(permutations.saturating_mul(4))
            .flat_map_iter(|row| {
                let sig: Vec<u16> = row
                    .chunks_exact(4)
                    .map(|b| fold16(u32::from_le_bytes(b.try_into().unwrap_or([0; 4]))))
                    .collect();
                index.keys(&sig)
            })
            .collect()
    });
    let bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_le_bytes()).collect();
    Ok(PyBytes::new(py, &bytes))
}

/// One record as the Spark job needs it: `(words, fingerprint, band keys or empty, skip reason)`.
type SparkRow = (u32, i64, Vec<u32>, Option<String>);

/// `prepare(texts, titles, threshold) -> rows`: per text (cleaned as a JSONL record with that
/// title), its word count, body fingerprint (as `i64`), the CLI's band keys (empty when the
/// text is shorter than the CLI's `min_words`) and the skip reason when it gives no article.
#[pyfunction]
#[pyo3(signature = (texts, titles = None))]
fn prepare_texts(
    py: Python<'_>,
    texts: Vec<Option<String>>,
    titles: Option<Vec<Option<String>>>,
) -> Vec<SparkRow> {
    let cfg = DedupConfig::default();
    let index = LshIndex::new(cfg.bands, cfg.rows);
    py.allow_threads(|| {
        texts
            .par_iter()
            .enumerate()
            .map(|(i, text)| {
                let title = titles.as_ref().and_then(|t| t.get(i)).cloned().flatten();
                let doc = RawDoc {
                    id: String::new(),
                    path: SHOWN.to_string(),
                    line: Some(i.saturating_add(1)),
                    body: Body::Text(text.clone().unwrap_or_default()),
                    meta: GivenMeta {
                        title,
                        ..GivenMeta::default()
                    },
                    notes: Vec::new(),
                };
                match with_clean_body(&doc, |t| prepare(t, &cfg)) {
                    Ok(p) => {
                        let keys = p
                            .signature
                            .as_deref()
                            .map(|s| index.keys(s))
                            .unwrap_or_default();
                        let words = u32::try_from(p.words).unwrap_or(u32::MAX);
                        (words, p.fingerprint as i64, keys, None)
                    }
                    Err(s) => (0, 0, Vec::new(), Some(s.reason.to_string())),
                }
            })
            .collect()
    })
}

/// `jaccard_pairs(a, b, titles_a, titles_b) -> scores`: the exact Jaccard similarity of the
/// shingle sets of each pair of texts (cleaned as JSONL records with those titles), as the CLI
/// verifies a candidate.
#[pyfunction]
#[pyo3(signature = (a, b, titles_a = None, titles_b = None))]
fn jaccard_pairs(
    py: Python<'_>,
    a: Vec<Option<String>>,
    b: Vec<Option<String>>,
    titles_a: Option<Vec<Option<String>>>,
    titles_b: Option<Vec<Option<String>>>,
) -> PyResult<Vec<f64>> {
    if a.len() != b.len() {
        return Err(PyValueError::new_err("a and b must have the same length"));
    }
    let k = DedupConfig::default().shingle_words;
    let title = |t: &Option<Vec<Option<String>>>, i: usize| {
        t.as_ref().and_then(|t| t.get(i)).cloned().flatten()
    };
    let shingles = |text: &Option<String>, title: Option<String>| {
        let doc = RawDoc {
            id: String::new(),
            path: SHOWN.to_string(),
            line: None,
            body: Body::Text(text.clone().unwrap_or_default()),
            meta: GivenMeta {
                title,
                ..GivenMeta::default()
            },
            notes: Vec::new(),
        };
        with_clean_body(&doc, |t| shingle(t, k).shingles).unwrap_or_default()
    };
    Ok(py.allow_threads(|| {
        a.par_iter()
            .zip(b.par_iter())
            .enumerate()
            .map(|(i, (x, y))| {
                let sx = shingles(x, title(&titles_a, i));
                let sy = shingles(y, title(&titles_b, i));
                jaccard_of(&sx, &sy)
            })
            .collect()
    }))
}

/// The CLI's `extract` record of an article, as JSON.
fn record_json(a: &corroborate::Article) -> String {
    a.extract_record().to_string()
}

/// `extract(pages) -> [json]`: per `(html, url, id)`, the CLI's `extract` record as JSON, or
/// `{"skipped": reason, "kind": kind}` when no article comes out of it. Parallel.
#[pyfunction]
fn extract(py: Python<'_>, pages: Vec<(String, Option<String>, String)>) -> Vec<String> {
    py.allow_threads(|| {
        pages
            .into_par_iter()
            .map(|(html, url, id)| {
                let doc = RawDoc {
                    id,
                    path: "html".to_string(),
                    line: None,
                    body: Body::Html(html),
                    meta: GivenMeta {
                        url,
                        ..GivenMeta::default()
                    },
                    notes: Vec::new(),
                };
                match ingest(doc) {
                    Ok(a) => record_json(&a),
                    Err(s) => serde_json::json!({
                        "skipped": s.reason.to_string(),
                        "kind": s.reason.kind(),
                    })
                    .to_string(),
                }
            })
            .collect()
    })
}

/// `read_records(name, bytes) -> [json]`: the articles of one file's bytes (WARC, HTML, JSONL,
/// text; gzip too), read as the CLI reads a file of that name: the CLI's `extract` records, and
/// for what gives none `{"path", "line", "skipped", "kind"}`. Ingested in parallel.
#[pyfunction]
fn read_records(py: Python<'_>, name: String, bytes: &[u8]) -> Vec<String> {
    py.allow_threads(|| {
        let out = corroborate::read::parse_bytes(&name, Some(&name), bytes, &Default::default());
        let skip = |s: &Skipped| {
            serde_json::json!({
                "path": s.path,
                "line": s.line,
                "skipped": s.reason.to_string(),
                "kind": s.reason.kind(),
            })
            .to_string()
        };
        let mut records: Vec<String> = out.skipped.iter().map(skip).collect();
        let articles: Vec<String> = out
            .docs
            .into_par_iter()
            .map(|doc| match ingest(doc) {
                Ok(a) => record_json(&a),
                Err(s) => skip(&s),
            })
            .collect();
        records.extend(articles);
        records
    })
}

/// Story options of `analyze`, by name as the CLI's flags (`story_threshold`, …).
fn story_config(options: &[(String, f64)]) -> PyResult<corroborate::stories::StoryConfig> {
    let mut c = corroborate::stories::StoryConfig::default();
    for (name, v) in options {
        let v = *v;
        let unit = |v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(v as f32)
            } else {
                Err(PyValueError::new_err(format!(
                    "{name} must be in [0, 1], not {v}"
                )))
            }
        };
        let days = |v: f64| {
            if v >= 0.0 && v.is_finite() {
                Ok(v as f32)
            } else {
                Err(PyValueError::new_err(format!(
                    "{name} must be a number of days >= 0, not {v}"
                )))
            }
        };
        match name.as_str() {
            "story_threshold" => c.threshold = unit(v)?,
            "story_merge" => c.merge_share = unit(v)?,
            "story_window" => c.time_window_days = days(v)?,
            "story_decay" => c.time_decay_days = days(v)?,
            "story_neighbors" => {
                if !(1.0..=100.0).contains(&v) || v.fract() != 0.0 {
                    return Err(PyValueError::new_err(format!(
                        "story_neighbors must be 1 to 100, not {v}"
                    )));
                }
                c.neighbors = v as usize;
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown option {other:?} (story_threshold, story_neighbors, story_merge, \
                     story_window, story_decay)"
                )))
            }
        }
    }
    Ok(c)
}

/// `analyze(records, to_line, options) -> json`: the report (schema 1) of the records (read as
/// [`dedup`] reads them), as the CLI's `analyze --no-model --json -` gives it for the same JSONL.
#[pyfunction]
#[pyo3(signature = (records, to_line, options = Vec::new()))]
fn analyze(
    py: Python<'_>,
    records: &Bound<'_, PyList>,
    to_line: &Bound<'_, PyAny>,
    options: Vec<(String, f64)>,
) -> PyResult<String> {
    let stories = story_config(&options)?;
    let records = givens(records.iter(), 0, to_line)?;
    let report = py.allow_threads(|| {
        let parsed: Vec<Result<RawDoc, Skipped>> = records
            .into_par_iter()
            .enumerate()
            .filter_map(|(i, given)| match given {
                Given::Line(l) if l.trim().is_empty() => None,
                Given::Line(l) => Some(span_of(&l, i).parse(l.as_bytes(), SHOWN, SHOWN)),
                Given::Read(r) => Some(r),
            })
            .collect();
        let mut outcome = ReadOutcome::default();
        for r in parsed {
            match r {
                Ok(doc) => outcome.docs.push(doc),
                Err(s) => outcome.skipped.push(s),
            }
        }
        let mut corpus = corroborate::Corpus::new();
        corpus.files = 1;
        corpus.add_outcome(outcome);
        let cfg = corroborate::Config {
            stories,
            ..corroborate::Config::default()
        };
        serde_json::to_string(&corroborate::analyze(&corpus, &cfg))
    });
    report.map_err(|e| PyValueError::new_err(format!("the report could not be written: {e}")))
}

/// The Rust core of the `corroborate` package.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(dedup, m)?)?;
    m.add_function(wrap_pyfunction!(signatures, m)?)?;
    m.add_function(wrap_pyfunction!(band_keys, m)?)?;
    m.add_function(wrap_pyfunction!(prepare_texts, m)?)?;
    m.add_function(wrap_pyfunction!(jaccard_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(read_records, m)?)?;
    m.add_class::<Dedup>()?;
    m.add("BUILT_WITH_MODEL", corroborate::similarity::embed::BUILT)?;
    Ok(())
}
