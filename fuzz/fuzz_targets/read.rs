//! Any bytes, under any of the names that pick a reader, give documents or skips: never a
//! panic, never silence. Run: `cargo fuzz run read` from the repository root (cargo-fuzz needs
//! `RUSTC_BOOTSTRAP=1` on a stable toolchain).
#![no_main]

use corroborate::read::{parse_bytes, ReadConfig};
use corroborate::Corpus;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 7] = ["a.txt", "a.html", "a.jsonl", "a.warc", "a.txt.gz", "a.warc.gz", "a"];

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[which as usize % NAMES.len()];
    let cfg = ReadConfig { max_bytes: 1 << 20 };
    let mut corpus = Corpus::new();
    corpus.add_outcome(parse_bytes(name, Some(name), bytes, &cfg));
    assert!(!corpus.articles.is_empty() || !corpus.skipped.is_empty());
});
