//! The fuzz targets' checks (`fuzz/fuzz_targets/checks.rs`) over their committed seed corpora
//! (`fuzz/corpus/<target>/`), as a plain test: CI runs every corpus input this way, since
//! building the instrumented fuzz crate takes longer than CI can spare (see fuzz/README.md).
//! Inputs the fuzzer found worth keeping can be added to the corpora and are checked here.

#[path = "../../../fuzz/fuzz_targets/checks.rs"]
mod checks;

use std::path::PathBuf;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/corpus")).join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir:?}: {e}"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{target}: no seed inputs");
    files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).expect("reads");
            (p, b)
        })
        .collect()
}

fn run(target: &str, check: fn(&[u8])) {
    for (path, bytes) in corpus(target) {
        let got = std::panic::catch_unwind(|| check(&bytes));
        assert!(got.is_ok(), "{target}: {path:?} fails its check");
    }
}

#[test]
fn read_corpus() {
    run("read", checks::read);
}

#[test]
fn analyze_corpus() {
    run("analyze", checks::analyze);
}

#[test]
fn facts_corpus() {
    run("facts", checks::facts);
}

#[test]
fn http_body_corpus() {
    run("http_body", checks::http_body);
}

#[test]
fn the_generator_reaches_the_hard_cases() {
    // The structure-aware generator must be able to write what the issue lists: a sentence of
    // pieces holds dates, huge digit runs and odd characters.
    use checks::gen::Piece;
    let text = checks::gen::text(&[
        Piece::Date(2021, 1, 30, 0),
        Piece::Digits(400, 1),
        Piece::Float(f64::INFINITY),
        Piece::Odd(19),
        Piece::Quote(0),
    ]);
    assert!(text.contains("February 30, 2021"), "{text}");
    assert!(text.contains(&"1".repeat(400)), "{text}");
    assert!(text.contains("inf"), "{text}");
    assert!(text.contains('\u{202e}'), "{text:?}");
}
