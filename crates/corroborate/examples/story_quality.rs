//! Story-clustering quality on corpora with gold labels, for tuning and checking the default
//! configuration: B-cubed precision, recall and F1 of `stories::cluster` per corpus.
//!
//! usage: story_quality DATA_DIR... [--threshold SIM]
//! (each DATA_DIR holds articles.jsonl and gold.jsonl with `id` and `story`)

use corroborate::read::{self, ReadConfig};
use corroborate::stories::{self, NewArticle, StoryConfig, StoryIndex};
use corroborate::Corpus;
use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    let mut dirs = Vec::new();
    let mut cfg = StoryConfig::default();
    let mut batches: usize = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threshold" => {
                cfg.threshold = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(cfg.threshold)
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
        let t = std::time::Instant::now();
        let stories = if batches <= 1 {
            stories::cluster(&corpus.articles, &cfg)
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
                        .map(|(_, a)| NewArticle::from_article(a, &cfg.features))
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
