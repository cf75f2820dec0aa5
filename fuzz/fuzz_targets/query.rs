//! The query pre-parser must never panic: any input is either a rewritten query or a
//! `BadQuery` error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    let _ = quotebook::query::parse::prepare(query);
});
