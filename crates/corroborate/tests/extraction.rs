//! Main-text extraction on the article-extraction benchmark (181 real pages), scored with the
//! benchmark's published metric by `../shared/eval/score_extraction.py`. Target: F1 >= 0.96.

use corroborate::{read, Corpus, ReadConfig};
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

#[test]
fn extraction_f1_on_the_benchmark_is_at_least_0_96() {
    let data = shared().join("data/article-extraction");
    assert!(
        data.is_dir(),
        "{} missing: ../shared must sit beside the repository",
        data.display()
    );
    let (inputs, skips) = read::discover(&[data.join("html")]);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(inputs.len(), 181);
    let mut corpus = Corpus::new();
    corpus.read_inputs(&inputs, &ReadConfig::default(), &|| {});
    let pred: serde_json::Map<String, serde_json::Value> = corpus
        .articles
        .iter()
        .map(|a| (a.id.clone(), serde_json::json!({ "articleBody": a.text })))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let pred_path = dir.path().join("pred.json");
    std::fs::write(&pred_path, serde_json::to_vec(&pred).expect("json")).expect("write");
    let out = Command::new("python3")
        .arg(shared().join("eval/score_extraction.py"))
        .arg("--gold")
        .arg(data.join("ground-truth.json"))
        .arg("--pred")
        .arg(&pred_path)
        .output()
        .expect("python3 runs the scorer");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f1: f64 = text
        .split_whitespace()
        .skip_while(|w| *w != "F1")
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no F1 in the scorer's output: {text}"));
    println!("{text}");
    assert!(f1 >= 0.96, "extraction F1 {f1} < 0.96\n{text}");
    // Pages the extractor gave no text for are skipped with a reason, never silently lost.
    assert_eq!(corpus.articles.len() + corpus.skipped.len(), 181);
}
