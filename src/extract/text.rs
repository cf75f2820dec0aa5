//! Tokens outside quotations, sentence boundaries and byte → code-point offsets.
//!
//! Attribution reads only the words *outside* quotation marks (a cue or a name inside a quote
//! is the quoted speaker's, not the reporter's), so each quote becomes one opaque token and
//! everything else is split into words and punctuation. One pass, no allocation per token.

use super::quotes::{Para, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct,
    /// A whole quotation, marks included; `quote` is its index.
    Quote,
}

/// First letter is upper case.
pub const CAP: u8 = 1;
/// Ends in a possessive `'s` / `’s` / `s'`.
pub const POSS: u8 = 2;
/// Ends in an abbreviation period that was absorbed (`Sen.`, `J.`, `U.S.`).
pub const ABBR: u8 = 4;

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    pub para: usize,
    /// Quote index for `Kind::Quote`.
    pub quote: usize,
    /// The punctuation character for `Kind::Punct`.
    pub ch: char,
    pub flags: u8,
}

impl Tok {
    pub fn text<'a>(&self, t: &'a str) -> &'a str {
        &t[self.s..self.e]
    }
    pub fn is_cap(&self) -> bool {
        self.flags & CAP != 0
    }
    pub fn is_poss(&self) -> bool {
        self.flags & POSS != 0
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }
    /// The word as part of a name shown to a reader: [`Tok::bare`], except that an initial
    /// keeps its period (`Barbara A. Mikulski`).
    pub fn name_word<'a>(&self, t: &'a str) -> &'a str {
        let w = self.text(t);
        if self.flags & ABBR != 0 && self.flags & POSS == 0 && self.e - self.s == 2 {
            return w;
        }
        self.bare(t)
    }

    /// The word without a possessive ending or absorbed period.
    #[inline]
    pub fn bare<'a>(&self, t: &'a str) -> &'a str {
        let w = self.text(t);
        if self.flags & POSS != 0 {
            for suf in ["'s", "’s", "'S", "’S"] {
                if let Some(x) = w.strip_suffix(suf) {
                    return x;
                }
            }
            for suf in ["'", "’"] {
                if let Some(x) = w.strip_suffix(suf) {
                    return x;
                }
            }
        }
        w.strip_suffix('.').unwrap_or(w)
    }
}

fn is_abbrev(w: &str) -> bool {
    super::lexicon::is(w, super::lexicon::ABBREV)
}

/// ASCII-lowercase `w` into `buf`; `None` when it does not fit or is not ASCII.
pub fn lower_ascii<'a>(w: &'a str, buf: &'a mut [u8]) -> Option<&'a str> {
    let b = w.as_bytes();
    if b.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    // most words asked about are lower case already: hand them back without the copy and
    // the UTF-8 check of the copy (this runs for nearly every token)
    if !b.iter().any(u8::is_ascii_uppercase) {
        return Some(w);
    }
    let out = &mut buf[..b.len()];
    out.copy_from_slice(b);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenize the text outside quotations. Quotes become single `Kind::Quote` tokens.
pub fn tokenize(text: &str, paras: &[Para], quotes: &[Span]) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut qi = 0;
    for (pi, p) in paras.iter().enumerate() {
        let mut i = p.start;
        let line = &text[..p.end];
        while qi < quotes.len() && quotes[qi].mark_start < p.start {
            qi += 1;
        }
        while i < p.end {
            if qi < quotes.len() && quotes[qi].mark_start <= i {
                let q = &quotes[qi];
                let e = q.mark_end.max(q.end);
                toks.push(Tok {
                    s: q.mark_start,
                    e,
                    kind: Kind::Quote,
                    para: pi,
                    quote: qi,
                    ch: '"',
                    flags: 0,
                });
                i = i.max(e);
                qi += 1;
                continue;
            }
            let next_q = if qi < quotes.len() {
                quotes[qi].mark_start.min(p.end)
            } else {
                p.end
            };
            let b0 = line.as_bytes()[i];
            if b0 == b' ' || b0 == b'\t' || b0 == b'\r' {
                i += 1;
                continue;
            }
            // ASCII without decoding: most of an English article
            let c = if b0 < 0x80 {
                char::from(b0)
            } else {
                match line[i..].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            let cl = c.len_utf8();
            if c.is_whitespace() {
                i += cl;
                continue;
            }
            if c.is_alphanumeric() {
                let e = scan_word(line, i, next_q);
                let mut flags = 0;
                if c.is_uppercase() {
                    flags |= CAP;
                }
                let mut end = e;
                let w = &line[i..e];
                // absorb an abbreviation period
                if line[e..next_q].starts_with('.') {
                    let single_initial = w.chars().count() == 1 && c.is_uppercase();
                    if single_initial || w.contains('.') || is_abbrev(w) {
                        end = e + 1;
                        flags |= ABBR;
                    }
                }
                if is_possessive(w) {
                    flags |= POSS;
                }
                toks.push(Tok {
                    s: i,
                    e: end,
                    kind: Kind::Word,
                    para: pi,
                    quote: 0,
                    ch: c,
                    flags,
                });
                i = end;
                continue;
            }
            // a shortcode or tag outside quotes: skip it wholesale
            if c == '[' || c == '<' {
                if let Some(j) = skip_markup(line, i, next_q) {
                    i = j;
                    continue;
                }
            }
            toks.push(Tok {
                s: i,
                e: i + cl,
                kind: Kind::Punct,
                para: pi,
                quote: 0,
                ch: c,
                flags: 0,
            });
            i += cl;
        }
    }
    toks
}

fn skip_markup(line: &str, i: usize, end: usize) -> Option<usize> {
    let b = line.as_bytes();
    let open = b[i];
    let close = if open == b'[' { b']' } else { b'>' };
    let next = *b.get(i + 1)?;
    if open == b'<' && !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
        return None;
    }
    if open == b'[' && !(next.is_ascii_lowercase() || next == b'/') {
        return None;
    }
    let lim = end.min(i + 2000);
    let j = (i + 1..lim).find(|&j| b[j] == close)?;
    if open == b'[' {
        let inner = &line[i + 1..j];
        if !(inner.contains('=')
            || inner.split(' ').next().is_some_and(|w| w.contains('_'))
            || inner.starts_with('/'))
        {
            return None;
        }
    }
    Some(j + 1)
}

fn is_possessive(w: &str) -> bool {
    // every ending below ends in `s`, `S`, `'` or the last byte of `’`
    if !matches!(w.as_bytes().last(), Some(b's' | b'S' | b'\'' | 0x99)) {
        return false;
    }
    w.ends_with("'s")
        || w.ends_with("’s")
        || w.ends_with("'S")
        || w.ends_with("’S")
        || ((w.ends_with("s'") || w.ends_with("s’")) && w.len() > 3)
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
fn ascii_alnum8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let ascii = !x & HIGH;
    // seven-bit bytes, so the per-byte sums below cannot carry into a neighbour
    let x7 = x & !HIGH;
    // `lo..=hi` test: the high bit of `b + 0x80 - lo` is set iff `b >= lo`, and that of
    // `b + 0x7f - hi` iff `b > hi`
    let in_range = |v: u64, lo: u8, hi: u8| {
        v.wrapping_add(ONES * u64::from(0x80 - lo)) & !v.wrapping_add(ONES * u64::from(0x7f - hi))
    };
    // `| 0x20` folds `A..=Z` onto `a..=z` and nothing else onto it
    let alpha = in_range(x7 | (ONES * 0x20), b'a', b'z');
    let digit = in_range(x7, b'0', b'9');
    (alpha | digit) & ascii
}

/// End of the word starting at `i`: alphanumerics joined by inner apostrophes, hyphens,
/// periods between single letters (U.S.), and ampersands.
fn scan_word(line: &str, i: usize, end: usize) -> usize {
    // fast path: a plain ASCII word followed by a plain separator
    let bytes = line.as_bytes();
    let mut f = i;
    // eight bytes at a time: a byte-at-a-time loop mispredicts its exit at every word
    while f + 8 <= end {
        let x = u64::from_le_bytes(bytes[f..f + 8].try_into().unwrap());
        let stop = !ascii_alnum8(x) & 0x8080_8080_8080_8080;
        if stop != 0 {
            f += stop.trailing_zeros() as usize / 8;
            break;
        }
        f += 8;
    }
    while f < end && bytes[f].is_ascii_alphanumeric() {
        f += 1;
    }
    if f > i && (f == end || (bytes[f] < 0x80 && !matches!(bytes[f], b'\'' | b'-' | b'.' | b'&'))) {
        return f;
    }
    let mut j = i;
    let mut it = line[i..end].char_indices().peekable();
    while let Some((off, c)) = it.next() {
        let at = i + off;
        if c.is_alphanumeric() {
            j = at + c.len_utf8();
            continue;
        }
        let next_alnum = it.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if (is_apos(c) || c == '-' || c == '&') && next_alnum && j == at {
            continue;
        }
        if c == '.' && next_alnum && j == at {
            // U.S. / J.D. / D-N.Y. : a single letter before and after the period
            let before_single = line[i..at]
                .chars()
                .rev()
                .nth(1)
                .is_none_or(|p| p == '.' || p == '-');
            if before_single {
                continue;
            }
        }
        if is_apos(c) && j == at && !next_alnum {
            // plural possessive `officials'`
            if line[i..at].ends_with('s') {
                j = at + c.len_utf8();
            }
        }
        break;
    }
    j
}

/// Is token `i` a sentence-ending punctuation mark?
pub fn ends_sentence(toks: &[Tok], i: usize, text: &str) -> bool {
    let t = &toks[i];
    if t.kind != Kind::Punct || !matches!(t.ch, '.' | '!' | '?' | '…') {
        return false;
    }
    match toks.get(i + 1) {
        None => true,
        Some(n) if n.para != t.para => true,
        Some(n) => match n.kind {
            Kind::Quote => true,
            Kind::Word => {
                n.is_cap() || n.ch.is_ascii_digit() || n.s > t.e && text[t.e..n.s].contains('\n')
            }
            Kind::Punct => !matches!(n.ch, ',' | ';' | ')' | '.'),
        },
    }
}

/// Does quotation token `i`'s content end a sentence inside the marks (`"… today."`)?
pub fn quote_ends_sentence(text: &str, q: &Span) -> bool {
    text[q.start..q.end].ends_with(['.', '!', '?', '…'])
}

/// Converts ascending byte offsets to code-point offsets in one forward pass.
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }
    /// Code-point offset of byte `b`; `b` must be a char boundary. Rewinds when asked for an
    /// earlier offset (rare), so it is always correct.
    pub fn at(&mut self, b: usize) -> usize {
        if b < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..b].chars().count();
        self.byte = b;
        self.chars
    }
}

/// The words of `text` that start with a lower-case letter: each run of letters and digits,
/// and each whitespace-separated word with the punctuation around it trimmed (so that
/// `o'clock` and `well-known` are words too).
pub fn lower_case_words(text: &str) -> std::collections::HashSet<&str> {
    let starts_lower = |w: &&str| w.chars().next().is_some_and(char::is_lowercase);
    let runs = text.split(|c: char| !c.is_alphanumeric());
    let words = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    runs.chain(words).filter(starts_lower).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum8_matches_bytewise() {
        for c in 0..=255u8 {
            for pos in 0..8 {
                let mut b = [b'-'; 8];
                b[pos] = c;
                let m = ascii_alnum8(u64::from_le_bytes(b));
                for (k, &x) in b.iter().enumerate() {
                    let bit = (m >> (8 * k + 7)) & 1 == 1;
                    assert_eq!(bit, x.is_ascii_alphanumeric(), "{c:#x} at {pos}, byte {k}");
                }
            }
        }
    }
}
