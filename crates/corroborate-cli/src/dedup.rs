//! The `dedup` verb: streams the inputs through the library's deduplication stage in bounded
//! batches and prints one JSON line per duplicate.
//!
//! Each step joins two halves on the thread pool ([`rayon::join`]): batch k+1 is parsed
//! (JSONL), cleaned and hashed in parallel, while batch k is pushed into the stage in input
//! order (so the output does not depend on thread timing) and then batch k+2 is read. The
//! thread done first helps the other, so both cores stay busy without more threads than cores.
//! At most three batches are held at once. Only the stage's index and one locator per article
//! stay in memory between batches; to verify a match exactly, the earlier article is read
//! again from its input by that locator.
//!
//! Ids are made unique as `analyze` does ([`corroborate::Corpus::add_article`]): a repeated id
//! gets a suffix (`-2`, `-3`, …) and a warning on standard error, so every output line names
//! one record. Ids seen are remembered by 64-bit hash (16 bytes each, not the id).

use crate::output::CliError;
use corroborate::copies::dedup::{
    prepare, prepare_article, Dedup, DedupConfig, Duplicate, Earlier, Prepared, RewriteFeatures,
};
use corroborate::copies::shingles::shingle;
use corroborate::ingest::with_clean_line;
use corroborate::read::{self, Input, LineSpan, RawDoc, ReadConfig, Rereader, Skipped, Streamed};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use xxhash_rust::xxh3::xxh3_64;

/// Articles cleaned and hashed together; bounds the text held in memory.
const BATCH: usize = 2048;

/// What the `dedup` verb was asked to do.
#[derive(Debug)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub dedup: DedupConfig,
    pub read: ReadConfig,
    pub quiet: bool,
}

/// Where an article can be read again.
#[derive(Debug, Clone, Copy)]
enum Locator {
    /// Not again (standard input, gzip).
    Gone,
    /// A JSONL line of a plain file.
    Line { input: u32, offset: u64, line: u32 },
    /// Document `doc` of an input read whole.
    Whole { input: u32, doc: u32 },
}

/// A record waiting in the batch, as read.
enum Item {
    /// A document of an input read whole.
    Doc(RawDoc),
    /// A JSONL line of input `input`, in the batch's buffer, parsed with the batch (in
    /// parallel).
    Line { span: LineSpan, input: usize },
    /// Why an input or part of one gives no document (kept in order with the rest).
    Skip(Skipped),
}

struct Pending {
    item: Item,
    locator: Locator,
}

/// What the batch keeps of a document once it is prepared: its name and where it came from.
struct Named {
    id: String,
    path: String,
    line: Option<usize>,
}

/// A batch as read: its records, the bytes of its JSONL lines end to end, and the path as
/// shown and id prefix of each input opened so far.
struct RawBatch {
    items: Vec<Pending>,
    bytes: Vec<u8>,
    stems: Vec<(String, String)>,
}

impl RawBatch {
    /// Parses, cleans and hashes the records in parallel; gives back the byte buffer (empty)
    /// for a later batch.
    fn prepare(self, cfg: &DedupConfig) -> (Vec<PreparedItem>, Vec<u8>) {
        let RawBatch {
            items,
            mut bytes,
            stems,
        } = self;
        let prepared = items
            .into_par_iter()
            .map(|p| prepare_one(p, &bytes, cfg, &stems))
            .collect();
        bytes.clear();
        (prepared, bytes)
    }
}

/// The inputs, read in batches of [`BATCH`] records, in order.
struct Batches<'a> {
    inputs: &'a [Input],
    read: &'a ReadConfig,
    /// The next input to open.
    next_input: usize,
    /// The JSONL input being read, with its number and whether it can be read again.
    stream: Option<(u32, bool, read::JsonlStream)>,
    /// Records of an input read whole, not batched yet.
    whole: std::vec::IntoIter<Pending>,
    /// Path as shown and id prefix of each input opened so far (blank for the others).
    stems: Vec<(String, String)>,
    /// Byte buffers of batches already prepared, for the next batches.
    spare: Vec<Vec<u8>>,
}

impl Batches<'_> {
    fn new<'a>(inputs: &'a [Input], read: &'a ReadConfig) -> Batches<'a> {
        Batches {
            inputs,
            read,
            next_input: 0,
            stream: None,
            whole: Vec::new().into_iter(),
            stems: vec![(String::new(), String::new()); inputs.len()],
            spare: Vec::new(),
        }
    }

    /// The next batch; `None` once every input is read.
    fn next_batch(&mut self) -> Option<RawBatch> {
        let mut items = Vec::with_capacity(BATCH);
        let mut bytes = self.spare.pop().unwrap_or_default();
        while items.len() < BATCH {
            if let Some(p) = self.whole.next() {
                items.push(p);
                continue;
            }
            if let Some((n, seekable, stream)) = self.stream.as_mut() {
                let Some(span) = stream.next_line_into(&mut bytes) else {
                    self.stream = None;
                    continue;
                };
                let locator = match u32::try_from(span.line) {
                    Ok(line) if *seekable => Locator::Line {
                        input: *n,
                        offset: span.offset,
                        line,
                    },
                    _ => Locator::Gone,
                };
                let item = Item::Line {
                    span,
                    input: *n as usize,
                };
                items.push(Pending { item, locator });
                continue;
            }
            let Some(input) = self.inputs.get(self.next_input) else {
                break;
            };
            let n = u32::try_from(self.next_input).unwrap_or(u32::MAX);
            self.next_input = self.next_input.saturating_add(1);
            match read::open_streaming(input, self.read) {
                Streamed::Jsonl(stream) => {
                    if let Some(slot) = self.stems.get_mut(n as usize) {
                        *slot = (stream.shown().to_string(), stream.stem().to_string());
                    }
                    self.stream = Some((n, stream.seekable(), stream));
                }
                Streamed::Whole(outcome) => {
                    let skips = outcome.skipped.into_iter().map(|s| Pending {
                        item: Item::Skip(s),
                        locator: Locator::Gone,
                    });
                    let docs = outcome.docs.into_iter().enumerate().map(|(i, doc)| {
                        let locator = match u32::try_from(i) {
                            Ok(doc) if *input != Input::Stdin => Locator::Whole { input: n, doc },
                            _ => Locator::Gone,
                        };
                        Pending {
                            item: Item::Doc(doc),
                            locator,
                        }
                    });
                    self.whole = skips.chain(docs).collect::<Vec<_>>().into_iter();
                }
            }
        }
        if items.is_empty() {
            self.spare.push(bytes);
            return None;
        }
        Some(RawBatch {
            items,
            bytes,
            stems: self.stems.clone(),
        })
    }
}

struct Driver<'a> {
    opts: &'a Options,
    inputs: &'a [Input],
    stems: Vec<(String, String)>,
    dedup: Dedup,
    locators: Vec<Locator>,
    skipped: Vec<Skipped>,
    skipped_total: usize,
    /// Times each id (by hash) was given, for making repeated ids unique.
    seen_ids: FxHashMap<u64, u32>,
    renamed: Vec<String>,
    renamed_total: usize,
    out: std::io::BufWriter<std::io::Stdout>,
    bar: ProgressBar,
    /// Inputs kept open for reading earlier records again.
    rereader: Rereader,
}

const SHOWN_SKIPS: usize = 20;

impl Driver<'_> {
    fn skip(&mut self, s: Skipped) {
        self.skipped_total = self.skipped_total.saturating_add(1);
        if self.skipped.len() < SHOWN_SKIPS {
            self.skipped.push(s);
        }
    }

    /// A repeated id gets the first free suffix `-2`, `-3`, … (as in `analyze`).
    fn unique_id(&mut self, doc: &mut Named) {
        let n = self.seen_ids.entry(xxh3_64(doc.id.as_bytes())).or_insert(0);
        *n = n.saturating_add(1);
        if *n == 1 {
            return;
        }
        let mut k = *n;
        let mut new_id = format!("{}-{k}", doc.id);
        while self.seen_ids.contains_key(&xxh3_64(new_id.as_bytes())) {
            k = k.saturating_add(1);
            new_id = format!("{}-{k}", doc.id);
        }
        self.seen_ids.insert(xxh3_64(new_id.as_bytes()), 1);
        self.renamed_total = self.renamed_total.saturating_add(1);
        if self.renamed.len() < SHOWN_SKIPS {
            let at = doc.line.map(|l| format!(":{l}")).unwrap_or_default();
            self.renamed.push(format!(
                "id {:?} of {}{at} was already taken; renamed {new_id:?}",
                doc.id, doc.path
            ));
        }
        doc.id = new_id;
    }

    /// Pushes a prepared batch into the stage in input order.
    fn push_batch(&mut self, mut prepared: Vec<PreparedItem>) -> Result<(), CliError> {
        let base = self.locators.len() as u64;
        // In input order: skips are recorded, ids made unique, positions given.
        for (locator, r) in prepared.iter_mut() {
            match r {
                Ok((named, _)) => {
                    self.unique_id(named);
                    self.locators.push(*locator);
                }
                Err(s) => self.skip(s.clone()),
            }
        }
        let pushes: Vec<(&Named, &Prepared)> = prepared
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok().map(|(n, p)| (n, p)))
            .collect();
        let in_batch: Vec<&Prepared> = pushes.iter().map(|&(_, p)| p).collect();
        let werr = |source| CliError::Write {
            target: "standard output".to_string(),
            source,
        };
        for &(named, prep) in &pushes {
            let Driver {
                dedup,
                locators,
                inputs,
                stems,
                opts,
                out,
                rereader,
                ..
            } = self;
            let mut earlier = Again {
                base,
                in_batch: &in_batch,
                locators,
                inputs,
                stems,
                opts,
                rereader,
            };
            if let Some(d) = dedup.push_with(&named.id, prep, &mut earlier) {
                write_line(out, &d).map_err(werr)?;
            }
        }
        drop(in_batch);
        drop(pushes);
        drop(prepared);
        self.bar.set_position(self.dedup.stats().articles);
        Ok(())
    }
}

/// A batch record once prepared: its position's locator, and its name and features or why it
/// gives no article.
type PreparedItem = (Locator, Result<(Named, Prepared), Skipped>);

/// Parses (JSONL), cleans and hashes one record of a batch; runs on the thread pool.
fn prepare_one(
    p: Pending,
    bytes: &[u8],
    cfg: &DedupConfig,
    stems: &[(String, String)],
) -> PreparedItem {
    let doc = match p.item {
        Item::Doc(doc) => Ok(doc),
        Item::Line { span, input } => {
            let (shown, stem) = stems
                .get(input)
                .map_or(("", ""), |(a, b)| (a.as_str(), b.as_str()));
            if !cfg.kinds.rewrite {
                // Straight from the line to the clean text (no document in between).
                let named = |id: &str| Named {
                    id: id.to_string(),
                    path: shown.to_string(),
                    line: Some(span.line),
                };
                let prepared = with_clean_line(&span, bytes, shown, stem, |id, text| {
                    (named(id), prepare(text, cfg))
                });
                return (p.locator, prepared);
            }
            span.parse(bytes, shown, stem)
        }
        Item::Skip(s) => Err(s),
    };
    let prepared = doc.and_then(|doc| {
        let named = Named {
            id: doc.id.clone(),
            path: doc.path.clone(),
            line: doc.line,
        };
        let prep = if cfg.kinds.rewrite {
            corroborate::ingest::ingest(doc).map(|a| prepare_article(a, cfg))
        } else {
            corroborate::ingest::with_clean_body(&doc, |text| prepare(text, cfg))
        }?;
        Ok((named, prep))
    });
    (p.locator, prepared)
}

/// Earlier articles: from the batch in memory, else read again by their locators.
struct Again<'a> {
    base: u64,
    in_batch: &'a [&'a Prepared],
    locators: &'a [Locator],
    inputs: &'a [Input],
    stems: &'a [(String, String)],
    opts: &'a Options,
    rereader: &'a mut Rereader,
}

impl Again<'_> {
    fn in_batch(&self, seq: u64) -> Option<Option<&Prepared>> {
        let k = seq.checked_sub(self.base)?;
        Some(
            usize::try_from(k)
                .ok()
                .and_then(|k| self.in_batch.get(k))
                .copied(),
        )
    }

    fn reread(&mut self, seq: u64) -> Option<RawDoc> {
        let loc = *self.locators.get(seq as usize)?;
        reread(loc, self.inputs, self.stems, self.opts, self.rereader)
    }
}

impl Earlier for Again<'_> {
    fn shingles(&mut self, seq: u64) -> Option<Vec<u64>> {
        if let Some(prep) = self.in_batch(seq) {
            return Some(prep?.shingles.clone());
        }
        let k = self.opts.dedup.shingle_words;
        let shingles = |text: &str| shingle(text, k).shingles;
        // A JSONL line is read again as bytes and cleaned straight from them.
        if let Some(Locator::Line {
            input,
            offset,
            line,
        }) = self.locators.get(seq as usize).copied()
        {
            let (path, shown, stem) = file_input(self.inputs, self.stems, input)?;
            let bytes = self
                .rereader
                .line_at(path, offset, self.opts.read.max_bytes)?;
            let span = LineSpan {
                offset,
                line: line as usize,
                bytes: Ok(0..bytes.len()),
            };
            return with_clean_line(&span, bytes, shown, stem, |_, text| shingles(text)).ok();
        }
        corroborate::ingest::with_clean_body(&self.reread(seq)?, shingles).ok()
    }

    fn rewrite(&mut self, seq: u64) -> Option<RewriteFeatures> {
        if let Some(prep) = self.in_batch(seq) {
            return prep?.rewrite.clone();
        }
        let article = corroborate::ingest::ingest(self.reread(seq)?).ok()?;
        Some(RewriteFeatures::new(article))
    }
}

/// The path of input `input`, when it is a file, with its path as shown and id prefix.
fn file_input<'b>(
    inputs: &'b [Input],
    stems: &'b [(String, String)],
    input: u32,
) -> Option<(&'b std::path::Path, &'b str, &'b str)> {
    let Input::File(path) = inputs.get(input as usize)? else {
        return None;
    };
    let (shown, stem) = stems.get(input as usize)?;
    Some((path, shown, stem))
}

/// Reads an earlier record again.
fn reread(
    loc: Locator,
    inputs: &[Input],
    stems: &[(String, String)],
    opts: &Options,
    rereader: &mut Rereader,
) -> Option<RawDoc> {
    let doc = match loc {
        Locator::Gone => return None,
        Locator::Line {
            input,
            offset,
            line,
        } => {
            let (path, shown, stem) = file_input(inputs, stems, input)?;
            rereader.record_at(
                path,
                offset,
                line as usize,
                shown,
                stem,
                opts.read.max_bytes,
            )?
        }
        Locator::Whole { input, doc } => {
            let input = inputs.get(input as usize)?;
            if *input == Input::Stdin {
                return None;
            }
            read::read_input(input, &opts.read)
                .docs
                .into_iter()
                .nth(doc as usize)?
        }
    };
    Some(doc)
}

fn write_line(out: &mut impl Write, d: &Duplicate) -> std::io::Result<()> {
    let line = serde_json::json!({
        "id": d.id,
        "duplicate_of": d.duplicate_of,
        "kind": d.kind.as_str(),
        "score": (d.score * 10_000.0).round() / 10_000.0,
    });
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}

pub fn run(opts: Options) -> Result<(), CliError> {
    let (inputs, walk_skips) = read::discover(&opts.paths);
    let bar = if opts.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("dedup {spinner} {pos} articles {elapsed}")
        {
            b.set_style(style);
        }
        b
    };
    let mut d = Driver {
        opts: &opts,
        inputs: &inputs,
        stems: Vec::new(),
        dedup: Dedup::new(opts.dedup.clone()),
        locators: Vec::new(),
        skipped: Vec::new(),
        skipped_total: 0,
        seen_ids: FxHashMap::default(),
        renamed: Vec::new(),
        renamed_total: 0,
        out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
        bar,
        rereader: Rereader::default(),
    };
    for s in walk_skips {
        d.skip(s);
    }
    let cfg = opts.dedup.clone();
    let mut batches = Batches::new(&inputs, &opts.read);
    // Batch k+1 read; batch k prepared (with its byte buffer, for reuse).
    let mut next = batches.next_batch();
    let mut held: Option<(Vec<PreparedItem>, Vec<u8>)> = None;
    while next.is_some() || held.is_some() {
        let raw = next.take();
        let previous = held.take();
        let (prepared, (pushed, read)) = rayon::join(
            || raw.map(|b| b.prepare(&cfg)),
            || {
                let pushed = match previous {
                    Some((prepared, bytes)) => {
                        batches.spare.push(bytes);
                        d.stems.clone_from(&batches.stems);
                        d.push_batch(prepared)
                    }
                    None => Ok(()),
                };
                // Not read past an error: it ends the run.
                let read = pushed.is_ok().then(|| batches.next_batch()).flatten();
                (pushed, read)
            },
        );
        pushed?;
        held = prepared;
        next = read;
    }
    d.out.flush().map_err(|source| CliError::Write {
        target: "standard output".to_string(),
        source,
    })?;
    d.bar.finish_and_clear();
    let stats = d.dedup.stats().clone();
    {
        // Renamed ids change what the output says: shown even with --quiet.
        let mut err = std::io::stderr().lock();
        for r in &d.renamed {
            let _ = writeln!(err, "corroborate: warning: {r}");
        }
        if d.renamed_total > d.renamed.len() {
            let _ = writeln!(
                err,
                "corroborate: warning: … and {} more repeated id(s) renamed",
                d.renamed_total.saturating_sub(d.renamed.len())
            );
        }
    }
    if !opts.quiet {
        let mut err = std::io::stderr().lock();
        for s in &d.skipped {
            let at = s.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(err, "corroborate: skipped {}{at}: {}", s.path, s.reason);
        }
        if d.skipped_total > d.skipped.len() {
            let _ = writeln!(
                err,
                "corroborate: … and {} more skipped",
                d.skipped_total.saturating_sub(d.skipped.len())
            );
        }
        let _ = writeln!(
            err,
            "corroborate: dedup: {} input(s), {} article(s): {} kept, {} exact, {} near-duplicate, \
             {} rewrite; {} skipped; {} candidate(s), {} verified on the text, {} on the \
             estimate; {} rewrite candidate(s) aligned; {} repeated id(s) renamed",
            inputs.len(),
            stats.articles,
            stats.kept,
            stats.exact,
            stats.near,
            stats.rewrites,
            d.skipped_total,
            stats.candidates,
            stats.verified_exactly,
            stats.verified_by_estimate,
            stats.rewrite_candidates,
            d.renamed_total
        );
    }
    if stats.articles == 0 {
        return Err(corroborate::Error::NothingReadable {
            skipped: d.skipped_total,
        }
        .into());
    }
    Ok(())
}
