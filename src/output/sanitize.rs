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

/// One message line for stderr: control characters shown escaped (`\n`, `\r`, `\t`,
/// `\x1b`, `\u{9b}`…) and bidi overrides as `\u{202e}`, so that a file name can neither
/// drive the terminal nor split a one-line-per-problem message in two.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}') =>
            {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_line_escapes_controls_and_newlines() {
        assert_eq!(
            super::one_line("a\u{1b}[31m\u{7}b\nc\u{202E}d é"),
            "a\\x1b[31m\\x07b\\nc\\u{202e}d é"
        );
    }

    #[test]
    fn strips_escape_and_bidi() {
        assert_eq!(
            super::for_terminal("a\u{1b}[31mb\u{202E}c\nd"),
            "a [31mbc d"
        );
    }
}
