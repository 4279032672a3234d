//! The articles of a run and the account of every input: gathered from the readers, with ids
//! made unique.

use crate::article::{Article, Removed};
use crate::read::{read_input, Input, ReadConfig, ReadOutcome, Skipped};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Reads a batch of inputs and ingests their documents, in parallel, keeping input order.
/// Calls `tick` once per input read.
pub fn read_batch(inputs: &[Input], cfg: &ReadConfig, tick: &(dyn Fn() + Sync)) -> ReadOutcome {
    let outcomes: Vec<ReadOutcome> = inputs
        .par_iter()
        .map(|input| {
            let out = read_input(input, cfg);
            tick();
            out
        })
        .collect();
    let mut all = ReadOutcome::default();
    for o in outcomes {
        all.docs.extend(o.docs);
        all.skipped.extend(o.skipped);
        all.ignored_records = all.ignored_records.saturating_add(o.ignored_records);
    }
    all
}

/// Everything read in one run: articles in input order, and what was skipped.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Inputs read (files, and standard input once).
    pub files: usize,
    /// The articles, in input order; ids unique.
    pub articles: Vec<Article>,
    /// Inputs or parts of inputs that gave no article, with reasons.
    pub skipped: Vec<Skipped>,
    /// WARC records that are not responses (requests, warcinfo, metadata).
    pub ignored_records: usize,
    seen_ids: HashMap<String, usize>,
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Adds what reading one input gave: its documents, ingested, and its skips.
    /// Documents are ingested in parallel; the corpus keeps their order.
    pub fn add_outcome(&mut self, outcome: ReadOutcome) {
        self.ignored_records = self.ignored_records.saturating_add(outcome.ignored_records);
        self.skipped.extend(outcome.skipped);
        let ingested: Vec<_> = outcome
            .docs
            .into_par_iter()
            .map(crate::ingest::ingest)
            .collect();
        for r in ingested {
            match r {
                Ok(a) => self.add_article(a),
                Err(s) => self.skipped.push(s),
            }
        }
    }

    /// Reads inputs into the corpus, `batch` inputs at a time; `tick` is called per input.
    pub fn read_inputs(&mut self, inputs: &[Input], cfg: &ReadConfig, tick: &(dyn Fn() + Sync)) {
        for chunk in inputs.chunks(256) {
            self.files = self.files.saturating_add(chunk.len());
            self.add_outcome(read_batch(chunk, cfg, tick));
        }
    }

    /// Adds skips found before reading (paths that could not be walked).
    pub fn add_skipped(&mut self, skipped: impl IntoIterator<Item = Skipped>) {
        self.skipped.extend(skipped);
    }

    /// Adds an article; an id already taken gets a suffix (`-2`, `-3`, …) and a note.
    pub fn add_article(&mut self, mut a: Article) {
        let n = self.seen_ids.entry(a.id.clone()).or_insert(0);
        *n = n.saturating_add(1);
        if *n > 1 {
            let mut k = *n;
            let mut new_id = format!("{}-{k}", a.id);
            while self.seen_ids.contains_key(&new_id) {
                k = k.saturating_add(1);
                new_id = format!("{}-{k}", a.id);
            }
            a.notes.push(format!(
                "id {:?} was already taken; renamed {new_id:?}",
                a.id
            ));
            self.seen_ids.insert(new_id.clone(), 1);
            a.id = new_id;
        }
        self.articles.push(a);
    }

    /// Skips counted by reason.
    pub fn skipped_by_kind(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for s in &self.skipped {
            let n: &mut usize = m.entry(s.reason.kind()).or_insert(0);
            *n = n.saturating_add(1);
        }
        m
    }

    /// What cleaning removed, summed over all articles.
    pub fn removed(&self) -> Removed {
        let mut r = Removed::default();
        for a in &self.articles {
            r.add(&a.removed);
        }
        r
    }
}
