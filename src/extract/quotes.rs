//! Quotation-span detection: which stretches of the text sit between double quotation marks.
//!
//! Owns mark classification (curly, straight, guillemets, low-9, doubled apostrophes), the
//! regions where marks are not quotation marks (markup tags, shortcodes, URLs, inch marks) and
//! pairing. Knows nothing about speakers.
//!
//! Why per line: news text marks paragraphs with newlines, and a quotation never legitimately
//! runs across a paragraph without reopening. Resetting the pairing state at every line is what
//! keeps one stray mark from swallowing the rest of an article (textacy's failure mode).

/// One detected quotation, in byte offsets into the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the opening mark.
    pub mark_start: usize,
    /// First content byte (after the opening mark and any whitespace).
    pub start: usize,
    /// One past the last content byte (before the closing mark, whitespace trimmed).
    pub end: usize,
    /// One past the closing mark, or `end` when the quote was never closed.
    pub mark_end: usize,
    /// Index of the line (paragraph) the quote sits in, counting only non-blank lines.
    pub para: usize,
    /// True when no closing mark was found before the end of the line or a reopening mark.
    pub unclosed: bool,
    /// True when this span opens a paragraph that continues an unclosed quote of the previous
    /// paragraph (news style multi-paragraph quotation).
    pub continues: bool,
    /// `Jane Doe: ‘We Will Win’`: a headline quote, title-cased by convention.
    pub headline: bool,
}

/// A non-blank line: the unit we call a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Para {
    pub start: usize,
    pub end: usize,
}

/// Split `text` into non-blank lines. A blank line (only whitespace) is no paragraph, so
/// single-newline and blank-line conventions give the same paragraph indices.
pub fn paragraphs(text: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let mut start = 0;
    // `find` of an ASCII char is a memchr, not a byte-at-a-time loop
    while let Some(off) = text[start..].find('\n') {
        push_para(text, start, start + off, &mut out);
        start += off + 1;
    }
    push_para(text, start, text.len(), &mut out);
    out
}

fn push_para(text: &str, start: usize, end: usize, out: &mut Vec<Para>) {
    if text[start..end].trim().is_empty() {
        return;
    }
    out.push(Para { start, end });
}

/// How a mark can act before its context is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkKind {
    /// “ « „ ‟ : only ever open (except “ closing a „ pair).
    Open,
    /// ” » : only ever close.
    Close,
    /// " and '' : direction decided by flanking and state.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    kind: MarkKind,
    /// The „ opener, whose closer is “.
    low9: bool,
}

/// Find every quotation in `text`. Spans are sorted and non-overlapping.
pub fn detect(text: &str, paras: &[Para]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut marks = Vec::new();
    let mut prev_unclosed = false;
    for (pi, p) in paras.iter().enumerate() {
        marks.clear();
        collect_marks(text, p.start, p.end, &mut marks);
        let first_content =
            p.start + (text[p.start..p.end].len() - text[p.start..p.end].trim_start().len());
        let opens_with_mark = marks.first().is_some_and(|m| m.at == first_content);
        let continues = prev_unclosed && opens_with_mark;
        let before = out.len();
        prev_unclosed = pair_line(text, p, pi, &marks, continues, &mut out);
        if out.len() == before {
            if let Some(span) = colon_single_quote(text, p, pi) {
                out.push(span);
            }
        }
    }
    out
}

/// `Jane Doe: ‘We Will Win’`: in a line with no double-quoted speech, single marks opened
/// right after a colon and closed at the end of the line quote what the name before the colon
/// said (a headline convention). Elsewhere single marks only nest inside double ones.
fn colon_single_quote(text: &str, p: &Para, pi: usize) -> Option<Span> {
    let line = &text[p.start..p.end];
    // both patterns below hold `‘`, which most lines lack: one memchr-backed scan for it
    // turns them away before two substring searches
    if !line.contains('‘') {
        return None;
    }
    let open = line
        .find(": ‘")
        .map(|i| i + 2)
        .or_else(|| line.find(":‘").map(|i| i + 1))?;
    let rest = line[open..].trim_end().trim_end_matches(['.', '!', '?']);
    if !rest.ends_with('’') {
        return None;
    }
    // byte positions in `line`: the opening mark at `open`, the closing one at `close`
    let close = open + rest.len() - '’'.len_utf8();
    let raw = line.get(open + '‘'.len_utf8()..close)?;
    let inner = raw.trim();
    // a full clause, not a nickname
    if inner.split_whitespace().nth(2).is_none() || inner.contains(['“', '"']) {
        return None;
    }
    let content_start = p.start + open + '‘'.len_utf8() + (raw.len() - raw.trim_start().len());
    let end = content_start + inner.len();
    Some(Span {
        mark_start: p.start + open,
        start: content_start,
        end,
        mark_end: p.start + close + '’'.len_utf8(),
        para: pi,
        unclosed: false,
        continues: false,
        headline: true,
    })
}

fn is_ws(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Characters after which a mark reads as opening: `(“`, `—“`, `:"`.
fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '‘' | '\''
    )
}

/// Characters before which a mark reads as closing: `",` `".` `")`.
fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '—'
            | '–'
            | '-'
            | '…'
            | '’'
            | '\''
            | '/'
    )
}

/// Can this mark open? (next char is content, previous is a boundary)
fn left_flanking(prev: Option<char>, next: Option<char>) -> bool {
    !is_ws(next)
        && (is_ws(prev) || prev.is_some_and(is_open_punct) || prev.is_some_and(is_mark_char))
}

/// Can this mark close? (previous char is content, next is a boundary)
fn right_flanking(prev: Option<char>, next: Option<char>) -> bool {
    !is_ws(prev)
        && (is_ws(next) || next.is_some_and(is_close_punct) || next.is_some_and(is_mark_char))
}

fn is_mark_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Collect the double quotation marks of one line, skipping markup, shortcodes, URLs and
/// inch marks.
fn collect_marks(text: &str, start: usize, end: usize, out: &mut Vec<Mark>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        // skip uninteresting bytes in a tight loop: marks and markup openers are rare
        match find_interesting(&bytes[i..end]) {
            Some(off) => i += off,
            None => break,
        }
        let b = bytes[i];
        match b {
            b'<' => {
                if let Some(j) = skip_tag(bytes, i, end) {
                    i = j;
                    continue;
                }
            }
            b'[' => {
                if let Some(j) = skip_shortcode(bytes, i, end) {
                    i = j;
                    continue;
                }
            }
            // a mark inside a URL (`http://x.org/a"b`); a mark right after one closes a quote
            b'"' if in_url(bytes, i, start)
                && skip_url(bytes, url_start(bytes, i, start), end).is_some_and(|j| j > i) =>
            {
                i = skip_url(bytes, url_start(bytes, i, start), end)
                    .unwrap_or(i + 1)
                    .max(i + 1);
                continue;
            }
            b'"' if !is_inch_mark(bytes, i, start) => {
                out.push(Mark {
                    at: i,
                    len: 1,
                    kind: MarkKind::Either,
                    low9: false,
                });
            }
            b'\'' if i + 1 < end && bytes[i + 1] == b'\'' => {
                // Doubled apostrophes (''…'') are one double mark. A run of three is a double
                // mark next to a single one: which side the single sits on depends on whether
                // the run opens or closes, decided by what follows.
                let mut run = 2;
                while i + run < end && bytes[i + run] == b'\'' {
                    run += 1;
                }
                if !(i > start && bytes[i - 1].is_ascii_digit()) {
                    let after = text[i + run..end].chars().next();
                    let at = if run >= 3 && is_ws(after) {
                        i + run - 2
                    } else {
                        i
                    };
                    out.push(Mark {
                        at,
                        len: 2,
                        kind: MarkKind::Either,
                        low9: false,
                    });
                }
                i += run;
                continue;
            }
            0xE2 if i + 2 < end && bytes[i + 1] == 0x80 => match bytes[i + 2] {
                0x9C => out.push(Mark {
                    at: i,
                    len: 3,
                    kind: MarkKind::Open,
                    low9: false,
                }),
                0x9D => out.push(Mark {
                    at: i,
                    len: 3,
                    kind: MarkKind::Close,
                    low9: false,
                }),
                0x9E => out.push(Mark {
                    at: i,
                    len: 3,
                    kind: MarkKind::Open,
                    low9: true,
                }),
                0x9F => out.push(Mark {
                    at: i,
                    len: 3,
                    kind: MarkKind::Open,
                    low9: false,
                }),
                _ => {}
            },
            0xC2 if i + 1 < end => match bytes[i + 1] {
                0xAB => out.push(Mark {
                    at: i,
                    len: 2,
                    kind: MarkKind::Open,
                    low9: false,
                }),
                0xBB => out.push(Mark {
                    at: i,
                    len: 2,
                    kind: MarkKind::Close,
                    low9: false,
                }),
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
}

/// Bytes that can start a mark or a skipped region.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'<' as usize] = true;
    t[b'[' as usize] = true;
    t[0xE2] = true;
    t[0xC2] = true;
    t
};

/// Offset of the first [`INTERESTING`] byte of `bytes`. Eight bytes at a time: most of a
/// line is ASCII text with none of them, and this scan touches every byte of every article.
fn find_interesting(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Does `x` hold the byte `b`? The classic zero-byte test: exact as to whether any byte
    // matches, which is all we ask.
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH != 0
    };
    // A chunk is skipped only when it surely has none: no byte ≥ 0x80 (0xC2, 0xE2) and none
    // of the ASCII ones. Any other chunk is checked byte by byte.
    let maybe =
        |x: u64| x & HIGH != 0 || has(x, b'"') || has(x, b'\'') || has(x, b'<') || has(x, b'[');
    let mut i = 0;
    loop {
        while let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap());
            if maybe(x) {
                break;
            }
            i += 8;
        }
        let end = (i + 8).min(bytes.len());
        if let Some(off) = bytes[i..end].iter().position(|&b| INTERESTING[b as usize]) {
            return Some(i + off);
        }
        if end == bytes.len() {
            return None;
        }
        i = end;
    }
}

/// Start of the whitespace-delimited word containing byte `i`.
fn url_start(bytes: &[u8], i: usize, floor: usize) -> usize {
    // bounded, so a long run of marks without spaces stays linear
    let floor = floor.max(i.saturating_sub(256));
    let mut j = i;
    while j > floor && !bytes[j - 1].is_ascii_whitespace() {
        j -= 1;
    }
    j
}

/// Is the straight mark at `i` inside a URL (`http://x.org/a"b`)? Checked only at marks,
/// which are rare, instead of at every `h` and `w`.
fn in_url(bytes: &[u8], i: usize, floor: usize) -> bool {
    let w = &bytes[url_start(bytes, i, floor)..i];
    w.starts_with(b"http://") || w.starts_with(b"https://") || w.starts_with(b"www.")
}

/// `<tag …>` or `</tag>`: a letter, `/` or `!` right after `<`, closed on the same line.
fn skip_tag(bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    let next = *bytes.get(i + 1)?;
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
        return None;
    }
    let limit = end.min(i + 2000);
    (i + 1..limit).find(|&j| bytes[j] == b'>').map(|j| j + 1)
}

/// WordPress-style shortcodes: `[name attr=…]`, `[/name]`, `[lz_ndn video=1]`. Editorial
/// brackets (`[the bat attack]`, `[emphasis added]`) have no `=` and no `_`, so they stay text.
fn skip_shortcode(bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    let mut j = i + 1;
    if j < end && bytes[j] == b'/' {
        j += 1;
    }
    let name_start = j;
    let mut underscore = false;
    while j < end
        && (bytes[j].is_ascii_lowercase() || bytes[j] == b'_' || bytes[j].is_ascii_digit())
    {
        underscore |= bytes[j] == b'_';
        j += 1;
    }
    if j == name_start || !bytes[name_start].is_ascii_lowercase() {
        return None;
    }
    let limit = end.min(i + 1000);
    let close = (j..limit).find(|&k| bytes[k] == b']' || bytes[k] == b'[')?;
    if bytes[close] != b']' {
        return None;
    }
    let has_eq = bytes[j..close].contains(&b'=');
    let closing_tag = bytes[i + 1] == b'/' && close == j;
    (underscore || has_eq || closing_tag).then_some(close + 1)
}

/// `http://…`, `https://…`, `www.…` up to the next whitespace.
fn skip_url(bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    let rest = &bytes[i..end];
    if !(rest.starts_with(b"http://") || rest.starts_with(b"https://") || rest.starts_with(b"www."))
    {
        return None;
    }
    if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let mut j = i;
    // a straight mark ends the URL only where it could close a quote (`"see http://x.org"`)
    while j < end && !bytes[j].is_ascii_whitespace() {
        if bytes[j] == b'"' && (j + 1 == end || !bytes[j + 1].is_ascii_alphanumeric()) {
            break;
        }
        j += 1;
    }
    Some(j)
}

/// `5'11"` or `12"` : a straight mark right after a digit that completes a feet/inches or
/// plain-inch measurement. A quote that ends with a number (`"in 2016"`) is told apart by
/// what follows: a measurement mark is followed by a letter/space-letter, a closer by
/// punctuation or the end of the line.
fn is_inch_mark(bytes: &[u8], i: usize, line_start: usize) -> bool {
    if i == line_start || !bytes[i - 1].is_ascii_digit() {
        return false;
    }
    // feet and inches: digits, apostrophe, digits, mark
    let mut j = i - 1;
    while j > line_start && bytes[j - 1].is_ascii_digit() {
        j -= 1;
    }
    if j > line_start && (bytes[j - 1] == b'\'' || bytes[j - 1] == b'-') {
        let k = j - 1;
        if k > line_start && bytes[k - 1].is_ascii_digit() {
            return true;
        }
    }
    // plain inches: `a 12" screen`, `12"x8"`
    match bytes.get(i + 1) {
        Some(b' ') => bytes.get(i + 2).is_some_and(|c| c.is_ascii_lowercase()),
        Some(c) => c.is_ascii_alphanumeric(),
        None => false,
    }
}

fn char_before(text: &str, at: usize, floor: usize) -> Option<char> {
    if at <= floor {
        None
    } else {
        text[floor..at].chars().next_back()
    }
}

fn char_after(text: &str, at: usize, ceil: usize) -> Option<char> {
    if at >= ceil {
        None
    } else {
        text[at..ceil].chars().next()
    }
}

/// Pair the marks of one line; returns whether the line ended inside an open quote.
fn pair_line(
    text: &str,
    p: &Para,
    para: usize,
    marks: &[Mark],
    mut continues: bool,
    out: &mut Vec<Span>,
) -> bool {
    // (mark, whether that opener was „)
    let mut open: Option<Mark> = None;
    for m in marks {
        let prev = char_before(text, m.at, p.start);
        let next = char_after(text, m.at + m.len, p.end);
        match (open, m.kind) {
            (None, MarkKind::Open) => open = Some(*m),
            (None, MarkKind::Close) => {} // stray closer: ignore
            (None, MarkKind::Either) => {
                // A straight mark that can only close has nothing to close: stray.
                if right_flanking(prev, next) && !left_flanking(prev, next) {
                    continue;
                }
                open = Some(*m);
            }
            (Some(o), kind) => {
                let closes = match kind {
                    MarkKind::Close => true,
                    // “ closes a „ pair; otherwise an opener inside an open quote means the
                    // previous quote lost its closer (BBC reopening style).
                    MarkKind::Open => {
                        (o.low9 && text[m.at..].starts_with('“'))
                            // a typo'd closer: `…here,“ said Jane` (content before, space after)
                            || (right_flanking(prev, next) && !left_flanking(prev, next))
                    }
                    MarkKind::Either => !left_flanking(prev, next) || right_flanking(prev, next),
                };
                if closes {
                    emit(text, &o, m.at, m.at + m.len, para, false, continues, out);
                    continues = false;
                    open = None;
                } else {
                    // Reopen: end the previous span before the new mark, start a new one.
                    emit(text, &o, m.at, m.at, para, true, continues, out);
                    continues = false;
                    open = Some(*m);
                }
            }
        }
    }
    if let Some(o) = open {
        emit(text, &o, p.end, p.end, para, true, continues, out);
        return true;
    }
    false
}

#[allow(clippy::too_many_arguments)]
fn emit(
    text: &str,
    open: &Mark,
    content_end: usize,
    mark_end: usize,
    para: usize,
    unclosed: bool,
    continues: bool,
    out: &mut Vec<Span>,
) {
    let s0 = open.at + open.len;
    let inner = &text[s0..content_end];
    let trimmed_start = inner.trim_start();
    let start = s0 + (inner.len() - trimmed_start.len());
    let end = start + trimmed_start.trim_end().len();
    if end <= start {
        return;
    }
    out.push(Span {
        mark_start: open.at,
        start,
        end,
        mark_end: if unclosed { end } else { mark_end },
        para,
        unclosed,
        continues,
        headline: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_interesting_matches_a_plain_scan() {
        let pieces: [&[u8]; 12] = [
            b"plain words ",
            b"\"",
            b"'",
            b"<",
            b"[",
            "“".as_bytes(),
            "«".as_bytes(),
            "é".as_bytes(),
            b"x",
            b"0123456789",
            b"  ",
            "—".as_bytes(),
        ];
        // a small deterministic generator: every mix of pieces at every alignment
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5000 {
            let mut s = Vec::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 9) as usize;
            let mut r = seed;
            for _ in 0..n {
                s.extend_from_slice(pieces[(r % 12) as usize]);
                r /= 12;
                if r == 0 {
                    r = seed.rotate_left(17);
                }
            }
            let want = s.iter().position(|&b| INTERESTING[b as usize]);
            assert_eq!(
                find_interesting(&s),
                want,
                "{:?}",
                String::from_utf8_lossy(&s)
            );
        }
    }
}
