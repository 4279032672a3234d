//! Fuzz target `analyze`: see `checks::analyze` for what it checks. Run from the repository root:
//! `cargo fuzz run -s none analyze fuzz/corpus/analyze` (see fuzz/README.md).
#![no_main]

#[path = "checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::gen::panic_hook();
    checks::analyze(data);
});
