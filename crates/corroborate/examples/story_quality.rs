//! Story-clustering quality on corpora with gold labels, for tuning and checking the default
//! configuration: B-cubed precision, recall and F1 of `stories::cluster` per corpus.
//!
//! usage: story_quality DATA_DIR... [--threshold SIM] [--model DIR] [--embedding-weight W]
//!        [--lead N] [--batches N] [--neighbors K] [--merge-share S]
//! (each DATA_DIR holds articles.jsonl and gold.jsonl with `id` and `story`)
//!
//! With `--model`, every article's sentences are embedded (cached in
//! `$TMPDIR/story_quality-<corpus>.emb.json` for the next run) and the lead of `--lead`
//! sentences gives its embedding, as `analyze` does with a model.

use corroborate::read::{self, ReadConfig};
use corroborate::similarity::embed::DocEmbedding;
use corroborate::stories::{self, NewArticle, StoryConfig, StoryIndex};
use corroborate::Corpus;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn main() {
    let mut dirs = Vec::new();
    let mut cfg = StoryConfig::default();
    let mut batches: usize = 1;
    let mut model_dir: Option<PathBuf> = None;
    let mut lead = corroborate::similarity::embed::DocEmbedding::SENTENCES;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threshold" => {
                cfg.threshold = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(cfg.threshold)
            }
            "--model" => model_dir = args.next().map(PathBuf::from),
            "--lead" => lead = args.next().and_then(|v| v.parse().ok()).unwrap_or(lead),
            "--embedding-weight" => {
                cfg.embedding_weight = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(cfg.embedding_weight)
            }
            "--batches" => batches = args.next().and_then(|v| v.parse().ok()).unwrap_or(1),
            "--neighbors" => {
                cfg.neighbors = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(cfg.neighbors)
            }
            "--merge-share" => {
                cfg.merge_share = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(cfg.merge_share)
            }
            "--entity-weight" => {
                cfg.features.entity_weight = args.next().and_then(|v| v.parse().ok()).unwrap_or(2.0)
            }
            "--max-terms" => {
                cfg.features.max_terms = args.next().and_then(|v| v.parse().ok()).unwrap_or(256)
            }
            "--title-weight" => {
                cfg.features.title_weight = args.next().and_then(|v| v.parse().ok()).unwrap_or(2.0)
            }
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    for dir in dirs {
        let (inputs, _) = read::discover(&[dir.join("articles.jsonl")]);
        let mut corpus = Corpus::new();
        corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
        let gold: HashMap<String, String> = std::fs::read_to_string(dir.join("gold.jsonl"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                Some((
                    v["id"].as_str()?.to_string(),
                    v["story"].as_str()?.to_string(),
                ))
            })
            .collect();
        let embeddings: Vec<Option<DocEmbedding>> = match &model_dir {
            Some(m) => sentence_embeddings(&dir, &corpus, m)
                .iter()
                .map(|v| DocEmbedding::from_lead(v, lead))
                .collect(),
            None => Vec::new(),
        };
        let t = std::time::Instant::now();
        let stories = if batches <= 1 {
            stories::cluster_with(&corpus.articles, &embeddings, &cfg)
        } else {
            // Article i goes in batch i % batches: each batch holds part of every story.
            let mut index = StoryIndex::new(cfg.clone());
            for b in 0..batches {
                index.add(
                    corpus
                        .articles
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| i % batches == b)
                        .map(|(i, a)| NewArticle {
                            embedding: embeddings.get(i).cloned().flatten(),
                            ..NewArticle::from_article(a, &cfg.features)
                        })
                        .collect(),
                );
            }
            let at: HashMap<&str, usize> = corpus
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.as_str(), i))
                .collect();
            index
                .stories()
                .into_iter()
                .map(|s| {
                    s.into_iter()
                        .map(|i| at[index.articles[i].id.as_str()])
                        .collect()
                })
                .collect()
        };
        let secs = t.elapsed().as_secs_f64();
        let pred: Vec<Vec<&str>> = stories
            .iter()
            .map(|s| s.iter().map(|&i| corpus.articles[i].id.as_str()).collect())
            .collect();
        let (p, r) = bcubed(&pred, &gold);
        println!(
            "{}\tstories {}\tB3 P {p:.4} R {r:.4} F1 {:.4}\t{secs:.2} s",
            dir.display(),
            pred.len(),
            2.0 * p * r / (p + r)
        );
    }
}

/// Every article's sentence embeddings, from the cache when it is there.
fn sentence_embeddings(dir: &Path, corpus: &Corpus, model: &Path) -> Vec<Vec<Vec<f32>>> {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("corpus");
    let cache = std::env::temp_dir().join(format!("story_quality-{name}.emb.json"));
    if let Some(v) = std::fs::read(&cache)
        .ok()
        .and_then(|b| serde_json::from_slice::<Vec<Vec<Vec<f32>>>>(&b).ok())
        .filter(|v| v.len() == corpus.articles.len())
    {
        return v;
    }
    let model = match corroborate::similarity::embed::Model::load(model) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("story_quality: {e}");
            std::process::exit(1);
        }
    };
    let t = std::time::Instant::now();
    let v: Vec<Vec<Vec<f32>>> = corpus
        .articles
        .par_iter()
        .map(|a| {
            let s: Vec<&str> = a.sentence_texts().collect();
            model.embed(&s).unwrap_or_default()
        })
        .collect();
    eprintln!(
        "{name}: embedded {} articles in {:.1} s",
        v.len(),
        t.elapsed().as_secs_f64()
    );
    if let Ok(b) = serde_json::to_vec(&v) {
        let _ = std::fs::write(&cache, b);
    }
    v
}

/// B-cubed precision and recall over the articles that have a gold label.
fn bcubed(pred: &[Vec<&str>], gold: &HashMap<String, String>) -> (f64, f64) {
    let mut gold_size: HashMap<&str, usize> = HashMap::new();
    for g in gold.values() {
        *gold_size.entry(g).or_default() += 1;
    }
    let (mut p, mut r, mut n) = (0.0f64, 0.0f64, 0.0f64);
    for s in pred {
        let labels: Vec<&str> = s
            .iter()
            .filter_map(|id| gold.get(*id))
            .map(String::as_str)
            .collect();
        for g in &labels {
            let same = labels.iter().filter(|x| *x == g).count() as f64;
            p += same / labels.len() as f64;
            r += same / gold_size[g] as f64;
            n += 1.0;
        }
    }
    (p / n.max(1.0), r / n.max(1.0))
}
