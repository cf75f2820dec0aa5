//! Quote extraction must never panic on any text, and what it returns must be usable as is:
//! the index stores the code-point offsets and the serve UI slices the article with them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for q in quotebook::extract::extract(text) {
        assert!(
            q.start < q.end && q.end <= chars.len(),
            "offsets {}..{} out of range (text has {} chars)",
            q.start,
            q.end,
            chars.len()
        );
        assert!(q.start >= last_end, "quotes overlap or are out of order");
        last_end = q.end;
        let by_chars: String = chars[q.start..q.end].iter().collect();
        assert_eq!(q.text, by_chars, "text is not the code-point span");
        assert_eq!(text.get(q.byte_start..q.byte_end), Some(q.text.as_str()));
    }
});
