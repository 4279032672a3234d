//! Story clustering at scale: assembles synthetic news articles (3-5 KB each) from the sentences
//! of the shared corpora, spread over many synthetic events, then times feature extraction and
//! clustering and reports the state kept per article.
//!
//! usage: cargo run --release -p corroborate --example bench_stories [ARTICLES] [PER_EVENT] [--model]
//! (defaults 100000 and 10). With `--model`, each article's lead is embedded by the installed
//! model (timed apart) and the embeddings take part in the links, as in `analyze`.
//!
//! Each event draws its sentences from two real articles and has its own names (a person, a
//! place) and day; an article of the event takes about twenty sentences from the event's pool
//! and a few from anywhere, so events share vocabulary the way real coverage does.

use corroborate::article::Removed;
use corroborate::read::{self, ReadConfig};
use corroborate::stories::{NewArticle, StoryConfig, StoryIndex};
use corroborate::{Article, Corpus, Published};
use rayon::prelude::*;
use std::collections::HashMap;
use std::time::Instant;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FIRST: &[&str] = &[
    "Amara", "Bilal", "Chen", "Dara", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kwame",
    "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zofia",
];
const LAST: &[&str] = &[
    "Abara",
    "Brandt",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Gallo",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Silva",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
];
const PLACES: &[&str] = &[
    "Port", "North", "East", "San", "Lake", "New", "Fort", "Mount", "Saint", "West",
];
const PLACE_ENDS: &[&str] = &[
    "haven", "field", "bridge", "ford", "wick", "stead", "mouth", "dale", "burg", "ton",
];

fn fail(msg: &str) -> ! {
    eprintln!("bench_stories: {msg}");
    std::process::exit(1)
}

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let with_model = args.iter().any(|a| a == "--model");
    args.retain(|a| a != "--model");
    let model = with_model.then(|| {
        let dir = corroborate::similarity::embed::model_dir(None)
            .ok()
            .flatten()
            .unwrap_or_else(|| fail("no model installed (scripts/install-model.sh)"));
        corroborate::similarity::embed::Model::load(&dir).unwrap_or_else(|e| fail(&e.to_string()))
    });
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let per_event: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
    let paths: Vec<std::path::PathBuf> = ["ecbplus", "newswcl50"]
        .iter()
        .map(|d| std::path::Path::new(shared).join(d).join("articles.jsonl"))
        .collect();
    let (inputs, _) = read::discover(&paths);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    let sources: Vec<Vec<String>> = corpus
        .articles
        .iter()
        .map(|a| a.sentence_texts().map(str::to_string).collect::<Vec<_>>())
        .filter(|s: &Vec<String>| !s.is_empty())
        .collect();
    let all: Vec<&String> = sources.iter().flatten().collect();

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let events = n.div_ceil(per_event);
    let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let mut articles = Vec::with_capacity(n);
    let mut truth = HashMap::new();
    let mut bytes = 0usize;
    for e in 0..events {
        let pool: Vec<&String> = (0..2)
            .flat_map(|_| sources[rng.below(sources.len())].iter())
            .collect();
        let person = format!(
            "{} {}{}",
            FIRST[rng.below(FIRST.len())],
            LAST[rng.below(LAST.len())],
            e % 997
        );
        let place = format!(
            "{} {}{}",
            PLACES[rng.below(PLACES.len())],
            LAST[rng.below(LAST.len())],
            PLACE_ENDS[e % PLACE_ENDS.len()]
        );
        // Events spread over two years, a few a day.
        let day = base + chrono::Duration::days((e * 730 / events) as i64);
        for k in 0..per_event {
            if articles.len() == n {
                break;
            }
            let mut text = String::new();
            let mut sentences = Vec::new();
            let mut push = |text: &mut String, s: &str| {
                if !text.is_empty() {
                    text.push('\n');
                }
                let start = text.len();
                text.push_str(s);
                sentences.push(start..text.len());
            };
            push(
                &mut text,
                &format!("Officials in {place} said {person} was at the centre of the events."),
            );
            let target = 3000 + rng.below(2000);
            while text.len() < target {
                let s = if rng.below(5) == 0 {
                    all[rng.below(all.len())]
                } else {
                    pool[rng.below(pool.len())]
                };
                push(&mut text, s);
                if rng.below(8) == 0 {
                    push(
                        &mut text,
                        &format!("{person} spoke to reporters in {place}."),
                    );
                }
            }
            bytes += text.len();
            let id = format!("e{e}-{k}");
            truth.insert(id.clone(), e);
            let published = day + chrono::Duration::days(rng.below(3) as i64);
            articles.push(Article {
                id,
                title: Some(format!("{person}: news from {place}")),
                source: None,
                url: None,
                published: Some(Published::Date(published)),
                author: None,
                language: Some("en".into()),
                path: "synthetic".into(),
                line: None,
                text,
                sentences,
                metadata: Default::default(),
                removed: Removed::default(),
                notes: Vec::new(),
            });
        }
    }
    println!(
        "{} synthetic articles, {} events, {:.1} KB of text per article, {} threads",
        articles.len(),
        events,
        bytes as f64 / articles.len() as f64 / 1000.0,
        rayon::current_num_threads()
    );

    let cfg = StoryConfig::default();
    let t0 = Instant::now();
    let mut batch: Vec<NewArticle> = articles
        .par_iter()
        .map(|a| NewArticle::from_article(a, &cfg.features))
        .collect();
    let t_features = t0.elapsed().as_secs_f64();
    let te = Instant::now();
    if let Some(model) = &model {
        use corroborate::similarity::embed::DocEmbedding;
        let embeddings: Vec<Option<DocEmbedding>> = articles
            .par_iter()
            .map(|a| corroborate::similarity::doc_embedding(a, model))
            .collect();
        for (b, e) in batch.iter_mut().zip(embeddings) {
            b.embedding = e;
        }
    }
    let t_embed = te.elapsed().as_secs_f64();
    drop(articles);
    let t1 = Instant::now();
    let mut index = StoryIndex::new(cfg);
    index.add(batch);
    let t_cluster = t1.elapsed().as_secs_f64();
    let stories = index.stories();
    let total = t_features + t_embed + t_cluster;
    println!("features   {t_features:7.2} s");
    if model.is_some() {
        println!("lead embeddings {t_embed:7.2} s (the model)");
    }
    println!("clustering {t_cluster:7.2} s");
    println!(
        "total      {total:7.2} s  ({:.0} articles/s)",
        index.articles.len() as f64 / total
    );
    println!("state      {} bytes per article", index.bytes_per_article());
    println!("stories    {} (events {events})", stories.len());
    // Sanity: B-cubed F1 against the synthetic events.
    let mut both: HashMap<(usize, usize), f64> = HashMap::new();
    let mut gold: HashMap<usize, f64> = HashMap::new();
    for (k, s) in stories.iter().enumerate() {
        for &i in s {
            let e = truth[&index.articles[i].id];
            *both.entry((k, e)).or_default() += 1.0;
            *gold.entry(e).or_default() += 1.0;
        }
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (k, s) in stories.iter().enumerate() {
        for &i in s {
            let e = truth[&index.articles[i].id];
            p += both[&(k, e)] / s.len() as f64;
            r += both[&(k, e)] / gold[&e];
        }
    }
    let m = index.articles.len() as f64;
    let (p, r) = (p / m, r / m);
    println!(
        "B-cubed F1 on the synthetic events {:.4}",
        2.0 * p * r / (p + r)
    );
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(l) = status.lines().find(|l| l.starts_with("VmHWM")) {
            println!("peak memory {}", l.trim_start_matches("VmHWM:").trim());
        }
    }
}
