//! Stories: articles grouped by real-world event, online.
//!
//! Articles are taken in time order (publication time when known, undated ones after; ties and
//! undated articles by id, so the order of files on disk does not matter). Each article joins
//! the story whose members it resembles most on average (TF-IDF cosine over content words,
//! numbers and named entities, see [`crate::features`]), damped when the story's dates are far
//! from the article's, or starts a new story when no story reaches [`StoryConfig::threshold`].
//! After each batch, stories that turn out to be one (the same average similarity between their
//! members reaches the threshold) are merged, the most similar first: average linkage, run
//! online.
//!
//! [`StoryIndex`] keeps the state between batches (serde: save it, load it, add more articles;
//! IDF then counts every article seen); [`cluster`] is the one-batch form.

use crate::article::Article;
use crate::features::{self, ArticleFeatures, DocFreq, FeatureConfig};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Options for story clustering, with documented defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryConfig {
    /// Average TF-IDF cosine between an article and a story's members (or between two stories'
    /// members) needed to join them (default 0.25).
    pub threshold: f32,
    /// Days between an article and a story's dates that cost nothing (default 30).
    pub time_window_days: f32,
    /// Beyond the window, similarity is divided by `1 + extra days / time_decay_days`
    /// (default 180: a year apart halves it, more or less). Undated articles are not damped.
    pub time_decay_days: f32,
    /// How articles become terms.
    pub features: FeatureConfig,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.25,
            time_window_days: 30.0,
            time_decay_days: 180.0,
            features: FeatureConfig::default(),
        }
    }
}

/// What [`StoryIndex`] keeps of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedArticle {
    /// The article id.
    pub id: String,
    /// Publication time (seconds since the epoch), when known.
    pub time: Option<i64>,
    /// Its terms.
    pub features: ArticleFeatures,
    /// The story it belongs to (a story id of the index).
    pub story: u32,
}

/// The state of online story clustering: every article seen, its story, and the document
/// frequencies. Serialisable; new articles join the stories already there.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoryIndex {
    /// The configuration the index was built with.
    pub config: StoryConfig,
    /// Document frequencies over every article seen.
    pub doc_freq: DocFreq,
    /// Articles in the order added.
    pub articles: Vec<IndexedArticle>,
    /// The next story id to give.
    pub next_story: u32,
}

/// One article of a batch to add: id, publication time, terms.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Unique id.
    pub id: String,
    /// Publication time (seconds since the epoch), when known.
    pub time: Option<i64>,
    /// Terms, from [`features::extract`].
    pub features: ArticleFeatures,
}

impl NewArticle {
    /// Takes an article's id, time and terms.
    pub fn from_article(a: &Article, cfg: &FeatureConfig) -> NewArticle {
        NewArticle {
            id: a.id.clone(),
            time: a.published.map(|p| p.timestamp()),
            features: features::extract(a, cfg),
        }
    }
}

/// The working form of a story during a batch.
#[derive(Debug, Clone, Default)]
struct Working {
    /// Sum of the members' unit TF-IDF vectors, sorted by term id.
    sum: Vec<(u32, f32)>,
    /// Members, as indices into `StoryIndex::articles`.
    members: Vec<usize>,
    first: Option<i64>,
    last: Option<i64>,
}

/// Terms of an article used to look up candidate stories: its heaviest ones.
const LOOKUP_TERMS: usize = 24;
/// Stories compared with an article at most: those sharing the most heavy terms with it.
const MAX_CANDIDATES: usize = 64;
/// Postings read per term at most, the latest first: a term in thousands of stories does not
/// find an event.
const MAX_POSTINGS: usize = 2000;

impl StoryIndex {
    /// An empty index.
    pub fn new(config: StoryConfig) -> StoryIndex {
        StoryIndex {
            config,
            ..StoryIndex::default()
        }
    }

    /// Adds a batch of articles: each joins a story or starts one, then stories that are one
    /// merge. Ids should be unique (a repeated id is kept as another article).
    pub fn add(&mut self, batch: Vec<NewArticle>) {
        for a in &batch {
            self.doc_freq.add(&a.features);
        }
        let start = self.articles.len();
        for a in batch {
            self.articles.push(IndexedArticle {
                id: a.id,
                time: a.time,
                features: a.features,
                story: u32::MAX,
            });
        }
        let mut order: Vec<usize> = (start..self.articles.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.articles[a], &self.articles[b]);
            (a.time.is_none(), a.time, &a.id).cmp(&(b.time.is_none(), b.time, &b.id))
        });
        let mut state = Batch::new(self);
        for i in order {
            state.place(self, i);
        }
        state.merge(self);
        state.write_back(self);
    }

    /// The stories, each as indices into [`StoryIndex::articles`] in time order (then id);
    /// stories ordered by their first article the same way.
    pub fn stories(&self) -> Vec<Vec<usize>> {
        let mut by_story: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, a) in self.articles.iter().enumerate() {
            by_story.entry(a.story).or_default().push(i);
        }
        let key = |i: usize| {
            let a = &self.articles[i];
            (a.time.is_none(), a.time, a.id.as_str(), i)
        };
        let mut stories: Vec<Vec<usize>> = by_story.into_values().collect();
        for s in &mut stories {
            s.sort_by_key(|&i| key(i));
        }
        stories.sort_by_key(|s| s.first().map(|&i| key(i)));
        stories
    }

    /// Bytes the index holds per article (ids, times, terms, document frequencies), measured
    /// from the data held; 0 when empty.
    pub fn bytes_per_article(&self) -> usize {
        if self.articles.is_empty() {
            return 0;
        }
        let articles: usize = self
            .articles
            .iter()
            .map(|a| {
                std::mem::size_of::<IndexedArticle>()
                    + a.id.capacity()
                    + a.features.terms.capacity() * std::mem::size_of::<(u32, f32)>()
            })
            .sum();
        // A hash map entry: key, value and about one control byte, at the map's capacity.
        let df = self.doc_freq.df.capacity() * (std::mem::size_of::<(u32, u32)>() + 1);
        (articles + df) / self.articles.len()
    }
}

/// Similarity is damped by how far apart two date ranges are.
fn time_factor(
    cfg: &StoryConfig,
    a: (Option<i64>, Option<i64>),
    b: (Option<i64>, Option<i64>),
) -> f32 {
    let (Some(a0), Some(a1), Some(b0), Some(b1)) = (a.0, a.1, b.0, b.1) else {
        return 1.0;
    };
    let gap = (b0 - a1).max(a0 - b1).max(0) as f32 / 86_400.0;
    let extra = gap - cfg.time_window_days;
    if extra <= 0.0 {
        1.0
    } else {
        1.0 / (1.0 + extra / cfg.time_decay_days.max(1e-3))
    }
}

/// Adds `b` into the sorted sparse vector `a`.
fn add_into(a: &mut Vec<(u32, f32)>, b: &[(u32, f32)]) {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                out.push((x.0, x.1 + y.1));
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    *a = out;
}

/// Dot product of a short sorted vector with a long one (binary search in the long one).
fn dot_search(short: &[(u32, f32)], long: &[(u32, f32)]) -> f32 {
    if long.len() < 4 * short.len() {
        return features::dot(short, long);
    }
    short
        .iter()
        .filter_map(|&(t, w)| {
            long.binary_search_by_key(&t, |x| x.0)
                .ok()
                .map(|k| w * long[k].1)
        })
        .sum()
}

fn sparse_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    if a.len() <= b.len() {
        dot_search(a, b)
    } else {
        dot_search(b, a)
    }
}

/// The heaviest terms of a vector, for the inverted index.
fn lookup_terms(v: &[(u32, f32)]) -> Vec<u32> {
    let mut t: Vec<(u32, f32)> = v.to_vec();
    t.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    t.truncate(LOOKUP_TERMS);
    t.into_iter().map(|x| x.0).collect()
}

/// The stories while a batch is placed.
struct Batch {
    stories: HashMap<u32, Working>,
    /// Union-find over story ids: merged stories point to the one kept.
    parent: HashMap<u32, u32>,
    /// term → stories holding it among a member's heaviest terms (possibly merged away since).
    postings: HashMap<u32, Vec<u32>>,
    /// Stories that got articles in this batch.
    touched: Vec<u32>,
}

impl Batch {
    /// Rebuilds the stories of the index with the current document frequencies.
    fn new(index: &StoryIndex) -> Batch {
        let mut b = Batch {
            stories: HashMap::new(),
            parent: HashMap::new(),
            postings: HashMap::new(),
            touched: Vec::new(),
        };
        let vectors: Vec<(usize, Vec<(u32, f32)>)> = index
            .articles
            .par_iter()
            .enumerate()
            .filter(|(_, a)| a.story != u32::MAX)
            .map(|(i, a)| (i, index.doc_freq.vector(&a.features)))
            .collect();
        for (i, v) in vectors {
            let a = &index.articles[i];
            b.join(a.story, i, a.time, &v);
        }
        b
    }

    fn find(&self, mut s: u32) -> u32 {
        while let Some(&p) = self.parent.get(&s) {
            if p == s {
                break;
            }
            s = p;
        }
        s
    }

    fn join(&mut self, story: u32, i: usize, time: Option<i64>, v: &[(u32, f32)]) {
        let w = self.stories.entry(story).or_default();
        add_into(&mut w.sum, v);
        w.members.push(i);
        if let Some(t) = time {
            w.first = Some(w.first.map_or(t, |f| f.min(t)));
            w.last = Some(w.last.map_or(t, |l| l.max(t)));
        }
        for t in lookup_terms(v) {
            let p = self.postings.entry(t).or_default();
            if p.last() != Some(&story) {
                p.push(story);
            }
        }
    }

    /// Stories sharing heavy terms with a vector: those sharing the most, at most
    /// [`MAX_CANDIDATES`], in id order.
    fn candidates(&self, v: &[(u32, f32)]) -> Vec<u32> {
        let mut hits: HashMap<u32, u32> = HashMap::new();
        for t in lookup_terms(v) {
            if let Some(p) = self.postings.get(&t) {
                for &s in p.iter().rev().take(MAX_POSTINGS) {
                    *hits.entry(self.find(s)).or_insert(0) += 1;
                }
            }
        }
        let mut c: Vec<(u32, u32)> = hits.into_iter().collect();
        c.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        c.truncate(MAX_CANDIDATES);
        let mut c: Vec<u32> = c.into_iter().map(|x| x.0).collect();
        c.sort_unstable();
        c
    }

    /// Places article `i`: into its best story, or into a new one.
    fn place(&mut self, index: &mut StoryIndex, i: usize) {
        let a = &index.articles[i];
        let v = index.doc_freq.vector(&a.features);
        let time = a.time;
        let candidates = self.candidates(&v);
        let mut best: Option<(f32, u32)> = None;
        for s in candidates {
            let Some(w) = self.stories.get(&s) else {
                continue;
            };
            let score = sparse_dot(&v, &w.sum) / w.members.len() as f32
                * time_factor(&index.config, (time, time), (w.first, w.last));
            if best.is_none_or(|(b, bs)| score > b || (score == b && s < bs)) {
                best = Some((score, s));
            }
        }
        let story = match best {
            Some((score, s)) if score >= index.config.threshold => s,
            _ => {
                let s = index.next_story;
                index.next_story += 1;
                s
            }
        };
        self.join(story, i, time, &v);
        self.touched.push(story);
        index.articles[i].story = story;
    }

    /// Average similarity between the members of two stories.
    fn linkage(&self, cfg: &StoryConfig, a: &Working, b: &Working) -> f32 {
        sparse_dot(&a.sum, &b.sum) / (a.members.len() * b.members.len()) as f32
            * time_factor(cfg, (a.first, a.last), (b.first, b.last))
    }

    /// Merges the stories touched in this batch with any story as similar on average as the
    /// threshold, the most similar pairs first, until none is left.
    fn merge(&mut self, index: &StoryIndex) {
        let cfg = &index.config;
        let mut active: Vec<u32> = self.touched.iter().map(|&s| self.find(s)).collect();
        active.sort_unstable();
        active.dedup();
        while !active.is_empty() {
            let mut pairs: Vec<(f32, u32, u32)> = Vec::new();
            for &s in &active {
                let Some(w) = self.stories.get(&s) else {
                    continue;
                };
                for o in self.candidates(&w.sum) {
                    if o == s {
                        continue;
                    }
                    let Some(x) = self.stories.get(&o) else {
                        continue;
                    };
                    let score = self.linkage(cfg, w, x);
                    if score >= cfg.threshold {
                        pairs.push((score, s.min(o), s.max(o)));
                    }
                }
            }
            pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
            pairs.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
            let mut used: Vec<u32> = Vec::new();
            let mut merged: Vec<u32> = Vec::new();
            for (_, a, b) in pairs {
                if used.contains(&a) || used.contains(&b) {
                    continue;
                }
                used.push(a);
                used.push(b);
                self.union(a, b);
                merged.push(a);
            }
            active = merged;
        }
    }

    /// Merges story `b` into story `a`.
    fn union(&mut self, a: u32, b: u32) {
        let Some(wb) = self.stories.remove(&b) else {
            return;
        };
        self.parent.insert(b, a);
        let wa = self.stories.entry(a).or_default();
        add_into(&mut wa.sum, &wb.sum);
        wa.members.extend(wb.members);
        wa.first = wa.first.into_iter().chain(wb.first).min();
        wa.last = wa.last.into_iter().chain(wb.last).max();
        for t in lookup_terms(&wb.sum) {
            self.postings.entry(t).or_default().push(a);
        }
    }

    /// Writes each article's final story into the index.
    fn write_back(&self, index: &mut StoryIndex) {
        for (&s, w) in &self.stories {
            for &i in &w.members {
                if let Some(a) = index.articles.get_mut(i) {
                    a.story = s;
                }
            }
        }
    }
}

/// Groups articles into stories with one batch of online clustering: each story as indices
/// into `articles`, in time order; stories ordered by their first article.
pub fn cluster(articles: &[Article], cfg: &StoryConfig) -> Vec<Vec<usize>> {
    let batch: Vec<NewArticle> = articles
        .par_iter()
        .map(|a| NewArticle::from_article(a, &cfg.features))
        .collect();
    let mut index = StoryIndex::new(cfg.clone());
    index.add(batch);
    index.stories()
}
