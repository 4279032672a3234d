//! Generates a deduplication benchmark corpus: JSONL articles of about 5 KB built from real news
//! sentences (../shared/data: ecbplus and newswcl50), with planted duplicates at known Jaccard
//! levels, and the ground truth of the planted pairs.
//!
//! ```text
//! cargo run --release -p corroborate --example gen_dedup_corpus -- N OUT.jsonl TRUTH.jsonl [SEED]
//! ```
//!
//! Base articles are runs of 2–6 consecutive sentences drawn from random source articles, in
//! paragraphs, until about 5,000 bytes. About 12% of the articles are planted duplicates of an
//! earlier base article, spread evenly over the levels: `exact` (the same body with different page
//! furniture lines and spacing), and near-duplicates edited (word replaced, inserted or deleted,
//! at random places) until the word-5-gram Jaccard similarity with the original is just at or
//! above 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5 or 0.3. The truth file has one line per planted pair:
//! `{"id", "of", "level", "jaccard"}` with the exact Jaccard similarity (corroborate's shingles).

use corroborate::copies::shingles::{shingle, ShingleSet};
use std::io::{BufRead, Write};

/// Deterministic PRNG (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const LEVELS: [&str; 9] = [
    "exact", "0.95", "0.9", "0.85", "0.8", "0.7", "0.6", "0.5", "0.3",
];
const FURNITURE: [&str; 8] = [
    "Share this:",
    "Advertisement",
    "Related posts",
    "Leave a Reply",
    "Follow us on Twitter",
    "Subscribe to our newsletter for free updates",
    "Read more: the latest headlines from our newsroom",
    "Copyright 2025 All rights reserved.",
];

fn load_sources(shared: &std::path::Path) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for set in ["ecbplus", "newswcl50"] {
        let path = shared.join("data").join(set).join("articles.jsonl");
        let Ok(f) = std::fs::File::open(&path) else {
            eprintln!("cannot open {}", path.display());
            continue;
        };
        for line in std::io::BufReader::new(f).lines().map_while(Result::ok) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
                continue;
            };
            let sents: Vec<String> = corroborate::ingest::sentences::split(text)
                .into_iter()
                .filter_map(|r| text.get(r))
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|s| s.split_whitespace().count() >= 6)
                .collect();
            if sents.len() >= 2 {
                out.push(sents);
            }
        }
    }
    out
}

fn base_article(rng: &mut Rng, sources: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut paras = Vec::new();
    let mut bytes = 0;
    while bytes < 5000 {
        let src = &sources[rng.below(sources.len())];
        let run = 2 + rng.below(5);
        let start = rng.below(src.len());
        let para: Vec<String> = src[start..(start + run).min(src.len())].to_vec();
        bytes += para.iter().map(|s| s.len() + 1).sum::<usize>();
        paras.push(para);
    }
    paras
}

fn body(paras: &[Vec<String>]) -> String {
    paras
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Edits words of `text` until its Jaccard similarity with the original would fall below
/// `target`; returns the last text at or above it and its similarity.
fn edit_to(rng: &mut Rng, text: &str, target: f64, vocab: &[String]) -> (String, f64) {
    let orig = ShingleSet::new(shingle(text, 5).shingles);
    let mut paras: Vec<Vec<String>> = text
        .split('\n')
        .map(|p| p.split_whitespace().map(String::from).collect())
        .collect();
    let mut current = (text.to_string(), 1.0);
    let mut fine = false;
    loop {
        let before = paras.clone();
        // A few edits at a time far from the target, one at a time near it.
        let steps = if !fine && current.1 - target > 0.1 {
            4
        } else {
            1
        };
        for _ in 0..steps {
            let p = rng.below(paras.len());
            let words = &mut paras[p];
            if words.is_empty() {
                continue;
            }
            let i = rng.below(words.len());
            let w = vocab[rng.below(vocab.len())].clone();
            match rng.below(10) {
                0..=5 => words[i] = w,
                6..=7 => words.insert(i, w),
                _ => {
                    words.remove(i);
                }
            }
        }
        let text = paras
            .iter()
            .map(|p| p.join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        let j = orig.jaccard(&ShingleSet::new(shingle(&text, 5).shingles));
        if j < target {
            if steps == 1 {
                return current;
            }
            paras = before;
            fine = true;
            continue;
        }
        current = (text, j);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: gen_dedup_corpus N OUT.jsonl TRUTH.jsonl [SEED]");
        std::process::exit(2);
    }
    let n: usize = args[1].parse().unwrap_or(100_000);
    let seed: u64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(42);
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let sources = load_sources(&shared);
    if sources.is_empty() {
        eprintln!("no sentences found under {}", shared.display());
        std::process::exit(1);
    }
    let mut vocab: Vec<String> = sources
        .iter()
        .flatten()
        .flat_map(|s| s.split_whitespace().map(String::from))
        .collect();
    vocab.sort();
    vocab.dedup();
    let mut rng = Rng(seed);
    let (Ok(out), Ok(truth)) = (
        std::fs::File::create(&args[2]),
        std::fs::File::create(&args[3]),
    ) else {
        eprintln!("cannot create the output files");
        std::process::exit(1);
    };
    let mut out = std::io::BufWriter::new(out);
    let mut truth = std::io::BufWriter::new(truth);
    // Base articles are kept (as text) to plant copies of them later.
    let mut bases: Vec<(String, String)> = Vec::new();
    let mut planted = 0usize;
    for i in 0..n {
        let id = format!("a{i:06}");
        let text;
        if bases.len() > 10 && rng.chance(0.12) {
            let (of, orig) = bases[rng.below(bases.len())].clone();
            let level = LEVELS[planted % LEVELS.len()];
            planted += 1;
            let jaccard;
            if level == "exact" {
                let mut lines: Vec<String> = orig.split('\n').map(|l| format!("  {l} ")).collect();
                let f = FURNITURE[rng.below(FURNITURE.len())];
                lines.push(String::new());
                lines.push(f.to_string());
                lines.push(FURNITURE[rng.below(FURNITURE.len())].to_string());
                text = lines.join("\n");
                jaccard = 1.0;
            } else {
                let target: f64 = level.parse().unwrap_or(0.9);
                let (t, j) = edit_to(&mut rng, &orig, target, &vocab);
                text = t;
                jaccard = j;
            }
            let line = serde_json::json!({"id": id, "of": of, "level": level, "jaccard": jaccard});
            let _ = writeln!(truth, "{line}");
        } else {
            text = body(&base_article(&mut rng, &sources));
            // Copies are planted from the 20,000 most recent base articles.
            if bases.len() >= 20_000 {
                bases.swap_remove(rng.below(bases.len()));
            }
            bases.push((id.clone(), text.clone()));
        }
        let line = serde_json::json!({"id": id, "title": format!("Article {i}"), "text": text});
        if writeln!(out, "{line}").is_err() {
            eprintln!("write failed");
            std::process::exit(1);
        }
    }
    let _ = out.flush();
    let _ = truth.flush();
    eprintln!("{n} articles, {planted} planted duplicates");
}
