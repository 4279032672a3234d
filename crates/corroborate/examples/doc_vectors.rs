//! MiniLM document vectors for the story-clustering baseline (scripts/baseline_stories.py): each
//! article's title and text embedded as one sequence (cut at the model's 256 tokens), which is
//! what sentence-transformers' `model.encode(title + "\n" + text)` gives, so the baseline
//! needs no PyTorch. One JSON line per article: `{"id": ..., "vector": [...]}`, input order.
//!
//! usage: doc_vectors ARTICLES.jsonl OUT.jsonl [MODEL_DIR]

use corroborate::read::{self, ReadConfig};
use corroborate::similarity::embed::{model_dir, Model};
use corroborate::Corpus;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: doc_vectors ARTICLES.jsonl OUT.jsonl [MODEL_DIR]");
        std::process::exit(2);
    }
    let fail = |msg: String| -> ! {
        eprintln!("doc_vectors: {msg}");
        std::process::exit(1)
    };
    let dir = match model_dir(args.get(3).map(PathBuf::from).as_deref()) {
        Ok(Some(d)) => d,
        Ok(None) => fail("no model installed (scripts/install-model.sh)".into()),
        Err(e) => fail(e.to_string()),
    };
    let model = Model::load(&dir).unwrap_or_else(|e| fail(e.to_string()));
    let (inputs, _) = read::discover(&[PathBuf::from(&args[1])]);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    let t = std::time::Instant::now();
    let vectors: Vec<Vec<f32>> = corpus
        .articles
        .par_iter()
        .map(|a| {
            let doc = format!("{}\n{}", a.title.as_deref().unwrap_or(""), a.text);
            model
                .embed(&[doc.as_str()])
                .ok()
                .and_then(|mut v| v.pop())
                .unwrap_or_default()
        })
        .collect();
    let secs = t.elapsed().as_secs_f64();
    let file =
        std::fs::File::create(&args[2]).unwrap_or_else(|e| fail(format!("{}: {e}", args[2])));
    let mut out = std::io::BufWriter::new(file);
    for (a, v) in corpus.articles.iter().zip(&vectors) {
        let line = serde_json::json!({"id": a.id, "vector": v});
        writeln!(out, "{line}").unwrap_or_else(|e| fail(e.to_string()));
    }
    out.flush().unwrap_or_else(|e| fail(e.to_string()));
    eprintln!(
        "doc_vectors: {} articles in {secs:.1} s ({:.1} articles/s)",
        vectors.len(),
        vectors.len() as f64 / secs
    );
}
