//! Benchmark: facts (extraction and comparison) for 10,000 articles.
//!
//! Reads the real articles of ../shared/data/ecbplus and ../shared/data/newswcl50, groups
//! them by their gold story into stories of at most 10 articles, and repeats the set (with new
//! ids) until it holds the requested number of articles. Times only facts: reading and
//! cleaning are done before the clock starts.
//!
//! Usage: cargo run --release -p corroborate --example bench_facts [ARTICLES] [THREADS]

use corroborate::facts::{self, FactsConfig};
use corroborate::read::{discover, ReadConfig};
use corroborate::{Article, Corpus};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let target: usize = args.next().map_or(Ok(10_000), |a| a.parse())?;
    let threads: usize = args.next().map_or(Ok(0), |a| a.parse())?;
    if threads > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()?;
    }
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
    let mut base: Vec<Article> = Vec::new();
    let mut gold: BTreeMap<String, String> = BTreeMap::new();
    for set in ["ecbplus", "newswcl50"] {
        let (inputs, _) = discover(&[format!("{shared}/{set}/articles.jsonl").into()]);
        let mut corpus = Corpus::new();
        corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
        base.extend(corpus.articles);
        for line in std::fs::read_to_string(format!("{shared}/{set}/gold.jsonl"))?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let (Some(id), Some(story)) = (v["id"].as_str(), v.get("story")) {
                gold.insert(id.to_string(), format!("{set}:{story}"));
            }
        }
    }
    // Gold stories, cut into groups of at most 10.
    let mut by_story: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in base.iter().enumerate() {
        let story = gold.get(&a.id).cloned().unwrap_or_else(|| a.id.clone());
        by_story.entry(story).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = by_story
        .values()
        .flat_map(|m| m.chunks(10).map(<[usize]>::to_vec).collect::<Vec<_>>())
        .collect();
    let mut articles: Vec<Article> = Vec::with_capacity(target);
    let mut stories: Vec<Vec<usize>> = Vec::new();
    'fill: for round in 0.. {
        for g in &groups {
            let mut story = Vec::new();
            for &i in g {
                if articles.len() == target {
                    stories.push(story);
                    break 'fill;
                }
                let mut a = base[i].clone();
                a.id = format!("{}#{round}", a.id);
                story.push(articles.len());
                articles.push(a);
            }
            stories.push(story);
        }
        if base.is_empty() {
            break;
        }
    }
    let sentences: usize = articles.iter().map(|a| a.sentences.len()).sum();
    let words: usize = articles.iter().map(Article::words).sum();
    let cfg = FactsConfig::default();
    let t = Instant::now();
    use rayon::prelude::*;
    let extracted: Vec<facts::ArticleFacts> = articles.par_iter().map(facts::extract).collect();
    let t_extract = t.elapsed().as_secs_f64();
    let out: Vec<Vec<corroborate::report::Fact>> = stories
        .par_iter()
        .map(|m| {
            let arts: Vec<&Article> = m.iter().map(|&i| &articles[i]).collect();
            let ex: Vec<facts::ArticleFacts> = m.iter().map(|&i| extracted[i].clone()).collect();
            facts::compare::compare(&arts, &ex, &cfg, &facts::CachedLexical::new(&arts))
        })
        .collect();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "extraction {t_extract:.2} s, comparison {:.2} s",
        secs - t_extract
    );
    let n_facts: usize = out.iter().map(Vec::len).sum();
    let mut by_status: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in out.iter().flatten() {
        *by_status
            .entry((f.kind.clone(), f.status.clone()))
            .or_default() += 1;
    }
    println!(
        "facts: {} articles ({} sentences, {} words) in {} stories, {} threads: {:.2} s ({:.0} articles/s), {} facts",
        articles.len(),
        sentences,
        words,
        stories.len(),
        rayon::current_num_threads(),
        secs,
        articles.len() as f64 / secs,
        n_facts
    );
    for ((kind, status), n) in by_status {
        println!("  {kind:9} {status:14} {n}");
    }
    Ok(())
}
