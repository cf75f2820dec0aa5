//! Quote extraction must never panic on any text, and its offsets must be valid.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let n = text.chars().count();
    for q in quotebook::extract::extract(text) {
        assert!(q.start <= q.end && q.end <= n, "offsets out of range");
    }
});
