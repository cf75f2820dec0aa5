//! The analyzer of every full-text field, fused into one tokenizer.
//!
//! It produces exactly the token stream of tantivy's chain
//! `SimpleTokenizer → RemoveLongFilter::limit(48) → LowerCaser → AsciiFoldingFilter`
//! (same text, position, offsets and position length for every token), which indexes written
//! before it existed were built with, so they stay readable and queries match the same way.
//! The chain looks at each token four times (find its end char by char, then three
//! `is_ascii`/lower-case/fold passes, each stage behind its own `advance`); news text is
//! almost all ASCII, so here a token is found by scanning bytes, and an ASCII token is copied
//! and lower-cased in place. Only a token with a non-ASCII character takes the slow path:
//! per-character Unicode lower-casing as `LowerCaser` does it, then, if the result is still
//! not ASCII, tantivy's own `AsciiFoldingFilter` (so the folding table cannot drift from the
//! chain's). All buffers are reused from token to token.
//!
//! Semantics kept from the chain, which are easy to get wrong:
//! - a token is a maximal run of chars for which `char::is_alphanumeric` holds (so `_`,
//!   apostrophes and most emoji split words; CJK ideographs and other-script digits do not);
//! - a token of 48 bytes or more *of the original text* is dropped, but still takes a
//!   position: the next token's position is one more than it would be without the gap
//!   (`RemoveLongFilter` only skips what the tokenizer already numbered);
//! - lower-casing is per character (`char::to_lowercase`), not `str::to_lowercase`: no
//!   final-sigma rule, and `İ` becomes two chars; a token may change length in bytes, but its
//!   offsets always point at the original text.

use std::mem;

use tantivy::tokenizer::{
    AsciiFoldingFilter, RawTokenizer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Tokens of this many bytes (in the original text) or more are dropped, as by
/// `RemoveLongFilter::limit(48)`: such runs are URLs, base64 blobs or glued-together words,
/// and only bloat the term dictionary.
pub const TOKEN_LIMIT: usize = 48;

/// Whether an ASCII byte belongs to a word: one table load in the scanning loops instead of
/// the three range tests of `u8::is_ascii_alphanumeric`.
const ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// tantivy's folding filter over a one-token "tokenizer", used as a function from a lower-cased
/// token to its folded form.
type Folder = <AsciiFoldingFilter as TokenFilter>::Tokenizer<RawTokenizer>;

/// The `qb` analyzer as one tokenizer; see the module documentation.
#[derive(Clone)]
pub struct QbTokenizer {
    token: Token,
    /// Lower-cased text of a non-ASCII token, waiting to be folded.
    scratch: String,
    fold: Folder,
}

impl Default for QbTokenizer {
    fn default() -> QbTokenizer {
        QbTokenizer {
            token: Token::default(),
            scratch: String::new(),
            fold: AsciiFoldingFilter.transform(RawTokenizer::default()),
        }
    }
}

pub struct QbTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next token starts.
    cursor: usize,
    token: &'a mut Token,
    scratch: &'a mut String,
    fold: &'a mut Folder,
}

impl Tokenizer for QbTokenizer {
    type TokenStream<'a> = QbTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> QbTokenStream<'a> {
        self.token.reset();
        QbTokenStream {
            text,
            cursor: 0,
            token: &mut self.token,
            scratch: &mut self.scratch,
            fold: &mut self.fold,
        }
    }
}

/// The char starting at byte `at` of `text` (which must be a char boundary).
#[inline]
fn char_at(text: &str, at: usize) -> char {
    // The callers only ask at boundaries they stepped to, so there is always a char here.
    text[at..].chars().next().unwrap_or('\0')
}

impl QbTokenStream<'_> {
    /// Start of the next token at or after the cursor, if any.
    #[inline]
    fn next_start(&self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut i = self.cursor;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if ASCII_WORD[usize::from(b)] {
                    return Some(i);
                }
                i += 1;
            } else {
                let c = char_at(self.text, i);
                if c.is_alphanumeric() {
                    return Some(i);
                }
                i += c.len_utf8();
            }
        }
        None
    }

    /// End of the token starting at `start`, and whether it is all ASCII.
    #[inline]
    fn token_end(&self, start: usize) -> (usize, bool) {
        let bytes = self.text.as_bytes();
        let mut ascii = true;
        let mut i = start;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !ASCII_WORD[usize::from(b)] {
                    break;
                }
                i += 1;
            } else {
                let c = char_at(self.text, i);
                if !c.is_alphanumeric() {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        (i, ascii)
    }

    /// Lower-case and fold a token that has a non-ASCII char, as `LowerCaser` then
    /// `AsciiFoldingFilter` would.
    #[cold]
    fn fill_unicode(&mut self, word: &str) {
        let text = &mut self.token.text;
        for c in word.chars() {
            text.extend(c.to_lowercase());
        }
        if text.is_ascii() {
            // Lower-casing alone made it ASCII (e.g. the Kelvin sign): nothing to fold.
            return;
        }
        mem::swap(text, self.scratch);
        text.clear();
        let mut folded = self.fold.token_stream(self.scratch.as_str());
        if folded.advance() {
            text.push_str(&folded.token().text);
        }
    }
}

impl TokenStream for QbTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // As in `SimpleTokenizer`: every attempt clears the text and takes a position,
            // including the last one that finds nothing, and a dropped long token.
            self.token.text.clear();
            self.token.position = self.token.position.wrapping_add(1);
            let Some(start) = self.next_start() else {
                self.cursor = self.text.len();
                return false;
            };
            let (end, ascii) = self.token_end(start);
            self.cursor = end;
            self.token.offset_from = start;
            self.token.offset_to = end;
            if end - start >= TOKEN_LIMIT {
                continue;
            }
            let word = &self.text[start..end];
            if ascii {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                self.fill_unicode(word);
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The four-stage tantivy chain [`QbTokenizer`] reproduces token for token (what
/// `register_tokenizers` once built): the reference for its tests and for
/// `bench/src/bin/tokenize-speed.rs`.
pub fn reference_chain() -> tantivy::tokenizer::TextAnalyzer {
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use tantivy::tokenizer::TextAnalyzer;

    /// Every token, plus the token as left after the stream ended (position and offsets
    /// of the last attempt), which is all a caller could observe.
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> (Vec<Token>, Token) {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        (out, stream.token().clone())
    }

    fn assert_same(text: &str) {
        let (old, old_end) = tokens(&mut reference_chain(), text);
        let mut fused = TextAnalyzer::from(QbTokenizer::default());
        let (new, new_end) = tokens(&mut fused, text);
        assert_eq!(new, old, "{text:?}");
        assert_eq!(new_end, old_end, "{text:?} (after the last token)");
        // A reused tokenizer (as tantivy reuses one per field) must not carry anything over.
        let (again, _) = tokens(&mut fused, text);
        assert_eq!(again, old, "{text:?} (second run)");
    }

    #[test]
    fn table() {
        let long = "a".repeat(47);
        let too_long = "b".repeat(48);
        let cases = [
            "",
            " ",
            "Hello, happy tax payer!",
            "Sen. O'Neill's bill_number H.R.1234 passed 99-1.",
            "snake_case and CamelCase and ALLCAPS",
            "Müller, Ærø, Œuvre, straße, façade, naïve — Ångström",
            "ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ",
            "İstanbul DİYARBAKIR ǅemal",
            "Kelvin: 5\u{212A} and \u{212B}",
            "ﬁnance ﬂow Ⅻ ½ ² ٣٤ ४२",
            "東京都 中华人民共和国 한국어 日本語のテキスト",
            "emoji 😀👍🏽 mixed😀in text 🇺🇸 flag",
            "combining e\u{301}t\u{E9} cafe\u{301}",
            "tabs\tand\nnewlines\r\nand\u{A0}nbsp\u{2003}em",
            // 47 and 48 bytes: the first is kept, the second dropped but numbered.
            &format!("x {long} y {too_long} z"),
            &format!("{too_long} first"),
            &format!("last {too_long}"),
            // Long in bytes but not in chars: 24 two-byte chars (48 bytes) is dropped.
            &format!("{} after", "é".repeat(24)),
            &format!("{} after", "é".repeat(23)),
            // Long after lower-casing only: İ (2 bytes) lower-cases to 3 bytes.
            &format!("{} after", "İ".repeat(23)),
            &format!("{} after", "ÄÖÜ".repeat(8)),
            "trailing punctuation...",
            "a",
            "...",
            "x\u{0}y",
        ];
        for text in cases {
            assert_same(text);
        }
    }

    #[test]
    fn positions_skip_dropped_tokens() {
        let text = format!("one {} two", "z".repeat(60));
        let mut fused = TextAnalyzer::from(QbTokenizer::default());
        let (got, _) = tokens(&mut fused, &text);
        let seen: Vec<(&str, usize)> = got.iter().map(|t| (t.text.as_str(), t.position)).collect();
        assert_eq!(seen, [("one", 0), ("two", 2)]);
    }

    /// Text mostly made of ASCII words, with some accented, non-Latin and symbol chars.
    fn asciiish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            8 => "[A-Za-z0-9]{1,12}",
            3 => "[ ,.;:'\"()_\\-\n\t]{1,3}",
            1 => "[A-Za-z]{40,60}",
            1 => "[éÉüÜßøØæÆœŒçÇñÑİıΣσςΑ-Ωа-яА-Я]{1,6}",
            1 => "[\u{212A}\u{212B}\u{FB01}\u{2160}-\u{216F}\u{0660}-\u{0669}\u{00B2}\u{00BD}]{1,3}",
            1 => "[\u{4E00}-\u{4E80}\u{AC00}-\u{AC40}\u{3040}-\u{309F}]{1,5}",
            1 => "[\u{1F600}-\u{1F64F}\u{1F3FB}-\u{1F3FF}\u{200D}\u{0300}-\u{036F}]{1,3}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn same_as_chain_on_any_text(text in any::<String>()) {
            assert_same(&text);
        }

        #[test]
        fn same_as_chain_on_ascii_heavy_text(text in asciiish()) {
            assert_same(&text);
        }
    }
}
