//! Snippets that highlight what actually matched: the exact phrase where the query has a
//! phrase (not every occurrence of its words, which is what tantivy's `SnippetGenerator`
//! does), and single words elsewhere.

use tantivy::tokenizer::TextAnalyzer;

/// A piece of text with highlighted ranges (code-point offsets into `text`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// One match in the source text, as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub phrase: bool,
}

/// Every place in `text` where one of `phrases` (consecutive tokens) or `words` occurs,
/// sorted and non-overlapping. Tokens are compared after the index's own analysis, so
/// case and diacritics match the way search does.
pub fn find_matches(
    text: &str,
    analyzer: &mut TextAnalyzer,
    phrases: &[&[String]],
    words: &[&str],
) -> Vec<Match> {
    let analyse = |analyzer: &mut TextAnalyzer, s: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(s);
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    };
    let phrase_tokens: Vec<Vec<String>> = phrases
        .iter()
        .map(|p| analyse(analyzer, &p.join(" ")))
        .filter(|p| !p.is_empty())
        .collect();
    let word_tokens: Vec<String> = words.iter().flat_map(|w| analyse(analyzer, w)).collect();
    if phrase_tokens.is_empty() && word_tokens.is_empty() {
        return Vec::new();
    }
    // A sliding window of the last few tokens instead of the whole article's token list:
    // the strings are reused, so a body costs no allocation per token.
    let longest = phrase_tokens.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut window: Vec<(String, usize, usize)> = vec![(String::new(), 0, 0); longest];
    let mut seen = 0usize;
    let mut found = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        let slot = seen % longest;
        window[slot].0.clone_from(&t.text);
        window[slot].1 = t.offset_from;
        window[slot].2 = t.offset_to;
        seen += 1;
        // Token `seen - 1` just arrived; a phrase of n tokens ends here if the previous
        // n - 1 tokens match too.
        for p in &phrase_tokens {
            let n = p.len();
            if n > seen {
                continue;
            }
            let first = seen - n;
            let all = (0..n).all(|k| window[(first + k) % longest].0 == p[k]);
            if all {
                found.push(Match {
                    start: window[first % longest].1,
                    end: t.offset_to,
                    phrase: true,
                });
            }
        }
        if word_tokens.contains(&t.text) {
            found.push(Match {
                start: t.offset_from,
                end: t.offset_to,
                phrase: false,
            });
        }
    }
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut merged: Vec<Match> = Vec::with_capacity(found.len());
    for m in found {
        match merged.last_mut() {
            Some(last) if m.start < last.end => {
                last.end = last.end.max(m.end);
                last.phrase |= m.phrase;
            }
            _ => merged.push(m),
        }
    }
    merged
}

/// A window of about `max_chars` around the best match: the first phrase match if there is
/// one, else the first word match, else the start of the text.
pub fn make_snippet(text: &str, matches: &[Match], max_chars: usize) -> Snippet {
    let anchor = matches
        .iter()
        .find(|m| m.phrase)
        .or_else(|| matches.first())
        .map(|m| m.start)
        .unwrap_or(0);
    // Start a little before the anchor, on a word boundary.
    let lead = max_chars / 4;
    let mut start = anchor;
    let mut back = 0;
    while start > 0 && back < lead {
        start = prev_boundary(text, start);
        back += 1;
    }
    if start > 0 {
        if let Some(sp) = text[start..anchor].find(char::is_whitespace) {
            start += sp;
        }
    }
    let mut end = start;
    let mut count = 0;
    while end < text.len() && count < max_chars {
        end = next_boundary(text, end);
        count += 1;
    }
    if end < text.len() {
        if let Some(sp) = text[anchor.min(end)..end].rfind(char::is_whitespace) {
            end = anchor.min(end) + sp;
        }
    }
    let mut out = String::new();
    let mut highlights = Vec::new();
    let prefix = start > 0;
    if prefix {
        out.push('…');
    }
    let mut pos = start;
    let mut chars_out = out.chars().count();
    for m in matches.iter().filter(|m| m.start >= start && m.end <= end) {
        chars_out += push_clean(&mut out, &text[pos..m.start]);
        let hs = chars_out;
        chars_out += push_clean(&mut out, &text[m.start..m.end]);
        highlights.push((hs, chars_out));
        pos = m.end;
    }
    push_clean(&mut out, &text[pos..end]);
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    if end < text.len() {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights,
    }
}

/// Append `s` with runs of whitespace collapsed to one space; returns code points written.
fn push_clean(out: &mut String, s: &str) -> usize {
    let mut n = 0;
    let mut last_space = out.ends_with(' ');
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            if !last_space {
                out.push(' ');
                n += 1;
                last_space = true;
            }
        } else {
            out.push(c);
            n += 1;
            last_space = false;
        }
    }
    n
}

fn prev_boundary(s: &str, mut i: usize) -> usize {
    i -= 1;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn next_boundary(s: &str, mut i: usize) -> usize {
    i += 1;
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    fn analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build()
    }

    #[test]
    fn phrase_highlighted_not_its_words_elsewhere() {
        let text = "Bad news. He gave some bad answers to simple questions about answers.";
        let phrase = vec!["bad".to_string(), "answers".to_string()];
        let m = find_matches(text, &mut analyzer(), &[&phrase], &[]);
        assert_eq!(m.len(), 1);
        assert_eq!(&text[m[0].start..m[0].end], "bad answers");
        let s = make_snippet(text, &m, 200);
        let (a, b) = s.highlights[0];
        let hl: String = s.text.chars().skip(a).take(b - a).collect();
        assert_eq!(hl, "bad answers");
    }

    #[test]
    fn words_are_case_insensitive() {
        let text = "The Senate voted. The senate adjourned.";
        let m = find_matches(text, &mut analyzer(), &[], &["SENATE"]);
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn snippet_windows_long_text_and_collapses_newlines() {
        let text = format!(
            "{}\n\nthe needle here\n{}",
            "word ".repeat(200),
            "tail ".repeat(200)
        );
        let m = find_matches(&text, &mut analyzer(), &[], &["needle"]);
        let s = make_snippet(&text, &m, 120);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.contains("the needle here"));
        assert!(!s.text.contains('\n'));
        assert!(s.text.chars().count() <= 124);
    }
}
