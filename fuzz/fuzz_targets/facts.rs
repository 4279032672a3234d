//! Fuzz target `facts`: see `checks::facts` for what it checks. Run from the repository root:
//! `cargo fuzz run -s none facts fuzz/corpus/facts` (see fuzz/README.md).
#![no_main]

#[path = "checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::gen::panic_hook();
    checks::facts(data);
});
