//! Fuzz target `read`: see `checks::read` for what it checks. Run from the repository root:
//! `cargo fuzz run -s none read fuzz/corpus/read` (see fuzz/README.md).
#![no_main]

#[path = "checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::gen::panic_hook();
    checks::read(data);
});
