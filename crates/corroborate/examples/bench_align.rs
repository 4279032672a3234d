//! Times sentence alignment of two 40-sentence articles (vectors cached, as in `analyze`), the
//! embedding of one article, and the whole rewrite pass over the five seeds.
//!
//! Usage: cargo run --release -p corroborate --example bench_align [SEEDS_DIR] [RUNS]
//! The model is found as `corroborate analyze` finds it (CORROBORATE_MODEL or the default
//! directory); without one only the lexical figures are printed.
//! Optionally writes the two articles' sentence vectors to $BENCH_VECTORS_OUT (JSON) for the
//! side-by-side numpy/scikit-learn run in scripts/bench-align.sh.

use corroborate::copies::relations::for_stories;
use corroborate::copies::rewrite::{counted_sentences, judge, RewriteConfig};
use corroborate::read::{self, ReadConfig};
use corroborate::similarity::align::{align, AlignConfig};
use corroborate::similarity::embed::{model_dir, Model};
use corroborate::similarity::{
    lexical_vectors, semantic_vectors, similarity_matrix, SentenceVectors,
};
use corroborate::{Article, Corpus};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const SENTENCES: usize = 40;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let seeds = args.get(1).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/seeds"
        ))
    });
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(1000);
    let (inputs, _) = read::discover(&[seeds]);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    corpus.articles.sort_by(|a, b| a.id.cmp(&b.id));
    if corpus.articles.len() < 5 {
        return Err("expected the five seeds".into());
    }
    // Two 40-sentence articles of real rewritten news: 000+002+004 and 004+000+002.
    let s = &corpus.articles;
    let x = concat("x", &[&s[0], &s[2], &s[4]]);
    let y = concat("y", &[&s[4], &s[0], &s[2]]);
    println!(
        "articles: {} and {} sentences, {} and {} words",
        x.sentences.len(),
        y.sentences.len(),
        x.words(),
        y.words()
    );
    let cfg = RewriteConfig::default();

    let lx = lexical_vectors(&x);
    let ly = lexical_vectors(&y);
    let t = median(runs, || {
        let _ = lexical_vectors(&x);
    });
    println!("lexical vectors, one article: {}", ms(t));
    let t = median(runs, || {
        let _ = pair(&x, &y, &lx, &ly, &cfg);
    });
    println!(
        "alignment of the pair, lexical: {} (median of {runs})",
        ms(t)
    );

    let dir = model_dir(None)?;
    let Some(dir) = dir else {
        println!("no model installed: semantic figures skipped (scripts/install-model.sh)");
        return Ok(());
    };
    let started = Instant::now();
    let model = Model::load(&dir)?;
    println!("model load: {}", ms(started.elapsed()));
    let sx = semantic_vectors(&x, &model)?;
    let sy = semantic_vectors(&y, &model)?;
    let embed_runs = (runs / 50).clamp(5, 40);
    let t = median(embed_runs, || {
        let _ = semantic_vectors(&x, &model);
    });
    println!(
        "embedding one {SENTENCES}-sentence article: {} (median of {embed_runs}, threads: {})",
        ms(t),
        candle_threads()
    );
    let t = median(runs, || {
        let _ = pair(&x, &y, &sx, &sy, &cfg);
    });
    let (kind, score, pairs) = pair(&x, &y, &sx, &sy, &cfg);
    println!(
        "alignment of the pair, semantic: {} (median of {runs}; {kind}, score {score:.3}, \
         {pairs} pairs)",
        ms(t)
    );

    // The whole pass over the seeds as one story: embeddings + all 10 pairs + families.
    let members = vec![(0..s.len()).collect::<Vec<_>>()];
    let t = median(embed_runs, || {
        for_stories(&members, &corpus.articles, Some(&model), &cfg);
    });
    println!(
        "seeds story (5 articles, 10 pairs, with embedding): {}",
        ms(t)
    );

    if let Ok(out) = std::env::var("BENCH_VECTORS_OUT") {
        let (SentenceVectors::Semantic(a), SentenceVectors::Semantic(b)) = (&sx, &sy) else {
            return Err("semantic vectors expected".into());
        };
        let json = serde_json::json!({ "a": a, "b": b, "threshold": cfg.min_semantic_similarity });
        std::fs::write(out, json.to_string())?;
    }
    Ok(())
}

/// Similarity matrix, alignment and judgement of one pair from cached vectors.
fn pair(
    x: &Article,
    y: &Article,
    vx: &SentenceVectors,
    vy: &SentenceVectors,
    cfg: &RewriteConfig,
) -> (&'static str, f64, usize) {
    let Some(m) = similarity_matrix(vx, vy) else {
        return ("none", 0.0, 0);
    };
    let acfg = AlignConfig {
        min_similarity: cfg.min_similarity(m.kind()),
    };
    let al = align(
        &m,
        &counted_sentences(x, cfg.min_words),
        &counted_sentences(y, cfg.min_words),
        &acfg,
    );
    let r = judge(0, 1, al, cfg);
    (r.kind.as_str(), r.score, r.evidence.len())
}

/// The first [`SENTENCES`] sentences of the articles, one after the other, as one article.
fn concat(id: &str, parts: &[&Article]) -> Article {
    let mut a = parts[0].clone();
    a.id = id.to_string();
    let texts: Vec<&str> = parts
        .iter()
        .flat_map(|p| p.sentence_texts())
        .take(SENTENCES)
        .collect();
    a.text = texts.join("\n");
    a.sentences = corroborate::ingest::sentences::split(&a.text);
    a.sentences.truncate(SENTENCES);
    a
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm up
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn candle_threads() -> usize {
    candle_core::utils::get_num_threads()
}
