//! Fuzz target `http_body`: see `checks::http_body` for what it checks. Run from the repository root:
//! `cargo fuzz run -s none http_body fuzz/corpus/http_body` (see fuzz/README.md).
#![no_main]

#[path = "checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::gen::panic_hook();
    checks::http_body(data);
});
