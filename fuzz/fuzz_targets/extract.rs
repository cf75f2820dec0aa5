//! Quote extraction must never panic on any text, and what it returns must be usable as is:
//! the index stores the code-point offsets and the serve UI slices the article with them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let quotes = quotebook::extract::extract(text);
    if let Err(e) = quotebook::extract::check_spans(text, &quotes) {
        panic!("{e}");
    }
});
