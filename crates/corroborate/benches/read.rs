//! Throughput of read + clean + split (+ extraction for HTML), single-threaded, on real text:
//! the article bodies of ../shared/data (plain text) and the 181 pages of the article-extraction
//! benchmark (HTML). Targets: text >= 50 MB/s, HTML >= 5 MB/s per core.
//!
//! Run: `cargo bench -p corroborate --bench read` (or scripts/bench-read.sh, which also times
//! Python trafilatura on the same pages).

use corroborate::read::{parse_bytes, ReadConfig};
use corroborate::Corpus;
use std::io::Read;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn text_docs() -> Vec<Vec<u8>> {
    let mut docs = Vec::new();
    for set in ["ecbplus", "newswcl50"] {
        let path = shared().join("data").join(set).join("articles.jsonl");
        let Ok(data) = std::fs::read_to_string(&path) else {
            eprintln!("missing {}", path.display());
            continue;
        };
        for line in data.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v["text"].as_str() {
                    docs.push(t.as_bytes().to_vec());
                }
            }
        }
    }
    docs
}

fn html_docs() -> Vec<(String, Vec<u8>)> {
    let dir = shared().join("data/article-extraction/html");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .filter_map(|p| {
            let gz = std::fs::read(&p).ok()?;
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(gz.as_slice())
                .read_to_end(&mut html)
                .ok()?;
            let name = p
                .file_name()?
                .to_string_lossy()
                .trim_end_matches(".gz")
                .to_string();
            Some((name, html))
        })
        .collect()
}

/// Runs `docs` through read + ingest on one thread, `rounds` times; returns (MB/s, articles).
fn measure(docs: &[(String, Vec<u8>)], rounds: usize) -> (f64, usize) {
    let cfg = ReadConfig::default();
    let bytes: usize = docs.iter().map(|(_, d)| d.len()).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("one-thread pool");
    // CPU time of the one thread doing the work: "per core", and steady when other processes
    // share the machine.
    let (secs, articles) = pool.install(|| {
        let start = cpu_time::ThreadTime::now();
        let mut articles = 0;
        for _ in 0..rounds {
            let mut corpus = Corpus::new();
            for (name, d) in docs {
                corpus.add_outcome(parse_bytes(name, Some(name), d, &cfg));
            }
            articles = corpus.articles.len();
        }
        (start.elapsed().as_secs_f64(), articles)
    });
    ((bytes * rounds) as f64 / 1e6 / secs, articles)
}

fn median_of_3(mut f: impl FnMut() -> (f64, usize)) -> (f64, usize) {
    let mut runs = [f(), f(), f()];
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    runs[1]
}

fn main() {
    let text: Vec<(String, Vec<u8>)> = text_docs()
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("{i}.txt"), d))
        .collect();
    let text_mb = text.iter().map(|(_, d)| d.len()).sum::<usize>() as f64 / 1e6;
    measure(&text, 1); // warm-up: compiles the static regexes
    let (mbps, n) = median_of_3(|| measure(&text, 10));
    println!(
        "plain text: {n} articles, {text_mb:.1} MB x 10 rounds, median of 3: {mbps:.1} MB/s on one core (target >= 50)"
    );
    let html = html_docs();
    let html_mb = html.iter().map(|(_, d)| d.len()).sum::<usize>() as f64 / 1e6;
    measure(&html, 1);
    let (mbps, n) = median_of_3(|| measure(&html, 3));
    println!(
        "HTML: {n} of {} pages, {html_mb:.1} MB x 3 rounds, median of 3: {mbps:.1} MB/s on one core (target >= 5)",
        html.len()
    );
}
