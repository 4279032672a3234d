//! The fuzz targets' checks (`fuzz/fuzz_targets/checks.rs`) as a plain test, on stable: over
//! their committed seed corpora (`fuzz/corpus/<target>/`), and over inputs generated from a
//! fixed seed (below). CI runs the fuzz checks this way, since building the instrumented fuzz
//! crate takes longer than CI can spare (see fuzz/README.md). Inputs the fuzzer found worth
//! keeping can be added to the corpora and are checked here.

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

// Seeded generation: a thousand inputs per target, made from a fixed seed, through the same
// structure-aware generator (`gen.rs`, behind each check) as the fuzz targets. Not
// coverage-guided: the bytes are random or mutations of the committed inputs, the same on every
// run. `CORROBORATE_FUZZ_CASES` (default 1,000) and `CORROBORATE_FUZZ_SEED` run more or other
// inputs; a failing input is written to `fuzz/artifacts/<target>/` (ignored by git), where
// `cargo fuzz run -s none -O <target> <file>` replays it too.

/// Inputs per target unless `CORROBORATE_FUZZ_CASES` says otherwise.
const CASES: usize = 1_000;

/// Longest generated input, in bytes (what libFuzzer's default `-max_len` is near for these
/// targets' seeds).
const MAX_LEN: usize = 4096;

fn cases() -> usize {
    std::env::var("CORROBORATE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES)
}

/// The seed of a target's inputs: `CORROBORATE_FUZZ_SEED` (default 0) mixed with the target's
/// name, so that the four targets do not get the same bytes.
fn seed(target: &str) -> u64 {
    let base: u64 = std::env::var("CORROBORATE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    // FNV-1a of the name.
    target.bytes().fold(base ^ 0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Random bytes, or a committed input with a few mutations (bytes changed, inserted, removed,
/// a range repeated, a piece of another input spliced in), as a mutating fuzzer would.
fn next_input(rng: &mut fastrand::Rng, seeds: &[(PathBuf, Vec<u8>)]) -> Vec<u8> {
    if seeds.is_empty() || rng.bool() {
        let len = rng.usize(..=MAX_LEN);
        return std::iter::repeat_with(|| rng.u8(..)).take(len).collect();
    }
    let mut v = seeds[rng.usize(..seeds.len())].1.clone();
    for _ in 0..rng.usize(1..=8) {
        let at = rng.usize(..=v.len());
        match rng.u8(..5) {
            0 if at < v.len() => v[at] = rng.u8(..),
            1 => {
                let n = rng.usize(1..=16);
                let bytes: Vec<u8> = std::iter::repeat_with(|| rng.u8(..)).take(n).collect();
                v.splice(at..at, bytes);
            }
            2 => {
                let end = (at + rng.usize(1..=64)).min(v.len());
                v.drain(at..end);
            }
            3 => {
                let end = (at + rng.usize(1..=64)).min(v.len());
                let piece = v[at..end].to_vec();
                v.splice(at..at, piece);
            }
            _ => {
                let other = &seeds[rng.usize(..seeds.len())].1;
                let from = rng.usize(..=other.len());
                let end = (from + rng.usize(1..=256)).min(other.len());
                v.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    v.truncate(MAX_LEN);
    v
}

/// The inputs [`generated`] feeds a target (the same on every run with the same seed).
fn generated_inputs(target: &str) -> Vec<Vec<u8>> {
    let seeds = corpus(target);
    let mut rng = fastrand::Rng::with_seed(seed(target));
    (0..cases()).map(|_| next_input(&mut rng, &seeds)).collect()
}

fn generated(target: &str, check: fn(&[u8])) {
    for (case, input) in generated_inputs(target).into_iter().enumerate() {
        let got = std::panic::catch_unwind(|| check(&input));
        if got.is_err() {
            let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/artifacts"))
                .join(target);
            let file = dir.join(format!("seeded-{}-{case}", seed(target)));
            let saved = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, &input));
            panic!("{target}: generated input {case} fails its check (saved: {file:?}, {saved:?})");
        }
    }
}

#[test]
fn read_generated() {
    generated("read", checks::read);
}

#[test]
fn analyze_generated() {
    generated("analyze", checks::analyze);
}

#[test]
fn facts_generated() {
    generated("facts", checks::facts);
}

#[test]
fn http_body_generated() {
    generated("http_body", checks::http_body);
}

#[test]
fn generated_inputs_are_fixed_and_reach_the_pipeline() {
    // The same seed gives the same bytes (a failure found in CI is found again locally).
    assert_eq!(generated_inputs("analyze"), generated_inputs("analyze"));
    assert_ne!(generated_inputs("analyze"), generated_inputs("facts"));
    // Most inputs become corpora of generated articles, not nothing: the generator makes
    // what the pipeline reads.
    let inputs = generated_inputs("analyze");
    let with_articles = inputs
        .iter()
        .filter_map(|i| checks::gen::corpus(i))
        .filter(|c| c.split(|&b| b == b'\n').any(|l| l.starts_with(b"{")))
        .count();
    assert!(
        with_articles * 2 >= inputs.len(),
        "{with_articles} of {} generated inputs give a record",
        inputs.len()
    );
}
