//! Quote extraction and attribution: text in, quotes out.
//!
//! Depends on nothing but [`crate::model`]: no files, no tantivy, no clap. Total: every input
//! string yields a (possibly empty) list of quotes, never an error or a panic.
//!
//! Pipeline, one file per job:
//! - [`quotes`]: find quotation spans per paragraph (marks, markup, inch marks, reopening);
//! - [`text`]: tokens outside quotes, sentence boundaries, code-point offsets;
//! - [`names`]: capitalised runs, titles, the article's entities (surname → full name);
//! - [`cues`]: the reporting-verb lexicon;
//! - [`attribution`]: the sieves that link each quote to a mention and the mention to a name.

mod attribution;
mod cues;
pub mod gender;
mod lexicon;
mod names;
mod pronouns;
mod quotes;
mod text;

#[cfg(test)]
mod dev;
#[cfg(test)]
mod tests;

use crate::model::Quote;

/// Quotes of at most this many words are kept only when their own sentence attributes them:
/// short quoted stretches are mostly titles, nicknames and scare quotes.
const SHORT_QUOTE_WORDS: usize = 3;

/// Find every direct quotation in `text` and attribute it to a speaker.
///
/// Offsets are code points into `text`, quotation marks excluded; quotes are sorted by start
/// and never overlap.
pub fn extract(text: &str) -> Vec<Quote> {
    extract_with(text, Meta::default())
}

/// What is known of an article besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Meta<'a> {
    /// The author or byline its metadata gives (`Office of Sen. Jane Roe`): the speaker of
    /// quotes the text attributes to no one, when it names an office or an official.
    pub author: Option<&'a str>,
}

impl<'a> Meta<'a> {
    /// What an ingested article's metadata tells.
    pub fn of(article: &'a crate::model::Article) -> Self {
        Meta {
            author: article.author.as_deref(),
        }
    }
}

/// [`extract`], with what the article's metadata tells.
pub fn extract_with(text: &str, meta: Meta) -> Vec<Quote> {
    let paras = quotes::paragraphs(text);
    let spans = quotes::detect(text, &paras);
    if spans.is_empty() {
        return Vec::new();
    }
    let toks = text::tokenize(text, &paras, &spans);
    let mut reg = names::Registry::build(text, &toks);
    let attrs = attribution::attribute(text, &toks, &spans, &mut reg, meta.author);
    let mut counter = text::CharCounter::new(text);
    let mut out = Vec::with_capacity(spans.len());
    let mut last_end = 0;
    for (span, attr) in spans.iter().zip(attrs) {
        if span.start < last_end || span.end <= span.start {
            continue;
        }
        let body = &text[span.start..span.end];
        // a short quote nothing attributes is a scare quote or a title, unless it reads as
        // speech
        let scare = !attr.own
            && is_short(body)
            && !(body.ends_with(['!', '?']) || stands_alone(text, &paras, span));
        if scare || (!span.headline && is_title_like(body)) {
            continue;
        }
        last_end = span.end;
        let start = counter.at(span.start);
        let end = counter.at(span.end);
        out.push(Quote {
            start,
            end,
            byte_start: span.start,
            byte_end: span.end,
            text: body.to_string(),
            speaker: attr.speaker,
            speaker_mention: attr.mention,
            speaker_title: attr.title,
            cue: attr.cue,
            paragraph: span.para,
            sieve: attr.sieve.map(|s| s.name().to_string()),
        });
    }
    out
}

/// What every caller relies on: each quote's code-point span is in bounds, after the previous
/// one, and its `text` is that span and the byte span of `text`. The proptest, the fuzz target
/// and the replay of fuzz regressions all check extraction output with this.
pub fn check_spans(text: &str, quotes: &[Quote]) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for q in quotes {
        if !(q.start < q.end && q.end <= chars.len()) {
            return Err(format!(
                "offsets {}..{} out of range (text has {} chars)",
                q.start,
                q.end,
                chars.len()
            ));
        }
        if q.start < last_end {
            return Err("quotes overlap or are out of order".into());
        }
        last_end = q.end;
        let by_chars: String = chars[q.start..q.end].iter().collect();
        if q.text != by_chars {
            return Err(format!(
                "text {:?} is not the code-point span {by_chars:?}",
                q.text
            ));
        }
        if text.get(q.byte_start..q.byte_end) != Some(q.text.as_str()) {
            return Err(format!(
                "bytes {}..{} are not the text",
                q.byte_start, q.byte_end
            ));
        }
    }
    Ok(())
}

/// `“Face the Nation”`, `“The Art of the Deal”`, `"Meet the Press."`: a few capitalised words
/// with no sentence punctuation of their own are a title or a name, not something a person
/// said. American style puts a comma or period inside the marks, so one is allowed at the end
/// when there are at least two words (`“Denver,” he answered` is a quote).
fn is_title_like(s: &str) -> bool {
    let bare = s.strip_suffix(['.', ',']);
    let s = bare.unwrap_or(s);
    if s.ends_with(['.', '!', '?', ',', '…', ';'])
        || s.contains(['!', '?', ';'])
        || s.split_whitespace().nth(9).is_some()
    {
        return false;
    }
    let mut words = 0;
    for w in s.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        // `The Art of the Deal`: the small words of a title stay lower case
        if !c.is_uppercase() && lexicon::is(w, lexicon::TITLE_SMALL_WORD) {
            continue;
        }
        if !(c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        words += 1;
    }
    words >= if bare.is_some() { 2 } else { 1 }
}

/// A quotation that is its whole paragraph is something said, however short: scare quotes
/// and titles sit inside sentences.
fn stands_alone(text: &str, paras: &[quotes::Para], span: &quotes::Span) -> bool {
    paras.get(span.para).is_some_and(|p| {
        let line = &text[p.start..p.end];
        let lead = line.len() - line.trim_start().len();
        p.start + lead == span.mark_start && text[span.mark_end..p.end].trim().is_empty()
    })
}

fn is_short(s: &str) -> bool {
    s.split_whitespace().nth(SHORT_QUOTE_WORDS).is_none()
}
