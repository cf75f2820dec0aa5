//! Which body token positions a span of the article text covers, as the index numbers them.
//!
//! The index's analyzer ([`super::tokenizer`], registered by
//! [`super::schema::register_tokenizers`]) splits text as tantivy's `SimpleTokenizer` does: a
//! token is a maximal run of alphanumeric characters, and positions count every run,
//! including runs dropped for length. So a token's position is the number of runs before it,
//! and a quote's positions can be found by counting runs, without building a single token.

/// For each span of code-point offsets `[start, end)` into `text`, the positions `[from, to)`
/// of the tokens that start inside it. Spans may overlap and come in any order.
pub fn token_ranges(text: &str, spans: &[(usize, usize)]) -> Vec<(u32, u32)> {
    let mut marks: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    marks.sort_unstable();
    marks.dedup();
    // runs_before[i]: how many tokens start before code point marks[i].
    let mut runs_before = Vec::with_capacity(marks.len());
    let mut runs = 0u32;
    let mut in_run = false;
    let bytes = text.as_bytes();
    let (mut at, mut cp) = (0, 0); // byte offset and code-point offset of the next char
    while at < bytes.len() && runs_before.len() < marks.len() {
        while runs_before.len() < marks.len() && marks[runs_before.len()] <= cp {
            runs_before.push(runs);
        }
        // ASCII (most news text) needs no decoding.
        let (alnum, len) = match bytes[at] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => {
                let c = text[at..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        if alnum && !in_run {
            runs += 1;
        }
        in_run = alnum;
        at += len;
        cp += 1;
    }
    runs_before.resize(marks.len(), runs);
    let at = |offset: usize| runs_before[marks.binary_search(&offset).unwrap_or(0)];
    spans.iter().map(|&(s, e)| (at(s), at(e))).collect()
}

#[cfg(test)]
mod tests {
    use super::token_ranges;
    use crate::index::schema::{register_tokenizers, TOKENIZER};
    use proptest::prelude::*;

    /// Positions of the tokens that start inside each span, as tantivy's `SimpleTokenizer`
    /// numbers every run; first checks that the index's own analyzer numbers the tokens it
    /// keeps the same way (a token it drops for length still takes its position).
    fn analyzer_ranges(text: &str, spans: &[(usize, usize)]) -> Vec<(u32, u32)> {
        let cp = |byte: usize| text[..byte].chars().count();
        let mut simple =
            tantivy::tokenizer::TextAnalyzer::from(tantivy::tokenizer::SimpleTokenizer::default());
        let mut all = Vec::new(); // (code-point start, position) of every run
        let mut stream = simple.token_stream(text);
        while let Some(t) = stream.next() {
            all.push((cp(t.offset_from), t.position as u32));
        }
        let index = tantivy::Index::create_in_ram(crate::index::schema::build().0);
        register_tokenizers(&index);
        let mut analyzer = index.tokenizers().get(TOKENIZER).unwrap();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            let kept = (cp(t.offset_from), t.position as u32);
            assert!(
                all.contains(&kept),
                "{text:?}: {kept:?} is not a run's position"
            );
        }
        let first = |at: usize| {
            all.iter()
                .find(|t| t.0 >= at)
                .map_or(all.len() as u32, |t| t.1)
        };
        spans
            .iter()
            .map(|&(s, e)| (first(s), first(e).max(first(s))))
            .collect()
    }

    #[test]
    fn counts_tokens_like_the_analyzer() {
        let long = "x".repeat(60);
        let cases: &[(&str, &[(usize, usize)])] = &[
            ("He said \"we will win\" today.", &[(8, 21)]),
            ("\"One two,\" she said. \"Three.\"", &[(0, 10), (21, 29)]),
            ("Ça va? «Très bien», dit-il.", &[(7, 18)]),
            ("", &[(0, 0)]),
            ("a b c", &[(4, 9), (0, 1)]),
        ];
        for (text, spans) in cases {
            assert_eq!(
                token_ranges(text, spans),
                analyzer_ranges(text, spans),
                "{text:?}"
            );
        }
        // A token dropped for length keeps its position: the words after it are numbered
        // as if it were there.
        let text = format!("one {long} \"three four\"");
        let spans = [(65, 77)];
        assert_eq!(token_ranges(&text, &spans), vec![(2, 4)]);
        // Also when it ends the text.
        let text = format!("a \"b\" {long}");
        assert_eq!(token_ranges(&text, &[(2, 5), (6, 6)]), vec![(1, 2), (2, 2)]);
    }

    proptest! {
        #[test]
        fn agrees_with_the_analyzer(
            text in "[a-zA-Z0-9 ,.\"'éüß東京ǅ-]{0,80}",
            raw in proptest::collection::vec((0usize..90, 0usize..30), 1..4),
        ) {
            let n = text.chars().count();
            let spans: Vec<(usize, usize)> = raw
                .iter()
                .map(|&(s, len)| (s.min(n), (s + len).min(n)))
                .collect();
            prop_assert_eq!(token_ranges(&text, &spans), analyzer_ranges(&text, &spans));
        }
    }
}
