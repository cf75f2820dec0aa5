//! News text carries control and bidi characters; never send them raw to a terminal.

/// Replace control characters (except tab) and bidi overrides with spaces or drop them, so
/// article text cannot move the cursor, change colours or reorder the line on a terminal.
pub fn for_terminal(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => Some(' '),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_escape_and_bidi() {
        assert_eq!(
            super::for_terminal("a\u{1b}[31mb\u{202E}c\nd"),
            "a [31mbc d"
        );
    }
}
